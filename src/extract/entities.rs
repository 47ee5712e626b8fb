//! Who is who across one article: mentions resolved to entities under their fullest
//! form ("Zheng" after "Zheng Zeguang" is Zheng Zeguang; "Alcoa" after "Alcoa Inc" is
//! Alcoa Inc), with one class each.

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::{
    lexicon, COMPANY_SUFFIXES, ORG_HEADS, PARTIES, PARTY_VARIANTS, STANDALONE_ORGS,
};
use super::mentions::{person_evidence, Class, Mention};
use super::tagger::Label;

/// A person, organization or place named in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form the article uses.
    pub name: String,
    pub class: Class,
    /// Quoted or reported as saying something.
    pub spoke: bool,
    /// For an acronym defined in the article, its long form.
    pub long_form: Option<String>,
    /// Some mention had a title or honorific before it ("Mr Straw", "Prince Harry").
    pub titled: bool,
}

/// The entities of one article and which entity each mention refers to.
#[derive(Debug, Default)]
pub struct EntityTable {
    entities: Vec<Entity>,
    by_name: FxHashMap<String, usize>,
    of_mention: Vec<usize>,
    /// Per entity, how many mentions read it as a person, an organization, a place.
    votes: Vec<[u32; 3]>,
}

/// The classes that mentions vote for, in the order ties go.
const VOTED: [Class; 3] = [Class::Organization, Class::Person, Class::Place];

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

/// A given name that is no English word: "George" is personal evidence, "October" and
/// "Bill" are not.
fn is_given_not_word(w: &str) -> bool {
    let lex = lexicon();
    lex.is_given_name(w) && !lex.is_dictionary_word_lowered(w)
}

/// The lowercase initials of a name, with and without its small words: "Ministry of
/// Defence" gives "md" and "mod".
fn initials(name: &str) -> [String; 2] {
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>())
    };
    let capitals = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(first)
        .collect();
    let all = name.split_whitespace().filter_map(first).collect();
    [capitals, all]
}

/// Which entry of [`PARTY_VARIANTS`] a name belongs to.
fn party_group(name: &str) -> Option<usize> {
    PARTY_VARIANTS.iter().position(|g| g.contains(&name))
}

/// Full names indexed by their first and last words, so that resolving a short form
/// costs a hash lookup rather than a scan of every name (articles can be huge).
#[derive(Default)]
struct NameIndex {
    seen: FxHashSet<String>,
    by_first: FxHashMap<String, Vec<Vec<String>>>,
    by_last: FxHashMap<String, Vec<Vec<String>>>,
}

/// How many candidate full names one short form is compared with. Real articles have a
/// handful per surname; the bound keeps pathological text linear.
const MAX_CANDIDATES: usize = 32;

impl NameIndex {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> Self {
        let mut index = NameIndex::default();
        for name in names {
            if !index.seen.insert(name.to_string()) {
                continue;
            }
            let w: Vec<String> = words(name).into_iter().map(str::to_string).collect();
            index
                .by_first
                .entry(w[0].clone())
                .or_default()
                .push(w.clone());
            index
                .by_last
                .entry(w[w.len() - 1].clone())
                .or_default()
                .push(w);
        }
        index
    }

    /// The longest name that `w` is a shorter form of: for people a surname, a given
    /// name alone or a shorter tail; for organizations a contiguous start or end.
    fn longer(&self, w: &[&str], class: Class) -> Option<String> {
        let eq =
            |a: &[String], b: &[&str]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y);
        let fits = |full: &&Vec<String>| {
            if full.len() <= w.len() {
                return false;
            }
            let ends = eq(&full[full.len() - w.len()..], w);
            let starts = eq(&full[..w.len()], w);
            if class == Class::Person {
                ends || (w.len() == 1 && full[0] == w[0])
            } else {
                // "Senate" is not the "Senate Banking Committee": a word that names an
                // organization alone does not stand for a longer name it starts.
                let standalone =
                    w.len() == 1 && (STANDALONE_ORGS.contains(w[0]) || ORG_HEADS.contains(w[0]));
                ends || (starts && !standalone)
            }
        };
        let last = self
            .by_last
            .get(w[w.len() - 1])
            .into_iter()
            .flatten()
            .take(MAX_CANDIDATES);
        let first = self
            .by_first
            .get(w[0])
            .into_iter()
            .flatten()
            .take(MAX_CANDIDATES);
        last.chain(first)
            .filter(fits)
            .max_by_key(|full| full.len())
            .map(|full| full.join(" "))
    }
}

