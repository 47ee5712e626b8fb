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
use tantivy::collector::TopDocs;
use tantivy::columnar::{BytesColumn, StrColumn};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::{Fields, NewsIndex};
use crate::dedup::Signature;
use crate::error::{EngineContext, Result};

/// Candidates read from the index for one band.
const CANDIDATES_PER_BAND: usize = 8;

/// Size of the filter of band keys seen: 8 MB whatever the index size, with about one
/// false "maybe" in 3,000 lookups at 250,000 articles (16 keys each).
const FILTER_BITS: usize = 1 << 26;
const FILTER_EXPECTED_KEYS: usize = 4_000_000;

/// Finds the group of each new article.
pub struct Grouper {
    fields: Fields,
    threshold: f32,
    searcher: Searcher,
    /// Per segment of the searcher: the signature and group columns.
    columns: Vec<Option<(BytesColumn, StrColumn)>>,
    /// Articles written since the last commit: their groups and signatures, and the
    /// band table pointing into them.
    recent: Vec<(String, Signature)>,
    bands: FxHashMap<u64, Vec<usize>>,
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
            columns: Vec::new(),
            recent: Vec::new(),
            bands: FxHashMap::default(),
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
        self.columns = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let fast = segment.fast_fields();
                let signature = fast
                    .bytes("signature")
                    .engine(|| "cannot read signatures".into())?;
                let group = fast.str("group").engine(|| "cannot read groups".into())?;
                Ok(signature.zip(group))
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// After a commit: read the new commit and forget the in-memory table.
    pub fn committed(&mut self, index: &NewsIndex) -> Result<()> {
        self.searcher = index.reader()?.searcher();
        self.load_columns()?;
        self.recent.clear();
        self.bands.clear();
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
        let at = self.recent.len();
        self.recent.push((group.clone(), sig.clone()));
        for band in bands {
            self.bands.entry(band).or_default().push(at);
            self.seen.insert(&band);
        }
        Ok(group)
    }

    fn similar_recent(&self, sig: &Signature, bands: &[u64]) -> Option<String> {
        bands
            .iter()
            .filter_map(|b| self.bands.get(b))
            .flatten()
            .map(|&i| &self.recent[i])
            .find(|(_, other)| other.similarity(sig) >= self.threshold)
            .map(|(group, _)| group.clone())
    }

    fn similar_committed(&self, sig: &Signature, bands: &[u64]) -> Result<Option<String>> {
        let mut bytes = Vec::new();
        let mut name = String::new();
        for band in bands.iter().filter(|b| self.seen.contains(b)) {
            let query = TermQuery::new(
                Term::from_field_u64(self.fields.dup_band, *band),
                IndexRecordOption::Basic,
            );
            let found = self
                .searcher
                .search(
                    &query,
                    &TopDocs::with_limit(CANDIDATES_PER_BAND).order_by_score(),
                )
                .engine(|| "cannot look up duplicate candidates".into())?;
            for (_, address) in found {
                let Some(Some((signatures, groups))) =
                    self.columns.get(address.segment_ord as usize)
                else {
                    continue;
                };
                let Some(ord) = signatures.term_ords(address.doc_id).next() else {
                    continue;
                };
                bytes.clear();
                if !signatures.ord_to_bytes(ord, &mut bytes).unwrap_or(false) {
                    continue;
                }
                let Some(other) = Signature::from_bytes(&bytes) else {
                    continue;
                };
                if other.similarity(sig) < self.threshold {
                    continue;
                }
                let Some(ord) = groups.term_ords(address.doc_id).next() else {
                    continue;
                };
                name.clear();
                if groups.ord_to_str(ord, &mut name).unwrap_or(false) {
                    return Ok(Some(name));
                }
            }
        }
        Ok(None)
    }
}
