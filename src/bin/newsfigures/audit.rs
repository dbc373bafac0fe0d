//! `newsfigures audit`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use newsfigures::audit::Claim;
use newsfigures::format::text_table;

use crate::{json, DataArgs, TableOrJson};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// The source text to audit; by default the text_path in sources.csv,
    /// taken relative to the ledger folder.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// How to print the audit.
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    format: TableOrJson,
    /// Print a figures.csv row for every unmatched number instead of the audit.
    #[arg(long)]
    draft: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let ledger = args.data.load()?;
    let source = match (ledger.sources.as_slice(), &args.source) {
        ([one], _) => one,
        ([], _) => bail!(
            "sources.csv in {} lists no source to audit",
            args.data.data.display()
        ),
        (_, Some(_)) => bail!(
            "--source needs a ledger with one source; sources.csv lists {}",
            ledger.sources.len()
        ),
        (many, None) => &many[0],
    };
    let path = args
        .source
        .clone()
        .unwrap_or_else(|| ledger.text_path(source));
    let text = newsfigures::audit::read_text(&path)
        .with_context(|| format!("cannot read the text of source `{}`", source.id))?;
    let audit = newsfigures::audit::run(&ledger, source, &text);
    if args.draft {
        print!("{}", audit.draft());
        return Ok(ExitCode::SUCCESS);
    }
    match args.format {
        TableOrJson::Json => print!("{}", json(&audit)?),
        TableOrJson::Table => {
            let rows: Vec<Vec<String>> = audit
                .mentions
                .iter()
                .map(|m| {
                    let by = match &m.claim {
                        Claim::Figure { id } => format!("figure {id}"),
                        Claim::Exclusion { reason } => format!("excluded: {reason}"),
                        Claim::Unmatched => "UNMATCHED".to_string(),
                    };
                    vec![
                        m.mention.paragraph.to_string(),
                        m.mention.printed.clone(),
                        by,
                    ]
                })
                .collect();
            print!(
                "{}",
                text_table(
                    &["paragraph", "printed", "accounted for by"],
                    &rows,
                    &[true, false, false]
                )
            );
            for p in &audit.problems {
                println!("problem: {p}");
            }
            println!(
                "{} numbers in {} paragraphs: {} matched to figures, {} excluded, {} problems.",
                audit.mentions.len(),
                audit.paragraphs,
                audit.matched_figures(),
                audit.excluded(),
                audit.problems.len()
            );
        }
    }
    Ok(if audit.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
