//! Extraction scored against the gold annotations of `tests/gold/` by the rules of the
//! shared scorer `hooks/score.py` ([`score`]), with a precision and a recall floor per
//! set and field: the sample corpus always, the BBC and Reuters-21578 articles when the
//! shared folder is present. The floors sit a little under the figures measured when they
//! were set (given beside each), so that a change that loses names, or starts emitting
//! wrong ones, fails here rather than only in `scripts/eval-extraction`.

mod score;

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::common::{ndjson, repo_root, shared, strings, TestEnv};
use score::{score_article, Counts, Kind};

const FIELDS: [&str; 3] = ["speakers", "organizations", "persons"];

/// Lowest precision and recall allowed, per field in the order of [`FIELDS`].
struct Floors {
    set: &'static str,
    precision: [f64; 3],
    recall: [f64; 3],
}

/// Measured (tp/predicted/gold) when the floors were set:
/// speakers 148/177/169 (P 0.836, R 0.876), organizations 165/214/184 (P 0.771,
/// R 0.897), persons 134/144/136 (P 0.931, R 0.985).
const SAMPLE: Floors = Floors {
    set: "sample-corpus",
    precision: [0.81, 0.74, 0.90],
    recall: [0.85, 0.87, 0.96],
};

/// Measured: speakers 140/176/179 (P 0.795, R 0.782), organizations 207/293/284
/// (P 0.706, R 0.729), persons 213/262/223 (P 0.813, R 0.955).
const BBC: Floors = Floors {
    set: "bbc",
    precision: [0.77, 0.68, 0.79],
    recall: [0.76, 0.70, 0.93],
};

/// Measured: speakers 20/28/26 (P 0.714, R 0.769), organizations 50/66/54 (P 0.758,
/// R 0.926), persons 19/24/21 (P 0.792, R 0.905). Twenty articles: one name is 0.04
/// of a figure, and the floors allow about one.
const REUTERS: Floors = Floors {
    set: "reuters",
    precision: [0.67, 0.72, 0.75],
    recall: [0.73, 0.88, 0.85],
};

/// The lines of a gold file, keyed by their `file`.
fn gold(name: &str) -> Vec<(String, Value)> {
    let path = repo_root().join("tests/gold").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let line: Value = serde_json::from_str(l).unwrap();
            (line["file"].as_str().unwrap().to_string(), line)
        })
        .collect()
}

/// `newsidx extract --json ARGS`, keyed by each article's path less `strip`.
fn extract(env: &TestEnv, args: &[&str], strip: &str) -> HashMap<String, Value> {
    let mut all = vec!["extract", "--json"];
    all.extend(args);
    ndjson(&env.run_ok(&all, 0))
        .into_iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            let key = path.strip_prefix(strip).unwrap_or(path).to_string();
            (key, a)
        })
        .collect()
}

/// Counts per field over the gold articles; an article without a prediction counts
/// with nothing found, as the shared scorer counts it.
fn score_set(gold: &[(String, Value)], predicted: &HashMap<String, Value>) -> [Counts; 3] {
    let mut counts = [Counts::default(); 3];
    for (file, line) in gold {
        let prediction = predicted.get(file);
        assert!(prediction.is_some(), "no extraction of {file}");
        for (i, field) in FIELDS.iter().enumerate() {
            let got = prediction.map(|a| strings(&a[*field])).unwrap_or_default();
            counts[i].add(score_article(
                &got,
                &strings(&line[*field]),
                Kind::of(field),
            ));
        }
    }
    counts
}

/// Prints the figures and returns each floor that is not met.
fn below_floors(counts: &[Counts; 3], floors: &Floors) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, field) in FIELDS.iter().enumerate() {
        let c = counts[i];
        eprintln!(
            "{} {field}: {}/{}/{} (tp/predicted/gold), P {:.3}, R {:.3}",
            floors.set,
            c.tp,
            c.predicted,
            c.gold,
            c.precision(),
            c.recall()
        );
        if c.precision() < floors.precision[i] {
            problems.push(format!(
                "{} {field}: precision {:.3} under {}",
                floors.set,
                c.precision(),
                floors.precision[i]
            ));
        }
        if c.recall() < floors.recall[i] {
            problems.push(format!(
                "{} {field}: recall {:.3} under {}",
                floors.set,
                c.recall(),
                floors.recall[i]
            ));
        }
    }
    problems
}

#[test]
fn sample_corpus_gold_meets_its_precision_and_recall_floors() {
    let env = TestEnv::new();
    let gold = gold("sample-corpus.jsonl");
    let predicted = extract(&env, &["sample-corpus"], "");
    assert_eq!(gold.len(), predicted.len());
    let problems = below_floors(&score_set(&gold, &predicted), &SAMPLE);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn bbc_and_reuters_gold_meet_their_precision_and_recall_floors() {
    let Some(dir) = shared("corpora") else { return };
    let shared_dir = dir.parent().unwrap();
    let strip = format!("{}/", shared_dir.display());
    let env = TestEnv::new();
    let mut problems = Vec::new();
    for (name, floors, articles) in [("bbc.jsonl", &BBC, 60), ("reuters.jsonl", &REUTERS, 20)] {
        let gold = gold(name);
        assert_eq!(gold.len(), articles, "{name}");
        // Each file once (a Reuters file holds a thousand articles, several in the set).
        let mut files: Vec<String> = gold
            .iter()
            .map(|(f, _)| f.split('#').next().unwrap().to_string())
            .collect();
        files.sort();
        files.dedup();
        let paths: Vec<String> = files
            .iter()
            .map(|f| shared_dir.join(Path::new(f)).display().to_string())
            .collect();
        let args: Vec<&str> = paths.iter().map(String::as_str).collect();
        let predicted = extract(&env, &args, &strip);
        problems.extend(below_floors(&score_set(&gold, &predicted), floors));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
