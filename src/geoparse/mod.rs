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

use aho_corasick::AhoCorasick;

use crate::corpus::{Document, Span};
use crate::gazetteer::{Gazetteer, GazetteerError, PlaceKind};
use cues::{Cue, CueIndex};
use disambiguate::{DocumentContext, attach_cues, choose};
use fold::{Folded, fold, fold_name};
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

/// Adjectives and nouns that show which countries a text is about.
const DEMONYMS: &[(&str, &str)] = &[
    ("kazakh", "KZ"),
    ("kasach", "KZ"),
    ("казах", "KZ"),
    ("qazaq", "KZ"),
    ("kyrgyz", "KG"),
    ("kirgis", "KG"),
    ("kirghiz", "KG"),
    ("кыргыз", "KG"),
    ("киргиз", "KG"),
    ("uzbek", "UZ"),
    ("usbek", "UZ"),
    ("узбек", "UZ"),
    ("tajik", "TJ"),
    ("tadschik", "TJ"),
    ("таджик", "TJ"),
    ("turkmen", "TM"),
    ("туркмен", "TM"),
    ("russia", "RU"),
    ("russisch", "RU"),
    ("росси", "RU"),
    ("chinese", "CN"),
    ("chinesisch", "CN"),
    ("китайск", "CN"),
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
    blocked: AhoCorasick,
    demonyms: Vec<(String, &'static str)>,
}

impl Geoparser {
    /// Indexes a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Self {
        let names = NameIndex::new(&gazetteer);
        let blocked: Vec<String> = BLOCKED_PHRASES.iter().map(|p| fold_name(p)).collect();
        Self {
            names,
            cues: CueIndex::new(),
            blocked: AhoCorasick::new(&blocked).expect("a few blocked phrases build"),
            demonyms: DEMONYMS.iter().map(|(w, c)| (fold_name(w), *c)).collect(),
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
        let chars: Vec<char> = document.text.chars().collect();
        let starts_upper = |cp: u32| {
            chars
                .get(cp as usize)
                .is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase())
        };
        let any_case = |p: u32| self.gazetteer.get(p as usize).is_some_and(|p| p.any_case);
        let blocked: Vec<(usize, usize)> = self
            .blocked
            .find_iter(&folded.text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let matches: Vec<NameMatch> = self
            .names
            .find(&folded, starts_upper, any_case)
            .into_iter()
            .filter(|m| {
                !blocked
                    .iter()
                    .any(|&(s, e)| m.folded_start < e && s < m.folded_end)
            })
            .collect();
        let cue_hits = self.cues.find(&folded);
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

        let context = self.context(&folded, &located);
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
        for (i, range) in passages.iter().enumerate() {
            let cues: Vec<Cue> = cue_hits
                .iter()
                .filter(|c| c.start >= range.0 && c.end <= range.1)
                .map(|c| c.cue)
                .collect();
            if let Some(status) = relations::status_of(&cues) {
                result.passage_status.push((i, status));
            }
            let in_passage: Vec<&Mention> =
                result.mentions.iter().filter(|m| m.passage == i).collect();
            if in_passage.is_empty() {
                continue;
            }
            let found = relations::in_passage(
                &self.gazetteer,
                document_index,
                document,
                i,
                &in_passage,
                &cues,
            );
            result.relations.extend(found);
        }
        result
    }

    /// What the whole document tells: the countries it is about and the places it names
    /// without doubt.
    fn context(
        &self,
        folded: &Folded,
        located: &[(NameMatch, usize, Vec<PlaceKind>)],
    ) -> DocumentContext {
        let blank = DocumentContext {
            country_weights: Vec::new(),
            anchors: Vec::new(),
        };
        let mut weights: Vec<(String, f64)> = Vec::new();
        let mut add = |iso: &str| match weights.iter_mut().find(|(c, _)| c == iso) {
            Some((_, w)) => *w += 1.0,
            None => weights.push((iso.to_owned(), 1.0)),
        };
        for word in folded.text.split(' ') {
            if let Some((_, iso)) = self
                .demonyms
                .iter()
                .find(|(stem, _)| word.starts_with(stem.as_str()))
            {
                add(iso);
            }
        }
        let mut anchors = Vec::new();
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
            } else if m.candidates.len() == 1 && place.origin == crate::gazetteer::Origin::Curated {
                anchors.push(place.geometry.representative_point());
            }
        }
        DocumentContext {
            country_weights: weights,
            anchors,
        }
    }

    /// Drops mentions of places that only count beside another place (`near`) when that
    /// place is not named in the same passage.
    fn drop_without_neighbours(&self, mentions: &mut Vec<Mention>) {
        let named: Vec<(usize, String)> = mentions
            .iter()
            .filter_map(|m| Some((m.passage, self.gazetteer.get(m.place)?.id.clone())))
            .collect();
        mentions.retain(|m| {
            let Some(place) = self.gazetteer.get(m.place) else {
                return false;
            };
            place.near.is_empty()
                || named
                    .iter()
                    .any(|(passage, id)| *passage == m.passage && place.near.contains(id))
        });
    }
}

/// The folded byte range of a code-point span.
fn folded_range(folded: &Folded, span: Span) -> (usize, usize) {
    let start = folded.origin.partition_point(|&o| o < span.start);
    let end = folded.origin.partition_point(|&o| o < span.end);
    (start, end)
}
