//! Counting the matches of a query as `search` lists them, each duplicate group once,
//! without turning a group's name into text per search.
//!
//! A group's ordinal in the `group` column is local to its segment, and a group may have
//! copies in several segments. [`GroupIds`] numbers the groups of one commit across its
//! segments, once (the server keeps it per commit: see [`super::memo`]); a search then
//! marks the number of each matching copy's group in a bit set, and counts the marks.
//! The timeline, which needs each group's days, reads the groups its own way
//! ([`super::timeline`]).

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::{EngineContext, Result};

/// The duplicate groups of one commit, numbered across its segments.
pub struct GroupIds {
    /// Per segment (in the searcher's order), the number of each group ordinal.
    segments: Vec<Vec<u32>>,
    /// How many groups the commit has.
    groups: usize,
}

impl GroupIds {
    /// Number the groups of the commit `searcher` sees.
    pub fn of(searcher: &Searcher) -> Result<GroupIds> {
        let context = || "cannot read the duplicate groups".to_string();
        let mut ids: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let mut numbers = Vec::new();
            if let Some(column) = segment.fast_fields().str("group").engine(context)? {
                numbers.reserve(column.num_terms());
                let mut names = column
                    .dictionary()
                    .stream()
                    .map_err(tantivy::TantivyError::from)
                    .engine(context)?;
                while names.advance() {
                    let next = ids.len() as u32;
                    numbers.push(*ids.entry(names.key().to_vec()).or_insert(next));
                }
            }
            segments.push(numbers);
        }
        Ok(GroupIds {
            segments,
            groups: ids.len(),
        })
    }
}

/// Counts the matching articles: every copy (`groups` false), or a duplicate group once.
pub struct DistinctCount {
    pub ids: Arc<GroupIds>,
    pub groups: bool,
}

/// [`DistinctCount`] in one segment.
pub struct SegmentDistinct {
    ids: Arc<GroupIds>,
    segment: usize,
    column: Option<StrColumn>,
    counts: Counts,
}

/// Matches outside any group (or every match, when groups are not read), and the
/// groups seen, one bit each.
#[derive(Default)]
pub struct Counts {
    single: u64,
    seen: Vec<u64>,
}

impl Counts {
    /// Articles counted, each group once.
    pub fn total(&self) -> u64 {
        self.single
            + self
                .seen
                .iter()
                .map(|w| u64::from(w.count_ones()))
                .sum::<u64>()
    }
}

impl Collector for DistinctCount {
    type Fruit = Counts;
    type Child = SegmentDistinct;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDistinct> {
        let column = if self.groups {
            segment.fast_fields().str("group")?
        } else {
            None
        };
        let seen = if column.is_some() {
            vec![0; self.ids.groups.div_ceil(64)]
        } else {
            Vec::new()
        };
        Ok(SegmentDistinct {
            ids: Arc::clone(&self.ids),
            segment: ord as usize,
            column,
            counts: Counts { single: 0, seen },
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for fruit in fruits {
            all.single += fruit.single;
            if all.seen.len() < fruit.seen.len() {
                all.seen.resize(fruit.seen.len(), 0);
            }
            for (a, b) in all.seen.iter_mut().zip(&fruit.seen) {
                *a |= b;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDistinct {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let id = self
            .column
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .and_then(|ord| {
                self.ids
                    .segments
                    .get(self.segment)
                    .and_then(|numbers| numbers.get(ord as usize))
            });
        match id {
            Some(&id) => self.counts.seen[id as usize / 64] |= 1 << (id % 64),
            None => self.counts.single += 1,
        }
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Fields;
    use tantivy::query::AllQuery;
    use tantivy::TantivyDocument;

    #[test]
    fn a_group_counts_once_across_segments_unless_every_copy_is_counted() {
        let (schema, fields) = Fields::build();
        let index = tantivy::Index::create_in_ram(schema);
        crate::index::schema::register_analyzers(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // One segment per commit: group "a" has copies in all three, "c" in one; one
        // article has no group.
        for segment in [
            &[Some("a"), Some("b")][..],
            &[Some("a"), None],
            &[Some("c"), Some("a")],
        ] {
            for group in segment {
                let mut doc = TantivyDocument::new();
                if let Some(g) = group {
                    doc.add_text(fields.group, g);
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let ids = Arc::new(GroupIds::of(&searcher).unwrap());
        assert_eq!(ids.groups, 3);
        let count = |groups| {
            let collector = DistinctCount {
                ids: Arc::clone(&ids),
                groups,
            };
            searcher.search(&AllQuery, &collector).unwrap().total()
        };
        // a, b, c and the article without a group.
        assert_eq!(count(true), 4);
        assert_eq!(count(false), 6);
    }
}
