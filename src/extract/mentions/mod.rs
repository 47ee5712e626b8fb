//! Mentions: the names the model found, as written in the article, each put through a
//! few passes about language rather than names (a possessive ending dropped, a title
//! before a person's name taken off). Each pass that changes a mention records itself,
//! which `extract --explain` prints. The passes that find companies' names the model
//! cut short or read as people's are [`firms`]'.
//!
//! Which words are a name, and of what kind, is the model's decision ([`super::names`]);
//! which mentions are one entity is the next stage's ([`super::entities`]).

use super::lexicon::{
    lexicon, with_lowercase, WordSet, CALENDAR, COMPANY_SUFFIXES, CURRENCY_UNITS, HOLIDAYS,
    HONOURS_AFTER_NAMES, MAGNITUDES, ORG_HEADS, PARTNERSHIP_NOUNS, PERSONAL_HONORIFICS,
    PREFIXES_BEFORE_NAMES, SEATS_AFTER_NAMES, STAFF_ROLES, STORM_WORDS, TITLES, WORK_NOUNS,
};
use super::names::{self, Kind, Name};
use super::tokens::Kind as TokenKind;
use super::Paragraph;

mod firms;

pub use firms::{abbreviated_names, legal_forms, org_openers, partnerships, spelled_out};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Person,
    Organization,
    Place,
    /// Another kind of name: a nationality, an event, a work, a product.
    Other,
}

impl Class {
    /// The class of a name of the model's kind.
    pub fn of(kind: Kind) -> Class {
        match kind {
            Kind::Person => Class::Person,
            Kind::Organization => Class::Organization,
            Kind::Location => Class::Place,
            Kind::Misc => Class::Other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Person => "person",
            Class::Organization => "organization",
            Class::Place => "place",
            Class::Other => "other",
        }
    }
}

/// A pass that changed a mention, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A possessive ending was dropped ("Germany's").
    Possessive,
    /// Title words before a person's name were taken off ("President", "Mr").
    Title(String),
    /// The office that ends a title written with "of" was taken off the front of the
    /// name ("Chancellor of the Exchequer Nigel Lawson"): a person, whatever the model
    /// read.
    Office(String),
    /// An honorific ("Mr", "Mrs", "Dr") stands before the name: a person is meant,
    /// whatever the model read.
    Honorific(String),
    /// The name ran on across a bracketed qualifier to a legal form ("(Holdings) Ltd").
    Qualified(String),
    /// The name is a partnership's, its partners listed before "and Co" ("Goldman,
    /// Sachs and Co"): it runs on from this partner.
    Partners(String),
    /// The name runs on over "and" and a partnership's noun ("Paton and Co Inc", "Brown
    /// and Sons"): a firm, whatever the model read.
    Firm,
    /// The name runs on over a small word to the next name, the capitals of both
    /// spelling an acronym the article writes ("General Agreement on Tariffs and Trade",
    /// "GATT"): one organization, whatever the model read.
    Spelled(String),
    /// The name opens with a word that heads organizations' names in languages that put
    /// the head first ("Banque", "Societe", "Clube"): a body, whatever the model read.
    Opener(String),
    /// A stock ticker after the name was left out ("ACM.N").
    Ticker(String),
    /// Capitals in brackets after the name abbreviate it, a stock symbol or initials
    /// ("Fannie Mae (FNM)"): an organization, whatever the model read.
    Abbreviated(String),
    /// A plural written in capitals after the name was left out ("Labour MPs").
    Plural(String),
    /// Letters after the name for a seat or an honour were left out ("Tom Ray MSP", "Guy
    /// Roe QC"); an honour's make the name a person's.
    PostNominal(String),
    /// A prefix joined to the name by a hyphen was left out ("non-OPEC").
    Prefix(String),
    /// The name is a holiday's ("Easter"): a time, whatever the model read.
    Holiday,
    /// The name is a storm's ("Hurricane Ivan", and "Ivan" elsewhere in the article): no
    /// person, whatever the model read.
    Storm,
    /// The name is the credit of a dateline ("HONG KONG (Dow Jones) -"): a news outlet,
    /// whatever the model read.
    Credit,
    /// The name is a work's, after the kind of work ("the film Vera Drake", "the album
    /// Hot Fuss"): no person or body, whatever the model read.
    Work,
    /// The name is the outlet's that published the article ("a Reuter survey" in a
    /// Reuters story): a news outlet, whatever the model read.
    Outlet,
    /// The name is one a staff credit line credits ("(Reporting by Ann Lee; Editing by
    /// Tom Ray)"): a person, whatever the model read.
    Staff,
}

