//! Reading and validating the ledger's CSV files.
//!
//! Each file is read whole with the `csv` crate; its header row is checked,
//! then each row is deserialized by column name into a record of text
//! fields and checked field by field into a typed record. Every problem is
//! recorded, naming the file, the line and the field and saying what was
//! expected, and reading goes on: a row with a problem is left out, but its
//! id, when valid, is still known, so that references to it are not
//! reported as unknown as well. Ids are resolved through hash maps, so
//! loading is linear in the number of rows.

use std::cell::Cell;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::*;
use crate::error::Problems;
use crate::numbers::Qualifier;

/// Longest text field accepted, in characters. Fields hold short phrases
/// and notes, never a report's text.
const MAX_FIELD: usize = 4000;
/// Longest `printed` or `attribution_text`: a few words around a figure.
const MAX_PRINTED: usize = 200;

/// True for ids made of lowercase letters, digits and underscores,
/// starting with a letter.
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && s.as_bytes()[0].is_ascii_lowercase()
}

/// The rows of one CSV file, read whole, its header row checked.
pub(crate) struct Rows {
    path: PathBuf,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    /// The header row, trimmed.
    headers: csv::StringRecord,
    /// The current row, its fields trimmed.
    record: csv::StringRecord,
    /// The line the current row starts on.
    pub line: u64,
    /// True once a row could not be read, so its id is not known.
    skipped: Cell<bool>,
}

impl Rows {
    /// Opens `path`, requiring the `required` columns; `optional` columns
    /// may be absent; any other column is a problem (usually a typo). The
    /// file's SHA-256 goes into `hashes`. A file that cannot be read as a
    /// table (missing, not UTF-8, empty, its header row wrong) is one
    /// problem, recorded, and `None`.
    pub(crate) fn open(
        path: &Path,
        required: &[&str],
        optional: &[&str],
        hashes: &mut Vec<(String, String)>,
        problems: &mut Problems,
    ) -> Option<Rows> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.add(path, Error::io(path, e));
                return None;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        hashes.push((name, crate::util::sha256(&bytes)));
        Rows::from_bytes(path, bytes, required, optional)
            .map_err(|e| problems.add(path, e))
            .ok()
    }

    fn from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Rows> {
        crate::util::check_utf8(
            path,
            &bytes,
            "expected UTF-8 text; save the file as CSV UTF-8",
        )?;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::data(
                Location::file(path),
                format!(
                    "the file is empty; expected a header row: {}",
                    required.join(",")
                ),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(std::io::Cursor::new(bytes));
        let found = reader
            .headers()
            .map_err(|e| csv_error(path, e.position().map(|p| p.line()), e))?
            .clone();
        let mut headers = csv::StringRecord::new();
        for h in &found {
            let h = h.trim_start_matches('\u{feff}');
            if !required.contains(&h) && !optional.contains(&h) {
                let mut known: Vec<&str> = required.to_vec();
                known.extend(optional.iter().filter(|c| !required.contains(c)));
                return Err(Error::data(
                    Location::line(path, 1),
                    format!(
                        "unknown column `{h}`; expected the columns {}",
                        known.join(", ")
                    ),
                ));
            }
            if headers.iter().any(|seen| seen == h) {
                return Err(Error::data(
                    Location::line(path, 1),
                    format!("the column `{h}` appears twice in the header row"),
                ));
            }
            headers.push_field(h);
        }
        if let Some(missing) = required.iter().find(|c| !headers.iter().any(|h| h == **c)) {
            return Err(Error::data(
                Location::line(path, 1),
                format!(
                    "missing column `{missing}`; the header row must name {}",
                    required.join(", ")
                ),
            ));
        }
        reader.set_headers(headers.clone());
        Ok(Rows {
            path: path.to_path_buf(),
            reader,
            headers,
            record: csv::StringRecord::new(),
            line: 1,
            skipped: Cell::new(false),
        })
    }

    /// Advances to the next row that holds anything: a row of empty fields
    /// (a blank line in a spreadsheet export) is skipped, and a row of the
    /// wrong length is a problem, recorded and skipped. False at the end.
    pub(crate) fn next(&mut self, problems: &mut Problems) -> bool {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return false,
                Ok(true) => {
                    self.line = self.record.position().map_or(0, |p| self.line_at(p));
                    if self.record.len() != self.headers.len() {
                        problems.push(
                            Location::line(&self.path, self.line),
                            unequal(self.headers.len(), self.record.len()),
                        );
                        self.skipped.set(true);
                        continue;
                    }
                    if self.record.iter().all(str::is_empty) {
                        continue;
                    }
                    return true;
                }
                Err(e) => {
                    // Only the reader's own errors come here; after one,
                    // nothing more of the file is read.
                    let line = e.position().map(|p| self.line_at(p));
                    problems.add(&self.path, csv_error(&self.path, line, e));
                    self.skipped.set(true);
                    return false;
                }
            }
        }
    }

    /// The current row as a record `R`, its fields found by column name;
    /// `None` (a problem recorded) if it does not fit.
    pub(crate) fn row<'a, R: Deserialize<'a>>(&'a self, problems: &mut Problems) -> Option<R> {
        match self.record.deserialize(Some(&self.headers)) {
            Ok(r) => Some(r),
            Err(e) => {
                problems.push(
                    Location::line(&self.path, self.line),
                    format!("malformed row: {e}"),
                );
                self.skipped.set(true);
                None
            }
        }
    }

    /// A check of the current row.
    pub(crate) fn check<'a>(&'a self, problems: &'a mut Problems) -> Check<'a> {
        Check {
            path: &self.path,
            line: self.line,
            problems,
            bad: false,
        }
    }

    /// True when some row could not be read at all, so its id is unknown.
    pub(crate) fn skipped_any(&self) -> bool {
        self.skipped.get()
    }

    /// The line a row at reader position `p` starts on. The reader places
    /// a row that follows blank lines at the first of them; the row starts
    /// after them.
    fn line_at(&self, p: &csv::Position) -> u64 {
        let bytes = self.reader.get_ref().get_ref();
        let mut line = p.line();
        for &b in bytes.iter().skip(p.byte() as usize) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
        }
        line
    }
}

/// The checks of one row: where it is, and where its problems go.
pub(crate) struct Check<'a> {
    path: &'a Path,
    /// The row's line.
    pub line: u64,
    problems: &'a mut Problems,
    /// True once a problem is found in the row.
    pub bad: bool,
}

