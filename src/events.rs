//! What happens to places, and when: a passage that says a place is opened, reopened,
//! closed, suspended, planned, agreed or signed, under construction, completed, modernised
//! or twinned becomes an event of every place it names, dated by the date nearest the word
//! in the passage ("in March 2020", "by 2025", "since 2019", "next year" against the
//! document's date), else by the document's date (marked as such), else undated — never a
//! made-up date.

use std::collections::HashMap;

use crate::atlas::Source;
use crate::corpus::dates::{Date, Qualifier, dates_in, relative_years};
use crate::corpus::{Corpus, Document};

/// What happens to a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventStatus {
    /// Planned or proposed.
    Planned,
    /// Agreed or signed.
    Agreed,
    /// Being built.
    UnderConstruction,
    /// Built.
    Completed,
    /// Opened.
    Opened,
    /// Opened again.
    Reopened,
    /// Modernised or rebuilt.
    Modernised,
    /// Closed.
    Closed,
    /// Suspended.
    Suspended,
    /// Twinned with another city.
    Twinned,
}

impl EventStatus {
    /// Every status, in the order a place's words are looked for (reopened before opened).
    pub const ALL: [Self; 10] = [
        Self::Reopened,
        Self::Opened,
        Self::Closed,
        Self::Suspended,
        Self::Planned,
        Self::Agreed,
        Self::UnderConstruction,
        Self::Completed,
        Self::Modernised,
        Self::Twinned,
    ];

    /// Its name as exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Agreed => "agreed",
            Self::UnderConstruction => "under_construction",
            Self::Completed => "completed",
            Self::Opened => "opened",
            Self::Reopened => "reopened",
            Self::Modernised => "modernised",
            Self::Closed => "closed",
            Self::Suspended => "suspended",
            Self::Twinned => "twinned",
        }
    }

    /// Whether a passage's status can be about an item of this kind: countries, regions,
    /// lakes and rivers are not opened or closed (the checkpoint on their border is); a city
    /// is twinned, planned or agreed on, not closed.
    pub fn applies_to(self, kind: crate::atlas::ItemKind) -> bool {
        use crate::atlas::ItemKind;
        use crate::gazetteer::PlaceKind;
        match kind {
            ItemKind::Place(
                PlaceKind::Country
                | PlaceKind::Region
                | PlaceKind::District
                | PlaceKind::Area
                | PlaceKind::Lake
                | PlaceKind::River,
            ) => false,
            ItemKind::Place(PlaceKind::City | PlaceKind::Village) => {
                matches!(self, Self::Twinned | Self::Agreed | Self::Planned)
            }
            ItemKind::Relation(crate::geoparse::RelationKind::TwinCities) => {
                matches!(self, Self::Twinned | Self::Agreed)
            }
            _ => self != Self::Twinned,
        }
    }

    /// Whether a place in this state is closed to traffic.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Closed | Self::Suspended)
    }

    /// Word starts that say it, in English, German and Russian (lower case).
    fn words(self) -> &'static [&'static str] {
        match self {
            Self::Reopened => REOPENED_WORDS,
            Self::Opened => OPENED_WORDS,
            Self::Closed => CLOSED_WORDS,
            Self::Suspended => SUSPENDED_WORDS,
            Self::Planned => PLANNED_WORDS,
            Self::Agreed => AGREED_WORDS,
            Self::UnderConstruction => UNDER_CONSTRUCTION_WORDS,
            Self::Completed => COMPLETED_WORDS,
            Self::Modernised => MODERNISED_WORDS,
            Self::Twinned => TWINNED_WORDS,
        }
    }
}

// Word starts that say each status, in English, German and Russian (lower case).
const REOPENED_WORDS: &[&str] = &[
    "reopen",
    "resumed",
    "resumption",
    "wiedereröffn",
    "wieder geöffnet",
    "wieder aufgenommen",
    "возобнов",
    "вновь откры",
    "повторно откры",
];
const OPENED_WORDS: &[&str] = &[
    "opened",
    "opening of",
    "inaugurat",
    "launched",
    "eröffnet",
    "eröffnung",
    "in betrieb genommen",
    "открыт",
    "открыл",
    "открыва",
];
const CLOSED_WORDS: &[&str] = &[
    "closed",
    "closure",
    "shut down",
    "geschlossen",
    "schließung",
    "закрыт",
    "закрыл",
    "закрыва",
];
const SUSPENDED_WORDS: &[&str] = &[
    "suspend",
    "halted",
    "ausgesetzt",
    "eingestellt",
    "приостанов",
];
const PLANNED_WORDS: &[&str] = &[
    "plan",
    "will be built",
    "to be built",
    "to build",
    "propos",
    "geplant",
    "vorgesehen",
    "soll gebaut",
    "планир",
    "план ",
    "планы",
    "предполага",
];
const AGREED_WORDS: &[&str] = &[
    "signed",
    "agreed",
    "agreement on",
    "unterzeichn",
    "vereinbar",
    "подписа",
    "соглашени",
    "договорил",
];
const UNDER_CONSTRUCTION_WORDS: &[&str] = &[
    "under construction",
    "being built",
    "construction of",
    "im bau",
    "bau einer",
    "bau der",
    "bau des",
    "строительств",
    "строится",
    "возводится",
];
const COMPLETED_WORDS: &[&str] = &[
    "completed",
    "finished",
    "put into operation",
    "fertiggestellt",
    "abgeschlossen",
    "заверш",
    "введен в эксплуатац",
    "введён в эксплуатац",
];
const MODERNISED_WORDS: &[&str] = &[
    "moderni",
    "reconstruct",
    "upgrad",
    "renovat",
    "rekonstru",
    "ausgebaut",
    "модерниз",
    "реконструк",
];
const TWINNED_WORDS: &[&str] = &[
    "sister cit",
    "twin cit",
    "twinned",
    "twinning",
    "partnerstadt",
    "partnerstädte",
    "städtepartner",
    "побратим",
];

