//! Articles that state their names and quotes, as newsidx's own JSON output does: the
//! stated values are what is stored and searched, and an archive written out as NDJSON
//! and indexed again holds the same articles.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Value};

use super::{field, write};
use crate::common::{ndjson, shared, strings, TestEnv};

/// The fields an article read back must keep: all but where it came from.
const KEPT: [&str; 11] = [
    "headline",
    "body",
    "date",
    "dateline",
    "source",
    "byline",
    "url",
    "speakers",
    "organizations",
    "persons",
    "quotes",
];

/// Two articles whose text names someone who said something (Tom Wake), and which state
/// other names: someone the text never mentions, and none at all.
fn stated_articles() -> [Value; 2] {
    [
        json!({
            "headline": "Harbour board approves dredging plan",
            "body": "PORTVILLE - \"We have waited long enough,\" said Tom Wake, the chairman \
                     of the harbour board, on Tuesday.\n\nThe work starts in the spring.",
            "date": "2024-05-14",
            "dateline": "PORTVILLE",
            "source": "Harbour Herald",
            "byline": "Jane Doe",
            "url": "https://herald.test/news/1",
            "speakers": ["Zed Quillfeather"],
            "organizations": ["Portville Ferry Guild"],
            "persons": ["Zed Quillfeather", "Tom Wake"],
            "quotes": [
                {"speaker": "Zed Quillfeather", "text": "The channel will be ready by June"},
                {"speaker": null, "text": "A long wait"},
            ],
        }),
        json!({
            "headline": "Ferry operator orders two new vessels",
            "body": "\"Our passengers deserve better boats,\" said Tom Wake on Wednesday.",
            "date": "2024-05-15",
            "speakers": [],
            "organizations": [],
            "persons": [],
            "quotes": [],
        }),
    ]
}

fn lines(articles: &[Value]) -> String {
    articles.iter().map(|a| format!("{a}\n")).collect()
}

