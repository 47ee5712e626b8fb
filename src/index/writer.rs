//! Writing articles: one document per article, replaced in place when the same source
//! is indexed again (delete by id, then add), committed in batches. Each commit carries
//! the list of files it holds in part (see [`super::state::Progress`]).
//!
//! Test hooks: in builds with debug assertions (the builds tests run), the environment
//! variable `NEWSIDX_TEST_FAIL_WRITE=N` makes the Nth article this writer adds fail as a
//! full disk would, so that tests can check how a run ends on a write error (whatever
//! user they run as; read-only permissions do not stop root); and
//! `NEWSIDX_TEST_COMMIT_PAUSE_MS=N` makes every commit wait N milliseconds before it
//! starts (the duplicate-band run of its articles is written by then) and again once it
//! is durable, so that tests can kill a run at those moments. Release builds never read
//! them.

use std::ops::Bound;

use tantivy::indexer::LogMergePolicy;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::{DateTime, IndexWriter, TantivyError, Term};

use super::groups::Grouper;
use super::state::{self, FileState, Saved};
use super::{doc_id, Fields, NewsIndex};
use crate::article::Article;
use crate::dedup::Signature;
use crate::error::{EngineContext, Error, IoContext, Result};

/// The index writer, holding the index's lock until dropped.
pub struct Writer {
    inner: IndexWriter,
    fields: Fields,
    dir: std::path::PathBuf,
    /// The index held no documents when the writer opened: nothing can need deleting,
    /// so a first full run (and every `reindex`) skips the delete-before-add.
    fresh: bool,
    /// Articles added so far, and the one that fails by the test hook.
    added: u64,
    fail_at: Option<u64>,
    /// The payload of the next commit: which files it holds in part.
    payload: String,
    /// How long to wait before and after each commit (test hook).
    commit_pause: Option<std::time::Duration>,
}

/// The article number `NEWSIDX_TEST_FAIL_WRITE` asks to fail (see the module comment).
#[cfg(debug_assertions)]
fn forced_failure() -> Option<u64> {
    std::env::var("NEWSIDX_TEST_FAIL_WRITE").ok()?.parse().ok()
}

#[cfg(not(debug_assertions))]
fn forced_failure() -> Option<u64> {
    None
}

/// The pause `NEWSIDX_TEST_COMMIT_PAUSE_MS` asks for around each commit (see the
/// module comment).
#[cfg(debug_assertions)]
fn commit_pause() -> Option<std::time::Duration> {
    let ms = std::env::var("NEWSIDX_TEST_COMMIT_PAUSE_MS")
        .ok()?
        .parse()
        .ok()?;
    Some(std::time::Duration::from_millis(ms))
}

#[cfg(not(debug_assertions))]
fn commit_pause() -> Option<std::time::Duration> {
    None
}

/// Segments with more live documents than this are never merged.
const MERGE_MAX_DOCS: usize = 5_000;

/// Merging rewrites segments, reading them whole: merging the large segments a big run
/// writes (tens of thousands of articles each) would cost time and as much memory as
/// the segments' size. Only small segments, such as those of small incremental runs,
/// are merged, eight at a time; a segment that loses most of its documents to updates
/// becomes small and is merged again.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    policy
}

/// The smallest writer budget tantivy accepts per indexing thread.
pub const MIN_MEMORY_PER_THREAD: usize = 15_000_000;

/// How many threads tantivy indexes with: one for every two cores, within the memory
/// budget. Extraction, on all cores, takes about twice the CPU time indexing does, so
/// this keeps up with it; and every indexing thread keeps its own segment, with its own
/// table of terms and memo of stems, so that on two cores two threads cost 7% more CPU
/// time than one for the same work (a full index of the benchmark's 50,000 articles).
fn indexing_threads(memory_bytes: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores / 2)
        .clamp(1, 8)
        .min((memory_bytes / MIN_MEMORY_PER_THREAD).max(1))
}

impl Writer {
    pub(super) fn new(index: &NewsIndex, memory_bytes: usize) -> Result<Writer> {
        let threads = indexing_threads(memory_bytes);
        let inner = index
            .index
            .writer_with_num_threads(threads, memory_bytes.max(MIN_MEMORY_PER_THREAD))
            .map_err(|err| match err {
                TantivyError::LockFailure(..) => Error::Locked(index.dir.clone()),
                other => Error::Engine {
                    context: format!("cannot open index {} for writing", index.dir.display()),
                    source: other,
                },
            })?;
        inner.set_merge_policy(Box::new(merge_policy()));
        let fresh = index.reader()?.searcher().segment_readers().is_empty();
        Ok(Writer {
            inner,
            fields: index.fields,
            dir: index.dir.clone(),
            fresh,
            added: 0,
            fail_at: forced_failure(),
            payload: String::new(),
            commit_pause: commit_pause(),
        })
    }

    /// Replace everything indexed from source file `file` by `articles` (all read
    /// from it now), recording the file's state for change detection. With a
    /// `grouper`, each article with a signature also gets its duplicate group; without
    /// signatures (grouping off) each article is a group of its own.
    pub fn replace_file(
        &mut self,
        file: &str,
        state: FileState,
        articles: &[(Article, Option<Signature>)],
        grouper: Option<&mut Grouper>,
    ) -> Result<()> {
        if !self.fresh {
            self.remove_file(file);
        }
        self.add_articles(file, state, articles, grouper)
    }

