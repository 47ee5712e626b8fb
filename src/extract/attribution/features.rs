//! What the attribution model sees of an anchor and one candidate source: where the
//! candidate stands from the anchor, the words around it (a speech verb next to it, a
//! preposition before it), and the shape of the quotation. Templates have fixed ids;
//! keys mix them with their values as the name model's do.

use super::anchors::{Anchor, AnchorKind, Candidate, Prepared, Who};
use super::vocabulary::{is_adverb, is_preposition};
use crate::extract::mentions::{Change, Class, Mention};
use crate::extract::names::features::Template as NameTemplate;
use crate::extract::names::features::{hash, key, key2};
use crate::extract::tokens::Kind;
use crate::extract::Paragraph;

/// Bumped whenever a template changes what it computes without changing its name.
const REVISION: u64 = 4;

/// The feature templates. Ids are fixed: never renumber, only add.
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
    /// The nearest speech word after the candidate in its sentence: distance and the
    /// candidates between.
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
    /// The candidate's entity spoke the previous quotation.
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
    /// Ryan": House is no source), or precedes it.
    NameNext = 19,
    /// How often the candidate's entity is named in the article, and whether it spoke.
    Salience = 20,
    /// Side and sentence crossed with the words around the candidate.
    Context = 21,
    /// A pair of the facts about a candidate (its kind, side, sentence, distance, the
    /// words around it), or one of them alone.
    Pair = 22,
    /// For a quotation: how the candidate stands to the cue word nearest the quotation
    /// in its sentence (the source chosen for it, its subject, right after it).
    QuoteCue = 23,
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
        Template::Pair,
        Template::QuoteCue,
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

/// What the candidate is, as a small number (pronouns by their word).
fn who_code(c: &Candidate, ctx: &Context) -> u64 {
    let prepared = ctx.prepared;
    match c.who {
        Who::Mention(m) => match (ctx.class_of)(m) {
            Class::Person => 1,
            Class::Organization => 2,
            Class::Place => 3,
            Class::Other => 4,
        },
        Who::Pronoun => 10 + hash(&prepared.lower[c.start]) % 1000,
        Who::Previous(_) => 5,
        Who::Nobody => 6,
    }
}

