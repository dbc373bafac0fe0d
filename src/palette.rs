//! The house palette, and the colour-vision maths that keeps it readable.
//!
//! Colours are taken from the Okabe–Ito palette (designed to stay distinct
//! under the common colour-vision deficiencies). [`simulate`] applies the
//! Machado, Oliveira & Fernandes (2009) model at full severity, in linear RGB;
//! [`delta_e`] measures the perceived difference with CIEDE2000 in CIELAB
//! (D65). The tests require every pair of colours a chart uses to tell marks
//! apart, and each against the background, to stay at least [`MIN_DELTA_E`]
//! apart under normal vision and all three simulated deficiencies.

use plotters::style::RGBColor;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// As a plotters colour.
    pub fn rgb(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

/// Page background.
pub const BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
/// Titles and labels.
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Subtitles, notes and the source line.
pub const MUTED: Rgb = Rgb(0x59, 0x59, 0x59);
/// Okabe–Ito blue: the main series.
pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xb2);
/// Okabe–Ito sky blue: a second, lighter series.
pub const SKY: Rgb = Rgb(0x56, 0xb4, 0xe9);
/// Okabe–Ito vermillion: what needs the reader's attention.
pub const VERMILLION: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// Okabe–Ito orange.
pub const ORANGE: Rgb = Rgb(0xe6, 0x9f, 0x00);
/// Okabe–Ito reddish purple.
pub const PURPLE: Rgb = Rgb(0xcc, 0x79, 0xa7);
/// Okabe–Ito bluish green.
pub const GREEN: Rgb = Rgb(0x00, 0x9e, 0x73);
/// A neutral grey for context marks.
pub const GREY: Rgb = Rgb(0x9a, 0x9a, 0x9a);

/// The smallest CIEDE2000 difference allowed between two colours that tell
/// marks apart. 10 is about where two flat colours read as different
/// categories at a glance rather than on close comparison.
pub const MIN_DELTA_E: f64 = 10.0;

/// A colour-vision deficiency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deficiency {
    /// Missing long-wavelength (red) cones.
    Protanopia,
    /// Missing medium-wavelength (green) cones.
    Deuteranopia,
    /// Missing short-wavelength (blue) cones.
    Tritanopia,
}

impl Deficiency {
    /// All three.
    pub const ALL: [Deficiency; 3] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
    ];

    /// Machado et al. (2009), severity 1.0, for linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Deficiency::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Deficiency::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn to_srgb(c: f64) -> u8 {
    let c = c.clamp(0.0, 1.0);
    let v = if c <= 0.0031308 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    };
    (v * 255.0).round() as u8
}

/// How `colour` looks to a reader with `deficiency`.
pub fn simulate(colour: Rgb, deficiency: Deficiency) -> Rgb {
    let lin = [
        to_linear(colour.0),
        to_linear(colour.1),
        to_linear(colour.2),
    ];
    let m = deficiency.matrix();
    let out: Vec<u8> = m
        .iter()
        .map(|row| to_srgb(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))
        .collect();
    Rgb(out[0], out[1], out[2])
}

