//! Quote search: "what did X say about Y". Articles are found through their `quote` and
//! `speaker` fields (the user's query and the speaker's words, two separate queries);
//! each article's stored quotations are then filtered to those that match, so every
//! result is one attributed quotation.

use serde::Serialize;
use tantivy::collector::TopDocs;

use super::{check_page, date, load, matcher, query, quotes_of, text, Snapshot};
use crate::error::{EngineContext, Result};

/// A quote search.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Words or query for the quotation's text; empty for any.
    pub query: String,
    /// Only quotations by this speaker (every word of the name must appear in it).
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
    let parsed = query::parse_quotes(index, &request.query, request.speaker.as_deref())?;
    let want_speaker: Vec<String> = request
        .speaker
        .as_deref()
        .map(|s| words(&fold(s)))
        .unwrap_or_default();
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
            if !want_speaker.iter().all(|w| by.contains(w)) {
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
