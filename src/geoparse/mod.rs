//! The geoparser: finds the places a document names, decides which place each name
//! stands for, and reads the relations the text states between them.
//!
//! Text is folded ([`fold`]) so that case, diacritics, script, separators and common
//! German/Russian spellings do not matter; names are found with one Aho-Corasick automaton
//! ([`matcher`]); each name is resolved by its context ([`disambiguate`]); relations come
//! from cue words and the order of names in a passage ([`relations`]).

pub mod cues;
pub mod disambiguate;
pub mod fold;
pub mod matcher;
pub mod relations;

use crate::corpus::{Document, Span};
use crate::gazetteer::{Gazetteer, GazetteerError, PlaceKind};
use cues::{Cue, CueIndex};
use disambiguate::{DocumentContext, attach_cues, choose};
use fold::{Folded, fold};
use matcher::{NameIndex, NameMatch};
pub use relations::{Relation, RelationKind, Status};

/// Phrases that contain a place name but name something else (organisations, awards).
const BLOCKED_PHRASES: &[&str] = &[
    "Order of Dostyk",
    "Orden Dostyk",
    "Shanghai Cooperation Organisation",
    "Shanghai Cooperation Organization",
    "Shanghaier Organisation",
    "Шанхайская организация",
    "Шанхайской организации",
    "Asian Development Bank",
    "Tenge Bank",
    "Nur Otan",
    "Ak Zhol party",
    "Nursultan Nazarbayev",
    "Nursultan Nazarbaev",
    "Nursultan Nasarbajew",
    "Нурсултан Назарбаев",
    "Нурсултана Назарбаева",
];

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
    /// How sure the choice of place is (higher is surer).
    pub score: f64,
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
}

/// The gazetteer with its name index, ready to read documents.
pub struct Geoparser {
    gazetteer: Gazetteer,
    names: NameIndex,
    cues: CueIndex,
}

impl Geoparser {
    /// Indexes a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let names = NameIndex::new(&gazetteer, BLOCKED_PHRASES);
        Self {
            names,
            cues: CueIndex::new(),
            gazetteer,
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
        self.names.len()
    }

    /// Finds the places and relations of `document`, the `document_index`-th of its corpus.
    pub fn parse(&self, document_index: usize, document: &Document) -> DocumentPlaces {
        let folded = fold(&document.text);
        let starts_upper = |cp: u32| {
            document
                .char_at(cp)
                .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
        };
        let any_case = |p: u32| self.gazetteer.get(p as usize).is_some_and(|p| p.any_case);
        let starts = word_starts(&folded.text);
        let matches: Vec<NameMatch> = self.names.find(&folded, &starts, starts_upper, any_case);
        let cue_hits = self.cues.find(&folded, &starts);
        let passages: Vec<(usize, usize)> = document
            .passages
            .iter()
            .map(|p| folded_range(&folded, *p))
            .collect();

        let ranges: Vec<(usize, usize)> = matches
            .iter()
            .map(|m| (m.folded_start, m.folded_end))
            .collect();
        let kinds = attach_cues(&folded.text, &ranges, &cue_hits);
        let located: Vec<(NameMatch, usize, Vec<PlaceKind>)> = matches
            .into_iter()
            .zip(kinds)
            .filter_map(|(m, kinds)| {
                let (start, _) = folded.original_range(m.folded_start, m.folded_end);
                let passage = document.passage_at(start)?;
                Some((m, passage, kinds))
            })
            .collect();

        let context = self.context(&cue_hits, &located);
        let mut mentions: Vec<Mention> = located
            .iter()
            .filter_map(|(m, passage, kinds)| {
                let (place, score) = choose(&self.gazetteer, &m.candidates, kinds, &context)?;
                let (start, end) = folded.original_range(m.folded_start, m.folded_end);
                Some(Mention {
                    document: document_index,
                    place: place as usize,
                    span: Span { start, end },
                    passage: *passage,
                    score,
                })
            })
            .collect();
        self.drop_without_neighbours(&mut mentions);

        let mut result = DocumentPlaces {
            mentions,
            ..Default::default()
        };
        // Cues and mentions grouped by passage (both are in text order, as are passages).
        let mut cues_of: Vec<Vec<Cue>> = vec![Vec::new(); passages.len()];
        for c in &cue_hits {
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
            let cues = &cues_of[passage];
            let found = relations::in_passage(
                &self.gazetteer,
                document_index,
                document,
                passage,
                &in_passage,
                cues,
            );
            result.relations.extend(found);
            start = end;
        }
        for (i, cues) in cues_of.iter().enumerate() {
            if let Some(status) = relations::status_of(cues) {
                result.passage_status.push((i, status));
            }
        }
        result
    }

