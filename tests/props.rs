//! Property tests, with a fixed seed so that every run checks the same
//! cases: the loader never panics, whatever bytes it is given; every number
//! the engine formats is found again by the audit's number finder.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[42; 32]))
}

/// Any bytes as any ledger file: a ledger or an error, never a panic.
#[test]
fn the_loader_survives_any_bytes() {
    let dir = crate::common::mini(&[], None);
    let files = [
        "sources.csv",
        "figures.csv",
        "relations.csv",
        "metrics.csv",
        "story.toml",
    ];
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    let cell = prop_oneof![
        Just(String::new()),
        "[a-z_]{1,8}",
        "-?[0-9]{1,6}(\\.[0-9]{1,3})?",
        "[ -~]{0,12}",
        Just("\"".to_string()),
        Just("a + b - c".to_string()),
        Just("\u{202E}".to_string()),
    ];
    let row = prop::collection::vec(cell, 0..10).prop_map(|v| v.join(","));
    let file = prop::collection::vec(row, 0..6).prop_map(|rows| rows.join("\n"));
    let raw = prop::collection::vec(any::<u8>(), 0..200);
    runner(96)
        .run(
            &(
                0..files.len(),
                prop_oneof![file.prop_map(String::into_bytes), raw],
            ),
            |(i, bytes)| {
                let path = dir.path().join(files[i]);
                // Keep the header, so that rows are read, or replace the file whole.
                let header: Vec<u8> = originals[i].split(|b| *b == b'\n').next().unwrap().to_vec();
                let mut content = if bytes.first() == Some(&b'#') {
                    bytes.clone()
                } else {
                    [header, b"\n".to_vec(), bytes.clone()].concat()
                };
                if i == 4 {
                    content = bytes.clone();
                }
                std::fs::write(&path, &content).unwrap();
                let result = std::panic::catch_unwind(|| {
                    newsfigures::Story::load(dir.path())
                        .and_then(|s| newsfigures::Analysis::new(&s, &Default::default()))
                        .map(|_| ())
                });
                std::fs::write(&path, &originals[i]).unwrap();
                prop_assert!(
                    result.is_ok(),
                    "panicked on {:?}",
                    String::from_utf8_lossy(&content)
                );
                Ok(())
            },
        )
        .unwrap();
}

/// Every number the engine shows is found again, alone, with its value.
#[test]
fn every_formatted_number_is_found_again() {
    runner(512)
        .run(&(-1_000_000_000_000i64..1_000_000_000_000i64), |n| {
            let v = n as f64;
            for shown in [
                newsfigures::format::number(v),
                newsfigures::format::signed(v),
            ] {
                let text = format!("The report gives {shown} accounts.");
                let found = newsfigures::numbers::find(&text);
                prop_assert_eq!(found.len(), 1, "{}", text);
                prop_assert_eq!(found[0].value, Some(v), "{}", text);
            }
            Ok(())
        })
        .unwrap();
    runner(256)
        .run(&(0u32..100_000, 0u32..10), |(whole, tenth)| {
            let x: f64 = format!("{whole}.{tenth}").parse().unwrap();
            let shown = newsfigures::format::amount(x * 1e6, "PKR", Some("million"));
            let found = newsfigures::numbers::find(&format!("They recovered {shown} last year."));
            prop_assert_eq!(found.len(), 1);
            let got = found[0].value.unwrap();
            prop_assert!(
                (got - x * 1e6).abs() <= 1e-6 * (x * 1e6).abs().max(1.0),
                "{} -> {}",
                shown,
                got
            );
            let pct = newsfigures::format::percent(f64::from(whole) / 100_000.0);
            let found = newsfigures::numbers::find(&format!("A share of {pct} of all."));
            prop_assert_eq!(found.len(), 1, "{}", pct);
            Ok(())
        })
        .unwrap();
}

/// Templates: any text renders or is refused, never panics; any text with
/// no digits and no braces renders to itself.
#[test]
fn templates_never_panic() {
    let vars = newsfigures::template::Vars::default();
    runner(256)
        .run(&"\\PC{0,60}", |s| {
            let r = newsfigures::template::render(&s, &vars, None);
            if let (false, Ok(out)) = (s.chars().any(|c| c.is_numeric() || c == '{' || c == '}'), r)
            {
                prop_assert_eq!(out, s);
            }
            Ok(())
        })
        .unwrap();
}
