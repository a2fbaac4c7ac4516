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
mod resolve;
pub mod unresolved;

use crate::corpus::{Document, Span};
use crate::gazetteer::{Gazetteer, GazetteerError, KindSet, PlaceKind};
use cues::{Cue, CueHit, CueIndex};
use disambiguate::Decision;
use fold::{Folded, fold, fold_name};
use matcher::{NameIndex, NameMatch, TextRules};
pub use relations::{Relation, RelationKind, Status};
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
        let inner = self.names_inside_names(&folded, &mut rules, &matches);
        let cue_hits = self.cues.find(&folded);
        let mut located = self.locate(document, &folded, matches, &cue_hits, true);
        if !inner.is_empty() {
            located.extend(self.locate(document, &folded, inner, &cue_hits, false));
            located.sort_by_key(|l| (l.m.folded_start, std::cmp::Reverse(l.m.folded_end)));
        }
        let (decisions, group_of) = self.decide_located(&located, &cue_hits);
        let mut mentions = Self::mentions(document_index, &located, &decisions, &group_of);
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

    /// Names inside names: a line named after its ends ("the Termez–Mazar-i-Sharif
    /// railway", "Dostyk–Moyinty") names them too, and a name that needs a kind word to
    /// count ("Trans-Afghan") may hold names that count without one.
    fn names_inside_names(
        &self,
        folded: &Folded,
        rules: &mut TextRules,
        matches: &[NameMatch],
    ) -> Vec<NameMatch> {
        let mut inner = Vec::new();
        for m in matches {
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
                    .find(&self.gazetteer, folded, rules, span.0..span.1);
                // The names inside, not another line of the same name.
                inner.extend(found.into_iter().filter(|m| !self.names_a_line(m)));
            }
        }
        inner
    }

    /// The mentions of the located names whose group was decided, each with the
    /// alternatives of its group.
    fn mentions(
        document_index: usize,
        located: &[Located],
        decisions: &[Option<Decision>],
        group_of: &[usize],
    ) -> Vec<Mention> {
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
        for (l, &g) in located.iter().zip(group_of) {
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
        mentions
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
