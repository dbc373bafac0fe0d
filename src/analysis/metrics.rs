//! Derived numbers: each metric combines two sums of figures (a ratio, a
//! difference or a relative change), computed in polars from the
//! definitions in `metrics.csv` and the changes the ledger derives for each
//! series.

use polars::prelude::*;
use serde::Serialize;

use super::sums;
use crate::error::{Error, Location, Result};
use crate::format::{self, Display};
use crate::ledger::{Bound, Calc, Ledger, MetricDef};
use crate::numbers::Qualifier;

/// A computed metric, with everything a reviewer needs to redo it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// The metric's id.
    pub id: String,
    /// The value, unrounded: a fraction 0–1 for shares and changes.
    pub value: f64,
    /// The value as shown (`33.8%`, `0.0258 per operation`, `at least 97.4%`).
    pub shown: String,
    /// The numerator's total (the later value, for changes).
    pub numerator: f64,
    /// The denominator's total (the earlier value, for changes).
    pub denominator: f64,
    /// How the two totals combine.
    pub calc: Calc,
    /// How the value is shown.
    pub display: Display,
    /// The formula as a reader would write it.
    pub formula: String,
    /// What it measures, in plain words; for a rate between two kinds of
    /// thing it says that the report does not link them one to one.
    pub description: String,
    /// The numerator as figure ids (`a + b`).
    pub numerator_figures: String,
    /// The denominator as figure ids.
    pub denominator_figures: String,
    /// For a bound, which side the true value lies on.
    #[serde(serialize_with = "ser_bound")]
    pub bound: Option<Bound>,
    /// The hedge the value carries, from its bound or from hedged figures
    /// ("at least", "over"): shown before it wherever it is shown.
    #[serde(serialize_with = "ser_hedge")]
    pub hedge: Option<Qualifier>,
    /// For a bound, why it holds.
    pub basis: String,
    /// True for a rate between two kinds of thing.
    pub mixed_units: bool,
    /// True for the change metrics derived for a series.
    pub derived: bool,
    /// Line of the definition in `metrics.csv` (0 for derived metrics).
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

fn ser_hedge<S: serde::Serializer>(
    v: &Option<Qualifier>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.map_or("", Qualifier::as_str))
}

fn ser_bound<S: serde::Serializer>(
    v: &Option<Bound>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.map_or("", Bound::as_str))
}

/// Every metric as a DataFrame, in definition order: `id`, `numerator`,
/// `denominator`, `value`. The arithmetic is polars': the sums exactly, by
/// group-by (see [`super::sums`]), joined to the definitions, then the
/// ratio, difference or change as an expression of each row's `calc`.
pub fn frame(ledger: &Ledger) -> Result<DataFrame> {
    let defs = &ledger.metrics;
    let pairs = defs.iter().map(|m| [&m.numerator, &m.denominator]);
    let terms = sums::terms(&ledger.figures, pairs, None)?;
    let scale = sums::scale(
        &ledger.figures,
        defs.iter().flat_map(|m| [&m.numerator, &m.denominator]),
    );
    let definitions = df!(
        "key" => (0..defs.len() as u32).collect::<Vec<_>>(),
        "id" => defs.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        "calc" => defs.iter().map(|m| m.calc.as_str()).collect::<Vec<_>>(),
    )?;
    let (num, den, difference) = (col("numerator"), col("denominator"), col("difference"));
    let df = definitions
        .lazy()
        .left_join(sums::totals(&terms, scale)?, col("key"), col("key"))
        .rename(
            ["left", "right", "gap"],
            ["numerator", "denominator", "difference"],
            true,
        )
        .with_column(
            when(col("calc").eq(lit(Calc::Ratio.as_str())))
                .then(num.clone() / den.clone())
                .when(col("calc").eq(lit(Calc::Difference.as_str())))
                .then(difference.clone())
                .otherwise(difference / den)
                .alias("value"),
        )
        .sort(["key"], SortMultipleOptions::default())
        .select([col("id"), num, col("denominator"), col("value")])
        .collect()?;
    let den = crate::util::f64s(&df, "denominator")?;
    for (m, d) in defs.iter().zip(den) {
        if d == 0.0 && m.calc != Calc::Difference {
            return Err(zero_denominator(ledger, m));
        }
    }
    Ok(df)
}

