//! `newsidx timeline`: matching articles per day, week, month or year.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use newsidx::index::NewsIndex;
use newsidx::search::{Interval, Snapshot};
use newsidx::{render, search};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Width of text output when neither the terminal nor `COLUMNS` tells it.
const DEFAULT_COLUMNS: usize = 80;

/// Count matching articles over time: per period, the matches, all dated articles of
/// the index, and their share
///
/// A duplicate group counts once, in the period of its earliest matching copy, as
/// search shows it once (--all-copies counts each copy). Periods between the first and
/// the last match are listed even when empty; matches without a date are counted on a
/// line of their own ("undated"). With --since/--until, the totals are narrowed too.
///
/// --json prints {"start": "YYYY-MM-DD", "count": N, "total": N, "share": x} per period,
/// then {"undated": N} if any; --csv the same columns with a header row, then a row
/// undated,N,, if any.
///
/// Example: newsidx timeline --by week 'speaker:"Cui Tiankai"'
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query (all articles without one)
    query: Option<String>,
    /// Length of a period: day, ISO week (from Monday), calendar month or year
    /// [default: month, or day when the matches span under 60 days]
    #[arg(long, value_enum)]
    by: Option<By>,
    #[command(flatten)]
    filters: super::Filters,
    /// Count every copy of a story (by default a duplicate group counts once)
    #[arg(long)]
    all_copies: bool,
    /// One JSON object per period (NDJSON)
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV with a header row
    #[arg(long)]
    csv: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    Day,
    Week,
    Month,
    Year,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let timeline = search::timeline(
        &snapshot,
        &search::TimelineRequest {
            query: args.query.unwrap_or_default(),
            names: args.filters.names(),
            dates: args.filters.dates(),
            by: args.by.map(|by| match by {
                By::Day => Interval::Day,
                By::Week => Interval::Week,
                By::Month => Interval::Month,
                By::Year => Interval::Year,
            }),
            all_copies: args.all_copies,
        },
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::timeline_json(&mut out, &timeline)?;
    } else if args.csv {
        render::timeline_csv(&mut out, &timeline)?;
    } else {
        render::timeline_text(&mut out, &timeline, columns(), ctx.style)?;
    }
    out.flush()?;
    Ok(if timeline.buckets.is_empty() && timeline.undated == 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The terminal's width, else `COLUMNS`, else [`DEFAULT_COLUMNS`].
fn columns() -> usize {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout) {
            return w.into();
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c| c > 0)
        .unwrap_or(DEFAULT_COLUMNS)
}
