//! Sphinx for real: an archive exported with `export --format sphinx` in two shards is
//! built by Sphinx's `indexer`, served by two `searchd` nodes on loopback ports, and its
//! distributed index finds, over SphinxQL, exactly the articles newsidx finds.
//!
//! Skipped, with the reason printed, where `indexer`, `searchd` or the `mysql` client is
//! not installed (`.ci/run` installs them).

mod common;

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{ndjson, shared, TestEnv};
use newsidx::index::schema::{register_analyzers, Fields, PROSE_ANALYZER};

/// Articles asked for at most, in both engines: more than the corpora hold.
const ALL: usize = 100_000;

/// The executable `name` on the PATH.
fn installed(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// One running `searchd`, stopped by its pid when dropped (also when a test fails).
struct Node {
    child: Child,
    log: PathBuf,
}

impl Node {
    /// Start `searchd` in the foreground on `config`.
    fn start(config: &Path, log: PathBuf) -> Node {
        let child = Command::new("searchd")
            .arg("--config")
            .arg(config)
            .arg("--nodetach")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("searchd starts");
        Node { child, log }
    }

    /// Wait until `port` accepts connections; panics with the node's log if it exits or
    /// takes too long.
    fn wait_for(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            let exited = self.child.try_wait().expect("searchd's status");
            assert!(
                exited.is_none() && Instant::now() < deadline,
                "searchd (pid {}) does not listen on {port} ({exited:?}); its log:\n{}",
                self.child.id(),
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Send SIGTERM to the pid and wait for the exit (SIGKILL after 20 seconds); whether
    /// it shut down on SIGTERM.
    fn stop(&mut self) -> bool {
        if let Ok(Some(_)) = self.child.try_wait() {
            return false;
        }
        let pid = self.child.id().to_string();
        let signalled = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        while signalled && Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        false
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A base port with the four ports of two nodes free on the loopback interface.
fn free_ports() -> u16 {
    let seed = std::process::id() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() as u64);
    (0..200)
        .map(|attempt| 20_000 + ((seed + attempt * 7_919) % 20_000) as u16 * 2)
        .find(|&base| (base..base + 4).all(|p| TcpListener::bind(("127.0.0.1", p)).is_ok()))
        .expect("four free ports")
}

fn succeeded(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({:?})\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run `statement` over SphinxQL on `port`; the rows, tab-separated.
fn sphinxql(port: u16, statement: &str) -> Vec<String> {
    let out = Command::new("mysql")
        .args([
            "-h127.0.0.1",
            &format!("-P{port}"),
            "-N",
            "-B",
            "-e",
            statement,
        ])
        .output()
        .expect("mysql runs");
    succeeded(&format!("mysql -e {statement:?}"), &out);
    String::from_utf8(out.stdout)
        .expect("UTF-8 rows")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The newsidx ids of every article of `index` that `expression` matches.
fn sphinx_ids(port: u16, index: &str, expression: &str) -> BTreeSet<String> {
    let rows = sphinxql(
        port,
        &format!(
            "SELECT nid FROM {index} WHERE MATCH('{expression}') LIMIT 0,{ALL} OPTION max_matches={ALL}"
        ),
    );
    let ids: BTreeSet<String> = rows.iter().cloned().collect();
    assert_eq!(ids.len(), rows.len(), "{expression}: an article twice");
    ids
}

/// The ids of every article newsidx finds for `query`, each copy.
fn newsidx_ids(env: &TestEnv, query: &str) -> BTreeSet<String> {
    let limit = ALL.to_string();
    let out = env.run_ok(
        &["search", "--json", "--all-copies", "--limit", &limit, query],
        0,
    );
    ndjson(&out)
        .iter()
        .map(|hit| hit["id"].as_str().expect("an id").to_string())
        .collect()
}

/// newsidx's stems of the words of `text`.
fn newsidx_stems(text: &str) -> Vec<String> {
    let (schema, _) = Fields::build();
    let index = tantivy::Index::create_in_ram(schema);
    register_analyzers(&index);
    let mut analyzer = index
        .tokenizers()
        .get(PROSE_ANALYZER)
        .expect("prose analyzer");
    let mut stems = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |token| stems.push(token.text.clone()));
    stems
}

/// Sphinx's stems of the words of `text` (`CALL KEYWORDS`, third column).
fn sphinx_stems(port: u16, index: &str, text: &str) -> Vec<String> {
    sphinxql(port, &format!("CALL KEYWORDS('{text}', '{index}')"))
        .iter()
        .map(|row| {
            row.split('\t')
                .nth(2)
                .expect("a normalised form")
                .to_string()
        })
        .collect()
}

/// (newsidx query, SphinxQL full-text expression, words whose stems both must agree on).
type Query = (&'static str, &'static str, &'static str);

/// Queries on the BBC corpus: single words, two words, phrases, name fields (names as
/// written: `=` asks Sphinx for the unstemmed form), a quotation word. None holds a
/// word that newsidx and Sphinx stem differently (see LOAD.md: `university`, `added`).
const BBC_QUERIES: [Query; 8] = [
    ("election", "@(headline,body) election", "election"),
    ("film", "@(headline,body) film", "film"),
    (
        "blair election",
        "@(headline,body) blair election",
        "blair election",
    ),
    (
        "mobile phone",
        "@(headline,body) mobile phone",
        "mobile phone",
    ),
    (
        "\"prime minister\"",
        "@(headline,body) \"prime minister\"",
        "prime minister",
    ),
    ("speaker:blair", "@speaker =blair", ""),
    ("org:labour", "@org =labour", ""),
    ("quote:war", "@quote war", "war"),
];

/// The same kinds of query on the repository's sample corpus, with an accented name.
const SAMPLE_QUERIES: [Query; 7] = [
    ("government", "@(headline,body) government", "government"),
    ("said", "@(headline,body) said", "said"),
    (
        "government said",
        "@(headline,body) government said",
        "government said",
    ),
    ("\"said on\"", "@(headline,body) \"said on\"", "said on"),
    ("speaker:lucía", "@speaker =lucía", ""),
    ("person:ortega", "@person =ortega", ""),
    ("org:reuters", "@org =reuters", ""),
];

#[test]
fn sphinx_distributed_index_finds_what_newsidx_finds() {
    let started = Instant::now();
    if let Some(missing) = ["indexer", "searchd", "mysql"]
        .into_iter()
        .find(|tool| installed(tool).is_none())
    {
        eprintln!(
            "skipped: `{missing}` is not installed (apt-get install sphinxsearch default-mysql-client)"
        );
        return;
    }
    let (corpus, queries): (PathBuf, &[Query]) = match shared("corpora/bbc") {
        Some(bbc) => (bbc, &BBC_QUERIES),
        None => {
            eprintln!("the repository's sample corpus instead");
            (common::repo_root().join("sample-corpus"), &SAMPLE_QUERIES)
        }
    };
    let env = TestEnv::new();
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let documents = env.documents() as usize;

    let out = env.dir.path().join("sphinx");
    let base = free_ports();
    env.run_ok(
        &[
            "export",
            "--quiet",
            "--format",
            "sphinx",
            "--out",
            out.to_str().unwrap(),
            "--shards",
            "2",
            "--port",
            &base.to_string(),
        ],
        0,
    );
    for k in 0..2 {
        let indexer = Command::new("indexer")
            .arg("--config")
            .arg(out.join(format!("node-{k}.conf")))
            .arg("--all")
            .output()
            .expect("indexer runs");
        succeeded(&format!("indexer on node-{k}.conf"), &indexer);
    }
    let mut nodes: Vec<Node> = (0..2)
        .map(|k| {
            Node::start(
                &out.join(format!("node-{k}.conf")),
                out.join(format!("node-{k}.log")),
            )
        })
        .collect();
    for (k, node) in nodes.iter_mut().enumerate() {
        node.wait_for(base + 2 * k as u16 + 1);
    }
    let (sql0, sql1) = (base + 1, base + 3);

    // Every article once, from both shards: node 1's through the agent.
    let all = |port: u16, index: &str| {
        sphinxql(
            port,
            &format!("SELECT nid FROM {index} LIMIT 0,{ALL} OPTION max_matches={ALL}"),
        )
        .len()
    };
    let (shard0, shard1) = (all(sql0, "newsidx_0"), all(sql1, "newsidx_1"));
    assert!(shard0 > 0 && shard1 > 0, "shards of {shard0} and {shard1}");
    assert_eq!(shard0 + shard1, documents);
    assert_eq!(all(sql0, "newsidx"), documents);

    for &(query, expression, words) in queries {
        if !words.is_empty() {
            assert_eq!(
                sphinx_stems(sql0, "newsidx_0", words),
                newsidx_stems(words),
                "{words:?} stems differently: choose other words"
            );
        }
        let expected = newsidx_ids(&env, query);
        let found = sphinx_ids(sql0, "newsidx", expression);
        assert!(!expected.is_empty(), "{query} finds nothing");
        assert!(
            found == expected,
            "Sphinx {expression:?} and newsidx {query:?} differ: only Sphinx {:?}, only newsidx {:?}",
            found.difference(&expected).collect::<Vec<_>>(),
            expected.difference(&found).collect::<Vec<_>>()
        );
        eprintln!("{query:?}: {} articles in both", found.len());
    }

    for (k, mut node) in nodes.drain(..).enumerate() {
        assert!(node.stop(), "searchd of node {k} did not stop on SIGTERM");
    }
    for port in [sql0, sql1] {
        assert!(
            TcpStream::connect(("127.0.0.1", port)).is_err(),
            "{port} still open"
        );
    }
    eprintln!(
        "{} articles, {} queries in {:.1?}",
        documents,
        queries.len(),
        started.elapsed()
    );
}
