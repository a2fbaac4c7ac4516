//! The Border Atlas window: its state, and where the intents the panels return are applied,
//! one handler per group of intents ([`crate::intent`]).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{ThemePreference, Ui};

use crate::basemap::Basemap;
use crate::layers::{Layer, LayerSwitches};
use crate::map::{Background, BasemapRenderer, MapAction, MapView, OnlineTiles, Reachability};
use crate::mercator::GeoBounds;
use crate::ui;
use crate::ui::places_list::PlacesListState;
use crate::ui::reader::ReaderTarget;
pub use crate::workspace::Workspace;

pub use crate::intent::{
    Answer, Direction, ExportFormat, ExportIntent, ExportScope, FileIntent, Intent, Overwrite,
    PathPurpose, PresentIntent, SelectMode, SelectionIntent, TourIntent, TourStep, ViewIntent,
    Visibility,
};

pub use crate::state::{Filters, PathPrompt, StatusMessage};

mod chores;
mod exporting;
mod files;
mod layout;
pub mod present;
mod review;
mod session;
mod timeline;
mod user_places;

/// What the lists and the map show, worked out again only when the documents, layers,
/// filters, search or sort change (with 100,000 places, not every frame).
#[derive(Default)]
struct ViewCache {
    key: Option<(u64, String, ui::places_list::SortKey)>,
    shown: Vec<bool>,
    /// Items drawn closed (as of the timeline's date, their latest status closes them).
    closed: Vec<bool>,
    counts: Vec<(Layer, usize)>,
    rows: Vec<usize>,
    timeline: ui::timeline::TimelineView,
}

/// Which tab the side panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// Quotes of the selection.
    #[default]
    Quotes,
    /// The document reader.
    Document,
    /// The tour editor.
    Tour,
    /// The review queue.
    Review,
}

/// What reading in the background brings back: documents, a project, or the session.
pub struct Opened {
    /// The documents and layers read, or why nothing could be; `None` when the work is
    /// left as it was (an import of nothing but bad files).
    pub loaded: Option<Result<Workspace, String>>,
    /// Items to frame once taken in (the features of imported layers).
    pub frame: Vec<String>,
    /// Files that could not be read (the others were).
    pub errors: Vec<String>,
    /// The selection, switches, filters and view to restore.
    pub project: Option<crate::project::Project>,
    /// The project file the work now belongs to (`Some(None)`: none, a new project).
    pub project_path: Option<Option<PathBuf>>,
    /// What to tell the user.
    pub notice: Option<StatusMessage>,
    /// Whether what was read is a project file as saved (no unsaved work).
    pub saved: bool,
}

impl Opened {
    /// What was read, with nothing else to restore or report.
    /// The workspace's index and scene are made here, off the UI thread.
    pub fn new(loaded: Result<Workspace, String>) -> Self {
        Self {
            loaded: Some(loaded.map(Workspace::prepared)),
            ..Self::unchanged()
        }
    }

    /// Nothing to take in: the work stays as it was.
    pub fn unchanged() -> Self {
        Self {
            loaded: None,
            frame: Vec::new(),
            errors: Vec::new(),
            project: None,
            project_path: None,
            notice: None,
            saved: false,
        }
    }
}

