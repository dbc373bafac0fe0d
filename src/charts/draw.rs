//! The house style every chart kind shares: layout sizes, text, the frame
//! around the marks (title, subtitle, notes, source line) and the
//! accessible SVG wrapper.

use std::cell::RefCell;
use std::fmt::Write;
use std::sync::OnceLock;

use rustybuzz::Direction;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::bidi::{self, Face, NASKH_FAMILIES};
use super::embed::{self, Usage};
use super::palette::{self, Rgb};
use super::{Draw, Mark, Plan, render};
use crate::error::{Error, Result};
use crate::i18n::{Digits, Lang, Locale};
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
    /// The language of its words: a right-to-left language's layout is
    /// mirrored, its text laid out right to left in the Arabic script's face.
    pub lang: Lang,
    /// How the language writes the numbers the layout itself writes.
    pub digits: Digits,
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
        lang: Lang::En,
        digits: Digits::Western,
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
        lang: Lang::En,
        digits: Digits::Western,
    };

    /// Width available inside the margins.
    pub fn inner(&self) -> i32 {
        self.width - 2 * self.margin
    }

    /// The same layout in a language: for one written right to left,
    /// mirrored, with its text a size larger (the Arabic script's letters
    /// are small for their size) and lines further apart (its marks and
    /// descenders are tall).
    pub fn in_lang(self, lang: Lang, digits: Digits) -> Layout {
        if !lang.is_rtl() {
            return Layout { lang, ..self };
        }
        let up = |px: f64| px + RTL_LARGER;
        Layout {
            title_px: up(self.title_px),
            subtitle_px: up(self.subtitle_px),
            label_px: up(self.label_px),
            note_px: up(self.note_px),
            lang,
            digits,
            ..self
        }
    }

    /// True for a language written right to left.
    pub fn rtl(&self) -> bool {
        self.lang.is_rtl()
    }

    /// The language's way of writing what the layout itself writes.
    pub fn locale(&self) -> Locale {
        Locale {
            lang: self.lang,
            digits: self.digits,
            ..Locale::default()
        }
    }

    /// Line height for text of `px`.
    pub fn line(&self, px: f64) -> i32 {
        let factor = if self.rtl() { RTL_LINE } else { 1.35 };
        (px * factor).round() as i32
    }

    /// A text style at `px` CSS pixels in the layout's face.
    pub fn font(&self, px: f64, bold: bool, colour: Rgb) -> TextStyle<'static> {
        let family = if self.rtl() { NASKH_FAMILIES } else { FAMILIES };
        styled(family, px, bold, colour)
    }
}

/// How much larger right-to-left text is set, in pixels.
const RTL_LARGER: f64 = 1.0;

/// Line height of right-to-left text, in ems.
const RTL_LINE: f64 = 1.75;

/// How far below the top of a line of right-to-left text its baseline
/// is, in ems: lower than Latin text's, for the marks above its letters.
/// It is written into `y` rather than left to `dy`, which renderers apply
/// differently to right-to-left text.
const RTL_BASELINE: f32 = 0.98;

