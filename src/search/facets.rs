//! Counting values: the most frequent speakers, organizations, persons or sources among
//! the documents matching a query (as written, one kind at a time or all four in the
//! pass of a search, or per entity of the archive's entity table), and index statistics.

use super::query::{self, DateFilter};
use super::tally::{self, Tally};
use super::{check_page, Snapshot};
use crate::entities::count::{ColumnKeys, EntityCounter, FormCount, Key};
use crate::entities::Class;
use crate::error::{EngineContext, Result};
use serde::Serialize;

/// The multi-valued fields that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Speakers,
    Organizations,
    Persons,
    Sources,
}

impl Facet {
    /// Every kind, in the order the server lists them.
    pub const ALL: [Facet; 4] = [
        Facet::Speakers,
        Facet::Organizations,
        Facet::Persons,
        Facet::Sources,
    ];

    /// The plural noun naming the kind (`speakers`, ...), as `top` and the server's
    /// `/api/top/{kind}` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Speakers => "speakers",
            Facet::Organizations => "organizations",
            Facet::Persons => "persons",
            Facet::Sources => "sources",
        }
    }

    /// The kind called `name` (see [`Facet::name`]).
    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }

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
    let counts = count_values(snapshot, &*parsed.query, &[facet], limit)
        .engine(|| format!("cannot count {}", facet.field_name()))?;
    Ok(counts.into_iter().next().unwrap_or_default())
}

/// A collector of the values of every [`Facet`] among the matches, in one pass (see
/// [`tops`]).
pub(crate) fn tally() -> Tally {
    Tally {
        columns: Facet::ALL.iter().map(|f| f.field_name()).collect(),
    }
}

/// The `limit` most frequent values of each [`Facet`] that [`tally`] counted, in the
/// order of [`Facet::ALL`].
pub(crate) fn tops(
    segments: &[tally::SegmentCounts],
    limit: usize,
) -> tantivy::Result<Vec<(Facet, Vec<Count>)>> {
    Facet::ALL
        .into_iter()
        .enumerate()
        .map(|(i, facet)| Ok((facet, tally::top(segments, i, limit)?)))
        .collect()
}

/// The `limit` most frequent values of each of `facets` among the matches of `query`,
/// counted in one pass (see [`super::tally`]).
fn count_values(
    snapshot: &Snapshot,
    query: &dyn tantivy::query::Query,
    facets: &[Facet],
    limit: usize,
) -> tantivy::Result<Vec<Vec<Count>>> {
    let tally = Tally {
        columns: facets.iter().map(|f| f.field_name()).collect(),
    };
    let segments = snapshot.searcher.search(query, &tally)?;
    (0..facets.len())
        .map(|i| tally::top(&segments, i, limit).map_err(tantivy::TantivyError::from))
        .collect()
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
    let table = snapshot.table()?;
    let parsed = query::parse(snapshot, query, &DateFilter::default())?;
    let class = match facet {
        Facet::Persons => Some(Class::Person),
        Facet::Organizations => Some(Class::Organization),
        _ => None,
    };
    let keys = snapshot.memo.column_keys(facet, || {
        ColumnKeys::of(&table, class, &snapshot.searcher, facet.field_name())
    })?;
    let collector = EntityCounter {
        keys,
        column: facet.field_name(),
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
