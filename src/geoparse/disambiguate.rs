//! Choosing which place a name stands for, from its context.
//!
//! Each candidate gets a score: a prior (curated entries over background ones, bigger towns
//! over smaller), a bonus when a word of its kind stands near the name ("checkpoint",
//! "Gebiet", "области"), a bonus when it lies in a country the document is about, and a
//! penalty for distance from the places the document names without doubt. Candidates whose
//! conditions fail (a kind word required, a neighbour required) are dropped.

use geo::{Distance, Haversine, Point};

use super::cues::{Cue, CueHit};
use crate::gazetteer::{Gazetteer, Origin, Place, PlaceKind};

/// A kind word before a name counts when the name starts this close after it (folded
/// bytes): "Region Jambyl", "the border town of Saryagash", "zone, \"Alatau\"".
const CUE_BEFORE_GAP: usize = 14;
/// A kind word after a name counts when it starts this close after the name: "Zhambyl
/// region", "Ak-Tilek road checkpoints".
const CUE_AFTER_GAP: usize = 12;
/// Words that continue a list of names, so a kind word reaches every name of the list:
/// "drei Regionen Kirgisistans (Isk-Kul, Choi und Talas)".
const LIST_WORDS: &[&str] = &[
    "und", "and", "i", "or", "oder", "ili", "sowie", "as", "well",
];

/// What the document as a whole tells about its places.
#[derive(Default)]
pub struct DocumentContext {
    /// How often each country (ISO alpha-2) is named or referred to by an adjective.
    pub country_weights: Vec<(String, f64)>,
    /// Points of places named without doubt, to prefer nearby namesakes.
    pub anchors: Vec<Point>,
    /// Distance in km from a candidate place (gazetteer index) to the nearest anchor,
    /// worked out once per document.
    nearest_anchor_km: std::cell::RefCell<std::collections::HashMap<u32, f64>>,
}

impl DocumentContext {
    /// A context from the countries a document is about and the places it names surely.
    pub fn new(country_weights: Vec<(String, f64)>, anchors: Vec<Point>) -> Self {
        Self {
            country_weights,
            anchors,
            nearest_anchor_km: Default::default(),
        }
    }

    fn country_weight(&self, iso: &str) -> f64 {
        self.country_weights
            .iter()
            .find(|(c, _)| c == iso)
            .map_or(0.0, |(_, w)| *w)
    }

    fn nearest_anchor_km(&self, index: u32, place: &Place) -> f64 {
        *self
            .nearest_anchor_km
            .borrow_mut()
            .entry(index)
            .or_insert_with(|| {
                let p = place.point;
                self.anchors
                    .iter()
                    .map(|a| Haversine.distance(*a, p) / 1000.0)
                    .fold(f64::INFINITY, f64::min)
            })
    }
}

/// The kinds of place each name (folded ranges, in text order) is called by a word next to
/// it. A kind word belongs to the name it touches: inside the name ("Toktogol-Reservoirs"),
/// right after it ("Osh region"), or right before it ("Gebiet Talas"); it then reaches the
/// other names of the same list.
pub fn attach_cues(folded: &str, names: &[(usize, usize)], cues: &[CueHit]) -> Vec<Vec<PlaceKind>> {
    let mut kinds: Vec<Vec<PlaceKind>> = vec![Vec::new(); names.len()];
    for cue in cues {
        let Cue::Kind(kind) = cue.cue else { continue };
        // Names are in text order and do not overlap: only the last one starting at or
        // before the cue can hold it or end just before it.
        let next = names.partition_point(|&(s, _)| s <= cue.start);
        let prev = next.checked_sub(1);
        let inside = prev.filter(|&i| cue.end <= names[i].1);
        let after =
            prev.filter(|&i| names[i].1 <= cue.start && cue.start - names[i].1 <= CUE_AFTER_GAP);
        let first_after_cue = names.partition_point(|&(s, _)| s < cue.end);
        let before = names
            .get(first_after_cue)
            .filter(|&&(s, _)| s - cue.end <= CUE_BEFORE_GAP)
            .map(|_| first_after_cue);
        let (first, step_back) = match (inside, after, before) {
            (Some(i), _, _) => (i, None),
            (None, Some(i), _) => (i, Some(true)),
            (None, None, Some(i)) => (i, Some(false)),
            _ => continue,
        };
        kinds[first].push(kind);
        let Some(backwards) = step_back else { continue };
        let mut i = first;
        loop {
            let next = if backwards {
                i.checked_sub(1)
            } else {
                (i + 1 < names.len()).then_some(i + 1)
            };
            let Some(j) = next else { break };
            let (a, b) = if backwards {
                (names[j].1, names[i].0)
            } else {
                (names[i].1, names[j].0)
            };
            let gap = folded.get(a..b).unwrap_or("x");
            if !gap
                .split(' ')
                .all(|w| w.is_empty() || LIST_WORDS.contains(&w))
            {
                break;
            }
            kinds[j].push(kind);
            i = j;
        }
    }
    kinds
}

