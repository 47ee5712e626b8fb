//! The guard on removals: a run that would remove all the documents recorded under one
//! of its paths, or most of them, more likely met an unmounted drive or a moved folder
//! than a deliberate clean-up. Like rsync's `--max-delete`, such removals are withheld
//! unless the user allows them (`--prune`, `--max-removals N`).
//!
//! This module only decides; [`crate::ingest`] applies the decision (withholding the
//! removals of `index`, keeping the old generation on `reindex`), and the command line
//! explains it.

use std::path::PathBuf;

use rustc_hash::FxHashMap;

/// Below this many documents, losing more than half of a path's documents (but not all
/// of them) is an ordinary clean-up.
pub const SMALL_REMOVAL: u64 = 10;

/// How many of the documents recorded under one path a run may remove.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RemovalLimit {
    /// Neither all of them nor, when more than [`SMALL_REMOVAL`], more than half.
    #[default]
    Guarded,
    /// At most this many, whatever the proportion.
    AtMost(u64),
    /// Any number (`--prune`).
    Unlimited,
}

impl RemovalLimit {
    /// Whether removing `removing` of the `recorded` documents under one path may go
    /// ahead.
    pub fn allows(self, removing: u64, recorded: u64) -> bool {
        match self {
            RemovalLimit::Unlimited => true,
            RemovalLimit::AtMost(n) => removing <= n,
            RemovalLimit::Guarded => {
                let all = removing >= recorded;
                let most = removing > SMALL_REMOVAL && removing * 2 > recorded;
                removing == 0 || !(all || most)
            }
        }
    }
}

/// Removals withheld under one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The path as given (or, for `reindex`, as recorded).
    pub path: PathBuf,
    /// Its absolute form, as files are recorded.
    pub absolute: String,
    /// Documents the run would have removed under it.
    pub removing: u64,
    /// Documents the index records under it.
    pub recorded: u64,
}

/// Whether `file` is `root` or lies under it.
pub fn is_under(file: &str, root: &str) -> bool {
    file == root
        || file
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with(std::path::MAIN_SEPARATOR))
}

/// The paths (given and absolute) whose removals `limit` withholds: `recorded` holds the
/// number of documents of every file the index records, `keeps` says whether a file
/// keeps its documents after the run.
pub fn withheld(
    roots: &[(PathBuf, String)],
    recorded: &FxHashMap<String, u64>,
    keeps: impl Fn(&str) -> bool,
    limit: RemovalLimit,
) -> Vec<Withheld> {
    let mut out: Vec<Withheld> = Vec::new();
    for (path, absolute) in roots {
        if out.iter().any(|w| w.absolute == *absolute) {
            continue;
        }
        let (mut total, mut removing) = (0, 0);
        for (file, &documents) in recorded {
            if is_under(file, absolute) {
                total += documents;
                if !keeps(file) {
                    removing += documents;
                }
            }
        }
        if !limit.allows(removing, total) {
            out.push(Withheld {
                path: path.clone(),
                absolute: absolute.clone(),
                removing,
                recorded: total,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_withholds_all_and_most_but_not_small_clean_ups() {
        let g = RemovalLimit::Guarded;
        // (removing, recorded, allowed)
        let table = [
            (0, 0, true),
            (0, 40, true),
            (1, 1, false),
            (33, 33, false),
            (24, 40, false),
            (20, 40, true),
            (10, 12, true),
            (11, 12, false),
            (1, 6, true),
        ];
        for (removing, recorded, allowed) in table {
            assert_eq!(
                g.allows(removing, recorded),
                allowed,
                "{removing} of {recorded}"
            );
        }
        assert!(RemovalLimit::Unlimited.allows(33, 33));
        assert!(RemovalLimit::AtMost(33).allows(33, 33));
        assert!(!RemovalLimit::AtMost(32).allows(33, 33));
    }

    #[test]
    fn removals_are_counted_per_root_in_documents() {
        let recorded: FxHashMap<String, u64> = [
            ("/a/1.ndjson", 30),
            ("/a/2.txt", 1),
            ("/ab/3.txt", 1),
            ("/b/4.txt", 1),
        ]
        .into_iter()
        .map(|(f, n)| (f.to_string(), n))
        .collect();
        let roots = vec![
            (PathBuf::from("a"), "/a".to_string()),
            (PathBuf::from("b"), "/b".to_string()),
        ];
        // The big file of /a is gone: 30 of its 31 documents.
        let out = withheld(
            &roots,
            &recorded,
            |f| f != "/a/1.ndjson",
            RemovalLimit::Guarded,
        );
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].removing, out[0].recorded), (30, 31));
        assert_eq!(out[0].path, PathBuf::from("a"));
        // `/ab` is not under `/a`.
        assert!(!is_under("/ab/3.txt", "/a"));
        let none = withheld(&roots, &recorded, |_| true, RemovalLimit::Guarded);
        assert!(none.is_empty());
    }
}
