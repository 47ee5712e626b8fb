//! Newsroom searches: quotes by speaker, value counts, date order and filters, snippets,
//! accent folding and fuzzy terms, whole articles by id.

mod common;

use common::{ndjson, shared, strings, TestEnv};

fn sample_env() -> TestEnv {
    let env = TestEnv::new();
    env.run_ok(&["index", "--quiet", "sample-corpus"], 0);
    env
}

#[test]
fn snippets_highlight_exactly_the_matched_word() {
    let env = sample_env();
    let hits = ndjson(&env.run_ok(&["search", "--json", "mackerel"], 0));
    assert!(!hits.is_empty());
    for h in &hits {
        let snippet = h["snippet"].as_str().unwrap();
        let first = &h["highlights"][0];
        let (a, b) = (
            first[0].as_u64().unwrap() as usize,
            first[1].as_u64().unwrap() as usize,
        );
        assert!(
            snippet[a..b].eq_ignore_ascii_case("mackerel"),
            "{snippet:?} {a}..{b}"
        );
    }
}

#[test]
fn snippet_falls_back_to_quotes_and_headline() {
    let env = sample_env();
    // A word only in a quotation's field is still highlighted in the snippet.
    let hits = ndjson(&env.run_ok(&["search", "--json", "quote:bearish"], 0));
    assert!(
        !hits[0]["highlights"].as_array().unwrap().is_empty(),
        "{}",
        hits[0]
    );
}

#[test]
fn accents_fold_and_names_match_in_any_case() {
    let env = sample_env();
    for query in ["Zoe", "zoë", "person:ZOE", "erdogan", "ERDOĞAN"] {
        let hits = ndjson(&env.run_ok(&["search", "--json", query], 0));
        assert!(!hits.is_empty(), "{query}");
    }
}

#[test]
fn dates_sort_and_filter() {
    let env = sample_env();
    let hits = ndjson(&env.run_ok(
        &[
            "search", "--json", "--sort", "date", "--limit", "50", "said",
        ],
        0,
    ));
    let dates: Vec<Option<&str>> = hits.iter().map(|h| h["date"].as_str()).collect();
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    assert!(dated.len() >= 5, "{dates:?}");
    let mut sorted = dated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dated, sorted, "newest first");
    // Undated articles come after every dated one.
    let first_undated = dates
        .iter()
        .position(Option::is_none)
        .unwrap_or(dates.len());
    assert!(
        dates[first_undated..].iter().all(Option::is_none),
        "{dates:?}"
    );

    let since = ndjson(&env.run_ok(
        &[
            "search",
            "--json",
            "--since",
            "2016-01-01",
            "--until",
            "2019-12-31",
            "said",
        ],
        0,
    ));
    assert!(!since.is_empty());
    for h in &since {
        let d = h["date"].as_str().unwrap();
        assert!(("2016-01-01"..="2019-12-31").contains(&d), "{d}");
    }
    let ranged = ndjson(&env.run_ok(
        &["search", "--json", "said date:[2016-01-01 TO 2019-12-31]"],
        0,
    ));
    assert_eq!(ranged.len(), since.len());
    let out = env.run(&["search", "--since", "yesterday", "said"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn top_values_count_documents() {
    let env = sample_env();
    let counts = ndjson(&env.run_ok(&["top", "organizations", "--json"], 0));
    assert!(!counts.is_empty());
    let numbers: Vec<u64> = counts
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] >= w[1]), "{numbers:?}");
    assert!(counts
        .iter()
        .any(|c| c["value"] == "Reuters" && c["count"].as_u64().unwrap() >= 3));
    let speakers = ndjson(&env.run_ok(&["top", "speakers", "mackerel", "--json"], 0));
    assert!(speakers.iter().all(|c| c["count"].as_u64().unwrap() >= 1));
    env.run_ok(&["top", "sources", "--json"], 0);
}

