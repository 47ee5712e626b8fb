//! The duplicate-band table of committed articles, kept beside the tantivy files.
//!
//! Grouping asks, for each band key of a new article (see [`crate::dedup`]), which
//! earlier articles have the same key. Indexed as terms, the keys made every article add
//! sixteen unique terms to the segment's term table, which all the words of all the
//! articles share: a tenth of the CPU time of indexing went to them. Instead each commit
//! writes one *run* beside the tantivy files: the signatures of the articles it added and
//! their band keys, sorted, in `dupbands-NNNNNNNN.bin`. A lookup is a binary search in
//! each run, read through a memory map; the grouper's filter of every key seen spares
//! most of them. When there are more than [`MAX_RUNS`] runs, the smaller ones are merged,
//! so a lookup stays a few searches however many commits an index has seen.
//!
//! A run is written before the commit of its articles. A run whose articles were never
//! committed (an interrupted run), or were since updated or removed, only gives
//! candidates that the live index then fails to confirm (see [`super::groups`]).
//!
//! Layout, little-endian: the magic `NXBANDS1`, the number of articles and of entries
//! (u32 each); per article its id, its group's id and its signature's exact hash (u64
//! each) and MinHash values (u16 each); the entries' keys (u32, ascending), then the
//! article each entry belongs to (u32, same order).

use std::io::Write;
use std::path::{Path, PathBuf};

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};

use crate::dedup::{Signature, BANDS, HASHES};
use crate::error::{Error, IoContext, Result};

const MAGIC: &[u8; 8] = b"NXBANDS1";
const HEADER: usize = 16;
/// Bytes per article: id, group, exact hash, MinHash values.
const RECORD: usize = 24 + 2 * HASHES;
/// Bytes per entry: key and article.
const ENTRY: usize = 8;
/// Runs kept before the smaller ones are merged.
pub const MAX_RUNS: usize = 8;

const PREFIX: &str = "dupbands-";
const SUFFIX: &str = ".bin";

/// One article of a run: its id and group as numbers (ids are 16 hex digits) and its
/// signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: u64,
    pub group: u64,
    pub signature: Signature,
}

/// The id or group name a member number stands for.
pub fn name(number: u64) -> String {
    format!("{number:016x}")
}

/// The member number of an id or group name, if it is one (16 hex digits).
pub fn number(name: &str) -> Option<u64> {
    (name.len() == 16)
        .then(|| u64::from_str_radix(name, 16).ok())
        .flatten()
}

/// One run file, mapped.
struct Run {
    seq: u64,
    path: PathBuf,
    bytes: OwnedBytes,
    articles: usize,
    entries: usize,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

impl Run {
    fn open(seq: u64, path: PathBuf, bytes: OwnedBytes) -> Result<Run> {
        let corrupt = |reason: &str| Error::Corrupt {
            path: path.clone(),
            reason: format!("duplicate-band run: {reason}"),
        };
        let b = bytes.as_slice();
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(corrupt("not a band run (bad header)"));
        }
        let (articles, entries) = (u32_at(b, 8) as usize, u32_at(b, 12) as usize);
        if b.len() != HEADER + articles * RECORD + entries * ENTRY {
            return Err(corrupt("truncated or wrong length"));
        }
        Ok(Run {
            seq,
            path,
            bytes,
            articles,
            entries,
        })
    }

    fn key(&self, entry: usize) -> u32 {
        u32_at(
            self.bytes.as_slice(),
            HEADER + self.articles * RECORD + 4 * entry,
        )
    }

    fn article_of(&self, entry: usize) -> usize {
        let at = HEADER + self.articles * RECORD + 4 * self.entries + 4 * entry;
        u32_at(self.bytes.as_slice(), at) as usize
    }

    fn record(&self, article: usize) -> &[u8] {
        let at = HEADER + article * RECORD;
        &self.bytes.as_slice()[at..at + RECORD]
    }

    fn member(&self, article: usize) -> Option<Member> {
        let r = self.record(article);
        Some(Member {
            id: u64_at(r, 0),
            group: u64_at(r, 8),
            signature: Signature::from_bytes(&r[16..])?,
        })
    }

