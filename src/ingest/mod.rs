//! Ingest runs discover -> read -> extract -> index: files are read and extracted in
//! parallel (rayon) and handed through a bounded channel to the single index writer.
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

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::article::Article;
use crate::discover::{discover, Problem};
use crate::error::{Error, Result};
use crate::extract::extract_with_warnings;
use crate::index::groups::Grouper;
use crate::index::guard::{self, RemovalLimit, Withheld};
use crate::index::state::{self, FileState, Progress, Recorded};
use crate::index::{self, manifest::Manifest, NewsIndex, WriteLock, Writer};
use crate::readers::{self, Format, Mark};
use parts::{shrunk, signed, stream_file, write_part, How, Part};

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

enum Outcome {
    /// Articles read from a changed file, in order: all of them, or a part.
    Part(Part),
    Unchanged,
    Skipped(Problem),
}

impl Outcome {
    /// A file that cannot be read, and why.
    fn skipped(path: &Path, reason: impl ToString) -> Outcome {
        Outcome::Skipped(Problem {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        })
    }
}

/// Absolute form of a path, for stable document ids whatever the working directory.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Read and extract the articles of one file already in memory.
pub fn extract_bytes(
    path: &Path,
    locator: &str,
    bytes: &[u8],
    events: &dyn Events,
) -> std::result::Result<Vec<Article>, Problem> {
    let problem = |reason: &str| Problem {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    // A bug that panics on some odd input must cost one file, not the whole run.
    let read = catch_unwind(|| readers::read(locator, path, bytes))
        .unwrap_or_else(|_| Err("internal error while reading this file".into()))
        .map_err(|reason| problem(&reason))?;
    for w in &read.warnings {
        events.warning(path, w);
    }
    // Files may hold thousands of articles (SGML, NDJSON, WARC): extract in parallel.
    let extracted: Vec<(Article, Vec<String>)> = catch_unwind(AssertUnwindSafe(|| {
        read.articles
            .par_iter()
            .map(extract_with_warnings)
            .collect()
    }))
    .map_err(|_| problem("internal error while extracting this file"))?;
    Ok(extracted
        .into_iter()
        .map(|(article, warnings)| {
            for w in &warnings {
                events.warning(path, w);
            }
            article
        })
        .collect())
}

/// Read and extract one file.
pub fn process_file(
    path: &Path,
    locator: &str,
    events: &dyn Events,
) -> std::result::Result<(Vec<Article>, u64), Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let articles = extract_bytes(path, locator, &bytes, events)?;
    Ok((articles, bytes.len() as u64))
}

/// Look at one file: unchanged since it was indexed, or read and extracted.
fn examine(
    path: &Path,
    file: &str,
    known: Option<&FileState>,
    grouping: bool,
    events: &dyn Events,
) -> Outcome {
    let skipped = |reason: String| Outcome::skipped(path, reason);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return skipped(e.to_string()),
    };
    if let Some(known) = known {
        if known.size == meta.len() && known.mtime == state::mtime_ns(&meta) {
            events.file_done(meta.len());
            return Outcome::Unchanged;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return skipped(e.to_string()),
    };
    let state = FileState::of(&meta, &bytes);
    events.file_done(bytes.len() as u64);
    if known.is_some_and(|k| k.size == state.size && k.hash == state.hash) {
        return Outcome::Unchanged;
    }
    match extract_bytes(path, file, &bytes, events) {
        Ok(articles) => Outcome::Part(Part {
            file: file.to_string(),
            state,
            articles: signed(articles, grouping),
            mark: Mark::START,
            first: true,
            last: true,
            how: How::Whole {
                new: known.is_none(),
            },
            bytes: state.size,
        }),
        Err(problem) => Outcome::Skipped(problem),
    }
}

fn is_under(file: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| guard::is_under(file, root))
}

/// Each path with its absolute form, as files are recorded.
fn absolute_roots(roots: &[PathBuf]) -> Vec<(PathBuf, String)> {
    roots
        .iter()
        .map(|r| (r.clone(), absolute(r).to_string_lossy().into_owned()))
        .collect()
}

