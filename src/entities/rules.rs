//! Which written forms are one entity: the rules that turn the number of articles of
//! every written form of the archive into entities, each alias with the reason it
//! joined. Pure: counts in, table out.
//!
//! Rules, each applied only to a form no earlier rule joined:
//! 1. the reviewed alias table ([`ALIASES`], `data/aliases.txt`): forms of one party or
//!    body that nothing in their spelling connects ("Tories", "GOP", "Fed");
//! 2. a party's short forms: "X" and "Xs" beside "X Party";
//! 3. a possessive ("Labour's", "BBC's") joins its plain form, or absent that the plural
//!    whose apostrophe it misplaced ("United Nation's", "United Nations");
//! 4. a company's name with its legal form ("Microsoft Corp.", "Kaiyuan Shipping Co Ltd")
//!    and the same name without it ("Microsoft"), when the archive writes both, are one
//!    entity, named by the form with more articles;
//! 5. an acronym written in at least [`MIN_ARTICLES`] articles joins the one long name of
//!    the archive whose initials are exactly its letters, when that name is dominant
//!    among such names ("EU" and "European Union");
//! 6. an organization's name written as the last words of a longer one ("Red Sox",
//!    "Boston Red Sox") joins the one that dominates those it ends, when the words left
//!    out say only where or which ("The", a place), or the short form is a team's plural
//!    nickname that is no English word ("Astros");
//! 7. a name written as the possessive that opens a longer organization's name, its
//!    ending dropped ("Moody", "Moody's Investors Service Inc"), joins the one that
//!    dominates those it opens, as in rule 6; no place or name with a legal form does;
//! 8. a person's name without a middle initial joins the one name with it ("George
//!    Bush", "George W Bush");
//! 9. a lone surname ("Blair") or initial and surname ("B O'Driscoll") joins the full
//!    name that is dominant for that surname (and initial) in the archive: at least
//!    [`DOMINANCE_PERCENT`] of the articles of all the full names that fit, and at least
//!    [`MIN_ARTICLES`] articles. Full names are never merged with each other by
//!    surname, so Tony and Cherie Blair stay apart, and a surname no name dominates
//!    ("Williams") stays as written.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::extract::lexicon;

/// Share of the articles of all full names fitting a short form that one of them must
/// have for the short form to join it, in percent.
pub const DOMINANCE_PERCENT: u64 = 80;
/// Articles the dominant full name (or long name) must have.
pub const MIN_ARTICLES: u64 = 3;

/// A lone word stays as written when full names of the archive starting with it have
/// more than 1/`GIVEN_NAME_RATIO` of the articles of the dominant full name ending
/// with it.
pub const GIVEN_NAME_RATIO: u64 = 4;

/// The reviewed alias table: canonical name, then aliases.
pub static ALIASES: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| parse_aliases(include_str!("data/aliases.txt")));

/// Read the alias table's lines (`Canonical | alias | alias`; `#` starts a comment).
pub fn parse_aliases(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split('|')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|group| group.len() >= 2)
        .collect()
}

/// The kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Person,
    Organization,
}

/// Why a written form belongs to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// The same words but for periods and spaces ("George W. Bush", "U.N.").
    Spelling,
    /// Listed in the reviewed alias table.
    AliasTable,
    /// "X" or "Xs" beside "X Party".
    PartyName,
    /// A possessive of the form it joined.
    Possessive,
    /// The same company's name, but for its legal form ("Microsoft Corp.", "Microsoft").
    LegalForm,
    /// The last words of a longer name that dominates the names they end ("Red Sox",
    /// "Boston Red Sox").
    Tail,
    /// One form's letters are the other's initials, and no other name of the archive
    /// with those initials comes close (`share` percent of their articles).
    Acronym { share: u64 },
    /// Defined as the long form it joined ("Confederation of British Industry (CBI)")
    /// in `articles` articles, more than any other long form.
    Defined { articles: u64 },
    /// Written alone in `articles` articles that also write the long form it joined,
    /// whose initials it is, more than any other long form.
    Folded { articles: u64 },
    /// The same first name and surname, without a middle initial.
    MiddleInitial,
    /// A lone surname; the full name has `share` percent of the articles of the
    /// archive's full names with that surname.
    Surname { share: u64 },
    /// An initial and a surname; as [`Reason::Surname`], among the full names with that
    /// initial.
    Initial { share: u64 },
    /// The possessive that opens a longer name that dominates the names it opens, its
    /// ending dropped ("Moody", "Moody's Investors Service Inc").
    PossessiveHead,
}

