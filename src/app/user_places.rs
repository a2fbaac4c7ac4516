//! The user's places as a file: written to GeoJSON to share or keep, and read back to add
//! to the user's own (they then stand in every document that names them).

use std::path::PathBuf;

use super::BorderAtlasApp;
use crate::intent::{Overwrite, PathPurpose};
use crate::review::user_places::{from_geojson, to_geojson};
use crate::state::{PathPrompt, StatusMessage};

/// The largest file of places read.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

impl BorderAtlasApp {
    /// Asks where to write the user's places, or which file of places to read.
    pub(super) fn ask_user_places_path(&mut self, purpose: PathPurpose) {
        let name = "my-places.geojson";
        let picked = self.dialog_or_prompt(purpose, name, || {
            let dialog = rfd::FileDialog::new().add_filter("GeoJSON", &["geojson", "json"]);
            match purpose {
                PathPurpose::ImportUserPlaces => dialog.set_title("Import places").pick_file(),
                _ => dialog
                    .set_title("Export your places")
                    .set_file_name(name)
                    .save_file(),
            }
        });
        match (picked, purpose) {
            (Some(path), PathPurpose::ImportUserPlaces) => self.read_user_places(&path),
            // The system dialog has asked about replacing already.
            (Some(path), _) => self.write_user_places(path, Overwrite::Replace),
            (None, _) => {}
        }
    }

    /// Writes the user's places as GeoJSON (asking before replacing a file).
    pub(super) fn write_user_places(&mut self, path: PathBuf, overwrite: Overwrite) {
        let Some(loaded) = &self.loaded else { return };
        let places = &loaded.atlas.review.user_places;
        let text = to_geojson(places);
        let n = places.len();
        match crate::export::write_atomically(
            &path,
            text.as_bytes(),
            overwrite == Overwrite::Replace,
        ) {
            Ok(()) => {
                self.prompt = None;
                self.tell(format!("Wrote {n} places to {}", path.display()), false);
            }
            Err(crate::export::WriteError::Exists(_)) => {
                self.prompt = Some(PathPrompt {
                    purpose: PathPurpose::ExportUserPlaces,
                    text: path.display().to_string(),
                    confirm_overwrite: true,
                });
            }
            Err(e) => self.tell(format!("Your places were not written: {e}"), true),
        }
    }

    /// Adds the places of a GeoJSON file to the user's own.
    pub(super) fn read_user_places(&mut self, path: &std::path::Path) {
        self.prompt = None;
        let read = crate::fileio::read_bounded(path, MAX_BYTES)
            .map_err(|e| e.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned()))
            .and_then(|text| from_geojson(&text));
        let places = match read {
            Ok(places) => places,
            Err(e) => {
                let text = format!("{} was not imported: {e}", path.display());
                self.open_errors.push(text.clone());
                self.tell(text, true);
                return;
            }
        };
        let Some(loaded) = &self.loaded else { return };
        let mut review = loaded.atlas.review.clone();
        let n = places.len();
        for place in places {
            review.add_user_place(place);
        }
        self.apply_review(review);
        self.tell(format!("Added {n} places from {}", path.display()), false);
    }

    fn tell(&mut self, text: String, error: bool) {
        self.status_message = Some(StatusMessage { text, error });
    }
}
