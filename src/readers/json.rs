//! JSON articles: `.json` files hold one article object, an array of them, or an object
//! wrapping such an array (`{"articles": [...]}`); `.jsonl` and `.ndjson` files hold one
//! object per line. news-please output reads as it is.
//!
//! Fields are found under the key spellings common in scrapers and news APIs (see the
//! constants below); the first key present with a usable value wins. A line that is not
//! a JSON object is skipped with a warning naming it; a `.json` file that turns out to
//! hold several values, one per line, is read line by line too.
//!
//! Names, quotes and the dateline are taken as an object states them ([`super::stated`]),
//! a key of the wrong type reported and left to extraction. An object that states all
//! names and quotes is newsidx's own output read back (`extract --json`, `show --json`,
//! `export`): its body, already in paragraphs, and its one-line fields are kept as they
//! are, so that an exported archive indexed again is the same archive.
//!
//! NDJSON files and `.json` files holding one array are streamed (see
//! [`super::stream`]): an object at a time, whatever the file's size.

use std::io::{BufRead, Read as _};

use serde_json::{Map, Value};

use super::stated::{self, Mistyped};
use super::stream::{Chunker, Input, Mark, Sink};
use super::{collected, nth, Damage, Read};
use super::{known, markup};
use crate::article::{KnownFields, RawArticle};
use crate::decode::{decode, Pieces};
use crate::extract::dates::Stated;

const HEADLINE: &[&str] = &["title", "headline"];
/// The summary ("description") comes last: it stands in for a body only when there is
/// none.
const BODY: &[&str] = &[
    "text",
    "body",
    "maintext",
    "content",
    "articleBody",
    "description",
];
const BYLINE: &[&str] = &["authors", "author", "byline"];
const DATE: &[&str] = &[
    "date_publish",
    "published",
    "date",
    "published_at",
    "datePublished",
    "publishedAt",
    "pubDate",
];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source_domain", "source", "site_name", "publisher"];
/// Keys under which an object wraps its array of articles.
const WRAPPERS: &[&str] = &["articles", "items", "data", "results", "documents"];
/// What a count of further fields of the wrong type is followed by.
const IGNORED: &str = "fields of the wrong type ignored";

/// Read a `.json` file.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    let decoded = decode(bytes);
    let text = decoded.text.as_str();
    let mut warnings: Vec<String> = decoded.warning().into_iter().collect();
    let mut values = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match value {
            Ok(v) => values.push(v),
            // Several values, one of them broken: most likely NDJSON under another name.
            Err(_) if !values.is_empty() && text.trim_end().contains('\n') => {
                return lines(locator, text, warnings);
            }
            Err(e) => return Err(format!("invalid JSON: {e}")),
        }
    }
    let items = match values.len() {
        0 => return Err("no JSON value".into()),
        1 => match values.pop() {
            Some(Value::Object(map)) if !is_article(&map) && wrapped(&map).is_some() => {
                wrapped(&map).cloned().unwrap_or_default()
            }
            Some(Value::Object(map)) => {
                let (article, mistyped) = article(locator.to_string(), &map)
                    .ok_or("the object has no title or text field")?;
                warnings.extend(mistyped.iter().map(Mistyped::to_string));
                return Ok(Read {
                    articles: vec![article],
                    warnings,
                });
            }
            Some(Value::Array(items)) => items,
            _ => return Err("not a JSON object or array of objects".into()),
        },
        _ => values,
    };
    let mut read = Read::default();
    let mut damage = Damage::default();
    let mut ignored = Damage::default();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        match item {
            Value::Object(map) => match article(nth(locator, n), map) {
                Some((a, mistyped)) => {
                    note_mistyped(&mut ignored, "entry", n, &mistyped);
                    read.articles.push(a);
                }
                None => damage.note(|| format!("entry {n}: no title or text field")),
            },
            _ => damage.note(|| format!("entry {n}: not an object")),
        }
    }
    damage.into_warnings("entries", &mut warnings);
    ignored.into_notes(IGNORED, &mut warnings);
    read.warnings = warnings;
    Ok(read)
}

/// Read a `.jsonl` or `.ndjson` file in memory: one object per line.
pub fn read_lines(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    collected(bytes, |input, sink| {
        stream_lines(locator, input, Mark::START, sink)
    })
}

/// One article per line of decoded text; the Nth line is the article `locator#N`.
fn lines(locator: &str, text: &str, mut warnings: Vec<String>) -> Result<Read, String> {
    let mut read = read_lines(locator, text.as_bytes())?;
    warnings.append(&mut read.warnings);
    read.warnings = warnings;
    Ok(read)
}

