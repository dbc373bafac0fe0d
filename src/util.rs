//! Small helpers every layer shares: hashing, escaping for each output
//! format, writing CSV and JSON to memory, and reading a DataFrame's
//! columns. Nothing here knows about ledgers, stories or charts.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// `sha256` of some bytes, as lowercase hex.
///
/// ```
/// assert_eq!(
///     newsfigures::util::sha256(b""),
///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// One SHA-256 over several named parts, each length-prefixed so that no two
/// different lists of parts give the same input.
pub fn sha256_parts<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut h = Sha256::new();
    for (name, bytes) in parts {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Escapes text for XML and HTML, text and attribute values alike.
///
/// ```
/// assert_eq!(newsfigures::util::escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown, in running text and in table cells: no raw
/// HTML, no links or images, no emphasis, no column breaks, one line.
///
/// ```
/// let md = newsfigures::util::markdown("[click](javascript:alert(1)) | *x*");
/// assert_eq!(md, r"\[click\](javascript:alert(1)) \| \*x\*");
/// ```
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters refused in any text field: control characters other than
/// tab and line breaks, and the bidirectional embedding, override and
/// isolate controls, which can make text display in an order other than
/// the one it is stored in.
pub fn forbidden_char(s: &str) -> Option<char> {
    // Printable ASCII, most text, holds none of them.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    s.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// Writes rows (serde records) as CSV with a header row; `header` is used
/// when there are no rows, so an empty table still names its columns.
pub fn csv_bytes<T: Serialize>(name: &str, header: &[&str], rows: &[T]) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| Error::io(name, std::io::Error::other(e.to_string()));
    let mut w = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        w.write_record(header).map_err(fail)?;
    }
    for r in rows {
        w.serialize(r).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::io(name, std::io::Error::other(e.to_string())))
}

/// Pretty JSON with a final newline.
pub fn json_bytes<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<u8>> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::io(name, std::io::Error::other(e)))?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// Checks that `bytes` read from `path` are UTF-8; the error names the line
/// of the first bad byte and says `message` (how to fix the file).
pub(crate) fn check_utf8(path: &std::path::Path, bytes: &[u8], message: &str) -> Result<()> {
    std::str::from_utf8(bytes)
        .map(drop)
        .map_err(|e| not_utf8(path, &bytes[..e.valid_up_to()], message))
}

/// `bytes` read from `path` as text: UTF-8, or an error naming the line.
pub(crate) fn utf8(path: &std::path::Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        not_utf8(path, valid, "expected UTF-8 text")
    })
}

fn not_utf8(path: &std::path::Path, valid: &[u8], message: &str) -> Error {
    let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
    Error::data(crate::Location::line(path, line as u64), message)
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The first letter in lower case.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Joins items as a reader would list them: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A float column as values, null as NaN (the analysis's "no value").
pub(crate) fn f64s(df: &polars::prelude::DataFrame, name: &str) -> Result<Vec<f64>> {
    Ok(df
        .column(name)?
        .f64()?
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect())
}

/// A string column as owned strings, null as "".
pub(crate) fn strings(df: &polars::prelude::DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect())
}

/// A fast hasher for the ledger's maps of ids (the algorithm of rustc's
/// `FxHasher`). Ids come from the newsroom's own files, so the hash need not
/// resist crafted collisions; it does need to be quick for a million of them.
#[derive(Debug, Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply mixes upwards only: rotate the well-mixed high bits
        // down to where hash tables take their bucket index (as rustc-hash
        // 2 does).
        self.hash.rotate_left(26)
    }
}

/// A hash map keyed with [`FxHasher`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
