//! Rich display in Jupyter notebooks on the evcxr Rust kernel.
//!
//! evcxr shows a value as HTML when its type has an `evcxr_display` method
//! that prints the content between `EVCXR_BEGIN_CONTENT text/html` and
//! `EVCXR_END_CONTENT`. The wrappers here give DataFrames, charts, metrics,
//! findings and audits that method, so the notebooks depend on nothing but
//! this crate. Each also has `html()`, which returns the same HTML as a
//! string (used by the tests, and by anyone embedding it elsewhere).

use polars::prelude::*;

use crate::analysis::audit::{Audit, Claim, SourceAudit};
use crate::analysis::{Finding, Metric};
use crate::charts::{Chart, Plan};
use crate::format;
use crate::util::escape;

fn show(html: &str) {
    println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
}

const TABLE_STYLE: &str = "border-collapse:collapse;font-size:13px";
// Jupyter right-aligns table cells by default, so every cell says how it is aligned.
const CELL: &str =
    "padding:3px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top;text-align:left";

/// A DataFrame shown as an HTML table: strings escaped, numbers right-aligned
/// with thousands separators, and columns of fractions (named `share`, or
/// named with [`Table::percent`]) as percentages.
#[derive(Debug, Clone)]
pub struct Table {
    df: DataFrame,
    percent: Vec<String>,
}

/// A DataFrame, or a reference to one (cloned: DataFrames share their data,
/// so this is cheap). Notebook cells show `Table::new(&df)` so that `df`
/// stays usable in later cells.
pub trait IntoFrame {
    /// The DataFrame.
    fn into_frame(self) -> DataFrame;
}

impl IntoFrame for DataFrame {
    fn into_frame(self) -> DataFrame {
        self
    }
}

impl IntoFrame for &DataFrame {
    fn into_frame(self) -> DataFrame {
        self.clone()
    }
}

impl Table {
    /// Wraps a DataFrame. A float column named `share` (the name the
    /// engine gives fractions of a total) is shown as percentages;
    /// [`Table::percent`] names others.
    pub fn new(df: impl IntoFrame) -> Table {
        let df = df.into_frame();
        let percent = df
            .columns()
            .iter()
            .filter(|c| c.dtype().is_float() && c.name().as_str() == "share")
            .map(|c| c.name().to_string())
            .collect();
        Table { df, percent }
    }

    /// Shows these columns (fractions 0–1) as percentages too.
    pub fn percent(mut self, columns: &[&str]) -> Table {
        self.percent.extend(columns.iter().map(|c| c.to_string()));
        self
    }

    /// The wrapped DataFrame.
    pub fn frame(&self) -> &DataFrame {
        &self.df
    }

    fn cell(&self, column: &Column, i: usize) -> (String, bool) {
        let value = column.get(i).unwrap_or(AnyValue::Null);
        let as_percent = self.percent.iter().any(|p| p == column.name().as_str());
        match value {
            AnyValue::Null => (String::new(), false),
            AnyValue::String(s) => (escape(s), false),
            AnyValue::StringOwned(s) => (escape(&s), false),
            AnyValue::Boolean(b) => (b.to_string(), false),
            AnyValue::Float64(v) if as_percent => (format::percent(v), true),
            AnyValue::Float32(v) if as_percent => (format::percent(f64::from(v)), true),
            AnyValue::Float64(v) => (
                if v.fract() == 0.0 {
                    format::number(v)
                } else {
                    format::ratio(v)
                },
                true,
            ),
            AnyValue::Float32(v) => (format::ratio(f64::from(v)), true),
            other => match other.extract::<i64>() {
                Some(n) => (format::number(n as f64), true),
                None => (escape(&other.to_string()), false),
            },
        }
    }

    /// The table as HTML.
    pub fn html(&self) -> String {
        let columns = self.df.columns();
        let mut h = format!("<table style=\"{TABLE_STYLE}\"><thead><tr>");
        for c in columns {
            let numeric = c.dtype().is_primitive_numeric();
            let align = if numeric { "right" } else { "left" };
            h.push_str(&format!(
                "<th style=\"{CELL};text-align:{align}\">{}</th>",
                escape(c.name())
            ));
        }
        h.push_str("</tr></thead><tbody>");
        for i in 0..self.df.height() {
            h.push_str("<tr>");
            for c in columns {
                let (text, right) = self.cell(c, i);
                let align = if right {
                    "right;font-variant-numeric:tabular-nums"
                } else {
                    "left"
                };
                h.push_str(&format!(
                    "<td style=\"{CELL};text-align:{align}\">{text}</td>"
                ));
            }
            h.push_str("</tr>");
        }
        h.push_str(&format!(
            "</tbody></table><p style=\"font-size:12px;color:#595959\">{} rows × {} columns</p>",
            self.df.height(),
            columns.len()
        ));
        h
    }

    /// Shows the table in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

impl Chart {
    /// The chart as HTML: the SVG inline (it carries its title and alt text
    /// for screen readers), and the numbers drawn in a closed details box.
    pub fn html(&self) -> String {
        format!(
            "<figure style=\"margin:0\">{}<details style=\"font-size:12px;color:#595959;max-width:{}px\"><summary>The numbers drawn</summary>{}</details></figure>",
            self.svg.trim_start_matches(|c| c != '<'),
            self.size.0,
            Table::new(&self.data).html()
        )
    }

    /// Shows the chart in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

impl Plan {
    /// The chart, drawn, as HTML; an error message if it cannot be drawn.
    pub fn html(&self) -> String {
        match self.draw() {
            Ok(c) => c.html(),
            Err(e) => format!("<p style=\"color:#b00020\">{}</p>", escape(&e.to_string())),
        }
    }

