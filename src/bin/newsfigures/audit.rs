//! `newsfigures audit`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use newsfigures::analysis::audit::{self, Claim};
use newsfigures::format::text_table;
use newsfigures::ledger::{Ledger, Source};

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
    /// Instead of the audit, draft every number not yet in the ledger: print
    /// figures.csv rows, then the exclusions.csv, relations.csv and
    /// metrics.csv rows the draft proposes, each block under a `#` line naming
    /// its file.
    #[arg(long)]
    draft: bool,
}

/// `--source` stands in for source `s`'s text, so it must be that text
/// (a newer copy at another path, or one not yet hashed): another report
/// would be audited and drafted as `s`, its rows given `s`'s id and its
/// numbers that `s` shares left out. Refused, with the sources.csv row that
/// adds it as a report of its own.
fn not_another_report(ledger: &Ledger, s: &Source, path: &Path, text: &str) -> anyhow::Result<()> {
    let hash = newsfigures::util::sha256(text.as_bytes());
    if s.sha256.is_empty() || hash == s.sha256 {
        return Ok(());
    }
    let relative = pathdiff(path, &ledger.dir);
    bail!(
        "{} is not the text of source `{}` ({}, line {}, records SHA-256 {}); to add it as another report, add its row to sources.csv, giving its id, title, outlet and date (language `en` or `ur`):\n  ID,\"TITLE\",OUTLET,,YYYY-MM-DD,LANGUAGE,{},{hash},\nthen run `newsfigures audit --data {} --draft` (without --source) to draft its numbers",
        path.display(),
        s.id,
        ledger.dir.join("sources.csv").display(),
        s.line,
        s.sha256,
        relative,
        ledger.dir.display()
    )
}

/// `path` relative to `dir` when it lies beneath it, else as given.
fn pathdiff(path: &Path, dir: &Path) -> String {
    let (Ok(p), Ok(d)) = (path.canonicalize(), dir.canonicalize()) else {
        return path.display().to_string();
    };
    p.strip_prefix(&d)
        .map_or_else(|_| p.display().to_string(), |r| r.display().to_string())
}

/// What the ledger already holds of source `s`, so that a draft adds to it.
fn existing(
    ledger: &Ledger,
    s: &Source,
    mentions: &[audit::Matched],
) -> newsfigures::draft::Existing {
    let mut out = newsfigures::draft::Existing::default();
    for m in mentions.iter().filter(|m| m.claim != Claim::Unmatched) {
        out.matched.insert((m.mention.paragraph, m.mention.start));
    }
    for f in ledger.figures.iter().filter(|f| f.source == s.id) {
        *out.figure_rows
            .entry((f.paragraph, f.printed.to_string()))
            .or_insert(0) += 1;
    }
    for e in ledger.exclusions.iter().filter(|e| e.source == s.id) {
        *out.exclusion_rows
            .entry((e.paragraph, e.printed.clone()))
            .or_insert(0) += 1;
    }
    let ids = ledger.figures.iter().map(|f| f.id.to_string());
    let ids = ids.chain(ledger.relations.iter().map(|r| r.id.to_string()));
    out.ids = ids
        .chain(ledger.metrics.iter().map(|m| m.id.to_string()))
        .collect();
    out
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
    let mut more = newsfigures::draft::Draft::default();
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
        if args.source.is_some() {
            not_another_report(ledger, s, &path, &text)?;
        }
        if args.draft && n == 0 {
            println!("# figures.csv: rows to add");
        }
        let checked = audit::source(ledger, s, &text, &[]);
        let (mentions, problems) = (&checked.mentions, &checked.problems);
        failed |= !problems.is_empty();
        if args.draft {
            let drafted = newsfigures::draft::draft(
                s,
                &audit::paragraphs(&text),
                &existing(ledger, s, mentions),
            );
            print!("{}", drafted.figures_csv(n == 0));
            more.exclusions.extend(drafted.exclusions);
            more.relations.extend(drafted.relations);
            more.metrics.extend(drafted.metrics);
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
    for (file, csv) in [
        ("exclusions.csv", more.exclusions_csv(false)),
        ("relations.csv", more.relations_csv(false)),
        ("metrics.csv", more.metrics_csv(false)),
    ] {
        if !csv.is_empty() {
            print!("# {file}: rows to add\n{csv}");
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
