//! PNG rendering with resvg, using only the bundled font.

use std::sync::{Arc, Mutex, Once, OnceLock};

use plotters::style::FontStyle;
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

/// The family name of the bundled font (Inter, SIL Open Font License 1.1;
/// see `src/charts/fonts/LICENSE-Inter.txt`).
pub const FONT_FAMILY: &str = "Inter";
static REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
static BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");

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

/// Renders an SVG document to PNG at `scale` times its size.
///
/// Text whose font family is not the bundled font, or that holds a
/// character the font lacks, is an error rather than a silent blank.
pub fn render_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
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
    if let Some(first) = missing.first() {
        return Err(format!("cannot render text: {first}"));
    }
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the scaled size is empty")?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the image is empty")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode_rgb(&pixmap)
}

/// Encodes an opaque pixmap as 8-bit RGB PNG: no alpha channel to store,
/// and no row filter. Charts are flat colours in long runs, which deflate
/// finds by itself; filtering them (adaptive, Sub, Up or Paeth) made the
/// shipped charts' PNGs 15–20 % larger, in the same time.
fn encode_rgb(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    // A plain loop: it stays quick in an unoptimised build too.
    let data = pixmap.data();
    let mut rgb = Vec::with_capacity(data.len() / 4 * 3);
    for px in data.chunks_exact(4) {
        rgb.extend_from_slice(&px[..3]);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Default);
    encoder.set_filter(png::FilterType::NoFilter);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("encoding PNG: {e}"))?;
    writer
        .write_image_data(&rgb)
        .map_err(|e| format!("encoding PNG: {e}"))?;
    writer.finish().map_err(|e| format!("encoding PNG: {e}"))?;
    Ok(out)
}
