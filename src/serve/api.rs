//! The JSON API: one handler per endpoint, each checking its parameters, running the
//! library's search on one snapshot of the live generation in a blocking thread, and
//! answering with the JSON objects the CLI prints (see [`crate::render`]).
//!
//! Errors are JSON too, `{"error": "..."}`: 400 for a malformed query or parameter, 404
//! for an unknown article or path, 503 when the server is busy, slow or has no usable
//! index. Nothing a user sends is answered with a 500: that status means a fault of the
//! server or of the index files.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::Semaphore;

use super::limits::Limits;
use super::live::Live;
use crate::render::{
    clean_counts, clean_entity_counts, clean_group, clean_quote, HitJson, StatsJson, StoredJson,
};
use crate::search::duplicates::Group;
use crate::search::quotes::QuoteHit;
use crate::search::{
    self, quotes, Bucket, Count, DateFilter, Facet, Interval, NameFilter, Snapshot,
};

/// Values listed per facet beside the search results.
pub const FACET_VALUES: usize = 10;
/// Longest article id accepted (ids are 16 hexadecimal digits).
const MAX_ID_BYTES: usize = 64;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub live: Arc<Live>,
    /// One permit per search allowed to run at once.
    pub permits: Arc<Semaphore>,
    pub limits: Arc<Limits>,
}

/// An error answer: a status and a sentence, sent as `{"error": sentence}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// An error with `status` saying `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<crate::Error> for ApiError {
    fn from(err: crate::Error) -> ApiError {
        use crate::Error::*;
        let status = match &err {
            Query { .. } | TooLarge { .. } => StatusCode::BAD_REQUEST,
            // A query the parser let through that the engine refuses to run.
            Engine {
                source:
                    tantivy::TantivyError::SchemaError(_) | tantivy::TantivyError::InvalidArgument(_),
                ..
            } => StatusCode::BAD_REQUEST,
            MissingIndex(_) | SchemaVersion { .. } | Corrupt { .. } | Locked(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        // The chain of causes, as the CLI prints it.
        let mut message = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        ApiError::new(status, message)
    }
}

/// The API's routes, under `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/quotes", get(quotes))
        .route("/api/top/{kind}", get(top))
        .route("/api/timeline", get(timeline))
        .route("/api/articles/{id}", get(article))
        .route("/api/duplicates", get(duplicates))
        .route("/api/stats", get(stats))
}

/// Answer for a path no route has.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no such page or endpoint: {}", uri.path()),
    )
}

/// Answer for a method other than GET (or HEAD).
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "only GET is served: the server never changes the index",
    )
}

/// Run `work` on a snapshot of the live generation in a blocking thread, holding a
/// search permit, within the request timeout.
async fn answer<F>(state: &AppState, work: F) -> Result<Response, ApiError>
where
    F: FnOnce(&Snapshot, Instant) -> Result<String, ApiError> + Send + 'static,
{
    let started = Instant::now();
    let timeout = state.limits.timeout;
    let late = || {
        ApiError::unavailable(format!(
            "the request took longer than {} s: narrow the query, or try again when the server is less busy",
            timeout.as_secs_f64()
        ))
    };
    let permit = tokio::time::timeout(timeout, Arc::clone(&state.permits).acquire_owned())
        .await
        .map_err(|_| late())?
        .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
    let live = Arc::clone(&state.live);
    let task = tokio::task::spawn_blocking(move || {
        // Held until the work ends, even when the request has given up waiting.
        let _permit = permit;
        if let Some(delay) = forced_delay() {
            std::thread::sleep(delay);
        }
        let generation = live.current();
        let snapshot = generation.snapshot();
        work(&snapshot, started)
    });
    match tokio::time::timeout(timeout.saturating_sub(started.elapsed()), task).await {
        Err(_) => Err(late()),
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the search stopped unexpectedly",
        )),
        Ok(Ok(result)) => result.map(|json| {
            (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                json,
            )
                .into_response()
        }),
    }
}

/// How long every search waits before it runs, from `NEWSIDX_TEST_SLOW_SEARCH_MS`: a
/// slow query on demand, for the tests of the timeout and the concurrency cap. Debug
/// builds only.
#[cfg(debug_assertions)]
fn forced_delay() -> Option<std::time::Duration> {
    let ms = std::env::var("NEWSIDX_TEST_SLOW_SEARCH_MS")
        .ok()?
        .parse()
        .ok()?;
    Some(std::time::Duration::from_millis(ms))
}

#[cfg(not(debug_assertions))]
fn forced_delay() -> Option<std::time::Duration> {
    None
}

/// The parameters, or a 400 saying what is wrong with them.
fn params<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query
        .map(|Query(p)| p)
        .map_err(|rejection| ApiError::bad(rejection.body_text()))
}

