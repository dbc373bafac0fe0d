//! What a notebook needs from the kernel besides displays: a cell that fails
//! is marked failed ([`setup`]), and paths that mean the same from any
//! folder of the repository ([`root`], [`story_dir`]).
//!
//! evcxr, the Rust kernel, runs every cell in one child process. When a
//! cell's `?` meets an error, the code evcxr wraps around the cell prints the
//! error to stderr and the line `EVCXR_ERROR_OCCURRED` to stdout, then
//! returns normally, and evcxr reports the cell as a success. Jupyter marks
//! a cell failed only when evcxr returns an error, and once a cell compiles
//! evcxr does that only when the child process ends. So [`setup`] watches
//! the child's stdout and ends the process at that line; a panic ends it too
//! (through a panic hook that prints the panic's message, not a backtrace
//! into the code evcxr generated around the cell). evcxr then reports
//! "Subprocess terminated" as the cell's error and starts a fresh process:
//! the notebook's variables are gone, so the notebook is run again from the
//! top, as after any failure in a top-to-bottom run.
//!
//! The notebooks' kernel (`notebooks/evcxr/init.evcxr`) also sets
//! `:preserve_vars_on_panic 0`, so a panic ends the process even in a kernel
//! where [`setup`] has not run yet.

use std::io::{BufRead, Write};
use std::sync::OnceLock;

/// The line evcxr's generated code prints when a cell's `?` meets an error.
const QUESTION_MARK_ERROR: &[u8] = b"EVCXR_ERROR_OCCURRED";
/// The line the panic hook prints, after the panic's message.
const PANICKED: &[u8] = b"NEWSFIGURES_CELL_PANICKED";

/// What ended a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// A `?` met an error.
    Error,
    /// The cell panicked.
    Panic,
}

impl Failure {
    /// What the cell's output says after the error's own message.
    fn explanation(self) -> String {
        let what = match self {
            Failure::Error => "an error reached the cell's `?`",
            Failure::Panic => "the cell panicked",
        };
        format!(
            "This cell failed: {what} (the message is printed in red). The kernel restarts its \
             Rust process, so every variable is gone: fix the cell, then run the notebook again \
             from the top."
        )
    }
}

/// Makes a failing cell fail in Jupyter: an error returned by a cell's `?`,
/// or a panic, ends the kernel's Rust process after printing its message,
/// so evcxr reports the cell as failed (and `notebooks/run.py`, and CI,
/// stop there) instead of counting it as a success.
///
/// Call it first in a notebook's first cell. It does nothing outside
/// evcxr's process, and only its first call in a process does anything.
/// Watching `?` errors needs a Unix system; elsewhere only panics end a
/// cell.
pub fn setup() -> std::io::Result<()> {
    static DONE: OnceLock<std::io::Result<()>> = OnceLock::new();
    if std::env::var_os("EVCXR_IS_RUNTIME").is_none() {
        return Ok(());
    }
    match DONE.get_or_init(|| {
        std::panic::set_hook(Box::new(on_panic));
        watch_stdout()
    }) {
        Ok(()) => Ok(()),
        Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
    }
}

/// The repository's root folder: the nearest folder, from the current one
/// upwards, whose `Cargo.toml` is this crate's. A notebook anywhere inside
/// the repository names its files from it (`root()?.join("data")`) instead
/// of counting `..`s.
pub fn root() -> crate::Result<std::path::PathBuf> {
    let here = std::env::current_dir().map_err(|e| crate::Error::io(".", e))?;
    here.ancestors()
        .find(|dir| {
            std::fs::read_to_string(dir.join("Cargo.toml"))
                .is_ok_and(|t| t.lines().any(|l| l.trim() == "name = \"newsfigures\""))
        })
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| {
            crate::Error::data(
                crate::Location::file(here),
                "this folder is not inside the newsfigures repository (no Cargo.toml of the \
                 crate here or above it): open the notebook from inside the repository",
            )
        })
}

/// The story a notebook reads: the folder `NEWSFIGURES_STORY` names
/// (`notebooks/run.py --story DIR` sets it), or the repository's `data/`.
pub fn story_dir() -> crate::Result<std::path::PathBuf> {
    match std::env::var_os("NEWSFIGURES_STORY") {
        Some(dir) => Ok(dir.into()),
        None => Ok(root()?.join("data")),
    }
}

