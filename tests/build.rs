//! The batch build: reproducible, atomic, checked, described; one story or
//! an archive; with or without the texts.

use std::path::Path;
use std::process::Command as Std;

use predicates::prelude::*;

use crate::common::{article, build, cmd, edit, fixture, snapshot, story_copy};

fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building-"))
        .collect()
}

#[test]
fn two_builds_are_byte_identical_and_hold_no_machine_paths() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["one", "two"] {
        build(&fixture(), &dir.path().join(name)).assert().success();
    }
    let (one, two) = (
        snapshot(&dir.path().join("one")),
        snapshot(&dir.path().join("two")),
    );
    assert!(one.len() > 20);
    assert_eq!(one, two);
    for (name, bytes) in &one {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(crate::common::root().to_str().unwrap()),
            "{name} holds a machine path"
        );
        assert!(!text.contains("/tmp/"), "{name} holds a temporary path");
    }
}

#[test]
fn the_committed_outputs_are_current() {
    // The shipped story's text may be absent: the committed audit is kept.
    cmd()
        .args(["build", "--check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("are up to date"));
    cmd()
        .args([
            "build",
            "--check",
            "--data",
            "tests/fixtures/fictional-budget",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("are up to date"));
    cmd()
        .args([
            "build",
            "--check",
            "--data",
            "tests/fixtures/fictional-relief",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("are up to date"));
}

/// A copy of the fixture story built into `output/` in a scratch folder:
/// the story, the folder, the output and its files as built.
fn built_copy() -> (
    tempfile::TempDir,
    tempfile::TempDir,
    std::path::PathBuf,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let story = story_copy(&fixture());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(story.path(), &out).assert().success();
    let before = snapshot(&out);
    (story, dir, out, before)
}

/// Changes one figure's value in the story at `story`.
fn change_a_figure(story: &Path) {
    // A label of the story's own: the text it is audited against stays true.
    edit(
        story,
        "story.toml",
        "labels = { roads = \"Roads\",",
        "labels = { roads = \"Road works\",",
    );
}

#[test]
fn check_lists_every_difference() {
    let story = story_copy(&fixture());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    build(story.path(), &target).assert().success();
    change_a_figure(story.path());
    let mut c = build(story.path(), &target);
    c.arg("--check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("differs  charts/spending.alt.txt"))
        .stdout(predicate::str::contains("differs  charts/spending.csv"))
        .stdout(predicate::str::contains("differs  datapackage.json"));
    std::fs::write(target.join("stray.txt"), "x").unwrap();
    std::fs::remove_file(target.join("methodology.md")).unwrap();
    let mut c = build(story.path(), &target);
    c.arg("--check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("extra    stray.txt"))
        .stdout(predicate::str::contains("missing  methodology.md"));
}

/// `newsfigures build` over `out` with the fault `fault` injected.
fn build_with_fault(story: &Path, out: &Path, fault: &str) -> std::process::ExitStatus {
    Std::new(assert_cmd::cargo::cargo_bin("newsfigures"))
        .args(["build", "--data"])
        .arg(story)
        .arg("--out")
        .arg(out)
        .env("NEWSFIGURES_FAULT", fault)
        .status()
        .unwrap()
}

#[test]
fn a_failed_or_killed_build_leaves_the_previous_output_intact() {
    let (story, dir, out, before) = built_copy();
    change_a_figure(story.path());
    // Killed before the first file, midway, and after the last one but
    // before the new folder takes the old one's place.
    for step in [0, 5, before.len()] {
        let status = build_with_fault(story.path(), &out, &format!("kill:{step}"));
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "killed by SIGKILL at step {step}"
        );
        assert!(!status.success());
        assert_eq!(snapshot(&out), before, "killed at step {step}");
        assert!(
            leftovers(dir.path()).len() <= 1,
            "one build's leftovers at most"
        );
    }
    assert_eq!(
        leftovers(dir.path()).len(),
        1,
        "the killed build's staging folder"
    );
    // A write error (a full disk) fails cleanly, saying nothing changed.
    let mut c = build(story.path(), &out);
    c.env("NEWSFIGURES_FAULT", "error:3")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "its previous content is unchanged",
        ))
        .stderr(predicate::str::contains("no space left on device"));
    assert_eq!(snapshot(&out), before);
    assert!(leftovers(dir.path()).is_empty(), "a failed build cleans up");
    // The next good build replaces the folder.
    build(story.path(), &out).assert().success();
    assert!(leftovers(dir.path()).is_empty());
    assert_ne!(snapshot(&out), before);
}

#[test]
fn a_build_killed_after_the_swap_leaves_the_new_output_whole() {
    let (story, dir, out, before) = built_copy();
    change_a_figure(story.path());
    let fresh = dir.path().join("fresh");
    build(story.path(), &fresh).assert().success();
    let after = snapshot(&fresh);
    // Killed once the new folder is in place, before the old one is removed.
    let status = build_with_fault(story.path(), &out, &format!("kill:{}", before.len() + 1));
    assert!(!status.success());
    assert_eq!(snapshot(&out), after);
    let left = leftovers(dir.path());
    assert_eq!(left.len(), 1);
    assert_eq!(
        snapshot(&dir.path().join(&left[0])),
        before,
        "the old output, aside"
    );
    // The next build finds the output up to date and clears the leftovers.
    build(story.path(), &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("up to date"));
    build(story.path(), &out).arg("--force").assert().success();
    assert!(leftovers(dir.path()).is_empty());
    assert_eq!(snapshot(&out), after);
}

#[test]
fn a_rebuild_over_an_old_output_is_a_fresh_build() {
    let (story, dir, out, before) = built_copy();
    std::fs::write(out.join("stray.txt"), "not built").unwrap();
    std::fs::write(out.join("charts/stray.png"), "not built").unwrap();
    change_a_figure(story.path());
    build(story.path(), &out).assert().success();
    let fresh = dir.path().join("fresh");
    build(story.path(), &fresh).assert().success();
    let after = snapshot(&out);
    assert_eq!(after, snapshot(&fresh), "every file rewritten, strays gone");
    let changed = before.keys().filter(|k| before[*k] != after[*k]).count();
    assert!(changed > 0 && changed < before.len(), "{changed} changed");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn the_data_package_describes_every_file_with_its_hash_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture(), &out).assert().success();
    let files = snapshot(&out);
    let package: serde_json::Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(
        resources.len(),
        files.len() - 1,
        "every file but the package itself"
    );
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let bytes = &files[path];
        assert_eq!(r["bytes"].as_u64().unwrap() as usize, bytes.len(), "{path}");
        assert_eq!(
            r["hash"].as_str().unwrap(),
            format!("sha256:{}", newsfigures::util::sha256(bytes)),
            "{path}"
        );
        if let Some(fields) = r["schema"]["fields"].as_array() {
            assert_eq!(r["profile"], "tabular-data-resource", "{path}");
            for f in fields {
                assert!(
                    !f["description"].as_str().unwrap().is_empty(),
                    "{path}: {f}"
                );
            }
            if path.ends_with(".csv") {
                let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
                let text = String::from_utf8(bytes.clone()).unwrap();
                assert_eq!(text.lines().next().unwrap(), names.join(","), "{path}");
            }
        }
    }
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
    assert!(
        package["description"]
            .as_str()
            .unwrap()
            .contains("texts are not included")
    );
    assert_eq!(package["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn a_changed_text_is_an_error_naming_the_source() {
    let story = story_copy(&fixture());
    let text = std::fs::read_to_string(story.path().join("source.txt")).unwrap();
    std::fs::write(
        story.path().join("source.txt"),
        text.replace("Rs 12 crore", "Rs 13 crore"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build(story.path(), &out.path().join("o"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sources.csv, line 2, field `sha256`",
        ))
        .stderr(predicate::str::contains(
            "the text of `harbourton_en` has changed",
        ));
}

#[test]
fn a_missing_text_keeps_the_last_audit_or_says_it_was_not_rechecked() {
    let (story, dir, out, before) = built_copy();
    std::fs::rename(story.path().join("source.txt"), dir.path().join("away.txt")).unwrap();
    // Nothing else changed: the audit is kept, every file is the same.
    let mut c = build(story.path(), &out);
    c.arg("--force")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the audit from the last build is kept",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    assert_eq!(snapshot(&out), before);
    build(story.path(), &out).arg("--check").assert().success();
    // The ledger changed: the audit is marked, with where the report is.
    edit(
        story.path(),
        "figures.csv",
        "Length of the application window",
        "Length of the window for applications",
    );
    build(story.path(), &out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "its audit is marked as not re-checked",
        ));
    let audit = std::fs::read_to_string(out.join("audit.json")).unwrap();
    assert!(audit.contains("\"status\": \"not_rechecked\""));
    assert!(audit.contains("Not re-checked: the text was not found at source.txt; the report is at https://example.org/harbourton/budget-2025."));
}

#[test]
fn an_unchanged_story_is_not_rebuilt() {
    let story = story_copy(&fixture());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(story.path(), &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    build(story.path(), &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("up to date"));
    edit(
        story.path(),
        "story.toml",
        "Spending by department and year, in rupees",
        "Spending by department and by year, in rupees",
    );
    build(story.path(), &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
}

/// A folder `desk` under `root` holding a copy of the story in `story` in
/// a folder of each name.
fn desk(root: &Path, story: &Path, names: &[&str]) -> std::path::PathBuf {
    let desk = root.join("desk");
    for name in names {
        let target = desk.join(name);
        std::fs::create_dir_all(&target).unwrap();
        for e in std::fs::read_dir(story).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), target.join(e.file_name())).unwrap();
            }
        }
    }
    desk
}

#[test]
fn a_panic_while_rendering_fails_the_chart_not_the_run() {
    // Every chart's rendering panics, on every thread at once: the build
    // names the first chart and exits with an error, the folder it would
    // replace untouched; an archive records each story as failed.
    let (story, dir, out, before) = built_copy();
    let mut c = build(story.path(), &out);
    c.arg("--force")
        .env("NEWSFIGURES_FAULT", "panic-render")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("spending"))
        .stderr(predicate::str::contains("rendering panicked"));
    assert_eq!(snapshot(&out), before);
    let desk = desk(dir.path(), story.path(), &["a", "b"]);
    cmd()
        .args(["build", "--stories"])
        .arg(&desk)
        .env("NEWSFIGURES_FAULT", "panic-render")
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "2 stories: 0 built, 0 up to date, 2 failed",
        ));
}

