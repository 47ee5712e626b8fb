//! The container of trained weights (the name model, the attribution model): an 8-byte
//! magic naming the kind of model, then zstd-compressed contents that end in an xxh3
//! checksum of themselves. What a model holds is its own module's business; this one
//! only seals and opens, and says why a file cannot be opened.

use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

/// Why a model cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("cannot read model {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("model {0} is not a newsidx model of this kind (or is damaged): {1}")]
    Damaged(String, String),
    #[error("model {name} has format version {found}; this newsidx reads version {expected}")]
    Format {
        name: String,
        found: u32,
        expected: u32,
    },
    #[error(
        "model {name} was trained with other features (fingerprint {found:016x}, this \
         newsidx computes {expected:016x}): retrain it"
    )]
    Features {
        name: String,
        found: u64,
        expected: u64,
    },
}

/// Seal `contents` under `magic`.
pub fn seal(magic: &[u8; 8], contents: &[u8]) -> Vec<u8> {
    let mut raw = contents.to_vec();
    raw.extend(xxh3_64(contents).to_le_bytes());
    let mut out = magic.to_vec();
    // Level 19: the same contents always compress to the same bytes.
    out.extend(zstd::bulk::compress(&raw, 19).unwrap_or_default());
    out
}

/// Open what [`seal`] made under `magic`; `name` says where it came from in errors.
pub fn open(magic: &[u8; 8], bytes: &[u8], name: &str) -> Result<Vec<u8>, ModelError> {
    let damaged = |why: &str| ModelError::Damaged(name.to_string(), why.to_string());
    let body = bytes
        .strip_prefix(magic.as_slice())
        .ok_or_else(|| damaged("wrong header"))?;
    let mut raw = zstd::stream::decode_all(body).map_err(|e| damaged(&e.to_string()))?;
    if raw.len() < 8 {
        return Err(damaged("ends early"));
    }
    let sum = raw.split_off(raw.len() - 8);
    if xxh3_64(&raw).to_le_bytes() != sum.as_slice() {
        return Err(damaged("checksum does not match"));
    }
    Ok(raw)
}

/// Open a model file's contents and check the header every model starts with: its format
/// version and the fingerprint of the features it was trained with (`format` and
/// `fingerprint` are what this build reads). Returns the contents after the header.
pub fn open_model(
    magic: &[u8; 8],
    format: u32,
    fingerprint: u64,
    bytes: &[u8],
    name: &str,
) -> Result<Vec<u8>, ModelError> {
    let mut content = open(magic, bytes, name)?;
    let mut r = Reader::new(&content);
    let found = r
        .u32()
        .map_err(|why| ModelError::Damaged(name.to_string(), why))?;
    if found != format {
        return Err(ModelError::Format {
            name: name.to_string(),
            found,
            expected: format,
        });
    }
    let found = r
        .u64()
        .map_err(|why| ModelError::Damaged(name.to_string(), why))?;
    if found != fingerprint {
        return Err(ModelError::Features {
            name: name.to_string(),
            found,
            expected: fingerprint,
        });
    }
    Ok(content.split_off(12))
}

/// The model of one kind in use: a file given before the first article, else the
/// embedded one. A model that cannot be used is an error, never a silent fallback.
pub struct InUse<M: 'static> {
    cell: std::sync::OnceLock<M>,
    /// What the model is, for messages ("name model").
    what: &'static str,
    embedded: &'static [u8],
    read: fn(&[u8], &str) -> Result<M, ModelError>,
    warned: std::sync::Once,
}

impl<M> InUse<M> {
    pub const fn new(
        what: &'static str,
        embedded: &'static [u8],
        read: fn(&[u8], &str) -> Result<M, ModelError>,
    ) -> InUse<M> {
        InUse {
            cell: std::sync::OnceLock::new(),
            what,
            embedded,
            read,
            warned: std::sync::Once::new(),
        }
    }

    /// Use the model in `path` instead of the embedded one.
    pub fn use_file(&self, path: &std::path::Path) -> Result<(), ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let model = (self.read)(&bytes, &path.display().to_string())?;
        self.cell.set(model).map_err(|_| {
            ModelError::Damaged(
                path.display().to_string(),
                format!("another {} is already in use", self.what),
            )
        })
    }

    /// The model in use, loading the embedded one on first use: called at start-up, so
    /// that a defect shows as an error then.
    pub fn check(&self) -> Result<&M, ModelError> {
        if let Some(m) = self.cell.get() {
            return Ok(m);
        }
        let model = (self.read)(self.embedded, &format!("(embedded {})", self.what))?;
        Ok(self.cell.get_or_init(|| model))
    }

    /// The model in use. The embedded one is checked by the tests and at start-up;
    /// should it still fail here, the reason is printed once and `None` returned, so
    /// that extraction goes on without it rather than the whole run stopping.
    pub fn get(&self) -> Option<&M> {
        match self.check() {
            Ok(m) => Some(m),
            Err(err) => {
                self.warned.call_once(|| eprintln!("newsidx: {err}"));
                None
            }
        }
    }
}

/// Reads little-endian values off opened contents.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| "ends early".to_string())?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn i16(&mut self) -> Result<i16, String> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }

    /// What is left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_contents_open_and_damage_is_caught() {
        let sealed = seal(b"TESTMDL1", b"some weights");
        assert_eq!(open(b"TESTMDL1", &sealed, "t").unwrap(), b"some weights");
        assert!(open(b"OTHERMD1", &sealed, "t").is_err());
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 0x10;
        assert!(open(b"TESTMDL1", &bad, "t").is_err());
        assert!(open(b"TESTMDL1", &sealed[..sealed.len() - 3], "t").is_err());
    }
}
