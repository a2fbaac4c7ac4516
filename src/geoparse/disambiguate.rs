//! Choosing which place a name stands for, from the evidence of the whole document, and how
//! sure that choice is.
//!
//! One name means one place in a document: all its mentions are decided together, and the
//! cues of any of them count for all. Each candidate is scored from
//! * its **prior**: curated places and countries first, then regions, cities by population
//!   and rank (a capital, a regional seat), villages last; a place's main name counts more
//!   than a GeoNames alternate;
//! * **kind words** next to the name ("checkpoint", «области», "Gebiet");
//! * the **countries** the document is about (names and adjectives it uses);
//! * **nearness** to the places the document names surely: a reading that keeps the
//!   document's places together beats one that scatters them.
//!
//! A name that is also a common word, or stands after a person's title, needs more. Ties
//! between far-apart readings lower the confidence. No rule drops a name for what its
//! neighbours are.

use geo::{Distance, Haversine, Point};

use super::cues::Cue;
use super::matcher::Candidate;
use crate::gazetteer::names::name_flags::{ADJECTIVE_STEM, BARE, DERIVED, MAIN, WITH_KIND};
use crate::gazetteer::{Entry, Gazetteer, KindSet, PlaceKind, Rank};

/// Readings that score below this are not taken.
pub const MIN_SCORE: f64 = 2.3;

/// What the mentions of one name in a document show, taken together.
#[derive(Clone, Debug, Default)]
pub struct NameEvidence {
    /// Kinds of place the words next to its mentions name.
    pub kinds: KindSet,
    /// The name is a common word of the languages read.
    pub common_word: bool,
    /// Some mention stands where a capital letter tells nothing (a sentence's or a
    /// headline's first word, or all capitals) — and none stands elsewhere.
    pub only_weak_capitals: bool,
    /// Some mention follows a person's title ("President …").
    pub after_title: bool,
    /// How many times the name occurs.
    pub mentions: usize,
    /// Places other mentions of the same name were decided as, with a kind word that said
    /// so ("the Karasu checkpoint … Karasu"): one name, one meaning.
    pub decided_elsewhere: Vec<u32>,
    /// Checkpoints whose opposite post is named in the same passage ("Karasu und
    /// Aktilak").
    pub paired: Vec<u32>,
}

/// An anchor: a point the document names surely, with the name group it comes from.
type Anchor = rstar::primitives::GeomWithData<[f64; 2], usize>;

/// What the whole document tells about its places.
#[derive(Clone, Debug, Default)]
pub struct DocumentContext {
    /// How strongly the document is about each country (ISO alpha-2), 0–1.
    pub focus: Vec<(String, f64)>,
    /// Points of the places the document names surely, by the name group they come from,
    /// in an R-tree: a long document names thousands.
    anchors: rstar::RTree<Anchor>,
}

impl DocumentContext {
    /// A context from counts of how often each country is named or referred to.
    pub fn from_counts(counts: &[(String, f64)]) -> Self {
        let max = counts.iter().map(|(_, c)| *c).fold(0.0, f64::max);
        Self {
            focus: counts
                .iter()
                .map(|(c, n)| (c.clone(), if max > 0.0 { n / max } else { 0.0 }))
                .collect(),
            anchors: rstar::RTree::new(),
        }
    }

    /// The context with these anchors: (name group, point).
    pub fn with_anchors(mut self, anchors: Vec<(usize, Point)>) -> Self {
        self.anchors = rstar::RTree::bulk_load(
            anchors
                .into_iter()
                .map(|(g, p)| Anchor::new([p.x(), p.y()], g))
                .collect(),
        );
        self
    }

    fn focus_of(&self, entry: &Entry) -> f64 {
        self.focus
            .iter()
            .filter(|(c, _)| entry.in_country(c))
            .map(|(_, f)| *f)
            .fold(0.0, f64::max)
    }

    /// Distance in km from `point` to the nearest anchor of another name group (nearest in
    /// degrees, which is near enough for the bands it is scored in).
    fn nearest_anchor_km(&self, group: usize, point: Point) -> Option<f64> {
        let a = self
            .anchors
            .nearest_neighbor_iter(&[point.x(), point.y()])
            .find(|a| a.data != group)?;
        let [x, y] = *a.geom();
        Some(Haversine.distance(Point::new(x, y), point) / 1000.0)
    }
}

/// A scored reading of a name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    /// Gazetteer index.
    pub place: u32,
    /// Its score.
    pub score: f64,
}

/// The decision for one name: the chosen place, its confidence, and the runners-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The chosen reading.
    pub chosen: Scored,
    /// How sure the choice is, 0–1.
    pub confidence: f64,
    /// Other readings, best first (at most three).
    pub alternatives: Vec<Scored>,
}

