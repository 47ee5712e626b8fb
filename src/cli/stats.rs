//! `newsidx stats`: what the index holds.

use std::io::Write;

use newsidx::index::NewsIndex;
use newsidx::search::Snapshot;
use newsidx::{render, search};

use super::{Context, EXIT_OK};

/// Show the number of documents, the index size and the top speakers and organizations
///
/// Example: newsidx stats --json
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One JSON object (keys: index, documents, size_bytes, top_speakers, top_organizations)
    #[arg(long)]
    json: bool,
    /// How many top values to list
    #[arg(long, default_value_t = 10)]
    top: usize,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let stats = search::stats(&snapshot, args.top)?;
    let dir = ctx.index_dir.display().to_string();
    let mut out = std::io::stdout().lock();
    if args.json {
        render::stats_json(&mut out, &stats, &dir)?;
    } else {
        render::stats_text(&mut out, &stats, &dir, ctx.style)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}