/// Longest line read; a longer one is skipped with a warning, so that a file without
/// line ends cannot fill memory.
const MAX_LINE: usize = 64 * 1024 * 1024;

/// Stream a `.jsonl` or `.ndjson` file from `start`: one object per line, the Nth line
/// the article `locator#N`. Every line end is a place to start again.
pub fn stream_lines(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let mut chunker = Chunker::new(sink);
    let mut damage = Damage::default();
    let mut ignored = Damage::default();
    let mut pieces = Pieces::default();
    let mut warnings = Vec::new();
    let mut line = Vec::new();
    let mut n = start.base;
    loop {
        line.clear();
        let read = input
            .by_ref()
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => break,
            Ok(_) => n += 1,
            Err(e) => {
                warnings.push(format!(
                    "cannot read after line {n} ({e}); the rest is skipped"
                ));
                break;
            }
        }
        if line.len() > MAX_LINE && !line.ends_with(b"\n") {
            let mut rest = Vec::new();
            // The rest of the line, a buffer at a time, kept nowhere.
            while let Ok(used) = input.read_until(b'\n', &mut rest) {
                if used == 0 || rest.ends_with(b"\n") {
                    break;
                }
                rest.clear();
            }
            damage.note(|| format!("line {n}: longer than {} MB, skipped", MAX_LINE >> 20));
            continue;
        }
        let mark = Mark::at(input.position(), n, n);
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = pieces.decode(content.strip_suffix(b"\r").unwrap_or(content));
        if text.trim().is_empty() {
            continue;
        }
        let at = n as usize;
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => match article(nth(locator, at), &map) {
                Some((a, mistyped)) => {
                    note_mistyped(&mut ignored, "line", at, &mistyped);
                    if !chunker.add(&start, n, a, mark) {
                        break;
                    }
                }
                None => damage.note(|| format!("line {at}: no title or text field")),
            },
            Ok(_) => damage.note(|| format!("line {at}: not a JSON object")),
            Err(e) => damage.note(|| format!("line {at}: invalid JSON: {}", message(&e))),
        }
    }
    chunker.flush();
    if !chunker.found_any() && damage.count() > 0 && start == Mark::START {
        let first = damage.first().unwrap_or_default();
        return Err(format!("no JSON objects ({first})"));
    }
    warnings.splice(0..0, pieces.warning());
    damage.into_warnings("lines", &mut warnings);
    ignored.into_notes(IGNORED, &mut warnings);
    Ok(warnings)
}

/// Stream a `.json` file from `start`. A file holding one array of objects (in UTF-8)
/// is read an entry at a time; any other shape (one object, `{"articles": [...]}`,
/// several values) is read whole, as [`read`] does.
pub fn stream(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let head = input.fill_buf().map_err(|e| e.to_string())?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let head = if bom { &head[3..] } else { head };
    let array = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    // Valid so far: a character cut by the end of the buffer is fine.
    let utf8 = std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true);
    if array && utf8 {
        if bom {
            input.consume(3);
        }
        return stream_array(locator, input, start, sink);
    }
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    let read = read(locator, &bytes)?;
    let mut chunker = Chunker::new(sink);
    for a in read.articles {
        // Articles of a file read whole are all read again after an interruption.
        if !chunker.add(&Mark::START, u64::MAX, a, Mark::START) {
            break;
        }
    }
    chunker.flush();
    Ok(read.warnings)
}

/// The entries of a top-level array, parsed one at a time.
fn stream_array(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let mut chunker = Chunker::new(sink);
    let mut damage = Damage::default();
    let mut ignored = Damage::default();
    let mut n = 0;
    let mut de = serde_json::Deserializer::from_reader(&mut *input);
    let entries = Entries {
        locator,
        start,
        chunker: &mut chunker,
        damage: &mut damage,
        ignored: &mut ignored,
        n: &mut n,
    };
    let parsed = serde::Deserializer::deserialize_seq(&mut de, entries).and_then(|()| de.end());
    let mut warnings = Vec::new();
    match parsed {
        Ok(()) => {}
        Err(_) if chunker.stopped() => {}
        Err(e) if !chunker.found_any() && start == Mark::START => {
            return Err(format!("invalid JSON: {e}"));
        }
        Err(e) => warnings.push(format!(
            "invalid JSON after entry {n} ({}); the rest is skipped",
            message(&e)
        )),
    }
    chunker.flush();
    damage.into_warnings("entries", &mut warnings);
    ignored.into_notes(IGNORED, &mut warnings);
    Ok(warnings)
}

