//! The ledger and the analysis as polars DataFrames, for notebooks and for
//! anyone computing further. [`crate::util::to_csv`] writes any of them as
//! CSV.

use polars::prelude::*;

use crate::analysis::{Finding, Metric};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::ledger::Status::Draft;

/// Every figure, one row each, in ledger order.
///
/// Columns: `id`, `source`, `paragraph`, `printed`, `value` (f64, null for
/// a date), `qualifier`, `kind`, `unit`, `counts`, `attributed_to`,
/// `period_start`, `period_end`, `inferred`, `series`, `subset_of`, then
/// one column per dimension (in order of first use, null where a figure
/// lacks it), `draft` (true for a row nobody has checked yet),
/// `draft_note` (how it was drafted, or a reviewer's note) and `line`.
pub fn figures(ledger: &Ledger) -> Result<DataFrame> {
    let f = &ledger.figures;
    let text = |name: &str, get: &dyn Fn(usize) -> String| {
        Column::new(name.into(), (0..f.len()).map(get).collect::<Vec<_>>())
    };
    let opt = |name: &str, get: &dyn Fn(usize) -> Option<String>| {
        Column::new(name.into(), (0..f.len()).map(get).collect::<Vec<_>>())
    };
    let mut columns = vec![
        text("id", &|i| f[i].id.to_string()),
        text("source", &|i| f[i].source.to_string()),
        Column::new(
            "paragraph".into(),
            f.iter().map(|x| x.paragraph).collect::<Vec<u32>>(),
        ),
        text("printed", &|i| f[i].printed.to_string()),
        Column::new(
            "value".into(),
            f.iter().map(|x| x.value).collect::<Vec<Option<f64>>>(),
        ),
        opt("qualifier", &|i| {
            f[i].qualifier.map(|q| q.as_str().to_string())
        }),
        text("kind", &|i| f[i].kind.as_str().to_string()),
        text("unit", &|i| f[i].unit.to_string()),
        text("counts", &|i| f[i].counts.to_string()),
        opt("attributed_to", &|i| {
            (!f[i].attributed_to.is_empty()).then(|| f[i].attributed_to.to_string())
        }),
        opt("period_start", &|i| {
            f[i].period_start.as_deref().map(str::to_string)
        }),
        opt("period_end", &|i| {
            f[i].period_end.as_deref().map(str::to_string)
        }),
        opt("inferred", &|i| {
            (!f[i].inferred.is_empty()).then(|| crate::ledger::pairs_text(&f[i].inferred, ": "))
        }),
        opt("series", &|i| f[i].series.as_deref().map(str::to_string)),
        opt("subset_of", &|i| {
            f[i].subset_of.as_deref().map(str::to_string)
        }),
    ];
    let mut dims: Vec<&str> = Vec::new();
    for x in f {
        for (d, _) in &x.dimensions {
            if !dims.contains(&d.as_str()) {
                dims.push(d);
            }
        }
    }
    for d in dims {
        columns.push(opt(d, &|i| f[i].dimension(d).map(str::to_string)));
    }
    columns.push(Column::new(
        "draft".into(),
        f.iter().map(|x| x.status == Draft).collect::<Vec<bool>>(),
    ));
    columns.push(text("draft_note", &|i| f[i].note.to_string()));
    columns.push(Column::new(
        "line".into(),
        f.iter().map(|x| x.line).collect::<Vec<u64>>(),
    ));
    Ok(DataFrame::new_infer_height(columns)?)
}

/// Every relation, in ledger order: `id`, `description`, `left`, `op`,
/// `right`, `unit`, `draft` (true for one nobody has accepted yet) and
/// `note` (why it was proposed, or a reviewer's note).
pub fn relations(ledger: &Ledger) -> Result<DataFrame> {
    let r = &ledger.relations;
    let text = |name: &str, get: &dyn Fn(&crate::ledger::Relation) -> String| {
        Column::new(name.into(), r.iter().map(get).collect::<Vec<_>>())
    };
    Ok(DataFrame::new_infer_height(vec![
        text("id", &|x| x.id.to_string()),
        text("description", &|x| x.description.to_string()),
        text("left", &|x| x.left.to_string()),
        text("op", &|x| x.op.as_str().to_string()),
        text("right", &|x| x.right.to_string()),
        text("unit", &|x| x.unit.to_string()),
        Column::new(
            "draft".into(),
            r.iter().map(|x| x.status == Draft).collect::<Vec<bool>>(),
        ),
        text("note", &|x| x.note.to_string()),
    ])?)
}

/// Every metric: `id`, `value`, `shown`, `numerator`, `denominator`,
/// `formula`, `description`.
pub fn metrics(metrics: &[Metric]) -> Result<DataFrame> {
    Ok(df!(
        "id" => metrics.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        "value" => metrics.iter().map(|m| m.value).collect::<Vec<_>>(),
        "shown" => metrics.iter().map(|m| m.shown.as_str()).collect::<Vec<_>>(),
        "numerator" => metrics.iter().map(|m| m.numerator).collect::<Vec<_>>(),
        "denominator" => metrics.iter().map(|m| m.denominator).collect::<Vec<_>>(),
        "formula" => metrics.iter().map(|m| m.formula.as_str()).collect::<Vec<_>>(),
        "description" => metrics.iter().map(|m| m.description.as_str()).collect::<Vec<_>>(),
    )?)
}

/// Every finding: `id`, `check`, `verdict`, `sentence`.
pub fn findings(findings: &[Finding]) -> Result<DataFrame> {
    Ok(df!(
        "id" => findings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        "check" => findings.iter().map(|f| f.check.as_str()).collect::<Vec<_>>(),
        "verdict" => findings.iter().map(|f| f.verdict.as_str()).collect::<Vec<_>>(),
        "sentence" => findings.iter().map(|f| f.sentence.as_str()).collect::<Vec<_>>(),
    )?)
}

/// The figures each metric reads, long form: one row per (metric, part,
/// figure), where `part` is `numerator` or `denominator` and `sign` is +1
/// or -1. Filter it and look the figures up to trace a metric to its
/// paragraphs.
pub fn metric_inputs(ledger: &Ledger) -> Result<DataFrame> {
    let (mut metric, mut part, mut figure, mut sign, mut paragraph, mut value) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for m in &ledger.metrics {
        for (name, sum) in [("numerator", &m.numerator), ("denominator", &m.denominator)] {
            for t in &sum.0 {
                let f = &ledger.figures[t.index];
                metric.push(m.id.as_str());
                part.push(name);
                figure.push(t.figure.as_str());
                sign.push(i32::from(t.sign));
                paragraph.push(f.paragraph);
                value.push(f.value);
            }
        }
    }
    Ok(df!(
        "metric" => metric,
        "part" => part,
        "figure" => figure,
        "sign" => sign,
        "paragraph" => paragraph,
        "value" => value,
    )?)
}

/// Writes a DataFrame as CSV; see [`crate::util::to_csv`].
pub use crate::util::to_csv;
