//! Derived numbers: each metric is a ratio of sums of figures, computed in
//! polars from the definitions in `metrics.csv`.

use polars::prelude::*;
use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::frames;
use crate::ledger::{Display, Ledger};

/// A computed metric, with everything a reviewer needs to redo it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// The metric's id.
    pub id: String,
    /// The value: a fraction 0–1 for shares.
    pub value: f64,
    /// The numerator's total.
    pub numerator: f64,
    /// The denominator's total.
    pub denominator: f64,
    /// The formula as a reader would write it.
    pub formula: String,
    /// What it measures.
    pub description: String,
    /// The numerator as figure ids (`a + b`).
    pub numerator_figures: String,
    /// The denominator as figure ids.
    pub denominator_figures: String,
    /// How the value is shown.
    pub display: Display,
    /// The value as shown (`33.8%`, `0.0258`).
    pub shown: String,
    /// Line of the definition in `metrics.csv`.
    pub line: u64,
}

/// Computes every metric as a DataFrame, in definition order.
///
/// Columns: `id`, `numerator`, `denominator`, `value`. A zero denominator is an
/// error naming the metric's line in `metrics.csv`.
pub fn frame(ledger: &Ledger) -> Result<DataFrame> {
    let sums = frames::sum_parts(
        ledger,
        frames::metric_terms(ledger)?,
        ["numerator", "denominator"],
    )?;
    let out = sums
        .lazy()
        .select([
            col("owner").alias("id"),
            col("numerator"),
            col("denominator"),
            (col("numerator") / col("denominator")).alias("value"),
        ])
        .collect()?;
    let dens = out.column("denominator")?.f64()?;
    if let Some(i) = dens.iter().position(|d| d == Some(0.0)) {
        let m = &ledger.metrics[i];
        return Err(Error::data(
            Location::field(ledger.dir.join("metrics.csv"), m.line, "denominator"),
            format!(
                "metric `{}`: the denominator `{}` adds up to zero; expected a non-zero total",
                m.id, m.denominator
            ),
        ));
    }
    Ok(out)
}

/// Computes every metric, in definition order.
///
/// ```
/// let ledger = newsfigures::Ledger::load("data").unwrap();
/// let metrics = newsfigures::metrics::compute(&ledger).unwrap();
/// let kpo = metrics.iter().find(|m| m.id == "kills_per_operation").unwrap();
/// assert_eq!(kpo.value, 206.0 / 7984.0);
/// assert_eq!(kpo.shown, "0.0258");
/// ```
pub fn compute(ledger: &Ledger) -> Result<Vec<Metric>> {
    let df = frame(ledger)?;
    let (num, den) = (
        frames::floats(&df, "numerator")?,
        frames::floats(&df, "denominator")?,
    );
    let val = frames::floats(&df, "value")?;
    // `sum_parts` keeps file order, so row i is definition i.
    Ok(ledger
        .metrics
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let value = val[i];
            Metric {
                id: def.id.clone(),
                value,
                numerator: num[i],
                denominator: den[i],
                formula: def.formula.clone(),
                description: def.description.clone(),
                numerator_figures: def.numerator.to_string(),
                denominator_figures: def.denominator.to_string(),
                display: def.display,
                shown: crate::format::metric(value, def.display),
                line: def.line,
            }
        })
        .collect())
}
