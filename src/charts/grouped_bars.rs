//! `grouped_bars`: a breakdown by two dimensions (spending by department
//! and by year), as groups of bars on one scale from zero, every bar
//! labelled directly.
//!
//! Story file keys: `dimensions = ["group", "bar"]`, optionally `source`,
//! and `labels` for dimension values. Placeholders: `{max.group}` and
//! `{max.bar}` (the largest bar's group and bar labels), `{max.value}`,
//! `{min.group}`, `{min.bar}`, `{min.value}`, `{count}` and `{list}`.

use plotters::style::text_anchor::HPos;
use std::collections::BTreeMap;

use polars::prelude::*;

use super::draw::{Bars, Body, Canvas, Layout, widest};
use super::{Context, Draw, Mark, Marks, Prepared, SERIES, mark_vars, palette};
use crate::error::Result;
use crate::format::Display;
use crate::ledger::Figure;
use crate::template::{Value, Vars};

pub(crate) struct GroupedBars;

/// The story file's keys for a grouped bar chart.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The two dimensions: groups, then bars.
    pub dimensions: Vec<String>,
    /// Labels for dimension values.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Restricts the figures to one source.
    #[serde(default)]
    pub source: Option<String>,
}

impl Spec {
    /// Resolves the figures the chart names into marks, the numbers drawn
    /// and the values its words may use.
    pub(crate) fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        let (gdim, bdim, figs) = self.figures(ctx)?;
        let label = |v: &str| -> Result<String> {
            ctx.label(
                v,
                &self.labels.get(v).cloned().unwrap_or_else(|| v.to_string()),
            )
        };
        let mut groups: Vec<String> = Vec::new();
        let mut bars: Vec<String> = Vec::new();
        for f in &figs {
            let (g, b) = (
                f.dimension(gdim).unwrap_or(""),
                f.dimension(bdim).unwrap_or(""),
            );
            if !groups.iter().any(|x| x == g) {
                groups.push(g.to_string());
            }
            if !bars.iter().any(|x| x == b) {
                bars.push(b.to_string());
            }
        }
        if bars.len() > SERIES.len() {
            return Err(ctx.error(
                "dimensions",
                format!(
                    "`{bdim}` has {} values; a grouped bar chart tells at most {} apart by colour",
                    bars.len(),
                    SERIES.len()
                ),
            ));
        }
        let mut items = Vec::new();
        let mut vars = Vars::default();
        let (mut cg, mut cb, mut cv, mut cf) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (gi, g) in groups.iter().enumerate() {
            for (bi, b) in bars.iter().enumerate() {
                let found: Vec<&&Figure> = figs
                    .iter()
                    .filter(|f| f.dimension(gdim) == Some(g) && f.dimension(bdim) == Some(b))
                    .collect();
                if found.len() > 1 {
                    return Err(ctx.error("dimensions", format!("`{}` and `{}` both have {gdim}={g} and {bdim}={b}; give the chart a `source` or tell them apart by another dimension", found[0].id, found[1].id)));
                }
                let Some(f) = found.first() else { continue };
                if f.value.unwrap_or(0.0) < 0.0 {
                    return Err(ctx.error(
                        "dimensions",
                        format!("`{}` is negative; grouped bars start at zero", f.id),
                    ));
                }
                items.push(Mark {
                    label: label(b)?,
                    value: f.value.unwrap_or(0.0),
                    share: None,
                    group: gi,
                    colour: bi,
                    value_text: ctx.shown(f),
                    caption: label(g)?,
                });
                cg.push(label(g)?);
                cb.push(label(b)?);
                cv.push(f.value.unwrap_or(0.0));
                cf.push(f.id.to_string());
            }
        }
        let data = df!("group" => cg, "bar" => cb, "value" => cv, "figure" => cf.clone())?;
        extremes(&mut vars, ctx, &items, &cf);
        vars.insert("count", Value::number(items.len() as f64, Display::Count));
        let list: Vec<String> = items
            .iter()
            .map(|m| format!("{} {}: {}", m.caption, m.label, m.value_text))
            .collect();
        vars.insert("list", Value::Text(list.join(ctx.locale.semicolon())));
        Ok(Prepared {
            marks: Marks {
                colours: bars
                    .iter()
                    .enumerate()
                    .map(|(i, b)| Ok((label(b)?, SERIES[i])))
                    .collect::<Result<_>>()?,
                groups: groups.iter().map(|g| label(g)).collect::<Result<_>>()?,
                items,
                ..Marks::default()
            },
            data,
            vars,
            figures: cf,
            notes: Vec::new(),
        })
    }

    /// The two dimensions and every figure that has both (from the chart's
    /// source, if it names one), each a figure a chart can draw, all of one
    /// unit.
    fn figures<'a>(&'a self, ctx: &'a Context) -> Result<(&'a str, &'a str, Vec<&'a Figure>)> {
        let [gdim, bdim] = self.dimensions.as_slice() else {
            return Err(ctx.error(
                "dimensions",
                "expected two dimensions: `dimensions = [\"groups\", \"bars\"]`",
            ));
        };
        let mut figs: Vec<&Figure> = Vec::new();
        for f in &ctx.ledger().figures {
            if f.dimension(gdim).is_some()
                && f.dimension(bdim).is_some()
                && self.source.as_ref().is_none_or(|s| *s == f.source)
            {
                figs.push(ctx.figure("dimensions", &f.id)?);
            }
        }
        if figs.is_empty() {
            return Err(ctx.error(
                "dimensions",
                format!("no figure has both dimensions `{gdim}` and `{bdim}`"),
            ));
        }
        if let Some(f) = figs.iter().find(|f| f.unit != figs[0].unit) {
            return Err(ctx.error(
                "dimensions",
                format!(
                    "`{}` counts {} but `{}` counts {}; a chart draws one unit",
                    f.id, f.unit, figs[0].id, figs[0].unit
                ),
            ));
        }
        Ok((gdim, bdim, figs))
    }
}

