//! Streaming: how the readers of formats that hold many articles (NDJSON, JSON arrays,
//! CSV, WARC, Reuters SGML) read a file piece by piece and hand its articles over in
//! small chunks, so that memory stays flat whatever the file's size.
//!
//! Every article comes with a [`Mark`]: where reading can start again so that the
//! articles after it, and only those, come out. A run that committed part of a big file
//! records the mark of the last article committed; the next run goes on from there. What
//! to do with the chunks (extract, index, count) is the caller's business.

use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

use crate::article::RawArticle;

/// Articles handed over at once: enough to keep every core busy extracting them, few
/// enough that a file's chunks in flight stay small.
pub const CHUNK_ARTICLES: usize = 32;
/// Bytes of text handed over at once, whatever the number of articles.
pub const CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// Where reading a file can start again.
///
/// Articles are numbered as their locators are (`file#N`): by line, row, element or
/// page, as the format counts. Reading from `offset` (a line start, a record start, a
/// gzip member start), the next number is `base + 1`; articles numbered up to `done`
/// are read again but not handed over. Readers that cannot start in the middle of a
/// file use offset 0 and base 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub offset: u64,
    pub base: u64,
    pub done: u64,
}

impl Mark {
    /// The start of a file.
    pub const START: Mark = Mark {
        offset: 0,
        base: 0,
        done: 0,
    };

    /// The mark of article `n` read from a unit that starts at `from` (a restart point
    /// where the count was `base`).
    pub fn at(from: u64, base: u64, n: u64) -> Mark {
        Mark {
            offset: from,
            base,
            done: n,
        }
    }

    /// Whether article `n` was handed over before this mark.
    pub fn covers(&self, n: u64) -> bool {
        n <= self.done
    }
}

/// Receives the articles of a file, a chunk at a time, each with its mark; `Break` stops
/// the reader.
pub type Sink<'a> = dyn FnMut(Vec<(RawArticle, Mark)>) -> ControlFlow<()> + 'a;

/// The bytes of a file from some offset, counting what the reader consumed (its
/// position in the file) and telling `progress` as it goes.
pub struct Input<'a> {
    inner: Box<dyn BufRead + 'a>,
    pos: u64,
    unreported: u64,
    progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

/// Bytes read between two progress reports.
const REPORT_EVERY: u64 = 1 << 20;

impl<'a> Input<'a> {
    /// `inner` holds the file's bytes from `offset` on.
    pub fn new(inner: Box<dyn BufRead + 'a>, offset: u64) -> Input<'a> {
        Input {
            inner,
            pos: offset,
            unreported: 0,
            progress: None,
        }
    }

    /// Bytes of a file in memory, from the start.
    pub fn bytes(bytes: &'a [u8]) -> Input<'a> {
        Input::new(Box::new(bytes), 0)
    }

    /// Tell `progress` the bytes consumed, about every megabyte.
    pub fn with_progress(mut self, progress: &'a (dyn Fn(u64) + Sync)) -> Input<'a> {
        self.progress = Some(progress);
        self
    }

    /// The offset in the file of the next byte to read.
    pub fn position(&self) -> u64 {
        self.pos
    }

    fn advance(&mut self, n: usize) {
        self.pos += n as u64;
        self.unreported += n as u64;
        if self.unreported >= REPORT_EVERY {
            if let Some(progress) = self.progress {
                progress(self.unreported);
            }
            self.unreported = 0;
        }
    }
}

impl Drop for Input<'_> {
    fn drop(&mut self) {
        if let (Some(progress), true) = (self.progress, self.unreported > 0) {
            progress(self.unreported);
        }
    }
}

impl Read for Input<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.advance(n);
        Ok(n)
    }
}

impl BufRead for Input<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.advance(amt);
    }
}

/// Collects articles into chunks for a [`Sink`].
pub struct Chunker<'s, 'a> {
    sink: &'s mut Sink<'a>,
    chunk: Vec<(RawArticle, Mark)>,
    bytes: usize,
    stopped: bool,
    /// Articles handed over, and articles passed over as done.
    pub handed: u64,
    pub passed: u64,
}

