//! `newsidx serve`'s JSON API, through HTTP: the real binary on a free loopback port over
//! an index of the sample corpus (plus a copy and dated articles), every endpoint
//! against the CLI's JSON for the same question, the error answers, the limits, the
//! security headers and checks, and an index changed by other processes while serving.

mod serving;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use serving::{cli_ok, encode, ndjson, shared_index, Served, DATED};

const INDEX: &str = "serve-api";

fn served() -> (Served, &'static std::path::Path) {
    let index = shared_index(INDEX);
    (Served::start(index, &[], &[]), index)
}

#[test]
fn search_answers_the_cli_hits_the_total_and_facets_of_all_matches() {
    let (server, index) = served();
    let v = server.json("api/search?q=said&limit=5", 200);
    let cli = ndjson(&cli_ok(index, &["search", "--json", "-n", "5", "said"], 0));
    assert_eq!(v["query"], "said");
    assert_eq!(v["hits"].as_array().unwrap(), &cli);
    let all = ndjson(&cli_ok(
        index,
        &["search", "--json", "-n", "1000", "said"],
        0,
    ));
    assert_eq!(v["total"].as_u64(), Some(all.len() as u64));
    assert!(v["took_ms"].is_u64());
    let facets = v["facets"].as_object().unwrap();
    let kinds: Vec<&str> = facets.keys().map(String::as_str).collect();
    assert_eq!(kinds, ["speakers", "organizations", "persons", "sources"]);
    // Counted over every match, not the page of five, each written form on its own.
    for kind in kinds {
        let top = ndjson(&cli_ok(
            index,
            &["top", kind, "said", "--json", "--as-written"],
            0,
        ));
        assert_eq!(facets[kind].as_array().unwrap(), &top, "{kind}");
    }
}

