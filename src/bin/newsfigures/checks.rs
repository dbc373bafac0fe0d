//! `newsfigures checks`

use std::path::Path;
use std::process::ExitCode;

use crate::{Format, json, load};

#[derive(clap::Args)]
pub struct Args {
    /// How to print the findings: table (one sentence each) or json.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let story = load(data)?;
    let metrics = newsfigures::analysis::metrics::compute(&story.ledger)?;
    let findings = newsfigures::analysis::checks::run(&story.ledger, &metrics, &story.file.hedges)?;
    match args.format {
        Format::Json => print!("{}", json(&findings)?),
        Format::Csv => anyhow::bail!(
            "checks prints a table or json; --format csv is not offered (the build writes tables/findings.csv)"
        ),
        Format::Table => {
            for f in &findings {
                let mark = match f.verdict {
                    newsfigures::analysis::Verdict::Fails => "FAIL",
                    newsfigures::analysis::Verdict::Differs => "DIFF",
                    _ => "ok  ",
                };
                println!("{mark} {:<36} {}", f.id, f.sentence);
            }
            let problems = findings.iter().filter(|f| f.verdict.is_problem()).count();
            println!("{} checks, {problems} with a problem.", findings.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
