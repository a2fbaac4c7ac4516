//! Names that read as places but that the gazetteer cannot place: a capitalised name right
//! after or before a word of a kind of place ("the village of Zhanatalap", «в селе
//! Кызылжар», «пункт пропуска «Кайрак»», "Grenzübergang Kalzhat", "Aksu station").
//!
//! They are kept with their passage so a reader can place them by hand; a name the
//! gazetteer knew but could not decide on is kept too.

use super::cues::{Cue, CueHit};
use super::fold::Folded;
use crate::corpus::{Document, Span};
use crate::gazetteer::PlaceKind;

/// A name that reads as a place but was not placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The name as written.
    pub name: String,
    /// Where it stands, in code points.
    pub span: Span,
    /// Index of its passage.
    pub passage: usize,
    /// The kind of place the word next to it names.
    pub kind: PlaceKind,
}

/// Month and weekday names of every language, folded.
static CALENDAR: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    crate::lang::all_words(|l| l.calendar_words)
        .into_iter()
        .map(super::fold::fold_name)
        .collect()
});

/// Kinds of place whose words make an unknown capitalised name next to them a place.
fn names_a_place(kind: PlaceKind) -> bool {
    !matches!(
        kind,
        PlaceKind::Road | PlaceKind::Corridor | PlaceKind::Country
    )
}

/// Folded bytes a kind word and its name may stand apart ("village of", «пункт пропуска
/// «»).
const GAP: usize = 4;
/// At most this many words make one name.
const MAX_WORDS: usize = 3;

/// Unresolved names of a document. `names` are the folded ranges of the names the
/// geoparser matched, with whether they were placed.
/// `is_common(folded word)` tells everyday words ("Это", "Остальные"), which start
/// sentences before kind words but are no names.
pub fn find(
    document: &Document,
    folded: &Folded,
    cue_hits: &[CueHit],
    names: &[(usize, usize, bool)],
    is_common: &dyn Fn(&str) -> bool,
) -> Vec<Unresolved> {
    let text = folded.text.as_bytes();
    let calendar = &*CALENDAR;
    let covered = |start: usize| {
        let i = names.partition_point(|n| n.1 <= start);
        names.get(i).filter(|n| n.0 <= start).map(|n| n.2)
    };
    let mut out: Vec<Unresolved> = Vec::new();
    for (i, hit) in cue_hits.iter().enumerate() {
        let Cue::Kind(kind) = hit.cue else { continue };
        if !names_a_place(kind) {
            continue;
        }
        let cue_word_end = word_end(text, hit.end);
        // After the kind word: «село Кызылжар», "village of Zhanatalap".
        let after = skip_connector(text, cue_word_end);
        // Before it: "Zhanatalap village", "Aksu station".
        let before = previous_word_start(text, hit.start);
        for start in [after, before].into_iter().flatten() {
            if covered(start) == Some(true) || cue_hits.get(i + 1).is_some_and(|c| c.start == start)
            {
                continue;
            }
            let Some(u) = capitalised_run(document, folded, start, names) else {
                continue;
            };
            let folded_word = &folded.text[start..word_end(text, start)];
            let written = u.1.split_whitespace().next().unwrap_or("");
            let capitals = written.chars().filter(|c| c.is_uppercase()).count();
            let abbreviation = written.chars().count() <= 5 && capitals >= 2;
            let at = cue_hits.partition_point(|h| h.start < start);
            let demonym = cue_hits[at..]
                .iter()
                .take_while(|h| h.start == start)
                .any(|h| matches!(h.cue, Cue::Country(_)));
            // "Reviving rail links": a sentence's first word is too often just a
            // capitalised word, and a kind word does not reach across a full stop.
            let sentence_word = folded
                .words
                .binary_search_by_key(&(start as u32), |w| w.at)
                .is_ok_and(|i| folded.words[i].after_stop);
            let after_hyphen =
                u.0.start > 0 && matches!(document.char_at(u.0.start - 1), Some('-' | '‑' | '–'));
            if calendar.iter().any(|c| c == folded_word)
                || is_common(folded_word)
                || abbreviation
                || demonym
                || sentence_word
                || after_hyphen
                || out.iter().any(|o| o.span == u.0)
            {
                continue;
            }
            let Some(passage) = document.passage_at(u.0.start) else {
                continue;
            };
            out.push(Unresolved {
                name: u.1,
                span: u.0,
                passage,
                kind,
            });
        }
    }
    out.sort_by_key(|u| u.span.start);
    out
}

fn word_end(text: &[u8], at: usize) -> usize {
    text[at.min(text.len())..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(text.len(), |p| at + p)
}

/// The start of the word after a kind word, past one connecting word ("of", "von", "der").
fn skip_connector(text: &[u8], cue_end: usize) -> Option<usize> {
    let mut at = cue_end;
    for _ in 0..2 {
        if at >= text.len() || text[at] != b' ' {
            return None;
        }
        let start = at + 1;
        let end = word_end(text, start);
        let word = &text[start..end];
        if matches!(word, b"of" | b"von" | b"der" | b"des" | b"im" | b"bei") {
            at = end;
            continue;
        }
        return (start - cue_end <= GAP).then_some(start);
    }
    None
}

/// The start of the word before position `at`.
fn previous_word_start(text: &[u8], at: usize) -> Option<usize> {
    let end = at.checked_sub(1).filter(|&e| text.get(e) == Some(&b' '))?;
    let start = text[..end]
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |p| p + 1);
    (start < end).then_some(start)
}

/// The name of capitalised words starting at folded `start`, as written, with its span;
/// `None` when the first word is not capitalised or is a matched, placed name.
fn capitalised_run(
    document: &Document,
    folded: &Folded,
    start: usize,
    names: &[(usize, usize, bool)],
) -> Option<(Span, String)> {
    let text = folded.text.as_bytes();
    let upper_at = |at: usize| {
        folded
            .origin
            .get(at)
            .and_then(|&cp| document.char_at(cp))
            .is_some_and(|c| c.is_uppercase())
    };
    if !upper_at(start) {
        return None;
    }
    let mut end = word_end(text, start);
    let mut words = 1;
    // Words join a name across a space or a hyphen, not across other punctuation.
    let joins = |sep: usize| {
        let (a, b) = folded.original_range(sep, sep + 1);
        document
            .slice(Span { start: a, end: b })
            .chars()
            .all(|c| c == ' ' || c == '-' || c == '‑')
    };
    while words < MAX_WORDS && end + 1 < text.len() && upper_at(end + 1) && joins(end) {
        let next = end + 1;
        let at = names.partition_point(|n| n.0 < next);
        if names[at..].iter().take_while(|n| n.0 == next).any(|n| n.2) {
            break;
        }
        end = word_end(text, next);
        words += 1;
    }
    let (a, b) = folded.original_range(start, end);
    let span = Span { start: a, end: b };
    let name = document
        .slice(span)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some((span, name))
}
