//! HTML markup left inside a data set's text, read as a browser shows it.
//!
//! Scraped news collections often keep the tags of the page a text came from inside a
//! CSV cell or a JSON string: a source credit in `<font ...><b>-The Daily Post</b></font>`,
//! a ticker linked with `<a href="...">ABC.N</a>`, paragraphs split by `<p>` or `<br>`.
//! Left as they are, the tags show in the body and their words ("Sans Serif", a link's
//! address) are read as names. Text holding the tag of an HTML element is parsed as an
//! HTML fragment and replaced by its text: block elements and line breaks end a
//! paragraph, scripts and styles are dropped.
//!
//! Only the tags of HTML elements count as markup. Wire copy writes tickers in angle
//! brackets (`<ABC.N>`, `<XYZ>`), and a `<` that opens no element's tag stays text.
//! Markup nested too deep to parse in reasonable time (see [`super::html`]'s limits)
//! loses its tags without being parsed.

use std::borrow::Cow;
use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;

use super::html::limits::too_deep;

/// What looks like a tag: `<name ...>`, `</name>` or `<name/>`.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>").expect("tag pattern is valid")
});

/// The elements whose tags are taken for markup: those found in the text of news pages.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "br",
    "center",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "iframe",
    "img",
    "li",
    "nobr",
    "noscript",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "script",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "td",
    "th",
    "tr",
    "tt",
    "u",
    "ul",
];

/// How the text around the tags writes `&`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum References {
    /// Character references were already undone (a CSV cell, see `csv::unescape`): a
    /// `&` is an ampersand.
    Undone,
    /// As HTML writes it: `&amp;` is an ampersand (a JSON string holding markup).
    Html,
}

fn is_element(name: &str) -> bool {
    ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name))
}

/// `text` with its HTML markup read as text, lines still ending paragraphs; as it is
/// when it holds no element's tag.
pub fn text(text: &str, references: References) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let tags: Vec<_> = TAG
        .captures_iter(text)
        .filter(|c| is_element(&c[1]))
        .map(|c| c.get(0).expect("a match has a whole").range())
        .collect();
    if tags.is_empty() {
        return Cow::Borrowed(text);
    }
    // Escape the text between tags so that the parser reads it as it is meant (a `<`
    // that opens no element's tag stays text), and keep its line breaks.
    let mut html = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for tag in tags {
        between(&text[at..tag.start], references, &mut html);
        html.push_str(&text[tag.clone()]);
        at = tag.end;
    }
    between(&text[at..], references, &mut html);
    if too_deep(&html) {
        return Cow::Owned(TAG.replace_all(text, "").into_owned());
    }
    let document = Document::fragment(html);
    document.select("script, style, noscript").remove();
    Cow::Owned(document.formatted_text().to_string())
}

/// Text between tags as HTML that reads back as meant, a line break as `<br>`.
fn between(text: &str, references: References, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' if references == References::Undone => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cow<'_, str> {
        super::text(s, References::Undone)
    }

    #[test]
    fn tags_give_way_to_their_text() {
        let cell = "Harbour board raises fees. <FONT face=\"verdana,MS Sans Serif,arial\" \
                    size=\"-2\"><B>-The Portville Gazette</B></FONT>";
        assert_eq!(
            text(cell),
            "Harbour board raises fees. -The Portville Gazette"
        );
        let cell = "Acme Corp. <A HREF=\"http://quotes.example.com/q?t=ACM.N\">ACM.N</A>, \
                    the toolmaker, said on Monday";
        assert_eq!(
            text(cell),
            "Acme Corp. ACM.N, the toolmaker, said on Monday"
        );
    }

    #[test]
    fn blocks_and_line_breaks_end_paragraphs() {
        let read = text("First point.<p>Second point.</p>Third<br>Fourth\nFifth");
        let lines: Vec<&str> = read.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            ["First point.", "Second point.", "Third", "Fourth", "Fifth"]
        );
    }

    #[test]
    fn text_without_element_tags_is_left_alone() {
        for plain in [
            "Acme Corp <ACM.N> said profits rose",
            "shares of <XYZ> fell; 3 < 4 and 5 > 2",
            "AT&T and Procter & Gamble",
        ] {
            assert!(matches!(text(plain), Cow::Borrowed(_)), "{plain}");
        }
    }

    #[test]
    fn characters_around_markup_survive() {
        assert_eq!(
            text("AT&T <ATT.N> rose 3 < 4 <b>today</b>"),
            "AT&T <ATT.N> rose 3 < 4 today"
        );
    }

    #[test]
    fn references_are_read_as_the_text_writes_them() {
        let html = "AT&amp;T &lt;ATT.N&gt; <b>rose</b>";
        assert_eq!(super::text(html, References::Html), "AT&T <ATT.N> rose");
        assert_eq!(text(html), "AT&amp;T &lt;ATT.N&gt; rose");
        // Without markup, nothing is read as HTML.
        assert_eq!(super::text("AT&amp;T", References::Html), "AT&amp;T");
    }

    #[test]
    fn markup_too_deep_to_parse_loses_its_tags() {
        let deep = format!("{}words{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert_eq!(text(&deep), "words");
    }

    #[test]
    fn scripts_and_styles_are_dropped() {
        assert_eq!(
            text("Polls closed.<script>var x = 1;</script><style>p {}</style> Counting began."),
            "Polls closed. Counting began."
        );
    }
}
