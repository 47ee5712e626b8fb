//! Learning the attribution model from PolNeAR: articles whose every attribution is
//! annotated (source, cue, content) as character spans in brat's standoff format.
//!
//! Each training article goes through extraction as any other; the walk over its
//! anchors ([`super::Walk`]) offers each quotation and cue word with its candidates,
//! and the annotation says which candidates are right: for a quotation, the source of
//! the annotated quotation it lies in (nobody when it lies in none: a scare quote, a
//! title); for a cue word, the source of the cue it is part of (nobody when it is part
//! of none). The right candidates are the names the source is, read by its grammar:
//! those inside it that qualify nothing else (not possessive, not after a preposition,
//! not a title word's name before another name), from its first comma- or
//! bracket-separated part that holds one ("Ann Lee, co-director of the Center for
//! Trade": Lee). When none qualifies, those whose last word ends a capitalised run of the
//! source, else any candidate inside it. An averaged perceptron learns to rank the right one first, walking
//! each article with its own predictions so that "the previous speaker" means what it
//! will mean in use. Only the `train-attribution` binary calls this module.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::anchors::{AnchorKind, Who};
use super::model::Model;
use super::{features, top, Cues, Offer, Walk};
use crate::article::RawArticle;
use crate::extract::{analyse, Analysis};

/// One annotated attribution, as byte ranges of the article text.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub source: Option<Range<usize>>,
    pub source_text: String,
    pub cue: Option<Range<usize>>,
    pub content: Option<Range<usize>>,
    pub content_text: String,
}

/// Byte offset of each character offset of `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    out.push(text.len());
    out
}

/// Read a brat standoff annotation of `text`: its `Attribution` events with their
/// source, cue and content spans. Lines that are not spans or events (notes, the
/// continuation lines of a span's text) are skipped.
pub fn read_brat(text: &str, ann: &str) -> Vec<Attribution> {
    let bytes = byte_offsets(text);
    let at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let mut spans: FxHashMap<&str, (&str, Range<usize>)> = FxHashMap::default();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(desc)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].bytes().all(|b| b.is_ascii_digit()) {
            let mut parts = desc.split([' ', ';']);
            let kind = parts.next().unwrap_or("");
            let offsets: Vec<usize> = parts.filter_map(|x| x.parse().ok()).collect();
            if let (Some(&start), Some(&end)) = (offsets.first(), offsets.last()) {
                spans.insert(id, (kind, at(start)..at(end.max(start))));
            }
        } else if id.starts_with('E') {
            let roles: FxHashMap<&str, &str> =
                desc.split(' ').filter_map(|x| x.split_once(':')).collect();
            events.push(roles);
        }
    }
    let span = |roles: &FxHashMap<&str, &str>, role: &str| {
        roles
            .get(role)
            .and_then(|id| spans.get(id))
            .map(|(_, r)| r.clone())
    };
    events
        .iter()
        .filter(|roles| roles.contains_key("Content") || roles.contains_key("Cue"))
        .map(|roles| {
            let source = span(roles, "Source");
            let content = span(roles, "Content");
            Attribution {
                source_text: source
                    .clone()
                    .map(|r| text[r].to_string())
                    .unwrap_or_default(),
                content_text: content
                    .clone()
                    .map(|r| text[r].to_string())
                    .unwrap_or_default(),
                source,
                cue: span(roles, "Cue"),
                content,
            }
        })
        .collect()
}

/// Whether an annotated content quotes someone: it holds a quotation mark, NYT's doubled
/// apostrophes included.
fn quotes_someone(content: &str) -> bool {
    content.contains(['"', '“', '”', '«', '»']) || content.contains("''")
}

/// The last words of the capitalised runs of a source, not possessive: the names a
/// right candidate may end in ("Huma Abedin, vice chairwoman for Clinton's campaign"
/// gives "abedin").
fn heads(source: &str) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    let mut run: Vec<&str> = Vec::new();
    let connector = |w: &str| matches!(w, "of" | "for" | "and" | "the" | "de" | "van" | "von");
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace() || ",()[]".contains(c))
        .filter(|w| !w.is_empty())
        .chain(std::iter::once("."))
        .collect();
    for w in words {
        if w.starts_with(char::is_uppercase) || (!run.is_empty() && connector(w)) {
            run.push(w);
            continue;
        }
        while run.last().is_some_and(|l| connector(l)) {
            run.pop();
        }
        if let Some(last) = run.last() {
            if !last.ends_with("'s") && !last.ends_with("’s") && !last.ends_with(['\'', '’']) {
                out.insert(last.trim_end_matches('.').to_lowercase());
            }
        }
        run.clear();
    }
    out
}

