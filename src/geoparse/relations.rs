//! Relations the text states between places: twin cities, roads and routes, corridors,
//! paired checkpoints, hubs beside checkpoints. Each keeps the passages that state it.

use super::Mention;
use super::cues::Cue;
use crate::corpus::Document;
use crate::gazetteer::{Gazetteer, PlaceKind};

/// What kind of relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// Twin or sister cities.
    TwinCities,
    /// A road between or through places.
    Road,
    /// An economic or transport corridor.
    Corridor,
    /// A flight route.
    AirRoute,
    /// Two checkpoints facing each other across a border.
    Crossing,
    /// A hub next to a checkpoint.
    HubNearCheckpoint,
}

impl RelationKind {
    /// Every kind of relation.
    pub const ALL: [Self; 6] = [
        Self::TwinCities,
        Self::Road,
        Self::Corridor,
        Self::AirRoute,
        Self::Crossing,
        Self::HubNearCheckpoint,
    ];

    /// The name exported as the GeoJSON `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TwinCities => "twin_cities",
            Self::Road => "road",
            Self::Corridor => "corridor",
            Self::AirRoute => "air_route",
            Self::Crossing => "crossing",
            Self::HubNearCheckpoint => "hub_near_checkpoint",
        }
    }
}

/// The state of a road or project, as the text gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Planned or proposed.
    Planned,
    /// Being built.
    UnderConstruction,
    /// In use.
    Existing,
}

impl Status {
    /// The name exported as the GeoJSON `status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::UnderConstruction => "under_construction",
            Self::Existing => "existing",
        }
    }

    /// The status with this exported name.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Planned, Self::UnderConstruction, Self::Existing]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A relation found in one passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// What kind.
    pub kind: RelationKind,
    /// The places, in the order the text gives them (gazetteer indices).
    pub places: Vec<usize>,
    /// The state the passage gives, if any.
    pub status: Option<Status>,
    /// The document and passage that state it.
    pub document: usize,
    /// Index of the passage in the document.
    pub passage: usize,
}

/// The status words of a passage, strongest first.
pub fn status_of(cues: &[Cue]) -> Option<Status> {
    if cues.contains(&Cue::UnderConstruction) {
        Some(Status::UnderConstruction)
    } else if cues.contains(&Cue::Planned) {
        Some(Status::Planned)
    } else if cues.contains(&Cue::Existing) {
        Some(Status::Existing)
    } else {
        None
    }
}

/// Finds the relations of one passage, given its mentions (in text order) and its cues.
pub fn in_passage(
    gazetteer: &Gazetteer,
    document_index: usize,
    document: &Document,
    passage: usize,
    mentions: &[&Mention],
    cues: &[Cue],
) -> Vec<Relation> {
    let kind_of = |m: &Mention| gazetteer.get(m.place).map(|p| p.kind);
    let status = status_of(cues);
    let make = |kind, places: Vec<usize>| Relation {
        kind,
        places,
        status,
        document: document_index,
        passage,
    };
    let mut out = Vec::new();

    if cues.contains(&Cue::Twin) {
        let cities = distinct(
            mentions
                .iter()
                .filter(|m| matches!(kind_of(m), Some(PlaceKind::City | PlaceKind::Village))),
        );
        for pair in cities.chunks_exact(2) {
            out.push(make(RelationKind::TwinCities, pair.to_vec()));
        }
    }

    let checkpoints = distinct(
        mentions
            .iter()
            .filter(|m| kind_of(m) == Some(PlaceKind::Checkpoint)),
    );
    for pair in checkpoints.windows(2) {
        let (a, b) = (gazetteer.get(pair[0]), gazetteer.get(pair[1]));
        if let (Some(a), Some(b)) = (a, b)
            && a.countries != b.countries
        {
            out.push(make(RelationKind::Crossing, pair.to_vec()));
        }
    }
    for m in mentions
        .iter()
        .filter(|m| kind_of(m) == Some(PlaceKind::Hub))
    {
        for &cp in &checkpoints {
            out.push(make(RelationKind::HubNearCheckpoint, vec![m.place, cp]));
        }
    }

    let route_kind = if cues.contains(&Cue::Flight) {
        Some(RelationKind::AirRoute)
    } else if cues.contains(&Cue::Kind(PlaceKind::Corridor)) {
        Some(RelationKind::Corridor)
    } else if cues.contains(&Cue::Kind(PlaceKind::Road)) {
        Some(RelationKind::Road)
    } else {
        None
    };
    if let Some(kind) = route_kind {
        let stops: Vec<&Mention> = mentions
            .iter()
            .copied()
            .filter(|m| {
                !matches!(
                    kind_of(m),
                    Some(
                        PlaceKind::Country
                            | PlaceKind::Road
                            | PlaceKind::Corridor
                            | PlaceKind::River
                            | PlaceKind::Hub
                    ) | None
                )
            })
            .collect();
        let pairs = hyphen_pairs(document, &stops, &kind_of);
        if pairs.is_empty() && kind != RelationKind::AirRoute {
            if let Some(route) = route_after_from_word(document, &stops) {
                out.push(make(kind, route));
            }
        } else {
            out.extend(pairs.into_iter().map(|p| make(kind, p)));
        }
    }
    out
}

fn distinct<'a>(mentions: impl Iterator<Item = &'a &'a Mention>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for m in mentions {
        if !out.contains(&m.place) {
            out.push(m.place);
        }
    }
    out
}

/// "Tashkent-Almaty", "Aktau — Urgench": two places joined by a dash and nothing else.
fn hyphen_pairs(
    document: &Document,
    stops: &[&Mention],
    kind_of: &dyn Fn(&Mention) -> Option<PlaceKind>,
) -> Vec<Vec<usize>> {
    stops
        .windows(2)
        .filter(|w| {
            let between = document.slice(crate::corpus::Span {
                start: w[0].span.end,
                end: w[1].span.start,
            });
            let joined = matches!(between.trim(), "-" | "–" | "—" | "‑");
            let both_checkpoints = kind_of(w[0]) == Some(PlaceKind::Checkpoint)
                && kind_of(w[1]) == Some(PlaceKind::Checkpoint);
            joined && !both_checkpoints && w[0].place != w[1].place
        })
        .map(|w| vec![w[0].place, w[1].place])
        .collect()
}

/// "a road from Almaty via Uzynagash and Kastek to Issyk-Kul": the places after the first
/// "from" word that a place follows closely.
fn route_after_from_word(document: &Document, stops: &[&Mention]) -> Option<Vec<usize>> {
    let first = stops.iter().position(|m| {
        let before_start = m.span.start.saturating_sub(25);
        let before = document
            .slice(crate::corpus::Span {
                start: before_start,
                end: m.span.start,
            })
            .to_lowercase();
        before.split(|c: char| !c.is_alphabetic()).any(|w| {
            crate::lang::ALL
                .iter()
                .any(|l| l.route_from_words.contains(&w))
        })
    })?;
    let mut route: Vec<usize> = Vec::new();
    for m in &stops[first..] {
        if route.last() != Some(&m.place) {
            route.push(m.place);
        }
    }
    route.truncate(8);
    (route.len() >= 2).then_some(route)
}
