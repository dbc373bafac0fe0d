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
//! then drawn in its line's colour wherever it appears. Rectangles on
//! whole pixels are filled directly; the other shapes between the texts
//! are drawn by resvg, in document order. Across a line, glyph positions
//! are rounded to a quarter of a PNG pixel (an eighth of a CSS pixel at
//! 2×); otherwise the pixels are resvg's. A document this module does not
//! recognise in full is left to resvg whole: [`Layout::of`] answers
//! `None`.

use std::sync::OnceLock;

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
    /// plain shapes and one-line texts in the bundled font with a solid
    /// fill (text in right-to-left scripts included), so that resvg draws
    /// (or refuses) it whole.
    pub fn of(svg: &str) -> Option<Layout> {
        let doc = roxmltree::Document::parse(svg).ok()?;
        let root = doc.root_element();
        if !root.has_tag_name("svg") {
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
                    if parts.is_empty() && covers_in_white(node, root) {
                        // The canvas starts white: a white background over
                        // all of it changes no pixel.
                        continue;
                    }
                    let source = &svg[node.range()];
                    if let Some((corners, colour)) = plain_rect(node) {
                        parts.push(Part::Rect(source.to_string(), corners, colour));
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
        let (mut anchor, mut size, mut bold, mut colour) = (Anchor::Start, 16.0, false, [0; 3]);
        let mut family = false;
        for a in node.attributes() {
            let v = a.value().trim();
            match a.name() {
                "x" => x = v.parse().ok()?,
                "y" => y = v.parse().ok()?,
                "dy" => dy_em = v.strip_suffix("em")?.parse().ok()?,
                "text-anchor" => {
                    anchor = match v {
                        "start" => Anchor::Start,
                        "middle" => Anchor::Middle,
                        "end" => Anchor::End,
                        _ => return None,
                    }
                }
                "font-family" => {
                    family = v.split(',').next()?.trim().trim_matches(['"', '\'']) == FONT_FAMILY;
                }
                "font-size" => size = v.parse().ok()?,
                "font-weight" => {
                    bold = match v {
                        "bold" | "700" => true,
                        "normal" | "400" => false,
                        _ => return None,
                    }
                }
                "fill" => colour = hex(v)?,
                "opacity" | "fill-opacity" if v.parse::<f32>().ok()? == 1.0 => {}
                _ => return None,
            }
        }
        if !family || !(size > 0.0) {
            return None;
        }
        // One text node, nothing nested; white space as SVG's default
        // `xml:space` treats it: new lines dropped, tabs made spaces, the
        // ends trimmed, runs of spaces made one.
        let mut children = node.children();
        let only = children.next()?;
        if children.next().is_some() || !only.is_text() {
            return None;
        }
        let raw: String = only
            .text()?
            .chars()
            .filter(|c| *c != '\n' && *c != '\r')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let mut text = String::with_capacity(raw.len());
        for word in raw.split(' ').filter(|w| !w.is_empty()) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        // Right-to-left text needs bidirectional reordering: resvg's.
        if text.chars().any(right_to_left) {
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
    Some(([x, y, x + w, y + h], colour?))
}

/// Whether `node` is a rectangle over the whole of `root`, opaque white.
fn covers_in_white<'a>(node: roxmltree::Node<'a, 'a>, root: roxmltree::Node<'a, 'a>) -> bool {
    fn get<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
        n.attribute(name).map(str::trim)
    }
    node.has_tag_name("rect")
        && get(node, "x").is_none_or(|v| v == "0")
        && get(node, "y").is_none_or(|v| v == "0")
        && get(node, "width").is_some_and(|w| Some(w) == get(root, "width"))
        && get(node, "height").is_some_and(|h| Some(h) == get(root, "height"))
        && get(node, "fill").is_some_and(|f| f.eq_ignore_ascii_case("#ffffff"))
        && node.attributes().all(|a| match a.name() {
            "x" | "y" | "width" | "height" | "fill" => true,
            "opacity" | "fill-opacity" => a.value().trim() == "1",
            "stroke" => a.value().trim() == "none",
            _ => false,
        })
}

/// Characters of the right-to-left scripts and their presentation forms.
fn right_to_left(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// `#RRGGBB`.
fn hex(v: &str) -> Option<[u8; 3]> {
    let h = v.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
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

impl Cache {
    /// Draws `line` onto `canvas` at `scale`; `None` when the font lacks a
    /// character of it (resvg then reports which).
    pub fn draw(
        &mut self,
        line: &Line,
        scale: f32,
        canvas: &mut tiny_skia::PixmapMut,
    ) -> Option<()> {
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
                self.put(
                    face,
                    line,
                    info.glyph_id as u16,
                    sx * scale,
                    (ox * scale, oy * scale),
                    canvas,
                );
                gx += pos.x_advance;
            }
            x += advance;
            first = end;
        }
        Some(())
    }

    /// Draws one glyph of `line` with its origin at `(ox, oy)` PNG pixels,
    /// `s` PNG pixels a font unit, rasterising it first if it is not yet in
    /// the cache.
    fn put(
        &mut self,
        face: &rustybuzz::Face,
        line: &Line,
        glyph: u16,
        s: f32,
        (ox, oy): (f32, f32),
        canvas: &mut tiny_skia::PixmapMut,
    ) {
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
                let image = rasterise(face, glyph, s, fx, fy, &mut self.coverage);
                self.glyphs.insert(key, image);
                image
            }
        };
        if let Some(image) = image {
            let coverage =
                &self.coverage[image.start..image.start + (image.width * image.height) as usize];
            composite(
                canvas,
                coverage,
                image,
                (ix as i32 + image.left, iy as i32 + image.top),
                line.colour,
            );
        }
    }
}

