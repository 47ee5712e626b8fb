//! Incremental indexing, rebuilds, crash safety and the writer lock.

mod common;
#[cfg(unix)]
mod crashes;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{ndjson, TestEnv};
use newsidx::discover::Problem;
use newsidx::index::guard::RemovalLimit;
use newsidx::index::{NewsIndex, WriteLock};
use newsidx::ingest::{self, Events, Options};

struct Silent;

impl Events for Silent {
    fn problem(&self, problem: &Problem) {
        panic!("unexpected problem: {problem:?}");
    }
    fn warning(&self, _: &Path, _: &str) {}
}

fn article(word: &str, version: u32) -> String {
    format!("Headline about {word}\n\nThe council said {word} was discussed again, version {version}.\n")
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn count(index_dir: &Path, query: &str) -> usize {
    let index = NewsIndex::open(index_dir).unwrap();
    newsidx::search::search(
        &newsidx::search::Snapshot::of(&index).unwrap(),
        &newsidx::search::Request {
            query: query.into(),
            limit: 10_000,
            ..Default::default()
        },
    )
    .unwrap()
    .len()
}

/// Runs an ingest in this process, again while its index is locked, for up to ten
/// seconds: other tests of this binary start child processes, and a child holds a copy
/// of every file this process has open (the lock of an ingest that has just ended too)
/// from the moment it is forked until it runs newsidx.
fn in_process<T>(mut run: impl FnMut() -> newsidx::Result<T>) -> newsidx::Result<T> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match run() {
            Err(newsidx::Error::Locked(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

fn documents(index_dir: &Path) -> u64 {
    let index = NewsIndex::open(index_dir).unwrap();
    index.reader().unwrap().searcher().num_docs()
}

#[test]
fn rerun_reports_added_updated_removed_unchanged() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    for i in 0..6 {
        write(
            &corpus,
            &format!("a/{i}.txt"),
            &article(&format!("word{i}"), 1),
        );
    }
    env.run_ok(&["index", corpus.to_str().unwrap()], 0);
    write(&corpus, "a/0.txt", &article("changedword", 2));
    std::fs::remove_file(corpus.join("a/1.txt")).unwrap();
    write(&corpus, "b/new.txt", &article("freshword", 1));
    let out = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("added 1, updated 1, removed 1, unchanged 4, skipped 0"),
        "{err}"
    );
    assert_eq!(env.documents(), 6);
    assert_eq!(
        ndjson(&env.run_ok(&["search", "--json", "changedword"], 0)).len(),
        1
    );
    env.run_ok(&["search", "word1"], 1);
    env.run_ok(&["search", "word0"], 1);
    // A file touched but not changed is confirmed by its hash and left alone.
    write(&corpus, "a/2.txt", &article("word2", 1));
    let err =
        String::from_utf8_lossy(&env.run(&["index", corpus.to_str().unwrap()]).stderr).into_owned();
    assert!(
        err.contains("added 0, updated 0, removed 0, unchanged 6"),
        "{err}"
    );
}

#[test]
fn random_changes_converge_to_the_model() {
    // A seeded random sequence of adds, edits, deletions and rebuilds; after each step
    // the index must hold exactly the files of the model, each findable by its word.
    for seed in [1u64, 7, 42, 1234] {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let index_dir = dir.path().join("index");
        std::fs::create_dir_all(&corpus).unwrap();
        let mut model: std::collections::BTreeMap<String, u32> = Default::default();
        let mut rng = seed;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        // Deleting is the point here, down to an empty folder: no guard on removals.
        let options = Options {
            removals: RemovalLimit::Unlimited,
            ..Options::default()
        };
        for step in 0..12 {
            for _ in 0..1 + next(4) {
                let name = format!("f{}.txt", next(10));
                match next(3) {
                    0 | 1 => {
                        let version = model.get(&name).map_or(1, |v| v + 1);
                        write(
                            &corpus,
                            &name,
                            &article(&format!("w{}v{version}", &name[1..name.len() - 4]), version),
                        );
                        model.insert(name, version);
                    }
                    _ => {
                        if model.remove(&name).is_some() {
                            std::fs::remove_file(corpus.join(&name)).unwrap();
                        }
                    }
                }
            }
            if step % 5 == 4 {
                in_process(|| {
                    ingest::rebuild(
                        &index_dir,
                        Some(std::slice::from_ref(&corpus)),
                        &options,
                        &Silent,
                    )
                })
                .unwrap_or_else(|e| panic!("seed {seed} step {step}: reindex: {e}"));
            } else {
                in_process(|| {
                    ingest::update(&index_dir, std::slice::from_ref(&corpus), &options, &Silent)
                })
                .unwrap_or_else(|e| panic!("seed {seed} step {step}: index: {e}"));
            }
            assert_eq!(
                documents(&index_dir),
                model.len() as u64,
                "seed {seed} step {step}"
            );
            for (name, version) in &model {
                let word = format!("w{}v{version}", &name[1..name.len() - 4]);
                assert_eq!(
                    count(&index_dir, &word),
                    1,
                    "seed {seed} step {step} {word}"
                );
            }
        }
    }
}

#[test]
fn a_second_writer_exits_2_with_a_readable_message() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    let lock = WriteLock::acquire(&env.index_dir()).unwrap();
    for args in [&["index", "sample-corpus"][..], &["reindex"][..]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is being updated by another newsidx process"),
            "{err}"
        );
    }
    // Readers take no lock.
    env.run_ok(&["search", "wheat"], 0);
    drop(lock);
    env.run_ok(&["index", "sample-corpus"], 0);
}