impl Reason {
    /// The reason in words, for `entity` and `extract --explain`.
    pub fn describe(&self, via: &str) -> String {
        match self {
            Reason::Spelling => format!("{via} written with other periods or spaces"),
            Reason::AliasTable => format!("listed with {via} in the reviewed alias table"),
            Reason::PartyName => format!("short form of {via}"),
            Reason::Possessive => format!("possessive of {via}"),
            Reason::LegalForm => format!("{via} with or without its legal form"),
            Reason::Tail => format!("the last words of {via}, the name they end most often"),
            Reason::PossessiveHead => {
                format!("the possessive opening {via}, the name it opens most often")
            }
            Reason::Acronym { share } => format!(
                "initials of {via}, which has {share}% of the articles of names with these initials"
            ),
            Reason::Defined { articles } => {
                format!(
                    "written in brackets after {via}, or {via} after it, in {articles} article(s)"
                )
            }
            Reason::Folded { articles } => {
                format!("initials of {via}, written beside it in {articles} article(s)")
            }
            Reason::MiddleInitial => format!("{via} without its middle initial"),
            Reason::Surname { share } => format!(
                "lone surname; {via} has {share}% of the articles of full names with this surname"
            ),
            Reason::Initial { share } => format!(
                "initial and surname; {via} has {share}% of the articles of full names that fit"
            ),
        }
    }
}

/// One written form of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub name: String,
    /// Articles that write it (as their fullest form of the entity).
    pub articles: u64,
    /// Why it joined, and the form it joined; `None` for the canonical name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// An entity of the archive: a canonical name and every form written for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub class: Class,
    /// The canonical form first, then the others, most articles first.
    pub forms: Vec<Form>,
}

/// Articles per written form, per class.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormCounts {
    pub persons: FxHashMap<String, u64>,
    pub organizations: FxHashMap<String, u64>,
    /// Articles defining an acronym as a long name: (acronym, long name).
    pub definitions: FxHashMap<(String, String), u64>,
    /// Articles writing an acronym beside the one long name it spells, without
    /// defining it: (acronym, long name). Weaker than a definition, so counted apart.
    pub folds: FxHashMap<(String, String), u64>,
}

/// The forms of one class, and which form each joined.
struct Joins<'a> {
    counts: &'a FxHashMap<String, u64>,
    parent: FxHashMap<&'a str, (&'a str, Reason)>,
}

impl<'a> Joins<'a> {
    fn new(counts: &'a FxHashMap<String, u64>) -> Self {
        Joins {
            counts,
            parent: FxHashMap::default(),
        }
    }

    fn key(&self, name: &str) -> Option<&'a str> {
        self.counts.get_key_value(name).map(|(k, _)| k.as_str())
    }

    fn root(&self, mut name: &'a str) -> &'a str {
        while let Some((up, _)) = self.parent.get(name) {
            name = up;
        }
        name
    }

    /// Join `form` to `target`'s entity, unless `form` joined one already or they are
    /// one entity.
    fn join(&mut self, form: &'a str, target: &'a str, reason: Reason) {
        if self.parent.contains_key(form) || self.root(target) == form {
            return;
        }
        self.parent.insert(form, (target, reason));
    }

    /// Join entities rooted at `a` and `b`, the one with more articles in `totals`
    /// naming both (`b` on a tie).
    fn join_under_larger(
        &mut self,
        a: &'a str,
        b: &'a str,
        totals: &FxHashMap<&'a str, u64>,
        reason: Reason,
    ) {
        let (alias, root) = if totals.get(a) > totals.get(b) {
            (b, a)
        } else {
            (a, b)
        };
        self.join(alias, root, reason);
    }

    fn articles(&self, name: &str) -> u64 {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// Articles of every form whose entity is rooted at each root.
    fn totals(&self) -> FxHashMap<&'a str, u64> {
        let mut totals: FxHashMap<&str, u64> = FxHashMap::default();
        for (name, n) in self.counts {
            *totals.entry(self.root(name)).or_default() += n;
        }
        totals
    }
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

/// "B", "B." or "J.": one letter.
fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    letters.len() == 1 && letters[0].is_uppercase()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A person's full name: two words or more, the first no initial, all capitalised.
fn is_full_name(name: &str) -> bool {
    let ws = words(name);
    ws.len() >= 2 && !is_initial(ws[0]) && ws.iter().all(|w| capitalised(w))
}

/// One word of two capitals or more and nothing but capitals (perhaps `&`, `.`).
pub(crate) fn is_acronym(name: &str) -> bool {
    !name.contains(' ')
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && name
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
}

const SMALL_WORDS: [&str; 6] = ["of", "and", "the", "for", "&", "on"];

/// The initials of a long name's words, small words left out ("International Monetary
/// Fund" -> "IMF"; "Bank of England" -> "BE"); `None` for one word.
pub(crate) fn initials_of(name: &str) -> Option<String> {
    let ws: Vec<&str> = words(name)
        .into_iter()
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if ws.len() < 2 || !ws.iter().all(|w| capitalised(w)) {
        return None;
    }
    Some(ws.iter().filter_map(|w| w.chars().next()).collect())
}

/// The candidate with a dominant share of the articles of all candidates, and that
/// share in percent.
fn dominant<'a>(candidates: &[(&'a str, u64)]) -> Option<(&'a str, u64)> {
    let total: u64 = candidates.iter().map(|c| c.1).sum();
    let best = candidates
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    let share = best.1 * 100 / total.max(1);
    (best.1 >= MIN_ARTICLES && share >= DOMINANCE_PERCENT).then_some((best.0, share))
}