/// Where each token of the analysed paragraphs lies in the article text: found by
/// searching forward, since extraction keeps the words of the text in order.
fn token_offsets(text: &str, analysis: &Analysis) -> Vec<Vec<Range<usize>>> {
    let mut cursor = 0;
    let mut out = Vec::with_capacity(analysis.paragraphs.len());
    for p in &analysis.paragraphs {
        // Most paragraphs stand in the text as they are; others (lines joined) are
        // found word by word.
        if let Some(at) = text[cursor..].find(p.text.as_str()) {
            let base = cursor + at;
            out.push(
                p.tokens
                    .iter()
                    .map(|t| base + t.start..base + t.end)
                    .collect(),
            );
            cursor = base + p.text.len();
            continue;
        }
        let opening: String = p
            .text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        if let Some(at) = text[cursor..].find(&opening) {
            cursor += at;
        }
        let mut offsets = Vec::with_capacity(p.tokens.len());
        for t in &p.tokens {
            let word = t.text(&p.text);
            match text[cursor..].find(word) {
                Some(at) => {
                    let start = cursor + at;
                    cursor = start + word.len();
                    offsets.push(start..cursor);
                }
                None => offsets.push(cursor..cursor),
            }
        }
        out.push(offsets);
    }
    out
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// One article to learn from.
pub struct Example {
    pub analysis: Analysis,
    text: String,
    offsets: Vec<Vec<Range<usize>>>,
    gold: Vec<Attribution>,
}

impl Example {
    pub fn new(name: &str, text: &str, gold: Vec<Attribution>) -> Example {
        let analysis = analyse(&RawArticle {
            locator: name.to_string(),
            text: text.to_string(),
            known: Default::default(),
        });
        let offsets = token_offsets(text, &analysis);
        Example {
            analysis,
            text: text.to_string(),
            offsets,
            gold,
        }
    }

    /// The annotated attribution an anchor belongs to, if any, and whether the anchor
    /// can be judged at all.
    fn attribution_of(&self, offer: &Offer) -> Option<&Attribution> {
        let a = offer.anchor;
        let offs = &self.offsets[a.para];
        match a.kind {
            AnchorKind::Quote => {
                let p = &self.analysis.paragraphs[a.para];
                let inner = a.inner(p);
                let first = p.tokens.iter().position(|t| t.start >= inner.start)?;
                let last = p.tokens.iter().rposition(|t| t.end <= inner.end)?;
                let range = offs[first].start..offs[last].end;
                self.gold
                    .iter()
                    .filter(|g| quotes_someone(&g.content_text))
                    .filter_map(|g| Some((g, overlap(g.content.as_ref()?, &range))))
                    .filter(|(_, o)| 2 * o >= range.len())
                    .max_by_key(|(_, o)| *o)
                    .map(|(g, _)| g)
            }
            AnchorKind::Cue => {
                let range = &offs[a.start];
                self.gold
                    .iter()
                    .find(|g| g.cue.as_ref().is_some_and(|c| overlap(c, range) > 0))
            }
        }
    }

    /// The indices of the right candidates of an offer; `None` when the annotation
    /// cannot say (a source that is no candidate: a description, a missed name).
    fn right(&self, offer: &Offer) -> Option<Vec<usize>> {
        let nobody = offer.candidates.len() - 1;
        let Some(g) = self.attribution_of(offer) else {
            return Some(vec![nobody]);
        };
        let Some(source) = &g.source else {
            return Some(vec![nobody]);
        };
        let offs = &self.offsets[offer.anchor.para];
        let p = &self.analysis.paragraphs[offer.anchor.para];
        let heads = heads(&g.source_text);
        let heading = self.head_names(offer, source);
        if !heading.is_empty() {
            return Some(heading);
        }
        let mut overlapping = Vec::new();
        let mut headed = Vec::new();
        for (i, c) in offer.candidates.iter().enumerate() {
            if !matches!(c.who, Who::Mention(_) | Who::Pronoun) {
                continue;
            }
            let range = offs[c.start].start..offs[c.end - 1].end;
            if overlap(&range, source) == 0 {
                continue;
            }
            overlapping.push(i);
            let last = p.tokens[c.end - 1].text(&p.text);
            let (last, _) = crate::extract::names::features::strip_possessive(last);
            if heads.contains(&last.to_lowercase()) {
                headed.push(i);
            }
        }
        if !headed.is_empty() {
            return Some(headed);
        }
        if !overlapping.is_empty() {
            return Some(overlapping);
        }
        // A source the paragraph offers no candidate for: the previous speaker or the
        // person the paragraph before introduced, if that is who it names.
        let named: Vec<usize> = offer
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.who {
                Who::Previous(e) | Who::Introduced(e) => Some((i, e)),
                _ => None,
            })
            .filter(|&(_, e)| {
                let name = self.analysis.table.speaker_name(e).to_lowercase();
                heads.contains(name.rsplit(' ').next().unwrap_or(""))
            })
            .map(|(i, _)| i)
            .collect();
        (!named.is_empty()).then_some(named)
    }
}