/// Refuse a text parameter longer than the limit.
fn check_text(what: &str, text: &str, limits: &Limits) -> Result<(), ApiError> {
    if text.len() > limits.max_query_bytes {
        return Err(ApiError::bad(format!(
            "{what} is {} bytes long: at most {}",
            text.len(),
            limits.max_query_bytes
        )));
    }
    Ok(())
}

/// Refuse a number above `max`.
fn check_number(what: &str, value: usize, max: usize) -> Result<(), ApiError> {
    if value > max {
        return Err(ApiError::bad(format!(
            "{what} {value} is too large: at most {max}"
        )));
    }
    Ok(())
}

/// An empty parameter counts as absent (`since=` from an empty form field).
fn given(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// `value` as JSON text. Written directly, not through a [`serde_json::Value`], so that
/// numbers print as the CLI prints them (an `f32` score keeps its short form).
fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the answer: {e}"),
        )
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SortParam {
    Relevance,
    Date,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    #[serde(default)]
    q: String,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
    sort: Option<SortParam>,
    since: Option<String>,
    until: Option<String>,
    #[serde(default)]
    all_copies: bool,
}

/// `GET /api/search`: a page of hits, the number of matches and the facets of all of
/// them.
async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(query)?;
    let limits = &state.limits;
    check_text("q", &p.q, limits)?;
    let limit = p.limit.unwrap_or(10);
    check_number("limit", limit, limits.max_page)?;
    check_number("offset", p.offset, limits.max_offset)?;
    let request = search::Request {
        query: p.q,
        limit,
        offset: p.offset,
        sort: match p.sort {
            Some(SortParam::Date) => search::Sort::Date,
            Some(SortParam::Relevance) | None => search::Sort::Relevance,
        },
        dates: DateFilter {
            since: given(p.since),
            until: given(p.until),
        },
        all_copies: p.all_copies,
    };
    answer(&state, move |snapshot, started| {
        let page = search::search_page(snapshot, &request, FACET_VALUES)?;
        let mut facets = Facets::default();
        for (facet, counts) in &page.facets {
            let slot = match facet {
                Facet::Speakers => &mut facets.speakers,
                Facet::Organizations => &mut facets.organizations,
                Facet::Persons => &mut facets.persons,
                Facet::Sources => &mut facets.sources,
            };
            *slot = clean_counts(counts);
        }
        to_json(&SearchAnswer {
            query: &request.query,
            total: page.total,
            took_ms: started.elapsed().as_millis() as u64,
            hits: page.hits.iter().map(HitJson::new).collect(),
            facets,
        })
    })
    .await
}

/// The answer of `/api/search`.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    query: &'a str,
    /// Matches in all, as the hits count them (a duplicate group once, unless every
    /// copy is asked for).
    total: u64,
    took_ms: u64,
    hits: Vec<HitJson<'a>>,
    facets: Facets,
}

/// The most frequent values of each kind among all matches.
#[derive(Default, Serialize)]
struct Facets {
    speakers: Vec<Count>,
    organizations: Vec<Count>,
    persons: Vec<Count>,
    sources: Vec<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesParams {
    #[serde(default)]
    q: String,
    speaker: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

/// `GET /api/quotes`: attributed quotations by text and speaker.
async fn quotes(
    State(state): State<AppState>,
    query: Result<Query<QuotesParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(query)?;
    let limits = &state.limits;
    let speaker = given(p.speaker);
    check_text("q", &p.q, limits)?;
    check_text("speaker", speaker.as_deref().unwrap_or(""), limits)?;
    if p.q.trim().is_empty() && speaker.is_none() {
        return Err(ApiError::bad(
            "give words to search the quotations for (q), a speaker, or both",
        ));
    }
    let limit = p.limit.unwrap_or(20);
    check_number("limit", limit, limits.max_page)?;
    check_number("offset", p.offset, limits.max_offset)?;
    let request = quotes::Request {
        query: p.q,
        speaker,
        limit,
        offset: p.offset,
    };
    answer(&state, move |snapshot, _| {
        let found = quotes::search(snapshot, &request)?;
        to_json(&QuotesAnswer {
            query: &request.query,
            speaker: request.speaker.as_deref(),
            quotes: found.iter().map(clean_quote).collect(),
        })
    })
    .await
}

/// The answer of `/api/quotes`.
#[derive(Serialize)]
struct QuotesAnswer<'a> {
    query: &'a str,
    speaker: Option<&'a str>,
    quotes: Vec<QuoteHit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    #[serde(default)]
    q: String,
    limit: Option<usize>,
}

/// `GET /api/top/{speakers|organizations|persons|sources}`: the most frequent values
/// among the matches.
async fn top(
    State(state): State<AppState>,
    kind: Result<Path<String>, PathRejection>,
    query: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Path(kind) = kind.map_err(|r| ApiError::bad(r.body_text()))?;
    let facet = Facet::from_name(&kind).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "no such list: use /api/top/speakers, organizations, persons or sources",
        )
    })?;
    let p = params(query)?;
    check_text("q", &p.q, &state.limits)?;
    let limit = p.limit.unwrap_or(10);
    check_number("limit", limit, state.limits.max_list)?;
    answer(&state, move |snapshot, _| {
        // As `newsidx top`: entities with their other forms, sources as written.
        if facet == Facet::Sources {
            let counts = search::top_values(snapshot, facet, &p.q, limit)?;
            to_json(&TopAnswer {
                kind: facet.name(),
                query: &p.q,
                values: clean_counts(&counts),
            })
        } else {
            let counts = search::top_entities(snapshot, facet, &p.q, limit)?;
            to_json(&TopAnswer {
                kind: facet.name(),
                query: &p.q,
                values: clean_entity_counts(&counts),
            })
        }
    })
    .await
}

