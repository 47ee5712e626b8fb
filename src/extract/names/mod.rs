//! Names in an article: which runs of tokens name a person, an organization, a place or
//! something else, decided by a trained sequence model.
//!
//! The model reads each sentence (and each line: a line never runs into the next one as
//! a name) in two passes. The first sees the tokens and their neighbours; the second
//! also sees what the first found of the same words elsewhere in the article, so that
//! "Simmons" alone reads like the "Phil Simmons" of the first paragraph. Each pass
//! decodes exactly (Viterbi) within the stretches where a name can be. The weights are
//! learned from CoNLL-2003 by `scripts/train-tagger` ([`train`]) and embedded; a model
//! file may be given instead ([`use_model_file`]).
//!
//! Modules: [`labels`] (BILOU over four kinds), [`features`] (what the model sees),
//! [`clusters`] (word clusters), [`model`] (weights and file format), [`decode`]
//! (Viterbi), [`train`] (the averaged perceptron that learns the weights).

pub mod brown;
pub mod clusters;
pub mod decode;
pub mod features;
pub mod labels;
pub mod listed;
pub mod model;
pub mod phrases;
mod score;
pub mod train;

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::sealed::InUse;
use super::tokens::Kind as TokenKind;
use super::Paragraph;
use decode::Hold;
use features::{Company, Place, Position, Seen, Word};
pub use labels::Kind;
use labels::{Label, Part};
pub use model::{Joint, Model, ModelError};

/// A name the model found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The paragraph (index into what [`Reading::new`] was given) and token range.
    pub para: usize,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// A sentence, or a line of one: the unit the model labels.
#[derive(Debug, Clone)]
pub struct Segment {
    pub para: usize,
    pub range: Range<usize>,
}

/// An article as the model reads it: every token described, every segment found.
pub struct Reading {
    /// Per paragraph, per token.
    pub words: Vec<Vec<Word>>,
    pub places: Vec<Vec<Place>>,
    pub elsewhere: Vec<Vec<u8>>,
    /// Per paragraph, per token: whether a name may include it.
    pub nameable: Vec<Vec<bool>>,
    /// Per paragraph, per token: what the text says of its place in a name.
    pub holds: Vec<Vec<Hold>>,
    pub segments: Vec<Segment>,
    /// The company each capitalised word keeps in the article, by word hash.
    pub company: FxHashMap<u64, Company>,
}

/// How many sets of two word descriptions a thread remembers ([`crate::memo::Table`]):
/// news text repeats its words, and describing one (word lists, clusters, hashes) costs
/// more than looking it up. 2^16 sets of 256 bytes: 16 MB.
const MEMO_SETS: usize = 1 << 16;

/// How many tokens ahead of the one being described its memo set is asked for: the
/// table is larger than the core's caches, and overlapping the waits is what pays.
const LOOKAHEAD: usize = 8;

/// A remembered description: the token as written, and its [`Word`].
#[derive(Clone, Copy)]
struct Described {
    key: ShortToken,
    word: Word,
}

/// The descriptions a thread remembers, and the memo keys of the paragraph at hand.
struct Descriptions {
    memo: crate::memo::Table<Described>,
    keys: Vec<Option<(ShortToken, u64)>>,
}

thread_local! {
    static DESCRIBED: std::cell::RefCell<Descriptions> = std::cell::RefCell::new(Descriptions {
        memo: crate::memo::Table::new(
            MEMO_SETS,
            Described {
                key: ShortToken::EMPTY,
                word: Word::default(),
            },
        ),
        keys: Vec::new(),
    });
}

/// A token of at most 23 bytes, held inline with its length in three words: the memo's
/// key. Comparing two reads no memory beyond the table's slot (a boxed string would be
/// one more cache miss a token), and compares three words, not bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortToken([u64; 3]);

impl ShortToken {
    /// No token: its length byte is one no token has.
    const EMPTY: ShortToken = ShortToken([0, 0, u64::MAX]);

    fn new(s: &str) -> Option<ShortToken> {
        let len = s.len();
        (len <= 23).then(|| {
            let mut bytes = [0u8; 24];
            bytes[..len].copy_from_slice(s.as_bytes());
            bytes[23] = len as u8;
            ShortToken(std::array::from_fn(|i| {
                u64::from_le_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap_or_default())
            }))
        })
    }

    /// A hash whose top bits (which pick the memo set) depend on every byte.
    fn hash(&self) -> u64 {
        let [a, b, c] = self.0;
        let h = (a ^ b.rotate_left(23) ^ c.rotate_left(46)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
    }
}

