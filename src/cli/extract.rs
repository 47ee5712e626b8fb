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
/// persons, quotes ([{speaker, text}]) and body.
///
/// Example: newsidx extract --json article.txt
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per article (NDJSON)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let found = discover(&args.paths);
    let messages = Messages::new(false);
    let mut skipped = found.problems.len();
    for p in &found.problems {
        newsidx::ingest::Events::problem(&messages, p);
    }
    let mut out = std::io::stdout().lock();
    for path in &found.files {
        let locator = path.to_string_lossy();
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
