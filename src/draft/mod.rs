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
//!   derived numbers it prints ([`relate`]).
//!
//! Everything drafted is marked `draft`, and every guess (a year taken from
//! the report's date, a credit carried from an earlier sentence) is given in
//! `inferred` with its reason. Nothing drafted is ever written over a row
//! the journalist has: `init` writes a new folder, and `audit --draft`
//! prints rows to add.

mod credit;
mod period;
mod read;
mod relate;
mod text;
mod vocab;

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::audit::Paragraph;
use crate::ledger::{
    EXCLUSION_COLUMNS, FIGURE_COLUMNS, Kind, METRIC_COLUMNS, RELATION_COLUMNS, Source,
};
use credit::Credit;
use period::{Day, Period};
use read::Reading;
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
    let mut rows = credit_and_period(&read, readings, report);
    inherit_units(&read, &mut rows);
    headline_units(&read, &mut rows);
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
    columns(&read, &mut rows);
    name(&mut rows, &existing.ids);
    place(&read, &mut rows, existing);
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
            None => out.figures.push(figure_row(source, r, &mut out.summary)),
        }
    }
    out.summary.excluded = out.exclusions.len();
    out.relations = relations.iter().map(|r| relation_row(r, &figs)).collect();
    out.metrics = metrics.iter().map(metric_row).collect();
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

/// How many tokens either side of a number the drafter reads for its
/// credit and period: a sentence of any length costs the same per number.
const REACH: usize = 40;

/// A sentence as the crediting reads it: its number and paragraph, the
/// credit it gives its numbers (its own, or carried from the one before),
/// its one period phrase, the period it takes from the one before, and the
/// units of its numbers.
struct Sentence {
    number: usize,
    para: u32,
    credit: Option<Credit>,
    period: Option<Period>,
    inherited: Option<Period>,
    units: Vec<String>,
}

impl Sentence {
    /// The sentence of tokens `s` of `p`, after `last`. It credits its
    /// numbers by its own words, resolved against the `named` credits before
    /// it ("he said", "the minister said", "the report said"); with no words
    /// of its own, by those of the sentence before when it goes on from it
    /// ("The reported accounts include …", "Of those, …") or stands in the
    /// same paragraph after a named credit. It takes the period of the
    /// sentence before when it goes on from it.
    fn new(
        p: &Para,
        s: &std::ops::Range<usize>,
        k: usize,
        phrases: &[Period],
        last: Option<&Sentence>,
        named: &[Credit],
    ) -> Sentence {
        let number = p.toks[k].sentence;
        let own = credit::in_sentence(p, p.around(k, REACH), k).map(|c| resolve(c, named));
        let follows = last.filter(|l| l.number + 1 == number);
        let continues = follows.is_some_and(|l| credit::continues(p, s, &l.units));
        // "That works out to …": the reporter's own arithmetic, credited to no one.
        let reckoned = (s.start..s.end.min(s.start + 6))
            .any(|j| matches!(p.lower(j).as_str(), "works" | "work") && p.lower(j + 1) == "out");
        let credit = own.or_else(|| {
            let l = follows?;
            let c = l.credit.as_ref()?;
            (!reckoned && (continues || (l.para == p.number && !c.who.is_empty())))
                .then(|| carry(c))
        });
        Sentence {
            number,
            para: p.number,
            credit,
            period: (phrases.len() == 1).then(|| phrases[0].clone()),
            inherited: follows
                .filter(|_| continues)
                .and_then(|l| l.period.clone().or_else(|| l.inherited.clone())),
            units: Vec::new(),
        }
    }
}

