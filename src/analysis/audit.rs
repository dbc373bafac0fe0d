//! The audit: every source text read against the ledger and our words.
//!
//! For each source whose text we hold, the audit
//!
//! - finds every number in the text ([`crate::numbers::find`]: digits, number
//!   words, money, percentages, dates, in English and Urdu) and matches each
//!   to a figure or an exclusion; a number claimed by nothing, a figure whose
//!   printed words are not in its paragraph, or whose value or hedge differs
//!   from what is printed, is a problem;
//! - finds each figure's `attribution_text`, the source's own words that
//!   credit it;
//! - finds every phrase we put in quotation marks, in any text we publish,
//!   in the source it is attributed to.
//!
//! A text we do not hold cannot be audited. When a text is missing, the
//! audit kept from the last build is reused if nothing it covered changed;
//! otherwise the source is marked as not re-checked, with where to find it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ledger::{Figure, Kind, Ledger, Source};
use crate::numbers;
use crate::sentences::{fill, say};
use crate::words::count_in;

/// A blank-line-separated block of a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
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
/// let p = newsfigures::analysis::audit::paragraphs("a\nb\n\n\nc\n");
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
            if let Some(p) = out.last_mut() {
                p.text.push('\n');
                p.text.push_str(line);
            }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The hedge the words before it put on it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// What accounts for a mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Claim {
    /// A figure of the ledger.
    Figure {
        /// The figure's id.
        id: String,
        /// True when the figure is a draft.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        draft: bool,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matched {
    /// The mention.
    #[serde(flatten)]
    pub mention: Mention,
    /// What accounts for it.
    pub claim: Claim,
}

/// A reason the audit of numbers fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// A figure whose hedge differs from the text's ("over 5,000" recorded
    /// as exactly 5,000).
    QualifierMismatch {
        /// The figure's line in `figures.csv`.
        line: u64,
        /// The figure's id.
        id: String,
        /// The hedge in the text, if any.
        text: Option<String>,
        /// The hedge in the ledger, if any.
        ledger: Option<String>,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said(&crate::i18n::Locale::english()))
    }
}

impl Problem {
    /// The problem, and how to fix it, in `loc`'s language.
    pub fn said(&self, loc: &crate::i18n::Locale) -> String {
        let l = loc.lang;
        // Line and paragraph numbers as written, without separators.
        let n = |v: u64| loc.digits(&v.to_string());
        match self {
            Problem::UnmatchedMention { paragraph, printed } => fill(
                l,
                "paragraph {paragraph}: the number {printed} is not in the ledger; add it to figures.csv or, with a reason, to exclusions.csv",
                &[
                    ("paragraph", &n(u64::from(*paragraph))),
                    ("printed", &format!("{printed:?}")),
                ],
            ),
            Problem::PrintedNotFound {
                file,
                line,
                id,
                paragraph,
                printed,
            } => {
                let who = id.as_ref().map(|i| format!(" (`{i}`)")).unwrap_or_default();
                fill(
                    l,
                    "{file} line {line}{who}: printed text {printed} is not found in paragraph {paragraph}",
                    &[
                        ("file", file),
                        ("line", &n(*line)),
                        ("who", &who),
                        ("printed", &format!("{printed:?}")),
                        ("paragraph", &n(u64::from(*paragraph))),
                    ],
                )
            }
            Problem::NoNumberInPrinted { line, id, printed } => fill(
                l,
                "figures.csv line {line} (`{id}`): printed text {printed} holds no number",
                &[
                    ("line", &n(*line)),
                    ("id", id),
                    ("printed", &format!("{printed:?}")),
                ],
            ),
            Problem::ValueMismatch {
                line,
                id,
                printed,
                text_value,
                ledger_value,
            } => fill(
                l,
                "figures.csv line {line} (`{id}`): value {value} but the text prints {printed} ({text})",
                &[
                    ("line", &n(*line)),
                    ("id", id),
                    ("value", &loc.number(*ledger_value)),
                    ("printed", &format!("{printed:?}")),
                    ("text", &loc.number(*text_value)),
                ],
            ),
            Problem::QualifierMismatch {
                line,
                id,
                text,
                ledger,
            } => {
                let text = text
                    .as_deref()
                    .map_or_else(|| say(l, "exact").to_string(), |t| format!("{t:?}"));
                let ledger = ledger
                    .as_deref()
                    .map_or_else(|| say(l, "empty").to_string(), |t| format!("{t:?}"));
                fill(
                    l,
                    "figures.csv line {line} (`{id}`): the text hedges the number as {text} but the ledger's qualifier is {ledger}",
                    &[
                        ("line", &n(*line)),
                        ("id", id),
                        ("text", &text),
                        ("ledger", &ledger),
                    ],
                )
            }
        }
    }
}

