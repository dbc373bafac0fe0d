//! Charts for publication: chart kinds configured from the story file,
//! drawn with plotters.
//!
//! A chart is made in two steps. In the analysis, its kind *prepares* it:
//! it resolves the figures the story file names, computes what is drawn
//! (shares, a remainder) in polars, and gives the values the templated
//! words may use. Then the kind *draws* the prepared marks, at two widths:
//! a wide layout (640 px) and a narrow one (360 px) for phones.
//!
//! Every chart keeps the house style and its guarantees: a title that says
//! what the figures say, a subtitle, notes, a source line naming every
//! report drawn from, alt text (in the SVG as `role="img"`, `<title>` and
//! `<desc>`, and beside it), the numbers drawn as CSV, bars from a zero
//! baseline, colours that stay apart for colour-blind readers, and the
//! bundled font, so the same bytes come out on every machine.
//!
//! | kind | draws |
//! |---|---|
//! | `ranked_bars` | the parts of a total as sorted bars, each with count and share |
//! | `part_to_whole` | one stacked bar of a total, with what the parts leave out as its own segment |
//! | `units` | counts as unit (waffle) charts at one scale |
//! | `change` | a series at each date it was reported, each with its source |
//! | `grouped_bars` | a breakdown by two dimensions |

mod change;
pub(crate) mod draw;
mod grouped_bars;
pub mod palette;
mod part_to_whole;
mod ranked_bars;
mod render;
mod units;

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::format::Display;
use crate::ledger::{Figure, Ledger};
use crate::numbers::Qualifier;
use crate::story::{ChartSpec, Story};
use crate::template::{Value, Vars};
use palette::Rgb;

pub use draw::Layout;
pub use render::{FONT_FAMILY, render_png};

/// The chart kinds, by the name the story file uses.
pub const KINDS: [&str; 5] = [
    "ranked_bars",
    "part_to_whole",
    "units",
    "change",
    "grouped_bars",
];

/// What every chart kind does: prepare its marks from the ledger, then
/// draw them at a given width.
pub(crate) trait ChartKind: Sync {
    /// Resolves the figures `spec` names into marks, the drawn numbers as
    /// a DataFrame, and the values its words may use.
    fn prepare(&self, spec: &ChartSpec, ctx: &Context) -> Result<Prepared>;

    /// The height the marks need at this layout, in CSS pixels.
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32>;

    /// Draws the marks inside `body`.
    fn draw(&self, marks: &Marks, canvas: &draw::Canvas, body: draw::Body) -> Result<()>;
}

/// The kind with this name.
pub(crate) fn kind(name: &str) -> Option<&'static dyn ChartKind> {
    Some(match name {
        "ranked_bars" => &ranked_bars::RankedBars,
        "part_to_whole" => &part_to_whole::PartToWhole,
        "units" => &units::Units,
        "change" => &change::Change,
        "grouped_bars" => &grouped_bars::GroupedBars,
        _ => return None,
    })
}

/// What a kind prepares from the ledger.
pub struct Context<'a> {
    /// The story.
    pub story: &'a Story,

    /// Where the chart stands in the story file, for errors.
    pub key: String,
}

impl Context<'_> {
    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.story.ledger
    }

    /// An error at one of the chart's keys.
    pub fn error(&self, field: &str, message: impl Into<String>) -> Error {
        Error::data(self.story.locate(&format!("{}.{field}", self.key)), message)
    }

    /// The figure `id`, which must have a value that can be drawn.
    pub fn figure(&self, field: &str, id: &str) -> Result<&Figure> {
        let f = self.ledger().figure(id).ok_or_else(|| {
            self.error(
                field,
                format!("unknown figure `{id}`; expected an id from figures.csv"),
            )
        })?;
        if f.value.is_none() || !f.kind.is_quantity() {
            return Err(self.error(
                field,
                format!("figure `{id}` is a {} and cannot be drawn; charts draw counts, amounts, changes and period lengths", f.kind),
            ));
        }
        Ok(f)
    }
}

/// A mark: one bar, segment or block of units.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// What readers see beside it.
    pub label: String,
    /// The value drawn.
    pub value: f64,
    /// Its share of the chart's total, where there is one.
    pub share: Option<f64>,
    /// The group or panel it belongs to (grouped bars, change charts).
    pub group: usize,
    /// Its colour, from the chart's colours.
    pub colour: usize,
    /// The value as labelled (`487 (52.7%)`).
    pub value_text: String,
    /// A second line of label: a source and date.
    pub caption: String,
}

/// What a kind draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Marks {
    /// The marks, in drawing order.
    pub items: Vec<Mark>,
    /// Group or panel titles.
    pub groups: Vec<String>,
    /// The chart's colours and what each stands for.
    pub colours: Vec<(String, Rgb)>,
    /// For part-to-whole charts: the total drawn.
    pub total: f64,
}

impl Marks {
    /// The largest value among the marks, zero when there is none above it.
    pub(crate) fn largest(&self) -> f64 {
        self.items.iter().map(|m| m.value).fold(0.0, f64::max)
    }
}

