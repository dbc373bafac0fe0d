//! The command line, run as a user would.

mod common;

use assert_cmd::Command;
use common::{article, delete_line, edit, ledger_copy};
use predicates::prelude::*;

fn newsfigures() -> Command {
    let mut cmd = Command::cargo_bin("newsfigures").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn metrics_json_has_the_documented_fields() {
    let out = newsfigures()
        .args(["metrics", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.len() >= 12);
    for m in arr {
        for key in [
            "id",
            "value",
            "numerator",
            "denominator",
            "formula",
            "description",
        ] {
            assert!(m.get(key).is_some(), "{key} missing in {m}");
        }
    }
    let kpo = arr
        .iter()
        .find(|m| m["id"] == "kills_per_operation")
        .unwrap();
    assert_eq!(kpo["numerator"], 206.0);
    assert_eq!(kpo["denominator"], 7984.0);
}

#[test]
fn metrics_table_and_csv() {
    newsfigures().arg("metrics").assert().success().stdout(
        predicate::str::contains("platform_share_facebook").and(predicate::str::contains("52.7%")),
    );
    let out = newsfigures()
        .args(["metrics", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id,value,shown,numerator,denominator,formula,description\n"));
    assert!(
        text.contains("\nblock_completion_rate,0.33766233766233766,33.8%,312,924,"),
        "{text}"
    );
}

#[test]
fn checks_exit_zero_and_report_the_gap() {
    newsfigures().arg("checks").assert().success().stdout(
        predicate::str::contains("312 + 607 = 919, not 924")
            .and(predicate::str::contains("1 inconsistent")),
    );
    let out = newsfigures()
        .args(["checks", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "status_sum_to_flagged")
        .unwrap()
        .clone();
    assert_eq!(status["expected"], 924.0);
    assert_eq!(status["actual"], 919.0);
    assert_eq!(status["gap"], -5.0);
    assert_eq!(status["holds"], false);
}

#[test]
fn audit_passes_on_the_shipped_ledger() {
    newsfigures()
        .arg("audit")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "17 numbers in 20 paragraphs: 17 matched to figures, 0 excluded, 0 problems.",
        ));
}

#[test]
fn audit_fails_when_a_figure_row_is_deleted_and_drafts_it() {
    let dir = ledger_copy();
    // apps_reported is used by no relation or metric, so the ledger still loads.
    delete_line(dir.path(), "figures.csv", "apps_reported,");
    newsfigures()
        .args(["audit", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "paragraph 20: the number \"28\" is not in the ledger",
        ));
    newsfigures()
        .args(["audit", "--draft", "--data"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "p20_28,islamabad_2024_12_03,20,28,28,,count,",
        ));
}

#[test]
fn audit_fails_on_a_mistyped_value_or_printed_text() {
    let dir = ledger_copy();
    edit(
        dir.path(),
        "figures.csv",
        ",7984,operations,",
        ",7894,operations,",
    );
    newsfigures()
        .args(["audit", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "(`ibo_operations`): value 7,894 but the text prints \"7,984\"",
        ));
    let dir = ledger_copy();
    edit(dir.path(), "figures.csv", ",\"7,984\",", ",\"7,894\",");
    newsfigures()
        .args(["audit", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "printed text \"7,894\" is not found in paragraph 7",
        ))
        .stdout(predicate::str::contains(
            "paragraph 7: the number \"7,984\" is not in the ledger",
        ));
}

#[test]
fn an_exclusion_accounts_for_a_number() {
    let dir = ledger_copy();
    delete_line(dir.path(), "figures.csv", "jtf_members,");
    edit(
        dir.path(),
        "exclusions.csv",
        "reason\n",
        "reason\nislamabad_2024_12_03,10,10-member,Size of a task force\n",
    );
    newsfigures()
        .args(["audit", "--data"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("excluded: Size of a task force"));
}

#[test]
fn audit_reads_a_source_given_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(article())
        .unwrap()
        .replace("28 different", "29 different");
    let path = dir.path().join("changed.txt");
    std::fs::write(&path, text).unwrap();
    newsfigures()
        .args(["audit", "--source"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "printed text \"28\" is not found in paragraph 20",
        ));
    newsfigures()
        .args(["audit", "--source", "/no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Error: cannot read the text of source `islamabad_2024_12_03`: /no/such/file.txt",
        ));
}

#[test]
fn bad_data_gives_one_clear_error_and_no_panic() {
    let dir = ledger_copy();
    edit(dir.path(), "figures.csv", ",17,147,147,", ",17,147,lots,");
    for cmd in ["metrics", "checks", "audit"] {
        newsfigures()
            .args([cmd, "--data"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "Error: cannot load the ledger in ",
            ))
            .stderr(predicate::str::contains(
                "field `value`: expected a plain number",
            ))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn help_says_what_each_command_does() {
    for (cmd, phrase) in [
        ("metrics", "ratio of sums of figures"),
        ("checks", "is a finding, not an error"),
        ("audit", "ready to paste into the ledger"),
    ] {
        let out = newsfigures().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(phrase), "{cmd}: {text}");
    }
}
