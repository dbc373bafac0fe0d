//! `init`: a new story folder from a report's text.
//!
//! The folder gets the source row (with the text's SHA-256 and address, the
//! outlet, and the report's headline as its title), a figures row for every
//! number in the text drafted from the words around it ([`crate::draft`]),
//! the numbers left out with their reasons, the relations and metrics the
//! numbers imply as drafts, and a story file whose title says only which
//! report it is, with one commented example of each chart kind. Nothing it
//! writes is a placeholder to be replaced, and building it at once gives an
//! audit in which every number is accounted for. The journalist then
//! reviews each draft and clears its `status`.

use std::path::{Component, Path, PathBuf};

use crate::analysis::audit::{iso_date, paragraphs};
use crate::draft::{self, Draft, Existing};
use crate::error::{Error, Location, Result};
use crate::ledger::Source;
use crate::numbers::{self, MentionKind};

/// What `init` needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Init {
    /// The report's address, if known.
    pub url: String,
    /// The outlet; found in the text ("Published in Dawn, …") when not given.
    pub outlet: String,
    /// The publication date `YYYY-MM-DD`; found in the text when not given.
    pub date: Option<String>,
    /// The text's language code (`en`, `ur`); told from its script when empty.
    pub language: String,
}

/// What `init` created and left for the journalist.
#[derive(Debug, Clone, Default)]
pub struct Created {
    /// The source's id.
    pub source: String,
    /// The draft in numbers.
    pub summary: draft::Summary,
    /// Words of the report's that the story file lists as officials' terms.
    pub officials_terms: Vec<String>,
    /// Where the outlet came from: `--outlet`, or the text's words.
    pub outlet_from_text: bool,
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

/// The first full date the text gives, as `YYYY-MM-DD` ("2024-12-03", "3
/// December 2024", "Dec. 3, 2024").
fn first_date(text: &str) -> Option<String> {
    numbers::find(text)
        .into_iter()
        .filter(|m| m.kind == MentionKind::Date)
        .find_map(|m| iso_date(&m.printed).or_else(|| draft::date_of(&m.printed)))
}

/// The outlet, where the text names it as publisher ("Published in Dawn,
/// December 3rd, 2024", the line Dawn prints under its reports).
fn outlet_in(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("Published in ")?;
        let name = rest.split([',', '.']).next()?.trim();
        (!name.is_empty() && name.split_whitespace().count() <= 5).then(|| name.to_string())
    })
}

/// The source's title: the report's headline (its first paragraph, when it
/// reads as one: short, with no full stop), or its opening words, quoted as
/// printed so that the audit holds them to the text. A notice in capitals
/// before the headline ("FICTIONAL REPORT, WRITTEN FOR …", "EMBARGOED
/// UNTIL …") is passed over for the headline after it.
fn title(text: &str) -> String {
    let paras: Vec<String> = paragraphs(text).into_iter().map(|p| p.text).collect();
    let words_of = |p: &str| -> Vec<String> {
        p.split_whitespace()
            .take_while(|w| !w.contains(['"', '“', '”']))
            .map(str::to_string)
            .collect()
    };
    let reads_as_headline = |p: &str| {
        let words = words_of(p);
        words.len() <= 16
            && words.len() == p.split_whitespace().count()
            && !p.trim_end().ends_with(['.', '۔'])
    };
    let notice = |p: &str| {
        let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
    };
    let first = match paras.as_slice() {
        [a, b, ..] if notice(a) && !reads_as_headline(a) && reads_as_headline(b) => b.clone(),
        [a, ..] => a.clone(),
        [] => String::new(),
    };
    let words = words_of(&first);
    let headline = reads_as_headline(&first);
    let shown: Vec<&str> = words.iter().take(12).map(String::as_str).collect();
    let quoted = shown
        .join(" ")
        .trim_end_matches([',', '.', ';', ':', '—', '-'])
        .to_string();
    match (headline, quoted.is_empty()) {
        (_, true) => "The report, whose text opens with no words to quote".to_string(),
        (true, false) => format!("\"{quoted}\" (the report's headline)"),
        (false, false) => format!("\"{quoted}\" (the report's opening words)"),
    }
}

/// `ur` when most of the text's letters are in Arabic script, else `en`.
fn language_of(text: &str) -> String {
    let (arabic, all) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(a, n), c| {
            (a + usize::from(crate::i18n::is_arabic_script(c)), n + 1)
        });
    if arabic * 2 > all {
        "ur".into()
    } else {
        "en".into()
    }
}

fn write(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}

