//! Counting over the index's name columns (`person_exact`, `org_exact`,
//! `speaker_exact`): articles per written form (what the entity table is derived from),
//! articles per entity among the documents matching a query (`top`), and one entity's
//! profile (`entity`).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::{Class, Table};
use crate::error::{EngineContext, Result};
use crate::index::writer::format_date;

/// The name columns and the class of their names (`None`: speakers, either class).
pub const COLUMNS: [(&str, Option<Class>); 3] = [
    ("person_exact", Some(Class::Person)),
    ("org_exact", Some(Class::Organization)),
    ("speaker_exact", None),
];

/// Every value of `column`'s dictionary, by ord.
fn names(column: &StrColumn) -> Result<Vec<String>> {
    let context = || "cannot read the names of the index".to_string();
    let mut stream = column
        .dictionary()
        .stream()
        .map_err(tantivy::TantivyError::from)
        .engine(context)?;
    let mut out = Vec::with_capacity(column.num_terms());
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

fn column(segment: &SegmentReader, name: &str) -> Result<Option<StrColumn>> {
    segment
        .fast_fields()
        .str(name)
        .engine(|| format!("cannot read column {name}"))
}

/// Articles per written person and organization name among the live documents.
pub fn form_counts(searcher: &Searcher) -> Result<super::FormCounts> {
    let mut counts = super::FormCounts::default();
    for segment in searcher.segment_readers() {
        for (field, map) in [
            ("person_exact", &mut counts.persons),
            ("org_exact", &mut counts.organizations),
        ] {
            let Some(col) = column(segment, field)? else {
                continue;
            };
            let mut per_ord = vec![0u64; col.num_terms()];
            for doc in segment.doc_ids_alive() {
                for ord in col.term_ords(doc) {
                    per_ord[ord as usize] += 1;
                }
            }
            for (name, n) in names(&col)?.into_iter().zip(per_ord) {
                if n > 0 {
                    *map.entry(name).or_default() += n;
                }
            }
        }
        if let Some(col) = column(segment, "alias_pairs")? {
            let mut per_ord = vec![0u64; col.num_terms()];
            for doc in segment.doc_ids_alive() {
                for ord in col.term_ords(doc) {
                    per_ord[ord as usize] += 1;
                }
            }
            for (pair, n) in names(&col)?.into_iter().zip(per_ord) {
                use super::evidence::{FOLD_SEPARATOR, SEPARATOR};
                let (map, (short, long)) = match pair.split_once(SEPARATOR) {
                    Some(parts) => (&mut counts.definitions, parts),
                    None => match pair.split_once(FOLD_SEPARATOR) {
                        Some(parts) => (&mut counts.folds, parts),
                        None => continue,
                    },
                };
                if n > 0 {
                    *map.entry((short.to_string(), long.to_string()))
                        .or_default() += n;
                }
            }
        }
    }
    Ok(counts)
}

/// What one value of a count stands for: an entity of the table, or a written form
/// the table does not know (a speaker named only as a speaker).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Entity(usize),
    Form(String),
}

/// The keys of a column's ords in one segment.
fn keys(table: &Table, class: Option<Class>, column: &StrColumn) -> Result<Vec<Key>> {
    Ok(names(column)?
        .into_iter()
        .map(|name| match table.index_of(class, &name) {
            Some(i) => Key::Entity(i),
            None => Key::Form(name),
        })
        .collect())
}

/// What each value of one column stands for in every segment of a commit, as
/// [`EntityCounter`] counts them: per segment, its ords mapped to dense ids, one per
/// key. Depends on the commit and the table alone, so a server works it out once per
/// commit (see [`crate::search::memo`]).
pub struct ColumnKeys {
    segments: Vec<SegmentKeys>,
}

struct SegmentKeys {
    local_of_ord: Vec<u32>,
    keys: Vec<Key>,
}

impl ColumnKeys {
    /// The keys of `column`'s values (of `class`) in the segments `searcher` sees.
    pub fn of(
        table: &Table,
        class: Option<Class>,
        searcher: &Searcher,
        column_name: &str,
    ) -> Result<ColumnKeys> {
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let mut local_of_ord = Vec::new();
            let mut local: FxHashMap<Key, u32> = FxHashMap::default();
            let mut keys_out = Vec::new();
            if let Some(col) = column(segment, column_name)? {
                for key in keys(table, class, &col)? {
                    let next = keys_out.len() as u32;
                    let id = *local.entry(key.clone()).or_insert_with(|| {
                        keys_out.push(key);
                        next
                    });
                    local_of_ord.push(id);
                }
            }
            segments.push(SegmentKeys {
                local_of_ord,
                keys: keys_out,
            });
        }
        Ok(ColumnKeys { segments })
    }
}