/// A form's words without periods, for comparing spellings.
fn spelling_key(name: &str) -> String {
    let plain = name.replace('.', " ");
    words(&plain).join(" ")
}

fn join_spellings(j: &mut Joins) {
    let mut by_key: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for name in j.counts.keys() {
        by_key.entry(spelling_key(name)).or_default().push(name);
    }
    for (_, mut forms) in by_key.into_iter().filter(|(_, f)| f.len() > 1) {
        forms.sort_by(|a, b| j.articles(b).cmp(&j.articles(a)).then_with(|| a.cmp(b)));
        for form in &forms[1..] {
            j.join(form, forms[0], Reason::Spelling);
        }
    }
}

fn join_aliases(j: &mut Joins) {
    for group in ALIASES.iter() {
        let present: Vec<&str> = group.iter().filter_map(|n| j.key(n)).collect();
        if present.len() < 2 {
            continue;
        }
        let declared = j.key(&group[0]);
        let root = declared.unwrap_or_else(|| {
            *present
                .iter()
                .max_by_key(|n| j.articles(n))
                .expect("two present")
        });
        for form in present.into_iter().filter(|f| *f != root) {
            j.join(form, root, Reason::AliasTable);
        }
    }
}

fn join_party_names(j: &mut Joins) {
    let parties: Vec<&str> = j
        .counts
        .keys()
        .filter(|n| n.ends_with(" Party") || n.ends_with(" party"))
        .map(String::as_str)
        .collect();
    for party in parties {
        let short = &party[..party.len() - " Party".len()];
        for form in [short.to_string(), format!("{short}s")] {
            if let Some(form) = j.key(&form) {
                j.join(form, party, Reason::PartyName);
            }
        }
    }
}

fn join_possessives(j: &mut Joins) {
    let forms: Vec<&str> = j.counts.keys().map(String::as_str).collect();
    for form in forms {
        let plain = form
            .strip_suffix("'s")
            .or_else(|| form.strip_suffix("\u{2019}s"))
            .or_else(|| form.strip_suffix("s'").map(|_| &form[..form.len() - 1]));
        // Absent the plain form, a plural of it whose apostrophe was misplaced ("a
        // United Nation's campaign" for "United Nations'").
        let plain = plain.and_then(|p| j.key(p).or_else(|| j.key(&format!("{p}s"))));
        if let Some(plain) = plain {
            j.join(form, plain, Reason::Possessive);
        }
    }
}

/// A company's name without the legal forms it ends with ("Microsoft Corp." ->
/// "Microsoft"; "Kaiyuan Shipping Co Ltd" -> "Kaiyuan Shipping"; "Goldman Sachs & Co" ->
/// "Goldman Sachs"; "Wal-Mart Stores, Inc." -> "Wal-Mart Stores"); `None` when it ends
/// with none, or nothing else is left.
fn without_legal_form(name: &str) -> Option<String> {
    let mut ws = words(name);
    let all = ws.len();
    while ws.len() > 1 && ws.last().is_some_and(|w| lexicon::is_legal_form(w)) {
        ws.pop();
        while ws.len() > 1 && matches!(ws.last(), Some(&("and" | "&"))) {
            ws.pop();
        }
    }
    let plain = ws.join(" ");
    let plain = plain.trim_end_matches(',');
    (ws.len() < all && !plain.is_empty()).then(|| plain.to_string())
}

