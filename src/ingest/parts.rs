//! Files read in parts: what to read of a file that holds many articles (nothing, all of
//! it, the rest after an interrupted run's last commit, or what was appended), reading
//! it as a stream with its articles extracted a chunk at a time over all cores, and
//! writing each part. [`super`] runs the files and the writer; the readers find the
//! articles.

use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::workers::Outcome;
use super::Events;
use crate::article::{Article, RawArticle};
use crate::dedup::Signature;
use crate::error::Result;
use crate::extract::extract_with_warnings;
use crate::index::groups::Grouper;
use crate::index::guard::Withheld;
use crate::index::state::{self, FileState, Progress, Recorded};
use crate::index::Writer;
use crate::readers::{self, Format, Input, Mark};

/// Articles of one file, with what the writer needs to know about the file.
pub(super) struct Part {
    pub(super) file: String,
    pub(super) state: FileState,
    pub(super) articles: Vec<(Article, Option<Signature>)>,
    /// Where a later run goes on after these articles.
    pub(super) mark: Mark,
    pub(super) first: bool,
    pub(super) last: bool,
    pub(super) how: How,
    /// Bytes read from the file (on its last part).
    pub(super) bytes: u64,
}

/// How a changed file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// From the start, replacing all the documents of the file, if it has any.
    Whole { new: bool },
    /// From where an interrupted run's last commit ended.
    Resumed { replaces: bool },
    /// From the old end of a file that only grew: its old documents stay.
    Appended,
}

impl How {
    /// Whether the file's documents of another state go once it has been read.
    pub(super) fn replaces(self) -> bool {
        match self {
            How::Whole { new } => !new,
            How::Resumed { replaces } => replaces,
            How::Appended => false,
        }
    }
}

/// Articles with their signatures, when grouping.
pub(super) fn signed(articles: Vec<Article>, grouping: bool) -> Vec<(Article, Option<Signature>)> {
    articles
        .into_iter()
        .map(|a| {
            let signature = grouping.then(|| Signature::of(&a.body));
            (a, signature)
        })
        .collect()
}

/// What to do with a file read in parts: nothing (unchanged), or read it from a mark.
fn plan(
    path: &Path,
    known: Option<&Recorded>,
    format: Format,
    meta: &std::fs::Metadata,
) -> std::io::Result<Option<(FileState, Mark, How)>> {
    let (size, mtime) = (meta.len(), state::mtime_ns(meta));
    let same = |s: &FileState| s.size == size && s.mtime == mtime;
    let resume = |p: &Progress| {
        Some((
            p.state,
            p.mark,
            How::Resumed {
                replaces: p.replaces,
            },
        ))
    };
    match known {
        Some(k) if k.progress.is_none() && same(&k.state) => return Ok(None),
        Some(Recorded {
            progress: Some(p), ..
        }) if same(&p.state) => return Ok(resume(p)),
        _ => {}
    }
    // The old length of a file that may only have grown: its hash tells.
    let old_end = known
        .filter(|k| k.progress.is_none() && format.appends() && k.state.size < size)
        .map(|k| k.state.size);
    let hashes = state::hash_file(path, old_end)?;
    let state = FileState {
        size: hashes.size,
        mtime,
        hash: hashes.hash,
    };
    let Some(k) = known else {
        return Ok(Some((state, Mark::START, How::Whole { new: true })));
    };
    if k.state.size == state.size && k.state.hash == state.hash {
        // Touched, not changed.
        return Ok(k.progress.as_ref().and_then(resume));
    }
    let appended = hashes
        .prefix
        .filter(|p| p.hash == k.state.hash && (format != Format::Ndjson || p.ends_line));
    Ok(Some(match appended {
        Some(prefix) => {
            // Lines are numbered by line, pages by page: the old file's documents.
            let base = match format {
                Format::Ndjson => prefix.lines,
                _ => k.documents,
            };
            (state, Mark::at(k.state.size, base, base), How::Appended)
        }
        None => (state, Mark::START, How::Whole { new: false }),
    }))
}

/// Extract a chunk of articles in parallel; a chunk that makes extraction panic is
/// skipped with a warning.
fn extract_chunk(
    path: &Path,
    chunk: &[(RawArticle, Mark)],
    grouping: bool,
    events: &dyn Events,
) -> Vec<(Article, Option<Signature>)> {
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        chunk
            .par_iter()
            .map(|(raw, _)| extract_with_warnings(raw))
            .collect::<Vec<_>>()
    }));
    let Ok(extracted) = extracted else {
        let first = chunk.first().map_or("", |(a, _)| a.locator.as_str());
        events.warning(
            path,
            &format!(
                "internal error while extracting {} articles from {first} on; skipped",
                chunk.len()
            ),
        );
        return Vec::new();
    };
    let articles = extracted
        .into_iter()
        .map(|(article, warnings)| {
            for w in &warnings {
                events.warning(path, w);
            }
            article
        })
        .collect();
    signed(articles, grouping)
}

