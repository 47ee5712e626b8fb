//! What attribution decides about, and among what: anchors (a quotation, or a word that
//! may report speech) and, for each, the candidate sources in its paragraph (the names
//! and pronouns outside quotations, the previous speaker, or nobody).

use super::vocabulary::{is_asking, is_attaching, is_description, is_pronoun, is_quoting};
use super::Cues;
use crate::extract::mentions::{Class, Mention};
use crate::extract::tokens::Kind;
use crate::extract::Paragraph;

/// What is being attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// A quotation: its marks and what lies between them.
    Quote,
    /// A word that may report speech ("said", "according", "told").
    Cue,
}

/// A quotation or a cue, as a token range of one paragraph.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub para: usize,
    /// Tokens of the anchor: for a quotation, from its opening mark to its closing mark
    /// (or the paragraph's end).
    pub start: usize,
    pub end: usize,
    /// For a quotation, whether it carries on the quotation before it, which was never
    /// closed: the previous paragraph's, which ran to its end ("... said. / "And ..."),
    /// or one this paragraph reopens ([`Quotation::reopens`](crate::extract::quotes::Quotation::reopens)).
    pub continues: bool,
    /// For a quotation, whether a mark closes it in this paragraph.
    pub closed: bool,
}

impl Anchor {
    /// The byte range of a quotation's text, inside its marks.
    pub fn inner(&self, p: &Paragraph) -> std::ops::Range<usize> {
        let start = p.tokens[self.start].end;
        let end = if self.closed {
            p.tokens[self.end - 1].start
        } else {
            p.text.len()
        };
        start..end.max(start)
    }
}

/// Who a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// A name in the paragraph (index into the article's mentions).
    Mention(usize),
    /// A pronoun in the paragraph ("he", "they"), or a description after "the" that stands
    /// for a name as a pronoun does ("the company").
    Pronoun,
    /// Whoever spoke the last quotation before this paragraph (an entity id).
    Previous(usize),
    /// The person the paragraph before names first, when it quotes nobody ("Diane
    /// Okoro defended the decision. / "Nobody on this committee ...").
    Introduced(usize),
    /// Nobody named: a quotation nobody is said to have said, a word that reports nothing.
    Nobody,
}

/// A possible source of an anchor, with its tokens in the anchor's paragraph (empty for
/// the previous speaker and for nobody).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub who: Who,
    pub start: usize,
    pub end: usize,
}

/// A paragraph prepared for attribution: lowercase words, the sentence of each token and
/// which tokens may report speech.
pub struct Prepared<'a> {
    /// Each token lowercased (borrowed from the text when it already is).
    pub lower: Vec<std::borrow::Cow<'a, str>>,
    pub sentence_of: Vec<usize>,
    pub speech: Vec<bool>,
    /// Mentions of the paragraph outside quotations (indices into the article's).
    pub mentions: Vec<usize>,
    /// The tokens outside quotations that stand for a name: pronouns, and descriptions
    /// after "the" ("the company said"), in token order.
    pub referring: Vec<usize>,
}

impl<'a> Prepared<'a> {
    /// Prepare paragraph `para`; `cues` are the words that may report speech (the
    /// model's); the paragraph's first `dateline` bytes are a dateline, whose names
    /// said nothing. `None` when the paragraph has nothing to attribute: no quotation
    /// and no word that may report speech (most paragraphs of most articles).
    pub fn new(
        p: &'a Paragraph,
        para: usize,
        mentions: &[Mention],
        cues: &Cues,
        dateline: usize,
    ) -> Option<Prepared<'a>> {
        // Cue words are lowercase, but for one that opens a sentence. A participle after a
        // determiner is an adjective, no verb ("an estimated $2bn", "their stated aim");
        // a noun there may be a cue ("in a statement").
        let determined = |i: usize| {
            i > 0
                && p.tokens[i].text(&p.text).ends_with("ed")
                && super::super::lexicon::with_lowercase(p.tokens[i - 1].text(&p.text), |w| {
                    DETERMINERS.contains(&w)
                })
        };
        let speech: Vec<bool> = (0..p.tokens.len())
            .map(|i| {
                let t = &p.tokens[i];
                let s = t.text(&p.text);
                if p.in_quote[i] || t.kind != Kind::Word || s.len() < 3 || determined(i) {
                    return false;
                }
                if s.starts_with(char::is_uppercase) {
                    p.clause_start[i]
                        && super::super::lexicon::with_lowercase(s, |w| cues.contains(w))
                } else {
                    cues.contains(s)
                }
            })
            .collect();
        if p.quotations.is_empty() && !speech.contains(&true) {
            return None;
        }
        let lower: Vec<std::borrow::Cow<'a, str>> = p
            .tokens
            .iter()
            .map(|t| {
                let s = t.text(&p.text);
                if s.chars().any(char::is_uppercase) {
                    std::borrow::Cow::Owned(s.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(s)
                }
            })
            .collect();
        let mut sentence_of = vec![0; p.tokens.len()];
        for (k, s) in p.sentences.iter().enumerate() {
            for x in &mut sentence_of[s.clone()] {
                *x = k;
            }
        }
        let from = mentions.partition_point(|m| m.para < para);
        let mentions = (from..mentions.len())
            .take_while(|&k| mentions[k].para == para)
            .filter(|&k| !p.in_quote[mentions[k].start])
            .filter(|&k| p.tokens[mentions[k].end - 1].end > dateline)
            .collect();
        // A description after "the" stands for a name as a pronoun does. Written in
        // lowercase: a capitalised one is part of a name ("the Campaign for ...").
        let described = |i: usize| {
            i > 0
                && lower[i - 1] == "the"
                && is_description(&lower[i])
                && p.tokens[i].text(&p.text) == lower[i]
        };
        let referring = (0..p.tokens.len())
            .filter(|&i| !p.in_quote[i] && (is_pronoun(&lower[i]) || described(i)))
            .collect();
        Some(Prepared {
            lower,
            sentence_of,
            speech,
            mentions,
            referring,
        })
    }
}

