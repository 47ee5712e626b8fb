//! Proper-noun mentions: capitalised chunks of a paragraph, cleaned of titles and
//! sentence-initial words, and classified as person, organization or place.
//!
//! A chunk is a run of capitalised words, joined across name connectors ("of", "for",
//! "de", "&", "'s" inside names). Classification uses the word's form and the lexicon:
//! company suffixes and organization head words, given names and titles, places.
//! Chunks the rules cannot place are kept as [`Class::Unknown`]; the entity stage
//! decides about them with evidence from the whole article.

use super::lexicon::{
    lexicon, WordSet, COMPANY_SUFFIXES, EVENT_HEADS, HONORIFICS, NEVER_NAMES, ORG_HEADS, PARTIES,
    PLACE_HEADS, PLACE_STARTS, POSTNOMINALS, STANDALONE_ORGS, TITLES,
};
use super::tagger::{self, Label};
use super::Paragraph;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Person,
    Organization,
    Place,
    Unknown,
    /// A capitalised dictionary word at a sentence start that names nothing here
    /// ("Skeptics said").
    Word,
}

/// A proper-noun mention in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub para: usize,
    /// Token range of the name (titles and leading "The" excluded).
    pub start: usize,
    pub end: usize,
    /// The name as written, without a possessive "'s".
    pub name: String,
    pub class: Class,
    /// A title or honorific stood before the name ("Mr", "President").
    pub titled: bool,
    /// The name opens a sentence or quotation, where a capital proves nothing.
    pub initial: bool,
    /// The name was the long form of an acronym defined in parentheses, or the acronym.
    pub acronym_of: Option<String>,
    /// What the statistical tagger read the name as.
    pub tag: Label,
    /// The words around the name say a business or body is meant ("shares in X", "X's
    /// chief executive"): evidence for every mention of the name in the article.
    pub cued: bool,
    /// The words before the name say it is the title of a work ("the film Vera Drake",
    /// "their third album, The Holy Bible"): evidence for every mention of the name.
    pub work: bool,
}

/// Capitalised small words that cannot start a name ("U.S. And Britain").
const SMALL_WORDS: &[&str] = &[
    "The", "A", "An", "And", "Or", "But", "In", "On", "At", "To", "By", "With",
];

/// Job titles that sit between an organization and a person's name.
const ROLES: &[&str] = &[
    "Minister",
    "Secretary",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Executive",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "President",
    "Governor",
    "Ambassador",
    "Commissioner",
    "Leader",
    "Chancellor",
    "Mayor",
    "Judge",
    "Senator",
    "MP",
    "MSP",
    "MEP",
    "Editor",
    "Correspondent",
    "Analyst",
    "Economist",
    "Manager",
    "Coach",
    "Captain",
    "Officer",
];

/// Months and days, which may stand just before a name ("14 October Google").
static CALENDAR: WordSet = WordSet::new(&[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]);

/// Small words that titles of works capitalise ("Everything Must Go", "Do They Know It's
/// Christmas") and names of people and bodies leave in lowercase or never use.
static TITLE_SMALL_WORDS: WordSet = WordSet::new(&[
    "Of", "For", "The", "And", "With", "Without", "To", "In", "On", "At", "From", "Into", "About",
    "An", "Is", "Are", "Be", "Have", "Has", "Must", "Can", "Shall", "Do", "Does", "Not", "No",
    "You", "Your", "Me", "My", "It", "We", "They", "She", "He", "Him", "Us", "I'm", "It's",
]);

/// The longest run of tokens taken as one name.
const MAX_NAME_TOKENS: usize = 14;

/// Words that join capitalised words into one name.
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "du", "da", "di", "van", "von", "der", "den", "la", "le", "del", "bin",
    "al", "el", "y", "&", "on", "upon",
];

pub(crate) fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\'').filter(|w| w.ends_with('s')))
        .or_else(|| word.strip_suffix('’').filter(|w| w.ends_with('s')))
        .unwrap_or(word)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&' || c == '.' || c == '-')
}

fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

fn is_org_head(word: &str) -> bool {
    ORG_HEADS.contains(word)
}

fn is_suffix(word: &str) -> bool {
    COMPANY_SUFFIXES.contains(word)
}

/// A capitalised word that is a common English word in lowercase ("Still", "Officials").
fn is_common_cap(word: &str) -> bool {
    let lex = lexicon();
    lex.is_common_lowered(word) && !lex.is_given_name(word) && !is_org_head(word)
}

/// Whether a paragraph is written in capitals (an all-caps headline or wire slug), where
/// capitalisation says nothing about names.
fn is_shouting(text: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper > 12 && upper > lower * 2
}

