//! The geoparser: finds the places a document names, decides which place each name
//! stands for and how sure that is, keeps the names it cannot place, and reads the
//! relations the text states between places.
//!
//! Text is folded ([`fold()`]) so that case, diacritics, script, separators and common
//! German/Russian spellings do not matter; names are found by walking the gazetteer's name
//! indexes at word starts ([`matcher`]); each name is decided from the evidence of the whole
//! document ([`disambiguate`]); names that read as places but match nothing are kept
//! ([`unresolved`]); relations come from cue words and the order of names in a passage
//! ([`relations`]). Everything language-specific comes from [`crate::lang`].

pub mod cues;
pub mod disambiguate;
pub mod fold;
pub mod matcher;
pub mod relations;
pub mod unresolved;

use std::collections::HashMap;

use crate::corpus::{Document, Span};
use crate::gazetteer::names::KEY_COMMON_WORD;
use crate::gazetteer::{Gazetteer, GazetteerError, KindSet, PlaceKind};
use cues::{Cue, CueHit, CueIndex};
use disambiguate::{Decision, DocumentContext, NameEvidence, attach_cues, decide};
use fold::{Folded, fold, fold_name};
use matcher::{NameIndex, NameMatch, TextRules};
pub use relations::{Relation, RelationKind, Status};
use rustc_hash::FxHashMap;
pub use unresolved::Unresolved;

/// Decisions at least this sure make a place an anchor for its neighbours' namesakes.
const ANCHOR_CONFIDENCE: f64 = 0.7;

/// Other places a name could be, as gazetteer entries with their scores, best
/// first; shared by every mention of the same name.
pub type Alternatives = std::sync::Arc<[(usize, f64)]>;

/// A place named in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Index of the document in its corpus.
    pub document: usize,
    /// Index of the place in the gazetteer.
    pub place: usize,
    /// Where the name stands, in code points of the document text.
    pub span: Span,
    /// Index of the passage that holds it.
    pub passage: usize,
    /// How sure the choice of place is, 0–1.
    pub confidence: f64,
    /// The other places the name could stand for, best first, with their confidence had
    /// they been chosen (shared by the mentions of one name).
    pub alternatives: Alternatives,
}

/// What the geoparser found in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentPlaces {
    /// Place mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Relations, in text order.
    pub relations: Vec<Relation>,
    /// Status words of each passage that has any.
    pub passage_status: Vec<(usize, Status)>,
    /// Names that read as places but could not be placed, in text order.
    pub unresolved: Vec<Unresolved>,
}

/// The gazetteer with its name index, ready to read documents.
pub struct Geoparser {
    gazetteer: Gazetteer,
    names: NameIndex,
    cues: CueIndex,
    list_words: Vec<String>,
}

/// A name found in the text, located in the document.
struct Located {
    m: NameMatch,
    passage: usize,
    span: Span,
    kinds: KindSet,
    /// Its capital tells nothing (a sentence's first word, all capitals, German).
    weak_capital: bool,
    /// A person's title stands right before it.
    after_title: bool,
}

