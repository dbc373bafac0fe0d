//! The methodology report as Markdown: every string from the data escaped,
//! charts linked from `charts/`.

use std::fmt::Write;

use super::{Block, Inline, Report, embed, safe_href};
use crate::sentences::fill;
use crate::util::markdown as esc;

fn code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn inlines(runs: &[Inline]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text(s) | Inline::Foreign(_, s) => out.push_str(&esc(s)),
            Inline::Code(s) => out.push_str(&code(s)),
            Inline::Strong(s) => {
                let _ = write!(out, "**{}**", esc(s));
            }
            Inline::Bad(s) => {
                let _ = write!(out, "**{}**", esc(s));
            }
            Inline::Link { text, href } => match safe_href(href) {
                Some(h) => {
                    let _ = write!(out, "[{}]({h})", esc(text));
                }
                None => out.push_str(&esc(text)),
            },
        }
    }
    out
}

/// Renders the report as Markdown.
pub fn render(r: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", esc(&r.title));
    for b in &r.blocks {
        match b {
            Block::Heading(level, text) => {
                let _ = writeln!(md, "{} {}\n", "#".repeat(*level as usize), esc(text));
            }
            Block::Para(runs) => {
                let _ = writeln!(md, "{}\n", inlines(runs));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(md, "- {}", inlines(item));
                }
                md.push('\n');
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                let _ = writeln!(md, "*{}*\n", esc(caption));
                let _ = writeln!(
                    md,
                    "| {} |",
                    header
                        .iter()
                        .map(|h| esc(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let aligns: Vec<&str> = (0..header.len())
                    .map(|i| {
                        if rows
                            .first()
                            .is_some_and(|r| r.get(i).is_some_and(|c| c.numeric))
                        {
                            "--:"
                        } else {
                            "---"
                        }
                    })
                    .collect();
                let _ = writeln!(md, "|{}|", aligns.join("|"));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| inlines(&c.content)).collect();
                    let _ = writeln!(md, "| {} |", cells.join(" | "));
                }
                md.push('\n');
            }
            Block::Chart { id, title } => {
                let links = fill(
                    r.lang,
                    "Data: {data}. Narrow layout: {narrow}. Embed:",
                    &[
                        ("data", &format!("[charts/{id}.csv](charts/{id}.csv)")),
                        (
                            "narrow",
                            &format!("[charts/{id}.narrow.svg](charts/{id}.narrow.svg)"),
                        ),
                    ],
                );
                let _ = writeln!(
                    md,
                    "### {}\n\n![{}](charts/{id}.svg)\n\n{links}\n\n```html\n{}\n```\n",
                    esc(title),
                    esc(title),
                    embed(id, title)
                );
            }
        }
    }
    md
}
