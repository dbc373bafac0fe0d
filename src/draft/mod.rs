//! Drafting: the engine reads a report so that the journalist reviews
//! instead of types.
//!
//! [`draft`] reads every number of a text that the ledger does not yet hold
//! with the words around it, in English and Urdu, and drafts:
//!
//! - a `figures.csv` row for each: its kind (a count, money with its scale,
//!   a percentage, a period length, a deadline, a group's size, a date with
//!   its year, a printed share, change, rate, multiple or "one in N"), its
//!   unit (the noun it counts, one unit per noun across the story; people
//!   for the nouns that name people, with the report's word kept, quoted, in
//!   `counts`), its hedge, the words that credit it and who they name (carried
//!   from the sentence before where the report goes on from it), and its
//!   period from the words that bound it;
//! - an `exclusions.csv` row, with the reason, for an age, a label ("Section
//!   144", "COVID-19") or a time of day;
//! - the relations its numbers imply and the metrics that recompute the
//!   derived numbers it prints (the `relate` module).
//!
//! Everything drafted is marked `draft`, and every guess (a year taken from
//! the report's date, a credit carried from an earlier sentence) is given in
//! `inferred` with its reason. Nothing drafted is ever written over a row
//! the journalist has: `init` writes a new folder, and `audit --draft`
//! prints rows to add.

mod credit;
mod period;
mod place;
mod read;
mod relate;
mod rows;
mod sentence;
mod text;
mod units;
mod vocab;

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::audit::Paragraph;
use crate::ledger::{
    EXCLUSION_COLUMNS, FIGURE_COLUMNS, Kind, METRIC_COLUMNS, RELATION_COLUMNS, Source,
};
use credit::Credit;
use period::{Day, Period};
use read::Reading;
use sentence::REACH;
use text::Para;

/// What the ledger already holds, so that a draft adds to it without
/// clashing: for `audit --draft` on a story that grows. Empty for `init`.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Numbers already accounted for, by paragraph and byte offset in it.
    pub matched: BTreeSet<(u32, usize)>,
    /// How many `figures.csv` rows give each paragraph and printed text.
    pub figure_rows: BTreeMap<(u32, String), usize>,
    /// How many `exclusions.csv` rows give each paragraph and printed text.
    pub exclusion_rows: BTreeMap<(u32, String), usize>,
    /// Ids already used in `figures.csv`, `relations.csv` and `metrics.csv`.
    pub ids: BTreeSet<String>,
}

/// What a draft holds, in numbers, for the summary `init` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Numbers in the text not yet in the ledger.
    pub numbers: usize,
    /// Figures drafted.
    pub figures: usize,
    /// Numbers left out, each with its reason.
    pub excluded: usize,
    /// Figures (other than dates) whose unit no word gave.
    pub without_unit: usize,
    /// Figures credited by the report's words (some to no one by name).
    pub credited: usize,
    /// Of those, credited through an earlier sentence.
    pub carried: usize,
    /// Figures whose credit names no one.
    pub credited_to_no_one: usize,
    /// Figures (other than dates) given a period.
    pub with_period: usize,
    /// Values the draft inferred rather than read.
    pub inferred: usize,
    /// Relations proposed.
    pub relations: usize,
    /// Metrics proposed for printed derived numbers.
    pub metrics: usize,
}

/// A draft: rows for each ledger file, and the officials' words found.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// `figures.csv` rows, in [`FIGURE_COLUMNS`] order.
    pub figures: Vec<Vec<String>>,
    /// `exclusions.csv` rows.
    pub exclusions: Vec<Vec<String>>,
    /// `relations.csv` rows.
    pub relations: Vec<Vec<String>>,
    /// `metrics.csv` rows.
    pub metrics: Vec<Vec<String>>,
    /// Words the report uses that we only ever quote (`officials_terms`).
    pub loaded: Vec<String>,
    /// The draft in numbers.
    pub summary: Summary,
}

