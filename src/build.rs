//! Batch output: every file newsfigures publishes, built in memory and
//! written all at once.

use std::path::Path;

use crate::charts::Chart;
use crate::error::{Error, Result};

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
}

/// The four files of each chart: SVG, PNG, alt text and the data drawn.
pub fn chart_files(charts: &[Chart]) -> Result<Vec<File>> {
    let mut files = Vec::new();
    for c in charts {
        let id = &c.id;
        files.push(File {
            path: format!("{id}.svg"),
            bytes: c.svg.clone().into_bytes(),
            media_type: "image/svg+xml",
            description: format!("Chart: {}", c.title),
        });
        files.push(File {
            path: format!("{id}.png"),
            bytes: c.png()?,
            media_type: "image/png",
            description: format!("Chart at 2x, rendered from {id}.svg"),
        });
        files.push(File {
            path: format!("{id}.alt.txt"),
            bytes: format!("{}\n", c.alt).into_bytes(),
            media_type: "text/plain",
            description: format!("Alt text of {id}.svg"),
        });
        files.push(File {
            path: format!("{id}.csv"),
            bytes: c.data_csv()?.into_bytes(),
            media_type: "text/csv",
            description: format!("The numbers drawn in {id}.svg"),
        });
    }
    Ok(files)
}

/// Writes files into `dir`, creating folders as needed.
pub fn write_into(dir: &Path, files: &[File]) -> Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}
