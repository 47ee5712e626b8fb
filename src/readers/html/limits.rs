//! What a page may cost to read. Building and scoring an HTML tree is not linear in
//! every input: html5ever's tree builder and Readability spend time quadratic in the
//! depth of nesting, and html5ever's serializer (which Readability runs on the article)
//! time quadratic in runs of text dense in `&` and U+0080-U+00BF. Pages beyond these
//! bounds are refused before parsing, in linear passes over the text.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Deepest element nesting read. Building and scoring a tree takes time quadratic in
/// its depth (a page of 100,000 nested `<div>`s would take minutes); real pages stay
/// below a hundred levels.
pub const MAX_DEPTH: usize = 512;

/// Bound on [`escaping_cost`]: about a second of work.
pub const MAX_ESCAPING_COST: u64 = 2_000_000_000;

/// Whether elements in `html` nest deeper than [`MAX_DEPTH`], judged by its tags alone
/// in one linear pass of the HTML tokenizer: start tags open a level, end tags close
/// one; void elements and those whose end tag may be left out (`<p>`, `<li>`, ...) do
/// not count, since the parser closes them itself.
pub fn too_deep(html: &str) -> bool {
    depth_of(html).deepest.get() > MAX_DEPTH
}

/// The nesting of `html` as far as [`too_deep`] reads it.
fn depth_of(html: &str) -> Depth {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    // The sink stops the tokenizer as soon as the limit is passed.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// The work html5ever's serializer (which Readability runs on the article) spends on
/// the text of `html`: for each `&` or U+0080-U+00BF character it scans ahead to the
/// next `<` or `>`, so a long run of text full of them costs the product of both.
pub fn escaping_cost(html: &str) -> u64 {
    let (mut cost, mut run, mut specials) = (0u64, 0u64, 0u64);
    for &b in html.as_bytes() {
        match b {
            b'<' | b'>' => {
                cost += run * specials;
                (run, specials) = (0, 0);
            }
            b'&' | 0xC2 => {
                run += 1;
                specials += 1;
            }
            _ => run += 1,
        }
    }
    cost + run * specials
}

/// Counts open elements for [`too_deep`].
#[derive(Default)]
struct Depth {
    open: Cell<usize>,
    deepest: Cell<usize>,
    /// Tags seen: the work done, which stops at the limit.
    tags: Cell<usize>,
}

/// Elements without content or whose end tag is implied by what follows.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head",
    "body",
];

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        self.tags.set(self.tags.get() + 1);
        let name: &str = &tag.name;
        if UNCOUNTED.contains(&name) {
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            TagKind::EndTag => self.open.set(self.open.get().saturating_sub(1)),
            TagKind::StartTag if !tag.self_closing => {
                let open = self.open.get() + 1;
                self.open.set(open);
                if open > self.deepest.get() {
                    self.deepest.set(open);
                }
                if open > MAX_DEPTH {
                    return TokenSinkResult::Script(());
                }
                // Text-only elements: their content is not markup.
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            TagKind::StartTag => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    #[test]
    fn deep_nesting_is_refused_after_reading_just_past_the_limit() {
        let deep = format!("<html><body>{}text", "<div>".repeat(100_000));
        let err = read("p.html", deep.as_bytes()).unwrap_err();
        assert!(err.starts_with("HTML nested more than 512 levels"), "{err}");
        // The scan stops at the tag that passes the limit: of the 100,002 tags, it reads
        // the two uncounted ones and MAX_DEPTH + 1 divs.
        let depth = depth_of(&deep);
        assert_eq!(depth.deepest.get(), MAX_DEPTH + 1);
        assert_eq!(depth.tags.get(), MAX_DEPTH + 3);
        // Pages within the limit are read to the end, in one pass: every tag once.
        let flat = "<p><li><br><img>".repeat(50_000);
        assert!(!too_deep(&flat));
        assert_eq!(depth_of(&flat).tags.get(), 200_000);
        let siblings = "<div>x</div>".repeat(50_000);
        assert!(!too_deep(&siblings));
        assert_eq!(depth_of(&siblings).tags.get(), 100_000);
        // A script's text is not markup: its `<b` are not tags.
        let script = format!(
            "<script>{}</script><div>ok</div>",
            "if (a<b) {}".repeat(5000)
        );
        assert!(!too_deep(&script));
        assert_eq!(depth_of(&script).tags.get(), 4);
    }

    #[test]
    fn text_dense_in_escapes_is_refused_by_its_escaping_cost() {
        // "£ & " is five bytes, two of them special (the lead byte 0xC2 of "£", and "&"),
        // in one run of text between two tags: the serializer would scan the whole run
        // for each special byte.
        let dense = format!(
            "<html><body><p>{}</p></body></html>",
            "£ & ".repeat(300_000)
        );
        assert_eq!(escaping_cost(&dense), 1_500_000 * 600_000);
        assert!(escaping_cost(&dense) > MAX_ESCAPING_COST);
        let err = read("p.html", dense.as_bytes()).unwrap_err();
        assert!(err.contains("dense in special characters"), "{err}");
        // Runs end at each tag: ordinary text costs its runs' products, far below the
        // bound ("Fish &amp; chips cost £5." is a run of 26 bytes with 2 specials).
        let normal = "<p>Fish &amp; chips cost £5.</p>".repeat(100_000);
        assert_eq!(escaping_cost(&normal), 100_000 * 26 * 2);
        assert!(read(
            "p.html",
            "<p>Fish &amp; chips cost £5.</p>".repeat(1000).as_bytes()
        )
        .is_ok());
    }
}
