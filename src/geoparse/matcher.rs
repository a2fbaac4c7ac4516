//! Finding gazetteer names in folded text: at each word start, the curated and background
//! name indexes (`fst` maps) are walked byte by byte; the longest name that ends the word,
//! or leaves only an ending its kind of name may take, wins. Only words that start with a
//! capital in the original text are looked up, except for the few curated common-noun
//! phrases marked `any_case`.

use std::cell::Cell;

use rustc_hash::FxHashMap;

use fst::raw::{Fst, Output};

use super::fold::{Folded, fold_name};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::keys::ending_allowed;
use crate::gazetteer::names::{NameMap, Posting};

/// A place a name may stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the place in the gazetteer.
    pub place: u32,
    /// How the name stands for it ([`crate::gazetteer::names::name_flags`]).
    pub flags: u8,
}

/// A name found in a document, before deciding which place it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// Folded byte range of the name with its ending.
    pub folded_start: usize,
    /// End of that range (the end of the word).
    pub folded_end: usize,
    /// Where the indexed key ends (before any ending).
    pub key_end: usize,
    /// The places the name may stand for (shared: a repeated name is matched once).
    pub candidates: std::rc::Rc<[Candidate]>,
    /// The candidates' places as one number: the name's identity, to group its mentions.
    pub identity: u64,
    /// The key's own flags ([`crate::gazetteer::names::KEY_COMMON_WORD`]).
    pub key_flags: u8,
    /// The kind word the name is compounded with ("Rogun|damm"), if any.
    pub compound: Option<crate::gazetteer::PlaceKind>,
}

impl NameMatch {
    /// The match moved by `by` folded bytes.
    fn shifted(&self, by: usize) -> Self {
        Self {
            folded_start: self.folded_start + by,
            folded_end: self.folded_end + by,
            key_end: self.key_end + by,
            ..self.clone()
        }
    }

    /// The match moved back by `by` folded bytes (to offsets relative to its word).
    fn shifted_back(&self, by: usize) -> Self {
        Self {
            folded_start: self.folded_start - by,
            folded_end: self.folded_end - by,
            key_end: self.key_end - by,
            ..self.clone()
        }
    }

    /// The matched key, folded ("karasu", "pavlodarsk").
    pub fn key<'a>(&self, folded: &'a Folded) -> &'a str {
        folded
            .text
            .get(self.folded_start..self.key_end)
            .unwrap_or("")
    }
}

/// What the walk needs to know of the text besides its folded bytes.
pub struct TextRules<'a> {
    /// Endings of the text's language ([`crate::gazetteer::keys::endings_for`]).
    pub endings: usize,
    /// Kind words the text's language compounds names with, folded ("damm", "gebirge").
    pub compounds: &'a [(String, crate::gazetteer::PlaceKind)],
    /// Whether the separator at a folded position may be left out to join two words into
    /// one name ("Ak-Tilek" → "Aktilek"): a hyphen, or a capital after it.
    pub joinable: &'a dyn Fn(usize) -> bool,
    /// A folded range that must not be matched whole again (to find the names inside a
    /// name: "Termez–Mazar-i-Sharif" railway holds Termez and Mazar-i-Sharif).
    pub exclude: Option<(usize, usize)>,
}

/// The name indexes and the phrases that hide names (organisations, people).
pub struct NameIndex {
    blocked: fst::Set<Vec<u8>>,
    any_case_first_bytes: [bool; 256],
}

impl NameIndex {
    /// Prepares matching over `gazetteer`'s indexes; `blocked_phrases` name something else
    /// (the Shanghai Cooperation Organisation), so the place names inside them are not
    /// taken.
    pub fn new(gazetteer: &Gazetteer, blocked_phrases: &[&str]) -> Self {
        let mut blocked: Vec<String> = blocked_phrases
            .iter()
            .map(|p| fold_name(p))
            .filter(|p| !p.is_empty())
            .collect();
        blocked.sort();
        blocked.dedup();
        let blocked = fst::Set::from_iter(blocked).unwrap_or_default();
        let mut any_case_first_bytes = [false; 256];
        for p in gazetteer.curated().iter().filter(|p| p.any_case) {
            for name in p.all_names() {
                if let Some(&b) = fold_name(name).as_bytes().first() {
                    any_case_first_bytes[b as usize] = true;
                }
            }
        }
        Self {
            blocked,
            any_case_first_bytes,
        }
    }

