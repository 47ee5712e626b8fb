//! Searching the index: article hits with snippets, quotes by speaker, value counts,
//! matches over time, single articles by id, and statistics.
//!
//! Every search reads one [`Snapshot`] of the index, so all parts of one answer (hits,
//! counts, snippets, group sizes) come from the same commit, even while `index` or
//! `reindex` writes. Returns plain data; printing is left to [`crate::render`].

pub mod distinct;
pub mod duplicates;
mod exclusion;
pub mod export;
pub mod facets;
pub mod forms;
pub mod memo;
pub mod query;
pub mod quotes;
pub mod snippet;
mod tally;
pub mod timeline;

use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::{DateTime, DocAddress, Order, Searcher, Term};

use crate::article::{Article, Quote};
use crate::entities::Table;
use crate::error::{EngineContext, Error, Result};
use crate::index::schema::{NAME_ANALYZER, PROSE_ANALYZER};
use crate::index::writer::format_date;
use crate::index::{Fields, NewsIndex};
pub use facets::{stats, top_entities, top_values, Count, EntityCount, Facet, Stats};
pub use memo::Memo;
pub use query::{DateFilter, NameFilter};
pub use snippet::Snippet;
pub use timeline::{timeline, Bucket, Interval, Timeline, TimelineRequest};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; articles without a date last.
    Date,
}

/// A search to run.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Query in tantivy syntax; bare words search headline and body.
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub dates: DateFilter,
    /// Show every copy of a story instead of one hit per duplicate group.
    pub all_copies: bool,
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
    /// Duplicate group, and how many other articles are in it.
    pub group: Option<String>,
    pub copies: u64,
}

/// Most results one answer may hold (`--limit`), and most it may skip (`--offset`):
/// an answer is gathered in memory, and pages further in than this are better reached
/// with a narrower query.
pub const MAX_LIMIT: usize = 100_000;
/// See [`MAX_LIMIT`].
pub const MAX_OFFSET: usize = 100_000;

/// Refuse a page beyond [`MAX_LIMIT`] or [`MAX_OFFSET`].
pub fn check_page(limit: usize, offset: usize) -> Result<()> {
    for (what, value, max) in [("limit", limit, MAX_LIMIT), ("offset", offset, MAX_OFFSET)] {
        if value > max {
            return Err(Error::TooLarge { what, value, max });
        }
    }
    Ok(())
}

/// One commit of an index, as every part of one answer sees it.
pub struct Snapshot<'a> {
    pub index: &'a NewsIndex,
    pub searcher: Searcher,
    /// What depends on this commit alone; shared by every snapshot of the same commit
    /// that is given the same memo.
    pub memo: Arc<Memo>,
}

impl<'a> Snapshot<'a> {
    /// The last commit of `index`.
    pub fn of(index: &'a NewsIndex) -> Result<Snapshot<'a>> {
        Ok(Snapshot {
            index,
            searcher: index.reader()?.searcher(),
            memo: Arc::default(),
        })
    }

    /// The entity table of this commit.
    pub fn table(&self) -> Result<Arc<Table>> {
        self.memo
            .table(|| Table::for_commit(self.index, &self.searcher))
    }
}

/// A snippet matcher for a parsed query.
pub(crate) fn matcher<'a>(index: &NewsIndex, parsed: &'a query::Parsed) -> snippet::Matcher<'a> {
    let tokenizers = index.index.tokenizers();
    snippet::Matcher {
        prose: tokenizers
            .get(PROSE_ANALYZER)
            .expect("analyzers are registered on open"),
        names: tokenizers
            .get(NAME_ANALYZER)
            .expect("analyzers are registered on open"),
        terms: &parsed.terms,
        fuzzy: &parsed.fuzzy,
    }
}

