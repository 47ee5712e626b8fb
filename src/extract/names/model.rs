//! The name model: weights of both passes in a compact table, and its file format.
//!
//! A model file is sealed (see [`crate::extract::sealed`]: magic `NXNAMES1`, zstd, a
//! checksum) and holds a format version, the feature
//! [`fingerprint`](super::features::fingerprint) it was trained with, then for each of
//! the two passes a scale, the label-pair scores and the features with their weights
//! (16-bit integers, one per label). A model is refused, with the reason, when any of
//! this does not hold: a damaged file, another format, or features that have changed
//! since training all mean its weights would be read wrong.

use super::decode::Transitions;
use super::labels::COUNT;
pub use crate::extract::sealed::ModelError;
use crate::extract::sealed::{self, Reader};
use crate::prefetch::prefetch;

const MAGIC: &[u8; 8] = b"NXNAMES1";
/// Version of the layout below; bumped when it changes.
const FORMAT: u32 = 1;

/// Weights of both passes side by side: a feature's first-pass weights, then its
/// second-pass ones.
pub const BOTH: usize = 2 * COUNT;

/// One slot of a weight table: a feature's key and its `N` weights.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot<const N: usize> {
    key: u64,
    weights: [i16; N],
}

impl<const N: usize> Slot<N> {
    const EMPTY: Slot<N> = Slot {
        key: 0,
        weights: [0; N],
    };
}

/// Features and their `N` weights, in an open-addressed table of one slot per feature:
/// a lookup reads one cache line, or a few when keys collide.
pub struct Table<const N: usize> {
    slots: Box<[Slot<N>]>,
    mask: usize,
}

/// The weights of one pass, one per label, as the model file holds them: sorted by
/// feature key. Scoring reads the [`Joint`] table; these serve writing the file and
/// explaining a result.
pub struct Weights {
    entries: Vec<(u64, [i16; COUNT])>,
}

impl Weights {
    /// Weights of distinct features, in any order.
    pub fn new(mut entries: Vec<(u64, [i16; COUNT])>) -> Weights {
        entries.sort_unstable_by_key(|(k, _)| *k);
        Weights { entries }
    }

    /// The weights of a feature, if the pass has it.
    pub fn get(&self, key: u64) -> Option<&[i16; COUNT]> {
        self.entries
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|at| &self.entries[at].1)
    }

    /// Every feature with its weights, by key.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &[i16; COUNT])> {
        self.entries.iter().map(|(k, w)| (*k, w))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Key 0 marks an empty slot; a feature whose key is 0 is stored as 1.
fn stored_key(key: u64) -> u64 {
    key.max(1)
}

impl<const N: usize> Table<N> {
    /// A table of `entries` (keys distinct).
    pub fn new(entries: &[(u64, [i16; N])]) -> Table<N> {
        let capacity = (entries.len() * 8 / 5).next_power_of_two().max(16);
        let mut slots = vec![Slot::EMPTY; capacity].into_boxed_slice();
        let mask = capacity - 1;
        for (key, weights) in entries {
            let key = stored_key(*key);
            let mut at = Self::home(key, mask);
            while slots[at].key != 0 && slots[at].key != key {
                at = (at + 1) & mask;
            }
            slots[at] = Slot {
                key,
                weights: *weights,
            };
        }
        Table { slots, mask }
    }

    fn home(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & mask
    }

    /// The weights of a feature, if the model has it.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&[i16; N]> {
        let key = stored_key(key);
        let mut at = Self::home(key, self.mask);
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(&slot.weights);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Ask for a feature's slot ahead of its lookup.
    #[inline]
    pub fn prefetch(&self, key: u64) {
        prefetch(&self.slots[Self::home(stored_key(key), self.mask)]);
    }

    /// Add the weights of `features` to `scores`.
    #[inline]
    pub fn add(&self, features: &[u64], scores: &mut [i32; N]) {
        for &f in features {
            if let Some(w) = self.get(f) {
                for (s, &x) in scores.iter_mut().zip(w) {
                    *s += i32::from(x);
                }
            }
        }
    }
}

