//! Quickwit 0.9 export: `index-config.yaml` (the index's doc mapping), `docs-NNNN.ndjson`
//! (the documents, under 10 MB per file, the most one ingest request takes) and `LOAD.md`
//! (the `quickwit index create` and `quickwit index ingest` commands).
//!
//! A document holds the `show --json` fields, with the date as an RFC 3339 timestamp
//! (Quickwit's datetime input) and absent values left out rather than `null`. The doc
//! mapping is strict: every field is declared.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};

use super::files::Numbered;
use super::{write_file, Writer};
use crate::article::{Article, Quote};
use crate::error::Result;
use crate::render::StoredJson;
use crate::search::Stored;

/// Largest documents file: Quickwit's ingest API refuses requests over 10 MiB.
pub const DOCS_LIMIT: u64 = 10_000_000;

/// Quickwit files in a folder.
pub struct Quickwit {
    dir: PathBuf,
    /// The index id in Quickwit.
    name: String,
    files: Numbered,
    record: Vec<u8>,
}

impl Quickwit {
    /// Write into `dir` (which must exist and be empty) for an index called `name`.
    pub fn new(dir: &Path, name: &str) -> Result<Quickwit> {
        let config = serde_yaml_ng::to_string(&index_config(name))
            .expect("an index configuration serialises as YAML");
        write_file(&dir.join("index-config.yaml"), config.as_bytes())?;
        Ok(Quickwit {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            files: Numbered::new(dir, "docs", "ndjson", DOCS_LIMIT),
            record: Vec::new(),
        })
    }
}

/// One document as Quickwit takes it.
#[derive(Serialize)]
struct Document<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: &'a Option<String>,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: &'a Option<String>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: &'a Option<String>,
    /// `YYYY-MM-DDT00:00:00Z`.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: &'a Option<String>,
    speakers: &'a [String],
    organizations: &'a [String],
    persons: &'a [String],
    quotes: &'a [Quote],
    body: &'a str,
}

impl Writer for Quickwit {
    fn write(&mut self, stored: &Stored) -> Result<()> {
        let printable = StoredJson::new(stored);
        let (id, group, a): (&str, &Option<String>, &Article) = printable.parts();
        let document = Document {
            id,
            group,
            path: &a.path,
            url: &a.url,
            headline: &a.headline,
            source: &a.source,
            byline: &a.byline,
            date: a.date.as_ref().map(|d| format!("{d}T00:00:00Z")),
            dateline: &a.dateline,
            speakers: &a.speakers,
            organizations: &a.organizations,
            persons: &a.persons,
            quotes: &a.quotes,
            body: &a.body,
        };
        self.record.clear();
        serde_json::to_writer(&mut self.record, &document).expect("JSON serialises to memory");
        self.record.push(b'\n');
        self.files.write(&self.record)
    }

    fn finish(self: Box<Self>) -> Result<Vec<PathBuf>> {
        let mut written = vec![self.dir.join("index-config.yaml")];
        let docs = self.files.finish()?;
        let load = self.dir.join("LOAD.md");
        write_file(&load, load_instructions(&self.name, &docs).as_bytes())?;
        written.extend(docs);
        written.push(load);
        Ok(written)
    }
}

/// Words stemmed, with positions for phrase queries: newsidx's prose fields.
fn prose(name: &str) -> Value {
    json!({ "name": name, "type": "text", "tokenizer": "en_stem", "record": "position", "stored": true })
}

/// A name kept whole (`raw`), fast for aggregations (`top speakers`).
fn name(name: &str, kind: &str) -> Value {
    json!({ "name": name, "type": kind, "tokenizer": "raw", "fast": true, "stored": true })
}

/// Text searched by word without stemming.
fn words(name: &str) -> Value {
    json!({ "name": name, "type": "text", "tokenizer": "default", "stored": true })
}

/// The index configuration (`quickwit index create --index-config`).
pub fn index_config(index_id: &str) -> Value {
    json!({
        "version": "0.9",
        "index_id": index_id,
        "doc_mapping": {
            "mode": "strict",
            "field_mappings": [
                name("id", "text"),
                name("group", "text"),
                { "name": "path", "type": "text", "tokenizer": "raw", "stored": true },
                { "name": "url", "type": "text", "tokenizer": "raw", "stored": true },
                prose("headline"),
                prose("body"),
                name("source", "text"),
                words("byline"),
                {
                    "name": "date",
                    "type": "datetime",
                    "input_formats": ["rfc3339"],
                    "output_format": "rfc3339",
                    "fast": true,
                    "fast_precision": "seconds",
                    "stored": true
                },
                words("dateline"),
                name("speakers", "array<text>"),
                name("organizations", "array<text>"),
                name("persons", "array<text>"),
                {
                    "name": "quotes",
                    "type": "array<json>",
                    "tokenizer": "en_stem",
                    "record": "position",
                    "stored": true
                }
            ],
            "timestamp_field": "date"
        },
        "search_settings": {
            "default_search_fields": ["headline", "body"]
        }
    })
}

fn load_instructions(name: &str, docs: &[PathBuf]) -> String {
    let mut ingests = String::new();
    for file in docs {
        let file = file.file_name().expect("a file name").to_string_lossy();
        ingests.push_str(&format!(
            "quickwit index ingest --index {name} --input-path {file} --wait\n"
        ));
    }
    format!(
        r#"# Loading this export into Quickwit

Written by `newsidx export --format quickwit`: {count} documents file(s) for the index
`{name}`, for Quickwit 0.9. Run the commands from this folder, with a Quickwit node
running (`quickwit run`) or its configuration at hand.

1. Create the index:

```sh
quickwit index create --index-config index-config.yaml
```

2. Ingest each documents file (each is under 10 MB, the most one ingest request takes):

```sh
{ingests}```

3. Search:

```sh
quickwit index search --index {name} --query 'speakers:"Tony Blair" AND body:election'
```

Quickwit has no document ids: ingesting a file again adds its documents a second time.
To load an export again, first empty the index (`quickwit index clear --index {name}`)
or delete and create it (`quickwit index delete --index {name}`); each document keeps
its newsidx id in the `id` field, so copies that did get in can be told apart.

Fields: `headline` and `body` use the `en_stem` tokenizer with positions (stemmed words,
phrase queries); the name fields (`speakers`, `organizations`, `persons`, `source`) are
kept whole (`raw` tokenizer) and fast, for aggregations; `quotes` are JSON objects
(`quotes.text`, `quotes.speaker`); `date` is the timestamp field (articles without a
date have none).
"#,
        count = docs.len(),
    )
}
