//! `change`: one or more series, each at every date it was reported, as
//! paired bars from zero, each bar labelled with its report and period.
//! Two reports of one period with different values are drawn side by side,
//! so the chart shows the disagreement rather than a trend.
//!
//! Story file keys: `series = [{ series = "…", label = "…" }, …]`.
//! Placeholders for each series key: `{<key>.first.value}`,
//! `{<key>.last.value}`, `{<key>.first.outlet}`, `{<key>.last.outlet}`,
//! `{<key>.first.date}`, `{<key>.last.date}`, `{<key>.change}` (last minus
//! first, signed) and `{<key>.pct_change}`; and `{list}`.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::draw::{Body, Canvas, Layout, widest, wrap};
use super::{Context, Draw, Mark, Marks, Prepared, SERIES, palette};
use crate::error::Result;
use crate::format::Display;
use crate::i18n::Say;
use crate::ledger::Figure;
use crate::numbers::Qualifier;
use crate::template::{Number, Value, Vars};

pub(crate) struct Change;

/// The story file's keys for a change chart.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The series drawn, each with its label.
    pub series: Vec<SeriesPanel>,
}

impl Spec {
    /// Resolves the figures the chart names into marks, the numbers drawn
    /// and the values its words may use.
    pub(crate) fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        if self.series.is_empty() {
            return Err(ctx.error(
                "series",
                "expected `series = [{ series = \"…\", label = \"…\" }, …]`",
            ));
        }
        let ledger = ctx.ledger();
        let mut vars = Vars::default();
        let mut items = Vec::new();
        let mut groups = Vec::new();
        let mut outlets: Vec<String> = Vec::new();
        let mut outlet_names: Vec<String> = Vec::new();
        // Every figure drawn, with its panel.
        let mut drawn: Vec<(&Figure, usize)> = Vec::new();
        for (g, panel) in self.series.iter().enumerate() {
            let figs = panel_figures(ctx, g, panel)?;
            let key = panel.key.as_deref().unwrap_or(&panel.series);
            groups.push(ctx.label(key, &panel.label)?);
            for f in &figs {
                let s = ledger.source_of(f);
                if !outlets.contains(&s.outlet) {
                    outlets.push(s.outlet.clone());
                    outlet_names.push(ctx.outlet(f)?);
                }
                items.push(Mark {
                    label: format!(
                        "{}{}{}",
                        ctx.outlet(f)?,
                        ctx.locale.comma(),
                        ctx.locale.date(&s.date)
                    ),
                    value: f.value.unwrap_or(0.0),
                    share: None,
                    group: g,
                    colour: outlets.iter().position(|o| *o == s.outlet).unwrap_or(0),
                    value_text: ctx.shown(f),
                    caption: ctx.period(f),
                });
                drawn.push((f, g));
            }
            change_vars(&mut vars, ctx, key, figs[0], figs[figs.len() - 1])?;
        }
        let data = df!(
            "series" => drawn.iter().map(|(_, g)| groups[*g].clone()).collect::<Vec<_>>(),
            "outlet" => drawn.iter().map(|(f, _)| ledger.source_of(f).outlet.clone()).collect::<Vec<_>>(),
            "report_date" => drawn.iter().map(|(f, _)| ledger.source_of(f).date.clone()).collect::<Vec<_>>(),
            "period" => items.iter().map(|m| m.caption.clone()).collect::<Vec<_>>(),
            "value" => items.iter().map(|m| m.value).collect::<Vec<_>>(),
            "figure" => drawn.iter().map(|(f, _)| f.id.to_string()).collect::<Vec<_>>(),
        )?;
        let comma = ctx.locale.comma();
        let list: Vec<String> = items
            .iter()
            .map(|m| {
                format!(
                    "{}: {} ({}{comma}{})",
                    groups[m.group], m.value_text, m.label, m.caption
                )
            })
            .collect();
        vars.insert("list", Value::Text(list.join(ctx.locale.semicolon())));
        // Each panel is drawn on a scale of its own, from zero.
        let notes = if groups.len() > 1 {
            vec![Say::PanelsOwnScale.in_lang(ctx.locale.lang).to_string()]
        } else {
            Vec::new()
        };
        Ok(Prepared {
            marks: Marks {
                colours: outlet_names
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.clone(), SERIES[i % SERIES.len()]))
                    .collect(),
                items,
                groups,
                ..Marks::default()
            },
            data,
            vars,
            figures: drawn.iter().map(|(f, _)| f.id.to_string()).collect(),
            notes,
        })
    }
}

/// The figures of a panel's series, each one a chart can draw, the oldest
/// period first, then the earliest report.
fn panel_figures<'a>(ctx: &'a Context, g: usize, panel: &SeriesPanel) -> Result<Vec<&'a Figure>> {
    let ledger = ctx.ledger();
    let mut figs: Vec<&Figure> = ledger.series(&panel.series).collect();
    if figs.len() < 2 {
        return Err(ctx.error(
            &format!("series[{g}].series"),
            format!(
                "series `{}` has {} figure(s); a change chart needs it reported at least twice",
                panel.series,
                figs.len()
            ),
        ));
    }
    for f in &figs {
        ctx.figure(&format!("series[{g}].series"), &f.id)?;
    }
    let end = |f: &Figure| {
        f.period_end
            .as_deref()
            .unwrap_or(&ledger.source_of(f).date)
            .to_string()
    };
    figs.sort_by(|a, b| {
        end(a)
            .cmp(&end(b))
            .then(ledger.source_of(a).date.cmp(&ledger.source_of(b).date))
            .then(a.line.cmp(&b.line))
    });
    Ok(figs)
}