/// The descriptions of a paragraph's tokens, remembered or made.
fn describe_tokens(p: &Paragraph, d: &mut Descriptions) -> Vec<Word> {
    let Descriptions { memo, keys } = d;
    keys.clear();
    keys.extend(p.tokens.iter().map(|t| {
        ShortToken::new(t.text(&p.text)).map(|k| {
            let h = k.hash();
            (k, h)
        })
    }));
    for (_, h) in keys.iter().take(LOOKAHEAD).flatten() {
        memo.prefetch(*h);
    }
    let mut out = Vec::with_capacity(p.tokens.len());
    for (i, t) in p.tokens.iter().enumerate() {
        if let Some(Some((_, h))) = keys.get(i + LOOKAHEAD) {
            memo.prefetch(*h);
        }
        let s = t.text(&p.text);
        let Some((key, h)) = keys[i] else {
            out.push(features::describe(s, t.kind));
            continue;
        };
        if let Some(d) = memo.find(h, |d| d.key == key) {
            out.push(d.word);
            continue;
        }
        let word = features::describe(s, t.kind);
        memo.insert(h, Described { key, word });
        out.push(word);
    }
    out
}

/// Whether a line break separates token `i - 1` from token `i`.
fn breaks_line(p: &Paragraph, i: usize) -> bool {
    i > 0 && p.text[p.tokens[i - 1].end..p.tokens[i].start].contains('\n')
}

/// The segments of a paragraph: its sentences, cut at line breaks and before token
/// `cut`, if given.
fn segments_of(p: &Paragraph, para: usize, cut: Option<usize>, out: &mut Vec<Segment>) {
    for s in &p.sentences {
        let mut start = s.start;
        for i in s.start + 1..s.end {
            if breaks_line(p, i) || cut == Some(i) {
                out.push(Segment {
                    para,
                    range: start..i,
                });
                start = i;
            }
        }
        if start < s.end {
            out.push(Segment {
                para,
                range: start..s.end,
            });
        }
    }
}

/// The longest cell of a table's title row, in tokens ("Net income per share").
const MAX_TITLE_CELL: usize = 4;

/// Whether a segment is the title row of a table: short cells set apart by runs of
/// spaces or tabs, and no figures ("Issuer      Amt      Cusip"). Its words name columns,
/// not people or bodies. A sentence with stray double spaces in it ("Smith said he had
/// not  given  it") has a long cell, and is prose.
fn is_column_titles(p: &Paragraph, range: Range<usize>) -> bool {
    if range.len() < 2 || range.clone().any(|i| p.tokens[i].kind == TokenKind::Number) {
        return false;
    }
    let (mut gaps, mut cell, mut longest) = (0, 1, 1);
    for i in range.clone().skip(1) {
        let between = &p.text[p.tokens[i - 1].end..p.tokens[i].start];
        if between.contains('\t') || between.contains("  ") {
            gaps += 1;
            cell = 1;
        } else {
            cell += 1;
            longest = longest.max(cell);
        }
    }
    gaps >= 2 && longest <= MAX_TITLE_CELL
}

/// The longest label a row of figures opens with ("Avg shrs", "Domes Use").
const MAX_ROW_LABEL: usize = 2;

/// The longest word among a row's figures ("cts", "dlrs", "vs"): longer ones are prose
/// ("scored 2 goals in 3 games").
const MAX_UNIT: usize = 4;

/// The most tokens a row of figures holds.
const MAX_ROW: usize = 16;

