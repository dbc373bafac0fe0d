//! The shipped story's numbers, asserted in one place: every other test
//! builds the story it needs, so a new story in data/ breaks only this file.

use newsfigures::analysis::Verdict;
use newsfigures::{Analysis, Options, Story};

use crate::common::{article, data};

fn analysis() -> Analysis {
    crate::common::analyse(&data())
}

#[test]
fn the_status_figures_add_to_919_not_924_in_both_reports() {
    let a = analysis();
    for id in ["status_sum_to_flagged", "up_status_sum_to_flagged"] {
        let f = a.finding(id).unwrap();
        assert_eq!(
            (f.actual, f.expected, f.gap, f.verdict),
            (Some(919.0), Some(924.0), Some(-5.0), Verdict::Fails),
            "{id}"
        );
    }
    let elsewhere = a.finding("up_status_sum_to_flagged_elsewhere").unwrap();
    assert!(
        elsewhere
            .sentence
            .contains("The News (3 December 2024) did not introduce the gap"),
        "{}",
        elsewhere.sentence
    );
    assert_eq!(
        a.finding("platforms_sum_to_flagged").unwrap().verdict,
        Verdict::Holds
    );
}

#[test]
fn the_two_operations_counts_differ() {
    let a = analysis();
    let f = a.finding("ibo_operations_across_sources").unwrap();
    assert_eq!(f.verdict, Verdict::Differs);
    assert!(
        f.sentence.contains("7,984")
            && f.sentence.contains("12,801")
            && f.sentence.contains("4,817"),
        "{}",
        f.sentence
    );
    assert!(f.sentence.contains("may not cover the same period"));
    assert_eq!(
        a.finding("ibo_killed_across_sources").unwrap().verdict,
        Verdict::Differs
    );
}

#[test]
fn the_metrics_are_the_correctly_rounded_quotients() {
    let a = analysis();
    let m = |id: &str| a.metric(id).unwrap().clone();
    assert_eq!(m("platform_share_facebook").value, 487.0 / 924.0);
    assert_eq!(m("platform_share_facebook").shown, "52.7%");
    assert_eq!(m("blocked_share_of_status").value, 312.0 / 919.0);
    assert_eq!(m("killed_per_operation").shown, "0.0258 per operation");
    assert_eq!(m("operations_without_death").shown, "at least 97.4%");
    assert_eq!(m("no_status_share").value, 5.0 / 924.0);
}

#[test]
fn the_charts_say_what_the_figures_say() {
    let a = analysis();
    let t = |id: &str| a.chart(id).unwrap().words.title.clone();
    assert_eq!(
        t("platform_share"),
        "Facebook has more than half of the 924 social media accounts the FIA Cybercrime Wing Balochistan says it identified"
    );
    assert_eq!(
        t("block_status"),
        "About a third of the 924 flagged accounts were marked as blocked; 5 have no reported status"
    );
    assert!(
        a.chart("operations_compare")
            .unwrap()
            .words
            .source
            .contains("The News")
            && a.chart("operations_compare")
                .unwrap()
                .words
                .source
                .contains("ARY News")
    );
}

#[test]
fn the_article_audits_clean() {
    let Some(path) = article("the_article_audits_clean") else {
        return;
    };
    let story = Story::load(data()).unwrap();
    let mut options = Options::default();
    options.paths.insert("thenews_2024_12_03".into(), path);
    let a = Analysis::new(&story, &options).unwrap();
    let s = a.audit.source("thenews_2024_12_03").unwrap();
    assert_eq!(s.status, newsfigures::analysis::audit::Status::Checked);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!((s.mentions.len(), s.paragraphs), (17, 20));
    assert!(
        s.quotes.iter().all(|q| q.paragraph.is_some()),
        "{:?}",
        s.quotes
            .iter()
            .filter(|q| q.paragraph.is_none())
            .collect::<Vec<_>>()
    );
    assert!(s.attributions.iter().all(|x| x.paragraph.is_some()));
}

#[test]
fn the_notebooks_words_meet_the_standards() {
    let Some(path) = article("the_notebooks_words_meet_the_standards") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let story = Story::load(data()).unwrap();
    let mut problems = Vec::new();
    let mut cells = 0;
    for e in std::fs::read_dir(crate::common::root().join("notebooks"))
        .unwrap()
        .flatten()
    {
        if e.path().extension().is_none_or(|x| x != "ipynb") {
            continue;
        }
        let nb: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
        for (i, cell) in nb["cells"].as_array().unwrap().iter().enumerate() {
            if cell["cell_type"] != "markdown" {
                continue;
            }
            cells += 1;
            let source = match &cell["source"] {
                serde_json::Value::Array(lines) => lines
                    .iter()
                    .map(|l| l.as_str().unwrap())
                    .collect::<String>(),
                other => other.as_str().unwrap().to_string(),
            };
            let at = format!("{}, markdown cell {i}", e.file_name().to_string_lossy());
            // Code spans are code, not prose.
            let source: String = source.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            problems.extend(newsfigures::analysis::check_our_words(
                &story,
                &at,
                &source,
                &[&text],
            ));
        }
    }
    assert!(cells >= 10, "markdown cells read: {cells}");
    assert!(problems.is_empty(), "{problems:#?}");
    // And a planted violation is caught.
    let planted = newsfigures::analysis::check_our_words(
        &story,
        "test",
        "The \"eliminated\" terrorists",
        &[&text],
    );
    assert_eq!(planted.len(), 2, "{planted:?}");
}
