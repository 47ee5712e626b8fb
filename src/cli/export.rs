//! `newsidx export`: every matching article, as NDJSON or CSV, or as the files another
//! search engine loads.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsidx::export::{self, Writer};
use newsidx::index::NewsIndex;
use newsidx::search::export::{ExportRequest, Order};
use newsidx::search::Snapshot;

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Export every matching article with all its fields: NDJSON, CSV, or files for
/// Elasticsearch/OpenSearch, Quickwit and Sphinx/Manticore
///
/// All matches are written (not a page), in index order or newest first (--sort date),
/// every copy of a story unless --collapse-copies. NDJSON (the default) is one `show
/// --json` object per line, which `newsidx index` reads back as the same articles; CSV
/// has a header row and joins lists with "; ". Both go to standard output, or to --out
/// FILE.
///
/// The engine formats write into the folder --out (new or empty): the documents in
/// numbered files, the engine's index settings, and LOAD.md with the commands that load
/// them. Sphinx splits the archive into --shards shards, one searchd node each, node 0
/// also serving the distributed index over all of them.
///
/// Examples:
///   newsidx export 'speaker:"Tony Blair"' > blair.ndjson
///   newsidx export --format csv --sort date election --out election.csv
///   newsidx export --format elasticsearch --out es-export
///   newsidx export --format sphinx --shards 2 --out sphinx-export
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The query (all articles without one)
    query: Option<String>,
    /// What to write
    #[arg(long, value_enum, default_value_t = Format::Ndjson)]
    format: Format,
    /// The file (ndjson, csv; standard output without) or folder (the engine formats)
    /// to write
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Order: index order, or newest first (articles without a date last)
    #[arg(long, value_enum, default_value_t = SortBy::Index)]
    sort: SortBy,
    /// Keep one article per duplicate group (the first in the export's order)
    #[arg(long)]
    collapse_copies: bool,
    #[command(flatten)]
    filters: super::Filters,
    /// Name of the index in the target engine (elasticsearch, quickwit, sphinx)
    #[arg(long, value_name = "NAME", default_value = "newsidx")]
    name: String,
    /// Number of Sphinx shards (and searchd nodes)
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=64))]
    shards: u16,
    /// First local port of the Sphinx nodes: node K listens on PORT+2K (API, agents)
    /// and PORT+2K+1 (SphinxQL)
    #[arg(long, value_name = "PORT", default_value_t = 9312)]
    port: u16,
    /// No progress bar or summary
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Ndjson,
    Csv,
    Elasticsearch,
    Quickwit,
    Sphinx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SortBy {
    Index,
    Date,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let folder_format = !matches!(args.format, Format::Ndjson | Format::Csv);
    if folder_format && args.out.is_none() {
        anyhow::bail!(
            "--format {:?} writes a folder of files: name it with --out DIR",
            args.format
        );
    }
    let index = NewsIndex::open(&ctx.index_dir)?;
    // One commit answers the whole command.
    let snapshot = Snapshot::of(&index)?;
    let matches = newsidx::search::export::matches(
        &snapshot,
        &ExportRequest {
            query: args.query.clone().unwrap_or_default(),
            names: args.filters.names(),
            dates: args.filters.dates(),
            order: match args.sort {
                SortBy::Index => Order::Index,
                SortBy::Date => Order::Date,
            },
            collapse_copies: args.collapse_copies,
        },
    )?;
    let mut writer = writer(&args)?;
    let bar = progress(args.quiet, matches.len() as u64);
    for batch in matches.batches(&snapshot) {
        let batch = batch?;
        for stored in &batch {
            writer.write(stored)?;
        }
        bar.inc(batch.len() as u64);
    }
    let written = writer.finish()?;
    bar.finish_and_clear();
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        let articles = match matches.len() {
            1 => "1 article".to_string(),
            n => format!("{n} articles"),
        };
        match &args.out {
            Some(out) if folder_format => writeln!(
                err,
                "exported {articles} to {} ({} files; see LOAD.md)",
                out.display(),
                written.len()
            )?,
            Some(out) => writeln!(err, "exported {articles} to {}", out.display())?,
            None => writeln!(err, "exported {articles}")?,
        }
    }
    Ok(if matches.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The writer of the format asked for.
fn writer(args: &Args) -> anyhow::Result<Box<dyn Writer>> {
    let stream = |out: &Option<PathBuf>| -> anyhow::Result<(Box<dyn Write>, String)> {
        Ok(match out {
            Some(path) => {
                let file = File::create(path)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
                (
                    Box::new(BufWriter::with_capacity(1 << 20, file)),
                    path.display().to_string(),
                )
            }
            None => (
                Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
                "standard output".to_string(),
            ),
        })
    };
    let dir = || -> anyhow::Result<PathBuf> {
        let dir = args
            .out
            .clone()
            .expect("checked: folder formats have --out");
        export::create_folder(&dir)?;
        Ok(dir)
    };
    Ok(match args.format {
        Format::Ndjson => {
            let (out, name) = stream(&args.out)?;
            Box::new(export::ndjson::Ndjson::new(out, name))
        }
        Format::Csv => {
            let (out, name) = stream(&args.out)?;
            Box::new(export::csv::Csv::new(out, name))
        }
        Format::Elasticsearch => Box::new(export::elasticsearch::Elasticsearch::new(
            &dir()?,
            &args.name,
        )?),
        Format::Quickwit => Box::new(export::quickwit::Quickwit::new(&dir()?, &args.name)?),
        Format::Sphinx => Box::new(export::sphinx::Sphinx::new(
            &dir()?,
            &args.name,
            args.shards.into(),
            export::sphinx::Ports { base: args.port },
        )?),
    })
}

/// A bar counting articles on a terminal; hidden otherwise.
fn progress(quiet: bool, total: u64) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} articles  {per_sec}  ETA {eta}")
            .expect("progress template is valid"),
    );
    bar
}
