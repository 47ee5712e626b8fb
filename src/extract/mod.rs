//! Extraction: from a [`RawArticle`] to an [`Article`] with headline, byline, date,
//! people, organizations, speakers and quotes.
//!
//! Pure functions on strings: no file system, no index. The stages are
//! [`layout`] (which lines are headline, byline, body), [`dates`] (dates and
//! datelines), [`tokens`] (words and sentences), [`quotes`] (quoted passages),
//! [`mentions`] (proper-noun chunks), [`entities`] (who is who across the article) and
//! [`attribution`] (who said what).

pub mod attribution;
pub mod dates;
pub mod entities;
pub mod explain;
#[cfg(test)]
mod known_errors;
pub mod layout;
pub mod lexicon;
pub mod mentions;
pub mod names;
pub mod quotes;
pub mod sealed;
pub mod tokens;

use crate::article::{Article, RawArticle};

/// One body paragraph, tokenized, with its quotations and sentences.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub tokens: Vec<tokens::Token>,
    pub quotations: Vec<quotes::Quotation>,
    /// Whether each token lies inside a quotation.
    pub in_quote: Vec<bool>,
    /// Whether each token opens a sentence or a quotation, where capitals say nothing.
    pub clause_start: Vec<bool>,
    /// Sentences as token ranges.
    pub sentences: Vec<std::ops::Range<usize>>,
}

impl Paragraph {
    /// Analyse one paragraph of text.
    pub fn new(text: String) -> Self {
        let tokens = tokens::tokenize(&text);
        let quotations = quotes::find(&text, &tokens);
        let in_quote = quotes::inside(&tokens, &quotations);
        let sentences = tokens::sentences(&text, &tokens, &in_quote);
        let mut clause_start = vec![false; tokens.len()];
        for s in &sentences {
            // The first word of a sentence, skipping opening quote marks and brackets.
            let mut i = s.start;
            while i < s.end && tokens[i].kind == tokens::Kind::Punct {
                i += 1;
            }
            if i < s.end {
                clause_start[i] = true;
            }
        }
        for q in &quotations {
            let first = q.open + 1;
            if first < tokens.len() {
                clause_start[first] = true;
            }
        }
        for i in 1..tokens.len() {
            if matches!(tokens[i - 1].text(&text), ":" | "—" | "–") {
                clause_start[i] = true;
            }
        }
        Paragraph {
            text,
            tokens,
            quotations,
            in_quote,
            clause_start,
            sentences,
        }
    }

    /// The text of tokens `range`.
    pub fn span(&self, range: std::ops::Range<usize>) -> &str {
        if range.is_empty() {
            return "";
        }
        &self.text[self.tokens[range.start].start..self.tokens[range.end - 1].end]
    }
}

/// An article taken apart: the stages' results that the fields are made of, which
/// `extract --explain` and training also read.
pub struct Analysis {
    pub layout: layout::Layout,
    pub dateline: Option<(dates::Dateline, usize)>,
    /// The body's paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The headline, when it is read for names (not in title case).
    pub headline: Option<Paragraph>,
    /// Mentions of names: the body's first, in order, then the headline's (whose `para`
    /// is the number of body paragraphs).
    pub mentions: Vec<mentions::Mention>,
    /// How many of `mentions` are the body's.
    pub body_mentions: usize,
    pub table: entities::EntityTable,
    pub said: attribution::Said,
}

/// Take an article apart (see [`Analysis`]).
pub fn analyse(raw: &RawArticle) -> Analysis {
    let layout = match &raw.known.headline {
        Some(headline) => {
            let lines: Vec<&str> = raw.text.lines().collect();
            layout::Layout {
                headline: headline.clone(),
                paragraphs: layout::paragraphs(&lines),
                ..Default::default()
            }
        }
        None => layout::parse(&raw.text),
    };
    let dateline = layout
        .paragraphs
        .first()
        .and_then(|p| dates::find_dateline(p));
    let paragraphs: Vec<Paragraph> = layout
        .paragraphs
        .iter()
        .cloned()
        .map(Paragraph::new)
        .collect();
    // The headline is read for names unless it capitalises every word, where capitals
    // say nothing; it comes after the body paragraphs.
    let headline =
        (!layout::is_title_case(&layout.headline)).then(|| Paragraph::new(layout.headline.clone()));
    let mut read: Vec<&Paragraph> = paragraphs.iter().collect();
    read.extend(headline.as_ref());
    let mentions = find_mentions(&read, paragraphs.len());
    let body_mentions = mentions
        .iter()
        .take_while(|m| m.para < paragraphs.len())
        .count();
    let mut table = entities::EntityTable::build(&mentions, &read);
    let said = attribution::attribute(&paragraphs, &mentions[..body_mentions], &mut table);
    Analysis {
        layout,
        dateline,
        paragraphs,
        headline,
        mentions,
        body_mentions,
        table,
        said,
    }
}

