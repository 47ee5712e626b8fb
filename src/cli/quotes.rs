//! `newsidx quotes`: search attributed quotations.

use std::io::Write;

use newsidx::index::NewsIndex;
use newsidx::render;
use newsidx::search::quotes;
use newsidx::search::Snapshot;

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Search what people said: attributed quotations, by text and speaker
///
/// Prints each quotation with who said it and where. With --json, one object per quote
/// with keys speaker, text, id, headline, path, date.
///
/// Example: newsidx quotes hypocritical --speaker "Zheng Zeguang"
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words the quotation contains (query syntax; a text that is not a valid query is
    /// searched for its words); omit for any
    query: Option<String>,
    /// Only quotations by this speaker: every word of the name, or exactly another form
    /// of its entity ("Straw" for Jack Straw, when the entity table joins them)
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Number of quotations to show (at most 100,000)
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Quotations to skip, for paging (at most 100,000)
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object per quotation (NDJSON)
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    if args.query.as_deref().is_none_or(|q| q.trim().is_empty()) && args.speaker.is_none() {
        anyhow::bail!("give words to search the quotations for, a --speaker, or both");
    }
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let hits = quotes::search(
        &snapshot,
        &quotes::Request {
            query: args.query.unwrap_or_default(),
            speaker: args.speaker,
            limit: args.limit,
            offset: args.offset,
        },
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::quotes_json(&mut out, &hits)?;
    } else {
        render::quotes_text(&mut out, &hits, ctx.style)?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