impl Change {
    /// One line for `extract --explain`.
    pub fn describe(&self) -> String {
        match self {
            Change::Possessive => "possessive ending dropped".to_string(),
            Change::Title(t) => format!("title {t:?} taken off"),
            Change::Office(t) => format!("title {t:?} taken off: a person"),
            Change::Honorific(h) => format!("{h:?} before it: a person"),
            Change::Qualified(q) => format!("runs on across {q:?} to its legal form"),
            Change::Partners(p) => format!("a partner of {p:?}: one firm"),
            Change::Firm => "\"and\" and a partnership's noun after it: one firm".to_string(),
            Change::Opener(w) => format!("{w:?} opens it: an organization"),
            Change::Spelled(a) => format!("its capitals spell {a:?}: one organization"),
            Change::Ticker(t) => format!("stock ticker {t:?} left out"),
            Change::Abbreviated(t) => {
                format!("{t:?} in brackets after it abbreviates it: an organization")
            }
            Change::Plural(w) => format!("{w:?}, a plural, left out"),
            Change::PostNominal(w) if HONOURS_AFTER_NAMES.contains(w) => {
                format!("{w:?}, an honour after a name, left out: a person")
            }
            Change::PostNominal(w) => format!("{w:?}, a seat after a name, left out"),
            Change::Prefix(w) => format!("prefix {w:?} left out"),
            Change::Holiday => "a holiday: a time, no person or body".to_string(),
            Change::Storm => "a storm's name: no person or body".to_string(),
            Change::Credit => "a dateline's credit: a news outlet".to_string(),
            Change::Work => "a work's title: no person or body".to_string(),
            Change::Outlet => "the article's own outlet: a news outlet".to_string(),
            Change::Staff => "credited by a staff credit line: a person".to_string(),
        }
    }
}

/// A name in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub para: usize,
    /// Token range of the name, after the passes.
    pub start: usize,
    pub end: usize,
    /// The name as written, after the passes.
    pub name: String,
    /// The name with its possessive ending, when it had one ("Moody's").
    pub possessive: Option<String>,
    pub class: Class,
    /// A title stood before the name ("Mr", "President").
    pub titled: bool,
    /// The name opens a sentence, where a capital proves nothing.
    pub initial: bool,
    /// The passes that changed the mention.
    pub changes: Vec<Change>,
}

/// Whether a word is a title or honorific written before names.
fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

/// Take the titles off the front of a person's name ("President Barack Obama", "Mr
/// Straw"): the model usually leaves them out, but a title it has not seen may stay.
fn strip_titles(p: &Paragraph, m: &mut Mention) {
    let mut start = m.start;
    while start + 1 < m.end && is_title(p.tokens[start].text(&p.text)) {
        start += 1;
    }
    if start > m.start {
        let title = p.span(m.start..start).to_string();
        m.changes.push(Change::Title(title));
        m.start = start;
        m.titled = true;
    }
}

