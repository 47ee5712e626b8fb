//! End-to-end tests of untrusted text: articles in every input format carrying terminal
//! controls (ESC, CSI, OSC, BEL, C1) and bidirectional overrides, as raw bytes, JSON
//! escapes and character references, are indexed; no output of any command may carry a
//! control character but newline and tab, nor any escape sequence but newsidx's colours.
//! Dates that are not on the calendar are reported with their file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{ndjson, strings, TestEnv};

/// Clear the screen, set the window title (OSC ... BEL), then a C1 CSI colour.
const RAW: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m";
/// The same as JSON escapes.
const JSON: &str = r"\u001b[2J\u001b]0;pwned\u0007\u009b31m";
/// The same as character references (&#155; is CSI's code point).
const REFS: &str = "&#27;[2J&#x1b;]0;pwned&#7;&#155;31m";
/// Right-to-left override and an isolate, raw.
const BIDI: &str = "\u{202E}\u{2066}";
/// ... and as JSON escapes and references.
const BIDI_JSON: &str = r"\u202e\u2066";
const BIDI_REFS: &str = "&#x202E;&#8294;";

/// The body every article shares apart from its hostile pieces: one quotation by a
/// named speaker and the word the searches look for.
fn body(evil: &str, bidi: &str) -> [String; 3] {
    [
        format!("PORTVILLE - The harbour board approved the dredging{evil} plan on Tuesday after two years of delays."),
        format!("\"We will finish the dredging{evil} by May{bidi}, and the ships will come,\" said Tom Wake{bidi}, the board's chairman."),
        format!("Shipping companies{evil} welcomed the decision and said larger grain ships would follow."),
    ]
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn text_article(evil: &str) -> String {
    let [a, b, c] = body(evil, BIDI);
    format!("Harbour board{evil} approves {BIDI}dredging plan\nBy Jane{evil} Doe{BIDI}\n\n{a}\n\n{b}\n\n{c}\n")
}

fn ndjson_file() -> String {
    let [a, b, c] = body(JSON, BIDI_JSON);
    // Quotation marks inside the body are JSON-escaped.
    let body = format!("{a}\\n{b}\\n{c}").replace('"', "\\\"");
    format!(
        "{{\"title\": \"Grain terminal{JSON} backs {BIDI_JSON}dredging\", \"author\": \"Ann{JSON} Lee{BIDI_JSON}\", \
         \"source\": \"Herald{JSON}\", \"date\": \"2024-05-14\", \"text\": \"{body}\"}}\n"
    )
}

fn csv_file() -> String {
    // Raw controls in one row, references in the other.
    let row = |evil: &str, bidi: &str| {
        let [a, b, c] = body(evil, bidi);
        let body = format!("{a} {b} {c}").replace('"', "\"\"");
        format!("\"Ferry operator{evil} joins {bidi}dredging\",\"Omar{evil} Haddad{bidi}\",\"{body}\"\r\n")
    };
    format!(
        "title,author,text\r\n{}{}",
        row(RAW, BIDI),
        row(REFS, BIDI_REFS)
    )
}

fn html_page(evil: &str, bidi: &str) -> String {
    let [a, b, c] = body(evil, bidi);
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <title>Lighthouse{evil} appeal funds {bidi}dredging - Harbour Herald</title>\
         <meta property=\"og:title\" content=\"Lighthouse{evil} appeal funds {bidi}dredging\">\
         <meta property=\"og:site_name\" content=\"Harbour{evil} Herald\">\
         <meta name=\"author\" content=\"Maria{evil} Santos{bidi}\">\
         </head><body><main><article><h1>Lighthouse{evil} appeal funds {bidi}dredging</h1>\
         <p>{a}</p><p>{b}</p><p>{c}</p></article></main></body></html>"
    )
}

