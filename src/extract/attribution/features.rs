//! What the attribution model sees of an anchor and one candidate source: where the
//! candidate stands from the anchor, the words around it (a speech verb next to it, a
//! preposition before it, another name right after it), and the shape of the
//! quotation. Templates have fixed ids; keys mix them with their values as the name
//! model's do.
//!
//! What does not depend on the anchor is worked out once per paragraph ([`Sources`]);
//! what does not depend on the candidate, once per anchor ([`AnchorFacts`]).

use super::anchors::{Anchor, AnchorKind, Candidate, Prepared, Who};
use super::vocabulary::{is_adverb, is_preposition};
use crate::extract::mentions::{Change, Class, Mention};
use crate::extract::names::features::Template as NameTemplate;
use crate::extract::names::features::{hash, key, key2};
use crate::extract::tokens::Kind;
use crate::extract::Paragraph;

/// Bumped whenever a template changes what it computes without changing its name.
const REVISION: u64 = 12;

/// The feature templates. Ids are fixed: never renumber, only add (22 was a template
/// of pairs of facts, dropped as it added nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Template {
    /// Who the candidate is (a kind of name, a pronoun, the previous speaker, nobody).
    Who = 0,
    /// Who, on which side of the anchor, in which sentence.
    Side = 1,
    /// Who, side, and how many tokens lie between.
    Gap = 2,
    /// Side and how many other candidates lie between.
    Between = 3,
    /// A speech word right after the candidate ("Smith said").
    VerbAfter = 4,
    /// A speech word right before the candidate ("said Smith").
    VerbBefore = 5,
    /// The nearest speech word after the candidate in its sentence: distance, the
    /// candidates between, a participle ("..., saying").
    NearVerbAfter = 6,
    /// The nearest speech word before the candidate in its sentence.
    NearVerbBefore = 7,
    /// A preposition or verb right before the candidate ("of", "told", "to").
    WordBefore = 8,
    /// The word right after the candidate.
    WordAfter = 9,
    /// The candidate's name is possessive ("Trump's campaign said").
    Possessive = 10,
    /// The candidate is the first one of its sentence.
    FirstInSentence = 11,
    /// The candidate's entity spoke last.
    SpokeLast = 12,
    /// The quotation's shape: where it stands in its paragraph, its length, its last mark.
    QuoteShape = 13,
    /// The cue word itself, with who and side.
    CueWord = 14,
    /// How many candidates the paragraph offers.
    Offered = 15,
    /// A speech word in the anchor's sentence, outside quotations.
    SentenceSpeaks = 16,
    /// Side, sentence and whether a speech word stands between the candidate and the
    /// anchor.
    VerbBetween = 17,
    /// The candidate follows a colon that opens the quotation ("X said: '...'").
    Colon = 18,
    /// Another name follows the candidate within a few title words ("House Speaker Paul
    /// Ryan": House is no source), or precedes it; the candidate sits in a clause after
    /// "who".
    NameNext = 19,
    /// How often the candidate's entity is named in the article, and whether it spoke.
    Salience = 20,
    /// Side and sentence crossed with the words around the candidate.
    Context = 21,
    /// For a quotation: how the candidate stands to the cue word nearest the quotation
    /// in its sentence (the source chosen for it, its subject, right after it).
    QuoteCue = 23,
    /// How the candidate stands to a speech word in the passive ("was branded ... by
    /// X"): its agent after "by", or before it, as what was spoken of.
    Passive = 25,
}

impl Template {
    /// Every template, in id order.
    pub const ALL: [Template; 24] = [
        Template::Who,
        Template::Side,
        Template::Gap,
        Template::Between,
        Template::VerbAfter,
        Template::VerbBefore,
        Template::NearVerbAfter,
        Template::NearVerbBefore,
        Template::WordBefore,
        Template::WordAfter,
        Template::Possessive,
        Template::FirstInSentence,
        Template::SpokeLast,
        Template::QuoteShape,
        Template::CueWord,
        Template::Offered,
        Template::SentenceSpeaks,
        Template::VerbBetween,
        Template::Colon,
        Template::NameNext,
        Template::Salience,
        Template::Context,
        Template::QuoteCue,
        Template::Passive,
    ];
}

/// A feature key of an attribution template: kept apart from the name model's keys by
/// mixing through a template of its own.
fn k(template: Template, value: u64) -> u64 {
    key2(NameTemplate::Bias, 0xA77B_0000 + template as u64, value)
}

