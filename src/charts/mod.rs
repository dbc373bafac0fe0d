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

pub(crate) mod bidi;
mod change;
pub(crate) mod draw;
mod embed;
mod grouped_bars;
mod part_to_whole;
mod ranked_bars;
mod render;
mod units;

use polars::prelude::*;

pub(crate) use embed::arabic_page_css;

use std::collections::BTreeMap;

use crate::error::{Error, Location, Result};
use crate::format::Display;
use crate::i18n::Locale;
use crate::ledger::{Figure, Ledger};
use crate::numbers::Qualifier;
use crate::palette::Rgb;
use crate::template::{Value, Vars};

pub use crate::model::{Mark, Marks, Plan, Prepared, Words};
/// The house palette (re-exported where the charts that use it live).
pub use crate::palette;
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

/// A chart's kind as the story file gives it (`kind = "…"`), with the keys
/// that kind takes. A new kind is a module with its `Spec` and a variant
/// here; a kind the story file names that is not here, or a key a kind
/// does not take, is refused by the story file's reader with the kinds or
/// keys it expected.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KindSpec {
    /// The parts of a total as sorted bars, each with count and share.
    RankedBars(ranked_bars::Spec),
    /// One stacked bar of a total, with what the parts leave out.
    PartToWhole(part_to_whole::Spec),
    /// Counts as unit (waffle) charts at one scale.
    Units(units::Spec),
    /// A series at each date it was reported, each with its source.
    Change(change::Spec),
    /// A breakdown by two dimensions.
    GroupedBars(grouped_bars::Spec),
}

impl KindSpec {
    /// The kind's name in the story file.
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::RankedBars(_) => "ranked_bars",
            KindSpec::PartToWhole(_) => "part_to_whole",
            KindSpec::Units(_) => "units",
            KindSpec::Change(_) => "change",
            KindSpec::GroupedBars(_) => "grouped_bars",
        }
    }

    /// Resolves the figures the chart names into marks, the drawn numbers
    /// as a DataFrame, and the values its words may use: the analysis'
    /// half of a chart.
    pub fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        match self {
            KindSpec::RankedBars(s) => s.prepare(ctx),
            KindSpec::PartToWhole(s) => s.prepare(ctx),
            KindSpec::Units(s) => s.prepare(ctx),
            KindSpec::Change(s) => s.prepare(ctx),
            KindSpec::GroupedBars(s) => s.prepare(ctx),
        }
    }
}

/// How a chart kind draws prepared marks: the renderers' half of a chart.
pub(crate) trait Draw: Sync {
    /// The height the marks need at this layout, in CSS pixels.
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32>;

    /// Draws the marks inside `body`.
    fn draw(&self, marks: &Marks, canvas: &draw::Canvas, body: draw::Body) -> Result<()>;
}

/// The drawing of the kind with this name.
pub(crate) fn drawing(name: &str) -> Option<&'static dyn Draw> {
    Some(match name {
        "ranked_bars" => &ranked_bars::RankedBars,
        "part_to_whole" => &part_to_whole::PartToWhole,
        "units" => &units::Units,
        "change" => &change::Change,
        "grouped_bars" => &grouped_bars::GroupedBars,
        _ => return None,
    })
}

/// What a kind prepares from: the ledger, and where the chart stands in
/// the story file, for errors; and the language it is prepared in, with
/// the labels of an edition in another language than the story's.
pub struct Context<'a> {
    /// The ledger.
    pub ledger: &'a Ledger,
    /// Where the chart stands in the story file (`charts[2]`).
    pub key: String,
    /// Finds the line of a key of the story file.
    pub locate: &'a dyn Fn(&str) -> Location,
    /// The language of the chart's words and labels.
    pub locale: &'a Locale,
    /// For an edition in another language: its labels, by part key,
    /// dimension value, series key or `remainder`, and where they stand
    /// (`charts[2].editions.ur.labels`).
    pub edition: Option<(&'a BTreeMap<String, String>, String)>,
}

