//! Counting values: the most frequent speakers, organizations, persons or sources among
//! the documents matching a query (as written, or per entity of the archive's entity
//! table), and index statistics.

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;

use super::query::{self, DateFilter};
use super::{check_page, Snapshot};
use crate::entities::count::{EntityCounter, FormCount, Key};
use crate::entities::{Class, Table};
use crate::error::{EngineContext, Result};

/// The multi-valued fields that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Speakers,
    Organizations,
    Persons,
    Sources,
}

impl Facet {
    fn field_name(self) -> &'static str {
        match self {
            Facet::Speakers => "speaker_exact",
            Facet::Organizations => "org_exact",
            Facet::Persons => "person_exact",
            Facet::Sources => "source_exact",
        }
    }
}

/// A value and the number of documents holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: String,
    pub count: u64,
}

/// An entity and the number of matching documents naming it in any form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The entity's canonical name.
    pub value: String,
    pub count: u64,
    /// Its other written forms, with their articles in the whole archive.
    pub aliases: Vec<FormCount>,
}

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub size_bytes: u64,
    pub top_speakers: Vec<Count>,
    pub top_organizations: Vec<Count>,
}

/// The most frequent values of `facet` among the documents matching `query` (all
/// documents when empty), most frequent first; ties in alphabetical order.
pub fn top_values(
    snapshot: &Snapshot,
    facet: Facet,
    query: &str,
    limit: usize,
) -> Result<Vec<Count>> {
    check_page(limit, 0)?;
    let parsed = query::parse(snapshot, query, &DateFilter::default())?;
    let request = serde_json::json!({
        "top": { "terms": {
            "field": facet.field_name(),
            "size": limit.max(1),
            // Each segment must report all its values, or a value counted in several
            // segments can lose part of its count before the merge.
            "segment_size": 1_000_000,
            "order": { "_count": "desc" },
        } }
    });
    let aggs: Aggregations = serde_json::from_value(request).expect("aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let result = snapshot
        .searcher
        .search(&*parsed.query, &collector)
        .engine(|| format!("cannot count {}", facet.field_name()))?;
    let json = serde_json::to_value(result).unwrap_or_default();
    let buckets = json["top"]["buckets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut counts: Vec<Count> = buckets
        .iter()
        .filter_map(|b| {
            Some(Count {
                value: b["key"].as_str()?.to_string(),
                count: b["doc_count"].as_u64()?,
            })
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts.truncate(limit);
    Ok(counts)
}

/// The entities of `facet` (not [`Facet::Sources`]) named by most documents matching
/// `query`, each document counted once per entity whatever forms it writes; ties in
/// alphabetical order.
pub fn top_entities(
    snapshot: &Snapshot,
    facet: Facet,
    query: &str,
    limit: usize,
) -> Result<Vec<EntityCount>> {
    check_page(limit, 0)?;
    let table = Table::for_commit(snapshot.index, &snapshot.searcher)?;
    let parsed = query::parse(snapshot, query, &DateFilter::default())?;
    let class = match facet {
        Facet::Persons => Some(Class::Person),
        Facet::Organizations => Some(Class::Organization),
        _ => None,
    };
    let collector = EntityCounter {
        table: &table,
        column: facet.field_name(),
        class,
    };
    let counts = snapshot
        .searcher
        .search(&*parsed.query, &collector)
        .engine(|| format!("cannot count {}", facet.field_name()))?;
    let mut out: Vec<EntityCount> = counts
        .into_iter()
        .map(|(key, count)| match key {
            Key::Entity(i) => {
                let e = table.entity(i);
                EntityCount {
                    value: e.name.clone(),
                    count,
                    aliases: e.forms[1..]
                        .iter()
                        .map(|f| FormCount {
                            name: f.name.clone(),
                            articles: f.articles,
                        })
                        .collect(),
                }
            }
            Key::Form(value) => EntityCount {
                value,
                count,
                aliases: Vec::new(),
            },
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out.truncate(limit);
    Ok(out)
}

/// Document count, size on disk and the most frequent speakers and organizations.
pub fn stats(snapshot: &Snapshot, top: usize) -> Result<Stats> {
    Ok(Stats {
        documents: snapshot.searcher.num_docs(),
        size_bytes: snapshot.index.size_on_disk(),
        top_speakers: top_values(snapshot, Facet::Speakers, "", top)?,
        top_organizations: top_values(snapshot, Facet::Organizations, "", top)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::search::tests::{article, index_of};

    fn named(name: &str, body: &str, speakers: &[&str], source: Option<&str>) -> Article {
        Article {
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            organizations: vec!["Harbour Board".into()],
            source: source.map(str::to_string),
            ..article(name, &format!("Story {name}"), body)
        }
    }

    fn counts(list: &[Count]) -> Vec<(&str, u64)> {
        list.iter().map(|c| (c.value.as_str(), c.count)).collect()
    }

    #[test]
    fn each_value_counts_the_articles_holding_it_most_frequent_first() {
        let (_dir, index) = index_of(&[
            // One article naming a speaker twice counts once.
            named(
                "a",
                "Ferry fares rise.",
                &["Tom Wake", "Tom Wake"],
                Some("AP"),
            ),
            named(
                "b",
                "Ferry timetable.",
                &["Tom Wake", "Marta Quist"],
                Some("AP"),
            ),
            named("c", "Library reopens.", &["Marta Quist"], Some("Reuters")),
            named("d", "Budget agreed.", &["Abel Fenn"], None),
        ]);
        let snapshot = Snapshot::of(&index).unwrap();
        let top = |facet, query: &str, limit| top_values(&snapshot, facet, query, limit).unwrap();
        // Ties in alphabetical order.
        assert_eq!(
            counts(&top(Facet::Speakers, "", 10)),
            [("Marta Quist", 2), ("Tom Wake", 2), ("Abel Fenn", 1)]
        );
        assert_eq!(counts(&top(Facet::Speakers, "", 1)), [("Marta Quist", 2)]);
        // Among the articles matching the query only.
        assert_eq!(
            counts(&top(Facet::Speakers, "ferry", 10)),
            [("Tom Wake", 2), ("Marta Quist", 1)]
        );
        assert_eq!(
            counts(&top(Facet::Sources, "", 10)),
            [("AP", 2), ("Reuters", 1)]
        );
        assert_eq!(
            counts(&top(Facet::Organizations, "", 10)),
            [("Harbour Board", 4)]
        );
        assert!(top(Facet::Persons, "", 10).is_empty());
        assert!(matches!(
            top_values(&snapshot, Facet::Speakers, "", crate::search::MAX_LIMIT + 1),
            Err(crate::Error::TooLarge { .. })
        ));
    }

    #[test]
    fn stats_count_documents_and_the_top_names() {
        let (_dir, index) = index_of(&[
            named("a", "One.", &["Tom Wake"], None),
            named("b", "Two.", &["Tom Wake", "Ann Lee"], None),
        ]);
        let stats = stats(&Snapshot::of(&index).unwrap(), 1).unwrap();
        assert_eq!(stats.documents, 2);
        assert!(stats.size_bytes > 0);
        assert_eq!(counts(&stats.top_speakers), [("Tom Wake", 2)]);
        assert_eq!(counts(&stats.top_organizations), [("Harbour Board", 2)]);
    }
}