/// Coarse who: a name, a pronoun, or neither.
fn who_coarse(c: &Candidate) -> u64 {
    match c.who {
        Who::Mention(_) => 1,
        Who::Pronoun => 2,
        Who::Previous(_) => 3,
        Who::Nobody => 4,
    }
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

/// Everything the features of one anchor's candidates read.
pub struct Context<'a> {
    pub p: &'a Paragraph,
    pub prepared: &'a Prepared,
    pub mentions: &'a [Mention],
    pub candidates: &'a [Candidate],
    /// Entity of each mention.
    pub entity_of: &'a dyn Fn(usize) -> usize,
    /// Class of each mention's entity.
    pub class_of: &'a dyn Fn(usize) -> Class,
    /// The entity that spoke the last quotation, if any.
    pub last_speaker: Option<usize>,
    /// The entities that spoke before this anchor.
    pub spoke: &'a rustc_hash::FxHashSet<usize>,
    /// For each cue word of the paragraph already decided, the first token of the
    /// source chosen for it.
    pub chosen_for_cue: &'a rustc_hash::FxHashMap<usize, usize>,
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

/// The sentence of the candidate relative to the anchor's: same as its first token's,
/// same as its last token's, the one before, the one after, or further.
fn sentence_relation(ctx: &Context, anchor: &Anchor, c: &Candidate) -> u64 {
    let s = ctx.prepared.sentence_of[c.start];
    let first = ctx.prepared.sentence_of[anchor.start];
    let last = ctx.prepared.sentence_of[(anchor.end - 1).min(ctx.p.tokens.len() - 1)];
    if s == first {
        0
    } else if s == last {
        1
    } else if s + 1 == first {
        2
    } else if s == last + 1 {
        3
    } else if s < first {
        4
    } else {
        5
    }
}

/// Facts about a name or pronoun candidate and its anchor, each a small number; the
/// model sees each alone and every pair of them.
struct Facts {
    values: [u64; FACTS],
}

/// How many facts [`Facts`] holds.
const FACTS: usize = 16;

/// The features of one candidate for one anchor.
pub fn features(ctx: &Context, anchor: &Anchor, c: &Candidate, out: &mut Vec<u64>) {
    let kind = anchor.kind as u64;
    let who = who_code(c, ctx);
    let coarse = who_coarse(c);
    out.push(k2(Template::Who, kind, who));
    anchor_features(ctx, anchor, kind, coarse, out);
    if let Who::Previous(entity) = c.who {
        out.push(k2(
            Template::SpokeLast,
            kind,
            10 + u64::from(Some(entity) == ctx.last_speaker),
        ));
        return;
    }
    if c.who == Who::Nobody {
        return;
    }
    let facts = facts(ctx, anchor, c, who, out);
    let v = &facts.values;
    for i in 0..FACTS {
        out.push(k2(
            Template::Pair,
            kind * 1024 + i as u64 * 32 + i as u64,
            v[i],
        ));
        for j in i + 1..FACTS {
            out.push(k2(
                Template::Pair,
                kind * 1024 + i as u64 * 32 + j as u64,
                v[i] * 4096 + v[j],
            ));
        }
    }
}

/// Compute the facts of a name or pronoun candidate, pushing the single templates on the
/// way.
fn facts(ctx: &Context, anchor: &Anchor, c: &Candidate, who: u64, out: &mut Vec<u64>) -> Facts {
    let kind = anchor.kind as u64;
    let coarse = who_coarse(c);
    let p = ctx.p;
    let pr = ctx.prepared;
    let n = p.tokens.len();
    let sd = side(anchor, c);
    let rel = sentence_relation(ctx, anchor, c);
    out.push(k2(Template::Side, kind, who * 64 + sd * 8 + rel));
    let gap = match sd {
        0 => anchor.start - c.end,
        1 => c.start - anchor.end,
        _ => 0,
    };
    out.push(k2(Template::Gap, kind, coarse * 64 + sd * 8 + bucket(gap)));
    let (lo, hi) = if sd == 0 {
        (c.end, anchor.start)
    } else {
        (anchor.end, c.start)
    };
    let others = |from: usize, to: usize| {
        ctx.candidates
            .iter()
            .filter(|o| matches!(o.who, Who::Mention(_) | Who::Pronoun))
            .filter(|o| o.start >= from && o.end <= to)
            .count()
    };
    let between = others(lo, hi.max(lo));
    let verb_between = (lo..hi).any(|i| pr.speech[i]);
    let mut after = c.end;
    while after < n && is_adverb(&pr.lower[after]) {
        after += 1;
    }
    let verb_after = after < n && pr.speech[after];
    if verb_after {
        out.push(k2(Template::VerbAfter, kind, hash(&pr.lower[after])));
    }
    let verb_before = c.start > 0 && pr.speech[c.start - 1];
    if verb_before {
        out.push(k2(Template::VerbBefore, kind, hash(&pr.lower[c.start - 1])));
    }
    let sentence = pr.sentence_of[c.start];
    let in_sentence = |i: usize| pr.sentence_of[i] == sentence;
    let near_after = (c.end..n)
        .take_while(|&i| in_sentence(i))
        .find(|&i| pr.speech[i]);
    let near_after_code = near_after.map_or(0, |v| {
        let commas = (c.end..v).filter(|&i| pr.lower[i] == ",").count();
        1 + bucket(v - c.end).min(5) * 4 + commas.min(3) as u64
    });
    if let Some(v) = near_after {
        out.push(k2(
            Template::NearVerbAfter,
            kind,
            bucket(v - c.end) * 64 + bucket(others(c.end, v)) * 8,
        ));
        // A participle ("..., saying") reports its sentence's subject.
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
            bucket(c.start - v - 1) * 8 + bucket(others(v + 1, c.start)),
        ));
    }
    let before_code = if c.start > 0 {
        let before = &pr.lower[c.start - 1];
        let word = if is_preposition(before) || pr.speech[c.start - 1] {
            hash(before)
        } else if p.tokens[c.start - 1].kind == Kind::Punct {
            hash(before) ^ 1
        } else {
            2
        };
        out.push(k2(Template::WordBefore, kind, word * 4 + coarse));
        if before == "to" && c.start > 1 && pr.lower[c.start - 2] == "according" {
            out.push(k2(Template::WordBefore, kind, 3));
            1
        } else if is_preposition(before) {
            2 + u64::from(before == "told" || before == "asked")
        } else if before == "," {
            4
        } else if before == "(" {
            5
        } else {
            0
        }
    } else {
        0
    };
    let after_code = if c.end < n {
        let w = &pr.lower[c.end];
        let value = if p.tokens[c.end].kind == Kind::Word && !pr.speech[c.end] {
            hash(w)
        } else if p.tokens[c.end].kind == Kind::Punct {
            hash(w) ^ 1
        } else {
            5
        };
        out.push(k2(Template::WordAfter, kind, value));
        match w.as_str() {
            "," => 1,
            "(" => 2,
            "who" | "which" => 3,
            _ if pr.speech[c.end] => 4,
            _ => 0,
        }
    } else {
        5
    };
    let possessive = match c.who {
        Who::Mention(m) => ctx.mentions[m].changes.contains(&Change::Possessive),
        _ => false,
    };
    let (spoke_last, named) = match c.who {
        Who::Mention(m) => {
            let e = (ctx.entity_of)(m);
            let named = ctx
                .mentions
                .iter()
                .enumerate()
                .filter(|(i, _)| (ctx.entity_of)(*i) == e)
                .count();
            out.push(k2(
                Template::Salience,
                kind,
                bucket(named) * 4 + u64::from(ctx.spoke.contains(&e)) * 2,
            ));
            (Some(e) == ctx.last_speaker, named)
        }
        _ => (false, 0),
    };
    let first = ctx
        .candidates
        .iter()
        .filter(|o| matches!(o.who, Who::Mention(_) | Who::Pronoun))
        .find(|o| pr.sentence_of[o.start] == sentence)
        .is_some_and(|o| o.start == c.start);
    // A name right after the candidate, past title words: the candidate modifies it.
    let names: Vec<&Candidate> = ctx
        .candidates
        .iter()
        .filter(|o| matches!(o.who, Who::Mention(_)))
        .collect();
    let titled_gap = |from: usize, to: usize| {
        to >= from
            && to - from <= 3
            && (from..to).all(|i| p.tokens[i].kind == Kind::Word && in_sentence(i))
    };
    let followed = names
        .iter()
        .any(|o| o.start > c.start && titled_gap(c.end, o.start));
    let preceded = names
        .iter()
        .any(|o| o.end <= c.start && titled_gap(o.end, c.start));
    // Inside a relative clause or an aside: after "who" or between commas before a verb.
    let aside = (0..c.start)
        .rev()
        .take_while(|&i| in_sentence(i) && pr.lower[i] != ",")
        .any(|i| matches!(pr.lower[i].as_str(), "who" | "which" | "whose"));
    if anchor.kind == AnchorKind::Quote
        && anchor.start > 0
        && pr.lower[anchor.start - 1] == ":"
        && sd == 0
    {
        out.push(k2(Template::Colon, kind, u64::from(rel == 0)));
    }
    if anchor.kind == AnchorKind::Cue {
        let cue = hash(&pr.lower[anchor.start]);
        out.push(k2(Template::CueWord, cue, coarse * 8 + sd));
        out.push(k2(Template::CueWord, cue, 100 + bucket(gap) * 8 + sd));
    }
    let (cue_before, cue_after) = quote_cues(ctx, anchor, c);
    if anchor.kind == AnchorKind::Quote {
        out.push(k2(Template::QuoteCue, 0, cue_before));
        out.push(k2(Template::QuoteCue, 1, cue_after));
        out.push(k2(Template::QuoteCue, 2, cue_before * 16 + cue_after));
    }
    let class = who.min(10);
    Facts {
        values: [
            class,
            sd,
            rel,
            bucket(gap),
            bucket(between).min(4),
            u64::from(verb_between),
            u64::from(verb_after) * 2 + u64::from(verb_before),
            near_after_code,
            u64::from(first),
            before_code,
            after_code,
            u64::from(possessive) * 4 + u64::from(followed) * 2 + u64::from(preceded),
            u64::from(aside) * 2 + u64::from(spoke_last),
            bucket(named).min(4),
            cue_before,
            cue_after,
        ],
    }
}