/// Words that open a phrase inside a source: a name after one qualifies the source
/// ("co-director of the Center for Trade", "a spokesman for the Hale campaign") rather
/// than naming it.
const PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "with", "from", "in", "on", "to", "by", "about", "under", "within", "among",
];

impl Example {
    /// The candidates that name an annotated source, as its grammar says: the names
    /// overlapping the source that qualify nothing else (not possessive, not inside a
    /// phrase opened by a preposition, not a modifier of the next name, as "House" in
    /// "House Speaker Paul Ryan"), those of the source's first comma- or bracket-separated
    /// part that has any ("Ann Lee, co-director of the Center for Trade"; "a spokesman for
    /// the campaign, Tom Hale"). Empty when no candidate qualifies.
    fn head_names(&self, offer: &Offer, source: &Range<usize>) -> Vec<usize> {
        let offs = &self.offsets[offer.anchor.para];
        let p = &self.analysis.paragraphs[offer.anchor.para];
        // (candidate, its byte range, its part of the source)
        let mut inside: Vec<(usize, Range<usize>, usize)> = Vec::new();
        for (i, c) in offer.candidates.iter().enumerate() {
            if !matches!(c.who, Who::Mention(_) | Who::Pronoun) {
                continue;
            }
            let range = offs[c.start].start..offs[c.end - 1].end;
            if overlap(&range, source) == 0 || range.start < source.start {
                continue;
            }
            let before = &self.text[source.start..range.start];
            let part = before.matches([',', '(', ')', ';', '—']).count();
            inside.push((i, range, part));
        }
        inside.sort_by_key(|(_, range, _)| range.start);
        let separators: &[char] = &[',', '(', ')', ';', '—'];
        let qualifies = |k: usize| -> bool {
            let (i, range, part) = &inside[k];
            let c = &offer.candidates[*i];
            let last = p.tokens[c.end - 1].text(&p.text);
            if crate::extract::names::features::strip_possessive(last).1 {
                return true;
            }
            let before = &self.text[source.start..range.start];
            let own_part = before.rsplit(separators).next().unwrap_or("");
            if own_part
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
            {
                return true;
            }
            inside.get(k + 1).is_some_and(|(_, next, next_part)| {
                next_part == part
                    && !self.text[range.end..next.start]
                        .split_whitespace()
                        .any(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | "&"))
            })
        };
        let heads: Vec<(usize, usize)> = (0..inside.len())
            .filter(|&k| !qualifies(k))
            .map(|k| (inside[k].0, inside[k].2))
            .collect();
        let Some(first) = heads.iter().map(|&(_, part)| part).min() else {
            return Vec::new();
        };
        heads
            .into_iter()
            .filter(|&(_, part)| part == first)
            .map(|(i, _)| i)
            .collect()
    }
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub seed: u64,
    /// How much better than every candidate "nobody" must score for a quotation to be
    /// left without a speaker: subtracted from [`features::quote_by_nobody`]'s learned
    /// weight. The perceptron counts every wrong choice alike; speaker accuracy counts
    /// only quotations by someone, which "nobody" always gets wrong.
    pub nobody_margin: f32,
    /// How many perceptrons learn, each walking the articles in its own order (seeds
    /// `seed`, `seed + 1`, ...); the model is the mean of their averaged weights.
    pub rounds: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 10,
            seed: 2016,
            nobody_margin: 0.0,
            rounds: 5,
        }
    }
}