/// A company's name with its legal form and without it, both written in the archive,
/// are one entity, named by the form with more articles.
fn join_legal_forms(j: &mut Joins) {
    let mut forms: Vec<&str> = j.counts.keys().map(String::as_str).collect();
    forms.sort_unstable();
    let totals = j.totals();
    for form in forms {
        let Some(plain) = without_legal_form(form).and_then(|p| j.key(&p)) else {
            continue;
        };
        let (a, b) = (j.root(form), j.root(plain));
        if a == b {
            continue;
        }
        j.join_under_larger(a, b, &totals, Reason::LegalForm);
    }
}

/// An organization's name written as the last words of a longer one joins the longer
/// name that dominates those it ends, as a lone surname joins a full name (at least
/// [`DOMINANCE_PERCENT`] of their articles and [`MIN_ARTICLES`]), and when the longer
/// one has at least half the articles of the short form itself. The words left out
/// must say only where or which: "The" ("Washington Post", "The Washington Post") or a
/// place ("Red Sox", "Boston Red Sox"; "Justice Department", "U.S. Justice
/// Department"). A short form of one word joins only as a team's plural nickname that
/// is no English word ("Astros", "Houston Astros"; "Tigers", "Treasury", "Office" stay).
/// So "Security Council" stays apart from "National Security Council", "Premier
/// League" from "Scottish Premier League".
fn join_tails(j: &mut Joins) {
    let lex = lexicon::lexicon();
    let nickname = |w: &str| {
        w.ends_with('s')
            && !is_acronym(w)
            && !lex.is_common_lowered(w)
            && !lex.is_dictionary_word_lowered(w)
    };
    let totals = j.totals();
    let mut by_tail: FxHashMap<String, Vec<(&str, u64)>> = FxHashMap::default();
    for (&root, &n) in &totals {
        let ws = words(root);
        for k in 1..ws.len() {
            let (left_out, one_word) = (ws[..k].join(" "), k + 1 == ws.len());
            let which = if one_word {
                nickname(ws[k])
            } else {
                left_out == "The" || lex.is_place(&left_out)
            };
            if which && capitalised(ws[k]) {
                by_tail
                    .entry(ws[k..].join(" "))
                    .or_default()
                    .push((root, n));
            }
        }
    }
    let mut short: Vec<&str> = totals.keys().copied().collect();
    short.sort_unstable();
    for form in short {
        let Some(longs) = by_tail.get(form) else {
            continue;
        };
        if let Some((long, _)) =
            dominant(longs).filter(|(long, _)| totals[long] * 2 >= totals[form])
        {
            j.join(form, long, Reason::Tail);
        }
    }
}

/// A name written as the possessive that opens a longer organization's name ("Moody" of
/// "Moody's Investors Service Inc", "Standard and Poor" of "Standard and Poor's Corp":
/// the article wrote "Moody's" before a noun, and the possessive ending came off) joins
/// the longer name that dominates the names it opens, as a tail joins (rule 6), when the
/// longer one has at least half the short form's articles. A place ("Britain" of
/// "Britain's Channel 4") and a company's name with its legal form ("Texas Air Corp" of
/// "Texas Air Corp's Continental Airlines", its subsidiary) stay.
fn join_possessive_heads(j: &mut Joins) {
    let lex = lexicon::lexicon();
    let totals = j.totals();
    let mut by_head: FxHashMap<&str, Vec<(&str, u64)>> = FxHashMap::default();
    for (&root, &n) in &totals {
        let opening = ["'s ", "\u{2019}s "]
            .iter()
            .filter_map(|apostrophe| root.find(apostrophe))
            .min();
        if let Some(at) = opening {
            by_head.entry(&root[..at]).or_default().push((root, n));
        }
    }
    let mut short: Vec<&str> = totals.keys().copied().collect();
    short.sort_unstable();
    for form in short {
        let legal_form = words(form)
            .last()
            .is_some_and(|w| lexicon::is_legal_form(w));
        if legal_form || lex.is_place(form) {
            continue;
        }
        let Some(longs) = by_head.get(form) else {
            continue;
        };
        if let Some((long, _)) =
            dominant(longs).filter(|(long, _)| totals[long] * 2 >= totals[form])
        {
            j.join(form, long, Reason::PossessiveHead);
        }
    }
}

