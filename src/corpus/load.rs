//! Reading documents from disk: text files only, with a clear reason for every file that
//! cannot be read.

use crate::progress::{Cancelled, Progress};
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
    /// Not a regular file: a FIFO, a device or a socket is never opened.
    #[error("{path}: not read: it is a {kind}, not a file")]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        kind: &'static str,
    },
}

/// Reads one file as a document: at most [`MAX_DOCUMENT_BYTES`], whatever its metadata
/// says, and only a regular file.
pub fn read_document(path: &Path) -> Result<Document, LoadError> {
    use crate::fileio::{ReadError, read_bounded};
    let bytes = read_bounded(path, MAX_DOCUMENT_BYTES).map_err(|e| match e {
        ReadError::Io(source) => LoadError::Io {
            path: path.to_owned(),
            source,
        },
        ReadError::NotRegular(kind) => LoadError::NotRegular {
            path: path.to_owned(),
            kind,
        },
        ReadError::TooLarge(_) => LoadError::TooLarge {
            path: path.to_owned(),
            size: std::fs::metadata(path).map_or(MAX_DOCUMENT_BYTES + 1, |m| m.len()),
        },
    })?;
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
        let encoding = utf16_without_bom(bytes)?;
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return (!had_errors && !looks_binary(&text)).then(|| text.into_owned());
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

/// UTF-16 without a byte-order mark, told by its high bytes: in Latin or Cyrillic text
/// the high byte of nearly every character is 0x00 (Latin) or 0x04 (Cyrillic), and the low
/// byte is almost never zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let at = |offset: usize| sample.iter().skip(offset).step_by(2);
    let high = |offset: usize| at(offset).filter(|&&b| b == 0 || b == 4).count();
    let zeros = |offset: usize| at(offset).filter(|&&b| b == 0).count();
    let looks_like = |high_at: usize, low_at: usize| {
        high(high_at) * 10 >= pairs * 8 && zeros(low_at) * 20 <= pairs && zeros(high_at) > 0
    };
    if looks_like(1, 0) {
        Some(encoding_rs::UTF_16LE)
    } else if looks_like(0, 1) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    controls * 100 > text.chars().count().max(1)
}

/// Reads files and folders; returns the documents read and the errors met, in order.
/// Folders are walked with their subfolders; symbolic links are followed, but a link that
/// loops back is reported and each file is read once however many ways lead to it.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<Document>, Vec<LoadError>) {
    // Nobody holds this progress to cancel it.
    read_paths_watched(paths, &Progress::new()).unwrap_or_default()
}

/// A file to read, or a problem met while walking, in the order met.
enum Step {
    Read(PathBuf),
    Failed(LoadError),
}

/// [`read_paths`], counting one step per file on `progress` (the files are listed first, so
/// the total is known) and stopping when it is cancelled.
pub fn read_paths_watched(
    paths: &[PathBuf],
    progress: &Progress,
) -> Result<(Vec<Document>, Vec<LoadError>), Cancelled> {
    let mut steps = Vec::new();
    let mut seen = SeenFiles::default();
    for path in paths {
        if path.is_dir() {
            let (files, walk_errors) = folder_files(path);
            if files.is_empty() && walk_errors.is_empty() {
                steps.push(Step::Failed(LoadError::EmptyFolder { path: path.clone() }));
            }
            steps.extend(walk_errors.into_iter().map(Step::Failed));
            steps.extend(
                files
                    .into_iter()
                    .filter(|f| seen.first_time(f))
                    .map(Step::Read),
            );
        } else if seen.first_time(path) {
            steps.push(Step::Read(path.clone()));
        }
    }
    progress.add_total(steps.iter().filter(|s| matches!(s, Step::Read(_))).count());
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for step in steps {
        match step {
            Step::Failed(e) => errors.push(e),
            Step::Read(file) => {
                if progress.is_cancelled() {
                    return Err(Cancelled);
                }
                match read_document(&file) {
                    Ok(d) => documents.push(d),
                    Err(e) => errors.push(e),
                }
                progress.advance();
            }
        }
    }
    Ok((documents, errors))
}

/// Files already read, by device and inode where the system has them.
#[derive(Default)]
struct SeenFiles(std::collections::HashSet<(u64, u64)>);

impl SeenFiles {
    fn first_time(&mut self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            match std::fs::metadata(path) {
                Ok(m) => self.0.insert((m.dev(), m.ino())),
                Err(_) => true,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            true
        }
    }
}

/// The `.txt` and `.md` files under `dir` (hidden ones left out), sorted by path, and the
/// errors of the walk (unreadable folders, links that loop).
fn folder_files(dir: &Path) -> (Vec<PathBuf>, Vec<LoadError>) {
    /// Folders deeper than this are not walked.
    const MAX_DEPTH: usize = 16;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(e) => {
                let path = e.path();
                let text_file = path
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("md"));
                if text_file && !e.file_type().is_dir() {
                    files.push(path.to_owned());
                }
            }
            Err(e) => {
                let path = e.path().map_or_else(|| dir.to_owned(), Path::to_owned);
                let source = std::io::Error::other(if e.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it; it is not followed".to_owned()
                } else {
                    e.to_string()
                });
                errors.push(LoadError::Io { path, source });
            }
        }
    }
    files.sort();
    (files, errors)
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
        let le: Vec<u8> = "Пункт пропуска Кеген открыт"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&le).as_deref(),
            Some("Пункт пропуска Кеген открыт"),
            "UTF-16LE without a BOM"
        );
        let be: Vec<u8> = "Grenzübergang Korday"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&be).as_deref(),
            Some("Grenzübergang Korday"),
            "UTF-16BE without a BOM"
        );
    }
}