impl Check<'_> {
    /// Where a field of the row is.
    pub(crate) fn at(&self, field: &str) -> Location {
        Location::field(self.path, self.line, field)
    }

    /// Records a problem in a field of the row.
    pub(crate) fn fail(&mut self, field: &str, message: impl Into<String>) {
        let at = self.at(field);
        self.problems.push(at, message);
        self.bad = true;
    }

    /// A text field, checked for characters that do not belong in text.
    pub(crate) fn text<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str) -> T {
        self.within(field, v, MAX_FIELD)
    }

    /// A short phrase copied from a source ("7,984", "Briefings revealed").
    pub(crate) fn phrase<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str) -> T {
        self.within(field, v, MAX_PRINTED)
    }

    fn within<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str, max: usize) -> T {
        if let Err(m) = check_text(v, max) {
            self.fail(field, m);
        }
        T::from(v)
    }

    /// A text field that must not be empty.
    pub(crate) fn required<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str) -> T {
        if v.is_empty() {
            self.fail(field, "expected a value, found an empty field");
            T::from(v)
        } else {
            self.text(field, v)
        }
    }

    /// An id field; `None` when it is not a valid id.
    pub(crate) fn id<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str) -> Option<T> {
        if v.is_empty() {
            self.fail(field, "expected an id, found an empty field");
            None
        } else if is_id(v) {
            Some(T::from(v))
        } else {
            self.fail(
                field,
                format!(
                    "expected an id of lowercase letters, digits and _ starting with a letter (like `roads_2025`), found {v:?}"
                ),
            );
            None
        }
    }

    /// An optional id field.
    fn optional_id<T: for<'v> From<&'v str>>(&mut self, field: &str, v: &str) -> Option<T> {
        if v.is_empty() {
            None
        } else {
            self.id(field, v)
        }
    }

    /// A paragraph number (1, 2, …); 0 when it is not one.
    fn paragraph(&mut self, field: &str, v: &str) -> u32 {
        match v.parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                self.fail(
                    field,
                    format!("expected a paragraph number (1, 2, …), found {v:?}"),
                );
                0
            }
        }
    }
}

/// The ids of one file's rows, for resolving references to them.
pub(crate) struct Known {
    ids: HashMap<Text, Seen>,
    /// False when some row's id could not be read (or repeated another),
    /// so that an id not found may be the one that row was meant to have.
    complete: bool,
}

/// Where an id was first seen.
#[derive(Clone, Copy)]
struct Seen {
    line: u64,
    /// The row's position among the file's valid rows; `None` for a row
    /// with a problem.
    row: Option<usize>,
}

/// What a reference to an id finds.
pub(crate) enum Found {
    /// A valid row, at this position.
    Row(usize),
    /// A row with a problem (already reported), or possibly one whose id
    /// could not be read: nothing more can be checked through it.
    Unusable,
    /// No row has the id.
    Unknown,
}

impl Known {
    fn new() -> Known {
        Known {
            ids: HashMap::new(),
            complete: true,
        }
    }

    /// What `id` refers to.
    pub(crate) fn find(&self, id: &str) -> Found {
        match self.ids.get(id) {
            Some(Seen { row: Some(i), .. }) => Found::Row(*i),
            Some(_) => Found::Unusable,
            None if self.complete => Found::Unknown,
            None => Found::Unusable,
        }
    }

    /// Records the id of the row at `line`, and keeps the row in `kept`
    /// when it is valid. A row whose id is not valid (`None`) or repeats
    /// another's is not kept; for a repeat, the line of the first use.
    fn keep<T>(
        &mut self,
        id: Option<&str>,
        line: u64,
        row: Option<T>,
        kept: &mut Vec<T>,
    ) -> Option<u64> {
        let Some(id) = id else {
            self.complete = false;
            return None;
        };
        let first = self.insert(id, line, row.is_some().then_some(kept.len()));
        if first.is_none() {
            kept.extend(row);
        }
        first
    }

    /// Records that `id`, at `line`, is the valid row at `row` (or a row
    /// with a problem); if the id was seen before, the line of its first
    /// use instead.
    fn insert(&mut self, id: &str, line: u64, row: Option<usize>) -> Option<u64> {
        match self.ids.entry(Text::from(id)) {
            Entry::Occupied(first) => {
                self.complete = false;
                Some(first.get().line)
            }
            Entry::Vacant(slot) => {
                slot.insert(Seen { line, row });
                None
            }
        }
    }

    /// Marks the row with this id as having a problem.
    fn spoil(&mut self, id: &str) {
        if let Some(seen) = self.ids.get_mut(id) {
            seen.row = None;
        }
    }

    /// The position of each valid row, by id.
    fn positions(&self) -> HashMap<Text, usize> {
        self.ids
            .iter()
            .filter_map(|(id, seen)| seen.row.map(|i| (id.clone(), i)))
            .collect()
    }
}

/// Refuses text with control characters, bidirectional overrides, spreadsheet
/// formulas, or more than `max` characters.
fn check_text(v: &str, max: usize) -> std::result::Result<(), String> {
    if let Some(c) = crate::util::forbidden_char(v) {
        return Err(format!(
            "the text holds the invisible control character U+{:04X}; remove it (it can hide or reorder text)",
            c as u32
        ));
    }
    if v.starts_with(['=', '@']) {
        return Err(format!(
            "the text starts with {:?}, which spreadsheets run as a formula; reword it",
            &v[..1]
        ));
    }
    // A character is at least one byte: count only what may be too long.
    let n = if v.len() > max { v.chars().count() } else { 0 };
    if n > max {
        return Err(format!(
            "the text is {n} characters long; a field holds at most {max} (quote only the few words around a figure)"
        ));
    }
    Ok(())
}

fn unequal(expected: usize, found: usize) -> String {
    format!(
        "expected {expected} fields like the header row, found {found}; check for a missing or extra comma, or an unquoted comma in a text field"
    )
}

fn csv_error(path: &Path, line: Option<u64>, e: csv::Error) -> Error {
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => unequal(*expected_len as usize, *len as usize),
        csv::ErrorKind::Utf8 { .. } => {
            "expected UTF-8 text; save the file as CSV UTF-8".to_string()
        }
        _ => format!("malformed CSV: {e}"),
    };
    let at = match line {
        Some(l) => Location::line(path, l),
        None => Location::file(path),
    };
    Error::data(at, message)
}

/// A full date, `YYYY-MM-DD`, with a real month and day.
pub(crate) fn is_date(s: &str) -> bool {
    s.len() == 10 && is_partial_date(s)
}