/// The application: what it shows and the state behind it.
pub struct BorderAtlasApp {
    /// Where the map looks.
    pub map: MapView,
    /// Shared with the pictures drawn of this app's map, so the basemap is read once.
    renderer: Arc<Result<BasemapRenderer, String>>,
    /// The map's background.
    pub background: Background,
    online_tiles: Option<OnlineTiles>,
    /// The theme the user chose.
    pub theme: ThemePreference,
    /// Colours for a screen or for a projector.
    pub contrast: crate::map::Contrast,
    /// Where the review of the geoparser's decisions stands.
    pub review: crate::state::ReviewState,
    /// Whether the timeline plays.
    pub playing: bool,
    /// When it last stepped (egui's clock).
    last_step: Option<f64>,
    /// Whether the About box is open.
    pub about_open: bool,
    /// The documents and places, once read.
    pub loaded: Option<Workspace>,
    /// Reading documents, a project or layers in the background.
    loading: Option<chores::Running<Opened>>,
    /// Commands that start work in the background, asked for while other work ran; run in
    /// order as each finishes.
    queued: std::collections::VecDeque<Intent>,
    /// Saving or drawing a picture in the background.
    chore: Option<chores::Running<chores::Done>>,
    /// Why reading the documents failed, if it did.
    pub load_error: Option<String>,
    /// The selected items, by id.
    pub selection: BTreeSet<String>,
    /// The item under the pointer on the map.
    pub hovered: Option<String>,
    /// Which layers are drawn.
    pub switches: LayerSwitches,
    /// Which documents and countries are shown.
    pub filters: Filters,
    /// The places list's search and sort.
    pub list: PlacesListState,
    /// The side panel's tab.
    pub side_tab: SideTab,
    /// What the reader shows.
    pub reader: Option<ReaderTarget>,
    box_start: Option<(egui::Pos2, egui::Pos2)>,
    /// Bumped whenever the documents, layers or filters change.
    generation: u64,
    cache: ViewCache,
    /// Files that could not be read, with the reasons, from the last opening.
    pub open_errors: Vec<String>,
    /// The window where a path is typed, when it is open.
    pub prompt: Option<PathPrompt>,
    /// The project file the work belongs to, once opened or saved.
    pub project_path: Option<PathBuf>,
    /// Where the session is saved between runs; `None` keeps nothing.
    pub session_path: Option<PathBuf>,
    session: session::SessionState,
    /// A project to open once the session is restored (from the command line).
    pending_project: Option<PathBuf>,
    /// A project waiting for the answer to "replace the unsaved work?".
    pub confirm_replace: Option<(crate::project::Project, Option<PathBuf>)>,
    /// The work as last saved to or opened from a project file.
    saved_signature: Option<String>,
    /// What the last action did, for the status bar.
    pub status_message: Option<StatusMessage>,
    /// Whether to use the system's file dialogs; off in tests, which never open one.
    pub native_dialogs: bool,
    /// Tours, saved with the project.
    pub tours: Vec<crate::tour::Tour>,
    /// The tour shown in the editor and presented.
    pub tour: usize,
    /// Whether the tour advances by itself, every so many seconds.
    pub auto_advance: Option<f64>,
    /// Presentation mode, when on.
    pub presenting: Option<present::Presenting>,
    /// The size of the last picture exported, in pixels.
    pub image_size: (u32, u32),
}

impl Default for BorderAtlasApp {
    fn default() -> Self {
        Self::new()
    }
}

impl BorderAtlasApp {
    /// The app restoring the last session in the background (the built-in seed corpus
    /// the first time), and saving the work as it changes.
    pub fn new() -> Self {
        Self::with_session(crate::project::default_session_path())
    }

    /// The app with documents already read (for tests and benchmarks); it opens no
    /// native file dialog and asks for typed paths instead.
    pub fn with_loaded(loaded: Workspace) -> Self {
        let mut app = Self::empty();
        app.loaded = Some(loaded);
        app.native_dialogs = false;
        app
    }

    /// The app with no documents and no background reading (for tests of the map alone).
    pub fn without_documents() -> Self {
        Self::empty()
    }

    fn empty() -> Self {
        let renderer = Basemap::embedded()
            .map(BasemapRenderer::new)
            .map_err(|err| err.to_string());
        if let Err(err) = &renderer {
            log::error!("{err}");
        }
        Self::with_renderer(Arc::new(renderer))
    }

