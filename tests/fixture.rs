//! The fictional story: another shape of report, built with no Rust
//! changes. Money in crore and lakh, a year-over-year change, a hedged
//! total, two dimensions, a breakdown that fails its total, derived numbers
//! the report prints, and an Urdu edition audited against the same ledger.

use newsfigures::Analysis;
use newsfigures::analysis::audit::Status;
use newsfigures::analysis::{Check, Verdict};

use crate::common::fixture;

fn analysis() -> Analysis {
    crate::common::analyse(&fixture())
}

#[test]
fn it_audits_clean_in_both_languages() {
    let a = analysis();
    for s in &a.audit.sources {
        assert_eq!(s.status, Status::Checked, "{}", s.source);
        assert!(s.problems.is_empty(), "{}: {:?}", s.source, s.problems);
    }
    let ur = a.audit.source("harbourton_ur").unwrap();
    let printed: Vec<&str> = ur
        .mentions
        .iter()
        .map(|m| m.mention.printed.as_str())
        .collect();
    assert_eq!(
        printed,
        [
            "2025",
            "۱۲ کروڑ روپے",
            "2024",
            "۱۰ کروڑ روپے",
            "۵ کروڑ روپے",
            "پانچ ہزار"
        ]
    );
    assert_eq!(ur.mentions[5].mention.qualifier.as_deref(), Some("over"));
}

#[test]
fn its_failing_total_is_a_finding() {
    let a = analysis();
    let f = a.finding("departments_2025_sum").unwrap();
    assert_eq!(f.verdict, Verdict::Fails);
    assert_eq!(f.gap, Some(-5_000_000.0));
    assert!(
        f.sentence
            .contains("Rs 5 crore + Rs 4 crore + Rs 2.5 crore = Rs 11.5 crore, not Rs 12 crore"),
        "{}",
        f.sentence
    );
    assert_eq!(
        a.finding("departments_2024_sum").unwrap().verdict,
        Verdict::Holds
    );
    assert_eq!(
        a.finding("applications_by_district").unwrap().verdict,
        Verdict::Consistent
    );
}

#[test]
fn its_printed_numbers_are_recomputed() {
    let a = analysis();
    let v = |id: &str| a.finding(id).unwrap().verdict;
    assert_eq!(
        v("spending_rise_printed_printed"),
        Verdict::Fails,
        "15 percent against +20%"
    );
    assert_eq!(v("budget_increase_printed"), Verdict::Holds);
    assert_eq!(v("one_in_five_printed"), Verdict::Holds);
    assert_eq!(v("two_thirds_printed"), Verdict::Holds);
    assert_eq!(v("per_day_printed_printed"), Verdict::Holds);
    assert_eq!(a.metric("budget_2025_pct_change").unwrap().shown, "+20.0%");
    assert_eq!(a.metric("budget_2025_change").unwrap().shown, "+Rs 2 crore");
}

#[test]
fn its_editions_match_each_other() {
    let a = analysis();
    let across: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check == Check::CrossSource)
        .collect();
    assert_eq!(across.len(), 4);
    assert!(across.iter().all(|f| f.verdict == Verdict::Matches));
}

#[test]
fn its_change_chart_draws_each_edition_at_each_date() {
    let a = analysis();
    let plan = a.chart("budget_change").unwrap();
    assert_eq!(plan.prepared.data.height(), 4);
    assert_eq!(
        plan.words.title,
        "The budget rises by 20.0%, from Rs 10 crore to Rs 12 crore"
    );
    assert!(plan.words.source.starts_with("Sources: council treasurer Amina Qureshi and treasurer, as reported by The Harbourton Herald (fictional), 14 March 2025; Harbourton Akhbar"), "{}", plan.words.source);
}
