//! `newsidx extract`: parse articles and print their fields without indexing.

use std::io::Write;
use std::path::PathBuf;

use newsidx::discover::discover;
use newsidx::ingest::process_file;
use newsidx::render;

use super::index::Messages;
use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Parse articles and print their fields, without indexing
///
/// Folders are walked like `index` does. With --json, one object per article with keys
/// path, headline, source, byline, date, dateline, url, speakers, organizations,
/// persons, quotes ([{speaker, text}]) and body. With --explain, why each name has its
/// class (the evidence that weighed most), the shorter forms the article joined to it
/// ("also written in this article") and how each quotation got its speaker. extract
/// reads no index, so it cannot say which forms the archive's entity table joins
/// ("Straw" and "Jack Straw" across articles): `newsidx entity NAME` says that, and why.
///
/// Example: newsidx extract --json article.txt
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per article (NDJSON)
    #[arg(long, conflicts_with = "explain")]
    json: bool,
    /// Explain each name's class and each quotation's speaker
    #[arg(long)]
    explain: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let found = discover(&args.paths);
    let messages = Messages::new(false);
    let mut skipped = found.problems.len();
    for p in &found.problems {
        newsidx::ingest::Events::problem(&messages, p);
    }
    // Buffered: standard output flushes a line at a time, a write per article.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for path in &found.files {
        let locator = path.to_string_lossy();
        if args.explain {
            match explain_file(path, &locator, &mut out, ctx)? {
                Ok(()) => {}
                Err(reason) => {
                    let problem = newsidx::discover::Problem {
                        path: path.clone(),
                        reason,
                    };
                    newsidx::ingest::Events::problem(&messages, &problem);
                    skipped += 1;
                }
            }
            continue;
        }
        match process_file(path, &locator, &messages) {
            Ok((articles, _)) => {
                for a in &articles {
                    if args.json {
                        render::article_json(&mut out, a)?;
                    } else {
                        render::article_text(&mut out, a, ctx.style)?;
                    }
                }
            }
            Err(problem) => {
                newsidx::ingest::Events::problem(&messages, &problem);
                skipped += 1;
            }
        }
    }
    out.flush()?;
    Ok(if skipped > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// Read one file and print the explanation of each of its articles. The inner error
/// is the file's problem (reported, the run goes on); the outer one, output's.
fn explain_file(
    path: &std::path::Path,
    locator: &str,
    out: &mut impl Write,
    ctx: &Context,
) -> std::io::Result<Result<(), String>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let read = match newsidx::readers::read(locator, path, &bytes) {
        Ok(read) => read,
        Err(reason) => return Ok(Err(reason)),
    };
    for raw in &read.articles {
        let analysis = newsidx::extract::analyse(raw);
        let explanation = newsidx::extract::explain::explain(&analysis);
        let article = newsidx::extract::extract(raw);
        render::explanation_text(out, &article, &explanation, ctx.style)?;
    }
    Ok(Ok(()))
}
