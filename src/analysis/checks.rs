//! Checks: everything the figures should satisfy, evaluated into findings.
//!
//! - **Relations** (`relations.csv`): sums and bounds. Hedged figures
//!   ("over 5,000") take part as the ranges they are, so a relation can hold,
//!   fail, or be consistent without being certain. When an equality fails,
//!   the finding lists the single slips that would make it hold, worded as
//!   possibilities.
//! - **Across sources**: figures of one series and one period from several
//!   reports are compared: equal values are said to match (which may only
//!   mean that the reports repeat one release), different
//!   values are a finding naming both. A relation that fails in one report is
//!   looked for in the others.
//! - **Printed derived numbers**: a share, change or rate the report prints
//!   is recomputed from its metric and compared within the printed precision.
//!
//! A check that does not hold is a finding, not an error: the ledger records
//! what was reported, and the inconsistency is news.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::Serialize;

use super::metrics::Metric;
use super::sums;
use crate::error::Result;
use crate::format;
use crate::i18n::{Lang, Locale};
use crate::ledger::{Figure, Kind, Ledger, Op, Relation, Sum};
use crate::numbers::Qualifier;
use crate::sentences::{fill, fill_owned, say};
use crate::story::Hedges;
use crate::util::lower_first;
use crate::words::{noun, outlet_in, shown_in, what};

/// What was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A relation from `relations.csv`.
    Relation,
    /// One series and period in several sources.
    CrossSource,
    /// The same relation in several sources.
    Replication,
    /// A derived number the report prints, against its metric.
    PrintedNumber,
    /// A figure the report gives as part of another, against that whole.
    PartOfWhole,
    /// The audit of the texts, when a story is published with problems.
    Audit,
}

impl Check {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Relation => "relation",
            Check::CrossSource => "cross_source",
            Check::Replication => "replication",
            Check::PrintedNumber => "printed_number",
            Check::PartOfWhole => "part_of_whole",
            Check::Audit => "audit",
        }
    }
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It does not hold: news.
    Fails,
    /// Sources give different values for what may be the same thing.
    Differs,
    /// The hedged figures allow it but do not prove it.
    Consistent,
    /// It holds exactly.
    Holds,
    /// Sources give the same value, or the same inconsistency: they match,
    /// which may only mean that they repeat one release.
    Matches,
}

impl Verdict {
    /// Every verdict, from the most to the least serious.
    pub const ALL: [Verdict; 5] = [
        Verdict::Fails,
        Verdict::Differs,
        Verdict::Consistent,
        Verdict::Holds,
        Verdict::Matches,
    ];

    /// The verdict a table name names.
    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// True for verdicts a reader should be told about as a problem.
    pub fn is_problem(self) -> bool {
        matches!(self, Verdict::Fails | Verdict::Differs)
    }

    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fails => "fails",
            Verdict::Differs => "differs",
            Verdict::Consistent => "consistent",
            Verdict::Holds => "holds",
            Verdict::Matches => "matches",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id: the relation's id, or `<series>_across_sources`,
    /// `<relation>_elsewhere`, `<figure>_printed`.
    pub id: String,
    /// What was checked.
    pub check: Check,
    /// The outcome.
    pub verdict: Verdict,
    /// The finding in a sentence a reader understands.
    pub sentence: String,
    /// What should hold, for relations.
    pub description: String,
    /// The left-hand or printed side's value.
    pub actual: Option<f64>,
    /// The right-hand or computed side's value.
    pub expected: Option<f64>,
    /// `actual - expected` where both are exact.
    pub gap: Option<f64>,
    /// The unit of both sides.
    pub unit: String,
    /// The figure ids involved.
    pub figures: Vec<String>,
    /// The source ids involved.
    pub sources: Vec<String>,
    /// Single slips that would make a failed total hold, as possibilities.
    pub possible_slips: Vec<String>,
    /// Line in `relations.csv` or `figures.csv` the check comes from.
    #[serde(rename = "ledger_line")]
    pub line: u64,
    /// The sentence in the story's other languages, for the methodology in
    /// each (the data files give the English `sentence`).
    #[serde(skip)]
    pub translations: Vec<(Lang, String)>,
}

impl Finding {
    /// True when the check holds, is consistent or the sources match.
    pub fn holds(&self) -> bool {
        !self.verdict.is_problem()
    }

    /// The sentence in `lang`: the English `sentence`, or its translation
    /// where the analysis made one (English where it did not).
    pub fn sentence_in(&self, lang: Lang) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.sentence, |(_, s)| s)
    }
}

/// A sentence built in English and in each of `others`.
fn in_each(others: &[Locale], build: impl Fn(&Locale) -> String) -> (String, Vec<(Lang, String)>) {
    let english = build(&Locale::english());
    let translations = others.iter().map(|loc| (loc.lang, build(loc))).collect();
    (english, translations)
}

/// The range a figure's value stands for: exact, or the bounds its hedge
/// allows (`over 5,000` is above 5,000; `about 1,200` within the story's
/// hedge of 1,200).
pub fn range(f: &Figure, hedges: &Hedges) -> (f64, f64) {
    let v = f.value.unwrap_or(0.0);
    let floor = if f.kind == Kind::Count {
        0.0
    } else {
        f64::NEG_INFINITY
    };
    match f.qualifier {
        None => (v, v),
        Some(Qualifier::Over) => (next_up(v), f64::INFINITY),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::Under) => (floor, next_down(v)),
        Some(Qualifier::AtMost) => (floor, v),
        Some(Qualifier::About) => {
            let d = (v * hedges.about).abs();
            (v - d, v + d)
        }
        Some(Qualifier::Nearly) => (v - (v * hedges.nearly).abs(), v),
    }
}

