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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::charts::KindSpec;
use crate::error::{Error, Location, Problems, Result};
use crate::i18n::{Digits, Lang, Locale};
use crate::ledger::{Found, Known, Ledger};
pub use crate::template::Sentence as Text;

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
    /// True when figures were changed in memory for a what-if: everything
    /// computed from them then says it is hypothetical.
    pub hypothetical: bool,
    /// The figures a what-if changed: each id, the value its report gives
    /// and the value it was given, in the order they were changed.
    pub changes: Vec<(String, f64, f64)>,
    /// The line of each key of the story file.
    keys: Keys,
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
    /// The language the story is written in: its words, its charts'
    /// words, and its methodology (`en` by default).
    #[serde(default)]
    pub language: Lang,
    /// How each language the story publishes in writes what the ledger
    /// gives in English: its digits, and its names for the outlets and for
    /// whom the reports credit. A language listed here other than the
    /// story's own is one every chart has an edition in.
    #[serde(default)]
    pub languages: BTreeMap<Lang, LanguageSpec>,
}

/// A language the story publishes in (`[languages.ur]`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LanguageSpec {
    /// `eastern` (Eastern Arabic-Indic, the default) or `western` digits,
    /// for Urdu.
    #[serde(default)]
    pub digits: Digits,
    /// The outlets' names in this language, by source id.
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
    /// The names of whom the reports credit, in this language, by the
    /// ledger's `attributed_to`.
    #[serde(default)]
    pub credits: BTreeMap<String, String>,
    /// The story's title in this language, for its methodology.
    #[serde(default)]
    pub title: Option<String>,
    /// The question the story answers, in this language.
    #[serde(default)]
    pub question: Option<String>,
}

impl StoryFile {
    /// The languages the story publishes its charts in: its own, then the
    /// others `languages` lists.
    pub fn publishes_in(&self) -> Vec<Lang> {
        let mut out = vec![self.language];
        out.extend(self.languages.keys().filter(|l| **l != self.language));
        out
    }

    /// How `lang` is written in this story.
    pub fn locale(&self, lang: Lang) -> Locale {
        let spec = self.languages.get(&lang).cloned().unwrap_or_default();
        Locale {
            lang,
            digits: if lang == Lang::En {
                Digits::Western
            } else {
                spec.digits
            },
            outlets: spec.outlets,
            credits: spec.credits,
        }
    }
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

/// A chart: its id, its words, and what its kind draws. The kind is named
/// by `kind` and takes its own keys (see [`crate::charts::KindSpec`]); a
/// key a kind does not take is an error.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ChartSpec {
    /// Stable id, used for file names.
    pub id: String,
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
    /// The chart in the story's other languages, by language.
    #[serde(default)]
    pub editions: BTreeMap<Lang, Edition>,
    /// The kind, with the keys it takes.
    #[serde(flatten)]
    pub kind: KindSpec,
}

/// A chart's edition in another language than the story's: its words and
/// its labels in that language (`[charts.editions.ur]`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The headline.
    pub title: Text,
    /// What is counted, where and when.
    pub subtitle: Text,
    /// Caveats under the chart.
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Alt text.
    pub alt: Text,
    /// The label of every mark, by the part's key (its figure id unless it
    /// has a `key`), the dimension value, the series key, or `remainder`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
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
    /// Loads the story folder `dir`: the ledger and `story.toml`. The error
    /// lists every problem found in the folder's files.
    pub fn load(dir: impl AsRef<Path>) -> Result<Story> {
        let dir = dir.as_ref().to_path_buf();
        let path = dir.join(STORY_FILE);
        let review_path = dir.join("review.csv");
        let files = crate::ledger::FILES.iter().map(|f| dir.join(f));
        let mut problems = Problems::new(files.chain([path.clone(), review_path.clone()]));
        let (ledger, sources) = crate::ledger::load_into(&dir, &mut problems);
        let mut hashes = Vec::new();
        let story = read_story_file(&path, &mut hashes, &mut problems);
        if let Some((file, keys)) = &story {
            validate(&path, keys, file, &sources, &mut problems);
        }
        let review = load_review(&review_path, &mut hashes, &mut problems);
        problems.finish()?;
        let Some((file, keys)) = story else {
            return Err(Error::data(
                Location::file(&path),
                "the story file could not be read",
            ));
        };
        Ok(Story {
            dir,
            ledger,
            file,
            review,
            hashes,
            hypothetical: false,
            changes: Vec::new(),
            keys,
        })
    }

    /// A copy with figures changed in memory (the files are not touched),
    /// marked hypothetical so that nothing drawn from it can pass for
    /// reported figures: every part of every chart says so (title,
    /// subtitle, description, a note naming the changed figures in place of
    /// the notes on the reported ones, and the source line), as do the
    /// metrics and findings computed from a changed figure.
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
            let reported = out.ledger.figure(id).and_then(|f| f.value).unwrap_or(0.0);
            out.ledger.set_value(id, *value)?;
            out.changes.push((id.to_string(), reported, *value));
        }
        out.hypothetical = true;
        Ok(out)
    }

    /// The name of the story folder, the same however the folder was
    /// given (`.`, `data`, `./data/`, an absolute path): the last part of
    /// its full path.
    pub fn folder_name(&self) -> String {
        let full = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        full.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "story".to_string())
    }

    /// Where `key` (like `charts[1].title`) stands in the story file.
    pub fn locate(&self, key: &str) -> Location {
        self.keys.locate(&self.dir.join(STORY_FILE), key)
    }
}

