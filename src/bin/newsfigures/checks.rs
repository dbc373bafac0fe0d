//! `newsfigures checks`

use std::process::ExitCode;

use crate::{json, DataArgs, TableOrJson};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// How to print the findings: table (one sentence each) or json.
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let ledger = args.data.load()?;
    let findings = newsfigures::checks::run(&ledger)?;
    match args.format {
        TableOrJson::Json => print!("{}", json(&findings)?),
        TableOrJson::Table => {
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