/// Whether a segment is a row of a table of figures: on a line of its own (or after the
/// dateline that opens it), a label of a word or two, then two figures or more with
/// nothing but signs and short lowercase words (units, "vs") among them, and no sentence
/// end ("Shr 30 cts vs 5.92 dlrs", "Domes Use  8.73  8.80"). Its label names a line of the
/// table, not a person or body. A name followed by whole numbers alone opens a row of a
/// standings table ("Barcelona 3 1 1 5"), where it is a team: a row of figures has a
/// decimal figure, a thousands separator or a unit.
fn is_figure_row(p: &Paragraph, range: Range<usize>) -> bool {
    let text = |i: usize| p.tokens[i].text(&p.text);
    let kind = |i: usize| p.tokens[i].kind;
    let on_own_line = range.end == p.tokens.len() || breaks_line(p, range.end);
    if !on_own_line {
        return false;
    }
    // A row may follow the dateline on the first line ("MIAMI, Feb 26 - Shr 30 cts").
    let Some(start) = range
        .clone()
        .rev()
        .find(|&i| i == range.start || (p.clause_start[i] && text(i - 1) == "-"))
    else {
        return false;
    };
    let row = start..range.end;
    if row.len() < 2 || row.len() > MAX_ROW || kind(start) != TokenKind::Word {
        return false;
    }
    let Some(first) = row.clone().find(|&i| kind(i) == TokenKind::Number) else {
        return false;
    };
    if first - start > MAX_ROW_LABEL || (start..first).any(|i| kind(i) != TokenKind::Word) {
        return false;
    }
    let unit = |i: usize| {
        kind(i) == TokenKind::Word
            && text(i).len() <= MAX_UNIT
            && !text(i).starts_with(char::is_uppercase)
    };
    let figures = first..row.end;
    let numbers = figures
        .clone()
        .filter(|&i| kind(i) == TokenKind::Number)
        .count();
    let plain = numbers >= 2
        && figures.clone().all(|i| match kind(i) {
            TokenKind::Number => true,
            TokenKind::Word => unit(i),
            TokenKind::Punct => !matches!(
                text(i),
                "." | "!" | "?" | ":" | "\"" | "\u{201c}" | "\u{201d}"
            ),
        });
    let decimal = |i: usize| kind(i) == TokenKind::Number && text(i).contains(['.', ',']);
    plain && figures.clone().any(|i| unit(i) || decimal(i))
}

/// What the text says of each token's place in a name: a small word between capitalised
/// words never opens or closes one, and the words an acronym in brackets right after
/// them spells ("the Northern Rowing Union (NRU)") are one name.
fn holds_of(p: &Paragraph, words: &[Word], nameable: &[bool]) -> Vec<Hold> {
    let mut holds: Vec<Hold> = words
        .iter()
        .zip(nameable)
        .map(|(w, &may)| {
            if may && features::inside_only(w) {
                Hold::NotEdge
            } else {
                Hold::Free
            }
        })
        .collect();
    let text = |i: usize| p.tokens[i].text(&p.text);
    for open in 1..p.tokens.len().saturating_sub(2) {
        if text(open) != "(" || text(open + 2) != ")" {
            continue;
        }
        if let Some(start) = spelled_by(p, words, nameable, open) {
            holds[start] = Hold::Opens;
            for h in &mut holds[start + 1..open - 1] {
                *h = Hold::Continues;
            }
            holds[open - 1] = Hold::Closes;
        }
    }
    holds
}

/// Where the name that the acronym after token `end` (an opening bracket) spells starts,
/// when the capitalised words just before it (all of them nameable) have its capitals
/// as their initials, small words aside: "Organization of the Petroleum Exporting
/// Countries" for "OPEC", "Ministry of Defence" for "MoD".
fn spelled_by(p: &Paragraph, words: &[Word], nameable: &[bool], end: usize) -> Option<usize> {
    let acronym = p.tokens[end + 1].text(&p.text);
    if !super::lexicon::acronym_shaped(acronym) || !words[end - 1].nameable {
        return None;
    }
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
    let mut left = letters.len();
    for i in (0..end).rev() {
        if !nameable[i] {
            return None;
        }
        if !words[i].nameable {
            continue;
        }
        left -= 1;
        if !p.tokens[i].text(&p.text).starts_with(letters[left]) {
            return None;
        }
        if left == 0 {
            return Some(i);
        }
    }
    None
}

