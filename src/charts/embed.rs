//! The fonts a chart was measured with, carried inside its SVG: each face
//! it draws with, cut down to the glyphs its text uses (and those its
//! shaping can reach), as an `@font-face` data URL under a family name of
//! its own, so that a browser draws the glyphs the PNG has.
//!
//! The family name is made from the subsets' bytes (`nf-` and twelve hex
//! digits), so two charts on one page never claim one name for different
//! glyphs, and the same text always gives the same bytes. The SVG's text
//! names that family first and the bundled font after it: resvg, which
//! holds only the bundled fonts, draws with the bundled one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine;
use read_fonts::collections::IntSet;
use read_fonts::types::{GlyphId, NameId, Tag};
use read_fonts::{FontRef, TableProvider};
use skera::{DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags};

use super::bidi::Face;
use crate::error::{Error, Result};

/// The characters a chart draws, by face and weight.
#[derive(Debug, Clone, Default)]
pub(crate) struct Usage(BTreeMap<(Face, bool), BTreeSet<char>>);

impl Usage {
    /// Records that `text` is drawn in `face`.
    pub(crate) fn add(&mut self, face: Face, bold: bool, text: &str) {
        self.0.entry((face, bold)).or_default().extend(text.chars());
    }
}

/// `svg` with the fonts of `used` embedded: a `<style>` of `@font-face`
/// rules after its description, and each face's family named first
/// wherever its text names the bundled font.
pub(crate) fn embed(svg: &str, used: &Usage) -> Result<String> {
    let mut rules = String::new();
    let mut svg = svg.to_string();
    for face in [Face::Inter, Face::Naskh] {
        let subsets: Vec<(bool, Arc<Cut>)> = used
            .0
            .iter()
            .filter(|((f, _), _)| *f == face)
            .map(|((_, bold), chars)| Ok((*bold, cut(face, *bold, chars)?)))
            .collect::<Result<_>>()?;
        if subsets.is_empty() {
            continue;
        }
        let hash = crate::util::sha256_parts(
            subsets
                .iter()
                .map(|(b, s)| (if *b { "bold" } else { "regular" }, s.sfnt.as_slice())),
        );
        let family = format!("nf-{}", &hash[..12]);
        for (bold, cut) in &subsets {
            let weight = if *bold { 700 } else { 400 };
            rules.push_str(&format!(
                "@font-face{{font-family:\"{family}\";font-weight:{weight};src:url(data:font/woff;base64,{}) format(\"woff\")}}\n",
                cut.woff_base64
            ));
        }
        svg = svg.replace(
            &format!("font-family=\"{}\"", face.family()),
            &format!("font-family=\"{family}, {}\"", face.family()),
        );
    }
    if rules.is_empty() {
        return Ok(svg);
    }
    let at = svg
        .find("</desc>")
        .map(|i| i + "</desc>".len())
        .or_else(|| svg.find('>').map(|i| i + 1))
        .unwrap_or(0);
    svg.insert_str(at, &format!("\n<defs><style>\n{rules}</style></defs>"));
    Ok(svg)
}

/// A face cut down to some characters: the font, and its WOFF form as
/// base64.
struct Cut {
    sfnt: Vec<u8>,
    woff_base64: String,
}

/// `face` cut down to `chars`, made once per process for each face, weight
/// and set of characters: a chart's wide and narrow SVGs draw the same
/// characters, and so do the editions of one story's charts often.
fn cut(face: Face, bold: bool, chars: &BTreeSet<char>) -> Result<Arc<Cut>> {
    type Memo = Mutex<HashMap<(Face, bool, BTreeSet<char>), Arc<Cut>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let key = (face, bold, chars.clone());
    if let Some(done) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(done);
    }
    let sfnt = subset(face.data(bold), chars)?;
    let woff = woff(&sfnt)
        .ok_or_else(|| Error::chart("fonts", "cannot embed the font: malformed subset"))?;
    let done = Arc::new(Cut {
        sfnt,
        woff_base64: base64::engine::general_purpose::STANDARD.encode(woff),
    });
    if let Ok(mut m) = memo.lock() {
        // An archive of many stories cuts many sets; keep the memo small.
        if m.len() >= 64 {
            m.clear();
        }
        m.insert(key, done.clone());
    }
    Ok(done)
}

