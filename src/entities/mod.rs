//! The archive's entity table: which written names are one person or organization
//! across all articles ("Blair" and "Tony Blair"; "Tories" and "Conservative Party").
//!
//! Articles keep their names as written; the table maps each written form to its
//! entity, and commands apply it when they read (`top`, `entity`, field searches). The
//! table is derived from the committed documents alone, by the rules of [`rules`], so
//! it always matches them: every `index` run (and `reindex`) writes it beside the
//! commit's files as `entities.json`, with a fingerprint of the commit; a reader whose
//! commit has another fingerprint (an interrupted run) derives it afresh instead. The
//! extraction of names is left to [`crate::extract`], the counting to [`count`].

pub mod count;
pub mod evidence;
pub mod rules;

use std::path::Path;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::Searcher;

use crate::error::{IoContext, Result};
use crate::index::NewsIndex;
pub use rules::{Class, Entity, Form, FormCounts, Reason};

/// File name of the table inside a generation directory.
pub const TABLE_FILE: &str = "entities.json";

/// Version of the table's rules and layout: a table of another version is derived
/// afresh.
const TABLE_VERSION: u32 = 5;

/// The entity table of one commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Table {
    version: u32,
    /// Which commit the table describes (see [`fingerprint`]).
    fingerprint: u64,
    /// When the mapping of forms to entities last changed (seconds since the Unix
    /// epoch), 0 when unknown.
    pub changed: u64,
    pub entities: Vec<Entity>,
    #[serde(skip)]
    persons: FxHashMap<String, usize>,
    #[serde(skip)]
    organizations: FxHashMap<String, usize>,
    /// The entities with a form of each [`name_key`], in table order; made by the
    /// first look-up that needs it, as a table read for one command rarely does.
    #[serde(skip)]
    by_key: OnceLock<FxHashMap<String, Vec<usize>>>,
}

/// A fingerprint of the documents a searcher sees: its segments and their deletions.
pub fn fingerprint(searcher: &Searcher) -> u64 {
    let mut parts: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| format!("{}:{}", s.segment_id().uuid_string(), s.num_deleted_docs()))
        .collect();
    parts.sort_unstable();
    xxhash_rust::xxh3::xxh3_64(parts.join(",").as_bytes())
}

impl Table {
    /// The table of `entities` for the commit with `fingerprint`.
    pub fn new(entities: Vec<Entity>, fingerprint: u64) -> Table {
        let mut table = Table {
            version: TABLE_VERSION,
            fingerprint,
            changed: 0,
            entities,
            ..Table::default()
        };
        table.index_forms();
        table
    }

    fn index_forms(&mut self) {
        for (i, e) in self.entities.iter().enumerate() {
            let map = match e.class {
                Class::Person => &mut self.persons,
                Class::Organization => &mut self.organizations,
            };
            for f in &e.forms {
                map.insert(f.name.clone(), i);
            }
        }
    }

    /// Derive the table of the documents `searcher` sees.
    pub fn derive(searcher: &Searcher) -> Result<Table> {
        let counts = count::form_counts(searcher)?;
        Ok(Table::new(rules::resolve(&counts), fingerprint(searcher)))
    }

    /// The table of the commit `searcher` sees: the one written beside it when it
    /// matches, else derived afresh.
    pub fn for_commit(index: &NewsIndex, searcher: &Searcher) -> Result<Table> {
        match read(&index.files) {
            Some(t) if t.version == TABLE_VERSION && t.fingerprint == fingerprint(searcher) => {
                Ok(t)
            }
            _ => Table::derive(searcher),
        }
    }

    /// The entity of written form `name` of `class`.
    pub fn lookup(&self, class: Class, name: &str) -> Option<&Entity> {
        let map = match class {
            Class::Person => &self.persons,
            Class::Organization => &self.organizations,
        };
        map.get(name).map(|&i| &self.entities[i])
    }