fn big_corpus(dir: &Path, files: usize) -> PathBuf {
    let corpus = dir.join("big");
    for i in 0..files {
        let text = format!(
            "Report number {i}\n\nThe ministry said on Monday that shipment {i} had arrived. \"It is late,\" Jane Miller, a port official, said.\n"
        );
        write(&corpus, &format!("d{}/{i}.txt", i % 20), &text);
    }
    corpus
}

#[test]
fn killed_index_run_converges_on_the_next_run() {
    let env = TestEnv::new();
    let corpus = big_corpus(env.dir.path(), 4000);
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", "--quiet", corpus.to_str().unwrap()])
        .env("NEWSIDX_INDEX", env.index_dir())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    eprintln!("killed after {:?}", start.elapsed());
    // Whatever was committed is readable; the next run completes it exactly.
    if env.index_dir().join("newsidx.json").exists() {
        let out = env.run(&["stats", "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    assert_eq!(env.documents(), 4000);
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    assert_eq!(env.documents(), 4000);
}

#[test]
fn searches_keep_answering_during_reindex() {
    let env = TestEnv::new();
    let corpus = big_corpus(env.dir.path(), 3000);
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    assert_eq!(generation(&env), "gen-1");
    // One more article for the rebuild: the old index holds 3000, the new one 3001, so
    // every answer tells which index gave it.
    write(
        &corpus,
        "late/3000.txt",
        "Report number 3000\n\nThe ministry said that shipment 3000 had arrived.\n",
    );
    // Commits held open by the writer's test hook: the rebuild lasts at least 0.1 s per
    // 500 articles, whatever the machine.
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["reindex", "--quiet"])
        .env("NEWSIDX_INDEX", env.index_dir())
        .env("NEWSIDX_COMMIT_EVERY", "500")
        .env("NEWSIDX_TEST_COMMIT_PAUSE_MS", "100")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Start once the new generation is being written.
    let new = env.index_dir().join("gen-2");
    while !new.exists() {
        assert!(child.try_wait().unwrap().is_none(), "reindex ended at once");
        std::thread::sleep(Duration::from_millis(2));
    }
    let (mut before, mut after) = (0, 0);
    let mut switched = false;
    loop {
        let was_switched = generation(&env) == "gen-2";
        let out = env.run(&["search", "--json", "--limit", "1", "shipment"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let documents = env.documents();
        let now_switched = generation(&env) == "gen-2";
        match documents {
            3000 => {
                assert!(!was_switched, "the old index answered after the switch");
                if !now_switched {
                    before += 1;
                }
            }
            3001 => {
                assert!(now_switched, "the new index answered before the switch");
                after += 1;
            }
            n => panic!("{n} documents: neither the old index nor the new one"),
        }
        switched |= now_switched;
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "reindex failed: {status}");
            if after >= 3 {
                break;
            }
        }
    }
    assert!(switched);
    eprintln!("{before} searches before the switch, {after} after");
    assert!(before >= 3, "only {before} searches while the rebuild ran");
    assert!(after >= 3, "only {after} searches after the switch");
    assert_eq!(env.documents(), 3001);
}

#[test]
fn an_index_of_another_schema_version_asks_for_reindex() {
    let env = TestEnv::new();
    env.run_ok(&["index", "sample-corpus"], 0);
    let manifest = env.index_dir().join("newsidx.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let old = v["schema_version"].as_u64().unwrap() - 1;
    std::fs::write(
        &manifest,
        text.replace(
            &format!("\"schema_version\": {}", old + 1),
            &format!("\"schema_version\": {old}"),
        ),
    )
    .unwrap();
    let out = env.run(&["search", "wheat"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newsidx reindex"));
    env.run_ok(&["reindex"], 0);
    env.run_ok(&["search", "wheat"], 0);
}

fn files(dir: &Path, prefix: &str, n: usize) {
    for i in 0..n {
        write(
            dir,
            &format!("{prefix}{i}.txt"),
            &article(&format!("{prefix}{i}"), 1),
        );
    }
}

fn remove(dir: &Path, prefix: &str, range: std::ops::Range<usize>) {
    for i in range {
        std::fs::remove_file(dir.join(format!("{prefix}{i}.txt"))).unwrap();
    }
}

/// Runs `newsidx ARGS`, requires exit code `code`, returns stderr.
fn stderr_of(env: &TestEnv, args: &[&str], code: i32) -> String {
    let out = env.run(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    err
}

#[test]
fn an_emptied_folder_keeps_its_documents_until_pruned() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("archive");
    let path = corpus.to_str().unwrap();
    files(&corpus, "kept", 12);
    env.run_ok(&["index", path], 0);
    // As if the archive's drive were not mounted: the folder is empty, but for a file
    // written since, which is added all the same.
    remove(&corpus, "kept", 0..12);
    write(&corpus, "arrival.txt", &article("arrival", 1));
    let err = stderr_of(&env, &["index", path], 1);
    assert!(
        err.contains(path) && err.contains("all 12 documents") && err.contains("--prune"),
        "{err}"
    );
    assert!(err.contains("added 1, updated 0, removed 0"), "{err}");
    assert_eq!(env.documents(), 13);
    env.run_ok(&["search", "kept3"], 0);
    let err = stderr_of(&env, &["index", "--prune", path], 0);
    assert!(err.contains("removed 12"), "{err}");
    assert_eq!(env.documents(), 1);
    env.run_ok(&["search", "kept3"], 1);
}

#[test]
fn losing_most_of_a_folder_needs_a_limit_but_small_deletions_go_through() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("archive");
    let path = corpus.to_str().unwrap();
    files(&corpus, "doc", 20);
    env.run_ok(&["index", path], 0);
    remove(&corpus, "doc", 0..2);
    let err = stderr_of(&env, &["index", path], 0);
    assert!(err.contains("removed 2"), "{err}");
    // 11 of the 18 left: more than half, and more than 10.
    remove(&corpus, "doc", 2..13);
    let err = stderr_of(&env, &["index", path], 1);
    assert!(err.contains("11 of the 18 documents"), "{err}");
    assert!(err.contains("more than half"), "{err}");
    assert_eq!(env.documents(), 18);
    let err = stderr_of(&env, &["index", "--max-removals", "10", path], 1);
    assert!(err.contains("more than --max-removals 10"), "{err}");
    assert_eq!(env.documents(), 18);
    let err = stderr_of(&env, &["index", "--max-removals", "11", path], 0);
    assert!(err.contains("removed 11"), "{err}");
    assert_eq!(env.documents(), 7);
}

fn generation(env: &TestEnv) -> String {
    let text = std::fs::read_to_string(env.index_dir().join("newsidx.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["generation"].as_str().unwrap().to_string()
}

#[test]
fn reindex_keeps_the_old_index_when_a_folder_lost_its_documents() {
    let env = TestEnv::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    files(&a, "alpha", 12);
    files(&b, "beta", 3);
    env.run_ok(&["index", a.to_str().unwrap(), b.to_str().unwrap()], 0);
    let before = generation(&env);
    // A recorded folder gone altogether (moved, unmounted): skipped, and the rebuild,
    // which would lose its documents, is not switched to.
    let moved = env.dir.path().join("a-moved");
    std::fs::rename(&a, &moved).unwrap();
    let err = stderr_of(&env, &["reindex"], 1);
    assert!(
        err.contains("kept the old index") && err.contains(a.to_str().unwrap()),
        "{err}"
    );
    assert_eq!(generation(&env), before);
    assert_eq!(env.documents(), 15);
    env.run_ok(&["search", "alpha3"], 0);
    // Back, but emptied: the same, until --prune.
    std::fs::rename(&moved, &a).unwrap();
    remove(&a, "alpha", 0..12);
    let err = stderr_of(&env, &["reindex"], 1);
    assert!(err.contains("all 12 documents"), "{err}");
    assert_eq!(generation(&env), before);
    stderr_of(&env, &["reindex", "--prune"], 0);
    assert_ne!(generation(&env), before);
    assert_eq!(env.documents(), 3);
}

#[test]
fn one_snapshot_answers_from_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let index_dir = dir.path().join("index");
    files(&corpus, "harbour", 3);
    let roots = [corpus.clone()];
    in_process(|| ingest::update(&index_dir, &roots, &Options::default(), &Silent)).unwrap();
    let index = NewsIndex::open(&index_dir).unwrap();
    let snapshot = newsidx::search::Snapshot::of(&index).unwrap();
    // Another commit lands while the command is answering.
    files(&corpus, "harbour-late", 4);
    in_process(|| ingest::update(&index_dir, &roots, &Options::default(), &Silent)).unwrap();
    let request = newsidx::search::Request {
        query: "council".into(),
        limit: 100,
        ..Default::default()
    };
    let hits = newsidx::search::search(&snapshot, &request).unwrap();
    let stats = newsidx::search::stats(&snapshot, 5).unwrap();
    assert_eq!((hits.len(), stats.documents), (3, 3));
    let now = newsidx::search::Snapshot::of(&index).unwrap();
    assert_eq!(newsidx::search::search(&now, &request).unwrap().len(), 7);
}

/// A write error ends the run at once: extraction stops, the error names the index, the
/// exit code is 2 and the index keeps its last commit. The failure is forced through the
/// writer's test hook (read only by builds with debug assertions), which works whatever
/// user the tests run as.
#[cfg(debug_assertions)]
#[test]
fn a_write_error_stops_the_run_and_keeps_the_last_commit() {
    let env = TestEnv::new();
    env.run_ok(&["index", "--quiet", "sample-corpus"], 0);
    let committed = env.documents();
    // Long articles, so that reading them all takes many times what starting takes.
    let corpus = env.dir.path().join("long");
    for i in 0..1500 {
        let body: Vec<String> = (0..120)
            .map(|j| format!("The ministry said on Monday that shipment {i}-{j} had arrived at berth {}, a port official said.", j % 7))
            .collect();
        write(
            &corpus,
            &format!("d{}/{i}.txt", i % 20),
            &format!("Report number {i}\n\n{}\n", body.join(" ")),
        );
    }
    let run = |fail_at: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsidx"));
        command
            .args([
                "index",
                "--quiet",
                "sample-corpus",
                corpus.to_str().unwrap(),
            ])
            .env("NEWSIDX_INDEX", env.index_dir())
            .current_dir(common::repo_root());
        if let Some(n) = fail_at {
            command.env("NEWSIDX_TEST_FAIL_WRITE", n);
        }
        let start = Instant::now();
        let out = command.output().unwrap();
        (out, start.elapsed())
    };
    let (failed, failed_time) = run(Some("100"));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&env.index_dir().display().to_string()) && err.contains("FAIL_WRITE"),
        "{err}"
    );
    assert_eq!(env.documents(), committed);
    env.run_ok(&["search", "\"shipment 17 3 had arrived\""], 1);
    let (done, full_time) = run(None);
    assert_eq!(done.status.code(), Some(0));
    assert_eq!(env.documents(), committed + 1500);
    env.run_ok(&["search", "\"shipment 17 3 had arrived\""], 0);
    eprintln!("failed after {failed_time:?}; the whole run took {full_time:?}");
    // Alone, the failed run takes a fifth of the whole one; tests running beside it slow
    // the short run more than the long one, so the margin is kept wide. A run that went
    // on after the error would take as long as the whole one.
    assert!(
        failed_time * 2 < full_time,
        "the failed run took {failed_time:?}, the whole run {full_time:?}"
    );
}

/// Words for article bodies that differ enough not to be grouped as copies.
const WORDS: &[&str] = &[
    "harbour", "council", "budget", "ferry", "dredging", "minister", "wheat", "grain", "port",
    "tariff", "strike", "union", "court", "bridge", "railway", "election", "mayor", "hospital",
    "school", "river", "flood", "drought", "festival", "museum", "airport", "factory", "export",
    "contract", "tender", "pension", "reform", "senate", "treaty", "summit", "embassy", "harvest",
];

/// The text of article `i`: a headline and a body unlike the others.
fn story(i: usize) -> (String, String) {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut words = Vec::new();
    for _ in 0..40 {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        words.push(WORDS[(x >> 33) as usize % WORDS.len()]);
    }
    let body = format!(
        "The ministry said on Monday that shipment marker{i} had arrived. {}.",
        words.join(" ")
    );
    (format!("Report number {i} on the {}", words[0]), body)
}

fn ndjson_lines(range: std::ops::Range<usize>) -> String {
    range
        .map(|i| {
            let (title, text) = story(i);
            serde_json::json!({ "title": title, "text": text }).to_string() + "\n"
        })
        .collect()
}

fn warc_gz_records(range: std::ops::Range<usize>) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    for i in range {
        let (title, text) = story(i);
        let html = format!(
            "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
             <p>{text}</p><p>The board will meet again next month to decide on the budget.</p>\
             </article></body></html>"
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://n.test/{i}\r\n\
             Content-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(record.as_bytes()).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

/// Files the last commit of the index holds in part (from the commit's payload).
fn committed_in_part(env: &TestEnv) -> usize {
    let Ok(text) = std::fs::read_to_string(env.index_dir().join("gen-1").join("meta.json")) else {
        return 0;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0; // being written
    };
    meta["payload"]
        .as_str()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|p| p["partial"].as_object().map(|m| m.len()))
        .unwrap_or(0)
}

/// Runs `newsidx index FILE` committing every `every` articles, and kills it (SIGKILL)
/// as soon as a commit holds part of the file. False if the run ended first.
fn kill_inside(env: &TestEnv, file: &Path, every: &str) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", "--quiet", file.to_str().unwrap()])
        .env("NEWSIDX_INDEX", env.index_dir())
        .env("NEWSIDX_COMMIT_EVERY", every)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if committed_in_part(env) > 0 {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The article paths the index holds, with how many times each.
fn paths(env: &TestEnv) -> std::collections::BTreeMap<String, usize> {
    let out = env.run_ok(&["search", "--json", "--limit", "100000", "shipment"], 0);
    let mut paths = std::collections::BTreeMap::new();
    for hit in ndjson(&out) {
        *paths
            .entry(hit["path"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    paths
}

/// Kill a run inside `file` (holding `n` articles) after a commit, run again, and check
/// that every article is there exactly once and that the second run went on from the
/// commit.
fn resumes_after_kill(env: &TestEnv, file: &Path, n: usize, every: &str) {
    assert!(
        kill_inside(env, file, every),
        "the run ended before it committed part of the file"
    );
    let before = env.documents() as usize;
    assert!(before > 0 && before < n, "{before} of {n} after the kill");
    let err = stderr_of(env, &["index", file.to_str().unwrap()], 0);
    assert!(
        err.contains("updated 1 (1 read on from where the index left them)"),
        "{err}"
    );
    assert!(!err.contains(&format!("({n} articles")), "{err}");
    let paths = paths(env);
    let file = file.to_str().unwrap();
    let want: std::collections::BTreeMap<String, usize> =
        (1..=n).map(|i| (format!("{file}#{i}"), 1)).collect();
    assert_eq!(paths, want);
    assert_eq!(env.documents() as usize, n);
}

#[test]
fn a_run_killed_inside_a_big_ndjson_file_resumes_there() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..3000)).unwrap();
    let file = std::fs::canonicalize(file).unwrap();
    resumes_after_kill(&env, &file, 3000, "100");
}

#[test]
fn a_run_killed_inside_a_warc_gz_resumes_there() {
    let env = TestEnv::new();
    let file = env.dir.path().join("crawl.warc.gz");
    std::fs::write(&file, warc_gz_records(0..1200)).unwrap();
    let file = std::fs::canonicalize(file).unwrap();
    resumes_after_kill(&env, &file, 1200, "40");
}

/// The documents of an index as `search --json` gives them, less the score.
fn hits(env: &TestEnv) -> Vec<serde_json::Value> {
    let out = env.run_ok(&["search", "--json", "--limit", "100000", "shipment"], 0);
    let mut hits = ndjson(&out);
    for hit in &mut hits {
        hit.as_object_mut().unwrap().remove("score");
    }
    hits.sort_by_key(|h| h["path"].as_str().unwrap().to_string());
    hits
}

#[test]
fn an_appended_ndjson_file_reads_only_the_new_lines() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..300)).unwrap();
    let path = file.to_str().unwrap();
    let err = stderr_of(&env, &["index", path], 0);
    assert!(
        err.contains("added 1,") && err.contains("(300 articles"),
        "{err}"
    );
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(&mut f, ndjson_lines(300..400).as_bytes()).unwrap();
    drop(f);
    let err = stderr_of(&env, &["index", path], 0);
    assert!(
        err.contains("updated 1 (1 read on from where the index left them)")
            && err.contains("(100 articles"),
        "{err}"
    );
    assert_eq!(env.documents(), 400);
    let fresh = TestEnv::new();
    fresh.run_ok(&["index", "--quiet", path], 0);
    assert_eq!(hits(&env), hits(&fresh));
    // A change inside the old part is no append: the file is read again whole.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("marker7 ", "marker7b ", 1)).unwrap();
    let err = stderr_of(&env, &["index", path], 0);
    assert!(
        err.contains("updated 1,") && err.contains("(400 articles"),
        "{err}"
    );
    assert_eq!(env.documents(), 400);
    env.run_ok(&["search", "marker7b"], 0);
}

#[test]
fn a_big_file_read_again_keeps_no_stale_documents() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..200)).unwrap();
    let path = file.to_str().unwrap();
    env.run_ok(&["index", "--quiet", path], 0);
    // Fewer lines, read in several parts: the documents of the lines gone go at the end.
    std::fs::write(&file, ndjson_lines(50..150)).unwrap();
    let out = env.run_with(&["index", path], &[("NEWSIDX_COMMIT_EVERY", "10")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(env.documents(), 100);
    env.run_ok(&["search", "marker149"], 0);
    env.run_ok(&["search", "marker150"], 1);
}

#[test]
fn a_big_file_that_lost_most_of_its_articles_keeps_them_until_pruned() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..100)).unwrap();
    let path = file.to_str().unwrap();
    env.run_ok(&["index", "--quiet", path], 0);
    // Cut short to 40 lines (read in two parts): 60 of its 100 documents would go.
    std::fs::write(&file, ndjson_lines(0..40)).unwrap();
    let err = stderr_of(&env, &["index", path], 1);
    assert!(
        err.contains(path) && err.contains("60 of the 100 documents") && err.contains("--prune"),
        "{err}"
    );
    assert_eq!(env.documents(), 100);
    env.run_ok(&["search", "marker77"], 0);
    let err = stderr_of(&env, &["index", "--prune", path], 0);
    assert!(err.contains("updated 1,"), "{err}");
    assert_eq!(env.documents(), 40);
    env.run_ok(&["search", "marker77"], 1);
}

