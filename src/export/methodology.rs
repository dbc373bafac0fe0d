//! `methodology.md` and `methodology.html`: the report an editor audits.

use super::{Built, Exporter, File};
use crate::error::Result;
use crate::report::{self, Report};

pub(crate) struct Methodology;

impl Exporter for Methodology {
    fn files(&self, built: &Built, _: &[File]) -> Result<Vec<File>> {
        let r = Report::new(built.story, built.analysis, built.input_hashes);
        Ok(vec![
            File::new(
                "methodology.md",
                report::markdown::render(&r).into_bytes(),
                "text/markdown",
                "Methodology report (Markdown)",
            ),
            File::new(
                "methodology.html",
                report::html::render(&r, built.charts).into_bytes(),
                "text/html",
                "Methodology report (HTML, self-contained, charts inline)",
            ),
        ])
    }
}
