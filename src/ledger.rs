//! The ledger: every figure in a report, as hand-entered, sourced records.
//!
//! A ledger is a folder of CSV files (see `data/README.md` for the field
//! dictionary):
//!
//! | file            | one row per                                             |
//! |-----------------|---------------------------------------------------------|
//! | `sources.csv`   | report the figures come from                            |
//! | `figures.csv`   | numeric mention in a report, exactly as printed         |
//! | `relations.csv` | arithmetic the figures should satisfy (sums, bounds)    |
//! | `metrics.csv`   | derived number, a ratio of sums of figures              |
//! | `exclusions.csv`| number in the text deliberately left out, with a reason |
//!
//! Loading checks every field and refuses the whole ledger on the first
//! problem, naming the file, line and field. Records remember their line so
//! that reports can point a reviewer back to the row.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// A report the figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Stable id, referenced by figures.
    pub id: String,
    /// Headline or short title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Where its text is kept, relative to the data folder.
    pub text_path: String,
    /// What the report is about.
    pub description: String,
    /// Line in `sources.csv`.
    pub line: u64,
}

/// What kind of mention a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A quantity to analyse (accounts, operations, people…).
    Count,
    /// The length of the period a count covers ("three months").
    PeriodLength,
    /// A time limit set by someone ("within seven days").
    Deadline,
    /// The size of a body of people ("a 10-member task force").
    GroupSize,
    /// The report's own date.
    Dateline,
}

impl Kind {
    /// Every kind, in the order the field dictionary lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Count,
        Kind::PeriodLength,
        Kind::Deadline,
        Kind::GroupSize,
        Kind::Dateline,
    ];

    /// The name used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::PeriodLength => "period_length",
            Kind::Deadline => "deadline",
            Kind::GroupSize => "group_size",
            Kind::Dateline => "dateline",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One numeric mention in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Stable id, referenced by relations and metrics.
    pub id: String,
    /// The source's id.
    pub source: String,
    /// Paragraph number in the source (blank-line-separated blocks, from 1).
    pub paragraph: u32,
    /// The words as printed ("7,984", "three months").
    pub printed: String,
    /// The exact value; `None` only for a dateline.
    pub value: Option<f64>,
    /// What one unit is (accounts, operations, days…).
    pub unit: String,
    /// What kind of mention this is.
    pub kind: Kind,
    /// What is counted, in plain words.
    pub counts: String,
    /// Who gave the figure.
    pub attributed_to: String,
    /// The period as the text states it.
    pub period_text: String,
    /// Start of the period (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where fixed.
    pub period_start: Option<String>,
    /// End of the period, where fixed.
    pub period_end: Option<String>,
    /// Platform dimension (facebook, tiktok…), where it applies.
    pub platform: Option<String>,
    /// Blocking-status dimension (blocked, in_process), where it applies.
    pub status: Option<String>,
    /// A caveat for reviewers.
    pub note: String,
    /// Line in `figures.csv` (published as `ledger_line`).
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

/// One signed term of a sum: `+ figure` or `- figure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// +1 or -1.
    pub sign: i8,
    /// The figure's id.
    pub figure: String,
}

/// A sum of figures, written `a + b - c` in the CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Sum(pub Vec<Term>);

impl Sum {
    /// Parses `a + b - c`; `None` describes what was wrong.
    fn parse(s: &str) -> std::result::Result<Sum, String> {
        let mut terms = Vec::new();
        let mut sign = 1i8;
        let mut expect_figure = true;
        for token in s.split_whitespace() {
            match (expect_figure, token) {
                (false, "+") => {
                    sign = 1;
                    expect_figure = true;
                }
                (false, "-") => {
                    sign = -1;
                    expect_figure = true;
                }
                (true, id) if is_id(id) => {
                    terms.push(Term {
                        sign,
                        figure: id.to_string(),
                    });
                    expect_figure = false;
                }
                _ => {
                    return Err(format!(
                        "expected figure ids joined by + or - (like `a + b - c`), found {s:?}"
                    ))
                }
            }
        }
        if terms.is_empty() || expect_figure {
            return Err(format!(
                "expected figure ids joined by + or - (like `a + b - c`), found {s:?}"
            ));
        }
        Ok(Sum(terms))
    }

