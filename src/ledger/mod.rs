//! The ledger: every figure in a story's reports, as hand-entered, sourced
//! records.
//!
//! A ledger is the CSV half of a story folder (see `data/README.md` for the
//! field dictionary):
//!
//! | file              | one row per                                             |
//! |-------------------|---------------------------------------------------------|
//! | `sources.csv`     | report the figures come from                            |
//! | `figures.csv`     | numeric mention in a report, exactly as printed         |
//! | `relations.csv`   | arithmetic the figures should satisfy (sums, bounds)    |
//! | `metrics.csv`     | derived number: a ratio, difference or change of sums   |
//! | `exclusions.csv`  | number in a text deliberately left out, with a reason   |
//! | `paragraphs.csv`  | (optional) paragraph that is not body text: caption, heading… |
//!
//! Each file is read with the `csv` crate, its rows deserialized by column
//! name and then checked field by field. Loading refuses the whole ledger
//! if anything is wrong, and reports every problem it finds in one go (up
//! to fifty), each naming the file, line and field. Ids are resolved
//! through hash maps, so loading is linear in the number of rows. Records
//! remember their line so that reports can point a reviewer back to the
//! row.

mod load;
pub mod series;

pub(crate) use load::{
    Found, Known, Rows, contains_words, is_date, is_id, is_web_address, load_into,
};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::error::{Error, Location, Problems, Result};
pub use crate::format::Display;
pub use crate::numbers::Qualifier;

/// A report the figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Stable id, referenced by figures.
    pub id: String,
    /// Headline, or a short description in our own words.
    pub title: String,
    /// The outlet that published it ("The News", "ARY News").
    pub outlet: String,
    /// Where it is published; required when we hold no text.
    pub url: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Language of the text (`en`, `ur`…).
    pub language: String,
    /// Where its full text is kept, relative to the story folder; empty
    /// when we hold no text and cite the report by URL only.
    pub text_path: String,
    /// SHA-256 of the text, so that a changed text is noticed.
    pub sha256: String,
    /// What the report covers.
    pub description: String,
    /// Line in `sources.csv`.
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

impl Source {
    /// True when the ledger names a text for this source.
    pub fn has_text(&self) -> bool {
        !self.text_path.is_empty()
    }
}

/// What kind of mention a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// How many of something: accounts, operations, people.
    Count,
    /// Money, with the currency code as its unit.
    Amount,
    /// A percentage as printed (12 for "12%").
    Percent,
    /// A signed change as printed ("up 1,200").
    Change,
    /// A ratio as printed: an average, "N a day", "three-fold".
    Ratio,
    /// A fraction as printed: "two-thirds" (0–1; the value may be written `2/3`).
    Fraction,
    /// "One in N": the value is N.
    OneIn,
    /// The length of the period a figure covers ("three months").
    PeriodLength,
    /// A time limit set by someone ("within seven days").
    Deadline,
    /// The size of a body of people ("a 10-member task force").
    GroupSize,
    /// A date printed in the text; the date goes in `period_end`.
    Date,
    /// Any other number that is not a quantity to analyse.
    Other,
}

impl Kind {
    /// Every kind, in the order the field dictionary lists them.
    pub const ALL: [Kind; 12] = [
        Kind::Count,
        Kind::Amount,
        Kind::Percent,
        Kind::Change,
        Kind::Ratio,
        Kind::Fraction,
        Kind::OneIn,
        Kind::PeriodLength,
        Kind::Deadline,
        Kind::GroupSize,
        Kind::Date,
        Kind::Other,
    ];

