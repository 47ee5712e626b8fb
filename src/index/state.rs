//! What the index holds, per source file: size, modification time and content hash when
//! it was indexed. Stored in the documents themselves (fast fields), so the state always
//! matches the last commit, whatever happened since.

use rustc_hash::FxHashMap;
use tantivy::DocId;

use super::NewsIndex;
use crate::error::{EngineContext, IoContext, Result};

/// A source file as it was when indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// Content hash (first 8 bytes of BLAKE3).
    pub hash: u64,
}

impl FileState {
    /// The state of a file from its metadata and bytes.
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> FileState {
        FileState {
            size: meta.len(),
            mtime: mtime_ns(meta),
            hash: content_hash(bytes),
        }
    }
}

/// Modification time in nanoseconds since the Unix epoch (0 when unknown).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// The first 8 bytes of the BLAKE3 hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let hash = blake3::hash(bytes);
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// A source file as the index records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub state: FileState,
    /// Live documents read from it.
    pub documents: u64,
}

/// The state and document count of every source file in the index's last commit.
pub fn load(index: &NewsIndex) -> Result<FxHashMap<String, Recorded>> {
    let searcher = index.reader()?.searcher();
    let context = || format!("cannot read the file table of {}", index.dir.display());
    let mut files: FxHashMap<String, Recorded> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(file) = fast.str("file").engine(context)? else {
            continue;
        };
        let size = fast.u64("file_size").engine(context)?;
        let mtime = fast.i64("file_mtime").engine(context)?;
        let hash = fast.u64("file_hash").engine(context)?;
        // Names are read in one pass over the dictionary, in its order: looking each
        // up by itself would decompress a dictionary block per document.
        let mut by_ord: Vec<(u64, DocId)> = segment
            .doc_ids_alive()
            .filter_map(|doc| file.term_ords(doc).next().map(|ord| (ord, doc)))
            .collect();
        by_ord.sort_unstable();
        let mut counts: FxHashMap<u64, u64> = FxHashMap::default();
        for (ord, _) in &by_ord {
            *counts.entry(*ord).or_default() += 1;
        }
        by_ord.dedup_by_key(|(ord, _)| *ord);
        let mut names = file
            .dictionary()
            .stream()
            .map_err(tantivy::TantivyError::from)
            .engine(context)?;
        let mut wanted = by_ord.into_iter().peekable();
        while let Some(&(ord, doc)) = wanted.peek() {
            if !names.advance() {
                break;
            }
            if names.term_ord() != ord {
                continue;
            }
            wanted.next();
            let Ok(name) = std::str::from_utf8(names.key()) else {
                continue;
            };
            let documents = counts.get(&ord).copied().unwrap_or(0);
            // A file's documents may lie in several segments.
            if let Some(known) = files.get_mut(name) {
                known.documents += documents;
                continue;
            }
            files.insert(
                name.to_string(),
                Recorded {
                    state: FileState {
                        size: size.first(doc).unwrap_or(0),
                        mtime: mtime.first(doc).unwrap_or(0),
                        hash: hash.first(doc).unwrap_or(0),
                    },
                    documents,
                },
            );
        }
    }
    Ok(files)
}

/// The number of live documents of every source file in the last commit of `index`,
/// whatever its schema version, as long as it records source files: what a rebuild is
/// compared with. Empty when it does not.
pub fn documents_per_file(index: &tantivy::Index) -> Result<FxHashMap<String, u64>> {
    let context = || "cannot read the file table of the index being replaced".to_string();
    let reader = index.reader().engine(context)?;
    let searcher = reader.searcher();
    let mut files: FxHashMap<String, u64> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let Ok(Some(file)) = segment.fast_fields().str("file") else {
            continue;
        };
        let mut counts: FxHashMap<u64, u64> = FxHashMap::default();
        for doc in segment.doc_ids_alive() {
            if let Some(ord) = file.term_ords(doc).next() {
                *counts.entry(ord).or_default() += 1;
            }
        }
        let mut name = String::new();
        for (ord, n) in counts {
            name.clear();
            if file.ord_to_str(ord, &mut name).io(context)? {
                *files.entry(name.clone()).or_default() += n;
            }
        }
    }
    Ok(files)
}
