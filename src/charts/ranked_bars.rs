//! `ranked_bars`: the parts of a total as horizontal bars, largest first,
//! each labelled with its value and its share of the total.
//!
//! Story file keys: `parts` (figures and labels) or `dimension` (every
//! figure with that dimension, optionally from one `source`, labelled from
//! `labels`); `total` (the figure the shares are of; without it, the sum of
//! the parts). Placeholders: `{total}`, `{sum}`, `{count}`, `{first.label}`,
//! `{first.value}`, `{first.share}`, `{last.…}`, `{<key>.…}` for each part,
//! and `{list}`.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::draw::{Bars, Body, Canvas, Layout, widest};
use super::{
    Context, Draw, Mark, Marks, Part, Prepared, count_and_share, mark_vars, palette, sum_value,
};
use crate::error::Result;
use crate::format::Display;
use crate::ledger::Figure;
use crate::template::{Value, Vars};

pub(crate) struct RankedBars;

/// The parts a chart names: from `parts`, or by dimension.
pub(crate) fn parts<'a>(
    spec: &Spec,
    ctx: &'a Context,
) -> Result<Vec<(&'a Figure, String, String)>> {
    let mut out = Vec::new();
    if let Some(dim) = &spec.dimension {
        if !spec.parts.is_empty() {
            return Err(ctx.error("dimension", "give `parts` or `dimension`, not both"));
        }
        for f in &ctx.ledger().figures {
            let Some(v) = f.dimension(dim) else { continue };
            if spec.source.as_ref().is_some_and(|s| *s != f.source)
                || spec.total.as_deref() == Some(f.id.as_str())
            {
                continue;
            }
            let label = spec.labels.get(v).cloned().unwrap_or_else(|| v.to_string());
            let label = ctx.label(v, &label)?;
            out.push((ctx.figure("dimension", &f.id)?, label, v.to_string()));
        }
        if out.is_empty() {
            return Err(ctx.error(
                "dimension",
                format!(
                    "no figure has the dimension `{dim}`{}",
                    spec.source
                        .as_ref()
                        .map(|s| format!(" in source `{s}`"))
                        .unwrap_or_default()
                ),
            ));
        }
    } else {
        if spec.parts.is_empty() {
            return Err(ctx.error(
                "parts",
                "expected `parts = [{ figure = \"…\", label = \"…\" }, …]` or `dimension`",
            ));
        }
        for (i, p) in spec.parts.iter().enumerate() {
            out.push((
                ctx.figure(&format!("parts[{i}].figure"), &p.figure)?,
                ctx.label(p.key(), &p.label)?,
                p.key().to_string(),
            ));
        }
    }
    let unit = &out[0].0.unit;
    if let Some((f, _, _)) = out.iter().find(|(f, _, _)| f.unit != unit) {
        return Err(ctx.error(
            "parts",
            format!(
                "`{}` counts {} but `{}` counts {unit}; a chart draws one unit",
                f.id, f.unit, out[0].0.id
            ),
        ));
    }
    Ok(out)
}

/// The story file's keys for ranked bars chart.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The parts drawn, each a figure and its label.
    #[serde(default)]
    pub parts: Vec<Part>,
    /// Instead of `parts`: every figure with this dimension, from `source`.
    #[serde(default)]
    pub dimension: Option<String>,
    /// Labels for dimension values.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Restricts figures chosen by dimension to one source.
    #[serde(default)]
    pub source: Option<String>,
    /// The whole the shares are of; without it, the sum of the parts.
    #[serde(default)]
    pub total: Option<String>,
}

impl Spec {
    /// Resolves the figures the chart names into marks, the numbers drawn
    /// and the values its words may use.
    pub(crate) fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        let parts = parts(self, ctx)?;
        let total_fig = self.total_figure(ctx, parts[0].0)?;
        let values: Vec<f64> = parts
            .iter()
            .map(|(f, _, _)| f.value.unwrap_or(0.0))
            .collect();
        if values.iter().any(|v| *v < 0.0) {
            return Err(ctx.error(
                "parts",
                "ranked bars start at zero and cannot draw negative values; use a change chart",
            ));
        }
        let sum: f64 = values.iter().sum();
        // Shares are of the total, unless the total is hedged ("over 5,000"):
        // shares of a number the report does not give would not add up, so
        // they are taken of the parts drawn.
        let exact_total = total_fig.filter(|t| t.qualifier.is_none());
        let total = exact_total.and_then(|t| t.value).unwrap_or(sum);
        let parts_hedged = parts.iter().find(|(f, _, _)| f.qualifier.is_some());
        if let (None, Some((f, _, _))) = (exact_total, parts_hedged) {
            return Err(ctx.error(
                "parts",
                format!(
                    "`{}` is hedged ({}), so its share of the parts it is one of has no honest value; give a `total` the report states exactly, or draw the parts as a units chart",
                    f.id,
                    f.shown()
                ),
            ));
        }
        // A column, not a literal: polars divides by a literal scalar via
        // its reciprocal, which is not the correctly rounded quotient.
        let df = df!(
            "label" => parts.iter().map(|(_, l, _)| l.as_str()).collect::<Vec<_>>(),
            "value" => values,
            "total" => vec![total; parts.len()],
            "figure" => parts.iter().map(|(f, _, _)| f.id.as_str()).collect::<Vec<_>>(),
            "key" => parts.iter().map(|(_, _, k)| k.as_str()).collect::<Vec<_>>(),
        )?;
        let df = df
            .lazy()
            .with_column((col("value") / col("total")).alias("share"))
            .sort(
                ["value"],
                SortMultipleOptions::default()
                    .with_order_descending(true)
                    .with_maintain_order(true),
            )
            .collect()?;
        let data = df.select(["label", "value", "share", "figure"])?;
        let labels: Vec<String> = crate::util::strings(&df, "label")?;
        let keys: Vec<String> = crate::util::strings(&df, "key")?;
        let ids: Vec<String> = crate::util::strings(&df, "figure")?;
        let vals: Vec<f64> = crate::util::f64s(&df, "value")?;
        let shares: Vec<f64> = crate::util::f64s(&df, "share")?;