/// Whether a kind word of `cue` speaks for a place of `kind`.
pub fn cue_fits(cue: PlaceKind, kind: PlaceKind) -> bool {
    use PlaceKind::*;
    cue == kind
        || matches!(
            (cue, kind),
            (City, Village)
                | (Village, City)
                | (Lake, Reservoir)
                | (Reservoir, Lake)
                | (Dam, Reservoir)
                | (Reservoir, Dam)
                | (Road, Corridor)
                | (Corridor, Road)
                | (Region, District)
                | (District, Region)
                | (Hub, Station)
                | (Station, Hub)
                | (Pass, Peak)
                | (Peak, Pass)
                | (Area, Region)
        )
}

/// The prior of a reading: what it is, how big, which of its names the text used.
fn prior(entry: &Entry, flags: u8) -> f64 {
    let mut s = if entry.kind == PlaceKind::Country {
        // A country is the likeliest reading of its name, curated or not ("Uzbekistan",
        // not the Uzbekistan checkpoint).
        5.0
    } else if entry.is_curated() {
        4.0
    } else {
        match entry.kind {
            PlaceKind::Region => 2.8,
            PlaceKind::District => 1.6,
            PlaceKind::Area | PlaceKind::Lake => 2.5,
            _ => {
                let pop = (entry.population.max(100) as f64).log10();
                let rank = match entry.rank {
                    Rank::Capital => 1.2,
                    Rank::RegionSeat => 0.7,
                    Rank::DistrictSeat => 0.3,
                    _ => 0.0,
                };
                0.6 * pop + rank
            }
        }
    };
    if !entry.is_curated() && flags & MAIN == 0 {
        s -= 0.8;
    }
    if flags & WITH_KIND != 0 {
        s += 1.0;
    }
    s
}

/// Scores one reading; `None` when a condition fails (a kind word required and absent).
/// `town_rival`: a town, lake or reservoir is a reading too.
fn score(
    gazetteer: &Gazetteer,
    candidate: Candidate,
    group: usize,
    evidence: &NameEvidence,
    context: &DocumentContext,
    town_rival: bool,
) -> Option<f64> {
    let entry = gazetteer.entry(candidate.place as usize)?;
    // «Бекабадского района»: a town's adjective with a word for a district names the
    // district around the town.
    let district_of_town = candidate.flags & DERIVED != 0
        && (evidence.kinds.contains(PlaceKind::District)
            || evidence.kinds.contains(PlaceKind::Region));
    let has_cue = district_of_town || evidence.kinds.iter().any(|k| cue_fits(k, entry.kind));
    if let Some(p) = entry.curated
        && p.cue_required
        && !has_cue
    {
        return None;
    }
    let mut s = prior(&entry, candidate.flags);
    if has_cue {
        s += 2.5;
    } else if candidate.flags & BARE != 0 {
        // "Pavlodar" alone is the city; the region needs its word. An adjective
        // («Актюбинской») says more: in a list the word is often left out.
        s -= if candidate.flags & ADJECTIVE_STEM != 0 && candidate.flags & DERIVED == 0 {
            0.5
        } else {
            2.0
        };
    }
    // A region shares its name with its capital or lake ("Osh", "Issyk-Kul"); without a
    // word for a region, the town or lake is meant.
    if matches!(entry.kind, PlaceKind::Region | PlaceKind::District) && !has_cue && town_rival {
        s -= 1.0;
    }
    let focus = context.focus_of(&entry);
    s += 1.5 * focus;
    // A first-level region abroad, named without its word, is more often a word or a
    // namesake than the region ("Landes", "Var").
    if !entry.is_curated()
        && entry.kind == PlaceKind::Region
        && focus == 0.0
        && candidate.flags & WITH_KIND == 0
        && !has_cue
    {
        s -= 0.7;
    }
    if !entry.kind.is_area()
        && let Some(km) = context.nearest_anchor_km(group, entry.point)
    {
        s += match km {
            d if d <= 150.0 => 1.0,
            d if d <= 400.0 => 0.5,
            d if d <= 1200.0 => 0.0,
            d if d <= 3000.0 => -0.5,
            _ => -1.0,
        };
    }
    if evidence.decided_elsewhere.contains(&candidate.place) {
        s += 1.0;
    }
    if evidence.paired.contains(&candidate.place) {
        s += 1.5;
    }
    if evidence.common_word {
        // A big city's name is frequent because of the city ("Moscow"); a village's that
        // is a word ("Hub", "Said", "Now") is a word.
        let big = entry.population >= 1_000_000 || entry.rank == Rank::Capital;
        s -= match (has_cue, big) {
            (true, _) => 0.5,
            (false, true) => 0.7,
            (false, false) => 2.0,
        };
    }
    if !entry.is_curated() && evidence.only_weak_capitals && !has_cue {
        s -= 0.5;
    }
    if evidence.after_title && !has_cue {
        s -= 3.0;
    }
    Some(s)
}

