//! An archive of stories built in one command: every story folder under a
//! folder, each into its own `output/`, in parallel, and only when its
//! inputs changed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::ledger::FILES;
use crate::story::STORY_FILE;

/// What happened to one story.
#[derive(Debug, Clone, PartialEq)]
pub enum StoryResult {
    /// Built and written.
    Built {
        /// Files written.
        files: usize,
        /// Findings that are problems (checks that fail, sources that differ).
        findings: usize,
        /// Problems in the audit of numbers.
        audit_problems: usize,
        /// Warnings (missing texts).
        warnings: Vec<String>,
    },
    /// Its inputs are those of the build already in its output folder.
    UpToDate,
    /// It could not be built; its output folder is untouched.
    Failed(String),
}

/// The outcome of an archive build.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Each story folder and what happened to it, in folder order.
    pub stories: Vec<(PathBuf, StoryResult)>,
}

impl Summary {
    /// Stories built now.
    pub fn built(&self) -> usize {
        self.stories
            .iter()
            .filter(|(_, r)| matches!(r, StoryResult::Built { .. }))
            .count()
    }

    /// Stories already up to date.
    pub fn up_to_date(&self) -> usize {
        self.stories
            .iter()
            .filter(|(_, r)| *r == StoryResult::UpToDate)
            .count()
    }

    /// Stories that failed.
    pub fn failed(&self) -> usize {
        self.stories
            .iter()
            .filter(|(_, r)| matches!(r, StoryResult::Failed(_)))
            .count()
    }
}

/// Every story folder under `dir` (a folder with a `story.toml`), sorted;
/// a story folder's own subfolders are not searched.
pub fn story_folders(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if d.join(STORY_FILE).is_file() {
            out.push(d);
            continue;
        }
        for entry in std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let name = entry.file_name();
            if entry.path().is_dir() && !name.to_string_lossy().starts_with('.') {
                stack.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A source text: its source's id, its path and its recorded hash.
pub(crate) type Text = (String, String, String);

/// The hash of a story folder's inputs from its raw files, without loading
/// it: the same value a full build computes, so an unchanged story is
/// recognised in the time it takes to read and hash its files. Also gives
/// each source text's id, path and recorded hash.
pub(crate) fn quick_inputs(dir: &Path) -> Option<(String, Vec<Text>)> {
    let mut parts: Vec<(String, String)> = Vec::new();
    for f in FILES {
        match std::fs::read(dir.join(f)) {
            Ok(bytes) => parts.push((f.to_string(), crate::util::sha256(&bytes))),
            Err(_) if f == "paragraphs.csv" => {}
            Err(_) => return None,
        }
    }
    parts.push((
        STORY_FILE.to_string(),
        crate::util::sha256(&std::fs::read(dir.join(STORY_FILE)).ok()?),
    ));
    if let Ok(bytes) = std::fs::read(dir.join("review.csv")) {
        parts.push(("review.csv".to_string(), crate::util::sha256(&bytes)));
    }
    let mut reader = csv::Reader::from_path(dir.join("sources.csv")).ok()?;
    let headers = reader.headers().ok()?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (id, path, sha) = (col("id")?, col("text_path"), col("sha256"));
    let mut texts = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
                .to_string()
        };
        let text = get(path);
        if text.is_empty() {
            continue;
        }
        let recorded = get(sha).to_ascii_lowercase();
        let id = record.get(id)?.trim().to_string();
        parts.push((format!("text of {id}"), recorded.clone()));
        texts.push((id, text, recorded));
    }
    Some((super::all_inputs(&parts), texts))
}

fn build_one(dir: &Path, force: bool) -> StoryResult {
    let options = super::BuildOptions {
        force,
        ..Default::default()
    };
    match super::build_story(dir, &dir.join("output"), &options) {
        Ok(super::Outcome::UpToDate) => StoryResult::UpToDate,
        Ok(super::Outcome::Written(built) | super::Outcome::Checked { outputs: built, .. }) => {
            StoryResult::Built {
                files: built.files.len(),
                findings: built
                    .analysis
                    .findings
                    .iter()
                    .filter(|f| f.verdict.is_problem())
                    .count(),
                audit_problems: built.analysis.audit.problems(),
                warnings: built.warnings(),
            }
        }
        Err(e) => StoryResult::Failed(e.to_string()),
    }
}

/// Builds every story folder under `dir`, each into its own `output/`, on
/// a pool of `threads` threads. A story whose inputs are unchanged since
/// its last build is skipped unless `force`.
pub fn archive(dir: &Path, threads: usize, force: bool) -> Result<Summary> {
    let folders = story_folders(dir)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| Error::io(dir, std::io::Error::other(e)))?;
    // Each story runs on a thread of its own, which the pool's worker waits
    // for. A story's polars work runs on polars' pool, and a worker of
    // another pool waiting for it takes up that pool's other jobs in the
    // meantime, on the same stack (rayon-rs/rayon#1105): stories nested in
    // stories overflowed it. A plain thread waits without doing so.
    let results: Vec<StoryResult> = pool.install(|| {
        folders
            .par_iter()
            .map(|f| {
                std::thread::scope(|s| s.spawn(|| build_one(f, force)).join())
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    Ok(Summary {
        stories: folders.into_iter().zip(results).collect(),
    })
}
