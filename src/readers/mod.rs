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
//! Whatever the format, every article leaves [`read`] through [`crate::controls`]:
//! no control characters in its text, no bidirectional controls in its one-line fields.

mod csv;
mod html;
mod json;
mod known;
mod reuters;
mod text;
mod warc;

use std::path::Path;

use crate::article::RawArticle;

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
        Format::Reuters => reuters::read(locator, bytes),
        Format::Json => json::read(locator, bytes),
        Format::Ndjson => json::read_lines(locator, bytes),
        Format::Csv => csv::read(locator, bytes),
        Format::Html => html::read(locator, bytes),
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
        warnings.extend(self.shown);
        if self.more > 0 {
            warnings.push(format!("{} more {what} skipped", self.more));
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
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

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
