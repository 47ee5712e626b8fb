//! `newsidx duplicates`: stories indexed more than once.

use std::io::Write;

use newsidx::index::NewsIndex;
use newsidx::render;
use newsidx::search::duplicates;
use newsidx::search::Snapshot;

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// List groups of copies: the same story in several files (wire copies, reprints with a
/// new site line or headline, files saved twice)
///
/// With --json, one object per group: {"group": ..., "members": [paths],
/// "representative": path}. Largest groups first.
///
/// Example: newsidx duplicates 'headline:chelsea'
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only groups with members matching this query
    query: Option<String>,
    /// Number of groups to show (at most 100,000)
    #[arg(long, short = 'n', default_value_t = 100)]
    limit: usize,
    /// One JSON object per group (NDJSON)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let groups = duplicates::groups(&snapshot, args.query.as_deref().unwrap_or(""), args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::groups_json(&mut out, &groups)?;
    } else {
        render::groups_text(&mut out, &groups, ctx.style)?;
    }
    out.flush()?;
    Ok(if groups.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