/// Run a search and return one page of hits.
pub fn search(snapshot: &Snapshot, request: &Request) -> Result<Vec<Hit>> {
    check_page(request.limit, request.offset)?;
    let parsed = query::parse(snapshot, &request.query, &request.dates)?;
    if request.limit == 0 {
        return Ok(Vec::new());
    }
    // The top documents alone, so that tantivy may skip the matches that cannot reach
    // the page.
    let context = || format!("search for {:?} failed", request.query);
    let top = candidates(request);
    let found: Vec<(f32, DocAddress)> = match request.sort {
        Sort::Relevance => snapshot
            .searcher
            .search(&*parsed.query, &top.order_by_score())
            .engine(context)?,
        Sort::Date => snapshot
            .searcher
            .search(
                &*parsed.query,
                &top.order_by_fast_field::<DateTime>("date", Order::Desc),
            )
            .engine(context)?
            .into_iter()
            .map(|(_, address)| (0.0, address))
            .collect(),
    };
    page_of(snapshot, request, &parsed, found)
}

/// One page of hits, with what the server shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub hits: Vec<Hit>,
    /// Matches in all, counted as the hits list them: a duplicate group once, unless
    /// every copy is asked for.
    pub total: u64,
    /// The most frequent values of every [`Facet`] among all matches (every copy
    /// counted), in the order of [`Facet::ALL`].
    pub facets: Vec<(Facet, Vec<Count>)>,
}

/// [`search`], and the number of matches and their `facet_limit` most frequent values
/// of each facet, from one run of the query: the page's candidates, the count and the
/// facets are gathered in the same pass over the matches.
pub fn search_page(snapshot: &Snapshot, request: &Request, facet_limit: usize) -> Result<Page> {
    check_page(request.limit, request.offset)?;
    check_page(facet_limit, 0)?;
    let parsed = query::parse(snapshot, &request.query, &request.dates)?;
    let top = (request.limit > 0).then(|| candidates(request));
    let distinct = distinct::DistinctCount {
        ids: snapshot
            .memo
            .groups(|| distinct::GroupIds::of(&snapshot.searcher))?,
        groups: !request.all_copies,
    };
    let counts = (distinct, facets::tally());
    let context = || format!("search for {:?} failed", request.query);
    let searcher = &snapshot.searcher;
    let (found, (matches, tally)) = match request.sort {
        Sort::Relevance => {
            let (found, counts) = searcher
                .search(&*parsed.query, &(top.map(|t| t.order_by_score()), counts))
                .engine(context)?;
            (found.unwrap_or_default(), counts)
        }
        Sort::Date => {
            let by_date = top.map(|t| t.order_by_fast_field::<DateTime>("date", Order::Desc));
            let (found, counts) = searcher
                .search(&*parsed.query, &(by_date, counts))
                .engine(context)?;
            let found = found
                .unwrap_or_default()
                .into_iter()
                .map(|(_, address)| (0.0, address))
                .collect();
            (found, counts)
        }
    };
    let facets = facets::tops(&tally, facet_limit).engine(|| {
        format!(
            "cannot count the values of the matches of {:?}",
            request.query
        )
    })?;
    let hits = if request.limit == 0 {
        Vec::new()
    } else {
        page_of(snapshot, request, &parsed, found)?
    };
    Ok(Page {
        hits,
        total: matches.total(),
        facets,
    })
}

/// The candidates a page is chosen from: collapsing duplicate groups needs more than
/// one page, so fetch generously.
fn candidates(request: &Request) -> TopDocs {
    let (fetch, skip) = if request.all_copies {
        (request.limit + request.offset, request.offset)
    } else {
        ((request.limit + request.offset) * 3 + 20, 0)
    };
    TopDocs::with_limit(fetch).and_offset(skip)
}

