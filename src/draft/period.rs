//! Dates and periods: the date a printed date stands for (its year taken
//! from the report's date when it gives none), and the phrases that bound
//! a figure's period ("in 2025", "until October this year", "over the past
//! three months", "since January"), in English and Urdu.

use super::text::Para;
use crate::numbers::MentionKind;

/// The month a word names (1–12), as the number reader reads it.
pub(crate) fn month(word: &str) -> Option<u32> {
    crate::numbers::month_of(word)
}

/// The report's date, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// A `YYYY-MM-DD` date.
    pub fn parse(iso: &str) -> Option<Day> {
        let mut it = iso.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        Some(Day {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        })
    }

    /// `YYYY-MM`, `n` months earlier.
    pub fn months_before(self, n: i32) -> String {
        let total = self.year * 12 + self.month as i32 - 1 - n;
        format!(
            "{:04}-{:02}",
            total.div_euclid(12),
            total.rem_euclid(12) + 1
        )
    }

    /// `YYYY-MM-DD`, `n` days earlier.
    pub fn days_before(self, n: i64) -> String {
        // Days from a fixed epoch by the civil-calendar formula, and back.
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let z = era * 146_097 + doe - n;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `YYYY-MM`.
    pub fn month_iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date a printed date stands for, as `YYYY-MM-DD`, and, when the text
/// gives no year, why the year was taken to be the one it is.
pub(crate) fn date(printed: &str, report: Day) -> Option<(String, Option<String>)> {
    let digits: Vec<u32> = printed
        .split(|c: char| !c.is_numeric())
        .filter(|s| !s.is_empty())
        .filter_map(|s| {
            s.chars()
                .map(|c| c.to_digit(10).or_else(|| arabic_digit(c)))
                .collect::<Option<Vec<u32>>>()
        })
        .map(|ds| {
            ds.iter()
                .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(*d))
        })
        .collect();
    let month_word = printed
        .split(|c: char| !(c.is_alphabetic()))
        .find_map(month);
    let (year, month, day) = match (month_word, digits.as_slice()) {
        (None, [y, m, d]) => (Some(*y), *m, *d),
        (Some(m), [d]) => (None, m, *d),
        (Some(m), [a, b]) if *a > 31 => (Some(*a), m, *b),
        (Some(m), [d, y]) => (Some(*y), m, *d),
        _ => return None,
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    match year {
        Some(y) => Some((format!("{y:04}-{month:02}-{day:02}"), None)),
        None => {
            // A day a few weeks after the report's is most often one to come
            // (a deadline); one months after it, last year's.
            let ahead = (month as i64 - report.month as i64) * 31 + day as i64 - report.day as i64;
            let y = if ahead > 92 {
                report.year - 1
            } else {
                report.year
            };
            let why = if ahead > 92 {
                format!(
                    "the text gives no year; read as {y}, as the date falls months after the report's date in {}",
                    report.year
                )
            } else if ahead > 0 {
                format!(
                    "the text gives no year; read as {y}, the year of the report, the date being weeks after it"
                )
            } else {
                format!("the text gives no year; read as {y}, the year of the report")
            };
            Some((format!("{y:04}-{month:02}-{day:02}"), Some(why)))
        }
    }
}

fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

/// A phrase that bounds a period, with the dates it gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Period {
    /// The tokens it spans.
    pub first: usize,
    pub last: usize,
    /// The words as printed.
    pub text: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Why a date was inferred, by field.
    pub inferred: Vec<(&'static str, String)>,
}

/// A year printed at token `k` (a four-digit number from 1900 to 2100).
pub(crate) fn year_at(p: &Para, k: usize) -> Option<i32> {
    let m = p.mention_at(k)?;
    let v = m.value?;
    let digits = m.printed.chars().filter(|c| c.is_numeric()).count();
    let bare = m.printed.chars().all(char::is_numeric);
    (m.kind == MentionKind::Number
        && bare
        && digits == 4
        && v.fract() == 0.0
        && (1900.0..=2100.0).contains(&v)
        && m.qualifier.is_none())
    .then_some(v as i32)
}

/// Every period phrase in the sentence of tokens `range`.
pub(crate) fn phrases(p: &Para, range: std::ops::Range<usize>, report: Day) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    let mut k = range.start;
    while k < range.end {
        let found = past(p, k, range.end, report)
            .or_else(|| fiscal(p, k, range.end))
            .or_else(|| bounded(p, k, range.end, report))
            .or_else(|| relative_year(p, k, range.end, report))
            .or_else(|| so_far(p, k, range.end, report))
            .or_else(|| urdu(p, k, range.end, report));
        match found {
            Some(period) => {
                k = period.last + 1;
                out.push(period);
            }
            None => k += 1,
        }
    }
    out
}