impl Geoparser {
    /// Indexes a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let stop = crate::lang::all_words(|l| l.stop_phrases);
        let names = NameIndex::new(&gazetteer, &stop);
        let mut list_words: Vec<String> = crate::lang::all_words(|l| l.list_words)
            .into_iter()
            .map(fold_name)
            .collect();
        list_words.sort();
        list_words.dedup();
        Self {
            names,
            cues: CueIndex::new(),
            gazetteer,
            list_words,
        }
    }

    /// The geoparser on the gazetteer shipped with Border Atlas.
    pub fn embedded() -> Result<Self, GazetteerError> {
        Ok(Self::new(Gazetteer::embedded()?))
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// How many distinct folded names are indexed.
    pub fn name_count(&self) -> usize {
        self.gazetteer.curated_names().len() + self.gazetteer.store().names().len()
    }

    /// Finds the places and relations of `document`, the `document_index`-th of its corpus.
    pub fn parse(&self, document_index: usize, document: &Document) -> DocumentPlaces {
        let folded = fold(&document.text);
        let joinable = |at: usize| folded.joinable(at);
        let language = crate::lang::ALL
            .iter()
            .find(|l| l.code == document.language.code());
        let compounds: Vec<(String, PlaceKind)> = language
            .filter(|l| l.compounds)
            .map(|l| {
                l.kind_words
                    .iter()
                    .flat_map(|(k, words)| words.iter().map(move |w| (fold_name(w), *k)))
                    .filter(|(w, _)| w.len() >= 3 && !w.contains(' '))
                    .collect()
            })
            .unwrap_or_default();
        let mut rules = TextRules {
            endings: crate::gazetteer::keys::endings_for(document.language.code()),
            compounds: &compounds,
            joinable: &joinable,
            exclude: None,
        };
        let matches = self
            .names
            .find(&self.gazetteer, &folded, &rules, 0..folded.text.len());
        // Names inside names: a line named after its ends ("the Termez–Mazar-i-Sharif
        // railway", "Dostyk–Moyinty") names them too, and a name that needs a kind word to
        // count ("Trans-Afghan") may hold names that count without one.
        let mut inner = Vec::new();
        for m in &matches {
            let span = (m.folded_start, m.folded_end);
            let bare =
                |c: &matcher::Candidate| c.flags & crate::gazetteer::names::name_flags::BARE != 0;
            let holds_names = folded.text[span.0..span.1].contains(' ')
                && (m.candidates.iter().all(bare)
                    || m.candidates
                        .iter()
                        .any(|c| !bare(c) && self.is_line(c.place)));
            if holds_names {
                rules.exclude = Some(span);
                let found = self
                    .names
                    .find(&self.gazetteer, &folded, &rules, span.0..span.1);
                // The names inside, not another line of the same name.
                inner.extend(found.into_iter().filter(|m| !self.names_a_line(m)));
            }
        }
        let cue_hits = self.cues.find(&folded);
        let mut located = self.locate(document, &folded, matches, &cue_hits, true);
        if !inner.is_empty() {
            located.extend(self.locate(document, &folded, inner, &cue_hits, false));
            located.sort_by_key(|l| (l.m.folded_start, std::cmp::Reverse(l.m.folded_end)));
        }
        let (decisions, group_of) = self.decide_located(&located, &cue_hits);
        // The alternatives of each group, shared by its mentions.
        let alternatives: Vec<Option<Alternatives>> = decisions
            .iter()
            .map(|d| {
                let d = d.as_ref()?;
                Some(
                    d.alternatives
                        .iter()
                        .map(|a| {
                            let c = disambiguate::confidence(a.score, Some(d.chosen.score));
                            (a.place as usize, c)
                        })
                        .collect(),
                )
            })
            .collect();

        let mut mentions: Vec<Mention> = Vec::with_capacity(located.len());
        for (l, &g) in located.iter().zip(&group_of) {
            let (Some(d), Some(alternatives)) = (&decisions[g], &alternatives[g]) else {
                continue;
            };
            mentions.push(Mention {
                document: document_index,
                place: d.chosen.place as usize,
                span: l.span,
                passage: l.passage,
                confidence: d.confidence,
                alternatives: alternatives.clone(),
            });
        }
        self.drop_without_neighbours(&mut mentions);
        let names: Vec<(usize, usize, bool)> = located
            .iter()
            .zip(&group_of)
            .map(|(l, &g)| (l.m.folded_start, l.m.folded_end, decisions[g].is_some()))
            .collect();
        let store = self.gazetteer.store();
        let unresolved = unresolved::find(document, &folded, &cue_hits, &names, &|w| {
            store.is_common_word(w)
        });
        let mut result = DocumentPlaces {
            mentions,
            unresolved,
            ..Default::default()
        };
        self.relations(document_index, document, &folded, &cue_hits, &mut result);
        result
    }

    /// The decision for each located name: names grouped (one name, one meaning), the
    /// evidence of each group gathered, every group decided.
    /// Returns the decision of each group and the group of each located name.
    fn decide_located(
        &self,
        located: &[Located],
        cue_hits: &[CueHit],
    ) -> (Vec<Option<Decision>>, Vec<usize>) {
        let (groups, group_of) = group_names(located);
        let paired = self.paired_checkpoints(located);
        let evidence: Vec<NameEvidence> = groups
            .iter()
            .map(|members| {
                let mut e = self.evidence(located, members);
                e.paired = members
                    .iter()
                    .flat_map(|&i| paired[i].iter().copied())
                    .collect();
                e
            })
            .collect();
        (
            self.decide_all(located, &groups, evidence, cue_hits),
            group_of,
        )
    }

    /// Each match with its passage, code-point span and the kinds the words next to it name.
    /// `with_cues`: whether kind words attach to these names (not to names found inside
    /// other names, which the outer name's kind word is about).
    fn locate(
        &self,
        document: &Document,
        folded: &Folded,
        matches: Vec<NameMatch>,
        cue_hits: &[CueHit],
        with_cues: bool,
    ) -> Vec<Located> {
        // A capitalised everyday word at the start of a sentence ("Der", "May") that no
        // curated place or big city bears is not a name; left in, it would take the kind
        // word after it ("Der Grenzübergang Korday").
        let matches: Vec<NameMatch> = matches
            .into_iter()
            .filter(|m| !self.is_sentence_word(document, folded, m))
            .collect();
        let ranges: Vec<(usize, usize)> = matches
            .iter()
            .map(|m| (m.folded_start, m.folded_end))
            .collect();
        let kinds = if with_cues {
            attach_cues(&folded.text, &ranges, cue_hits, &self.list_words)
        } else {
            vec![KindSet::default(); ranges.len()]
        };
        let german = document.language == crate::corpus::Language::De;
        matches
            .into_iter()
            .zip(kinds)
            .filter_map(|(m, mut kinds)| {
                if let Some(k) = m.compound {
                    kinds.insert(k);
                }
                let (start, end) = folded.original_range(m.folded_start, m.folded_end);
                let passage = document.passage_at(start)?;
                let span = Span { start, end };
                Some(Located {
                    weak_capital: german || weak_capital(document, span),
                    after_title: after_title(folded, cue_hits, m.folded_start),
                    m,
                    passage,
                    span,
                    kinds,
                })
            })
            .collect()
    }

    /// Whether a name may stand for a road, railway or corridor.
    fn names_a_line(&self, m: &NameMatch) -> bool {
        m.candidates.iter().any(|c| self.is_line(c.place))
    }

    /// Whether a place is a road, railway or corridor.
    fn is_line(&self, place: u32) -> bool {
        self.gazetteer
            .entry(place as usize)
            .is_some_and(|e| matches!(e.kind, PlaceKind::Road | PlaceKind::Corridor))
    }

    /// For each located name, its checkpoint candidates whose opposite post is a candidate
    /// of another name in the same passage.
    fn paired_checkpoints(&self, located: &[Located]) -> Vec<Vec<u32>> {
        // Only curated checkpoints have pairs: (located index, candidate, its pair).
        let curated = self.gazetteer.curated();
        let with_pair: Vec<(usize, u32, u32)> = located
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.m.candidates.iter().map(move |c| (i, c.place)))
            .filter_map(|(i, place)| {
                let pair = curated.get(place as usize)?.pair.as_ref()?;
                Some((i, place, self.gazetteer.index_of(pair)? as u32))
            })
            .collect();
        // Which names of each passage may stand for each checkpoint.
        let mut named_in: FxHashMap<(usize, u32), Vec<usize>> = FxHashMap::default();
        for &(i, place, _) in &with_pair {
            named_in
                .entry((located[i].passage, place))
                .or_default()
                .push(i);
        }
        let mut out = vec![Vec::new(); located.len()];
        for &(i, place, pair) in &with_pair {
            let named = named_in
                .get(&(located[i].passage, pair))
                .is_some_and(|names| names.iter().any(|&j| j != i));
            if named {
                out[i].push(place);
            }
        }
        out
    }

    /// Whether a match is an everyday word capitalised only because it starts a sentence,
    /// and no curated place, capital or city of a million bears it.
    fn is_sentence_word(&self, document: &Document, folded: &Folded, m: &NameMatch) -> bool {
        if m.key_flags & KEY_COMMON_WORD == 0 {
            return false;
        }
        let (start, end) = folded.original_range(m.folded_start, m.folded_end);
        let german = document.language == crate::corpus::Language::De;
        if !german && !weak_capital(document, Span { start, end }) {
            return false;
        }
        !m.candidates.iter().any(|c| {
            self.gazetteer.entry(c.place as usize).is_some_and(|e| {
                e.is_curated()
                    || e.population >= 1_000_000
                    || e.rank == crate::gazetteer::Rank::Capital
            })
        })
    }

    /// What the mentions of one name show together.
    fn evidence(&self, located: &[Located], members: &[usize]) -> NameEvidence {
        let mut e = NameEvidence {
            mentions: members.len(),
            only_weak_capitals: true,
            ..Default::default()
        };
        for &i in members {
            let l = &located[i];
            e.kinds.extend(l.kinds);
            e.common_word |= l.m.key_flags & KEY_COMMON_WORD != 0;
            e.only_weak_capitals &= l.weak_capital;
            e.after_title |= l.after_title;
        }
        e
    }

    /// Decides every name group twice: first on the document's countries alone, then
    /// again with the places decided surely as anchors, and with what the mentions of the
    /// same name that have a kind word were decided as.
    fn decide_all(
        &self,
        located: &[Located],
        groups: &[Vec<usize>],
        mut evidence: Vec<NameEvidence>,
        cue_hits: &[CueHit],
    ) -> Vec<Option<Decision>> {
        let candidates = |g: &[usize]| &located[g[0]].m.candidates;
        let mut counts: HashMap<String, f64> = HashMap::new();
        for h in cue_hits {
            if let Cue::Country(iso) = h.cue {
                *counts.entry(iso.to_owned()).or_default() += 1.0;
            }
        }
        let blank = DocumentContext::default();
        let first: Vec<Option<Decision>> = groups
            .iter()
            .enumerate()
            .map(|(gi, g)| decide(&self.gazetteer, candidates(g), gi, &evidence[gi], &blank))
            .collect();
        let mut anchors = Vec::new();
        let mut by_name: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (gi, d) in first.iter().enumerate() {
            let Some(d) = d else { continue };
            let Some(entry) = self.gazetteer.entry(d.chosen.place as usize) else {
                continue;
            };
            if entry.kind == PlaceKind::Country {
                for c in entry.countries() {
                    *counts.entry(c.to_owned()).or_default() += groups[gi].len() as f64;
                }
            } else if !entry.kind.is_area() && d.confidence >= ANCHOR_CONFIDENCE {
                anchors.push((gi, entry.point));
            }
            // A region named with its word says nothing of the same name alone ("Almaty
            // region … Almaty" is the city); any other kind does.
            let cued = !evidence[gi].kinds.is_empty();
            if cued && !matches!(entry.kind, PlaceKind::Region | PlaceKind::District) {
                by_name
                    .entry(located[groups[gi][0]].m.identity)
                    .or_default()
                    .push(d.chosen.place);
            }
        }
        for (gi, g) in groups.iter().enumerate() {
            if evidence[gi].kinds.is_empty()
                && let Some(places) = by_name.get(&located[g[0]].m.identity)
            {
                evidence[gi].decided_elsewhere = places.clone();
            }
        }
        let mut counts: Vec<(String, f64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| a.0.cmp(&b.0));
        let context = DocumentContext::from_counts(&counts).with_anchors(anchors);
        groups
            .iter()
            .enumerate()
            .map(|(gi, g)| decide(&self.gazetteer, candidates(g), gi, &evidence[gi], &context))
            .collect()
    }

    /// Relations and passage statuses, passage by passage.
    fn relations(
        &self,
        document_index: usize,
        document: &Document,
        folded: &Folded,
        cue_hits: &[CueHit],
        result: &mut DocumentPlaces,
    ) {
        let passages: Vec<(usize, usize)> = document
            .passages
            .iter()
            .map(|p| folded_range(folded, *p))
            .collect();
        let mut cues_of: Vec<Vec<Cue>> = vec![Vec::new(); passages.len()];
        for c in cue_hits {
            let p = passages.partition_point(|&(_, end)| end <= c.start);
            if let Some(range) = passages.get(p)
                && c.start >= range.0
                && c.end <= range.1
            {
                cues_of[p].push(c.cue);
            }
        }
        let mut start = 0;
        while start < result.mentions.len() {
            let passage = result.mentions[start].passage;
            let end = start
                + result.mentions[start..]
                    .iter()
                    .take_while(|m| m.passage == passage)
                    .count();
            let in_passage: Vec<&Mention> = result.mentions[start..end].iter().collect();
            let found = relations::in_passage(
                &self.gazetteer,
                document_index,
                document,
                passage,
                &in_passage,
                &cues_of[passage],
            );
            result.relations.extend(found);
            start = end;
        }
        for (i, cues) in cues_of.iter().enumerate() {
            if let Some(status) = relations::status_of(cues) {
                result.passage_status.push((i, status));
            }
        }
    }

    /// Drops mentions of places that only count beside another place (`near`) when that
    /// place is not named in the same passage.
    fn drop_without_neighbours(&self, mentions: &mut Vec<Mention>) {
        let named: std::collections::HashSet<(usize, usize)> =
            mentions.iter().map(|m| (m.passage, m.place)).collect();
        let keep: Vec<bool> = mentions
            .iter()
            .map(|m| {
                let Some(place) = self.gazetteer.curated().get(m.place) else {
                    return true;
                };
                place.near.is_empty()
                    || place.near.iter().any(|id| {
                        self.gazetteer
                            .index_of(id)
                            .is_some_and(|i| named.contains(&(m.passage, i)))
                    })
            })
            .collect();
        let mut keep = keep.into_iter();
        mentions.retain(|_| keep.next().unwrap_or(false));
    }
}