/// Places of the tokens of one segment.
fn places_of(
    p: &Paragraph,
    headline: bool,
    range: Range<usize>,
    words: &[Word],
    out: &mut [Place],
) {
    let word = |i: usize| p.tokens[i].kind == TokenKind::Word;
    let (mut capitals, mut lettered, mut numbers) = (0, 0, 0);
    for i in range.clone() {
        if word(i) {
            lettered += 1;
            if words[i].has(features::Flag::AllCaps) {
                capitals += 1;
            }
        } else if p.tokens[i].kind == TokenKind::Number {
            numbers += 1;
        }
    }
    let capital_line = capitals >= 2 && capitals * 5 >= lettered * 3;
    let number_line = numbers >= 3 && numbers * 10 >= (range.len()) * 3;
    let mut first_word = true;
    for i in range.clone() {
        let mut place = 0;
        let text = |j: usize| p.tokens[j].text(&p.text);
        if p.clause_start[i] || (first_word && word(i)) || breaks_line(p, i) {
            features::set(&mut place, Position::ClauseStart);
        }
        if word(i) {
            first_word = false;
        }
        if headline {
            features::set(&mut place, Position::Headline);
        }
        if capital_line {
            features::set(&mut place, Position::CapitalLine);
        }
        if number_line {
            features::set(&mut place, Position::NumberLine);
        }
        if p.in_quote[i] {
            features::set(&mut place, Position::Quoted);
        }
        if i > 0 && i + 1 < p.tokens.len() && text(i - 1) == "(" && text(i + 1) == ")" {
            features::set(&mut place, Position::Bracketed);
        }
        out[i] = place;
    }
    for j in range.start + 1..range.end.saturating_sub(1) {
        let (a, and, b) = (&words[j - 1], &words[j], &words[j + 1]);
        if and.joiner && a.nameable && b.nameable && phrases::known(a, and, b) {
            features::set(&mut out[j - 1], Position::PhraseFirst);
            features::set(&mut out[j], Position::PhraseMiddle);
            features::set(&mut out[j + 1], Position::PhraseLast);
        }
    }
}

impl Reading {
    /// Describe the paragraphs of an article; `headline[k]` says whether paragraph `k`
    /// is a headline.
    pub fn new(paragraphs: &[&Paragraph], headline: &[bool]) -> Reading {
        Reading::with_story_at(paragraphs, headline, None)
    }

    /// [`Reading::new`], the first paragraph's token `story` (the story's first, after a
    /// dateline written without a dash: "LOS ANGELES NASA will try ...") opening a
    /// segment of its own, so that no name runs from the dateline into the story.
    pub fn with_story_at(
        paragraphs: &[&Paragraph],
        headline: &[bool],
        story: Option<usize>,
    ) -> Reading {
        let words: Vec<Vec<Word>> = DESCRIBED.with(|d| {
            let mut d = d.borrow_mut();
            paragraphs
                .iter()
                .map(|p| describe_tokens(p, &mut d))
                .collect()
        });
        let mut segments = Vec::new();
        let mut places = Vec::with_capacity(paragraphs.len());
        let mut nameable = Vec::with_capacity(paragraphs.len());
        let mut holds = Vec::with_capacity(paragraphs.len());
        for (k, p) in paragraphs.iter().enumerate() {
            let first = segments.len();
            segments_of(p, k, story.filter(|_| k == 0), &mut segments);
            let mut place = vec![0; p.tokens.len()];
            let mut may = vec![false; p.tokens.len()];
            for s in &segments[first..] {
                let is_headline = headline.get(k).copied().unwrap_or(false);
                places_of(p, is_headline, s.range.clone(), &words[k], &mut place);
                let table =
                    is_column_titles(p, s.range.clone()) || is_figure_row(p, s.range.clone());
                if !table {
                    let m = features::may_be_named(&words[k][s.range.clone()]);
                    may[s.range.clone()].copy_from_slice(&m);
                }
            }
            holds.push(holds_of(p, &words[k], &may));
            places.push(place);
            nameable.push(may);
        }
        let elsewhere = elsewhere(&words, &places);
        let company = company(&words, &segments);
        Reading {
            words,
            places,
            elsewhere,
            nameable,
            holds,
            segments,
            company,
        }
    }

    /// The first-pass features of token `i` of segment `s`.
    pub fn first_features(&self, s: &Segment, i: usize, out: &mut impl features::Sink) {
        let r = s.range.clone();
        features::local(
            &self.words[s.para][r.clone()],
            &self.places[s.para][r.clone()],
            &self.elsewhere[s.para][r.clone()],
            i - r.start,
            out,
        );
        let w = &self.words[s.para][i];
        if w.nameable {
            if let Some(c) = self.company.get(&w.word) {
                features::company(c, out);
            }
        }
    }
}

