//! The methodology report as one self-contained HTML page, and a page per
//! chart for embedding. Every string from the data is escaped; the page
//! reads on a phone (tables reflow into one block per row, charts switch to
//! their narrow layout) and keeps to one `<main>` with semantic tables.

use std::fmt::Write;

use super::{Block, Cell, Inline, Report, say};
use crate::charts::Chart;
use crate::util::escape as e;

const STYLE: &str = "\
*{box-sizing:border-box}\
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff;margin:0}\
main{margin:0 auto;max-width:62rem;padding:.75rem}\
h1,h2,h3{line-height:1.2}h2{margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}\
a{color:#0b5394}p,li,a{overflow-wrap:anywhere}\
nav ol{columns:2 12rem;padding-inline-start:1.2rem}\
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
table{border-collapse:collapse;font-size:.85rem;width:100%}\
caption{text-align:start;font-weight:600;padding:.3rem 0;color:#595959}\
th,td{padding:.3rem .45rem;border-bottom:1px solid #e5e5e5;text-align:start;vertical-align:top;overflow-wrap:anywhere}\
th{font-weight:600}td.n,th.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\
code{font-size:.85em;overflow-wrap:anywhere}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:.5rem;font-size:.8rem}\
figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto;display:block}\
figcaption{font-size:.85rem;color:#595959}\
.bad{color:#b00020;font-weight:600}li{margin:.3rem 0}\
.narrow{display:none}\
@media (max-width:700px){.wide{display:none}.narrow{display:block}}\
@media (max-width:640px){\
table,tbody,tr,td{display:block;width:100%}\
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
tr{border-bottom:2px solid #ccc;padding:.4rem 0}\
td{border:0;padding:.15rem 0}td.n{text-align:start;white-space:normal}\
td::before{content:attr(data-label) \": \";font-weight:600;color:#595959}td:empty{display:none}\
caption{display:block}\
}";

/// A list counter in Eastern Arabic-Indic digits (as Urdu writes them,
/// the same characters as `Locale::digits`), for the contents list.
const EASTERN_LIST: &str = "@counter-style nf-eastern{system:numeric;symbols:'۰' '۱' '۲' '۳' '۴' '۵' '۶' '۷' '۸' '۹';suffix:'۔ '}nav ol{list-style-type:nf-eastern}";

/// `s` escaped for a page in `l`; in a right-to-left page, each run of
/// Latin-script words inside it (the ledger's English, a name, the tool's
/// own name) marked as English, so that the browser lays the run out left
/// to right as one piece and a screen reader reads it as English.
fn marked(l: crate::i18n::Lang, s: &str) -> String {
    if !l.is_rtl() {
        return e(s);
    }
    let arabic = crate::i18n::is_arabic_script;
    // A run starts and ends on a Latin letter, an ASCII digit, or a quotation
    // mark, an apostrophe or a bracket that closes inside it.
    let edge = |c: char| c.is_ascii_alphanumeric() || c.is_alphabetic() && !arabic(c);
    let mut out = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        // The next stretch without Arabic-script letters, and its Latin run.
        let start = rest.find(|c: char| !arabic(c)).unwrap_or(rest.len());
        out.push_str(&e(&rest[..start]));
        rest = &rest[start..];
        let len = rest.find(arabic).unwrap_or(rest.len());
        let stretch = &rest[..len];
        match (stretch.find(edge), stretch.rfind(edge)) {
            (Some(a), Some(z)) if stretch[a..].chars().any(|c| c.is_alphabetic()) => {
                let z = z + stretch[z..].chars().next().map_or(0, char::len_utf8);
                // The quotation marks and brackets that open it.
                let opener = |c: char| matches!(c, '\u{201c}' | '(' | '"');
                let a = stretch[..a]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| opener(*c))
                    .last()
                    .map_or(a, |(i, _)| i);
                // Quotation marks and brackets that close what the run opens.
                let run = &stretch[a..];
                let mut end = z - a;
                for c in run[end..].chars() {
                    let open = &run[..end];
                    let opened = match c {
                        '\u{201d}' => open.contains('\u{201c}'),
                        ')' => open.matches('(').count() > open.matches(')').count(),
                        '"' => open.matches('"').count() % 2 == 1,
                        '\'' | '\u{2019}' => true,
                        _ => false,
                    };
                    if !opened {
                        break;
                    }
                    end += c.len_utf8();
                }
                let (a, z) = (a, a + end);
                out.push_str(&e(&stretch[..a]));
                let _ = write!(
                    out,
                    "<span lang=\"en\" dir=\"ltr\">{}</span>",
                    e(&stretch[a..z])
                );
                out.push_str(&e(&stretch[z..]));
            }
            _ => out.push_str(&e(stretch)),
        }
        rest = &rest[len..];
    }
    out
}

fn inlines(l: crate::i18n::Lang, runs: &[Inline]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text(s) => out.push_str(&marked(l, s)),
            Inline::Foreign(lang, s) => {
                let _ = write!(
                    out,
                    "<span lang=\"{lang}\" dir=\"{}\">{}</span>",
                    lang.dir(),
                    e(s)
                );
            }
            // A path or an id reads left to right in any page.
            Inline::Code(s) if l.is_rtl() => {
                let _ = write!(out, "<code dir=\"ltr\">{}</code>", e(s));
            }
            Inline::Code(s) => {
                let _ = write!(out, "<code>{}</code>", e(s));
            }
            Inline::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", e(s));
            }
            Inline::Bad(s) => {
                let _ = write!(out, "<span class=\"bad\">{}</span>", e(s));
            }
            Inline::Link { text, href } => match super::safe_href(href) {
                Some(h) => {
                    let _ = write!(out, "<a href=\"{}\">{}</a>", e(&h), e(text));
                }
                None => out.push_str(&e(text)),
            },
        }
    }
    out
}

