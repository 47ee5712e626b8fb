//! Assigning duplicate groups at ingest: an article joins the group of the first earlier
//! article whose body is similar enough (see [`crate::dedup`]), else starts its own
//! group, named by its id.
//!
//! Candidates come from two places: the band runs of the index's commits (see
//! [`super::bands`]) and the articles written since (an in-memory band table, written out
//! as a run and emptied at each commit, so memory stays bounded however large the run).
//! A candidate from a run is confirmed against the live index: its article must still
//! be there with the same body (it may have been updated or removed since; an updated
//! article is found again through the run of its new version).
//!
//! Most articles have no near-copy, and searching every run for each of their bands
//! would cost more than it finds. A fixed-size Bloom filter of every band key seen (read
//! from the runs at the start, then kept up to date) answers "never seen" for almost all
//! of them without touching the runs.

use fastbloom::BloomFilter;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, InvertedIndexReader, Searcher, Term, TERMINATED};

use super::bands::{self, Member, Runs};
use super::{Fields, NewsIndex};
use crate::dedup::{Signature, BANDS};
use crate::error::{EngineContext, Result};

/// Candidates compared for one band, among the recent articles and among those of the
/// runs: the most recent ones first. A band shared by many articles (a boilerplate
/// paragraph) says little; a real copy shares most of its 16 bands with the original,
/// and some of them are rare.
const CANDIDATES_PER_BAND: usize = 8;

/// Size of the filter of band keys seen: 8 MB whatever the index size; by the Bloom
/// formula, fewer than one false "maybe" in 10,000 lookups at 200,000 articles.
const FILTER_BITS: usize = 1 << 26;
const FILTER_EXPECTED_KEYS: usize = 4_000_000;

/// End of a chain in the recent band table.
const NONE: u32 = u32::MAX;

/// What confirming a candidate reads from one segment of the last commit.
struct Segment {
    ids: Arc<InvertedIndexReader>,
    body_hashes: Column<u64>,
    groups: StrColumn,
}

/// Finds the group of each new article.
pub struct Grouper {
    fields: Fields,
    threshold: f32,
    /// The generation directory, where the band runs are.
    dir: PathBuf,
    runs: Runs,
    searcher: Searcher,
    /// Per segment of the searcher: its ids and its body hash and group columns.
    segments: Vec<Option<Segment>>,
    /// Articles written since the last commit, and the band table pointing into them:
    /// `heads` holds, for each band key, the entry `article * BANDS + band` of the last
    /// article with it, and `chain[entry]` the entry of the one before (or [`NONE`]), so
    /// the table needs no allocation per key.
    recent: Vec<Recent>,
    heads: FxHashMap<u32, u32>,
    chain: Vec<u32>,
    /// Every band key in the runs or written since: a key it has not seen has no
    /// candidates to look up.
    seen: BloomFilter,
}

/// An article written since the last commit.
struct Recent {
    id: String,
    group: String,
    signature: Signature,
}

impl Grouper {
    /// A grouper over the index's last commit.
    pub fn new(index: &NewsIndex, threshold: f32) -> Result<Grouper> {
        let runs = Runs::open(&index.files)?;
        let mut seen = BloomFilter::with_num_bits(FILTER_BITS).expected_items(FILTER_EXPECTED_KEYS);
        for key in runs.keys() {
            seen.insert(&key);
        }
        let mut g = Grouper {
            fields: index.fields,
            threshold,
            dir: index.files.clone(),
            runs,
            searcher: index.reader()?.searcher(),
            segments: Vec::new(),
            recent: Vec::new(),
            heads: FxHashMap::default(),
            chain: Vec::new(),
            seen,
        };
        g.load_columns()?;
        Ok(g)
    }