/// "Chancellor of the Exchequer Nigel Lawson", "Minister of Finance Kiichi Miyazawa": a
/// title written with "of" and a one-word office, then a person's name. The model reads
/// the office and the name as one body's; the office is the title's end, and the rest is
/// the person. The name after the office is two words or more, each capitalised and
/// lettered, none a legal form, a partnership's noun or a head of organizations' names,
/// and not all common nouns: "President of Kleinwort Benson Cross Financing Inc",
/// "Director of Federal Home Loan Banks" and "Chairman of the House Agriculture
/// Subcommittee" are bodies.
fn office_before_name(p: &Paragraph, m: &mut Mention) {
    let word = |i: usize| p.tokens[i].text(&p.text);
    if m.class == Class::Person || m.end - m.start < 3 || m.start < 2 {
        return;
    }
    let of = if word(m.start - 1) == "the" {
        m.start - 2
    } else {
        m.start - 1
    };
    if of == 0 || word(of) != "of" || !is_title(word(of - 1)) {
        return;
    }
    let name_like = |i: usize| {
        let w = word(i);
        p.tokens[i].kind == TokenKind::Word
            && w.starts_with(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !ORG_HEADS.contains(w)
            && !COMPANY_SUFFIXES.contains(w)
            && !PARTNERSHIP_NOUNS.contains(w)
    };
    let common = |i: usize| lexicon().is_dictionary_word_lowered(word(i));
    let name = m.start + 1..m.end;
    if name.clone().all(name_like) && !name.clone().all(common) {
        let title = p.span(of - 1..m.start + 1).to_string();
        m.start += 1;
        m.class = Class::Person;
        m.titled = true;
        m.changes.push(Change::Office(title));
    }
}

/// The first or last words of a name an office was taken off ("Lawson" of "Chancellor
/// of the Exchequer Nigel Lawson"), written alone as an organization's, are the
/// person's: the model read them so for the office it had joined to them. `mentions`
/// are an article's.
pub fn office_holders(mentions: Vec<Mention>) -> Vec<Mention> {
    let holders: Vec<(String, Change)> = mentions
        .iter()
        .flat_map(|m| m.changes.iter().map(move |c| (m, c)))
        .filter(|(_, c)| matches!(c, Change::Office(_)))
        .map(|(m, c)| (m.name.clone(), c.clone()))
        .collect();
    reclass_forms(
        mentions,
        &holders,
        Class::Organization,
        Class::Person,
        is_edge_form,
    )
}

/// Give class `to` to the mentions of class `from` that `is_form` of a name in `marked`
/// (a name a pass found to be of class `to`, and the change that said so), recording
/// that change.
fn reclass_forms(
    mut mentions: Vec<Mention>,
    marked: &[(String, Change)],
    from: Class,
    to: Class,
    is_form: impl Fn(&str, &str) -> bool,
) -> Vec<Mention> {
    for m in &mut mentions {
        if m.class != from {
            continue;
        }
        if let Some((_, change)) = marked.iter().find(|(name, _)| is_form(name, &m.name)) {
            m.class = to;
            m.changes.push(change.clone());
        }
    }
    mentions
}

/// Whether `m` is `whole` or its first or last words.
fn is_edge_form(whole: &str, m: &str) -> bool {
    let at_edge = |rest: &str| rest.is_empty() || rest.starts_with(' ');
    whole.strip_prefix(m).is_some_and(at_edge)
        || whole
            .strip_suffix(m)
            .is_some_and(|rest| rest.ends_with(' '))
}

/// "Mr Law", "Ms Chada": an honorific before (or opening) a name makes it a person's,
/// whatever the model read: it has seen few of them (wire copy rarely writes them).
fn honorific(p: &Paragraph, m: &mut Mention) {
    let word = |i: usize| p.tokens[i].text(&p.text);
    let inside = m.end - m.start >= 2 && PERSONAL_HONORIFICS.contains(word(m.start));
    let before = m.start > 0 && PERSONAL_HONORIFICS.contains(word(m.start - 1));
    if !inside && !before {
        return;
    }
    let at = if inside { m.start } else { m.start - 1 };
    if m.class != Class::Person {
        m.class = Class::Person;
        m.changes.push(Change::Honorific(word(at).to_string()));
    }
}

/// Whether a name is too short to name anything on its own: one letter ("P" of "S and
/// P", an initial) is part of an abbreviation or of a name, never a whole one.
pub fn too_short(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphanumeric()).count() <= 1
}

/// Whether a word is a stock ticker with its exchange, as wire copy and financial pages
/// write them after a company's name ("ACM.N", "BRVO.AS"): capitals or digits, a dot,
/// one or two capitals. A ticker of one letter ("F.N") is only told from initials ("U.K"
/// at a sentence's end, "K.K Wong") after a legal form (`after_legal_form`). A word
/// ending in a full stop is an abbreviation ("N.V.", "CC.OO."), not a ticker.
pub(super) fn is_ticker(word: &str, after_legal_form: bool) -> bool {
    let Some((base, exchange)) = word.split_once('.') else {
        return false;
    };
    let capitals = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    let shortest = if after_legal_form { 1 } else { 2 };
    (shortest..=6).contains(&base.len())
        && base.as_bytes()[0].is_ascii_uppercase()
        && capitals(base)
        && (1..=2).contains(&exchange.len())
        && exchange.bytes().all(|b| b.is_ascii_uppercase())
}

