//! The `newsfigures` command: a thin front end over the library.
//!
//! Parse the command line, load the ledger, run one command, print. Errors
//! reach the user as `Error: …` with their full chain of causes.

mod audit;
mod build;
mod charts;
mod checks;
mod metrics;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "newsfigures",
    version,
    about = "Turn the figures in a news report into sourced records, checked metrics, charts and a methodology report.",
    long_about = "Turn the figures in a news report into sourced records, checked metrics, charts and a \
methodology report.\n\nEvery command reads a ledger: a folder of hand-edited CSV files (figures, \
relations, metrics, exclusions, sources) described in data/README.md. Commands never modify the ledger."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute every metric defined in metrics.csv.
    #[command(
        long_about = "Compute every metric defined in metrics.csv from the figures in figures.csv. \
Each metric is a ratio of sums of figures; shares are fractions between 0 and 1, shown as percentages \
in the table. The json format gives, for each metric, its id, value, numerator, denominator, formula \
and description. Costs a few milliseconds."
    )]
    Metrics(metrics::Args),
    /// Check the arithmetic relations in relations.csv and report findings.
    #[command(
        long_about = "Check the arithmetic relations in relations.csv, such as \"the platform \
counts add up to the total\", and report each as a finding with the expected and actual totals, the \
gap and a sentence a reader understands. A relation that does not hold is a finding, not an error: \
the command exits 0 whenever the ledger loads and the checks ran."
    )]
    Checks(checks::Args),
    /// Match every number in the source text to the ledger.
    #[command(
        long_about = "Read the source text, find every number in it (digits, dates and number \
words), and match each to a figure in figures.csv or an exclusion in exclusions.csv. Also checks that \
every figure's printed text is in its paragraph and that its value is the number printed. Exits 1 \
when anything is unaccounted for. With --draft, prints a figures.csv row for every unmatched number, \
ready to paste into the ledger and complete."
    )]
    Audit(audit::Args),
    /// Draw every chart as SVG and PNG, with alt text and the data drawn.
    #[command(
        long_about = "Draw every chart from the ledger into a folder: for each, an SVG (with \
title and description for screen readers), a PNG at twice the size rendered with the bundled font, the \
alt text, and a CSV of exactly the numbers drawn. Takes well under a second."
    )]
    Charts(charts::Args),
    /// Rebuild every published file from the ledger, or check that none drifted.
    #[command(
        long_about = "Rebuild every published file from the ledger into one folder (default \
output/): the charts (SVG, PNG, alt text, data), the figures, metrics and findings as CSV and JSON, the \
audit, the methodology report in Markdown and HTML, and datapackage.json with the size and SHA-256 of \
every file. The same ledger always gives byte-identical files. The folder is replaced in one atomic \
step only when everything succeeded, so a failed or interrupted build leaves the previous output as it \
was. With --check, nothing is written: the build is compared byte for byte with the folder, every file \
that differs, is missing or is extra is listed, and the exit code is 1 if there is any. Takes about a \
tenth of a second in a release build."
    )]
    Build(build::Args),
}

/// Options shared by every command.
#[derive(clap::Args, Clone)]
struct DataArgs {
    /// The ledger folder.
    #[arg(long, value_name = "DIR", default_value = "data")]
    data: PathBuf,
}

impl DataArgs {
    fn load(&self) -> anyhow::Result<newsfigures::Ledger> {
        newsfigures::Ledger::load(&self.data)
            .with_context(|| format!("cannot load the ledger in {}", self.data.display()))
    }
}

/// Output formats; not every command offers every one.
#[derive(ValueEnum, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Aligned columns for reading in a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Metrics(args) => metrics::run(args),
        Command::Checks(args) => checks::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Charts(args) => charts::run(args),
        Command::Build(args) => build::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// For commands whose output is a table for people or JSON for programs.
#[derive(ValueEnum, Clone, Copy, PartialEq, Eq)]
enum TableOrJson {
    /// Aligned text for reading in a terminal.
    Table,
    /// JSON for other programs.
    Json,
}

/// Pretty JSON with a final newline.
fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}
