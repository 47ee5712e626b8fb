//! Newsroom searches: quotes by speaker, value counts, date order and filters, snippets,
//! accent folding and fuzzy terms, whole articles by id, matches over time.

mod common;

use std::collections::{BTreeMap, BTreeSet};

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

/// Three articles for `top`: one quoting Marta Quist five times, one quoting her once
/// beside Tom Wake, one quoting him alone.
const QUIST_ARTICLES: [(&str, &str); 3] = [
    (
        "fares.txt",
        "Ferry fares to rise in spring\n\n\
         The ferry company will raise fares in April, its chief executive said on Monday.\n\n\
         \"Fuel has never cost more,\" said Marta Quist, the company's chief executive.\n\n\
         \"We held prices for three years,\" Quist said. \"We cannot hold them for a fourth.\"\n\n\
         Quist said the company would add two sailings a day in summer. \"Passengers will get \
         more boats for their money,\" Quist told reporters.\n\n\
         \"Nobody likes a price rise, and I do not either,\" Marta Quist added.\n",
    ),
    (
        "dredging.txt",
        "Harbour dredging to start in May\n\n\
         The harbour board approved the dredging plan on Tuesday after two years of delays.\n\n\
         \"Larger ferries will be able to dock at last,\" said Marta Quist, the chief executive \
         of the ferry company.\n\n\
         \"We will finish the channel by May,\" said Tom Wake, the board's chairman.\n",
    ),
    (
        "library.txt",
        "Library reopens after repairs\n\n\
         The central library reopened on Thursday after two years of repairs.\n\n\
         \"Readers have waited long enough,\" said Tom Wake, the council leader.\n",
    ),
];

/// `top FACET QUERY --json`, all values, as a map; checks the order on the way: most
/// frequent first, ties alphabetical.
fn top_counts(env: &TestEnv, facet: &str, query: &str) -> BTreeMap<String, u64> {
    top_rows(env, facet, query, &["--as-written"])
        .into_iter()
        .map(|(value, (count, _))| (value, count))
        .collect()
}