/// Find the mentions of one paragraph, from byte offset `from` on (after a dateline).
pub fn find(p: &Paragraph, para: usize, from: usize) -> Vec<Mention> {
    if is_shouting(&p.text) {
        return Vec::new();
    }
    let words: Vec<&str> = p.tokens.iter().map(|t| t.text(&p.text)).collect();
    let n = words.len();
    let labels = tag(p, &words);
    let mut out = Vec::new();
    let mut covered = vec![false; n];
    acronym_definitions(p, para, &words, &mut out, &mut covered);
    let mut i = p.tokens.iter().position(|t| t.start >= from).unwrap_or(n);
    while i < n {
        if covered[i]
            || !is_cap(words[i])
            || p.tokens[i].kind != super::tokens::Kind::Word
            || is_ticker(&words, i)
        {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        // Names are short; a cap keeps pathological text (a line of capitals) linear.
        while end - i < MAX_NAME_TOKENS {
            if end < n && !covered[end] && joins(&words, end) {
                end += 1;
            } else if end + 1 < n && connects(&words, i, end) {
                end += if words[end + 1] == "the" { 3 } else { 2 };
            } else {
                break;
            }
        }
        for piece in split_chunk(&words, i, end) {
            if let Some(m) = clean(p, para, &words, &labels, piece) {
                out.push(m);
            }
        }
        i = end;
    }
    out.sort_by_key(|m| m.start);
    out
}

/// A stock symbol in angle brackets, as wire copy gives it after a company's name
/// ("American Motors Corp <AMO>", "Westbank AG <VHBG.F>").
fn is_ticker(words: &[&str], at: usize) -> bool {
    at > 0 && words.get(at - 1) == Some(&"<") && words.get(at + 1) == Some(&">")
}

/// Whether token `at` continues the chunk that ends just before it.
fn joins(words: &[&str], at: usize) -> bool {
    let w = words[at];
    let prev = words[at - 1];
    if prev.ends_with("'s") || prev.ends_with("’s") || prev.ends_with("s'") {
        // "People's Liberation Army" and "St. Bartholomew's Primary School" continue
        // into an organization's head word; "China's Ambassador" does not.
        let head_follows = words[at..]
            .iter()
            .take_while(|w| is_cap(w))
            .take(4)
            .any(|w| is_org_head(w) || is_suffix(w));
        if !head_follows {
            return false;
        }
    }
    (is_cap(w) && !w.chars().all(|c| !c.is_alphabetic()))
        || (w.chars().next().is_some_and(|c| c.is_ascii_digit()) && is_org_head(prev))
        // "Halvorsen plc".
        || (!is_cap(w) && is_suffix(strip_possessive(w)))
}

/// Whether a connector at `at` joins the chunk `start..at` to a capitalised word after it.
fn connects(words: &[&str], start: usize, at: usize) -> bool {
    let c = words[at];
    let next = if c == "of" && words.get(at + 1) == Some(&"the") {
        words.get(at + 2)
    } else {
        words.get(at + 1)
    };
    let Some(next) = next else { return false };
    if !is_cap(next) || next.chars().all(|ch| !ch.is_alphabetic()) {
        return false;
    }
    if NEVER_NAMES.contains(next) {
        return false;
    }
    if c == "and" {
        // "Department of Trade and Industry", "Economy and Finance Ministry", never
        // "Baucus and Obama".
        // "Bank of England and Fed": a place closes the first name.
        if words[start..at].iter().any(|w| *w == "of" || *w == "for")
            && !lexicon().is_place(words[at - 1])
        {
            return true;
        }
        // "The Securities and Exchange Commission": the article is outside the name.
        let first = if matches!(words[start], "The" | "A" | "An") {
            start + 1
        } else {
            start
        };
        // "Standard and Poor's Corp".
        let after = words[at + 1..]
            .iter()
            .take_while(|w| is_cap(w) || is_suffix(w))
            .take(3);
        let after_len = after.clone().count();
        // "the Independent and The Times" are two.
        let after_head = !SMALL_WORDS.contains(&words[at + 1])
            && after.last().is_some_and(|w| is_org_head(w) || is_suffix(w));
        // A head word before "and" joins only a longer name: "Securities and Exchange
        // Commission", but "House and Senate" are two.
        // The word before "and" is a common one ("Economy", "Securities", "Standard"):
        // "Viacom and Sony Pictures" are two.
        let before_known = at - first == 1
            && lexicon().is_dictionary_word_lowered(words[first])
            && !lexicon().is_given_name(words[first])
            && (!is_org_head(words[first]) || after_len >= 2);
        return before_known && after_head;
    }
    if c == "on" || c == "upon" {
        // "Committee on Foreign Relations", never "Ortega on Wednesday".
        return words[start..at].iter().any(|w| is_org_head(w));
    }
    // "Poland for National Holocaust Memorial Day": a place takes no "for".
    if c == "for" && at - start == 1 && lexicon().is_place(words[start]) {
        return false;
    }
    CONNECTORS.contains(&c)
}

/// Split "Unit 61398 of the People's Liberation Army" into two organizations when both
/// sides of "of" are complete names with a head word of their own.
fn split_chunk(words: &[&str], start: usize, end: usize) -> Vec<(usize, usize)> {
    // "GDC Mr Allard": an honorific starts a new name.
    if let Some(k) = (start + 1..end).find(|&k| HONORIFICS.contains(words[k]) && k + 1 < end) {
        let mut pieces = split_chunk(words, start, k);
        pieces.push((k, end));
        return pieces;
    }
    // "Labour MP Ann Smith", "Tory leader": a party, then its member.
    if let Some(k) = party_prefix(words, start, end) {
        return vec![(start, k), (k, end)];
    }
    // "Home Office Minister Des Browne": an organization, a role, a person.
    let has_head = |ws: &[&str]| ws.iter().any(|w| is_org_head(w) || is_suffix(w));
    for k in start + 1..end.saturating_sub(1) {
        // The name after the role: a given name first, or words no dictionary has
        // ("Commissioner Frans Andriessen").
        let person_follows = || {
            let after = &words[k + 1..end];
            lexicon().is_given_name(after[0])
                || (after.len() >= 2 && (has_head(&words[start..k]) || name_like_all(after)))
        };
        if ROLES.contains(&words[k]) && person_follows() {
            return vec![(start, k), (k + 1, end)];
        }
    }
    for k in start + 1..end {
        if words[k] != "of" {
            continue;
        }
        let lead = words[start..k]
            .iter()
            .take_while(|w| matches!(**w, "The" | "A" | "An"))
            .count();
        let before = &words[start + lead..k];
        let after_start = if words.get(k + 1) == Some(&"the") {
            k + 2
        } else {
            k + 1
        };
        let after = &words[after_start..end];
        if before.len() >= 2 && has_head(before) && has_head(after) {
            return vec![(start, k), (after_start, end)];
        }
        // "Musharraf of Pakistan": a name, then a place.
        if !has_head(before) && !before.is_empty() && lexicon().is_place(&after.join(" ")) {
            return vec![(start, k)];
        }
        // "Prof. Jonas Berglund of Stockholm University": a person, then where they work.
        let person = before.len() >= 2
            && !has_head(before)
            && before
                .iter()
                .rev()
                .skip(1)
                .any(|w| lexicon().is_given_name(w))
            && !after.is_empty();
        if person {
            return vec![(start, k), (after_start, end)];
        }
    }
    vec![(start, end)]
}

/// The end of a party name opening the chunk `start..end` when a person or a role follows
/// it ("Liberal Democrat MP Ann Smith" -> after "Democrat").
fn party_prefix(words: &[&str], start: usize, end: usize) -> Option<usize> {
    if !PARTIES.starts(words[start]) {
        return None;
    }
    let lex = lexicon();
    (start + 1..end.min(start + 3))
        .rev()
        .filter(|&k| is_title(words[k]) || ROLES.contains(&words[k]) || lex.is_given_name(words[k]))
        .find(|&k| PARTIES.contains(&words[start..k].join(" ")))
}

/// Whether a name of `tokens` carries evidence of being a person's beyond the tagger's
/// word: a given name first, a known surname last, or a last word that is no common noun.
/// "Hard Rock" and "Sony Pictures" have none; "Jack Straw" and "Tony Blair" have.
pub(crate) fn person_evidence(tokens: &[&str]) -> bool {
    let lex = lexicon();
    let (first, last) = (tokens[0], tokens[tokens.len() - 1]);
    // Titles of works and things: "Hey Joe", "My Summer", "Sunday Bloody Sunday",
    // "Jimi Hendrix Experience".
    let common = |w: &str| lex.is_common_lowered(w);
    let initials = tokens[..tokens.len() - 1].iter().any(|w| is_initial(w));
    if initials {
        return true;
    }
    if (NEVER_NAMES.contains(first) || common(first)) && !lex.is_given_name(first)
        || tokens.len() >= 3 && common(last) && !lex.is_surname(last)
    {
        return false;
    }
    lex.is_given_name(first) || lex.is_surname(last) || !lex.is_dictionary_word_lowered(last)
}

/// An initial standing for a given name: "J.", "J.T.", "JT" before a surname.
fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (1..=3).contains(&letters)
        && word.chars().all(|c| c.is_uppercase() || c == '.')
        && (letters == 1 || word.contains('.'))
}

/// Whether a name looks personal to someone who knows nothing but its words: some word is
/// a given name or surname, or not an English word at all ("Economic" and "Election" are
/// not; "Straw" after "Mr" is, through the honorific).
fn name_like(tokens: &[&str]) -> bool {
    let lex = lexicon();
    tokens.iter().any(|w| {
        ((lex.is_given_name(w) || lex.is_surname(w)) && !lex.is_common_lowered(w))
            || !lex.is_dictionary_word_lowered(w)
    })
}

