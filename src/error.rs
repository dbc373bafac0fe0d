//! The library's error type.
//!
//! Errors about data always say where: which file, which line or key, which
//! field, and what was expected, so a journalist can fix the spreadsheet or
//! the story file without reading code.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in an input file: the file, and when known the line and field
/// (for CSV files) or the key (for the story file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it (joined to the story folder).
    pub path: PathBuf,
    /// The 1-based line number, when the problem is on one line.
    pub line: Option<u64>,
    /// The column name or the key, when the problem is in one field.
    pub field: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            field: None,
        }
    }

    /// One line of a file.
    pub fn line(path: impl Into<PathBuf>, line: u64) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            field: None,
        }
    }

    /// One field on one line of a file.
    pub fn field(path: impl Into<PathBuf>, line: u64, field: &str) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            field: Some(field.to_string()),
        }
    }

    /// One key of a structured file such as `story.toml`
    /// (`charts[2].title`), with its line when known.
    pub fn key(path: impl Into<PathBuf>, line: Option<u64>, key: &str) -> Self {
        Location {
            path: path.into(),
            line,
            field: Some(key.to_string()),
        }
    }
}

impl Location {
    /// The place within its file: `line 11, field `value``; empty for a
    /// whole file.
    fn within_file(&self) -> String {
        let line = self.line.map(|l| format!("line {l}"));
        let field = self.field.as_ref().map(|f| format!("field `{f}`"));
        line.into_iter().chain(field).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        let within = self.within_file();
        if !within.is_empty() {
            write!(f, ", {within}")?;
        }
        Ok(())
    }
}

/// One problem in an input file: where it is, and what was found and what
/// is expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is.
    pub at: Location,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// At most how many problems an error lists; it counts the others.
pub const MAX_PROBLEMS: usize = 50;

