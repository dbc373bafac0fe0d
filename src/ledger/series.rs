//! Series: figures in different reports, or different releases, that
//! report the same official quantity.
//!
//! A series is split into *periods*: figures whose periods end at the same
//! time and start at the same time (or whose start is not stated) report the
//! same period, and are compared across sources; distinct periods, ordered
//! by their end, are the series' releases, between which the ledger derives
//! changes.

use std::collections::{BTreeMap, HashMap};

use crate::i18n::Locale;
use crate::ledger::{Figure, Source, Text};
use crate::sentences::{fill, fill_owned};

/// The figures of one series that report one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// Start of the period, where any figure states it.
    pub start: Option<String>,
    /// End of the period (or, for figures without one, the report's date).
    pub end: String,
    /// True when some figure in the group leaves its start unstated, so the
    /// group is the same period only if that start is the same.
    pub start_unknown: bool,
    /// Positions in the ledger's figures, earliest report first.
    pub figures: Vec<usize>,
}

impl Period {
    /// "January 2024 to October 2024", "until October 2024", as of a date.
    pub fn label(&self) -> String {
        self.label_in(&Locale::english())
    }

    /// [`label`](Self::label) in a language, with its dates as `loc`
    /// writes them.
    pub fn label_in(&self, loc: &Locale) -> String {
        let l = loc.lang;
        let end = loc.date(&self.end);
        match &self.start {
            Some(s) if self.start_unknown => fill(
                l,
                "{start} to {end} (start not stated in every report)",
                &[("start", &loc.date(s)), ("end", &end)],
            ),
            Some(s) if *s == self.end => end,
            Some(s) => fill(
                l,
                "{start} to {end}",
                &[("start", &loc.date(s)), ("end", &end)],
            ),
            None => fill(l, "until {end}", &[("end", &end)]),
        }
    }
}

/// The description of a change the engine derives between two periods of
/// a series: "Change in people killed from 2023 to 2024", and ", relative
/// to the earlier value" for the relative change; in `loc`'s language.
pub fn change_description(
    counts: &str,
    from: &Period,
    to: &Period,
    relative: bool,
    loc: &Locale,
) -> String {
    let args = [
        ("what", crate::util::lower_first(counts)),
        ("from", from.label_in(loc)),
        ("to", to.label_in(loc)),
    ];
    if relative {
        fill_owned(
            loc.lang,
            "Change in {what} from {from} to {to}, relative to the earlier value",
            &args,
        )
    } else {
        fill_owned(loc.lang, "Change in {what} from {from} to {to}", &args)
    }
}

/// One series and its periods, in order of their end.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series id.
    pub id: String,
    /// Its periods.
    pub periods: Vec<Period>,
}

/// A release of a series: the first-reported figure of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// Position in the ledger's figures.
    pub figure: usize,
    /// The period, in words.
    pub label: String,
    /// The period.
    pub period: Period,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2024-10` → "October 2024"; `2024-10-03` → "3 October 2024"; `2024` → "2024".
pub fn date_words(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
            .copied()
            .unwrap_or("?")
    };
    match parts.as_slice() {
        [y, m] => format!("{} {y}", month(m)),
        [y, m, day] => format!("{} {} {y}", day.trim_start_matches('0'), month(m)),
        _ => d.to_string(),
    }
}

/// Every series of the ledger, by id, each split into periods;
/// `in_series` lists the positions of the figures that name a series, in
/// ledger order, and `source_index` finds a source by id.
pub(crate) fn all(
    figures: &[Figure],
    in_series: &[usize],
    sources: &[Source],
    source_index: &HashMap<Text, usize>,
) -> Vec<Series> {
    let mut by_series: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in in_series {
        if let Some(s) = &figures[i].series {
            by_series.entry(s).or_default().push(i);
        }
    }
    let date_of = |i: usize| -> &str {
        source_index
            .get(figures[i].source.as_str())
            .map(|&s| sources[s].date.as_str())
            .unwrap_or("")
    };
    by_series
        .into_iter()
        .map(|(id, mut members)| {
            // Earliest report first, then ledger order.
            members.sort_by(|&a, &b| date_of(a).cmp(date_of(b)).then(a.cmp(&b)));
            let mut periods: Vec<Period> = Vec::new();
            for i in members {
                let f = &figures[i];
                let end = f
                    .period_end
                    .as_deref()
                    .map_or_else(|| date_of(i).to_string(), str::to_string);
                let start = f.period_start.as_deref().map(str::to_string);
                let slot = periods.iter_mut().find(|p| {
                    p.end == end
                        && match (&p.start, &start) {
                            (Some(a), Some(b)) => a == b,
                            _ => true,
                        }
                });
                match slot {
                    Some(p) => {
                        if p.start.is_none() {
                            p.start = start;
                        }
                        p.figures.push(i);
                    }
                    None => periods.push(Period {
                        start,
                        end,
                        start_unknown: false,
                        figures: vec![i],
                    }),
                }
            }
            // Unknown starts only matter where a known one sits beside them.
            for p in &mut periods {
                let known = p
                    .figures
                    .iter()
                    .filter(|&&i| figures[i].period_start.is_some())
                    .count();
                p.start_unknown = known > 0 && known < p.figures.len();
            }
            periods.sort_by(|a, b| a.end.cmp(&b.end).then(a.start.cmp(&b.start)));
            Series {
                id: id.to_string(),
                periods,
            }
        })
        .collect()
}

/// For each series with more than one period, its releases in order.
pub(crate) fn releases(series: &[Series]) -> Vec<Vec<Release>> {
    series
        .iter()
        .filter(|s| s.periods.len() > 1)
        .map(|s| {
            s.periods
                .iter()
                .map(|p| Release {
                    figure: p.figures[0],
                    label: p.label(),
                    period: p.clone(),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(date_words("2024-10"), "October 2024");
        assert_eq!(date_words("2024-12-03"), "3 December 2024");
        assert_eq!(date_words("2024"), "2024");
    }
}
