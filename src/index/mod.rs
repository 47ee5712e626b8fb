//! The tantivy index on disk: where it lives, opening and creating it, and writing
//! articles into it.
//!
//! An index directory holds a manifest ([`manifest::Manifest`]) and one generation
//! sub-directory with the tantivy files. Readers never take the writer lock.

pub mod manifest;
pub mod schema;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{EngineContext, Error, IoContext, Result};
use manifest::Manifest;
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::Writer;

/// Environment variable naming the index directory.
pub const INDEX_ENV: &str = "NEWSIDX_INDEX";

/// The default index directory: `$XDG_DATA_HOME/newsidx/index`, else
/// `~/.local/share/newsidx/index`, else `.newsidx` in the working directory.
pub fn default_dir() -> PathBuf {
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(data).join("newsidx").join("index");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home).join(".local/share/newsidx/index");
    }
    PathBuf::from(".newsidx")
}

/// The stable id of a document: a hash of its absolute locator (`path` or `path#N`).
pub fn doc_id(locator: &str) -> String {
    let hash = blake3::hash(locator.as_bytes());
    hash.to_hex()[..16].to_string()
}

/// An open index.
pub struct NewsIndex {
    /// The index directory (holding the manifest).
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl NewsIndex {
    /// Open the index in `dir`; fails if there is none or its schema is another version.
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        let manifest =
            Manifest::read(dir)?.ok_or_else(|| Error::MissingIndex(dir.to_path_buf()))?;
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                path: dir.to_path_buf(),
                found: manifest.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        let live = manifest.live_dir(dir);
        let index = Index::open_in_dir(&live).map_err(|err| Error::Corrupt {
            path: dir.to_path_buf(),
            reason: err.to_string(),
        })?;
        let fields = Fields::from_schema(&index.schema()).map_err(|err| Error::Corrupt {
            path: dir.to_path_buf(),
            reason: err.to_string(),
        })?;
        schema::register_analyzers(&index);
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
        })
    }

    /// Open the index in `dir`, creating an empty one if there is none.
    pub fn open_or_create(dir: &Path) -> Result<NewsIndex> {
        if Manifest::read(dir)?.is_some() {
            return NewsIndex::open(dir);
        }
        let generation = "gen-1".to_string();
        let live = dir.join(&generation);
        std::fs::create_dir_all(&live)
            .io(|| format!("cannot create index directory {}", live.display()))?;
        let (schema, fields) = Fields::build();
        // A crash between creating the files and writing the manifest leaves a
        // half-made generation: start it afresh.
        let index = match Index::open_in_dir(&live) {
            Ok(index) => index,
            Err(_) => Index::create_in_dir(&live, schema)
                .engine(|| format!("cannot create index in {}", live.display()))?,
        };
        schema::register_analyzers(&index);
        Manifest {
            schema_version: SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generation,
        }
        .write(dir)?;
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
        })
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .engine(|| format!("cannot read index {}", self.dir.display()))
    }

    /// The single writer of this index. Fails with [`Error::Locked`] when another
    /// process is writing.
    pub fn writer(&self, memory_bytes: usize) -> Result<Writer> {
        Writer::new(self, memory_bytes)
    }

    /// Bytes used by the index directory.
    pub fn size_on_disk(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}
