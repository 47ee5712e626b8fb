//! Brown clustering: words grouped by the words that come before and after them, as a
//! binary tree whose paths become [`super::clusters`]. Used by `train-clusters` only.
//!
//! The algorithm of Brown et al. (1992) in the windowed form of Liang (2005): words are
//! taken in order of frequency; the first `C` start as clusters of their own; each next
//! word joins as a new cluster, and the two clusters whose merge loses the least mutual
//! information between adjacent clusters are merged, so that `C` (plus the newcomer)
//! are active at any time. When every word is in, the last `C` are merged down to one.
//! Each merge is a node of the tree; a word's path is the turns from the root to it.
//!
//! The loss of every pair of active clusters is kept and updated in constant time per
//! pair after each change (Liang's bookkeeping), so a run costs O(V C²).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Words and the counts of adjacent pairs of them.
#[derive(Default)]
pub struct Corpus {
    counts: FxHashMap<String, u64>,
    pairs: FxHashMap<(String, String), u64>,
}

impl Corpus {
    /// Count one sentence's words (already normalised) and adjacent pairs.
    pub fn add(&mut self, words: &[String]) {
        for w in words {
            *self.counts.entry(w.clone()).or_default() += 1;
        }
        for pair in words.windows(2) {
            *self
                .pairs
                .entry((pair[0].clone(), pair[1].clone()))
                .or_default() += 1;
        }
    }

    /// How many distinct words were counted at least `min_count` times.
    pub fn vocabulary(&self, min_count: u64) -> usize {
        self.counts.values().filter(|&&c| c >= min_count).count()
    }
}

/// Mutual-information term of a pair count with its marginals, over `total` pairs.
#[inline]
fn q(n: f64, left: f64, right: f64, total: f64) -> f64 {
    if n <= 0.0 || left <= 0.0 || right <= 0.0 {
        0.0
    } else {
        n / total * (n * total / (left * right)).ln()
    }
}

/// The clustering state: `k` slots, each an active cluster or free.
struct State {
    k: usize,
    total: f64,
    /// Pair counts between slots, `n[a * k + b]`: a before b.
    n: Vec<f64>,
    /// Cached terms `q(a, b)`.
    qt: Vec<f64>,
    left: Vec<f64>,
    right: Vec<f64>,
    /// Per slot: the sum of the terms that involve it.
    s: Vec<f64>,
    /// Loss of merging `a` and `b`, for a < b.
    loss: Vec<f64>,
    active: Vec<bool>,
    /// Tree node of each slot's cluster.
    node: Vec<usize>,
}

impl State {
    fn n(&self, a: usize, b: usize) -> f64 {
        self.n[a * self.k + b]
    }

    fn q(&self, a: usize, b: usize) -> f64 {
        self.qt[a * self.k + b]
    }

    fn actives(&self) -> Vec<usize> {
        (0..self.k).filter(|&s| self.active[s]).collect()
    }

    fn refresh_q(&mut self, a: usize) {
        for u in 0..self.k {
            if !self.active[u] {
                continue;
            }
            let (k, t) = (self.k, self.total);
            self.qt[a * k + u] = q(self.n(a, u), self.left[a], self.right[u], t);
            self.qt[u * k + a] = q(self.n(u, a), self.left[u], self.right[a], t);
        }
    }

    fn refresh_s(&mut self, a: usize) {
        let mut sum = -self.q(a, a);
        for u in 0..self.k {
            if self.active[u] {
                sum += self.q(a, u) + self.q(u, a);
            }
        }
        self.s[a] = sum;
    }

    /// The loss of merging `a` and `b`, from scratch.
    fn loss_of(&self, a: usize, b: usize) -> f64 {
        let t = self.total;
        let (la, ra) = (self.left[a] + self.left[b], self.right[a] + self.right[b]);
        let mut after = q(
            self.n(a, a) + self.n(a, b) + self.n(b, a) + self.n(b, b),
            la,
            ra,
            t,
        );
        for u in 0..self.k {
            if !self.active[u] || u == a || u == b {
                continue;
            }
            after += q(self.n(a, u) + self.n(b, u), la, self.right[u], t);
            after += q(self.n(u, a) + self.n(u, b), self.left[u], ra, t);
        }
        self.s[a] + self.s[b] - self.q(a, b) - self.q(b, a) - after
    }

    fn set_loss(&mut self, a: usize, b: usize, value: f64) {
        let (a, b) = (a.min(b), a.max(b));
        self.loss[a * self.k + b] = value;
    }

