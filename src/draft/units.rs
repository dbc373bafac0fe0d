//! One unit per number: from the noun it counts, or, where it has none of
//! its own, from the list, the noun or the sentence it refers to; one unit
//! for each noun across the story; a headline's number in the unit of the
//! body's figure it restates; values compared side by side in columns.

use std::collections::{BTreeMap, BTreeSet};

use super::period::Period;
use super::sentence::REACH;
use super::text::Para;
use super::{Row, is_headline, relate, vocab};
use crate::ledger::Kind;

/// Units for counts with no noun of their own: the unit of the number
/// before them in the sentence ("487 on one platform, 190 on another"), or
/// the noun before them ("The reported accounts include 487 on …"); then
/// one unit for each noun across the story.
pub(super) fn inherit_units(read: &[Para], rows: &mut [Row]) {
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
            // Urdu gives a list's noun once, after its last number ("… میں
            // ۸٬۱۰۰ اور مدارس میں ۴٬۸۵۰ بچے"): the unit of a later count in
            // the sentence that has a noun of its own comes first.
            let urdu = crate::i18n::has_arabic_script(p.text);
            let following = rows[i + 1..]
                .iter()
                .map(|q| &q.reading)
                .take_while(|q| q.sentence == r.sentence)
                .find(|q| q.kind == Kind::Count && q.own_noun && q.exclusion.is_none())
                .map(|q| q.unit.clone())
                .filter(|_| urdu);
            let unit = following
                .or(previous)
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
pub(super) fn columns(read: &[Para], rows: &mut [Row]) {
    for i in 0..rows.len() {
        let r = &rows[i].reading;
        if !matches!(r.kind, Kind::Count | Kind::Amount) || r.exclusion.is_some() {
            continue;
        }
        let p = &read[r.para as usize - 1];
        let from = p.own_words(r.tok, r.last_tok, REACH).start;
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

/// A number in a headline with no unit of its own, or another than the
/// body's, takes the unit of the figure of the body it restates (the same
/// value, or one its hedge holds): "Dengue tally crosses 12,800" restates
/// "12,846 cases".
pub(super) fn headline_units(read: &[Para], rows: &mut [Row]) {
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