/// A phrase we put in quotation marks, looked for in its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The phrase, without its quotation marks.
    pub phrase: String,
    /// Where we publish it (`figures.csv line 3, counts`, `charts[0].subtitle`).
    pub location: String,
    /// The paragraph where the source has it; `None` when it does not.
    pub paragraph: Option<u32>,
    /// When it is not found: the closest phrase the source does contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closest: Option<String>,
}

/// A figure's attribution, looked for in its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The figure's id.
    pub figure: String,
    /// Its `attribution_text`.
    pub text: String,
    /// Who it is attributed to (empty when the text names no one).
    pub attributed_to: String,
    /// The paragraph where the source has it; `None` when it does not.
    pub paragraph: Option<u32>,
}

/// Whether a source's text was audited in this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Audited now, against the text.
    Checked,
    /// The text is missing here and the ledger has changed since it was last
    /// audited.
    NotRechecked,
    /// The ledger holds no text for this source; it is cited by URL.
    NoText,
}

/// The audit of one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceAudit {
    /// The source's id.
    pub source: String,
    /// Whether it was audited.
    pub status: Status,
    /// What a reader should know about the status.
    pub note: String,
    /// SHA-256 of the text audited.
    pub text_sha256: String,
    /// How many paragraphs the text has.
    pub paragraphs: usize,
    /// Every number, in text order, with what accounts for it.
    pub mentions: Vec<Matched>,
    /// Everything that makes the audit of numbers fail.
    pub problems: Vec<Problem>,
    /// Every quoted phrase attributed to this source.
    pub quotes: Vec<Quote>,
    /// Every figure's attribution words.
    pub attributions: Vec<Attribution>,
}

impl SourceAudit {
    /// Mentions accounted for by figures.
    pub fn matched_figures(&self) -> usize {
        self.mentions
            .iter()
            .filter(|m| matches!(m.claim, Claim::Figure { .. }))
            .count()
    }

    /// Mentions accounted for by draft figures.
    pub fn drafts(&self) -> usize {
        self.mentions
            .iter()
            .filter(|m| matches!(m.claim, Claim::Figure { draft: true, .. }))
            .count()
    }

    /// Mentions accounted for by exclusions.
    pub fn excluded(&self) -> usize {
        self.mentions
            .iter()
            .filter(|m| matches!(m.claim, Claim::Exclusion { .. }))
            .count()
    }

    /// One sentence: what was audited and what was found.
    pub fn summary(&self) -> String {
        match self.status {
            Status::NoText | Status::NotRechecked => self.note.clone(),
            _ => self.counted(&crate::i18n::Locale::english()),
        }
    }

    /// [`summary`](Self::summary) in a language: the engine's words from
    /// its table, numbers and the report's address as `loc` writes them.
    pub fn summary_in(&self, ledger: &Ledger, loc: &crate::i18n::Locale) -> String {
        match (self.status, ledger.source(&self.source)) {
            _ if loc.is_english() => self.summary(),
            (Status::NoText, Some(s)) => no_text_note(loc.lang, s),
            (Status::NotRechecked, Some(s)) => not_rechecked_note(loc.lang, s),
            (Status::NoText | Status::NotRechecked, None) => self.note.clone(),
            _ => self.counted(loc),
        }
    }