    /// Shows the chart in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

/// Metrics shown as a table with their formulas and display values.
#[derive(Debug, Clone)]
pub struct Metrics(pub Vec<Metric>);

impl Metrics {
    /// The metrics as HTML.
    pub fn html(&self) -> String {
        let mut h = format!("<table style=\"{TABLE_STYLE}\"><thead><tr>");
        for (name, right) in [
            ("metric", false),
            ("value", true),
            ("formula", false),
            ("numerator", true),
            ("denominator", true),
            ("inputs", false),
        ] {
            let align = if right { "right" } else { "left" };
            h.push_str(&format!(
                "<th style=\"{CELL};text-align:{align}\">{name}</th>"
            ));
        }
        h.push_str("</tr></thead><tbody>");
        let num = format!("{CELL};text-align:right;font-variant-numeric:tabular-nums");
        for m in &self.0 {
            h.push_str(&format!(
                "<tr><td style=\"{CELL}\"><code>{}</code><br>{}</td><td style=\"{num}\"><strong>{}</strong></td><td style=\"{CELL}\">{}</td><td style=\"{num}\">{}</td><td style=\"{num}\">{}</td><td style=\"{CELL}\"><code>{}</code> / <code>{}</code></td></tr>",
                escape(&m.id),
                escape(&m.description),
                escape(&m.shown),
                escape(&m.formula),
                format::number(m.numerator),
                format::number(m.denominator),
                escape(&m.numerator_figures),
                escape(&m.denominator_figures)
            ));
        }
        h.push_str("</tbody></table>");
        h
    }

    /// Shows the metrics in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

/// Findings shown as a readable list, inconsistencies first and marked.
#[derive(Debug, Clone)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// The findings as HTML.
    pub fn html(&self) -> String {
        let mut sorted: Vec<&Finding> = self.0.iter().collect();
        sorted.sort_by_key(|f| f.holds());
        let mut h = String::from("<ul style=\"font-size:14px;line-height:1.5\">");
        for f in sorted {
            let mark = if f.holds() {
                format!(
                    "<span style=\"color:#0072b2\">✓ {}</span>",
                    f.verdict.as_str()
                )
            } else {
                format!(
                    "<strong style=\"color:#b00020\">✗ {}</strong>",
                    f.verdict.as_str()
                )
            };
            h.push_str(&format!(
                "<li>{mark} <code>{}</code>: {}</li>",
                escape(&f.id),
                escape(&f.sentence)
            ));
        }
        h.push_str("</ul>");
        h
    }

    /// Shows the findings in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

impl SourceAudit {
    /// The audit of one source as HTML: a summary, then every number and
    /// what accounts for it.
    pub fn html(&self) -> String {
        let verdict = if self.problems.is_empty() {
            "<strong style=\"color:#0072b2\">no problems</strong>".to_string()
        } else {
            format!(
                "<strong style=\"color:#b00020\">{} problems</strong>",
                self.problems.len()
            )
        };
        let mut h = format!(
            "<p style=\"font-size:14px\"><code>{}</code>: {verdict}. {}</p><ul style=\"font-size:13px\">",
            escape(&self.source),
            escape(&self.summary())
        );
        for p in &self.problems {
            h.push_str(&format!(
                "<li style=\"color:#b00020\">{}</li>",
                escape(&p.to_string())
            ));
        }
        h.push_str("</ul>");
        if self.mentions.is_empty() {
            return h;
        }
        h.push_str(&format!("<table style=\"{TABLE_STYLE}\"><thead><tr><th style=\"{CELL};text-align:right\">¶</th><th style=\"{CELL};text-align:left\">printed</th><th style=\"{CELL};text-align:right\">value</th><th style=\"{CELL};text-align:left\">accounted for by</th></tr></thead><tbody>"));
        for m in &self.mentions {
            let by = match &m.claim {
                Claim::Figure { id, draft } => format!(
                    "figure <code>{}</code>{}",
                    escape(id),
                    if *draft { " (draft)" } else { "" }
                ),
                Claim::Exclusion { reason } => format!("excluded: {}", escape(reason)),
                Claim::Unmatched => "<strong style=\"color:#b00020\">nothing</strong>".to_string(),
            };
            h.push_str(&format!(
                "<tr><td style=\"{CELL};text-align:right\">{}</td><td style=\"{CELL}\">{}</td><td style=\"{CELL};text-align:right\">{}</td><td style=\"{CELL}\">{by}</td></tr>",
                m.mention.paragraph,
                escape(&m.mention.printed),
                m.mention.value.map(format::number).unwrap_or_default()
            ));
        }
        h.push_str("</tbody></table>");
        h
    }

    /// Shows the audit in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

impl Audit {
    /// Every source's audit as HTML.
    pub fn html(&self) -> String {
        self.sources.iter().map(SourceAudit::html).collect()
    }

    /// Shows the audit in a notebook.
    pub fn evcxr_display(&self) {
        show(&self.html());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_escape_align_and_format() {
        let df = df!(
            "name" => ["<b>x</b>", "y"],
            "count" => [7984.0, 12.0],
            "share" => [0.527, 0.013],
            "n" => [1_234_567i64, 2],
        )
        .unwrap();
        let html = Table::new(df).html();
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!html.contains("<b>x"));
        assert!(html.contains(">7,984</td>"));
        assert!(html.contains(">52.7%</td>"));
        assert!(html.contains(">1,234,567</td>"));
        assert!(html.contains("text-align:right;font-variant-numeric:tabular-nums\">7,984"));
        assert!(html.contains("2 rows × 4 columns"));
    }
}
