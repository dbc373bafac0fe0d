//! A chart's text drawn into its PNG from a cache of glyph images.
//!
//! resvg draws text as usvg lays it out: every glyph an outline path,
//! filled on its own, and the font parsed four times a glyph on the way.
//! Text was four fifths of the time a chart's PNG took that way, and a
//! chart repeats a few dozen glyphs at a handful of sizes. So text the
//! chart drawer writes (one line a `<text>`, the bundled font, a solid
//! fill) is laid out here as usvg lays it out (rustybuzz shaping with the
//! font's kerning, cluster advances, the anchor, the `dy` shift), and each
//! glyph's coverage is rasterised once per size and place within a pixel,
//! by the area of each pixel inside the outline (ab_glyph_rasterizer: about four
//! times quicker here than filling the outline with tiny-skia's sampled
//! anti-aliasing; in sixteenths, as resvg samples, and at glyph edges
//! within 58 of 255 of resvg's pixels in the shipped charts); a line's
//! glyphs are added up into one coverage, as resvg fills them as one path,
//! and laid over the canvas in the line's colour with tiny-skia's blend.
//! Rectangles on whole pixels are filled directly; the other shapes
//! between the texts are drawn by resvg, in document order. Across a line,
//! glyph positions are rounded to a quarter of a PNG pixel (an eighth of a
//! CSS pixel at 2×); the shapes' pixels are resvg's. A document this module
//! does not recognise in full is left to resvg whole: [`Layout::of`]
//! answers `None`.

use std::sync::OnceLock;

use ab_glyph_rasterizer::{Point, point};
use resvg::tiny_skia;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use super::render::{BOLD, FONT_FAMILY, REGULAR};
use crate::util::FxMap;

/// The bundled faces, parsed once: regular and bold.
pub(super) fn faces() -> &'static [rustybuzz::Face<'static>; 2] {
    static FACES: OnceLock<[rustybuzz::Face<'static>; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |data| {
            rustybuzz::Face::from_slice(data, 0)
                .unwrap_or_else(|| panic!("the bundled fonts are valid"))
        };
        [face(REGULAR), face(BOLD)]
    })
}

/// A document split into what resvg draws and what is drawn here, in
/// document order.
pub(super) struct Layout {
    /// The root element's opening tag, for each run of shapes.
    pub open: String,
    /// Runs of shapes (SVG source) and lines of text, in document order.
    pub parts: Vec<Part>,
}

/// One part of a document.
pub(super) enum Part {
    /// Elements resvg draws, as SVG source.
    Shapes(String),
    /// A line of text.
    Text(Line),
    /// An opaque rectangle on whole CSS pixels, as SVG source and as its
    /// corners and colour: at a whole-number scale its edges fall between
    /// pixels, so filling the pixels inside gives resvg's pixels exactly.
    Rect(String, [i32; 4], [u8; 3]),
}

