//! Sphinx 2.2 (and Manticore) export: the archive split into shards, each an xmlpipe2
//! file (`shard-K.xml`) that Sphinx's `indexer` reads, one configuration per searchd
//! node (`node-K.conf`, see [`config`]) and `LOAD.md` with the commands that build and
//! start them (see [`load`]).
//!
//! An article goes to shard `id mod N`, its newsidx id read as a hexadecimal number, so
//! an article stays in its shard from one export to the next. Sphinx wants unique
//! non-zero integer document ids across a distributed index (it merges the agents'
//! answers by id), so documents are numbered 1, 2, ... through the whole export, and the
//! newsidx id is the string attribute `nid`.
//!
//! Every searchable newsidx field is a full-text field under newsidx's query name
//! (`headline`, `body`, `quote`, `speaker`, `org`, `person`, `source`, `byline`,
//! `dateline`); headline and source are also string attributes, the name lists are the
//! string attributes `speakers`, `organizations` and `persons` (joined with "; "), the
//! date is the timestamp attribute `date` and the number `day` (YYYYMMDD), both 0 for
//! an undated article. A field holding several values (names, quotations) separates
//! them with a phrase boundary, so a phrase never runs from one value into the next, as
//! in newsidx.
//!
//! The XML is written by quick-xml, which escapes markup; characters XML 1.0 does not
//! allow are removed first. Each shard is written as the articles come, through a
//! buffer: the archive is never held in memory.

pub mod config;
pub mod load;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{io_error, Writer};
use crate::error::{Error, Result};
use crate::index::writer::parse_date;
use crate::render::StoredJson;
use crate::search::Stored;

pub use config::{Layout, Ports};

/// Between two values of one full-text field: a phrase boundary in the node
/// configurations ([`config`]), so that Sphinx, like newsidx, leaves a gap in word
/// positions there. Sphinx takes a boundary only when a separator follows it, hence the
/// space. The character itself is a word separator in both engines, so where it occurs
/// in an article it is written as a space, which searches the same.
pub const VALUE_BOUNDARY: char = '\u{2029}';

/// Between two values of a string attribute (`speakers`, ...), as `export --format csv`
/// joins lists.
const ATTR_SEPARATOR: &str = "; ";

/// The full-text fields, in schema order; `true` for those also kept as a string
/// attribute of the same name.
pub const FIELDS: [(&str, bool); 9] = [
    ("headline", true),
    ("body", false),
    ("quote", false),
    ("speaker", false),
    ("org", false),
    ("person", false),
    ("source", true),
    ("byline", false),
    ("dateline", false),
];

/// The attributes that are not also fields, with their xmlpipe2 types.
pub const ATTRIBUTES: [(&str, &str); 9] = [
    ("nid", "string"),
    ("group", "string"),
    ("path", "string"),
    ("url", "string"),
    ("speakers", "string"),
    ("organizations", "string"),
    ("persons", "string"),
    ("date", "timestamp"),
    ("day", "int"),
];

/// Sphinx shards and node configurations in a folder.
pub struct Sphinx {
    layout: Layout,
    shards: Vec<Shard>,
    /// The Sphinx document id of the next article.
    next_id: u64,
    /// The longest full-text field written, in bytes: `indexer` refuses longer fields
    /// than its `max_xmlpipe2_field`.
    longest_field: usize,
}

/// One shard's xmlpipe2 file, open.
struct Shard {
    path: PathBuf,
    xml: quick_xml::Writer<BufWriter<File>>,
    documents: u64,
}

impl Sphinx {
    /// Write `shards` shards into `dir` (which must exist and be empty) for a
    /// distributed index called `name`, its nodes listening on local `ports`.
    pub fn new(dir: &Path, name: &str, shards: usize, ports: Ports) -> Result<Sphinx> {
        let dir = std::path::absolute(dir).map_err(|e| io_error(dir, e))?;
        let layout = Layout::new(&dir, name, shards, ports)?;
        let data = layout.data_dir();
        std::fs::create_dir_all(&data).map_err(|e| io_error(&data, e))?;
        let shards = (0..shards)
            .map(|k| Shard::create(&layout.shard_file(k)))
            .collect::<Result<_>>()?;
        Ok(Sphinx {
            layout,
            shards,
            next_id: 1,
            longest_field: 0,
        })
    }
}

