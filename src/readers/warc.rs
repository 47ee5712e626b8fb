//! Web archives (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is an
//! HTML page becomes an article through the HTML reader, with the record's
//! `WARC-Target-URI` as its address. The Nth article of a file is `file#N`.
//!
//! Records are read one at a time from a stream, decompressing gzip on the fly (one
//! member per record, as archives are written, or one for the whole file), so memory
//! holds one record at a time. Other records (requests, metadata, images, redirects) are
//! skipped and counted in a single warning. A truncated or damaged archive keeps the
//! records read before the damage, with a warning saying where reading stopped.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read as _};

use flate2::bufread::{GzDecoder, MultiGzDecoder, ZlibDecoder};
use rayon::prelude::*;

use super::html;
use super::{clip, nth, Damage, Read};
use crate::decode::encoding_for_label;

/// Longest header line accepted (WARC or HTTP).
const MAX_LINE: u64 = 64 * 1024;
/// Largest record block or page kept in memory; larger ones are skipped.
const MAX_BLOCK: u64 = 64 * 1024 * 1024;

/// Read the articles of a web archive.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    let mut input: Box<dyn BufRead + '_> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(MultiGzDecoder::new(bytes)))
    } else {
        Box::new(bytes)
    };
    let mut pages = Pages::new(locator);
    let mut records = 0;
    loop {
        let record = match next_record(&mut input) {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) if records == 0 && e.kind() == io::ErrorKind::InvalidData => {
                return Err(format!("not a WARC file ({e})"));
            }
            Err(e) if records == 0 => return Err(format!("cannot read the archive: {e}")),
            Err(e) => {
                pages.read.warnings.push(format!(
                    "damaged after {records} records ({e}); the rest is skipped"
                ));
                break;
            }
        };
        records += 1;
        match html_payload(&record) {
            Ok(payload) => pages.add(records, payload, record.uri()),
            Err(kind) => pages.skipped.add(kind),
        }
    }
    Ok(pages.finish())
}

/// The pages found so far, read in parallel batches: HTML parsing is most of the work,
/// and one archive may hold all the pages of a run.
struct Pages<'a> {
    locator: &'a str,
    batch: Vec<(usize, Payload, Option<String>)>,
    batch_bytes: usize,
    read: Read,
    skipped: Skipped,
    decoding: Damage,
}

impl<'a> Pages<'a> {
    /// Pages, or bytes of them, waiting before a batch is read.
    const BATCH: usize = 64;
    const BATCH_BYTES: usize = 32 * 1024 * 1024;

    fn new(locator: &'a str) -> Self {
        Pages {
            locator,
            batch: Vec::new(),
            batch_bytes: 0,
            read: Read::default(),
            skipped: Skipped::default(),
            decoding: Damage::default(),
        }
    }

    fn add(&mut self, record: usize, payload: Payload, uri: Option<&str>) {
        self.batch_bytes += payload.html.len();
        self.batch.push((record, payload, uri.map(str::to_string)));
        if self.batch.len() >= Self::BATCH || self.batch_bytes >= Self::BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let results: Vec<_> = batch
            .par_iter()
            .map(|(record, payload, uri)| {
                let page = html::page(
                    String::new(),
                    &payload.html,
                    payload.charset,
                    uri.as_deref(),
                );
                (*record, page)
            })
            .collect();
        for (record, page) in results {
            match page {
                Ok(mut page) => {
                    if let Some(w) = page.warning {
                        self.decoding.note(|| format!("record {record}: {w}"));
                    }
                    page.article.locator = nth(self.locator, self.read.articles.len() + 1);
                    self.read.articles.push(page.article);
                }
                Err(_) => self.skipped.add("HTML response without article text"),
            }
        }
    }

    fn finish(mut self) -> Read {
        self.flush();
        let mut read = self.read;
        self.decoding
            .into_warnings("pages with undecodable text", &mut read.warnings);
        if let Some(summary) = self.skipped.summary() {
            read.warnings.insert(0, summary);
        }
        read
    }
}

/// Records skipped, counted by kind.
#[derive(Debug, Default)]
struct Skipped(BTreeMap<String, usize>);

impl Skipped {
    fn add(&mut self, kind: impl Into<String>) {
        *self.0.entry(kind.into()).or_default() += 1;
    }

    fn summary(&self) -> Option<String> {
        let total: usize = self.0.values().sum();
        if total == 0 {
            return None;
        }
        let mut kinds: Vec<String> = self
            .0
            .iter()
            .take(6)
            .map(|(k, n)| format!("{n} {}", clip(k, 30)))
            .collect();
        if self.0.len() > kinds.len() {
            kinds.push("...".into());
        }
        let s = if total == 1 { "" } else { "s" };
        Some(format!(
            "skipped {total} record{s} that are not HTML pages: {}",
            kinds.join(", ")
        ))
    }
}