fn join_acronyms(j: &mut Joins) {
    let mut by_initials: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for name in j.counts.keys() {
        if let Some(i) = initials_of(name) {
            by_initials.entry(i).or_default().push(name);
        }
    }
    let totals = j.totals();
    let acronyms: Vec<&str> = j
        .counts
        .keys()
        .map(String::as_str)
        // Letters written in a couple of articles say too little to tell one expansion
        // from another ("LP", a record, is not the Labour Party).
        .filter(|n| is_acronym(n) && j.counts.get(*n).copied().unwrap_or(0) >= MIN_ARTICLES)
        .collect();
    for acronym in acronyms {
        // An acronym an earlier rule joined (defined as, or written beside, a long form)
        // stays with it: joining its entity to another long form of the same initials
        // would join two bodies ("SPC", written beside "Security Pacific Corp", is not
        // "Standard and Poor's Corp").
        if j.parent.contains_key(acronym) {
            continue;
        }
        let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
        let Some(longs) = by_initials.get(&letters) else {
            continue;
        };
        let mut candidates: FxHashMap<&str, u64> = FxHashMap::default();
        for long in longs {
            let root = j.root(long);
            candidates.insert(root, totals.get(root).copied().unwrap_or(0));
        }
        let candidates: Vec<(&str, u64)> = candidates.into_iter().collect();
        if let Some((long, share)) = dominant(&candidates) {
            j.join_under_larger(j.root(acronym), long, &totals, Reason::Acronym { share });
        }
    }
}

/// An acronym joins the long name the archive's articles define it as most (or, for
/// `folds`, write it beside most), when at least two thirds of them say so.
fn join_definitions(
    j: &mut Joins,
    definitions: &FxHashMap<(String, String), u64>,
    reason: fn(u64) -> Reason,
) {
    let mut by_acronym: FxHashMap<&str, Vec<(&str, u64)>> = FxHashMap::default();
    for ((short, long), &n) in definitions {
        if let (Some(short), Some(long)) = (j.key(short), j.key(long)) {
            by_acronym.entry(short).or_default().push((long, n));
        }
    }
    let totals = j.totals();
    let mut acronyms: Vec<_> = by_acronym.into_iter().collect();
    acronyms.sort_unstable();
    for (acronym, longs) in acronyms {
        let all: u64 = longs.iter().map(|l| l.1).sum();
        let Some(&(long, n)) = longs
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        else {
            continue;
        };
        if n * 3 < all * 2 {
            continue;
        }
        j.join_under_larger(j.root(acronym), j.root(long), &totals, reason(n));
    }
}

fn join_middle_initials(j: &mut Joins) {
    let totals = j.totals();
    let mut with_initial: FxHashMap<(&str, &str), Vec<&str>> = FxHashMap::default();
    for (&root, _) in totals.iter() {
        let ws = words(root);
        if ws.len() >= 3 && is_full_name(root) && ws[1..ws.len() - 1].iter().all(|w| is_initial(w))
        {
            with_initial
                .entry((ws[0], ws[ws.len() - 1]))
                .or_default()
                .push(root);
        }
    }
    for (&name, &n) in totals.iter() {
        let ws = words(name);
        if ws.len() != 2 || !is_full_name(name) {
            continue;
        }
        let Some(list) = with_initial.get(&(ws[0], ws[1])) else {
            continue;
        };
        if let [long] = list[..] {
            let (alias, root) = if n > totals[long] {
                (long, name)
            } else {
                (name, long)
            };
            j.join(alias, root, Reason::MiddleInitial);
        }
    }
}

fn join_surnames(j: &mut Joins) {
    let totals = j.totals();
    // Full-name entities by surname: (first word of the root, root, articles).
    let mut by_surname: FxHashMap<&str, Vec<(&str, &str, u64)>> = FxHashMap::default();
    // Articles of full names starting with each word: a lone word that is as much a
    // given name ("Charles": Charles Kennedy, Charles Clarke) is no surname to resolve.
    let mut as_given: FxHashMap<&str, u64> = FxHashMap::default();
    for (&root, &n) in &totals {
        if is_full_name(root) {
            let ws = words(root);
            by_surname
                .entry(ws[ws.len() - 1])
                .or_default()
                .push((ws[0], root, n));
            *as_given.entry(ws[0]).or_default() += n;
        }
    }
    let short: Vec<&str> = j
        .counts
        .keys()
        .map(String::as_str)
        .filter(|n| !is_full_name(n))
        .collect();
    for form in short {
        let ws = words(form);
        let (initial, surname) = match ws[..] {
            [surname] if capitalised(surname) && !is_acronym(surname) => (None, surname),
            [first, surname] if is_initial(first) && capitalised(surname) => {
                (first.chars().next(), surname)
            }
            _ => continue,
        };
        let Some(names) = by_surname.get(surname) else {
            continue;
        };
        let candidates: Vec<(&str, u64)> = names
            .iter()
            .filter(|(first, ..)| initial.is_none_or(|i| first.starts_with(i)))
            .map(|&(_, root, n)| (root, n))
            .collect();
        let given = as_given.get(surname).copied().unwrap_or(0);
        if let Some((root, share)) = dominant(&candidates)
            .filter(|(root, _)| initial.is_some() || given * GIVEN_NAME_RATIO < totals[root])
        {
            let reason = match initial {
                None => Reason::Surname { share },
                Some(_) => Reason::Initial { share },
            };
            j.join(form, root, reason);
        }
    }
}

