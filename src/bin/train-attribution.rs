//! Trains the attribution model embedded as `src/extract/data/attribution.model` from
//! PolNeAR's annotated articles, leaving out the ones listed as held out.
//!
//! Usage: train-attribution POLNEAR_DIR HELDOUT.txt OUT.model [--epochs N] [--seed S]
//!        [--nobody-margin M] [--folds K] [--rounds R] [--name-model FILE]
//! `--name-model` finds names with that model instead of the embedded one (attribution
//! learns from the names a name model finds: a name model being tried needs its own).
//! `--rounds` (5) perceptrons learn, each walking the articles in its own order, and the
//! model is the mean of their weights: steadier than one walk. With `--folds`, first
//! prints a K-fold cross-validation over the articles learned from (never the held-out
//! ones): what choosing settings is measured with.
//! POLNEAR_DIR holds `text/`, `attributions/` (brat files) and `attributions.jsonl`
//! (which of several annotators' files to read). Run through
//! `scripts/train-attribution`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use newsidx::extract::attribution::train::{self, Example, Settings};

/// The annotation file of an article: the one whose contents `attributions.jsonl`
/// lists, else the first in name order.
fn annotation(dir: &Path, stem: &str, text: &str, listed: Option<&Vec<String>>) -> Option<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("attributions"))
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".ann"))
                .and_then(|n| n.rsplit_once('_'))
                .is_some_and(|(s, _)| s == stem)
        })
        .collect();
    files.sort();
    let read: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let contents = |ann: &String| {
        let mut c: Vec<String> = train::read_brat(text, ann)
            .into_iter()
            .map(|a| a.content_text)
            .collect();
        c.sort();
        c
    };
    if let Some(listed) = listed {
        let mut want = listed.clone();
        want.sort();
        if let Some(found) = read.iter().find(|a| contents(a) == want) {
            return Some(found.clone());
        }
    }
    read.into_iter().next()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut settings = Settings::default();
    let mut files = Vec::new();
    let mut folds = 0usize;
    let mut fold_prefix: Option<String> = None;
    let mut name_model: Option<String> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--epochs" => settings.epochs = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--seed" => settings.seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--rounds" => settings.rounds = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--nobody-margin" => {
                settings.nobody_margin = it.next().and_then(|v| v.parse().ok()).unwrap_or(f32::NAN)
            }
            "--folds" => folds = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--write-folds" => fold_prefix = it.next().cloned(),
            "--name-model" => name_model = it.next().cloned(),
            _ => files.push(arg.clone()),
        }
    }
    let [dir, heldout, out] = files.as_slice() else {
        eprintln!(
            "usage: train-attribution POLNEAR_DIR HELDOUT.txt OUT.model [--epochs N] [--seed S] \
             [--nobody-margin M] [--folds K] [--rounds R] [--name-model FILE]"
        );
        return ExitCode::from(2);
    };
    if let Some(path) = &name_model {
        let loaded = newsidx::extract::names::use_model_file(Path::new(path))
            .and_then(|()| newsidx::extract::names::check_model().map(|_| ()));
        if let Err(e) = loaded {
            eprintln!("train-attribution: {e}");
            return ExitCode::from(2);
        }
    }
    if settings.epochs == 0 {
        eprintln!("train-attribution: --epochs needs a positive number");
        return ExitCode::from(2);
    }
    if settings.rounds == 0 {
        eprintln!("train-attribution: --rounds needs a positive number");
        return ExitCode::from(2);
    }
    if !settings.nobody_margin.is_finite() {
        eprintln!("train-attribution: --nobody-margin needs a number");
        return ExitCode::from(2);
    }
    let dir = Path::new(dir);
    let Ok(heldout) = std::fs::read_to_string(heldout) else {
        eprintln!("train-attribution: cannot read {heldout}");
        return ExitCode::from(2);
    };
    let heldout: Vec<&str> = heldout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut listed = std::collections::HashMap::new();
    if let Ok(jsonl) = std::fs::read_to_string(dir.join("attributions.jsonl")) {
        for line in jsonl.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                let file = v["file"].as_str().unwrap_or("").to_string();
                let contents: Vec<String> = v["attributions"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x["content"].as_str().unwrap_or("").to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                listed.insert(file, contents);
            }
        }
    }
    let mut names: Vec<String> = match std::fs::read_dir(dir.join("text")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".txt"))
            .collect(),
        Err(err) => {
            eprintln!(
                "train-attribution: cannot read {}/text: {err}",
                dir.display()
            );
            return ExitCode::from(2);
        }
    };
    names.sort();
    let tuning: Vec<String> = names
        .into_iter()
        .filter(|n| !heldout.contains(&n.as_str()))
        .collect();
    let started = Instant::now();
    let log = |line: &str| eprintln!("{:>6.1}s {line}", started.elapsed().as_secs_f64());
    let read: Vec<(String, Example)> = tuning
        .par_iter()
        .filter_map(|name| {
            let text = std::fs::read_to_string(dir.join("text").join(name)).ok()?;
            let stem = name.strip_suffix(".txt")?;
            let ann = annotation(dir, stem, &text, listed.get(name))?;
            Some((
                name.clone(),
                Example::new(name, &text, train::read_brat(&text, &ann)),
            ))
        })
        .collect();
    let (tuning_names, examples): (Vec<String>, Vec<Example>) = read.into_iter().unzip();
    log(&format!(
        "{} articles to learn from ({} held out)",
        examples.len(),
        heldout.len()
    ));
    if folds > 1 {
        eprint!(
            "cross-validation in {folds} parts of the articles learned from:\n{}",
            train::cross_validate(&examples, folds, &settings)
        );
        if let Some(prefix) = &fold_prefix {
            // Each part's model (trained on the others) and the part's articles, so that
            // the shared scorer can measure the cross-validation too.
            for fold in 0..folds {
                let model = train::train_fold(&examples, folds, fold, &settings);
                let names: Vec<&str> = tuning_names
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % folds == fold)
                    .map(|(_, n)| n.as_str())
                    .collect();
                let written = std::fs::write(format!("{prefix}-{fold}.model"), model.to_bytes())
                    .and_then(|()| {
                        std::fs::write(format!("{prefix}-{fold}.txt"), names.join("\n"))
                    });
                if let Err(err) = written {
                    eprintln!("train-attribution: cannot write {prefix}-{fold}: {err}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    let model = train::train(&examples, &settings, &log);
    eprint!(
        "on the articles learned from:\n{}",
        train::evaluate(&model, &examples)
    );
    let bytes = model.to_bytes();
    if let Err(err) = std::fs::write(out, &bytes) {
        eprintln!("train-attribution: cannot write {out}: {err}");
        return ExitCode::from(2);
    }
    log(&format!(
        "{} features, {} bytes written to {out}",
        model.weights.len(),
        bytes.len()
    ));
    ExitCode::SUCCESS
}