    /// An app with nothing read yet, drawing its map with `renderer`.
    fn with_renderer(renderer: Arc<Result<BasemapRenderer, String>>) -> Self {
        Self {
            map: MapView::new(GeoBounds::CENTRAL_ASIA),
            renderer,
            background: Background::OfflineBasemap,
            online_tiles: None,
            theme: ThemePreference::Light,
            contrast: crate::map::Contrast::Normal,
            review: crate::state::ReviewState::default(),
            playing: false,
            last_step: None,
            about_open: false,
            loaded: None,
            loading: None,
            queued: std::collections::VecDeque::new(),
            chore: None,
            load_error: None,
            selection: BTreeSet::new(),
            hovered: None,
            switches: LayerSwitches::default(),
            filters: Filters::default(),
            list: PlacesListState::default(),
            side_tab: SideTab::Quotes,
            reader: None,
            box_start: None,
            generation: 0,
            cache: ViewCache::default(),
            open_errors: Vec::new(),
            prompt: None,
            project_path: None,
            session_path: None,
            session: session::SessionState::default(),
            pending_project: None,
            confirm_replace: None,
            saved_signature: None,
            status_message: None,
            native_dialogs: true,
            tours: Vec::new(),
            tour: 0,
            auto_advance: None,
            presenting: None,
            image_size: (1920, 1080),
        }
    }

    /// The basemap renderer, or why the basemap could not be loaded.
    pub fn basemap(&self) -> Result<&BasemapRenderer, &str> {
        self.renderer.as_ref().as_ref().map_err(String::as_str)
    }

