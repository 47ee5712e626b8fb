//! Every matching article, for export: the stored articles a query matches (all of them,
//! not a page), in index order or by date, optionally one per duplicate group, loaded in
//! batches.
//!
//! A collector reads the date and group columns of every match (no document is loaded to
//! order or collapse them); the stored documents are then loaded a batch at a time, the
//! articles of one batch in parallel. Writing them in a format is left to
//! [`crate::export`].

use rayon::prelude::*;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::query::{self, DateFilter, NameFilter};
use super::{load, stored, Snapshot, Stored};
use crate::error::{EngineContext, Result};

/// Articles loaded at a time: enough to keep every core busy, few enough that a batch
/// stays a few megabytes.
const BATCH: usize = 512;

/// In what order the articles are exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// The order of the index (segments, then documents): the fastest to read.
    #[default]
    Index,
    /// Newest first, as `search --sort date`; undated articles last, in index order.
    Date,
}

/// An export to run.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// Query in tantivy syntax; empty matches every article.
    pub query: String,
    /// Only articles whose speakers or organizations hold these names.
    pub names: Vec<NameFilter>,
    pub dates: DateFilter,
    pub order: Order,
    /// Keep only the first article of each duplicate group, in the export's order.
    pub collapse_copies: bool,
}

/// The matching articles of one commit, in export order, not yet loaded.
pub struct Matches {
    addresses: Vec<DocAddress>,
}

impl Matches {
    /// Number of articles to export.
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// The stored articles, a batch at a time, in export order. Each batch is loaded in
    /// parallel.
    pub fn batches<'s>(
        &'s self,
        snapshot: &'s Snapshot<'s>,
    ) -> impl Iterator<Item = Result<Vec<Stored>>> + 's {
        let f = snapshot.index.fields;
        self.addresses.chunks(BATCH).map(move |chunk| {
            chunk
                .par_iter()
                .map(|&address| Ok(stored(&f, &load(&snapshot.searcher, address)?)))
                .collect()
        })
    }
}

/// Find every article matching `request`, in the order asked for.
pub fn matches(snapshot: &Snapshot, request: &ExportRequest) -> Result<Matches> {
    let parsed = query::parse_with_names(snapshot, &request.query, &request.dates, &request.names)?;
    let collector = MatchCollector {
        groups: request.collapse_copies,
    };
    let mut found = snapshot
        .searcher
        .search(&*parsed.query, &collector)
        .engine(|| format!("export of {:?} failed", request.query))?;
    // Segments are collected in parallel; index order is segment, then document.
    found.sort_unstable_by_key(|m| (m.address.segment_ord, m.address.doc_id));
    if request.order == Order::Date {
        // Stable: articles of one day (and the undated) stay in index order.
        found.sort_by_key(|m| std::cmp::Reverse(m.date.unwrap_or(i64::MIN)));
    }
    if request.collapse_copies {
        let mut seen = std::collections::HashSet::new();
        found.retain(|m| m.group.as_ref().is_none_or(|g| seen.insert(g.clone())));
    }
    Ok(Matches {
        addresses: found.into_iter().map(|m| m.address).collect(),
    })
}

/// One matching document: where it is, its date and its duplicate group.
struct Match {
    address: DocAddress,
    /// Seconds since the epoch.
    date: Option<i64>,
    group: Option<Box<str>>,
}

/// Collects every matching document with its date and, when asked, its group.
struct MatchCollector {
    groups: bool,
}

struct SegmentMatches {
    segment: SegmentOrdinal,
    dates: Column<DateTime>,
    groups: Option<StrColumn>,
    found: Vec<Match>,
}

impl Collector for MatchCollector {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let fast = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            dates: fast.date("date")?,
            groups: if self.groups {
                fast.str("group")?
            } else {
                None
            },
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let group = self.groups.as_ref().and_then(|column| {
            let ord = column.ords().first(doc)?;
            let mut name = String::new();
            column.ord_to_str(ord, &mut name).ok()?;
            Some(name.into_boxed_str())
        });
        self.found.push(Match {
            address: DocAddress::new(self.segment, doc),
            date: self.dates.first(doc).map(|d| d.into_timestamp_secs()),
            group,
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.found
    }
}
