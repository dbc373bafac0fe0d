//! `newsfigures audit`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use newsfigures::analysis::audit::{self, Claim};
use newsfigures::format::text_table;

use crate::{Format, json, load};

#[derive(clap::Args)]
pub struct Args {
    /// The text to audit, instead of the one sources.csv names (for a story
    /// with one source whose text is held).
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// How to print the audit.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Print a figures.csv row for every unmatched number instead of the audit.
    #[arg(long)]
    draft: bool,
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let story = load(data)?;
    let ledger = &story.ledger;
    let with_text: Vec<_> = ledger.sources.iter().filter(|s| s.has_text()).collect();
    if with_text.is_empty() {
        bail!(
            "sources.csv in {} names no text to audit (every source is cited by its address only)",
            data.display()
        );
    }
    if args.source.is_some() && with_text.len() > 1 {
        bail!(
            "--source needs a story with one source text; sources.csv names {}",
            with_text.len()
        );
    }
    let mut failed = false;
    let mut reports = Vec::new();
    for (n, s) in with_text.into_iter().enumerate() {
        let path = args.source.clone().unwrap_or_else(|| ledger.text_path(s));
        let text = audit::read_text(&path).with_context(|| {
            format!(
                "cannot read the text of source `{}`: {}, line {}, field `text_path` gives {:?}",
                s.id,
                ledger.dir.join("sources.csv").display(),
                s.line,
                s.text_path
            )
        })?;
        let checked = audit::source(ledger, s, &text, &[]);
        let (mentions, problems) = (&checked.mentions, &checked.problems);
        failed |= !problems.is_empty();
        if args.draft {
            print!("{}", audit::draft(s, mentions, n == 0));
            continue;
        }
        match args.format {
                        Format::Json => reports.push(serde_json::json!({
                "source": s.id, "paragraphs": checked.paragraphs, "mentions": mentions, "problems": problems,
            })),
            Format::Csv => bail!("audit prints a table or json; --format csv is not offered"),
            Format::Table => {
                println!("== {} ({}, {})", s.id, s.outlet, s.date);
                let rows: Vec<Vec<String>> = mentions
                    .iter()
                    .map(|m| {
                        let by = match &m.claim {
                            Claim::Figure { id, draft } => format!("figure {id}{}", if *draft { " (draft)" } else { "" }),
                            Claim::Exclusion { reason } => format!("excluded: {reason}"),
                            Claim::Unmatched => "UNMATCHED".to_string(),
                        };
                        vec![m.mention.paragraph.to_string(), m.mention.printed.clone(), by]
                    })
                    .collect();
                print!("{}", text_table(&["paragraph", "printed", "accounted for by"], &rows, &[true, false, false]));
                for p in problems {
                    println!("problem: {p}");
                }
                println!("{}", checked.summary());
            }
        }
    }
    if args.format == Format::Json && !args.draft {
        print!("{}", json(&reports)?);
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
