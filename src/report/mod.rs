//! The methodology report: one model, rendered as Markdown and as HTML.
//!
//! It walks a reviewer from the question to the source, every figure (with
//! its paragraph and printed text), every metric (formula, inputs, value),
//! every finding, the audit, the caveats and how to rebuild it all.

pub mod html;
pub mod markdown;

use std::collections::BTreeMap;

use crate::audit::Audit;
use crate::charts::Chart;
use crate::checks::Finding;
use crate::format;
use crate::ledger::{Kind, Ledger};
use crate::metrics::Metric;

/// Everything the report shows, computed once and rendered twice.
pub struct Report<'a> {
    /// The ledger.
    pub ledger: &'a Ledger,
    /// Every metric.
    pub metrics: &'a [Metric],
    /// Every finding.
    pub findings: &'a [Finding],
    /// The audit of the source text.
    pub audit: &'a Audit,
    /// Every chart.
    pub charts: &'a [Chart],
    /// `sha256` of each ledger file and of the source text, by name.
    pub hashes: Vec<(String, String)>,
}

/// The question the analysis answers.
pub const QUESTION: &str = "What do the official figures in this report say, how do they relate to one another, and do they add up?";

/// The command that rebuilds every output.
pub const REBUILD: &str = "cargo run --release -- build";

impl Report<'_> {
    /// The caveats a careful editor would demand, each derived from the
    /// ledger where the data can say it.
    pub fn caveats(&self) -> Vec<String> {
        let mut out = vec![
            "Nothing here is independently verified: every figure is as officials gave it, and as the press report relayed it.".to_string(),
        ];
        let counted = || self.ledger.figures.iter().filter(|f| f.kind == Kind::Count);
        for f in counted().filter(|f| f.period_end.is_some() && f.period_start.is_none()) {
            out.push(format!(
                "The figure of {} {} ({}) covers a period with no stated start: \"{}\".",
                format::number(f.value.unwrap_or_default()),
                f.unit,
                f.id,
                f.period_text
            ));
        }
        let mut by_source: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for f in counted() {
            by_source.entry(&f.attributed_to).or_default().push(&f.id);
        }
        if by_source.len() > 1 {
            let parts: Vec<String> = by_source
                .iter()
                .map(|(who, ids)| format!("{who} ({} figures)", ids.len()))
                .collect();
            out.push(format!(
                "The figures come from {} different authorities: {}. They were gathered separately, over different periods, and should not be combined into one measure.",
                by_source.len(),
                parts.join("; ")
            ));
        }
        out.push("\"Eliminated\", \"terrorists\" and \"anti-state\" are the officials' words, quoted; they are not this analysis's description of the people or the content.".to_string());
        for f in self.findings.iter().filter(|f| !f.holds) {
            out.push(f.sentence.clone());
        }
        for f in counted().filter(|f| f.unit == "applications") {
            out.push(format!(
                "The {} applications ({}) are apps, not accounts: they are not part of any account total.",
                format::number(f.value.unwrap_or_default()),
                f.id
            ));
        }
        out
    }

    /// The figure ids and values a metric or relation uses, as
    /// `id = value (¶paragraph)`.
    pub fn inputs(&self, sums: &[&str]) -> String {
        let mut seen = Vec::new();
        for sum in sums {
            for id in sum.split([' ', '+', '-']).filter(|s| !s.is_empty()) {
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
        }
        seen.iter()
            .map(|id| match self.ledger.figure(id) {
                Some(f) => format!(
                    "{id} = {} (¶{})",
                    f.value.map(format::number).unwrap_or_default(),
                    f.paragraph
                ),
                None => id.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A figure's period for display: the text's words and the machine dates.
    pub fn period(f: &crate::ledger::Figure) -> String {
        let dates = match (&f.period_start, &f.period_end) {
            (Some(s), Some(e)) if s == e => s.clone(),
            (Some(s), Some(e)) => format!("{s} to {e}"),
            (None, Some(e)) => format!("? to {e}"),
            (Some(s), None) => format!("{s} to ?"),
            (None, None) => String::new(),
        };
        match (f.period_text.is_empty(), dates.is_empty()) {
            (true, _) => dates,
            (false, true) => format!("\"{}\"", f.period_text),
            (false, false) => format!("\"{}\" ({dates})", f.period_text),
        }
    }
}
