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
//! Loading checks every field and refuses the whole ledger on the first
//! problem, naming the file, line and field. Ids are resolved through maps,
//! so loading is linear in the number of rows. Records remember their line
//! so that reports can point a reviewer back to the row.

mod load;
pub mod series;

pub(crate) use load::{Hashes, Table, is_date, is_id, is_web_address};

use crate::util::FxMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::error::{Error, Location, Result};
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

    /// Starts reading the values of the sum's figures into the cache, for
    /// a loop over many sums that looks a few ahead.
    pub(crate) fn prefetch_values(&self, figures: &[Figure]) {
        for t in &self.0 {
            if let Some(f) = figures.get(t.index) {
                crate::util::prefetch(&f.value);
            }
        }
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

/// Positions by id.
#[derive(Debug, Clone, Default)]
struct Index {
    sources: FxMap<String, usize>,
    figures: Ids,
    metrics: Ids,
    /// For each figure that others are part of, those others.
    subsets: FxMap<String, Vec<usize>>,
}

/// The index is derived from the rows it indexes, so two ledgers with equal
/// rows have equal indexes.
impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

/// Something found by its id.
trait Keyed {
    fn key(&self) -> &str;
    /// The item's line in its file.
    fn line(&self) -> u64;
}

impl Keyed for Figure {
    fn key(&self) -> &str {
        &self.id
    }
    fn line(&self) -> u64 {
        self.line
    }
}

impl Keyed for Relation {
    fn key(&self) -> &str {
        &self.id
    }
    fn line(&self) -> u64 {
        self.line
    }
}

impl Keyed for MetricDef {
    fn key(&self) -> &str {
        &self.id
    }
    fn line(&self) -> u64 {
        self.line
    }
}

/// Positions in a list of items by their ids.
///
/// An open-addressing table, at most half full, probed in order from the
/// slot the id's hash picks. A slot holds the id's whole hash, its first
/// position and where the id sits in one buffer of every id (each after
/// its length). A lookup therefore reads one slot, nearly always the
/// first it tries, and a few bytes of the buffer: two memory reads where
/// a general-purpose map needs three or four. With a million ids spread
/// over tens of megabytes, each read is a cache miss, and on a virtual
/// machine a slow one, so the count of reads is what a lookup costs.
#[derive(Debug, Clone)]
struct Ids {
    /// Ids split by the top bits of their hash, so that the table of a big
    /// file can be built on every core at once; one shard otherwise. A
    /// power of two in number.
    shards: Vec<Shard>,
    /// Items recorded so far, distinct or not.
    items: u32,
}

/// The shard, of `count` (a power of two), that holds ids of this hash:
/// chosen by the hash's top bits, while a shard's slots use its low bits.
fn shard_of(hash: u64, count: usize) -> usize {
    ((hash >> 56) as usize) & (count - 1)
}

/// One part of [`Ids`].
#[derive(Debug, Clone, Default)]
struct Shard {
    /// A power of two in length, or empty.
    slots: Vec<Slot>,
    /// Every distinct id, each after its length (four bytes, little-endian).
    keys: Vec<u8>,
    /// Slots in use.
    used: usize,
}

/// A slot of a [`Shard`]: empty when `pos1` is zero.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    /// The first position with this id, plus one.
    pos1: u32,
    /// Where the id's length starts in [`Shard::keys`].
    start: u32,
}

impl Default for Ids {
    fn default() -> Ids {
        Ids {
            shards: vec![Shard::default()],
            items: 0,
        }
    }
}

impl Ids {
    fn with_capacity(n: usize) -> Ids {
        Ids {
            shards: vec![Shard::with_capacity(n)],
            items: 0,
        }
    }