/// The text of the report at `text_path`: UTF-8, not empty.
fn read_text(text_path: &Path) -> Result<(Vec<u8>, String)> {
    let bytes = std::fs::read(text_path).map_err(|e| Error::io(text_path, e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| {
            Error::data(
                Location::file(text_path),
                "expected UTF-8 text; save the report's text as UTF-8 and run init again",
            )
        })?
        .to_string();
    if text.trim().is_empty() {
        return Err(Error::data(
            Location::file(text_path),
            "the text is empty; give the file that holds the report's text",
        ));
    }
    Ok((bytes, text))
}

/// Checks what `init` is given, in the order a user would fix it: the
/// folder, the date, the outlet, the address. Gives the date and the outlet.
fn settle(
    dir: &Path,
    text_path: &Path,
    text: &str,
    options: &Init,
) -> Result<(String, String, bool)> {
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
            Error::data(Location::file(text_path), "the text gives no full date (like 2024-12-03 or 3 December 2024); give the publication date with --date YYYY-MM-DD")
        })?,
    };
    let (outlet, found) = match (options.outlet.trim(), outlet_in(text)) {
        ("", Some(o)) => (o, true),
        ("", None) => {
            return Err(Error::data(
                Location::key("--outlet", None, "outlet"),
                "give the outlet that published the report with --outlet NAME (the text names none in a line such as \"Published in Dawn, …\"); a story is never published with a placeholder for it",
            ));
        }
        (o, _) => (o.to_string(), false),
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
    Ok((date, outlet, found))
}

/// The source's id: the text file's name and the date.
fn source_id(text_path: &Path, date: &str) -> String {
    let stem: String = text_path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let stem = stem.trim_matches('_');
    let stem = if stem.is_empty() || !stem.starts_with(|c: char| c.is_ascii_lowercase()) {
        "report"
    } else {
        stem
    };
    format!("{stem}_{}", date.replace('-', "_"))
}

/// Creates the story folder `dir` (which must not exist, or be empty) for
/// the report whose text is at `text_path`, with every number drafted.
pub fn init(dir: &Path, text_path: &Path, options: &Init) -> Result<Created> {
    let (bytes, text) = read_text(text_path)?;
    let (date, outlet, outlet_from_text) = settle(dir, text_path, &text, options)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let source = Source {
        id: source_id(text_path, &date),
        title: title(&text),
        outlet: outlet.clone(),
        url: options.url.clone(),
        date: date.clone(),
        language: if options.language.is_empty() {
            language_of(&text)
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
    let row = vec![
        source.id.clone(),
        source.title.clone(),
        source.outlet.clone(),
        source.url.clone(),
        source.date.clone(),
        source.language.clone(),
        source.text_path.clone(),
        source.sha256.clone(),
        source.description.clone(),
    ];
    write(
        &dir.join("sources.csv"),
        &Draft::csv(&[row], &crate::ledger::SOURCE_COLUMNS, true),
    )?;
    let drafted = draft::draft(&source, &paragraphs(&text), &Existing::default());
    write(&dir.join("figures.csv"), &drafted.figures_csv(true))?;
    write(&dir.join("exclusions.csv"), &drafted.exclusions_csv(true))?;
    write(&dir.join("relations.csv"), &drafted.relations_csv(true))?;
    write(&dir.join("metrics.csv"), &drafted.metrics_csv(true))?;
    write(
        &dir.join(crate::story::STORY_FILE),
        &story_file(&outlet, &date, &drafted.loaded),
    )?;
    Ok(Created {
        source: source.id,
        summary: drafted.summary,
        officials_terms: drafted.loaded,
        outlet_from_text,
    })
}

/// The story file: a title that says which report the figures are from,
/// the question, the officials' terms found, and the chart examples.
fn story_file(outlet: &str, date: &str, terms: &[String]) -> String {
    let toml = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let title = format!(
        "Figures in {outlet}'s report of {}",
        crate::ledger::series::date_words(date)
    );
    let terms = terms.iter().map(|t| toml(t)).collect::<Vec<_>>().join(", ");
    STORY_TEMPLATE
        .replace("\"{{title}}\"", &toml(&title))
        .replace("{{terms}}", &terms)
}

/// The story file `init` writes: the required keys, and one commented
/// example of each chart kind.
pub const STORY_TEMPLATE: &str = r#"# The story file: what the analysis asks, how we word it, and its charts.
# Every number in a title, subtitle, note or alt text comes from a
# {placeholder} naming a figure or metric (see data/README.md); a digit typed
# into the text is an error, so the words never go stale.

title = "{{title}}"
question = "What do the figures in this report say, and do they add up?"
license = "CC-BY-4.0"

# Words of the report or the officials that we only ever quote. init lists
# those it knows that the report uses; add others, or remove one we may use.
officials_terms = [{{terms}}]

# [[caveats]]
# text = "A caveat in our own words, with any number as a placeholder: {figure_id}."

# A newsroom that writes in Urdu sets the story's own language here, writes
# the title, question, caveats and charts in Urdu, and names the outlets and
# the people credited in Urdu under [languages.ur] (below) for the charts'
# source lines; the methodology is then Urdu, right to left:
# language = "ur"

# To publish every chart and the methodology in Urdu too (data/README.md, "A
# story in two languages"), name the outlets and the people credited in Urdu,
# and give each chart an edition after its keys:
# [languages.ur]
# digits = "eastern"              # ۱۲٬۳۴۵ (or "western": 12,345)
# outlets = { source_id = "The outlet, in Urdu" }
# credits = { "who a figure is attributed_to" = "The same, in Urdu" }
#
# [charts.editions.ur]            # after each [[charts]]
# title = "…"
# subtitle = "…"
# alt = "…"
# labels = { part_a = "…", part_b = "…" }

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