fn documents(known: &FxHashMap<String, Recorded>) -> FxHashMap<String, u64> {
    known
        .iter()
        .map(|(file, r)| (file.clone(), r.documents))
        .collect()
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
    let found = discover(roots);
    let mut report = Report::default();
    for p in &found.problems {
        events.problem(p);
        report.skipped += 1;
    }
    let known = state::load(index)?;
    // Files are named by their absolute path: the root's, resolved once, and the rest
    // as walked (resolving every file would cost a system call per folder level).
    let resolved: Vec<(&PathBuf, PathBuf)> = roots.iter().map(|r| (r, absolute(r))).collect();
    let absolute_file = |p: &Path| {
        let file = resolved
            .iter()
            .find_map(|(root, abs)| {
                let rest = p.strip_prefix(root).ok()?;
                Some(if rest.as_os_str().is_empty() {
                    abs.clone()
                } else {
                    abs.join(rest)
                })
            })
            .unwrap_or_else(|| absolute(p));
        file.to_string_lossy().into_owned()
    };
    // Overlapping roots can name one file twice: read it once.
    let mut seen = FxHashSet::default();
    let files: Vec<(PathBuf, String)> = found
        .files
        .into_iter()
        .map(|p| {
            let file = absolute_file(&p);
            (p, file)
        })
        .filter(|(_, file)| seen.insert(file.clone()))
        .collect();
    drop(seen);
    let total_bytes: u64 = files
        .par_iter()
        .map(|(path, _)| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum();
    events.files_found(files.len(), total_bytes);
    let present: FxHashSet<&str> = files.iter().map(|(_, f)| f.as_str()).collect();
    // Roots that exist; a missing root was reported above and removes nothing.
    let existing: Vec<PathBuf> = roots.iter().filter(|r| r.exists()).cloned().collect();
    let live_roots = absolute_roots(&existing);
    report.withheld = guard::withheld(
        &live_roots,
        &documents(&known),
        |file| present.contains(file),
        options.removals,
    );
    let removable: Vec<String> = live_roots
        .into_iter()
        .map(|(_, root)| root)
        .filter(|root| !report.withheld.iter().any(|w| w.absolute == *root))
        .collect();
    let mut writer = index.writer(options.memory_bytes, lock)?;
    // Files committed in part (and others), as the last commit left them and as this
    // run goes.
    let mut saved = state::saved(index)?;
    // Made at the first changed file: an unchanged re-run never reads the band keys.
    let mut grouper: Option<Grouper> = None;
    for file in known.keys() {
        let withheld = report
            .withheld
            .iter()
            .any(|w| guard::is_under(file, &w.absolute));
        if is_under(file, &removable) && !withheld && !present.contains(file.as_str()) {
            writer.remove_file(file);
            saved.partial.remove(file);
            saved.states.remove(file);
            report.removed += 1;
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Io {
            context: "cannot start worker threads".into(),
            source: std::io::Error::other(e),
        })?;
    // Whole small files, or parts of big ones: what is in flight stays small.
    let (tx, rx) = crossbeam_channel::bounded::<Outcome>(64);
    let known = &known;
    let files = &files;
    let grouping = options.duplicate_threshold.is_some();
    // Set when the index fails: no worker starts another file.
    let stop = &AtomicBool::new(false);
    let mut result = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                // Ends early once the receiver hangs up (after an index error).
                let _ = files.par_iter().try_for_each_with(tx, |tx, (path, file)| {
                    if stop.load(Ordering::Relaxed) {
                        return Err(());
                    }
                    let known = known.get(file);
                    let format = Format::for_path(path).unwrap_or(Format::Text);
                    if format.streams() {
                        let mut send = |outcome: Outcome| tx.send(outcome).is_ok();
                        let going = stream_file(
                            path, file, known, format, grouping, events, stop, &mut send,
                        );
                        return if going { Ok(()) } else { Err(()) };
                    }
                    let known = known.map(|r| &r.state);
                    tx.send(examine(path, file, known, grouping, events))
                        .map_err(|_| ())
                });
            });
        });
        let mut pending = 0;
        let mut last_commit = Instant::now();
        let mut rewritten = FxHashMap::default();
        // Leaving the loop drops the receiver, which ends the workers' sends.
        for outcome in rx {
            match outcome {
                Outcome::Part(part) => {
                    if let (None, Some(t)) = (&grouper, options.duplicate_threshold) {
                        match Grouper::new(index, t) {
                            Ok(g) => grouper = Some(g),
                            Err(e) => {
                                result = Err(e);
                                break;
                            }
                        }
                    }
                    let keep_stale = match shrunk(&mut rewritten, &part, known) {
                        Some(w) if !options.removals.allows(w.removing, w.recorded) => {
                            report.withheld.push(w);
                            true
                        }
                        _ => false,
                    };
                    if let Err(e) = write_part(&mut writer, &part, keep_stale, grouper.as_mut()) {
                        result = Err(e);
                        break;
                    }
                    report.articles += part.articles.len();
                    pending += part.articles.len().max(1);
                    if part.last {
                        saved.partial.remove(&part.file);
                        // No document carries the state of a file that only grew by
                        // articleless bytes: the commit does. One whose removals were
                        // withheld keeps its old state: it is read again next time.
                        let old = known.get(&part.file).map(|r| r.state);
                        match old {
                            Some(old) if keep_stale => {
                                saved.states.insert(part.file.clone(), old);
                            }
                            _ if part.how == How::Appended
                                && part.first
                                && part.articles.is_empty() =>
                            {
                                saved.states.insert(part.file.clone(), part.state);
                            }
                            _ => {
                                saved.states.remove(&part.file);
                            }
                        }
                        report.bytes += part.bytes;
                        match part.how {
                            How::Whole { new: true } => report.added += 1,
                            How::Whole { new: false } => report.updated += 1,
                            How::Resumed { .. } | How::Appended => {
                                report.updated += 1;
                                report.continued += 1;
                            }
                        }
                    } else {
                        saved.partial.insert(
                            part.file,
                            Progress {
                                state: part.state,
                                mark: part.mark,
                                replaces: part.how.replaces(),
                            },
                        );
                    }
                }
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Skipped(problem) => {
                    events.problem(&problem);
                    report.skipped += 1;
                }
            }
            if pending >= options.commit_every
                || (pending > 0 && last_commit.elapsed() >= options.commit_interval)
            {
                writer.set_saved(&saved);
                if let Err(e) = commit(&mut writer, grouper.as_mut(), index) {
                    result = Err(e);
                    break;
                }
                pending = 0;
                last_commit = Instant::now();
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    result?;
    // Nothing to commit when nothing changed: the index stays exactly as it was.
    if report.added + report.updated + report.removed > 0 {
        if let Some(g) = grouper.as_mut() {
            g.persist()?;
        }
        writer.set_saved(&saved);
        writer.finish()?;
    }
    // The entity table of the last commit, beside it (a no-op when it is there).
    crate::entities::refresh(index)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Commit what was written: first the band run of its articles, so that every
/// committed article can be found by later ones, then the index; then read the commit.
fn commit(writer: &mut Writer, grouper: Option<&mut Grouper>, index: &NewsIndex) -> Result<()> {
    match grouper {
        Some(g) => {
            g.persist()?;
            writer.commit()?;
            g.committed(index)
        }
        None => writer.commit(),
    }
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
