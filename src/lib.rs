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
pub mod serve;

pub use article::{Article, Quote};
pub use error::{Error, Result};
