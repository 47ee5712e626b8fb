//! Why extraction found what it found (`newsidx extract --explain`): for each name its
//! class and the evidence that weighed most for it, with the passes that changed it and
//! the other forms it was grouped with; for each quotation and each report of speech,
//! who was chosen among which candidates, and how a pronoun was resolved.
//!
//! Evidence is read off the trained weights: for every token of a name, each feature
//! adds the weight of the label it was given less the weight of "outside any name";
//! features are grouped by template and the largest sums are reported in words.

use rustc_hash::FxHashMap;

use super::attribution::anchors::{AnchorKind, Who};
use super::attribution::{self, model as attribution_model, Walk};
use super::mentions::Class;
use super::names::decode::Hold;
use super::names::features::{Described, Flag, Position, Template};
use super::names::labels::{Kind, Label};
use super::names::{self, Reading};
use super::{Analysis, Paragraph};

/// Why one entity is what it is.
#[derive(Debug, Clone)]
pub struct NameReason {
    pub name: String,
    pub class: Class,
    /// The other forms the article writes (grouped with it).
    pub forms: Vec<String>,
    /// The strongest evidence, most first: a description and its weight.
    pub evidence: Vec<(String, f32)>,
    /// How much the model preferred this reading of the first mention over "no name".
    pub margin: f32,
    /// Passes that changed its mentions (a title taken off, ...).
    pub changes: Vec<String>,
}

/// How one quotation or report of speech got its source.
#[derive(Debug, Clone)]
pub struct SourceReason {
    /// A quotation's text, or the sentence of a report.
    pub text: String,
    pub is_quote: bool,
    /// The word that reports speech nearest to it, if any.
    pub cue: Option<String>,
    /// The speaker's name, if someone.
    pub speaker: Option<String>,
    /// The best candidates with their scores, the chosen one first.
    pub ranking: Vec<(String, f32)>,
    /// How the chosen candidate became the speaker.
    pub how: String,
}

/// Everything `--explain` prints about one article.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    pub names: Vec<NameReason>,
    pub sources: Vec<SourceReason>,
}

/// How many pieces of evidence are kept per name, and candidates per decision.
const KEPT: usize = 4;

/// Explain an analysed article.
pub fn explain(a: &Analysis) -> Explanation {
    Explanation {
        names: names_of(a),
        sources: sources_of(a),
    }
}

/// The paragraphs the name model read, as in [`super::analyse`].
fn read(a: &Analysis) -> Vec<&Paragraph> {
    let mut read: Vec<&Paragraph> = a.paragraphs.iter().collect();
    read.extend(a.headline.as_ref());
    read
}

fn names_of(a: &Analysis) -> Vec<NameReason> {
    let Some(model) = names::model() else {
        return Vec::new();
    };
    let read = read(a);
    let reading = super::reading_of(&read, a.paragraphs.len(), a.dateline_end());
    let (first, second) = names::label_both(model, &reading);
    let seen = names::seen(&reading, &first);
    let mut out: Vec<NameReason> = Vec::new();
    let mut index: FxHashMap<usize, usize> = FxHashMap::default();
    for (k, m) in a.mentions.iter().enumerate() {
        let id = a.table.entity_of(k);
        let e = a.table.entity(id);
        if let Some(&at) = index.get(&id) {
            for c in &m.changes {
                let c = c.describe();
                if !out[at].changes.contains(&c) {
                    out[at].changes.push(c);
                }
            }
            continue;
        }
        // The evidence of the entity's first mention: the tokens the model labelled.
        let p = read[m.para];
        let span = name_span(&second[m.para], m.start, m.end);
        let mut changes: Vec<String> = m.changes.iter().map(|c| c.describe()).collect();
        if reading.holds[m.para].get(span.start) == Some(&Hold::Opens) {
            // Held by an acronym in brackets right after the name ("(NRU)").
            let acronym = p.tokens.get(span.end + 1).map_or("", |t| t.text(&p.text));
            changes.push(format!(
                "its extent is the words \"{acronym}\" in brackets spells"
            ));
        }
        let (evidence, margin) = weigh(&reading, &first, &seen, &second, p, m.para, span);
        index.insert(id, out.len());
        out.push(NameReason {
            name: e.name.clone(),
            class: e.class,
            forms: e.forms.iter().filter(|f| **f != e.name).cloned().collect(),
            evidence,
            margin,
            changes,
        });
    }
    out
}

