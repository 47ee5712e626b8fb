//! What depends on the commit alone, worked out when a search first needs it and kept
//! for the searches of the same commit.
//!
//! A CLI command searches one commit once, so its memo lives as long as the command. The
//! server answers many requests from one commit: it keeps one memo per commit of the live
//! generation (see [`crate::serve`]) and starts a new one when a commit or a new
//! generation changes what the searcher sees. Only facts about the index are kept here
//! (the entity table and what each name column's values stand for in it, the
//! numbering of the duplicate groups, the totals of the timeline), never the answer to a query, so
//! every request still runs its own search.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::distinct::GroupIds;
use super::facets::Facet;
use super::timeline::{Days, Interval};
use crate::entities::count::ColumnKeys;
use crate::entities::Table;
use crate::error::Result;

/// One commit's shared facts, each worked out on first use.
#[derive(Default)]
pub struct Memo {
    table: Slot<Table>,
    groups: Slot<GroupIds>,
    /// What the values of each [`Facet`]'s column stand for in the entity table.
    column_keys: [Slot<ColumnKeys>; 4],
    /// Dated articles of the whole index, with duplicate groups read (index 1) or not.
    dated: [Slot<Days>; 2],
    /// Their totals per period, the same way, per [`Interval`] (in declaration order).
    periods: [[Slot<HashMap<i32, u64>>; 4]; 2],
}

impl Memo {
    /// The entity table, from `load` the first time.
    pub(crate) fn table(&self, load: impl FnOnce() -> Result<Table>) -> Result<Arc<Table>> {
        self.table.get_or_try(load)
    }

    /// What the values of `facet`'s column stand for, from `read` the first time.
    pub(crate) fn column_keys(
        &self,
        facet: Facet,
        read: impl FnOnce() -> Result<ColumnKeys>,
    ) -> Result<Arc<ColumnKeys>> {
        self.column_keys[facet as usize].get_or_try(read)
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

    /// The totals per period `by` of every dated article (groups read or not), from
    /// `count` the first time.
    pub(crate) fn periods(
        &self,
        groups: bool,
        by: Interval,
        count: impl FnOnce() -> Result<HashMap<i32, u64>>,
    ) -> Result<Arc<HashMap<i32, u64>>> {
        self.periods[usize::from(groups)][by as usize].get_or_try(count)
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