/// Counts articles per entity of one column among the documents a query matches.
pub struct EntityCounter {
    /// The keys of the column's values, for the commit searched.
    pub keys: Arc<ColumnKeys>,
    pub column: &'static str,
}

/// [`EntityCounter`] in one segment: counts per dense id of the segment's keys.
pub struct SegmentCounter {
    column: Option<StrColumn>,
    keys: Arc<ColumnKeys>,
    segment: usize,
    counts: Vec<u64>,
    seen: Vec<u32>,
}

impl SegmentCounter {
    fn keys(&self) -> &SegmentKeys {
        &self.keys.segments[self.segment]
    }
}

impl Collector for EntityCounter {
    type Fruit = FxHashMap<Key, u64>;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let ord = ord as usize;
        let Some(keys) = self.keys.segments.get(ord) else {
            return Err(tantivy::TantivyError::InternalError(
                "the names were read from another commit".into(),
            ));
        };
        let column = segment.fast_fields().str(self.column)?;
        Ok(SegmentCounter {
            column,
            counts: vec![0; keys.keys.len()],
            keys: Arc::clone(&self.keys),
            segment: ord,
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = FxHashMap::default();
        for fruit in fruits {
            for (key, n) in fruit {
                *all.entry(key).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = FxHashMap<Key, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(col) = &self.column else { return };
        // An article counts once per entity, however many of its forms it writes.
        let local_of_ord = &self.keys.segments[self.segment].local_of_ord;
        self.seen.clear();
        self.seen.extend(
            col.term_ords(doc)
                .filter_map(|o| local_of_ord.get(o as usize)),
        );
        if self.seen.len() > 1 {
            self.seen.sort_unstable();
            self.seen.dedup();
        }
        for &id in &self.seen {
            self.counts[id as usize] += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.keys()
            .keys
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(key, &n)| (key.clone(), n))
            .collect()
    }
}

/// A written form and its number of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormCount {
    pub name: String,
    pub articles: u64,
}

/// An alias of an entity: its form, articles, and why it joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub name: String,
    pub articles: u64,
    pub reason: String,
}

/// Everything `entity` says about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub name: String,
    pub class: Class,
    pub aliases: Vec<Alias>,
    /// Articles naming it in any form.
    pub articles: u64,
    /// The entities named in most of the same articles, most first.
    pub appears_with: Vec<FormCount>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// When the archive's table of entities last changed (seconds since the epoch).
    pub table_changed: u64,
}

/// The profile of entity `target` of `table`, with up to `with` co-occurring entities.
pub fn profile(searcher: &Searcher, table: &Table, target: usize, with: usize) -> Result<Profile> {
    let entity = table.entity(target);
    let mut articles = 0;
    let mut others: FxHashMap<Key, u64> = FxHashMap::default();
    let (mut first, mut last) = (None, None);
    for segment in searcher.segment_readers() {
        let mut columns = Vec::new();
        for (name, class) in COLUMNS {
            if let Some(col) = column(segment, name)? {
                let keys = keys(table, class, &col)?;
                columns.push((col, keys));
            }
        }
        let dates = segment
            .fast_fields()
            .date("date")
            .engine(|| "cannot read the dates of the index".to_string())?;
        let mut here: FxHashSet<&Key> = FxHashSet::default();
        for doc in segment.doc_ids_alive() {
            here.clear();
            for (col, keys) in &columns {
                here.extend(col.term_ords(doc).map(|o| &keys[o as usize]));
            }
            if !here.contains(&Key::Entity(target)) {
                continue;
            }
            articles += 1;
            for key in &here {
                if **key != Key::Entity(target) {
                    *others.entry((*key).clone()).or_default() += 1;
                }
            }
            if let Some(date) = dates.first(doc) {
                first = Some(first.map_or(date, |f: tantivy::DateTime| f.min(date)));
                last = Some(last.map_or(date, |l: tantivy::DateTime| l.max(date)));
            }
        }
    }
    let mut appears_with: Vec<FormCount> = others
        .into_iter()
        .map(|(key, articles)| FormCount {
            name: match key {
                Key::Entity(i) => table.entity(i).name.clone(),
                Key::Form(name) => name,
            },
            articles,
        })
        .collect();
    // A speaker-only form may share its entity's name: keep the larger count.
    appears_with.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut named = FxHashSet::default();
    appears_with.retain(|c| c.name != entity.name && named.insert(c.name.clone()));
    appears_with.truncate(with);
    Ok(Profile {
        name: entity.name.clone(),
        class: entity.class,
        aliases: entity
            .forms
            .iter()
            .filter_map(|f| {
                Some(Alias {
                    name: f.name.clone(),
                    articles: f.articles,
                    reason: f.reason.as_ref()?.describe(f.via.as_deref()?),
                })
            })
            .collect(),
        articles,
        appears_with,
        first_date: first.map(format_date),
        last_date: last.map(format_date),
        table_changed: table.changed,
    })
}