/// The labelled span around tokens `start..end` (a mention may have lost a title).
fn name_span(labels: &[Label], start: usize, end: usize) -> std::ops::Range<usize> {
    let mut s = start;
    while s > 0
        && labels[s].kind().is_some()
        && labels[s - 1].kind() == labels[s].kind()
        && !labels[s - 1].closes()
    {
        s -= 1;
    }
    s..end
}

/// The strongest evidence for the labels of tokens `span` of paragraph `para`, and the
/// margin of those labels over "outside".
fn weigh(
    reading: &Reading,
    first: &[Vec<Label>],
    seen: &FxHashMap<u64, names::features::Seen>,
    second: &[Vec<Label>],
    p: &Paragraph,
    para: usize,
    span: std::ops::Range<usize>,
) -> (Vec<(String, f32)>, f32) {
    let Some(model) = names::model() else {
        return (Vec::new(), 0.0);
    };
    let pass = &model.second;
    let Some(segment) = reading
        .segments
        .iter()
        .find(|s| s.para == para && s.range.contains(&span.start))
    else {
        return (Vec::new(), 0.0);
    };
    let mut sums: FxHashMap<String, f32> = FxHashMap::default();
    let mut margin = 0.0;
    for t in span {
        let label = second[para][t];
        let mut d = Described::default();
        names::second_features(reading, first, seen, segment, t, &mut d);
        for (template, detail, key) in d.0 {
            let Some(w) = pass.weights.get(key) else {
                continue;
            };
            let gain = f32::from(w[label.index()]) - f32::from(w[Label::OUTSIDE.index()]);
            let gain = gain * pass.scale;
            margin += gain;
            if template == Template::Bias {
                continue;
            }
            *sums.entry(describe(template, detail, p, t)).or_default() += gain;
        }
    }
    let mut evidence: Vec<(String, f32)> = sums.into_iter().filter(|(_, g)| *g > 0.0).collect();
    evidence.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    evidence.truncate(KEPT);
    (evidence, margin)
}

/// The text of token `t + offset` of `p`, quoted, or a boundary.
fn word_at(p: &Paragraph, t: usize, offset: isize) -> String {
    let j = t as isize + offset;
    if j < 0 || j as usize >= p.tokens.len() {
        return "(edge of the sentence)".to_string();
    }
    format!("\"{}\"", p.tokens[j as usize].text(&p.text))
}

fn flag_name(bit: u64) -> &'static str {
    match Flag::ALL.get(bit as usize) {
        Some(Flag::Capitalised) => "capitalised",
        Some(Flag::AllCaps) => "in capitals",
        Some(Flag::InnerCap) => "a capital inside",
        Some(Flag::HasDigit) => "a digit",
        Some(Flag::Possessive) => "possessive",
        Some(Flag::Initial) => "an initial",
        Some(Flag::Dotted) => "dotted letters",
        Some(Flag::Hyphenated) => "hyphenated",
        Some(Flag::GivenName) => "in the given-name list",
        Some(Flag::Surname) => "in the surname list",
        Some(Flag::Place) => "in the place list",
        Some(Flag::Demonym) => "a nationality",
        Some(Flag::OrgHead) => "an organization head word",
        Some(Flag::CompanySuffix) => "a company suffix",
        Some(Flag::Title) => "a title",
        Some(Flag::Outlet) => "a news outlet",
        Some(Flag::Common) => "a common English word",
        Some(Flag::Dictionary) => "a dictionary word",
        Some(Flag::SpeechVerb) => "a speech verb",
        Some(Flag::Calendar) => "a month or weekday",
        Some(Flag::Connector) => "a name connector",
        Some(Flag::Stop) => "punctuation",
        Some(Flag::PlaceHead) => "a word that ends place names",
        Some(Flag::EventHead) => "a word that ends event names",
        None => "a flag",
    }
}

