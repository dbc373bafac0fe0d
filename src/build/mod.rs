//! Batch output: every file a story publishes, built in memory from its
//! analysis and written all at once; and an archive of stories built in
//! parallel, each only when its inputs changed.
//!
//! [`outputs`] makes the files; [`write_atomically`] puts them in place so
//! that a failed or killed build leaves the previous folder exactly as it
//! was; [`check`] compares them with a folder byte for byte;
//! [`build_story`] does all three for a story folder, as the command does.
//! Every file is deterministic: no timestamps, no machine paths, no
//! hash-map order.

mod archive;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::audit::Audit;
use crate::analysis::{Analysis, Options, TextNote};
use crate::charts::Chart;
use crate::error::{Error, Location, Result};
use crate::export::{self, Built, File};
use crate::story::Story;

pub use archive::{StoryResult, Summary, archive, story_folders};
pub use write::{Difference, check, write_atomically, write_into};

/// A build: every file to publish, and what the build has to say.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// Every output file, in a fixed order.
    pub files: Vec<File>,
    /// The analysis the files were made from.
    pub analysis: Analysis,
    /// How many rows are drafts nobody has checked, in a sentence; none
    /// when every row is checked.
    pub drafts: Option<String>,
}

impl Outputs {
    /// Warnings a person running the build should see: texts missing,
    /// review entries gone stale, rows still drafts, audit problems.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for n in &self.analysis.text_notes {
            match n {
                TextNote::Kept { source, path } => out.push(format!(
                    "the text of `{source}` was not found at {}; the audit from the last build is kept, since nothing it covered has changed",
                    path.display()
                )),
                TextNote::Missing { source, path } => out.push(format!(
                    "the text of `{source}` was not found at {}; its audit is marked as not re-checked",
                    path.display()
                )),
            }
        }
        out.extend(self.analysis.stale_review.iter().cloned());
        // What init drafted and nobody has checked is published only with
        // the methodology saying so; the journalist hears it here too.
        if let Some(drafts) = &self.drafts {
            out.push(format!(
                "{drafts} Check each against its text and clear its `status` (data/README.md)."
            ));
        }
        let problems = self.analysis.audit.problems();
        if problems > 0 {
            out.push(format!("the audit found {} with the numbers in the texts (see audit.json); run `newsfigures audit` for details", crate::words::count(problems, "problem", "problems")));
        }
        out
    }
}

/// The hash of every input, by name: the ledger's and story's files, each
/// source text's recorded SHA-256 and the engine's version; then, under
/// [`export::package::INPUTS`], all of them together. A text is named by
/// the hash `sources.csv` records, which the audit checks it against, so
/// the outputs are the same whether or not the text is present.
pub fn input_hashes(story: &Story) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = story
        .ledger
        .hashes
        .iter()
        .chain(&story.hashes)
        .map(|(n, h)| (n.clone(), h.clone()))
        .collect();
    for s in story.ledger.sources.iter().filter(|s| s.has_text()) {
        out.push((format!("text of {}", s.id), s.sha256.clone()));
    }
    let all = all_inputs(&out);
    out.push((export::package::INPUTS.to_string(), all));
    out
}

/// One hash over named input hashes and the engine's version.
pub(crate) fn all_inputs(parts: &[(String, String)]) -> String {
    crate::util::sha256_parts(
        parts
            .iter()
            .map(|(n, h)| (n.as_str(), h.as_bytes()))
            .chain(std::iter::once(("engine", crate::ENGINE.as_bytes()))),
    )
}