/// How a candidate stands to the cue words nearest a quotation, before its opening and
/// after its close, in their sentences: 0 no such cue; else 1 + the distance of the cue
/// from the quotation (bucketed) * 4 + the relation (0 none, 1 chosen as its source,
/// 2 its subject: the last candidate before it, 3 right after it).
fn quote_cues(ctx: &Context, anchor: &Anchor, c: &Candidate) -> (u64, u64) {
    if anchor.kind != AnchorKind::Quote {
        return (0, 0);
    }
    let pr = ctx.prepared;
    let n = ctx.p.tokens.len();
    let open_sentence = pr.sentence_of[anchor.start];
    let close_sentence = pr.sentence_of[(anchor.end - 1).min(n - 1)];
    let before = (0..anchor.start)
        .rev()
        .take_while(|&i| pr.sentence_of[i] == open_sentence)
        .find(|&i| pr.speech[i]);
    let after = (anchor.end..n)
        .take_while(|&i| pr.sentence_of[i] == close_sentence)
        .find(|&i| pr.speech[i]);
    let relation = |v: usize| -> u64 {
        if ctx.chosen_for_cue.get(&v) == Some(&c.start) {
            return 1;
        }
        let between = |from: usize, to: usize| {
            ctx.candidates
                .iter()
                .filter(|o| matches!(o.who, Who::Mention(_) | Who::Pronoun))
                .any(|o| o.start >= from && o.end <= to)
        };
        if c.end <= v && !between(c.end, v) && pr.sentence_of[c.start] == pr.sentence_of[v] {
            2
        } else if c.start > v && c.start <= v + 3 && !between(v + 1, c.start) {
            3
        } else {
            0
        }
    };
    let code = |v: Option<usize>, distance: usize| {
        v.map_or(0, |v| 1 + bucket(distance).min(6) * 4 + relation(v))
    };
    (
        code(before, before.map_or(0, |v| anchor.start - v)),
        code(after, after.map_or(0, |v| v - anchor.end)),
    )
}

