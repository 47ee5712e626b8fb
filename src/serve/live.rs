//! The live generation of the index, as the server sees it from request to request.
//!
//! The CLI opens the index once per command; the server stays up while other processes
//! write. Two kinds of change reach it without a restart:
//!
//! - a commit to the live generation (`newsidx index`): each generation's reader reloads
//!   on tantivy's own watch of its `meta.json` ([`ReloadPolicy::OnCommitWithDelay`]);
//! - a new generation (`newsidx reindex` publishing a rebuilt index): every request reads
//!   the manifest, and a generation other than the one open is opened and swapped in.
//!
//! A request holds its generation (an [`Arc`]) and one searcher of it until it answers,
//! so a swap never changes an answer half-way. What depends on a commit alone (the
//! entity table, the timeline's totals: see [`crate::search::memo`]) is kept per
//! generation for its last commit, and starts afresh with each commit and generation. The previous generation's files stay on
//! disk until the one after next is published, and open files stay readable after
//! removal, so requests in flight never fail. A new generation that cannot be opened
//! (half-written, another schema version) leaves the open one serving.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::{IndexReader, ReloadPolicy};

use crate::error::{EngineContext, Result};
use crate::index::manifest::Manifest;
use crate::index::NewsIndex;
use crate::search::{Memo, Snapshot};

/// One open generation of the index with its self-reloading reader.
pub struct Generation {
    /// Name of the generation directory (`gen-3`).
    pub name: String,
    pub index: NewsIndex,
    reader: IndexReader,
    /// The memo of the last commit a request saw, with the reader's number for it.
    memo: Mutex<(u64, Arc<Memo>)>,
}

impl Generation {
    /// Open the live generation of the index in `dir`.
    fn open(dir: &Path) -> Result<Generation> {
        let index = NewsIndex::open(dir)?;
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .engine(|| format!("cannot read index {}", dir.display()))?;
        let name = index
            .files
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let memo = Mutex::new((
            reader.searcher().generation().generation_id(),
            Arc::default(),
        ));
        Ok(Generation {
            name,
            index,
            reader,
            memo,
        })
    }

    /// The last commit this generation's reader has loaded, with what the requests of
    /// that commit share.
    pub fn snapshot(&self) -> Snapshot<'_> {
        let searcher = self.reader.searcher();
        // Each reload of the reader numbers its searchers anew, one higher.
        let seen = searcher.generation().generation_id();
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let memo = match seen.cmp(&memo.0) {
            std::cmp::Ordering::Equal => Arc::clone(&memo.1),
            std::cmp::Ordering::Greater => {
                *memo = (seen, Arc::default());
                Arc::clone(&memo.1)
            }
            // A searcher taken just before a reload, answered after a later one: its
            // own, unshared memo.
            std::cmp::Ordering::Less => Arc::default(),
        };
        Snapshot {
            index: &self.index,
            searcher,
            memo,
        }
    }
}

/// The index directory and the generation open for it.
pub struct Live {
    dir: PathBuf,
    /// The open generation; locked while a new one is opened, so that it opens once.
    current: Mutex<Arc<Generation>>,
    /// The generation that last failed to open, reported once.
    refused: Mutex<Option<String>>,
}

impl Live {
    /// Open the live generation of the index in `dir`; fails when there is no usable
    /// index.
    pub fn open(dir: &Path) -> Result<Live> {
        Ok(Live {
            dir: dir.to_path_buf(),
            current: Mutex::new(Arc::new(Generation::open(dir)?)),
            refused: Mutex::new(None),
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The generation the manifest names now, opened if it is new; the open one when
    /// the manifest cannot be read or the new generation cannot be opened.
    pub fn current(&self) -> Arc<Generation> {
        let named = Manifest::read(&self.dir)
            .ok()
            .flatten()
            .map(|m| m.generation);
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let Some(named) = named.filter(|n| *n != current.name) else {
            return Arc::clone(&current);
        };
        match Generation::open(&self.dir) {
            Ok(generation) => {
                *current = Arc::new(generation);
            }
            Err(err) => {
                let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
                if refused.as_deref() != Some(named.as_str()) {
                    let reason = format!("cannot open {named}: {err}");
                    eprintln!(
                        "newsidx serve: still serving {}: {}",
                        current.name,
                        crate::controls::line(&reason)
                    );
                    *refused = Some(named);
                }
            }
        }
        Arc::clone(&current)
    }
}