    /// The figure ids in the sum, in order.
    pub fn figures(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|t| t.figure.as_str())
    }
}

impl fmt::Display for Sum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.0.iter().enumerate() {
            match (i, t.sign) {
                (0, s) if s < 0 => write!(f, "-{}", t.figure)?,
                (0, _) => write!(f, "{}", t.figure)?,
                (_, s) if s < 0 => write!(f, " - {}", t.figure)?,
                _ => write!(f, " + {}", t.figure)?,
            }
        }
        Ok(())
    }
}

/// How the two sides of a relation compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    /// Left equals right.
    #[serde(rename = "=")]
    Eq,
    /// Left is at most right.
    #[serde(rename = "<=")]
    Le,
    /// Left is at least right.
    #[serde(rename = ">=")]
    Ge,
}

impl Op {
    /// The symbol used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Le => "<=",
            Op::Ge => ">=",
        }
    }
}

/// Arithmetic the figures should satisfy, such as "the parts sum to the total".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// Stable id.
    pub id: String,
    /// What should hold, in plain words.
    pub description: String,
    /// The left-hand sum (usually the parts).
    pub left: Sum,
    /// How the sides compare.
    pub op: Op,
    /// The right-hand sum (usually the reported total).
    pub right: Sum,
    /// Unit of both sides.
    pub unit: String,
    /// What a gap between the sides means ("accounts with no status").
    pub gap_label: String,
    /// Line in `relations.csv`.
    pub line: u64,
}

/// How a metric's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A fraction 0–1, shown as a percentage.
    Percent,
    /// A plain ratio, shown to three significant figures.
    Ratio,
}

/// A derived number: a ratio of sums of figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricDef {
    /// Stable id.
    pub id: String,
    /// What it measures, in plain words.
    pub description: String,
    /// The numerator.
    pub numerator: Sum,
    /// The denominator.
    pub denominator: Sum,
    /// The formula as a reader would write it.
    pub formula: String,
    /// How the value is shown.
    pub display: Display,
    /// Line in `metrics.csv`.
    pub line: u64,
}

/// A number in the text that is deliberately not a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exclusion {
    /// The source's id.
    pub source: String,
    /// Paragraph number in the source.
    pub paragraph: u32,
    /// The words as printed.
    pub printed: String,
    /// Why it is left out.
    pub reason: String,
    /// Line in `exclusions.csv`.
    pub line: u64,
}

/// A loaded, validated ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The folder it was loaded from.
    pub dir: PathBuf,
    /// Reports.
    pub sources: Vec<Source>,
    /// Figures, in file order.
    pub figures: Vec<Figure>,
    /// Relations, in file order.
    pub relations: Vec<Relation>,
    /// Metric definitions, in file order.
    pub metrics: Vec<MetricDef>,
    /// Exclusions, in file order.
    pub exclusions: Vec<Exclusion>,
    /// SHA-256 of each file as it was read, by file name, so reports can
    /// name exactly the data they were built from.
    pub hashes: Vec<(String, String)>,
}

/// The columns of `figures.csv`, in the order the field dictionary gives them.
pub const FIGURE_COLUMNS: [&str; 15] = [
    "id",
    "source",
    "paragraph",
    "printed",
    "value",
    "unit",
    "kind",
    "counts",
    "attributed_to",
    "period_text",
    "period_start",
    "period_end",
    "platform",
    "status",
    "note",
];

/// The file names of a ledger folder, in the order they are loaded.
pub const FILES: [&str; 5] = [
    "sources.csv",
    "figures.csv",
    "relations.csv",
    "metrics.csv",
    "exclusions.csv",
];