/// Words that credit a figure to a pronoun ("he said"), a short title ("the
/// minister said") or a document ("the report said") stand for the last of
/// the credits before them (`named`) that named the same one in full.
fn resolve(c: Credit, named: &[Credit]) -> Credit {
    if c.who.is_empty() && pronoun_credit(&c) {
        return named.last().map_or(c, carry);
    }
    if c.who.is_empty() {
        let lower = c.text.to_lowercase();
        let document = [
            "report",
            "statement",
            "survey",
            "assessment",
            "data",
            "figures",
            "study",
            "رپورٹ",
        ]
        .into_iter()
        .find(|d| lower.starts_with(&format!("the {d} ")) || lower.starts_with(&format!("{d} ")));
        // "officials said" after "Officials of the relief department said".
        let officials = ["officials", "حکام"]
            .into_iter()
            .find(|o| lower.starts_with(o));
        if let Some(e) = officials.and_then(|o| {
            named
                .iter()
                .rev()
                .find(|e| e.who.to_lowercase().contains(o))
        }) {
            return carry(e);
        }
        return match document.and_then(|d| {
            named
                .iter()
                .rev()
                .find(|e| e.text.to_lowercase().contains(d))
        }) {
            Some(e) => carry(e),
            None => c,
        };
    }
    let words: Vec<String> = c.who.split_whitespace().map(str::to_lowercase).collect();
    let fuller = named.iter().rev().find(|e| {
        let theirs: Vec<String> = e.who.split_whitespace().map(str::to_lowercase).collect();
        theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
    });
    match fuller {
        Some(e) if words.len() <= 2 => carry(e),
        _ => c,
    }
}

/// Each reading with the words that credit it and the period that bounds
/// it: its own sentence's, or, when its sentence goes on from the one
/// before ("The reported accounts include …", "he said"), that one's.
fn credit_and_period(read: &[Para], readings: Vec<Reading>, report: Day) -> Vec<Row> {
    let mut rows = Vec::with_capacity(readings.len());
    let mut last: Option<Sentence> = None;
    let mut named: Vec<Credit> = Vec::new();
    let mut phrases: Vec<Period> = Vec::new();
    // Sentences with no number credit no figure, but may name the one that
    // a later "he said" stands for.
    let mut quiet = read
        .iter()
        .flat_map(|p| p.sentences().map(move |s| (p, s)))
        .peekable();
    for r in readings {
        let p = &read[r.para as usize - 1];
        let s = p.sentence_of(r.tok);
        while let Some((q, qs)) = quiet.next_if(|(q, qs)| q.toks[qs.start].sentence < r.sentence) {
            if last
                .as_ref()
                .is_some_and(|l| l.number >= q.toks[qs.start].sentence)
            {
                continue; // read already, with its numbers
            }
            let credit = credit::in_sentence(q, q.around(qs.start, REACH), qs.start)
                .map(|c| resolve(c, &named));
            if let Some(c) = credit.filter(|c| !c.who.is_empty() && !c.carried) {
                named.push(c);
            }
        }
        if last.as_ref().is_none_or(|l| l.number != r.sentence) {
            phrases = period::phrases(p, s.clone(), report);
            let sentence = Sentence::new(p, &s, r.tok, &phrases, last.as_ref(), &named);
            if let Some(c) = sentence
                .credit
                .as_ref()
                .filter(|c| !c.who.is_empty() && !c.carried)
            {
                named.push(c.clone());
            }
            last = Some(sentence);
        }
        let Some(sentence) = last.as_mut() else {
            continue;
        };
        if !r.unit.is_empty() {
            sentence.units.push(r.unit.clone());
        }
        let plain = r.exclusion.is_none() && r.kind != Kind::Date;
        let near = p.around(r.tok, REACH);
        let own = credit::in_sentence(p, near.clone(), r.tok).map(|c| resolve(c, &named));
        let credit = own.or_else(|| sentence.credit.clone()).filter(|_| plain);
        let numbers: Vec<usize> = near
            .clone()
            .filter(|&t| {
                p.mention_at(t)
                    .is_some_and(|m| m.kind != crate::numbers::MentionKind::Date)
                    && period::year_at(p, t).is_none()
            })
            .collect();
        let own_period = period::nearest(p, &phrases, r.tok, &numbers, near).cloned();
        let period = own_period
            .or_else(|| sentence.inherited.clone())
            .filter(|_| plain);
        rows.push(Row {
            reading: r,
            id: String::new(),
            credit,
            period,
            metric: None,
            column: None,
        });
    }
    rows
}

