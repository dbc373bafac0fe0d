//! # newsfigures
//!
//! ## Overview
//!
//! newsfigures turns every number in a news report into a typed, sourced
//! record; loads the records into polars DataFrames; derives ratios; checks
//! the arithmetic; draws charts; and writes a methodology report that lets an
//! editor trace every number back to its paragraph.
//!
//! The data live in a *ledger* folder of hand-edited CSV files (see
//! [`ledger`]). Everything else is computed from it:
//!
//! - [`frames`]: the figures as a DataFrame;
//! - [`metrics`]: ratios of sums of figures, such as kills per operation;
//! - [`checks`]: relations such as "the parts add up to the total", as findings;
//! - [`audit`]: every number in the source text matched to the ledger.
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
//! ```
//! use newsfigures::{checks, metrics, Ledger};
//!
//! let ledger = Ledger::load("data")?;
//! let share = metrics::compute(&ledger)?
//!     .into_iter()
//!     .find(|m| m.id == "platform_share_facebook")
//!     .unwrap();
//! assert_eq!(share.shown, "52.7%");
//!
//! let gaps: Vec<_> = checks::run(&ledger)?.into_iter().filter(|f| !f.holds).collect();
//! assert_eq!(gaps.len(), 1);
//! # Ok::<(), newsfigures::Error>(())
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod build;
pub mod charts;
pub mod checks;
pub mod display;
mod error;
pub mod format;
pub mod frames;
pub mod ledger;
pub mod metrics;
pub mod report;
mod tables;

pub use error::{Error, Location, Result};
pub use ledger::Ledger;
/// The polars version this crate computes with, re-exported so notebooks
/// never compile a second one.
pub use polars;