/// `top FACET QUERY --json` rows with `options`: each value's count and the written
/// forms (`aliases`) counted with it.
fn top_rows(
    env: &TestEnv,
    facet: &str,
    query: &str,
    options: &[&str],
) -> BTreeMap<String, (u64, Vec<String>)> {
    let mut args = vec!["top", facet, query, "--json", "--limit", "100000"];
    args.extend(options);
    let out = env.run(&args);
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Exit code 1 is "no values", with nothing printed.
    match out.status.code() {
        Some(0) => {}
        Some(1) => assert!(stdout.is_empty(), "{stdout}"),
        code => panic!(
            "top {facet} {query:?} exited {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    let rows = ndjson(&stdout);
    let pairs: Vec<(String, u64)> = rows
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    for w in pairs.windows(2) {
        assert!(
            w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0),
            "top {facet} {query:?} out of order: {w:?}"
        );
    }
    let map: BTreeMap<String, (u64, Vec<String>)> = rows
        .iter()
        .map(|c| {
            let aliases = c["aliases"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|alias| alias["name"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            (
                c["value"].as_str().unwrap().to_string(),
                (c["count"].as_u64().unwrap(), aliases),
            )
        })
        .collect();
    assert_eq!(map.len(), pairs.len(), "a value listed twice: {pairs:?}");
    map
}

#[test]
fn top_values_count_documents() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("quist");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in QUIST_ARTICLES {
        std::fs::write(dir.join(name), text).unwrap();
    }
    env.run_ok(
        &["index", "--quiet", dir.to_str().unwrap(), "sample-corpus"],
        0,
    );
    // The first article does name her five times, as five quotations.
    let fares = ndjson(&env.run_ok(&["quotes", "--json", "--speaker", "Marta Quist"], 0));
    let in_fares = fares
        .iter()
        .filter(|q| q["path"].as_str().unwrap().ends_with("fares.txt"))
        .count();
    assert_eq!(in_fares, 5, "{fares:?}");
    let speakers = top_counts(&env, "speakers", "");
    assert_eq!(speakers.get("Marta Quist"), Some(&2), "{speakers:?}");
    assert_eq!(speakers.get("Tom Wake"), Some(&2), "{speakers:?}");
    // Every count is the number of distinct articles that search finds holding the value,
    // for every facet, with and without a query.
    for (facet, key) in [
        ("speakers", "speakers"),
        ("organizations", "organizations"),
        ("persons", "persons"),
        ("sources", "source"),
    ] {
        for query in ["", "said", "harbour OR ferry", "speaker:quist"] {
            let hits = ndjson(&env.run_ok(
                &[
                    "search",
                    "--json",
                    "--all-copies",
                    "--limit",
                    "100000",
                    query,
                ],
                0,
            ));
            let mut want: BTreeMap<String, u64> = BTreeMap::new();
            for hit in &hits {
                let values: BTreeSet<String> = match &hit[key] {
                    serde_json::Value::String(s) => [s.clone()].into(),
                    other => strings(other).into_iter().collect(),
                };
                for v in values {
                    *want.entry(v).or_default() += 1;
                }
            }
            assert!(
                !want.is_empty() || !query.is_empty(),
                "{facet}: nothing to count"
            );
            assert_eq!(top_counts(&env, facet, query), want, "{facet} {query:?}");
            // By entity (the default): each entity counts the articles holding any of
            // its written forms, once each.
            for (entity, (count, aliases)) in top_rows(&env, facet, query, &[]) {
                let forms: BTreeSet<&String> = aliases.iter().chain([&entity]).collect();
                let holding = hits
                    .iter()
                    .filter(|hit| match &hit[key] {
                        serde_json::Value::String(s) => forms.contains(s),
                        other => strings(other).iter().any(|v| forms.contains(v)),
                    })
                    .count() as u64;
                assert_eq!(count, holding, "{facet} {query:?}: {entity} {aliases:?}");
            }
        }
    }
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
        // Failures are kept beside those of the library's property tests, to be committed
        // (`tests/proptest-regressions/`):
        // proptest's default looks for a `lib.rs` above this file and, finding none, would
        // write `tests/search.proptest-regressions`.
        #![proptest_config(ProptestConfig {
            cases: 200,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::Direct(
                    "tests/proptest-regressions/search.txt",
                ),
            )),
            ..ProptestConfig::default()
        })]

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

/// Articles with known dates for `timeline`: name, date, whether it mentions the
/// harbour, whether it is one of three copies of the same story.
const DATED: &[(&str, Option<&str>, bool, bool)] = &[
    ("h1", Some("2014-01-06"), true, false),
    ("h2", Some("2014-01-12"), true, false),
    ("h3", Some("2014-01-13"), true, false),
    ("h4", Some("2014-03-20"), true, false),
    ("h5", None, true, false),
    // An ISO week across the new year: Wednesday and Friday of the week of 2014-12-29.
    ("h6", Some("2014-12-31"), true, false),
    ("h7", Some("2015-01-02"), true, false),
    ("o1", Some("2014-01-07"), false, false),
    ("o2", Some("2014-02-10"), false, false),
    ("o3", Some("2014-03-01"), false, false),
    ("o4", Some("2015-06-01"), false, false),
    ("o5", None, false, false),
    // The copies: the one indexed first is not the earliest.
    ("c1", Some("2014-03-25"), true, true),
    ("c2", Some("2014-01-20"), true, true),
    ("c3", None, true, true),
];

const COPIED_STORY: &str = "The harbour board approved a plan on Tuesday to deepen the main channel so that larger container ships can dock without waiting for the tide. Dredging will take two years and cost more than the board had first estimated, according to engineers who surveyed the seabed over the winter. Fishing crews asked for the work to pause during the spawning season, and the board agreed to review its timetable with them before the contract is signed.";

