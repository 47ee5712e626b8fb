//! Learning the name model from CoNLL-2003: the data read into articles as newsidx would
//! see them, and an averaged structured perceptron over both passes.
//!
//! CoNLL gives tokens; newsidx reads text. So each training document is first written
//! out as text the way the shared validation articles are (the headline, a blank line,
//! one sentence a line, tokens joined as prose), then read by the same stages as any
//! article (paragraphs, tokens, sentences, token descriptions), and the annotated names
//! are carried over to the tokens by their character offsets. What the model learns
//! from is then exactly what it will see.
//!
//! The second pass learns from first-pass labels that are as wrong as they will be on
//! new text: each training document gets them from a first-pass model trained on the
//! other documents only (jackknifing, in `folds` parts). Training is deterministic:
//! documents are shuffled by a seeded generator, and the same data and settings give
//! the same weights, byte for byte.
//!
//! Only the `train-tagger` binary calls this module.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::decode::{self, Transitions};
use super::features;
use super::labels::{self, Kind, Label, COUNT};
use super::model::{Joint, Model, Pass};
use super::{seen, Reading};
use crate::extract::{layout, Paragraph};

/// One CoNLL document: sentences of (word, tag) pairs.
pub type ConllDocument = Vec<Vec<(String, String)>>;

/// Read a CoNLL-2003 file (`word POS chunk NER` per line, blank lines between
/// sentences, `-DOCSTART-` between documents).
pub fn read_conll(text: &str) -> Vec<ConllDocument> {
    let mut docs: Vec<ConllDocument> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    let mut doc: ConllDocument = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.starts_with("-DOCSTART-") {
            if !sentence.is_empty() {
                doc.push(std::mem::take(&mut sentence));
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.is_empty() {
            if !sentence.is_empty() {
                doc.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if let (Some(word), Some(tag)) = (cols.first(), cols.last()) {
            sentence.push((word.to_string(), tag.to_string()));
        }
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Tokens written without a space before them.
fn attaches_left(word: &str) -> bool {
    matches!(
        word,
        "," | "."
            | ";"
            | ":"
            | "!"
            | "?"
            | "%"
            | ")"
            | "]"
            | "}"
            | "n't"
            | "'s"
            | "'S"
            | "'re"
            | "'ve"
            | "'d"
            | "'ll"
            | "'m"
            | "'"
    )
}

/// Tokens written without a space after them: opening brackets and currency signs.
fn attaches_right(word: &str) -> bool {
    matches!(word, "(" | "[" | "{") || word.ends_with('$')
}

/// Write a sentence's tokens as prose, with each token's byte range in the text.
/// Double quote marks alternate: the first of a sentence opens (no space after), the
/// next closes (no space before).
pub fn detokenize<S: AsRef<str>>(words: &[S]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    let mut glue = true;
    let mut quote_open = false;
    for word in words {
        let word = word.as_ref();
        let space = if word == "\"" {
            let s = !quote_open && !glue;
            quote_open = !quote_open;
            s
        } else {
            !glue && !attaches_left(word)
        };
        if space {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        spans.push(start..text.len());
        glue = if word == "\"" {
            quote_open
        } else {
            attaches_right(word)
        };
    }
    (text, spans)
}

/// Names of a tagged sentence as byte ranges of its detokenized text (IOB1 or IOB2).
fn sentence_names(
    sentence: &[(String, String)],
    spans: &[Range<usize>],
) -> Vec<(Range<usize>, Kind)> {
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut prev: Option<Kind> = None;
    for ((_, tag), span) in sentence.iter().zip(spans) {
        let (prefix, class) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let kind = Kind::from_conll(class);
        match kind {
            Some(k) if prefix == "I" && prev == Some(k) => {
                if let Some(last) = out.last_mut() {
                    last.0.end = span.end;
                }
            }
            Some(k) => out.push((span.clone(), k)),
            None => {}
        }
        prev = kind;
    }
    out
}

/// A training or validation article: its paragraphs, which are headlines, and the gold
/// label of every token.
pub struct Document {
    pub paragraphs: Vec<Paragraph>,
    pub headline: Vec<bool>,
    pub gold: Vec<Vec<Label>>,
    /// How many times each epoch learns from it: data closer to the news newsidx reads
    /// ([`super::listed`]) may weigh more than CoNLL's.
    pub repeat: usize,
}

impl Document {
    /// Write a CoNLL document as an article (see the module documentation) and carry its
    /// names over to the article's tokens.
    pub fn from_conll(doc: &ConllDocument) -> Document {
        let mut paragraphs = Vec::new();
        let mut headline = Vec::new();
        let mut gold = Vec::new();
        let mut add = |sentences: &[Vec<(String, String)>], is_headline: bool| {
            let mut text = String::new();
            let mut names = Vec::new();
            for s in sentences {
                if !text.is_empty() {
                    text.push('\n');
                }
                let words: Vec<&str> = s.iter().map(|(w, _)| w.as_str()).collect();
                let (line, spans) = detokenize(&words);
                let offset = text.len();
                for (range, kind) in sentence_names(s, &spans) {
                    names.push((range.start + offset..range.end + offset, kind));
                }
                text.push_str(&line);
            }
            if text.is_empty() {
                return;
            }
            let p = Paragraph::new(text);
            gold.push(token_labels(&p, &names));
            paragraphs.push(p);
            headline.push(is_headline);
        };
        if let Some((first, rest)) = doc.split_first() {
            let words: Vec<&str> = first.iter().map(|(w, _)| w.as_str()).collect();
            // A headline in title case is not read for names (capitals say nothing in
            // it): as in extraction, it is left out.
            if !layout::is_title_case(&detokenize(&words).0) {
                add(std::slice::from_ref(first), true);
            }
            add(rest, false);
        }
        Document {
            paragraphs,
            headline,
            gold,
            repeat: 1,
        }
    }

    /// The article as the model reads it.
    pub fn reading(&self) -> Reading {
        let refs: Vec<&Paragraph> = self.paragraphs.iter().collect();
        Reading::new(&refs, &self.headline)
    }
}

/// The labels of a paragraph's tokens, given names as byte ranges: a token belongs to
/// the name its first byte lies in.
fn token_labels(p: &Paragraph, names: &[(Range<usize>, Kind)]) -> Vec<Label> {
    let mut spans: Vec<(Range<usize>, Kind)> = Vec::new();
    for (range, kind) in names {
        let inside: Vec<usize> = (0..p.tokens.len())
            .filter(|&i| range.contains(&p.tokens[i].start))
            .collect();
        if let (Some(&first), Some(&last)) = (inside.first(), inside.last()) {
            if spans.last().is_none_or(|(r, _)| r.end <= first) {
                spans.push((first..last + 1, *kind));
            }
        }
    }
    labels::encode(&spans, p.tokens.len())
}

/// Gold labels as the model can give them: tokens that may not be named are outside,
/// which cuts a name that runs over one.
fn reachable(gold: &[Label], nameable: &[bool]) -> Vec<Label> {
    let names = labels::decode(gold);
    let mut spans = Vec::new();
    for (range, kind) in names {
        let mut start = None;
        for i in range.clone().chain(std::iter::once(range.end)) {
            let ok = i < range.end && nameable[i];
            match (ok, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s..i, kind));
                    start = None;
                }
                _ => {}
            }
        }
    }
    labels::encode(&spans, gold.len())
}

/// One segment to learn from: features of each token that may be named (as indices
/// into the trainer's feature table), and the gold labels.
struct Sample {
    features: Vec<u32>,
    /// Per token of the segment, its range in `features`.
    offsets: Vec<Range<u32>>,
    nameable: Vec<bool>,
    gold: Vec<Label>,
}

/// Feature keys to dense indices, for the features seen often enough in training.
#[derive(Default)]
struct FeatureIndex {
    counts: FxHashMap<u64, u32>,
    ids: FxHashMap<u64, u32>,
    keys: Vec<u64>,
}

impl FeatureIndex {
    fn count(&mut self, key: u64) {
        *self.counts.entry(key).or_default() += 1;
    }

    /// Give ids to the features counted at least `min_count` times, in key order (so
    /// that ids do not depend on the order features were met in).
    fn freeze(&mut self, min_count: u32) {
        let mut keys: Vec<u64> = self
            .counts
            .iter()
            .filter(|(_, &c)| c >= min_count)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        self.ids = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        self.keys = keys;
    }
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    /// Parts of the training data for the jackknifed first-pass labels.
    pub folds: usize,
    /// Features seen fewer times are not learned.
    pub min_count: u32,
    pub seed: u64,
    /// Perceptrons trained on different orders of the data, whose averaged weights are
    /// averaged again: the order a single run happens to see moves individual names.
    pub runs: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 8,
            folds: 5,
            min_count: 1,
            seed: 2003,
            runs: 5,
        }
    }
}

/// The features of a token under one pass: `(document, reading, segment, token, out)`.
type Extractor<'a> = dyn Fn(usize, &Reading, usize, usize, &mut Vec<u64>) + Sync + 'a;

/// Make samples of documents with `extract`.
fn samples(
    docs: &[Document],
    readings: &[Reading],
    extract: &Extractor,
    index: &mut FeatureIndex,
    counting: bool,
) -> Vec<Vec<Sample>> {
    let mut out = Vec::with_capacity(docs.len());
    let mut buf = Vec::new();
    for (d, (doc, reading)) in docs.iter().zip(readings).enumerate() {
        let mut doc_samples = Vec::new();
        for (si, seg) in reading.segments.iter().enumerate() {
            let r = seg.range.clone();
            let nameable = reading.nameable[seg.para][r.clone()].to_vec();
            let gold = reachable(&doc.gold[seg.para][r.clone()], &nameable);
            let mut features = Vec::new();
            let mut offsets = Vec::with_capacity(r.len());
            for (i, &may) in nameable.iter().enumerate() {
                let start = features.len() as u32;
                if may {
                    buf.clear();
                    extract(d, reading, si, r.start + i, &mut buf);
                    for &key in &buf {
                        if counting {
                            index.count(key);
                        } else if let Some(&id) = index.ids.get(&key) {
                            features.push(id);
                        }
                    }
                }
                offsets.push(start..features.len() as u32);
            }
            doc_samples.push(Sample {
                features,
                offsets,
                nameable,
                gold,
            });
        }
        out.push(doc_samples);
    }
    out
}

/// A small seeded generator (SplitMix64) for shuffling: the same seed, the same order,
/// on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// An averaged perceptron over label sequences.
struct Perceptron {
    weights: Vec<[f32; COUNT]>,
    /// Sums of `step * change`, for the average (Daumé's trick).
    totals: Vec<[f32; COUNT]>,
    transitions: Transitions,
    transition_totals: Transitions,
    step: f32,
}

impl Perceptron {
    fn new(features: usize) -> Perceptron {
        Perceptron {
            weights: vec![[0.0; COUNT]; features],
            totals: vec![[0.0; COUNT]; features],
            transitions: [[0.0; COUNT]; COUNT],
            transition_totals: [[0.0; COUNT]; COUNT],
            step: 1.0,
        }
    }

    fn scores(&self, features: &[u32]) -> [f32; COUNT] {
        let mut s = [0f32; COUNT];
        for &f in features {
            for (x, w) in s.iter_mut().zip(&self.weights[f as usize]) {
                *x += w;
            }
        }
        s
    }

    fn predict(&self, sample: &Sample) -> Vec<Label> {
        let mut labels = vec![Label::OUTSIDE; sample.gold.len()];
        for stretch in decode::stretches(&sample.nameable) {
            let scores: Vec<[f32; COUNT]> = stretch
                .clone()
                .map(|t| {
                    let r = &sample.offsets[t];
                    self.scores(&sample.features[r.start as usize..r.end as usize])
                })
                .collect();
            let best = decode::viterbi(&scores, &self.transitions);
            labels[stretch].copy_from_slice(&best);
        }
        labels
    }

    fn bump(&mut self, sample: &Sample, t: usize, label: Label, by: f32) {
        let r = &sample.offsets[t];
        let step = self.step;
        for &f in &sample.features[r.start as usize..r.end as usize] {
            self.weights[f as usize][label.index()] += by;
            self.totals[f as usize][label.index()] += step * by;
        }
    }

    fn bump_pair(&mut self, prev: Label, cur: Label, by: f32) {
        self.transitions[prev.index()][cur.index()] += by;
        self.transition_totals[prev.index()][cur.index()] += self.step * by;
    }

    fn learn(&mut self, sample: &Sample) {
        let guess = self.predict(sample);
        if guess != sample.gold {
            for (t, (&g, &want)) in guess.iter().zip(&sample.gold).enumerate() {
                if g != want {
                    self.bump(sample, t, want, 1.0);
                    self.bump(sample, t, g, -1.0);
                }
            }
            let pairs = |labels: &[Label]| -> Vec<(Label, Label)> {
                let mut out = Vec::with_capacity(labels.len() + 1);
                let mut prev = Label::OUTSIDE;
                for &l in labels.iter().chain(std::iter::once(&Label::OUTSIDE)) {
                    out.push((prev, l));
                    prev = l;
                }
                out
            };
            for ((gp, gc), (pp, pc)) in pairs(&sample.gold).into_iter().zip(pairs(&guess)) {
                if (gp, gc) != (pp, pc) {
                    self.bump_pair(gp, gc, 1.0);
                    self.bump_pair(pp, pc, -1.0);
                }
            }
        }
        self.step += 1.0;
    }

    /// The averaged weights.
    fn average(&self) -> (Vec<[f32; COUNT]>, Transitions) {
        let avg = |w: &[f32; COUNT], t: &[f32; COUNT]| {
            let mut out = [0f32; COUNT];
            for k in 0..COUNT {
                out[k] = w[k] - t[k] / self.step;
            }
            out
        };
        let weights = self
            .weights
            .iter()
            .zip(&self.totals)
            .map(|(w, t)| avg(w, t))
            .collect();
        let mut transitions = [[0f32; COUNT]; COUNT];
        for ((row, w), t) in transitions
            .iter_mut()
            .zip(&self.transitions)
            .zip(&self.transition_totals)
        {
            *row = avg(w, t);
        }
        (weights, transitions)
    }
}

/// Train one pass on the samples of the documents `docs` (indices), each met
/// `repeats[d]` times an epoch: the mean of `settings.runs` averaged perceptrons, each
/// shuffling the data by its own seed.
fn train_pass(
    samples: &[Vec<Sample>],
    docs: &[usize],
    repeats: &[usize],
    features: usize,
    settings: &Settings,
) -> (Vec<[f32; COUNT]>, Transitions) {
    let order: Vec<(usize, usize)> = docs
        .iter()
        .flat_map(|&d| {
            (0..samples[d].len()).flat_map(move |s| std::iter::repeat_n((d, s), repeats[d]))
        })
        .collect();
    let runs = settings.runs.max(1);
    let trained: Vec<(Vec<[f32; COUNT]>, Transitions)> = (0..runs as u64)
        .into_par_iter()
        .map(|run| {
            let mut order = order.clone();
            let mut rng = Rng(settings.seed.wrapping_add(run.wrapping_mul(0x9E37_79B9)));
            let mut p = Perceptron::new(features);
            for _ in 0..settings.epochs {
                rng.shuffle(&mut order);
                for &(d, s) in &order {
                    p.learn(&samples[d][s]);
                }
            }
            p.average()
        })
        .collect();
    if runs == 1 {
        return trained.into_iter().next().unwrap_or_default();
    }
    // The mean, summed in run order so the result does not depend on scheduling.
    let scale = 1.0 / runs as f32;
    let mut weights = vec![[0f32; COUNT]; features];
    let mut transitions = [[0f32; COUNT]; COUNT];
    for (w, t) in &trained {
        for (sum, row) in weights.iter_mut().zip(w) {
            for (x, y) in sum.iter_mut().zip(row) {
                *x += y * scale;
            }
        }
        for (sum, row) in transitions.iter_mut().zip(t) {
            for (x, y) in sum.iter_mut().zip(row) {
                *x += y * scale;
            }
        }
    }
    (weights, transitions)
}

/// A trained pass as a model pass.
fn to_pass(index: &FeatureIndex, weights: &[[f32; COUNT]], transitions: &Transitions) -> Pass {
    let features: Vec<(u64, [f32; COUNT])> = index
        .keys
        .iter()
        .zip(weights)
        .map(|(&k, w)| (k, *w))
        .collect();
    Pass::quantize(&features, transitions)
}

fn first_extractor(_doc: usize, reading: &Reading, segment: usize, t: usize, out: &mut Vec<u64>) {
    reading.first_features(&reading.segments[segment], t, out);
}

/// Train both passes on `docs`. `log` receives progress lines.
pub fn train(docs: &[Document], settings: &Settings, log: &(dyn Fn(&str) + Sync)) -> Model {
    let readings: Vec<Reading> = docs.par_iter().map(Document::reading).collect();
    let repeats: Vec<usize> = docs.iter().map(|d| d.repeat).collect();
    let mut first_index = FeatureIndex::default();
    samples(docs, &readings, &first_extractor, &mut first_index, true);
    first_index.freeze(settings.min_count);
    let first = samples(docs, &readings, &first_extractor, &mut first_index, false);
    log(&format!(
        "first pass: {} features, {} segments",
        first_index.keys.len(),
        first.iter().map(Vec::len).sum::<usize>()
    ));
    // First-pass labels of each document from a model that never saw it.
    let folds = settings.folds.max(2);
    let jackknifed: Vec<Vec<(usize, Vec<Vec<Label>>)>> = (0..folds)
        .into_par_iter()
        .map(|fold| {
            let train_on: Vec<usize> = (0..docs.len()).filter(|d| d % folds != fold).collect();
            let (w, t) = train_pass(
                &first,
                &train_on,
                &repeats,
                first_index.keys.len(),
                settings,
            );
            let pass = to_pass(&first_index, &w, &t);
            let joint = Joint::new(&pass.weights, None);
            let labelled: Vec<(usize, Vec<Vec<Label>>)> = (0..docs.len())
                .filter(|d| d % folds == fold)
                .map(|d| (d, super::first_pass(&joint, &pass, &readings[d]).0))
                .collect();
            log(&format!("  fold {} of {folds} done", fold + 1));
            labelled
        })
        .collect();
    let mut guessed: Vec<Vec<Vec<Label>>> = vec![Vec::new(); docs.len()];
    for (d, labels) in jackknifed.into_iter().flatten() {
        guessed[d] = labels;
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let (w1, t1) = train_pass(&first, &all, &repeats, first_index.keys.len(), settings);
    let first_pass = to_pass(&first_index, &w1, &t1);
    log("first pass trained");
    let seen_by_doc: Vec<_> = readings
        .iter()
        .zip(&guessed)
        .map(|(r, g)| seen(r, g))
        .collect();
    let second_extractor =
        |d: usize, reading: &Reading, segment: usize, t: usize, out: &mut Vec<u64>| {
            let s = &reading.segments[segment];
            super::second_features(reading, &guessed[d], &seen_by_doc[d], s, t, out);
        };
    let mut second_index = FeatureIndex::default();
    samples(docs, &readings, &second_extractor, &mut second_index, true);
    second_index.freeze(settings.min_count);
    let second = samples(docs, &readings, &second_extractor, &mut second_index, false);
    log(&format!(
        "second pass: {} features",
        second_index.keys.len()
    ));
    let (w2, t2) = train_pass(&second, &all, &repeats, second_index.keys.len(), settings);
    log("second pass trained");
    Model::new(
        first_pass,
        to_pass(&second_index, &w2, &t2),
        features::fingerprint(),
    )
}

/// Exact-match precision, recall and F1 of names, per kind and overall, of `model` on
/// `docs`, as lines of text.
pub fn evaluate(model: &Model, docs: &[Document]) -> String {
    let mut counts: FxHashMap<Option<Kind>, [usize; 3]> = FxHashMap::default();
    for doc in docs {
        let reading = doc.reading();
        let got = super::label(model, &reading);
        for (g, p) in doc.gold.iter().zip(&got) {
            let gold = labels::decode(g);
            let pred = labels::decode(p);
            for kind in Kind::ALL.map(Some).into_iter().chain([None]) {
                let keep = |v: &[(Range<usize>, Kind)]| -> Vec<(Range<usize>, Kind)> {
                    v.iter()
                        .filter(|(_, k)| kind.is_none_or(|x| x == *k))
                        .cloned()
                        .collect()
                };
                let (gk, pk) = (keep(&gold), keep(&pred));
                let c = counts.entry(kind).or_default();
                c[0] += pk.iter().filter(|x| gk.contains(x)).count();
                c[1] += pk.len();
                c[2] += gk.len();
            }
        }
    }
    let mut out = String::new();
    for kind in Kind::ALL.map(Some).into_iter().chain([None]) {
        let [tp, pred, gold] = counts.get(&kind).copied().unwrap_or_default();
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let name = kind.map_or("all", Kind::name);
        out.push_str(&format!(
            "{name:<13} P {p:.4}  R {r:.4}  F1 {f:.4}  ({tp}/{pred}/{gold})\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizing_joins_tokens_as_prose() {
        let words = [
            "\"", "I", "'m", "here", ",", "\"", "said", "India", "'s", "Paes", "(", "C$", "1.5",
            ")", ".",
        ];
        let (text, spans) = detokenize(&words);
        assert_eq!(text, "\"I'm here,\" said India's Paes (C$1.5).");
        assert_eq!(&text[spans[7].clone()], "India");
        assert_eq!(&text[spans[9].clone()], "Paes");
    }

    #[test]
    fn conll_names_reach_the_article_tokens() {
        let conll = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\
                     Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n's POS B-NP O\nplan NN I-NP O\n";
        let docs = read_conll(conll);
        assert_eq!(docs.len(), 1);
        let doc = Document::from_conll(&docs[0]);
        // The headline "EU rejects" is in sentence case, so it is read.
        assert_eq!(doc.paragraphs.len(), 2);
        let names: Vec<String> = doc.gold[1].iter().map(|l| l.name()).collect();
        assert_eq!(names, ["B-person", "L-person", "O"]);
        assert_eq!(doc.paragraphs[1].text, "Peter Blackburn's plan");
    }

    #[test]
    fn shuffling_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Rng(7).shuffle(&mut a);
        Rng(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<u32>>());
    }
}
