//! The app's files: reading documents and projects in the background, importing layers,
//! saving the project, and keeping the session between runs (autosave and restore).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::chores::{Cancel, Done, Poll, Running};
use super::session::restore_session;
use super::{BorderAtlasApp, Intent, Opened, PathPrompt, PathPurpose, StatusMessage, Workspace};
use crate::atlas::Atlas;
use crate::corpus::Provenance;
use crate::geoparse::Geoparser;
use crate::intent::{Answer, FileIntent, Overwrite};
use crate::layers::Layer;
use crate::progress::Progress;
use crate::project::{Project, SavedDocument, SavedView};
use crate::workspace::WorkspaceError;

pub(super) fn ok(text: impl Into<String>) -> Option<StatusMessage> {
    Some(StatusMessage {
        text: text.into(),
        error: false,
    })
}

pub(super) fn failed(text: impl Into<String>) -> StatusMessage {
    StatusMessage {
        text: text.into(),
        error: true,
    }
}

impl BorderAtlasApp {
    /// The app restoring the session saved at `session` in the background (the seeds alone
    /// when there is none); the work is saved there again as it changes. `None` keeps
    /// nothing between runs.
    pub fn with_session(session: Option<PathBuf>) -> Self {
        let mut app = Self::empty();
        app.session_path = session.clone();
        app.start_background("restore-session", Cancel::Refused, move |_| {
            restore_session(session.as_deref())
        });
        app
    }

    /// Runs `job` on a thread of its own; its result is taken in by `poll_loading`.
    fn start_background(
        &mut self,
        name: &str,
        cancel: Cancel,
        job: impl FnOnce(&Progress) -> Opened + Send + 'static,
    ) {
        self.start_work(name, "Reading files", cancel, job);
    }

    /// Runs `job` on a thread of its own, saying `what` in the status bar meanwhile.
    fn start_work(
        &mut self,
        name: &str,
        what: &'static str,
        cancel: Cancel,
        job: impl FnOnce(&Progress) -> Opened + Send + 'static,
    ) {
        if self.loading.is_some() {
            self.status_message = Some(failed("Still reading; try again in a moment"));
            return;
        }
        match Running::spawn(name, what, cancel, job) {
            Ok(running) => self.loading = Some(running),
            Err(e) => self.status_message = Some(failed(format!("could not start reading: {e}"))),
        }
    }

