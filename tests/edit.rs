//! Editing a drafted story from code (`newsfigures::edit`): the notebook's
//! way from a report's text to a chart, without writing CSV or TOML by
//! hand. Every test drafts the fictional report the notebooks ship
//! (notebooks/texts/, labelled fictional in its text).

use std::path::PathBuf;

use newsfigures::edit::StoryFolder;
use newsfigures::init::{Init, init};

use crate::common::root;

/// A story drafted from the notebooks' fictional text, in a folder of its own.
fn drafted() -> (tempfile::TempDir, PathBuf, StoryFolder) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("story");
    init(
        &dir,
        &root().join("notebooks/texts/fictional-flood-relief.txt"),
        &Init::default(),
    )
    .unwrap();
    let folder = StoryFolder::open(&dir).unwrap();
    (tmp, dir, folder)
}

fn column(df: &newsfigures::polars::prelude::DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .unwrap()
        .as_materialized_series()
        .iter()
        .map(|v| {
            v.get_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
        .collect()
}

#[test]
fn drafts_lists_every_drafted_row_and_accept_clears_them() {
    let (_tmp, _dir, folder) = drafted();
    let drafts = folder.drafts().unwrap();
    let story = folder.load().unwrap();
    let ledger = &story.ledger;
    assert_eq!(
        drafts.height(),
        ledger.figures.len() + ledger.relations.len() + ledger.metrics.len()
    );
    assert!(drafts.height() > 10, "{drafts}");
    let files = column(&drafts, "file");
    assert!(files.contains(&"relations.csv".to_string()));
    // Every figure's row names the words as printed and the line it is on.
    let first = &ledger.figures[0];
    assert_eq!(column(&drafts, "what")[0], first.printed.as_str());
    assert_eq!(column(&drafts, "line")[0], first.line.to_string());

    let ids = column(&drafts, "id");
    let relation = ledger.relations[0].id.to_string();
    let accepted = folder.accept(&[&ids[0], &relation]).unwrap();
    assert_eq!(accepted, 2);
    // Accepting twice changes nothing and says so.
    assert_eq!(folder.accept(&[&ids[0]]).unwrap(), 0);
    let after = folder.drafts().unwrap();
    assert_eq!(after.height(), drafts.height() - 2);
    let story = folder.load().unwrap();
    assert_eq!(story.ledger.figures[0].status, Default::default());
    let relations = newsfigures::frames::relations(&story.ledger).unwrap();
    assert_eq!(column(&relations, "draft")[0], "false");
    assert_eq!(column(&relations, "draft")[1], "true");
    let figures = newsfigures::frames::figures(&story.ledger).unwrap();
    assert_eq!(column(&figures, "draft")[0], "false");
    assert_eq!(column(&figures, "draft")[1], "true");
}

#[test]
fn set_changes_one_field_and_refuses_what_would_break_the_story() {
    let (_tmp, dir, folder) = drafted();
    let story = folder.load().unwrap();
    let id = story.ledger.figures[3].id.to_string();
    folder
        .set(&id, "counts", "Families in one district")
        .unwrap();
    let story = folder.load().unwrap();
    assert_eq!(story.ledger.figures[3].counts, "Families in one district");

    // A value that is not a number: the edit is undone, the file is as it
    // was, and the error names the file, line and field.
    let before = std::fs::read(dir.join("figures.csv")).unwrap();
    let err = folder.set(&id, "value", "many").unwrap_err().to_string();
    assert!(err.contains("undone"), "{err}");
    assert!(err.contains("figures.csv"), "{err}");
    assert!(err.contains("value"), "{err}");
    assert_eq!(std::fs::read(dir.join("figures.csv")).unwrap(), before);

    // A field the file does not have, and an id nobody has.
    let err = folder.set(&id, "colour", "red").unwrap_err().to_string();
    assert!(
        err.contains("no field `colour`") && err.contains("attributed_to"),
        "{err}"
    );
    let err = folder
        .set("no_such_id", "unit", "x")
        .unwrap_err()
        .to_string();
    assert!(err.contains("`no_such_id`"), "{err}");
    assert_eq!(std::fs::read(dir.join("figures.csv")).unwrap(), before);
}

#[test]
fn remove_drops_a_proposal_but_never_a_figure() {
    let (_tmp, dir, folder) = drafted();
    let story = folder.load().unwrap();
    let relations = story.ledger.relations.len();
    assert!(relations > 0);
    let first = story.ledger.relations[0].id.to_string();
    assert_eq!(folder.remove(&[&first]).unwrap(), 1);
    let story = folder.load().unwrap();
    assert_eq!(story.ledger.relations.len(), relations - 1);
    assert!(
        story
            .ledger
            .relations
            .iter()
            .all(|r| r.id != first.as_str())
    );

    let before = std::fs::read(dir.join("figures.csv")).unwrap();
    let figure = story.ledger.figures[0].id.to_string();
    let err = folder.remove(&[&figure]).unwrap_err().to_string();
    assert!(err.contains("cannot be removed"), "{err}");
    assert_eq!(std::fs::read(dir.join("figures.csv")).unwrap(), before);
}

#[test]
fn add_chart_appends_a_checked_chart_and_the_story_draws_it() {
    let (_tmp, dir, folder) = drafted();
    let story = folder.load().unwrap();
    let relation = story
        .ledger
        .relations
        .iter()
        .find(|r| r.left.0.len() > 2)
        .expect("the text's parts and total are proposed as a relation");
    let parts: Vec<String> = relation
        .left
        .figures()
        .enumerate()
        .map(|(i, f)| format!("{{ figure = \"{f}\", label = \"Part {}\" }}", i + 1))
        .collect();
    let chart = format!(
        "id = \"parts\"\nkind = \"ranked_bars\"\ntotal = \"{}\"\nparts = [{}]\n\
         title = \"{{first.label}} is the largest part of the {{total}}\"\n\
         subtitle = \"By part, as reported\"\n\
         alt = \"Horizontal bar chart of the {{total}} by part: {{list}}.\"",
        relation.right.figures().next().unwrap(),
        parts.join(", ")
    );
    folder.add_chart(&chart).unwrap();
    let story = folder.load().unwrap();
    assert_eq!(story.file.charts.len(), 1);
    let analysis = newsfigures::Analysis::new(&story, &Default::default()).unwrap();
    assert_eq!(analysis.charts.len(), 1);
    let drawn = analysis.charts[0].draw().unwrap();
    assert!(drawn.svg.contains("Part 1"), "the chart draws its labels");

    // The same id again, a kind that does not exist, a figure that does not.
    let toml_before = std::fs::read(dir.join("story.toml")).unwrap();
    let err = folder.add_chart(&chart).unwrap_err().to_string();
    assert!(err.contains("already has a chart `parts`"), "{err}");
    let err = folder
        .add_chart(
            &chart
                .replace("\"parts\"", "\"p2\"")
                .replace("ranked_bars", "pie"),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("pie") && err.contains("ranked_bars"), "{err}");
    let first = relation.left.figures().next().unwrap().to_string();
    let err = folder
        .add_chart(
            &chart
                .replace("\"parts\"", "\"p3\"")
                .replace(&first, "nothing_here"),
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("undone") && err.contains("nothing_here"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("story.toml")).unwrap(), toml_before);
}

#[test]
fn open_needs_a_story_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let err = StoryFolder::open(tmp.path()).unwrap_err().to_string();
    assert!(
        err.contains("story.toml") && err.contains("no story file"),
        "{err}"
    );
}

#[test]
fn add_chart_takes_the_editions_of_a_story_in_two_languages() {
    let story = crate::common::story_copy(&root().join("tests/fixtures/fictional-relief"));
    let folder = StoryFolder::open(story.path()).unwrap();
    let charts = folder.load().unwrap().file.charts.len();
    let chart = r#"
id = "pirkot_share"
kind = "part_to_whole"
total = "households_2025"
parts = [{ figure = "pirkot_2025", label = "Pirkot", key = "pirkot" }]
remainder = "Other tehsils"
title = "{pirkot.share} of the {total} households were in Pirkot"
subtitle = "Households registered for flood relief, {households_2025:period}"
alt = "Stacked bar chart of the {total} households, where {list}."
"#;
    // The story publishes in Urdu too: a chart without its Urdu edition is
    // refused, and the story file is left as it was.
    let before = std::fs::read(story.path().join("story.toml")).unwrap();
    let err = folder.add_chart(chart).unwrap_err().to_string();
    assert!(
        err.contains("editions.ur") && err.contains("undone"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(story.path().join("story.toml")).unwrap(),
        before
    );
    // With the edition under a header of its own, as the story file writes
    // it beneath a chart.
    let urdu = r#"
[editions.ur]
title = "{total} گھرانوں میں سے {pirkot.share} پیرکوٹ میں تھے"
subtitle = "سیلاب سے متاثرہ اندراج شدہ گھرانے، {households_2025:period}"
alt = "{total} گھرانوں کا اسٹیکڈ بار چارٹ، جس میں {list}۔"
labels = { pirkot = "پیرکوٹ", remainder = "دیگر تحصیلیں" }
"#;
    folder.add_chart(&format!("{chart}{urdu}")).unwrap();
    let story = folder.load().unwrap();
    assert_eq!(story.file.charts.len(), charts + 1);
    let analysis = folder.analyse().unwrap();
    let drawn: Vec<String> = analysis
        .charts
        .iter()
        .map(|p| p.draw().unwrap().id)
        .filter(|id| id.starts_with("pirkot_share"))
        .collect();
    assert_eq!(
        drawn,
        ["pirkot_share", "pirkot_share.ur"],
        "both editions drawn"
    );
}
