//! From the user's query string to a tantivy query, with what tantivy's own parser
//! lacks: `term~N` fuzzy terms (matched against the unstemmed name fields as well as the
//! text, where stemming would spoil the edit distance), plain dates in `date:` ranges
//! (`date:[2014-05-01 TO 2014-05-31]`), and `--since`/`--until` filters.

use std::ops::Bound;
use std::sync::OnceLock;

use regex::Regex;
use tantivy::query::{
    AllQuery, BooleanQuery, FuzzyTermQuery, Occur, Query, QueryParser, RangeQuery,
};
use tantivy::schema::Field;
use tantivy::tokenizer::TokenStream;
use tantivy::Term;

use crate::error::{Error, Result};
use crate::index::writer::parse_date;
use crate::index::NewsIndex;

/// A parsed search: the query to run and what the snippets should highlight.
pub struct Parsed {
    pub query: Box<dyn Query>,
    /// Analysed terms of the text fields, for highlighting.
    pub terms: Vec<String>,
    /// Fuzzy terms (lowercased, accents folded) with their edit distance.
    pub fuzzy: Vec<(String, u8)>,
}

/// Restrictions on the publication date, inclusive.
#[derive(Debug, Clone, Default)]
pub struct DateFilter {
    pub since: Option<String>,
    pub until: Option<String>,
}

fn fuzzy_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(^|[\s(+-])([\p{L}\p{N}][\p{L}\p{N}'’.-]*)~([0-2])\b").expect("valid")
    })
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b(\d{4}-\d{2}-\d{2})\b([^T]|$)").expect("valid"))
}

/// Rewrite plain dates inside `date:` ranges to the RFC 3339 form tantivy expects.
fn rewrite_dates(query: &str) -> String {
    let Some(at) = query.find("date:") else {
        return query.to_string();
    };
    let (head, tail) = query.split_at(at);
    let rewritten = date_regex().replace_all(tail, "${1}T00:00:00Z$2");
    format!("{head}{rewritten}")
}

fn query_error(query: &str, reason: impl std::fmt::Display) -> Error {
    Error::Query {
        query: query.to_string(),
        reason: reason.to_string(),
    }
}

/// Fields a bare fuzzy term is matched in: the text and the unstemmed names.
fn fuzzy_fields(index: &NewsIndex) -> [Field; 5] {
    let f = &index.fields;
    [f.headline, f.body, f.person, f.speaker, f.org]
}

/// Lowercase and fold accents the way the name analyzer does.
fn fold(index: &NewsIndex, word: &str) -> String {
    let mut analyzer = index
        .index
        .tokenizers()
        .get(crate::index::schema::NAME_ANALYZER)
        .expect("analyzers are registered on open");
    let mut stream = analyzer.token_stream(word);
    let mut out = String::new();
    while stream.advance() {
        out.push_str(&stream.token().text);
    }
    out
}

/// Parse `query` (tantivy syntax plus `term~N`) with bare words searching headline and
/// body, all required unless joined by OR; `dates` narrows it.
pub fn parse(index: &NewsIndex, query: &str, dates: &DateFilter) -> Result<Parsed> {
    let f = &index.fields;
    parse_in(index, query, dates, &[f.headline, f.body])
}

/// Like [`parse`], with bare words searching `fields`.
pub fn parse_in(
    index: &NewsIndex,
    query: &str,
    dates: &DateFilter,
    fields: &[Field],
) -> Result<Parsed> {
    let f = &index.fields;
    let mut parser = QueryParser::for_index(&index.index, fields.to_vec());
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.headline, 2.0);

    let mut fuzzy = Vec::new();
    let rest = fuzzy_regex().replace_all(query, |caps: &regex::Captures| {
        fuzzy.push((caps[2].to_string(), caps[3].parse::<u8>().unwrap_or(1)));
        caps[1].to_string()
    });
    let rest = rewrite_dates(rest.trim());
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !rest.trim().is_empty() {
        let parsed = parser
            .parse_query(&rest)
            .map_err(|e| query_error(query, e))?;
        clauses.push((Occur::Must, parsed));
    }
    let mut folded = Vec::new();
    for (word, distance) in &fuzzy {
        let word = fold(index, word);
        if word.is_empty() {
            return Err(query_error(query, "a fuzzy term needs letters or digits"));
        }
        let alternatives: Vec<(Occur, Box<dyn Query>)> = fuzzy_fields(index)
            .into_iter()
            .map(|field| {
                let q: Box<dyn Query> = Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(field, &word),
                    *distance,
                    true,
                ));
                (Occur::Should, q)
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        folded.push((word, *distance));
    }
    for (bound, is_since) in [(&dates.since, true), (&dates.until, false)] {
        let Some(date) = bound else { continue };
        let value =
            parse_date(date).ok_or_else(|| query_error(date, "dates are written YYYY-MM-DD"))?;
        let term = Term::from_field_date(f.date, value);
        let range = if is_since {
            RangeQuery::new(Bound::Included(term), Bound::Unbounded)
        } else {
            RangeQuery::new(Bound::Unbounded, Bound::Included(term))
        };
        clauses.push((Occur::Must, Box::new(range)));
    }
    let query: Box<dyn Query> = match clauses.len() {
        0 => Box::new(AllQuery),
        1 if fuzzy.is_empty() => clauses.pop().expect("one clause").1,
        _ => Box::new(BooleanQuery::new(clauses)),
    };
    let mut terms = Vec::new();
    query.query_terms(&mut |term: &Term, _| {
        if [f.headline, f.body, f.quote].contains(&term.field()) {
            if let Some(text) = term.value().as_str() {
                terms.push(text.to_string());
            }
        }
    });
    Ok(Parsed {
        query,
        terms,
        fuzzy: folded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_in_ranges_become_rfc3339() {
        assert_eq!(
            rewrite_dates("oil date:[2014-05-01 TO 2014-05-31]"),
            "oil date:[2014-05-01T00:00:00Z TO 2014-05-31T00:00:00Z]"
        );
        assert_eq!(rewrite_dates("no dates 2014-05-01"), "no dates 2014-05-01");
    }

    #[test]
    fn fuzzy_terms_are_recognised() {
        let caps: Vec<_> = fuzzy_regex()
            .captures_iter("Baucs~1 and (zheng~2)")
            .map(|c| (c[2].to_string(), c[3].to_string()))
            .collect();
        assert_eq!(
            caps,
            [
                ("Baucs".to_string(), "1".to_string()),
                ("zheng".into(), "2".into())
            ]
        );
        assert!(fuzzy_regex().captures("\"big wolf\"~1").is_none());
    }
}
