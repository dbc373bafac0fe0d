//! The ledger's records in words: the period a figure covers, the dates it
//! bounds, and who gave it. Charts, checks, the methodology and placeholders
//! all say these things, so they say them one way, in each language through
//! the engine's table of sentences (the `_in` functions take the language).

use crate::i18n::{Lang, Locale};
use crate::ledger::series::date_words;
use crate::ledger::{Figure, Kind, Source};
use crate::sentences::{fill, say};
use crate::util::lower_first;

/// " (inferred)" when the ledger inferred `field` of `f`.
fn mark(l: Lang, f: &Figure, field: &str) -> &'static str {
    if f.inferred(field).is_some() {
        say(l, " (inferred)")
    } else {
        ""
    }
}

/// The report's own words for a period whose dates the ledger inferred,
/// quoted, so that no month span claims more than the report says.
fn reported_period(l: Lang, f: &Figure) -> Option<String> {
    let inferred = f.inferred("period_start").is_some() || f.inferred("period_end").is_some();
    // Words in a script the page is not written in (an Urdu report's, in
    // English) give way to the dates, marked as inferred.
    let arabic = crate::i18n::has_arabic_script(&f.period_text);
    let readable = l != Lang::En || !arabic;
    (inferred && readable && !f.period_text.is_empty()).then(|| {
        fill(
            l,
            "\u{201c}{words}\u{201d} (the report's words)",
            &[("words", &lower_first(&f.period_text))],
        )
    })
}

/// The period a figure covers, in words ("January 2024 to October 2024"),
/// with its dates marked where they are inferred and its start where it is
/// not stated; a period whose dates are inferred from the report's words
/// is given in those words; a date figure's own date.
pub fn period_words(f: &Figure) -> String {
    period_words_in(f, &Locale::english())
}

/// [`period_words`] in a language, with its dates as `loc` writes them.
pub fn period_words_in(f: &Figure, loc: &Locale) -> String {
    let l = loc.lang;
    if f.kind == Kind::Date {
        return f
            .period_end
            .as_deref()
            .map(|d| format!("{}{}", loc.date(d), mark(l, f, "period_end")))
            .unwrap_or_default();
    }
    if let Some(words) = reported_period(l, f) {
        return words;
    }
    let start = |s: &str| format!("{}{}", loc.date(s), mark(l, f, "period_start"));
    let end = |e: &str| format!("{}{}", loc.date(e), mark(l, f, "period_end"));
    match (&f.period_start, &f.period_end) {
        (Some(s), Some(e)) if s == e => end(s),
        (Some(s), Some(e)) => fill(
            l,
            "{start} to {end}",
            &[("start", &start(s)), ("end", &end(e))],
        ),
        (None, Some(e)) => fill(l, "until {end}, start not stated", &[("end", &end(e))]),
        (Some(s), None) => fill(l, "from {start}", &[("start", &start(s))]),
        (None, None) => say(l, "period not stated").to_string(),
    }
}

/// When the period a figure covers ends: "until October 2024", the
/// report's words where its end is inferred from them, or that the report
/// does not state it.
pub fn until_words(f: &Figure) -> String {
    if let Some(words) = reported_period(Lang::En, f) {
        return words;
    }
    match &f.period_end {
        Some(e) => format!("until {}{}", date_words(e), mark(Lang::En, f, "period_end")),
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
    named_in(f, &Locale::english())
}

/// [`named`] in a language: what it counts in the ledger's words, its value
/// as `loc` writes it.
pub fn named_in(f: &Figure, loc: &Locale) -> String {
    match f.value {
        None => format!("{} ({})", what(f), shown_in(f, loc)),
        Some(_) => format!("{} ({})", what(f), with_unit_in(f, loc)),
    }
}

/// A figure's value with its unit as a reader would write it: "206
/// people", "1 person", "Rs 12 crore" (an amount's currency is its unit),
/// "over 5,000 applications".
pub fn with_unit(f: &Figure) -> String {
    with_unit_in(f, &Locale::english())
}

/// [`with_unit`] in a language: the number and hedge as `loc` writes them,
/// the unit as the ledger records it.
pub fn with_unit_in(f: &Figure, loc: &Locale) -> String {
    match (f.value, f.kind) {
        (None, _) | (_, Kind::Amount | Kind::Percent | Kind::OneIn) => shown_in(f, loc),
        (Some(v), _) if loc.is_english() => format!("{} {}", f.shown(), noun(v, &f.unit)),
        // The hedge with the number, the unit after: "۴۰۰ سے زائد families".
        (Some(_), _) => format!("{} {}", loc.hedged(f.qualifier, &value_in(f, loc)), f.unit),
    }
}

/// A figure's value as its kind is shown ([`Figure::shown`]), in a
/// language: digits, hedge, money and dates as `loc` writes them.
pub fn shown_in(f: &Figure, loc: &Locale) -> String {
    if loc.is_english() {
        return f.shown();
    }
    match f.value {
        Some(_) => loc.hedged(f.qualifier, &value_in(f, loc)),
        None => f
            .period_end
            .as_deref()
            .map(|d| loc.date(d))
            .unwrap_or_default(),
    }
}

/// A figure's value without its hedge, in a language other than English.
fn value_in(f: &Figure, loc: &Locale) -> String {
    let v = f.value.unwrap_or_default();
    match f.kind {
        Kind::Amount => loc.amount(v, &f.unit, f.scale.as_deref()),
        Kind::Percent => loc.digits(&format!("{}%", crate::format::number(v))),
        Kind::Change => loc.digits(&crate::format::signed(v)),
        Kind::Ratio | Kind::Fraction => loc.digits(&crate::format::ratio(v)),
        Kind::OneIn => fill(loc.lang, "one in {n}", &[("n", &loc.number(v))]),
        _ => loc.number(v),
    }
}

/// The outlet of a source as `loc` names it, the ledger's name where it
/// has none of its own.
pub fn outlet_in(s: &Source, loc: &Locale) -> String {
    loc.outlets
        .get(&s.id)
        .cloned()
        .unwrap_or_else(|| s.outlet.clone())
}

/// Whom the ledger credits (`attributed_to`) as `loc` names them, the
/// ledger's name where it has none of its own.
pub fn credit_in(name: &str, loc: &Locale) -> String {
    loc.credits
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_string())
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

/// `n` things in a language, from the table's `one` or `many` sentence
/// with an `{n}` slot: "1 problem", "3 problems", "۳ مسائل".
pub(crate) fn count_in(loc: &Locale, n: usize, one: &'static str, many: &'static str) -> String {
    let which = if n == 1 { one } else { many };
    fill(loc.lang, which, &[("n", &loc.digits(&n.to_string()))])
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