/// The answer of `/api/top/{kind}`.
#[derive(Serialize)]
struct TopAnswer<'a, T: Serialize> {
    kind: &'static str,
    query: &'a str,
    values: Vec<T>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ByParam {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineParams {
    #[serde(default)]
    q: String,
    by: Option<ByParam>,
    since: Option<String>,
    until: Option<String>,
    speaker: Option<String>,
    org: Option<String>,
    #[serde(default)]
    all_copies: bool,
}

/// `GET /api/timeline`: matches per period, as `timeline --json` counts them.
async fn timeline(
    State(state): State<AppState>,
    query: Result<Query<TimelineParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(query)?;
    let limits = &state.limits;
    check_text("q", &p.q, limits)?;
    let mut names = Vec::new();
    if let Some(speaker) = given(p.speaker) {
        check_text("speaker", &speaker, limits)?;
        names.push(NameFilter::Speaker(speaker));
    }
    if let Some(org) = given(p.org) {
        check_text("org", &org, limits)?;
        names.push(NameFilter::Org(org));
    }
    let request = search::TimelineRequest {
        query: p.q,
        names,
        dates: DateFilter {
            since: given(p.since),
            until: given(p.until),
        },
        by: p.by.map(|by| match by {
            ByParam::Day => Interval::Day,
            ByParam::Week => Interval::Week,
            ByParam::Month => Interval::Month,
            ByParam::Year => Interval::Year,
        }),
        all_copies: p.all_copies,
    };
    answer(&state, move |snapshot, _| {
        let timeline = search::timeline(snapshot, &request)?;
        to_json(&TimelineAnswer {
            query: &request.query,
            by: timeline.by,
            buckets: &timeline.buckets,
            undated: timeline.undated,
        })
    })
    .await
}

/// The answer of `/api/timeline`.
#[derive(Serialize)]
struct TimelineAnswer<'a> {
    query: &'a str,
    by: Interval,
    /// `{"start", "count", "total", "share"}` per period, as `timeline --json` prints.
    buckets: &'a [Bucket],
    /// Matches without a date.
    undated: u64,
}

/// `GET /api/articles/{id}`: one stored article, as `show --json` prints it.
async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|r| ApiError::bad(r.body_text()))?;
    if id.len() > MAX_ID_BYTES {
        return Err(ApiError::bad(format!(
            "an article id is at most {MAX_ID_BYTES} bytes long"
        )));
    }
    answer(&state, move |snapshot, _| {
        match search::show(snapshot, &id)? {
            Some(stored) => to_json(&StoredJson::new(&stored)),
            None => Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no article with id {id:?}"),
            )),
        }
    })
    .await
}

/// `GET /api/duplicates`: groups of copies among the matches, largest first.
async fn duplicates(
    State(state): State<AppState>,
    query: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(query)?;
    check_text("q", &p.q, &state.limits)?;
    let limit = p.limit.unwrap_or(100);
    check_number("limit", limit, state.limits.max_list)?;
    answer(&state, move |snapshot, _| {
        let groups = search::duplicates::groups(snapshot, &p.q, limit)?;
        to_json(&DuplicatesAnswer {
            query: &p.q,
            groups: groups.iter().map(clean_group).collect(),
        })
    })
    .await
}

/// The answer of `/api/duplicates`.
#[derive(Serialize)]
struct DuplicatesAnswer<'a> {
    query: &'a str,
    groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsParams {
    top: Option<usize>,
}

/// `GET /api/stats`: what the index holds, as `stats --json` prints it.
async fn stats(
    State(state): State<AppState>,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(query)?;
    let top = p.top.unwrap_or(10);
    check_number("top", top, state.limits.max_list)?;
    let dir = state.live.dir().display().to_string();
    answer(&state, move |snapshot, _| {
        let stats = search::stats(snapshot, top)?;
        to_json(&StatsJson::new(&stats, &dir))
    })
    .await
}
