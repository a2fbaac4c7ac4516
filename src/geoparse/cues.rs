//! Words that tell what kind of place a name stands for ("checkpoint", "Gebiet", "области"),
//! what a passage is about ("twin cities", "flights") and the state of a project
//! ("planned", "im Bau"). Matched in folded text at the start of a word, so one entry covers
//! its inflected forms ("Kontrollpunkt" → "Kontrollpunkte", "oblast" → "области").

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

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
}

const CUES: &[(Cue, &[&str])] = &[
    (
        Cue::Kind(PlaceKind::Checkpoint),
        &[
            "checkpoint",
            "check point",
            "crossing",
            "border crossing",
            "crossing point",
            "border post",
            "kontrollpunkt",
            "grenzübergang",
            "grenzposten",
            "grenzkontrollpunkt",
            "grenzkontrollstelle",
            "кпп",
            "пункт пропуска",
            "пункта пропуска",
            "пунктов пропуска",
            "пункты пропуска",
            "погранпереход",
            "автодорожный",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Region),
        &[
            "region",
            "oblast",
            "province",
            "gebiet",
            "provinz",
            "oblys",
            "viloyat",
            "welayat",
            "velayat",
            "регион",
            "облыс",
        ],
    ),
    (
        Cue::Kind(PlaceKind::City),
        &[
            "city",
            "town",
            "stadt",
            "hauptstadt",
            "capital",
            "город",
            "столиц",
            "municipality",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Village),
        &["village", "dorf", "село", "посёлок", "поселок", "аул"],
    ),
    (
        Cue::Kind(PlaceKind::Lake),
        &[
            "lake",
            "see",
            "sea",
            "meer",
            "озеро",
            "озера",
            "море",
            "моря",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Reservoir),
        &["reservoir", "stausee", "speicher", "водохранилищ"],
    ),
    (
        Cue::Kind(PlaceKind::River),
        &["river", "fluss", "strom", "река", "реки", "реке", "рекой"],
    ),
    (
        Cue::Kind(PlaceKind::Dam),
        &[
            "dam",
            "hpp",
            "hydropower",
            "hydroelectric",
            "power plant",
            "power station",
            "wasserkraftwerk",
            "kraftwerk",
            "staudamm",
            "talsperre",
            "гэс",
            "плотин",
            "электростанц",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Hub),
        &[
            "hub",
            "logistics",
            "industrial zone",
            "industrial park",
            "industriezone",
            "industriegebiet",
            "industriepark",
            "center",
            "centre",
            "zentrum",
            "центр",
            "комплекс",
            "complex",
            "komplex",
            "economic zone",
            "free zone",
            "dry port",
            "terminal",
            "индустриальн",
            "зона",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Road),
        &[
            "road",
            "route",
            "motorway",
            "highway",
            "expressway",
            "straße",
            "strasse",
            "autobahn",
            "fernstraße",
            "strecke",
            "дорог",
            "трасс",
            "маршрут",
            "шоссе",
            "автодорог",
            "magistral",
        ],
    ),
    (
        Cue::Kind(PlaceKind::Corridor),
        &["corridor", "korridor", "коридор"],
    ),
    (
        Cue::Kind(PlaceKind::Area),
        &["valley", "долин", "steppe", "степ"],
    ),
    (
        Cue::Twin,
        &[
            "twin cit",
            "twin town",
            "sister cit",
            "twinning",
            "städtepartnerschaft",
            "partnerstadt",
            "partnerstädte",
            "побратим",
        ],
    ),
    (
        Cue::Flight,
        &[
            "flight",
            "flug",
            "flüge",
            "рейс",
            "авиарейс",
            "air route",
            "airline",
            "авиасообщен",
        ],
    ),
    (
        Cue::Planned,
        &[
            "plan",
            "will ",
            "project",
            "proposed",
            "feasibility",
            "geplant",
            "soll",
            "projekt",
            "планир",
            "проект",
            "будет",
            "предполага",
        ],
    ),
    (
        Cue::UnderConstruction,
        &[
            "under construction",
            "being built",
            "im bau",
            "строится",
            "строящ",
            "ведется строительство",
        ],
    ),
    (
        Cue::Existing,
        &[
            "existing",
            "in operation",
            "bestehend",
            "действующ",
            "существующ",
        ],
    ),
];

/// Adjectives and nouns that show which countries a text is about.
pub const DEMONYMS: &[(&str, &str)] = &[
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
}

impl CueIndex {
    /// Builds the index.
    pub fn new() -> Self {
        let mut patterns = Vec::new();
        let mut cues = Vec::new();
        for (cue, words) in CUES {
            for w in *words {
                let trailing_space = w.ends_with(' ');
                let mut folded = fold_name(w);
                if trailing_space {
                    folded.push(' ');
                }
                patterns.push(folded);
                cues.push(*cue);
            }
        }
        for (word, iso) in DEMONYMS {
            patterns.push(fold_name(word));
            cues.push(Cue::Country(iso));
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .expect("a few hundred short cue words always build");
        Self { ac, cues }
    }

    /// Every cue that starts a word in `folded` (the longest where several do).
    pub fn find(&self, folded: &Folded, word_starts: &[usize]) -> Vec<CueHit> {
        word_starts
            .iter()
            .filter_map(|&i| {
                let m = self
                    .ac
                    .find(Input::new(&folded.text).range(i..).anchored(Anchored::Yes))?;
                Some(CueHit {
                    start: m.start(),
                    end: m.end(),
                    cue: self.cues[m.pattern().as_usize()],
                })
            })
            .collect()
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
            .find(&folded, &crate::geoparse::word_starts(&folded.text))
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
    }
}