/// Words before a noun or an adjective, never before a verb.
const DETERMINERS: [&str; 9] = ["a", "an", "the", "his", "her", "its", "their", "our", "my"];

/// The anchors of a paragraph, in token order: its quotations (two words or more, or
/// any that carries a quotation on) and its cue words outside quotations.
pub fn anchors(
    p: &Paragraph,
    para: usize,
    prepared: &Prepared,
    previous_ran_on: bool,
) -> Vec<Anchor> {
    let mut out = Vec::new();
    for (qi, q) in p.quotations.iter().enumerate() {
        let end = q.close.map_or(p.tokens.len(), |c| c + 1);
        let words = (q.open + 1..end.min(p.tokens.len()))
            .filter(|&i| p.tokens[i].kind != Kind::Punct)
            .count();
        let continues = (qi == 0 && q.open == 0 && previous_ran_on) || q.reopens;
        if words < 2 && !continues {
            continue;
        }
        out.push(Anchor {
            kind: AnchorKind::Quote,
            para,
            start: q.open,
            end,
            continues,
            closed: q.close.is_some(),
        });
    }
    for (i, &speech) in prepared.speech.iter().enumerate() {
        if speech {
            out.push(Anchor {
                kind: AnchorKind::Cue,
                para,
                start: i,
                end: i + 1,
                continues: false,
                closed: false,
            });
        }
    }
    out.sort_by_key(|a| (a.start, a.kind == AnchorKind::Cue));
    out
}