impl EntityTable {
    /// Resolve `mentions` (in article order) to entities.
    pub fn build(mentions: &[Mention]) -> Self {
        let mut table = EntityTable::default();
        // Full names first, so that a short form can resolve to a full name that comes
        // later in the article too (headline-style "Zheng" before "Zheng Zeguang").
        let persons = NameIndex::new(
            mentions
                .iter()
                .filter(|m| m.class == Class::Person && words(&m.name).len() >= 2)
                .map(|m| m.name.as_str()),
        );
        let orgs = NameIndex::new(
            mentions
                .iter()
                .filter(|m| m.class == Class::Organization && words(&m.name).len() >= 2)
                .map(|m| m.name.as_str()),
        );
        let mut tagged: FxHashMap<(usize, Label), usize> = FxHashMap::default();
        let mut cued = FxHashSet::default();
        let mut works = FxHashSet::default();
        for m in mentions {
            let w = words(&m.name);
            let (name, class) = match m.class {
                Class::Place => (m.name.clone(), Class::Place),
                Class::Person | Class::Unknown if m.acronym_of.is_none() => {
                    // A name with no personal evidence that is part of an organization's
                    // name is that organization ("Brenner Wasserbau" of "... GmbH").
                    let weak = !m.titled && !lexicon().is_given_name(w[0]);
                    // A company's name without its suffix is the company, whatever
                    // the name looks like ("Brenner Wasserbau" of "... GmbH").
                    let org = orgs.longer(&w, Class::Organization).filter(|full| {
                        weak || full
                            .rsplit(' ')
                            .next()
                            .is_some_and(|last| COMPANY_SUFFIXES.contains(last))
                    });
                    if let Some(full) = org {
                        (full, Class::Organization)
                    } else if let Some(full) = persons.longer(&w, Class::Person) {
                        (full, Class::Person)
                    } else if let Some(full) = orgs
                        .longer(&w, Class::Organization)
                        .filter(|_| m.class == Class::Unknown || !m.titled)
                    {
                        (full, Class::Organization)
                    } else if m.initial && w.len() == 1 && is_word(&m.name) {
                        (m.name.clone(), Class::Word)
                    } else {
                        (m.name.clone(), m.class)
                    }
                }
                Class::Organization if m.acronym_of.is_none() => {
                    // "McEwan" opening a sentence, read as a company, is the Ian McEwan
                    // the article names; only the tagger said otherwise.
                    // "a Bush spokesman" is George Bush's, though the words around
                    // him suit a business.
                    let tagger_only = w.len() == 1
                        && !STANDALONE_ORGS.contains(w[0])
                        && !PARTIES.contains(w[0])
                        && !lexicon().is_outlet(w[0]);
                    match orgs.longer(&w, Class::Organization) {
                        Some(full) => (full, Class::Organization),
                        None => match persons.longer(&w, Class::Person).filter(|full| {
                            tagger_only
                                && (!m.cued
                                    || full.split(' ').next().is_some_and(is_given_not_word))
                        }) {
                            Some(full) => (full, Class::Person),
                            None => (m.name.clone(), Class::Organization),
                        },
                    }
                }
                _ => (m.name.clone(), m.class),
            };
            let id = table.intern(name, class);
            if let (Some(long), true) = (&m.acronym_of, words(&m.name).len() == 1) {
                table.entities[id]
                    .long_form
                    .get_or_insert_with(|| long.clone());
            }
            table.of_mention.push(id);
            table.entities[id].titled |= m.titled;
            if m.cued && class == Class::Organization {
                cued.insert(id);
            }
            if m.work {
                works.insert(id);
            }
            *tagged.entry((id, m.tag)).or_default() += 1;
        }
        table.settle_votes();
        // An acronym the article spells out in common words ("gross national product
        // (GNP)") names a thing, however the tagger reads its other mentions.
        for m in mentions {
            if m.class == Class::Word && m.acronym_of.is_some() {
                if let Some(&id) = table.by_name.get(&m.name) {
                    table.entities[id].class = Class::Word;
                }
            }
        }
        // Unplaced names the tagger read the same way twice take that reading.
        for ((id, tag), count) in tagged {
            let e = &mut table.entities[id];
            if count >= 2 && e.class == Class::Unknown {
                match tag {
                    Label::Organization => e.class = Class::Organization,
                    Label::Person if !is_word(&e.name) && person_evidence(&words(&e.name)) => {
                        e.class = Class::Person
                    }
                    _ => {}
                }
            }
        }
        // A name the article once calls a film or an album is that work throughout.
        for &id in works.difference(&cued) {
            let e = &mut table.entities[id];
            if !e.titled {
                e.class = Class::Word;
            }
        }
        // One mention with a business's context ("shares in Fiat") outweighs any number
        // the tagger reads as a place or a person: the article names one thing by it.
        for id in cued {
            let e = &mut table.entities[id];
            if !e.titled {
                e.class = Class::Organization;
            }
        }
        table
    }

