//! Web archives (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is an
//! HTML page becomes an article through the HTML reader, with the record's
//! `WARC-Target-URI` as its address. The Nth article of a file is `file#N`.
//!
//! Records are read one at a time from a stream, decompressing gzip on the fly (one
//! member per record, as archives are written, or one for the whole file), so memory
//! holds one batch of records at a time, and the articles are handed over in chunks
//! (see [`super::stream`]). Other records (requests, metadata, images, redirects) are
//! skipped and counted in a single warning. A truncated or damaged archive keeps the
//! records read before the damage, with a warning saying where reading stopped.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read as _};

use flate2::bufread::{GzDecoder, ZlibDecoder};
use rayon::prelude::*;

use super::html;
use super::stream::{Chunker, Input, Mark, Sink};
use super::{clip, collected, nth, Damage, Read};
use crate::decode::encoding_for_label;

/// Longest header line accepted (WARC or HTTP).
const MAX_LINE: u64 = 64 * 1024;
/// Largest record block or page kept in memory; larger ones are skipped.
const MAX_BLOCK: u64 = 64 * 1024 * 1024;

/// Read the articles of a web archive in memory.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    collected(bytes, |input, sink| {
        stream(locator, input, Mark::START, sink)
    })
}

/// Stream the articles of a web archive from `start`. In a plain archive every record
/// start is a place to start again; in a compressed one, every record that starts a
/// gzip member (each one does, as archives are usually written).
pub fn stream(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let head = input
        .fill_buf()
        .map_err(|e| format!("cannot read the archive: {e}"))?;
    let mut pages = Pages::new(locator, start, Chunker::new(sink));
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut members = Counted::new(BufReader::new(Members::new(input)));
        records(&mut members, &mut pages)?;
    } else {
        records(input, &mut pages)?;
    }
    Ok(pages.finish())
}

/// Where records are read from, and which of their starts are places to start again.
trait Source: BufRead {
    /// Position in the (decompressed) stream.
    fn position(&self) -> u64;
    /// The offset in the file from which reading can start fresh at stream position
    /// `at`, if it is such a place.
    fn restart(&self, at: u64) -> Option<u64>;
}

impl Source for Input<'_> {
    fn position(&self) -> u64 {
        Input::position(self)
    }
    fn restart(&self, at: u64) -> Option<u64> {
        Some(at)
    }
}

/// Read every record of `source` into `pages`.
fn records(source: &mut impl Source, pages: &mut Pages) -> Result<(), String> {
    let mut records = 0;
    loop {
        let before = source.position();
        let (record, skipped) = match next_record(source) {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) if records == 0 && e.kind() == io::ErrorKind::InvalidData => {
                return Err(format!("not a WARC file ({e})"));
            }
            Err(e) if records == 0 => return Err(format!("cannot read the archive: {e}")),
            Err(e) => {
                pages.warnings.push(format!(
                    "damaged after {records} records ({e}); the rest is skipped"
                ));
                break;
            }
        };
        records += 1;
        let restart = source.restart(before + skipped);
        match html_payload(&record) {
            Ok(payload) => pages.add(records, restart, Some((payload, record.uri()))),
            Err(kind) => {
                pages.skipped.add(kind);
                if restart.is_some() {
                    pages.add(records, restart, None);
                }
            }
        }
        if pages.chunker.stopped() {
            break;
        }
    }
    Ok(())
}

/// Counts the bytes consumed from a reader.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, pos: 0 }
    }
}

impl<R: BufRead> io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

impl Source for Counted<BufReader<Members<'_, '_>>> {
    fn position(&self) -> u64 {
        self.pos
    }
    fn restart(&self, at: u64) -> Option<u64> {
        self.inner.get_ref().restart(at)
    }
}

