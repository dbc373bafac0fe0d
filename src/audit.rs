//! The audit: every number in a source text matched to the ledger.
//!
//! The audit reads the text, splits it into paragraphs (blocks separated by
//! blank lines, numbered from 1) and finds every number in it: digits (with
//! thousands separators, decimals, a scale word such as "million" or "lakh",
//! or a percent sign), ISO dates, and cardinal number words ("three",
//! "twenty-five", "a dozen"). Ordinals ("first") are not numbers here.
//!
//! Each figure of the ledger claims the mentions inside its printed text in
//! its paragraph; each exclusion does the same. The audit fails when a
//! mention is claimed by nothing, when a figure's printed text is not in its
//! paragraph, or when the number printed differs from the figure's value.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::format::number;
use crate::ledger::{Figure, Kind, Ledger, Source, FIGURE_COLUMNS};

/// A blank-line-separated block of a source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Its number, from 1.
    pub number: u32,
    /// The line of the file it starts on, from 1.
    pub line: u64,
    /// Its text, lines joined by `\n`.
    pub text: String,
}

/// Splits a text into paragraphs: blocks of non-blank lines.
///
/// ```
/// let p = newsfigures::audit::paragraphs("a\nb\n\n\nc\n");
/// assert_eq!(p.len(), 2);
/// assert_eq!((p[1].number, p[1].line, p[1].text.as_str()), (2, 5, "c"));
/// ```
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            open = false;
        } else if open {
            let p = out.last_mut().expect("open paragraph");
            p.text.push('\n');
            p.text.push_str(line);
        } else {
            out.push(Paragraph {
                number: out.len() as u32 + 1,
                line: i as u64 + 1,
                text: line.to_string(),
            });
            open = true;
        }
    }
    out
}

/// A number found in a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// The paragraph's number.
    pub paragraph: u32,
    /// Byte offset of the first character within the paragraph.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The text as printed.
    pub printed: String,
    /// The value it states; `None` for a date.
    pub value: Option<f64>,
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Scale words and their values; lakh and crore are the South Asian units.
const SCALES: [(&str, f64); 6] = [
    ("thousand", 1e3),
    ("lakh", 1e5),
    ("million", 1e6),
    ("crore", 1e7),
    ("billion", 1e9),
    ("trillion", 1e12),
];

fn word_value(w: &str) -> Option<f64> {
    let w = w.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|i| 20.0 + 10.0 * i as f64)
}

fn scale_value(w: &str) -> Option<f64> {
    let w = w.to_lowercase();
    let w = w.strip_suffix('s').unwrap_or(&w);
    SCALES.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let scales: Vec<&str> = SCALES.iter().map(|(s, _)| *s).collect();
        let scale = format!("(?:hundred|{})s?", scales.join("|"));
        let word = format!("(?:{}|{}|{scale}|dozens?)", UNITS.join("|"), TENS.join("|"));
        let digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
        let re = format!(
            r"(?i)(?P<date>\b\d{{4}}-\d{{2}}-\d{{2}}\b)|(?P<digits>{digits}(?:\s+{scale}\b)?%?)|(?P<words>\b{word}(?:(?:\s+and\s+|[\s-]+){word})*\b)"
        );
        Regex::new(&re).expect("the number pattern is valid")
    })
}