/// Everything that can go wrong in newsfigures.
///
/// The kind is boxed so that `Result<T, Error>` stays one pointer wide.
/// Its `Debug` form is its message, as with `anyhow`, so that an
/// `unwrap()` that fails (in a notebook cell, say) says what went wrong in
/// the same words; `{:#?}` shows the structure.
pub struct Error(Box<ErrorKind>);

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            fmt::Debug::fmt(&self.0, f)
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said (part of the message, not a
        /// separate cause, so that it is printed once).
        error: std::io::Error,
    },
    /// An input file holds something other than what was expected.
    #[error("{at}: {message}")]
    Data {
        /// Where the problem is.
        at: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// Several problems in the story's files, as a compiler reports
    /// errors: every one found in one reading, listed by file (in the
    /// order the files are read) and line. A single problem is a
    /// [`ErrorKind::Data`] error.
    #[error("{}", problems_text(problems, *more))]
    Invalid {
        /// The first problems, at most [`MAX_PROBLEMS`], in order.
        problems: Vec<Problem>,
        /// How many more were found beyond those listed.
        more: usize,
    },
    /// Our own published words break a standard (a quotation the source
    /// does not contain, an officials' term outside quotes, a proportion
    /// word the numbers no longer support). Every problem is listed.
    #[error("{} problem{} in the words we publish:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Standards {
        /// One sentence per problem, each naming where it stands.
        problems: Vec<String>,
    },
    /// Drawing or rendering a chart failed.
    #[error("chart `{chart}`: {message}")]
    Chart {
        /// The chart's id.
        chart: String,
        /// What went wrong.
        message: String,
    },
    /// A computation failed inside the data-frame engine. The engine's own
    /// error type is not part of this crate's API; its message is kept.
    #[error("computing with polars: {message}")]
    Compute {
        /// What the engine said.
        message: String,
    },
    /// A step of a larger task failed (loading the story, writing the
    /// outputs): what was being done, then what went wrong.
    #[error("{doing}: {error}")]
    Context {
        /// What was being done (`cannot load the story in data`).
        doing: String,
        /// What went wrong (part of the message, not a separate cause, so
        /// that it is printed once).
        error: Error,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// A data error at `at`.
    pub fn data(at: Location, message: impl Into<String>) -> Self {
        ErrorKind::Data {
            at,
            message: message.into(),
        }
        .into()
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, error: std::io::Error) -> Self {
        ErrorKind::Io {
            path: path.as_ref().to_path_buf(),
            error,
        }
        .into()
    }

    /// A chart error.
    pub fn chart(chart: &str, message: impl fmt::Display) -> Self {
        ErrorKind::Chart {
            chart: chart.to_string(),
            message: message.to_string(),
        }
        .into()
    }

    /// This error, as what went wrong while `doing` something.
    pub(crate) fn context(self, doing: impl Into<String>) -> Self {
        ErrorKind::Context {
            doing: doing.into(),
            error: self,
        }
        .into()
    }

    /// Where the problem is, for data errors: the first one listed, when
    /// there are several.
    pub fn location(&self) -> Option<&Location> {
        match &*self.0 {
            ErrorKind::Data { at, .. } => Some(at),
            ErrorKind::Invalid { problems, .. } => problems.first().map(|p| &p.at),
            ErrorKind::Context { error, .. } => error.location(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl From<polars::prelude::PolarsError> for Error {
    fn from(e: polars::prelude::PolarsError) -> Self {
        ErrorKind::Compute {
            message: e.to_string(),
        }
        .into()
    }
}

/// `5 problems in the story's files:`, then each file's name and under it
/// each problem's line, field and message.
fn problems_text(problems: &[Problem], more: usize) -> String {
    let total = problems.len() + more;
    let mut out = format!("{total} problems in the story's files");
    if more > 0 {
        out.push_str(&format!(" (the first {} listed)", problems.len()));
    }
    out.push(':');
    let mut file: Option<&Path> = None;
    for p in problems {
        if file != Some(p.at.path.as_path()) {
            file = Some(&p.at.path);
            out.push_str(&format!("\n  {}:", p.at.path.display()));
        }
        let within = p.at.within_file();
        if within.is_empty() {
            out.push_str(&format!("\n    {}", p.message));
        } else {
            out.push_str(&format!("\n    {within}: {}", p.message));
        }
    }
    if more > 0 {
        out.push_str(&format!("\n  and {more} more"));
    }
    out
}

/// Problems found while reading a story's files, kept so that all of them
/// are reported together: by file, in the order the files were named when
/// the collector was made (others after them, as they come), then by line.
/// At most [`MAX_PROBLEMS`] are kept; the rest are counted.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    /// Files in the order their problems are listed.
    files: Vec<PathBuf>,
    /// Problems kept, in the order found until sorted.
    found: Vec<Problem>,
    /// Problems found and not kept, for coming after those kept.
    dropped: usize,
}

impl Problems {
    /// A collector listing problems in `files` in that order.
    pub(crate) fn new(files: impl IntoIterator<Item = PathBuf>) -> Problems {
        Problems {
            files: files.into_iter().collect(),
            ..Problems::default()
        }
    }

    /// Records a problem.
    pub(crate) fn push(&mut self, at: Location, message: impl Into<String>) {
        if !self.files.contains(&at.path) {
            self.files.push(at.path.clone());
        }
        self.found.push(Problem {
            at,
            message: message.into(),
        });
        // Kept bounded: those sorted past the first MAX_PROBLEMS can never
        // come back among them.
        if self.found.len() >= 2 * MAX_PROBLEMS {
            self.sort_and_keep();
        }
    }

    /// Records the problems of an error met while reading `file`: a data
    /// error's place and message, a file that cannot be read as a problem
    /// of that file, and any other error as a problem of `file`.
    pub(crate) fn add(&mut self, file: &Path, e: Error) {
        match e.into_kind() {
            ErrorKind::Data { at, message } => self.push(at, message),
            ErrorKind::Invalid { problems, more } => {
                for p in problems {
                    self.push(p.at, p.message);
                }
                self.dropped += more;
            }
            ErrorKind::Io { path, error } => self.push(Location::file(path), error.to_string()),
            other => self.push(Location::file(file), other.to_string()),
        }
    }

    /// How many problems were found.
    pub(crate) fn len(&self) -> usize {
        self.found.len() + self.dropped
    }

    /// True when nothing was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn sort_and_keep(&mut self) {
        let rank = |p: &Problem| self.files.iter().position(|f| *f == p.at.path);
        let mut found = std::mem::take(&mut self.found);
        // Stable: problems on one line stay in the order found.
        found.sort_by_key(|p| (rank(p), p.at.line));
        if found.len() > MAX_PROBLEMS {
            self.dropped += found.len() - MAX_PROBLEMS;
            found.truncate(MAX_PROBLEMS);
        }
        self.found = found;
    }

    /// Nothing when no problem was found; otherwise the error: the problem
    /// itself when there is one, else every problem kept.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.sort_and_keep();
        let more = self.dropped;
        match self.found.len() {
            0 => Ok(()),
            1 if more == 0 => {
                let p = self.found.remove(0);
                Err(Error::data(p.at, p.message))
            }
            _ => Err(ErrorKind::Invalid {
                problems: self.found,
                more,
            }
            .into()),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: u64) -> Location {
        Location::field(file, line, "f")
    }

    #[test]
    fn problems_are_listed_by_file_then_line_and_capped() {
        let mut p = Problems::new(["a.csv", "b.csv"].map(PathBuf::from));
        // Found out of order, in files named and one not named.
        p.push(at("b.csv", 9), "b9");
        p.push(at("c.toml", 1), "c1");
        p.push(at("a.csv", 7), "a7 first");
        p.push(Location::file("b.csv"), "whole b");
        p.push(at("a.csv", 3), "a3");
        p.push(at("a.csv", 7), "a7 second");
        let e = p.finish().unwrap_err();
        assert_eq!(
            e.to_string(),
            "6 problems in the story's files:\n  a.csv:\n    line 3, field `f`: a3\n    line 7, field `f`: a7 first\n    line 7, field `f`: a7 second\n  b.csv:\n    whole b\n    line 9, field `f`: b9\n  c.toml:\n    line 1, field `f`: c1"
        );
        assert_eq!(e.location(), Some(&at("a.csv", 3)));

        // More than fifty: the first fifty in order, whatever order they
        // were found in, and a count of the rest.
        let mut p = Problems::new(["a.csv", "b.csv"].map(PathBuf::from));
        for line in (1..=130).rev() {
            p.push(at("b.csv", line), format!("b{line}"));
        }
        p.push(at("a.csv", 500), "a500");
        assert_eq!(p.len(), 131);
        let e = p.finish().unwrap_err();
        let ErrorKind::Invalid { problems, more } = e.kind() else {
            panic!("{e}");
        };
        assert_eq!((problems.len(), *more), (MAX_PROBLEMS, 81));
        assert_eq!(problems[0].message, "a500");
        assert_eq!(problems[1].message, "b1");
        assert_eq!(problems[49].message, "b49");
        let text = e.to_string();
        assert!(
            text.starts_with(
                "131 problems in the story's files (the first 50 listed):\n  a.csv:\n"
            )
        );
        assert!(
            text.ends_with("    line 49, field `f`: b49\n  and 81 more"),
            "{text}"
        );
    }

    #[test]
    fn one_problem_reads_as_one_data_error_and_none_is_no_error() {
        assert!(Problems::default().finish().is_ok());
        let mut p = Problems::default();
        p.push(at("a.csv", 2), "expected a number");
        let e = p.finish().unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Data { .. }));
        assert_eq!(e.to_string(), "a.csv, line 2, field `f`: expected a number");
        // An unreadable file is a problem of that file.
        let mut p = Problems::default();
        p.add(
            Path::new("a.csv"),
            Error::io("a.csv", std::io::Error::other("gone")),
        );
        assert_eq!(p.finish().unwrap_err().to_string(), "a.csv: gone");
    }

    #[test]
    fn debug_is_the_message_and_alternate_debug_the_structure() {
        let e = Error::data(
            Location::field("figures.csv", 3, "value"),
            "expected a number, found \"x\"",
        );
        let message = "figures.csv, line 3, field `value`: expected a number, found \"x\"";
        assert_eq!(e.to_string(), message);
        assert_eq!(format!("{e:?}"), message);
        // What an `unwrap()` that fails prints after "called `Result::unwrap()` on an `Err` value: ".
        let io = Error::io("story.toml", std::io::ErrorKind::NotFound.into());
        assert_eq!(format!("{io:?}"), "story.toml: entity not found");
        assert!(format!("{e:#?}").contains("Data {"));
    }
}
