//! The story file: chart kinds, templates, placeholders and proportion
//! words, each refused with the file, the line and the key.

use crate::common::{self, data, edit, story_copy};

fn refused(from: &str, to: &str, expect: &[&str]) {
    let dir = story_copy(&data());
    edit(dir.path(), "story.toml", from, to);
    let err = common::refused(dir.path(), expect);
    assert!(err.contains("story.toml"), "{from:?} -> {to:?}: {err}");
}

#[test]
fn an_unknown_chart_kind_is_refused() {
    refused(
        "kind = \"ranked_bars\"",
        "kind = \"pie\"",
        &[
            "line 39",
            "field `charts[0].kind`",
            "unknown variant `pie`, expected one of `ranked_bars`",
        ],
    );
}

#[test]
fn a_chart_naming_an_unknown_figure_is_refused() {
    refused(
        "{ figure = \"accounts_x\", label = \"X\" }",
        "{ figure = \"accounts_y\", label = \"X\" }",
        &[
            "field `charts[0].parts[2].figure`",
            "unknown figure `accounts_y`",
        ],
    );
}

#[test]
fn a_digit_outside_a_placeholder_is_refused() {
    refused(
        "of the {total} social media accounts the FIA Cybercrime Wing Balochistan says it identified",
        "of the 924 social media accounts the FIA Cybercrime Wing Balochistan says it identified",
        &[
            "field `charts[0].title`",
            "chart `platform_share`",
            "the digit '9' is typed into the text",
        ],
    );
}

#[test]
fn an_unknown_placeholder_is_refused() {
    refused(
        "{remainder:abs} have no reported status",
        "{leftover} have no reported status",
        &["field `charts[1].title`", "unknown placeholder {leftover}"],
    );
    refused(
        "{remainder:abs} have no reported status",
        "{remainder:fancy} have no reported status",
        &["unknown format `:fancy`"],
    );
}

#[test]
fn toml_errors_give_the_line() {
    refused(
        "license = \"CC-BY-4.0\"",
        "license = \"CC-BY-4.0\"\ncolour = \"red\"",
        &["story.toml, line 7", "unknown field `colour`"],
    );
    refused(
        "license = \"CC-BY-4.0\"",
        "license = \"WTFPL\"",
        &["field `license`", "unknown licence"],
    );
    refused("[[caveats]]", "[[caveats]\n", &["story.toml, line"]);
}

#[test]
fn proportion_words_follow_the_numbers() {
    // Typed proportion words need the value they describe ...
    let dir = story_copy(&data());
    edit(
        dir.path(),
        "story.toml",
        "title = \"{first.label} has {first.share:words} of",
        "title = \"{first.label} has more than half of",
    );
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains("field `charts[0].title`") && err.contains("need `tied_to`"),
        "{err}"
    );
    // ... and, tied to it, pass while the share is above half ...
    let dir = story_copy(&data());
    edit(
        dir.path(),
        "story.toml",
        "title = \"{first.label} has {first.share:words} of the {total} social media accounts the FIA Cybercrime Wing Balochistan says it identified\"",
        "title = { text = \"{first.label} has more than half of the {total} social media accounts the FIA Cybercrime Wing Balochistan says it identified\", tied_to = \"first.share\" }",
    );
    let analysis = crate::common::analyse(dir.path());
    assert!(
        analysis
            .chart("platform_share")
            .unwrap()
            .words
            .title
            .starts_with("Facebook has more than half of the 924")
    );
    // ... and fail the build once it drops to 49% (452 of 924).
    edit(dir.path(), "figures.csv", ",17,487,487,", ",17,487,452,");
    edit(dir.path(), "figures.csv", ",17,12,12,", ",17,12,47,");
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains("says \"more than half\", but first.share is 48.9%"),
        "{err}"
    );
    assert!(
        err.contains("story.toml, line") && err.contains("charts[0].title"),
        "{err}"
    );
}

#[test]
fn words_placeholders_stay_true_when_figures_change() {
    let dir = story_copy(&data());
    edit(dir.path(), "figures.csv", ",17,487,487,", ",17,487,452,");
    edit(dir.path(), "figures.csv", ",17,12,12,", ",17,12,47,");
    // The figures no longer match the report's text: the analysis is
    // allowed to go on, and says so.
    let story = newsfigures::Story::load(dir.path()).unwrap();
    let options = newsfigures::Options {
        allow_audit_problems: true,
        ..Default::default()
    };
    let analysis = newsfigures::Analysis::new(&story, &options).unwrap();
    if crate::common::article("words_placeholders_stay_true_when_figures_change").is_some() {
        let note = analysis.unresolved.as_deref().unwrap();
        assert!(
            note.contains("audit of the texts found 2 problems"),
            "{note}"
        );
        let c = analysis.chart("platform_share").unwrap();
        assert!(
            c.words.notes.iter().any(|n| n == note),
            "every chart says so"
        );
    }
    let title = &analysis.chart("platform_share").unwrap().words.title;
    assert!(
        title.starts_with("Facebook has about half of the 924"),
        "{title}"
    );
}

#[test]
fn every_problem_of_the_story_file_and_the_ledger_is_reported_together() {
    let dir = story_copy(&data());
    edit(
        dir.path(),
        "story.toml",
        "license = \"CC-BY-4.0\"",
        "license = \"WTFPL\"",
    );
    edit(
        dir.path(),
        "story.toml",
        "\"perpetrators\"]",
        "\"\\\"perpetrators\\\"\"]",
    );
    edit(
        dir.path(),
        "story.toml",
        "The {apps_reported} social media applications are apps, not accounts: they are not part of any account total.\"\nsource = \"thenews_2024_12_03\"",
        "The {apps_reported} social media applications are apps, not accounts: they are not part of any account total.\"\nsource = \"nowhere\"",
    );
    edit(
        dir.path(),
        "figures.csv",
        ",17,147,147,count,",
        ",17,147,147,tally,",
    );
    let err = common::refused(
        dir.path(),
        &[
            "4 problems in the story's files:",
            "figures.csv:\n    line ",
            ", field `kind`: expected one of count, amount",
            "story.toml:\n    line 6, field `license`: unknown licence \"WTFPL\"",
            "\n    line 9, field `officials_terms[7]`: expected a word or phrase without quotation marks",
            "\n    line 17, field `caveats[0].source`: unknown source `nowhere`",
        ],
    );
    // The ledger's file comes first, as it is read first.
    assert!(err.find("figures.csv:") < err.find("story.toml:"), "{err}");
}

#[test]
fn a_key_a_chart_kind_does_not_take_is_refused_at_that_key() {
    refused(
        "kind = \"ranked_bars\"\ntotal = \"accounts_flagged\"",
        "kind = \"ranked_bars\"\ntotal = \"accounts_flagged\"\nremainder = \"Other\"",
        &[
            "field `charts[0].remainder`",
            "unknown field `remainder`, expected one of `parts`, `dimension`, `labels`, `source`, `total`",
        ],
    );
}
