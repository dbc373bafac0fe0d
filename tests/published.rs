//! Invariants of everything published, on many generated stories (random
//! values, hedges, kinds, periods, dimensions and charts), with a fixed seed
//! so that every run checks the same stories:
//!
//! - every number in our prose is a figure, a metric or a chart value as it
//!   is displayed (or a count of things, or a part of a date);
//! - a hedged figure's value is never shown without its hedge;
//! - the shares of a whole never add up to more than the whole, and those
//!   of a stacked bar add up to all of it;
//! - no placeholder, and no figure id, is left in prose;
//! - the files are the same whichever way the story folder is spelled.

use std::collections::BTreeSet;
use std::fmt::Write;

use newsfigures::{Analysis, Story};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// One generated figure: a value, a hedge and a period.
#[derive(Debug, Clone)]
struct Fig {
    value: u32,
    hedge: Option<&'static str>,
    year: Option<u16>,
}

/// A generated story: parts of a total (with a region dimension and a
/// year), the total, and whether the total is hedged.
#[derive(Debug, Clone)]
struct Gen {
    parts: Vec<Fig>,
    total_over: bool,
    total_extra: u32,
    amount: bool,
}

fn fig() -> impl Strategy<Value = Fig> {
    (
        1u32..200_000,
        prop_oneof![
            12 => Just(None),
            1 => Just(Some("over")),
            1 => Just(Some("about")),
            1 => Just(Some("at_least")),
        ],
        prop_oneof![Just(None), (2019u16..2026).prop_map(Some)],
    )
        .prop_map(|(value, hedge, year)| Fig { value, hedge, year })
}

fn story_gen() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec(fig(), 2..6),
        prop::bool::weighted(0.25),
        0u32..50_000,
        any::<bool>(),
    )
        .prop_map(|(parts, total_over, total_extra, amount)| Gen {
            parts,
            total_over,
            total_extra,
            amount,
        })
}

const REGIONS: [&str; 5] = ["north", "south", "east", "west", "centre"];

/// Writes the generated story into `dir`.
fn write(dir: &std::path::Path, g: &Gen) {
    let (kind, unit, scale) = if g.amount {
        ("amount", "PKR", "")
    } else {
        ("count", "cases", "")
    };
    let mut figures = String::from(
        "id,source,paragraph,printed,value,kind,unit,counts,qualifier,scale,period_text,period_start,period_end,dimensions\n",
    );
    let mut sum = 0u64;
    for (i, p) in g.parts.iter().enumerate() {
        sum += u64::from(p.value);
        let (text, year) = match p.year {
            Some(y) => (format!("in {y}"), y.to_string()),
            None => (String::new(), String::new()),
        };
        writeln!(
            figures,
            "part_{i},s,{},{v},{v},{kind},{unit},Cases in the {r} region,{},{scale},{text},{year},{year},region={r}; year={}",
            i + 2,
            p.hedge.unwrap_or(""),
            p.year.map_or("all".to_string(), |y| y.to_string()),
            v = p.value,
            r = REGIONS[i],
        )
        .unwrap();
    }
    let total = sum + u64::from(g.total_extra);
    writeln!(
        figures,
        "total,s,1,{total},{total},{kind},{unit},Cases in all regions,{},{scale},,,,",
        if g.total_over { "over" } else { "" }
    )
    .unwrap();
    let parts: Vec<String> = (0..g.parts.len())
        .map(|i| format!("{{ figure = \"part_{i}\", label = \"{}\" }}", REGIONS[i]))
        .collect();
    let parts = parts.join(", ");
    let stacked = if g.total_over || g.parts.len() > 4 {
        String::new()
    } else {
        format!(
            r#"
[[charts]]
id = "stack"
kind = "part_to_whole"
total = "total"
parts = [{parts}]
remainder = "Elsewhere"
title = "Cases by region, of {{total}}"
subtitle = "Cases by region, {{total:period}}"
notes = ["The regions add up to {{sum}}; {{remainder:abs}} are elsewhere."]
alt = "Stacked bar chart of cases by region: {{list}}."
"#
        )
    };
    let units = if g.amount || g.parts.len() > 4 {
        String::new()
    } else {
        format!(
            r#"
[[charts]]
id = "units"
kind = "units"
parts = [{parts}]
title = "Cases in {{part_0.label}}: {{part_0.value}}"
subtitle = "Each square is one case, {{part_0:period}}"
alt = "Unit chart of {{list}}."
"#
        )
    };
    let story = format!(
        r#"title = "Cases by region"
question = "How are the cases spread?"

[[charts]]
id = "ranked"
kind = "ranked_bars"
total = "total"
parts = [{parts}]
title = "{{first.label}} has {{first.share}} of the {{total}} cases"
subtitle = "Cases by region, as reported"
notes = ["The parts add up to {{sum}}; the report gives {{total:printed}} in all."]
alt = "Bar chart of cases by region, where {{first.label}} has {{first.value}}: {{list}}."

[[charts]]
id = "grouped"
kind = "grouped_bars"
dimensions = ["region", "year"]
title = "The largest is {{max.bar}} in {{max.group}}: {{max.value}}"
subtitle = "Cases by region and year"
alt = "Grouped bar chart: {{list}}."
{stacked}{units}"#
    );
    std::fs::write(dir.join("figures.csv"), figures).unwrap();
    std::fs::write(dir.join("story.toml"), story).unwrap();
}

