//! Printing results as text for people or as JSON for programs. Every function writes
//! to a `W: Write`, so tests render into a buffer.
//!
//! What comes from articles and file names passes [`crate::controls`] here again, as it
//! is printed: an index written before that filter existed may still hold terminal
//! controls. The only escape sequences in the output are the colours [`Style`] adds.

mod entities;
mod timeline;

pub use entities::{
    clean_entity_counts, entity_counts_json, entity_counts_text, profile_json, profile_text,
};
pub use timeline::{timeline_csv, timeline_json, timeline_text};

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::article::Article;
use crate::controls::{self, line};
use crate::search::duplicates::Group;
use crate::search::quotes::QuoteHit;
use crate::search::{Count, Hit, Snippet, Stats, Stored};

/// How text output looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours (only on a terminal, and not when `NO_COLOR` is set).
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn heading(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    /// A matched term: coloured on a terminal, between asterisks elsewhere.
    fn matched(&self, text: &str) -> String {
        if self.color {
            self.paint("1;31", text)
        } else {
            format!("*{text}*")
        }
    }
}

/// One JSON object per line.
fn json_line<W: Write, T: Serialize>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    writeln!(w)
}

/// The snippet with its matched terms emphasised, on one line.
pub fn emphasise(snippet: &Snippet, style: Style) -> String {
    let snippet = clean_snippet(snippet);
    let mut out = String::with_capacity(snippet.text.len() + 16);
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        if start < at || end > snippet.text.len() {
            continue;
        }
        out.push_str(&snippet.text[at..start]);
        out.push_str(&style.matched(&snippet.text[start..end]));
        at = end;
    }
    out.push_str(&snippet.text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A snippet without control characters, its highlights moved to match.
fn clean_snippet(snippet: &Snippet) -> Cow<'_, Snippet> {
    let Cow::Owned(text) = controls::text(&snippet.text) else {
        return Cow::Borrowed(snippet);
    };
    let at = |i: usize| controls::text(&snippet.text[..i]).len();
    let highlights = snippet
        .highlights
        .iter()
        .filter(|&&(start, end)| {
            start <= end
                && snippet.text.is_char_boundary(start)
                && snippet.text.is_char_boundary(end)
        })
        .map(|&(start, end)| (at(start), at(end)))
        .collect();
    Cow::Owned(Snippet { text, highlights })
}

/// One-line values, each cleaned.
fn lines(values: &[String]) -> Vec<String> {
    values.iter().map(|v| line(v).into_owned()).collect()
}

fn optional_line(value: &Option<String>) -> Option<String> {
    value.as_deref().map(|v| line(v).into_owned())
}

/// An article as it may be printed: fields and path cleaned.
fn clean_article(a: &Article) -> Article {
    let mut a = a.clone();
    controls::clean_article(&mut a);
    if let Cow::Owned(path) = line(&a.path) {
        a.path = path;
    }
    a
}

/// A hit as printed in JSON (`search --json`, and the server's `hits`): the fields of
/// [`Hit`] with the snippet's text and highlights side by side, every text cleaned.
#[derive(Serialize)]
pub struct HitJson<'a> {
    id: Cow<'a, str>,
    path: Cow<'a, str>,
    score: f32,
    headline: Cow<'a, str>,
    source: Option<String>,
    date: Option<String>,
    speakers: Vec<String>,
    organizations: Vec<String>,
    persons: Vec<String>,
    snippet: Cow<'a, str>,
    /// Byte ranges of the matched terms in `snippet`.
    highlights: Cow<'a, [(usize, usize)]>,
    group: Option<String>,
    copies: u64,
}