#[test]
fn an_archive_builds_every_story_once() {
    let root = tempfile::tempdir().unwrap();
    let desk = desk(root.path(), story_copy(&fixture()).path(), &["a", "b"]);
    // A broken story fails alone, and is reported.
    let broken = desk.join("c");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("story.toml"), "title = \"x\"\n").unwrap();
    cmd()
        .args(["build", "--stories"])
        .arg(&desk)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "3 stories: 2 built, 0 up to date, 1 failed",
        ));
    let (a, b) = (
        snapshot(&desk.join("a/output")),
        snapshot(&desk.join("b/output")),
    );
    assert_eq!(a.len(), 36);
    // The two copies differ only where the folder's name is given.
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert_eq!(
        differ,
        ["datapackage.json", "methodology.html", "methodology.md"]
    );
    std::fs::remove_dir_all(&broken).unwrap();
    cmd()
        .args(["build", "--stories"])
        .arg(&desk)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 stories: 0 built, 2 up to date, 0 failed",
        ));
}

#[test]
fn an_archive_of_many_stories_builds_each_once_on_a_stack_of_its_own() {
    // Stories run into polars' own pool; built straight on the archive's
    // pool, a worker waiting for polars took up other stories nested on its
    // stack, and an archive of a few hundred small stories overflowed it.
    let root = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..400).map(|i| format!("s{i:03}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let desk = desk(root.path(), crate::common::mini(&[], None).path(), &names);
    cmd()
        .args(["build", "--jobs", "2", "--stories"])
        .arg(&desk)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "400 stories: 400 built, 0 up to date, 0 failed",
        ));
}

