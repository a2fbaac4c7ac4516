//! Bounded reading: at most a limit (plus one byte, to know it was exceeded) from a regular
//! file, whatever its metadata claims; FIFOs, devices, sockets and folders are refused
//! before they are opened, so reading never blocks or runs forever (`/dev/zero`, a FIFO
//! named `news.txt`).

use std::io::Read as _;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Opening or reading failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Not a regular file.
    #[error("not a regular file (it is a {0}); only files are read")]
    NotRegular(&'static str),
    /// Longer than the limit.
    #[error("larger than {0} bytes")]
    TooLarge(u64),
}

/// What kind of file system object something is, in words.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "folder"
    } else if file_type.is_symlink() {
        "symbolic link"
    } else if file_type.is_file() {
        "file"
    } else {
        "special file"
    }
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let file = open_without_blocking(path)?;
    // The path may have changed between the check and the open: check what was opened.
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(opened.file_type())));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize + 1);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 1000]).expect("write");
        assert!(matches!(
            read_bounded(&path, 999),
            Err(ReadError::TooLarge(999))
        ));
        assert_eq!(read_bounded(&path, 1000).expect("read").len(), 1000);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_read() {
        let err = read_bounded(Path::new("/dev/zero"), 10).expect_err("a device");
        assert!(err.to_string().contains("device"), "{err}");
        let dir = tempfile::tempdir().expect("dir");
        let err = read_bounded(dir.path(), 10).expect_err("a folder");
        assert!(err.to_string().contains("folder"), "{err}");
    }
}
