//! Right by construction: each class of silently wrong output that users
//! and a fact-check found, shown impossible or refused with a clear error.
//! Each test names its class (issue "Right by construction", 1–14).

use std::path::Path;

use crate::common::{analyse, error_of, mini};

const FIGS: &str = "id,source,paragraph,printed,value,kind,unit,counts,qualifier,period_text,period_start,period_end,inferred,attributed_to,attribution_text\n";

/// A mini story whose `story.toml` holds `charts` after its title.
fn story(figures: &str, charts: &str) -> tempfile::TempDir {
    mini(
        &[
            ("figures.csv", &format!("{FIGS}{figures}")),
            (
                "story.toml",
                &format!("title = \"Test\"\nquestion = \"Does it add up?\"\n{charts}"),
            ),
        ],
        None,
    )
}

const HEDGED_TOTAL: &str = "\
a,s,1,\"3,200\",3200,count,applications,Applications in the old town,,in 2025,2025,2025,,,
b,s,1,\"1,900\",1900,count,applications,Applications in the harbour,,in 2025,2025,2025,,,
t,s,1,\"5,000\",5000,count,applications,Applications in all,over,in 2025,2025,2025,,,
";

/// Class 1: a share of a hedged total is never computed against the
/// hedged number; shares are of the parts drawn, and the total keeps its
/// hedge wherever it is shown. A stacked bar of a hedged total is refused.
#[test]
fn class_1_shares_of_a_hedged_total() {
    let dir = story(
        HEDGED_TOTAL,
        r#"
[[charts]]
id = "split"
kind = "ranked_bars"
total = "t"
parts = [{ figure = "a", label = "Old town" }, { figure = "b", label = "Harbour" }]
title = "Applications by area"
subtitle = "Of the {total} applications, {total:period}"
notes = ["The report gives the total as {total}; shares are of the {sum} in the two areas."]
alt = "Bar chart of applications by area: {list}."
"#,
    );
    let a = analyse(dir.path());
    let c = a.chart("split").unwrap();
    let shares: f64 = c.prepared.marks.items.iter().filter_map(|m| m.share).sum();
    assert!((shares - 1.0).abs() < 1e-12, "shares add up to {shares}");
    assert!(
        c.words.subtitle.contains("Of the over 5,000 applications"),
        "{}",
        c.words.subtitle
    );
    assert!(
        c.words.notes[0].contains("as over 5,000"),
        "{}",
        c.words.notes[0]
    );
    let err = error_of(
        story(
            HEDGED_TOTAL,
            r#"
[[charts]]
id = "stack"
kind = "part_to_whole"
total = "t"
parts = [{ figure = "a", label = "Old town" }]
remainder = "Elsewhere"
title = "Applications"
subtitle = "{t:period}"
alt = "Stacked bar: {list}."
"#,
        )
        .path(),
    );
    assert!(
        err.contains("field `charts[0].total`") && err.contains("the total is hedged (over 5,000)"),
        "{err}"
    );
}

/// Class 2: every placeholder format gives the right thing for every kind
/// of figure, or an error naming the chart, the field and the format.
#[test]
fn class_2_placeholders_mean_the_same_for_every_kind() {
    let figures = "\
d,s,1,Dec 2,,date,date,The date of the briefing,,,,2024-12-02,period_end: the year of the report,,
t,s,1,\"5,000\",5000,count,applications,Applications,over,in 2025,2025,2025,,,
k,s,1,one,1,count,people,People hurt,,in 2025,2025,2025,,,
";
    let chart = |title: &str| {
        format!(
            "[[charts]]\nid = \"c\"\nkind = \"units\"\nparts = [{{ figure = \"k\", label = \"people hurt\" }}]\ntitle = \"{title}\"\nsubtitle = \"{{k:period}}\"\nalt = \"Unit chart of {{list}}.\"\n"
        )
    };
    let title = |t: &str| {
        let a = analyse(story(figures, &chart(t)).path());
        a.chart("c").unwrap().words.title.clone()
    };
    // A date figure shows its own date, marked as inferred, never the
    // report's date (2 January 2025).
    assert_eq!(title("On {d}"), "On 2 December 2024 (inferred)");
    assert_eq!(title("On {d:date}"), "On 2 December 2024 (inferred)");
    assert_eq!(title("Reported {t:reported}"), "Reported 2 January 2025");
    // A hedge goes wherever the number goes.
    assert_eq!(title("We counted {t}"), "We counted over 5,000");
    assert_eq!(title("As printed, {t:printed}"), "As printed, over 5,000");
    assert_eq!(title("Only {t:number}"), "Only over 5,000");
    // One: never "1 people".
    let a = analyse(story(figures, &chart("Hurt")).path());
    let alt = &a.chart("c").unwrap().words.alt;
    assert!(
        alt.contains("people hurt: 1") && !alt.contains("1 people"),
        "{alt}"
    );
    // What cannot be shown is refused, naming chart, field and format.
    for (t, says) in [
        ("{t:percent} of them", "{t:percent}: {t} is a count"),
        ("{t:words} of them", "{t:words}: {t} is a count"),
        ("{d:number}", "{d} is a date"),
        ("{t:date}", "unknown format `:date` for {t}"),
        ("At least {t}", "remove the words \"At least\""),
    ] {
        let err = error_of(story(figures, &chart(t)).path());
        assert!(
            err.contains("field `charts[0].title`")
                && err.contains("chart `c`")
                && err.contains(says),
            "{t}: {err}"
        );
    }
}

