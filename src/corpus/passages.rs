//! Splitting a document into passages: sentences, or whole paragraphs when they are short.
//!
//! Offsets are Unicode code points into the document text, as in the W3C Web Annotation
//! `TextPositionSelector`, so a quote can always be cut out of its source again.

/// Paragraphs up to this many code points stay one passage.
const SHORT_PARAGRAPH: usize = 240;
/// No passage is longer than this: a run-on "sentence" (a table, a list, a text with no
/// full stops) is cut at spaces, so every quote stays readable and an export's size follows
/// the number of mentions, not the length of the text.
pub const MAX_PASSAGE: usize = 600;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sq", "km", "no", "nr", "vs", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "bzw",
    "ca", "vgl", "z.b", "u.a", "d.h", "usw", "hr", "fr", "г", "гг", "т.е", "т.д", "им", "ул",
    "обл", "р", "м", "тыс", "млн", "млрд",
];

/// A span of a document's text, in code points: `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Splits `text` into passages: every paragraph (a run of non-empty lines) that is short
/// stays whole; longer ones are cut into sentences. Leading and trailing white space is
/// left out of every passage; empty passages are dropped.
pub fn split_passages(text: &str) -> Vec<Span> {
    // Line by line, with the code points of one line at a time: a 20 MB text is never
    // held as 80 MB of `char`s.
    let mut passages = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    let mut base = 0u32;
    for line_text in text.split('\n') {
        chars.clear();
        chars.reserve(line_text.len());
        chars.extend(line_text.chars());
        let first = passages.len();
        split_line(&chars, &mut passages);
        for p in &mut passages[first..] {
            p.start += base;
            p.end += base;
        }
        base += chars.len() as u32 + 1;
    }
    passages
}

/// The passages of one line (a paragraph), in code points from the line's start.
fn split_line(chars: &[char], passages: &mut Vec<Span>) {
    let line = trim(
        chars,
        Span {
            start: 0,
            end: chars.len() as u32,
        },
    );
    if line.end <= line.start {
        return;
    }
    if (line.end - line.start) as usize <= SHORT_PARAGRAPH {
        passages.push(line);
    } else {
        for sentence in sentences(chars, line) {
            cut_long(chars, sentence, passages);
        }
    }
}

/// Adds `span`, cut at spaces into pieces of at most [`MAX_PASSAGE`] code points (at any
/// character where a piece has no space).
fn cut_long(chars: &[char], span: Span, out: &mut Vec<Span>) {
    let (mut start, end) = (span.start as usize, span.end as usize);
    while end - start > MAX_PASSAGE {
        let limit = start + MAX_PASSAGE;
        let cut = (start + MAX_PASSAGE / 2..limit)
            .rev()
            .find(|&i| chars[i].is_whitespace())
            .unwrap_or(limit);
        push_trimmed(chars, start, cut, out);
        start = cut;
    }
    push_trimmed(chars, start, end, out);
}

fn trim(chars: &[char], span: Span) -> Span {
    let (mut s, mut e) = (span.start as usize, span.end as usize);
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Span {
        start: s as u32,
        end: e as u32,
    }
}

fn sentences(chars: &[char], line: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = line.start as usize;
    let end = line.end as usize;
    let mut i = start;
    while i < end {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?' | ';') && is_sentence_end(chars, i, end) {
            let stop = after_closing_quotes(chars, i + 1, end);
            push_trimmed(chars, start, stop, &mut out);
            start = stop;
            i = stop;
            continue;
        }
        i += 1;
    }
    push_trimmed(chars, start, end, &mut out);
    out
}

/// The first position at or after `from` that is not a closing quote or bracket.
fn after_closing_quotes(chars: &[char], from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end && matches!(chars[i], '"' | '»' | '“' | '”' | ')' | '\'' | '’') {
        i += 1;
    }
    i
}

/// Adds `start..end`, trimmed, unless nothing but white space is left.
fn push_trimmed(chars: &[char], start: usize, end: usize, out: &mut Vec<Span>) {
    let s = trim(
        chars,
        Span {
            start: start as u32,
            end: end as u32,
        },
    );
    if s.end > s.start {
        out.push(s);
    }
}

/// A full stop ends a sentence when white space and an upper-case letter, digit or quote
/// follow, and the word before it is neither an abbreviation nor a number (German
/// ordinals: "15. Oktober").
fn is_sentence_end(chars: &[char], i: usize, end: usize) -> bool {
    let mut j = after_closing_quotes(chars, i + 1, end);
    if j >= end {
        return true;
    }
    if !chars[j].is_whitespace() {
        return false;
    }
    while j < end && chars[j].is_whitespace() {
        j += 1;
    }
    let Some(&next) = chars.get(j) else {
        return true;
    };
    if !(next.is_uppercase()
        || next.is_numeric()
        || matches!(next, '"' | '«' | '„' | '“' | '(' | '—' | '–'))
    {
        return false;
    }
    if chars[i] != '.' {
        return true;
    }
    let word_start = (0..i)
        .rev()
        .find(|&k| chars[k].is_whitespace())
        .map_or(0, |k| k + 1);
    let word: String = chars[word_start..i]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let word = word.trim_start_matches(['(', '"', '«']);
    let is_number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(is_number || is_initial || ABBREVIATIONS.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_passage_is_longer_than_the_limit_and_together_they_keep_the_text() {
        let text = "word ".repeat(1000) + &"x".repeat(1500);
        let passages = split_passages(&text);
        assert!(
            passages
                .iter()
                .all(|p| (p.end - p.start) as usize <= MAX_PASSAGE)
        );
        let kept: usize = passages.iter().map(|p| (p.end - p.start) as usize).sum();
        assert!(
            kept >= 4000 + 1500 - 1000,
            "only spaces between pieces are left out"
        );
        assert!(passages.windows(2).all(|w| w[0].end <= w[1].start));
    }

    fn cut(text: &str, s: Span) -> String {
        text.chars()
            .skip(s.start as usize)
            .take((s.end - s.start) as usize)
            .collect()
    }

    #[test]
    fn long_paragraphs_split_into_sentences_and_german_ordinals_do_not() {
        let text = format!(
            "Die Republik Kasachstan hat am 15. Oktober 1992 Beziehungen aufgenommen. {} Die zweite Runde fand in Bischkek statt.",
            "Dazu kam ein langer Satz ohne Ende, der nur dazu dient, den Absatz lang genug zu machen, damit er geteilt wird, und noch etwas mehr Text hier."
        );
        let parts: Vec<String> = split_passages(&text)
            .into_iter()
            .map(|s| cut(&text, s))
            .collect();
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(parts[0].ends_with("1992 Beziehungen aufgenommen."));
        assert_eq!(parts[2], "Die zweite Runde fand in Bischkek statt.");
    }

    #[test]
    fn short_paragraphs_stay_whole_and_offsets_are_code_points() {
        let text = "Заголовок\n\nКазахстан и Кыргызстан. Второе предложение.\n";
        let parts = split_passages(text);
        assert_eq!(parts.len(), 2);
        assert_eq!(
            cut(text, parts[1]),
            "Казахстан и Кыргызстан. Второе предложение."
        );
        assert_eq!(parts[1].start, 11);
    }
}
