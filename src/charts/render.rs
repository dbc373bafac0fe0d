//! PNG rendering with resvg, using only the bundled fonts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

/// The family name of the bundled font (Inter, SIL Open Font License 1.1;
/// see `src/charts/fonts/LICENSE-Inter.txt`).
pub const FONT_FAMILY: &str = "Inter";
pub(super) static REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
pub(super) static BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");
/// Noto Naskh Arabic, for Urdu (SIL Open Font License 1.1; see
/// `src/charts/fonts/LICENSE-NotoNaskhArabic.txt`).
pub(super) static NASKH_REGULAR: &[u8] = include_bytes!("fonts/NotoNaskhArabic-Regular.ttf");
pub(super) static NASKH_BOLD: &[u8] = include_bytes!("fonts/NotoNaskhArabic-Bold.ttf");

/// A font database holding the bundled fonts and nothing else: system
/// fonts are never read, so the same pixels come out on every machine.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for data in [REGULAR, BOLD, NASKH_REGULAR, NASKH_BOLD] {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Renders an SVG document to PNG at `scale` times its size, on white.
///
/// Text whose font family is not the bundled font, or that holds a
/// character the font lacks, is an error rather than a silent blank.
pub fn render_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    encode(&render(svg, scale)?)
}

/// Draws an SVG document with resvg at `scale` times its size, on white.
fn render(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, String> {
    let tree = parse(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the scaled size is empty")?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the image is too large")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// Encodes a pixmap drawn on white (so every pixel is opaque) as PNG:
/// indexed colour when it holds at most 256 colours (a chart's flat fills
/// and the edges drawn between them usually hold a few dozen), 8-bit RGB
/// otherwise; either way the pixels are exactly those rendered.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let rgba = pixmap.data();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    // Unfiltered rows, deflated at level 3: charts are flat colours in long
    // runs, which deflate finds by itself (filtering made the shipped
    // charts' PNGs larger, and png's fast mode five times larger); level 3
    // comes within 5 % of the default level's size in half its time.
    encoder.set_deflate_compression(png::DeflateCompression::Level(3));
    encoder.set_filter(png::Filter::NoFilter);
    let data = match indexed(rgba, pixmap.width() as usize) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgba.chunks_exact(4)
                .flat_map(|px| &px[..3])
                .copied()
                .collect()
        }
    };
    let png = |e: png::EncodingError| format!("encoding PNG: {e}");
    let mut writer = encoder.write_header().map_err(png)?;
    writer.write_image_data(&data).map_err(png)?;
    writer.finish().map_err(png)?;
    Ok(out)
}

/// Rows of opaque RGBA pixels `width` wide as a palette (RGB triples, in
/// the order the colours first appear, so the same pixels give the same
/// file) and an index into it for every pixel; `None` above 256 colours.
fn indexed(rgba: &[u8], width: usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut palette: HashMap<[u8; 4], u8> = HashMap::new();
    let mut colours = Vec::new();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    let mut last = ([0; 4], 0);
    let mut above: &[u8] = &[];
    for row in rgba.chunks_exact(4 * width) {
        // A row like the one above (blank space, the inside of a bar).
        if row == above {
            indices.extend_from_within(indices.len() - width..);
            continue;
        }
        above = row;
        for px in row.chunks_exact(4) {
            let px = [px[0], px[1], px[2], px[3]];
            // Mostly runs of one colour: the last one is at hand.
            if px != last.0 {
                let index = match palette.get(&px) {
                    Some(&index) => index,
                    None if palette.len() == 256 => return None,
                    None => {
                        let index = palette.len() as u8;
                        palette.insert(px, index);
                        colours.extend_from_slice(&px[..3]);
                        index
                    }
                };
                last = (px, index);
            }
            indices.push(last.1);
        }
    }
    Some((colours, indices))
}

