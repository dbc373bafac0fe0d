//! Rich display in Jupyter notebooks on the evcxr Rust kernel.
//!
//! evcxr shows a value as HTML when its type has an `evcxr_display` method
//! that prints the content between `EVCXR_BEGIN_CONTENT text/html` and
//! `EVCXR_END_CONTENT`. The wrappers here give DataFrames, charts, metrics,
//! findings and audits that method, so the notebooks depend on nothing but
//! this crate. Each also has `html()`, which returns the same HTML as a
//! string (used by the tests, and by anyone embedding it elsewhere).
//!
//! Numbers are shown as the story shows them: counts and values with
//! thousands separators, but years, ids, paragraph and line numbers as
//! plain digits. A chart that cannot be drawn fails its cell (its display
//! panics with the reason), as a failing `?` would.

use polars::prelude::*;

use crate::analysis::audit::Status;
use crate::analysis::audit::{Audit, Claim, SourceAudit};
use crate::analysis::{Finding, Metric};
use crate::charts::{Chart, Plan};
use crate::format;
use crate::util::escape;

fn show(html: &str) {
    println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
}

const TABLE_STYLE: &str = "border-collapse:collapse;font-size:13px";
// A table wider than the output area scrolls inside it, not the page.
const SCROLL: &str = "overflow-x:auto;max-width:100%";
// Jupyter right-aligns table cells by default, so every cell says how it is aligned.
const CELL: &str =
    "padding:3px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top;text-align:left";

/// A DataFrame shown as an HTML table: strings escaped, numbers right-aligned
/// with thousands separators, columns of fractions (named `share`, or
/// named with [`Table::percent`]) as percentages, and columns that name
/// rather than count (years, ids, paragraph and line numbers; see
/// [`Table::plain`]) as plain digits. A frame wider than the notebook
/// scrolls sideways.
#[derive(Debug, Clone)]
pub struct Table {
    df: DataFrame,
    percent: Vec<String>,
    plain: Vec<String>,
}

