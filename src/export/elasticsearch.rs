//! Elasticsearch 8 and OpenSearch 2 export: `mapping.json` (the index's settings and
//! mappings), `bulk-NNNN.ndjson` (`_bulk` request bodies under 10 MB each) and `LOAD.md`
//! (the `curl` commands that create the index and send each file).
//!
//! A document is the `show --json` object; its `_id` is the newsidx id, so loading the
//! files again replaces documents instead of duplicating them. The mapping is strict
//! (`"dynamic": "strict"`): every field is declared, and a document with another field
//! is refused rather than guessed at.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::files::Numbered;
use super::{write_file, Writer};
use crate::error::Result;
use crate::render::StoredJson;
use crate::search::Stored;

/// Largest bulk file: Elasticsearch advises bulk requests of a few megabytes to tens
/// of megabytes, and refuses any over `http.max_content_length` (100 MB by default).
pub const BULK_LIMIT: u64 = 10_000_000;

/// Analyzer for names: words lowercased and accents folded, as newsidx's own name
/// fields, so that `speakers:zheng` finds "Zheng Zeguang".
const NAMES_ANALYZER: &str = "newsidx_names";

/// Elasticsearch files in a folder.
pub struct Elasticsearch {
    dir: PathBuf,
    /// The index name in Elasticsearch.
    name: String,
    files: Numbered,
    record: Vec<u8>,
}

impl Elasticsearch {
    /// Write into `dir` (which must exist and be empty) for an index called `name`.
    pub fn new(dir: &Path, name: &str) -> Result<Elasticsearch> {
        write_file(
            &dir.join("mapping.json"),
            serde_json::to_string_pretty(&mapping())
                .expect("a JSON value serialises")
                .as_bytes(),
        )?;
        Ok(Elasticsearch {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            files: Numbered::new(dir, "bulk", "ndjson", BULK_LIMIT),
            record: Vec::new(),
        })
    }
}

impl Writer for Elasticsearch {
    fn write(&mut self, stored: &Stored) -> Result<()> {
        let document = StoredJson::new(stored);
        let action = json!({ "index": { "_index": self.name, "_id": document.parts().0 } });
        self.record.clear();
        serde_json::to_writer(&mut self.record, &action).expect("JSON serialises to memory");
        self.record.push(b'\n');
        serde_json::to_writer(&mut self.record, &document).expect("JSON serialises to memory");
        self.record.push(b'\n');
        self.files.write(&self.record)
    }

    fn finish(self: Box<Self>) -> Result<Vec<PathBuf>> {
        let mut written = vec![self.dir.join("mapping.json")];
        let bulk = self.files.finish()?;
        let load = self.dir.join("LOAD.md");
        write_file(&load, load_instructions(&self.name, &bulk).as_bytes())?;
        written.extend(bulk);
        written.push(load);
        Ok(written)
    }
}

/// A text field analysed for names, with an exact `keyword` subfield for facets.
fn name_field() -> Value {
    json!({
        "type": "text",
        "analyzer": NAMES_ANALYZER,
        "fields": { "keyword": { "type": "keyword", "ignore_above": 256 } }
    })
}

/// Prose: English stemming and stop words, as newsidx's own prose fields.
fn prose_field() -> Value {
    json!({ "type": "text", "analyzer": "english" })
}

/// The index settings and mappings (`PUT /INDEX` body).
pub fn mapping() -> Value {
    json!({
        "settings": {
            "analysis": {
                "analyzer": {
                    NAMES_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"]
                    }
                }
            }
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": { "type": "keyword" },
                "group": { "type": "keyword" },
                "path": { "type": "keyword" },
                "url": { "type": "keyword" },
                "headline": prose_field(),
                "body": prose_field(),
                "source": name_field(),
                "byline": name_field(),
                "dateline": name_field(),
                "date": { "type": "date", "format": "strict_date" },
                "speakers": name_field(),
                "organizations": name_field(),
                "persons": name_field(),
                "quotes": {
                    "type": "nested",
                    "properties": {
                        "speaker": name_field(),
                        "text": prose_field()
                    }
                }
            }
        }
    })
}

fn load_instructions(name: &str, bulk: &[PathBuf]) -> String {
    let mut sends = String::new();
    for file in bulk {
        let file = file.file_name().expect("a file name").to_string_lossy();
        sends.push_str(&format!(
            "curl -sS --fail-with-body -X POST \"$ES/_bulk\" -H 'Content-Type: application/x-ndjson' --data-binary @{file} | grep -q '\"errors\":false' || echo \"{file}: some documents were refused\"\n"
        ));
    }
    format!(
        r#"# Loading this export into Elasticsearch or OpenSearch

Written by `newsidx export --format elasticsearch`: {count} bulk file(s) for the index
`{name}`. Run the commands from this folder.

Set `ES` to the engine's address first. Elasticsearch 8 serves HTTPS with a password by
default, so add `-u elastic:PASSWORD --cacert http_ca.crt` to each `curl` below (or put
them in `ES` as `https://elastic:PASSWORD@localhost:9200` and use `--cacert`); a local
OpenSearch 2 with its demo security plugin takes `-k -u admin:PASSWORD`.

```sh
ES=http://localhost:9200
```

1. Create the index with its settings and mappings (an existing index of that name must
   be deleted first: `curl -X DELETE "$ES/{name}"`):

```sh
curl -sS --fail-with-body -X PUT "$ES/{name}" -H 'Content-Type: application/json' --data-binary @mapping.json
```

2. Send each bulk file (each is under 10 MB, a size both engines take in one request):

```sh
{sends}```

3. Make the documents searchable and check the count:

```sh
curl -sS -X POST "$ES/{name}/_refresh"
curl -sS "$ES/{name}/_count"
```

Each document's `_id` is its newsidx id: sending the files again replaces the documents
instead of adding copies.

Fields: `headline`, `body` and `quotes.text` use the `english` analyzer (stemming and stop
words, as newsidx's prose fields); the name fields (`speakers`, `organizations`,
`persons`, `source`, `byline`, `dateline`, `quotes.speaker`) are `text` with words
lowercased and accents folded, plus a `keyword` subfield for aggregations
(`speakers.keyword`); `date` is a date (`yyyy-MM-dd`); `quotes` are nested objects, so a
query can ask for a quotation by one speaker about one thing.
"#,
        count = bulk.len(),
    )
}