/// The story file's text read and parsed, its hash added to `hashes`; a
/// problem recorded, and `None`, if it cannot be.
fn read_story_file(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    problems: &mut Problems,
) -> Option<(StoryFile, Keys)> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.add(path, Error::io(path, e));
            return None;
        }
    };
    hashes.push((STORY_FILE.to_string(), crate::util::sha256(&bytes)));
    crate::util::utf8(path, bytes)
        .and_then(|text| parse_with_keys(path, &text))
        .map_err(|e| problems.add(path, e))
        .ok()
}

/// Parses the story file; errors give the line.
pub fn parse(path: &Path, text: &str) -> Result<StoryFile> {
    parse_with_keys(path, text).map(|(file, _)| file)
}

/// Parses the story file once, keeping the line of every key.
fn parse_with_keys(path: &Path, text: &str) -> Result<(StoryFile, Keys)> {
    let error = |e: toml::de::Error| {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = e.message().replace('\n', " ");
        Error::data(
            Location {
                path: path.to_path_buf(),
                line,
                field: None,
            },
            format!("{message}; see data/README.md for the keys a story file takes"),
        )
    };
    let table = DeTable::parse(text).map_err(error)?;
    let keys = Keys::of(&table, text);
    let file = StoryFile::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| keys.refine(path, text, e).unwrap_or_else(error))?;
    Ok((file, keys))
}