    /// What the audit counted, in a sentence.
    fn counted(&self, loc: &crate::i18n::Locale) -> String {
        let l = loc.lang;
        let drafts = match self.drafts() {
            0 => String::new(),
            1 => fill(
                l,
                " ({n} of them a draft to check)",
                &[("n", &loc.number(1.0))],
            ),
            n => fill(
                l,
                " ({n} of them drafts to check)",
                &[("n", &loc.digits(&n.to_string()))],
            ),
        };
        fill(
            l,
            "{numbers} in a text of {paragraphs}: {matched} matched to figures{drafts}, {excluded} excluded with a reason, {problems}.",
            &[
                (
                    "numbers",
                    &count_in(loc, self.mentions.len(), "{n} number", "{n} numbers"),
                ),
                (
                    "paragraphs",
                    &count_in(loc, self.paragraphs, "{n} paragraph", "{n} paragraphs"),
                ),
                ("matched", &loc.digits(&self.matched_figures().to_string())),
                ("drafts", &drafts),
                ("excluded", &loc.digits(&self.excluded().to_string())),
                (
                    "problems",
                    &count_in(loc, self.problems.len(), "{n} problem", "{n} problems"),
                ),
            ],
        )
    }
}

/// The note of a source whose text is not held.
pub(crate) fn no_text_note(l: Lang, s: &Source) -> String {
    fill(
        l,
        "Not audited: the text of this report is not held here; it is cited by its address, {url}.",
        &[("url", &s.url)],
    )
}

/// The note of a source whose text was not found this time.
pub(crate) fn not_rechecked_note(l: Lang, s: &Source) -> String {
    if s.url.is_empty() {
        fill(
            l,
            "Not re-checked: the text was not found at {path}.",
            &[("path", &s.text_path)],
        )
    } else {
        fill(
            l,
            "Not re-checked: the text was not found at {path}; the report is at {url}.",
            &[("path", &s.text_path), ("url", &s.url)],
        )
    }
}

/// The audit of every source, and what it covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Audit {
    /// SHA-256 of everything the audit read besides the texts: the ledger,
    /// the story file and the engine's version. A kept audit must match it.
    pub covers: String,
    /// One audit per source, in `sources.csv` order.
    pub sources: Vec<SourceAudit>,
}

impl Audit {
    /// Number problems across sources.
    pub fn problems(&self) -> usize {
        self.sources.iter().map(|s| s.problems.len()).sum()
    }

    /// The audit of one source.
    pub fn source(&self, id: &str) -> Option<&SourceAudit> {
        self.sources.iter().find(|s| s.source == id)
    }
}

/// Byte ranges of every occurrence of `needle` in `hay` that does not cut
/// into a word or number: "3" is not found inside "2023", nor "2025" inside
/// "2025-03-14" or "7" inside "7,984".
pub(crate) fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let joins = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => {
            (a.is_numeric() && b.is_numeric()) || (a.is_alphabetic() && b.is_alphabetic())
        }
        _ => false,
    };
    // A digit, then a separator and another digit, continue one number.
    let continues = |sep: Option<char>, next: Option<char>| {
        matches!(sep, Some('-' | ',' | '.' | '/' | '\u{2011}'))
            && next.is_some_and(char::is_numeric)
    };
    let (first, last) = (needle.chars().next(), needle.chars().next_back());
    hay.match_indices(needle)
        .filter(|(i, s)| {
            let mut before = hay[..*i].chars().rev();
            let mut after = hay[i + s.len()..].chars();
            let (b1, b2) = (before.next(), before.next());
            let (a1, a2) = (after.next(), after.next());
            let glued = joins(b1, first)
                || joins(last, a1)
                || (first.is_some_and(char::is_numeric) && continues(b1, b2))
                || (last.is_some_and(char::is_numeric) && continues(a1, a2));
            !glued
        })
        .map(|(i, s)| (i, i + s.len()))
        .collect()
}

