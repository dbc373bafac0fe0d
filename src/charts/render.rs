//! PNG rendering with resvg, using only the bundled font.

use std::sync::{Arc, Mutex, Once, OnceLock};

use plotters::style::FontStyle;
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

/// The family name of the bundled font (Inter, SIL Open Font License 1.1;
/// see `src/charts/fonts/LICENSE-Inter.txt`).
pub const FONT_FAMILY: &str = "Inter";
pub(super) static REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
pub(super) static BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");

/// Gives plotters the bundled font for measuring text; once per process.
pub(crate) fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, REGULAR)
            .unwrap_or_else(|_| panic!("the bundled regular font is valid"));
        plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, BOLD)
            .unwrap_or_else(|_| panic!("the bundled bold font is valid"));
    });
}

/// A font database holding the bundled font and nothing else: system fonts
/// are never read, so the same pixels come out on every machine.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses the bundled fonts for rendering, once per process; rendering
/// does it when first needed otherwise.
pub(crate) fn warm_up() {
    fonts();
    super::glyphs::faces();
}

/// Renders an SVG document to PNG at `scale` times its size.
///
/// Text whose font family is not the bundled font, or that holds a
/// character the font lacks, is an error rather than a silent blank.
/// To render several documents, a [`Renderer`] reuses its memory.
pub fn render_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    Renderer::default().render(svg, scale)
}

/// Renders SVG documents to PNG one after another, reusing the memory of
/// the last: the band being drawn, the rows being deflated, deflate's own
/// tables and the glyphs already drawn. A document is drawn a band of rows
/// at a time, each converted and deflated as soon as it is drawn, so a
/// chart seldom needs a canvas of its whole size (a band grows only to
/// hold a shape resvg draws whole, such as a line chart's line): fresh
/// memory is slow to touch the first time (3.4 ms for the 6 MB of the
/// largest shipped chart's canvas on the 2-core machine the README
/// measures), and a band of 64 rows stays in the processor's cache.
pub struct Renderer {
    canvas: Vec<u8>,
    encoder: Encoder,
    glyphs: super::glyphs::Cache,
}

impl Default for Renderer {
    fn default() -> Renderer {
        Renderer {
            canvas: Vec::new(),
            encoder: Encoder {
                rows: Vec::new(),
                deflate: flate2::Compress::new(LEVEL, true),
            },
            glyphs: Default::default(),
        }
    }
}

/// The deflate level. At level 2 zlib-rs deflates the shipped charts' rows
/// in under half the time it takes at 6 (7.8 against 17.3 ms, measured in
/// a release build), into 15 % more bytes. Which matches it
/// tries depends on the level alone, never on the CPU (the CPU picks only
/// how bytes are compared and summed), so the same rows give the same
/// bytes on every machine.
const LEVEL: flate2::Compression = flate2::Compression::new(2);

/// The rows drawn at once.
const BAND: u32 = 64;

/// What a document's parts become before its bands are drawn: each drawn
/// into every band it reaches.
enum Op {
    /// An opaque rectangle on whole PNG pixels: left, top, right, bottom.
    Fill([i32; 4], [u8; 3]),
    /// Shapes resvg draws, with the first and after the last canvas rows
    /// they can touch.
    Shapes(Box<usvg::Tree>, i32, i32),
    /// A line of text from the glyph cache.
    Text(super::glyphs::Covered),
}

impl Renderer {
    /// Renders an SVG document to PNG at `scale` times its size, as
    /// [`render_png`] does.
    pub fn render(&mut self, svg: &str, scale: f32) -> Result<Vec<u8>, String> {
        if let Some(layout) = super::glyphs::Layout::of(svg) {
            if let Some(png) = self.draw_parts(&layout, scale)? {
                return Ok(png);
            }
        }
        self.render_whole(svg, scale)
    }