/// The panic hook: the panic's message (and where, unless that is the
/// cell's own code), then the line that makes the stdout watcher end the
/// process once everything printed before it has reached evcxr.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    // evcxr compiles every cell as `src/lib.rs` of a crate of its own: a
    // line number there points into generated code, not the cell.
    let place = info
        .location()
        .filter(|l| l.file() != "src/lib.rs")
        .map(|l| format!(" (at {}:{})", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!("panicked: {message}{place}");
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(PANICKED).and_then(|()| out.write_all(b"\n"));
    let _ = out.flush();
    drop(out);
    // The watcher ends the process; should it not be running, end it here.
    std::thread::sleep(std::time::Duration::from_secs(10));
    std::process::exit(101);
}

/// Puts a pipe in place of the process's stdout and starts a thread that
/// copies every line to the real stdout until a cell fails.
#[cfg(unix)]
fn watch_stdout() -> std::io::Result<()> {
    use std::os::fd::AsFd;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.flush()?;
    let real = std::fs::File::from(stdout.as_fd().try_clone_to_owned()?);
    let (reader, writer) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)?;
    rustix::stdio::dup2_stdout(&writer)?;
    drop(writer);
    drop(lock);
    std::thread::Builder::new()
        .name("newsfigures-stdout".into())
        .spawn(move || {
            let mut real = real;
            // Kept open until the process ends: the cell's code may still be
            // writing (evcxr's end-of-cell line) and must not meet a closed pipe.
            let mut reader = std::io::BufReader::new(std::fs::File::from(reader));
            if let Ok(Some(failure)) = forward(&mut reader, &mut real) {
                let _ = writeln!(real, "{}", failure.explanation());
                let _ = real.flush();
                // evcxr passes the cell's stderr on through a thread of its
                // own; a moment lets the message reach the cell before the
                // failure does.
                std::thread::sleep(std::time::Duration::from_millis(200));
                std::process::exit(1);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn watch_stdout() -> std::io::Result<()> {
    Ok(())
}

/// Copies `input` to `output` line by line until a line ends with one of
/// the failure markers (copying what comes before the marker on that line,
/// but not the marker) or `input` ends.
fn forward(input: &mut impl BufRead, output: &mut impl Write) -> std::io::Result<Option<Failure>> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        for (marker, failure) in [
            (QUESTION_MARK_ERROR, Failure::Error),
            (PANICKED, Failure::Panic),
        ] {
            if let Some(before) = text.strip_suffix(marker) {
                if !before.is_empty() {
                    output.write_all(before)?;
                    output.write_all(b"\n")?;
                }
                output.flush()?;
                return Ok(Some(failure));
            }
        }
        output.write_all(&line)?;
        output.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwards_lines_until_a_cell_fails() {
        let input = b"EVCXR_BEGIN_CONTENT text/html\n<p>x</p>\nEVCXR_END_CONTENT\nEVCXR_EXECUTION_COMPLETE\nplain\nEVCXR_ERROR_OCCURRED\nEVCXR_EXECUTION_COMPLETE\n";
        let mut out = Vec::new();
        let failure = forward(&mut &input[..], &mut out).unwrap();
        assert_eq!(failure, Some(Failure::Error));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "EVCXR_BEGIN_CONTENT text/html\n<p>x</p>\nEVCXR_END_CONTENT\nEVCXR_EXECUTION_COMPLETE\nplain\n"
        );
    }

    #[test]
    fn a_panic_ends_the_copy_and_a_partial_line_is_kept() {
        let mut out = Vec::new();
        let failure = forward(
            &mut &b"half a lineNEWSFIGURES_CELL_PANICKED\nmore\n"[..],
            &mut out,
        );
        assert_eq!(failure.unwrap(), Some(Failure::Panic));
        assert_eq!(out, b"half a line\n");
    }

    #[test]
    fn output_without_a_failure_is_copied_whole() {
        let input = b"a\nEVCXR_ERROR_OCCURRED is only a marker alone at a line's end\nno newline";
        let mut out = Vec::new();
        assert_eq!(forward(&mut &input[..], &mut out).unwrap(), None);
        assert_eq!(out, input);
    }

    #[test]
    fn outside_evcxr_setup_does_nothing() {
        // The test process is not evcxr's: no hook, no pipe.
        assert!(std::env::var_os("EVCXR_IS_RUNTIME").is_none());
        setup().unwrap();
        assert!(std::panic::catch_unwind(|| panic!("still unwinds")).is_err());
    }
}
