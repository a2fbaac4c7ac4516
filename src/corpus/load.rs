//! Reading documents from disk: text files only, with a clear reason for every file that
//! cannot be read.

use std::path::{Path, PathBuf};

use super::Document;

/// Files larger than this are refused (news articles are a few kilobytes).
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file or folder could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file holds binary data, not text.
    #[error("{path}: not a text file (it holds binary data)")]
    Binary {
        /// The path.
        path: PathBuf,
    },
    /// The file is larger than [`MAX_DOCUMENT_BYTES`].
    #[error("{path}: too large ({size} bytes; the limit is {MAX_DOCUMENT_BYTES})")]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// A folder held no `.txt` or `.md` files.
    #[error("{path}: no .txt or .md files in this folder")]
    EmptyFolder {
        /// The path.
        path: PathBuf,
    },
}

/// Reads one file as a document.
pub fn read_document(path: &Path) -> Result<Document, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = decode(&bytes).ok_or_else(|| LoadError::Binary {
        path: path.to_owned(),
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Document::new(name, text))
}

/// Decodes a text file: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
/// mark, or, when the bytes are not UTF-8, Windows-1251 (Cyrillic) or Windows-1252 (Western),
/// whichever reads as more letters. `None` for binary data (NUL bytes or control characters).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (!had_errors && !looks_binary(&text)).then(|| text.into_owned());
    }
    if bytes.contains(&0) {
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            // Cyrillic words are runs of high bytes; in Western text a high byte (ä, ß, é)
            // mostly sits between ASCII letters.
            let high: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x80).collect();
            let in_runs = high
                .iter()
                .filter(|&&i| {
                    (i > 0 && bytes[i - 1] >= 0x80) || bytes.get(i + 1).is_some_and(|&b| b >= 0x80)
                })
                .count();
            let encoding = if in_runs * 2 > high.len() {
                encoding_rs::WINDOWS_1251
            } else {
                encoding_rs::WINDOWS_1252
            };
            encoding.decode(bytes).0.into_owned()
        }
    };
    (!looks_binary(&text)).then_some(text)
}

fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    controls * 100 > text.chars().count().max(1)
}

/// Reads files and folders; returns the documents read and the errors met, in order.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<Document>, Vec<LoadError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            match folder_files(path) {
                Ok(files) if files.is_empty() => {
                    errors.push(LoadError::EmptyFolder { path: path.clone() })
                }
                Ok(files) => {
                    for file in files {
                        match read_document(&file) {
                            Ok(d) => documents.push(d),
                            Err(e) => errors.push(e),
                        }
                    }
                }
                Err(source) => errors.push(LoadError::Io {
                    path: path.clone(),
                    source,
                }),
            }
        } else {
            match read_document(path) {
                Ok(d) => documents.push(d),
                Err(e) => errors.push(e),
            }
        }
    }
    (documents, errors)
}

fn folder_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            files.extend(folder_files(&path)?);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_reported_and_good_ones_still_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("a.txt");
        std::fs::write(&good, "Almaty und Bischkek.").expect("write");
        let binary = dir.path().join("b.txt");
        std::fs::write(&binary, b"\x00\x01\x02").expect("write");
        let latin1 = dir.path().join("c.txt");
        std::fs::write(&latin1, b"Die Stra\xdfe nach Bischkek").expect("write");
        let missing = dir.path().join("missing.txt");
        let (docs, errors) = read_paths(&[good, binary, latin1, missing]);
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[1].text, "Die Straße nach Bischkek",
            "Windows-1252 is decoded"
        );
        assert_eq!(errors.len(), 2);
        assert!(matches!(errors[0], LoadError::Binary { .. }));
        assert!(errors[1].to_string().contains("missing.txt"));
    }

    #[test]
    fn utf16_and_windows_1251_are_decoded() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Бишкек".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Some("Бишкек"));
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Пункт пропуска Карасу");
        assert_eq!(decode(&cp1251).as_deref(), Some("Пункт пропуска Карасу"));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00"), None);
    }
}
