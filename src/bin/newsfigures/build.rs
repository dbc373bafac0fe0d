//! `newsfigures build`

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newsfigures::build::{self, StoryResult};

use crate::load;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to build into, replaced as a whole [default: output for
    /// the story in data/, else DIR/output].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The text to audit for a story with one source text, instead of the
    /// one sources.csv names.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// Compare a fresh build with the folder instead of writing it.
    #[arg(long)]
    check: bool,
    /// Build every story folder under DIR, each into its own output/.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "source", "check"])]
    stories: Option<PathBuf>,
    /// Build even when the inputs are those of the last build.
    #[arg(long)]
    force: bool,
    /// Stories built at once with --stories [default: the number of cores].
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
}

/// Where a story's outputs go by default.
pub fn default_out(data: &Path) -> PathBuf {
    if data.file_name().is_some_and(|n| n == "data") {
        data.parent()
            .map(|p| p.join("output"))
            .unwrap_or_else(|| PathBuf::from("output"))
    } else {
        data.join("output")
    }
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.stories {
        return archive(dir, args);
    }
    let out = args.out.clone().unwrap_or_else(|| default_out(data));
    // An unchanged story is recognised from its files' hashes, before
    // anything is parsed.
    if !args.check && !args.force && args.source.is_none() && build::up_to_date(&out, data) {
        println!(
            "{}: up to date (the inputs are those of the last build).",
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let story = load(data)?;
    let mut paths = HashMap::new();
    if let Some(file) = &args.source {
        let with_text: Vec<_> = story
            .ledger
            .sources
            .iter()
            .filter(|s| s.has_text())
            .collect();
        anyhow::ensure!(
            with_text.len() == 1,
            "--source needs a story with one source text; sources.csv names {}",
            with_text.len()
        );
        paths.insert(with_text[0].id.clone(), file.clone());
    }
    let built = build::outputs(&story, &build::options_for(&out, paths))
        .context("cannot build the outputs")?;
    for w in built.warnings() {
        eprintln!("warning: {w}");
    }
    if args.check {
        let differences = build::check(&out, &built.files)
            .with_context(|| format!("cannot compare with {}", out.display()))?;
        for d in &differences {
            println!("{d}");
        }
        if differences.is_empty() {
            println!(
                "{}: all {} files are up to date.",
                out.display(),
                built.files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}: {} of {} files differ from a fresh build; run `newsfigures build` and commit the result.",
            out.display(),
            differences.len(),
            built.files.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    build::write_atomically(&out, &built.files).with_context(|| {
        format!(
            "cannot write {}; its previous content is unchanged",
            out.display()
        )
    })?;
    let bytes: usize = built.files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{}: wrote {} files, {} bytes.",
        out.display(),
        built.files.len(),
        bytes
    );
    Ok(ExitCode::SUCCESS)
}

fn archive(dir: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let summary = build::archive(dir, jobs, args.force)
        .with_context(|| format!("cannot build the stories under {}", dir.display()))?;
    let (mut findings, mut problems) = (0, 0);
    for (folder, r) in &summary.stories {
        match r {
            StoryResult::Built {
                files,
                findings: f,
                audit_problems: p,
                warnings,
            } => {
                findings += f;
                problems += p;
                println!(
                    "built       {}  ({files} files, {f} findings, {p} audit problems)",
                    folder.display()
                );
                for w in warnings {
                    eprintln!("warning: {}: {w}", folder.display());
                }
            }
            StoryResult::UpToDate => println!("up to date  {}", folder.display()),
            StoryResult::Failed(e) => eprintln!("failed      {}: {e}", folder.display()),
        }
    }
    println!(
        "{} stories: {} built, {} up to date, {} failed; {findings} findings and {problems} audit problems in the stories built.",
        summary.stories.len(),
        summary.built(),
        summary.up_to_date(),
        summary.failed()
    );
    Ok(if summary.failed() > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
