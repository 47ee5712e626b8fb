//! Assigning duplicate groups at ingest: an article joins the group of the first earlier
//! article whose body is similar enough (see [`crate::dedup`]), else starts its own
//! group, named by its id.
//!
//! Candidates come from two places: the index's last commit (through the indexed band
//! terms) and the articles written since (an in-memory band table, emptied at each
//! commit, so memory stays bounded however large the run).
//!
//! Most articles have no near-copy, and asking every segment of a large index about
//! each of their bands would cost more than indexing them. A fixed-size Bloom filter of
//! every band key seen (read from the index's term dictionaries at the start, then kept
//! up to date) answers "never seen" for almost all of them without touching the index.

use fastbloom::BloomFilter;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use tantivy::columnar::{BytesColumn, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, InvertedIndexReader, Searcher, Term, TERMINATED};

use super::{Fields, NewsIndex};
use crate::dedup::{Signature, BANDS};
use crate::error::{EngineContext, Result};

/// Candidates compared for one band, among the recent articles and among those of the
/// last commit: the most recent ones, then the first indexed. A band shared by many
/// articles (a boilerplate paragraph) says little; a real copy shares most of its 16
/// bands with the original, and some of them are rare.
const CANDIDATES_PER_BAND: usize = 8;

/// Size of the filter of band keys seen: 8 MB whatever the index size; by the Bloom
/// formula, fewer than one false "maybe" in 10,000 lookups at 200,000 articles.
const FILTER_BITS: usize = 1 << 26;
const FILTER_EXPECTED_KEYS: usize = 4_000_000;

/// End of a chain in the recent band table.
const NONE: u32 = u32::MAX;

/// What grouping reads from one segment of the last commit.
struct Segment {
    bands: Arc<InvertedIndexReader>,
    signatures: BytesColumn,
    groups: StrColumn,
}

/// Finds the group of each new article.
pub struct Grouper {
    fields: Fields,
    threshold: f32,
    searcher: Searcher,
    /// Per segment of the searcher: its band terms and its signature and group columns.
    segments: Vec<Option<Segment>>,
    /// Articles written since the last commit: their groups and signatures, and the
    /// band table pointing into them: `heads` holds, for each band key, the entry
    /// `article * BANDS + band` of the last article with it, and `chain[entry]` the
    /// entry of the one before (or [`NONE`]), so the table needs no allocation per key.
    recent: Vec<(String, Signature)>,
    heads: FxHashMap<u64, u32>,
    chain: Vec<u32>,
    /// Every band key in the index or written since: a key it has not seen has no
    /// candidates to look up.
    seen: BloomFilter,
}

impl Grouper {
    /// A grouper over the index's last commit.
    pub fn new(index: &NewsIndex, threshold: f32) -> Result<Grouper> {
        let mut g = Grouper {
            fields: index.fields,
            threshold,
            searcher: index.reader()?.searcher(),
            segments: Vec::new(),
            recent: Vec::new(),
            heads: FxHashMap::default(),
            chain: Vec::new(),
            seen: BloomFilter::with_num_bits(FILTER_BITS).expected_items(FILTER_EXPECTED_KEYS),
        };
        g.load_columns()?;
        g.load_seen()?;
        Ok(g)
    }

    /// Put every band key of the last commit into the filter.
    fn load_seen(&mut self) -> Result<()> {
        for segment in self.searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.dup_band)
                .engine(|| "cannot read duplicate bands".into())?;
            let mut keys = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)
                .engine(|| "cannot read duplicate bands".into())?;
            while keys.advance() {
                if let Ok(key) = <[u8; 8]>::try_from(keys.key()) {
                    self.seen.insert(&u64::from_be_bytes(key));
                }
            }
        }
        Ok(())
    }

    fn load_columns(&mut self) -> Result<()> {
        let band_field = self.fields.dup_band;
        self.segments = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let fast = segment.fast_fields();
                let signatures = fast
                    .bytes("signature")
                    .engine(|| "cannot read signatures".into())?;
                let groups = fast.str("group").engine(|| "cannot read groups".into())?;
                let bands = segment
                    .inverted_index(band_field)
                    .engine(|| "cannot read duplicate bands".into())?;
                Ok(signatures.zip(groups).map(|(signatures, groups)| Segment {
                    bands,
                    signatures,
                    groups,
                }))
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// After a commit: read the new commit and forget the in-memory table.
    pub fn committed(&mut self, index: &NewsIndex) -> Result<()> {
        self.searcher = index.reader()?.searcher();
        self.load_columns()?;
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
        self.recent.push((group.clone(), sig.clone()));
        for (b, band) in bands.into_iter().enumerate() {
            let before = self.heads.insert(band, first + b as u32);
            self.chain.push(before.unwrap_or(NONE));
            self.seen.insert(&band);
        }
        Ok(group)
    }

    fn similar_recent(&self, sig: &Signature, bands: &[u64]) -> Option<String> {
        for band in bands {
            let mut entry = self.heads.get(band).copied().unwrap_or(NONE);
            let mut tried = 0;
            while entry != NONE && tried < CANDIDATES_PER_BAND {
                tried += 1;
                let (group, other) = &self.recent[entry as usize / BANDS];
                if other.similarity(sig) >= self.threshold {
                    return Some(group.clone());
                }
                entry = self.chain[entry as usize];
            }
        }
        None
    }

    /// Candidates of the last commit: the documents holding one of the article's band
    /// keys, read straight from each segment's postings (no scoring).
    fn similar_committed(&self, sig: &Signature, bands: &[u64]) -> Result<Option<String>> {
        let mut bytes = Vec::new();
        let mut name = String::new();
        for band in bands.iter().filter(|b| self.seen.contains(b)) {
            let term = Term::from_field_u64(self.fields.dup_band, *band);
            let mut tried = 0;
            for (ord, segment) in self.segments.iter().enumerate() {
                if tried >= CANDIDATES_PER_BAND {
                    break;
                }
                let Some(segment) = segment else {
                    continue;
                };
                let postings = segment
                    .bands
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)
                    .engine(|| "cannot look up duplicate candidates".into())?;
                let Some(mut postings) = postings else {
                    continue;
                };
                let reader = self.searcher.segment_reader(ord as u32);
                let mut doc = postings.doc();
                while doc != TERMINATED && tried < CANDIDATES_PER_BAND {
                    if !reader.is_deleted(doc) {
                        tried += 1;
                        if segment.similar(doc, sig, self.threshold, &mut bytes, &mut name) {
                            return Ok(Some(name));
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(None)
    }
}

impl Segment {
    /// Whether document `doc` is similar enough to `sig`; if so, its group is in `name`.
    fn similar(
        &self,
        doc: DocId,
        sig: &Signature,
        threshold: f32,
        bytes: &mut Vec<u8>,
        name: &mut String,
    ) -> bool {
        let Some(ord) = self.signatures.term_ords(doc).next() else {
            return false;
        };
        bytes.clear();
        if !self.signatures.ord_to_bytes(ord, bytes).unwrap_or(false) {
            return false;
        }
        let Some(other) = Signature::from_bytes(bytes) else {
            return false;
        };
        if other.similarity(sig) < threshold {
            return false;
        }
        let Some(ord) = self.groups.term_ords(doc).next() else {
            return false;
        };
        name.clear();
        self.groups.ord_to_str(ord, name).unwrap_or(false)
    }
}