/// A line of text, as its `<text>` element gives it.
pub(super) struct Line {
    x: f32,
    y: f32,
    dy_em: f32,
    anchor: Anchor,
    size: f32,
    bold: bool,
    colour: [u8; 3],
    text: String,
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Layout {
    /// The document's parts, or `None` when it holds anything besides
    /// plain shapes and one-line, left-to-right texts in the bundled font
    /// with a solid fill, so that resvg draws (or refuses) it whole.
    pub fn of(svg: &str) -> Option<Layout> {
        const SVG: &str = "http://www.w3.org/2000/svg";
        // Shapes are copied into documents of their own: nothing may
        // depend on the rest of this one (entities, prefixes, style sheets).
        if svg.contains("<!") {
            return None;
        }
        let doc = roxmltree::Document::parse(svg).ok()?;
        let root = doc.root_element();
        let foreign = |n: &roxmltree::Node| {
            n.tag_name().namespace() != Some(SVG)
                || !svg[n.range()][1..].starts_with(n.tag_name().name())
                || n.has_tag_name("style")
                || n.attributes().any(|a| a.namespace().is_some())
        };
        if !root.has_tag_name("svg")
            || doc
                .descendants()
                .filter(|n| n.is_element())
                .any(|n| foreign(&n))
        {
            return None;
        }
        let mut open = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        for a in root.attributes() {
            match a.name() {
                "width" | "height" | "viewBox" => {
                    open.push_str(&format!(" {}=\"{}\"", a.name(), a.value()));
                }
                "role" | "aria-labelledby" | "aria-describedby" => {}
                _ => return None,
            }
        }
        open.push('>');
        // User units must be CSS pixels: a view box that scales is resvg's.
        if let Some(view) = root.attribute("viewBox") {
            let numbers: Vec<&str> = view.split([' ', ',']).filter(|v| !v.is_empty()).collect();
            let size = [
                Some("0"),
                Some("0"),
                root.attribute("width"),
                root.attribute("height"),
            ];
            if numbers.len() != 4 || numbers.iter().zip(size).any(|(v, s)| Some(*v) != s) {
                return None;
            }
        }
        // The canvas, in CSS pixels (none when not whole: nothing covers it).
        let side = |name| {
            root.attribute(name)
                .and_then(|v| v.trim().parse::<i32>().ok())
        };
        let (width, height) = (
            side("width").unwrap_or(i32::MAX),
            side("height").unwrap_or(i32::MAX),
        );
        let mut parts: Vec<Part> = Vec::new();
        for node in root.children() {
            if node.is_text() || node.is_comment() {
                continue;
            }
            if !node.is_element() {
                return None;
            }
            match node.tag_name().name() {
                "title" | "desc" => {}
                "text" => parts.push(Part::Text(Line::of(node)?)),
                "rect" | "polyline" | "polygon" | "line" | "circle" | "ellipse" | "path" => {
                    if node.has_children()
                        || node.attributes().any(|a| {
                            matches!(
                                a.name(),
                                "style" | "transform" | "clip-path" | "mask" | "filter" | "class"
                            ) || a.value().contains("url(")
                        })
                    {
                        return None;
                    }
                    let source = &svg[node.range()];
                    if let Some((corners, colour)) = plain_rect(node) {
                        // The canvas starts white: a white background over
                        // all of it, drawn first, changes no pixel.
                        let [x0, y0, x1, y1] = corners;
                        let covers = x0 <= 0 && y0 <= 0 && x1 >= width && y1 >= height;
                        if !(parts.is_empty() && covers && colour == [0xff; 3]) {
                            parts.push(Part::Rect(source.to_string(), corners, colour));
                        }
                        continue;
                    }
                    match parts.last_mut() {
                        Some(Part::Shapes(run)) => {
                            run.push('\n');
                            run.push_str(source);
                        }
                        _ => parts.push(Part::Shapes(source.to_string())),
                    }
                }
                _ => return None,
            }
        }
        Some(Layout { open, parts })
    }
}

impl Line {
    fn of(node: roxmltree::Node) -> Option<Line> {
        let (mut x, mut y, mut dy_em) = (0.0, 0.0, 0.0);
        let (mut anchor, mut size, mut bold, mut colour) = (Anchor::Start, None, false, [0; 3]);
        let mut family = false;
        // A number as svgtypes reads one, within reason: no infinities, no
        // NaN, no size so large its glyphs would not fit in memory.
        let number = |v: &str| v.trim().parse::<f32>().ok().filter(|n| n.abs() < 100_000.0);
        for a in node.attributes() {
            // Keywords are compared untrimmed, as usvg compares them.
            let v = a.value();
            match a.name() {
                "x" => x = number(v)?,
                "y" => y = number(v)?,
                "dy" => dy_em = number(v.trim().strip_suffix("em")?)?,
                "text-anchor" => {
                    anchor = match v {
                        "start" => Anchor::Start,
                        "middle" => Anchor::Middle,
                        "end" => Anchor::End,
                        _ => return None,
                    }
                }
                "font-family" => family = first_family(v)? == FONT_FAMILY,
                "font-size" => size = Some(number(v).filter(|n| *n > 0.0 && *n < 1000.0)?),
                "font-weight" => {
                    bold = match v {
                        "bold" | "700" => true,
                        "normal" | "400" => false,
                        _ => return None,
                    }
                }
                "fill" => colour = hex(v)?,
                "opacity" | "fill-opacity" if v == "1" => {}
                _ => return None,
            }
        }
        let size = size?;
        if !family {
            return None;
        }
        // One text node, nothing nested; white space as usvg treats it
        // under the default `xml:space`: new lines and tabs made spaces,
        // runs of spaces made one, the ends trimmed.
        let mut children = node.children();
        let only = children.next()?;
        if children.next().is_some() || !only.is_text() {
            return None;
        }
        let mut text = String::new();
        for word in only
            .text()?
            .split([' ', '\n', '\r', '\t'])
            .filter(|w| !w.is_empty())
        {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        // Text that needs bidirectional reordering is resvg's.
        if text.chars().any(bidirectional) {
            return None;
        }
        Some(Line {
            x,
            y,
            dy_em,
            anchor,
            size,
            bold,
            colour,
            text,
        })
    }
}

/// A rectangle's corners and colour when it lies on whole CSS pixels and
/// is filled with one opaque colour, with no outline.
fn plain_rect(node: roxmltree::Node) -> Option<([i32; 4], [u8; 3])> {
    if !node.has_tag_name("rect") {
        return None;
    }
    let (mut xywh, mut colour) = ([0i32; 4], None);
    for a in node.attributes() {
        let v = a.value().trim();
        let k = match a.name() {
            "x" => 0,
            "y" => 1,
            "width" => 2,
            "height" => 3,
            "fill" => {
                colour = Some(hex(v)?);
                continue;
            }
            "opacity" | "fill-opacity" if v == "1" => continue,
            "stroke" if v == "none" => continue,
            _ => return None,
        };
        xywh[k] = v.parse().ok().filter(|n: &i32| *n >= 0 || k < 2)?;
    }
    let [x, y, w, h] = xywh;
    Some(([x, y, x.checked_add(w)?, y.checked_add(h)?], colour?))
}

/// The first family of a `font-family` list, when every family in it is
/// a plain name (quoted or not) that usvg reads without complaint.
fn first_family(v: &str) -> Option<&str> {
    let mut first = None;
    for family in v.split(',') {
        let name = family.trim().trim_matches(['"', '\'']);
        let plain = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if name.is_empty() || !plain || name.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        first.get_or_insert(name);
    }
    first
}

/// Characters of the right-to-left scripts and their presentation forms,
/// and the controls that reorder text.
fn bidirectional(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF
            | 0xFB1D..=0xFDFF
            | 0xFE70..=0xFEFF
            | 0x10800..=0x10FFF
            | 0x1E800..=0x1EFFF
            | 0x200E..=0x200F
            | 0x202A..=0x202E
            | 0x2066..=0x2069
    )
}

/// `#RRGGBB`.
fn hex(v: &str) -> Option<[u8; 3]> {
    let h = v.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Glyph coverage already drawn, by face, glyph, size and place within a
/// pixel (`None` for a glyph with no outline, a space), all in one buffer.
#[derive(Default)]
pub(super) struct Cache {
    glyphs: FxMap<(bool, u16, u32, u32, u32), Option<Image>>,
    coverage: Vec<u8>,
    /// A line's glyphs, placed: image and top-left corner on the canvas.
    placed: Vec<(Image, i32, i32)>,
    /// The coverage of the document's lines, each its glyphs together.
    lines: Vec<u8>,
}

/// A line of text ready to lay over the canvas, or any band of it: its
/// coverage (`width` by `height` bytes from `start` in the cache's lines),
/// the canvas pixel its top-left corner falls on, and its colour.
#[derive(Clone, Copy)]
pub(super) struct Covered {
    start: usize,
    width: i32,
    height: i32,
    left: i32,
    top: i32,
    colour: [u8; 3],
}

impl Covered {
    /// The canvas rows the line covers, from its first to after its last.
    pub fn rows(&self) -> (i32, i32) {
        (self.top, self.top + self.height)
    }
}

/// Where a glyph's coverage lies in the cache's buffer (`width` by
/// `height` bytes from `start`), and where its top-left corner lies from
/// the whole pixel its origin falls in.
#[derive(Clone, Copy)]
struct Image {
    start: usize,
    width: i32,
    height: i32,
    left: i32,
    top: i32,
}

/// Places across a pixel a glyph is drawn at.
const STEPS: f32 = 4.0;

/// The most pixels a glyph or a line is drawn in here (a 4,096-pixel
/// square); beyond, resvg draws the document.
const LARGEST: usize = 1 << 24;

impl Cache {
    /// Forgets the lines covered for the last document.
    pub fn clear_lines(&mut self) {
        self.lines.clear();
    }

    /// Lays `line` out at `scale` and adds up its glyphs' coverage, ready
    /// to be laid over the canvas; `None` when the font lacks a character
    /// of it (resvg then reports which).
    pub fn cover(&mut self, line: &Line, scale: f32) -> Option<Covered> {
        self.placed.clear();
        let face = &faces()[usize::from(line.bold)];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&line.text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let (infos, positions) = (shaped.glyph_infos(), shaped.glyph_positions());
        if infos.iter().any(|g| g.glyph_id == 0) {
            return None;
        }
        let sx = line.size / f32::from(face.units_per_em() as u16);
        // A cluster's advance is its widest glyph's, as usvg has it.
        let mut clusters: Vec<(usize, f32)> = Vec::new();
        let mut start = 0;
        while start < infos.len() {
            let mut end = start + 1;
            while end < infos.len() && infos[end].cluster == infos[start].cluster {
                end += 1;
            }
            let widest = positions[start..end]
                .iter()
                .map(|p| p.x_advance as f32 * sx)
                .fold(0.0f32, f32::max);
            clusters.push((end, widest));
            start = end;
        }
        let width: f32 = clusters.iter().fold(0.0, |w, c| w + c.1);
        let mut x = match line.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => -width / 2.0,
            Anchor::End => -width,
        };
        let y = line.dy_em * line.size;
        let mut first = 0;
        for &(end, advance) in &clusters {
            let mut gx = 0i32;
            for i in first..end {
                let (info, pos) = (&infos[i], &positions[i]);
                let ox = line.x + x + sx * (gx + pos.x_offset) as f32;
                let oy = line.y + y - sx * pos.y_offset as f32;
                self.place(
                    face,
                    line,
                    info.glyph_id as u16,
                    sx * scale,
                    (ox * scale, oy * scale),
                )?;
                gx += pos.x_advance;
            }
            x += advance;
            first = end;
        }
        self.add_up(line.colour)
    }

    /// Lays a covered line over `canvas`, a band of the whole canvas
    /// whose first row is the whole canvas's row `top`.
    pub fn lay(&self, line: &Covered, canvas: &mut tiny_skia::PixmapMut, top: i32) {
        let size = (line.width * line.height) as usize;
        composite(
            canvas,
            &self.lines[line.start..line.start + size],
            line.width,
            (line.left, line.top - top),
            line.colour,
        );
    }

    /// Places one glyph of `line` with its origin at `(ox, oy)` PNG
    /// pixels, `s` PNG pixels a font unit, rasterising it first if it is
    /// not yet in the cache; `None` for a glyph too large to rasterise
    /// here.
    fn place(
        &mut self,
        face: &rustybuzz::Face,
        line: &Line,
        glyph: u16,
        s: f32,
        (ox, oy): (f32, f32),
    ) -> Option<()> {
        // Far off any canvas, resvg draws the document.
        if !(ox.abs() < 1e7 && oy.abs() < 1e7) {
            return None;
        }
        let (ix, iy) = (ox.floor(), oy.floor());
        // Across a line the pen moves by fractions of a pixel: its place
        // is rounded to STEPS a pixel. Down, a line's glyphs share one
        // baseline, so its place is kept exactly.
        let fx = ((ox - ix) * STEPS).round() / STEPS;
        let fy = oy - iy;
        let key = (line.bold, glyph, s.to_bits(), fx.to_bits(), fy.to_bits());
        let image = match self.glyphs.get(&key) {
            Some(image) => *image,
            None => {
                let image = rasterise(face, glyph, s, fx, fy, &mut self.coverage)?;
                self.glyphs.insert(key, image);
                image
            }
        };
        if let Some(image) = image {
            self.placed
                .push((image, ix as i32 + image.left, iy as i32 + image.top));
        }
        Some(())
    }

    /// Adds up the coverage of the glyphs placed, as resvg fills a line's
    /// glyphs as one path: where glyphs share a pixel, their coverage is
    /// summed. The line is laid over the canvas in `colour` later, by
    /// [`Cache::lay`].
    fn add_up(&mut self, colour: [u8; 3]) -> Option<Covered> {
        let placed = std::mem::take(&mut self.placed);
        let start = self.lines.len();
        let left = placed.iter().map(|p| p.1).min().unwrap_or(0);
        let top = placed.iter().map(|p| p.2).min().unwrap_or(0);
        let right = placed.iter().map(|p| p.1 + p.0.width).max().unwrap_or(left);
        let bottom = placed.iter().map(|p| p.2 + p.0.height).max().unwrap_or(top);
        let width = usize::try_from(i64::from(right) - i64::from(left)).ok()?;
        let height = usize::try_from(i64::from(bottom) - i64::from(top)).ok()?;
        if width.checked_mul(height)? > LARGEST {
            return None;
        }
        self.lines.resize(start + width * height, 0);
        let line = &mut self.lines[start..];
        for &(image, x, y) in &placed {
            let w = image.width as usize;
            let glyph = &self.coverage[image.start..image.start + w * image.height as usize];
            for (r, row) in glyph.chunks_exact(w).enumerate() {
                let at = (y - top) as usize + r;
                let from = at * width + (x - left) as usize;
                for (d, &c) in line[from..from + w].iter_mut().zip(row) {
                    *d = d.saturating_add(c);
                }
            }
        }
        self.placed = placed;
        self.placed.clear();
        Some(Covered {
            start,
            width: width as i32,
            height: height as i32,
            left,
            top,
            colour,
        })
    }
}

/// Lays `colour` over `canvas` by `coverage` (`width` a row), its top-left
/// corner at `(x, y)`, clipped to the canvas: each channel becomes
/// `(canvas × (255 − c) + colour × c + 255) / 256`, tiny-skia's blend of an
/// opaque colour by coverage, so the pixels are those resvg draws.
fn composite(
    canvas: &mut tiny_skia::PixmapMut,
    coverage: &[u8],
    width: i32,
    (x, y): (i32, i32),
    colour: [u8; 3],
) {
    let (cw, ch) = (canvas.width() as i32, canvas.height() as i32);
    let (iw, ih) = (width, coverage.len() as i32 / width.max(1));
    let (x0, x1) = (x.max(0), (x + iw).min(cw));
    let (y0, y1) = (y.max(0), (y + ih).min(ch));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let dst = canvas.data_mut();
    for row in y0..y1 {
        let s = ((row - y) * iw + (x0 - x)) as usize;
        let d = 4 * (row * cw + x0) as usize;
        let n = (x1 - x0) as usize;
        for (dp, &c) in dst[d..d + 4 * n]
            .chunks_exact_mut(4)
            .zip(&coverage[s..s + n])
        {
            match c {
                0 => {}
                255 => dp.copy_from_slice(&[colour[0], colour[1], colour[2], 255]),
                _ => {
                    let (c, keep) = (u32::from(c), 255 - u32::from(c));
                    for k in 0..3 {
                        dp[k] =
                            ((u32::from(dp[k]) * keep + u32::from(colour[k]) * c + 255) >> 8) as u8;
                    }
                    dp[3] = ((u32::from(dp[3]) * keep + 255 * c + 255) >> 8) as u8;
                }
            }
        }
    }
}

/// One glyph's coverage at `s` PNG pixels a font unit, its origin `(dx,
/// dy)` from a whole pixel, anti-aliased by the area each pixel has inside
/// the outline, appended to `coverage`.
fn rasterise(
    face: &rustybuzz::Face,
    glyph: u16,
    s: f32,
    dx: f32,
    dy: f32,
    coverage: &mut Vec<u8>,
) -> Option<Option<Image>> {
    let mut outline = Outline {
        s,
        dx,
        dy,
        segments: Vec::new(),
        start: point(0.0, 0.0),
        last: point(0.0, 0.0),
        low: point(f32::MAX, f32::MAX),
        high: point(f32::MIN, f32::MIN),
    };
    if face.outline_glyph(GlyphId(glyph), &mut outline).is_none() {
        return Some(None);
    }
    outline.close();
    if outline.segments.is_empty() {
        return Some(None);
    }
    // Glyph extents in whole pixels, a pixel's margin around them.
    let far = |p: Point| !(p.x.abs() < 1e8 && p.y.abs() < 1e8);
    if far(outline.low) || far(outline.high) {
        return None;
    }
    let (left, top) = (
        outline.low.x.floor() as i64 - 1,
        outline.low.y.floor() as i64 - 1,
    );
    let (right, bottom) = (
        outline.high.x.ceil() as i64 + 1,
        outline.high.y.ceil() as i64 + 1,
    );
    if (right - left).saturating_mul(bottom - top) > LARGEST as i64 {
        return None;
    }
    let (left, top) = (left as i32, top as i32);
    let (width, height) = ((right - left as i64) as i32, (bottom - top as i64) as i32);
    let mut raster = ab_glyph_rasterizer::Rasterizer::new(width as usize, height as usize);
    let at = |p: Point| point(p.x - left as f32, p.y - top as f32);
    for segment in &outline.segments {
        match *segment {
            Segment::Line(a, b) => raster.draw_line(at(a), at(b)),
            Segment::Quad(a, b, c) => raster.draw_quad(at(a), at(b), at(c)),
            Segment::Cubic(a, b, c, d) => raster.draw_cubic(at(a), at(b), at(c), at(d)),
        }
    }
    let start = coverage.len();
    coverage.reserve((width * height) as usize);
    // In sixteenths, as resvg's anti-aliasing samples a pixel sixteen
    // times: a chart then holds a few dozen colours, as it does from resvg
    // (finer levels gave 230, and PNGs a third larger).
    raster.for_each_pixel(|_, a| {
        coverage.push(((a.min(1.0) * 16.0 + 0.5) as u32 * 16).min(255) as u8)
    });
    Some(Some(Image {
        start,
        width,
        height,
        left,
        top,
    }))
}

/// One piece of an outline, in PNG pixels.
enum Segment {
    Line(Point, Point),
    Quad(Point, Point, Point),
    Cubic(Point, Point, Point, Point),
}

/// A glyph outline in PNG pixels: `s` pixels a font unit, y down, the
/// origin at `(dx, dy)`; each contour closed, and the bounds of every
/// point, control points included.
struct Outline {
    s: f32,
    dx: f32,
    dy: f32,
    segments: Vec<Segment>,
    start: Point,
    last: Point,
    low: Point,
    high: Point,
}

impl Outline {
    fn at(&mut self, x: f32, y: f32) -> Point {
        let p = point(x * self.s + self.dx, -y * self.s + self.dy);
        self.low = point(self.low.x.min(p.x), self.low.y.min(p.y));
        self.high = point(self.high.x.max(p.x), self.high.y.max(p.y));
        p
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.start = self.at(x, y);
        self.last = self.start;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.segments.push(Segment::Line(self.last, p));
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (c, p) = (self.at(x1, y1), self.at(x, y));
        self.segments.push(Segment::Quad(self.last, c, p));
        self.last = p;
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (c1, c2, p) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.segments.push(Segment::Cubic(self.last, c1, c2, p));
        self.last = p;
    }
    fn close(&mut self) {
        if self.last != self.start {
            self.segments.push(Segment::Line(self.last, self.start));
            self.last = self.start;
        }
    }
}