impl<'a> HitJson<'a> {
    /// The printable form of `h`.
    pub fn new(h: &'a Hit) -> HitJson<'a> {
        let (snippet, highlights) = match clean_snippet(&h.snippet) {
            Cow::Borrowed(s) => (
                Cow::Borrowed(s.text.as_str()),
                Cow::Borrowed(&s.highlights[..]),
            ),
            Cow::Owned(s) => (Cow::Owned(s.text), Cow::Owned(s.highlights)),
        };
        HitJson {
            id: line(&h.id),
            path: line(&h.path),
            score: h.score,
            headline: line(&h.headline),
            source: optional_line(&h.source),
            date: optional_line(&h.date),
            speakers: lines(&h.speakers),
            organizations: lines(&h.organizations),
            persons: lines(&h.persons),
            snippet,
            highlights,
            group: optional_line(&h.group),
            copies: h.copies,
        }
    }
}

/// Hits as NDJSON.
pub fn hits_json<W: Write>(w: &mut W, hits: &[Hit]) -> io::Result<()> {
    hits.iter().try_for_each(|h| json_line(w, &HitJson::new(h)))
}

/// Hits as text blocks: headline, path and date, speakers, snippet.
pub fn hits_text<W: Write>(w: &mut W, hits: &[Hit], style: Style) -> io::Result<()> {
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        let headline = line(&h.headline);
        let headline = if headline.is_empty() {
            "(no headline)"
        } else {
            &headline
        };
        writeln!(w, "{}", style.heading(headline))?;
        let mut meta = line(&h.path).into_owned();
        for value in [&h.date, &h.source].into_iter().flatten() {
            meta.push_str("  ");
            meta.push_str(&line(value));
        }
        if h.copies > 0 {
            let noun = if h.copies == 1 { "copy" } else { "copies" };
            meta.push_str(&format!("  +{} {noun}", h.copies));
        }
        writeln!(w, "{}", style.dim(&meta))?;
        if !h.speakers.is_empty() {
            writeln!(w, "speakers: {}", lines(&h.speakers).join(", "))?;
        }
        writeln!(w, "{}", emphasise(&h.snippet, style))?;
    }
    Ok(())
}

/// Extracted articles as NDJSON (the `extract --json` format).
pub fn article_json<W: Write>(w: &mut W, article: &Article) -> io::Result<()> {
    json_line(w, &clean_article(article))
}

/// An extracted article as labelled text.
pub fn article_text<W: Write>(w: &mut W, a: &Article, style: Style) -> io::Result<()> {
    let a = &clean_article(a);
    writeln!(w, "{}", style.heading(&a.path))?;
    let field = |w: &mut W, name: &str, value: &str| -> io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(w, "  {:<14}{}", format!("{name}:"), value)
    };
    field(w, "headline", &a.headline)?;
    field(w, "source", a.source.as_deref().unwrap_or(""))?;
    field(w, "byline", a.byline.as_deref().unwrap_or(""))?;
    field(w, "date", a.date.as_deref().unwrap_or(""))?;
    field(w, "dateline", a.dateline.as_deref().unwrap_or(""))?;
    field(w, "url", a.url.as_deref().unwrap_or(""))?;
    field(w, "speakers", &a.speakers.join("; "))?;
    field(w, "organizations", &a.organizations.join("; "))?;
    field(w, "persons", &a.persons.join("; "))?;
    for q in &a.quotes {
        let who = q.speaker.as_deref().unwrap_or("(unattributed)");
        writeln!(w, "  quote:        {who}: “{}”", q.text)?;
    }
    let words = a.body.split_whitespace().count();
    writeln!(
        w,
        "  {:<14}{} paragraphs, {} words",
        "body:",
        a.body.split("\n\n").filter(|p| !p.is_empty()).count(),
        words
    )
}

/// Why an article's names and speakers are what they are (`extract --explain`).
pub fn explanation_text<W: Write>(
    w: &mut W,
    a: &Article,
    e: &crate::extract::explain::Explanation,
    style: Style,
) -> io::Result<()> {
    writeln!(w, "{}", style.heading(&line(&a.path)))?;
    // Everything below quotes the article: written plain, then cleaned as a whole.
    let mut buffer = Vec::new();
    explanation_lines(&mut buffer, e)?;
    w.write_all(controls::text(&String::from_utf8_lossy(&buffer)).as_bytes())
}