/// CSS for a page written in the Arabic script: the bundled Naskh face,
/// regular and bold, cut down to the characters of `text`, as `@font-face`
/// data URLs under a family named from the subsets' bytes, and that family
/// set on the page's body (a reader's own Urdu fonts after it, then the
/// system's); words marked as English keep the system's face.
pub(crate) fn arabic_page_css(text: &str) -> Result<String> {
    let chars: BTreeSet<char> = text.chars().collect();
    let subsets: Vec<(bool, Vec<u8>)> = [false, true]
        .into_iter()
        .map(|bold| Ok((bold, subset(Face::Naskh.data(bold), &chars)?)))
        .collect::<Result<_>>()?;
    let hash = crate::util::sha256_parts(
        subsets
            .iter()
            .map(|(b, s)| (if *b { "bold" } else { "regular" }, s.as_slice())),
    );
    let family = format!("nf-{}", &hash[..12]);
    let mut css = String::new();
    for (bold, data) in &subsets {
        let weight = if *bold { 700 } else { 400 };
        let woff = woff(data)
            .ok_or_else(|| Error::chart("fonts", "cannot embed the font: malformed subset"))?;
        let data = base64::engine::general_purpose::STANDARD.encode(woff);
        css.push_str(&format!(
            "@font-face{{font-family:\"{family}\";font-weight:{weight};src:url(data:font/woff;base64,{data}) format(\"woff\")}}"
        ));
    }
    css.push_str(&format!(
        "body{{font-family:\"{family}\",\"Noto Naskh Arabic\",\"Noto Nastaliq Urdu\",system-ui,sans-serif;font-size:18px;line-height:1.8}}[lang=en]{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}}"
    ));
    Ok(css)
}

