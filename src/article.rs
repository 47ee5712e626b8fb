//! The data model every stage shares: what a reader hands to extraction
//! ([`RawArticle`]) and what extraction hands to the index and the renderers ([`Article`]).

use serde::{Deserialize, Serialize};

/// One article as a reader found it, before extraction.
///
/// Plain-text files carry everything in `text`; structured formats (HTML, JSON, ...) may
/// already know some fields, which then take precedence over what layout analysis finds.
#[derive(Debug, Clone, Default)]
pub struct RawArticle {
    /// Where the article came from: a path, or `path#N` for the Nth article of a file.
    pub locator: String,
    /// The article text, decoded to UTF-8 with `\n` line ends.
    pub text: String,
    /// Fields the container format already knows.
    pub known: KnownFields,
}

/// Fields a container format can supply directly.
///
/// `None` means the container does not state the field, and extraction finds it in the
/// text; a stated value wins over what extraction would find. For the lists,
/// `Some(vec![])` states that there are none: the field stays empty.
#[derive(Debug, Clone, Default)]
pub struct KnownFields {
    /// When set, layout analysis is skipped and `text` is split into paragraphs at blank
    /// lines.
    pub headline: Option<String>,
    /// The outlet or agency.
    pub source: Option<String>,
    /// The author line without its leading "By".
    pub byline: Option<String>,
    /// Publication date as `YYYY-MM-DD`, or the impossible date the container states
    /// (which extraction reports and ignores).
    pub date: Option<crate::extract::dates::Stated>,
    /// Where the article was published on the web.
    pub url: Option<String>,
    /// The place of the wire dateline.
    pub dateline: Option<String>,
    /// Speakers, organizations, persons and quotes as an earlier extraction found them
    /// (newsidx's own JSON output read back).
    pub speakers: Option<Vec<String>>,
    pub organizations: Option<Vec<String>>,
    pub persons: Option<Vec<String>>,
    pub quotes: Option<Vec<Quote>>,
    /// With a known headline: `text` is a body as extraction stores it, paragraphs
    /// separated by blank lines, each taken as it is (its line breaks kept, no wrapped
    /// lines rejoined, no boilerplate dropped).
    pub paragraphs_kept: bool,
}

impl KnownFields {
    /// The publication date, when the container states one that is on the calendar.
    pub fn valid_date(&self) -> Option<&str> {
        self.date.as_ref()?.as_deref().ok()
    }

    /// Whether the container states all that the name and quote stages find
    /// (speakers, organizations, persons and quotes), so that they need not run.
    pub fn states_names_and_quotes(&self) -> bool {
        self.speakers.is_some()
            && self.organizations.is_some()
            && self.persons.is_some()
            && self.quotes.is_some()
    }
}

/// A quoted passage and the name of whoever said it, when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Who said it, fullest form; `None` when the article does not say.
    pub speaker: Option<String>,
    /// The words quoted, without their quote marks.
    pub text: String,
}

/// An article parsed into fields. Serialised as the `extract --json` format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where the article came from (see [`RawArticle::locator`]).
    pub path: String,
    pub headline: String,
    /// The outlet or agency: a site line, or the agency of a dateline.
    pub source: Option<String>,
    /// The author line without its leading "By".
    pub byline: Option<String>,
    /// Publication date as `YYYY-MM-DD`, when the article states one with its year.
    pub date: Option<String>,
    /// The place of a wire dateline ("BEIJING").
    pub dateline: Option<String>,
    /// Where the article was published on the web, when the container format says so.
    pub url: Option<String>,
    /// People and bodies quoted or reported as saying something, fullest form.
    pub speakers: Vec<String>,
    pub organizations: Vec<String>,
    pub persons: Vec<String>,
    pub quotes: Vec<Quote>,
    /// The article's paragraphs without site line, headline, byline and boilerplate.
    pub body: String,
}
