//! Sphinx (and Manticore) export: not written yet.

use std::path::{Path, PathBuf};

use super::Writer;
use crate::error::Result;
use crate::search::Stored;

/// Sphinx shards and node configurations in a folder.
pub struct Sphinx {}

/// Where the nodes listen.
#[derive(Debug, Clone, Copy)]
pub struct Ports {
    /// Node K listens for its API (agents) on `base + 2K` and for SphinxQL on
    /// `base + 2K + 1`.
    pub base: u16,
}

impl Sphinx {
    /// Write `shards` shards into `dir` for a distributed index called `name`.
    pub fn new(_dir: &Path, _name: &str, _shards: usize, _ports: Ports) -> Result<Sphinx> {
        todo!()
    }
}

impl Writer for Sphinx {
    fn write(&mut self, _stored: &Stored) -> Result<()> {
        todo!()
    }

    fn finish(self: Box<Self>) -> Result<Vec<PathBuf>> {
        todo!()
    }
}
