//! Who is who across one article: the mentions of one entity grouped under its fullest
//! form ("Zheng" after "Zheng Zeguang"; "NAO" after "the National Audit Office (NAO)";
//! "Tories" beside "Conservative Party"), each entity with the class most of its
//! mentions have.
//!
//! Evidence for a group, all from the article itself: a short form that ends a person's
//! longer name, or a given name that starts exactly one; an acronym defined in brackets
//! or spelling a longer name's initials; an organization's name inside exactly one
//! longer one; forms of one party or body in the alias table of the lexicon. A short
//! form that fits two longer names (two Blairs) stays as written.

use rustc_hash::FxHashMap;

use super::lexicon::{
    COMPANY_SUFFIXES, NOT_POSSESSED, OBJECT_OPENERS, ORG_ALIASES, ORG_HEADS, SPEECH_VERBS,
};
use super::mentions::{Class, Mention};
use super::Paragraph;

/// A person, organization, place or other named thing of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form the article uses.
    pub name: String,
    pub class: Class,
    /// Quoted or reported as saying something.
    pub spoke: bool,
    /// Some mention had a title or honorific before it ("Mr Straw").
    pub titled: bool,
    /// Every form the article writes, the name first.
    pub forms: Vec<String>,
}

/// The entities of one article and which entity each mention refers to.
#[derive(Debug, Default)]
pub struct EntityTable {
    entities: Vec<Entity>,
    by_form: FxHashMap<String, usize>,
    of_mention: Vec<usize>,
    votes: Vec<[u32; 4]>,
}

/// The words of a name, without the commas that list a partnership's partners
/// ("Goldman, Sachs and Co" holds "Goldman Sachs").
fn words(name: &str) -> Vec<&str> {
    name.split_whitespace()
        .map(|w| w.strip_suffix(',').unwrap_or(w))
        .collect()
}

/// Whether `short` is a proper contiguous part of `long`, word for word.
fn inside(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// The initials of a name's capitalised words, and of all its words; a leading "The" is
/// the article's, not the name's ("AP" for "The Associated Press").
fn initials(name: &str) -> [String; 2] {
    let first = |w: &&str| w.chars().next();
    let ws = words(name);
    let ws = match ws.split_first() {
        Some((&"The", rest)) if !rest.is_empty() => rest,
        _ => &ws[..],
    };
    let capitals = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(first)
        .collect();
    let all = ws.iter().filter_map(first).collect();
    [capitals, all]
}

/// An acronym: one word of two or more capitals, perhaps with periods or a plural s.
fn is_acronym(name: &str) -> bool {
    !name.contains(' ')
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && name
            .trim_end_matches('s')
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Whether an acronym may stand for a name: its letters are the name's initials, with
/// or without small words, in order and from the first ("IGC" for "International Grain
/// Council", "MoD" for "Ministry of Defence"); a name cut short ("Team Coordination
/// Center" before "(CNCERT)") is no long form of it.
fn spells(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    initials(name).iter().any(|i| {
        let i: Vec<char> = i.chars().flat_map(char::to_uppercase).collect();
        i.first() == letters.first() && {
            // Every letter of the acronym in order among the initials.
            let mut rest = i.iter();
            letters.iter().all(|l| rest.any(|c| c == l))
        }
    })
}

/// Whether an acronym written in brackets right after a name may stand for it though it
/// does not spell it in order, as one in another language does ("IGN" after "National
/// Geographic Institute", "CNIL" after "National Commission for Information Technology
/// and Liberties"): three letters or more, each the initial of one of the name's
/// capitalised words. A name cut short ("Team Coordination Center" before "(CNCERT)")
/// lacks some.
fn abbreviates_across_languages(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let [capitals, _] = initials(name);
    let capitals: Vec<char> = capitals.chars().collect();
    letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && letters.iter().all(|l| capitals.contains(l))
}

/// Union-find over form indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut i = i;
        while self.0[i] != r {
            let next = self.0[i];
            self.0[i] = r;
            i = next;
        }
        r
    }

    /// Put `short`'s group under `long`'s.
    fn join(&mut self, short: usize, long: usize) {
        let (a, b) = (self.find(short), self.find(long));
        if a != b {
            self.0[a] = b;
        }
    }
}