fn entities_of(j: &Joins, class: Class) -> Vec<Entity> {
    let mut groups: FxHashMap<&str, Vec<Form>> = FxHashMap::default();
    for (name, &articles) in j.counts {
        let root = j.root(name);
        let (reason, via) = match j.parent.get(name.as_str()) {
            Some((via, reason)) => (Some(reason.clone()), Some(via.to_string())),
            None => (None, None),
        };
        groups.entry(root).or_default().push(Form {
            name: name.clone(),
            articles,
            reason,
            via,
        });
    }
    let mut entities: Vec<Entity> = groups
        .into_iter()
        .map(|(root, mut forms)| {
            forms.sort_by(|a, b| {
                (a.name != root)
                    .cmp(&(b.name != root))
                    .then(b.articles.cmp(&a.articles))
                    .then_with(|| a.name.cmp(&b.name))
            });
            Entity {
                name: root.to_string(),
                class,
                forms,
            }
        })
        .collect();
    entities.sort_by(|a, b| a.name.cmp(&b.name));
    entities
}

/// The entities of an archive whose written forms have `counts` articles each: every
/// form belongs to exactly one entity of its class.
pub fn resolve(counts: &FormCounts) -> Vec<Entity> {
    let mut orgs = Joins::new(&counts.organizations);
    join_spellings(&mut orgs);
    join_aliases(&mut orgs);
    join_party_names(&mut orgs);
    join_possessives(&mut orgs);
    join_legal_forms(&mut orgs);
    join_definitions(&mut orgs, &counts.definitions, |articles| Reason::Defined {
        articles,
    });
    // Folds count only for acronyms no article defines.
    let defined: FxHashSet<&str> = counts.definitions.keys().map(|(a, _)| a.as_str()).collect();
    let folds: FxHashMap<(String, String), u64> = counts
        .folds
        .iter()
        .filter(|((acronym, _), _)| !defined.contains(acronym.as_str()))
        .map(|(pair, &n)| (pair.clone(), n))
        .collect();
    join_definitions(&mut orgs, &folds, |articles| Reason::Folded { articles });
    join_acronyms(&mut orgs);
    join_tails(&mut orgs);
    join_possessive_heads(&mut orgs);
    let mut persons = Joins::new(&counts.persons);
    join_spellings(&mut persons);
    join_possessives(&mut persons);
    join_middle_initials(&mut persons);
    join_surnames(&mut persons);
    let mut entities = entities_of(&persons, Class::Person);
    entities.extend(entities_of(&orgs, Class::Organization));
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(persons: &[(&str, u64)], orgs: &[(&str, u64)]) -> FormCounts {
        let map = |l: &[(&str, u64)]| l.iter().map(|(n, c)| (n.to_string(), *c)).collect();
        FormCounts {
            persons: map(persons),
            organizations: map(orgs),
            ..FormCounts::default()
        }
    }

    /// The canonical name of `form`'s entity.
    fn canonical(entities: &[Entity], form: &str) -> String {
        entities
            .iter()
            .find(|e| e.forms.iter().any(|f| f.name == form))
            .map(|e| e.name.clone())
            .unwrap_or_default()
    }

    #[test]
    fn an_acronym_written_beside_its_long_form_joins_no_other() {
        let mut c = counts(
            &[],
            &[
                ("Sable Pacific Corp", 20),
                ("SPC", 5),
                ("Standard and Plain Corp", 100),
            ],
        );
        c.folds
            .insert(("SPC".into(), "Sable Pacific Corp".into()), 4);
        let table = resolve(&c);
        assert_eq!(canonical(&table, "SPC"), "Sable Pacific Corp");
        assert_eq!(
            canonical(&table, "Standard and Plain Corp"),
            "Standard and Plain Corp"
        );
    }

    #[test]
    fn the_possessive_opening_a_name_joins_it() {
        let table = resolve(&counts(
            &[],
            &[
                ("Marlow's Ratings Service Inc", 20),
                ("Marlow", 8),
                ("Tarn Air Corp", 10),
                ("Tarn Air Corp's Vale Airlines", 6),
                ("Britain", 5),
                ("Britain's Channel Six", 6),
            ],
        ));
        assert_eq!(canonical(&table, "Marlow"), "Marlow's Ratings Service Inc");
        let marlow = table.iter().find(|e| e.name.starts_with("Marlow"));
        let reason = marlow.and_then(|e| e.forms.iter().find(|f| f.name == "Marlow"));
        assert_eq!(
            reason.and_then(|f| f.reason.clone()),
            Some(Reason::PossessiveHead)
        );
        // A company's name with its legal form and a place stay apart from the longer
        // names their possessives open.
        assert_eq!(canonical(&table, "Tarn Air Corp"), "Tarn Air Corp");
        assert_eq!(canonical(&table, "Britain"), "Britain");
    }

    #[test]
    fn the_alias_table_loads_with_every_line_a_group() {
        assert!(ALIASES.len() >= 8);
        assert!(ALIASES.iter().all(|g| g.len() >= 2));
        assert!(ALIASES
            .iter()
            .any(|g| g[0] == "Conservative Party" && g.contains(&"Tories".to_string())));
        assert_eq!(
            parse_aliases("# note\n\nA | B |  \nC\n"),
            [vec!["A".to_string(), "B".to_string()]]
        );
    }

    #[test]
    fn dominant_surnames_join_and_shared_ones_stay() {
        let table = resolve(&counts(
            &[
                ("Tony Blair", 154),
                ("Cherie Blair", 6),
                ("Blair", 15),
                ("Serena Williams", 9),
                ("Robbie Williams", 15),
                ("Williams", 8),
                ("Brian O'Driscoll", 21),
                ("B O'Driscoll", 7),
                ("George W Bush", 26),
                ("George W. Bush", 1),
                ("George Bush", 5),
                ("Charles Kennedy", 48),
                ("Ray Charles", 19),
                ("Charles", 4),
                ("Bush", 16),
                ("Laura Bush", 1),
            ],
            &[],
        ));
        assert_eq!(canonical(&table, "Blair"), "Tony Blair");
        assert_eq!(canonical(&table, "Cherie Blair"), "Cherie Blair");
        assert_eq!(canonical(&table, "Williams"), "Williams");
        assert_eq!(canonical(&table, "B O'Driscoll"), "Brian O'Driscoll");
        assert_eq!(canonical(&table, "George Bush"), "George W Bush");
        assert_eq!(canonical(&table, "Bush"), "George W Bush");
        assert_eq!(canonical(&table, "Laura Bush"), "Laura Bush");
        assert_eq!(canonical(&table, "George W. Bush"), "George W Bush");
        // More a given name than a surname in this archive.
        assert_eq!(canonical(&table, "Charles"), "Charles");
    }

    #[test]
    fn organizations_join_by_table_party_possessive_and_acronym() {
        let table = resolve(&counts(
            &[],
            &[
                ("Conservative Party", 12),
                ("Conservatives", 9),
                ("Tories", 46),
                ("Labour", 129),
                ("Labour Party", 26),
                ("Labour's", 20),
                ("Scottish Socialist Party", 4),
                ("Scottish Socialists", 2),
                ("European Union", 44),
                ("EU", 36),
                ("BBC", 106),
                ("British Broadcasting Corporation", 3),
                ("BBC News", 134),
                ("Harbour Nations", 12),
                ("Harbour Nation's", 1),
            ],
        ));
        assert_eq!(canonical(&table, "Tories"), "Conservative Party");
        // An apostrophe misplaced in a plural's possessive.
        assert_eq!(canonical(&table, "Harbour Nation's"), "Harbour Nations");
        assert_eq!(canonical(&table, "Labour's"), "Labour Party");
        assert_eq!(
            canonical(&table, "Scottish Socialists"),
            "Scottish Socialist Party"
        );
        assert_eq!(canonical(&table, "EU"), "European Union");
        assert_eq!(canonical(&table, "British Broadcasting Corporation"), "BBC");
        assert_eq!(canonical(&table, "BBC News"), "BBC News");
        let eu = table.iter().find(|e| e.name == "European Union").unwrap();
        assert_eq!(eu.forms[1].reason, Some(Reason::Acronym { share: 100 }));
    }

    #[test]
    fn a_companys_name_with_and_without_its_legal_form_is_one_entity() {
        let table = resolve(&counts(
            &[],
            &[
                ("Harbourline", 15),
                ("Harbourline Corp.", 6),
                ("Harbourline Corp", 2),
                ("Kestrel Rail Systems Ltd", 4),
                ("Kestrel Rail Systems", 1),
                ("Pellow Sachs & Co", 3),
                ("Pellow Sachs", 2),
                ("Dunmore Stores, Inc.", 2),
                ("Dunmore Stores", 2),
                ("Northgate Holdings", 4),
                ("Northgate", 9),
                ("Brightwater Capital LLC", 3),
            ],
        ));
        assert_eq!(canonical(&table, "Harbourline Corp."), "Harbourline");
        assert_eq!(canonical(&table, "Harbourline Corp"), "Harbourline");
        // The form written in more articles names the entity.
        assert_eq!(
            canonical(&table, "Kestrel Rail Systems"),
            "Kestrel Rail Systems Ltd"
        );
        assert_eq!(canonical(&table, "Pellow Sachs"), "Pellow Sachs & Co");
        assert_eq!(canonical(&table, "Dunmore Stores"), "Dunmore Stores");
        assert_eq!(canonical(&table, "Dunmore Stores, Inc."), "Dunmore Stores");
        // "Holdings" is no legal form: the holding company is another body.
        assert_eq!(
            canonical(&table, "Northgate Holdings"),
            "Northgate Holdings"
        );
        assert_eq!(
            canonical(&table, "Brightwater Capital LLC"),
            "Brightwater Capital LLC"
        );
        let harbourline = table.iter().find(|e| e.name == "Harbourline").unwrap();
        assert_eq!(harbourline.forms[1].name, "Harbourline Corp.");
        assert_eq!(harbourline.forms[1].reason, Some(Reason::LegalForm));
    }

    #[test]
    fn the_last_words_of_a_name_join_it_when_the_rest_says_where_or_which() {
        let table = resolve(&counts(
            &[],
            &[
                ("Portville Dunmorians", 6),
                ("Dunmorians", 8),
                ("U.S. Harbour Agency", 9),
                ("Harbour Agency", 4),
                ("The Portville Herald", 5),
                ("Portville Herald", 2),
                ("National Harbour Council", 7),
                ("Harbour Council", 3),
                ("Portville Tigers", 5),
                ("Tigers", 3),
                ("U.S. Treasury", 12),
                ("Treasury", 20),
            ],
        ));
        assert_eq!(canonical(&table, "Dunmorians"), "Portville Dunmorians");
        assert_eq!(canonical(&table, "Harbour Agency"), "U.S. Harbour Agency");
        assert_eq!(
            canonical(&table, "Portville Herald"),
            "The Portville Herald"
        );
        let agency = table.iter().find(|e| e.name == "U.S. Harbour Agency");
        assert_eq!(agency.unwrap().forms[1].reason, Some(Reason::Tail));
        // "National" says more than where: another body.
        assert_eq!(canonical(&table, "Harbour Council"), "Harbour Council");
        // One English word stays: "Tigers" of other places, "Treasury" of other states.
        assert_eq!(canonical(&table, "Tigers"), "Tigers");
        assert_eq!(canonical(&table, "Treasury"), "Treasury");
    }

    #[test]
    fn an_acronym_joins_what_articles_write_it_beside_unless_they_define_it() {
        let mut c = counts(
            &[],
            &[
                ("NRA", 2),
                ("Northern Rowing Association", 4),
                ("TWU", 3),
                ("Transit Workers Union", 1),
                ("Transport Workers Union", 1),
            ],
        );
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // Too few articles for initials alone; the articles that write both say it.
        c.folds
            .insert(pair("NRA", "Northern Rowing Association"), 2);
        // Where articles define an acronym, those that only write it beside a long
        // name say nothing.
        c.definitions
            .insert(pair("TWU", "Transport Workers Union"), 1);
        c.folds.insert(pair("TWU", "Transit Workers Union"), 1);
        let table = resolve(&c);
        assert_eq!(canonical(&table, "NRA"), "Northern Rowing Association");
        let nra = table
            .iter()
            .find(|e| e.name == "Northern Rowing Association");
        assert!(nra.unwrap().forms[1].reason == Some(Reason::Folded { articles: 2 }));
        assert_eq!(canonical(&table, "Transport Workers Union"), "TWU");
        assert_eq!(
            canonical(&table, "Transit Workers Union"),
            "Transit Workers Union"
        );
    }
}