#[test]
fn init_drafts_every_number_and_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("new-story");
    cmd()
        .args(["init"])
        .arg(&story)
        .arg("--source")
        .arg(fixture().join("source.txt"))
        .args([
            "--url",
            "https://example.org/r",
            "--outlet",
            "The Harbourton Herald",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("28 numbers drafted"));
    let out = dir.path().join("out");
    // It builds at once, saying only that the drafts are unchecked.
    let built = build(&story, &out).assert().success();
    let stderr = String::from_utf8_lossy(&built.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("warning: ")
            && stderr.contains("are drafts that nobody has checked yet. Check each"),
        "{stderr}"
    );
    let audit: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("audit.json")).unwrap()).unwrap();
    let src = &audit["sources"][0];
    assert_eq!(src["problems"].as_array().unwrap().len(), 0, "{src}");
    let mentions = src["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 28);
    // Every number is a drafted figure, or left out with a reason (the two
    // ages).
    let by = |m: &serde_json::Value| m["claim"]["by"].as_str().unwrap_or("").to_string();
    assert!(
        mentions
            .iter()
            .all(|m| (by(m) == "figure" && m["claim"]["draft"] == true) || by(m) == "exclusion"),
        "{mentions:?}"
    );
    assert_eq!(mentions.iter().filter(|m| by(m) == "exclusion").count(), 2);
    // init refuses a folder that is not empty.
    cmd()
        .args(["init"])
        .arg(&story)
        .arg("--source")
        .arg(fixture().join("source.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not empty"));
}

#[test]
fn init_on_the_shipped_article_drafts_every_number() {
    let Some(article) = article("init_on_the_shipped_article_drafts_every_number") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("s");
    cmd()
        .args(["init"])
        .arg(&story)
        .arg("--source")
        .arg(&article)
        .args(["--outlet", "The News"])
        .assert()
        .success()
        .stdout(predicate::str::contains("17 numbers drafted"));
    build(&story, &dir.path().join("out")).assert().success();
}
