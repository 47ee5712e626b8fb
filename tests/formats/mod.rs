//! End-to-end tests of the input formats: one small file per format written here, a
//! folder of hostile files indexed beside good ones, and the Reuters-21578 corpus; JSON
//! that states names and quotes, newsidx's own output read back, in `exported`.

mod exported;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{ndjson, search_count, shared, strings, timeline_counts, TestEnv};

/// Write `bytes` to `dir/name`, creating folders, and return the path.
fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `extract --json FILE`, requiring exit code 0.
fn extract(env: &TestEnv, path: &Path) -> Vec<Value> {
    ndjson(&env.run_ok(&["extract", "--json", path.to_str().unwrap()], 0))
}

fn field<'a>(a: &'a Value, key: &str) -> &'a str {
    a[key].as_str().unwrap_or_else(|| panic!("no {key} in {a}"))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A news page with navigation, a related-links box and a footer around the article.
fn news_page(headline: &str, author: &str, date: &str, speaker: &str, quote: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} - Harbour Herald</title>
<meta property="og:title" content="{headline}">
<meta property="og:site_name" content="Harbour Herald">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T07:30:00+01:00">
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>
<main><article>
<h1>{headline}</h1>
<p>"{quote}," said {speaker}, the chairman of the Portville harbour board, at a
meeting with shipping companies and the town council on Tuesday evening.</p>
<p>The board has spent two years planning the work, which will deepen the main channel
so that larger grain ships can reach the quay without waiting for the tide.</p>
<p>Shipping companies welcomed the plan. Several said they would move sailings from
neighbouring ports once the channel was open, bringing new jobs to the town.</p>
</article>
<aside class="related-links"><h3>More from the Herald</h3><ul>
<li><a href="/ferry">Ferry timetable changes announced for winter</a></li>
<li><a href="/lighthouse">Lighthouse appeal passes its target</a></li></ul></aside>
</main>
<footer class="site-footer"><p>Harbour Herald. All rights reserved. Terms. Privacy. Cookies.</p></footer>
</body></html>"#
    )
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-05-14T08:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The news pages of the tests: headline, author, date, speaker and quote.
const HERALD_PAGES: [(&str, &str, &str, &str, &str); 3] = [
    (
        "Harbour board approves dredging plan",
        "Jane Doe",
        "2024-05-14",
        "Tom Wake",
        "We have waited long enough",
    ),
    (
        "Grain terminal to double its capacity",
        "Ann Lee",
        "2024-05-15",
        "Maria Santos",
        "Demand has never been higher",
    ),
    (
        "Ferry operator orders two new vessels",
        "Omar Haddad",
        "2024-05-16",
        "Peter Lindqvist",
        "Our passengers deserve better boats",
    ),
];

