//! Editing a story folder from code: accept a draft, correct a field, drop
//! a proposal, add a chart, without writing CSV or TOML by hand.
//!
//! `newsfigures init` drafts a story folder in which every row is marked
//! `draft`. A journalist reviews the drafts in a spreadsheet, or in a
//! notebook through [`StoryFolder`]: each method changes the folder's files
//! the way an editor would by hand, then loads and analyses the story
//! again (ledger, story file, metrics, checks and chart words). An edit
//! that would leave a working story broken is undone, and the error lists
//! every problem, as `newsfigures build` would; a story that was already
//! broken is edited anyway, so that a fix can be made one step at a time.
//! Numbers in a text that the ledger does not match do not count as broken
//! here: `newsfigures build` reports them.
//!
//! ```no_run
//! # fn main() -> newsfigures::Result<()> {
//! use newsfigures::edit::StoryFolder;
//! let folder = StoryFolder::open("my-story")?;
//! println!("{}", folder.drafts()?);
//! folder.set("p4_2_100", "counts", "Families in Northbank")?;
//! folder.accept(&["p4_2_100", "p3_4_250_parts"])?;
//! # Ok(()) }
//! ```

use std::path::{Path, PathBuf};

use polars::prelude::{Column, DataFrame};

use crate::error::{Error, Location, Result};
use crate::ledger::{FIGURE_COLUMNS, METRIC_COLUMNS, RELATION_COLUMNS};
use crate::story::{ChartSpec, STORY_FILE, Story};

/// The files whose rows have ids, with the columns each may have.
const FILES: [(&str, &[&str]); 3] = [
    ("figures.csv", &FIGURE_COLUMNS),
    ("relations.csv", &RELATION_COLUMNS),
    ("metrics.csv", &METRIC_COLUMNS),
];

/// A story folder opened for editing.
#[derive(Debug, Clone)]
pub struct StoryFolder {
    dir: PathBuf,
}

/// One CSV file of the ledger as text cells, in file order.
struct Table {
    path: PathBuf,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The bytes as read, to put back if an edit is undone.
    before: Vec<u8>,
}

impl Table {
    fn read(path: PathBuf) -> Result<Table> {
        let before = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(before.as_slice());
        let bad = |e: csv::Error, path: &Path| {
            let line = e.position().map_or(0, |p| p.line());
            Error::data(
                Location::line(path, line),
                format!("cannot read this file as CSV ({e}); fix it by hand first"),
            )
        };
        let columns: Vec<String> = reader
            .headers()
            .map_err(|e| bad(e, &path))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| bad(e, &path))?;
            let mut row: Vec<String> = record.iter().map(str::to_string).collect();
            row.resize(columns.len(), String::new());
            rows.push(row);
        }
        Ok(Table {
            path,
            columns,
            rows,
            before,
        })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The index of the column `name`, added (empty in every row) if the
    /// file does not have it yet.
    fn column_or_add(&mut self, name: &str) -> usize {
        if let Some(i) = self.column(name) {
            return i;
        }
        self.columns.push(name.to_string());
        for row in &mut self.rows {
            row.push(String::new());
        }
        self.columns.len() - 1
    }

    fn row_of(&self, id: &str) -> Option<usize> {
        let i = self.column("id")?;
        self.rows.iter().position(|r| r[i] == id)
    }

    fn bytes(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&self.columns);
        for r in &self.rows {
            let _ = w.write_record(r);
        }
        w.into_inner().unwrap_or_default()
    }
}

/// Whether an edit keeps the row it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Row,
    Not,
}