/// A web address we link to: `https://` or `http://`.
pub(crate) fn is_web_address(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub(crate) fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            if !(num(y, 4) && num(m, 2) && num(d, 2)) {
                return false;
            }
            let (y, m, d): (u32, u32, u32) = (
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            );
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

/// Parses `a + b - c` into terms (ids not yet resolved).
pub(crate) fn parse_sum(s: &str) -> std::result::Result<Vec<(i8, &str)>, String> {
    let mut terms = Vec::new();
    let mut sign = 1i8;
    let mut expect_figure = true;
    let bad = || format!("expected figure ids joined by + or - (like `a + b - c`), found {s:?}");
    for token in s.split_whitespace() {
        match (expect_figure, token) {
            (false, "+") => {
                sign = 1;
                expect_figure = true;
            }
            (false, "-") => {
                sign = -1;
                expect_figure = true;
            }
            (true, "-") if terms.is_empty() => sign = -1,
            (true, id) if is_id(id) => {
                terms.push((sign, id));
                expect_figure = false;
            }
            _ => return Err(bad()),
        }
    }
    if terms.is_empty() || expect_figure {
        return Err(bad());
    }
    Ok(terms)
}

/// Parses a value: a plain number (`7984`, `-5`, `0.5`) or a fraction of
/// whole numbers (`2/3`).
pub(crate) fn parse_value(v: &str) -> Option<f64> {
    if let Some((a, b)) = v.split_once('/') {
        let (a, b): (i64, i64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        return (b != 0).then(|| a as f64 / b as f64);
    }
    if !v
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    v.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Parses `name=value; name=value`.
fn parse_pairs(
    v: &str,
    sep: char,
    what: &str,
    name_ok: impl Fn(&str) -> bool,
    name_hint: impl Fn() -> String,
) -> std::result::Result<Vec<(Text, Text)>, String> {
    let mut out: Vec<(Text, Text)> = Vec::new();
    if v.is_empty() {
        return Ok(out);
    }
    for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = part.split_once(sep) else {
            return Err(format!(
                "expected {what} written `name{sep}value` and separated by `;`, found {part:?}"
            ));
        };
        let (name, value) = (name.trim(), value.trim());
        if !name_ok(name) {
            return Err(format!("{what}: {}, found {name:?}", name_hint()));
        }
        if value.is_empty() {
            return Err(format!("{what}: `{name}` has no value"));
        }
        if out.iter().any(|(n, _)| n == name) {
            return Err(format!("{what}: `{name}` is given twice"));
        }
        out.push((name.into(), value.into()));
    }
    Ok(out)
}

/// Loads the ledger in `dir`, recording every problem in `problems`
/// instead of stopping at the first. The ledger is whole, and every check
/// ran, only when no problem was recorded; the ids of its sources come
/// with it, for checking the story file's references to them.
pub(crate) fn load_into(dir: &Path, problems: &mut Problems) -> (Ledger, Known) {
    let mut hashes = Vec::new();
    let (sources, source_ids) = sources(&dir.join("sources.csv"), &mut hashes, problems);
    let fig_path = dir.join("figures.csv");
    let (figures, mut figure_ids) = figures(&fig_path, &mut hashes, &source_ids, problems);
    let linked = Linked::of(&figures);
    cross_check_figures(&fig_path, &figures, &mut figure_ids, &linked, problems);
    // Series group figures by their sources' dates: only meaningful when
    // every source and figure was read.
    let whole = problems.is_empty();
    let relations = relations(
        &dir.join("relations.csv"),
        &mut hashes,
        &figures,
        &figure_ids,
        problems,
    );
    let met_path = dir.join("metrics.csv");
    let (mut metrics, mut metric_ids) =
        metrics(&met_path, &mut hashes, &figures, &figure_ids, problems);
    let mut index = Index {
        sources: source_ids.positions(),
        figures: figure_ids.positions(),
        ..Index::default()
    };
    let series = if whole {
        crate::ledger::series::all(&figures, &linked.series, &sources, &index.sources)
    } else {
        Vec::new()
    };
    let from_file = metrics.len();
    derive_series_metrics(&figures, &series, &mut metrics);
    for (i, m) in metrics.iter().enumerate().skip(from_file) {
        if let Some(first) = metric_ids.insert(&m.id, m.line, Some(i)) {
            problems.push(
                Location::field(&met_path, first.max(m.line), "id"),
                format!(
                    "duplicate metric id `{}` (series change metrics are named `<later figure>_change` and `<later figure>_pct_change`); ids must be unique",
                    m.id
                ),
            );
        }
    }
    // A printed derived number must name a metric that exists (one the
    // series derive, if they could be grouped).
    let tied = linked
        .metrics
        .iter()
        .map(|&i| &figures[i])
        .filter(|_| whole);
    for (f, m) in tied.filter_map(|f| Some((f, f.metric.as_ref()?))) {
        if let Found::Unknown = metric_ids.find(m) {
            problems.push(
                Location::field(&fig_path, f.line, "metric"),
                format!(
                    "unknown metric `{m}`; expected an id from metrics.csv or a series change metric"
                ),
            );
        }
    }
    index.metrics = metric_ids.positions();
    for &i in &linked.subsets {
        if let Some(p) = &figures[i].subset_of {
            index.subsets.entry(p.clone()).or_default().push(i);
        }
    }
    let exclusions = exclusions(
        &dir.join("exclusions.csv"),
        &mut hashes,
        &source_ids,
        problems,
    );
    let paragraphs = paragraphs(
        &dir.join("paragraphs.csv"),
        &mut hashes,
        &source_ids,
        problems,
    );
    let ledger = Ledger {
        dir: dir.to_path_buf(),
        sources,
        figures,
        relations,
        metrics,
        exclusions,
        paragraphs,
        hashes,
        series,
        index,
    };
    (ledger, source_ids)
}

/// A row of `sources.csv`, as written.
#[derive(Deserialize)]
struct SourceRow<'a> {
    id: &'a str,
    title: &'a str,
    outlet: &'a str,
    date: &'a str,
    #[serde(default)]
    url: &'a str,
    #[serde(default)]
    language: &'a str,
    #[serde(default)]
    text_path: &'a str,
    #[serde(default)]
    sha256: &'a str,
    #[serde(default)]
    description: &'a str,
}

fn sources(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    problems: &mut Problems,
) -> (Vec<Source>, Known) {
    let mut out = Vec::new();
    let mut known = Known::new();
    let Some(mut rows) = Rows::open(path, &SOURCE_REQUIRED, &SOURCE_COLUMNS, hashes, problems)
    else {
        known.complete = false;
        return (out, known);
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<SourceRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let id: Option<String> = c.id("id", r.id);
        let source = source(&mut c, &r);
        let (line, row) = (c.line, if c.bad { None } else { source });
        if let Some(first) = known.keep(id.as_deref(), line, row, &mut out) {
            c.fail(
                "id",
                format!(
                    "duplicate id `{}`, first used on line {first}; ids must be unique",
                    r.id
                ),
            );
        }
    }
    known.complete &= !rows.skipped_any();
    if out.is_empty() && known.ids.is_empty() && !rows.skipped_any() {
        problems.push(
            Location::file(path),
            "expected at least one source after the header row",
        );
    }
    (out, known)
}

/// One row of `sources.csv`, checked.
fn source(c: &mut Check, r: &SourceRow) -> Option<Source> {
    if !is_date(r.date) {
        c.fail(
            "date",
            format!("expected a date as YYYY-MM-DD, found {:?}", r.date),
        );
    }
    let url: String = c.text("url", r.url);
    if !url.is_empty() && !is_web_address(&url) {
        c.fail(
            "url",
            format!("expected a web address starting with https:// or http://, found {url:?}"),
        );
    }
    let text_path: String = c.text("text_path", r.text_path);
    if url.is_empty() && text_path.is_empty() {
        c.fail(
            "url",
            "a source needs a text (text_path) or a web address (url), or both; found neither",
        );
    }
    let sha256 = r.sha256.to_ascii_lowercase();
    let hex = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    if !sha256.is_empty() && !hex {
        c.fail(
            "sha256",
            format!(
                "expected 64 hexadecimal digits (the output of `sha256sum FILE`), found {sha256:?}"
            ),
        );
    }
    if !text_path.is_empty() && sha256.is_empty() {
        c.fail(
            "sha256",
            "expected the SHA-256 of the text at text_path (the output of `sha256sum FILE`), found an empty field",
        );
    }
    let language = match r.language {
        "" => "en".to_string(),
        l if l.len() <= 8 && l.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') => {
            l.to_string()
        }
        l => {
            c.fail(
                "language",
                format!("expected a language code such as en or ur, found {l:?}"),
            );
            String::new()
        }
    };
    for (field, v) in [
        ("title", r.title),
        ("outlet", r.outlet),
        ("description", r.description),
    ] {
        if let Some(p) = crate::ledger::placeholder(v) {
            c.fail(
                field,
                format!("{p:?} is a placeholder an earlier `init` wrote, not the {field}; write the report's own {field} here"),
            );
        }
    }
    Some(Source {
        id: r.id.to_string(),
        title: c.required("title", r.title),
        outlet: c.required("outlet", r.outlet),
        url,
        date: r.date.to_string(),
        language,
        text_path,
        sha256,
        description: c.text("description", r.description),
        line: c.line,
    })
}