/// Parse an article into fields.
pub fn extract(raw: &RawArticle) -> Article {
    extract_with_warnings(raw).0
}

/// Parse an article into fields, with what the user should be told about it (a date
/// it states that is not on the calendar).
pub fn extract_with_warnings(raw: &RawArticle) -> (Article, Vec<String>) {
    let a = analyse(raw);
    // The container's date, else the layout's date line, else the dateline's: the first
    // that is on the calendar. Impossible ones on the way are reported.
    let stated = [
        raw.known.date.clone(),
        a.layout
            .date_line
            .as_deref()
            .and_then(dates::find_stated_date),
        a.dateline.as_ref().and_then(|(d, _)| d.date.clone()),
    ];
    let mut warnings = Vec::new();
    let mut date = None;
    for s in stated.into_iter().flatten() {
        match s {
            Ok(d) => {
                date = Some(d);
                break;
            }
            Err(impossible) => warnings.push(match article_number(&raw.locator) {
                Some(n) => format!("article {n}: {impossible}"),
                None => impossible.to_string(),
            }),
        }
    }
    let source = raw
        .known
        .source
        .clone()
        .or(a.layout.source)
        .or_else(|| a.dateline.as_ref().and_then(|(d, _)| d.agency.clone()));
    let mut article = Article {
        path: raw.locator.clone(),
        headline: a.layout.headline,
        source,
        byline: raw.known.byline.clone().or(a.layout.byline),
        date,
        dateline: a.dateline.map(|(d, _)| d.place),
        url: raw.known.url.clone(),
        speakers: a.said.speakers,
        organizations: a.table.names(mentions::Class::Organization),
        persons: a.table.names(mentions::Class::Person),
        quotes: a.said.quotes,
        body: a.layout.paragraphs.join("\n\n"),
    };
    // Names and headlines found in text carry whatever the text held.
    crate::controls::clean_article(&mut article);
    (article, warnings)
}

/// The number of an article of a file that holds several (`path#N`).
fn article_number(locator: &str) -> Option<&str> {
    let (_, n) = locator.rsplit_once('#')?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

/// The mentions of names in `read` (the body's paragraphs, then the headline when it
/// is read), in article order.
fn find_mentions(read: &[&Paragraph], body: usize) -> Vec<mentions::Mention> {
    let Some(model) = names::model() else {
        return Vec::new();
    };
    let is_headline: Vec<bool> = (0..read.len()).map(|k| k >= body).collect();
    let reading = names::Reading::new(read, &is_headline);
    names::find(model, &reading)
        .iter()
        .filter_map(|n| mentions::from_name(read[n.para], n.para, n))
        .collect()
}

/// Parse the text of one plain-text article.
pub fn extract_text(locator: &str, text: &str) -> Article {
    extract(&RawArticle {
        locator: locator.to_string(),
        text: text.to_string(),
        known: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::KnownFields;
    use crate::extract::dates::ImpossibleDate;

    #[test]
    fn impossible_dates_are_reported_and_dropped() {
        let text = "Harbour board raises estimate\n\nPublished: 31 February 2016\n\n\
                    The harbour board said on Tuesday it raised its estimate.\n";
        let raw = RawArticle {
            locator: "a.txt".into(),
            text: text.into(),
            known: KnownFields::default(),
        };
        let (a, warnings) = extract_with_warnings(&raw);
        assert_eq!(a.date, None);
        assert_eq!(a.headline, "Harbour board raises estimate");
        assert_eq!(warnings, ["impossible date \"31 February 2016\" ignored"]);

        // A container's impossible date gives way to one the text states.
        let raw = RawArticle {
            locator: "a.sgm#4".into(),
            text: "OSLO, March 3, 2015 (Reuters) - Talks resumed on Tuesday.".into(),
            known: KnownFields {
                headline: Some("Talks resume".into()),
                date: Some(Err(ImpossibleDate("31-FEB-1987".into()))),
                ..KnownFields::default()
            },
        };
        let (a, warnings) = extract_with_warnings(&raw);
        assert_eq!(a.date.as_deref(), Some("2015-03-03"));
        assert_eq!(
            warnings,
            ["article 4: impossible date \"31-FEB-1987\" ignored"]
        );
    }

    #[test]
    fn fields_found_in_text_lose_bidi_controls() {
        let a = extract_text(
            "a.txt",
            "Minister \u{202E}resigns\u{202C} over expenses\n\nBy Jane \u{2066}Doe\u{2069}\n\n\
             The minister resigned on Monday. \u{202E}Body text\u{202C} keeps its controls.\n",
        );
        assert_eq!(a.headline, "Minister resigns over expenses");
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
        assert!(a.body.contains('\u{202E}'), "{}", a.body);
    }
}