/// An empty map with room for an entry per capitalised token of `words`: the maps of an
/// article's capitalised words, made with room enough, never grow (growing them was
/// about 1% of extraction's CPU time).
fn map_for_nameable<V>(words: &[Vec<Word>]) -> FxHashMap<u64, V> {
    let nameable = words.iter().flatten().filter(|w| w.nameable).count();
    FxHashMap::with_capacity_and_hasher(nameable, Default::default())
}

/// The lowercase words next to each capitalised word, over the whole article.
fn company(words: &[Vec<Word>], segments: &[Segment]) -> FxHashMap<u64, Company> {
    let mut out: FxHashMap<u64, Company> = map_for_nameable(words);
    let plain = |w: &Word| w.lettered && !w.nameable;
    for s in segments {
        let ws = &words[s.para][s.range.clone()];
        for (i, w) in ws.iter().enumerate() {
            if !w.nameable {
                continue;
            }
            let c = out.entry(w.word).or_default();
            if let Some(prev) = i.checked_sub(1).map(|j| &ws[j]).filter(|p| plain(p)) {
                c.add_before(prev.word);
            }
            if let Some(next) = ws.get(i + 1).filter(|n| plain(n)) {
                c.add_after(next.word);
            }
        }
    }
    out
}

/// How each capitalised token's word is written elsewhere in the article: bits of
/// [`features::ELSEWHERE_LOWER`] and [`features::ELSEWHERE_CAPITALISED`]. Sentence
/// starts, headlines and capital lines say nothing and are not counted.
fn elsewhere(words: &[Vec<Word>], places: &[Vec<Place>]) -> Vec<Vec<u8>> {
    let informative = |w: &Word, place: Place| {
        !features::has(place, Position::ClauseStart)
            && !features::has(place, Position::Headline)
            && !features::has(place, Position::CapitalLine)
            && w.flags & (1 << features::Flag::HasDigit as u8) == 0
    };
    // Lowercase occurrences matter only for words the article also capitalises.
    let mut capital: FxHashMap<u64, u32> = map_for_nameable(words);
    for (ws, ps) in words.iter().zip(places) {
        for (w, &place) in ws.iter().zip(ps) {
            if w.nameable {
                *capital.entry(w.word).or_default() += u32::from(informative(w, place));
            }
        }
    }
    let mut lower: FxHashSet<u64> = FxHashSet::default();
    for (ws, ps) in words.iter().zip(places) {
        for (w, &place) in ws.iter().zip(ps) {
            if !w.nameable && w.lettered && capital.contains_key(&w.word) && informative(w, place) {
                lower.insert(w.word);
            }
        }
    }
    words
        .iter()
        .zip(places)
        .map(|(ws, ps)| {
            ws.iter()
                .zip(ps)
                .map(|(w, &place)| {
                    if !w.nameable {
                        return 0;
                    }
                    let mut bits = 0;
                    if lower.contains(&w.word) {
                        bits |= features::ELSEWHERE_LOWER;
                    }
                    let own = u32::from(informative(w, place));
                    if capital.get(&w.word).is_some_and(|&c| c > own) {
                        bits |= features::ELSEWHERE_CAPITALISED;
                    }
                    bits
                })
                .collect()
        })
        .collect()
}

/// What the first pass found of each word, over the whole article.
pub fn seen(reading: &Reading, labels: &[Vec<Label>]) -> FxHashMap<u64, Seen> {
    let mut seen: FxHashMap<u64, Seen> = map_for_nameable(&reading.words);
    for (k, ls) in labels.iter().enumerate() {
        for (i, label) in ls.iter().enumerate() {
            let w = &reading.words[k][i];
            if !w.nameable {
                continue;
            }
            add_seen(seen.entry(w.word).or_default(), *label, 1);
        }
    }
    seen
}

fn add_seen(s: &mut Seen, label: Label, by: i32) {
    let bump = |x: &mut u16| *x = (i32::from(*x) + by).max(0) as u16;
    match (label.kind(), label.part()) {
        (Some(kind), Some(part)) => {
            let k = kind as usize;
            bump(&mut s.kinds[k]);
            match part {
                Part::Begin => bump(&mut s.first[k]),
                Part::Last => bump(&mut s.last[k]),
                _ => {}
            }
        }
        _ => bump(&mut s.outside),
    }
}