fn zero_denominator(ledger: &Ledger, m: &MetricDef) -> Error {
    let at = if m.derived {
        Location::field(
            ledger.dir.join("figures.csv"),
            ledger
                .figure(&m.denominator.0[0].figure)
                .map_or(0, |f| f.line),
            "value",
        )
    } else {
        Location::field(ledger.dir.join("metrics.csv"), m.line, "denominator")
    };
    Error::data(
        at,
        format!(
            "metric `{}`: the denominator `{}` adds up to zero; expected a non-zero total",
            m.id, m.denominator
        ),
    )
}

/// Computes every metric, in definition order.
pub fn compute(ledger: &Ledger) -> Result<Vec<Metric>> {
    let df = frame(ledger)?;
    let col = |name: &str| crate::util::f64s(&df, name);
    let (num, den, val) = (col("numerator")?, col("denominator")?, col("value")?);
    ledger
        .metrics
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let hedge = hedge(ledger, def)?;
            Ok(metric(ledger, def, [val[i], num[i], den[i]], hedge))
        })
        .collect()
}

/// The hedge a metric's value carries: its bound, and the hedges of its
/// figures, each read the way it moves the value (a denominator hedged
/// "over" makes a ratio "under"). An error when they point different ways.
fn hedge(ledger: &Ledger, def: &MetricDef) -> Result<Option<Qualifier>> {
    let bound = def.bound.map(|b| match b {
        Bound::Lower => Qualifier::AtLeast,
        Bound::Upper => Qualifier::AtMost,
    });
    let term =
        |t: &crate::ledger::Term, up: bool| (ledger.figures[t.index].qualifier, (t.sign > 0) == up);
    let den_hedged = def
        .denominator
        .0
        .iter()
        .any(|t| ledger.figures[t.index].qualifier.is_some());
    let terms = std::iter::once((bound, true))
        .chain(def.numerator.0.iter().map(|t| term(t, true)))
        .chain(def.denominator.0.iter().map(|t| term(t, false)));
    let combined = if def.calc == Calc::Change && den_hedged {
        Err(
            "the earlier value is hedged, and a change relative to it has no honest bound"
                .to_string(),
        )
    } else {
        Qualifier::combine(terms)
    };
    combined.map_err(|why| {
        let at = if def.derived {
            let line = ledger
                .figure(&def.numerator.0[0].figure)
                .map_or(0, |f| f.line);
            Location::field(ledger.dir.join("figures.csv"), line, "qualifier")
        } else {
            Location::field(ledger.dir.join("metrics.csv"), def.line, "numerator")
        };
        Error::data(
            at,
            format!(
                "metric `{}` cannot be shown honestly: {why}; leave the hedged figures out of it",
                def.id
            ),
        )
    })
}

/// A computed metric from its definition and its three numbers.
fn metric(
    ledger: &Ledger,
    def: &MetricDef,
    [value, numerator, denominator]: [f64; 3],
    hedge: Option<Qualifier>,
) -> Metric {
    let (numerator_figures, denominator_figures) =
        (def.numerator.to_string(), def.denominator.to_string());
    let (unit, scale) = def.unit_and_scale(&ledger.figures);
    let mut shown = format::show(value, def.display, &unit, scale.as_deref());
    if def.calc == Calc::Difference && def.display == Display::Amount && value > 0.0 {
        shown = format!("+{shown}");
    }
    if let Some(q) = hedge {
        shown = format!("{} {shown}", q.words());
    }
    let mut description = def.description.to_string();
    // A rate per unit of time ("accounts a month") links nothing one to one.
    let per_time = def
        .denominator
        .0
        .iter()
        .all(|t| ledger.figures[t.index].kind == crate::ledger::Kind::PeriodLength);
    if def.mixed_units && !per_time {
        description.push_str(
            ". The two figures count different things; the report does not link them one to one",
        );
    }
    Metric {
        id: def.id.to_string(),
        value,
        shown,
        numerator,
        denominator,
        calc: def.calc,
        display: def.display,
        formula: if def.formula.is_empty() {
            format!("{numerator_figures} / {denominator_figures}")
        } else {
            def.formula.to_string()
        },
        description,
        numerator_figures,
        denominator_figures,
        bound: def.bound,
        hedge,
        basis: def.basis.to_string(),
        mixed_units: def.mixed_units,
        derived: def.derived,
        line: def.line,
    }
}
