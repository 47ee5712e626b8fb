//! Token scores under one pass, fast: the features that depend on one word alone (the
//! word's own, and those it gives a neighbour) are summed once per word and pass and
//! remembered across articles; only the features of a token in its context are looked
//! up each time. The sums are exact (integer weights), so scores equal
//! [`Pass::scores`] of all the features.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::features::{self, Role, Word};
use super::labels::COUNT;
use super::model::Pass;
use super::{Reading, Segment};

/// How many word sums a thread remembers before it starts afresh.
const REMEMBERED: usize = 1 << 17;

/// Remembered sums: by pass, word and role (0 its own, 1 + a neighbour's role).
#[derive(Default)]
struct Sums {
    map: FxHashMap<(u64, u64, u8), [i32; COUNT]>,
}

thread_local! {
    static SUMS: RefCell<Sums> = RefCell::new(Sums::default());
}

fn add(acc: &mut [i32; COUNT], w: &[i32; COUNT]) {
    for (a, x) in acc.iter_mut().zip(w) {
        *a += x;
    }
}

/// The summed weights of features.
fn sum(pass: &Pass, keys: &[u64]) -> [i32; COUNT] {
    let mut acc = [0i32; COUNT];
    pass.weights.add(keys, &mut acc);
    acc
}

/// Scores the tokens of one reading under one pass.
pub struct Scorer<'a> {
    pass: &'a Pass,
    reading: &'a Reading,
    /// The article-level company features of each word, summed.
    company: FxHashMap<u64, [i32; COUNT]>,
    buf: Vec<u64>,
}

impl<'a> Scorer<'a> {
    pub fn new(pass: &'a Pass, reading: &'a Reading) -> Scorer<'a> {
        Scorer {
            pass,
            reading,
            company: FxHashMap::default(),
            buf: Vec::with_capacity(48),
        }
    }

    /// The remembered sum of a word in a role, computed on first use.
    fn word_sum(&self, sums: &mut Sums, w: &Word, role: Option<Role>) -> [i32; COUNT] {
        let code = role.map_or(0, |r| 1 + r as u8);
        let key = (self.pass.id, w.id, code);
        if let Some(s) = sums.map.get(&key) {
            return *s;
        }
        let mut keys = Vec::with_capacity(24);
        match role {
            None => features::own(w, &mut keys),
            Some(r) => features::neighbour(r, w, &mut keys),
        }
        let s = sum(self.pass, &keys);
        if sums.map.len() >= REMEMBERED {
            sums.map.clear();
        }
        sums.map.insert(key, s);
        s
    }

    /// The scores of token `t` of segment `s`; `extra` adds features beyond the local
    /// ones (the second pass's).
    pub fn scores(
        &mut self,
        s: &Segment,
        t: usize,
        extra: impl FnOnce(&mut Vec<u64>),
    ) -> [f32; COUNT] {
        let r = &self.reading;
        let words = &r.words[s.para][s.range.clone()];
        let i = t - s.range.start;
        let mut acc = SUMS.with(|sums| {
            let mut sums = sums.borrow_mut();
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
                let pass = self.pass;
                let summed = self.company.entry(w.word).or_insert_with(|| {
                    let mut keys = Vec::new();
                    features::company(c, &mut keys);
                    sum(pass, &keys)
                });
                add(&mut acc, summed);
            }
        }
        self.buf.clear();
        features::context(
            words,
            &r.places[s.para][s.range.clone()],
            &r.elsewhere[s.para][s.range.clone()],
            i,
            &mut self.buf,
        );
        extra(&mut self.buf);
        self.pass.weights.add(&self.buf, &mut acc);
        acc.map(|x| x as f32)
    }
}
