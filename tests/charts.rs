//! Charts: structure, accessibility, reproducibility, colour and errors.

mod common;

use newsfigures::charts::palette::{delta_e, simulate, Deficiency, BACKGROUND, MIN_DELTA_E};
use newsfigures::charts::{self, Chart, IDS};
use newsfigures::{Error, Ledger};

fn all() -> Vec<Chart> {
    charts::all(&Ledger::load(common::data()).unwrap()).unwrap()
}

#[test]
fn every_chart_is_accessible_svg_with_title_desc_and_source() {
    for c in all() {
        let doc = roxmltree::Document::parse(&c.svg).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        let svg = doc.root_element();
        assert_eq!(svg.tag_name().name(), "svg");
        assert_eq!(svg.attribute("role"), Some("img"), "{}", c.id);
        assert_eq!(
            svg.attribute("aria-labelledby"),
            Some(format!("{0}-title {0}-desc", c.id).as_str())
        );
        assert_eq!(svg.attribute("width"), Some(c.width.to_string().as_str()));
        let child = |name: &str| {
            svg.children()
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
            texts
                .iter()
                .any(|t| t.starts_with("Source: ") && t.ends_with("as reported 2024-12-03")),
            "{}: {texts:?}",
            c.id
        );
        assert!(texts.iter().all(|t| !t.is_empty()));
    }
}

#[test]
fn alt_text_names_the_chart_type_and_the_data() {
    let charts = all();
    let alt = |id: &str| charts.iter().find(|c| c.id == id).unwrap().alt.clone();
    assert!(
        alt("platform_share").starts_with("Horizontal bar chart of the 924 social media accounts")
    );
    assert!(alt("platform_share").contains("Facebook 487 (52.7%)"));
    assert!(alt("block_status").starts_with("Stacked bar chart of the 924 flagged"));
    assert!(alt("block_status").contains("5 (0.5%) are not accounted for"));
    assert!(alt("operations")
        .starts_with("Unit chart of 7,984 intelligence-based operations and 206 people killed"));
}

#[test]
fn the_data_beside_each_chart_is_exactly_what_is_drawn() {
    let charts = all();
    let csv = |id: &str| {
        charts
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .data_csv()
            .unwrap()
    };
    assert_eq!(
        csv("platform_share"),
        "platform,accounts,share,figure\n\
         Facebook,487,0.5270562770562771,accounts_facebook\n\
         TikTok,190,0.20562770562770563,accounts_tiktok\n\
         X,147,0.1590909090909091,accounts_x\n\
         Instagram,88,0.09523809523809523,accounts_instagram\n\
         Other apps,12,0.012987012987012988,accounts_other\n"
    );
    let status = csv("block_status");
    assert!(status.contains("\nBlocked,312,"), "{status}");
    assert!(status.contains("\nIn process,607,"), "{status}");
    assert!(
        status.contains("\nNot accounted for,5,0.005411255411255411,"),
        "{status}"
    );
    assert_eq!(
        csv("operations"),
        "measure,count,figure\nIntelligence-based operations,7984,ibo_operations\nPeople killed,206,ibo_killed\n"
    );
}

#[test]
fn png_decodes_at_twice_the_svg_size() {
    for c in all() {
        let png = c.png().unwrap();
        let img = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (2 * c.width, 2 * c.height),
            "{}",
            c.id
        );
        // Not blank: the title's ink is in the top band.
        let dark = img.pixels()[..(img.width() * 120) as usize]
            .iter()
            .filter(|p| p.red() < 80)
            .count();
        assert!(
            dark > 1000,
            "{}: only {dark} dark pixels in the title band",
            c.id
        );
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let (a, b) = (all(), all());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.svg, y.svg, "{}", x.id);
        assert_eq!(x.png().unwrap(), y.png().unwrap(), "{}", x.id);
    }
}

/// Every pair of colours a chart uses to tell marks apart, and each against
/// the background, stays at least MIN_DELTA_E (CIEDE2000) apart for normal
/// vision and under simulated protanopia, deuteranopia and tritanopia
/// (Machado et al. 2009, full severity).
#[test]
fn colours_stay_distinct_for_colour_blind_readers() {
    for c in all() {
        let mut lowest = f64::INFINITY;
        let mut colours = c.colours.clone();
        colours.push(("background".to_string(), BACKGROUND));
        for (i, (na, a)) in colours.iter().enumerate() {
            for (nb, b) in &colours[i + 1..] {
                let normal = delta_e(*a, *b);
                assert!(
                    normal >= MIN_DELTA_E,
                    "{}: {na} vs {nb}: ΔE {normal:.1}",
                    c.id
                );
                for d in Deficiency::ALL {
                    let e = delta_e(simulate(*a, d), simulate(*b, d));
                    assert!(
                        e >= MIN_DELTA_E,
                        "{}: {na} vs {nb} under {d:?}: ΔE {e:.1}",
                        c.id
                    );
                    lowest = lowest.min(e);
                }
            }
        }
        eprintln!("{}: smallest ΔE under simulation {lowest:.1}", c.id);
    }
}

#[test]
fn a_chart_without_its_figures_names_them() {
    let dir = common::ledger_copy();
    // Drop the two figures no relation or metric needs... the platform chart
    // needs figures that metrics use, so remove them from the loaded ledger.
    let mut ledger = Ledger::load(dir.path()).unwrap();
    ledger
        .figures
        .retain(|f| f.id != "accounts_tiktok" && f.id != "ibo_killed");
    match charts::by_id(&ledger, "platform_share").unwrap_err() {
        Error::MissingFigures { chart, missing } => {
            assert_eq!(chart, "platform_share");
            assert_eq!(missing, vec!["accounts_tiktok".to_string()]);
        }
        other => panic!("{other:?}"),
    }
    let err = charts::by_id(&ledger, "operations")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "chart `operations` needs figures missing from the ledger: ibo_killed"
    );
    assert!(charts::by_id(&ledger, "no_such_chart").is_err());
}

#[test]
fn text_without_the_bundled_font_is_an_error_not_a_blank() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text x="5" y="20" font-family="Helvetica">Hi</text></svg>"#;
    let err = charts::render_png(svg, 1.0).unwrap_err();
    assert!(
        err.contains("no bundled font for font-family \"Helvetica\""),
        "{err}"
    );
    let ok = svg.replace("Helvetica", charts::FONT_FAMILY);
    assert!(charts::render_png(&ok, 1.0).is_ok());
    let glyph = ok.replace("Hi", "漢");
    assert!(charts::render_png(&glyph, 1.0)
        .unwrap_err()
        .contains("no glyph"));
}

#[test]
fn svg_snapshots() {
    for c in all() {
        assert!(IDS.contains(&c.id.as_str()));
        insta::assert_snapshot!(format!("{}.svg", c.id), c.svg);
    }
}

#[test]
fn labels_stay_inside_the_chart_when_a_segment_sits_at_the_edge() {
    let mut ledger = Ledger::load(common::data()).unwrap();
    ledger.set_value("accounts_blocked", 919.0).unwrap();
    ledger.set_value("accounts_in_process", 0.0).unwrap();
    let chart = charts::by_id(&ledger, "block_status").unwrap();
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let label = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some("In process"))
        .unwrap();
    assert_eq!(label.attribute("text-anchor"), Some("end"));
    let x: i32 = label.attribute("x").unwrap().parse().unwrap();
    assert!(x <= chart.width as i32, "{x}");
    assert!(
        chart
            .title
            .starts_with("99.5% of the 924 flagged accounts have been blocked"),
        "{}",
        chart.title
    );
}
