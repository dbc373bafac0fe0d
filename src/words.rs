//! The ledger's records in words: the period a figure covers, the dates it
//! bounds, and who gave it. Charts, checks, the methodology and placeholders
//! all say these things, so they say them one way.

use crate::ledger::series::date_words;
use crate::ledger::{Figure, Kind};
use crate::util::lower_first;

/// " (inferred)" when the ledger inferred `field` of `f`.
fn mark(f: &Figure, field: &str) -> &'static str {
    if f.inferred(field).is_some() {
        " (inferred)"
    } else {
        ""
    }
}

/// The report's own words for a period whose dates the ledger inferred,
/// quoted, so that no month span claims more than the report says.
fn reported_period(f: &Figure) -> Option<String> {
    let inferred = f.inferred("period_start").is_some() || f.inferred("period_end").is_some();
    (inferred && !f.period_text.is_empty()).then(|| {
        format!(
            "\u{201c}{}\u{201d} (the report's words)",
            lower_first(&f.period_text)
        )
    })
}

/// The period a figure covers, in words ("January 2024 to October 2024"),
/// with its dates marked where they are inferred and its start where it is
/// not stated; a period whose dates are inferred from the report's words
/// is given in those words; a date figure's own date.
pub fn period_words(f: &Figure) -> String {
    if f.kind == Kind::Date {
        return f
            .period_end
            .as_deref()
            .map(|d| format!("{}{}", date_words(d), mark(f, "period_end")))
            .unwrap_or_default();
    }
    if let Some(words) = reported_period(f) {
        return words;
    }
    match (&f.period_start, &f.period_end) {
        (Some(s), Some(e)) if s == e => format!("{}{}", date_words(s), mark(f, "period_end")),
        (Some(s), Some(e)) => format!(
            "{}{} to {}{}",
            date_words(s),
            mark(f, "period_start"),
            date_words(e),
            mark(f, "period_end")
        ),
        (None, Some(e)) => format!(
            "until {}{}, start not stated",
            date_words(e),
            mark(f, "period_end")
        ),
        (Some(s), None) => format!("from {}{}", date_words(s), mark(f, "period_start")),
        (None, None) => "period not stated".to_string(),
    }
}

/// When the period a figure covers ends: "until October 2024", the
/// report's words where its end is inferred from them, or that the report
/// does not state it.
pub fn until_words(f: &Figure) -> String {
    if let Some(words) = reported_period(f) {
        return words;
    }
    match &f.period_end {
        Some(e) => format!("until {}{}", date_words(e), mark(f, "period_end")),
        None => "over a period the report does not state".to_string(),
    }
}

/// What a figure counts, in plain words and lower case, without a closing
/// parenthesis that may quote its own report: "People hurt (the report:
/// "…")" → "people hurt".
pub fn what(f: &Figure) -> String {
    let counts = f.counts.as_str();
    let plain = match counts.rfind(" (") {
        Some(i) if counts.ends_with(')') => &counts[..i],
        _ => counts,
    };
    lower_first(plain)
}

/// A figure named in prose, never by its id: what it counts and its value
/// with its unit, "people killed (206 people)".
pub fn named(f: &Figure) -> String {
    match f.value {
        None => format!("{} ({})", what(f), f.shown()),
        Some(_) => format!("{} ({})", what(f), with_unit(f)),
    }
}

/// A figure's value with its unit as a reader would write it: "206
/// people", "1 person", "Rs 12 crore" (an amount's currency is its unit),
/// "over 5,000 applications".
pub fn with_unit(f: &Figure) -> String {
    match (f.value, f.kind) {
        (None, _) | (_, Kind::Amount | Kind::Percent | Kind::OneIn) => f.shown(),
        (Some(v), _) => format!("{} {}", f.shown(), noun(v, &f.unit)),
    }
}

/// `unit` (a plural noun, as the ledger records it) for a count of `n`:
/// singular for exactly one ("1 person", "1 account"), as recorded
/// otherwise.
pub fn noun(n: f64, unit: &str) -> String {
    if n == 1.0 || n == -1.0 {
        pluralizer::pluralize(unit, 1, false)
    } else {
        unit.to_string()
    }
}

/// `n` things: "1 problem", "3 problems", "0 problems".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Who a figure is credited to, or that its report does not say.
pub fn who(f: &Figure) -> String {
    if f.attributed_to.is_empty() {
        "a source the report does not name".to_string()
    } else {
        f.attributed_to.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(noun(1.0, "people"), "person");
        assert_eq!(noun(1.0, "social media accounts"), "social media account");
        assert_eq!(noun(1.0, "inquiries"), "inquiry");
        assert_eq!(noun(2.0, "people"), "people");
        assert_eq!(noun(0.0, "accounts"), "accounts");
        assert_eq!(count(1, "problem", "problems"), "1 problem");
        assert_eq!(count(0, "problem", "problems"), "0 problems");
    }
}
