//! The library's error type.
//!
//! Errors about data always say where: which file, which line, which field,
//! and what was expected, so a journalist can fix the spreadsheet without
//! reading code.

use std::fmt;
use std::path::PathBuf;

/// A place in a data file: the file, and when known the line and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it (joined to the data directory).
    pub path: PathBuf,
    /// The 1-based line number, when the problem is on one line.
    pub line: Option<u64>,
    /// The column name, when the problem is in one field.
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
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A data file holds something other than what was expected.
    #[error("{at}: {message}")]
    Data {
        /// Where the problem is.
        at: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// A chart needs figures the ledger does not hold.
    #[error("chart `{chart}` needs figures missing from the ledger: {}", missing.join(", "))]
    MissingFigures {
        /// The chart's id.
        chart: String,
        /// The figure ids it could not find.
        missing: Vec<String>,
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
    /// A data error at `at`.
    pub fn data(at: Location, message: impl Into<String>) -> Self {
        Error::Data {
            at,
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
