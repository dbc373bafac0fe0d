//! `operations`: deaths and operations as two unit charts at the same scale.

use plotters::style::text_anchor::HPos;
use polars::prelude::*;

use super::{draw, font, needed, put, rect, source_line, Area, Chart, Frame};
use super::{palette, LABEL_PX, MARGIN};
use crate::error::Result;
use crate::format;
use crate::ledger::Ledger;
use palette::Rgb;

const ID: &str = "operations";
const IDS: [&str; 2] = ["ibo_operations", "ibo_killed"];
/// Squares per row, and the distance between square origins (3 px squares,
/// 1 px gaps).
const COLUMNS: i32 = 125;
const PITCH: i32 = 4;

/// Draws `n` unit squares in rows of [`COLUMNS`] from `(x, y)`; returns the
/// y below the last row. Each row is one rectangle and the gaps are painted
/// over it, so the SVG stays small however many units there are.
fn units(area: &Area, n: i64, (x, y): (i32, i32), colour: Rgb) -> Result<i32> {
    let full_rows = (n / COLUMNS as i64) as i32;
    let rest = (n % COLUMNS as i64) as i32;
    for r in 0..full_rows {
        rect(
            area,
            (x, y + r * PITCH),
            (x + COLUMNS * PITCH - 1, y + r * PITCH + PITCH - 1),
            colour,
        )?;
    }
    if rest > 0 {
        let yr = y + full_rows * PITCH;
        rect(
            area,
            (x, yr),
            (x + rest * PITCH - 1, yr + PITCH - 1),
            colour,
        )?;
    }
    let rows = full_rows + i32::from(rest > 0);
    for c in 1..COLUMNS {
        let xc = x + c * PITCH - 1;
        rect(
            area,
            (xc, y),
            (xc + 1, y + rows * PITCH),
            palette::BACKGROUND,
        )?;
    }
    Ok(y + rows * PITCH)
}

fn month_name(period_end: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, month) = period_end.split_once('-')?;
    let m: usize = month.get(..2)?.parse().ok()?;
    Some(format!("{} {year}", MONTHS.get(m.checked_sub(1)?)?))
}

pub(super) fn chart(ledger: &Ledger) -> Result<Chart> {
    let v = needed(ledger, ID, &IDS)?;
    let (operations, killed) = (v[0], v[1]);
    let data = df!(
        "measure" => ["Intelligence-based operations", "People killed"],
        "count" => [operations, killed],
        "figure" => IDS,
    )?;
    let per_op = killed / operations;
    let until = ledger
        .figure(IDS[0])
        .and_then(|f| f.period_end.as_deref())
        .and_then(month_name)
        .map(|m| format!("until {m}"))
        .unwrap_or_else(|| "over a period not stated".to_string());
    let frame = Frame {
        id: ID,
        width: 640,
        height: 590,
        title: format!(
            "Officials report {} people killed in {} intelligence-based operations",
            format::number(killed),
            format::number(operations)
        ),
        subtitle: format!(
            "Each square is one operation or one person killed, at the same scale. Operations {until}; no start date was given."
        ),
        notes: vec![
            format!(
                "{} deaths for {} operations is {} per operation, about one for every {} operations. The report does not say how the deaths were spread across operations.",
                format::number(killed),
                format::number(operations),
                format::ratio(per_op),
                format::ratio((operations / killed).round())
            ),
            "Those killed were described by officials as terrorists \"eliminated\". Interior ministry figures, not independently verified.".to_string(),
        ],
        source: source_line(ledger, IDS[0]),
        alt: format!(
            "Unit chart of {} intelligence-based operations and {} people killed, drawn at the same scale of one square each, where the number of deaths is {} of the number of operations, or {} per operation.",
            format::number(operations),
            format::number(killed),
            format::percent(per_op),
            format::ratio(per_op)
        ),
    };
    let colours = vec![
        ("operations".to_string(), palette::GREY),
        ("people killed".to_string(), palette::VERMILLION),
    ];
    draw(frame, data, colours, |area, top, _bottom| {
        let label = font(LABEL_PX, true, palette::INK);
        put(
            area,
            &format!("{} operations", format::number(operations)),
            (MARGIN, top),
            &label,
            HPos::Left,
        )?;
        let below = units(area, operations as i64, (MARGIN, top + 22), palette::GREY)?;
        put(
            area,
            &format!("{} people killed", format::number(killed)),
            (MARGIN, below + 14),
            &label,
            HPos::Left,
        )?;
        units(
            area,
            killed as i64,
            (MARGIN, below + 36),
            palette::VERMILLION,
        )?;
        Ok(())
    })
}
