//! Templates: our own sentences, with every number filled in by the engine.
//!
//! A template is text with `{placeholder}`s. A placeholder names a figure,
//! a metric or a value the chart computes (`{total}`, `{first.share}`), and
//! may say how to show it (`{roads_2025:printed}`, `{first.share:words}`).
//! Three rules keep our words from going stale when the figures change:
//!
//! 1. no number may be typed outside a placeholder: no digit, and no
//!    number in words from ten up ("thirteen thousand", "تیرہ ہزار"; one to
//!    nine pass, as prose counts with them: "two reports");
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
use crate::i18n::{Lang, Locale};
use crate::ledger::{Figure, Kind};
use crate::numbers::Qualifier;

/// A number a placeholder shows: its value, how it is shown, and the hedge
/// that goes with it wherever it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value, unrounded.
    pub value: f64,
    /// How it is shown.
    pub display: Display,
    /// The currency (amounts) or the unit after "per" (rates).
    pub unit: String,
    /// An amount's scale word.
    pub scale: Option<String>,
    /// The hedge the report puts on it ("over 5,000"), or the side of a
    /// bound a metric is ("at least"): written before it in every format.
    pub hedge: Option<Qualifier>,
}

impl Number {
    /// A number shown as `display`, with no hedge, unit or scale.
    pub fn plain(value: f64, display: Display) -> Number {
        Number {
            value,
            display,
            unit: String::new(),
            scale: None,
            hedge: None,
        }
    }
}

/// A value a placeholder can show.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(Number),
    /// A date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), shown in words.
    Date {
        /// The date.
        date: String,
        /// True when the ledger inferred it rather than read it.
        inferred: bool,
    },
    /// Words: a label, an outlet.
    Text(String),
    /// A value that cannot be shown honestly, with the reason; a template
    /// that uses it is an error giving that reason.
    Refused(String),
}

impl Value {
    /// A number shown as `display`, with no hedge, unit or scale.
    pub fn number(value: f64, display: Display) -> Value {
        Value::Number(Number::plain(value, display))
    }

    /// A figure as placeholders show it: its value as its kind is shown,
    /// with its unit, scale and hedge; a date figure's own date. A printed
    /// percentage (`12` for "12%") is the share 0.12.
    pub fn figure(f: &Figure) -> Value {
        match f.value {
            None => Value::Date {
                date: f.period_end.as_deref().unwrap_or_default().to_string(),
                inferred: f.inferred("period_end").is_some(),
            },
            Some(v) if f.kind == Kind::Percent => Value::Number(Number {
                hedge: f.qualifier,
                ..Number::plain(v / 100.0, Display::Percent)
            }),
            Some(v) => Value::like(f, v, f.qualifier),
        }
    }

    /// Another number shown as figure `f` is shown (its kind, unit and
    /// scale), with `hedge`.
    pub fn like(f: &Figure, value: f64, hedge: Option<Qualifier>) -> Value {
        Value::Number(Number {
            value,
            display: f.kind.display(),
            unit: f.unit.to_string(),
            scale: f.scale.as_deref().map(str::to_string),
            hedge,
        })
    }

    /// The number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.value),
            _ => None,
        }
    }

    /// The hedge on the number, if it is a hedged number.
    pub fn hedge(&self) -> Option<Qualifier> {
        match self {
            Value::Number(n) => n.hedge,
            _ => None,
        }
    }
}

/// A templated sentence: `{placeholder}`s for every number, and optionally
/// the value its proportion words ("more than half") describe.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Sentence {
    /// A sentence.
    Plain(String),
    /// A sentence with the value its proportion words describe.
    Tied {
        /// The sentence.
        text: String,
        /// A placeholder name (a metric, or a chart value such as
        /// `first.share`) that the proportion words must fit.
        tied_to: String,
    },
}

impl Sentence {
    /// The template.
    pub fn template(&self) -> &str {
        match self {
            Sentence::Plain(s) | Sentence::Tied { text: s, .. } => s,
        }
    }

