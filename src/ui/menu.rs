//! The menu bar (File, View, Help) and its keyboard shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference, Ui};

use crate::app::{BorderAtlasApp, Command, ExportFormat, ExportScope};
use crate::map::{Background, MapAction};

const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// Draws the menu bar; what the user picks is pushed to `commands`.
pub fn menu_bar_ui(ui: &mut Ui, app: &BorderAtlasApp, commands: &mut Vec<Command>) {
    if ui.input_mut(|i| i.consume_shortcut(&QUIT)) {
        commands.push(Command::Quit);
    }
    if app.loaded.is_some() && ui.input_mut(|i| i.consume_shortcut(&OPEN)) {
        commands.push(Command::OpenDocumentsDialog);
    }
    if !app.selection.is_empty() && ui.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        commands.push(Command::Export(
            ExportFormat::GeoJson,
            ExportScope::Selection,
        ));
    }
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let open = egui::Button::new("Open documents...")
                .shortcut_text(ui.ctx().format_shortcut(&OPEN));
            if ui.add_enabled(app.loaded.is_some(), open).clicked() {
                commands.push(Command::OpenDocumentsDialog);
                ui.close();
            }
            if ui
                .add_enabled(app.loaded.is_some(), egui::Button::new("Open by path..."))
                .clicked()
            {
                commands.push(Command::ShowPathDialog(true));
                ui.close();
            }
            ui.separator();
            export_items_ui(ui, app, commands);
            ui.separator();
            let quit = egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT));
            if ui.add(quit).clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, app, commands));
        ui.menu_button("Help", |ui| {
            if ui.button("About Border Atlas").clicked() {
                commands.push(Command::ShowAbout(true));
                ui.close();
            }
        });
    });
}

fn export_items_ui(ui: &mut Ui, app: &BorderAtlasApp, commands: &mut Vec<Command>) {
    let has_selection = !app.selection.is_empty();
    let items = [
        (
            "Export selection as GeoJSON...",
            has_selection,
            Command::Export(ExportFormat::GeoJson, ExportScope::Selection),
        ),
        (
            "Export selection as CSV...",
            has_selection,
            Command::Export(ExportFormat::Csv, ExportScope::Selection),
        ),
        (
            "Copy selection as GeoJSON",
            has_selection,
            Command::CopyGeoJson(ExportScope::Selection),
        ),
        (
            "Export all visible as GeoJSON...",
            app.loaded.is_some(),
            Command::Export(ExportFormat::GeoJson, ExportScope::Visible),
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

fn view_menu_ui(ui: &mut Ui, app: &BorderAtlasApp, commands: &mut Vec<Command>) {
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
            commands.push(Command::Map(action));
        }
    }
    if ui
        .add_enabled(
            !app.selection.is_empty(),
            egui::Button::new("Zoom to selection"),
        )
        .clicked()
    {
        commands.push(Command::ZoomToSelection);
    }
    if ui
        .add_enabled(
            !app.selection.is_empty(),
            egui::Button::new("Clear selection").shortcut_text("Esc"),
        )
        .clicked()
    {
        commands.push(Command::ClearSelection);
    }
    ui.separator();
    ui.label("Background");
    let backgrounds = [
        (Background::OfflineBasemap, "Offline basemap"),
        (Background::OpenStreetMap, "OpenStreetMap tiles (online)"),
    ];
    for (background, label) in backgrounds {
        if ui.radio(app.background == background, label).clicked() {
            commands.push(Command::SetBackground(background));
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
        if ui.radio(app.theme == theme, label).clicked() {
            commands.push(Command::SetTheme(theme));
            ui.close();
        }
    }
}
