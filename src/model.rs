//! The chart model: what the analysis decides a chart shows and says, and
//! what the renderers draw. It sits below both: the analysis fills it in
//! (a chart kind prepares the marks, the templates give the words), and the
//! chart kinds draw it without reading the ledger or the story again.

use polars::prelude::DataFrame;

use crate::i18n::{Digits, Lang};
use crate::palette::Rgb;
use crate::template::Vars;

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
    pub fn largest(&self) -> f64 {
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

/// A chart as the analysis holds it: what to draw and what to say, in one
/// language.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Stable id, used for file names.
    pub id: String,
    /// The language of its words.
    pub lang: Lang,
    /// How that language writes its numbers.
    pub digits: Digits,
    /// Where its words stand in the story file (`charts[2]`, or
    /// `charts[2].editions.ur` for an edition in another language).
    pub key: String,
    /// True for an edition in a language other than the story's: its files
    /// are named with the language (`{id}.{lang}.svg`).
    pub edition: bool,
    /// Its kind.
    pub kind: String,
    /// The prepared marks and data.
    pub prepared: Prepared,
    /// Its words.
    pub words: Words,
}

impl Plan {
    /// The name of its files: the id, and for an edition in another
    /// language than the story's, the language (`spending.ur`).
    pub fn stem(&self) -> String {
        if self.edition {
            format!("{}.{}", self.id, self.lang)
        } else {
            self.id.clone()
        }
    }
}
