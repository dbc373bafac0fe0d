//! The rows of the ledger's files, as `init` writes them.

use super::{Row, Summary, relate};
use crate::ledger::{FIGURE_COLUMNS, Kind, Source};

/// One `figures.csv` row.
pub(super) fn figure_row(source: &Source, row: &Row, summary: &mut Summary) -> Vec<String> {
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

pub(super) fn relation_row(r: &relate::Relation, figs: &[relate::Fig]) -> Vec<String> {
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

pub(super) fn metric_row(m: &relate::Metric) -> Vec<String> {
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
