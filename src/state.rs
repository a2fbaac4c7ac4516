//! The state the panels read and the app keeps: filters on what is shown, the window
//! waiting for a path or an answer (one for every purpose), and the status bar's message. Panels read it (and edit
//! the text typed into a prompt); they never see the app itself.

use std::collections::BTreeSet;

use crate::intent::PathPurpose;

/// Filters on the places shown: by document and by country (kinds are the layers).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Documents whose places are hidden (indices in the corpus).
    pub hidden_documents: BTreeSet<usize>,
    /// Countries (ISO alpha-2) whose places are hidden.
    pub hidden_countries: BTreeSet<String>,
    /// Only places the user has checked are shown.
    pub verified_only: bool,
    /// Only places something happens to in a span of time (or by a date).
    pub time: Option<TimeFilter>,
}

/// A day as (year, month, day), comparable.
pub type Day = (i32, u8, u8);

/// The timeline's filter: what happens between two days, or everything up to a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeFilter {
    /// First day of the range (ignored "as of").
    pub from: Day,
    /// Last day of the range, or the day "as of".
    pub to: Day,
    /// Show each place as it stands at `to`, rather than what happens in the range.
    pub as_of: bool,
}

impl TimeFilter {
    /// Whether an item has an event in the range (or, "as of", on or before its end).
    pub fn pass(&self, item: &crate::atlas::AtlasItem) -> bool {
        item.events.iter().filter_map(|e| e.date).any(|d| {
            let before_end = d.start() <= self.to;
            before_end && (self.as_of || d.end() >= self.from)
        })
    }
}

impl Filters {
    /// Whether an item passes the filters: some of its passages are in a shown document and
    /// some of its countries are shown.
    pub fn pass(&self, item: &crate::atlas::AtlasItem) -> bool {
        if self.verified_only && !item.verified {
            return false;
        }
        if let Some(time) = &self.time
            && !time.pass(item)
        {
            return false;
        }
        let document_ok = item.sources.is_empty()
            || item
                .sources
                .iter()
                .any(|s| !self.hidden_documents.contains(&s.document));
        let country_ok = item.countries.is_empty()
            || item
                .countries
                .iter()
                .any(|c| !self.hidden_countries.contains(c));
        document_ok && country_ok
    }
}

/// A message for the status bar: what an action did, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// The window where a path is typed, for when there is no file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The text typed.
    pub text: String,
    /// The file exists and the user is asked whether to replace it (saving only).
    pub confirm_overwrite: bool,
}

impl PathPrompt {
    /// An empty prompt.
    pub fn new(purpose: PathPurpose, text: impl Into<String>) -> Self {
        Self {
            purpose,
            text: text.into(),
            confirm_overwrite: false,
        }
    }
}

/// Where the review stands: the queue's filters, the item shown, an offer to apply a
/// decision elsewhere, and the decisions that can be taken back.
#[derive(Clone, Debug, Default)]
pub struct ReviewState {
    /// Position of the item shown in the (filtered) queue.
    pub position: usize,
    /// Only this document's items.
    pub document: Option<usize>,
    /// Which items.
    pub kind: crate::intent::QueueKind,
    /// Waiting for a click on the map to place the item.
    pub placing: bool,
    /// The kind a placed name gets.
    pub place_kind: String,
    /// The gazetteer search typed.
    pub search: String,
    /// The last decision, offered for the same name in other documents.
    pub offer: Option<ReviewOffer>,
    /// The review before each decision, to take them back (latest last).
    pub undo: Vec<crate::review::Review>,
}

/// A decision offered for more mentions of the same name, in other documents.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewOffer {
    /// The name.
    pub name: String,
    /// What was decided.
    pub verdict: crate::review::Verdict,
    /// The mentions it would apply to.
    pub keys: Vec<(crate::review::MentionKey, String)>,
}