    /// The name used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Amount => "amount",
            Kind::Percent => "percent",
            Kind::Change => "change",
            Kind::Ratio => "ratio",
            Kind::Fraction => "fraction",
            Kind::OneIn => "one_in",
            Kind::PeriodLength => "period_length",
            Kind::Deadline => "deadline",
            Kind::GroupSize => "group_size",
            Kind::Date => "date",
            Kind::Other => "other",
        }
    }

    /// Parses the CSV name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds that can take part in sums, metrics and charts.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            Kind::Count | Kind::Amount | Kind::Change | Kind::PeriodLength
        )
    }

    /// Kinds that are derived numbers a report prints (a share, a rate…),
    /// which may be tied to the metric that should produce them.
    pub fn is_printed_derivation(self) -> bool {
        matches!(
            self,
            Kind::Percent | Kind::Ratio | Kind::Fraction | Kind::OneIn | Kind::Change
        )
    }

    /// How a value of this kind is shown.
    pub fn display(self) -> Display {
        match self {
            Kind::Amount => Display::Amount,
            Kind::Change => Display::Change,
            Kind::Ratio | Kind::Fraction => Display::Ratio,
            _ => Display::Count,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a row has been checked by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Entered or reviewed by hand.
    #[default]
    Checked,
    /// Drafted by `newsfigures init` or `audit --draft`; to be checked.
    Draft,
}

/// The fields of a figure that the ledger may record as inferred rather
/// than read from the text.
pub const INFERABLE: [&str; 5] = [
    "value",
    "unit",
    "period_start",
    "period_end",
    "attributed_to",
];

/// Text in a ledger record: up to 24 bytes are held inside the record
/// itself, longer text on the heap. It reads as a `&str` (`&f.unit`,
/// `f.unit == "accounts"`, `f.unit.as_str()`); `.to_string()` gives a
/// `String`. Short fields held inline spare a million-figure ledger
/// several million small allocations.
pub type Text = compact_str::CompactString;

/// One numeric mention in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Stable id, referenced by relations, metrics and charts.
    pub id: Text,
    /// The source's id.
    pub source: Text,
    /// Paragraph number in the source (blank-line-separated blocks, from 1).
    pub paragraph: u32,
    /// The words as printed ("7,984", "three months", "Rs. 581 million").
    pub printed: Text,
    /// The exact value; `None` only for a date.
    pub value: Option<f64>,
    /// The hedge the text puts on the number ("over", "about"…), if any.
    #[serde(serialize_with = "ser_qualifier")]
    pub qualifier: Option<Qualifier>,
    /// What kind of mention this is.
    pub kind: Kind,
    /// What one unit is (accounts, people…); the currency code for money.
    pub unit: Text,
    /// The scale word the number is printed with (million, crore…), if any.
    #[serde(serialize_with = "ser_opt")]
    pub scale: Option<Text>,
    /// What is counted, in plain words.
    pub counts: Text,
    /// The source's own words that attribute the figure ("Briefings
    /// revealed that"); empty when the report attributes it to no one.
    pub attribution_text: Text,
    /// Who the source says gave the figure, in words taken from
    /// `attribution_text`; empty when the report does not say.
    pub attributed_to: Text,
    /// The period as the text states it.
    pub period_text: Text,
    /// Start of the period (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where known.
    #[serde(serialize_with = "ser_opt")]
    pub period_start: Option<Text>,
    /// End of the period, where known.
    #[serde(serialize_with = "ser_opt")]
    pub period_end: Option<Text>,
    /// Fields whose value the ledger inferred, each with the reason.
    #[serde(serialize_with = "ser_pairs_colon")]
    pub inferred: Vec<(Text, Text)>,
    /// The official quantity this figure reports, shared by every figure
    /// (in any source, at any date) that reports the same quantity.
    #[serde(serialize_with = "ser_opt")]
    pub series: Option<Text>,
    /// A figure this one is part of (a district within its province).
    #[serde(serialize_with = "ser_opt")]
    pub subset_of: Option<Text>,
    /// Named dimensions (`department=roads; year=2025`).
    #[serde(serialize_with = "ser_pairs_eq")]
    pub dimensions: Vec<(Text, Text)>,
    /// For a derived number the report prints: the metric that should
    /// produce it.
    #[serde(serialize_with = "ser_opt")]
    pub metric: Option<Text>,
    /// Checked by a person, or a draft.
    pub status: Status,
    /// A caveat for reviewers.
    pub note: Text,
    /// Line in `figures.csv`.
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

impl Figure {
    /// The value of a dimension, if the figure has it.
    pub fn dimension(&self, name: &str) -> Option<&str> {
        self.dimensions
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Why a field is inferred, if it is.
    pub fn inferred(&self, field: &str) -> Option<&str> {
        self.inferred
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, r)| r.as_str())
    }

    /// The value as its kind is shown: `7,984`, `Rs 581 million`, `12%`.
    pub fn shown(&self) -> String {
        let Some(v) = self.value else {
            return self.period_end.as_deref().unwrap_or_default().to_string();
        };
        let value = match self.kind {
            Kind::Amount => crate::format::amount(v, &self.unit, self.scale.as_deref()),
            Kind::Percent => format!("{}%", crate::format::number(v)),
            Kind::Change => crate::format::signed(v),
            Kind::Ratio | Kind::Fraction => crate::format::ratio(v),
            Kind::OneIn => format!("one in {}", crate::format::number(v)),
            _ => crate::format::number(v),
        };
        match self.qualifier {
            Some(q) => format!("{} {value}", q.words()),
            None => value,
        }
    }
}

