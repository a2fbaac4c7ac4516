//! Words that tell what kind of place a name stands for ("checkpoint", "Gebiet", "области"),
//! what a passage is about ("twin cities", "flights"), the state of a project ("planned",
//! "im Bau") and which countries a text is about ("kasachische"). The words come from the
//! language modules ([`crate::lang`]). Matched in folded text at the start of a word, so one
//! entry covers its inflected forms ("Kontrollpunkt" → "Kontrollpunkte", "oblast" →
//! "области"), as long as the rest of the word is short: "tal" (German for valley) does not
//! fire inside "Talas".

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fold::{Folded, fold_name};
use crate::gazetteer::PlaceKind;

/// What a cue word points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A word for a kind of place.
    Kind(PlaceKind),
    /// Twin or sister cities.
    Twin,
    /// Flights and air routes.
    Flight,
    /// A planned project.
    Planned,
    /// A project under construction.
    UnderConstruction,
    /// Something already in use.
    Existing,
    /// An adjective or noun of a country ("Kazakh", "kirgisische", "узбекский"): tells which
    /// countries a text is about.
    Country(&'static str),
    /// A title before a person's name ("President", «министр»).
    PersonTitle,
    /// A word after which a route's list of places begins ("from", «от»).
    RouteFrom,
}

/// How many letters may follow a cue inside its word: its inflection.
const MAX_CUE_TAIL: usize = 5;
/// How many letters may follow the stem of a country's adjective or noun.
const MAX_DEMONYM_TAIL: usize = 10;

/// Every cue word of every language, with what it points to.
fn cue_words() -> Vec<(Cue, &'static str)> {
    let mut out = Vec::new();
    for l in crate::lang::ALL {
        for (kind, words) in l.kind_words {
            out.extend(words.iter().map(|w| (Cue::Kind(*kind), *w)));
        }
        let lists: [(Cue, &[&'static str]); 7] = [
            (Cue::Twin, l.twin_words),
            (Cue::Flight, l.flight_words),
            (Cue::Planned, l.planned_words),
            (Cue::UnderConstruction, l.construction_words),
            (Cue::Existing, l.existing_words),
            (Cue::PersonTitle, l.person_titles),
            (Cue::RouteFrom, l.route_from_words),
        ];
        for (cue, words) in lists {
            out.extend(words.iter().map(|w| (cue, *w)));
        }
        out.extend(l.demonyms.iter().map(|(w, iso)| (Cue::Country(iso), *w)));
    }
    out
}

/// A cue word found in folded text: folded byte range and what it points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueHit {
    /// Folded byte offset of the start.
    pub start: usize,
    /// Folded byte offset of the end of the cue (not of the word).
    pub end: usize,
    /// What it points to.
    pub cue: Cue,
}

/// All cue words, ready to search.
pub struct CueIndex {
    ac: AhoCorasick,
    cues: Vec<Cue>,
    lens: Vec<usize>,
}

impl CueIndex {
    /// Builds the index from every language's words.
    pub fn new() -> Self {
        let mut patterns = Vec::new();
        let mut cues = Vec::new();
        for (cue, w) in cue_words() {
            let trailing_space = w.ends_with(' ');
            let mut folded = fold_name(w);
            if folded.is_empty() {
                continue;
            }
            if trailing_space {
                folded.push(' ');
            }
            patterns.push(folded);
            cues.push(cue);
        }
        let lens = patterns.iter().map(String::len).collect();
        // One pass over the whole text finds every cue, overlapping ones included; only
        // those at word starts are kept. A DFA makes the pass cheap.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::new(&patterns))
            .or_else(|_| AhoCorasick::new(["\u{0}"]))
            .expect("a one-byte pattern always builds");
        Self { ac, cues, lens }
    }

    /// Every cue that starts a word in `folded` and ends the word or leaves at most an
    /// inflection of it (the longest where several start at the same word).
    pub fn find(&self, folded: &Folded) -> Vec<CueHit> {
        let text = folded.text.as_bytes();
        let mut out: Vec<CueHit> = Vec::new();
        for m in self.ac.find_overlapping_iter(&folded.text) {
            let (start, end) = (m.start(), m.end());
            if start > 0 && text[start - 1] != b' ' {
                continue;
            }
            let slot = m.pattern().as_usize();
            let tail = text[end..].iter().take_while(|&&b| b != b' ').count();
            // Adjectives of countries are long ("казахстанско-", "kirgisischen").
            let allowed_tail = match (self.cues[slot], self.lens[slot]) {
                (Cue::Country(_), _) => MAX_DEMONYM_TAIL,
                (_, 0..=2) => 0,
                (_, 3) => 1,
                _ => MAX_CUE_TAIL,
            };
            if tail > allowed_tail && !folded.text[..end].ends_with(' ') {
                continue;
            }
            let hit = CueHit {
                start,
                end,
                cue: self.cues[slot],
            };
            match out.last_mut() {
                Some(last) if last.start == start => {
                    if end > last.end {
                        *last = hit;
                    }
                }
                _ => out.push(hit),
            }
        }
        out.sort_by_key(|h| h.start);
        out.dedup_by_key(|h| h.start);
        out
    }
}

impl Default for CueIndex {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geoparse::fold::fold;

    fn cues(text: &str) -> Vec<Cue> {
        let folded = fold(text);
        CueIndex::new()
            .find(&folded)
            .into_iter()
            .map(|h| h.cue)
            .collect()
    }

    #[test]
    fn finds_cues_in_three_languages_and_their_inflections() {
        assert!(cues("an den Kontrollpunkten").contains(&Cue::Kind(PlaceKind::Checkpoint)));
        assert!(cues("Иссык-Кульской области").contains(&Cue::Kind(PlaceKind::Region)));
        assert!(cues("the Karasu road checkpoints").contains(&Cue::Kind(PlaceKind::Checkpoint)));
        assert!(cues("haben Städtepartnerschaften aufgenommen").contains(&Cue::Twin));
        assert!(cues("города-побратимы").contains(&Cue::Twin));
    }

    #[test]
    fn cues_start_at_word_boundaries() {
        assert!(!cues("the Deadline").contains(&Cue::Kind(PlaceKind::Lake)));
        assert!(!cues("Parade").contains(&Cue::Kind(PlaceKind::Dam)));
        assert!(!cues("Talas").contains(&Cue::Kind(PlaceKind::Area)), "tal");
        assert!(cues("das Fergana-Tal").contains(&Cue::Kind(PlaceKind::Area)));
    }
}
