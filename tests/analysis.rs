//! The analysis on small inline ledgers: metrics, checks, slips, printed
//! numbers, series and sources. Each test builds the story it needs, so a
//! new shipped story never breaks them.

use newsfigures::Analysis;
use newsfigures::analysis::{Check, Verdict};

use crate::common::{error_of, mini};

const FIGS: &str = "id,source,paragraph,printed,value,kind,unit,counts,qualifier,series,subset_of,period_start,period_end,metric,scale\n";

fn analyse(files: &[(&str, &str)]) -> Analysis {
    let dir = mini(files, None);
    crate::common::analyse(dir.path())
}

#[test]
fn metrics_are_exact_ratios_differences_and_changes() {
    let a = analyse(&[
        (
            "figures.csv",
            &format!(
                "{FIGS}a,s,1,312,312,count,accounts,A,,,,,,,\nb,s,1,607,607,count,accounts,B,,,,,,,\nt,s,1,924,924,count,accounts,T,,,,,,,\nops,s,1,\"7,984\",7984,count,operations,O,,,,,,,\nk,s,1,206,206,count,people,K,,,,,,,\n"
            ),
        ),
        (
            "metrics.csv",
            "id,description,numerator,denominator,calc,display,per\nshare,Share,a,a + b,ratio,percent,\ngap,Gap,t - a - b,t,ratio,percent,\ndiff,Difference,t,a + b,difference,change,\nrise,Rise,t,a,change,change_percent,\nrate,Rate,k,ops,ratio,per,operation\n",
        ),
    ]);
    let m = |id: &str| a.metric(id).unwrap().clone();
    assert_eq!(m("share").value, 312.0 / 919.0);
    assert_eq!(m("share").shown, "33.9%");
    assert_eq!(m("gap").value, 5.0 / 924.0);
    assert_eq!(m("diff").value, 5.0);
    assert_eq!(m("diff").shown, "+5");
    assert_eq!(m("rise").value, (924.0 - 312.0) / 312.0);
    assert_eq!(m("rise").shown, "+196.2%");
    assert_eq!(m("rate").value, 206.0 / 7984.0);
    assert_eq!(m("rate").shown, "0.0258 per operation");
    assert!(
        m("rate").mixed_units
            && m("rate")
                .description
                .contains("does not link them one to one")
    );
    // A zero denominator names the metric's line.
    let dir = mini(
        &[
            (
                "figures.csv",
                &format!("{FIGS}z,s,1,0,0,count,accounts,Z,,,,,,,\n"),
            ),
            (
                "metrics.csv",
                "id,description,numerator,denominator,display\nbad,Bad,z,z,percent\n",
            ),
        ],
        None,
    );
    assert!(error_of(dir.path()).contains("metrics.csv, line 2, field `denominator`: metric `bad`: the denominator `z` adds up to zero"));
}

#[test]
fn a_percentage_of_a_count_of_another_thing_is_refused() {
    let dir = mini(
        &[
            (
                "figures.csv",
                &format!(
                    "{FIGS}ops,s,1,10,10,count,operations,O,,,,,,,\nk,s,1,2,2,count,people,K,,,,,,,\n"
                ),
            ),
            (
                "metrics.csv",
                "id,description,numerator,denominator,display\nbad,Bad,k,ops,percent\n",
            ),
        ],
        None,
    );
    let err = error_of(dir.path());
    assert!(
        err.contains("metrics.csv, line 2, field `display`")
            && err.contains("never shown as a percentage"),
        "{err}"
    );
}

/// The error a story with these figures and this one relation is refused
/// with.
fn relation_error(figs: &str, rel: &str) -> String {
    let dir = mini(
        &[
            ("figures.csv", &format!("{FIGS}{figs}")),
            (
                "relations.csv",
                &format!("id,description,left,op,right\n{rel}"),
            ),
        ],
        None,
    );
    error_of(dir.path())
}

