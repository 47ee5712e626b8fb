//! The prose analyzer, in one pass: words are runs of letters and digits, lowercased,
//! accents folded, reduced to their English stems; words of 40 bytes or more are
//! dropped.
//!
//! The tokens (text, positions and offsets) are exactly those of tantivy's chain
//! `SimpleTokenizer`, `RemoveLongFilter::limit(40)`, `LowerCaser`, `AsciiFoldingFilter`,
//! `Stemmer(English)`, so indexes, queries and snippets agree with it; the tests check
//! that. Doing it in one pass matters because the analyzer sees every word of every
//! article: ASCII words (nearly all of English news) are found and lowercased byte by
//! byte, and only the rare others go through tantivy's own lowercasing and folding.
//!
//! News vocabulary is Zipfian, so stems are memoized: each tokenizer keeps a
//! direct-mapped table of recent words and their stems (fixed size, two megabytes,
//! made on first use), and a lookup is one hash and one comparison. A smaller table
//! misses too often: with 8,192 slots a third of the time went to stemming again.

use std::hash::Hasher;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHasher;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words of this many bytes or more (before lowercasing) are not indexed.
pub const MAX_WORD_BYTES: usize = 40;

/// Memo slots (a power of two).
const SLOTS: usize = 32_768;
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

/// English stems of recent words.
struct Memo {
    stemmer: Stemmer,
    slots: Box<[Slot]>,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            stemmer: Stemmer::new(Algorithm::English),
            slots: vec![EMPTY; SLOTS].into_boxed_slice(),
        }
    }

    /// Replace `word` by its English stem.
    fn stem_in_place(&mut self, word: &mut String) {
        let len = word.len();
        if len == 0 {
            return;
        }
        let mut h = FxHasher::default();
        h.write(word.as_bytes());
        let at = (h.finish() >> 32) as usize & (SLOTS - 1);
        let slot = &self.slots[at];
        if usize::from(slot.word_len) == len && &slot.bytes[..len] == word.as_bytes() {
            let stem = &slot.bytes[len..len + usize::from(slot.stem_len)];
            if stem != word.as_bytes() {
                // A stem only ever drops or replaces ASCII letters at the word's end, so
                // it is a prefix of the word's bytes plus ASCII: valid UTF-8.
                if let Ok(stem) = std::str::from_utf8(stem) {
                    word.clear();
                    word.push_str(stem);
                }
            }
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if len + stem.len() <= SLOT_BYTES {
            let slot = &mut self.slots[at];
            slot.word_len = len as u8;
            slot.stem_len = stem.len() as u8;
            slot.bytes[..len].copy_from_slice(word.as_bytes());
            slot.bytes[len..len + stem.len()].copy_from_slice(stem.as_bytes());
        }
        *word = stem;
    }
}

/// The prose tokenizer (register it under [`super::schema::PROSE_ANALYZER`]).
pub struct ProseTokenizer {
    /// Made on first use: clones (one per indexing thread, one per query) start empty.
    memo: Option<Box<Memo>>,
    /// Lowercasing and folding of words that are not ASCII.
    fold: TextAnalyzer,
    token: Token,
}

impl Default for ProseTokenizer {
    fn default() -> ProseTokenizer {
        ProseTokenizer {
            memo: None,
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            token: Token::default(),
        }
    }
}

impl Clone for ProseTokenizer {
    fn clone(&self) -> ProseTokenizer {
        ProseTokenizer::default()
    }
}

impl Tokenizer for ProseTokenizer {
    type TokenStream<'a> = ProseStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ProseStream<'a> {
        self.token.reset();
        ProseStream {
            text,
            at: 0,
            position: 0,
            token: &mut self.token,
            memo: self.memo.get_or_insert_with(|| Box::new(Memo::new())),
            fold: &mut self.fold,
        }
    }
}

pub struct ProseStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    /// Position of the next word found, counting dropped long words too.
    position: usize,
    token: &'a mut Token,
    memo: &'a mut Memo,
    fold: &'a mut TextAnalyzer,
}

