//! `newsfigures charts`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::DataArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// The folder to write the charts into; created if missing.
    #[arg(long, value_name = "DIR", default_value = "charts")]
    out: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let ledger = args.data.load()?;
    let charts = newsfigures::charts::all(&ledger)?;
    let mut files = newsfigures::build::chart_files(&charts)?;
    for f in &mut files {
        f.path = f.path.trim_start_matches("charts/").to_string();
    }
    newsfigures::build::write_into(&args.out, &files)
        .with_context(|| format!("cannot write the charts into {}", args.out.display()))?;
    for f in &files {
        println!(
            "{}  {} bytes",
            args.out.join(&f.path).display(),
            f.bytes.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