    /// Renders a document all by resvg, text included.
    fn render_whole(&mut self, svg: &str, scale: f32) -> Result<Vec<u8>, String> {
        let tree = parse(svg)?;
        let (width, height) = scaled_size(&tree, scale)?;
        self.blank(width, height);
        let mut pixmap = pixmap(&mut self.canvas, width, height)?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap,
        );
        self.encode(width, height)
    }

    /// Draws a document resvg's way for its shapes and from the glyph
    /// cache for its text, part after part, a band of rows at a time, and
    /// encodes it; `None` when a text holds a character the font lacks,
    /// which resvg then reports.
    fn draw_parts(
        &mut self,
        layout: &super::glyphs::Layout,
        scale: f32,
    ) -> Result<Option<Vec<u8>>, String> {
        use super::glyphs::Part;
        let close = "\n</svg>";
        // A part resvg cannot read alone sends the document to resvg whole.
        let Ok(tree) = parse(&format!("{}{close}", layout.open)) else {
            return Ok(None);
        };
        let (width, height) = scaled_size(&tree, scale)?;
        self.glyphs.clear_lines();
        let mut ops = Vec::with_capacity(layout.parts.len());
        for part in &layout.parts {
            ops.push(match part {
                Part::Rect(_, corners, colour) if scale.fract() == 0.0 && scale >= 1.0 => {
                    Op::Fill(corners.map(|c| c.saturating_mul(scale as i32)), *colour)
                }
                Part::Shapes(source) | Part::Rect(source, ..) => {
                    let Ok(tree) = parse(&format!("{}\n{source}{close}", layout.open)) else {
                        return Ok(None);
                    };
                    let (top, bottom) = match reach(tree.root()) {
                        // Anti-aliasing reaches a pixel past the edges.
                        Some(Some((top, bottom))) => (
                            ((top * scale).floor() as i32).saturating_sub(2),
                            ((bottom * scale).ceil() as i32).saturating_add(2),
                        ),
                        Some(None) => (0, 0),
                        None => (i32::MIN, i32::MAX),
                    };
                    Op::Shapes(Box::new(tree), top, bottom)
                }
                Part::Text(line) => match self.glyphs.cover(line, scale) {
                    Some(covered) => Op::Text(covered),
                    None => return Ok(None),
                },
            });
        }
        let mut bands = |indexed| self.draw_bands(&ops, (width, height), scale, indexed);
        match bands(true)? {
            Some(png) => Ok(Some(png)),
            None => bands(false),
        }
    }

    /// Draws `ops` a band at a time and encodes the rows; `None` when
    /// `indexed` and the image holds more than 256 colours.
    fn draw_bands(
        &mut self,
        ops: &[Op],
        (width, height): (u32, u32),
        scale: f32,
        indexed: bool,
    ) -> Result<Option<Vec<u8>>, String> {
        let mut stream = self.encoder.start(indexed, width, height);
        let mut top = 0;
        while top < height {
            let rows = band(ops, top, height);
            self.blank(width, rows);
            let (first, end) = (top as i32, (top + rows) as i32);
            for op in ops {
                match op {
                    Op::Fill(corners, colour) => {
                        fill(&mut self.canvas, (width, rows), top, corners, *colour)
                    }
                    Op::Shapes(tree, from, to) if *from < end && *to > first => {
                        resvg::render(
                            tree,
                            tiny_skia::Transform::from_row(
                                scale,
                                0.0,
                                0.0,
                                scale,
                                0.0,
                                -(top as f32),
                            ),
                            &mut pixmap(&mut self.canvas, width, rows)?,
                        );
                    }
                    Op::Text(line) if line.rows().0 < end && line.rows().1 > first => {
                        let mut canvas = pixmap(&mut self.canvas, width, rows)?;
                        self.glyphs.lay(line, &mut canvas, first);
                    }
                    Op::Shapes(..) | Op::Text(_) => {}
                }
            }
            if !self.encoder.push(&mut stream, &self.canvas)? {
                return Ok(None);
            }
            top += rows;
        }
        self.encoder.finish(stream).map(Some)
    }

    /// Makes the canvas `width` by `height` pixels, all white.
    fn blank(&mut self, width: u32, height: u32) {
        // Opaque white is 0xff in every byte, premultiplied or not.
        self.canvas.clear();
        self.canvas
            .resize(4 * width as usize * height as usize, 0xff);
    }

    /// Encodes the whole canvas as PNG (see [`Encoder`]).
    fn encode(&mut self, width: u32, height: u32) -> Result<Vec<u8>, String> {
        for indexed in [true, false] {
            let mut stream = self.encoder.start(indexed, width, height);
            if self.encoder.push(&mut stream, &self.canvas)? {
                return self.encoder.finish(stream);
            }
        }
        unreachable!("RGB holds any number of colours")
    }
}

/// The rows of the band from row `top` of an image `height` rows high:
/// [`BAND`], or more where shapes resvg draws would cross its lower edge.
/// resvg draws each shape in one band, its whole height, translated by a
/// whole number of rows, so its pixels are those it draws on the whole
/// canvas (an edge cut at a band's edge would be anti-aliased anew).
fn band(ops: &[Op], top: u32, height: u32) -> u32 {
    let mut end = (top + BAND).min(height) as i32;
    while end < height as i32 {
        let across = ops
            .iter()
            .filter_map(|op| match op {
                Op::Shapes(_, from, to) if *from < end && *to > end => Some(*to),
                _ => None,
            })
            .max();
        match across {
            Some(to) => end = to.min(height as i32),
            None => break,
        }
    }
    end as u32 - top
}