/// The period from token `first` to `last`; none when it would end before
/// it starts (as the ledger checks).
fn finish(
    p: &Para,
    first: usize,
    last: usize,
    start: Option<String>,
    end: Option<String>,
    inferred: Vec<(&'static str, String)>,
) -> Option<Period> {
    if let (Some(s), Some(e)) = (&start, &end) {
        if s > e && !e.starts_with(s.as_str()) {
            return None;
        }
    }
    let text = p
        .span(first, last)
        .trim_end_matches([',', '.', ';'])
        .to_string();
    Some(Period {
        first,
        last,
        text,
        start,
        end,
        inferred,
    })
}

/// "the past three months", "in the last 10 days", "over the previous two years".
fn past(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    let w = |i: usize| if i < end { p.lower(i) } else { String::new() };
    let lead = usize::from(matches!(
        w(k).as_str(),
        "over" | "in" | "during" | "for" | "within"
    ));
    let the = usize::from(w(k + lead) == "the");
    let at = k + lead + the;
    if !matches!(w(at).as_str(), "past" | "last" | "previous" | "preceding") {
        return None;
    }
    let (n, n_words, unit_at) = match p.mention_at(at + 1).and_then(|m| m.value) {
        Some(v) if v.fract() == 0.0 && v > 0.0 && v < 1000.0 => {
            (v as i64, p.word(at + 1).to_string(), at + 2)
        }
        _ => (1, String::new(), at + 1),
    };
    if n == 1 && the + lead == 0 {
        return None; // "last year" is a relative year
    }
    let unit = super::vocab::time_unit(&w(unit_at))?;
    let ago = |what: &str| {
        if n_words.is_empty() {
            format!("one {what}")
        } else {
            format!("{n_words} {what}")
        }
    };
    let (start, why_start, end, why_end) = match unit {
        "months" => (
            report.months_before(n as i32),
            format!(
                "{} before the report's date, to the month",
                ago(if n == 1 { "month" } else { "months" })
            ),
            report.month_iso(),
            "the report's month",
        ),
        "years" => (
            report.months_before(12 * n as i32),
            format!(
                "{} before the report's date, to the month",
                ago(if n == 1 { "year" } else { "years" })
            ),
            report.month_iso(),
            "the report's month",
        ),
        "weeks" => (
            report.days_before(7 * n),
            format!(
                "{} before the report's date",
                ago(if n == 1 { "week" } else { "weeks" })
            ),
            report.iso(),
            "the report's date",
        ),
        "days" => (
            report.days_before(n),
            format!(
                "{} before the report's date",
                ago(if n == 1 { "day" } else { "days" })
            ),
            report.iso(),
            "the report's date",
        ),
        _ => return None,
    };
    finish(
        p,
        k,
        unit_at,
        Some(start),
        Some(end),
        vec![
            ("period_start", why_start),
            ("period_end", why_end.to_string()),
        ],
    )
}

/// The month or year at token `k`, with the token after it: "October",
/// "October 2024", "October this year", "2024". Gives (year, month, last
/// token, why the year was inferred).
fn when(
    p: &Para,
    k: usize,
    end: usize,
    report: Day,
    ahead: bool,
) -> Option<(i32, Option<u32>, usize, Option<String>)> {
    if k >= end {
        return None;
    }
    if let Some(y) = year_at(p, k) {
        return Some((y, None, k, None));
    }
    if p.mention_at(k).is_some_and(|m| m.kind == MentionKind::Date) {
        return None;
    }
    let m = p.is_word(k).then(|| month(p.word(k))).flatten()?;
    if p.word(k) == "may" {
        return None; // the verb
    }
    if let Some(y) = (k + 1 < end).then(|| year_at(p, k + 1)).flatten() {
        return Some((y, Some(m), k + 1, None));
    }
    let next = (k + 2 < end).then(|| (p.lower(k + 1), p.lower(k + 2)));
    match next.as_ref().map(|(a, b)| (a.as_str(), b.as_str())) {
        Some(("this", "year")) => Some((
            report.year,
            Some(m),
            k + 2,
            Some(format!(
                "\"this year\" read as {}, the year of the report",
                report.year
            )),
        )),
        Some(("last", "year")) => Some((
            report.year - 1,
            Some(m),
            k + 2,
            Some(format!(
                "\"last year\" read as {}, the year before the report",
                report.year - 1
            )),
        )),
        _ => {
            // A month with no year: the report's year, or the year before when
            // the month is still to come; but a period's end ("by the end of
            // November", "by June" in a sentence that looks ahead) may be to come.
            let future = ahead && looks_ahead(p, k);
            let soon = ahead && m > report.month && m - report.month <= 3;
            if future || soon {
                let y = if m >= report.month {
                    report.year
                } else {
                    report.year + 1
                };
                let why = format!(
                    "the text gives no year; read as {y}, the next such month after the report, as the words look ahead"
                );
                return Some((y, Some(m), k, Some(why)));
            }
            let before = m > report.month;
            let y = if before { report.year - 1 } else { report.year };
            let why = if before {
                format!(
                    "the text gives no year; read as {y}, the last {} before the report",
                    crate::ledger::series::date_words(&format!("{y}-{m:02}"))
                        .split(' ')
                        .next()
                        .unwrap_or("")
                )
            } else {
                format!("the text gives no year; read as {y}, the year of the report")
            };
            Some((y, Some(m), k, Some(why)))
        }
    }
}

/// Whether the sentence of token `k` speaks of what is to come ("will be
/// paid by the end of November", "ادا کر دیے جائیں گے").
fn looks_ahead(p: &Para, k: usize) -> bool {
    p.around(k, 40).any(|j| {
        matches!(
            p.lower(j).as_str(),
            "will" | "would" | "shall" | "next" | "گے" | "گا" | "گی"
        )
    })
}

/// A whole year, inferred for the reason `why`, from token `first` to `last`.
fn whole_year(p: &Para, first: usize, last: usize, y: i32, why: String) -> Option<Period> {
    let year = Some(y.to_string());
    finish(
        p,
        first,
        last,
        year.clone(),
        year,
        vec![("period_start", why.clone()), ("period_end", why)],
    )
}

fn iso(year: i32, month: Option<u32>) -> String {
    match month {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    }
}

/// A financial year: "in the 2025-26 financial year", "in 2024-25",
/// "during fiscal year 2023-24", "FY2025-26". Its two years are printed;
/// its months are not (July to June in Pakistan, April to March in India),
/// so the period spans the two years and shows in the report's words.
fn fiscal(p: &Para, k: usize, end: usize) -> Option<Period> {
    let w = |i: usize| if i < end { p.lower(i) } else { String::new() };
    let mut at = k;
    let lead = matches!(
        w(at).as_str(),
        "in" | "during" | "for" | "throughout" | "of"
    );
    at += usize::from(lead);
    at += usize::from(w(at) == "the");
    let named = |i: usize| matches!(w(i).as_str(), "fiscal" | "financial" | "fy");
    let mut before = false;
    if named(at) {
        before = true;
        at += 1;
        at += usize::from(w(at) == "year");
    }
    let y = year_at(p, at)?;
    // The second year, glued after a dash or slash: "-26", "–2026", "/26".
    let dash = at + 1;
    let glued = |i: usize| p.toks.get(i).is_some_and(|t| t.glued);
    if !(['-', '\u{2013}', '/'].iter().any(|c| p.is(dash, *c)) && glued(dash) && glued(dash + 1)) {
        return None;
    }
    let second = p.mention_at(dash + 1)?;
    let digits: String = second
        .printed
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let next = match digits.len() {
        2 => (y / 100) * 100 + digits.parse::<i32>().ok()?,
        4 => digits.parse::<i32>().ok()?,
        _ => return None,
    };
    if next != y + 1 {
        return None;
    }
    let mut last = dash + 1;
    if !before && named(last + 1) {
        last += 1 + usize::from(w(last + 2) == "year");
    }
    // A bare "2024-25" after no leading word and no name is still a
    // financial year, but the phrase must say so or follow "in".
    if !(lead || before || last > dash + 1) {
        return None;
    }
    let why = format!(
        "a financial year, {y}-{next}: it spans part of {y} and part of {next}, and the report does not give its months"
    );
    finish(
        p,
        k,
        last,
        Some(y.to_string()),
        Some(next.to_string()),
        vec![("period_start", why.clone()), ("period_end", why)],
    )
}

/// "in 2025", "during October", "until October this year", "since January",
/// "from March to June 2024", "in the first 10 months of 2024", "between … and …".
fn bounded(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    let w = |i: usize| if i < end { p.lower(i) } else { String::new() };
    let lead = w(k);
    let two = format!("{lead} {}", w(k + 1));
    let (word_end, what) = match (lead.as_str(), two.as_str()) {
        (_, "up to" | "as of" | "as on") => (k + 1, "until"),
        ("in" | "during" | "for" | "throughout", _) => (k, "in"),
        ("until" | "till" | "through" | "by" | "upto", _) => (k, "until"),
        ("since", _) => (k, "since"),
        ("from" | "between", _) => (k, "from"),
        _ => return None,
    };
    if what == "in" && w(word_end + 1) == "the" && w(word_end + 2) == "first" {
        return first_months(p, k, word_end + 3, end);
    }
    let at = word_end
        + 1
        + usize::from(
            what == "until"
                && w(word_end + 1) == "the"
                && w(word_end + 2) == "end"
                && w(word_end + 3) == "of",
        ) * 3;
    let (y, m, last, why) = when(p, at, end, report, what == "until")?;
    let mut inferred = Vec::new();
    match what {
        "in" => {
            if let Some(why) = &why {
                inferred = vec![("period_start", why.clone()), ("period_end", why.clone())];
            }
            finish(p, k, last, Some(iso(y, m)), Some(iso(y, m)), inferred)
        }
        "until" => {
            if let Some(why) = why {
                inferred.push(("period_end", why));
            }
            finish(p, k, last, None, Some(iso(y, m)), inferred)
        }
        _ => {
            if let Some(why) = &why {
                inferred.push(("period_start", why.clone()));
            }
            let joint = w(last + 1);
            if matches!(joint.as_str(), "to" | "until" | "till" | "and" | "through") {
                if let Some((y2, m2, last2, why2)) = when(p, last + 2, end, report, false) {
                    let mut y = y;
                    match why2 {
                        Some(why2) => inferred.push(("period_end", why2)),
                        // "from March to June 2023": the year given once is both's.
                        None if m.is_some() && why.is_some() => {
                            inferred.clear();
                            y = if m > m2 { y2 - 1 } else { y2 };
                        }
                        None => {}
                    }
                    return finish(p, k, last2, Some(iso(y, m)), Some(iso(y2, m2)), inferred);
                }
            }
            if lead != "since" {
                return None;
            }
            inferred.push((
                "period_end",
                if m.is_some() {
                    "the report's month".into()
                } else {
                    "the report's year".into()
                },
            ));
            let end_date = if m.is_some() {
                report.month_iso()
            } else {
                report.year.to_string()
            };
            finish(p, k, last, Some(iso(y, m)), Some(end_date), inferred)
        }
    }
}

/// "in the first 10 months of 2024": `at` is the token after "first".
fn first_months(p: &Para, k: usize, at: usize, end: usize) -> Option<Period> {
    let n = p.mention_at(at)?.value?;
    let unit = super::vocab::time_unit(&p.lower(at + 1))?;
    if unit != "months" || p.lower(at + 2) != "of" || !(1.0..=12.0).contains(&n) || n.fract() != 0.0
    {
        return None;
    }
    let y = (at + 3 < end).then(|| year_at(p, at + 3)).flatten()?;
    finish(
        p,
        k,
        at + 3,
        Some(format!("{y:04}-01")),
        Some(format!("{y:04}-{:02}", n as u32)),
        Vec::new(),
    )
}

/// "so far", "to date", "till date", "thus far", Urdu "اب تک", "تاحال": up to
/// the report's date.
fn so_far(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    let one = p.lower(k);
    let two = if k + 1 < end {
        format!("{one} {}", p.lower(k + 1))
    } else {
        String::new()
    };
    let last = match (one.as_str(), two.as_str()) {
        ("تاحال", _) => k,
        (_, "so far" | "to date" | "till date" | "thus far" | "اب تک") => k + 1,
        _ => return None,
    };
    let why = format!("\"{}\" read as the report's date", p.span(k, last));
    finish(
        p,
        k,
        last,
        None,
        Some(report.iso()),
        vec![("period_end", why)],
    )
}

/// "this year", "last year", "this month", "last month" on their own.
fn relative_year(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    if k + 1 >= end {
        return None;
    }
    let (a, b) = (p.lower(k), p.lower(k + 1));
    let lead = usize::from(
        k > 0
            && matches!(
                p.lower(k - 1).as_str(),
                "in" | "during" | "for" | "throughout"
            ),
    );
    let first = k - lead;
    let year = |y: i32, why: String| whole_year(p, first, k + 1, y, why);
    match (a.as_str(), b.as_str()) {
        ("this" | "current", "year") => year(
            report.year,
            format!(
                "\"{a} year\" read as {}, the year of the report",
                report.year
            ),
        ),
        ("last" | "previous", "year") => year(
            report.year - 1,
            format!(
                "\"{a} year\" read as {}, the year before the report",
                report.year - 1
            ),
        ),
        ("this", "month") => {
            let m = report.month_iso();
            let why = format!("\"this month\" read as the report's month, {m}");
            finish(
                p,
                first,
                k + 1,
                Some(m.clone()),
                Some(m),
                vec![("period_start", why.clone()), ("period_end", why)],
            )
        }
        ("last", "month") => {
            let m = report.months_before(1);
            let why = format!("\"last month\" read as the month before the report's, {m}");
            finish(
                p,
                first,
                k + 1,
                Some(m.clone()),
                Some(m),
                vec![("period_start", why.clone()), ("period_end", why)],
            )
        }
        _ => None,
    }
}

/// Urdu: "2024 میں" (in 2024), "گزشتہ تین ماہ" (the past three months),
/// "اکتوبر تک" (until October), "جنوری سے" (since January), "رواں سال" (this year).
/// Urdu "گزشتہ تین ماہ (کے دوران)": the past three months; "گزشتہ سال": last year.
fn urdu_past(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    let w = |i: usize| if i < end { p.word(i) } else { "" };
    let (n, unit_at) = match p.mention_at(k + 1).and_then(|m| m.value) {
        Some(v) if v.fract() == 0.0 && v > 0.0 => (v as i32, k + 2),
        _ => (1, k + 1),
    };
    let unit = super::vocab::time_unit(w(unit_at))?;
    let last = unit_at + 2 * usize::from(w(unit_at + 1) == "کے" && w(unit_at + 2) == "دوران");
    let (start, end_date, why_end) = match unit {
        "months" => (
            report.months_before(n),
            report.month_iso(),
            "the report's month",
        ),
        "years" if n == 1 && unit_at == k + 1 => {
            let y = report.year - 1;
            let why = format!(
                "\"{}\" read as {y}, the year before the report",
                p.span(k, unit_at)
            );
            return whole_year(p, k, last, y, why);
        }
        "years" => (
            report.months_before(12 * n),
            report.month_iso(),
            "the report's month",
        ),
        "weeks" => (
            report.days_before(7 * i64::from(n)),
            report.iso(),
            "the report's date",
        ),
        "days" => (
            report.days_before(i64::from(n)),
            report.iso(),
            "the report's date",
        ),
        _ => return None,
    };
    let why = format!(
        "\"{}\" counted back from the report's date",
        p.span(k, unit_at)
    );
    finish(
        p,
        k,
        last,
        Some(start),
        Some(end_date),
        vec![("period_start", why), ("period_end", why_end.to_string())],
    )
}

fn urdu(p: &Para, k: usize, end: usize, report: Day) -> Option<Period> {
    let w = |i: usize| if i < end { p.word(i) } else { "" };
    if let Some(y) = year_at(p, k) {
        let mark = usize::from(w(k + 1) == "ء");
        if w(k + 1 + mark) == "میں" {
            return finish(
                p,
                k,
                k + 1 + mark,
                Some(y.to_string()),
                Some(y.to_string()),
                Vec::new(),
            );
        }
    }
    if matches!(w(k), "گزشتہ" | "گذشتہ" | "پچھلے" | "پچھلی") {
        return urdu_past(p, k, end, report);
    }
    if matches!(w(k), "رواں" | "امسال") || (w(k) == "اس" && w(k + 1) == "سال") {
        let last = if w(k) == "امسال" { k } else { k + 1 };
        let y = report.year;
        let why = format!(
            "\"{}\" read as {y}, the year of the report",
            p.span(k, last)
        );
        return whole_year(p, k, last, y, why);
    }
    let (y, m, last, why) = when(
        p,
        k,
        end,
        report,
        p.word(k + 1) == "تک" || p.word(k + 3) == "تک",
    )?;
    let mut inferred = Vec::new();
    // "نومبر کے آخر تک": by the end of November.
    let by_end = w(last + 1) == "کے" && w(last + 2) == "آخر" && w(last + 3) == "تک";
    match w(last + 1) {
        "تک" | "کے" if by_end || w(last + 1) == "تک" => {
            if let Some(why) = why {
                inferred.push(("period_end", why));
            }
            finish(
                p,
                k,
                if by_end { last + 3 } else { last + 1 },
                None,
                Some(iso(y, m)),
                inferred,
            )
        }
        "سے" if m.is_some() => {
            if let Some(why) = why {
                inferred.push(("period_start", why));
            }
            inferred.push(("period_end", "the report's month".to_string()));
            finish(
                p,
                k,
                last + 1,
                Some(iso(y, m)),
                Some(report.month_iso()),
                inferred,
            )
        }
        _ => None,
    }
}

/// The period phrase that bounds the number at token `k` of its sentence
/// (`numbers` are the tokens of the sentence's other quantities): one that
/// holds it; else the nearest after it with no other number between; else
/// the nearest before it in the same clause (no comma between), when no
/// other number stands between or it is the sentence's only phrase; else a
/// phrase that opens the sentence ("Over the past three months, …").
pub(crate) fn nearest<'a>(
    p: &Para,
    phrases: &'a [Period],
    k: usize,
    numbers: &[usize],
    window: std::ops::Range<usize>,
) -> Option<&'a Period> {
    let between = |a: usize, b: usize| numbers.iter().any(|&n| n > a && n < b && n != k);
    // "from 9,800 in 2019 to 27,450": a value compared with another is not
    // in the other's period.
    let compared = |a: usize, b: usize| {
        (a + 1..b).any(|t| {
            matches!(
                p.lower(t).as_str(),
                "to" | "against" | "compared" | "versus" | "vs" | "than" | "بڑھ" | "گھٹ" | "مقابلے"
            )
        })
    };
    let comma =
        |a: usize, b: usize| (a + 1..b).any(|t| p.is(t, ',') || p.is(t, ';') || p.is(t, '،'));
    let sentence = p.sentence_of(k);
    let mut best: Option<(usize, &Period)> = None;
    let from = phrases.partition_point(|ph| ph.last < window.start);
    // The only phrase before it in its clause reaches past other numbers
    // ("until October this year resulted in … 206 … during 7,984 operations").
    let in_clause = |ph: &Period| ph.last < k && !comma(ph.last, k);
    let only = phrases.iter().filter(|ph| in_clause(ph)).count() == 1;
    for ph in phrases[from..]
        .iter()
        .take_while(|ph| ph.first < window.end)
    {
        let distance = if ph.first <= k && k <= ph.last {
            Some(0)
        } else if ph.first > k {
            (!between(k, ph.first) && !comma(k, ph.first)).then(|| ph.first - k)
        } else if !comma(ph.last, k) && !compared(ph.last, k) && (!between(ph.last, k) || only) {
            Some(k - ph.last)
        } else if ph.first == sentence.start && p.is(ph.last + 1, ',') {
            Some(usize::MAX / 2)
        } else {
            None
        };
        if let Some(d) = distance {
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, ph));
            }
        }
    }
    best.map(|(_, ph)| ph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::audit::Paragraph;

    const REPORT: Day = Day {
        year: 2024,
        month: 12,
        day: 3,
    };

    fn periods(text: &str) -> Vec<(String, Option<String>, Option<String>, usize)> {
        let para = Paragraph {
            number: 1,
            line: 1,
            text: text.to_string(),
        };
        let p = Para::new(&para, 0);
        phrases(&p, 0..p.toks.len(), REPORT)
            .into_iter()
            .map(|ph| (ph.text, ph.start, ph.end, ph.inferred.len()))
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>, Option<String>, usize) {
        let mut found = periods(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn dates_take_the_reports_year_when_they_give_none() {
        assert_eq!(
            date("Dec 2", REPORT),
            Some((
                "2024-12-02".into(),
                Some("the text gives no year; read as 2024, the year of the report".into())
            ))
        );
        // Weeks after the report's date: one to come, as a deadline; months
        // after: last year's.
        assert_eq!(date("Dec 28", REPORT).unwrap().0, "2024-12-28");
        let january = Day {
            year: 2025,
            month: 1,
            day: 5,
        };
        assert_eq!(date("Dec 28", january).unwrap().0, "2024-12-28");
        assert_eq!(date("March 2", january).unwrap().0, "2025-03-02");
        assert_eq!(
            date(
                "October 21",
                Day {
                    year: 2025,
                    month: 10,
                    day: 7
                }
            )
            .unwrap()
            .0,
            "2025-10-21"
        );
        assert_eq!(
            date("3 December 2024", REPORT),
            Some(("2024-12-03".into(), None))
        );
        assert_eq!(date("December 3, 2024", REPORT).unwrap().0, "2024-12-03");
        assert_eq!(date("2024-12-03", REPORT).unwrap().0, "2024-12-03");
        assert_eq!(date("۲ دسمبر ۲۰۲۴", REPORT).unwrap().0, "2024-12-02");
        assert_eq!(REPORT.days_before(3), "2024-11-30");
        assert_eq!(
            Day {
                year: 2024,
                month: 3,
                day: 1
            }
            .days_before(1),
            "2024-02-29"
        );
        assert_eq!(REPORT.months_before(12), "2023-12");
    }

    #[test]
    fn english_periods() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            one("until October this year resulted in 206"),
            ("until October this year".into(), None, s("2024-10"), 1)
        );
        assert_eq!(
            one("Over the past three months, the unit"),
            (
                "Over the past three months".into(),
                s("2024-09"),
                s("2024-12"),
                2
            )
        );
        assert_eq!(
            one("Rs 5 crore in 2025, against"),
            ("in 2025".into(), s("2025"), s("2025"), 0)
        );
        assert_eq!(
            one("in the first 10 months of 2024"),
            (
                "in the first 10 months of 2024".into(),
                s("2024-01"),
                s("2024-10"),
                0
            )
        );
        assert_eq!(
            one("since January, 40 cases"),
            ("since January".into(), s("2024-01"), s("2024-12"), 2)
        );
        assert_eq!(
            one("from March to June 2023 there"),
            (
                "from March to June 2023".into(),
                s("2023-03"),
                s("2023-06"),
                0
            )
        );
        assert!(periods("by 2,000 people").is_empty());
        assert_eq!(
            one("during the last 10 days"),
            (
                "during the last 10 days".into(),
                s("2024-11-23"),
                s("2024-12-03"),
                2
            )
        );
        assert_eq!(
            one("until October 2024"),
            ("until October 2024".into(), None, s("2024-10"), 0)
        );
        assert_eq!(
            one("in 2024, the council"),
            ("in 2024".into(), s("2024"), s("2024"), 0)
        );
        assert_eq!(
            one("it rose last year"),
            ("last year".into(), s("2023"), s("2023"), 2)
        );
        assert!(periods("during 7,984 operations, may 4 people").is_empty());
    }

    #[test]
    fn urdu_periods() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(one("گزشتہ تین ماہ کے دوران ۹۲۴ اکاؤنٹس").1, s("2024-09"));
        assert_eq!(one("2024 میں ۵۰۰ مقدمات").1, s("2024"));
        assert_eq!(one("اکتوبر تک ۲۰۶ افراد").2, s("2024-10"));
        assert_eq!(one("رواں سال ۱۲ واقعات").1, s("2024"));
    }
}