/// An averaged perceptron over candidate rankings.
#[derive(Default)]
struct Ranker {
    weights: FxHashMap<u64, f32>,
    totals: FxHashMap<u64, f32>,
    step: f32,
}

impl Ranker {
    fn score(&self, f: &[u64]) -> f32 {
        f.iter().filter_map(|k| self.weights.get(k)).sum()
    }

    fn bump(&mut self, f: &[u64], by: f32) {
        for &k in f {
            *self.weights.entry(k).or_default() += by;
            *self.totals.entry(k).or_default() += self.step * by;
        }
    }

    fn averaged(&self) -> FxHashMap<u64, f32> {
        self.weights
            .iter()
            .map(|(&k, &w)| {
                (
                    k,
                    w - self.totals.get(&k).copied().unwrap_or(0.0) / self.step,
                )
            })
            .filter(|(_, w)| w.abs() > 1e-6)
            .collect()
    }
}

/// The words that report speech, learned from the annotated cues of `examples`: a word
/// that begins a cue at least `MIN_CUE` times, and does so at least a third of the times
/// the articles write it ("said", "slammed", "tweeted"; not "to" or "the").
pub fn learn_cues(examples: &[&Example]) -> Cues {
    const MIN_CUE: usize = 4;
    let mut as_cue: FxHashMap<String, usize> = FxHashMap::default();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for e in examples {
        for g in &e.gold {
            if let Some(cue) = &g.cue {
                let text = &e.text[cue.clone()];
                if let Some(first) = text.split_whitespace().next() {
                    let w = first
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase();
                    if !w.is_empty() {
                        *as_cue.entry(w).or_default() += 1;
                    }
                }
            }
        }
        for p in &e.analysis.paragraphs {
            for t in &p.tokens {
                *seen.entry(t.text(&p.text).to_lowercase()).or_default() += 1;
            }
        }
    }
    as_cue
        .into_iter()
        .filter(|(w, n)| *n >= MIN_CUE && 3 * n >= seen.get(w).copied().unwrap_or(0))
        .filter(|(w, _)| w.chars().all(char::is_alphabetic))
        .map(|(w, _)| w)
        .collect()
}

/// Walk an example, letting `choose` see each offer with its right candidates.
fn walk(
    example: &Example,
    cues: &Cues,
    mut choose: impl FnMut(&Offer, Option<&[usize]>) -> (usize, f32, f32),
) {
    let a = &example.analysis;
    let mut w = Walk::new(
        &a.paragraphs,
        &a.mentions[..a.body_mentions],
        &a.table,
        cues,
        a.dateline_end(),
    );
    w.run(|offer| {
        let right = example.right(offer);
        choose(offer, right.as_deref())
    });
}

/// Train the attribution model on `examples`.
pub fn train(examples: &[Example], settings: &Settings, log: &dyn Fn(&str)) -> Model {
    let refs: Vec<&Example> = examples.iter().collect();
    train_refs(&refs, settings, log)
}

fn train_refs(examples: &[&Example], settings: &Settings, log: &dyn Fn(&str)) -> Model {
    let mut cues = learn_cues(examples);
    cues.extend(super::vocabulary::speech_words().map(String::from));
    log(&format!("{} cue words learned", cues.len()));
    let rounds = settings.rounds.max(1);
    let mut weights: FxHashMap<u64, f32> = FxHashMap::default();
    for round in 0..rounds {
        let seed = settings.seed.wrapping_add(round as u64);
        let log = |line: &str| log(&format!("perceptron {} of {rounds}, {line}", round + 1));
        for (k, w) in learn(examples, &cues, settings.epochs, seed, &log) {
            *weights.entry(k).or_default() += w / rounds as f32;
        }
    }
    weights.retain(|_, w| w.abs() > 1e-6);
    if settings.nobody_margin != 0.0 {
        *weights.entry(features::quote_by_nobody()).or_default() -= settings.nobody_margin;
    }
    Model {
        weights,
        cues,
        fingerprint: features::fingerprint(),
    }
}