/// Reads the value of a number as printed: `7,984`, `1.2 million`,
/// `twenty-five`, `a dozen`. `None` for a date or for text that is not a
/// number.
///
/// ```
/// use newsfigures::audit::parse_number;
/// assert_eq!(parse_number("7,984"), Some(7984.0));
/// assert_eq!(parse_number("three"), Some(3.0));
/// assert_eq!(parse_number("two hundred and six"), Some(206.0));
/// assert_eq!(parse_number("1.5 lakh"), Some(150000.0));
/// ```
pub fn parse_number(printed: &str) -> Option<f64> {
    let s = printed.trim().trim_end_matches('%');
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        let mut parts = s.split_whitespace();
        let n: f64 = parts.next()?.replace(',', "").parse().ok()?;
        return match parts.next() {
            None => Some(n),
            Some("hundred" | "hundreds") => Some(n * 100.0),
            Some(w) => scale_value(w).map(|k| n * k),
        };
    }
    let (mut total, mut current, mut any) = (0.0, 0.0, false);
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let lw = w.to_lowercase();
        if lw == "and" || lw == "a" {
            continue;
        }
        if let Some(v) = word_value(&lw) {
            current += v;
        } else if lw == "hundred" || lw == "hundreds" {
            current = current.max(1.0) * 100.0;
        } else if lw == "dozen" || lw == "dozens" {
            current = current.max(1.0) * 12.0;
        } else if let Some(k) = scale_value(&lw) {
            total += current.max(1.0) * k;
            current = 0.0;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total + current)
}

/// Every number in a paragraph, in order.
///
/// ```
/// use newsfigures::audit::{mentions, paragraphs};
/// let p = &paragraphs("Of 7,984 raids over three months, 10-member teams ran 2.5 million checks.")[0];
/// let found: Vec<_> = mentions(p).into_iter().map(|m| (m.printed, m.value)).collect();
/// assert_eq!(found, vec![
///     ("7,984".to_string(), Some(7984.0)),
///     ("three".to_string(), Some(3.0)),
///     ("10".to_string(), Some(10.0)),
///     ("2.5 million".to_string(), Some(2_500_000.0)),
/// ]);
/// ```
pub fn mentions(p: &Paragraph) -> Vec<Mention> {
    pattern()
        .captures_iter(&p.text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let value = if c.name("date").is_some() {
                None
            } else {
                parse_number(m.as_str())
            };
            Some(Mention {
                paragraph: p.number,
                start: m.start(),
                end: m.end(),
                printed: m.as_str().to_string(),
                value,
            })
        })
        .collect()
}

/// What accounts for a mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Claim {
    /// A figure of the ledger.
    Figure {
        /// The figure's id.
        id: String,
    },
    /// An exclusion, with its reason.
    Exclusion {
        /// Why the number is left out.
        reason: String,
    },
    /// Nothing: the audit fails.
    Unmatched,
}

/// A mention and what accounts for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matched {
    /// The mention.
    #[serde(flatten)]
    pub mention: Mention,
    /// What accounts for it.
    pub claim: Claim,
}

/// A reason the audit fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// A number in the text that no figure or exclusion accounts for.
    UnmatchedMention {
        /// The paragraph.
        paragraph: u32,
        /// The number as printed.
        printed: String,
    },
    /// A figure or exclusion whose printed text is not in its paragraph.
    PrintedNotFound {
        /// `figures.csv` or `exclusions.csv`.
        file: String,
        /// The row's line.
        line: u64,
        /// The figure's id, for a figure.
        id: Option<String>,
        /// The paragraph it names.
        paragraph: u32,
        /// The printed text it gives.
        printed: String,
    },
    /// A figure whose printed text holds no number.
    NoNumberInPrinted {
        /// The figure's line in `figures.csv`.
        line: u64,
        /// The figure's id.
        id: String,
        /// The printed text it gives.
        printed: String,
    },
    /// A figure whose value differs from the number printed.
    ValueMismatch {
        /// The figure's line in `figures.csv`.
        line: u64,
        /// The figure's id.
        id: String,
        /// The number as printed.
        printed: String,
        /// What the text says.
        text_value: f64,
        /// What the ledger says.
        ledger_value: f64,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnmatchedMention { paragraph, printed } => write!(
                f,
                "paragraph {paragraph}: the number {printed:?} is not in the ledger; add it to figures.csv or, with a reason, to exclusions.csv"
            ),
            Problem::PrintedNotFound { file, line, id, paragraph, printed } => {
                let who = id.as_ref().map(|i| format!(" (`{i}`)")).unwrap_or_default();
                write!(f, "{file} line {line}{who}: printed text {printed:?} is not found in paragraph {paragraph}")
            }
            Problem::NoNumberInPrinted { line, id, printed } => {
                write!(f, "figures.csv line {line} (`{id}`): printed text {printed:?} holds no number")
            }
            Problem::ValueMismatch { line, id, printed, text_value, ledger_value } => write!(
                f,
                "figures.csv line {line} (`{id}`): value {} but the text prints {printed:?} ({})",
                number(*ledger_value),
                number(*text_value)
            ),
        }
    }
}

