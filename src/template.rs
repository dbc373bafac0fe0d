//! Templates: our own sentences, with every number filled in by the engine.
//!
//! A template is text with `{placeholder}`s. A placeholder names a figure,
//! a metric or a value the chart computes (`{total}`, `{first.share}`), and
//! may say how to show it (`{roads_2025:printed}`, `{first.share:words}`).
//! Three rules keep our words from going stale when the figures change:
//!
//! 1. no digit may be typed outside a placeholder;
//! 2. every placeholder must name something that exists;
//! 3. proportion words typed into the text ("more than half", "a third",
//!    "most", "twice") must fit the value the sentence is tied to.
//!
//! ```
//! use newsfigures::template::{render, Vars, Value};
//! use newsfigures::format::Display;
//!
//! let mut vars = Vars::default();
//! vars.insert("share", Value::number(0.527, Display::Percent));
//! let text = render("{share:words} of accounts", &vars, None).unwrap();
//! assert_eq!(text, "More than half of accounts");
//! assert!(render("52% of accounts", &vars, None).is_err());
//! assert!(render("Most accounts", &vars, Some("share")).is_ok());
//! vars.insert("share", Value::number(0.49, Display::Percent));
//! assert!(render("Most accounts", &vars, Some("share")).is_err());
//! ```

use std::collections::BTreeMap;

use crate::format::{self, Display};

/// A value a placeholder can show.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number and how it is shown by default.
    Number {
        /// The value, unrounded.
        value: f64,
        /// How it is shown.
        display: Display,
        /// The currency (amounts) or the unit after "per" (rates).
        unit: String,
        /// An amount's scale word.
        scale: Option<String>,
    },
    /// Words: a label, a date, an outlet.
    Text(String),
}

impl Value {
    /// A number shown as `display`.
    pub fn number(value: f64, display: Display) -> Value {
        Value::Number {
            value,
            display,
            unit: String::new(),
            scale: None,
        }
    }

    /// The number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number { value, .. } => Some(*value),
            Value::Text(_) => None,
        }
    }
}

/// Named values for placeholders. A name may carry its own formats
/// (`figure_id:printed`), looked up before the plain name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vars(BTreeMap<String, Value>);

impl Vars {
    /// Adds or replaces a value.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.0.insert(name.into(), value);
    }

    /// A value by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

/// Where placeholders are looked up: a chart's values, then the ledger's
/// metrics and figures.
pub trait Lookup {
    /// The value named `name`.
    fn value(&self, name: &str) -> Option<Value>;
    /// Words a format gives for `name` (`printed`, `period`…), where the
    /// named thing has them.
    fn words(&self, name: &str, format: &str) -> Option<String>;
}

impl Lookup for Vars {
    fn value(&self, name: &str) -> Option<Value> {
        self.get(name).cloned()
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        match self.get(&format!("{name}:{format}")) {
            Some(Value::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }
}

/// Two lookups, the first before the second.
pub struct Layered<'a>(pub &'a dyn Lookup, pub &'a dyn Lookup);

impl Lookup for Layered<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        self.0.value(name).or_else(|| self.1.value(name))
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        self.0
            .words(name, format)
            .or_else(|| self.1.words(name, format))
    }
}

/// The formats a number placeholder takes.
pub const NUMBER_FORMATS: [&str; 7] = [
    "number", "percent", "ratio", "abs", "signed", "words", "shown",
];