fn next_up(v: f64) -> f64 {
    if v.fract() == 0.0 {
        v + 1.0
    } else {
        v + f64::EPSILON * v.abs().max(1.0)
    }
}

fn next_down(v: f64) -> f64 {
    if v.fract() == 0.0 {
        v - 1.0
    } else {
        v - f64::EPSILON * v.abs().max(1.0)
    }
}

/// Every relation's two sides as a DataFrame, in file order: `id`,
/// `actual` (left), `expected` (right), `gap` (their exact difference), the
/// `_low`/`_high` bounds of each side (the values themselves unless a
/// figure is hedged), `hedged`, and the `verdict` (`holds`, `consistent`
/// or `fails`). Sums are exact (see [`super::sums`]); the verdict is a
/// polars expression of the sides and the relation's `op`.
pub fn frame(ledger: &Ledger, hedges: &Hedges) -> Result<DataFrame> {
    let relations = &ledger.relations;
    let sides = || relations.iter().map(|r| [&r.left, &r.right]);
    let range = |f: &Figure| range(f, hedges);
    let terms = sums::terms(&ledger.figures, sides(), Some(&range))?;
    let scale = sums::scale(&ledger.figures, sides().flatten());
    let bounds = terms.clone().lazy().group_by([col("key")]).agg([
        col("hedged").any(true).alias("hedged"),
        sums::part_sum(col("low"), 0).alias("actual_low"),
        sums::part_sum(col("high"), 0).alias("actual_high"),
        sums::part_sum(col("low"), 1).alias("expected_low"),
        sums::part_sum(col("high"), 1).alias("expected_high"),
    ]);
    let definitions = df!(
        "key" => (0..relations.len() as u32).collect::<Vec<_>>(),
        "id" => relations.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        "op" => relations.iter().map(|r| r.op.as_str()).collect::<Vec<_>>(),
    )?;
    // Unhedged sides are their exact values.
    let bound = |name: &str, side: &str| {
        when(col("hedged"))
            .then(col(name))
            .otherwise(col(side))
            .alias(name)
    };
    Ok(definitions
        .lazy()
        .left_join(sums::totals(&terms, scale)?, col("key"), col("key"))
        .left_join(bounds, col("key"), col("key"))
        .rename(["left", "right"], ["actual", "expected"], true)
        .with_columns([
            bound("actual_low", "actual"),
            bound("actual_high", "actual"),
            bound("expected_low", "expected"),
            bound("expected_high", "expected"),
        ])
        .with_column(verdict().alias("verdict"))
        .sort(["key"], SortMultipleOptions::default())
        .select([
            col("id"),
            col("actual"),
            col("expected"),
            col("gap"),
            col("actual_low"),
            col("actual_high"),
            col("expected_low"),
            col("expected_high"),
            col("hedged"),
            col("verdict"),
        ])
        .collect()?)
}

/// A relation's verdict as an expression of its row. Exact sides hold or
/// fail by their gap. Hedged sides are ranges: the relation holds when
/// every value in them satisfies it, fails when none does, and is
/// consistent otherwise.
fn verdict() -> Expr {
    let by_op = |eq: Expr, le: Expr, ge: Expr| {
        when(col("op").eq(lit(Op::Eq.as_str())))
            .then(eq)
            .when(col("op").eq(lit(Op::Le.as_str())))
            .then(le)
            .otherwise(ge)
    };
    let gap = || col("gap");
    let (alo, ahi) = (|| col("actual_low"), || col("actual_high"));
    let (elo, ehi) = (|| col("expected_low"), || col("expected_high"));
    let holds = by_op(
        gap().eq(lit(0.0)),
        gap().lt_eq(lit(0.0)),
        gap().gt_eq(lit(0.0)),
    );
    let certain = by_op(
        alo().eq(ahi()).and(ahi().eq(elo())).and(elo().eq(ehi())),
        ahi().lt_eq(elo()),
        alo().gt_eq(ehi()),
    );
    let possible = by_op(
        alo().lt_eq(ehi()).and(elo().lt_eq(ahi())),
        alo().lt_eq(ehi()),
        ahi().gt_eq(elo()),
    );
    let word = |v: Verdict| lit(v.as_str());
    when(col("hedged").not())
        .then(
            when(holds)
                .then(word(Verdict::Holds))
                .otherwise(word(Verdict::Fails)),
        )
        .when(certain)
        .then(word(Verdict::Holds))
        .when(possible)
        .then(word(Verdict::Consistent))
        .otherwise(word(Verdict::Fails))
}

/// Runs every check, in this order: relations (file order), the same
/// relations across sources, series across sources, printed derived numbers.
pub fn run(ledger: &Ledger, metrics: &[Metric], hedges: &Hedges) -> Result<Vec<Finding>> {
    run_in(ledger, metrics, hedges, &[])
}

