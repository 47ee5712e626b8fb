//! Helpers for the tests of `newsidx serve`: a test corpus with known dates and copies,
//! an index of it built once per test binary, the real server started on a free
//! loopback port (and killed when the guard drops), and small HTTP helpers.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long the server may take to print its address and answer.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Articles of the dated part of the test corpus, one a week from 2014-01-06.
pub const DATED: usize = 24;

/// Headline of dated article `i` (0-based): each holds the word "lighthouse".
pub fn dated_headline(i: usize) -> String {
    format!("Lighthouse keepers log number {i:02}")
}

/// Date of dated article `i`: Mondays from 2014-01-06, seven days apart.
pub fn dated_day(i: usize) -> String {
    let mut day = 6 + 7 * i as u32;
    let mut month = 1;
    for length in [31, 28, 31, 30, 31, 30, 31] {
        if day <= length {
            break;
        }
        day -= length;
        month += 1;
    }
    format!("2014-{month:02}-{day:02}")
}

/// Write the test corpus into `dir`: the sample corpus, a copy of its first article
/// under another name (a duplicate group of two), and [`DATED`] dated articles as
/// NDJSON.
pub fn write_corpus(dir: &Path) {
    let sample = repo_root().join("sample-corpus");
    let texts = dir.join("sample");
    std::fs::create_dir_all(&texts).unwrap();
    for entry in std::fs::read_dir(&sample).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, texts.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        sample.join("01-harbour-dredging-contract.txt"),
        texts.join("01-harbour-dredging-contract-copy.txt"),
    )
    .unwrap();
    let mut lines = String::new();
    for i in 0..DATED {
        let article = serde_json::json!({
            "title": dated_headline(i),
            "date": dated_day(i),
            "body": format!(
                "The lighthouse on Skerry Point logged entry {i} this week. \
                 \"The lamp turned all night without fault,\" said Morag Dunlop, \
                 the keeper of the light.\n\nShips passed safely in fog number {i}."
            ),
            "url": format!("https://news.example/lighthouse/{i}"),
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    let dated = dir.join("dated");
    std::fs::create_dir_all(&dated).unwrap();
    std::fs::write(dated.join("lighthouse.ndjson"), lines).unwrap();
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of this test binary's own under Cargo's temporary folder for tests
/// (outside the source tree), emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An index of the test corpus, built once for the whole test binary under `name`;
/// tests only read it.
pub fn shared_index(name: &'static str) -> &'static Path {
    static INDEXES: OnceLock<Mutex<Vec<(&'static str, &'static Path)>>> = OnceLock::new();
    let mut built = INDEXES.get_or_init(Default::default).lock().unwrap();
    if let Some((_, path)) = built.iter().find(|(n, _)| *n == name) {
        return path;
    }
    let dir = scratch(name);
    write_corpus(&dir.join("corpus"));
    let index = dir.join("index");
    cli_ok(&index, &["index", dir.join("corpus").to_str().unwrap()], 0);
    let index: &'static Path = Box::leak(index.into_boxed_path());
    built.push((name, index));
    index
}

/// Run `newsidx ARGS` on `index`, requiring exit code `code`; returns stdout.
pub fn cli_ok(index: &Path, args: &[&str], code: i32) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(args)
        .env("NEWSIDX_INDEX", index)
        .output()
        .expect("newsidx runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "newsidx {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Parse NDJSON output.
pub fn ndjson(out: &str) -> Vec<Value> {
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A running `newsidx serve`, killed when dropped.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    pub port: u16,
    /// What the server printed on stderr so far.
    log: Arc<Mutex<String>>,
}

impl Served {
    /// Start `newsidx serve --addr 127.0.0.1:0 ARGS` over `index`, with the environment
    /// variables `vars`, and wait until it answers.
    pub fn start(index: &Path, args: &[&str], vars: &[(&str, &str)]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .env("NEWSIDX_INDEX", index)
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newsidx serve starts");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let sink = Arc::clone(&log);
        // Reads stderr to its end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let url = line[at..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let _ = tx.send(url);
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let url = match rx.recv_timeout(START_TIMEOUT) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("newsidx serve printed no address: {}", log.lock().unwrap());
            }
        };
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the address");
        let served = Served {
            child,
            url,
            port,
            log,
        };
        served.wait_until_answering();
        served
    }

    fn wait_until_answering(&self) {
        let deadline = Instant::now() + START_TIMEOUT;
        while Instant::now() < deadline {
            // The page needs no search slot, so it answers even when searches are slow.
            if self.try_get("").is_ok_and(|answer| answer.status == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("newsidx serve does not answer: {}", self.log());
    }

    /// What the server printed so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `GET path` (relative to the root, without the leading slash).
    pub fn get(&self, path: &str) -> Answer {
        self.try_get(path)
            .unwrap_or_else(|e| panic!("GET /{path} failed: {e}\n{}", self.log()))
    }

    fn try_get(&self, path: &str) -> Result<Answer, ureq::Error> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let response = agent.get(format!("{}{path}", self.url)).call()?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = response.into_body().read_to_string()?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// `GET path` answered with `status`; its JSON body.
    pub fn json(&self, path: &str, status: u16) -> Value {
        let answer = self.get(path);
        assert_eq!(answer.status, status, "GET /{path}: {}", answer.body);
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "GET /{path}"
        );
        serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{e}: {}", answer.body))
    }

    /// `GET path` refused with `status` and a JSON error; its message.
    pub fn error(&self, path: &str, status: u16) -> String {
        let v = self.json(path, status);
        let message = v["error"].as_str().expect("an error message").to_string();
        assert!(!message.is_empty(), "GET /{path}: an empty message");
        message
    }

    /// Send `request` as it is (a whole HTTP/1.1 request) and return the status line
    /// and headers and the body of the answer, read to the end of the connection.
    pub fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        // The server may answer (and close) before it has read a refused body.
        let _ = stream.write_all(request.as_bytes());
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A query string component, percent-encoded.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
