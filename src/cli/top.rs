//! `newsidx top`: the most frequent speakers, organizations, persons or sources.

use std::io::Write;

use clap::ValueEnum;
use newsidx::index::NewsIndex;
use newsidx::render;
use newsidx::search::Snapshot;
use newsidx::search::{top_entities, top_values, Facet};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Count who is quoted, named or publishing: the most frequent values among the
/// articles matching a query (all articles without one)
///
/// Speakers, organizations and persons are counted per entity of the archive: "Tony
/// Blair" and "Blair", "Tories" and "Conservative Party" are one line, under the
/// entity's canonical name (see `newsidx entity NAME` for why forms joined). --as-written
/// counts each written form apart.
///
/// With --json, one object per value, {"value": ..., "count": ..., "aliases": [...]},
/// most frequent first; with --as-written, {"value": ..., "count": ...}.
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
    /// Count names as written, each form on its own line
    #[arg(long)]
    as_written: bool,
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
    let query = args.query.as_deref().unwrap_or("");
    let mut out = std::io::stdout().lock();
    let found = if args.as_written || facet == Facet::Sources {
        let counts = top_values(&snapshot, facet, query, args.limit)?;
        if args.json {
            render::counts_json(&mut out, &counts)?;
        } else {
            render::counts_text(&mut out, &counts)?;
        }
        !counts.is_empty()
    } else {
        let counts = top_entities(&snapshot, facet, query, args.limit)?;
        if args.json {
            render::entity_counts_json(&mut out, &counts)?;
        } else {
            render::entity_counts_text(&mut out, &counts)?;
        }
        !counts.is_empty()
    };
    out.flush()?;
    Ok(if found { EXIT_OK } else { EXIT_PARTIAL })
}
