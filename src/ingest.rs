//! Ingest runs discover -> read -> extract -> index: files are read and extracted in
//! parallel (rayon) and handed through a bounded channel to the single index writer.
//!
//! A bad file never stops the run: it is reported through [`Events`] and counted.

use std::panic::catch_unwind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::article::Article;
use crate::discover::{discover, Problem};
use crate::error::{Error, Result};
use crate::extract::extract;
use crate::index::NewsIndex;
use crate::readers;

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threads that read and extract; `None` for one per core.
    pub jobs: Option<usize>,
    /// Index writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Commit after this many articles, so that progress survives an interruption.
    pub commit_every: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: None,
            memory_bytes: 200_000_000,
            commit_every: 20_000,
        }
    }
}

/// What happened, for the summary line.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub articles: usize,
    pub bytes: u64,
    pub skipped: usize,
    pub elapsed: Duration,
}

/// Receives what happens during an ingest, as it happens.
pub trait Events: Sync {
    /// A file or folder could not be indexed.
    fn problem(&self, problem: &Problem);
    /// A file was indexed with a remark ("read as windows-1252").
    fn warning(&self, path: &Path, message: &str);
    /// One more file has been handled.
    fn file_done(&self, _bytes: u64) {}
    /// The number of files to handle is known.
    fn files_found(&self, _count: usize) {}
}

enum Outcome {
    Articles { articles: Vec<Article>, bytes: u64 },
    Skipped(Problem),
}

/// Absolute form of a path, for stable document ids whatever the working directory.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Read and extract one file.
pub fn process_file(
    path: &Path,
    locator: &str,
    events: &dyn Events,
) -> std::result::Result<(Vec<Article>, u64), Problem> {
    let problem = |reason: String| Problem {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| problem(e.to_string()))?;
    // A bug that panics on some odd input must cost one file, not the whole run.
    let read = catch_unwind(|| readers::read(locator, path, &bytes))
        .unwrap_or_else(|_| Err("internal error while reading this file".into()))
        .map_err(problem)?;
    for w in &read.warnings {
        events.warning(path, w);
    }
    // Files may hold thousands of articles (SGML, NDJSON, WARC): extract them in parallel.
    let articles = catch_unwind(|| read.articles.par_iter().map(extract).collect())
        .map_err(|_| problem("internal error while extracting this file".into()))?;
    Ok((articles, bytes.len() as u64))
}

/// Index every article file under `roots` into `index`.
pub fn ingest(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &Options,
    events: &dyn Events,
) -> Result<Report> {
    let started = Instant::now();
    let found = discover(roots);
    let mut report = Report {
        files: found.files.len(),
        ..Default::default()
    };
    for p in &found.problems {
        events.problem(p);
        report.skipped += 1;
    }
    events.files_found(found.files.len());
    let mut writer = index.writer(options.memory_bytes)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Io {
            context: "cannot start worker threads".into(),
            source: std::io::Error::other(e),
        })?;
    let (tx, rx) = crossbeam_channel::bounded::<Outcome>(256);
    let files = &found.files;
    let mut result = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, path| {
                    let locator = absolute(path).to_string_lossy().into_owned();
                    let outcome = match process_file(path, &locator, events) {
                        Ok((articles, bytes)) => Outcome::Articles { articles, bytes },
                        Err(problem) => Outcome::Skipped(problem),
                    };
                    // The receiver only hangs up after an index error; stop quietly then.
                    let _ = tx.send(outcome);
                });
            });
        });
        let mut since_commit = 0;
        for outcome in rx {
            if result.is_err() {
                continue;
            }
            match outcome {
                Outcome::Articles { articles, bytes } => {
                    for a in &articles {
                        if let Err(e) = writer.upsert(a) {
                            result = Err(e);
                            break;
                        }
                        report.articles += 1;
                        since_commit += 1;
                    }
                    report.bytes += bytes;
                    events.file_done(bytes);
                }
                Outcome::Skipped(problem) => {
                    events.problem(&problem);
                    report.skipped += 1;
                    events.file_done(0);
                }
            }
            if since_commit >= options.commit_every {
                if let Err(e) = writer.commit() {
                    result = Err(e);
                }
                since_commit = 0;
            }
        }
    });
    result?;
    writer.finish()?;
    report.elapsed = started.elapsed();
    Ok(report)
}