fn dated_env() -> TestEnv {
    let env = TestEnv::new();
    let dir = env.dir.path().join("dated");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, &(name, date, harbour, copy)) in DATED.iter().enumerate() {
        let (headline, body) = if copy {
            (
                "Harbour channel to be deepened".to_string(),
                COPIED_STORY.to_string(),
            )
        } else if harbour {
            (
                format!("Harbour notice {name}"),
                format!("The harbour office posted notice number {i} about moorings."),
            )
        } else {
            (
                format!("Orchard notice {name}"),
                format!("The orchard cooperative posted notice number {i} about apples."),
            )
        };
        let mut article = serde_json::json!({ "title": headline, "text": body });
        if let Some(date) = date {
            article["date"] = date.into();
        }
        std::fs::write(dir.join(format!("{name}.json")), article.to_string()).unwrap();
    }
    env.run_ok(&["index", "--quiet", dir.to_str().unwrap()], 0);
    env
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (H. Hinnant's `days_from_civil`).
fn days(date: &str) -> i64 {
    let (y, m, d): (i64, i64, i64) = (
        date[..4].parse().unwrap(),
        date[5..7].parse().unwrap(),
        date[8..10].parse().unwrap(),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number (`civil_from_days`).
fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The first day of the period holding `date`; 1970-01-01 was a Thursday.
fn period(date: &str, by: &str) -> String {
    match by {
        "day" => date.to_string(),
        "week" => civil(days(date) - (days(date) + 3).rem_euclid(7)),
        "month" => format!("{}-01", &date[..7]),
        "year" => format!("{}-01-01", &date[..4]),
        _ => unreachable!(),
    }
}

/// The first day of the period after the one starting on `start`.
fn next_period(start: &str, by: &str) -> String {
    match by {
        "day" => civil(days(start) + 1),
        "week" => civil(days(start) + 7),
        "month" => {
            let (y, m): (i64, i64) = (start[..4].parse().unwrap(), start[5..7].parse().unwrap());
            let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            format!("{y:04}-{m:02}-01")
        }
        "year" => format!("{:04}-01-01", start[..4].parse::<i64>().unwrap() + 1),
        _ => unreachable!(),
    }
}

/// What `timeline harbour` should count, computed from [`DATED`]: per period start the
/// matches and the dated articles, and the undated matches. The copies count once, at
/// their earliest matching copy, and once per period in the totals, unless `all_copies`.
/// With `range` (`--since`, `--until`), undated articles are left out, as by a range of
/// dates in a search.
fn expected(
    by: &str,
    all_copies: bool,
    range: Option<(&str, &str)>,
) -> (BTreeMap<String, (u64, u64)>, u64) {
    let in_range = |d: &Option<&str>| match (d, range) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(d), Some((since, until))) => (since..=until).contains(d),
    };
    let mut periods: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut undated = 0;
    let mut copy_periods = BTreeSet::new();
    let mut copy_dates = Vec::new();
    for &(_, date, harbour, copy) in DATED.iter().filter(|a| in_range(&a.1)) {
        if copy && !all_copies {
            copy_dates.push(date);
            copy_periods.extend(date.map(|d| period(d, by)));
            continue;
        }
        match date {
            Some(d) => {
                let entry = periods.entry(period(d, by)).or_default();
                entry.0 += u64::from(harbour);
                entry.1 += 1;
            }
            None => undated += u64::from(harbour),
        }
    }
    if !copy_dates.is_empty() {
        match copy_dates.iter().flatten().min() {
            Some(first) => periods.entry(period(first, by)).or_default().0 += 1,
            None => undated += 1,
        }
    }
    for p in copy_periods {
        periods.entry(p).or_default().1 += 1;
    }
    (periods, undated)
}

/// `timeline --json` lines as (start, count, total, share) and the undated count.
fn timeline_json(env: &TestEnv, args: &[&str]) -> (Vec<(String, u64, u64, f64)>, u64) {
    let mut all = vec!["timeline", "--json"];
    all.extend(args);
    let mut buckets = Vec::new();
    let mut undated = 0;
    for line in ndjson(&env.run_ok(&all, 0)) {
        if let Some(n) = line.get("undated") {
            undated = n.as_u64().unwrap();
            continue;
        }
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["start", "count", "total", "share"], "{line}");
        buckets.push((
            line["start"].as_str().unwrap().to_string(),
            line["count"].as_u64().unwrap(),
            line["total"].as_u64().unwrap(),
            line["share"].as_f64().unwrap(),
        ));
    }
    (buckets, undated)
}

