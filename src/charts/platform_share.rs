//! `platform_share`: the flagged accounts by platform, as sorted horizontal bars.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::{
    count_and_share, draw, font, line, needed, put, rect, source_line, text_width, Chart, Frame,
};
use super::{palette, LABEL_PX, MARGIN};
use crate::error::Result;
use crate::format;
use crate::ledger::Ledger;

const ID: &str = "platform_share";
/// Figure ids and the names readers know the platforms by.
const PLATFORMS: [(&str, &str); 5] = [
    ("accounts_facebook", "Facebook"),
    ("accounts_tiktok", "TikTok"),
    ("accounts_x", "X"),
    ("accounts_instagram", "Instagram"),
    ("accounts_other", "Other apps"),
];
const TOTAL: &str = "accounts_flagged";

pub(super) fn chart(ledger: &Ledger) -> Result<Chart> {
    let mut ids: Vec<&str> = PLATFORMS.iter().map(|(id, _)| *id).collect();
    ids.push(TOTAL);
    let values = needed(ledger, ID, &ids)?;
    let total = values[5];
    let data = df!(
        "platform" => PLATFORMS.iter().map(|(_, name)| *name).collect::<Vec<_>>(),
        "accounts" => values[..5].to_vec(),
        "figure" => ids[..5].to_vec(),
        // A column, not a literal: polars divides by a literal scalar via its
        // reciprocal, which is not the correctly rounded quotient.
        "total" => vec![total; 5],
    )?
    .lazy()
    .with_column((col("accounts") / col("total")).alias("share"))
    .sort(
        ["accounts"],
        SortMultipleOptions::default()
            .with_order_descending(true)
            .with_maintain_order(true),
    )
    .select([
        col("platform"),
        col("accounts"),
        col("share"),
        col("figure"),
    ])
    .collect()?;

    let names: Vec<String> = data
        .column("platform")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let counts = crate::frames::floats(&data, "accounts")?;
    let shares = crate::frames::floats(&data, "share")?;

    let period = ledger
        .figure("fia_period_months")
        .map(|f| f.printed.clone())
        .unwrap_or_default();
    let date = ledger
        .sources
        .first()
        .map(|s| s.date.clone())
        .unwrap_or_default();
    let lead = if shares[0] > 0.5 {
        format!(
            "{} accounts for more than half of the {} accounts flagged",
            names[0],
            format::number(total)
        )
    } else {
        format!(
            "{} accounts for the largest share of the {} accounts flagged",
            names[0],
            format::number(total)
        )
    };
    let listed: Vec<String> = names
        .iter()
        .zip(counts.iter().zip(&shares))
        .map(|(n, (c, s))| format!("{n} {}", count_and_share(*c, *s)))
        .collect();
    let frame = Frame {
        id: ID,
        width: 640,
        height: 450,
        title: lead,
        subtitle: format!(
            "Social media accounts the FIA Cybercrime Wing Balochistan identified as sharing \"anti-state\" content, by platform, over the {period} to {date}"
        ),
        notes: vec![
            "\"Anti-state\" is the officials' term. Counts are as reported and have not been independently verified.".to_string(),
        ],
        source: source_line(ledger, TOTAL),
        alt: format!(
            "Horizontal bar chart of the {} social media accounts flagged by the FIA Cybercrime Wing Balochistan, by platform, where {} holds {} of them; in order: {}.",
            format::number(total),
            names[0],
            format::percent(shares[0]),
            listed.join(", ")
        ),
    };
    let colours = vec![("accounts".to_string(), palette::BLUE)];
    draw(frame, data, colours, |area, top, bottom| {
        let label = font(LABEL_PX, false, palette::INK);
        let value = font(LABEL_PX, true, palette::INK);
        let label_w = names
            .iter()
            .map(|n| text_width(n, &label))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .max()
            .unwrap_or(0);
        let x0 = MARGIN + label_w + 12;
        let value_w = 96;
        let full = 640 - MARGIN - value_w - x0;
        let max = counts.iter().cloned().fold(0.0, f64::max);
        let band = ((bottom - top) / names.len() as i32).min(54);
        let bar_h = band * 2 / 3;
        for (i, name) in names.iter().enumerate() {
            let y = top + band * i as i32;
            let len = (counts[i] / max * full as f64).round() as i32;
            rect(area, (x0, y), (x0 + len.max(1), y + bar_h), palette::BLUE)?;
            let mid = y + bar_h / 2 - 8;
            put(area, name, (x0 - 8, mid), &label, HPos::Right)?;
            put(
                area,
                &count_and_share(counts[i], shares[i]),
                (x0 + len + 6, mid),
                &value,
                HPos::Left,
            )?;
        }
        // The zero baseline every bar starts from.
        line(
            area,
            (x0, top - 4),
            (x0, top + band * (names.len() as i32 - 1) + bar_h + 4),
            palette::INK,
        )
    })
}
