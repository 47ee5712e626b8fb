//! CSV (`.csv`): one article per row under a header row that names the columns.
//!
//! The header must name a headline column (title, headline) or a body column (body,
//! text, content, maintext, article, description; the summary-like "description" is
//! used only when no other is filled). Author, date, url, source and dateline columns
//! are used when present, and so are lists of names joined by semicolons (speakers,
//! organizations, persons: the names are then taken as they are, not extracted); other
//! columns (an AG News `label`) are ignored. Row N under the header is the article
//! `file#N`.
//!
//! Datasets derived from web pages often carry the remains of HTML escapes: AG News
//! writes `&#36;` as ` #36;` (the ampersand became a space), `&quot;` as ` quot;`, and a
//! backslash where a line broke. Those patterns cannot be meant literally, so they are
//! turned back into the characters they stand for.
//!
//! Files are streamed, a row at a time (see [`super::stream`]).

use std::borrow::Cow;

use ::csv::{ByteRecord, ReaderBuilder, StringRecord};

use super::stream::{Chunker, Input, Mark, Sink};
use super::{clip, collected, nth, Damage, Read};
use super::{known, markup};
use crate::article::{KnownFields, RawArticle};
use crate::decode::Pieces;

/// Which column holds which field.
#[derive(Debug, Default)]
struct Columns {
    headline: Option<usize>,
    /// Body columns, most preferred first.
    body: Vec<usize>,
    byline: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
    dateline: Option<usize>,
    /// Lists of names, joined by semicolons.
    speakers: Option<usize>,
    organizations: Option<usize>,
    persons: Option<usize>,
}

const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "article",
    "description",
];

impl Columns {
    fn from_header(header: &StringRecord) -> Option<Columns> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let find = |wanted: &[&str]| {
            wanted
                .iter()
                .find_map(|w| names.iter().position(|n| n == w))
        };
        let columns = Columns {
            headline: find(&["title", "headline"]),
            body: BODY.iter().filter_map(|b| find(&[b])).collect(),
            byline: find(&["author", "authors", "byline"]),
            date: find(&[
                "date",
                "date_publish",
                "published",
                "published_at",
                "pubdate",
            ]),
            url: find(&["url", "link"]),
            source: find(&["source", "source_domain", "publisher"]),
            dateline: find(&["dateline"]),
            speakers: find(&["speakers"]),
            organizations: find(&["organizations", "organisations"]),
            persons: find(&["persons"]),
        };
        (columns.headline.is_some() || !columns.body.is_empty()).then_some(columns)
    }
}

/// Read a CSV file with a header row, in memory.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    collected(bytes, |input, sink| {
        stream(locator, input, Mark::START, sink)
    })
}