/// The buckets follow each other without gaps from the first match to the last, and
/// hold what [`expected`] computes.
fn check_timeline(
    buckets: &[(String, u64, u64, f64)],
    undated: u64,
    want: &(BTreeMap<String, (u64, u64)>, u64),
    by: &str,
    context: &str,
) {
    assert_eq!(undated, want.1, "undated, {context}");
    let matched: Vec<&String> = want.0.iter().filter(|p| p.1 .0 > 0).map(|p| p.0).collect();
    assert_eq!(&buckets[0].0, matched[0], "first, {context}: {buckets:?}");
    assert_eq!(
        &buckets.last().unwrap().0,
        *matched.last().unwrap(),
        "last, {context}: {buckets:?}"
    );
    for pair in buckets.windows(2) {
        assert_eq!(
            pair[1].0,
            next_period(&pair[0].0, by),
            "{context}: {buckets:?}"
        );
    }
    for (start, count, total, share) in buckets {
        let (want_count, want_total) = want.0.get(start).copied().unwrap_or_default();
        assert_eq!(
            (*count, *total),
            (want_count, want_total),
            "{start}, {context}"
        );
        let want_share = if want_total == 0 {
            0.0
        } else {
            want_count as f64 / want_total as f64
        };
        assert!((share - want_share).abs() < 1e-9, "{start}, {context}");
    }
}

#[test]
fn timeline_counts_match_a_model_of_the_articles() {
    let env = dated_env();
    // The copies really are one group, shown once by search.
    let hits = ndjson(&env.run_ok(&["search", "--json", "channel"], 0));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["copies"], 2);
    for by in ["day", "week", "month", "year"] {
        for all_copies in [false, true] {
            let mut args = vec!["--by", by, "harbour"];
            if all_copies {
                args.push("--all-copies");
            }
            let (buckets, undated) = timeline_json(&env, &args);
            let want = expected(by, all_copies, None);
            check_timeline(&buckets, undated, &want, by, &format!("{args:?}"));
            // Every match is counted once, as search shows it.
            let mut search = vec!["search", "--json", "--limit", "1000", "harbour"];
            if all_copies {
                search.push("--all-copies");
            }
            let shown = ndjson(&env.run_ok(&search, 0)).len() as u64;
            let counted: u64 = buckets.iter().map(|b| b.1).sum::<u64>() + undated;
            assert_eq!(counted, shown, "{args:?}");
        }
    }
}

#[test]
fn timeline_periods_empty_weeks_and_copies_as_written() {
    let env = dated_env();
    let (months, undated) = timeline_json(&env, &["--by", "month", "harbour"]);
    // February has no match but one article; the copies count in January, where their
    // earliest copy is; the undated copy is not counted again.
    assert_eq!(
        months[..3],
        [
            ("2014-01-01".to_string(), 4, 5, 0.8),
            ("2014-02-01".to_string(), 0, 1, 0.0),
            ("2014-03-01".to_string(), 1, 3, 1.0 / 3.0),
        ]
    );
    assert_eq!(months.len(), 13);
    assert_eq!(undated, 1);
    let (weeks, _) = timeline_json(&env, &["--by", "week", "harbour"]);
    let week = |start: &str| weeks.iter().find(|w| w.0 == start).map(|w| (w.1, w.2));
    // Monday 6 and Sunday 12 January share a week; Monday 13 starts the next.
    assert_eq!(week("2014-01-06"), Some((2, 3)));
    assert_eq!(week("2014-01-13"), Some((1, 1)));
    assert_eq!(week("2014-12-29"), Some((2, 2)));
    let (_, all_undated) = timeline_json(&env, &["--by", "month", "--all-copies", "harbour"]);
    assert_eq!(all_undated, 2);
}

