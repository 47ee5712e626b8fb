//! Readers turn a file's bytes into raw articles, one reader per input format, all
//! yielding the same [`RawArticle`]. Which reader runs is chosen by the file's extension.

use std::path::Path;

use crate::article::RawArticle;
use crate::decode::decode;

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct Read {
    pub articles: Vec<RawArticle>,
    /// Things the user should know that did not stop the file from being read.
    pub warnings: Vec<String>,
}

/// Read the articles of one file. `locator` names the file in the articles produced
/// (an absolute path when indexing, the path as given when extracting).
pub fn read(locator: &str, _path: &Path, bytes: &[u8]) -> Result<Read, String> {
    text(locator, bytes)
}

/// A plain-text article: the whole file is one article.
fn text(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let decoded = decode(bytes);
    let mut warnings = Vec::new();
    if decoded.fell_back {
        warnings.push(format!("not valid UTF-8, read as {}", decoded.encoding));
    }
    if decoded.text.trim().is_empty() {
        return Err("no text".into());
    }
    Ok(Read {
        articles: vec![RawArticle {
            locator: locator.to_string(),
            text: decoded.text,
            known: Default::default(),
        }],
        warnings,
    })
}
