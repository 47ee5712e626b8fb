//! A compact statistical name tagger: an averaged perceptron over word-shape, affix,
//! context and lexicon features, trained on CoNLL-2003 newswire (PER, ORG, LOC, MISC) by
//! `scripts/train-tagger`, with its weights shipped in `data/tagger.bin`.
//!
//! The rules in [`super::mentions`] decide where a name starts and ends; the tagger says
//! what a name is when the rules have no strong evidence ("Microsoft", "Labour",
//! "Zheng Zeguang"). Tagging is greedy, left to right, one label per token.

use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::gazetteer::{self, Gazetteer};
use super::lexicon::lexicon;
use crate::memo::Table;

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

/// Hash of a string, for features: FxHash with a final avalanche so that the 32 bits
/// kept are well mixed.
fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// Combine a feature template with the hashes of its parts into a 32-bit feature id.
fn feature(template: u64, parts: &[u64]) -> u32 {
    let mut h = template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for p in parts {
        h = (h.rotate_left(5) ^ p).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    // splitmix64's finaliser.
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    (h >> 32) as u32
}

/// Hash of the word shape: letters to X/x, digits to d, runs collapsed ("McDonald" ->
/// "XxXx"), at most seven symbols.
fn shape_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    let mut last = '\0';
    let mut n = 0;
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
            h.write_u32(s as u32);
            last = s;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h.write_u8(0xff);
    h.finish()
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

/// What the features need to know about one token, computed once per token: hashes of
/// its forms and its lexicon flags.
#[derive(Debug, Clone, Copy)]
pub struct TokenInfo {
    lower: u64,
    /// Hash of the word as written, possessive dropped: what gazetteer keys are made of.
    pub(crate) word: u64,
    /// The word starts with a capital, where a gazetteer name may start.
    pub(crate) capital: bool,
    /// Gazetteer marks (see [`gazetteer::PERSON`] and the others).
    pub(crate) gaz: u8,
    shape: u64,
    suffix3: u64,
    suffix2: u64,
    prefix3: u64,
    possessive: bool,
    flags: u16,
}

const BOUNDARY: TokenInfo = TokenInfo {
    lower: 0x5EED_0001,
    word: 0x5EED_0002,
    capital: false,
    gaz: 0,
    shape: 0x5EED_0003,
    suffix3: 0,
    suffix2: 0,
    prefix3: 0,
    possessive: false,
    flags: 0,
};

/// Sets of the per-thread memo of token descriptions (a power of two), two slots each:
/// 95.5% of lookups hit on the benchmark's news text (90.6% with half as many).
const MEMO_SETS: usize = 16_384;
/// Longest token remembered, in bytes; longer ones are described each time.
const MEMO_KEY: usize = 22;

/// One remembered token: its bytes, zero-padded, and its description.
#[derive(Clone, Copy)]
struct MemoSlot {
    len: u8,
    key: [u8; MEMO_KEY],
    info: TokenInfo,
}

thread_local! {
    /// Descriptions already computed: news text repeats its words, and describing one
    /// costs several word-list lookups and hashes. The token's bytes are in the slot
    /// (3 MB per thread, whatever the corpus), so a lookup is one hash and at most
    /// two fixed-size comparisons.
    static MEMO: RefCell<Table<MemoSlot>> = RefCell::new(Table::new(
        MEMO_SETS,
        MemoSlot { len: 0, key: [0; MEMO_KEY], info: BOUNDARY },
    ));
}

impl TokenInfo {
    /// Describe a token as written (without gazetteer marks); `lower` is a scratch buffer.
    pub fn new(token: &str, lower: &mut String) -> TokenInfo {
        MEMO.with(|memo| TokenInfo::remembered(&mut memo.borrow_mut(), token, lower))
    }

    fn remembered(memo: &mut Table<MemoSlot>, token: &str, lower: &mut String) -> TokenInfo {
        let bytes = token.as_bytes();
        if bytes.is_empty() || bytes.len() > MEMO_KEY {
            return TokenInfo::compute(token, lower);
        }
        let mut key = [0u8; MEMO_KEY];
        key[..bytes.len()].copy_from_slice(bytes);
        let len = bytes.len() as u8;
        let hash = hash_str(token);
        if let Some(slot) = memo.find(hash, |slot| slot.len == len && slot.key == key) {
            return slot.info;
        }
        let info = TokenInfo::compute(token, lower);
        memo.insert(hash, MemoSlot { len, key, info });
        info
    }

    fn compute(token: &str, lower: &mut String) -> TokenInfo {
        let (word, possessive) = strip_possessive(token);
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let lex = lexicon();
        let mut flags = lex.flags(word);
        if lex.is_common(lower) {
            flags |= super::lexicon::COMMON;
        }
        let char_start = |n: usize| lower.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
        let prefix_end = lower.char_indices().nth(3).map_or(lower.len(), |(i, _)| i);
        TokenInfo {
            lower: hash_str(lower),
            word: hash_str(word),
            capital: word.chars().next().is_some_and(char::is_uppercase),
            gaz: 0,
            shape: shape_hash(word),
            suffix3: hash_str(&lower[char_start(3)..]),
            suffix2: hash_str(&lower[char_start(2)..]),
            prefix3: hash_str(&lower[..prefix_end]),
            possessive,
            flags,
        }
    }
}

/// The hash a token's word has in [`TokenInfo`], possessive dropped.
pub fn word_hash(token: &str) -> u64 {
    hash_str(strip_possessive(token).0)
}

/// Describe every token of a sentence, with the shipped gazetteer's marks.
pub fn describe<'a>(tokens: impl Iterator<Item = &'a str>) -> Vec<TokenInfo> {
    describe_with(tokens, gazetteer::shipped())
}

