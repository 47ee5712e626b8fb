//! What a run reads and what it removes: the files found under its paths, each named
//! once by its absolute path, and the indexed files gone from under them, less the
//! removals withheld as too many (see [`crate::index::guard`]).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Events, Report};
use crate::discover::discover;
use crate::index::guard::{self, RemovalLimit};
use crate::index::state::Recorded;

/// The files of one run.
pub(super) struct Plan {
    /// Files to look at: as found, and as the index records them (absolute).
    pub(super) files: Vec<(PathBuf, String)>,
    /// Indexed files no longer under the run's paths, whose documents go.
    pub(super) vanished: Vec<String>,
}

/// Absolute form of a path, for stable document ids whatever the working directory.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Each path with its absolute form, as files are recorded.
pub(super) fn absolute_roots(roots: &[PathBuf]) -> Vec<(PathBuf, String)> {
    roots
        .iter()
        .map(|r| (r.clone(), absolute(r).to_string_lossy().into_owned()))
        .collect()
}

fn is_under(file: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| guard::is_under(file, root))
}

fn documents(known: &FxHashMap<String, Recorded>) -> FxHashMap<String, u64> {
    known
        .iter()
        .map(|(file, r)| (file.clone(), r.documents))
        .collect()
}

/// Find the files under `roots` and those of `known` (what the index records) that
/// went. Problems met on the way are reported and counted as skipped; withheld
/// removals are written to `report`.
pub(super) fn plan(
    roots: &[PathBuf],
    known: &FxHashMap<String, Recorded>,
    removals: RemovalLimit,
    events: &dyn Events,
    report: &mut Report,
) -> Plan {
    let found = discover(roots);
    for p in &found.problems {
        events.problem(p);
        report.skipped += 1;
    }
    // Files are named by their absolute path: the root's, resolved once, and the rest
    // as walked (resolving every file would cost a system call per folder level).
    let resolved: Vec<(&PathBuf, PathBuf)> = roots.iter().map(|r| (r, absolute(r))).collect();
    let absolute_file = |p: &Path| {
        let file = resolved
            .iter()
            .find_map(|(root, abs)| {
                let rest = p.strip_prefix(root).ok()?;
                Some(if rest.as_os_str().is_empty() {
                    abs.clone()
                } else {
                    abs.join(rest)
                })
            })
            .unwrap_or_else(|| absolute(p));
        file.to_string_lossy().into_owned()
    };
    // Overlapping roots can name one file twice: read it once.
    let mut seen = FxHashSet::default();
    let files: Vec<(PathBuf, String)> = found
        .files
        .into_iter()
        .map(|p| {
            let file = absolute_file(&p);
            (p, file)
        })
        .filter(|(_, file)| seen.insert(file.clone()))
        .collect();
    drop(seen);
    let total_bytes: u64 = files
        .par_iter()
        .map(|(path, _)| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum();
    events.files_found(files.len(), total_bytes);
    let present: FxHashSet<&str> = files.iter().map(|(_, f)| f.as_str()).collect();
    // Roots that exist; a missing root was reported above and removes nothing.
    let existing: Vec<PathBuf> = roots.iter().filter(|r| r.exists()).cloned().collect();
    let live_roots = absolute_roots(&existing);
    report.withheld = guard::withheld(
        &live_roots,
        &documents(known),
        |file| present.contains(file),
        removals,
    );
    let removable: Vec<String> = live_roots
        .into_iter()
        .map(|(_, root)| root)
        .filter(|root| !report.withheld.iter().any(|w| w.absolute == *root))
        .collect();
    let withheld = |file: &str| {
        report
            .withheld
            .iter()
            .any(|w| guard::is_under(file, &w.absolute))
    };
    let vanished = known
        .keys()
        .filter(|file| {
            is_under(file, &removable) && !withheld(file) && !present.contains(file.as_str())
        })
        .cloned()
        .collect();
    drop(present);
    Plan { files, vanished }
}
