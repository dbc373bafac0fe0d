//! Charts for publication, drawn with plotters from the ledger.
//!
//! Every chart is a [`Chart`] value: its SVG (with `role="img"`, `<title>`
//! and `<desc>` for screen readers), its alt text, and the numbers it draws
//! as a DataFrame. [`Chart::png`] renders the same SVG at twice the size with
//! the bundled Inter font and no system fonts, so the same bytes come out on
//! every machine.
//!
//! House style: a title that states the finding, a subtitle that says what
//! is counted and when, direct labels instead of legends and axes, notes
//! for caveats, and a source line. Colours come from [`palette`], a subset
//! of the Okabe–Ito palette chosen to stay distinct for colour-blind readers.

mod block_status;
mod operations;
pub mod palette;
mod platform_share;
mod render;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use polars::prelude::*;

use crate::error::{Error, Result};
use crate::format;
use crate::ledger::Ledger;
use palette::Rgb;

pub use render::{render_png, FONT_FAMILY};

/// The ids of every chart, in the order they are published.
pub const IDS: [&str; 3] = ["platform_share", "block_status", "operations"];

/// A finished chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Stable id, used for file names.
    pub id: String,
    /// The headline, stating the finding.
    pub title: String,
    /// Alt text, in the form "(chart type) of (data) where (reason)".
    pub alt: String,
    /// The SVG document.
    pub svg: String,
    /// Exactly the numbers drawn, one row per mark.
    pub data: DataFrame,
    /// The colours that tell marks apart, with what each stands for.
    pub colours: Vec<(String, Rgb)>,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

impl Chart {
    /// The chart as PNG at twice its CSS size, rendered with the bundled font.
    pub fn png(&self) -> Result<Vec<u8>> {
        render_png(&self.svg, 2.0).map_err(|message| Error::Chart {
            chart: self.id.clone(),
            message,
        })
    }

    /// The "get the data" CSV: the chart's DataFrame, header row first.
    pub fn data_csv(&self) -> Result<String> {
        crate::frames::to_csv(&self.data)
    }
}

/// Draws every chart, in [`IDS`] order.
pub fn all(ledger: &Ledger) -> Result<Vec<Chart>> {
    IDS.iter().map(|id| by_id(ledger, id)).collect()
}

/// Draws one chart by id.
pub fn by_id(ledger: &Ledger, id: &str) -> Result<Chart> {
    match id {
        "platform_share" => platform_share::chart(ledger),
        "block_status" => block_status::chart(ledger),
        "operations" => operations::chart(ledger),
        other => Err(Error::Chart {
            chart: other.to_string(),
            message: format!("no such chart; expected one of {}", IDS.join(", ")),
        }),
    }
}

/// The values of `ids`, or an error naming every id the ledger lacks.
fn needed(ledger: &Ledger, chart: &str, ids: &[&str]) -> Result<Vec<f64>> {
    ledger.values(ids).map_err(|missing| Error::MissingFigures {
        chart: chart.to_string(),
        missing,
    })
}

/// "Source: …, as reported 2024-12-03", from the figures' attribution and source.
fn source_line(ledger: &Ledger, figure: &str) -> String {
    let f = ledger.figure(figure);
    let who = f.map(|f| f.attributed_to.as_str()).unwrap_or("");
    let date = f
        .and_then(|f| ledger.source(&f.source))
        .map(|s| s.date.as_str())
        .unwrap_or("");
    format!("Source: {who}, in a press report from Islamabad, as reported {date}")
}

/// The text around a chart: what a reader sees before and after the marks.
struct Frame {
    id: &'static str,
    width: u32,
    height: u32,
    title: String,
    subtitle: String,
    notes: Vec<String>,
    source: String,
    alt: String,
}

/// Sizes of the house style, in CSS pixels.
const MARGIN: i32 = 24;
const TITLE_PX: f64 = 20.0;
const SUBTITLE_PX: f64 = 14.0;
const LABEL_PX: f64 = 13.0;
const NOTE_PX: f64 = 11.5;

/// A text style at `px` CSS pixels. plotters writes `font-size` as its size
/// divided by 1.24, so the size is scaled up by that factor here.
fn font(px: f64, bold: bool, colour: Rgb) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    render::register_fonts();
    (FONT_FAMILY, px * 1.24, style)
        .into_font()
        .color(&colour.rgb())
}

fn chart_error(id: &str, e: impl std::fmt::Display) -> Error {
    Error::Chart {
        chart: id.to_string(),
        message: e.to_string(),
    }
}

