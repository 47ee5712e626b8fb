//! Trains the name model embedded as `src/extract/data/names.model` from CoNLL-2003.
//!
//! Usage: train-tagger TRAIN.txt VALID.txt OUT.model [--epochs N] [--folds K]
//!        [--min-count C] [--seed S] [--runs R]
//!        [--listed GOLD.jsonl --root DIR [--except LIST.txt] [--weight W]]
//! Run through `scripts/train-tagger`, which passes the shared training data. The
//! validation file is only measured (exact names, per kind), never learned from.
//!
//! `--listed` adds news articles whose names a gold file lists ([`listed`]): a model
//! trained on CoNLL alone reads them, the lists correct it, and the final model learns
//! from CoNLL and them, each met `W` times an epoch. Articles named in `--except` (one
//! gold "file" a line) are left out, so that they can be measured.

use std::process::ExitCode;
use std::time::Instant;

use std::collections::HashSet;
use std::path::PathBuf;

use newsidx::extract::names::listed;
use newsidx::extract::names::train::{self, Document, Settings};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut settings = Settings::default();
    let (mut listed_files, mut root, mut except, mut weight) = (Vec::new(), None, None, 1);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--listed" | "--root" | "--except" => {
                let Some(v) = it.next() else {
                    eprintln!("train-tagger: {arg} needs a path");
                    return ExitCode::from(2);
                };
                match arg.as_str() {
                    "--listed" => listed_files.push(v.clone()),
                    "--root" => root = Some(PathBuf::from(v)),
                    _ => except = Some(v.clone()),
                }
                continue;
            }
            _ => {}
        }
        let mut value = |name: &str| -> Option<u64> {
            let v = it.next().and_then(|v| v.parse().ok());
            if v.is_none() {
                eprintln!("train-tagger: {name} needs a number");
            }
            v
        };
        match arg.as_str() {
            "--epochs" => match value("--epochs") {
                Some(v) => settings.epochs = v as usize,
                None => return ExitCode::from(2),
            },
            "--folds" => match value("--folds") {
                Some(v) => settings.folds = v as usize,
                None => return ExitCode::from(2),
            },
            "--min-count" => match value("--min-count") {
                Some(v) => settings.min_count = v as u32,
                None => return ExitCode::from(2),
            },
            "--seed" => match value("--seed") {
                Some(v) => settings.seed = v,
                None => return ExitCode::from(2),
            },
            "--runs" => match value("--runs") {
                Some(v) => settings.runs = v as usize,
                None => return ExitCode::from(2),
            },
            "--weight" => match value("--weight") {
                Some(v) => weight = v as usize,
                None => return ExitCode::from(2),
            },
            _ => files.push(arg.clone()),
        }
    }
    let [train_path, valid_path, out_path] = files.as_slice() else {
        eprintln!(
            "usage: train-tagger TRAIN.txt VALID.txt OUT.model [--epochs N] [--folds K] \
             [--min-count C] [--seed S] [--runs R] \
             [--listed GOLD.jsonl --root DIR [--except LIST.txt] [--weight W]]"
        );
        return ExitCode::from(2);
    };
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(text) => Some(
            train::read_conll(&text)
                .iter()
                .map(Document::from_conll)
                .collect::<Vec<_>>(),
        ),
        Err(err) => {
            eprintln!("train-tagger: cannot read {path}: {err}");
            None
        }
    };
    let (Some(mut training), Some(validation)) = (read(train_path), read(valid_path)) else {
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let log = |line: &str| eprintln!("{:>6.1}s {line}", started.elapsed().as_secs_f64());
    if !listed_files.is_empty() {
        let except: HashSet<String> = match &except {
            Some(path) => match std::fs::read_to_string(path) {
                Ok(text) => text.lines().map(|l| l.trim().to_string()).collect(),
                Err(err) => {
                    eprintln!("train-tagger: cannot read {path}: {err}");
                    return ExitCode::from(2);
                }
            },
            None => HashSet::new(),
        };
        let root = root.unwrap_or_else(|| PathBuf::from("."));
        let mut articles = Vec::new();
        for file in &listed_files {
            let found = std::fs::read_to_string(file)
                .map_err(|e| e.to_string())
                .and_then(|text| listed::articles(&text, &root, &except));
            match found {
                Ok(a) => articles.extend(a),
                Err(err) => {
                    eprintln!("train-tagger: {file}: {err}");
                    return ExitCode::from(2);
                }
            }
        }
        // The lists correct a model that learned from CoNLL alone, trained here: the
        // result depends on the data only, not on the model shipped before.
        log(&format!(
            "reading {} listed articles with a model trained on CoNLL alone",
            articles.len()
        ));
        let reader = train::train(&training, &settings, &log);
        for (raw, names) in &articles {
            let mut doc = listed::document(raw, names, &reader);
            doc.repeat = weight;
            training.push(doc);
        }
    }
    eprintln!(
        "training on {} documents, measuring on {}; {settings:?}",
        training.len(),
        validation.len()
    );
    let model = train::train(&training, &settings, &log);
    let bytes = model.to_bytes();
    eprintln!(
        "model: {} + {} features, {:.2} MB",
        model.first.weights.len(),
        model.second.weights.len(),
        bytes.len() as f64 / 1e6
    );
    eprint!(
        "validation, exact names:\n{}",
        train::evaluate(&model, &validation)
    );
    if let Err(err) = std::fs::write(out_path, bytes) {
        eprintln!("train-tagger: cannot write {out_path}: {err}");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
