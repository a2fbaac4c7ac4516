//! The seed corpus: the documents of `seeds/`, compiled into the binary.
//!
//! Border Atlas must work out of the box and from any directory, so the five seed articles
//! are embedded with `include_str!` and serve as the default corpus. They are kept byte for
//! byte as they were published (German machine translation included): a test checks that
//! the embedded texts equal the files on disk.

/// One embedded document: its file name under `seeds/` and its full text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedDocument {
    /// File name as in `seeds/`, for example `000_ee3dff980a5b5654.txt`.
    pub file_name: &'static str,
    /// The document's text, exactly as in the file.
    pub text: &'static str,
}

macro_rules! seed {
    ($name:literal) => {
        SeedDocument {
            file_name: $name,
            text: include_str!(concat!("../seeds/", $name)),
        }
    };
}

/// The built-in corpus, in file-name order.
pub const SEED_DOCUMENTS: &[SeedDocument] = &[
    seed!("000_ee3dff980a5b5654.txt"),
    seed!("001_3bfb66f395b65f37.txt"),
    seed!("002_5db7bb8c843074bd.txt"),
    seed!("003_580ecc744d4cb9a6.txt"),
    seed!("004_b86073aea52a80e9.txt"),
];

/// The seed documents one after the other, repeated until the text holds at least
/// `min_bytes` (for benchmarks of large inputs).
pub fn repeated_text(min_bytes: usize) -> String {
    let mut text = String::with_capacity(min_bytes + 40_000);
    while text.len() < min_bytes {
        for d in SEED_DOCUMENTS {
            text.push_str(d.text);
            text.push_str("\n\n");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seeds_equal_the_files_in_seeds_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("seeds/ is readable")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = SEED_DOCUMENTS.iter().map(|d| d.file_name).collect();
        assert_eq!(
            on_disk, embedded,
            "every file in seeds/ is embedded, and only those"
        );
        for doc in SEED_DOCUMENTS {
            let text = std::fs::read_to_string(dir.join(doc.file_name)).expect("seed readable");
            assert_eq!(text, doc.text, "{} is embedded unchanged", doc.file_name);
        }
    }
}
