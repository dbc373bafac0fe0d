//! Reading and validating the ledger's CSV files.
//!
//! Every check names the file, the line and the field, and says what was
//! expected. Ids are resolved through hash maps, so loading is linear in
//! the number of rows.

use std::collections::HashSet;

use crate::util::FxMap as HashMap;
use std::path::{Path, PathBuf};

use super::*;
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

/// A file's bytes, shared by the readers of its parts.
#[derive(Clone)]
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

type Reader = csv::Reader<std::io::Take<std::io::Cursor<Shared>>>;

/// One CSV file, or a run of its rows: its path, header positions and rows.
pub(crate) struct Table {
    pub path: PathBuf,
    columns: std::sync::Arc<HashMap<String, usize>>,
    bytes: Shared,
    reader: Reader,
    record: csv::StringRecord,
    pub line: u64,
    /// Lines before the first row this table reads (for a later part).
    line_offset: u64,
    /// Fields in the header row.
    width: usize,
    /// Where in the file this table's reader starts.
    byte_offset: usize,
    /// Lines in the rows this table reads, an upper bound on its rows.
    lines: usize,
}

/// The SHA-256 of each file read, by file name, in the order read; the
/// hash of a big file is computed on a thread of its own while its rows
/// are read.
#[derive(Default)]
pub(crate) struct Hashes(Vec<(String, Hash)>);

enum Hash {
    Done(String),
    Pending(std::thread::JoinHandle<String>),
}

/// Hashes still being computed when a load stops at an error are waited
/// for, so that no thread goes on reading a file nobody needs.
impl Drop for Hashes {
    fn drop(&mut self) {
        for (_, h) in self.0.drain(..) {
            if let Hash::Pending(job) = h {
                let _ = job.join();
            }
        }
    }
}

impl Hashes {
    /// Starts with hashes already known.
    pub(crate) fn of(done: Vec<(String, String)>) -> Hashes {
        Hashes(done.into_iter().map(|(n, h)| (n, Hash::Done(h))).collect())
    }

    /// Every hash, waiting for those still being computed.
    pub(crate) fn finish(mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.0)
            .into_iter()
            .map(|(name, h)| match h {
                Hash::Done(h) => (name, h),
                Hash::Pending(job) => (
                    name,
                    job.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                ),
            })
            .collect()
    }
}