    /// What the whole document tells: the countries it is about and the places it names
    /// without doubt.
    fn context(
        &self,
        cue_hits: &[cues::CueHit],
        located: &[(NameMatch, usize, Vec<PlaceKind>)],
    ) -> DocumentContext {
        let blank = DocumentContext::default();
        let mut weights: Vec<(String, f64)> = Vec::new();
        let mut add = |iso: &str| match weights.iter_mut().find(|(c, _)| c == iso) {
            Some((_, w)) => *w += 1.0,
            None => weights.push((iso.to_owned(), 1.0)),
        };
        for hit in cue_hits {
            if let Cue::Country(iso) = hit.cue {
                add(iso);
            }
        }
        let mut anchors = Vec::new();
        let mut anchor_ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (m, _, kinds) in located {
            let Some((place, _)) = choose(&self.gazetteer, &m.candidates, kinds, &blank) else {
                continue;
            };
            let Some(place) = self.gazetteer.get(place as usize) else {
                continue;
            };
            if place.kind == PlaceKind::Country {
                if let Some(iso) = place.countries.first() {
                    add(iso);
                }
            } else if m.candidates.len() == 1
                && place.origin == crate::gazetteer::Origin::Curated
                && anchor_ids.insert(place.id.as_str())
            {
                anchors.push(place.point);
            }
        }
        DocumentContext::new(weights, anchors)
    }

    /// Drops mentions of places that only count beside another place (`near`) when that
    /// place is not named in the same passage.
    fn drop_without_neighbours(&self, mentions: &mut Vec<Mention>) {
        let named: std::collections::HashSet<(usize, &str)> = mentions
            .iter()
            .filter_map(|m| Some((m.passage, self.gazetteer.get(m.place)?.id.as_str())))
            .collect();
        let keep: Vec<bool> = mentions
            .iter()
            .map(|m| {
                self.gazetteer.get(m.place).is_some_and(|place| {
                    place.near.is_empty()
                        || place
                            .near
                            .iter()
                            .any(|id| named.contains(&(m.passage, id.as_str())))
                })
            })
            .collect();
        let mut keep = keep.into_iter();
        mentions.retain(|_| keep.next().unwrap_or(false));
    }
}

/// Function words of English, German and Russian (folded) start no place name and no
/// cue ("in" and "im" do: "in operation", "im Bau"); skipping them halves the automaton
/// runs.
fn is_function_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"a" | b"am"
            | b"an"
            | b"and"
            | b"are"
            | b"as"
            | b"at"
            | b"auf"
            | b"be"
            | b"by"
            | b"dem"
            | b"den"
            | b"der"
            | b"des"
            | b"die"
            | b"do"
            | b"ein"
            | b"eine"
            | b"einer"
            | b"es"
            | b"for"
            | b"fur"
            | b"has"
            | b"have"
            | b"he"
            | b"i"
            | b"is"
            | b"ist"
            | b"it"
            | b"k"
            | b"mit"
            | b"na"
            | b"not"
            | b"o"
            | b"of"
            | b"on"
            | b"or"
            | b"ot"
            | b"po"
            | b"s"
            | b"sich"
            | b"that"
            | b"the"
            | b"this"
            | b"to"
            | b"u"
            | b"und"
            | b"v"
            | b"was"
            | b"were"
            | b"which"
            | b"with"
            | b"za"
            | b"zu"
    )
}

/// Byte offsets of the words of folded text, function words left out.
fn word_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |p| i + p);
        if end > i && !is_function_word(&bytes[i..end]) {
            starts.push(i);
        }
        i = end + 1;
    }
    starts
}

/// The folded byte range of a code-point span.
fn folded_range(folded: &Folded, span: Span) -> (usize, usize) {
    let start = folded.origin.partition_point(|&o| o < span.start);
    let end = folded.origin.partition_point(|&o| o < span.end);
    (start, end)
}
