//! Numbered output files of bounded size (`bulk-0001.ndjson`, `bulk-0002.ndjson`, ...):
//! engines take their bulk loads in pieces, and a piece must hold whole documents.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::io_error;
use crate::error::Result;

/// Records written to files `PREFIX-NNNN.EXT` in a folder, a new file started before a
/// record that would take the current one to its size limit.
pub struct Numbered {
    dir: PathBuf,
    prefix: &'static str,
    extension: &'static str,
    /// Most bytes a file may hold; a single record larger than this gets a file of its
    /// own.
    limit: u64,
    current: Option<(PathBuf, BufWriter<File>)>,
    size: u64,
    written: Vec<PathBuf>,
}

impl Numbered {
    /// Files `dir/PREFIX-0001.EXTENSION`, ... of at most `limit` bytes.
    pub fn new(dir: &Path, prefix: &'static str, extension: &'static str, limit: u64) -> Numbered {
        Numbered {
            dir: dir.to_path_buf(),
            prefix,
            extension,
            limit,
            current: None,
            size: 0,
            written: Vec::new(),
        }
    }

    /// Append one record (whole lines, ending with a newline) to the current file, or
    /// to a new one when it would not fit.
    pub fn write(&mut self, record: &[u8]) -> Result<()> {
        let len = record.len() as u64;
        if self.current.is_some() && self.size + len > self.limit {
            self.close()?;
        }
        if self.current.is_none() {
            let name = format!(
                "{}-{:04}.{}",
                self.prefix,
                self.written.len() + 1,
                self.extension
            );
            let path = self.dir.join(name);
            let file = File::create(&path).map_err(|e| io_error(&path, e))?;
            self.current = Some((path, BufWriter::with_capacity(1 << 20, file)));
            self.size = 0;
        }
        let (path, out) = self.current.as_mut().expect("a file is open");
        out.write_all(record).map_err(|e| io_error(path, e))?;
        self.size += len;
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if let Some((path, out)) = self.current.take() {
            out.into_inner()
                .map_err(|e| io_error(&path, e.into_error()))?
                .sync_all()
                .map_err(|e| io_error(&path, e))?;
            self.written.push(path);
        }
        Ok(())
    }

    /// Close the last file; the files written, in order.
    pub fn finish(mut self) -> Result<Vec<PathBuf>> {
        self.close()?;
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_numbered_and_stay_under_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Numbered::new(dir.path(), "docs", "ndjson", 10);
        for record in ["aaaa\n", "bbbb\n", "cccc\n", "a record too long\n", "d\n"] {
            files.write(record.as_bytes()).unwrap();
        }
        let written = files.finish().unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "docs-0001.ndjson",
                "docs-0002.ndjson",
                "docs-0003.ndjson",
                "docs-0004.ndjson"
            ]
        );
        let contents: Vec<String> = written
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(
            contents,
            ["aaaa\nbbbb\n", "cccc\n", "a record too long\n", "d\n"]
        );
    }

    #[test]
    fn nothing_written_makes_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = Numbered::new(dir.path(), "docs", "ndjson", 10);
        assert!(files.finish().unwrap().is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