/// One averaged perceptron's weights, walking `examples` in the order `seed` shuffles.
fn learn(
    examples: &[&Example],
    cues: &Cues,
    epochs: usize,
    seed: u64,
    log: &dyn Fn(&str),
) -> FxHashMap<u64, f32> {
    let mut ranker = Ranker {
        step: 1.0,
        ..Default::default()
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed;
    for epoch in 0..epochs {
        // Fisher-Yates with SplitMix64, as the name model's training.
        for i in (1..order.len()).rev() {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            order.swap(i, (z % (i as u64 + 1)) as usize);
        }
        let (mut right, mut judged) = (0usize, 0usize);
        for &e in &order {
            walk(examples[e], cues, |offer, gold| {
                let pick = top(offer, |f| ranker.score(f));
                if let Some(gold) = gold {
                    judged += 1;
                    if gold.contains(&pick.0) {
                        right += 1;
                    } else {
                        let want = gold
                            .iter()
                            .copied()
                            .max_by(|&x, &y| {
                                ranker
                                    .score(&offer.features[x])
                                    .total_cmp(&ranker.score(&offer.features[y]))
                                    .then(y.cmp(&x))
                            })
                            .unwrap_or(gold[0]);
                        ranker.bump(&offer.features[want], 1.0);
                        ranker.bump(&offer.features[pick.0], -1.0);
                    }
                    ranker.step += 1.0;
                }
                pick
            });
        }
        log(&format!(
            "epoch {}: {right} of {judged} anchors right while learning ({:.3})",
            epoch + 1,
            right as f64 / judged.max(1) as f64
        ));
    }
    ranker.averaged()
}

/// Counts of right choices by kind of anchor and of source.
#[derive(Debug, Default, Clone)]
pub struct Tally(FxHashMap<(bool, u8), [usize; 2]>);

impl Tally {
    fn add(&mut self, other: &Tally) {
        for (k, v) in &other.0 {
            let c = self.0.entry(*k).or_default();
            c[0] += v[0];
            c[1] += v[1];
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        for quote in [true, false] {
            for (source, name) in [(0u8, "by a name"), (1, "by a pronoun"), (2, "by nobody")] {
                let [right, all] = self.0.get(&(quote, source)).copied().unwrap_or_default();
                writeln!(
                    f,
                    "{:<6} {name:<13} {right:>6} of {all:>6} right ({:.3})",
                    if quote { "quote" } else { "cue" },
                    right as f64 / all.max(1) as f64
                )?;
            }
        }
        Ok(())
    }
}

/// How often `model` picks a right candidate on `examples`, by kind of anchor and of
/// source.
pub fn evaluate(model: &Model, examples: &[Example]) -> Tally {
    let mut tally = Tally::default();
    for example in examples {
        walk(example, &model.cues, |offer, gold| {
            let pick = top(offer, |f| model.score(f));
            if let Some(gold) = gold {
                let source = if gold == [offer.candidates.len() - 1] {
                    2
                } else if gold
                    .iter()
                    .all(|&i| offer.candidates[i].who == Who::Pronoun)
                {
                    1
                } else {
                    0
                };
                let c = tally
                    .0
                    .entry((offer.anchor.kind == AnchorKind::Quote, source))
                    .or_default();
                c[0] += usize::from(gold.contains(&pick.0));
                c[1] += 1;
            }
            pick
        });
    }
    tally
}

/// The model trained on every part of `examples` but part `fold` of `folds`.
pub fn train_fold(examples: &[Example], folds: usize, fold: usize, settings: &Settings) -> Model {
    let train_on: Vec<&Example> = examples
        .iter()
        .enumerate()
        .filter(|(i, _)| i % folds != fold)
        .map(|(_, e)| e)
        .collect();
    train_refs(&train_on, settings, &|_| {})
}

/// Cross-validation: train on all parts but one, measure on that one, for each of
/// `folds` parts; the sum of the measurements.
pub fn cross_validate(examples: &[Example], folds: usize, settings: &Settings) -> Tally {
    let mut total = Tally::default();
    for fold in 0..folds {
        let (train_on, test_on): (Vec<_>, Vec<_>) = examples
            .iter()
            .enumerate()
            .partition(|(i, _)| i % folds != fold);
        let train_on: Vec<&Example> = train_on.into_iter().map(|(_, e)| e).collect();
        let model = train_refs(&train_on, settings, &|_| {});
        let mut tally = Tally::default();
        for (_, e) in test_on {
            tally.add(&evaluate(&model, std::slice::from_ref(e)));
        }
        total.add(&tally);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_spans_become_byte_ranges() {
        let text = "Zoë said “yes” today.";
        let ann = "T1\tSource 0 3\tZoë\nT2\tCue 4 8\tsaid\nT3\tContent 9 14\t“yes”\n\
                   #1\tAnnotatorNotes T1\tnote\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let got = read_brat(text, ann);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].source_text, "Zoë");
        assert_eq!(&text[got[0].cue.clone().unwrap()], "said");
        assert_eq!(got[0].content_text, "“yes”");
    }

    /// The names of the right candidates of the quotation of `body`, whose one annotated
    /// attribution has `source` as its source and the quotation as its content.
    fn right_for_quotation(body: &str, source: &str) -> Vec<String> {
        let text = &format!("Trade talks resume\n\n{body}\n");
        let at = text.find(source).unwrap();
        let open = text.find('“').unwrap();
        let close = text.find('”').unwrap() + '”'.len_utf8();
        let gold = vec![Attribution {
            source: Some(at..at + source.len()),
            source_text: source.to_string(),
            cue: None,
            content: Some(open..close),
            content_text: text[open..close].to_string(),
        }];
        let example = Example::new("t.txt", text, gold);
        let cues: Cues = ["said".to_string()].into_iter().collect();
        let mut names = Vec::new();
        walk(&example, &cues, |offer, right| {
            if offer.anchor.kind == AnchorKind::Quote {
                let p = &example.analysis.paragraphs[offer.anchor.para];
                for &i in right.unwrap_or(&[]) {
                    let c = &offer.candidates[i];
                    names.push(p.span(c.start..c.end).to_string());
                }
            }
            (0, 0.0, 0.0)
        });
        names
    }

    #[test]
    fn the_right_source_is_the_name_the_source_is_not_one_it_mentions() {
        let text =
            "“Prices will fall,” said Ann Lee, co-director of the Center for Trade Studies, \
                    on Monday.";
        let source = "Ann Lee, co-director of the Center for Trade Studies";
        assert_eq!(right_for_quotation(text, source), ["Ann Lee"]);
        let text = "“We are ready,” said a spokesman for the Marlow Group, Tom Hale.";
        let source = "a spokesman for the Marlow Group, Tom Hale";
        assert_eq!(right_for_quotation(text, source), ["Tom Hale"]);
    }

    #[test]
    fn a_margin_against_nobody_lowers_that_one_weight_only() {
        let text = "Trade talks resume\n\n“Prices will fall,” said Ann Lee on Monday.\n";
        let open = text.find('“').unwrap();
        let close = text.find('”').unwrap() + '”'.len_utf8();
        let at = text.find("Ann Lee").unwrap();
        let gold = vec![Attribution {
            source: Some(at..at + "Ann Lee".len()),
            source_text: "Ann Lee".to_string(),
            cue: None,
            content: Some(open..close),
            content_text: text[open..close].to_string(),
        }];
        let examples = [Example::new("t.txt", text, gold)];
        let settings = Settings {
            epochs: 2,
            ..Settings::default()
        };
        let plain = train(&examples, &settings, &|_| {});
        let margin = Settings {
            nobody_margin: 3.0,
            ..settings
        };
        let wary = train(&examples, &margin, &|_| {});
        let nobody = features::quote_by_nobody();
        let weight = |m: &Model| m.weights.get(&nobody).copied().unwrap_or(0.0);
        assert_eq!(weight(&wary), weight(&plain) - 3.0);
        let others = |m: &Model| {
            let mut w: Vec<(u64, u32)> = m
                .weights
                .iter()
                .filter(|(k, _)| **k != nobody)
                .map(|(k, v)| (*k, v.to_bits()))
                .collect();
            w.sort_unstable();
            w
        };
        assert_eq!(others(&wary), others(&plain));
    }

    #[test]
    fn heads_are_names_not_possessives() {
        let h = heads("Huma Abedin, vice chairwoman for Clinton's campaign");
        assert!(h.contains("abedin") && !h.contains("clinton's") && !h.contains("clinton"));
        assert!(heads("he").is_empty());
    }
}