    /// Takes in what the background read brought, once it is done.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(running) = &self.loading else { return };
        let opened = match running.poll() {
            Poll::Done(opened) => opened,
            Poll::Pending => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Stopped => Opened::new(Err(
                "reading stopped unexpectedly; nothing was changed".into()
            )),
        };
        self.loading = None;
        self.session.restored = true;
        match opened.loaded {
            None => {}
            Some(Ok(loaded)) => {
                let first = self.loaded.is_none();
                self.loaded = Some(loaded);
                self.generation += 1;
                if let Some(project) = &opened.project {
                    self.apply_project(project);
                } else if first {
                    self.map.fit(self.fit_all_bounds());
                }
                if let Some(path) = opened.project_path {
                    self.project_path = path;
                }
                if opened.saved {
                    self.saved_signature = Some(self.work_signature());
                }
            }
            Some(Err(e)) if self.loaded.is_none() => self.load_error = Some(e),
            Some(Err(e)) => self.open_errors.push(e),
        }
        let frame: Vec<&str> = opened.frame.iter().map(String::as_str).collect();
        if let Some(bounds) = self.bounds_of(&frame) {
            self.map.fit(bounds);
        }
        self.open_errors.extend(opened.errors);
        if opened.notice.is_some() {
            self.status_message = opened.notice;
        }
        // What was just restored is what is on disk: nothing to save yet.
        if self.session.written.is_none() {
            self.session.written = Some(self.fingerprint());
        }
        self.run_queued(ctx);
    }

    /// The work asked for while other work ran, until one of it runs in the background.
    pub(super) fn run_queued(&mut self, ctx: &egui::Context) {
        while self.loading.is_none()
            && let Some(next) = self.queued.pop_front()
        {
            self.run(ctx, next);
        }
    }

    /// Reads documents and adds them to the corpus, in the background.
    pub(super) fn start_opening(&mut self, _ctx: &egui::Context, paths: Vec<PathBuf>) {
        let Some(loaded) = &self.loaded else { return };
        if paths.is_empty() {
            return;
        }
        let before = loaded.clone();
        self.start_background("open-documents", Cancel::Allowed, move |progress| {
            let Ok((loaded, errors)) = before.with_files_watched(&paths, progress) else {
                return Opened::unchanged();
            };
            let added = loaded.atlas.corpus.documents.len() - before.atlas.corpus.documents.len();
            Opened {
                errors: errors.iter().map(ToString::to_string).collect(),
                notice: ok(format!(
                    "Added {added} document{}",
                    if added == 1 { "" } else { "s" }
                )),
                ..Opened::new(Ok(loaded))
            }
        });
    }

    /// The work as a project.
    pub fn project(&self) -> Project {
        self.project_with(Texts::Included)
    }

    /// The work as a project, its documents with their texts or with their names only.
    pub(super) fn project_with(&self, texts: Texts) -> Project {
        let mut project = Project::default();
        if let Some(loaded) = &self.loaded {
            project.documents = loaded
                .atlas
                .corpus
                .documents
                .iter()
                .filter(|d| d.provenance == Provenance::Opened)
                .map(|d| SavedDocument {
                    file_name: d.file_name.clone(),
                    text: match texts {
                        Texts::Included => d.text.clone(),
                        Texts::Omitted => String::new(),
                    },
                    text_file: None,
                })
                .collect();
            project.layers = loaded
                .atlas
                .layers
                .iter()
                .map(crate::project::saved_layer)
                .collect();
            project.review = loaded.atlas.review.clone();
        }
        project.selection = self.selection.iter().cloned().collect();
        project.switches = self.switches.clone();
        project.hidden_documents = self.filters.hidden_documents.iter().copied().collect();
        project.hidden_countries = self.filters.hidden_countries.iter().cloned().collect();
        project.view = Some(self.saved_view());
        project.theme = Some(crate::project::theme_name(self.theme).into());
        project.contrast = self.contrast;
        project.tours = self.tours.clone();
        project.source_path = self.project_path.clone();
        project
    }

    /// The map view as a project stores it: to about 10 cm and a thousandth of a level.
    fn saved_view(&self) -> SavedView {
        let center = self.map.center();
        SavedView {
            lon: (center.x() * 1e6).round() / 1e6,
            lat: (center.y() * 1e6).round() / 1e6,
            zoom: (self.map.zoom() * 1e3).round() / 1e3,
        }
    }

    fn apply_project(&mut self, project: &Project) {
        let Some(loaded) = &self.loaded else { return };
        let documents = loaded.atlas.corpus.documents.len();
        self.selection = project
            .selection
            .iter()
            .filter(|id| loaded.index().by_id.contains_key(*id))
            .cloned()
            .collect();
        self.switches = project.switches.clone();
        self.filters.hidden_documents = project
            .hidden_documents
            .iter()
            .copied()
            .filter(|&d| d < documents)
            .collect();
        self.filters.hidden_countries = project.hidden_countries.iter().cloned().collect();
        self.theme = crate::project::theme_from_name(project.theme.as_deref());
        self.contrast = project.contrast;
        match project.view {
            Some(v) => self.map.look_at(v.lon, v.lat, v.zoom),
            None => self.map.fit(self.fit_all_bounds()),
        }
        self.tours = project.tours.clone();
        self.tour = 0;
        self.reader = None;
        self.side_tab = super::SideTab::Quotes;
        self.generation += 1;
    }

    /// The system's file dialog, when there is one. Where there is none (no desktop portal,
    /// or in tests) or it is cancelled, the window where a path is typed opens for
    /// `purpose` with `text` proposed, and `None` comes back.
    pub(super) fn dialog_or_prompt<T>(
        &mut self,
        purpose: PathPurpose,
        text: &str,
        dialog: impl FnOnce() -> Option<T>,
    ) -> Option<T> {
        let picked = self.native_dialogs.then(dialog).flatten();
        if picked.is_none() {
            self.prompt = Some(PathPrompt::new(purpose, text));
        }
        picked
    }

    /// Applies an intent about files: imports, projects, dropped files.
    pub(super) fn run_file_command(&mut self, ctx: &egui::Context, intent: FileIntent) {
        match intent {
            FileIntent::OpenDocumentsDialog => self.open_documents_dialog(ctx),
            FileIntent::ShowPathPrompt(purpose) => {
                self.prompt = purpose.map(|p| PathPrompt::new(p, ""));
            }
            FileIntent::OpenPaths(paths) => {
                self.prompt = None;
                self.start_opening(ctx, paths);
            }
            FileIntent::DismissOpenErrors => self.open_errors.clear(),
            FileIntent::Drop(paths) => self.drop_files(ctx, paths),
            FileIntent::ImportLayerDialog => self.import_layer_dialog(ctx),
            FileIntent::ImportLayers(paths) => {
                self.prompt = None;
                self.import_layers(&paths);
            }
            FileIntent::RemoveLayer(key) => self.remove_layer(key),
            FileIntent::NewProject => self.replace_work(Project::default(), None),
            FileIntent::ConfirmReplace(go) => {
                if let Some((project, path)) = self.confirm_replace.take()
                    && go == Answer::Proceed
                {
                    self.load_project(project, path);
                }
            }
            FileIntent::OpenProjectDialog => self.open_project_dialog(ctx),
            FileIntent::OpenProject(path) => self.open_project(path),
            FileIntent::SaveProject => match self.project_path.clone() {
                Some(path) => self.run(
                    ctx,
                    Intent::Files(FileIntent::SaveProjectTo(path, Overwrite::Replace)),
                ),
                None => self.run(ctx, Intent::Files(FileIntent::SaveProjectAsDialog)),
            },
            FileIntent::SaveProjectAsDialog => self.save_project_as_dialog(ctx),
            FileIntent::SaveProjectTo(path, overwrite) => self.save_project_to(path, overwrite),
            FileIntent::Cancel(job) => self.cancel_job(ctx, job),
        }
    }

    fn open_documents_dialog(&mut self, ctx: &egui::Context) {
        let picked = self.dialog_or_prompt(PathPurpose::OpenDocuments, "", || {
            rfd::FileDialog::new()
                .set_title("Open documents")
                .add_filter("Text documents", &["txt", "md"])
                .pick_files()
        });
        if let Some(paths) = picked {
            self.start_opening(ctx, paths);
        }
    }

    /// Files dropped on the window: a project opens (alone); layers are imported and
    /// documents read.
    fn drop_files(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let (projects, rest): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| has_extension(p, &[crate::project::EXTENSION]));
        let (layers, documents): (Vec<PathBuf>, Vec<PathBuf>) = rest
            .into_iter()
            .partition(|p| has_extension(p, &["geojson", "json"]));
        if let Some(project) = projects.into_iter().next() {
            self.run(ctx, Intent::Files(FileIntent::OpenProject(project)));
            return;
        }
        if !layers.is_empty() {
            self.run(ctx, Intent::Files(FileIntent::ImportLayers(layers)));
        }
        if !documents.is_empty() {
            self.run(ctx, Intent::Files(FileIntent::OpenPaths(documents)));
        }
    }

    fn import_layer_dialog(&mut self, ctx: &egui::Context) {
        let picked = self.dialog_or_prompt(PathPurpose::ImportLayer, "", || {
            rfd::FileDialog::new()
                .set_title("Import GeoJSON layer")
                .add_filter("GeoJSON", &["geojson", "json"])
                .pick_files()
        });
        if let Some(paths) = picked {
            self.run(ctx, Intent::Files(FileIntent::ImportLayers(paths)));
        }
    }

    fn remove_layer(&mut self, key: u32) {
        let Some(loaded) = &self.loaded else { return };
        let mut atlas = (*loaded.atlas).clone();
        let name = atlas
            .layers
            .iter()
            .find(|l| l.key == key)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        atlas.remove_layer(key);
        let loaded = loaded.with_atlas(atlas);
        self.selection
            .retain(|id| loaded.index().by_id.contains_key(id));
        self.switches.set(Layer::Imported(key), true);
        self.loaded = Some(loaded);
        self.generation += 1;
        self.status_message = ok(format!("Removed the layer {name:?}"));
    }

    fn open_project_dialog(&mut self, ctx: &egui::Context) {
        let picked = self.dialog_or_prompt(PathPurpose::OpenProject, "", || {
            rfd::FileDialog::new()
                .set_title("Open project")
                .add_filter("Border Atlas project", &[crate::project::EXTENSION])
                .pick_file()
        });
        if let Some(path) = picked {
            self.run(ctx, Intent::Files(FileIntent::OpenProject(path)));
        }
    }

    /// Reads a project in the background: it may hold 256 MB of documents.
    fn open_project(&mut self, path: PathBuf) {
        self.prompt = None;
        self.start_chore(
            "Opening the project",
            Cancel::Allowed,
            move |_| match Project::read(&path) {
                Ok(project) => Done::ProjectRead(Box::new(project), path),
                Err(e) => Done::OpenFailed(format!("Could not open {}: {e}", path.display())),
            },
        );
    }

    fn save_project_as_dialog(&mut self, ctx: &egui::Context) {
        let default_name = format!("border-atlas.{}", crate::project::EXTENSION);
        let picked = self.dialog_or_prompt(PathPurpose::SaveProject, &default_name, || {
            rfd::FileDialog::new()
                .set_title("Save project")
                .set_file_name(&default_name)
                .add_filter("Border Atlas project", &[crate::project::EXTENSION])
                .save_file()
        });
        // The system dialog has asked about replacing already.
        if let Some(path) = picked {
            self.run(
                ctx,
                Intent::Files(FileIntent::SaveProjectTo(path, Overwrite::Replace)),
            );
        }
    }

    /// The work that a project keeps, without what changes by merely looking (view,
    /// theme, selection).
    fn work_signature(&self) -> String {
        signature(self.project())
    }

    /// Whether there is work (documents, layers or tours) not saved in a project file.
    pub fn has_unsaved_work(&self) -> bool {
        let p = self.project();
        let something = !(p.documents.is_empty() && p.layers.is_empty() && p.tours.is_empty());
        something && self.saved_signature.as_deref() != Some(signature(p).as_str())
    }

    /// Replaces the work with a project's, asking first if that would lose unsaved work.
    pub(super) fn replace_work(&mut self, project: Project, path: Option<PathBuf>) {
        if self.has_unsaved_work() {
            self.confirm_replace = Some((project, path));
        } else {
            self.load_project(project, path);
        }
    }

    /// Replaces the work with a project's, reading its documents in the background.
    fn load_project(&mut self, project: Project, path: Option<PathBuf>) {
        let Some(loaded) = &self.loaded else { return };
        let geoparser = loaded.geoparser.clone();
        let name = path
            .as_ref()
            .map_or_else(|| "a new project".into(), |p| p.display().to_string());
        self.start_background("open-project", Cancel::Allowed, move |progress| {
            let loaded = match Workspace::from_project_watched(&project, geoparser, progress) {
                Err(WorkspaceError::Cancelled(_)) => return Opened::unchanged(),
                other => other.map_err(|e| e.to_string()),
            };
            Opened {
                project: Some(project),
                project_path: Some(path),
                notice: ok(format!("Opened {name}")),
                saved: true,
                ..Opened::new(loaded)
            }
        });
    }

    fn save_project_to(&mut self, path: PathBuf, overwrite: Overwrite) {
        let overwrite = overwrite == Overwrite::Replace;
        let mut project = self.project();
        project.source_path = None;
        self.prompt = None;
        // Written in the background: a project holds every document, up to 256 MB.
        self.start_chore(
            "Saving the project",
            Cancel::Refused,
            move |_| match project.write(&path, overwrite) {
                Ok(()) => Done::Saved {
                    signature: signature(project),
                    path,
                },
                Err(crate::export::WriteError::Exists(_)) => Done::Exists(PathPrompt {
                    purpose: PathPurpose::SaveProject,
                    text: path.display().to_string(),
                    confirm_overwrite: true,
                }),
                Err(e) => Done::Message(failed(format!("The project was not saved: {e}"))),
            },
        );
    }

    /// Imports GeoJSON files, each as a layer, in the background; a bad file is refused
    /// with its reason and nothing else changes.
    fn import_layers(&mut self, paths: &[PathBuf]) {
        let Some(loaded) = &self.loaded else { return };
        let (atlas, geoparser) = (loaded.atlas.clone(), loaded.geoparser.clone());
        let paths = paths.to_vec();
        self.start_work(
            "import-layers",
            "Importing layers",
            Cancel::Allowed,
            move |progress| import_job(&atlas, geoparser, &paths, progress),
        );
    }
}