fn position_name(bit: u64) -> &'static str {
    match Position::ALL.get(bit as usize) {
        Some(Position::ClauseStart) => "at the start of a sentence",
        Some(Position::Headline) => "in the headline",
        Some(Position::CapitalLine) => "in a line of capitals",
        Some(Position::Quoted) => "inside a quotation",
        Some(Position::Bracketed) => "alone in brackets",
        Some(Position::NumberLine) => "in a line of numbers",
        Some(Position::PhraseFirst | Position::PhraseMiddle | Position::PhraseLast) => {
            "in a phrase known as one name"
        }
        None => "a position",
    }
}

fn kind_name(k: u64) -> &'static str {
    Kind::ALL.get(k as usize).map_or("no name", |k| k.name())
}

/// One feature of token `t` in words.
fn describe(template: Template, detail: u64, p: &Paragraph, t: usize) -> String {
    let w = || word_at(p, t, 0);
    match template {
        Template::Bias => "prior".to_string(),
        Template::Word => format!("the word {}", w()),
        Template::Shape | Template::ShortShape | Template::ShapeWindow => {
            format!("the shape of {}", w())
        }
        Template::Prefix3 | Template::Prefix4 => format!("the beginning of {}", w()),
        Template::Suffix2 | Template::Suffix3 | Template::Suffix4 => {
            format!("the ending of {}", w())
        }
        Template::Flag | Template::FlagShape => format!("{} is {}", w(), flag_name(detail)),
        Template::PrevWord | Template::PrevShape => format!("{} before it", word_at(p, t, -1)),
        Template::NextWord | Template::NextShape => format!("{} after it", word_at(p, t, 1)),
        Template::Prev2Word => format!("{} two words before", word_at(p, t, -2)),
        Template::Next2Word => format!("{} two words after", word_at(p, t, 2)),
        Template::PrevWordWord => format!("{} {}", word_at(p, t, -1), w()),
        Template::WordNextWord => format!("{} {}", w(), word_at(p, t, 1)),
        Template::PrevFlag | Template::PrevFlagShape => {
            format!("{} before it is {}", word_at(p, t, -1), flag_name(detail))
        }
        Template::NextFlag => format!("{} after it is {}", word_at(p, t, 1), flag_name(detail)),
        Template::Position => format!("{} {}", w(), position_name(detail)),
        Template::Cluster => format!("the word cluster of {}", w()),
        Template::PrevCluster => format!("the word cluster of {}", word_at(p, t, -1)),
        Template::NextCluster => format!("the word cluster of {}", word_at(p, t, 1)),
        Template::Elsewhere => match detail {
            1 => format!("{} is written in lowercase elsewhere", w()),
            2 => format!("{} is written capitalised elsewhere", w()),
            _ => format!("how {} is written elsewhere", w()),
        },
        Template::ArticleKind => match detail {
            9 => format!("{} is in no name elsewhere in the article", w()),
            d if d >= 10 => format!("{} is part of a {} name elsewhere", w(), kind_name(d - 10)),
            d => format!(
                "{} is read as {} {} elsewhere in the article",
                w(),
                if d % 2 == 1 { "always" } else { "mostly" },
                kind_name(d / 2)
            ),
        },
        Template::ArticlePart => format!(
            "{} {} a {} name elsewhere",
            w(),
            if detail % 2 == 1 { "ends" } else { "begins" },
            kind_name(detail / 2)
        ),
        Template::ArticlePrevWord => format!("the words before {} elsewhere", w()),
        Template::ArticleNextWord => format!("the words after {} elsewhere", w()),
        Template::Coordinated => {
            let (side, at) = if detail < 4 {
                ("before", -2)
            } else {
                ("after", 2)
            };
            format!(
                "listed with {}, read as {}, {side} it",
                word_at(p, t, at),
                kind_name(detail % 4)
            )
        }
    }
}

