//! Runs killed with SIGKILL at chosen moments around commits: right after one, while the
//! next one is under way (its duplicate-band run written, its documents not yet
//! committed), and right after the last. The writer's test hook
//! `NEWSIDX_TEST_COMMIT_PAUSE_MS` holds each commit open long enough to land the kill
//! there. After every kill the index opens, holds whole files only, and its band runs
//! describe every committed document; the next run ends with exactly the corpus, grouped
//! as a fresh index groups it.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsidx::dedup::Signature;
use newsidx::index::bands::{self, Runs};
use newsidx::index::NewsIndex;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::DocAddress;

use crate::common::TestEnv;

/// Text files, one article each, and NDJSON files of [`LINES`] articles each: small
/// enough to be read whole, so that a commit holds all of such a file or none of it.
const TEXT_FILES: usize = 190;
const NDJSON_FILES: usize = 20;
const LINES: usize = 5;
/// Every this many text files is a copy of the first one's body, under its own headline.
const COPY_EVERY: usize = 25;
const COMMIT_EVERY: &str = "37";
/// Long enough for a test polling every few milliseconds on a busy machine.
const PAUSE_MS: &str = "300";

/// Writes the corpus; returns, per file (absolute path), the documents it should give.
fn write_corpus(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let (_, first_body) = super::story(0);
    for i in 0..TEXT_FILES {
        let (title, body) = super::story(i);
        let body = if i > 0 && i % COPY_EVERY == 0 {
            first_body.clone()
        } else {
            body
        };
        super::write(
            dir,
            &format!("d{}/{i}.txt", i % 10),
            &format!("{title}\n\n{body}\n"),
        );
    }
    for n in 0..NDJSON_FILES {
        let start = TEXT_FILES + n * LINES;
        super::write(
            dir,
            &format!("n{n}.ndjson"),
            &super::ndjson_lines(start..start + LINES),
        );
    }
    let root = std::fs::canonicalize(dir).unwrap();
    let mut want = BTreeMap::new();
    for i in 0..TEXT_FILES {
        let file = root.join(format!("d{}/{i}.txt", i % 10));
        let file = file.to_str().unwrap().to_string();
        want.insert(file.clone(), [file].into());
    }
    for n in 0..NDJSON_FILES {
        let file = root.join(format!("n{n}.ndjson"));
        let file = file.to_str().unwrap().to_string();
        let docs = (1..=LINES).map(|k| format!("{file}#{k}")).collect();
        want.insert(file, docs);
    }
    want
}

/// One live document, as the index stores it.
struct Doc {
    id: String,
    path: String,
    group: String,
    body: String,
    body_hash: Option<u64>,
}

/// Every live document of the last commit.
fn live_documents(index_dir: &Path) -> Vec<Doc> {
    let index = NewsIndex::open(index_dir).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let f = index.fields;
    let mut docs = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let hashes = segment.fast_fields().u64("body_hash").unwrap();
        for doc in segment.doc_ids_alive() {
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc)).unwrap();
            let text = |field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            docs.push(Doc {
                id: text(f.id),
                path: text(f.path),
                group: text(f.group),
                body: text(f.body),
                body_hash: hashes.first(doc),
            });
        }
    }
    docs
}

/// Documents in the last commit; 0 while there is no index to open yet.
fn committed(index_dir: &Path) -> u64 {
    NewsIndex::open(index_dir)
        .and_then(|index| index.reader())
        .map_or(0, |reader| reader.searcher().num_docs())
}