/// True for a column whose numbers name something (a year, an id, a
/// paragraph or line number) rather than count it: shown without
/// thousands separators, as the story prints them.
fn names_rather_than_counts(column: &str) -> bool {
    const NAMES: [&str; 5] = ["year", "id", "paragraph", "line", "number"];
    NAMES.iter().any(|n| {
        column == *n
            || column
                .strip_suffix(n)
                .is_some_and(|rest| rest.ends_with('_'))
    })
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

/// A number as plain digits: `2024`, `12801`, `0.5`.
fn plain_digits(value: &AnyValue<'_>) -> String {
    if value.is_integer() {
        return value
            .extract::<i128>()
            .map(|n| n.to_string())
            .unwrap_or_default();
    }
    value
        .extract::<f64>()
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// A value a text states, written as the text writes it: plain digits
/// when the text prints the whole number without separators (a year,
/// `2024`, or `12801`), otherwise with them (`7,984`, `581,000,000` for
/// `Rs 581 million`).
fn as_printed(value: f64, printed: &str) -> String {
    let plain = format!("{value}");
    if value.fract() == 0.0 && printed.contains(&plain) {
        plain
    } else {
        format::number(value)
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
        let plain = df
            .columns()
            .iter()
            .filter(|c| names_rather_than_counts(c.name()))
            .map(|c| c.name().to_string())
            .collect();
        Table { df, percent, plain }
    }

    /// Shows these columns (fractions 0–1) as percentages too.
    pub fn percent(mut self, columns: &[&str]) -> Table {
        self.percent.extend(columns.iter().map(|c| c.to_string()));
        self
    }

    /// Shows these columns' numbers as plain digits too, without thousands
    /// separators (columns named `year`, `id`, `paragraph`, `line` or
    /// `number`, or ending in `_year`, `_id`... are already).
    pub fn plain(mut self, columns: &[&str]) -> Table {
        self.plain.extend(columns.iter().map(|c| c.to_string()));
        self
    }

    /// The wrapped DataFrame.
    pub fn frame(&self) -> &DataFrame {
        &self.df
    }

    fn cell(&self, column: &Column, i: usize) -> (String, bool) {
        let value = column.get(i).unwrap_or(AnyValue::Null);
        let as_percent = self.percent.iter().any(|p| p == column.name().as_str());
        let as_plain = self.plain.iter().any(|p| p == column.name().as_str());
        match value {
            AnyValue::Null => (String::new(), false),
            AnyValue::String(s) => (escape(s), false),
            AnyValue::StringOwned(s) => (escape(&s), false),
            AnyValue::Boolean(b) => (b.to_string(), false),
            AnyValue::Float64(v) if as_percent => (format::percent(v), true),
            AnyValue::Float32(v) if as_percent => (format::percent(f64::from(v)), true),
            other if as_plain && other.is_primitive_numeric() => (plain_digits(&other), true),
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
        let mut h = format!("<div style=\"{SCROLL}\"><table style=\"{TABLE_STYLE}\"><thead><tr>");
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
            "</tbody></table></div><p style=\"font-size:12px;color:#595959\">{} rows × {} columns</p>",
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
            "<figure style=\"margin:0;{SCROLL}\">{}<details style=\"font-size:12px;color:#595959;max-width:{}px\"><summary>The numbers drawn</summary>{}</details></figure>",
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
    ///
    /// # Panics
    ///
    /// When the chart cannot be drawn, with the reason: the cell fails,
    /// as it would had its `?` met the error.
    pub fn evcxr_display(&self) {
        show(&drawn(self));
    }
}

/// A plan drawn as HTML, or a panic with the reason it cannot be drawn.
fn drawn(plan: &Plan) -> String {
    match plan.draw() {
        Ok(c) => c.html(),
        Err(e) => panic!("{e}"),
    }
}

/// Several charts shown by one cell, one after another: a notebook shows
/// only the value a cell ends with, so `Charts(analysis.charts.clone())`
/// shows every chart where a loop of `chart.evcxr_display()` calls would
/// show only one.
#[derive(Debug, Clone)]
pub struct Charts(pub Vec<Plan>);

impl Charts {
    /// Every chart as HTML, each followed by a gap; an error message in
    /// place of a chart that cannot be drawn.
    pub fn html(&self) -> String {
        self.0
            .iter()
            .map(|p| format!("<div style=\"margin-bottom:24px\">{}</div>", p.html()))
            .collect()
    }

    /// Shows every chart in a notebook.
    ///
    /// # Panics
    ///
    /// When a chart cannot be drawn, with the reason (see
    /// [`Plan::evcxr_display`]).
    pub fn evcxr_display(&self) {
        let html: String = self
            .0
            .iter()
            .map(|p| format!("<div style=\"margin-bottom:24px\">{}</div>", drawn(p)))
            .collect();
        show(&html);
    }
}

/// Metrics shown as a table with their formulas and display values.
#[derive(Debug, Clone)]
pub struct Metrics(pub Vec<Metric>);

impl Metrics {
    /// The metrics as HTML.
    pub fn html(&self) -> String {
        let mut h = format!("<div style=\"{SCROLL}\"><table style=\"{TABLE_STYLE}\"><thead><tr>");
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
        h.push_str("</tbody></table></div>");
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
    /// The audit of one source as HTML: its verdict (no problems, how many
    /// problems, or why it was not checked), a summary, then every number
    /// and what accounts for it.
    pub fn html(&self) -> String {
        let strong = |colour: &str, words: &str| {
            format!(
                "<strong style=\"color:{colour}\">{}</strong>",
                escape(words)
            )
        };
        // An audit that did not run says so in its note's own words
        // ("Not re-checked: the text was not found at ..."), its verdict in bold.
        let said = match self.status {
            Status::Checked if self.problems.is_empty() => {
                format!(
                    "{}. {}",
                    strong("#0072b2", "no problems"),
                    escape(&self.summary())
                )
            }
            Status::Checked => {
                let n = self.problems.len();
                let verdict = format!("{n} problem{}", if n == 1 { "" } else { "s" });
                format!(
                    "{}. {}",
                    strong("#b00020", &verdict),
                    escape(&self.summary())
                )
            }
            Status::NoText | Status::NotRechecked => {
                let (fallback, colour) = match self.status {
                    Status::NoText => ("Not audited", "#595959"),
                    _ => ("Not re-checked", "#b00020"),
                };
                match self.note.split_once(": ") {
                    Some((verdict, rest)) => {
                        format!("{}: {}", strong(colour, verdict), escape(rest))
                    }
                    None => format!("{}. {}", strong(colour, fallback), escape(&self.note)),
                }
            }
        };
        let mut h = format!(
            "<p style=\"font-size:14px\"><code>{}</code>: {said}</p><ul style=\"font-size:13px\">",
            escape(&self.source)
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
        h.push_str(&format!("<div style=\"{SCROLL}\"><table style=\"{TABLE_STYLE}\"><thead><tr><th style=\"{CELL};text-align:right\">¶</th><th style=\"{CELL};text-align:left\">printed</th><th style=\"{CELL};text-align:right\">value</th><th style=\"{CELL};text-align:left\">accounted for by</th></tr></thead><tbody>"));
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
            let value = m
                .mention
                .value
                .map(|v| as_printed(v, &m.mention.printed))
                .unwrap_or_default();
            h.push_str(&format!(
                "<tr><td style=\"{CELL};text-align:right\">{}</td><td style=\"{CELL}\">{}</td><td style=\"{CELL};text-align:right;font-variant-numeric:tabular-nums\">{}</td><td style=\"{CELL}\">{by}</td></tr>",
                m.mention.paragraph,
                escape(&m.mention.printed),
                escape(&value)
            ));
        }
        h.push_str("</tbody></table></div>");
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

    #[test]
    fn numbers_that_name_things_have_no_separators() {
        let df = df!(
            "paragraph" => [12u32, 1024],
            "year" => [2024i64, 2025],
            "figure_id" => [10001i64, 2],
            "line" => [1500u64, 3],
            "accounts" => [7984i64, 1024],
            "yearly" => [1500.0, 2.0],
        )
        .unwrap();
        let html = Table::new(df).html();
        for plain in [">1024<", ">2024<", ">10001<", ">1500<"] {
            assert!(html.contains(plain), "{plain} in {html}");
        }
        // Counts keep their separators, also in a column whose name only
        // starts like one of those that name things.
        assert!(html.contains(">7,984<") && html.contains(">1,024<") && html.contains(">1,500<"));
        let named = Table::new(df!("code" => [4096i64]).unwrap())
            .plain(&["code"])
            .html();
        assert!(named.contains(">4096<"));
    }

    #[test]
    fn wide_tables_scroll_inside_the_output() {
        let columns: Vec<Column> = (0..40)
            .map(|i| Column::new(format!("column_{i}").into(), [i as f64]))
            .collect();
        let html = Table::new(DataFrame::new_infer_height(columns).unwrap()).html();
        assert!(html.starts_with("<div style=\"overflow-x:auto;max-width:100%\"><table"));
        assert!(html.contains("</table></div>"));
    }

    #[test]
    fn a_text_value_is_written_as_the_text_writes_it() {
        assert_eq!(as_printed(2024.0, "2024"), "2024");
        assert_eq!(as_printed(12801.0, "12801 operations"), "12801");
        assert_eq!(as_printed(7984.0, "7,984"), "7,984");
        assert_eq!(as_printed(581e6, "Rs 581 million"), "581,000,000");
        assert_eq!(as_printed(0.5, "half"), "0.5");
    }

    fn audit(status: Status, problems: usize) -> SourceAudit {
        use crate::analysis::audit::{Matched, Mention};
        let mention = |printed: &str, value: f64| Matched {
            mention: Mention {
                paragraph: 3,
                start: 0,
                end: printed.len(),
                printed: printed.to_string(),
                value: Some(value),
                qualifier: None,
            },
            claim: Claim::Unmatched,
        };
        SourceAudit {
            source: "report".into(),
            status,
            note: "Not re-checked: the text was not found at texts/report.txt.".into(),
            text_sha256: String::new(),
            paragraphs: 4,
            mentions: if status == Status::Checked {
                vec![mention("2024", 2024.0), mention("7,984", 7984.0)]
            } else {
                Vec::new()
            },
            problems: (0..problems)
                .map(|_| crate::analysis::audit::Problem::UnmatchedMention {
                    paragraph: 3,
                    printed: "2024".into(),
                })
                .collect(),
            quotes: Vec::new(),
            attributions: Vec::new(),
        }
    }

    #[test]
    fn an_audit_without_its_text_does_not_say_no_problems() {
        let missing = audit(Status::NotRechecked, 0).html();
        assert!(
            missing.contains(">Not re-checked</strong>: the text was not found"),
            "{missing}"
        );
        assert!(missing.contains("the text was not found"));
        assert!(!missing.contains("no problems"));
        assert!(!audit(Status::NoText, 0).html().contains("no problems"));
        let clean = audit(Status::Checked, 0).html();
        assert!(clean.contains(">no problems</strong>"));
        // The year as the text prints it, the count with its separator.
        assert!(
            clean.contains(">2024</td>") && clean.contains(">7,984</td>"),
            "{clean}"
        );
        assert!(
            audit(Status::Checked, 1)
                .html()
                .contains(">1 problem</strong>")
        );
        assert!(
            audit(Status::Checked, 2)
                .html()
                .contains(">2 problems</strong>")
        );
    }

    #[test]
    fn one_cell_shows_every_chart() {
        let story = crate::Story::load("tests/fixtures/fictional-budget").unwrap();
        let analysis = crate::Analysis::new(&story, &crate::Options::default()).unwrap();
        assert!(analysis.charts.len() > 1);
        let html = Charts(analysis.charts.clone()).html();
        assert_eq!(html.matches("<figure").count(), analysis.charts.len());
        for plan in &analysis.charts {
            assert!(html.contains(&escape(&plan.words.title)), "{}", plan.id);
        }
    }
}
