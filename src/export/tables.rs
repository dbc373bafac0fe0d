//! The published tables: figures, sources, metrics and findings, each as
//! CSV and JSON written from the typed records (serde, not polars I/O),
//! with a Frictionless table schema describing every column.
//!
//! A missing value is an empty field in CSV and `null` in JSON; no column
//! uses the empty string as a value, so both load with the same types.

use serde::Serialize;
use serde_json::Value;

use super::{Built, Exporter, Field, File};
use crate::analysis::Finding;
use crate::error::Result;

pub(crate) struct Tables;

type Spec = &'static [(&'static str, &'static str, &'static str)];

const FIGURES: Spec = &[
    ("id", "string", "Stable id of the figure"),
    (
        "source",
        "string",
        "Id of the report it comes from (see tables/sources)",
    ),
    (
        "paragraph",
        "integer",
        "Paragraph of the report where the number is printed, from 1",
    ),
    ("printed", "string", "The number exactly as printed"),
    (
        "value",
        "number",
        "The exact value reported; null for a date",
    ),
    (
        "qualifier",
        "string",
        "The hedge the text puts on the number (over, at_least, under, at_most, about, nearly); null when exact",
    ),
    (
        "kind",
        "string",
        "count, amount, percent, change, ratio, fraction, one_in, period_length, deadline, group_size, date or other",
    ),
    (
        "unit",
        "string",
        "What one unit is; the currency code for an amount",
    ),
    (
        "scale",
        "string",
        "The scale word the number is printed with (thousand, lakh, million, crore, billion, trillion)",
    ),
    ("counts", "string", "What is counted, in plain words"),
    (
        "attribution_text",
        "string",
        "The report's own words that credit the figure",
    ),
    (
        "attributed_to",
        "string",
        "Who the report credits; null when it does not say",
    ),
    (
        "period_text",
        "string",
        "The period as the report states it",
    ),
    (
        "period_start",
        "string",
        "Start of the period (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    (
        "period_end",
        "string",
        "End of the period (YYYY, YYYY-MM or YYYY-MM-DD); the date itself for a date",
    ),
    (
        "inferred",
        "string",
        "Fields inferred rather than read from the text, each with the reason",
    ),
    (
        "series",
        "string",
        "The quantity this figure reports, shared with other reports of it",
    ),
    ("subset_of", "string", "The figure this one is part of"),
    (
        "dimensions",
        "string",
        "Named dimensions, as name=value pairs separated by semicolons",
    ),
    (
        "metric",
        "string",
        "For a derived number the report prints: the metric that should produce it",
    ),
    (
        "status",
        "string",
        "checked, or draft when nobody has checked the row yet",
    ),
    ("note", "string", "Caveat for reviewers"),
    (
        "ledger_line",
        "integer",
        "Line of figures.csv the figure comes from",
    ),
];

const SOURCES: Spec = &[
    ("id", "string", "Stable id of the report"),
    (
        "title",
        "string",
        "Headline, or a short description in our own words",
    ),
    ("outlet", "string", "The outlet that published it"),
    ("url", "string", "Where it is published"),
    ("date", "date", "Publication date"),
    ("language", "string", "Language of the text"),
    (
        "text_path",
        "string",
        "Where its text is kept, relative to the story folder; null when the text is not held",
    ),
    ("sha256", "string", "SHA-256 of the text"),
    ("description", "string", "What the report covers"),
    (
        "ledger_line",
        "integer",
        "Line of sources.csv the report comes from",
    ),
];

const METRICS: Spec = &[
    ("id", "string", "Stable id of the metric"),
    (
        "value",
        "number",
        "The value, unrounded; shares and changes are fractions (0-1 for shares)",
    ),
    (
        "shown",
        "string",
        "The value as displayed (percentages to one decimal, ratios to three significant figures)",
    ),
    (
        "numerator",
        "number",
        "Sum of the numerator's figures (the later value, for changes)",
    ),
    (
        "denominator",
        "number",
        "Sum of the denominator's figures (the earlier value, for changes)",
    ),
    ("calc", "string", "ratio, difference or change"),
    (
        "display",
        "string",
        "How the value is shown: count, amount, percent, ratio, per, change or change_percent",
    ),
    (
        "formula",
        "string",
        "The formula as a reader would write it",
    ),
    ("description", "string", "What the metric measures"),
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
        "bound",
        "string",
        "lower or upper for a bound; null for a measurement",
    ),
    (
        "hedge",
        "string",
        "The hedge the value carries from its bound or from hedged figures: over, at_least, under, at_most, about or nearly; null when exact",
    ),
    ("basis", "string", "Why a bound holds"),
    (
        "mixed_units",
        "boolean",
        "True when numerator and denominator count different kinds of thing",
    ),
    (
        "derived",
        "boolean",
        "True for a change derived for a series rather than defined in metrics.csv",
    ),
    (
        "ledger_line",
        "integer",
        "Line of metrics.csv the definition comes from; 0 for derived changes",
    ),
];

