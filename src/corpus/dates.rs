//! Dates in text, in English, German and Russian, at the precision the text gives: a day
//! ("18 апреля 2022", "Nov. 26, 2024", "am 9. November 2023", "2022-04-18", "18.04.2022"),
//! a month ("March 2020", "im März 2021", "в марте 2020 года") or a year ("2025"), with the
//! word that qualifies it ("by 2025", "bis 2025", «к 2025 году»; "since 2019", "seit 2019",
//! «с 2019 года»). Also relative years ("next year", "nächstes Jahr", «в следующем году»),
//! resolved against a document's date.

use std::fmt;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A year.
    Year,
    /// A month of a year.
    Month,
    /// A day.
    Day,
}

/// A date at the precision the text gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12, when known.
    pub month: Option<u8>,
    /// Day, 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl Date {
    /// A year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A full date.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// How precise it is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day it covers, as (year, month, day).
    pub fn start(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day it covers, as (year, month, day) (months taken as 31 days long: only
    /// compared, never shown).
    pub fn end(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// Reads `2022`, `2022-04` or `2022-04-20`.
    ///
    /// ```
    /// use border_atlas::corpus::dates::Date;
    /// assert_eq!(Date::parse_iso("2022-04").map(|d| d.to_string()).as_deref(), Some("2022-04"));
    /// assert_eq!(Date::parse_iso("2022-13"), None);
    /// ```
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year: i32 = parts
            .next()?
            .parse()
            .ok()
            .filter(|y| (1000..=2999).contains(y))?;
        let month: Option<u8> = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day: Option<u8> = match parts.next() {
            Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() || (day.is_some() && month.is_none()) {
            return None;
        }
        Some(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    /// ISO 8601 at the date's precision: `2022`, `2022-04`, `2022-04-20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// What a word before a date says of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// The date itself ("in 2022", "on 18 April").
    At,
    /// A deadline: "by 2025", "bis 2025", «к 2025 году».
    By,
    /// A start: "since 2019", "seit 2019", «с 2019 года».
    Since,
}

/// A date found in a text, with where it stands (byte offsets) and its qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: Date,
    /// What the word before it says.
    pub qualifier: Qualifier,
    /// Byte offset of its first word.
    pub start: usize,
    /// Byte offset after its last word.
    pub end: usize,
}

const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "jänner",
        "января",
        "январь",
        "январе",
    ],
    &[
        "february",
        "feb",
        "februar",
        "февраля",
        "февраль",
        "феврале",
    ],
    &["march", "mar", "märz", "марта", "март", "марте"],
    &["april", "apr", "апреля", "апрель", "апреле"],
    &["may", "mai", "мая", "май", "мае"],
    &["june", "jun", "juni", "июня", "июнь", "июне"],
    &["july", "jul", "juli", "июля", "июль", "июле"],
    &["august", "aug", "августа", "август", "августе"],
    &[
        "september",
        "sep",
        "sept",
        "сентября",
        "сентябрь",
        "сентябре",
    ],
    &["october", "oct", "oktober", "октября", "октябрь", "октябре"],
    &["november", "nov", "ноября", "ноябрь", "ноябре"],
    &[
        "december",
        "dec",
        "dezember",
        "декабря",
        "декабрь",
        "декабре",
    ],
];

const BY: [&str; 5] = ["by", "bis", "к", "до", "until"];
const SINCE: [&str; 4] = ["since", "seit", "с", "со"];

/// A word of the text with its byte range.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '.' | '-' | '/');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

fn month_of(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    if w.len() > 20 {
        return None;
    }
    // Most words are no month: the first letter rules them out without lower-casing.
    let first = w.chars().next()?.to_lowercase().next()?;
    MONTHS
        .iter()
        .position(|names| {
            names.iter().any(|n| {
                n.starts_with(first) && n.chars().eq(w.chars().flat_map(char::to_lowercase))
            })
        })
        .map(|i| i as u8 + 1)
}

fn year_of(w: &str) -> Option<i32> {
    let w = w.trim_end_matches(['.', ',']);
    (w.len() == 4)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day_of(w: &str) -> Option<u8> {
    w.trim_end_matches('.')
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))
}

