//! The project file: the user's work — documents opened, layers imported, the selection,
//! layer switches, filters and the map view — in one self-contained JSON file.
//!
//! Documents and layers are stored whole, not as paths, so a project opens the same on
//! another machine and quotes keep their offsets even if the original files change. The
//! built-in seed documents are not stored; they come first in every corpus. Reading checks
//! everything (imported layers go through the same checks as an import) and fails with a
//! reason, never a panic; writes are atomic.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::import::{ImportError, ImportedLayer};
use crate::layers::LayerSwitches;

/// What the `format` field of every project file says.
pub const FORMAT: &str = "border-atlas-project";
/// The version this build writes; it reads this and older ones.
pub const VERSION: u32 = 1;
/// The file name extension of projects.
pub const EXTENSION: &str = "batlas";
/// The largest project file that is read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The largest layer key a project may hold (keys count up from 1 as layers are imported).
pub const MAX_LAYER_KEY: u32 = 1_000_000;
/// The largest document or passage index a project may hold.
pub const MAX_INDEX: usize = 10_000_000;

/// A document the user opened, stored with its text — or, in the session, with the name of
/// the file beside it that holds the text (written once, when the document is opened).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedDocument {
    /// The file's name, as shown in the panels.
    pub file_name: String,
    /// Its text, decoded (empty when `text_file` holds it).
    #[serde(default)]
    pub text: String,
    /// The file in the folder [`TEXTS_FOLDER`] beside the project that holds the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
}

/// The folder beside a session file where the texts of its documents are kept.
pub const TEXTS_FOLDER: &str = "session-documents";

/// The name a document's text is kept under: its hash and length, so a text is written
/// once however often the session is saved.
pub fn text_file_name(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    format!("{:016x}-{}.txt", h.finish(), text.len())
}

/// Whether a name is one [`text_file_name`] makes: a plain file name, so a damaged or
/// crafted project cannot point outside its folder.
fn is_text_file_name(name: &str) -> bool {
    name.ends_with(".txt")
        && name.len() <= 64
        && name
            .trim_end_matches(".txt")
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// An imported layer, its features as a GeoJSON FeatureCollection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLayer {
    /// The layer's key (ids of its features refer to it).
    pub key: u32,
    /// Its name in the legend.
    pub name: String,
    /// The file it was imported from.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// The features, as GeoJSON.
    pub features: serde_json::Value,
}

/// Where the map looked.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Longitude of the centre.
    pub lon: f64,
    /// Latitude of the centre.
    pub lat: f64,
    /// walkers zoom level.
    pub zoom: f64,
}

/// A project as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version it was written in.
    pub version: u32,
    /// Documents opened beyond the seeds, in corpus order.
    #[serde(default)]
    pub documents: Vec<SavedDocument>,
    /// Imported layers.
    #[serde(default)]
    pub layers: Vec<SavedLayer>,
    /// Ids of the selected items.
    #[serde(default)]
    pub selection: Vec<String>,
    /// Which layers are switched off.
    #[serde(default)]
    pub switches: LayerSwitches,
    /// Documents (corpus indices) whose places are hidden.
    #[serde(default)]
    pub hidden_documents: Vec<usize>,
    /// Countries whose places are hidden.
    #[serde(default)]
    pub hidden_countries: Vec<String>,
    /// The map view.
    #[serde(default)]
    pub view: Option<SavedView>,
    /// "light", "dark" or "system".
    #[serde(default)]
    pub theme: Option<String>,
    /// Whether the map is drawn for a projector.
    #[serde(default, skip_serializing_if = "is_normal")]
    pub contrast: crate::map::Contrast,
    /// Tours for presenting.
    #[serde(default)]
    pub tours: Vec<crate::tour::Tour>,
    /// The user's decisions about the geoparser's places, and the places the user added.
    #[serde(default, skip_serializing_if = "crate::review::Review::is_empty")]
    pub review: crate::review::Review,
    /// In the saved session only: the project file the work belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_path: Option<PathBuf>,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            documents: Vec::new(),
            layers: Vec::new(),
            selection: Vec::new(),
            switches: LayerSwitches::default(),
            hidden_documents: Vec::new(),
            hidden_countries: Vec::new(),
            view: None,
            theme: None,
            contrast: crate::map::Contrast::Normal,
            tours: Vec::new(),
            review: crate::review::Review::default(),
            source_path: None,
        }
    }
}