impl Draft {
    /// The rows for one file as CSV (`columns` first when `header`).
    pub fn csv(rows: &[Vec<String>], columns: &[&str], header: bool) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        if header {
            let _ = w.write_record(columns);
        }
        for r in rows {
            let _ = w.write_record(r);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// `figures.csv` rows as CSV.
    pub fn figures_csv(&self, header: bool) -> String {
        Draft::csv(&self.figures, &FIGURE_COLUMNS, header)
    }

    /// `exclusions.csv` rows as CSV.
    pub fn exclusions_csv(&self, header: bool) -> String {
        Draft::csv(&self.exclusions, &EXCLUSION_COLUMNS, header)
    }

    /// `relations.csv` rows as CSV.
    pub fn relations_csv(&self, header: bool) -> String {
        Draft::csv(&self.relations, &RELATION_COLUMNS, header)
    }

    /// `metrics.csv` rows as CSV.
    pub fn metrics_csv(&self, header: bool) -> String {
        Draft::csv(&self.metrics, &METRIC_COLUMNS, header)
    }
}

/// The date a printed date gives, as `YYYY-MM-DD`, when it gives its year
/// ("3 December 2024", "Dec. 3, 2024", "۲ دسمبر ۲۰۲۴").
pub fn date_of(printed: &str) -> Option<String> {
    match period::date(
        printed,
        Day {
            year: 2000,
            month: 1,
            day: 1,
        },
    )? {
        (date, None) => Some(date),
        _ => None,
    }
}

/// A drafted figure or exclusion before it is written.
struct Row {
    reading: Reading,
    id: String,
    credit: Option<Credit>,
    period: Option<Period>,
    metric: Option<String>,
    /// For values a sentence compares ("Rs 5 crore, against Rs 4 crore"):
    /// 0 for the first, 1 for the one it is compared with.
    column: Option<u8>,
}

/// Drafts every number of `source`'s text (`paras`) that `existing` does
/// not account for.
pub fn draft(source: &Source, paras: &[Paragraph], existing: &Existing) -> Draft {
    let report = Day::parse(&source.date).unwrap_or(Day {
        year: 2000,
        month: 1,
        day: 1,
    });
    let read = text::read(paras);
    let readings = readings(&read, report);
    let mut rows = sentence::credit_and_period(&read, readings, report);
    units::inherit_units(&read, &mut rows);
    units::headline_units(&read, &mut rows);
    rows.retain(|r| {
        let at = read[r.reading.para as usize - 1].mentions[r.reading.mention].start;
        !existing.matched.contains(&(r.reading.para, at))
    });
    let numbers = read
        .iter()
        .map(|p| {
            p.mentions
                .iter()
                .filter(|m| !existing.matched.contains(&(p.number, m.start)))
                .count()
        })
        .sum();
    units::columns(&read, &mut rows);
    place::name(&mut rows, &existing.ids);
    place::place(&read, &mut rows, existing);
    let (figs, index) = figs(&read, &rows);
    let relations = relate::relations(&figs);
    let metrics = relate::metrics(&figs, &relations);
    for (i, id) in ties(&figs, &metrics) {
        rows[index[i]].metric = Some(id);
    }
    for m in &metrics {
        let row = &mut rows[index[m.figure]];
        if row.reading.kind == Kind::OneIn {
            if let Some(n) = figs.iter().find(|f| f.id == m.numerator) {
                row.reading.unit = n.unit.clone();
            }
        }
    }
    let mut out = Draft {
        loaded: loaded(paras),
        ..Draft::default()
    };
    out.summary.numbers = numbers;
    for r in &rows {
        match &r.reading.exclusion {
            Some(why) => out.exclusions.push(vec![
                source.id.clone(),
                r.reading.para.to_string(),
                r.reading.printed.clone(),
                why.clone(),
            ]),
            None => out
                .figures
                .push(rows::figure_row(source, r, &mut out.summary)),
        }
    }
    out.summary.excluded = out.exclusions.len();
    out.relations = relations
        .iter()
        .map(|r| rows::relation_row(r, &figs))
        .collect();
    out.metrics = metrics.iter().map(rows::metric_row).collect();
    out.summary.relations = out.relations.len();
    out.summary.metrics = out.metrics.len();
    out
}

/// Each printed derived number and the metric it is tied to: its own, or
/// that of the same number printed the same way elsewhere (a headline's "up
/// 35pc" and the body's "a 35 percent increase").
fn ties(figs: &[relate::Fig], metrics: &[relate::Metric]) -> Vec<(usize, String)> {
    use read::Derived as D;
    let what = |d: Option<D>| match d {
        None => 0u8,
        Some(D::Share) => 1,
        Some(D::Change { .. }) => 2,
        Some(D::PercentChange { .. }) => 3,
        Some(D::PerTime(_)) => 4,
        Some(D::Fold) => 5,
        Some(D::OneIn) => 6,
    };
    let key = |f: &relate::Fig| (f.kind, f.value.to_bits(), what(f.derived));
    let mut by_key: BTreeMap<_, String> = BTreeMap::new();
    let mut out: Vec<(usize, String)> = Vec::new();
    for m in metrics {
        by_key
            .entry(key(&figs[m.figure]))
            .or_insert_with(|| m.id.clone());
        out.push((m.figure, m.id.clone()));
    }
    let tied: BTreeSet<usize> = out.iter().map(|(i, _)| *i).collect();
    for (i, f) in figs
        .iter()
        .enumerate()
        .filter(|(i, f)| f.derived.is_some() && !tied.contains(i))
    {
        if let Some(id) = by_key.get(&key(f)) {
            out.push((i, id.clone()));
        }
    }
    out
}

/// Every number of the text, read; the second number of "one in five" is
/// part of the first.
fn readings(read: &[Para], report: Day) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    for p in read {
        let mut covered: Option<usize> = None;
        for i in 0..p.mentions.len() {
            let tok = p.token_of(i).unwrap_or(0);
            if covered.is_some_and(|last| tok <= last) {
                continue;
            }
            let r = read::read(p, i, report);
            covered = Some(r.last_tok);
            out.push(r);
        }
    }
    out
}

