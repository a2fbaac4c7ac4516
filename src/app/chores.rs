//! Work that ends with a word to the user rather than new documents: saving a project,
//! reading one before it replaces the work, and drawing a picture. It runs on a thread of its own, one at a time, with a spinner and what
//! it does in the status bar; the window keeps working meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use super::{BorderAtlasApp, PathPrompt, StatusMessage};

/// How a chore ended.
pub(crate) enum Done {
    /// Something to say.
    Message(StatusMessage),
    /// The project was written to `path`; `signature` is the work as saved.
    Saved {
        /// Where.
        path: PathBuf,
        /// The work's signature as written.
        signature: String,
    },
    /// The file exists: ask before replacing it.
    Exists(PathPrompt),
    /// A project was read from `path`: it replaces the work (asking first if that is not
    /// saved).
    ProjectRead(Box<crate::project::Project>, PathBuf),
    /// A file could not be opened, for this reason.
    OpenFailed(String),
}

/// A chore running.
pub(crate) struct Chore {
    /// What it does ("Saving the project").
    pub what: &'static str,
    rx: Receiver<Done>,
}

impl BorderAtlasApp {
    /// Runs `job` on a thread of its own; refused, saying so, while another chore runs.
    pub(crate) fn start_chore(
        &mut self,
        what: &'static str,
        job: impl FnOnce() -> Done + Send + 'static,
    ) {
        if let Some(chore) = &self.chore {
            self.status_message = Some(StatusMessage {
                text: format!("{} first; try again in a moment", chore.what),
                error: true,
            });
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("chore".into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        match spawned {
            Ok(_) => self.chore = Some(Chore { what, rx }),
            Err(e) => {
                self.status_message = Some(StatusMessage {
                    text: format!("{what} could not start: {e}"),
                    error: true,
                })
            }
        }
    }

    /// Takes in how the running chore ended, once it has.
    pub(crate) fn poll_chore(&mut self, ctx: &egui::Context) {
        let Some(chore) = &self.chore else { return };
        let done = match chore.rx.try_recv() {
            Ok(done) => done,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => stopped(chore.what),
        };
        self.chore_done(done);
    }

    /// Waits for the running chore to end (at most a minute), so closing the window does
    /// not cut a save short.
    pub(crate) fn finish_chore(&mut self) {
        let Some(chore) = &self.chore else { return };
        let done = chore
            .rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| stopped(chore.what));
        self.chore_done(done);
    }

    fn chore_done(&mut self, done: Done) {
        self.chore = None;
        match done {
            Done::Message(message) => self.status_message = Some(message),
            Done::Saved { path, signature } => {
                self.prompt = None;
                self.status_message = Some(StatusMessage {
                    text: format!("Saved the project to {}", path.display()),
                    error: false,
                });
                self.project_path = Some(path);
                self.saved_signature = Some(signature);
            }
            Done::Exists(prompt) => self.prompt = Some(prompt),
            Done::ProjectRead(project, path) => self.replace_work(*project, Some(path)),
            Done::OpenFailed(text) => {
                self.open_errors.push(text.clone());
                self.status_message = Some(StatusMessage { text, error: true });
            }
        }
    }

    /// What the chore running does, if one runs.
    pub fn chore_running(&self) -> Option<&'static str> {
        self.chore.as_ref().map(|c| c.what)
    }

    /// Whether anything runs in the background: reading, importing, saving, drawing.
    pub fn is_busy(&self) -> bool {
        self.is_loading() || self.chore.is_some()
    }
}

fn stopped(what: &str) -> Done {
    Done::Message(StatusMessage {
        text: format!("{what} stopped unexpectedly"),
        error: true,
    })
}