    /// Give each entity the class most of its mentions read it as, so that one odd
    /// reading ("UKIP" opening a sentence, taken for a place) does not decide.
    fn settle_votes(&mut self) {
        for (e, votes) in self.entities.iter_mut().zip(&self.votes) {
            let best = votes.iter().copied().max().unwrap_or(0);
            if best == 0 {
                continue;
            }
            let first_is_best = VOTED
                .iter()
                .position(|c| *c == e.class)
                .is_some_and(|i| votes[i] == best);
            if !first_is_best {
                let i = votes.iter().position(|v| *v == best).unwrap_or(0);
                e.class = VOTED[i];
            }
        }
    }

    fn intern(&mut self, name: String, class: Class) -> usize {
        let id = match self.by_name.get(&name) {
            Some(&id) => {
                let e = &mut self.entities[id];
                if e.class == Class::Unknown {
                    e.class = class;
                }
                id
            }
            None => {
                self.by_name.insert(name.clone(), self.entities.len());
                self.entities.push(Entity {
                    name,
                    class,
                    spoke: false,
                    long_form: None,
                    titled: false,
                });
                self.votes.push([0; 3]);
                self.entities.len() - 1
            }
        };
        if let Some(i) = VOTED.iter().position(|c| *c == class) {
            self.votes[id][i] += 1;
        }
        id
    }

    /// Add the organizations a headline names ("UKIP outspent Labour on EU poll"), under
    /// the fuller form the article uses when there is one. Only names the rules or an
    /// acronym made organizations count: headlines capitalise loosely.
    pub fn add_headline(&mut self, mentions: &[Mention]) {
        let wanted = |m: &&Mention| m.class == Class::Organization && m.tag == Label::Organization;
        if !mentions.iter().any(|m| wanted(&m)) {
            return;
        }
        let full_names = NameIndex::new(
            self.entities
                .iter()
                .filter(|e| words(&e.name).len() >= 2)
                .map(|e| e.name.as_str()),
        );
        let mut found = Vec::new();
        for m in mentions.iter().filter(wanted) {
            let w = words(&m.name);
            // "Hague" opening a headline is the William Hague of the body.
            let name = full_names
                .longer(&w, Class::Organization)
                .unwrap_or_else(|| m.name.clone());
            found.push(name);
        }
        // A name the body reads otherwise keeps the body's reading.
        for name in found {
            if !self.by_name.contains_key(&name) {
                self.intern(name, Class::Organization);
            }
        }
    }

