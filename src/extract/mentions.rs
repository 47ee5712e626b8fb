//! Proper-noun mentions: capitalised chunks of a paragraph, cleaned of titles and
//! sentence-initial words, and classified as person, organization or place.
//!
//! A chunk is a run of capitalised words, joined across name connectors ("of", "for",
//! "de", "&", "'s" inside names). Classification uses the word's form and the lexicon:
//! company suffixes and organization head words, given names and titles, places.
//! Chunks the rules cannot place are kept as [`Class::Unknown`]; the entity stage
//! decides about them with evidence from the whole article.

use super::lexicon::{lexicon, COMPANY_SUFFIXES, NEVER_NAMES, ORG_HEADS, TITLES};
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
}

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
    TITLES.contains(&word)
}

fn is_org_head(word: &str) -> bool {
    ORG_HEADS.contains(&word)
}

fn is_suffix(word: &str) -> bool {
    COMPANY_SUFFIXES.contains(&word)
}

/// A capitalised word that is a common English word in lowercase ("Still", "Officials").
fn is_common_cap(word: &str) -> bool {
    let lex = lexicon();
    lex.is_common(&word.to_lowercase()) && !lex.is_given_name(word) && !is_org_head(word)
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
    let mut out = Vec::new();
    let mut covered = vec![false; n];
    acronym_definitions(p, para, &words, &mut out, &mut covered);
    let mut i = p.tokens.iter().position(|t| t.start >= from).unwrap_or(n);
    while i < n {
        if covered[i] || !is_cap(words[i]) || p.tokens[i].kind != super::tokens::Kind::Word {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            if end < n && !covered[end] && joins(&words, end) {
                end += 1;
            } else if end + 1 < n && connects(&words, i, end) {
                end += if words[end + 1] == "the" { 3 } else { 2 };
            } else {
                break;
            }
        }
        for piece in split_chunk(&words, i, end) {
            if let Some(m) = clean(p, para, &words, piece) {
                out.push(m);
            }
        }
        i = end;
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Whether token `at` continues the chunk that ends just before it.
fn joins(words: &[&str], at: usize) -> bool {
    let w = words[at];
    let prev = words[at - 1];
    if prev.ends_with("'s") || prev.ends_with("’s") {
        // "People's Liberation Army" continues; "China's Ambassador" does not.
        let owner = strip_possessive(prev);
        let lex = lexicon();
        if lex.is_place(owner) || lex.is_given_name(owner) || !lex.is_common(&owner.to_lowercase()) {
            return false;
        }
    }
    (is_cap(w) && !w.chars().all(|c| !c.is_alphabetic()))
        || (w.chars().next().is_some_and(|c| c.is_ascii_digit()) && is_org_head(prev))
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
    if c == "and" {
        // "Department of Trade and Industry", never "Baucus and Obama".
        return words[start..at].iter().any(|w| *w == "of" || *w == "for");
    }
    CONNECTORS.contains(&c)
}

/// Split "Unit 61398 of the People's Liberation Army" into two organizations when both
/// sides of "of" are complete names with a head word of their own.
fn split_chunk(words: &[&str], start: usize, end: usize) -> Vec<(usize, usize)> {
    for k in start + 1..end {
        if words[k] != "of" {
            continue;
        }
        let before = &words[start..k];
        let after_start = if words.get(k + 1) == Some(&"the") { k + 2 } else { k + 1 };
        let after = &words[after_start..end];
        let has_head = |ws: &[&str]| ws.iter().any(|w| is_org_head(w) || is_suffix(w));
        if before.len() >= 2 && has_head(before) && has_head(after) {
            return vec![(start, k), (after_start, end)];
        }
    }
    vec![(start, end)]
}

/// Trim a chunk to its name and classify it; `None` when nothing name-like remains.
fn clean(
    p: &Paragraph,
    para: usize,
    words: &[&str],
    (mut start, end): (usize, usize),
) -> Option<Mention> {
    let lex = lexicon();
    let initial = p.clause_start[start];
    // A common word opening a sentence is not part of a name ("Still", "Skeptics").
    if initial && is_common_cap(words[start]) && !is_title(words[start]) {
        start += 1;
    }
    while start < end && matches!(words[start], "The" | "A" | "An") {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let mut tail: Vec<&str> = words[start..end].to_vec();
    let last = strip_possessive(tail[tail.len() - 1]);
    let is_org = is_suffix(last)
        || tail.iter().any(|w| is_org_head(strip_possessive(w)))
        || lex.is_outlet(&tail.join(" "));
    let mut titled = start > 0 && is_title(words[start - 1]);
    if !is_org {
        // Strip leading titles, places and nationalities: "U.S. President Barack Obama".
        while tail.len() > 1 && (is_title(tail[0]) || lex.is_place(tail[0]) || lex.is_demonym(tail[0]) || CONNECTORS.contains(&tail[0]) || tail[0] == "the" || tail[0] == "to") {
            titled |= is_title(tail[0]);
            tail.remove(0);
            start += 1;
        }
        // A title left on its own ("Ambassador") names nobody.
        if tail.iter().all(|w| is_title(w) || lex.is_place(w) || lex.is_demonym(w)) {
            return None;
        }
        // Trailing connectors cannot end a name.
    }
    let mut end = end;
    while end > start + 1 && CONNECTORS.contains(&words[end - 1]) {
        end -= 1;
    }
    let first_byte = p.tokens[start].start;
    let last_tok = &p.tokens[end - 1];
    let mut name = p.text[first_byte..last_tok.end].to_string();
    if let Some(stripped) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
        name = stripped.to_string();
    }
    let tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.len() == 1 && NEVER_NAMES.contains(&tokens[0]) {
        return None;
    }
    if tokens.iter().all(|w| NEVER_NAMES.contains(w)) {
        return None;
    }
    let class = classify(&tokens, is_org, titled);
    Some(Mention {
        para,
        start,
        end,
        name,
        class,
        titled,
        initial: p.clause_start[start],
        acronym_of: None,
    })
}

fn classify(tokens: &[&str], is_org: bool, titled: bool) -> Class {
    let lex = lexicon();
    let full = tokens.join(" ");
    if is_org {
        return Class::Organization;
    }
    if lex.is_place(&full) || tokens.iter().all(|w| lex.is_place(w) || lex.is_demonym(w)) {
        return Class::Place;
    }
    if tokens.len() == 1 && is_acronym(tokens[0]) {
        return Class::Organization;
    }
    if titled {
        return Class::Person;
    }
    let first = tokens[0];
    let last = tokens[tokens.len() - 1];
    if tokens.len() >= 2 {
        if lex.is_given_name(first) && !lex.is_place(first) {
            return Class::Person;
        }
        if lex.is_surname(last) {
            return Class::Person;
        }
        let plain = tokens.iter().all(|w| {
            let lower = w.to_lowercase();
            !lex.is_common(&lower) && !lex.is_place(w) && !lex.is_demonym(w) && w.chars().any(char::is_lowercase)
        });
        if plain && tokens.len() <= 4 {
            return Class::Person;
        }
        return Class::Unknown;
    }
    Class::Unknown
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
        while start > 0 {
            let w = words[start - 1];
            if w == "the" || w == "The" || p.tokens[start - 1].kind == super::tokens::Kind::Punct || p.clause_start[start - 1] && !is_cap(w) {
                break;
            }
            if !is_cap(w) && !CONNECTORS.contains(&w) && lexicon().is_common(w) && !w.chars().any(|c| c.is_uppercase()) {
                // Lowercase words may sit inside the long form only between capitals.
                if !(start < i && is_cap(words[start])) || start - 1 == 0 || !is_cap(words[start - 2]) {
                    break;
                }
            }
            start -= 1;
            if p.clause_start[start] {
                break;
            }
        }
        while start < i && !is_cap(words[start]) {
            start += 1;
        }
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
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::Paragraph;
    use super::*;

    fn mentions(text: &str) -> Vec<(String, Class)> {
        let p = Paragraph::new(text.to_string());
        find(&p, 0, 0).into_iter().map(|m| (m.name, m.class)).collect()
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
            names("A summit between U.S. President Barack Obama and Chinese President Xi Jinping.", Class::Person),
            ["Barack Obama", "Xi Jinping"]
        );
        assert_eq!(names("The U.S. Ambassador to China, Max Baucus, met him.", Class::Person), ["Max Baucus"]);
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
        assert_eq!(names("China's Ambassador to the United States, Cui Tiankai, spoke.", Class::Person), ["Cui Tiankai"]);
    }

    #[test]
    fn acronym_with_long_form() {
        let found = names(
            "Data came from the National Computer network Emergency Response technical Team Coordination Center (CNCERT), which said so.",
            Class::Organization,
        );
        assert_eq!(
            found,
            ["National Computer network Emergency Response technical Team Coordination Center", "CNCERT"]
        );
    }

    #[test]
    fn sentence_initial_words_months_and_places_are_not_names() {
        assert!(names("Skeptics said on Monday that Beijing would not move.", Class::Person).is_empty());
        assert!(names("Skeptics said on Monday that Beijing would not move.", Class::Organization).is_empty());
        assert_eq!(names("Still, China and the United States talked.", Class::Place), ["China", "United States"]);
    }

    #[test]
    fn shouting_is_ignored() {
        assert!(mentions("CHINA CONFRONTS U.S. AMBASSADOR AFTER ACCUSATIONS OF CYBERSPYING").is_empty());
    }
}
