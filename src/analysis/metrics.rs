//! Derived numbers: each metric combines two sums of figures (a ratio, a
//! difference or a relative change), computed in polars from the
//! definitions in `metrics.csv` and the changes the ledger derives for each
//! series.

use polars::prelude::*;
use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::format::{self, Display};
use crate::ledger::{Bound, Calc, Ledger, MetricDef, Sum};

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

fn ser_bound<S: serde::Serializer>(
    v: &Option<Bound>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.map_or("", Bound::as_str))
}

/// The per-term values of the sums of `defs`: one row per term, keyed by
/// `2 × definition + side` (side 0 for the numerator, 1 for the denominator).
fn terms<'a>(
    ledger: &Ledger,
    sides: impl Iterator<Item = (usize, [&'a Sum; 2])>,
) -> Result<DataFrame> {
    let mut key: Vec<u32> = Vec::new();
    let mut value: Vec<f64> = Vec::new();
    let sides: Vec<(usize, [&Sum; 2])> = sides.collect();
    for (n, &(i, sums)) in sides.iter().enumerate() {
        // Figures are read at random: start on those a few sums ahead.
        if let Some((_, ahead)) = sides.get(n + 4) {
            ahead
                .iter()
                .for_each(|s| s.prefetch_values(&ledger.figures));
        }
        for (side, sum) in sums.iter().enumerate() {
            for t in &sum.0 {
                key.push((2 * i + side) as u32);
                value.push(f64::from(t.sign) * ledger.figures[t.index].value.unwrap_or(0.0));
            }
        }
    }
    Ok(df!("key" => key, "value" => value)?)
}

/// Sums the `values` columns of the terms per key with one polars
/// group-by; for each column, the two totals of each of `n` definitions,
/// matched by key, never by position. The keys ascend, but polars is not
/// told so: grouped by hash, each group is summed with compensated (Kahan)
/// summation, so `0.1 + 0.2 + 0.3` is `0.6`; groups taken as runs of
/// sorted rows would be summed plainly, and come to `0.6000000000000001`.
pub(crate) fn totals(df: &DataFrame, n: usize, values: &[&str]) -> Result<Vec<Vec<[f64; 2]>>> {
    #[allow(deprecated)] // the eager group-by; the lazy engine is not compiled in
    let summed = df.group_by(["key"])?.select(values.iter().copied()).sum()?;
    let keys = summed.column("key")?.u32()?;
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let sums = summed.column(&format!("{value}_sum"))?.f64()?;
        let mut column = vec![[0.0, 0.0]; n];
        for (k, v) in keys.iter().zip(sums.iter()) {
            if let (Some(k), Some(v)) = (k, v) {
                column[k as usize / 2][k as usize % 2] = v;
            }
        }
        out.push(column);
    }
    Ok(out)
}

/// Every metric as a DataFrame, in definition order: `id`, `numerator`,
/// `denominator`, `value`. The arithmetic is polars': sums by group-by,
/// then the ratio, difference or change column by column.
pub fn frame(ledger: &Ledger) -> Result<DataFrame> {
    let defs = &ledger.metrics;
    let df = terms(
        ledger,
        defs.iter()
            .enumerate()
            .map(|(i, m)| (i, [&m.numerator, &m.denominator])),
    )?;
    let sums = totals(&df, defs.len(), &["value"])?.remove(0);
    for (m, [_, den]) in defs.iter().zip(&sums) {
        if *den == 0.0 && m.calc != Calc::Difference {
            return Err(zero_denominator(ledger, m));
        }
    }
    let num = Series::new(
        "numerator".into(),
        sums.iter().map(|s| s[0]).collect::<Vec<_>>(),
    );
    let den = Series::new(
        "denominator".into(),
        sums.iter().map(|s| s[1]).collect::<Vec<_>>(),
    );
    let ratio = (&num / &den)?;
    let difference = (&num - &den)?;
    let change = (&difference / &den)?;
    let (ratio, difference, change) = (ratio.f64()?, difference.f64()?, change.f64()?);
    let value: Vec<f64> = defs
        .iter()
        .enumerate()
        .map(|(i, m)| {
            match m.calc {
                Calc::Ratio => ratio.get(i),
                Calc::Difference => difference.get(i),
                Calc::Change => change.get(i),
            }
            .unwrap_or(f64::NAN)
        })
        .collect();
    let ids: Vec<&str> = defs.iter().map(|m| m.id.as_str()).collect();
    Ok(DataFrame::new_infer_height(vec![
        Column::new("id".into(), ids),
        num.into(),
        den.into(),
        Column::new("value".into(), value),
    ])?)
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
    Ok(crate::util::par_map(&ledger.metrics, 10_000, |i, def| {
        // Each definition reads its first figure: start on one a few ahead.
        if let Some(t) = ledger
            .metrics
            .get(i + 2)
            .and_then(|d| d.numerator.0.first())
        {
            crate::util::prefetch(&ledger.figures[t.index]);
        }
        let value = val[i];
        let (numerator_figures, denominator_figures) =
            (def.numerator.to_string(), def.denominator.to_string());
        let (unit, scale) = def.unit_and_scale(&ledger.figures);
        let mut shown = format::show(value, def.display, &unit, scale.as_deref());
        if def.calc == Calc::Difference && def.display == Display::Amount && value > 0.0 {
            shown = format!("+{shown}");
        }
        match def.bound {
            Some(Bound::Lower) => shown = format!("at least {shown}"),
            Some(Bound::Upper) => shown = format!("at most {shown}"),
            None => {}
        }
        let mut description = def.description.to_string();
        if def.mixed_units {
            description.push_str(". The two figures count different things; the report does not link them one to one");
        }
        Metric {
            id: def.id.to_string(),
            value,
            shown,
            numerator: num[i],
            denominator: den[i],
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
            basis: def.basis.to_string(),
            mixed_units: def.mixed_units,
            derived: def.derived,
            line: def.line,
        }
    }))
}
