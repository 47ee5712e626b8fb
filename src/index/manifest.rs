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

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(generation: &str) -> Manifest {
        Manifest {
            schema_version: 7,
            tool_version: "1.2.3".into(),
            generation: generation.into(),
            roots: vec!["/news/2014".into(), "/news/2015".into()],
        }
    }

    #[test]
    fn no_manifest_is_no_index() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), None);
    }

    #[test]
    fn written_then_read_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        manifest("gen-1").write(dir.path()).unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), Some(manifest("gen-1")));
        manifest("gen-2").write(dir.path()).unwrap();
        let read = Manifest::read(dir.path()).unwrap().unwrap();
        assert_eq!(read, manifest("gen-2"));
        assert_eq!(read.live_dir(dir.path()), dir.path().join("gen-2"));
        // Only the manifest is left: the temporary file was renamed over it.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [MANIFEST_FILE]);
    }

    #[test]
    fn a_manifest_without_roots_reads_with_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST_FILE),
            r#"{"schema_version": 3, "tool_version": "0.1.0", "generation": "gen-4"}"#,
        )
        .unwrap();
        let read = Manifest::read(dir.path()).unwrap().unwrap();
        assert_eq!((read.schema_version, read.roots.len()), (3, 0));
    }

    #[test]
    fn a_damaged_manifest_is_reported_as_a_corrupt_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), "{\"schema_version\": ").unwrap();
        match Manifest::read(dir.path()) {
            Err(Error::Corrupt { path, reason }) => {
                assert_eq!(path, dir.path());
                assert!(reason.starts_with("newsidx.json is not valid"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