impl Context<'_> {
    /// The label of `key` in the chart's language: `given` (the story
    /// file's own) unless the chart is an edition in another language,
    /// whose labels must give one; a label of digits alone (a year) is
    /// written in the edition's digits when it gives none.
    pub fn label(&self, key: &str, given: &str) -> Result<String> {
        let Some((labels, at)) = &self.edition else {
            return Ok(given.to_string());
        };
        if !labels.contains_key(key)
            && !given.is_empty()
            && given.chars().all(|c| c.is_ascii_digit())
        {
            return Ok(self.locale.digits(given));
        }
        labels.get(key).cloned().ok_or_else(|| {
            Error::data(
                (self.locate)(at),
                format!(
                    "expected a label for `{key}` (\"{given}\" in the story's language); an edition labels every mark it draws"
                ),
            )
        })
    }

    /// A figure's value as its kind is shown, with its hedge, in the
    /// chart's language.
    pub fn shown(&self, f: &Figure) -> String {
        let loc = self.locale;
        if loc.is_english() {
            return f.shown();
        }
        let Some(v) = f.value else {
            return loc.date(f.period_end.as_deref().unwrap_or_default());
        };
        let value = match f.kind {
            crate::ledger::Kind::Amount => loc.amount(v, &f.unit, f.scale.as_deref()),
            crate::ledger::Kind::Percent => loc.digits(&format!("{}%", crate::format::number(v))),
            crate::ledger::Kind::Change => loc.digits(&crate::format::signed(v)),
            crate::ledger::Kind::Ratio | crate::ledger::Kind::Fraction => {
                loc.digits(&crate::format::ratio(v))
            }
            crate::ledger::Kind::OneIn => format!("{} میں سے ایک", loc.number(v)),
            _ => loc.number(v),
        };
        loc.hedged(f.qualifier, &value)
    }

    /// The outlet of a figure's report, as the chart's language names it.
    pub fn outlet(&self, f: &Figure) -> Result<String> {
        let s = self.ledger.source_of(f);
        if self.locale.is_english() {
            // The story's English name for an Urdu report's outlet, if any.
            return Ok(crate::words::outlet_in(s, self.locale));
        }
        crate::i18n::name_in(self.locale, &self.locale.outlets, &s.id, &s.outlet).ok_or_else(|| {
            Error::data(
                (self.locate)(&self.key),
                format!(
                    "expected a name in `{lang}` for the outlet of source `{id}` (\"{}\"), under `languages.{lang}.outlets`",
                    s.outlet,
                    lang = self.locale.lang,
                    id = s.id
                ),
            )
        })
    }

    /// The period a figure covers, in the chart's language.
    pub fn period(&self, f: &Figure) -> String {
        if self.locale.is_english() {
            crate::words::period_words(f)
        } else {
            crate::i18n::urdu_period(f, self.locale)
        }
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        self.ledger
    }

    /// An error at one of the chart's keys.
    pub fn error(&self, field: &str, message: impl Into<String>) -> Error {
        Error::data((self.locate)(&format!("{}.{field}", self.key)), message)
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

/// One part of a chart: a figure and the label readers see.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The figure's id.
    pub figure: String,
    /// Its label.
    pub label: String,
    /// A name for its placeholders (`{blocked.value}`); the figure id by default.
    #[serde(default)]
    pub key: Option<String>,
}

impl Part {
    /// The name of its placeholders.
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.figure)
    }
}

/// A finished chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The name of its files: its id, with the language for an edition in
    /// another language than the story's (`spending.ur`).
    pub id: String,
    /// The language of its words.
    pub lang: crate::i18n::Lang,
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
        let kind = drawing(&self.kind).ok_or_else(|| Error::chart(&self.id, "unknown kind"))?;
        let wide = Layout::WIDE.in_lang(self.lang, self.digits);
        let narrow = Layout::NARROW.in_lang(self.lang, self.digits);
        let (svg, size) = draw::chart(self, kind, &wide)?;
        let (svg_narrow, narrow_size) = draw::chart(self, kind, &narrow)?;
        Ok(Chart {
            id: self.stem(),
            lang: self.lang,
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
/// `487 (52.7%)`, `over 200 (over 21.6%)`, `۲۰۰ سے زائد (۲۱٫۶٪ سے زائد)`.
pub(crate) fn count_and_share(ctx: &Context, f: &Figure, share: f64) -> String {
    let loc = ctx.locale;
    format!(
        "{} ({})",
        ctx.shown(f),
        loc.hedged(f.qualifier, &loc.percent(share))
    )
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
