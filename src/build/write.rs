//! Writing outputs: all at once or not at all, and comparing a build with
//! a folder byte for byte.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::export::File;

/// A file that differs between a build and a folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// In both, with different bytes.
    Changed(String),
    /// Built, but not in the folder.
    Missing(String),
    /// In the folder, but not built.
    Extra(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Changed(p) => write!(f, "differs  {p}"),
            Difference::Missing(p) => write!(f, "missing  {p}"),
            Difference::Extra(p) => write!(f, "extra    {p}"),
        }
    }
}

/// Every file under `dir`, as `/`-separated relative paths.
pub(crate) fn list(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = dir.join(&rel);
        for entry in std::fs::read_dir(&here).map_err(|e| Error::io(&here, e))? {
            let entry = entry.map_err(|e| Error::io(&here, e))?;
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    Ok(out)
}

/// Compares built files with the folder `dir`, byte for byte.
pub fn check(dir: &Path, files: &[File]) -> Result<Vec<Difference>> {
    let present = if dir.is_dir() {
        list(dir)?
    } else {
        BTreeSet::new()
    };
    let mut out = Vec::new();
    for f in files {
        if !present.contains(&f.path) {
            out.push(Difference::Missing(f.path.clone()));
        } else {
            let path = dir.join(&f.path);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            if bytes != f.bytes {
                out.push(Difference::Changed(f.path.clone()));
            }
        }
    }
    let built: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    out.extend(
        present
            .iter()
            .filter(|p| !built.contains(p.as_str()))
            .map(|p| Difference::Extra(p.clone())),
    );
    out.sort();
    Ok(out)
}

/// Writes files into `dir`, creating folders as needed and replacing the
/// files already there.
pub fn write_into(dir: &Path, files: &[File]) -> Result<()> {
    write_files(dir, files, &Fault::from_env())
}

fn write_files(dir: &Path, files: &[File], fault: &Fault) -> Result<()> {
    for (i, f) in files.iter().enumerate() {
        fault.at(i)?;
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Writes `files` as the whole content of `dir`, all or nothing.
///
/// They go first into a new folder beside `dir` (`.NAME.building-PID`),
/// which then takes `dir`'s place in one atomic exchange; the old content
/// is then removed. If anything fails, or the process is killed, `dir`
/// holds the same files with the same bytes; leftovers of a killed build
/// are removed by the next one.
pub fn write_atomically(dir: &Path, files: &[File]) -> Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    remove_leftovers(&parent, &name)?;
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let fault = Fault::from_env();
    let result = write_files(&staging, files, &fault).and_then(|()| {
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        fault.at(files.len())?;
        swap_in(&staging, dir, || fault.at(files.len() + 1))
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Removes staging folders that killed builds left beside `name`.
fn remove_leftovers(parent: &Path, name: &str) -> Result<()> {
    let prefix = format!(".{name}.building-");
    for entry in std::fs::read_dir(parent)
        .map_err(|e| Error::io(parent, e))?
        .flatten()
    {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let path = entry.path();
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Puts `staging` in `dir`'s place; `swapped` runs between the exchange
/// and the removal of the old content.
fn swap_in(staging: &Path, dir: &Path, swapped: impl FnOnce() -> Result<()>) -> Result<()> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e));
    }
    exchange(staging, dir).map_err(|e| Error::io(dir, e))?;
    // `staging` now holds the previous output.
    swapped()?;
    std::fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e))
}

/// Swaps two paths in one step (`renameat2` with `RENAME_EXCHANGE`; on
/// Apple systems `renameatx_np` with `RENAME_SWAP`), so there is no moment
/// when `dir` is missing or half-written.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
}

/// Elsewhere: move the old folder aside, then the new one in.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_extension("previous");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// A fault injected by the tests through `NEWSFIGURES_FAULT`, at step N:
/// `kill:N` kills the process with SIGKILL, `error:N` fails with an I/O
/// error (a full disk). Step N < the number of files is before the N-th
/// file is written; the number of files, before the new folder takes the
/// old one's place; one more, after that and before the old content is
/// removed. Compiled only with the `fault-injection` feature, which only
/// the test suite turns on.
#[cfg(feature = "fault-injection")]
struct Fault(Option<(bool, usize)>);

