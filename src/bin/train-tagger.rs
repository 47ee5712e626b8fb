//! Trains the name tagger shipped in `src/extract/data/tagger.bin` from CoNLL-2003 files.
//!
//! Usage: train-tagger TRAIN.txt VALID.txt OUT.bin [EPOCHS] [KEEP]
//! Run through `scripts/train-tagger`, which passes the shared training data.

use std::process::ExitCode;

use newsidx::extract::tagger::{train, Model};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: train-tagger TRAIN.txt VALID.txt OUT.bin [EPOCHS] [KEEP]");
        return ExitCode::from(2);
    }
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(text) => Some(train::read_conll(&text)),
        Err(err) => {
            eprintln!("train-tagger: cannot read {path}: {err}");
            None
        }
    };
    let (Some(training), Some(validation)) = (read(&args[1]), read(&args[2])) else {
        return ExitCode::from(2);
    };
    let epochs = args.get(4).and_then(|e| e.parse().ok()).unwrap_or(8);
    let keep = args.get(5).and_then(|k| k.parse().ok()).unwrap_or(120_000);
    eprintln!(
        "training on {} sentences, validating on {}, {epochs} epochs",
        training.len(),
        validation.len()
    );
    let mut weights = train::train(&training, epochs);
    let all = weights.len();
    train::prune(&mut weights, keep);
    let model = Model::from_weights(&weights);
    eprintln!("kept {} of {all} features", model.len());
    eprint!("validation: {}", train::evaluate(&model, &validation));
    if let Err(err) = std::fs::write(&args[3], model.to_bytes()) {
        eprintln!("train-tagger: cannot write {}: {err}", args[3]);
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
