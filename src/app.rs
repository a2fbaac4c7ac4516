//! The Border Atlas window: state, the commands the UI emits, and the one place that
//! applies them.

use egui::{CentralPanel, Frame, ThemePreference, Ui};

use crate::basemap::Basemap;
use crate::map::{
    Background, BasemapRenderer, MapAction, MapView, OnlineTiles, Reachability, map_ui,
};
use crate::mercator::GeoBounds;
use crate::seeds::SEED_DOCUMENTS;
use crate::ui;

/// Everything the user can ask for from menus, buttons and keys.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Navigate the map.
    Map(MapAction),
    /// Switch between the offline basemap and online tiles.
    SetBackground(Background),
    /// Light, dark or the system's theme.
    SetTheme(ThemePreference),
    /// Open or close the About box.
    ShowAbout(bool),
    /// Close the window.
    Quit,
}

/// The application: what it shows and the state behind it.
pub struct BorderAtlasApp {
    /// Where the map looks.
    pub map: MapView,
    renderer: Result<BasemapRenderer, String>,
    /// The map's background.
    pub background: Background,
    online_tiles: Option<OnlineTiles>,
    /// The theme the user chose.
    pub theme: ThemePreference,
    /// Whether the About box is open.
    pub about_open: bool,
    /// Names of the documents in the corpus.
    pub document_names: Vec<String>,
}

impl Default for BorderAtlasApp {
    fn default() -> Self {
        Self::new()
    }
}

impl BorderAtlasApp {
    /// The app with the built-in seed corpus and the embedded basemap, framed on Central Asia.
    pub fn new() -> Self {
        let renderer = Basemap::embedded()
            .map(BasemapRenderer::new)
            .map_err(|err| err.to_string());
        if let Err(err) = &renderer {
            log::error!("{err}");
        }
        Self {
            map: MapView::new(GeoBounds::CENTRAL_ASIA),
            renderer,
            background: Background::OfflineBasemap,
            online_tiles: None,
            theme: ThemePreference::Light,
            about_open: false,
            document_names: SEED_DOCUMENTS
                .iter()
                .map(|d| d.file_name.to_owned())
                .collect(),
        }
    }

    /// The basemap renderer, or why the basemap could not be loaded.
    pub fn basemap(&self) -> Result<&BasemapRenderer, &str> {
        self.renderer.as_ref().map_err(String::as_str)
    }

    /// What "Fit all" frames: Central Asia until documents put places on the map.
    pub fn fit_all_bounds(&self) -> GeoBounds {
        GeoBounds::CENTRAL_ASIA
    }

    /// Draws the whole window and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        ui.ctx().set_theme(self.theme);
        let mut commands = Vec::new();
        egui::Panel::top("menu_bar").show(ui, |ui| ui::menu::menu_bar_ui(ui, self, &mut commands));
        let tiles_status = self.tiles_status(ui.ctx());
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status_bar::status_bar_ui(ui, self, tiles_status.as_ref());
        });
        CentralPanel::default().frame(Frame::NONE).show(ui, |ui| {
            let tiles = match (&tiles_status, self.online_tiles.as_mut()) {
                (Some(Reachability::Reachable), Some(t)) => Some(t),
                _ => None,
            };
            let (_, actions) = map_ui(ui, &mut self.map, self.renderer.as_ref().ok(), tiles);
            commands.extend(actions.into_iter().map(Command::Map));
        });
        if self.about_open && ui::about::about_ui(ui.ctx(), self.renderer.as_ref().err()) {
            commands.push(Command::ShowAbout(false));
        }
        for command in commands {
            self.run(ui.ctx(), command);
        }
    }

    /// Applies one command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Map(MapAction::FitAll) => self.map.fit(self.fit_all_bounds()),
            Command::Map(action) => action.apply_to(&mut self.map),
            Command::SetBackground(background) => self.background = background,
            Command::SetTheme(theme) => self.theme = theme,
            Command::ShowAbout(open) => self.about_open = open,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
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

impl eframe::App for BorderAtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
