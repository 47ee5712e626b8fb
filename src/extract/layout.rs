//! The shape of a plain-text article: site line, headline, byline, date line,
//! boilerplate and body paragraphs.
//!
//! Works on lines only; what the paragraphs say is left to the other extraction stages.

/// The parts of an article found by their position and form.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Layout {
    pub source: Option<String>,
    pub headline: String,
    pub byline: Option<String>,
    /// A stand-alone date line under the headline, as written.
    pub date_line: Option<String>,
    /// Body paragraphs, each with its lines joined by single spaces.
    pub paragraphs: Vec<String>,
}

/// Lines that carry no article text: web page furniture kept by copy and paste.
const BOILERPLATE: &[&str] = &[
    "listen to article",
    "listen to this article",
    "listen",
    "advertisement",
    "advertisement - scroll to continue",
    "story continues below advertisement",
    "share this article",
    "share this",
    "share",
    "share on facebook",
    "share on twitter",
    "share via email",
    "read more",
    "read more:",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "follow us on twitter",
    "follow us on facebook",
    "skip to main content",
    "skip to content",
    "related articles",
    "related stories",
    "related content",
    "related",
    "click here to subscribe",
    "subscribe",
    "print",
    "email",
    "comments",
    "media playback is unsupported on your device",
    "image copyright",
    "image caption",
    "getty images",
    "watch",
    "more on this story",
    "top stories",
    "back to top",
];

/// Line beginnings that mark boilerplate with variable text.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "read more:",
    "related:",
    "image copyright",
    "image caption",
    "image source",
    "media caption",
    "listen to this",
    "copyright ©",
    "© ",
    "all rights reserved",
];

/// Words that mark a line as an outlet's name rather than a headline.
const SITE_WORDS: &[&str] = &[
    "Online",
    "News",
    "Radio",
    "TV",
    "Television",
    "Times",
    "Post",
    "Gazette",
    "Herald",
    "Tribune",
    "Journal",
    "Daily",
    "Network",
    "Press",
    "Wire",
    "Media",
    "Chronicle",
    "Observer",
    "Telegraph",
    "Guardian",
    "Courier",
    "Weekly",
    "Magazine",
    "Center",
    "Centre",
    "Channel",
    "Broadcasting",
    "Reporter",
    "Dispatch",
    "Bulletin",
    "Sentinel",
    "Standard",
    "Express",
    "Examiner",
    "Inquirer",
    "Mirror",
    "Voice",
    "Today",
    "Digest",
    "Monitor",
    "Insider",
];

/// Words that mark the web edition of an outlet; the site line's name ends before them
/// ("TheNigerianVoice Online Radio Center" is TheNigerianVoice).
const EDITION_MARKERS: &[&str] = &[
    "Online", "Website", "Web", "Digital", "Homepage", "Portal", "Live",
];

/// Whether a line is page furniture rather than article text.
pub fn is_boilerplate(line: &str) -> bool {
    let line = line.trim().trim_end_matches(['.', ':', '|']).trim();
    // Compared lowercased character by character: no copy of a long line.
    let lower = || line.chars().flat_map(char::to_lowercase);
    BOILERPLATE.iter().any(|w| lower().eq(w.chars()))
        || BOILERPLATE_PREFIXES
            .iter()
            .any(|p| lower().take(p.chars().count()).eq(p.chars()))
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A short line without sentence punctuation at its end: a headline or a site line.
fn is_title_like(line: &str) -> bool {
    let words = word_count(line);
    (1..=25).contains(&words) && !line.ends_with(['.', ',', ';'])
        || (words <= 25 && line.ends_with('?'))
}

/// Whether a headline capitalises its words ("Harbour Board Awards Dredging Contract"),
/// so that capitals say nothing about names, unlike a sentence-case headline ("UKIP
/// outspent Labour on EU poll").
pub fn is_title_case(line: &str) -> bool {
    let (mut capitalised, mut words) = (0, 0);
    for w in line.split_whitespace().skip(1) {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 4 {
            words += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
        }
    }
    words > 0 && capitalised * 2 > words
}

fn looks_like_domain(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    [
        ".com", ".net", ".org", ".co.uk", ".co", ".info", ".news", ".ng", ".in", ".ie", ".au",
    ]
    .iter()
    .any(|tld| lower.ends_with(tld) && lower.len() > tld.len())
}

fn is_site_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || line.ends_with(['.', '?', '!', ',', ':']) {
        return false;
    }
    words
        .iter()
        .any(|w| SITE_WORDS.contains(w) || looks_like_domain(w))
        || super::lexicon::lexicon().is_outlet(line)
}

