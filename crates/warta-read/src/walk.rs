//! Paths to inputs, in a deterministic order: the paths as given, and inside
//! a directory its entries recursively, sorted by path. Directories are
//! walked lazily (one listing at a time), so a huge tree starts streaming at
//! once. Problems become errors in the stream; the walk goes on.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::source::Format;
use crate::{io_reason, ReadError};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    /// A file, and the id of a whole-file document read from it: its path
    /// relative to the root given, without the extension ("a/berita" for
    /// `x/a/berita.txt` under `x`; the stem for a file given itself).
    File(PathBuf, String),
}

/// Something still to visit; listing errors wait in line like paths.
enum Pending {
    Path(PathBuf),
    Error(ReadError),
}

/// Iterator over the inputs named by a list of paths.
pub(crate) struct Walk {
    /// The paths given, last first (popped from the end).
    roots: Vec<PathBuf>,
    /// Entries of the directories entered so far, last to visit first.
    pending: Vec<Pending>,
    /// Directories entered under the current root: a symlink pointing back
    /// up the tree must not loop forever.
    visited: HashSet<PathBuf>,
    /// The root being walked: file ids are relative to it.
    root: PathBuf,
}

impl Walk {
    pub(crate) fn new(paths: &[PathBuf]) -> Self {
        Walk {
            roots: paths.iter().rev().cloned().collect(),
            pending: Vec::new(),
            visited: HashSet::new(),
            root: PathBuf::new(),
        }
    }

    /// Queues a directory's entries, sorted, for visiting.
    fn enter(&mut self, dir: &Path) {
        if let Ok(canonical) = fs::canonicalize(dir) {
            if !self.visited.insert(canonical) {
                return;
            }
        }
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) => {
                self.pending.push(Pending::Error(path_error(dir, &e)));
                return;
            }
        };
        let mut paths = Vec::new();
        let mut errors = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => paths.extend(wanted(&entry)),
                Err(e) => errors.push(path_error(dir, &e)),
            }
        }
        paths.sort();
        self.pending
            .extend(paths.into_iter().rev().map(Pending::Path));
        self.pending.extend(errors.into_iter().map(Pending::Error));
    }
}

impl Iterator for Walk {
    type Item = Result<Input, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let path = match self.pending.pop() {
                Some(Pending::Error(e)) => return Some(Err(e)),
                Some(Pending::Path(path)) => path,
                None => {
                    let root = self.roots.pop()?;
                    if root.as_os_str() == "-" {
                        return Some(Ok(Input::Stdin));
                    }
                    self.visited.clear();
                    self.root = root.clone();
                    root
                }
            };
            match fs::metadata(&path) {
                Err(e) => return Some(Err(path_error(&path, &e))),
                Ok(meta) if meta.is_dir() => self.enter(&path),
                Ok(_) => {
                    let id = file_id(&self.root, &path);
                    return Some(Ok(Input::File(path, id)));
                }
            }
        }
    }
}

/// A file's document id: its path under `root` with `/` between the parts
/// and without the extension; a file given as the root is its stem.
fn file_id(root: &Path, path: &Path) -> String {
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty());
    let Some(relative) = relative else {
        return crate::source::stem(&path.to_string_lossy());
    };
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = crate::source::stem(last);
    }
    parts.join("/")
}

/// Whether a directory entry is worth visiting: not hidden, and a
/// directory or a file (or link) with a supported extension. Links are kept
/// so that a broken one is reported rather than silently missing.
fn wanted(entry: &fs::DirEntry) -> Option<PathBuf> {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return None;
    }
    let path = entry.path();
    let kind = entry.file_type().ok()?;
    let supported = Format::from_name(&entry.file_name().to_string_lossy()).is_some();
    let keep = kind.is_dir()
        || (supported && (kind.is_file() || kind.is_symlink()))
        || (kind.is_symlink() && path.is_dir());
    keep.then_some(path)
}

/// An error naming the path, with a clearer word for broken links.
pub(crate) fn path_error(path: &Path, e: &io::Error) -> ReadError {
    let broken_link = e.kind() == io::ErrorKind::NotFound
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let reason = if broken_link {
        "broken symbolic link (its target does not exist)".to_owned()
    } else {
        io_reason(e)
    };
    ReadError {
        origin: path.display().to_string(),
        line: None,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warta-walk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn sorted_recursive_and_filtered() {
        let dir = scratch("sorted");
        for file in [
            "b.txt",
            "a/z.html",
            "a/y.jsonl",
            ".hidden.txt",
            "notes.md",
            "c.warc.gz",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        fs::create_dir_all(dir.join(".git")).unwrap();
        fs::write(dir.join(".git/x.txt"), "x").unwrap();
        let found: Vec<_> = Walk::new(std::slice::from_ref(&dir))
            .map(|i| match i.unwrap() {
                Input::File(p, id) => (p.strip_prefix(&dir).unwrap().to_path_buf(), id),
                Input::Stdin => unreachable!(),
            })
            .collect();
        let expected: Vec<(PathBuf, String)> = [
            ("a/y.jsonl", "a/y"),
            ("a/z.html", "a/z"),
            ("b.txt", "b"),
            ("c.warc.gz", "c"),
        ]
        .iter()
        .map(|(p, id)| (PathBuf::from(p), id.to_string()))
        .collect();
        assert_eq!(found, expected);
        // A file given itself is its stem.
        let file = dir.join("a/z.html");
        let given: Vec<_> = Walk::new(&[file]).map(Result::unwrap).collect();
        assert!(matches!(&given[..], [Input::File(_, id)] if id == "z"));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_paths_and_stdin_in_order() {
        let paths = [
            PathBuf::from("/nonexistent/warta/x.txt"),
            PathBuf::from("-"),
        ];
        let items: Vec<_> = Walk::new(&paths).collect();
        let err = items[0].as_ref().unwrap_err();
        assert_eq!(err.origin, "/nonexistent/warta/x.txt");
        assert_eq!(err.reason, "no such file or directory");
        assert_eq!(items[1].as_ref().unwrap(), &Input::Stdin);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = scratch("loop");
        fs::write(dir.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
        let found: Vec<_> = Walk::new(std::slice::from_ref(&dir)).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        fs::remove_dir_all(dir).unwrap();
    }
}
