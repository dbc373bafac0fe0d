//! The integration tests, as one test binary so that polars is linked once.
//!
//! Tests that need a report's text the repository cannot hold
//! (`../shared/sources/article.txt`) say on stdout that they did not run when
//! it is absent; with `NEWSFIGURES_REQUIRE_TEXTS=1` (as `.ci/run` sets) a
//! missing text fails them instead.

mod common;

mod analysis;
mod build;
mod charts;
mod cli;
mod draft;
mod edit;
mod engine;
mod fixture;
mod hostile;
mod ledger;
mod props;
mod published;
mod right;
mod shipped;
mod standards;
mod story;
