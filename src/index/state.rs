//! What the index holds, per source file: size, modification time and content hash when
//! it was indexed. Stored in the documents themselves (fast fields), so the state always
//! matches the last commit, whatever happened since.
//!
//! A file that grew since it was indexed keeps the documents of its old articles, with
//! the old state: the file's state is that of its documents with the largest size. A
//! big file committed in part is listed with how far it got ([`Progress`]) in the
//! commit's payload, which tantivy writes atomically with the commit.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::DocId;

use super::NewsIndex;
use crate::error::{EngineContext, IoContext, Result};
use crate::readers::Mark;

/// A source file as it was when indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// The content hash of a file read as a stream, and that of its first `prefix` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hashes {
    pub size: u64,
    pub hash: u64,
    pub prefix: Option<Prefix>,
}

/// The first bytes of a file, up to a given length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    pub hash: u64,
    /// Line ends in them.
    pub lines: u64,
    /// Whether they end with a line end.
    pub ends_line: bool,
}

/// Hash the file `path` a buffer at a time, and its first `prefix` bytes when it is at
/// least that long.
pub fn hash_file(path: &std::path::Path, prefix: Option<u64>) -> std::io::Result<Hashes> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0; 256 * 1024];
    let mut size = 0u64;
    let mut lines = 0;
    let mut last = 0u8;
    let mut found = None;
    loop {
        let n = file.read(&mut buf)?;
        // Stop at the prefix's end once, to take its hash.
        let want = match (prefix, found) {
            (Some(p), None) if p >= size && p - size < n as u64 => (p - size) as usize,
            _ => n,
        };
        let (head, tail) = buf[..n].split_at(want);
        hasher.update(head);
        if prefix.is_some() && found.is_none() {
            lines += head.iter().filter(|&&b| b == b'\n').count() as u64;
            last = head.last().copied().unwrap_or(last);
        }
        size += want as u64;
        if prefix == Some(size) && found.is_none() {
            found = Some(Prefix {
                hash: truncated(&hasher.finalize()),
                lines,
                ends_line: last == b'\n',
            });
        }
        hasher.update(tail);
        size += tail.len() as u64;
        if n == 0 {
            break;
        }
    }
    Ok(Hashes {
        size,
        hash: truncated(&hasher.finalize()),
        prefix: found,
    })
}

fn truncated(hash: &blake3::Hash) -> u64 {
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// The first 8 bytes of the BLAKE3 hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> u64 {
    truncated(&blake3::hash(bytes))
}

/// How far a file committed in part got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The file's state when this reading of it started (that of its new documents).
    pub state: FileState,
    /// Where reading goes on.
    pub mark: Mark,
    /// Whether the reading replaces all of the file's documents: those of another state
    /// are removed when it ends. (An append keeps them.)
    pub replaces: bool,
}

/// Files committed in part, by absolute path.
pub type Partial = FxHashMap<String, Progress>;

/// What a commit records beside its documents, in its payload.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// Files committed in part.
    pub partial: Partial,
    /// The state of files whose documents do not carry it: one whose last reading
    /// added no document (an append of blank lines), and one whose removals were
    /// withheld, recorded with its old state so that it counts as changed until they go
    /// ahead.
    #[serde(default)]
    pub states: FxHashMap<String, FileState>,
}

/// The commit payload recording `saved`.
pub fn payload(saved: &Saved) -> String {
    serde_json::to_string(saved).expect("progress serialises")
}

/// What the last commit of `index` recorded beside its documents. A payload this
/// version cannot read counts as empty: files committed in part are read again from the
/// start.
pub fn saved(index: &NewsIndex) -> Result<Saved> {
    let metas = index
        .index
        .load_metas()
        .engine(|| format!("cannot read the last commit of {}", index.dir.display()))?;
    Ok(metas
        .payload
        .and_then(|p| serde_json::from_str::<Saved>(&p).ok())
        .unwrap_or_default())
}

/// A source file as the index records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub state: FileState,
    /// Live documents read from it.
    pub documents: u64,
    /// How far the last commit got, for a file committed in part.
    pub progress: Option<Progress>,
}

/// The state and document count of every source file in the index's last commit.
pub fn load(index: &NewsIndex) -> Result<FxHashMap<String, Recorded>> {
    let mut files = load_documents(index)?;
    let saved = saved(index)?;
    for (file, state) in saved.states {
        if let Some(recorded) = files.get_mut(&file) {
            recorded.state = state;
        }
    }
    for (file, progress) in saved.partial {
        let recorded = files.entry(file).or_insert(Recorded {
            state: progress.state,
            documents: 0,
            progress: None,
        });
        recorded.state = progress.state;
        recorded.progress = Some(progress);
    }
    Ok(files)
}

fn load_documents(index: &NewsIndex) -> Result<FxHashMap<String, Recorded>> {
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
        // A file that grew keeps its old documents: its state is its largest.
        by_ord.dedup_by(|(ord, doc), (kept_ord, kept)| {
            if ord != kept_ord {
                return false;
            }
            if size.first(*doc) > size.first(*kept) {
                *kept = *doc;
            }
            true
        });
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
            let state = FileState {
                size: size.first(doc).unwrap_or(0),
                mtime: mtime.first(doc).unwrap_or(0),
                hash: hash.first(doc).unwrap_or(0),
            };
            // A file's documents may lie in several segments.
            if let Some(known) = files.get_mut(name) {
                known.documents += documents;
                if state.size > known.state.size {
                    known.state = state;
                }
                continue;
            }
            files.insert(
                name.to_string(),
                Recorded {
                    state,
                    documents,
                    progress: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_hashes_match_hashes_of_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ndjson");
        let bytes: Vec<u8> = (0..600_000u32)
            .map(|i| if i % 7 == 6 { b'\n' } else { b'x' })
            .collect();
        std::fs::write(&path, &bytes).unwrap();
        for cut in [0usize, 7, 300_000, 524_288, 600_000] {
            let hashes = hash_file(&path, Some(cut as u64)).unwrap();
            assert_eq!(hashes.size, bytes.len() as u64);
            assert_eq!(hashes.hash, content_hash(&bytes));
            let prefix = hashes.prefix.unwrap();
            assert_eq!(prefix.hash, content_hash(&bytes[..cut]), "{cut}");
            assert_eq!(
                prefix.lines,
                bytes[..cut].iter().filter(|&&b| b == b'\n').count() as u64
            );
            assert_eq!(prefix.ends_line, cut > 0 && bytes[cut - 1] == b'\n');
        }
        assert_eq!(hash_file(&path, Some(700_000)).unwrap().prefix, None);
    }
}
