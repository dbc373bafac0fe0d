//! `newsfigures charts`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newsfigures::{Analysis, Options};

use crate::load;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to write the charts into; created if missing.
    #[arg(long, value_name = "DIR", default_value = "charts")]
    out: PathBuf,
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let story = load(data)?;
    let analysis = Analysis::new(&story, &Options::default())?;
    let (charts, pngs) = newsfigures::build::draw(&analysis)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for (c, png) in charts.iter().zip(&pngs) {
        for f in newsfigures::export::chart_files(c, png)? {
            let name = f.path.strip_prefix("charts/").unwrap_or(&f.path);
            let path = args.out.join(name);
            std::fs::write(&path, &f.bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("{}  {} bytes", path.display(), f.bytes.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