/// Class 3: the outputs do not depend on how the story folder is named.
#[test]
fn class_3_outputs_do_not_depend_on_the_folder_spelling() {
    let tmp = crate::common::story_copy(&crate::common::fixture());
    let dir = tmp.path();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let parent = dir.parent().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut built = Vec::new();
    for (cwd, data) in [
        (dir.to_path_buf(), ".".to_string()),
        (parent.to_path_buf(), name.clone()),
        (parent.to_path_buf(), format!("./{name}/")),
        (Path::new("/").to_path_buf(), dir.display().to_string()),
    ] {
        let target = out.path().join(format!("o{}", built.len()));
        let mut c = crate::common::cmd();
        c.current_dir(&cwd)
            .args(["build", "--force", "--data", &data, "--out"])
            .arg(&target)
            .assert()
            .success();
        built.push(crate::common::snapshot(&target));
    }
    assert!(
        built.windows(2).all(|w| w[0] == w[1]),
        "every spelling gives the same files"
    );
    let md = String::from_utf8(built[0]["methodology.md"].clone()).unwrap();
    assert!(
        md.contains(&format!("newsfigures build --data {name}")),
        "the rebuild line names the story folder"
    );
}

/// Class 4: automatic sentences do not contradict the ledger.
#[test]
fn class_4_automatic_sentences_agree_with_the_ledger() {
    let figures = "\
a,s,1,924,924,count,accounts,Accounts flagged,,,,2025-01,period_end: the report's month,the FIA,said the FIA
m,s,1,three months,3,period_length,months,Length of the period,,,,,,the FIA,said the FIA
";
    let dir = mini(
        &[
            ("figures.csv", &format!("{FIGS}{figures}")),
            (
                "metrics.csv",
                "id,description,numerator,denominator,display,per\nrate,Accounts a month,a,m,per,month\n",
            ),
        ],
        None,
    );
    let a = analyse(dir.path());
    let caveats: Vec<&str> = a.caveats.iter().map(|c| c.text.as_str()).collect();
    let all = caveats.join("\n");
    // Every figure is credited: "all", not "some".
    assert!(all.contains("credit both figures analysed"), "{all}");
    // An inferred date is named as inferred, never as "no date given".
    assert!(!all.contains("give no date or period"), "{all}");
    assert!(all.contains("Inferred, not printed"), "{all}");
    // A rate per unit of time links nothing one to one.
    let rate = a.metric("rate").unwrap();
    assert!(
        !rate.description.contains("one to one"),
        "{}",
        rate.description
    );
    // Ids never stand in our prose.
    assert!(
        caveats
            .iter()
            .all(|c| !c.contains("a (") && !c.contains(" m ")),
        "{all}"
    );
}

/// Class 7: bound words are kept wherever a bounded number is shown: the
/// shipped story's bound metric keeps "at least" in alt text, the SVG
/// description and the tables.
#[test]
fn class_7_bounds_are_kept_wherever_a_number_is_shown() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("o");
    crate::common::build(&crate::common::data(), &o)
        .assert()
        .success();
    let alt = std::fs::read_to_string(o.join("charts/operations.alt.txt")).unwrap();
    assert!(alt.contains("at least 97.4%"), "{alt}");
    let svg = std::fs::read_to_string(o.join("charts/operations.svg")).unwrap();
    assert!(
        svg.contains("at least 97.4% of the operations"),
        "the SVG description"
    );
    let metrics = std::fs::read_to_string(o.join("tables/metrics.csv")).unwrap();
    assert!(metrics.contains("at least 97.4%"), "the metrics table");
    let md = std::fs::read_to_string(o.join("methodology.md")).unwrap();
    assert!(!md.contains("at least at least"), "a hedge is written once");
}