/// Describe the tokens of a sentence for which `near(i)` holds, with the shipped
/// gazetteer's marks; the others get a placeholder no feature of a wanted token reads.
pub fn describe_near(tokens: &[&str], near: impl Fn(usize) -> bool) -> Vec<TokenInfo> {
    let mut lower = String::new();
    let mut infos: Vec<TokenInfo> = MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        // Ask for every slot first: the loads overlap instead of waiting one by one.
        for (i, t) in tokens.iter().enumerate() {
            if near(i) {
                memo.prefetch(hash_str(t));
            }
        }
        tokens
            .iter()
            .enumerate()
            .map(|(i, t)| match near(i) {
                true => TokenInfo::remembered(&mut memo, t, &mut lower),
                false => BOUNDARY,
            })
            .collect()
    });
    gazetteer::shipped().mark(&mut infos);
    infos
}

/// Describe every token of a sentence, with the marks of `gazetteer`.
pub fn describe_with<'a>(
    tokens: impl Iterator<Item = &'a str>,
    gazetteer: &Gazetteer,
) -> Vec<TokenInfo> {
    let mut lower = String::new();
    let mut infos: Vec<TokenInfo> = tokens.map(|t| TokenInfo::new(t, &mut lower)).collect();
    gazetteer.mark(&mut infos);
    infos
}

const LABEL_HASHES: [u64; LABELS] = [0xA11, 0xB22, 0xC33, 0xD44, 0xE55];

/// The feature ids of token `i`, given the labels of the two tokens before it.
pub fn features(tokens: &[TokenInfo], i: usize, prev: Label, prev2: Label, out: &mut Vec<u32>) {
    out.clear();
    word_features(&tokens[i], out);
    context_features(tokens, i, prev, prev2, out);
}

/// The features of a token's own forms and flags: the same wherever the word stands.
fn word_features(t: &TokenInfo, out: &mut Vec<u32>) {
    out.extend([
        feature(0, &[]),
        feature(1, &[t.lower]),
        feature(2, &[t.word]),
        feature(3, &[t.suffix3]),
        feature(4, &[t.suffix2]),
        feature(5, &[t.prefix3]),
        feature(6, &[t.shape]),
    ]);
    if t.possessive {
        out.push(feature(19, &[]));
    }
    for bit in 0..10u64 {
        if t.flags & (1 << bit) != 0 {
            out.push(feature(20, &[bit]));
        }
    }
}

/// The features of token `i` that depend on its neighbours and the labels before it.
fn context_features(tokens: &[TokenInfo], i: usize, prev: Label, prev2: Label, out: &mut Vec<u32>) {
    neighbour_features(tokens, i, out);
    out.extend(label_features(&tokens[i], prev, prev2));
}

