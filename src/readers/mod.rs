//! Readers turn a file's bytes into raw articles, one reader per input format, all
//! yielding the same [`RawArticle`]. Decoding bytes to text is left to [`crate::decode`],
//! parsing the articles into fields to [`crate::extract`].
//!
//! The file name picks the reader ([`Format::for_path`]); a few cheap looks at the
//! content correct names that lie in common ways, and nothing else is sniffed:
//!
//! - a `.json` file holding one object per line is read as NDJSON;
//! - a `.warc` file that is gzip-compressed is decompressed, and a `.warc.gz` file that
//!   is not is read as it is;
//! - a text-based file (anything but WARC) with a NUL byte in its first 8 KiB and no
//!   byte-order mark is binary and skipped, as git and ripgrep judge it;
//! - a file of another name, which discovery only hands over when the user named it
//!   directly, is read as plain text, and so is a `.txt` file holding markup.
//!
//! A reader returns `Err(reason)` when the file holds nothing usable: the file is then
//! skipped and reported once. Damage it can step over (a bad line, a truncated tail)
//! becomes a warning and the good articles are kept.
//!
//! Formats that hold many articles are streamed ([`stream`]): a file is read a piece at
//! a time and its articles handed over in small chunks, each with the place where
//! reading could start again after it ([`Mark`]). [`read`] collects them for a file in
//! memory.
//!
//! Whatever the format, every article leaves [`read`] and [`stream`] through
//! [`crate::controls`]: no control characters in its text, no bidirectional controls in
//! its one-line fields.

mod csv;
mod html;
mod json;
mod known;
mod markup;
mod reuters;
mod stated;
pub mod stream;
mod text;
mod warc;

use std::io::BufRead;
use std::ops::ControlFlow;
use std::path::Path;

use crate::article::RawArticle;
pub use stream::{Input, Mark, Sink};

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct Read {
    pub articles: Vec<RawArticle>,
    /// Things the user should know that did not stop the file from being read.
    pub warnings: Vec<String>,
}

/// An input format newsidx reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file (`.txt`).
    Text,
    /// Reuters-21578 SGML, one article per `<REUTERS>` element (`.sgm`).
    Reuters,
    /// One article object, or an array of them (`.json`).
    Json,
    /// One article object per line (`.jsonl`, `.ndjson`).
    Ndjson,
    /// One article per row under a header row (`.csv`).
    Csv,
    /// One web page, reduced to its main content (`.html`, `.htm`).
    Html,
    /// Web archive, one article per HTML response (`.warc`, `.warc.gz`).
    Warc,
}

/// File name endings newsidx reads, longest first so that `warc.gz` wins over `gz`.
pub const EXTENSIONS: &[&str] = &[
    "warc.gz", "txt", "sgm", "json", "jsonl", "ndjson", "csv", "html", "htm", "warc",
];

impl Format {
    /// The format a file's name announces (case-insensitive), if newsidx reads it.
    pub fn for_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let ext = EXTENSIONS.iter().find(|ext| {
            name.len() > ext.len() + 1
                && name.ends_with(*ext)
                && name.as_bytes()[name.len() - ext.len() - 1] == b'.'
        })?;
        Some(match *ext {
            "txt" => Format::Text,
            "sgm" => Format::Reuters,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Ndjson,
            "csv" => Format::Csv,
            "html" | "htm" => Format::Html,
            _ => Format::Warc,
        })
    }
}

impl Format {
    /// Whether files of this format hold many articles and are streamed.
    pub fn streams(self) -> bool {
        !matches!(self, Format::Text | Format::Html)
    }

    /// Whether a file of this format that only grew holds its old articles unchanged,
    /// and its new ones after them, starting where the old bytes end.
    pub fn appends(self) -> bool {
        matches!(self, Format::Ndjson | Format::Warc)
    }
}

