//! Characters that article text may not carry: the one filter between untrusted text
//! and the user's terminal.
//!
//! Archives hold text from anywhere, and escapes inside it (`\u001b` in JSON, `&#27;`
//! in HTML) survive decoding. Every reader's articles pass through [`clean_raw`] after
//! all unescaping, extraction passes its fields through [`clean_article`], and the
//! renderers pass what they print through the same functions, so that an index written
//! before the filter existed is harmless too.
//!
//! - Control characters (C0 but tab and newline, DEL, C1) carry no text and drive
//!   terminals: they are removed from all text.
//! - Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what
//!   follows them on the line: they are removed from one-line fields (headline, byline,
//!   source, names, paths) but kept in body text, where right-to-left writing may use
//!   them.
//!
//! What to keep of the text around them (the `[2J` of an escape sequence) is left as it
//! is: visible, and unable to do anything.

use std::borrow::Cow;

use crate::article::{Article, Quote, RawArticle};

/// Whether `c` is removed from all text: a control character other than tab and
/// newline.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Whether `c` is a bidirectional override or isolate control.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without control characters other than tab and newline.
pub fn text(text: &str) -> Cow<'_, str> {
    if !has_forbidden(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    without(text, is_forbidden)
}

/// A one-line field without control characters and bidirectional controls; line
/// breaks and tabs become spaces, and no runs of spaces are left behind.
pub fn line(text: &str) -> Cow<'_, str> {
    if !any_byte(text.as_bytes(), suspect) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' '
            || matches!(
                c,
                '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !(c.is_control() || is_bidi_control(c)) {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Whether a byte may start a character that [`text`] or [`line`] removes: below 0x20,
/// 0x7F, 0xC2 (U+0080-U+009F) or 0xE2 (U+2xxx).
fn suspect(b: u8) -> bool {
    b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2
}

/// Whether UTF-8 `bytes` hold a character [`is_forbidden`] removes: a C0 control but
/// tab and newline, DEL, or a C1 control (encoded 0xC2 0x80 to 0xC2 0x9F). A byte scan,
/// since nearly all text has none.
fn has_forbidden(bytes: &[u8]) -> bool {
    let maybe = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2;
    if !any_byte(bytes, maybe) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })
}

/// Whether any byte of `bytes` is one `pick` picks. Blocks of 64 bytes are tested
/// whole, without stopping at the first (which the compiler turns into vector
/// instructions): every text passes through here, several times, and nearly none has
/// such a byte.
pub(crate) fn any_byte(bytes: &[u8], pick: impl Fn(u8) -> bool) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |found, &b| found | pick(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| pick(b))
}

fn without(text: &str, remove: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Most text has nothing to remove: look before copying.
    if !any_byte(text.as_bytes(), suspect) || !text.chars().any(&remove) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !remove(c)).collect())
}

fn replace(value: &mut String, clean: fn(&str) -> Cow<'_, str>) {
    if let Cow::Owned(cleaned) = clean(value) {
        *value = cleaned;
    }
}

/// An optional one-line field, cleaned; `None` when nothing is left of it.
fn optional_line(value: &mut Option<String>) {
    if let Some(v) = value {
        replace(v, line);
        if v.is_empty() {
            *value = None;
        }
    }
}

/// Clean an article as a reader produced it, after all unescaping: its text and the
/// fields its container states, names and quotes included.
pub fn clean_raw(raw: &mut RawArticle) {
    replace(&mut raw.text, text);
    let known = &mut raw.known;
    optional_line(&mut known.headline);
    optional_line(&mut known.byline);
    optional_line(&mut known.source);
    optional_line(&mut known.url);
    optional_line(&mut known.dateline);
    for names in [
        &mut known.speakers,
        &mut known.organizations,
        &mut known.persons,
    ]
    .into_iter()
    .flatten()
    {
        clean_names(names);
    }
    if let Some(quotes) = &mut known.quotes {
        clean_quotes(quotes);
    }
}

/// Names of bidirectional and other controls; names nothing is left of are dropped.
fn clean_names(names: &mut Vec<String>) {
    names.iter_mut().for_each(|n| replace(n, line));
    names.retain(|n| !n.is_empty());
}

/// Quotations of control characters, their speakers of bidirectional controls too.
fn clean_quotes(quotes: &mut [Quote]) {
    for q in quotes {
        replace(&mut q.text, text);
        optional_line(&mut q.speaker);
    }
}

