//! Bad input: every problem in a story folder is named with its file, its
//! line or key, and its field, all of them in one error, with a non-zero
//! exit, leaving the earlier outputs as they were.

use crate::common::{cmd, data, edit, line_of, snapshot, story_copy};

/// Breaks a copy of the shipped story with one edit and checks the error:
/// one problem, on one line.
fn refused(file: &str, from: &str, to: &str, expect: &[&str]) {
    let dir = story_copy(&data());
    edit(dir.path(), file, from, to);
    let out = cmd()
        .arg("metrics")
        .arg("--data")
        .arg(dir.path())
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line of error: {err}");
    assert!(err.starts_with("Error: cannot load the story in "), "{err}");
    for e in expect {
        assert!(
            err.contains(e),
            "{file}: {from:?} -> {to:?}: expected {e:?} in {err}"
        );
    }
}

#[test]
fn malformed_values_name_file_line_and_field() {
    let line = line_of(&data(), "figures.csv", "accounts_x,") as u64;
    let at = format!("figures.csv, line {line}, field `value`");
    refused(
        "figures.csv",
        ",147,147,",
        ",147,147a,",
        &[&at, "expected a plain number", "\"147a\""],
    );
    refused(
        "figures.csv",
        ",147,147,",
        ",147,,",
        &[&at, "found an empty field"],
    );
    refused(
        "figures.csv",
        ",147,147,",
        ",147,-147,",
        &[&at, "whole number, zero or more"],
    );
    refused(
        "figures.csv",
        ",147,147,",
        ",147,147.5,",
        &[&at, "whole number"],
    );
    refused(
        "figures.csv",
        ",147,147,",
        ",147,\"1,470\",",
        &[&at, "without separators"],
    );
}

#[test]
fn every_kind_of_bad_field_is_refused() {
    refused(
        "figures.csv",
        "accounts_x,thenews",
        "Accounts_x,thenews",
        &["field `id`", "lowercase"],
    );
    refused(
        "figures.csv",
        "accounts_tiktok,thenews_2024_12_03",
        "accounts_x,thenews_2024_12_03",
        &["field `id`", "duplicate id `accounts_x`"],
    );
    refused(
        "figures.csv",
        "accounts_x,thenews_2024_12_03",
        "accounts_x,nowhere",
        &["field `source`", "unknown source `nowhere`"],
    );
    refused(
        "figures.csv",
        ",17,147,147,count,",
        ",17,147,147,tally,",
        &["field `kind`", "expected one of count, amount"],
    );
    refused(
        "figures.csv",
        ",17,147,147,count,accounts,",
        ",0,147,147,count,accounts,",
        &["field `paragraph`"],
    );
    refused(
        "figures.csv",
        "accounts_facebook,accounts_flagged,platform=facebook",
        "accounts_facebook,accounts_flagged,platform",
        &["field `dimensions`", "name=value"],
    );
    refused(
        "figures.csv",
        "fia_accounts_facebook,accounts_flagged,platform=facebook",
        "fia_accounts_facebook,nowhere,platform=facebook",
        &["field `subset_of`", "unknown figure `nowhere`"],
    );
    refused(
        "figures.csv",
        "2024-09,2024-12,\"period_start",
        "2024-13,2024-12,\"period_start",
        &["field `period_start`", "YYYY-MM"],
    );
    refused(
        "figures.csv",
        "Rs. 581 million,581000000,amount,PKR",
        "Rs. 581 million,581000000,amount,Rupees",
        &["field `unit`", "three-letter code"],
    );
    refused(
        "figures.csv",
        "PKR,\"Money recovered (the report: from \"\"terrorists\"\")\",,million",
        "PKR,\"Money recovered (the report: from \"\"terrorists\"\")\",,milion",
        &["field `scale`", "expected one of the scale words"],
    );
    refused(
        "figures.csv",
        "Money recovered (the report: from \"\"terrorists\"\")\",,million",
        "Money recovered (the report: from \"\"terrorists\"\")\",roughly,million",
        &["field `qualifier`", "expected one of over, at_least"],
    );
    refused(
        "figures.csv",
        "Briefings revealed that,,until",
        "Briefings revealed that,Interior ministry,until",
        &["field `attributed_to`", "not in the attribution_text"],
    );
    refused(
        "sources.csv",
        "https://arynews.tv/341-terrorists-dead-in-12801-ibos-across-pakistan-na-told/",
        "",
        &[
            "sources.csv, line 4, field `url`",
            "needs a text (text_path) or a web address (url)",
        ],
    );
    refused(
        "sources.csv",
        "https://arynews.tv/",
        "javascript:alert(1)//",
        &["field `url`", "https://"],
    );
    refused(
        "relations.csv",
        "accounts_blocked + accounts_in_process,=",
        "accounts_blocked + accounts_in_process,==",
        &["relations.csv, line 3, field `op`"],
    );
    refused(
        "relations.csv",
        "accounts_blocked + accounts_in_process,=",
        "accounts_blocked + nowhere,=",
        &["field `left`", "unknown figure `nowhere`"],
    );
    refused(
        "metrics.csv",
        "accounts_flagged,fia_period_months",
        "accounts_flagged,nowhere",
        &["metrics.csv", "field `denominator`", "unknown figure"],
    );
    refused(
        "metrics.csv",
        "ratio,per,month",
        "ratio,percent,month",
        &["field `display`", "never shown as a percentage"],
    );
    refused(
        "metrics.csv",
        "ratio,per,month",
        "ratio,per,",
        &["field `per`"],
    );
}

