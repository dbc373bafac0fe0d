//! Each drafted row's id and printed words: words the audit finds this
//! number by, as it reads them (rows with the same words take successive
//! occurrences, figures before exclusions).

use std::collections::{BTreeMap, BTreeSet};

use super::read::Reading;
use super::text::Para;
use super::{Existing, Row};
use crate::ledger::Kind;

/// Gives each row an id: `p<paragraph>_<printed>`, unique among the rows and
/// the ids already used.
pub(super) fn name(rows: &mut [Row], taken: &BTreeSet<String>) {
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
pub(super) fn place(read: &[Para], rows: &mut [Row], existing: &Existing) {
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
