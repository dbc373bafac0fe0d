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

/// Writes files into `dir`, creating folders as needed.
pub fn write_into(dir: &Path, files: &[File]) -> Result<()> {
    stage(dir, files, None)
}

/// Writes files into `dir`, creating folders as needed; with a `previous`
/// folder, into a new `dir` where a file whose bytes are those of the same
/// file in `previous` is linked to it instead. Then every file is created
/// anew (two files with one path are an error), so a file linked is never
/// written through.
fn stage(dir: &Path, files: &[File], previous: Option<&Path>) -> Result<()> {
    use std::io::Write;
    let fault = Fault::from_env();
    // The folder last made, and whether the same folder in `previous` is a
    // folder (not a link to one elsewhere) whose files may be linked.
    let mut made = (PathBuf::new(), false);
    for (i, f) in files.iter().enumerate() {
        fault.before_write(i)?;
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent().filter(|p| *p != made.0) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            let folder = parent.strip_prefix(dir).unwrap_or(parent);
            made = (
                parent.to_path_buf(),
                previous.is_some_and(|p| real_folders(p, folder)),
            );
        }
        if made.1 && previous.is_some_and(|p| linked(&p.join(&f.path), &f.bytes, &path)) {
            continue;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .create_new(previous.is_some())
            .open(&path)
            .and_then(|mut file| file.write_all(&f.bytes))
            .map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// True when `root` and each folder on the way from it to `root/folder`
/// are folders, not links to folders.
fn real_folders(root: &Path, folder: &Path) -> bool {
    let mut at = root.to_path_buf();
    std::iter::once(None)
        .chain(folder.components().map(Some))
        .all(|c| {
            if let Some(c) = c {
                at.push(c);
            }
            std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir())
        })
}

/// Links `to` to `from` when `from` is a plain file of this user's, open
/// to writing, holding exactly `bytes`. Making a file costs the file
/// system a new inode, which on a busy ext4 disk took 100 µs a file; a
/// link costs a name. The file linked is never written to, so the
/// previous folder's names and bytes stay as they were until the new
/// folder takes its place (the link shows in the file's link count and
/// status-change time).
fn linked(from: &Path, bytes: &[u8], to: &Path) -> bool {
    let plain = std::fs::symlink_metadata(from).is_ok_and(|m| {
        #[cfg(unix)]
        // SAFETY: geteuid has no preconditions and cannot fail.
        let ours = std::os::unix::fs::MetadataExt::uid(&m) == unsafe { libc::geteuid() };
        #[cfg(not(unix))]
        let ours = true;
        m.is_file() && ours && !m.permissions().readonly() && m.len() == bytes.len() as u64
    });
    plain
        && std::fs::read(from).is_ok_and(|old| old == bytes)
        && std::fs::hard_link(from, to).is_ok()
}

/// Writes `files` as the whole content of `dir`, all or nothing.
///
/// They go first into a new folder beside `dir` (`.NAME.building-PID`; a
/// file whose bytes have not changed is linked to the one in `dir`, never
/// written through), which then takes `dir`'s place in one atomic
/// exchange; the old content is then removed. If anything fails, or the
/// process is killed, `dir` holds the same files with the same bytes;
/// leftovers of a killed build are removed by the next one.
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
    let previous = dir.is_dir().then_some(dir);
    let result = stage(&staging, files, previous).and_then(|()| swap_in(&staging, dir));
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

/// Puts `staging` in `dir`'s place.
fn swap_in(staging: &Path, dir: &Path) -> Result<()> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e));
    }
    exchange(staging, dir).map_err(|e| Error::io(dir, e))?;
    // `staging` now holds the previous output.
    std::fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e))
}

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`), so
/// there is no moment when `dir` is missing or half-written.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere: move the old folder aside, then the new one in.
#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let aside = a.with_extension("previous");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

/// A fault injected by the tests through `NEWSFIGURES_FAULT`: `kill:N`
/// kills the process with SIGKILL before the N-th file is written (a build
/// killed midway), `error:N` fails there with an I/O error (a full disk).
/// Compiled only with the `fault-injection` feature, which only the test
/// suite turns on.
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

    fn before_write(&self, i: usize) -> Result<()> {
        match self.0 {
            Some((true, n)) if i == n => {
                // SAFETY: sending a signal to this process has no memory effects.
                unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
                unreachable!("SIGKILL ends the process")
            }
            Some((false, n)) if i == n => Err(Error::io(
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

    fn before_write(&self, _: usize) -> Result<()> {
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

    #[test]
    fn a_failed_write_never_reaches_a_file_it_linked() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[file("a.txt", "old"), file("b/c.txt", "kept")]).unwrap();
        // The same path twice: linked the first time, and the second write
        // must fail rather than write through the link.
        let twice = [file("a.txt", "old"), file("a.txt", "NEW")];
        assert!(write_atomically(&out, &twice).is_err());
        assert_eq!(read(&out.join("a.txt")), "old");
        assert_eq!(read(&out.join("b/c.txt")), "kept");
    }

    #[test]
    fn write_into_replaces_the_files_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        write_into(dir.path(), &[file("a.txt", "a longer first text")]).unwrap();
        write_into(dir.path(), &[file("a.txt", "second")]).unwrap();
        assert_eq!(read(&dir.path().join("a.txt")), "second");
    }

    #[test]
    #[cfg(unix)]
    fn files_are_linked_only_from_real_folders_and_writable_files_of_ours() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("c.txt"), "same").unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("a.txt"), "same").unwrap();
        std::fs::write(out.join("r.txt"), "same").unwrap();
        std::fs::set_permissions(out.join("r.txt"), std::fs::Permissions::from_mode(0o444))
            .unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("b")).unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let (a, c) = (ino(&out.join("a.txt")), ino(&elsewhere.join("c.txt")));
        let files = [
            file("a.txt", "same"),
            file("b/c.txt", "same"),
            file("r.txt", "same"),
        ];
        write_atomically(&out, &files).unwrap();
        assert_eq!(ino(&out.join("a.txt")), a, "a plain file of ours: linked");
        assert_ne!(
            ino(&out.join("b/c.txt")),
            c,
            "under a link to a folder: written"
        );
        assert!(std::fs::symlink_metadata(out.join("b")).unwrap().is_dir());
        let r = std::fs::metadata(out.join("r.txt")).unwrap();
        assert!(
            !r.permissions().readonly(),
            "a read-only file: written anew"
        );
        assert_eq!(read(&elsewhere.join("c.txt")), "same");
    }
}