#[test]
fn search_pages_sorts_filters_dates_and_collapses_copies() {
    let (server, index) = served();
    let page = |offset: usize| {
        server.json(
            &format!("api/search?q=lighthouse&limit=10&offset={offset}"),
            200,
        )
    };
    let first = page(0);
    assert_eq!(first["total"].as_u64(), Some(DATED as u64));
    let second = page(10);
    let cli = ndjson(&cli_ok(
        index,
        &[
            "search",
            "--json",
            "-n",
            "10",
            "--offset",
            "10",
            "lighthouse",
        ],
        0,
    ));
    assert_eq!(second["hits"].as_array().unwrap(), &cli);

    let by_date = server.json(
        "api/search?q=lighthouse&sort=date&since=2014-02-01&until=2014-03-31&limit=100",
        200,
    );
    let dates: Vec<&str> = by_date["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..DATED)
        .map(serving::dated_day)
        .filter(|d| d.as_str() >= "2014-02-01" && d.as_str() <= "2014-03-31")
        .rev()
        .collect();
    assert_eq!(dates, expected);
    assert_eq!(by_date["total"].as_u64(), Some(expected.len() as u64));

    // The harbour story and its copy: one hit with one copy, or two.
    let collapsed = server.json("api/search?q=dredging", 200);
    assert_eq!(collapsed["total"], 1);
    assert_eq!(collapsed["hits"][0]["copies"], 1);
    let every = server.json("api/search?q=dredging&all_copies=true", 200);
    assert_eq!(every["total"], 2);
    assert_eq!(every["hits"].as_array().unwrap().len(), 2);
}

#[test]
fn search_refuses_malformed_queries_and_parameters_with_400() {
    let (server, _) = served();
    let long = "a".repeat(1_001);
    for path in [
        "api/search?q=%22unterminated",
        "api/search?q=foo~9",
        "api/search?q=speaker:*",
        "api/search?q=date:%5Bx%20TO%20y%5D",
        "api/search?limit=abc",
        "api/search?limit=-1",
        "api/search?limit=101",
        "api/search?offset=10001",
        "api/search?sort=newest",
        "api/search?since=2014-13-01",
        "api/search?until=yesterday",
        "api/search?all_copies=maybe",
        "api/search?colour=red",
        &format!("api/search?q={long}"),
    ] {
        let message = server.error(path, 400);
        assert!(!message.contains("panicked"), "{path}: {message}");
    }
    assert!(server
        .error("api/search?limit=101", 400)
        .contains("at most 100"));
    assert!(server
        .error("api/search?colour=red", 400)
        .contains("colour"));
}

#[test]
fn quotes_top_and_duplicates_answer_as_the_cli_does() {
    let (server, index) = served();
    let v = server.json("api/quotes?q=lamp&speaker=Morag%20Dunlop&limit=5", 200);
    let cli = ndjson(&cli_ok(
        index,
        &[
            "quotes",
            "--json",
            "-n",
            "5",
            "lamp",
            "--speaker",
            "Morag Dunlop",
        ],
        0,
    ));
    assert_eq!(v["quotes"].as_array().unwrap(), &cli);
    assert_eq!(cli.len(), 5);
    assert_eq!(v["speaker"], "Morag Dunlop");
    server.error("api/quotes", 400);
    server.error("api/quotes?speaker=", 400);
    server.error("api/quotes?q=lamp&limit=x", 400);

    for kind in ["speakers", "organizations", "persons", "sources"] {
        let v = server.json(&format!("api/top/{kind}?limit=7"), 200);
        let cli = ndjson(&cli_ok(index, &["top", kind, "-n", "7", "--json"], 0));
        assert_eq!(v["values"].as_array().unwrap(), &cli, "{kind}");
        assert_eq!(v["kind"], kind);
    }
    server.error("api/top/places", 404);
    server.error("api/top/speakers?limit=1001", 400);

    let v = server.json("api/duplicates", 200);
    let cli = ndjson(&cli_ok(index, &["duplicates", "--json"], 0));
    assert_eq!(v["groups"].as_array().unwrap(), &cli);
    assert_eq!(cli.len(), 1);
    server.error("api/duplicates?q=(", 400);
}

#[test]
fn timeline_articles_and_stats_answer_as_the_cli_does() {
    let (server, index) = served();
    let v = server.json("api/timeline?q=lighthouse&by=week", 200);
    let cli = ndjson(&cli_ok(
        index,
        &["timeline", "--json", "--by", "week", "lighthouse"],
        0,
    ));
    assert_eq!(v["buckets"].as_array().unwrap(), &cli);
    assert_eq!(v["by"], "week");
    assert_eq!(v["undated"], 0);
    assert_eq!(server.json("api/timeline?q=lighthouse", 200)["by"], "month");
    server.error("api/timeline?by=fortnight", 400);

    let hit = &server.json("api/search?q=dredging", 200)["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let v = server.json(&format!("api/articles/{id}"), 200);
    let cli = ndjson(&cli_ok(index, &["show", "--json", id], 0));
    assert_eq!(v, cli[0]);
    assert_eq!(v["group"], hit["group"]);
    assert!(server
        .error("api/articles/0123456789abcdef", 404)
        .contains("0123456789abcdef"));
    server.error(&format!("api/articles/{}", "f".repeat(65)), 400);

    let v = server.json("api/stats?top=3", 200);
    let cli = ndjson(&cli_ok(index, &["stats", "--json", "--top", "3"], 0));
    assert_eq!(v, cli[0]);
    server.error("api/stats?top=many", 400);
}

#[test]
fn every_answer_carries_the_security_headers_and_no_cors() {
    let (server, _) = served();
    for path in [
        "",
        "app.js",
        "app.css",
        "api/stats",
        "api/search?q=(",
        "nowhere",
    ] {
        let answer = server.get(path);
        let csp = answer.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "/{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "/{path}: {csp}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("access-control-allow-origin"), None);
    }
    let page = server.get("");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("/app.js"));
    assert_eq!(
        server.get("api/stats").header("cache-control"),
        Some("no-store")
    );
    server.error("nowhere", 404);

    let cross = server.raw(&format!(
        "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert!(cross.starts_with("HTTP/1.1 200"), "{cross}");
    assert!(!cross
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
}

#[test]
fn cors_is_granted_only_to_the_origins_named() {
    let index = shared_index(INDEX);
    let server = Served::start(index, &["--cors", "http://localhost:3000"], &[]);
    let ask = |origin: &str| {
        server
            .raw(&format!(
                "GET /api/stats HTTP/1.1\r\nHost: localhost:{}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n",
                server.port
            ))
            .to_ascii_lowercase()
    };
    assert!(
        ask("http://localhost:3000").contains("access-control-allow-origin: http://localhost:3000")
    );
    assert!(!ask("http://evil.example").contains("access-control-allow-origin"));
}

#[test]
fn other_host_names_methods_and_bodies_are_refused() {
    let index = shared_index(INDEX);
    let server = Served::start(index, &["--allow-host", "news.internal"], &[]);
    let status = |host: &str| {
        let answer = server.raw(&format!(
            "GET /api/stats HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        answer.split(' ').nth(1).unwrap_or("").to_string()
    };
    let port = server.port;
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("news.internal:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(status(&host), "200", "{host}");
    }
    // A page of another site whose name was made to point at 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        assert_eq!(status(&host), "403", "{host}");
    }
    let refused = server.raw(&format!(
        "GET / HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(refused.contains("{\"error\""), "{refused}");

    let post = server.raw(&format!(
        "POST /api/search HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    ));
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    let big = server.raw(&format!(
        "GET /api/stats HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n{}",
        "x".repeat(100_000)
    ));
    assert!(
        big.starts_with("HTTP/1.1 413"),
        "{}",
        &big[..big.len().min(200)]
    );
}

#[test]
fn a_slow_search_times_out_and_searches_wait_for_a_slot() {
    let index = shared_index(INDEX);
    // Every search sleeps 1.5 s first (a debug-build hook); one runs at a time.
    let server = Served::start(
        index,
        &["--timeout", "1", "--max-concurrent", "1"],
        &[("NEWSIDX_TEST_SLOW_SEARCH_MS", "1500")],
    );
    let started = Instant::now();
    let message = server.error("api/search?q=lighthouse", 503);
    assert!(message.contains("longer than 1 s"), "{message}");
    assert!(started.elapsed() < Duration::from_millis(1_400));
    // The first search still holds the only slot: the next one waits, then gives up.
    let message = server.error("api/stats", 503);
    assert!(message.contains("longer than"), "{message}");
    // The page itself needs no slot.
    assert_eq!(server.get("").status, 200);
}

#[test]
fn index_and_reindex_by_other_processes_show_without_a_restart() {
    let dir = serving::scratch("serve-live");
    serving::write_corpus(&dir.join("corpus"));
    let index = dir.join("index");
    let corpus = dir.join("corpus");
    cli_ok(&index, &["index", corpus.to_str().unwrap()], 0);
    let server = Served::start(&index, &[], &[]);
    assert_eq!(server.json("api/search?q=zebrafish", 200)["total"], 0);

    let extra = dir.join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::write(
        extra.join("zebra.txt"),
        "Zebrafish Survey Approved\n\nThe council approved a zebrafish survey on Monday.\n",
    )
    .unwrap();
    cli_ok(&index, &["index", extra.to_str().unwrap()], 0);
    let found = |server: &Served| server.json("api/search?q=zebrafish", 200)["total"] == 1;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !found(&server) {
        assert!(Instant::now() < deadline, "the new article never showed");
        std::thread::sleep(Duration::from_millis(100));
    }

    // Searches keep answering while reindex rebuilds into a new generation.
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let url = server.url.clone();
    let poller = {
        let (stop, answered) = (Arc::clone(&stop), Arc::clone(&answered));
        std::thread::spawn(move || {
            let mut failures = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                match ureq::get(format!("{url}api/search?q=lighthouse&limit=3")).call() {
                    Ok(mut r) => {
                        let v: Value =
                            serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
                        if v["total"] != DATED {
                            failures.push(v.to_string());
                        }
                        answered.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => failures.push(e.to_string()),
                }
            }
            failures
        })
    };
    let before = std::fs::read_to_string(index.join("newsidx.json")).unwrap();
    cli_ok(&index, &["reindex"], 0);
    let after = std::fs::read_to_string(index.join("newsidx.json")).unwrap();
    assert_ne!(before, after, "reindex published a new generation");
    // A few more searches on the new generation.
    let seen = answered.load(Ordering::Relaxed);
    while answered.load(Ordering::Relaxed) < seen + 5 {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    let failures = poller.join().unwrap();
    assert!(failures.is_empty(), "{failures:?}");
    assert!(answered.load(Ordering::Relaxed) > 5);
    assert!(found(&server));
    let generation: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(generation["generation"], "gen-2");
    assert!(!server.log().contains("still serving"), "{}", server.log());
}

#[test]
fn a_missing_index_stops_the_server_with_a_clear_message() {
    let dir = serving::scratch("serve-missing");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("NEWSIDX_INDEX", dir.join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no index at"), "{stderr}");
}

#[test]
fn query_parameters_are_decoded_once() {
    let (server, _) = served();
    let q = "speaker:\"Morag Dunlop\" lamp";
    let v = server.json(&format!("api/search?q={}&limit=1", encode(q)), 200);
    assert_eq!(v["query"], q);
    assert_eq!(v["total"].as_u64(), Some(DATED as u64));
}
