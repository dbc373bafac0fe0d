//! How numbers are shown. Values are stored exactly; rounding happens only here.

use crate::ledger::Display;

/// Inserts thousands separators into the integer part of a decimal string.
fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
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

/// A value exactly as stored, with thousands separators: `7,984`, `0.5`.
///
/// ```
/// assert_eq!(newsfigures::format::number(7984.0), "7,984");
/// assert_eq!(newsfigures::format::number(2.5), "2.5");
/// ```
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        group_thousands(&format!("{v:.0}"))
    } else {
        group_thousands(&format!("{v}"))
    }
}

/// A fraction 0–1 as a percentage with one decimal: `0.337…` → `33.8%`.
///
/// ```
/// assert_eq!(newsfigures::format::percent(312.0 / 924.0), "33.8%");
/// ```
pub fn percent(v: f64) -> String {
    format!("{}%", group_thousands(&format!("{:.1}", v * 100.0)))
}

/// A ratio to three significant figures: `0.0258`, `38.8`, `308`.
///
/// ```
/// assert_eq!(newsfigures::format::ratio(206.0 / 7984.0), "0.0258");
/// assert_eq!(newsfigures::format::ratio(7984.0 / 206.0), "38.8");
/// assert_eq!(newsfigures::format::ratio(924.0 / 3.0), "308");
/// ```
pub fn ratio(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = v.abs().log10().floor() as i32 + 1;
    let decimals = (3 - digits).max(0) as usize;
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    group_thousands(&s)
}

/// A metric's value as its definition says to show it.
pub fn metric(v: f64, display: Display) -> String {
    match display {
        Display::Percent => percent(v),
        Display::Ratio => ratio(v),
    }
}

/// A plain-text table with aligned columns; `right[i]` right-aligns column i.
pub fn text_table(headers: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
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
    let mut out = line(headers.to_vec());
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(924.0), "924");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(1234.25), "1,234.25");
        assert_eq!(percent(5.0 / 924.0), "0.5%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(ratio(14.0 / 924.0), "0.0152");
        assert_eq!(ratio(66.0), "66");
        assert_eq!(ratio(12345.6), "12,346");
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