/// One WARC record: its named fields and its content block.
struct Record {
    fields: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn field(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }

    fn uri(&self) -> Option<&str> {
        self.field("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>'))
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The next record, `None` at the end of the archive. `InvalidData` means the input is
/// not (or no longer) a WARC; other errors come from damaged compression or a cut.
fn next_record(input: &mut dyn BufRead) -> io::Result<Option<Record>> {
    let mut line = Vec::new();
    // Records are separated by blank lines.
    loop {
        line.clear();
        if read_line(input, &mut line)? == 0 {
            return Ok(None);
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "no WARC version line",
        ));
    }
    let fields = header_fields(input)?;
    let length: u64 = field(&fields, "Content-Length")
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no Content-Length"))?;
    let mut block = Vec::new();
    if length > MAX_BLOCK {
        let copied = io::copy(&mut input.take(length), &mut io::sink())?;
        if copied < length {
            return Err(cut());
        }
        return Ok(Some(Record {
            fields: vec![("WARC-Type".into(), "oversized".into())],
            block,
        }));
    }
    input.take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        return Err(cut());
    }
    Ok(Some(Record { fields, block }))
}

fn cut() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "a record is cut short")
}

/// Header lines up to the blank line that ends them, as (name, value) pairs.
fn header_fields(input: &mut dyn BufRead) -> io::Result<Vec<(String, String)>> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(input, &mut line)? == 0 {
            return Err(cut());
        }
        let text = String::from_utf8_lossy(trim_eol(&line));
        if text.is_empty() {
            return Ok(fields);
        }
        if fields.len() > 1000 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "too many header lines",
            ));
        }
        match text.split_once(':') {
            _ if text.starts_with([' ', '\t']) => {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            }
            Some((name, value)) => fields.push((name.trim().to_string(), value.trim().to_string())),
            None => {}
        }
    }
}

/// Read one line (with its end) of at most [`MAX_LINE`] bytes; returns the bytes read.
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    let n = input.take(MAX_LINE).read_until(b'\n', line)?;
    if n as u64 == MAX_LINE && !line.ends_with(b"\n") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header line too long",
        ));
    }
    Ok(n)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// An HTML page carried by a response record, with the charset its HTTP header names.
struct Payload {
    html: Vec<u8>,
    charset: Option<&'static encoding_rs::Encoding>,
}

/// The HTML page of a record, or the kind of record it is instead.
fn html_payload(record: &Record) -> Result<Payload, String> {
    let kind = record.field("WARC-Type").unwrap_or("untyped").trim();
    if !kind.eq_ignore_ascii_case("response") {
        return Err(kind.to_ascii_lowercase());
    }
    let mut block = record.block.as_slice();
    let status = {
        let mut line = Vec::new();
        read_line(&mut block, &mut line).map_err(|_| "response without HTTP header")?;
        String::from_utf8_lossy(trim_eol(&line)).into_owned()
    };
    let code = status
        .strip_prefix("HTTP/")
        .and_then(|s| s.split_whitespace().nth(1))
        .ok_or("response without HTTP header")?;
    if !code.starts_with('2') {
        return Err("non-success response".into());
    }
    let headers = header_fields(&mut block).map_err(|_| "response without HTTP header")?;
    let content_type = field(&headers, "Content-Type").unwrap_or("");
    let mut params = content_type.split(';');
    let media = params.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, v)| encoding_for_label(v.trim().trim_matches(['"', '\''])));
    let mut body = block.to_vec();
    if field(&headers, "Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        body = dechunk(&body);
    }
    if let Some(coding) = field(&headers, "Content-Encoding") {
        body = decompress(coding, &body).ok_or("response with an unsupported content encoding")?;
    }
    let html = match media.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        "" => looks_like_html(&body),
        _ => false,
    };
    if !html {
        return Err("non-HTML response".into());
    }
    Ok(Payload {
        html: body,
        charset,
    })
}

fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

/// The body of a chunked transfer; what cannot be parsed as chunks is kept as it is.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            return body.to_vec();
        };
        let size_field = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_field.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return body.to_vec();
        };
        rest = &rest[eol + 1..];
        if size == 0 {
            return out;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if rest.is_empty() {
            return out;
        }
    }
}