/// `2022-04-18` or `18.04.2022`.
fn numeric(w: &str) -> Option<Date> {
    let w = w.trim_end_matches('.');
    if let Some(d) =
        Date::parse_iso(w).filter(|d| d.day.is_some() && (1900..=2100).contains(&d.year))
    {
        return Some(d);
    }
    let parts: Vec<&str> = w.split('.').collect();
    if let [d, m, y] = parts[..] {
        let (d, m, y): (u8, u8, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        if (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y) {
            return Some(Date::ymd(y, m, d));
        }
    }
    None
}

/// The date that starts at word `i`, and how many words it takes.
fn date_at(ws: &[Word<'_>], i: usize) -> Option<(Date, usize)> {
    let w = |k: usize| ws.get(i + k).map_or("", |w| w.text);
    if let Some(d) = numeric(w(0)) {
        return Some((d, 1));
    }
    // 18 April 2022, 9. November 2023, 18 апреля 2022
    if let (Some(d), Some(m), Some(y)) = (day_of(w(0)), month_of(w(1)), year_of(w(2))) {
        return Some((Date::ymd(y, m, d), 3));
    }
    // April 18, 2022; Nov. 26, 2024
    if let (Some(m), Some(d), Some(y)) = (month_of(w(0)), day_of(w(1)), year_of(w(2))) {
        return Some((Date::ymd(y, m, d), 3));
    }
    // March 2020, im März 2021, в марте 2020
    if let (Some(m), Some(y)) = (month_of(w(0)), year_of(w(1))) {
        return Some((
            Date {
                year: y,
                month: Some(m),
                day: None,
            },
            2,
        ));
    }
    year_of(w(0)).map(|y| (Date::year(y), 1))
}

/// Every date in `text`, in order.
///
/// ```
/// use border_atlas::corpus::dates::{dates_in, Qualifier};
/// let found = dates_in("The post closed in March 2020 and is to be modernised by 2025.");
/// assert_eq!(found[0].date.to_string(), "2020-03");
/// assert_eq!((found[1].date.to_string(), found[1].qualifier), ("2025".into(), Qualifier::By));
/// ```
pub fn dates_in(text: &str) -> Vec<FoundDate> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((date, n)) = date_at(&ws, i) else {
            i += 1;
            continue;
        };
        let before = i
            .checked_sub(1)
            .map(|k| ws[k].text.to_lowercase())
            .unwrap_or_default();
        // «с марта 2020», «к концу 2025»: the word before a month or year.
        let qualifier = if BY.contains(&before.as_str()) {
            Qualifier::By
        } else if SINCE.contains(&before.as_str()) {
            Qualifier::Since
        } else {
            Qualifier::At
        };
        out.push(FoundDate {
            date,
            qualifier,
            start: ws[i].start,
            end: ws[i + n - 1].end,
        });
        i += n;
    }
    out
}

/// Phrases that mean the year after the document's.
const NEXT_YEAR: [&str; 5] = [
    "next year",
    "nächstes jahr",
    "nächsten jahr",
    "в следующем году",
    "в будущем году",
];

/// Phrases that mean the document's own year.
const THIS_YEAR: [&str; 4] = ["this year", "dieses jahr", "in diesem jahr", "в этом году"];

/// A year the text gives relative to `year` ("next year", "this year"), with its byte
/// offset.
pub fn relative_years(text: &str, year: i32) -> Vec<(Date, usize)> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (phrases, delta) in [(&NEXT_YEAR[..], 1), (&THIS_YEAR[..], 0)] {
        for p in phrases {
            // Lower-casing keeps byte offsets for these scripts (Latin, Cyrillic).
            out.extend(
                lower
                    .match_indices(p)
                    .map(|(at, _)| (Date::year(year + delta), at)),
            );
        }
    }
    out.sort_by_key(|&(_, at)| at);
    out
}

