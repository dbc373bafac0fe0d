//! The arithmetic a report's own numbers imply, proposed as drafts: parts
//! that add up to a printed total (or nearly do, by a slip), the same total
//! printed twice, parts that must not exceed their total, and the printed
//! shares, changes, rates and multiples linked to the metrics that recompute
//! them. Each proposal says why it was made; a proposal is made only when
//! the numbers fit it or the words say it (a list after "including", a
//! share "of the" total), so that false ones stay rare.

use super::read::Derived;
use crate::ledger::Kind;
use crate::numbers::Qualifier;

/// A drafted figure as the search sees it.
#[derive(Debug, Clone)]
pub(crate) struct Fig {
    pub id: String,
    pub para: u32,
    pub sentence: usize,
    pub value: f64,
    pub kind: Kind,
    pub unit: String,
    pub qualifier: Option<Qualifier>,
    pub period: (Option<String>, Option<String>),
    pub derived: Option<Derived>,
    /// The words (lower case) from the number before it, or the start of its
    /// sentence, up to it.
    pub before: Vec<String>,
    /// The words after it, up to the next number or the end of its sentence.
    pub after: Vec<String>,
    /// The decimals it is printed with ("33.8%": 1).
    pub decimals: i32,
    /// How many digits it is printed with ("7,984": 4; "Rs 5 crore": 1).
    pub digits: usize,
    /// For values a sentence compares: 0 for the first, 1 for the other.
    pub column: Option<u8>,
    /// Whether it stands in a headline.
    pub headline: bool,
}

impl Fig {
    fn addable(&self) -> bool {
        matches!(self.kind, Kind::Count | Kind::Amount)
            && self.value >= 0.0
            && !self.unit.is_empty()
    }

    fn like(&self, other: &Fig) -> bool {
        self.kind == other.kind && self.unit == other.unit
    }

    fn periods_agree(&self, other: &Fig) -> bool {
        let agree = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
        agree(&self.period.0, &other.period.0) && agree(&self.period.1, &other.period.1)
    }

    fn before_has(&self, words: &[&str]) -> bool {
        has(&self.before, words)
    }

    fn after_has(&self, words: &[&str]) -> bool {
        has(&self.after, words)
    }

    /// The last `n` words before it.
    fn right_before(&self, n: usize) -> &[String] {
        &self.before[self.before.len().saturating_sub(n)..]
    }
}

/// Whether `words` holds any of the phrases `wanted` (each one or more words).
fn has(words: &[String], wanted: &[&str]) -> bool {
    wanted.iter().any(|w| {
        let parts: Vec<&str> = w.split(' ').collect();
        words
            .windows(parts.len())
            .any(|win| win.iter().zip(&parts).all(|(a, b)| a == b))
    })
}

/// A drafted relation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Relation {
    pub id: String,
    pub description: String,
    pub left: Vec<usize>,
    pub op: &'static str,
    pub right: usize,
    pub unit: String,
    pub gap_label: String,
    pub note: String,
    /// Whether the parts add up to the total exactly.
    pub exact: bool,
}

/// A drafted metric, and the figure it is tied to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metric {
    pub id: String,
    pub description: String,
    pub numerator: String,
    pub denominator: String,
    pub calc: &'static str,
    pub display: &'static str,
    pub per: String,
    pub formula: String,
    pub note: String,
    pub figure: usize,
}

/// Words after a total that introduce its parts.
const PARTS_FOLLOW: [&str; 16] = [
    ":",
    "میں سے",
    "جن میں سے",
    "جس میں سے",
    "سمیت",
    "بشمول",
    "including",
    "include",
    "includes",
    "of which",
    "of whom",
    "comprising",
    "comprised",
    "consisting",
    "namely",
    "among them",
];
/// Words before parts that say they are parts.
const PARTS_LEAD: [&str; 21] = [
    "of the total",
    "of the",
    "of those",
    "ان میں سے",
    "جن میں سے",
    "include",
    "includes",
    "included",
    "including",
    "comprise",
    "of which",
    "of whom",
    "of these",
    "of them",
    "among them",
    "out of",
    "breakdown",
    "broken down",
    "split",
    "respectively",
    "whereas",
];
/// Words before a total that restate it as the whole of what follows.
const WHOLE_LEAD: [&str; 10] = [
    "مجموعی",
    "out of",
    "of the",
    "of all",
    "a total of",
    "total",
    "in all",
    "altogether",
    "overall",
    "combined",
];
/// Words before a total printed after its parts ("… 12, a total of 924").
const TOTAL_WORDS: [&str; 8] = [
    "a total of",
    "total",
    "in all",
    "altogether",
    "overall",
    "combined",
    "مجموعی",
    "کل",
];
/// Words before a part that make it what is left.
const REMAINING: [&str; 8] = [
    "بقیہ",
    "remaining",
    "rest",
    "balance",
    "other",
    "others",
    "leaving",
    "باقی",
];
/// Words that compare two values rather than restate one.
const COMPARE: [&str; 8] = [
    "against", "compared", "from", "than", "versus", "vs", "up", "down",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Exact,
    Hedge,
    Slip,
    Near,
    None,
}

