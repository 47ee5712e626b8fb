//! Word clusters: words that occur in like contexts share a path in a binary tree
//! (Brown clustering), learned by `scripts/train-clusters` from unlabelled news text.
//! A rare word the labelled data never showed ("Gazprom") gets the weights learned for
//! the words of its cluster ("Lukoil", "Rosneft"). Shipped in `data/clusters.txt`, one
//! `path<TAB>word` line each, with the path as a string of 0s and 1s.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const DATA: &str = include_str!("../data/clusters.txt");

/// The longest path kept, in bits (paths fit a u32 with their leading 1).
const MAX_DEPTH: usize = 30;

fn table() -> &'static FxHashMap<&'static str, u32> {
    static TABLE: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| parse(DATA))
}

/// Read `path<TAB>word` lines; lines that do not parse are skipped.
fn parse(data: &str) -> FxHashMap<&str, u32> {
    let mut map = FxHashMap::default();
    for line in data.lines() {
        let Some((bits, word)) = line.split_once('\t') else {
            continue;
        };
        if bits.is_empty() || !bits.bytes().all(|b| b == b'0' || b == b'1') {
            continue;
        }
        let mut path = 1u32;
        for b in bits.bytes().take(MAX_DEPTH) {
            path = (path << 1) | u32::from(b == b'1');
        }
        map.insert(word, path);
    }
    map
}

/// The cluster path of a lowercase word with a leading 1 bit, or 0 when the word has
/// no cluster.
pub fn path(lower: &str) -> u32 {
    table().get(lower).copied().unwrap_or(0)
}

/// How many words have a cluster.
pub fn len() -> usize {
    table().len()
}

/// A digest of the cluster data, part of the feature fingerprint.
pub fn digest() -> u64 {
    xxhash_rust::xxh3::xxh3_64(DATA.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_their_leading_bit() {
        let map = parse("0110\tgazprom\n1\tthe\nxx\tbad\n");
        assert_eq!(map["gazprom"], 0b10110);
        assert_eq!(map["the"], 0b11);
        assert!(!map.contains_key("bad"));
    }
}