/// A credit taken on from an earlier sentence.
fn carry(c: &Credit) -> Credit {
    Credit {
        carried: true,
        ..c.clone()
    }
}

/// Whether a credit names its source by a pronoun ("he said").
fn pronoun_credit(c: &Credit) -> bool {
    let first = c
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        first.as_str(),
        "he" | "she" | "they" | "ان" | "انہوں" | "انھوں" | "اس" | "وہ"
    )
}

/// Units for counts with no noun of their own: the unit of the number
/// before them in the sentence ("487 on one platform, 190 on another"), or
/// the noun before them ("The reported accounts include 487 on …"); then
/// one unit for each noun across the story.
fn inherit_units(read: &[Para], rows: &mut [Row]) {
    let mut vocabulary = vocab::Vocabulary::default();
    for i in 0..rows.len() {
        let r = &rows[i].reading;
        let inheriting = r.exclusion.is_none()
            && r.unit.is_empty()
            && matches!(r.kind, Kind::Count | Kind::Ratio | Kind::Change);
        if inheriting {
            let p = &read[r.para as usize - 1];
            let previous = (0..i)
                .rev()
                .map(|j| &rows[j].reading)
                .take_while(|q| q.sentence == r.sentence)
                .find(|q| q.kind == Kind::Count && !q.unit.is_empty() && q.exclusion.is_none())
                .map(|q| q.unit.clone());
            let unit = previous
                .or_else(|| noun_before(p, r.tok, &vocabulary))
                .or_else(|| anaphora(p, r.tok).then(|| last_unit(rows, i)).flatten())
                .or_else(|| remaining(p, r.tok).then(|| last_unit(rows, i)).flatten());
            if let Some(unit) = unit {
                let place = std::mem::take(&mut rows[i].reading.counts);
                let reading = &mut rows[i].reading;
                if reading.kind == Kind::Count {
                    reading.counts = format!("{}{place}", crate::util::capitalise(&unit));
                }
                reading.unit = unit;
                reading
                    .notes
                    .push("The unit is taken from the words before the number.".into());
            }
        }
        let reading = &mut rows[i].reading;
        if matches!(
            reading.kind,
            Kind::Count | Kind::Ratio | Kind::OneIn | Kind::Change
        ) && !FIXED_UNITS.contains(&reading.unit.as_str())
            && !is_currency(&reading.unit)
        {
            reading.unit = vocabulary.unit(&reading.unit);
        }
        if reading.counts.is_empty() || reading.counts.starts_with(' ') {
            reading.counts = format!("What the number counts{}", reading.counts);
        }
    }
}

/// Whether the sentence of token `k` opens by pointing back at the one
/// before: "Of those arrested, …", "Of these, …", "ان میں سے …".
fn anaphora(p: &Para, k: usize) -> bool {
    let s = p.sentence_of(k);
    let w = p.words_of(s.start..s.end.min(s.start + 3)).join(" ");
    [
        "of those",
        "of these",
        "of them",
        "of whom",
        "among them",
        "among those",
        "ان میں سے",
    ]
    .iter()
    .any(|a| w.starts_with(a))
}

/// Whether the word before token `k` makes it what is left of a count
/// just given: "The remaining 275", "the other 40", "باقی ۳۰".
fn remaining(p: &Para, k: usize) -> bool {
    k > 0
        && matches!(
            p.lower(k - 1).as_str(),
            "remaining" | "other" | "rest" | "balance" | "باقی"
        )
}

/// The unit of the last count in the sentence before row `i`'s.
fn last_unit(rows: &[Row], i: usize) -> Option<String> {
    let sentence = rows[i].reading.sentence;
    rows[..i]
        .iter()
        .rev()
        .map(|r| &r.reading)
        .skip_while(|r| r.sentence == sentence)
        .take_while(|r| r.sentence + 1 == sentence)
        .find(|r| r.kind == Kind::Count && !r.unit.is_empty())
        .map(|r| r.unit.clone())
}

