//! `units`: counts drawn as blocks of unit squares at one scale, so that a
//! reader sees how many of one thing there are beside another without
//! implying that one is part of the other.
//!
//! Story file keys: `parts` (two to four counts in one chart). Each layout
//! picks how many units one square is (1, 10, 100…) so that the squares stay
//! visible, and says so in a key under the squares. Placeholders:
//! `{<key>.label}`, `{<key>.value}` for each part, and `{list}`.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::draw::{self, Body, Canvas, Layout};
use super::{Context, Draw, Mark, Marks, Part, Prepared, mark_vars, palette};
use crate::error::Result;
use crate::i18n::Say;
use crate::template::{Value, Vars};

pub(crate) struct Units;

const COLOURS: [palette::Rgb; 4] = [
    palette::GREY,
    palette::VERMILLION,
    palette::BLUE,
    palette::SKY,
];

/// Squares per row and the distance between square origins.
fn grid(layout: &Layout) -> (i64, i32) {
    if layout.width < 500 {
        (55, 6)
    } else {
        (125, 4)
    }
}

/// How many units one square is: the smallest power of ten that keeps the
/// squares to a few thousand at this width.
fn per_square(marks: &Marks, layout: &Layout) -> f64 {
    let total: f64 = marks.items.iter().map(|m| m.value).sum();
    let most = if layout.width < 500 {
        1_600.0
    } else {
        10_000.0
    };
    let mut per = 1.0;
    while total / per > most {
        per *= 10.0;
    }
    per
}

fn squares(value: f64, per: f64) -> (i64, f64) {
    let n = value / per;
    (n.floor() as i64, n.fract())
}

/// The story file's keys for a unit chart.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The counts drawn, each a figure and its label.
    pub parts: Vec<Part>,
}

impl Spec {
    /// Resolves the figures the chart names into marks, the numbers drawn
    /// and the values its words may use.
    pub(crate) fn prepare(&self, ctx: &Context) -> Result<Prepared> {
        if self.parts.is_empty() || self.parts.len() > COLOURS.len() {
            return Err(ctx.error(
                "parts",
                format!(
                    "expected one to {} counts, found {}",
                    COLOURS.len(),
                    self.parts.len()
                ),
            ));
        }
        let mut vars = Vars::default();
        let mut items = Vec::new();
        let mut figs = Vec::new();
        for (i, p) in self.parts.iter().enumerate() {
            let f = ctx.figure(&format!("parts[{i}].figure"), &p.figure)?;
            let v = f.value.unwrap_or(0.0);
            if v < 0.0 || v.fract() != 0.0 {
                return Err(ctx.error(
                    &format!("parts[{i}].figure"),
                    "a unit chart draws whole, non-negative counts",
                ));
            }
            let m = Mark {
                label: ctx.label(p.key(), &p.label)?,
                value: v,
                share: None,
                group: 0,
                colour: i,
                // The label is a plural phrase of the story's ("people
                // hurt"): one is written after it, never as "1 people hurt".
                value_text: if v == 1.0 && ctx.locale.is_english() {
                    format!("{}: {}", p.label, f.shown())
                } else {
                    format!("{} {}", ctx.shown(f), ctx.label(p.key(), &p.label)?)
                },
                caption: String::new(),
            };
            mark_vars(&mut vars, p.key(), &m, Some(f));
            items.push(m);
            figs.push(f);
        }
        let data = df!(
            "label" => items.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(),
            "value" => items.iter().map(|m| m.value).collect::<Vec<_>>(),
            "figure" => figs.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        )?;
        let list: Vec<String> = items.iter().map(|m| m.value_text.clone()).collect();
        vars.insert("list", Value::Text(ctx.locale.and_list(&list)));
        Ok(Prepared {
            marks: Marks {
                colours: items
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.label.clone(), COLOURS[i]))
                    .collect(),
                items,
                ..Marks::default()
            },
            data,
            vars,
            figures: figs.iter().map(|f| f.id.to_string()).collect(),
            notes: Vec::new(),
        })
    }
}

