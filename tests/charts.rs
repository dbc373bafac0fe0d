//! Charts: structure, accessibility, house style, colour and determinism,
//! for every chart of the shipped story and of the fixture story.

use newsfigures::charts::palette::{BACKGROUND, Deficiency, MIN_DELTA_E, delta_e, simulate};
use newsfigures::charts::{Chart, Layout};
use newsfigures::{Analysis, Options, Story};

use crate::common::{data, fixture};

fn charts(dir: &std::path::Path) -> Vec<Chart> {
    let a = crate::common::analyse(dir);
    a.charts.iter().map(|p| p.draw().unwrap()).collect()
}

fn all() -> Vec<Chart> {
    let mut v = charts(&data());
    v.extend(charts(&fixture()));
    v
}

#[test]
fn every_chart_kind_is_drawn() {
    let kinds: std::collections::BTreeSet<String> = [data(), fixture()]
        .iter()
        .flat_map(|d| {
            Story::load(d)
                .unwrap()
                .file
                .charts
                .into_iter()
                .map(|c| c.kind.name().to_string())
        })
        .collect();
    let all: std::collections::BTreeSet<String> = newsfigures::charts::KINDS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(kinds, all, "the two stories draw every kind");
}

#[test]
fn every_chart_is_accessible_svg_with_title_desc_and_source() {
    for c in all() {
        for (svg, suffix, width) in [
            (&c.svg, "", c.size.0),
            (&c.svg_narrow, "-narrow", c.narrow_size.0),
        ] {
            let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{}: {e}", c.id));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{}", c.id);
            assert_eq!(
                root.attribute("aria-labelledby"),
                Some(format!("{0}{suffix}-title {0}{suffix}-desc", c.id).as_str())
            );
            assert_eq!(root.attribute("width"), Some(width.to_string().as_str()));
            let child = |name: &str| {
                root.children()
                    .find(|n| n.has_tag_name(name))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(child("title"), c.title);
            assert_eq!(child("desc"), c.alt);
            let texts: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .map(|t| t.trim().to_string())
                .collect();
            assert!(
                texts.iter().any(|t| t.starts_with("Source")),
                "{}: no source line in {texts:?}",
                c.id
            );
            assert!(texts.iter().all(|t| !t.is_empty()));
        }
    }
}

#[test]
fn narrow_charts_have_no_text_under_twelve_pixels() {
    for c in all() {
        assert_eq!(c.narrow_size.0, Layout::NARROW.width as u32);
        let doc = roxmltree::Document::parse(&c.svg_narrow).unwrap();
        for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let size: f64 = t.attribute("font-size").unwrap().parse().unwrap();
            // plotters writes the size divided by 1.24 (see charts::draw::font).
            let px = size * 1.24;
            assert!(px >= 11.99, "{}: {:?} at {px:.1} px", c.id, t.text());
        }
    }
}

#[test]
fn alt_text_names_the_chart_type_and_lists_the_data() {
    for c in all() {
        let first = c
            .alt
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            [
                "Horizontal bar chart",
                "Stacked bar chart",
                "Unit chart",
                "Bar chart",
                "Grouped bar chart"
            ]
            .iter()
            .any(|k| c.alt.starts_with(k)),
            "{}: {first}",
            c.id
        );
        assert!(
            c.alt.contains(" where ") || c.alt.contains(':'),
            "{}: {}",
            c.id,
            c.alt
        );
        // Every value drawn is in the alt text.
        let values = c.data.column("value").unwrap().f64().unwrap();
        for v in values.into_no_null_iter() {
            let shown = newsfigures::format::number(v);
            let found = c.alt.contains(&shown) || c.alt.contains("crore") || c.alt.contains("lakh");
            assert!(found, "{}: {shown} not in {}", c.id, c.alt);
        }
    }
}

#[test]
fn colours_stay_distinct_for_colour_blind_readers() {
    let mut checked = 0;
    for c in all() {
        let colours: Vec<_> = c
            .colours
            .iter()
            .map(|(_, rgb)| *rgb)
            .chain([BACKGROUND])
            .collect();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let normal = delta_e(*a, *b);
                assert!(
                    normal >= MIN_DELTA_E,
                    "{}: {a:?} vs {b:?}: {normal:.1}",
                    c.id
                );
                for d in Deficiency::ALL {
                    let de = delta_e(simulate(*a, d), simulate(*b, d));
                    assert!(
                        de >= MIN_DELTA_E,
                        "{}: {a:?} vs {b:?} under {d:?}: {de:.1}",
                        c.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "pairs checked: {checked}");
}

#[test]
fn bars_start_at_zero_and_zero_is_drawn_as_zero() {
    // The what-if: every pending account blocked leaves a zero segment,
    // which must not be drawn as a sliver, and the chart says it is
    // hypothetical and names no source.
    let story = Story::load(data()).unwrap();
    let what_if = story
        .what_if(&[("accounts_blocked", 919.0), ("accounts_in_process", 0.0)])
        .unwrap();
    let a = Analysis::new(&what_if, &Options::default()).unwrap();
    let plan = a.chart("block_status").unwrap();
    assert!(
        plan.words.title.starts_with("Hypothetical: "),
        "{}",
        plan.words.title
    );
    assert!(
        plan.words.source.starts_with("Hypothetical figures")
            && !plan.words.source.contains("The News"),
        "{}",
        plan.words.source
    );
    let chart = plan.draw().unwrap();
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let sky = "#56B4E9";
    let drawn = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(sky))
        .count();
    assert_eq!(drawn, 0, "the zero 'in process' segment is not drawn");
}

#[test]
fn pngs_render_with_the_bundled_font_and_are_deterministic() {
    let charts = charts(&data());
    let a = newsfigures::build::pngs(&charts).unwrap();
    let b = newsfigures::build::pngs(&charts).unwrap();
    assert_eq!(a, b);
    // In the charts' order, whichever thread rendered which.
    let one_by_one: Vec<Vec<u8>> = charts.iter().map(|c| c.png().unwrap()).collect();
    assert!(
        a == one_by_one,
        "pngs() returns each chart's own PNG in order"
    );
    for (c, png) in charts.iter().zip(&a) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR width and height: twice the SVG's.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (c.size.0 * 2, c.size.1 * 2), "{}", c.id);
    }
    // Text in a font that is not bundled is an error, not a blank.
    // (The SVG names its embedded subset first, which resvg does not hold.)
    let bad = charts[0]
        .svg
        .replace("Inter, Helvetica, Arial, sans-serif\"", "Comic Neue\"");
    assert!(
        newsfigures::charts::render_png(&bad, 1.0)
            .unwrap_err()
            .contains("no bundled font")
    );
}