/// How far down the canvas resvg's drawing of `group` can reach: the
/// first and last y of its paths' points, control points included (tiny-skia
/// clips a path whose points leave the canvas, which changes its edges),
/// padded for strokes (half the width times the miter limit), in canvas
/// units; `Some(None)` when it draws nothing, `None` when that is not known
/// (images, text, filters, clip paths, masks).
fn reach(group: &usvg::Group) -> Option<Option<(f32, f32)>> {
    if !group.filters().is_empty() || group.clip_path().is_some() || group.mask().is_some() {
        return None;
    }
    let mut out: Option<(f32, f32)> = None;
    let mut add = |(top, bottom): (f32, f32)| {
        out = Some(out.map_or((top, bottom), |(t, b)| (t.min(top), b.max(bottom))));
    };
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => {
                if let Some(rows) = reach(g)? {
                    add(rows);
                }
            }
            usvg::Node::Path(path) => {
                let pad = path.stroke().map_or(0.0, |s| {
                    s.width().get() / 2.0 * s.miterlimit().get().max(1.0)
                });
                let b = path.data().bounds();
                let padded = tiny_skia::Rect::from_ltrb(
                    b.left() - pad,
                    b.top() - pad,
                    b.right() + pad,
                    b.bottom() + pad,
                )?
                .transform(path.abs_transform())?;
                add((padded.top(), padded.bottom()));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// `canvas`, `width` by `height` pixels, to draw on.
fn pixmap(canvas: &mut [u8], width: u32, height: u32) -> Result<tiny_skia::PixmapMut<'_>, String> {
    tiny_skia::PixmapMut::from_bytes(canvas, width, height)
        .ok_or_else(|| "the image is empty".to_string())
}

/// `tree`'s size at `scale`, in whole pixels.
fn scaled_size(tree: &usvg::Tree, scale: f32) -> Result<(u32, u32), String> {
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the scaled size is empty")?;
    Ok((size.width(), size.height()))
}

/// Encodes canvas rows as PNG: indexed colour when the image holds at
/// most 256 colours (a chart's flat fills and the edges drawn between them
/// usually hold a few dozen), 8-bit RGB otherwise. Either way the pixels
/// are exactly those rendered, with no alpha channel and no row filter
/// (charts are flat colours in long runs, which deflate finds by itself;
/// filtering made the shipped charts' PNGs larger in the same time).
/// Indexed, deflate reads a third of the bytes. The palette lists colours
/// in the order they first appear, so the same pixels give the same file.
struct Encoder {
    /// Rows converted, each after its filter byte (0: none).
    rows: Vec<u8>,
    deflate: flate2::Compress,
}

/// One image's rows on their way into a zlib stream.
struct Stream {
    width: u32,
    height: u32,
    /// `None` for RGB.
    palette: Option<Palette>,
    zlib: Vec<u8>,
}

impl Encoder {
    /// Starts an image `width` by `height`.
    fn start(&mut self, indexed: bool, width: u32, height: u32) -> Stream {
        self.deflate.reset();
        Stream {
            width,
            height,
            palette: indexed.then(Palette::default),
            zlib: Vec::with_capacity(width as usize * height as usize / 4 + 64),
        }
    }

    /// Converts and deflates the next whole rows of opaque RGBA pixels a
    /// few at a time, so the converted rows stay in the processor's cache;
    /// false when indexed and they bring the colours over 256.
    fn push(&mut self, stream: &mut Stream, rgba: &[u8]) -> Result<bool, String> {
        const ROWS: usize = 32;
        let width = stream.width as usize;
        for band in rgba.chunks(4 * width * ROWS) {
            match &mut stream.palette {
                Some(palette) => {
                    if !palette.index(band, width, &mut self.rows) {
                        return Ok(false);
                    }
                }
                None => rgb(band, width, &mut self.rows),
            }
            feed(
                &mut self.deflate,
                &self.rows,
                &mut stream.zlib,
                flate2::FlushCompress::None,
            )?;
        }
        Ok(true)
    }

    /// Ends the zlib stream and writes the PNG around it.
    fn finish(&mut self, mut stream: Stream) -> Result<Vec<u8>, String> {
        feed(
            &mut self.deflate,
            &[],
            &mut stream.zlib,
            flate2::FlushCompress::Finish,
        )?;
        let mut out = Vec::with_capacity(stream.zlib.len() + 1024);
        let mut encoder = png::Encoder::new(&mut out, stream.width, stream.height);
        encoder.set_depth(png::BitDepth::Eight);
        match stream.palette {
            Some(palette) => {
                encoder.set_color(png::ColorType::Indexed);
                encoder.set_palette(palette.colours);
            }
            None => encoder.set_color(png::ColorType::Rgb),
        }
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("encoding PNG: {e}"))?;
        writer
            .write_chunk(png::chunk::IDAT, &stream.zlib)
            .map_err(|e| format!("encoding PNG: {e}"))?;
        writer.finish().map_err(|e| format!("encoding PNG: {e}"))?;
        Ok(out)
    }
}