/// The outlet's name from a site line: "TheNigerianVoice Online Radio Center" gives
/// "TheNigerianVoice".
fn site_name(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let end = (1..words.len())
        .find(|&i| EDITION_MARKERS.contains(&words[i]))
        .unwrap_or(words.len());
    words[..end].join(" ")
}

/// "By Jane Smith" gives "Jane Smith".
fn byline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?;
    let rest = rest.trim();
    let first = rest.chars().next()?;
    (first.is_uppercase() && word_count(rest) <= 12 && !rest.ends_with('.'))
        .then(|| rest.to_string())
}

fn is_date_line(line: &str) -> bool {
    word_count(line) <= 10 && super::dates::find_stated_date(line).is_some() && !line.ends_with('.')
}

/// Split an article's text into its parts.
pub fn parse(text: &str) -> Layout {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut layout = Layout::default();
    let content = |from: usize| {
        (from..lines.len()).find(|&i| !lines[i].is_empty() && !is_boilerplate(lines[i]))
    };
    let Some(first) = content(0) else {
        return layout;
    };
    let mut headline_at = first;
    if let Some(second) = content(first + 1) {
        if is_site_line(lines[first])
            && is_title_like(lines[second])
            && byline(lines[second]).is_none()
            && !is_date_line(lines[second])
        {
            layout.source = Some(site_name(lines[first]));
            headline_at = second;
        }
    }
    layout.headline = lines[headline_at].to_string();
    let body_at = byline_and_date(&lines, headline_at + 1, &mut layout);
    layout.paragraphs = paragraphs(&lines[body_at.min(lines.len())..]);
    layout
}

/// The parts of a body whose headline the container states (a CSV or JSON field, a
/// page's title): a byline may still open the body ("By Jane Smith" over "WASHINGTON
/// (AP) -- ..."), and is no paragraph of it. A short line with a date stays: under a
/// stated headline it is as often the body's first line ("WELLINGTON, March 16 - Year
/// to December 31, 1986", over a table of results).
pub fn under_headline(headline: &str, body: &str) -> Layout {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let mut layout = Layout {
        headline: headline.to_string(),
        ..Layout::default()
    };
    let first = lines
        .iter()
        .position(|l| !l.is_empty() && !is_boilerplate(l));
    let mut body_at = 0;
    if let Some(first) = first {
        layout.byline = byline(lines[first]);
        if layout.byline.is_some() {
            body_at = first + 1;
        }
    }
    layout.paragraphs = paragraphs(&lines[body_at..]);
    layout
}

/// Take the byline and date line among the lines from `from` on into `layout`, as long
/// as they come before any other line; returns where the body starts.
fn byline_and_date(lines: &[&str], from: usize, layout: &mut Layout) -> usize {
    let content = |from: usize| {
        (from..lines.len()).find(|&i| !lines[i].is_empty() && !is_boilerplate(lines[i]))
    };
    let mut body_at = from;
    while let Some(next) = content(body_at) {
        let line = lines[next];
        if layout.byline.is_none() && byline(line).is_some() {
            layout.byline = byline(line);
        } else if layout.date_line.is_none() && is_date_line(line) {
            layout.date_line = Some(line.to_string());
        } else {
            break;
        }
        body_at = next + 1;
    }
    body_at
}

/// Lines longer than this are never hard-wrapped text.
const MAX_WRAP_WIDTH: usize = 100;

/// Join the lines of one block of text: with a space where the text was wrapped to fit
/// a width, with a line break where the writer broke the line (a byline above a
/// dateline, one sentence a line, the rows of a table). A break is a wrap when the
/// block's lines are no wider than a wrapping width and the next line's first word
/// would not have fitted at the end of this one.
fn join_block(lines: &[&str]) -> String {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let prev = lines[k - 1].chars().count();
            let next_word = line
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let wrapped = width <= MAX_WRAP_WIDTH && prev + 1 + next_word > width;
            out.push(if wrapped { ' ' } else { '\n' });
        }
        out.push_str(line);
    }
    out
}

