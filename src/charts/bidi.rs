//! Right-to-left lines: Urdu text, with the Latin names, digits and
//! punctuation inside it, laid out as the reader reads it and drawn so that
//! resvg and a browser place every glyph in the same spot.
//!
//! A line is reordered once here, by the Unicode bidirectional algorithm
//! with a right-to-left paragraph (the `unicode-bidi` crate usvg uses).
//! Each visual run is then cut where the face changes (Arabic script in
//! Noto Naskh Arabic, Latin in Inter, digits and punctuation in the face of
//! the letters before them) and drawn as a `<text>` of its own at an
//! explicit x, fenced by directional marks so that any renderer, whatever
//! the direction it inherits, shapes it in the direction it has in the line.
//! A piece's width is measured exactly as usvg lays out that `<text>`: its
//! own bidirectional runs in a left-to-right paragraph, each shaped by
//! rustybuzz, each cluster as wide as its widest glyph.

use std::ops::Range;
use std::sync::OnceLock;

use rustybuzz::Direction;
use unicode_bidi::{BidiInfo, Level};

use super::render;

/// A bundled face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    /// Inter, for Latin letters and what goes with them.
    Inter,
    /// Noto Naskh Arabic, for the Arabic script and what goes with it.
    Naskh,
}

impl Face {
    /// The family the SVG names for text in this face.
    pub(crate) fn family(self) -> &'static str {
        match self {
            Face::Inter => super::draw::FAMILIES,
            Face::Naskh => NASKH_FAMILIES,
        }
    }

    /// The face's data, regular or bold.
    pub(crate) fn data(self, bold: bool) -> &'static [u8] {
        match (self, bold) {
            (Face::Inter, false) => render::REGULAR,
            (Face::Inter, true) => render::BOLD,
            (Face::Naskh, false) => render::NASKH_REGULAR,
            (Face::Naskh, true) => render::NASKH_BOLD,
        }
    }

    /// The parsed face, regular or bold.
    pub(crate) fn face(self, bold: bool) -> &'static rustybuzz::Face<'static> {
        static FACES: OnceLock<Vec<rustybuzz::Face<'static>>> = OnceLock::new();
        let faces = FACES.get_or_init(|| {
            [
                (Face::Inter, false),
                (Face::Inter, true),
                (Face::Naskh, false),
                (Face::Naskh, true),
            ]
            .iter()
            .map(|(f, b)| {
                rustybuzz::Face::from_slice(f.data(*b), 0)
                    .unwrap_or_else(|| panic!("the bundled fonts are valid"))
            })
            .collect()
        });
        &faces[2 * usize::from(self == Face::Naskh) + usize::from(bold)]
    }

    fn has(self, c: char) -> bool {
        self.face(false).glyph_index(c).is_some()
    }
}

/// The family the SVG names for Arabic-script text: the bundled face, then
/// families a browser without it can fall back to.
pub const NASKH_FAMILIES: &str = "Noto Naskh Arabic, Noto Nastaliq Urdu, serif";

/// Left-to-right and right-to-left marks: a piece is fenced by the one of
/// its direction.
const LRM: char = '\u{200E}';
const RLM: char = '\u{200F}';

/// One piece of a right-to-left line: a run of one face and one direction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    /// The text as drawn, fenced by its directional marks.
    pub text: String,
    /// Its left edge, from the line's left edge.
    pub x: f32,
    /// Its width.
    pub width: f32,
    /// Its face.
    pub face: Face,
}

/// A right-to-left line laid out: its pieces left to right, and its width.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The pieces, left to right.
    pub pieces: Vec<Piece>,
    /// From the left edge of the first piece to the right edge of the last.
    pub width: f32,
}

use crate::i18n::is_arabic_script as arabic;

/// The face of each character of `text`: the Arabic script in Naskh, other
/// letters in Inter, and everything else (digits, spaces, punctuation) in
/// the face of the letter before it (or after it, at the start), unless
/// that face lacks it.
fn faces(text: &str) -> Vec<Face> {
    let strong: Vec<Option<Face>> = text
        .chars()
        .map(|c| {
            if arabic(c) {
                Some(Face::Naskh)
            } else if c.is_alphabetic() {
                Some(Face::Inter)
            } else {
                None
            }
        })
        .collect();
    let first = strong
        .iter()
        .flatten()
        .next()
        .copied()
        .unwrap_or(Face::Naskh);
    let mut last = first;
    text.chars()
        .zip(strong)
        .map(|(c, s)| {
            let face = s.unwrap_or(last);
            last = face;
            match face {
                f if f.has(c) => f,
                Face::Naskh if Face::Inter.has(c) => Face::Inter,
                Face::Inter if Face::Naskh.has(c) => Face::Naskh,
                f => f,
            }
        })
        .collect()
}