fn warc_file(html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://herald.test/news/1\r\n\
         WARC-Date: 2024-05-14T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn sgml_file() -> String {
    let [a, b, c] = body(REFS, BIDI_REFS);
    format!(
        "<REUTERS NEWID=\"1\">\n<DATE> 3-MAR-1987 14:22:10.05</DATE>\n<TEXT>&#2;\n\
         <TITLE>PORTVILLE{REFS} SETS {BIDI_REFS}DREDGING BUDGET{RAW}</TITLE>\n<BODY>{a}\n    {b}\n    {c}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    )
}

/// A folder with an article in every format, and a copy of the plain-text one under a
/// file name that itself holds an escape sequence.
fn hostile_folder(env: &TestEnv) -> PathBuf {
    let dir = env.dir.path().join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "plain.txt", text_article(RAW));
    write(&dir, "evil\u{1b}[31m\u{202E}name.txt", text_article(RAW));
    write(&dir, "items.ndjson", ndjson_file());
    write(&dir, "items.csv", csv_file());
    write(&dir, "page.html", html_page(REFS, BIDI_REFS));
    write(&dir, "raw.html", html_page(RAW, BIDI));
    write(&dir, "crawl.warc", warc_file(&html_page(REFS, BIDI_REFS)));
    write(&dir, "wire.sgm", sgml_file());
    dir
}

/// Articles in the folder: one per file, two in the CSV.
const ARTICLES: usize = 9;

/// `text` without newsidx's own colour codes, when `colour` allows them.
fn without_own_colours(text: &str, colour: bool) -> String {
    if !colour {
        return text.to_string();
    }
    let mut out = text.to_string();
    for code in ["\u{1b}[1;31m", "\u{1b}[1m", "\u{1b}[2m", "\u{1b}[0m"] {
        out = out.replace(code, "");
    }
    out
}

/// Panic when `output` of `what` carries a control character other than newline and
/// tab (or, with `colour`, newsidx's colour codes).
fn assert_clean(what: &str, output: &[u8], colour: bool) {
    let text = String::from_utf8(output.to_vec())
        .unwrap_or_else(|e| panic!("{what}: output is not UTF-8: {e}"));
    let text = without_own_colours(&text, colour);
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("{what}: control character {c:?} in output:\n{text:?}");
    }
}

/// Panic when a JSON string value holds a control character other than newline and
/// tab, or a one-line field holds a bidirectional control.
fn assert_clean_json(what: &str, value: &Value, key: &str) {
    match value {
        Value::String(s) => {
            let one_line = key != "body" && key != "text" && key != "snippet";
            let bad = s.chars().find(|&c| {
                (c.is_control() && c != '\n' && c != '\t')
                    || (one_line && matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            });
            assert!(bad.is_none(), "{what}: {bad:?} in {key}: {s:?}");
        }
        Value::Array(items) => items.iter().for_each(|v| assert_clean_json(what, v, key)),
        Value::Object(map) => map.iter().for_each(|(k, v)| assert_clean_json(what, v, k)),
        _ => {}
    }
}

/// Run `newsidx ARGS`, require exit code `code`, check stdout and stderr; returns stdout.
fn run_clean(env: &TestEnv, args: &[&str], code: i32) -> String {
    let what = format!("newsidx {}", args.join(" "));
    let out = env.run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what:?}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let colour = args.contains(&"always");
    assert_clean(&what, &out.stdout, colour);
    assert_clean(&format!("{what} (stderr)"), &out.stderr, false);
    let stdout = String::from_utf8(out.stdout).unwrap();
    if args.contains(&"--json") {
        for v in ndjson(&stdout) {
            assert_clean_json(&what, &v, "");
        }
    }
    stdout
}

/// Every command's text (plain and coloured) and JSON forms.
fn forms<'a>(args: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut all = vec![[args, &["--json"][..]].concat()];
    for colour in ["never", "always"] {
        all.push([args, &["--color", colour][..]].concat());
    }
    all
}

