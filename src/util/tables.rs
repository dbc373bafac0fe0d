//! Tables in memory: rows written as CSV or JSON, a DataFrame written as
//! CSV, and a DataFrame's columns read back as values.

use polars::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};

/// Writes rows (serde records) as CSV with a header row; `header` is used
/// when there are no rows, so an empty table still names its columns.
pub fn csv_bytes<T: Serialize>(name: &str, header: &[&str], rows: &[T]) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| Error::io(name, std::io::Error::other(e.to_string()));
    let mut w = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        w.write_record(header).map_err(fail)?;
    }
    for r in rows {
        w.serialize(r).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::io(name, std::io::Error::other(e.to_string())))
}

/// Pretty JSON with a final newline.
pub fn json_bytes<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::io(name, std::io::Error::other(e)))?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// A float column as values, null as NaN (the analysis's "no value").
pub(crate) fn f64s(df: &polars::prelude::DataFrame, name: &str) -> Result<Vec<f64>> {
    Ok(df
        .column(name)?
        .f64()?
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect())
}

/// A string column as owned strings, null as "".
pub(crate) fn strings(df: &polars::prelude::DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect())
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
                AnyValue::Boolean(b) => b.to_string(),
                other => other.to_string(),
            });
        }
        w.write_record(&row).map_err(csv_io)?;
    }
    let bytes = w.into_inner().map_err(|e| csv_io(e.into_error().into()))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

fn csv_io(e: csv::Error) -> crate::Error {
    crate::Error::io("<memory>", std::io::Error::other(e.to_string()))
}
