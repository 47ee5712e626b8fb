//! `newsidx export`: every match in NDJSON and CSV, orders and collapsed copies, the
//! round trip through `newsidx index`, and the Elasticsearch and Quickwit files checked
//! against the formats those engines document.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use common::{ndjson, TestEnv};
use serde_json::Value;

fn sample_env() -> TestEnv {
    let env = TestEnv::new();
    env.run_ok(&["index", "--quiet", "sample-corpus"], 0);
    env
}

/// The keys of `show --json`, which every exported NDJSON object has.
const KEYS: [&str; 14] = [
    "id",
    "group",
    "path",
    "headline",
    "source",
    "byline",
    "date",
    "dateline",
    "url",
    "speakers",
    "organizations",
    "persons",
    "quotes",
    "body",
];

/// Ids of every match of `query` as search lists them with every copy.
fn search_ids(env: &TestEnv, query: &str) -> BTreeSet<String> {
    let out = env.run(&[
        "search",
        "--json",
        "--all-copies",
        "--limit",
        "100000",
        query,
    ]);
    ndjson(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ndjson_export_is_every_match_as_show_prints_it() {
    let env = sample_env();
    let all = ndjson(&env.run_ok(&["export", "--quiet"], 0));
    assert_eq!(all.len() as u64, env.documents());
    for article in &all {
        let keys: BTreeSet<&str> = article
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, KEYS.into_iter().collect());
        let id = article["id"].as_str().unwrap();
        let shown = ndjson(&env.run_ok(&["show", "--json", id], 0));
        assert_eq!(&shown[0], article, "export and show differ for {id}");
    }
    // A query exports exactly what search finds, every copy included.
    for query in [
        "mackerel",
        "strike",
        "speaker:ashdown",
        "body:\"interest rates\"",
    ] {
        let exported: BTreeSet<String> = ndjson(&env.run_ok(&["export", "-q", query], 0))
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!exported.is_empty(), "{query} matches something");
        assert!(exported.len() < all.len(), "{query} is narrower than all");
        assert_eq!(exported, search_ids(&env, query), "{query}");
    }
    // Nothing found: exit 1 and no output; a malformed query: exit 2, named.
    assert_eq!(env.run_ok(&["export", "-q", "zzzqqqxxx"], 1), "");
    let bad = env.run(&["export", "headline:(unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("headline:(unclosed"));
}

/// Articles with known dates, two of them copies of one story.
fn dated_folder(dir: &Path) {
    let story =
        |headline: &str, date: &str, body: &str| format!("{headline}\n\n{date}\n\n{body}\n");
    let copy = "Harbour workers voted to strike over pay on Monday, the union said, in a \
                dispute that has closed the port twice this year and cost shippers millions. \
                The union's regional secretary said members had rejected a two per cent offer \
                as an insult after three years of rising prices. The port authority said it \
                regretted the decision and remained open to talks at any time. Shipping lines \
                have begun diverting vessels to other harbours along the coast, and hauliers \
                warned that queues of lorries would stretch for miles if the stoppage went \
                ahead as planned next week. Local businesses fear further losses.";
    let files = [
        ("a.txt", story("Port strike vote", "March 3, 2021", copy)),
        ("b.txt", story("Port strike vote, again", "March 5, 2021", copy)),
        (
            "c.txt",
            story(
                "Rail strike called off",
                "January 10, 2022",
                "Rail staff called off a strike planned for next week after talks.",
            ),
        ),
        (
            "d.txt",
            "Strike ends without a date\n\nThe strike at the mill ended after nine weeks of talks between the owners and staff.\n".to_string(),
        ),
        (
            "e.txt",
            story(
                "Teachers strike in spring",
                "April 20, 2020",
                "Teachers will strike for two days in spring, their union announced.",
            ),
        ),
    ];
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn date_order_and_collapsed_copies() {
    let env = TestEnv::new();
    let folder = env.dir.path().join("news");
    dated_folder(&folder);
    env.run_ok(&["index", "-q", folder.to_str().unwrap()], 0);

    let by_date = ndjson(&env.run_ok(&["export", "-q", "--sort", "date", "strike"], 0));
    let dates: Vec<Option<&str>> = by_date.iter().map(|a| a["date"].as_str()).collect();
    assert_eq!(
        dates,
        [
            Some("2022-01-10"),
            Some("2021-03-05"),
            Some("2021-03-03"),
            Some("2020-04-20"),
            None
        ]
    );

    let copies: Vec<&Value> = by_date
        .iter()
        .filter(|a| a["headline"].as_str().unwrap().starts_with("Port strike"))
        .collect();
    assert_eq!(copies.len(), 2);
    assert_eq!(
        copies[0]["group"], copies[1]["group"],
        "one duplicate group"
    );

    // Collapsed: one article per group, the first in the export's order.
    let collapsed = ndjson(&env.run_ok(
        &[
            "export",
            "-q",
            "--sort",
            "date",
            "--collapse-copies",
            "strike",
        ],
        0,
    ));
    let headlines: Vec<&str> = collapsed
        .iter()
        .map(|a| a["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        headlines,
        [
            "Rail strike called off",
            "Port strike vote, again",
            "Teachers strike in spring",
            "Strike ends without a date"
        ]
    );
    let groups: HashSet<&str> = collapsed
        .iter()
        .map(|a| a["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups.len(), collapsed.len());

    // Dates narrow the export as they narrow search.
    let spring = ndjson(&env.run_ok(
        &[
            "export",
            "-q",
            "--since",
            "2021-01-01",
            "--until",
            "2021-12-31",
            "strike",
        ],
        0,
    ));
    assert_eq!(spring.len(), 2);
}

#[test]
fn csv_export_has_a_header_and_one_row_per_article() {
    let env = sample_env();
    let out = env.run_ok(&["export", "-q", "--format", "csv"], 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "group",
            "path",
            "url",
            "headline",
            "source",
            "byline",
            "date",
            "dateline",
            "speakers",
            "organizations",
            "persons",
            "quotes",
            "body"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json = ndjson(&env.run_ok(&["export", "-q"], 0));
    assert_eq!(rows.len(), json.len());
    for (row, article) in rows.iter().zip(&json) {
        assert_eq!(&row[0], article["id"].as_str().unwrap());
        assert_eq!(&row[4], article["headline"].as_str().unwrap());
        assert_eq!(&row[13], article["body"].as_str().unwrap());
        let speakers: Vec<&str> = article["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(&row[9], speakers.join("; "));
    }
}

/// Index `file` into a new index and export it again.
fn reindexed(file: &Path) -> Vec<Value> {
    let env = TestEnv::new();
    env.run_ok(&["index", "-q", file.to_str().unwrap()], 0);
    ndjson(&env.run_ok(&["export", "-q"], 0))
}

#[test]
fn an_export_read_back_is_the_same_archive() {
    let env = sample_env();
    let exported = env.run_ok(&["export", "-q"], 0);
    let file = env.dir.path().join("archive.ndjson");
    std::fs::write(&file, &exported).unwrap();
    let before = ndjson(&exported);
    let after = reindexed(&file);
    assert_eq!(after.len(), before.len());
    // Ids and paths come from the file; everything else must be the same.
    let key = |a: &Value| (a["headline"].to_string(), a["body"].to_string());
    let after: BTreeMap<_, &Value> = after.iter().map(|a| (key(a), a)).collect();
    let mut names = 0;
    for article in &before {
        let again = after
            .get(&key(article))
            .unwrap_or_else(|| panic!("{} not read back", article["headline"]));
        for field in [
            "headline",
            "body",
            "date",
            "source",
            "byline",
            "dateline",
            "url",
            "speakers",
            "organizations",
            "persons",
            "quotes",
        ] {
            assert_eq!(
                article[field], again[field],
                "{field} of {}",
                article["headline"]
            );
        }
        names += article["speakers"].as_array().unwrap().len();
    }
    assert!(names > 30, "the sample corpus names speakers");
}

#[test]
fn engine_formats_need_a_new_folder() {
    let env = sample_env();
    let out = env.run(&["export", "--format", "elasticsearch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));

    let full = env.dir.path().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("keep.txt"), "mine").unwrap();
    let out = env.run(&[
        "export",
        "--format",
        "quickwit",
        "--out",
        full.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("full") && err.contains("not empty"), "{err}");
    assert_eq!(
        std::fs::read_to_string(full.join("keep.txt")).unwrap(),
        "mine"
    );
}

/// The numbered files `PREFIX-NNNN.ndjson` of an export folder, in order.
fn numbered(dir: &Path, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with(prefix) && name.ends_with(".ndjson")
        })
        .collect();
    files.sort();
    files
}

/// Every key of `doc` is declared in an Elasticsearch `properties` object, recursively
/// for objects and nested objects (the mapping is `"dynamic": "strict"`, so Elasticsearch
/// would refuse an undeclared field).
fn assert_declared(doc: &Value, properties: &Value, at: &str) {
    for (key, value) in doc.as_object().unwrap() {
        let declared = &properties[key];
        assert!(declared.is_object(), "{at}{key} is not in mapping.json");
        let values = match value {
            Value::Array(items) => items.clone(),
            Value::Null => vec![],
            other => vec![other.clone()],
        };
        for v in values {
            match declared["type"].as_str() {
                // Nested and object fields hold objects, described by their properties.
                Some("nested") | None => {
                    assert_declared(&v, &declared["properties"], &format!("{at}{key}."))
                }
                Some("date") => {
                    // "format": "strict_date" is yyyy-MM-dd.
                    let d = v.as_str().unwrap();
                    assert!(
                        d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
                        "{at}{key}: {d} is not yyyy-MM-dd"
                    );
                }
                Some("keyword" | "text") => assert!(v.is_string(), "{at}{key}: {v}"),
                Some(other) => panic!("{at}{key}: unexpected type {other}"),
            }
        }
    }
}

#[test]
fn elasticsearch_files_follow_the_bulk_api() {
    let env = sample_env();
    let dir = env.dir.path().join("es");
    env.run_ok(
        &[
            "export",
            "-q",
            "--format",
            "elasticsearch",
            "--name",
            "news",
            "--out",
            dir.to_str().unwrap(),
        ],
        0,
    );
    // mapping.json: the body of `PUT /news` (create index API): "settings" and
    // "mappings" with "properties".
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("mapping.json")).unwrap()).unwrap();
    let keys: BTreeSet<&str> = mapping
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, BTreeSet::from(["settings", "mappings"]));
    let mappings = &mapping["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    let properties = &mappings["properties"];
    // Prose uses the built-in english analyzer; names are text with a keyword subfield;
    // every custom analyzer a field names is defined in the settings.
    for prose in ["headline", "body"] {
        assert_eq!(properties[prose]["analyzer"], "english", "{prose}");
    }
    assert_eq!(properties["quotes"]["type"], "nested");
    assert_eq!(
        properties["quotes"]["properties"]["text"]["analyzer"],
        "english"
    );
    assert_eq!(properties["date"]["type"], "date");
    for name in ["speakers", "organizations", "persons", "source"] {
        assert_eq!(properties[name]["type"], "text", "{name}");
        assert_eq!(
            properties[name]["fields"]["keyword"]["type"], "keyword",
            "{name}"
        );
        let analyzer = properties[name]["analyzer"].as_str().unwrap();
        assert!(
            mapping["settings"]["analysis"]["analyzer"][analyzer].is_object(),
            "{analyzer} is defined"
        );
    }

    // Bulk files: newline-delimited JSON, an action line then a document line, the
    // body ending with a newline (the _bulk API's rules); each under 10 MB.
    let bulk = numbered(&dir, "bulk-");
    assert_eq!(bulk[0].file_name().unwrap(), "bulk-0001.ndjson");
    let mut ids = HashSet::new();
    for file in &bulk {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.ends_with('\n'),
            "{} ends with a newline",
            file.display()
        );
        assert!(text.len() < 10_000_000);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len() % 2, 0, "action and document lines alternate");
        for pair in lines.chunks(2) {
            let (action, doc) = (&pair[0], &pair[1]);
            let index = &action["index"];
            assert_eq!(action.as_object().unwrap().len(), 1, "{action}");
            assert_eq!(index["_index"], "news");
            let id = index["_id"].as_str().unwrap();
            assert_eq!(doc["id"], id, "_id is the newsidx id");
            assert!(ids.insert(id.to_string()), "{id} is sent once");
            assert_declared(doc, properties, "");
        }
    }
    assert_eq!(ids.len() as u64, env.documents());

    let load = std::fs::read_to_string(dir.join("LOAD.md")).unwrap();
    assert!(load.contains("--data-binary @mapping.json"));
    for file in &bulk {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(load.contains(&format!("@{name}")), "LOAD.md sends {name}");
    }
}

#[test]
fn quickwit_files_follow_its_index_config() {
    let env = sample_env();
    let dir = env.dir.path().join("qw");
    env.run_ok(
        &[
            "export",
            "-q",
            "--format",
            "quickwit",
            "--out",
            dir.to_str().unwrap(),
        ],
        0,
    );
    let config: Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(dir.join("index-config.yaml")).unwrap())
            .expect("index-config.yaml is YAML");
    // Index config format 0.9: version, index_id, doc_mapping with field_mappings.
    assert_eq!(config["version"], "0.9");
    assert_eq!(config["index_id"], "newsidx");
    let doc_mapping = &config["doc_mapping"];
    assert_eq!(doc_mapping["mode"], "strict");
    let fields: BTreeMap<&str, &Value> = doc_mapping["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f))
        .collect();
    // The timestamp field is a fast datetime (Quickwit requires both).
    let timestamp = doc_mapping["timestamp_field"].as_str().unwrap();
    assert_eq!(fields[timestamp]["type"], "datetime");
    assert_eq!(fields[timestamp]["fast"], true);
    assert!(fields[timestamp]["input_formats"]
        .as_array()
        .unwrap()
        .contains(&Value::from("rfc3339")));
    for prose in ["headline", "body"] {
        assert_eq!(fields[prose]["tokenizer"], "en_stem");
        assert_eq!(fields[prose]["record"], "position");
    }
    for name in ["speakers", "organizations", "persons"] {
        assert_eq!(fields[name]["type"], "array<text>");
        assert_eq!(fields[name]["tokenizer"], "raw");
        assert_eq!(fields[name]["fast"], true);
    }
    for field in config["search_settings"]["default_search_fields"]
        .as_array()
        .unwrap()
    {
        assert!(fields.contains_key(field.as_str().unwrap()));
    }

    // Every field of every document is declared, with a value of its type.
    let docs = numbered(&dir, "docs-");
    let mut count = 0;
    for file in &docs {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.len() < 10_000_000);
        for doc in ndjson(&text) {
            count += 1;
            for (key, value) in doc.as_object().unwrap() {
                let declared = fields
                    .get(key.as_str())
                    .unwrap_or_else(|| panic!("{key} is not in doc_mapping"));
                let kind = declared["type"].as_str().unwrap();
                match kind {
                    "text" => assert!(value.is_string(), "{key}: {value}"),
                    "array<text>" => {
                        assert!(value.as_array().unwrap().iter().all(Value::is_string))
                    }
                    "array<json>" => {
                        assert!(value.as_array().unwrap().iter().all(Value::is_object))
                    }
                    "datetime" => {
                        // RFC 3339: YYYY-MM-DDTHH:MM:SSZ.
                        let d = value.as_str().unwrap();
                        assert!(
                            d.len() == 20 && &d[10..11] == "T" && d.ends_with('Z'),
                            "{d}"
                        );
                    }
                    other => panic!("{key}: unexpected type {other}"),
                }
            }
        }
    }
    assert_eq!(count, env.documents());
    let load = std::fs::read_to_string(dir.join("LOAD.md")).unwrap();
    assert!(load.contains("quickwit index create --index-config index-config.yaml"));
    for file in &docs {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(load.contains(&format!("--input-path {name}")));
    }
}
