//! Duplicate detection: wire copies and reprints share a group.
//!
//! Each body gets an exact fingerprint (hash of its normalised words) and a MinHash
//! signature over word shingles. Locality-sensitive hashing splits the signature into
//! bands; two articles become candidates when a band agrees, and join the same group when
//! their estimated Jaccard similarity reaches the threshold. The bands of committed
//! articles are kept in sorted runs beside the index (see [`crate::index::bands`]), so
//! grouping a new article costs a few lookups, never a comparison with every article.

use serde::{Deserialize, Serialize};

/// Words per shingle.
const SHINGLE: usize = 4;
/// MinHash values per signature.
pub const HASHES: usize = 64;
/// Bands of [`ROWS`] values each; `BANDS * ROWS == HASHES`.
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;

/// Bodies shorter than this many words are never grouped: brief items (earnings lines,
/// one-sentence notices) share templates without being copies of one story.
pub const MIN_WORDS: usize = 40;

/// Default similarity (estimated Jaccard of shingles) for two bodies to be copies.
pub const DEFAULT_THRESHOLD: f32 = 0.8;

/// What grouping needs to know about one body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Hash of the normalised words: equal for exact copies.
    pub exact: u64,
    /// Number of words of the body.
    pub words: usize,
    /// Minimum hash of the shingles in each of [`HASHES`] bins (16 bits).
    pub minhash: Vec<u16>,
}

fn mix(mut h: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-mixed permutation of 64-bit values.
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

const FNV_START: u64 = 0xCBF2_9CE4_8422_2325;

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01B3)
}

/// FNV-1a of the word's lowercase UTF-8 bytes, without building the lowercase string.
#[cfg(test)]
fn word_hash(word: &str) -> u64 {
    let mut out = Vec::new();
    word_hashes(word, &mut out);
    out.first().copied().unwrap_or(FNV_START)
}

/// The [`word_hash`] of every run of letters and digits of `text`, in one pass: ASCII
/// bytes are lowercased and hashed as they are read, other characters decoded.
fn word_hashes(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let (mut at, mut h, mut in_word) = (0, FNV_START, false);
    let mut buf = [0u8; 4];
    while at < bytes.len() {
        let b = bytes[at];
        let word = if b.is_ascii() {
            at += 1;
            let word = b.is_ascii_alphanumeric();
            if word {
                h = fnv(h, b.to_ascii_lowercase());
            }
            word
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            at += c.len_utf8();
            let word = c.is_alphanumeric();
            if word {
                for lower in c.to_lowercase() {
                    h = lower.encode_utf8(&mut buf).bytes().fold(h, fnv);
                }
            }
            word
        };
        if !word && in_word {
            out.push(h);
            h = FNV_START;
        }
        in_word = word;
    }
    if in_word {
        out.push(h);
    }
}

impl Signature {
    /// The signature of an article body. Words are compared lowercased, letters and
    /// digits only, so layout, punctuation and case differences do not matter.
    pub fn of(body: &str) -> Signature {
        let mut words = Vec::with_capacity(body.len() / 5);
        word_hashes(body, &mut words);
        let exact = words.iter().fold(0x84222325u64, |h, w| mix(h ^ w));
        // One-permutation MinHash: each shingle's hash picks a bin by its top bits and
        // competes for that bin's minimum with its next 16 bits, one step per shingle
        // instead of one per hash function. A shingle's hash mixes its words' hashes,
        // each rotated by its place, once.
        let mut minhash = vec![u16::MAX; HASHES];
        let mut shingle = |h: u64| {
            let bin = (h >> (64 - HASHES.trailing_zeros())) as usize;
            let v = (h >> 32) as u16;
            if v < minhash[bin] {
                minhash[bin] = v;
            }
        };
        if words.len() < SHINGLE {
            if !words.is_empty() {
                shingle(words.iter().fold(7, |h, w| mix(h ^ w)));
            }
        } else {
            for w in words.windows(SHINGLE) {
                shingle(mix(w[0]
                    ^ w[1].rotate_left(16)
                    ^ w[2].rotate_left(32)
                    ^ w[3].rotate_left(48)));
            }
        }
        Signature {
            exact,
            words: words.len(),
            minhash,
        }
    }

