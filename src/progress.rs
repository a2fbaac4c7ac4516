//! How far a background job has come, and whether the user asked it to stop: shared
//! between the job's thread, which counts and looks, and the window, which draws a bar and a
//! Cancel button.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The progress of one job. A job that knows how much it has to do says so with
/// [`Progress::set_total`]; one that does not leaves the total at zero (a spinner, no bar).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// A job with nothing done yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many steps the job has in all.
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// `more` steps to do besides those already counted.
    pub fn add_total(&self, more: usize) {
        self.total.fetch_add(more, Ordering::Relaxed);
    }

    /// One more step done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The part done, 0–1, when the total is known.
    ///
    /// ```
    /// let p = border_atlas::progress::Progress::new();
    /// assert_eq!(p.fraction(), None);
    /// p.set_total(4);
    /// p.advance();
    /// assert_eq!(p.fraction(), Some(0.25));
    /// ```
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0))
    }

    /// Asks the job to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the job was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// A job stopped because the user cancelled it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;