fn k2(template: Template, a: u64, b: u64) -> u64 {
    k(template, key(NameTemplate::Bias, a).rotate_left(21) ^ b)
}

/// What a candidate that is nobody is, in [`Template::Who`].
const NOBODY: u64 = 6;

/// The feature every "nobody" candidate of a quotation has, and only those: its weight
/// is how readily a quotation is left without a speaker.
pub fn quote_by_nobody() -> u64 {
    k2(Template::Who, AnchorKind::Quote as u64, NOBODY)
}

fn bucket(n: usize) -> u64 {
    match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

/// What a candidate is and where it stands in its paragraph, worked out once per
/// paragraph.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// What the candidate is, as a small number (pronouns by their word).
    pub who: u64,
    /// A name, a pronoun, the previous speaker, nobody.
    pub coarse: u64,
    pub sentence: usize,
    /// The entity of a name.
    pub entity: Option<usize>,
    first_in_sentence: bool,
    possessive: bool,
    /// Another name follows within a few words ("House Speaker Paul Ryan").
    followed: bool,
    preceded: bool,
    /// In a clause after "who", "which" or "whose".
    aside: bool,
    /// How many times its entity is named in the article.
    named: usize,
    /// The first token after it and a bracketed aside right after it ("Rand Paul
    /// (R-Ky.)", "the International Energy Agency (IEA)"): what follows the name.
    tail: usize,
    /// The first token from `tail` on that is no adverb.
    after: usize,
}

/// The candidates of one paragraph with what is known of each.
pub struct Sources<'a> {
    pub p: &'a Paragraph,
    pub prepared: &'a Prepared<'a>,
    pub candidates: &'a [Candidate],
    pub info: Vec<Source>,
    /// Starts of the name and pronoun candidates, in order.
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl<'a> Sources<'a> {
    /// Describe the candidates of paragraph `p`. `entity_of` and `class_of` give a
    /// mention's entity and its class; `named` how many mentions an entity has.
    pub fn new(
        p: &'a Paragraph,
        prepared: &'a Prepared<'a>,
        candidates: &'a [Candidate],
        mentions: &[Mention],
        entity_of: &dyn Fn(usize) -> usize,
        class_of: &dyn Fn(usize) -> Class,
        named: &dyn Fn(usize) -> usize,
    ) -> Sources<'a> {
        let pr = prepared;
        let n = p.tokens.len();
        let people: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| matches!(c.who, Who::Mention(_) | Who::Pronoun))
            .collect();
        let starts: Vec<usize> = people.iter().map(|c| c.start).collect();
        let ends: Vec<usize> = people.iter().map(|c| c.end).collect();
        let close_words = |from: usize, to: usize, sentence: usize| {
            to >= from
                && to - from <= 3
                && (from..to)
                    .all(|i| p.tokens[i].kind == Kind::Word && pr.sentence_of[i] == sentence)
        };
        let info = candidates
            .iter()
            .map(|c| {
                let (who, coarse) = match c.who {
                    Who::Mention(m) => (
                        match class_of(m) {
                            Class::Person => 1,
                            Class::Organization => 2,
                            Class::Place => 3,
                            Class::Other => 4,
                        },
                        1,
                    ),
                    Who::Pronoun => (10 + hash(&pr.lower[c.start]) % 1000, 2),
                    Who::Previous(_) => (5, 3),
                    Who::Introduced(_) => (7, 5),
                    Who::Nobody => (NOBODY, 4),
                };
                if !matches!(c.who, Who::Mention(_) | Who::Pronoun) {
                    return Source {
                        who,
                        coarse,
                        entity: match c.who {
                            Who::Previous(e) | Who::Introduced(e) => Some(e),
                            _ => None,
                        },
                        ..Default::default()
                    };
                }
                let sentence = pr.sentence_of[c.start];
                let tail = past_aside(p, pr, c.end);
                let mut after = tail;
                while after < n && is_adverb(&pr.lower[after]) {
                    after += 1;
                }
                let first_in_sentence = people
                    .iter()
                    .find(|o| pr.sentence_of[o.start] == sentence)
                    .is_some_and(|o| o.start == c.start);
                let names = people.iter().filter(|o| matches!(o.who, Who::Mention(_)));
                let followed = names
                    .clone()
                    .any(|o| o.start > c.start && close_words(c.end, o.start, sentence));
                let preceded = names
                    .clone()
                    .any(|o| o.end <= c.start && close_words(o.end, c.start, sentence));
                let aside = (0..c.start)
                    .rev()
                    .take_while(|&i| pr.sentence_of[i] == sentence && pr.lower[i] != ",")
                    .any(|i| matches!(pr.lower[i].as_ref(), "who" | "which" | "whose"));
                let (entity, possessive) = match c.who {
                    Who::Mention(m) => (
                        Some(entity_of(m)),
                        mentions[m].changes.contains(&Change::Possessive),
                    ),
                    _ => (None, false),
                };
                Source {
                    who,
                    coarse,
                    sentence,
                    entity,
                    first_in_sentence,
                    possessive,
                    followed,
                    preceded,
                    aside,
                    named: entity.map_or(0, named),
                    tail,
                    after,
                }
            })
            .collect();
        Sources {
            p,
            prepared,
            candidates,
            info,
            starts,
            ends,
        }
    }

    /// How many names and pronouns lie wholly within tokens `from..to`.
    fn between(&self, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        let first = self.starts.partition_point(|&s| s < from);
        (first..self.starts.len())
            .take_while(|&k| self.starts[k] < to)
            .filter(|&k| self.ends[k] <= to)
            .count()
    }

    /// Whether candidate `c` may be the source of `anchor`: a cue word's source is in
    /// its sentence; a quotation's, in its sentences or the one before or after. The
    /// previous speaker and nobody always may.
    pub fn within_reach(&self, anchor: &Anchor, c: usize) -> bool {
        if !matches!(self.candidates[c].who, Who::Mention(_) | Who::Pronoun) {
            return true;
        }
        let s = self.info[c].sentence;
        let (first, last) = anchor_sentences(self.prepared, anchor);
        match anchor.kind {
            AnchorKind::Cue => s == first,
            AnchorKind::Quote => s + 1 >= first && s <= last + 1,
        }
    }
}

