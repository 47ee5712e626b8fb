//! NDJSON export: one line per article, the `show --json` object (`id`, `group` and the
//! `extract --json` keys). newsidx reads such a file back as the same articles: the JSON
//! readers take the names and quotations it states.

use std::io::Write;
use std::path::PathBuf;

use super::Writer;
use crate::error::{Error, Result};
use crate::render::shown_json;
use crate::search::Stored;

/// Articles as NDJSON on a stream.
pub struct Ndjson<W: Write> {
    out: W,
    /// What the stream is, for error messages ("standard output", a path).
    name: String,
}

impl<W: Write> Ndjson<W> {
    /// Write to `out`, called `name` in error messages.
    pub fn new(out: W, name: impl Into<String>) -> Ndjson<W> {
        Ndjson {
            out,
            name: name.into(),
        }
    }
}

pub(crate) fn stream_error(name: &str, source: std::io::Error) -> Error {
    Error::Io {
        context: format!("cannot write to {name}"),
        source,
    }
}

impl<W: Write> Writer for Ndjson<W> {
    fn write(&mut self, stored: &Stored) -> Result<()> {
        shown_json(&mut self.out, stored).map_err(|e| stream_error(&self.name, e))
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<PathBuf>> {
        self.out.flush().map_err(|e| stream_error(&self.name, e))?;
        Ok(Vec::new())
    }
}
