//! Who said what: for every quotation and every word that may report speech, the source
//! among the names and pronouns of its paragraph, the previous speaker, or nobody.
//!
//! A trained model ([`model`], learned from PolNeAR's annotated US political news by
//! `scripts/train-attribution`) scores each candidate with features of where it stands
//! from the quotation or the cue ([`features`]): "X said", "said X", "according to X",
//! "X told Y", a colon before a quotation, a name inside "of ..." or a possessive. The
//! best candidate wins; a pronoun is then resolved to the person or body it stands for
//! ([`resolve`]). A quotation that carries on one left open takes its
//! speaker. [`anchors`] finds what to attribute and the candidates.

pub mod anchors;
pub mod features;
pub mod model;
mod resolve;
pub mod train;
mod vocabulary;

use rustc_hash::FxHashSet;

use super::entities::EntityTable;
use super::mentions::{Class, Mention};
use super::Paragraph;
use crate::article::Quote;
use anchors::{Anchor, AnchorKind, Candidate, Prepared, Who};

/// Speakers and quotes of one article, with how each was decided.
#[derive(Debug, Default)]
pub struct Said {
    pub speakers: Vec<String>,
    pub quotes: Vec<Quote>,
    /// Every decision, in article order (for `extract --explain`).
    pub decisions: Vec<Decision>,
}

/// The source chosen for one anchor.
#[derive(Debug, Clone)]
pub struct Decision {
    pub anchor: Anchor,
    pub chosen: Candidate,
    /// The entity the source is, once pronouns are resolved.
    pub entity: Option<usize>,
    /// The chosen candidate's score and the next best one's.
    pub score: f32,
    pub runner_up: f32,
    /// For a quotation: its index in [`Said::quotes`].
    pub quote: Option<usize>,
    /// For a quotation that names nobody but repeats words of one that does (a deck, a
    /// subheading or a pull quote), the decision of that one: its source is this one's.
    pub repeats: Option<usize>,
}

/// Words that report speech, learned from the annotated cues of the training data.
pub type Cues = FxHashSet<String>;

/// How many paragraphs back the last speaker may still be the speaker of a quotation
/// that names nobody.
const PREVIOUS_REACH: usize = 2;

/// The state of a walk through an article's anchors.
pub struct Walk<'a> {
    pub paragraphs: &'a [Paragraph],
    pub mentions: &'a [Mention],
    pub table: &'a EntityTable,
    /// The entity that was last said to speak, and in which paragraph.
    pub last_speaker: Option<(usize, usize)>,
    /// Every entity that has spoken so far.
    pub spoke: FxHashSet<usize>,
    /// The learned cue words.
    pub cues: &'a Cues,
    /// How many bytes of the first paragraph are its dateline.
    pub dateline: usize,
}

/// One anchor with its candidates and their features, as the walk offers it.
pub struct Offer<'a> {
    pub anchor: &'a Anchor,
    pub candidates: &'a [Candidate],
    pub features: &'a [Vec<u64>],
    pub prepared: &'a Prepared<'a>,
}