/// The shard (of `shards`) that the article with newsidx id `id` goes to: the id's
/// value as a hexadecimal number (as newsidx writes ids), else a hash of it, modulo
/// `shards`.
pub fn shard_of(id: &str, shards: usize) -> usize {
    let value =
        u64::from_str_radix(id, 16).unwrap_or_else(|_| xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    (value % shards.max(1) as u64) as usize
}

/// `text` without the characters XML 1.0 does not allow (controls but tab, newline and
/// carriage return; U+FFFE and U+FFFF).
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| !matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
}

/// A full-text value: [`xml_chars`], with [`VALUE_BOUNDARY`] written as a space.
fn field_text(text: &str) -> Cow<'_, str> {
    match xml_chars(text) {
        Cow::Borrowed(t) if !t.contains(VALUE_BOUNDARY) => Cow::Borrowed(t),
        t => Cow::Owned(t.replace(VALUE_BOUNDARY, " ")),
    }
}

/// Several values of one full-text field, a phrase boundary between each two.
fn field_values<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let separator = format!("{VALUE_BOUNDARY} ");
    values
        .into_iter()
        .map(field_text)
        .collect::<Vec<_>>()
        .join(&separator)
}

/// `date` (`YYYY-MM-DD`) as Sphinx attributes: seconds since 1970 at midnight UTC (0
/// for no date, and for dates a 32-bit unsigned timestamp cannot hold) and YYYYMMDD.
fn date_attributes(date: Option<&str>) -> (u64, u32) {
    let Some(parsed) = date.and_then(parse_date) else {
        return (0, 0);
    };
    let seconds = u32::try_from(parsed.into_timestamp_secs()).map_or(0, u64::from);
    let date = parsed.into_utc().date();
    let day = date.year().max(0) as u32 * 10_000
        + u32::from(u8::from(date.month())) * 100
        + u32::from(date.day());
    (seconds, day)
}

impl Shard {
    /// Create the file and write the xmlpipe2 header and schema.
    fn create(path: &Path) -> Result<Shard> {
        let file = File::create(path).map_err(|e| io_error(path, e))?;
        let mut shard = Shard {
            path: path.to_path_buf(),
            xml: quick_xml::Writer::new_with_indent(
                BufWriter::with_capacity(1 << 20, file),
                b' ',
                1,
            ),
            documents: 0,
        };
        shard.schema().map_err(|e| io_error(path, e))?;
        Ok(shard)
    }

    fn schema(&mut self) -> std::io::Result<()> {
        let xml = &mut self.xml;
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        xml.write_event(Event::Start(BytesStart::new("sphinx:docset")))?;
        xml.write_event(Event::Start(BytesStart::new("sphinx:schema")))?;
        for (name, attribute) in FIELDS {
            let element = xml
                .create_element("sphinx:field")
                .with_attribute(("name", name));
            if attribute {
                element.with_attribute(("attr", "string")).write_empty()?;
            } else {
                element.write_empty()?;
            }
        }
        for (name, kind) in ATTRIBUTES {
            xml.create_element("sphinx:attr")
                .with_attribute(("name", name))
                .with_attribute(("type", kind))
                .write_empty()?;
        }
        xml.write_event(Event::End(BytesEnd::new("sphinx:schema")))
    }

    /// Write one document: `values` are (element, text) pairs, texts ready for XML.
    fn document(&mut self, id: u64, values: &[(&str, &str)]) -> std::io::Result<()> {
        let xml = &mut self.xml;
        let id = id.to_string();
        let start = BytesStart::new("sphinx:document").with_attributes([("id", id.as_str())]);
        xml.write_event(Event::Start(start))?;
        for (name, text) in values {
            xml.create_element(*name)
                .write_text_content(BytesText::new(text))?;
        }
        xml.write_event(Event::End(BytesEnd::new("sphinx:document")))?;
        self.documents += 1;
        Ok(())
    }

