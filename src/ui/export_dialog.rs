//! Windows for exporting: typing a path where no save dialog is available, and asking
//! before a file is overwritten.

use std::path::PathBuf;

use crate::intent::{ExportIntent, Intent, Overwrite};
use crate::state::ExportRequest;

/// Draws the export windows that are due: for the export waiting for a path or an answer,
/// whose typed path it edits.
pub fn export_windows_ui(
    ctx: &egui::Context,
    request: Option<&mut ExportRequest>,
    commands: &mut Vec<Intent>,
) {
    let Some(request) = request else {
        return;
    };
    let ExportRequest {
        format,
        scope,
        path_text,
        confirm_overwrite,
    } = request;
    if *confirm_overwrite {
        egui::Window::new("Replace the file?")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("{path_text} already exists. Replace it?"));
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        commands.push(Intent::Export(ExportIntent::PlacesTo(
                            *format,
                            *scope,
                            PathBuf::from(path_text.as_str()),
                            Overwrite::Replace,
                        )));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Intent::Export(ExportIntent::Cancel));
                    }
                });
            });
        return;
    }
    egui::Window::new("Export to a file")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "Type where to save the {} file:",
                format.extension()
            ));
            ui.add(
                egui::TextEdit::singleline(path_text)
                    .desired_width(420.0)
                    .hint_text("File path"),
            );
            ui.horizontal(|ui| {
                let ok = !path_text.trim().is_empty();
                if ui.add_enabled(ok, egui::Button::new("Save")).clicked() {
                    commands.push(Intent::Export(ExportIntent::PlacesTo(
                        *format,
                        *scope,
                        PathBuf::from(path_text.trim()),
                        Overwrite::Ask,
                    )));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Intent::Export(ExportIntent::Cancel));
                }
            });
        });
}