/// `font` cut down to the glyphs of `chars` and those its substitutions
/// reach, with the layout tables a browser shapes with, and no hinting.
/// CFF outlines, which skera does not cut, are cut by subsetter to the same
/// glyphs in the same order.
fn subset(font: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    let fail = |what: &str| Error::chart("fonts", format!("cannot embed the font: {what}"));
    let parsed = FontRef::new(font).map_err(|e| fail(&e.to_string()))?;
    let unicodes: IntSet<u32> = chars.iter().map(|c| *c as u32).chain([32]).collect();
    let mut names = IntSet::<NameId>::empty();
    names.insert_range(NameId::from(0)..=NameId::from(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let drop: IntSet<Tag> = [Tag::new(b"DSIG"), Tag::new(b"kern")].into_iter().collect();
    let plan = Plan::new(
        &IntSet::empty(),
        &unicodes,
        &parsed,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop,
        &scripts,
        &features,
        &names,
        &languages,
    );
    let out = skera::subset_font(&parsed, &plan).map_err(|e| fail(&e.to_string()))?;
    let cff = Tag::new(b"CFF ");
    if parsed.data_for_tag(cff).is_none() {
        return Ok(out);
    }
    let mut map: Vec<(GlyphId, GlyphId)> = plan.old_to_new_glyph_mapping().collect();
    map.sort_by_key(|(_, new)| *new);
    let mut remapper = subsetter::GlyphRemapper::new();
    for (old, new) in &map {
        let old = u16::try_from(old.to_u32()).map_err(|_| fail("glyph id out of range"))?;
        if u32::from(remapper.remap(old)) != new.to_u32() {
            return Err(fail("the two subsetters disagree on the glyph order"));
        }
    }
    let cut = subsetter::subset(font, 0, &remapper).map_err(|e| fail(&e.to_string()))?;
    let cut = FontRef::new(&cut).map_err(|e| fail(&e.to_string()))?;
    let table = cut.data_for_tag(cff).ok_or_else(|| fail("no CFF table"))?;
    with_table(&out, cff, table.as_bytes()).ok_or_else(|| fail("malformed subset"))
}

/// The OpenType font `font` with the table `tag` added: the table directory
/// written anew (tables in tag order, each 4-byte aligned, with its
/// checksum) and the head table's checksum adjustment set.
fn with_table(font: &[u8], tag: Tag, data: &[u8]) -> Option<Vec<u8>> {
    let parsed = FontRef::new(font).ok()?;
    let mut tables: Vec<(Tag, Vec<u8>)> = parsed
        .table_directory()
        .table_records()
        .iter()
        .map(|r| Some((r.tag(), parsed.data_for_tag(r.tag())?.as_bytes().to_vec())))
        .collect::<Option<_>>()?;
    tables.push((tag, data.to_vec()));
    tables.sort_by_key(|(t, _)| *t);
    let n = u16::try_from(tables.len()).ok()?;
    let selector = 15 - n.leading_zeros() as u16;
    let range = (1u16 << selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(b"OTTO");
    for v in [n, range, selector, n * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head = None;
    for (t, d) in &mut tables {
        if *t == Tag::new(b"head") {
            d.get_mut(8..12)?.fill(0);
            head = Some(offset + 8);
        }
        out.extend_from_slice(&t.to_be_bytes());
        out.extend_from_slice(&checksum(d).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(d.len()).ok()?.to_be_bytes());
        offset += d.len().div_ceil(4) * 4;
    }
    for (_, d) in &tables {
        out.extend_from_slice(d);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
    out.get_mut(head?..head? + 4)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

/// The OpenType font `sfnt` as WOFF 1.0: the same tables, each deflated
/// where that makes it smaller, behind a directory giving their original
/// lengths and checksums.
fn woff(sfnt: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let parsed = FontRef::new(sfnt).ok()?;
    let records = parsed.table_directory().table_records();
    let mut tables: Vec<(u32, u32, u32, Vec<u8>)> = Vec::new();
    for r in records {
        let data = parsed.data_for_tag(r.tag())?.as_bytes();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).ok()?;
        let packed = z.finish().ok()?;
        let stored = if packed.len() < data.len() {
            packed
        } else {
            data.to_vec()
        };
        let tag = u32::from_be_bytes(r.tag().to_be_bytes());
        tables.push((tag, u32::try_from(data.len()).ok()?, r.checksum(), stored));
    }
    tables.sort_by_key(|t| t.0);
    let sfnt_size = 12
        + 16 * tables.len()
        + tables
            .iter()
            .map(|t| (t.1 as usize).div_ceil(4) * 4)
            .sum::<usize>();
    let mut offset = 44 + 20 * tables.len();
    let mut directory = Vec::new();
    let mut body = Vec::new();
    for (tag, length, sum, stored) in &tables {
        for v in [
            *tag,
            u32::try_from(offset).ok()?,
            u32::try_from(stored.len()).ok()?,
            *length,
            *sum,
        ] {
            directory.extend_from_slice(&v.to_be_bytes());
        }
        body.extend_from_slice(stored);
        body.resize(body.len().div_ceil(4) * 4, 0);
        offset = 44 + 20 * tables.len() + body.len();
    }
    let total = 44 + directory.len() + body.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"wOFF");
    out.extend_from_slice(sfnt.get(..4)?);
    out.extend_from_slice(&u32::try_from(total).ok()?.to_be_bytes());
    out.extend_from_slice(&u16::try_from(tables.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&u32::try_from(sfnt_size).ok()?.to_be_bytes());
    // Version 0.0, and no metadata or private block.
    out.extend_from_slice(&[0; 24]);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&body);
    Some(out)
}

/// The OpenType checksum: the sum of big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyph clusters and positions of `text` shaped in `font`.
    fn shaped(font: &[u8], text: &str) -> Vec<(u32, i32, i32, i32)> {
        let face = rustybuzz::Face::from_slice(font, 0).unwrap();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let out = rustybuzz::shape(&face, &[], buffer);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(i, p)| (i.cluster, p.x_advance, p.x_offset, p.y_offset))
            .collect()
    }

    #[test]
    fn a_subset_shapes_its_text_as_the_whole_font_does_and_is_small() {
        let cases = [
            (
                Face::Inter,
                "Roads get 41.7% of the Rs 12 crore budget: AV To Wave (fictional)",
            ),
            (
                Face::Naskh,
                "ہاربرٹن کا بجٹ ۲۰۲۵ میں ۱۲ کروڑ روپے، سڑکوں لا ۴۱٫۷٪",
            ),
        ];
        for (face, text) in cases {
            for bold in [false, true] {
                let whole = face.data(bold);
                let chars: BTreeSet<char> = text.chars().collect();
                let cut = subset(whole, &chars).unwrap();
                assert_eq!(cut, subset(whole, &chars).unwrap(), "deterministic");
                assert!(cut.len() < whole.len() / 8, "{face:?}: {} bytes", cut.len());
                assert_eq!(
                    shaped(&cut, text),
                    shaped(whole, text),
                    "{face:?} bold {bold}"
                );
                // A valid font: the directory's checksums hold.
                let parsed = FontRef::new(&cut).unwrap();
                for r in parsed.table_directory().table_records() {
                    let data = parsed.data_for_tag(r.tag()).unwrap();
                    if r.tag() != Tag::new(b"head") {
                        assert_eq!(checksum(data.as_bytes()), r.checksum(), "{}", r.tag());
                    }
                }
                assert_eq!(checksum(&cut), 0xB1B0_AFBA);
                // As WOFF, every table inflates back to the table.
                let w = woff(&cut).unwrap();
                assert!(w.len() < cut.len());
                let n = u16::from_be_bytes([w[12], w[13]]) as usize;
                assert_eq!(n, parsed.table_directory().table_records().len());
                for e in w[44..44 + 20 * n].chunks(20) {
                    let word =
                        |i: usize| u32::from_be_bytes(e[i..i + 4].try_into().unwrap()) as usize;
                    let stored = &w[word(4)..word(4) + word(8)];
                    let data = if word(8) < word(12) {
                        let mut out = Vec::new();
                        use std::io::Read;
                        flate2::read::ZlibDecoder::new(stored)
                            .read_to_end(&mut out)
                            .unwrap();
                        out
                    } else {
                        stored.to_vec()
                    };
                    let tag = Tag::new(&e[..4].try_into().unwrap());
                    assert_eq!(data, parsed.data_for_tag(tag).unwrap().as_bytes());
                }
            }
        }
    }
}