/// The distinct forms of an article's mentions with the votes of their mentions; the
/// names are borrowed from the mentions.
struct Forms<'a> {
    names: Vec<&'a str>,
    /// Per form: mentions read as person, organization, place, other.
    votes: Vec<[u32; 4]>,
    /// Per form: whether a capitalised "The" opening it is only a sentence's first
    /// word ("The Bank said"), not part of the name ("told The Times"): every mention
    /// of the form opens a sentence.
    the_opens_sentences: Vec<bool>,
    /// Per form: whether every mention of it was written with a possessive ending.
    only_possessive: Vec<bool>,
    index: FxHashMap<&'a str, usize>,
    /// For each word, the forms of two words or more that hold it (at most
    /// `MAX_HOLDERS`): a longer form of a name holds all its words, so only these are
    /// compared, which keeps huge articles linear.
    holders: FxHashMap<&'a str, Vec<usize>>,
    /// Forms of two words or more by their initials (of the capitalised words, and of
    /// all words): where an acronym finds its long form.
    by_initials: FxHashMap<String, Vec<usize>>,
}

/// How many longer forms one word is looked up in.
const MAX_HOLDERS: usize = 64;

fn class_index(c: Class) -> usize {
    match c {
        Class::Person => 0,
        Class::Organization => 1,
        Class::Place => 2,
        Class::Other => 3,
    }
}

const CLASSES: [Class; 4] = [
    Class::Person,
    Class::Organization,
    Class::Place,
    Class::Other,
];

/// The class with the most votes; ties go to the earlier class in `CLASSES`.
fn winner(votes: &[u32; 4]) -> Class {
    let best = (0..4).max_by_key(|&k| (votes[k], std::cmp::Reverse(k)));
    CLASSES[best.unwrap_or(0)]
}

/// The name of each mention as the table names it: an organization the article only
/// ever writes with a possessive ending keeps it, as part of its name, when at least once
/// no possessed noun can follow it ("Moody's said", "at Sotheby's."; not "Labour's
/// plans" alone) or a longer name holds it ("Moody's Investors Service"), unless the
/// name is whole without it (see [`complete`]).
fn as_named<'m>(mentions: &'m [Mention], paragraphs: &[&Paragraph]) -> Vec<&'m str> {
    // Per name: written plain at least once; written with the ending where it cannot be
    // a possessive at least once, or inside a longer name.
    let mut seen: FxHashMap<&str, (bool, bool)> = FxHashMap::default();
    let held = |written: &str| {
        mentions.iter().any(|o| {
            o.name
                .strip_prefix(written)
                .is_some_and(|r| r.starts_with(' '))
        })
    };
    for m in mentions {
        let (plain, named) = seen.entry(m.name.as_str()).or_default();
        *plain |= m.possessive.is_none();
        *named |= m
            .possessive
            .as_deref()
            .is_some_and(|written| stands_alone(m, paragraphs) || held(written));
    }
    mentions
        .iter()
        .map(|m| match &m.possessive {
            Some(written)
                if m.class == Class::Organization
                    && seen[m.name.as_str()] == (false, true)
                    && !complete(&m.name) =>
            {
                written.as_str()
            }
            _ => m.name.as_str(),
        })
        .collect()
}

/// Whether a mention written with a possessive ending cannot be a possessive: an
/// indefinite article before it, which a possessive name never takes ("a McDonald's
/// restaurant", or a plural's misplaced apostrophe: "a United Nation's campaign"), or,
/// after it, the paragraph's end, a punctuation mark, a word that never opens a noun
/// phrase, or a lowercase word that a determiner follows, a verb ("Moody's rates the
/// notes").
fn stands_alone(m: &Mention, paragraphs: &[&Paragraph]) -> bool {
    let Some(p) = paragraphs.get(m.para) else {
        return false;
    };
    let word = |i: usize| p.tokens.get(i).map(|t| (t.kind, t.text(&p.text)));
    let indefinite = m
        .start
        .checked_sub(1)
        .and_then(word)
        .is_some_and(|(_, before)| matches!(before, "a" | "an" | "A" | "An"));
    if indefinite {
        return true;
    }
    match word(m.end) {
        None => true,
        Some((kind, next)) => {
            kind == super::tokens::Kind::Punct
                || NOT_POSSESSED.contains(next)
                || SPEECH_VERBS.contains(next)
                || (next.starts_with(char::is_lowercase)
                    && word(m.end + 1).is_some_and(|(_, after)| OBJECT_OPENERS.contains(after)))
        }
    }
}

