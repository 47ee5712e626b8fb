//! CSV export: a header row, then one row per article, every stored field a column.
//! Lists (names, quotations) are joined with `; `; a quotation is written
//! `Speaker: text`, or its text alone when nobody is named. Quoting is the csv crate's
//! (RFC 4180).

use std::io::Write;
use std::path::PathBuf;

use super::ndjson::stream_error;
use super::Writer;
use crate::error::{Error, Result};
use crate::render::StoredJson;
use crate::search::Stored;

/// The columns, in order.
pub const COLUMNS: [&str; 14] = [
    "id",
    "group",
    "path",
    "url",
    "headline",
    "source",
    "byline",
    "date",
    "dateline",
    "speakers",
    "organizations",
    "persons",
    "quotes",
    "body",
];

/// What joins the values of a list in one cell.
pub const LIST_SEPARATOR: &str = "; ";

/// Articles as CSV on a stream.
pub struct Csv<W: Write> {
    out: csv::Writer<W>,
    name: String,
    header: bool,
}

impl<W: Write> Csv<W> {
    /// Write to `out`, called `name` in error messages.
    pub fn new(out: W, name: impl Into<String>) -> Csv<W> {
        Csv {
            out: csv::Writer::from_writer(out),
            name: name.into(),
            header: false,
        }
    }

    fn error(&self, e: csv::Error) -> Error {
        stream_error(&self.name, std::io::Error::other(e))
    }
}

impl<W: Write> Writer for Csv<W> {
    fn write(&mut self, stored: &Stored) -> Result<()> {
        if !self.header {
            self.out.write_record(COLUMNS).map_err(|e| self.error(e))?;
            self.header = true;
        }
        // The printable form: controls removed as for every other output.
        let printable = StoredJson::new(stored);
        let (id, group, a) = printable.parts();
        let quotes: Vec<String> = a
            .quotes
            .iter()
            .map(|q| match &q.speaker {
                Some(speaker) => format!("{speaker}: {}", q.text),
                None => q.text.clone(),
            })
            .collect();
        let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
        let row = [
            id.to_string(),
            or_empty(group),
            a.path.clone(),
            or_empty(&a.url),
            a.headline.clone(),
            or_empty(&a.source),
            or_empty(&a.byline),
            or_empty(&a.date),
            or_empty(&a.dateline),
            a.speakers.join(LIST_SEPARATOR),
            a.organizations.join(LIST_SEPARATOR),
            a.persons.join(LIST_SEPARATOR),
            quotes.join(LIST_SEPARATOR),
            a.body.clone(),
        ];
        self.out.write_record(&row).map_err(|e| self.error(e))
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<PathBuf>> {
        self.out.flush().map_err(|e| stream_error(&self.name, e))?;
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Quote};

    #[test]
    fn lists_are_joined_and_cells_quoted() {
        let stored = Stored {
            id: "abc".into(),
            group: None,
            article: Article {
                path: "/a, b.txt".into(),
                headline: "Say \"no\"".into(),
                speakers: vec!["Ann Lee".into(), "Bo Chen".into()],
                quotes: vec![
                    Quote {
                        speaker: Some("Ann Lee".into()),
                        text: "We will".into(),
                    },
                    Quote {
                        speaker: None,
                        text: "Never".into(),
                    },
                ],
                body: "One.\n\nTwo.".into(),
                ..Article::default()
            },
        };
        let mut out = Box::new(Csv::new(Vec::new(), "buffer"));
        out.write(&stored).unwrap();
        out.out.flush().unwrap();
        let bytes = out.out.into_inner().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), COLUMNS.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(&row[0], "abc");
        assert_eq!(&row[2], "/a, b.txt");
        assert_eq!(&row[4], "Say \"no\"");
        assert_eq!(&row[9], "Ann Lee; Bo Chen");
        assert_eq!(&row[12], "Ann Lee: We will; Never");
        assert_eq!(&row[13], "One.\n\nTwo.");
    }
}