/// Read the articles of one file. `locator` names the file in the articles produced
/// (an absolute path when indexing, the path as given when extracting); articles of
/// files that hold several are named `locator#N`.
pub fn read(locator: &str, path: &Path, bytes: &[u8]) -> Result<Read, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let format = Format::for_path(path).unwrap_or(Format::Text);
    if format != Format::Warc && is_binary(bytes) {
        return Err("binary data (NUL bytes), not text".into());
    }
    let mut read = match format {
        Format::Text => text::read(locator, bytes),
        Format::Html => html::read(locator, bytes),
        Format::Json => json::read(locator, bytes),
        // UTF-16 lines cannot be found in the bytes: such a file is decoded whole.
        Format::Ndjson if utf16(bytes) => json::read(locator, bytes),
        Format::Ndjson => json::read_lines(locator, bytes),
        Format::Reuters => reuters::read(locator, bytes),
        Format::Csv => csv::read(locator, bytes),
        Format::Warc => warc::read(locator, bytes),
    }?;
    // After every reader's own unescaping (JSON, character references, SGML), the one
    // filter for what the text may carry.
    read.articles
        .iter_mut()
        .for_each(crate::controls::clean_raw);
    if read.articles.is_empty() {
        // Nothing was indexed from it: the file counts as skipped, with the reasons.
        return Err(match read.warnings.is_empty() {
            true => "no articles".into(),
            false => format!("no articles: {}", read.warnings.join("; ")),
        });
    }
    Ok(read)
}

/// Stream the articles of one file of a format that [`Format::streams`], from `start`
/// (a mark an earlier read handed over, or [`Mark::START`]), to `sink`. `input` holds
/// the file's bytes from `start.offset`. Returns the warnings, or `Err(reason)` when
/// the file holds nothing usable; read from a later mark, a file may yield nothing.
pub fn stream(
    locator: &str,
    path: &Path,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let format = Format::for_path(path).unwrap_or(Format::Text);
    let mut found = 0;
    let mut cleaned = |mut chunk: Vec<(RawArticle, Mark)>| {
        found += chunk.len();
        chunk
            .iter_mut()
            .for_each(|(a, _)| crate::controls::clean_raw(a));
        sink(chunk)
    };
    if start == Mark::START {
        let head = input.fill_buf().map_err(|e| e.to_string())?;
        if head.is_empty() {
            return Err("empty file".into());
        }
        if format != Format::Warc && is_binary(head) {
            return Err("binary data (NUL bytes), not text".into());
        }
        if !format.streams() || utf16(head) {
            // Read whole: one article, or text whose lines cannot be found in its bytes.
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(input, &mut bytes).map_err(|e| e.to_string())?;
            let read = read(locator, path, &bytes)?;
            let chunk = read.articles.into_iter().map(|a| (a, Mark::START));
            let _ = cleaned(chunk.collect());
            return Ok(read.warnings);
        }
    }
    let warnings = stream_format(format, locator, input, start, &mut cleaned)?;
    if found == 0 && start == Mark::START {
        return Err(match warnings.is_empty() {
            true => "no articles".into(),
            false => format!("no articles: {}", warnings.join("; ")),
        });
    }
    Ok(warnings)
}

fn stream_format(
    format: Format,
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    match format {
        Format::Reuters => reuters::stream(locator, input, start, sink),
        Format::Json => json::stream(locator, input, start, sink),
        Format::Csv => csv::stream(locator, input, start, sink),
        Format::Warc => warc::stream(locator, input, start, sink),
        Format::Ndjson => json::stream_lines(locator, input, start, sink),
        Format::Text | Format::Html => Err("one article per file: not read in pieces".into()),
    }
}

/// Read a file in memory through a streaming reader.
fn collected(
    bytes: &[u8],
    stream: impl FnOnce(&mut Input, &mut Sink) -> Result<Vec<String>, String>,
) -> Result<Read, String> {
    let mut articles = Vec::new();
    let mut sink = |chunk: Vec<(RawArticle, Mark)>| {
        articles.extend(chunk.into_iter().map(|(a, _)| a));
        ControlFlow::Continue(())
    };
    let warnings = stream(&mut Input::bytes(bytes), &mut sink)?;
    Ok(Read { articles, warnings })
}