fn td(l: crate::i18n::Lang, c: &Cell, label: &str) -> String {
    format!(
        "<td{} data-label=\"{}\">{}</td>",
        if c.numeric { " class=\"n\"" } else { "" },
        e(label),
        inlines(l, &c.content)
    )
}

/// A chart as a figure: both layouts inline (the page shows the one that
/// fits), and a caption with its data file and embed snippet. The SVGs carry
/// the title and description screen readers announce; the caption does not
/// repeat them.
pub fn figure(chart: &Chart, prefix: &str) -> String {
    let strip = |svg: &str| svg.trim_start_matches(|c| c != '<').trim_end().to_string();
    format!(
        "<figure>\n<div class=\"wide\">{}</div>\n<div class=\"narrow\">{}</div>\n<figcaption>{}<a href=\"{prefix}{id}.csv\">{prefix}{id}.csv</a></figcaption>\n</figure>",
        strip(&chart.svg),
        strip(&chart.svg_narrow),
        crate::i18n::Say::Data.in_lang(chart.lang),
        id = chart.id,
    )
}

/// Renders the report as HTML, with the charts inline.
pub fn render(r: &Report, charts: &[Chart]) -> String {
    let mut h = String::new();
    let _ = write!(h, "<main>\n<h1>{}</h1>\n", e(&r.title));
    let l = r.lang;
    // A list of the sections, so a long report can be read in any order.
    // A heading in a script without ASCII letters is anchored by its place.
    let sections: Vec<&String> = r
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(2, text) => Some(text),
            _ => None,
        })
        .collect();
    let anchor_of = |text: &String| {
        let a = anchor(text);
        if a.is_empty() {
            let n = sections.iter().position(|s| *s == text).unwrap_or(0);
            format!("section-{}", n + 1)
        } else {
            a
        }
    };
    let _ = write!(h, "<nav aria-label=\"{}\"><ol>", e(say(l, "Contents")));
    for text in &sections {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor_of(text),
            e(text)
        );
    }
    h.push_str("</ol></nav>\n");
    for b in &r.blocks {
        match b {
            Block::Heading(level, text) => {
                if *level == 2 {
                    let _ = writeln!(h, "<h2 id=\"{}\">{}</h2>", anchor_of(text), e(text));
                } else {
                    let _ = writeln!(h, "<h{level}>{}</h{level}>", marked(l, text));
                }
            }
            Block::Para(runs) => {
                let _ = writeln!(h, "<p>{}</p>", inlines(l, runs));
            }
            Block::List(items) => {
                h.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(h, "<li>{}</li>", inlines(l, item));
                }
                h.push_str("</ul>\n");
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                let _ = write!(h, "<table>\n<caption>{}</caption>\n<thead><tr>", e(caption));
                for (i, name) in header.iter().enumerate() {
                    let numeric = rows
                        .first()
                        .and_then(|r| r.get(i))
                        .is_some_and(|c| c.numeric);
                    let _ = write!(
                        h,
                        "<th scope=\"col\"{}>{}</th>",
                        if numeric { " class=\"n\"" } else { "" },
                        e(name)
                    );
                }
                h.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    h.push_str("<tr>");
                    for (i, c) in row.iter().enumerate() {
                        h.push_str(&td(l, c, header.get(i).map_or("", String::as_str)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody>\n</table>\n");
            }
            Block::Chart { id, title } => {
                if let Some(c) = charts.iter().find(|c| &c.id == id) {
                    h.push_str(&figure(c, "charts/"));
                    let _ = writeln!(
                        h,
                        "\n<p>{}</p>\n<pre><code>{}</code></pre>",
                        e(say(l, "To embed this chart:")),
                        e(&super::embed(id, title))
                    );
                }
            }
        }
    }
    h.push_str("</main>\n");
    // A page in the Arabic script carries the bundled face, cut down to
    // its characters, so that it reads the same wherever it is opened (the
    // bundled font always subsets; were it not to, the page would fall back
    // to the reader's own fonts).
    // The contents numbered in the page's own digits.
    let list = if l != crate::i18n::Lang::En && r.digits == crate::i18n::Digits::Eastern {
        EASTERN_LIST
    } else {
        ""
    };
    let fonts = if l.is_rtl() {
        // Cut to the characters of the page and of its list numbers.
        crate::charts::arabic_page_css(&format!("{h}{list}")).unwrap_or_default()
    } else {
        String::new()
    };
    let fonts = format!("{list}{fonts}");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{fonts}</style>\n</head>\n<body>\n{h}</body>\n</html>\n",
        r.lang,
        r.lang.dir(),
        e(&r.title),
    )
}

