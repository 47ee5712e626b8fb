//! HTML pages (`.html`, `.htm`, and the HTML responses of web archives): the page's
//! main content, found by dom_smoothie (a port of Mozilla's Readability), becomes the
//! body, so that navigation, footers and related-link boxes stay out of it.
//!
//! The fields come from the page's metadata, which is more reliable than its layout:
//!
//! - headline: chosen among `og:title`, the JSON-LD `headline`, the first `<h1>` and
//!   `<title>` by agreement (see [`choose_headline`]), less a site suffix (" - BBC
//!   News", " | CNN");
//! - byline: `<meta name="author">`, `article:author`, JSON-LD `author`, else the byline
//!   Readability finds in the page;
//! - date: `article:published_time`, JSON-LD `datePublished`, else the first
//!   `<time datetime>`;
//! - source: `og:site_name`, else the JSON-LD publisher;
//! - url: the archive's record, else `<link rel="canonical">`, else `og:url`.
//!
//! The encoding is taken from a byte-order mark, then from what the container declares
//! (an HTTP `Content-Type`), then from `<meta charset>` or its `http-equiv` form, and is
//! otherwise UTF-8 or detected.

pub(super) mod limits;

use std::sync::LazyLock;

use dom_query::{Document, Matcher};
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::known;
use super::Read;
use crate::article::{KnownFields, RawArticle};
use crate::decode::{decode_declared, encoding_for_label};
use limits::{escaping_cost, too_deep, MAX_DEPTH, MAX_ESCAPING_COST};

/// Separators between a headline and the site's name in page titles.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// Read an HTML file.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    let page = page(locator.to_string(), bytes, None, None)?;
    Ok(Read {
        articles: vec![page.article],
        warnings: page.warning.into_iter().collect(),
    })
}

/// A page read as an article, and what to tell the user about its decoding.
pub struct Page {
    pub article: RawArticle,
    pub warning: Option<String>,
}

/// Read one HTML page. `declared` is the encoding its container announces, `url` the
/// address it was fetched from.
pub fn page(
    locator: String,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
    url: Option<&str>,
) -> Result<Page, String> {
    let decoded = decode_declared(bytes, declared.or_else(|| meta_charset(bytes)));
    if too_deep(&decoded.text) {
        return Err(format!(
            "HTML nested more than {MAX_DEPTH} levels deep, not a readable page"
        ));
    }
    if escaping_cost(&decoded.text) > MAX_ESCAPING_COST {
        return Err("HTML text too long and dense in special characters to read".into());
    }
    let document = Document::from(decoded.text.as_str());
    let mut meta = Meta::of(&document);
    let url = url
        .map(str::to_string)
        .or_else(|| meta.url.take())
        .filter(|u| is_web_address(u));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // Readability only uses the page's address to resolve links in the HTML it returns,
    // and that HTML is not used: without an address it cannot refuse an odd one.
    let mut readability =
        Readability::with_document(document, None, Some(config)).map_err(|e| e.to_string())?;
    let ld = readability.parse_json_ld().unwrap_or_default();
    let parsed = readability.parse().ok();
    let candidates = [
        meta.og_title.take(),
        known::field(&ld.title),
        meta.h1.take(),
        meta.title.take(),
    ];
    let headline = choose_headline(candidates)
        .or_else(|| parsed.as_ref().and_then(|p| known::field(&p.title)))
        .map(|t| strip_site(&t, meta.site_name.as_deref()));
    let byline = meta
        .byline
        .or(ld.byline)
        .or_else(|| parsed.as_ref().and_then(|p| p.byline.clone()))
        .and_then(|b| known::byline(&b));
    let body = parsed
        .as_ref()
        .map(|p| known::paragraphs(&p.text_content))
        .map(|b| without_leading(&b, headline.as_deref().unwrap_or(""), byline.as_deref()))
        .unwrap_or_default();
    if headline.is_none() && body.is_empty() {
        return Err("no article text found".into());
    }
    let date = meta
        .published
        .or(ld.published_time)
        .or(meta.time)
        .and_then(|d| known::date(&d));
    let source = meta
        .site_name
        .or(ld.site_name)
        .and_then(|s| known::field(&s));
    Ok(Page {
        article: RawArticle {
            locator,
            text: body,
            known: KnownFields {
                headline,
                source,
                byline,
                date,
                url,
                ..KnownFields::default()
            },
        },
        warning: decoded.warning(),
    })
}

/// What the page's `<head>` (and a few elements) say about the article.
#[derive(Debug, Default)]
struct Meta {
    og_title: Option<String>,
    h1: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    time: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
}