/// Parses an SVG document with the bundled font and no other.
pub(super) fn parse(svg: &str) -> Result<usvg::Tree, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a PNG to RGB pixels, whatever its colour type.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let colour = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (colour, buf)
    }

    /// The RGB bytes of an opaque pixmap.
    fn rgb(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
        let pixels = pixmap.pixels();
        assert!(pixels.iter().all(|p| p.alpha() == 255), "opaque");
        pixels
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect()
    }

    /// A document with text: a title in bold, kerning pairs, a bar.
    fn chart_like() -> String {
        r##"<svg width="200" height="60" viewBox="0 0 200 60" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="200" height="60" fill="#FFFFFF"/>
<text x="4" y="4" dy="0.76em" text-anchor="start" font-family="Inter, Helvetica, Arial, sans-serif" font-size="18" font-weight="bold" fill="#1A1A1A">AV To Wave</text>
<text x="196" y="30" dy="0.76em" text-anchor="end" font-family="Inter, Helvetica, Arial, sans-serif" font-size="13.000000000000002" fill="#595959">487 (52.7%)</text>
<rect x="4" y="30" width="120" height="20" fill="#0072B2"/>
</svg>"##
            .to_string()
    }

    #[test]
    fn the_png_holds_exactly_the_pixels_resvg_drew_and_is_deterministic() {
        let svg = chart_like();
        for scale in [1.0, 2.0, 1.5] {
            let png = render_png(&svg, scale).unwrap();
            assert_eq!(png, render_png(&svg, scale).unwrap(), "same bytes");
            let drawn = render(&svg, scale).unwrap();
            let (colour, pixels) = decode(&png);
            assert_eq!(colour, png::ColorType::Indexed, "a few dozen colours");
            assert!(pixels == rgb(&drawn), "scale {scale}: pixels differ");
            assert_eq!(pixels.len(), 3 * (200.0 * scale * 60.0 * scale) as usize);
        }
    }

    #[test]
    fn many_colours_fall_back_to_rgb_with_the_same_pixels() {
        // One pixel of each colour, as many colours as pixels: indexed up
        // to 256 colours, RGB above.
        let steps = |n: usize| {
            let rects: String = (0..n)
                .map(|i| {
                    let (r, g) = (i % 256, i / 256 * 100);
                    format!(r##"<rect x="{i}" y="0" width="1" height="4" fill="rgb({r},{g},7)"/>"##)
                })
                .collect();
            format!(
                r##"<svg width="{n}" height="4" xmlns="http://www.w3.org/2000/svg">{rects}</svg>"##
            )
        };
        for (n, expected) in [(256, png::ColorType::Indexed), (257, png::ColorType::Rgb)] {
            let svg = steps(n);
            let (colour, pixels) = decode(&render_png(&svg, 1.0).unwrap());
            assert_eq!(colour, expected, "{n} colours");
            assert!(pixels == rgb(&render(&svg, 1.0).unwrap()), "{n} colours");
        }
        // Transparent parts are white, not black.
        let empty = r#"<svg width="3" height="2" xmlns="http://www.w3.org/2000/svg"/>"#;
        assert_eq!(
            decode(&render_png(empty, 2.0).unwrap()).1,
            vec![0xff; 6 * 4 * 3]
        );
    }

    #[test]
    fn bold_text_is_drawn_in_the_bold_face() {
        let text = |weight: &str| {
            format!(
                r##"<svg width="120" height="30" xmlns="http://www.w3.org/2000/svg"><text x="4" y="20" font-family="Inter" font-size="16"{weight} fill="#000000">Heavy ink</text></svg>"##
            )
        };
        let ink = |svg: &str| {
            decode(&render_png(svg, 1.0).unwrap())
                .1
                .iter()
                .map(|&v| u64::from(255 - v))
                .sum::<u64>()
        };
        let (regular, bold) = (ink(&text("")), ink(&text(r#" font-weight="bold""#)));
        assert!(regular > 0);
        assert!(bold > regular * 5 / 4, "bold {bold}, regular {regular}");
        assert_eq!(bold, ink(&text(r#" font-weight="700""#)));
    }

    #[test]
    fn text_the_bundled_font_cannot_draw_is_an_error() {
        let text = |family: &str, body: &str| {
            format!(
                r##"<svg width="120" height="40" xmlns="http://www.w3.org/2000/svg"><text x="4" y="20" font-family="{family}" font-size="14">{body}</text></svg>"##
            )
        };
        let e = render_png(&text("Inter", "Tax \u{6F22}"), 2.0).unwrap_err();
        assert_eq!(
            e,
            "cannot render text: the bundled font has no glyph for '\u{6F22}'"
        );
        let e = render_png(&text("Comic Neue", "Tax"), 2.0).unwrap_err();
        assert_eq!(
            e,
            "cannot render text: no bundled font for font-family \"Comic Neue\""
        );
        assert!(
            render_png("<svg", 1.0)
                .unwrap_err()
                .starts_with("invalid SVG")
        );
    }

    /// The text nodes of a document as usvg lays them out: each one's text
    /// box (its clusters' advances across, the font's ascent to descent).
    fn text_boxes(svg: &str) -> Vec<(String, usvg::Rect)> {
        let tree = parse(svg).unwrap();
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node {
                let text = t.chunks().iter().map(|c| c.text()).collect();
                out.push((text, t.abs_bounding_box()));
            }
        }
        out
    }

    #[test]
    fn text_is_measured_as_resvg_lays_it_out() {
        use crate::charts::draw::{FAMILIES, Layout, advance, text_width, wrap};
        let font = |px, bold, colour| Layout::WIDE.font(px, bold, colour);
        let title = "Road tolls carried more than half of the 924 crore raised, the AV Tower and To Wave ports (52.7%)";
        let texts = [
            "AV",
            "To",
            "Wave",
            "LTA Ty. Yo, P.V.",
            "7,984",
            "487 (52.7%)",
            "fi ffl",
            "Tax\n\trevenue  up ",
            "Привет, AV",
            title,
        ];
        // Kerning is applied (Inter kerns these pairs in GPOS only).
        for pair in ["AV", "To"] {
            let (a, b) = pair.split_at(1);
            let apart = advance(a, 13.0, false) + advance(b, 13.0, false);
            assert!(advance(pair, 13.0, false) < apart - 0.3, "{pair}");
        }
        for (px, bold) in [(13.0f32, false), (13.0, true), (20.0, true), (12.5, false)] {
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            for text in texts {
                let width = advance(text, px, bold);
                // Once from the left, once from the right at the measured end.
                let svg = format!(
                    r##"<svg width="1000" height="90" xmlns="http://www.w3.org/2000/svg"><text x="10" y="30" font-family="{FAMILIES}" font-size="{px}"{weight}>{text}</text><text x="{}" y="60" text-anchor="end" font-family="{FAMILIES}" font-size="{px}"{weight}>{text}</text></svg>"##,
                    10.0 + width
                );
                let boxes = text_boxes(&svg);
                assert_eq!(boxes.len(), 2);
                for (_, b) in &boxes {
                    let near = |a: f32, b: f32| (a - b).abs() < 1e-3;
                    assert!(
                        near(b.left(), 10.0) && near(b.width(), width),
                        "{text:?} at {px} px, bold {bold}: measured {width}, usvg {b:?}"
                    );
                }
            }
        }
        // A style's size and weight are those the SVG gives usvg; a wrapped
        // line fits, and would not with the next word (a word wider than
        // the line stands alone).
        let ink = crate::charts::palette::INK;
        let long = format!("{title} Supercalifragilisticexpialidocious {title}");
        for bold in [false, true] {
            let style = font(13.0, bold, ink);
            assert_eq!(
                text_width(title, &style),
                advance(title, 13.0, bold).ceil() as i32
            );
            for max in [30, 120, 292, 592] {
                let lines = wrap(&long, &style, max);
                assert_eq!(
                    lines.join(" "),
                    long.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                for (i, line) in lines.iter().enumerate() {
                    let fits = advance(line, 13.0, bold) <= max as f32;
                    assert!(fits || !line.contains(' '), "{max}: {line}");
                    if let Some(next) = lines.get(i + 1) {
                        let word = next.split(' ').next().unwrap();
                        let longer = format!("{line} {word}");
                        assert!(advance(&longer, 13.0, bold) > max as f32, "{max}: {longer}");
                    }
                }
            }
        }
    }

    #[test]
    fn right_to_left_text_is_measured_as_resvg_lays_it_out() {
        use crate::charts::bidi::line;
        let texts = [
            "ہاربرٹن کا بجٹ",
            "آمدنی کا ۵۲ فیصد ChitChat پر 2025 میں",
            "سڑکوں کو ۴۱٫۷٪ (۵ کروڑ روپے) ملے",
            "ماخذ: کونسل کی خزانچی، بحوالہ The Harbourton Herald، ۱۴ مارچ ۲۰۲۵",
            "۱۲٬۳۴۵ درخواستیں",
            "لا الٰہ",
            "ChitChat ۵۰۰ (۶۰٫۲٪)",
        ];
        for (px, bold) in [(14.0f32, false), (14.0, true), (21.0, true), (13.5, false)] {
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            for text in texts {
                let l = line(text, px, bold);
                let pieces: String = l
                    .pieces
                    .iter()
                    .map(|p| {
                        format!(
                            r##"<text x="{}" y="40" font-family="{}" font-size="{px}"{weight}>{}</text>"##,
                            10.0 + p.x,
                            p.face.family(),
                            p.text
                        )
                    })
                    .collect();
                let svg = format!(
                    r##"<svg width="1000" height="90" xmlns="http://www.w3.org/2000/svg">{pieces}</svg>"##
                );
                let boxes = text_boxes(&svg);
                assert_eq!(boxes.len(), l.pieces.len(), "{text}");
                for ((_, b), p) in boxes.iter().zip(&l.pieces) {
                    let near = |a: f32, b: f32| (a - b).abs() < 1e-3;
                    // usvg's box counts a cluster of no advance (the
                    // directional mark at the piece's right end) as one
                    // pixel wide; the glyphs themselves end at the width.
                    assert!(
                        near(b.left(), 10.0 + p.x) && near(b.width(), p.width + 1.0),
                        "{text:?} at {px} px, bold {bold}: piece {:?} measured {} wide at {}, usvg {b:?}",
                        p.text,
                        p.width,
                        p.x
                    );
                }
            }
        }
    }

    #[test]
    fn the_shipped_charts_text_stays_on_the_canvas() {
        let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
        let mut drawn = 0;
        for dir in ["data", "tests/fixtures/fictional-budget"] {
            let story = crate::Story::load(root.join(dir)).unwrap();
            let analysis = crate::Analysis::new(&story, &Default::default()).unwrap();
            for plan in &analysis.charts {
                let chart = plan.draw().unwrap();
                for (svg, (width, _)) in [
                    (&chart.svg, chart.size),
                    (&chart.svg_narrow, chart.narrow_size),
                ] {
                    for (text, b) in text_boxes(svg) {
                        assert!(
                            b.left() >= 0.0 && b.right() <= width as f32,
                            "{}: {text:?} is off the canvas: {b:?}",
                            chart.id
                        );
                        drawn += 1;
                    }
                }
            }
        }
        assert!(drawn > 100, "{drawn} texts");
    }
}