    /// Recompute the losses of `a` with every other active slot.
    fn refresh_loss(&mut self, a: usize) {
        let values: Vec<(usize, f64)> = self
            .actives()
            .into_par_iter()
            .filter(|&u| u != a)
            .map(|u| (u, self.loss_of(a, u)))
            .collect();
        for (u, v) in values {
            self.set_loss(a, u, v);
        }
    }

    /// The active pair that loses least, ties to the lower slots.
    fn best_pair(&self) -> (usize, usize) {
        let act = self.actives();
        let k = self.k;
        act.par_iter()
            .enumerate()
            .filter_map(|(i, &a)| {
                act[i + 1..]
                    .iter()
                    .map(|&b| (self.loss[a * k + b], a, b))
                    .min_by(|x, y| x.0.total_cmp(&y.0).then((x.1, x.2).cmp(&(y.1, y.2))))
            })
            .min_by(|x, y| x.0.total_cmp(&y.0).then((x.1, x.2).cmp(&(y.1, y.2))))
            .map_or((0, 1), |(_, a, b)| (a, b))
    }

    /// Update every other pair's loss for the slot `c` that was just filled (a new
    /// word): each gains the terms with `c`.
    fn add_terms(&mut self, c: usize) {
        let act: Vec<usize> = self.actives().into_iter().filter(|&u| u != c).collect();
        let k = self.k;
        let t = self.total;
        let ds: Vec<f64> = (0..k)
            .map(|u| {
                if self.active[u] {
                    self.q(u, c) + self.q(c, u)
                } else {
                    0.0
                }
            })
            .collect();
        let updates: Vec<(usize, f64)> = act
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, &x)| {
                let this = &*self;
                let ds = &ds;
                act[i + 1..].iter().map(move |&y| {
                    let lost = q(
                        this.n(x, c) + this.n(y, c),
                        this.left[x] + this.left[y],
                        this.right[c],
                        t,
                    ) + q(
                        this.n(c, x) + this.n(c, y),
                        this.left[c],
                        this.right[x] + this.right[y],
                        t,
                    );
                    (x * k + y, ds[x] + ds[y] - lost)
                })
            })
            .collect();
        for (at, d) in updates {
            self.loss[at] += d;
        }
        for &u in &act {
            self.s[u] += ds[u];
        }
    }

    /// Whether every kept loss and sum equals its value computed afresh (tests only).
    #[cfg(test)]
    fn consistent(&self) -> bool {
        let act = self.actives();
        let near = |x: f64, y: f64| (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs()));
        act.iter().all(|&a| {
            let mut s = -self.q(a, a);
            for &u in &act {
                s += self.q(a, u) + self.q(u, a);
            }
            near(s, self.s[a])
        }) && act.iter().enumerate().all(|(i, &a)| {
            act[i + 1..]
                .iter()
                .all(|&b| near(self.loss[a * self.k + b], self.loss_of(a, b)))
        })
    }

    /// Merge slot `b` into slot `a`, updating every loss.
    fn merge(&mut self, a: usize, b: usize) {
        let k = self.k;
        let t = self.total;
        let (lc, rc) = (self.left[a] + self.left[b], self.right[a] + self.right[b]);
        let others: Vec<usize> = self
            .actives()
            .into_iter()
            .filter(|&u| u != a && u != b)
            .collect();
        // Terms with the merged cluster c, before anything changes.
        let mut qc_in = vec![0.0; k];
        let mut qc_out = vec![0.0; k];
        for &u in &others {
            qc_out[u] = q(self.n(a, u) + self.n(b, u), lc, self.right[u], t);
            qc_in[u] = q(self.n(u, a) + self.n(u, b), self.left[u], rc, t);
        }
        let ds: Vec<f64> = (0..k)
            .map(|x| {
                if others.contains(&x) {
                    qc_in[x] + qc_out[x] - self.q(x, a) - self.q(a, x) - self.q(x, b) - self.q(b, x)
                } else {
                    0.0
                }
            })
            .collect();
        let updates: Vec<(usize, f64)> = others
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, &x)| {
                let this = &*self;
                let ds = &ds;
                others[i + 1..].iter().map(move |&y| {
                    let lxy = this.left[x] + this.left[y];
                    let rxy = this.right[x] + this.right[y];
                    let n_xy_a = this.n(x, a) + this.n(y, a);
                    let n_xy_b = this.n(x, b) + this.n(y, b);
                    let n_a_xy = this.n(a, x) + this.n(a, y);
                    let n_b_xy = this.n(b, x) + this.n(b, y);
                    let gained = q(n_xy_a + n_xy_b, lxy, rc, t) + q(n_a_xy + n_b_xy, lc, rxy, t);
                    let lost = q(n_xy_a, lxy, this.right[a], t)
                        + q(n_a_xy, this.left[a], rxy, t)
                        + q(n_xy_b, lxy, this.right[b], t)
                        + q(n_b_xy, this.left[b], rxy, t);
                    (x * k + y, ds[x] + ds[y] - (gained - lost))
                })
            })
            .collect();
        for (at, d) in updates {
            // Pairs are stored with the lower slot first; `others` is ascending.
            self.loss[at] += d;
        }
        // Now merge the counts.
        let naa = self.n(a, a) + self.n(a, b) + self.n(b, a) + self.n(b, b);
        for u in 0..k {
            if u == a || u == b {
                continue;
            }
            self.n[a * k + u] += self.n[b * k + u];
            self.n[u * k + a] += self.n[u * k + b];
        }
        self.n[a * k + a] = naa;
        for u in 0..k {
            self.n[b * k + u] = 0.0;
            self.n[u * k + b] = 0.0;
            self.qt[b * k + u] = 0.0;
            self.qt[u * k + b] = 0.0;
        }
        self.left[a] = lc;
        self.right[a] = rc;
        self.left[b] = 0.0;
        self.right[b] = 0.0;
        self.active[b] = false;
        for &u in &others {
            self.s[u] += ds[u];
        }
        self.refresh_q(a);
        self.refresh_s(a);
        self.refresh_loss(a);
    }
}