    /// The entity index of written form `name` among persons (`Some(Person)`), among
    /// organizations, or (`None`: a speaker) in the class most of its articles give it.
    pub fn index_of(&self, class: Option<Class>, name: &str) -> Option<usize> {
        match class {
            Some(Class::Person) => self.persons.get(name).copied(),
            Some(Class::Organization) => self.organizations.get(name).copied(),
            // A form of both classes is the one most of its articles give it.
            None => match (self.persons.get(name), self.organizations.get(name)) {
                (Some(&p), Some(&o)) => {
                    let articles = |i: usize| {
                        self.entities[i]
                            .forms
                            .iter()
                            .find(|f| f.name == name)
                            .map_or(0, |f| f.articles)
                    };
                    Some(if articles(o) > articles(p) { o } else { p })
                }
                (p, o) => p.or(o).copied(),
            },
        }
    }

    /// The entity a user means by `name`: the one with that form (any letter case),
    /// persons first; among several, the one with most articles.
    pub fn find(&self, name: &str) -> Option<&Entity> {
        self.find_in(None, name)
    }

    /// The entity of `class` (`None`: either, as for a speaker) a user means by `name`:
    /// the one with that written form, else one whose form is the same words but for
    /// letter case, accents and punctuation ([`name_key`]); among several, the one with
    /// most articles. A possessive the archive never writes as a name ("BBC's") means
    /// its plain form, as extraction reads it.
    pub fn find_in(&self, class: Option<Class>, name: &str) -> Option<&Entity> {
        self.find_written(class, name).or_else(|| {
            let (plain, possessive) = crate::extract::names::features::strip_possessive(name);
            possessive
                .then(|| self.find_written(class, plain))
                .flatten()
        })
    }

    fn find_written(&self, class: Option<Class>, name: &str) -> Option<&Entity> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(i) = self.index_of(class, &name) {
            return Some(&self.entities[i]);
        }
        let key = name_key(&name);
        if key.is_empty() {
            return None;
        }
        let by_key = self.by_key.get_or_init(|| {
            let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
            for (i, e) in self.entities.iter().enumerate() {
                for f in &e.forms {
                    let entities = by_key.entry(name_key(&f.name)).or_default();
                    if entities.last() != Some(&i) {
                        entities.push(i);
                    }
                }
            }
            by_key
        });
        by_key
            .get(&key)?
            .iter()
            .map(|&i| &self.entities[i])
            .filter(|e| class.is_none_or(|c| c == e.class))
            .max_by_key(|e| e.forms.iter().map(|f| f.articles).sum::<u64>())
    }

    /// The entity at index `i`.
    pub fn entity(&self, i: usize) -> &Entity {
        &self.entities[i]
    }

    /// Form -> canonical name of every form that is not its entity's canonical name.
    fn mapping(&self) -> FxHashMap<(Class, &str), &str> {
        self.entities
            .iter()
            .flat_map(|e| {
                e.forms
                    .iter()
                    .filter(|f| f.reason.is_some())
                    .map(move |f| ((e.class, f.name.as_str()), e.name.as_str()))
            })
            .collect()
    }
}

/// A name as the name analyzer reads it: its words, lowercased, accents dropped, joined
/// by single spaces ("O'Neill" and "o neill" have one key).
pub fn name_key(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn read(files: &Path) -> Option<Table> {
    let text = std::fs::read_to_string(files.join(TABLE_FILE)).ok()?;
    let mut table: Table = serde_json::from_str(&text).ok()?;
    table.index_forms();
    Some(table)
}

/// Write the table of the last commit of `index` beside it, unless the one there
/// describes it already. Keeps the time of the last change when the mapping of forms
/// to entities is the same as before.
pub fn refresh(index: &NewsIndex) -> Result<()> {
    let searcher = index.reader()?.searcher();
    let old = read(&index.files);
    if old
        .as_ref()
        .is_some_and(|t| t.version == TABLE_VERSION && t.fingerprint == fingerprint(&searcher))
    {
        return Ok(());
    }
    let mut table = Table::derive(&searcher)?;
    table.changed = match &old {
        Some(old) if old.mapping() == table.mapping() => old.changed,
        _ => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    let path = index.files.join(TABLE_FILE);
    let tmp = index.files.join(format!(".{TABLE_FILE}.tmp"));
    let json = serde_json::to_string(&table).expect("table serialises");
    std::fs::write(&tmp, json).io(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).io(|| format!("cannot replace {}", path.display()))
}