    /// Names in `folded` at word starts, left to right, not overlapping; where names
    /// overlap, the one starting first wins, then the longest. `starts_upper(code_point)`
    /// tells whether the original text has a capital (or a caseless letter) there;
    /// lower-case words are looked up only among `any_case` curated places.
    /// Only names within the folded range `within` are found.
    pub fn find(
        &self,
        gazetteer: &Gazetteer,
        folded: &Folded,
        rules: &TextRules,
        within: std::ops::Range<usize>,
    ) -> Vec<NameMatch> {
        let text = &folded.text.as_bytes()[..within.end.min(folded.text.len())];
        let mut found = Vec::new();
        let mut covered_until = 0;
        let mut finals = Vec::new();
        // Names repeat: the outcome of a walk is kept with the bytes it looked at (and the
        // separators it asked about), so a repeated name is walked once.
        let mut memo: FxHashMap<(&[u8], bool), Vec<Memo>> = FxHashMap::default();
        let first = folded
            .words
            .partition_point(|w| (w.at as usize) < within.start);
        for w in &folded.words[first..] {
            let start = w.at as usize;
            if start >= text.len() {
                break;
            }
            let upper = w.upper;
            if start < covered_until || (!upper && !self.any_case_first_bytes[text[start] as usize])
            {
                continue;
            }
            let word = &text[start..word_end(text, start)];
            let known = memo
                .get(&(word, upper))
                .and_then(|entries| entries.iter().find(|e| e.fits(text, start, rules.joinable)));
            let (m, blocked_end) = match known {
                Some(e) => (
                    e.found.as_ref().map(|m| m.shifted(start)),
                    e.blocked.map(|b| b + start),
                ),
                None => {
                    let probe = Probe::new(start);
                    let blocked_end = longest_prefix(self.blocked.as_fst(), text, start, &probe);
                    let m = best_match(gazetteer, text, start, upper, rules, &probe, &mut finals);
                    if rules.exclude.is_none() && !probe.hit_end.get() {
                        memo.entry((word, upper)).or_default().push(Memo {
                            seen: &text[start..probe.examined_end.get().max(start)],
                            joins: probe.joins.take(),
                            found: m.as_ref().map(|m| m.shifted_back(start)),
                            blocked: blocked_end.map(|b| b - start),
                        });
                    }
                    (m, blocked_end)
                }
            };
            let blocked_reach = blocked_end.map(|b| word_end(text, b));
            let blocks = blocked_reach.filter(|&b| m.as_ref().is_none_or(|m| b >= m.folded_end));
            match (m, blocks) {
                (_, Some(b)) => {
                    covered_until = b;
                }
                (Some(m), None) => {
                    covered_until = m.folded_end;
                    found.push(m);
                }
                _ => {}
            }
        }
        found
    }
}

/// The candidates' places as one number (candidates come in index order within each index,
/// so the same name gives the same number).
fn identity(candidates: &[Candidate]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    let mut last = None;
    for c in candidates {
        if last != Some(c.place) {
            c.place.hash(&mut h);
            last = Some(c.place);
        }
    }
    h.finish()
}

/// What a walk looked at: how far into the text, which separators it asked about, and
/// whether it ran into the end of the text.
struct Probe {
    start: usize,
    examined_end: Cell<usize>,
    joins: std::cell::RefCell<Vec<(usize, bool)>>,
    hit_end: Cell<bool>,
}

impl Probe {
    fn new(start: usize) -> Self {
        Self {
            start,
            examined_end: Cell::new(start),
            joins: Default::default(),
            hit_end: Cell::new(false),
        }
    }

    fn saw(&self, at: usize) {
        self.examined_end.set(self.examined_end.get().max(at + 1));
    }

    fn joined(&self, at: usize, answer: bool) {
        self.joins.borrow_mut().push((at - self.start, answer));
    }
}

