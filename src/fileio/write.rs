//! Atomic writes that harm nothing: the content goes to a temporary file beside the target
//! (created in one step, so no other process can take its name), is synced, and is renamed
//! over the target; the folder is synced too.
//!
//! Only a regular file is ever replaced: a symbolic link (even a dangling one), a folder,
//! a FIFO, a device or a socket at the target is refused, with or without permission to
//! overwrite, and is still there afterwards. A new file is created without replacing
//! anything that appeared meanwhile. Files holding the user's documents (projects, the
//! session) are private to the user; exports follow the umask. A temporary file left by a
//! write that was killed is removed by the next write to the same folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::read::kind_of;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and overwriting was not allowed.
    #[error("{0} already exists (use --force to overwrite it)")]
    Exists(PathBuf),
    /// The target is not a regular file; it is never replaced.
    #[error("{path} is a {kind}, not a regular file: it is left as it is")]
    NotRegular {
        /// The target.
        path: PathBuf,
        /// What it is.
        kind: &'static str,
    },
    /// Writing failed; the previous file, if any, is untouched.
    #[error("could not write {path}: {source}")]
    Io {
        /// The target.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Who may read what is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone the umask allows (exports, pictures). A replaced file keeps its permissions.
    Shared,
    /// The user alone (0600): projects and the session hold the user's documents.
    Private,
}

/// Writes `bytes` to `path` atomically, as a shared file. With `overwrite` false an
/// existing target is left alone and an error returned.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_atomically_with(path, overwrite, Access::Shared, |file| {
        file.write_all(bytes)
    })
}

/// Writes `bytes` to `path` atomically, readable by the user alone.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_atomically_with(path, overwrite, Access::Private, |file| {
        file.write_all(bytes)
    })
}

/// The start of every temporary file's name, so that a killed write's leftovers can be
/// told from the user's files.
const TEMP_PREFIX: &str = ".border-atlas-";
const TEMP_SUFFIX: &str = ".tmp";

/// Like [`write_atomically`], with `fill` writing the content. If `fill` fails (a full disk,
/// or anything that interrupts it) the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    overwrite: bool,
    access: Access,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    // What is there now, without following a symbolic link.
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    if let Some(meta) = &existing {
        if !meta.file_type().is_file() {
            return Err(WriteError::NotRegular {
                path: path.to_owned(),
                kind: kind_of(meta.file_type()),
            });
        }
        if !overwrite {
            return Err(WriteError::Exists(path.to_owned()));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(io)?;
    fill(tmp.as_file_mut()).map_err(io)?;
    set_permissions(tmp.as_file(), access, existing.as_ref()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match existing {
        // Replacing a regular file: rename is atomic and never follows a link.
        Some(_) => tmp.persist(path).map(drop).map_err(|e| io(e.error))?,
        // A new file: linked in only if nothing took the name meanwhile.
        None => tmp.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.to_owned())
            } else {
                io(e.error)
            }
        })?,
    }
    sync_folder(&dir);
    Ok(())
}

/// Private files are 0600; shared ones keep the permissions of the file they replace, or
/// get those the umask gives a new file.
fn set_permissions(
    file: &std::fs::File,
    access: Access,
    replaced: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = match (access, replaced) {
            (Access::Private, _) => 0o600,
            (Access::Shared, Some(meta)) => meta.permissions().mode() & 0o7777,
            (Access::Shared, None) => 0o666 & !umask(),
        };
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, access, replaced);
    Ok(())
}

/// The process's umask, as `/proc/self/status` tells it (Linux); 022 where it cannot be
/// read.
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Syncs a folder, so a rename in it survives a crash. Best effort: not every file system
/// can.
fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files that writes killed before they finished left in `dir`: ours
/// by name, and of a process that no longer runs.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .filter(|n| n.ends_with(TEMP_SUFFIX))
        else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && pid.is_some_and(|p| !process_runs(p)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs (Linux: it has an entry in `/proc`). Where that
/// cannot be told, it is assumed to run, so nothing of another process is removed.
fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn exports_follow_the_umask_private_files_are_the_users_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("dir");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let export = dir.path().join("out.geojson");
        write_atomically(&export, b"one", false).expect("write");
        assert_eq!(mode(&export), 0o666 & !umask());
        std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&export, b"two", true).expect("write");
        assert_eq!(mode(&export), 0o640);
        let project = dir.path().join("work.batlas");
        write_private(&project, b"{}", false).expect("write");
        assert_eq!(mode(&project), 0o600);
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

    #[cfg(unix)]
    #[test]
    fn links_and_folders_are_never_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("real.txt");
        std::fs::write(&target, b"keep").expect("write");
        let link = dir.path().join("link.geojson");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let dangling = dir.path().join("dangling.geojson");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("symlink");
        for (path, force) in [(&link, true), (&dangling, false), (&dangling, true)] {
            let err = write_atomically(path, b"x", force).expect_err("refused");
            assert!(matches!(err, WriteError::NotRegular { .. }), "{err}");
            assert!(
                std::fs::symlink_metadata(path)
                    .expect("still there")
                    .file_type()
                    .is_symlink()
            );
        }
        assert_eq!(std::fs::read(&target).expect("read"), b"keep");
        let err = write_atomically(dir.path(), b"x", true).expect_err("a folder");
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn a_killed_writes_leftover_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().expect("dir");
        // A process id that does not run: beyond the largest Linux allows.
        let stale = dir
            .path()
            .join(format!("{TEMP_PREFIX}4194305-abc{TEMP_SUFFIX}"));
        std::fs::write(&stale, b"half").expect("write");
        let other = dir.path().join(".border-atlas-notes.txt");
        std::fs::write(&other, b"mine").expect("write");
        write_atomically(&dir.path().join("out.geojson"), b"x", false).expect("write");
        assert!(!stale.exists(), "the leftover is gone");
        assert!(other.exists(), "files that are not temporaries stay");
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