#[derive(Serialize)]
struct FindingRow<'a> {
    id: &'a str,
    check: &'a crate::analysis::Check,
    verdict: &'a crate::analysis::Verdict,
    sentence: &'a str,
    description: &'a str,
    actual: Option<f64>,
    expected: Option<f64>,
    gap: Option<f64>,
    unit: &'a str,
    figures: String,
    sources: String,
    possible_slips: String,
    ledger_line: u64,
}

const FINDINGS: Spec = &[
    ("id", "string", "Stable id of the check"),
    (
        "check",
        "string",
        "relation, replication, cross_source, printed_number, part_of_whole or audit",
    ),
    (
        "verdict",
        "string",
        "holds, consistent, matches, fails or differs",
    ),
    ("sentence", "string", "The finding in words"),
    ("description", "string", "What should hold"),
    ("actual", "number", "The left-hand or printed side"),
    ("expected", "number", "The right-hand or recomputed side"),
    ("gap", "number", "actual - expected, where both are exact"),
    ("unit", "string", "Unit of both sides"),
    (
        "figures",
        "string",
        "Figure ids involved, separated by spaces",
    ),
    (
        "sources",
        "string",
        "Report ids involved, separated by spaces",
    ),
    (
        "possible_slips",
        "string",
        "Single slips that would make a failed total hold, separated by semicolons; possibilities, not corrections",
    ),
    (
        "ledger_line",
        "integer",
        "Line of relations.csv or figures.csv the check comes from",
    ),
];

fn fields(spec: Spec) -> Vec<Field> {
    spec.iter()
        .map(|(name, kind, description)| Field {
            name: name.to_string(),
            kind: kind.to_string(),
            description: description.to_string(),
        })
        .collect()
}

/// JSON with every empty string written as null, as in the CSV.
fn nulls(v: Value) -> Value {
    match v {
        Value::String(s) if s.is_empty() => Value::Null,
        Value::Array(a) => Value::Array(a.into_iter().map(nulls).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, nulls(v))).collect()),
        other => other,
    }
}

fn encode<T: Serialize>(name: &str, what: &str, rows: &[T], spec: Spec) -> Result<Vec<File>> {
    let header: Vec<&str> = spec.iter().map(|f| f.0).collect();
    let csv = crate::util::csv_bytes(name, &header, rows)?;
    let json =
        serde_json::to_value(rows).map_err(|e| crate::Error::io(name, std::io::Error::other(e)))?;
    let json = crate::util::json_bytes(name, &nulls(json))?;
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
            json,
            "application/json",
            format!("{what} (JSON array of objects)"),
            fields(spec),
        ),
    ])
}

impl Exporter for Tables {
    fn files(&self, built: &Built, _: &[File]) -> Result<Vec<File>> {
        let ledger = &built.story.ledger;
        let findings: Vec<FindingRow> = built.analysis.findings.iter().map(row).collect();
        let mut out = encode(
            "figures",
            "Every figure of the ledger",
            &ledger.figures,
            FIGURES,
        )?;
        out.extend(encode(
            "sources",
            "Every report the figures come from",
            &ledger.sources,
            SOURCES,
        )?);
        out.extend(encode(
            "metrics",
            "Every metric, computed",
            &built.analysis.metrics,
            METRICS,
        )?);
        out.extend(encode(
            "findings",
            "Every check, with its finding",
            &findings,
            FINDINGS,
        )?);
        Ok(out)
    }
}

fn row(f: &Finding) -> FindingRow<'_> {
    FindingRow {
        id: &f.id,
        check: &f.check,
        verdict: &f.verdict,
        sentence: &f.sentence,
        description: &f.description,
        actual: f.actual,
        expected: f.expected,
        gap: f.gap,
        unit: &f.unit,
        figures: f.figures.join(" "),
        sources: f.sources.join(" "),
        possible_slips: f.possible_slips.join("; "),
        ledger_line: f.line,
    }
}
