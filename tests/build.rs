//! The batch build: reproducible, atomic, checked, described.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command as Std;

use assert_cmd::Command;
use common::{edit, ledger_copy};
use newsfigures::build;
use newsfigures::Ledger;
use predicates::prelude::*;

fn newsfigures() -> Command {
    let mut cmd = Command::cargo_bin("newsfigures").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NEWSFIGURES_FAULT");
    cmd
}

/// `newsfigures build --data DATA --out OUT`, ready for more arguments.
fn build_cmd(data: &Path, out: &Path) -> Command {
    let mut cmd = newsfigures();
    cmd.args(["build", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out);
    cmd
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building-"))
        .collect()
}

#[test]
fn two_builds_are_byte_identical() {
    let ledger = Ledger::load(common::data()).unwrap();
    let a = build::outputs(&ledger, None).unwrap().files;
    let b = build::outputs(&ledger, None).unwrap().files;
    assert_eq!(a, b);
    let dir = tempfile::tempdir().unwrap();
    for name in ["one", "two"] {
        newsfigures()
            .args(["build", "--out"])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    let (one, two) = (
        snapshot(&dir.path().join("one")),
        snapshot(&dir.path().join("two")),
    );
    assert_eq!(one.len(), a.len());
    assert_eq!(one, two);
    // No machine paths or dates in anything published.
    for (name, bytes) in &one {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(env!("CARGO_MANIFEST_DIR")),
            "{name} holds a machine path"
        );
        assert!(!text.contains("/tmp/"), "{name} holds a temporary path");
    }
}

#[test]
fn the_committed_output_is_current() {
    newsfigures()
        .args(["build", "--check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("are up to date"));
}

#[test]
fn check_fails_on_a_one_digit_data_edit_and_lists_the_files() {
    let data = ledger_copy();
    edit(data.path(), "figures.csv", ",17,147,147,", ",17,147,148,");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    build_cmd(&common::data(), &target).assert().success();
    newsfigures()
        .args(["build", "--check", "--data"])
        .arg(data.path())
        .arg("--out")
        .arg(&target)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("differs  tables/figures.csv"))
        .stdout(predicate::str::contains(
            "differs  charts/platform_share.svg",
        ))
        .stdout(predicate::str::contains("differs  datapackage.json"));
    // A stray file and a deleted one are reported too.
    std::fs::write(target.join("stray.txt"), "x").unwrap();
    std::fs::remove_file(target.join("audit.json")).unwrap();
    newsfigures()
        .args(["build", "--check", "--out"])
        .arg(&target)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("extra    stray.txt"))
        .stdout(predicate::str::contains("missing  audit.json"));
}

#[test]
fn the_data_package_describes_every_file_with_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    newsfigures()
        .args(["build", "--out"])
        .arg(&out)
        .assert()
        .success();
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
            format!("sha256:{}", build::sha256(bytes)),
            "{path}"
        );
        assert!(r["mediatype"].is_string());
    }
    let metrics = resources
        .iter()
        .find(|r| r["path"] == "tables/metrics.csv")
        .unwrap();
    let fields: Vec<&str> = metrics["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let header = String::from_utf8(files["tables/metrics.csv"].clone()).unwrap();
    assert_eq!(header.lines().next().unwrap(), fields.join(","));
}

#[test]
fn a_failed_or_killed_build_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    newsfigures()
        .args(["build", "--out"])
        .arg(&out)
        .assert()
        .success();
    let before = snapshot(&out);

    // Killed midway, after some files were written.
    let status = Std::new(assert_cmd::cargo::cargo_bin("newsfigures"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--out"])
        .arg(&out)
        .env("NEWSFIGURES_FAULT", "kill:5")
        .status()
        .unwrap();
    assert!(!status.success());
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        leftovers(dir.path()).len(),
        1,
        "the killed build's staging folder remains"
    );

    // A write error (a full disk).
    newsfigures()
        .args(["build", "--out"])
        .arg(&out)
        .env("NEWSFIGURES_FAULT", "error:3")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "its previous content is unchanged",
        ))
        .stderr(predicate::str::contains("no space left on device"));
    assert_eq!(snapshot(&out), before);

    // Bad data.
    let data = ledger_copy();
    edit(data.path(), "figures.csv", ",17,147,147,", ",17,147,x,");
    build_cmd(data.path(), &out).assert().code(2);
    assert_eq!(snapshot(&out), before);

    // The next good build replaces the output and cleans up.
    let data = ledger_copy();
    edit(data.path(), "figures.csv", ",17,147,147,", ",17,147,148,");
    build_cmd(data.path(), &out).assert().success();
    assert_ne!(snapshot(&out), before);
    assert!(leftovers(dir.path()).is_empty());

    // A ledger the audit rejects still builds, with a warning.
    let data = ledger_copy();
    common::delete_line(data.path(), "figures.csv", "apps_reported,");
    build_cmd(data.path(), &out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the audit found 1 problems",
        ));
}

#[test]
fn the_html_report_escapes_every_string_from_the_data() {
    let data = ledger_copy();
    edit(
        data.path(),
        "metrics.csv",
        "People killed per intelligence-based operation",
        "<script>alert(1)</script> & \"quotes\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_cmd(data.path(), &out).assert().success();
    let html = std::fs::read_to_string(out.join("methodology.html")).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    let md = std::fs::read_to_string(out.join("methodology.md")).unwrap();
    assert!(!md.contains("<script>"));
}

#[test]
fn the_methodology_report_covers_what_an_editor_needs() {
    let md = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("output/methodology.md"),
    )
    .unwrap();
    for needle in [
        "## The question",
        "`../../shared/sources/article.txt`",
        "| `ibo_operations` | 7 | 7,984 | 7,984 | operations |",
        "accounts_blocked = 312 (¶19), accounts_in_process = 607 (¶19) | 33.9% |",
        "312 + 607 = 919, not 924 accounts",
        "17 numbers in 20 paragraphs: 17 matched to figures, 0 excluded with a reason, 0 problems",
        "covers a period with no stated start",
        "2 different authorities",
        "\"Eliminated\", \"terrorists\" and \"anti-state\" are the officials' words",
        "Nothing here is independently verified",
        "The 28 applications (apps_reported) are apps, not accounts",
        "`cargo run --release -- build`",
        "`data/figures.csv`: `",
    ] {
        assert!(md.contains(needle), "methodology.md lacks {needle:?}");
    }
    let html = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("output/methodology.html"),
    )
    .unwrap();
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert_eq!(
        html.matches("<svg role=\"img\"").count(),
        3,
        "charts inline"
    );
    assert!(!html.contains("src=\"http"), "self-contained");
}

#[test]
fn methodology_snapshot() {
    let ledger = Ledger::load(common::data()).unwrap();
    let files = build::outputs(&ledger, None).unwrap().files;
    let md = files.iter().find(|f| f.path == "methodology.md").unwrap();
    insta::assert_snapshot!(
        "methodology.md",
        String::from_utf8(md.bytes.clone()).unwrap()
    );
}