fn relation(figs: &str, rel: &str) -> newsfigures::analysis::Finding {
    let a = analyse(&[
        ("figures.csv", &format!("{FIGS}{figs}")),
        (
            "relations.csv",
            &format!("id,description,left,op,right\n{rel}"),
        ),
    ]);
    a.findings
        .into_iter()
        .find(|f| f.check == Check::Relation)
        .unwrap()
}

#[test]
fn hedged_figures_are_checked_as_ranges() {
    let parts = "p1,s,1,\"3,200\",3200,count,x,P,,,,,,,\np2,s,1,\"1,900\",1900,count,x,P,,,,,,,\n";
    let f = relation(
        &format!("{parts}t,s,1,\"5,000\",5000,count,x,T,over,,,,,,\n"),
        "r,Parts make the total,p1 + p2,=,t\n",
    );
    assert_eq!(f.verdict, Verdict::Consistent);
    assert!(
        f.sentence.contains("over 5,000") && f.sentence.contains("can agree"),
        "{}",
        f.sentence
    );
    let f = relation(
        &format!("{parts}t,s,1,\"6,000\",6000,count,x,T,over,,,,,,\n"),
        "r,Parts make the total,p1 + p2,=,t\n",
    );
    assert_eq!(f.verdict, Verdict::Fails, "5,100 cannot be over 6,000");
    let f = relation(
        &format!("{parts}t,s,1,\"5,200\",5200,count,x,T,about,,,,,,\n"),
        "r,Parts make the total,p1 + p2,=,t\n",
    );
    assert_eq!(f.verdict, Verdict::Consistent, "5,100 is about 5,200");
    let f = relation(
        &format!("{parts}t,s,1,\"9,000\",9000,count,x,T,at_most,,,,,,\n"),
        "r,Parts within the total,p1 + p2,<=,t\n",
    );
    assert_eq!(f.verdict, Verdict::Consistent);
    let f = relation(
        &format!("{parts}t,s,1,\"4,000\",4000,count,x,T,under,,,,,,\n"),
        "r,Parts within the total,p1 + p2,<=,t\n",
    );
    assert_eq!(f.verdict, Verdict::Fails);
}

/// The slips a failed total lists.
fn slips(parts: &[(&str, f64)], total: f64) -> Vec<String> {
    let mut figs = String::new();
    for (id, v) in parts {
        figs.push_str(&format!("{id},s,1,{v},{v},count,x,P,,,,,,,\n"));
    }
    figs.push_str(&format!("t,s,1,{total},{total},count,x,T,,,,,,,\n"));
    let ids: Vec<&str> = parts.iter().map(|p| p.0).collect();
    let f = relation(
        &figs,
        &format!("r,Parts make the total,{},=,t\n", ids.join(" + ")),
    );
    assert_eq!(f.verdict, Verdict::Fails);
    f.possible_slips
}