/// [`run`], with each finding's sentence also in the languages of
/// `others` ([`Finding::sentence_in`]).
pub fn run_in(
    ledger: &Ledger,
    metrics: &[Metric],
    hedges: &Hedges,
    others: &[Locale],
) -> Result<Vec<Finding>> {
    let df = frame(ledger, hedges)?;
    let col = |name: &str| crate::util::f64s(&df, name);
    let (a, e, g) = (col("actual")?, col("expected")?, col("gap")?);
    let verdicts = crate::util::strings(&df, "verdict")?;
    let mut out: Vec<Finding> = ledger
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let verdict = Verdict::parse(&verdicts[i]).unwrap_or(Verdict::Fails);
            relation_finding(ledger, r, verdict, [a[i], e[i], g[i]], others)
        })
        .collect();
    let elsewhere = replications(ledger, &out, others);
    out.extend(elsewhere);
    out.extend(across_sources(ledger, others));
    out.extend(printed_numbers(ledger, metrics, hedges, others));
    out.extend(parts_larger_than_wholes(ledger, hedges, others));
    Ok(out)
}

/// The finding of one relation, from its verdict and its two sides' exact
/// totals and gap.
fn relation_finding(
    ledger: &Ledger,
    r: &Relation,
    verdict: Verdict,
    [actual, expected, gap]: [f64; 3],
    others: &[Locale],
) -> Finding {
    let exact = !is_hedged(ledger, r);
    let slips_in = |loc: &Locale| {
        if verdict == Verdict::Fails && exact && r.op == Op::Eq {
            possible_slips(ledger, r, gap, loc)
        } else {
            Vec::new()
        }
    };
    let (sentence, translations) = in_each(others, |loc| {
        let slips = slips_in(loc);
        relation_sentence(ledger, r, [actual, expected], verdict, exact, &slips, loc)
    });
    let figures: Vec<String> = r
        .left
        .figures()
        .chain(r.right.figures())
        .map(str::to_string)
        .collect();
    Finding {
        id: r.id.to_string(),
        check: Check::Relation,
        verdict,
        sentence,
        description: r.description.to_string(),
        actual: Some(actual),
        expected: Some(expected),
        gap: exact.then_some(gap),
        unit: r.unit.to_string(),
        sources: ledger.sources_of_terms(r.left.0.iter().chain(&r.right.0)),
        figures,
        possible_slips: slips_in(&Locale::english()),
        line: r.line,
        translations,
    }
}

/// True when a figure of the relation is hedged ("over", "about"…), so
/// that each side is a range rather than one value.
fn is_hedged(ledger: &Ledger, r: &Relation) -> bool {
    r.left
        .0
        .iter()
        .chain(&r.right.0)
        .any(|t| ledger.figures[t.index].qualifier.is_some())
}

/// `312 + 607`: the values of a sum's figures, as a reader would add them,
/// written at the end of `out`.
fn spelled(out: &mut String, ledger: &Ledger, sum: &Sum, loc: &Locale) {
    for (i, t) in sum.0.iter().enumerate() {
        match (i, t.sign < 0) {
            (0, true) => out.push(format::MINUS),
            (0, false) => {}
            (_, true) => {
                out.push(' ');
                out.push(format::MINUS);
                out.push(' ');
            }
            (_, false) => out.push_str(" + "),
        }
        let f = &ledger.figures[t.index];
        match (f.value, f.kind, f.qualifier) {
            // A plain count, the common case, is written in place.
            (Some(v), Kind::Count, None) => out.push_str(&loc.number(v)),
            _ => out.push_str(&shown_in(f, loc)),
        }
    }
}

/// A total shown as the sum's first figure is: an amount with its currency
/// and scale word, a count with separators; written at the end of `out`.
fn like(out: &mut String, ledger: &Ledger, sum: &Sum, v: f64, loc: &Locale) {
    match sum.0.first().map(|t| &ledger.figures[t.index]) {
        Some(f) if f.kind == Kind::Amount => {
            out.push_str(&loc.amount(v, &f.unit, f.scale.as_deref()));
        }
        _ => out.push_str(&loc.number(v)),
    }
}