    /// The value its proportion words describe, if named.
    pub fn tied_to(&self) -> Option<&str> {
        match self {
            Sentence::Plain(_) => None,
            Sentence::Tied { tied_to, .. } => Some(tied_to),
        }
    }
}

/// Named values for placeholders. A name may carry its own formats
/// (`figure_id:printed`), looked up before the plain name, and may stand
/// for a figure (`total`), whose word formats (`{total:period}`) it then
/// takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vars {
    values: BTreeMap<String, Value>,
    figures: BTreeMap<String, String>,
}

impl Vars {
    /// Adds or replaces a value.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.values.insert(name.into(), value);
    }

    /// Adds or replaces a value that stands for figure `f`: its value as
    /// [`Value::figure`] gives it, and its word formats.
    pub fn figure(&mut self, name: impl Into<String>, f: &Figure) {
        let name = name.into();
        self.values.insert(name.clone(), Value::figure(f));
        self.figures.insert(name, f.id.to_string());
    }

    /// Records that the value `name` stands for the figure `id`.
    pub fn stands_for(&mut self, name: impl Into<String>, id: &str) {
        self.figures.insert(name.into(), id.to_string());
    }

    /// A value by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
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
    /// The id of the figure `name` stands for, if it stands for one.
    fn figure_of(&self, _name: &str) -> Option<String> {
        None
    }
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

    fn figure_of(&self, name: &str) -> Option<String> {
        self.figures.get(name).cloned()
    }
}

/// Two lookups, the first before the second.
pub struct Layered<'a>(pub &'a dyn Lookup, pub &'a dyn Lookup);

impl Lookup for Layered<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        self.0.value(name).or_else(|| self.1.value(name))
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        self.0.words(name, format).or_else(|| {
            let id = self.0.figure_of(name);
            self.1.words(id.as_deref().unwrap_or(name), format)
        })
    }

    fn figure_of(&self, name: &str) -> Option<String> {
        self.0.figure_of(name).or_else(|| self.1.figure_of(name))
    }
}

/// A lookup that remembers every name a template asked it for, so that a
/// text's placeholders can be traced to the figures and metrics they show.
pub struct Recording<'a> {
    inner: &'a dyn Lookup,
    names: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl<'a> Recording<'a> {
    /// Records the names looked up in `inner`.
    pub fn new(inner: &'a dyn Lookup) -> Self {
        Recording {
            inner,
            names: Default::default(),
        }
    }

    /// Every name looked up so far, each once, in order; a name that
    /// stands for a figure is given as the figure's id.
    pub fn names(&self) -> Vec<String> {
        self.names.borrow().iter().cloned().collect()
    }

    fn note(&self, name: &str) {
        let name = self
            .inner
            .figure_of(name)
            .unwrap_or_else(|| name.to_string());
        self.names.borrow_mut().insert(name);
    }
}

impl Lookup for Recording<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        self.note(name);
        self.inner.value(name)
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        self.note(name);
        self.inner.words(name, format)
    }

    fn figure_of(&self, name: &str) -> Option<String> {
        self.inner.figure_of(name)
    }
}

/// The formats a number placeholder takes, each with what it gives.
pub const NUMBER_FORMATS: [(&str, &str); 7] = [
    (
        "shown",
        "as its kind is shown, with its hedge (the default): over 5,000, Rs 12 crore, 33.8%, +1,200",
    ),
    (
        "number",
        "the number alone, rounded as shown, without currency, unit or plus sign: 5,000, 12 crore, 0.0258",
    ),
    ("percent", "a share or ratio as a percentage: 33.8%"),
    (
        "ratio",
        "a share or ratio to three significant figures: 0.338",
    ),
    (
        "abs",
        "the size of a change or difference, without its sign: 1,200, Rs 2 crore",
    ),
    (
        "signed",
        "a change or difference with its sign: +1,200, \u{2212}5",
    ),
    ("words", "a share in words: about a third, more than half"),
];

