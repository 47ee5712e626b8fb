//! `newsidx search`: query the index.

use std::io::Write;

use clap::ValueEnum;
use newsidx::index::NewsIndex;
use newsidx::search::Snapshot;
use newsidx::{render, search};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Search the index (tantivy query syntax)
///
/// Bare words search headline and body and must all match (use OR for either).
/// Fields: headline: body: speaker: org: person: quote: source: byline: dateline: date:
/// Phrases in double quotes; AND, OR, NOT, +term, -term; parentheses; term~1 for fuzzy
/// matching; date:[2014-05-01 TO 2014-05-31]. speaker:, person: and org: also match the
/// articles that write the name only as another form of its entity (speaker:"Jack
/// Straw" finds "Straw" when the entity table makes it his; `newsidx entity NAME`).
///
/// Example: newsidx search 'speaker:"Cui Tiankai" cyberspying'
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query
    query: String,
    /// Number of hits to show (at most 100,000)
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Hits to skip, for paging (at most 100,000)
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Order of the hits: best match first, or newest first (undated last)
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Only articles dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only articles dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Show every copy of a story (by default a duplicate group shows once, with its
    /// number of copies)
    #[arg(long)]
    all_copies: bool,
    /// One JSON object per hit (NDJSON)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let hits = search::search(
        &snapshot,
        &search::Request {
            query: args.query,
            limit: args.limit,
            offset: args.offset,
            sort: match args.sort {
                SortArg::Relevance => search::Sort::Relevance,
                SortArg::Date => search::Sort::Date,
            },
            dates: search::DateFilter {
                since: args.since,
                until: args.until,
            },
            all_copies: args.all_copies,
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