/// Whether the character starting at byte `at` of `text` (not ASCII) is a letter or
/// digit, and its length in bytes.
fn wide_alphanumeric_at(text: &str, at: usize) -> (bool, usize) {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

impl ProseStream<'_> {
    /// The next run of letters and digits, as byte offsets.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut at = self.at;
        // Skip to a letter or digit.
        while at < len {
            let b = bytes[at];
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                let (word, step) = wide_alphanumeric_at(self.text, at);
                if word {
                    break;
                }
                at += step;
            }
        }
        if at >= len {
            self.at = len;
            return None;
        }
        let start = at;
        while at < len {
            let b = bytes[at];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                let (word, step) = wide_alphanumeric_at(self.text, at);
                if !word {
                    break;
                }
                at += step;
            }
        }
        self.at = at;
        Some((start, at))
    }
}

impl TokenStream for ProseStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((from, to)) = self.next_word() else {
                return false;
            };
            let position = self.position;
            self.position += 1;
            if to - from >= MAX_WORD_BYTES {
                continue;
            }
            let word = &self.text[from..to];
            let text = &mut self.token.text;
            text.clear();
            if word.is_ascii() {
                text.push_str(word);
                text.make_ascii_lowercase();
            } else {
                let mut folded = self.fold.token_stream(word);
                if folded.advance() {
                    text.push_str(&folded.token().text);
                }
            }
            self.memo.stem_in_place(text);
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = position;
            self.token.position_length = 1;
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, RemoveLongFilter, SimpleTokenizer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn tantivys_chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build()
    }

    fn ours() -> TextAnalyzer {
        TextAnalyzer::from(ProseTokenizer::default())
    }

    #[test]
    fn same_tokens_as_tantivys_chain() {
        let texts = [
            "Running runners ran; the generously generous governments governed \
             running cats' crises, crisis, running again and again",
            "Ministers met in Zürich and São Paulo; Ærø's café served crème brûlée.",
            "ÉLYSÉE PALACE, İstanbul: ΑΘΗΝΑ 2004 — 北京 talks, naïve coöperation",
            "a antidisestablishmentarianismantidisestablishment b \
             supercalifragilisticexpialidociousandmore c",
            "",
            "   ...  ",
            "U.S. GDP rose 3.2% in Q4; e-mail, co-op, 24/7, x86_64",
        ];
        let (mut ours, mut theirs) = (ours(), tantivys_chain());
        for text in texts {
            let expected = tokens(&mut theirs, text);
            // Twice: the second pass is answered from the memo.
            assert_eq!(tokens(&mut ours, text), expected, "{text}");
            assert_eq!(tokens(&mut ours, text), expected, "{text}");
        }
        assert!(tokens(&mut ours, texts[0]).iter().any(|t| t.0 == "govern"));
    }

    #[test]
    fn long_and_colliding_words_stem_right() {
        let plain = Stemmer::new(Algorithm::English);
        let mut memo = Memo::new();
        let mut words: Vec<String> = (0..3 * SLOTS).map(|i| format!("running{i}s")).collect();
        words.push("internationalisations".repeat(2));
        words.push("nationalities".into());
        words.push("nationalities".into());
        for w in words {
            let mut got = w.clone();
            memo.stem_in_place(&mut got);
            assert_eq!(got, plain.stem(&w), "{w}");
        }
    }

    proptest! {
        #[test]
        fn any_text_gives_tantivys_tokens(text in "\\PC{0,200}") {
            let expected = tokens(&mut tantivys_chain(), &text);
            prop_assert_eq!(tokens(&mut ours(), &text), expected);
        }

        #[test]
        fn mixed_words_give_tantivys_tokens(
            words in proptest::collection::vec("[a-zA-Zéüß0-9']{1,45}", 0..30)
        ) {
            let text = words.join(" ");
            let expected = tokens(&mut tantivys_chain(), &text);
            prop_assert_eq!(tokens(&mut ours(), &text), expected);
        }
    }
}