/// A panel's values under `key`: its first and last report (value, outlet,
/// date), and the change between them, absolute and relative, each with
/// the hedge the two figures give it, or refused where none is honest.
fn change_vars(
    vars: &mut Vars,
    ctx: &Context,
    key: &str,
    first: &Figure,
    last: &Figure,
) -> Result<()> {
    for (name, f) in [("first", first), ("last", last)] {
        let s = ctx.ledger().source_of(f);
        vars.figure(format!("{key}.{name}.value"), f);
        vars.insert(format!("{key}.{name}.outlet"), Value::Text(ctx.outlet(f)?));
        vars.insert(
            format!("{key}.{name}.date"),
            Value::Text(ctx.locale.date(&s.date)),
        );
    }
    // The change from first to last, in polars like every derived number.
    let a = Series::new("first".into(), [first.value.unwrap_or(0.0)]);
    let b = Series::new("last".into(), [last.value.unwrap_or(0.0)]);
    let diff = (&b - &a)?;
    let change = diff.f64()?.get(0).unwrap_or(0.0);
    let hedge = Qualifier::combine([(last.qualifier, true), (first.qualifier, false)]);
    vars.insert(
        format!("{key}.change"),
        match hedge {
            Ok(hedge) => Value::Number(Number {
                value: change,
                display: if first.kind == crate::ledger::Kind::Amount {
                    Display::Amount
                } else {
                    Display::Change
                },
                unit: first.unit.to_string(),
                scale: first.scale.as_deref().map(str::to_string),
                hedge,
            }),
            Err(why) => Value::Refused(format!("the change from first to last: {why}")),
        },
    );
    if first.value != Some(0.0) {
        let pct = (&diff / &a)?.f64()?.get(0).unwrap_or(0.0);
        let value = match first.qualifier {
            // The earlier value divides the change it is part of.
            Some(q) => Value::Refused(format!(
                "the earlier value is hedged ({} {}), so the change relative to it has no honest value",
                q.words(),
                crate::format::number(first.value.unwrap_or(0.0))
            )),
            None => Value::Number(Number {
                hedge: last.qualifier,
                ..Number::plain(pct, Display::ChangePercent)
            }),
        };
        vars.insert(format!("{key}.pct_change"), value);
    }
    Ok(())
}

impl Draw for Change {
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32> {
        let caption = layout.font(layout.note_px, false, palette::MUTED);
        let header = layout.line(layout.label_px) + 6;
        let mut h = marks.groups.len() as i32 * (header + 10) - 10;
        for m in &marks.items {
            let lines = wrap(&caption_of(m, layout.lang), &caption, layout.inner()).len() as i32;
            h += lines * layout.line(layout.note_px) + BAR_H + 8;
        }
        Ok(h)
    }

    fn draw(&self, marks: &Marks, c: &Canvas, body: Body) -> Result<()> {
        let bold = c.label(true);
        let value = c.label(false);
        let caption = c.caption();
        let value_w = widest(marks.items.iter().map(|m| m.value_text.as_str()), &value);
        let mut y = body.top;
        for (g, title) in marks.groups.iter().enumerate() {
            c.put(title, (body.left, y), &bold, HPos::Left)?;
            y += c.layout.line(c.layout.label_px) + 6;
            let bars: Vec<&Mark> = marks.items.iter().filter(|m| m.group == g).collect();
            // Each panel has its own scale, from zero.
            let lo = bars.iter().map(|m| m.value).fold(0.0, f64::min);
            let hi = bars.iter().map(|m| m.value).fold(0.0, f64::max);
            let span = (hi - lo).max(f64::MIN_POSITIVE);
            let full = body.width - value_w - 8;
            let x_of = |v: f64| body.left + ((v - lo) / span * f64::from(full)).round() as i32;
            let zero = x_of(0.0);
            for m in &bars {
                // The report and period, wrapped to the width: on a phone the
                // period goes on a line of its own rather than off the edge.
                for line in wrap(&caption_of(m, c.layout.lang), &caption, body.width) {
                    c.put(&line, (body.left, y), &caption, HPos::Left)?;
                    y += c.layout.line(c.layout.note_px);
                }
                let (a, b) = if m.value >= 0.0 {
                    (zero, x_of(m.value))
                } else {
                    (x_of(m.value), zero)
                };
                let b = if m.value != 0.0 { b.max(a + 2) } else { b };
                if b > a {
                    c.rect((a, y), (b, y + BAR_H), marks.colours[m.colour].1)?;
                }
                // The zero baseline, beside each bar.
                c.line((zero, y - 2), (zero, y + BAR_H + 2), palette::INK)?;
                c.put(&m.value_text, (b.max(zero) + 6, y + 2), &value, HPos::Left)?;
                y += BAR_H + 8;
            }
            y += 10;
        }
        Ok(())
    }
}

const BAR_H: i32 = 18;

/// The line above a bar: its report and the period it covers, apart by a
/// middle dot, or in Urdu by a comma (a dot there reads as the digit zero).
fn caption_of(m: &Mark, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::En => format!("{} · {}", m.label, m.caption),
        _ => format!("{}، {}", m.label, m.caption),
    }
}

/// A series in a change chart, with its label.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeriesPanel {
    /// The series id.
    pub series: String,
    /// Its label.
    pub label: String,
    /// A name for its placeholders; the series id by default.
    #[serde(default)]
    pub key: Option<String>,
}