fn sources_of(a: &Analysis) -> Vec<SourceReason> {
    let Some(model) = attribution_model::model() else {
        return Vec::new();
    };
    let mentions = &a.mentions[..a.body_mentions];
    let mut walk = Walk::new(
        &a.paragraphs,
        mentions,
        &a.table,
        &model.cues,
        a.dateline_end(),
    );
    let mut rankings: FxHashMap<(usize, usize, bool), Vec<(String, f32)>> = FxHashMap::default();
    let decisions = walk.run(|offer| {
        let p = &a.paragraphs[offer.anchor.para];
        let mut scored: Vec<(String, f32)> = offer
            .candidates
            .iter()
            .zip(offer.features)
            .map(|(c, f)| {
                (
                    attribution::describe(c, mentions, p, &a.table),
                    model.score(f),
                )
            })
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1));
        scored.truncate(KEPT);
        let a = offer.anchor;
        rankings.insert((a.para, a.start, a.kind == AnchorKind::Quote), scored);
        attribution::best(model, offer)
    });
    let mut out = Vec::new();
    for d in &decisions {
        let p = &a.paragraphs[d.anchor.para];
        let chosen = attribution::describe(&d.chosen, mentions, p, &a.table);
        let is_quote = d.anchor.kind == AnchorKind::Quote;
        let ranking = rankings
            .remove(&(d.anchor.para, d.anchor.start, is_quote))
            .unwrap_or_default();
        if !is_quote && d.entity.is_none() {
            continue;
        }
        let speaker = d.entity.map(|e| a.table.speaker_name(e));
        let how = match d.chosen.who {
            Who::Mention(_) => format!("the model ranked {chosen} first"),
            Who::Pronoun => match &speaker {
                Some(s) => format!("the model ranked {chosen} first; it stands for {s}, the last of that kind to speak or be named"),
                None => format!("the model ranked {chosen} first, but it stands for nobody named"),
            },
            Who::Previous(_) => "nobody in the paragraph: the previous speaker".to_string(),
            Who::Introduced(_) => {
                "nobody in the paragraph: the person the paragraph before names".to_string()
            }
            Who::Nobody => match (d.repeats, &speaker) {
                (Some(k), Some(s)) => {
                    let when = if decisions[k].anchor.para < d.anchor.para {
                        "earlier"
                    } else {
                        "later"
                    };
                    format!("nobody named beside it, but it repeats words {s} says {when} in the article")
                }
                _ => "the model found nobody who said it".to_string(),
            },
        };
        let text = if is_quote {
            p.text[d.anchor.inner(p)].trim().to_string()
        } else {
            let s = p
                .sentences
                .iter()
                .find(|s| s.contains(&d.anchor.start))
                .cloned()
                .unwrap_or(d.anchor.start..d.anchor.end);
            p.span(s).to_string()
        };
        let cue = if is_quote {
            nearest_cue(p, &model.cues, d.anchor.start, d.anchor.end)
        } else {
            Some(p.span(d.anchor.start..d.anchor.end).to_string())
        };
        out.push(SourceReason {
            text,
            is_quote,
            cue,
            speaker,
            ranking,
            how: if d.anchor.continues {
                format!("{how}; it carries on the quotation before it, left open")
            } else {
                how
            },
        });
    }
    out
}

/// The word that may report speech nearest to tokens `start..end` in their sentences.
fn nearest_cue(
    p: &Paragraph,
    cues: &attribution::Cues,
    start: usize,
    end: usize,
) -> Option<String> {
    let sentence = |i: usize| p.sentences.iter().position(|s| s.contains(&i));
    let (first, last) = (sentence(start), sentence(end.saturating_sub(1)));
    (0..p.tokens.len())
        .filter(|&i| !p.in_quote[i] && (sentence(i) == first || sentence(i) == last))
        .filter(|&i| cues.contains(&p.tokens[i].text(&p.text).to_lowercase()))
        .min_by_key(|&i| {
            if i < start {
                start - i
            } else {
                i.saturating_sub(end)
            }
        })
        .map(|i| p.tokens[i].text(&p.text).to_string())
}
