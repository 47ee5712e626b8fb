//! Trains the name tagger shipped in `src/extract/data/tagger.bin` from CoNLL-2003 files,
//! and writes the gazetteer of training names it uses beside it.
//!
//! Usage: train-tagger TRAIN.txt VALID.txt OUT.bin GAZETTEER.tsv [EPOCHS] [KEEP]
//! Run through `scripts/train-tagger`, which passes the shared training data.

use std::process::ExitCode;

use newsidx::extract::tagger::{train, Model};

/// Folds of training documents for the gazetteer marks seen in training.
const FOLDS: usize = 10;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: train-tagger TRAIN.txt VALID.txt OUT.bin GAZETTEER.tsv [EPOCHS] [KEEP]");
        return ExitCode::from(2);
    }
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(text) => Some(train::read_conll(&text)),
        Err(err) => {
            eprintln!("train-tagger: cannot read {path}: {err}");
            None
        }
    };
    let (Some(mut training), Some(mut validation)) = (read(&args[1]), read(&args[2])) else {
        return ExitCode::from(2);
    };
    let epochs = args.get(5).and_then(|e| e.parse().ok()).unwrap_or(12);
    let keep = args.get(6).and_then(|k| k.parse().ok()).unwrap_or(120_000);
    eprintln!(
        "training on {} sentences, validating on {}, {epochs} epochs",
        training.len(),
        validation.len()
    );
    let names = train::gazetteer_of(training.iter());
    let gazetteer = names.build();
    eprintln!("gazetteer of {} names", gazetteer.len());
    train::mark(&mut validation, &gazetteer);
    train::mark_jackknifed(&mut training, FOLDS);
    let mut weights = train::train(&training, epochs);
    let all = weights.len();
    train::prune(&mut weights, keep);
    let model = Model::from_weights(&weights);
    eprintln!("kept {} of {all} features", model.len());
    eprint!("validation: {}", train::evaluate(&model, &validation));
    let written = std::fs::write(&args[3], model.to_bytes())
        .and_then(|()| std::fs::write(&args[4], names.to_text()));
    if let Err(err) = written {
        eprintln!(
            "train-tagger: cannot write {} or {}: {err}",
            args[3], args[4]
        );
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