/// The decompressed bytes of a file of gzip members, one member after the other,
/// noting where each member starts in the file and in the decompressed stream.
struct Members<'i, 'a> {
    state: Member<'i, 'a>,
    /// Decompressed bytes so far.
    out: u64,
    /// (decompressed, file) offsets of the latest member starts.
    starts: VecDeque<(u64, u64)>,
}

enum Member<'i, 'a> {
    Between(&'i mut Input<'a>),
    In(GzDecoder<&'i mut Input<'a>>),
    Done,
}

impl<'i, 'a> Members<'i, 'a> {
    /// Member starts remembered: a record is read soon after its member starts.
    const KEPT: usize = 256;

    fn new(input: &'i mut Input<'a>) -> Self {
        Members {
            state: Member::Between(input),
            out: 0,
            starts: VecDeque::new(),
        }
    }

    fn restart(&self, at: u64) -> Option<u64> {
        self.starts
            .iter()
            .find(|(out, _)| *out == at)
            .map(|(_, file)| *file)
    }
}

impl io::Read for Members<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, Member::Done) {
                Member::In(mut decoder) => {
                    let n = decoder.read(buf)?;
                    if n > 0 || buf.is_empty() {
                        self.out += n as u64;
                        self.state = Member::In(decoder);
                        return Ok(n);
                    }
                    self.state = Member::Between(decoder.into_inner());
                }
                Member::Between(input) => {
                    if input.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    if self.starts.len() == Self::KEPT {
                        self.starts.pop_front();
                    }
                    self.starts.push_back((self.out, input.position()));
                    self.state = Member::In(GzDecoder::new(input));
                }
                Member::Done => return Ok(0),
            }
        }
    }
}

/// The pages found so far, read in parallel batches: HTML parsing is most of the work
/// of reading an archive.
struct Pages<'a, 's, 'c> {
    locator: &'a str,
    start: Mark,
    /// Where the next batch's first page may be read again from: a restart offset and
    /// the count of articles before it.
    restart: (u64, u64),
    /// Articles numbered so far (the N of `file#N`).
    count: u64,
    batch: Vec<Entry>,
    batch_bytes: usize,
    chunker: Chunker<'s, 'c>,
    warnings: Vec<String>,
    skipped: Skipped,
    decoding: Damage,
}

/// A record waiting in a batch: a page, or only a place to start again.
struct Entry {
    record: usize,
    restart: Option<u64>,
    page: Option<(Payload, Option<String>)>,
}

impl<'a, 's, 'c> Pages<'a, 's, 'c> {
    /// Pages, or bytes of them, waiting before a batch is read.
    const BATCH: usize = 64;
    const BATCH_BYTES: usize = 32 * 1024 * 1024;

    fn new(locator: &'a str, start: Mark, chunker: Chunker<'s, 'c>) -> Self {
        Pages {
            locator,
            start,
            restart: (start.offset, start.base),
            count: start.base,
            batch: Vec::new(),
            batch_bytes: 0,
            chunker,
            warnings: Vec::new(),
            skipped: Skipped::default(),
            decoding: Damage::default(),
        }
    }