/// Why a template cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Fills in a template and checks its proportion words against the value
/// named by `tied_to`.
pub fn render(
    template: &str,
    vars: &dyn Lookup,
    tied_to: Option<&str>,
) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut at_start = true;
    while !rest.is_empty() {
        let next = rest.find(['{', '}']).unwrap_or(rest.len());
        let literal = &rest[..next];
        if let Some(d) = literal.chars().find(|c| c.is_numeric()) {
            return Err(TemplateError(format!(
                "the digit {d:?} is typed into the text; every number must come from a placeholder bound to a figure or metric (like {{roads_2025}})"
            )));
        }
        out.push_str(literal);
        rest = &rest[next..];
        if rest.is_empty() {
            break;
        }
        if rest.starts_with('}') {
            return Err(TemplateError("a `}` without its `{`".to_string()));
        }
        let Some(close) = rest.find('}') else {
            return Err(TemplateError("a `{` without its `}`".to_string()));
        };
        let inner = &rest[1..close];
        let (name, fmt) = match inner.split_once(':') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner.trim(), None),
        };
        let shown = fill(name, fmt, vars)?;
        // A sentence that opens with a placeholder in words is capitalised.
        if at_start && out.is_empty() && fmt == Some("words") {
            out.push_str(&crate::util::capitalise(&shown));
        } else {
            out.push_str(&shown);
        }
        at_start = false;
        rest = &rest[close + 1..];
    }
    check_proportions(&out, template, vars, tied_to)?;
    Ok(out)
}

fn fill(name: &str, fmt: Option<&str>, vars: &dyn Lookup) -> Result<String, TemplateError> {
    if let Some(f) = fmt {
        if let Some(t) = vars.words(name, f) {
            return Ok(t);
        }
    }
    let Some(value) = vars.value(name) else {
        return Err(TemplateError(format!(
            "unknown placeholder {{{name}}}; expected a figure id, a metric id or one of the chart's values (see data/README.md)"
        )));
    };
    match (&value, fmt) {
        (Value::Text(t), None) => Ok(t.clone()),
        (Value::Text(_), Some(f)) => Err(TemplateError(format!(
            "{{{name}}} is words, not a number, and takes no format `:{f}`"
        ))),
        (
            Value::Number {
                value,
                display,
                unit,
                scale,
            },
            fmt,
        ) => {
            let v = *value;
            Ok(match fmt {
                None | Some("shown") => format::show(v, *display, unit, scale.as_deref()),
                Some("number") => format::number(v),
                Some("percent") => format::percent(v),
                Some("ratio") => format::ratio(v),
                Some("signed") => format::signed(v),
                Some("abs") => format::show(v.abs(), *display, unit, scale.as_deref()),
                Some("words") => fraction_words(v),
                Some(other) => {
                    return Err(TemplateError(format!(
                        "unknown format `:{other}` for {{{name}}}; a number takes {}",
                        NUMBER_FORMATS.join(", ")
                    )));
                }
            })
        }
    }
}

const FRACTIONS: [(f64, &str); 7] = [
    (0.1, "a tenth"),
    (0.2, "a fifth"),
    (0.25, "a quarter"),
    (1.0 / 3.0, "a third"),
    (0.5, "half"),
    (2.0 / 3.0, "two-thirds"),
    (0.75, "three-quarters"),
];

/// A fraction 0–1 in words: "about a third", "more than half", "nearly
/// all"; the percentage when no phrase fits.
///
/// ```
/// use newsfigures::template::fraction_words;
/// assert_eq!(fraction_words(312.0 / 924.0), "about a third");
/// assert_eq!(fraction_words(0.527), "more than half");
/// assert_eq!(fraction_words(0.0054), "0.5%");
/// ```
pub fn fraction_words(x: f64) -> String {
    if x == 1.0 {
        return "all".to_string();
    }
    if let Some((_, w)) = FRACTIONS.iter().find(|(f, _)| (x - f).abs() <= 0.0005) {
        return w.to_string();
    }
    if let Some((_, w)) = FRACTIONS.iter().find(|(f, _)| (x - f).abs() <= 0.025) {
        return format!("about {w}");
    }
    if (0.9..1.0).contains(&x) {
        return "nearly all".to_string();
    }
    if x > 0.5 && x < 1.0 {
        return "more than half".to_string();
    }
    format::percent(x)
}

/// One proportion phrase and the range of values it allows.
struct Phrase {
    words: String,
    low: f64,
    high: f64,
    /// True for multiples (twice, three-fold), false for fractions.
    multiple: bool,
}

const HEDGES: [&str; 12] = [
    "more than",
    "over",
    "just over",
    "less than",
    "under",
    "just under",
    "fewer than",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
];

