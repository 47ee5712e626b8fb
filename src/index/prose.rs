//! The prose analyzer, in one pass: words are runs of letters and digits, lowercased,
//! accents folded, reduced to their English stems; words of 40 bytes or more are
//! dropped.
//!
//! The tokens (text, positions and offsets) are exactly those of tantivy's chain
//! `SimpleTokenizer`, `RemoveLongFilter::limit(40)`, `LowerCaser`, `AsciiFoldingFilter`,
//! `Stemmer(English)`, so indexes, queries and snippets agree with it; the tests check
//! that. Doing it in one pass matters because the analyzer sees every word of every
//! article: ASCII words (nearly all of English news) are found byte by byte and
//! lowercased eight bytes at a time, and only the rare others go through tantivy's own
//! lowercasing and folding.
//!
//! News vocabulary is Zipfian, so stems are memoized: each tokenizer keeps a table of
//! recent words and their stems ([`crate::memo::Table`]: two slots per hash; fixed
//! size, one megabyte, made on first use). A lookup is one multiplication-mixed hash of
//! the word's three padded 8-byte words and at most two comparisons of them, on one
//! cache line. A slot is half a cache line: the word, and its stem written as "keep
//! this many bytes of the word, then add these" (English stems only ever change a
//! word's last few letters). The table must stay small, since every lookup that leaves
//! the core's cache stalls it; it must also hold the working vocabulary, since with
//! 8,192 slots a third of the time went to stemming again (97.6% of lookups hit on the
//! benchmark's news text). And the stream finds each word one step early and
//! prefetches its slot, so the load overlaps tantivy's indexing of the word before
//! (that took the analyzer from about 11% to 7% of the CPU time of `newsidx index`).

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::memo::Table;

/// Words of this many bytes or more (before lowercasing) are not indexed.
pub const MAX_WORD_BYTES: usize = 40;

/// Memo sets (a power of two) of two slots each: 1 MB.
const SETS: usize = 16_384;
/// Longest word remembered, in bytes (three 8-byte words); longer ones are stemmed
/// each time.
const KEY_WORDS: usize = 3;
const KEY: usize = 8 * KEY_WORDS;
/// Longest stem ending a slot can hold.
const SUFFIX: usize = 6;

/// A lowercase ASCII word, zero-padded, as little-endian 8-byte words. No word has a
/// zero byte, so equal keys mean equal words, and the all-zero key is no word.
type Key = [u64; KEY_WORDS];

/// One remembered word and its stem: `key`'s first `keep` bytes, then `suffix`.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    key: Key,
    keep: u8,
    suffix_len: u8,
    suffix: [u8; SUFFIX],
}

const EMPTY: Slot = Slot {
    key: [0; KEY_WORDS],
    keep: 0,
    suffix_len: 0,
    suffix: [0; SUFFIX],
};

/// English stems of recent words.
struct Memo {
    stemmer: Stemmer,
    slots: Table<Slot>,
}

/// The hash of a key: its words multiplied and mixed.
fn hash_of(key: &Key) -> u64 {
    key[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ key[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ key[2].wrapping_mul(0x1656_67B1_9E37_79F9)
}

/// The key of `word` (ASCII letters and digits, at most [`KEY`] bytes), lowercased:
/// setting bit 5 lowercases a letter and leaves a digit as it is.
fn key_of(bytes: &[u8], from: usize, to: usize) -> Key {
    let mut key = [0u64; KEY_WORDS];
    let mut at = from;
    for word in &mut key {
        if at >= to {
            break;
        }
        let n = (to - at).min(8);
        let raw = match bytes.get(at..at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])),
            None => {
                let mut eight = [0u8; 8];
                eight[..n].copy_from_slice(&bytes[at..at + n]);
                u64::from_le_bytes(eight)
            }
        };
        let mask = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
        *word = (raw | 0x2020_2020_2020_2020) & mask;
        at += 8;
    }
    key
}

/// The bytes of a key (the word, then zeros).
fn key_bytes(key: &Key) -> [u8; KEY] {
    let mut bytes = [0u8; KEY];
    for (chunk, word) in bytes.chunks_exact_mut(8).zip(key) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    bytes
}

impl Memo {
    fn new() -> Memo {
        Memo {
            stemmer: Stemmer::new(Algorithm::English),
            slots: Table::new(SETS, EMPTY),
        }
    }