/// A walk's outcome, relative to its start, with what it depended on.
struct Memo<'t> {
    seen: &'t [u8],
    joins: Vec<(usize, bool)>,
    found: Option<NameMatch>,
    blocked: Option<usize>,
}

impl Memo<'_> {
    /// Whether a walk at `start` would look at the same bytes and get the same answers.
    fn fits(&self, text: &[u8], start: usize, joinable: &dyn Fn(usize) -> bool) -> bool {
        text.get(start..start + self.seen.len()) == Some(self.seen)
            && self
                .joins
                .iter()
                .all(|&(at, answer)| joinable(start + at) == answer)
    }
}

/// The longest valid name at `start`, curated and background candidates merged when both
/// indexes end it at the same place.
fn best_match(
    gazetteer: &Gazetteer,
    text: &[u8],
    start: usize,
    upper: bool,
    rules: &TextRules,
    probe: &Probe,
    finals: &mut Vec<(usize, u64)>,
) -> Option<NameMatch> {
    let curated = gazetteer.curated();
    let curated_ok =
        |p: Posting| upper || curated.get(p.place as usize).is_some_and(|c| c.any_case);
    let walk = Walk {
        text,
        start,
        rules,
        probe,
    };
    let from_curated = longest_valid(gazetteer.curated_names(), &walk, finals, |p| {
        curated_ok(p).then_some(p.place)
    });
    let from_background = if upper {
        longest_valid(gazetteer.store().names(), &walk, finals, |p| {
            (!gazetteer.is_suppressed(p.place)).then(|| gazetteer.background_index(p.place) as u32)
        })
    } else {
        None
    };
    let m = match (from_curated, from_background) {
        (Some(mut c), Some(b)) if c.folded_end == b.folded_end => {
            let both: Vec<Candidate> = c
                .candidates
                .iter()
                .chain(b.candidates.iter())
                .copied()
                .collect();
            c.identity = identity(&both);
            c.candidates = both.into();
            c.key_flags |= b.key_flags;
            c
        }
        (Some(c), Some(b)) => {
            if c.folded_end > b.folded_end {
                c
            } else {
                b
            }
        }
        (c, b) => c.or(b)?,
    };
    Some(m)
}

/// Where a walk starts, under which rules, and what it has looked at.
struct Walk<'a> {
    text: &'a [u8],
    start: usize,
    rules: &'a TextRules<'a>,
    probe: &'a Probe,
}

/// The longest key of `map` at the walk's start whose ending is allowed, with the postings
/// that `keep` maps to gazetteer indices.
fn longest_valid<D: AsRef<[u8]>>(
    map: &NameMap<D>,
    walk: &Walk,
    finals: &mut Vec<(usize, u64)>,
    keep: impl Fn(Posting) -> Option<u32>,
) -> Option<NameMatch> {
    let (text, start, rules) = (walk.text, walk.start, walk.rules);
    finals.clear();
    let joinable = |at: usize| {
        let answer = (rules.joinable)(at);
        walk.probe.joined(at, answer);
        answer
    };
    prefixes(map.fst(), text, start, &joinable, walk.probe, finals);
    for &(end, value) in finals.iter().rev() {
        let word_end = word_end(text, end);
        if rules.exclude == Some((start, word_end)) {
            continue;
        }
        let ending = std::str::from_utf8(&text[end..word_end]).unwrap_or("x");
        let compound = compound_kind(ending, rules.compounds);
        let (key_flags, postings) = map.postings(value);
        let candidates: Vec<Candidate> = postings
            .filter(|p| {
                ending_allowed(p.flags, end - start, ending, rules.endings)
                    || (compound.is_some() && end - start >= 4)
            })
            .filter_map(|p| {
                Some(Candidate {
                    place: keep(p)?,
                    flags: p.flags,
                })
            })
            .collect();
        if !candidates.is_empty() {
            return Some(NameMatch {
                folded_start: start,
                folded_end: word_end,
                key_end: end,
                identity: identity(&candidates),
                candidates: candidates.into(),
                key_flags,
                compound,
            });
        }
    }
    None
}

