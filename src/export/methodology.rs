//! `methodology.md` and `methodology.html`: the report an editor audits.

use super::{Built, Exporter, File};
use crate::error::Result;
use crate::report::{self, Report};

pub(crate) struct Methodology;

impl Exporter for Methodology {
    fn files(&self, built: &Built, _: &[File]) -> Result<Vec<File>> {
        // The story's language first, unsuffixed; then each other language
        // it publishes in (`methodology.ur.html`).
        let mut files = Vec::new();
        let story = built.story;
        for (i, lang) in story.file.publishes_in().into_iter().enumerate() {
            let r = Report::in_lang(story, built.analysis, built.input_hashes, lang);
            let (stem, note) = if i == 0 {
                ("methodology".to_string(), String::new())
            } else {
                (format!("methodology.{lang}"), format!(", in `{lang}`"))
            };
            files.push(File::new(
                format!("{stem}.md"),
                report::markdown::render(&r).into_bytes(),
                "text/markdown",
                format!("Methodology report (Markdown{note})"),
            ));
            files.push(File::new(
                format!("{stem}.html"),
                report::html::render(&r, built.charts).into_bytes(),
                "text/html",
                format!("Methodology report (HTML, self-contained, charts inline{note})"),
            ));
        }
        Ok(files)
    }
}