    fn load_columns(&mut self) -> Result<()> {
        let id_field = self.fields.id;
        self.segments = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let fast = segment.fast_fields();
                let body_hashes = fast
                    .u64("body_hash")
                    .engine(|| "cannot read body hashes".into())?;
                let groups = fast.str("group").engine(|| "cannot read groups".into())?;
                let ids = segment
                    .inverted_index(id_field)
                    .engine(|| "cannot read article ids".into())?;
                Ok(groups.map(|groups| Segment {
                    ids,
                    body_hashes,
                    groups,
                }))
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// Before a commit: write the articles added since the last one as a band run, so
    /// the commit's articles are found by later ones.
    pub fn persist(&mut self) -> Result<()> {
        let members: Vec<Member> = self
            .recent
            .iter()
            .filter_map(|r| {
                Some(Member {
                    id: bands::number(&r.id)?,
                    group: bands::number(&r.group)?,
                    signature: r.signature.clone(),
                })
            })
            .collect();
        self.runs.add(&members)
    }

    /// After a commit: read the new commit and runs, and forget the in-memory table.
    pub fn committed(&mut self, index: &NewsIndex) -> Result<()> {
        self.searcher = index.reader()?.searcher();
        self.load_columns()?;
        self.runs = Runs::open(&self.dir)?;
        self.recent.clear();
        self.heads.clear();
        self.chain.clear();
        Ok(())
    }

    /// The group of an article with id `id` and signature `sig`, remembered for the
    /// articles that follow.
    pub fn assign(&mut self, id: &str, sig: &Signature) -> Result<String> {
        let bands = sig.bands();
        let group = match self.similar_recent(sig, &bands) {
            Some(group) => group,
            None => self
                .similar_committed(sig, &bands)?
                .unwrap_or_else(|| id.to_string()),
        };
        let first = (self.recent.len() * BANDS) as u32;
        self.recent.push(Recent {
            id: id.to_string(),
            group: group.clone(),
            signature: sig.clone(),
        });
        for (b, band) in bands.into_iter().enumerate() {
            let before = self.heads.insert(band, first + b as u32);
            self.chain.push(before.unwrap_or(NONE));
            self.seen.insert(&band);
        }
        Ok(group)
    }

    fn similar_recent(&self, sig: &Signature, bands: &[u32]) -> Option<String> {
        for band in bands {
            let mut entry = self.heads.get(band).copied().unwrap_or(NONE);
            let mut tried = 0;
            while entry != NONE && tried < CANDIDATES_PER_BAND {
                tried += 1;
                let other = &self.recent[entry as usize / BANDS];
                if other.signature.similarity(sig) >= self.threshold {
                    return Some(other.group.clone());
                }
                entry = self.chain[entry as usize];
            }
        }
        None
    }

    /// Candidates of the committed articles: the members of the runs holding one of
    /// the article's band keys, confirmed against the live index.
    fn similar_committed(&self, sig: &Signature, bands: &[u32]) -> Result<Option<String>> {
        for band in bands.iter().filter(|b| self.seen.contains(b)) {
            for member in self.runs.with_key(*band).take(CANDIDATES_PER_BAND) {
                if member.signature.similarity(sig) < self.threshold {
                    continue;
                }
                if let Some(group) = self.live_group(&member)? {
                    return Ok(Some(group));
                }
            }
        }
        Ok(None)
    }

    /// The group of `member`'s article in the last commit, if it is there with the body
    /// the run describes.
    fn live_group(&self, member: &Member) -> Result<Option<String>> {
        let term = Term::from_field_text(self.fields.id, &bands::name(member.id));
        let mut name = String::new();
        for (ord, segment) in self.segments.iter().enumerate() {
            let Some(segment) = segment else {
                continue;
            };
            let postings = segment
                .ids
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)
                .engine(|| "cannot look up duplicate candidates".into())?;
            let Some(mut postings) = postings else {
                continue;
            };
            let reader = self.searcher.segment_reader(ord as u32);
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !reader.is_deleted(doc)
                    && segment.body_hashes.first(doc) == Some(member.signature.exact)
                    && segment.group(doc, &mut name)
                {
                    return Ok(Some(name));
                }
                doc = postings.advance();
            }
        }
        Ok(None)
    }
}