/// Units the drafter gives by kind, not from a noun: never made plural.
const FIXED_UNITS: [&str; 4] = ["percent", "share", "times", "members"];

/// A currency code (PKR, USD), the unit of money.
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// The nearest plural noun before token `k` in its sentence.
fn noun_before(p: &Para, k: usize, known: &vocab::Vocabulary) -> Option<String> {
    let s = p.around(k, REACH);
    (s.start..k).rev().find_map(|j| {
        let w = p.word(j);
        let lower = w.to_lowercase();
        let noun = p.is_word(j)
            && if w.is_ascii() {
                (vocab::is_plural(&lower) || known.knows(&lower)) && !vocab::is_stop(&lower)
            } else {
                vocab::is_urdu_noun(w)
            };
        noun.then(|| vocab::unit_of(w).0)
    })
}

/// Words before a value that compare it with the one before it.
const COMPARED: [&str; 8] = [
    "against",
    "compared",
    "versus",
    "vs",
    "than",
    "بڑھ",
    "گھٹ",
    "مقابلے",
];

/// Values a sentence compares ("Roads will receive Rs 5 crore in 2025,
/// against Rs 4 crore in 2024"): the first in column 0, the other in
/// column 1. A value in a column with no period of its own takes the one period
/// the same column has in its paragraph ("Schools will receive Rs 4 crore,
/// against Rs 3.5 crore" after the sentence on roads), as an inference.
fn columns(read: &[Para], rows: &mut [Row]) {
    for i in 0..rows.len() {
        let r = &rows[i].reading;
        if !matches!(r.kind, Kind::Count | Kind::Amount) || r.exclusion.is_some() {
            continue;
        }
        let p = &read[r.para as usize - 1];
        let s = p.around(r.tok, REACH);
        let from = (s.start..r.tok)
            .rev()
            .find(|&k| p.mention_at(k).is_some())
            .map_or(s.start, |k| k + 1);
        let lead: Vec<String> = (from..r.tok)
            .filter(|&k| p.is_word(k))
            .map(|k| p.lower(k))
            .collect();
        // "up from 7,350", not "3,218 from Dheri Sultan".
        let last3: Vec<&str> = lead.iter().rev().take(3).map(String::as_str).collect();
        let compared = last3.iter().any(|w| COMPARED.contains(w))
            || last3.windows(2).any(|w| {
                w[0] == "from"
                    && matches!(
                        w[1],
                        "up" | "down" | "rose" | "fell" | "increased" | "decreased"
                    )
            });
        let partner = (0..i)
            .rev()
            .take(REACH)
            .take_while(|&j| rows[j].reading.sentence == r.sentence)
            .find(|&j| {
                let q = &rows[j].reading;
                q.kind == r.kind
                    && q.unit == r.unit
                    && q.exclusion.is_none()
                    && rows[j].column.is_none()
            });
        if let (true, Some(j)) = (compared, partner) {
            rows[j].column = Some(0);
            rows[i].column = Some(1);
        }
    }
    for column in [0u8, 1] {
        let mut by_para: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, row) in rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.column == Some(column))
        {
            by_para.entry(row.reading.para).or_default().push(i);
        }
        for members in by_para.values() {
            let periods: BTreeSet<(Option<String>, Option<String>)> = members
                .iter()
                .filter_map(|&i| rows[i].period.as_ref())
                .map(|p| (p.start.clone(), p.end.clone()))
                .collect();
            let mut periods = periods.into_iter();
            let (Some((start, end)), None) = (periods.next(), periods.next()) else {
                continue;
            };
            let why = "the period of the value in the same place in the sentence that gives one"
                .to_string();
            for &i in members {
                if rows[i].period.is_some() {
                    continue;
                }
                let inferred = [("period_start", &start), ("period_end", &end)]
                    .into_iter()
                    .filter(|(_, v)| v.is_some())
                    .map(|(f, _)| (f, why.clone()))
                    .collect();
                rows[i].period = Some(Period {
                    first: 0,
                    last: 0,
                    text: String::new(),
                    start: start.clone(),
                    end: end.clone(),
                    inferred,
                });
            }
        }
    }
}