/// Whether every word of a name is a word no dictionary has ("Frans Andriessen").
fn name_like_all(tokens: &[&str]) -> bool {
    let lex = lexicon();
    tokens
        .iter()
        .all(|w| is_cap(w) && !lex.is_dictionary_word_lowered(w))
}

/// Trim a chunk to its name and classify it; `None` when nothing name-like remains.
fn clean(
    p: &Paragraph,
    para: usize,
    words: &[&str],
    labels: &[Label],
    (mut start, end): (usize, usize),
) -> Option<Mention> {
    let lex = lexicon();
    // "Parkinson's disease", "Down syndrome": a condition named after someone.
    if words
        .get(end)
        .is_some_and(|w| matches!(*w, "disease" | "syndrome" | "disorder"))
    {
        return None;
    }
    let initial = p.clause_start[start];
    // "U.K. Banking", "U.S. Automaker": wire copy capitalises the word after an
    // abbreviation, as if a sentence had ended.
    if end >= start + 2
        && words[start].ends_with('.')
        && (lex.is_place(words[start]) || is_acronym(words[start]))
        && words[start + 1..end].iter().all(|w| {
            !is_org_head(w) && !is_title(w) && lex.is_dictionary_word_lowered(strip_possessive(w))
        })
    {
        return None;
    }
    // A common word opening a sentence is not part of a name ("Still", "Skeptics"),
    // unless the tagger reads it as one ("Labour said").
    // "Public and Commercial Services": "and" after the word binds it to the name.
    if initial
        && is_common_cap(words[start])
        && !is_title(words[start])
        && !words
            .get(start + 1)
            .is_some_and(|w| matches!(*w, "and" | "&"))
        && matches!(labels[start], Label::Other | Label::Misc)
        && !PARTIES.contains(&words[start..end].join(" "))
    {
        start += 1;
    }
    // Determiners, capitalised small words and compound modifiers are not part of the
    // name: "the", "U.S. And Britain", "Toronto-listed", "Paris-based".
    while start < end
        && (SMALL_WORDS.contains(&words[start])
            // "On 14 October Google released": a date is no part of a name, but "the
            // Sunday Times" and "singer June Carter Cash" keep theirs.
            || start + 1 < end
                && CALENDAR.contains(words[start])
                && start.checked_sub(1).is_some_and(|k| {
                    let w = words[k];
                    w.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(
                            w.to_lowercase().as_str(),
                            "on" | "by" | "in" | "since" | "until" | "from" | "last" | "next" | "this"
                        )
                })
            || words[start]
                .rsplit('-')
                .next()
                .is_some_and(|last| last.len() > 1 && !is_cap(last) && words[start].contains('-')))
    {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let mut tail: Vec<&str> = words[start..end].to_vec();
    let n = tail.len();
    tail[n - 1] = strip_possessive(tail[n - 1]);
    let last = tail[n - 1];
    let joined = tail.join(" ");
    let is_org = if lex.is_place(&joined) {
        false
    } else if PARTIES.contains(&joined) {
        true
    } else if tail.len() == 1 {
        STANDALONE_ORGS.contains(last) || lex.is_outlet(last)
    } else {
        is_suffix(last)
            || tail.iter().any(|w| is_org_head(strip_possessive(w)))
            // "U.S. Treasury", "U.S. Senate".
            || STANDALONE_ORGS.contains(last) && !is_title(tail[0])
            // "Johnson & Johnson", "Marks & Spencer".
            || tail.contains(&"&")
            // "Scottish Executive", "Welsh Executive": a nation's executive is its
            // government, not a job title.
            || tail.len() == 2
                && last == "Executive"
                && (lex.is_demonym(tail[0]) || lex.is_place(tail[0]))
            || lex.is_outlet(&tail.join(" "))
    };
    let mut titled = start > 0 && is_title(words[start - 1]);
    let mut honorific = start > 0 && HONORIFICS.contains(words[start - 1]);
    let mut end = end;
    if !is_org {
        // Strip leading titles, and places or nationalities before a title:
        // "U.S. President Barack Obama", but "Douglas Reid" keeps Douglas.
        let strippable = |tail: &[&str]| {
            is_title(tail[0])
                || CONNECTORS.contains(&tail[0])
                || matches!(tail[0], "the" | "to")
                || SMALL_WORDS.contains(&tail[0])
                || ((lex.is_place(tail[0]) || lex.is_demonym(tail[0]))
                    && tail.get(1).is_some_and(|w| is_title(w) || lex.is_place(w)))
        };
        while tail.len() > 1 && strippable(&tail) {
            titled |= is_title(tail[0]);
            honorific |= HONORIFICS.contains(tail[0]);
            tail.remove(0);
            start += 1;
        }
        // Unlisted job titles before a given name: "Conservator Yuki Tanaka-Reyes".
        if let Some(k) = (1..tail.len().saturating_sub(1)).find(|&k| lex.is_given_name(tail[k])) {
            if tail[..k]
                .iter()
                .all(|w| lex.is_dictionary_word_lowered(w) && !lex.is_given_name(w))
            {
                titled = true;
                tail.drain(..k);
                start += k;
            }
        }
        // A title left on its own ("Ambassador") names nobody.
        if tail
            .iter()
            .all(|w| is_title(w) || lex.is_place(w) || lex.is_demonym(w))
        {
            return None;
        }
        // Letters after a name are not part of it: "Charles Harris QC".
        while tail.len() > 1 && POSTNOMINALS.contains(tail[tail.len() - 1]) {
            tail.pop();
            end -= 1;
        }
    }
    // Trailing connectors cannot end a name.
    while end > start + 1 && CONNECTORS.contains(&words[end - 1]) {
        end -= 1;
    }
    // "non-European Union nationals": the prefix is not part of the name.
    let first = words[start];
    let prefix = [
        "Non-", "non-", "Anti-", "anti-", "Pro-", "pro-", "Ex-", "ex-",
    ]
    .iter()
    .find(|pre| {
        first
            .strip_prefix(**pre)
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
    })
    .map_or(0, |pre| pre.len());
    let first_byte = p.tokens[start].start + prefix;
    let last_tok = &p.tokens[end - 1];
    let mut name = p.text[first_byte..last_tok.end].to_string();
    let kept = strip_possessive(&name).len();
    name.truncate(kept);
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.len() == 1 && NEVER_NAMES.contains(tokens[0]) {
        return None;
    }
    // "I've", "I'm", "We'll": contractions are no names.
    let contraction = [
        "'ve", "'m", "'ll", "'re", "'d", "n't", "’ve", "’m", "’ll", "’re", "’d", "n’t",
    ];
    if tokens.len() == 1 && contraction.iter().any(|c| tokens[0].ends_with(c)) {
        return None;
    }
    if tokens.iter().all(|w| NEVER_NAMES.contains(w)) {
        return None;
    }
    let mut tag = vote(&labels[start..end], &words[start..end]);
    // "in Yorkshire", "near Dubbo": a lone name after a locative preposition, with no
    // sign of an organization, is a place.
    let locative = start > 0
        && matches!(
            words[start - 1],
            "in" | "near" | "outside" | "across" | "around" | "throughout"
        );
    // "Toledo, Ohio", "Bramalea, Ontario": a lone name before a comma and a known place.
    let before_place = words.get(end) == Some(&",")
        && words.get(end + 1).is_some_and(|w| lex.is_place(w))
        && !words.get(end + 2).is_some_and(|w| is_cap(w));
    let lone_guess = tokens.len() == 1
        && !is_org
        && !is_acronym(tokens[0])
        && (tag == Label::Organization
            || tag == Label::Person && !titled && !lex.is_given_name(tokens[0]));
    if lone_guess && (locative || before_place) {
        tag = Label::Location;
    }
    // "MSPs", "CEOs": plural acronyms name groups, not organizations.
    if tokens.len() == 1
        && tokens[0].len() > 2
        && tokens[0].ends_with('s')
        && is_acronym(&tokens[0][..tokens[0].len() - 1])
    {
        return None;
    }
    let mut class = classify(&tokens, is_org, titled, honorific, tag);
    let mut cued = false;
    if !titled && !honorific {
        // A name the tagger takes for a person's is open to a cue unless it starts with a
        // given name ("a spokesman for Tony Blair"); a lone surname is settled by the
        // entity stage ("a Bush spokesman" after "George Bush").
        let open = match class {
            Class::Unknown | Class::Place | Class::Organization => true,
            Class::Person => tokens.len() == 1 || !lex.is_given_name(tokens[0]),
            Class::Word => false,
        };
        if open
            && !lex.is_place(&tokens.join(" "))
            && !lex.is_demonym(&joined)
            && org_context(words, start, end)
            // "Diehard fans", "Uncapped winger": an adjective opening a sentence.
            && !(p.clause_start[start]
                && tokens.len() == 1
                && strip_possessive(words[end - 1]) == words[end - 1]
                && (lex.is_dictionary_word_lowered(tokens[0])
                    || tokens[0].ends_with("ed")))
        {
            class = Class::Organization;
            cued = true;
        } else if class == Class::Organization
            && tokens.len() >= 2
            && !is_suffix(last)
            && !PARTIES.contains(&joined)
            && work_context(words, start, end)
        {
            class = Class::Word;
        }
    }
    let personal = class == Class::Person || lex.is_given_name(tokens[0]);
    // "Brent crude", "Dubai blend": a grade of oil, named after its field or port.
    let grade = matches!(words.get(end), Some(&"crude") | Some(&"blend"));
    let work =
        !cued && !is_org && !honorific && (grade || work_before(words, start, end, personal));
    if work {
        class = Class::Word;
    }
    Some(Mention {
        para,
        start,
        end,
        name,
        class,
        titled,
        initial: p.clause_start[start],
        acronym_of: None,
        tag,
        cued,
        work,
    })
}

/// Lowercase nouns just before a name that say a business follows: "handset giant X",
/// "technology firms X and Y", "rival X".
static ORG_CUES_BEFORE: WordSet = WordSet::new(&[
    "firm",
    "firms",
    "company",
    "companies",
    "giant",
    "giants",
    "maker",
    "makers",
    "rival",
    "rivals",
    "carrier",
    "carriers",
    "airline",
    "airlines",
    "retailer",
    "retailers",
    "chain",
    "operator",
    "operators",
    "manufacturer",
    "manufacturers",
    "insurer",
    "insurers",
    "lender",
    "lenders",
    "conglomerate",
    "brewer",
    "brewers",
    "studio",
    "studios",
    "label",
    "publisher",
    "broker",
    "brokerage",
    "supplier",
    "suppliers",
    "distributor",
    "subsidiary",
    "subsidiaries",
    "unit",
    "units",
    "division",
    "divisions",
    "brand",
    "brands",
    "band",
    "bands",
    "group",
    "groups",
    "competitor",
    "competitors",
    "outfit",
    "producer",
    "producers",
    "provider",
    "providers",
    "developer",
    "developers",
    "bank",
    "banks",
]);

/// Nouns for public bodies that a bracketed name may follow: "the space agency (Nasa)".
static BODY_NOUNS: WordSet = WordSet::new(&[
    "agency",
    "body",
    "union",
    "regulator",
    "watchdog",
    "party",
    "group",
    "organisation",
    "organization",
    "charity",
    "association",
    "authority",
    "department",
    "ministry",
    "service",
    "council",
    "commission",
    "committee",
    "institute",
    "federation",
]);

/// Two lowercase words before a name that say an organization follows: "shares in X",
/// "a spokesman for X", "an analyst at X".
const ORG_CUES_BEFORE_PAIR: &[(&str, &str)] = &[
    ("shares", "in"),
    ("stake", "in"),
    ("stakes", "in"),
    ("shares", "of"),
    ("spokesman", "for"),
    ("spokeswoman", "for"),
    ("spokesperson", "for"),
    ("executive", "of"),
    ("executive", "at"),
    ("boss", "of"),
    ("analyst", "at"),
    ("analysts", "at"),
    ("economist", "at"),
    ("economists", "at"),
    ("strategist", "at"),
    ("president", "of"),
    ("chairman", "of"),
    ("owner", "of"),
    ("takeover", "of"),
    ("acquisition", "of"),
    ("merger", "with"),
    ("bid", "for"),
    ("companies", "including"),
    ("firms", "including"),
    ("manufacturers", "including"),
    ("companies", "like"),
    ("firms", "like"),
    ("owned", "by"),
    ("acquired", "by"),
    ("bought", "by"),
    ("survey", "by"),
    ("study", "by"),
    ("research", "by"),
];

/// Lowercase words after a name's possessive that say a business owns them: "X's chief
/// executive", "X's shares".
static ORG_CUES_AFTER_POSSESSIVE: WordSet = WordSet::new(&[
    "shares",
    "shareholders",
    "profits",
    "profit",
    "revenues",
    "revenue",
    "sales",
    "turnover",
    "earnings",
    "subsidiary",
    "board",
    "stock",
    "takeover",
    "customers",
    "division",
    "divisions",
    "units",
    "brands",
    "stores",
    "shops",
    "factory",
    "factories",
    "plant",
    "plants",
    "workforce",
    "employees",
    "chairman",
    "founder",
    "headquarters",
    "results",
]);

/// Lowercase nouns a business name may modify: "X shares", "X spokesman".
static ORG_CUES_AFTER: WordSet = WordSet::new(&[
    // A club's players and followers: "Leicester lock", "Rangers fans".
    "midfielder",
    "striker",
    "defender",
    "goalkeeper",
    "winger",
    "lock",
    "flanker",
    "fly-half",
    "scrum-half",
    "fans",
    "supporters",
    "shares",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "shareholders",
    "stock",
    "executive",
    "executives",
    "chairman",
    "chairwoman",
    "representative",
    "representatives",
    "employees",
    "workers",
    "deputy",
    "subsidiary",
]);

/// Lowercase nouns that, after a name used as a modifier, say the name is a work, a prize or
/// a competition: "the X album", "a X nomination", "a X tie".
static WORK_CUES_AFTER: WordSet = WordSet::new(&[
    "album",
    "albums",
    "single",
    "song",
    "songs",
    "film",
    "films",
    "movie",
    "movies",
    "nomination",
    "nominations",
    "soundtrack",
    "tie",
    "ties",
    "final",
    "finals",
    "qualifier",
    "trophy",
    "trophies",
    "fixture",
    "fixtures",
    "draw",
    "ceremony",
    "sequel",
    "novel",
    "episode",
    "episodes",
    "lyrics",
]);

/// Whether the words around a name (`start..end`) say it is an organization.
fn org_context(words: &[&str], start: usize, end: usize) -> bool {
    let before = |k: usize| start.checked_sub(k).map(|i| words[i]);
    // "firms X and Y", "companies such as X, Y and Z": a later name of a list after the cue.
    let mut at = start;
    for _ in 0..6 {
        let w = |k: usize| at.checked_sub(k).map(|i| words[i]);
        if w(1).is_some_and(|w| ORG_CUES_BEFORE.contains(w))
            || w(2)
                .zip(w(1))
                .is_some_and(|pair| ORG_CUES_BEFORE_PAIR.contains(&pair))
            || w(2) == Some("such")
                && w(1) == Some("as")
                && w(3).is_some_and(|w| ORG_CUES_BEFORE.contains(w))
        {
            return true;
        }
        if !(w(1).is_some_and(|w| matches!(w, "," | "and")) && w(2).is_some_and(is_cap)) {
            break;
        }
        at -= 2;
        while at > 0 && is_cap(words[at - 1]) {
            at -= 1;
        }
    }
    // "Jonas Guest, vice president for entertainment at X": a job held at a business.
    if before(1) == Some("at")
        && (2..8)
            .filter_map(before)
            .take_while(|w| !matches!(*w, "." | "\""))
            .any(|w| {
                matches!(
                    w,
                    "president"
                        | "manager"
                        | "director"
                        | "executive"
                        | "analyst"
                        | "officer"
                        | "economist"
                        | "head"
                        | "chairman"
                        | "engineer"
                        | "researcher"
                )
            })
    {
        return true;
    }
    // "the US space agency's (Nasa)": a name in brackets after a noun for a body.
    if before(1) == Some("(")
        && words.get(end) == Some(&")")
        && before(2).is_some_and(|w| {
            let w = strip_possessive(w);
            ORG_CUES_BEFORE.contains(w) || BODY_NOUNS.contains(w)
        })
    {
        return true;
    }
    let last = words[end - 1];
    let next = words.get(end).copied();
    if last.ends_with("'s") || last.ends_with("\u{2019}s") {
        // "Ford's worldwide automotive division": up to two modifiers before the noun.
        let owned = words[end..]
            .iter()
            .take(3)
            .take_while(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
            .any(|w| ORG_CUES_AFTER_POSSESSIVE.contains(w));
        return owned || next == Some("chief") && words.get(end + 1) == Some(&"executive");
    }
    if next.is_some_and(|w| ORG_CUES_AFTER.contains(strip_possessive(w)))
        || is_ticker(words, end + 1)
    {
        return true;
    }
    // "X, the Finnish handset maker,": an apposition naming the kind of business.
    if next == Some(",")
        && words
            .get(end + 1)
            .is_some_and(|w| matches!(*w, "the" | "a"))
    {
        for w in words.iter().skip(end + 2).take(5) {
            if ORG_CUES_BEFORE.contains(w) {
                return true;
            }
            if !w.chars().all(|c| c.is_alphanumeric() || c == '-') {
                break;
            }
        }
    }
    false
}

/// Nouns for works that stand just before a title: "the film Vera Drake", "Mitchell's
/// novel, Cloud Atlas". Words that are also verbs ("play", "hit", "show") are left out.
static WORK_CUES_BEFORE: WordSet = WordSet::new(&[
    "film",
    "films",
    "movie",
    "movies",
    "album",
    "albums",
    "single",
    "song",
    "songs",
    "novel",
    "novels",
    "book",
    "books",
    "drama",
    "dramas",
    "sitcom",
    "documentary",
    "comedy",
    "thriller",
    "musical",
    "programme",
    "programmes",
    "series",
    "soap",
    "opera",
    "blockbuster",
    "sequel",
    "biopic",
]);

/// Whether the words before a name (`start..end`) say it is the title of a work, or a
/// later title in a list after such a word ("the films Sideways and The Aviator"). A
/// person's name (`personal`) counts only right after the word ("the film Vera Drake").
fn work_before(words: &[&str], start: usize, end: usize, personal: bool) -> bool {
    // "Steven Spielberg's AI": a possessive name is the maker's.
    if words[end - 1].ends_with("'s") || words[end - 1].ends_with("\u{2019}s") {
        return false;
    }
    let mut at = start;
    for round in 0..6 {
        // The article of a title is outside the name: "the film The Aviator".
        if at > 0 && matches!(words[at - 1], "The" | "A" | "An") {
            at -= 1;
        }
        let w = |k: usize| at.checked_sub(k).map(|i| words[i]);
        if w(1).is_some_and(|w| WORK_CUES_BEFORE.contains(w))
            || round == 0
                && !personal
                && w(1) == Some(",")
                && w(2).is_some_and(|w| WORK_CUES_BEFORE.contains(w))
        {
            return true;
        }
        let listed = w(1).is_some_and(|w| matches!(w, "," | "and")) && w(2).is_some_and(is_cap);
        if personal || !listed {
            return false;
        }
        at -= 2;
        while at > 0 && is_cap(words[at - 1]) {
            at -= 1;
        }
    }
    false
}

/// Whether the word after a name (`start..end`) says it names a work or a competition.
fn work_context(words: &[&str], _start: usize, end: usize) -> bool {
    let last = words[end - 1];
    !last.ends_with("'s")
        && !last.ends_with("\u{2019}s")
        && words.get(end).is_some_and(|w| WORK_CUES_AFTER.contains(w))
}

/// Label every capitalised word of a paragraph with the statistical tagger, sentence by
/// sentence.
fn tag(p: &Paragraph, words: &[&str]) -> Vec<Label> {
    let model = tagger::model();
    let mut labels = vec![Label::Other; words.len()];
    if model.is_empty() {
        return labels;
    }
    let mut wanted = Vec::new();
    for s in &p.sentences {
        let ws = &words[s.clone()];
        wanted.clear();
        wanted.extend(
            (0..ws.len())
                .map(|i| p.tokens[s.start + i].kind == super::tokens::Kind::Word && is_cap(ws[i])),
        );
        if !wanted.contains(&true) {
            continue;
        }
        // Features look two tokens either way of a capitalised word; tokens further off
        // need no description.
        let near = |i: usize| wanted[i.saturating_sub(2)..(i + 3).min(ws.len())].contains(&true);
        let infos = tagger::describe_near(ws, near);
        labels[s.clone()].copy_from_slice(&model.tag(&infos, |i| wanted[i]));
    }
    labels
}

/// The tagger's verdict on a chunk: the most frequent label of its capitalised words.
fn vote(labels: &[Label], words: &[&str]) -> Label {
    let mut counts = [0usize; tagger::LABELS];
    for (l, w) in labels.iter().zip(words) {
        if is_cap(w) {
            counts[*l as usize] += 1;
        }
    }
    // Ties go to the first in this order.
    [
        Label::Organization,
        Label::Person,
        Label::Location,
        Label::Misc,
    ]
    .into_iter()
    .filter(|l| counts[*l as usize] > 0)
    .max_by_key(|l| (counts[*l as usize], std::cmp::Reverse(*l as usize)))
    .unwrap_or(Label::Other)
}

fn classify(tokens: &[&str], is_org: bool, titled: bool, honorific: bool, tag: Label) -> Class {
    let lex = lexicon();
    let full = tokens.join(" ");
    // "Geneva Motor Show", "Parkinson's disease" are neither people nor organizations.
    if tokens.len() >= 2 && EVENT_HEADS.contains(tokens[tokens.len() - 1]) {
        return Class::Word;
    }
    // "National Holocaust Memorial Day", "Boxing Day" are days; "Doris Day" is a person.
    if tokens.len() >= 2 && tokens[tokens.len() - 1] == "Day" && !lex.is_given_name(tokens[0]) {
        return Class::Word;
    }
    // "Congressional", "Presidential": an adjective capitalised as a name.
    if tokens.len() == 1
        && ["ional", "ial", "ical"]
            .iter()
            .any(|s| tokens[0].ends_with(s))
        && lex.is_dictionary_word_lowered(tokens[0])
    {
        return Class::Word;
    }
    // "Premier League", "Irish League" are competitions, far more often than alliances
    // ("Arab League"): keep a people's league only when the tagger reads an organization.
    if tokens.len() >= 2
        && tokens[tokens.len() - 1] == "League"
        && !(tag == Label::Organization && tokens.len() == 2 && lex.is_demonym(tokens[0]))
    {
        return Class::Word;
    }
    // "Volvo S40", "Nokia 6600": a maker's name and a model number name a product.
    let model = |w: &str| {
        w.len() >= 3
            && w.chars().all(|c| c.is_ascii_alphanumeric())
            && w.chars().any(|c| c.is_ascii_digit())
            && w.chars().any(|c| c.is_ascii_uppercase())
    };
    if tokens.len() >= 2 && model(tokens[tokens.len() - 1]) && !is_org {
        return Class::Word;
    }
    if is_org {
        return Class::Organization;
    }
    // "Design For Life", "Without You", "Orange Film Of The Year": titles of works
    // capitalise their small words; the names of bodies and people do not.
    if tokens.len() >= 2 && !titled && tokens.iter().any(|w| TITLE_SMALL_WORDS.contains(w)) {
        return Class::Word;
    }
    if lex.is_place(&full) || tokens.iter().all(|w| lex.is_place(w) || lex.is_demonym(w)) {
        return Class::Place;
    }
    // "Steve Green" and "Henry Wood" are people whose surnames end place names too.
    let given_and_surname = tokens.len() == 2
        && tag == Label::Person
        && lex.is_given_name(tokens[0])
        && [
            "Green", "Wood", "Woods", "Hall", "Hill", "Field", "Fields", "Park",
        ]
        .contains(&tokens[1]);
    if tokens.len() >= 2
        && !given_and_surname
        && (PLACE_HEADS.contains(tokens[tokens.len() - 1]) || PLACE_STARTS.contains(tokens[0]))
    {
        return Class::Place;
    }
    // "Aberdeen South", "Dundee East": a place and a compass point, as constituencies are
    // named; "Dumfriesshire".
    let compass = ["North", "South", "East", "West", "Central"];
    let town = |w: &str| {
        lex.is_place(w)
            || tag != Label::Person && !is_acronym(w) && !lex.is_dictionary_word_lowered(w)
    };
    if tokens.len() == 2 && compass.contains(&tokens[1]) && town(tokens[0])
        || tokens.len() == 1 && tokens[0].len() > 7 && tokens[0].ends_with("shire")
    {
        return Class::Place;
    }
    if tokens.len() == 1 && is_acronym(tokens[0]) {
        return match tag {
            Label::Location => Class::Place,
            Label::Misc => Class::Word,
            _ => Class::Organization,
        };
    }
    if titled {
        // "General Election", "U.S. Economic officials": a job title or party label
        // before common words names nobody; a short form of a person named in full
        // elsewhere is still found by the entity stage.
        return if honorific || name_like(tokens) {
            Class::Person
        } else {
            Class::Unknown
        };
    }
    let lex_person = |w: &str| lex.is_given_name(w) || lex.is_surname(w);
    match tag {
        // "Hard Rock", "Sony Pictures": no given name, and a common noun last.
        Label::Person if tokens.len() >= 2 && !person_evidence(tokens) => return Class::Unknown,
        // A lone word the tagger takes for a person is usually a surname, resolved to
        // a full name later, or a mistake ("Trojan horse"): keep it only with evidence.
        Label::Person
            if tokens.len() == 1
                && (!lex_person(tokens[0]) || lex.is_dictionary_word_lowered(tokens[0])) =>
        {
            return Class::Unknown
        }
        Label::Person => return Class::Person,
        // A lone dictionary word read as an organization needs more evidence: the
        // entity stage keeps it when the article names it so again or it speaks.
        Label::Organization if tokens.len() == 1 && lex.is_dictionary_word_lowered(tokens[0]) => {
            return Class::Unknown
        }
        Label::Organization => return Class::Organization,
        Label::Location => return Class::Place,
        Label::Misc => return Class::Word,
        Label::Other => {}
    }
    let first = tokens[0];
    let last = tokens[tokens.len() - 1];
    if tokens.len() >= 2 {
        if !person_evidence(tokens) {
            return Class::Unknown;
        }
        if lex.is_given_name(first) && !lex.is_place(first) {
            return Class::Person;
        }
        if lex.is_surname(last) {
            return Class::Person;
        }
        let plain = tokens.iter().all(|w| {
            let lower = w.to_lowercase();
            !lex.is_common(&lower)
                && !lex.is_place(w)
                && !lex.is_demonym(w)
                && w.chars().any(char::is_lowercase)
        });
        if plain && tokens.len() <= 4 {
            return Class::Person;
        }
        return Class::Unknown;
    }
    Class::Unknown
}

/// The lowercase words before an acronym's parenthesis that it abbreviates: "gross
/// national product" before "(GNP)", "personal video recorders" before "(PVRs)".
fn common_long_form(words: &[&str], open: usize, acronym: &str) -> Option<String> {
    let letters: Vec<char> = acronym
        .trim_end_matches('s')
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let n = letters.len();
    if n < 2 || open < n {
        return None;
    }
    let long = &words[open - n..open];
    let matches = long
        .iter()
        .zip(&letters)
        .all(|(w, l)| w.starts_with(*l) && w.chars().all(|c| c.is_lowercase() || c == '-'));
    matches.then(|| long.join(" "))
}

/// Where the long form of `acronym` starts within `long` when the capitalised words
/// before it spell more than the acronym: "Fiat and General Motors (GM)" names General
/// Motors alone.
fn fit_initials(long: &[&str], acronym: &str) -> Option<usize> {
    let wanted: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
    if wanted.len() < 2 {
        return None;
    }
    let caps: Vec<usize> = (0..long.len()).filter(|&k| is_cap(long[k])).collect();
    if caps.len() <= wanted.len() {
        return None;
    }
    let tail = &caps[caps.len() - wanted.len()..];
    let spelled = tail
        .iter()
        .zip(&wanted)
        .all(|(&k, c)| long[k].starts_with(*c));
    spelled.then_some(tail[0])
}

/// "the National Computer network Emergency Response technical Team Coordination
/// Center (CNCERT)": the acronym and its long form, as linked organization mentions.
fn acronym_definitions(
    p: &Paragraph,
    para: usize,
    words: &[&str],
    out: &mut Vec<Mention>,
    covered: &mut [bool],
) {
    for i in 1..words.len().saturating_sub(2) {
        if words[i] != "(" || words[i + 2] != ")" || !is_acronym(words[i + 1]) {
            continue;
        }
        let acronym = words[i + 1];
        // Walk back over the long form: capitalised words and the lowercase words
        // between them, up to "the", a comma or the sentence's start.
        let mut start = i;
        while start > 0 && i - start < MAX_NAME_TOKENS {
            let w = words[start - 1];
            if w == "the"
                || w == "The"
                || p.tokens[start - 1].kind == super::tokens::Kind::Punct
                || p.clause_start[start - 1] && !is_cap(w)
            {
                break;
            }
            if !is_cap(w)
                && !CONNECTORS.contains(&w)
                && lexicon().is_common(w)
                && !w.chars().any(|c| c.is_uppercase())
            {
                // Lowercase words may sit inside the long form only between capitals.
                if !(start < i && is_cap(words[start]))
                    || start - 1 == 0
                    || !is_cap(words[start - 2])
                {
                    break;
                }
            }
            start -= 1;
            if p.clause_start[start] {
                break;
            }
        }
        let event = (start..i)
            .rev()
            .find(|&k| is_cap(words[k]))
            .is_some_and(|k| EVENT_HEADS.contains(words[k]));
        if let Some(long) = common_long_form(words, i, acronym).or_else(|| {
            event.then(|| p.text[p.tokens[start].start..p.tokens[i - 1].end].to_string())
        }) {
            // "gross national product (GNP)", "Consumer Electronics Show (CES)": the
            // acronym of a thing or an event, not a name.
            covered[i + 1] = true;
            out.push(Mention {
                para,
                start: i + 1,
                end: i + 2,
                name: acronym.to_string(),
                class: Class::Word,
                titled: false,
                initial: false,
                acronym_of: Some(long),
                tag: Label::Misc,
                cued: false,
                work: false,
            });
            continue;
        }
        while start < i && !is_cap(words[start]) {
            start += 1;
        }
        start = fit_initials(&words[start..i], acronym).map_or(start, |k| start + k);
        if i - start < 2 {
            continue;
        }
        let long_words = &words[start..i];
        let capitals: String = long_words
            .iter()
            .filter(|w| is_cap(w))
            .filter_map(|w| w.chars().next())
            .collect();
        let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
        let plausible = long_words.iter().any(|w| is_org_head(w) || is_suffix(w))
            || capitals.contains(&letters)
            || letters.chars().all(|c| capitals.contains(c));
        if !plausible {
            continue;
        }
        let long = p.text[p.tokens[start].start..p.tokens[i - 1].end].to_string();
        for flag in &mut covered[start..i + 3] {
            *flag = true;
        }
        out.push(Mention {
            para,
            start,
            end: i,
            name: long.clone(),
            class: Class::Organization,
            titled: false,
            initial: false,
            acronym_of: Some(acronym.to_string()),
            tag: Label::Organization,
            cued: false,
            work: false,
        });
        out.push(Mention {
            para,
            start: i + 1,
            end: i + 2,
            name: acronym.to_string(),
            class: Class::Organization,
            titled: false,
            initial: false,
            acronym_of: Some(long),
            tag: Label::Organization,
            cued: false,
            work: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::Paragraph;
    use super::*;

    fn mentions(text: &str) -> Vec<(String, Class)> {
        let p = Paragraph::new(text.to_string());
        find(&p, 0, 0)
            .into_iter()
            .map(|m| (m.name, m.class))
            .collect()
    }

    fn names(text: &str, class: Class) -> Vec<String> {
        mentions(text)
            .into_iter()
            .filter(|(_, c)| *c == class)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn titles_are_stripped_from_people() {
        assert_eq!(
            names(
                "A summit between U.S. President Barack Obama and Chinese President Xi Jinping.",
                Class::Person
            ),
            ["Barack Obama", "Xi Jinping"]
        );
        assert_eq!(
            names(
                "The U.S. Ambassador to China, Max Baucus, met him.",
                Class::Person
            ),
            ["Max Baucus"]
        );
    }

    #[test]
    fn organizations_by_suffix_and_head_word() {
        assert_eq!(
            names(
                "Targets included Alcoa Inc, United States Steel Corp, the U.S. State Department and Renmin University.",
                Class::Organization
            ),
            ["Alcoa Inc", "United States Steel Corp", "U.S. State Department", "Renmin University"]
        );
    }

    #[test]
    fn possessive_names_and_of_phrases() {
        assert_eq!(
            names("They worked with Unit 61398 of the People's Liberation Army and the Bank of England.", Class::Organization),
            ["Unit 61398", "People's Liberation Army", "Bank of England"]
        );
        assert_eq!(
            names(
                "China's Ambassador to the United States, Cui Tiankai, spoke.",
                Class::Person
            ),
            ["Cui Tiankai"]
        );
    }

    #[test]
    fn acronym_with_long_form() {
        let found = names(
            "Data came from the National Computer network Emergency Response technical Team Coordination Center (CNCERT), which said so.",
            Class::Organization,
        );
        assert_eq!(
            found,
            [
                "National Computer network Emergency Response technical Team Coordination Center",
                "CNCERT"
            ]
        );
    }

    #[test]
    fn acronym_long_form_starts_at_its_initials() {
        let found = names(
            "Fiat and General Motors (GM) have until midnight to settle.",
            Class::Organization,
        );
        assert_eq!(found, ["General Motors", "GM"]);
        assert_eq!(
            fit_initials(&["Fiat", "and", "General", "Motors"], "GM"),
            Some(2)
        );
        assert_eq!(fit_initials(&["Ministry", "of", "Defence"], "MoD"), None);
        assert_eq!(fit_initials(&["Bank", "of", "England"], "BoE"), None);
    }

    #[test]
    fn context_cues_mark_businesses_and_bodies() {
        let p = Paragraph::new(
            "Reports sent Fiat shares down. A Sony representative spoke. Ford's worldwide \
             automotive division earned more. It was based at the US space agency's (Nasa) \
             centre. Investors bought shares in Acme."
                .to_string(),
        );
        let cued: Vec<String> = find(&p, 0, 0)
            .into_iter()
            .filter(|m| m.cued && m.class == Class::Organization)
            .map(|m| m.name)
            .collect();
        assert_eq!(cued, ["Fiat", "Sony", "Ford", "Nasa", "Acme"]);
        // A person's name with a given name first takes no cue.
        let p = Paragraph::new("A spokesman for Tony Blair said no.".to_string());
        assert!(find(&p, 0, 0).iter().all(|m| !m.cued));
    }

    #[test]
    fn titles_of_works_are_not_organizations() {
        for text in [
            "The band released A Design For Life in 1996.",
            "Their hits included Everything Must Go and Without You.",
            "Miyazaki's previous film Spirited Away took more.",
            "By the time they released their third album, The Holy Bible, he had gone.",
        ] {
            let found = names(text, Class::Organization);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        let p = Paragraph::new("She starred in the film Vera Drake.".to_string());
        assert!(find(&p, 0, 0)
            .iter()
            .any(|m| m.work && m.name == "Vera Drake"));
        // "Steven Spielberg's AI": the possessive name is the maker.
        let p = Paragraph::new("It shows the film, Shrek and Steven Spielberg's AI.".to_string());
        assert!(find(&p, 0, 0)
            .iter()
            .all(|m| !(m.work && m.name == "Steven Spielberg")));
        assert_eq!(
            names("Will Young and Charles A Blixt sang.", Class::Person),
            ["Will Young", "Charles A Blixt"]
        );
    }

    #[test]
    fn and_joins_names_with_a_head_word_after_it() {
        assert_eq!(
            names(
                "The Securities and Exchange Commission asked. Public and Commercial Services union members voted.",
                Class::Organization
            ),
            ["Securities and Exchange Commission", "Public and Commercial Services"]
        );
        assert_eq!(
            names("Standard and Poor's Corp said so.", Class::Organization),
            ["Standard and Poor's Corp"]
        );
        let found = names("Both the House and Senate voted.", Class::Organization);
        assert!(!found.iter().any(|n| n.contains(" and ")), "{found:?}");
        let found = names(
            "He read the Independent and The Times.",
            Class::Organization,
        );
        assert!(!found.iter().any(|n| n.contains(" and ")), "{found:?}");
    }

    #[test]
    fn tickers_mark_companies_and_are_no_names() {
        let p = Paragraph::new(
            "Vereins- und Westbank AG <VHBG.F> plans cuts, said Acme <ACM>".to_string(),
        );
        let found = find(&p, 0, 0);
        assert!(found.iter().all(|m| !m.name.contains("VHBG")), "{found:?}");
        assert!(
            found.iter().any(|m| m.name == "Acme" && m.cued),
            "{found:?}"
        );
        // A name closing the text has nothing after it.
        assert_eq!(
            names("They sold it to Acme", Class::Person),
            Vec::<String>::new()
        );
    }

    #[test]
    fn days_and_capitalised_adjectives_are_not_organizations() {
        for text in [
            "Poland marked National Holocaust Memorial Day on Thursday.",
            "Support grew, Congressional sources said.",
        ] {
            let found = names(text, Class::Organization);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        assert_eq!(
            names("He met Doris Day there.", Class::Person),
            ["Doris Day"]
        );
    }

    #[test]
    fn constituencies_and_dates_before_names() {
        assert!(names(
            "The marginals are Aberdeen South and Dundee East.",
            Class::Organization
        )
        .is_empty());
        assert_eq!(
            names("He met Kanye West there.", Class::Person),
            ["Kanye West"]
        );
        assert_eq!(
            mentions("On 14 October Google released it.")
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>(),
            ["Google"]
        );
    }

    #[test]
    fn sentence_initial_words_months_and_places_are_not_names() {
        assert!(names(
            "Skeptics said on Monday that Beijing would not move.",
            Class::Person
        )
        .is_empty());
        assert!(names(
            "Skeptics said on Monday that Beijing would not move.",
            Class::Organization
        )
        .is_empty());
        let found = mentions("Still, China and the United States talked on Monday.");
        assert!(
            found.iter().all(|(_, class)| *class == Class::Place),
            "{found:?}"
        );
    }

    #[test]
    fn parties_honorifics_and_letters_after_names() {
        assert_eq!(
            names(
                "He met Labour MP Ann Clwyd and the Liberal Democrats.",
                Class::Organization
            ),
            ["Labour", "Liberal Democrats"]
        );
        assert_eq!(
            names(
                "He met Labour MP Ann Clwyd and the Liberal Democrats.",
                Class::Person
            ),
            ["Ann Clwyd"]
        );
        assert_eq!(
            names(
                "A GDC Mr Allard said and Charles Harris QC agreed.",
                Class::Person
            ),
            ["Allard", "Charles Harris"]
        );
        assert_eq!(
            names(
                "It is the Home Office Minister Des Browne who spoke.",
                Class::Person
            ),
            ["Des Browne"]
        );
    }

    #[test]
    fn common_words_after_a_job_title_are_nobody() {
        assert!(names(
            "Before the General Election, Senior U.S. Economic officials met.",
            Class::Person
        )
        .is_empty());
        assert_eq!(names("Then Mr Straw spoke.", Class::Person), ["Straw"]);
    }

    #[test]
    fn person_evidence_needs_more_than_capitals() {
        assert!(person_evidence(&["Jack", "Straw"]));
        assert!(person_evidence(&["J.", "T.", "Morrow"]));
        assert!(person_evidence(&["Zheng", "Zeguang"]));
        assert!(!person_evidence(&["Hard", "Rock"]));
        assert!(!person_evidence(&["Kill", "Bill"]));
        assert!(!person_evidence(&["Everything", "Must", "Go"]));
        assert!(!person_evidence(&["Jimi", "Hendrix", "Experience"]));
        assert!(person_evidence(&["Grant", "Shapps"]));
        assert!(is_initial("J.") && is_initial("J.T.") && is_initial("K"));
        assert!(!is_initial("IBM") && !is_initial("Jo"));
    }

    #[test]
    fn lowercase_company_suffix_joins_the_name() {
        assert_eq!(
            names(
                "It bought valve maker Halvorsen plc for cash.",
                Class::Organization
            ),
            ["Halvorsen plc"]
        );
    }

    #[test]
    fn events_conditions_and_spelled_out_things_are_not_names() {
        assert!(
            mentions("They went to the Geneva Motor Show and won the Booker Prize.")
                .iter()
                .all(|(_, class)| *class == Class::Word)
        );
        assert!(mentions("He has Parkinson's disease.").is_empty());
        let found = mentions("Real gross national product (GNP) rose.");
        assert!(
            found.contains(&("GNP".to_string(), Class::Word)),
            "{found:?}"
        );
        assert_eq!(
            common_long_form(&["personal", "video", "recorders", "("], 3, "PVRs"),
            Some("personal video recorders".to_string())
        );
        assert_eq!(common_long_form(&["the", "big", "("], 2, "IBM"), None);
    }

    #[test]
    fn provinces_are_places() {
        let found = mentions("A plant in Bramalea, Ontario, and one in Kent closed.");
        assert!(
            found.iter().all(|(_, class)| *class == Class::Place),
            "{found:?}"
        );
    }

    #[test]
    fn place_shapes() {
        let found = mentions(
            "Voters in Dublin South and Dumfriesshire met near St Andrews and Heathrow Airport.",
        );
        assert!(
            found.iter().all(|(_, class)| *class == Class::Place),
            "{found:?}"
        );
        assert_eq!(
            names("Police chief Steve Green said so.", Class::Person),
            ["Steve Green"]
        );
        assert!(names(
            "It came from a plant in Toledo, Ohio, last year.",
            Class::Person
        )
        .is_empty());
        assert!(mentions("Shares in U.K. Banking fell.").is_empty());
        assert!(mentions("He said U.K. Banking Authorities met.").is_empty());
        assert_eq!(
            names("It bought Johnson & Johnson shares.", Class::Organization),
            ["Johnson & Johnson"]
        );
    }

    #[test]
    fn shouting_is_ignored() {
        assert!(
            mentions("CHINA CONFRONTS U.S. AMBASSADOR AFTER ACCUSATIONS OF CYBERSPYING").is_empty()
        );
    }
}
