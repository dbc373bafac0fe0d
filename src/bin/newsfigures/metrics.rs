//! `newsfigures metrics`

use std::path::Path;
use std::process::ExitCode;

use newsfigures::format::{number, text_table};

use crate::{Format, json, load};

#[derive(clap::Args)]
pub struct Args {
    /// How to print the metrics.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(data: &Path, args: &Args) -> anyhow::Result<ExitCode> {
    let story = load(data)?;
    let metrics = newsfigures::analysis::metrics::compute(&story.ledger)?;
    let out = match args.format {
        Format::Json => json(&metrics)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "id",
                "value",
                "shown",
                "numerator",
                "denominator",
                "formula",
                "description",
            ])?;
            for m in &metrics {
                w.write_record([
                    m.id.as_str(),
                    &m.value.to_string(),
                    &m.shown,
                    &m.numerator.to_string(),
                    &m.denominator.to_string(),
                    &m.formula,
                    &m.description,
                ])?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = metrics
                .iter()
                .map(|m| {
                    vec![
                        m.id.clone(),
                        m.shown.clone(),
                        number(m.numerator),
                        number(m.denominator),
                        m.formula.clone(),
                    ]
                })
                .collect();
            text_table(
                &["metric", "value", "numerator", "denominator", "formula"],
                &rows,
                &[false, true, true, true, false],
            )
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