/// Whether a cue of `kind` counts for a place of `place_kind` (a word for "city" also
/// serves a village, a word for "lake" a reservoir, "hydropower" a reservoir).
fn cue_fits(kind: PlaceKind, place_kind: PlaceKind) -> bool {
    use PlaceKind::*;
    kind == place_kind
        || matches!(
            (kind, place_kind),
            (City, Village)
                | (Village, City)
                | (Lake, Reservoir)
                | (Reservoir, Lake)
                | (Dam, Reservoir)
                | (Road, Corridor)
        )
}

/// Scores a candidate; `None` when a condition of the entry fails.
pub fn score(
    index: u32,
    place: &Place,
    kinds_near: &[PlaceKind],
    context: &DocumentContext,
    city_rival: bool,
) -> Option<f64> {
    let has_cue = kinds_near.iter().any(|&k| cue_fits(k, place.kind));
    if place.cue_required && !has_cue {
        return None;
    }
    let mut s = match place.origin {
        Origin::Curated => 2.5,
        Origin::NaturalEarth => 1.2,
        Origin::GeoNames { population, .. } => 0.4 + (population.max(1) as f64).log10() / 10.0,
    };
    if has_cue {
        s += 3.0;
    }
    // A region shares its name with its capital (or lake); without a word for "region",
    // `city_rival` (a city or lake of the same name is a candidate too) wins.
    if place.kind == PlaceKind::Region && !has_cue && city_rival {
        s -= 1.0;
    }
    let focus = place
        .countries
        .iter()
        .map(|c| context.country_weight(c))
        .fold(0.0, f64::max);
    s += (focus * 0.5).min(1.5);
    if !context.anchors.is_empty() && place.kind != PlaceKind::Country {
        s -= (context.nearest_anchor_km(index, place) / 1000.0).min(2.5);
    }
    Some(s)
}

/// Background places (GeoNames towns, Natural Earth regions) scoring below this are not
/// taken: a far-away village whose name is also a common word ("Damals") scores well below.
pub const MIN_BACKGROUND_SCORE: f64 = 0.5;

/// Picks the best candidate, if any passes its conditions.
pub fn choose(
    gazetteer: &Gazetteer,
    candidates: &[u32],
    kinds_near: &[PlaceKind],
    context: &DocumentContext,
) -> Option<(u32, f64)> {
    let kind_of = |c: u32| gazetteer.get(c as usize).map(|p| p.kind);
    let city_or_lake = |c: u32| matches!(kind_of(c), Some(PlaceKind::City | PlaceKind::Lake));
    candidates
        .iter()
        .filter_map(|&c| Some((c, gazetteer.get(c as usize)?)))
        .filter_map(|(c, p)| {
            let city_rival = candidates.iter().any(|&r| r != c && city_or_lake(r));
            score(c, p, kinds_near, context, city_rival)
                .filter(|&s| p.origin == Origin::Curated || s >= MIN_BACKGROUND_SCORE)
                .map(|s| (c, s))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}
