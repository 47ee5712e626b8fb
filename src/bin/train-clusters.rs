//! Learns the word clusters embedded as `src/extract/data/clusters.txt` from unlabelled
//! news text, by Brown clustering of lowercased words (digits as 0).
//!
//! Usage: train-clusters OUT.txt [--clusters C] [--min-count M] [--skip LIST]
//!        [--phrases PHRASES.txt] [--conll FILE]... PATH...
//! With `--phrases`, also writes the names joined by "and" that the text shows (see
//! `names::phrases`).
//! PATHs are article files or folders in any format newsidx reads; `--conll` adds the
//! text of a CoNLL-2003 file; `--skip` names a file of locator endings, one a line,
//! whose articles are left out (the sets that measure extraction). Run through
//! `scripts/train-clusters`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use newsidx::extract::names::brown::{self, Corpus};
use newsidx::extract::names::{phrases, train};
use newsidx::extract::{layout, Paragraph};

/// A word as it is clustered: lowercased, every digit a 0.
fn normalise(token: &str) -> String {
    token
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn add_text(corpus: &mut Corpus, phrases: &mut phrases::Learner, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for para in layout::paragraphs(&lines) {
        let p = Paragraph::new(para);
        for s in &p.sentences {
            let words: Vec<String> = s
                .clone()
                .map(|i| normalise(p.tokens[i].text(&p.text)))
                .collect();
            corpus.add(&words);
            let written: Vec<&str> = s.clone().map(|i| p.tokens[i].text(&p.text)).collect();
            phrases.add(&written);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut clusters, mut min_count) = (300usize, 3u64);
    let (mut skip, mut conll, mut paths) = (Vec::new(), Vec::new(), Vec::new());
    let mut out = None;
    let mut phrases_out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--clusters" => clusters = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--min-count" => min_count = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--skip" => match it.next().map(std::fs::read_to_string) {
                Some(Ok(text)) => skip.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from),
                ),
                _ => {
                    eprintln!("train-clusters: --skip needs a readable file");
                    return ExitCode::from(2);
                }
            },
            "--conll" => conll.extend(it.next().cloned()),
            "--phrases" => phrases_out = it.next().cloned(),
            _ if out.is_none() => out = Some(arg.clone()),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let Some(out) = out.filter(|_| clusters > 0 && min_count > 0) else {
        eprintln!("usage: train-clusters OUT.txt [--clusters C] [--min-count M] [--skip LIST] [--conll FILE]... PATH...");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let log = |line: &str| eprintln!("{:>7.1}s {line}", started.elapsed().as_secs_f64());
    let mut corpus = Corpus::default();
    let mut learner = phrases::Learner::default();
    let (mut articles, mut skipped) = (0usize, 0usize);
    for file in newsidx::discover::discover(&paths).files {
        let Ok(bytes) = std::fs::read(&file) else {
            eprintln!("train-clusters: cannot read {}", file.display());
            continue;
        };
        let locator = file.display().to_string();
        let Ok(read) = newsidx::readers::read(&locator, &file, &bytes) else {
            continue;
        };
        for a in read.articles {
            if skip.iter().any(|s| a.locator.ends_with(s.as_str())) {
                skipped += 1;
                continue;
            }
            articles += 1;
            add_text(&mut corpus, &mut learner, &a.text);
        }
    }
    for path in &conll {
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("train-clusters: cannot read {path}");
            return ExitCode::from(2);
        };
        for doc in train::read_conll(&text) {
            articles += 1;
            for sentence in doc {
                let words: Vec<&str> = sentence.iter().map(|(w, _)| w.as_str()).collect();
                add_text(&mut corpus, &mut learner, &train::detokenize(&words).0);
            }
        }
    }
    log(&format!(
        "{articles} articles read ({skipped} left out); {} words counted {min_count} times or more",
        corpus.vocabulary(min_count)
    ));
    if let Some(path) = &phrases_out {
        let found = learner.phrases(5);
        let text: String = found.iter().map(|p| format!("{p}\n")).collect();
        if let Err(err) = std::fs::write(path, text) {
            eprintln!("train-clusters: cannot write {path}: {err}");
            return ExitCode::from(2);
        }
        log(&format!("{} phrases written to {path}", found.len()));
    }
    let paths = brown::cluster(&corpus, clusters, min_count, &log);
    let text: String = paths
        .iter()
        .map(|(word, path)| format!("{path}\t{word}\n"))
        .collect();
    if let Err(err) = std::fs::write(&out, text) {
        eprintln!("train-clusters: cannot write {out}: {err}");
        return ExitCode::from(2);
    }
    log(&format!("{} words written to {out}", paths.len()));
    ExitCode::SUCCESS
}
