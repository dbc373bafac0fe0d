//! `newsfigures checks`

use std::path::Path;
use std::process::ExitCode;

use newsfigures::analysis::Finding;
use newsfigures::ledger::{Ledger, Status};

use crate::{Format, json, load};

#[derive(clap::Args)]
pub struct Args {
    /// How to print the findings: table (one sentence each) or json.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Why a finding is a draft's: the note of the drafted relation it checks,
/// or of the drafted metric its printed number is tied to.
fn draft_note<'a>(ledger: &'a Ledger, f: &Finding) -> Option<&'a str> {
    if let Some(r) = ledger
        .relations
        .iter()
        .find(|r| r.id == f.id && r.line == f.line)
    {
        return (r.status == Status::Draft).then_some(r.note.as_str());
    }
    let figure =
        f.id.strip_suffix("_printed")
            .and_then(|id| ledger.figure(id))?;
    let metric = ledger
        .metrics
        .iter()
        .find(|m| Some(&m.id) == figure.metric.as_ref())?;
    (metric.status == Status::Draft).then_some(metric.note.as_str())
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let story = load(data)?;
    let ledger = &story.ledger;
    let metrics = newsfigures::analysis::metrics::compute(ledger)?;
    let findings = newsfigures::analysis::checks::run(ledger, &metrics, &story.file.hedges)?;
    match args.format {
        Format::Json => {
            let mut out = serde_json::to_value(&findings)?;
            for (f, v) in findings
                .iter()
                .zip(out.as_array_mut().into_iter().flatten())
            {
                if let (Some(note), Some(o)) = (draft_note(ledger, f), v.as_object_mut()) {
                    o.insert("draft".into(), serde_json::Value::String(note.to_string()));
                }
            }
            print!("{}", json(&out)?);
        }
        Format::Csv => anyhow::bail!(
            "checks prints a table or json; --format csv is not offered (the build writes tables/findings.csv)"
        ),
        Format::Table => {
            let mut drafts = 0;
            for f in &findings {
                let mark = match f.verdict {
                    newsfigures::analysis::Verdict::Fails => "FAIL",
                    newsfigures::analysis::Verdict::Differs => "DIFF",
                    _ => "ok  ",
                };
                match draft_note(ledger, f) {
                    Some(note) => {
                        drafts += 1;
                        println!("{mark} {:<36} (draft) {} [{note}]", f.id, f.sentence);
                    }
                    None => println!("{mark} {:<36} {}", f.id, f.sentence),
                }
            }
            let problems = findings.iter().filter(|f| f.verdict.is_problem()).count();
            print!("{} checks, {problems} with a problem.", findings.len());
            if drafts > 0 {
                let (n, verb) = if drafts == 1 {
                    (
                        "One".to_string(),
                        "of them checks a drafted relation or metric",
                    )
                } else {
                    (
                        drafts.to_string(),
                        "of them check drafted relations or metrics",
                    )
                };
                print!(
                    " {n} {verb}, marked (draft): accept one by clearing its `status`, or delete it."
                );
            }
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}
