//! The corpus: the documents Border Atlas reads, split into passages.

pub mod dates;
mod document;
mod load;
mod metadata;
mod passages;

pub use document::{Document, Language, Provenance};
pub use load::{
    LoadError, MAX_DOCUMENT_BYTES, decode, read_document, read_paths, read_paths_watched,
};
pub use passages::{MAX_PASSAGE, Span, split_passages};

use crate::seeds::SEED_DOCUMENTS;

/// A set of documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// The documents, in the order they were added.
    pub documents: Vec<Document>,
}

impl Corpus {
    /// The built-in seed corpus.
    pub fn seeds() -> Self {
        Self {
            documents: SEED_DOCUMENTS
                .iter()
                .map(|d| Document::new(d.file_name, d.text).with_provenance(Provenance::Seed))
                .collect(),
        }
    }

    /// Reads files and folders (`.txt` and `.md` files in folders, not recursing into hidden
    /// ones). Every file that cannot be read is reported; the others are still read.
    pub fn from_paths(paths: &[std::path::PathBuf]) -> (Self, Vec<LoadError>) {
        let (documents, errors) = read_paths(paths);
        (Self { documents }, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_marked_as_seeds_and_opened_documents_as_opened() {
        let seeds = Corpus::seeds();
        assert_eq!(seeds.documents.len(), SEED_DOCUMENTS.len());
        assert!(
            seeds
                .documents
                .iter()
                .all(|d| d.provenance == Provenance::Seed)
        );
        let opened = Document::new("news.txt", "Almaty.");
        assert_eq!(opened.provenance, Provenance::Opened);
    }
}
