//! Who is who across one article: mentions resolved to entities under their fullest
//! form ("Zheng" after "Zheng Zeguang" is Zheng Zeguang; "Alcoa" after "Alcoa Inc" is
//! Alcoa Inc), with one class each.

use super::lexicon::lexicon;
use super::mentions::{Class, Mention};

/// A person, organization or place named in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form the article uses.
    pub name: String,
    pub class: Class,
    /// Quoted or reported as saying something.
    pub spoke: bool,
}

/// The entities of one article and which entity each mention refers to.
#[derive(Debug, Default)]
pub struct EntityTable {
    entities: Vec<Entity>,
    of_mention: Vec<usize>,
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

/// A capitalised dictionary word, plurals included ("Conservationists").
fn is_word(name: &str) -> bool {
    let lower = name.to_lowercase();
    let lex = lexicon();
    lex.is_dictionary_word(&lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|stem| lex.is_dictionary_word(stem))
        // Plural nouns for groups of people ("Conservationists", "Campaigners").
        || ["ists", "ers", "ors", "ians", "ants", "ents", "ives"]
            .iter()
            .any(|s| lower.ends_with(s))
}

/// Whether `short` is a contiguous run of `long`'s words, at its end or start.
fn is_part_of(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && (long.ends_with(short) || long.starts_with(short))
}

impl EntityTable {
    /// Resolve `mentions` (in article order) to entities.
    pub fn build(mentions: &[Mention]) -> Self {
        let mut table = EntityTable::default();
        // Full names first, so that a short form can resolve to a full name that comes
        // later in the article too (headline-style "Zheng" before "Zheng Zeguang").
        let persons: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.class == Class::Person && words(&m.name).len() >= 2)
            .collect();
        let orgs: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.class == Class::Organization && words(&m.name).len() >= 2)
            .collect();
        for m in mentions {
            let w = words(&m.name);
            let longer = |pool: &[&Mention], class: Class| -> Option<String> {
                pool.iter()
                    .map(|p| words(&p.name))
                    .filter(|pw| {
                        if class == Class::Person {
                            // A surname or given name alone, or a shorter tail.
                            pw.len() > w.len()
                                && (pw.ends_with(&w) || (w.len() == 1 && pw[0] == w[0]))
                        } else {
                            is_part_of(&w, pw)
                        }
                    })
                    .max_by_key(|pw| pw.len())
                    .map(|pw| pw.join(" "))
            };
            let (name, class) = match m.class {
                Class::Place => (m.name.clone(), Class::Place),
                Class::Person | Class::Unknown if m.acronym_of.is_none() => {
                    // A name with no personal evidence that is part of an organization's
                    // name is that organization ("Brenner Wasserbau" of "... GmbH").
                    let weak = !m.titled && !lexicon().is_given_name(w[0]);
                    let org = longer(&orgs, Class::Organization).filter(|_| weak);
                    if let Some(full) = org {
                        (full, Class::Organization)
                    } else if let Some(full) = longer(&persons, Class::Person) {
                        (full, Class::Person)
                    } else if let Some(full) =
                        longer(&orgs, Class::Organization).filter(|_| m.class == Class::Unknown)
                    {
                        (full, Class::Organization)
                    } else if m.initial && w.len() == 1 && is_word(&m.name) {
                        (m.name.clone(), Class::Word)
                    } else {
                        (m.name.clone(), m.class)
                    }
                }
                Class::Organization if m.acronym_of.is_none() => {
                    match longer(&orgs, Class::Organization) {
                        Some(full) => (full, Class::Organization),
                        None => (m.name.clone(), Class::Organization),
                    }
                }
                _ => (m.name.clone(), m.class),
            };
            let id = table.intern(name, class);
            table.of_mention.push(id);
        }
        table
    }

    fn intern(&mut self, name: String, class: Class) -> usize {
        if let Some(id) = self.entities.iter().position(|e| e.name == name) {
            let e = &mut self.entities[id];
            if e.class == Class::Unknown {
                e.class = class;
            }
            return id;
        }
        self.entities.push(Entity {
            name,
            class,
            spoke: false,
        });
        self.entities.len() - 1
    }

    /// The entity mention `index` refers to.
    pub fn entity_of(&self, index: usize) -> usize {
        self.of_mention[index]
    }

    /// An entity by id.
    pub fn entity(&self, id: usize) -> &Entity {
        &self.entities[id]
    }

    /// Record that an entity spoke. An unplaced name that speaks is an organization
    /// ("Xinhua said"): people are introduced by full name before they speak.
    pub fn mark_speaker(&mut self, id: usize) {
        let e = &mut self.entities[id];
        e.spoke = true;
        if e.class == Class::Unknown {
            e.class = Class::Organization;
        }
    }

    /// Names of the entities of `class`, in order of first mention.
    pub fn names(&self, class: Class) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.class == class)
            .map(|e| e.name.clone())
            .collect()
    }
}
