//! Snippets: the passage of a text where the query's terms are densest, with the byte
//! ranges of the matched words.
//!
//! Highlighting is done here rather than by tantivy's snippet generator so that fuzzy
//! terms (`Baucs~1`) highlight too, and so that one routine serves body, headline and
//! quotes alike.

use serde::Serialize;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// A passage of text with the byte ranges of the matched terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// Longest snippet, in bytes.
pub const SNIPPET_BYTES: usize = 220;

/// What counts as a match: analysed terms, and fuzzy words with their edit distance.
pub struct Matcher<'a> {
    pub prose: TextAnalyzer,
    pub names: TextAnalyzer,
    pub terms: &'a [String],
    pub fuzzy: &'a [(String, u8)],
}

impl Matcher<'_> {
    /// Byte ranges of the matching words of `text`.
    fn matches(&mut self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut stream = self.prose.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let hit = self.terms.contains(&t.text)
                || (!self.fuzzy.is_empty() && {
                    let word = &text[t.offset_from..t.offset_to];
                    let mut folded = String::new();
                    let mut names = self.names.token_stream(word);
                    while names.advance() {
                        folded.push_str(&names.token().text);
                    }
                    self.fuzzy
                        .iter()
                        .any(|(f, d)| strsim::levenshtein(f, &folded) <= *d as usize)
                });
            if hit {
                found.push((t.offset_from, t.offset_to));
            }
        }
        found
    }

    /// The best passage of `text`, or `None` when nothing in it matches.
    pub fn snippet(&mut self, text: &str) -> Option<Snippet> {
        let matches = self.matches(text);
        if matches.is_empty() {
            return None;
        }
        // The window starting near a match that holds the most matches; windows that
        // start with the word as the user wrote it ("cocoa", not "cocoas") come first.
        let exact = |&(a, b): &(usize, usize)| {
            let word = text[a..b].to_lowercase();
            self.terms.contains(&word) || self.fuzzy.iter().any(|(f, _)| *f == word)
        };
        let any_exact = matches.iter().any(exact);
        let mut best = (0usize, 0usize);
        for (i, &(start, end)) in matches.iter().enumerate() {
            if any_exact && !exact(&(start, end)) {
                continue;
            }
            let count = matches[i..]
                .iter()
                .take_while(|(_, end)| *end <= start + SNIPPET_BYTES)
                .count();
            if count > best.1 {
                best = (i, count);
            }
        }
        let first = matches[best.0].0;
        // Start a little before the first match, at a word boundary.
        let mut start = first.saturating_sub(40);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        if start > 0 {
            start = text[start..first]
                .find(char::is_whitespace)
                .map_or(first, |i| start + i + 1);
            // Prefer the start of the sentence when it is close.
            if let Some(i) = text[start..first].rfind(". ") {
                start += i + 2;
            }
        }
        start += text[start..first].len() - text[start..first].trim_start().len();
        let mut end = (start + SNIPPET_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < text.len() {
            if let Some(i) = text[start..end].rfind(char::is_whitespace) {
                end = start + i;
            }
        }
        let window = &text[start..end];
        let highlights = matches
            .iter()
            .filter(|(s, e)| *s >= start && *e <= end)
            .map(|(s, e)| (s - start, e - start))
            .collect();
        Some(Snippet {
            text: window.to_string(),
            highlights,
        })
    }
}

/// The opening of a text, cut at a word boundary, when nothing in it matched.
pub fn lead(text: &str) -> Snippet {
    let mut end = text.len().min(SNIPPET_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    }
    Snippet {
        text: text[..end].to_string(),
        highlights: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{register_analyzers, Fields, NAME_ANALYZER, PROSE_ANALYZER};

    fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
        let (schema, _) = Fields::build();
        let index = tantivy::Index::create_in_ram(schema);
        register_analyzers(&index);
        let t = index.tokenizers();
        (
            t.get(PROSE_ANALYZER).unwrap(),
            t.get(NAME_ANALYZER).unwrap(),
        )
    }

    fn check(terms: &[String], fuzzy: &[(String, u8)], text: &str) -> Option<Snippet> {
        let (prose, names) = analyzers();
        let mut m = Matcher {
            prose,
            names,
            terms,
            fuzzy,
        };
        m.snippet(text)
    }

    #[test]
    fn highlights_cover_exactly_the_matched_words() {
        let terms = vec!["cocoa".to_string()];
        let text = "Showers continued in the Bahia cocoa zone. Cocoa arrivals rose.";
        let s = check(&terms, &[], text).unwrap();
        let words: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(words, ["cocoa", "Cocoa"]);
    }

    #[test]
    fn fuzzy_terms_highlight_their_near_matches() {
        let fuzzy = vec![("baucs".to_string(), 1u8)];
        let s = check(
            &[],
            &fuzzy,
            "Zheng told Baucus that the attitude was overbearing.",
        )
        .unwrap();
        assert_eq!(&s.text[s.highlights[0].0..s.highlights[0].1], "Baucus");
        assert!(check(&[], &fuzzy, "Nothing here.").is_none());
    }

    #[test]
    fn long_texts_give_a_window_around_the_matches() {
        let terms = vec!["cocoa".to_string()];
        let text = format!(
            "{} The cocoa harvest ended. {}",
            "Filler words here. ".repeat(40),
            "More filler. ".repeat(40)
        );
        let s = check(&terms, &[], &text).unwrap();
        assert!(s.text.len() <= SNIPPET_BYTES);
        assert!(s.text.starts_with("The cocoa harvest"), "{}", s.text);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "cocoa");
    }
}
