//! Names the tagger has seen before: a gazetteer of the person, organization, place and
//! other names of the CoNLL-2003 training split, shipped in `data/conll_names.tsv` and
//! written by `scripts/train-tagger` from the same data the tagger learns from.
//!
//! The gazetteer marks the longest known name starting at each capitalised token of a
//! sentence with the classes that name took in training; the tagger turns the marks into
//! features and learns how far to trust them. Lookups hash the tokens' word hashes, so
//! marking a sentence allocates nothing.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::tagger::{word_hash, Label, TokenInfo};

/// Mark bits: the name was tagged as this class in training.
pub const PERSON: u8 = 1;
pub const ORGANIZATION: u8 = 2;
pub const LOCATION: u8 = 4;
pub const MISC: u8 = 8;
/// Set on the first token of a marked name.
pub const BEGIN: u8 = 16;

/// The longest name, in tokens, the gazetteer keeps.
const MAX_TOKENS: usize = 5;

/// Known names, keyed by a hash of their tokens' word hashes.
#[derive(Default)]
pub struct Gazetteer {
    names: FxHashMap<u64, u8>,
    /// For each first word of a name, the longest name it starts: most capitalised
    /// words start none, and cost one lookup.
    starts: FxHashMap<u64, u8>,
}

/// One key for a run of tokens, from their word hashes.
fn key(words: impl Iterator<Item = u64>) -> u64 {
    let mut h: u64 = 0xC0FF_EE00;
    for w in words {
        h = (h.rotate_left(7) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

fn class_bit(label: Label) -> u8 {
    match label {
        Label::Person => PERSON,
        Label::Organization => ORGANIZATION,
        Label::Location => LOCATION,
        Label::Misc => MISC,
        Label::Other => 0,
    }
}

const LETTERS: [(char, u8); 4] = [
    ('P', PERSON),
    ('O', ORGANIZATION),
    ('L', LOCATION),
    ('M', MISC),
];

impl Gazetteer {
    /// Read `name<TAB>classes` lines, classes as letters P, O, L, M.
    pub fn parse(text: &str) -> Gazetteer {
        let mut names = FxHashMap::default();
        let mut starts: FxHashMap<u64, u8> = FxHashMap::default();
        for line in text.lines() {
            let Some((name, classes)) = line.split_once('\t') else {
                continue;
            };
            let bits = LETTERS
                .iter()
                .filter(|(c, _)| classes.contains(*c))
                .fold(0, |b, (_, bit)| b | bit);
            let words: Vec<&str> = name.split(' ').collect();
            if bits != 0 && words.len() <= MAX_TOKENS {
                names.insert(key(words.iter().map(|w| word_hash(w))), bits);
                let longest = starts.entry(word_hash(words[0])).or_default();
                *longest = (*longest).max(words.len() as u8);
            }
        }
        Gazetteer { names, starts }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Mark the known names of a sentence, longest first, on its tokens.
    pub fn mark(&self, tokens: &mut [TokenInfo]) {
        for t in tokens.iter_mut() {
            t.gaz = 0;
        }
        if self.names.is_empty() {
            return;
        }
        let mut i = 0;
        while i < tokens.len() {
            let starts = match tokens[i].capital {
                true => self.starts.get(&tokens[i].word).copied().unwrap_or(0),
                false => 0,
            };
            if starts == 0 {
                i += 1;
                continue;
            }
            let longest = usize::from(starts).min(tokens.len() - i);
            let found = (1..=longest).rev().find_map(|len| {
                let k = key(tokens[i..i + len].iter().map(|t| t.word));
                self.names.get(&k).map(|bits| (len, *bits))
            });
            match found {
                Some((len, bits)) => {
                    for t in &mut tokens[i..i + len] {
                        t.gaz = bits;
                    }
                    tokens[i].gaz |= BEGIN;
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// The shipped gazetteer, loaded once.
pub fn shipped() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::parse(include_str!("data/conll_names.tsv")))
}

/// Counts of the classes each name took in labelled sentences; the training side.
#[derive(Default)]
pub struct Builder {
    counts: FxHashMap<String, [u32; 4]>,
}

impl Builder {
    /// Count the names of one sentence: runs of tokens with the same class.
    pub fn add(&mut self, words: &[String], labels: &[Label]) {
        let mut i = 0;
        while i < words.len() {
            let label = labels[i];
            let mut j = i + 1;
            while j < words.len() && labels[j] == label {
                j += 1;
            }
            if label != Label::Other && j - i <= MAX_TOKENS {
                let slot = class_bit(label).trailing_zeros() as usize;
                self.counts.entry(words[i..j].join(" ")).or_default()[slot] += 1;
            }
            i = j;
        }
    }

    /// The names with the classes that make up at least a third of their uses, as the
    /// text [`Gazetteer::parse`] reads, sorted.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self
            .counts
            .iter()
            .filter(|(name, _)| name.chars().next().is_some_and(char::is_uppercase))
            .map(|(name, counts)| {
                let total: u32 = counts.iter().sum();
                let classes: String = LETTERS
                    .iter()
                    .enumerate()
                    .filter(|(slot, _)| counts[*slot] * 3 >= total)
                    .map(|(_, (c, _))| *c)
                    .collect();
                format!("{name}\t{classes}")
            })
            .collect();
        lines.sort();
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// The gazetteer of the names counted so far.
    pub fn build(&self) -> Gazetteer {
        Gazetteer::parse(&self.to_text())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tagger::describe_with;
    use super::*;

    #[test]
    fn longest_known_name_is_marked() {
        let g = Gazetteer::parse("European Union\tO\nUnion\tO\nJordan\tPL\n");
        let mut tokens = describe_with("the European Union and Jordan's king".split(' '), &g);
        g.mark(&mut tokens);
        let marks: Vec<u8> = tokens.iter().map(|t| t.gaz).collect();
        assert_eq!(
            marks,
            [
                0,
                ORGANIZATION | BEGIN,
                ORGANIZATION,
                0,
                PERSON | LOCATION | BEGIN,
                0
            ]
        );
    }

    #[test]
    fn builder_keeps_classes_of_a_third_of_the_uses() {
        let mut b = Builder::default();
        let words: Vec<String> = ["Chelsea", "beat", "Ajax"].map(String::from).to_vec();
        let org = [Label::Organization, Label::Other, Label::Organization];
        let per = [Label::Person, Label::Other, Label::Organization];
        for _ in 0..3 {
            b.add(&words, &org);
        }
        b.add(&words, &per);
        assert_eq!(b.to_text(), "Ajax\tO\nChelsea\tO\n");
        for _ in 0..2 {
            b.add(&words, &per);
        }
        assert_eq!(b.to_text(), "Ajax\tO\nChelsea\tPO\n");
        assert_eq!(b.build().len(), 2);
    }
}