/// Hands `input` to deflate, growing `out` as needed; with `Finish`, until
/// the stream ends.
fn feed(
    z: &mut flate2::Compress,
    input: &[u8],
    out: &mut Vec<u8>,
    flush: flate2::FlushCompress,
) -> Result<(), String> {
    let start = z.total_in();
    loop {
        let used = (z.total_in() - start) as usize;
        let status = z
            .compress_vec(&input[used..], out, flush)
            .map_err(|e| format!("encoding PNG: {e}"))?;
        let used = (z.total_in() - start) as usize;
        let done = match flush {
            flate2::FlushCompress::Finish => status == flate2::Status::StreamEnd,
            _ => used == input.len() && out.len() < out.capacity(),
        };
        if done {
            return Ok(());
        }
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(4096));
        }
    }
}

/// Fills the pixels of the rectangle with PNG-pixel `corners` (left, top,
/// right, bottom) with an opaque `colour`, clipped to `canvas`: `width` by
/// `rows` pixels, the band of the image from its row `top`.
fn fill(
    canvas: &mut [u8],
    (width, rows): (u32, u32),
    top: u32,
    corners: &[i32; 4],
    colour: [u8; 3],
) {
    let clip = |v: i32, from: u32, len: u32| {
        (i64::from(v) - i64::from(from)).clamp(0, i64::from(len)) as usize
    };
    let (x0, x1) = (clip(corners[0], 0, width), clip(corners[2], 0, width));
    let (y0, y1) = (clip(corners[1], top, rows), clip(corners[3], top, rows));
    if x0 >= x1 {
        return;
    }
    let px = [colour[0], colour[1], colour[2], 0xff];
    for row in y0..y1 {
        let start = 4 * (row * width as usize + x0);
        for p in canvas[start..start + 4 * (x1 - x0)].chunks_exact_mut(4) {
            p.copy_from_slice(&px);
        }
    }
}

/// Parses an SVG document with the bundled font and no other.
fn parse(svg: &str) -> Result<usvg::Tree, String> {
    let missing = Mutex::new(Vec::<String>::new());
    let resolver = usvg::FontResolver {
        select_font: Box::new(|font, db| {
            let families: Vec<fontdb::Family> = font
                .families()
                .iter()
                .map(|f| match f {
                    usvg::FontFamily::Named(name) => fontdb::Family::Name(name),
                    usvg::FontFamily::SansSerif => fontdb::Family::SansSerif,
                    usvg::FontFamily::Serif => fontdb::Family::Serif,
                    usvg::FontFamily::Monospace => fontdb::Family::Monospace,
                    usvg::FontFamily::Cursive => fontdb::Family::Cursive,
                    usvg::FontFamily::Fantasy => fontdb::Family::Fantasy,
                })
                .collect();
            let style = match font.style() {
                usvg::FontStyle::Normal => fontdb::Style::Normal,
                usvg::FontStyle::Italic => fontdb::Style::Italic,
                usvg::FontStyle::Oblique => fontdb::Style::Oblique,
            };
            let query = fontdb::Query {
                families: &families,
                weight: fontdb::Weight(font.weight()),
                stretch: fontdb::Stretch::Normal,
                style,
            };
            let id = db.query(&query);
            if id.is_none() {
                let names: Vec<String> = font.families().iter().map(|f| f.to_string()).collect();
                missing.lock().expect("not poisoned").push(format!(
                    "no bundled font for font-family {}",
                    names.join(", ")
                ));
            }
            id
        }),
        select_fallback: Box::new(|c, _, _| {
            missing
                .lock()
                .expect("not poisoned")
                .push(format!("the bundled font has no glyph for {c:?}"));
            None
        }),
    };
    let options = usvg::Options {
        fontdb: fonts(),
        font_resolver: resolver,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("invalid SVG: {e}"))?;
    drop(options);
    let missing = missing.into_inner().expect("not poisoned");
    match missing.first() {
        Some(first) => Err(format!("cannot render text: {first}")),
        None => Ok(tree),
    }
}

