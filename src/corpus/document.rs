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
    /// The date the document speaks of, when it states one in full (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The publisher, when the text names it.
    pub publisher: Option<String>,
    /// The full text.
    pub text: String,
    /// Passages, in order.
    pub passages: Vec<Span>,
    /// Byte offset in `text` of every code point, and `text.len()` at the end.
    char_to_byte: Vec<u32>,
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
        let mut char_to_byte: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        char_to_byte.push(text.len() as u32);
        Self {
            file_name: file_name.into(),
            title: super::metadata::title(head),
            language,
            date: super::metadata::date(head),
            publisher: super::metadata::publisher(head),
            passages,
            text,
            char_to_byte,
        }
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> u32 {
        (self.char_to_byte.len() - 1) as u32
    }

    /// The text at code points `span.start..span.end` (empty when out of range).
    pub fn slice(&self, span: Span) -> &str {
        let (Some(&a), Some(&b)) = (
            self.char_to_byte.get(span.start as usize),
            self.char_to_byte.get(span.end as usize),
        ) else {
            return "";
        };
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    /// The character at code point `at`.
    pub fn char_at(&self, at: u32) -> Option<char> {
        let start = *self.char_to_byte.get(at as usize)? as usize;
        self.text.get(start..)?.chars().next()
    }

    /// The index of the passage holding code point `at`, if any.
    pub fn passage_at(&self, at: u32) -> Option<usize> {
        let i = self.passages.partition_point(|p| p.end <= at);
        self.passages.get(i).filter(|p| p.start <= at).map(|_| i)
    }
}