/// The formats a figure's placeholder takes besides a number's, each with
/// what it gives.
pub const FIGURE_FORMATS: [(&str, &str); 8] = [
    (
        "printed",
        "the number as the report prints it, with its hedge: over 5,000, Rs. 12 crore, three months",
    ),
    (
        "period",
        "the period it covers, in words; the report's own words where the dates are inferred",
    ),
    ("until", "when that period ends: until October 2024"),
    ("outlet", "the outlet of its report: The News"),
    ("reported", "the date of its report: 3 December 2024"),
    (
        "who",
        "who its report credits it to, or that it does not say",
    ),
    ("counts", "what it counts, in the ledger's words"),
    ("unit", "its unit: accounts, people, PKR"),
];

/// A figure of each kind the guide to formats shows, as `(column heading,
/// figure)`: a count, money, a percentage, a change, a date and a hedged
/// count, each as the ledger would hold it.
fn guide_figures() -> Vec<(&'static str, Figure)> {
    let figure = |kind: Kind, value: Option<f64>, unit: &str, printed: &str| Figure {
        id: "x".into(),
        source: "s".into(),
        paragraph: 1,
        printed: printed.into(),
        value,
        qualifier: None,
        kind,
        unit: unit.into(),
        scale: None,
        counts: String::new().into(),
        attribution_text: Default::default(),
        attributed_to: Default::default(),
        period_text: Default::default(),
        period_start: None,
        period_end: None,
        inferred: Vec::new(),
        series: None,
        subset_of: None,
        dimensions: Vec::new(),
        metric: None,
        status: crate::ledger::Status::Checked,
        note: Default::default(),
        line: 0,
    };
    let mut money = figure(Kind::Amount, Some(1.2e8), "PKR", "Rs 12 crore");
    money.scale = Some("crore".into());
    let mut date = figure(Kind::Date, None, "date", "3 December 2024");
    date.period_end = Some("2024-12-03".into());
    let mut hedged = figure(Kind::Count, Some(5000.0), "applications", "5,000");
    hedged.qualifier = Some(Qualifier::Over);
    vec![
        (
            "count (7,984)",
            figure(Kind::Count, Some(7984.0), "operations", "7,984"),
        ),
        ("amount (Rs 12 crore)", money),
        (
            "percentage (12%)",
            figure(Kind::Percent, Some(12.0), "percent", "12%"),
        ),
        (
            "change (down 1,200)",
            figure(Kind::Change, Some(-1200.0), "jobs", "1,200"),
        ),
        ("date (3 December 2024)", date),
        ("hedged count (over 5,000)", hedged),
    ]
}

