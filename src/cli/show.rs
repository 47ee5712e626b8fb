//! `newsidx show`: one stored article.

use std::io::Write;

use newsidx::index::NewsIndex;
use newsidx::search::Snapshot;
use newsidx::{render, search};

use super::{Context, EXIT_OK};

/// Show a whole stored article by its id, with its fields and its quotes by speaker
///
/// Ids are printed by `search --json` (key "id"). With --json, the `extract --json`
/// format plus the id and the duplicate group ("group", null for an article without
/// copies).
///
/// Example: newsidx show 08a889660ddd6732
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id
    id: String,
    /// One JSON object
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let Some(stored) = search::show(&snapshot, &args.id)? else {
        anyhow::bail!(
            "no article with id {:?} in {}",
            args.id,
            ctx.index_dir.display()
        );
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        render::shown_json(&mut out, &stored)?;
    } else {
        render::shown_text(&mut out, &stored, ctx.style)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}
