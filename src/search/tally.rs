//! Counting the values of the name columns (`speaker_exact`, ...) among the documents a
//! query matches, and finding the most frequent ones exactly, for [`super::facets`].
//!
//! Each segment counts into one array per column, indexed by the value's ordinal: a
//! match costs an increment per value, and no value is turned into text while counting.
//! Ordinals are local to a segment, so the most frequent values of the whole index are
//! found with the threshold algorithm: take each segment's top `k`, total those values
//! over every segment by looking them up, and stop once the last of the top `limit` is
//! more frequent than any value outside the segments' top `k` can be; otherwise double
//! `k`. Skewed counts (the usual case) settle at the first `k`; with flat ones, once the
//! look-ups would cost more than reading every counted value, every value is read, as a
//! terms aggregation would (and as few matches make cheap).

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::facets::Count;

/// Counts of the columns `columns` among the matches, per segment.
pub struct Tally {
    pub columns: Vec<&'static str>,
}

/// One segment's counts, per column (`None` for a column the segment lacks).
pub struct SegmentCounts {
    columns: Vec<Option<ColumnCounts>>,
}

/// One column of one segment: its dictionary, the count of each ordinal, and the
/// ordinals counted (so that few matches never scan the whole array).
struct ColumnCounts {
    column: StrColumn,
    counts: Vec<u32>,
    counted: Vec<u32>,
}

impl Collector for Tally {
    type Fruit = Vec<SegmentCounts>;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            columns.push(fast.str(name)?.map(|column| {
                let terms = column.dictionary().num_terms();
                ColumnCounts {
                    column,
                    counts: vec![0u32; terms],
                    counted: Vec::new(),
                }
            }));
        }
        Ok(SegmentCounts { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Vec<SegmentCounts>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for c in self.columns.iter_mut().flatten() {
            for ord in c.column.ords().values_for_doc(doc) {
                if let Some(n) = c.counts.get_mut(ord as usize) {
                    if *n == 0 {
                        c.counted.push(ord as u32);
                    }
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
        self
    }
}

/// One segment's view of one column: its dictionary, counts, and the ordinals with a
/// count.
struct Ranked<'a> {
    column: &'a StrColumn,
    counts: &'a [u32],
    /// Ordinals counted at least once; after [`Ranked::top`], its `k` first are the
    /// segment's `k` most frequent (in no order) and the one at `k` the next.
    counted: Vec<u32>,
}

impl Ranked<'_> {
    /// The `k` most frequent ordinals of this segment (ties broken towards the smaller,
    /// that is alphabetically first, ordinal), and the count of the next one (0 when
    /// there is none): what any other value of the segment has at most.
    fn top(&mut self, k: usize) -> (&[u32], u32) {
        if k >= self.counted.len() {
            return (&self.counted, 0);
        }
        let counts = self.counts;
        self.counted.select_nth_unstable_by(k, |&a, &b| {
            counts[b as usize].cmp(&counts[a as usize]).then(a.cmp(&b))
        });
        let next = counts[self.counted[k] as usize];
        (&self.counted[..k], next)
    }

    /// The count of `value` in this segment.
    fn count_of(&self, value: &[u8]) -> std::io::Result<u64> {
        Ok(match self.column.dictionary().term_ord(value)? {
            Some(ord) => self.counts.get(ord as usize).copied().unwrap_or(0).into(),
            None => 0,
        })
    }
}

/// The `limit` most frequent values of column `i` over all segments, most frequent
/// first, ties in alphabetical (byte) order.
pub fn top(segments: &[SegmentCounts], i: usize, limit: usize) -> std::io::Result<Vec<Count>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut ranked: Vec<Ranked> = segments
        .iter()
        .filter_map(|s| s.columns.get(i)?.as_ref())
        .map(|c| Ranked {
            column: &c.column,
            counts: &c.counts,
            counted: c.counted.clone(),
        })
        .collect();
    let longest = ranked.iter().map(|r| r.counted.len()).max().unwrap_or(0);
    let counted: usize = ranked.iter().map(|r| r.counted.len()).sum();
    let mut totals: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut k = limit;
    loop {
        // Once the candidates' look-ups (one per segment each) would cost more than
        // reading every counted value, read them all.
        if k.saturating_mul(ranked.len()).saturating_mul(ranked.len()) >= counted {
            return every_value(&ranked, limit);
        }
        // The values among each segment's top k, totalled over every segment.
        let mut bound = 0u64;
        let mut candidates = Vec::new();
        for r in ranked.iter_mut() {
            let (top, next) = r.top(k);
            bound += u64::from(next);
            let mut ords: Vec<u64> = top.iter().map(|&o| o.into()).collect();
            ords.sort_unstable();
            r.column
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |name| candidates.push(name.to_vec()))?;
        }
        for name in candidates {
            if totals.contains_key(&name) {
                continue;
            }
            let mut total = 0;
            for r in &ranked {
                total += r.count_of(&name)?;
            }
            totals.insert(name, total);
        }
        let mut best: Vec<u64> = totals.values().copied().collect();
        best.sort_unstable_by(|a, b| b.cmp(a));
        // No value outside the segments' top k can come before the last one kept.
        let settled = best.len() >= limit && best[limit - 1] > bound;
        if settled || k >= longest {
            return Ok(ranked_counts(
                totals.iter().map(|(n, &c)| (n, c)).collect(),
                limit,
            ));
        }
        k *= 2;
    }
}

