//! Names joined by "and" ("Standard and Poor's", "Duff and Phelps", "S and P", "Sears
//! Roebuck and Co"), learned from unlabelled news by `scripts/train-clusters`: a
//! capitalised word, "and" (or "&"), a capitalised word, seen together often while at
//! least one of the two is seldom seen without the other. "Britain and France" is no
//! such phrase: both words are common alone. Labelled data rarely shows these names, and
//! the model would otherwise read them as two (as it must "Chicago and Boston"); the
//! phrase marks the tokens as evidence, weighed like any other. Shipped in
//! `data/phrases.txt`, one phrase a line, lowercase.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::features::{self, Word};
use crate::extract::tokens::Kind;

const DATA: &str = include_str!("../data/phrases.txt");

/// The key of a phrase from its three words' descriptions.
pub fn key(a: &Word, and: &Word, b: &Word) -> u64 {
    features::key2(
        features::Template::Bias,
        a.word.rotate_left(7) ^ and.word,
        b.word,
    )
}

fn describe(text: &str) -> Option<[Word; 3]> {
    let words: Vec<&str> = text.split(' ').collect();
    let [a, and, b] = words.as_slice() else {
        return None;
    };
    let kind = |w: &str| {
        if w.chars().all(|c| !c.is_alphanumeric()) {
            Kind::Punct
        } else {
            Kind::Word
        }
    };
    Some([a, and, b].map(|w| features::describe(w, kind(w))))
}

fn table() -> &'static FxHashSet<u64> {
    static TABLE: OnceLock<FxHashSet<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DATA.lines()
            .filter_map(describe)
            .map(|[a, and, b]| key(&a, &and, &b))
            .collect()
    })
}

/// Whether words `a and b` form a known phrase.
pub fn known(a: &Word, and: &Word, b: &Word) -> bool {
    !table().is_empty() && table().contains(&key(a, and, b))
}

/// A digest of the phrase data, part of the feature fingerprint.
pub fn digest() -> u64 {
    xxhash_rust::xxh3::xxh3_64(DATA.as_bytes())
}

/// Counts for learning phrases from sentences of tokens.
#[derive(Default)]
pub struct Learner {
    /// Occurrences of each "A and B", as written lowercase.
    together: FxHashMap<String, u32>,
    /// Occurrences of each capitalised word inside a sentence, outside such a triple.
    alone: FxHashMap<String, u32>,
}

fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
}

impl Learner {
    /// Count one sentence's tokens.
    pub fn add(&mut self, tokens: &[&str]) {
        let mut in_triple = vec![false; tokens.len()];
        for j in 1..tokens.len().saturating_sub(1) {
            let (a, and, b) = (tokens[j - 1], tokens[j], tokens[j + 1]);
            if (and == "and" || and == "&") && capitalised(a) && capitalised(b) {
                let phrase = format!("{a} {and} {b}").to_lowercase();
                *self.together.entry(phrase).or_default() += 1;
                in_triple[j - 1] = true;
                in_triple[j + 1] = true;
            }
        }
        // The first word of a sentence is capitalised whatever it is.
        for (i, w) in tokens.iter().enumerate().skip(1) {
            if capitalised(w) && !in_triple[i] {
                *self.alone.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }

    /// The phrases seen at least `min_count` times, at least one of whose names is seen
    /// alone no more often than in the phrase; sorted.
    pub fn phrases(&self, min_count: u32) -> Vec<String> {
        let mut out: Vec<String> = self
            .together
            .iter()
            .filter(|(_, &n)| n >= min_count)
            .filter(|(phrase, &n)| {
                let words: Vec<&str> = phrase.split(' ').collect();
                let alone = |w: &str| self.alone.get(w).copied().unwrap_or(0);
                words.len() == 3 && alone(words[0]).min(alone(words[2])) <= n
            })
            .map(|(p, _)| p.clone())
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_names_seldom_seen_apart() {
        let mut l = Learner::default();
        for _ in 0..6 {
            l.add(&["Ratings", "by", "Standard", "and", "Poor's", "fell"]);
            l.add(&["Talks", "between", "Britain", "and", "France", "began"]);
        }
        for _ in 0..20 {
            l.add(&["Trade", "with", "Britain", "grew"]);
            l.add(&["Trade", "with", "France", "grew"]);
        }
        assert_eq!(l.phrases(5), ["standard and poor's"]);
    }
}