/// The highest sequence number of the duplicate-band runs of the live generation: it
/// grows by one each time a commit's run is written (and by one more at a merge).
fn last_band_run(index_dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(index_dir.join("gen-1")) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix("dupbands-")?
                .strip_suffix(".bin")?
                .parse()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

/// Starts `newsidx index CORPUS` with small commits held open by the test hook.
fn start(env: &TestEnv, corpus: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", "--quiet", corpus.to_str().unwrap()])
        .env("NEWSIDX_INDEX", env.index_dir())
        .env("NEWSIDX_COMMIT_EVERY", COMMIT_EVERY)
        .env("NEWSIDX_TEST_COMMIT_PAUSE_MS", PAUSE_MS)
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kills `child` with SIGKILL as soon as `moment` holds, and requires that the kill, not
/// the end of the run, stopped it.
fn kill_when(child: &mut Child, what: &str, mut moment: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before {what}");
        }
        if moment() {
            child.kill().unwrap();
            let status = child.wait().unwrap();
            assert_eq!(status.signal(), Some(9), "{what}: {status}");
            return;
        }
        assert!(Instant::now() < deadline, "no {what} within two minutes");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What must hold of every commit, after a kill or while a run holds it open: the index
/// opens (for the binary too), holds whole files of the corpus only, each document once,
/// and every committed grouped document is in the band runs under each of its keys with
/// its group and signature. Returns the number of documents.
fn check_commit(env: &TestEnv, want: &BTreeMap<String, BTreeSet<String>>, when: &str) -> usize {
    let out = env.run(&["stats", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{when}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = live_documents(&env.index_dir());
    let mut by_file: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for d in &docs {
        let file = d.path.split('#').next().unwrap();
        assert!(
            by_file.entry(file).or_default().insert(d.path.clone()),
            "{when}: {} twice",
            d.path
        );
    }
    for (file, got) in &by_file {
        let all = want
            .get(*file)
            .unwrap_or_else(|| panic!("{when}: {file} is not in the corpus"));
        assert_eq!(got, all, "{when}: {file} is held in part");
    }
    check_bands(&env.index_dir(), &docs, when);
    docs.len()
}

/// Every committed document whose body is long enough to be grouped has a record in the
/// band runs under each of its sixteen keys, with its id, its group and its signature;
/// the others were never grouped.
fn check_bands(index_dir: &Path, docs: &[Doc], when: &str) {
    let index = NewsIndex::open(index_dir).unwrap();
    let runs = Runs::open(&index.files).unwrap_or_else(|e| panic!("{when}: {e}"));
    let mut grouped = 0;
    for d in docs {
        let signature = Signature::of(&d.body);
        if !signature.groupable() {
            assert_eq!((d.body_hash, d.group.as_str()), (None, d.id.as_str()));
            continue;
        }
        grouped += 1;
        assert_eq!(d.body_hash, Some(signature.exact), "{when}: {}", d.path);
        let id = bands::number(&d.id).unwrap();
        let group = bands::number(&d.group).unwrap();
        for key in signature.bands() {
            assert!(
                runs.with_key(key).any(|m| m.id == id
                    && m.group == group
                    && m.signature.exact == signature.exact
                    && m.signature.minhash == signature.minhash),
                "{when}: {} (group {}) is not in the band runs under key {key}",
                d.path,
                d.group
            );
        }
    }
    assert_eq!(
        grouped,
        docs.len(),
        "{when}: the corpus's bodies are all long"
    );
}

/// The documents of an index as groups of paths, whatever the groups are named.
fn partition(index_dir: &Path) -> BTreeSet<BTreeSet<String>> {
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in live_documents(index_dir) {
        groups.entry(d.group).or_default().insert(d.path);
    }
    groups.into_values().collect()
}

#[test]
fn runs_killed_around_commits_leave_whole_files_and_the_next_run_completes_them() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    let want = write_corpus(&corpus);
    let total: usize = want.values().map(BTreeSet::len).sum();
    let index_dir = env.index_dir();

    // 1. Killed right after its first commit.
    let mut run = start(&env, &corpus);
    kill_when(&mut run, "the first commit", || committed(&index_dir) > 0);
    let after_first = check_commit(&env, &want, "after the first commit");
    assert!(after_first > 0 && after_first < total, "{after_first}");

    // 2. The next run, killed during its first commit: its band run is written, its
    // documents are not committed.
    let runs_before = last_band_run(&index_dir);
    let mut run = start(&env, &corpus);
    kill_when(&mut run, "the next commit", || {
        last_band_run(&index_dir) > runs_before
    });
    let during_next = check_commit(&env, &want, "during the next commit");
    assert_eq!(during_next, after_first, "the interrupted commit landed");

    // 3. The next run, killed right after its last commit, before it ends; each of its
    // commits is checked on the way, while the run holds it open.
    let mut run = start(&env, &corpus);
    let mut seen = during_next;
    let mut commits = 0;
    kill_when(&mut run, "the last commit", || {
        let now = committed(&index_dir) as usize;
        if now != seen {
            seen = now;
            commits += 1;
            check_commit(
                &env,
                &want,
                &format!("at commit {commits} of the third run"),
            );
        }
        now == total
    });
    assert!(commits > 2, "only {commits} commits seen");
    assert_eq!(check_commit(&env, &want, "after the last commit"), total);

    // 4. A run to the end: everything once, grouped as a fresh index groups it.
    let out = env.run(&["index", corpus.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains(&format!("unchanged {}", want.len())), "{err}");
    let docs = live_documents(&index_dir);
    let paths: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
    let all: BTreeSet<String> = want.values().flatten().cloned().collect();
    assert_eq!((paths, docs.len()), (all, total));
    check_bands(&index_dir, &docs, "at the end");
    let fresh = TestEnv::new();
    fresh.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let groups = partition(&index_dir);
    assert_eq!(groups, partition(&fresh.index_dir()));
    // The copies of the first story are one group.
    let copies = TEXT_FILES.div_ceil(COPY_EVERY);
    assert!(groups.iter().any(|g| g.len() == copies), "{groups:?}");
}
