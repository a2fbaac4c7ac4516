//! The Border Atlas window: its state, and where the intents the panels return are applied,
//! one handler per group of intents ([`crate::intent`]).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use egui::{CentralPanel, Frame, ThemePreference, Ui};

use crate::atlas::Atlas;
use crate::atlas_view::AtlasIndex;
use crate::basemap::Basemap;
use crate::corpus::Corpus;
use crate::geoparse::Geoparser;
use crate::layers::{Layer, LayerSwitches};
use crate::map::{
    Background, BasemapRenderer, MapAction, MapPointer, MapView, OnlineTiles, PlacesLayer,
    PlacesScene, Reachability, map_ui,
};
use crate::mercator::GeoBounds;
use crate::ui;
use crate::ui::places_list::PlacesListState;
use crate::ui::reader::ReaderTarget;

pub use crate::intent::{
    Answer, Direction, ExportFormat, ExportIntent, ExportScope, FileIntent, Intent, Overwrite,
    PathPurpose, PresentIntent, SelectMode, SelectionIntent, TourIntent, TourStep, ViewIntent,
    Visibility,
};

pub use crate::state::{Filters, PathPrompt, StatusMessage};

mod chores;
mod files;
pub mod present;

/// What the lists and the map show, worked out again only when the documents, layers,
/// filters, search or sort change (with 100,000 places, not every frame).
#[derive(Default)]
struct ViewCache {
    key: Option<(u64, String, ui::places_list::SortKey)>,
    shown: Vec<bool>,
    counts: Vec<(Layer, usize)>,
    rows: Vec<usize>,
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
}