/// A relation's finding in a sentence, in `loc`'s language.
fn relation_sentence(
    ledger: &Ledger,
    r: &Relation,
    [actual, expected]: [f64; 2],
    verdict: Verdict,
    exact: bool,
    slips: &[String],
    loc: &Locale,
) -> String {
    let l = loc.lang;
    let lead = match (verdict, r.op) {
        (Verdict::Holds, _) => say(l, "Consistent"),
        (Verdict::Consistent, _) => say(l, "Consistent within the hedges"),
        (_, Op::Eq) => say(l, "Does not add up"),
        _ => say(l, "Does not hold"),
    };
    let mut left = String::new();
    spelled(&mut left, ledger, &r.left, loc);
    if r.left.0.len() > 1 && exact {
        left.push_str(" = ");
        like(&mut left, ledger, &r.left, actual, loc);
    }
    let mut right = String::new();
    if r.right.0.len() > 1 || !exact {
        spelled(&mut right, ledger, &r.right, loc);
    } else {
        like(&mut right, ledger, &r.right, expected, loc);
    }
    let amount = r
        .left
        .0
        .first()
        .is_some_and(|t| ledger.figures[t.index].kind == Kind::Amount);
    if !(r.unit.is_empty() || amount) {
        // One number before the unit: singular for exactly one.
        let one = r.right.0.len() == 1 && exact;
        right.push(' ');
        right.push_str(&if loc.is_english() {
            noun(if one { expected } else { 0.0 }, &r.unit)
        } else {
            r.unit.to_string()
        });
    }
    let sides = [("left", left.as_str()), ("right", right.as_str())];
    let body = match (verdict, r.op, verdict != Verdict::Fails) {
        (Verdict::Consistent, _, _) => fill(
            l,
            "{left} and {right} can agree, because some figures are hedged, but the report does not show that they do.",
            &sides,
        ),
        (_, Op::Eq, true) => fill(l, "{left}, matching {right}.", &sides),
        (_, Op::Eq, false) => fill(l, "{left}, not {right}.", &sides),
        (_, Op::Le, true) => fill(l, "{left}, at most {right}.", &sides),
        (_, Op::Le, false) => fill(l, "{left}, more than {right}.", &sides),
        (_, Op::Ge, true) => fill(l, "{left}, at least {right}.", &sides),
        (_, Op::Ge, false) => fill(l, "{left}, less than {right}.", &sides),
    };
    let mut s = fill(
        l,
        "{lead}: {description}; {body}",
        &[
            ("lead", lead),
            ("description", &lower_first(&r.description)),
            ("body", &body),
        ],
    );
    if verdict == Verdict::Fails && exact {
        let gap = (actual - expected).abs();
        let mut shown = String::new();
        like(&mut shown, ledger, &r.left, gap, loc);
        let args = [("gap", shown.as_str()), ("label", r.gap_label.as_str())];
        s.push_str(&match (r.gap_label.is_empty(), gap == 1.0) {
            (true, _) => fill(l, " Gap: {gap} of difference.", &args),
            (false, true) => fill(l, " Gap: {gap} of the {label}.", &args),
            (false, false) => fill(l, " Gap: {gap} {label}.", &args),
        });
        if r.op == Op::Eq {
            if slips.is_empty() {
                s.push_str(say(l, " No single slip of the kinds checked (swapped digits, one digit changed, a digit dropped or added, a wrong power of ten, a part counted twice, a subset added as a part) explains it."));
            } else {
                s.push_str(&fill(
                    l,
                    " Possible explanations, none confirmed: {slips}.",
                    &[("slips", &slips.join(loc.semicolon()))],
                ));
            }
        }
    }
    s
}

/// The words of a slip [`one_edit`] names, in a language.
fn slip_in(l: Lang, how: &str) -> &'static str {
    match how {
        "two adjacent digits swapped" => say(l, "two adjacent digits swapped"),
        "one digit changed" => say(l, "one digit changed"),
        "a digit added" => say(l, "a digit added"),
        _ => say(l, "a digit dropped"),
    }
}

/// How `meant` becomes `printed` in one slip, if it does: two adjacent
/// digits swapped, one digit changed, a digit added or a digit dropped
/// (numbers written in digits, without leading zeros). The slips exclude
/// one another, so at most one fits.
pub(crate) fn one_edit(printed: u64, meant: u64) -> Option<&'static str> {
    let (p, m) = (printed.to_string(), meant.to_string());
    let (p, m) = (p.as_bytes(), m.as_bytes());
    // `long` with one digit taken out reads as `short`.
    let one_out = |long: &[u8], short: &[u8]| {
        let i = long.iter().zip(short).take_while(|(a, b)| a == b).count();
        long[i + 1..] == short[i..]
    };
    if p.len() == m.len() {
        let diff: Vec<usize> = (0..p.len()).filter(|&i| p[i] != m[i]).collect();
        match diff.as_slice() {
            [i, j] if *j == i + 1 && p[*i] == m[*j] && p[*j] == m[*i] => {
                Some("two adjacent digits swapped")
            }
            [_] => Some("one digit changed"),
            _ => None,
        }
    } else if p.len() == m.len() + 1 {
        // The number meant had one digit fewer: one was added in print.
        one_out(p, m).then_some("a digit added")
    } else if m.len() == p.len() + 1 {
        // The number meant had one digit more: one was dropped in print.
        one_out(m, p).then_some("a digit dropped")
    } else {
        None
    }
}

/// The single edits to one figure, or readings of the sum, that would make
/// a failed equality hold.
fn possible_slips(ledger: &Ledger, r: &Relation, gap: f64, loc: &Locale) -> Vec<String> {
    let l = loc.lang;
    let number = |v: f64| loc.number(v);
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    // One figure printed wrongly: the value it would need.
    for (side, sum) in [(1.0, &r.left), (-1.0, &r.right)] {
        for t in &sum.0 {
            let f = &ledger.figures[t.index];
            let Some(v) = f.value else { continue };
            let needed = v - side * f64::from(t.sign) * gap;
            if needed < 0.0 || needed.fract() != 0.0 || v.fract() != 0.0 || v < 0.0 {
                continue;
            }
            let args = |how: &str| {
                fill(
                    l,
                    "the figure for {what} may be {meant} misprinted as {printed} ({how})",
                    &[
                        ("what", &what(f)),
                        ("meant", &number(needed)),
                        ("printed", &number(v)),
                        ("how", how),
                    ],
                )
            };
            if let Some(how) = one_edit(v as u64, needed as u64) {
                push(args(slip_in(l, how)));
            }
            for k in 1..=3 {
                let p = 10f64.powi(k);
                if needed == v * p || needed * p == v {
                    push(fill(
                        l,
                        "the figure for {what} may be {meant} printed as {printed} (a wrong power of ten)",
                        &[
                            ("what", &what(f)),
                            ("meant", &number(needed)),
                            ("printed", &number(v)),
                        ],
                    ));
                }
            }
        }
    }
    // A part counted twice in the total, or a part listed twice.
    for t in &r.left.0 {
        let f = &ledger.figures[t.index];
        let Some(v) = f.value else { continue };
        let args = [("what", what(f)), ("n", number(v))];
        if v != 0.0 && -gap == v {
            push(fill_owned(
                l,
                "the total may count {what} ({n}) twice",
                &args,
            ));
        }
        if v != 0.0 && gap == v {
            push(fill_owned(
                l,
                "{what} ({n}) may be counted twice among the parts",
                &args,
            ));
        }
    }
    // A subset of a part added to the total as if it were a separate part.
    let parts: Vec<&str> = r.left.figures().collect();
    for f in subsets_of(ledger, &parts) {
        if f.value == Some(-gap) && gap != 0.0 {
            let whole = f
                .subset_of
                .as_deref()
                .and_then(|p| ledger.figure(p))
                .map(what)
                .unwrap_or_default();
            push(fill(
                l,
                "the total may add {what} ({n}), which is part of {whole}, as if it were a separate part",
                &[("what", &what(f)), ("n", &number(-gap)), ("whole", &whole)],
            ));
        }
    }
    out
}