/// Width of `text` in pixels, measured with the bundled font.
fn text_width(text: &str, style: &TextStyle) -> Result<i32> {
    let (w, _) = style
        .font
        .box_size(text)
        .map_err(|e| chart_error("text", format!("{e:?}")))?;
    Ok(w as i32)
}

/// Breaks `text` into lines no wider than `max` pixels.
fn wrap(text: &str, style: &TextStyle, max: i32) -> Result<Vec<String>> {
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

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws `text` with its top-left (or top-right, top-centre) corner at `(x, y)`.
fn put(area: &Area, text: &str, (x, y): (i32, i32), style: &TextStyle, h: HPos) -> Result<()> {
    let style = style.pos(Pos::new(h, VPos::Top));
    area.draw(&Text::new(text.to_string(), (x, y), style))
        .map_err(|e| chart_error("text", e))
}

/// Draws wrapped text from `y` down; returns the y below it.
fn paragraph(
    area: &Area,
    text: &str,
    y: i32,
    width: i32,
    px: f64,
    style: &TextStyle,
) -> Result<i32> {
    let mut y = y;
    for line in wrap(text, style, width)? {
        put(area, &line, (MARGIN, y), style, HPos::Left)?;
        y += (px * 1.35).round() as i32;
    }
    Ok(y)
}

/// Draws a chart: the frame's text, then `body` between the subtitle and
/// the notes. `body` gets the drawing area and the top and bottom y of the
/// space left for the marks.
fn draw(
    frame: Frame,
    data: DataFrame,
    colours: Vec<(String, Rgb)>,
    body: impl FnOnce(&Area, i32, i32) -> Result<()>,
) -> Result<Chart> {
    let id = frame.id;
    let inner = frame.width as i32 - 2 * MARGIN;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (frame.width, frame.height)).into_drawing_area();
        root.fill(&palette::BACKGROUND.rgb())
            .map_err(|e| chart_error(id, e))?;
        let title = font(TITLE_PX, true, palette::INK);
        let y = paragraph(&root, &frame.title, MARGIN - 4, inner, TITLE_PX, &title)?;
        let sub = font(SUBTITLE_PX, false, palette::MUTED);
        let top = paragraph(&root, &frame.subtitle, y + 4, inner, SUBTITLE_PX, &sub)? + 12;

        // The footer is laid out from the bottom up: source last, notes above.
        let note = font(NOTE_PX, false, palette::MUTED);
        let line_h = (NOTE_PX * 1.35).round() as i32;
        let mut footer: Vec<String> = Vec::new();
        for n in &frame.notes {
            footer.extend(wrap(n, &note, inner)?);
        }
        footer.extend(wrap(&frame.source, &note, inner)?);
        let bottom = frame.height as i32 - MARGIN + 6 - line_h * footer.len() as i32;
        for (i, line) in footer.iter().enumerate() {
            put(
                &root,
                line,
                (MARGIN, bottom + line_h * i as i32),
                &note,
                HPos::Left,
            )?;
        }
        body(&root, top, bottom - 14)?;
        root.present().map_err(|e| chart_error(id, e))?;
    }
    // Browsers without Inter fall back to a similar sans-serif; the PNG
    // renderer always finds Inter first.
    let svg = svg.replace(
        &format!("font-family=\"{FONT_FAMILY}\""),
        &format!("font-family=\"{FONT_FAMILY}, Helvetica, Arial, sans-serif\""),
    );
    Ok(Chart {
        id: id.to_string(),
        svg: accessible(&svg, id, &frame.title, &frame.alt),
        title: frame.title,
        alt: frame.alt,
        data,
        colours,
        width: frame.width,
        height: frame.height,
    })
}

/// Escapes text for XML and HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Adds `role="img"`, `<title>` and `<desc>` to the SVG plotters wrote, so
/// screen readers announce the title and alt text.
fn accessible(svg: &str, id: &str, title: &str, alt: &str) -> String {
    let open_end = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "),
        1,
    );
    format!(
        "{open}\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{rest}",
        escape(title),
        escape(alt)
    )
}

/// A filled rectangle from `(x0, y0)` to `(x1, y1)`.
fn rect(area: &Area, (x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: Rgb) -> Result<()> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.rgb().filled()))
        .map_err(|e| chart_error("rect", e))
}

/// A one-pixel line.
fn line(area: &Area, from: (i32, i32), to: (i32, i32), colour: Rgb) -> Result<()> {
    area.draw(&PathElement::new(
        vec![from, to],
        colour.rgb().stroke_width(1),
    ))
    .map_err(|e| chart_error("line", e))
}

/// `487 (52.7%)`
fn count_and_share(count: f64, share: f64) -> String {
    format!("{} ({})", format::number(count), format::percent(share))
}
