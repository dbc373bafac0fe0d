//! Sums of figures, added up exactly.
//!
//! Every sum the analysis makes (a metric's numerator and denominator, each
//! side of a relation) is the sum of the values the ledger records, added in
//! decimal arithmetic by polars: each value is read as the decimal it was
//! written as (the shortest decimal that gives the stored number, which is
//! the number as typed), the terms are added as `Decimal(38, s)` with `s`
//! the most decimal places any summed value has (at most [`MAX_SCALE`]),
//! and the total is converted to the nearest `f64`. So `0.1 + 0.2 + 0.3` is
//! `0.6`, and neither the order of the terms nor how polars groups them can
//! change a total. The guarantee holds for totals of up to 15 significant
//! digits, more than a report prints; differences of two sums are taken in
//! decimal too, so a gap of zero is exactly zero.
//!
//! The ranges of hedged figures ("over 5,000") are summed as `f64`: their
//! bounds include infinities and proportional widths, which are not
//! decimals a report printed.

use polars::prelude::*;

use crate::ledger::{Figure, Sum};

/// The most decimal places a summed value keeps; values with more are
/// rounded to this many before they are added.
pub const MAX_SCALE: usize = 9;

/// Decimal places of `v` as written in its shortest form (`0.25` → 2).
fn decimals(v: f64) -> usize {
    let s = v.to_string();
    s.split_once('.').map_or(0, |(_, frac)| frac.len())
}

/// The scale the sums of `sums` need: the most decimal places among their
/// figures' values, at most [`MAX_SCALE`].
pub(crate) fn scale<'a>(figures: &[Figure], sums: impl IntoIterator<Item = &'a Sum>) -> usize {
    sums.into_iter()
        .flat_map(|s| &s.0)
        .filter_map(|t| figures[t.index].value)
        .map(decimals)
        .max()
        .unwrap_or(0)
        .min(MAX_SCALE)
}

/// The bounds a figure's hedge allows.
pub(crate) type Range<'a> = &'a dyn Fn(&Figure) -> (f64, f64);

/// One row per term of each sum: `key` (which sum pair it belongs to),
/// `part` (0 for the left side or numerator, 1 for the right side or
/// denominator), `figure`, `value` (signed), `hedged` (the figure
/// carries a qualifier) and, when `range` is given, the signed bounds
/// `low` and `high` that the figure's hedge allows.
pub(crate) fn terms<'a>(
    figures: &[Figure],
    pairs: impl IntoIterator<Item = [&'a Sum; 2]>,
    range: Option<Range>,
) -> PolarsResult<DataFrame> {
    let (mut key, mut part, mut figure) = (vec![], vec![], vec![]);
    let (mut value, mut hedged, mut low, mut high) = (vec![], vec![], vec![], vec![]);
    for (k, sums) in pairs.into_iter().enumerate() {
        for (p, sum) in sums.into_iter().enumerate() {
            for t in &sum.0 {
                let f = &figures[t.index];
                let s = f64::from(t.sign);
                key.push(k as u32);
                part.push(p as u32);
                figure.push(t.figure.as_str());
                value.push(s * f.value.unwrap_or(0.0));
                hedged.push(f.qualifier.is_some());
                if let Some(range) = range {
                    let (a, b) = range(f);
                    let (a, b) = (s * a, s * b);
                    low.push(a.min(b));
                    high.push(a.max(b));
                }
            }
        }
    }
    let mut columns = vec![
        Column::new("key".into(), key),
        Column::new("part".into(), part),
        Column::new("figure".into(), figure),
        Column::new("value".into(), value),
        Column::new("hedged".into(), hedged),
    ];
    if range.is_some() {
        columns.push(Column::new("low".into(), low));
        columns.push(Column::new("high".into(), high));
    }
    DataFrame::new_infer_height(columns)
}

/// `value` (an `f64` expression) as the decimal it was written as.
pub(crate) fn decimal(value: Expr, scale: usize) -> Expr {
    value
        .cast(DataType::String)
        .cast(DataType::Decimal(38, scale))
}

/// The exact sum of `value` over the rows of one part (0 or 1), as a
/// decimal.
pub(crate) fn part_sum(value: Expr, part: u32) -> Expr {
    value.filter(col("part").eq(lit(part))).sum()
}

/// The exact totals of both parts of every key, with their difference:
/// `key`, `left`, `right`, `gap` (all `f64`, each converted once from the
/// exact decimal), one row per key in key order.
pub(crate) fn totals(terms: &DataFrame, scale: usize) -> PolarsResult<LazyFrame> {
    let exact = decimal(col("value"), scale);
    Ok(terms
        .clone()
        .lazy()
        .group_by([col("key")])
        .agg([
            part_sum(exact.clone(), 0).alias("left"),
            part_sum(exact, 1).alias("right"),
        ])
        .with_column((col("left") - col("right")).alias("gap"))
        .with_columns([
            col("left").cast(DataType::Float64),
            col("right").cast(DataType::Float64),
            col("gap").cast(DataType::Float64),
        ])
        .sort(["key"], SortMultipleOptions::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Totals of the given values, all in part 0 of one key.
    fn total(values: &[f64]) -> f64 {
        let n = values.len();
        let df = df!(
            "key" => vec![0u32; n],
            "part" => vec![0u32; n],
            "value" => values.to_vec(),
        )
        .unwrap();
        let scale = values.iter().map(|&v| decimals(v)).max().unwrap_or(0);
        let out = totals(&df, scale).unwrap().collect().unwrap();
        out.column("left").unwrap().f64().unwrap().get(0).unwrap()
    }

    #[test]
    fn sums_are_exact_whatever_the_order() {
        // Plain f64 addition gives 0.6000000000000001 here.
        assert_ne!(0.1 + 0.2 + 0.3, 0.6);
        assert_eq!(total(&[0.1, 0.2, 0.3]), 0.6);
        assert_eq!(total(&[0.3, 0.2, 0.1]), 0.6);
        assert_eq!(total(&[0.7, 0.1, -0.8]), 0.0);
        assert_eq!(total(&[1e15, 0.25, -1e15]), 0.25);
        assert_eq!(
            total(&[120_000_000.0, 50_000_000.0, 40_000_000.0]),
            210_000_000.0
        );
        // Many small decimals, in an order plain addition drifts on.
        let many: Vec<f64> = (0..1000)
            .map(|i| if i % 2 == 0 { 0.1 } else { 0.01 })
            .collect();
        assert_eq!(total(&many), 55.0);
    }

    #[test]
    fn a_gap_of_zero_is_exactly_zero() {
        let df = df!(
            "key" => [0u32, 0, 0, 0],
            "part" => [0u32, 0, 0, 1],
            "value" => [0.1, 0.2, 0.3, 0.6],
        )
        .unwrap();
        let out = totals(&df, 1).unwrap().collect().unwrap();
        assert_eq!(out.column("gap").unwrap().f64().unwrap().get(0), Some(0.0));
    }

    #[test]
    fn decimals_are_counted_as_written() {
        assert_eq!(decimals(7984.0), 0);
        assert_eq!(decimals(0.25), 2);
        assert_eq!(decimals(0.1), 1);
        assert_eq!(decimals(1e-7), 7);
        assert_eq!(decimals(1.2e21), 0);
    }
}