impl Ledger {
    /// Loads and validates the ledger in `dir`.
    ///
    /// ```
    /// let ledger = newsfigures::Ledger::load("data").unwrap();
    /// let flagged = ledger.figure("accounts_flagged").unwrap();
    /// assert_eq!(flagged.value, Some(924.0));
    /// assert_eq!(flagged.paragraph, 16);
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<Ledger> {
        let dir = dir.as_ref().to_path_buf();
        let mut hashes = Vec::new();
        let sources = load_sources(&dir.join("sources.csv"), &mut hashes)?;
        let figures = load_figures(&dir.join("figures.csv"), &sources, &mut hashes)?;
        let relations = load_relations(&dir.join("relations.csv"), &figures, &mut hashes)?;
        let metrics = load_metrics(&dir.join("metrics.csv"), &figures, &mut hashes)?;
        let exclusions = load_exclusions(&dir.join("exclusions.csv"), &sources, &mut hashes)?;
        Ok(Ledger {
            dir,
            sources,
            figures,
            relations,
            metrics,
            exclusions,
            hashes,
        })
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The value of each of `ids`, or the list of ids that are missing or
    /// have no value.
    pub fn values(&self, ids: &[&str]) -> std::result::Result<Vec<f64>, Vec<String>> {
        let found: Vec<Option<f64>> = ids
            .iter()
            .map(|id| self.figure(id).and_then(|f| f.value))
            .collect();
        let missing: Vec<String> = ids
            .iter()
            .zip(&found)
            .filter(|(_, v)| v.is_none())
            .map(|(id, _)| id.to_string())
            .collect();
        if missing.is_empty() {
            Ok(found.into_iter().flatten().collect())
        } else {
            Err(missing)
        }
    }

    /// Sets a figure's value in memory (for what-if analysis); the files are
    /// not touched. Fails if the id is unknown or the value is negative.
    pub fn set_value(&mut self, id: &str, value: f64) -> Result<()> {
        let path = self.dir.join("figures.csv");
        let figure = self
            .figures
            .iter_mut()
            .find(|f| f.id == id)
            .ok_or_else(|| {
                Error::data(
                    Location::file(&path),
                    format!("no figure has the id `{id}`"),
                )
            })?;
        if !(value.is_finite() && value >= 0.0) {
            return Err(Error::data(
                Location::field(&path, figure.line, "value"),
                format!("expected a non-negative number, found {value}"),
            ));
        }
        figure.value = Some(value);
        Ok(())
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Where a source's text is kept: `text_path` taken relative to the
    /// ledger folder.
    pub fn text_path(&self, source: &Source) -> PathBuf {
        self.dir.join(&source.text_path)
    }
}

/// True for ids made of lowercase letters, digits and underscores.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Rows of one CSV file, each with its line number and fields by name.
struct Table {
    path: PathBuf,
    rows: Vec<Row>,
    sha256: String,
}

struct Row {
    line: u64,
    fields: BTreeMap<&'static str, String>,
}

impl Row {
    fn get(&self, field: &str) -> &str {
        self.fields.get(field).map(String::as_str).unwrap_or("")
    }
}

impl Table {
    /// Reads `path`, requiring exactly these columns (in any order).
    fn read(path: &Path, columns: &'static [&'static str]) -> Result<Table> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if let Err(e) = std::str::from_utf8(&bytes) {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(Error::data(
                Location::line(path, line as u64),
                "expected UTF-8 text; save the file as CSV UTF-8",
            ));
        }
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::data(
                Location::file(path),
                format!(
                    "the file is empty; expected a header row: {}",
                    columns.join(",")
                ),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(bytes.as_slice());
        let headers = reader.headers().map_err(|e| csv_error(path, e))?.clone();
        let names: Vec<&str> = headers.iter().map(str::trim).collect();
        for column in columns {
            if !names.contains(column) {
                return Err(Error::data(
                    Location::line(path, 1),
                    format!(
                        "missing column `{column}`; expected columns: {}",
                        columns.join(",")
                    ),
                ));
            }
        }
        if let Some(extra) = names.iter().find(|n| !columns.contains(n)) {
            return Err(Error::data(
                Location::line(path, 1),
                format!(
                    "unknown column `{extra}`; expected columns: {}",
                    columns.join(",")
                ),
            ));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(path, e))?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let fields = columns
                .iter()
                .map(|&c| {
                    let i = names.iter().position(|n| *n == c).expect("checked above");
                    (c, record.get(i).unwrap_or("").trim().to_string())
                })
                .collect();
            rows.push(Row { line, fields });
        }
        Ok(Table {
            path: path.to_path_buf(),
            rows,
            sha256: crate::build::sha256(&bytes),
        })
    }