/// Tickers are no part of a name ("Acme Corp. ACM.N", where markup once kept them
/// apart) and no name on their own.
fn drop_tickers(p: &Paragraph, m: &mut Mention) {
    let word = |i: usize| p.tokens[i].text(&p.text);
    let legal_form = |i: usize| i > m.start && COMPANY_SUFFIXES.contains(word(i - 1));
    let mut end = m.end;
    while end > m.start && is_ticker(word(end - 1), legal_form(end - 1)) {
        end -= 1;
    }
    if end < m.end {
        m.changes
            .push(Change::Ticker(p.span(end..m.end).to_string()));
        m.end = end;
    }
}

/// Whether a word is the plural of an abbreviation ("MPs", "CDs", "TVs"): a common noun
/// for many things or people, never the end of a name.
fn is_plural_abbreviation(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 2 && stem.bytes().all(|b| b.is_ascii_uppercase()))
}

/// "Labour MPs", "Pocket PCs": the plural of an abbreviation after a name is no part
/// of it, nor a name alone ("CDs").
fn drop_plurals(p: &Paragraph, m: &mut Mention) {
    let word = |i: usize| p.tokens[i].text(&p.text);
    let mut end = m.end;
    while end > m.start && is_plural_abbreviation(word(end - 1)) {
        end -= 1;
    }
    if end < m.end {
        m.changes
            .push(Change::Plural(p.span(end..m.end).to_string()));
        m.end = end;
    }
}

/// "Tom Ray MSP", "Guy Roe QC's": letters after a name for a seat in a parliament or an
/// honour are no part of it; an honour's make a person of what is left.
fn drop_post_nominals(p: &Paragraph, m: &mut Mention) {
    if m.end - m.start < 2 {
        return;
    }
    let last = p.tokens[m.end - 1].text(&p.text);
    let (letters, _) = names::features::strip_possessive(last);
    let honour = HONOURS_AFTER_NAMES.contains(letters);
    if honour || SEATS_AFTER_NAMES.contains(letters) {
        m.changes.push(Change::PostNominal(letters.to_string()));
        m.end -= 1;
        if honour {
            m.class = Class::Person;
        }
    }
}

/// "non-OPEC", "ex-Yukos": a prefix a writer joined to a name with a hyphen, and the name.
fn prefixed(name: &str) -> Option<(&str, &str)> {
    let (prefix, rest) = name.split_once('-')?;
    (PREFIXES_BEFORE_NAMES.contains(prefix) && rest.starts_with(char::is_uppercase))
        .then_some((prefix, rest))
}

/// "No. 1", "Art. 33": one word cut short by a full stop, before a number, abbreviates
/// the noun that is counted and names nothing. ("U.S. 30-year bonds": an abbreviation
/// with inner stops is left alone.)
fn counted_noun(p: &Paragraph, m: &Mention) -> bool {
    let word = p.tokens[m.start].text(&p.text);
    let next = p.tokens.get(m.end).map(|t| t.kind);
    m.end - m.start == 1
        && next == Some(super::tokens::Kind::Number)
        && word
            .strip_suffix('.')
            .is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
}

/// "7.15 billion N.Z. Dlrs", "40 mln Swiss Francs": after an amount, words ending in a
/// currency unit name the currency, not a person or a body.
fn currency(p: &Paragraph, m: &Mention) -> bool {
    let word = |i: usize| p.tokens[i].text(&p.text);
    let last = word(m.end - 1);
    let unit = last.strip_suffix('.').unwrap_or(last);
    let amount = m.start.checked_sub(1).is_some_and(|i| {
        p.tokens[i].kind == super::tokens::Kind::Number
            || super::lexicon::with_lowercase(word(i), |w| MAGNITUDES.contains(w))
    });
    amount && super::lexicon::with_lowercase(unit, |u| CURRENCY_UNITS.contains(u))
}

/// Make `m`, the credit of a dateline, a news outlet: an organization.
pub fn credit(m: &mut Mention) {
    if m.class != Class::Organization {
        m.class = Class::Organization;
        m.changes.push(Change::Credit);
    }
}

