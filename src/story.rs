//! A story folder: the ledger plus the story file, `story.toml`.
//!
//! The story file holds everything about a story that is words rather than
//! figures: the question, the wording of source lines, the officials' terms
//! that must stay in quotes, the caveats, and the charts with their
//! templated titles, subtitles, notes and alt text. A new story, or a new
//! release of the same figures, is an edit to these files, never to Rust.
//!
//! ```toml
//! title = "Council spending, 2024 and 2025"
//! question = "Where did the money go, and do the parts add up?"
//!
//! [[charts]]
//! id = "by_department"
//! kind = "ranked_bars"
//! total = "spending_total"
//! parts = [{ figure = "spending_roads", label = "Roads" },
//!          { figure = "spending_schools", label = "Schools" }]
//! title = "{first.label} took the largest share of the {total} budget"
//! subtitle = "Spending by department, {total:period}"
//! alt = "Bar chart of spending by department, where {first.label} took {first.share}: {list}."
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::ledger::Ledger;

/// A story folder, loaded and validated.
#[derive(Debug, Clone)]
pub struct Story {
    /// The folder.
    pub dir: PathBuf,
    /// The figures and their sources.
    pub ledger: Ledger,
    /// The story file.
    pub file: StoryFile,
    /// The standards review kept as data (`review.csv`), if any.
    pub review: Vec<ReviewEntry>,
    /// SHA-256 of the story file and of `review.csv`, by file name.
    pub hashes: Vec<(String, String)>,
    /// True when figures were changed in memory for a what-if: every chart
    /// then says "Hypothetical" and has no source line.
    pub hypothetical: bool,
    /// The story file's text, to point at a key's line.
    file_text: String,
}

/// The name of the story file in a story folder.
pub const STORY_FILE: &str = "story.toml";

/// `story.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StoryFile {
    /// A working title for the story, used as the methodology's heading.
    pub title: String,
    /// The question the analysis answers.
    pub question: String,
    /// The licence of our data and words, as an SPDX id (`CC-BY-4.0`).
    #[serde(default = "default_license")]
    pub license: String,
    /// How source lines are worded.
    #[serde(default)]
    pub wording: Wording,
    /// The officials' terms: words that appear in our text only inside
    /// quotation marks, credited to whoever used them.
    #[serde(default)]
    pub officials_terms: Vec<String>,
    /// How wide a hedge is: "about 1,200" is taken as within this fraction
    /// of 1,200, "nearly 1,200" as up to this fraction below it.
    #[serde(default)]
    pub hedges: Hedges,
    /// Caveats a careful editor would demand, in our words.
    #[serde(default)]
    pub caveats: Vec<Caveat>,
    /// The charts, in the order they are published.
    #[serde(default)]
    pub charts: Vec<ChartSpec>,
}

fn default_license() -> String {
    "CC-BY-4.0".to_string()
}

/// How source lines are worded.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Wording {
    /// One source that names who gave the figures: `{who}`, `{outlet}`,
    /// `{date}`.
    pub attributed: String,
    /// One source that does not say who gave them: `{outlet}`, `{date}`.
    pub unattributed: String,
    /// Before the list of sources.
    pub prefix: String,
    /// Before the list of sources when there are several.
    pub prefix_many: String,
}

impl Default for Wording {
    fn default() -> Self {
        Wording {
            attributed: "{who}, as reported by {outlet}, {date}".to_string(),
            unattributed: "{outlet}, {date}, which does not say who gave the figures".to_string(),
            prefix: "Source: ".to_string(),
            prefix_many: "Sources: ".to_string(),
        }
    }
}

/// How wide the hedges "about" and "nearly" are taken to be.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Hedges {
    /// "about N": within this fraction of N either side.
    pub about: f64,
    /// "nearly N": up to this fraction below N.
    pub nearly: f64,
}

impl Default for Hedges {
    fn default() -> Self {
        Hedges {
            about: 0.1,
            nearly: 0.1,
        }
    }
}

/// A caveat: a sentence in our words, with placeholders for any number.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    /// The sentence (a template).
    pub text: Text,
    /// The source whose words any quotation in it comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A templated sentence: `{placeholder}`s for every number, and optionally
/// the value its proportion words ("more than half") describe.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Text {
    /// A sentence.
    Plain(String),
    /// A sentence with the value its proportion words describe.
    Tied {
        /// The sentence.
        text: String,
        /// A placeholder name (a metric, or a chart value such as
        /// `first.share`) that the proportion words must fit.
        tied_to: String,
    },
}

impl Text {
    /// The template.
    pub fn template(&self) -> &str {
        match self {
            Text::Plain(s) | Text::Tied { text: s, .. } => s,
        }
    }