#[test]
fn structural_problems_are_refused() {
    // A subset beside its superset in one sum.
    refused(
        "relations.csv",
        "accounts_facebook + accounts_tiktok",
        "accounts_facebook + accounts_flagged",
        &[
            "relations.csv, line 2, field `left`",
            "`accounts_facebook` is a subset of `accounts_flagged`",
        ],
    );
    // A subset cycle.
    refused(
        "figures.csv",
        "accounts_flagged,thenews_2024_12_03,16,924,924,count,accounts,\"Social media accounts identified as \"\"involved in sharing anti-state content\"\"\",,,the FIA Cybercrime Wing Balochistan has identified,FIA Cybercrime Wing Balochistan,Over the past three months,2024-09,2024-12,\"period_start: three months before the report's date, to the month; period_end: the report's month\",fia_accounts_flagged,,",
        "accounts_flagged,thenews_2024_12_03,16,924,924,count,accounts,\"Social media accounts identified as \"\"involved in sharing anti-state content\"\"\",,,the FIA Cybercrime Wing Balochistan has identified,FIA Cybercrime Wing Balochistan,Over the past three months,2024-09,2024-12,\"period_start: three months before the report's date, to the month; period_end: the report's month\",fia_accounts_flagged,accounts_facebook,",
        &["field `subset_of`", "cycle"],
    );
    // A series mixing units.
    refused(
        "figures.csv",
        "Rs. 581 million,581000000,amount,PKR,\"Money recovered (the report: from \"\"terrorists\"\")\",,million,,Ministry of Interior,,,,,,",
        "Rs. 581 million,581000000,amount,PKR,\"Money recovered (the report: from \"\"terrorists\"\")\",,million,,Ministry of Interior,,,,,ibo_killed,",
        &["field `series`", "mixes units"],
    );
    // A missing column and an unknown one.
    refused(
        "relations.csv",
        "id,description,left,op,right,unit,gap_label",
        "id,description,left,op,rite,unit,gap_label",
        &["relations.csv, line 1", "unknown column `rite`"],
    );
    refused(
        "exclusions.csv",
        "source,paragraph,printed,reason",
        "source,paragraph,printed",
        &["exclusions.csv, line 1", "missing column `reason`"],
    );
    // Bytes that are not UTF-8, and an empty file.
    let dir = story_copy(&data());
    std::fs::write(
        dir.path().join("metrics.csv"),
        b"id,description\n\xff\xfe\n",
    )
    .unwrap();
    cmd()
        .arg("metrics")
        .arg("--data")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "metrics.csv, line 2: expected UTF-8 text",
        ));
    std::fs::write(dir.path().join("metrics.csv"), b"  \n").unwrap();
    cmd()
        .arg("metrics")
        .arg("--data")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("metrics.csv: the file is empty"));
    std::fs::remove_file(dir.path().join("metrics.csv")).unwrap();
    cmd()
        .arg("metrics")
        .arg("--data")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("metrics.csv: No such file"));
}

#[test]
fn a_printed_number_tied_to_an_unknown_metric_is_refused() {
    let dir = crate::common::mini(
        &[(
            "figures.csv",
            "id,source,paragraph,printed,value,kind,unit,counts,metric\nrise,s,1,12%,12,percent,percent,A rise,no_such_metric\n",
        )],
        None,
    );
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains("figures.csv, line 2, field `metric`: unknown metric `no_such_metric`"),
        "{err}"
    );
}