#[test]
fn no_output_carries_controls_from_articles() {
    let env = TestEnv::new();
    let dir = hostile_folder(&env);
    let folder = dir.to_str().unwrap();

    // Extraction without an index, then indexing (file names and warnings on stderr).
    for args in forms(&["extract", folder]) {
        let out = run_clean(&env, &args, 0);
        assert!(out.contains("dredging"), "{args:?}: {out}");
    }
    run_clean(
        &env,
        &["extract", "--explain", "--color", "always", folder],
        0,
    );
    let extracted = ndjson(&run_clean(&env, &["extract", "--json", folder], 0));
    assert_eq!(extracted.len(), ARTICLES, "{extracted:?}");
    for a in &extracted {
        let headline = a["headline"].as_str().unwrap();
        assert!(headline.to_lowercase().contains("dredging"), "{a}");
        assert!(!headline.contains('\u{202E}'), "{a}");
        let speakers = strings(&a["speakers"]);
        assert!(speakers.iter().any(|s| s == "Tom Wake"), "{a}");
        assert!(
            a["quotes"][0]["text"]
                .as_str()
                .unwrap()
                .contains("finish the dredging"),
            "{a}"
        );
    }
    run_clean(&env, &["index", folder], 0);

    // Searching, showing every article, quotations, counts, copies.
    for args in forms(&["search", "--all-copies", "-n", "50", "dredging"]) {
        run_clean(&env, &args, 0);
    }
    let hits = ndjson(&run_clean(
        &env,
        &["search", "--json", "--all-copies", "-n", "50", "dredging"],
        0,
    ));
    assert_eq!(hits.len(), ARTICLES, "{hits:?}");
    for hit in &hits {
        let id = hit["id"].as_str().unwrap();
        for args in forms(&["show", id]) {
            let out = run_clean(&env, &args, 0);
            assert!(out.contains("Tom Wake"), "{args:?}: {out}");
        }
    }
    for args in forms(&["quotes", "dredging"]) {
        run_clean(&env, &args, 0);
    }
    let quotes = ndjson(&run_clean(
        &env,
        &["quotes", "--json", "-n", "50", "dredging"],
        0,
    ));
    assert!(!quotes.is_empty());
    assert!(
        quotes.iter().all(|q| q["speaker"] == "Tom Wake"),
        "{quotes:?}"
    );
    for what in ["speakers", "organizations", "persons", "sources"] {
        for args in forms(&["top", what]) {
            run_clean(&env, &args, 0);
        }
    }
    let sources = ndjson(&run_clean(&env, &["top", "--json", "sources"], 0));
    // What is left of an escape sequence is visible text: "Harbour[2J]0;pwned31m Herald".
    assert!(
        sources
            .iter()
            .any(|c| c["value"] == "Harbour[2J]0;pwned31m Herald"),
        "{sources:?}"
    );
    for args in forms(&["duplicates"]) {
        run_clean(&env, &args, 0);
    }
    let groups = ndjson(&run_clean(&env, &["duplicates", "--json"], 0));
    assert!(
        groups.iter().any(|g| g["representative"]
            .as_str()
            .is_some_and(|r| r.contains("name.txt") || r.contains("plain.txt"))),
        "{groups:?}"
    );
    run_clean(&env, &["stats", "--json"], 0);
    run_clean(&env, &["stats", "--color", "always"], 0);
}

#[test]
fn impossible_dates_are_reported_with_their_file() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("dates");
    std::fs::create_dir_all(&dir).unwrap();
    write(
        &dir,
        "leap.txt",
        "Harbour board meets\n\nPublished: 31 February 2016\n\nThe harbour board met on Tuesday.\n",
    );
    let mut ndjson_file = std::fs::File::create(dir.join("items.ndjson")).unwrap();
    writeln!(
        ndjson_file,
        "{{\"title\": \"Ferry returns\", \"date\": \"2016-13-02\", \"text\": \"The ferry returned.\"}}"
    )
    .unwrap();
    writeln!(
        ndjson_file,
        "{{\"title\": \"Ferry leaves\", \"date\": \"2016-02-29\", \"text\": \"The ferry left.\"}}"
    )
    .unwrap();
    drop(ndjson_file);
    let out = env.run(&["extract", "--json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "warnings do not skip files");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("leap.txt: impossible date \"31 February 2016\" ignored"),
        "{stderr}"
    );
    assert!(
        stderr.contains("items.ndjson: article 1: impossible date \"2016-13-02\" ignored"),
        "{stderr}"
    );
    let dates: Vec<Value> = ndjson(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .map(|a| a["date"].clone())
        .collect();
    assert_eq!(dates.len(), 3);
    assert!(dates.contains(&Value::from("2016-02-29")), "{dates:?}");
    assert_eq!(dates.iter().filter(|d| d.is_null()).count(), 2, "{dates:?}");
}