/// How a sum of parts fits a total.
fn fit(parts: &[&Fig], total: &Fig) -> (Fit, String) {
    let sum: f64 = parts.iter().map(|f| f.value).sum();
    let t = total.value;
    let tol = 1e-9 * t.abs().max(1.0);
    if (sum - t).abs() <= tol {
        return (Fit::Exact, "they add up to it exactly".into());
    }
    if let Some(q) = total.qualifier {
        let inside = match q {
            Qualifier::Over => sum > t,
            Qualifier::AtLeast => sum >= t - tol,
            Qualifier::Under => sum < t,
            Qualifier::AtMost => sum <= t + tol,
            Qualifier::About => (sum - t).abs() <= 0.1 * t,
            Qualifier::Nearly => sum <= t + tol && sum >= 0.9 * t,
        };
        let why = format!(
            "they add up to {}, which is {} {} as the report hedges it",
            crate::format::number(sum),
            q.words(),
            crate::format::number(t)
        );
        return (if inside { Fit::Hedge } else { Fit::None }, why);
    }
    if let Some(slip) = slip(parts, total, sum) {
        return (
            Fit::Slip,
            format!(
                "they add up to {} against {}, a gap one slip would explain ({slip})",
                crate::format::number(sum),
                crate::format::number(t)
            ),
        );
    }
    let gap = (t - sum).abs();
    let fit = if sum < t && gap <= 0.02 * t {
        Fit::Near
    } else {
        Fit::None
    };
    (
        fit,
        format!(
            "they add up to {}, {} {} the total of {}",
            crate::format::number(sum),
            crate::format::number(gap),
            if sum < t { "short of" } else { "more than" },
            crate::format::number(t)
        ),
    )
}