/// The occurrences that hold a whole number (`spans(i)` gives the i-th
/// number's bytes, `first_at(a)` the first number starting at or after `a`):
/// the "2024" inside "3 December 2024" is no occurrence of the year 2024
/// printed after it. When none holds one, all of them, so that a printed
/// text with no number is reported as such.
pub(crate) fn holding(
    found: &[(usize, usize)],
    spans: impl Fn(usize) -> Option<(usize, usize)>,
    first_at: impl Fn(usize) -> usize,
) -> Vec<(usize, usize)> {
    let holds = |&(a, b): &(usize, usize)| spans(first_at(a)).is_some_and(|(_, end)| end <= b);
    let kept: Vec<(usize, usize)> = found.iter().copied().filter(holds).collect();
    if kept.is_empty() {
        found.to_vec()
    } else {
        kept
    }
}

/// Audits the numbers of one source's text against the ledger. Linear in
/// the text and in the figures: mentions are indexed by paragraph and
/// looked up by position.
pub fn numbers(
    ledger: &Ledger,
    source: &Source,
    text: &str,
) -> (usize, Vec<Matched>, Vec<Problem>) {
    let paras = paragraphs(text);
    let (mentions, problems) = numbers_in(ledger, source, &paras);
    (paras.len(), mentions, problems)
}

/// [`numbers`], on a text already split into paragraphs.
fn numbers_in(
    ledger: &Ledger,
    source: &Source,
    paras: &[Paragraph],
) -> (Vec<Matched>, Vec<Problem>) {
    let (mut mentions, first_of) = mentions(paras);
    let mut problems = Vec::new();
    // Rows with the same paragraph and printed text take successive
    // occurrences, so "924" printed twice in one paragraph needs two rows.
    let mut taken: HashMap<(u32, String), usize> = HashMap::new();
    let mut claim_span = |paragraph: u32,
                          printed: &str,
                          claim: Claim,
                          mentions: &mut Vec<Matched>|
     -> Option<std::ops::Range<usize>> {
        let p = paras.get(paragraph.checked_sub(1)? as usize)?;
        let nth = {
            let n = taken.entry((paragraph, printed.to_string())).or_insert(0);
            *n += 1;
            *n - 1
        };
        let (lo, hi) = (
            first_of[paragraph as usize - 1],
            first_of[paragraph as usize],
        );
        let slice = &mentions[lo..hi];
        let (start, end) = *holding(
            &occurrences(&p.text, printed),
            |i| slice.get(i).map(|m| (m.mention.start, m.mention.end)),
            |a| slice.partition_point(|m| m.mention.start < a),
        )
        .get(nth)?;
        let from = lo + slice.partition_point(|m| m.mention.start < start);
        let to = lo + slice.partition_point(|m| m.mention.start < end);
        let inside: Vec<usize> = (from..to)
            .filter(|&i| mentions[i].mention.end <= end)
            .collect();
        for &i in &inside {
            mentions[i].claim = claim.clone();
        }
        Some(from..from + inside.len())
    };
    for f in ledger.figures.iter().filter(|f| f.source == source.id) {
        let claim = Claim::Figure {
            id: f.id.to_string(),
            draft: f.status == crate::ledger::Status::Draft,
        };
        match claim_span(f.paragraph, &f.printed, claim, &mut mentions) {
            None => problems.push(Problem::PrintedNotFound {
                file: "figures.csv".into(),
                line: f.line,
                id: Some(f.id.to_string()),
                paragraph: f.paragraph,
                printed: f.printed.to_string(),
            }),
            Some(r) if r.is_empty() => problems.push(Problem::NoNumberInPrinted {
                line: f.line,
                id: f.id.to_string(),
                printed: f.printed.to_string(),
            }),
            Some(r) => check_value(f, &mentions[r], &mut problems),
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
    (mentions, problems)
}

/// A figure's value must be one of the numbers its printed text states,
/// and its hedge the text's.
fn check_value(f: &Figure, inside: &[Matched], problems: &mut Vec<Problem>) {
    if f.kind == Kind::Date {
        return;
    }
    let Some(v) = f.value else { return };
    let stated: Vec<&Mention> = inside
        .iter()
        .map(|m| &m.mention)
        .filter(|m| m.value.is_some())
        .collect();
    let Some(first) = stated.first() else { return };
    let close = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
    if !stated.iter().any(|m| close(m.value.unwrap_or(f64::NAN), v)) {
        problems.push(Problem::ValueMismatch {
            line: f.line,
            id: f.id.to_string(),
            printed: first.printed.clone(),
            text_value: first.value.unwrap_or(f64::NAN),
            ledger_value: v,
        });
        return;
    }
    let text_q = stated.iter().find_map(|m| m.qualifier.clone());
    let ledger_q = f.qualifier.map(|q| q.as_str().to_string());
    if text_q != ledger_q {
        problems.push(Problem::QualifierMismatch {
            line: f.line,
            id: f.id.to_string(),
            text: text_q,
            ledger: ledger_q,
        });
    }
}

/// Text folded for comparing quotations: lower case, straight quotes,
/// one space between words.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Every phrase in quotation marks in `text`: straight double quotes in
/// pairs, or curly ones. Trailing punctuation inside the marks is dropped.
pub fn quoted(text: &str) -> Vec<String> {
    quoted_spans(text)
        .into_iter()
        .filter_map(|(start, end)| {
            // Inside the marks (one at each end), without the punctuation a
            // quote may end on.
            let span = &text[start..end];
            let open = span.chars().next().map_or(0, char::len_utf8);
            let close = span.chars().next_back().map_or(0, char::len_utf8);
            let inner = &span[open..span.len() - close];
            let phrase = inner.trim().trim_end_matches([',', '.', ';', ':']).trim();
            (!phrase.is_empty()).then(|| phrase.to_string())
        })
        .collect()
}

/// Byte spans of every quotation in `text`, marks included: an opening `"`
/// or `“` up to the next closing mark (`"`, or `”` or `"` after `“`). An
/// opening mark that is never closed is passed over.
pub(crate) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let after = i + c.len_utf8();
        let close = match c {
            '"' => '"',
            '“' => '”',
            _ => {
                i = after;
                continue;
            }
        };
        let found = text[after..]
            .char_indices()
            .find(|&(_, d)| d == close || (close == '”' && d == '"'));
        i = match found {
            Some((j, d)) => {
                let end = after + j + d.len_utf8();
                out.push((i, end));
                end
            }
            None => after,
        };
    }
    out
}