/// Hands each entry of an array to the chunker as it is parsed.
struct Entries<'x, 's, 'a> {
    locator: &'x str,
    start: Mark,
    chunker: &'x mut Chunker<'s, 'a>,
    damage: &'x mut Damage,
    /// Fields of the wrong type.
    ignored: &'x mut Damage,
    n: &'x mut u64,
}

impl<'de> serde::de::Visitor<'de> for Entries<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            *self.n += 1;
            let n = *self.n;
            let at = n as usize;
            match value {
                Value::Object(map) => match article(nth(self.locator, at), &map) {
                    Some((a, mistyped)) => {
                        note_mistyped(self.ignored, "entry", at, &mistyped);
                        if !self.chunker.add(&self.start, n, a, Mark::at(0, 0, n)) {
                            return Err(serde::de::Error::custom("stopped"));
                        }
                    }
                    None => self
                        .damage
                        .note(|| format!("entry {at}: no title or text field")),
                },
                _ => self.damage.note(|| format!("entry {at}: not an object")),
            }
        }
        Ok(())
    }
}

/// A JSON error without its position when that position is "line 1" of a single line.
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) => format!("{} at column {}", &full[..at], e.column()),
        None => full,
    }
}

fn is_article(map: &Map<String, Value>) -> bool {
    HEADLINE.iter().chain(BODY).any(|k| map.contains_key(*k))
}

fn wrapped(map: &Map<String, Value>) -> Option<&Vec<Value>> {
    WRAPPERS.iter().find_map(|k| map.get(*k)?.as_array())
}

/// The article an object describes, with the keys whose value has the wrong type;
/// `None` when it has neither headline nor body.
fn article(locator: String, map: &Map<String, Value>) -> Option<(RawArticle, Vec<Mistyped>)> {
    let first = |keys: &[&str], f: &dyn Fn(&Value) -> Option<String>| {
        keys.iter().find_map(|k| map.get(*k).and_then(f))
    };
    let mut known = KnownFields::default();
    let mistyped = stated::read(map, &mut known);
    // An object that states all that extraction finds is an extraction's output
    // (newsidx's own JSON) and is taken as it is: its body is paragraphs already, its
    // one-line fields keep their spacing, a byline its leading "By".
    known.paragraphs_kept = known.states_names_and_quotes();
    type Tidy = fn(&str) -> Option<String>;
    let (body, headline, line, byline): (Option<String>, Tidy, Tidy, Tidy) =
        if known.paragraphs_kept {
            let kept = known::trimmed;
            (first(BODY, &kept_body), kept, kept, kept)
        } else {
            let headline = |h: &str| known::field(&markup::text(h, markup::References::Html));
            (
                first(BODY, &body_text),
                headline,
                known::field,
                known::byline,
            )
        };
    known.headline = first(HEADLINE, &|v| v.as_str().and_then(headline));
    if known.headline.is_none() && body.is_none() {
        return None;
    }
    known.source = first(SOURCE, &|v| name(v).and_then(|s| line(&s)));
    known.byline = first(BYLINE, &names).and_then(|s| byline(&s));
    known.date = DATE.iter().find_map(|k| map.get(*k).and_then(date));
    known.url = first(URL, &|v| {
        v.as_str()
            .map(str::trim)
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(str::to_string)
    });
    let text = body.unwrap_or_default();
    Some((
        RawArticle {
            locator,
            text,
            known,
        },
        mistyped,
    ))
}

/// Warnings for the keys of article `n` (a line or an entry) that have the wrong type.
fn note_mistyped(ignored: &mut Damage, unit: &str, n: usize, mistyped: &[Mistyped]) {
    for m in mistyped {
        ignored.note(|| format!("{unit} {n}: {m}"));
    }
}

/// A body: a string whose lines are paragraphs, or an array of paragraph strings.
fn body_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => known::paragraphs(&markup::text(s, markup::References::Html)),
        Value::Array(items) => {
            let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            known::paragraphs(&markup::text(&lines.join("\n"), markup::References::Html))
        }
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A body as extraction stores it: a string of paragraphs separated by blank lines, or
/// an array of paragraph strings; taken as it is.
fn kept_body(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let paragraphs: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            paragraphs.join("\n\n")
        }
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A name given as a string or as an object with a `name`.
fn name(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// One name or a list of them ("authors": ["A", {"name": "B"}]) as "A, B".
fn names(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(name)
                .filter_map(|n| known::byline(&n))
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => name(other),
    }
}