/// Reads GeoJSON layers into a copy of `atlas` and prepares it for the window.
fn import_job(
    atlas: &Atlas,
    geoparser: Arc<Geoparser>,
    paths: &[PathBuf],
    progress: &Progress,
) -> Opened {
    let mut atlas = atlas.clone();
    let mut imported = Vec::new();
    let mut errors = Vec::new();
    progress.add_total(paths.len());
    for path in paths {
        if progress.is_cancelled() {
            return Opened::unchanged();
        }
        progress.advance();
        let key = atlas
            .layers
            .iter()
            .map(|l| l.key)
            .max()
            .map_or(1, |k| k.saturating_add(1))
            .min(crate::project::MAX_LAYER_KEY);
        match crate::import::read_layer(path, key) {
            Ok(mut layer) => {
                let taken = |n: &str| atlas.layers.iter().any(|l| l.name == n);
                if taken(&layer.name) {
                    let base = layer.name.clone();
                    let mut n = 2;
                    while taken(&format!("{base} ({n})")) {
                        n += 1;
                    }
                    layer.name = format!("{base} ({n})");
                }
                imported.push((key, layer.name.clone(), layer.features.len()));
                atlas.add_layer(layer);
            }
            Err(e) => errors.push(format!("{} was not imported: {e}", path.display())),
        }
    }
    if imported.is_empty() {
        return Opened {
            errors,
            notice: Some(failed("Nothing was imported")),
            ..Opened::unchanged()
        };
    }
    let frame: Vec<String> = atlas
        .items
        .iter()
        .filter(|i| {
            imported
                .iter()
                .any(|(k, ..)| i.kind == crate::atlas::ItemKind::Imported(*k))
        })
        .map(|i| i.id.clone())
        .collect();
    let features: usize = imported.iter().map(|(_, _, n)| n).sum();
    let names: Vec<String> = imported
        .iter()
        .map(|(_, name, _)| format!("{name:?}"))
        .collect();
    let notice = ok(format!(
        "Imported {features} feature{} as {} {}",
        if features == 1 { "" } else { "s" },
        if names.len() == 1 { "layer" } else { "layers" },
        names.join(", ")
    ));
    Opened {
        frame,
        errors,
        notice,
        ..Opened::new(Ok(Workspace::new(atlas, geoparser)))
    }
}

/// A project's work as text, without what changes by merely looking (view, theme,
/// selection), to tell whether it is saved.
fn signature(mut p: Project) -> String {
    p.view = None;
    p.theme = None;
    p.source_path = None;
    p.selection.clear();
    p.to_json()
}

/// Whether a project keeps its documents' texts inside it (a project file) or beside it
/// (the session).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Texts {
    Included,
    Omitted,
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