/// Cluster the words of `corpus` counted at least `min_count` times into a tree with
/// `clusters` active clusters; returns each word with its path of 0s and 1s, in order
/// of frequency. `log` receives progress lines.
pub fn cluster(
    corpus: &Corpus,
    clusters: usize,
    min_count: u64,
    log: &dyn Fn(&str),
) -> Vec<(String, String)> {
    let mut vocab: Vec<(&String, u64)> = corpus
        .counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(w, &c)| (w, c))
        .collect();
    vocab.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let v = vocab.len();
    if v < 2 {
        return vocab
            .iter()
            .map(|(w, _)| ((*w).clone(), "0".into()))
            .collect();
    }
    let id: FxHashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    // Neighbour lists and marginals over kept words.
    let mut after: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v];
    let mut before: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v];
    let mut left = vec![0.0; v];
    let mut right = vec![0.0; v];
    let mut total = 0.0;
    let mut pairs: Vec<(usize, usize, f64)> = corpus
        .pairs
        .iter()
        .filter_map(|((x, y), &n)| Some((*id.get(x.as_str())?, *id.get(y.as_str())?, n as f64)))
        .collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    for (x, y, n) in pairs {
        after[x].push((y, n));
        before[y].push((x, n));
        left[x] += n;
        right[y] += n;
        total += n;
    }
    let c = clusters.min(v - 1).max(1);
    let k = c + 1;
    let mut st = State {
        k,
        total,
        n: vec![0.0; k * k],
        qt: vec![0.0; k * k],
        left: vec![0.0; k],
        right: vec![0.0; k],
        s: vec![0.0; k],
        loss: vec![0.0; k * k],
        active: vec![false; k],
        node: vec![0; k],
    };
    let mut slot_of: Vec<Option<usize>> = vec![None; v];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    // Merges while words join clusters are not kept in the tree (see below).
    let mut joined: Vec<(usize, u8)> = vec![(usize::MAX, 0); v];
    let place = |st: &mut State,
                 slot_of: &mut Vec<Option<usize>>,
                 members: &mut Vec<Vec<usize>>,
                 w: usize,
                 slot: usize| {
        slot_of[w] = Some(slot);
        members[slot] = vec![w];
        st.active[slot] = true;
        st.node[slot] = w;
        st.left[slot] = left[w];
        st.right[slot] = right[w];
        for u in 0..st.k {
            st.n[slot * st.k + u] = 0.0;
            st.n[u * st.k + slot] = 0.0;
        }
        for &(y, n) in &after[w] {
            if let Some(sy) = slot_of[y] {
                st.n[slot * st.k + sy] += n;
            }
        }
        for &(x, n) in &before[w] {
            if x == w {
                continue; // counted once, above
            }
            if let Some(sx) = slot_of[x] {
                st.n[sx * st.k + slot] += n;
            }
        }
    };
    for w in 0..c {
        place(&mut st, &mut slot_of, &mut members, w, w);
    }
    for a in 0..c {
        st.refresh_q(a);
    }
    for a in 0..c {
        st.refresh_s(a);
    }
    for a in 0..c {
        for b in a + 1..c {
            let l = st.loss_of(a, b);
            st.set_loss(a, b, l);
        }
    }
    let do_merge = |st: &mut State,
                    members: &mut Vec<Vec<usize>>,
                    slot_of: &mut Vec<Option<usize>>,
                    parent: &mut Vec<(usize, u8)>| {
        let (a, b) = st.best_pair();
        let node = parent.len();
        parent.push((usize::MAX, 0));
        parent[st.node[a]] = (node, 0);
        parent[st.node[b]] = (node, 1);
        st.merge(a, b);
        st.node[a] = node;
        let moved = std::mem::take(&mut members[b]);
        for &w in &moved {
            slot_of[w] = Some(a);
        }
        members[a].extend(moved);
    };
    for w in c..v {
        let slot = (0..k).find(|&s| !st.active[s]).unwrap_or(k - 1);
        place(&mut st, &mut slot_of, &mut members, w, slot);
        st.refresh_q(slot);
        // Every other slot's sum of terms, and the new slot's own.
        st.add_terms(slot);
        st.refresh_s(slot);
        st.refresh_loss(slot);
        #[cfg(test)]
        assert!(st.consistent(), "losses after placing word {w}");
        do_merge(&mut st, &mut members, &mut slot_of, &mut joined);
        #[cfg(test)]
        assert!(st.consistent(), "losses after merging for word {w}");
        if (w + 1) % 2000 == 0 {
            log(&format!("{} of {v} words placed", w + 1));
        }
    }
    // The tree above the final clusters: a word's path is its cluster's, as in Liang's
    // output (the order words joined a cluster in says nothing of them).
    let mut cluster_of_word = vec![usize::MAX; v];
    let mut parent: Vec<(usize, u8)> = Vec::new();
    for slot in st.actives() {
        st.node[slot] = parent.len();
        parent.push((usize::MAX, 0));
        for &w in &members[slot] {
            cluster_of_word[w] = st.node[slot];
        }
    }
    while st.actives().len() > 1 {
        do_merge(&mut st, &mut members, &mut slot_of, &mut parent);
        #[cfg(test)]
        assert!(st.consistent(), "losses while merging the last clusters");
    }
    vocab
        .iter()
        .enumerate()
        .map(|(w, (word, _))| {
            let mut bits = Vec::new();
            let mut at = cluster_of_word[w];
            while at != usize::MAX && parent[at].0 != usize::MAX {
                bits.push(if parent[at].1 == 0 { '0' } else { '1' });
                at = parent[at].0;
            }
            bits.reverse();
            let path: String = bits.into_iter().collect();
            (
                (*word).clone(),
                if path.is_empty() { "0".into() } else { path },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn kept_losses_equal_fresh_ones() {
        // A corpus of varied pairs; `cluster` checks every loss after every step.
        let mut corpus = Corpus::default();
        let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        let mut x: u64 = 7;
        for _ in 0..400 {
            let sentence: Vec<String> = (0..6)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    words[((x >> 33) % 30) as usize].clone()
                })
                .collect();
            corpus.add(&sentence);
        }
        assert_eq!(cluster(&corpus, 6, 1, &|_| {}).len(), 30);
    }

    #[test]
    fn words_in_like_contexts_share_a_subtree() {
        let mut corpus = Corpus::default();
        for _ in 0..20 {
            for s in [
                "the cat sat",
                "the dog sat",
                "a cat ran",
                "a dog ran",
                "she said yes",
                "he said no",
                "she told no",
                "he told yes",
            ] {
                corpus.add(&sentence(s));
            }
        }
        let paths: FxHashMap<String, String> =
            cluster(&corpus, 4, 1, &|_| {}).into_iter().collect();
        let common = |a: &str, b: &str| {
            paths[a]
                .chars()
                .zip(paths[b].chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        assert!(common("cat", "dog") > common("cat", "said"), "{paths:?}");
        assert!(common("said", "told") > common("said", "dog"), "{paths:?}");
        // Deterministic: the same counts give the same tree.
        let again: FxHashMap<String, String> =
            cluster(&corpus, 4, 1, &|_| {}).into_iter().collect();
        assert_eq!(paths, again);
    }
}
