//! Token scores under both passes at once, fast. A token's first-pass features are also
//! the second pass's (which adds the article's), so one lookup in the [`Joint`] table
//! gives both passes' weights of a feature. The features that depend on one word alone
//! (the word's own, and those it gives a neighbour) are summed once per word and
//! remembered across articles; only the features of a token in its context are looked
//! up each time. The sums are exact (integer weights), so scores equal
//! [`Pass::scores`](super::model::Pass::scores) of all the features.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::features::{self, Role, Word};
use super::labels::COUNT;
use super::model::{Joint, BOTH};
use super::{Reading, Segment};

/// Both passes' scores of a token: the first pass's labels, then the second's.
pub type Both = [i32; BOTH];

/// How many sets of two word sums a thread remembers ([`crate::memo::Table`]): 2^16 sets
/// of 384 bytes, 24 MB.
const SUM_SETS: usize = 1 << 16;

/// A remembered sum: of the words of a joint table, a word and a role (0 its own, 1 + a
/// neighbour's role).
#[derive(Clone, Copy)]
struct Sum {
    joint: u64,
    word: u64,
    code: u8,
    both: Both,
}

impl Sum {
    /// No sum: joint tables are numbered from 1.
    const EMPTY: Sum = Sum {
        joint: 0,
        word: 0,
        code: 0,
        both: [0; BOTH],
    };
}

/// The memo hash of a sum's key: its top bits pick the set.
fn sum_hash(joint: u64, word: u64, code: u8) -> u64 {
    let h = (word ^ joint.rotate_left(32) ^ u64::from(code).rotate_right(8))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

fn role_code(role: Option<Role>) -> u8 {
    role.map_or(0, |r| 1 + r as u8)
}

struct Sums {
    memo: crate::memo::Table<Sum>,
    /// The feature keys of the word being summed, kept from one word to the next.
    keys: Vec<u64>,
}

thread_local! {
    static SUMS: RefCell<Sums> = RefCell::new(Sums {
        memo: crate::memo::Table::new(SUM_SETS, Sum::EMPTY),
        keys: Vec::with_capacity(24),
    });
}

fn add(acc: &mut Both, w: &Both) {
    for (a, x) in acc.iter_mut().zip(w) {
        *a += x;
    }
}

/// The summed weights of features.
fn sum(joint: &Joint, keys: &[u64]) -> Both {
    let mut acc = [0i32; BOTH];
    joint.weights.add(keys, &mut acc);
    acc
}

/// The first pass's half of both passes' scores.
pub fn first(both: &Both) -> [i32; COUNT] {
    std::array::from_fn(|l| both[l])
}

/// The second pass's half of both passes' scores.
pub fn second(both: &Both) -> [i32; COUNT] {
    std::array::from_fn(|l| both[COUNT + l])
}

/// How many context keys ahead of the token being scored their weight slots are asked
/// for: some four tokens, enough to cover the wait on memory.
const KEYS_AHEAD: usize = 32;

/// How many tokens ahead of the one being scored their word sums are asked for.
const SUMS_AHEAD: usize = 2;

/// What scoring an article's tokens will read, worked out before the first is scored so
/// that the memory it reads can be asked for well ahead: the tables are larger than the
/// caches, and most stretches are a single word, too short to look ahead within.
#[derive(Default)]
struct Plan {
    /// Per paragraph, per token: its number among the tokens that may be named, in
    /// article order (`u32::MAX` for the others).
    number: Vec<Vec<u32>>,
    /// The context feature keys of those tokens, one after another; token `n`'s are
    /// `keys[starts[n]..starts[n + 1]]`.
    keys: Vec<u64>,
    starts: Vec<u32>,
    /// The memo hashes of each token's word sums: its own, then its neighbours'.
    sums: Vec<[u64; 5]>,
    /// The next key and the next token whose memory to ask for.
    next_key: usize,
    next_sums: usize,
}

/// Scores the tokens of one reading under both passes of a joint table.
pub struct Scorer<'a> {
    joint: &'a Joint,
    reading: &'a Reading,
    /// The article-level company features of each word, summed.
    company: FxHashMap<u64, Both>,
    buf: Vec<u64>,
    /// Set by [`Scorer::plan`]; empty, each token's keys are worked out when scored.
    plan: Plan,
}

