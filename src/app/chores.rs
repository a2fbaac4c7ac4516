//! Background jobs. [`Running`] is any job on a thread of its own, with its progress and
//! whether it may be cancelled. Chores are the jobs that end with a word to the user rather
//! than new documents: saving a project, reading one before it replaces the work, drawing a
//! picture. One reading job and one chore run at a time, each shown in the status bar (a
//! bar where the length is known, a Cancel button where stopping makes sense); the window
//! keeps working meanwhile.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use super::{BorderAtlasApp, PathPrompt, StatusMessage};
use crate::intent::BackgroundJob;
use crate::progress::Progress;
use crate::ui::status_bar::RunningJob;

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

/// Whether the user may stop a job. Saving may not (a save cut short helps nobody);
/// restoring the session may not (there would be nothing to show).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cancel {
    /// A Cancel button is shown.
    Allowed,
    /// No Cancel button.
    Refused,
}

/// A job running on a thread of its own, with what it does and how far it is.
pub(crate) struct Running<T> {
    /// What it does ("Saving the project").
    pub what: &'static str,
    /// How far it is, and the flag that asks it to stop.
    pub progress: Arc<Progress>,
    /// Whether the user may stop it.
    pub cancel: Cancel,
    rx: Receiver<T>,
}

/// What a running job came to, looked at without waiting.
pub(crate) enum Poll<T> {
    /// Still running.
    Pending,
    /// Finished with this.
    Done(T),
    /// The thread ended without a result (it panicked).
    Stopped,
}

impl<T: Send + 'static> Running<T> {
    /// Starts `job` on a thread named `name`.
    pub(crate) fn spawn(
        name: &str,
        what: &'static str,
        cancel: Cancel,
        job: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::new());
        let watched = progress.clone();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                // Nobody listens any more if the job was cancelled: its result is dropped.
                let _ = tx.send(job(&watched));
            })?;
        Ok(Self {
            what,
            progress,
            cancel,
            rx,
        })
    }

    /// The job's result, if it has one yet.
    pub(crate) fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(done) => Poll::Done(done),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Stopped,
        }
    }

    /// Waits at most `timeout` for the job's result.
    pub(crate) fn wait(&self, timeout: Duration) -> Option<T> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// What the status bar shows of it.
    pub(crate) fn shown(&self, job: BackgroundJob) -> RunningJob {
        RunningJob {
            what: self.what,
            fraction: self.progress.fraction(),
            cancel: (self.cancel == Cancel::Allowed).then_some(job),
        }
    }
}

impl BorderAtlasApp {
    /// Runs `job` on a thread of its own; refused, saying so, while another chore runs.
    pub(crate) fn start_chore(
        &mut self,
        what: &'static str,
        cancel: Cancel,
        job: impl FnOnce(&Progress) -> Done + Send + 'static,
    ) {
        if let Some(chore) = &self.chore {
            self.status_message = Some(StatusMessage {
                text: format!("{} first; try again in a moment", chore.what),
                error: true,
            });
            return;
        }
        match Running::spawn("chore", what, cancel, job) {
            Ok(chore) => self.chore = Some(chore),
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
        let done = match chore.poll() {
            Poll::Done(done) => done,
            Poll::Pending => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Stopped => stopped(chore.what),
        };
        self.chore_done(done);
    }

    /// Waits for the running chore to end (at most a minute), so closing the window does
    /// not cut a save short.
    pub(crate) fn finish_chore(&mut self) {
        let Some(chore) = &self.chore else { return };
        let done = chore
            .wait(Duration::from_secs(60))
            .unwrap_or_else(|| stopped(chore.what));
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

    /// Stops a background job, if the user may: it is told to stop and its result, should
    /// it still come, is dropped. What it would have changed stays as it was.
    pub(crate) fn cancel_job(&mut self, ctx: &egui::Context, job: BackgroundJob) {
        let what = match job {
            BackgroundJob::Reading => {
                self.loading
                    .take_if(|r| r.cancel == Cancel::Allowed)
                    .map(|r| {
                        r.progress.cancel();
                        r.what
                    })
            }
            BackgroundJob::Chore => self
                .chore
                .take_if(|r| r.cancel == Cancel::Allowed)
                .map(|r| {
                    r.progress.cancel();
                    r.what
                }),
        };
        let Some(what) = what else { return };
        self.status_message = Some(StatusMessage {
            text: format!("Cancelled: {what}; nothing was changed"),
            error: false,
        });
        if job == BackgroundJob::Reading {
            self.run_queued(ctx);
        }
    }

    /// What runs in the background, for the status bar.
    pub fn running_jobs(&self) -> Vec<RunningJob> {
        let reading = self
            .loading
            .as_ref()
            .filter(|_| self.loaded.is_some())
            .map(|r| r.shown(BackgroundJob::Reading));
        let chore = self.chore.as_ref().map(|r| r.shown(BackgroundJob::Chore));
        reading.into_iter().chain(chore).collect()
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