/// The drawing area of a chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What a kind draws on.
pub struct Canvas<'a, 'b> {
    /// The plotters area.
    pub area: &'a Area<'b>,
    /// The layout.
    pub layout: Layout,
    /// Right-to-left text, drawn as SVG of its own after the rest.
    texts: RefCell<String>,
    /// The characters drawn, by face, for the fonts the SVG carries.
    used: RefCell<Usage>,
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

/// The font family the SVG names: the bundled font first, so that the PNG
/// renderer (which holds no other font) always finds it, then families a
/// browser without it can fall back to.
pub const FAMILIES: &str = "Inter, Helvetica, Arial, sans-serif";

/// plotters-svg 0.3.7 writes a text's `font-size` as its size divided by
/// 1.24 (`style.size() / 1.24` in its `draw_text`, with no way around it),
/// so a size is handed to plotters multiplied by this. For most sizes the
/// quotient is the size exactly; 13 comes out as `13.000000000000002`, which
/// usvg and browsers read as 13 (no f64 divides by 1.24 to exactly 13).
const PLOTTERS_SIZE: f64 = 1.24;

fn styled(family: &'static str, px: f64, bold: bool, colour: Rgb) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    (family, px * PLOTTERS_SIZE, style)
        .into_font()
        .color(&colour.rgb())
}

/// True for a style of right-to-left text.
fn is_rtl(style: &TextStyle) -> bool {
    style.font.get_family().as_str() == NASKH_FAMILIES
}

/// The width of `text` in one line in `style`, as resvg draws it.
fn measure(text: &str, style: &TextStyle) -> f32 {
    let (px, bold) = size_and_weight(style);
    if is_rtl(style) {
        bidi::line(text, px, bold).width
    } else {
        advance(text, px, bold)
    }
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::chart("drawing", e)
}

/// A bundled face, parsed once, with its plans for shaping left-to-right
/// text in the Latin script and in none (digits and punctuation alone):
/// making a plan costs more than shaping a line with it.
struct Shaper {
    face: rustybuzz::Face<'static>,
    plans: Vec<(rustybuzz::Script, rustybuzz::ShapePlan)>,
}

/// The regular or bold face's [`Shaper`].
fn shaper(bold: bool) -> &'static Shaper {
    static SHAPERS: OnceLock<[Shaper; 2]> = OnceLock::new();
    let shapers = SHAPERS.get_or_init(|| {
        let shaper = |data| {
            let face = rustybuzz::Face::from_slice(data, 0)
                .unwrap_or_else(|| panic!("the bundled fonts are valid"));
            let plan = |script| {
                rustybuzz::ShapePlan::new(&face, Direction::LeftToRight, script, None, &[])
            };
            let plans = vec![
                (
                    rustybuzz::script::LATIN,
                    plan(Some(rustybuzz::script::LATIN)),
                ),
                // What a buffer with no script reports.
                (rustybuzz::script::UNKNOWN, plan(None)),
            ];
            Shaper { face, plans }
        };
        [shaper(render::REGULAR), shaper(render::BOLD)]
    });
    &shapers[usize::from(bold)]
}

/// The width of `text` in one line at `px` pixels, exactly as usvg lays it
/// out for resvg to draw: white space as usvg reads it (new lines and tabs
/// made spaces, runs of spaces made one, the ends trimmed), shaped by
/// rustybuzz with the font's kerning, each cluster as wide as its widest
/// glyph's advance at that size, summed in `f32` as usvg sums them.
pub(crate) fn advance(text: &str, px: f32, bold: bool) -> f32 {
    let words: Vec<&str> = text
        .split([' ', '\n', '\r', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    let Shaper { face, plans } = shaper(bold);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&words.join(" "));
    buffer.set_direction(Direction::LeftToRight);
    buffer.guess_segment_properties();
    let shaped = match plans.iter().find(|(script, _)| *script == buffer.script()) {
        Some((_, plan)) => rustybuzz::shape_with_plan(face, plan, buffer),
        None => rustybuzz::shape(face, &[], buffer),
    };
    let scale = px / face.units_per_em() as f32;
    let mut clusters: Vec<(u32, f32)> = Vec::new();
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let width = pos.x_advance as f32 * scale;
        match clusters.last_mut() {
            Some((cluster, widest)) if *cluster == info.cluster => *widest = widest.max(width),
            _ => clusters.push((info.cluster, width.max(0.0))),
        }
    }
    clusters.iter().fold(0.0, |sum, (_, width)| sum + width)
}

/// The size and weight usvg reads from the SVG plotters writes for `style`.
fn size_and_weight(style: &TextStyle) -> (f32, bool) {
    let px = (style.font.get_size() / PLOTTERS_SIZE) as f32;
    (px, matches!(style.font.get_style(), FontStyle::Bold))
}

/// Width of `text` in whole pixels (rounded up), as resvg draws it.
pub fn text_width(text: &str, style: &TextStyle) -> i32 {
    measure(text, style).ceil() as i32
}

