//! newsfigures, with polars and every other dependency, as one Rust shared
//! library (`crate-type = ["dylib"]`) for the notebooks.
//!
//! evcxr compiles every cell into a library of its own. Linked the usual
//! way, each of those libraries holds its own copy of every dependency and
//! of each one's statics. foldhash, which polars hashes column names with,
//! keeps its seed in such a static and draws it at random (from addresses
//! and the clock) the first time a copy is used. A DataFrame caches its
//! schema, an index map from column name to position hashed with that
//! seed, on its first lookup by name (`DataFrame::column`, `select`, the
//! lazy engine...): every later cell hashes the name with another copy's
//! seed, misses, and answers `ColumnNotFound`, for the frame, its clones
//! and whatever the lazy engine derives from them. polars' thread pool,
//! string cache and settings were likewise one per cell.
//!
//! Built as a dylib, this crate is loaded once per kernel process and every
//! cell links to it dynamically (evcxr passes `-C prefer-dynamic`), so all
//! cells share one copy of every dependency: one seed, one thread pool. A
//! cell's own library holds only the cell's code, so it also links in a
//! fraction of the time. (evcxr's `:allow_static_linking 0` would build
//! every dependency as a dylib of its own, but on Rust 1.95 it fails to
//! compile `no_std` crates: it hands them the standard library's `.so`,
//! which now holds only a metadata stub.)
pub use newsfigures::*;