/// `search --json --all-copies QUERY` with room for every article; none found is no
/// error.
fn search_all(env: &TestEnv, query: &str) -> Vec<Value> {
    let out = env.run(&["search", "--json", "--all-copies", "--limit", "1000", query]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let hits = ndjson(&stdout);
    let code = if hits.is_empty() { 1 } else { 0 };
    assert_eq!(
        out.status.code(),
        Some(code),
        "search {query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    hits
}

/// `show --json` of every article in the index.
fn show_all(env: &TestEnv) -> Vec<Value> {
    let hits = search_all(env, "*");
    assert_eq!(hits.len() as u64, env.documents());
    hits.iter()
        .map(|h| {
            let out = env.run_ok(&["show", "--json", field(h, "id")], 0);
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
        })
        .collect()
}

#[test]
fn stated_names_and_quotes_are_stored_and_searched() {
    let env = TestEnv::new();
    let stated = stated_articles();
    let path = write(env.dir.path(), "archive.ndjson", lines(&stated));
    env.run_ok(&["index", path.to_str().unwrap()], 0);
    assert_eq!(env.documents(), 2);

    let hits = search_all(&env, "speaker:quillfeather");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(field(&hits[0], "headline"), field(&stated[0], "headline"));
    // Extraction would have found Tom Wake as the speaker of both: nobody states him.
    assert!(search_all(&env, "speaker:wake").is_empty());
    assert_eq!(search_all(&env, "person:wake").len(), 1);
    assert_eq!(search_all(&env, "org:guild").len(), 1);
    assert_eq!(search_all(&env, "quote:june").len(), 1);
    assert_eq!(search_all(&env, "dateline:portville").len(), 1);

    for shown in show_all(&env) {
        let want = stated
            .iter()
            .find(|a| a["headline"] == shown["headline"])
            .unwrap_or_else(|| panic!("not written: {shown}"));
        for key in [
            "body",
            "date",
            "speakers",
            "organizations",
            "persons",
            "quotes",
        ] {
            assert_eq!(shown[key], want[key], "{key} of {}", want["headline"]);
        }
        for key in ["dateline", "source", "byline", "url"] {
            assert_eq!(shown[key], want.get(key).cloned().unwrap_or(Value::Null));
        }
    }
}

#[test]
fn names_and_quotes_of_the_wrong_type_are_extracted_with_a_warning() {
    let env = TestEnv::new();
    let [mut first, second] = stated_articles();
    first["speakers"] = json!("Zed Quillfeather");
    first["quotes"] = json!([{"said": "nothing"}]);
    let path = write(env.dir.path(), "archive.ndjson", lines(&[first, second]));
    let out = env.run(&["index", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for part in [
        "archive.ndjson",
        "line 1: \"speakers\" is not a list of strings",
        "line 1: \"quotes\" is not a list of quotes",
    ] {
        assert!(stderr.contains(part), "{part} not in {stderr}");
    }
    assert_eq!(env.documents(), 2);
    // The speaker and the quote come from the text again; the stated persons stay.
    let hits = search_all(&env, "speaker:wake");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        strings(&hits[0]["persons"]),
        ["Zed Quillfeather", "Tom Wake"]
    );
    assert!(search_all(&env, "speaker:quillfeather").is_empty());
}

/// Plain-text articles whose bodies reading one paragraph per line would change: a table
/// whose rows the writer broke, runs of spaces, a headline with two spaces.
fn awkward_articles(dir: &Path) {
    write(
        dir,
        "grain-prices.txt",
        "Grain  prices  steady at the council's weekly sale\n\n\
         LONDON, March 3 (Reuters) - The Grain Council reported these prices, in\n\
         pounds a tonne, at its weekly sale on Tuesday:\n\n\
         Wheat   155.50   154.00\n\
         Barley  131.25   130.75\n\
         Oats    120.00   --\n\
         All prices are for delivery to the council's store in Portville.\n\n\
         \"Demand from feed mills held up well,\" said Martin Vogt, the council's chief \
         economist. \"We see no reason for it to fall.\"\n",
    );
    write(
        dir,
        "harbour-notice.txt",
        "Harbour board publishes its winter timetable\n\n\
         By Jane Doe\n\n\
         The Portville harbour board said the channel would close for\n\
         dredging on these days:\n\
         Monday    06:00 to 18:00\n\
         Thursday  06:00 to 12:00\n\n\
         \"Ships will be told a week ahead,\" said Tom Wake, its chairman.\n",
    );
}

#[test]
fn an_archive_written_out_and_indexed_again_is_the_same() {
    let first = TestEnv::new();
    let awkward = first.dir.path().join("awkward");
    awkward_articles(&awkward);
    first.run_ok(&["index", "sample-corpus", awkward.to_str().unwrap()], 0);
    let shown = show_all(&first);
    assert!(shown.len() >= 32, "{}", shown.len());

    let second = TestEnv::new();
    let path = write(second.dir.path(), "exported.ndjson", lines(&shown));
    let out = second.run(&["index", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("newsidx: "), "warnings: {stderr}");
    let again = show_all(&second);
    assert_eq!(again.len(), shown.len());

    let key = |a: &Value| (a["headline"].to_string(), a["body"].to_string());
    let mut read_back: HashMap<_, &Value> = again.iter().map(|a| (key(a), a)).collect();
    for a in &shown {
        let b = read_back
            .remove(&key(a))
            .unwrap_or_else(|| panic!("headline and body not read back: {a}"));
        for k in KEPT {
            assert_eq!(a[k], b[k], "{k} of {}", a["path"]);
        }
    }
    // The awkward articles were written out as they are stored, and came back.
    let table = shown
        .iter()
        .find(|a| field(a, "headline").starts_with("Grain  prices"))
        .expect("the grain prices article");
    assert!(field(table, "body").contains("Wheat   155.50   154.00\nBarley"));
}

#[test]
fn reuters_extracted_and_read_back_is_the_same() {
    let Some(sgm) = shared("corpora/reuters21578/reut2-000.sgm") else {
        return;
    };
    let env = TestEnv::new();
    let out = env.run_ok(&["extract", "--json", sgm.to_str().unwrap()], 0);
    let path = write(env.dir.path(), "reuters.ndjson", &out);
    let again = env.run_ok(&["extract", "--json", path.to_str().unwrap()], 0);
    let (out, again) = (ndjson(&out), ndjson(&again));
    assert_eq!(out.len(), again.len());
    assert!(out.len() >= 900, "{}", out.len());
    for (a, b) in out.iter().zip(&again) {
        for k in KEPT {
            assert_eq!(a[k], b[k], "{k} of {}", a["path"]);
        }
    }
}
