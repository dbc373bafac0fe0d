//! The house style every chart kind shares: layout sizes, text, the frame
//! around the marks (title, subtitle, notes, source line) and the
//! accessible SVG wrapper.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{self, Rgb};
use super::{ChartKind, Mark, Plan, render};
use crate::error::{Error, Result};
use crate::util::escape;

/// Sizes of one layout, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Name used in ids and file names ("wide", "narrow").
    pub name: &'static str,
    /// Width of the chart.
    pub width: i32,
    /// Space around everything.
    pub margin: i32,
    /// Title size.
    pub title_px: f64,
    /// Subtitle size.
    pub subtitle_px: f64,
    /// Label size.
    pub label_px: f64,
    /// Notes and source line size.
    pub note_px: f64,
}

impl Layout {
    /// For pages and print: 640 px wide.
    pub const WIDE: Layout = Layout {
        name: "wide",
        width: 640,
        margin: 24,
        title_px: 20.0,
        subtitle_px: 14.0,
        label_px: 13.0,
        note_px: 12.0,
    };

    /// For phones: 340 px wide, so that on a 360–400 px screen it is shown
    /// at full size and no text is under 12 px.
    pub const NARROW: Layout = Layout {
        name: "narrow",
        width: 340,
        margin: 12,
        title_px: 18.0,
        subtitle_px: 14.0,
        label_px: 13.0,
        note_px: 12.5,
    };

    /// Width available inside the margins.
    pub fn inner(&self) -> i32 {
        self.width - 2 * self.margin
    }

    /// Line height for text of `px`.
    pub fn line(px: f64) -> i32 {
        (px * 1.35).round() as i32
    }
}

/// The drawing area of a chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What a kind draws on.
pub struct Canvas<'a, 'b> {
    /// The plotters area.
    pub area: &'a Area<'b>,
    /// The layout.
    pub layout: Layout,
}

/// The space left for the marks.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    /// Top y.
    pub top: i32,
    /// Left x.
    pub left: i32,
    /// Width.
    pub width: i32,
}

/// A text style at `px` CSS pixels. plotters writes `font-size` as its size
/// divided by 1.24, so the size is scaled up by that factor here.
pub fn font(px: f64, bold: bool, colour: Rgb) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    render::register_fonts();
    (render::FONT_FAMILY, px * 1.24, style)
        .into_font()
        .color(&colour.rgb())
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::chart("drawing", e)
}

/// Width of `text` in pixels, measured with the bundled font.
pub fn text_width(text: &str, style: &TextStyle) -> Result<i32> {
    if text.is_empty() {
        return Ok(0);
    }
    let (w, _) = style
        .font
        .box_size(text)
        .map_err(|e| err(format!("{e:?}")))?;
    Ok(w as i32)
}

/// Width of the widest of `texts`, 0 for none.
pub fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, style: &TextStyle) -> Result<i32> {
    texts
        .into_iter()
        .try_fold(0, |w, t| Ok(w.max(text_width(t, style)?)))
}

/// Breaks `text` into lines no wider than `max` pixels.
pub fn wrap(text: &str, style: &TextStyle, max: i32) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, style)? > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

impl Canvas<'_, '_> {
    /// Draws `text` with its top-left (or top-right, top-centre) at `(x, y)`.
    pub fn put(&self, text: &str, (x, y): (i32, i32), style: &TextStyle, h: HPos) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let style = style.pos(Pos::new(h, VPos::Top));
        self.area
            .draw(&Text::new(text.to_string(), (x, y), style))
            .map_err(err)
    }

    /// A filled rectangle from `(x0, y0)` to `(x1, y1)`.
    pub fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: Rgb) -> Result<()> {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.rgb().filled()))
            .map_err(err)
    }

    /// A one-pixel line.
    pub fn line(&self, from: (i32, i32), to: (i32, i32), colour: Rgb) -> Result<()> {
        self.area
            .draw(&PathElement::new(
                vec![from, to],
                colour.rgb().stroke_width(1),
            ))
            .map_err(err)
    }

    /// Label style.
    pub fn label(&self, bold: bool) -> TextStyle<'static> {
        font(self.layout.label_px, bold, palette::INK)
    }

    /// Muted label style, for captions.
    pub fn caption(&self) -> TextStyle<'static> {
        font(self.layout.note_px, false, palette::MUTED)
    }
}

/// Horizontal bars on one scale, each with its label and its value: what
/// the bar chart kinds share.
pub struct Bars<'a> {
    /// Where every bar starts (the zero line).
    pub x0: i32,
    /// The largest value, drawn `full` pixels long.
    pub max: f64,
    /// Pixels for `max`.
    pub full: i32,
    /// A bar's height.
    pub height: i32,
    /// Space between a label and the start of its bar.
    pub label_gap: i32,
    /// Label style.
    pub label: &'a TextStyle<'static>,
    /// Value style.
    pub value: &'a TextStyle<'static>,
}

