//! Quote search: "what did X say about Y". Articles are found through their `quote` and
//! `speaker` fields (the user's query and the speaker's words, two separate queries);
//! each article's stored quotations are then filtered to those that match, so every
//! result is one attributed quotation. A speaker also matches as another written form
//! of the entity the name names ([`super::forms`]).

use serde::Serialize;
use tantivy::collector::TopDocs;

use super::forms::{Forms, NameField};
use super::{check_page, date, load, matcher, query, quotes_of, text, Snapshot};
use crate::error::{EngineContext, Result};

/// A quote search.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Words or query for the quotation's text; empty for any.
    pub query: String,
    /// Only quotations by this speaker (every word of the name must appear in it, or
    /// it is exactly another written form of the name's entity).
    pub speaker: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One attributed quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteHit {
    pub speaker: Option<String>,
    pub text: String,
    pub id: String,
    pub headline: String,
    pub path: String,
    pub date: Option<String>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkd()
        .filter(|c| c.is_ascii())
        .collect::<String>()
        .to_lowercase()
}

/// Find quotations matching `request`, in the order of their articles' relevance.
pub fn search(snapshot: &Snapshot, request: &Request) -> Result<Vec<QuoteHit>> {
    check_page(request.limit, request.offset)?;
    let index = snapshot.index;
    let f = index.fields;
    let parsed = query::parse_quotes(snapshot, &request.query, request.speaker.as_deref())?;
    let want_speaker: Vec<String> = request
        .speaker
        .as_deref()
        .map(|s| words(&fold(s)))
        .unwrap_or_default();
    let other_forms = match request.speaker.as_deref() {
        Some(name) => Forms::new(snapshot).others(NameField::Speaker, name)?,
        None => Vec::new(),
    };
    let searcher = &snapshot.searcher;
    let wanted = request.offset + request.limit;
    let found = searcher
        .search(
            &*parsed.query,
            &TopDocs::with_limit(wanted.max(1) * 4 + 20).order_by_score(),
        )
        .engine(|| format!("quote search for {:?} failed", request.query))?;
    let mut matcher = matcher(index, &parsed);
    let mut hits = Vec::new();
    'articles: for (_, address) in found {
        let doc = load(searcher, address)?;
        for q in quotes_of(&doc, &f) {
            let by = q
                .speaker
                .as_deref()
                .map(|s| words(&fold(s)))
                .unwrap_or_default();
            let other_form = q.speaker.as_ref().is_some_and(|s| other_forms.contains(s));
            if !other_form && !want_speaker.iter().all(|w| by.contains(w)) {
                continue;
            }
            if !request.query.trim().is_empty() && matcher.snippet(&q.text).is_none() {
                continue;
            }
            hits.push(QuoteHit {
                speaker: q.speaker,
                text: q.text,
                id: text(&doc, f.id),
                headline: text(&doc, f.headline),
                path: text(&doc, f.path),
                date: date(&doc, &f),
            });
            if hits.len() >= wanted {
                break 'articles;
            }
        }
    }
    Ok(hits.into_iter().skip(request.offset).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Quote};
    use crate::index::NewsIndex;
    use crate::search::tests::{article, index_of};

    /// An article holding `quotes` (speaker, text), its speakers listed once each.
    fn quoting(name: &str, quotes: &[(Option<&str>, &str)]) -> Article {
        let mut speakers: Vec<String> = Vec::new();
        for name in quotes.iter().filter_map(|q| q.0) {
            if !speakers.iter().any(|s| s == name) {
                speakers.push(name.to_string());
            }
        }
        Article {
            quotes: quotes
                .iter()
                .map(|(speaker, text)| Quote {
                    speaker: speaker.map(str::to_string),
                    text: text.to_string(),
                })
                .collect(),
            speakers,
            ..article(name, &format!("Story {name}"), "The body says little.")
        }
    }

    fn find(index: &NewsIndex, query: &str, speaker: Option<&str>) -> Vec<QuoteHit> {
        let request = Request {
            query: query.into(),
            speaker: speaker.map(str::to_string),
            limit: 100,
            offset: 0,
        };
        search(&Snapshot::of(index).unwrap(), &request).unwrap()
    }

    fn texts(hits: &[QuoteHit]) -> Vec<&str> {
        let mut texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        texts.sort();
        texts
    }

    fn quotes_index() -> (tempfile::TempDir, NewsIndex) {
        index_of(&[
            quoting(
                "fares",
                &[
                    (Some("Marta Quist"), "Fuel has never cost more"),
                    (Some("Marta Quist"), "Prices will rise in April"),
                    (Some("Tom Wake"), "Fuel prices worry the board"),
                    (None, "a price too far"),
                ],
            ),
            quoting(
                "festival",
                &[(Some("Zoë Castellane"), "The film moved me to tears")],
            ),
        ])
    }

    #[test]
    fn each_hit_is_one_quotation_holding_the_words() {
        let (_dir, index) = quotes_index();
        let fuel = find(&index, "fuel", None);
        assert_eq!(
            texts(&fuel),
            ["Fuel has never cost more", "Fuel prices worry the board"]
        );
        let hit = fuel
            .iter()
            .find(|h| h.text.starts_with("Fuel has"))
            .unwrap();
        assert_eq!(hit.speaker.as_deref(), Some("Marta Quist"));
        assert_eq!(hit.path, "/news/fares.txt");
        assert_eq!(hit.headline, "Story fares");
        assert_eq!(hit.id, crate::index::doc_id("/news/fares.txt"));
        // A quotation without a speaker is found by its words.
        assert_eq!(texts(&find(&index, "far", None)), ["a price too far"]);
        assert!(find(&index, "tears festival", None).is_empty());
    }

    #[test]
    fn a_speaker_must_hold_every_word_of_the_name_given() {
        let (_dir, index) = quotes_index();
        let hers = find(&index, "", Some("Marta Quist"));
        assert_eq!(
            texts(&hers),
            ["Fuel has never cost more", "Prices will rise in April"]
        );
        // In any order and case, accents folded.
        assert_eq!(texts(&find(&index, "", Some("quist MARTA"))), texts(&hers));
        assert_eq!(
            texts(&find(&index, "", Some("Zoe"))),
            ["The film moved me to tears"]
        );
        // Both conditions hold for the same quotation.
        assert_eq!(
            texts(&find(&index, "fuel", Some("Quist"))),
            ["Fuel has never cost more"]
        );
        assert!(find(&index, "", Some("Marta Wake")).is_empty());
        assert!(find(&index, "tears", Some("Quist")).is_empty());
    }

    #[test]
    fn pages_of_quotations() {
        let (_dir, index) = quotes_index();
        let all = find(&index, "", Some("Marta Quist"));
        let page = search(
            &Snapshot::of(&index).unwrap(),
            &Request {
                query: String::new(),
                speaker: Some("Marta Quist".into()),
                limit: 1,
                offset: 1,
            },
        )
        .unwrap();
        assert_eq!(page, all[1..]);
    }
}
