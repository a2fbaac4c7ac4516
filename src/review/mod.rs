//! The user's decisions about what the geoparser found, and the places the user added.
//!
//! A decision is keyed to a mention: the hash of its document's text and the span of the
//! name in code points. Keys do not depend on the order documents were opened in, on the
//! gazetteer or on the geoparser, so decisions survive re-geoparsing, a newer gazetteer and
//! reopening a project. A decision whose document is not open, or whose span no longer
//! holds the name it was made for, is set aside and reported — never dropped, never
//! applied elsewhere.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::corpus::{Document, Span};
use crate::gazetteer::PlaceKind;

pub mod report;
pub mod user_places;

/// The hash that keys a document's decisions: the first 128 bits of the SHA-256 of its
/// text, in hex. Stable across versions and platforms.
///
/// ```
/// let h = border_atlas::review::content_hash("Almaty");
/// assert_eq!(h.len(), 32);
/// assert_eq!(h, border_atlas::review::content_hash("Almaty"));
/// assert_ne!(h, border_atlas::review::content_hash("Almaty."));
/// ```
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Which mention a decision is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct MentionKey {
    /// [`content_hash`] of the document's text.
    pub document: String,
    /// Where the name stands, in code points.
    pub span: Span,
}

/// What the user decided about a mention.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The geoparser's place is right.
    Verified {
        /// Its id (kept, so a newer geoparser choosing otherwise does not undo it).
        place: String,
    },
    /// Another place is meant: a gazetteer id, or a user place (`user:…`).
    Corrected {
        /// The place meant.
        place: String,
    },
    /// Not a place, or not one the user wants on the map.
    Rejected,
}

impl Verdict {
    /// The place the mention stands for after the decision, if any.
    pub fn place(&self) -> Option<&str> {
        match self {
            Self::Verified { place } | Self::Corrected { place } => Some(place),
            Self::Rejected => None,
        }
    }
}

/// One decision, with the name it was made for and when.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    /// The mention.
    pub key: MentionKey,
    /// The name as written at that span (checked when the decision is applied).
    pub name: String,
    /// What was decided.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// When, in RFC 3339 (UTC).
    pub at: String,
}

/// A place the user added, by a click on the map.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UserPlace {
    /// `user:<n>`.
    pub id: String,
    /// Its name (the mention's, as written).
    pub name: String,
    /// What it is, as exported (`checkpoint`, `village`, …).
    pub kind: String,
    /// ISO 3166-1 alpha-2 codes of the country clicked in.
    pub countries: Vec<String>,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// When it was added, RFC 3339 (UTC).
    pub at: String,
}

impl UserPlace {
    /// Its kind, a village when the name of it is not known.
    pub fn place_kind(&self) -> PlaceKind {
        PlaceKind::parse(&self.kind).unwrap_or(PlaceKind::Village)
    }
}

/// Every decision and user place of a piece of work.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Review {
    /// Decisions, the latest last.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Places the user added.
    #[serde(default)]
    pub user_places: Vec<UserPlace>,
    /// Documents' dates as the user set them, by [`content_hash`]: an ISO date, or an
    /// empty string for "undated".
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub dates: std::collections::BTreeMap<String, String>,
}

impl Review {
    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.user_places.is_empty() && self.dates.is_empty()
    }

    /// Records `decision`, replacing an earlier one about the same mention.
    pub fn decide(&mut self, decision: Decision) {
        self.decisions.retain(|d| d.key != decision.key);
        self.decisions.push(decision);
    }

    /// The decisions by mention, for applying them.
    pub fn by_key(&self) -> HashMap<&MentionKey, &Decision> {
        self.decisions.iter().map(|d| (&d.key, d)).collect()
    }

    /// A user place by id.
    pub fn user_place(&self, id: &str) -> Option<&UserPlace> {
        self.user_places.iter().find(|p| p.id == id)
    }

    /// Adds a place and returns its id.
    pub fn add_user_place(&mut self, mut place: UserPlace) -> String {
        let n = self
            .user_places
            .iter()
            .filter_map(|p| p.id.strip_prefix("user:")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        place.id = format!("user:{n}");
        let id = place.id.clone();
        self.user_places.push(place);
        id
    }

    /// The decisions that cannot be applied to these documents: their document is not among
    /// them, or the text at their span is no longer the name they were made for.
    pub fn set_aside<'a>(&'a self, documents: &[Document]) -> Vec<&'a Decision> {
        let by_hash: HashMap<String, &Document> = documents
            .iter()
            .map(|d| (content_hash(&d.text), d))
            .collect();
        self.decisions
            .iter()
            .filter(|d| {
                by_hash
                    .get(&d.key.document)
                    .is_none_or(|doc| !holds_name(doc, d.key.span, &d.name))
            })
            .collect()
    }
}

/// Whether `doc` holds `name` at `span`.
pub fn holds_name(doc: &Document, span: Span, name: &str) -> bool {
    span.end <= doc.len_chars() && span.start < span.end && doc.slice(span) == name
}

/// The time now, RFC 3339 in UTC, to the second.
pub fn now() -> String {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second())
        .unwrap_or(now)
        .to_string()
}

/// How far a mention has been reviewed.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionStatus {
    /// The geoparser's choice, not looked at.
    Automatic,
    /// The user agreed with the geoparser.
    Verified,
    /// The user chose another place (or added one).
    Corrected,
    /// The user said it is not a place.
    Rejected,
    /// A place-like name that matched nothing.
    Unresolved,
}

impl MentionStatus {
    /// Its name as exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Verified => "verified",
            Self::Corrected => "corrected",
            Self::Rejected => "rejected",
            Self::Unresolved => "unresolved",
        }
    }

    /// Whether the user has decided it.
    pub fn is_decided(self) -> bool {
        matches!(self, Self::Verified | Self::Corrected | Self::Rejected)
    }
}