/// Most tokens a bracketed aside after a name may hold.
const ASIDE_TOKENS: usize = 8;

/// The token after a short bracketed aside that opens at token `end` ("(R-Ky.)",
/// "(IEA)"), in one sentence and holding no quotation or speech word; `end` itself when
/// none does.
fn past_aside(p: &Paragraph, pr: &Prepared, end: usize) -> usize {
    if pr.lower.get(end).map(|w| w.as_ref()) != Some("(") {
        return end;
    }
    (end + 1..p.tokens.len().min(end + 2 + ASIDE_TOKENS))
        .take_while(|&i| {
            pr.sentence_of[i] == pr.sentence_of[end] && !p.in_quote[i] && !pr.speech[i]
        })
        .find(|&i| pr.lower[i] == ")")
        .map_or(end, |close| close + 1)
}

/// Whether the speech word at token `v` is in the passive: a form of "be" right before
/// it, or before an adverb before it ("have been branded", "was sharply criticised").
fn is_passive(pr: &Prepared, v: usize) -> bool {
    let be = |i: usize| {
        matches!(
            pr.lower[i].as_ref(),
            "be" | "been" | "being" | "is" | "are" | "was" | "were"
        )
    };
    (v >= 1 && be(v - 1)) || (v >= 2 && is_adverb(&pr.lower[v - 1]) && be(v - 2))
}

/// The first and last sentence of an anchor.
fn anchor_sentences(pr: &Prepared<'_>, anchor: &Anchor) -> (usize, usize) {
    let last = (anchor.end - 1).min(pr.sentence_of.len() - 1);
    (pr.sentence_of[anchor.start], pr.sentence_of[last])
}

/// What is known of an anchor, whatever the candidate.
pub struct AnchorFacts {
    kind: u64,
    first: usize,
    last: usize,
    /// Keys of the anchor's own features, to be crossed with the candidate's coarse kind.
    own: Vec<u64>,
    /// The nearest speech words before a quotation's opening and after its close, in
    /// their sentences.
    cue_before: Option<usize>,
    cue_after: Option<usize>,
}