#[cfg(feature = "fault-injection")]
impl Fault {
    fn from_env() -> Fault {
        let spec = std::env::var("NEWSFIGURES_FAULT").unwrap_or_default();
        let parsed = spec
            .split_once(':')
            .and_then(|(kind, n)| Some((kind == "kill", n.parse().ok()?)));
        Fault(parsed)
    }

    fn at(&self, step: usize) -> Result<()> {
        match self.0 {
            Some((true, n)) if step == n => {
                use rustix::process::{Signal, getpid, kill_process};
                let sent = kill_process(getpid(), Signal::KILL);
                unreachable!("SIGKILL ends the process ({sent:?})")
            }
            Some((false, n)) if step == n => Err(Error::io(
                "output",
                std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "no space left on device (injected)",
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Without the test feature there is nothing to inject.
#[cfg(not(feature = "fault-injection"))]
struct Fault;

#[cfg(not(feature = "fault-injection"))]
impl Fault {
    fn from_env() -> Fault {
        Fault
    }

    fn at(&self, _: usize) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &str) -> File {
        File::new(path, bytes.as_bytes().to_vec(), "text/plain", "")
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn write_into_replaces_the_files_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        write_into(dir.path(), &[file("a.txt", "a longer first text")]).unwrap();
        write_into(dir.path(), &[file("a.txt", "second"), file("b/c.txt", "c")]).unwrap();
        assert_eq!(read(&dir.path().join("a.txt")), "second");
        assert_eq!(read(&dir.path().join("b/c.txt")), "c");
    }

    #[test]
    fn the_folder_is_replaced_as_a_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[file("a.txt", "old"), file("b/c.txt", "gone")]).unwrap();
        write_atomically(&out, &[file("a.txt", "new"), file("d/e.txt", "e")]).unwrap();
        assert_eq!(
            list(&out).unwrap().into_iter().collect::<Vec<_>>(),
            ["a.txt", "d/e.txt"]
        );
        assert_eq!(read(&out.join("a.txt")), "new");
        assert_eq!(names(dir.path()), ["output"]);
    }

    #[test]
    fn a_failed_write_leaves_the_previous_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[file("a.txt", "old"), file("b/c.txt", "kept")]).unwrap();
        // `a.txt` cannot be both a file and a folder: the second write fails.
        let clash = [file("a.txt", "NEW"), file("a.txt/d.txt", "d")];
        assert!(write_atomically(&out, &clash).is_err());
        assert_eq!(read(&out.join("a.txt")), "old");
        assert_eq!(read(&out.join("b/c.txt")), "kept");
        assert_eq!(list(&out).unwrap().len(), 2);
        assert_eq!(
            names(dir.path()),
            ["output"],
            "the staging folder is removed"
        );
    }

    #[test]
    fn a_killed_builds_leftovers_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let leftover = dir.path().join(".output.building-4194303");
        std::fs::create_dir_all(leftover.join("charts")).unwrap();
        std::fs::write(leftover.join("charts/x.png"), "half").unwrap();
        std::fs::create_dir_all(dir.path().join(".other.building-1")).unwrap();
        write_atomically(&out, &[file("a.txt", "a")]).unwrap();
        assert_eq!(names(dir.path()), [".other.building-1", "output"]);
    }

    #[test]
    fn a_rebuild_never_writes_through_a_link_in_the_previous_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "the user's own file").unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::hard_link(&elsewhere, out.join("a.txt")).unwrap();
        write_atomically(&out, &[file("a.txt", "built")]).unwrap();
        assert_eq!(read(&out.join("a.txt")), "built");
        assert_eq!(read(&elsewhere), "the user's own file");
    }

    #[test]
    fn an_empty_build_still_makes_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nested/output");
        write_atomically(&out, &[]).unwrap();
        assert!(out.is_dir());
        write_atomically(&out, &[]).unwrap();
        assert_eq!(names(&dir.path().join("nested")), ["output"]);
    }
}