    /// The entries with key `key`: the first one, by binary search, and on.
    fn first_with(&self, key: u32) -> usize {
        let (mut lo, mut hi) = (0, self.entries);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// The band runs of one index generation, newest first.
pub struct Runs {
    dir: PathBuf,
    runs: Vec<Run>,
}

fn seq_of(file_name: &str) -> Option<u64> {
    file_name
        .strip_prefix(PREFIX)?
        .strip_suffix(SUFFIX)?
        .parse()
        .ok()
}

impl Runs {
    /// Open every run in generation directory `dir`.
    pub fn open(dir: &Path) -> Result<Runs> {
        let mut found: Vec<(u64, String)> = std::fs::read_dir(dir)
            .io(|| format!("cannot list {}", dir.display()))?
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                seq_of(&name).map(|seq| (seq, name))
            })
            .collect();
        found.sort_unstable_by_key(|f| std::cmp::Reverse(f.0));
        let mapped = MmapDirectory::open(dir).map_err(|e| Error::Corrupt {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut runs = Vec::with_capacity(found.len());
        for (seq, name) in found {
            let path = dir.join(&name);
            let bytes = mapped
                .open_read(Path::new(&name))
                .map_err(|e| Error::Corrupt {
                    path: path.clone(),
                    reason: e.to_string(),
                })?
                .read_bytes()
                .io(|| format!("cannot read {}", path.display()))?;
            runs.push(Run::open(seq, path, bytes)?);
        }
        Ok(Runs {
            dir: dir.to_path_buf(),
            runs,
        })
    }

    /// Every key of every run.
    pub fn keys(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs
            .iter()
            .flat_map(|run| (0..run.entries).map(move |e| run.key(e)))
    }

    /// The members with band key `key`: newest run first, in indexing order within one.
    pub fn with_key(&self, key: u32) -> impl Iterator<Item = Member> + '_ {
        self.runs.iter().flat_map(move |run| {
            (run.first_with(key)..run.entries)
                .take_while(move |&e| run.key(e) == key)
                .filter_map(move |e| run.member(run.article_of(e)))
        })
    }

    /// Number of runs.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Write the members of one commit as a new run (nothing if there are none), then
    /// merge the smaller runs if there are more than [`MAX_RUNS`]. The runs read before
    /// stay readable in `self` until it is opened again.
    pub fn add(&mut self, members: &[Member]) -> Result<()> {
        if members.is_empty() {
            return Ok(());
        }
        let seq = self.next_seq();
        let records: Vec<Vec<u8>> = members.iter().map(record).collect();
        let mut entries = Vec::with_capacity(members.len() * BANDS);
        for (i, m) in members.iter().enumerate() {
            for key in m.signature.bands() {
                entries.push((key, i as u32));
            }
        }
        self.write(seq, &records, entries)?;
        if self.runs.len() + 1 > MAX_RUNS {
            self.merge_smaller(seq + 1)?;
        }
        Ok(())
    }

    fn next_seq(&self) -> u64 {
        self.runs.iter().map(|r| r.seq + 1).max().unwrap_or(1)
    }

    /// Merge the smaller runs (all but the largest `MAX_RUNS / 2 - 1`, the new run
    /// counted among the small ones) into run `seq`, then delete them.
    fn merge_smaller(&mut self, seq: u64) -> Result<()> {
        // The run just written is not in `self.runs`: read it back with the others.
        let all = Runs::open(&self.dir)?;
        let mut by_size: Vec<&Run> = all.runs.iter().collect();
        by_size.sort_by_key(|r| std::cmp::Reverse(r.articles));
        let merged = &by_size[(MAX_RUNS / 2 - 1).min(by_size.len())..];
        let mut records = Vec::new();
        let mut entries = Vec::new();
        // Oldest first, so the merged run keeps indexing order.
        let mut ordered: Vec<&&Run> = merged.iter().collect();
        ordered.sort_by_key(|r| r.seq);
        for run in ordered {
            let base = records.len() as u32;
            for a in 0..run.articles {
                records.push(run.record(a).to_vec());
            }
            for e in 0..run.entries {
                entries.push((run.key(e), base + run.article_of(e) as u32));
            }
        }
        self.write(seq, &records, entries)?;
        for run in merged {
            // A run left behind by a crash here only repeats candidates.
            std::fs::remove_file(&run.path)
                .io(|| format!("cannot remove merged run {}", run.path.display()))?;
        }
        Ok(())
    }

    /// Write run `seq` atomically: a temporary file, synced, then renamed.
    fn write(&self, seq: u64, records: &[Vec<u8>], mut entries: Vec<(u32, u32)>) -> Result<()> {
        entries.sort_unstable();
        let mut out = Vec::with_capacity(HEADER + records.len() * RECORD + entries.len() * ENTRY);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(records.len() as u32).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for r in records {
            out.extend_from_slice(r);
        }
        for (key, _) in &entries {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for (_, article) in &entries {
            out.extend_from_slice(&article.to_le_bytes());
        }
        let path = self.dir.join(format!("{PREFIX}{seq:08}{SUFFIX}"));
        let tmp = self.dir.join(format!(".{PREFIX}{seq:08}.tmp"));
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(&out).and_then(|_| f.sync_all()));
        written.io(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).io(|| format!("cannot write {}", path.display()))?;
        // The new name is durable once the directory is synced (best effort: not every
        // file system allows opening a directory).
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

fn record(m: &Member) -> Vec<u8> {
    let mut r = Vec::with_capacity(RECORD);
    r.extend_from_slice(&m.id.to_le_bytes());
    r.extend_from_slice(&m.group.to_le_bytes());
    r.extend_from_slice(&m.signature.to_bytes());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(i: u64, text: &str) -> Member {
        Member {
            id: 1000 + i,
            group: 1000 + i,
            signature: Signature::of(text),
        }
    }

    fn story(n: u64) -> String {
        (0..80)
            .map(|w| format!("word{}x{}", w, n))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn names_and_numbers_round_trip() {
        let id = crate::index::doc_id("/news/a.txt");
        assert_eq!(name(number(&id).unwrap()), id);
        assert_eq!(number("not an id"), None);
        assert_eq!(number("0123456789abcdeg"), None);
    }

    #[test]
    fn members_are_found_by_each_of_their_keys_across_runs_and_merges() {
        let dir = tempfile::tempdir().unwrap();
        let mut runs = Runs::open(dir.path()).unwrap();
        assert!(runs.is_empty());
        // More commits than MAX_RUNS, so the smaller runs get merged.
        let per_run = 3;
        let commits = 2 * MAX_RUNS as u64 + 1;
        for c in 0..commits {
            let members: Vec<Member> = (0..per_run)
                .map(|k| member(c * per_run + k, &story(c * per_run + k)))
                .collect();
            runs.add(&members).unwrap();
            runs = Runs::open(dir.path()).unwrap();
            assert!(runs.len() <= MAX_RUNS, "{} runs", runs.len());
        }
        for i in 0..commits * per_run {
            let want = member(i, &story(i));
            for key in want.signature.bands() {
                let found: Vec<Member> = runs.with_key(key).collect();
                let same = |m: &Member| {
                    (m.id, m.group, m.signature.exact, &m.signature.minhash)
                        == (
                            want.id,
                            want.group,
                            want.signature.exact,
                            &want.signature.minhash,
                        )
                };
                assert!(found.iter().any(same), "article {i} under key {key}");
                assert!(found.iter().all(|m| m.signature.bands().contains(&key)));
            }
        }
        assert_eq!(runs.keys().count() as u64, commits * per_run * BANDS as u64);
        // Nothing else is left in the directory: no temporary files, no merged runs.
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, runs.len());
    }

    #[test]
    fn a_damaged_run_is_reported_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut runs = Runs::open(dir.path()).unwrap();
        runs.add(&[member(1, &story(1))]).unwrap();
        let path = dir.path().join("dupbands-00000001.bin");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let err = Runs::open(dir.path())
            .err()
            .expect("a truncated run is refused");
        let text = err.to_string();
        assert!(text.contains("dupbands-00000001.bin"), "{text}");
        assert!(text.contains("truncated"), "{text}");
    }
}
