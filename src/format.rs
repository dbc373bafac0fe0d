//! How numbers are shown. Values are stored exactly; rounding happens only
//! here, at display time.
//!
//! Every form written here can be read back by [`crate::numbers`], so the
//! audit finds the numbers we print as it finds the source's.

use serde::{Deserialize, Serialize};

/// The minus sign used for negative numbers (U+2212), as typeset.
pub const MINUS: char = '\u{2212}';

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A whole or exact number with thousands separators: `7,984`.
    Count,
    /// Money: currency and scale word, `Rs 581 million`.
    Amount,
    /// A fraction 0–1 as a percentage with one decimal: `33.8%`.
    Percent,
    /// A plain ratio to three significant figures: `38.8`.
    Ratio,
    /// A rate between two different kinds of thing: `0.0258 per operation`.
    Per,
    /// A signed difference: `+1,200`, `−5`.
    Change,
    /// A signed fraction as a percentage change: `+12.0%`.
    ChangePercent,
}

impl Display {
    /// Every display, in the order the field dictionary lists them.
    pub const ALL: [Display; 7] = [
        Display::Count,
        Display::Amount,
        Display::Percent,
        Display::Ratio,
        Display::Per,
        Display::Change,
        Display::ChangePercent,
    ];

    /// The name used in the CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Display::Count => "count",
            Display::Amount => "amount",
            Display::Percent => "percent",
            Display::Ratio => "ratio",
            Display::Per => "per",
            Display::Change => "change",
            Display::ChangePercent => "change_percent",
        }
    }

    /// Parses the CSV name.
    pub fn parse(s: &str) -> Option<Display> {
        Display::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// True for displays of a fraction (0–1 for shares).
    pub fn is_fraction(self) -> bool {
        matches!(self, Display::Percent | Display::ChangePercent)
    }
}

/// Inserts thousands separators into the integer part of a decimal string.
fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => (Some(MINUS), r),
        None => (None, s),
    };
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3 + 2);
    out.extend(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value exactly as stored, with thousands separators: `7,984`, `0.5`,
/// `−5`.
///
/// ```
/// use newsfigures::format::number;
/// assert_eq!(number(7984.0), "7,984");
/// assert_eq!(number(2.5), "2.5");
/// assert_eq!(number(-5.0), "\u{2212}5");
/// ```
pub fn number(v: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, v);
    out
}

/// [`number`], written at the end of `out`.
pub(crate) fn push_number(out: &mut String, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        // Whole numbers below 10^15 are exact as integers: their digits
        // are written straight into `out`, grouped as they go.
        let (mut digits, mut len, mut rest) = ([0u8; 16], 0, v.abs() as u64);
        loop {
            digits[len] = b'0' + (rest % 10) as u8;
            len += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        out.reserve(len + len / 3 + 3);
        if v.is_sign_negative() {
            out.push(MINUS);
        }
        for i in (0..len).rev() {
            out.push(char::from(digits[i]));
            if i > 0 && i % 3 == 0 {
                out.push(',');
            }
        }
    } else {
        out.push_str(&group_thousands(&format!("{v}")));
    }
}

/// A signed number: `+1,200`, `−5`, `0`.
///
/// ```
/// assert_eq!(newsfigures::format::signed(1200.0), "+1,200");
/// ```
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", number(v))
    } else {
        number(v)
    }
}

/// A fraction 0–1 as a percentage with one decimal: `0.337…` → `33.8%`.
///
/// ```
/// assert_eq!(newsfigures::format::percent(312.0 / 924.0), "33.8%");
/// ```
pub fn percent(v: f64) -> String {
    let s = format!("{:.1}", v * 100.0);
    // "-0.0" reads as a negative zero.
    let s = if s == "-0.0" { "0.0".to_string() } else { s };
    format!("{}%", group_thousands(&s))
}

/// A signed fraction as a percentage change: `+12.0%`, `−3.5%`.
pub fn change_percent(v: f64) -> String {
    let p = percent(v);
    if v > 0.0 && p != "0.0%" {
        format!("+{p}")
    } else {
        p
    }
}

/// A ratio to three significant figures: `0.0258`, `38.8`, `308`.
///
/// ```
/// use newsfigures::format::ratio;
/// assert_eq!(ratio(206.0 / 7984.0), "0.0258");
/// assert_eq!(ratio(7984.0 / 206.0), "38.8");
/// assert_eq!(ratio(924.0 / 3.0), "308");
/// ```
pub fn ratio(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return number(v);
    }
    let digits = v.abs().log10().floor() as i32 + 1;
    let decimals = (3 - digits).max(0) as usize;
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    group_thousands(&s)
}

