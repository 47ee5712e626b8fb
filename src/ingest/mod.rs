//! Ingest runs discover -> read -> extract -> index: files are read and extracted in
//! parallel (rayon) and handed through a bounded channel to the single index writer.
//! `plan` finds what to read and what to remove, `workers` read and extract,
//! `parts` handles files read in parts, `writing` writes, records and commits.
//!
//! Indexing is incremental: a file whose size and modification time (or, failing
//! those, content hash) match what the index recorded is not read again; files that
//! disappeared under the given roots lose their documents. Files that hold many
//! articles are streamed (see [`crate::readers::stream`]) and handed to the writer in
//! parts, so memory stays flat whatever their size; a file that only grew (NDJSON, WARC)
//! is read from its old end.
//!
//! Progress is committed periodically, and a commit always holds whole articles: the
//! commit records how far each file read in part got ([`state::Progress`]), so an
//! interrupted run leaves a consistent index that the next run completes from there,
//! with nothing missing and nothing twice (document ids derive from the article's
//! place in its file). A bad file never stops the run: it is
//! reported through [`Events`] and counted. An index error does: extraction stops at
//! once and the index keeps its last commit. Removals that would empty, or mostly
//! empty, one of the run's paths are withheld (see [`crate::index::guard`]), and so are
//! those of a big file read again that lost most of its articles.

mod parts;
mod plan;
mod workers;
mod writing;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::discover::Problem;
use crate::error::{Error, Result};
use crate::index::guard::{self, RemovalLimit, Withheld};
use crate::index::state;
use crate::index::{self, manifest::Manifest, NewsIndex, WriteLock};
pub use plan::absolute;
use plan::absolute_roots;
pub use workers::{extract_bytes, process_file};
use writing::Writing;

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threads that read and extract; `None` for one per core.
    pub jobs: Option<usize>,
    /// Index writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Commit after this many articles, or after `commit_interval`, whichever comes
    /// first, so that progress survives an interruption; inside a file too.
    pub commit_every: usize,
    pub commit_interval: Duration,
    /// Group copies and near-copies of articles; `None` turns grouping off.
    pub duplicate_threshold: Option<f32>,
    /// How many of the documents under one path a run may remove.
    pub removals: RemovalLimit,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: None,
            memory_bytes: 200_000_000,
            // Larger commits make larger segments and less merging; an interrupted run
            // loses at most a minute of work, which the next run redoes.
            commit_every: 25_000,
            commit_interval: Duration::from_secs(60),
            duplicate_threshold: Some(crate::dedup::DEFAULT_THRESHOLD),
            removals: RemovalLimit::default(),
        }
    }
}

/// What happened, for the summary line. Counts are of source files, except `articles`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Of the updated files, those read on from where the index left them: files that
    /// only grew (read from their old end) and files an interrupted run committed in part.
    pub continued: usize,
    /// Articles written (from added and updated files).
    pub articles: usize,
    /// Bytes read from added and updated files.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Paths whose removals were withheld (`index`: the rest of the run went ahead;
    /// `reindex`: the old index was kept).
    pub withheld: Vec<Withheld>,
}

/// Receives what happens during an ingest, as it happens.
pub trait Events: Sync {
    /// A file or folder could not be indexed.
    fn problem(&self, problem: &Problem);
    /// A file was indexed with a remark ("read as windows-1252").
    fn warning(&self, path: &Path, message: &str);
    /// The number of files to look at, and their size, are known.
    fn files_found(&self, _count: usize, _bytes: u64) {}
    /// One more file has been looked at; `bytes` more of the total were passed.
    fn file_done(&self, _bytes: u64) {}
    /// `bytes` more were passed inside a file read in parts.
    fn bytes_read(&self, _bytes: u64) {}
}