#[test]
fn each_kind_of_slip_is_offered_as_a_possibility() {
    // Two adjacent digits swapped: 312 printed for 321 (321 + 600 = 921).
    let s = slips(&[("a", 312.0), ("b", 600.0)], 921.0);
    assert!(
        s.iter().any(|x| x.contains(
            "the figure for p may be 321 misprinted as 312 (two adjacent digits swapped)"
        )),
        "{s:?}"
    );
    // A digit dropped: 32 printed for 312.
    let s = slips(&[("a", 32.0), ("b", 600.0)], 912.0);
    assert!(
        s.iter()
            .any(|x| x.contains("the figure for p may be 312 misprinted as 32 (a digit dropped)")),
        "{s:?}"
    );
    // A digit added: 3122 printed for 312.
    let s = slips(&[("a", 3122.0), ("b", 600.0)], 912.0);
    assert!(
        s.iter()
            .any(|x| x.contains("the figure for p may be 312 misprinted as 3,122 (a digit added)")),
        "{s:?}"
    );
    // A wrong power of ten: 60 printed for 600.
    let s = slips(&[("a", 312.0), ("b", 60.0)], 912.0);
    assert!(
        s.iter()
            .any(|x| x.contains("the figure for p may be 600 printed as 60 (a wrong power of ten)")),
        "{s:?}"
    );
    // A part counted twice in the total: 100 + 200 = 300, total 400.
    let s = slips(&[("a", 100.0), ("b", 200.0)], 400.0);
    assert!(
        s.iter()
            .any(|x| x.contains("the total may count p (100) twice")),
        "{s:?}"
    );
    // Worded as possibilities, never corrections.
    let f = relation(
        "a,s,1,312,312,count,x,P,,,,,,,\nb,s,1,600,600,count,x,P,,,,,,,\nt,s,1,921,921,count,x,T,,,,,,,\n",
        "r,Parts,a + b,=,t\n",
    );
    assert!(
        f.sentence.contains("Possible explanations, none confirmed"),
        "{}",
        f.sentence
    );
    // One digit changed: 312 printed for 317 (317 + 607 = 924).
    let s = slips(&[("a", 312.0), ("b", 607.0)], 924.0);
    assert!(
        s.iter().any(
            |x| x.contains("the figure for p may be 317 misprinted as 312 (one digit changed)")
        ),
        "{s:?}"
    );
    // Every candidate that fits is listed: 312 + 600 against 917 could be
    // a slip in either part or in the total.
    let s = slips(&[("a", 312.0), ("b", 600.0)], 917.0);
    for expected in [
        "the figure for p may be 317 misprinted as 312 (one digit changed)",
        "the figure for p may be 605 misprinted as 600 (one digit changed)",
        "the figure for t may be 912 misprinted as 917 (one digit changed)",
    ] {
        assert!(s.iter().any(|x| x.contains(expected)), "{expected}: {s:?}");
    }
    // None that fits: said so.
    let f = relation(
        "a,s,1,312,312,count,x,P,,,,,,,\nb,s,1,607,607,count,x,P,,,,,,,\nt,s,1,944,944,count,x,T,,,,,,,\n",
        "r,Parts,a + b,=,t\n",
    );
    assert!(
        f.possible_slips.is_empty() && f.sentence.contains("No single slip"),
        "{}",
        f.sentence
    );
}

#[test]
fn a_subset_added_as_a_separate_part_is_a_possible_slip() {
    // The province's 100 arrests include the district's 30; a total of 330
    // adds the district as if it were separate.
    let figs = "prov,s,1,100,100,count,people,P,,,,,,,\nother,s,1,200,200,count,people,O,,,,,,,\ndistrict,s,1,30,30,count,people,D,,,prov,,,,\nt,s,1,330,330,count,people,T,,,,,,,\n";
    let f = relation(figs, "r,Parts,prov + other,=,t\n");
    assert!(
        f.possible_slips.iter().any(|x| x.contains(
            "the total may add d (30), which is part of p, as if it were a separate part"
        )),
        "{:?}",
        f.possible_slips
    );
    // And adding the subset beside its superset is refused outright.
    let err = relation_error(figs, "r,Parts,prov + district,=,t\n");
    assert!(
        err.contains("relations.csv, line 2, field `left`")
            && err.contains("`district` is a subset of `prov`"),
        "{err}"
    );
}

fn printed(
    kind: &str,
    printed: &str,
    value: &str,
    qualifier: &str,
    metric_csv: &str,
) -> newsfigures::analysis::Finding {
    let figs = format!(
        "{FIGS}a,s,1,312,312,count,x,A,,,,,,,\nb,s,1,624,624,count,x,B,,,,,,,\nd,s,1,30,30,period_length,days,D,,,,,,,\np,s,1,\"{printed}\",{value},{kind},x,P,{qualifier},,,,,m,\n"
    );
    let a = analyse(&[
        ("figures.csv", &figs),
        (
            "metrics.csv",
            &format!("id,description,numerator,denominator,calc,display,per\n{metric_csv}\n"),
        ),
    ]);
    a.findings
        .into_iter()
        .find(|f| f.check == Check::PrintedNumber)
        .unwrap()
}