/// Every number our prose may show: the figures, metrics and chart values
/// as displayed, the dates, and small counts of things.
fn allowed(a: &Analysis, story: &Story) -> BTreeSet<String> {
    let mut shown: Vec<String> = Vec::new();
    for f in &story.ledger.figures {
        shown.push(f.shown());
        shown.push(newsfigures::words::with_unit(f));
        shown.extend(
            f.period_start
                .iter()
                .chain(&f.period_end)
                .map(|d| d.to_string()),
        );
    }
    shown.extend(
        story
            .ledger
            .sources
            .iter()
            .map(|s| newsfigures::ledger::series::date_words(&s.date)),
    );
    shown.extend(a.metrics.iter().map(|m| m.shown.clone()));
    for c in &a.charts {
        for m in &c.prepared.marks.items {
            shown.push(m.value_text.clone());
            shown.push(newsfigures::format::number(m.value));
            if let Some(s) = m.share {
                shown.push(newsfigures::format::percent(s));
            }
        }
        let total: f64 = c.prepared.marks.items.iter().map(|m| m.value).sum();
        shown.push(newsfigures::format::number(total));
    }
    let mut out: BTreeSet<String> = shown
        .iter()
        .flat_map(|s| newsfigures::numbers::find(s))
        .filter_map(|m| m.value)
        .map(|v| format!("{v}"))
        .collect();
    out.extend((0..=100).map(|n| n.to_string()));
    out
}

/// Every text we publish in our own words, with where it stands.
fn prose(a: &Analysis) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in &a.charts {
        let w = &c.words;
        for (part, text) in [
            ("title", &w.title),
            ("subtitle", &w.subtitle),
            ("alt", &w.alt),
            ("source", &w.source),
        ] {
            out.push((format!("{} {part}", c.id), text.clone()));
        }
        out.extend(
            w.notes
                .iter()
                .map(|n| (format!("{} note", c.id), n.clone())),
        );
    }
    out.extend(
        a.caveats
            .iter()
            .map(|c| ("caveat".to_string(), c.text.clone())),
    );
    out.extend(
        a.findings
            .iter()
            .map(|f| (format!("finding {}", f.id), f.sentence.clone())),
    );
    out
}

/// Stories analysed and stories refused, across the cases.
static COUNTS: [std::sync::atomic::AtomicUsize; 2] = [
    std::sync::atomic::AtomicUsize::new(0),
    std::sync::atomic::AtomicUsize::new(0),
];

fn check(g: &Gen) -> Result<(), TestCaseError> {
    let dir = crate::common::mini(&[], None);
    write(dir.path(), g);
    let story = Story::load(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let a = match Analysis::new(&story, &Default::default()) {
        Ok(a) => {
            COUNTS[0].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            a
        }
        // Refusing what cannot be shown honestly is right; say why.
        Err(e) => {
            COUNTS[1].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let e = e.to_string();
            prop_assert!(
                e.contains("hedged") || e.contains("cannot be shown"),
                "refused for another reason: {e}"
            );
            return Ok(());
        }
    };
    let allowed = allowed(&a, &story);
    let ids: Vec<String> = story
        .ledger
        .figures
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    for (place, text) in prose(&a) {
        prop_assert!(
            !text.contains(['{', '}']),
            "{place}: a placeholder in {text:?}"
        );
        for id in &ids {
            let whole_word = text
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == id);
            prop_assert!(!whole_word, "{place}: the id {id} in {text:?}");
        }
        for m in newsfigures::numbers::find(&text) {
            let Some(v) = m.value else { continue };
            prop_assert!(
                allowed.contains(&format!("{v}")),
                "{place}: {} is no figure, metric or chart value in {text:?}",
                m.printed
            );
            // A hedged figure's value keeps its hedge.
            for f in story
                .ledger
                .figures
                .iter()
                .filter(|f| f.qualifier.is_some())
            {
                let unique = story
                    .ledger
                    .figures
                    .iter()
                    .filter(|g| g.value == f.value)
                    .count()
                    == 1;
                if unique
                    && f.value == Some(v)
                    && m.qualifier.is_none()
                    && !place.ends_with("source")
                {
                    return Err(TestCaseError::fail(format!(
                        "{place}: {} shown without its hedge in {text:?}",
                        m.printed
                    )));
                }
            }
        }
    }
    for c in &a.charts {
        let shares: f64 = c.prepared.marks.items.iter().filter_map(|m| m.share).sum();
        prop_assert!(shares <= 1.0 + 1e-9, "{}: shares add up to {shares}", c.id);
        if c.kind == "part_to_whole" {
            prop_assert!(
                (shares - 1.0).abs() < 1e-9,
                "{}: shares add up to {shares}",
                c.id
            );
        }
    }
    Ok(())
}

#[test]
fn everything_published_keeps_its_numbers_hedges_and_shares() {
    let config = Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    runner.run(&story_gen(), |g| check(&g)).unwrap();
    let [analysed, refused] = COUNTS
        .each_ref()
        .map(|c| c.load(std::sync::atomic::Ordering::Relaxed));
    println!("{analysed} stories analysed, {refused} refused");
    assert!(
        analysed >= 2 * refused,
        "most stories are analysed: {analysed} against {refused}"
    );
}

/// The same files, whatever the spelling of the story folder.
#[test]
fn the_files_do_not_depend_on_the_folder_spelling() {
    let dir = crate::common::story_copy(&crate::common::fixture());
    let name = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let spellings = [
        dir.path().to_path_buf(),
        dir.path().join("."),
        dir.path().join("..").join(&name),
    ];
    let files: Vec<Vec<(String, Vec<u8>)>> = spellings
        .iter()
        .map(|p| {
            let story = Story::load(p).unwrap();
            let built = newsfigures::build::outputs(&story, &Default::default()).unwrap();
            built.files.into_iter().map(|f| (f.path, f.bytes)).collect()
        })
        .collect();
    assert!(files.windows(2).all(|w| w[0] == w[1]));
}