/// The audit of one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// The source's id.
    pub source: String,
    /// How many paragraphs the text has.
    pub paragraphs: usize,
    /// Every mention, in text order, with what accounts for it.
    pub mentions: Vec<Matched>,
    /// Everything that makes the audit fail; empty when it passes.
    pub problems: Vec<Problem>,
}

impl Audit {
    /// True when every number is accounted for and every figure found.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }

    /// Mentions accounted for by figures.
    pub fn matched_figures(&self) -> usize {
        self.mentions
            .iter()
            .filter(|m| matches!(m.claim, Claim::Figure { .. }))
            .count()
    }

    /// Mentions accounted for by exclusions.
    pub fn excluded(&self) -> usize {
        self.mentions
            .iter()
            .filter(|m| matches!(m.claim, Claim::Exclusion { .. }))
            .count()
    }

    /// Mentions accounted for by nothing.
    pub fn unmatched(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(|m| m.claim == Claim::Unmatched)
            .map(|m| &m.mention)
    }

    /// A figures.csv draft: one row per unmatched mention, pre-filled with
    /// source, paragraph, printed text and parsed value, to complete by hand.
    pub fn draft(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(FIGURE_COLUMNS).expect("writing to memory");
        for m in self.unmatched() {
            let slug: String = m
                .printed
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let value = m.value.map(|v| format!("{v}")).unwrap_or_default();
            let kind = if m.value.is_none() {
                "dateline"
            } else {
                "count"
            };
            let id = format!("p{}_{}", m.paragraph, slug.trim_matches('_'));
            let para = m.paragraph.to_string();
            let row = [
                id.as_str(),
                self.source.as_str(),
                &para,
                &m.printed,
                &value,
                "",
                kind,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ];
            w.write_record(row).expect("writing to memory");
        }
        String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
    }
}

/// Byte ranges of every occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    hay.match_indices(needle)
        .map(|(i, s)| (i, i + s.len()))
        .collect()
}

