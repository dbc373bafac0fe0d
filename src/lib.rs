//! # newsfigures
//!
//! ## Overview
//!
//! newsfigures turns every number in a news report into a typed, sourced
//! record; loads the records into polars DataFrames; derives ratios and
//! changes; checks the arithmetic (parts against totals, the same figure
//! across reports, the derived numbers a report prints); draws charts;
//! and writes a methodology report that lets an editor trace every number
//! back to its paragraph and every derived number to its formula.
//!
//! A story is a folder of data files (see `data/README.md`): the *ledger*
//! (CSV files of sources, figures, relations, metrics and exclusions) and a
//! *story file* (`story.toml`: the question, wording, caveats and charts).
//! A new report is a new folder, never new code. Data flows one way:
//!
//! - [`Story::load`] reads and validates the folder ([`ledger`], [`story`]);
//! - [`Analysis::new`] computes everything once: [`analysis::metrics`],
//!   [`analysis::checks`], each chart's marks and words, the caveats, the
//!   [`analysis::audit`] of every text, and the review of our own words;
//! - renderers only read the analysis: [`charts`], the tables, the
//!   methodology report, the data package, [`display`] for notebooks
//!   (and [`notebook`], which makes a failing notebook cell fail);
//! - [`build`] writes every output at once, or checks them for drift, for
//!   one story or an archive of stories.
//!
//! A new story starts from a report's text: [`init`] writes a folder whose
//! every number [`draft`] has read with the words around it (kind, unit,
//! hedge, credit, period) and whose arithmetic it has proposed, all marked
//! as drafts for the journalist to review.
//!
//! ## Setup
//!
//! ```toml
//! [dependencies]
//! newsfigures = { path = "..", default-features = false }
//! ```
//!
//! `default-features = false` leaves out the command-line front end.
//!
//! ## Example
//!
//! ```no_run
//! use newsfigures::{Analysis, Options, Story};
//!
//! let story = Story::load("data")?;
//! let analysis = Analysis::new(&story, &Options::default())?;
//! for m in &analysis.metrics {
//!     println!("{}: {}", m.id, m.shown);
//! }
//! for f in analysis.findings.iter().filter(|f| !f.holds()) {
//!     println!("{}", f.sentence);
//! }
//! # Ok::<(), newsfigures::Error>(())
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod build;
pub mod charts;
pub mod display;
pub mod draft;
pub mod edit;
mod error;
pub mod export;
pub mod format;
pub mod frames;
pub mod i18n;
pub mod init;
pub mod ledger;
pub(crate) mod licenses;
pub mod model;
pub mod notebook;
pub mod numbers;
pub mod palette;
pub mod report;
pub(crate) mod sentences;
pub mod story;
pub mod template;
pub mod util;
pub mod words;

/// The engine and its version, as every input hash records it.
pub(crate) const ENGINE: &str = concat!("newsfigures ", env!("CARGO_PKG_VERSION"));

pub use analysis::{Analysis, Options};
pub use error::{Error, ErrorKind, Location, MAX_PROBLEMS, Problem, Result};
pub use ledger::Ledger;
/// The polars version this crate computes with, re-exported so notebooks
/// never compile a second one.
pub use polars;
pub use story::Story;