#[test]
fn fuzzy_term_finds_and_highlights() {
    let env = sample_env();
    let hits = ndjson(&env.run_ok(&["search", "--json", "mackrel~1"], 0));
    assert!(!hits.is_empty());
    assert!(!hits[0]["highlights"].as_array().unwrap().is_empty());
    let out = env.run(&["search", "headline:("]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn quotes_by_speaker_and_show_by_id() {
    let env = sample_env();
    let quotes = ndjson(&env.run_ok(&["quotes", "--speaker", "Martina Vogt", "--json"], 0));
    assert!(!quotes.is_empty());
    for q in &quotes {
        assert_eq!(q["speaker"], "Martina Vogt");
        for key in ["text", "id", "headline", "path", "date"] {
            assert!(q.get(key).is_some(), "{key}");
        }
    }
    let bearish = ndjson(&env.run_ok(&["quotes", "bearish", "--json"], 0));
    assert_eq!(bearish[0]["speaker"], "Arnaud Peyrac");
    assert!(bearish[0]["text"].as_str().unwrap().contains("bearish"));
    let id = bearish[0]["id"].as_str().unwrap();
    let shown = ndjson(&env.run_ok(&["show", id, "--json"], 0));
    assert_eq!(shown[0]["id"], id);
    assert!(strings(&shown[0]["persons"]).contains(&"Arnaud Peyrac".to_string()));
    let text = env.run_ok(&["show", id], 0);
    assert!(text.contains("Arnaud Peyrac:") && text.contains("bearish"));
    assert_eq!(
        env.run(&["show", "0000000000000000"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_users_article_answers_newsroom_questions() {
    let Some(seed) = shared("seed") else { return };
    let env = TestEnv::new();
    env.run_ok(
        &["index", "--quiet", seed.to_str().unwrap(), "sample-corpus"],
        0,
    );
    let top = ndjson(&env.run_ok(&["top", "speakers", "cyberspying", "--json"], 0));
    assert!(top
        .iter()
        .any(|c| c["value"] == "Zheng Zeguang" && c["count"].as_u64().unwrap() >= 1));
    let cui = ndjson(&env.run_ok(&["quotes", "--speaker", "Cui Tiankai", "--json"], 0));
    assert!(cui
        .iter()
        .any(|q| q["text"].as_str().unwrap().contains("purely fictitious")));
    let hypocritical = ndjson(&env.run_ok(&["quotes", "hypocritical", "--json"], 0));
    assert_eq!(hypocritical[0]["speaker"], "Zheng Zeguang");
    let hits = ndjson(&env.run_ok(&["search", "--json", "Baucs~1"], 0));
    assert_eq!(hits.len(), 1);
    let id = hits[0]["id"].as_str().unwrap();
    assert!(env.run_ok(&["show", id], 0).contains("Max Baucus"));
}

/// Articles whose text holds query syntax: brackets, colons and quotation marks in what
/// people said, and dates in the body.
fn punctuation_env() -> TestEnv {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("punctuation");
    std::fs::create_dir_all(&corpus).unwrap();
    let articles = [
        serde_json::json!({
            "title": "Bus fares rise across the city",
            "date": "2014-06-02",
            "text": "The city council raised bus fares on Monday.\n\n\"Ticket prices (and parking) will rise: we have no choice,\" said Maria Lopez, the council's finance chief.\n\nThe new fares apply from 2014-05-01, the council said."
        }),
        serde_json::json!({
            "title": "Harbour plan approved after long debate",
            "date": "2015-03-10",
            "text": "The harbour board approved the dredging plan on Tuesday.\n\n\"Either a or b had to give way, and the board chose the channel,\" said Tom Berg, the board's chairman.\n\nBerg said \"no\" twice before the vote. A first plan was drafted on 2014-05-01."
        }),
        serde_json::json!({
            "title": "Library reopens",
            "date": "2014-05-01",
            "text": "The central library reopened on Thursday after two years of repairs, the council said."
        }),
    ];
    let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
    std::fs::write(corpus.join("city.ndjson"), lines.join("\n") + "\n").unwrap();
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    env
}

fn headlines(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter()
        .map(|h| h["headline"].as_str().unwrap())
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn quote_searches_take_punctuation_and_operators_as_the_users_text() {
    let env = punctuation_env();
    let prices = ndjson(&env.run_ok(&["quotes", "--json", "prices)"], 0));
    assert_eq!(prices.len(), 1, "{prices:?}");
    assert!(words(prices[0]["text"].as_str().unwrap()).contains(&"prices".into()));
    // With a speaker the query and the name stay two separate conditions.
    let by = ndjson(&env.run_ok(
        &["quotes", "--json", "prices)", "--speaker", "Maria Lopez"],
        0,
    ));
    assert_eq!(by.len(), 1, "{by:?}");
    env.run_ok(&["quotes", "--json", "prices)", "--speaker", "Tom Berg"], 1);
    let either = ndjson(&env.run_ok(&["quotes", "--json", "a OR b"], 0));
    assert!(!either.is_empty());
    for q in &either {
        let w = words(q["text"].as_str().unwrap());
        assert!(w.contains(&"a".into()) || w.contains(&"b".into()), "{q}");
    }
    let both = ndjson(&env.run_ok(&["quotes", "--json", "a OR b", "--speaker", "Berg"], 0));
    assert_eq!(both.len(), 1, "{both:?}");
    // A name with query syntax in it is only words.
    env.run_ok(&["quotes", "--speaker", "Berg\") OR (speaker:Lopez"], 1);
}

#[test]
fn brackets_colons_and_quotes_inside_phrases_are_text() {
    let env = punctuation_env();
    for (query, headline) in [
        (
            r#""prices (and parking) will rise""#,
            "Bus fares rise across the city",
        ),
        (r#""will rise: we have""#, "Bus fares rise across the city"),
        (
            r#"body:"said \"no\" twice""#,
            "Harbour plan approved after long debate",
        ),
        (
            r#"quote:"either a or b)""#,
            "Harbour plan approved after long debate",
        ),
    ] {
        let hits = ndjson(&env.run_ok(&["search", "--json", query], 0));
        assert_eq!(headlines(&hits), [headline], "{query}");
    }
}

#[test]
fn a_date_inside_a_phrase_is_left_to_the_phrase() {
    let env = punctuation_env();
    // The range takes the 2014 articles, the phrase those that write the day in the
    // body: only the bus fares.
    let hits = ndjson(&env.run_ok(
        &[
            "search",
            "--json",
            r#"date:[2014-01-01 TO 2014-12-31] body:"2014-05-01""#,
        ],
        0,
    ));
    assert_eq!(headlines(&hits), ["Bus fares rise across the city"]);
    let day = ndjson(&env.run_ok(&["search", "--json", "date:2014-05-01"], 0));
    assert_eq!(headlines(&day), ["Library reopens"]);
    let out = env.run(&["search", "date:[2014-02-30 TO 2014-12-31]"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("newsidx: invalid query \"date:[2014-02-30 TO 2014-12-31]\"")
            && err.contains("not a day"),
        "{err}"
    );
}

#[test]
fn limit_and_offset_have_a_documented_maximum() {
    let env = punctuation_env();
    for args in [
        &["search", "--limit", "100001", "council"][..],
        &["search", "--offset", "18446744073709551615", "council"],
        &["quotes", "--limit", "18446744073709551615", "prices"],
        &["top", "speakers", "--limit", "1000000"],
        &["duplicates", "--limit", "1000000"],
        &["stats", "--top", "1000000"],
    ] {
        let out = env.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("at most 100000") && err.lines().count() == 1,
            "{err}"
        );
    }
    let hits = ndjson(&env.run_ok(
        &[
            "search", "--json", "--limit", "100000", "--offset", "100000", "council",
        ],
        1,
    ));
    assert!(hits.is_empty());
}

mod random_queries {
    use std::path::PathBuf;
    use std::sync::OnceLock;

    use newsidx::discover::Problem;
    use newsidx::index::NewsIndex;
    use newsidx::ingest::{self, Events, Options};
    use newsidx::search::{self, quotes, Facet, Snapshot};
    use proptest::prelude::*;

    struct Quiet;
    impl Events for Quiet {
        fn problem(&self, _: &Problem) {}
        fn warning(&self, _: &std::path::Path, _: &str) {}
    }

    /// An index of the sample corpus, built once for all cases.
    fn index_dir() -> &'static PathBuf {
        static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
        &DIR.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("index");
            let corpus = super::common::repo_root().join("sample-corpus");
            ingest::update(&index, &[corpus], &Options::default(), &Quiet).unwrap();
            (dir, index)
        })
        .1
    }

    const PIECES: &[&str] = &[
        "wheat",
        "said",
        "Zoë",
        "(",
        ")",
        "\"",
        "'",
        ":",
        "~",
        "~1",
        "~2",
        "~9",
        "OR",
        "AND",
        "NOT",
        "-",
        "+",
        "*",
        "^2",
        "\\",
        "[",
        "]",
        "{",
        "}",
        " TO ",
        "2014-05-01",
        "2014-02-30",
        "date:",
        "headline:",
        "speaker:",
        "quote:",
        "nosuch:",
        "url:",
        "file_size:",
        " ",
        " ",
    ];

    fn check(result: Result<impl Sized, newsidx::error::Error>, query: &str) {
        if let Err(e) = result {
            let message = format!("{e:#}");
            assert!(!message.contains('\n'), "{query:?}: {message}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Every query runs, or fails with one line; none panics.
        #[test]
        fn every_query_runs_or_fails_with_one_line(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..12)
        ) {
            let query = pieces.concat();
            let index = NewsIndex::open(index_dir()).unwrap();
            let snapshot = Snapshot::of(&index).unwrap();
            let request = search::Request {
                query: query.clone(),
                limit: 5,
                ..Default::default()
            };
            check(search::search(&snapshot, &request), &query);
            let request = quotes::Request {
                query: query.clone(),
                speaker: Some(query.clone()),
                limit: 5,
                offset: 0,
            };
            check(quotes::search(&snapshot, &request), &query);
            check(search::top_values(&snapshot, Facet::Speakers, &query, 5), &query);
        }
    }
}
