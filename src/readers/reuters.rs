//! Reuters-21578 SGML (`.sgm`): every `<REUTERS>` element is one article.
//!
//! The collection's layout is fixed, so the reader looks for its few tags directly
//! instead of parsing SGML in general: `<DATE>`, then `<TEXT>` holding `<TITLE>`,
//! `<DATELINE>` and `<BODY>` (or, with `TYPE="UNPROC"`, unstructured text). Bodies are
//! hard-wrapped at about 70 columns with an indented first line per paragraph; they are
//! rejoined into paragraphs and the closing "Reuter" signature is dropped.
//!
//! One pass over the file finds the elements, and each field is looked up once inside
//! its element, so reading is linear in the file's size. An element whose end tag is
//! missing (a truncated file, a broken edit) is skipped with a warning; the others are
//! kept. The Nth element of a file is the article `file#N`, whether read or skipped.
//!
//! Files are streamed (see [`super::stream`]): one element's text at a time.

use std::io::BufRead;

use super::known;
use super::stream::{Chunker, Input, Mark, Sink};
use super::{collected, nth, Read};
use crate::article::{KnownFields, RawArticle};
use crate::decode::Pieces;
use crate::extract::dates::{dateline_place, stated, Stated};

const CLOSE: &str = "</REUTERS>";

/// Read the articles of a Reuters-21578 SGML file in memory.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    collected(bytes, |input, sink| {
        stream(locator, input, Mark::START, sink)
    })
}

/// Longest stretch read while looking for an end tag; beyond it, what was read is taken
/// as it is (its elements unclosed), so that a file without end tags cannot fill memory.
const MAX_PIECE: usize = 64 * 1024 * 1024;

/// Stream a Reuters-21578 SGML file from `start`, a piece at a time: the text up to and
/// including the next end tag, which holds at most one whole element. The end of a piece
/// is a place to start again.
pub fn stream(
    locator: &str,
    input: &mut Input,
    start: Mark,
    sink: &mut Sink,
) -> Result<Vec<String>, String> {
    let mut chunker = Chunker::new(sink);
    let mut pieces = Pieces::default();
    let mut warnings = Vec::new();
    let mut count = start.base as usize;
    let mut unclosed = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    // Offset in the file of buf[0].
    let mut at = input.position();
    let mut searched = 0;
    let mut failed = false;
    loop {
        let ended = failed
            || match input.read_until(b'\n', &mut buf) {
                Ok(n) => n == 0,
                Err(e) => {
                    warnings.push(format!(
                        "cannot read after element {count} ({e}); the rest is skipped"
                    ));
                    failed = true;
                    true
                }
            };
        let close = find(&buf[searched..], CLOSE.as_bytes()).map(|i| searched + i + CLOSE.len());
        searched = buf.len().saturating_sub(CLOSE.len());
        let end = match close {
            Some(end) => end,
            None if ended || buf.len() > MAX_PIECE => buf.len(),
            None => continue,
        };
        let text = pieces.decode(&buf[..end]);
        let before = count;
        for (n, element) in elements(&text) {
            count = before + n;
            match element {
                Some(content) => {
                    let n = count as u64;
                    let mark = Mark::at(at + end as u64, n, n);
                    if !chunker.add(&start, n, article(nth(locator, count), content), mark) {
                        return Ok(warnings);
                    }
                }
                None => unclosed.push(count),
            }
        }
        buf.drain(..end);
        at += end as u64;
        searched = 0;
        if ended && buf.is_empty() {
            break;
        }
    }
    chunker.flush();
    if count == 0 {
        return Err("no <REUTERS> elements".into());
    }
    warnings.splice(0..0, pieces.warning());
    let truncated = unclosed.last() == Some(&count);
    let others = unclosed.len() - usize::from(truncated);
    if others > 0 {
        warnings.push(format!(
            "{others} element(s) without {CLOSE} skipped (first: element {})",
            unclosed[0]
        ));
    }
    if truncated {
        warnings.push(format!(
            "truncated: element {count} has no {CLOSE}, skipped"
        ));
    }
    Ok(warnings)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Each element in order with its number and its content between start and end tag,
/// or `None` when it is not closed before the next element or the end of the file.
fn elements(text: &str) -> impl Iterator<Item = (usize, Option<&str>)> {
    let mut tags = tags(text).peekable();
    let mut n = 0;
    std::iter::from_fn(move || loop {
        let (start, is_open) = tags.next()?;
        if !is_open {
            continue; // a stray end tag
        }
        n += 1;
        let Some(&(end, next_is_open)) = tags.peek() else {
            return Some((n, None));
        };
        if next_is_open {
            return Some((n, None));
        }
        tags.next();
        let content = &text[start..end];
        // Skip the start tag's attributes.
        let content = content.find('>').map(|gt| &content[gt + 1..]);
        return Some((n, content));
    })
}

/// Positions of `<REUTERS ...>` start tags (just after the name) and `</REUTERS>` end
/// tags (at the `<`), in order, with whether each is a start tag.
fn tags(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    text.match_indices("REUTERS").filter_map(move |(i, _)| {
        let before = &text[..i];
        let after = text[i + "REUTERS".len()..].chars().next();
        if before.ends_with("</") && after == Some('>') {
            Some((i - 2, false))
        } else if before.ends_with('<') && matches!(after, Some(c) if c == '>' || c.is_whitespace())
        {
            Some((i + "REUTERS".len(), true))
        } else {
            None
        }
    })
}

/// One article from the content of a `<REUTERS>` element.
fn article(locator: String, element: &str) -> RawArticle {
    let date = tag(element, "DATE").and_then(|d| parse_date(d.text));
    let (attrs, text) = tag(element, "TEXT").map_or(("", ""), |t| (t.attrs, t.text));
    let unproc = attrs.contains("UNPROC");
    let title = if unproc { None } else { tag(text, "TITLE") };
    let body = match (unproc, title.is_some()) {
        (true, _) => Some(text),
        // Neither structured nor marked unstructured: whatever TEXT holds.
        (false, false) => Some(tag(text, "BODY").map_or(text, |b| b.text)),
        (false, true) => tag(text, "BODY").map(|b| b.text),
    };
    let body = body.map(unescape).unwrap_or_default();
    let headline = title
        .and_then(|t| known::field(&unescape(t.text)))
        .or_else(|| body.lines().find_map(known::field))
        .unwrap_or_else(|| "(untitled)".to_string());
    let body = reflow(&body);
    // Some datelines open with a run of rule marks ("****SAO PAULO, March 26 -").
    let dateline = tag(text, "DATELINE")
        .filter(|_| !unproc)
        .and_then(|d| known::field(unescape(d.text).trim_start_matches(['*', '-', ' ', '\n'])));
    // The dateline opens the body, as on the wire; its place is stated, so that
    // extraction finds it however it is written ("Toronto, Feb 26 -" as well as
    // "TORONTO, Feb 26 -").
    let (text, place) = match dateline {
        Some(dateline) if !body.is_empty() => {
            let place = dateline_place(&dateline).map(str::to_string);
            (format!("{dateline} {body}"), place)
        }
        _ => (body, None),
    };
    RawArticle {
        locator,
        text,
        known: KnownFields {
            headline: Some(headline),
            source: Some("Reuters".into()),
            date,
            dateline: place,
            ..KnownFields::default()
        },
    }
}

/// An element's attributes and content; the content runs to the end of `within` when
/// the end tag is missing.
struct Tag<'a> {
    attrs: &'a str,
    text: &'a str,
}