/// Bring `index` up to date with the article files under `roots`.
pub fn ingest(
    index: &NewsIndex,
    lock: &WriteLock,
    roots: &[PathBuf],
    options: &Options,
    events: &dyn Events,
) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    let known = state::load(index)?;
    let plan = plan::plan(roots, &known, options.removals, events, &mut report);
    let writer = index.writer(options.memory_bytes, lock)?;
    let mut writing = Writing::new(index, options, &known, writer, state::saved(index)?);
    for file in &plan.vanished {
        writing.remove(file);
        report.removed += 1;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Io {
            context: "cannot start worker threads".into(),
            source: std::io::Error::other(e),
        })?;
    // Whole small files, or parts of big ones: what is in flight stays small.
    let (tx, rx) = crossbeam_channel::bounded(64);
    let (files, known) = (&plan.files, &known);
    let grouping = options.duplicate_threshold.is_some();
    // Set when the index fails: no worker starts another file.
    let stop = &AtomicBool::new(false);
    let mut result = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| workers::look_at_all(files, known, grouping, events, stop, tx));
        });
        // Leaving the loop drops the receiver, which ends the workers' sends.
        for outcome in rx {
            if let Err(e) = writing.take(outcome, &mut report, events) {
                result = Err(e);
                break;
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    result?;
    writing.finish(report.added + report.updated + report.removed > 0)?;
    // The entity table of the last commit, beside it (a no-op when it is there).
    crate::entities::refresh(index)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What a rebuild into `fresh` would lose against the live generation, under each of
/// `roots` and each recorded root, beyond `limit`. Nothing when the live generation
/// cannot be read: a damaged index is what a rebuild repairs.
fn lost_in_rebuild(
    dir: &Path,
    manifest: &Manifest,
    roots: &[PathBuf],
    fresh: &NewsIndex,
    limit: RemovalLimit,
) -> Result<Vec<Withheld>> {
    let Ok(live) = tantivy::Index::open_in_dir(manifest.live_dir(dir)) else {
        return Ok(Vec::new());
    };
    let Ok(before) = state::documents_per_file(&live) else {
        return Ok(Vec::new());
    };
    let after = state::load(fresh)?;
    let mut paths = roots.to_vec();
    paths.extend(manifest.roots.iter().map(PathBuf::from));
    Ok(guard::withheld(
        &absolute_roots(&paths),
        &before,
        |file| after.contains_key(file),
        limit,
    ))
}

/// `index`: update the index in `dir` from `roots`, creating it if needed, and remember
/// the roots for `reindex`.
pub fn update(
    dir: &Path,
    roots: &[PathBuf],
    options: &Options,
    events: &dyn Events,
) -> Result<Report> {
    let lock = WriteLock::acquire(dir)?;
    let index = NewsIndex::open_or_create(dir, &lock)?;
    let report = ingest(&index, &lock, roots, options, events)?;
    let mut manifest =
        Manifest::read(dir)?.ok_or_else(|| Error::MissingIndex(dir.to_path_buf()))?;
    let mut changed = false;
    for root in roots.iter().filter(|r| r.exists()) {
        let root = absolute(root).to_string_lossy().into_owned();
        if !manifest.roots.contains(&root) {
            manifest.roots.push(root);
            changed = true;
        }
    }
    if changed {
        manifest.write(dir)?;
    }
    Ok(report)
}

/// `reindex`: rebuild the index in `dir` from `roots` (default: the recorded roots) with
/// the current extractor and schema into a fresh generation, then switch to it. Until
/// the switch, searches use the old index; if the rebuild fails, the old index stays.
/// So it does when the rebuild lost documents of one of its paths or of the recorded
/// ones beyond `options.removals`: the report's `withheld` names them.
pub fn rebuild(
    dir: &Path,
    roots: Option<&[PathBuf]>,
    options: &Options,
    events: &dyn Events,
) -> Result<Report> {
    let lock = WriteLock::acquire(dir)?;
    let manifest = Manifest::read(dir)?;
    let roots: Vec<PathBuf> = match roots {
        Some(roots) if !roots.is_empty() => roots.to_vec(),
        _ => manifest
            .as_ref()
            .map(|m| m.roots.iter().map(PathBuf::from).collect())
            .filter(|r: &Vec<PathBuf>| !r.is_empty())
            .ok_or_else(|| Error::NoRoots(dir.to_path_buf()))?,
    };
    let generation =
        index::next_generation(manifest.as_ref().map_or("gen-0", |m| m.generation.as_str()));
    let fresh = NewsIndex::create_generation(dir, &generation)?;
    let mut report = ingest(&fresh, &lock, &roots, options, events)?;
    if let Some(manifest) = &manifest {
        report.withheld = lost_in_rebuild(dir, manifest, &roots, &fresh, options.removals)?;
        if !report.withheld.is_empty() {
            drop(fresh);
            // Best effort: the next rebuild clears it anyway.
            let _ = std::fs::remove_dir_all(dir.join(&generation));
            return Ok(report);
        }
    }
    let recorded = roots
        .iter()
        .filter(|r| r.exists())
        .map(|r| absolute(r).to_string_lossy().into_owned())
        .collect();
    index::publish(dir, &generation, recorded, &lock)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Records what an ingest reports.
    #[derive(Default)]
    struct Recorder {
        problems: Mutex<Vec<PathBuf>>,
    }

    impl Events for Recorder {
        fn problem(&self, problem: &Problem) {
            self.problems.lock().unwrap().push(problem.path.clone());
        }
        fn warning(&self, _: &Path, _: &str) {}
    }

    fn write(dir: &Path, name: &str, word: &str) {
        std::fs::create_dir_all(dir).unwrap();
        let text = format!("News about {word}\n\nThe council said {word} was on the agenda.\n");
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn documents(index_dir: &Path) -> u64 {
        let index = NewsIndex::open(index_dir).unwrap();
        index.reader().unwrap().searcher().num_docs()
    }

    fn counts(r: &Report) -> [usize; 6] {
        [
            r.added,
            r.updated,
            r.removed,
            r.unchanged,
            r.skipped,
            r.articles,
        ]
    }

    #[test]
    fn a_run_reads_only_what_changed_and_removes_what_went() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
        for (name, word) in [("a.txt", "alpha"), ("b.txt", "beta"), ("c.txt", "gamma")] {
            write(&corpus, name, word);
        }
        std::fs::write(corpus.join("bad.json"), "{\"title\": ").unwrap();
        let roots = [corpus.clone()];
        let events = Recorder::default();
        let first = update(&index, &roots, &Options::default(), &events).unwrap();
        assert_eq!(counts(&first), [3, 0, 0, 0, 1, 3]);
        // A bad file is reported with its path and counted, and stops nothing.
        assert_eq!(*events.problems.lock().unwrap(), [corpus.join("bad.json")]);
        assert_eq!(documents(&index), 3);
        write(&corpus, "a.txt", "alpha again, longer");
        std::fs::remove_file(corpus.join("b.txt")).unwrap();
        write(&corpus, "d.txt", "delta");
        let second = update(&index, &roots, &Options::default(), &events).unwrap();
        assert_eq!(counts(&second), [1, 1, 1, 1, 1, 2]);
        assert_eq!(documents(&index), 3);
        let third = update(&index, &roots, &Options::default(), &events).unwrap();
        assert_eq!(counts(&third), [0, 0, 0, 3, 1, 0]);
        // The roots are recorded for reindex, once, as absolute paths.
        let manifest = Manifest::read(&index).unwrap().unwrap();
        assert_eq!(manifest.roots, [absolute(&corpus).to_string_lossy()]);
    }

    #[test]
    fn a_missing_path_is_reported_and_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
        write(&corpus, "a.txt", "alpha");
        write(&corpus, "b.txt", "beta");
        let roots = [corpus];
        update(&index, &roots, &Options::default(), &Recorder::default()).unwrap();
        let gone = dir.path().join("gone");
        let events = Recorder::default();
        let roots = [gone];
        let report = update(&index, &roots, &Options::default(), &events).unwrap();
        assert_eq!(counts(&report), [0, 0, 0, 0, 1, 0]);
        assert_eq!(*events.problems.lock().unwrap(), roots);
        assert_eq!(documents(&index), 2);
    }

    #[test]
    fn a_rebuild_switches_to_a_new_generation_holding_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
        write(&corpus, "a.txt", "alpha");
        write(&corpus, "b.txt", "beta");
        let roots = [corpus];
        update(&index, &roots, &Options::default(), &Recorder::default()).unwrap();
        write(&roots[0], "c.txt", "gamma");
        // From the recorded roots.
        let report = rebuild(&index, None, &Options::default(), &Recorder::default()).unwrap();
        assert_eq!(counts(&report), [3, 0, 0, 0, 0, 3]);
        let manifest = Manifest::read(&index).unwrap().unwrap();
        assert_eq!(manifest.generation, "gen-2");
        assert_eq!(documents(&index), 3);
        // The generation replaced stays for searches that read the old manifest.
        assert!(index.join("gen-1").exists());
        let again = rebuild(&index, None, &Options::default(), &Recorder::default()).unwrap();
        assert_eq!(again.added, 3);
        assert!(!index.join("gen-1").exists() && index.join("gen-2").exists());
        assert_eq!(Manifest::read(&index).unwrap().unwrap().generation, "gen-3");
    }

    #[test]
    fn extract_bytes_reports_a_file_it_cannot_read() {
        let events = Recorder::default();
        let path = Path::new("/news/empty.txt");
        let problem = extract_bytes(path, "/news/empty.txt", b"", &events).unwrap_err();
        assert_eq!(
            (problem.path.as_path(), problem.reason.as_str()),
            (path, "empty file")
        );
        let articles = extract_bytes(
            path,
            "/news/a.txt",
            b"Ferry fares rise\n\nThe ferry company raised its fares.\n",
            &events,
        )
        .unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].headline, "Ferry fares rise");
        assert_eq!(articles[0].path, "/news/a.txt");
    }
}