#[test]
fn bad_input_leaves_earlier_outputs_untouched() {
    let dir = story_copy(&data());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("output");
    crate::common::build(dir.path(), &target).assert().success();
    let before = snapshot(&target);
    edit(dir.path(), "figures.csv", ",147,147,", ",147,147a,");
    crate::common::build(dir.path(), &target)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("field `value`"));
    assert_eq!(snapshot(&target), before);
}

/// A big `figures.csv`: `n` rows, every third with a quoted note that
/// holds a newline, a comma and escaped quotes, and a blank line now and
/// then. Returns the file and the line each row starts on.
fn big_figures(n: usize) -> (String, Vec<u64>) {
    let mut csv = String::from("id,source,paragraph,printed,value,kind,unit,counts,note\n");
    let mut lines = Vec::with_capacity(n);
    let mut line = 2u64;
    for i in 0..n {
        if i % 997 == 500 {
            csv.push('\n');
            line += 1;
        }
        lines.push(line);
        let note = if i % 3 == 0 {
            line += 1;
            format!("\"first line,\n second \"\"{i}\"\"\"")
        } else {
            format!("plain note {i}")
        };
        csv.push_str(&format!(
            "f{i},s,1,{v},{v},count,things,Figure number {i} of a long ledger,{note}\n",
            v = i % 1000
        ));
        line += 1;
    }
    (csv, lines)
}

#[test]
fn a_big_ledger_keeps_every_row_its_line_and_order() {
    let n = 30_000;
    let (csv, lines) = big_figures(n);
    let dir = crate::common::mini(&[("figures.csv", &csv)], None);
    let ledger = newsfigures::Ledger::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ledger.figures.len(), n);
    for (i, f) in ledger.figures.iter().enumerate() {
        assert_eq!(f.id, format!("f{i}"));
        assert_eq!(f.line, lines[i], "line of f{i}");
        assert_eq!(f.value, Some((i % 1000) as f64));
        if i % 3 == 0 {
            assert_eq!(f.note, format!("first line,\n second \"{i}\""));
        }
        assert_eq!(ledger.figure_index(&f.id), Some(i));
    }
}

#[test]
fn a_big_ledger_names_every_bad_line() {
    let n = 5_000;
    let (csv, lines) = big_figures(n);
    let rows: Vec<&str> = csv.split_inclusive('\n').collect();
    let case = |edit: &dyn Fn(&mut Vec<String>), expect: &[String]| {
        let mut rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        edit(&mut rows);
        let dir = crate::common::mini(&[("figures.csv", &rows.concat())], None);
        let err = crate::common::error_of(dir.path());
        for e in expect {
            assert!(err.contains(e.as_str()), "expected {e:?} in {err}");
        }
    };
    // The file row (0-based, header first) holding figure `i`'s first line.
    let row_of = |i: usize| (lines[i] - 1) as usize;
    let last = n - 1;
    // A bad value in the last row.
    case(
        &|r| r[row_of(last)] = r[row_of(last)].replace(",count,", ",cuont,"),
        &[format!("figures.csv, line {}, field `kind`", lines[last])],
    );
    // A row with a field missing.
    case(
        &|r| r[row_of(last)] = r[row_of(last)].replacen(",things", "", 1),
        &[format!(
            "figures.csv, line {}: expected 9 fields like the header row, found 8",
            lines[last]
        )],
    );
    // Errors far apart, and a row with a field missing between them: all
    // three reported, in line order, and the rows after the short one
    // still read.
    let early = 10;
    let middle = n / 2;
    case(
        &|r| {
            r[row_of(early)] = r[row_of(early)].replace(",count,", ",cuont,");
            r[row_of(middle)] = r[row_of(middle)].replacen(",things", "", 1);
            r[row_of(last)] = r[row_of(last)].replace(",count,", ",cuont,");
        },
        &[
            "3 problems in the story's files:\n  ".to_string(),
            format!(
                "figures.csv:\n    line {}, field `kind`: expected one of count, amount",
                lines[early]
            ),
            format!(
                "\n    line {}: expected 9 fields like the header row, found 8",
                lines[middle]
            ),
            format!(
                "\n    line {}, field `kind`: expected one of count, amount",
                lines[last]
            ),
        ],
    );
    // An id used again far down names both lines.
    case(
        &|r| r[row_of(last)] = r[row_of(last)].replacen(&format!("f{last},"), "f1,", 1),
        &[format!(
            "figures.csv, line {}, field `id`: duplicate id `f1`, first used on line {}",
            lines[last], lines[1]
        )],
    );
}