/// A row of `figures.csv`, as written.
#[derive(Deserialize)]
struct FigureRow<'a> {
    id: &'a str,
    source: &'a str,
    paragraph: &'a str,
    printed: &'a str,
    value: &'a str,
    kind: &'a str,
    unit: &'a str,
    counts: &'a str,
    #[serde(default)]
    qualifier: &'a str,
    #[serde(default)]
    scale: &'a str,
    #[serde(default)]
    attribution_text: &'a str,
    #[serde(default)]
    attributed_to: &'a str,
    #[serde(default)]
    period_text: &'a str,
    #[serde(default)]
    period_start: &'a str,
    #[serde(default)]
    period_end: &'a str,
    #[serde(default)]
    inferred: &'a str,
    #[serde(default)]
    series: &'a str,
    #[serde(default)]
    subset_of: &'a str,
    #[serde(default)]
    dimensions: &'a str,
    #[serde(default)]
    metric: &'a str,
    #[serde(default)]
    status: &'a str,
    #[serde(default)]
    note: &'a str,
}

fn figures(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    sources: &Known,
    problems: &mut Problems,
) -> (Vec<Figure>, Known) {
    let mut out = Vec::new();
    let mut known = Known::new();
    let Some(mut rows) = Rows::open(
        path,
        &FIGURE_COLUMNS[..8],
        &FIGURE_COLUMNS[8..],
        hashes,
        problems,
    ) else {
        known.complete = false;
        return (out, known);
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<FigureRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let id: Option<Text> = c.id("id", r.id);
        let figure = figure(&mut c, &r, sources);
        let (line, row) = (c.line, if c.bad { None } else { figure });
        if let Some(first) = known.keep(id.as_deref(), line, row, &mut out) {
            c.fail(
                "id",
                format!(
                    "duplicate id `{}`, first used on line {first}; ids must be unique",
                    r.id
                ),
            );
        }
    }
    known.complete &= !rows.skipped_any();
    (out, known)
}

/// One row of `figures.csv`, checked (all but its id).
fn figure(c: &mut Check, r: &FigureRow, sources: &Known) -> Option<Figure> {
    let source: Option<Text> = c.id("source", r.source);
    if let Some(Found::Unknown) = source.as_deref().map(|s| sources.find(s)) {
        c.fail(
            "source",
            format!(
                "unknown source `{}`; expected an id from sources.csv",
                r.source
            ),
        );
    }
    let status = row_status(c, r.status);
    let kind = Kind::parse(r.kind);
    if kind.is_none() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        c.fail(
            "kind",
            format!("expected one of {}, found {:?}", names.join(", "), r.kind),
        );
    }
    let value = figure_value(c, kind, r.value);
    let (qualifier, scale) = figure_hedge(c, r);
    let unit: Text = c.text("unit", r.unit);
    if kind == Some(Kind::Amount)
        && !(unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()))
    {
        c.fail(
            "unit",
            format!(
                "expected the currency as a three-letter code (PKR, INR, USD…) for an amount, found {unit:?}"
            ),
        );
    }
    if unit.is_empty() && status == Status::Checked {
        c.fail(
            "unit",
            "expected a unit (accounts, people, PKR…), found an empty field",
        );
    }
    let counts: Text = c.text("counts", r.counts);
    if counts.is_empty() && status == Status::Checked {
        c.fail(
            "counts",
            "expected what the figure counts, in plain words, found an empty field",
        );
    }
    let [period_start, period_end] = figure_period(c, kind, r);
    let (inferred, dimensions) = figure_pairs(c, r);
    let (attribution_text, attributed_to) = figure_attribution(c, r);
    let metric = c.optional_id("metric", r.metric);
    if let (Some(_), Some(kind)) = (&metric, kind) {
        if !kind.is_printed_derivation() {
            c.fail(
                "metric",
                format!(
                    "only a derived number the report prints (kind percent, ratio, fraction, one_in or change) can be tied to a metric; this figure is a {kind}"
                ),
            );
        }
    }
    let paragraph = c.paragraph("paragraph", r.paragraph);
    let printed: Text = c.phrase("printed", r.printed);
    if printed.is_empty() {
        c.fail(
            "printed",
            "expected the number as printed, found an empty field",
        );
    }
    let period_text = c.phrase("period_text", r.period_text);
    let series = c.optional_id("series", r.series);
    let subset_of = c.optional_id("subset_of", r.subset_of);
    let note = c.text("note", r.note);
    Some(Figure {
        id: Text::from(r.id),
        source: source?,
        paragraph,
        printed,
        value,
        qualifier,
        kind: kind?,
        unit,
        scale,
        counts,
        attribution_text,
        attributed_to,
        period_text,
        period_start,
        period_end,
        inferred,
        series,
        subset_of,
        dimensions,
        metric,
        status,
        note,
        line: c.line,
    })
}

/// A row's `status`: `draft`, or checked (empty).
fn row_status(c: &mut Check, raw: &str) -> Status {
    match raw {
        "" | "checked" => Status::Checked,
        "draft" => Status::Draft,
        other => {
            c.fail(
                "status",
                format!("expected `draft` or an empty field, found {other:?}"),
            );
            Status::Checked
        }
    }
}

/// A figure's qualifier and scale word, each one of those known or empty.
fn figure_hedge(c: &mut Check, r: &FigureRow) -> (Option<Qualifier>, Option<Text>) {
    let qualifier = match r.qualifier {
        "" => None,
        q => Qualifier::parse(q).or_else(|| {
            let names: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
            c.fail(
                "qualifier",
                format!(
                    "expected one of {} or an empty field, found {q:?}",
                    names.join(", ")
                ),
            );
            None
        }),
    };
    let scale = match r.scale {
        "" => None,
        s if crate::numbers::SCALES.iter().any(|(w, _)| *w == s) => Some(Text::from(s)),
        s => {
            let canonical: Vec<&str> = crate::numbers::SCALES.iter().map(|(w, _)| *w).collect();
            c.fail(
                "scale",
                format!(
                    "expected one of the scale words {} or an empty field, found {s:?}",
                    canonical.join(", ")
                ),
            );
            None
        }
    };
    (qualifier, scale)
}

/// A figure's value, checked against its kind (when the kind is known).
fn figure_value(c: &mut Check, kind: Option<Kind>, raw: &str) -> Option<f64> {
    match (kind, raw) {
        (Some(Kind::Date), "") | (None, "") => return None,
        (Some(Kind::Date), v) => {
            c.fail(
                "value",
                format!("a date has no value (the date goes in period_end), found {v:?}"),
            );
            return None;
        }
        (_, "") => {
            c.fail(
                "value",
                "expected the figure's value as a plain number (like 7984), found an empty field",
            );
            return None;
        }
        _ => {}
    }
    let Some(n) = parse_value(raw) else {
        c.fail(
            "value",
            format!("expected a plain number without separators or words (like 7984, -5, 0.5 or 2/3), found {raw:?}"),
        );
        return None;
    };
    let whole_and_positive = |c: &mut Check, what: &str| {
        if n < 0.0 || n.fract() != 0.0 {
            c.fail(
                "value",
                format!("expected a whole number, zero or more, for {what}, found {raw}"),
            );
        }
    };
    match kind {
        Some(Kind::Count) => whole_and_positive(c, "a count"),
        Some(Kind::GroupSize) => whole_and_positive(c, "a group size"),
        Some(k @ (Kind::PeriodLength | Kind::Deadline | Kind::OneIn)) if n <= 0.0 => {
            c.fail(
                "value",
                format!("expected a number above zero for a {k}, found {raw}"),
            );
        }
        Some(Kind::Fraction) if !(0.0..=1.0).contains(&n) => {
            c.fail(
                "value",
                format!("expected a fraction between 0 and 1 (like 0.5 or 2/3), found {raw}"),
            );
        }
        _ => {}
    }
    Some(n)
}