/// Audits `text` (the source's full text) against the ledger.
///
/// ```
/// let ledger = newsfigures::Ledger::load("data").unwrap();
/// let source = &ledger.sources[0];
/// let text = std::fs::read_to_string(ledger.text_path(source)).unwrap();
/// let audit = newsfigures::audit::run(&ledger, source, &text);
/// assert!(audit.passed(), "{:?}", audit.problems);
/// ```
pub fn run(ledger: &Ledger, source: &Source, text: &str) -> Audit {
    let paras = paragraphs(text);
    let mut mentions: Vec<Matched> = paras
        .iter()
        .flat_map(mentions)
        .map(|mention| Matched {
            mention,
            claim: Claim::Unmatched,
        })
        .collect();
    let mut problems = Vec::new();
    // Rows with the same paragraph and printed text take successive
    // occurrences, so "924" printed twice needs two rows.
    let mut taken: Vec<(u32, String, usize)> = Vec::new();
    let mut claim_span = |paragraph: u32,
                          printed: &str,
                          claim: Claim,
                          mentions: &mut Vec<Matched>| {
        let nth = taken
            .iter()
            .filter(|(p, s, _)| *p == paragraph && s == printed)
            .count();
        taken.push((paragraph, printed.to_string(), nth));
        let text = paras
            .iter()
            .find(|p| p.number == paragraph)
            .map(|p| p.text.as_str());
        let (start, end) = *text
            .map(|t| occurrences(t, printed))
            .unwrap_or_default()
            .get(nth)?;
        let inside: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.mention.paragraph == paragraph && m.mention.start >= start && m.mention.end <= end
            })
            .map(|(i, _)| i)
            .collect();
        for &i in &inside {
            mentions[i].claim = claim.clone();
        }
        Some(inside)
    };
    for f in ledger.figures.iter().filter(|f| f.source == source.id) {
        match claim_span(
            f.paragraph,
            &f.printed,
            Claim::Figure { id: f.id.clone() },
            &mut mentions,
        ) {
            None => problems.push(Problem::PrintedNotFound {
                file: "figures.csv".into(),
                line: f.line,
                id: Some(f.id.clone()),
                paragraph: f.paragraph,
                printed: f.printed.clone(),
            }),
            Some(inside) if inside.is_empty() => problems.push(Problem::NoNumberInPrinted {
                line: f.line,
                id: f.id.clone(),
                printed: f.printed.clone(),
            }),
            Some(inside) => check_value(
                f,
                inside.iter().map(|&i| &mentions[i].mention),
                &mut problems,
            ),
        }
    }
    for e in ledger.exclusions.iter().filter(|e| e.source == source.id) {
        let claim = Claim::Exclusion {
            reason: e.reason.clone(),
        };
        if claim_span(e.paragraph, &e.printed, claim, &mut mentions).is_none() {
            problems.push(Problem::PrintedNotFound {
                file: "exclusions.csv".into(),
                line: e.line,
                id: None,
                paragraph: e.paragraph,
                printed: e.printed.clone(),
            });
        }
    }
    for m in mentions.iter().filter(|m| m.claim == Claim::Unmatched) {
        problems.push(Problem::UnmatchedMention {
            paragraph: m.mention.paragraph,
            printed: m.mention.printed.clone(),
        });
    }
    Audit {
        source: source.id.clone(),
        paragraphs: paras.len(),
        mentions,
        problems,
    }
}

/// A figure's value must be the number its printed text states.
fn check_value<'a>(
    f: &Figure,
    inside: impl Iterator<Item = &'a Mention>,
    problems: &mut Vec<Problem>,
) {
    if f.kind == Kind::Dateline {
        return;
    }
    let stated: Vec<&Mention> = inside.filter(|m| m.value.is_some()).collect();
    if let ([m], Some(v)) = (stated.as_slice(), f.value) {
        let text_value = m.value.expect("filtered");
        if text_value != v {
            problems.push(Problem::ValueMismatch {
                line: f.line,
                id: f.id.clone(),
                printed: m.printed.clone(),
                text_value,
                ledger_value: v,
            });
        }
    }
}

/// Reads a source's text, naming the file on failure.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::data(
            crate::Location::line(path, line as u64),
            "expected UTF-8 text",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Option<f64>)> {
        paragraphs(text)
            .iter()
            .flat_map(mentions)
            .map(|m| (m.printed, m.value))
            .collect()
    }

    #[test]
    fn finds_digits_words_dates_and_scales() {
        assert_eq!(
            found("On 2024-12-03, some 40% of twenty-five units and Rs1.2 billion went to COVID-19 work."),
            vec![
                ("2024-12-03".into(), None),
                ("40%".into(), Some(40.0)),
                ("twenty-five".into(), Some(25.0)),
                ("1.2 billion".into(), Some(1.2e9)),
                ("19".into(), Some(19.0)),
            ]
        );
    }

    #[test]
    fn number_words_need_word_boundaries() {
        assert!(found("Someone alone has done it; often, tone is nonexistent.").is_empty());
        assert_eq!(
            found("Seven said a dozen."),
            vec![("Seven".into(), Some(7.0)), ("dozen".into(), Some(12.0))]
        );
        assert_eq!(parse_number("two thousand and twenty-four"), Some(2024.0));
        assert_eq!(parse_number("three crore"), Some(3e7));
        assert_eq!(parse_number("hello"), None);
    }
}