/// The largest and smallest bar under `max` and `min`, each named by its
/// group and bar ({max.group}, {max.bar}); a tie names no single bar.
fn extremes(vars: &mut Vars, ctx: &Context, items: &[Mark], ids: &[String]) {
    // The largest and smallest bar, each named by its group and bar
    // ({max.group}, {max.bar}); a tie names no single bar.
    for (key, best) in [
        (
            "max",
            items.iter().map(|m| m.value).fold(f64::MIN, f64::max),
        ),
        (
            "min",
            items.iter().map(|m| m.value).fold(f64::MAX, f64::min),
        ),
    ] {
        let at: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].value == best)
            .collect();
        if let [i] = at[..] {
            let f = ctx.ledger().figure(&ids[i]).expect("resolved above");
            mark_vars(vars, key, &items[i], Some(f));
            vars.insert(
                format!("{key}.group"),
                Value::Text(items[i].caption.clone()),
            );
            vars.insert(format!("{key}.bar"), Value::Text(items[i].label.clone()));
        } else {
            let why = format!("{} bars share the {key} value", at.len());
            for part in ["label", "value", "group", "bar"] {
                vars.insert(format!("{key}.{part}"), Value::Refused(why.clone()));
            }
        }
        vars.insert(
                format!("{key}.label"),
                Value::Refused(format!(
                    "a bar is named by two dimensions; write {{{key}.bar}} and {{{key}.group}} in words of your own"
                )),
            );
    }
}

impl Draw for GroupedBars {
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32> {
        let header = layout.line(layout.label_px) + 4;
        Ok(marks.groups.len() as i32 * (header + 10) + marks.items.len() as i32 * (BAR_H + 6) - 10)
    }

    fn draw(&self, marks: &Marks, c: &Canvas, body: Body) -> Result<()> {
        let bold = c.label(true);
        let plain = c.label(false);
        let label_w = widest(marks.items.iter().map(|m| m.label.as_str()), &plain);
        let value_w = widest(marks.items.iter().map(|m| m.value_text.as_str()), &plain);
        let x0 = body.left + label_w + 8;
        let full = body.left + body.width - value_w - 8 - x0;
        // One scale for every group, so bars compare across groups.
        let bars = Bars {
            x0,
            max: marks.largest(),
            full,
            height: BAR_H,
            label_gap: 6,
            label: &plain,
            value: &plain,
        };
        let mut y = body.top;
        for (g, title) in marks.groups.iter().enumerate() {
            c.put(title, (body.left, y), &bold, HPos::Left)?;
            y += c.layout.line(c.layout.label_px) + 4;
            let top = y;
            for m in marks.items.iter().filter(|m| m.group == g) {
                bars.draw(c, m, marks.colours[m.colour].1, y, None)?;
                y += BAR_H + 6;
            }
            c.line((x0, top - 2), (x0, y - 4), palette::INK)?;
            y += 10;
        }
        Ok(())
    }
}

const BAR_H: i32 = 18;
