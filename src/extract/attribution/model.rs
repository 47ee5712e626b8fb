//! The attribution model: one weight per feature, scoring each candidate source of an
//! anchor (the best-scoring candidate is the source), and the words learned to report
//! speech. Sealed like the name model (magic
//! `NXATTRB1`) with a format version and the [`fingerprint`](super::features::fingerprint)
//! of the features it was trained with.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::extract::sealed::{self, InUse, ModelError, Reader};

const MAGIC: &[u8; 8] = b"NXATTRB1";
const FORMAT: u32 = 1;

/// Feature weights, and the words learned to report speech.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Model {
    pub weights: FxHashMap<u64, f32>,
    pub cues: super::Cues,
    pub fingerprint: u64,
}

impl Model {
    /// The score of a candidate with `features`.
    pub fn score(&self, features: &[u64]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// The model's file contents.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend(FORMAT.to_le_bytes());
        raw.extend(self.fingerprint.to_le_bytes());
        let mut entries: Vec<(&u64, &f32)> =
            self.weights.iter().filter(|(_, &w)| w != 0.0).collect();
        entries.sort_unstable_by_key(|(k, _)| **k);
        raw.extend((entries.len() as u32).to_le_bytes());
        for (k, w) in entries {
            raw.extend(k.to_le_bytes());
            raw.extend(w.to_le_bytes());
        }
        let mut cues: Vec<&String> = self.cues.iter().collect();
        cues.sort();
        let cues = cues
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        raw.extend((cues.len() as u32).to_le_bytes());
        raw.extend(cues.as_bytes());
        sealed::seal(MAGIC, &raw)
    }

    /// Read a model from a file's contents; `name` says where it came from in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model, ModelError> {
        let damaged = |why: String| ModelError::Damaged(name.to_string(), why);
        let fingerprint = super::features::fingerprint();
        let content = sealed::open_model(MAGIC, FORMAT, fingerprint, bytes, name)?;
        let mut r = Reader::new(&content);
        let count = r.u32().map_err(damaged)? as usize;
        if count > r.remaining() / 12 {
            return Err(damaged(format!(
                "claims {count} features, more than it holds"
            )));
        }
        let mut weights = FxHashMap::default();
        for _ in 0..count {
            let k = r.u64().map_err(damaged)?;
            let w = r.f32().map_err(damaged)?;
            weights.insert(k, w);
        }
        let len = r.u32().map_err(damaged)? as usize;
        let cues = std::str::from_utf8(r.take(len).map_err(damaged)?)
            .map_err(|e| damaged(e.to_string()))?
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        if r.remaining() != 0 {
            return Err(damaged("trailing bytes".into()));
        }
        Ok(Model {
            weights,
            cues,
            fingerprint,
        })
    }
}

/// The model in use: a file given by [`use_model_file`], else the embedded one (written
/// by `scripts/train-attribution`).
static MODEL: InUse<Model> = InUse::new(
    "attribution model",
    include_bytes!("../data/attribution.model"),
    Model::from_bytes,
);

/// Use the model in `path` instead of the embedded one; before the first article.
pub fn use_model_file(path: &Path) -> Result<(), ModelError> {
    MODEL.use_file(path)
}

/// Load the model now, so that a defect shows as an error at start-up.
pub fn check_model() -> Result<&'static Model, ModelError> {
    MODEL.check()
}

/// The model in use; `None` (with the reason printed once) if it cannot be loaded.
pub fn model() -> Option<&'static Model> {
    MODEL.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip_and_foreign_files_are_refused() {
        let mut model = Model {
            weights: FxHashMap::default(),
            cues: ["slammed".to_string()].into_iter().collect(),
            fingerprint: super::super::features::fingerprint(),
        };
        model.weights.insert(3, 1.5);
        model.weights.insert(9, -0.25);
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes, "t").unwrap(), model);
        assert_eq!(model.score(&[3, 9, 11]), 1.25);
        model.fingerprint ^= 1;
        assert!(matches!(
            Model::from_bytes(&model.to_bytes(), "t"),
            Err(ModelError::Features { .. })
        ));
    }

    #[test]
    fn embedded_model_loads() {
        let model = check_model().expect("the embedded attribution model loads");
        assert!(model.weights.len() > 100);
    }
}