fn ser_opt<S: Serializer, T: AsRef<str>>(
    v: &Option<T>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.as_ref().map_or("", AsRef::as_ref))
}

fn ser_qualifier<S: Serializer>(
    v: &Option<Qualifier>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.map(Qualifier::as_str).unwrap_or(""))
}

fn ser_pairs_eq<S: Serializer>(v: &[(Text, Text)], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&pairs_text(v, "="))
}

fn ser_pairs_colon<S: Serializer>(
    v: &[(Text, Text)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&pairs_text(v, ": "))
}

/// `a=b; c=d`, as the CSV writes name–value pairs.
pub fn pairs_text(v: &[(Text, Text)], sep: &str) -> String {
    v.iter()
        .map(|(a, b)| format!("{a}{sep}{b}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One signed term of a sum: `+ figure` or `- figure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// +1 or -1.
    pub sign: i8,
    /// The figure's id.
    pub figure: Text,
    /// The figure's position in [`Ledger::figures`].
    #[serde(skip)]
    pub index: usize,
}

/// A sum of figures, written `a + b - c` in the CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Sum(pub Vec<Term>);

impl Sum {
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
    /// Every comparison, in the order messages list them.
    pub const ALL: [Op; 3] = [Op::Eq, Op::Le, Op::Ge];

    /// The comparison a CSV symbol names.
    pub fn parse(s: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|o| o.as_str() == s)
    }

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
    pub id: Text,
    /// What should hold, in plain words.
    pub description: Text,
    /// The left-hand sum (usually the parts).
    pub left: Sum,
    /// How the sides compare.
    pub op: Op,
    /// The right-hand sum (usually the reported total).
    pub right: Sum,
    /// Unit of both sides.
    pub unit: Text,
    /// What a gap between the sides means ("accounts with no status").
    pub gap_label: Text,
    /// Checked by a person, or a draft `init` or `audit --draft` proposed.
    pub status: Status,
    /// Why it was proposed, or a caveat for reviewers.
    pub note: Text,
    /// Line in `relations.csv`.
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

/// How a metric combines its two sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calc {
    /// numerator / denominator.
    Ratio,
    /// numerator − denominator.
    Difference,
    /// (numerator − denominator) / denominator: a relative change from the
    /// denominator (earlier) to the numerator (later).
    Change,
}

impl Calc {
    /// Every calculation, in the order messages list them.
    pub const ALL: [Calc; 3] = [Calc::Ratio, Calc::Difference, Calc::Change];

    /// The calculation a CSV name names.
    pub fn parse(s: &str) -> Option<Calc> {
        Calc::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The name used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Calc::Ratio => "ratio",
            Calc::Difference => "difference",
            Calc::Change => "change",
        }
    }
}

/// Whether a metric is a bound rather than a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The true value is at least this.
    Lower,
    /// The true value is at most this.
    Upper,
}

impl Bound {
    /// Both bounds, in the order messages list them.
    pub const ALL: [Bound; 2] = [Bound::Lower, Bound::Upper];

    /// The bound a CSV name names.
    pub fn parse(s: &str) -> Option<Bound> {
        Bound::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The name used in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Lower => "lower",
            Bound::Upper => "upper",
        }
    }
}

/// A derived number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricDef {
    /// Stable id.
    pub id: Text,
    /// What it measures, in plain, neutral words.
    pub description: Text,
    /// The numerator (or the later value, for changes).
    pub numerator: Sum,
    /// The denominator (or the earlier value, for changes).
    pub denominator: Sum,
    /// How the two sums combine.
    pub calc: Calc,
    /// How the value is shown.
    pub display: Display,
    /// For `per` displays, what one unit of the denominator is ("operation").
    pub per: Text,
    /// For bounds, which side the true value lies on.
    #[serde(serialize_with = "ser_bound")]
    pub bound: Option<Bound>,
    /// For bounds, why the bound holds.
    pub basis: Text,
    /// The formula as a reader would write it.
    pub formula: Text,
    /// True when the numerator and denominator count different kinds of
    /// thing (people and operations), so the value is a rate, not a share.
    pub mixed_units: bool,
    /// True for the change metrics the engine derives for each series.
    pub derived: bool,
    /// For a change the engine derives, the two periods it spans, earlier
    /// first, so that its description can be written in any language.
    #[serde(skip)]
    pub spans: Option<(series::Period, series::Period)>,
    /// Checked by a person, or a draft `init` or `audit --draft` proposed.
    pub status: Status,
    /// Why it was proposed, or a caveat for reviewers.
    pub note: Text,
    /// Line in `metrics.csv` (0 for derived metrics).
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

