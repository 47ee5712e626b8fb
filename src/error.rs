//! Typed errors of the library. Each carries the path, index or query it concerns, so
//! that the binary can print one readable line and choose the exit code.
//!
//! An error that wraps another says only what failed; the wrapped error is its
//! `source()`, which the binary prints after it (`{:#}`), so no cause is printed twice.

use std::path::PathBuf;

/// Everything that can go wrong inside the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// There is no index where one was expected.
    #[error("no index at {0} (create one with `newsidx index PATH...`)")]
    MissingIndex(PathBuf),
    /// The index was written with another schema version.
    #[error(
        "index at {path} was written with schema version {found}, this newsidx uses version {expected}: \
         run `newsidx reindex` to rebuild it from its source folders"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    /// `reindex` was asked to rebuild an index that records no source folders.
    #[error("index at {0} records no source folders: name them, as in `newsidx reindex PATH...`")]
    NoRoots(PathBuf),
    /// Another process holds the writer lock.
    #[error(
        "index {0} is being updated by another newsidx process; try again when it has finished"
    )]
    Locked(PathBuf),
    /// A query could not be parsed.
    #[error("invalid query {query:?}: {reason}")]
    Query { query: String, reason: String },
    /// A page of results larger, or further in, than a search allows.
    #[error("{what} {value} is too large: at most {max}")]
    TooLarge {
        what: &'static str,
        value: usize,
        max: usize,
    },
    /// The index files or the manifest beside them are damaged.
    #[error("index at {path} is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    /// An error from the search engine, with what we were doing at the time.
    #[error("{context}")]
    Engine {
        context: String,
        #[source]
        source: tantivy::TantivyError,
    },
    /// An export folder that already holds files.
    #[error("{0} is not empty: export into a new or empty folder")]
    FolderNotEmpty(PathBuf),
    /// An export setting the target engine cannot take (an index name, a port range,
    /// a folder path).
    #[error("{setting} {value} {reason}")]
    ExportSetting {
        setting: &'static str,
        value: String,
        reason: String,
    },
    /// An I/O error on the index directory.
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attach a context sentence to a tantivy error.
pub(crate) trait EngineContext<T> {
    fn engine(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> EngineContext<T> for tantivy::Result<T> {
    fn engine(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Engine {
            context: context(),
            source,
        })
    }
}

/// Attach a context sentence to an I/O error.
pub(crate) trait IoContext<T> {
    fn io(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn io(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Io {
            context: context(),
            source,
        })
    }
}