/// A figure's period: its start and end, each a date or empty, in order.
fn figure_period(c: &mut Check, kind: Option<Kind>, r: &FigureRow) -> [Option<Text>; 2] {
    let mut period = [None, None];
    for (slot, (field, v)) in period.iter_mut().zip([
        ("period_start", r.period_start),
        ("period_end", r.period_end),
    ]) {
        if !v.is_empty() && !is_partial_date(v) {
            c.fail(
                field,
                format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {v:?}"),
            );
        } else if !v.is_empty() {
            *slot = Some(Text::from(v));
        }
    }
    if let [Some(start), Some(end)] = &period {
        if start.as_str() > end.as_str() && !end.starts_with(start.as_str()) {
            c.fail(
                "period_end",
                format!("the period ends ({end}) before it starts ({start})"),
            );
        }
    }
    if kind == Some(Kind::Date) && r.period_end.is_empty() {
        c.fail(
            "period_end",
            "a date figure keeps its date in period_end (YYYY-MM-DD); found an empty field",
        );
    }
    period
}

/// Name–value pairs of a field.
type Pairs = Vec<(Text, Text)>;

/// A figure's inferred fields (each with its reason) and dimensions.
fn figure_pairs(c: &mut Check, r: &FigureRow) -> (Pairs, Pairs) {
    let inferred = parse_pairs(
        r.inferred,
        ':',
        "inferred",
        |n| INFERABLE.contains(&n),
        || format!("expected one of the fields {}", INFERABLE.join(", ")),
    )
    .unwrap_or_else(|m| {
        c.fail("inferred", m);
        Vec::new()
    });
    for (field, _) in &inferred {
        let empty = match field.as_str() {
            "value" => r.value.is_empty(),
            "unit" => r.unit.is_empty(),
            "period_start" => r.period_start.is_empty(),
            "period_end" => r.period_end.is_empty(),
            _ => r.attributed_to.is_empty(),
        };
        if empty {
            c.fail(
                "inferred",
                format!("`{field}` is marked as inferred but is empty"),
            );
        }
    }
    let dimensions = parse_pairs(r.dimensions, '=', "dimensions", is_id, || {
        "a dimension's name is an id (like `platform`)".to_string()
    })
    .unwrap_or_else(|m| {
        c.fail("dimensions", m);
        Vec::new()
    });
    (inferred, dimensions)
}

/// A figure's attribution: the source's words, and who they credit.
fn figure_attribution(c: &mut Check, r: &FigureRow) -> (Text, Text) {
    let attribution_text: Text = c.phrase("attribution_text", r.attribution_text);
    let attributed_to: Text = c.text("attributed_to", r.attributed_to);
    if !attribution_text.is_empty()
        && !attributed_to.is_empty()
        && !contains_words(&attribution_text, &attributed_to)
    {
        c.fail(
            "attributed_to",
            format!(
                "{attributed_to:?} is not in the attribution_text {attribution_text:?}; attributed_to names who the source's own words credit, in those words (or is empty when they name no one)"
            ),
        );
    }
    (attribution_text, attributed_to)
}

/// True when every word of `needle` occurs, in order and whole, in
/// `hay` (case-insensitive; punctuation ignored).
pub(crate) fn contains_words(hay: &str, needle: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (h, n) = (words(hay), words(needle));
    // "the police department's figures" credits the police department.
    let same = |a: &String, b: &String| {
        a == b || a.strip_suffix("'s").or_else(|| a.strip_suffix("’s")) == Some(b.as_str())
    };
    !n.is_empty()
        && h.windows(n.len())
            .any(|w| w.iter().zip(&n).all(|(a, b)| same(a, b)))
}

/// The positions of the figures that name another figure, a series or a
/// metric: found in one pass over the figures, so that the checks of those
/// links read only the figures that have them.
struct Linked {
    subsets: Vec<usize>,
    series: Vec<usize>,
    metrics: Vec<usize>,
}

impl Linked {
    fn of(figures: &[Figure]) -> Linked {
        let mut l = Linked {
            subsets: Vec::new(),
            series: Vec::new(),
            metrics: Vec::new(),
        };
        for (i, f) in figures.iter().enumerate() {
            if f.subset_of.is_some() {
                l.subsets.push(i);
            }
            if f.series.is_some() {
                l.series.push(i);
            }
            if f.metric.is_some() {
                l.metrics.push(i);
            }
        }
        l
    }
}

/// Checks that need every figure: subsets, series. A figure found wrong
/// here is then a row with a problem: nothing more is checked through it.
fn cross_check_figures(
    path: &Path,
    figures: &[Figure],
    ids: &mut Known,
    linked: &Linked,
    problems: &mut Problems,
) {
    let mut wrong: Vec<usize> = Vec::new();
    let mut fail = |i: usize, field: &str, message: String| {
        problems.push(Location::field(path, figures[i].line, field), message);
        wrong.push(i);
    };
    let parent = |f: &Figure| match f.subset_of.as_deref().map(|p| ids.find(p)) {
        Some(Found::Row(p)) => Some(p),
        _ => None,
    };
    for &i in &linked.subsets {
        let f = &figures[i];
        let Some(name) = &f.subset_of else {
            continue;
        };
        match ids.find(name) {
            Found::Unknown => fail(
                i,
                "subset_of",
                format!("unknown figure `{name}`; expected an id from figures.csv"),
            ),
            Found::Row(p) if figures[p].unit != f.unit => fail(
                i,
                "subset_of",
                format!(
                    "`{}` counts {} but `{name}` counts {}; a subset counts the same unit as the figure it is part of",
                    f.id, f.unit, figures[p].unit
                ),
            ),
            _ => {}
        }
    }
    // Subset cycles: follow each chain until it ends, reaches a figure
    // already followed, or comes back to itself.
    let mut done = vec![false; figures.len()];
    let mut in_cycles: Vec<usize> = Vec::new();
    for &start in &linked.subsets {
        let mut seen: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| !done[i]) {
            if let Some(pos) = seen.iter().position(|&s| s == i) {
                let cycle: Vec<&str> = seen[pos..]
                    .iter()
                    .map(|&i| figures[i].id.as_str())
                    .collect();
                let message = format!(
                    "subsets form a cycle: {} -> {}; a figure cannot be part of itself",
                    cycle.join(" -> "),
                    figures[i].id
                );
                fail(i, "subset_of", message);
                in_cycles.extend_from_slice(&seen[pos..]);
                break;
            }
            seen.push(i);
            at = parent(&figures[i]);
        }
        for s in seen {
            done[s] = true;
        }
    }
    // A series reports one quantity: one unit, one kind.
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for &i in &linked.series {
        let f = &figures[i];
        let Some(s) = f.series.as_deref() else {
            continue;
        };
        let g = &figures[*first_of.entry(s).or_insert(i)];
        if g.unit != f.unit || g.kind != f.kind {
            fail(
                i,
                "series",
                format!(
                    "series `{s}` mixes units: `{}` (line {}) is {} {}, `{}` is {} {}; a series reports one quantity in one unit",
                    g.id, g.line, g.kind, g.unit, f.id, f.kind, f.unit
                ),
            );
        }
    }
    for i in wrong.into_iter().chain(in_cycles) {
        ids.spoil(&figures[i].id);
    }
}