/// What the first pass found of a token's word elsewhere: `seen` less this token.
pub fn seen_elsewhere(seen: &FxHashMap<u64, Seen>, word: &Word, own: Label) -> Seen {
    let mut s = seen.get(&word.word).copied().unwrap_or_default();
    add_seen(&mut s, own, -1);
    s
}

/// The labels of one segment under one pass, written into `out`, given each token's
/// scores; `holds` are what the text says of the segment's tokens.
fn decode_segment(
    pass: &model::Pass,
    nameable: &[bool],
    holds: &[Hold],
    scratch: &mut decode::Scratch,
    out: &mut [Label],
    mut scores_of: impl FnMut(usize) -> [f32; labels::COUNT],
) {
    let mut scores_of = |i: usize| {
        let mut scores = scores_of(i);
        decode::restrict(&mut scores, holds[i]);
        scores
    };
    out.fill(Label::OUTSIDE);
    for stretch in decode::stretches(nameable) {
        if stretch.len() == 1 {
            out[stretch.start] = decode::single(&scores_of(stretch.start), &pass.transitions);
            continue;
        }
        scratch.scores.clear();
        scratch.scores.extend(stretch.clone().map(&mut scores_of));
        decode::viterbi_in(
            &scratch.scores,
            &pass.transitions,
            &pass.into,
            &mut scratch.back,
            &mut out[stretch],
        );
    }
}

/// The first-pass labels of every token of `reading` (`pass` with its weights in the
/// first half of `joint`); per paragraph, per token. Also returns, for every token it
/// scored, the second half of its scores: the second pass's weights of the same features.
pub fn first_pass(
    joint: &Joint,
    pass: &model::Pass,
    reading: &Reading,
) -> (Vec<Vec<Label>>, Vec<Vec<[i32; labels::COUNT]>>) {
    let mut first: Vec<Vec<Label>> = reading
        .words
        .iter()
        .map(|w| vec![Label::OUTSIDE; w.len()])
        .collect();
    let mut kept: Vec<Vec<[i32; labels::COUNT]>> = reading
        .words
        .iter()
        .map(|w| vec![[0; labels::COUNT]; w.len()])
        .collect();
    let mut scorer = score::Scorer::new(joint, reading);
    scorer.plan();
    let mut scratch = decode::Scratch::default();
    for s in &reading.segments {
        let r = s.range.clone();
        let holds = &reading.holds[s.para][r.clone()];
        let nameable = &reading.nameable[s.para][r.clone()];
        let out = &mut first[s.para][r.clone()];
        decode_segment(pass, nameable, holds, &mut scratch, out, |i| {
            let both = scorer.local(s, r.start + i);
            kept[s.para][r.start + i] = score::second(&both);
            score::first(&both).map(|x| x as f32)
        });
    }
    (first, kept)
}

/// The second-pass features of token `t` of segment `s`, given what the first pass found
/// (`first`, and `seen` made of it).
pub fn second_features(
    reading: &Reading,
    first: &[Vec<Label>],
    seen: &FxHashMap<u64, Seen>,
    s: &Segment,
    t: usize,
    out: &mut impl features::Sink,
) {
    reading.first_features(s, t, out);
    article_features(reading, first, seen, s, t, out);
}

/// Whether a word joins the names of a list ("Rangers and Fulham", "Italy, Spain").
fn joins_list(w: &Word) -> bool {
    static JOINERS: std::sync::OnceLock<[u64; 3]> = std::sync::OnceLock::new();
    JOINERS
        .get_or_init(|| ["and", "or", ","].map(features::hash))
        .contains(&w.word)
}

