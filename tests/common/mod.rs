//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The source article, beside the repository.
pub fn article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources/article.txt")
}

/// The shipped ledger folder.
pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A copy of the shipped ledger in a temporary folder, with the source's
/// text path made absolute so it still resolves from there.
pub fn ledger_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in newsfigures::ledger::FILES {
        std::fs::copy(data().join(f), dir.path().join(f)).unwrap();
    }
    let sources = std::fs::read_to_string(dir.path().join("sources.csv")).unwrap();
    let article = article().canonicalize().unwrap();
    let sources = sources.replace(
        "../../shared/sources/article.txt",
        article.to_str().unwrap(),
    );
    std::fs::write(dir.path().join("sources.csv"), sources).unwrap();
    dir
}

/// Replaces `from` with `to` in one file of a ledger copy; the text must be there.
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Removes the line starting with `prefix` from one file of a ledger copy.
pub fn delete_line(dir: &Path, file: &str, prefix: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with(prefix)).collect();
    assert_eq!(
        kept.len() + 1,
        text.lines().count(),
        "exactly one line of {file} starts with {prefix:?}"
    );
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
}

/// The 1-based line of `figures.csv` (or another file) that starts with `prefix`.
pub fn line_of(dir: &Path, file: &str, prefix: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    1 + text.lines().position(|l| l.starts_with(prefix)).unwrap()
}