/// Resolves a sum's ids; each must be a figure with a value of a kind that
/// can be added up. `None` when the sum has a problem (recorded) or names
/// a figure whose row has one.
fn resolve_sum(
    c: &mut Check,
    field: &str,
    raw: &str,
    figures: &[Figure],
    ids: &Known,
) -> Option<Sum> {
    if raw.is_empty() {
        c.fail(
            field,
            "expected figure ids joined by + or -, found an empty field",
        );
        return None;
    }
    let terms = parse_sum(raw).map_err(|m| c.fail(field, m)).ok()?;
    let mut out = Some(Vec::with_capacity(terms.len()));
    for (sign, id) in terms {
        let index = match ids.find(id) {
            Found::Row(i) => i,
            Found::Unusable => {
                out = None;
                continue;
            }
            Found::Unknown => {
                c.fail(
                    field,
                    format!("unknown figure `{id}`; expected an id from figures.csv"),
                );
                out = None;
                continue;
            }
        };
        let f = &figures[index];
        if f.value.is_none() || !f.kind.is_quantity() {
            c.fail(
                field,
                format!(
                    "figure `{id}` is a {} and cannot be added up; sums take counts, amounts, changes and period lengths",
                    f.kind
                ),
            );
            out = None;
        }
        if let Some(out) = &mut out {
            out.push(Term {
                sign,
                figure: id.into(),
                index,
            });
        }
    }
    out.map(Sum)
}

/// The one unit of a sum's figures, or `None` when they mix units.
fn sum_unit<'a>(sum: &Sum, figures: &'a [Figure]) -> Option<&'a str> {
    let first = figures[sum.0[0].index].unit.as_str();
    sum.0
        .iter()
        .all(|t| figures[t.index].unit == first)
        .then_some(first)
}

/// Every figure id of `sum` whose subset chain reaches another term's figure.
fn subset_beside_superset(sum: &Sum, figures: &[Figure], ids: &Known) -> Option<(String, String)> {
    if sum.0.iter().all(|t| figures[t.index].subset_of.is_none()) {
        return None;
    }
    let terms: HashSet<&str> = sum.figures().collect();
    for t in &sum.0 {
        let mut at = &figures[t.index];
        let mut steps = 0;
        while let Some(parent) = &at.subset_of {
            if terms.contains(parent.as_str()) {
                return Some((t.figure.to_string(), parent.to_string()));
            }
            match ids.find(parent) {
                Found::Row(p) if steps < figures.len() => {
                    at = &figures[p];
                    steps += 1;
                }
                _ => break,
            }
        }
    }
    None
}

/// A row of `relations.csv`, as written.
#[derive(Deserialize)]
struct RelationRow<'a> {
    id: &'a str,
    description: &'a str,
    left: &'a str,
    op: &'a str,
    right: &'a str,
    #[serde(default)]
    unit: &'a str,
    #[serde(default)]
    gap_label: &'a str,
    #[serde(default)]
    status: &'a str,
    #[serde(default)]
    note: &'a str,
}

fn relations(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    figures: &[Figure],
    figure_ids: &Known,
    problems: &mut Problems,
) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut known = Known::new();
    let Some(mut rows) = Rows::open(
        path,
        &RELATION_COLUMNS[..5],
        &RELATION_COLUMNS,
        hashes,
        problems,
    ) else {
        return out;
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<RelationRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let id: Option<Text> = c.id("id", r.id);
        let relation = relation(&mut c, &r, figures, figure_ids);
        let (line, row) = (c.line, if c.bad { None } else { relation });
        if let Some(first) = known.keep(id.as_deref(), line, row, &mut out) {
            c.fail(
                "id",
                format!(
                    "duplicate id `{}`, first used on line {first}; ids must be unique",
                    r.id
                ),
            );
        }
    }
    out
}

/// One row of `relations.csv`, checked (all but its id), its sums resolved.
fn relation(c: &mut Check, r: &RelationRow, figures: &[Figure], ids: &Known) -> Option<Relation> {
    let op = Op::parse(r.op);
    if op.is_none() {
        let names: Vec<&str> = Op::ALL.iter().map(|o| o.as_str()).collect();
        c.fail(
            "op",
            format!("expected one of {}, found {:?}", names.join(", "), r.op),
        );
    }
    let left = resolve_sum(c, "left", r.left, figures, ids);
    let right = resolve_sum(c, "right", r.right, figures, ids);
    let unit: Text = c.text("unit", r.unit);
    let description = c.required("description", r.description);
    let gap_label = c.text("gap_label", r.gap_label);
    let (status, note) = (row_status(c, r.status), c.text("note", r.note));
    let (left, right) = (left?, right?);
    for (side, sum) in [("left", &left), ("right", &right)] {
        if let Some((part, whole)) = subset_beside_superset(sum, figures, ids) {
            c.fail(
                side,
                format!(
                    "`{part}` is a subset of `{whole}`, so adding them counts the same things twice; put the parts on one side and the whole on the other"
                ),
            );
        }
    }
    let units: Vec<&str> = [&left, &right]
        .iter()
        .flat_map(|s| s.0.iter().map(|x| figures[x.index].unit.as_str()))
        .collect();
    if let Some(other) = units.iter().find(|u| **u != units[0]) {
        c.fail(
            "right",
            format!(
                "the relation adds or compares figures in different units ({} and {other}); a relation needs one unit",
                units[0]
            ),
        );
    }
    Some(Relation {
        id: Text::from(r.id),
        description,
        unit: if unit.is_empty() {
            Text::from(units[0])
        } else {
            unit
        },
        left,
        op: op?,
        right,
        gap_label,
        status,
        note,
        line: c.line,
    })
}

/// A row of `metrics.csv`, as written.
#[derive(Deserialize)]
struct MetricRow<'a> {
    id: &'a str,
    description: &'a str,
    numerator: &'a str,
    denominator: &'a str,
    display: &'a str,
    #[serde(default)]
    calc: &'a str,
    #[serde(default)]
    per: &'a str,
    #[serde(default)]
    bound: &'a str,
    #[serde(default)]
    basis: &'a str,
    #[serde(default)]
    formula: &'a str,
    #[serde(default)]
    status: &'a str,
    #[serde(default)]
    note: &'a str,
}

fn metrics(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    figures: &[Figure],
    figure_ids: &Known,
    problems: &mut Problems,
) -> (Vec<MetricDef>, Known) {
    let mut out = Vec::new();
    let mut known = Known::new();
    let Some(mut rows) = Rows::open(path, &METRIC_REQUIRED, &METRIC_COLUMNS, hashes, problems)
    else {
        known.complete = false;
        return (out, known);
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<MetricRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let id: Option<Text> = c.id("id", r.id);
        let metric = metric(&mut c, &r, figures, figure_ids);
        let (line, row) = (c.line, if c.bad { None } else { metric });
        if known.keep(id.as_deref(), line, row, &mut out).is_some() {
            c.fail(
                "id",
                format!("duplicate metric id `{}`; ids must be unique", r.id),
            );
        }
    }
    known.complete &= !rows.skipped_any();
    (out, known)
}

