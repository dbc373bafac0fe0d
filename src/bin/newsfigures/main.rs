//! The `newsfigures` command: a thin front end over the library.
//!
//! Parse the command line, load the story, run one command, print. Errors
//! reach the user as `Error: …` with their full chain of causes, and exit
//! with status 2.

mod audit;
mod build;
mod charts;
mod checks;
mod init;
mod metrics;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "newsfigures",
    version = concat!(env!("CARGO_PKG_VERSION"), " (story folder format 2)"),
    about = "Turn the figures in a news report into sourced records, checked metrics, charts and a methodology report.",
    long_about = "Turn the figures in a news report into sourced records, checked metrics, charts and a \
methodology report.\n\nEvery command reads a story folder: hand-edited CSV files (sources, figures, \
relations, metrics, exclusions) and a story file (story.toml), described in data/README.md. Commands \
never modify the folder; `init` creates one."
)]
struct Cli {
    /// The story folder.
    #[arg(long, value_name = "DIR", default_value = "data", global = true)]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute every metric defined in metrics.csv, and each series' changes.
    #[command(
        long_about = "Compute every metric: those in metrics.csv (a ratio, difference or \
relative change of two sums of figures) and the changes derived for every series reported for more \
than one period. Shares are fractions between 0 and 1, shown as percentages; a rate between two kinds \
of thing is shown per unit."
    )]
    Metrics(metrics::Args),
    /// Check the arithmetic and the figures across reports; report findings.
    #[command(
        long_about = "Check everything the figures should satisfy and report each as a \
finding: the relations in relations.csv (hedged figures checked as the ranges they allow, with the \
single slips that would explain a failed total), the same relation in other reports, the same series \
across reports, and every derived number a report prints against its metric. A check that fails is \
a finding, not an error: the command exits 0 whenever the story loads."
    )]
    Checks(checks::Args),
    /// Match every number in each source text to the ledger.
    #[command(
        long_about = "Read each source text the ledger holds, find every number in it (digits, \
number words, money, percentages and dates, in English and Urdu), and match each to a figure or an \
exclusion. Also checks that every figure's printed words are in its paragraph and that its value and \
hedge are the text's. Exits 1 when anything is unaccounted for. With --draft, drafts every number not \
yet in the ledger from the words around it, as init does, and prints the figures.csv rows, then the \
exclusions.csv, relations.csv and metrics.csv rows it proposes, each marked draft, to add to the \
ledger."
    )]
    Audit(audit::Args),
    /// Draw every chart: SVG (wide and narrow), PNG, alt text, data.
    #[command(
        long_about = "Draw every chart of the story file into a folder: for each, the SVG in a \
wide and a narrow layout (with title and description for screen readers), a PNG at twice the size \
rendered with the bundled font, the alt text, and a CSV of exactly the numbers drawn."
    )]
    Charts(charts::Args),
    /// Rebuild every published file, or check that none drifted.
    #[command(
        long_about = "Rebuild every published file of a story into one folder (default output/ \
for the story in data/, else DIR/output): the charts, the figures, sources, metrics and findings as \
CSV and JSON, the audit, the methodology report in Markdown and HTML, and datapackage.json. The same \
inputs always give byte-identical files. The folder is replaced in one atomic step only when \
everything succeeded, so a failed or interrupted build leaves the previous output as it was. A source \
text that is missing is not an error: the last audit is kept if nothing it covered changed, else it \
is marked as not re-checked. With --check, nothing is written: the build is compared byte for byte \
with the folder and every difference is listed (exit 1 if any). With --stories DIR, every story \
folder under DIR is built into its own output/, --jobs at a time, skipping those whose inputs are \
unchanged."
    )]
    Build(build::Args),
    /// Create a story folder from a report's text, with every number drafted.
    #[command(
        long_about = "Create a new story folder from a report's text, read for you: sources.csv \
with the text's SHA-256, address, outlet and headline; a figures.csv row for every number in the text \
(digits, number words, money, percentages, dates, in English and Urdu) with its kind, unit, hedge, \
credit and period drafted from the words around it; ages, labels and times of day left out in \
exclusions.csv with the reason; the relations and metrics the numbers imply, proposed with their \
reason; and a story.toml with one commented example of each chart kind. Everything drafted is marked \
draft, every guess says so in `inferred`, and nothing written is a placeholder. `newsfigures build \
--data DIR` then works at once. The text itself is not copied."
    )]
    Init(init::Args),
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

fn load(data: &std::path::Path) -> anyhow::Result<newsfigures::Story> {
    newsfigures::Story::load(data)
        .with_context(|| format!("cannot load the story in {}", data.display()))
}

fn main() -> ExitCode {
    // Piped into `head`, stop quietly when the reader goes away, as other
    // Unix tools do, rather than panic on a failed print.
    #[cfg(unix)]
    // The crate's one unsafe block: no safe wrapper resets a signal's
    // action. SAFETY: resetting a signal to its default action before any
    // thread starts has no preconditions.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Metrics(args) => metrics::run(&cli.data, args),
        Command::Checks(args) => checks::run(&cli.data, args),
        Command::Audit(args) => audit::run(&cli.data, args),
        Command::Charts(args) => charts::run(&cli.data, args),
        Command::Build(args) => build::run(&cli.data, args),
        Command::Init(args) => init::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Pretty JSON with a final newline.
fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(String::from_utf8(newsfigures::util::json_bytes(
        "<stdout>", value,
    )?)?)
}