/// Writes the rows of opaque RGBA pixels into `rows` as RGB, each after
/// its filter byte (0: none). A plain loop: it stays quick in an
/// unoptimised build too.
fn rgb(rgba: &[u8], width: usize, rows: &mut Vec<u8>) {
    rows.clear();
    for row in rgba.chunks_exact(4 * width) {
        rows.push(0);
        for px in row.chunks_exact(4) {
            rows.extend_from_slice(&px[..3]);
        }
    }
}

/// The colours of a canvas as a PNG palette, in order of first appearance.
struct Palette {
    /// Open addressing over 1,024 slots keyed by the pixel's four bytes;
    /// pixels are opaque, so a key is never zero, the mark of a free slot.
    keys: [u32; 1024],
    values: [u8; 1024],
    /// RGB triples.
    colours: Vec<u8>,
    last: (u32, u8),
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            keys: [0; 1024],
            values: [0; 1024],
            colours: Vec::with_capacity(3 * 256),
            last: (0, 0),
        }
    }
}

impl Palette {
    /// Writes the rows of `rgba` into `rows` as palette indices, each
    /// after its filter byte (0: none), adding colours not seen before;
    /// false when they make more than 256.
    fn index(&mut self, rgba: &[u8], width: usize, rows: &mut Vec<u8>) -> bool {
        const SLOTS: usize = 1024;
        let height = rgba.len() / (4 * width);
        rows.clear();
        rows.resize(height * (width + 1), 0);
        const RUN: usize = 8;
        let (mut last, mut index) = self.last;
        for (row, out) in rgba
            .chunks_exact(4 * width)
            .zip(rows.chunks_exact_mut(width + 1))
        {
            let out = &mut out[1..];
            let mut x = 0;
            while x < width {
                // Eight pixels of the last colour at once: a chart is
                // mostly long runs of one colour.
                if x + RUN <= width && rgba_run(&row[4 * x..4 * (x + RUN)], last) {
                    out[x..x + RUN].fill(index);
                    x += RUN;
                    continue;
                }
                let px = &row[4 * x..4 * x + 4];
                let key = u32::from_ne_bytes([px[0], px[1], px[2], px[3]]);
                if key != last {
                    let mut slot = (key.wrapping_mul(0x9e37_79b1) >> 22) as usize;
                    index = loop {
                        if self.keys[slot] == key {
                            break self.values[slot];
                        }
                        if self.keys[slot] == 0 {
                            let count = self.colours.len() / 3;
                            if count == 256 {
                                return false;
                            }
                            self.keys[slot] = key;
                            self.values[slot] = count as u8;
                            self.colours.extend_from_slice(&px[..3]);
                            break count as u8;
                        }
                        slot = (slot + 1) % SLOTS;
                    };
                    last = key;
                }
                out[x] = index;
                x += 1;
            }
        }
        self.last = (last, index);
        true
    }
}

