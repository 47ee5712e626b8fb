//! `newsidx index`: add folders of articles to the index.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use newsidx::discover::Problem;
use newsidx::index::NewsIndex;
use newsidx::ingest::{self, Events, Options};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Index folders of articles (text, SGML, JSON, CSV, HTML, WARC)
///
/// Files are found recursively and read by their extension: .txt (one article per file),
/// .sgm (Reuters-21578 SGML), .json, .jsonl and .ndjson (news-please and similar), .csv
/// (with a header row), .html and .htm (main content only), .warc and .warc.gz (every
/// HTML response).
/// Indexing the same files again replaces their documents: each document's id derives
/// from its absolute path (and its position in files holding several articles), so
/// there are never duplicates.
///
/// Example: newsidx index ~/archive/2014 ~/archive/2015
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to index
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Threads that read and extract articles [default: one per core]
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Memory budget of the index writer, in MB
    #[arg(long, default_value_t = 200, value_name = "MB")]
    memory: usize,
    /// Print only problems and no summary
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Prints problems and warnings on stderr, one line each, as they happen.
pub struct Messages {
    quiet: bool,
    warnings: AtomicUsize,
}

impl Messages {
    pub fn new(quiet: bool) -> Self {
        Messages {
            quiet,
            warnings: AtomicUsize::new(0),
        }
    }
}

impl Events for Messages {
    fn problem(&self, problem: &Problem) {
        eprintln!(
            "newsidx: skipped {}: {}",
            problem.path.display(),
            problem.reason
        );
    }
    fn warning(&self, path: &Path, message: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            eprintln!("newsidx: {}: {}", path.display(), message);
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    if args.jobs == Some(0) {
        anyhow::bail!("--jobs must be at least 1");
    }
    let index = NewsIndex::open_or_create(&ctx.index_dir)?;
    let options = Options {
        jobs: args.jobs,
        memory_bytes: args.memory.saturating_mul(1_000_000),
        ..Options::default()
    };
    let messages = Messages::new(args.quiet);
    let report = ingest::ingest(&index, &args.paths, &options, &messages)?;
    if !args.quiet {
        let secs = report.elapsed.as_secs_f64().max(1e-9);
        eprintln!(
            "indexed {} articles from {} files ({:.1} MB) in {:.2}s, {:.1} MB/s; skipped {}, warnings {}; index {}",
            report.articles,
            report.files - report.skipped.min(report.files),
            report.bytes as f64 / 1e6,
            secs,
            report.bytes as f64 / 1e6 / secs,
            report.skipped,
            messages.warnings.load(Ordering::Relaxed),
            ctx.index_dir.display()
        );
    }
    Ok(if report.skipped > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