/// Class 10: "corroborated" is never said of reports that may repeat one
/// release; a match says what it shows.
#[test]
fn class_10_a_match_is_not_called_corroboration() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("o");
    crate::common::build(&crate::common::data(), &o)
        .assert()
        .success();
    // Anywhere findings are published (the standards review may quote
    // the word it replaced).
    let md = std::fs::read_to_string(o.join("methodology.md")).unwrap();
    let findings = &md[md.find("## Findings").unwrap()..md.find("## Charts").unwrap()];
    for text in [
        findings.to_string(),
        std::fs::read_to_string(o.join("tables/findings.csv")).unwrap(),
        std::fs::read_to_string(o.join("tables/findings.json")).unwrap(),
    ] {
        assert!(!text.to_lowercase().contains("corroborat"), "{text}");
    }
    let a = analyse(&crate::common::data());
    let matched = a
        .findings
        .iter()
        .find(|f| f.verdict == newsfigures::analysis::Verdict::Matches)
        .unwrap();
    assert!(
        matched.sentence.contains("may repeat one release"),
        "{}",
        matched.sentence
    );
}

/// Class 14: the methodology carries a corrections log (each changed
/// sentence as it stood, and why) instead of the internal review table,
/// and a review entry that passes a sentence we no longer publish is
/// reported, never published.
#[test]
fn class_14_corrections_log_and_a_review_of_current_words() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("o");
    crate::common::build(&crate::common::data(), &o)
        .assert()
        .success();
    let md = std::fs::read_to_string(o.join("methodology.md")).unwrap();
    assert!(md.contains("## Corrections") && !md.contains("## Standards review"));
    assert!(
        md.contains("we had written \u{201c}Officials report 206 people killed"),
        "a change, as it stood"
    );
    // A changed chart title leaves the review's `ok` entry for it stale:
    // the build says so.
    let story = crate::common::story_copy(&crate::common::data());
    crate::common::edit(
        story.path(),
        "story.toml",
        "title = \"The News cites {ibo_killed}",
        "title = \"The News reports {ibo_killed}",
    );
    let result = crate::common::build(story.path(), &out.path().join("p"))
        .assert()
        .success();
    let err = String::from_utf8_lossy(&result.get_output().stderr).to_string();
    assert!(
        err.contains("the sentence passed as `ok` (\"The News cites 206 people killed in 7,984 intelligence-based operations\") is not among our words as they stand"),
        "{err}"
    );
}

/// Class 8: a what-if is labelled hypothetical in every part of every
/// chart, and in the metrics and findings computed from a changed figure;
/// no note describes what the real report gave.
#[test]
fn class_8_a_what_if_says_so_everywhere() {
    let story = newsfigures::Story::load(crate::common::data()).unwrap();
    let what_if = story
        .what_if(&[("accounts_blocked", 919.0), ("accounts_in_process", 0.0)])
        .unwrap();
    let a = newsfigures::Analysis::new(&what_if, &Default::default()).unwrap();
    for c in &a.charts {
        let w = &c.words;
        assert!(w.title.starts_with("Hypothetical: "), "{}", w.title);
        assert!(
            w.subtitle.starts_with("Hypothetical figures: "),
            "{}",
            w.subtitle
        );
        assert!(w.alt.starts_with("Hypothetical: "), "{}", w.alt);
        assert!(w.source.starts_with("Hypothetical figures"), "{}", w.source);
        // One note on the what-if, then only the kind's notes on how it
        // is drawn: none of the story's notes on the reported figures.
        assert!(
            w.notes[1..].iter().all(|n| n.starts_with("Each panel")),
            "{:?}",
            w.notes
        );
        assert!(
            w.notes[0].contains("\"marked as blocked by the PTA\" (reported as 312, here 919)"),
            "{}",
            w.notes[0]
        );
    }
    let m = a.metric("blocked_share_of_status").unwrap();
    assert!(
        m.description.starts_with("Hypothetical: "),
        "{}",
        m.description
    );
    let f = a.finding("status_sum_to_flagged").unwrap();
    assert!(f.sentence.starts_with("Hypothetical: "), "{}", f.sentence);
    // A metric no changed figure reaches is not labelled.
    let real = a.metric("accounts_per_month").unwrap();
    assert!(
        !real.description.contains("Hypothetical"),
        "{}",
        real.description
    );
}

