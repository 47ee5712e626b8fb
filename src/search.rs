//! Searching the index: queries, hits with snippets, value counts and statistics.
//!
//! Returns plain data; printing is left to [`crate::render`].

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, Query, QueryParser};
use tantivy::schema::{Field, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher};

use crate::error::{EngineContext, Error, Result};
use crate::index::writer::format_date;
use crate::index::{Fields, NewsIndex};

/// A search to run.
#[derive(Debug, Clone)]
pub struct Request {
    /// Query in tantivy syntax; bare words search headline and body.
    pub query: String,
    pub limit: usize,
    pub offset: usize,
}

/// A passage of text with the byte ranges of the matched terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub score: f32,
    pub headline: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub speakers: Vec<String>,
    pub organizations: Vec<String>,
    pub persons: Vec<String>,
    pub snippet: Snippet,
}

/// The multi-valued fields that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Speakers,
    Organizations,
    Persons,
    Sources,
}

impl Facet {
    fn field_name(self) -> &'static str {
        match self {
            Facet::Speakers => "speaker_exact",
            Facet::Organizations => "org_exact",
            Facet::Persons => "person_exact",
            Facet::Sources => "source_exact",
        }
    }
}

/// A value and the number of documents holding it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: String,
    pub count: u64,
}

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub size_bytes: u64,
    pub top_speakers: Vec<Count>,
    pub top_organizations: Vec<Count>,
}

const SNIPPET_CHARS: usize = 220;

/// Parse a user query against the default fields (headline, body); all terms must match
/// unless joined by OR.
pub fn parse_query(index: &NewsIndex, query: &str) -> Result<Box<dyn Query>> {
    let f = &index.fields;
    let mut parser = QueryParser::for_index(&index.index, vec![f.headline, f.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.headline, 2.0);
    parser.parse_query(query).map_err(|err| Error::Query {
        query: query.to_string(),
        reason: err.to_string(),
    })
}

fn searcher(index: &NewsIndex) -> Result<Searcher> {
    Ok(index.reader()?.searcher())
}

/// Run a search and return one page of hits, best first.
pub fn search(index: &NewsIndex, request: &Request) -> Result<Vec<Hit>> {
    let query = parse_query(index, &request.query)?;
    let searcher = searcher(index)?;
    let top = TopDocs::with_limit(request.limit.max(1))
        .and_offset(request.offset)
        .order_by_score();
    let found = searcher
        .search(&*query, &top)
        .engine(|| format!("search for {:?} failed", request.query))?;
    if request.limit == 0 {
        return Ok(Vec::new());
    }
    let f = index.fields;
    let body_snippets = snippet_generator(&searcher, &*query, f.body)?;
    let headline_snippets = snippet_generator(&searcher, &*query, f.headline)?;
    found
        .into_iter()
        .map(|(score, address)| {
            let doc = load(&searcher, address)?;
            let snippet = [&body_snippets, &headline_snippets]
                .into_iter()
                .map(|g| {
                    let s = g.snippet_from_doc(&doc);
                    Snippet {
                        text: s.fragment().to_string(),
                        highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                    }
                })
                .find(|s| !s.highlights.is_empty())
                .unwrap_or_else(|| lead(&text(&doc, f.body)));
            Ok(hit(&f, &doc, score, snippet))
        })
        .collect()
}

fn snippet_generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<SnippetGenerator> {
    let mut g = SnippetGenerator::create(searcher, query, field)
        .engine(|| "cannot build snippets".into())?;
    g.set_max_num_chars(SNIPPET_CHARS);
    Ok(g)
}

/// The opening of a body, cut at a word boundary, when no term matched in it.
fn lead(body: &str) -> Snippet {
    let mut end = body.len().min(SNIPPET_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if end < body.len() {
        end = body[..end].rfind(char::is_whitespace).unwrap_or(end);
    }
    Snippet {
        text: body[..end].to_string(),
        highlights: Vec::new(),
    }
}

fn load(searcher: &Searcher, address: DocAddress) -> Result<TantivyDocument> {
    searcher
        .doc::<TantivyDocument>(address)
        .engine(|| "cannot load a stored document".into())
}

fn text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn texts(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

fn optional(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn hit(f: &Fields, doc: &TantivyDocument, score: f32, snippet: Snippet) -> Hit {
    Hit {
        id: text(doc, f.id),
        path: text(doc, f.path),
        score,
        headline: text(doc, f.headline),
        source: optional(doc, f.source),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(format_date),
        speakers: texts(doc, f.speaker),
        organizations: texts(doc, f.org),
        persons: texts(doc, f.person),
        snippet,
    }
}

/// The most frequent values of `facet` among the documents matching `query` (all
/// documents when `None`), most frequent first.
pub fn top_values(
    index: &NewsIndex,
    facet: Facet,
    query: Option<&str>,
    limit: usize,
) -> Result<Vec<Count>> {
    let query: Box<dyn Query> = match query {
        Some(q) => parse_query(index, q)?,
        None => Box::new(AllQuery),
    };
    let request = serde_json::json!({
        "top": { "terms": { "field": facet.field_name(), "size": limit.max(1) } }
    });
    let aggs: Aggregations = serde_json::from_value(request).expect("aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let searcher = searcher(index)?;
    let result = searcher
        .search(&*query, &collector)
        .engine(|| format!("cannot count {}", facet.field_name()))?;
    let json = serde_json::to_value(result).unwrap_or_default();
    let buckets = json["top"]["buckets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok(buckets
        .iter()
        .filter_map(|b| {
            Some(Count {
                value: b["key"].as_str()?.to_string(),
                count: b["doc_count"].as_u64()?,
            })
        })
        .take(limit)
        .collect())
}

/// Document count, size on disk and the most frequent speakers and organizations.
pub fn stats(index: &NewsIndex, top: usize) -> Result<Stats> {
    let documents = searcher(index)?.num_docs();
    Ok(Stats {
        documents,
        size_bytes: index.size_on_disk(),
        top_speakers: top_values(index, Facet::Speakers, None, top)?,
        top_organizations: top_values(index, Facet::Organizations, None, top)?,
    })
}