/// The figures declared part of any of `parents`, found through the subset
/// index the ledger keeps, so a failed total costs the size of its parts.
fn subsets_of<'a>(ledger: &'a Ledger, parents: &[&str]) -> Vec<&'a Figure> {
    parents.iter().flat_map(|p| ledger.subsets(p)).collect()
}

/// The relations grouped by signature: their operator and the series of
/// their terms, so that a group holds the same relation in several reports.
fn same_relations(ledger: &Ledger) -> BTreeMap<String, Vec<usize>> {
    // A relation's signature: its operator and the series of its terms.
    let signature = |r: &Relation| -> Option<String> {
        let side = |s: &Sum| -> Option<Vec<String>> {
            let mut v: Vec<String> =
                s.0.iter()
                    .map(|t| {
                        ledger.figures[t.index]
                            .series
                            .clone()
                            .map(|x| format!("{}{x}", if t.sign < 0 { "-" } else { "+" }))
                    })
                    .collect::<Option<_>>()?;
            v.sort();
            Some(v)
        };
        Some(format!(
            "{:?}|{}|{}",
            r.op,
            side(&r.left)?.join(","),
            side(&r.right)?.join(",")
        ))
    };
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in ledger.relations.iter().enumerate() {
        if let Some(s) = signature(r) {
            groups.entry(s).or_default().push(i);
        }
    }
    groups
}

/// Failed relations looked for in other sources: the same relation (the
/// same series on each side) reported elsewhere.
fn replications(ledger: &Ledger, relations: &[Finding], others: &[Locale]) -> Vec<Finding> {
    same_relations(ledger)
        .values()
        .filter_map(|members| replication(ledger, relations, members, others))
        .collect()
}

/// The finding for one group of the same relation, when it is reported in
/// several sources and fails in at least one.
fn replication(
    ledger: &Ledger,
    relations: &[Finding],
    members: &[usize],
    others: &[Locale],
) -> Option<Finding> {
    let first_source = |i: usize| {
        ledger.figures[ledger.relations[i].left.0[0].index]
            .source
            .to_string()
    };
    let mut by_source: Vec<usize> = Vec::new();
    for &i in members {
        if !by_source
            .iter()
            .any(|&j| first_source(j) == first_source(i))
        {
            by_source.push(i);
        }
    }
    if by_source.len() < 2 || by_source.iter().all(|&i| relations[i].holds()) {
        return None;
    }
    // Earliest report first.
    by_source.sort_by_key(|&i| ledger.source(&first_source(i)).map(|s| s.date.clone()));
    let same_gap = by_source
        .iter()
        .all(|&i| !relations[i].holds() && relations[i].gap == relations[by_source[0]].gap);
    let first = &relations[by_source[0]];
    let (sentence, translations) = in_each(others, |loc| {
        replication_sentence(ledger, relations, &by_source, same_gap, loc)
    });
    let figures: Vec<String> = by_source
        .iter()
        .flat_map(|&i| relations[i].figures.clone())
        .collect();
    Some(Finding {
        id: format!("{}_elsewhere", first.id),
        check: Check::Replication,
        verdict: if same_gap {
            Verdict::Matches
        } else {
            Verdict::Differs
        },
        sentence,
        description: first.description.clone(),
        actual: None,
        expected: None,
        gap: first.gap,
        unit: first.unit.clone(),
        sources: by_source.iter().map(|&i| first_source(i)).collect(),
        figures,
        possible_slips: Vec::new(),
        line: first.line,
        translations,
    })
}