        let mut vars = Vars::default();
        let mut items = Vec::new();
        for i in 0..labels.len() {
            let f = ctx.ledger().figure(&ids[i]).expect("resolved above");
            let m = Mark {
                label: labels[i].clone(),
                value: vals[i],
                share: Some(shares[i]),
                group: 0,
                colour: 0,
                value_text: count_and_share(ctx, f, shares[i]),
                caption: String::new(),
            };
            mark_vars(&mut vars, &keys[i], &m, Some(f));
            if i == 0 {
                mark_vars(&mut vars, "first", &m, Some(f));
            }
            if i + 1 == labels.len() {
                mark_vars(&mut vars, "last", &m, Some(f));
            }
            items.push(m);
        }
        let first = parts[0].0;
        let sum = sum_value(first, sum, parts.iter().map(|(f, _, _)| *f));
        match total_fig {
            Some(t) => vars.figure("total", t),
            None => vars.insert("total", sum.clone()),
        }
        vars.insert("sum", sum);
        vars.insert("count", Value::number(items.len() as f64, Display::Count));
        let list: Vec<String> = items
            .iter()
            .map(|m| format!("{} {}", m.label, m.value_text))
            .collect();
        vars.insert("list", Value::Text(list.join(ctx.locale.comma())));
        let mut figures: Vec<String> = ids;
        if let Some(t) = total_fig {
            figures.push(t.id.to_string());
        }
        Ok(Prepared {
            marks: Marks {
                items,
                colours: vec![(first.unit.to_string(), palette::BLUE)],
                ..Marks::default()
            },
            data,
            vars,
            figures,
            notes: Vec::new(),
        })
    }

    /// The figure the shares are of, if the chart names one, in the parts'
    /// unit.
    fn total_figure<'a>(&self, ctx: &'a Context, part: &Figure) -> Result<Option<&'a Figure>> {
        let Some(id) = &self.total else {
            return Ok(None);
        };
        let t = ctx.figure("total", id)?;
        if t.unit != part.unit {
            return Err(ctx.error(
                "total",
                format!(
                    "the total counts {} but the parts count {}",
                    t.unit, part.unit
                ),
            ));
        }
        Ok(Some(t))
    }
}

impl Draw for RankedBars {
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32> {
        Ok(marks.items.len() as i32 * band(layout) - 6)
    }

    fn draw(&self, marks: &Marks, c: &Canvas, body: Body) -> Result<()> {
        let label = c.label(false);
        let value = c.label(true);
        let narrow = c.layout.width < 500;
        let label_w = if narrow {
            0
        } else {
            widest(marks.items.iter().map(|m| m.label.as_str()), &label)
        };
        let value_w = widest(marks.items.iter().map(|m| m.value_text.as_str()), &value);
        let x0 = body.left + if narrow { 0 } else { label_w + 10 };
        let full = body.left + body.width - value_w - 8 - x0;
        let band = band(&c.layout);
        let bar_h = if narrow { 16 } else { 20 };
        let label_h = if narrow {
            c.layout.line(c.layout.label_px)
        } else {
            0
        };
        let bars = Bars {
            x0,
            max: marks.largest(),
            full,
            height: bar_h,
            label_gap: 8,
            label: &label,
            value: &value,
        };
        for (i, m) in marks.items.iter().enumerate() {
            let y = body.top + band * i as i32;
            let above = narrow.then_some((x0, y));
            bars.draw(c, m, marks.colours[m.colour].1, y + label_h, above)?;
        }
        // The zero baseline every bar starts from.
        let bottom = body.top + band * (marks.items.len() as i32 - 1) + label_h + bar_h;
        c.line((x0, body.top + label_h - 4), (x0, bottom + 4), palette::INK)
    }
}

fn band(layout: &Layout) -> i32 {
    if layout.width < 500 {
        layout.line(layout.label_px) + 16 + 10
    } else {
        30
    }
}