/// The publication date where the header states it: a full date on one of the first three
/// lines, when that line is short (a header) or the date opens it (a dateline):
/// "(2022-04-18)", "Nov. 26, 2024", "18 апреля 2022", "ALMATY, April 18 (Reuters) –". The
/// body's dates are what the text speaks of, not when it was written.
pub fn publication_date(text: &str) -> Option<Date> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .flat_map(|line| {
            dates_in(line).into_iter().filter(move |f| {
                // A short header line, or a dateline: nothing but capitals, digits and
                // punctuation before the date ("ALMATY, April 18 (Reuters) –").
                line.chars().count() <= 80 || !line[..f.start].chars().any(char::is_lowercase)
            })
        })
        .map(|f| f.date)
        .find(|d| d.precision() == Precision::Day)
}

/// The span of years a text speaks of: its earliest and latest year.
pub fn years_spoken_of(text: &str) -> Option<(i32, i32)> {
    let years: Vec<i32> = dates_in(text).iter().map(|f| f.date.year).collect();
    Some((*years.iter().min()?, *years.iter().max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> String {
        dates_in(text)
            .first()
            .map(|f| f.date.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn dates_at_the_precision_the_text_gives_in_three_languages() {
        assert_eq!(first("(2022-04-18) The Kegen post"), "2022-04-18");
        assert_eq!(first("18 апреля 2022 года пункт"), "2022-04-18");
        assert_eq!(first("Nov. 26, 2024 — The road"), "2024-11-26");
        assert_eq!(first("am 9. November 2023 wurde"), "2023-11-09");
        assert_eq!(first("am 09.11.2023 wurde"), "2023-11-09");
        assert_eq!(first("closed in March 2020"), "2020-03");
        assert_eq!(first("im März 2021 eröffnet"), "2021-03");
        assert_eq!(first("в марте 2020 года закрыт"), "2020-03");
        assert_eq!(first("reopened in 2022"), "2022");
        assert_eq!(first("about 150 agreements and 3000 trucks"), "");
    }

    #[test]
    fn deadlines_and_starts_are_told_apart() {
        let q = |t: &str| dates_in(t)[0].qualifier;
        assert_eq!(q("to be finished by 2025"), Qualifier::By);
        assert_eq!(q("soll bis 2025 fertig sein"), Qualifier::By);
        assert_eq!(q("будет построен к 2025 году"), Qualifier::By);
        assert_eq!(q("closed since 2019"), Qualifier::Since);
        assert_eq!(q("seit 2019 geschlossen"), Qualifier::Since);
        assert_eq!(q("закрыт с 2019 года"), Qualifier::Since);
        assert_eq!(q("opened in 2019"), Qualifier::At);
    }

    #[test]
    fn next_year_is_the_year_after_the_documents() {
        let found = relative_years("The checkpoint will reopen next year.", 2023);
        assert_eq!(found[0].0.to_string(), "2024");
        assert_eq!(
            relative_years("Пункт откроют в следующем году.", 2023)[0]
                .0
                .year,
            2024
        );
        assert_eq!(
            relative_years("Der Posten soll nächstes Jahr öffnen.", 2023)[0]
                .0
                .year,
            2024
        );
    }

    #[test]
    fn the_publication_date_is_the_headers_not_the_bodys() {
        assert_eq!(
            publication_date("Border news\nApril 18, 2022\n\nThe post opened on 1 May 2022.")
                .map(|d| d.to_string()),
            Some("2022-04-18".into())
        );
        assert_eq!(
            publication_date(
                "Relations began\n\nThey established relations on 23 November 1992 and much more followed in the long years since then, with visits and forums.\nMore text."
            ),
            None,
            "a date in the body is what the text speaks of"
        );
    }
}
