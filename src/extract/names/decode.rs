//! Exact decoding: the best label sequence of a stretch of tokens under the model's
//! scores and the BILOU grammar (Viterbi).
//!
//! A stretch is a run of tokens that may be named, between tokens that surely are not
//! (see [`super::features::may_be_named`]); what lies outside is labelled outside, so
//! each stretch is decoded on its own, starting and ending outside a name.

use super::labels::{Label, Part, COUNT};

/// Scores of label pairs: `[previous][current]`.
pub type Transitions = [[f32; COUNT]; COUNT];

/// For each label, the labels that may stand before it (BILOU grammar): most labels
/// have few, so decoding looks only at those.
struct Grammar {
    /// For each label, its possible predecessors (the first `count` of them).
    before: [[u8; COUNT]; COUNT],
    count: [usize; COUNT],
    may_open: [bool; COUNT],
    may_close: [bool; COUNT],
}

fn grammar() -> &'static Grammar {
    static GRAMMAR: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let mut before = [[0u8; COUNT]; COUNT];
        let mut count = [0usize; COUNT];
        for cur in Label::all() {
            for prev in Label::all().filter(|&prev| cur.may_follow(prev)) {
                before[cur.index()][count[cur.index()]] = prev.index() as u8;
                count[cur.index()] += 1;
            }
        }
        Grammar {
            before,
            count,
            may_open: Label::all()
                .map(|l| l.may_follow(Label::OUTSIDE))
                .collect::<Vec<_>>()
                .try_into()
                .unwrap_or([false; COUNT]),
            may_close: Label::all()
                .map(|l| Label::OUTSIDE.may_follow(l))
                .collect::<Vec<_>>()
                .try_into()
                .unwrap_or([false; COUNT]),
        }
    })
}

/// What the text alone says of a token's place in a name, before any model looks at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hold {
    /// Nothing: the model decides.
    #[default]
    Free,
    /// Never opens or closes a name (a small word between capitalised words: "of" in
    /// "Bank of England"): outside, or inside one.
    NotEdge,
    /// Opens, continues or closes a name whose extent is known: the words an acronym
    /// in brackets after them spells ("Northern Rowing Union (NRU)").
    Opens,
    Continues,
    Closes,
}

/// Rule out the labels `hold` forbids.
pub fn restrict(scores: &mut [f32; COUNT], hold: Hold) {
    let allowed = |l: Label| match hold {
        Hold::Free => true,
        Hold::NotEdge => !l.is_edge(),
        Hold::Opens => l.part() == Some(Part::Begin),
        Hold::Continues => l.part() == Some(Part::Inside),
        Hold::Closes => l.part() == Some(Part::Last),
    };
    for label in Label::all().filter(|&l| !allowed(l)) {
        scores[label.index()] = f32::NEG_INFINITY;
    }
}

/// The best label of a stretch of one token (most stretches: one capitalised word):
/// outside, or a name of one token.
pub fn single(scores: &[f32; COUNT], transitions: &Transitions) -> Label {
    let g = grammar();
    let outside = Label::OUTSIDE.index();
    let mut best = (outside, f32::NEG_INFINITY);
    for l in 0..COUNT {
        if g.may_open[l] && g.may_close[l] {
            let s = transitions[outside][l] + scores[l] + transitions[l][outside];
            if s > best.1 {
                best = (l, s);
            }
        }
    }
    Label::from_index(best.0)
}

/// Room for one score per label, sized so that masking an index bounds it.
const ROOM: usize = 32;

/// Label-pair scores by the label they lead into, in rows of `ROOM`: the inner loop of
/// decoding reads two short rows and masks its index instead of checking bounds.
pub type Into = [[f32; ROOM]; COUNT];

/// [`Into`] of `transitions`.
pub fn into(transitions: &Transitions) -> Into {
    let mut into = [[f32::NEG_INFINITY; ROOM]; COUNT];
    for (cur, row) in into.iter_mut().enumerate() {
        for (prev, x) in row.iter_mut().enumerate().take(COUNT) {
            *x = transitions[prev][cur];
        }
    }
    into
}

/// Buffers that decoding keeps from one stretch to the next.
#[derive(Default)]
pub struct Scratch {
    pub scores: Vec<[f32; COUNT]>,
    pub back: Vec<[u8; COUNT]>,
}

/// The best labels of a stretch whose tokens score `scores[t][label]`, entered from
/// and left to the outside label.
pub fn viterbi(scores: &[[f32; COUNT]], transitions: &Transitions) -> Vec<Label> {
    viterbi_into(scores, transitions, &into(transitions))
}

