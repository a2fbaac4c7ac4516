//! The menu bar (File, View, Help) and its keyboard shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference, Ui};

use crate::intent::{
    ExportFormat, ExportIntent, ExportScope, FileIntent, Intent, PathPurpose, PresentIntent,
    SelectionIntent, TourIntent, ViewIntent, Visibility,
};
use crate::map::{Background, Contrast, MapAction};

const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const OPEN_PROJECT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const OPEN_DOCUMENTS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
const IMPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::I);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// What the menus need to know to enable their entries and mark the current choices.
#[derive(Clone, Copy, Debug)]
pub struct MenuState {
    /// Documents are read.
    pub loaded: bool,
    /// Something is read in the background.
    pub loading: bool,
    /// Some items are selected.
    pub has_selection: bool,
    /// The map's background.
    pub background: Background,
    /// The theme chosen.
    pub theme: ThemePreference,
    /// Colours for a screen or a projector.
    pub contrast: Contrast,
}

impl MenuState {
    /// Documents are read and nothing else is being read.
    fn ready(&self) -> bool {
        self.loaded && !self.loading
    }
}

/// Draws the menu bar; what the user picks is pushed to `commands` as intents.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    shortcuts(ui, state, commands);
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, state, commands));
        ui.menu_button("View", |ui| view_menu_ui(ui, state, commands));
        ui.menu_button("Tour", |ui| tour_menu_ui(ui, state, commands));
        ui.menu_button("Help", |ui| {
            if ui.button("About Border Atlas").clicked() {
                commands.push(Intent::View(ViewIntent::About(Visibility::Shown)));
                ui.close();
            }
        });
        ui.separator();
        let present = ui
            .add_enabled(state.loaded, egui::Button::new("Present"))
            .on_hover_text("Full screen, through the tour or the selection (F5)");
        if present.clicked() {
            commands.push(Intent::Present(PresentIntent::Start));
        }
    });
}

/// The keyboard shortcuts of the menus, taken before the menus are drawn.
fn shortcuts(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    if ui.input_mut(|i| i.consume_shortcut(&QUIT)) {
        commands.push(Intent::View(ViewIntent::Quit));
    }
    // Shift+Ctrl shortcuts first, so Ctrl+O and Ctrl+S do not take them.
    let ready = state.ready();
    for (shortcut, command) in [
        (SAVE_AS, Intent::Files(FileIntent::SaveProjectAsDialog)),
        (
            OPEN_DOCUMENTS,
            Intent::Files(FileIntent::OpenDocumentsDialog),
        ),
        (SAVE, Intent::Files(FileIntent::SaveProject)),
        (OPEN_PROJECT, Intent::Files(FileIntent::OpenProjectDialog)),
        (IMPORT, Intent::Files(FileIntent::ImportLayerDialog)),
    ] {
        if ready && ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
            commands.push(command);
        }
    }
    if state.has_selection && ui.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        commands.push(Intent::Export(ExportIntent::Places(
            ExportFormat::GeoJson,
            ExportScope::Selection,
        )));
    }
}

fn file_menu_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    let ready = state.ready();
    let entries = [
        ("New project", None, Intent::Files(FileIntent::NewProject)),
        (
            "Open project...",
            Some(OPEN_PROJECT),
            Intent::Files(FileIntent::OpenProjectDialog),
        ),
        (
            "Save project",
            Some(SAVE),
            Intent::Files(FileIntent::SaveProject),
        ),
        (
            "Save project as...",
            Some(SAVE_AS),
            Intent::Files(FileIntent::SaveProjectAsDialog),
        ),
    ];
    entries_ui(ui, ready, entries, commands);
    ui.separator();
    let entries = [
        (
            "Open documents...",
            Some(OPEN_DOCUMENTS),
            Intent::Files(FileIntent::OpenDocumentsDialog),
        ),
        (
            "Open by path...",
            None,
            Intent::Files(FileIntent::ShowPathPrompt(Some(PathPurpose::OpenDocuments))),
        ),
        (
            "Import GeoJSON layer...",
            Some(IMPORT),
            Intent::Files(FileIntent::ImportLayerDialog),
        ),
    ];
    entries_ui(ui, ready, entries, commands);
    ui.separator();
    export_items_ui(ui, state, commands);
    ui.add_enabled_ui(state.loaded, |ui| {
        ui.menu_button("Export map image", |ui| {
            for (w, h, label) in crate::render::SIZES {
                if ui.button(format!("{label}...")).clicked() {
                    commands.push(Intent::Export(ExportIntent::Image(w, h)));
                    ui.close();
                }
            }
        });
    });
    ui.separator();
    let quit = egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT));
    if ui.add(quit).clicked() {
        commands.push(Intent::View(ViewIntent::Quit));
    }
}