/// The features only the second pass has of token `t` of segment `s`: what the first
/// pass (`first`, and `seen` made of it) found of its word elsewhere in the article, and
/// the kind it gave a name listed with the token ("Rangers and Fulham").
pub fn article_features(
    reading: &Reading,
    first: &[Vec<Label>],
    seen: &FxHashMap<u64, Seen>,
    s: &Segment,
    t: usize,
    out: &mut impl features::Sink,
) {
    let other = seen_elsewhere(seen, &reading.words[s.para][t], first[s.para][t]);
    features::article(&other, out);
    if !reading.nameable[s.para][t] {
        return;
    }
    let (words, labels, r) = (&reading.words[s.para], &first[s.para], s.range.clone());
    if t >= r.start + 2 && joins_list(&words[t - 1]) {
        if let Some(kind) = labels[t - 2].kind() {
            features::coordinated(features::Side::Before, kind as usize, out);
        }
    }
    if t + 2 < r.end && joins_list(&words[t + 1]) {
        if let Some(kind) = labels[t + 2].kind() {
            features::coordinated(features::Side::After, kind as usize, out);
        }
    }
}

/// Label every segment of `reading` with both passes of `model`; per paragraph, per
/// token. Also returns the first pass's labels.
pub fn label_both(model: &Model, reading: &Reading) -> (Vec<Vec<Label>>, Vec<Vec<Label>>) {
    let (first, kept) = first_pass(&model.joint, &model.first, reading);
    let seen = seen(reading, &first);
    let mut second = first.clone();
    let mut scorer = score::Scorer::new(&model.joint, reading);
    let mut scratch = decode::Scratch::default();
    for s in &reading.segments {
        let r = s.range.clone();
        let (nameable, holds) = (
            &reading.nameable[s.para][r.clone()],
            &reading.holds[s.para][r.clone()],
        );
        let out = &mut second[s.para][r.clone()];
        decode_segment(&model.second, nameable, holds, &mut scratch, out, |i| {
            let t = r.start + i;
            let mut scores = kept[s.para][t];
            scorer.add_second(
                |out| article_features(reading, &first, &seen, s, t, out),
                &mut scores,
            );
            scores.map(|x| x as f32)
        });
    }
    (first, second)
}

/// Label every segment of `reading` with both passes of `model`; per paragraph, per
/// token.
pub fn label(model: &Model, reading: &Reading) -> Vec<Vec<Label>> {
    label_both(model, reading).1
}

/// The names of an article's paragraphs.
pub fn find(model: &Model, reading: &Reading) -> Vec<Name> {
    let labels = label(model, reading);
    let mut names = Vec::new();
    for (para, ls) in labels.iter().enumerate() {
        for (range, kind) in labels::decode(ls) {
            names.push(Name {
                para,
                start: range.start,
                end: range.end,
                kind,
            });
        }
    }
    names
}

/// The model in use: a file given by [`use_model_file`], else the embedded one (written
/// by `scripts/train-tagger`).
static MODEL: InUse<Model> = InUse::new(
    "name model",
    include_bytes!("../data/names.model"),
    Model::from_bytes,
);

/// Use the model in `path` instead of the embedded one. Must be called before the first
/// article is extracted.
pub fn use_model_file(path: &std::path::Path) -> Result<(), ModelError> {
    MODEL.use_file(path)
}

/// Load the model now, so that a defect shows as an error at start-up.
pub fn check_model() -> Result<&'static Model, ModelError> {
    MODEL.check()
}

