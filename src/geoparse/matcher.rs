//! Finding gazetteer names in folded text with one Aho-Corasick automaton over every name
//! of every place, then keeping the matches that stand at word boundaries, end in an
//! allowed inflection, and start with a capital in the original text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::fold::{Folded, fold_name};
use crate::gazetteer::{Gazetteer, Origin, Place};

/// Endings a name may take in German, English and Russian text (folded): "Kasachstans",
/// "Kazakhstan's", "Бишкеке", "Кыргызстаном".
const NOUN_ENDINGS: &[&str] = &[
    "s", "es", "e", "en", "er", "ern", "a", "u", "om", "em", "ey", "oy", "y", "i", "ya", "yu",
    "ye", "ov", "ev", "ah", "am", "ami",
];

/// Endings a stem (a name ending in `~` in the gazetteer) takes: Russian adjectives
/// ("Алматинской", "Жамбылская") and nouns.
const STEM_ENDINGS: &[&str] = &[
    "aya", "oy", "ogo", "omu", "om", "uyu", "ie", "iye", "ikh", "ye", "iy", "yy", "ey", "ya", "i",
    "yu", "e", "a", "u", "em", "ym", "imi", "ymi", "oe", "im",
];

/// Background names that are also common words or names of people, in folded form.
const STOP_NAMES: &[&str] = &[
    "mir",
    "pravda",
    "oktyabr",
    "oktyabrskiy",
    "progress",
    "druzhba",
    "dostyk",
    "birlik",
    "tsentralnyy",
    "central",
    "center",
    "union",
    "bank",
    "asia",
    "lenin",
    "kirov",
    "sverdlov",
    "kalinin",
    "kommunizm",
    "bolshevik",
    "sovetskiy",
    "pervomayskiy",
    "vostok",
    "zapad",
    "severnyy",
    "yuzhnyy",
    "akjol",
    "ak jol",
    "nur",
    "kazah",
    "kazak",
    "kyrgyz",
    "uzbek",
    "tajik",
    "turkmen",
    "russkiy",
    "ural",
    "ili",
    "chu",
    "aral",
    "forum",
    "sputnik",
    "gagarin",
    "pobeda",
    "zarya",
    "rassvet",
    "novyy",
    "staryy",
    "put",
    "ordzhonikidze",
    "komsomol",
    "kommunar",
    "oktober",
    "president",
    "prezident",
    "minister",
    "sama",
    "baza",
    "chayka",
    "tashkentskaya",
];

/// A place a name may stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// Index of the place in the gazetteer.
    pub place: u32,
    /// The name is a stem and needs an ending.
    pub stem: bool,
}

/// A name found in a document, before deciding which place it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// Folded byte range of the name with its ending.
    pub folded_start: usize,
    /// End of that range.
    pub folded_end: usize,
    /// The places the name may stand for.
    pub candidates: Vec<u32>,
}

/// Every name of every place, and the blocked phrases, in one automaton.
pub struct NameIndex {
    ac: AhoCorasick,
    refs: Vec<Vec<NameRef>>,
    pattern_len: Vec<usize>,
    /// Patterns that are blocked phrases ("Order of Dostyk"): they hide the names inside.
    blocked: Vec<bool>,
}

impl NameIndex {
    /// Indexes every name of the gazetteer, and phrases that name something else
    /// (organisations, awards, people) so the place names inside them are not taken.
    pub fn new(gazetteer: &Gazetteer, blocked_phrases: &[&str]) -> Self {
        let mut by_pattern: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut refs: Vec<Vec<NameRef>> = Vec::new();
        let mut slot_of = |pattern: String, refs: &mut Vec<Vec<NameRef>>| {
            *by_pattern.entry(pattern.clone()).or_insert_with(|| {
                patterns.push(pattern);
                refs.push(Vec::new());
                refs.len() - 1
            })
        };
        // GeoNames lists odd alternate names ("Kazakhstan" for the town of Aksay); an
        // alternate that is a curated name is left to the curated place.
        let curated: std::collections::HashSet<String> = gazetteer
            .places()
            .iter()
            .filter(|p| p.origin == Origin::Curated)
            .flat_map(name_patterns)
            .map(|(p, _)| p)
            .collect();
        for (i, place) in gazetteer.places().iter().enumerate() {
            let main_name = fold_name(&place.name);
            let is_geonames = matches!(place.origin, Origin::GeoNames { .. });
            for (pattern, stem) in name_patterns(place) {
                if is_geonames && pattern != main_name && curated.contains(&pattern) {
                    continue;
                }
                let slot = slot_of(pattern, &mut refs);
                let r = NameRef {
                    place: i as u32,
                    stem,
                };
                if !refs[slot].contains(&r) {
                    refs[slot].push(r);
                }
            }
        }
        let mut blocked_slots = Vec::new();
        for phrase in blocked_phrases {
            blocked_slots.push(slot_of(fold_name(phrase), &mut refs));
        }
        let mut blocked = vec![false; refs.len()];
        for s in blocked_slots {
            blocked[s] = true;
        }
        let pattern_len = patterns.iter().map(String::len).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("gazetteer names build an automaton");
        Self {
            ac,
            refs,
            pattern_len,
            blocked,
        }
    }

