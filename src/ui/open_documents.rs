//! Windows for opening documents: typing a path where no file dialog is available, the
//! progress while files are read, and the files that could not be read, with the reasons.

use std::path::PathBuf;

use crate::app::{BorderAtlasApp, Command};

/// Draws whichever of the windows is due.
pub fn open_windows_ui(ctx: &egui::Context, app: &mut BorderAtlasApp, commands: &mut Vec<Command>) {
    if let Some(path) = app.path_dialog.as_mut() {
        let mut open = true;
        egui::Window::new("Open documents by path")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(
                    "Type the path of a .txt or .md file or of a folder (several: one per line).",
                );
                let edit = ui.add(
                    egui::TextEdit::multiline(path)
                        .desired_rows(3)
                        .desired_width(420.0)
                        .hint_text("/home/me/news/article.txt"),
                );
                edit.request_focus();
                ui.horizontal(|ui| {
                    let paths: Vec<PathBuf> = path
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(PathBuf::from)
                        .collect();
                    if ui
                        .add_enabled(!paths.is_empty(), egui::Button::new("Open"))
                        .clicked()
                    {
                        commands.push(Command::OpenPaths(paths));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::ShowPathDialog(false));
                    }
                });
            });
        if !open {
            commands.push(Command::ShowPathDialog(false));
        }
    }
    if !app.open_errors.is_empty() {
        egui::Window::new("Some files could not be read")
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("The other documents were added; nothing already open was lost.");
                for e in &app.open_errors {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                if ui.button("OK").clicked() {
                    commands.push(Command::DismissOpenErrors);
                }
            });
    }
}
