//! Charts: structure, accessibility, house style, colour and determinism,
//! for every chart of the shipped story and of the fixture stories, in
//! English and in Urdu.

use newsfigures::charts::palette::{BACKGROUND, Deficiency, MIN_DELTA_E, delta_e, simulate};
use newsfigures::charts::{Chart, Layout};
use newsfigures::{Analysis, Options, Story};

use crate::common::{bilingual, data, fixture};

fn charts(dir: &std::path::Path) -> Vec<Chart> {
    let a = crate::common::analyse(dir);
    a.charts.iter().map(|p| p.draw().unwrap()).collect()
}

fn charts_of_bilingual() -> Vec<Chart> {
    charts(&bilingual())
}

fn all() -> Vec<Chart> {
    let mut v = charts(&data());
    v.extend(charts(&fixture()));
    v.extend(charts(&bilingual()));
    v
}

/// Text as written, without the directional marks that fence each piece
/// of a right-to-left line.
fn plain(t: &str) -> String {
    t.trim().trim_matches(['\u{200E}', '\u{200F}']).to_string()
}

#[test]
fn the_bilingual_story_draws_every_kind_in_english_and_in_urdu() {
    use newsfigures::i18n::Lang;
    let a = crate::common::analyse(&bilingual());
    let all: std::collections::BTreeSet<String> = newsfigures::charts::KINDS
        .iter()
        .map(|k| k.to_string())
        .collect();
    for lang in [Lang::En, Lang::Ur] {
        let kinds: std::collections::BTreeSet<String> = a
            .charts
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| p.kind.clone())
            .collect();
        assert_eq!(kinds, all, "{lang}");
    }
    let charts = charts(&bilingual());
    for c in charts.iter().filter(|c| c.lang == Lang::Ur) {
        // Urdu words and Eastern Arabic-Indic digits, laid out right to
        // left in the bundled Naskh face, embedded as a subset.
        assert!(c.id.ends_with(".ur"), "{}", c.id);
        assert!(
            c.alt
                .chars()
                .any(|ch| ('\u{06F0}'..='\u{06F9}').contains(&ch)),
            "{}",
            c.alt
        );
        assert!(
            !c.alt.chars().any(|ch| ch.is_ascii_digit()),
            "{}: {}",
            c.id,
            c.alt
        );
        assert!(c.svg.contains("Noto Naskh Arabic") && c.svg.contains("@font-face"));
        let doc = roxmltree::Document::parse(&c.svg).unwrap();
        let anchors: Vec<&str> = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("text")
                    && n.attribute("font-family")
                        .is_some_and(|f| f.contains("Naskh"))
            })
            .filter_map(|n| n.attribute("text-anchor"))
            .collect();
        assert!(
            !anchors.is_empty() && anchors.iter().all(|a| *a == "start"),
            "{}",
            c.id
        );
    }
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
            let source = newsfigures::i18n::Say::Source.in_lang(c.lang).trim_end();
            let sources = newsfigures::i18n::Say::Sources.in_lang(c.lang).trim_end();
            assert!(
                texts
                    .iter()
                    .map(|t| plain(t))
                    .any(|t| t.starts_with(source) || t.starts_with(sources)),
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
            // plotters writes the size divided by 1.24 (see charts::draw::font);
            // right-to-left text, which the engine writes itself, its size.
            let rtl = t.attribute("font-family").unwrap().contains("Naskh");
            let px = if rtl { size } else { size * 1.24 };
            assert!(px >= 11.99, "{}: {:?} at {px:.1} px", c.id, t.text());
        }
    }
}