/// A gzipped web archive, one gzip member per record: three news pages and an image.
fn warc_gz() -> Vec<u8> {
    let pages = HERALD_PAGES;
    let mut records = vec![warc_record(
        "request",
        "https://herald.test/a",
        b"GET /a HTTP/1.1\r\nHost: herald.test\r\n\r\n",
    )];
    for (i, (headline, author, date, speaker, quote)) in pages.iter().enumerate() {
        let html = news_page(headline, author, date, speaker, quote);
        records.push(warc_record(
            "response",
            &format!("https://herald.test/news/{i}"),
            &http_response("text/html; charset=utf-8", html.as_bytes()),
        ));
        if i == 0 {
            records.push(warc_record(
                "response",
                "https://herald.test/logo.png",
                &http_response("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ));
        }
    }
    records.iter().flat_map(|r| gzip(r)).collect()
}

#[test]
fn warc_gz_yields_its_three_news_pages() {
    let env = TestEnv::new();
    let path = write(env.dir.path(), "crawl.warc.gz", warc_gz());
    let articles = extract(&env, &path);
    assert_eq!(articles.len(), 3, "{articles:?}");
    let expected = [
        (
            "Harbour board approves dredging plan",
            "Jane Doe",
            "2024-05-14",
            "Tom Wake",
        ),
        (
            "Grain terminal to double its capacity",
            "Ann Lee",
            "2024-05-15",
            "Maria Santos",
        ),
        (
            "Ferry operator orders two new vessels",
            "Omar Haddad",
            "2024-05-16",
            "Peter Lindqvist",
        ),
    ];
    for (i, (a, (headline, byline, date, speaker))) in articles.iter().zip(expected).enumerate() {
        assert!(field(a, "path").ends_with(&format!("crawl.warc.gz#{}", i + 1)));
        assert_eq!(field(a, "headline"), headline);
        assert_eq!(field(a, "byline"), byline);
        assert_eq!(field(a, "date"), date);
        assert_eq!(field(a, "source"), "Harbour Herald");
        assert_eq!(field(a, "url"), format!("https://herald.test/news/{i}"));
        assert!(
            strings(&a["speakers"]).iter().any(|s| s == speaker),
            "{speaker} not among {:?}",
            a["speakers"]
        );
    }
    // Indexed, the pages are found and the image is not an article.
    let out = env.run(&["index", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("skipped 2 records"), "{stderr}");
    assert_eq!(env.documents(), 3);
    let hits = ndjson(&env.run_ok(&["search", "--json", "speaker:lindqvist"], 0));
    assert_eq!(hits.len(), 1);
    let hits = ndjson(&env.run_ok(
        // The three pages share one template body, so they form a duplicate group:
        // ask for every copy to look one up by its address.
        &[
            "search",
            "--json",
            "--all-copies",
            "url:\"https://herald.test/news/2\"",
        ],
        0,
    ));
    assert_eq!(hits.len(), 1);
    assert_eq!(
        field(&hits[0], "headline"),
        "Ferry operator orders two new vessels"
    );
}

#[test]
fn html_page_keeps_navigation_and_boxes_out_of_the_body() {
    let env = TestEnv::new();
    let html = news_page(
        "Harbour board approves dredging plan",
        "By Jane Doe",
        "2024-05-14",
        "Tom Wake",
        "We have waited long enough",
    );
    let path = write(env.dir.path(), "page.html", html);
    let a = &extract(&env, &path)[0];
    assert_eq!(field(a, "headline"), "Harbour board approves dredging plan");
    assert_eq!(field(a, "byline"), "Jane Doe");
    assert_eq!(field(a, "date"), "2024-05-14");
    let body = field(a, "body");
    assert!(
        body.starts_with("\"We have waited long enough,\" said Tom Wake"),
        "{body}"
    );
    assert_eq!(body.split("\n\n").count(), 3, "{body}");
    for boilerplate in [
        "Home",
        "Contact",
        "More from the Herald",
        "Ferry timetable",
        "Cookies",
    ] {
        assert!(!body.contains(boilerplate), "{boilerplate} in {body}");
    }
}

#[test]
fn news_please_ndjson_one_article_per_line() {
    let env = TestEnv::new();
    let line = |title: &str, text: &str, day: u32| {
        serde_json::json!({
            "authors": ["Jane Doe", "Ann Lee"],
            "date_download": "2024-05-20 10:00:00",
            "date_modify": null,
            "date_publish": format!("2024-05-{day:02} 08:15:00"),
            "description": "A summary that is not the body.",
            "filename": "x.json",
            "image_url": null,
            "language": "en",
            "localpath": null,
            "maintext": text,
            "source_domain": "www.herald.test",
            "title": title,
            "title_page": null,
            "title_rss": null,
            "url": format!("https://www.herald.test/{day}"),
        })
        .to_string()
    };
    let file = [
        line(
            "Council votes to reopen library",
            "The town council voted on Monday to reopen the Carnegie library.\n\"It is a great day for readers,\" said Laura Chen, the council leader.",
            13,
        ),
        "{\"title\": \"cut off".to_string(),
        line(
            "Rail line closes for repairs",
            "The coastal rail line will close for two weekends in June.",
            14,
        ),
    ]
    .join("\n");
    let path = write(env.dir.path(), "news.jsonl", file);
    let out = env.run(&["extract", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("news.jsonl: line 2: invalid JSON"));
    let articles = ndjson(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert!(field(a, "path").ends_with("news.jsonl#1"));
    assert_eq!(field(a, "headline"), "Council votes to reopen library");
    assert_eq!(field(a, "byline"), "Jane Doe, Ann Lee");
    assert_eq!(field(a, "date"), "2024-05-13");
    assert_eq!(field(a, "source"), "www.herald.test");
    assert_eq!(field(a, "url"), "https://www.herald.test/13");
    assert_eq!(field(a, "body").split("\n\n").count(), 2);
    assert!(strings(&a["speakers"]).iter().any(|s| s == "Laura Chen"));
    assert!(field(&articles[1], "path").ends_with("news.jsonl#3"));
}

#[test]
fn csv_rows_with_scraped_escapes() {
    let env = TestEnv::new();
    let csv = "label,title,description\r\n\
        3,Port fees rise to  #36;12 a tonne,\"PORTVILLE (Wire) - The harbour board #39;s \
        chairman said fees\\would rise to  #36;12.\"\r\n\
        1,\"Ferry \"\"Nordlys\"\" returns\",The ferry returned to service on Friday.\r\n";
    let path = write(env.dir.path(), "items.csv", csv);
    let articles = extract(&env, &path);
    assert_eq!(articles.len(), 2);
    assert!(field(&articles[0], "path").ends_with("items.csv#1"));
    assert_eq!(
        field(&articles[0], "headline"),
        "Port fees rise to $12 a tonne"
    );
    assert_eq!(
        field(&articles[0], "body"),
        "PORTVILLE (Wire) - The harbour board's chairman said fees would rise to $12."
    );
    assert_eq!(field(&articles[1], "headline"), "Ferry \"Nordlys\" returns");
}

#[test]
fn reuters_sgml_snippet() {
    let env = TestEnv::new();
    let sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">
<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"1\">
<DATE> 3-MAR-1987 14:22:10.05</DATE>
<TOPICS><D>grain</D></TOPICS>
<UNKNOWN>&#5;&#5;&#5;G
&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>PORTVILLE HARBOUR &lt;PHB> TO DEEPEN CHANNEL</TITLE>
<DATELINE>    PORTVILLE, March 3 - </DATELINE><BODY>The Portville harbour board said
it will spend 12 mln dlrs deepening the main channel so that
larger grain ships can reach the quay.
    Chairman Tom Wake said the work would start in May and
finish before the autumn season.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS=\"NO\" NEWID=\"2\">
<DATE> 3-MAR-1987 15:00:00.00</DATE>
<TEXT TYPE=\"UNPROC\">&#2;
WEEKLY GRAIN SHIPMENTS - MARCH 3
    Wheat........12,000 vs 11,500
&#3;</TEXT>
</REUTERS>
";
    let path = write(env.dir.path(), "reut.sgm", sgml);
    let articles = extract(&env, &path);
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert!(field(a, "path").ends_with("reut.sgm#1"));
    assert_eq!(
        field(a, "headline"),
        "PORTVILLE HARBOUR <PHB> TO DEEPEN CHANNEL"
    );
    assert_eq!(field(a, "date"), "1987-03-03");
    assert_eq!(field(a, "source"), "Reuters");
    assert_eq!(field(a, "dateline"), "PORTVILLE");
    assert_eq!(
        field(a, "body"),
        "PORTVILLE, March 3 - The Portville harbour board said it will spend 12 mln dlrs \
         deepening the main channel so that larger grain ships can reach the quay.\n\n\
         Chairman Tom Wake said the work would start in May and finish before the autumn season."
    );
    assert_eq!(
        field(&articles[1], "headline"),
        "WEEKLY GRAIN SHIPMENTS - MARCH 3"
    );
}

#[test]
fn hostile_files_are_reported_and_the_good_ones_indexed() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("hostile");
    let random: Vec<u8> = (0u32..200_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write(
        &dir,
        "good/harbour.txt",
        "Harbour board approves dredging plan\n\nThe Portville harbour board approved the \
         dredging plan on Tuesday.\n\n\"We have waited long enough,\" said Tom Wake, the \
         board's chairman.\n",
    );
    write(
        &dir,
        "good/library.json",
        r#"{"title": "Council votes to reopen library", "maintext": "The council voted to reopen the Carnegie library on Monday.", "authors": ["Laura Chen"], "date_publish": "2024-05-13 08:00:00"}"#,
    );
    // Bad files, each to be named on stderr.
    let bad = [
        ("random.txt", random.clone()),
        ("random.html", random.clone()),
        ("random.warc.gz", random.clone()),
        ("empty.json", Vec::new()),
        ("nul.csv", b"title,body\n\0\0\0\0\0".to_vec()),
        ("binary.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec()),
        (
            "unclosed.json",
            br#"{"title": "Unclosed", "text": "never ends"#.to_vec(),
        ),
        ("long-line.jsonl", vec![b'x'; 20_000_000]),
        ("long-line.csv", vec![b'"'; 3_000_000]),
        ("quotes.sgm", "<REUTERS>\"".repeat(5000).into_bytes()),
        ("truncated.warc.gz", {
            let mut w = warc_gz();
            w.truncate(w.len() / 2);
            w
        }),
        (
            "latin1.txt",
            b"Caf\xe9 owners protest\n\nThe caf\xe9 owners protested.\n".to_vec(),
        ),
    ];
    for (name, bytes) in &bad {
        write(&dir, name, bytes);
    }
    // Text with thousands of unbalanced quotation marks is an article like any other.
    write(
        &dir,
        "quotes.txt",
        format!(
            "Quotes everywhere\n\n{}",
            "He said \"yes and “no ".repeat(4000)
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"good/ferry-\xff.txt");
        std::fs::write(
            dir.join(name),
            "Ferry operator orders two new vessels\n\nThe ferry operator ordered two vessels.\n",
        )
        .unwrap();
    }
    // A symbolic link looping back up the tree, and an article 120 folders deep.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("good/loop")).unwrap();
    let mut deep = dir.join("deep");
    for i in 0..120 {
        deep = deep.join(format!("d{i}"));
    }
    write(
        &deep,
        "pier.txt",
        "Pier reopens after storm repairs\n\nThe pier reopened on Sunday after repairs.\n",
    );
    let out = env.run(&["index", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    if cfg!(unix) {
        assert!(stderr.contains("loop"), "{stderr}");
    }
    assert!(!ndjson(&env.run_ok(&["search", "--json", "headline:pier"], 0)).is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, _) in &bad {
        let lines: Vec<_> = stderr.lines().filter(|l| l.contains(name)).collect();
        assert!(!lines.is_empty(), "{name} not reported:\n{stderr}");
    }
    let warned = |name: &str| {
        stderr
            .lines()
            .any(|l| l.contains(name) && !l.contains("skipped /"))
    };
    // Damaged files with good parts are indexed with a warning, not skipped.
    assert!(warned("truncated.warc.gz"), "{stderr}");
    assert!(warned("latin1.txt"), "{stderr}");
    for query in [
        "speaker:\"Tom Wake\"",
        "headline:library",
        "headline:\"Harbour board approves\"",
    ] {
        let hits = ndjson(&env.run_ok(&["search", "--json", query], 0));
        assert!(!hits.is_empty(), "{query}");
    }
    if cfg!(unix) {
        let hits = ndjson(&env.run_ok(&["search", "--json", "headline:vessels"], 0));
        assert!(!hits.is_empty());
    }
    // Exactly the good files and the good parts of damaged ones are indexed, and exactly
    // the others are skipped, each once.
    // Documents are named by absolute paths, problems by the paths as walked.
    let relative = |root: &Path, path: &str| {
        path.strip_prefix(&format!("{}/", root.display()))
            .unwrap_or_else(|| panic!("{path} is not under {}", root.display()))
            .to_string()
    };
    let root = std::fs::canonicalize(&dir).unwrap();
    let deep_pier = (0..120).map(|i| format!("d{i}/")).collect::<String>() + "pier.txt";
    let mut want_indexed: BTreeSet<String> = [
        "good/harbour.txt",
        "good/library.json",
        "latin1.txt",
        "quotes.txt",
        // The first of the three pages before the cut in the gzip stream.
        "truncated.warc.gz#1",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    want_indexed.insert(format!("deep/{deep_pier}"));
    if cfg!(unix) {
        want_indexed.insert("good/ferry-\u{fffd}.txt".into());
    }
    let all = ndjson(&env.run_ok(
        &["search", "--json", "--all-copies", "--limit", "1000", ""],
        0,
    ));
    let indexed: BTreeSet<String> = all
        .iter()
        .map(|h| relative(&root, field(h, "path")))
        .collect();
    assert_eq!(indexed, want_indexed);
    assert_eq!(env.documents(), want_indexed.len() as u64);
    let mut want_skipped: BTreeSet<String> = bad
        .iter()
        .map(|(name, _)| name.to_string())
        .filter(|name| !["truncated.warc.gz", "latin1.txt"].contains(&name.as_str()))
        .collect();
    if cfg!(unix) {
        want_skipped.insert("good/loop".into());
    }
    let skipped: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("newsidx: skipped "))
        .map(|l| relative(&dir, l.split(": ").next().unwrap()))
        .collect();
    assert_eq!(
        skipped.iter().cloned().collect::<BTreeSet<_>>(),
        want_skipped,
        "{stderr}"
    );
    assert_eq!(
        skipped.len(),
        want_skipped.len(),
        "reported twice: {stderr}"
    );
    let summary = format!(
        "added {}, updated 0, removed 0, unchanged 0, skipped {} ",
        // Files: each indexed file holds one of the documents (the WARC its one page).
        want_indexed.len(),
        want_skipped.len()
    );
    assert!(stderr.contains(&summary), "no {summary:?} in {stderr}");
}

#[test]
fn reuters_corpus_indexes_every_element() {
    let Some(reuters) = shared("corpora/reuters21578") else {
        return;
    };
    let env = TestEnv::new();
    let out = env.run(&["index", reuters.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.documents(), 21_578);
    let hits = ndjson(&env.run_ok(&["search", "--json", "headline:\"BAHIA COCOA REVIEW\""], 0));
    assert!(
        field(&hits[0], "path").ends_with("reut2-000.sgm#1"),
        "{hits:?}"
    );
    assert_eq!(field(&hits[0], "date"), "1987-02-26");
    // The timeline of a query accounts for every article search finds (Reuters-21578 is
    // dated February to October 1987): its periods and its undated line add up to the
    // search's matches, counting copies once or each.
    for query in ["said", "cocoa", "org:reuters"] {
        for all_copies in [false, true] {
            let (dated, undated) = timeline_counts(&env, query, all_copies);
            assert!(dated > 0, "{query}: nothing dated");
            assert_eq!(
                dated + undated,
                search_count(&env, query, all_copies),
                "{query}, all copies {all_copies}"
            );
        }
    }
}

/// Every kind of HTML page the tests write, with the headline a reader would name: the
/// news pages of the other tests, and pages whose `<h1>`, `<title>`, `og:title` and
/// JSON-LD headline disagree the ways real sites make them disagree.
fn html_pages_with_headlines() -> Vec<(String, String)> {
    let title = "Flu season starts early in the north";
    let body = "<p>Doctors say the flu season has started a month earlier than usual this \
        year, with clinics in the north reporting twice the usual number of cases.</p>\
        <p>Health officials urged older people to get vaccinated before December.</p>";
    let page = |head: String, h1: &str| {
        format!(
            "<html><head><meta charset=utf-8>{head}</head><body><div class=banner><h1>{h1}</h1>\
             </div><article>{body}</article></body></html>"
        )
    };
    let json_ld = format!(
        "<script type=application/ld+json>{{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": \"{title}\"}}</script>"
    );
    let mut pages = vec![
        // A section banner in the <h1>.
        (
            page(
                format!("<title>{title} | Health Center | Example</title><meta property=og:title content=\"{title}\">"),
                "Health Center",
            ),
            title.to_string(),
        ),
        // A banner, and the JSON-LD headline that <title> agrees with.
        (
            page(format!("<title>{title} - Example News</title>{json_ld}"), "Travel"),
            title.to_string(),
        ),
        // The title between a section and the site's name.
        (
            page(
                format!("<title>Health | {title} | Example</title><meta property=og:title content=\"{title}\">"),
                "Health",
            ),
            title.to_string(),
        ),
        // Everything agrees.
        (
            page(format!("<title>{title} - Example News</title>"), title),
            title.to_string(),
        ),
        // Only an <h1>.
        (page(String::new(), title), title.to_string()),
    ];
    for (headline, author, date, speaker, quote) in HERALD_PAGES {
        pages.push((
            news_page(headline, author, date, speaker, quote),
            headline.to_string(),
        ));
    }
    pages
}

#[test]
fn headline_accuracy_on_every_html_page_of_the_tests() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("pages");
    let pages = html_pages_with_headlines();
    for (i, (html, _)) in pages.iter().enumerate() {
        write(&dir, &format!("{i:02}.html"), html);
    }
    let got = ndjson(&env.run_ok(&["extract", "--json", dir.to_str().unwrap()], 0));
    assert_eq!(got.len(), pages.len());
    let mut right = 0;
    for a in &got {
        let path = field(a, "path");
        let i: usize = Path::new(path)
            .file_stem()
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let want = &pages[i].1;
        if a["headline"].as_str() == Some(want.as_str()) {
            right += 1;
        } else {
            eprintln!("{path}: headline {}, want {want:?}", a["headline"]);
        }
    }
    eprintln!("headline accuracy: {right} of {} HTML pages", pages.len());
    assert_eq!(
        right,
        pages.len(),
        "headline accuracy {right}/{}",
        pages.len()
    );
}