/// Whether `bytes` start with a UTF-16 byte-order mark.
fn utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// Whether `bytes` look binary: a NUL byte near the start and no byte-order mark
/// (UTF-16 text is full of NULs but announces itself).
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    encoding_rs::Encoding::for_bom(bytes).is_none() && bytes.iter().take(8192).any(|&b| b == 0)
}

/// `text` cut to `max` characters, for messages that quote the file.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// The locator of the `n`th article (1-based) of a file that holds several.
fn nth(locator: &str, n: usize) -> String {
    format!("{locator}#{n}")
}

/// Collects warnings about parts of a file, reporting the first few in full and
/// the rest as a count, so that a file of garbage lines does not flood the terminal.
#[derive(Debug, Default)]
struct Damage {
    shown: Vec<String>,
    more: usize,
}

impl Damage {
    const SHOWN: usize = 3;

    fn note(&mut self, message: impl FnOnce() -> String) {
        if self.shown.len() < Self::SHOWN {
            self.shown.push(message());
        } else {
            self.more += 1;
        }
    }

    fn count(&self) -> usize {
        self.shown.len() + self.more
    }

    /// The first message, for a file that yielded nothing.
    fn first(&self) -> Option<&str> {
        self.shown.first().map(String::as_str)
    }

    fn into_warnings(self, what: &str, warnings: &mut Vec<String>) {
        self.into_notes(&format!("{what} skipped"), warnings);
    }