/// A single slip (in one part or in the total) that would make the parts add
/// up: its description.
fn slip(parts: &[&Fig], total: &Fig, sum: f64) -> Option<String> {
    let gap = sum - total.value;
    let whole = |v: f64| v >= 0.0 && v.fract() == 0.0 && v < 1e15;
    let mut found: Vec<(f64, f64, &'static str)> = Vec::new();
    for (f, needed) in parts
        .iter()
        .map(|f| (*f, f.value - gap))
        .chain(std::iter::once((total, total.value + gap)))
    {
        // A slip in a number of one or two digits would explain almost any gap.
        if !(whole(f.value) && whole(needed)) || needed == f.value || f.digits < 3 {
            continue;
        }
        let how = crate::analysis::checks::one_edit(f.value as u64, needed as u64).or_else(|| {
            (1..=3)
                .any(|k| {
                    let p = 10f64.powi(k);
                    needed == f.value * p || needed * p == f.value
                })
                .then_some("a wrong power of ten")
        });
        if let Some(how) = how {
            found.push((f.value, needed, how));
        }
    }
    let (v, needed, how) = found.first()?;
    Some(format!(
        "{} printed for {}: {how}",
        crate::format::number(*v),
        crate::format::number(*needed)
    ))
}

/// Proposes the relations the numbers imply.
pub(crate) fn relations(figs: &[Fig]) -> Vec<Relation> {
    // Every total's best parts; a run of parts printed near two totals of
    // the same value (a headline and its paragraph) goes to the nearer.
    let mut found: Vec<(Key, usize, Run, &'static str)> = Vec::new();
    for (t, total) in figs.iter().enumerate() {
        if !total.addable() || total.value <= 0.0 {
            continue;
        }
        let (equal, within) = best_runs(figs, t);
        found.extend(equal.map(|(key, run)| (key, t, run, "=")));
        found.extend(within.map(|run| ((Fit::None, 0, 0, 0), t, run, "<=")));
    }
    let mut nearest: std::collections::BTreeMap<(&[usize], &str), (Key, usize)> =
        Default::default();
    for (key, t, (run, _), op) in &found {
        let e = nearest.entry((run.as_slice(), *op)).or_insert((*key, *t));
        if (*key, *t) < *e {
            *e = (*key, *t);
        }
    }
    // A part within a total whose parts add up to it says nothing more.
    let summed: std::collections::BTreeSet<usize> = found
        .iter()
        .filter(|(k, _, _, op)| *op == "=" && matches!(k.0, Fit::Exact | Fit::Hedge))
        .map(|(_, t, _, _)| *t)
        .collect();
    let mut out: Vec<Relation> = Vec::new();
    for (key, t, (run, why), op) in &found {
        if nearest.get(&(run.as_slice(), *op)) != Some(&(*key, *t))
            || (*op == "<=" && summed.contains(t))
        {
            continue;
        }
        let mut rel = sum_relation(figs, run, *t, op, why);
        rel.exact = *op == "=" && key.0 == Fit::Exact;
        out.push(rel);
    }
    parallel(figs, &mut out);
    another_breakdown(figs, &mut out);
    additional(figs, &mut out);
    restated(figs, &mut out);
    dedupe_ids(&mut out);
    out
}

/// The value compared with figure `i` in its sentence (the other column).
fn partner(figs: &[Fig], i: usize) -> Option<usize> {
    let f = &figs[i];
    let other = 1 - f.column?;
    window(figs, i, SPAN).find(|&j| {
        figs[j].sentence == f.sentence && figs[j].column == Some(other) && figs[j].like(f)
    })
}

/// Breakdowns printed side by side ("Roads will receive Rs 5 crore in 2025,
/// against Rs 4 crore in 2024. Schools …"): when the parts in one column add
/// up exactly to their total, the parts in the other column should add up
/// to the total compared with it.
fn parallel(figs: &[Fig], out: &mut Vec<Relation>) {
    let mut found = Vec::new();
    let mut summed: std::collections::BTreeSet<usize> = out
        .iter()
        .filter(|r| r.op == "=")
        .map(|r| r.right)
        .collect();
    for r in out.iter().filter(|r| r.op == "=" && r.exact) {
        let Some(total) = partner(figs, r.right) else {
            continue;
        };
        let Some(parts) = r
            .left
            .iter()
            .map(|&i| partner(figs, i))
            .collect::<Option<Vec<usize>>>()
        else {
            continue;
        };
        if !summed.insert(total) {
            continue;
        }
        let (_, why) = fit(
            &parts.iter().map(|&i| &figs[i]).collect::<Vec<_>>(),
            &figs[total],
        );
        let mut rel = sum_relation(figs, &parts, total, "=", "");
        rel.note = format!(
            "Proposed because the values printed beside them, in the same sentences, add up exactly to the total they are compared with ({}): {why}",
            figs[r.right].id
        );
        found.push(rel);
    }
    out.extend(found);
}

/// The candidates for parts of total `t`: like figures near it, smaller,
/// over the same period, in text order.
fn candidates(figs: &[Fig], t: usize) -> Vec<usize> {
    let total = &figs[t];
    window(figs, t, SPAN)
        .filter(|&i| i != t)
        .filter(|&i| {
            let f = &figs[i];
            f.addable()
                && f.like(total)
                && f.value < total.value
                && f.value > 0.0
                && f.para + 1 >= total.para
                && f.para <= total.para + 2
                && f.periods_agree(total)
        })
        .collect()
}

/// How many figures either side of one the search looks at: a list of
/// parts, or the values a printed number derives from, stand close by, and
/// a text of any length costs the same per figure.
const SPAN: usize = 16;

/// The figures within `span` of figure `i`, in text order.
fn window(figs: &[Fig], i: usize, span: usize) -> std::ops::Range<usize> {
    i.saturating_sub(span)..(i + span + 1).min(figs.len())
}

type Run = (Vec<usize>, String);

/// Whether the words right before a total give it as the whole a part is
/// taken from: "out of 924", "of the 61,200", "of the district's 144",
/// "Of 500, …".
fn of_whole(total: &Fig) -> bool {
    let b: Vec<&str> = total.before.iter().map(String::as_str).collect();
    let n = b.len();
    let two = &b[n.saturating_sub(2)..];
    let possessive = n >= 3
        && b[n - 3] == "of"
        && b[n - 2] == "the"
        && (b[n - 1].ends_with("'s") || b[n - 1].ends_with("’s"));
    matches!(
        two,
        ["out", "of"] | ["of", "the"] | ["of", "all"] | ["of", "these"] | ["of", "those"]
    ) || possessive
        || b == ["of"]
}

/// How well a run fits its total, best first: the fit, the sentences
/// between them, the sentences the run spans, and fewer parts last.
type Key = (Fit, usize, usize, usize);

/// A run of parts, judged against its total.
struct Judged {
    fit: Fit,
    dist: usize,
    spanned: usize,
    /// The words present the parts as the total's.
    cue: bool,
    /// The words present the parts as within the total ("of the", "of which").
    within: bool,
    reason: String,
}

/// Judges the run `run` (figure indices, in text order) against total `t`;
/// `None` when it cannot be its parts (on both sides of it, in two columns,
/// too far).
fn judge(figs: &[Fig], t: usize, run: &[usize]) -> Option<Judged> {
    let total = &figs[t];
    let (first, last) = (run[0], run[run.len() - 1]);
    let after = first > t;
    if (first < t && last > t) || !run.iter().all(|&i| figs[i].column == figs[first].column) {
        return None;
    }
    if !run
        .windows(2)
        .all(|w| figs[w[1]].sentence <= figs[w[0]].sentence + 1)
    {
        return None;
    }
    let (dist, paras_apart) = if after {
        (
            figs[first].sentence - total.sentence,
            figs[first].para - total.para,
        )
    } else {
        (
            total.sentence - figs[last].sentence,
            total.para - figs[last].para,
        )
    };
    if dist > 2 || paras_apart > 1 {
        return None;
    }
    let parts: Vec<&Fig> = run.iter().map(|&i| &figs[i]).collect();
    // The words tie parts to the total before them ("1,240 people: 812 …",
    // "Of those, …", "the remaining 275"); parts before their total only by
    // the total's own words ("a total of 924").
    let cue = if after {
        total.after_has(&PARTS_FOLLOW)
            || has(total.right_before(3), &WHOLE_LEAD)
            || figs[first].before_has(&PARTS_LEAD)
            || parts.iter().any(|f| has(f.right_before(3), &REMAINING))
    } else {
        has(total.right_before(3), &TOTAL_WORDS)
    };
    let tail = &total.after[total.after.len().saturating_sub(3)..];
    // "about 18,500 houses …, 6,200 of them completely".
    let of_them = after
        && run.len() == 1
        && figs[first]
            .after
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
            .starts_with("of them");
    let within = (after
        && (of_whole(total)
            || of_them
            || has(
                tail,
                &["of which", "of whom", "جن میں سے", "جس میں سے", "میں سے"],
            )))
        || (!after && last + 1 == t && of_whole(total));
    let (fit, why) = fit(&parts, total);
    let reason = reason(&parts, total, &why, cue, dist);
    let spanned = figs[last].sentence - figs[first].sentence;
    Some(Judged {
        fit,
        dist,
        spanned,
        cue,
        within,
        reason,
    })
}

/// The best run of parts that adds up to total `t` (proposed as `=`), with
/// how well it fits, and a run the words give as within it (proposed as `<=`).
fn best_runs(figs: &[Fig], t: usize) -> (Option<(Key, Run)>, Option<Run>) {
    let total = &figs[t];
    let c = candidates(figs, t);
    let mut best: Option<(Key, Run)> = None;
    let mut within: Option<Run> = None;
    for a in 0..c.len() {
        for b in a..c.len().min(a + 12) {
            let run = &c[a..=b];
            let Some(j) = judge(figs, t, run) else {
                continue;
            };
            let ok = run.len() >= 2
                && match j.fit {
                    // Within one sentence a total and its parts are told apart
                    // only by the words ("including", "of which", a colon).
                    _ if j.dist == 0 && !j.cue => false,
                    Fit::Exact => run.len() >= 3 || j.cue || total.value >= 20.0,
                    Fit::Hedge | Fit::Near => j.cue,
                    Fit::Slip => j.cue || (j.dist == 1 && run.len() >= 3),
                    Fit::None => false,
                };
            let key = (j.fit, j.dist, j.spanned, usize::MAX - run.len());
            if ok && best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, (run.to_vec(), j.reason.clone())));
            }
            let longer = within.as_ref().is_none_or(|(l, _)| run.len() > l.len());
            if j.within && j.dist <= 1 && !matches!(j.fit, Fit::Exact | Fit::Hedge) && longer {
                let why = if run.len() == 1 {
                    format!(
                        "Proposed because the words give {} as part of {}, so it should not exceed it",
                        figs[run[0]].id, total.id
                    )
                } else {
                    format!(
                        "{}; the words give them as part of the total, so they should not exceed it",
                        j.reason
                    )
                };
                within = Some((run.to_vec(), why));
            }
        }
    }
    (best, within)
}