/// Undo a `Content-Encoding`; `None` for codings newsidx cannot undo.
fn decompress(coding: &str, body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let result = match coding.trim().to_ascii_lowercase().as_str() {
        "" | "identity" => return Some(body.to_vec()),
        "gzip" | "x-gzip" => GzDecoder::new(body).take(MAX_BLOCK).read_to_end(&mut out),
        "deflate" => ZlibDecoder::new(body).take(MAX_BLOCK).read_to_end(&mut out),
        _ => return None,
    };
    // A page cut short is still worth reading.
    (result.is_ok() || !out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn page(title: &str, said: &str) -> String {
        format!(
            "<html><head><title>{title} - Test News</title>\
             <meta name=\"author\" content=\"Ann Lee\"></head><body>\
             <nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>\
             <p>\"{said},\" said Tom Wake, the chairman of the harbour board, on Tuesday \
             after a long meeting with the town council and local businesses.</p>\
             <p>The board will meet again next month to decide on the budget for the year \
             and the schedule of the dredging work in the main channel.</p></article></body></html>"
        )
    }

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2021-03-03T08:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "https://n.test/a", b"GET /a HTTP/1.1\r\n\r\n"),
            record(
                "response",
                "https://n.test/a",
                &response(
                    "text/html; charset=utf-8",
                    page("Dredging starts", "We are ready").as_bytes(),
                ),
            ),
            record(
                "response",
                "https://n.test/i.png",
                &response("image/png", b"\x89PNG\0\0"),
            ),
            record(
                "response",
                "https://n.test/b",
                &response("text/html", page("Budget agreed", "It is done").as_bytes()),
            ),
        ]
    }

    #[test]
    fn html_responses_become_articles() {
        for compressed in [false, true] {
            let bytes: Vec<u8> = archive()
                .iter()
                .flat_map(|r| if compressed { gzip(r) } else { r.clone() })
                .collect();
            let read = read("a.warc", &bytes).unwrap();
            let headlines: Vec<_> = read
                .articles
                .iter()
                .map(|a| a.known.headline.as_deref().unwrap())
                .collect();
            assert_eq!(headlines, ["Dredging starts", "Budget agreed"]);
            assert_eq!(read.articles[1].locator, "a.warc#2");
            assert_eq!(
                read.articles[1].known.url.as_deref(),
                Some("https://n.test/b")
            );
            assert_eq!(read.articles[0].known.byline.as_deref(), Some("Ann Lee"));
            assert_eq!(
                read.warnings,
                ["skipped 3 records that are not HTML pages: 1 non-HTML response, 1 request, 1 warcinfo"]
            );
        }
    }

    #[test]
    fn truncated_archives_keep_what_was_read() {
        let plain: Vec<u8> = archive().concat();
        let gz: Vec<u8> = archive().iter().flat_map(|r| gzip(r)).collect();
        for bytes in [plain, gz] {
            let cut = &bytes[..bytes.len() - 40];
            let read = read("a.warc", cut).unwrap();
            assert_eq!(read.articles.len(), 1, "{:?}", read.warnings);
            assert!(
                read.warnings
                    .iter()
                    .any(|w| w.starts_with("damaged after 4 records")),
                "{:?}",
                read.warnings
            );
        }
    }

    #[test]
    fn whole_file_gzip_and_transfer_codings() {
        let html = page("Ferry fares rise", "Prices had to go up");
        let mut chunked =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\
            Content-Encoding: gzip\r\n\r\n"
                .to_vec();
        let body = gzip(html.as_bytes());
        let (a, b) = body.split_at(body.len() / 2);
        for part in [a, b] {
            chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let bytes = gzip(&record("response", "https://n.test/c", &chunked));
        let read = read("a.warc.gz", &bytes).unwrap();
        assert_eq!(read.articles.len(), 1, "{:?}", read.warnings);
        assert!(read.articles[0].text.contains("Prices had to go up"));
    }

    #[test]
    fn not_a_warc() {
        let err = read("a.warc", b"hello world\n").unwrap_err();
        assert!(err.starts_with("not a WARC file"), "{err}");
        let err = read("a.warc.gz", &gzip(b"hello world\n")).unwrap_err();
        assert!(err.starts_with("not a WARC file"), "{err}");
        assert!(read("a.warc.gz", b"\x1f\x8b\x08garbage").is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 64,
            ..Default::default()
        })]

        #[test]
        fn cut_or_damaged_archives_never_panic(
            cut in 0usize..6000,
            at in 0usize..6000,
            xor in 1u8..=255,
            compressed: bool,
        ) {
            let whole: Vec<u8> = archive()
                .iter()
                .flat_map(|r| if compressed { gzip(r) } else { r.clone() })
                .collect();
            let mut bytes = whole[..cut.min(whole.len())].to_vec();
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] ^= xor;
            }
            if let Ok(read) = read("a.warc", &bytes) {
                proptest::prop_assert!(read.articles.len() <= 2);
            }
        }
    }

    #[test]
    fn lying_content_length_does_not_allocate() {
        let bytes =
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999\r\n\r\nHTTP/1.1";
        let err = read("a.warc", bytes).unwrap_err();
        assert_eq!(err, "cannot read the archive: a record is cut short");
    }
}