/// Group lines into paragraphs at blank lines, dropping boilerplate lines. Within a
/// paragraph, lines the writer broke stay apart (`\n`) and wrapped lines are joined
/// (see `join_block`).
pub fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !block.is_empty() {
                out.push(join_block(&block));
                block.clear();
            }
            continue;
        }
        if is_boilerplate(line) {
            continue;
        }
        block.push(line);
    }
    if !block.is_empty() {
        out.push(join_block(&block));
    }
    out
}

/// The paragraphs of a body as extraction stores it (paragraphs joined by blank lines):
/// split at blank lines, each paragraph's lines trimmed and kept apart as they are, so
/// that a stored body read back is the same body.
pub fn kept_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !block.is_empty() {
                out.push(std::mem::take(&mut block));
            }
            continue;
        }
        if !block.is_empty() {
            block.push('\n');
        }
        block.push_str(line);
    }
    if !block.is_empty() {
        out.push(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_paragraphs_split_at_blank_lines_only() {
        assert_eq!(
            kept_paragraphs(" Wheat   2.55 \n Corn  1.35\n \n\n\nShare\n"),
            ["Wheat   2.55\nCorn  1.35", "Share"]
        );
        assert!(kept_paragraphs("\n \n").is_empty());
    }

    #[test]
    fn title_case_headlines() {
        assert!(is_title_case("Harbour Board Awards Dredging Contract"));
        assert!(is_title_case(
            "China Confronts U.S. Ambassador After Accusations"
        ));
        assert!(!is_title_case("UKIP outspent Labour on EU poll"));
        assert!(!is_title_case(
            "Blair rejects Tory tax plans for pensioners"
        ));
        assert!(!is_title_case(""));
    }

    #[test]
    fn site_line_headline_and_boilerplate() {
        let text = "TheNigerianVoice Online Radio Center\n\nChina Confronts U.S. Ambassador\n\n\
                    Listen to article\n\nChina summoned the U.S. ambassador.\n\nSecond paragraph\nwraps here.\n";
        let layout = parse(text);
        assert_eq!(layout.source.as_deref(), Some("TheNigerianVoice"));
        assert_eq!(layout.headline, "China Confronts U.S. Ambassador");
        assert_eq!(
            layout.paragraphs,
            [
                "China summoned the U.S. ambassador.",
                "Second paragraph wraps here."
            ]
        );
    }

    #[test]
    fn site_names_lose_their_edition_words() {
        assert_eq!(
            site_name("TheNigerianVoice Online Radio Center"),
            "TheNigerianVoice"
        );
        assert_eq!(site_name("Riverside Gazette Online"), "Riverside Gazette");
        assert_eq!(
            site_name("NorthStar Radio Network"),
            "NorthStar Radio Network"
        );
    }

    #[test]
    fn headline_followed_by_body_has_no_site_line() {
        let layout = parse(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant rose.\n",
        );
        assert_eq!(layout.source, None);
        assert_eq!(layout.headline, "Ad sales boost Time Warner profit");
    }

    #[test]
    fn byline_and_date_line() {
        let layout =
            parse("Rates held\nBy Laura Chen\nPublished: 14 March 2016\n\nThe bank held rates.\n");
        assert_eq!(layout.byline.as_deref(), Some("Laura Chen"));
        assert_eq!(
            layout.date_line.as_deref(),
            Some("Published: 14 March 2016")
        );
        assert_eq!(layout.paragraphs, ["The bank held rates."]);
    }

    #[test]
    fn a_byline_under_a_stated_headline_is_no_paragraph() {
        let layout = under_headline(
            "Rates held",
            "By LAURA CHEN\n\nPORTVILLE (Wire) -- The bank held rates.",
        );
        assert_eq!(layout.byline.as_deref(), Some("LAURA CHEN"));
        assert_eq!(
            layout.paragraphs,
            ["PORTVILLE (Wire) -- The bank held rates."]
        );
        // A short first line with a date is the body's, under a stated headline.
        let layout = under_headline(
            "Harbour Board results",
            "PORTVILLE, March 16 - Year to December 31, 1986\n\nNet profit 78 mln vs 45 mln",
        );
        assert_eq!(layout.byline, None);
        assert_eq!(layout.date_line, None);
        assert_eq!(layout.paragraphs.len(), 2);
    }

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Listen to article",
            "Advertisement",
            "Share this article",
            "Read more: the story",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        assert!(!is_boilerplate("Share prices fell sharply on Monday."));
    }

    #[test]
    fn empty_text() {
        assert_eq!(parse("\n\n  \n"), Layout::default());
    }
}
