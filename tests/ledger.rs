//! The ledger, metrics and checks, worked out by hand from the figures.

mod common;

use common::{edit, ledger_copy, line_of};
use newsfigures::{checks, metrics, Error, Ledger};

fn metric(ledger: &Ledger, id: &str) -> f64 {
    metrics::compute(ledger)
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no metric {id}"))
        .value
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn every_metric_matches_the_hand_calculation() {
    let l = Ledger::load(common::data()).unwrap();
    // Each value must be the correctly rounded quotient of the figures, so
    // the comparisons are exact.
    // 206 killed / 7,984 operations = 0.025801…: about one death per 39 operations.
    assert_eq!(metric(&l, "kills_per_operation"), 206.0 / 7984.0);
    // 7,984 / 206 = 38.757…
    assert_eq!(metric(&l, "operations_per_kill"), 7984.0 / 206.0);
    // Platform shares of the 924 flagged accounts:
    // 487/924 = 0.52706, 190/924 = 0.20563, 147/924 = 0.15909, 88/924 = 0.09524, 12/924 = 0.01299.
    assert_eq!(metric(&l, "platform_share_facebook"), 487.0 / 924.0);
    assert_eq!(metric(&l, "platform_share_tiktok"), 190.0 / 924.0);
    assert_eq!(metric(&l, "platform_share_x"), 147.0 / 924.0);
    assert_eq!(metric(&l, "platform_share_instagram"), 88.0 / 924.0);
    assert_eq!(metric(&l, "platform_share_other"), 12.0 / 924.0);
    // 312 blocked / 924 flagged = 0.33766.
    assert_eq!(metric(&l, "block_completion_rate"), 312.0 / 924.0);
    // 312 / (312 + 607) = 312 / 919 = 0.33950.
    assert_eq!(
        metric(&l, "block_completion_rate_of_actioned"),
        312.0 / 919.0
    );
    // 607 / 924 = 0.65693.
    assert_eq!(metric(&l, "block_pending_rate"), 607.0 / 924.0);
    // (924 - 312 - 607) / 924 = 5 / 924 = 0.00541.
    assert_eq!(metric(&l, "status_unaccounted_share"), 5.0 / 924.0);
    // 924 accounts / 3 months = 308 a month.
    assert_eq!(metric(&l, "accounts_per_month"), 308.0);
    // 14 / 924 = 0.01515; 924 / 14 = 66.
    assert_eq!(metric(&l, "inquiries_per_account"), 14.0 / 924.0);
    assert_eq!(metric(&l, "accounts_per_inquiry"), 66.0);
}

#[test]
fn platform_shares_sum_to_one() {
    let l = Ledger::load(common::data()).unwrap();
    let total: f64 = ["facebook", "tiktok", "x", "instagram", "other"]
        .iter()
        .map(|p| metric(&l, &format!("platform_share_{p}")))
        .sum();
    assert!(close(total, 1.0), "{total}");
}

#[test]
fn the_status_gap_is_a_finding_not_an_error() {
    let l = Ledger::load(common::data()).unwrap();
    let findings = checks::run(&l).unwrap();
    let status = findings
        .iter()
        .find(|f| f.id == "status_sum_to_flagged")
        .unwrap();
    assert!(!status.holds);
    assert_eq!(
        (status.actual, status.expected, status.gap),
        (919.0, 924.0, -5.0)
    );
    assert!(
        status.sentence.contains("312 + 607 = 919, not 924"),
        "{}",
        status.sentence
    );
    assert!(
        status
            .sentence
            .contains("5 accounts with no reported blocking status"),
        "{}",
        status.sentence
    );
    let platforms = findings
        .iter()
        .find(|f| f.id == "platforms_sum_to_flagged")
        .unwrap();
    assert!(platforms.holds);
    assert_eq!(platforms.actual, 924.0);
    assert_eq!(findings.iter().filter(|f| !f.holds).count(), 1);
}

#[test]
fn a_what_if_in_memory_changes_metrics_and_findings() {
    let mut l = Ledger::load(common::data()).unwrap();
    l.set_value("accounts_blocked", 917.0).unwrap();
    l.set_value("accounts_in_process", 0.0).unwrap();
    assert!(close(metric(&l, "block_completion_rate"), 917.0 / 924.0));
    let status = checks::run(&l)
        .unwrap()
        .into_iter()
        .find(|f| f.id == "status_sum_to_flagged")
        .unwrap();
    assert_eq!(status.gap, -7.0);
    assert!(l.set_value("no_such_figure", 1.0).is_err());
    assert!(l.set_value("accounts_blocked", -1.0).is_err());
}

#[test]
fn the_figures_frame_holds_every_figure_with_its_dimensions() {
    use newsfigures::polars::prelude::*;
    let l = Ledger::load(common::data()).unwrap();
    let df = newsfigures::frames::figures(&l).unwrap();
    assert_eq!(df.height(), l.figures.len());
    let by_platform = df
        .lazy()
        .filter(col("platform").is_not_null())
        .select([col("value").sum()])
        .collect()
        .unwrap();
    assert_eq!(
        by_platform.column("value").unwrap().f64().unwrap().get(0),
        Some(924.0)
    );
}

/// Loads a ledger copy after one edit and returns the error message.
fn load_error(file: &str, from: &str, to: &str) -> String {
    let dir = ledger_copy();
    edit(dir.path(), file, from, to);
    let err = Ledger::load(dir.path())
        .and_then(|l| metrics::compute(&l).map(|_| ()))
        .unwrap_err();
    assert!(matches!(err, Error::Data { .. }), "{err:?}");
    err.to_string()
}

#[test]
fn a_malformed_row_names_file_and_line() {
    let dir = ledger_copy();
    let line = line_of(dir.path(), "figures.csv", "accounts_x,");
    let msg = load_error(
        "figures.csv",
        "accounts_x,islamabad_2024_12_03,17,147,147,",
        "accounts_x,islamabad_2024_12_03,17,147,147,extra,",
    );
    assert!(
        msg.contains(&format!("figures.csv, line {line}: expected 15 fields")),
        "{msg}"
    );
}

#[test]
fn a_non_numeric_count_names_the_field() {
    let dir = ledger_copy();
    let line = line_of(dir.path(), "figures.csv", "accounts_x,");
    let msg = load_error("figures.csv", ",17,147,147,", ",17,147,many,");
    assert!(
        msg.contains(&format!(
            "figures.csv, line {line}, field `value`: expected a plain number"
        )),
        "{msg}"
    );
    assert!(msg.contains("\"many\""), "{msg}");
}

#[test]
fn a_negative_count_is_refused() {
    let msg = load_error("figures.csv", ",17,147,147,", ",17,147,-147,");
    assert!(
        msg.contains("field `value`: expected a non-negative number"),
        "{msg}"
    );
}

#[test]
fn a_fractional_count_is_refused() {
    let msg = load_error("figures.csv", ",17,147,147,", ",17,147,147.5,");
    assert!(
        msg.contains("field `value`: expected a whole number for a count"),
        "{msg}"
    );
}

#[test]
fn a_missing_column_is_named() {
    let msg = load_error("figures.csv", "attributed_to,", "");
    assert!(
        msg.contains("figures.csv, line 1: missing column `attributed_to`"),
        "{msg}"
    );
}

#[test]
fn a_duplicate_id_names_both_lines() {
    let dir = ledger_copy();
    let first = line_of(dir.path(), "figures.csv", "accounts_x,");
    let second = line_of(dir.path(), "figures.csv", "accounts_instagram,");
    let msg = load_error("figures.csv", "accounts_instagram,", "accounts_x,");
    assert!(
        msg.contains(&format!("figures.csv, line {second}, field `id`: duplicate id `accounts_x`, first used on line {first}")),
        "{msg}"
    );
}

#[test]
fn a_relation_naming_an_unknown_figure_is_refused() {
    let msg = load_error(
        "relations.csv",
        "accounts_blocked + accounts_in_process,=",
        "accounts_blocked + accounts_pending,=",
    );
    assert!(
        msg.contains("relations.csv, line 3, field `left`: unknown figure `accounts_pending`"),
        "{msg}"
    );
}

#[test]
fn a_metric_naming_an_unknown_figure_is_refused() {
    let msg = load_error(
        "metrics.csv",
        "kills_per_operation,People killed per intelligence-based operation,ibo_killed,",
        "kills_per_operation,People killed per intelligence-based operation,ibo_deaths,",
    );
    assert!(
        msg.contains("metrics.csv, line 2, field `numerator`: unknown figure `ibo_deaths`"),
        "{msg}"
    );
}

#[test]
fn a_zero_denominator_names_the_metric() {
    let dir = ledger_copy();
    let line = line_of(dir.path(), "metrics.csv", "accounts_per_month,");
    let msg = load_error(
        "figures.csv",
        "three months,3,months",
        "three months,0,months",
    );
    assert!(
        msg.contains(&format!(
            "metrics.csv, line {line}, field `denominator`: metric `accounts_per_month`"
        )),
        "{msg}"
    );
    assert!(msg.contains("adds up to zero"), "{msg}");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = ledger_copy();
    std::fs::write(dir.path().join("relations.csv"), "").unwrap();
    let msg = Ledger::load(dir.path()).unwrap_err().to_string();
    assert!(
        msg.contains(
            "relations.csv: the file is empty; expected a header row: id,description,left,op,right"
        ),
        "{msg}"
    );
}

#[test]
fn a_non_utf8_file_names_the_line() {
    let dir = ledger_copy();
    let line = line_of(dir.path(), "figures.csv", "accounts_x,");
    let path = dir.path().join("figures.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(6).position(|w| w == b"on X,F").unwrap();
    bytes[at] = 0xE9; // a Latin-1 "é": what spreadsheets save by default
    std::fs::write(&path, bytes).unwrap();
    let msg = Ledger::load(dir.path()).unwrap_err().to_string();
    assert!(
        msg.contains(&format!("figures.csv, line {line}: expected UTF-8")),
        "{msg}"
    );
}

#[test]
fn a_bad_date_and_an_unknown_kind_are_refused() {
    let msg = load_error("figures.csv", ",,2024-10,,,", ",,2024-13,,,");
    assert!(msg.contains("field `period_end`: expected a date"), "{msg}");
    let msg = load_error("figures.csv", ",people,count,", ",people,tally,");
    assert!(
        msg.contains("field `kind`: expected one of count, period_length"),
        "{msg}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = ledger_copy();
    std::fs::remove_file(dir.path().join("metrics.csv")).unwrap();
    let err = Ledger::load(dir.path()).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("metrics.csv"), "{err}");
}