fn tag<'a>(within: &'a str, name: &str) -> Option<Tag<'a>> {
    let open = format!("<{name}");
    let mut from = 0;
    let start = loop {
        let at = from + within[from..].find(&open)?;
        let after = at + open.len();
        match within[after..].chars().next() {
            Some(c) if c == '>' || c.is_whitespace() => break after,
            _ => from = after,
        }
    };
    let gt = start + within[start..].find('>')?;
    let content = &within[gt + 1..];
    let end = content.find(&format!("</{name}>")).unwrap_or(content.len());
    Some(Tag {
        attrs: &within[start..gt],
        text: &content[..end],
    })
}

/// "26-FEB-1987 15:01:01.79" as "1987-02-26", or as the impossible date it is.
fn parse_date(value: &str) -> Option<Stated> {
    let mut parts = value.trim().splitn(3, '-');
    let day: u32 = parts.next()?.trim().parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let year: u32 = parts.next()?.get(..4)?.parse().ok()?;
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let written = value.split_whitespace().next().unwrap_or_default();
    Some(stated(year, month as u32, day, written))
}

/// Replace character references (`&lt;`, `&amp;`, `&#3;`) and drop the control
/// characters some of them stand for.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        match known::entity(rest) {
            Some((c, len)) => {
                out.extend(c);
                rest = &rest[len..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Rejoin hard-wrapped lines: an indented or blank line starts a paragraph, other lines
/// continue the current one. The "Reuter" signature closing the body (on lines of its own,
/// sometimes twice, or at the end of the last line) is dropped.
fn reflow(body: &str) -> String {
    let mut lines: Vec<&str> = body.lines().collect();
    while lines
        .last()
        .is_some_and(|l| l.trim().is_empty() || is_signature(l))
    {
        lines.pop();
    }
    if let Some(last) = lines.last_mut() {
        *last = without_signature(last);
    }
    let mut out = String::with_capacity(body.len());
    let mut open = false;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !out.is_empty() {
            out.push_str(if open && !indented { " " } else { "\n\n" });
        }
        out.push_str(trimmed);
        open = true;
    }
    out
}

/// A last line less the signature set after it on the same line, after a run of
/// spaces, a sentence's end or a figure ("total 55.8 (33.7).        REUTER", "Note:
/// period ended January 31. Reuter", "SANTA FE....21 REUTER"). A name ending a sentence
/// ("said Hans Reuter") stays.
fn without_signature(line: &str) -> &str {
    let trimmed = line.trim_end();
    let Some(cut) = trimmed.rfind(' ') else {
        return line;
    };
    let (before, word) = (&trimmed[..cut], &trimmed[cut + 1..]);
    let set_apart = before.ends_with(' ')
        || before.ends_with(['.', ')', ':', ';'])
        || before.ends_with(|c: char| c.is_ascii_digit());
    if set_apart && is_signature(word) {
        before.trim_end()
    } else {
        line
    }
}

/// "Reuter", "REUTER...", and "REUTER^M" or "REUTER...^M", where the collection kept a
/// carriage return written out as "^M".
fn is_signature(line: &str) -> bool {
    let line = line.trim();
    line.strip_suffix("^M")
        .unwrap_or(line)
        .trim_end_matches('.')
        .eq_ignore_ascii_case("reuter")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::ImpossibleDate;

    const SNIPPET: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">
<REUTERS TOPICS=\"YES\" NEWID=\"1\">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<UNKNOWN>&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>HARBOUR BOARD &lt;HBX> RAISES DREDGING ESTIMATE</TITLE>
<DATELINE>    PORTVILLE, March 3 - </DATELINE><BODY>The harbour board said on
Tuesday it raised its dredging estimate to 12 mln dlrs
from nine mln.
    The board's chairman, Tom Wake, said costs &amp; delays
had grown.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS=\"NO\" NEWID=\"2\">
<DATE> 2-MAR-1987 09:00:00.00</DATE>
<TEXT TYPE=\"UNPROC\">&#2;
WEEKLY GRAIN REPORT - MARCH 2
    Wheat.........12 vs 11
 Maize..........8 vs 9
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID=\"3\">
<DATE>3-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE=\"BRIEF\">&#2;
<TITLE>COMPANY SETS QUARTERLY DIVIDEND</TITLE>
&#3;</TEXT>
</REUTERS>
";

    #[test]
    fn the_dateline_place_is_stated_however_it_is_written() {
        let sgml = "<REUTERS NEWID=\"7\">\n<DATE>2-MAR-1987 09:00:00.00</DATE>\n<TEXT>\n\
                    <TITLE>HALDEN MILLS SETS DIVIDEND</TITLE>\n\
                    <DATELINE>    ****Halden, Ontario, March 2 -\n    </DATELINE>\
                    <BODY>Shr 45 cts vs 58 cts\n Reuter\n</BODY></TEXT>\n</REUTERS>\n";
        let read = read("r.sgm", sgml.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.known.dateline.as_deref(), Some("Halden"));
        assert_eq!(a.text, "Halden, Ontario, March 2 - Shr 45 cts vs 58 cts");
    }

    #[test]
    fn a_signature_on_the_last_line_is_dropped() {
        assert_eq!(
            reflow("Net 2.1 mln vs 1.6 mln\n    Note: period ended January 31. REUTER\n"),
            "Net 2.1 mln vs 1.6 mln\n\nNote: period ended January 31."
        );
        assert_eq!(
            reflow("    Linoil total 61.8 (76.1).        Reuter\n"),
            "Linoil total 61.8 (76.1)."
        );
        assert_eq!(
            reflow("    TOTAL   14.7   16.0\nREUTER\n Reuter\n"),
            "TOTAL   14.7   16.0"
        );
        assert_eq!(
            reflow("The board thanked its founder, said Hans Reuter\n"),
            "The board thanked its founder, said Hans Reuter"
        );
        // A carriage return the collection wrote out as "^M".
        assert_eq!(
            reflow("    Talks resume on Monday. REUTER...^M\n"),
            "Talks resume on Monday."
        );
        assert_eq!(
            reflow("    Shr 9 cts vs 7 cts\nREUTER^M\n"),
            "Shr 9 cts vs 7 cts"
        );
    }

    #[test]
    fn impossible_date_is_stated_for_a_warning() {
        let sgml = SNIPPET.replace("26-FEB-1987 15:01:01.79", "31-FEB-1987 15:01:01.79");
        let read =
            crate::readers::read("r.sgm", std::path::Path::new("r.sgm"), sgml.as_bytes()).unwrap();
        let first = &read.articles[0];
        assert_eq!(first.known.valid_date(), None);
        let (article, warnings) = crate::extract::extract_with_warnings(first);
        assert_eq!(article.date, None);
        assert_eq!(
            warnings,
            ["article 1: impossible date \"31-FEB-1987\" ignored"]
        );
    }

    #[test]
    fn elements_become_articles() {
        let read = read("r.sgm", SNIPPET.as_bytes()).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let a = &read.articles;
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].locator, "r.sgm#1");
        assert_eq!(
            a[0].known.headline.as_deref(),
            Some("HARBOUR BOARD <HBX> RAISES DREDGING ESTIMATE")
        );
        assert_eq!(a[0].known.valid_date(), Some("1987-02-26"));
        assert_eq!(a[0].known.source.as_deref(), Some("Reuters"));
        assert_eq!(a[0].known.dateline.as_deref(), Some("PORTVILLE"));
        assert_eq!(
            a[0].text,
            "PORTVILLE, March 3 - The harbour board said on Tuesday it raised its dredging \
             estimate to 12 mln dlrs from nine mln.\n\nThe board's chairman, Tom Wake, said \
             costs & delays had grown."
        );
        assert_eq!(
            a[1].known.headline.as_deref(),
            Some("WEEKLY GRAIN REPORT - MARCH 2")
        );
        assert_eq!(a[1].known.valid_date(), Some("1987-03-02"));
        assert_eq!(
            a[1].text,
            "WEEKLY GRAIN REPORT - MARCH 2\n\nWheat.........12 vs 11\n\nMaize..........8 vs 9"
        );
        assert_eq!(
            a[2].known.headline.as_deref(),
            Some("COMPANY SETS QUARTERLY DIVIDEND")
        );
        assert_eq!(a[2].text, "");
    }

    #[test]
    fn element_without_title_or_text_is_untitled() {
        let read = read("r.sgm", b"<REUTERS NEWID=\"9\"><TEXT>&#2;</TEXT></REUTERS>").unwrap();
        assert_eq!(
            read.articles[0].known.headline.as_deref(),
            Some("(untitled)")
        );
    }

    #[test]
    fn truncated_file_keeps_the_closed_elements() {
        let cut = &SNIPPET[..SNIPPET.find("Wheat").unwrap()];
        let read = read("r.sgm", cut.as_bytes()).unwrap();
        assert_eq!(read.articles.len(), 1);
        assert_eq!(
            read.warnings,
            ["truncated: element 2 has no </REUTERS>, skipped"]
        );
    }

    #[test]
    fn unclosed_element_in_the_middle_is_skipped() {
        let broken = SNIPPET.replacen("</REUTERS>", "", 1);
        let read = read("r.sgm", broken.as_bytes()).unwrap();
        let locators: Vec<_> = read.articles.iter().map(|a| a.locator.as_str()).collect();
        assert_eq!(locators, ["r.sgm#2", "r.sgm#3"]);
        assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    }

    #[test]
    fn file_without_elements_is_refused() {
        assert_eq!(
            read("r.sgm", b"<html>not reuters</html>").unwrap_err(),
            "no <REUTERS> elements"
        );
        assert_eq!(
            read("r.sgm", b"<REUTERS NEWID=\"1\">").unwrap().warnings,
            ["truncated: element 1 has no </REUTERS>, skipped"]
        );
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config(64))]

        #[test]
        fn any_cut_keeps_the_closed_elements(cut in 0usize..SNIPPET.len()) {
            let cut_text = &SNIPPET[..cut];
            let closed = cut_text.matches(CLOSE).count();
            match read("r.sgm", cut_text.as_bytes()) {
                Ok(read) => proptest::prop_assert_eq!(read.articles.len(), closed),
                Err(_) => proptest::prop_assert_eq!(closed, 0),
            }
        }
    }

    #[test]
    fn references_and_dates() {
        assert_eq!(
            unescape("&lt;VIA> &amp; &#3;&#5;x &bogus &"),
            "<VIA> & x &bogus &"
        );
        assert_eq!(
            parse_date("26-FEB-1987 15:01:01.79"),
            Some(Ok("1987-02-26".into()))
        );
        assert_eq!(
            parse_date(" 5-MAR-1987 09:20:17.28"),
            Some(Ok("1987-03-05".into()))
        );
        assert_eq!(parse_date("garbage"), None);
        assert_eq!(parse_date("26-XYZ-1987"), None);
        // Written like a date, but not on the calendar: stated, to be reported.
        for (value, written) in [
            ("31-FEB-1987 10:00:00.00", "31-FEB-1987"),
            ("29-FEB-1987 10:00:00.00", "29-FEB-1987"),
            ("40-MAR-1987", "40-MAR-1987"),
        ] {
            assert_eq!(
                parse_date(value),
                Some(Err(ImpossibleDate(written.into()))),
                "{value}"
            );
        }
        assert_eq!(parse_date("29-FEB-1988"), Some(Ok("1988-02-29".into())));
    }
}
