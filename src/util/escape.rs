//! Escaping text for each output format: XML and HTML, Markdown.

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