/// Reads a document's text kept beside a session.
fn read_text_file(folder: &Path, name: &str) -> std::io::Result<String> {
    let bytes = crate::fileio::read_bounded(&folder.join(name), crate::corpus::MAX_DOCUMENT_BYTES)
        .map_err(|e| match e {
            crate::fileio::ReadError::Io(e) => e,
            other => std::io::Error::other(other.to_string()),
        })?;
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("the text is not UTF-8"))
}

/// Why a project could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The file could not be read.
    #[error("could not read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("the file is {0} MB, more than any project should be")]
    TooLarge(u64),
    /// Not JSON, or JSON of the wrong shape.
    #[error("the file is not a readable Border Atlas project ({0})")]
    Damaged(serde_json::Error),
    /// JSON, but some other kind of file.
    #[error("the file is not a Border Atlas project (its format is {0:?})")]
    NotProject(String),
    /// Written by a newer Border Atlas.
    #[error(
        "the project was written by a newer Border Atlas (version {0}; this one reads up to {VERSION})"
    )]
    Newer(u32),
    /// A number in it is out of range (a layer key, an index, the map view).
    #[error("the file is damaged: {0}")]
    OutOfRange(String),
    /// An imported layer in it is broken.
    #[error("its layer {name:?} is damaged: {source}")]
    Layer {
        /// The layer's name.
        name: String,
        /// What is wrong.
        source: ImportError,
    },
}

impl Project {
    /// The project as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"))
    }

    /// Parses and checks a project.
    pub fn from_json(bytes: &[u8]) -> Result<Self, ProjectError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ProjectError::TooLarge(bytes.len() as u64 / (1024 * 1024)));
        }
        // The format is checked first, so a GeoJSON or other file gets the right message.
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(ProjectError::Damaged)?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != FORMAT {
            return Err(ProjectError::NotProject(format.to_owned()));
        }
        let project: Project = serde_json::from_value(value).map_err(ProjectError::Damaged)?;
        if project.version > VERSION {
            return Err(ProjectError::Newer(project.version));
        }
        project.check_ranges()?;
        // Check the layers now, so a damaged one is reported before anything is replaced.
        project.imported_layers()?;
        Ok(project)
    }

    /// Reads a project file.
    pub fn read(path: &Path) -> Result<Self, ProjectError> {
        let read_error = |source| ProjectError::Read {
            path: path.to_owned(),
            source,
        };
        use crate::fileio::{ReadError, read_bounded};
        let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
            ReadError::Io(e) => read_error(e),
            ReadError::NotRegular(kind) => {
                read_error(std::io::Error::other(format!("it is a {kind}, not a file")))
            }
            ReadError::TooLarge(_) => ProjectError::TooLarge(
                std::fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len()) / (1024 * 1024),
            ),
        })?;
        let mut project = Self::from_json(&bytes)?;
        let folder = path.parent().unwrap_or(Path::new(".")).join(TEXTS_FOLDER);
        for d in &mut project.documents {
            if let Some(name) = &d.text_file {
                d.text = read_text_file(&folder, name).map_err(|source| ProjectError::Read {
                    path: folder.join(name),
                    source,
                })?;
            }
        }
        Ok(project)
    }

    /// Writes the project atomically, readable by the user alone (it holds the user's
    /// documents); an existing file is replaced only with `overwrite`, and only if it is a
    /// regular file.
    pub fn write(&self, path: &Path, overwrite: bool) -> Result<(), crate::export::WriteError> {
        crate::fileio::write_private(path, self.to_json().as_bytes(), overwrite)
    }

    /// Refuses numbers no Border Atlas writes: layer keys beyond [`MAX_LAYER_KEY`] or
    /// shared by two layers, document and passage indices beyond [`MAX_INDEX`], a map view
    /// off the globe.
    fn check_ranges(&self) -> Result<(), ProjectError> {
        let bad = |what: String| Err(ProjectError::OutOfRange(what));
        let mut keys: Vec<u32> = self.layers.iter().map(|l| l.key).collect();
        if let Some(k) = keys.iter().find(|&&k| k == 0 || k > MAX_LAYER_KEY) {
            return bad(format!(
                "the layer key {k} is out of range (1–{MAX_LAYER_KEY})"
            ));
        }
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return bad(format!("two layers have the key {}", w[0]));
        }
        if let Some(d) = self.hidden_documents.iter().find(|&&d| d > MAX_INDEX) {
            return bad(format!("the document index {d} is out of range"));
        }
        let quotes = self
            .tours
            .iter()
            .flat_map(|t| &t.stops)
            .filter_map(|s| s.quote);
        for q in quotes {
            if q.document > MAX_INDEX || q.passage > MAX_INDEX {
                return bad(format!(
                    "a tour's quote points to document {} passage {}, out of range",
                    q.document, q.passage
                ));
            }
        }
        if let Some(d) = self.documents.iter().find(|d| {
            d.text_file
                .as_deref()
                .is_some_and(|n| !is_text_file_name(n))
        }) {
            return bad(format!(
                "the document {:?} points to an odd file",
                d.file_name
            ));
        }
        if let Some(v) = self.view {
            let ok = (-180.0..=180.0).contains(&v.lon)
                && (-90.0..=90.0).contains(&v.lat)
                && (0.0..=25.0).contains(&v.zoom);
            if !ok {
                return bad(format!(
                    "the map view ({}, {}, zoom {}) is off the globe",
                    v.lon, v.lat, v.zoom
                ));
            }
        }
        Ok(())
    }

    /// The imported layers, checked as an import checks a file.
    pub fn imported_layers(&self) -> Result<Vec<ImportedLayer>, ProjectError> {
        self.layers
            .iter()
            .map(|l| {
                let text = l.features.to_string();
                let features =
                    crate::import::parse_features(text.as_bytes()).map_err(|source| {
                        ProjectError::Layer {
                            name: l.name.clone(),
                            source,
                        }
                    })?;
                Ok(ImportedLayer {
                    key: l.key,
                    name: l.name.clone(),
                    path: l.path.clone(),
                    features,
                })
            })
            .collect()
    }
}