/// The 1-based line of byte `at` of `text`.
fn line_of(text: &str, at: usize) -> u64 {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The line of every key of a story file and of every element of its
/// arrays, by path (`title`, `charts[2].title`, `charts[1].parts[0].figure`),
/// from the spans the TOML parser gives.
#[derive(Debug, Clone, Default)]
struct Keys(HashMap<String, u64>);

impl Keys {
    fn of(table: &toml::Spanned<DeTable>, text: &str) -> Keys {
        // Where each line starts, to turn a byte offset into a line.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line = |at: usize| starts.partition_point(|&s| s <= at) as u64;
        let mut keys = Keys::default();
        keys.table("", table.get_ref(), &line);
        keys
    }

    fn table(&mut self, prefix: &str, table: &DeTable, line: &impl Fn(usize) -> u64) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            self.0.insert(path.clone(), line(key.span().start));
            self.value(&path, value.get_ref(), line);
        }
    }

    fn value(&mut self, path: &str, value: &DeValue, line: &impl Fn(usize) -> u64) {
        match value {
            DeValue::Table(t) => self.table(path, t, line),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{path}[{i}]");
                    self.0.insert(path.clone(), line(item.span().start));
                    self.value(&path, item.get_ref(), line);
                }
            }
            _ => {}
        }
    }

    /// A key a table does not take, or a kind no chart has, placed at its
    /// own key (`charts[0].kind`) rather than at the table that holds it,
    /// which is all the reader's span gives; the error itself otherwise.
    fn refine(
        &self,
        path: &Path,
        text: &str,
        e: toml::de::Error,
    ) -> std::result::Result<Error, toml::de::Error> {
        let Some(at) = e.span().map(|s| line_of(text, s.start)) else {
            return Err(e);
        };
        let message = e.message().replace('\n', " ");
        let named = |prefix: &str| {
            let rest = message.strip_prefix(prefix)?;
            rest.split('`').next().map(str::to_string)
        };
        let field = match (named("unknown field `"), named("unknown variant `")) {
            (Some(f), _) => f,
            (None, Some(_)) => "kind".to_string(),
            _ => return Err(e),
        };
        // The table at that line, the shortest path written there.
        let Some(table) = self
            .0
            .iter()
            .filter(|(_, line)| **line == at)
            // The unknown key itself, or an element of its value, stands for
            // the table that holds it.
            .map(|(k, _)| match k.rsplit_once('.') {
                Some((table, last)) if last.split('[').next() == Some(field.as_str()) => table,
                _ => k.as_str(),
            })
            // An array's element (`charts[0]`) before the array itself.
            .min_by_key(|k| (!k.ends_with(']'), k.len()))
        else {
            return Err(e);
        };
        let key = format!("{table}.{field}");
        let guide = if table.starts_with("charts") {
            "see data/README.md for the keys each kind of chart takes"
        } else if table.starts_with("languages") {
            "see data/README.md, \"A story in two languages\", for the keys a language takes"
        } else {
            "see data/README.md for the keys of the story file"
        };
        Ok(Error::data(
            self.locate(path, &key),
            format!("{message}; {guide}"),
        ))
    }

    /// Where `key` stands: its own line, or else that of the nearest key
    /// that holds it (`charts[1]` for a `charts[1].notes[0]` not written),
    /// or no line when none is written.
    fn locate(&self, path: &Path, key: &str) -> Location {
        let mut k = key;
        let line = loop {
            if let Some(&line) = self.0.get(k) {
                break Some(line);
            }
            match k.rfind(['.', '[']) {
                Some(cut) => k = &k[..cut],
                None => break None,
            }
        };
        Location::key(path, line, key)
    }
}

/// Where `key` (like `charts[1].title`) stands in the story file `text`
/// at `path`; no line when the text does not parse.
pub fn locate(path: &Path, text: &str, key: &str) -> Location {
    match DeTable::parse(text) {
        Ok(table) => Keys::of(&table, text).locate(path, key),
        Err(_) => Location::key(path, None, key),
    }
}