/// The kind of a compound's last part ("damm" of "Rogundamm", "gebirges" of
/// "Tienschangebirges"), when the text's language compounds and `rest` is one.
fn compound_kind(
    rest: &str,
    compounds: &[(String, crate::gazetteer::PlaceKind)],
) -> Option<crate::gazetteer::PlaceKind> {
    if rest.len() < 3 {
        return None;
    }
    compounds
        .iter()
        .find(|(w, _)| rest.starts_with(w.as_str()) && rest.len() - w.len() <= 3)
        .map(|(_, k)| *k)
}

/// The end of the word that position `at` is in (or `at` itself at a space or the end).
fn word_end(text: &[u8], at: usize) -> usize {
    text[at.min(text.len())..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(text.len(), |p| at + p)
}

/// Every key of `fst` that is a prefix of `text[start..]`, as (end, value), shortest first.
/// A separator the key does not have is left out where `joinable` allows ("ak tilek"
/// matches the key "aktilek").
fn prefixes<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    text: &[u8],
    start: usize,
    joinable: &dyn Fn(usize) -> bool,
    probe: &Probe,
    out: &mut Vec<(usize, u64)>,
) {
    let mut node = fst.root();
    let mut acc = Output::zero();
    let mut i = start;
    loop {
        if node.is_final() && i > start {
            out.push((i, acc.cat(node.final_output()).value()));
        }
        let Some(&b) = text.get(i) else {
            probe.hit_end.set(true);
            break;
        };
        probe.saw(i);
        let t = match node.find_input(b) {
            Some(k) => node.transition(k),
            None if b == b' ' && joinable(i) => {
                probe.saw(i + 1);
                match text.get(i + 1).and_then(|&n| node.find_input(n)) {
                    Some(k) => {
                        i += 1;
                        node.transition(k)
                    }
                    None => break,
                }
            }
            None => break,
        };
        acc = acc.cat(t.out);
        node = fst.node(t.addr);
        i += 1;
    }
}

/// The end of the longest key of `fst` at `start` that ends a word.
fn longest_prefix<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    text: &[u8],
    start: usize,
    probe: &Probe,
) -> Option<usize> {
    let mut ends = Vec::new();
    prefixes(fst, text, start, &|_| false, probe, &mut ends);
    ends.iter()
        .rev()
        .map(|&(end, _)| end)
        .find(|&end| word_end(text, end) - end <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geoparse::fold::fold;

    #[test]
    fn prefixes_are_found_shortest_first() {
        let map = NameMap::build(vec![
            ("kara".into(), 0, Posting { place: 1, flags: 1 }),
            ("karasu".into(), 0, Posting { place: 2, flags: 1 }),
        ])
        .expect("map");
        let f = fold("Karasu road");
        let mut out = Vec::new();
        let probe = Probe::new(0);
        prefixes(map.fst(), f.text.as_bytes(), 0, &|_| true, &probe, &mut out);
        assert_eq!(out.iter().map(|o| o.0).collect::<Vec<_>>(), vec![4, 6]);
        let rules = TextRules {
            endings: 0,
            compounds: &[],
            joinable: &|_| true,
            exclude: None,
        };
        let walk = Walk {
            text: f.text.as_bytes(),
            start: 0,
            rules: &rules,
            probe: &probe,
        };
        let m = longest_valid(&map, &walk, &mut out, |p| Some(p.place)).expect("match");
        assert_eq!((m.folded_end, m.candidates[0].place), (6, 2));
    }

    #[test]
    fn hyphenated_names_match_their_joined_spelling() {
        let map = NameMap::build(vec![("aktilek".into(), 0, Posting { place: 1, flags: 1 })])
            .expect("map");
        let f = fold("Ak-Tilek");
        let mut out = Vec::new();
        let probe = Probe::new(0);
        prefixes(map.fst(), f.text.as_bytes(), 0, &|_| true, &probe, &mut out);
        assert_eq!(out.first().map(|o| o.0), Some("ak tilek".len()));
        out.clear();
        prefixes(
            map.fst(),
            f.text.as_bytes(),
            0,
            &|_| false,
            &probe,
            &mut out,
        );
        assert!(out.is_empty());
    }
}