/// A metric's calculation, display and bound, as named in its row.
fn metric_names(c: &mut Check, r: &MetricRow) -> (Option<Calc>, Option<Display>, Option<Bound>) {
    let calc = match r.calc {
        "" => Some(Calc::Ratio),
        name => Calc::parse(name).or_else(|| {
            let names: Vec<&str> = Calc::ALL.iter().map(|c| c.as_str()).collect();
            c.fail(
                "calc",
                format!(
                    "expected one of {} (or an empty field for ratio), found {name:?}",
                    names.join(", ")
                ),
            );
            None
        }),
    };
    let display = Display::parse(r.display);
    if display.is_none() {
        let names: Vec<&str> = Display::ALL.iter().map(|d| d.as_str()).collect();
        c.fail(
            "display",
            format!(
                "expected one of {}, found {:?}",
                names.join(", "),
                r.display
            ),
        );
    }
    let bound = match r.bound {
        "" => None,
        name => Bound::parse(name).or_else(|| {
            let names: Vec<&str> = Bound::ALL.iter().map(|b| b.as_str()).collect();
            c.fail(
                "bound",
                format!(
                    "expected one of {} or an empty field, found {name:?}",
                    names.join(", ")
                ),
            );
            None
        }),
    };
    (calc, display, bound)
}