/// The sentence of a relation checked in several reports (`by_source`,
/// earliest first), in `loc`'s language.
fn replication_sentence(
    ledger: &Ledger,
    relations: &[Finding],
    by_source: &[usize],
    same_gap: bool,
    loc: &Locale,
) -> String {
    let l = loc.lang;
    let source = |i: usize| {
        let id = &ledger.figures[ledger.relations[i].left.0[0].index].source;
        ledger.source(id).expect("validated")
    };
    let short = |i: usize| {
        let s = source(i);
        format!("{} ({})", outlet_in(s, loc), loc.date(&s.date))
    };
    let describe = |i: usize| {
        let s = source(i);
        let credit = ledger.relations[i]
            .left
            .0
            .first()
            .map(|t| &ledger.figures[t.index].attributed_to)
            .filter(|a| !a.is_empty())
            .map(|a| {
                fill(
                    l,
                    ", which credits them to {who}",
                    &[("who", &crate::words::credit_in(a, loc))],
                )
            })
            .unwrap_or_default();
        format!("{} ({}{credit})", outlet_in(s, loc), loc.date(&s.date))
    };
    let how = |f: &Finding| {
        if f.holds() {
            say(l, "add up").to_string()
        } else {
            fill(
                l,
                "leave a gap of {gap}",
                &[("gap", &loc.number(f.gap.unwrap_or(0.0).abs()))],
            )
        }
    };
    let all: Vec<String> = by_source.iter().map(|&i| describe(i)).collect();
    if same_gap {
        // Each report in full once, then by outlet and date.
        let later: Vec<String> = by_source[1..].iter().map(|&i| short(i)).collect();
        let args = [
            ("how", how(&relations[by_source[0]])),
            ("all", loc.and_list(&all)),
            ("later", loc.and_list(&later)),
            ("first", short(by_source[0])),
        ];
        if by_source.len() > 2 {
            fill_owned(
                l,
                "The same figures {how} in {all}: {later} did not introduce the gap; it is already in the earlier reports, {first}. Reports that match may repeat one release.",
                &args,
            )
        } else {
            fill_owned(
                l,
                "The same figures {how} in {all}: {later} did not introduce the gap; it is already in the earlier report, {first}. Reports that match may repeat one release.",
                &args,
            )
        }
    } else {
        let parts: Vec<String> = by_source
            .iter()
            .zip(&all)
            .map(|(&i, who)| {
                fill(
                    l,
                    "in {who} they {how}",
                    &[("who", who), ("how", &how(&relations[i]))],
                )
            })
            .collect();
        fill(
            l,
            "The reports disagree on whether these figures add up ({parts}): one of them may have been changed or misprinted.",
            &[("parts", &parts.join(loc.semicolon()))],
        )
    }
}

/// One finding per series period reported by more than one source.
fn across_sources(ledger: &Ledger, others: &[Locale]) -> Vec<Finding> {
    let mut out = Vec::new();
    for series in ledger.all_series() {
        for period in &series.periods {
            let figs: Vec<&Figure> = period.figures.iter().map(|&i| &ledger.figures[i]).collect();
            let mut sources: Vec<&str> = figs.iter().map(|f| f.source.as_str()).collect();
            sources.dedup();
            let distinct: std::collections::BTreeSet<&str> = sources.iter().copied().collect();
            if distinct.len() < 2 {
                continue;
            }
            let values: Vec<f64> = figs.iter().filter_map(|f| f.value).collect();
            let equal = values.windows(2).all(|w| w[0] == w[1])
                && figs.iter().all(|f| f.qualifier == figs[0].qualifier);
            let (sentence, translations) = in_each(others, |loc| {
                across_sentence(ledger, &figs, &values, equal, period.start_unknown, loc)
            });
            out.push(Finding {
                id: format!(
                    "{}_across_sources{}",
                    series.id,
                    if series.periods.len() > 1 {
                        format!("_{}", period.end.replace('-', "_"))
                    } else {
                        String::new()
                    }
                ),
                check: Check::CrossSource,
                verdict: if equal {
                    Verdict::Matches
                } else {
                    Verdict::Differs
                },
                sentence,
                description: format!(
                    "Every report of {} for one period should give the same value",
                    crate::words::what(figs[0])
                ),
                actual: None,
                expected: None,
                gap: None,
                unit: figs[0].unit.to_string(),
                figures: figs.iter().map(|f| f.id.to_string()).collect(),
                sources: distinct.iter().map(|s| s.to_string()).collect(),
                possible_slips: Vec::new(),
                line: figs[0].line,
                translations,
            });
        }
    }
    out
}

