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
    /// The file is not valid UTF-8 text.
    #[error("{path}: not UTF-8 text (byte {offset} is not valid UTF-8)")]
    Encoding {
        /// The path.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
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
    if bytes.contains(&0) {
        return Err(LoadError::Binary {
            path: path.to_owned(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::Encoding {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Document::new(name, text))
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
        std::fs::write(&latin1, b"Stra\xdfe").expect("write");
        let missing = dir.path().join("missing.txt");
        let (docs, errors) = read_paths(&[good, binary, latin1, missing]);
        assert_eq!(docs.len(), 1);
        assert_eq!(errors.len(), 3);
        assert!(matches!(errors[0], LoadError::Binary { .. }));
        assert!(matches!(errors[1], LoadError::Encoding { offset: 4, .. }));
        assert!(errors[2].to_string().contains("missing.txt"));
    }
}
