//! `init`: a new story folder from a report's text.
//!
//! The folder gets the source row (with the text's SHA-256 and address), a
//! drafted figures row for every number in the text, empty relations,
//! metrics and exclusions, and a story file with one commented example of
//! each chart kind. Building it at once gives an audit in which every
//! number is accounted for as a draft; the journalist then checks and
//! completes the rows, and uncomments the charts they want.

use std::path::{Component, Path, PathBuf};

use crate::analysis::audit::{draft, iso_date, mentions, paragraphs};
use crate::error::{Error, Location, Result};
use crate::ledger::Source;
use crate::numbers::{self, MentionKind};

/// What `init` needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Init {
    /// The report's address, if known.
    pub url: String,
    /// The outlet, if known.
    pub outlet: String,
    /// The publication date `YYYY-MM-DD`; found in the text when not given.
    pub date: Option<String>,
    /// The text's language code (`en`, `ur`).
    pub language: String,
}

/// `target` written relative to `base` (both made absolute first), so the
/// story folder names no machine path.
pub fn relative(target: &Path, base: &Path) -> PathBuf {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let (t, b) = (abs(target), abs(base));
    let (tc, bc): (Vec<_>, Vec<_>) = (t.components().collect(), b.components().collect());
    let common = tc.iter().zip(&bc).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..bc.len() {
        out.push("..");
    }
    for c in &tc[common..] {
        out.push(c);
    }
    out
}

/// The first date the text gives, as `YYYY-MM-DD`.
fn first_date(text: &str) -> Option<String> {
    numbers::find(text)
        .into_iter()
        .filter(|m| m.kind == MentionKind::Date)
        .find_map(|m| iso_date(&m.printed))
}

fn write(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}