fn reason(parts: &[&Fig], total: &Fig, why: &str, cue: bool, dist: usize) -> String {
    let where_ = if dist == 0 {
        "in the same sentence as the total"
    } else {
        "right beside the total"
    };
    let cue = if cue {
        ", and the words present them as its parts"
    } else {
        ""
    };
    let what = crate::words::count(parts.len(), "figure", "figures");
    format!(
        "Proposed because {what} in {} printed {where_} are of its kind and period{cue}: {why}",
        total.unit
    )
}

fn paragraphs_of(figs: &[Fig], run: &[usize]) -> String {
    let (a, b) = (figs[run[0]].para, figs[run[run.len() - 1]].para);
    if a == b {
        format!("paragraph {a}")
    } else {
        format!("paragraphs {a} and {b}")
    }
}

fn sum_relation(figs: &[Fig], run: &[usize], t: usize, op: &'static str, why: &str) -> Relation {
    let total = &figs[t];
    let unit = &total.unit;
    let what = if total.kind == Kind::Amount {
        format!("amounts ({unit})")
    } else {
        format!("numbers of {unit}")
    };
    let (description, gap_label, id) = if op == "=" {
        (
            format!(
                "The {what} in {} should add up to the total in paragraph {}",
                paragraphs_of(figs, run),
                total.para
            ),
            format!("{unit} not in any of the parts"),
            format!("{}_parts", total.id),
        )
    } else {
        (
            format!(
                "The {what} in {} should not add up to more than the total in paragraph {}",
                paragraphs_of(figs, run),
                total.para
            ),
            format!("{unit} more than the total"),
            format!("{}_within", total.id),
        )
    };
    Relation {
        id,
        description,
        left: run.to_vec(),
        op,
        right: t,
        unit: unit.clone(),
        gap_label,
        note: why.to_string(),
        exact: false,
    }
}

/// A second breakdown of a total, printed in one sentence up to two
/// paragraphs after it ("Of the children enrolled, 23,900 were girls …" and
/// then "Government schools took 29,400 of the new pupils, community
/// schools 8,100 and madrassas 4,850"): three parts or more, none already a
/// part of it, that add up to it exactly.
fn another_breakdown(figs: &[Fig], out: &mut Vec<Relation>) {
    let mut found = Vec::new();
    for (t, total) in figs.iter().enumerate() {
        if !total.addable() || total.value <= 0.0 {
            continue;
        }
        let used: Vec<usize> = out
            .iter()
            .filter(|r| r.right == t || r.left.contains(&t))
            .flat_map(|r| r.left.iter().copied().chain([r.right]))
            .collect();
        let c: Vec<usize> = candidates(figs, t)
            .into_iter()
            .filter(|&i| i > t && !used.contains(&i) && figs[i].para > total.para)
            .collect();
        let run = (0..c.len()).find_map(|a| {
            (a + 2..c.len().min(a + 12)).find_map(|b| {
                let run = &c[a..=b];
                let one_sentence = run
                    .iter()
                    .all(|&i| figs[i].sentence == figs[run[0]].sentence);
                let adjacent = run.windows(2).all(|w| w[1] == w[0] + 1);
                let parts: Vec<&Fig> = run.iter().map(|&i| &figs[i]).collect();
                (one_sentence && adjacent && fit(&parts, total).0 == Fit::Exact)
                    .then(|| run.to_vec())
            })
        });
        let Some(run) = run else { continue };
        let (_, why) = fit(&run.iter().map(|&i| &figs[i]).collect::<Vec<_>>(), total);
        let mut rel = sum_relation(figs, &run, t, "=", "");
        rel.id = format!("{}_parts_again", total.id);
        rel.note = format!(
            "Proposed because {} figures in {} printed in one sentence after the total add up to it exactly, another breakdown of it: {why}",
            run.len(),
            total.unit
        );
        rel.exact = true;
        found.push(rel);
    }
    out.extend(found);
}

/// "the additional 2,100 accidents" that is exactly what one value the
/// report gives exceeds another by: the earlier and the additional should
/// add up to the later.
fn additional(figs: &[Fig], out: &mut Vec<Relation>) {
    let mut found = Vec::new();
    for (x, f) in figs.iter().enumerate() {
        let more = has(f.right_before(2), &["additional", "extra", "more"])
            || f.after.first().is_some_and(|w| w == "more");
        if !f.addable() || !more || f.value <= 0.0 {
            continue;
        }
        let reach: Vec<usize> = window(figs, x, SPAN)
            .filter(|&j| j != x && figs[j].like(f) && figs[j].para + 4 >= f.para && j < x)
            .collect();
        let pair = reach
            .iter()
            .flat_map(|&l| reach.iter().map(move |&e| (l, e)))
            .find(|&(l, e)| {
                l != e && (figs[l].value - figs[e].value - f.value).abs() <= 1e-9 * f.value.max(1.0)
            });
        let Some((l, e)) = pair else { continue };
        let mut rel = sum_relation(figs, &[e, x], l, "=", "");
        rel.id = format!("{}_difference", f.id);
        rel.note = format!(
            "Proposed because the report gives {} as the additional number, and it is exactly what {} exceeds {} by",
            f.id, figs[l].id, figs[e].id
        );
        found.push(rel);
    }
    out.extend(found);
}

