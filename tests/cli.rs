//! The command line as people type it.

use predicates::prelude::*;

use crate::common::{cmd, root};

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
        .stdout(predicate::str::contains(",draft,"))
        .stdout(predicate::str::starts_with("# figures.csv: rows to add\n"));
}

#[test]
fn audit_refuses_another_reports_text_as_the_storys_and_gives_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story");
    cmd()
        .args(["init"])
        .arg(&story)
        .arg("--source")
        .arg(root().join("tests/fixtures/texts/fiscal.txt"))
        .args(["--outlet", "The Fictional Courier"])
        .assert()
        .success();
    // Another report's text given as the story's would be drafted as its
    // rows: refused, with the row that adds it as a report of its own.
    let other = root().join("tests/fixtures/texts/relief.ur.txt");
    cmd()
        .args(["audit", "--draft", "--data"])
        .arg(&story)
        .arg("--source")
        .arg(&other)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "is not the text of source `fiscal_2025_06_12`",
        ))
        .stderr(predicate::str::contains("add its row to sources.csv"))
        .stderr(predicate::str::contains(
            "933e3caccf438868a9ef531ee3b7875b451ad870daf15aff268496a8f5a2913a",
        ));
    // Its own text, at another path, is still the story's.
    let copy = dir.path().join("copy.txt");
    std::fs::copy(root().join("tests/fixtures/texts/fiscal.txt"), &copy).unwrap();
    cmd()
        .args(["audit", "--data"])
        .arg(&story)
        .arg("--source")
        .arg(&copy)
        .assert()
        .success();
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

/// A story folder with five mistakes in four files is refused in one run
/// that names every one, grouped by file in the order the files are read,
/// each with its line and field; the earlier output stays as it was.
#[test]
fn every_mistake_in_the_ledger_is_reported_in_one_run() {
    use crate::common::{data, edit, line_of, snapshot, story_copy};
    let dir = story_copy(&data());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    crate::common::build(dir.path(), &target).assert().success();
    let before = snapshot(&target);
    let x = line_of(dir.path(), "figures.csv", "accounts_x,");
    let deadline = line_of(dir.path(), "figures.csv", "report_deadline,");
    edit(dir.path(), "figures.csv", ",147,147,", ",147,147a,");
    edit(
        dir.path(),
        "figures.csv",
        "report_deadline,thenews_2024_12_03,",
        "report_deadline,nowhere,",
    );
    edit(
        dir.path(),
        "relations.csv",
        "accounts_blocked + accounts_in_process,=",
        "accounts_blocked + nowhere,=",
    );
    edit(
        dir.path(),
        "metrics.csv",
        "ibo_killed,ibo_operations,ratio,per,operation",
        "ibo_killed,ibo_operations,ratio,pie,operation",
    );
    edit(
        dir.path(),
        "sources.csv",
        "2024-12-02,en,,,",
        "2024-12-32,en,,,",
    );
    let result = crate::common::build(dir.path(), &target).assert().code(2);
    let err = String::from_utf8_lossy(&result.get_output().stderr).to_string();
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "Error: cannot load the story in {}: 5 problems in the story's files:",
            dir.path().display()
        ),
        "{err}"
    );
    // Each problem under its file's name, in the order the files are read.
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut file = String::new();
    for l in err.lines().skip(1) {
        if let Some(name) = l.strip_prefix("  ").filter(|n| !n.starts_with(' ')) {
            let name = name
                .strip_suffix(':')
                .unwrap_or_else(|| panic!("{l:?} in {err}"));
            file = std::path::Path::new(name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            assert!(
                name.starts_with(&dir.path().display().to_string()),
                "{name}"
            );
        } else {
            listed.push((file.clone(), l.trim().to_string()));
        }
    }
    let expected = [
        (
            "sources.csv",
            "line 3, field `date`: expected a date as YYYY-MM-DD, found \"2024-12-32\"".to_string(),
        ),
        (
            "figures.csv",
            format!(
                "line {deadline}, field `source`: unknown source `nowhere`; expected an id from sources.csv"
            ),
        ),
        (
            "figures.csv",
            format!(
                "line {x}, field `value`: expected a plain number without separators or words (like 7984, -5, 0.5 or 2/3), found \"147a\""
            ),
        ),
        (
            "relations.csv",
            "line 3, field `left`: unknown figure `nowhere`; expected an id from figures.csv"
                .to_string(),
        ),
        (
            "metrics.csv",
            "line 2, field `display`: expected one of ".to_string(),
        ),
    ];
    assert!(deadline < x, "the rows are listed in line order");
    assert_eq!(listed.len(), expected.len(), "{err}");
    for ((file, line), (want_file, want)) in listed.iter().zip(&expected) {
        assert_eq!(file, want_file, "{err}");
        assert!(
            line.starts_with(want.as_str()),
            "expected {want:?}, found {line:?}"
        );
    }
    assert!(listed[4].1.ends_with("found \"pie\""), "{err}");
    assert_eq!(snapshot(&target), before, "the earlier output is untouched");
}
