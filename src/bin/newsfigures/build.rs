//! `newsfigures build`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use newsfigures::build;

use crate::DataArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// The folder to build into (replaced as a whole).
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// The source text to audit; by default the text_path in sources.csv.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// Compare a fresh build with the folder instead of writing it.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let ledger = args.data.load()?;
    let build::Outputs { files, audit } =
        build::outputs(&ledger, args.source.as_deref()).context("cannot build the outputs")?;
    if args.check {
        let differences = build::check(&args.out, &files)
            .with_context(|| format!("cannot compare with {}", args.out.display()))?;
        for d in &differences {
            println!("{d}");
        }
        if differences.is_empty() {
            println!(
                "{}: all {} files are up to date.",
                args.out.display(),
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}: {} of {} files differ from a fresh build; run `cargo run --release -- build` and commit the result.",
            args.out.display(),
            differences.len(),
            files.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    build::write_atomically(&args.out, &files).with_context(|| {
        format!(
            "cannot write {}; its previous content is unchanged",
            args.out.display()
        )
    })?;
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{}: wrote {} files, {} bytes.",
        args.out.display(),
        files.len(),
        bytes
    );
    // The build publishes an incomplete audit rather than failing, so say so.
    if !audit.passed() {
        eprintln!(
            "warning: the audit found {} problems (see {}); run `newsfigures audit` for details.",
            audit.problems.len(),
            args.out.join("audit.json").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