/// The same total printed twice: the later should match the earlier.
fn restated(figs: &[Fig], out: &mut Vec<Relation>) {
    let related: std::collections::BTreeSet<usize> = out
        .iter()
        .flat_map(|r| r.left.iter().copied().chain([r.right]))
        .collect();
    let mut found = Vec::new();
    for (j, later) in figs.iter().enumerate() {
        let like = |i: &usize| {
            let e = &figs[*i];
            e.addable()
                && later.addable()
                && e.like(later)
                && e.sentence != later.sentence
                && e.periods_agree(later)
        };
        // The same value; or a headline's hedged one whose range holds it
        // ("crosses 12,800" for 12,846).
        let range = j.saturating_sub(4 * SPAN)..j;
        let earlier = range
            .clone()
            .rev()
            .filter(like)
            .find(|&i| figs[i].value == later.value)
            .or_else(|| {
                range.rev().filter(like).find(|&i| {
                    let e = &figs[i];
                    e.headline
                        && !later.headline
                        && e.qualifier
                            .is_some_and(|q| hedge_holds(q, e.value, later.value))
                })
            });
        let Some(i) = earlier else { continue };
        let e = &figs[i];
        // "from 1,085 to 1,240", "against Rs 4 crore": values compared, not one restated.
        let compared = has(later.right_before(3), &COMPARE)
            || has(
                &e.after.iter().take(3).cloned().collect::<Vec<_>>(),
                &COMPARE,
            )
            || (i + 1 == j && has(&e.after, &["to"]));
        let restating = has(later.right_before(3), &WHOLE_LEAD)
            || has(later.right_before(3), &["these", "those", "the same"]);
        let linked = related.contains(&i) || related.contains(&j);
        // A headline restates the report's figures; a hedged total printed
        // twice the same way ("more than 5,000") is one total.
        let headline = e.headline && !later.headline;
        let twice =
            e.qualifier.is_some() && e.qualifier == later.qualifier && e.value == later.value;
        if later.value < 10.0 || compared || !(restating || linked || headline || twice) {
            continue;
        }
        found.push(Relation {
            id: format!("{}_restates", later.id),
            description: format!("The total of {} printed in paragraph {} should match the one printed in paragraph {}", later.unit, later.para, e.para),
            left: vec![j],
            op: "=",
            right: i,
            unit: later.unit.clone(),
            gap_label: format!("{} of difference between the two", later.unit),
            note: format!(
                "Proposed because the report prints the same number of {} twice{}",
                later.unit,
                if headline {
                    ", once in its headline"
                } else if twice {
                    ", hedged the same way"
                } else if restating {
                    ", the second time as the whole its parts are taken from"
                } else {
                    ", and one of them is a total of parts"
                }
            ),
            exact: false,
        });
    }
    out.extend(found);
}

/// Whether a number hedged `q` around `value` may be `v`, within a tenth
/// of it.
pub(crate) fn hedge_holds(q: Qualifier, value: f64, v: f64) -> bool {
    (v - value).abs() <= 0.1 * value.abs()
        && match q {
            Qualifier::Over => v > value,
            Qualifier::AtLeast => v >= value,
            Qualifier::Under => v < value,
            Qualifier::AtMost => v <= value,
            Qualifier::About => true,
            Qualifier::Nearly => v <= value,
        }
}

fn dedupe_ids(out: &mut [Relation]) {
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    for r in out.iter_mut() {
        let n = seen.entry(r.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            r.id = format!("{}_{n}", r.id);
        }
    }
}

/// Whether a metric can carry the hedges of its figures, as the analysis
/// requires: a change from a hedged earlier value has no honest bound, and
/// hedges that pull different ways give no single one.
fn honest(figs: &[Fig], by_id: &std::collections::HashMap<&str, usize>, m: &Metric) -> bool {
    let terms = |sum: &str| -> Vec<(Option<Qualifier>, bool)> {
        let mut out = Vec::new();
        let mut sign = true;
        for part in sum.split_whitespace() {
            match part {
                "+" => sign = true,
                "-" => sign = false,
                id => out.push((by_id.get(id).and_then(|&i| figs[i].qualifier), sign)),
            }
        }
        out
    };
    let (num, den) = (terms(&m.numerator), terms(&m.denominator));
    if m.calc == "change" && den.iter().any(|(q, _)| q.is_some()) {
        return false;
    }
    let all = num
        .into_iter()
        .chain(den.into_iter().map(|(q, up)| (q, !up)));
    Qualifier::combine(all).is_ok()
}

/// Proposes a metric for each derived number the report prints, and ties
/// the figure to it. `relations` tells which figures are totals.
pub(crate) fn metrics(figs: &[Fig], relations: &[Relation]) -> Vec<Metric> {
    let totals: Vec<usize> = relations
        .iter()
        .filter(|r| r.op == "=")
        .map(|r| r.right)
        .collect();
    let by_id = figs
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    figs.iter()
        .enumerate()
        .filter_map(|(i, f)| match f.derived? {
            Derived::Share | Derived::OneIn => share(figs, i, &totals),
            Derived::PercentChange { up } => change(figs, i, up, true),
            Derived::Change { up } => change(figs, i, up, false),
            Derived::Fold => change(figs, i, true, false),
            Derived::PerTime(unit) => per_time(figs, i, unit, &totals),
        })
        .filter(|m| honest(figs, &by_id, m))
        .collect()
}