impl<'a> Walk<'a> {
    /// A walk from the start of an article: its paragraphs, its body's mentions in order
    /// and their entities, the cue words, and how many bytes of the first paragraph are
    /// its dateline.
    pub fn new(
        paragraphs: &'a [Paragraph],
        mentions: &'a [Mention],
        table: &'a EntityTable,
        cues: &'a Cues,
        dateline: usize,
    ) -> Walk<'a> {
        Walk {
            paragraphs,
            mentions,
            table,
            last_speaker: None,
            spoke: FxHashSet::default(),
            cues,
            dateline,
        }
    }

    /// The person paragraph `para` names first outside quotations, when it holds no
    /// quotation: who the next paragraph's quotation may be by.
    fn introduces(&self, para: usize) -> Option<usize> {
        let p = &self.paragraphs[para];
        if !p.quotations.is_empty() {
            return None;
        }
        let from = self.mentions.partition_point(|m| m.para < para);
        self.mentions[from..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.para == para)
            .map(|(k, _)| self.table.entity_of(from + k))
            .find(|&e| self.table.entity(e).class == Class::Person)
    }

    /// Go through the anchors in article order; `choose` picks a candidate of each
    /// (its index). Returns the decisions.
    pub fn run(&mut self, mut choose: impl FnMut(&Offer) -> (usize, f32, f32)) -> Vec<Decision> {
        let mut named = vec![0usize; self.table.entities().len()];
        for k in 0..self.mentions.len() {
            named[self.table.entity_of(k)] += 1;
        }
        let mut decisions = Vec::new();
        // Buffers reused from anchor to anchor: the candidates within reach, and their
        // features (only the first `reach.len()` are an anchor's).
        let (mut reach, mut offered, mut features) = (Vec::new(), Vec::new(), Vec::new());
        let mut ran_on = false;
        // The person the last paragraph named first, when it quoted nobody.
        let mut introduced = None;
        for (para, p) in self.paragraphs.iter().enumerate() {
            let was_running = ran_on;
            ran_on = p.quotations.last().is_some_and(|q| q.close.is_none());
            let introduced_before = std::mem::replace(&mut introduced, self.introduces(para));
            let dateline = if para == 0 { self.dateline } else { 0 };
            let Some(prepared) = Prepared::new(p, para, self.mentions, self.cues, dateline) else {
                continue;
            };
            let anchors = anchors::anchors(p, para, &prepared, was_running);
            if anchors.is_empty() {
                continue;
            }
            // The last speaker before this paragraph; what its anchors decide counts from
            // the next paragraph on.
            let previous = self
                .last_speaker
                .filter(|&(_, at)| para - at <= PREVIOUS_REACH)
                .map(|(e, _)| e);
            // How the paragraph before leads into this one: how far back the last
            // speaker spoke, and whether it ends in a colon.
            let lead_in = features::LeadIn {
                gap: self.last_speaker.map_or(0, |(_, at)| para - at),
                colon: para > 0 && self.paragraphs[para - 1].text.trim_end().ends_with(':'),
            };
            let table = self.table;
            let class_of = |m: usize| table.entity(table.entity_of(m)).class;
            let entity_of = |m: usize| table.entity_of(m);
            let candidates = anchors::candidates(
                p,
                &prepared,
                self.mentions,
                &class_of,
                previous,
                introduced_before,
            );
            let sources = features::Sources::new(
                p,
                &prepared,
                &candidates,
                self.mentions,
                &entity_of,
                &class_of,
                &|e| named[e],
            );
            let mut chosen_for_cue: rustc_hash::FxHashMap<usize, usize> = Default::default();
            let mut spoke_here = false;
            let first = decisions.len();
            // Cue words first: which name each one reports is evidence for the quotations.
            let order = anchors
                .iter()
                .filter(|a| a.kind == AnchorKind::Cue)
                .chain(anchors.iter().filter(|a| a.kind == AnchorKind::Quote));
            for anchor in order {
                let ctx = features::Context {
                    last_speaker: previous,
                    lead_in,
                    spoke: &self.spoke,
                    chosen_for_cue: &chosen_for_cue,
                };
                let facts = features::AnchorFacts::new(&sources, anchor);
                reach.clear();
                reach.extend((0..candidates.len()).filter(|&c| sources.within_reach(anchor, c)));
                offered.clear();
                offered.extend(reach.iter().map(|&c| candidates[c].clone()));
                if features.len() < reach.len() {
                    features.resize_with(reach.len(), || Vec::with_capacity(48));
                }
                for (f, &c) in features.iter_mut().zip(&reach) {
                    f.clear();
                    features::features(&sources, &ctx, anchor, &facts, c, f);
                }
                let (pick, score, runner_up) = choose(&Offer {
                    anchor,
                    candidates: &offered,
                    features: &features[..reach.len()],
                    prepared: &prepared,
                });
                let chosen = offered[pick].clone();
                if anchor.kind == AnchorKind::Cue
                    && matches!(chosen.who, Who::Mention(_) | Who::Pronoun)
                {
                    chosen_for_cue.insert(anchor.start, chosen.start);
                }
                let entity = resolve::entity(self, &chosen, anchor);
                if let Some(e) = entity {
                    self.spoke.insert(e);
                    spoke_here = true;
                }
                decisions.push(Decision {
                    anchor: anchor.clone(),
                    chosen,
                    entity,
                    score,
                    runner_up,
                    quote: None,
                    repeats: None,
                });
            }
            decisions[first..].sort_by_key(|d| (d.anchor.start, d.anchor.kind == AnchorKind::Cue));
            if spoke_here {
                // The last to speak in the paragraph, in article order.
                self.last_speaker = decisions[first..]
                    .iter()
                    .rev()
                    .find_map(|d| d.entity.map(|e| (e, para)));
            }
        }
        self.repeated_quotations(&mut decisions);
        decisions
    }

    /// Give each quotation that names nobody the source of the quotations that repeat
    /// it, when they all have one: a quotation holding half or more of its runs of
    /// [`RUN`] words (and it must have one) repeats it. Decks, subheadings and pull
    /// quotes repeat what someone says in the article, a pull quote with its credit line.
    fn repeated_quotations(&self, decisions: &mut [Decision]) {
        let unsourced = |d: &Decision| {
            d.anchor.kind == AnchorKind::Quote && d.entity.is_none() && !d.anchor.continues
        };
        if !decisions.iter().any(unsourced) {
            return;
        }
        let runs: Vec<Option<Vec<u64>>> = decisions
            .iter()
            .map(|d| {
                let p = &self.paragraphs[d.anchor.para];
                (d.anchor.kind == AnchorKind::Quote).then(|| word_runs(&p.text[d.anchor.inner(p)]))
            })
            .collect();
        let held: Vec<FxHashSet<u64>> = runs
            .iter()
            .zip(decisions.iter())
            .map(|(r, d)| match r {
                Some(r) if d.entity.is_some() => r.iter().copied().collect(),
                _ => FxHashSet::default(),
            })
            .collect();
        for k in 0..decisions.len() {
            let d = &decisions[k];
            let Some(own) = runs[k].as_ref().filter(|r| !r.is_empty()) else {
                continue;
            };
            if !unsourced(d) {
                continue;
            }
            let holders: Vec<usize> = (0..decisions.len())
                .filter(|&j| j != k && !held[j].is_empty())
                .filter(|&j| 2 * own.iter().filter(|r| held[j].contains(r)).count() >= own.len())
                .collect();
            let Some(&first) = holders.first() else {
                continue;
            };
            let source = decisions[first].entity;
            if holders.iter().all(|&j| decisions[j].entity == source) {
                decisions[k].entity = source;
                decisions[k].repeats = Some(first);
            }
        }
    }
}

