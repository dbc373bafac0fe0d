//! `block_status`: blocked, in process and not accounted for, as one stacked bar.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::{
    count_and_share, draw, font, line, needed, put, rect, source_line, text_width, Chart, Frame,
};
use super::{palette, LABEL_PX, MARGIN};
use crate::error::Result;
use crate::format;
use crate::ledger::Ledger;

const ID: &str = "block_status";
const IDS: [&str; 3] = [
    "accounts_blocked",
    "accounts_in_process",
    "accounts_flagged_restated",
];

/// "about a third", or the percentage when no simple fraction is close.
fn in_words(share: f64) -> String {
    const FRACTIONS: [(f64, &str); 5] = [
        (0.25, "a quarter"),
        (1.0 / 3.0, "a third"),
        (0.5, "half"),
        (2.0 / 3.0, "two-thirds"),
        (0.75, "three-quarters"),
    ];
    FRACTIONS
        .iter()
        .find(|(f, _)| (share - f).abs() < 0.02)
        .map(|(_, w)| format!("about {w}"))
        .unwrap_or_else(|| format::percent(share))
}

pub(super) fn chart(ledger: &Ledger) -> Result<Chart> {
    let v = needed(ledger, ID, &IDS)?;
    let (blocked, in_process, total) = (v[0], v[1], v[2]);
    // The third segment is what the report leaves unexplained: flagged minus
    // the two statuses it gives.
    let data = df!(
        "status" => ["Blocked", "In process", "Not accounted for"],
        "accounts" => [blocked, in_process, total - blocked - in_process],
        "figure" => [IDS[0], IDS[1], "accounts_flagged_restated - accounts_blocked - accounts_in_process"],
        // A column, not a literal: see platform_share.
        "total" => [total; 3],
    )?
    .lazy()
    .with_column((col("accounts") / col("total")).alias("share"))
    .select([col("status"), col("accounts"), col("share"), col("figure")])
    .collect()?;
    let counts = crate::frames::floats(&data, "accounts")?;
    let shares = crate::frames::floats(&data, "share")?;
    let gap = counts[2];
    let actioned = blocked + in_process;

    let title = if gap != 0.0 {
        format!(
            "{} of the {} flagged accounts have been blocked; {} are not accounted for",
            capitalise(&in_words(shares[0])),
            format::number(total),
            format::number(gap.abs())
        )
    } else {
        format!(
            "{} of the {} flagged accounts have been blocked",
            capitalise(&in_words(shares[0])),
            format::number(total)
        )
    };
    let date = ledger
        .sources
        .first()
        .map(|s| s.date.clone())
        .unwrap_or_default();
    let frame = Frame {
        id: ID,
        width: 640,
        height: 450,
        title,
        subtitle: format!(
            "Status of the social media accounts flagged by the FIA Cybercrime Wing Balochistan, as marked by the PTA, reported {date}"
        ),
        notes: vec![
            format!(
                "Blocked ({}) and in process ({}) add up to {}, not the {} reported. The report does not say what happened to the other {}.",
                format::number(blocked),
                format::number(in_process),
                format::number(actioned),
                format::number(total),
                format::number(gap.abs())
            ),
            format!(
                "Of the {} accounts with a reported status, {} were blocked.",
                format::number(actioned),
                format::percent(blocked / actioned)
            ),
        ],
        source: source_line(ledger, IDS[2]),
        alt: format!(
            "Stacked bar chart of the {} flagged social media accounts by blocking status, where {} are blocked, {} are in the process of blocking and {} are not accounted for by the figures given.",
            format::number(total),
            count_and_share(blocked, shares[0]),
            count_and_share(in_process, shares[1]),
            count_and_share(gap, shares[2]),
        ),
    };
    let colours = vec![
        ("blocked".to_string(), palette::BLUE),
        ("in process".to_string(), palette::SKY),
        ("not accounted for".to_string(), palette::VERMILLION),
    ];
    draw(frame, data, colours.clone(), |area, top, _bottom| {
        let name = font(LABEL_PX, true, palette::INK);
        let value = font(LABEL_PX, false, palette::INK);
        let width = 640 - 2 * MARGIN;
        let bar_top = top + 48;
        let bar_h = 56;
        // Edges from the running total, so segments meet without gaps.
        let mut edges = vec![MARGIN];
        let mut running = 0.0;
        for c in &counts {
            running += c;
            edges.push(MARGIN + (running / total * width as f64).round() as i32);
        }
        let names = ["Blocked", "In process", "Not accounted for"];
        for i in 0..3 {
            // At least two pixels, so a small gap stays visible.
            let x1 = edges[i + 1].max(edges[i] + 2);
            rect(
                area,
                (edges[i], bar_top),
                (x1, bar_top + bar_h),
                colours[i].1,
            )?;
        }
        for i in 0..2 {
            let figure = count_and_share(counts[i], shares[i]);
            let w = text_width(names[i], &name)?.max(text_width(&figure, &value)?);
            // A label that would run off the right edge ends at it instead.
            let (x, h) = if edges[i] + 2 + w > MARGIN + width {
                (MARGIN + width, HPos::Right)
            } else {
                (edges[i] + 2, HPos::Left)
            };
            put(area, names[i], (x, bar_top - 40), &name, h)?;
            put(area, &figure, (x, bar_top - 22), &value, h)?;
        }
        // The gap is too thin to label inside: a leader line below the bar.
        let x = (edges[2] + edges[3].max(edges[2] + 2)) / 2;
        line(
            area,
            (x, bar_top + bar_h + 2),
            (x, bar_top + bar_h + 16),
            palette::INK,
        )?;
        put(
            area,
            names[2],
            (edges[3], bar_top + bar_h + 20),
            &name,
            HPos::Right,
        )?;
        put(
            area,
            &count_and_share(gap, shares[2]),
            (edges[3], bar_top + bar_h + 38),
            &value,
            HPos::Right,
        )?;
        Ok(())
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