fn explanation_lines<W: Write>(
    w: &mut W,
    e: &crate::extract::explain::Explanation,
) -> io::Result<()> {
    let scores = |list: &[(String, f32)]| -> String {
        list.iter()
            .map(|(what, weight)| format!("{what} ({weight:+.1})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !e.names.is_empty() {
        writeln!(w, "  names:")?;
    }
    for n in &e.names {
        let also = if n.forms.is_empty() {
            String::new()
        } else {
            format!("  (also written in this article: {})", n.forms.join("; "))
        };
        writeln!(w, "    {:<13}{}{also}", n.class.name(), n.name)?;
        writeln!(
            w,
            "                 margin {:.1} over no name: {}",
            n.margin,
            scores(&n.evidence)
        )?;
        for c in &n.changes {
            writeln!(w, "                 {c}")?;
        }
    }
    for s in &e.sources {
        let text = if s.is_quote {
            format!("“{}”", s.text)
        } else {
            format!("report: {}", s.text)
        };
        writeln!(w, "  {text}")?;
        let speaker = s.speaker.as_deref().unwrap_or("(nobody named)");
        let cue = s
            .cue
            .as_deref()
            .map(|c| format!("; cue \"{c}\""))
            .unwrap_or_default();
        writeln!(w, "    speaker {speaker}: {}{cue}", s.how)?;
        writeln!(w, "    candidates: {}", scores(&s.ranking))?;
    }
    Ok(())
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

/// Statistics as printed in JSON (`stats --json`, the server's `/api/stats`).
#[derive(Serialize)]
pub struct StatsJson {
    index: String,
    documents: u64,
    size_bytes: u64,
    top_speakers: Vec<Count>,
    top_organizations: Vec<Count>,
}

impl StatsJson {
    /// The printable form of `stats` of the index in `index_dir`.
    pub fn new(stats: &Stats, index_dir: &str) -> StatsJson {
        StatsJson {
            index: line(index_dir).into_owned(),
            documents: stats.documents,
            size_bytes: stats.size_bytes,
            top_speakers: clean_counts(&stats.top_speakers),
            top_organizations: clean_counts(&stats.top_organizations),
        }
    }
}

/// Statistics as one JSON object.
pub fn stats_json<W: Write>(w: &mut W, stats: &Stats, index_dir: &str) -> io::Result<()> {
    json_line(w, &StatsJson::new(stats, index_dir))
}

/// Counted values as printed: each value cleaned.
pub fn clean_counts(counts: &[Count]) -> Vec<Count> {
    counts
        .iter()
        .map(|c| Count {
            value: line(&c.value).into_owned(),
            count: c.count,
        })
        .collect()
}

/// A quotation as printed (`quotes --json`, the server's `/api/quotes`): every text
/// cleaned.
pub fn clean_quote(q: &QuoteHit) -> QuoteHit {
    QuoteHit {
        speaker: optional_line(&q.speaker),
        text: controls::text(&q.text).into_owned(),
        id: line(&q.id).into_owned(),
        headline: line(&q.headline).into_owned(),
        path: line(&q.path).into_owned(),
        date: optional_line(&q.date),
    }
}

/// A duplicate group as printed (`duplicates --json`, the server's `/api/duplicates`):
/// every path cleaned.
pub fn clean_group(g: &Group) -> Group {
    Group {
        group: line(&g.group).into_owned(),
        members: lines(&g.members),
        representative: line(&g.representative).into_owned(),
    }
}

/// Statistics as text.
pub fn stats_text<W: Write>(
    w: &mut W,
    stats: &Stats,
    index_dir: &str,
    style: Style,
) -> io::Result<()> {
    writeln!(w, "{}", style.heading(&line(index_dir)))?;
    writeln!(w, "documents:      {}", stats.documents)?;
    writeln!(w, "size on disk:   {}", human_size(stats.size_bytes))?;
    for (title, counts) in [
        ("top speakers", &stats.top_speakers),
        ("top organizations", &stats.top_organizations),
    ] {
        writeln!(w, "{title}:")?;
        counts_text(w, counts)?;
    }
    Ok(())
}

/// Quotations as NDJSON (keys speaker, text, id, headline, path, date).
pub fn quotes_json<W: Write>(w: &mut W, quotes: &[QuoteHit]) -> io::Result<()> {
    quotes
        .iter()
        .try_for_each(|q| json_line(w, &clean_quote(q)))
}

/// Quotations as text: the quote, who said it, where.
pub fn quotes_text<W: Write>(w: &mut W, quotes: &[QuoteHit], style: Style) -> io::Result<()> {
    for (i, q) in quotes.iter().map(clean_quote).enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        writeln!(w, "“{}”", q.text)?;
        let who = q.speaker.as_deref().unwrap_or("(unattributed)");
        writeln!(w, "  {}", style.heading(&format!("— {who}")))?;
        let mut place = format!("  {}", q.headline);
        if let Some(date) = &q.date {
            place.push_str(&format!(" ({date})"));
        }
        writeln!(w, "{place}")?;
        writeln!(w, "  {}", style.dim(&format!("{}  id {}", q.path, q.id)))?;
    }
    Ok(())
}

/// Duplicate groups as NDJSON: `{"group": ..., "members": [paths], "representative": path}`.
pub fn groups_json<W: Write>(w: &mut W, groups: &[Group]) -> io::Result<()> {
    groups
        .iter()
        .try_for_each(|g| json_line(w, &clean_group(g)))
}

/// Duplicate groups as text: the representative, then the other members indented.
pub fn groups_text<W: Write>(w: &mut W, groups: &[Group], style: Style) -> io::Result<()> {
    for g in groups.iter().map(clean_group) {
        writeln!(
            w,
            "{}  ({} copies)",
            style.heading(&g.representative),
            g.members.len()
        )?;
        for m in g.members.iter().filter(|m| **m != g.representative) {
            writeln!(w, "  {m}")?;
        }
    }
    Ok(())
}

/// Counted values as NDJSON: `{"value": ..., "count": ...}`.
pub fn counts_json<W: Write>(w: &mut W, counts: &[Count]) -> io::Result<()> {
    clean_counts(counts)
        .iter()
        .try_for_each(|c| json_line(w, c))
}

/// A stored article as printed in JSON: `id` and `group`, then the `extract --json`
/// keys, every text cleaned.
#[derive(Serialize)]
pub struct StoredJson {
    id: String,
    /// The duplicate group, `null` for an article without copies.
    group: Option<String>,
    #[serde(flatten)]
    article: Article,
}

impl StoredJson {
    /// The printable form of `stored`.
    pub fn new(stored: &Stored) -> StoredJson {
        StoredJson {
            id: line(&stored.id).into_owned(),
            group: optional_line(&stored.group),
            article: clean_article(&stored.article),
        }
    }

    /// Id, group and article, cleaned.
    pub fn parts(&self) -> (&str, &Option<String>, &Article) {
        (&self.id, &self.group, &self.article)
    }
}

/// A stored article as one JSON object: the `extract --json` keys plus `id` and
/// `group`.
pub fn shown_json<W: Write>(w: &mut W, stored: &Stored) -> io::Result<()> {
    json_line(w, &StoredJson::new(stored))
}

/// A stored article as text: fields, quotes grouped by speaker, then the body.
pub fn shown_text<W: Write>(w: &mut W, stored: &Stored, style: Style) -> io::Result<()> {
    let a = &clean_article(&stored.article);
    writeln!(w, "{}", style.heading(&a.headline))?;
    let mut meta = vec![a.path.clone(), format!("id {}", line(&stored.id))];
    meta.extend(a.date.clone());
    meta.extend(a.source.clone());
    meta.extend(optional_line(&stored.group).map(|g| format!("group {g}")));
    writeln!(w, "{}", style.dim(&meta.join("  ")))?;
    if let Some(byline) = &a.byline {
        writeln!(w, "By {byline}")?;
    }
    for (label, values) in [
        ("speakers", &a.speakers),
        ("organizations", &a.organizations),
        ("persons", &a.persons),
    ] {
        if !values.is_empty() {
            writeln!(w, "{label}: {}", values.join("; "))?;
        }
    }
    let mut speakers: Vec<Option<&str>> = Vec::new();
    for q in &a.quotes {
        if !speakers.contains(&q.speaker.as_deref()) {
            speakers.push(q.speaker.as_deref());
        }
    }
    if !speakers.is_empty() {
        writeln!(w, "\nquotes:")?;
    }
    for speaker in speakers {
        writeln!(w, "  {}:", speaker.unwrap_or("(unattributed)"))?;
        for q in a.quotes.iter().filter(|q| q.speaker.as_deref() == speaker) {
            writeln!(w, "    “{}”", q.text)?;
        }
    }
    writeln!(w)?;
    writeln!(w, "{}", a.body)
}

/// The width of the widest of `counts` written in decimal (1 when there is none): the
/// column counts are right-aligned in.
fn count_width(counts: impl IntoIterator<Item = u64>) -> usize {
    counts
        .into_iter()
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(1)
}

/// Counted values as aligned text.
pub fn counts_text<W: Write>(w: &mut W, counts: &[Count]) -> io::Result<()> {
    let width = count_width(counts.iter().map(|c| c.count));
    for c in counts {
        writeln!(w, "  {:>width$}  {}", c.count, line(&c.value))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet() -> Snippet {
        Snippet {
            text: "China summoned the U.S.\nambassador".into(),
            highlights: vec![(0, 5), (19, 23)],
        }
    }

    #[test]
    fn emphasis_without_colour_uses_asterisks() {
        assert_eq!(
            emphasise(&snippet(), Style { color: false }),
            "*China* summoned the *U.S.* ambassador"
        );
    }

    #[test]
    fn emphasis_with_colour_uses_ansi() {
        let s = emphasise(&snippet(), Style { color: true });
        assert!(s.starts_with("\x1b[1;31mChina\x1b[0m"));
    }

    #[test]
    fn hits_json_has_the_documented_keys() {
        let hit = Hit {
            id: "abc".into(),
            path: "/a.txt".into(),
            score: 1.5,
            headline: "H".into(),
            source: None,
            date: Some("2014-05-20".into()),
            speakers: vec!["Zheng Zeguang".into()],
            organizations: vec![],
            persons: vec![],
            snippet: snippet(),
            group: Some("abc".into()),
            copies: 2,
        };
        let mut out = Vec::new();
        hits_json(&mut out, &[hit]).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        for key in [
            "id",
            "path",
            "score",
            "headline",
            "source",
            "date",
            "speakers",
            "organizations",
            "persons",
            "snippet",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["snippet"], "China summoned the U.S.\nambassador");
    }

    /// What an index written before the filter may hold.
    fn hostile_article() -> Article {
        Article {
            path: "/news/evil\u{1b}[31m.txt".into(),
            headline: "Evil \u{1b}[2J\u{1b}]0;pwned\u{7} \u{202E}headline".into(),
            byline: Some("Jane\u{9b}31m Doe".into()),
            speakers: vec!["Tom \u{2066}Wake".into()],
            quotes: vec![crate::Quote {
                speaker: Some("Tom \u{2066}Wake".into()),
                text: "We \u{1b}[31mwill\u{1b}[0m finish".into(),
            }],
            body: "Body \u{1b}[31mred\u{1b}[0m, \u{202E}kept.".into(),
            ..Article::default()
        }
    }

    #[test]
    fn stored_controls_are_not_printed() {
        let a = hostile_article();
        let mut out = Vec::new();
        let stored = Stored {
            id: "id\u{7}".into(),
            group: Some("g\u{1b}[2J".into()),
            article: a.clone(),
        };
        shown_text(&mut out, &stored, Style { color: true }).unwrap();
        article_text(&mut out, &a, Style { color: true }).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("\x1b[1mEvil [2J]0;pwned headline\x1b[0m\n"),
            "{text:?}"
        );
        assert!(text.contains("By Jane31m Doe\n"), "{text:?}");
        assert!(text.contains("    “We [31mwill[0m finish”\n"), "{text:?}");
        // Colours are newsidx's own; nothing else escapes.
        let own = ["\x1b[1m", "\x1b[2m", "\x1b[0m"];
        let rest = own.iter().fold(text.clone(), |t, code| t.replace(code, ""));
        assert!(
            !rest.chars().any(|c| c.is_control() && c != '\n'),
            "{rest:?}"
        );
        // Bidirectional controls stay out of one-line fields only.
        assert!(!text.contains("\u{2066}"), "{text:?}");
        assert!(text.contains("\u{202E}kept"), "{text:?}");

        let mut out = Vec::new();
        shown_json(&mut out, &stored).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["id"], "id");
        assert_eq!(v["group"], "g[2J");
        assert_eq!(v["headline"], "Evil [2J]0;pwned headline");
        assert_eq!(v["path"], "/news/evil[31m.txt");
        assert_eq!(v["quotes"][0]["speaker"], "Tom Wake");
    }

    #[test]
    fn snippet_highlights_follow_removed_controls() {
        let snippet = Snippet {
            text: "a\u{1b}[2J China \u{9b}summoned".into(),
            highlights: vec![(6, 11), (14, 22)],
        };
        assert_eq!(
            emphasise(&snippet, Style { color: false }),
            "a[2J *China* *summoned*"
        );
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KiB");
    }
}