/// How close a printed value must be to the one computed: half its last
/// printed digit, or its hedge.
fn close(f: &Fig, printed: f64, computed: f64, half: f64) -> bool {
    match f.qualifier {
        Some(Qualifier::About | Qualifier::Nearly) => {
            (printed - computed).abs() <= (0.1 * printed).abs().max(half)
        }
        Some(Qualifier::Over | Qualifier::AtLeast) => computed >= printed - half,
        Some(Qualifier::Under | Qualifier::AtMost) => computed <= printed + half,
        None => (printed - computed).abs() <= half + 1e-12,
    }
}

/// The part and whole of a printed share, and whether they give it: the
/// pair that gives it with the part nearest the share (before or after it,
/// as in "6,048 of the accidents, or 64 percent" and "one in five of the
/// dead, 248 people"), the whole nearest both; else the part printed just
/// before the share, over the largest whole near it.
fn share_pair(
    figs: &[Fig],
    i: usize,
    fits: impl Fn(usize, usize) -> bool,
    totals: &[usize],
) -> Option<(usize, usize, bool)> {
    let f = &figs[i];
    // Wholes up to three paragraphs back; parts up to the next sentence.
    let cands: Vec<usize> = window(figs, i, SPAN)
        .filter(|&j| {
            j != i
                && figs[j].addable()
                && figs[j].para + 3 >= f.para
                && figs[j].sentence <= f.sentence + 1
        })
        .collect();
    // (nearness to the share, sentences apart, figures apart) and the pair.
    type Nearest = ((usize, usize, usize), (usize, usize));
    let mut best: Option<Nearest> = None;
    // The part stands in the share's sentence or the next; the whole may
    // stand paragraphs before.
    for &a in cands.iter().filter(|&&a| figs[a].sentence >= f.sentence) {
        for &b in cands.iter().filter(|&&b| figs[b].sentence <= f.sentence) {
            let ok = a != b
                && figs[a].like(&figs[b])
                && figs[a].value <= figs[b].value
                && figs[b].value != 0.0
                && fits(a, b);
            let key = (
                a.abs_diff(i),
                f.sentence.abs_diff(figs[b].sentence),
                a.abs_diff(b),
            );
            if ok && best.is_none_or(|(k, _)| key < k) {
                best = Some((key, (a, b)));
            }
        }
    }
    if let Some((_, (a, b))) = best {
        return Some((a, b, true));
    }
    if let Some(pair) = named_part(figs, i, &fits, totals) {
        return Some(pair);
    }
    let a = cands
        .iter()
        .rev()
        .copied()
        .find(|&a| a < i && figs[a].sentence == f.sentence)?;
    let near_a = |t: &usize| {
        figs[*t].like(&figs[a])
            && figs[*t].value > figs[a].value
            && figs[*t].para + 1 >= f.para
            && figs[*t].sentence <= f.sentence
    };
    let b = totals
        .iter()
        .copied()
        .rfind(|t| near_a(t) && cands.contains(t))
        .or_else(|| {
            cands
                .iter()
                .copied()
                .filter(near_a)
                .max_by(|x, y| figs[*x].value.total_cmp(&figs[*y].value))
        })?;
    Some((a, b, false))
}

/// The part of a share that its sentence names by a noun, printed earlier
/// with that noun after it ("Girls made up 56% of the new enrolments" after
/// "23,900 were girls"), over a total that part belongs to; only a pair
/// that gives the share printed.
fn named_part(
    figs: &[Fig],
    i: usize,
    fits: &impl Fn(usize, usize) -> bool,
    totals: &[usize],
) -> Option<(usize, usize, bool)> {
    let f = &figs[i];
    // The nouns the share's own words open with ("girls made up").
    let nouns: Vec<&String> = f.before.iter().filter(|w| w.len() > 3).take(3).collect();
    if nouns.is_empty() {
        return None;
    }
    let named = |j: usize| {
        let g = &figs[j];
        j < i
            && g.addable()
            && g.para + 3 >= f.para
            && g.after.iter().take(3).any(|w| nouns.contains(&w))
    };
    let parts: Vec<usize> = (0..i).filter(|&j| named(j)).collect();
    let [a] = parts.as_slice() else {
        return None;
    };
    let b = totals
        .iter()
        .copied()
        .filter(|&t| figs[t].like(&figs[*a]) && figs[t].value > figs[*a].value)
        .find(|&t| fits(*a, t))?;
    Some((*a, b, true))
}

/// A share ("21 percent of the applications", "two-thirds of the money",
/// "one in five"): its part over its whole.
fn share(figs: &[Fig], i: usize, totals: &[usize]) -> Option<Metric> {
    let f = &figs[i];
    let (printed, half) = match f.kind {
        Kind::Percent => (f.value / 100.0, 0.5 * 10f64.powi(-f.decimals) / 100.0),
        Kind::Fraction => (f.value, 0.025),
        _ => (1.0 / f.value, 0.0),
    };
    // A percentage is a share only where the words say so: "21 percent of
    // the applications", "1,050, or 21 percent"; a fraction or "one in" always is.
    let cued = f.kind != Kind::Percent
        || f.after.first().is_some_and(|w| w == "of")
        || f.right_before(3).iter().any(|w| w == "or");
    if !cued {
        return None;
    }
    let fits = |a: usize, b: usize| {
        let r = figs[a].value / figs[b].value;
        if f.kind == Kind::OneIn {
            (1.0 / r - f.value).abs() <= 0.5
        } else {
            close(f, printed, r, half)
        }
    };
    let (a, b, matched) = share_pair(figs, i, fits, totals)?;
    let why = if matched {
        format!(
            "Proposed because {} over {} gives the {} printed",
            figs[a].id,
            figs[b].id,
            what(f)
        )
    } else {
        format!(
            "Proposed because the {} is printed right after {}, a part of {}; recomputed, it does not match what is printed, which the check shows",
            what(f),
            figs[a].id,
            figs[b].id
        )
    };
    Some(Metric {
        id: format!("{}_recomputed", f.id),
        description: format!(
            "The {} the report prints in paragraph {}, recomputed: {} as a share of {}",
            what(f),
            f.para,
            figs[a].unit,
            figs[b].unit
        ),
        numerator: figs[a].id.clone(),
        denominator: figs[b].id.clone(),
        calc: "ratio",
        display: "percent",
        per: String::new(),
        formula: format!("{} / {}", figs[a].id, figs[b].id),
        note: why,
        figure: i,
    })
}