    /// Whether the body is long enough to be grouped with others.
    pub fn groupable(&self) -> bool {
        self.words >= MIN_WORDS
    }

    /// The band keys: one per band, mixing in the band's number. Keys have 32 bits: a
    /// chance collision (one in four billion) costs one signature comparison.
    pub fn bands(&self) -> [u32; BANDS] {
        let mut out = [0u32; BANDS];
        for (b, slot) in out.iter_mut().enumerate() {
            let mut h = mix(b as u64 + 1);
            for v in &self.minhash[b * ROWS..(b + 1) * ROWS] {
                h = mix(h ^ *v as u64);
            }
            *slot = (h >> 32) as u32;
        }
        out
    }

    /// Estimated Jaccard similarity of the two bodies' shingles.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.exact == other.exact {
            return 1.0;
        }
        // Bins empty in both (short bodies) say nothing either way.
        let (mut same, mut used) = (0usize, 0usize);
        for (a, b) in self.minhash.iter().zip(&other.minhash) {
            if *a == u16::MAX && *b == u16::MAX {
                continue;
            }
            used += 1;
            same += usize::from(a == b);
        }
        same as f32 / used.max(1) as f32
    }

    /// The signature as bytes, for storing in the index.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 2 * HASHES);
        out.extend_from_slice(&self.exact.to_le_bytes());
        for v in &self.minhash {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Read a stored signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != 8 + 2 * HASHES {
            return None;
        }
        let exact = u64::from_le_bytes(bytes[..8].try_into().ok()?);
        let minhash = bytes[8..]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        // Stored signatures are only those of groupable bodies.
        Some(Signature {
            exact,
            words: MIN_WORDS,
            minhash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "The central bank raised its main interest rate by half a percentage point on \
        Thursday, its third increase this year, as inflation climbed to the highest level in a \
        decade. The governor said further rises could not be ruled out if prices kept rising. \
        Economists had expected a smaller move. Shares in the country's largest lenders rose after \
        the decision, while the currency strengthened against the dollar and the euro. Exporters \
        warned that a stronger currency would hurt sales abroad in the coming months.";

    #[test]
    fn exact_copies_match_whatever_the_layout() {
        let a = Signature::of(STORY);
        let b = Signature::of(&STORY.replace(". ", ".\n\n").to_uppercase());
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn edited_reprints_are_similar_and_other_stories_are_not() {
        let a = Signature::of(STORY);
        let trimmed = STORY.rsplit_once(" Exporters").unwrap().0;
        let typo = STORY.replace("decade", "decde");
        for copy in [trimmed, &typo] {
            let s = a.similarity(&Signature::of(copy));
            assert!(s >= 0.7, "{s}");
        }
        let other = Signature::of(
            "The football club sacked its manager on Sunday after a run of six defeats left the \
             team two points above the relegation zone, the chairman said in a statement.",
        );
        assert!(a.similarity(&other) < 0.2);
    }

    #[test]
    fn word_hash_is_the_hash_of_the_lowercased_word() {
        let reference = |w: &str| {
            w.to_lowercase()
                .bytes()
                .fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
                    (h ^ b as u64).wrapping_mul(0x0100_0000_01B3)
                })
        };
        for w in ["News", "ZOË", "École", "İstanbul", "straße", "42", ""] {
            assert_eq!(word_hash(w), reference(w), "{w}");
        }
        assert_ne!(word_hash("news"), word_hash("new"));
        let text = "Zoë's café—\"İstanbul\" 42nd; straße,ÉCOLE  end";
        let mut all = Vec::new();
        word_hashes(text, &mut all);
        let split: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(reference)
            .collect();
        assert_eq!(all, split);
    }

    #[test]
    fn signatures_round_trip_and_bands_differ() {
        let a = Signature::of(STORY);
        let back = Signature::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!((back.exact, &back.minhash), (a.exact, &a.minhash));
        assert!(a.groupable() && back.groupable());
        assert!(!Signature::of("Shr 22 cts vs 19 cts. Net 1.2 mln vs 900,000.").groupable());
        let bands = a.bands();
        assert_eq!(bands.len(), BANDS);
        assert!(bands.windows(2).all(|w| w[0] != w[1]));
        assert!(Signature::from_bytes(b"short").is_none());
    }
}