/// A number no other pass of this process has: what memos of a pass's sums are keyed by.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One pass of the model: feature weights and label-pair scores, in units of `scale`.
pub struct Pass {
    pub weights: Weights,
    /// Label-pair scores in weight units.
    pub transitions: Transitions,
    /// The same by the label they lead into, for decoding.
    pub into: super::decode::Into,
    /// What one unit of weight is worth (the trained weights were divided by it).
    pub scale: f32,
}

impl Pass {
    /// A pass from trained weights, rounded to 16-bit units.
    pub fn quantize(features: &[(u64, [f32; COUNT])], transitions: &Transitions) -> Pass {
        let largest = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .chain(transitions.iter().flatten())
            .fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if largest > 0.0 {
            largest / f32::from(i16::MAX)
        } else {
            1.0
        };
        let round = |x: f32| (x / scale).round() as i16;
        let entries: Vec<(u64, [i16; COUNT])> = features
            .iter()
            .map(|(k, w)| (*k, w.map(round)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        let mut t = [[0f32; COUNT]; COUNT];
        for (row, src) in t.iter_mut().zip(transitions) {
            for (x, &y) in row.iter_mut().zip(src) {
                *x = f32::from(round(y));
            }
        }
        Pass {
            weights: Weights::new(entries),
            into: super::decode::into(&t),
            transitions: t,
            scale,
        }
    }

    /// Scores of every label for a token with `features`, in weight units.
    #[inline]
    pub fn scores(&self, features: &[u64]) -> [f32; COUNT] {
        let mut acc = [0i32; COUNT];
        for w in features.iter().filter_map(|&f| self.weights.get(f)) {
            for (a, &x) in acc.iter_mut().zip(w) {
                *a += i32::from(x);
            }
        }
        acc.map(|x| x as f32)
    }
}

/// The weights of two passes in one table. The second pass reads every feature the first
/// reads (and the article's besides), so one lookup of a feature serves both: scoring
/// is bound by memory, and this halves the table reads.
pub struct Joint {
    /// Unique in the process: what memos of sums are keyed by.
    pub id: u64,
    pub weights: Table<BOTH>,
}

impl Joint {
    /// The weights of `first` and `second` (zero where a pass lacks a feature, and the
    /// second half all zero without a second pass).
    pub fn new(first: &Weights, second: Option<&Weights>) -> Joint {
        // Both passes are sorted by key: merge them.
        let mut ones = first.entries.iter().peekable();
        let mut twos = second.map_or(&[][..], |w| &w.entries).iter().peekable();
        let mut entries: Vec<(u64, [i16; BOTH])> = Vec::with_capacity(first.len());
        loop {
            let key = match (ones.peek(), twos.peek()) {
                (Some(&&(x, _)), Some(&&(y, _))) => x.min(y),
                (Some(&&(x, _)), None) | (None, Some(&&(x, _))) => x,
                (None, None) => break,
            };
            let mut both = [0; BOTH];
            for (half, pass) in [&mut ones, &mut twos].into_iter().enumerate() {
                if let Some((_, w)) = pass.next_if(|&&(k, _)| k == key) {
                    both[half * COUNT..(half + 1) * COUNT].copy_from_slice(w);
                }
            }
            entries.push((key, both));
        }
        Joint {
            id: next_id(),
            weights: Table::new(&entries),
        }
    }
}

/// The trained model: a first pass that reads each sentence alone, and a second that
/// also sees what the first found elsewhere in the article.
pub struct Model {
    pub first: Pass,
    pub second: Pass,
    /// Both passes' weights in one table, for scoring.
    pub joint: Joint,
    /// The features the model was trained with.
    pub fingerprint: u64,
}

impl Pass {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend(self.scale.to_le_bytes());
        for row in &self.transitions {
            for &x in row {
                out.extend((x as i16).to_le_bytes());
            }
        }
        // Sorted by key, so that the same weights always give the same bytes.
        out.extend((self.weights.len() as u32).to_le_bytes());
        for (key, weights) in self.weights.iter() {
            out.extend(key.to_le_bytes());
            for &w in weights {
                out.extend(w.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Pass, String> {
        let scale = r.f32()?;
        let mut transitions = [[0f32; COUNT]; COUNT];
        for row in transitions.iter_mut() {
            for x in row.iter_mut() {
                *x = f32::from(r.i16()?);
            }
        }
        let count = r.u32()? as usize;
        const ENTRY: usize = 8 + 2 * COUNT;
        if count > r.remaining() / ENTRY {
            return Err(format!("claims {count} features, more than it holds"));
        }
        let bytes = r.take(count * ENTRY)?;
        let entries: Vec<(u64, [i16; COUNT])> = bytes
            .chunks_exact(ENTRY)
            .map(|e| {
                let key = u64::from_le_bytes(e[..8].try_into().unwrap_or_default());
                let mut weights = [0i16; COUNT];
                for (w, b) in weights.iter_mut().zip(e[8..].chunks_exact(2)) {
                    *w = i16::from_le_bytes([b[0], b[1]]);
                }
                (key, weights)
            })
            .collect();
        Ok(Pass {
            weights: Weights::new(entries),
            into: super::decode::into(&transitions),
            transitions,
            scale,
        })
    }
}

impl Model {
    /// A model of two trained passes.
    pub fn new(first: Pass, second: Pass, fingerprint: u64) -> Model {
        let joint = Joint::new(&first.weights, Some(&second.weights));
        Model {
            first,
            second,
            joint,
            fingerprint,
        }
    }

    /// The model's file contents.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend(FORMAT.to_le_bytes());
        raw.extend(self.fingerprint.to_le_bytes());
        raw.extend((COUNT as u32).to_le_bytes());
        self.first.write(&mut raw);
        self.second.write(&mut raw);
        sealed::seal(MAGIC, &raw)
    }

    /// Read a model from a file's contents; `name` says where it came from in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model, ModelError> {
        let damaged = |why: String| ModelError::Damaged(name.to_string(), why);
        let expected = super::features::fingerprint();
        let content = sealed::open_model(MAGIC, FORMAT, expected, bytes, name)?;
        let mut r = Reader::new(&content);
        let labels = r.u32().map_err(damaged)?;
        if labels as usize != COUNT {
            return Err(damaged(format!("{labels} labels, not {COUNT}")));
        }
        let first = Pass::read(&mut r).map_err(damaged)?;
        let second = Pass::read(&mut r).map_err(damaged)?;
        if r.remaining() != 0 {
            return Err(damaged("trailing bytes".into()));
        }
        Ok(Model::new(first, second, expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut t = [[0f32; COUNT]; COUNT];
        t[0][1] = -0.5;
        let features = vec![
            (7u64, [0.25; COUNT]),
            (0u64, [1.0; COUNT]),
            (9, [0.0; COUNT]),
        ];
        Model::new(
            Pass::quantize(&features, &t),
            Pass::quantize(&features[..1], &t),
            super::super::features::fingerprint(),
        )
    }

    #[test]
    fn weights_round_trip_through_bytes() {
        let model = tiny();
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes, "test").expect("reads back");
        assert_eq!(
            back.first.weights.len(),
            2,
            "the all-zero feature is dropped"
        );
        assert_eq!(back.first.weights.get(7), model.first.weights.get(7));
        assert_eq!(back.first.weights.get(0), model.first.weights.get(0));
        assert!(back.first.weights.get(8).is_none());
        assert_eq!(back.to_bytes(), bytes, "same weights, same bytes");
    }

    #[test]
    fn damaged_or_foreign_models_are_refused() {
        let bytes = tiny().to_bytes();
        let err = Model::from_bytes(b"hello", "x").err().expect("refused");
        assert!(err.to_string().contains("not a newsidx model"), "{err}");
        let cut = &bytes[..bytes.len() - 5];
        assert!(Model::from_bytes(cut, "cut").is_err());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        assert!(Model::from_bytes(&flipped, "flipped").is_err());
    }

    #[test]
    fn models_of_other_features_are_refused() {
        let mut model = tiny();
        model.fingerprint ^= 1;
        let err = Model::from_bytes(&model.to_bytes(), "old")
            .err()
            .expect("refused");
        assert!(matches!(err, ModelError::Features { .. }), "{err}");
    }
}