/// The selectors [`Meta`] needs, parsed once.
struct Selectors {
    og_title: Matcher,
    h1: Matcher,
    title: Matcher,
    author: Matcher,
    article_author: Matcher,
    published: Matcher,
    time: Matcher,
    site_name: Matcher,
    canonical: Matcher,
    og_url: Matcher,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| {
    let m = |selector: &str| Matcher::new(selector).expect("selector is valid");
    Selectors {
        og_title: m(r#"meta[property="og:title"]"#),
        h1: m("h1"),
        title: m("title"),
        author: m(r#"meta[name="author"]"#),
        article_author: m(r#"meta[property="article:author"]"#),
        published: m(r#"meta[property="article:published_time"]"#),
        time: m("time[datetime]"),
        site_name: m(r#"meta[property="og:site_name"]"#),
        canonical: m(r#"link[rel="canonical"]"#),
        og_url: m(r#"meta[property="og:url"]"#),
    }
});

impl Meta {
    fn of(doc: &Document) -> Meta {
        let s = &*SELECTORS;
        let attr = |matcher: &Matcher, name: &str| {
            doc.select_matcher(matcher)
                .iter()
                .find_map(|e| e.attr(name).and_then(|v| known::field(&v)))
        };
        let text = |matcher: &Matcher| {
            doc.select_matcher(matcher)
                .iter()
                .find_map(|e| known::field(&e.text()))
        };
        Meta {
            og_title: attr(&s.og_title, "content"),
            h1: text(&s.h1),
            title: text(&s.title),
            byline: attr(&s.author, "content")
                .or_else(|| attr(&s.article_author, "content").filter(|a| !is_web_address(a))),
            published: attr(&s.published, "content"),
            time: attr(&s.time, "datetime"),
            site_name: attr(&s.site_name, "content"),
            url: attr(&s.canonical, "href").or_else(|| attr(&s.og_url, "content")),
        }
    }
}

/// The headline among the page's candidates (`og:title`, JSON-LD `headline`, `<h1>`,
/// `<title>`, in that order): the one that most of the others match or contain (see
/// [`backs`]), the earlier on a tie. So a section's banner in the `<h1>` ("Health
/// Center") loses to the title that `og:title` and `<title>` share, and an `<h1>` that
/// nothing contradicts is the headline.
fn choose_headline(candidates: [Option<String>; 4]) -> Option<String> {
    let present: Vec<(String, String)> = candidates
        .into_iter()
        .flatten()
        .map(|c| (comparable(&c), c))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    let support = |i: usize| {
        let key = &present[i].0;
        present
            .iter()
            .enumerate()
            .filter(|&(j, (other, _))| j != i && backs(other, key))
            .count()
    };
    // `max_by_key` keeps the last of equals: look from the end to keep the first.
    let best = (0..present.len()).rev().max_by_key(|&i| support(i))?;
    present.into_iter().nth(best).map(|(_, c)| c)
}

/// Lowercase words separated by single spaces, for comparing headlines.
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether the comparable headline `other` backs `candidate`: reads the same, or holds
/// it whole at word boundaries as a good part of its words (a third or more), as a
/// `<title>` holds the headline before the site's name. A banner or a site name that a
/// longer title holds as a small part backs nothing.
fn backs(other: &str, candidate: &str) -> bool {
    if other == candidate {
        return true;
    }
    let padded = format!(" {other} ");
    let words = |s: &str| s.split(' ').count();
    padded.contains(&format!(" {candidate} ")) && 3 * words(candidate) >= words(other)
}

fn is_web_address(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// The encoding a `<meta charset>` or `<meta http-equiv="Content-Type">` near the start
/// of the page declares. A page declaring UTF-16 cannot be, since the declaration was
/// read as ASCII: it is UTF-8 (as browsers decide).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .map_or(lower.len(), |n| i + n);
        let label = std::str::from_utf8(&lower[i..end]).ok()?;
        let encoding = encoding_for_label(label)?;
        return Some(match encoding.name() {
            "UTF-16LE" | "UTF-16BE" => UTF_8,
            "x-user-defined" => WINDOWS_1252,
            _ => encoding,
        });
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The headline without the site's name: "Chelsea sack Mutu - BBC Sport" gives
/// "Chelsea sack Mutu". A last part is taken for the site's name when it is the known
/// one, or a short run of capitalised words or a domain name, after a longer headline.
fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in SEPARATORS {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
            if head.split_whitespace().count() >= 3 && looks_like_site(tail, site) {
                return head.to_string();
            }
        }
        if let Some(at) = title.find(sep) {
            let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
            if site.is_some_and(|s| head.eq_ignore_ascii_case(s.trim())) && !tail.is_empty() {
                return tail.to_string();
            }
        }
    }
    title.to_string()
}

fn looks_like_site(part: &str, site: Option<&str>) -> bool {
    if site.is_some_and(|s| part.eq_ignore_ascii_case(s.trim())) {
        return true;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    let domain = words.len() == 1 && part.contains('.') && !part.ends_with('.');
    let name = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "the");
    domain || name
}

/// The body without the headline and the byline where they open it: metadata already
/// gave them, and Readability keeps them when they sit inside the article.
fn without_leading(body: &str, headline: &str, byline: Option<&str>) -> String {
    let mut rest = body;
    for _ in 0..2 {
        let (first, after) = rest.split_once("\n\n").unwrap_or((rest, ""));
        let is_headline = first.eq_ignore_ascii_case(headline);
        let by_line = first.split_whitespace().count() <= 8
            && first
                .get(..3)
                .is_some_and(|by| by.eq_ignore_ascii_case("by "));
        let is_byline = by_line || byline.is_some_and(|b| first.eq_ignore_ascii_case(b));
        if !(is_headline || is_byline) {
            break;
        }
        rest = after;
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour board awards dredging contract - Portville Gazette</title>
<meta property="og:title" content="Harbour board awards dredging contract | Portville Gazette">
<meta property="og:site_name" content="Portville Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-03T08:00:00Z">
<link rel="canonical" href="https://gazette.example/news/harbour">
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<header><div class="site-title">Portville Gazette</div></header>
<main><article>
<h1>Harbour board awards dredging contract</h1>
<p class="byline">By Jane Doe</p>
<p>The Portville harbour board on Tuesday awarded a 12 million pound contract to
deepen the main channel, ending two years of delays that had kept larger ships away.</p>
<p>"This is the moment we have waited for," said Tom Wake, the board's chairman, adding
that work would start in May and finish before the autumn grain season.</p>
<p>Local businesses welcomed the decision. The chamber of commerce said the deeper
channel would bring hundreds of jobs to the town and its surrounding villages.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Ferry fares to rise in spring</a></li>
<li><a href="/b">Lighthouse restoration appeal opens</a></li></ul></aside>
</main>
<footer><p>Copyright Portville Gazette. All rights reserved. Contact us. Privacy policy.</p></footer>
</body></html>"#;

    #[test]
    fn main_content_and_metadata() {
        let read = read("p.html", PAGE.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(
            a.known.headline.as_deref(),
            Some("Harbour board awards dredging contract")
        );
        assert_eq!(a.known.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(a.known.valid_date(), Some("2021-03-03"));
        assert_eq!(a.known.source.as_deref(), Some("Portville Gazette"));
        assert_eq!(
            a.known.url.as_deref(),
            Some("https://gazette.example/news/harbour")
        );
        assert!(
            a.text.starts_with("The Portville harbour board"),
            "{}",
            a.text
        );
        assert_eq!(a.text.split("\n\n").count(), 3, "{}", a.text);
        for boilerplate in [
            "Home",
            "Related stories",
            "Ferry fares",
            "Copyright",
            "By Jane",
        ] {
            assert!(!a.text.contains(boilerplate), "{boilerplate}: {}", a.text);
        }
    }

    #[test]
    fn json_ld_and_time_element() {
        let page = r#"<html><head><title>Mine closure vote | CNN</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Mine closure vote", "author": {"@type": "Person", "name": "Ann Lee"},
"datePublished": "2020-11-05T10:00:00Z", "publisher": {"@type": "Organization", "name": "CNN"}}</script>
</head><body><p>Miners voted on Thursday to accept the closure of the pit at the end of the year.</p>
<time datetime="2019-01-01">old</time></body></html>"#;
        let read = read("p.html", page.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(a.known.headline.as_deref(), Some("Mine closure vote"));
        assert_eq!(a.known.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.known.valid_date(), Some("2020-11-05"));
        assert!(a.text.contains("Miners voted"), "{}", a.text);
    }

    fn page_with(head: &str, h1: &str) -> String {
        format!(
            "<html><head>{head}</head><body><div class=banner><h1>{h1}</h1></div><article>\
             <p>Doctors say the flu season has started a month earlier than usual this year, \
             with clinics in the north reporting twice the usual number of cases.</p>\
             <p>Health officials urged older people to get vaccinated before December.</p>\
             </article></body></html>"
        )
    }

    #[test]
    fn headline_by_agreement() {
        let title = "Flu season starts early in the north";
        for (head, h1, want) in [
            // A section banner in the <h1> loses to what og:title and <title> share.
            (
                format!("<title>{title} | Health Center | Example</title><meta property=og:title content=\"{title}\">"),
                "Health Center",
                title,
            ),
            // ... and to the JSON-LD headline that <title> agrees with.
            (
                format!("<title>{title} - Example News</title><script type=application/ld+json>\
                 {{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": \"{title}\"}}</script>"),
                "Travel",
                title,
            ),
            // The title may hold the headline between a section and the site's name.
            (
                format!("<title>Health | {title} | Example</title><meta property=og:title content=\"{title}\">"),
                "Health",
                title,
            ),
            // The <h1> wins when the others agree with it.
            (format!("<title>{title} - Example News</title>"), title, title),
            // An <h1> that nothing contradicts is the headline, as before.
            (String::new(), "Clinics report twice the usual cases", "Clinics report twice the usual cases"),
        ] {
            let read = read("p.html", page_with(&head, h1).as_bytes()).unwrap();
            assert_eq!(read.articles[0].known.headline.as_deref(), Some(want), "{head}");
        }
        assert_eq!(choose_headline([None, None, None, None]), None);
        // A site's name that both og:title and <title> end with is no headline.
        let site = "Flu season starts early | News";
        let pick = choose_headline([
            Some(site.into()),
            None,
            Some("News".into()),
            Some(site.into()),
        ]);
        assert_eq!(pick.as_deref(), Some(site));
        assert!(backs(
            "flu season starts early health example",
            "flu season starts early"
        ));
        assert!(backs("health center", "health center"));
        assert!(!backs("healthy food", "health"));
        assert!(!backs(
            "flu season starts early health center example",
            "health center"
        ));
    }

    #[test]
    fn declared_charset_broken_by_utf8_bytes() {
        let page =
            "<html><head><meta charset=\"gb2312\"><title>Travel rush – 春运 begins</title></head>\
            <body><p>Millions of travellers set off on Friday for the spring festival, \
            the world’s largest annual migration.</p></body></html>";
        let read = read("p.html", page.as_bytes()).unwrap();
        let a = &read.articles[0];
        assert_eq!(
            a.known.headline.as_deref(),
            Some("Travel rush – 春运 begins")
        );
        assert!(a.text.contains("world’s largest"), "{}", a.text);
        assert_eq!(
            read.warnings,
            ["declared as GBK but not valid GBK; valid UTF-8, read as UTF-8"]
        );
    }

    #[test]
    fn site_suffixes() {
        for (title, site, want) in [
            ("Chelsea sack Mutu - BBC Sport", None, "Chelsea sack Mutu"),
            ("Storm hits the coast | CNN", None, "Storm hits the coast"),
            (
                "Minister resigns over expenses – The Guardian",
                None,
                "Minister resigns over expenses",
            ),
            (
                "Floods return to the valley - example.com",
                None,
                "Floods return to the valley",
            ),
            ("Gazette - Floods return", Some("Gazette"), "Floods return"),
            (
                "Brexit - What Happens Next",
                None,
                "Brexit - What Happens Next",
            ),
            (
                "Prices rise - and keep rising for months",
                None,
                "Prices rise - and keep rising for months",
            ),
        ] {
            assert_eq!(strip_site(title, site), want, "{title}");
        }
    }

    #[test]
    fn declared_charsets() {
        let latin1 = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\
            </head><body><h1>Caf\xe9 closes</h1><p>The caf\xe9 closed its doors on Monday after thirty years.</p></body></html>";
        let read = read("p.html", latin1).unwrap();
        assert_eq!(
            read.articles[0].known.headline.as_deref(),
            Some("Café closes")
        );
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(meta_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta charset=>"), None);
        assert_eq!(meta_charset(b"no declaration"), None);
    }

    #[test]
    fn undeclared_legacy_encoding_is_detected() {
        let page = b"<html><body><h1>Caf\xe9 closes</h1><p>The caf\xe9 closed.</p></body></html>";
        let read = read("p.html", page).unwrap();
        assert_eq!(
            read.articles[0].known.headline.as_deref(),
            Some("Café closes")
        );
        assert_eq!(read.warnings, ["not valid UTF-8, read as windows-1252"]);
    }

    #[test]
    fn page_without_text_is_refused() {
        assert_eq!(
            read("p.html", b"<html><body><img src=x></body></html>").unwrap_err(),
            "no article text found"
        );
    }
}