    /// The file's name, without its folder.
    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn at(&self, row: &Row, field: &str) -> Location {
        Location::field(&self.path, row.line, field)
    }

    fn required<'r>(&self, row: &'r Row, field: &str) -> Result<&'r str> {
        let v = row.get(field);
        if v.is_empty() {
            Err(Error::data(
                self.at(row, field),
                "expected a value, found an empty field",
            ))
        } else {
            Ok(v)
        }
    }

    fn id(&self, row: &Row, field: &str) -> Result<String> {
        let v = self.required(row, field)?;
        if is_id(v) {
            Ok(v.to_string())
        } else {
            Err(Error::data(
                self.at(row, field),
                format!("expected an id of lowercase letters, digits and _ (like `accounts_x`), found {v:?}"),
            ))
        }
    }

    /// Fails on the second row that repeats an id.
    fn unique<'a>(&self, ids: impl Iterator<Item = (&'a str, u64)>, field: &str) -> Result<()> {
        let mut seen = BTreeMap::new();
        for (id, line) in ids {
            if let Some(first) = seen.insert(id, line) {
                return Err(Error::data(
                    Location::field(&self.path, line, field),
                    format!("duplicate id `{id}`, first used on line {first}; ids must be unique"),
                ));
            }
        }
        Ok(())
    }

    fn paragraph(&self, row: &Row) -> Result<u32> {
        let v = self.required(row, "paragraph")?;
        match v.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Error::data(
                self.at(row, "paragraph"),
                format!("expected a paragraph number (1, 2, …), found {v:?}"),
            )),
        }
    }

    fn source_ref(&self, row: &Row, sources: &[Source]) -> Result<String> {
        let id = self.id(row, "source")?;
        if sources.iter().any(|s| s.id == id) {
            Ok(id)
        } else {
            Err(Error::data(
                self.at(row, "source"),
                format!("unknown source `{id}`; expected an id from sources.csv"),
            ))
        }
    }

    fn sum(&self, row: &Row, field: &str, figures: &[Figure]) -> Result<Sum> {
        let sum = Sum::parse(self.required(row, field)?)
            .map_err(|m| Error::data(self.at(row, field), m))?;
        for id in sum.figures() {
            match figures.iter().find(|f| f.id == id) {
                None => {
                    return Err(Error::data(
                        self.at(row, field),
                        format!("unknown figure `{id}`; expected an id from figures.csv"),
                    ))
                }
                Some(f) if f.value.is_none() => {
                    return Err(Error::data(
                        self.at(row, field),
                        format!(
                        "figure `{id}` has no value (it is a {}); expected a figure with a number",
                        f.kind
                    ),
                    ))
                }
                Some(_) => {}
            }
        }
        Ok(sum)
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields like the header row, found {len}; check for a missing or extra comma, or an unquoted comma in a text field")
        }
        csv::ErrorKind::Utf8 { .. } => {
            "expected UTF-8 text; save the file as CSV UTF-8".to_string()
        }
        _ => format!("malformed CSV: {e}"),
    };
    let at = match line {
        Some(l) => Location::line(path, l),
        None => Location::file(path),
    };
    Error::data(at, message)
}

/// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            if !(num(y, 4) && num(m, 2) && num(d, 2)) {
                return false;
            }
            let (y, m, d): (u32, u32, u32) = (
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            );
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