/// The features of token `i` that depend on the labels of the two tokens before it.
fn label_features(t: &TokenInfo, prev: Label, prev2: Label) -> [u32; 3] {
    let [only_labels, both_labels] = label_pair_features(prev, prev2);
    [only_labels, both_labels, label_word_feature(t, prev)]
}

/// The features of the labels before a token alone, whatever the token.
fn label_pair_features(prev: Label, prev2: Label) -> [u32; 2] {
    let prev = LABEL_HASHES[prev as usize];
    let prev2 = LABEL_HASHES[prev2 as usize];
    [feature(13, &[prev]), feature(14, &[prev2, prev])]
}

/// The feature of the label before a token together with the token's word.
fn label_word_feature(t: &TokenInfo, prev: Label) -> u32 {
    feature(15, &[LABEL_HASHES[prev as usize], t.lower])
}

/// The features of token `i` that depend on its neighbours.
fn neighbour_features(tokens: &[TokenInfo], i: usize, out: &mut Vec<u32>) {
    let at = |j: isize| -> &TokenInfo {
        if j < 0 || j as usize >= tokens.len() {
            &BOUNDARY
        } else {
            &tokens[j as usize]
        }
    };
    let t = &tokens[i];
    let i = i as isize;
    let (p1, p2, n1, n2) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    out.extend([
        feature(7, &[p1.lower]),
        feature(8, &[n1.lower]),
        feature(9, &[p2.lower]),
        feature(10, &[n2.lower]),
        feature(11, &[p1.shape, t.shape]),
        feature(12, &[t.shape, n1.shape]),
        feature(16, &[p1.lower, t.lower]),
        feature(17, &[t.lower, n1.lower]),
        feature(18, &[u64::from(i == 0), t.shape]),
    ]);
    if t.gaz | p1.gaz | n1.gaz != 0 {
        let (g, gp, gn) = (u64::from(t.gaz), u64::from(p1.gaz), u64::from(n1.gaz));
        out.extend([
            feature(23, &[g]),
            feature(24, &[gp, g]),
            feature(25, &[g, gn]),
            feature(26, &[g, t.shape]),
        ]);
    }
    for bit in 0..10u64 {
        let flag = 1 << bit;
        if p1.flags & flag != 0 {
            out.push(feature(21, &[bit]));
        }
        if n1.flags & flag != 0 {
            out.push(feature(22, &[bit]));
        }
    }
}

/// Sets of the per-thread memo of word scores (a power of two), two slots each: 92.5%
/// of lookups hit on the benchmark's news text (84.7% with half as many).
const WORD_SCORE_SETS: usize = 8192;

/// A word's hash and its scores per label.
type WordScore = (u64, [i32; LABELS]);

thread_local! {
    /// The shipped model's scores of recent words' own features ([`word_features`]),
    /// keyed by the word's hash: a third of a word's weight lookups, done once per word
    /// rather than once per occurrence. Key 0 marks an empty slot.
    static WORD_SCORES: RefCell<Table<WordScore>> =
        RefCell::new(Table::new(WORD_SCORE_SETS, (0, [0; LABELS])));
}

/// Weights of a trained tagger: per feature hash, one weight per label.
pub struct Model {
    weights: Weights,
    /// The summed weights of the features of the labels before a token (13 and 14),
    /// by the label two before and the label just before: 25 sums, looked up in place
    /// of two weights per token.
    label_scores: [[[i32; LABELS]; LABELS]; LABELS],
}

/// One feature's weights in [`Weights`]: 16 bytes, four to a cache line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C, align(16))]
struct Slot {
    feature: u32,
    weights: [i16; LABELS],
    full: bool,
}

/// The weights of every feature in an open-addressed table: a feature's slot is its
/// id's low bits (ids are well mixed already), then the next slots in turn. The table
/// is kept under half full, so a lookup, found or not, mostly reads one cache line, and
/// the line can be asked for before it is needed ([`Weights::prefetch`]): tagging a
/// token looks up some twenty features, in a table larger than the core's own cache.
#[derive(Debug, PartialEq, Eq)]
struct Weights {
    slots: Box<[Slot]>,
    len: usize,
}