    /// How many distinct folded names are indexed.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// Whether no name is indexed.
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Names in `folded` at word boundaries with allowed endings; where names overlap, the
    /// leftmost, then longest wins, and a blocked phrase hides the names inside it.
    /// `starts_upper(code_point)` tells whether the original text has a capital (or a
    /// caseless letter) there; lower-case matches are kept only for places marked
    /// `any_case`, given by `any_case(place)`.
    ///
    /// The automaton runs anchored at each word start, so its cost follows the number of
    /// words, not of every position in the text.
    pub fn find(
        &self,
        folded: &Folded,
        word_starts: &[usize],
        starts_upper: impl Fn(u32) -> bool,
        any_case: impl Fn(u32) -> bool,
    ) -> Vec<NameMatch> {
        let mut found: Vec<NameMatch> = Vec::new();
        let mut covered_until = 0;
        for &start in word_starts {
            if start < covered_until {
                continue;
            }
            let Some(m) = self.longest_valid_at(folded, start, &starts_upper, &any_case) else {
                continue;
            };
            covered_until = m.folded_end;
            found.push(m);
        }
        found.retain(|m| !m.candidates.is_empty());
        found
    }

    /// The longest name starting at word start `start` that passes the checks; a blocked
    /// phrase comes back with no candidates.
    fn longest_valid_at(
        &self,
        folded: &Folded,
        start: usize,
        starts_upper: &impl Fn(u32) -> bool,
        any_case: &impl Fn(u32) -> bool,
    ) -> Option<NameMatch> {
        let text = folded.text.as_bytes();
        let upper = starts_upper(folded.origin.get(start).copied().unwrap_or(0));
        let mut limit = text.len();
        loop {
            let input = Input::new(&folded.text)
                .range(start..limit)
                .anchored(Anchored::Yes);
            let m = self.ac.find(input)?;
            let end = m.end();
            let word_end = text[end..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(text.len(), |p| end + p);
            let ending = &folded.text[end..word_end];
            let slot = m.pattern().as_usize();
            if self.blocked[slot] {
                if ending_allowed(ending, false, self.pattern_len[slot]) {
                    return Some(NameMatch {
                        folded_start: start,
                        folded_end: word_end,
                        candidates: Vec::new(),
                    });
                }
            } else {
                let candidates: Vec<u32> = self.refs[slot]
                    .iter()
                    .filter(|r| ending_allowed(ending, r.stem, self.pattern_len[slot]))
                    .filter(|r| upper || any_case(r.place))
                    .map(|r| r.place)
                    .collect();
                if !candidates.is_empty() {
                    return Some(NameMatch {
                        folded_start: start,
                        folded_end: word_end,
                        candidates,
                    });
                }
            }
            // Try the next shorter name that starts here.
            limit = end.checked_sub(1).filter(|&l| l > start)?;
        }
    }
}

fn ending_allowed(ending: &str, stem: bool, pattern_len: usize) -> bool {
    if stem {
        return STEM_ENDINGS.contains(&ending) || NOUN_ENDINGS.contains(&ending);
    }
    ending.is_empty() || (pattern_len >= 4 && NOUN_ENDINGS.contains(&ending))
}

/// The folded patterns of a place's names: each name as folded, and with its separators
/// removed ("Ak Tilek" → "aktilek"); background names that are short or common words are
/// left out.
fn name_patterns(place: &Place) -> Vec<(String, bool)> {
    let background = matches!(place.origin, Origin::GeoNames { .. });
    let mut out = Vec::new();
    for name in place.all_names() {
        let stem = name.ends_with('~');
        let folded = fold_name(name.trim_end_matches('~'));
        let too_short = folded.chars().count() < if background { 4 } else { 2 };
        if folded.is_empty() || too_short || (background && STOP_NAMES.contains(&folded.as_str())) {
            continue;
        }
        if folded.contains(' ') {
            let joined: String = folded.chars().filter(|&c| c != ' ').collect();
            if joined.len() >= 5 {
                out.push((joined, stem));
            }
        }
        out.push((folded, stem));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_follow_the_rules() {
        assert!(ending_allowed("s", false, 10));
        assert!(!ending_allowed("s", false, 3), "short names take no ending");
        assert!(ending_allowed("oy", true, 8));
        assert!(!ending_allowed("", true, 8), "a stem needs an ending");
        assert!(!ending_allowed("xyz", false, 10));
    }
}
