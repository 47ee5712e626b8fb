//! The manifest beside the index: schema and tool versions and which generation
//! directory holds the live index. Written atomically (temporary file, then rename), so
//! a reader sees the old or the new manifest, never half of one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};

/// File name of the manifest inside the index directory.
pub const MANIFEST_FILE: &str = "newsidx.json";

/// What the index directory holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// Version of newsidx that wrote the index last.
    pub tool_version: String,
    /// Sub-directory holding the live tantivy index ("gen-1").
    pub generation: String,
    /// Absolute paths of the folders and files indexed, for `reindex`.
    #[serde(default)]
    pub roots: Vec<String>,
}

impl Manifest {
    /// Read the manifest of index directory `dir`; `None` if there is none.
    pub fn read(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err).io(|| format!("cannot read {}", path.display())),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|err| Error::Corrupt {
                path: dir.to_path_buf(),
                reason: format!("{MANIFEST_FILE} is not valid: {err}"),
            })
    }

    /// Write the manifest into `dir`, replacing the old one atomically.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        let tmp = dir.join(format!(".{MANIFEST_FILE}.tmp"));
        let json = serde_json::to_string_pretty(self).expect("manifest serialises");
        std::fs::write(&tmp, json + "\n").io(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).io(|| format!("cannot replace {}", path.display()))
    }

    /// Directory of the live tantivy index.
    pub fn live_dir(&self, dir: &Path) -> PathBuf {
        dir.join(&self.generation)
    }
}
