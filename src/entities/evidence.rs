//! Evidence an article gives the entity table beyond its names: the acronyms it defines
//! ("the Confederation of British Industry (CBI)") or writes for one of its names ("the
//! Lawn Tennis Association ... the LTA"). Extraction folds an acronym into the long
//! name within the article, so the stored names alone no longer show it; the index
//! keeps these pairs in a column of their own, and the table counts them.

use crate::article::Article;

/// Separates the acronym from the long name in a stored pair the article defines.
pub const SEPARATOR: char = '\u{1f}';
/// Separates them in a pair the article only writes beside each other.
pub const FOLD_SEPARATOR: char = '\u{1e}';

/// Whether `text` may be an acronym: 2 to 10 characters, starting with a capital, at
/// least two capitals, nothing but letters, `&` and `.` ("CBI", "MoD", "AT&T").
fn acronym_like(text: &str) -> bool {
    text.starts_with(|c: char| c.is_uppercase()) && crate::extract::lexicon::acronym_shaped(text)
}

/// `ACRONYM\u{1f}Long Name` for every organization of `article` written in its body as
/// "Long Name (ACRONYM)" with an acronym starting with the name's first letter, and
/// `ACRONYM\u{1e}Long Name` for every acronym the body writes alone that extraction
/// folded into the one organization of the article whose initials it is.
pub fn defined_acronyms(article: &Article) -> Vec<String> {
    let mut defined: Vec<(&str, &str)> = Vec::new();
    let body = article.body.as_str();
    // Brackets are few: each is found once (memchr), and each name is looked for only
    // before them, not searched for through the whole body.
    let brackets: Vec<usize> = body.match_indices('(').map(|(at, _)| at).collect();
    for name in &article.organizations {
        if !name.contains(' ') {
            continue;
        }
        for &at in &brackets {
            let before = &body[..at];
            if !before
                .strip_suffix(' ')
                .is_some_and(|b| b.ends_with(name.as_str()))
            {
                continue;
            }
            let rest = &body[at + 1..];
            let Some(close) = rest.find(')') else { break };
            let acronym = &rest[..close];
            if acronym_like(acronym)
                && acronym.chars().next() == name.chars().next()
                && !defined.contains(&(acronym, name.as_str()))
            {
                defined.push((acronym, name));
            }
        }
    }
    let folded = folded_acronyms(article)
        .into_iter()
        .filter(|(acronym, _)| !defined.iter().any(|(d, _)| d == acronym));
    let pairs = defined.iter().map(|(a, n)| format!("{a}{SEPARATOR}{n}"));
    pairs
        .chain(folded.map(|(a, n)| format!("{a}{FOLD_SEPARATOR}{n}")))
        .collect()
}

/// Acronyms of the body that are no organization of the article but spell the
/// initials of exactly one of them: the article's own fold of the two.
fn folded_acronyms(article: &Article) -> Vec<(&str, &str)> {
    let long: Vec<(String, &str)> = article
        .organizations
        .iter()
        .filter_map(|n| Some((super::rules::initials_of(n)?, n.as_str())))
        .collect();
    if long.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<(&str, &str)> = Vec::new();
    let words = capitalised_words(&article.body)
        .into_iter()
        .map(|w| w.trim_end_matches('.'));
    for word in words {
        if !acronym_like(word)
            || !super::rules::is_acronym(word)
            || out.iter().any(|(a, _)| *a == word)
            || article.organizations.iter().any(|o| o == word)
        {
            continue;
        }
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let mut spelled = long.iter().filter(|(initials, _)| *initials == letters);
        if let (Some((_, name)), None) = (spelled.next(), spelled.next()) {
            out.push((word, name));
        }
    }
    out
}

/// Whether `c` belongs to a word where acronyms are looked for.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '&' || c == '.'
}

/// The words of `text` (runs of letters, digits, `&` and `.`) that open with a capital
/// letter: the only ones that may be acronyms. This runs over every body indexed, so an
/// ASCII text (nearly every article) is cut on its bytes, without decoding characters.
fn capitalised_words(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return capitalised_words_by_chars(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    for (i, &b) in bytes
        .iter()
        .enumerate()
        .chain(std::iter::once((bytes.len(), &b' ')))
    {
        match (in_word(b as char), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if bytes[s].is_ascii_uppercase() {
                    out.push(&text[s..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// [`capitalised_words`] for any text.
fn capitalised_words_by_chars(text: &str) -> Vec<&str> {
    text.split(|c: char| !in_word(c))
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_words_are_cut_alike_on_bytes_and_on_characters() {
        let text = "The LTA (Lawn Tennis Association) said AT&T's U.S. arm, the IMF-led \
                    plan and 3M; x.Y. BoE.\n\"NATO\" ends";
        assert!(text.is_ascii());
        assert_eq!(capitalised_words(text), capitalised_words_by_chars(text));
        assert_eq!(
            capitalised_words(text),
            [
                "The",
                "LTA",
                "Lawn",
                "Tennis",
                "Association",
                "AT&T",
                "U.S.",
                "IMF",
                "BoE.",
                "NATO"
            ]
        );
        // Text that is not ASCII takes the characters' way.
        assert_eq!(
            capitalised_words("\u{201c}NATO\u{201d} and \u{c9}DF"),
            ["NATO", "\u{c9}DF"]
        );
    }

    #[test]
    fn acronyms_defined_in_brackets_after_an_organization() {
        let article = Article {
            organizations: vec![
                "Confederation of British Industry".into(),
                "Office of Fair Trading".into(),
                "Bank of England".into(),
            ],
            body: "The Confederation of British Industry (CBI) said so. The Office of Fair \
                   Trading (the regulator) did not. The Bank of England (BoE) and the \
                   Confederation of British Industry (CBI) met."
                .into(),
            ..Article::default()
        };
        assert_eq!(
            defined_acronyms(&article),
            [
                "CBI\u{1f}Confederation of British Industry",
                "BoE\u{1f}Bank of England"
            ]
        );
    }

    #[test]
    fn acronyms_written_alone_for_one_organization_of_the_article() {
        let article = Article {
            organizations: vec![
                "Northern Rowing Union".into(),
                "National Rail Users".into(),
                "CBI".into(),
            ],
            body: "The Northern Rowing Union met. Later the NRU and the CBI spoke, and the \
                   BBC said nothing."
                .into(),
            ..Article::default()
        };
        // NRU spells two of the article's organizations, CBI is one itself, and BBC
        // spells none.
        assert_eq!(defined_acronyms(&article), Vec::<String>::new());
        let article = Article {
            organizations: vec!["Lawn Tennis Association".into(), "Davis Cup".into()],
            body: "The Lawn Tennis Association said so. \"The LTA has done well.\"".into(),
            ..Article::default()
        };
        assert_eq!(
            defined_acronyms(&article),
            ["LTA\u{1e}Lawn Tennis Association"]
        );
    }
}