fn what(f: &Fig) -> &'static str {
    match (f.kind, f.derived) {
        (_, Some(Derived::OneIn)) => "\"one in\" share",
        (Kind::Fraction, _) => "fraction",
        (_, Some(Derived::Fold)) => "multiple",
        (_, Some(Derived::PercentChange { .. })) => "percentage change",
        (_, Some(Derived::Change { .. })) => "change",
        (_, Some(Derived::PerTime(_))) => "rate",
        _ => "percentage",
    }
}

/// A change between two values the report compares ("up from", "against",
/// "from … to"): a later value `a` and an earlier `b`.
fn pairs(figs: &[Fig], i: usize, next: bool) -> Vec<(usize, usize)> {
    let f = &figs[i];
    let mut out = Vec::new();
    // Before the printed change, or (`next`) in the sentence after it, in
    // its paragraph: "increased four-fold … . Fines stood at Rs 40 crore,
    // against Rs 10 crore".
    let reach = |j: usize| {
        let g = &figs[j];
        j != i
            && g.addable()
            && if next {
                g.sentence == f.sentence + 1 && g.para == f.para
            } else {
                g.para + 2 >= f.para && g.sentence <= f.sentence
            }
    };
    for b in window(figs, i, SPAN).filter(|&b| reach(b)) {
        let e = &figs[b];
        let from = has(
            e.right_before(3),
            &[
                "from",
                "against",
                "compared with",
                "compared to",
                "than",
                "over",
            ],
        );
        // Urdu: "۱۰ ارب روپے سے بڑھ کر ۱۲ ارب روپے" (from 10 … to 12).
        let urdu_from = e.after.first().is_some_and(|w| w == "سے");
        for a in window(figs, i, SPAN).filter(|&a| reach(a)) {
            let l = &figs[a];
            if a == b
                || !l.like(e)
                || l.sentence != e.sentence
                || !l.periods_differ_or_compared(e, from)
            {
                continue;
            }
            // "X, up from Y" or "against Y": the later value comes first; "from Y to X": after.
            let order_ok = (a < b && from)
                || (a > b && has(l.right_before(2), &["to"]) && has(e.right_before(2), &["from"]))
                || (a > b && urdu_from);
            if order_ok {
                out.push((a, b));
            }
        }
    }
    out
}

impl Fig {
    fn periods_differ_or_compared(&self, other: &Fig, compared: bool) -> bool {
        compared || self.period != other.period
    }

    /// Whether the words or the period mark it as the earlier of two values:
    /// "Last year's budget was …", "in the previous year", "گزشتہ سال".
    fn earlier_than(&self, later: &Fig) -> bool {
        let words = ["last", "previous", "earlier", "ago", "گزشتہ", "پچھلے"];
        let marked =
            has(&self.before, &words) || has(&self.after[..self.after.len().min(4)], &words);
        let by_period = match (&self.period.1, &later.period.0) {
            (Some(end), Some(start)) => end < start,
            _ => false,
        };
        (marked && !has(&later.before, &words)) || by_period
    }
}

/// Pairs of values in different sentences that the words or periods mark as
/// later and earlier ("The budget is Rs 2.4 billion. Last year's was Rs 2
/// billion."), for a change printed beside neither.
fn cross_pairs(figs: &[Fig], i: usize) -> Vec<(usize, usize)> {
    let f = &figs[i];
    let reach = |j: usize| {
        j != i && figs[j].addable() && figs[j].para + 2 >= f.para && figs[j].sentence <= f.sentence
    };
    let mut out = Vec::new();
    for b in window(figs, i, SPAN).filter(|&b| reach(b)) {
        for a in window(figs, i, SPAN).filter(|&a| reach(a) && a != b) {
            if figs[a].like(&figs[b])
                && figs[a].sentence != figs[b].sentence
                && figs[b].earlier_than(&figs[a])
            {
                out.push((a, b));
            }
        }
    }
    out
}

/// The later and earlier values a printed change derives from: a pair the
/// sentence compares, or one in two sentences, that gives exactly what is
/// printed (`true`); else the pair the sentence compares nearest the
/// printed number, or the largest after "total" (`false`).
fn compared_pair(
    figs: &[Fig],
    i: usize,
    computed: impl Fn((usize, usize)) -> f64,
    half: f64,
) -> Option<(bool, (usize, usize))> {
    let f = &figs[i];
    let candidates = pairs(figs, i, false);
    let fits = |&p: &(usize, usize)| figs[p.1].value != 0.0 && close(f, f.value, computed(p), half);
    let nearest = |p: &(usize, usize)| (f.sentence.abs_diff(figs[p.0].sentence), usize::MAX - p.0);
    let exact = candidates
        .iter()
        .copied()
        .filter(fits)
        .min_by_key(nearest)
        .or_else(|| {
            pairs(figs, i, true)
                .into_iter()
                .filter(fits)
                .min_by_key(nearest)
        })
        .or_else(|| {
            cross_pairs(figs, i)
                .into_iter()
                .filter(fits)
                .min_by_key(nearest)
        });
    if let Some(p) = exact {
        return Some((true, p));
    }
    // What the words tie it to: the largest pair after "total"; else a pair
    // in its own paragraph.
    let structural = if f.before_has(&["total", "overall", "all"]) {
        candidates
            .iter()
            .copied()
            .max_by(|x, y| figs[x.0].value.total_cmp(&figs[y.0].value))
    } else {
        candidates
            .iter()
            .copied()
            .filter(|p| figs[p.0].para == f.para)
            .min_by_key(nearest)
    };
    structural.map(|p| (false, p))
}

