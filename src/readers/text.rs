//! Plain text: the whole file is one article, laid out however its author liked;
//! extraction's layout analysis finds the headline, byline and body.

use super::Read;
use crate::article::RawArticle;
use crate::decode::decode;

/// Read a plain-text article.
pub fn read(locator: &str, bytes: &[u8]) -> Result<Read, String> {
    let decoded = decode(bytes);
    if decoded.text.trim().is_empty() {
        return Err("no text".into());
    }
    Ok(Read {
        warnings: decoded.warning().into_iter().collect(),
        articles: vec![RawArticle {
            locator: locator.to_string(),
            text: decoded.text,
            known: Default::default(),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_file_is_one_article() {
        let read = read("a.txt", b"Headline\n\nBody.\n").unwrap();
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.articles[0].text, "Headline\n\nBody.\n");
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn latin1_is_read_with_a_warning() {
        let read = read("a.txt", b"Chelsea sack Mutu\n\nA \xA3300 fine.\n").unwrap();
        assert!(read.articles[0].text.contains("£300"));
        assert_eq!(read.warnings, ["not valid UTF-8, read as windows-1252"]);
    }

    #[test]
    fn blank_file_is_refused() {
        assert_eq!(read("a.txt", b" \n\t\n").unwrap_err(), "no text");
    }
}
