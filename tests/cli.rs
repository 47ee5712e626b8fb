//! End-to-end tests of the `newsidx` binary: indexing, searching, extraction against the
//! reviewed fixtures, exit codes; the input formats in `formats/`.

mod common;
mod controls;
mod extraction;
mod formats;

use std::path::Path;

use common::{emitted, found, ndjson, shared, strings, TestEnv};
use serde_json::Value;

fn sample_articles() -> usize {
    std::fs::read_dir(common::repo_root().join("sample-corpus"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count()
}

#[test]
fn index_sample_corpus_and_reindex_without_duplicates() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    let n = sample_articles() as u64;
    assert!(n >= 30);
    assert_eq!(env.documents(), n);
    // Again, and through another spelling of the same folder: still one document each.
    env.run_ok(&["index", "sample-corpus"], 0);
    env.run_ok(&["index", "./sample-corpus/"], 0);
    assert_eq!(env.documents(), n);
}

#[test]
fn field_searches_and_json_hits() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    for query in [
        "speaker:vogt",
        "org:\"grain council\"",
        "person:erdoğan",
        "headline:wheat",
        "quote:bearish",
        "source:reuters",
        "\"Black Sea\" AND wheat",
        "wheat -headline:wheat OR headline:wheat",
    ] {
        let out = env.run_ok(&["search", "--json", query], 0);
        let hits = ndjson(&out);
        assert!(!hits.is_empty(), "{query}");
        for h in &hits {
            for key in [
                "id",
                "path",
                "score",
                "headline",
                "source",
                "date",
                "speakers",
                "organizations",
                "persons",
                "snippet",
            ] {
                assert!(h.get(key).is_some(), "{query}: hit lacks {key}: {h}");
            }
        }
    }
    let hits = ndjson(&env.run_ok(&["search", "--json", "speaker:vogt"], 0));
    assert!(hits[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("02-grain-council-forecast.txt"));
    assert!(strings(&hits[0]["speakers"])
        .iter()
        .any(|s| s == "Martina Vogt"));
}

/// An article whose names and words each sit in one field only: a byline that is no
/// speaker, a person named but never quoted, an organization, and words inside and
/// outside the one quotation.
const SCOPED_ARTICLE: &str = "Harbour board approves dredging plan
By Oskar Brandvold

PORTVILLE - The harbour board approved the dredging plan on Tuesday, ending two years of delays over the cost of the work.

\"We will finish the channel by May, and the ships will come,\" said Tom Wake, the board's chairman.

Engineers from Kestrel Dredging Ltd will start in March. The plan was first drawn up by Ingrid Halvorsen, a former mayor who died in 2019.
";

#[test]
fn field_queries_find_nothing_outside_their_field() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("scoped");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("harbour.txt");
    std::fs::write(&file, SCOPED_ARTICLE).unwrap();
    // What extraction made of it, so that each query below asks what it claims to.
    let a = &ndjson(&env.run_ok(&["extract", "--json", file.to_str().unwrap()], 0))[0];
    assert_eq!(a["byline"], "Oskar Brandvold", "{a}");
    let names = |key: &str| strings(&a[key]).join(" ").to_lowercase();
    assert!(!names("speakers").contains("brandvold"), "{a}");
    assert!(!names("speakers").contains("halvorsen"), "{a}");
    assert!(names("persons").contains("halvorsen"), "{a}");
    assert!(!names("organizations").contains("halvorsen"), "{a}");
    assert!(names("organizations").contains("kestrel"), "{a}");
    assert!(!names("persons").contains("kestrel"), "{a}");
    let quotes: Vec<String> = a["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(quotes.iter().any(|q| q.contains("channel")), "{a}");
    assert!(!quotes.iter().any(|q| q.contains("delays")), "{a}");

    env.run_ok(&["index", "--quiet", dir.to_str().unwrap()], 0);
    // Each term is in the index, in its own field ...
    for query in [
        "byline:brandvold",
        "person:halvorsen",
        "halvorsen",
        "org:kestrel",
        "kestrel",
        "delays",
        "quote:channel",
        "speaker:wake",
    ] {
        let hits = ndjson(&env.run_ok(&["search", "--json", query], 0));
        assert_eq!(hits.len(), 1, "{query}");
    }
    // ... and no other field answers for it.
    for query in [
        // A name that is only the byline is no speaker, nor a person.
        "speaker:brandvold",
        "person:brandvold",
        // A person named in the body but never quoted is no speaker, nor an organization.
        "speaker:halvorsen",
        "org:halvorsen",
        // An organization is no person.
        "person:kestrel",
        // A word of the body outside every quotation is no quotation's word.
        "quote:delays",
        // A speaker's name is not quoted text, nor a byline.
        "quote:wake",
        "byline:wake",
    ] {
        let out = env.run(&["search", "--json", query]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{query} should find nothing: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn search_pages_with_limit_and_offset() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    let all = ndjson(&env.run_ok(&["search", "--json", "--limit", "50", "said"], 0));
    assert!(all.len() > 4);
    let page = ndjson(&env.run_ok(
        &["search", "--json", "--limit", "2", "--offset", "2", "said"],
        0,
    ));
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["id"], all[2]["id"]);
    assert_eq!(page[1]["id"], all[3]["id"]);
}

#[test]
fn text_output_emphasises_matches_without_colour_when_piped() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    let out = env.run_ok(&["search", "mackerel"], 0);
    assert!(
        out.contains("*mackerel*") || out.contains("*Mackerel*"),
        "{out}"
    );
    assert!(!out.contains('\x1b'));
    let coloured = env.run_ok(&["--color", "always", "search", "mackerel"], 0);
    assert!(coloured.contains('\x1b'));
}

#[test]
fn exit_codes() {
    let env = TestEnv::new();
    // No index yet.
    let out = env.run(&["search", "anything"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at"));
    env.run_ok(&["index", "sample-corpus"], 0);
    env.run_ok(&["search", "zxqvbnonexistentword"], 1);
    let out = env.run(&["search", "headline:("]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("newsidx: invalid query \"headline:(\""),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // A missing folder is reported and skipped; the rest is indexed.
    let out = env.run(&["index", "no-such-folder", "sample-corpus"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

#[test]
fn windows_1252_file_is_read_with_a_warning() {
    let env = TestEnv::new();
    let out = env.run(&[
        "extract",
        "--json",
        "sample-corpus/15-film-festival-prize.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("windows-1252"));
    let a = &ndjson(&String::from_utf8_lossy(&out.stdout))[0];
    assert!(a["body"].as_str().unwrap().contains("Zoë"));
}

/// How one extracted article compares with its reviewed fixture.
#[derive(Default)]
struct Comparison {
    /// Layout fields that differ (headline, source, byline, date, dateline, body).
    layout: Vec<String>,
    /// Required names: (found, total) per field, and the misses.
    required: [(usize, usize); 3],
    misses: Vec<String>,
    /// Forbidden names that were emitted.
    forbidden: Vec<String>,
    /// Names emitted that the fixture neither requires nor allows.
    unlisted: Vec<String>,
    emitted: usize,
    /// Quotes found with the right speaker, out of the fixture's quotes.
    quotes_right: usize,
    quotes_total: usize,
    quote_problems: Vec<String>,
}

const ENTITY_FIELDS: [&str; 3] = ["speakers", "organizations", "persons"];

fn compare(a: &Value, fx: &Value) -> Comparison {
    let mut c = Comparison::default();
    for key in ["headline", "source", "byline", "date", "dateline"] {
        if a[key] != fx[key] {
            c.layout
                .push(format!("{key}: got {}, want {}", a[key], fx[key]));
        }
    }
    let body = a["body"].as_str().unwrap_or_default();
    if !body.starts_with(fx["body_starts_with"].as_str().unwrap()) {
        c.layout.push(format!(
            "body starts {:?}",
            body.chars().take(80).collect::<String>()
        ));
    }
    for bad in strings(&fx["body_must_not_contain"]) {
        if body.contains(&bad) {
            c.layout.push(format!("body contains {bad:?}"));
        }
    }
    for (i, key) in ENTITY_FIELDS.iter().enumerate() {
        let got = strings(&a[*key]);
        c.emitted += got.len();
        let required = strings(&fx[*key]["required"]);
        c.required[i].1 = required.len();
        for req in &required {
            if found(req, &got) {
                c.required[i].0 += 1;
            } else {
                c.misses.push(format!("{key} missing {req:?}"));
            }
        }
        for bad in strings(&fx[*key]["forbidden"]) {
            if emitted(&bad, &got) {
                c.forbidden.push(format!("{key} has forbidden {bad:?}"));
            }
        }
        // Whole names: an allowed "council" allows the name "council", not every name
        // holding the word.
        let listed: Vec<String> = ["required", "allowed"]
            .iter()
            .flat_map(|k| strings(&fx[*key][*k]))
            .flat_map(|x| x.split('|').map(common::norm).collect::<Vec<_>>())
            .collect();
        for g in got {
            if !listed.contains(&common::norm(&g)) {
                c.unlisted.push(format!("{key}: {g}"));
            }
        }
    }
    let quotes = a["quotes"].as_array().cloned().unwrap_or_default();
    for q in fx["quotes"].as_array().unwrap() {
        c.quotes_total += 1;
        let want = q["contains"].as_str().unwrap();
        let speaker = q["speaker"].as_str().unwrap();
        match quotes
            .iter()
            .find(|g| g["text"].as_str().unwrap_or_default().contains(want))
        {
            None => c
                .quote_problems
                .push(format!("no quote containing {want:?}")),
            Some(g) => {
                let got: Vec<String> = g["speaker"]
                    .as_str()
                    .map(|s| vec![s.to_string()])
                    .unwrap_or_default();
                if found(speaker, &got) {
                    c.quotes_right += 1;
                } else {
                    c.quote_problems.push(format!(
                        "quote {want:?} by {}, want {speaker}",
                        g["speaker"]
                    ));
                }
            }
        }
    }
    c
}

/// Quality floors for the sample corpus. Layout fields must match exactly; names and
/// quotes are held to these aggregate floors, so a regression fails the test. Every
/// difference is printed with `--nocapture`.
///
/// The fixtures were the set the earlier hand-written rules were tuned on, and those
/// rules held floors of 0.99 for persons, 0.88 for organizations and 0.95 for quotes
/// here while scoring far lower on articles nobody tuned on. The floors sit a little under
/// what the models reach now, each allowing about two more errors; how extraction
/// generalizes is measured by `scripts/eval-extraction` on sets kept out of training, and
/// its precision and recall on the gold sets are floors in `extraction/`.
///
/// Measured when last set: required names found, speakers 152 of 169 (0.899),
/// organizations 161 of 184 (0.875), persons 134 of 136 (0.985); quotes with the right
/// speaker 127 of 133 (0.955); forbidden names emitted 27; names neither required nor
/// allowed (as whole names) 57 of 527 emitted (0.108).
const MIN_REQUIRED_FOUND: [f64; 3] = [0.88, 0.86, 0.97];
const MIN_QUOTES_RIGHT: f64 = 0.93;
const MAX_FORBIDDEN: usize = 30;
const MAX_UNLISTED_SHARE: f64 = 0.12;

#[test]
fn extraction_matches_the_reviewed_fixtures() {
    let env = TestEnv::new();
    let out = env.run_ok(&["extract", "--json", "sample-corpus"], 0);
    let articles = ndjson(&out);
    assert_eq!(articles.len(), sample_articles());
    let mut layout = Vec::new();
    let mut required = [(0, 0); 3];
    let (mut forbidden, mut unlisted, mut emitted_total, mut quotes_right, mut quotes_total) =
        (0, 0, 0, 0, 0);
    for a in &articles {
        let path = a["path"].as_str().unwrap();
        let name = Path::new(path).file_stem().unwrap().to_str().unwrap();
        let fixture = common::repo_root().join(format!("tests/fixtures/sample/{name}.json"));
        let fx: Value = serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
        let c = compare(a, &fx);
        for line in c
            .misses
            .iter()
            .chain(&c.forbidden)
            .chain(&c.unlisted)
            .chain(&c.quote_problems)
        {
            eprintln!("{name}: {line}");
        }
        layout.extend(c.layout.iter().map(|l| format!("{name}: {l}")));
        for (total, (found, all)) in required.iter_mut().zip(c.required) {
            total.0 += found;
            total.1 += all;
        }
        forbidden += c.forbidden.len();
        unlisted += c.unlisted.len();
        emitted_total += c.emitted;
        quotes_right += c.quotes_right;
        quotes_total += c.quotes_total;
    }
    let share = |(a, b): (usize, usize)| a as f64 / b.max(1) as f64;
    for (i, key) in ENTITY_FIELDS.iter().enumerate() {
        eprintln!(
            "{key}: {} of {} required names found",
            required[i].0, required[i].1
        );
    }
    eprintln!("quotes: {quotes_right} of {quotes_total} with the right speaker; forbidden names emitted: {forbidden}; unlisted: {unlisted} of {emitted_total}");
    assert!(
        layout.is_empty(),
        "layout fields differ:\n{}",
        layout.join("\n")
    );
    for (i, key) in ENTITY_FIELDS.iter().enumerate() {
        assert!(
            share(required[i]) >= MIN_REQUIRED_FOUND[i],
            "{key}: only {}/{} required names found",
            required[i].0,
            required[i].1
        );
    }
    assert!(
        share((quotes_right, quotes_total)) >= MIN_QUOTES_RIGHT,
        "only {quotes_right}/{quotes_total} quotes attributed right"
    );
    assert!(
        forbidden <= MAX_FORBIDDEN,
        "{forbidden} forbidden names emitted"
    );
    assert!(
        share((unlisted, emitted_total)) <= MAX_UNLISTED_SHARE,
        "{unlisted} of {emitted_total} names are outside the fixtures"
    );
}

/// Attributions of the reference's `quotes_by` that extraction gets wrong, with the
/// speaker it gives instead. Strict: an entry that extraction gets right (or wrong in
/// another way) fails the test until it is updated here.
/// None at present. "..., Xinhua quoted Zheng as telling Baucus" gave the agency until a
/// retraining of the attribution model; it is a close call (`extract --explain` weighs
/// Zheng +19.1 against Xinhua +18.1), so it may come back with the next.
const SEED_MISATTRIBUTED: &[(&str, &str, &str)] = &[];

#[test]
fn user_article_meets_its_reference_extraction() {
    let Some(seed) = shared("seed") else { return };
    let env = TestEnv::new();
    let article = seed.join("article.txt");
    let out = env.run_ok(&["extract", "--json", article.to_str().unwrap()], 0);
    let a = &ndjson(&out)[0];
    let fx: Value =
        serde_json::from_str(&std::fs::read_to_string(seed.join("expected.json")).unwrap())
            .unwrap();
    let mut problems = Vec::new();
    if a["headline"] != fx["headline"] {
        problems.push(format!("headline {}", a["headline"]));
    }
    if a["source"] != fx["source"] {
        problems.push(format!("source {}", a["source"]));
    }
    let body = a["body"].as_str().unwrap();
    if !body.starts_with(fx["body_starts_with"].as_str().unwrap()) {
        problems.push("body start".into());
    }
    for bad in strings(&fx["body_must_not_contain"]) {
        if body.contains(&bad) {
            problems.push(format!("body contains {bad}"));
        }
    }
    for key in ["speakers", "organizations", "persons"] {
        let got = strings(&a[key]);
        for req in strings(&fx[key]["required"]) {
            if !found(&req, &got) {
                problems.push(format!("{key} missing {req}"));
            }
        }
        for bad in strings(&fx[key]["forbidden"]) {
            if emitted(&bad, &got) {
                problems.push(format!("{key} has forbidden {bad}"));
            }
        }
    }
    // Every attribution of `quotes_by`: a quotation holding the words, by the speaker the
    // reference names (matched as seedcheck.py matches names), unless listed as a known
    // error above, which must then still be that error.
    let quotes = a["quotes"].as_array().unwrap();
    let by = fx["quotes_by"].as_object().unwrap();
    let mut checked = 0;
    for (speaker, fragments) in by {
        for fragment in strings(fragments) {
            checked += 1;
            let Some(q) = quotes
                .iter()
                .find(|q| q["text"].as_str().unwrap().contains(&fragment))
            else {
                problems.push(format!("no quotation holds {fragment:?}"));
                continue;
            };
            let got = q["speaker"].as_str().map(str::to_string);
            let right = found(speaker, got.as_slice());
            let known = SEED_MISATTRIBUTED
                .iter()
                .find(|(s, f, _)| s == speaker && *f == fragment);
            match (right, known) {
                (true, None) => {}
                (false, Some((_, _, wrong))) if got.as_deref() == Some(wrong) => {}
                (_, Some(_)) => problems.push(format!(
                    "{fragment:?} is now by {got:?}: update SEED_MISATTRIBUTED"
                )),
                (false, None) => problems.push(format!("{fragment:?} by {got:?}, want {speaker}")),
            }
        }
    }
    assert_eq!(checked, 5, "the reference's quotes_by changed");
    assert!(problems.is_empty(), "{problems:?}");

    // Indexed among the sample articles, it is the one article found by its speakers and
    // organizations, and one of two naming Xinhua.
    env.run_ok(
        &[
            "index",
            "--quiet",
            article.to_str().unwrap(),
            "sample-corpus",
        ],
        0,
    );
    let path = std::fs::canonicalize(&article).unwrap();
    let paths = |query: &str| -> Vec<String> {
        ndjson(&env.run_ok(&["search", "--json", "--all-copies", query], 0))
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    };
    for query in [
        "speaker:\"Cui Tiankai\"",
        "org:Alcoa",
        "speaker:zheng cyberspying",
        "quote:\"tit for tat\"",
    ] {
        assert_eq!(paths(query), [path.to_str().unwrap()], "{query}");
    }
    let xinhua = paths("org:xinhua");
    assert_eq!(xinhua.len(), 2, "{xinhua:?}");
    assert!(xinhua.iter().any(|p| p == path.to_str().unwrap()));
    assert!(xinhua
        .iter()
        .any(|p| p.ends_with("33-china-rare-earth-controls.txt")));
}

#[test]
fn bbc_corpus_indexes_once_and_finds_the_latin1_article() {
    let Some(bbc) = shared("corpora/bbc") else {
        return;
    };
    let env = TestEnv::new();
    let bbc = bbc.to_str().unwrap();
    let out = env.run(&["index", bbc]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("sport/199.txt: not valid UTF-8"));
    assert_eq!(env.documents(), 2225);
    env.run_ok(&["index", "--quiet", bbc], 0);
    assert_eq!(env.documents(), 2225);
    let hits = ndjson(&env.run_ok(&["search", "--json", "headline:\"Chelsea sack Mutu\""], 0));
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["path"].as_str().unwrap().ends_with("sport/199.txt"));
    // The BBC articles state no dates: a timeline puts every match on the undated line.
    for all_copies in [false, true] {
        let (dated, undated) = common::timeline_counts(&env, "government", all_copies);
        assert_eq!(dated, 0);
        assert_eq!(
            undated,
            common::search_count(&env, "government", all_copies)
        );
    }
}

#[test]
fn a_missing_or_damaged_model_is_an_error_naming_the_file() {
    let env = TestEnv::new();
    let article = "sample-corpus/01-harbour-dredging-contract.txt";
    let damaged = env.dir.path().join("damaged.model");
    let embedded = std::fs::read(common::repo_root().join("src/extract/data/names.model")).unwrap();
    std::fs::write(&damaged, &embedded[..embedded.len() / 2]).unwrap();
    let missing = env.dir.path().join("missing.model");
    let names_model = common::repo_root().join("src/extract/data/names.model");
    for (option, file) in [
        ("--name-model", &damaged),
        ("--name-model", &missing),
        ("--attribution-model", &damaged),
        // A model of the other kind is refused too.
        ("--attribution-model", &names_model),
    ] {
        let out = env.run(&[option, file.to_str().unwrap(), "extract", article]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{option} {file:?}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "{option} {file:?} printed an article"
        );
        assert!(
            stderr.contains(file.to_str().unwrap()),
            "{option} {file:?}: the message does not name the file: {stderr}"
        );
    }
    // The embedded models, given by path, work as the embedded ones do.
    let attribution = common::repo_root().join("src/extract/data/attribution.model");
    let by_path = env.run_ok(
        &[
            "--name-model",
            names_model.to_str().unwrap(),
            "--attribution-model",
            attribution.to_str().unwrap(),
            "extract",
            "--json",
            article,
        ],
        0,
    );
    assert_eq!(by_path, env.run_ok(&["extract", "--json", article], 0));
}

#[test]
fn explain_gives_the_evidence_for_names_and_speakers() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(
        &file,
        "Port authority signs dredging deal\n\n\
         The Harwich Port Authority signed a contract with Brenner Wasserbau GmbH on Monday.\n\n\
         \"The channel will be ready by spring,\" said Margaret Ellison, the authority's chief executive.\n\n\
         The Society for the Protection of the Estuary (SPE) objected.\n",
    )
    .unwrap();
    let out = env.run_ok(&["extract", "--explain", file.to_str().unwrap()], 0);
    for want in [
        "organization Harwich Port Authority",
        "organization Brenner Wasserbau GmbH",
        "person       Margaret Ellison",
        "margin",
        "speaker Margaret Ellison",
        "cue \"said\"",
        "organization Society for the Protection of the Estuary",
        "its extent is the words \"SPE\" in brackets spells",
    ] {
        assert!(out.contains(want), "no {want:?} in:\n{out}");
    }
}
