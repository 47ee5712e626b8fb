//! A compact statistical name tagger: an averaged perceptron over word-shape, affix,
//! context and lexicon features, trained on CoNLL-2003 newswire (PER, ORG, LOC, MISC) by
//! `scripts/train-tagger`, with its weights shipped in `data/tagger.bin`.
//!
//! The rules in [`super::mentions`] decide where a name starts and ends; the tagger says
//! what a name is when the rules have no strong evidence ("Microsoft", "Labour",
//! "Zheng Zeguang"). Tagging is greedy, left to right, one label per token.

use std::hash::Hasher;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::lexicon::{lexicon, COMPANY_SUFFIXES, ORG_HEADS, TITLES};

/// What a token is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Other = 0,
    Person = 1,
    Organization = 2,
    Location = 3,
    Misc = 4,
}

/// Number of labels.
pub const LABELS: usize = 5;

impl Label {
    /// All labels, in weight order.
    pub const ALL: [Label; LABELS] = [
        Label::Other,
        Label::Person,
        Label::Organization,
        Label::Location,
        Label::Misc,
    ];

    /// The label of a CoNLL tag ("B-PER", "I-ORG", "O").
    pub fn from_conll(tag: &str) -> Label {
        match tag.rsplit('-').next().unwrap_or("O") {
            "PER" => Label::Person,
            "ORG" => Label::Organization,
            "LOC" => Label::Location,
            "MISC" => Label::Misc,
            _ => Label::Other,
        }
    }

    fn name(self) -> &'static str {
        ["O", "PER", "ORG", "LOC", "MISC"][self as usize]
    }
}

/// The word shape: letters to X/x, digits to d, runs collapsed ("McDonald" -> "XxXx").
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
        if out.len() > 6 {
            break;
        }
    }
    out
}

fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

/// What the features need to know about one token, computed once per token.
pub struct TokenInfo {
    word: String,
    lower: String,
    shape: String,
    possessive: bool,
    flags: u16,
}

const GIVEN: u16 = 1;
const SURNAME: u16 = 2;
const PLACE: u16 = 4;
const DEMONYM: u16 = 8;
const ORG_HEAD: u16 = 16;
const SUFFIX: u16 = 32;
const TITLE: u16 = 64;
const COMMON: u16 = 128;
const OUTLET: u16 = 256;

impl TokenInfo {
    /// Describe a token as written.
    pub fn new(token: &str) -> TokenInfo {
        let (word, possessive) = strip_possessive(token);
        let lex = lexicon();
        let lower = word.to_lowercase();
        let mut flags = 0;
        for (on, flag) in [
            (lex.is_given_name(word), GIVEN),
            (lex.is_surname(word), SURNAME),
            (lex.is_place(word), PLACE),
            (lex.is_demonym(word), DEMONYM),
            (ORG_HEADS.contains(word), ORG_HEAD),
            (COMPANY_SUFFIXES.contains(word), SUFFIX),
            (TITLES.contains(word), TITLE),
            (lex.is_common(&lower), COMMON),
            (lex.is_outlet(word), OUTLET),
        ] {
            if on {
                flags |= flag;
            }
        }
        TokenInfo {
            shape: shape(word),
            word: word.to_string(),
            lower,
            possessive,
            flags,
        }
    }
}

fn hash(template: u8, parts: &[&str]) -> u32 {
    let mut h = FxHasher::default();
    h.write_u8(template);
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0xff);
    }
    (h.finish() >> 32) as u32
}

const BOUNDARY: &str = "<s>";