/// The mention of a name the model found in paragraph `p` (index `para`); `None` when
/// what is left of it after the passes is too short to be a name.
pub fn from_name(p: &Paragraph, para: usize, name: &Name) -> Option<Mention> {
    let mut m = Mention {
        para,
        start: name.start,
        end: name.end,
        name: String::new(),
        possessive: None,
        class: Class::of(name.kind),
        titled: false,
        initial: p.clause_start.get(name.start).copied().unwrap_or(false),
        changes: Vec::new(),
    };
    drop_tickers(p, &mut m);
    drop_plurals(p, &mut m);
    drop_post_nominals(p, &mut m);
    let article_alone = m.end == m.start + 1 && p.tokens[m.start].text(&p.text) == "The";
    if m.end == m.start
        || article_alone
        || party_tag(p, &m)
        || dates_a_notice(p, &m)
        || counted_noun(p, &m)
        || currency(p, &m)
    {
        return None;
    }
    honorific(p, &mut m);
    office_before_name(p, &mut m);
    if m.class == Class::Person {
        strip_titles(p, &mut m);
    }
    if m.start > 0 && !m.titled {
        let before = p.tokens[m.start - 1].text(&p.text);
        m.titled = is_title(before);
    }
    let text = p.span(m.start..m.end);
    let (stem, possessive) = names::features::strip_possessive(text);
    if possessive {
        m.changes.push(Change::Possessive);
        m.possessive = Some(text.to_string());
    }
    m.name = stem.to_string();
    if let Some((prefix, _)) = prefixed(&m.name) {
        let prefix = prefix.to_string();
        for written in std::iter::once(&mut m.name).chain(&mut m.possessive) {
            written.drain(..prefix.len() + 1);
        }
        m.changes.push(Change::Prefix(prefix));
    }
    if HOLIDAYS.contains(&m.name) && m.class != Class::Other {
        m.class = Class::Other;
        m.changes.push(Change::Holiday);
    }
    // A storm's name is one word, after the storm word or with it ("Typhoon Nanmadol");
    // a person's after "Cyclone" is a player of a team so named ("Cyclone Adam Haluska").
    let storm_word = |i: usize| in_list(p, i, &STORM_WORDS);
    let storm = match m.end - m.start {
        1 => m.start > 0 && storm_word(m.start - 1),
        2 => storm_word(m.start),
        _ => false,
    };
    if storm && m.class != Class::Other {
        m.class = Class::Other;
        m.changes.push(Change::Storm);
    }
    let after_work = m.start > 0 && in_list(p, m.start - 1, &WORK_NOUNS);
    if after_work && m.class != Class::Other {
        m.class = Class::Other;
        m.changes.push(Change::Work);
    }
    if m.class != Class::Person && staff_credited(p, m.start) {
        m.class = Class::Person;
        m.changes.push(Change::Staff);
    }
    (!too_short(&m.name)).then_some(m)
}

/// Whether a mention is the party and state that American news writes after a
/// politician's name, in brackets or between commas ("Rand Paul (R-Ky.)", "Jan Roe,
/// D-Calif., said"): a party's letter, a hyphen, a capitalised place. It names no body.
fn party_tag(p: &Paragraph, m: &Mention) -> bool {
    if m.end != m.start + 1 || m.start == 0 {
        return false;
    }
    let after_mark = matches!(p.tokens[m.start - 1].text(&p.text), "(" | ",");
    let tag = p.tokens[m.start].text(&p.text);
    let shaped = tag.split_once('-').is_some_and(|(party, place)| {
        matches!(party, "R" | "D" | "I") && place.starts_with(char::is_uppercase)
    });
    after_mark && shaped
}

/// Whether a mention is the label of a dated row of a notice: one word opening a line
/// whose rest is a date ("Record 16 March", "Pay April 1, 1987", as wire copy's dividend
/// notices write them). It labels the date, as "Shr" labels figures; it names nobody.
fn dates_a_notice(p: &Paragraph, m: &Mention) -> bool {
    let breaks = |i: usize| p.text[p.tokens[i - 1].end..p.tokens[i].start].contains('\n');
    if m.end != m.start + 1 || m.start > 0 && !breaks(m.start) {
        return false;
    }
    let line_end = (m.end..p.tokens.len())
        .find(|&i| i > m.end && breaks(i))
        .unwrap_or(p.tokens.len());
    let date: Vec<(TokenKind, &str)> = (m.end..line_end)
        .map(|i| (p.tokens[i].kind, p.tokens[i].text(&p.text)))
        .filter(|&(_, t)| t != ",")
        .collect();
    let month = |&(kind, text): &(TokenKind, &str)| {
        kind == TokenKind::Word && with_lowercase(text, |w| CALENDAR.contains(w))
    };
    let number = |&(kind, _): &(TokenKind, &str)| kind == TokenKind::Number;
    let label = p.tokens[m.start].text(&p.text);
    let dated = match date.as_slice() {
        [a, b] => number(a) && month(b) || month(a) && number(b),
        [a, b, year] => (number(a) && month(b) || month(a) && number(b)) && number(year),
        _ => false,
    };
    dated && !with_lowercase(label, |w| CALENDAR.contains(w))
}