fn optional(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

fn load_sources(path: &Path, hashes: &mut Vec<(String, String)>) -> Result<Vec<Source>> {
    const COLUMNS: &[&str] = &[
        "id",
        "title",
        "publisher",
        "date",
        "text_path",
        "description",
    ];
    let t = Table::read(path, COLUMNS)?;
    hashes.push((t.name(), t.sha256.clone()));
    let mut out = Vec::new();
    for row in &t.rows {
        let date = t.required(row, "date")?;
        if !(date.len() == 10 && is_partial_date(date)) {
            return Err(Error::data(
                t.at(row, "date"),
                format!("expected a date as YYYY-MM-DD, found {date:?}"),
            ));
        }
        out.push(Source {
            id: t.id(row, "id")?,
            title: t.required(row, "title")?.to_string(),
            publisher: row.get("publisher").to_string(),
            date: date.to_string(),
            text_path: t.required(row, "text_path")?.to_string(),
            description: row.get("description").to_string(),
            line: row.line,
        });
    }
    t.unique(out.iter().map(|s| (s.id.as_str(), s.line)), "id")?;
    Ok(out)
}

fn load_figures(
    path: &Path,
    sources: &[Source],
    hashes: &mut Vec<(String, String)>,
) -> Result<Vec<Figure>> {
    const COLUMNS: &[&str] = &FIGURE_COLUMNS;
    let t = Table::read(path, COLUMNS)?;
    hashes.push((t.name(), t.sha256.clone()));
    let mut out = Vec::new();
    for row in &t.rows {
        let kind_text = t.required(row, "kind")?;
        let kind = Kind::parse(kind_text).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            Error::data(
                t.at(row, "kind"),
                format!("expected one of {}, found {kind_text:?}", names.join(", ")),
            )
        })?;
        let raw = row.get("value");
        let value = match (kind, raw) {
            (Kind::Dateline, "") => None,
            (Kind::Dateline, v) => {
                return Err(Error::data(
                    t.at(row, "value"),
                    format!("a dateline has no value (its date goes in period_start and period_end), found {v:?}"),
                ))
            }
            (_, "") => {
                return Err(Error::data(
                    t.at(row, "value"),
                    "expected the figure's value as a plain number (like 7984), found an empty field",
                ))
            }
            (_, v) => {
                let n: f64 = v.parse().ok().filter(|n: &f64| n.is_finite()).ok_or_else(|| {
                    Error::data(
                        t.at(row, "value"),
                        format!("expected a plain number without separators (like 7984 or 0.5), found {v:?}"),
                    )
                })?;
                if n < 0.0 {
                    return Err(Error::data(
                        t.at(row, "value"),
                        format!("expected a non-negative number (counts cannot be negative), found {v}"),
                    ));
                }
                if kind == Kind::Count && n.fract() != 0.0 {
                    return Err(Error::data(
                        t.at(row, "value"),
                        format!("expected a whole number for a count, found {v}"),
                    ));
                }
                Some(n)
            }
        };
        let mut period = [None, None];
        for (slot, field) in period.iter_mut().zip(["period_start", "period_end"]) {
            let v = row.get(field);
            if !v.is_empty() && !is_partial_date(v) {
                return Err(Error::data(
                    t.at(row, field),
                    format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {v:?}"),
                ));
            }
            *slot = optional(v);
        }
        if let [Some(start), Some(end)] = &period {
            if start > end {
                return Err(Error::data(
                    t.at(row, "period_end"),
                    format!("the period ends ({end}) before it starts ({start})"),
                ));
            }
        }
        let [period_start, period_end] = period;
        out.push(Figure {
            id: t.id(row, "id")?,
            source: t.source_ref(row, sources)?,
            paragraph: t.paragraph(row)?,
            printed: t.required(row, "printed")?.to_string(),
            value,
            unit: t.required(row, "unit")?.to_string(),
            kind,
            counts: t.required(row, "counts")?.to_string(),
            attributed_to: t.required(row, "attributed_to")?.to_string(),
            period_text: row.get("period_text").to_string(),
            period_start,
            period_end,
            platform: optional(row.get("platform")),
            status: optional(row.get("status")),
            note: row.get("note").to_string(),
            line: row.line,
        });
    }
    t.unique(out.iter().map(|f| (f.id.as_str(), f.line)), "id")?;
    Ok(out)
}

