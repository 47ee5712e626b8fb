//! Command-line arguments (clap derive; the `///` comments are the `--help` text) and
//! dispatch to one module per subcommand.

mod duplicates;
mod entity;
mod export;
mod extract;
mod index;
mod quotes;
mod search;
mod serve;
mod show;
mod stats;
mod timeline;
mod top;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsidx::render::Style;

/// Exit code: success (hits found, every file indexed).
pub const EXIT_OK: u8 = 0;
/// Exit code: no hits, or some files were skipped.
pub const EXIT_PARTIAL: u8 = 1;
/// Exit code: error (missing index, malformed query, unusable arguments).
pub const EXIT_ERROR: u8 = 2;

/// Full-text search for news archives: index folders of articles, extract headlines,
/// speakers, organizations and quotes, and search them from the command line.
///
/// Exit codes: 0 success; 1 no hits (search) or some files skipped (index, extract);
/// 2 error.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  newsidx index ~/archive\n  newsidx search 'speaker:\"Cui Tiankai\" cyberspying'\n  newsidx extract --json article.txt"
)]
pub struct Cli {
    /// Index directory [default: $XDG_DATA_HOME/newsidx/index or ~/.local/share/newsidx/index]
    #[arg(long, global = true, env = newsidx::index::INDEX_ENV, value_name = "DIR")]
    index: Option<PathBuf>,

    /// When to use colours: auto uses them on a terminal unless NO_COLOR is set
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// Name model to use instead of the embedded one (a file written by
    /// scripts/train-tagger, for retraining experiments)
    #[arg(long, global = true, env = "NEWSIDX_NAME_MODEL", value_name = "FILE")]
    name_model: Option<PathBuf>,

    /// Attribution model to use instead of the embedded one (a file written by
    /// scripts/train-attribution)
    #[arg(
        long,
        global = true,
        env = "NEWSIDX_ATTRIBUTION_MODEL",
        value_name = "FILE"
    )]
    attribution_model: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Index(index::Args),
    Reindex(index::ReindexArgs),
    Search(search::Args),
    Quotes(quotes::Args),
    Top(top::Args),
    Entity(entity::Args),
    Timeline(timeline::Args),
    Show(show::Args),
    Duplicates(duplicates::Args),
    Extract(extract::Args),
    Export(export::Args),
    Stats(stats::Args),
    Serve(serve::Args),
}

/// The filters `timeline` and `export` share: a date range and name shortcuts.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Only articles dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only articles dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only articles quoting a speaker whose name holds every word of NAME, or who is
    /// written exactly as another form of the entity NAME names ("Straw" for Jack Straw)
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only articles naming an organization whose name holds every word of NAME, or
    /// written exactly as another form of its entity ("Tories" for Conservative Party)
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
}

impl Filters {
    /// The date range.
    pub fn dates(&self) -> newsidx::search::DateFilter {
        newsidx::search::DateFilter {
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }

    /// The name shortcuts, speaker first.
    pub fn names(&self) -> Vec<newsidx::search::NameFilter> {
        let speaker = self
            .speaker
            .clone()
            .map(newsidx::search::NameFilter::Speaker);
        let org = self.org.clone().map(newsidx::search::NameFilter::Org);
        speaker.into_iter().chain(org).collect()
    }
}

/// Settings every command shares, resolved from the arguments and the environment.
pub struct Context {
    pub index_dir: PathBuf,
    pub style: Style,
}

/// Parse the command line and run the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let ctx = Context {
        index_dir: cli.index.unwrap_or_else(newsidx::index::default_dir),
        style: Style { color },
    };
    if matches!(
        cli.command,
        Command::Index(_) | Command::Reindex(_) | Command::Extract(_)
    ) {
        load_models(cli.name_model.as_deref(), cli.attribution_model.as_deref())?;
    }
    let code = match cli.command {
        Command::Index(args) => index::run(&ctx, args)?,
        Command::Reindex(args) => index::run_reindex(&ctx, args)?,
        Command::Search(args) => search::run(&ctx, args)?,
        Command::Quotes(args) => quotes::run(&ctx, args)?,
        Command::Top(args) => top::run(&ctx, args)?,
        Command::Entity(args) => entity::run(&ctx, args)?,
        Command::Timeline(args) => timeline::run(&ctx, args)?,
        Command::Show(args) => show::run(&ctx, args)?,
        Command::Duplicates(args) => duplicates::run(&ctx, args)?,
        Command::Extract(args) => extract::run(&ctx, args)?,
        Command::Export(args) => export::run(&ctx, args)?,
        Command::Stats(args) => stats::run(&ctx, args)?,
        Command::Serve(args) => serve::run(&ctx, args)?,
    };
    Ok(ExitCode::from(code))
}

/// Load the extraction models before any article is read: the files given, else the
/// embedded ones. A model that cannot be used stops the command with the reason.
fn load_models(
    names: Option<&std::path::Path>,
    attribution: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use newsidx::extract::{attribution::model as attribution_model, names as name_model};
    if let Some(path) = names {
        name_model::use_model_file(path)?;
    }
    if let Some(path) = attribution {
        attribution_model::use_model_file(path)?;
    }
    name_model::check_model()?;
    attribution_model::check_model()?;
    Ok(())
}

/// Whether an error is a closed output pipe (`newsidx search x | head`), which is not
/// a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