/// Whether a mention of this class may be a source.
fn may_speak(class: Class) -> bool {
    !matches!(class, Class::Other)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// The paragraph's mention (outside quotations) nearest to mention `k` on `side`.
fn beside(prepared: &Prepared, mentions: &[Mention], k: usize, side: Side) -> Option<usize> {
    let m = &mentions[k];
    let mut others = prepared.mentions.iter().copied();
    match side {
        Side::Before => others.rev().find(|&o| mentions[o].end <= m.start),
        Side::After => others.find(|&o| mentions[o].start >= m.end),
    }
}

/// Whether mention `k` only modifies a person's name that follows it in one noun phrase
/// ("Boston coach Mike Keenan", "Trump campaign manager Corey Lewandowski"): the person
/// is the phrase's head, and the one who speaks. Between them stand at most three words,
/// none of them a speech word, a preposition or punctuation.
fn modifies_a_person(
    p: &Paragraph,
    prepared: &Prepared,
    mentions: &[Mention],
    class_of: &dyn Fn(usize) -> Class,
    k: usize,
) -> bool {
    let m = &mentions[k];
    let Some(next) = beside(prepared, mentions, k, Side::After) else {
        return false;
    };
    let n = &mentions[next];
    let gap = m.end..n.start;
    class_of(next) == Class::Person
        && class_of(k) != Class::Person
        && (1..=3).contains(&gap.len())
        && gap.clone().all(|i| {
            p.tokens[i].kind == Kind::Word
                && !prepared.speech[i]
                && !super::vocabulary::is_preposition(&prepared.lower[i])
        })
}

/// Whether mention `k` only describes the person named right before it, joined to the
/// name by a preposition ("Ann Lee of Westbrook University said", "Tom Hale from the
/// Avon Fire Service"): the person is the phrase's head, and the one who speaks.
fn describes_a_person(
    prepared: &Prepared,
    mentions: &[Mention],
    class_of: &dyn Fn(usize) -> Class,
    k: usize,
) -> bool {
    let Some(before) = beside(prepared, mentions, k, Side::Before) else {
        return false;
    };
    let between = &prepared.lower[mentions[before].end..mentions[k].start];
    let joins = match between {
        [p] => is_attaching(p),
        [p, the] => is_attaching(p) && the == "the",
        _ => false,
    };
    joins && class_of(before) == Class::Person && class_of(k) != Class::Person
}

/// Whether mention `k` stands alone in brackets right after another name, as an aside
/// of it ("the International Energy Agency (IEA) warned", "Smith (Labour) said"): the
/// name before is the one a speech word after the brackets reports.
fn bracketed_after_name(
    p: &Paragraph,
    prepared: &Prepared,
    mentions: &[Mention],
    k: usize,
) -> bool {
    let m = &mentions[k];
    let text = |i: usize| p.tokens.get(i).map(|t| t.text(&p.text));
    m.start > 0
        && text(m.start - 1) == Some("(")
        && text(m.end) == Some(")")
        && beside(prepared, mentions, k, Side::Before)
            .is_some_and(|b| mentions[b].end + 1 == m.start)
}

/// Most words between a verb of quoting and the "as" of "as saying".
const QUOTED_WORDS: usize = 6;

/// Whether the name or pronoun ending before token `end` only quotes another, who spoke:
/// "Xinhua quoted Zheng as saying", "the paper cited officials as telling it".
fn quotes_another(p: &Paragraph, prepared: &Prepared, end: usize) -> bool {
    let lower = |i: usize| prepared.lower.get(i).map(|w| w.as_ref());
    lower(end).is_some_and(is_quoting)
        && (end + 2..(end + 2 + QUOTED_WORDS).min(p.tokens.len()))
            .take_while(|&i| p.tokens[i - 1].kind == Kind::Word)
            .any(|i| lower(i) == Some("as") && lower(i + 1).is_some_and(|w| w.ends_with("ing")))
}

/// Whether the name at token `start` is who was spoken to or who asked, not who spoke:
/// the one told ("bankers told Reuters", "she told the BBC") or the agent of a verb of
/// asking ("economists polled by Reuters said", "when asked by Fox News, she said").
fn spoken_to(prepared: &Prepared, start: usize) -> bool {
    addressed(start, |i| prepared.lower[i].as_ref())
}

/// [`spoken_to`] for a name of paragraph `p`, which need not have been prepared.
pub fn spoken_to_in(p: &Paragraph, start: usize) -> bool {
    addressed(start, |i| p.tokens[i].text(&p.text).to_lowercase())
}

/// [`spoken_to`], given each token lowercased.
fn addressed<S: AsRef<str>>(start: usize, lower: impl Fn(usize) -> S) -> bool {
    let before = |back: usize| start.checked_sub(back).map(&lower);
    let is = |back: usize, word: &str| before(back).is_some_and(|w| w.as_ref() == word);
    let skip = usize::from(is(1, "the"));
    match before(1 + skip) {
        Some(w) => match w.as_ref() {
            "told" | "tells" | "telling" => true,
            "by" => before(2 + skip).is_some_and(|w| is_asking(w.as_ref())),
            _ => false,
        },
        None => false,
    }
}

/// The candidates for an anchor of paragraph `p`: names and pronouns of the paragraph
/// outside quotations, the previous speaker and the person the paragraph before
/// introduced (when there are), and nobody. A name's class is its entity's (`class_of` a
/// mention).
pub fn candidates(
    p: &Paragraph,
    prepared: &Prepared,
    mentions: &[Mention],
    class_of: &dyn Fn(usize) -> Class,
    previous: Option<usize>,
    introduced: Option<usize>,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = prepared
        .mentions
        .iter()
        .filter(|&&k| may_speak(class_of(k)))
        .filter(|&&k| !modifies_a_person(p, prepared, mentions, class_of, k))
        .filter(|&&k| !describes_a_person(prepared, mentions, class_of, k))
        .filter(|&&k| !spoken_to(prepared, mentions[k].start))
        .filter(|&&k| !bracketed_after_name(p, prepared, mentions, k))
        .filter(|&&k| !quotes_another(p, prepared, mentions[k].end))
        .map(|&k| Candidate {
            who: Who::Mention(k),
            start: mentions[k].start,
            end: mentions[k].end,
        })
        .collect();
    for &i in &prepared.referring {
        if !quotes_another(p, prepared, i + 1) {
            out.push(Candidate {
                who: Who::Pronoun,
                start: i,
                end: i + 1,
            });
        }
    }
    out.sort_by_key(|c| c.start);
    if let Some(entity) = previous {
        out.push(Candidate {
            who: Who::Previous(entity),
            start: 0,
            end: 0,
        });
    }
    if let Some(entity) = introduced.filter(|&e| Some(e) != previous) {
        out.push(Candidate {
            who: Who::Introduced(entity),
            start: 0,
            end: 0,
        });
    }
    out.push(Candidate {
        who: Who::Nobody,
        start: 0,
        end: 0,
    });
    out
}