/// Gives each row an id: `p<paragraph>_<printed>`, unique among the rows and
/// the ids already used.
fn name(rows: &mut [Row], taken: &BTreeSet<String>) {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows.iter_mut().filter(|r| r.reading.exclusion.is_none()) {
        let r = &row.reading;
        let slug: Vec<String> = r
            .printed
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let slug = if slug.is_empty() && r.kind == Kind::Date {
            "date".to_string()
        } else if slug.is_empty() {
            r.value.map_or("number".to_string(), |v| {
                crate::format::number(v).replace([',', '.'], "_")
            })
        } else {
            slug.join("_")
        };
        let base = format!("p{}_{slug}", r.para);
        let mut id = base.clone();
        loop {
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                id = format!("{base}_{n}");
            }
            if !taken.contains(&id) {
                break;
            }
        }
        row.id = id;
    }
}

/// Chooses each row's printed words so that the audit finds this number by
/// them: rows with the same paragraph and words take successive
/// occurrences, figures before exclusions, so a number whose words occur
/// elsewhere first (the "3" of "3 December") is given with a word beside it.
fn place(read: &[Para], rows: &mut [Row], existing: &Existing) {
    // The words as read ("three months") where they can be; where one row's
    // words would take another's occurrence, every number as printed; where
    // a number left out stands before a figure printed the same way in its
    // paragraph (the audit reads figures first), it becomes a figure of kind
    // `other`, its reason in the note.
    if place_all(read, rows, existing, true).is_empty() {
        return;
    }
    let failed = place_all(read, rows, existing, false);
    if failed.is_empty() {
        return;
    }
    for row in rows
        .iter_mut()
        .filter(|r| failed.contains(&r.reading.para) && r.reading.value.is_some())
    {
        if let Some(why) = row.reading.exclusion.take() {
            row.reading.kind = Kind::Other;
            row.reading.counts = "A number left out of the analysis".into();
            row.reading.notes.push(format!("{why}."));
            row.id = format!("p{}_other_{}", row.reading.para, row.reading.tok);
        }
    }
    place_all(read, rows, existing, false);
}

/// One try of [`place`]; gives the paragraphs where a row found no words.
fn place_all(
    read: &[Para],
    rows: &mut [Row],
    existing: &Existing,
    readable: bool,
) -> BTreeSet<u32> {
    let mut taken: BTreeMap<(u32, String), usize> = existing.figure_rows.clone();
    let mut failed = BTreeSet::new();
    for pass in [false, true] {
        if pass {
            for (k, n) in &existing.exclusion_rows {
                *taken.entry(k.clone()).or_insert(0) += n;
            }
        }
        for row in rows
            .iter_mut()
            .filter(|r| r.reading.exclusion.is_some() == pass)
        {
            let r = &mut row.reading;
            let p = &read[r.para as usize - 1];
            let wanted = 1 + usize::from(r.kind == Kind::OneIn);
            let found = spans(p, r, readable).into_iter().find(|&(a, b)| {
                let words = &p.text[p.toks[a].start..p.toks[b].end];
                let nth = taken
                    .get(&(r.para, words.to_string()))
                    .copied()
                    .unwrap_or(0);
                claims(p, (p.toks[a].start, p.toks[b].end), nth, wanted)
            });
            match found {
                Some((a, b)) => r.printed = p.text[p.toks[a].start..p.toks[b].end].to_string(),
                None => {
                    failed.insert(r.para);
                }
            }
            *taken.entry((r.para, r.printed.clone())).or_insert(0) += 1;
        }
    }
    failed
}