/// Class 13: figures of one report that cannot both hold for the same
/// scope (a part larger than the whole it belongs to, with no period
/// between them) are put to the reader as a question.
#[test]
fn class_13_a_part_larger_than_its_whole_is_a_question() {
    let figures = "\
id,source,paragraph,printed,value,kind,unit,counts,period_text,period_start,period_end,subset_of
all,s,1,800,800,count,people,People arrested,in 2024,2024,2024,
pun,s,2,900,900,count,people,People arrested in Punjab,in 2024,2024,2024,all
old,s,3,950,950,count,people,People arrested in Sindh in 2023,in 2023,2023,2023,all
";
    let dir = mini(&[("figures.csv", figures)], None);
    let a = analyse(dir.path());
    let q: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check == newsfigures::analysis::Check::PartOfWhole)
        .collect();
    assert_eq!(
        q.len(),
        1,
        "only the part with no period between it and its whole: {q:?}"
    );
    assert!(
        q[0].sentence.starts_with("A question for the reader:"),
        "{}",
        q[0].sentence
    );
    assert!(
        q[0].sentence.contains(
            "people arrested in Punjab as 900 and people arrested, which includes them, as 800"
        ),
        "{}",
        q[0].sentence
    );
}

/// Class 11: a chart's source line names every report its words cite, not
/// only those it draws from.
#[test]
fn class_11_the_source_line_names_every_report_the_words_cite() {
    let a = analyse(&crate::common::data());
    let c = a.chart("block_status").unwrap();
    assert!(
        c.words.notes[0].contains("UrduPoint"),
        "{}",
        c.words.notes[0]
    );
    assert!(
        c.words.source.contains("as reported by UrduPoint"),
        "{}",
        c.words.source
    );
}

/// Class 6: a story whose audit finds a number that does not match its
/// text does not build; with the explicit flag it builds, and every output
/// says so.
#[test]
fn class_6_a_failing_audit_fails_the_build() {
    let story = crate::common::story_copy(&crate::common::fixture());
    crate::common::edit(
        story.path(),
        "figures.csv",
        ",3,Rs 4 crore,40000000,amount,PKR,Spending on roads,",
        ",3,Rs 4 crore,40000001,amount,PKR,Spending on roads,",
    );
    let err = crate::common::refused(story.path(), &["`roads_2024`", "--allow-audit-problems"]);
    assert!(err.contains("Rs 4 crore"), "{err}");
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("o");
    crate::common::build(story.path(), &o)
        .arg("--allow-audit-problems")
        .assert()
        .success();
    let says = "Published although the audit of the texts found 1 problem";
    for file in [
        "methodology.md",
        "datapackage.json",
        "tables/findings.csv",
        "charts/spending.svg",
    ] {
        let text = std::fs::read_to_string(o.join(file)).unwrap();
        assert!(text.contains(says), "{file}");
    }
    // A build published with audit problems is never taken as up to date.
    crate::common::build(story.path(), &o).assert().code(2);
}

/// Class 3, on the command line: `--check` says how to rebuild this story,
/// and asks for a commit only where there is a repository.
#[test]
fn class_3_check_names_the_story_and_commits_only_in_a_repository() {
    let story = crate::common::story_copy(&crate::common::fixture());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    crate::common::build(story.path(), &target)
        .assert()
        .success();
    crate::common::edit(
        story.path(),
        "story.toml",
        "labels = { roads = \"Roads\",",
        "labels = { roads = \"Road works\",",
    );
    let result = crate::common::build(story.path(), &target)
        .arg("--check")
        .assert()
        .code(1);
    let said = String::from_utf8_lossy(&result.get_output().stdout).to_string();
    assert!(
        said.contains(&format!(
            "run `newsfigures build --data {}`",
            story.path().display()
        )),
        "{said}"
    );
    assert!(
        !said.contains("commit"),
        "a temporary folder is no repository: {said}"
    );
}

/// Class 9: panels drawn on scales of their own say so.
#[test]
fn class_9_panels_on_separate_scales_say_so() {
    let a = analyse(&crate::common::data());
    let c = a.chart("operations_compare").unwrap();
    assert!(c.prepared.marks.groups.len() > 1);
    assert!(
        c.words
            .notes
            .iter()
            .any(|n| n.contains("Each panel has a scale of its own")),
        "{:?}",
        c.words.notes
    );
}