    /// Write the stem of the word whose key is `key` and length `len` into `out`.
    fn stem_key(&mut self, key: &Key, len: usize, out: &mut String) {
        let hash = hash_of(key);
        let word = key_bytes(key);
        out.clear();
        if let Some(slot) = self.slots.find(hash, |slot| slot.key == *key) {
            let mut stem = [0u8; KEY + SUFFIX];
            let (keep, add) = (usize::from(slot.keep), usize::from(slot.suffix_len));
            stem[..keep].copy_from_slice(&word[..keep]);
            stem[keep..keep + add].copy_from_slice(&slot.suffix[..add]);
            // Stored from a `&str`.
            if let Ok(stem) = std::str::from_utf8(&stem[..keep + add]) {
                out.push_str(stem);
                return;
            }
        }
        // ASCII letters and digits only.
        let word = std::str::from_utf8(&word[..len]).unwrap_or_default();
        let stem = self.stemmer.stem(word);
        out.push_str(&stem);
        let keep = stem
            .bytes()
            .zip(word.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let add = &stem.as_bytes()[keep..];
        if add.len() <= SUFFIX {
            let mut suffix = [0; SUFFIX];
            suffix[..add.len()].copy_from_slice(add);
            let slot = Slot {
                key: *key,
                keep: keep as u8,
                suffix_len: add.len() as u8,
                suffix,
            };
            self.slots.insert(hash, slot);
        }
    }

    /// Replace `word` (lowercased and folded: folding can give capitals, "ɪ" is
    /// folded to "I") by its English stem.
    fn stem_in_place(&mut self, word: &mut String) {
        let len = word.len();
        let keyable = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        if len > 0 && len <= KEY && word.bytes().all(keyable) {
            let key = key_of(word.as_bytes(), 0, len);
            self.stem_key(&key, len, word);
        } else {
            *word = self.stemmer.stem(word).into_owned();
        }
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
            ahead: None,
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
    /// The word after the current one, found one step early so that its memo slot is
    /// on its way from memory while tantivy indexes the current one.
    ahead: Option<Word>,
    token: &'a mut Token,
    memo: &'a mut Memo,
    fold: &'a mut TextAnalyzer,
}

/// A word found in the text: its byte offsets, whether it is ASCII, and its memo key if
/// it has one (ASCII and short enough), else the all-zero key.
#[derive(Clone, Copy)]
struct Word {
    from: usize,
    to: usize,
    ascii: bool,
    key: Key,
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
    /// The next run of letters and digits, as byte offsets, and whether it is ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
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
        let mut ascii = true;
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
                ascii = false;
                at += step;
            }
        }
        self.at = at;
        Some((start, at, ascii))
    }
}

impl ProseStream<'_> {
    /// The next word, with its memo key; its memo slot is prefetched.
    fn scan(&mut self) -> Option<Word> {
        let (from, to, ascii) = self.next_word()?;
        let mut key = [0; KEY_WORDS];
        if ascii && to - from <= KEY {
            key = key_of(self.text.as_bytes(), from, to);
            self.memo.slots.prefetch(hash_of(&key));
        }
        Some(Word {
            from,
            to,
            ascii,
            key,
        })
    }
}

impl TokenStream for ProseStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(Word {
                from,
                to,
                ascii,
                key,
            }) = self.ahead.take().or_else(|| self.scan())
            else {
                return false;
            };
            self.ahead = self.scan();
            let position = self.position;
            self.position += 1;
            let len = to - from;
            if len >= MAX_WORD_BYTES {
                continue;
            }
            let text = &mut self.token.text;
            if key[0] != 0 {
                self.memo.stem_key(&key, len, text);
            } else {
                let word = &self.text[from..to];
                text.clear();
                if ascii {
                    text.push_str(word);
                    text.make_ascii_lowercase();
                } else {
                    let mut folded = self.fold.token_stream(word);
                    if folded.advance() {
                        text.push_str(&folded.token().text);
                    }
                }
                self.memo.stem_in_place(text);
            }
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
        let mut words: Vec<String> = (0..6 * SETS).map(|i| format!("running{i}s")).collect();
        words.push("internationalisations".repeat(2));
        // Stems that change the word's ending, each twice: once stemmed, once from the memo.
        for w in [
            "nationalities",
            "skies",
            "hoping",
            "hopping",
            "dying",
            "generously",
            "news",
        ] {
            words.push(w.into());
            words.push(w.into());
        }
        for w in words {
            let mut got = w.clone();
            memo.stem_in_place(&mut got);
            assert_eq!(got, plain.stem(&w), "{w}");
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config(256))]

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