fn date(value: &Value) -> Option<Stated> {
    match value {
        Value::String(s) => known::date(s),
        Value::Number(n) => n.as_f64().and_then(known::date_from_timestamp).map(Ok),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS_PLEASE: &str = r#"{"authors": ["Jane Doe", "John Roe"], "date_download": "2017-08-04 10:00:00", "date_modify": null, "date_publish": "2017-08-03 12:00:00", "description": "A lead.", "filename": "x.json", "image_url": null, "language": "en", "localpath": null, "maintext": "First paragraph.\nSecond paragraph.", "source_domain": "www.example.com", "text": null, "title": "Harbour dredging contract awarded", "title_page": null, "title_rss": null, "url": "https://www.example.com/news/harbour"}"#;

    #[test]
    fn markup_in_a_body_is_read_as_text() {
        let json = r#"{"title": "Dredging <i>resumes</i>", "text": "<p>First paragraph, <b>in bold</b>.</p><p>Second &amp; last.</p>\nThird line."}"#;
        let read = read("a.json", json.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.known.headline.as_deref(), Some("Dredging resumes"));
        assert_eq!(
            a.text,
            "First paragraph, in bold.\n\nSecond & last.\n\nThird line."
        );
    }

    #[test]
    fn news_please_object() {
        let read = read("a.json", NEWS_PLEASE.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.locator, "a.json");
        assert_eq!(
            a.known.headline.as_deref(),
            Some("Harbour dredging contract awarded")
        );
        assert_eq!(a.text, "First paragraph.\n\nSecond paragraph.");
        assert_eq!(a.known.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(a.known.valid_date(), Some("2017-08-03"));
        assert_eq!(a.known.source.as_deref(), Some("www.example.com"));
        assert_eq!(
            a.known.url.as_deref(),
            Some("https://www.example.com/news/harbour")
        );
    }

    #[test]
    fn arrays_wrappers_and_other_spellings() {
        let json = r#"{"status": "ok", "articles": [
            {"headline": "One", "body": ["P1", "P2"], "author": {"name": "By Ann Lee"},
             "published_at": 1501761600, "source": {"id": null, "name": "Daily Planet"}},
            42,
            {"nothing": "here"},
            {"title": "Two", "description": "Only a summary."}
        ]}"#;
        let read = read("a.json", json.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 2);
        let a = &read.articles[0];
        assert_eq!(a.locator, "a.json#1");
        assert_eq!(a.text, "P1\n\nP2");
        assert_eq!(a.known.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.known.valid_date(), Some("2017-08-03"));
        assert_eq!(a.known.source.as_deref(), Some("Daily Planet"));
        assert_eq!(read.articles[1].locator, "a.json#4");
        assert_eq!(read.articles[1].text, "Only a summary.");
        assert_eq!(
            read.warnings,
            ["entry 2: not an object", "entry 3: no title or text field"]
        );
    }

    #[test]
    fn ndjson_skips_bad_lines_by_number() {
        let text = format!("{NEWS_PLEASE}\n\n{{\"title\": \"broken\n[1]\n{NEWS_PLEASE}\n");
        let read = read_lines("a.jsonl", text.as_bytes()).unwrap();
        let locators: Vec<_> = read.articles.iter().map(|a| a.locator.as_str()).collect();
        assert_eq!(locators, ["a.jsonl#1", "a.jsonl#5"]);
        assert_eq!(read.warnings.len(), 2);
        assert!(read.warnings[0].starts_with("line 3: invalid JSON: EOF while parsing"));
        assert_eq!(read.warnings[1], "line 4: not a JSON object");
    }

    #[test]
    fn json_holding_ndjson_is_read_by_line() {
        let text = format!("{NEWS_PLEASE}\n{NEWS_PLEASE}\n");
        let read = read("a.json", text.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.articles[1].locator, "a.json#2");
        let broken = format!("{NEWS_PLEASE}\n{{\"title\": \n{NEWS_PLEASE}\n");
        let read = super::read("a.json", broken.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.warnings.len(), 1);
    }

    /// An article as newsidx writes it (`show --json`), with a body that one paragraph
    /// per line would change: a line broken inside a paragraph, runs of spaces.
    const EXPORTED: &str = r#"{"path": "/news/a.txt", "headline": "Dredging  contract awarded", "source": null, "byline": "By  the harbour desk", "date": "2017-08-03", "dateline": "PORTVILLE", "url": null, "speakers": ["Ann Lee"], "organizations": [], "persons": ["Ann Lee", "Bo  Diaz"], "quotes": [{"speaker": "Ann Lee", "text": "We  will dredge."}, {"speaker": null, "text": "Soon."}], "body": "PORTVILLE - The board met.\n\nWheat   2.55   2.40\nCorn    1.35   1.92\n\nShare", "id": "08a889660ddd6732", "group": null}"#;

    #[test]
    fn an_exported_article_is_taken_as_it_is() {
        let read = read_lines("a.ndjson", EXPORTED.as_bytes()).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let a = &read.articles[0];
        let k = &a.known;
        assert!(k.paragraphs_kept);
        assert_eq!(
            a.text,
            "PORTVILLE - The board met.\n\nWheat   2.55   2.40\nCorn    1.35   1.92\n\nShare"
        );
        assert_eq!(k.headline.as_deref(), Some("Dredging  contract awarded"));
        assert_eq!(k.byline.as_deref(), Some("By  the harbour desk"));
        assert_eq!(k.valid_date(), Some("2017-08-03"));
        assert_eq!(k.dateline.as_deref(), Some("PORTVILLE"));
        assert_eq!(k.speakers.as_deref(), Some(&["Ann Lee".to_string()][..]));
        assert_eq!(k.organizations, Some(vec![]));
        assert_eq!(k.persons.as_ref().unwrap(), &["Ann Lee", "Bo  Diaz"]);
        let quotes = k.quotes.as_ref().unwrap();
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].text, "We  will dredge.");
        assert_eq!(quotes[1].speaker, None);
    }

    #[test]
    fn a_partial_statement_keeps_the_usual_reading() {
        // Names but no quotes: the body is read one paragraph per line, as any JSON.
        let json = r#"{"title": "A  title", "text": "One  line.\nTwo.", "persons": ["Bo Diaz"]}"#;
        let a = &read("a.json", json.as_bytes()).unwrap().articles[0];
        assert!(!a.known.paragraphs_kept);
        assert_eq!(a.text, "One line.\n\nTwo.");
        assert_eq!(a.known.headline.as_deref(), Some("A title"));
        assert_eq!(a.known.persons, Some(vec!["Bo Diaz".to_string()]));
        assert_eq!(a.known.speakers, None);
        assert_eq!(a.known.quotes, None);
    }

    #[test]
    fn wrong_types_are_reported_by_line_and_key_and_the_article_kept() {
        let text = concat!(
            r#"{"title": "One", "speakers": "Ann Lee", "persons": ["Bo Diaz"]}"#,
            "\n",
            r#"{"title": "Two", "quotes": [{"who": "Ann"}], "dateline": ["OSLO"]}"#,
            "\n",
            r#"{"title": "Three", "organizations": [1], "speakers": [2]}"#,
            "\n",
        );
        let read = read_lines("a.ndjson", text.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 3);
        let k = &read.articles[0].known;
        assert_eq!(k.speakers, None);
        assert_eq!(k.persons, Some(vec!["Bo Diaz".to_string()]));
        assert_eq!(read.articles[1].known.quotes, None);
        assert_eq!(read.articles[1].known.dateline, None);
        assert_eq!(
            read.warnings,
            [
                "line 1: \"speakers\" is not a list of strings: ignored, found in the text instead",
                "line 2: \"quotes\" is not a list of quotes ({\"speaker\", \"text\"} objects or strings): ignored, found in the text instead",
                "line 2: \"dateline\" is not a string: ignored, found in the text instead",
                "2 more fields of the wrong type ignored",
            ]
        );
        // In an array, by entry; in a file of one object, by key alone.
        let array = r#"[{"title": "One"}, {"title": "Two", "persons": "Bo"}]"#;
        let read = super::read("a.json", array.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].starts_with("entry 2: \"persons\" is not"));
        let one = r#"{"title": "One", "quotes": "Yes."}"#;
        let read = super::read("a.json", one.as_bytes()).unwrap();
        assert!(
            read.warnings[0].starts_with("\"quotes\" is not"),
            "{:?}",
            read.warnings
        );
    }

    #[test]
    fn broken_json_is_refused() {
        for (text, want) in [
            ("{\"title\": \"x\"", "invalid JSON: EOF while parsing"),
            ("12", "not a JSON object"),
            ("{\"a\": 1}", "the object has no title or text field"),
            ("   ", "no JSON value"),
        ] {
            let err = read("a.json", text.as_bytes()).unwrap_err();
            assert!(err.starts_with(want), "{text}: {err}");
        }
        let err = read_lines("a.jsonl", b"garbage\nmore garbage\n").unwrap_err();
        assert!(
            err.starts_with("no JSON objects (line 1: invalid JSON"),
            "{err}"
        );
    }
}