/// Lays out `text` (white space collapsed, as usvg reads it) as one
/// right-to-left line at `px` pixels.
pub(crate) fn line(text: &str, px: f32, bold: bool) -> Line {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let faces = faces(&text);
    // The face of each byte, for the byte ranges the algorithm gives.
    let mut byte_face = Vec::with_capacity(text.len());
    for (c, f) in text.chars().zip(&faces) {
        byte_face.extend(std::iter::repeat_n(*f, c.len_utf8()));
    }
    let info = BidiInfo::new(&text, Some(Level::rtl()));
    let mut pieces = Vec::new();
    let mut x = 0.0;
    let Some(paragraph) = info.paragraphs.first() else {
        return Line { pieces, width: 0.0 };
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let mut parts = split_by_face(&text, run, &byte_face);
        if rtl {
            parts.reverse();
        }
        for (range, face) in parts {
            place(&text[range], face, rtl, px, bold, &mut x, &mut pieces);
        }
    }
    Line { pieces, width: x }
}

/// The logical ranges of `run` in one face each.
fn split_by_face(text: &str, run: Range<usize>, byte_face: &[Face]) -> Vec<(Range<usize>, Face)> {
    let mut parts: Vec<(Range<usize>, Face)> = Vec::new();
    for (i, c) in text[run.clone()].char_indices() {
        let at = run.start + i;
        let face = byte_face[at];
        match parts.last_mut() {
            Some((r, f)) if *f == face => r.end = at + c.len_utf8(),
            _ => parts.push((at..at + c.len_utf8(), face)),
        }
    }
    parts
}

/// Places one run of one face and direction at `x`: the spaces at its ends
/// as room (usvg trims them from a text), the rest as a piece.
fn place(run: &str, face: Face, rtl: bool, px: f32, bold: bool, x: &mut f32, out: &mut Vec<Piece>) {
    let space = advance(" ", face, px, bold);
    let body = run.trim_matches(' ');
    if body.is_empty() {
        *x += run.len() as f32 * space;
        return;
    }
    let lead = (run.len() - run.trim_start_matches(' ').len()) as f32 * space;
    let trail = (run.len() - run.trim_end_matches(' ').len()) as f32 * space;
    // Visually, a right-to-left run's logical end is on its left.
    *x += if rtl { trail } else { lead };
    let mark = if rtl { RLM } else { LRM };
    let text = format!("{mark}{body}{mark}");
    let width = advance(&text, face, px, bold);
    out.push(Piece {
        text,
        x: *x,
        width,
        face,
    });
    *x += width;
    *x += if rtl { lead } else { trail };
}

/// The width of `text` drawn alone in `face` at `px` pixels, as usvg lays
/// it out: its bidirectional runs in a left-to-right paragraph, each shaped
/// in its direction, each cluster as wide as its widest glyph's advance,
/// summed in `f32`.
pub(crate) fn advance(text: &str, face: Face, px: f32, bold: bool) -> f32 {
    let font = face.face(bold);
    let scale = px / font.units_per_em() as f32;
    let info = BidiInfo::new(text, Some(Level::ltr()));
    let Some(paragraph) = info.paragraphs.first() else {
        return 0.0;
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    let mut clusters: Vec<(usize, f32)> = Vec::new();
    for run in runs {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text[run.clone()]);
        buffer.set_direction(if levels[run.start].is_ltr() {
            Direction::LeftToRight
        } else {
            Direction::RightToLeft
        });
        let shaped = rustybuzz::shape(font, &[], buffer);
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let at = run.start + info.cluster as usize;
            let width = pos.x_advance as f32 * scale;
            match clusters.last_mut() {
                Some((cluster, widest)) if *cluster == at => *widest = widest.max(width),
                _ => clusters.push((at, width.max(0.0))),
            }
        }
    }
    clusters.iter().fold(0.0, |sum, (_, width)| sum + width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &Line) -> Vec<String> {
        line.pieces
            .iter()
            .map(|p| p.text.trim_matches([LRM, RLM]).to_string())
            .collect()
    }

    #[test]
    fn a_line_reads_right_to_left_with_latin_and_digits_in_their_order() {
        // Logical: "income of 52 percent on ChitChat in 2025".
        let l = line("آمدنی کا ۵۲ فیصد ChitChat پر 2025 میں", 13.0, false);
        // Left to right on the page: the last words first.
        assert_eq!(
            texts(&l),
            ["میں", "2025", "پر", "ChitChat", "فیصد", "۵۲", "آمدنی کا"]
        );
        let faces: Vec<Face> = l.pieces.iter().map(|p| p.face).collect();
        use Face::{Inter, Naskh};
        assert_eq!(faces, [Naskh, Naskh, Naskh, Inter, Naskh, Naskh, Naskh]);
        // Pieces sit side by side, a space apart, in order.
        for w in l.pieces.windows(2) {
            assert!(w[1].x > w[0].x + w[0].width, "{w:?}");
        }
        let last = l.pieces.last().unwrap();
        assert_eq!(l.width, last.x + last.width);
        // A Latin name with a space stays one piece; parentheses go to
        // Inter, which has them, and keep their place in the line.
        let l = line("ہاربرٹن ہیرالڈ (The Harbourton Herald)", 13.0, true);
        // Each parenthesis is drawn right to left, so mirrored, as a
        // browser draws it.
        assert_eq!(
            texts(&l),
            [")", "The Harbourton Herald", "(", "ہاربرٹن ہیرالڈ"]
        );
        assert!(l.pieces[..3].iter().all(|p| p.face == Face::Inter));
        assert!(l.pieces[0].text.starts_with(RLM) && l.pieces[1].text.starts_with(LRM));
    }
}