impl Weights {
    fn new(entries: impl ExactSizeIterator<Item = (u32, [i16; LABELS])>) -> Weights {
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        let mut table = Weights {
            slots: vec![Slot::default(); capacity].into_boxed_slice(),
            len: 0,
        };
        for (feature, weights) in entries {
            let mut i = table.home(feature);
            while table.slots[i].full && table.slots[i].feature != feature {
                i = (i + 1) & (capacity - 1);
            }
            if !table.slots[i].full {
                table.len += 1;
            }
            table.slots[i] = Slot {
                feature,
                weights,
                full: true,
            };
        }
        table
    }

    fn home(&self, feature: u32) -> usize {
        feature as usize & (self.slots.len() - 1)
    }

    #[inline]
    fn get(&self, feature: u32) -> Option<&[i16; LABELS]> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(feature);
        loop {
            let slot = &self.slots[i];
            if !slot.full {
                return None;
            }
            if slot.feature == feature {
                return Some(&slot.weights);
            }
            i = (i + 1) & mask;
        }
    }

    /// Start loading the cache line where `feature`'s lookup begins.
    #[inline]
    fn prefetch(&self, feature: u32) {
        crate::prefetch::prefetch(&self.slots[self.home(feature)]);
    }

    /// Every feature and its weights, in slot order.
    fn iter(&self) -> impl Iterator<Item = (u32, &[i16; LABELS])> {
        self.slots
            .iter()
            .filter(|s| s.full)
            .map(|s| (s.feature, &s.weights))
    }
}

const MAGIC: &[u8; 8] = b"NXTAGGR1";

impl Model {
    fn new(weights: Weights) -> Model {
        let mut model = Model {
            weights,
            label_scores: [[[0; LABELS]; LABELS]; LABELS],
        };
        for prev2 in Label::ALL {
            for prev in Label::ALL {
                let mut scores = [0; LABELS];
                model.add_scores(&label_pair_features(prev, prev2), &mut scores);
                model.label_scores[prev2 as usize][prev as usize] = scores;
            }
        }
        model
    }

    /// Build a model from float weights, quantised to 16 bits.
    pub fn from_weights(weights: &FxHashMap<u32, [f32; LABELS]>) -> Model {
        let max = weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-6);
        let scale = 32767.0 / max;
        let quantised: Vec<(u32, [i16; LABELS])> = weights
            .iter()
            .map(|(&k, w)| (k, w.map(|x| (x * scale).round() as i16)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        Model::new(Weights::new(quantised.into_iter()))
    }

    /// Serialise: magic, count, then (hash, weights) little-endian, sorted by hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<_> = self.weights.iter().collect();
        entries.sort_by_key(|(k, _)| *k);
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
        let entries = body.chunks_exact(width).map(|entry| {
            let key = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            let w: [i16; LABELS] =
                std::array::from_fn(|l| i16::from_le_bytes([entry[4 + 2 * l], entry[5 + 2 * l]]));
            (key, w)
        });
        Some(Model::new(Weights::new(entries)))
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.len == 0
    }

