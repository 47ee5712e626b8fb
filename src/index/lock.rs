//! The writer lock of an index directory: one process writes at a time (`index` or
//! `reindex`); a second one is told so instead of waiting or failing obscurely.
//!
//! The lock is an advisory lock on `newsidx.lock`, held while the file is open; the
//! operating system releases it when the process ends, even by `kill -9`, so a crash
//! never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{Error, IoContext, Result};

/// File name of the lock inside the index directory.
pub const LOCK_FILE: &str = "newsidx.lock";

/// Proof that this process is the index's only writer; released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Take the lock of index directory `dir` (created if missing), or fail with
    /// [`Error::Locked`] when another process holds it.
    pub fn acquire(dir: &Path) -> Result<WriteLock> {
        std::fs::create_dir_all(dir)
            .io(|| format!("cannot create index directory {}", dir.display()))?;
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .io(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::Locked(dir.to_path_buf())),
            Err(TryLockError::Error(err)) => {
                Err(err).io(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            WriteLock::acquire(dir.path()),
            Err(Error::Locked(_))
        ));
        drop(first);
        assert!(WriteLock::acquire(dir.path()).is_ok());
    }
}