/// The figures as the search for relations sees them, and each one's row.
fn figs(read: &[Para], rows: &[Row]) -> (Vec<relate::Fig>, Vec<usize>) {
    let mut out = Vec::new();
    let mut index = Vec::new();
    for (i, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.reading.exclusion.is_none() && r.reading.kind != Kind::Date)
    {
        let r = &row.reading;
        let Some(value) = r.value else { continue };
        let p = &read[r.para as usize - 1];
        let std::ops::Range {
            start: from,
            end: to,
        } = p.own_words(r.tok, r.last_tok, REACH);
        let words = |range: std::ops::Range<usize>| {
            range
                .filter(|&k| p.is_word(k) || p.is(k, ':'))
                .map(|k| p.lower(k))
                .collect::<Vec<_>>()
        };
        let printed = &p.mentions[r.mention].printed;
        out.push(relate::Fig {
            id: row.id.clone(),
            para: r.para,
            sentence: r.sentence,
            value,
            kind: r.kind,
            unit: r.unit.clone(),
            qualifier: r.qualifier,
            period: row
                .period
                .as_ref()
                .map_or((None, None), |ph| (ph.start.clone(), ph.end.clone())),
            derived: r.derived,
            before: without_hedge(words(from..r.tok), r.qualifier.is_some()),
            after: words(r.last_tok + 1..to),
            decimals: printed.split_once('.').map_or(0, |(_, d)| {
                d.chars().take_while(|c| c.is_ascii_digit()).count() as i32
            }),
            digits: printed.chars().filter(|c| c.is_numeric()).count(),
            column: row.column,
            headline: is_headline(p),
        });
        index.push(i);
    }
    (out, index)
}

/// Whether a paragraph reads as a headline: short, and not ended as a
/// sentence is.
pub(crate) fn is_headline(p: &Para) -> bool {
    let text = p.text.trim();
    text.split_whitespace().count() <= 20 && !text.ends_with(['.', '!', '?', '۔', '"', '”'])
}

/// The words before a hedged number without its hedge ("more than", "over"),
/// so that a hedge is not read as a comparison.
fn without_hedge(mut words: Vec<String>, hedged: bool) -> Vec<String> {
    const HEDGES: [&str; 24] = [
        "over",
        "more",
        "than",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "at",
        "least",
        "most",
        "up",
        "to",
        "under",
        "below",
        "above",
        "roughly",
        "approximately",
        "estimated",
        "less",
        "fewer",
        "no",
        "crosses",
        "cross",
    ];
    while hedged && words.last().is_some_and(|w| HEDGES.contains(&w.as_str())) {
        words.pop();
    }
    words
}

/// The words of the officials or the report that we only ever quote, as
/// they stand in the text.
fn loaded(paras: &[Paragraph]) -> Vec<String> {
    let folded: Vec<String> = paras
        .iter()
        .map(|p| crate::analysis::audit::fold(&p.text))
        .collect();
    vocab::LOADED
        .iter()
        .filter(|w| {
            folded
                .iter()
                .any(|p| !crate::analysis::audit::occurrences(p, w).is_empty())
        })
        .map(|w| w.to_string())
        .collect()
}