/// A prepared chart: marks, data and values for its words.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// What to draw.
    pub marks: Marks,
    /// Exactly the numbers drawn, one row per mark.
    pub data: DataFrame,
    /// Values its templates may use, besides the ledger's figures and metrics.
    pub vars: Vars,
    /// The figures drawn or used, for the source line.
    pub figures: Vec<String>,
    /// Notes the kind itself adds to the chart's own, on how it is drawn
    /// (panels on scales of their own).
    pub notes: Vec<String>,
}

/// A chart's words, filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The headline.
    pub title: String,
    /// What is counted, where and when.
    pub subtitle: String,
    /// Caveats.
    pub notes: Vec<String>,
    /// The source line.
    pub source: String,
    /// The alt text.
    pub alt: String,
}

/// A chart as the analysis holds it: what to draw and what to say.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Stable id, used for file names.
    pub id: String,
    /// Its kind.
    pub kind: String,
    /// The prepared marks and data.
    pub prepared: Prepared,
    /// Its words.
    pub words: Words,
}

/// A finished chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Stable id, used for file names.
    pub id: String,
    /// The headline.
    pub title: String,
    /// Alt text, in the form "(chart type) of (data) where (finding)".
    pub alt: String,
    /// The SVG document, wide layout.
    pub svg: String,
    /// The SVG document, narrow layout.
    pub svg_narrow: String,
    /// Exactly the numbers drawn, one row per mark.
    pub data: DataFrame,
    /// The colours that tell marks apart, with what each stands for.
    pub colours: Vec<(String, Rgb)>,
    /// Width and height of the wide layout, in CSS pixels.
    pub size: (u32, u32),
    /// Width and height of the narrow layout.
    pub narrow_size: (u32, u32),
}

impl Chart {
    /// The wide chart as PNG at twice its CSS size, rendered with the
    /// bundled font.
    pub fn png(&self) -> Result<Vec<u8>> {
        render_png(&self.svg, 2.0).map_err(|message| Error::chart(&self.id, message))
    }

    /// The "get the data" CSV: the chart's DataFrame, header row first.
    pub fn data_csv(&self) -> Result<String> {
        crate::util::to_csv(&self.data)
    }
}

impl Plan {
    /// Draws the chart at both widths.
    pub fn draw(&self) -> Result<Chart> {
        let kind = kind(&self.kind).ok_or_else(|| Error::chart(&self.id, "unknown kind"))?;
        let (svg, size) = draw::chart(self, kind, &Layout::WIDE)?;
        let (svg_narrow, narrow_size) = draw::chart(self, kind, &Layout::NARROW)?;
        Ok(Chart {
            id: self.id.clone(),
            title: self.words.title.clone(),
            alt: self.words.alt.clone(),
            svg,
            svg_narrow,
            data: self.prepared.data.clone(),
            colours: self.prepared.marks.colours.clone(),
            size,
            narrow_size,
        })
    }
}

/// A figure's value with its share, each with the figure's hedge:
/// `487 (52.7%)`, `over 200 (over 21.6%)`.
pub(crate) fn count_and_share(f: &Figure, share: f64) -> String {
    let hedge = f
        .qualifier
        .map(|q| format!("{} ", q.words()))
        .unwrap_or_default();
    format!("{} ({hedge}{})", f.shown(), crate::format::percent(share))
}

/// The sum of `parts`, shown as `like` is, with the hedge their hedges
/// give it; a sum whose parts are hedged in different ways is refused.
pub(crate) fn sum_value<'a>(
    like: &Figure,
    sum: f64,
    parts: impl IntoIterator<Item = &'a Figure>,
) -> Value {
    match Qualifier::combine(parts.into_iter().map(|f| (f.qualifier, true))) {
        Ok(hedge) => Value::like(like, sum, hedge),
        Err(why) => Value::Refused(format!("the sum of the parts: {why}")),
    }
}

/// Placeholder values for one mark under `key`: `key.label`, `key.value`
/// (with the hedge of the figure it draws) and `key.share`.
pub(crate) fn mark_vars(vars: &mut Vars, key: &str, m: &Mark, f: Option<&Figure>) {
    vars.insert(format!("{key}.label"), Value::Text(m.label.clone()));
    let value = match f {
        Some(f) => {
            vars.stands_for(format!("{key}.value"), &f.id);
            Value::like(f, m.value, f.qualifier)
        }
        None => Value::number(m.value, Display::Count),
    };
    vars.insert(format!("{key}.value"), value);
    if let Some(s) = m.share {
        let mut share = Value::number(s, Display::Percent);
        if let (Value::Number(n), Some(f)) = (&mut share, f) {
            n.hedge = f.qualifier;
        }
        vars.insert(format!("{key}.share"), share);
    }
}

/// The ordered colours a chart's series take, after the first (blue).
pub(crate) const SERIES: [Rgb; 4] = [
    palette::BLUE,
    palette::SKY,
    palette::ORANGE,
    palette::PURPLE,
];