/// The bytes of the file at `path`. A big file is read in as many parts as
/// the machine has cores, each by a thread of its own: the copying and the
/// first touches of a fresh buffer are most of the cost of reading a file
/// the system already holds in memory.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    const BIG: u64 = 8 << 20;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    #[cfg(unix)]
    if len >= BIG && threads > 1 {
        use std::os::unix::fs::FileExt;
        let len = usize::try_from(len).map_err(std::io::Error::other)?;
        let mut buf = vec![0u8; len];
        let part = len.div_ceil(threads);
        let read = std::thread::scope(|scope| {
            let jobs: Vec<_> = buf
                .chunks_mut(part)
                .enumerate()
                .map(|(k, chunk)| {
                    let file = &file;
                    scope.spawn(move || file.read_exact_at(chunk, (k * part) as u64))
                })
                .collect();
            jobs.into_iter()
                .try_for_each(|j| j.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        // A file that shrank or grew while it was read is read again, whole.
        return match read {
            Ok(()) if file.read_at(&mut [0u8], len as u64)? == 0 => Ok(buf),
            Ok(()) => std::fs::read(path),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => std::fs::read(path),
            Err(e) => Err(e),
        };
    }
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    std::io::Read::read_to_end(&mut &file, &mut buf)?;
    Ok(buf)
}

/// At most how many rows `bytes` holds, for a table `width` fields wide:
/// the reader ends a row at `\n`, `\r\n` or a lone `\r`, skips blank lines,
/// and every row has `width - 1` commas. Room for rows is reserved from
/// this; more rows than this would still be read, just not in place.
fn rows_at_most(bytes: &[u8], width: usize) -> usize {
    let rows = if bytes.contains(&b'\r') {
        line_ends(bytes)
    } else {
        // Without carriage returns a row ends at each `\n` that does not
        // follow another (a blank line); memchr finds them many bytes at a
        // time.
        memchr::memchr_iter(b'\n', bytes)
            .filter(|&i| i > 0 && bytes[i - 1] != b'\n')
            .count()
    };
    let last = bytes.last().is_some_and(|&b| b != b'\n' && b != b'\r');
    (rows + usize::from(last)).min(bytes.len() / width.saturating_sub(1).max(1) + 1)
}

/// Line ends that end a row, byte by byte: `\n`, `\r\n` or a lone `\r`,
/// not counting a line end straight after a `\n` (a blank line).
fn line_ends(bytes: &[u8]) -> usize {
    let mut rows = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends && i > 0 && bytes[i - 1] != b'\n' {
            rows += 1;
        }
    }
    rows
}

/// Where the first row that ends at or after `target` ends (just past its
/// line end), reading from `from`, where a row starts; the end of `bytes`
/// if no row ends there.
///
/// Rows end where the reader ends them: at a `\n` or `\r` outside a quoted
/// field. A quote opens a quoted field only at the start of a field; one
/// elsewhere is a plain character (`5" screen`). Inside a quoted field,
/// `""` is a quote and a lone `"` closes it. These are the rules of the
/// `csv` reader as this crate builds it (no escape or comment character),
/// followed by jumping from one quote or line end to the next, so the
/// search costs little more than reading the bytes once.
fn row_end_after(bytes: &[u8], from: usize, target: usize) -> usize {
    let mut at = from;
    loop {
        // Outside quotes: the next quote or line end.
        let Some(i) = memchr::memchr3(b'"', b'\n', b'\r', &bytes[at..]) else {
            return bytes.len();
        };
        let p = at + i;
        if bytes[p] != b'"' {
            if p >= target {
                let end = p + 1;
                return if bytes[p] == b'\r' && bytes.get(end) == Some(&b'\n') {
                    end + 1
                } else {
                    end
                };
            }
            at = p + 1;
            continue;
        }
        let field_start = p == from || matches!(bytes[p - 1], b',' | b'\n' | b'\r');
        at = p + 1;
        if !field_start {
            continue;
        }
        // Inside a quoted field: the quote that closes it.
        loop {
            let Some(i) = memchr::memchr(b'"', &bytes[at..]) else {
                return bytes.len();
            };
            at += i + 1;
            if bytes.get(at) == Some(&b'"') {
                at += 1;
            } else {
                break;
            }
        }
    }
}

/// A reader of `bytes[start..end]`.
fn reader(bytes: &Shared, start: usize, end: usize, headers: bool) -> Reader {
    use std::io::Read;
    let mut cursor = std::io::Cursor::new(bytes.clone());
    cursor.set_position(start as u64);
    csv::ReaderBuilder::new()
        .flexible(false)
        .has_headers(headers)
        .from_reader(cursor.take((end - start) as u64))
}

impl Table {
    /// Opens `path`, requiring the `required` columns; `optional` columns
    /// may be absent; any other column is an error (usually a typo).
    pub fn open(
        path: &Path,
        required: &[&str],
        optional: &[&str],
        hashes: &mut Hashes,
    ) -> Result<Table> {
        let bytes = Shared(std::sync::Arc::new(
            read_file(path).map_err(|e| Error::io(path, e))?,
        ));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if bytes.0.len() < 1 << 20 {
            hashes
                .0
                .push((name, Hash::Done(crate::util::sha256(&bytes.0))));
        } else {
            // A big file's hash is computed beside the reading of its rows.
            let mine = bytes.clone();
            let job = std::thread::spawn(move || crate::util::sha256(&mine.0));
            hashes.0.push((name, Hash::Pending(job)));
        }
        Table::from_shared(path, bytes, required, optional)
    }

    /// As [`Table::open`], from bytes already read.
    #[cfg(test)]
    pub fn from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Table> {
        Table::from_shared(path, Shared(std::sync::Arc::new(bytes)), required, optional)
    }

    fn from_shared(
        path: &Path,
        bytes: Shared,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Table> {
        crate::util::check_utf8(
            path,
            &bytes.0,
            "expected UTF-8 text; save the file as CSV UTF-8",
        )?;
        if bytes.0.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::data(
                Location::file(path),
                format!(
                    "the file is empty; expected a header row: {}",
                    required.join(",")
                ),
            ));
        }
        let mut reader = reader(&bytes, 0, bytes.0.len(), true);
        let headers = reader
            .headers()
            .map_err(|e| csv_error(path, e.position().map(|p| p.line()), e))?
            .clone();
        let mut columns = HashMap::default();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}');
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
            if columns.insert(h.to_string(), i).is_some() {
                return Err(Error::data(
                    Location::line(path, 1),
                    format!("the column `{h}` appears twice in the header row"),
                ));
            }
        }
        if let Some(missing) = required.iter().find(|c| !columns.contains_key(**c)) {
            return Err(Error::data(
                Location::line(path, 1),
                format!(
                    "missing column `{missing}`; the header row must name {}",
                    required.join(", ")
                ),
            ));
        }
        Ok(Table {
            path: path.to_path_buf(),
            columns: std::sync::Arc::new(columns),
            bytes,
            reader,
            record: csv::StringRecord::new(),
            line: 1,
            line_offset: 0,
            width: headers.len(),
            byte_offset: 0,
            // Counted when the table is split into the parts it is read in.
            lines: 0,
        })
    }

    /// Splits the rows not yet read into up to `n` runs of whole rows, each
    /// read by a table of its own, in file order; line numbers stay those
    /// of the file. Small files are not split.
    pub fn split(self, n: usize) -> Vec<Table> {
        const MIN_PART: usize = 1 << 20;
        let bytes = self.bytes.0.as_slice();
        let start = self.reader.position().byte() as usize;
        let len = bytes.len().saturating_sub(start);
        if n < 2 || len < 2 * MIN_PART || start == 0 {
            let lines = rows_at_most(&bytes[start..], self.width);
            return vec![Table { lines, ..self }];
        }
        // Each cut is the end of the first row that ends at or after an
        // even share of the bytes, found by following quotes from the last
        // cut, as the reader does (see `row_end_after`).
        let mut cuts = vec![start];
        let mut at = start;
        for k in 1..n {
            let target = start + len * k / n;
            if target <= at {
                continue;
            }
            at = row_end_after(bytes, at, target);
            if at < bytes.len() && at > cuts[cuts.len() - 1] {
                cuts.push(at);
            }
        }
        cuts.push(bytes.len());
        let count = |a: usize, b: usize| memchr::memchr_iter(b'\n', &bytes[a..b]).count();
        let mut parts = Vec::with_capacity(cuts.len() - 1);
        let mut line_offset = count(0, start) as u64;
        for w in cuts.windows(2) {
            let lines = count(w[0], w[1]);
            let rows = rows_at_most(&bytes[w[0]..w[1]], self.width);
            parts.push(Table {
                path: self.path.clone(),
                columns: self.columns.clone(),
                bytes: self.bytes.clone(),
                reader: reader(&self.bytes, w[0], w[1], false),
                record: csv::StringRecord::new(),
                line: line_offset,
                line_offset,
                width: self.width,
                byte_offset: w[0],
                lines: rows,
            });
            line_offset += lines as u64;
        }
        parts
    }

    /// Advances to the next row; false at the end.
    pub fn next(&mut self) -> Result<bool> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(false),
                Ok(true) => {
                    self.line = self.line_offset + self.start_line();
                    // A later part's reader has not seen the header row.
                    if self.record.len() != self.width {
                        return Err(Error::data(
                            Location::line(&self.path, self.line),
                            unequal(self.width, self.record.len()),
                        ));
                    }
                    // A row of empty fields (a blank line in a spreadsheet
                    // export) is skipped.
                    if self.record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    return Ok(true);
                }
                Err(e) => {
                    // The reader's own errors (a row of the wrong length)
                    // name the row's line as the rows read above do.
                    let line = e.position().map(|p| self.line_offset + self.line_at(p));
                    return Err(csv_error(&self.path, line, e));
                }
            }
        }
    }

    /// At most how many rows the file has, to size what holds them.
    pub fn rows_hint(&self) -> usize {
        self.lines
    }

    /// The line the current row starts on, counted in this table's part.
    /// The reader places a row that follows blank lines at the first of
    /// them; the row starts after them.
    fn start_line(&self) -> u64 {
        self.record.position().map_or(0, |p| self.line_at(p))
    }

    /// The line a row at reader position `p` starts on, in this part.
    fn line_at(&self, p: &csv::Position) -> u64 {
        let bytes = self.bytes.0.as_slice();
        let (mut line, mut at) = (p.line(), self.byte_offset + p.byte() as usize);
        while let Some(&b) = bytes.get(at) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            at += 1;
        }
        line
    }

    /// Finds a column once, for a loop over many rows.
    pub fn col(&self, name: &'static str) -> Col {
        Col {
            name,
            pos: self.columns.get(name).copied(),
        }
    }

    /// Where a field of the current row is.
    pub fn at(&self, field: impl Field) -> Location {
        Location::field(&self.path, self.line, field.name())
    }

    /// A field of the current row, trimmed; empty when the column is absent.
    pub fn get(&self, field: impl Field) -> &str {
        field
            .position(self)
            .and_then(|i| self.record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    /// A text field, checked for characters that do not belong in text.
    pub fn text<T: for<'a> From<&'a str>>(&self, field: impl Field) -> Result<T> {
        let v = self.get(field);
        check_text(v, MAX_FIELD).map_err(|m| Error::data(self.at(field), m))?;
        Ok(T::from(v))
    }

    /// A short phrase copied from a source ("7,984", "Briefings revealed").
    pub fn phrase<T: for<'a> From<&'a str>>(&self, field: impl Field) -> Result<T> {
        let v = self.get(field);
        check_text(v, MAX_PRINTED).map_err(|m| Error::data(self.at(field), m))?;
        Ok(T::from(v))
    }

    /// A text field that must not be empty.
    pub fn required<T: for<'a> From<&'a str>>(&self, field: impl Field) -> Result<T> {
        if self.get(field).is_empty() {
            Err(Error::data(
                self.at(field),
                "expected a value, found an empty field",
            ))
        } else {
            self.text(field)
        }
    }

    /// An id field.
    pub fn id<T: for<'a> From<&'a str>>(&self, field: impl Field) -> Result<T> {
        let v = self.get(field);
        if v.is_empty() {
            return Err(Error::data(
                self.at(field),
                "expected an id, found an empty field",
            ));
        }
        if is_id(v) {
            Ok(T::from(v))
        } else {
            Err(Error::data(
                self.at(field),
                format!(
                    "expected an id of lowercase letters, digits and _ starting with a letter (like `roads_2025`), found {v:?}"
                ),
            ))
        }
    }

    /// An optional id field.
    pub fn optional_id<T: for<'a> From<&'a str>>(&self, field: impl Field) -> Result<Option<T>> {
        if self.get(field).is_empty() {
            Ok(None)
        } else {
            self.id(field).map(Some)
        }
    }

    /// A paragraph number (1, 2, …).
    pub fn paragraph(&self, field: impl Field) -> Result<u32> {
        let v = self.get(field);
        match v.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Error::data(
                self.at(field),
                format!("expected a paragraph number (1, 2, …), found {v:?}"),
            )),
        }
    }
}