/// Width of the widest of `texts` in whole pixels, 0 for none.
pub fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, style: &TextStyle) -> i32 {
    texts
        .into_iter()
        .map(|t| text_width(t, style))
        .max()
        .unwrap_or(0)
}

/// Breaks `text` into lines no wider than `max` pixels as resvg draws
/// them, each line as many words as fit (at least one). Where a line ends
/// is guessed from its words' own widths, then the line is shaped whole
/// and moved a word at a time until it fits and one more word would not:
/// shaping every longer line word by word cost most of a chart's drawing.
pub fn wrap(text: &str, style: &TextStyle, max: i32) -> Vec<String> {
    let (px, _) = size_and_weight(style);
    let max = max as f32;
    let fits = |words: &[&str]| measure(&words.join(" "), style) <= max;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut lines = Vec::new();
    let mut rest = &words[..];
    while !rest.is_empty() {
        // A space is about a quarter of an em.
        let mut guess = -px / 4.0;
        let mut n = rest
            .iter()
            .take_while(|w| {
                guess += px / 4.0 + measure(w, style);
                guess <= max
            })
            .count()
            .max(1);
        if fits(&rest[..n]) {
            while n < rest.len() && fits(&rest[..=n]) {
                n += 1;
            }
        } else {
            n -= 1;
            while n > 1 && !fits(&rest[..n]) {
                n -= 1;
            }
            n = n.max(1);
        }
        lines.push(rest[..n].join(" "));
        rest = &rest[n..];
    }
    lines
}

impl<'a, 'b> Canvas<'a, 'b> {
    /// A canvas on `area` at `layout`.
    pub fn new(area: &'a Area<'b>, layout: Layout) -> Self {
        Canvas {
            area,
            layout,
            texts: RefCell::new(String::new()),
            used: RefCell::new(Usage::default()),
        }
    }

    /// `x` as drawn: mirrored in a right-to-left layout.
    fn x(&self, x: i32) -> i32 {
        if self.layout.rtl() {
            self.layout.width - x
        } else {
            x
        }
    }

