//! `newsidx index` and `newsidx reindex`: bring the index up to date with folders of
//! articles, or rebuild it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsidx::controls;
use newsidx::discover::Problem;
use newsidx::index::guard::{RemovalLimit, Withheld, SMALL_REMOVAL};
use newsidx::index::writer::MIN_MEMORY_PER_THREAD;
use newsidx::ingest::{self, Events, Options, Report};

use super::{Context, EXIT_OK, EXIT_PARTIAL};

/// Index folders of articles (text, SGML, JSON, CSV, HTML, WARC)
///
/// Files are found recursively and read by their extension: .txt (one article per file),
/// .sgm (Reuters-21578 SGML), .json, .jsonl and .ndjson (news-please and similar), .csv
/// (with a header row), .html and .htm (main content only), .warc and .warc.gz (every
/// HTML response). Running it again re-reads only new and changed files, removes the
/// documents of files that disappeared under the given folders and leaves the rest
/// alone. Each document's id derives from its absolute path (and its position in files
/// holding several articles), so there are never duplicates.
///
/// Removals that would take all the documents recorded under one of the given paths, or
/// more than half of them (when more than 10), are withheld (an unmounted drive or a
/// moved folder looks like that): the run says so and exits 1; --prune or --max-removals
/// lets them go ahead.
///
/// Files holding many articles (NDJSON, JSON arrays, CSV, WARC, SGML) are read as a
/// stream and committed in parts: an interrupted run goes on where its last commit
/// ended, and an NDJSON or WARC file that only grew is read from its old end.
///
/// Example: newsidx index ~/archive/2014 ~/archive/2015
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to index
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    run: RunArgs,
}

/// Rebuild the whole index from its recorded folders (or PATHS)
///
/// Uses the current extractor and schema, builds into a fresh directory and switches to
/// it in one step: searches keep answering from the old index meanwhile, and if the
/// rebuild fails or is interrupted the old index stays in use. So it does, with exit code
/// 1, when the rebuild lost all the documents recorded under a folder, or more than half
/// of them (when more than 10), unless --prune or --max-removals allows it.
///
/// Example: newsidx reindex
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    /// Folders to index instead of the recorded ones
    paths: Vec<PathBuf>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Threads that read and extract articles [default: one per core]
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Memory budget of the index writer, in MB (at least 15)
    #[arg(long, default_value_t = 200, value_name = "MB")]
    memory: usize,
    /// No progress bar and no per-file warnings (problems and the summary still print)
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Similarity (0 to 1, estimated Jaccard of word shingles) from which two articles
    /// are copies of one story
    #[arg(long, default_value_t = newsidx::dedup::DEFAULT_THRESHOLD, value_name = "S")]
    duplicate_threshold: f32,
    /// Do not group copies of a story
    #[arg(long)]
    no_grouping: bool,
    /// Remove the documents of files that disappeared, however many
    #[arg(long, conflicts_with = "max_removals")]
    prune: bool,
    /// Remove at most N documents under each path (instead of refusing to remove all of
    /// a path's documents, or more than half of them)
    #[arg(long, value_name = "N")]
    max_removals: Option<u64>,
    /// Commit after this many articles (inside a big file too), so that an interrupted
    /// run keeps them
    #[arg(
        long,
        default_value_t = 25_000,
        env = "NEWSIDX_COMMIT_EVERY",
        value_name = "N"
    )]
    commit_every: usize,
    /// Commit after this many seconds, whichever comes first
    #[arg(
        long,
        default_value_t = 60,
        env = "NEWSIDX_COMMIT_SECONDS",
        value_name = "S"
    )]
    commit_seconds: u64,
}

impl RunArgs {
    fn options(&self) -> anyhow::Result<Options> {
        if self.jobs == Some(0) {
            anyhow::bail!("--jobs must be at least 1");
        }
        let memory_bytes = self.memory.saturating_mul(1_000_000);
        if memory_bytes < MIN_MEMORY_PER_THREAD {
            anyhow::bail!(
                "--memory {} is too small: the index writer needs at least {} MB",
                self.memory,
                MIN_MEMORY_PER_THREAD / 1_000_000
            );
        }
        if !(0.0..=1.0).contains(&self.duplicate_threshold) {
            anyhow::bail!("--duplicate-threshold must be between 0 and 1");
        }
        if self.commit_every == 0 || self.commit_seconds == 0 {
            anyhow::bail!("--commit-every and --commit-seconds must be at least 1");
        }
        Ok(Options {
            jobs: self.jobs,
            memory_bytes,
            duplicate_threshold: (!self.no_grouping).then_some(self.duplicate_threshold),
            removals: match (self.prune, self.max_removals) {
                (true, _) => RemovalLimit::Unlimited,
                (false, Some(n)) => RemovalLimit::AtMost(n),
                (false, None) => RemovalLimit::Guarded,
            },
            commit_every: self.commit_every,
            commit_interval: std::time::Duration::from_secs(self.commit_seconds),
        })
    }
}

