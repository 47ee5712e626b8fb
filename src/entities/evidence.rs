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
    let n = text.chars().count();
    (2..=10).contains(&n)
        && text.starts_with(|c: char| c.is_uppercase())
        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == '&' || c == '.')
}

/// `ACRONYM\u{1f}Long Name` for every organization of `article` written in its body as
/// "Long Name (ACRONYM)" with an acronym starting with the name's first letter, and
/// `ACRONYM\u{1e}Long Name` for every acronym the body writes alone that extraction
/// folded into the one organization of the article whose initials it is.
pub fn defined_acronyms(article: &Article) -> Vec<String> {
    let mut defined: Vec<(&str, &str)> = Vec::new();
    for name in &article.organizations {
        if !name.contains(' ') {
            continue;
        }
        let opening = format!("{name} (");
        let mut rest = article.body.as_str();
        while let Some(at) = rest.find(&opening) {
            rest = &rest[at + opening.len()..];
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
    let words = article
        .body
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '.'))
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

#[cfg(test)]
mod tests {
    use super::*;

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