impl MetricDef {
    /// The figure ids the metric reads, numerator first, each once.
    pub fn inputs(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for id in self.numerator.figures().chain(self.denominator.figures()) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// The unit and scale its value is shown with: the rate's unit for
    /// `per`, the currency for amounts, and the scale of the first figure
    /// of the numerator.
    pub fn unit_and_scale(&self, figures: &[Figure]) -> (String, Option<String>) {
        let first = &figures[self.numerator.0[0].index];
        let unit = match self.display {
            Display::Per => self.per.to_string(),
            Display::Amount => first.unit.to_string(),
            _ => String::new(),
        };
        (unit, first.scale.as_deref().map(str::to_string))
    }
}

fn ser_bound<S: Serializer>(v: &Option<Bound>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.map_or("", Bound::as_str))
}

/// A number in a text that is deliberately not a figure.
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
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

/// What a paragraph of a source is, when it is not body text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphRole {
    /// The source's id.
    pub source: String,
    /// Paragraph number.
    pub paragraph: u32,
    /// `caption`, `heading`, `dateline`, `byline`, `body` or `other`.
    pub role: String,
    /// What it holds.
    pub note: String,
    /// Line in `paragraphs.csv`.
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

/// The roles a paragraph may be recorded as.
pub const ROLES: [&str; 6] = ["caption", "heading", "dateline", "byline", "body", "other"];

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
    /// Metric definitions: the file's, in order, then one absolute and one
    /// relative change for each later release of every series.
    pub metrics: Vec<MetricDef>,
    /// Exclusions, in file order.
    pub exclusions: Vec<Exclusion>,
    /// Paragraph roles, in file order.
    pub paragraphs: Vec<ParagraphRole>,
    /// SHA-256 of each file as it was read, by file name.
    pub hashes: Vec<(String, String)>,
    /// Every series, grouped once: grouping reads no values, so a what-if
    /// leaves it as it is.
    series: Vec<series::Series>,
    index: Index,
}

/// Positions by id. Only a ledger without problems is ever built, so
/// every id names one row.
#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    sources: HashMap<Text, usize>,
    figures: HashMap<Text, usize>,
    metrics: HashMap<Text, usize>,
    /// For each figure that others are part of, those others.
    subsets: HashMap<Text, Vec<usize>>,
}

/// Words earlier versions of `init` wrote for the journalist to replace. A
/// story that still holds one is refused, so that none is ever published.
pub const PLACEHOLDERS: [&str; 3] = [
    "A working title for the story",
    "Describe the report in a few words of your own",
    "Name the outlet",
];

/// The placeholder `text` still is, if it is one of [`PLACEHOLDERS`].
pub fn placeholder(text: &str) -> Option<&'static str> {
    PLACEHOLDERS
        .iter()
        .copied()
        .find(|p| text.trim().eq_ignore_ascii_case(p))
}

/// The columns of `sources.csv`, in the order the field dictionary gives
/// them (and `init` writes them).
pub const SOURCE_COLUMNS: [&str; 9] = [
    "id",
    "title",
    "outlet",
    "url",
    "date",
    "language",
    "text_path",
    "sha256",
    "description",
];

/// The columns every `sources.csv` must have.
pub const SOURCE_REQUIRED: [&str; 4] = ["id", "title", "outlet", "date"];

/// The columns of `relations.csv`, in the order the field dictionary gives
/// them; the first five are required.
pub const RELATION_COLUMNS: [&str; 9] = [
    "id",
    "description",
    "left",
    "op",
    "right",
    "unit",
    "gap_label",
    "status",
    "note",
];

/// The columns of `metrics.csv`, in the order the field dictionary gives
/// them.
pub const METRIC_COLUMNS: [&str; 12] = [
    "id",
    "description",
    "numerator",
    "denominator",
    "calc",
    "display",
    "per",
    "bound",
    "basis",
    "formula",
    "status",
    "note",
];

/// The columns every `metrics.csv` must have.
pub const METRIC_REQUIRED: [&str; 5] = ["id", "description", "numerator", "denominator", "display"];

/// The columns of `exclusions.csv`, all required.
pub const EXCLUSION_COLUMNS: [&str; 4] = ["source", "paragraph", "printed", "reason"];

