//! The methodology report as Markdown.

use std::fmt::Write;

use super::{Report, QUESTION, REBUILD};
use crate::audit::Claim;
use crate::format;

/// Escapes a table cell: no raw HTML, no column breaks, one line.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// Renders the report as Markdown (charts linked from `charts/`).
pub fn render(r: &Report) -> String {
    let mut md = String::new();
    let w = &mut md;
    let _ = writeln!(w, "# Methodology\n");
    let _ = writeln!(w, "## The question\n\n{QUESTION}\n");

    let _ = writeln!(w, "## The source\n");
    for s in &r.ledger.sources {
        let _ = writeln!(w, "- **{}** — {}", cell(&s.title), cell(&s.description));
        let _ = writeln!(
            w,
            "- Publisher: {}; dated {}; id `{}`",
            cell(&s.publisher),
            s.date,
            s.id
        );
        let _ = writeln!(
            w,
            "- Its text is not part of this repository. It is kept at `{}` (relative to `data/`) and has {} paragraphs, numbered from 1 as blocks separated by blank lines.\n",
            cell(&s.text_path),
            r.audit.paragraphs
        );
    }

    let _ = writeln!(
        w,
        "## Figures\n\nEvery number in the text, as printed, with its value exactly as reported.\n"
    );
    let _ = writeln!(
        w,
        "| id | ¶ | printed | value | unit | kind | attributed to | period |"
    );
    let _ = writeln!(w, "|---|--:|---|--:|---|---|---|---|");
    for f in &r.ledger.figures {
        let _ = writeln!(
            w,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            f.id,
            f.paragraph,
            cell(&f.printed),
            f.value.map(format::number).unwrap_or_default(),
            cell(&f.unit),
            f.kind,
            cell(&f.attributed_to),
            cell(&Report::period(f))
        );
    }

    let _ = writeln!(w, "\n## Metrics\n\nEach metric is the sum of its numerator's figures over the sum of its denominator's. Shares are fractions 0–1, shown as percentages.\n");
    let _ = writeln!(w, "| metric | formula | inputs | value |");
    let _ = writeln!(w, "|---|---|---|--:|");
    for m in r.metrics {
        let _ = writeln!(
            w,
            "| `{}` — {} | {} | {} | {} |",
            m.id,
            cell(&m.description),
            cell(&m.formula),
            cell(&r.inputs(&[&m.numerator_figures, &m.denominator_figures])),
            m.shown
        );
    }

    let _ = writeln!(w, "\n## Findings\n\nEach relation the figures should satisfy, checked. A relation that fails is reported, not corrected.\n");
    for f in r.findings {
        let mark = if f.holds {
            "holds"
        } else {
            "**does not hold**"
        };
        let _ = writeln!(w, "- `{}` {mark}: {}", f.id, cell(&f.sentence));
    }

    let _ = writeln!(w, "\n## Charts\n");
    for c in r.charts {
        let _ = writeln!(
            w,
            "### {}\n\n![{}](charts/{}.svg)\n\nData: [`charts/{}.csv`](charts/{}.csv)\n",
            cell(&c.title),
            cell(&c.alt),
            c.id,
            c.id,
            c.id
        );
    }

    let a = r.audit;
    let _ = writeln!(w, "## Audit\n");
    let _ = writeln!(
        w,
        "The source text holds {} numbers in {} paragraphs: {} matched to figures, {} excluded with a reason, {} problems.\n",
        a.mentions.len(),
        a.paragraphs,
        a.matched_figures(),
        a.excluded(),
        a.problems.len()
    );
    for m in a
        .mentions
        .iter()
        .filter(|m| matches!(m.claim, Claim::Exclusion { .. }))
    {
        if let Claim::Exclusion { reason } = &m.claim {
            let _ = writeln!(
                w,
                "- excluded: ¶{} \"{}\" — {}",
                m.mention.paragraph,
                cell(&m.mention.printed),
                cell(reason)
            );
        }
    }
    for p in &a.problems {
        let _ = writeln!(w, "- problem: {}", cell(&p.to_string()));
    }

    let _ = writeln!(w, "\n## Caveats\n");
    for c in r.caveats() {
        let _ = writeln!(w, "- {}", cell(&c));
    }

    let _ = writeln!(w, "\n## Reproducibility\n");
    let _ = writeln!(
        w,
        "- Built by newsfigures {} from the ledger in `data/`.",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(w, "- Rebuild every output with `{REBUILD}`; check that nothing drifted with `cargo run --release -- build --check`.");
    let _ = writeln!(w, "- SHA-256 of the inputs:\n");
    for (name, hash) in &r.hashes {
        let _ = writeln!(w, "  - `{name}`: `{hash}`");
    }
    md
}