/// Look at one file of a format read in parts: unchanged, or read (from the start, from
/// where an interrupted run's last commit ended, or from the old end of a file that only
/// grew) and handed to `send` in parts as it is read. False once `send` fails or `stop`
/// is set: the run is ending.
#[allow(clippy::too_many_arguments)]
pub(super) fn stream_file(
    path: &Path,
    file: &str,
    known: Option<&Recorded>,
    format: Format,
    grouping: bool,
    events: &dyn Events,
    stop: &AtomicBool,
    send: &mut dyn FnMut(Outcome) -> bool,
) -> bool {
    let skipped = |reason: String| Outcome::skipped(path, reason);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return send(skipped(e.to_string())),
    };
    let (state, start, how) = match plan(path, known, format, &meta) {
        Ok(Some(plan)) => plan,
        Ok(None) => {
            events.file_done(meta.len());
            return send(Outcome::Unchanged);
        }
        Err(e) => return send(skipped(e.to_string())),
    };
    let opened = std::fs::File::open(path).and_then(|mut f| {
        std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(start.offset))?;
        Ok(f)
    });
    let reader = match opened {
        Ok(f) => std::io::BufReader::with_capacity(256 * 1024, f),
        Err(e) => return send(skipped(e.to_string())),
    };
    // What an earlier run read counts as passed.
    events.bytes_read(start.offset);
    let progress = |bytes: u64| events.bytes_read(bytes);
    let mut input = Input::new(Box::new(reader), start.offset).with_progress(&progress);
    let mut held: Option<Part> = None;
    let mut ended = false;
    let mut sink = |chunk: Vec<(RawArticle, Mark)>| {
        if stop.load(Ordering::Relaxed) {
            ended = true;
            return ControlFlow::Break(());
        }
        let Some(&(_, mark)) = chunk.last() else {
            return ControlFlow::Continue(());
        };
        let part = Part {
            file: file.to_string(),
            state,
            articles: extract_chunk(path, &chunk, grouping, events),
            mark,
            first: held.is_none(),
            last: false,
            how,
            bytes: 0,
        };
        // One part is held back, to be sent as the last when the file ends.
        if let Some(previous) = held.replace(part) {
            if !send(Outcome::Part(previous)) {
                ended = true;
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    };
    // A bug that panics on some odd input must cost one file, not the whole run.
    let read = catch_unwind(AssertUnwindSafe(|| {
        readers::stream(file, path, &mut input, start, &mut sink)
    }))
    .unwrap_or_else(|_| Err("internal error while reading this file".into()));
    drop(input);
    if ended {
        return false;
    }
    let sent = held.is_some();
    match read {
        Err(reason) if !sent && matches!(how, How::Whole { .. }) => {
            return send(skipped(reason));
        }
        // Read on from a mark, or cut short after some articles: the file ends here.
        Err(reason) => events.warning(path, &reason),
        Ok(warnings) => warnings.iter().for_each(|w| events.warning(path, w)),
    }
    let mut last = held.take().unwrap_or(Part {
        file: file.to_string(),
        state,
        articles: Vec::new(),
        mark: start,
        first: true,
        last: true,
        how,
        bytes: 0,
    });
    last.last = true;
    last.bytes = state.size.saturating_sub(start.offset);
    events.file_done(0);
    send(Outcome::Part(last))
}

/// Write one part of a file. A file read whole in one part replaces its documents at
/// once; one read in several parts replaces them article by article, and what is left
/// of its old version goes with its last part.
pub(super) fn write_part(
    writer: &mut Writer,
    part: &Part,
    keep_stale: bool,
    grouper: Option<&mut Grouper>,
) -> Result<()> {
    if part.first && part.last && matches!(part.how, How::Whole { .. }) {
        return writer.replace_file(&part.file, part.state, &part.articles, grouper);
    }
    writer.add_articles(&part.file, part.state, &part.articles, grouper)?;
    if part.last && part.how.replaces() && !keep_stale {
        writer.remove_stale(&part.file, part.state)?;
    }
    Ok(())
}

/// For the last part of a file read again whole in several parts: how many of its
/// recorded documents its new version would remove, for the guard on removals (a file
/// that lost most of its articles is more likely cut short than edited). `rewritten`
/// counts the articles written so far of each such file.
pub(super) fn shrunk(
    rewritten: &mut FxHashMap<String, u64>,
    part: &Part,
    known: &FxHashMap<String, Recorded>,
) -> Option<Withheld> {
    if part.how != (How::Whole { new: false }) || (part.first && part.last) {
        return None;
    }
    *rewritten.entry(part.file.clone()).or_default() += part.articles.len() as u64;
    if !part.last {
        return None;
    }
    let written = rewritten.remove(&part.file).unwrap_or(0);
    let recorded = known.get(&part.file).map_or(0, |r| r.documents);
    Some(Withheld {
        path: PathBuf::from(&part.file),
        absolute: part.file.clone(),
        removing: recorded.saturating_sub(written),
        recorded,
    })
}