    /// Add `articles` read from source file `file` now, replacing the documents of the
    /// same ids and leaving the file's other documents alone.
    pub fn add_articles(
        &mut self,
        file: &str,
        state: FileState,
        articles: &[(Article, Option<Signature>)],
        mut grouper: Option<&mut Grouper>,
    ) -> Result<()> {
        for (article, signature) in articles {
            let id = doc_id(&article.path);
            if !self.fresh {
                // An id is unique too when a file's path changed spelling: delete by id.
                self.inner
                    .delete_term(Term::from_field_text(self.fields.id, &id));
            }
            let mut doc = to_document(&self.fields, &id, article);
            let f = &self.fields;
            doc.add_text(f.file, file);
            doc.add_u64(f.file_size, state.size);
            doc.add_i64(f.file_mtime, state.mtime);
            doc.add_u64(f.file_hash, state.hash);
            let signature = signature.as_ref().filter(|s| s.groupable());
            let group = match (grouper.as_deref_mut(), signature) {
                (Some(g), Some(s)) => g.assign(&id, s)?,
                _ => id.clone(),
            };
            doc.add_text(f.group, &group);
            if let Some(signature) = signature {
                doc.add_u64(f.body_hash, signature.exact);
            }
            let context = || {
                format!(
                    "cannot add {} to index {}",
                    article.path,
                    self.dir.display()
                )
            };
            self.added += 1;
            if self.fail_at == Some(self.added) {
                let forced = std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "failure forced by NEWSIDX_TEST_FAIL_WRITE",
                );
                return Err(forced).io(context);
            }
            self.inner.add_document(doc).engine(context)?;
        }
        Ok(())
    }

    /// Delete the documents of source file `file` that were not written with `state`:
    /// what is left of an earlier version once the new one has been read in full.
    pub fn remove_stale(&mut self, file: &str, state: FileState) -> Result<()> {
        if self.fresh {
            return Ok(());
        }
        let f = &self.fields;
        let hash = Term::from_field_u64(f.file_hash, state.hash);
        let stale = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.file, file),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::MustNot,
                Box::new(RangeQuery::new(
                    Bound::Included(hash.clone()),
                    Bound::Included(hash),
                )) as Box<dyn Query>,
            ),
        ]);
        self.inner
            .delete_query(Box::new(stale))
            .engine(|| format!("cannot update index {}", self.dir.display()))?;
        Ok(())
    }

    /// Record what the next commit holds beside its documents: the files it holds in
    /// part (see [`super::state::Progress`]).
    pub fn set_saved(&mut self, saved: &Saved) {
        self.payload = state::payload(saved);
    }

    /// Delete every document read from source file `file`.
    pub fn remove_file(&mut self, file: &str) {
        self.inner
            .delete_term(Term::from_field_text(self.fields.file, file));
    }

    /// Make everything added so far durable and visible to new readers.
    pub fn commit(&mut self) -> Result<()> {
        let context = || format!("cannot commit index {}", self.dir.display());
        if let Some(pause) = self.commit_pause {
            std::thread::sleep(pause);
        }
        let mut prepared = self.inner.prepare_commit().engine(context)?;
        prepared.set_payload(&self.payload);
        prepared.commit().engine(context)?;
        if let Some(pause) = self.commit_pause {
            std::thread::sleep(pause);
        }
        Ok(())
    }

    /// Commit, then wait for background merges so the index is compact when we exit.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.inner
            .wait_merging_threads()
            .engine(|| format!("cannot finish merging index {}", self.dir.display()))
    }
}

/// Parse a `YYYY-MM-DD` date into the index's date type.
pub fn parse_date(date: &str) -> Option<DateTime> {
    use tantivy::time::{Date, Month};
    let mut parts = date.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(DateTime::from_utc(date.midnight().assume_utc()))
}

/// Format an index date as `YYYY-MM-DD`.
pub fn format_date(date: DateTime) -> String {
    let d = date.into_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn to_document(f: &Fields, id: &str, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, id);
    doc.add_text(f.path, &a.path);
    doc.add_text(f.headline, &a.headline);
    doc.add_text(f.body, &a.body);
    if let Some(source) = &a.source {
        doc.add_text(f.source, source);
        doc.add_text(f.source_exact, source);
    }
    if let Some(byline) = &a.byline {
        doc.add_text(f.byline, byline);
    }
    if let Some(dateline) = &a.dateline {
        doc.add_text(f.dateline, dateline);
    }
    if let Some(date) = a.date.as_deref().and_then(parse_date) {
        doc.add_date(f.date, date);
    }
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    for (values, field, exact) in [
        (&a.speakers, f.speaker, f.speaker_exact),
        (&a.organizations, f.org, f.org_exact),
        (&a.persons, f.person, f.person_exact),
    ] {
        for v in values {
            doc.add_text(field, v);
            doc.add_text(exact, v);
        }
    }
    for pair in crate::entities::evidence::defined_acronyms(a) {
        doc.add_text(f.alias_pairs, pair);
    }
    for q in &a.quotes {
        doc.add_text(f.quote, &q.text);
    }
    doc.add_text(
        f.quotes_json,
        serde_json::to_string(&a.quotes).expect("quotes serialise"),
    );
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let d = parse_date("2014-05-20").unwrap();
        assert_eq!(format_date(d), "2014-05-20");
        assert!(parse_date("2014-13-01").is_none());
        assert!(parse_date("nonsense").is_none());
    }
}