    /// The summed weights of `features`, added to `scores`.
    fn add_scores(&self, features: &[u32], scores: &mut [i32; LABELS]) {
        for &f in features {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += *x as i32;
                }
            }
        }
    }

    fn best(scores: &[i32; LABELS]) -> Label {
        let mut best = 0;
        for l in 1..LABELS {
            if scores[l] > scores[best] {
                best = l;
            }
        }
        Label::ALL[best]
    }

    /// The scores of a token's own features, remembered in `memo` if there is one.
    fn word_scores(
        &self,
        t: &TokenInfo,
        memo: Option<&mut Table<WordScore>>,
        buf: &mut Vec<u32>,
    ) -> [i32; LABELS] {
        let mut compute = || {
            buf.clear();
            word_features(t, buf);
            let mut scores = [0; LABELS];
            self.add_scores(buf, &mut scores);
            scores
        };
        let Some(memo) = memo else {
            return compute();
        };
        let key = word_key(t);
        if let Some((_, scores)) = memo.find(key, |slot| slot.0 == key) {
            return *scores;
        }
        let scores = compute();
        memo.insert(key, (key, scores));
        scores
    }

    /// Label each token of a sentence. `wanted(i)` says which tokens need a label; the
    /// others are taken as [`Label::Other`] without scoring, which keeps tagging cheap.
    pub fn tag(&self, tokens: &[TokenInfo], wanted: impl Fn(usize) -> bool) -> Vec<Label> {
        // Word scores are remembered for the shipped model only: the memo is keyed by
        // word, not by model.
        if std::ptr::eq(self, model()) {
            WORD_SCORES.with(|memo| self.tag_with(tokens, wanted, Some(&mut memo.borrow_mut())))
        } else {
            self.tag_with(tokens, wanted, None)
        }
    }

    fn tag_with(
        &self,
        tokens: &[TokenInfo],
        wanted: impl Fn(usize) -> bool,
        mut memo: Option<&mut Table<WordScore>>,
    ) -> Vec<Label> {
        let mut labels = vec![Label::Other; tokens.len()];
        // First the features that need no label, for every wanted token, asking for
        // their weights as they come: the loads overlap instead of waiting in turn.
        let mut features = Vec::with_capacity(tokens.len() * 24);
        let mut ends = Vec::with_capacity(tokens.len());
        for i in (0..tokens.len()).filter(|&i| wanted(i)) {
            if let Some(memo) = &memo {
                memo.prefetch(word_key(&tokens[i]));
            }
            let start = features.len();
            neighbour_features(tokens, i, &mut features);
            for &f in &features[start..] {
                self.weights.prefetch(f);
            }
            // The label before is most often Other.
            self.weights
                .prefetch(label_word_feature(&tokens[i], Label::Other));
            ends.push((i, features.len()));
        }
        // Then token by token, each with the labels just given to the two before it.
        let mut start = 0;
        let mut buf = Vec::with_capacity(24);
        for (i, end) in ends {
            let prev = if i > 0 { labels[i - 1] } else { Label::Other };
            let prev2 = if i > 1 { labels[i - 2] } else { Label::Other };
            let mut scores = self.word_scores(&tokens[i], memo.as_deref_mut(), &mut buf);
            self.add_scores(&features[start..end], &mut scores);
            let after_labels = &self.label_scores[prev2 as usize][prev as usize];
            for (s, x) in scores.iter_mut().zip(after_labels) {
                *s += x;
            }
            self.add_scores(&[label_word_feature(&tokens[i], prev)], &mut scores);
            labels[i] = Model::best(&scores);
            start = end;
        }
        labels
    }
}

/// The key of a token's own features in the word-score memo (never 0, an empty slot).
fn word_key(t: &TokenInfo) -> u64 {
    (t.word ^ u64::from(t.possessive).wrapping_mul(0x9E37_79B9_7F4A_7C15)).max(1)
}

/// The shipped model, loaded once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(include_bytes!("data/tagger.bin"))
            .unwrap_or_else(|| Model::new(Weights::new(std::iter::empty())))
    })
}

/// Training: an averaged perceptron over the same features.
pub mod train {
    use super::*;

    /// One training sentence: tokens and their gold labels.
    pub struct Sentence {
        pub words: Vec<String>,
        pub tokens: Vec<TokenInfo>,
        pub labels: Vec<Label>,
        /// Which document of the file the sentence is from.
        pub doc: usize,
    }

