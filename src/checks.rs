//! Checks: each relation in `relations.csv` evaluated into a finding.
//!
//! A relation that does not hold is a *finding*, not an error: the ledger is
//! right to record what was reported, and the inconsistency is news.

use polars::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::format::number;
use crate::frames;
use crate::ledger::{Ledger, Op, Relation, Sum};

/// The result of evaluating one relation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The relation's id.
    pub id: String,
    /// What should hold.
    pub description: String,
    /// The left-hand sum as figure ids.
    pub left: String,
    /// How the sides compare.
    pub op: Op,
    /// The right-hand sum as figure ids.
    pub right: String,
    /// The right-hand total: what the parts are expected to match.
    pub expected: f64,
    /// The left-hand total: what the parts actually add up to.
    pub actual: f64,
    /// `actual - expected`.
    pub gap: f64,
    /// Whether the relation holds.
    pub holds: bool,
    /// Unit of both sides.
    pub unit: String,
    /// A sentence a reader understands.
    pub sentence: String,
    /// Line of the relation in `relations.csv`.
    pub line: u64,
}

/// Evaluates every relation as a DataFrame, in file order.
///
/// Columns: `id`, `actual` (left total), `expected` (right total), `gap`.
pub fn frame(ledger: &Ledger) -> Result<DataFrame> {
    let terms = frames::terms(ledger.relations.iter().enumerate().flat_map(|(i, r)| {
        [
            (r.id.as_str(), i, "actual", &r.left),
            (r.id.as_str(), i, "expected", &r.right),
        ]
    }))?;
    let sums = frames::sum_parts(ledger, terms, ["actual", "expected"])?;
    Ok(sums
        .lazy()
        .select([
            col("owner").alias("id"),
            col("actual"),
            col("expected"),
            (col("actual") - col("expected")).alias("gap"),
        ])
        .collect()?)
}

/// Evaluates every relation, in file order.
///
/// ```
/// let ledger = newsfigures::Ledger::load("data").unwrap();
/// let findings = newsfigures::checks::run(&ledger).unwrap();
/// let status = findings.iter().find(|f| f.id == "status_sum_to_flagged").unwrap();
/// assert!(!status.holds);
/// assert_eq!((status.actual, status.expected, status.gap), (919.0, 924.0, -5.0));
/// ```
pub fn run(ledger: &Ledger) -> Result<Vec<Finding>> {
    let df = frame(ledger)?;
    let actual = frames::floats(&df, "actual")?;
    let expected = frames::floats(&df, "expected")?;
    Ok(ledger
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (a, e) = (actual[i], expected[i]);
            let holds = match r.op {
                Op::Eq => a == e,
                Op::Le => a <= e,
                Op::Ge => a >= e,
            };
            Finding {
                id: r.id.clone(),
                description: r.description.clone(),
                left: r.left.to_string(),
                op: r.op,
                right: r.right.to_string(),
                expected: e,
                actual: a,
                gap: a - e,
                holds,
                unit: r.unit.clone(),
                sentence: sentence(ledger, r, a, e, holds),
                line: r.line,
            }
        })
        .collect())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// `312 + 607`: the values of a sum's figures, as a reader would add them.
fn spelled(ledger: &Ledger, sum: &Sum) -> String {
    let mut out = String::new();
    for (i, t) in sum.0.iter().enumerate() {
        let v = ledger
            .figure(&t.figure)
            .and_then(|f| f.value)
            .map(number)
            .unwrap_or_default();
        match (i, t.sign < 0) {
            (0, true) => out.push_str(&format!("-{v}")),
            (0, false) => out.push_str(&v),
            (_, true) => out.push_str(&format!(" - {v}")),
            (_, false) => out.push_str(&format!(" + {v}")),
        }
    }
    out
}

fn sentence(ledger: &Ledger, r: &Relation, actual: f64, expected: f64, holds: bool) -> String {
    let parts = spelled(ledger, &r.left);
    let sum = if r.left.0.len() > 1 {
        format!("{parts} = {}", number(actual))
    } else {
        parts
    };
    let unit = if r.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", r.unit)
    };
    let verdict = if holds { "Consistent" } else { "Inconsistent" };
    let relation = match (r.op, holds) {
        (Op::Eq, true) => "matching",
        (Op::Eq, false) => "not",
        (Op::Le, true) => "at most",
        (Op::Le, false) => "more than",
        (Op::Ge, true) => "at least",
        (Op::Ge, false) => "less than",
    };
    let mut s = format!(
        "{verdict}: {}; {sum}, {relation} {}{unit}.",
        lower_first(&r.description),
        number(expected)
    );
    if !holds {
        let gap = (actual - expected).abs();
        let label = if r.gap_label.is_empty() {
            "difference".to_string()
        } else {
            r.gap_label.clone()
        };
        s.push_str(&format!(" Gap: {} {label}.", number(gap)));
    }
    s
}