/// The `limit` most frequent values, from every value counted in every segment.
fn every_value(ranked: &[Ranked], limit: usize) -> std::io::Result<Vec<Count>> {
    let mut totals: HashMap<Vec<u8>, u64> = HashMap::new();
    for r in ranked {
        let mut ords: Vec<u64> = r.counted.iter().map(|&o| o.into()).collect();
        ords.sort_unstable();
        let mut at = 0;
        r.column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |name| {
                let n = u64::from(r.counts[ords[at] as usize]);
                at += 1;
                match totals.get_mut(name) {
                    Some(total) => *total += n,
                    None => {
                        totals.insert(name.to_vec(), n);
                    }
                }
            })?;
    }
    Ok(ranked_counts(
        totals.iter().map(|(n, &c)| (n, c)).collect(),
        limit,
    ))
}

/// Values with their totals, most frequent first (ties in byte order), cut to `limit`.
fn ranked_counts(mut best: Vec<(&Vec<u8>, u64)>, limit: usize) -> Vec<Count> {
    best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    best.truncate(limit);
    best.into_iter()
        .map(|(name, count)| Count {
            value: String::from_utf8_lossy(name).into_owned(),
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use tantivy::query::AllQuery;
    use tantivy::TantivyDocument;

    use super::*;
    use crate::index::Fields;

    /// Top values by the definition: every document's values counted, sorted by count,
    /// then by value.
    fn model(segments: &[Vec<BTreeSet<u8>>], limit: usize) -> Vec<Count> {
        let mut totals: HashMap<String, u64> = HashMap::new();
        for doc in segments.iter().flatten() {
            for v in doc {
                *totals.entry(format!("name {v}")).or_default() += 1;
            }
        }
        let mut counts: Vec<Count> = totals
            .into_iter()
            .map(|(value, count)| Count { value, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(limit);
        counts
    }

    fn documents() -> impl Strategy<Value = Vec<Vec<BTreeSet<u8>>>> {
        // Few distinct values, so that counts tie; values skewed towards small numbers.
        let value = prop_oneof![3 => 0u8..4, 1 => 0u8..40];
        let doc = prop::collection::btree_set(value, 0..4);
        prop::collection::vec(prop::collection::vec(doc, 1..30), 1..5)
    }

    proptest! {
        #![proptest_config(crate::proptest_config(48))]

        #[test]
        fn the_top_values_are_those_of_a_plain_count(segments in documents(), limit in 1usize..12) {
            let (schema, fields) = Fields::build();
            let index = tantivy::Index::create_in_ram(schema);
            crate::index::schema::register_analyzers(&index);
            let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            for segment in &segments {
                for values in segment {
                    let mut doc = TantivyDocument::new();
                    for v in values {
                        doc.add_text(fields.speaker_exact, format!("name {v}"));
                    }
                    writer.add_document(doc).unwrap();
                }
                writer.commit().unwrap();
            }
            let searcher = index.reader().unwrap().searcher();
            prop_assert_eq!(searcher.segment_readers().len(), segments.len());
            let tally = Tally { columns: vec!["speaker_exact"] };
            let counted = searcher.search(&AllQuery, &tally).unwrap();
            prop_assert_eq!(top(&counted, 0, limit).unwrap(), model(&segments, limit));
        }
    }
}