/// Draws a glyph's `coverage` in `colour` over `canvas` (premultiplied),
/// its top-left corner at `(x, y)`: each pixel is the colour times the
/// coverage, plus the canvas times what the glyph leaves uncovered (source
/// over), clipped to the canvas.
fn composite(
    canvas: &mut tiny_skia::PixmapMut,
    coverage: &[u8],
    image: Image,
    (x, y): (i32, i32),
    colour: [u8; 3],
) {
    let (cw, ch) = (canvas.width() as i32, canvas.height() as i32);
    let (iw, ih) = (image.width, image.height);
    let (x0, x1) = (x.max(0), (x + iw).min(cw));
    let (y0, y1) = (y.max(0), (y + ih).min(ch));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    // v / 255, rounded: exact for every product of two bytes.
    let div255 = |v: u32| ((v + 128 + ((v + 128) >> 8)) >> 8) as u8;
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
                0 => continue,
                255 => {
                    dp.copy_from_slice(&[colour[0], colour[1], colour[2], 255]);
                    continue;
                }
                _ => {}
            }
            let (c, keep) = (u32::from(c), 255 - u32::from(c));
            for k in 0..3 {
                dp[k] = div255(u32::from(colour[k]) * c) + div255(u32::from(dp[k]) * keep);
            }
            dp[3] = c as u8 + div255(u32::from(dp[3]) * keep);
        }
    }
}

/// One glyph's coverage at `s` PNG pixels a font unit, its origin `(dx,
/// dy)` from a whole pixel, anti-aliased as resvg fills text, appended to
/// `coverage`.
fn rasterise(
    face: &rustybuzz::Face,
    glyph: u16,
    s: f32,
    dx: f32,
    dy: f32,
    coverage: &mut Vec<u8>,
) -> Option<Image> {
    let mut path = Path(tiny_skia::PathBuilder::new(), s, dx, dy);
    face.outline_glyph(GlyphId(glyph), &mut path)?;
    let path = path.0.finish()?;
    let bounds = path.bounds();
    let (left, top) = (
        bounds.left().floor() as i32 - 1,
        bounds.top().floor() as i32 - 1,
    );
    let (right, bottom) = (
        bounds.right().ceil() as i32 + 1,
        bounds.bottom().ceil() as i32 + 1,
    );
    let (width, height) = (right - left, bottom - top);
    let path = path.transform(tiny_skia::Transform::from_translate(
        -left as f32,
        -top as f32,
    ))?;
    let mut mask = tiny_skia::Mask::new(width as u32, height as u32)?;
    mask.fill_path(
        &path,
        tiny_skia::FillRule::Winding,
        true,
        tiny_skia::Transform::identity(),
    );
    let start = coverage.len();
    coverage.extend_from_slice(mask.data());
    Some(Image {
        start,
        width,
        height,
        left,
        top,
    })
}

/// A glyph outline in PNG pixels: `s` pixels a font unit, y down, the
/// origin at `(dx, dy)`.
struct Path(tiny_skia::PathBuilder, f32, f32, f32);

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x * self.1 + self.2, -y * self.1 + self.3);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x * self.1 + self.2, -y * self.1 + self.3);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (s, dx, dy) = (self.1, self.2, self.3);
        self.0
            .quad_to(x1 * s + dx, -y1 * s + dy, x * s + dx, -y * s + dy);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (s, dx, dy) = (self.1, self.2, self.3);
        self.0.cubic_to(
            x1 * s + dx,
            -y1 * s + dy,
            x2 * s + dx,
            -y2 * s + dy,
            x * s + dx,
            -y * s + dy,
        );
    }
    fn close(&mut self) {
        self.0.close();
    }
}