/// [`viterbi`] with the label-pair scores also given by the label they lead into.
pub fn viterbi_into(scores: &[[f32; COUNT]], transitions: &Transitions, into: &Into) -> Vec<Label> {
    let mut labels = vec![Label::OUTSIDE; scores.len()];
    viterbi_in(scores, transitions, into, &mut Vec::new(), &mut labels);
    labels
}

/// [`viterbi_into`] writing the labels into `out` (as long as `scores`), with `back` as
/// a buffer that keeps its room from one call to the next.
pub fn viterbi_in(
    scores: &[[f32; COUNT]],
    transitions: &Transitions,
    into: &Into,
    back: &mut Vec<[u8; COUNT]>,
    out: &mut [Label],
) {
    let n = scores.len();
    if n == 0 {
        return;
    }
    if n == 1 {
        out[0] = single(&scores[0], transitions);
        return;
    }
    let g = grammar();
    let outside = Label::OUTSIDE.index();
    let mut best = [f32::NEG_INFINITY; ROOM];
    for cur in 0..COUNT {
        if g.may_open[cur] {
            best[cur] = transitions[outside][cur] + scores[0][cur];
        }
    }
    back.clear();
    back.resize(n, [0u8; COUNT]);
    for t in 1..n {
        let mut next = [f32::NEG_INFINITY; ROOM];
        for cur in 0..COUNT {
            let row = &into[cur];
            let mut top = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &prev in &g.before[cur][..g.count[cur]] {
                let p = prev as usize & (ROOM - 1);
                let s = best[p] + row[p];
                if s > top {
                    top = s;
                    arg = prev;
                }
            }
            next[cur] = top + scores[t][cur];
            back[t][cur] = arg;
        }
        best = next;
    }
    let mut last = outside;
    let mut top = f32::NEG_INFINITY;
    for (cur, &b) in best.iter().enumerate().take(COUNT) {
        if !g.may_close[cur] {
            continue;
        }
        let s = b + transitions[cur][outside];
        if s > top {
            top = s;
            last = cur;
        }
    }
    let mut cur = last;
    for t in (0..n).rev() {
        out[t] = Label::from_index(cur);
        cur = back[t][cur] as usize;
    }
}

/// The stretches of a segment: maximal runs of tokens that may be named.
pub fn stretches(nameable: &[bool]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < nameable.len() && !nameable[i] {
            i += 1;
        }
        let start = i;
        while i < nameable.len() && nameable[i] {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::super::labels::Kind;
    use super::*;

    #[test]
    fn a_small_word_never_ends_a_name() {
        // "Council for": the scores favour a name closing on "for"; held inside-only,
        // "for" can only continue a name, so the name is "Council" alone.
        let org = |part| Label::new(part, Kind::Organization).index();
        let mut scores = vec![[0.0; COUNT]; 2];
        scores[0][org(Part::Begin)] = 4.0;
        scores[0][org(Part::Unit)] = 3.0;
        scores[1][org(Part::Last)] = 4.0;
        let transitions = [[0.0; COUNT]; COUNT];
        assert_eq!(
            viterbi(&scores, &transitions)[1],
            Label::new(Part::Last, Kind::Organization)
        );
        restrict(&mut scores[1], Hold::NotEdge);
        assert_eq!(
            viterbi(&scores, &transitions),
            [Label::new(Part::Unit, Kind::Organization), Label::OUTSIDE]
        );
    }

    #[test]
    fn best_path_follows_the_grammar() {
        // Token scores alone would say B-person, O: the grammar forbids an open name.
        let b = Label::new(Part::Begin, Kind::Person).index();
        let u = Label::new(Part::Unit, Kind::Person).index();
        let mut scores = vec![[0.0; COUNT]; 2];
        scores[0][b] = 3.0;
        scores[0][u] = 2.0;
        scores[1][Label::OUTSIDE.index()] = 1.0;
        let transitions = [[0.0; COUNT]; COUNT];
        let labels = viterbi(&scores, &transitions);
        assert_eq!(labels[0].index(), u);
        assert_eq!(labels[1], Label::OUTSIDE);
    }

    #[test]
    fn a_single_token_decodes_as_a_stretch_of_one() {
        let u = Label::new(Part::Unit, Kind::Organization).index();
        let b = Label::new(Part::Begin, Kind::Organization).index();
        let mut scores = [0.0; COUNT];
        scores[b] = 5.0;
        scores[u] = 1.0;
        let transitions = [[0.0; COUNT]; COUNT];
        assert_eq!(
            single(&scores, &transitions).index(),
            u,
            "no open name at the end"
        );
    }

    #[test]
    fn stretches_are_runs() {
        assert_eq!(
            stretches(&[false, true, true, false, true]).collect::<Vec<_>>(),
            vec![1..3, 4..5]
        );
    }
}
