//! Keeping the session between runs: autosave in the background once the work has stayed
//! unchanged for a moment, a last save when the window closes, and restoring at start.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;
use std::time::{Duration, Instant};

use super::files::{Texts, failed, ok};
use super::{BorderAtlasApp, Opened, Workspace};
use crate::corpus::Provenance;
use crate::project::Project;
use crate::workspace::WorkspaceError;

/// How long the work must be unchanged before the session is saved.
const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// What the autosave knows: what it wrote last and when the work last changed.
#[derive(Default)]
pub(crate) struct SessionState {
    /// What the work looked like when last written (or restored).
    pub(super) written: Option<Fingerprint>,
    /// When a change was first seen that is not written yet.
    pub(super) changed_at: Option<Instant>,
    /// Whether restoring has finished (nothing is saved before, so a slow start never
    /// writes an empty session over the last one).
    pub(super) restored: bool,
    /// A save running in the background, with what it saves.
    saving: Option<(std::sync::mpsc::Receiver<Result<(), String>>, Fingerprint)>,
}

/// What tells cheaply, every frame, whether the work changed: documents, layers, switches
/// and filters bump the generation; the rest is small. The map view is not in it: moving
/// the map alone is no reason to write (the view is saved with the next change, and when
/// the window closes).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fingerprint {
    generation: u64,
    selection: std::collections::BTreeSet<String>,
    theme: egui::ThemePreference,
    project_path: Option<PathBuf>,
    tours: Vec<crate::tour::Tour>,
}

/// A session to write: its JSON, and the texts of its documents (each written once, to a
/// file named after its hash, in [`crate::project::TEXTS_FOLDER`] beside the session).
struct SessionJob {
    path: PathBuf,
    json: String,
    atlas: Arc<crate::atlas::Atlas>,
    /// (file name, corpus index) of each document.
    texts: Vec<(String, usize)>,
}

impl SessionJob {
    /// Writes the texts not written yet, then the session; removes texts no document
    /// needs any more. Everything is private to the user.
    fn run(self) -> Result<(), String> {
        let Some(dir) = self.path.parent() else {
            return Err(format!("{} has no folder", self.path.display()));
        };
        let texts_dir = dir.join(crate::project::TEXTS_FOLDER);
        std::fs::create_dir_all(&texts_dir).map_err(|e| e.to_string())?;
        for (name, index) in &self.texts {
            let file = texts_dir.join(name);
            if std::fs::symlink_metadata(&file).is_ok() {
                continue;
            }
            let Some(doc) = self.atlas.corpus.documents.get(*index) else {
                continue;
            };
            crate::fileio::write_private(&file, doc.text.as_bytes(), false)
                .map_err(|e| e.to_string())?;
        }
        crate::fileio::write_private(&self.path, self.json.as_bytes(), true)
            .map_err(|e| e.to_string())?;
        if let Ok(entries) = std::fs::read_dir(&texts_dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let needed = self.texts.iter().any(|(n, _)| *n == name);
                if !needed && name.ends_with(".txt") && entry.file_type().is_ok_and(|t| t.is_file())
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// Reads the session saved at `path` (a damaged one is set aside), or the seeds alone.
pub(crate) fn restore_session(path: Option<&Path>) -> Opened {
    let geoparser = match Workspace::geoparser() {
        Ok(g) => g,
        Err(e) => return Opened::new(Err(e)),
    };
    let fresh = |notice| Opened {
        notice,
        ..Opened::new(
            Workspace::from_project(&Project::default(), geoparser.clone())
                .map_err(|e| e.to_string()),
        )
    };
    let Some(path) = path.filter(|p| p.exists()) else {
        return fresh(None);
    };
    let restored = Project::read(path)
        .map_err(WorkspaceError::from)
        .and_then(|project| {
            Workspace::from_project(&project, geoparser.clone()).map(|loaded| (loaded, project))
        });
    match restored {
        Ok((loaded, project)) => Opened {
            project_path: Some(project.source_path.clone()),
            project: Some(project),
            notice: ok("Restored the last session"),
            ..Opened::new(Ok(loaded))
        },
        Err(e) => {
            let aside = match crate::project::set_aside(path) {
                Ok(aside) => format!("it was kept as {}", aside.display()),
                Err(io) => {
                    format!("it could not be moved aside ({io}) and will not be written over")
                }
            };
            log::error!("the saved session {} is damaged: {e}", path.display());
            fresh(Some(failed(format!(
                "The last session could not be restored: {e}; {aside}. Starting from the seed documents."
            ))))
        }
    }
}

impl BorderAtlasApp {
    pub(super) fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            generation: self.generation,
            selection: self.selection.clone(),
            theme: self.theme,
            project_path: self.project_path.clone(),
            tours: self.tours.clone(),
        }
    }

    /// Restores the selection, switches, filters, view and theme of a project whose
    /// documents and layers are loaded.
    /// Saves the session if the work changed and then stayed unchanged for a moment; the
    /// writing runs in the background.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.poll_session_save(ctx);
        if self.session_path.is_none()
            || !self.session.restored
            || self.is_loading()
            || self.session.saving.is_some()
        {
            return;
        }
        let now = self.fingerprint();
        if self.session.written.as_ref() == Some(&now) {
            self.session.changed_at = None;
            return;
        }
        let since = *self.session.changed_at.get_or_insert_with(Instant::now);
        if since.elapsed() >= AUTOSAVE_AFTER {
            self.start_session_save();
        } else {
            // egui draws only on input; make sure a frame comes to save in.
            ctx.request_repaint_after(AUTOSAVE_AFTER.saturating_sub(since.elapsed()));
        }
    }