fn tour_menu_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    let ready = state.loaded;
    let present = egui::Button::new("Present").shortcut_text("F5");
    if ui.add_enabled(ready, present).clicked() {
        commands.push(Intent::Present(PresentIntent::Start));
        ui.close();
    }
    let entries = [
        (
            "Add selection as stops",
            None,
            Intent::Tour(TourIntent::AddSelection),
        ),
        ("New tour", None, Intent::Tour(TourIntent::New)),
    ];
    entries_ui(ui, ready, entries, commands);
}

/// Menu entries, each with its shortcut shown, all enabled or not.
fn entries_ui<const N: usize>(
    ui: &mut Ui,
    enabled: bool,
    entries: [(&str, Option<KeyboardShortcut>, Intent); N],
    commands: &mut Vec<Intent>,
) {
    for (label, shortcut, command) in entries {
        let mut button = egui::Button::new(label);
        if let Some(s) = shortcut {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        if ui.add_enabled(enabled, button).clicked() {
            commands.push(command);
            ui.close();
        }
    }
}

fn export_items_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    let has_selection = state.has_selection;
    let items = [
        (
            "Export selection as GeoJSON...",
            has_selection,
            Intent::Export(ExportIntent::Places(
                ExportFormat::GeoJson,
                ExportScope::Selection,
            )),
        ),
        (
            "Export selection as CSV...",
            has_selection,
            Intent::Export(ExportIntent::Places(
                ExportFormat::Csv,
                ExportScope::Selection,
            )),
        ),
        (
            "Copy selection as GeoJSON",
            has_selection,
            Intent::Export(ExportIntent::CopyGeoJson(ExportScope::Selection)),
        ),
        (
            "Export all visible as GeoJSON...",
            state.loaded,
            Intent::Export(ExportIntent::Places(
                ExportFormat::GeoJson,
                ExportScope::Visible,
            )),
        ),
    ];
    for (label, enabled, command) in items {
        let mut button = egui::Button::new(label);
        if label.starts_with("Export selection as GeoJSON") {
            button = button.shortcut_text(ui.ctx().format_shortcut(&EXPORT));
        }
        if ui.add_enabled(enabled, button).clicked() {
            commands.push(command);
            ui.close();
        }
    }
}

fn view_menu_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Intent>) {
    let items = [
        ("Zoom in", "+", MapAction::ZoomIn),
        ("Zoom out", "-", MapAction::ZoomOut),
        ("Fit all", "F", MapAction::FitAll),
    ];
    for (label, key, action) in items {
        if ui
            .add(egui::Button::new(label).shortcut_text(key))
            .clicked()
        {
            commands.push(Intent::View(ViewIntent::Map(action)));
        }
    }
    if ui
        .add_enabled(state.has_selection, egui::Button::new("Zoom to selection"))
        .clicked()
    {
        commands.push(Intent::Selection(SelectionIntent::ZoomTo));
    }
    if ui
        .add_enabled(
            state.has_selection,
            egui::Button::new("Clear selection").shortcut_text("Esc"),
        )
        .clicked()
    {
        commands.push(Intent::Selection(SelectionIntent::Clear));
    }
    ui.separator();
    ui.label("Background");
    let backgrounds = [
        (Background::OfflineBasemap, "Offline basemap"),
        (Background::OpenStreetMap, "OpenStreetMap tiles (online)"),
    ];
    for (background, label) in backgrounds {
        if ui.radio(state.background == background, label).clicked() {
            commands.push(Intent::View(ViewIntent::SetBackground(background)));
            ui.close();
        }
    }
    ui.separator();
    ui.label("Theme");
    let themes = [
        (ThemePreference::Light, "Light"),
        (ThemePreference::Dark, "Dark"),
        (ThemePreference::System, "Follow the system"),
    ];
    for (theme, label) in themes {
        if ui.radio(state.theme == theme, label).clicked() {
            commands.push(Intent::View(ViewIntent::SetTheme(theme)));
            ui.close();
        }
    }
    ui.separator();
    let mut projector = state.contrast == Contrast::Projector;
    let switch = ui
        .checkbox(&mut projector, "Projector colours")
        .on_hover_text(
            "Opaque cards, black ink, stronger borders and wider lines, for a beamer in a lit room",
        );
    if switch.clicked() {
        let contrast = if projector {
            Contrast::Projector
        } else {
            Contrast::Normal
        };
        commands.push(Intent::View(ViewIntent::SetContrast(contrast)));
        ui.close();
    }
}