/// Where `phrase` (folded) stands in the text's folded paragraphs.
fn find_paragraph(folded: &[String], phrase: &str) -> Option<u32> {
    let needle = fold(phrase);
    if needle.is_empty() {
        return None;
    }
    folded
        .iter()
        .position(|p| p.contains(&needle))
        .map(|i| i as u32 + 1)
}

/// The run of words in the text closest to `phrase` (by edit distance over
/// characters), for a message that helps fix a misquotation.
pub fn closest(text: &str, phrase: &str) -> Option<String> {
    let target = fold(phrase);
    let n = target.split(' ').count().max(1);
    let words: Vec<&str> = text.split_whitespace().take(200_000).collect();
    let mut best: Option<(usize, String)> = None;
    for len in [n.saturating_sub(1).max(1), n, n + 1] {
        for w in words.windows(len.min(words.len()).max(1)) {
            let candidate = w.join(" ");
            let c = fold(candidate.trim_matches(|c: char| !c.is_alphanumeric()));
            let d = edit_distance(&c, &target);
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((
                    d,
                    candidate
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string(),
                ));
            }
        }
    }
    best.map(|(_, s)| s)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A text we publish, with where it stands and the sources its quotations
/// may come from (empty: any source).
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// Where it stands.
    pub location: String,
    /// The text.
    pub text: String,
    /// Source ids its quotations are attributed to; empty for any source.
    pub sources: Vec<String>,
}