    /// The messages, then how many more there were, followed by `more` ("fields
    /// ignored"): for things that did not stop an article from being read.
    fn into_notes(self, more: &str, warnings: &mut Vec<String>) {
        warnings.extend(self.shown);
        if self.more > 0 {
            warnings.push(format!("{} more {more}", self.more));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_by_name() {
        for (name, want) in [
            ("a.txt", Some(Format::Text)),
            ("A.SGM", Some(Format::Reuters)),
            ("x.json", Some(Format::Json)),
            ("x.jsonl", Some(Format::Ndjson)),
            ("x.ndjson", Some(Format::Ndjson)),
            ("x.csv", Some(Format::Csv)),
            ("x.htm", Some(Format::Html)),
            ("x.html", Some(Format::Html)),
            ("crawl.warc", Some(Format::Warc)),
            ("crawl.WARC.GZ", Some(Format::Warc)),
            ("archive.tar.gz", None),
            ("photo.jpg", None),
            (".txt", None),
            ("warc.gz", None),
        ] {
            assert_eq!(Format::for_path(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        for name in ["a.txt", "a.json", "a.csv", "a.html", "a.sgm", "a.warc"] {
            assert_eq!(
                read("a", Path::new(name), b"").unwrap_err(),
                "empty file",
                "{name}"
            );
        }
        let err = read("a", Path::new("a.txt"), b"Headline\0\0\0body").unwrap_err();
        assert!(err.contains("binary"), "{err}");
        // UTF-16 with a byte-order mark is text.
        let utf16 = b"\xFF\xFEH\0i\0";
        assert_eq!(
            read("a", Path::new("a.txt"), utf16).unwrap().articles.len(),
            1
        );
    }

    #[test]
    fn every_mark_resumes_after_its_article() {
        let lines: String = (1..=7)
            .map(|i| match i {
                3 => "{\"title\": broken\n".to_string(),
                5 => "\n".to_string(),
                _ => format!("{{\"title\": \"Story {i}\", \"text\": \"Body {i}.\"}}\n"),
            })
            .collect();
        stream::check_resumes("a.ndjson", lines.as_bytes());
        let entries: Vec<String> = (1..=70)
            .map(|i| format!("{{\"title\": \"Story {i}\", \"text\": \"Body {i}.\"}}"))
            .collect();
        stream::check_resumes("a.json", format!("[{}]", entries.join(",\n")).as_bytes());
        let rows: String = (1..=40)
            .map(|i| format!("Story {i},\"Body, {i}.\"\n"))
            .collect();
        stream::check_resumes("a.csv", format!("title,body\n{rows}").as_bytes());
        let elements: String = (1..=5)
            .map(|i| {
                format!(
                    "<REUTERS NEWID=\"{i}\">\n<TEXT><TITLE>STORY {i}</TITLE><BODY>Body {i}.\n</BODY></TEXT>\n</REUTERS>\n"
                )
            })
            .collect();
        stream::check_resumes("a.sgm", elements.as_bytes());
    }

    #[test]
    fn streamed_files_are_read_in_chunks() {
        let lines: String = (1..=100)
            .map(|i| format!("{{\"title\": \"Story {i}\", \"text\": \"Body {i}.\"}}\n"))
            .collect();
        let mut chunks = Vec::new();
        let mut sink = |chunk: Vec<(RawArticle, Mark)>| {
            chunks.push(chunk.len());
            ControlFlow::Continue(())
        };
        let mut input = Input::bytes(lines.as_bytes());
        stream(
            "a.ndjson",
            Path::new("a.ndjson"),
            &mut input,
            Mark::START,
            &mut sink,
        )
        .unwrap();
        assert_eq!(chunks.iter().sum::<usize>(), 100);
        assert!(
            chunks.iter().all(|&n| n <= stream::CHUNK_ARTICLES),
            "{chunks:?}"
        );
    }

    #[test]
    fn clipped_quotes() {
        assert_eq!(clip("héllo", 3), "hél…");
        assert_eq!(clip("hé", 3), "hé");
    }

    #[test]
    fn damage_is_summarised() {
        let mut damage = Damage::default();
        for i in 0..5 {
            damage.note(|| format!("line {i}: bad"));
        }
        let mut warnings = Vec::new();
        damage.into_warnings("lines", &mut warnings);
        assert_eq!(
            warnings,
            [
                "line 0: bad",
                "line 1: bad",
                "line 2: bad",
                "2 more lines skipped"
            ]
        );
    }

    const NAMES: &[&str] = &[
        "a.txt",
        "a.sgm",
        "a.json",
        "a.jsonl",
        "a.csv",
        "a.html",
        "a.warc",
        "a.warc.gz",
    ];

    /// Bytes that are mostly the markup a reader looks for, so that the property test
    /// reaches past the first check of each reader.
    fn markupish() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            "<REUTERS>",
            "</REUTERS>",
            "<TEXT TYPE=\"UNPROC\">",
            "<TITLE>",
            "</TITLE>",
            "<BODY>",
            "</BODY>",
            "<DATE>",
            "&#3;",
            "&lt;",
            "&",
            "\n",
            "    ",
            "{",
            "}",
            "[",
            "]",
            "\"title\":",
            "\"text\":",
            ",",
            "\"",
            "<p>",
            "<h1>",
            "<b>",
            "</b>",
            "<a href=\"x\">",
            "<script>",
            "&lt;FONT&gt;",
            "<meta charset=",
            "WARC/1.0\r\n",
            "WARC-Type: response\r\n",
            "Content-Length: 12\r\n",
            "\r\n",
            "HTTP/1.1 200 OK\r\n",
            "Content-Type: text/html\r\n",
            "said",
            "Reuter",
            "title,body\n",
            "\u{1F600}",
            "\u{a3}",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(|s| s.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..8)
            ],
            0..64,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(crate::proptest_config(96))]

        #[test]
        fn no_reader_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            for name in NAMES {
                let _ = read("x", Path::new(name), &bytes);
            }
            let _ = crate::extract::extract_text("x", &String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn no_reader_panics_on_broken_markup(bytes in markupish()) {
            for name in NAMES {
                if let Ok(read) = read("x", Path::new(name), &bytes) {
                    for a in &read.articles {
                        let _ = crate::extract::extract(a);
                    }
                }
            }
            let _ = crate::extract::extract_text("x", &String::from_utf8_lossy(&bytes));
        }
    }
}