    /// The entity mention `index` refers to.
    pub fn entity_of(&self, index: usize) -> usize {
        self.of_mention[index]
    }

    /// The entity named exactly `name`, if the article has one.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
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

    /// The name to report for a speaker: an acronym's long form when the article
    /// defines one ("the Public and Commercial Services union (PCS)").
    pub fn speaker_name(&self, id: usize) -> String {
        let e = &self.entities[id];
        e.long_form.clone().unwrap_or_else(|| e.name.clone())
    }

    /// Names of the entities of `class`, in order of first mention. Organizations are
    /// listed once, under their fullest form: an acronym the article spells out and a
    /// party's shorter names give way to the long form.
    pub fn names(&self, class: Class) -> Vec<String> {
        let shorter = if class == Class::Organization {
            self.short_forms()
        } else {
            FxHashSet::default()
        };
        self.entities
            .iter()
            .enumerate()
            .filter(|(id, e)| e.class == class && !shorter.contains(id))
            // A lone word the article never gives in full nor with a title is more often a
            // brand, a place or a title of a work than a person ("Opel", "Zephyr").
            .filter(|(_, e)| class != Class::Person || e.titled || e.name.contains(' '))
            .map(|(_, e)| e.name.clone())
            .collect()
    }

    /// Organizations named more fully elsewhere in the article: acronyms of a long form
    /// (defined in parentheses or matching its initials) and shorter party names.
    fn short_forms(&self) -> FxHashSet<usize> {
        let orgs = || {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.class == Class::Organization)
        };
        let initials: FxHashSet<String> = orgs()
            .filter(|(_, e)| e.name.contains(' '))
            .flat_map(|(_, e)| initials(&e.name))
            .collect();
        // The first word of each longer name after any place: "Federal" of "U.S.
        // Federal Reserve Board".
        let lex = lexicon();
        let first_words: Vec<&str> = orgs()
            .filter(|(_, e)| e.name.contains(' '))
            .filter_map(|(_, e)| {
                e.name
                    .split(' ')
                    .find(|w| !lex.is_place(w) && !lex.is_demonym(w))
            })
            .collect();
        // The longest name the article uses for each party.
        let mut party_best: FxHashMap<usize, usize> = FxHashMap::default();
        for (id, e) in orgs() {
            if let Some(group) = party_group(&e.name) {
                let best = party_best.entry(group).or_insert(id);
                if e.name.len() > self.entities[*best].name.len() {
                    *best = id;
                }
            }
        }
        let mut shorter = FxHashSet::default();
        for (id, e) in orgs() {
            let spelled_out = e.long_form.as_ref().is_some_and(|long| {
                self.by_name
                    .get(long)
                    .is_some_and(|&l| self.entities[l].class == Class::Organization)
            });
            let acronym = !e.name.contains(' ')
                && e.name.chars().filter(|c| c.is_uppercase()).count() >= 2
                && initials.contains(&e.name.to_lowercase());
            let party = party_group(&e.name).is_some_and(|g| party_best[&g] != id);
            // "Fed" for the "Federal Reserve Board" the article names: a short clipping,
            // not a name of its own that a longer word starts with ("Congressional").
            let clipped = !e.name.contains(' ')
                && (3..=4).contains(&e.name.len())
                && e.name.chars().skip(1).all(char::is_lowercase)
                && first_words.iter().any(|w| {
                    w.strip_prefix(e.name.as_str()).is_some_and(|rest| {
                        rest.len() >= 2 && rest.chars().all(char::is_alphabetic)
                    })
                });
            if spelled_out || acronym || party || clipped {
                shorter.insert(id);
            }
        }
        shorter
    }
}

