//! Plain text: characters refused in any field, reading bytes as UTF-8,
//! and the small changes our sentences need (capitals, lists).

use crate::error::{Error, Result};

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