impl<'s, 'a> Chunker<'s, 'a> {
    pub fn new(sink: &'s mut Sink<'a>) -> Self {
        Chunker {
            sink,
            chunk: Vec::new(),
            bytes: 0,
            stopped: false,
            handed: 0,
            passed: 0,
        }
    }

    /// Add article `n` with its mark, unless `start` covers it; false once the sink
    /// asked to stop.
    pub fn add(&mut self, start: &Mark, n: u64, article: RawArticle, mark: Mark) -> bool {
        if start.covers(n) {
            self.passed += 1;
            return !self.stopped;
        }
        self.bytes += article.text.len();
        self.chunk.push((article, mark));
        self.handed += 1;
        if self.chunk.len() >= CHUNK_ARTICLES || self.bytes >= CHUNK_BYTES {
            self.flush();
        }
        !self.stopped
    }

    /// Hand over what is waiting; false once the sink asked to stop.
    pub fn flush(&mut self) -> bool {
        if !self.chunk.is_empty() && !self.stopped {
            self.bytes = 0;
            let chunk = std::mem::take(&mut self.chunk);
            self.stopped = (self.sink)(chunk).is_break();
        }
        !self.stopped
    }

    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Whether any article was found, handed over or passed over.
    pub fn found_any(&self) -> bool {
        self.handed + self.passed > 0
    }
}

/// Checks that reading `bytes` (a file named `name`) from each mark an article comes with
/// yields exactly the articles after it.
#[cfg(test)]
pub(crate) fn check_resumes(name: &str, bytes: &[u8]) {
    fn marks(name: &str, bytes: &[u8], start: Mark) -> Vec<(String, Mark)> {
        let mut got = Vec::new();
        let mut sink = |chunk: Vec<(RawArticle, Mark)>| {
            got.extend(chunk.into_iter().map(|(a, m)| (a.locator, m)));
            ControlFlow::Continue(())
        };
        let rest = &bytes[start.offset as usize..];
        let mut input = Input::new(Box::new(rest), start.offset);
        let path = std::path::Path::new(name);
        super::stream(name, path, &mut input, start, &mut sink).expect("readable");
        got
    }
    let all = marks(name, bytes, Mark::START);
    assert!(all.len() >= 3, "{name}: {all:?}");
    for (i, (locator, mark)) in all.iter().enumerate() {
        let rest: Vec<String> = marks(name, bytes, *mark)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        let want: Vec<String> = all[i + 1..].iter().map(|(l, _)| l.clone()).collect();
        assert_eq!(rest, want, "{name}: after {locator} ({mark:?})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_counts_what_is_consumed() {
        let mut input = Input::new(Box::new(&b"one\ntwo\n"[..]), 100);
        let mut line = Vec::new();
        input.read_until(b'\n', &mut line).unwrap();
        assert_eq!(input.position(), 104);
        let mut rest = Vec::new();
        input.read_to_end(&mut rest).unwrap();
        assert_eq!(input.position(), 108);
    }

    #[test]
    fn chunker_passes_over_done_articles() {
        let mut got = Vec::new();
        let mut sink = |chunk: Vec<(RawArticle, Mark)>| {
            got.extend(chunk.into_iter().map(|(a, m)| (a.locator, m.done)));
            ControlFlow::Continue(())
        };
        let start = Mark::at(0, 0, 2);
        let mut chunker = Chunker::new(&mut sink);
        for n in 1..=4 {
            let article = RawArticle {
                locator: format!("f#{n}"),
                ..RawArticle::default()
            };
            assert!(chunker.add(&start, n, article, Mark::at(0, 0, n)));
        }
        chunker.flush();
        assert_eq!((chunker.handed, chunker.passed), (2, 2));
        drop(chunker);
        assert_eq!(got, [("f#3".to_string(), 3), ("f#4".to_string(), 4)]);
    }
}
