//! Helpers for the integration tests: run the real `newsidx` binary against a private
//! index in a temporary directory, and find the shared corpora when they are present.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A private index directory and a way to run the binary against it.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Run `newsidx ARGS` with this environment's index.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_newsidx"))
            .args(args)
            .env("NEWSIDX_INDEX", self.index_dir())
            .env_remove("NO_COLOR")
            .current_dir(repo_root())
            .output()
            .expect("newsidx runs")
    }

    /// Run `newsidx ARGS` with this environment's index and the environment variables
    /// `vars`.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_newsidx"))
            .args(args)
            .env("NEWSIDX_INDEX", self.index_dir())
            .env_remove("NO_COLOR")
            .envs(vars.iter().copied())
            .current_dir(repo_root())
            .output()
            .expect("newsidx runs")
    }

    /// Run and require exit code `code`; returns stdout.
    pub fn run_ok(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "newsidx {args:?} exited {:?}\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// `stats --json` documents.
    pub fn documents(&self) -> u64 {
        let out = self.run_ok(&["stats", "--json"], 0);
        let v: serde_json::Value = serde_json::from_str(&out).expect("stats JSON");
        v["documents"].as_u64().expect("documents is a number")
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Parse NDJSON output.
pub fn ndjson(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Environment variable that makes a missing shared folder an error instead of a skip:
/// CI sets it (`.ci/run`), so that a wrong `NEWSIDX_SHARED` cannot skip every test that
/// reads real corpora while the run stays green.
pub const REQUIRE_SHARED: &str = "NEWSIDX_REQUIRE_SHARED";

/// Whether [`REQUIRE_SHARED`] is set to something other than empty or `0`.
pub fn shared_required() -> bool {
    std::env::var_os(REQUIRE_SHARED).is_some_and(|v| !v.is_empty() && v != "0")
}

/// The shared material (corpora, seed article) beside the repository, or `None` with
/// a printed reason so that a fresh clone skips instead of failing; with
/// [`REQUIRE_SHARED`] set, its absence fails the test instead.
pub fn shared(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSIDX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("..").join("shared"));
    let path = dir.join(what);
    if path.exists() {
        return Some(path);
    }
    let reason = format!(
        "{} is absent (set NEWSIDX_SHARED to the shared material)",
        path.display()
    );
    assert!(!shared_required(), "{REQUIRE_SHARED} is set, but {reason}");
    eprintln!("skipped: {reason}");
    None
}

/// Normalise a name the way the reference checks do: NFKC, casefold, no possessive,
/// no punctuation but `.`, `&` and `'`, no leading "the".
pub fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .replace('\u{2019}', "'");
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "&.' -_".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined
        .trim_matches(|c| c == '.' || c == '\'' || c == ' ')
        .to_string();
    trimmed
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(trimmed)
}

/// Whether `item` ("A|B" allowed) is found among `got`: equal, or a longer form ending
/// with it, or (single word) one of its words.
pub fn found(item: &str, got: &[String]) -> bool {
    if item.contains('|') {
        return item.split('|').any(|alt| found(alt, got));
    }
    let n = norm(item);
    let multi = n.split(' ').count() > 1;
    got.iter().any(|g| {
        let gn = norm(g);
        gn == n
            || (multi && gn.ends_with(&format!(" {n}")))
            || (multi && gn.contains(&n) && gn.len() <= n.len() + 12)
            || (!multi && gn.split(' ').any(|w| w == n))
    })
}

/// Whether `item` was emitted exactly (after normalisation).
pub fn emitted(item: &str, got: &[String]) -> bool {
    let n = norm(item);
    got.iter().any(|g| norm(g) == n)
}

pub fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// `timeline --json QUERY` (`--all-copies` when asked): the sum of its periods' counts,
/// and its undated count.
pub fn timeline_counts(env: &TestEnv, query: &str, all_copies: bool) -> (u64, u64) {
    let mut args = vec!["timeline", "--json", query];
    if all_copies {
        args.push("--all-copies");
    }
    let (mut dated, mut undated) = (0, 0);
    for row in ndjson(&env.run_ok(&args, 0)) {
        match row.get("undated") {
            Some(n) => undated += n.as_u64().expect("an undated count"),
            None => dated += row["count"].as_u64().expect("a period's count"),
        }
    }
    (dated, undated)
}

/// How many articles `search --json QUERY` finds, all of them (`--all-copies` when
/// asked).
pub fn search_count(env: &TestEnv, query: &str, all_copies: bool) -> u64 {
    let mut args = vec!["search", "--json", "--limit", "100000", query];
    if all_copies {
        args.push("--all-copies");
    }
    ndjson(&env.run_ok(&args, 0)).len() as u64
}
