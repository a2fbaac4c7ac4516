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

/// A document the user opened, stored with its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedDocument {
    /// The file's name, as shown in the panels.
    pub file_name: String,
    /// Its text, decoded.
    pub text: String,
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
    /// Tours for presenting.
    #[serde(default)]
    pub tours: Vec<crate::tour::Tour>,
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
            tours: Vec::new(),
            source_path: None,
        }
    }
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
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        if size > MAX_FILE_BYTES {
            return Err(ProjectError::TooLarge(size / (1024 * 1024)));
        }
        Self::from_json(&std::fs::read(path).map_err(read_error)?)
    }

    /// Writes the project atomically; an existing file is replaced only with `overwrite`.
    pub fn write(&self, path: &Path, overwrite: bool) -> Result<(), crate::export::WriteError> {
        crate::export::write_atomically(path, self.to_json().as_bytes(), overwrite)
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
