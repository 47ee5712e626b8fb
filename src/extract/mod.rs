//! Extraction: from a [`RawArticle`] to an [`Article`] with headline, byline, date,
//! people, organizations, speakers and quotes.
//!
//! Pure functions on strings: no file system, no index. The stages are
//! [`layout`] (which lines are headline, byline, body), [`dates`] (dates and
//! datelines), [`tokens`] (words and sentences), [`quotes`] (quoted passages),
//! [`mentions`] (proper-noun chunks), [`entities`] (who is who across the article) and
//! [`attribution`] (who said what).
//!
//! Fields the container states ([`KnownFields`]) win over what the stages would find.
//! When it states all of speakers, organizations, persons and quotes (an article newsidx
//! extracted before, read back), the stages that find them do not run at all.

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

use crate::article::{Article, KnownFields, Quote, RawArticle};

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

impl Analysis {
    /// How many bytes of the first paragraph are its dateline (none: 0).
    pub fn dateline_end(&self) -> usize {
        self.dateline.as_ref().map_or(0, |(_, end)| *end)
    }
}

/// Take an article apart (see [`Analysis`]).
pub fn analyse(raw: &RawArticle) -> Analysis {
    let layout = layout_of(raw);
    let dateline = dateline_of(&layout, &raw.known);
    let dateline_end = dateline.as_ref().map_or(0, |(_, end)| *end);
    let mut paragraphs: Vec<Paragraph> = layout
        .paragraphs
        .iter()
        .cloned()
        .map(Paragraph::new)
        .collect();
    // The story's first sentence opens after the dateline ("PORTLAND, Maine, March 4 -
    // Shr 45 cts"), where a capital proves nothing either.
    if let Some(first) = paragraphs.first_mut().filter(|_| dateline_end > 0) {
        if let Some(i) = first.tokens.iter().position(|t| t.start >= dateline_end) {
            first.clause_start[i] = true;
        }
    }
    // The headline is read for names unless it capitalises every word, where capitals
    // say nothing; it comes after the body paragraphs.
    let headline =
        (!layout::is_title_case(&layout.headline)).then(|| Paragraph::new(layout.headline.clone()));
    let mut read: Vec<&Paragraph> = paragraphs.iter().collect();
    read.extend(headline.as_ref());
    // The place and date of a dateline are fields of their own, and the place said
    // nothing; the agency after them (in brackets, or signing after the date) is an
    // organization like any other.
    let dateline_place = match &dateline {
        Some((d, _)) if d.place.is_empty() => 0,
        Some((d, _)) => layout
            .paragraphs
            .first()
            .and_then(|p| {
                let p = &p[..dateline_end];
                p.find('(')
                    .or_else(|| d.agency.as_deref().and_then(|a| p.rfind(a)))
            })
            .unwrap_or(dateline_end),
        None => dateline_end,
    };
    let mentions = mentions::own_outlet(
        find_mentions(&read, paragraphs.len(), dateline_place..dateline_end),
        source_of(&raw.known, &layout, &dateline).as_deref(),
    );
    let body_mentions = mentions
        .iter()
        .take_while(|m| m.para < paragraphs.len())
        .count();
    let mut table = entities::EntityTable::build(&mentions, &read);
    let said = attribution::attribute(
        &paragraphs,
        &mentions[..body_mentions],
        &mut table,
        dateline_end,
    );
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

/// The outlet that published an article: the one its container states, else the
/// layout's (a site line, a headline's credit), else the dateline's agency.
fn source_of(
    known: &KnownFields,
    layout: &layout::Layout,
    dateline: &Option<(dates::Dateline, usize)>,
) -> Option<String> {
    known
        .source
        .clone()
        .or_else(|| layout.source.clone())
        .or_else(|| dateline.as_ref().and_then(|(d, _)| d.agency.clone()))
}

/// The layout of an article: found by [`layout::parse`], or, when the container knows
/// the headline, only the body's paragraphs.
fn layout_of(raw: &RawArticle) -> layout::Layout {
    let mut layout = match &raw.known.headline {
        None => layout::parse(&raw.text),
        Some(headline) if raw.known.paragraphs_kept => layout::Layout {
            headline: headline.clone(),
            paragraphs: layout::kept_paragraphs(&raw.text),
            ..Default::default()
        },
        Some(headline) => layout::under_headline(headline, &raw.text),
    };
    credit_off_headline(&mut layout);
    layout
}

/// "Explorers Find Walled City in Jungle (Reuters)": an outlet's credit in brackets
/// closing the headline is the source, no part of the headline. An outlet is one the
/// lexicon lists, or one the story also opens with as its credit ("(Valley Wire)" over
/// "Valley Wire - ..."). Not in a headline written in capitals, where a bracket may
/// hold a ticker that is also an outlet's name.
fn credit_off_headline(layout: &mut layout::Layout) {
    let Some(open) = layout
        .headline
        .trim_end()
        .strip_suffix(')')
        .and_then(|h| h.rfind('('))
    else {
        return;
    };
    let credit = layout.headline.trim_end()[open + 1..]
        .trim_end_matches(')')
        .trim();
    let rest = layout.headline[..open].trim_end();
    let opens_story = || {
        layout.paragraphs.first().is_some_and(|p| {
            p.strip_prefix(credit)
                .is_some_and(|after| after.trim_start().starts_with(['-', '–', '—']))
        })
    };
    // A headline in capitals brackets tickers too ("STAKE IN ACME (ACM)").
    if credit.is_empty()
        || !rest.chars().any(char::is_lowercase)
        || !(lexicon::lexicon().is_outlet(credit) || opens_story())
    {
        return;
    }
    if layout.source.is_none() {
        layout.source = Some(credit.to_string());
    }
    layout.headline = rest.to_string();
}

/// The dateline that opens the body, with where it ends: the one whose place the
/// container states, else one written as wires write it, else an agency's credit alone
/// ("Reuters - "), a dateline without place.
fn dateline_of(layout: &layout::Layout, known: &KnownFields) -> Option<(dates::Dateline, usize)> {
    let first = layout.paragraphs.first()?;
    // An outlet the lexicon lists, or the source the layout found (a headline's credit).
    let is_outlet =
        |name: &str| lexicon::lexicon().is_outlet(name) || layout.source.as_deref() == Some(name);
    // "AFP - " has a wire place's shape; an outlet alone is its credit.
    let credited = |(d, end): (dates::Dateline, usize)| match d {
        dates::Dateline {
            place,
            agency: None,
            date: None,
        } if is_outlet(&place) => {
            let credit = dates::Dateline {
                place: String::new(),
                agency: Some(place),
                date: None,
            };
            (credit, end)
        }
        d => (d, end),
    };
    known
        .dateline
        .as_deref()
        .and_then(|place| dates::find_stated_dateline(first, place))
        .or_else(|| dates::find_dateline(first).map(credited))
        .or_else(|| {
            let (agency, end) = dates::find_credit(first, is_outlet)?;
            let credit = dates::Dateline {
                place: String::new(),
                agency: Some(agency),
                date: None,
            };
            Some((credit, end))
        })
        .or_else(|| dates::find_bare_dateline(first, |p| lexicon::lexicon().is_place(p)))
}

/// What the name and quote stages found, or what the container states in their place.
#[derive(Default)]
struct Found {
    speakers: Vec<String>,
    organizations: Vec<String>,
    persons: Vec<String>,
    quotes: Vec<Quote>,
}

impl Found {
    /// What the analysis found, where the container does not state it.
    fn in_analysis(a: Analysis, known: &KnownFields) -> Found {
        let found = |stated: &Option<Vec<String>>, class| {
            stated.clone().unwrap_or_else(|| a.table.names(class))
        };
        Found {
            organizations: found(&known.organizations, mentions::Class::Organization),
            persons: found(&known.persons, mentions::Class::Person),
            speakers: known.speakers.clone().unwrap_or(a.said.speakers),
            quotes: known.quotes.clone().unwrap_or(a.said.quotes),
        }
    }

    /// All of it as the container states it.
    fn stated(known: &KnownFields) -> Found {
        Found {
            speakers: known.speakers.clone().unwrap_or_default(),
            organizations: known.organizations.clone().unwrap_or_default(),
            persons: known.persons.clone().unwrap_or_default(),
            quotes: known.quotes.clone().unwrap_or_default(),
        }
    }
}

/// Parse an article into fields.
pub fn extract(raw: &RawArticle) -> Article {
    extract_with_warnings(raw).0
}

/// Parse an article into fields, with what the user should be told about it (a date
/// it states that is not on the calendar).
pub fn extract_with_warnings(raw: &RawArticle) -> (Article, Vec<String>) {
    let known = &raw.known;
    // Names and quotes are most of the work: when the container states them all (an
    // article newsidx extracted before), only the layout and the dateline are read.
    let (layout, dateline, found) = if known.states_names_and_quotes() {
        let layout = layout_of(raw);
        let dateline = dateline_of(&layout, known);
        (layout, dateline, Found::stated(known))
    } else {
        let mut a = analyse(raw);
        let (layout, dateline) = (std::mem::take(&mut a.layout), a.dateline.take());
        (layout, dateline, Found::in_analysis(a, known))
    };
    // The container's date, else the layout's date line, else the dateline's: the first
    // that is on the calendar. Impossible ones on the way are reported.
    let stated = [
        known.date.clone(),
        layout
            .date_line
            .as_deref()
            .and_then(dates::find_stated_date),
        dateline.as_ref().and_then(|(d, _)| d.date.clone()),
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
    let source = source_of(known, &layout, &dateline);
    let mut article = Article {
        path: raw.locator.clone(),
        headline: layout.headline,
        source,
        byline: known.byline.clone().or(layout.byline),
        date,
        dateline: known
            .dateline
            .clone()
            .or(dateline.map(|(d, _)| d.place).filter(|p| !p.is_empty())),
        url: known.url.clone(),
        speakers: found.speakers,
        organizations: found.organizations,
        persons: found.persons,
        quotes: found.quotes,
        body: layout.paragraphs.join("\n\n"),
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

/// The mentions of names in `read` (the body's `body` paragraphs, then the headline when
/// it is read), in article order, but for those in the first paragraph's bytes before
/// `dateline.start` (the dateline's place and date); a name within the rest of the
/// dateline is its credit, a news outlet.
fn find_mentions(
    read: &[&Paragraph],
    body: usize,
    dateline: std::ops::Range<usize>,
) -> Vec<mentions::Mention> {
    let Some(model) = names::model() else {
        return Vec::new();
    };
    let reading = reading_of(read, body, dateline.end);
    // Where a name of the first body paragraph ends, in bytes.
    let lead_end =
        |n: &names::Name| (n.para == 0 && body > 0).then(|| read[0].tokens[n.end - 1].end);
    let skipped = |n: &names::Name| lead_end(n).is_some_and(|end| end <= dateline.start);
    let credit = |n: &names::Name| lead_end(n).is_some_and(|end| end <= dateline.end);
    let found = names::find(model, &reading)
        .iter()
        .filter(|n| !skipped(n))
        .filter_map(|n| {
            let mut m = mentions::from_name(read[n.para], n.para, n)?;
            if credit(n) {
                mentions::credit(&mut m);
            }
            Some(m)
        })
        .collect();
    let found = mentions::org_openers(mentions::partnerships(read, found));
    let found = mentions::office_holders(mentions::abbreviated_names(read, found));
    let found = mentions::spelled_out(read, found);
    mentions::post_nominals(mentions::storms_and_works(mentions::legal_forms(
        read, found,
    )))
}

/// How the name model reads `read` (the body's `body` paragraphs, then the headline when
/// it is read). A dateline written without a dash, ending at byte `dateline_end` of the
/// first paragraph, is cut from the story ("LOS ANGELES NASA will try ..."); a dash or a
/// colon after a dateline already stands between the two, as in the text the model
/// learned from.
pub fn reading_of(read: &[&Paragraph], body: usize, dateline_end: usize) -> names::Reading {
    let is_headline: Vec<bool> = (0..read.len()).map(|k| k >= body).collect();
    let first = read.first().filter(|_| body > 0 && dateline_end > 0);
    let story = first.and_then(|p| {
        let i = p.tokens.iter().position(|t| t.start >= dateline_end)?;
        (i > 0 && p.tokens[i - 1].kind == tokens::Kind::Word).then_some(i)
    });
    names::Reading::with_story_at(read, &is_headline, story)
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

    const SAID: &str = "\"We will dredge the channel this winter,\" said Ann Lee, the \
                        chairman of the Portville Harbour Board, on Tuesday.";

    fn with_headline(text: &str, known: KnownFields) -> RawArticle {
        RawArticle {
            locator: "a.json".into(),
            text: text.into(),
            known: KnownFields {
                headline: Some("Dredging contract awarded".into()),
                ..known
            },
        }
    }

    fn names(names: &[&str]) -> Option<Vec<String>> {
        Some(names.iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn stated_names_and_quotes_are_kept_as_they_are() {
        let quotes = vec![Quote {
            speaker: Some("Zed Quill".into()),
            text: "Not in the text.".into(),
        }];
        let a = extract(&with_headline(
            SAID,
            KnownFields {
                speakers: names(&["Zed Quill"]),
                organizations: names(&[]),
                persons: names(&["Zed Quill", "Ann Lee"]),
                quotes: Some(quotes.clone()),
                dateline: Some("PORTVILLE".into()),
                ..KnownFields::default()
            },
        ));
        assert_eq!(a.speakers, ["Zed Quill"]);
        assert!(a.organizations.is_empty());
        assert_eq!(a.persons, ["Zed Quill", "Ann Lee"]);
        assert_eq!(a.quotes, quotes);
        assert_eq!(a.dateline.as_deref(), Some("PORTVILLE"));
        assert_eq!(a.body, SAID);
    }

    #[test]
    fn a_storms_name_is_no_person() {
        let a = extract_text(
            "a.txt",
            "Storm nears coast\n\nHurricane Ivan churned toward Barbados on Tuesday, and \
             officials said tropical storm Jeanne could follow. Ivan has killed 20 people, \
             Maria Oldfield of the Harbour Relief Agency said. Former Cyclone Tarn Vale \
             scored 20 points for the Hawkeyes.\n",
        );
        assert_eq!(a.persons, ["Maria Oldfield", "Tarn Vale"], "{a:?}");
        assert!(
            !a.speakers.iter().any(|s| s == "Ivan" || s == "Jeanne"),
            "{a:?}"
        );
    }

    #[test]
    fn letters_after_a_name_are_no_part_of_it() {
        let a = extract_text(
            "a.txt",
            "Inquiry hears evidence\n\nThe inquiry heard from Martin Lowry QC, who \
             represents the families. Harbour MP Tom Ashby said the report was late. \
             \"We will not wait,\" said Gwen Rhys MSP. Lowry QC said the families had \
             waited long enough. Ashby said no stooge MP would silence them.\n",
        );
        assert_eq!(
            a.persons,
            ["Martin Lowry", "Tom Ashby", "Gwen Rhys"],
            "{a:?}"
        );
        let letters = ["QC", "MSP", "MP"];
        let named = a.speakers.iter().chain(&a.organizations).chain(&a.persons);
        assert!(
            !named
                .into_iter()
                .any(|n| letters.iter().any(|l| n.contains(l))),
            "{a:?}"
        );
    }

    #[test]
    fn a_prefix_joined_to_a_name_is_no_part_of_it() {
        let a = extract_text(
            "a.txt",
            "Cartel output rises\n\nOutput from non-OPEC producers rose in March, and \
             ex-Yarrow Holdings staff said the pro-Harbour Trust members would vote on \
             Tuesday. OPEC said it would meet in June.\n",
        );
        assert_eq!(
            a.organizations,
            ["OPEC", "Yarrow Holdings", "Harbour Trust"],
            "{a:?}"
        );
    }

    #[test]
    fn a_staff_credit_line_credits_persons() {
        let a = extract_text(
            "a.txt",
            "Port strike ends\n\nDock workers at Harwick returned to work on Monday, the \
             Harwick Port Authority said.\n\n(Reporting by Carter Holmes in Harwick; \
             additional reporting by Lincoln Ford; Editing by Chase Morgan and Banks \
             Fielding)\n",
        );
        assert_eq!(a.organizations, ["Harwick Port Authority"], "{a:?}");
        for person in [
            "Carter Holmes",
            "Lincoln Ford",
            "Chase Morgan",
            "Banks Fielding",
        ] {
            assert!(a.persons.iter().any(|p| p == person), "{person}: {a:?}");
        }
    }

    #[test]
    fn a_description_after_the_stands_for_a_name_before_it() {
        let a = extract_text(
            "a.txt",
            "Harbour Freight lifts dividend\n\nPORTVILLE, March 3 - Harbour Freight Ltd \
             raised its quarterly dividend.\n\n\"We are confident about the year ahead,\" \
             the company said in a statement.\n\nSuperior Court Judge Alma Reyes halted \
             the Tarn Valley warehouse on Friday. In a 30-page ruling, the judge wrote \
             that the county had \"ignored the evidence of its own engineers.\"\n",
        );
        let speakers: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Harbour Freight Ltd"), Some("Alma Reyes")],
            "{a:?}"
        );
    }

    #[test]
    fn a_speech_word_after_a_determiner_reports_nothing() {
        let a = extract_text(
            "a.txt",
            "Shipper faces pension gap\n\nHarbour Freight Ltd runs 40 ships from \
             Portville. The company has an estimated $2bn hole in its pension fund, and its \
             stated aim of selling ten ships would not close it.\n",
        );
        assert_eq!(a.organizations, ["Harbour Freight Ltd"], "{a:?}");
        assert!(a.speakers.is_empty(), "{a:?}");
    }

    #[test]
    fn the_articles_own_outlet_is_a_news_outlet() {
        let text = "Harbour Freight Ltd lifted its dividend, a Reuter survey of \
                    shippers showed. Harbour Freight Ltd told Reuter the payout would \
                    hold.";
        let a = extract(&with_headline(
            text,
            KnownFields {
                source: Some("Reuters".into()),
                ..KnownFields::default()
            },
        ));
        assert!(a.organizations.contains(&"Reuter".to_string()), "{a:?}");
        assert!(!a.persons.contains(&"Reuter".to_string()), "{a:?}");
    }

    #[test]
    fn a_possessive_with_its_apostrophe_misplaced_is_the_name_with_its_s() {
        let a = extract_text(
            "a.txt",
            "Show opens\n\nTom Rhodes opened the show on Monday. During Mr Rhode's \
             speech the screens failed. \"It was a long night,\" he said.\n",
        );
        assert_eq!(a.persons, ["Tom Rhodes"], "{a:?}");
        assert_eq!(a.speakers, ["Tom Rhodes"], "{a:?}");
    }

    #[test]
    fn a_works_title_is_no_person_or_body() {
        let a = extract_text(
            "a.txt",
            "Festival opens\n\nThe festival opened with the film Harbour Lights, and the \
             band played songs from its album Tarn Valley. Harbour Lights director Anna \
             Perrin said the crowd was kind.\n",
        );
        assert_eq!(a.persons, ["Anna Perrin"], "{a:?}");
        assert!(a.organizations.is_empty(), "{a:?}");
        assert_eq!(a.speakers, ["Anna Perrin"], "{a:?}");
    }

    #[test]
    fn no_name_runs_across_a_dateline_without_its_dash() {
        let a = extract_text(
            "a.txt",
            "Harbour supplier names chief\n\nSYDNEY Harbour Freight Holdings, the largest \
             supplier of tantalum, named a new chief on Tuesday.\n",
        );
        assert_eq!(a.dateline.as_deref(), Some("SYDNEY"));
        assert_eq!(a.organizations, ["Harbour Freight Holdings"], "{a:?}");
        let a = extract_text(
            "a.txt",
            "Crew may return early\n\nMOSCOW Space officials say the crew may return.\n",
        );
        assert_eq!(a.dateline.as_deref(), Some("MOSCOW"));
        assert!(a.organizations.is_empty() && a.persons.is_empty(), "{a:?}");
    }

    #[test]
    fn a_datelines_credit_is_a_news_outlet() {
        let a = extract_text(
            "a.txt",
            "Harbour exports rise\n\nPORTVILLE (Dow Jones)--Harbour Freight Ltd said exports \
             rose in March.\n",
        );
        assert_eq!(a.dateline.as_deref(), Some("PORTVILLE"));
        assert_eq!(a.source.as_deref(), Some("Dow Jones"));
        assert!(a.organizations.contains(&"Dow Jones".to_string()), "{a:?}");
        assert!(a.persons.is_empty(), "{a:?}");
        assert_eq!(a.speakers, ["Harbour Freight Ltd"]);
        // An agency may sign after the date, without brackets.
        let a = extract_text(
            "a.txt",
            "Harbour exports rise\n\nPORTVILLE, March 13, Reuter - Harbour Freight Ltd said \
             exports rose in March.\n",
        );
        assert_eq!(a.dateline.as_deref(), Some("PORTVILLE"));
        assert_eq!(a.source.as_deref(), Some("Reuter"));
        assert!(a.organizations.contains(&"Reuter".to_string()), "{a:?}");
        assert!(a.persons.is_empty(), "{a:?}");
        assert_eq!(a.speakers, ["Harbour Freight Ltd"]);
    }

    #[test]
    fn a_stated_dateline_is_found_however_it_is_written() {
        let text = "Tarnby Heath, Ontario, Feb 26 - Orlan Mills Inc said it would close \
                    its plant there.";
        let stated = extract(&with_headline(
            text,
            KnownFields {
                dateline: Some("Tarnby Heath".into()),
                ..KnownFields::default()
            },
        ));
        assert_eq!(stated.dateline.as_deref(), Some("Tarnby Heath"));
        assert_eq!(stated.organizations, ["Orlan Mills Inc"], "{stated:?}");
        assert_eq!(stated.speakers, ["Orlan Mills Inc"], "{stated:?}");
        // The story's first word opens a sentence: not evidence of a name.
        let analysis = analyse(&with_headline(
            text,
            KnownFields {
                dateline: Some("Tarnby Heath".into()),
                ..KnownFields::default()
            },
        ));
        assert!(text[analysis.dateline_end()..].starts_with("Orlan"));
    }

    #[test]
    fn an_agency_credit_opening_the_story_is_its_source() {
        let text = "Reuters - Orlan Mills Inc will close its plant at Tarnby Heath, \
                    the company said on Monday. They blamed falling orders, it said.";
        let a = extract(&with_headline(text, KnownFields::default()));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.dateline, None);
        assert_eq!(a.speakers, ["Orlan Mills Inc"], "{a:?}");
        // An agency in capitals has a wire place's shape, and is no place.
        let a = extract(&with_headline(
            "AFP - Orlan Mills Inc said it would close.",
            KnownFields::default(),
        ));
        assert_eq!((a.source.as_deref(), a.dateline), (Some("AFP"), None));
        // A word before a dash that is no outlet is no credit.
        let a = extract(&with_headline(
            "Tarnby - Orlan Mills Inc said it would close.",
            KnownFields::default(),
        ));
        assert_eq!(a.source, None);
    }

    #[test]
    fn an_agency_credit_closing_the_headline_is_its_source() {
        let headed = |headline: &str| {
            extract(&RawArticle {
                locator: "x".into(),
                text: "Orlan Mills Inc will close its plant, the company said.".into(),
                known: KnownFields {
                    headline: Some(headline.into()),
                    ..KnownFields::default()
                },
            })
        };
        let a = headed("Mill to Close Plant (Reuters)");
        assert_eq!(a.headline, "Mill to Close Plant");
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        // A bracket that names no outlet stays, and so does one in a headline in capitals.
        assert_eq!(
            headed("Mill to Close Plant (Update2)").headline,
            "Mill to Close Plant (Update2)"
        );
        assert_eq!(
            headed("MILL TO CLOSE PLANT (AP)").headline,
            "MILL TO CLOSE PLANT (AP)"
        );
        // An outlet no list knows is one when the story opens with the same credit.
        let a = extract(&RawArticle {
            locator: "x".into(),
            text: "Valley Wire - Orlan Mills Inc will close its plant, the company said.".into(),
            known: KnownFields {
                headline: Some("Mill to Close Plant (Valley Wire)".into()),
                ..KnownFields::default()
            },
        });
        assert_eq!(a.headline, "Mill to Close Plant");
        assert_eq!(a.source.as_deref(), Some("Valley Wire"));
        assert_eq!(a.speakers, ["Orlan Mills Inc"], "{a:?}");
    }

    #[test]
    fn what_is_not_stated_is_extracted() {
        let found = extract(&with_headline(SAID, KnownFields::default()));
        assert_eq!(found.speakers, ["Ann Lee"], "{found:?}");
        assert!(!found.quotes.is_empty());
        let a = extract(&with_headline(
            SAID,
            KnownFields {
                persons: names(&["Zed Quill"]),
                organizations: names(&[]),
                ..KnownFields::default()
            },
        ));
        assert_eq!(a.persons, ["Zed Quill"]);
        assert!(a.organizations.is_empty());
        assert_eq!(a.speakers, found.speakers);
        assert_eq!(a.quotes, found.quotes);
        assert_eq!(a.dateline, found.dateline);
    }

    #[test]
    fn kept_paragraphs_come_back_as_they_were() {
        // A table whose rows the writer broke, runs of spaces, a line that looks like page
        // furniture: read as plain text they would be rejoined or dropped.
        let body = "PORTVILLE, March 3 (Reuters) - Prices were:\n\n\
                    Wheat   2.55   2.40\nCorn    1.35   1.92\n\nShare";
        let kept = KnownFields {
            paragraphs_kept: true,
            ..KnownFields::default()
        };
        let a = extract(&with_headline(body, kept.clone()));
        assert_eq!(a.body, body);
        assert_eq!(a.dateline.as_deref(), Some("PORTVILLE"));
        let all = KnownFields {
            speakers: names(&[]),
            organizations: names(&[]),
            persons: names(&[]),
            quotes: Some(vec![]),
            ..kept
        };
        let b = extract(&with_headline(body, all));
        assert_eq!((b.body.as_str(), b.dateline), (body, a.dateline));
        assert_eq!(b.source.as_deref(), Some("Reuters"));
        assert!(b.speakers.is_empty() && b.persons.is_empty() && b.quotes.is_empty());
        let lines = extract(&with_headline(body, KnownFields::default()));
        assert_ne!(lines.body, body);
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