#[test]
fn alt_text_names_the_chart_type_and_lists_the_data() {
    for c in all() {
        if c.lang == newsfigures::i18n::Lang::Ur {
            urdu_alt_text(&c);
            continue;
        }
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

/// An Urdu alt text names the chart type in Urdu and gives every value
/// drawn, in the edition's digits.
fn urdu_alt_text(c: &Chart) {
    assert!(
        [
            "افقی بار چارٹ",
            "اسٹیکڈ بار چارٹ",
            "یونٹ چارٹ",
            "بار چارٹ",
            "گروپ بار چارٹ"
        ]
        .iter()
        .any(|k| c.alt.contains(k)),
        "{}: {}",
        c.id,
        c.alt
    );
    let loc = newsfigures::i18n::Locale {
        lang: newsfigures::i18n::Lang::Ur,
        ..Default::default()
    };
    let values = c.data.column("value").unwrap().f64().unwrap();
    for v in values.into_no_null_iter() {
        let shown = loc.number(v);
        let found = c.alt.contains(&shown) || c.alt.contains("کروڑ") || c.alt.contains("لاکھ");
        assert!(found, "{}: {shown} not in {}", c.id, c.alt);
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
    let mut charts = charts(&data());
    charts.extend(charts_of_bilingual());
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

#[test]
fn an_urdu_edition_writes_the_digits_the_story_file_chooses() {
    use newsfigures::i18n::Lang;
    let story = crate::common::story_copy(&bilingual());
    let path = story.path().join("story.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        toml.replace("digits = \"eastern\"", "digits = \"western\""),
    )
    .unwrap();
    let a = crate::common::analyse(story.path());
    let urdu: Vec<_> = a.charts.iter().filter(|p| p.lang == Lang::Ur).collect();
    assert_eq!(urdu.len(), 5);
    for p in urdu {
        let w = &p.words;
        for text in [&w.title, &w.alt, &w.source] {
            assert!(
                !text.chars().any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c)),
                "{}: {text}",
                p.id
            );
        }
        assert!(w.alt.chars().any(|c| c.is_ascii_digit()), "{}", w.alt);
        assert!(w.source.contains("20 ستمبر 2025"), "{}", w.source);
    }
}

#[test]
fn the_urdu_methodology_is_written_right_to_left_in_urdu() {
    let out = bilingual().join("output");
    let ur = std::fs::read_to_string(out.join("methodology.ur.html")).unwrap();
    assert!(ur.contains("<html lang=\"ur\" dir=\"rtl\">"));
    // Tables and lists mirror with the page: sides are the reading
    // direction's, never left or right.
    assert!(!ur.contains("text-align:left") && !ur.contains("text-align:right"));
    assert!(ur.contains("td.n,th.n{text-align:end"));
    // The bundled face, cut down to the page's characters, is carried.
    assert!(ur.contains("@font-face") && ur.contains("Noto Naskh Arabic"));
    // The engine's sentences in Urdu; the story's title and question as
    // its languages give them; the charts in their Urdu editions, each
    // linking to its English one.
    for words in [
        "طریقۂ کار: دھوران میں ۲۰۲۵ کی سیلابی امداد",
        "<h2 id=\"section-1\">سوال</h2>",
        "کیا ریلیف دفتر کے اعداد و شمار",
        "لیجر کا ہر عدد",
        "<h2 id=\"section-5\">حسابی پیمانے</h2>",
        "دوسری زبانوں میں: ",
        "href=\"charts/tents.ur.csv\"",
        "href=\"charts/tents.html\"",
        "یہ چارٹ لگانے کے لیے:",
    ] {
        assert!(ur.contains(words), "{words}");
    }
    for english in [
        ">The question<",
        "Every figure in the ledger",
        "To embed this chart:",
        "In other languages",
        "<nav aria-label=\"Contents\">",
    ] {
        assert!(!ur.contains(english), "{english}");
    }
    // The ledger's and the checks' own English is marked as English.
    assert!(ur.contains("<span lang=\"en\" dir=\"ltr\">"));
    let en = std::fs::read_to_string(out.join("methodology.html")).unwrap();
    assert!(
        en.contains("<html lang=\"en\" dir=\"ltr\">")
            && !en.contains("lang=\"en\" dir=\"ltr\">Households")
    );
    assert!(en.contains("href=\"charts/tents.ur.html\""));
}

#[test]
fn the_urdu_methodology_gives_a_failed_check_and_its_possible_slips_in_urdu() {
    // The tehsils' households of 2025 (6,000 + 4,000 + 2,000) checked
    // against the 2024 total (8,000): a gap of 4,000, which one part
    // counted twice would explain.
    let story = crate::common::story_copy(&bilingual());
    crate::common::edit(
        story.path(),
        "relations.csv",
        "samandri_2025,=,households_2025",
        "samandri_2025,=,households_2024",
    );
    let a = crate::common::analyse(story.path());
    let f = a.finding("tehsils_2025_sum").unwrap();
    use newsfigures::i18n::Lang;
    let ur = f.sentence_in(Lang::Ur);
    for words in [
        "میزان پورا نہیں: ",
        "۶٬۰۰۰ + ۴٬۰۰۰ + ۲٬۰۰۰ = ۱۲٬۰۰۰، جو ۸٬۰۰۰ households کے برابر نہیں۔",
        " فرق: ۴٬۰۰۰ households not assigned to a tehsil۔",
        "ممکنہ وضاحتیں، جن میں سے کسی کی تصدیق نہیں ہوئی: ",
        "(۴٬۰۰۰) دو بار گنا گیا ہو",
    ] {
        assert!(ur.contains(words), "{words:?} in {ur}");
    }
    // The English sentence is the data files' and the English page's.
    assert!(f.sentence.starts_with("Does not add up: ") && f.sentence.contains("Gap: 4,000"));
    assert_eq!(f.sentence_in(Lang::En), f.sentence);
    // The failure is a caveat in both languages.
    let caveat = a.caveats.iter().find(|c| c.text == f.sentence).unwrap();
    assert_eq!(caveat.text_in(Lang::Ur), ur);
    // Built, the Urdu page gives it, and the English page the English.
    let out = story.path().join("out");
    crate::common::build(story.path(), &out)
        .arg("--allow-audit-problems")
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("methodology.ur.md")).unwrap();
    assert!(page.contains("میزان پورا نہیں") && !page.contains("Does not add up"));
    let page = std::fs::read_to_string(out.join("methodology.md")).unwrap();
    assert!(page.contains("Does not add up") && !page.contains("میزان پورا نہیں"));
}