/// The feature hashes of token `i`, given the labels of the two tokens before it.
pub fn features(tokens: &[TokenInfo], i: usize, prev: Label, prev2: Label, out: &mut Vec<u32>) {
    out.clear();
    let t = &tokens[i];
    let word_at = |j: isize| -> &str {
        if j < 0 || j as usize >= tokens.len() {
            BOUNDARY
        } else {
            &tokens[j as usize].lower
        }
    };
    let shape_at = |j: isize| -> &str {
        if j < 0 || j as usize >= tokens.len() {
            BOUNDARY
        } else {
            &tokens[j as usize].shape
        }
    };
    let flags_at = |j: isize| -> u16 {
        if j < 0 || j as usize >= tokens.len() {
            0
        } else {
            tokens[j as usize].flags
        }
    };
    let i = i as isize;
    let chars: Vec<char> = t.lower.chars().collect();
    let suffix = |n: usize| -> String { chars[chars.len().saturating_sub(n)..].iter().collect() };
    let prefix: String = chars.iter().take(3).collect();
    out.push(hash(0, &[]));
    out.push(hash(1, &[&t.lower]));
    out.push(hash(2, &[&t.word]));
    out.push(hash(3, &[&suffix(3)]));
    out.push(hash(4, &[&suffix(2)]));
    out.push(hash(5, &[&prefix]));
    out.push(hash(6, &[&t.shape]));
    out.push(hash(7, &[word_at(i - 1)]));
    out.push(hash(8, &[word_at(i + 1)]));
    out.push(hash(9, &[word_at(i - 2)]));
    out.push(hash(10, &[word_at(i + 2)]));
    out.push(hash(11, &[shape_at(i - 1), &t.shape]));
    out.push(hash(12, &[&t.shape, shape_at(i + 1)]));
    out.push(hash(13, &[prev.name()]));
    out.push(hash(14, &[prev2.name(), prev.name()]));
    out.push(hash(15, &[prev.name(), &t.lower]));
    out.push(hash(16, &[word_at(i - 1), &t.lower]));
    out.push(hash(17, &[&t.lower, word_at(i + 1)]));
    out.push(hash(
        18,
        &[if i == 0 { "first" } else { "inner" }, &t.shape],
    ));
    if t.possessive {
        out.push(hash(19, &[]));
    }
    let flag_names = [
        "given", "surname", "place", "demonym", "orghead", "suffix", "title", "common", "outlet",
    ];
    for (bit, name) in flag_names.iter().enumerate() {
        let flag = 1 << bit;
        if t.flags & flag != 0 {
            out.push(hash(20, &[name]));
        }
        if flags_at(i - 1) & flag != 0 {
            out.push(hash(21, &[name]));
        }
        if flags_at(i + 1) & flag != 0 {
            out.push(hash(22, &[name]));
        }
    }
}

/// Weights of a trained tagger: per feature hash, one weight per label.
pub struct Model {
    weights: FxHashMap<u32, [i16; LABELS]>,
}

const MAGIC: &[u8; 8] = b"NXTAGGR1";

impl Model {
    /// Build a model from float weights, quantised to 16 bits.
    pub fn from_weights(weights: &FxHashMap<u32, [f32; LABELS]>) -> Model {
        let max = weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-6);
        let scale = 32767.0 / max;
        let weights = weights
            .iter()
            .map(|(&k, w)| (k, w.map(|x| (x * scale).round() as i16)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        Model { weights }
    }

    /// Serialise: magic, count, then (hash, weights) little-endian, sorted by hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<_> = self.weights.iter().collect();
        entries.sort_by_key(|(k, _)| **k);
        let mut out = Vec::with_capacity(12 + entries.len() * (4 + 2 * LABELS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, w) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            for x in w {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Read a serialised model; `None` if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let count = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let body = rest.get(4..)?;
        let width = 4 + 2 * LABELS;
        if body.len() != count * width {
            return None;
        }
        let mut weights = FxHashMap::default();
        weights.reserve(count);
        for entry in body.chunks_exact(width) {
            let key = u32::from_le_bytes(entry[..4].try_into().ok()?);
            let mut w = [0i16; LABELS];
            for (l, x) in w.iter_mut().enumerate() {
                *x = i16::from_le_bytes(entry[4 + 2 * l..6 + 2 * l].try_into().ok()?);
            }
            weights.insert(key, w);
        }
        Some(Model { weights })
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn best(&self, features: &[u32]) -> Label {
        let mut scores = [0i32; LABELS];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += *x as i32;
                }
            }
        }
        let mut best = 0;
        for l in 1..LABELS {
            if scores[l] > scores[best] {
                best = l;
            }
        }
        Label::ALL[best]
    }