/// One row of `metrics.csv`, checked (all but its id), its sums resolved.
fn metric(c: &mut Check, r: &MetricRow, figures: &[Figure], ids: &Known) -> Option<MetricDef> {
    let (calc, display, bound) = metric_names(c, r);
    let basis: Text = c.text("basis", r.basis);
    if !r.bound.is_empty() && basis.is_empty() {
        c.fail(
            "basis",
            "a bound needs its basis: say in plain words why the true value cannot lie beyond it",
        );
    }
    let numerator = resolve_sum(c, "numerator", r.numerator, figures, ids);
    let denominator = resolve_sum(c, "denominator", r.denominator, figures, ids);
    let per: Text = c.text("per", r.per);
    if display == Some(Display::Per) && per.is_empty() {
        c.fail(
            "per",
            "display `per` needs `per`: what one unit of the denominator is, in the singular (like `operation`)",
        );
    }
    let description = c.required("description", r.description);
    let formula = c.text("formula", r.formula);
    let (status, note) = (row_status(c, r.status), c.text("note", r.note));
    let (numerator, denominator) = (numerator?, denominator?);
    let (nu, du) = (
        sum_unit(&numerator, figures),
        sum_unit(&denominator, figures),
    );
    let explained = !r.bound.is_empty();
    if !explained {
        for (field, sum, u) in [
            ("numerator", &numerator, nu),
            ("denominator", &denominator, du),
        ] {
            if u.is_none() {
                c.fail(
                    field,
                    format!(
                        "the {field} adds figures in different units ({}); add only like with like, or make the metric a bound and give its basis",
                        sum.0
                            .iter()
                            .map(|x| figures[x.index].unit.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
    let (calc, display) = (calc?, display?);
    let mixed_units = !explained && nu != du;
    let one_unit_each = nu.is_some() && du.is_some();
    if mixed_units && one_unit_each && (display.is_fraction() || calc != Calc::Ratio) {
        c.fail(
            "display",
            format!(
                "the numerator counts {} and the denominator {}; a count of one thing is never shown as a percentage or change of a count of another. Use display `per` (with `per` naming one {}) or `ratio`",
                nu.unwrap_or("?"),
                du.unwrap_or("?"),
                du.unwrap_or("?")
            ),
        );
    }
    Some(MetricDef {
        id: Text::from(r.id),
        description,
        numerator,
        denominator,
        calc,
        display,
        per,
        bound,
        basis,
        formula,
        mixed_units,
        derived: false,
        spans: None,
        status,
        note,
        line: c.line,
    })
}

fn derive_series_metrics(
    figures: &[Figure],
    series: &[crate::ledger::series::Series],
    out: &mut Vec<MetricDef>,
) {
    for releases in crate::ledger::series::releases(series) {
        for pair in releases.windows(2) {
            let (from, to) = (&figures[pair[0].figure], &figures[pair[1].figure]);
            if from.value.is_none() || !from.kind.is_quantity() {
                continue;
            }
            // A change between hedges that point different ways ("over"
            // then "under") has no honest hedge: it is not derived, and the
            // figures are still shown and compared as they are.
            let hedges = [(to.qualifier, true), (from.qualifier, false)];
            if crate::numbers::Qualifier::combine(hedges).is_err() {
                continue;
            }
            let term = |f: &Figure, i: usize| {
                Sum(vec![Term {
                    sign: 1,
                    figure: f.id.clone(),
                    index: i,
                }])
            };
            let (num, den) = (term(to, pair[1].figure), term(from, pair[0].figure));
            let spans = (pair[0].period.clone(), pair[1].period.clone());
            let english = crate::i18n::Locale::english();
            let description = |relative| {
                crate::ledger::series::change_description(
                    &to.counts, &spans.0, &spans.1, relative, &english,
                )
            };
            let display = if to.kind == Kind::Amount {
                Display::Amount
            } else {
                Display::Change
            };
            out.push(MetricDef {
                id: format!("{}_change", to.id).into(),
                description: Text::from(&description(false)),
                numerator: num.clone(),
                denominator: den.clone(),
                calc: Calc::Difference,
                display,
                per: if to.kind == Kind::Amount {
                    to.unit.clone()
                } else {
                    Text::default()
                },
                bound: None,
                basis: Text::default(),
                formula: format!("{} - {}", to.id, from.id).into(),
                mixed_units: false,
                derived: true,
                spans: Some(spans.clone()),
                status: Status::Checked,
                note: Text::default(),
                line: 0,
            });
            // Relative to a hedged earlier value, a change has no honest bound.
            if from.value == Some(0.0) || from.qualifier.is_some() {
                continue;
            }
            out.push(MetricDef {
                id: format!("{}_pct_change", to.id).into(),
                description: description(true).into(),
                numerator: num,
                denominator: den,
                calc: Calc::Change,
                display: Display::ChangePercent,
                per: Text::default(),
                bound: None,
                basis: Text::default(),
                formula: format!("({} - {}) / {}", to.id, from.id, from.id).into(),
                mixed_units: false,
                derived: true,
                spans: Some(spans.clone()),
                status: Status::Checked,
                note: Text::default(),
                line: 0,
            });
        }
    }
}

/// A row of `exclusions.csv`, as written.
#[derive(Deserialize)]
struct ExclusionRow<'a> {
    source: &'a str,
    paragraph: &'a str,
    printed: &'a str,
    reason: &'a str,
}

fn exclusions(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    sources: &Known,
    problems: &mut Problems,
) -> Vec<Exclusion> {
    let mut out = Vec::new();
    let Some(mut rows) = Rows::open(path, &EXCLUSION_COLUMNS, &[], hashes, problems) else {
        return out;
    };
    while rows.next(problems) {
        let Some(r) = rows.row::<ExclusionRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let source = source_ref(&mut c, r.source, sources);
        let exclusion = Exclusion {
            source: source.unwrap_or_default(),
            paragraph: c.paragraph("paragraph", r.paragraph),
            printed: c.phrase("printed", r.printed),
            reason: c.required("reason", r.reason),
            line: c.line,
        };
        if !c.bad {
            out.push(exclusion);
        }
    }
    out
}

/// A field naming a source: its id, when valid; an unknown source is a
/// problem.
fn source_ref(c: &mut Check, v: &str, sources: &Known) -> Option<String> {
    let id: String = c.id("source", v)?;
    if let Found::Unknown = sources.find(&id) {
        c.fail(
            "source",
            format!("unknown source `{id}`; expected an id from sources.csv"),
        );
    }
    Some(id)
}

/// A row of `paragraphs.csv`, as written.
#[derive(Deserialize)]
struct ParagraphRow<'a> {
    source: &'a str,
    paragraph: &'a str,
    role: &'a str,
    #[serde(default)]
    note: &'a str,
}

fn paragraphs(
    path: &Path,
    hashes: &mut Vec<(String, String)>,
    sources: &Known,
    problems: &mut Problems,
) -> Vec<ParagraphRole> {
    let mut out: Vec<ParagraphRole> = Vec::new();
    if !path.exists() {
        return out;
    }
    let Some(mut rows) = Rows::open(
        path,
        &["source", "paragraph", "role"],
        &["note"],
        hashes,
        problems,
    ) else {
        return out;
    };
    // The line describing each paragraph of each source.
    let mut described: HashMap<(String, u32), u64> = HashMap::new();
    while rows.next(problems) {
        let Some(r) = rows.row::<ParagraphRow>(problems) else {
            continue;
        };
        let mut c = rows.check(problems);
        let source = source_ref(&mut c, r.source, sources);
        if !ROLES.contains(&r.role) {
            c.fail(
                "role",
                format!("expected one of {}, found {:?}", ROLES.join(", "), r.role),
            );
        }
        let paragraph = c.paragraph("paragraph", r.paragraph);
        let note = c.text("note", r.note);
        let Some(source) = source.filter(|_| paragraph > 0) else {
            continue;
        };
        match described.entry((source.clone(), paragraph)) {
            Entry::Occupied(first) => c.fail(
                "paragraph",
                format!(
                    "paragraph {paragraph} of `{source}` is already described on line {}",
                    first.get()
                ),
            ),
            Entry::Vacant(slot) => {
                slot.insert(c.line);
            }
        }
        if !c.bad {
            out.push(ParagraphRole {
                source,
                paragraph,
                role: r.role.to_string(),
                note,
                line: c.line,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_parse() {
        assert_eq!(parse_sum("a + b_2 - c").unwrap().len(), 3);
        assert_eq!(parse_sum("- a + b").unwrap()[0], (-1, "a"));
        for bad in ["a +", "a b", "", "A + b", "a + + b"] {
            assert!(parse_sum(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_parse() {
        assert_eq!(parse_value("7984"), Some(7984.0));
        assert_eq!(parse_value("-5"), Some(-5.0));
        assert_eq!(parse_value("2/3"), Some(2.0 / 3.0));
        for bad in ["7,984", "1/0", "inf", "NaN", "12%", "twelve", ""] {
            assert_eq!(parse_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn partial_dates() {
        for ok in ["2024", "2024-10", "2024-02-29", "2023-12-31"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in [
            "24",
            "2024-13",
            "2023-02-29",
            "2024-1-01",
            "2024-10-32",
            "soon",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }

    #[test]
    fn attribution_words() {
        assert!(contains_words(
            "the Roads Board, North Zone has reported",
            "Roads Board, North Zone"
        ));
        assert!(contains_words("Officials revealed that", "officials"));
        assert!(!contains_words(
            "Officials revealed that",
            "Finance ministry"
        ));
        assert!(!contains_words("the Board has", "Roads Board"));
        assert!(contains_words(
            "According to the police department's figures",
            "police department"
        ));
        assert!(!contains_words("the department's figures", "departments"));
    }

    #[test]
    fn text_checks() {
        assert!(check_text("plain", 10).is_ok());
        assert!(check_text("a\u{202E}b", 10).is_err());
        assert!(check_text("a\0b", 10).is_err());
        assert!(check_text("=HYPERLINK(1)", 100).is_err());
        assert!(check_text(&"x".repeat(11), 10).is_err());
    }

    /// Every row of `text` (columns `id` and `note`): its line and id, and
    /// the problems found.
    fn rows_of(text: &str) -> (Vec<(u64, String)>, Vec<String>) {
        let mut problems = Problems::default();
        let mut rows = Rows::from_bytes(
            Path::new("t.csv"),
            text.as_bytes().to_vec(),
            &["id"],
            &["note"],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        while rows.next(&mut problems) {
            #[derive(Deserialize)]
            struct Row<'a> {
                id: &'a str,
            }
            let r: Row = rows.row(&mut problems).unwrap();
            out.push((rows.line, r.id.to_string()));
        }
        let found = match problems.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.to_string().lines().map(str::to_string).collect(),
        };
        (out, found)
    }

    #[test]
    fn rows_keep_their_own_lines_whatever_the_line_ends() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = [
                "\u{feff} id ,note",
                "a,x",
                "",
                "",
                " b ,\"two",
                "lines\" ",
                ",",
                "c,",
            ]
            .join(eol);
            let (rows, problems) = rows_of(&text);
            assert!(problems.is_empty(), "{eol:?}: {problems:?}");
            let ids: Vec<(u64, &str)> = rows.iter().map(|(l, id)| (*l, id.as_str())).collect();
            // The row after blank lines is on its own line; a row of empty
            // fields is skipped; fields and headers are trimmed, the byte
            // order mark dropped.
            if eol == "\r" {
                // A lone carriage return ends a row but is not counted as a
                // line by the reader.
                assert_eq!(ids.iter().map(|r| r.1).collect::<Vec<_>>(), ["a", "b", "c"]);
            } else {
                assert_eq!(ids, [(2, "a"), (5, "b"), (8, "c")], "{eol:?}");
            }
        }
    }

    #[test]
    fn a_short_row_is_reported_and_reading_goes_on() {
        let (rows, problems) = rows_of("id,note\na,x\nb\nc,y,z\nd,w\n");
        assert_eq!(rows, [(2, "a".to_string()), (5, "d".to_string())]);
        assert_eq!(
            problems,
            [
                "2 problems in the story's files:",
                "  t.csv:",
                "    line 3: expected 2 fields like the header row, found 1; check for a missing or extra comma, or an unquoted comma in a text field",
                "    line 4: expected 2 fields like the header row, found 3; check for a missing or extra comma, or an unquoted comma in a text field",
            ]
        );
    }

    #[test]
    fn a_reference_to_a_row_with_a_problem_is_not_unknown() {
        let mut known = Known::new();
        let mut kept = Vec::new();
        assert_eq!(known.keep(Some("a"), 2, Some('a'), &mut kept), None);
        assert_eq!(known.keep(Some("b"), 3, None, &mut kept), None);
        assert!(matches!(known.find("a"), Found::Row(0)));
        assert!(matches!(known.find("b"), Found::Unusable));
        assert!(matches!(known.find("c"), Found::Unknown));
        // A repeated id names the first line; from then on, an id not
        // found may be the one the repeat was meant to have.
        assert_eq!(known.keep(Some("a"), 4, Some('x'), &mut kept), Some(2));
        assert_eq!(kept, ['a']);
        assert!(matches!(known.find("c"), Found::Unusable));
        let mut known = Known::new();
        known.keep::<char>(None, 2, None, &mut kept);
        assert!(matches!(known.find("c"), Found::Unusable));
    }
}