/// How many words in a row two quotations must share for one to repeat the other: fewer,
/// and a shared phrase ("the middle class") would be a repetition.
const RUN: usize = 3;

/// The runs of [`RUN`] words of a quotation (lowercased, punctuation aside), hashed.
fn word_runs(text: &str) -> Vec<u64> {
    use std::hash::Hasher;
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
            h.finish()
        })
        .collect();
    words
        .windows(RUN)
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            for &x in w {
                h.write_u64(x);
            }
            h.finish()
        })
        .collect()
}

/// The best candidate of an offer under `model`: its index, score and the runner-up's.
pub fn best(model: &model::Model, offer: &Offer) -> (usize, f32, f32) {
    top(offer, |f| model.score(f))
}

/// The best-scoring candidate of an offer under `score` (ties to the earliest): its
/// index, score and the runner-up's.
pub fn top(offer: &Offer, score: impl Fn(&[u64]) -> f32) -> (usize, f32, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    let mut second = f32::NEG_INFINITY;
    for (i, f) in offer.features.iter().enumerate() {
        let s = score(f);
        if s > best.1 {
            second = best.1;
            best = (i, s);
        } else if s > second {
            second = s;
        }
    }
    (best.0, best.1, second)
}

/// Find the speakers and quotes of an article: `mentions` are the body's, in order;
/// the first `dateline` bytes of the first paragraph are its dateline.
pub fn attribute(
    paragraphs: &[Paragraph],
    mentions: &[Mention],
    table: &mut EntityTable,
    dateline: usize,
) -> Said {
    let Some(model) = model::model() else {
        return Said::default();
    };
    let mut walk = Walk::new(paragraphs, mentions, table, &model.cues, dateline);
    let mut decisions = walk.run(|offer| best(model, offer));
    let mut said = Said::default();
    let mut listed = FxHashSet::default();
    let mut previous_quote: Option<usize> = None;
    for d in &mut decisions {
        // A place that "said" is its government, which the article names elsewhere:
        // quotations keep it, the list of speakers holds people and bodies.
        let listed_class = d
            .entity
            .is_some_and(|e| matches!(table.entity(e).class, Class::Person | Class::Organization));
        // Reports count when their word is a verb of speech ("said", not "seeks"), or
        // one that reports speech beside a quotation ("accused") and has one in its
        // sentence.
        let p = &paragraphs[d.anchor.para];
        let word = p.span(d.anchor.start..d.anchor.end).to_lowercase();
        let quoted_sentence = || {
            p.sentences
                .iter()
                .find(|s| s.contains(&d.anchor.start))
                .is_some_and(|s| s.clone().any(|i| p.in_quote[i]))
        };
        let reports_speech = d.anchor.kind == AnchorKind::Quote
            || (vocabulary::is_speech_verb(&word)
                && (!vocabulary::needs_a_quotation(&word) || quoted_sentence()));
        let listed_class = listed_class && reports_speech;
        if let Some(e) = d.entity.filter(|_| listed_class) {
            table.mark_speaker(e);
            let name = table.speaker_name(e);
            if listed.insert(name.clone()) {
                said.speakers.push(name);
            }
        }
        if d.anchor.kind != AnchorKind::Quote {
            continue;
        }
        let p = &paragraphs[d.anchor.para];
        let text = p.text[d.anchor.inner(p)]
            .trim()
            .trim_end_matches(',')
            .trim()
            .to_string();
        let speaker = d.entity.map(|e| table.speaker_name(e));
        match previous_quote.filter(|_| d.anchor.continues) {
            Some(q) => {
                let prev = &mut said.quotes[q];
                prev.text.push(' ');
                prev.text.push_str(&text);
                if prev.speaker.is_none() {
                    prev.speaker = speaker;
                }
                d.quote = Some(q);
            }
            None => {
                said.quotes.push(Quote { speaker, text });
                d.quote = Some(said.quotes.len() - 1);
            }
        }
        previous_quote = d.quote;
    }
    said.decisions = decisions;
    said
}

/// The names of the candidates a decision chose between, for explanations.
pub fn describe(c: &Candidate, mentions: &[Mention], p: &Paragraph, table: &EntityTable) -> String {
    match c.who {
        Who::Mention(m) => mentions[m].name.clone(),
        Who::Pronoun => format!("\"{}\"", p.span(c.start..c.end)),
        Who::Previous(e) => format!("the previous speaker ({})", table.speaker_name(e)),
        Who::Introduced(e) => format!("the person named before ({})", table.speaker_name(e)),
        Who::Nobody => "nobody".to_string(),
    }
}
