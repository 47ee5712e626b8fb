//! Finding article files under the paths the user gives.
//!
//! Walks folders with walkdir (following symbolic links, with loop detection), keeps the
//! files whose name ends in an extension a reader understands (see [`crate::readers`])
//! and reports everything else that goes wrong as a [`Problem`] instead of stopping.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Extensions of the files newsidx reads, matched case-insensitively against the end
/// of the file name (so `warc.gz` matches `crawl.warc.gz`).
pub const ARTICLE_EXTENSIONS: &[&str] = crate::readers::EXTENSIONS;

/// A path that could not be walked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

/// The outcome of walking the given paths.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Article files, in a stable order (sorted by path within each root).
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked.
    pub problems: Vec<Problem>,
}

/// Whether `path` names a file that newsidx reads, judged by its extension.
pub fn is_article_file(path: &Path) -> bool {
    crate::readers::Format::for_path(path).is_some()
}

/// Walk `roots` and collect the article files below them. A root that is itself a file
/// is taken whatever its extension: the user named it.
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for root in roots {
        if root.is_file() {
            found.files.push(root.clone());
            continue;
        }
        if !root.exists() {
            found.problems.push(Problem {
                path: root.clone(),
                reason: "no such file or folder".into(),
            });
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_article_file(entry.path()) => {
                    found.files.push(entry.into_path());
                }
                Ok(_) => {}
                Err(err) => found.problems.push(Problem {
                    path: err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone()),
                    reason: walk_reason(&err),
                }),
            }
        }
    }
    found
}

fn walk_reason(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!("symbolic link loop back to {}", ancestor.display());
    }
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_extensions_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in [
            "a.txt",
            "b.TXT",
            "c.jpg",
            "sub/d.txt",
            "e.warc.gz",
            "f.tar.gz",
            "g.sgm",
            "h.html",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.txt",
                "b.TXT",
                "e.warc.gz",
                "g.sgm",
                "h.html",
                "sub/d.txt"
            ]
        );
        assert!(found.problems.is_empty());
    }

    #[test]
    fn missing_root_is_a_problem_not_an_error() {
        let found = discover(&[PathBuf::from("/definitely/not/here")]);
        assert!(found.files.is_empty());
        assert_eq!(found.problems[0].reason, "no such file or folder");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = discover(&[dir.path().to_path_buf()]);
        assert_eq!(found.files.len(), 1);
        assert!(found.problems[0].reason.contains("loop"));
    }
}