#[test]
fn every_kind_of_printed_derived_number_is_recomputed() {
    // A share: 312 / 624 = 50%.
    assert_eq!(
        printed("percent", "50%", "50", "", "m,Share,a,b,ratio,percent,").verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed("percent", "45%", "45", "", "m,Share,a,b,ratio,percent,").verdict,
        Verdict::Fails
    );
    // A percentage change: 624 is +100% on 312; a printed 15% is wrong, 100% right.
    let f = printed(
        "percent",
        "15%",
        "15",
        "",
        "m,Rise,b,a,change,change_percent,",
    );
    assert_eq!(f.verdict, Verdict::Fails);
    assert!(
        f.sentence.contains("prints \"15%\"") && f.sentence.contains("+100.0%"),
        "{}",
        f.sentence
    );
    assert_eq!(
        printed(
            "percent",
            "100 percent",
            "100",
            "",
            "m,Rise,b,a,change,change_percent,"
        )
        .verdict,
        Verdict::Holds
    );
    // The printed precision: "33%" against 33.4% is consistent.
    let f = printed("percent", "33%", "33", "", "m,Share,a,a + b,ratio,percent,");
    assert_eq!(f.verdict, Verdict::Holds, "{}", f.sentence);
    let f = printed(
        "percent",
        "33.0%",
        "33.0",
        "",
        "m,Share,a,a + b,ratio,percent,",
    );
    assert_eq!(
        f.verdict,
        Verdict::Fails,
        "33.0% is printed to a tenth: {}",
        f.sentence
    );
    // N-fold: 624 is twofold 312.
    assert_eq!(
        printed("ratio", "twofold", "2", "", "m,Fold,b,a,ratio,ratio,").verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed("ratio", "threefold", "3", "", "m,Fold,b,a,ratio,ratio,").verdict,
        Verdict::Fails
    );
    // N a day: 624 over 30 days is 20.8 a day.
    assert_eq!(
        printed("ratio", "21", "21", "", "m,Per day,b,d,ratio,per,day").verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed("ratio", "40", "40", "about", "m,Per day,b,d,ratio,per,day").verdict,
        Verdict::Fails
    );
    // One in N: 312 of 936 is one in three.
    assert_eq!(
        printed(
            "one_in",
            "one in three",
            "3",
            "",
            "m,Share,a,a + b,ratio,percent,"
        )
        .verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed(
            "one_in",
            "one in five",
            "5",
            "",
            "m,Share,a,a + b,ratio,percent,"
        )
        .verdict,
        Verdict::Fails
    );
    // An average, and a fraction in words.
    assert_eq!(
        printed("ratio", "10.4", "10.4", "", "m,Average,a,d,ratio,per,day").verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed(
            "fraction",
            "a third",
            "1/3",
            "",
            "m,Share,a,a + b,ratio,percent,"
        )
        .verdict,
        Verdict::Holds
    );
    assert_eq!(
        printed(
            "fraction",
            "half",
            "1/2",
            "",
            "m,Share,a,a + b,ratio,percent,"
        )
        .verdict,
        Verdict::Fails
    );
}

