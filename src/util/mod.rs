//! Small helpers every layer shares, each module of one purpose: [`hash`]
//! (SHA-256), [`escape`](mod@escape) (for HTML, XML and Markdown), [`text`] (checks and
//! small changes to text) and [`tables`] (CSV and JSON in memory, a
//! DataFrame's columns). Nothing here knows about ledgers, stories or
//! charts.

pub mod escape;
pub mod hash;
pub mod tables;
pub mod text;

pub use escape::{escape, markdown};
pub use hash::{sha256, sha256_parts};
pub use tables::{csv_bytes, json_bytes, to_csv};
pub(crate) use tables::{f64s, strings};
pub use text::{and_list, capitalise, forbidden_char, lower_first};
pub(crate) use text::{check_utf8, utf8};
