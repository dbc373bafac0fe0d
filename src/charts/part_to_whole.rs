//! `part_to_whole`: one stacked bar of a total, its parts as segments, and
//! what the parts leave out of the total (computed, never reported) as a
//! segment of its own with its own label.
//!
//! Story file keys: `parts` (up to four), `total`, and `remainder` (the
//! label of the leftover segment; required when the parts do not add up to
//! the total). Placeholders: `{total}`, `{sum}`, `{remainder}` (signed;
//! `{remainder:abs}`), `{remainder.share}`, `{<key>.label}`, `{<key>.value}`,
//! `{<key>.share}` for each part, and `{list}`.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::draw::{Body, Canvas, Layout, text_width};
use super::{
    Context, Draw, Mark, Marks, Part, Prepared, SERIES, count_and_share, mark_vars, palette,
    sum_value,
};
use crate::error::Result;
use crate::format::{self, Display};
use crate::ledger::Figure;
use crate::numbers::Qualifier;
use crate::template::{Value, Vars};

pub(crate) struct PartToWhole;

/// Most parts a stacked bar takes before it stops being readable.
const MAX_PARTS: usize = 4;

/// The story file's keys for a part-to-whole chart.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The parts drawn (one to four), each a figure and its label.
    pub parts: Vec<Part>,
    /// The whole the parts belong to.
    pub total: Option<String>,
    /// Label of the segment for what the parts leave out of the total.
    #[serde(default)]
    pub remainder: Option<String>,
}

