//! A document of the corpus: its text, passages and what can be told about it (title,
//! language, date, publisher).

use super::passages::{Span, split_passages};

/// The languages Border Atlas reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// German.
    De,
    /// Russian.
    Ru,
}

impl Language {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Ru => "ru",
        }
    }

    /// Guesses the language from Cyrillic letters and common function words.
    pub fn detect(text: &str) -> Self {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
        let cyrillic = text
            .chars()
            .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
            .count();
        if cyrillic * 3 > letters {
            return Self::Ru;
        }
        const DE: &[&str] = &[
            "der", "die", "und", "das", "nicht", "mit", "ist", "von", "den", "zu", "sich", "auf",
            "für", "des", "im", "wurde",
        ];
        const EN: &[&str] = &[
            "the", "and", "of", "to", "is", "with", "was", "for", "on", "that", "by", "has", "in",
            "are", "which",
        ];
        let mut de = 0;
        let mut en = 0;
        for w in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            let w = w.to_lowercase();
            de += usize::from(DE.contains(&w.as_str()));
            en += usize::from(EN.contains(&w.as_str()));
        }
        if de > en { Self::De } else { Self::En }
    }
}

/// How much of a document is read for its language, title, date and publisher.
const HEAD_BYTES: usize = 64 * 1024;

/// The first `bytes` bytes of `text` (fewer, to end on a character).
fn head(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A document: its text split into passages, with what is known about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// File name (without folders), used as the document's name in exports.
    pub file_name: String,
    /// Title: the headline when there is one, else the opening of the first sentence.
    pub title: String,
    /// Detected language.
    pub language: Language,
    /// When it was published, where its header says (`YYYY-MM-DD`); else undated.
    pub date: Option<String>,
    /// The earliest and latest year the text speaks of.
    pub years: Option<(i32, i32)>,
    /// The publisher, when the text names it.
    pub publisher: Option<String>,
    /// Where it comes from: built in, or opened by the user.
    pub provenance: Provenance,
    /// The full text.
    pub text: String,
    /// Passages, in order.
    pub passages: Vec<Span>,
    /// Byte offset in `text` of every [`STRIDE`]-th code point: code point offsets are
    /// turned into byte offsets from the nearest one, so the index takes a 16th of the
    /// memory of one offset per character.
    checkpoints: Vec<u32>,
    /// Length of the text in code points.
    len_chars: u32,
}

/// Where a document comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// One of the seed documents built into the app: never saved in a project or session.
    Seed,
    /// Opened by the user (or read from a project).
    Opened,
}

/// Code points between two entries of the offset index.
const STRIDE: usize = 16;

/// How much of a text is read for the years it speaks of.
const YEARS_BYTES: usize = 1 << 20;

/// The text's start, at most `max` bytes, cut at a character boundary.
fn head_chars(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Document {
    /// Reads a document from its text.
    pub fn new(file_name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        // What a document says of itself is at its start: a long text is read for its
        // language, date and publisher in its first part only.
        let head = head(&text, HEAD_BYTES);
        let language = Language::detect(head);
        let passages = split_passages(&text);
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0usize;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            // A byte that starts a character (not a UTF-8 continuation byte).
            if (b as i8) >= -0x40 {
                if len_chars.is_multiple_of(STRIDE) {
                    checkpoints.push(i as u32);
                }
                len_chars += 1;
            }
        }
        Self {
            file_name: file_name.into(),
            title: super::metadata::title(head),
            language,
            date: super::dates::publication_date(head).map(|d| d.to_string()),
            years: super::dates::years_spoken_of(head_chars(&text, YEARS_BYTES)),
            publisher: super::metadata::publisher(head),
            passages,
            provenance: Provenance::Opened,
            text,
            checkpoints,
            len_chars: len_chars as u32,
        }
    }

    /// The document marked as coming from `provenance`.
    pub fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = provenance;
        self
    }

    /// Its date for people: the publication date, else "undated" with the years the text
    /// speaks of — never a made-up date.
    pub fn date_label(&self) -> String {
        match (&self.date, self.years) {
            (Some(d), _) => d.clone(),
            (None, Some((a, b))) if a == b => format!("undated (speaks of {a})"),
            (None, Some((a, b))) => format!("undated (speaks of {a}–{b})"),
            (None, None) => "undated".into(),
        }
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> u32 {
        self.len_chars
    }

    /// The byte offset of code point `at` (`text.len()` for the end of the text).
    fn byte_of(&self, at: u32) -> Option<usize> {
        if at >= self.len_chars {
            return (at == self.len_chars).then_some(self.text.len());
        }
        let from = *self.checkpoints.get(at as usize / STRIDE)? as usize;
        let rest = at as usize % STRIDE;
        let (offset, _) = self.text.get(from..)?.char_indices().nth(rest)?;
        Some(from + offset)
    }

    /// The text at code points `span.start..span.end` (empty when out of range).
    pub fn slice(&self, span: Span) -> &str {
        let (Some(a), Some(b)) = (self.byte_of(span.start), self.byte_of(span.end)) else {
            return "";
        };
        self.text.get(a..b).unwrap_or("")
    }

    /// The character at code point `at`.
    pub fn char_at(&self, at: u32) -> Option<char> {
        self.text.get(self.byte_of(at)?..)?.chars().next()
    }

    /// The index of the passage holding code point `at`, if any.
    pub fn passage_at(&self, at: u32) -> Option<usize> {
        let i = self.passages.partition_point(|p| p.end <= at);
        self.passages.get(i).filter(|p| p.start <= at).map(|_| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_point_offsets_cut_the_same_text_as_counting_characters() {
        // Mixed widths (1–4 bytes), longer than a few strides of the offset index.
        let text = "Алматы – Almaty, 𝔸 €uro; Қорғас. ".repeat(7);
        let doc = Document::new("t.txt", text.clone());
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(doc.len_chars() as usize, chars.len());
        for start in 0..=chars.len() {
            assert_eq!(doc.char_at(start as u32), chars.get(start).copied());
            for end in (start..=chars.len()).step_by(5) {
                let want: String = chars[start..end].iter().collect();
                let span = Span {
                    start: start as u32,
                    end: end as u32,
                };
                assert_eq!(doc.slice(span), want, "{start}..{end}");
            }
        }
        let past = Span {
            start: 3,
            end: chars.len() as u32 + 1,
        };
        assert_eq!(doc.slice(past), "");
    }
}
