//! `newsidx serve`: the web page and JSON API over the index.

use std::net::SocketAddr;
use std::time::Duration;

use newsidx::serve::{Config, Limits, Server, DEFAULT_ADDR};

use super::{Context, EXIT_OK};

/// Serve a search page and a read-only JSON API over the index
///
/// The page searches with the full query syntax, lists top speakers, organizations,
/// persons and sources, charts the matches over time and shows articles and
/// quotations. The API answers under /api/ (search, quotes, top, timeline, articles,
/// duplicates, stats) with the JSON objects the commands print. An `index` or `reindex`
/// run meanwhile by another process shows without a restart.
///
/// Binds to loopback by default. Any other address makes the whole archive readable
/// from the network.
///
/// Example: newsidx serve --open
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, default_value = DEFAULT_ADDR, value_name = "IP:PORT")]
    addr: SocketAddr,
    /// Open the page in the default browser once listening
    #[arg(long)]
    open: bool,
    /// Also answer requests for this host name (repeatable); requests naming any
    /// other host than localhost, 127.0.0.1 and [::1] get 403, against DNS rebinding
    #[arg(long, value_name = "NAME")]
    allow_host: Vec<String>,
    /// Let pages from this origin call the API (CORS), e.g. http://localhost:3000
    /// (repeatable); by default no other origin may
    #[arg(long, value_name = "ORIGIN")]
    cors: Vec<String>,
    /// Longest a request may take, waiting included, in seconds
    #[arg(long, default_value_t = 10, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// Searches run at once; more wait their turn [default: the number of CPUs]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    max_concurrent: Option<u32>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let mut limits = Limits {
        timeout: Duration::from_secs(args.timeout),
        ..Limits::default()
    };
    if let Some(n) = args.max_concurrent {
        limits.concurrency = n as usize;
    }
    let server = Server::bind(Config {
        index_dir: ctx.index_dir.clone(),
        addr: args.addr,
        allow_hosts: args.allow_host,
        cors_origins: args.cors,
        limits,
    })?;
    let addr = server.local_addr();
    if !addr.ip().is_loopback() {
        eprintln!(
            "newsidx: warning: listening on {addr}, not on loopback: anyone who can reach \
             this machine on port {} can read the whole archive",
            addr.port()
        );
    }
    let url = server.url();
    eprintln!(
        "newsidx: serving {} at {url} (Ctrl-C to stop)",
        newsidx::controls::line(&ctx.index_dir.display().to_string())
    );
    if args.open {
        open_browser(&url);
    }
    server.run()?;
    Ok(EXIT_OK)
}

/// Ask the desktop to open `url`; a failure is reported, not fatal.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = opened {
        eprintln!("newsidx: cannot open a browser ({err}): open {url} yourself");
    }
}
