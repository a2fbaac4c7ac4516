//! Exporting places (GeoJSON, CSV) and pictures of the map, to a file the user chose.

use std::path::PathBuf;

use super::BorderAtlasApp;
use crate::intent::{ExportFormat, ExportIntent, ExportScope, Overwrite, PathPurpose};
use crate::state::{PathPrompt, StatusMessage};

impl BorderAtlasApp {
    pub(super) fn run_export(&mut self, ctx: &egui::Context, intent: ExportIntent) {
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
            ExportIntent::Image(width, height) => self.ask_image_path(ctx, width, height),
            ExportIntent::ImageTo(path, width, height, overwrite) => {
                self.export_image(ctx, path, width, height, overwrite)
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
}
