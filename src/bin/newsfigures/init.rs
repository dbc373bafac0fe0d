//! `newsfigures init`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// The story folder to create (new, or empty).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The report's text (UTF-8, paragraphs separated by blank lines). It is
    /// not copied; the story records its path, relative to the folder.
    #[arg(long, value_name = "FILE")]
    source: PathBuf,
    /// The report's web address.
    #[arg(long, value_name = "URL", default_value = "")]
    url: String,
    /// The outlet that published it; required unless the text names it
    /// ("Published in Dawn, …").
    #[arg(long, value_name = "NAME", default_value = "")]
    outlet: String,
    /// The publication date; by default the first full date in the text.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The text's language code; by default `ur` for a text mostly in Arabic
    /// script, else `en`.
    #[arg(long, value_name = "CODE", default_value = "")]
    language: String,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let options = newsfigures::init::Init {
        url: args.url.clone(),
        outlet: args.outlet.clone(),
        date: args.date.clone(),
        language: args.language.clone(),
    };
    let created = newsfigures::init::init(&args.dir, &args.source, &options)
        .with_context(|| format!("cannot create the story folder {}", args.dir.display()))?;
    print!("{}", report(&args.dir.display().to_string(), &created));
    Ok(ExitCode::SUCCESS)
}

/// What init drafted, and what it left for the journalist.
fn report(d: &str, c: &newsfigures::init::Created) -> String {
    let s = &c.summary;
    let count = newsfigures::words::count;
    let mut out = format!(
        "{d}: created, with {} numbers drafted: {} in figures.csv, {} left out in exclusions.csv with the reason; {} and {} proposed in relations.csv and metrics.csv, each with the reason in `note`.\n",
        s.numbers,
        count(s.figures, "figure", "figures"),
        s.excluded,
        count(s.relations, "relation", "relations"),
        count(s.metrics, "metric", "metrics"),
    );
    out.push_str("Every drafted row is marked `draft`; every value the draft inferred rather than read is in `inferred`, with the reason.\n");
    out.push_str("Left for you:\n");
    let mut item = |s: String| out.push_str(&format!("  - {s}\n"));
    item("check each drafted row against the text and clear its `status`; a row left `draft` is listed as one in the methodology".into());
    if s.without_unit > 0 {
        item(format!(
            "{}: write what one unit is (`unit`) and what is counted (`counts`)",
            count(
                s.without_unit,
                "figure has no word beside it that gives its unit",
                "figures have no word beside them that gives their unit"
            )
        ));
    }
    let uncredited = s.figures.saturating_sub(s.credited);
    if uncredited > 0 {
        item(format!(
            "{}: where an earlier sentence credits one, copy its words into `attribution_text` (data/README.md, \"Crediting a figure\")",
            count(
                uncredited,
                "figure has no words crediting it in its sentence",
                "figures have no words crediting them in their sentence"
            )
        ));
    }
    if s.credited_to_no_one > 0 {
        item(format!(
            "{} credited by words that name no one (\"sources said\"); `attributed_to` is left empty, and we say the report does not say who gave it",
            count(s.credited_to_no_one, "figure is", "figures are")
        ));
    }
    if s.carried > 0 {
        item(format!(
            "{} credited through an earlier sentence; check that the report means it",
            count(s.carried, "figure is", "figures are")
        ));
    }
    if s.inferred > 0 {
        item(format!(
            "{} inferred (a year taken from the report's date, a period counted back from it): check each reason",
            count(s.inferred, "value is", "values are")
        ));
    }
    item("accept a proposed relation or metric by clearing its `status`, or delete it; add any the text implies that the draft missed".into());
    if !c.officials_terms.is_empty() {
        item(format!(
            "story.toml lists {} of the report's words as officials' terms, which we only quote: {}",
            c.officials_terms.len(),
            c.officials_terms.join(", ")
        ));
    }
    if c.outlet_from_text {
        item(
            "the outlet was read from the text's \"Published in\" line: check it in sources.csv"
                .into(),
        );
    }
    item("write the story's question and charts in story.toml (one commented example of each chart kind is there)".into());
    out.push_str(&format!(
        "Next: newsfigures build --data {d}   and   newsfigures checks --data {d}\n"
    ));
    out
}
