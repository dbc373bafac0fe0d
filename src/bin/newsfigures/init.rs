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
    /// The outlet that published it.
    #[arg(long, value_name = "NAME", default_value = "")]
    outlet: String,
    /// The publication date; by default the first YYYY-MM-DD date in the text.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The text's language code.
    #[arg(long, value_name = "CODE", default_value = "en")]
    language: String,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let options = newsfigures::init::Init {
        url: args.url.clone(),
        outlet: args.outlet.clone(),
        date: args.date.clone(),
        language: args.language.clone(),
    };
    let n = newsfigures::init::init(&args.dir, &args.source, &options)
        .with_context(|| format!("cannot create the story folder {}", args.dir.display()))?;
    let d = args.dir.display();
    println!("{d}: created, with {n} numbers drafted in figures.csv.");
    println!("Next:");
    println!(
        "  1. newsfigures build --data {d}            # every number is accounted for as a draft"
    );
    println!(
        "  2. edit {d}/sources.csv (title, outlet) and {d}/figures.csv (unit, counts, who gave each"
    );
    println!(
        "     figure in attribution_text and attributed_to); clear `status` on each row you check"
    );
    println!(
        "  3. add the arithmetic to {d}/relations.csv and the derived numbers to {d}/metrics.csv"
    );
    println!("  4. uncomment a chart in {d}/story.toml, point it at your figures, and build again");
    Ok(ExitCode::SUCCESS)
}
