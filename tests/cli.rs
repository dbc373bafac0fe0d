//! The command line as people type it.

use predicates::prelude::*;

use crate::common::cmd;

#[test]
fn data_goes_before_or_after_the_command() {
    let a = cmd()
        .args(["--data", "tests/fixtures/fictional-budget", "metrics"])
        .assert()
        .success();
    let b = cmd()
        .args(["metrics", "--data", "tests/fixtures/fictional-budget"])
        .assert()
        .success();
    assert_eq!(a.get_output().stdout, b.get_output().stdout);
    assert!(String::from_utf8_lossy(&a.get_output().stdout).contains("grant_share_old_town"));
}

#[test]
fn version_names_the_story_folder_format() {
    cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(concat!(
            "newsfigures ",
            env!("CARGO_PKG_VERSION"),
            " (story folder format 2)"
        )));
}

#[test]
fn help_says_what_each_command_does() {
    for command in ["metrics", "checks", "audit", "charts", "build", "init"] {
        let out = cmd().args([command, "--help"]).assert().success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(text.len() > 300, "{command}: {text}");
    }
    cmd()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("atomic"));
}

#[test]
fn metrics_and_checks_print_tables_csv_and_json() {
    let d = ["--data", "tests/fixtures/fictional-budget"];
    cmd()
        .args(d)
        .args(["metrics", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,value,shown,"));
    let json = cmd()
        .args(d)
        .args(["checks", "--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "departments_2025_sum" && f["verdict"] == "fails")
    );
    cmd()
        .args(d)
        .args(["checks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("FAIL departments_2025_sum"));
}

#[test]
fn audit_exits_one_on_an_unmatched_number_and_drafts_its_row() {
    let story = crate::common::story_copy(&crate::common::fixture());
    crate::common::edit(
        story.path(),
        "figures.csv",
        "year_2024_p3,harbourton_en,3,2024,,date,date,The previous budget year,,,,,,,2024,,,,,,,\n",
        "",
    );
    cmd()
        .args(["audit", "--data"])
        .arg(story.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("UNMATCHED"))
        .stdout(predicate::str::contains(
            "paragraph 3: the number \"2024\" is not in the ledger",
        ));
    cmd()
        .args(["audit", "--draft", "--data"])
        .arg(story.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "p3_2024,harbourton_en,3,2024,,date,date,",
        ))
        .stdout(predicate::str::contains(",draft,"));
}

#[test]
fn a_missing_text_names_sources_csv_its_line_and_text_path() {
    let story = crate::common::story_copy(&crate::common::fixture());
    std::fs::remove_file(story.path().join("source.ur.txt")).unwrap();
    cmd()
        .args(["audit", "--data"])
        .arg(story.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the text of source `harbourton_ur`",
        ))
        .stderr(predicate::str::contains(
            "sources.csv, line 3, field `text_path`",
        ));
}

/// `newsfigures checks | head`: when the reader goes away, the command
/// stops quietly instead of panicking on a failed print.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsfigures"))
        .current_dir(crate::common::root())
        .args(["checks", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the only reader before the command has loaded the story.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