/// CIELAB (D65) of an sRGB colour.
pub fn lab(c: Rgb) -> [f64; 3] {
    let (r, g, b) = (to_linear(c.0), to_linear(c.1), to_linear(c.2));
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference between two sRGB colours.
pub fn delta_e(a: Rgb, b: Rgb) -> f64 {
    delta_e_lab(lab(a), lab(b))
}

/// The CIEDE2000 colour difference between two CIELAB colours (Sharma, Wu
/// and Dalal 2005).
pub fn delta_e_lab([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let cbar = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cbar.powi(7) / (cbar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            let h = b.atan2(a).to_degrees();
            if h < 0.0 { h + 360.0 } else { h }
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dlp = l2 - l1;
    let dcp = c2p - c1p;
    let dhp = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhp_big = 2.0 * (c1p * c2p).sqrt() * (dhp / 2.0).to_radians().sin();
    let lbar = (l1 + l2) / 2.0;
    let cbarp = (c1p + c2p) / 2.0;
    let hbarp = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hbarp - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hbarp).to_radians().cos()
        + 0.32 * (3.0 * hbarp + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hbarp - 63.0).to_radians().cos();
    let dtheta = 30.0 * (-((hbarp - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbarp.powi(7) / (cbarp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lbar - 50.0).powi(2) / (20.0 + (lbar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbarp;
    let sh = 1.0 + 0.015 * cbarp * t;
    let rt = -(2.0 * dtheta).to_radians().sin() * rc;
    ((dlp / sl).powi(2)
        + (dcp / sc).powi(2)
        + (dhp_big / sh).powi(2)
        + rt * (dcp / sc) * (dhp_big / sh))
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 34 test pairs of Sharma, Wu and Dalal (2005), "The CIEDE2000
    /// color-difference formula: implementation notes, supplementary test
    /// data, and mathematical observations", Table 1: Lab 1, Lab 2, ΔE00.
    const SHARMA: [([f64; 3], [f64; 3], f64); 34] = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
        ([50.0, 2.8361, -74.0200], [50.0, 0.0, -82.7485], 3.4412),
        ([50.0, -1.3802, -84.2814], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, -1.1848, -84.8006], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, -0.9009, -85.5211], [50.0, 0.0, -82.7485], 1.0000),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, -1.0, 2.0], [50.0, 0.0, 0.0], 2.3669),
        ([50.0, 2.4900, -0.0010], [50.0, -2.4900, 0.0009], 7.1792),
        ([50.0, 2.4900, -0.0010], [50.0, -2.4900, 0.0010], 7.1792),
        ([50.0, 2.4900, -0.0010], [50.0, -2.4900, 0.0011], 7.2195),
        ([50.0, 2.4900, -0.0010], [50.0, -2.4900, 0.0012], 7.2195),
        ([50.0, -0.0010, 2.4900], [50.0, 0.0009, -2.4900], 4.8045),
        ([50.0, -0.0010, 2.4900], [50.0, 0.0010, -2.4900], 4.8045),
        ([50.0, -0.0010, 2.4900], [50.0, 0.0011, -2.4900], 4.7461),
        ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977),
        ([50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.9030),
        ([50.0, 2.5, 0.0], [58.0, 24.0, 15.0], 19.4535),
        ([50.0, 2.5, 0.0], [50.0, 3.1736, 0.5854], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 3.2972, 0.0], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 1.8634, 0.5757], 1.0000),
        ([50.0, 2.5, 0.0], [50.0, 3.2592, 0.3350], 1.0000),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
        (
            [63.0109, -31.0961, -5.8663],
            [62.8187, -29.7946, -4.0864],
            1.2630,
        ),
        (
            [61.2901, 3.7196, -5.3901],
            [61.4292, 2.2480, -4.9620],
            1.8731,
        ),
        (
            [35.0831, -44.1164, 3.7933],
            [35.0232, -40.0716, 1.5901],
            1.8645,
        ),
        (
            [22.7233, 20.0904, -46.6940],
            [23.0331, 14.9730, -42.5619],
            2.0373,
        ),
        (
            [36.4612, 47.8580, 18.3852],
            [36.2715, 50.5065, 21.2231],
            1.4146,
        ),
        (
            [90.8027, -2.0831, 1.4410],
            [91.1528, -1.6435, 0.0447],
            1.4441,
        ),
        (
            [90.9257, -0.5406, -0.9208],
            [88.6381, -0.8985, -0.7239],
            1.5381,
        ),
        (
            [6.7747, -0.2908, -2.4247],
            [5.8714, -0.0985, -2.2286],
            0.6377,
        ),
        (
            [2.0776, 0.0795, -1.1350],
            [0.9033, -0.0636, -0.5514],
            0.9082,
        ),
    ];

    #[test]
    fn ciede2000_matches_the_published_test_data() {
        for (i, (a, b, want)) in SHARMA.iter().enumerate() {
            let got = delta_e_lab(*a, *b);
            assert!(
                (got - want).abs() < 1e-4,
                "pair {}: {got:.4}, expected {want}",
                i + 1
            );
            // The formula is symmetric.
            assert!(
                (delta_e_lab(*b, *a) - want).abs() < 1e-4,
                "pair {} reversed",
                i + 1
            );
        }
    }

    #[test]
    fn srgb_to_lab_anchors() {
        let white = lab(Rgb(255, 255, 255));
        assert!((white[0] - 100.0).abs() < 0.01 && white[1].abs() < 0.01 && white[2].abs() < 0.01);
        assert_eq!(lab(Rgb(0, 0, 0)), [0.0, 0.0, 0.0]);
        // sRGB red is L 53.24, a 80.09, b 67.20 (D65).
        let red = lab(Rgb(255, 0, 0));
        assert!(
            (red[0] - 53.24).abs() < 0.05
                && (red[1] - 80.09).abs() < 0.05
                && (red[2] - 67.20).abs() < 0.05,
            "{red:?}"
        );
    }

    #[test]
    fn simulation_keeps_greys_grey() {
        for d in Deficiency::ALL {
            let g = simulate(Rgb(128, 128, 128), d);
            assert!(
                (i32::from(g.0) - 128).abs() <= 2 && (i32::from(g.2) - 128).abs() <= 2,
                "{d:?}: {g:?}"
            );
        }
    }
}
