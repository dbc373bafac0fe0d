//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository.
pub fn root() -> PathBuf {
    // Read at run time: a build shared between clones (CI reuses its target
    // folder) must not test the clone it was compiled in.
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run through cargo test"))
}

/// The shipped story.
pub fn data() -> PathBuf {
    root().join("data")
}

/// The fictional fixture story.
pub fn fixture() -> PathBuf {
    root().join("tests/fixtures/fictional-budget")
}

/// The fictional bilingual fixture story: every chart kind in English and
/// in Urdu.
pub fn bilingual() -> PathBuf {
    root().join("tests/fixtures/fictional-relief")
}

/// The shipped story's article, beside the repository, if it is there.
/// When it is not, says so on stdout and returns `None`, unless
/// `NEWSFIGURES_REQUIRE_TEXTS=1`, which makes its absence a failure.
pub fn article(test: &str) -> Option<PathBuf> {
    let path = root().join("../shared/sources/article.txt");
    if path.is_file() {
        return Some(path.canonicalize().unwrap());
    }
    if std::env::var("NEWSFIGURES_REQUIRE_TEXTS").as_deref() == Ok("1") {
        panic!(
            "{test}: the article is required (NEWSFIGURES_REQUIRE_TEXTS=1) but not found at {}",
            path.display()
        );
    }
    // Written straight to stdout, past the test harness's capture, so that
    // a plain `cargo test` shows it.
    use std::io::Write;
    let _ = writeln!(
        std::io::stdout(),
        "NOT RUN: {test} needs ../shared/sources/article.txt, which is not beside this clone"
    );
    None
}

/// A copy of a story folder (its CSV, TOML and text files) in a temporary
/// folder. Text paths that point outside the folder are made absolute, so
/// they resolve from the copy as they did from the original.
pub fn story_copy(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        let p = e.path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(e.file_name())).unwrap();
        }
    }
    let sources = std::fs::read_to_string(dir.path().join("sources.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in sources.lines().enumerate() {
        let mut l = line.to_string();
        if i > 0 {
            for field in line.split(',') {
                if field.starts_with("../") {
                    let abs = src.join(field);
                    let abs = abs.canonicalize().unwrap_or(abs);
                    l = l.replace(field, abs.to_str().unwrap());
                }
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    std::fs::write(dir.path().join("sources.csv"), out).unwrap();
    dir
}

/// Replaces `from` with `to` in one file of a folder; the text must be there.
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of `file` that starts with `prefix`.
pub fn line_of(dir: &Path, file: &str, prefix: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line of {file} starts with {prefix:?}"))
}

/// The command, run from the repository.
pub fn cmd() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("newsfigures").unwrap();
    c.current_dir(root()).env_remove("NEWSFIGURES_FAULT");
    c
}

/// `newsfigures build --data DATA --out OUT`, ready to run.
pub fn build(data: &Path, out: &Path) -> assert_cmd::Command {
    let mut c = cmd();
    c.args(["build", "--data"]).arg(data).arg("--out").arg(out);
    c
}

/// Builds `dir` over an earlier output and requires the build to be
/// refused: exit code 2, every `expect` in the message, and the earlier
/// output untouched. Returns the message.
pub fn refused(dir: &Path, expect: &[&str]) -> String {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "earlier output").unwrap();
    let result = build(dir, &target).assert().code(2);
    let err = String::from_utf8_lossy(&result.get_output().stderr).to_string();
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in {err}");
    }
    let left = snapshot(&target);
    assert_eq!(
        left.into_iter().collect::<Vec<_>>(),
        vec![("keep.txt".to_string(), b"earlier output".to_vec())],
        "earlier output untouched"
    );
    err
}

/// Loads and analyses a story folder.
pub fn analyse(dir: &Path) -> newsfigures::Analysis {
    let story = newsfigures::Story::load(dir).unwrap_or_else(|e| panic!("{e}"));
    newsfigures::Analysis::new(&story, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// A small story written from the given files; missing ledger files get a
/// header only and `story.toml` a title and question. Its one source is
/// `s`, with the text `text` if given, else cited by URL.
pub fn mini(files: &[(&str, &str)], text: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let sources = match text {
        Some(t) => {
            std::fs::write(p.join("text.txt"), t).unwrap();
            format!(
                "id,title,outlet,url,date,text_path,sha256\ns,A test report,Test Outlet,https://example.org/r,2025-01-02,text.txt,{}\n",
                newsfigures::util::sha256(t.as_bytes())
            )
        }
        None => "id,title,outlet,url,date\ns,A test report,Test Outlet,https://example.org/r,2025-01-02\n".to_string(),
    };
    let defaults = [
        ("sources.csv", sources.as_str()),
        (
            "figures.csv",
            "id,source,paragraph,printed,value,kind,unit,counts\n",
        ),
        ("relations.csv", "id,description,left,op,right\n"),
        (
            "metrics.csv",
            "id,description,numerator,denominator,display\n",
        ),
        ("exclusions.csv", "source,paragraph,printed,reason\n"),
        (
            "story.toml",
            "title = \"Test\"\nquestion = \"Does it add up?\"\n",
        ),
    ];
    for (name, content) in defaults {
        std::fs::write(p.join(name), content).unwrap();
    }
    for (name, content) in files {
        std::fs::write(p.join(name), content).unwrap();
    }
    dir
}

/// The error a story folder gives on loading and analysing, as text.
pub fn error_of(dir: &Path) -> String {
    match newsfigures::Story::load(dir)
        .and_then(|s| newsfigures::Analysis::new(&s, &Default::default()))
    {
        Ok(_) => panic!("expected an error from {}", dir.display()),
        Err(e) => e.to_string(),
    }
}