impl<'a> Scorer<'a> {
    pub fn new(joint: &'a Joint, reading: &'a Reading) -> Scorer<'a> {
        Scorer {
            joint,
            reading,
            company: FxHashMap::default(),
            buf: Vec::with_capacity(48),
            plan: Plan::default(),
        }
    }

    /// Work out the context keys and word sum hashes of every token that may be named,
    /// for [`Scorer::local`] to ask for ahead of time.
    pub fn plan(&mut self) {
        let r = self.reading;
        let joint = self.joint.id;
        let plan = &mut self.plan;
        plan.number = r.words.iter().map(|w| vec![u32::MAX; w.len()]).collect();
        plan.starts.push(0);
        for s in &r.segments {
            let words = &r.words[s.para][s.range.clone()];
            let places = &r.places[s.para][s.range.clone()];
            let elsewhere = &r.elsewhere[s.para][s.range.clone()];
            for t in s.range.clone() {
                if !r.nameable[s.para][t] {
                    continue;
                }
                let i = t - s.range.start;
                plan.number[s.para][t] = plan.sums.len() as u32;
                features::context(words, places, elsewhere, i, &mut plan.keys);
                plan.starts.push(plan.keys.len() as u32);
                let mut sums = [sum_hash(joint, words[i].id, role_code(None)); 5];
                for (k, role) in Role::ALL.into_iter().enumerate() {
                    let w = features::at(words, i, role);
                    sums[k + 1] = sum_hash(joint, w.id, role_code(Some(role)));
                }
                plan.sums.push(sums);
            }
        }
    }

    /// Ask for the memory of the tokens after token `n` of the plan.
    fn prefetch_after(&mut self, sums: &Sums, n: usize) {
        let plan = &mut self.plan;
        let keys_to = (plan.starts[n + 1] as usize + KEYS_AHEAD).min(plan.keys.len());
        plan.next_key = plan.next_key.max(plan.starts[n] as usize);
        while plan.next_key < keys_to {
            self.joint.weights.prefetch(plan.keys[plan.next_key]);
            plan.next_key += 1;
        }
        let sums_to = (n + 1 + SUMS_AHEAD).min(plan.sums.len());
        plan.next_sums = plan.next_sums.max(n);
        while plan.next_sums < sums_to {
            for &h in &plan.sums[plan.next_sums] {
                sums.memo.prefetch(h);
            }
            plan.next_sums += 1;
        }
    }

    /// The remembered sum of a word in a role, computed on first use.
    fn word_sum(&self, sums: &mut Sums, w: &Word, role: Option<Role>) -> Both {
        let (joint, code) = (self.joint.id, role_code(role));
        let h = sum_hash(joint, w.id, code);
        let is_key = |s: &Sum| s.joint == joint && s.word == w.id && s.code == code;
        if let Some(s) = sums.memo.find(h, is_key) {
            return s.both;
        }
        let keys = &mut sums.keys;
        keys.clear();
        match role {
            None => features::own(w, keys),
            Some(r) => features::neighbour(r, w, keys),
        }
        let both = sum(self.joint, keys);
        sums.memo.insert(
            h,
            Sum {
                joint,
                word: w.id,
                code,
                both,
            },
        );
        both
    }

    /// Both passes' scores of token `t` of segment `s` from the first pass's features
    /// (what the second pass adds, [`Scorer::add_second`] adds).
    pub fn local(&mut self, s: &Segment, t: usize) -> Both {
        let r = self.reading;
        let words = &r.words[s.para][s.range.clone()];
        let i = t - s.range.start;
        let planned = self
            .plan
            .number
            .get(s.para)
            .and_then(|ns| ns.get(t))
            .map(|&n| n as usize)
            .filter(|&n| n < self.plan.sums.len());
        let mut acc = SUMS.with(|sums| {
            let mut sums = sums.borrow_mut();
            if let Some(n) = planned {
                self.prefetch_after(&sums, n);
            }
            let mut acc = self.word_sum(&mut sums, &words[i], None);
            for role in Role::ALL {
                add(
                    &mut acc,
                    &self.word_sum(&mut sums, features::at(words, i, role), Some(role)),
                );
            }
            acc
        });
        let w = &words[i];
        if w.nameable {
            if let Some(c) = r.company.get(&w.word) {
                let joint = self.joint;
                let summed = self.company.entry(w.word).or_insert_with(|| {
                    let mut keys = Vec::with_capacity(c.before().len() + c.after().len());
                    features::company(c, &mut keys);
                    sum(joint, &keys)
                });
                add(&mut acc, summed);
            }
        }
        if let Some(n) = planned {
            let keys =
                &self.plan.keys[self.plan.starts[n] as usize..self.plan.starts[n + 1] as usize];
            self.joint.weights.add(keys, &mut acc);
        } else {
            self.buf.clear();
            features::context(
                words,
                &r.places[s.para][s.range.clone()],
                &r.elsewhere[s.para][s.range.clone()],
                i,
                &mut self.buf,
            );
            self.joint.weights.add(&self.buf, &mut acc);
        }
        acc
    }

    /// Add the second pass's weights of the features `extra` writes to `scores`.
    pub fn add_second(&mut self, extra: impl FnOnce(&mut Vec<u64>), scores: &mut [i32; COUNT]) {
        self.buf.clear();
        extra(&mut self.buf);
        for &f in &self.buf {
            if let Some(w) = self.joint.weights.get(f) {
                for (s, &x) in scores.iter_mut().zip(&w[COUNT..]) {
                    *s += i32::from(x);
                }
            }
        }
    }
}
