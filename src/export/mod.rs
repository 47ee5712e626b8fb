//! Writing stored articles out of newsidx: as NDJSON or CSV for people and scripts, and
//! as the files other search engines load (Elasticsearch and OpenSearch bulk bodies,
//! Quickwit documents, Sphinx xmlpipe2 shards with their configurations).
//!
//! Each format is a [`Writer`] taking the articles one at a time, in the order
//! [`crate::search::export`] finds them, and finishing with the files it wrote. Formats
//! that write into a folder split their documents over numbered files
//! ([`files::Numbered`]) and add a `LOAD.md` with the commands that load them.

pub mod csv;
pub mod elasticsearch;
mod files;
pub mod ndjson;
pub mod quickwit;
pub mod sphinx;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::search::Stored;

/// A format that articles are written in.
pub trait Writer {
    /// Write one article.
    fn write(&mut self, stored: &Stored) -> Result<()>;
    /// Flush everything and close the files; returns the files written (none for a
    /// stream).
    fn finish(self: Box<Self>) -> Result<Vec<PathBuf>>;
}

/// An I/O error on an export file, naming it.
pub(crate) fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        context: format!("cannot write {}", path.display()),
        source,
    }
}

/// Create the output folder of a folder format; refuse one that already holds files, so
/// that an export never mixes with an older one.
pub fn create_folder(dir: &Path) -> Result<()> {
    let nonempty = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if nonempty {
        return Err(Error::FolderNotEmpty(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))
}

/// Write a whole small file (a mapping, a configuration, `LOAD.md`).
pub(crate) fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| io_error(path, e))
}
