//! `newsidx search`: query the index.

use std::io::Write;

use newsidx::index::NewsIndex;
use newsidx::{render, search};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Search the index (tantivy query syntax)
///
/// Bare words search headline and body and must all match (use OR for either).
/// Fields: headline: body: speaker: org: person: quote: source: byline: dateline:
/// Phrases in double quotes; AND, OR, NOT, +term, -term; parentheses.
///
/// Example: newsidx search 'speaker:"Cui Tiankai" cyberspying'
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query
    query: String,
    /// Number of hits to show
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Hits to skip (for paging)
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object per hit (NDJSON)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    let hits = search::search(
        &index,
        &search::Request {
            query: args.query,
            limit: args.limit,
            offset: args.offset,
        },
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::hits_json(&mut out, &hits)?;
    } else {
        render::hits_text(&mut out, &hits, ctx.style)?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