/// Decides among the candidates of a name group; `None` when no reading is good enough.
pub fn decide(
    gazetteer: &Gazetteer,
    candidates: &[Candidate],
    group: usize,
    evidence: &NameEvidence,
    context: &DocumentContext,
) -> Option<Decision> {
    let mut scored: Vec<Scored> = Vec::with_capacity(candidates.len());
    let town_rival = candidates.iter().any(|c| {
        gazetteer.entry(c.place as usize).is_some_and(|e| {
            matches!(
                e.kind,
                PlaceKind::City | PlaceKind::Village | PlaceKind::Lake | PlaceKind::Reservoir
            ) && (e.is_curated() || e.population >= 10_000)
        })
    });
    for &c in candidates {
        let Some(s) = score(gazetteer, c, group, evidence, context, town_rival) else {
            continue;
        };
        match scored.iter_mut().find(|x| x.place == c.place) {
            Some(x) => x.score = x.score.max(s),
            None => scored.push(Scored {
                place: c.place,
                score: s,
            }),
        }
    }
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.place.cmp(&b.place)));
    let chosen = *scored.first()?;
    if chosen.score < MIN_SCORE {
        return None;
    }
    let runner_up = scored.get(1).map(|s| s.score);
    let confidence = confidence(chosen.score, runner_up);
    let alternatives = scored.iter().skip(1).take(3).copied().collect();
    Some(Decision {
        chosen,
        confidence,
        alternatives,
    })
}

/// How sure a choice is: its score above the bar, and its margin over the runner-up.
pub fn confidence(score: f64, runner_up: Option<f64>) -> f64 {
    let logistic = |x: f64| 1.0 / (1.0 + (-x).exp());
    let strength = logistic(1.2 * (score - MIN_SCORE) - 0.6);
    let margin = runner_up.map_or(1.0, |r| logistic(1.8 * (score - r) - 0.3));
    (strength * margin).clamp(0.0, 1.0)
}

/// The kinds of place each name (folded ranges, in text order) is called by a word next to
/// it. A kind word belongs to the name it touches: inside it after its first word ("Toktogul
/// Reservoir"), right after it ("Osh region"), or right before it ("Gebiet Talas"); it then
/// reaches the other names of the same list.
pub fn attach_cues(
    folded: &str,
    names: &[(usize, usize)],
    cues: &[super::cues::CueHit],
    list_words: &[String],
) -> Vec<KindSet> {
    /// A kind word before a name counts when the name starts this close after it (folded
    /// bytes): "Region Jambyl", "the border town of Saryagash".
    const BEFORE_GAP: usize = 14;
    /// A kind word after a name counts when it starts this close after the name.
    const AFTER_GAP: usize = 12;
    let mut kinds: Vec<KindSet> = vec![KindSet::default(); names.len()];
    for cue in cues {
        let Cue::Kind(kind) = cue.cue else { continue };
        let next = names.partition_point(|&(s, _)| s <= cue.start);
        let prev = next.checked_sub(1);
        // A cue word that is a name's first word is part of the name ("Tal" of "Talas").
        if prev.is_some_and(|i| names[i].0 == cue.start) {
            continue;
        }
        let inside = prev.filter(|&i| cue.end <= names[i].1);
        let after =
            prev.filter(|&i| names[i].1 <= cue.start && cue.start - names[i].1 <= AFTER_GAP);
        let first_after_cue = names.partition_point(|&(s, _)| s < cue.end);
        let before = names
            .get(first_after_cue)
            .filter(|&&(s, _)| s - cue.end <= BEFORE_GAP)
            .map(|_| first_after_cue);
        // Between two names, the kind word goes to the nearer ("Korday checkpoint,
        // Karasu" and "the checkpoint Karasu"); a tie goes to the name before it.
        let after_gap = after.map(|i| cue.start - names[i].1);
        let before_gap = before.map(|i| names[i].0 - cue.end);
        let (first, step_back) = match (inside, after, before) {
            (Some(i), _, _) => (i, None),
            (None, Some(_), Some(b)) if before_gap < after_gap => (b, Some(false)),
            (None, Some(i), _) => (i, Some(true)),
            (None, None, Some(i)) => (i, Some(false)),
            _ => continue,
        };
        kinds[first].insert(kind);
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
                .all(|w| w.is_empty() || list_words.iter().any(|l| l == w))
            {
                break;
            }
            kinds[j].insert(kind);
            i = j;
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_grows_with_score_and_margin() {
        let low = confidence(MIN_SCORE, Some(MIN_SCORE - 0.1));
        let clear = confidence(MIN_SCORE + 4.0, Some(MIN_SCORE));
        let alone = confidence(MIN_SCORE + 4.0, None);
        assert!(low < 0.4, "{low}");
        assert!(clear > 0.8 && clear < alone, "{clear} {alone}");
    }
}