#[cfg(test)]
mod tests {
    use super::super::{mentions, Paragraph};
    use super::*;

    fn table(text: &str) -> EntityTable {
        let mut found = Vec::new();
        for (i, para) in text.split("\n\n").enumerate() {
            found.extend(mentions::find(&Paragraph::new(para.to_string()), i, 0));
        }
        EntityTable::build(&found)
    }

    #[test]
    fn majority_of_mentions_decides_the_class() {
        let mut t = EntityTable::default();
        let ukip = t.intern("UKIP".into(), Class::Place);
        t.intern("UKIP".into(), Class::Organization);
        t.intern("UKIP".into(), Class::Organization);
        let rome = t.intern("Rome".into(), Class::Place);
        t.intern("Rome".into(), Class::Person);
        t.settle_votes();
        assert_eq!(t.entity(ukip).class, Class::Organization);
        // A tie keeps the first reading.
        assert_eq!(t.entity(rome).class, Class::Place);
    }

    #[test]
    fn short_forms_give_way_to_the_long_form() {
        let t = table(
            "The National Audit Office (NAO) and the Ministry of Defence disagreed.\n\n\
             The NAO said the MoD was late. The Tories and the Conservatives agreed.",
        );
        assert_eq!(
            t.names(Class::Organization),
            [
                "National Audit Office",
                "Ministry of Defence",
                "Conservatives"
            ]
        );
    }

    #[test]
    fn lone_untitled_words_are_not_listed_as_people() {
        let t = table("Prince Harry met Opel bosses and Jack Straw.\n\nStraw and Opel agreed.");
        let people = t.names(Class::Person);
        assert!(people.contains(&"Harry".to_string()), "{people:?}");
        assert!(people.contains(&"Jack Straw".to_string()), "{people:?}");
        assert!(!people.contains(&"Opel".to_string()), "{people:?}");
    }

    #[test]
    fn a_surname_read_as_a_company_is_the_person() {
        let mut found = mentions::find(&Paragraph::new("Ian McEwan wrote it.".into()), 0, 0);
        let mut org = found[0].clone();
        org.name = "McEwan".into();
        org.class = Class::Organization;
        found.push(org);
        let t = EntityTable::build(&found);
        assert_eq!(t.names(Class::Person), ["Ian McEwan"]);
        assert!(t.names(Class::Organization).is_empty());
    }

    #[test]
    fn one_cued_mention_makes_the_name_an_organization() {
        let t = table(
            "Nokia and Microsoft agreed a deal.\n\n\
             Jonas Guest, vice president for entertainment at Nokia, said so.\n\n\
             Nokia will sell phones in Finland.",
        );
        assert!(
            t.names(Class::Organization).contains(&"Nokia".to_string()),
            "{:?}",
            t.names(Class::Organization)
        );
    }

    #[test]
    fn a_cued_surname_stays_the_person() {
        let t = table("George Bush spoke.\n\nA Bush spokesman said no.");
        assert_eq!(t.names(Class::Person), ["George Bush"]);
        assert!(t.names(Class::Organization).is_empty());
    }

    #[test]
    fn a_name_called_a_film_once_is_a_film_throughout() {
        let t = table("The film Vera Drake won.\n\nVera Drake was made by Mike Leigh.");
        assert_eq!(t.names(Class::Person), ["Mike Leigh"]);
    }

    #[test]
    fn a_clipped_name_gives_way_to_the_full_one() {
        let t = table("The U.S. Federal Reserve Board met.\n\nThe Fed said rates would stay.");
        assert_eq!(t.names(Class::Organization), ["U.S. Federal Reserve Board"]);
    }

    #[test]
    fn initials_with_and_without_small_words() {
        assert_eq!(initials("Ministry of Defence"), ["md", "mod"]);
        assert_eq!(party_group("Tories"), party_group("Conservative Party"));
        assert_eq!(party_group("Acme"), None);
    }
}