#[test]
fn series_compare_sources_and_derive_changes() {
    let sources = "id,title,outlet,url,date\nearly,First,Outlet A,https://example.org/a,2025-01-02\nlate,Second,Outlet B,https://example.org/b,2025-02-03\nyear,Later,Outlet A,https://example.org/c,2026-01-05\n";
    let figs = format!(
        "{FIGS}a1,early,1,900,900,count,x,Arrests,,arrests,,2024,2024,,\nb1,late,1,950,950,count,x,Arrests,,arrests,,2024,2024,,\nc1,year,1,\"1,200\",1200,count,x,Arrests,,arrests,,2025,2025,,\nd1,late,2,40,40,count,x,Other,,other,,2024,2024,,\ne1,early,2,40,40,count,x,Other,,other,,2024,2024,,\n"
    );
    let a = analyse(&[("sources.csv", sources), ("figures.csv", &figs)]);
    let differs = a
        .finding("arrests_across_sources_2024")
        .expect("one finding per period with several sources");
    assert_eq!(differs.verdict, Verdict::Differs);
    assert!(
        differs.sentence.contains("Outlet A")
            && differs.sentence.contains("900")
            && differs.sentence.contains("Outlet B")
            && differs.sentence.contains("950"),
        "{}",
        differs.sentence
    );
    let same = a.finding("other_across_sources").unwrap();
    assert_eq!(same.verdict, Verdict::Matches);
    // Changes between releases, from the first-reported value of each period.
    assert_eq!(a.metric("c1_change").unwrap().value, 300.0);
    assert_eq!(a.metric("c1_change").unwrap().shown, "+300");
    assert_eq!(a.metric("c1_pct_change").unwrap().value, 300.0 / 900.0);
    assert_eq!(a.metric("c1_pct_change").unwrap().shown, "+33.3%");
    // The findings frame names each check as the tables do.
    let df = newsfigures::frames::findings(&a.findings).unwrap();
    let checks: Vec<&str> = df
        .column("check")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert!(checks.contains(&"cross_source"), "{checks:?}");
    for (name, f) in checks.iter().zip(&a.findings) {
        assert_eq!(
            serde_json::to_value(f.check).unwrap(),
            serde_json::json!(name)
        );
    }
}

#[test]
fn a_source_needs_a_text_or_an_address() {
    let dir = mini(
        &[(
            "sources.csv",
            "id,title,outlet,date\ns,A report,An outlet,2025-01-02\n",
        )],
        None,
    );
    let err = error_of(dir.path());
    assert!(
        err.contains("sources.csv, line 2, field `url`") && err.contains("found neither"),
        "{err}"
    );
}

#[test]
fn decimal_parts_add_up_as_written() {
    // 0.1 + 0.2 + 0.3 is 0.6 to a reader; summed term by term in binary
    // floating point it is 0.6000000000000001. Sums are added as the
    // decimals they were written as, so the relation holds with a gap of
    // exactly zero, the ratio is exactly one and the difference exactly 0.
    let figs = "a,s,1,$0.1,0.1,amount,USD,A,,,,,,,\nb,s,1,$0.2,0.2,amount,USD,B,,,,,,,\nc,s,1,$0.3,0.3,amount,USD,C,,,,,,,\nt,s,1,$0.6,0.6,amount,USD,T,,,,,,,\n";
    let f = relation(figs, "r,Parts,a + b + c,=,t\n");
    assert_eq!(f.verdict, Verdict::Holds, "{}", f.sentence);
    assert_eq!(f.actual, Some(0.6));
    assert_eq!(f.gap, Some(0.0));
    let f = relation(figs, "r,Parts,c + b + a,=,t\n");
    assert_eq!((f.actual, f.gap), (Some(0.6), Some(0.0)), "in any order");
    let a = analyse(&[
        ("figures.csv", &format!("{FIGS}{figs}")),
        (
            "metrics.csv",
            "id,description,numerator,denominator,calc,display,per\nwhole,Whole,a + b + c,t,ratio,ratio,\nrest,Rest,a + b + c,t,difference,count,\n",
        ),
    ]);
    assert_eq!(a.metric("whole").unwrap().value, 1.0);
    assert_eq!(a.metric("rest").unwrap().value, 0.0);
}

#[test]
fn a_sum_names_its_first_bad_term() {
    // The first term cannot be added (a date); a later one is unknown. The
    // error names both, the first first, as the terms are read.
    let figs = "d,s,1,2024-12-03,,date,date,D,,,,,2024-12-03,,\nx,s,1,5,5,count,people,X,,,,,,,\n";
    let err = relation_error(figs, "r,Parts,d + nowhere,=,x\n");
    assert!(
        err.contains(
            "relations.csv:\n    line 2, field `left`: figure `d` is a date and cannot be added up"
        ) && err.contains("\n    line 2, field `left`: unknown figure `nowhere`")
            && err.find("`d` is a date") < err.find("`nowhere`"),
        "{err}"
    );
}