impl Bars<'_> {
    /// Draws `mark` with its bar's top at `y`: the bar (none for zero),
    /// the label (at `above` when given, else right-aligned before the
    /// bar), then the value just past the bar's end; text beside the bar
    /// is centred on it.
    pub fn draw(
        &self,
        c: &Canvas,
        mark: &Mark,
        colour: Rgb,
        y: i32,
        above: Option<(i32, i32)>,
    ) -> Result<()> {
        let len = length(mark.value, self.max, self.full);
        if len > 0 {
            c.rect((self.x0, y), (self.x0 + len, y + self.height), colour)?;
        }
        let dy = (self.height as f64 / 2.0 - c.layout.label_px * 0.62).round() as i32;
        match above {
            Some(at) => c.put(&mark.label, at, self.label, HPos::Left)?,
            None => c.put(
                &mark.label,
                (self.x0 - self.label_gap, y + dy),
                self.label,
                HPos::Right,
            )?,
        }
        c.put(
            &mark.value_text,
            (self.x0 + len + 6, y + dy),
            self.value,
            HPos::Left,
        )
    }
}

/// Draws a chart at one layout: the frame's text, then the kind's marks
/// between the subtitle and the notes. Returns the SVG and its size.
pub(crate) fn chart(
    plan: &Plan,
    kind: &dyn ChartKind,
    layout: &Layout,
) -> Result<(String, (u32, u32))> {
    let id = plan.id.as_str();
    let inner = layout.inner();
    let m = layout.margin;
    let title_style = font(layout.title_px, true, palette::INK);
    let sub_style = font(layout.subtitle_px, false, palette::MUTED);
    let note_style = font(layout.note_px, false, palette::MUTED);
    let title_lines = wrap(&plan.words.title, &title_style, inner)?;
    let sub_lines = wrap(&plan.words.subtitle, &sub_style, inner)?;
    let mut footer: Vec<String> = Vec::new();
    for n in &plan.words.notes {
        footer.extend(wrap(n, &note_style, inner)?);
    }
    footer.extend(wrap(&plan.words.source, &note_style, inner)?);
    let top = m - 4
        + Layout::line(layout.title_px) * title_lines.len() as i32
        + 4
        + Layout::line(layout.subtitle_px) * sub_lines.len() as i32
        + 14;
    let body_h = kind
        .body_height(&plan.prepared.marks, layout)
        .map_err(|e| Error::chart(id, e))?;
    let note_h = Layout::line(layout.note_px);
    let height = top + body_h + 18 + note_h * footer.len() as i32 + m - 6;
    let size = (layout.width as u32, height as u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&palette::BACKGROUND.rgb())
            .map_err(|e| Error::chart(id, e))?;
        let canvas = Canvas {
            area: &root,
            layout: *layout,
        };
        let mut y = m - 4;
        for l in &title_lines {
            canvas.put(l, (m, y), &title_style, HPos::Left)?;
            y += Layout::line(layout.title_px);
        }
        y += 4;
        for l in &sub_lines {
            canvas.put(l, (m, y), &sub_style, HPos::Left)?;
            y += Layout::line(layout.subtitle_px);
        }
        let body = Body {
            top,
            left: m,
            width: inner,
        };
        kind.draw(&plan.prepared.marks, &canvas, body)
            .map_err(|e| Error::chart(id, e))?;
        let mut y = top + body_h + 18;
        for l in &footer {
            canvas.put(l, (m, y), &note_style, HPos::Left)?;
            y += note_h;
        }
        root.present().map_err(|e| Error::chart(id, e))?;
    }
    // Browsers without Inter fall back to a similar sans-serif; the PNG
    // renderer always finds Inter first.
    let svg = svg.replace(
        &format!("font-family=\"{}\"", render::FONT_FAMILY),
        &format!(
            "font-family=\"{}, Helvetica, Arial, sans-serif\"",
            render::FONT_FAMILY
        ),
    );
    let suffix = if layout.name == "wide" {
        String::new()
    } else {
        format!("-{}", layout.name)
    };
    Ok((
        accessible(
            &svg,
            &format!("{id}{suffix}"),
            &plan.words.title,
            &plan.words.alt,
        ),
        size,
    ))
}

/// Adds `role="img"`, `<title>` and `<desc>` to the SVG plotters wrote, so
/// screen readers announce the title and alt text.
fn labelled_by(id: &str) -> String {
    format!("aria-labelledby=\"{id}-title {id}-desc\"")
}

/// `svg` (drawn with `id`) named by its description alone, for a page whose
/// heading already carries the title, so that nothing is read twice.
pub(crate) fn described_only(svg: &str, id: &str) -> String {
    svg.replacen(
        &labelled_by(id),
        &format!("aria-labelledby=\"{id}-desc\""),
        1,
    )
}

fn accessible(svg: &str, id: &str, title: &str, alt: &str) -> String {
    let open_end = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen(
        "<svg ",
        &format!("<svg role=\"img\" {} ", labelled_by(id)),
        1,
    );
    format!(
        "{open}\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{rest}",
        escape(title),
        escape(alt)
    )
}

/// Pixel length of `value` on a scale where `max` is `full` pixels; a
/// non-zero value is at least 2 px so it stays visible, and zero is zero.
pub fn length(value: f64, max: f64, full: i32) -> i32 {
    if value <= 0.0 || max <= 0.0 {
        return 0;
    }
    ((value / max * f64::from(full)).round() as i32).max(2)
}