impl AnchorFacts {
    pub fn new(sources: &Sources, anchor: &Anchor) -> AnchorFacts {
        let p = sources.p;
        let pr = sources.prepared;
        let n = p.tokens.len();
        let kind = anchor.kind as u64;
        let (first, last) = anchor_sentences(pr, anchor);
        let mut own = Vec::new();
        let offered = sources
            .candidates
            .iter()
            .filter(|o| matches!(o.who, Who::Mention(_)))
            .count();
        own.push(k2(Template::Offered, kind, bucket(offered)));
        let speaks = (0..n)
            .filter(|&i| (first..=last).contains(&pr.sentence_of[i]))
            .any(|i| pr.speech[i]);
        own.push(k2(Template::SentenceSpeaks, kind, u64::from(speaks)));
        let (mut cue_before, mut cue_after) = (None, None);
        match anchor.kind {
            AnchorKind::Quote => {
                let words = (anchor.start..anchor.end)
                    .filter(|&i| p.tokens[i].kind != Kind::Punct)
                    .count();
                let opens = anchor.start == 0;
                let closes = anchor.end >= n;
                let ending = match anchor.end.checked_sub(2).map(|i| pr.lower[i].as_ref()) {
                    Some(",") => 1,
                    Some(".") => 2,
                    Some("?") | Some("!") => 3,
                    _ => 0,
                };
                let capitalised = (anchor.start..anchor.end)
                    .filter(|&i| p.tokens[i].kind == Kind::Word)
                    .all(|i| p.tokens[i].text(&p.text).starts_with(char::is_uppercase));
                own.push(k2(Template::QuoteShape, 0, bucket(words)));
                own.push(k2(
                    Template::QuoteShape,
                    0,
                    100 + u64::from(opens) * 4
                        + u64::from(closes) * 2
                        + u64::from(anchor.continues),
                ));
                own.push(k2(Template::QuoteShape, 0, 200 + ending));
                own.push(k2(Template::QuoteShape, 0, 300 + u64::from(capitalised)));
                cue_before = (0..anchor.start)
                    .rev()
                    .take_while(|&i| pr.sentence_of[i] == first)
                    .find(|&i| pr.speech[i]);
                cue_after = (anchor.end..n)
                    .take_while(|&i| pr.sentence_of[i] == last)
                    .find(|&i| pr.speech[i]);
            }
            AnchorKind::Cue => {
                own.push(k2(Template::CueWord, hash(&pr.lower[anchor.start]), 500));
            }
        }
        AnchorFacts {
            kind,
            first,
            last,
            own,
            cue_before,
            cue_after,
        }
    }
}

/// How the paragraph before an anchor's leads into it.
#[derive(Debug, Clone, Copy, Default)]
pub struct LeadIn {
    /// Paragraphs since the last speaker spoke (0 when nobody has).
    pub gap: usize,
    /// Whether the paragraph before ends in a colon.
    pub colon: bool,
}

/// What the features of an anchor's candidates read beyond the paragraph.
pub struct Context<'a> {
    /// The entity that spoke last, if any.
    pub last_speaker: Option<usize>,
    pub lead_in: LeadIn,
    /// The entities that spoke before this anchor.
    pub spoke: &'a rustc_hash::FxHashSet<usize>,
    /// For each cue word of the paragraph already decided, the first token of the
    /// source chosen for it.
    pub chosen_for_cue: &'a rustc_hash::FxHashMap<usize, usize>,
}

/// The features of candidate `c` (an index into the paragraph's candidates) for one
/// anchor.
pub fn features(
    sources: &Sources,
    ctx: &Context,
    anchor: &Anchor,
    facts: &AnchorFacts,
    c: usize,
    out: &mut Vec<u64>,
) {
    let info = &sources.info[c];
    let kind = facts.kind;
    let coarse = info.coarse;
    out.push(k2(Template::Who, kind, info.who));
    for &f in &facts.own {
        out.push(k2(Template::Who, f, coarse));
    }
    match sources.candidates[c].who {
        Who::Previous(e) => {
            out.push(k2(
                Template::SpokeLast,
                kind,
                10 + u64::from(Some(e) == ctx.last_speaker),
            ));
            let lead = lead_in(ctx, anchor);
            out.push(k2(Template::SpokeLast, kind, 30 + lead));
            for &f in &facts.own {
                out.push(k2(Template::SpokeLast, f, 100 + lead));
            }
        }
        Who::Introduced(e) => {
            out.push(k2(
                Template::SpokeLast,
                kind,
                20 + u64::from(ctx.spoke.contains(&e)) * 2 + u64::from(anchor.start == 0),
            ));
            let lead = lead_in(ctx, anchor);
            out.push(k2(Template::SpokeLast, kind, 60 + lead));
            for &f in &facts.own {
                out.push(k2(Template::SpokeLast, f, 200 + lead));
            }
        }
        Who::Nobody => {}
        Who::Mention(_) | Who::Pronoun => place(sources, ctx, anchor, facts, c, out),
    }
}

