//! Exporters: one per kind of output file, each reading only the analysis.
//!
//! An [`Exporter`] turns a [`Built`] story (its analysis and drawn charts)
//! into files held in memory. [`all`] lists them in the order the build
//! writes them; the data package comes last because it describes the rest.

mod audit;
pub use audit::AUDIT_FILE;
mod charts;
pub use charts::chart_files;
mod methodology;
pub mod package;
mod tables;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::charts::Chart;
use crate::error::Result;
use crate::story::Story;

/// A column of a published table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Column name.
    pub name: String,
    /// Frictionless type: string, number, integer, boolean or date.
    #[serde(rename = "type")]
    pub kind: String,
    /// What the column holds.
    pub description: String,
}

/// One file of the output, held in memory until it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
    /// IANA media type.
    pub media_type: &'static str,
    /// What the file holds.
    pub description: String,
    /// For tables, their columns.
    pub schema: Option<Vec<Field>>,
}

impl File {
    /// A file that is not a table.
    pub fn new(
        path: impl Into<String>,
        bytes: Vec<u8>,
        media_type: &'static str,
        description: impl Into<String>,
    ) -> File {
        File {
            path: path.into(),
            bytes,
            media_type,
            description: description.into(),
            schema: None,
        }
    }

    /// A table, with its columns.
    pub fn table(
        path: String,
        bytes: Vec<u8>,
        media_type: &'static str,
        description: String,
        fields: Vec<Field>,
    ) -> File {
        File {
            path,
            bytes,
            media_type,
            description,
            schema: Some(fields),
        }
    }
}

/// What exporters read: the story, its analysis and its drawn charts.
pub struct Built<'a> {
    /// The story.
    pub story: &'a Story,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Every chart, drawn.
    pub charts: &'a [Chart],
    /// Each chart's PNG, rendered in parallel beforehand.
    pub pngs: &'a [Vec<u8>],
    /// SHA-256 of every input, by name, for the methodology.
    pub input_hashes: &'a [(String, String)],
}

/// One kind of output.
pub trait Exporter {
    /// The files it writes, given the files written before it.
    fn files(&self, built: &Built, before: &[File]) -> Result<Vec<File>>;
}

/// Every exporter, in the order their files are written.
pub fn all() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(charts::Charts),
        Box::new(tables::Tables),
        Box::new(audit::AuditJson),
        Box::new(methodology::Methodology),
        Box::new(package::Package),
    ]
}