/// Prints problems and warnings on stderr, one line each, and draws a progress bar on
/// a terminal. The bar counts bytes, so that it moves inside a big file too.
pub struct Messages {
    quiet: bool,
    warnings: AtomicUsize,
    bytes: AtomicU64,
    files: AtomicUsize,
    found: AtomicUsize,
    started: Instant,
    bar: ProgressBar,
}

impl Messages {
    pub fn new(quiet: bool) -> Self {
        let bar = if !quiet && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes}  {msg}  ETA {eta}")
                    .expect("progress template is valid"),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Messages {
            quiet,
            warnings: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            files: AtomicUsize::new(0),
            found: AtomicUsize::new(0),
            started: Instant::now(),
            bar,
        }
    }

    pub fn warnings(&self) -> usize {
        self.warnings.load(Ordering::Relaxed)
    }
}

impl Events for Messages {
    fn problem(&self, problem: &Problem) {
        self.bar.suspend(|| {
            eprintln!(
                "newsidx: skipped {}: {}",
                controls::line(&problem.path.to_string_lossy()),
                controls::line(&problem.reason)
            )
        });
    }
    fn warning(&self, path: &Path, message: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            // Messages quote file names and contents: no terminal controls from them.
            let (path, message) = (path.to_string_lossy(), controls::line(message));
            self.bar
                .suspend(|| eprintln!("newsidx: {}: {message}", controls::line(&path)));
        }
    }
    fn files_found(&self, count: usize, bytes: u64) {
        self.found.store(count, Ordering::Relaxed);
        self.bar.set_length(bytes);
    }
    fn file_done(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes_read(bytes);
    }
    fn bytes_read(&self, bytes: u64) {
        let total = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.bar.inc(bytes);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{}/{} files  {:.1} MB/s",
            self.files.load(Ordering::Relaxed),
            self.found.load(Ordering::Relaxed),
            total as f64 / 1e6 / secs
        ));
    }
}

fn summary(report: &Report, messages: &Messages, ctx: &Context) -> u8 {
    messages.bar.finish_and_clear();
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    let continued = match report.continued {
        0 => String::new(),
        n => format!(" ({n} read on from where the index left them)"),
    };
    eprintln!(
        "added {}, updated {}{continued}, removed {}, unchanged {}, skipped {} ({} articles, {:.1} MB in {:.2}s, {:.1} MB/s; {} warnings); index {}",
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.skipped,
        report.articles,
        report.bytes as f64 / 1e6,
        secs,
        report.bytes as f64 / 1e6 / secs,
        messages.warnings(),
        ctx.index_dir.display()
    );
    if report.skipped > 0 || !report.withheld.is_empty() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    }
}

/// How much a run would remove under `w`'s path ("all 33 documents recorded") and
/// which rule that breaks.
fn withheld_reason(w: &Withheld, limit: RemovalLimit) -> (String, String) {
    let all = w.removing >= w.recorded;
    let share = if all {
        format!("all {} documents recorded", w.recorded)
    } else {
        format!("{} of the {} documents recorded", w.removing, w.recorded)
    };
    let rule = match limit {
        RemovalLimit::AtMost(n) => format!("more than --max-removals {n}"),
        _ if all => "is a drive unmounted, or the folder moved?".to_string(),
        _ => format!("more than half of them, and more than {SMALL_REMOVAL}"),
    };
    (share, rule)
}

const HOW_TO_PROCEED: &str =
    "If they are meant to go, run again with --prune (or --max-removals N).";

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let options = args.run.options()?;
    let messages = Messages::new(args.run.quiet);
    let report = ingest::update(&ctx.index_dir, &args.paths, &options, &messages)?;
    messages.bar.suspend(|| {
        for w in &report.withheld {
            let (share, rule) = withheld_reason(w, options.removals);
            let (gone, within) = match w.path.is_file() {
                true => ("articles", "of it"),
                false => ("files", "under it"),
            };
            eprintln!(
                "newsidx: did not remove the documents of the {gone} gone from {}: that \
                 would be {share} {within} ({rule}). {HOW_TO_PROCEED}",
                w.path.display(),
            );
        }
    });
    Ok(summary(&report, &messages, ctx))
}

pub fn run_reindex(ctx: &Context, args: ReindexArgs) -> anyhow::Result<u8> {
    let options = args.run.options()?;
    let messages = Messages::new(args.run.quiet);
    let report = ingest::rebuild(&ctx.index_dir, Some(&args.paths), &options, &messages)?;
    messages.bar.suspend(|| {
        for w in &report.withheld {
            let (share, rule) = withheld_reason(w, options.removals);
            eprintln!(
                "newsidx: kept the old index: the rebuild lost {share} under {} ({rule}). \
                 {HOW_TO_PROCEED}",
                w.path.display(),
            );
        }
    });
    Ok(summary(&report, &messages, ctx))
}
