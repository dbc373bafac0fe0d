//! `newsfigures checks`

use std::process::ExitCode;

use crate::{json, DataArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// How to print the findings: table (one sentence each) or json.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum Format {
    /// One line per finding.
    Table,
    /// A JSON array of findings.
    Json,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let ledger = args.data.load()?;
    let findings = newsfigures::checks::run(&ledger)?;
    match args.format {
        Format::Json => print!("{}", json(&findings)?),
        Format::Table => {
            for f in &findings {
                let mark = if f.holds { "ok  " } else { "GAP " };
                println!("{mark} {:<26} {}", f.id, f.sentence);
            }
            let gaps = findings.iter().filter(|f| !f.holds).count();
            println!("{} relations checked, {gaps} inconsistent.", findings.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