    /// The ids of `n` items, item `i` with the id `key(i)` whose hash is
    /// `hashes[i]`, built on every core; or, where an id repeats, the
    /// first item (in order) that repeats one and the item it repeats.
    fn build<'a>(
        hashes: &[u64],
        key: impl Fn(usize) -> &'a str + Sync,
    ) -> std::result::Result<Ids, (usize, usize)> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let count = if hashes.len() >= 100_000 {
            threads.next_power_of_two()
        } else {
            1
        };
        let shard_of = |h: u64| shard_of(h, count);
        let build_one = |k: usize| {
            let mut shard = Shard::with_capacity(hashes.len() / count + 1);
            for (i, &hash) in hashes.iter().enumerate() {
                if shard_of(hash) != k {
                    continue;
                }
                // Inserting is a wait for one slot's memory: start that
                // wait a few ids ahead, so the waits overlap.
                if let Some(&ahead) = hashes.get(i + 16) {
                    if shard_of(ahead) == k {
                        shard.prefetch(ahead);
                    }
                }
                if let Some(first) = shard.insert(hash, key(i), i) {
                    return Err((i, first));
                }
            }
            Ok(shard)
        };
        let built: Vec<std::result::Result<Shard, (usize, usize)>> = if count == 1 {
            vec![build_one(0)]
        } else {
            std::thread::scope(|scope| {
                let jobs: Vec<_> = (0..count)
                    .map(|k| scope.spawn(move || build_one(k)))
                    .collect();
                jobs.into_iter()
                    .map(|j| j.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let mut shards = Vec::with_capacity(count);
        let mut repeat: Option<(usize, usize)> = None;
        for b in built {
            match b {
                Ok(shard) => shards.push(shard),
                Err(r) => repeat = Some(repeat.map_or(r, |q| q.min(r))),
            }
        }
        match repeat {
            Some(r) => Err(r),
            None => Ok(Ids {
                shards,
                items: u32::try_from(hashes.len()).expect("fewer than 2^32 rows"),
            }),
        }
    }

    pub(crate) fn hash(id: &str) -> u64 {
        use std::hash::BuildHasher;
        std::hash::BuildHasherDefault::<crate::util::FxHasher>::default().hash_one(id)
    }

    fn shard(&self, hash: u64) -> &Shard {
        &self.shards[shard_of(hash, self.shards.len())]
    }

    /// The position of the first item with this id.
    fn get(&self, id: &str) -> Option<usize> {
        self.get_hashed(Ids::hash(id), id)
    }

    /// As [`Ids::get`], with the id's hash already computed.
    fn get_hashed(&self, hash: u64, id: &str) -> Option<usize> {
        self.shard(hash).get(hash, id)
    }

    /// Starts reading the slot where an id of this hash is looked for, so
    /// that several lookups wait for memory at once instead of in turn.
    fn prefetch(&self, hash: u64) {
        self.shard(hash).prefetch(hash);
    }

    /// Records the id of the next item, unless an item before it has the
    /// same id: then that item's position.
    fn push(&mut self, id: &str) -> Option<usize> {
        let hash = Ids::hash(id);
        let pos = self.items as usize;
        self.items += 1;
        let k = shard_of(hash, self.shards.len());
        self.shards[k].insert(hash, id, pos)
    }
}

impl Shard {
    fn with_capacity(n: usize) -> Shard {
        let mut shard = Shard {
            keys: Vec::with_capacity(n * 12),
            ..Shard::default()
        };
        shard.grow(n);
        shard
    }

    /// True when the id recorded at `start` is `id`.
    fn holds(&self, start: u32, id: &str) -> bool {
        let at = start as usize;
        let len = u32::from_le_bytes(self.keys[at..at + 4].try_into().unwrap_or_default());
        len as usize == id.len() && &self.keys[at + 4..at + 4 + id.len()] == id.as_bytes()
    }

    /// The slot holding `id`, or the empty slot where it would go.
    fn find(&self, hash: u64, id: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.pos1 == 0 || (s.hash == hash && self.holds(s.start, id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, hash: u64, id: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let s = self.slots[self.find(hash, id)];
        (s.pos1 != 0).then(|| s.pos1 as usize - 1)
    }

    fn prefetch(&self, hash: u64) {
        if let Some(s) = self
            .slots
            .get(hash as usize & self.slots.len().wrapping_sub(1))
        {
            crate::util::prefetch(s);
        }
    }

    /// Records that item `pos` has the id `id`, unless an item before it
    /// has the same id: then that item's position.
    fn insert(&mut self, hash: u64, id: &str, pos: usize) -> Option<usize> {
        if 2 * (self.used + 1) > self.slots.len() {
            self.grow(self.used + 1);
        }
        let i = self.find(hash, id);
        let s = &mut self.slots[i];
        if s.pos1 != 0 {
            return Some(s.pos1 as usize - 1);
        }
        let start = u32::try_from(self.keys.len()).expect("ids shorter than 4 GB in all");
        let len = u32::try_from(id.len()).expect("an id shorter than 4 GB");
        *s = Slot {
            hash,
            pos1: u32::try_from(pos + 1).expect("fewer than 2^32 rows"),
            start,
        };
        self.used += 1;
        self.keys.extend_from_slice(&len.to_le_bytes());
        self.keys.extend_from_slice(id.as_bytes());
        None
    }

    /// Room for `n` distinct ids, the table at most half full.
    fn grow(&mut self, n: usize) {
        let size = (2 * n).next_power_of_two().max(16);
        if size <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = size - 1;
        for s in old.into_iter().filter(|s| s.pos1 != 0) {
            let mut i = s.hash as usize & mask;
            while self.slots[i].pos1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
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
pub const RELATION_COLUMNS: [&str; 7] = [
    "id",
    "description",
    "left",
    "op",
    "right",
    "unit",
    "gap_label",
];

/// The columns of `metrics.csv`, in the order the field dictionary gives
/// them.
pub const METRIC_COLUMNS: [&str; 10] = [
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
    /// Loads and validates the ledger in `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Ledger> {
        load::ledger(dir.as_ref())
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

#[cfg(test)]
mod tests {
    use super::Ids;

    #[test]
    fn ids_find_first_positions_and_report_repeats() {
        let names = ["a", "bb", "", "a", "ccc", "bb", "d"];
        let mut ids = Ids::with_capacity(2);
        let repeats: Vec<Option<usize>> = names.iter().map(|n| ids.push(n)).collect();
        assert_eq!(
            repeats,
            [None, None, None, Some(0), None, Some(1), None],
            "a repeated id names its first position"
        );
        assert_eq!(ids.get("a"), Some(0));
        assert_eq!(ids.get("bb"), Some(1));
        assert_eq!(ids.get(""), Some(2));
        assert_eq!(ids.get("ccc"), Some(4));
        assert_eq!(ids.get("d"), Some(6));
        assert_eq!(ids.get("b"), None, "a prefix of an id is not the id");
        assert_eq!(ids.get("abb"), None, "two ids end to end are not an id");
        // Growing past the first capacity keeps every id findable.
        let many: Vec<String> = (0..5000).map(|i| format!("g{i}")).collect();
        let mut ids = Ids::with_capacity(1);
        for n in &many {
            assert_eq!(ids.push(n), None);
        }
        assert!(many.iter().enumerate().all(|(i, n)| ids.get(n) == Some(i)));
    }

    #[test]
    fn ids_built_on_every_core_agree_with_ids_built_one_by_one() {
        let mut names: Vec<String> = (0..150_000).map(|i| format!("g{i}")).collect();
        let hashes =
            |names: &[String]| -> Vec<u64> { names.iter().map(|n| Ids::hash(n)).collect() };
        let ids = Ids::build(&hashes(&names), |i| names[i].as_str()).unwrap();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(ids.shards.len() > 1, cores > 1, "a shard a core");
        assert!(names.iter().enumerate().all(|(i, n)| ids.get(n) == Some(i)));
        assert_eq!(ids.get("g150000"), None);
        // Repeats far apart, whichever shard they fall in: the first item
        // (in order) that repeats an id is the one reported.
        names[140_000] = "g7".to_string();
        names[90_000] = "g123".to_string();
        names[120_000] = "g5".to_string();
        assert_eq!(
            Ids::build(&hashes(&names), |i| names[i].as_str()).unwrap_err(),
            (90_000, 123)
        );
        let mut one_by_one = Ids::with_capacity(1);
        let first = names
            .iter()
            .enumerate()
            .find_map(|(i, n)| one_by_one.push(n).map(|f| (i, f)));
        assert_eq!(first, Some((90_000, 123)));
    }
}