impl Segment {
    /// The group of document `doc`, into `name`.
    fn group(&self, doc: DocId, name: &mut String) -> bool {
        let Some(ord) = self.groups.term_ords(doc).next() else {
            return false;
        };
        name.clear();
        self.groups.ord_to_str(ord, name).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::state::FileState;
    use crate::index::{doc_id, WriteLock, Writer};
    use crate::search::tests::{article, LONG_STORY};

    const OTHER_STORY: &str = "Shipping companies welcomed the decision on Wednesday and \
        said that larger grain ships would start calling at the port next spring, bringing \
        new jobs to a town that has lost two of its factories in the last decade, while \
        fishermen asked for compensation for the months of work lost.";

    /// One writing session: a writer and a grouper over the last commit.
    struct Session {
        writer: Writer,
        grouper: Grouper,
    }

    impl Session {
        fn new(index: &NewsIndex, lock: &WriteLock) -> Session {
            Session {
                writer: index.writer(50_000_000, lock).unwrap(),
                grouper: Grouper::new(index, crate::dedup::DEFAULT_THRESHOLD).unwrap(),
            }
        }

        fn write(&mut self, name: &str, body: &str) {
            let a: Article = article(name, name, body);
            let state = FileState {
                size: body.len() as u64,
                mtime: 0,
                hash: crate::index::state::content_hash(body.as_bytes()),
            };
            let signed = [(a.clone(), Some(Signature::of(body)))];
            self.writer
                .replace_file(&a.path, state, &signed, Some(&mut self.grouper))
                .unwrap();
        }

        /// As ingest commits: the band run first, then the index, then read it back.
        fn commit(&mut self, index: &NewsIndex) {
            self.grouper.persist().unwrap();
            self.writer.commit().unwrap();
            self.grouper.committed(index).unwrap();
        }
    }

    /// The group of `name`'s article in the last commit.
    fn group(index: &NewsIndex, name: &str) -> String {
        let searcher = index.reader().unwrap().searcher();
        let id = doc_id(&format!("/news/{name}.txt"));
        let doc = crate::search::by_id(&searcher, &index.fields, &id)
            .unwrap()
            .unwrap_or_else(|| panic!("no {name}"));
        crate::search::optional(&doc, index.fields.group).unwrap()
    }

    fn id(name: &str) -> String {
        doc_id(&format!("/news/{name}.txt"))
    }

    #[test]
    fn copies_join_the_group_of_the_first_live_copy() {
        let dir = tempfile::tempdir().unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        let index = NewsIndex::open_or_create(dir.path(), &lock).unwrap();
        // Written together: the copy is found among the articles since the last commit.
        let mut s = Session::new(&index, &lock);
        s.write("first", LONG_STORY);
        s.write("same-batch", LONG_STORY);
        s.write("other", OTHER_STORY);
        s.commit(&index);
        assert_eq!(group(&index, "first"), id("first"));
        assert_eq!(group(&index, "same-batch"), id("first"));
        assert_eq!(group(&index, "other"), id("other"));
        // A later commit: found through the band runs, confirmed in the index.
        s.write("next-commit", LONG_STORY);
        s.commit(&index);
        drop(s);
        let mut s = Session::new(&index, &lock);
        s.write("next-run", LONG_STORY);
        s.commit(&index);
        assert_eq!(group(&index, "next-commit"), id("first"));
        assert_eq!(group(&index, "next-run"), id("first"));
        // A copy with its last word changed is still a copy; a short body never is.
        let edited = LONG_STORY.replace("winter", "spring");
        s.write("edited", &edited);
        s.write("short", "The harbour board approved a plan.");
        s.write("short-copy", "The harbour board approved a plan.");
        s.commit(&index);
        assert_eq!(group(&index, "edited"), id("first"));
        assert_eq!(group(&index, "short-copy"), id("short-copy"));
    }

    #[test]
    fn a_candidate_gone_from_the_index_is_no_group() {
        let dir = tempfile::tempdir().unwrap();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        let index = NewsIndex::open_or_create(dir.path(), &lock).unwrap();
        let mut s = Session::new(&index, &lock);
        s.write("removed", LONG_STORY);
        s.write("rewritten", OTHER_STORY);
        s.commit(&index);
        drop(s);
        // The band runs still hold both articles as they were.
        let mut s = Session::new(&index, &lock);
        s.writer.remove_file("/news/removed.txt");
        s.write("rewritten", "A short note replaces the story.");
        s.commit(&index);
        s.write("copy-of-removed", LONG_STORY);
        s.write("copy-of-old-version", OTHER_STORY);
        s.commit(&index);
        assert_eq!(group(&index, "copy-of-removed"), id("copy-of-removed"));
        assert_eq!(
            group(&index, "copy-of-old-version"),
            id("copy-of-old-version")
        );
    }
}