/// Where an event's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFrom {
    /// A date in the passage.
    Text,
    /// The passage gives none: the document's publication date.
    Document,
}

/// Something that happens to a place, as a passage states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// What happens.
    pub status: EventStatus,
    /// When, at the precision given; `None` when neither the passage nor the document says.
    pub date: Option<Date>,
    /// "by 2025", "since 2019", or the date itself.
    pub qualifier: Qualifier,
    /// Where the date comes from.
    pub date_from: DateFrom,
    /// The passage that says it.
    pub source: Source,
}

impl Event {
    /// The day it is placed at on a timeline (its date's first day), if dated.
    pub fn start(&self) -> Option<(i32, u8, u8)> {
        self.date.map(|d| d.start())
    }
}

/// The events a passage states: one per status, dated by the date nearest its word.
pub fn passage_events(doc: &Document, source: Source) -> Vec<Event> {
    let Some(&span) = doc.passages.get(source.passage) else {
        return Vec::new();
    };
    let text = doc.slice(span);
    let lower = text.to_lowercase();
    // Lower-casing keeps the byte offsets of Latin and Cyrillic text; elsewhere, the dates
    // are looked for in the lower-cased text too.
    let base = if lower.len() == text.len() {
        text
    } else {
        lower.as_str()
    };
    // Most passages say nothing of what happens: their dates are not looked for.
    let first = first_words(&lower);
    if first.is_empty() {
        return Vec::new();
    }
    let doc_date = doc.date.as_deref().and_then(Date::parse_iso);
    let mut dates: Vec<(Date, Qualifier, usize)> = dates_in(base)
        .into_iter()
        .map(|f| (f.date, f.qualifier, f.start))
        .collect();
    if let Some(d) = doc_date {
        dates.extend(
            relative_years(base, d.year)
                .into_iter()
                .map(|(date, at)| (date, Qualifier::At, at)),
        );
    }
    let mut events = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for status in EventStatus::ALL {
        let Some(at) = first
            .iter()
            .filter(|(s, range)| {
                *s == status && !taken.iter().any(|&(a, b)| range.0 < b && a < range.1)
            })
            .map(|&(_, range)| range)
            .min()
        else {
            continue;
        };
        taken.push(at);
        // A date counts for the word when it stands in the same sentence.
        let (from, to) = sentence_around(base, at.0);
        let nearest = dates
            .iter()
            .filter(|(_, _, pos)| (from..to).contains(pos))
            .min_by_key(|(_, _, pos)| pos.abs_diff(at.0))
            .copied();
        let (date, qualifier, date_from) = match (nearest, doc_date) {
            (Some((d, q, _)), _) => (Some(d), q, DateFrom::Text),
            (None, Some(d)) => (Some(d), Qualifier::At, DateFrom::Document),
            (None, None) => (None, Qualifier::At, DateFrom::Document),
        };
        events.push(Event {
            status,
            date,
            qualifier,
            date_from,
            source,
        });
    }
    events
}

/// The byte range of the sentence holding byte `at`: from after the last full stop (or
/// question or exclamation mark followed by a space, or line break) before it, to the next.
fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let is_end = |i: usize, c: char| {
        c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && text[i + c.len_utf8()..].starts_with(char::is_whitespace)
                && !ends_with_day_number(&text[..i]))
    };
    let from = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[at..]
        .char_indices()
        .find(|&(i, c)| is_end(at + i, c))
        .map_or(text.len(), |(i, _)| at + i);
    (from, to)
}

/// Whether text ends with a number of one or two digits ("am 9." opens a German date, not a
/// new sentence; "by 2030." ends one).
fn ends_with_day_number(text: &str) -> bool {
    let digits = text.chars().rev().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&digits)
}