    /// Draws `text` with its top at `y`, starting (or ending, or centred)
    /// at `x` in the reading direction: in a right-to-left layout, `HPos::Left`
    /// puts the start of the text, its right edge, at the mirrored `x`.
    pub fn put(&self, text: &str, (x, y): (i32, i32), style: &TextStyle, h: HPos) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if self.layout.rtl() {
            self.put_rtl(text, (x, y), style, h);
            return Ok(());
        }
        let (_, bold) = size_and_weight(style);
        self.used.borrow_mut().add(Face::Inter, bold, text);
        let style = style.pos(Pos::new(h, VPos::Top));
        self.area
            .draw(&Text::new(text.to_string(), (x, y), style))
            .map_err(err)
    }

    /// Right-to-left text: each piece of the line a `<text>` of its own at
    /// the place the line's layout gives it.
    fn put_rtl(&self, text: &str, (x, y): (i32, i32), style: &TextStyle, h: HPos) {
        let (px, bold) = size_and_weight(style);
        let line = bidi::line(text, px, bold);
        let at = self.x(x) as f32;
        let left = match h {
            HPos::Left => at - line.width,
            HPos::Right => at,
            HPos::Center => at - line.width / 2.0,
        };
        let (r, g, b) = style.color.rgb;
        let fill = format!("#{r:02X}{g:02X}{b:02X}");
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let baseline = y as f32 + RTL_BASELINE * px;
        let mut out = self.texts.borrow_mut();
        let mut used = self.used.borrow_mut();
        for p in &line.pieces {
            used.add(p.face, bold, &p.text);
            let _ = writeln!(
                out,
                "<text x=\"{:.2}\" y=\"{baseline:.2}\" text-anchor=\"start\" font-family=\"{}\" font-size=\"{px}\" fill=\"{fill}\"{weight}>{}</text>",
                left + p.x,
                p.face.family(),
                escape(&p.text)
            );
        }
    }

    /// A filled rectangle from `(x0, y0)` to `(x1, y1)`, mirrored in a
    /// right-to-left layout.
    pub fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: Rgb) -> Result<()> {
        let (a, b) = (self.x(x0), self.x(x1));
        self.area
            .draw(&Rectangle::new(
                [(a.min(b), y0), (a.max(b), y1)],
                colour.rgb().filled(),
            ))
            .map_err(err)
    }

    /// A one-pixel line, mirrored in a right-to-left layout.
    pub fn line(&self, from: (i32, i32), to: (i32, i32), colour: Rgb) -> Result<()> {
        self.area
            .draw(&PathElement::new(
                vec![(self.x(from.0), from.1), (self.x(to.0), to.1)],
                colour.rgb().stroke_width(1),
            ))
            .map_err(err)
    }

    /// Label style.
    pub fn label(&self, bold: bool) -> TextStyle<'static> {
        self.layout.font(self.layout.label_px, bold, palette::INK)
    }

    /// Muted label style, for captions.
    pub fn caption(&self) -> TextStyle<'static> {
        self.layout.font(self.layout.note_px, false, palette::MUTED)
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
pub(crate) fn chart(plan: &Plan, kind: &dyn Draw, layout: &Layout) -> Result<(String, (u32, u32))> {
    let stem = plan.stem();
    let id = stem.as_str();
    let inner = layout.inner();
    let m = layout.margin;
    let title_style = layout.font(layout.title_px, true, palette::INK);
    let sub_style = layout.font(layout.subtitle_px, false, palette::MUTED);
    let note_style = layout.font(layout.note_px, false, palette::MUTED);
    let title_lines = wrap(&plan.words.title, &title_style, inner);
    let sub_lines = wrap(&plan.words.subtitle, &sub_style, inner);
    let mut footer: Vec<String> = Vec::new();
    for n in &plan.words.notes {
        footer.extend(wrap(n, &note_style, inner));
    }
    footer.extend(wrap(&plan.words.source, &note_style, inner));
    let top = m - 4
        + layout.line(layout.title_px) * title_lines.len() as i32
        + 4
        + layout.line(layout.subtitle_px) * sub_lines.len() as i32
        + 14;
    let body_h = kind
        .body_height(&plan.prepared.marks, layout)
        .map_err(|e| Error::chart(id, e))?;
    let note_h = layout.line(layout.note_px);
    let height = top + body_h + 18 + note_h * footer.len() as i32 + m - 6;
    let size = (layout.width as u32, height as u32);
    let mut svg = String::new();
    let (texts, used);
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&palette::BACKGROUND.rgb())
            .map_err(|e| Error::chart(id, e))?;
        let canvas = Canvas::new(&root, *layout);
        let mut y = m - 4;
        for l in &title_lines {
            canvas.put(l, (m, y), &title_style, HPos::Left)?;
            y += layout.line(layout.title_px);
        }
        y += 4;
        for l in &sub_lines {
            canvas.put(l, (m, y), &sub_style, HPos::Left)?;
            y += layout.line(layout.subtitle_px);
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
        texts = canvas.texts.take();
        used = canvas.used.take();
        root.present().map_err(|e| Error::chart(id, e))?;
    }
    if !texts.is_empty() {
        let end = svg.rfind("</svg>").unwrap_or(svg.len());
        svg.insert_str(end, &texts);
    }
    let suffix = if layout.name == "wide" {
        String::new()
    } else {
        format!("-{}", layout.name)
    };
    let svg = accessible(
        &svg,
        &format!("{id}{suffix}"),
        &plan.words.title,
        &plan.words.alt,
    );
    Ok((embed::embed(&svg, &used)?, size))
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
    // The direction is fixed, so that a page written right to left, whose
    // direction the SVG would inherit, does not turn its text anchors round.
    let open = open.replacen(
        "<svg ",
        &format!("<svg role=\"img\" {} direction=\"ltr\" ", labelled_by(id)),
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