/// Creates the story folder `dir` (which must not exist, or be empty) for
/// the report whose text is at `text_path`. Returns how many figures were
/// drafted.
pub fn init(dir: &Path, text_path: &Path, options: &Init) -> Result<usize> {
    let bytes = std::fs::read(text_path).map_err(|e| Error::io(text_path, e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::data(Location::file(text_path), "expected UTF-8 text"))?;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::data(
            Location::file(dir),
            "the folder exists and is not empty; give a new folder so that nothing is overwritten",
        ));
    }
    let date = match &options.date {
        Some(d) if crate::ledger::is_date(d) => d.clone(),
        Some(d) => return Err(Error::data(Location::key("--date", None, "date"), format!("expected a date as YYYY-MM-DD, found {d:?}"))),
        None => first_date(text).ok_or_else(|| {
            Error::data(Location::file(text_path), "the text gives no date as YYYY-MM-DD; give the publication date with --date YYYY-MM-DD")
        })?,
    };
    if !options.url.is_empty() && !crate::ledger::is_web_address(&options.url) {
        return Err(Error::data(
            Location::key("--url", None, "url"),
            format!(
                "expected a web address starting with https:// or http://, found {:?}",
                options.url
            ),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let stem: String = text_path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let stem = stem.trim_matches('_');
    let id = format!(
        "{}_{}",
        if stem.is_empty() || !stem.starts_with(|c: char| c.is_ascii_lowercase()) {
            "report"
        } else {
            stem
        },
        date.replace('-', "_")
    );
    let source = Source {
        id: id.clone(),
        title: "Describe the report in a few words of your own".into(),
        outlet: if options.outlet.is_empty() {
            "Name the outlet".into()
        } else {
            options.outlet.clone()
        },
        url: options.url.clone(),
        date: date.clone(),
        language: if options.language.is_empty() {
            "en".into()
        } else {
            options.language.clone()
        },
        text_path: relative(text_path, dir)
            .to_string_lossy()
            .replace('\\', "/"),
        sha256: crate::util::sha256(&bytes),
        description: String::new(),
        line: 2,
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| {
        Error::io(
            dir.join("sources.csv"),
            std::io::Error::other(e.to_string()),
        )
    };
    w.write_record(crate::ledger::SOURCE_COLUMNS)
        .map_err(csv_err)?;
    w.write_record([
        &source.id,
        &source.title,
        &source.outlet,
        &source.url,
        &source.date,
        &source.language,
        &source.text_path,
        &source.sha256,
        &source.description,
    ])
    .map_err(csv_err)?;
    write(
        &dir.join("sources.csv"),
        &String::from_utf8_lossy(&w.into_inner().unwrap_or_default()),
    )?;

    let (found, _) = mentions(&paragraphs(text));
    write(&dir.join("figures.csv"), &draft(&source, &found, true))?;
    let drafted = found.len();
    for (file, columns) in [
        ("relations.csv", &crate::ledger::RELATION_COLUMNS[..]),
        ("metrics.csv", &crate::ledger::METRIC_COLUMNS[..]),
        ("exclusions.csv", &crate::ledger::EXCLUSION_COLUMNS[..]),
    ] {
        write(&dir.join(file), &format!("{}\n", columns.join(",")))?;
    }
    write(&dir.join(crate::story::STORY_FILE), STORY_TEMPLATE)?;
    Ok(drafted)
}

/// The story file `init` writes: the required keys, and one commented
/// example of each chart kind.
pub const STORY_TEMPLATE: &str = r#"# The story file: what the analysis asks, how we word it, and its charts.
# Every number in a title, subtitle, note or alt text comes from a
# {placeholder} naming a figure or metric (see data/README.md); a digit typed
# into the text is an error, so the words never go stale.

title = "A working title for the story"
question = "What do the figures in this report say, and do they add up?"
license = "CC-BY-4.0"

# Words the officials use that we only ever quote, with who used them.
officials_terms = []

# [[caveats]]
# text = "A caveat in our own words, with any number as a placeholder: {figure_id}."

# One example of each chart kind. Uncomment one, point it at your figures and
# run `newsfigures build`.

# [[charts]]
# id = "by_category"
# kind = "ranked_bars"            # the parts of a total, largest first
# total = "total_figure_id"
# parts = [{ figure = "part_a", label = "Part A" }, { figure = "part_b", label = "Part B" }]
# title = "{first.label} is the largest part of the {total}"
# subtitle = "What is counted, by category, {total:period}"
# alt = "Horizontal bar chart of the {total} by category, where {first.label} has {first.share}: {list}."

# [[charts]]
# id = "status"
# kind = "part_to_whole"          # one stacked bar; what the parts leave out is its own segment
# total = "total_figure_id"
# parts = [{ figure = "part_a", label = "Done", key = "done" }]
# remainder = "Not accounted for"
# title = "{done.share:words} of the {total} are done"
# subtitle = "Status, as reported"
# alt = "Stacked bar chart of the {total}, where {list}."

# [[charts]]
# id = "scale"
# kind = "units"                  # counts as unit squares at one scale
# parts = [{ figure = "big_count", label = "things" }, { figure = "small_count", label = "events" }]
# title = "{small_count} events among {big_count} things"
# subtitle = "Each square is one thing or one event"
# alt = "Unit chart of {list}."

# [[charts]]
# id = "over_time"
# kind = "change"                 # a series at every date it was reported, each with its source
# series = [{ series = "series_id", label = "What the series counts" }]
# title = "From {series_id.first.value} to {series_id.last.value}"
# subtitle = "Each bar is one report"
# alt = "Bar chart of each report of the series: {list}."

# [[charts]]
# id = "breakdown"
# kind = "grouped_bars"           # a breakdown by two dimensions
# dimensions = ["department", "year"]
# title = "{max.group} in {max.bar} is the largest"
# subtitle = "By department and year"
# alt = "Grouped bar chart: {list}."
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/b/c.txt"), Path::new("/a/d")),
            PathBuf::from("../b/c.txt")
        );
        assert_eq!(
            relative(Path::new("/a/b/c.txt"), Path::new("/a/b")),
            PathBuf::from("c.txt")
        );
    }
}