    /// Close the docset, flush and sync the file.
    fn finish(self) -> Result<(PathBuf, u64)> {
        let Shard {
            path,
            mut xml,
            documents,
        } = self;
        xml.write_event(Event::End(BytesEnd::new("sphinx:docset")))
            .and_then(|()| xml.get_mut().write_all(b"\n"))
            .map_err(|e| io_error(&path, e))?;
        xml.into_inner()
            .into_inner()
            .map_err(|e| io_error(&path, e.into_error()))?
            .sync_all()
            .map_err(|e| io_error(&path, e))?;
        Ok((path, documents))
    }
}

impl Writer for Sphinx {
    fn write(&mut self, stored: &Stored) -> Result<()> {
        let printable = StoredJson::new(stored);
        let (nid, group, a) = printable.parts();
        let join = |values: &[String]| xml_chars(&values.join(ATTR_SEPARATOR)).into_owned();
        let (date, day) = date_attributes(a.date.as_deref());
        let (date, day) = (date.to_string(), day.to_string());
        let fields = [
            ("headline", field_text(&a.headline)),
            ("body", field_text(&a.body)),
            (
                "quote",
                Cow::Owned(field_values(a.quotes.iter().map(|q| q.text.as_str()))),
            ),
            (
                "speaker",
                Cow::Owned(field_values(a.speakers.iter().map(String::as_str))),
            ),
            (
                "org",
                Cow::Owned(field_values(a.organizations.iter().map(String::as_str))),
            ),
            (
                "person",
                Cow::Owned(field_values(a.persons.iter().map(String::as_str))),
            ),
            ("source", field_text(a.source.as_deref().unwrap_or(""))),
            ("byline", field_text(a.byline.as_deref().unwrap_or(""))),
            ("dateline", field_text(a.dateline.as_deref().unwrap_or(""))),
        ];
        self.longest_field = fields
            .iter()
            .map(|(_, text)| text.len())
            .fold(self.longest_field, usize::max);
        let attributes = [
            ("nid", xml_chars(nid)),
            ("group", xml_chars(group.as_deref().unwrap_or(""))),
            ("path", xml_chars(&a.path)),
            ("url", xml_chars(a.url.as_deref().unwrap_or(""))),
            ("speakers", Cow::Owned(join(&a.speakers))),
            ("organizations", Cow::Owned(join(&a.organizations))),
            ("persons", Cow::Owned(join(&a.persons))),
            ("date", Cow::Borrowed(date.as_str())),
            ("day", Cow::Borrowed(day.as_str())),
        ];
        let values: Vec<(&str, &str)> = fields
            .iter()
            .chain(&attributes)
            .map(|(name, text)| (*name, text.as_ref()))
            .collect();
        let shard = &mut self.shards[shard_of(nid, self.layout.shards)];
        shard
            .document(self.next_id, &values)
            .map_err(|e| io_error(&shard.path, e))?;
        self.next_id += 1;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<PathBuf>> {
        let Sphinx {
            layout,
            shards,
            longest_field,
            ..
        } = *self;
        let mut written = Vec::new();
        let mut documents = Vec::new();
        for shard in shards {
            let (path, count) = shard.finish()?;
            written.push(path);
            documents.push(count);
        }
        for k in 0..layout.shards {
            let path = layout.node_config(k);
            let text = config::node_config(&layout, k, longest_field);
            super::write_file(&path, text.as_bytes())?;
            written.push(path);
        }
        let path = layout.dir.join("LOAD.md");
        super::write_file(&path, load::instructions(&layout, &documents).as_bytes())?;
        written.push(path);
        Ok(written)
    }
}

/// Refuse `value` for `setting` with `reason`.
pub(crate) fn setting_error(setting: &'static str, value: impl ToString, reason: &str) -> Error {
    Error::ExportSetting {
        setting,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests;