#[test]
fn an_appended_warc_gz_reads_only_the_new_pages() {
    let env = TestEnv::new();
    let file = env.dir.path().join("crawl.warc.gz");
    std::fs::write(&file, warc_gz_records(0..60)).unwrap();
    let path = file.to_str().unwrap();
    env.run_ok(&["index", "--quiet", path], 0);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(&mut f, &warc_gz_records(60..80)).unwrap();
    drop(f);
    let err = stderr_of(&env, &["index", path], 0);
    assert!(
        err.contains("updated 1 (1 read on from where the index left them)")
            && err.contains("(20 articles"),
        "{err}"
    );
    let fresh = TestEnv::new();
    fresh.run_ok(&["index", "--quiet", path], 0);
    assert_eq!(hits(&env).len(), 80);
    assert_eq!(hits(&env), hits(&fresh));
}

#[test]
fn a_file_committed_in_part_waits_for_a_run_that_names_it() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..3000)).unwrap();
    let file = std::fs::canonicalize(file).unwrap();
    assert!(kill_inside(&env, &file, "100"));
    // A run over another folder keeps the record of how far the file got.
    let other = env.dir.path().join("other");
    files(&other, "elsewhere", 2);
    env.run_ok(&["index", "--quiet", other.to_str().unwrap()], 0);
    assert_eq!(committed_in_part(&env), 1);
    let err = stderr_of(&env, &["index", file.to_str().unwrap()], 0);
    assert!(err.contains("(1 read on from where"), "{err}");
    assert_eq!(committed_in_part(&env), 0);
    assert_eq!(paths(&env).len(), 3000);
    assert_eq!(env.documents(), 3002);
}

