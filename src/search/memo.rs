//! What depends on the commit alone, worked out when a search first needs it and kept
//! for the searches of the same commit.
//!
//! A CLI command searches one commit once, so its memo lives as long as the command. The
//! server answers many requests from one commit: it keeps one memo per commit of the live
//! generation (see [`crate::serve`]) and starts a new one when a commit or a new
//! generation changes what the searcher sees. Only facts about the index are kept here
//! (the entity table, the numbering of the duplicate groups, the totals of the
//! timeline), never the answer to a query, so
//! every request still runs its own search.

use std::sync::{Arc, Mutex};

use super::distinct::GroupIds;
use super::timeline::Days;
use crate::entities::Table;
use crate::error::Result;

/// One commit's shared facts, each worked out on first use.
#[derive(Default)]
pub struct Memo {
    table: Slot<Table>,
    groups: Slot<GroupIds>,
    /// Dated articles of the whole index, with duplicate groups read (index 1) or not.
    dated: [Slot<Days>; 2],
}

impl Memo {
    /// The entity table, from `load` the first time.
    pub(crate) fn table(&self, load: impl FnOnce() -> Result<Table>) -> Result<Arc<Table>> {
        self.table.get_or_try(load)
    }

    /// The duplicate groups numbered across segments, from `number` the first time.
    pub(crate) fn groups(
        &self,
        number: impl FnOnce() -> Result<GroupIds>,
    ) -> Result<Arc<GroupIds>> {
        self.groups.get_or_try(number)
    }

    /// The days of every dated article (groups read or not), from `count` the first
    /// time.
    pub(crate) fn dated(
        &self,
        groups: bool,
        count: impl FnOnce() -> Result<Days>,
    ) -> Result<Arc<Days>> {
        self.dated[usize::from(groups)].get_or_try(count)
    }
}

/// A value worked out once. Searches that need it meanwhile wait for the first one to
/// finish rather than doing the same work beside it; a failure is not kept.
struct Slot<T>(Mutex<Option<Arc<T>>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

impl<T> Slot<T> {
    fn get_or_try(&self, make: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(value) = &*slot {
            return Ok(Arc::clone(value));
        }
        let value = Arc::new(make()?);
        *slot = Some(Arc::clone(&value));
        Ok(value)
    }
}
