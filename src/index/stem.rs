//! English stemming with a memo: the prose analyzer's last filter.
//!
//! Stemming is a tenth of the cost of indexing news text, and news vocabulary is
//! Zipfian: a few thousand words make most of the text. Each thread keeps a small
//! direct-mapped table of recent words and their stems (fixed size, half a megabyte, so
//! a lookup is one cache line and memory does not grow). The stems are those of
//! tantivy's own `Stemmer` (the same Snowball algorithm, from the same crate), so queries
//! and indexes agree whichever filter produced them.

use std::cell::RefCell;
use std::hash::Hasher;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Table slots per thread (a power of two).
const SLOTS: usize = 8192;
/// Bytes of a slot for the word and its stem together.
const SLOT_BYTES: usize = 62;

/// One remembered word: its bytes, then its stem's.
#[derive(Clone, Copy)]
struct Slot {
    word_len: u8,
    stem_len: u8,
    bytes: [u8; SLOT_BYTES],
}

const EMPTY: Slot = Slot {
    word_len: 0,
    stem_len: 0,
    bytes: [0; SLOT_BYTES],
};

struct Memo {
    stemmer: Stemmer,
    slots: Box<[Slot]>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        stemmer: Stemmer::new(Algorithm::English),
        slots: vec![EMPTY; SLOTS].into_boxed_slice(),
    });
}

fn slot_of(word: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    (h.finish() >> 32) as usize & (SLOTS - 1)
}

/// Replace `word` by its English stem.
pub fn stem_in_place(word: &mut String) {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let at = slot_of(word);
        let slot = &memo.slots[at];
        let len = word.len();
        if len > 0 && usize::from(slot.word_len) == len && &slot.bytes[..len] == word.as_bytes() {
            let stem = &slot.bytes[len..len + usize::from(slot.stem_len)];
            if stem != word.as_bytes() {
                word.clear();
                // Stored from a `&str`, so valid UTF-8.
                word.push_str(std::str::from_utf8(stem).unwrap_or_default());
            }
            return;
        }
        let stem = memo.stemmer.stem(word).into_owned();
        if len + stem.len() <= SLOT_BYTES {
            let slot = &mut memo.slots[at];
            slot.word_len = len as u8;
            slot.stem_len = stem.len() as u8;
            slot.bytes[..len].copy_from_slice(word.as_bytes());
            slot.bytes[len..len + stem.len()].copy_from_slice(stem.as_bytes());
        }
        *word = stem;
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
    fn long_and_colliding_words_stem_right() {
        let plain = Stemmer::new(Algorithm::English);
        let mut words: Vec<String> = (0..3 * SLOTS).map(|i| format!("running{i}s")).collect();
        words.push("internationalisations".repeat(2));
        words.push("nationalities".into());
        words.push("nationalities".into());
        for w in words {
            let mut got = w.clone();
            stem_in_place(&mut got);
            assert_eq!(got, plain.stem(&w), "{w}");
        }
    }
}
