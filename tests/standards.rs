//! Our own words, held to the standards: each check planted with a
//! violation, on the fictional story (whose texts are in the repository, so
//! these always run), and the build failing with a clear message.

use predicates::prelude::*;

use crate::common::{cmd, edit, error_of, fixture, story_copy};

fn build_fails(dir: &std::path::Path, expect: &[&str]) {
    crate::common::refused(dir, expect);
}

#[test]
fn a_quotation_the_source_does_not_contain_fails_the_build() {
    let story = story_copy(&fixture());
    edit(
        story.path(),
        "figures.csv",
        ",Spending on roads,,crore,,,in 2025",
        ",\"Spending on \"\"road repairs\"\"\",,crore,,,in 2025",
    );
    build_fails(
        story.path(),
        &[
            "figures.csv line 8, field `counts`",
            "the quotation \"road repairs\" is not in the report it is attributed to (harbourton_en)",
            "the closest phrase",
        ],
    );
    // In the story file too, and in a chart's words.
    let story = story_copy(&fixture());
    edit(
        story.path(),
        "story.toml",
        "subtitle = \"The housing grant fund, by where the money goes\"",
        "subtitle = \"The \\\"housing fund\\\", by where the money goes\"",
    );
    build_fails(
        story.path(),
        &[
            "charts[3].subtitle",
            "the quotation \"housing fund\" is not in the report",
        ],
    );
}

#[test]
fn an_attribution_the_source_does_not_contain_fails_the_build() {
    let story = story_copy(&fixture());
    edit(
        story.path(),
        "figures.csv",
        "council treasurer Amina Qureshi told reporters,council treasurer Amina Qureshi,for 2025",
        "the council treasurer announced,council treasurer,for 2025",
    );
    build_fails(
        story.path(),
        &[
            "figures.csv line 3, field `attribution_text` (`budget_2025`)",
            "\"the council treasurer announced\" is not in the text of `harbourton_en`",
        ],
    );
}

#[test]
fn an_officials_term_outside_quotes_fails_the_build() {
    let story = story_copy(&fixture());
    edit(
        story.path(),
        "story.toml",
        "license = \"CC0-1.0\"",
        "license = \"CC0-1.0\"\nofficials_terms = [\"housing grant\"]",
    );
    let err = error_of(story.path());
    assert!(
        err.contains("the officials' term \"housing grant\" is used outside quotation marks"),
        "{err}"
    );
    assert!(err.contains("figures.csv line 17, field `counts`"), "{err}");
}

#[test]
fn inferred_values_are_marked_wherever_they_are_shown() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("o");
    crate::common::build(&fixture(), &o).assert().success();
    let md = std::fs::read_to_string(o.join("methodology.md")).unwrap();
    assert!(
        md.contains("2025 (inferred)"),
        "the figures table marks the inferred period"
    );
    assert!(
        md.contains("Inferred, not printed, for spending on schools (Rs 4 crore)"),
        "and the caveats say why, naming the figures in words, never by id"
    );
    let figures = std::fs::read_to_string(o.join("tables/figures.csv")).unwrap();
    assert!(figures.contains("period_start: the year of the sentence before"));
    let a = crate::common::analyse(&crate::common::data());
    assert!(
        a.chart("platform_share")
            .unwrap()
            .words
            .subtitle
            .contains("\u{201c}over the past three months\u{201d} (the report's words)"),
        "a period inferred from the report's words is given in those words"
    );
}

#[test]
fn sources_are_named_by_outlet_in_every_source_line() {
    for dir in [crate::common::data(), fixture()] {
        let story = newsfigures::Story::load(&dir).unwrap();
        let a = newsfigures::Analysis::new(&story, &Default::default()).unwrap();
        for c in &a.charts {
            let outlets: Vec<&str> = c
                .prepared
                .figures
                .iter()
                .filter_map(|id| story.ledger.figure(id))
                .map(|f| story.ledger.source_of(f).outlet.as_str())
                .collect();
            for o in outlets {
                assert!(
                    c.words.source.contains(o),
                    "{}: {} lacks {o}",
                    c.id,
                    c.words.source
                );
            }
        }
    }
    cmd()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--stories"));
}