#[test]
fn an_english_chart_of_an_urdu_reports_figures_names_them_in_english() {
    use newsfigures::i18n::Lang;
    // The Urdu report's households, credited in its own words to the
    // relief office and put in the series the English chart draws.
    let story = crate::common::story_copy(&bilingual());
    let path = story.path().join("figures.csv");
    let mut rows: Vec<Vec<String>> = csv::Reader::from_path(&path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header: Vec<String> = csv::Reader::from_path(&path)
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for r in &mut rows {
        if r[0] == "ur_households_2025" {
            r[col("attribution_text")] = "ضلع دھوران کے ریلیف دفتر نے".into();
            r[col("attributed_to")] = "ریلیف دفتر".into();
        }
        if r[0].starts_with("ur_households_") {
            r[col("series")] = "households".into();
        }
    }
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    // The English chart cannot draw the Urdu credit: refused at analysis,
    // naming the chart, the words and where to give them in English.
    let err = crate::common::error_of(story.path());
    for words in [
        "chart `registered`",
        "ریلیف دفتر",
        "[languages.en]",
        "credits",
    ] {
        assert!(err.contains(words), "{words}: {err}");
    }
    // Given in English, the English source line names the relief office in
    // English, and the Urdu one in the report's own words, which need no
    // name of their own under [languages.ur].
    let toml = story.path().join("story.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[languages.en]\ncredits = { \"ریلیف دفتر\" = \"the relief office\" }\n");
    std::fs::write(&toml, text).unwrap();
    let a = crate::common::analyse(story.path());
    let source = |lang: Lang| {
        a.charts
            .iter()
            .find(|p| p.id == "registered" && p.lang == lang)
            .map(|p| p.words.source.clone())
            .unwrap()
    };
    assert!(
        source(Lang::En).contains("the relief office and figures it does not attribute"),
        "{}",
        source(Lang::En)
    );
    assert!(
        source(Lang::Ur).contains("ریلیف دفتر"),
        "{}",
        source(Lang::Ur)
    );
}

#[test]
fn a_story_written_in_urdu_publishes_an_english_edition() {
    // The bilingual fixture's ledger, with a story file written in Urdu
    // whose chart has an English edition.
    let story = crate::common::story_copy(&bilingual());
    std::fs::write(story.path().join("story.toml"), URDU_FIRST).unwrap();
    let out = story.path().join("out");
    crate::common::build(story.path(), &out).assert().success();
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    // The story's own files are Urdu, right to left; the edition's English.
    let ur = read("methodology.html");
    assert!(ur.contains("<html lang=\"ur\" dir=\"rtl\">") && ur.contains(">سوال</h2>"));
    // Its own Urdu words are plain; the ledger's English is marked.
    assert!(ur.contains("<li>یہ کہانی فرضی ہے۔</li>"), "caveat");
    assert!(
        ur.contains("<span lang=\"en\" dir=\"ltr\">Households registered for flood relief</span>")
    );
    // Whom the figures are credited to, as the story names them in Urdu.
    assert!(ur.contains("<td data-label=\"کس سے منسوب\">ریلیف کمشنر سعدیہ بلوچ</td>"));
    let en = read("methodology.en.html");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">") && en.contains(">The question</h2>"));
    assert!(en.contains("<span lang=\"ur\" dir=\"rtl\">یہ کہانی فرضی ہے۔</span>"));
    assert!(read("charts/tehsils_2025.alt.txt").starts_with("تحصیل کے لحاظ سے ۱۲٬۰۰۰ گھرانوں"));
    assert!(
        read("charts/tehsils_2025.en.alt.txt")
            .starts_with("Horizontal bar chart of the 12,000 households")
    );
    assert!(read("charts/tehsils_2025.en.html").contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(read("charts/tehsils_2025.html").contains("<html lang=\"ur\" dir=\"rtl\">"));
}

