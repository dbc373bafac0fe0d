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
    let charts: Vec<_> = analysis
        .charts
        .iter()
        .map(|p| p.draw())
        .collect::<Result<_, _>>()?;
    let pngs = newsfigures::build::pngs(&charts)?;
    let mut files = Vec::new();
    for (c, png) in charts.iter().zip(pngs) {
        files.push((format!("{}.svg", c.id), c.svg.clone().into_bytes()));
        files.push((
            format!("{}.narrow.svg", c.id),
            c.svg_narrow.clone().into_bytes(),
        ));
        files.push((format!("{}.png", c.id), png));
        files.push((
            format!("{}.alt.txt", c.id),
            format!("{}\n", c.alt).into_bytes(),
        ));
        files.push((format!("{}.csv", c.id), c.data_csv()?.into_bytes()));
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for (name, bytes) in &files {
        let path = args.out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}  {} bytes", path.display(), bytes.len());
    }
    Ok(ExitCode::SUCCESS)
}
