//! The published tables: figures, metrics and findings, each as CSV and
//! JSON written from the typed records (serde, not polars I/O), with a
//! Frictionless table schema describing every column.

use serde::Serialize;

use crate::build::{Field, File};
use crate::checks::Finding;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::metrics::Metric;

const FIGURE_FIELDS: &[(&str, &str, &str)] = &[
    ("id", "string", "Stable id of the figure"),
    ("source", "string", "Id of the source report"),
    (
        "paragraph",
        "integer",
        "Paragraph of the source where the number is printed",
    ),
    ("printed", "string", "The number as printed"),
    (
        "value",
        "number",
        "The exact value reported; empty for a dateline",
    ),
    ("unit", "string", "What one unit is"),
    (
        "kind",
        "string",
        "count, period_length, deadline, group_size or dateline",
    ),
    ("counts", "string", "What is counted"),
    ("attributed_to", "string", "Who gave the figure"),
    ("period_text", "string", "The period as the text states it"),
    (
        "period_start",
        "string",
        "Start of the period (YYYY, YYYY-MM or YYYY-MM-DD), where stated",
    ),
    ("period_end", "string", "End of the period, where stated"),
    ("platform", "string", "Platform dimension, where it applies"),
    (
        "status",
        "string",
        "Blocking-status dimension, where it applies",
    ),
    ("note", "string", "Caveat for reviewers"),
    (
        "ledger_line",
        "integer",
        "Line of data/figures.csv the figure comes from",
    ),
];

#[derive(Serialize)]
struct MetricRow<'a> {
    id: &'a str,
    value: f64,
    shown: &'a str,
    numerator: f64,
    denominator: f64,
    numerator_figures: &'a str,
    denominator_figures: &'a str,
    formula: &'a str,
    description: &'a str,
    ledger_line: u64,
}

const METRIC_FIELDS: &[(&str, &str, &str)] = &[
    ("id", "string", "Stable id of the metric"),
    (
        "value",
        "number",
        "numerator / denominator, unrounded; shares are fractions 0-1",
    ),
    (
        "shown",
        "string",
        "The value as displayed (percentages to one decimal, ratios to three significant figures)",
    ),
    ("numerator", "number", "Sum of the numerator's figures"),
    ("denominator", "number", "Sum of the denominator's figures"),
    (
        "numerator_figures",
        "string",
        "Figure ids summed for the numerator",
    ),
    (
        "denominator_figures",
        "string",
        "Figure ids summed for the denominator",
    ),
    (
        "formula",
        "string",
        "The formula as a reader would write it",
    ),
    ("description", "string", "What the metric measures"),
    (
        "ledger_line",
        "integer",
        "Line of data/metrics.csv the definition comes from",
    ),
];

#[derive(Serialize)]
struct FindingRow<'a> {
    id: &'a str,
    holds: bool,
    actual: f64,
    expected: f64,
    gap: f64,
    left: &'a str,
    op: &'a str,
    right: &'a str,
    unit: &'a str,
    sentence: &'a str,
    ledger_line: u64,
}

const FINDING_FIELDS: &[(&str, &str, &str)] = &[
    ("id", "string", "Stable id of the relation checked"),
    ("holds", "boolean", "Whether the relation holds"),
    (
        "actual",
        "number",
        "Sum of the left-hand figures (the parts)",
    ),
    (
        "expected",
        "number",
        "Sum of the right-hand figures (usually the reported total)",
    ),
    ("gap", "number", "actual - expected"),
    ("left", "string", "Figure ids summed on the left"),
    ("op", "string", "=, <= or >="),
    ("right", "string", "Figure ids summed on the right"),
    ("unit", "string", "Unit of both sides"),
    ("sentence", "string", "The finding in words"),
    (
        "ledger_line",
        "integer",
        "Line of data/relations.csv the relation comes from",
    ),
];

fn fields(spec: &[(&str, &str, &str)]) -> Vec<Field> {
    spec.iter()
        .map(|(name, kind, description)| Field {
            name: name.to_string(),
            kind: kind.to_string(),
            description: description.to_string(),
        })
        .collect()
}

fn encode<T: Serialize>(
    name: &str,
    what: &str,
    rows: &[T],
    spec: &[(&str, &str, &str)],
) -> Result<Vec<File>> {
    let fail = |e: String| Error::io(format!("tables/{name}"), std::io::Error::other(e));
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).map_err(|e| fail(e.to_string()))?;
    }
    let mut csv = w.into_inner().map_err(|e| fail(e.to_string()))?;
    if rows.is_empty() {
        csv = (spec.iter().map(|f| f.0).collect::<Vec<_>>().join(",") + "\n").into_bytes();
    }
    let json = serde_json::to_string_pretty(rows).map_err(|e| fail(e.to_string()))? + "\n";
    Ok(vec![
        File::table(
            format!("tables/{name}.csv"),
            csv,
            "text/csv",
            format!("{what} (CSV)"),
            fields(spec),
        ),
        File::table(
            format!("tables/{name}.json"),
            json.into_bytes(),
            "application/json",
            format!("{what} (JSON array)"),
            fields(spec),
        ),
    ])
}

/// The six table files: figures, metrics and findings, as CSV and JSON.
pub fn files(ledger: &Ledger, metrics: &[Metric], findings: &[Finding]) -> Result<Vec<File>> {
    let metric_rows: Vec<MetricRow> = metrics
        .iter()
        .map(|m| MetricRow {
            id: &m.id,
            value: m.value,
            shown: &m.shown,
            numerator: m.numerator,
            denominator: m.denominator,
            numerator_figures: &m.numerator_figures,
            denominator_figures: &m.denominator_figures,
            formula: &m.formula,
            description: &m.description,
            ledger_line: m.line,
        })
        .collect();
    let finding_rows: Vec<FindingRow> = findings
        .iter()
        .map(|f| FindingRow {
            id: &f.id,
            holds: f.holds,
            actual: f.actual,
            expected: f.expected,
            gap: f.gap,
            left: &f.left,
            op: f.op.as_str(),
            right: &f.right,
            unit: &f.unit,
            sentence: &f.sentence,
            ledger_line: f.line,
        })
        .collect();
    let mut out = encode(
        "figures",
        "Every figure of the ledger",
        &ledger.figures,
        FIGURE_FIELDS,
    )?;
    out.extend(encode(
        "metrics",
        "Every metric, computed",
        &metric_rows,
        METRIC_FIELDS,
    )?);
    out.extend(encode(
        "findings",
        "Every relation, checked",
        &finding_rows,
        FINDING_FIELDS,
    )?);
    Ok(out)
}