    /// The value its proportion words describe, if named.
    pub fn tied_to(&self) -> Option<&str> {
        match self {
            Text::Plain(_) => None,
            Text::Tied { tied_to, .. } => Some(tied_to),
        }
    }
}

/// One part of a chart: a figure and the label readers see.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The figure's id.
    pub figure: String,
    /// Its label.
    pub label: String,
    /// A name for its placeholders (`{blocked.value}`); the figure id by default.
    #[serde(default)]
    pub key: Option<String>,
}

impl Part {
    /// The name of its placeholders.
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.figure)
    }
}

/// A chart: its kind, the figures it draws and its words.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Stable id, used for file names.
    pub id: String,
    /// `ranked_bars`, `part_to_whole`, `units`, `change` or `grouped_bars`.
    pub kind: String,
    /// The headline, stating what the figures say.
    pub title: Text,
    /// What is counted, where and when.
    pub subtitle: Text,
    /// Caveats under the chart.
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Alt text: "(chart type) of (data) where (finding)"; `{list}` gives
    /// every mark with its value.
    pub alt: Text,
    /// The parts drawn (ranked_bars, part_to_whole, units).
    #[serde(default)]
    pub parts: Vec<Part>,
    /// Instead of `parts`: every figure with this dimension (ranked_bars,
    /// grouped_bars takes two), from `source`.
    #[serde(default)]
    pub dimension: Option<String>,
    /// The two dimensions of a grouped bar chart: groups, then bars.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Labels for dimension values.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Restricts figures chosen by dimension to one source.
    #[serde(default)]
    pub source: Option<String>,
    /// The whole the parts belong to (ranked_bars, part_to_whole).
    #[serde(default)]
    pub total: Option<String>,
    /// Label of the segment for what the parts leave out of the total
    /// (part_to_whole).
    #[serde(default)]
    pub remainder: Option<String>,
    /// The series drawn (change).
    #[serde(default)]
    pub series: Vec<SeriesPanel>,
}

/// A series in a change chart, with its label.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeriesPanel {
    /// The series id.
    pub series: String,
    /// Its label.
    pub label: String,
    /// A name for its placeholders; the series id by default.
    #[serde(default)]
    pub key: Option<String>,
}

/// One sentence of the standards review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReviewEntry {
    /// Where it stands (a file and key, a chart, a notebook cell).
    pub location: String,
    /// The sentence as it stood.
    pub sentence: String,
    /// `ok`, `changed`, `caveat` or `finding`.
    pub verdict: String,
    /// What was done, or why it stands.
    pub fix: String,
    /// Line in `review.csv`.
    #[serde(rename = "ledger_line")]
    pub line: u64,
}

/// The verdicts a review entry may give.
pub const VERDICTS: [&str; 4] = ["ok", "changed", "caveat", "finding"];

impl Story {
    /// Loads the story folder `dir`: the ledger and `story.toml`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Story> {
        let dir = dir.as_ref().to_path_buf();
        let ledger = Ledger::load(&dir)?;
        let path = dir.join(STORY_FILE);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let mut hashes =
            crate::ledger::Hashes::of(vec![(STORY_FILE.to_string(), crate::util::sha256(&bytes))]);
        let text = crate::util::utf8(&path, bytes)?;
        let file = parse(&path, &text)?;
        validate(&path, &text, &file, &ledger)?;
        let review = load_review(&dir.join("review.csv"), &mut hashes)?;
        Ok(Story {
            dir,
            ledger,
            file,
            review,
            hashes: hashes.finish(),
            hypothetical: false,
            file_text: text,
        })
    }

    /// A copy with figures changed in memory (the files are not touched),
    /// marked hypothetical so that nothing drawn from it can pass for
    /// reported figures.
    ///
    /// ```no_run
    /// # fn main() -> newsfigures::Result<()> {
    /// let story = newsfigures::Story::load("data")?;
    /// let what_if = story.what_if(&[("roads_2025", 60_000_000.0)])?;
    /// assert!(what_if.hypothetical);
    /// # Ok(()) }
    /// ```
    pub fn what_if(&self, changes: &[(&str, f64)]) -> Result<Story> {
        let mut out = self.clone();
        for (id, value) in changes {
            out.ledger.set_value(id, *value)?;
        }
        out.hypothetical = true;
        Ok(out)
    }

    /// Where `key` (like `charts[1].title`) stands in the story file.
    pub fn locate(&self, key: &str) -> Location {
        locate(&self.dir.join(STORY_FILE), &self.file_text, key)
    }
}

/// Parses the story file; errors give the line.
pub fn parse(path: &Path, text: &str) -> Result<StoryFile> {
    toml::from_str::<StoryFile>(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count() as u64);
        let message = e.message().replace('\n', " ");
        Error::data(
            Location {
                path: path.to_path_buf(),
                line,
                field: None,
            },
            format!("{message}; see data/README.md for the keys a story file takes"),
        )
    })
}

