//! `newsfigures build`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newsfigures::build::{self, BuildOptions, Outcome, StoryResult};

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
    /// Build although the audit finds numbers in a text that the ledger
    /// does not account for; every output then says so.
    #[arg(long)]
    allow_audit_problems: bool,
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
    let options = BuildOptions {
        force: args.force,
        check: args.check,
        source: args.source.clone(),
        allow_audit_problems: args.allow_audit_problems,
    };
    let (built, differences) = match build::build_story(data, &out, &options)? {
        Outcome::UpToDate => {
            println!(
                "{}: up to date (the inputs are those of the last build).",
                out.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Outcome::Written(built) => (built, None),
        Outcome::Checked {
            outputs,
            differences,
        } => (outputs, Some(differences)),
    };
    for w in built.warnings() {
        eprintln!("warning: {w}");
    }
    let (out, n) = (out.display(), built.files.len());
    match differences {
        None => {
            let bytes: usize = built.files.iter().map(|f| f.bytes.len()).sum();
            println!("{out}: wrote {n} files, {bytes} bytes.");
        }
        Some(d) if d.is_empty() => println!("{out}: all {n} files are up to date."),
        Some(d) => {
            for difference in &d {
                println!("{difference}");
            }
            // Say how to rebuild this story, and to commit only where there
            // is a repository to commit to.
            let rebuild = format!("newsfigures build --data {}", data.display());
            let commit = if in_git_repository(Path::new(&out.to_string())) {
                " and commit the result"
            } else {
                ""
            };
            println!(
                "{out}: {} of {n} files differ from a fresh build; run `{rebuild}`{commit}.",
                d.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// True when `path` (or the folder it would be made in) lies inside a git
/// work tree.
fn in_git_repository(path: &Path) -> bool {
    let start = std::fs::canonicalize(path)
        .or_else(|_| std::env::current_dir().map(|d| d.join(path)))
        .unwrap_or_default();
    start.ancestors().any(|a| a.join(".git").exists())
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