/// A column found once by [`Table::col`]: its name, for messages, and its
/// position, absent when the file leaves the optional column out.
#[derive(Clone, Copy)]
pub(crate) struct Col {
    name: &'static str,
    pos: Option<usize>,
}

/// A way to name a column: by its name (looked up on each use) or as a
/// [`Col`] found once.
pub(crate) trait Field: Copy {
    /// The column's position in the current file, if it has the column.
    fn position(self, t: &Table) -> Option<usize>;
    /// The column's name.
    fn name(&self) -> &str;
}

impl Field for &str {
    fn position(self, t: &Table) -> Option<usize> {
        t.columns.get(self).copied()
    }
    fn name(&self) -> &str {
        self
    }
}

impl Field for Col {
    fn position(self, _: &Table) -> Option<usize> {
        self.pos
    }
    fn name(&self) -> &str {
        self.name
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

pub(super) fn ledger(dir: &Path) -> Result<Ledger> {
    let mut hashes = Hashes::default();
    let mut index = Index::default();
    let sources = sources(&dir.join("sources.csv"), &mut hashes, &mut index)?;
    let mut figures = figures(&dir.join("figures.csv"), &mut hashes, &mut index)?;
    let fig_path = dir.join("figures.csv");
    let linked = Linked::of(&figures);
    cross_check_figures(&fig_path, &mut figures, &index, &linked)?;
    for &i in &linked.subsets {
        if let Some(p) = &figures[i].subset_of {
            index.subsets.entry(p.to_string()).or_default().push(i);
        }
    }
    let relations = relations(&dir.join("relations.csv"), &mut hashes, &figures, &index)?;
    let mut metrics = metrics(&dir.join("metrics.csv"), &mut hashes, &figures, &index)?;
    let series = crate::ledger::series::all(&figures, &linked.series, &sources, &index.sources);
    derive_series_metrics(&figures, &series, &mut metrics)?;
    index.metrics = Ids::with_capacity(metrics.len());
    for m in &metrics {
        if let Some(first) = index.metrics.push(&m.id) {
            let path = dir.join("metrics.csv");
            return Err(Error::data(
                Location::field(&path, metrics[first].line.max(m.line), "id"),
                format!(
                    "duplicate metric id `{}`{}; ids must be unique",
                    m.id,
                    if m.derived || metrics[first].derived {
                        " (series change metrics are named `<later figure>_change` and `<later figure>_pct_change`)"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    // A printed derived number must name a metric that exists.
    for f in linked.metrics.iter().map(|&i| &figures[i]) {
        if let Some(m) = &f.metric {
            if index.metrics.get(m).is_none() {
                return Err(Error::data(
                    Location::field(&fig_path, f.line, "metric"),
                    format!(
                        "unknown metric `{m}`; expected an id from metrics.csv or a series change metric"
                    ),
                ));
            }
        }
    }
    let exclusions = exclusions(&dir.join("exclusions.csv"), &mut hashes, &index)?;
    let paragraphs = paragraphs(&dir.join("paragraphs.csv"), &mut hashes, &index)?;
    Ok(Ledger {
        dir: dir.to_path_buf(),
        sources,
        figures,
        relations,
        metrics,
        exclusions,
        paragraphs,
        hashes: hashes.finish(),
        series,
        index,
    })
}

fn sources(path: &Path, hashes: &mut Hashes, index: &mut Index) -> Result<Vec<Source>> {
    let mut t = Table::open(path, &SOURCE_REQUIRED, &SOURCE_COLUMNS, hashes)?;
    let mut out = Vec::new();
    while t.next()? {
        let id: String = t.id("id")?;
        let date = t.get("date");
        if !is_date(date) {
            return Err(Error::data(
                t.at("date"),
                format!("expected a date as YYYY-MM-DD, found {date:?}"),
            ));
        }
        let url: String = t.text("url")?;
        if !url.is_empty() && !is_web_address(&url) {
            return Err(Error::data(
                t.at("url"),
                format!("expected a web address starting with https:// or http://, found {url:?}"),
            ));
        }
        let text_path: String = t.text("text_path")?;
        if url.is_empty() && text_path.is_empty() {
            return Err(Error::data(
                t.at("url"),
                "a source needs a text (text_path) or a web address (url), or both; found neither",
            ));
        }
        let sha256 = t.get("sha256").to_ascii_lowercase();
        if !sha256.is_empty()
            && !(sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(Error::data(
                t.at("sha256"),
                format!(
                    "expected 64 hexadecimal digits (the output of `sha256sum FILE`), found {sha256:?}"
                ),
            ));
        }
        if !text_path.is_empty() && sha256.is_empty() {
            return Err(Error::data(
                t.at("sha256"),
                "expected the SHA-256 of the text at text_path (the output of `sha256sum FILE`), found an empty field",
            ));
        }
        let language = match t.get("language") {
            "" => "en".to_string(),
            l if l.len() <= 8 && l.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') => {
                l.to_string()
            }
            l => {
                return Err(Error::data(
                    t.at("language"),
                    format!("expected a language code such as en or ur, found {l:?}"),
                ));
            }
        };
        if let Some(first) = index.sources.insert(id.clone(), out.len()) {
            let first_line: &Source = &out[first];
            return Err(Error::data(
                t.at("id"),
                format!(
                    "duplicate id `{id}`, first used on line {}; ids must be unique",
                    first_line.line
                ),
            ));
        }
        out.push(Source {
            id,
            title: t.required("title")?,
            outlet: t.required("outlet")?,
            url,
            date: date.to_string(),
            language,
            text_path,
            sha256,
            description: t.text("description")?,
            line: t.line,
        });
    }
    if out.is_empty() {
        return Err(Error::data(
            Location::file(path),
            "expected at least one source after the header row",
        ));
    }
    Ok(out)
}

/// Reads every row of `t` with `row`, in file order, each with a `key`
/// computed beside it (while the row is in cache). A big file is split
/// into runs of rows read on as many threads as the machine has, each
/// writing its rows straight into its own stretch of the result; the first
/// error in file order is the one returned.
fn read_rows<T: Send>(
    t: Table,
    row: impl Fn(&Table) -> Result<T> + Sync,
    key: impl Fn(&T) -> u64 + Sync,
) -> Result<(Vec<T>, Vec<u64>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    read_parts(t.split(threads), row, key)
}

/// As [`read_rows`], for the parts of one table, in file order.
fn read_parts<T: Send>(
    parts: Vec<Table>,
    row: impl Fn(&Table) -> Result<T> + Sync,
    key: impl Fn(&T) -> u64 + Sync,
) -> Result<(Vec<T>, Vec<u64>)> {
    use std::mem::MaybeUninit;
    // Each part's stretch holds as many rows as the part has lines: an
    // upper bound, exact when no row spans lines and none is blank.
    let stretches: Vec<usize> = parts.iter().map(Table::rows_hint).collect();
    let mut out: Vec<T> = Vec::with_capacity(stretches.iter().sum());
    let (row, key) = (&row, &key);
    /// Rows written into a stretch, their keys, the error that stopped the
    /// part, if any, and rows beyond the stretch's room (never, when the
    /// count of lines is right).
    type Filled<T> = (usize, Vec<u64>, Option<Error>, Vec<T>);
    let fill = move |mut t: Table, stretch: &mut [MaybeUninit<T>]| -> Filled<T> {
        let mut keys = Vec::with_capacity(stretch.len());
        let (mut n, mut beyond) = (0, Vec::new());
        loop {
            let r = match t.next() {
                Ok(true) => row(&t),
                Ok(false) => return (n, keys, None, beyond),
                Err(e) => Err(e),
            };
            match r {
                Ok(r) => {
                    keys.push(key(&r));
                    match stretch.get_mut(n) {
                        Some(slot) => {
                            slot.write(r);
                            n += 1;
                        }
                        None => beyond.push(r),
                    }
                }
                Err(e) => return (n, keys, Some(e), beyond),
            }
        }
    };
    let mut filled: Vec<Filled<T>> = {
        let mut rest = out.spare_capacity_mut();
        let mut mine = Vec::with_capacity(parts.len());
        for &len in &stretches {
            let (stretch, after) = rest.split_at_mut(len);
            mine.push(stretch);
            rest = after;
        }
        std::thread::scope(|scope| {
            let mut work = parts.into_iter().zip(mine);
            let first = work.next().expect("a table has at least one part");
            let handles: Vec<_> = work
                .map(|(t, stretch)| scope.spawn(move || fill(t, stretch)))
                .collect();
            let mut filled = vec![fill(first.0, first.1)];
            for h in handles {
                filled.push(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            filled
        })
    };
    let base = out.as_mut_ptr();
    if let Some(error) = filled.iter_mut().find_map(|f| f.2.take()) {
        let mut at = 0;
        for (f, len) in filled.iter().zip(&stretches) {
            // SAFETY: the first `f.0` slots of this stretch were written
            // above and are dropped once, here; the vector's length stays
            // zero, so it frees its buffer without dropping them again.
            unsafe { std::ptr::slice_from_raw_parts_mut(base.add(at), f.0).drop_in_place() };
            at += len;
        }
        return Err(error);
    }
    // Close the gaps a stretch leaves when it has fewer rows than lines.
    let (mut from, mut to) = (0, 0);
    let mut keys = Vec::with_capacity(filled.iter().map(|f| f.1.len()).sum());
    let mut parts = Vec::with_capacity(filled.len());
    for ((n, k, _, beyond), len) in filled.into_iter().zip(&stretches) {
        parts.push((n, beyond));
        if from != to {
            // SAFETY: `n` written rows at `from` move down to `to < from`,
            // over slots that are free (rows already moved, or unused
            // room); stretches after this one start at or after `from + len`,
            // beyond `to + n`, so nothing unmoved is overwritten.
            unsafe { std::ptr::copy(base.add(from), base.add(to), n) };
        }
        from += len;
        to += n;
        keys.extend(k);
    }
    // SAFETY: the first `to` slots now hold the rows in file order.
    unsafe { out.set_len(to) };
    if parts.iter().any(|p| !p.1.is_empty()) {
        let mut all = Vec::with_capacity(keys.len());
        let mut rows = out.into_iter();
        for (n, beyond) in parts {
            all.extend(rows.by_ref().take(n));
            all.extend(beyond);
        }
        return Ok((all, keys));
    }
    Ok((out, keys))
}

/// The index of `items`, whose ids hash to `hashes`; the first id used
/// twice is an error at its second line.
fn unique_ids<T: Keyed + Sync>(path: &Path, items: &[T], hashes: &[u64]) -> Result<Ids> {
    Ids::build(hashes, |i| items[i].key()).map_err(|(i, first)| {
        Error::data(
            Location::field(path, items[i].line(), "id"),
            format!(
                "duplicate id `{}`, first used on line {}; ids must be unique",
                items[i].key(),
                items[first].line()
            ),
        )
    })
}

fn figures(path: &Path, hashes: &mut Hashes, index: &mut Index) -> Result<Vec<Figure>> {
    let t = Table::open(path, &FIGURE_COLUMNS[..8], &FIGURE_COLUMNS[8..], hashes)?;
    let cols = FIGURE_COLUMNS.map(|n| t.col(n));
    let sources = &index.sources;
    let (out, hashes_of_ids) = read_rows(t, |t| figure(t, &cols, sources), |f| Ids::hash(&f.id))?;
    index.figures = unique_ids(path, &out, &hashes_of_ids)?;
    Ok(out)
}

/// One row of `figures.csv`, checked, with `cols` the file's columns in
/// the order of [`FIGURE_COLUMNS`].
fn figure(t: &Table, cols: &[Col; 22], sources: &HashMap<String, usize>) -> Result<Figure> {
    let [
        c_id,
        c_source,
        c_paragraph,
        c_printed,
        c_value,
        c_kind,
        c_unit,
        c_counts,
        c_qualifier,
        c_scale,
        c_attribution_text,
        c_attributed_to,
        c_period_text,
        c_period_start,
        c_period_end,
        c_inferred,
        c_series,
        c_subset_of,
        c_dimensions,
        c_metric,
        c_status,
        c_note,
    ] = *cols;
    let id: Text = t.id(c_id)?;
    let source: Text = t.id(c_source)?;
    if !sources.contains_key(source.as_str()) {
        return Err(Error::data(
            t.at(c_source),
            format!("unknown source `{source}`; expected an id from sources.csv"),
        ));
    }
    let status = match t.get(c_status) {
        "" | "checked" => Status::Checked,
        "draft" => Status::Draft,
        other => {
            return Err(Error::data(
                t.at(c_status),
                format!("expected `draft` or an empty field, found {other:?}"),
            ));
        }
    };
    let kind_text = t.get(c_kind);
    let kind = Kind::parse(kind_text).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        Error::data(
            t.at(c_kind),
            format!("expected one of {}, found {kind_text:?}", names.join(", ")),
        )
    })?;
    let raw = t.get(c_value);
    let value = match (kind, raw) {
        (Kind::Date, "") => None,
        (Kind::Date, v) => {
            return Err(Error::data(
                t.at(c_value),
                format!("a date has no value (the date goes in period_end), found {v:?}"),
            ));
        }
        (_, "") => {
            return Err(Error::data(
                t.at(c_value),
                "expected the figure's value as a plain number (like 7984), found an empty field",
            ));
        }
        (_, v) => {
            let n = parse_value(v).ok_or_else(|| {
                Error::data(
                    t.at(c_value),
                    format!("expected a plain number without separators or words (like 7984, -5, 0.5 or 2/3), found {v:?}"),
                )
            })?;
            let whole_and_positive = |what: &str| {
                if n < 0.0 || n.fract() != 0.0 {
                    Err(Error::data(
                        t.at(c_value),
                        format!("expected a whole number, zero or more, for {what}, found {v}"),
                    ))
                } else {
                    Ok(())
                }
            };
            match kind {
                Kind::Count => whole_and_positive("a count")?,
                Kind::GroupSize => whole_and_positive("a group size")?,
                Kind::PeriodLength | Kind::Deadline | Kind::OneIn if n <= 0.0 => {
                    return Err(Error::data(
                        t.at(c_value),
                        format!("expected a number above zero for a {kind}, found {v}"),
                    ));
                }
                Kind::Fraction if !(0.0..=1.0).contains(&n) => {
                    return Err(Error::data(
                        t.at(c_value),
                        format!("expected a fraction between 0 and 1 (like 0.5 or 2/3), found {v}"),
                    ));
                }
                _ => {}
            }
            Some(n)
        }
    };
    let qualifier = match t.get(c_qualifier) {
        "" => None,
        q => Some(Qualifier::parse(q).ok_or_else(|| {
            let names: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
            Error::data(
                t.at(c_qualifier),
                format!(
                    "expected one of {} or an empty field, found {q:?}",
                    names.join(", ")
                ),
            )
        })?),
    };
    let scale = match t.get(c_scale) {
        "" => None,
        s => {
            if !crate::numbers::SCALES.iter().any(|(w, _)| *w == s) {
                let canonical: Vec<&str> = crate::numbers::SCALES.iter().map(|(w, _)| *w).collect();
                return Err(Error::data(
                    t.at(c_scale),
                    format!(
                        "expected one of the scale words {} or an empty field, found {s:?}",
                        canonical.join(", ")
                    ),
                ));
            }
            Some(Text::from(s))
        }
    };
    let unit: Text = t.text(c_unit)?;
    if kind == Kind::Amount && !(unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(Error::data(
            t.at(c_unit),
            format!(
                "expected the currency as a three-letter code (PKR, INR, USD…) for an amount, found {unit:?}"
            ),
        ));
    }
    if unit.is_empty() && status == Status::Checked {
        return Err(Error::data(
            t.at(c_unit),
            "expected a unit (accounts, people, PKR…), found an empty field",
        ));
    }
    let counts: Text = t.text(c_counts)?;
    if counts.is_empty() && status == Status::Checked {
        return Err(Error::data(
            t.at(c_counts),
            "expected what the figure counts, in plain words, found an empty field",
        ));
    }
    let mut period = [None, None];
    for (slot, field) in period.iter_mut().zip([c_period_start, c_period_end]) {
        let v = t.get(field);
        if !v.is_empty() && !is_partial_date(v) {
            return Err(Error::data(
                t.at(field),
                format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {v:?}"),
            ));
        }
        *slot = (!v.is_empty()).then(|| Text::from(v));
    }
    if let [Some(start), Some(end)] = &period {
        if start.as_str() > end.as_str() && !end.starts_with(start.as_str()) {
            return Err(Error::data(
                t.at(c_period_end),
                format!("the period ends ({end}) before it starts ({start})"),
            ));
        }
    }
    if kind == Kind::Date && period[1].is_none() {
        return Err(Error::data(
            t.at(c_period_end),
            "a date figure keeps its date in period_end (YYYY-MM-DD); found an empty field",
        ));
    }
    let inferred = parse_pairs(
        t.get(c_inferred),
        ':',
        "inferred",
        |n| INFERABLE.contains(&n),
        || format!("expected one of the fields {}", INFERABLE.join(", ")),
    )
    .map_err(|m| Error::data(t.at(c_inferred), m))?;
    for (field, _) in &inferred {
        let empty = match field.as_str() {
            "value" => value.is_none(),
            "period_start" => period[0].is_none(),
            "period_end" => period[1].is_none(),
            "unit" => unit.is_empty(),
            _ => t.get(field.as_str()).is_empty(),
        };
        if empty {
            return Err(Error::data(
                t.at(c_inferred),
                format!("`{field}` is marked as inferred but is empty"),
            ));
        }
    }
    let dimensions = parse_pairs(t.get(c_dimensions), '=', "dimensions", is_id, || {
        "a dimension's name is an id (like `platform`)".to_string()
    })
    .map_err(|m| Error::data(t.at(c_dimensions), m))?;
    let attribution_text: Text = t.phrase(c_attribution_text)?;
    let attributed_to: Text = t.text(c_attributed_to)?;
    if !attribution_text.is_empty()
        && !attributed_to.is_empty()
        && !contains_words(&attribution_text, &attributed_to)
    {
        return Err(Error::data(
            t.at(c_attributed_to),
            format!(
                "{attributed_to:?} is not in the attribution_text {attribution_text:?}; attributed_to names who the source's own words credit, in those words (or is empty when they name no one)"
            ),
        ));
    }
    let metric = t.optional_id(c_metric)?;
    if metric.is_some() && !kind.is_printed_derivation() {
        return Err(Error::data(
            t.at(c_metric),
            format!(
                "only a derived number the report prints (kind percent, ratio, fraction, one_in or change) can be tied to a metric; this figure is a {kind}"
            ),
        ));
    }
    Ok(Figure {
        id,
        source,
        paragraph: t.paragraph(c_paragraph)?,
        printed: {
            let p: Text = t.phrase(c_printed)?;
            if p.is_empty() {
                return Err(Error::data(
                    t.at(c_printed),
                    "expected the number as printed, found an empty field",
                ));
            }
            p
        },
        value,
        qualifier,
        kind,
        unit,
        scale,
        counts,
        attribution_text,
        attributed_to,
        period_text: t.phrase(c_period_text)?,
        period_start: period[0].take(),
        period_end: period[1].take(),
        inferred,
        series: t.optional_id(c_series)?,
        subset_of: t.optional_id(c_subset_of)?,
        dimensions,
        metric,
        status,
        note: t.text(c_note)?,
        line: t.line,
    })
}

/// True when every word of `needle` occurs, in order and whole, in
/// `hay` (case-insensitive; punctuation ignored).
fn contains_words(hay: &str, needle: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (h, n) = (words(hay), words(needle));
    !n.is_empty() && h.windows(n.len()).any(|w| w == n.as_slice())
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

/// Checks that need every figure: subsets, series.
fn cross_check_figures(
    path: &Path,
    figures: &mut [Figure],
    index: &Index,
    linked: &Linked,
) -> Result<()> {
    for f in linked.subsets.iter().map(|&i| &figures[i]) {
        if let Some(parent) = &f.subset_of {
            match index.figures.get(parent) {
                None => {
                    return Err(Error::data(
                        Location::field(path, f.line, "subset_of"),
                        format!("unknown figure `{parent}`; expected an id from figures.csv"),
                    ));
                }
                Some(p) if figures[p].unit != f.unit => {
                    return Err(Error::data(
                        Location::field(path, f.line, "subset_of"),
                        format!(
                            "`{}` counts {} but `{parent}` counts {}; a subset counts the same unit as the figure it is part of",
                            f.id, f.unit, figures[p].unit
                        ),
                    ));
                }
                _ => {}
            }
        }
    }
    // Subset cycles: follow each chain; a chain longer than the ledger loops.
    let mut done = vec![false; figures.len()];
    for &start in &linked.subsets {
        let mut seen: Vec<usize> = Vec::new();
        let mut at = start;
        loop {
            if done[at] {
                break;
            }
            if let Some(pos) = seen.iter().position(|&s| s == at) {
                let cycle: Vec<&str> = seen[pos..]
                    .iter()
                    .map(|&i| figures[i].id.as_str())
                    .collect();
                return Err(Error::data(
                    Location::field(path, figures[at].line, "subset_of"),
                    format!(
                        "subsets form a cycle: {} -> {}; a figure cannot be part of itself",
                        cycle.join(" -> "),
                        figures[at].id
                    ),
                ));
            }
            seen.push(at);
            match figures[at]
                .subset_of
                .as_ref()
                .and_then(|p| index.figures.get(p))
            {
                Some(p) => at = p,
                None => break,
            }
        }
        for s in seen {
            done[s] = true;
        }
    }
    // A series reports one quantity: one unit, one kind.
    let mut first_of: HashMap<&str, usize> = HashMap::default();
    for &i in &linked.series {
        let f = &figures[i];
        let Some(s) = f.series.as_deref() else {
            continue;
        };
        match first_of.get(s) {
            None => {
                first_of.insert(s, i);
            }
            Some(&j) => {
                let g = &figures[j];
                if g.unit != f.unit || g.kind != f.kind {
                    return Err(Error::data(
                        Location::field(path, f.line, "series"),
                        format!(
                            "series `{s}` mixes units: `{}` (line {}) is {} {}, `{}` is {} {}; a series reports one quantity in one unit",
                            g.id, g.line, g.kind, g.unit, f.id, f.kind, f.unit
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Resolves a sum's ids; each must be a figure with a value of a kind that
/// can be added up.
fn resolve_sum(t: &Table, field: impl Field, figures: &[Figure], index: &Index) -> Result<Sum> {
    let raw = t.get(field);
    if raw.is_empty() {
        return Err(Error::data(
            t.at(field),
            "expected figure ids joined by + or -, found an empty field",
        ));
    }
    let terms = parse_sum(raw).map_err(|m| Error::data(t.at(field), m))?;
    // The terms' slots are read together, then their figures together,
    // then each term checked in order: the waits for memory overlap.
    let hashes: Vec<u64> = terms.iter().map(|(_, id)| Ids::hash(id)).collect();
    for &h in &hashes {
        index.figures.prefetch(h);
    }
    let found: Vec<Option<usize>> = terms
        .iter()
        .zip(&hashes)
        .map(|((_, id), &hash)| index.figures.get_hashed(hash, id))
        .collect();
    for &i in found.iter().flatten() {
        crate::util::prefetch(&figures[i]);
    }
    let mut out = Vec::with_capacity(terms.len());
    for ((sign, id), i) in terms.into_iter().zip(found) {
        let Some(i) = i else {
            return Err(Error::data(
                t.at(field),
                format!("unknown figure `{id}`; expected an id from figures.csv"),
            ));
        };
        let f = &figures[i];
        if f.value.is_none() || !f.kind.is_quantity() {
            return Err(Error::data(
                t.at(field),
                format!(
                    "figure `{id}` is a {} and cannot be added up; sums take counts, amounts, changes and period lengths",
                    f.kind
                ),
            ));
        }
        out.push(Term {
            sign,
            figure: id.into(),
            index: i,
        });
    }
    Ok(Sum(out))
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
fn subset_beside_superset(
    sum: &Sum,
    figures: &[Figure],
    index: &Index,
) -> Option<(String, String)> {
    if sum.0.iter().all(|t| figures[t.index].subset_of.is_none()) {
        return None;
    }
    let ids: HashSet<&str> = sum.figures().collect();
    for t in &sum.0 {
        let mut at = &figures[t.index];
        let mut steps = 0;
        while let Some(parent) = &at.subset_of {
            if ids.contains(parent.as_str()) {
                return Some((t.figure.to_string(), parent.to_string()));
            }
            match index.figures.get(parent) {
                Some(p) if steps < figures.len() => {
                    at = &figures[p];
                    steps += 1;
                }
                _ => break,
            }
        }
    }
    None
}

fn relations(
    path: &Path,
    hashes: &mut Hashes,
    figures: &[Figure],
    index: &Index,
) -> Result<Vec<Relation>> {
    let t = Table::open(path, &RELATION_COLUMNS[..5], &RELATION_COLUMNS, hashes)?;
    let cols = RELATION_COLUMNS.map(|n| t.col(n));
    let (out, keys) = read_rows(
        t,
        |t| relation(t, &cols, figures, index),
        |r| Ids::hash(&r.id),
    )?;
    unique_ids(path, &out, &keys)?;
    Ok(out)
}

/// One row of `relations.csv`, checked, its sums resolved.
fn relation(t: &Table, cols: &[Col; 7], figures: &[Figure], index: &Index) -> Result<Relation> {
    let [
        c_id,
        c_description,
        c_left,
        c_op,
        c_right,
        c_unit,
        c_gap_label,
    ] = *cols;
    let id = t.id(c_id)?;
    let op_text = t.get(c_op);
    let op = Op::parse(op_text).ok_or_else(|| {
        let names: Vec<&str> = Op::ALL.iter().map(|o| o.as_str()).collect();
        Error::data(
            t.at(c_op),
            format!("expected one of {}, found {op_text:?}", names.join(", ")),
        )
    })?;
    let left = resolve_sum(t, c_left, figures, index)?;
    let right = resolve_sum(t, c_right, figures, index)?;
    for (side, sum) in [("left", &left), ("right", &right)] {
        if let Some((part, whole)) = subset_beside_superset(sum, figures, index) {
            return Err(Error::data(
                t.at(side),
                format!(
                    "`{part}` is a subset of `{whole}`, so adding them counts the same things twice; put the parts on one side and the whole on the other"
                ),
            ));
        }
    }
    let unit: Text = t.text(c_unit)?;
    let units: Vec<&str> = [&left, &right]
        .iter()
        .flat_map(|s| s.0.iter().map(|x| figures[x.index].unit.as_str()))
        .collect();
    if let Some(other) = units.iter().find(|u| **u != units[0]) {
        return Err(Error::data(
            t.at(c_right),
            format!(
                "the relation adds or compares figures in different units ({} and {other}); a relation needs one unit",
                units[0]
            ),
        ));
    }
    Ok(Relation {
        id,
        description: t.required(c_description)?,
        left,
        op,
        right,
        unit: if unit.is_empty() {
            Text::from(units[0])
        } else {
            unit
        },
        gap_label: t.text(c_gap_label)?,
        line: t.line,
    })
}

fn metrics(
    path: &Path,
    hashes: &mut Hashes,
    figures: &[Figure],
    index: &Index,
) -> Result<Vec<MetricDef>> {
    let t = Table::open(path, &METRIC_REQUIRED, &METRIC_COLUMNS, hashes)?;
    let cols = METRIC_COLUMNS.map(|n| t.col(n));
    Ok(read_rows(t, |t| metric(t, &cols, figures, index), |_| 0)?.0)
}

/// One row of `metrics.csv`, checked, its sums resolved.
fn metric(t: &Table, cols: &[Col; 10], figures: &[Figure], index: &Index) -> Result<MetricDef> {
    let [
        c_id,
        c_description,
        c_numerator,
        c_denominator,
        c_calc,
        c_display,
        c_per,
        c_bound,
        c_basis,
        c_formula,
    ] = *cols;
    let id = t.id(c_id)?;
    let calc = match t.get(c_calc) {
        "" => Calc::Ratio,
        name => Calc::parse(name).ok_or_else(|| {
            let names: Vec<&str> = Calc::ALL.iter().map(|c| c.as_str()).collect();
            Error::data(
                t.at(c_calc),
                format!(
                    "expected one of {} (or an empty field for ratio), found {name:?}",
                    names.join(", ")
                ),
            )
        })?,
    };
    let display_text = t.get(c_display);
    let display = Display::parse(display_text).ok_or_else(|| {
        let names: Vec<&str> = Display::ALL.iter().map(|d| d.as_str()).collect();
        Error::data(
            t.at(c_display),
            format!(
                "expected one of {}, found {display_text:?}",
                names.join(", ")
            ),
        )
    })?;
    let bound = match t.get(c_bound) {
        "" => None,
        name => Some(Bound::parse(name).ok_or_else(|| {
            let names: Vec<&str> = Bound::ALL.iter().map(|b| b.as_str()).collect();
            Error::data(
                t.at(c_bound),
                format!(
                    "expected one of {} or an empty field, found {name:?}",
                    names.join(", ")
                ),
            )
        })?),
    };
    let basis: Text = t.text(c_basis)?;
    if bound.is_some() && basis.is_empty() {
        return Err(Error::data(
            t.at(c_basis),
            "a bound needs its basis: say in plain words why the true value cannot lie beyond it",
        ));
    }
    let numerator = resolve_sum(t, c_numerator, figures, index)?;
    let denominator = resolve_sum(t, c_denominator, figures, index)?;
    let (nu, du) = (
        sum_unit(&numerator, figures),
        sum_unit(&denominator, figures),
    );
    let explained = bound.is_some();
    if !explained {
        for (field, sum, u) in [
            ("numerator", &numerator, nu),
            ("denominator", &denominator, du),
        ] {
            if u.is_none() {
                return Err(Error::data(
                    t.at(field),
                    format!(
                        "the {field} adds figures in different units ({}); add only like with like, or make the metric a bound and give its basis",
                        sum.0
                            .iter()
                            .map(|x| figures[x.index].unit.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    let mixed_units = !explained && nu != du;
    if mixed_units && (display.is_fraction() || calc != Calc::Ratio) {
        return Err(Error::data(
            t.at(c_display),
            format!(
                "the numerator counts {} and the denominator {}; a count of one thing is never shown as a percentage or change of a count of another. Use display `per` (with `per` naming one {}) or `ratio`",
                nu.unwrap_or("?"),
                du.unwrap_or("?"),
                du.unwrap_or("?")
            ),
        ));
    }
    let per: Text = t.text(c_per)?;
    if display == Display::Per && per.is_empty() {
        return Err(Error::data(
            t.at(c_per),
            "display `per` needs `per`: what one unit of the denominator is, in the singular (like `operation`)",
        ));
    }
    Ok(MetricDef {
        id,
        description: t.required(c_description)?,
        numerator,
        denominator,
        calc,
        display,
        per,
        bound,
        basis,
        formula: t.text(c_formula)?,
        mixed_units,
        derived: false,
        line: t.line,
    })
}

fn derive_series_metrics(
    figures: &[Figure],
    series: &[crate::ledger::series::Series],
    out: &mut Vec<MetricDef>,
) -> Result<()> {
    for releases in crate::ledger::series::releases(series) {
        for pair in releases.windows(2) {
            let (from, to) = (&figures[pair[0].figure], &figures[pair[1].figure]);
            if from.value.is_none() || !from.kind.is_quantity() {
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
            let description = format!(
                "Change in {} from {} to {}",
                crate::util::lower_first(&to.counts),
                pair[0].label,
                pair[1].label
            );
            let display = if to.kind == Kind::Amount {
                Display::Amount
            } else {
                Display::Change
            };
            out.push(MetricDef {
                id: format!("{}_change", to.id).into(),
                description: Text::from(&description),
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
                line: 0,
            });
            if from.value == Some(0.0) {
                continue;
            }
            out.push(MetricDef {
                id: format!("{}_pct_change", to.id).into(),
                description: format!("{description}, relative to the earlier value").into(),
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
                line: 0,
            });
        }
    }
    Ok(())
}

fn exclusions(path: &Path, hashes: &mut Hashes, index: &Index) -> Result<Vec<Exclusion>> {
    let mut t = Table::open(path, &EXCLUSION_COLUMNS, &[], hashes)?;
    let mut out = Vec::new();
    while t.next()? {
        let source = t.id("source")?;
        if !index.sources.contains_key(&source) {
            return Err(Error::data(
                t.at("source"),
                format!("unknown source `{source}`; expected an id from sources.csv"),
            ));
        }
        out.push(Exclusion {
            source,
            paragraph: t.paragraph("paragraph")?,
            printed: t.phrase("printed")?,
            reason: t.required("reason")?,
            line: t.line,
        });
    }
    Ok(out)
}

fn paragraphs(path: &Path, hashes: &mut Hashes, index: &Index) -> Result<Vec<ParagraphRole>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut t = Table::open(path, &["source", "paragraph", "role"], &["note"], hashes)?;
    let mut out: Vec<ParagraphRole> = Vec::new();
    while t.next()? {
        let source = t.id("source")?;
        if !index.sources.contains_key(&source) {
            return Err(Error::data(
                t.at("source"),
                format!("unknown source `{source}`; expected an id from sources.csv"),
            ));
        }
        let role = t.get("role");
        if !ROLES.contains(&role) {
            return Err(Error::data(
                t.at("role"),
                format!("expected one of {}, found {role:?}", ROLES.join(", ")),
            ));
        }
        let paragraph = t.paragraph("paragraph")?;
        if let Some(prev) = out
            .iter()
            .find(|p| p.source == source && p.paragraph == paragraph)
        {
            return Err(Error::data(
                t.at("paragraph"),
                format!(
                    "paragraph {paragraph} of `{source}` is already described on line {}",
                    prev.line
                ),
            ));
        }
        out.push(ParagraphRole {
            source,
            paragraph,
            role: role.to_string(),
            note: t.text("note")?,
            line: t.line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads every row of the parts of a file split in `n`.
    fn rows_in_parts(bytes: &[u8], n: usize) -> (usize, Vec<(u64, String, String)>) {
        let t =
            Table::from_bytes(Path::new("t.csv"), bytes.to_vec(), &["id", "note"], &[]).unwrap();
        let parts = t.split(n);
        let count = parts.len();
        let mut rows = Vec::new();
        for mut p in parts {
            while p.next().unwrap() {
                rows.push((p.line, p.get("id").to_string(), p.get("note").to_string()));
            }
        }
        (count, rows)
    }

    #[test]
    fn rows_are_counted_alike_with_and_without_carriage_returns() {
        // Every string of up to eight bytes from `a`, `\n` and `,`: the
        // one-pass count for files without `\r` agrees with the count byte
        // by byte, and the same text in CRLF endings gets at least as much
        // room.
        let alphabet = [b'a', b'\n', b','];
        for len in 0..=8u32 {
            for code in 0..3usize.pow(len) {
                let mut c = code;
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        let b = alphabet[c % 3];
                        c /= 3;
                        b
                    })
                    .collect();
                let last = text.last().is_some_and(|&b| b != b'\n');
                let byte_by_byte = (line_ends(&text) + usize::from(last)).min(text.len() + 1);
                assert_eq!(rows_at_most(&text, 1), byte_by_byte, "{text:?}");
                let crlf: Vec<u8> = text
                    .iter()
                    .flat_map(|&b| {
                        if b == b'\n' {
                            vec![b'\r', b'\n']
                        } else {
                            vec![b]
                        }
                    })
                    .collect();
                assert!(rows_at_most(&crlf, 1) >= byte_by_byte, "{crlf:?}");
            }
        }
    }

    #[test]
    fn a_big_file_is_read_whole_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        // Sizes either side of where parts begin, and not a multiple of
        // any core count.
        for len in [(8 << 20) - 1, (8 << 20) + 7, 9_999_991] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let path = dir.path().join("f.csv");
            std::fs::write(&path, &bytes).unwrap();
            assert!(read_file(&path).unwrap() == bytes, "{len} bytes");
        }
        let missing = read_file(&dir.path().join("missing.csv")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
    }

    /// The rows the reader finds in `bytes`, each field as bytes.
    fn rows_of(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        r.byte_records()
            .map(|rec| rec.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    #[test]
    fn cuts_fall_where_the_reader_ends_rows() {
        // Random texts of quotes, commas, line ends and letters, stray and
        // doubled quotes included: cutting where `row_end_after` says gives
        // the same rows, read in two parts, as reading the whole.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = [b'a', b'b', b',', b'"', b'\n', b'\r', b' ', b'"'];
        for _ in 0..500 {
            let len = (next() % 32) as usize;
            let text: Vec<u8> = (0..len).map(|_| alphabet[(next() % 8) as usize]).collect();
            let whole = rows_of(&text);
            for target in 0..=text.len() {
                let cut = row_end_after(&text, 0, target);
                assert!(cut >= target.min(text.len()) && cut <= text.len());
                let mut parts = rows_of(&text[..cut]);
                parts.extend(rows_of(&text[cut..]));
                assert_eq!(
                    parts,
                    whole,
                    "{:?} cut at {cut} for {target}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    #[test]
    fn a_file_splits_between_rows_never_inside_quotes() {
        // The middle of the file lies inside a quoted note of many lines,
        // with a newline right after an escaped quote.
        let long = "x\n\"\"\n".repeat(600_000);
        let text = format!(
            "id,note\na,\"short\"\nb,\"{long}\"\nc,after\n{}",
            "d,plain\n".repeat(200_000)
        );
        let (parts, rows) = rows_in_parts(text.as_bytes(), 2);
        assert_eq!(parts, 2);
        assert_eq!(rows.len(), 3 + 200_000);
        assert_eq!(rows[1].1, "b");
        // Each escaped quote reads as one; the last newline is trimmed.
        assert_eq!(rows[1].2.len(), long.len() - 600_000 - 1);
        assert_eq!((rows[2].0, rows[2].1.as_str()), (3 + 2 * 600_000 + 1, "c"));
        let last = rows.last().unwrap();
        assert_eq!(last.0, 4 + 2 * 600_000 + 200_000);
        // The same rows as one part gives.
        assert_eq!(rows, rows_in_parts(text.as_bytes(), 1).1);
        // Split in many parts, still the same rows.
        assert_eq!(rows, rows_in_parts(text.as_bytes(), 7).1);
    }

    /// A row that counts its drops.
    struct Counted(String);
    static DROPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    impl Drop for Counted {
        fn drop(&mut self) {
            DROPS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    fn parts_of(text: &str, n: usize) -> Vec<Table> {
        Table::from_bytes(
            Path::new("t.csv"),
            text.as_bytes().to_vec(),
            &["id", "note"],
            &[],
        )
        .unwrap()
        .split(n)
    }

    /// The ids of every row, read in `parts` as rows made by `make`.
    fn read_ids<T: Send>(
        parts: Vec<Table>,
        make: fn(String) -> T,
        id: fn(&T) -> &str,
    ) -> Result<Vec<String>> {
        let (rows, keys) = read_parts(parts, |t| Ok(make(t.id("id")?)), |r| id(r).len() as u64)?;
        assert_eq!(
            keys,
            rows.iter().map(|r| id(r).len() as u64).collect::<Vec<_>>()
        );
        Ok(rows.iter().map(|r| id(r).to_string()).collect())
    }

    #[test]
    fn rows_land_in_order_whatever_the_room_each_part_was_given() {
        let text: String = std::iter::once("id,note\n".to_string())
            .chain((0..300_000).map(|i| format!("r{i},\"a note\"\n")))
            .collect();
        let expected: Vec<String> = (0..300_000).map(|i| format!("r{i}")).collect();
        let parts = parts_of(&text, 3);
        assert_eq!(parts.len(), 3);
        assert_eq!(read_ids(parts, |s| s, |s| s).unwrap(), expected);
        // Parts told they have fewer lines than rows keep the rest aside.
        let mut parts = parts_of(&text, 3);
        for p in &mut parts {
            p.lines = 7;
        }
        assert_eq!(read_ids(parts, |s| s, |s| s).unwrap(), expected);
        // More room than rows (blank lines, notes over several lines).
        let spaced = text
            .replace("r5,", "\n\nr5,")
            .replace("\"a note\"", "\"a\nnote\"");
        assert_eq!(
            read_ids(parts_of(&spaced, 3), |s| s, |s| s).unwrap(),
            expected
        );
        // Rows ended by a lone carriage return.
        let old_mac = text.replace('\n', "\r");
        assert_eq!(
            read_ids(parts_of(&old_mac, 3), |s| s, |s| s).unwrap(),
            expected
        );
    }

    #[test]
    fn a_bad_row_drops_every_row_read_and_reports_the_first_error() {
        let text: String = std::iter::once("id,note\n".to_string())
            .chain((0..300_000).map(|i| {
                let id = if i == 250_000 || i == 200_000 {
                    format!("Bad{i}")
                } else {
                    format!("r{i}")
                };
                format!("{id},plain\n")
            }))
            .collect();
        let parts = parts_of(&text, 2);
        assert_eq!(parts.len(), 2);
        let before = DROPS.load(std::sync::atomic::Ordering::SeqCst);
        let err = read_ids(parts, Counted, |c| &c.0).unwrap_err().to_string();
        assert!(err.contains("t.csv, line 200002, field `id`"), "{err}");
        // Both bad rows are in the second part, which stops at the first:
        // every row read before it, in either part, is dropped once.
        let dropped = DROPS.load(std::sync::atomic::Ordering::SeqCst) - before;
        assert_eq!(dropped, 200_000);
    }

    #[test]
    fn a_stray_quote_in_a_plain_field_does_not_move_a_cut_into_quotes() {
        // A quote inside an unquoted field is a plain character to the
        // reader; counting it would put the cut inside the long note.
        let long = "x\ny,".repeat(500_000);
        let text = format!(
            "id,note\na,5\" screen\nb,\"{long}\"\nc,after\n{}",
            "d,plain\n".repeat(100_000)
        );
        let (parts, rows) = rows_in_parts(text.as_bytes(), 2);
        assert_eq!(parts, 2);
        assert_eq!(rows, rows_in_parts(text.as_bytes(), 1).1);
        assert_eq!(rows.len(), 3 + 100_000);
        assert_eq!(rows[0].2, "5\" screen");
        assert_eq!(rows[2].1, "c");
    }

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
    }

    #[test]
    fn text_checks() {
        assert!(check_text("plain", 10).is_ok());
        assert!(check_text("a\u{202E}b", 10).is_err());
        assert!(check_text("a\0b", 10).is_err());
        assert!(check_text("=HYPERLINK(1)", 100).is_err());
        assert!(check_text(&"x".repeat(11), 10).is_err());
    }
}
