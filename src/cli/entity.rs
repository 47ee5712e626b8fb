//! `newsidx entity`: one person or organization of the archive, all its written forms
//! and why each joined.

use std::io::Write;

use newsidx::entities::count::profile;
use newsidx::entities::Table;
use newsidx::extract::lexicon::HONORIFICS;
use newsidx::index::NewsIndex;
use newsidx::render;
use newsidx::search::Snapshot;

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Show an entity: its canonical name, class, the forms articles write it in (with
/// their articles and why each counts as this entity), its number of articles, the
/// entities it appears with most, and its first and last dates
///
/// NAME is any written form ("Blair", "Tories"); letter case does not matter.
///
/// Example: newsidx entity "Mr Straw"
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A name as some article writes it
    name: String,
    /// Entities it appears with to show
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// One JSON object
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&ctx.index_dir)?;
    let snapshot = Snapshot::of(&index)?;
    let table = Table::for_commit(&index, &snapshot.searcher)?;
    let name = strip_title(&args.name);
    let Some(target) = table.find(name).map(|e| e.name.clone()) else {
        eprintln!("newsidx: no article names {:?}", args.name);
        return Ok(EXIT_PARTIAL);
    };
    let i = table
        .index_of(None, &target)
        .or_else(|| table.entities.iter().position(|e| e.name == target))
        .expect("a found entity is in the table");
    let p = profile(&snapshot.searcher, &table, i, args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        render::profile_json(&mut out, &p)?;
    } else {
        render::profile_text(&mut out, &p)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// "Mr Straw" -> "Straw": articles store names without their honorifics.
fn strip_title(name: &str) -> &str {
    let name = name.trim();
    match name.split_once(' ') {
        Some((first, rest)) if HONORIFICS.contains(first) => rest.trim_start(),
        _ => name,
    }
}