/// Finds the proportion phrases in rendered text. Phrases that came from
/// a placeholder are found too: they are checked against the same value.
fn phrases(text: &str) -> Vec<Phrase> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if matches!(words[i], "nearly" | "almost") && words.get(i + 1) == Some(&"all") {
            out.push(Phrase {
                words: format!("{} all", words[i]),
                low: 0.9,
                high: 1.0 - 1e-9,
                multiple: false,
            });
            i += 2;
            continue;
        }
        // A hedge of one or two words before the phrase.
        let (hedge, j) = {
            let two = if i + 1 < words.len() {
                format!("{} {}", words[i], words[i + 1])
            } else {
                String::new()
            };
            if HEDGES.contains(&two.as_str()) {
                (Some(two), i + 2)
            } else if HEDGES.contains(&words[i]) {
                (Some(words[i].to_string()), i + 1)
            } else {
                (None, i)
            }
        };
        let word = |k: usize| words.get(k).copied().unwrap_or("");
        let prev = if i > 0 { words[i - 1] } else { "" };
        let mut found: Option<(f64, bool, usize, String)> = None;
        let ordinal_before = hedge.is_none()
            && matches!(
                prev,
                "first" | "second" | "third" | "last" | "latter" | "former"
            );
        let w = word(j);
        let two = format!("{} {}", w, word(j + 1));
        for (f, name) in FRACTIONS.iter().copied().filter(|_| !ordinal_before) {
            let name_words: Vec<&str> = name.split(' ').collect();
            let n = name_words.len();
            let candidate: Vec<&str> = (0..n).map(|k| word(j + k)).collect();
            let alt_one = name.replacen("a ", "one-", 1);
            let alt_two = name.replacen("a ", "one ", 1);
            if candidate == name_words || w == alt_one || (n == 2 && two == alt_two) {
                let used = if w == alt_one { 1 } else { n };
                found = Some((f, false, used, name.to_string()));
                break;
            }
            // "two thirds", "three quarters" written without the hyphen.
            if name.contains('-') && two == name.replace('-', " ") {
                found = Some((f, false, 2, name.to_string()));
                break;
            }
        }
        if found.is_none() {
            match w {
                "half" if !ordinal_before => found = Some((0.5, false, 1, "half".into())),
                "most" if !matches!(prev, "the" | "at") || hedge.is_some() => {
                    found = Some((f64::NAN, false, 1, "most".into()))
                }
                "majority" => found = Some((f64::NAN, false, 1, "majority".into())),
                "twice" | "double" | "doubled" => found = Some((2.0, true, 1, w.to_string())),
                _ => {
                    if let Some(n) = w.strip_suffix("-fold").or_else(|| w.strip_suffix("fold")) {
                        if let Some(v) = crate::numbers::parse(n) {
                            found = Some((v, true, 1, w.to_string()));
                        }
                    }
                }
            }
        }
        match found {
            Some((f, multiple, used, name)) => {
                let words_text = match &hedge {
                    Some(h) => format!("{h} {name}"),
                    None => name.clone(),
                };
                let (low, high) = if name == "most" || name == "majority" {
                    (0.5 + 1e-9, 1.0)
                } else {
                    let slack = if multiple { 0.05 * f } else { 0.025 };
                    match hedge.as_deref() {
                        Some("more than" | "over" | "just over") => {
                            (f + 1e-9, if multiple { f64::INFINITY } else { 1.0 })
                        }
                        Some("less than" | "under" | "just under" | "fewer than") => {
                            (if multiple { 1.0 } else { 0.0 }, f - 1e-9)
                        }
                        Some("nearly" | "almost") => (f - 2.0 * slack, f),
                        _ => (f - slack, f + slack),
                    }
                };
                out.push(Phrase {
                    words: words_text,
                    low,
                    high,
                    multiple,
                });
                i = j + used;
            }
            None => i += 1,
        }
    }
    out
}