impl Draw for Units {
    fn body_height(&self, marks: &Marks, layout: &Layout) -> Result<i32> {
        let (cols, pitch) = grid(layout);
        let per = per_square(marks, layout);
        let label = layout.line(layout.label_px) + 6;
        let mut h = 0;
        for m in &marks.items {
            let (whole, part) = squares(m.value, per);
            let n = whole + i64::from(part > 0.0);
            let rows = ((n + cols - 1) / cols).max(1) as i32;
            h += label + rows * pitch + 14;
        }
        let caption = layout.font(layout.note_px, false, palette::MUTED);
        let key_lines = draw::wrap(&key(marks, per, layout), &caption, layout.inner()).len();
        Ok(h + layout.line(layout.note_px) * key_lines as i32)
    }

    fn draw(&self, marks: &Marks, c: &Canvas, body: Body) -> Result<()> {
        let (cols, pitch) = grid(&c.layout);
        let per = per_square(marks, &c.layout);
        let label = c.label(true);
        let mut y = body.top;
        for m in &marks.items {
            c.put(&m.value_text, (body.left, y), &label, HPos::Left)?;
            y += c.layout.line(c.layout.label_px) + 6;
            let (whole, part) = squares(m.value, per);
            y = block(
                c,
                whole,
                part,
                (body.left, y),
                cols,
                pitch,
                marks.colours[m.colour].1,
            )? + 14;
        }
        for line in draw::wrap(&key(marks, per, &c.layout), &c.caption(), body.width) {
            c.put(&line, (body.left, y), &c.caption(), HPos::Left)?;
            y += c.layout.line(c.layout.note_px);
        }
        Ok(())
    }
}

/// What a square stands for, in the labels' own words.
fn key(marks: &Marks, per: f64, layout: &Layout) -> String {
    let labels: Vec<&str> = marks.items.iter().map(|m| m.label.as_str()).collect();
    let or = if layout.rtl() { " یا " } else { " or " };
    let what = labels.join(or);
    let say = if per == 1.0 {
        Say::SquareIsOne
    } else {
        Say::SquareIsMany
    };
    say.in_lang(layout.lang)
        .replace("{what}", &what)
        .replace("{n}", &layout.locale().number(per))
}

/// Draws `n` whole squares and a part-filled one in rows of `cols` from
/// `(x, y)`; returns the y below the last row. Each full row is one
/// rectangle and the gaps are painted over it, so the SVG stays small
/// however many squares there are.
fn block(
    c: &Canvas,
    n: i64,
    part: f64,
    (x, y): (i32, i32),
    cols: i64,
    pitch: i32,
    colour: palette::Rgb,
) -> Result<i32> {
    let size = pitch - 1;
    let full_rows = (n / cols) as i32;
    let rest = (n % cols) as i32;
    for r in 0..full_rows {
        c.rect(
            (x, y + r * pitch),
            (x + cols as i32 * pitch - 1, y + r * pitch + size),
            colour,
        )?;
    }
    let yr = y + full_rows * pitch;
    if rest > 0 {
        c.rect((x, yr), (x + rest * pitch - 1, yr + size), colour)?;
    }
    if part > 0.0 {
        let xp = x + rest * pitch;
        let w = ((part * f64::from(size)).round() as i32).max(1);
        c.rect((xp, yr), (xp + w, yr + size), colour)?;
    }
    let rows = full_rows + i32::from(rest > 0 || part > 0.0);
    // Gaps between the columns, over every row drawn.
    let h = rows * pitch;
    if h > 0 {
        for col in 1..cols as i32 {
            let xc = x + col * pitch - 1;
            c.rect((xc, y), (xc + 1, y + h), palette::BACKGROUND)?;
        }
    }
    Ok(y + rows.max(1) * pitch)
}
