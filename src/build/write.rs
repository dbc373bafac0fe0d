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

/// Writes files into `dir`, creating folders as needed; a file whose
/// bytes are those of the same file in `previous` is linked to it instead.
fn stage(dir: &Path, files: &[File], previous: Option<&Path>) -> Result<()> {
    let fault = Fault::from_env();
    let mut made = PathBuf::new();
    for (i, f) in files.iter().enumerate() {
        fault.before_write(i)?;
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent().filter(|p| *p != made) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            made = parent.to_path_buf();
        }
        if !previous.is_some_and(|p| linked(&p.join(&f.path), &f.bytes, &path)) {
            std::fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Links `to` to the plain file `from` when it holds exactly `bytes`.
/// Making a file costs the file system a new inode, which on a busy ext4
/// disk took 100 µs a file; a link costs a name. The file linked is never
/// written to, so the previous folder stays as it was until the new one
/// takes its place.
fn linked(from: &Path, bytes: &[u8], to: &Path) -> bool {
    let same = std::fs::symlink_metadata(from)
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(from).is_ok_and(|old| old == bytes);
    same && std::fs::hard_link(from, to).is_ok()
}

/// Writes `files` as the whole content of `dir`, all or nothing.
///
/// They go first into a new folder beside `dir` (`.NAME.building-PID`; a
/// file whose bytes have not changed is linked to the one in `dir`), which
/// then takes `dir`'s place in one atomic exchange; the old content is then
/// removed. If anything fails, or the process is killed, `dir` is untouched;
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
