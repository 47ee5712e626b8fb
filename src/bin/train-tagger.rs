//! Trains the name model embedded as `src/extract/data/names.model` from CoNLL-2003.
//!
//! Usage: train-tagger TRAIN.txt VALID.txt OUT.model [--epochs N] [--folds K]
//!        [--min-count C] [--seed S] [--runs R]
//! Run through `scripts/train-tagger`, which passes the shared training data. The
//! validation file is only measured (exact names, per kind), never learned from.

use std::process::ExitCode;
use std::time::Instant;

use newsidx::extract::names::train::{self, Document, Settings};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut settings = Settings::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
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
            _ => files.push(arg.clone()),
        }
    }
    let [train_path, valid_path, out_path] = files.as_slice() else {
        eprintln!("usage: train-tagger TRAIN.txt VALID.txt OUT.model [--epochs N] [--folds K] [--min-count C] [--seed S] [--runs R]");
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
    let (Some(training), Some(validation)) = (read(train_path), read(valid_path)) else {
        return ExitCode::from(2);
    };
    eprintln!(
        "training on {} documents, measuring on {}; {settings:?}",
        training.len(),
        validation.len()
    );
    let started = Instant::now();
    let log = |line: &str| eprintln!("{:>6.1}s {line}", started.elapsed().as_secs_f64());
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