/// Features of the anchor itself, crossed with who the candidate is (coarsely): they
/// let the model learn when nobody, or the previous speaker, is likelier.
fn anchor_features(ctx: &Context, anchor: &Anchor, kind: u64, coarse: u64, out: &mut Vec<u64>) {
    let pr = ctx.prepared;
    let p = ctx.p;
    let offered = ctx
        .candidates
        .iter()
        .filter(|o| matches!(o.who, Who::Mention(_)))
        .count();
    out.push(k2(Template::Offered, kind, coarse * 8 + bucket(offered)));
    let first = pr.sentence_of[anchor.start];
    let last = pr.sentence_of[(anchor.end - 1).min(p.tokens.len() - 1)];
    let speaks = (0..p.tokens.len())
        .filter(|&i| (first..=last).contains(&pr.sentence_of[i]))
        .any(|i| pr.speech[i]);
    out.push(k2(
        Template::SentenceSpeaks,
        kind,
        coarse * 2 + u64::from(speaks),
    ));
    match anchor.kind {
        AnchorKind::Quote => {
            let words = (anchor.start..anchor.end)
                .filter(|&i| p.tokens[i].kind != Kind::Punct)
                .count();
            let opens = anchor.start == 0;
            let closes = anchor.end >= p.tokens.len();
            let last_inner = anchor.end.checked_sub(2).map(|i| pr.lower[i].as_str());
            let ending = match last_inner {
                Some(",") => 1,
                Some(".") => 2,
                Some("?") | Some("!") => 3,
                _ => 0,
            };
            out.push(k2(Template::QuoteShape, coarse, bucket(words)));
            out.push(k2(
                Template::QuoteShape,
                coarse,
                100 + u64::from(opens) * 4 + u64::from(closes) * 2 + u64::from(anchor.continues),
            ));
            out.push(k2(Template::QuoteShape, coarse, 200 + ending));
            let capitalised = (anchor.start..anchor.end)
                .filter(|&i| p.tokens[i].kind == Kind::Word)
                .all(|i| p.tokens[i].text(&p.text).starts_with(char::is_uppercase));
            out.push(k2(
                Template::QuoteShape,
                coarse,
                300 + u64::from(capitalised),
            ));
        }
        AnchorKind::Cue => {
            out.push(k2(
                Template::CueWord,
                hash(&pr.lower[anchor.start]),
                500 + coarse,
            ));
        }
    }
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
