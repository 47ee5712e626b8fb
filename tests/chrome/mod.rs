//! A small client of the Chrome DevTools Protocol over `--remote-debugging-pipe`: the
//! system's headless Chromium driven through its pipe (NUL-terminated JSON messages on
//! file descriptors 3 and 4), with no WebSocket and no downloaded browser.
//!
//! Only what the page tests need: open a page, evaluate JavaScript, wait for a
//! condition, click with the mouse, type and press keys, and collect the page's
//! uncaught exceptions.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, PipeWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long a command or a condition may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// The browser to use: `NEWSIDX_CHROMIUM`, else Chromium or Chrome from the usual
/// places; `None` with the reason printed when there is none.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NEWSIDX_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let dirs = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&dirs) {
        for name in names {
            let path = dir.join(name);
            if path.is_file() {
                return Some(path);
            }
        }
    }
    let reason = "no Chromium found (apt-get install chromium, or set NEWSIDX_CHROMIUM)";
    if std::env::var_os("NEWSIDX_REQUIRE_BROWSER").is_some() {
        panic!("NEWSIDX_REQUIRE_BROWSER is set but {reason}");
    }
    eprintln!("skipped: {reason}");
    None
}

/// A headless browser with one page, closed when dropped.
pub struct Browser {
    child: Child,
    to_browser: PipeWriter,
    from_browser: Receiver<Value>,
    next_id: u64,
    /// The page's session.
    session: String,
    /// Uncaught exceptions the page reported.
    exceptions: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Start `program` headless, `width` by `height` pixels, with one blank page.
    pub fn launch(program: &PathBuf, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let (browser_reads, to_browser) = std::io::pipe().expect("a pipe");
        let (from_browser, browser_writes) = std::io::pipe().expect("a pipe");
        let (read_fd, write_fd) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        let mut command = Command::new(program);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--mute-audio",
                "--remote-debugging-pipe",
                &format!("--window-size={width},{height}"),
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2,
        // close) on descriptors this process owns. The pipe ends are copied above 9
        // first, so that moving them to 3 and 4 cannot overwrite one with the other.
        unsafe {
            command.pre_exec(move || {
                let read = libc::fcntl(read_fd, libc::F_DUPFD, 10);
                let write = libc::fcntl(write_fd, libc::F_DUPFD, 10);
                if read < 0 || write < 0 || libc::dup2(read, 3) < 0 || libc::dup2(write, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::close(read);
                libc::close(write);
                Ok(())
            });
        }
        let child = command.spawn().expect("the browser starts");
        drop(browser_reads);
        drop(browser_writes);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from_browser);
            let mut message = Vec::new();
            loop {
                message.clear();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop_if(|b| *b == 0);
                        if let Ok(value) = serde_json::from_slice(&message) {
                            if tx.send(value).is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser: rx,
            next_id: 0,
            session: String::new(),
            exceptions: Vec::new(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser.page("Runtime.enable", json!({}));
        browser.page("Page.enable", json!({}));
        browser
    }

    /// Send a command to the browser itself.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// Send a command to the page.
    pub fn page(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .unwrap_or_else(|e| panic!("cannot send {method} to the browser: {e}"));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.from_browser.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("{method}: no answer from the browser"),
                Err(RecvTimeoutError::Disconnected) => panic!("{method}: the browser quit"),
            };
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
            self.note(&message);
        }
    }

    /// Keep what an event says that the tests check.
    fn note(&mut self, event: &Value) {
        if event["method"] == "Runtime.exceptionThrown" {
            let details = &event["params"]["exceptionDetails"];
            let text = details["exception"]["description"]
                .as_str()
                .or(details["text"].as_str())
                .unwrap_or("an exception");
            self.exceptions.push(text.to_string());
        }
    }

    /// Uncaught exceptions the page has reported so far.
    pub fn exceptions(&self) -> &[String] {
        &self.exceptions
    }

    /// Load `url` and wait for its document.
    pub fn goto(&mut self, url: &str) {
        self.page("Page.navigate", json!({ "url": url }));
        self.wait_for("document.readyState === 'complete'", "the page loads");
    }

    /// The value of JavaScript `expression` (awaited when it is a promise).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.page(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(details) = result.get("exceptionDetails") {
            panic!("{expression} threw: {details}");
        }
        result["result"]["value"].clone()
    }

    /// Wait until `condition` (JavaScript) is true; `what` says what is awaited when it
    /// never is.
    pub fn wait_for(&mut self, condition: &str, what: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.eval(&format!("Boolean({condition})")) == json!(true) {
                return;
            }
            if Instant::now() > deadline {
                let text = self.eval("document.body ? document.body.innerText : ''");
                let url = self.eval("location.href");
                panic!("timed out waiting until {what} ({condition}) at {url}; the page shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Click the first element matching `selector` with the mouse, in the middle of its
    /// first box (a link broken over two lines has nothing between them).
    pub fn click(&mut self, selector: &str) {
        let selector_json = json!(selector).to_string();
        let point = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector_json}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); \
             const r = e.getClientRects()[0] || e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (Some(x), Some(y)) = (point[0].as_f64(), point[1].as_f64()) else {
            panic!("nothing to click: {selector}");
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Put `text` into the field matching `selector`, replacing what it holds, as typed.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        let selector_json = json!(selector).to_string();
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector_json}); if (!e) return false; \
             e.focus(); e.select(); return true; }})()"
        ));
        assert_eq!(found, json!(true), "no field {selector}");
        self.page("Input.insertText", json!({ "text": text }));
    }

    /// Press a key (`Enter`, `Tab`, `/`).
    pub fn press(&mut self, key: &str) {
        let (code, text, keycode) = match key {
            "Enter" => ("Enter", "\r", 13),
            "Tab" => ("Tab", "", 9),
            "/" => ("Slash", "/", 191),
            other => panic!("no key {other} in this client"),
        };
        self.page(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyDown", "key": key, "code": code, "text": text,
                    "windowsVirtualKeyCode": keycode, "nativeVirtualKeyCode": keycode }),
        );
        self.page(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code,
                    "windowsVirtualKeyCode": keycode, "nativeVirtualKeyCode": keycode }),
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