/// The page of hits among the candidates `found`, best first: loaded, one per duplicate
/// group unless every copy is asked for, with their snippets.
fn page_of(
    snapshot: &Snapshot,
    request: &Request,
    parsed: &query::Parsed,
    found: Vec<(f32, DocAddress)>,
) -> Result<Vec<Hit>> {
    let index = snapshot.index;
    let searcher = &snapshot.searcher;
    let f = index.fields;
    let mut matcher = matcher(index, parsed);
    let mut seen_groups = std::collections::HashSet::new();
    let mut hits = Vec::new();
    for (score, address) in found {
        let doc = load(searcher, address)?;
        let group = optional(&doc, f.group);
        let copies = match &group {
            Some(g) => group_size(searcher, &f, g)?.saturating_sub(1),
            None => 0,
        };
        // A group shows once, at its best-ranked member: the most relevant copy, or the
        // newest when sorting by date.
        if !request.all_copies {
            if let Some(g) = &group {
                if !seen_groups.insert(g.clone()) {
                    continue;
                }
            }
        }
        let body = text(&doc, f.body);
        // The body's best passage, else the headline's, else a quote's.
        let snippet = matcher
            .snippet(&body)
            .or_else(|| matcher.snippet(&text(&doc, f.headline)))
            .or_else(|| {
                quotes_of(&doc, &f)
                    .iter()
                    .find_map(|q| matcher.snippet(&q.text))
            })
            .unwrap_or_else(|| snippet::lead(&body));
        let mut h = hit(&f, &doc, score, snippet);
        h.copies = copies;
        hits.push(h);
        // The page is complete: later candidates rank below it (loading each would cost
        // a block of the document store).
        if !request.all_copies && hits.len() >= request.offset + request.limit {
            break;
        }
    }
    let skip = if request.all_copies {
        0
    } else {
        request.offset
    };
    Ok(hits.into_iter().skip(skip).take(request.limit).collect())
}

/// Number of live articles in duplicate group `group`.
pub(crate) fn group_size(searcher: &Searcher, f: &Fields, group: &str) -> Result<u64> {
    let query = TermQuery::new(
        Term::from_field_text(f.group, group),
        IndexRecordOption::Basic,
    );
    let n = searcher
        .search(&query, &tantivy::collector::Count)
        .engine(|| format!("cannot count group {group}"))?;
    Ok(n as u64)
}

/// The stored article with id `id`.
pub(crate) fn by_id(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<TantivyDocument>> {
    let query = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let found = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .engine(|| format!("cannot look up {id}"))?;
    match found.into_iter().next() {
        Some((_, address)) => Ok(Some(load(searcher, address)?)),
        None => Ok(None),
    }
}

/// A whole stored article: what `show` and `export` print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: String,
    /// The duplicate group the article belongs to, if any.
    pub group: Option<String>,
    pub article: Article,
}

/// The whole stored article with id `id`, if the index has it.
pub fn show(snapshot: &Snapshot, id: &str) -> Result<Option<Stored>> {
    let f = snapshot.index.fields;
    Ok(by_id(&snapshot.searcher, &f, id)?.map(|doc| stored(&f, &doc)))
}

/// Every stored field of a document.
pub(crate) fn stored(f: &Fields, doc: &TantivyDocument) -> Stored {
    Stored {
        id: text(doc, f.id),
        group: optional(doc, f.group),
        article: article(f, doc),
    }
}

fn article(f: &Fields, doc: &TantivyDocument) -> Article {
    Article {
        path: text(doc, f.path),
        headline: text(doc, f.headline),
        source: optional(doc, f.source),
        byline: optional(doc, f.byline),
        date: date(doc, f),
        dateline: optional(doc, f.dateline),
        url: optional(doc, f.url),
        speakers: texts(doc, f.speaker),
        organizations: texts(doc, f.org),
        persons: texts(doc, f.person),
        quotes: quotes_of(doc, f),
        body: text(doc, f.body),
    }
}

pub(crate) fn load(searcher: &Searcher, address: DocAddress) -> Result<TantivyDocument> {
    searcher
        .doc::<TantivyDocument>(address)
        .engine(|| "cannot load a stored document".into())
}