#[test]
fn an_urdu_edition_is_held_to_the_story_checks() {
    use crate::common::{edit, error_of, story_copy};
    let cases = [
        // A quotation not in the report.
        (
            "subtitle = \"ریلیف فنڈ، رقم کے استعمال کے لحاظ سے\"",
            "subtitle = \"ریلیف فنڈ، جو دفتر کے بقول “سب سے بڑا فنڈ” ہے\"",
            "the quotation \"سب سے بڑا فنڈ\" is not in the report",
        ),
        // A digit typed in Urdu.
        (
            "subtitle = \"ہر سال سیلاب سے متاثرہ اندراج شدہ گھرانے\"",
            "subtitle = \"ہر سال ۱۲ ہزار گھرانے\"",
            "the digit '۱' is typed into the text",
        ),
        // Proportion words the value no longer fits.
        (
            "notes = [{ text = \"ایک تہائی چندا باغ میں تھے۔\", tied_to = \"share_chanda\" }]",
            "notes = [{ text = \"نصف چندا باغ میں تھے۔\", tied_to = \"share_chanda\" }]",
            "says \"نصف\", but share_chanda is 33.3%",
        ),
        // A hedge typed beside a placeholder that writes its own.
        (
            "{waiting} خاندان اب بھی منتظر",
            "{waiting} سے زائد خاندان اب بھی منتظر",
            "writes its own hedge",
        ),
        // A mark the edition gives no label.
        (
            "labels = { tents = \"تقسیم شدہ خیمے\", waiting = \"منتظر خاندان\" }",
            "labels = { tents = \"تقسیم شدہ خیمے\" }",
            "expected a label for `waiting`",
        ),
        // An outlet the language has no name for.
        (
            "outlets = { dhoran_en = \"The Dhoran Courier (فرضی)\", dhoran_ur = \"دھوران اخبار (فرضی)\" }",
            "outlets = { dhoran_ur = \"دھوران اخبار (فرضی)\" }",
            "under `languages.ur.outlets`",
        ),
    ];
    for (from, to, expect) in cases {
        let story = story_copy(&bilingual());
        edit(story.path(), "story.toml", from, to);
        let e = error_of(story.path());
        assert!(e.contains(expect), "{to}: {e}");
    }
}

const URDU_FIRST: &str = r#"# A fictional story written in Urdu, with an English edition of its chart.
language = "ur"
title = "دھوران میں ۲۰۲۵ کی سیلابی امداد (فرضی)"
question = "کیا ریلیف دفتر کے اعداد و شمار آپس میں میل کھاتے ہیں؟"
license = "CC0-1.0"

[[caveats]]
text = "یہ کہانی فرضی ہے۔"

[languages.ur]
outlets = { dhoran_en = "The Dhoran Courier (فرضی)", dhoran_ur = "دھوران اخبار (فرضی)" }
credits = { "relief commissioner Sadia Baloch" = "ریلیف کمشنر سعدیہ بلوچ", "relief office" = "ریلیف دفتر", commissioner = "کمشنر" }

[languages.en]

[[charts]]
id = "tehsils_2025"
kind = "ranked_bars"
total = "households_2025"
parts = [
  { figure = "pirkot_2025", label = "پیرکوٹ" },
  { figure = "chanda_2025", label = "چندا باغ" },
  { figure = "samandri_2025", label = "سمندری" },
]
title = { text = "{total} گھرانوں میں سے نصف {first.label} میں تھے", tied_to = "share_pirkot" }
subtitle = "تحصیل کے لحاظ سے اندراج شدہ گھرانے، {households_2025:period}"
alt = "تحصیل کے لحاظ سے {total} گھرانوں کا افقی بار چارٹ، جس میں {first.label} کا حصہ {first.share} ہے: {list}۔"

[charts.editions.en]
title = { text = "Half of the {total} households were in {first.label}", tied_to = "share_pirkot" }
subtitle = "Households registered by tehsil, {households_2025:period}"
alt = "Horizontal bar chart of the {total} households by tehsil, where {first.label} has {first.share}: {list}."
labels = { pirkot_2025 = "Pirkot", chanda_2025 = "Chanda Bagh", samandri_2025 = "Samandri" }
"#;
