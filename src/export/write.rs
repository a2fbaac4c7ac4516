//! Atomic file writes: a temporary file beside the target, synced, then renamed over it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and overwriting was not allowed.
    #[error("{0} already exists (use --force to overwrite it)")]
    Exists(PathBuf),
    /// Writing failed; the previous file, if any, is untouched.
    #[error("could not write {path}: {source}")]
    Io {
        /// The target.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// synced to disk and renamed over `path`. With `overwrite` false an existing file is left
/// alone and an error returned.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_atomically_with(path, overwrite, |file| file.write_all(bytes))
}

/// Like [`write_atomically`], with `fill` writing the content. If `fill` fails (a full disk,
/// or anything that interrupts it) the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    if !overwrite && path.exists() {
        return Err(WriteError::Exists(path.to_owned()));
    }
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".border-atlas-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    fill(tmp.as_file_mut()).map_err(io)?;
    // The temporary file is private (0600); the result gets the permissions of the file it
    // replaces, or those of an ordinary new file, so exports can be shared as usual.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        tmp.as_file().set_permissions(permissions).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_ones_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.geojson");
        write_atomically(&path, b"one", false).expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomically(&path, b"two", true).expect("write");
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn writes_replace_only_when_allowed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.geojson");
        write_atomically(&path, b"one", false).expect("first write");
        assert!(matches!(
            write_atomically(&path, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read"), b"one");
        write_atomically(&path, b"two", true).expect("overwrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("no/such/folder/out.geojson");
        assert!(matches!(
            write_atomically(&path, b"x", false),
            Err(WriteError::Io { .. })
        ));
    }
}
