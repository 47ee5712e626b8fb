//! The writer's side of a run: each [`Outcome`] the workers send is written and
//! counted, what the commit must record about its file is kept (files committed in
//! part, files that keep an old state), and progress is committed every so many
//! articles or seconds, so that an interrupted run loses little.

use std::time::Instant;

use rustc_hash::FxHashMap;

use super::parts::{shrunk, write_part, How, Part};
use super::workers::Outcome;
use super::{Events, Options, Report};
use crate::error::Result;
use crate::index::groups::Grouper;
use crate::index::state::{Progress, Recorded, Saved};
use crate::index::{NewsIndex, Writer};

/// One run's writing into the index.
pub(super) struct Writing<'a> {
    index: &'a NewsIndex,
    options: &'a Options,
    /// What the index recorded of each file before the run.
    known: &'a FxHashMap<String, Recorded>,
    writer: Writer,
    /// Files committed in part (and others), as the last commit left them and as this
    /// run goes.
    saved: Saved,
    /// Made at the first changed file: an unchanged re-run never reads the band keys.
    grouper: Option<Grouper>,
    /// Articles written so far of each big file read again whole, in parts.
    rewritten: FxHashMap<String, u64>,
    /// Articles written since the last commit.
    pending: usize,
    last_commit: Instant,
}

impl<'a> Writing<'a> {
    pub(super) fn new(
        index: &'a NewsIndex,
        options: &'a Options,
        known: &'a FxHashMap<String, Recorded>,
        writer: Writer,
        saved: Saved,
    ) -> Writing<'a> {
        Writing {
            index,
            options,
            known,
            writer,
            saved,
            grouper: None,
            rewritten: FxHashMap::default(),
            pending: 0,
            last_commit: Instant::now(),
        }
    }

    /// Remove the documents of a file that went.
    pub(super) fn remove(&mut self, file: &str) {
        self.writer.remove_file(file);
        self.saved.partial.remove(file);
        self.saved.states.remove(file);
    }

    /// Write, count and record one outcome, then commit if one is due. An error is the
    /// index's, and ends the run.
    pub(super) fn take(
        &mut self,
        outcome: Outcome,
        report: &mut Report,
        events: &dyn Events,
    ) -> Result<()> {
        match outcome {
            Outcome::Part(part) => self.write(part, report)?,
            Outcome::Unchanged => report.unchanged += 1,
            Outcome::Skipped(problem) => {
                events.problem(&problem);
                report.skipped += 1;
            }
        }
        if self.pending >= self.options.commit_every
            || (self.pending > 0 && self.last_commit.elapsed() >= self.options.commit_interval)
        {
            self.commit()?;
            self.pending = 0;
            self.last_commit = Instant::now();
        }
        Ok(())
    }

    fn write(&mut self, part: Part, report: &mut Report) -> Result<()> {
        if let (None, Some(t)) = (&self.grouper, self.options.duplicate_threshold) {
            self.grouper = Some(Grouper::new(self.index, t)?);
        }
        let keep_stale = match shrunk(&mut self.rewritten, &part, self.known) {
            Some(w) if !self.options.removals.allows(w.removing, w.recorded) => {
                report.withheld.push(w);
                true
            }
            _ => false,
        };
        write_part(&mut self.writer, &part, keep_stale, self.grouper.as_mut())?;
        report.articles += part.articles.len();
        self.pending += part.articles.len().max(1);
        if part.last {
            self.settle(part, keep_stale, report);
        } else {
            self.saved.partial.insert(
                part.file,
                Progress {
                    state: part.state,
                    mark: part.mark,
                    replaces: part.how.replaces(),
                },
            );
        }
        Ok(())
    }

    /// Record a file read to its end.
    fn settle(&mut self, part: Part, keep_stale: bool, report: &mut Report) {
        self.saved.partial.remove(&part.file);
        // No document carries the state of a file that only grew by articleless bytes:
        // the commit does. One whose removals were withheld keeps its old state: it is
        // read again next time.
        let old = self.known.get(&part.file).map(|r| r.state);
        match old {
            Some(old) if keep_stale => {
                self.saved.states.insert(part.file.clone(), old);
            }
            _ if part.how == How::Appended && part.first && part.articles.is_empty() => {
                self.saved.states.insert(part.file.clone(), part.state);
            }
            _ => {
                self.saved.states.remove(&part.file);
            }
        }
        report.bytes += part.bytes;
        match part.how {
            How::Whole { new: true } => report.added += 1,
            How::Whole { new: false } => report.updated += 1,
            How::Resumed { .. } | How::Appended => {
                report.updated += 1;
                report.continued += 1;
            }
        }
    }

    /// Commit what was written: first the band run of its articles, so that every
    /// committed article can be found by later ones, then the index; then read the
    /// commit.
    fn commit(&mut self) -> Result<()> {
        self.writer.set_saved(&self.saved);
        match self.grouper.as_mut() {
            Some(g) => {
                g.persist()?;
                self.writer.commit()?;
                g.committed(self.index)
            }
            None => self.writer.commit(),
        }
    }

    /// Commit the rest of a run that changed anything; one that changed nothing leaves
    /// the index exactly as it was.
    pub(super) fn finish(mut self, changed: bool) -> Result<()> {
        if changed {
            if let Some(g) = self.grouper.as_mut() {
                g.persist()?;
            }
            self.writer.set_saved(&self.saved);
            self.writer.finish()?;
        }
        Ok(())
    }
}
