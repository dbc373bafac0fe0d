//! The ledger as polars DataFrames, for computing and for notebooks.

use polars::prelude::*;

use crate::error::Result;
use crate::ledger::{Ledger, Sum};

/// Every figure, one row each, in ledger order.
///
/// Columns: `id`, `source`, `paragraph`, `printed`, `value` (f64, null for a
/// dateline), `unit`, `kind`, `counts`, `attributed_to`, `period_text`,
/// `period_start`, `period_end`, `platform`, `status`, `note`, `line`.
///
/// ```
/// let ledger = newsfigures::Ledger::load("data").unwrap();
/// let df = newsfigures::frames::figures(&ledger).unwrap();
/// assert_eq!(df.height(), ledger.figures.len());
/// ```
pub fn figures(ledger: &Ledger) -> Result<DataFrame> {
    let f = &ledger.figures;
    let text = |name: &str, get: &dyn Fn(usize) -> String| {
        Column::new(name.into(), (0..f.len()).map(get).collect::<Vec<_>>())
    };
    let opt = |name: &str, get: &dyn Fn(usize) -> Option<String>| {
        Column::new(name.into(), (0..f.len()).map(get).collect::<Vec<_>>())
    };
    let df = DataFrame::new_infer_height(vec![
        text("id", &|i| f[i].id.clone()),
        text("source", &|i| f[i].source.clone()),
        Column::new(
            "paragraph".into(),
            f.iter().map(|x| x.paragraph).collect::<Vec<u32>>(),
        ),
        text("printed", &|i| f[i].printed.clone()),
        Column::new(
            "value".into(),
            f.iter().map(|x| x.value).collect::<Vec<Option<f64>>>(),
        ),
        text("unit", &|i| f[i].unit.clone()),
        text("kind", &|i| f[i].kind.as_str().to_string()),
        text("counts", &|i| f[i].counts.clone()),
        text("attributed_to", &|i| f[i].attributed_to.clone()),
        text("period_text", &|i| f[i].period_text.clone()),
        opt("period_start", &|i| f[i].period_start.clone()),
        opt("period_end", &|i| f[i].period_end.clone()),
        opt("platform", &|i| f[i].platform.clone()),
        opt("status", &|i| f[i].status.clone()),
        text("note", &|i| f[i].note.clone()),
        Column::new(
            "line".into(),
            f.iter().map(|x| x.line).collect::<Vec<u64>>(),
        ),
    ])?;
    Ok(df)
}

/// The figures each metric sums, long form: one row per (metric, part,
/// figure), where `part` is `numerator` or `denominator` and `sign` is +1.0
/// or -1.0. Join it to [`figures`] to trace a metric to its paragraphs.
pub fn metric_inputs(ledger: &Ledger) -> Result<DataFrame> {
    Ok(metric_terms(ledger)?
        .lazy()
        .select([
            col("owner").alias("metric"),
            col("part"),
            col("figure"),
            col("sign"),
        ])
        .collect()?)
}

/// [`terms`] of every metric's numerator and denominator.
pub(crate) fn metric_terms(ledger: &Ledger) -> Result<DataFrame> {
    terms(ledger.metrics.iter().enumerate().flat_map(|(i, m)| {
        [
            (m.id.as_str(), i, "numerator", &m.numerator),
            (m.id.as_str(), i, "denominator", &m.denominator),
        ]
    }))
}

/// The terms of named sums, long form: one row per (owner, part, figure).
///
/// Columns: `owner` (a metric or relation id), `part` (such as `numerator`),
/// `figure`, `sign` (+1.0 or -1.0) and `order` (the owner's position in its
/// file, so results come back in file order).
pub(crate) fn terms<'a>(
    sums: impl Iterator<Item = (&'a str, usize, &'static str, &'a Sum)>,
) -> Result<DataFrame> {
    let (mut owner, mut part, mut figure, mut sign, mut order) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, position, name, sum) in sums {
        for t in &sum.0 {
            owner.push(id.to_string());
            part.push(name);
            figure.push(t.figure.clone());
            sign.push(f64::from(t.sign));
            order.push(position as u32);
        }
    }
    Ok(df!(
        "owner" => owner,
        "part" => part,
        "figure" => figure,
        "sign" => sign,
        "order" => order,
    )?)
}

/// Sums each (owner, part) over its figures' values: joins the terms to the
/// figures, multiplies by the sign and adds up per group. The result has one
/// row per owner, in file order, with a column per part.
pub(crate) fn sum_parts(
    ledger: &Ledger,
    terms: DataFrame,
    parts: [&'static str; 2],
) -> Result<DataFrame> {
    let values = figures(ledger)?.lazy().select([col("id"), col("value")]);
    let totals = terms
        .lazy()
        .join(
            values,
            [col("figure")],
            [col("id")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("owner"), col("part")])
        .agg([
            (col("sign") * col("value")).sum().alias("total"),
            col("order").first(),
        ]);
    let side = |name: &'static str| {
        totals.clone().filter(col("part").eq(lit(name))).select([
            col("owner"),
            col("order"),
            col("total").alias(name),
        ])
    };
    let out = side(parts[0])
        .join(
            side(parts[1]).select([col("owner"), col(parts[1])]),
            [col("owner")],
            [col("owner")],
            JoinArgs::new(JoinType::Inner),
        )
        .sort(["order"], SortMultipleOptions::default())
        .collect()?;
    Ok(out)
}

/// Writes a DataFrame as CSV (header row, then one line per row) without
/// polars' I/O features: strings as they are, numbers in their shortest
/// exact form, nulls as empty fields.
pub fn to_csv(df: &DataFrame) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let columns = df.columns();
    w.write_record(columns.iter().map(|c| c.name().as_str()))
        .map_err(csv_io)?;
    for i in 0..df.height() {
        let mut row = Vec::with_capacity(columns.len());
        for c in columns {
            row.push(match c.get(i)? {
                AnyValue::Null => String::new(),
                AnyValue::String(s) => s.to_string(),
                AnyValue::StringOwned(s) => s.to_string(),
                AnyValue::Float64(v) => v.to_string(),
                other => other.to_string(),
            });
        }
        w.write_record(&row).map_err(csv_io)?;
    }
    let bytes = w.into_inner().map_err(|e| csv_io(e.into_error().into()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8"))
}

fn csv_io(e: csv::Error) -> crate::Error {
    crate::Error::io("<memory>", std::io::Error::other(e.to_string()))
}

/// A float column as a vector; nulls become NaN.
pub(crate) fn floats(df: &DataFrame, column: &str) -> Result<Vec<f64>> {
    Ok(df
        .column(column)?
        .f64()?
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect())
}