/// An id for a heading: lowercase letters and digits joined by `-`.
fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A chart on a page of its own, for an iframe: self-contained, responsive,
/// with a link to its data.
pub fn embed_page(chart: &Chart) -> String {
    // The page's heading carries the title; the SVGs are then named by their
    // description alone, so that nothing is read twice.
    let mut figure = figure(chart, "");
    for suffix in ["", "-narrow"] {
        figure = crate::charts::draw::described_only(&figure, &format!("{}{suffix}", chart.id));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>*{{box-sizing:border-box}}body{{margin:0;background:#fff;color:#1a1a1a;font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}}main{{max-width:640px;margin:0 auto;padding:0 .5rem}}.sr-only{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}figure{{margin:0}}svg{{max-width:100%;height:auto;display:block}}figcaption{{font-size:.85rem;color:#595959;padding:.25rem 0}}a{{color:#0b5394}}.narrow{{display:none}}@media (max-width:600px){{.wide{{display:none}}.narrow{{display:block}}}}</style>\n</head>\n<body>\n<main>\n<h1 class=\"sr-only\">{}</h1>\n{}\n</main>\n</body>\n</html>\n",
        chart.lang,
        chart.lang.dir(),
        e(&chart.title),
        e(&chart.title),
        figure
    )
}

#[cfg(test)]
mod tests {
    use super::marked;
    use crate::i18n::Lang;

    const EN: &str = "<span lang=\"en\" dir=\"ltr\">";

    #[test]
    fn latin_runs_in_a_right_to_left_page_are_marked_as_english() {
        let s = marked(
            Lang::Ur,
            "The Dhoran Courier (فرضی) نے the relief fund (۳۰ کروڑ روپے)، families still waiting for a tent (۴۰۰ سے زائد families) کی",
        );
        assert_eq!(
            s,
            format!(
                "{EN}The Dhoran Courier</span> (فرضی) نے {EN}the relief fund</span> (۳۰ کروڑ روپے)، {EN}families still waiting for a tent</span> (۴۰۰ سے زائد {EN}families</span>) کی"
            )
        );
        // Quotation marks and brackets go with the words they enclose; an
        // apostrophe stays inside its word.
        let s = marked(
            Lang::Ur,
            "جانچ: “the relief office said” (the housing repairs' share) ہے",
        );
        assert_eq!(
            s,
            format!(
                "جانچ: {EN}“the relief office said” (the housing repairs&#39; share)</span> ہے"
            )
        );
        // Numbers and signs alone are not English; an English page is as
        // it was.
        assert_eq!(
            marked(Lang::Ur, "۶٬۰۰۰ + ۴٬۰۰۰ = ۱۰٬۰۰۰"),
            "۶٬۰۰۰ + ۴٬۰۰۰ = ۱۰٬۰۰۰"
        );
        assert_eq!(
            marked(Lang::En, "the fund (Rs 30 crore)"),
            "the fund (Rs 30 crore)"
        );
    }
}