#[test]
fn big_relation_and_metric_files_keep_order_and_name_the_bad_line() {
    let n = 5_000;
    let (figures, _) = big_figures(n);
    let mut relations = String::from("id,description,left,op,right\n");
    let mut metrics = String::from("id,description,numerator,denominator,display\n");
    for i in 0..n - 2 {
        relations.push_str(&format!(
            "r{i},\"Parts of figure {i}, \"\"at most\"\" the next\",f{i} + f{} - f{},<=,f{i} + f{}\n",
            i + 1,
            i + 1,
            i + 2
        ));
        metrics.push_str(&format!(
            "m{i},Share number {i},f{} + f{},f{i} + f{} + f{} + f{},ratio\n",
            i + 1,
            i + 2,
            i + 1,
            i + 2,
            i + 2
        ));
    }
    let dir = crate::common::mini(
        &[
            ("figures.csv", &figures),
            ("relations.csv", &relations),
            ("metrics.csv", &metrics),
        ],
        None,
    );
    let ledger = newsfigures::Ledger::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ledger.relations.len(), n - 2);
    assert_eq!(ledger.metrics.len(), n - 2);
    for i in (0..n - 2).step_by(997) {
        let r = &ledger.relations[i];
        assert_eq!(
            (r.id.as_str(), r.line),
            (format!("r{i}").as_str(), i as u64 + 2)
        );
        assert_eq!(
            r.description,
            format!("Parts of figure {i}, \"at most\" the next")
        );
        assert_eq!(r.left.0[2].index, i + 1);
        let m = &ledger.metrics[i];
        assert_eq!(
            (m.id.as_str(), m.line),
            (format!("m{i}").as_str(), i as u64 + 2)
        );
        assert_eq!(m.denominator.0[3].index, i + 2);
        assert_eq!(ledger.metric_index(&m.id), Some(i));
    }
    // The last relation reuses the first one's id; the last metric names a
    // figure that does not exist.
    let last = n - 3;
    let relations = relations.replace(&format!("\nr{last},"), "\nr0,");
    std::fs::write(dir.path().join("relations.csv"), &relations).unwrap();
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains(&format!(
            "relations.csv, line {}, field `id`: duplicate id `r0`, first used on line 2",
            last + 2
        )),
        "{err}"
    );
    let relations = relations.replace(
        &format!("\nr0,\"Parts of figure {last},"),
        &format!("\nr{last},\"Parts of figure {last},"),
    );
    std::fs::write(dir.path().join("relations.csv"), &relations).unwrap();
    let metrics = metrics.replace(
        &format!("\nm{last},Share number {last},f{}", last + 1),
        &format!("\nm{last},Share number {last},g{}", last + 1),
    );
    std::fs::write(dir.path().join("metrics.csv"), &metrics).unwrap();
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains(&format!(
            "metrics.csv, line {}, field `numerator`: unknown figure `g{}`",
            last + 2,
            last + 1
        )),
        "{err}"
    );
}

#[test]
fn a_short_row_after_blank_lines_is_named_by_its_own_line_and_columns_are_listed_once() {
    for eol in ["\n", "\r\n"] {
        let figures = [
            "id,source,paragraph,printed,value,kind,unit,counts",
            "a,s,1,5,5,count,things,Things",
            "",
            "",
            "b,s,1,6,6,count,things",
            "",
        ]
        .join(eol);
        let dir = crate::common::mini(&[("figures.csv", &figures)], None);
        let err = crate::common::error_of(dir.path());
        assert!(
            err.contains("figures.csv, line 5: expected 8 fields like the header row, found 7"),
            "{eol:?}: {err}"
        );
    }
    let dir = crate::common::mini(&[("relations.csv", "id,description,left,op,rigth\n")], None);
    let err = crate::common::error_of(dir.path());
    assert!(
        err.contains(
            "unknown column `rigth`; expected the columns id, description, left, op, right, unit, gap_label, status, note"
        ) && !err.contains("note, "),
        "{err}"
    );
}

#[test]
fn a_figure_renamed_after_loading_is_found_under_neither_id() {
    let mut ledger = newsfigures::Ledger::load("tests/fixtures/fictional-budget")
        .unwrap_or_else(|e| panic!("{e}"));
    let old = ledger.figures[3].id.to_string();
    assert_eq!(ledger.figure_index(&old), Some(3));
    ledger.figures[3].id = "renamed".into();
    assert_eq!(ledger.figure_index(&old), None);
    assert_eq!(ledger.figure_index("renamed"), None);
    // A ledger cut short answers for no figure beyond its end.
    let last = ledger.figures.last().unwrap().id.to_string();
    ledger.figures.pop();
    assert_eq!(ledger.figure_index(&last), None);
}