/// Every status word starting a word in `lower`, as (status, byte range), found in one
/// pass over the passage.
fn first_words(lower: &str) -> Vec<(EventStatus, (usize, usize))> {
    static INDEX: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<EventStatus>)> =
        std::sync::LazyLock::new(|| {
            let pairs: Vec<(EventStatus, &str)> = EventStatus::ALL
                .iter()
                .flat_map(|&s| s.words().iter().map(move |w| (s, *w)))
                .collect();
            let ac = aho_corasick::AhoCorasick::new(pairs.iter().map(|(_, w)| w))
                .expect("the status words build an automaton");
            (ac, pairs.into_iter().map(|(s, _)| s).collect())
        });
    let (ac, status_of) = &*INDEX;
    ac.find_overlapping_iter(lower)
        .filter(|m| {
            !lower[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
        .map(|m| (status_of[m.pattern().as_usize()], (m.start(), m.end())))
        .collect()
}

/// The events of every source passage of every item (of the statuses that can be about
/// its kind), each passage read once.
pub fn events_of_items(
    corpus: &Corpus,
    items: &[(&[Source], crate::atlas::ItemKind)],
) -> Vec<Vec<Event>> {
    let mut by_passage: HashMap<Source, Vec<Event>> = HashMap::new();
    items
        .iter()
        .map(|&(item_sources, kind)| {
            let mut events: Vec<Event> = item_sources
                .iter()
                .flat_map(|&s| {
                    by_passage
                        .entry(s)
                        .or_insert_with(|| {
                            corpus
                                .documents
                                .get(s.document)
                                .map(|d| passage_events(d, s))
                                .unwrap_or_default()
                        })
                        .clone()
                })
                .filter(|e| e.status.applies_to(kind))
                .collect();
            events.sort_by(|a, b| {
                (a.start().is_none(), a.start())
                    .cmp(&(b.start().is_none(), b.start()))
                    .then(a.source.cmp(&b.source))
                    .then(a.status.cmp(&b.status))
            });
            events
        })
        .collect()
}

/// A place's status at a day: the status of its latest event dated at or before it.
pub fn status_as_of(events: &[Event], day: (i32, u8, u8)) -> Option<EventStatus> {
    events
        .iter()
        .filter(|e| e.start().is_some_and(|s| s <= day))
        .max_by_key(|e| e.start())
        .map(|e| e.status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str, date: Option<&str>) -> Vec<(EventStatus, Option<String>, DateFrom)> {
        let mut doc = Document::new("t.txt", text);
        doc.date = date.map(str::to_owned);
        passage_events(
            &doc,
            Source {
                document: 0,
                passage: 0,
            },
        )
        .into_iter()
        .map(|e| (e.status, e.date.map(|d| d.to_string()), e.date_from))
        .collect()
    }

    #[test]
    fn statuses_and_dates_in_english_german_and_russian() {
        assert_eq!(
            events("The Kegen checkpoint was closed in March 2020.", None),
            vec![(EventStatus::Closed, Some("2020-03".into()), DateFrom::Text)]
        );
        assert_eq!(
            events(
                "Der Kontrollpunkt wurde am 18. April 2022 wiedereröffnet.",
                None
            ),
            vec![(
                EventStatus::Reopened,
                Some("2022-04-18".into()),
                DateFrom::Text
            )]
        );
        assert_eq!(
            events(
                "Пункт пропуска «Карасу» будет модернизирован к 2025 году.",
                None
            ),
            vec![(EventStatus::Modernised, Some("2025".into()), DateFrom::Text)]
        );
        assert_eq!(
            events("Osh and Shymkent became sister cities.", Some("2021-06-01")),
            vec![(
                EventStatus::Twinned,
                Some("2021-06-01".into()),
                DateFrom::Document
            )]
        );
    }

    #[test]
    fn next_year_is_resolved_against_the_documents_date_and_nothing_is_made_up() {
        assert_eq!(
            events("The crossing will reopen next year.", Some("2023-11-09")),
            vec![(EventStatus::Reopened, Some("2024".into()), DateFrom::Text)]
        );
        assert_eq!(
            events("The crossing will reopen next year.", None),
            vec![(EventStatus::Reopened, None, DateFrom::Document)],
            "an undated document gives no year"
        );
    }

    #[test]
    fn the_status_as_of_a_day_is_the_latest_before_it() {
        let doc = Document::new(
            "t.txt",
            "The post closed in March 2020.\n\nThe post reopened in April 2022.",
        );
        let closed = passage_events(
            &doc,
            Source {
                document: 0,
                passage: 0,
            },
        );
        let reopened = passage_events(
            &doc,
            Source {
                document: 0,
                passage: 1,
            },
        );
        let all: Vec<Event> = closed.into_iter().chain(reopened).collect();
        assert_eq!(status_as_of(&all, (2021, 1, 1)), Some(EventStatus::Closed));
        assert_eq!(
            status_as_of(&all, (2023, 1, 1)),
            Some(EventStatus::Reopened)
        );
        assert_eq!(status_as_of(&all, (2019, 1, 1)), None);
    }
}