/// Whether token `i` of `p`, lowercased, is in `list` (a list of lowercase words).
fn in_list(p: &Paragraph, i: usize, list: &WordSet) -> bool {
    super::lexicon::with_lowercase(p.tokens[i].text(&p.text), |w| list.contains(w))
}

/// The most words before "by" at the start of a staff credit line ("Additional reporting
/// by").
const MAX_STAFF_ROLE_WORDS: usize = 2;

/// Whether the name at token `at` of `p` is one a staff credit line credits: the
/// paragraph opens with a role and "by" ("(Reporting by", "Additional reporting by"), and
/// the nearest "by", semicolon or preposition of place before the name is a "by" ("by Ann
/// Lee and Tom Ray", not "in New York").
fn staff_credited(p: &Paragraph, at: usize) -> bool {
    let word = |i: usize| p.tokens[i].text(&p.text);
    let is = |i: usize, words: &[&str]| {
        p.tokens[i].kind == super::tokens::Kind::Word
            && super::lexicon::with_lowercase(word(i), |w| words.contains(&w))
    };
    let first = usize::from(
        p.tokens
            .first()
            .is_some_and(|t| p.text[t.start..t.end] == *"("),
    );
    let Some(by) =
        (first..p.tokens.len().min(first + MAX_STAFF_ROLE_WORDS + 1)).find(|&i| is(i, &["by"]))
    else {
        return false;
    };
    let role = by > first
        && (first..by).all(|i| p.tokens[i].kind == super::tokens::Kind::Word)
        && in_list(p, by - 1, &STAFF_ROLES);
    role && at > by
        && (by..at)
            .rev()
            .find(|&i| word(i) == ";" || is(i, &["by", "in", "at", "from", "for", "of"]))
            .is_some_and(|i| is(i, &["by"]))
}

/// A name the article gives a storm ("Hurricane Ivan") or a work ("the film Vera Drake")
/// is the storm's or the work's wherever it, or its last words, are written alone ("Ivan
/// has killed 20 people", "Drake"). `mentions` are an article's.
pub fn storms_and_works(mut mentions: Vec<Mention>) -> Vec<Mention> {
    for change in [Change::Storm, Change::Work] {
        let named: Vec<String> = mentions
            .iter()
            .filter(|m| m.changes.contains(&change))
            .map(|m| m.name.clone())
            .collect();
        if named.is_empty() {
            continue;
        }
        let is_named = |name: &str| {
            named.iter().any(|n| {
                n.strip_suffix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
            })
        };
        for m in &mut mentions {
            if m.class != Class::Other && is_named(&m.name) {
                m.class = Class::Other;
                m.changes.push(change.clone());
            }
        }
    }
    mentions
}

/// The outlet that published the article (`source`), named in it ("a Reuter survey" in
/// a Reuters story), is a news outlet, an organization, whatever the model read; its
/// name may lack or add a final "s" ("Reuter", "Reuters"). `mentions` are an article's.
pub fn own_outlet(mut mentions: Vec<Mention>, source: Option<&str>) -> Vec<Mention> {
    let Some(source) = source else {
        return mentions;
    };
    let stem = |name: &str| name.strip_suffix('s').unwrap_or(name).to_string();
    let own = stem(source);
    for m in &mut mentions {
        if m.class != Class::Organization && stem(&m.name) == own {
            m.class = Class::Organization;
            m.changes.push(Change::Outlet);
        }
    }
    mentions
}