#[test]
fn a_file_that_grew_by_blank_lines_is_unchanged_the_next_time() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..20)).unwrap();
    let path = file.to_str().unwrap();
    env.run_ok(&["index", "--quiet", path], 0);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(&mut f, b"\n\n").unwrap();
    drop(f);
    let err = stderr_of(&env, &["index", path], 0);
    assert!(
        err.contains("updated 1 (1 read on") && err.contains("(0 articles"),
        "{err}"
    );
    let err = stderr_of(&env, &["index", path], 0);
    assert!(err.contains("unchanged 1,"), "{err}");
    assert_eq!(env.documents(), 20);
}

#[test]
fn withheld_removals_of_a_file_that_grew_in_bytes_wait_for_prune() {
    let env = TestEnv::new();
    let file = env.dir.path().join("dump.ndjson");
    std::fs::write(&file, ndjson_lines(0..100)).unwrap();
    let path = file.to_str().unwrap();
    env.run_ok(&["index", "--quiet", path], 0);
    // 40 longer lines: fewer articles in more bytes.
    let long: String = (0..40)
        .map(|i| {
            let (title, text) = story(i);
            let text = format!("{text} {}", "More words on the harbour. ".repeat(100));
            serde_json::json!({ "title": title, "text": text }).to_string() + "\n"
        })
        .collect();
    std::fs::write(&file, long).unwrap();
    for _ in 0..2 {
        let err = stderr_of(&env, &["index", path], 1);
        assert!(err.contains("60 of the 100 documents"), "{err}");
        assert_eq!(env.documents(), 100);
    }
    stderr_of(&env, &["index", "--prune", path], 0);
    assert_eq!(env.documents(), 40);
    let err = stderr_of(&env, &["index", path], 0);
    assert!(err.contains("unchanged 1,"), "{err}");
}