/// An imported layer as stored in a project.
pub fn saved_layer(layer: &ImportedLayer) -> SavedLayer {
    let features = layer.features.iter().map(|f| geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new(
            crate::export::geojson::geometry_value(&f.geometry),
        )),
        id: f.id.clone(),
        properties: Some(f.properties.clone()),
        foreign_members: None,
    });
    let collection = geojson::FeatureCollection::new(features);
    SavedLayer {
        key: layer.key,
        name: layer.name.clone(),
        path: layer.path.clone(),
        features: serde_json::to_value(&collection).unwrap_or(serde_json::Value::Null),
    }
}

fn is_normal(contrast: &crate::map::Contrast) -> bool {
    *contrast == crate::map::Contrast::Normal
}

/// How a project names a theme.
pub fn theme_name(theme: egui::ThemePreference) -> &'static str {
    match theme {
        egui::ThemePreference::Dark => "dark",
        egui::ThemePreference::Light => "light",
        egui::ThemePreference::System => "system",
    }
}

/// The theme a project names (light when it names none or one unknown).
pub fn theme_from_name(name: Option<&str>) -> egui::ThemePreference {
    match name {
        Some("dark") => egui::ThemePreference::Dark,
        Some("system") => egui::ThemePreference::System,
        _ => egui::ThemePreference::Light,
    }
}

/// Where the session is saved between runs: `session.batlas` in the user's data folder.
pub fn default_session_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "border-atlas")
        .map(|d| d.data_dir().join(format!("session.{EXTENSION}")))
}

/// Moves a damaged file aside (`name.damaged-<seconds>`) so nothing writes over it, and
/// returns where it went.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".damaged-{stamp}"));
    let aside = path.with_file_name(name);
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_what_is_not_a_project() {
        let mut p = Project::default();
        p.documents.push(SavedDocument {
            file_name: "a.txt".into(),
            text: "Korday".into(),
            text_file: None,
        });
        p.selection.push("cp_korday".into());
        p.view = Some(SavedView {
            lon: 74.7,
            lat: 43.0,
            zoom: 7.0,
        });
        let back = Project::from_json(p.to_json().as_bytes()).expect("reads back");
        assert_eq!(back, p);
        assert!(matches!(
            Project::from_json(br#"{"type":"FeatureCollection","features":[]}"#),
            Err(ProjectError::NotProject(_))
        ));
        assert!(matches!(
            Project::from_json(b"{\"format\":\"border-atlas-project\",\"version\":1,"),
            Err(ProjectError::Damaged(_))
        ));
        let newer = format!(r#"{{"format":"{FORMAT}","version":99}}"#);
        assert!(matches!(
            Project::from_json(newer.as_bytes()),
            Err(ProjectError::Newer(99))
        ));
    }
}