    /// Takes in the result of a background save, once it is done.
    fn poll_session_save(&mut self, ctx: &egui::Context) {
        let Some((rx, fingerprint)) = &self.session.saving else {
            return;
        };
        let result = match rx.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => Err("the saving stopped unexpectedly".into()),
        };
        let fingerprint = fingerprint.clone();
        self.session.saving = None;
        self.session_saved(result, fingerprint);
    }

    /// Notes what a session save came to.
    fn session_saved(&mut self, result: Result<(), String>, fingerprint: Fingerprint) {
        match result {
            Ok(()) => {
                self.session.written = Some(fingerprint);
                self.session.changed_at = None;
            }
            Err(e) => {
                log::warn!("could not save the session: {e}");
                self.status_message = Some(failed(format!("Could not save the session: {e}")));
                // Try again after the usual wait rather than every frame.
                self.session.changed_at = Some(Instant::now());
            }
        }
    }

    /// What the session writes: the work without the documents' texts (they are kept in
    /// files of their own, written once), and the documents whose texts those files hold.
    fn session_job(&self) -> Option<SessionJob> {
        let path = self.session_path.clone()?;
        let loaded = self.loaded.as_ref()?;
        let mut project = self.project_with(Texts::Omitted);
        let mut texts = Vec::new();
        for (d, saved) in loaded
            .atlas
            .corpus
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.provenance == Provenance::Opened)
            .zip(project.documents.iter_mut())
        {
            let name = crate::project::text_file_name(&d.1.text);
            saved.text_file = Some(name.clone());
            texts.push((name, d.0));
        }
        Some(SessionJob {
            path,
            json: project.to_json(),
            atlas: loaded.atlas.clone(),
            texts,
        })
    }

    /// Starts writing the session in the background.
    fn start_session_save(&mut self) {
        let Some(job) = self.session_job() else {
            return;
        };
        let fingerprint = self.fingerprint();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("save-session".into())
            .spawn(move || {
                let _ = tx.send(job.run());
            });
        match spawned {
            Ok(_) => self.session.saving = Some((rx, fingerprint)),
            Err(e) => self.session_saved(Err(e.to_string()), fingerprint),
        }
    }

    /// Writes the session now, waiting for it (when the window closes). Failures are
    /// reported, never fatal; the previous session file stays whole.
    pub fn save_session(&mut self) {
        if !self.session.restored {
            return;
        }
        // A save still running finishes first, so the two never write at once.
        if let Some((rx, fingerprint)) = self.session.saving.take() {
            let result = rx
                .recv()
                .unwrap_or_else(|_| Err("the saving stopped".into()));
            self.session_saved(result, fingerprint);
        }
        let Some(job) = self.session_job() else {
            return;
        };
        let fingerprint = self.fingerprint();
        self.session_saved(job.run(), fingerprint);
    }
}