/// Letters an article writes after a name for a seat or an honour ("Tom Ray MSP") name
/// nobody where they stand alone ("a stooge MP"). `mentions` are an article's.
pub fn post_nominals(mut mentions: Vec<Mention>) -> Vec<Mention> {
    let letters: Vec<String> = mentions
        .iter()
        .flat_map(|m| &m.changes)
        .filter_map(|c| match c {
            Change::PostNominal(l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    if !letters.is_empty() {
        mentions.retain(|m| !letters.contains(&m.name));
    }
    mentions
}

/// Whether a one-word name is a lowercase dictionary word written with a capital.
pub fn is_dictionary_word(name: &str) -> bool {
    !name.contains(' ') && lexicon().is_dictionary_word_lowered(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::names::Kind;

    pub(super) fn mention(text: &str, start: usize, end: usize, kind: Kind) -> Mention {
        let p = Paragraph::new(text.to_string());
        try_mention(&p, start, end, kind).expect("a mention")
    }

    pub(super) fn try_mention(
        p: &Paragraph,
        start: usize,
        end: usize,
        kind: Kind,
    ) -> Option<Mention> {
        from_name(
            p,
            0,
            &Name {
                para: 0,
                start,
                end,
                kind,
            },
        )
    }

    #[test]
    fn an_honorific_makes_a_person() {
        let m = mention("Mr McConnell said", 0, 2, Kind::Organization);
        assert_eq!((m.name.as_str(), m.class), ("McConnell", Class::Person));
        let m = mention("Ms Chada said", 1, 2, Kind::Location);
        assert_eq!((m.name.as_str(), m.class), ("Chada", Class::Person));
    }

    /// The index of the token written `word` in `p`.
    fn token_at(p: &Paragraph, word: &str) -> usize {
        p.tokens
            .iter()
            .position(|t| t.text(&p.text) == word)
            .unwrap_or_else(|| panic!("no token {word}"))
    }

    /// Whether the token written `word`, read by the model as an organization alone,
    /// makes a mention.
    fn word_names(p: &Paragraph, word: &str) -> bool {
        let i = token_at(p, word);
        try_mention(p, i, i + 1, Kind::Organization).is_some()
    }

    #[test]
    fn a_party_tag_after_a_name_names_nothing() {
        let p = Paragraph::new("Sen. Ann Vale (R-Okla.) said, as did Tom Orr, D-Mont.".to_string());
        for tag in ["R-Okla", "D-Mont"] {
            assert!(!word_names(&p, tag), "{tag}");
        }
        // Elsewhere such a word may be a name.
        let p = Paragraph::new("D-Wave said".to_string());
        assert!(try_mention(&p, 0, 1, Kind::Organization).is_some());
    }

    #[test]
    fn the_label_of_a_dated_row_names_nothing() {
        let p = Paragraph::new(
            "Qtly div 12 cts vs 12 cts prior\nPay 1 April\nRecord April 16, 1987".to_string(),
        );
        for label in ["Pay", "Record"] {
            assert!(!word_names(&p, label), "{label}");
        }
        // A name with more than a date after it on its line names what it names.
        let p = Paragraph::new("Tarnby met on 3 May\nHarbour Rovers 3 May".to_string());
        assert!(try_mention(&p, 0, 1, Kind::Organization).is_some());
        let i = token_at(&p, "Rovers");
        assert!(try_mention(&p, i - 1, i + 1, Kind::Organization).is_some());
    }

    #[test]
    fn one_letter_names_nothing() {
        let p = Paragraph::new("S and P said so".to_string());
        assert!(try_mention(&p, 2, 3, Kind::Organization).is_none());
        assert!(too_short("P.") && !too_short("UN"));
    }

    /// The mentions of `ranges` in `text` after the passes about firms' names, in the
    /// order extraction runs them: partnerships, then legal forms.
    #[test]
    fn a_stock_ticker_is_no_part_of_a_name() {
        // Tokens: Acme(0) Corp.(1) ACM.N(2) ,(3) the(4) toolmaker(5)
        let m = mention("Acme Corp. ACM.N, the toolmaker", 0, 3, Kind::Organization);
        assert_eq!(m.name, "Acme Corp.");
        assert_eq!(m.changes, [Change::Ticker("ACM.N".into())]);
        let p = Paragraph::new("Shares of BRVO.AS rose".to_string());
        assert!(try_mention(&p, 2, 3, Kind::Organization).is_none());
        // A one-letter ticker after a legal form; initials and abbreviations are none.
        let m = mention("Fenwick Motor Co. F.N said", 0, 4, Kind::Organization);
        assert_eq!(m.name, "Fenwick Motor Co.");
        let m = mention("Kam K.K Wong said", 0, 3, Kind::Person);
        assert_eq!(m.name, "Kam K.K Wong");
        assert!(!is_ticker("U.K", false) && !is_ticker("U.S.", false));
        assert!(is_ticker("BP.L", false) && !is_ticker("CC.OO.", false));
        assert!(!is_ticker("Corp.", true) && !is_ticker("N.V.", true));
    }

    #[test]
    fn an_abbreviated_counted_noun_names_nothing() {
        // Tokens: the(0) No.(1) 1(2) seed(3)
        let p = Paragraph::new("the No. 1 seed".to_string());
        assert!(try_mention(&p, 1, 2, Kind::Organization).is_none());
        // Tokens: U.S.(0) 30(1) ...
        let p = Paragraph::new("U.S. 30 year bonds".to_string());
        assert!(try_mention(&p, 0, 1, Kind::Location).is_some());
        let p = Paragraph::new("No. 10 Downing Street".to_string());
        assert!(try_mention(&p, 2, 4, Kind::Location).is_some());
    }

    #[test]
    fn a_currency_after_an_amount_names_nothing() {
        // Tokens: 7.15(0) billion(1) N.Z.(2) Dlrs(3) in(4) May(5)
        let p = Paragraph::new("7.15 billion N.Z. Dlrs in May".to_string());
        assert!(try_mention(&p, 2, 4, Kind::Person).is_none());
        let p = Paragraph::new("paid 40 Swiss Francs".to_string());
        assert!(try_mention(&p, 2, 4, Kind::Organization).is_none());
        // A surname that is also a currency, with no amount before it.
        let p = Paragraph::new("said Anna Marks".to_string());
        assert!(try_mention(&p, 1, 3, Kind::Person).is_some());
    }

    #[test]
    fn a_plural_abbreviation_is_no_part_of_a_name() {
        let m = mention("Labour MPs said", 0, 2, Kind::Organization);
        assert_eq!(m.name, "Labour");
        assert_eq!(m.changes, [Change::Plural("MPs".into())]);
        let p = Paragraph::new("The CEOs said".to_string());
        assert!(try_mention(&p, 0, 2, Kind::Person).is_none());
        let p = Paragraph::new("sales of CDs fell".to_string());
        assert!(try_mention(&p, 2, 3, Kind::Organization).is_none());
        // An acronym is no plural; a name alone is left to the model.
        assert!(!is_plural_abbreviation("SEALS") && !is_plural_abbreviation("Ms"));
        assert_eq!(
            mention("Acme TVS said", 0, 2, Kind::Organization).name,
            "Acme TVS"
        );
    }

    #[test]
    fn a_holiday_is_a_time() {
        let m = mention("closed over Easter", 2, 3, Kind::Person);
        assert_eq!((m.name.as_str(), m.class), ("Easter", Class::Other));
        let m = mention("Christmas's lights", 0, 1, Kind::Organization);
        assert_eq!(m.class, Class::Other);
    }

    #[test]
    fn titles_and_possessives_come_off() {
        let m = mention("Mr Jack Hobbs's plan", 0, 3, Kind::Person);
        assert_eq!(m.name, "Jack Hobbs");
        assert!(m.titled);
        assert_eq!(m.changes, [Change::Title("Mr".into()), Change::Possessive]);
        // An organization keeps its words.
        let m = mention("President Motors said", 0, 2, Kind::Organization);
        assert_eq!(m.name, "President Motors");
    }

    #[test]
    fn an_office_after_a_title_with_of_is_no_part_of_the_persons_name() {
        // Tokens: Chancellor(0) of(1) the(2) Exchequer(3) Tom(4) Reede(5) said(6) ,(7)
        // and(8) Reede(9) added(10)
        let p = Paragraph::new(
            "Chancellor of the Exchequer Tom Reede said, and Reede added".to_string(),
        );
        let found = [(3, 6), (9, 10)]
            .iter()
            .filter_map(|&(start, end)| try_mention(&p, start, end, Kind::Organization))
            .collect();
        let found: Vec<(String, Class)> = office_holders(found)
            .into_iter()
            .map(|m| (m.name, m.class))
            .collect();
        let person = |name: &str| (name.to_string(), Class::Person);
        assert_eq!(found, [person("Tom Reede"), person("Reede")]);
        let m = mention(
            "Minister of Finance Kiku Ota said",
            2,
            5,
            Kind::Organization,
        );
        assert_eq!((m.name.as_str(), m.class), ("Kiku Ota", Class::Person));
        // A body after the title keeps its words: a legal form, an organization's head,
        // common nouns alone.
        for (text, end) in [
            ("President of Tarn Vale Financing Inc said", 6),
            ("Chairman of the House Farm Subcommittee said", 6),
            ("Director of Federal Home Loan Banks said", 6),
        ] {
            let start = if text.contains(" the ") { 3 } else { 2 };
            let m = mention(text, start, end, Kind::Organization);
            assert_eq!(m.class, Class::Organization, "{text}");
        }
    }
}
