//! Evidence an article gives the entity table beyond its names: the acronyms it defines
//! ("the Confederation of British Industry (CBI)"). Extraction folds an acronym into
//! the long name within the article, so the stored names alone no longer show it; the
//! index keeps these pairs in a column of their own, and the table counts them.

use crate::article::Article;

/// Separates the acronym from the long name in a stored pair.
pub const SEPARATOR: char = '\u{1f}';

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
/// "Long Name (ACRONYM)" with an acronym starting with the name's first letter.
pub fn defined_acronyms(article: &Article) -> Vec<String> {
    let mut pairs = Vec::new();
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
            if acronym_like(acronym) && acronym.chars().next() == name.chars().next() {
                let pair = format!("{acronym}{SEPARATOR}{name}");
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
    }
    pairs
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
}
