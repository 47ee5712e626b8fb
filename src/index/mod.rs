//! The tantivy index on disk: where it lives, opening and creating it, and writing
//! articles into it.
//!
//! An index directory holds a manifest ([`manifest::Manifest`]), a lock file that one
//! writing process holds ([`lock`]), and generation sub-directories with the tantivy
//! files: the live one named by the manifest and, after a rebuild, the one before it.
//! Readers never take a lock.

pub mod bands;
pub mod groups;
pub mod guard;
pub mod lock;
pub mod manifest;
mod prose;
pub mod schema;
pub mod state;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{EngineContext, Error, IoContext, Result};
pub use lock::WriteLock;
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
    /// The live generation's directory: the tantivy files and the duplicate-band runs.
    pub files: PathBuf,
}

fn corrupt(dir: &Path, err: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        path: dir.to_path_buf(),
        reason: err.to_string(),
    }
}

impl NewsIndex {
    /// Open the live index in `dir`; fails if there is none or its schema is another
    /// version.
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        // A rebuild may switch generations between reading the manifest and opening the
        // files: read the manifest again once.
        match Self::open_live(dir) {
            Err(Error::Corrupt { .. }) => Self::open_live(dir),
            other => other,
        }
    }

    fn open_live(dir: &Path) -> Result<NewsIndex> {
        let manifest =
            Manifest::read(dir)?.ok_or_else(|| Error::MissingIndex(dir.to_path_buf()))?;
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                path: dir.to_path_buf(),
                found: manifest.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        Self::open_generation(dir, &manifest.generation)
    }

    fn open_generation(dir: &Path, generation: &str) -> Result<NewsIndex> {
        let files = dir.join(generation);
        let index = Index::open_in_dir(&files).map_err(|e| corrupt(dir, e))?;
        let fields = Fields::from_schema(&index.schema()).map_err(|e| corrupt(dir, e))?;
        schema::register_analyzers(&index);
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            files,
        })
    }

    /// Open the index in `dir` for writing, creating an empty one if there is none.
    /// The caller holds the [`WriteLock`].
    pub fn open_or_create(dir: &Path, _lock: &WriteLock) -> Result<NewsIndex> {
        if Manifest::read(dir)?.is_some() {
            return NewsIndex::open(dir);
        }
        let index = Self::create_generation(dir, "gen-1")?;
        Manifest {
            schema_version: SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            generation: "gen-1".into(),
            roots: Vec::new(),
        }
        .write(dir)?;
        Ok(index)
    }

    /// Create an empty index in generation directory `generation` of `dir`, replacing
    /// whatever an interrupted run left there. Not live until [`publish`]ed.
    pub fn create_generation(dir: &Path, generation: &str) -> Result<NewsIndex> {
        let live = dir.join(generation);
        if live.exists() {
            std::fs::remove_dir_all(&live).io(|| format!("cannot clear {}", live.display()))?;
        }
        std::fs::create_dir_all(&live)
            .io(|| format!("cannot create index directory {}", live.display()))?;
        let (schema, fields) = Fields::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(&live)
            .engine(|| format!("cannot create index in {}", live.display()))?;
        schema::register_analyzers(&index);
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            files: live,
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

    /// The single writer of this index.
    pub fn writer(&self, memory_bytes: usize, _lock: &WriteLock) -> Result<Writer> {
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

/// Make generation `generation` of `dir` the live index, atomically, recording the
/// source roots; then remove generations older than the one it replaces (that one is
/// kept, so a search that read the old manifest a moment ago still finds its files).
pub fn publish(dir: &Path, generation: &str, roots: Vec<String>, _lock: &WriteLock) -> Result<()> {
    let previous = Manifest::read(dir).ok().flatten().map(|m| m.generation);
    Manifest {
        schema_version: SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        generation: generation.to_string(),
        roots,
    }
    .write(dir)?;
    let keep = [Some(generation.to_string()), previous];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("gen-") && !keep.iter().flatten().any(|k| *k == name) {
                // Best effort: a leftover generation only costs disk space.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(())
}

/// The name of the generation after `current` ("gen-1" -> "gen-2").
pub fn next_generation(current: &str) -> String {
    let n: u64 = current
        .strip_prefix("gen-")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    format!("gen-{}", n + 1)
}