/// Checks what the story file says beyond its shape; every problem is
/// recorded.
fn validate(path: &Path, keys: &Keys, f: &StoryFile, sources: &Known, problems: &mut Problems) {
    let mut fail = |key: &str, message: String| problems.push(keys.locate(path, key), message);
    if !crate::licenses::is_known(&f.license) {
        fail(
            "license",
            format!(
                "unknown licence {:?}; expected one of {}",
                f.license,
                crate::licenses::KNOWN
                    .iter()
                    .map(|l| l.0)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    for (name, v) in [
        ("hedges.about", f.hedges.about),
        ("hedges.nearly", f.hedges.nearly),
    ] {
        if !(0.0..1.0).contains(&v) {
            fail(
                name,
                format!("expected a fraction between 0 and 1 (like 0.1 for 10%), found {v}"),
            );
        }
    }
    for (key, v) in [("title", &f.title), ("question", &f.question)] {
        if let Some(p) = crate::ledger::placeholder(v) {
            fail(
                key,
                format!(
                    "{p:?} is a placeholder an earlier `init` wrote, not the story's {key}; write a true {key} here"
                ),
            );
        }
    }
    for (i, t) in f.officials_terms.iter().enumerate() {
        if t.trim().is_empty() || t.contains(['"', '“', '”']) {
            fail(
                &format!("officials_terms[{i}]"),
                format!("expected a word or phrase without quotation marks, found {t:?}"),
            );
        }
    }
    for (i, c) in f.caveats.iter().enumerate() {
        if let Some(s) = &c.source {
            if let Found::Unknown = sources.find(s) {
                fail(
                    &format!("caveats[{i}].source"),
                    format!("unknown source `{s}`; expected an id from sources.csv"),
                );
            }
        }
    }
    validate_languages(f, sources, &mut fail);
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in f.charts.iter().enumerate() {
        if !crate::ledger::is_id(&c.id) {
            fail(
                &format!("charts[{i}].id"),
                format!(
                    "expected an id of lowercase letters, digits and _ (like `spending_by_year`), found {:?}",
                    c.id
                ),
            );
        } else if let Some(first) = ids.insert(&c.id, i) {
            fail(
                &format!("charts[{i}].id"),
                format!(
                    "duplicate chart id `{}`, first used by charts[{first}]",
                    c.id
                ),
            );
        }
    }
}

/// Checks the languages: each one's outlets name sources, and every chart
/// has an edition in each language the story publishes in besides its own,
/// and none in any other.
fn validate_languages(f: &StoryFile, sources: &Known, fail: &mut impl FnMut(&str, String)) {
    for (lang, spec) in &f.languages {
        for id in spec.outlets.keys() {
            if let Found::Unknown = sources.find(id) {
                fail(
                    &format!("languages.{lang}.outlets.{id}"),
                    format!("unknown source `{id}`; expected an id from sources.csv"),
                );
            }
        }
    }
    let publishes = f.publishes_in();
    let others: Vec<String> = publishes[1..].iter().map(|l| format!("`{l}`")).collect();
    for (i, c) in f.charts.iter().enumerate() {
        for lang in &publishes[1..] {
            if !c.editions.contains_key(lang) {
                fail(
                    &format!("charts[{i}]"),
                    format!(
                        "chart `{}` has no `editions.{lang}`; the story publishes every chart in {} besides its language `{}` (see `languages`), so each chart needs an edition in it with its title, subtitle, alt and labels",
                        c.id,
                        others.join(" and "),
                        f.language
                    ),
                );
            }
        }
        for lang in c.editions.keys().filter(|l| !publishes[1..].contains(l)) {
            let why = if *lang == f.language {
                "is the story's own language (its words are the chart's own keys)".to_string()
            } else {
                format!("the story does not publish in (add `[languages.{lang}]`)")
            };
            fail(
                &format!("charts[{i}].editions.{lang}"),
                format!(
                    "an edition in `{lang}`, which {why}; expected editions in {}",
                    if others.is_empty() {
                        "no other language".to_string()
                    } else {
                        others.join(" and ")
                    }
                ),
            );
        }
    }
}

/// A row of `review.csv`, as written.
#[derive(Deserialize)]
struct ReviewRow<'a> {
    location: &'a str,
    sentence: &'a str,
    verdict: &'a str,
    fix: &'a str,
}

fn load_review(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    problems: &mut Problems,
) -> Vec<ReviewEntry> {
    let mut out = Vec::new();
    if !path.exists() {
        return out;
    }
    let columns = ["location", "sentence", "verdict", "fix"];
    let Some(mut rows) = crate::ledger::Rows::open(path, &columns, &[], hashes, problems) else {
        return out;
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<ReviewRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        if !VERDICTS.contains(&r.verdict) {
            c.fail(
                "verdict",
                format!(
                    "expected one of {}, found {:?}",
                    VERDICTS.join(", "),
                    r.verdict
                ),
            );
        }
        let entry = ReviewEntry {
            location: c.required("location", r.location),
            sentence: c.required("sentence", r.sentence),
            verdict: r.verdict.to_string(),
            fix: c.required("fix", r.fix),
            line: c.line,
        };
        if !c.bad {
            out.push(entry);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_located() {
        let text = "title = \"t\"\n\n[[charts]]\nid = \"a\"\ntitle = \"x\"\n\n[[charts]]\nid = \"b\"\ntitle = \"y\"\nparts = [\n  { figure = \"f\", label = \"F\" },\n  { figure = \"g\", label = \"G\" },\n]\n\n[[caveats]]\ntext = \"c\"\n\n[hedges]\nnearly = 0.2\n";
        let p = Path::new("story.toml");
        let line = |key: &str| locate(p, text, key).line;
        assert_eq!(line("title"), Some(1));
        assert_eq!(line("charts[1].title"), Some(9));
        assert_eq!(line("charts[0].id"), Some(4));
        // A key not written stands where what holds it does.
        assert_eq!(line("charts[1].notes[0]"), Some(7));
        assert_eq!(line("charts[1].parts[1].figure"), Some(12));
        assert_eq!(line("charts[1].parts[0]"), Some(11));
        assert_eq!(line("caveats[0].text"), Some(16));
        assert_eq!(line("hedges.nearly"), Some(19));
        assert_eq!(line("hedges.about"), Some(18));
        assert_eq!(line("officials_terms[0]"), None);
        assert_eq!(
            locate(p, text, "charts[1].title").field.as_deref(),
            Some("charts[1].title")
        );
    }
}