/// A small number for how the paragraph before leads into an anchor: the last speaker's
/// distance (1, 2, more), the colon, and whether the anchor opens its paragraph.
fn lead_in(ctx: &Context, anchor: &Anchor) -> u64 {
    ctx.lead_in.gap.min(3) as u64 * 4
        + u64::from(ctx.lead_in.colon) * 2
        + u64::from(anchor.start == 0)
}

/// Which side of the anchor a candidate stands on.
fn side(anchor: &Anchor, c: &Candidate) -> u64 {
    if c.end <= anchor.start {
        0
    } else if c.start >= anchor.end {
        1
    } else {
        2
    }
}

/// Where a name or pronoun stands from its anchor, as several groups of features read
/// it.
struct Standing<'s> {
    sources: &'s Sources<'s>,
    /// The candidate's index among the paragraph's candidates.
    ci: usize,
    /// The anchor's kind, and the candidate's (fine and coarse).
    kind: u64,
    who: u64,
    coarse: u64,
    /// Side of the anchor ([`side`]) and sentence relative to it (0 the anchor's first,
    /// 1 its last, 2 the one before, 3 the one after, 4 earlier, 5 later).
    sd: u64,
    rel: u64,
    sentence: usize,
    /// The first token after the candidate and its bracketed aside, and the first from
    /// there that is no adverb.
    tail: usize,
    after: usize,
    /// Tokens between the candidate and the anchor, and the candidates among them.
    lo: usize,
    hi: usize,
    between: usize,
    /// A speech word right after the candidate, right before it.
    verb_after: bool,
    verb_before: bool,
}

impl<'s> Standing<'s> {
    fn new(
        sources: &'s Sources<'s>,
        anchor: &Anchor,
        facts: &AnchorFacts,
        ci: usize,
    ) -> Standing<'s> {
        let pr = sources.prepared;
        let n = sources.p.tokens.len();
        let c = &sources.candidates[ci];
        let info = &sources.info[ci];
        let sd = side(anchor, c);
        let s = info.sentence;
        let rel = if s == facts.first {
            0
        } else if s == facts.last {
            1
        } else if s + 1 == facts.first {
            2
        } else if s == facts.last + 1 {
            3
        } else if s < facts.first {
            4
        } else {
            5
        };
        let tail = info.tail;
        let (lo, hi) = match sd {
            0 => (tail.min(anchor.start), anchor.start),
            1 => (anchor.end, c.start),
            _ => (c.end, c.end),
        };
        Standing {
            sources,
            ci,
            kind: facts.kind,
            who: info.who,
            coarse: info.coarse,
            sd,
            rel,
            sentence: s,
            tail,
            after: info.after,
            lo,
            hi,
            between: sources.between(lo, hi),
            verb_after: info.after < n && pr.speech[info.after],
            verb_before: c.start > 0 && pr.speech[c.start - 1],
        }
    }
}

/// The features of a name or pronoun: where it stands from the anchor and what is
/// around it.
fn place(
    sources: &Sources,
    ctx: &Context,
    anchor: &Anchor,
    facts: &AnchorFacts,
    ci: usize,
    out: &mut Vec<u64>,
) {
    let st = Standing::new(sources, anchor, facts, ci);
    st.distance(out);
    st.speech_words(out);
    st.words_around(out);
    st.in_article(ctx, out);
    st.anchor_kind(ctx, anchor, facts, out);
}