pub(crate) fn text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn texts(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

pub(crate) fn optional(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

pub(crate) fn date(doc: &TantivyDocument, f: &Fields) -> Option<String> {
    doc.get_first(f.date)
        .and_then(|v| v.as_datetime())
        .map(format_date)
}

pub(crate) fn quotes_of(doc: &TantivyDocument, f: &Fields) -> Vec<Quote> {
    doc.get_first(f.quotes_json)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

fn hit(f: &Fields, doc: &TantivyDocument, score: f32, snippet: Snippet) -> Hit {
    Hit {
        id: text(doc, f.id),
        path: text(doc, f.path),
        score,
        headline: text(doc, f.headline),
        source: optional(doc, f.source),
        date: date(doc, f),
        speakers: texts(doc, f.speaker),
        organizations: texts(doc, f.org),
        persons: texts(doc, f.person),
        snippet,
        group: optional(doc, f.group),
        copies: 0,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dedup::Signature;
    use crate::index::groups::Grouper;
    use crate::index::state::FileState;
    use crate::index::WriteLock;

    /// An index in a temporary directory holding `articles` (each from its own file),
    /// grouped as ingest groups them, in one commit.
    pub(crate) fn index_of(articles: &[Article]) -> (tempfile::TempDir, NewsIndex) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let lock = WriteLock::acquire(&path).unwrap();
        let index = NewsIndex::open_or_create(&path, &lock).unwrap();
        let mut writer = index.writer(50_000_000, &lock).unwrap();
        let mut grouper = Grouper::new(&index, crate::dedup::DEFAULT_THRESHOLD).unwrap();
        for (i, a) in articles.iter().enumerate() {
            let state = FileState {
                size: i as u64,
                mtime: 0,
                hash: i as u64,
            };
            let signed = [(a.clone(), Some(Signature::of(&a.body)))];
            writer
                .replace_file(&a.path, state, &signed, Some(&mut grouper))
                .unwrap();
        }
        grouper.persist().unwrap();
        writer.finish().unwrap();
        (dir, index)
    }

    /// An article at `/news/NAME.txt`.
    pub(crate) fn article(name: &str, headline: &str, body: &str) -> Article {
        Article {
            path: format!("/news/{name}.txt"),
            headline: headline.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    /// A body long enough to be grouped with its copies (40 words and more).
    pub(crate) const LONG_STORY: &str = "The harbour board approved a plan on Tuesday to deepen \
        the main channel so that larger container ships can dock without waiting for the tide. \
        Dredging will take two years and cost more than the board had first estimated, \
        according to engineers who surveyed the seabed over the winter.";

    fn run(index: &NewsIndex, request: &Request) -> Vec<Hit> {
        search(&Snapshot::of(index).unwrap(), request).unwrap()
    }

    fn request(query: &str) -> Request {
        Request {
            query: query.into(),
            limit: 10,
            ..Request::default()
        }
    }

    fn paths(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.path.as_str()).collect()
    }

    #[test]
    fn hits_come_best_first_a_page_at_a_time() {
        let (_dir, index) = index_of(&[
            article("a", "Council meets", "The ferry was late again."),
            article("b", "Ferry fares rise", "Ferry fares rise in April."),
            article("c", "Library reopens", "The library reopened."),
            article(
                "d",
                "Ferry news",
                "A ferry, another ferry and a third ferry.",
            ),
        ]);
        let all = run(&index, &request("ferry"));
        assert_eq!(all.len(), 3);
        assert!(!paths(&all).contains(&"/news/c.txt"));
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
        // A headline match weighs double: the one-line story with "ferry" only in its
        // body comes last.
        assert_eq!(all[2].path, "/news/a.txt");
        let page = run(
            &index,
            &Request {
                limit: 1,
                offset: 1,
                ..request("ferry")
            },
        );
        assert_eq!(paths(&page), [all[1].path.as_str()]);
        assert!(run(
            &index,
            &Request {
                limit: 0,
                ..request("ferry")
            }
        )
        .is_empty());
        assert!(run(&index, &request("nosuchword")).is_empty());
        let too_many = Request {
            limit: MAX_LIMIT + 1,
            ..request("ferry")
        };
        assert!(matches!(
            search(&Snapshot::of(&index).unwrap(), &too_many),
            Err(Error::TooLarge { what: "limit", .. })
        ));
    }

    #[test]
    fn a_group_of_copies_shows_once_unless_every_copy_is_asked_for() {
        let (_dir, index) = index_of(&[
            article("copy1", "Channel to be deepened", LONG_STORY),
            article("copy2", "Harbour plan approved", LONG_STORY),
            article("copy3", "Dredging ahead", LONG_STORY),
            article(
                "other",
                "Harbour café closes",
                "The harbour café closed on Monday.",
            ),
        ]);
        let hits = run(&index, &request("harbour"));
        assert_eq!(hits.len(), 2, "{:?}", paths(&hits));
        let group = hits.iter().find(|h| h.path != "/news/other.txt").unwrap();
        assert_eq!(group.copies, 2);
        let other = hits.iter().find(|h| h.path == "/news/other.txt").unwrap();
        assert_eq!(other.copies, 0);
        let every = run(
            &index,
            &Request {
                all_copies: true,
                ..request("harbour")
            },
        );
        assert_eq!(every.len(), 4);
        let copies: Vec<&Hit> = every.iter().filter(|h| h.path.contains("copy")).collect();
        assert_eq!(copies.len(), 3);
        assert!(copies
            .iter()
            .all(|h| h.copies == 2 && h.group == group.group));
    }

    #[test]
    fn date_order_is_newest_first_and_undated_last() {
        let dated = |name: &str, date: Option<&str>| Article {
            date: date.map(str::to_string),
            ..article(name, "Budget news", "The budget was discussed.")
        };
        let (_dir, index) = index_of(&[
            dated("old", Some("2014-01-02")),
            dated("none", None),
            dated("new", Some("2015-06-30")),
            dated("mid", Some("2014-12-31")),
        ]);
        let hits = run(
            &index,
            &Request {
                sort: Sort::Date,
                ..request("budget")
            },
        );
        assert_eq!(
            paths(&hits),
            [
                "/news/new.txt",
                "/news/mid.txt",
                "/news/old.txt",
                "/news/none.txt"
            ]
        );
        assert_eq!(hits[0].date.as_deref(), Some("2015-06-30"));
        assert_eq!(hits[3].date, None);
    }

    #[test]
    fn snippets_come_from_the_body_else_the_headline_else_a_quotation() {
        let quoted = Article {
            quotes: vec![Quote {
                speaker: Some("Tom Wake".into()),
                text: "The tide waits for nobody".into(),
            }],
            ..article("q", "Board meets", "The board met on Tuesday.")
        };
        let (_dir, index) = index_of(&[
            article("b", "Wheat prices", "Wheat prices fell on Monday."),
            article("h", "Wheat harvest", "The crop was large this year."),
            quoted,
        ]);
        let hits = run(&index, &request("wheat"));
        let snippet = |path: &str| {
            hits.iter()
                .find(|h| h.path == path)
                .map(|h| h.snippet.clone())
                .unwrap()
        };
        let body = snippet("/news/b.txt");
        assert_eq!(body.text, "Wheat prices fell on Monday.");
        assert_eq!(body.highlights, [(0, 5)]);
        let headline = snippet("/news/h.txt");
        assert_eq!(headline.text, "Wheat harvest");
        let hits = run(&index, &request("quote:tide"));
        assert_eq!(hits[0].snippet.text, "The tide waits for nobody");
        assert_eq!(hits[0].snippet.highlights, [(4, 8)]);
    }

    #[test]
    fn show_gives_back_the_stored_article_whole() {
        let full = Article {
            path: "/news/full.txt".into(),
            headline: "Harbour board approves dredging plan".into(),
            source: Some("Harbour Herald".into()),
            byline: Some("Jane Doe".into()),
            date: Some("2024-05-14".into()),
            dateline: Some("PORTVILLE".into()),
            url: Some("https://herald.test/a".into()),
            speakers: vec!["Tom Wake".into()],
            organizations: vec!["Portville Harbour Board".into()],
            persons: vec!["Tom Wake".into(), "Jane Doe".into()],
            quotes: vec![
                Quote {
                    speaker: Some("Tom Wake".into()),
                    text: "We have waited long enough".into(),
                },
                Quote {
                    speaker: None,
                    text: "a new era".into(),
                },
            ],
            body: "First paragraph.\n\nSecond paragraph.".into(),
        };
        let (_dir, index) = index_of(std::slice::from_ref(&full));
        let snapshot = Snapshot::of(&index).unwrap();
        let id = crate::index::doc_id(&full.path);
        let shown = show(&snapshot, &id)
            .unwrap()
            .expect("the article is stored");
        assert_eq!(shown.id, id);
        // An article without copies is its own group.
        assert_eq!(shown.group.as_deref(), Some(id.as_str()));
        assert_eq!(shown.article, full);
        assert_eq!(show(&snapshot, "0000000000000000").unwrap(), None);
    }
}
