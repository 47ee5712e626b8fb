//! The index schema: every tantivy field newsidx uses, built once, and the text analyzers
//! they need.
//!
//! Bump [`SCHEMA_VERSION`] whenever a field or an analyzer changes: an index written with
//! another version is refused with a request to rebuild it.

use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexSettings};

/// Version of the schema and analyzers; stored in the index manifest.
pub const SCHEMA_VERSION: u32 = 9;

/// Analyzer for prose: lowercased, accents folded, English stemming.
pub const PROSE_ANALYZER: &str = "newsidx_prose";
/// Analyzer for names: lowercased and accents folded, no stemming.
pub const NAME_ANALYZER: &str = "newsidx_name";

/// Index settings: stored fields (headline, body, quotes...) are most of an index's
/// size, so the document store uses zstd, which packs news text far more tightly than
/// tantivy's default lz4. Level 1 compresses about twice as fast as level 3 for a store
/// 5% larger. Fetching a hit decompresses one block.
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        // Larger blocks than tantivy's 16 KB compress better; a hit still costs one
        // block's decompression, well under a millisecond.
        docstore_blocksize: 64 * 1024,
        ..IndexSettings::default()
    }
}

/// Every field of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable document id derived from the source path (exact, stored).
    pub id: Field,
    /// Absolute source path or `path#N` (stored).
    pub path: Field,
    pub headline: Field,
    pub body: Field,
    /// Outlet, searchable by word.
    pub source: Field,
    pub byline: Field,
    pub dateline: Field,
    /// Publication date (indexed, fast for sorting, stored).
    pub date: Field,
    /// Where the article was published on the web (exact, stored).
    pub url: Field,
    /// Names, searchable by word (`speaker:zheng`) and stored.
    pub speaker: Field,
    pub org: Field,
    pub person: Field,
    /// Exact values for counting (`top speakers`), as columns.
    pub speaker_exact: Field,
    pub org_exact: Field,
    pub person_exact: Field,
    pub source_exact: Field,
    /// Text of every quotation, searchable.
    pub quote: Field,
    /// Quotations with their speakers, as stored JSON.
    pub quotes_json: Field,
    /// The source file (absolute path), shared by all articles of one file: what
    /// incremental indexing deletes and replaces.
    pub file: Field,
    /// Size, modification time (ns since the epoch) and content hash of the source file
    /// when it was indexed.
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    /// Duplicate group: the id of the group's first-indexed member (exact, fast).
    pub group: Field,
    /// Hash of the body's normalised words (the signature's exact hash), for grouped
    /// articles: what confirms that a candidate from the band runs (see
    /// [`super::bands`]) is still the article the run describes.
    pub body_hash: Field,
    /// Acronyms the article defines, as `ACRONYM\u{1f}Long Name` (a column only): the
    /// article-level evidence of the entity table (see [`crate::entities`]).
    pub alias_pairs: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

impl Fields {
    /// Build the schema and the field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            // Stored only: nothing looks a document up by its path (the id does that).
            path: b.add_text_field("path", STORED),
            headline: b.add_text_field("headline", text(PROSE_ANALYZER, true)),
            body: b.add_text_field("body", text(PROSE_ANALYZER, true)),
            source: b.add_text_field("source", text(NAME_ANALYZER, true)),
            byline: b.add_text_field("byline", text(NAME_ANALYZER, true)),
            dateline: b.add_text_field("dateline", text(NAME_ANALYZER, true)),
            date: b.add_date_field(
                "date",
                DateOptions::default().set_indexed().set_fast().set_stored(),
            ),
            url: b.add_text_field("url", STRING | STORED),
            speaker: b.add_text_field("speaker", text(NAME_ANALYZER, true)),
            org: b.add_text_field("org", text(NAME_ANALYZER, true)),
            person: b.add_text_field("person", text(NAME_ANALYZER, true)),
            // Columns only, for counting: searches go through the word fields above.
            speaker_exact: b.add_text_field("speaker_exact", FAST),
            org_exact: b.add_text_field("org_exact", FAST),
            person_exact: b.add_text_field("person_exact", FAST),
            source_exact: b.add_text_field("source_exact", FAST),
            quote: b.add_text_field("quote", text(PROSE_ANALYZER, false)),
            quotes_json: b.add_text_field("quotes_json", STORED),
            file: b.add_text_field("file", STRING | FAST),
            file_size: b.add_u64_field("file_size", FAST),
            file_mtime: b.add_i64_field("file_mtime", FAST),
            file_hash: b.add_u64_field("file_hash", FAST),
            group: b.add_text_field("group", STRING | FAST | STORED),
            body_hash: b.add_u64_field("body_hash", FAST),
            alias_pairs: b.add_text_field("alias_pairs", FAST),
        };
        (b.build(), fields)
    }

    /// Look the fields up in an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            path: f("path")?,
            headline: f("headline")?,
            body: f("body")?,
            source: f("source")?,
            byline: f("byline")?,
            dateline: f("dateline")?,
            date: f("date")?,
            url: f("url")?,
            speaker: f("speaker")?,
            org: f("org")?,
            person: f("person")?,
            speaker_exact: f("speaker_exact")?,
            org_exact: f("org_exact")?,
            person_exact: f("person_exact")?,
            source_exact: f("source_exact")?,
            quote: f("quote")?,
            quotes_json: f("quotes_json")?,
            file: f("file")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
            file_hash: f("file_hash")?,
            group: f("group")?,
            body_hash: f("body_hash")?,
            alias_pairs: f("alias_pairs")?,
        })
    }
}

/// Register the analyzers on an index; needed after every create or open, since
/// tantivy does not persist analyzers.
pub fn register_analyzers(index: &Index) {
    let prose = TextAnalyzer::from(super::prose::ProseTokenizer::default());
    let name = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(super::prose::MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(PROSE_ANALYZER, prose);
    index.tokenizers().register(NAME_ANALYZER, name);
}