impl Standing<'_> {
    /// Side, sentence and distance from the anchor; a speech word between.
    fn distance(&self, out: &mut Vec<u64>) {
        let sources = self.sources;
        let (kind, coarse, sd, rel) = (self.kind, self.coarse, self.sd, self.rel);
        out.push(k2(Template::Side, kind, self.who * 64 + sd * 8 + rel));
        out.push(k2(Template::Side, kind, coarse * 64 + sd * 8 + rel));
        let gap = self.hi - self.lo;
        out.push(k2(Template::Gap, kind, coarse * 64 + sd * 8 + bucket(gap)));
        out.push(k2(Template::Between, kind, sd * 8 + bucket(self.between)));
        let verb_between = (self.lo..self.hi).any(|i| sources.prepared.speech[i]);
        out.push(k2(
            Template::VerbBetween,
            kind,
            coarse * 64 + sd * 8 + rel * 2 + u64::from(verb_between),
        ));
    }

    /// Speech words next to the candidate and nearest it in its sentence, active or
    /// passive.
    fn speech_words(&self, out: &mut Vec<u64>) {
        let (sources, ci) = (self.sources, self.ci);
        let pr = sources.prepared;
        let n = sources.p.tokens.len();
        let c = &sources.candidates[ci];
        let info = &sources.info[ci];
        let (kind, coarse, sd, tail) = (self.kind, self.coarse, self.sd, self.tail);
        if self.verb_after {
            out.push(k2(Template::VerbAfter, kind, hash(&pr.lower[self.after])));
            out.push(k2(Template::VerbAfter, kind, coarse * 8 + sd));
        }
        if self.verb_before {
            out.push(k2(Template::VerbBefore, kind, hash(&pr.lower[c.start - 1])));
            out.push(k2(Template::VerbBefore, kind, coarse * 8 + sd));
            // "said Boston coach Mike Keenan": a name right after the verb that another name
            // follows is that name's modifier.
            out.push(k2(
                Template::VerbBefore,
                kind,
                100 + u64::from(info.followed),
            ));
        }
        if self.verb_after {
            // "Boston coach Mike Keenan said": the name next to the verb is the one that
            // another name may precede.
            out.push(k2(
                Template::VerbAfter,
                kind,
                100 + u64::from(info.preceded),
            ));
        }
        let in_sentence = |i: usize| pr.sentence_of[i] == self.sentence;
        let near_after = (tail..n)
            .take_while(|&i| in_sentence(i))
            .find(|&i| pr.speech[i]);
        if let Some(v) = near_after {
            let commas = (tail..v).filter(|&i| pr.lower[i] == ",").count();
            out.push(k2(
                Template::NearVerbAfter,
                kind,
                bucket(v - tail) * 64 + bucket(sources.between(tail, v)) * 8 + commas.min(3) as u64,
            ));
            if pr.lower[v].ends_with("ing") {
                out.push(k2(Template::NearVerbAfter, kind, 7));
            }
        }
        let near_before = (0..c.start)
            .rev()
            .take_while(|&i| in_sentence(i))
            .find(|&i| pr.speech[i]);
        if let Some(v) = near_before {
            out.push(k2(
                Template::NearVerbBefore,
                kind,
                bucket(c.start - v - 1) * 8 + bucket(sources.between(v + 1, c.start)),
            ));
            if is_passive(pr, v) {
                let by = c.start > 0 && pr.lower[c.start - 1] == "by";
                out.push(k2(Template::Passive, kind, u64::from(by) * 8 + sd));
            }
        }
        if let Some(v) = near_after.filter(|&v| is_passive(pr, v)) {
            out.push(k2(
                Template::Passive,
                kind,
                16 + bucket(sources.between(tail, v)) * 8 + sd,
            ));
        }
    }

    /// The word before the candidate (a preposition, a speech word, punctuation) and the
    /// word after it.
    fn words_around(&self, out: &mut Vec<u64>) {
        let (sources, ci) = (self.sources, self.ci);
        let (p, pr) = (sources.p, sources.prepared);
        let c = &sources.candidates[ci];
        let (kind, tail) = (self.kind, self.tail);
        if c.start > 0 {
            let before = &pr.lower[c.start - 1];
            let word = if is_preposition(before) || pr.speech[c.start - 1] {
                hash(before)
            } else if p.tokens[c.start - 1].kind == Kind::Punct {
                hash(before) ^ 1
            } else {
                2
            };
            out.push(k2(
                Template::WordBefore,
                kind,
                word.rotate_left(3) ^ self.coarse,
            ));
            if before == "to" && c.start > 1 && pr.lower[c.start - 2] == "according" {
                out.push(k2(Template::WordBefore, kind, 3));
            }
        }
        if tail < p.tokens.len() {
            let w = &pr.lower[tail];
            let value = if p.tokens[tail].kind == Kind::Word && !pr.speech[tail] {
                hash(w)
            } else if p.tokens[tail].kind == Kind::Punct {
                hash(w) ^ 1
            } else {
                5
            };
            out.push(k2(Template::WordAfter, kind, value));
        }
    }

    /// What the article says of the candidate's entity (it spoke last, how often it is
    /// named), and where the candidate stands among the names of its sentence.
    fn in_article(&self, ctx: &Context, out: &mut Vec<u64>) {
        let (sources, ci) = (self.sources, self.ci);
        let pr = sources.prepared;
        let info = &sources.info[ci];
        let (kind, coarse, sd, rel) = (self.kind, self.coarse, self.sd, self.rel);
        if info.possessive {
            out.push(k2(Template::Possessive, kind, sd));
        }
        if let Some(e) = info.entity {
            if Some(e) == ctx.last_speaker {
                out.push(k2(Template::SpokeLast, kind, sd * 8 + rel));
            }
            out.push(k2(
                Template::Salience,
                kind,
                bucket(info.named) * 4 + u64::from(ctx.spoke.contains(&e)) * 2,
            ));
        }
        out.push(k2(
            Template::FirstInSentence,
            kind,
            u64::from(info.first_in_sentence) * 8 + sd,
        ));
        out.push(k2(
            Template::NameNext,
            kind,
            coarse * 32
                + u64::from(info.aside) * 16
                + u64::from(info.followed) * 8
                + u64::from(info.preceded) * 4
                + sd,
        ));
        let verb_after_here = self.verb_after && pr.sentence_of[self.after] == self.sentence;
        out.push(k2(
            Template::Context,
            kind,
            coarse * 256
                + sd * 64
                + rel * 8
                + u64::from(verb_after_here) * 4
                + u64::from(self.verb_before) * 2
                + u64::from(self.between == 0),
        ));
    }

    /// What only a quotation (a colon before it, the cue words around it) or only a cue
    /// word (the word itself) has.
    fn anchor_kind(&self, ctx: &Context, anchor: &Anchor, facts: &AnchorFacts, out: &mut Vec<u64>) {
        let (sources, ci) = (self.sources, self.ci);
        let pr = sources.prepared;
        let (kind, sd) = (self.kind, self.sd);
        match anchor.kind {
            AnchorKind::Quote => {
                if anchor.start > 0 && pr.lower[anchor.start - 1] == ":" && sd == 0 {
                    out.push(k2(Template::Colon, kind, u64::from(self.rel == 0)));
                }
                let before = quote_cue(sources, ctx, ci, facts.cue_before, |v| anchor.start - v);
                let after = quote_cue(sources, ctx, ci, facts.cue_after, |v| v - anchor.end);
                out.push(k2(Template::QuoteCue, 0, before));
                out.push(k2(Template::QuoteCue, 1, after));
                out.push(k2(Template::QuoteCue, 2, before * 16 + after));
            }
            AnchorKind::Cue => {
                let cue = hash(&pr.lower[anchor.start]);
                out.push(k2(Template::CueWord, cue, self.coarse * 8 + sd));
                out.push(k2(
                    Template::CueWord,
                    cue,
                    100 + bucket(self.hi - self.lo) * 8 + sd,
                ));
            }
        }
    }
}