/// The sentence comparing one period's figures across reports, in `loc`'s
/// language.
fn across_sentence(
    ledger: &Ledger,
    figs: &[&Figure],
    values: &[f64],
    equal: bool,
    start_unknown: bool,
    loc: &Locale,
) -> String {
    let l = loc.lang;
    // The same period in the same words for every report.
    let period_of = |f: &Figure| crate::words::period_words_in(f, loc);
    let same_dates = figs.iter().all(|f| period_of(f) == period_of(figs[0]));
    let who = |f: &Figure| {
        let s = ledger.source_of(f);
        let by = if f.attributed_to.is_empty() {
            say(l, ", which does not say who gave it").to_string()
        } else {
            fill(
                l,
                ", credited to {who}",
                &[("who", &crate::words::credit_in(&f.attributed_to, loc))],
            )
        };
        let period = if same_dates {
            String::new()
        } else {
            let words = period_of(f);
            // An English period that is not a date or a span reads "for
            // the period …".
            let english = crate::words::period_words(f);
            if english.starts_with("until") || english.starts_with('\u{201c}') {
                fill(l, " for the period {period}", &[("period", &words)])
            } else {
                fill(l, " for {period}", &[("period", &words)])
            }
        };
        fill(
            l,
            "{outlet} ({date}{by}) gives {value}{period}",
            &[
                ("outlet", &outlet_in(s, loc)),
                ("date", &loc.date(&s.date)),
                ("by", &by),
                ("value", &crate::words::with_unit_in(f, loc)),
                ("period", &period),
            ],
        )
    };
    let listed = loc.and_list(&figs.iter().map(|f| who(f)).collect::<Vec<_>>());
    // Described in the words of a report whose text is held, so that
    // any quotation in them can be checked, and credited to it.
    let describer = figs
        .iter()
        .find(|f| ledger.source_of(f).has_text())
        .unwrap_or(&figs[0]);
    let counts = what(describer);
    let what = if counts.contains('"') {
        fill(
            l,
            "what {outlet} describes as {counts}",
            &[
                ("outlet", &outlet_in(ledger.source_of(describer), loc)),
                ("counts", &counts),
            ],
        )
    } else if counts.starts_with("the ") {
        counts.clone()
    } else {
        fill(l, "the {counts}", &[("counts", &counts)])
    };
    let period_words = if same_dates {
        format!("{}{}", loc.comma(), period_of(figs[0]))
    } else {
        String::new()
    };
    let args = [
        ("listed", listed.as_str()),
        ("what", what.as_str()),
        ("period", period_words.as_str()),
    ];
    if equal {
        return fill(
            l,
            "The reports match: {listed} for {what}{period}. Reports that match may repeat one release, so a match is not independent confirmation.",
            &args,
        );
    }
    let spread = values.iter().cloned().fold(f64::MIN, f64::max)
        - values.iter().cloned().fold(f64::MAX, f64::min);
    let by = if figs.iter().any(|f| f.qualifier.is_some()) {
        say(l, "by an amount their hedges leave open").to_string()
    } else {
        let unit = if loc.is_english() {
            noun(spread, &figs[0].unit)
        } else {
            figs[0].unit.to_string()
        };
        fill(
            l,
            "by {n} {unit}",
            &[("n", &loc.number(spread)), ("unit", &unit)],
        )
    };
    let caution = if start_unknown {
        fill(
            l,
            " Not every report states when its period starts, so they may not cover the same period; if they do, they differ {by}.",
            &[("by", &by)],
        )
    } else {
        fill(l, " They differ {by}.", &[("by", &by)])
    };
    let mut args = args.to_vec();
    args.push(("caution", &caution));
    fill(
        l,
        "Different values for {what}{period}: {listed}.{caution}",
        &args,
    )
}

/// Figures a report gives as part of another (`subset_of`, in the same
/// report) that are larger than the whole, as far as their hedges allow,
/// when no period separates them: both cannot hold for the same scope,
/// which is a question for the reader, not a slip we can name.
fn parts_larger_than_wholes(ledger: &Ledger, hedges: &Hedges, others: &[Locale]) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in ledger.figures.iter().filter(|f| f.subset_of.is_some()) {
        let Some(whole) = f.subset_of.as_deref().and_then(|p| ledger.figure(p)) else {
            continue;
        };
        let dated = |g: &Figure| g.period_start.is_some() || g.period_end.is_some();
        let separated = dated(f)
            && dated(whole)
            && (f.period_start != whole.period_start || f.period_end != whole.period_end);
        if whole.source != f.source || separated || range(f, hedges).0 <= range(whole, hedges).1 {
            continue;
        }
        let s = ledger.source_of(f);
        let (sentence, translations) = in_each(others, |loc| {
            fill(
                loc.lang,
                "A question for the reader: {outlet} ({date}) gives {part} as {value} and {whole}, which includes them, as {total}. A part cannot be larger than the whole it belongs to, so both cannot hold unless they cover different periods, places or things; the report does not say which.",
                &[
                    ("outlet", &outlet_in(s, loc)),
                    ("date", &loc.date(&s.date)),
                    ("part", &what(f)),
                    ("value", &shown_in(f, loc)),
                    ("whole", &what(whole)),
                    ("total", &shown_in(whole, loc)),
                ],
            )
        });
        out.push(Finding {
            id: format!("{}_within_{}", f.id, whole.id),
            check: Check::PartOfWhole,
            verdict: Verdict::Fails,
            sentence,
            description: format!(
                "{} should be at most {}",
                crate::util::capitalise(&what(f)),
                what(whole)
            ),
            actual: f.value,
            expected: whole.value,
            gap: None,
            unit: f.unit.to_string(),
            figures: vec![f.id.to_string(), whole.id.to_string()],
            sources: vec![f.source.to_string()],
            possible_slips: Vec::new(),
            line: f.line,
            translations,
        });
    }
    out
}

/// Decimal places of the number as printed: "33.4%" → 1.
fn printed_decimals(printed: &str) -> i32 {
    let digits: String = printed
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    digits.split_once('.').map_or(0, |(_, d)| d.len() as i32)
}