impl Spec {
    /// Resolves the figures the chart names into marks, the numbers drawn
    /// and the values its words may use.
    pub(crate) fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        let (total_fig, figs) = self.figures(ctx)?;
        let seg = self.segments(ctx, total_fig, &figs)?;
        let data = seg.frame()?;
        let shares: Vec<f64> = crate::util::f64s(&data, "share")?;
        let (items, colours, vars) = self.marks(ctx, total_fig, &figs, &seg, &shares);
        let mut figures: Vec<String> = figs.iter().map(|f| f.id.to_string()).collect();
        figures.push(total_fig.id.to_string());
        Ok(Prepared {
            marks: Marks {
                items,
                colours,
                total: seg.total.max(seg.sum),
                ..Marks::default()
            },
            data,
            vars,
            figures,
            notes: Vec::new(),
        })
    }

    /// The total and the parts, each a figure a stacked bar can draw: a
    /// total given exactly, and parts of its unit that are not negative.
    fn figures<'a>(&self, ctx: &'a Context) -> Result<(&'a Figure, Vec<&'a Figure>)> {
        if self.parts.is_empty() || self.parts.len() > MAX_PARTS {
            return Err(ctx.error(
                "parts",
                format!(
                    "expected one to {MAX_PARTS} parts, found {}; for more, use ranked_bars",
                    self.parts.len()
                ),
            ));
        }
        let total_id = self.total.as_deref().ok_or_else(|| {
            ctx.error("total", "expected `total`: the figure the parts belong to")
        })?;
        let total_fig = ctx.figure("total", total_id)?;
        if total_fig.qualifier.is_some() {
            return Err(ctx.error(
                "total",
                format!(
                    "the total is hedged ({}): a stacked bar draws it as a whole of known length, and what the parts leave out of it would claim more than the report says; give a total the report states exactly, or use ranked_bars",
                    total_fig.shown()
                ),
            ));
        }
        let mut figs = Vec::new();
        for (i, p) in self.parts.iter().enumerate() {
            let f = ctx.figure(&format!("parts[{i}].figure"), &p.figure)?;
            if f.unit != total_fig.unit {
                return Err(ctx.error(
                    &format!("parts[{i}].figure"),
                    format!(
                        "`{}` counts {} but the total counts {}",
                        f.id, f.unit, total_fig.unit
                    ),
                ));
            }
            if f.value.unwrap_or(0.0) < 0.0 {
                return Err(ctx.error(
                    &format!("parts[{i}].figure"),
                    "a stacked bar cannot draw a negative part",
                ));
            }
            figs.push(f);
        }
        Ok((total_fig, figs))
    }

    /// The segments drawn: the parts, then what they leave out of the
    /// total (computed in polars, like every derived number), which must
    /// have a label when there is any.
    fn segments(&self, ctx: &Context, total_fig: &Figure, figs: &[&Figure]) -> Result<Segments> {
        let total = total_fig.value.unwrap_or(0.0);
        let mut labels: Vec<String> = self
            .parts
            .iter()
            .map(|p| ctx.label(p.key(), &p.label))
            .collect::<Result<_>>()?;
        let mut values: Vec<f64> = figs.iter().map(|f| f.value.unwrap_or(0.0)).collect();
        let mut ids: Vec<String> = figs.iter().map(|f| f.id.to_string()).collect();
        let sum = Series::new("parts".into(), values.clone()).sum::<f64>()?;
        let remainder = (Series::new("total".into(), [total])
            - Series::new("parts".into(), [sum]))?
        .f64()?
        .get(0)
        .unwrap_or(0.0);
        let has_remainder = remainder != 0.0;
        // What the parts leave out is hedged as the parts are, the other way.
        let rest_hedge =
            Qualifier::combine(figs.iter().map(|f| (f.qualifier, false))).map_err(|why| {
                ctx.error(
                    "parts",
                    format!("what the parts leave out of the total has no honest value: {why}"),
                )
            })?;
        if has_remainder {
            let Some(label) = &self.remainder else {
                return Err(ctx.error(
                    "remainder",
                    format!(
                        "the parts add up to {}, not the total of {}; give `remainder` a label so the {} they leave out are drawn and named",
                        format::number(sum),
                        format::number(total),
                        format::number(remainder.abs())
                    ),
                ));
            };
            labels.push(ctx.label("remainder", label)?);
            values.push(remainder);
            let formula = std::iter::once(total_fig.id.to_string())
                .chain(ids.iter().map(|i| format!("- {i}")))
                .collect::<Vec<_>>()
                .join(" ");
            ids.push(formula);
        }
        Ok(Segments {
            labels,
            values,
            ids,
            total,
            sum,
            remainder,
            has_remainder,
            rest_hedge,
        })
    }

    /// The marks, their colours, and the values the chart's words may use:
    /// each part's, and the total, the parts' sum and what they leave out,
    /// each with the hedge its figures give it.
    fn marks(
        &self,
        ctx: &Context,
        total_fig: &Figure,
        figs: &[&Figure],
        seg: &Segments,
        shares: &[f64],
    ) -> (Vec<Mark>, Vec<(String, palette::Rgb)>, Vars) {
        let mut vars = Vars::default();
        let mut colours: Vec<(String, palette::Rgb)> = Vec::new();
        let mut items = Vec::new();
        for i in 0..seg.labels.len() {
            let is_rest = seg.has_remainder && i + 1 == seg.labels.len();
            let colour = if is_rest {
                palette::VERMILLION
            } else {
                SERIES[i % SERIES.len()]
            };
            colours.push((seg.labels[i].to_lowercase(), colour));
            let value_text = if is_rest {
                // What the parts leave out, shown as the total is
                // (`Rs 10 crore`), with the hedge their hedges give it.
                let mut rest = total_fig.clone();
                rest.value = Some(seg.values[i]);
                rest.qualifier = seg.rest_hedge;
                count_and_share(ctx, &rest, shares[i])
            } else {
                count_and_share(ctx, figs[i], shares[i])
            };
            let m = Mark {
                label: seg.labels[i].clone(),
                value: seg.values[i],
                share: Some(shares[i]),
                group: 0,
                colour: i,
                value_text,
                caption: String::new(),
            };
            if is_rest {
                let mut share = Value::number(shares[i], Display::Percent);
                if let Value::Number(n) = &mut share {
                    n.hedge = seg.rest_hedge;
                }
                vars.insert("remainder.share", share);
            } else {
                mark_vars(&mut vars, self.parts[i].key(), &m, Some(figs[i]));
            }
            items.push(m);
        }
        vars.figure("total", total_fig);
        vars.insert("sum", sum_value(total_fig, seg.sum, figs.iter().copied()));
        vars.insert(
            "remainder",
            Value::like(total_fig, seg.remainder, seg.rest_hedge),
        );
        if !seg.has_remainder {
            vars.insert("remainder.share", Value::number(0.0, Display::Percent));
        }
        let list: Vec<String> = items
            .iter()
            .map(|m| format!("{} {}", m.label, m.value_text))
            .collect();
        vars.insert("list", Value::Text(ctx.locale.and_list(&list)));
        (items, colours, vars)
    }
}

/// The segments of a stacked bar: the parts and what they leave out.
struct Segments {
    labels: Vec<String>,
    values: Vec<f64>,
    /// Each segment's figure, or the formula of what the parts leave out.
    ids: Vec<String>,
    total: f64,
    sum: f64,
    remainder: f64,
    has_remainder: bool,
    /// The hedge on what the parts leave out.
    rest_hedge: Option<Qualifier>,
}