/// Groups the mentions of one name ("Астана", "Астаны", "Astana" stand for the same set of
/// places) with the same kind words beside them: one name, one meaning per document, except
/// where a kind word says otherwise ("Almaty region" and "Almaty"). Returns the groups
/// (indices into `located`) and the group of each.
fn group_names(located: &[Located]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut by_key: FxHashMap<(u64, KindSet), usize> = FxHashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = Vec::with_capacity(located.len());
    for (i, l) in located.iter().enumerate() {
        let g = *by_key.entry((l.m.identity, l.kinds)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
        group_of.push(g);
    }
    (groups, group_of)
}

/// Whether a person's title stands right before folded position `start` ("President
/// Tokayev", «министр Жумангарин»).
fn after_title(folded: &Folded, cue_hits: &[CueHit], start: usize) -> bool {
    let before = cue_hits.partition_point(|h| h.start < start);
    let Some(h) = before.checked_sub(1).map(|i| cue_hits[i]) else {
        return false;
    };
    let title_end = folded.text[h.end..]
        .find(' ')
        .map_or(folded.text.len(), |p| h.end + p);
    h.cue == Cue::PersonTitle && title_end + 1 == start
}

/// Whether a capital at `span` tells nothing: the first word of a sentence or line, or a
/// word in all capitals.
fn weak_capital(document: &Document, span: Span) -> bool {
    let word = document.slice(span);
    if word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !word.chars().any(char::is_lowercase)
    {
        return true;
    }
    let mut at = span.start;
    while at > 0 {
        at -= 1;
        match document.char_at(at) {
            Some(c) if c.is_whitespace() && c != '\n' => continue,
            Some('"' | '«' | '„' | '“' | '\'' | '(' | '-' | '–' | '—') => continue,
            Some('.' | '!' | '?' | ':' | '\n') | None => return true,
            Some(_) => return false,
        }
    }
    true
}

/// The folded byte range of a code-point span.
fn folded_range(folded: &Folded, span: Span) -> (usize, usize) {
    let start = folded.origin.partition_point(|&o| o < span.start);
    let end = folded.origin.partition_point(|&o| o < span.end);
    (start, end)
}