fn load_relations(
    path: &Path,
    figures: &[Figure],
    hashes: &mut Vec<(String, String)>,
) -> Result<Vec<Relation>> {
    const COLUMNS: &[&str] = &[
        "id",
        "description",
        "left",
        "op",
        "right",
        "unit",
        "gap_label",
    ];
    let t = Table::read(path, COLUMNS)?;
    hashes.push((t.name(), t.sha256.clone()));
    let mut out = Vec::new();
    for row in &t.rows {
        let op = match t.required(row, "op")? {
            "=" => Op::Eq,
            "<=" => Op::Le,
            ">=" => Op::Ge,
            other => {
                return Err(Error::data(
                    t.at(row, "op"),
                    format!("expected one of =, <=, >=, found {other:?}"),
                ))
            }
        };
        out.push(Relation {
            id: t.id(row, "id")?,
            description: t.required(row, "description")?.to_string(),
            left: t.sum(row, "left", figures)?,
            op,
            right: t.sum(row, "right", figures)?,
            unit: row.get("unit").to_string(),
            gap_label: row.get("gap_label").to_string(),
            line: row.line,
        });
    }
    t.unique(out.iter().map(|r| (r.id.as_str(), r.line)), "id")?;
    Ok(out)
}

fn load_metrics(
    path: &Path,
    figures: &[Figure],
    hashes: &mut Vec<(String, String)>,
) -> Result<Vec<MetricDef>> {
    const COLUMNS: &[&str] = &[
        "id",
        "description",
        "numerator",
        "denominator",
        "formula",
        "display",
    ];
    let t = Table::read(path, COLUMNS)?;
    hashes.push((t.name(), t.sha256.clone()));
    let mut out = Vec::new();
    for row in &t.rows {
        let display = match t.required(row, "display")? {
            "percent" => Display::Percent,
            "ratio" => Display::Ratio,
            other => {
                return Err(Error::data(
                    t.at(row, "display"),
                    format!("expected percent or ratio, found {other:?}"),
                ))
            }
        };
        out.push(MetricDef {
            id: t.id(row, "id")?,
            description: t.required(row, "description")?.to_string(),
            numerator: t.sum(row, "numerator", figures)?,
            denominator: t.sum(row, "denominator", figures)?,
            formula: t.required(row, "formula")?.to_string(),
            display,
            line: row.line,
        });
    }
    t.unique(out.iter().map(|m| (m.id.as_str(), m.line)), "id")?;
    Ok(out)
}

fn load_exclusions(
    path: &Path,
    sources: &[Source],
    hashes: &mut Vec<(String, String)>,
) -> Result<Vec<Exclusion>> {
    const COLUMNS: &[&str] = &["source", "paragraph", "printed", "reason"];
    let t = Table::read(path, COLUMNS)?;
    hashes.push((t.name(), t.sha256.clone()));
    let mut out = Vec::new();
    for row in &t.rows {
        out.push(Exclusion {
            source: t.source_ref(row, sources)?,
            paragraph: t.paragraph(row)?,
            printed: t.required(row, "printed")?.to_string(),
            reason: t.required(row, "reason")?.to_string(),
            line: row.line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_parse_and_print_back() {
        let s = Sum::parse("a + b_2 - c").unwrap();
        assert_eq!(s.0.len(), 3);
        assert_eq!(
            s.0[2],
            Term {
                sign: -1,
                figure: "c".into()
            }
        );
        assert_eq!(s.to_string(), "a + b_2 - c");
        assert!(Sum::parse("a +").is_err());
        assert!(Sum::parse("a b").is_err());
        assert!(Sum::parse("").is_err());
        assert!(Sum::parse("A + b").is_err());
    }

    #[test]
    fn partial_dates() {
        for ok in ["2024", "2024-10", "2024-02-29", "2023-12-31"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in [
            "24",
            "2024-13",
            "2023-02-29",
            "2024-1-01",
            "2024-10-32",
            "soon",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