/// The columns of `figures.csv`, in the order the field dictionary gives
/// them. The first eight are required; the others may be left out of a
/// file that does not need them.
pub const FIGURE_COLUMNS: [&str; 22] = [
    "id",
    "source",
    "paragraph",
    "printed",
    "value",
    "kind",
    "unit",
    "counts",
    "qualifier",
    "scale",
    "attribution_text",
    "attributed_to",
    "period_text",
    "period_start",
    "period_end",
    "inferred",
    "series",
    "subset_of",
    "dimensions",
    "metric",
    "status",
    "note",
];

/// The file names of a ledger, in the order they are loaded. The last is
/// optional.
pub const FILES: [&str; 6] = [
    "sources.csv",
    "figures.csv",
    "relations.csv",
    "metrics.csv",
    "exclusions.csv",
    "paragraphs.csv",
];

impl Ledger {
    /// Loads and validates the ledger in `dir`; the error lists every
    /// problem found.
    pub fn load(dir: impl AsRef<Path>) -> Result<Ledger> {
        let dir = dir.as_ref();
        let mut problems = Problems::new(FILES.iter().map(|f| dir.join(f)));
        let (ledger, _) = load::load_into(dir, &mut problems);
        problems.finish()?;
        Ok(ledger)
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figure_index(id).map(|i| &self.figures[i])
    }

    /// The position of the figure with this id. The index is built when
    /// the ledger is loaded; a figure whose id was changed since is not
    /// found under either id.
    pub fn figure_index(&self, id: &str) -> Option<usize> {
        self.index
            .figures
            .get(id)
            .copied()
            .filter(|&i| self.figures.get(i).is_some_and(|f| f.id == id))
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    /// The metric definition with this id.
    pub fn metric(&self, id: &str) -> Option<&MetricDef> {
        self.metric_index(id).map(|i| &self.metrics[i])
    }

    /// The sources of the figures `ids`, each once, in order of first use.
    pub fn sources_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in ids.into_iter().filter_map(|id| self.figure(id)) {
            if !out.iter().any(|s| *s == f.source) {
                out.push(f.source.to_string());
            }
        }
        out
    }

    /// The sources of the figures of these terms, each once, in order of
    /// first use.
    pub fn sources_of_terms<'a>(&self, terms: impl IntoIterator<Item = &'a Term>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in terms {
            let source = &self.figures[t.index].source;
            if !out.iter().any(|s| s == source) {
                out.push(source.to_string());
            }
        }
        out
    }

    /// The position of the metric with this id.
    pub fn metric_index(&self, id: &str) -> Option<usize> {
        self.index
            .metrics
            .get(id)
            .copied()
            .filter(|&i| self.metrics.get(i).is_some_and(|m| m.id == id))
    }

    /// The source a figure comes from.
    pub fn source_of(&self, figure: &Figure) -> &Source {
        &self.sources[self.index.sources[figure.source.as_str()]]
    }

    /// Sets a figure's value in memory (for what-if analysis); the files are
    /// not touched. Fails if the id is unknown or the figure has no value.
    pub fn set_value(&mut self, id: &str, value: f64) -> Result<()> {
        let path = self.dir.join("figures.csv");
        let i = self.figure_index(id).ok_or_else(|| {
            Error::data(
                Location::file(&path),
                format!("no figure has the id `{id}`"),
            )
        })?;
        let figure = &mut self.figures[i];
        if figure.value.is_none() || !value.is_finite() {
            return Err(Error::data(
                Location::field(&path, figure.line, "value"),
                format!(
                    "cannot set `{id}` to {value}: expected a finite number for a figure that has a value"
                ),
            ));
        }
        if figure.kind == Kind::Count && (value < 0.0 || value.fract() != 0.0) {
            return Err(Error::data(
                Location::field(&path, figure.line, "value"),
                format!("cannot set `{id}` to {value}: a count is a whole number, zero or more"),
            ));
        }
        figure.value = Some(value);
        Ok(())
    }

    /// Where a source's text is kept: `text_path` taken relative to the
    /// story folder.
    pub fn text_path(&self, source: &Source) -> PathBuf {
        self.dir.join(&source.text_path)
    }

    /// The figures declared part of `id` (`subset_of = id`), in ledger order.
    pub fn subsets(&self, id: &str) -> impl Iterator<Item = &Figure> {
        self.index
            .subsets
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.figures[i])
    }

    /// Every figure of a series, in ledger order.
    pub fn series(&self, series: &str) -> impl Iterator<Item = &Figure> {
        self.figures
            .iter()
            .filter(move |f| f.series.as_deref() == Some(series))
    }

    /// Every series, by id, each split into its periods.
    pub fn all_series(&self) -> &[series::Series] {
        &self.series
    }
}