    /// Label each token of a sentence. `wanted(i)` says which tokens need a label; the
    /// others are taken as [`Label::Other`] without scoring, which keeps tagging cheap.
    pub fn tag(&self, tokens: &[TokenInfo], wanted: impl Fn(usize) -> bool) -> Vec<Label> {
        let mut labels = vec![Label::Other; tokens.len()];
        let mut buf = Vec::with_capacity(48);
        for i in 0..tokens.len() {
            if !wanted(i) {
                continue;
            }
            let prev = if i > 0 { labels[i - 1] } else { Label::Other };
            let prev2 = if i > 1 { labels[i - 2] } else { Label::Other };
            features(tokens, i, prev, prev2, &mut buf);
            labels[i] = self.best(&buf);
        }
        labels
    }
}

/// The shipped model, loaded once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(include_bytes!("data/tagger.bin")).unwrap_or(Model {
            weights: FxHashMap::default(),
        })
    })
}

/// Training: an averaged perceptron over the same features.
pub mod train {
    use super::*;

    /// One training sentence: tokens and their gold labels.
    pub struct Sentence {
        pub tokens: Vec<TokenInfo>,
        pub labels: Vec<Label>,
    }

    /// Read CoNLL-2003 text (`word POS chunk NER` lines, blank lines between
    /// sentences). A possessive "'s" token is joined to the word before it, as the
    /// extractor's tokenizer does.
    pub fn read_conll(text: &str) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        let mut words: Vec<(String, Label)> = Vec::new();
        let mut flush = |words: &mut Vec<(String, Label)>| {
            if !words.is_empty() {
                sentences.push(Sentence {
                    tokens: words.iter().map(|(w, _)| TokenInfo::new(w)).collect(),
                    labels: words.iter().map(|(_, l)| *l).collect(),
                });
                words.clear();
            }
        };
        for line in text.lines() {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.is_empty() || cols[0] == "-DOCSTART-" {
                flush(&mut words);
                continue;
            }
            let (word, tag) = (cols[0], *cols.last().unwrap());
            if word == "'s" {
                if let Some(last) = words.last_mut() {
                    last.0.push_str("'s");
                    continue;
                }
            }
            words.push((word.to_string(), Label::from_conll(tag)));
        }
        flush(&mut words);
        sentences
    }

    /// Train for `epochs` passes (sentences shuffled with a fixed seed) and return the
    /// averaged weights.
    pub fn train(sentences: &[Sentence], epochs: usize) -> FxHashMap<u32, [f32; LABELS]> {
        let mut weights: FxHashMap<u32, [f32; LABELS]> = FxHashMap::default();
        let mut totals: FxHashMap<u32, [f32; LABELS]> = FxHashMap::default();
        let mut stamps: FxHashMap<u32, [u64; LABELS]> = FxHashMap::default();
        let mut step: u64 = 0;
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut seed: u64 = 0x2545F4914F6CDD1D;
        let mut buf = Vec::with_capacity(48);
        for _ in 0..epochs {
            // Fisher-Yates with a xorshift generator: reproducible runs.
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &si in &order {
                let s = &sentences[si];
                let mut guessed = vec![Label::Other; s.tokens.len()];
                for i in 0..s.tokens.len() {
                    step += 1;
                    let prev = if i > 0 { guessed[i - 1] } else { Label::Other };
                    let prev2 = if i > 1 { guessed[i - 2] } else { Label::Other };
                    features(&s.tokens, i, prev, prev2, &mut buf);
                    let mut scores = [0f32; LABELS];
                    for f in &buf {
                        if let Some(w) = weights.get(f) {
                            for (sc, x) in scores.iter_mut().zip(w) {
                                *sc += x;
                            }
                        }
                    }
                    let mut guess = 0;
                    for l in 1..LABELS {
                        if scores[l] > scores[guess] {
                            guess = l;
                        }
                    }
                    let gold = s.labels[i] as usize;
                    if guess != gold {
                        for f in &buf {
                            let w = weights.entry(*f).or_insert([0.0; LABELS]);
                            let t = totals.entry(*f).or_insert([0.0; LABELS]);
                            let st = stamps.entry(*f).or_insert([0; LABELS]);
                            for (l, delta) in [(gold, 1.0f32), (guess, -1.0f32)] {
                                t[l] += (step - st[l]) as f32 * w[l];
                                st[l] = step;
                                w[l] += delta;
                            }
                        }
                    }
                    guessed[i] = Label::ALL[guess];
                }
            }
        }
        let mut averaged = FxHashMap::default();
        for (f, w) in &weights {
            let t = totals[f];
            let st = stamps[f];
            let mut avg = [0f32; LABELS];
            for l in 0..LABELS {
                avg[l] = (t[l] + (step - st[l]) as f32 * w[l]) / step as f32;
            }
            averaged.insert(*f, avg);
        }
        averaged
    }

    /// Keep the `keep` features with the largest weights, so the shipped file stays small.
    pub fn prune(weights: &mut FxHashMap<u32, [f32; LABELS]>, keep: usize) {
        if weights.len() <= keep {
            return;
        }
        let mut strengths: Vec<f32> = weights
            .values()
            .map(|w| w.iter().fold(0f32, |m, x| m.max(x.abs())))
            .collect();
        let cut = strengths.len() - keep;
        strengths.select_nth_unstable_by(cut, |a, b| a.total_cmp(b));
        let threshold = strengths[cut];
        weights.retain(|_, w| w.iter().fold(0f32, |m, x| m.max(x.abs())) >= threshold);
    }

    /// Token accuracy and per-label precision/recall of `model` on `sentences`.
    pub fn evaluate(model: &Model, sentences: &[Sentence]) -> String {
        let mut correct = 0usize;
        let mut total = 0usize;
        let mut tp = [0usize; LABELS];
        let mut predicted = [0usize; LABELS];
        let mut gold = [0usize; LABELS];
        for s in sentences {
            let labels = model.tag(&s.tokens, |_| true);
            for (g, p) in s.labels.iter().zip(&labels) {
                total += 1;
                predicted[*p as usize] += 1;
                gold[*g as usize] += 1;
                if g == p {
                    correct += 1;
                    tp[*g as usize] += 1;
                }
            }
        }
        let mut report = format!(
            "token accuracy {:.4}\n",
            correct as f64 / total.max(1) as f64
        );
        for l in 1..LABELS {
            let p = tp[l] as f64 / predicted[l].max(1) as f64;
            let r = tp[l] as f64 / gold[l].max(1) as f64;
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            report.push_str(&format!(
                "{:<5} tokens: precision {p:.3} recall {r:.3} F1 {f:.3}\n",
                Label::ALL[l].name()
            ));
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "d-d-d");
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let mut w = FxHashMap::default();
        w.insert(7u32, [0.5, -1.0, 0.0, 0.25, 0.0]);
        let m = Model::from_weights(&w);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.weights, m.weights);
        assert!(Model::from_bytes(b"garbage").is_none());
    }

    #[test]
    fn shipped_model_knows_common_names() {
        let m = model();
        assert!(!m.is_empty());
        let tag = |text: &str| {
            let tokens: Vec<TokenInfo> = text.split(' ').map(TokenInfo::new).collect();
            m.tag(&tokens, |_| true)
        };
        let labels = tag("Shares in Microsoft fell after Labour said so .");
        assert_eq!(labels[2], Label::Organization);
        let labels = tag("Zheng Zeguang met officials in Beijing .");
        assert_eq!(labels[..2], [Label::Person, Label::Person]);
        assert_eq!(labels[5], Label::Location);
    }
}