/// The token spans a number may be printed as, in the order they are tried:
/// the words as read ("three months") and the number alone (the other way
/// round unless `readable`), then with up to three tokens either side.
fn spans(p: &Para, r: &Reading, readable: bool) -> Vec<(usize, usize)> {
    let first = r.tok;
    let mut bases = vec![(first, r.last_tok)];
    if r.last_tok != first && r.kind != Kind::OneIn {
        bases.push((first, first));
        if !readable {
            bases.reverse();
        }
    }
    let mut out = bases.clone();
    for width in 1usize..=6 {
        for before in width.saturating_sub(3)..=width.min(3) {
            for &(a, b) in &bases {
                if before <= a && b + width - before < p.toks.len() {
                    out.push((a - before, b + width - before));
                }
            }
        }
    }
    out
}

/// Whether the words at bytes `a..b`, as the `nth` row with those words,
/// claim exactly this number (and `wanted` numbers in all), as the audit
/// reads them: on one line, at their `nth` occurrence that holds a number.
fn claims(p: &Para, (a, b): (usize, usize), nth: usize, wanted: usize) -> bool {
    let words = &p.text[a..b];
    let from = p.mentions.partition_point(|m| m.start < a);
    let inside = p.mentions[from..].iter().take_while(|m| m.end <= b).count();
    let holding = crate::analysis::audit::holding(
        &crate::analysis::audit::occurrences(p.text, words),
        |i| p.mentions.get(i).map(|m| (m.start, m.end)),
        |x| p.mentions.partition_point(|m| m.start < x),
    );
    // The ledger's rules for text: no control characters, nothing a
    // spreadsheet would run as a formula.
    let plain = !words.chars().any(char::is_control)
        && !words.starts_with(['=', '@'])
        && words.len() <= 200;
    plain && inside == wanted && holding.get(nth) == Some(&(a, b))
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
        let s = p.around(r.tok, REACH);
        let from = (s.start..r.tok)
            .rev()
            .find(|&k| p.mention_at(k).is_some())
            .map_or(s.start, |k| k + 1);
        let to = (r.last_tok + 1..s.end)
            .find(|&k| p.mention_at(k).is_some())
            .unwrap_or(s.end);
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

/// A number in a headline with no unit of its own, or another than the
/// body's, takes the unit of the figure of the body it restates (the same
/// value, or one its hedge holds): "Dengue tally crosses 12,800" restates
/// "12,846 cases".
fn headline_units(read: &[Para], rows: &mut [Row]) {
    for i in 0..rows.len() {
        let r = &rows[i].reading;
        // Only a number whose unit no noun of its own gave.
        // An Urdu word the drafter does not know may be no noun ("۳۱۲۰ منظور", approved).
        let known = r.own_noun && (r.unit.is_ascii() || r.unit.is_empty());
        if !matches!(r.kind, Kind::Count | Kind::Amount)
            || r.exclusion.is_some()
            || known
            || !is_headline(&read[r.para as usize - 1])
        {
            continue;
        }
        let (value, qualifier, para) = (r.value.unwrap_or(f64::NAN), r.qualifier, r.para);
        let body = (i + 1..rows.len())
            .map(|j| &rows[j].reading)
            .take_while(|b| b.para <= para + 3)
            .find(|b| {
                let v = b.value.unwrap_or(f64::NAN);
                let holds =
                    v == value || qualifier.is_some_and(|q| relate::hedge_holds(q, value, v));
                b.kind == r.kind && b.exclusion.is_none() && !b.unit.is_empty() && holds
            });
        if let Some(unit) = body
            .map(|b| b.unit.clone())
            .filter(|u| *u != rows[i].reading.unit)
        {
            let reading = &mut rows[i].reading;
            reading.unit = unit;
            reading.notes.push(
                "The unit is that of the report's figure this headline number restates.".into(),
            );
        }
    }
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

/// One `figures.csv` row.
fn figure_row(source: &Source, row: &Row, summary: &mut Summary) -> Vec<String> {
    let r = &row.reading;
    let mut out = vec![String::new(); FIGURE_COLUMNS.len()];
    let mut set = |col: &str, v: String| {
        if let Some(i) = FIGURE_COLUMNS.iter().position(|c| *c == col) {
            out[i] = v;
        }
    };
    let mut inferred: Vec<(String, String)> = Vec::new();
    let mut notes = vec!["Drafted from the text; check every field.".to_string()];
    notes.extend(r.notes.iter().cloned());
    set("id", row.id.clone());
    set("source", source.id.clone());
    set("paragraph", r.para.to_string());
    set("printed", r.printed.clone());
    set("value", r.value.map(|v| format!("{v}")).unwrap_or_default());
    set("kind", r.kind.as_str().to_string());
    set("unit", r.unit.clone());
    set("counts", one_line(&r.counts));
    set(
        "qualifier",
        r.qualifier
            .map(|q| q.as_str().to_string())
            .unwrap_or_default(),
    );
    set("scale", r.scale.clone().unwrap_or_default());
    if let Some((date, why)) = &r.date {
        set("period_end", date.clone());
        if let Some(why) = why {
            inferred.push(("period_end".into(), why.clone()));
        }
    }
    if let Some(c) = &row.credit {
        summary.credited += 1;
        set("attribution_text", one_line(&c.text));
        set("attributed_to", one_line(&c.who));
        if c.who.is_empty() {
            summary.credited_to_no_one += 1;
        }
        if c.carried {
            summary.carried += 1;
            let whence = if c.paragraph == r.para {
                "the sentence before".to_string()
            } else {
                format!("paragraph {}", c.paragraph)
            };
            notes.push(format!(
                "Credited through the words of {whence}, which this sentence goes on from."
            ));
            if !c.who.is_empty() {
                inferred.push((
                    "attributed_to".into(),
                    format!("credited through the words of {whence}"),
                ));
            }
        }
    }
    if let Some(ph) = &row.period {
        summary.with_period += 1;
        set("period_text", one_line(&ph.text));
        set("period_start", ph.start.clone().unwrap_or_default());
        set("period_end", ph.end.clone().unwrap_or_default());
        inferred.extend(
            ph.inferred
                .iter()
                .map(|(f, why)| (f.to_string(), why.clone())),
        );
    }
    if r.unit.is_empty() && r.kind != Kind::Date {
        summary.without_unit += 1;
        notes.push("No word gives the unit: say what one unit is.".into());
    }
    summary.figures += 1;
    summary.inferred += inferred.len();
    set(
        "inferred",
        inferred
            .iter()
            .map(|(f, why)| format!("{f}: {}", why.replace(';', ",")))
            .collect::<Vec<_>>()
            .join("; "),
    );
    set("metric", row.metric.clone().unwrap_or_default());
    set("status", "draft".to_string());
    set("note", notes.join(" "));
    out
}

/// Words on one line, one space between them: the audit finds the
/// report's words whatever the line breaks, and the ledger holds no
/// control characters.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn relation_row(r: &relate::Relation, figs: &[relate::Fig]) -> Vec<String> {
    let left: Vec<&str> = r.left.iter().map(|&i| figs[i].id.as_str()).collect();
    vec![
        r.id.clone(),
        r.description.clone(),
        left.join(" + "),
        r.op.to_string(),
        figs[r.right].id.clone(),
        r.unit.clone(),
        r.gap_label.clone(),
        "draft".into(),
        r.note.clone(),
    ]
}

fn metric_row(m: &relate::Metric) -> Vec<String> {
    vec![
        m.id.clone(),
        m.description.clone(),
        m.numerator.clone(),
        m.denominator.clone(),
        m.calc.to_string(),
        m.display.to_string(),
        m.per.clone(),
        String::new(),
        String::new(),
        m.formula.clone(),
        "draft".into(),
        m.note.clone(),
    ]
}