/// True when the pixels of `rgba` all have the four bytes of `key`.
fn rgba_run(rgba: &[u8], key: u32) -> bool {
    rgba.chunks_exact(8)
        .map(|two| u64::from_ne_bytes(two.try_into().unwrap_or_default()))
        .fold(0, |diff, two| {
            diff | (two ^ (u64::from(key) * 0x1_0000_0001))
        })
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a PNG to RGB rows, whatever its colour type, checking every
    /// chunk's CRC and the zlib stream's Adler-32.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(png);
        decoder.ignore_checksums(false);
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let colour = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (colour, buf)
    }

    /// An opaque canvas of `width` by `height` whose pixels take `colours`
    /// different values, in runs and scattered.
    fn canvas(width: u32, height: u32, colours: u32) -> (Renderer, Vec<u8>) {
        let mut renderer = Renderer::default();
        let mut rgb = Vec::new();
        for i in 0..width * height {
            let c = (i / 7 + i * i % 13) % colours;
            let px = [(c * 37 % 256) as u8, (c / 7 * 11) as u8, (c % 5 * 50) as u8];
            renderer
                .canvas
                .extend_from_slice(&[px[0], px[1], px[2], 0xff]);
            rgb.extend_from_slice(&px);
        }
        (renderer, rgb)
    }

    #[test]
    fn few_colours_are_indexed_and_many_are_rgb_with_the_same_pixels() {
        for (colours, indexed) in [
            (1, true),
            (50, true),
            (256, true),
            (257, false),
            (3000, false),
        ] {
            let (mut renderer, rgb) = canvas(61, 40, colours);
            let png = renderer.encode(61, 40).unwrap();
            let (colour, pixels) = decode(&png);
            let expected = if indexed {
                png::ColorType::Indexed
            } else {
                png::ColorType::Rgb
            };
            assert_eq!(colour, expected, "{colours} colours");
            assert!(
                pixels == rgb,
                "{colours} colours: the decoded pixels differ"
            );
            // The same pixels give the same bytes, with a renderer that
            // encoded something else in between.
            let pixels = std::mem::replace(&mut renderer.canvas, canvas(30, 20, 300).0.canvas);
            renderer.encode(30, 20).unwrap();
            renderer.canvas = pixels;
            assert_eq!(png, renderer.encode(61, 40).unwrap());
        }
    }

    #[test]
    fn a_renderer_reused_gives_what_a_fresh_one_gives() {
        // A large canvas drawn all over, then smaller ones: nothing of an
        // earlier canvas may show in a later one.
        let big = r##"<svg width="300" height="200" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="300" height="200" fill="#0072B2"/></svg>"##;
        let wide = r##"<svg width="40" height="20" xmlns="http://www.w3.org/2000/svg"><rect x="3" y="2" width="30" height="9" fill="#D55E00"/></svg>"##;
        let tall = r##"<svg width="10" height="50" xmlns="http://www.w3.org/2000/svg"><circle cx="5" cy="25" r="4" fill="#D55E00"/></svg>"##;
        let mut reused = Renderer::default();
        for svg in [big, wide, tall, big, tall] {
            let png = reused.render(svg, 2.0).unwrap();
            assert_eq!(png, render_png(svg, 2.0).unwrap());
        }
        let (_, pixels) = decode(&reused.render(wide, 2.0).unwrap());
        assert_eq!(pixels.len(), 80 * 40 * 3);
        let at = |x: usize, y: usize| &pixels[3 * (y * 80 + x)..3 * (y * 80 + x) + 3];
        assert_eq!(
            at(0, 0),
            [0xff, 0xff, 0xff],
            "blank is white, not the blue before"
        );
        assert_eq!(at(79, 39), [0xff, 0xff, 0xff]);
        assert_eq!(at(20, 10), [0xd5, 0x5e, 0x00], "the rectangle is drawn");
    }

    /// Every chart of the two stories the repository holds, drawn.
    fn shipped_charts() -> Vec<crate::charts::Chart> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in [
            root.join("data"),
            root.join("tests/fixtures/fictional-budget"),
        ] {
            let story = crate::Story::load(&dir).unwrap();
            let analysis = crate::analysis::Analysis::new(&story, &Default::default()).unwrap();
            out.extend(analysis.charts.iter().map(|p| p.draw().unwrap()));
        }
        out
    }

    #[test]
    fn text_from_the_glyph_cache_looks_as_resvg_draws_it() {
        let charts = shipped_charts();
        assert_eq!(charts.len(), 8);
        let mut reused = Renderer::default();
        for chart in &charts {
            for svg in [&chart.svg, &chart.svg_narrow] {
                assert!(
                    super::super::glyphs::Layout::of(svg).is_some(),
                    "{}: text drawn from the glyph cache",
                    chart.id
                );
                let (_, ours) = decode(&reused.render(svg, 2.0).unwrap());
                let (_, resvg) = decode(&Renderer::default().render_whole(svg, 2.0).unwrap());
                assert_eq!(ours.len(), resvg.len(), "{}", chart.id);
                let diff: Vec<u8> = ours
                    .iter()
                    .zip(&resvg)
                    .map(|(a, b)| a.abs_diff(*b))
                    .collect();
                let n = diff.len() as f64;
                let mean = diff.iter().map(|&d| f64::from(d)).sum::<f64>() / n;
                let far = diff.iter().filter(|&&d| d > 32).count() as f64 / n;
                let max = diff.iter().copied().max().unwrap_or(0);
                // Measured on the eight charts: mean under 0.75 of 255,
                // under 0.15 % of values more than 32 apart, none over 60:
                // glyph edges a quarter-pixel step apart and anti-aliased
                // by exact area rather than resvg's sampling, nothing moved.
                assert!(
                    mean < 1.0 && far < 0.01 && max <= 96,
                    "{}: mean {mean:.3}, {:.3} % over 32, max {max}",
                    chart.id,
                    far * 100.0
                );
            }
        }
    }

    #[test]
    fn what_the_glyph_cache_does_not_know_is_left_to_resvg() {
        let doc = |inner: &str| {
            format!(
                r##"<svg width="120" height="40" viewBox="0 0 120 40" xmlns="http://www.w3.org/2000/svg">{inner}</svg>"##
            )
        };
        let text = |attrs: &str, body: &str| {
            doc(&format!(
                r##"<text x="4" y="4" dy="0.76em" font-family="Inter, sans-serif" font-size="14" fill="#1A1A1A"{attrs}>{body}</text>"##
            ))
        };
        let layout = |svg: &str| super::super::glyphs::Layout::of(svg).is_some();
        assert!(layout(&text("", "Plain words, 7,984")));
        // A white background first is left out: the canvas starts white.
        let background = r##"<rect x="0" y="0" width="120" height="40" opacity="1" fill="#FFFFFF" stroke="none"/>"##;
        let parts =
            |inner: &str| super::super::glyphs::Layout::of(&doc(inner)).map(|l| l.parts.len());
        assert_eq!(parts(background), Some(0));
        let bar = r##"<rect x="2" y="2" width="9" height="9" fill="#0072B2"/>"##;
        assert_eq!(parts(&format!("{background}{bar}{background}")), Some(2));
        for (why, svg) in [
            ("nested span", text("", "a <tspan>b</tspan>")),
            (
                "another font",
                doc(r##"<text x="4" y="4" font-family="Comic Neue" font-size="14">x</text>"##),
            ),
            ("right to left", text("", "\u{645}\u{627}")),
            ("a reordering control", text("", "\u{202E}abc")),
            (
                "no font size",
                doc(r##"<text x="4" y="4" font-family="Inter">x</text>"##),
            ),
            (
                "a position that is not a number",
                doc(r##"<text x="NaN" y="4" font-family="Inter" font-size="14">x</text>"##),
            ),
            (
                "a family list usvg cannot read",
                doc(r##"<text x="4" y="4" font-family="Inter, 1x" font-size="14">x</text>"##),
            ),
            (
                "a padded keyword",
                text(r#" text-anchor=" middle""#, "x"),
            ),
            (
                "a style sheet",
                doc(r##"<desc><style>text { font-size: 30px }</style></desc>"##),
            ),
            (
                "a prefixed element",
                r##"<svg width="120" height="40" xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:rect x="1" y="1" width="3" height="3" fill="#000000"/></svg>"##.to_string(),
            ),
            (
                "a document type",
                format!("<!DOCTYPE svg>{}", doc("")),
            ),
            ("half opacity", text(r#" opacity="0.5""#, "x")),
            ("a transform", text(r#" transform="rotate(90)""#, "x")),
            (
                "a group",
                doc(r##"<g><rect x="1" y="1" width="3" height="3" fill="#000000"/></g>"##),
            ),
            (
                "a view box that scales",
                r##"<svg width="120" height="40" viewBox="0 0 60 20" xmlns="http://www.w3.org/2000/svg"><rect x="1" y="1" width="3" height="3" fill="#000000"/></svg>"##.to_string(),
            ),
            (
                "a gradient",
                doc(r##"<rect x="1" y="1" width="3" height="3" fill="url(#g)"/>"##),
            ),
        ] {
            assert!(!layout(&svg), "{why}");
        }
        // New lines and tabs are spaces, as usvg has them.
        let one = Renderer::default()
            .render(&text("", "Tax revenue"), 2.0)
            .unwrap();
        let broken = Renderer::default()
            .render(&text("", "Tax\n\trevenue"), 2.0)
            .unwrap();
        assert_eq!(one, broken);
        // Glyphs too large to rasterise here are left to resvg; text far
        // off the canvas is drawn nowhere: either way the pixels are those
        // of the whole document drawn by resvg.
        for (size, x, scale) in [
            ("990", "4", 9.0),
            ("14", "99000", 2.0),
            ("14", "-99000", 3.0),
        ] {
            let svg = doc(&format!(
                r##"<text x="{x}" y="30" font-family="Inter" font-size="{size}" fill="#1A1A1A">Ag</text>"##
            ));
            assert!(layout(&svg), "{size} {x}");
            let ours = Renderer::default().render(&svg, scale).unwrap();
            let resvg = Renderer::default().render_whole(&svg, scale).unwrap();
            assert!(decode(&ours).1 == decode(&resvg).1, "{size} {x}");
        }
        // Whatever path a document takes, errors are resvg's.
        let missing = text("", "\u{6F22}");
        assert!(layout(&missing));
        let e = render_png(&missing, 2.0).unwrap_err();
        assert!(e.contains("no glyph"), "{e}");
        let other = doc(r##"<text x="4" y="4" font-family="Comic Neue" font-size="14">x</text>"##);
        assert!(
            render_png(&other, 2.0)
                .unwrap_err()
                .contains("no bundled font")
        );
    }

    #[test]
    fn rectangles_filled_directly_are_resvgs_pixels() {
        // Overlapping, touching the edges and beyond them, zero-sized; at a
        // whole-number scale filled directly, at another drawn by resvg.
        let svg = r##"<svg width="50" height="30" viewBox="0 0 50 30" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="50" height="30" opacity="1" fill="#FFFFFF" stroke="none"/>
<rect x="2" y="3" width="20" height="10" opacity="1" fill="#0072B2" stroke="none"/>
<rect x="10" y="8" width="45" height="30" fill="#D55E00"/>
<rect x="-5" y="20" width="8" height="4" fill="#009E73"/>
<rect x="30" y="1" width="0" height="4" fill="#000000"/>
<polyline points="1,1 49,29" stroke="#1A1A1A" fill="none"/>
</svg>"##;
        // Taller, drawn in several bands: rectangles, a line and a circle
        // across the bands' edges (rows 64, 128 and 192 at scale 2).
        let tall = r##"<svg width="40" height="110" viewBox="0 0 40 110" xmlns="http://www.w3.org/2000/svg">
<rect x="1" y="30" width="20" height="5" fill="#0072B2"/>
<rect x="5" y="60" width="30" height="40" fill="#D55E00"/>
<polyline points="2,20 38,45 20,50" stroke="#1A1A1A" stroke-width="1.5" fill="none"/>
<circle cx="20" cy="64" r="7.3" fill="#009E73"/>
<rect x="0" y="95" width="40" height="3" fill="#000000"/>
<polyline points="3,2 37,108" stroke="#0072B2" fill="none"/>
</svg>"##;
        // A curve whose control points reach past its outline (tiny-skia
        // clips by the points), a line far off the canvas, shapes past
        // its top.
        let curve = r##"<svg width="60" height="300" xmlns="http://www.w3.org/2000/svg">
<path d="M9.45078,46.190403 C17.59314,60.468483 48.53772,15.722443 19.03866,47.592625 Z" fill="#0072B2"/>
<path d="M5,150 C5,100 55,250 55,190" stroke="#D55E00" stroke-width="3" fill="none"/>
</svg>"##;
        let far = r##"<svg width="20" height="20" xmlns="http://www.w3.org/2000/svg">
<line x1="0" y1="0" x2="10" y2="3000000000" stroke="#000000"/>
<line x1="3" y1="-3000000000" x2="15" y2="12" stroke="#000000"/>
<circle cx="10" cy="-2" r="5" fill="#009E73"/>
</svg>"##;
        for svg in [svg, tall, curve, far] {
            for scale in [1.0, 2.0, 3.0, 1.5] {
                let ours = Renderer::default().render(svg, scale).unwrap();
                let resvg = Renderer::default().render_whole(svg, scale).unwrap();
                assert!(decode(&ours).1 == decode(&resvg).1, "scale {scale}");
            }
        }
    }

    #[test]
    fn bands_are_cut_between_the_shapes_resvg_draws() {
        let fill = || Op::Fill([0, 0, 10, 500], [0, 0, 0]);
        let tree =
            || parse(r#"<svg width="1" height="1" xmlns="http://www.w3.org/2000/svg"/>"#).unwrap();
        // Rectangles and text never stop a cut.
        let cuts = |ops: &[Op], height| {
            let mut out = vec![0];
            while *out.last().unwrap() < height {
                let top = *out.last().unwrap();
                out.push(top + band(ops, top, height));
            }
            out
        };
        assert_eq!(cuts(&[fill()], 150), [0, 64, 128, 150]);
        // A shape across a cut moves it below the shape; shapes reaching
        // each other move it further; one past the end ends the image.
        let ops = [
            Op::Shapes(Box::new(tree()), 60, 70),
            Op::Shapes(Box::new(tree()), 69, 140),
            fill(),
            Op::Shapes(Box::new(tree()), 200, 400),
        ];
        assert_eq!(cuts(&ops, 300), [0, 140, 300]);
        assert_eq!(cuts(&ops[..1], 66), [0, 66]);
    }
}
