//! Listing duplicate groups: stories indexed more than once (wire copies, reprints,
//! files saved twice) with their members and representative.

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::query::{self, DateFilter};
use super::{check_page, date, load, text, Snapshot};
use crate::error::{EngineContext, Result};

/// A group of copies of one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub group: String,
    /// Paths of the members: the representative first, then by date and path.
    pub members: Vec<String>,
    /// The first-indexed member, or the earliest when it is gone.
    pub representative: String,
}

/// Groups with two or more members among the articles matching `query` (all when empty),
/// largest first, at most `limit`.
pub fn groups(snapshot: &Snapshot, query: &str, limit: usize) -> Result<Vec<Group>> {
    check_page(limit, 0)?;
    let index = snapshot.index;
    let parsed = query::parse(snapshot, query, &DateFilter::default())?;
    let searcher = &snapshot.searcher;
    let request = serde_json::json!({
        "groups": { "terms": { "field": "group", "size": 100_000, "min_doc_count": 2 } }
    });
    let aggs: Aggregations = serde_json::from_value(request).expect("aggregation request is valid");
    let result = searcher
        .search(
            &*parsed.query,
            &AggregationCollector::from_aggs(aggs, Default::default()),
        )
        .engine(|| "cannot list duplicate groups".into())?;
    let json = serde_json::to_value(result).unwrap_or_default();
    let mut names: Vec<(String, u64)> = json["groups"]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)))
        .filter(|(_, n)| *n >= 2)
        .collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    names.truncate(limit);
    let f = index.fields;
    let mut out = Vec::with_capacity(names.len());
    for (name, _) in names {
        let q = TermQuery::new(
            Term::from_field_text(f.group, &name),
            IndexRecordOption::Basic,
        );
        let found = searcher
            .search(&q, &TopDocs::with_limit(10_000).order_by_score())
            .engine(|| format!("cannot read group {name}"))?;
        let mut members = Vec::new();
        for (_, address) in found {
            let doc = load(searcher, address)?;
            let rep = text(&doc, f.id) == name;
            // Undated members sort after dated ones.
            let key = date(&doc, &f).unwrap_or_else(|| "9999".into());
            members.push((!rep, key, text(&doc, f.path)));
        }
        members.sort();
        let representative = members.first().map(|m| m.2.clone()).unwrap_or_default();
        out.push(Group {
            group: name,
            members: members.into_iter().map(|m| m.2).collect(),
            representative,
        });
    }
    Ok(out)
}