/// The audit a previous build left in `out`, if it can be read.
pub fn previous_audit(out: &Path) -> Option<Audit> {
    let bytes = std::fs::read(out.join(export::AUDIT_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// How [`build_story`] builds a story.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Build even when the inputs are those of the build in the output
    /// folder.
    pub force: bool,
    /// Compare a build with the output folder instead of writing it.
    pub check: bool,
    /// The text to audit, for a story with one source text, instead of the
    /// one `sources.csv` names.
    pub source: Option<PathBuf>,
    /// Build although the audit finds numbers in a text that the ledger
    /// does not account for; every output then says so.
    pub allow_audit_problems: bool,
}

/// What [`build_story`] did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The output folder holds a build of exactly the present inputs;
    /// nothing was built.
    UpToDate,
    /// Built, and written as the whole output folder.
    Written(Outputs),
    /// Built and compared with the output folder, which is left as it was.
    Checked {
        /// The build.
        outputs: Outputs,
        /// Every file that differs, sorted.
        differences: Vec<Difference>,
    },
}

/// Builds the story in `dir` into the folder `out`, all at once or not at
/// all ([`write_atomically`]); with `check`, compares a build with `out`
/// instead. Unless `force`, `check` or a `source` is given, an unchanged
/// story is recognised from its files' hashes before anything is parsed.
/// An error says which step failed.
pub fn build_story(dir: &Path, out: &Path, options: &BuildOptions) -> Result<Outcome> {
    if !options.force && !options.check && options.source.is_none() && up_to_date(out, dir) {
        return Ok(Outcome::UpToDate);
    }
    let story = Story::load(dir)
        .map_err(|e| e.context(format!("cannot load the story in {}", dir.display())))?;
    let mut paths = HashMap::new();
    if let Some(file) = &options.source {
        let texts: Vec<_> = story
            .ledger
            .sources
            .iter()
            .filter(|s| s.has_text())
            .collect();
        let [only] = texts[..] else {
            return Err(Error::data(
                Location::file(story.ledger.dir.join("sources.csv")),
                format!(
                    "one text was given to audit, so the story must have one source with a text; this file names {}",
                    texts.len()
                ),
            ));
        };
        paths.insert(only.id.clone(), file.clone());
    }
    let analysis_options = Options {
        allow_audit_problems: options.allow_audit_problems,
        ..options_for(out, paths)
    };
    let built =
        outputs(&story, &analysis_options).map_err(|e| e.context("cannot build the outputs"))?;
    if options.check {
        let differences = check(out, &built.files)
            .map_err(|e| e.context(format!("cannot compare with {}", out.display())))?;
        return Ok(Outcome::Checked {
            outputs: built,
            differences,
        });
    }
    write_atomically(out, &built.files).map_err(|e| {
        e.context(format!(
            "cannot write {}; its previous content is unchanged",
            out.display()
        ))
    })?;
    Ok(Outcome::Written(built))
}

/// True when `out` holds a build of the story in `dir` made from exactly
/// its present inputs: the same files (by hash), and every text the ledger
/// names in the state the audit in `out` saw it (a text that has appeared
/// since it was marked as not re-checked, or has changed, needs a build).
pub fn up_to_date(out: &Path, dir: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Stamp {
        newsfigures_inputs: String,
    }
    let Some((inputs, texts)) = archive::quick_inputs(dir) else {
        return false;
    };
    let stamped = std::fs::read(out.join(export::package::PACKAGE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<Stamp>(&b).ok())
        .is_some_and(|s| s.newsfigures_inputs == inputs);
    if !stamped {
        return false;
    }
    let audit = previous_audit(out);
    // A build published with audit problems is never taken as current: the
    // next build without leave to publish them must refuse it.
    if audit.as_ref().is_some_and(|a| a.problems() > 0) {
        return false;
    }
    texts
        .iter()
        .all(|(id, path, recorded)| match std::fs::read(dir.join(path)) {
            Err(_) => true,
            Ok(bytes) => {
                crate::util::sha256(&bytes) == *recorded
                    && audit
                        .as_ref()
                        .and_then(|a| a.source(id))
                        .is_some_and(|a| a.status == crate::analysis::audit::Status::Checked)
            }
        })
}

/// Draws every chart of the analysis and renders each one's PNG, the
/// charts in parallel; when charts fail, the first of them in the
/// analysis' order is the error.
pub fn draw(analysis: &Analysis) -> Result<(Vec<Chart>, Vec<Vec<u8>>)> {
    let done: Vec<Result<(Chart, Vec<u8>)>> = analysis
        .charts
        .par_iter()
        .map(|plan| {
            let chart = plan.draw()?;
            let png = png(&chart)?;
            Ok((chart, png))
        })
        .collect();
    let done: Vec<(Chart, Vec<u8>)> = done.into_iter().collect::<Result<_>>()?;
    Ok(done.into_iter().unzip())
}

/// Renders each chart's PNG, in the charts' order; when charts fail, the
/// first of them in that order is the error.
pub fn pngs(charts: &[Chart]) -> Result<Vec<Vec<u8>>> {
    let rendered: Vec<Result<Vec<u8>>> = charts.par_iter().map(png).collect();
    rendered.into_iter().collect()
}

/// One chart's PNG. A panic while rendering fails this chart, not the
/// build (nor, with --stories, the archive).
fn png(chart: &Chart) -> Result<Vec<u8>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Test builds only: `NEWSFIGURES_FAULT=panic-render` makes every
        // chart's rendering panic.
        #[cfg(feature = "fault-injection")]
        if std::env::var("NEWSFIGURES_FAULT").as_deref() == Ok("panic-render") {
            panic!("rendering panicked (injected)");
        }
        chart.png()
    }))
    .unwrap_or_else(|_| Err(crate::Error::chart(&chart.id, "rendering panicked")))
}

/// Every output file of `story`, in a fixed order. `options` says where
/// the texts are, and may carry the audit of the last build.
pub fn outputs(story: &Story, options: &Options) -> Result<Outputs> {
    let hashes = input_hashes(story);
    let analysis = Analysis::new(story, options)?;
    let (charts, pngs) = draw(&analysis)?;
    let built = Built {
        story,
        analysis: &analysis,
        charts: &charts,
        pngs: &pngs,
        input_hashes: &hashes,
    };
    let mut files: Vec<File> = Vec::new();
    for exporter in export::all() {
        let more = exporter.files(&built, &files)?;
        files.extend(more);
    }
    Ok(Outputs {
        files,
        analysis,
        drafts: crate::analysis::drafts(&story.ledger),
    })
}

/// Options for building `story` into `out`: texts from the ledger, and the
/// audit `out` holds from the last build.
pub fn options_for(out: &Path, paths: HashMap<String, PathBuf>) -> Options {
    Options {
        paths,
        previous: previous_audit(out),
        ..Options::default()
    }
}