/// The model in use; `None`, with the reason printed once, if it cannot be loaded (then
/// names are not found, rather than the whole run stopping).
pub fn model() -> Option<&'static Model> {
    MODEL.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_column_titles_are_no_names() {
        let p = Paragraph::new("Issuer          Amt        Cusip\nSmith said so.".to_string());
        assert!(is_column_titles(&p, 0..3));
        assert!(!is_column_titles(&p, 3..7));
    }

    #[test]
    fn a_row_of_figures_names_nobody() {
        let rows = |text: &str| {
            let p = Paragraph::new(text.to_string());
            let mut segments = Vec::new();
            segments_of(&p, 0, None, &mut segments);
            segments
                .iter()
                .map(|s| is_figure_row(&p, s.range.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rows("Shr 41 cts vs 12 cts\nNet 2,310,000 vs 845,000"),
            [true, true]
        );
        assert_eq!(rows("Avg shrs 3,100,000 vs 2,950,000"), [true]);
        assert_eq!(rows("Ind Use    4.12   4.12    4.30"), [true]);
        // A standings table's row opens with a team; a score line names two; prose is prose.
        assert_eq!(rows("Harbour Rovers 3 1 1 1 5 4 4"), [false]);
        assert_eq!(rows("Harbour Rovers 2 Lakeside 1"), [false]);
        assert_eq!(rows("Maria Oldfield scored 2 goals in 3.5 games."), [false]);
        assert_eq!(rows("Oldfield scored 2 goals in 3 games"), [false]);
        assert_eq!(rows("Harbour Bank profits up 20 pct"), [false]);
    }

    #[test]
    fn a_sentence_with_stray_double_spaces_is_no_table_row() {
        let p = Paragraph::new(
            "Maria Oldfield wrote on Monday that she had  not  given the Harbour Trust a gift."
                .to_string(),
        );
        let all = 0..p.tokens.len();
        assert!(!is_column_titles(&p, all));
        let titles = Paragraph::new("Net income per share    Change    Region".to_string());
        assert!(is_column_titles(&titles, 0..titles.tokens.len()));
    }

    #[test]
    fn a_name_listed_with_another_sees_its_kind() {
        let p = Paragraph::new("Harbour Rovers and Tarnby met in Portville.".to_string());
        let reading = Reading::new(&[&p], &[false]);
        let s = &reading.segments[0];
        let org = |part| Label::new(part, Kind::Organization);
        let mut first = vec![vec![Label::OUTSIDE; p.tokens.len()]];
        first[0][0] = org(Part::Begin);
        first[0][1] = org(Part::Last);
        first[0][3] = Label::new(Part::Unit, Kind::Location);
        let seen = seen(&reading, &first);
        let features = |t: usize| {
            let mut keys = Vec::new();
            article_features(&reading, &first, &seen, s, t, &mut keys);
            keys
        };
        let listed = |side: features::Side, kind: Kind| {
            let mut keys = Vec::new();
            features::coordinated(side, kind as usize, &mut keys);
            keys[0]
        };
        // "Tarnby" sees the organization before it, "Rovers" the place after it.
        assert!(features(3).contains(&listed(features::Side::Before, Kind::Organization)));
        assert!(features(1).contains(&listed(features::Side::After, Kind::Location)));
        // "Portville" is listed with nothing, "Harbour" has a name, not "and", after it.
        let any_listed = |t: usize| {
            [features::Side::Before, features::Side::After]
                .into_iter()
                .flat_map(|side| Kind::ALL.map(|k| listed(side, k)))
                .any(|key| features(t).contains(&key))
        };
        assert!(!any_listed(6) && !any_listed(0));
    }

    #[test]
    fn remembered_sums_score_as_all_features_do() {
        let model = check_model().expect("embedded model");
        let paragraphs: Vec<Paragraph> = [
            "Phil Simmons of Leicestershire took four for 38, Reuters said on Friday.",
            "\"We won,\" said Simmons. LONDON 1996-08-30\nChicago 3 Boston 2",
            "Simmons and the Bank of England: Simmons said the Bank of England was wrong.",
        ]
        .iter()
        .map(|t| Paragraph::new(t.to_string()))
        .collect();
        let refs: Vec<&Paragraph> = paragraphs.iter().collect();
        let reading = Reading::new(&refs, &[false, false, true]);
        let (first, _) = first_pass(&model.joint, &model.first, &reading);
        let seen = seen(&reading, &first);
        let mut scorer = score::Scorer::new(&model.joint, &reading);
        let mut planned = score::Scorer::new(&model.joint, &reading);
        planned.plan();
        for s in &reading.segments {
            for t in s.range.clone() {
                let mut keys = Vec::new();
                reading.first_features(s, t, &mut keys);
                let both = scorer.local(s, t);
                assert_eq!(planned.local(s, t), both, "token {t}, planned");
                let as_f32 = |x: [i32; labels::COUNT]| x.map(|v| v as f32);
                assert_eq!(
                    as_f32(score::first(&both)),
                    model.first.scores(&keys),
                    "token {t}"
                );
                let article =
                    |out: &mut Vec<u64>| article_features(&reading, &first, &seen, s, t, out);
                let mut second = score::second(&both);
                scorer.add_second(article, &mut second);
                article(&mut keys);
                assert_eq!(as_f32(second), model.second.scores(&keys), "token {t}");
            }
        }
    }

    #[test]
    fn embedded_model_loads() {
        let model = check_model().expect("the embedded model loads");
        assert!(model.first.weights.len() > 1000);
        assert!(model.second.weights.len() > 1000);
    }
}