/// A printed change, percentage change or multiple, against the pair of
/// values it compares.
fn change(figs: &[Fig], i: usize, up: bool, percent: bool) -> Option<Metric> {
    let f = &figs[i];
    let fold = f.derived == Some(Derived::Fold);
    let half = 0.5 * 10f64.powi(-f.decimals);
    let computed = |(a, b): (usize, usize)| {
        let (l, e) = (figs[a].value, figs[b].value);
        if fold {
            l / e
        } else if percent {
            100.0 * if up { (l - e) / e } else { (e - l) / e }
        } else if up {
            l - e
        } else {
            e - l
        }
    };
    let (matched, (a, b)) = compared_pair(figs, i, computed, half)?;
    if figs[b].value == 0.0 && (percent || fold) {
        return None;
    }
    let (l, e) = (&figs[a], &figs[b]);
    let shown = if l.kind == Kind::Amount {
        "amount"
    } else {
        "count"
    };
    let (numerator, denominator, calc, display) = match (fold, percent, up) {
        (true, _, _) => (l.id.clone(), e.id.clone(), "ratio", "ratio"),
        (_, true, true) => (l.id.clone(), e.id.clone(), "change", "change_percent"),
        (_, true, false) => (
            format!("{} - {}", e.id, l.id),
            e.id.clone(),
            "ratio",
            "percent",
        ),
        (_, false, true) => (l.id.clone(), e.id.clone(), "difference", shown),
        (_, false, false) => (e.id.clone(), l.id.clone(), "difference", shown),
    };
    let why = if matched {
        format!(
            "Proposed because the {} printed is what {} against {} gives",
            what(f),
            l.id,
            e.id
        )
    } else {
        format!(
            "Proposed because the report compares {} with {} before printing the {}; recomputed, it does not match, which the check shows",
            l.id,
            e.id,
            what(f)
        )
    };
    Some(Metric {
        id: format!("{}_recomputed", f.id),
        description: format!(
            "The {} the report prints in paragraph {}, recomputed from the two values of {} it compares",
            what(f),
            f.para,
            l.unit
        ),
        formula: match (fold, percent, up) {
            (true, ..) => format!("{} / {}", l.id, e.id),
            (_, true, true) => format!("({} - {}) / {}", l.id, e.id, e.id),
            (_, true, false) => format!("({} - {}) / {}", e.id, l.id, e.id),
            _ => format!("{numerator} - {denominator}"),
        },
        numerator,
        denominator,
        calc,
        display,
        per: String::new(),
        note: why,
        figure: i,
    })
}

/// "55 applications a day": the count over the period length it is spread over.
fn per_time(figs: &[Fig], i: usize, unit: &'static str, totals: &[usize]) -> Option<Metric> {
    let f = &figs[i];
    let length = window(figs, i, SPAN)
        .filter(|&j| {
            figs[j].kind == Kind::PeriodLength
                && figs[j].unit == unit
                && figs[j].para + 3 >= f.para
                && figs[j].para <= f.para
        })
        .min_by_key(|&j| f.sentence.abs_diff(figs[j].sentence))?;
    // The count a rate spreads over its period is often the report's
    // headline total, some paragraphs before it.
    let counts: Vec<usize> = window(figs, i, SPAN)
        .filter(|&j| {
            let c = &figs[j];
            c.addable()
                && c.kind == Kind::Count
                && c.unit == f.unit
                && c.para + 3 >= f.para
                && c.sentence <= f.sentence
        })
        .collect();
    let half = 0.5 * 10f64.powi(-f.decimals);
    let fits = |j: usize| close(f, f.value, figs[j].value / figs[length].value, half);
    let count = counts
        .iter()
        .copied()
        .filter(|&j| fits(j))
        .max_by(|x, y| figs[*x].value.total_cmp(&figs[*y].value))
        .or_else(|| totals.iter().copied().rfind(|t| counts.contains(t)))
        .or_else(|| {
            counts
                .iter()
                .copied()
                .max_by(|x, y| figs[*x].value.total_cmp(&figs[*y].value))
        })?;
    let per = unit.trim_end_matches('s');
    let matched = fits(count);
    Some(Metric {
        id: format!("{}_recomputed", f.id),
        description: format!(
            "{} per {per} over the period the report gives, recomputed",
            crate::util::capitalise(&f.unit)
        ),
        numerator: figs[count].id.clone(),
        denominator: figs[length].id.clone(),
        calc: "ratio",
        display: "per",
        per: per.to_string(),
        formula: format!("{} / {}", figs[count].id, figs[length].id),
        note: if matched {
            format!(
                "Proposed because {} over {} gives the rate printed",
                figs[count].id, figs[length].id
            )
        } else {
            format!(
                "Proposed because {} and {} are the count and the period nearest the rate; recomputed, it does not match, which the check shows",
                figs[count].id, figs[length].id
            )
        },
        figure: i,
    })
}