/// A printed derived number against the metric that should produce it.
fn printed_numbers(
    ledger: &Ledger,
    metrics: &[Metric],
    hedges: &Hedges,
    others: &[Locale],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &ledger.figures {
        let (Some(metric_id), Some(v)) = (&f.metric, f.value) else {
            continue;
        };
        let Some(i) = ledger.metric_index(metric_id) else {
            continue;
        };
        let Some(m) = metrics.get(i) else {
            continue;
        };
        let half_unit = 0.5 * 10f64.powi(-printed_decimals(&f.printed));
        // The printed value and the computed one on the same scale, with the
        // printed precision.
        let (printed, computed, tolerance) = match f.kind {
            Kind::Percent => (v / 100.0, m.value, half_unit / 100.0),
            Kind::Fraction => (v, m.value, 0.025),
            Kind::OneIn => (
                v,
                if m.value == 0.0 {
                    f64::INFINITY
                } else {
                    1.0 / m.value
                },
                0.5,
            ),
            _ => (v, m.value, half_unit),
        };
        let (low, high) = match f.qualifier {
            None => (printed - tolerance, printed + tolerance),
            Some(Qualifier::Over | Qualifier::AtLeast) => (printed - tolerance, f64::INFINITY),
            Some(Qualifier::Under | Qualifier::AtMost) => (f64::NEG_INFINITY, printed + tolerance),
            Some(Qualifier::About) => {
                let d = tolerance.max((printed * hedges.about).abs());
                (printed - d, printed + d)
            }
            Some(Qualifier::Nearly) => (
                printed - (printed * hedges.nearly).abs() - tolerance,
                printed + tolerance,
            ),
        };
        let ok = computed >= low - 1e-12 && computed <= high + 1e-12;
        let s = ledger.source_of(f);
        let (sentence, translations) = in_each(others, |loc| {
            let computed_shown = match f.kind {
                Kind::OneIn => fill(
                    loc.lang,
                    "one in {n}",
                    &[("n", &loc.digits(&format::ratio(computed)))],
                ),
                _ => loc.digits(&m.shown),
            };
            let args = [
                ("outlet", outlet_in(s, loc)),
                ("date", loc.date(&s.date)),
                ("printed", format!("{:?}", f.printed)),
                ("what", lower_first(&f.counts)),
                ("formula", m.formula.clone()),
                ("computed", computed_shown),
            ];
            if ok {
                fill_owned(
                    loc.lang,
                    "Consistent: {outlet} ({date}) prints {printed} for {what}; recomputed from the figures ({formula}), it is {computed}, within the printed precision.",
                    &args,
                )
            } else {
                fill_owned(
                    loc.lang,
                    "Does not match: {outlet} ({date}) prints {printed} for {what}, but the figures give {computed} ({formula}).",
                    &args,
                )
            }
        });
        out.push(Finding {
            id: format!("{}_printed", f.id),
            check: Check::PrintedNumber,
            verdict: if ok { Verdict::Holds } else { Verdict::Fails },
            sentence,
            description: format!(
                "The number the report prints should match the one recomputed from its figures: {}",
                lower_first(&m.description)
            ),
            actual: Some(printed),
            expected: Some(computed),
            gap: None,
            unit: f.unit.to_string(),
            figures: std::iter::once(f.id.to_string())
                .chain(ledger.metrics[i].inputs().into_iter().map(str::to_string))
                .collect(),
            sources: vec![f.source.to_string()],
            possible_slips: Vec::new(),
            line: f.line,
            translations,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number one slip away from `n`, by making each slip.
    fn one_edit_away(n: u64) -> Vec<(u64, &'static str)> {
        let digits: Vec<u8> = n.to_string().bytes().collect();
        let parse = |d: &[u8]| -> Option<u64> {
            if d.is_empty() || (d.len() > 1 && d[0] == b'0') {
                return None;
            }
            std::str::from_utf8(d).ok()?.parse().ok()
        };
        let mut out = Vec::new();
        for i in 0..digits.len().saturating_sub(1) {
            if digits[i] != digits[i + 1] {
                let mut d = digits.clone();
                d.swap(i, i + 1);
                if let Some(v) = parse(&d) {
                    out.push((v, "two adjacent digits swapped"));
                }
            }
        }
        for i in 0..digits.len() {
            for c in b'0'..=b'9' {
                let mut d = digits.clone();
                if d[i] != c {
                    d[i] = c;
                    if let Some(v) = parse(&d) {
                        out.push((v, "one digit changed"));
                    }
                }
            }
        }
        for i in 0..digits.len() {
            let mut d = digits.clone();
            d.remove(i);
            if let Some(v) = parse(&d) {
                // The number meant had one digit fewer: one was added in print.
                out.push((v, "a digit added"));
            }
        }
        for i in 0..=digits.len() {
            for c in b'0'..=b'9' {
                let mut d = digits.clone();
                d.insert(i, c);
                if let Some(v) = parse(&d) {
                    // The number meant had one digit more: one was dropped in print.
                    out.push((v, "a digit dropped"));
                }
            }
        }
        out
    }

    #[test]
    fn one_edit_finds_exactly_the_slips_made() {
        for printed in (0..300u64).chain([312, 7984, 10_000, 90_909, 123_456]) {
            let made = one_edit_away(printed);
            let first = |meant: u64| made.iter().find(|(v, _)| *v == meant).map(|x| x.1);
            for &(meant, _) in &made {
                assert_eq!(
                    one_edit(printed, meant),
                    first(meant),
                    "{meant} as {printed}"
                );
            }
            for meant in 0..10_000u64 {
                assert_eq!(
                    one_edit(printed, meant),
                    first(meant),
                    "{meant} as {printed}"
                );
            }
        }
    }

    #[test]
    fn single_edits() {
        let near: Vec<u64> = one_edit_away(312).into_iter().map(|x| x.0).collect();
        for v in [132, 321, 12, 32, 31, 3120, 1312, 3012, 317, 912, 302] {
            assert!(near.contains(&v), "{v}");
        }
        assert!(!near.contains(&327) && !near.contains(&213));
        assert_eq!(one_edit(312, 317), Some("one digit changed"));
        assert_eq!(one_edit(312, 327), None);
    }

    #[test]
    fn decimals_as_printed() {
        assert_eq!(printed_decimals("33%"), 0);
        assert_eq!(printed_decimals("33.4 percent"), 1);
        assert_eq!(printed_decimals("1,234.25"), 2);
    }
}
