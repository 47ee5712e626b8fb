//! English stemming with a memo: the prose analyzer's last filter.
//!
//! Stemming is a tenth of the cost of indexing news text, and news vocabulary is small
//! next to its volume, so each thread remembers the stems it has computed. The stems
//! are those of tantivy's own `Stemmer` (the same Snowball algorithm, from the same
//! crate), so queries and indexes agree whichever filter produced them. The memo is
//! cleared when it holds [`MEMO_LIMIT`] words, which bounds its memory.

use std::cell::RefCell;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread before the memo starts again (a few MB at most).
const MEMO_LIMIT: usize = 50_000;

struct Memo {
    stemmer: Stemmer,
    stems: FxHashMap<Box<str>, Box<str>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        stemmer: Stemmer::new(Algorithm::English),
        stems: FxHashMap::default(),
    });
}

/// Replace `word` by its English stem.
pub fn stem_in_place(word: &mut String) {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(stem) = memo.stems.get(word.as_str()) {
            if **stem != **word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem: Box<str> = memo.stemmer.stem(word).into();
        if memo.stems.len() >= MEMO_LIMIT {
            memo.stems.clear();
        }
        memo.stems.insert(word.as_str().into(), stem.clone());
        if *stem != **word {
            word.clear();
            word.push_str(&stem);
        }
    });
}

/// Token filter: English stemming, memoized.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct EnglishStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivys_stemmer_including_repeats() {
        let text = "Running runners ran; the generously generous governments governed \
                    running cats' crises, crisis, running again and again";
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(EnglishStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let expected = tokens(theirs, text);
        assert!(expected.contains(&"govern".to_string()));
        // Twice: the second pass is answered from the memo.
        assert_eq!(tokens(ours.clone(), text), expected);
        assert_eq!(tokens(ours, text), expected);
    }

    #[test]
    fn memo_stays_bounded() {
        let mut word = String::new();
        for i in 0..(MEMO_LIMIT + 10) {
            word.clear();
            word.push_str(&format!("word{i}ing"));
            stem_in_place(&mut word);
        }
        MEMO.with(|m| assert!(m.borrow().stems.len() <= MEMO_LIMIT));
    }
}