    /// The gazetteer of the names in `sentences`.
    pub fn gazetteer_of<'a>(sentences: impl Iterator<Item = &'a Sentence>) -> gazetteer::Builder {
        let mut builder = gazetteer::Builder::default();
        for s in sentences {
            builder.add(&s.words, &s.labels);
        }
        builder
    }

    /// Mark every sentence with `gazetteer`.
    pub fn mark(sentences: &mut [Sentence], gazetteer: &Gazetteer) {
        for s in sentences {
            gazetteer.mark(&mut s.tokens);
        }
    }

    /// Mark each sentence with the gazetteer of the other `folds - 1` folds of documents,
    /// so that training sees gazetteer marks as unreliable as they are on new text.
    pub fn mark_jackknifed(sentences: &mut [Sentence], folds: usize) {
        for fold in 0..folds {
            let others = gazetteer_of(sentences.iter().filter(|s| s.doc % folds != fold)).build();
            for s in sentences.iter_mut().filter(|s| s.doc % folds == fold) {
                others.mark(&mut s.tokens);
            }
        }
    }

    /// Read CoNLL-2003 text (`word POS chunk NER` lines, blank lines between
    /// sentences). A possessive "'s" token is joined to the word before it, as the
    /// extractor's tokenizer does.
    pub fn read_conll(text: &str) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        let mut words: Vec<(String, Label)> = Vec::new();
        let mut doc = 0;
        let none = Gazetteer::default();
        let mut flush = |words: &mut Vec<(String, Label)>, doc: usize| {
            if !words.is_empty() {
                sentences.push(Sentence {
                    tokens: describe_with(words.iter().map(|(w, _)| w.as_str()), &none),
                    words: words.iter().map(|(w, _)| w.clone()).collect(),
                    labels: words.iter().map(|(_, l)| *l).collect(),
                    doc,
                });
                words.clear();
            }
        };
        for line in text.lines() {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.first() == Some(&"-DOCSTART-") {
                flush(&mut words, doc);
                doc += 1;
                continue;
            }
            if cols.is_empty() {
                flush(&mut words, doc);
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
        flush(&mut words, doc);
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
    fn remembered_descriptions_equal_fresh_ones() {
        let mut lower = String::new();
        for token in [
            "Reuters", "said", "Zoë's", "U.S.", "Reuters", "said", "Zoë's",
        ] {
            let fresh = format!("{:?}", TokenInfo::compute(token, &mut lower));
            assert_eq!(
                format!("{:?}", TokenInfo::new(token, &mut lower)),
                fresh,
                "{token}"
            );
        }
        assert_ne!(
            format!("{:?}", TokenInfo::new("Reuters", &mut lower)),
            format!("{:?}", TokenInfo::new("reuters", &mut lower))
        );
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("McDonald"), shape_hash("MxDxxxxx"));
        assert_ne!(shape_hash("McDonald"), shape_hash("Mcdonald"));
        assert_eq!(shape_hash("1996-08-22"), shape_hash("1-2-3"));
    }

    #[test]
    fn describing_only_tokens_near_capitals_changes_no_label() {
        let m = model();
        let words: Vec<&str> = "yesterday the committee , which had been meeting for weeks in private , said that Shares in Microsoft fell after Labour said so ."
            .split(' ')
            .collect();
        let wanted = |i: usize| words[i].starts_with(char::is_uppercase);
        let near = |i: usize| (i.saturating_sub(2)..(i + 3).min(words.len())).any(wanted);
        assert!(!(0..words.len()).all(near));
        let all = m.tag(&describe(words.iter().copied()), wanted);
        let some = m.tag(&describe_near(&words, near), wanted);
        assert_eq!(all, some);
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let mut w = FxHashMap::default();
        w.insert(7u32, [0.5, -1.0, 0.0, 0.25, 0.0]);
        let m = Model::from_weights(&w);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert_eq!(back.weights.get(7), Some(&[16384, -32767, 0, 8192, 0]));
        assert!(Model::from_bytes(b"garbage").is_none());
    }

    #[test]
    fn weight_table_finds_colliding_features_and_misses_absent_ones() {
        // Same low bits: all want the same slot of a 16-slot table.
        let entries = [(3u32, [1i16; LABELS]), (19, [2; LABELS]), (35, [3; LABELS])];
        let table = Weights::new(entries.into_iter());
        assert_eq!(table.len, 3);
        for (feature, weights) in entries {
            assert_eq!(table.get(feature), Some(&weights));
        }
        assert_eq!(table.get(51), None);
        assert_eq!(table.get(4), None);
        assert_eq!(Weights::new(std::iter::empty()).get(0), None);
    }

    #[test]
    fn shipped_model_knows_common_names() {
        let m = model();
        assert!(!m.is_empty());
        let tag = |text: &str| {
            let tokens = describe(text.split(' '));
            m.tag(&tokens, |_| true)
        };
        let labels = tag("Shares in Microsoft fell after Labour said so .");
        assert_eq!(labels[2], Label::Organization);
        let labels = tag("Zheng Zeguang met officials in Beijing .");
        assert_eq!(labels[..2], [Label::Person, Label::Person]);
        assert_eq!(labels[5], Label::Location);
    }
}