#[test]
fn timeline_defaults_to_days_for_a_short_span_and_narrows_by_dates() {
    let env = dated_env();
    // January's matches span 14 days: counted per day by default.
    let (buckets, undated) = timeline_json(&env, &["--until", "2014-01-31", "harbour"]);
    let want = expected("day", false, Some(("0000", "2014-01-31")));
    check_timeline(&buckets, undated, &want, "day", "until January");
    assert_eq!(buckets[0].0, "2014-01-06");
    // Longer spans are counted per month.
    let (buckets, _) = timeline_json(&env, &["harbour"]);
    assert!(buckets.iter().all(|b| b.0.ends_with("-01")), "{buckets:?}");
    // --since and --until narrow the matches and the totals alike.
    for by in ["week", "month"] {
        let args = [
            "--by",
            by,
            "--since",
            "2014-01-10",
            "--until",
            "2014-03-21",
            "harbour",
        ];
        let (buckets, undated) = timeline_json(&env, &args);
        let want = expected(by, false, Some(("2014-01-10", "2014-03-21")));
        check_timeline(&buckets, undated, &want, by, &format!("{args:?}"));
    }
    let out = env.run(&["timeline", "--since", "last week", "harbour"]);
    assert_eq!(out.status.code(), Some(2));
    env.run_ok(&["timeline", "nosuchword"], 1);
}

#[test]
fn timeline_text_and_csv_shapes() {
    let env = dated_env();
    let out = env.run_with(
        &["timeline", "--by", "year", "harbour"],
        &[("COLUMNS", "50")],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // 6 of 9 dated articles in 2014, 1 of 2 in 2015; the longer bar is full width.
    assert!(
        lines[0].starts_with("2014 ") && lines[0].ends_with("  6   66.7%"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("2015 ") && lines[1].ends_with("  1   50.0%"),
        "{text}"
    );
    for l in &lines[..2] {
        assert_eq!(l.chars().count(), 50, "{l:?}");
    }
    assert!(lines[0].contains(&"█".repeat(20)), "{text}");
    assert!(
        lines[2].starts_with("undated") && lines[2].ends_with(" 1"),
        "{text}"
    );

    let csv = env.run_ok(&["timeline", "--csv", "--by", "year", "harbour"], 0);
    assert_eq!(
        csv,
        format!(
            "start,count,total,share\n2014-01-01,6,9,{}\n2015-01-01,1,2,0.5\nundated,1,,\n",
            6.0 / 9.0
        )
    );
}

#[test]
fn timeline_name_shortcuts_filter_like_fields() {
    let env = sample_env();
    for (flag, what, field) in [
        ("--speaker", "speakers", "speaker"),
        ("--org", "organizations", "org"),
    ] {
        let top = ndjson(&env.run_ok(&["top", what, "--json"], 0));
        let name = top[0]["value"].as_str().unwrap();
        let shortcut = timeline_json(&env, &["--by", "year", flag, name]);
        let query = format!("{field}:\"{name}\"");
        assert_eq!(
            shortcut,
            timeline_json(&env, &["--by", "year", &query]),
            "{query}"
        );
        let counted: u64 = shortcut.0.iter().map(|b| b.1).sum::<u64>() + shortcut.1;
        assert!(counted >= 1, "{query}");
    }
}