/// What readers know a currency by, before the number; nothing for no
/// currency.
pub fn currency_symbol(code: &str) -> String {
    match code {
        "PKR" | "INR" | "LKR" | "NPR" => "Rs ".to_string(),
        "USD" => "$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "" => String::new(),
        other => format!("{other} "),
    }
}

/// The scale word to show an amount with, when the ledger gives none.
fn auto_scale(v: f64) -> Option<&'static str> {
    let a = v.abs();
    if a >= 1e12 {
        Some("trillion")
    } else if a >= 1e9 {
        Some("billion")
    } else if a >= 1e6 {
        Some("million")
    } else {
        None
    }
}

/// Money: `Rs 581 million`, `$3.5 billion`, `€1,200`.
///
/// `scale` is the scale word the ledger records for the figure (lakh,
/// crore, million…); without one, millions and above are shown in words.
///
/// ```
/// use newsfigures::format::amount;
/// assert_eq!(amount(581e6, "PKR", Some("million")), "Rs 581 million");
/// assert_eq!(amount(5e7, "PKR", Some("crore")), "Rs 5 crore");
/// assert_eq!(amount(1.2e9, "USD", None), "$1.2 billion");
/// ```
pub fn amount(v: f64, currency: &str, scale: Option<&str>) -> String {
    let symbol = currency_symbol(currency);
    let sign = if v < 0.0 {
        MINUS.to_string()
    } else {
        String::new()
    };
    let scale = scale.or_else(|| auto_scale(v));
    match scale.and_then(|s| crate::numbers::scale_value(s).map(|k| (s, k))) {
        Some((word, k)) => {
            let scaled = v.abs() / k;
            let mut s = format!("{scaled:.2}");
            s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            format!("{sign}{symbol}{} {word}", group_thousands(&s))
        }
        None => format!("{sign}{symbol}{}", number(v.abs())),
    }
}

/// A rate between two kinds of thing: `0.0258 per operation`.
pub fn per(v: f64, unit: &str) -> String {
    if unit.is_empty() {
        ratio(v)
    } else {
        format!("{} per {unit}", ratio(v))
    }
}

/// A value as `display` says to show it. `unit` is the currency for
/// amounts and the unit after "per" for rates; `scale` is an amount's
/// scale word.
pub fn show(v: f64, display: Display, unit: &str, scale: Option<&str>) -> String {
    match display {
        Display::Count => number(v),
        Display::Amount => amount(v, unit, scale),
        Display::Percent => percent(v),
        Display::Ratio => ratio(v),
        Display::Per => per(v, unit),
        Display::Change => signed(v),
        Display::ChangePercent => change_percent(v),
    }
}

/// A plain-text table with aligned columns; `right[i]` right-aligns column i.
pub fn text_table(headers: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.chars().count());
            if i > 0 {
                out.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            } else {
                out.push_str(c);
                if i + 1 < cells.len() {
                    out.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(headers);
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rules.iter().map(String::as_str).collect::<Vec<_>>()));
    for r in rows {
        out.push_str(&line(&r.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(924.0), "924");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(1234.25), "1,234.25");
        assert_eq!(number(-1234.0), "\u{2212}1,234");
        assert_eq!(signed(0.0), "0");
        assert_eq!(percent(5.0 / 924.0), "0.5%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(-0.00001), "0.0%");
        assert_eq!(change_percent(0.12), "+12.0%");
        assert_eq!(change_percent(-0.035), "\u{2212}3.5%");
        assert_eq!(ratio(14.0 / 924.0), "0.0152");
        assert_eq!(ratio(66.0), "66");
        assert_eq!(ratio(12345.6), "12,346");
        assert_eq!(per(0.0258, "operation"), "0.0258 per operation");
        assert_eq!(amount(-2.5e6, "GBP", None), "\u{2212}£2.5 million");
        assert_eq!(amount(1500.0, "BDT", None), "BDT 1,500");
        assert_eq!(amount(12.5e5, "INR", Some("lakh")), "Rs 12.5 lakh");
    }

    #[test]
    fn whole_numbers_are_written_as_the_float_formatter_would() {
        let mut values: Vec<f64> = (-2000..2000).map(f64::from).collect();
        let mut p = 1.0;
        while p < 1e15 {
            values.extend([p - 1.0, p, p + 1.0, -p, 7.0 * p, 999_999_999_999_999.0]);
            p *= 10.0;
        }
        values.push(-0.0);
        for v in values {
            assert_eq!(number(v), group_thousands(&format!("{v}")), "{v}");
        }
    }

    #[test]
    fn table_aligns() {
        let t = text_table(
            &["id", "n"],
            &[vec!["a".into(), "1,000".into()]],
            &[false, true],
        );
        assert_eq!(t, "id      n\n--  -----\na   1,000\n");
    }
}