    fn add(&mut self, record: usize, restart: Option<u64>, page: Option<(Payload, Option<&str>)>) {
        let page = page.map(|(payload, uri)| {
            self.batch_bytes += payload.html.len();
            (payload, uri.map(str::to_string))
        });
        self.batch.push(Entry {
            record,
            restart,
            page,
        });
        if self.batch.len() >= Self::BATCH || self.batch_bytes >= Self::BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let results: Vec<_> = batch
            .par_iter()
            .map(|entry| {
                let page = entry.page.as_ref().map(|(payload, uri)| {
                    html::page(
                        String::new(),
                        &payload.html,
                        payload.charset,
                        uri.as_deref(),
                    )
                });
                (entry.record, entry.restart, page)
            })
            .collect();
        for (record, restart, page) in results {
            if let Some(offset) = restart {
                self.restart = (offset, self.count);
            }
            match page {
                Some(Ok(mut page)) => {
                    if let Some(w) = page.warning {
                        self.decoding.note(|| format!("record {record}: {w}"));
                    }
                    self.count += 1;
                    let n = self.count;
                    page.article.locator = nth(self.locator, n as usize);
                    let mark = Mark::at(self.restart.0, self.restart.1, n);
                    if !self.chunker.add(&self.start, n, page.article, mark) {
                        return;
                    }
                }
                Some(Err(_)) => self.skipped.add("HTML response without article text"),
                None => {}
            }
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.flush();
        self.chunker.flush();
        let mut warnings = self.warnings;
        self.decoding
            .into_warnings("pages with undecodable text", &mut warnings);
        if let Some(summary) = self.skipped.summary() {
            warnings.insert(0, summary);
        }
        warnings
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
/// Also returns the bytes of blank lines before the record.
fn next_record(input: &mut dyn BufRead) -> io::Result<Option<(Record, u64)>> {
    let mut line = Vec::new();
    let mut skipped = 0;
    // Records are separated by blank lines.
    loop {
        line.clear();
        let n = read_line(input, &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
        skipped += n as u64;
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
        return Ok(Some((
            Record {
                fields: vec![("WARC-Type".into(), "oversized".into())],
                block,
            },
            skipped,
        )));
    }
    input.take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        return Err(cut());
    }
    Ok(Some((Record { fields, block }, skipped)))
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
    fn every_mark_resumes_after_its_page() {
        let pages: Vec<Vec<u8>> = (0..6)
            .flat_map(|i| {
                let html = page(&format!("Story number {i}"), "We are ready");
                [
                    record("request", "https://n.test/a", b"GET /a HTTP/1.1\r\n\r\n"),
                    record(
                        "response",
                        &format!("https://n.test/{i}"),
                        &response("text/html", html.as_bytes()),
                    ),
                ]
            })
            .collect();
        super::super::stream::check_resumes("a.warc", &pages.concat());
        let members: Vec<u8> = pages.iter().flat_map(|r| gzip(r)).collect();
        super::super::stream::check_resumes("a.warc.gz", &members);
        // One member for the whole file: read again from the top, passing over.
        super::super::stream::check_resumes("b.warc.gz", &gzip(&pages.concat()));
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

    /// Pages of the long archive of the property tests.
    const PAGES: usize = 24;

    /// A crawl of [`PAGES`] news pages, each after its request, with an image every
    /// fifth page: the records, and for each record the page it holds, if any.
    fn long_archive() -> Vec<(Vec<u8>, Option<usize>)> {
        let mut records = vec![(record("warcinfo", "", b"software: test\r\n"), None)];
        for i in 0..PAGES {
            let uri = format!("https://n.test/{i}");
            let request = format!("GET /{i} HTTP/1.1\r\n\r\n");
            records.push((record("request", &uri, request.as_bytes()), None));
            let html = page(&format!("Story number {i}"), "We are ready");
            let body = response("text/html", html.as_bytes());
            records.push((record("response", &uri, &body), Some(i)));
            if i % 5 == 4 {
                let image = response("image/png", b"\x89PNG\0\0");
                records.push((record("response", &format!("{uri}.png"), &image), None));
            }
        }
        records
    }

    /// An archive's bytes, and for each record where the bytes that give its whole
    /// block end, and whether it holds a page.
    type Layout = (Vec<u8>, Vec<(usize, bool)>);

    /// The long archive (each record a gzip member when `compressed`). Built once.
    fn long_bytes(compressed: bool) -> &'static Layout {
        static BUILT: std::sync::OnceLock<[Layout; 2]> = std::sync::OnceLock::new();
        &BUILT.get_or_init(|| {
            [false, true].map(|compressed| {
                let mut bytes = Vec::new();
                let mut ends = Vec::new();
                for (r, page) in long_archive() {
                    let end = if compressed {
                        // A member cut near its end (in its trailer, or in the last bits
                        // of its data) may still give the whole block: where it does, by
                        // flate2's own decoder, is where the block ends.
                        let member = gzip(&r);
                        let gives_block = |k: usize| {
                            let mut out = Vec::new();
                            let mut decoder = flate2::read::GzDecoder::new(&member[..k]);
                            let _ = std::io::Read::read_to_end(&mut decoder, &mut out);
                            out.len() >= r.len() - 4
                        };
                        let mut k = member.len();
                        while k > 0 && gives_block(k - 1) {
                            k -= 1;
                        }
                        let end = bytes.len() + k;
                        bytes.extend(member);
                        end
                    } else {
                        bytes.extend(&r);
                        // The block ends before the record's closing "\r\n\r\n".
                        bytes.len() - 4
                    };
                    ends.push((end, page.is_some()));
                }
                (bytes, ends)
            })
        })[usize::from(compressed)]
    }

    /// The pages whose records are whole in the first `cut` bytes of the long archive.
    /// A record counts as whole once its block has been read: blank lines after it may
    /// be cut.
    fn whole_before(compressed: bool, cut: usize) -> usize {
        let (_, ends) = long_bytes(compressed);
        ends.iter()
            .filter(|&&(end, page)| page && end <= cut)
            .count()
    }

    /// Pages read from the first `cut` bytes of the long archive, by headline.
    fn headlines_before(compressed: bool, cut: usize) -> Vec<String> {
        let (bytes, _) = long_bytes(compressed);
        match read("a.warc", &bytes[..cut]) {
            Ok(read) => read
                .articles
                .iter()
                .map(|a| a.known.headline.clone().unwrap_or_default())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn story_numbers(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Story number {i}")).collect()
    }

    #[test]
    fn cuts_next_to_each_record_end_keep_exactly_the_whole_pages() {
        for compressed in [false, true] {
            let (bytes, ends) = long_bytes(compressed);
            assert_eq!(ends.iter().filter(|e| e.1).count(), PAGES);
            for &(end, _) in ends {
                for cut in [end - 1, end, end + 1] {
                    let cut = cut.min(bytes.len());
                    assert_eq!(
                        headlines_before(compressed, cut),
                        story_numbers(whole_before(compressed, cut)),
                        "compressed {compressed}, cut at {cut}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config(256))]

        /// An archive cut anywhere yields exactly the pages whose records the cut left
        /// whole, in order, with their headlines.
        #[test]
        fn a_cut_archive_keeps_exactly_its_whole_pages(
            at in 0.0f64..1.0,
            compressed: bool,
        ) {
            let (bytes, _) = long_bytes(compressed);
            let cut = (at * bytes.len() as f64) as usize;
            proptest::prop_assert_eq!(
                headlines_before(compressed, cut),
                story_numbers(whole_before(compressed, cut)),
                "cut at {} of {}", cut, bytes.len()
            );
        }

        /// A damaged byte never panics, and never costs the pages whose records end
        /// before it, nor adds any.
        #[test]
        fn a_damaged_archive_keeps_the_pages_before_the_damage(
            at in 0.0f64..1.0,
            cut in 0.0f64..1.0,
            xor in 1u8..=255,
            compressed: bool,
        ) {
            let (whole, _) = long_bytes(compressed);
            let cut = whole.len() - (cut * whole.len() as f64 / 4.0) as usize;
            let at = ((at * cut as f64) as usize).min(cut.saturating_sub(1));
            let mut bytes = whole[..cut].to_vec();
            bytes[at] ^= xor;
            let intact = whole_before(compressed, at);
            let pages = read("a.warc", &bytes).map_or(0, |r| r.articles.len());
            proptest::prop_assert!(
                (intact..=PAGES).contains(&pages),
                "{} pages with byte {} of {} damaged, {} intact before it",
                pages, at, cut, intact
            );
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
