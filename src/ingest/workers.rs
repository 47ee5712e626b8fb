//! The readers' side of a run: on the worker threads, every file is looked at
//! (unchanged since it was indexed, or read and extracted, whole or in parts) and what
//! came of it is sent to the writer as an [`Outcome`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::parts::{signed, stream_file, How, Part};
use super::Events;
use crate::article::Article;
use crate::discover::Problem;
use crate::extract::extract_with_warnings;
use crate::index::state::{self, FileState, Recorded};
use crate::readers::{self, Format, Mark};

/// What came of looking at one file (or part of one).
pub(super) enum Outcome {
    /// Articles read from a changed file, in order: all of them, or a part.
    Part(Part),
    Unchanged,
    Skipped(Problem),
}

impl Outcome {
    /// A file that cannot be read, and why.
    pub(super) fn skipped(path: &Path, reason: impl ToString) -> Outcome {
        Outcome::Skipped(Problem {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        })
    }
}

/// Look at every file of `files` (as found, and as recorded) on the current rayon pool,
/// sending each outcome through `tx`. Stops early when `stop` is set or the receiver
/// hangs up.
pub(super) fn look_at_all(
    files: &[(PathBuf, String)],
    known: &FxHashMap<String, Recorded>,
    grouping: bool,
    events: &dyn Events,
    stop: &AtomicBool,
    tx: crossbeam_channel::Sender<Outcome>,
) {
    let _ = files.par_iter().try_for_each_with(tx, |tx, (path, file)| {
        if stop.load(Ordering::Relaxed) {
            return Err(());
        }
        let known = known.get(file);
        let format = Format::for_path(path).unwrap_or(Format::Text);
        if format.streams() {
            let mut send = |outcome: Outcome| tx.send(outcome).is_ok();
            let going = stream_file(path, file, known, format, grouping, events, stop, &mut send);
            return if going { Ok(()) } else { Err(()) };
        }
        let known = known.map(|r| &r.state);
        tx.send(examine(path, file, known, grouping, events))
            .map_err(|_| ())
    });
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
