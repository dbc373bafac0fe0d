//! The files of each chart under `charts/`: the SVG in both layouts, the
//! PNG, the alt text, the numbers drawn, and a page for embedding.

use super::{Built, Exporter, Field, File};
use crate::charts::Chart;
use crate::error::Result;

pub(crate) struct Charts;

/// What each column of a chart's data file holds.
fn describe(column: &str) -> &'static str {
    match column {
        "label" => "What the mark stands for, as labelled on the chart",
        "value" => "The value drawn, exactly as reported or computed",
        "share" => "The value as a fraction (0-1) of the chart's total",
        "figure" => {
            "The figure id the value comes from, or the formula over figure ids that computes it"
        }
        "computed" => "True when the value is computed from figures rather than reported",
        "series" => "The series (the quantity reported) the bar belongs to",
        "outlet" => "The outlet whose report gives the value",
        "report_date" => "The date of that report",
        "period" => "The period the value covers, as the report states it",
        "group" => "The group the bar belongs to",
        "bar" => "What the bar stands for within its group",
        _ => "A value drawn in the chart",
    }
}

/// The files of one chart, under `charts/`: the SVG in both layouts, the
/// PNG (`png`, rendered from the SVG), the alt text and the numbers drawn.
pub fn chart_files(c: &Chart, png: &[u8]) -> Result<Vec<File>> {
    let mut files = Vec::new();
    let id = &c.id;
    files.push(File::new(
        format!("charts/{id}.svg"),
        c.svg.clone().into_bytes(),
        "image/svg+xml",
        format!("Chart: {}", c.title),
    ));
    files.push(File::new(
        format!("charts/{id}.narrow.svg"),
        c.svg_narrow.clone().into_bytes(),
        "image/svg+xml",
        format!("Chart {id} in its narrow layout, for phones"),
    ));
    files.push(File::new(
        format!("charts/{id}.png"),
        png.to_vec(),
        "image/png",
        format!("Chart {id} at twice its size, rendered from the SVG"),
    ));
    files.push(File::new(
        format!("charts/{id}.alt.txt"),
        format!("{}\n", c.alt).into_bytes(),
        "text/plain",
        format!("Alt text of chart {id}"),
    ));
    let fields = c
        .data
        .columns()
        .iter()
        .map(|col| Field {
            name: col.name().to_string(),
            kind: if col.dtype().is_bool() {
                "boolean"
            } else if col.dtype().is_primitive_numeric() {
                "number"
            } else {
                "string"
            }
            .to_string(),
            description: describe(col.name()).to_string(),
        })
        .collect();
    files.push(File::table(
        format!("charts/{id}.csv"),
        c.data_csv()?.into_bytes(),
        "text/csv",
        format!("The numbers drawn in chart {id}"),
        fields,
    ));
    Ok(files)
}

impl Exporter for Charts {
    fn files(&self, built: &Built, _: &[File]) -> Result<Vec<File>> {
        let mut files = Vec::new();
        for (c, png) in built.charts.iter().zip(built.pngs) {
            let id = &c.id;
            files.extend(chart_files(c, png)?);
            files.push(File::new(
                format!("charts/{id}.html"),
                crate::report::html::embed_page(c).into_bytes(),
                "text/html",
                format!("Chart {id} on a page of its own, for embedding in an iframe"),
            ));
        }
        Ok(files)
    }
}
