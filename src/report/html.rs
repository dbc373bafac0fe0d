//! The methodology report as one self-contained HTML file.

use std::fmt::Write;

use super::{Report, QUESTION, REBUILD};
use crate::audit::Claim;
use crate::charts::escape as e;
use crate::format;

const STYLE: &str = "\
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;margin:0 auto;max-width:46rem;padding:1rem}\
h1,h2,h3{line-height:1.2}h2{margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}\
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\
table{border-collapse:collapse;font-size:.85rem;min-width:100%}.scroll table{min-width:40rem}th,td{padding:.3rem .5rem;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}code{font-size:.85em;overflow-wrap:anywhere}td code{white-space:nowrap;overflow-wrap:normal}\
figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85rem;color:#595959}\
.bad{color:#b00020;font-weight:600}li{margin:.3rem 0}";

/// Renders the report as HTML: styles and charts inline, every string from
/// the data escaped, readable at phone width.
pub fn render(r: &Report) -> String {
    let mut h = String::new();
    let w = &mut h;
    let _ = write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Methodology</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Methodology</h1>\n"
    );
    let _ = writeln!(w, "<h2>The question</h2>\n<p>{}</p>", e(QUESTION));

    let _ = writeln!(w, "<h2>The source</h2>\n<ul>");
    for s in &r.ledger.sources {
        let _ = writeln!(
            w,
            "<li><strong>{}</strong> — {}</li>",
            e(&s.title),
            e(&s.description)
        );
        let _ = writeln!(
            w,
            "<li>Publisher: {}; dated {}; id <code>{}</code></li>",
            e(&s.publisher),
            e(&s.date),
            e(&s.id)
        );
        let _ = writeln!(
            w,
            "<li>Its text is not part of this repository. It is kept at <code>{}</code> (relative to <code>data/</code>) and has {} paragraphs, numbered from 1 as blocks separated by blank lines.</li>",
            e(&s.text_path),
            r.audit.paragraphs
        );
    }
    let _ = writeln!(w, "</ul>");

    let _ = writeln!(w, "<h2>Figures</h2>\n<p>Every number in the text, as printed, with its value exactly as reported.</p>");
    let _ = writeln!(w, "<div class=\"scroll\"><table>\n<tr><th>id</th><th>¶</th><th>printed</th><th>value</th><th>unit</th><th>kind</th><th>attributed to</th><th>period</th></tr>");
    for f in &r.ledger.figures {
        let _ = writeln!(
            w,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&f.id),
            f.paragraph,
            e(&f.printed),
            f.value.map(format::number).unwrap_or_default(),
            e(&f.unit),
            f.kind,
            e(&f.attributed_to),
            e(&Report::period(f))
        );
    }
    let _ = writeln!(w, "</table></div>");

    let _ = writeln!(w, "<h2>Metrics</h2>\n<p>Each metric is the sum of its numerator's figures over the sum of its denominator's. Shares are fractions 0–1, shown as percentages.</p>");
    let _ = writeln!(w, "<div class=\"scroll\"><table>\n<tr><th>metric</th><th>formula</th><th>inputs</th><th>value</th></tr>");
    for m in r.metrics {
        let _ = writeln!(
            w,
            "<tr><td><code>{}</code><br>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            e(&m.id),
            e(&m.description),
            e(&m.formula),
            e(&r.inputs(&[&m.numerator_figures, &m.denominator_figures])),
            e(&m.shown)
        );
    }
    let _ = writeln!(w, "</table></div>");

    let _ = writeln!(w, "<h2>Findings</h2>\n<p>Each relation the figures should satisfy, checked. A relation that fails is reported, not corrected.</p>\n<ul>");
    for f in r.findings {
        let mark = if f.holds {
            "holds".to_string()
        } else {
            "<span class=\"bad\">does not hold</span>".to_string()
        };
        let _ = writeln!(
            w,
            "<li><code>{}</code> {mark}: {}</li>",
            e(&f.id),
            e(&f.sentence)
        );
    }
    let _ = writeln!(w, "</ul>");

    let _ = writeln!(w, "<h2>Charts</h2>");
    for c in r.charts {
        // The SVG carries its own <title> and <desc>; the caption repeats the
        // alt text for sighted readers.
        let svg = c.svg.trim_start_matches(|ch| ch != '<');
        let _ = writeln!(
            w,
            "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
            svg.trim_end(),
            e(&c.alt)
        );
    }

    let a = r.audit;
    let _ = writeln!(w, "<h2>Audit</h2>");
    let _ = writeln!(
        w,
        "<p>The source text holds {} numbers in {} paragraphs: {} matched to figures, {} excluded with a reason, {} problems.</p>\n<ul>",
        a.mentions.len(),
        a.paragraphs,
        a.matched_figures(),
        a.excluded(),
        a.problems.len()
    );
    for m in &a.mentions {
        if let Claim::Exclusion { reason } = &m.claim {
            let _ = writeln!(
                w,
                "<li>excluded: ¶{} “{}” — {}</li>",
                m.mention.paragraph,
                e(&m.mention.printed),
                e(reason)
            );
        }
    }
    for p in &a.problems {
        let _ = writeln!(w, "<li class=\"bad\">problem: {}</li>", e(&p.to_string()));
    }
    let _ = writeln!(w, "</ul>");

    let _ = writeln!(w, "<h2>Caveats</h2>\n<ul>");
    for c in r.caveats() {
        let _ = writeln!(w, "<li>{}</li>", e(&c));
    }
    let _ = writeln!(w, "</ul>");

    let _ = writeln!(w, "<h2>Reproducibility</h2>\n<ul>");
    let _ = writeln!(
        w,
        "<li>Built by newsfigures {} from the ledger in <code>data/</code>.</li>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(w, "<li>Rebuild every output with <code>{REBUILD}</code>; check that nothing drifted with <code>cargo run --release -- build --check</code>.</li>");
    let _ = writeln!(w, "<li>SHA-256 of the inputs:<ul>");
    for (name, hash) in &r.hashes {
        let _ = writeln!(w, "<li><code>{}</code>: <code>{hash}</code></li>", e(name));
    }
    let _ = writeln!(w, "</ul></li>\n</ul>\n</body>\n</html>");
    h
}