fn check_proportions(
    text: &str,
    template: &str,
    vars: &dyn Lookup,
    tied_to: Option<&str>,
) -> Result<(), TemplateError> {
    let found = phrases(text);
    if found.is_empty() {
        return Ok(());
    }
    // Phrases written by a `:words` placeholder describe that placeholder's
    // value; typed phrases need the sentence's `tied_to`.
    let typed = phrases(&strip_placeholders(template));
    let (name, value) = match tied_to {
        Some(name) => match vars.value(name).as_ref().and_then(Value::as_f64) {
            Some(v) => (name.to_string(), v),
            None => {
                return Err(TemplateError(format!(
                    "tied_to names {name:?}, which is not a number this text can use"
                )));
            }
        },
        None if typed.is_empty() => return Ok(()),
        None => {
            return Err(TemplateError(format!(
                "the proportion words {:?} need `tied_to`: the share or ratio they describe, so that they are checked when the figures change (or write them with a placeholder such as {{first.share:words}})",
                typed[0].words
            )));
        }
    };
    for p in typed {
        let ok = value >= p.low && value <= p.high;
        if !ok {
            let shown = if p.multiple {
                format::ratio(value)
            } else {
                format::percent(value)
            };
            return Err(TemplateError(format!(
                "says {:?}, but {name} is {shown}; reword it, or use a placeholder such as {{{name}:words}}",
                p.words
            )));
        }
    }
    Ok(())
}

/// The template with its placeholders blanked out.
fn strip_placeholders(template: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in template.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push(' ');
            }
            '}' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(x: f64) -> Vars {
        let mut v = Vars::default();
        v.insert("x", Value::number(x, Display::Percent));
        v.insert("n", Value::number(924.0, Display::Count));
        v.insert("label", Value::Text("Roads".into()));
        v
    }

    #[test]
    fn placeholders_fill_in() {
        let v = vars(0.5);
        assert_eq!(
            render("{label} had {x} of {n}", &v, None).unwrap(),
            "Roads had 50.0% of 924"
        );
        assert_eq!(render("{n:ratio}", &v, None).unwrap(), "924");
        assert!(
            render("{nope}", &v, None)
                .unwrap_err()
                .0
                .contains("unknown placeholder {nope}")
        );
        assert!(render("{label:percent}", &v, None).is_err());
        assert!(render("{n:bogus}", &v, None).is_err());
        assert!(render("a } b", &v, None).is_err());
        assert!(render("a { b", &v, None).is_err());
        assert!(
            render("in 2024", &v, None)
                .unwrap_err()
                .0
                .contains("digit '2'")
        );
        assert!(render("in ۲۰۲۴", &v, None).is_err());
    }

    #[test]
    fn proportion_words_are_checked() {
        let cases: [(&str, f64, bool); 16] = [
            ("More than half of them", 0.527, true),
            ("More than half of them", 0.49, false),
            ("About a third of them", 0.338, true),
            ("A third of them", 0.30, false),
            ("Two-thirds of them", 0.66, true),
            ("two thirds of them", 0.60, false),
            ("Most of them", 0.51, true),
            ("Most of them", 0.5, false),
            ("The majority", 0.45, false),
            ("Nearly all of them", 0.95, true),
            ("Nearly all of them", 0.85, false),
            ("Less than a quarter", 0.2, true),
            ("Less than a quarter", 0.3, false),
            ("Twice as many", 2.04, true),
            ("Three-fold rise", 2.2, false),
            ("nearly half", 0.47, true),
        ];
        for (text, x, ok) in cases {
            assert_eq!(
                render(text, &vars(x), Some("x")).is_ok(),
                ok,
                "{text} at {x}"
            );
        }
        // Untied proportion words are refused; the superlative is not one.
        assert!(render("More than half", &vars(0.6), None).is_err());
        assert!(render("the most operations", &vars(0.1), None).is_ok());
        assert!(render("in the first half of the year", &vars(0.1), None).is_ok());
    }

    #[test]
    fn words_always_pass_their_own_check() {
        for i in 0..=1000 {
            let x = f64::from(i) / 1000.0;
            let out = render("{x:words} of them", &vars(x), Some("x")).unwrap();
            // Typed, the same words pass the check against the same value.
            if !out.chars().any(|c| c.is_numeric()) {
                assert!(render(&out, &vars(x), Some("x")).is_ok(), "{x}: {out}");
            }
        }
    }
}