    /// Which items are shown, by index: their layer is on and they pass the filters.
    pub fn shown(&self) -> Vec<bool> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        loaded
            .atlas
            .items
            .iter()
            .map(|i| self.switches.is_on(Layer::of(i.kind)) && self.filters.pass(i))
            .collect()
    }

    /// Items drawn closed on the map (the timeline "as of" a date), by index.
    pub fn closed_items(&self) -> &[bool] {
        &self.cache.closed
    }

    /// Whether the documents are still being read, or other work runs in the background
    /// (or waits for it).
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || !self.queued.is_empty()
    }

    /// What the work in the background does, while it runs ("Importing layers").
    pub fn background_work(&self) -> Option<&'static str> {
        self.loading.as_ref().map(|r| r.what)
    }

    /// What "Fit all" frames: every place of the documents, or Central Asia before any.
    pub fn fit_all_bounds(&self) -> GeoBounds {
        let Some(loaded) = &self.loaded else {
            return GeoBounds::CENTRAL_ASIA;
        };
        let area = self
            .renderer
            .as_ref()
            .as_ref()
            .map_or(GeoBounds::CENTRAL_ASIA, |r| r.basemap().bounds);
        crate::picture::fit_bounds(&loaded.atlas.items, area)
    }

    fn bounds_of(&self, ids: &[&str]) -> Option<GeoBounds> {
        let loaded = self.loaded.as_ref()?;
        let items = ids
            .iter()
            .filter_map(|id| loaded.index().by_id.get(*id))
            .map(|&i| &loaded.atlas.items[i]);
        crate::picture::bounds_of(items)
    }

    /// The colours the map is drawn in: the theme's, or the projector's.
    pub fn palette(&self, ctx: &egui::Context) -> crate::map::Palette {
        crate::map::Palette::of(ctx.theme() == egui::Theme::Dark, self.contrast)
    }

    /// The theme while presenting: a projector palette is light, and so is everything
    /// around it.
    pub fn presented_theme(&self) -> ThemePreference {
        match self.contrast {
            crate::map::Contrast::Projector => ThemePreference::Light,
            crate::map::Contrast::Normal => self.theme,
        }
    }

    /// Opens a project as soon as the documents are read (for a project named on the
    /// command line).
    pub fn open_project_when_ready(&mut self, path: PathBuf) {
        self.pending_project = Some(path);
    }

    /// Applies one intent.
    pub fn run(&mut self, ctx: &egui::Context, intent: Intent) {
        // Work in the background runs one job at a time: what starts another waits its turn
        // and then sees the work as the first left it.
        let starts_work = matches!(
            intent,
            Intent::Files(
                FileIntent::OpenPaths(_) | FileIntent::ImportLayers(_) | FileIntent::OpenProject(_)
            )
        );
        if starts_work && self.loading.is_some() {
            self.queued.push_back(intent);
            return;
        }
        match intent {
            Intent::View(i) => self.run_view(ctx, i),
            Intent::Selection(i) => self.run_selection(i),
            Intent::Files(i) => self.run_file_command(ctx, i),
            Intent::Export(i) => self.run_export(ctx, i),
            Intent::Tour(i) => self.run_tour(i),
            Intent::Present(i) => self.run_present(ctx, i),
            Intent::Review(i) => self.run_review(i),
        }
    }

    fn run_view(&mut self, ctx: &egui::Context, intent: ViewIntent) {
        match intent {
            ViewIntent::Map(MapAction::FitAll) => self.map.fit(self.fit_all_bounds()),
            ViewIntent::Map(action) => action.apply_to(&mut self.map),
            ViewIntent::SetBackground(background) => self.background = background,
            ViewIntent::SetTheme(theme) => self.theme = theme,
            ViewIntent::SetContrast(contrast) => self.contrast = contrast,
            ViewIntent::About(v) => self.about_open = v == Visibility::Shown,
            ViewIntent::Layer(layer, v) => {
                self.switches.set(layer, v == Visibility::Shown);
                self.generation += 1;
            }
            ViewIntent::Document(doc, v) => {
                self.generation += 1;
                set_hidden(
                    &mut self.filters.hidden_documents,
                    doc,
                    v == Visibility::Hidden,
                );
            }
            ViewIntent::Time(t) => self.run_time(t),
            ViewIntent::Unverified(v) => {
                self.generation += 1;
                self.filters.verified_only = v == Visibility::Hidden;
            }
            ViewIntent::Country(country, v) => {
                self.generation += 1;
                set_hidden(
                    &mut self.filters.hidden_countries,
                    country,
                    v == Visibility::Hidden,
                );
            }
            ViewIntent::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn run_selection(&mut self, intent: SelectionIntent) {
        match intent {
            SelectionIntent::Select(ids, mode) => {
                if mode == SelectMode::Replace {
                    self.selection.clear();
                }
                for id in ids {
                    if mode == SelectMode::Toggle && self.selection.contains(&id) {
                        self.selection.remove(&id);
                    } else {
                        self.selection.insert(id);
                    }
                }
                self.side_tab = SideTab::Quotes;
            }
            SelectionIntent::Focus(id) => {
                self.selection = BTreeSet::from([id]);
                self.run_selection(SelectionIntent::ZoomTo);
            }
            SelectionIntent::Clear => self.selection.clear(),
            SelectionIntent::ZoomTo => {
                let ids: Vec<&str> = self.selection.iter().map(String::as_str).collect();
                if let Some(bounds) = self.bounds_of(&ids) {
                    self.map.fit(bounds);
                }
            }
            SelectionIntent::OpenPassage(source) => {
                if let Some(loaded) = &self.loaded {
                    let items = loaded
                        .index()
                        .items_of_passage
                        .get(&source)
                        .cloned()
                        .unwrap_or_default();
                    self.selection = items
                        .iter()
                        .map(|&i| loaded.atlas.items[i].id.clone())
                        .collect();
                }
                self.reader = Some(ReaderTarget {
                    source,
                    scroll: true,
                    date_text: String::new(),
                });
                self.side_tab = SideTab::Document;
                let ids: Vec<&str> = self.selection.iter().map(String::as_str).collect();
                if let Some(bounds) = self.bounds_of(&ids) {
                    self.map.fit(bounds);
                }
            }
        }
    }

    /// The state of online tiles, when they are on (starting them on first use).
    fn tiles_status(&mut self, ctx: &egui::Context) -> Option<Reachability> {
        if self.background != Background::OpenStreetMap {
            return None;
        }
        let tiles = self.online_tiles.get_or_insert_with(|| {
            OnlineTiles::new(ctx, crate::map::online_tiles::default_cache_dir())
        });
        Some(tiles.reachability(ctx))
    }
}

/// Adds `value` to a set of hidden things, or takes it out.
fn set_hidden<T: Ord>(hidden: &mut BTreeSet<T>, value: T, hide: bool) {
    if hide {
        hidden.insert(value);
    } else {
        hidden.remove(&value);
    }
}

impl eframe::App for BorderAtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