/// A chart's TOML with its table headers moved under the chart the story
/// file's `[[charts]]` just opened: `[editions.ur]` becomes
/// `[charts.editions.ur]`, as the story file writes it.
fn within_chart(toml: &str) -> String {
    let header = |line: &str, open: &str, close: &str| {
        let name = line.trim().strip_prefix(open)?.strip_suffix(close)?.trim();
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c));
        ok.then(|| format!("{open}charts.{name}{close}"))
    };
    toml.lines()
        .map(|line| {
            header(line, "[[", "]]")
                .or_else(|| header(line, "[", "]"))
                .unwrap_or_else(|| line.to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `bytes` to `path` through a temporary file beside it, so that
/// the file is never half-written.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".editing");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

impl StoryFolder {
    /// Opens the story folder `dir` (one holding `story.toml`).
    pub fn open(dir: impl AsRef<Path>) -> Result<StoryFolder> {
        let dir = dir.as_ref().to_path_buf();
        let file = dir.join(STORY_FILE);
        if !file.is_file() {
            return Err(Error::data(
                Location::file(&file),
                "no story file here: give a story folder (one `newsfigures init` made, or data/)",
            ));
        }
        Ok(StoryFolder { dir })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads the story as it now stands.
    pub fn load(&self) -> Result<Story> {
        Story::load(&self.dir)
    }

    /// Loads and analyses the story as it now stands, as a build would,
    /// but with numbers in a text that the ledger does not match allowed
    /// (the analysis says so).
    pub fn analyse(&self) -> Result<crate::Analysis> {
        let options = crate::Options {
            allow_audit_problems: true,
            ..Default::default()
        };
        crate::Analysis::new(&self.load()?, &options)
    }

    /// Every row still marked `draft`: `file`, `line`, `id`, `what` (the
    /// words as printed, for a figure; the description, for a relation or
    /// metric) and `note` (why it was drafted as it was).
    pub fn drafts(&self) -> Result<DataFrame> {
        let (mut file, mut line, mut id, mut what, mut note) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (name, _) in FILES {
            let path = self.dir.join(name);
            if !path.exists() {
                continue;
            }
            let t = Table::read(path)?;
            let (Some(s), Some(i)) = (t.column("status"), t.column("id")) else {
                continue;
            };
            let words = t.column("printed").or(t.column("description"));
            let n = t.column("note");
            for (k, r) in t.rows.iter().enumerate() {
                if r[s].trim() == "draft" {
                    file.push(name);
                    line.push(k as u64 + 2);
                    id.push(r[i].clone());
                    what.push(words.map(|w| r[w].clone()).unwrap_or_default());
                    note.push(n.map(|n| r[n].clone()).unwrap_or_default());
                }
            }
        }
        let columns = vec![
            Column::new("file".into(), file),
            Column::new("line".into(), line),
            Column::new("id".into(), id),
            Column::new("what".into(), what),
            Column::new("note".into(), note),
        ];
        Ok(DataFrame::new_infer_height(columns)?)
    }

    /// Marks the rows with these ids (figures, relations or metrics) as
    /// checked, clearing their `status`; returns how many were drafts.
    /// Every id must name a row.
    pub fn accept(&self, ids: &[&str]) -> Result<usize> {
        let mut accepted = 0;
        self.edit(ids, |table, row| {
            if let Some(s) = table.column("status") {
                accepted += usize::from(table.rows[row][s].trim() == "draft");
                table.rows[row][s].clear();
            }
            Ok(Keep::Row)
        })?;
        Ok(accepted)
    }

    /// Sets `field` of the row `id` (a figure, relation or metric) to
    /// `value`, as it would be typed into the CSV file. The field must be
    /// one of that file's columns (data/README.md lists them).
    pub fn set(&self, id: &str, field: &str, value: &str) -> Result<()> {
        self.edit(&[id], |table, row| {
            let name = table.path.file_name().unwrap_or_default().to_string_lossy();
            let (_, allowed) = FILES
                .iter()
                .find(|(f, _)| *f == name)
                .expect("edits touch only the files with ids");
            if !allowed.contains(&field) {
                return Err(Error::data(
                    Location::field(&table.path, row as u64 + 2, field),
                    format!(
                        "{name} has no field `{field}`; expected one of: {}",
                        allowed.join(", ")
                    ),
                ));
            }
            let c = table.column_or_add(field);
            table.rows[row][c] = value.to_string();
            Ok(Keep::Row)
        })
    }

    /// Deletes the relations or metrics with these ids (a proposal the
    /// journalist rejects). A figure stays in the ledger: every number in
    /// the text must be accounted for, so correct it with [`Self::set`].
    pub fn remove(&self, ids: &[&str]) -> Result<usize> {
        let mut removed = 0;
        self.edit(ids, |table, row| {
            if table.path.ends_with("figures.csv") {
                return Err(Error::data(
                    Location::line(&table.path, row as u64 + 2),
                    "a figure cannot be removed: every number in the text is accounted for \
                     in figures.csv or exclusions.csv; correct its fields instead",
                ));
            }
            removed += 1;
            Ok(Keep::Not)
        })?;
        Ok(removed)
    }

    /// Adds a chart to the story file: `toml` holds the chart's keys as
    /// they would stand under a `[[charts]]` header (`id`, `kind`, `title`,
    /// ... as data/README.md describes), and any tables of its own under
    /// headers of their own (`[editions.ur]`, for a story that publishes in
    /// two languages). The chart is checked as the story file's charts are;
    /// its id must be new.
    pub fn add_chart(&self, toml: &str) -> Result<()> {
        let path = self.dir.join(STORY_FILE);
        let spec: ChartSpec = toml::from_str(toml).map_err(|e| {
            Error::data(
                Location::file(&path),
                format!("the chart given is not a chart definition: {}", e.message()),
            )
        })?;
        let before = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let worked = self.analyse().is_ok();
        if let Some(old) = self
            .load()
            .ok()
            .and_then(|s| s.file.charts.into_iter().find(|c| c.id == spec.id))
        {
            return Err(Error::data(
                Location::file(&path),
                format!(
                    "the story file already has a chart `{}`; give the new one another id",
                    old.id
                ),
            ));
        }
        let mut text = String::from_utf8_lossy(&before).into_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("\n[[charts]]\n");
        text.push_str(&within_chart(toml.trim()));
        text.push('\n');
        replace(&path, text.as_bytes())?;
        self.keep_or_undo(worked, &[(path, before)])
    }

    /// Finds each id's row, applies `change` to it, drops the rows it says
    /// not to keep, writes the files it changed and loads the story again,
    /// undoing everything if the story built before and does not now.
    fn edit(
        &self,
        ids: &[&str],
        mut change: impl FnMut(&mut Table, usize) -> Result<Keep>,
    ) -> Result<()> {
        let worked = self.analyse().is_ok();
        let mut tables = Vec::new();
        for (name, _) in FILES {
            let path = self.dir.join(name);
            if path.exists() {
                tables.push(Table::read(path)?);
            }
        }
        let unknown: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| tables.iter().all(|t| t.row_of(id).is_none()))
            .collect();
        if !unknown.is_empty() {
            return Err(Error::data(
                Location::file(&self.dir),
                format!(
                    "no figure, relation or metric has the id {}; the ids are in the `id` column of \
                     figures.csv, relations.csv and metrics.csv",
                    crate::util::and_list(
                        &unknown.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>()
                    )
                ),
            ));
        }
        let mut touched = vec![false; tables.len()];
        for id in ids {
            for (k, t) in tables.iter_mut().enumerate() {
                if let Some(row) = t.row_of(id) {
                    if change(t, row)? == Keep::Not {
                        t.rows.remove(row);
                    }
                    touched[k] = true;
                }
            }
        }
        let mut saved = Vec::new();
        for (t, _) in tables.iter().zip(&touched).filter(|(_, t)| **t) {
            replace(&t.path, &t.bytes())?;
            saved.push((t.path.clone(), t.before.clone()));
        }
        self.keep_or_undo(worked, &saved)
    }

    /// Analyses the story after an edit; if that worked before and does
    /// not now, puts every file back as it was and returns the problems.
    fn keep_or_undo(&self, worked: bool, saved: &[(PathBuf, Vec<u8>)]) -> Result<()> {
        match self.analyse() {
            Err(e) if worked => {
                for (path, bytes) in saved {
                    replace(path, bytes)?;
                }
                Err(e.context("the edit was undone, because the story would not build after it"))
            }
            _ => Ok(()),
        }
    }
}