/// How a candidate stands to a cue word near a quotation: 0 when there is none; else
/// 1 + the cue's distance from the quotation (bucketed) * 4 + the relation (0 none,
/// 1 chosen as its source, 2 its subject: the last candidate before it in its
/// sentence, 3 right after it).
fn quote_cue(
    sources: &Sources,
    ctx: &Context,
    ci: usize,
    cue: Option<usize>,
    distance: impl Fn(usize) -> usize,
) -> u64 {
    let Some(v) = cue else {
        return 0;
    };
    let pr = sources.prepared;
    let c = &sources.candidates[ci];
    let tail = sources.info[ci].tail;
    let relation = if ctx.chosen_for_cue.get(&v) == Some(&c.start) {
        1
    } else if tail <= v
        && sources.between(tail, v) == 0
        && pr.sentence_of[c.start] == pr.sentence_of[v]
    {
        2
    } else if c.start > v && c.start <= v + 3 && sources.between(v + 1, c.start) == 0 {
        3
    } else {
        0
    };
    1 + bucket(distance(v)).min(6) * 4 + relation
}

/// A digest of the templates, recorded in the model file.
pub fn fingerprint() -> u64 {
    let mut text = format!("attribution revision {REVISION};");
    for t in Template::ALL {
        text.push_str(&format!("{}:{t:?};", t as u16));
    }
    text.push_str(&format!("vocabulary {:x}", super::vocabulary::digest()));
    hash(&text)
}