/// Clean an article's fields: one-line fields and names of bidirectional controls too,
/// the body and quotations of control characters. The path is left as it is: it names
/// the file; the renderers clean it when they print it.
pub fn clean_article(a: &mut Article) {
    replace(&mut a.headline, line);
    for field in [
        &mut a.source,
        &mut a.byline,
        &mut a.date,
        &mut a.dateline,
        &mut a.url,
    ] {
        optional_line(field);
    }
    for names in [&mut a.speakers, &mut a.organizations, &mut a.persons] {
        clean_names(names);
    }
    clean_quotes(&mut a.quotes);
    replace(&mut a.body, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_byte_finds_a_byte_in_a_block_and_in_the_rest() {
        for len in [0, 1, 63, 64, 65, 200] {
            let clean = vec![b'a'; len];
            assert!(!any_byte(&clean, |b| b == 0x7F), "{len}");
            for at in 0..len {
                let mut bytes = clean.clone();
                bytes[at] = 0x7F;
                assert!(any_byte(&bytes, |b| b == 0x7F), "{len} {at}");
            }
        }
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_removes() {
        for c in (0..0x300u32)
            .filter_map(char::from_u32)
            .chain(['\u{202A}', '€', '“'])
        {
            for text in [format!("{c}"), format!("a{c}b"), format!("é{c}\n")] {
                assert_eq!(
                    has_forbidden(text.as_bytes()),
                    text.chars().any(is_forbidden),
                    "{c:?}"
                );
            }
        }
    }
    use crate::article::KnownFields;

    #[test]
    fn controls_go_tabs_and_newlines_stay() {
        for (input, want) in [
            ("plain text", "plain text"),
            ("a\tb\nc", "a\tb\nc"),
            (
                "Evil \u{1b}[2J\u{1b}]0;pwned\u{7} headline",
                "Evil [2J]0;pwned headline",
            ),
            ("csi \u{9b}31m red", "csi 31m red"),
            ("del\u{7f} nul\u{0} cr\r", "del nul cr"),
            ("£5 – “quoted”", "£5 – “quoted”"),
            (
                "keep \u{202E}bidi\u{202C} in text",
                "keep \u{202E}bidi\u{202C} in text",
            ),
        ] {
            assert_eq!(text(input), want, "{input:?}");
        }
        assert!(matches!(text("clean – text"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_fields_lose_bidi_controls_and_spaces_left_behind() {
        assert_eq!(line("Jane \u{202E}eoD\u{202C}"), "Jane eoD");
        assert_eq!(line("\u{2066}Acme\u{2069} plc"), "Acme plc");
        assert_eq!(line("a \u{1b} b"), "a b");
        assert_eq!(line("two\nlines\t "), "two lines");
        assert_eq!(line("\u{1b}"), "");
        // Other format characters (a right-to-left mark) are text.
        assert_eq!(line("\u{200F}x"), "\u{200F}x");
    }

    #[test]
    fn raw_articles_and_articles_are_cleaned() {
        let mut raw = RawArticle {
            locator: "a.json".into(),
            text: "Body \u{1b}[31mred\u{1b}[0m.".into(),
            known: KnownFields {
                headline: Some("Head\u{9b}line \u{202E}x".into()),
                byline: Some("\u{1b}".into()),
                dateline: Some("\u{202E}OSLO".into()),
                speakers: Some(vec!["Ann\u{7} \u{2066}Lee".into(), "\u{1b}".into()]),
                quotes: Some(vec![Quote {
                    speaker: Some("\u{202E}".into()),
                    text: "a\u{9b}b \u{202E}c".into(),
                }]),
                ..KnownFields::default()
            },
        };
        clean_raw(&mut raw);
        assert_eq!(raw.text, "Body [31mred[0m.");
        assert_eq!(raw.known.headline.as_deref(), Some("Headline x"));
        assert_eq!(raw.known.byline, None);
        assert_eq!(raw.known.dateline.as_deref(), Some("OSLO"));
        assert_eq!(raw.known.speakers, Some(vec!["Ann Lee".to_string()]));
        let quotes = raw.known.quotes.unwrap();
        assert_eq!(quotes[0].speaker, None);
        assert_eq!(quotes[0].text, "ab \u{202E}c");

        let mut a = Article {
            headline: "\u{202D}Head".into(),
            speakers: vec!["\u{202E}".into(), "Ann\u{7} Lee".into()],
            quotes: vec![Quote {
                speaker: Some("Ann \u{2067}Lee".into()),
                text: "a\u{85}b".into(),
            }],
            body: "x\u{1b}y \u{202E}z".into(),
            ..Article::default()
        };
        clean_article(&mut a);
        assert_eq!(a.headline, "Head");
        assert_eq!(a.speakers, ["Ann Lee"]);
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(a.quotes[0].text, "ab");
        assert_eq!(a.body, "xy \u{202E}z");
    }
}
