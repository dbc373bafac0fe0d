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

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        Ok(())
    }
}

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
    /// A computation in polars failed.
    #[error("computing with polars: {0}")]
    Polars(#[from] polars::prelude::PolarsError),
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

    /// Where the problem is, for data errors.
    pub fn location(&self) -> Option<&Location> {
        match &*self.0 {
            ErrorKind::Data { at, .. } => Some(at),
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
        ErrorKind::Polars(e).into()
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

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