/// Stream a CSV file, a row at a time. Rows cannot be found without reading those
/// before them, so reading starts again at the top, passing over the rows `start` covers.
pub fn stream(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let mut reader = ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut pieces = Pieces::default();
    let mut record = ByteRecord::new();
    let header = match reader.read_byte_record(&mut record) {
        Ok(true) => cells(&mut pieces, &record),
        Ok(false) => StringRecord::new(),
        Err(e) => return Err(format!("cannot read the header row: {e}")),
    };
    let columns = Columns::from_header(&header).ok_or_else(|| {
        format!(
            "the header row names no title or body column (found: {})",
            header
                .iter()
                .take(8)
                .map(|h| clip(h, 30))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let mut chunker = Chunker::new(sink);
    let mut damage = Damage::default();
    let mut n: u64 = 0;
    loop {
        n += 1;
        match reader.read_byte_record(&mut record) {
            Ok(true) if start.covers(n) => chunker.passed += 1,
            Ok(true) => {
                let row = cells(&mut pieces, &record);
                match article(nth(locator, n as usize), &columns, &row) {
                    Some(a) => {
                        if !chunker.add(&start, n, a, Mark::at(0, 0, n)) {
                            break;
                        }
                    }
                    None => damage.note(|| format!("row {n}: no title or body")),
                }
            }
            Ok(false) => break,
            Err(e) if e.is_io_error() => {
                damage.note(|| format!("row {n}: {e}; the rest is skipped"));
                break;
            }
            Err(e) => damage.note(|| format!("row {n}: {e}")),
        }
    }
    chunker.flush();
    let mut warnings: Vec<String> = pieces.warning().into_iter().collect();
    damage.into_warnings("rows", &mut warnings);
    Ok(warnings)
}

/// A row's cells as text.
fn cells(pieces: &mut Pieces, record: &ByteRecord) -> StringRecord {
    record.iter().map(|cell| pieces.decode(cell)).collect()
}

fn article(locator: String, columns: &Columns, record: &StringRecord) -> Option<RawArticle> {
    let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(unescape);
    let headline = cell(columns.headline)
        .and_then(|h| known::field(&markup::text(&unflatten(&h), markup::References::Undone)));
    let text = columns
        .body
        .iter()
        .filter_map(|&i| record.get(i))
        .map(|b| {
            let b = unescape(b);
            known::paragraphs(&markup::text(&unflatten(&b), markup::References::Undone))
        })
        .find(|b| !b.is_empty())
        .unwrap_or_default();
    if headline.is_none() && text.is_empty() {
        return None;
    }
    // A cell of names states them, an empty one that there are none.
    let names = |i: Option<usize>| cell(i).map(|c| known::names(&c));
    Some(RawArticle {
        locator,
        text,
        known: KnownFields {
            headline,
            source: cell(columns.source).and_then(|s| known::field(&s)),
            byline: cell(columns.byline).and_then(|b| known::byline(&b)),
            date: cell(columns.date).and_then(|d| known::date(&d)),
            url: cell(columns.url)
                .and_then(|u| known::field(&u))
                .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
            dateline: cell(columns.dateline).and_then(|d| known::field(&d)),
            speakers: names(columns.speakers),
            organizations: names(columns.organizations),
            persons: names(columns.persons),
            ..KnownFields::default()
        },
    })
}

/// Undo the escapes of scraped datasets: character references with their ampersand
/// (`&amp;`) or with a space in its place (` #39;`, ` quot;`), `\$` for `$`, and a
/// lone backslash for a line break.
fn unescape(cell: &str) -> Cow<'_, str> {
    if !cell.contains([';', '\\']) {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '&' | ' ' => match known::entity(&cell[i + 1..]) {
                // A space only stands for an ampersand before a reference that is
                // numeric or one of the few names such datasets mangle.
                Some((replacement, len)) if c == '&' || spaced_reference(&cell[i + 1..]) => {
                    out.extend(replacement);
                    for _ in 0..len {
                        chars.next();
                    }
                }
                _ => out.push(c),
            },
            '\\' => match cell[i + 1..].chars().next() {
                Some('$') => {
                    out.push('$');
                    chars.next();
                }
                _ => out.push(' '),
            },
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Scraped datasets flatten a cell's line breaks into runs of spaces ("By Ann Lee
/// WASHINGTON (AP) -- ...", with four spaces after the byline), and leave three spaces
/// where they dropped an ampersand ("Procter   Gamble", "Merck   Co."). In a cell of one
/// line, four spaces or more break it after a byline or a sentence's end, so that a
/// byline stays apart from the dateline below it, and three between two capitalised
/// words are an ampersand. Other runs stay (runs of four stand inside sentences too).
fn unflatten(cell: &str) -> Cow<'_, str> {
    if cell.contains('\n') || !cell.contains("   ") {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut spaces = 0;
    for (i, c) in cell.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        let joins_names = || {
            let before = out.rsplit(' ').next().unwrap_or_default();
            capitalised(before)
                && before.ends_with(char::is_alphanumeric)
                && capitalised(&cell[i..])
        };
        match spaces {
            0 => {}
            3 if joins_names() => out.push_str(" & "),
            n if n >= 4 && ends_a_line(&out) => out.push('\n'),
            n => out.extend(std::iter::repeat_n(' ', n)),
        }
        spaces = 0;
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether the text's last line is a byline ("By Ann Lee") or ends a sentence.
fn ends_a_line(text: &str) -> bool {
    let line = text.rsplit('\n').next().unwrap_or_default();
    ["By ", "BY "].iter().any(|by| line.starts_with(by))
        || line.ends_with(['.', '!', '?', '"', '\u{201d}'])
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn spaced_reference(s: &str) -> bool {
    s.starts_with('#')
        || ["quot;", "amp;", "lt;", "gt;", "hellip;"]
            .iter()
            .any(|r| s.starts_with(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ag_news_style_rows() {
        let csv = "label,title,description\r\n\
            3,Harbour board wins  #36;12 million contract,\"PORTVILLE (Wire) - The board #39;s \
            chairman said the\\contract was  quot;a relief quot;. Costs rose \\$3 to  #36;9.\"\r\n\
            2,Second item,Plain description\r\n";
        let read = read("ag.csv", csv.as_bytes()).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(read.articles.len(), 2);
        let a = &read.articles[0];
        assert_eq!(a.locator, "ag.csv#1");
        assert_eq!(
            a.known.headline.as_deref(),
            Some("Harbour board wins $12 million contract")
        );
        assert_eq!(
            a.text,
            "PORTVILLE (Wire) - The board's chairman said the contract was \"a relief\". \
             Costs rose $3 to $9."
        );
        assert_eq!(read.articles[1].locator, "ag.csv#2");
    }

    #[test]
    fn a_line_break_flattened_into_spaces_breaks_the_line_again() {
        assert_eq!(
            unflatten("By ANN LEE    PORTVILLE (Wire) -- Rates rose.  Costs fell.   "),
            "By ANN LEE\nPORTVILLE (Wire) -- Rates rose.  Costs fell."
        );
        assert_eq!(unflatten("one line  only"), "one line  only");
        // Three spaces: an ampersand dropped between two names' words, else spaces.
        assert_eq!(
            unflatten("Harbour   Dunmore Co. said on Friday,   after talks."),
            "Harbour & Dunmore Co. said on Friday,   after talks."
        );
        assert_eq!(
            unflatten("Port Vale.   The board"),
            "Port Vale.   The board"
        );
        // Four spaces inside a sentence stay spaces.
        assert_eq!(
            unflatten("Rates rose.    The board named    Ann    Lee."),
            "Rates rose.\nThe board named    Ann    Lee."
        );
        // A cell with line breaks of its own keeps its spaces.
        assert_eq!(unflatten("a    b\nc"), "a    b\nc");
        let csv = "label,title,description\r\n\
            4,Rates rise,\"By ANN LEE    PORTVILLE (Wire) -- Rates rose, the board said.\"\r\n";
        let read = read("ag.csv", csv.as_bytes()).unwrap();
        assert_eq!(
            read.articles[0].text,
            "By ANN LEE\n\nPORTVILLE (Wire) -- Rates rose, the board said."
        );
    }

    #[test]
    fn escaped_markup_in_a_cell_is_read_as_text() {
        let csv = "label,title,description\r\n\
            2,Toolmaker <b>beats</b> forecasts,\"Acme Corp. &lt;A HREF=\"\"http://q.example.com/\
            ?t=ACM.N\"\"&gt;ACM.N&lt;/A&gt; said profit rose. &lt;FONT face=\"\"MS Sans Serif\"\"\
            &gt;&lt;B&gt;-The Portville Gazette&lt;/B&gt;&lt;/FONT&gt;\"\r\n";
        let read = read("ag.csv", csv.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(
            a.known.headline.as_deref(),
            Some("Toolmaker beats forecasts")
        );
        assert_eq!(
            a.text,
            "Acme Corp. ACM.N said profit rose. -The Portville Gazette"
        );
    }

    #[test]
    fn named_columns_and_preferences() {
        let csv = "Headline,Description,Body,Author,Date,URL\n\
            One,Summary,\"Para one.\nPara two.\",By Ann Lee,\"March 3, 2021\",https://x.test/1\n\
            Two,Only summary,,,,\n\
            ,,,,,\n";
        let read = read("a.csv", csv.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.text, "Para one.\n\nPara two.");
        assert_eq!(a.known.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.known.valid_date(), Some("2021-03-03"));
        assert_eq!(a.known.url.as_deref(), Some("https://x.test/1"));
        assert_eq!(read.articles[1].text, "Only summary");
        assert_eq!(read.warnings, ["row 3: no title or body"]);
    }

    #[test]
    fn name_columns_state_names() {
        let csv = "headline,body,speakers,organisations,dateline\n\
            One,Text.,Ann Lee; Bo Diaz,,OSLO\n\
            Two,Text.\n";
        let read = read("a.csv", csv.as_bytes()).unwrap();
        let k = &read.articles[0].known;
        assert_eq!(k.speakers.as_ref().unwrap(), &["Ann Lee", "Bo Diaz"]);
        // An empty cell states that there are none; no column, or a short row, nothing.
        assert_eq!(k.organizations, Some(vec![]));
        assert_eq!(k.persons, None);
        assert_eq!(k.dateline.as_deref(), Some("OSLO"));
        let k = &read.articles[1].known;
        assert_eq!((&k.speakers, &k.dateline), (&None, &None));
    }

    #[test]
    fn header_without_known_columns_is_refused() {
        let err = read("a.csv", b"id,price\n1,2\n").unwrap_err();
        assert_eq!(
            err,
            "the header row names no title or body column (found: id, price)"
        );
    }

    #[test]
    fn unbalanced_quotes_do_not_hang() {
        let mut csv = String::from("title,body\n");
        csv.push_str(&"\"a,\"\"b".repeat(5000));
        let _ = read("a.csv", csv.as_bytes()).unwrap();
        let err = read("a.csv", "\"".repeat(100_000).as_bytes()).unwrap_err();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn unescape_leaves_plain_text_alone() {
        assert_eq!(unescape("last year; then"), "last year; then");
        assert_eq!(unescape("AT&amp;T &lt;T.N&gt;"), "AT&T <T.N>");
        assert_eq!(unescape("Tom  amp; Jerry"), "Tom & Jerry");
        assert_eq!(unescape("a\\\\b"), "a  b");
    }
}
