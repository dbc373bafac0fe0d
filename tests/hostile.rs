//! Hostile text in the data comes out escaped, or is refused, in every
//! format we write: SVG, HTML, Markdown, CSV and JSON.

use crate::common::{mini, snapshot};

const MARKUP: &str = "<script>alert(1)</script> & \"quoted\" 'single'";
const LINK: &str = "[click me](javascript:alert(1))";

fn hostile_story() -> tempfile::TempDir {
    let counts = format!("{MARKUP} {LINK}").replace('"', "\"\"");
    mini(
        &[
            (
                "sources.csv",
                &format!(
                    "id,title,outlet,url,date\ns,\"{}\",<b>Outlet</b>,https://example.org/r,2025-01-02\n",
                    MARKUP.replace('"', "\"\"")
                ),
            ),
            (
                "figures.csv",
                &format!(
                    "id,source,paragraph,printed,value,kind,unit,counts\na,s,1,3,3,count,things,\"{counts}\"\nb,s,1,4,4,count,things,\"{counts}\"\nt,s,1,7,7,count,things,Total\n"
                ),
            ),
            (
                "story.toml",
                "title = \"<i>Test</i>\"\nquestion = \"Does it [add](javascript:x) up?\"\n\n[[charts]]\nid = \"c\"\nkind = \"ranked_bars\"\ntotal = \"t\"\nparts = [{ figure = \"a\", label = \"<script>alert(2)</script>\" }, { figure = \"b\", label = \"B & B\" }]\ntitle = \"<tspan>{first.label}</tspan> leads\"\nsubtitle = \"Things\"\nalt = \"Horizontal bar chart where {list}\"\n",
            ),
        ],
        None,
    )
}

fn built() -> std::collections::BTreeMap<String, Vec<u8>> {
    let story = hostile_story();
    let out = tempfile::tempdir().unwrap();
    crate::common::build(story.path(), &out.path().join("o"))
        .assert()
        .success();
    snapshot(&out.path().join("o"))
}

#[test]
fn svg_and_html_escape_markup() {
    let files = built();
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if name.ends_with(".svg") || name.ends_with(".html") {
            assert!(!text.contains("<script>"), "{name} holds a live script tag");
            assert!(
                !text.contains("<tspan>")
                    && !text.contains("<b>Outlet")
                    && !text.contains("<i>Test"),
                "{name} holds live markup"
            );
            assert!(
                !text.contains("href=\"javascript"),
                "{name} holds a javascript link"
            );
        }
        if name.ends_with(".svg") {
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                doc.descendants().all(|n| !n.has_tag_name("script")),
                "{name}"
            );
            assert!(
                text.contains("&lt;script&gt;alert(2)&lt;/script&gt;") || name.contains("narrow"),
                "{name}"
            );
        }
    }
    let html = String::from_utf8_lossy(&files["methodology.html"]);
    assert!(html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"
    ));
}

#[test]
fn markdown_makes_links_and_markup_inert() {
    let files = built();
    let md = String::from_utf8_lossy(&files["methodology.md"]);
    assert!(!md.contains("[click me](javascript"), "a live link");
    assert!(md.contains(r"\[click me\](javascript:alert(1))"));
    assert!(!md.contains("<script>") && md.contains("&lt;script&gt;"));
    assert!(!md.contains("[add](javascript"));
}

#[test]
fn csv_and_json_round_trip_the_text_exactly() {
    let files = built();
    let mut r = csv::Reader::from_reader(files["tables/figures.csv"].as_slice());
    let headers = r.headers().unwrap().clone();
    let i = headers.iter().position(|h| h == "counts").unwrap();
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(&row[i], format!("{MARKUP} {LINK}"));
    let json: serde_json::Value = serde_json::from_slice(&files["tables/figures.json"]).unwrap();
    assert_eq!(json[0]["counts"], format!("{MARKUP} {LINK}"));
}

#[test]
fn control_characters_bidi_overrides_formulas_and_huge_fields_are_refused() {
    for (bad, expect) in [
        ("a\u{202E}b", "U+202E"),
        ("a\u{2066}b", "U+2066"),
        ("a\u{0}b", "U+0000"),
        (
            "=HYPERLINK(\"\"http://x\"\")",
            "spreadsheets run as a formula",
        ),
        (&"x".repeat(100_000), "at most 4000"),
    ] {
        let dir = mini(
            &[(
                "figures.csv",
                &format!(
                    "id,source,paragraph,printed,value,kind,unit,counts\na,s,1,3,3,count,things,\"{bad}\"\n"
                ),
            )],
            None,
        );
        let err = crate::common::error_of(dir.path());
        assert!(
            err.contains("figures.csv, line 2, field `counts`") && err.contains(expect),
            "{expect}: {}",
            &err[..err.len().min(300)]
        );
    }
}