/// The guide to number formats that `data/README.md` holds: what `{x}` and
/// each `{x:format}` print for each kind of figure, made by rendering them,
/// and why a format is refused. A test requires the field dictionary to
/// hold it word for word, so the guide never drifts from the code.
pub fn format_guide() -> String {
    let figures = guide_figures();
    let formats: Vec<&str> = std::iter::once("")
        .chain(NUMBER_FORMATS.iter().map(|(n, _)| *n))
        .chain(["date"])
        .collect();
    let mut out = String::from("| placeholder |");
    for (heading, _) in &figures {
        out.push_str(&format!(" {heading} |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(figures.len()));
    out.push('\n');
    // Why each placeholder is refused, with the kinds it is refused for.
    let mut refused: Vec<(String, String, Vec<&str>)> = Vec::new();
    for fmt in &formats {
        let placeholder = if fmt.is_empty() {
            "{x}".to_string()
        } else {
            format!("{{x:{fmt}}}")
        };
        out.push_str(&format!("| `{placeholder}` |"));
        for (heading, f) in &figures {
            let mut vars = Vars::default();
            vars.figure("x", f);
            // Rendered inside a sentence, so nothing is capitalised.
            match render(&format!("as {placeholder}"), &vars, None) {
                Ok(text) => out.push_str(&format!(" {} |", &text[3..])),
                Err(e) => {
                    out.push_str(" refused |");
                    let why =
                        e.0.split_once(": ")
                            .map_or(e.0.clone(), |(_, w)| w.to_string());
                    let kind = heading.split(" (").next().unwrap_or(heading);
                    match refused
                        .iter_mut()
                        .find(|(p, w, _)| *p == placeholder && *w == why)
                    {
                        Some((_, _, kinds)) => kinds.push(kind),
                        None => refused.push((placeholder.clone(), why, vec![kind])),
                    }
                }
            }
        }
        out.push('\n');
    }
    out.push_str("\nWhy a format is refused:\n\n");
    for (placeholder, why, kinds) in refused {
        let article = |k: &str| {
            if k.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            }
        };
        let kinds: Vec<String> = kinds
            .iter()
            .map(|k| format!("{} {k}", article(k)))
            .collect();
        let kinds = crate::util::and_list(&kinds).replace(" and ", " or ");
        out.push_str(&format!("- `{placeholder}` on {kinds}: {why}\n"));
    }
    out.push_str("\nA figure's placeholder also takes these formats, which give words:\n\n");
    for (name, what) in FIGURE_FORMATS {
        out.push_str(&format!("- `{{x:{name}}}`: {what}\n"));
    }
    out
}

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
    render_in(template, vars, tied_to, &Locale::english())
}

/// [`render`] in a language: numbers and dates written as `loc` writes
/// them, and the proportion words and typed hedges of its language checked.
pub fn render_in(
    template: &str,
    vars: &dyn Lookup,
    tied_to: Option<&str>,
    loc: &Locale,
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
        if let Some(words) = number_words(literal) {
            return Err(TemplateError(format!(
                "the number {words:?} is typed into the text in words; every number must come from a placeholder bound to a figure or metric (like {{roads_2025}}), or the sentence be written without it"
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
        let shown = fill(name, fmt, vars, loc)?;
        if let Some(q) = vars.value(name).and_then(|v| v.hedge()) {
            let after = &rest[close + 1..];
            let typed = match loc.lang {
                Lang::En => typed_hedge(&out),
                Lang::Ur => crate::i18n::urdu_typed_hedge(&out, after),
            };
            if let Some(typed) = typed {
                return Err(TemplateError(format!(
                    "{{{inner}}} writes its own hedge (\"{}\"); remove the words \"{typed}\" typed beside it",
                    loc.hedged(Some(q), "").trim()
                )));
            }
        }
        // A sentence that opens with a placeholder is capitalised.
        if at_start && out.is_empty() {
            out.push_str(&crate::util::capitalise(&shown));
        } else {
            out.push_str(&shown);
        }
        at_start = false;
        rest = &rest[close + 1..];
    }
    check_proportions(&out, template, vars, tied_to, loc)?;
    Ok(out)
}

/// The first number written in words in `text`, in either language
/// ("thirteen thousand", "a dozen", "ten percent", "a million rupees",
/// "تیرہ ہزار"): a figure typed by hand, which goes stale when the figures
/// change. The words one to nine are let through, as prose counts with
/// them ("two reports", "three ways", "ایک رپورٹ"); proportion words
/// ("half", "a third", "twice", "دو تہائی") are the proportion check's.
fn number_words(text: &str) -> Option<String> {
    use crate::numbers::MentionKind;
    // Urdu proportion words hold number words ("دو تہائی", "تین گنا").
    let mut rest = text.to_string();
    for p in crate::i18n::urdu_phrases(text) {
        rest = rest.replace(&p.words, " ");
    }
    crate::numbers::find(&rest)
        .into_iter()
        .find(|m| match m.kind {
            MentionKind::Fraction | MentionKind::Fold | MentionKind::Date => false,
            MentionKind::Amount | MentionKind::Percent => true,
            MentionKind::Number => m.value.is_some_and(|v| v >= 10.0),
        })
        .map(|m| m.printed)
}

/// Hedge words typed at the end of `text`, right before a placeholder.
fn typed_hedge(text: &str) -> Option<&str> {
    // "up to" is left out: "add up to 919" is no hedge.
    const TYPED: [&str; 14] = [
        "at least",
        "at most",
        "more than",
        "less than",
        "fewer than",
        "over",
        "under",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "roughly",
        "approximately",
    ];
    let trimmed = text.trim_end();
    let lower = trimmed.to_lowercase();
    TYPED.iter().find_map(|h| {
        let before = lower.strip_suffix(h)?;
        before
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric())
            .then(|| &trimmed[trimmed.len() - h.len()..])
    })
}

fn fill(
    name: &str,
    fmt: Option<&str>,
    vars: &dyn Lookup,
    loc: &Locale,
) -> Result<String, TemplateError> {
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
        (Value::Refused(why), _) => {
            Err(TemplateError(format!("{{{name}}} cannot be shown: {why}")))
        }
        (Value::Text(t), None) => Ok(t.clone()),
        (Value::Text(_), Some(f)) => Err(TemplateError(format!(
            "{{{name}}} is words, not a number, and takes no format `:{f}`"
        ))),
        (Value::Date { date, inferred }, None | Some("date")) => {
            let mut out = loc.date(date);
            if *inferred {
                out.push_str(if loc.is_english() {
                    " (inferred)"
                } else {
                    " (اخذ شدہ)"
                });
            }
            Ok(out)
        }
        (Value::Date { .. }, Some(f)) => Err(TemplateError(format!(
            "{{{name}}} is a date and takes no format `:{f}`; write {{{name}}} for the date in words"
        ))),
        (Value::Number(n), fmt) => show_number(name, n, fmt.unwrap_or("shown"), loc),
    }
}

/// A number in one format, with its hedge; an error naming the format when
/// the format cannot show this kind of number honestly.
fn show_number(name: &str, n: &Number, fmt: &str, loc: &Locale) -> Result<String, TemplateError> {
    use Display as D;
    let v = n.value;
    let refuse = |why: &str| {
        let why = why.replace("{x", &format!("{{{name}"));
        Err(TemplateError(format!(
            "{{{name}:{fmt}}}: {{{name}}} is {}, {why}",
            describe(n.display)
        )))
    };
    let mut hedge = n.hedge;
    let text = match (fmt, n.display) {
        ("shown", d) => loc.show(v, d, &n.unit, n.scale.as_deref()),
        ("number", D::Percent | D::ChangePercent) => {
            return refuse("which is shown as a percentage; write {x} or {x:percent}");
        }
        ("number", D::Amount) => loc.amount(v, "", n.scale.as_deref()),
        ("number", D::Ratio | D::Per) => loc.digits(&format::ratio(v)),
        ("number", D::Count | D::Change) => loc.number(v),
        ("percent", D::Percent | D::ChangePercent | D::Ratio) => loc.percent(v),
        ("percent", _) => {
            return refuse(
                "not a share: a count of one thing is never shown as a percentage of another",
            );
        }
        ("ratio", D::Percent | D::ChangePercent | D::Ratio | D::Per) => {
            loc.digits(&format::ratio(v))
        }
        ("ratio", _) => return refuse("not a share or a ratio"),
        ("abs", d) => {
            // The size of a negative number hedged "over" is hedged "under".
            if v < 0.0 {
                hedge = hedge.map(Qualifier::mirrored);
            }
            let shown = loc.show(v.abs(), d, &n.unit, n.scale.as_deref());
            shown.trim_start_matches('+').to_string()
        }
        ("signed", D::Count | D::Change) => loc.digits(&format::signed(v)),
        ("signed", D::ChangePercent) => loc.digits(&format::change_percent(v)),
        ("signed", D::Amount) => {
            let shown = loc.amount(v, &n.unit, n.scale.as_deref());
            if v > 0.0 { format!("+{shown}") } else { shown }
        }
        ("signed", _) => return refuse("not a change, and has no sign to show"),
        ("words", D::Percent | D::Ratio) if (0.0..=1.0).contains(&v) => {
            if hedge.is_some() {
                return refuse(
                    "a hedged or bounded share, which proportion words would state without its hedge; write {x}",
                );
            }
            let words = match loc.lang {
                Lang::En => fraction_words(v),
                Lang::Ur => crate::i18n::urdu_fraction_words(v, loc),
            };
            match words {
                w if w.chars().any(char::is_numeric) => {
                    return refuse(&format!(
                        "{}, and no proportion words fit it; write {{x}} or reword",
                        format::percent(v)
                    ));
                }
                w => w,
            }
        }
        ("words", _) => {
            return refuse("not a share between 0 and 1, so no proportion words fit it");
        }
        (other, _) => {
            let names: Vec<&str> = NUMBER_FORMATS.iter().map(|(n, _)| *n).collect();
            return Err(TemplateError(format!(
                "unknown format `:{other}` for {{{name}}}; a number takes {}, and a figure also {}",
                names.join(", "),
                FIGURE_FORMATS.map(|(n, _)| n).join(", ")
            )));
        }
    };
    Ok(loc.hedged(hedge, &text))
}

/// What a display shows, for messages: "a count", "a share".
fn describe(d: Display) -> &'static str {
    match d {
        Display::Count => "a count",
        Display::Amount => "an amount of money",
        Display::Percent => "a share",
        Display::Ratio => "a ratio",
        Display::Per => "a rate between two kinds of thing",
        Display::Change => "a change",
        Display::ChangePercent => "a percentage change",
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

/// The proportion phrases of `text` in its language.
fn phrases_in(text: &str, loc: &Locale) -> Vec<Phrase> {
    match loc.lang {
        Lang::En => phrases(text),
        Lang::Ur => crate::i18n::urdu_phrases(text)
            .into_iter()
            .map(|p| Phrase {
                words: p.words,
                low: p.low,
                high: p.high,
                multiple: p.multiple,
            })
            .collect(),
    }
}

fn check_proportions(
    text: &str,
    template: &str,
    vars: &dyn Lookup,
    tied_to: Option<&str>,
    loc: &Locale,
) -> Result<(), TemplateError> {
    let found = phrases_in(text, loc);
    if found.is_empty() {
        return Ok(());
    }
    // Phrases written by a `:words` placeholder describe that placeholder's
    // value; typed phrases need the sentence's `tied_to`.
    let typed = phrases_in(&strip_placeholders(template), loc);
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
        // A count is no ratio, share or change.
        for f in ["ratio", "percent", "words"] {
            let e = render(&format!("{{n:{f}}}"), &v, None).unwrap_err().0;
            assert!(e.contains(&format!("{{n:{f}}}: {{n}} is a count")), "{e}");
        }
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
    fn numbers_typed_in_words_are_refused_in_either_language() {
        let urdu = Locale {
            lang: Lang::Ur,
            ..Locale::default()
        };
        let v = vars(0.5);
        for (text, loc) in [
            ("Thirteen thousand accounts were flagged", Locale::english()),
            ("a dozen apps", Locale::english()),
            ("over twenty inquiries", Locale::english()),
            ("a million rupees went to {x}", Locale::english()),
            ("ten percent of {x}", Locale::english()),
            ("تیرہ ہزار گھرانے", urdu.clone()),
            ("ڈیڑھ سو خیمے", urdu.clone()),
            ("{x} میں سے سوا لاکھ", urdu.clone()),
        ] {
            let e = render_in(text, &v, None, &loc).unwrap_err();
            assert!(
                e.0.contains("typed into the text in words"),
                "{text}: {e:?}"
            );
        }
        // The words prose counts with, and proportion words tied to a
        // value, are let through.
        for (text, loc) in [
            ("Two reports give different counts", Locale::english()),
            (
                "The reports name the unit three ways; one of them",
                Locale::english(),
            ),
            ("ایک رپورٹ اور دو اخبار", urdu.clone()),
        ] {
            assert!(render_in(text, &v, None, &loc).is_ok(), "{text}");
        }
        assert!(
            render_in(
                "two-thirds of it",
                &vars(2.0 / 3.0),
                Some("x"),
                &Locale::english()
            )
            .is_ok()
        );
        assert!(render_in("دو تہائی", &vars(2.0 / 3.0), Some("x"), &urdu).is_ok());
    }

    #[test]
    fn urdu_proportion_words_hedges_and_digits_are_checked() {
        let ur = |digits| Locale {
            lang: Lang::Ur,
            digits,
            ..Locale::default()
        };
        let eastern = ur(crate::i18n::Digits::Eastern);
        let cases: [(&str, f64, bool); 10] = [
            ("ان میں سے نصف", 0.5, true),
            ("ان میں سے نصف", 0.4, false),
            ("ایک تہائی", 0.338, true),
            ("ایک تہائی", 0.30, false),
            ("نصف سے زائد", 0.527, true),
            ("نصف سے زائد", 0.49, false),
            ("زیادہ تر", 0.6, true),
            ("زیادہ تر", 0.5, false),
            ("دو تہائی", 2.0 / 3.0, true),
            ("تقریباً تمام", 0.8, false),
        ];
        for (text, x, ok) in cases {
            assert_eq!(
                render_in(text, &vars(x), Some("x"), &eastern).is_ok(),
                ok,
                "{text} at {x}"
            );
        }
        assert!(render_in("زیادہ تر", &vars(0.6), None, &eastern).is_err());
        // Numbers in the story's choice of digits.
        let v = vars(0.5);
        assert_eq!(
            render_in("{label}: {x} از {n}", &v, None, &eastern).unwrap(),
            "Roads: ۵۰٫۰٪ از ۹۲۴"
        );
        let western = ur(crate::i18n::Digits::Western);
        assert_eq!(
            render_in("{x} از {n}", &v, None, &western).unwrap(),
            "50.0% از 924"
        );
        // A hedged number writes its own Urdu hedge, after it; one typed
        // beside it is refused.
        let mut h = Vars::default();
        let mut n = Value::number(5000.0, Display::Count);
        if let Value::Number(x) = &mut n {
            x.hedge = Some(Qualifier::Over);
        }
        h.insert("n", n);
        assert_eq!(
            render_in("{n} درخواستیں", &h, None, &eastern).unwrap(),
            "۵٬۰۰۰ سے زائد درخواستیں"
        );
        for typed in ["{n} سے زائد درخواستیں", "تقریباً {n} درخواستیں"]
        {
            let e = render_in(typed, &h, None, &eastern).unwrap_err();
            assert!(e.0.contains("writes its own hedge"), "{typed}: {e:?}");
        }
    }

    #[test]
    fn words_always_pass_their_own_check() {
        for i in 0..=1000 {
            let x = f64::from(i) / 1000.0;
            // Words are written, or refused when none fit; never digits.
            let Ok(out) = render("{x:words} of them", &vars(x), Some("x")) else {
                assert!(fraction_words(x).chars().any(char::is_numeric), "{x}");
                continue;
            };
            assert!(!out.chars().any(char::is_numeric), "{x}: {out}");
            // Typed, the same words pass the check against the same value.
            assert!(render(&out, &vars(x), Some("x")).is_ok(), "{x}: {out}");
        }
    }

    /// Every format on every kind of number: the text (capitalised, as at
    /// the start of a sentence), or the error.
    #[test]
    fn every_format_gives_the_right_thing_for_every_kind_of_number() {
        let num = |value, display, hedge| {
            Value::Number(Number {
                value,
                display,
                unit: if display == Display::Amount {
                    "PKR"
                } else {
                    "operation"
                }
                .into(),
                scale: (display == Display::Amount).then(|| "crore".to_string()),
                hedge,
            })
        };
        let mut v = Vars::default();
        v.insert("count", num(7984.0, Display::Count, None));
        v.insert("over", num(5000.0, Display::Count, Some(Qualifier::Over)));
        v.insert("money", num(1.2e8, Display::Amount, None));
        v.insert("fall", num(-1200.0, Display::Change, None));
        v.insert(
            "fall_over",
            num(-1200.0, Display::Change, Some(Qualifier::Over)),
        );
        v.insert("share", num(312.0 / 924.0, Display::Percent, None));
        v.insert(
            "bound",
            num(0.974, Display::Percent, Some(Qualifier::AtLeast)),
        );
        v.insert("rate", num(206.0 / 7984.0, Display::Per, None));
        v.insert("rise", num(0.12, Display::ChangePercent, None));
        v.insert(
            "day",
            Value::Date {
                date: "2024-12-02".into(),
                inferred: true,
            },
        );
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("{count}", Ok("7,984")),
            ("{count:number}", Ok("7,984")),
            ("{count:abs}", Ok("7,984")),
            ("{count:signed}", Ok("+7,984")),
            (
                "{count:percent}",
                Err("a count of one thing is never shown as a percentage"),
            ),
            ("{over}", Ok("Over 5,000")),
            ("{over:number}", Ok("Over 5,000")),
            ("{over:abs}", Ok("Over 5,000")),
            ("{money}", Ok("Rs 12 crore")),
            ("{money:number}", Ok("12 crore")),
            ("{money:signed}", Ok("+Rs 12 crore")),
            ("{fall}", Ok("\u{2212}1,200")),
            ("{fall:abs}", Ok("1,200")),
            ("{fall:number}", Ok("\u{2212}1,200")),
            ("{fall:signed}", Ok("\u{2212}1,200")),
            ("{fall_over:abs}", Ok("Under 1,200")),
            ("{share}", Ok("33.8%")),
            ("{share:percent}", Ok("33.8%")),
            ("{share:ratio}", Ok("0.338")),
            ("{share:words}", Ok("About a third")),
            ("{share:number}", Err("shown as a percentage")),
            ("{share:signed}", Err("not a change")),
            ("{bound}", Ok("At least 97.4%")),
            ("{bound:percent}", Ok("At least 97.4%")),
            ("{bound:words}", Err("hedged or bounded share")),
            ("{rate}", Ok("0.0258 per operation")),
            ("{rate:number}", Ok("0.0258")),
            ("{rate:percent}", Err("never shown as a percentage")),
            ("{rise}", Ok("+12.0%")),
            ("{rise:abs}", Ok("12.0%")),
            ("{rise:signed}", Ok("+12.0%")),
            ("{day}", Ok("2 December 2024 (inferred)")),
            ("{day:date}", Ok("2 December 2024 (inferred)")),
            ("{day:number}", Err("is a date")),
            // A hedge is written once, by the placeholder, at the start of a
            // sentence capitalised.
            (
                "At least {bound}",
                Err("writes its own hedge (\"at least\"); remove the words \"At least\""),
            ),
            ("We count over {over}", Err("remove the words \"over\"")),
            ("{bound:percent} of them", Ok("At least 97.4% of them")),
            ("Takeover {count}", Ok("Takeover 7,984")),
        ];
        for (template, expected) in cases {
            let got = render(template, &v, None).map_err(|e| e.0);
            match (expected, &got) {
                (Ok(text), Ok(out)) => assert_eq!(out, text, "{template}"),
                (Err(part), Err(e)) => assert!(e.contains(part), "{template}: {e}"),
                _ => panic!("{template}: expected {expected:?}, got {got:?}"),
            }
        }
    }
}
