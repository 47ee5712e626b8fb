//! newsidx: a full-text search indexer for news archives.
//!
//! The crate is one pipeline, one module per stage:
//!
//! ```text
//! discover -> decode -> extract -> index -> search -> render
//!   files      text     Article    tantivy    hits     text/JSON
//! ```
//!
//! [`ingest`] runs the first four stages in parallel; [`serve`] puts search and its JSON
//! behind a local web page and HTTP API; the `newsidx` binary is a thin command-line
//! layer over these modules.

pub mod article;
pub mod controls;
pub mod decode;
pub mod dedup;
pub mod discover;
pub mod entities;
pub mod error;
pub mod export;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod memo;
pub mod prefetch;
pub mod readers;
pub mod render;
pub mod search;

/// Property-test settings for `cases` cases, with failures kept under
/// `tests/proptest-regressions/` (one file per source file, committed), so that a failing
/// case found once runs first on every later run.
#[cfg(test)]
pub(crate) fn proptest_config(cases: u32) -> proptest::prelude::ProptestConfig {
    proptest::prelude::ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel(
                "tests/proptest-regressions",
            ),
        )),
        ..proptest::prelude::ProptestConfig::default()
    }
}
pub mod serve;

pub use article::{Article, Quote};
pub use error::{Error, Result};