/// Whether an organization's name is whole as it stands, so that a possessive ending
/// after it is only the possessive ("the BBC's", "General Motors Corp's", "the Home
/// Office's", "BBC Radio 4's", "the Bank of England's"): its last word is an acronym, a
/// legal form, a head word of organizations' names, or a number; or a head word is
/// followed by "of" in it.
fn complete(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.last().copied().unwrap_or(name);
    is_acronym(last)
        || COMPANY_SUFFIXES.contains(last)
        || ORG_HEADS.contains(last)
        || last.chars().any(|c| c.is_ascii_digit())
        || words
            .windows(2)
            .any(|w| ORG_HEADS.contains(w[0]) && w[1] == "of")
}

impl<'a> Forms<'a> {
    fn new(mentions: &[Mention], named: &[&'a str]) -> Forms<'a> {
        let mut f = Forms {
            names: Vec::new(),
            votes: Vec::new(),
            the_opens_sentences: Vec::new(),
            only_possessive: Vec::new(),
            index: FxHashMap::default(),
            holders: FxHashMap::default(),
            by_initials: FxHashMap::default(),
        };
        for (m, name) in mentions.iter().zip(named) {
            let i = *f.index.entry(name).or_insert_with(|| {
                f.names.push(name);
                f.votes.push([0; 4]);
                f.the_opens_sentences.push(name.starts_with("The "));
                f.only_possessive.push(true);
                f.names.len() - 1
            });
            f.votes[i][class_index(m.class)] += 1;
            f.the_opens_sentences[i] &= m.initial;
            f.only_possessive[i] &= m.possessive.is_some();
        }
        for (i, name) in f.names.iter().enumerate() {
            let ws = words(name);
            if ws.len() < 2 {
                continue;
            }
            let [capitals, all] = initials(name);
            for key in [capitals, all] {
                let list = f.by_initials.entry(key).or_default();
                if list.len() < MAX_HOLDERS && list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for w in ws {
                let list = f.holders.entry(w).or_default();
                if list.len() < MAX_HOLDERS && list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        f
    }

    fn class(&self, i: usize) -> Class {
        winner(&self.votes[i])
    }

    /// The longer forms of `class` that `short` belongs to by `fits`.
    fn longer(
        &self,
        short: usize,
        class: Class,
        fits: impl Fn(&[&str], &[&str]) -> bool,
    ) -> Vec<usize> {
        self.longer_than(short, &words(self.names[short]), class, fits)
    }

    /// The forms of `class` longer than `s` (the words of form `short`, or some of them)
    /// that it belongs to by `fits`.
    fn longer_than(
        &self,
        short: usize,
        s: &[&str],
        class: Class,
        fits: impl Fn(&[&str], &[&str]) -> bool,
    ) -> Vec<usize> {
        let Some(first) = s.first() else {
            return Vec::new();
        };
        self.holders
            .get(*first)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| j != short && self.class(j) == class)
            .filter(|&j| {
                let l = words(self.without_article(j));
                l.len() > s.len() && fits(s, &l)
            })
            .collect()
    }

    /// Form `i` without a "The" that only opens sentences.
    fn without_article(&self, i: usize) -> &str {
        let name = self.names[i];
        match name.strip_prefix("The ") {
            Some(rest) if self.the_opens_sentences[i] => rest,
            _ => name,
        }
    }

    /// "The Bank" opening a sentence, beside "Bank of England"; "The World Bank" beside
    /// "World Bank": an organization's name after a "The" that only opens sentences is
    /// the one form of `class` the rest of it is, or is inside.
    fn without_the(&self, short: usize, class: Class) -> Option<usize> {
        let rest = self.without_article(short);
        if rest.len() == self.names[short].len() {
            return None;
        }
        if let Some(&same) = self.index.get(rest).filter(|&&j| self.class(j) == class) {
            return Some(same);
        }
        match self
            .longer_than(short, &words(rest), class, inside)
            .as_slice()
        {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// "Mr Gate's speech" beside "Bill Gates", "a United Nation's report" beside
    /// "United Nations": a form only ever written possessive whose apostrophe stands
    /// before the final "s" of its name (the name said without the "s" nowhere in the
    /// article) is the one form of `class` that is, or ends in, the name with the "s".
    fn misplaced_apostrophe(&self, short: usize, class: Class) -> Option<usize> {
        if !self.only_possessive[short] {
            return None;
        }
        let name = self.names[short];
        let (stem, _) = crate::extract::names::features::strip_possessive(name);
        if stem.ends_with('s') {
            return None;
        }
        let plural = format!("{stem}s");
        if let Some(&same) = self
            .index
            .get(plural.as_str())
            .filter(|&&j| self.class(j) == class)
        {
            return Some(same);
        }
        match self
            .longer_than(short, &words(&plural), class, |s, l| l.ends_with(s))
            .as_slice()
        {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The one longer form of `class` that `short` belongs to by `fits`, if exactly one.
    fn only_longer(
        &self,
        short: usize,
        class: Class,
        fits: impl Fn(&[&str], &[&str]) -> bool,
    ) -> Option<usize> {
        match self.longer(short, class, fits).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// Link each form to the fuller form of the same entity, where the article shows one.
/// Returns the groups, and for forms joined to an entity of another class, that class
/// (their mentions vote for it).
fn link(
    forms: &Forms,
    mentions: &[Mention],
    named: &[&str],
    paragraphs: &[&Paragraph],
) -> (Groups, Vec<Option<Class>>) {
    let n = forms.names.len();
    let mut groups = Groups((0..n).collect());
    let mut vote_as = vec![None; n];
    // Acronyms defined in brackets right after their long form.
    for (k, pair) in mentions.windows(2).enumerate() {
        let (long, short) = (&pair[0], &pair[1]);
        let (long_name, short_name) = (named[k], named[k + 1]);
        let Some(p) = paragraphs.get(long.para) else {
            continue;
        };
        let bracketed = long.para == short.para
            && short.start == long.end + 1
            && p.tokens
                .get(long.end)
                .is_some_and(|t| t.text(&p.text) == "(")
            && p.tokens
                .get(short.end)
                .is_some_and(|t| t.text(&p.text) == ")");
        if bracketed
            && long.class == Class::Organization
            && is_acronym(short_name)
            && (spells(short_name, long_name)
                || abbreviates_across_languages(short_name, long_name))
        {
            groups.join(forms.index[short_name], forms.index[long_name]);
        }
    }
    for (i, vote) in vote_as.iter_mut().enumerate() {
        let class = forms.class(i);
        let name = forms.names[i];
        let longer = match class {
            // "Zheng" of "Zheng Zeguang"; "Robbie" of "Robbie Williams" when Robbie is a
            // given name and no other long name starts or ends with it.
            // "Simmons" of "Phil Simmons"; a lone first word when nothing ends in it and
            // one name starts with it: "Zheng" of "Zheng Zeguang", "Robbie" of "Robbie
            // Williams".
            Class::Person => match forms.longer(i, class, |s, l| l.ends_with(s)).as_slice() {
                [one] => Some(*one),
                [] if !name.contains(' ') => {
                    match forms.longer(i, class, |s, l| l.starts_with(s)).as_slice() {
                        [one] => Some(*one),
                        _ => None,
                    }
                }
                _ => None,
            },
            Class::Organization => forms
                .only_longer(i, class, inside)
                .or_else(|| forms.without_the(i, class))
                .or_else(|| {
                    // "Lumio" beside "Lumio Technologies Inc" and "Lumio Fold X": of the
                    // longer names holding it, the company's full name is the one it stands
                    // for, as the name of the company named after it stands for the company.
                    forms.only_longer(i, class, |s, l| {
                        l.starts_with(s) && l.last().is_some_and(|w| COMPANY_SUFFIXES.contains(w))
                    })
                })
                .or_else(|| {
                    is_acronym(name)
                        .then(|| {
                            let letters: String =
                                name.chars().filter(|c| c.is_uppercase()).collect();
                            let spelled: Vec<usize> = forms
                                .by_initials
                                .get(&letters)
                                .into_iter()
                                .flatten()
                                .copied()
                                .filter(|&j| forms.class(j) == class)
                                .collect();
                            match spelled.as_slice() {
                                [one] => Some(*one),
                                _ => None,
                            }
                        })
                        .flatten()
                }),
            // "Cuban" after "Mark Cuban": a word the model read as a nationality or
            // the like that ends one person's name is that person.
            Class::Other => (!name.contains(' '))
                .then(|| forms.only_longer(i, Class::Person, |s, l| l.ends_with(s)))
                .flatten()
                .inspect(|_| *vote = Some(Class::Person)),
            _ => None,
        };
        let longer = longer.or_else(|| forms.misplaced_apostrophe(i, class));
        // "Brenner Wasserbau" beside "Brenner Wasserbau GmbH": a company's name without
        // its legal form is the company, whatever the model read it as.
        let longer = longer.or_else(|| {
            (class != Class::Organization)
                .then(|| {
                    forms.only_longer(i, Class::Organization, |s, l| {
                        l.starts_with(s)
                            && l[s.len()..].iter().all(|w| COMPANY_SUFFIXES.contains(w))
                    })
                })
                .flatten()
                .inspect(|_| *vote = Some(Class::Organization))
        });
        if let Some(j) = longer {
            groups.join(i, j);
        }
    }
    // Forms of one body in the alias table ("Tories", "Conservative Party").
    let mut by_group: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, name) in forms.names.iter().enumerate() {
        if let Some(g) = ORG_ALIASES.iter().position(|set| set.contains(name)) {
            by_group.entry(g).or_default().push(i);
        }
    }
    for members in by_group.values() {
        if let Some(&fullest) = members
            .iter()
            .max_by_key(|&&i| (words(forms.names[i]).len(), forms.names[i].len()))
        {
            for &m in members {
                groups.join(m, fullest);
            }
        }
    }
    (groups, vote_as)
}

impl EntityTable {
    /// Resolve `mentions` (in article order) of the paragraphs `paragraphs` (indexed as
    /// the mentions' `para`) to entities.
    pub fn build(mentions: &[Mention], paragraphs: &[&Paragraph]) -> Self {
        let named = as_named(mentions, paragraphs);
        let forms = Forms::new(mentions, &named);
        let (mut groups, vote_as) = link(&forms, mentions, &named, paragraphs);
        let mut table = EntityTable::default();
        // One entity per group, named by its fullest form, in order of first mention.
        let mut entity_of_root: FxHashMap<usize, usize> = FxHashMap::default();
        let mut votes: Vec<[u32; 4]> = Vec::new();
        for (m, &name) in mentions.iter().zip(&named) {
            let form = forms.index[name];
            let root = groups.find(form);
            let id = *entity_of_root.entry(root).or_insert_with(|| {
                table.entities.push(Entity {
                    name: forms.names[root].to_string(),
                    class: forms.class(root),
                    spoke: false,
                    titled: false,
                    forms: vec![forms.names[root].to_string()],
                });
                votes.push([0; 4]);
                table.entities.len() - 1
            });
            let e = &mut table.entities[id];
            if !e.forms.iter().any(|f| f == name) {
                e.forms.push(name.to_string());
            }
            e.titled |= m.titled;
            // A form joined to an entity of another class votes for that class.
            let class = vote_as[form].unwrap_or(m.class);
            votes[id][class_index(class)] += 1;
            if !table.by_form.contains_key(name) {
                table.by_form.insert(name.to_string(), id);
            }
            table.of_mention.push(id);
        }
        for (e, v) in table.entities.iter_mut().zip(&votes) {
            e.class = winner(v);
        }
        table.votes = votes;
        table
    }

    /// The entity mention `index` refers to.
    pub fn entity_of(&self, index: usize) -> usize {
        self.of_mention[index]
    }

    /// The entity that has exactly the form `name`, if the article has one.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_form.get(name).copied()
    }

    /// An entity by id.
    pub fn entity(&self, id: usize) -> &Entity {
        &self.entities[id]
    }

    /// Every entity.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Record that an entity spoke.
    pub fn mark_speaker(&mut self, id: usize) {
        self.entities[id].spoke = true;
    }

    /// The name to report for a speaker: the entity's fullest form.
    pub fn speaker_name(&self, id: usize) -> String {
        self.entities[id].name.clone()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::Mention;

    fn m(name: &str, class: Class) -> Mention {
        Mention {
            para: 0,
            start: 0,
            end: 1,
            name: name.to_string(),
            possessive: None,
            class,
            titled: false,
            initial: false,
            changes: Vec::new(),
        }
    }

    fn table(ms: &[Mention]) -> EntityTable {
        EntityTable::build(ms, &[])
    }

    /// A mention written with a possessive ending.
    fn owning(name: &str, class: Class) -> Mention {
        Mention {
            possessive: Some(format!("{name}'s")),
            ..m(name, class)
        }
    }

    #[test]
    fn a_possessive_stays_on_a_name_only_where_the_name_needs_it() {
        let org = Class::Organization;
        // Each mention is the first token of "Moody's said.": no possessed noun follows.
        let said = Paragraph::new("Moody's said.".to_string());
        let table = |ms: &[Mention]| EntityTable::build(ms, &[&said]);
        let t = table(&[
            owning("Moody", org),
            owning("Orlan Mills Corp", org),
            owning("NBN", org),
            owning("Harbour Board", org),
            owning("Radio 4", org),
            owning("Bank of Tarnby", org),
            owning("Tarn Vale", Class::Person),
        ]);
        assert_eq!(
            t.names(org),
            [
                "Moody's",
                "Orlan Mills Corp",
                "NBN",
                "Harbour Board",
                "Radio 4",
                "Bank of Tarnby"
            ]
        );
        assert_eq!(t.names(Class::Person), ["Tarn Vale"]);
        // Written plain too: the plain name.
        let t = table(&[owning("Moody", org), m("Moody", org)]);
        assert_eq!(t.names(org), ["Moody"]);
    }

    fn organizations(body: &str) -> Vec<String> {
        crate::extract::extract_text("test", &format!("Headline for the test\n\n{body}\n"))
            .organizations
    }

    #[test]
    fn a_possessive_before_what_it_owns_is_no_part_of_the_name() {
        let orgs =
            organizations("Quillon's new plant opened in Leeds on Monday, the company said.");
        assert_eq!(orgs, ["Quillon"]);
        // No noun can follow: a speech verb, a verb taking an object, a full stop.
        for body in [
            "Quillon's said the bonds were safe.",
            "Quillon's rates the bonds highly, analysts in Leeds noted.",
            "The bonds were rated by Quillon's.",
        ] {
            let orgs = organizations(body);
            assert!(orgs.iter().any(|o| o == "Quillon's"), "{body}: {orgs:?}");
        }
        // An indefinite article takes no possessive name.
        let orgs = organizations("Analysts in Leeds praised a Quillon's campaign on Monday.");
        assert_eq!(orgs, ["Quillon's"]);
        // A longer name holds the ending.
        let orgs = organizations(
            "Quillon's Investors Service cut the rating. Quillon's analysts in Leeds agreed.",
        );
        assert!(orgs.iter().all(|o| o.starts_with("Quillon's")), "{orgs:?}");
    }

    #[test]
    fn short_forms_join_the_only_longer_name() {
        let t = table(&[
            m("Zheng Zeguang", Class::Person),
            m("Zheng", Class::Person),
            m("Alcoa Inc", Class::Organization),
            m("Alcoa", Class::Organization),
        ]);
        assert_eq!(t.names(Class::Person), ["Zheng Zeguang"]);
        assert_eq!(t.names(Class::Organization), ["Alcoa Inc"]);
    }

    #[test]
    fn a_name_after_a_capitalised_the_joins_the_one_it_is() {
        let org = Class::Organization;
        let opening = |name: &str| Mention {
            initial: true,
            ..m(name, org)
        };
        let t = table(&[
            m("Bank of Arden", org),
            opening("The Bank"),
            m("Pell Valley Authority", org),
            opening("The Pell Valley Authority"),
            opening("The Clarion"),
        ]);
        assert_eq!(
            t.names(org),
            ["Bank of Arden", "Pell Valley Authority", "The Clarion"]
        );
        // Two banks: "The Bank" could be either, and stays as written.
        let t = table(&[
            m("Bank of Arden", org),
            m("Merrow Savings Bank", org),
            opening("The Bank"),
        ]);
        assert_eq!(t.names(org).len(), 3);
        // Written with "The" inside a sentence, "The" is part of the name.
        let t = table(&[m("Clarion", org), m("The Clarion", org)]);
        assert_eq!(t.names(org), ["The Clarion"]);
    }

    #[test]
    fn a_partnership_holds_its_partners_names() {
        let org = Class::Organization;
        let t = table(&[
            m("Hallam, Reede and Co", org),
            m("Hallam Reede", org),
            m("Hallam", org),
        ]);
        assert_eq!(t.names(org), ["Hallam, Reede and Co"]);
    }

    #[test]
    fn a_company_short_name_joins_the_company_not_its_product() {
        let t = table(&[
            m("Corvel Systems Inc", Class::Organization),
            m("Corvel Pad Pro", Class::Organization),
            m("Corvel", Class::Organization),
            // Without a company's full name among them, a short name that several
            // longer ones hold stays as written.
            m("Banner Trust", Class::Organization),
            m("Banner Arena", Class::Organization),
            m("Banner", Class::Organization),
        ]);
        assert_eq!(
            t.names(Class::Organization),
            [
                "Corvel Systems Inc",
                "Corvel Pad Pro",
                "Banner Trust",
                "Banner Arena",
                "Banner"
            ]
        );
        assert_eq!(t.entity_of(2), t.entity_of(0));
    }

    #[test]
    fn a_surname_two_people_share_stays_as_written() {
        let t = table(&[
            m("Tony Blair", Class::Person),
            m("Cherie Blair", Class::Person),
            m("Blair", Class::Person),
        ]);
        assert_eq!(
            t.names(Class::Person),
            ["Tony Blair", "Cherie Blair", "Blair"]
        );
    }

    #[test]
    fn acronyms_and_party_names_join_the_long_form() {
        let t = table(&[
            m("Scottish National Party", Class::Organization),
            m("SNP", Class::Organization),
            m("Tories", Class::Organization),
            m("Conservative Party", Class::Organization),
        ]);
        assert_eq!(
            t.names(Class::Organization),
            ["Scottish National Party", "Conservative Party"]
        );
    }

    #[test]
    fn an_acronym_in_brackets_from_another_language_joins_its_long_form() {
        assert!(abbreviates_across_languages(
            "INF",
            "National Fishing Institute"
        ));
        assert!(!abbreviates_across_languages(
            "CNCERT",
            "Team Coordination Center"
        ));
        assert!(!abbreviates_across_languages("IN", "National Institute"));
        let a = crate::extract::extract_text(
            "fishing.txt",
            "Catches fall\n\nROME, May 2 - The National Fishing Institute (INF) said catches \
             fell. INF officials said quotas would stay.\n",
        );
        assert_eq!(a.organizations, ["National Fishing Institute"]);
    }

    #[test]
    fn an_acronym_joins_only_a_name_it_spells() {
        assert!(spells("IGC", "International Grain Council"));
        assert!(spells("MoD", "Ministry of Defence"));
        assert!(!spells("CNCERT", "Team Coordination Center"));
        // A leading "The" is no part of the initials.
        assert!(spells("NDT", "The Northam Daily Telegraph"));
        let t = table(&[
            m("NDT", Class::Organization),
            m("The Northam Daily Telegraph", Class::Organization),
        ]);
        assert_eq!(
            t.names(Class::Organization),
            ["The Northam Daily Telegraph"]
        );
    }

    #[test]
    fn the_class_most_mentions_have_wins() {
        let t = table(&[
            m("Chelsea", Class::Person),
            m("Chelsea", Class::Organization),
            m("Chelsea", Class::Organization),
        ]);
        assert_eq!(t.names(Class::Organization), ["Chelsea"]);
        assert!(t.names(Class::Person).is_empty());
    }
}