/// What reading in the background brings back: documents, a project, or the session.
pub struct Opened {
    /// The documents and layers read, or why nothing could be; `None` when the work is
    /// left as it was (an import of nothing but bad files).
    pub loaded: Option<Result<Loaded, String>>,
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
    pub fn new(loaded: Result<Loaded, String>) -> Self {
        Self {
            loaded: Some(loaded),
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

/// The documents read and what was found in them, with the lookups the panels use.
#[derive(Clone)]
pub struct Loaded {
    /// The geoparser, kept to read more documents.
    pub geoparser: Arc<Geoparser>,
    /// Documents and places.
    pub atlas: Arc<Atlas>,
    /// Lookups for the panels.
    pub index: AtlasIndex,
    /// The places ready to draw (shared with pictures drawn of them).
    pub scene: Arc<PlacesScene>,
}

impl Loaded {
    /// Prepares an atlas for the window.
    pub fn new(atlas: Atlas, geoparser: Arc<Geoparser>) -> Self {
        let names_of = |i: usize| {
            let Some(place) = atlas.items[i]
                .place
                .and_then(|p| geoparser.gazetteer().get(p))
            else {
                return Vec::new();
            };
            place.variants.clone()
        };
        let index = AtlasIndex::new(&atlas, names_of);
        let scene = Arc::new(PlacesScene::new(&atlas));
        Self {
            geoparser,
            atlas: Arc::new(atlas),
            index,
            scene,
        }
    }

    /// Reads the seed corpus (slow: run it off the UI thread).
    pub fn seeds() -> Result<Self, String> {
        let geoparser = Arc::new(Geoparser::embedded().map_err(|e| e.to_string())?);
        let atlas = Atlas::build(Corpus::seeds(), &geoparser);
        Ok(Self::new(atlas, geoparser))
    }

    /// The corpus of `atlas` with the files at `paths` added; the files that cannot be read
    /// come back with their reasons and nothing already read is lost (slow: run it off the
    /// UI thread).
    pub fn with_files(
        atlas: &Atlas,
        geoparser: Arc<Geoparser>,
        paths: &[PathBuf],
    ) -> (Self, Vec<crate::corpus::LoadError>) {
        let (new_docs, errors) = crate::corpus::read_paths(paths);
        let atlas = atlas.with_documents(new_docs, &geoparser);
        (Self::new(atlas, geoparser), errors)
    }

    /// The seed corpus with a project's documents and layers (slow: run it off the UI
    /// thread).
    pub fn from_project(
        project: &crate::project::Project,
        geoparser: Arc<Geoparser>,
    ) -> Result<Self, crate::project::ProjectError> {
        let layers = project.imported_layers()?;
        let mut corpus = Corpus::seeds();
        corpus.documents.extend(
            project
                .documents
                .iter()
                .map(|d| crate::corpus::Document::new(d.file_name.clone(), d.text.clone())),
        );
        let atlas = Atlas::build(corpus, &geoparser).with_layers(layers);
        Ok(Self::new(atlas, geoparser))
    }

    /// The same documents with the atlas changed (layers added or removed).
    pub fn with_atlas(&self, atlas: Atlas) -> Self {
        Self::new(atlas, self.geoparser.clone())
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
    /// Whether the About box is open.
    pub about_open: bool,
    /// The documents and places, once read.
    pub loaded: Option<Loaded>,
    loading: Option<Receiver<Opened>>,
    /// What the work in the background does, for the status bar ("Importing layers").
    loading_what: &'static str,
    /// Commands that start work in the background, asked for while other work ran; run in
    /// order as each finishes.
    queued: std::collections::VecDeque<Intent>,
    /// Saving or drawing a picture in the background.
    chore: Option<chores::Chore>,
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
    session: files::SessionState,
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
    pub fn with_loaded(loaded: Loaded) -> Self {
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
            about_open: false,
            loaded: None,
            loading: None,
            loading_what: "Reading files",
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
            session: files::SessionState::default(),
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

    /// Whether the documents are still being read, or other work runs in the background
    /// (or waits for it).
    pub fn is_loading(&self) -> bool {
        self.loading.is_some() || !self.queued.is_empty()
    }

    /// What the work in the background does, while it runs ("Importing layers").
    pub fn background_work(&self) -> Option<&'static str> {
        self.loading.is_some().then_some(self.loading_what)
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
            .filter_map(|id| loaded.index.by_id.get(*id))
            .map(|&i| &loaded.atlas.items[i]);
        crate::picture::bounds_of(items)
    }

    /// Draws the whole window and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        ui.ctx().set_theme(self.theme);
        // The window's own background, so no gap between panels shows the clear colour.
        ui.painter()
            .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
        self.poll_loading(ui.ctx());
        self.poll_chore(ui.ctx());
        self.refresh_cache();
        let mut commands = Vec::new();
        if self.loaded.is_some()
            && !self.is_loading()
            && let Some(path) = self.pending_project.take()
        {
            commands.push(Intent::Files(FileIntent::OpenProject(path)));
        }
        if self.presenting.is_some() {
            self.presentation_ui(ui, &mut commands);
            for command in commands {
                self.run(ui.ctx(), command);
            }
            self.autosave(ui.ctx());
            return;
        }
        self.shortcuts(ui, &mut commands);
        let menu = ui::menu::MenuState {
            loaded: self.loaded.is_some(),
            loading: self.is_loading(),
            has_selection: !self.selection.is_empty(),
            background: self.background,
            theme: self.theme,
        };
        egui::Panel::top("menu_bar").show(ui, |ui| ui::menu::menu_bar_ui(ui, &menu, &mut commands));
        let tiles_status = self.tiles_status(ui.ctx());
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status_bar::status_bar_ui(ui, &self.status_bar(), tiles_status.as_ref());
        });
        egui::Panel::left("places_panel")
            .resizable(true)
            .default_size(290.0)
            .size_range(200.0..=520.0)
            .show(ui, |ui| self.left_panel_ui(ui, &mut commands));
        egui::Panel::right("quotes_panel")
            .resizable(true)
            .default_size(340.0)
            .size_range(240.0..=640.0)
            .show(ui, |ui| self.side_panel_ui(ui, &mut commands));
        CentralPanel::default()
            .frame(Frame::NONE.fill(ui.visuals().panel_fill))
            .show(ui, |ui| self.map_panel_ui(ui, &tiles_status, &mut commands));
        if self.about_open && ui::about::about_ui(ui.ctx(), self.renderer.as_ref().as_ref().err()) {
            commands.push(Intent::View(ViewIntent::About(Visibility::Hidden)));
        }
        let windows = ui::open_documents::FileWindows {
            prompt: self.prompt.as_mut(),
            image_size: &mut self.image_size,
            confirm_replace: self.confirm_replace.is_some(),
            open_errors: &self.open_errors,
        };
        ui::open_documents::open_windows_ui(ui.ctx(), windows, &mut commands);
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Intent::Files(FileIntent::Drop(dropped)));
        }
        for command in commands {
            self.run(ui.ctx(), command);
        }
        if ui.input(|i| i.viewport().close_requested()) {
            self.finish_chore();
            self.save_session();
        } else {
            self.autosave(ui.ctx());
        }
    }

    /// What the status bar shows.
    fn status_bar(&self) -> ui::status_bar::StatusBar<'_> {
        let running = self
            .background_work()
            .filter(|_| self.loaded.is_some())
            .into_iter()
            .chain(self.chore_running())
            .collect();
        ui::status_bar::StatusBar {
            message: self.status_message.as_ref(),
            running,
            corpus: self
                .loaded
                .as_ref()
                .map(|l| (l.atlas.corpus.documents.len(), l.atlas.items.len())),
            reading: self.is_loading(),
            selected: self.selection.len(),
            zoom: self.map.zoom(),
            pointer: self.map.pointer_lon_lat,
        }
    }

    /// Opens a project as soon as the documents are read (for a project named on the
    /// command line).
    pub fn open_project_when_ready(&mut self, path: PathBuf) {
        self.pending_project = Some(path);
    }

    fn shortcuts(&self, ui: &Ui, commands: &mut Vec<Intent>) {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5)) {
            commands.push(Intent::Present(PresentIntent::Start));
        }
        let (escape, find) = ui.input_mut(|i| {
            (
                i.key_pressed(egui::Key::Escape),
                i.consume_shortcut(&egui::KeyboardShortcut::new(
                    egui::Modifiers::COMMAND,
                    egui::Key::F,
                )),
            )
        });
        if escape && !ui.ctx().egui_wants_keyboard_input() {
            commands.push(Intent::Selection(SelectionIntent::Clear));
        }
        if find {
            ui.ctx()
                .memory_mut(|m| m.request_focus(ui::places_list::search_id()));
        }
    }

    fn refresh_cache(&mut self) {
        let key = (self.generation, self.list.query.clone(), self.list.sort);
        if self.cache.key.as_ref() == Some(&key) {
            return;
        }
        let shown = self.shown();
        let Some(loaded) = &self.loaded else {
            self.cache = ViewCache {
                key: Some(key),
                ..Default::default()
            };
            return;
        };
        let counts = crate::picture::layer_counts(&loaded.atlas, |i| self.filters.pass(i));
        let rows = ui::places_list::shown_items(&loaded.atlas, &loaded.index, &self.list, |i| {
            shown.get(i) == Some(&true)
        });
        self.cache = ViewCache {
            key: Some(key),
            shown,
            counts,
            rows,
        };
    }

    fn left_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        let Some(loaded) = &self.loaded else {
            self.loading_ui(ui);
            return;
        };
        ui::legend::legend_ui(
            ui,
            &self.cache.counts,
            &loaded.atlas.layers,
            &self.switches,
            commands,
        );
        ui::filters::filters_ui(ui, &loaded.atlas, &self.filters, commands);
        ui.separator();
        ui::places_list::places_list_ui(
            ui,
            &loaded.atlas,
            &self.cache.rows,
            &mut self.list,
            &self.selection,
            commands,
        );
    }

    fn loading_ui(&self, ui: &mut Ui) {
        match &self.load_error {
            Some(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("The documents could not be read: {e}"),
                );
            }
            None if self.is_loading() => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the documents…");
                });
            }
            None => {
                ui.weak("No documents.");
            }
        }
    }

    fn side_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.side_tab, SideTab::Quotes, "Quotes");
            ui.add_enabled_ui(self.reader.is_some(), |ui| {
                ui.selectable_value(&mut self.side_tab, SideTab::Document, "Document");
            });
            ui.selectable_value(&mut self.side_tab, SideTab::Tour, "Tours");
        });
        ui.separator();
        let Some(loaded) = &self.loaded else {
            self.loading_ui(ui);
            return;
        };
        match (self.side_tab, self.reader.as_mut()) {
            (SideTab::Tour, _) => ui::tour_editor::tour_editor_ui(
                ui,
                &loaded.atlas,
                &self.tours,
                self.tour,
                self.auto_advance,
                !self.selection.is_empty(),
                commands,
            ),
            (SideTab::Document, Some(target)) => {
                ui::reader::reader_ui(ui, &loaded.atlas, &loaded.index, target, commands)
            }
            _ => ui::quotes::quotes_ui(ui, &loaded.atlas, &loaded.index, &self.selection, commands),
        }
    }

    fn map_panel_ui(
        &mut self,
        ui: &mut Ui,
        tiles_status: &Option<Reachability>,
        commands: &mut Vec<Intent>,
    ) {
        let tiles = match (tiles_status, self.online_tiles.as_mut()) {
            (Some(Reachability::Reachable), Some(t)) => Some(t),
            _ => None,
        };
        let mut pointer = MapPointer::default();
        let places = self.loaded.as_ref().map(|loaded| PlacesLayer {
            view: crate::map::places::SceneView {
                scene: &loaded.scene,
                shown: &self.cache.shown,
                shown_key: self.generation,
                selection: &self.selection,
                hovered: self.hovered.as_deref(),
            },
            box_start: &mut self.box_start,
            out: &mut pointer,
        });
        let (response, actions) = map_ui(
            ui,
            &mut self.map,
            self.renderer.as_ref().as_ref().ok(),
            tiles,
            places,
            true,
        );
        commands.extend(
            actions
                .into_iter()
                .map(|a| Intent::View(ViewIntent::Map(a))),
        );
        self.hovered = pointer.hovered;
        if let Some(hovered) = &self.hovered
            && let Some(loaded) = &self.loaded
            && let Some(&i) = loaded.index.by_id.get(hovered)
        {
            let item = &loaded.atlas.items[i];
            response.on_hover_text_at_pointer(format!(
                "{}\n{} · {} · {} mention{}",
                item.name,
                item.kind.as_str(),
                item.countries.join(", "),
                item.mention_count,
                if item.mention_count == 1 { "" } else { "s" }
            ));
        }
        match pointer.clicked {
            Some(Some(id)) => {
                let mode = if pointer.toggle {
                    SelectMode::Toggle
                } else {
                    SelectMode::Replace
                };
                commands.push(Intent::Selection(SelectionIntent::Select(vec![id], mode)));
            }
            Some(None) if !pointer.toggle => {
                commands.push(Intent::Selection(SelectionIntent::Clear))
            }
            _ => {}
        }
        if let Some(ids) = pointer.boxed {
            commands.push(Intent::Selection(SelectionIntent::Select(
                ids,
                SelectMode::Add,
            )));
        }
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
        }
    }

    fn run_view(&mut self, ctx: &egui::Context, intent: ViewIntent) {
        match intent {
            ViewIntent::Map(MapAction::FitAll) => self.map.fit(self.fit_all_bounds()),
            ViewIntent::Map(action) => action.apply_to(&mut self.map),
            ViewIntent::SetBackground(background) => self.background = background,
            ViewIntent::SetTheme(theme) => self.theme = theme,
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
                        .index
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
                });
                self.side_tab = SideTab::Document;
                let ids: Vec<&str> = self.selection.iter().map(String::as_str).collect();
                if let Some(bounds) = self.bounds_of(&ids) {
                    self.map.fit(bounds);
                }
            }
        }
    }

    fn run_export(&mut self, ctx: &egui::Context, intent: ExportIntent) {
        match intent {
            ExportIntent::Places(format, scope) => {
                let default_name = format!(
                    "border-atlas-{}.{}",
                    match scope {
                        ExportScope::Selection => "selection",
                        ExportScope::Visible => "places",
                    },
                    format.extension()
                );
                let purpose = PathPurpose::ExportPlaces(format, scope);
                let picked = self.dialog_or_prompt(purpose, &default_name, || {
                    rfd::FileDialog::new()
                        .set_title("Export places")
                        .set_file_name(&default_name)
                        .add_filter(format.extension(), &[format.extension()])
                        .save_file()
                });
                // The system dialog has asked about replacing already.
                if let Some(path) = picked {
                    self.export_to(format, scope, path, Overwrite::Replace);
                }
            }
            ExportIntent::PlacesTo(format, scope, path, overwrite) => {
                self.export_to(format, scope, path, overwrite)
            }
            ExportIntent::CopyGeoJson(scope) => {
                if let Some((text, n)) = self.export_text(ExportFormat::GeoJson, scope) {
                    ctx.copy_text(text);
                    self.status_message = Some(StatusMessage {
                        text: format!("Copied {n} features as GeoJSON"),
                        error: false,
                    });
                }
            }
            ExportIntent::Image(width, height) => self.ask_image_path(width, height),
            ExportIntent::ImageTo(path, width, height, overwrite) => {
                self.export_image(path, width, height, overwrite)
            }
        }
    }

    /// The ids an export of `scope` holds.
    pub fn export_ids(&self, scope: ExportScope) -> Vec<String> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        match scope {
            ExportScope::Selection => self.selection.iter().cloned().collect(),
            ExportScope::Visible => {
                let shown = self.shown();
                loaded
                    .atlas
                    .items
                    .iter()
                    .zip(shown)
                    .filter(|(_, s)| *s)
                    .map(|(i, _)| i.id.clone())
                    .collect()
            }
        }
    }

    /// The export's text and how many features it holds.
    fn export_text(&self, format: ExportFormat, scope: ExportScope) -> Option<(String, usize)> {
        let loaded = self.loaded.as_ref()?;
        let ids = self.export_ids(scope);
        let items: Vec<&crate::atlas::AtlasItem> =
            ids.iter().filter_map(|id| loaded.atlas.item(id)).collect();
        let text = match format {
            ExportFormat::GeoJson => Some(crate::export::geojson::to_string(
                &crate::export::geojson::feature_collection(&loaded.atlas, &items),
            )),
            ExportFormat::Csv => crate::export::csv::to_csv(&loaded.atlas, &items).ok(),
        };
        text.map(|t| (t, items.len()))
    }

    /// Writes an export atomically; an existing file is replaced only with `overwrite`, else
    /// the user is asked. The selection is kept whatever happens.
    fn export_to(
        &mut self,
        format: ExportFormat,
        scope: ExportScope,
        path: PathBuf,
        overwrite: Overwrite,
    ) {
        let Some((text, count)) = self.export_text(format, scope) else {
            self.status_message = Some(StatusMessage {
                text: "Nothing to export yet".into(),
                error: true,
            });
            return;
        };
        let overwrite = overwrite == Overwrite::Replace;
        match crate::export::write_atomically(&path, text.as_bytes(), overwrite) {
            Ok(()) => {
                self.prompt = None;
                self.status_message = Some(StatusMessage {
                    text: format!(
                        "Exported {count} {} to {}",
                        if count == 1 { "feature" } else { "features" },
                        path.display()
                    ),
                    error: false,
                });
            }
            Err(crate::export::WriteError::Exists(_)) => {
                self.prompt = Some(PathPrompt {
                    purpose: PathPurpose::ExportPlaces(format, scope),
                    text: path.display().to_string(),
                    confirm_overwrite: true,
                });
            }
            Err(e) => {
                self.prompt = None;
                self.status_message = Some(StatusMessage {
                    text: format!("Export failed: {e}"),
                    error: true,
                });
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
