//! `newsidx top`: the most frequent speakers, organizations, persons or sources.

use std::io::Write;

use clap::ValueEnum;
use newsidx::index::NewsIndex;
use newsidx::render;
use newsidx::search::Snapshot;
use newsidx::search::{top_values, Facet};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Count who is quoted, named or publishing: the most frequent values among the
/// articles matching a query (all articles without one)
///
/// With --json, one object per value, {"value": ..., "count": ...}, most frequent first.
///
/// Example: newsidx top speakers cyberspying
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to count
    #[arg(value_enum)]
    what: What,
    /// Only articles matching this query
    query: Option<String>,
    /// Number of values to show (at most 100,000)
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// One JSON object per value (NDJSON)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    Speakers,
    Organizations,
    Persons,
    Sources,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let facet = match args.what {
        What::Speakers => Facet::Speakers,
        What::Organizations => Facet::Organizations,
        What::Persons => Facet::Persons,
        What::Sources => Facet::Sources,
    };
    let counts = top_values(
        &snapshot,
        facet,
        args.query.as_deref().unwrap_or(""),
        args.limit,
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::counts_json(&mut out, &counts)?;
    } else {
        render::counts_text(&mut out, &counts)?;
    }
    out.flush()?;
    Ok(if counts.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