/// Audits one source whose text is present: numbers, attributions, and
/// the quotations attributed to it.
pub fn source(
    ledger: &Ledger,
    source: &Source,
    text: &str,
    published: &[Published],
) -> SourceAudit {
    let paras = paragraphs(text);
    let (mentions, problems) = numbers_in(ledger, source, &paras);
    let folded: Vec<String> = paras.iter().map(|p| fold(&p.text)).collect();
    let attributions = ledger
        .figures
        .iter()
        .filter(|f| f.source == source.id && !f.attribution_text.is_empty())
        .map(|f| Attribution {
            figure: f.id.to_string(),
            text: f.attribution_text.to_string(),
            attributed_to: f.attributed_to.to_string(),
            paragraph: find_paragraph(&folded, &f.attribution_text),
        })
        .collect();
    let mut quotes = Vec::new();
    for p in published {
        if !p.sources.is_empty() && !p.sources.contains(&source.id) {
            continue;
        }
        for phrase in quoted(&p.text) {
            let paragraph = find_paragraph(&folded, &phrase);
            // A quotation open to any source only needs to be in one of them.
            quotes.push(Quote {
                closest: None,
                location: p.location.clone(),
                paragraph,
                phrase,
            });
        }
    }
    for q in quotes.iter_mut().filter(|q| q.paragraph.is_none()) {
        q.closest = closest(text, &q.phrase);
    }
    SourceAudit {
        source: source.id.clone(),
        status: Status::Checked,
        note: String::new(),
        text_sha256: crate::util::sha256(text.as_bytes()),
        paragraphs: paras.len(),
        mentions,
        problems,
        quotes,
        attributions,
    }
}

/// Reads a source's text, naming the file on failure.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    crate::util::utf8(path, bytes)
}

/// Every number in the paragraphs, in text order, none yet accounted for;
/// and the index of each paragraph's first mention (one more entry than
/// paragraphs, so paragraph `i` holds `first_of[i]..first_of[i + 1]`).
pub(crate) fn mentions(paras: &[Paragraph]) -> (Vec<Matched>, Vec<usize>) {
    let mut out: Vec<Matched> = Vec::new();
    let mut first_of: Vec<usize> = Vec::with_capacity(paras.len() + 1);
    for p in paras {
        first_of.push(out.len());
        for m in numbers::find(&p.text) {
            out.push(Matched {
                mention: Mention {
                    paragraph: p.number,
                    start: m.start,
                    end: m.end,
                    printed: m.printed,
                    value: m.value,
                    qualifier: m.qualifier.map(|q| q.as_str().to_string()),
                },
                claim: Claim::Unmatched,
            });
        }
    }
    first_of.push(out.len());
    (out, first_of)
}

/// `2024-12-03` from a date as printed, where it is written that way.
pub(crate) fn iso_date(printed: &str) -> Option<String> {
    let s = printed.trim();
    crate::ledger::is_date(s).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_words_are_found_whole() {
        assert_eq!(occurrences("In 2023, 3 people", "3"), vec![(9, 10)]);
        assert_eq!(occurrences("On 2025-03-14 in 2025", "2025"), vec![(17, 21)]);
        assert_eq!(occurrences("7,984 and 7 more", "7"), vec![(10, 11)]);
        assert_eq!(occurrences("a 10-member team", "10-member"), vec![(2, 11)]);
        assert_eq!(occurrences("the end.", "end"), vec![(4, 7)]);
    }

    #[test]
    fn quotations_are_found() {
        assert_eq!(quoted("a \"b c,\" d “e” f \"g"), vec!["b c", "e"]);
        // One rule for phrases and spans: an unclosed mark is passed over.
        let text = "a \"b “c” d";
        let spans = quoted_spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].0..spans[0].1], "“c”");
        assert_eq!(quoted(text), vec!["c"]);
        assert_eq!(quoted("\"“x”\""), vec!["“x”"]);
        assert_eq!(fold("  Deeply\ntragic  ”X” "), "deeply tragic \"x\"");
        assert_eq!(
            closest(
                "The forum stressed on effective coordination",
                "stressed effective coordination"
            )
            .as_deref(),
            Some("stressed on effective coordination")
        );
    }
}