/// The line where `key` stands: `charts[2].title` is the `title =` line
/// after the third `[[charts]]` header; `caveats[0].text` likewise.
pub fn locate(path: &Path, text: &str, key: &str) -> Location {
    let mut line = None;
    let (table, rest) = match key.split_once('[') {
        Some((t, r)) => (Some(t), r),
        None => (None, key),
    };
    let (nth, field) = match (table, rest.split_once("].")) {
        (Some(_), Some((n, f))) => (n.parse::<usize>().ok(), f),
        (Some(_), None) => (rest.trim_end_matches(']').parse::<usize>().ok(), ""),
        _ => (None, rest),
    };
    let field = field.split(['[', '.']).next().unwrap_or("");
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    if let (Some(t), Some(n)) = (table, nth) {
        let header = format!("[[{t}]]");
        if let Some((i, _)) = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == header)
            .nth(n)
        {
            start = i;
            line = Some(i as u64 + 1);
        }
    }
    if !field.is_empty() {
        for (i, l) in lines.iter().enumerate().skip(start) {
            let l = l.trim_start();
            if i > start && table.is_some() && l.starts_with("[[") {
                break;
            }
            if l.starts_with(field) && l[field.len()..].trim_start().starts_with('=') {
                line = Some(i as u64 + 1);
                break;
            }
        }
    }
    Location::key(path, line, key)
}

fn validate(path: &Path, text: &str, f: &StoryFile, ledger: &Ledger) -> Result<()> {
    let at = |key: &str| locate(path, text, key);
    if !crate::licenses::is_known(&f.license) {
        return Err(Error::data(
            at("license"),
            format!(
                "unknown licence {:?}; expected one of {}",
                f.license,
                crate::licenses::KNOWN
                    .iter()
                    .map(|l| l.0)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    for (name, v) in [
        ("hedges.about", f.hedges.about),
        ("hedges.nearly", f.hedges.nearly),
    ] {
        if !(0.0..1.0).contains(&v) {
            return Err(Error::data(
                at(name),
                format!("expected a fraction between 0 and 1 (like 0.1 for 10%), found {v}"),
            ));
        }
    }
    for (i, t) in f.officials_terms.iter().enumerate() {
        if t.trim().is_empty() || t.contains(['"', '“', '”']) {
            return Err(Error::data(
                at(&format!("officials_terms[{i}]")),
                format!("expected a word or phrase without quotation marks, found {t:?}"),
            ));
        }
    }
    for (i, c) in f.caveats.iter().enumerate() {
        if let Some(s) = &c.source {
            if ledger.source(s).is_none() {
                return Err(Error::data(
                    at(&format!("caveats[{i}].source")),
                    format!("unknown source `{s}`; expected an id from sources.csv"),
                ));
            }
        }
    }
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in f.charts.iter().enumerate() {
        if !crate::ledger::is_id(&c.id) {
            return Err(Error::data(
                at(&format!("charts[{i}].id")),
                format!(
                    "expected an id of lowercase letters, digits and _ (like `spending_by_year`), found {:?}",
                    c.id
                ),
            ));
        }
        if let Some(first) = ids.insert(&c.id, i) {
            return Err(Error::data(
                at(&format!("charts[{i}].id")),
                format!(
                    "duplicate chart id `{}`, first used by charts[{first}]",
                    c.id
                ),
            ));
        }
    }
    Ok(())
}

fn load_review(path: &Path, hashes: &mut crate::ledger::Hashes) -> Result<Vec<ReviewEntry>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut t = crate::ledger::Table::open(
        path,
        &["location", "sentence", "verdict", "fix"],
        &[],
        hashes,
    )?;
    let mut out = Vec::new();
    while t.next()? {
        let verdict = t.get("verdict");
        if !VERDICTS.contains(&verdict) {
            return Err(Error::data(
                t.at("verdict"),
                format!("expected one of {}, found {verdict:?}", VERDICTS.join(", ")),
            ));
        }
        out.push(ReviewEntry {
            location: t.required("location")?,
            sentence: t.required("sentence")?,
            verdict: verdict.to_string(),
            fix: t.required("fix")?,
            line: t.line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_located() {
        let text = "title = \"t\"\n\n[[charts]]\nid = \"a\"\ntitle = \"x\"\n\n[[charts]]\nid = \"b\"\ntitle = \"y\"\n";
        let p = Path::new("story.toml");
        assert_eq!(locate(p, text, "title").line, Some(1));
        assert_eq!(locate(p, text, "charts[1].title").line, Some(9));
        assert_eq!(locate(p, text, "charts[0].id").line, Some(4));
        assert_eq!(locate(p, text, "charts[1].notes[0]").line, Some(7));
    }
}