impl Segments {
    /// Exactly the numbers drawn, each segment's share of the total
    /// computed in polars.
    fn frame(&self) -> PolarsResult<DataFrame> {
        let n = self.labels.len();
        let df = df!(
            "label" => self.labels.clone(),
            "value" => self.values.clone(),
            "total" => vec![self.total; n],
            "figure" => self.ids.clone(),
            "computed" => (0..n).map(|i| self.has_remainder && i + 1 == n).collect::<Vec<bool>>(),
        )?;
        let share = (df.column("value")?.as_materialized_series()
            / df.column("total")?.as_materialized_series())?;
        df.hstack(&[share.with_name("share".into()).into()])?
            .select(["label", "value", "share", "figure", "computed"])
    }
}

impl Draw for PartToWhole {
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32> {
        let p = placement(marks, layout, 0)?;
        let below = p.iter().filter(|x| x.below).count() as i32;
        Ok(label_block(layout)
            + 6
            + BAR_H
            + below * (label_block(layout) + 6)
            + if below > 0 { 14 } else { 0 })
    }

    fn draw(&self, marks: &Marks, c: &Canvas, body: Body) -> Result<()> {
        let name = c.label(true);
        let value = c.label(false);
        let layout = &c.layout;
        let block = label_block(layout);
        let bar_top = body.top + block + 6;
        let places = placement(marks, layout, body.left)?;
        for (m, p) in marks.items.iter().zip(&places) {
            if p.x1 > p.x0 {
                c.rect(
                    (p.x0, bar_top),
                    (p.x1, bar_top + BAR_H),
                    marks.colours[m.colour].1,
                )?;
            }
        }
        let mut below_row = 0;
        for (m, p) in marks.items.iter().zip(&places) {
            if p.below {
                let y = bar_top + BAR_H + 14 + below_row * (block + 6);
                let mid = (p.x0 + p.x1.max(p.x0 + 1)) / 2;
                c.line((mid, bar_top + BAR_H + 2), (mid, y - 2), palette::INK)?;
                c.put(&m.label, (p.label_x, y), &name, p.anchor)?;
                c.put(
                    &m.value_text,
                    (p.label_x, y + layout.line(layout.label_px)),
                    &value,
                    p.anchor,
                )?;
                below_row += 1;
            } else {
                c.put(&m.label, (p.label_x, body.top), &name, p.anchor)?;
                c.put(
                    &m.value_text,
                    (p.label_x, body.top + layout.line(layout.label_px)),
                    &value,
                    p.anchor,
                )?;
            }
        }
        // The zero baseline.
        c.line(
            (body.left, bar_top - 4),
            (body.left, bar_top + BAR_H + 4),
            palette::INK,
        )
    }
}

const BAR_H: i32 = 48;

fn label_block(layout: &Layout) -> i32 {
    2 * layout.line(layout.label_px)
}

struct Place {
    x0: i32,
    x1: i32,
    label_x: i32,
    anchor: HPos,
    below: bool,
}

/// Where each segment and its label go: labels above the bar, left to
/// right, while they fit without overlapping; the rest below, each on its
/// own line with a leader to its segment.
fn placement(marks: &Marks, layout: &Layout, left: i32) -> Result<Vec<Place>> {
    let name = layout.font(layout.label_px, true, palette::INK);
    let value = layout.font(layout.label_px, false, palette::INK);
    let width = layout.inner();
    let right = left + width;
    let total = marks.total.max(f64::MIN_POSITIVE);
    let mut out = Vec::new();
    let mut running = 0.0;
    let mut free_from = left;
    for m in &marks.items {
        let x0 = left + (running / total * f64::from(width)).round() as i32;
        running += m.value.max(0.0);
        let mut x1 = left + (running / total * f64::from(width)).round() as i32;
        // A non-zero segment stays at least two pixels wide; zero is zero.
        if m.value > 0.0 {
            x1 = x1.max(x0 + 2);
        }
        let w = text_width(&m.label, &name).max(text_width(&m.value_text, &value));
        let fits_above = x0 >= free_from && x0 + w <= right;
        let (label_x, anchor, below) = if fits_above {
            free_from = x0 + w + 12;
            (x0, HPos::Left, false)
        } else if x1 - w >= left {
            (x1, HPos::Right, true)
        } else {
            (left, HPos::Left, true)
        };
        out.push(Place {
            x0,
            x1,
            label_x,
            anchor,
            below,
        });
    }
    Ok(out)
}
