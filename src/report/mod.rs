//! The methodology report: one model, rendered as Markdown and as HTML.
//!
//! It walks an editor from the question to the sources, every figure (its
//! paragraph, printed words, attribution and period), every metric (formula,
//! inputs, value), every finding, the charts, the audit of each text, the
//! caveats and the standards review, and how to rebuild it all. The model is
//! built once from the analysis; [`markdown`] and [`html`] only render it.

pub mod html;
pub mod markdown;

use crate::analysis::audit::{Claim, Status};
use crate::analysis::{Analysis, Check, Verdict};
use crate::i18n::Lang;
use crate::story::Story;

pub(crate) use crate::sentences::say;
use crate::sentences::{fill, fill_owned};

/// A run of text inside a paragraph, list item or table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// An identifier or a path, set in code.
    Code(String),
    /// Emphasised text.
    Strong(String),
    /// Text marking a problem.
    Bad(String),
    /// Words in another language than the report's: the ledger's own
    /// English, or the checks' English sentences, in an Urdu report; a
    /// story's Urdu words in its English report.
    Foreign(Lang, String),
    /// A link.
    Link {
        /// The text.
        text: String,
        /// The address (a relative path or an http(s) URL).
        href: String,
    },
}

/// A table cell: its runs, and whether it holds a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The content.
    pub content: Vec<Inline>,
    /// Right-aligned, tabular figures.
    pub numeric: bool,
}

/// A block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 2 or 3.
    Heading(u8, String),
    /// A paragraph.
    Para(Vec<Inline>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A table.
    Table {
        /// What it holds.
        caption: String,
        /// Column names.
        header: Vec<String>,
        /// Rows.
        rows: Vec<Vec<Cell>>,
    },
    /// A chart, shown inline.
    Chart {
        /// The chart's id.
        id: String,
        /// Its title.
        title: String,
    },
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The language it is written in.
    pub lang: Lang,
    /// Its digits, for the numbers the page itself counts (the contents).
    pub digits: crate::i18n::Digits,
    /// The page title.
    pub title: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

fn t(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Words the ledger, the story file or the checks give, in whichever
/// language they are written (Urdu if in the Arabic script, else English):
/// plain text in a report in that language, marked as foreign in another.
fn en(l: Lang, s: impl Into<String>) -> Inline {
    let s = s.into();
    let theirs = if crate::i18n::has_arabic_script(&s) {
        Lang::Ur
    } else {
        Lang::En
    };
    if theirs == l || s.is_empty() {
        Inline::Text(s)
    } else {
        Inline::Foreign(theirs, s)
    }
}

fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

fn cell(content: Vec<Inline>) -> Cell {
    Cell {
        content,
        numeric: false,
    }
}

fn num(s: impl Into<String>) -> Cell {
    Cell {
        content: vec![t(s)],
        numeric: true,
    }
}

/// What a metric computes, in `loc`'s language where the engine wrote it
/// (the changes it derives for a series), else as the ledger gives it.
fn metric_description(
    m: &crate::analysis::Metric,
    def: &crate::ledger::MetricDef,
    loc: &crate::i18n::Locale,
    ledger: &crate::ledger::Ledger,
) -> String {
    let (Some((from, to)), Some(t)) = (&def.spans, def.numerator.0.first()) else {
        return m.description.clone();
    };
    if loc.is_english() {
        return m.description.clone();
    }
    let relative = def.calc == crate::ledger::Calc::Change;
    let counts = &ledger.figures[t.index].counts;
    let said = crate::ledger::series::change_description(counts, from, to, relative, loc);
    if m.description == def.description.as_str() {
        said
    } else {
        fill(loc.lang, "Hypothetical: {sentence}", &[("sentence", &said)])
    }
}

/// A figure's kind after what it counts, " (date)", where the kind is not
/// plain from the value.
fn kind_words(l: Lang, k: crate::ledger::Kind) -> &'static str {
    use crate::ledger::Kind;
    match k {
        Kind::Count | Kind::Amount => "",
        Kind::Percent => say(l, " (percent)"),
        Kind::Ratio => say(l, " (ratio)"),
        Kind::Fraction => say(l, " (fraction)"),
        Kind::Change => say(l, " (change)"),
        Kind::OneIn => say(l, " (one in)"),
        Kind::Date => say(l, " (date)"),
        Kind::PeriodLength => say(l, " (period length)"),
        Kind::Deadline => say(l, " (deadline)"),
        Kind::GroupSize => say(l, " (group size)"),
        Kind::Other => say(l, " (other)"),
    }
}

fn verdict_words(l: Lang, v: Verdict) -> Inline {
    match v {
        Verdict::Holds => t(say(l, "holds")),
        Verdict::Consistent => t(say(l, "consistent within the hedges")),
        Verdict::Matches => t(say(l, "same in each report")),
        Verdict::Fails => Inline::Bad(say(l, "does not hold").into()),
        Verdict::Differs => Inline::Bad(say(l, "sources differ").into()),
    }
}

impl Report {
    /// Builds the report from a story and its analysis, in the story's
    /// language.
    pub fn new(story: &Story, analysis: &Analysis, input_hashes: &[(String, String)]) -> Report {
        Report::in_lang(story, analysis, input_hashes, story.file.language)
    }

    /// Builds the report in `l`: one section after another, each by a
    /// function of its own; the engine's fixed sentences from `l`'s table,
    /// the story's title and question as its `languages` give them, and
    /// the words the ledger and the checks give in another language marked
    /// with theirs.
    pub fn in_lang(
        story: &Story,
        analysis: &Analysis,
        input_hashes: &[(String, String)],
        l: Lang,
    ) -> Report {
        let mut b: Vec<Block> = Vec::new();
        if let Some(note) = &analysis.unresolved {
            let said = analysis
                .finding("audit_unresolved")
                .map(|f| f.sentence_in(l));
            b.push(Block::Para(vec![Inline::Bad(
                said.unwrap_or(note).to_string(),
            )]));
        }
        let own = story.file.languages.get(&l);
        let question_in = own.and_then(|o| o.question.as_deref());
        question(l, story, question_in, &mut b);
        sources(l, story, analysis, &mut b);
        figures(l, story, &mut b);
        series(l, story, &mut b);
        metrics(l, story, analysis, &mut b);
        findings(l, analysis, &mut b);
        charts(l, analysis, &mut b);
        audit(l, story, analysis, &mut b);
        caveats(l, analysis, &mut b);
        review(l, story, &mut b);
        reproducibility(l, story, input_hashes, &mut b);
        let title = own
            .and_then(|o| o.title.as_deref())
            .unwrap_or(&story.file.title);
        Report {
            lang: l,
            digits: story.file.locale(l).digits,
            title: format!("{}{title}", say(l, "Methodology: ")),
            blocks: b,
        }
    }
}

/// The question the analysis answers.
fn question(l: Lang, story: &Story, given: Option<&str>, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, say(l, "The question").into()));
    b.push(Block::Para(vec![match given {
        Some(q) => t(q),
        None => en(l, &story.file.question),
    }]));
}

/// Every report, with its address, text, audit and paragraph roles.
fn sources(l: Lang, story: &Story, analysis: &Analysis, b: &mut Vec<Block>) {
    let ledger = &story.ledger;
    let loc = story.file.locale(l);
    b.push(Block::Heading(2, say(l, "Sources").into()));
    b.push(Block::Para(vec![t(say(
        l,
        "The reports the figures come from. Their texts are not part of this repository; paragraphs are numbered from 1 as the blocks of a text separated by blank lines.",
    ))]));
    for s in &ledger.sources {
        let audit = analysis.audit.source(&s.id);
        let outlet = loc.outlets.get(&s.id).unwrap_or(&s.outlet);
        let mut items = vec![vec![
            Inline::Strong(format!("{outlet}{}{}", loc.comma(), loc.date(&s.date))),
            t(" — "),
            en(
                l,
                if s.description.is_empty() {
                    s.title.clone()
                } else {
                    format!("{}. {}", s.title, s.description)
                },
            ),
        ]];
        if !s.url.is_empty() {
            items.push(vec![
                t(say(l, "Address: ")),
                Inline::Link {
                    text: s.url.clone(),
                    href: s.url.clone(),
                },
            ]);
        }
        items.push(vec![
            t(say(l, "Id: ")),
            code(&s.id),
            t(format!("{}{}", say(l, "; language: "), s.language)),
        ]);
        if s.has_text() {
            items.push(vec![
                t(say(l, "Text: kept outside the repository at ")),
                code(&s.text_path),
                t(say(l, " (relative to the story folder), SHA-256 ")),
                code(&s.sha256),
                t(say(l, ".")),
            ]);
        }
        if let Some(a) = audit {
            items.push(vec![
                t(say(l, "Audit: ")),
                en(l, crate::util::lower_first(&a.summary_in(ledger, &loc))),
            ]);
        }
        for p in ledger.paragraphs.iter().filter(|p| p.source == s.id) {
            let role = match p.role.as_str() {
                "body" => say(l, "body text"),
                "caption" => say(l, "a caption"),
                "heading" => say(l, "a heading"),
                "dateline" => say(l, "a dateline"),
                "byline" => say(l, "a byline"),
                _ => say(l, "other text"),
            };
            let mut item = vec![t(format!(
                "{}{}{}{role}",
                say(l, "Paragraph "),
                loc.number(p.paragraph as f64),
                say(l, " is ")
            ))];
            if p.note.is_empty() {
                item.push(t(say(l, ".")));
            } else {
                item.push(t(": "));
                item.push(en(l, crate::util::lower_first(&p.note)));
            }
            items.push(item);
        }
        b.push(Block::List(items));
    }
}

/// Every figure in one table.
fn figures(l: Lang, story: &Story, b: &mut Vec<Block>) {
    let ledger = &story.ledger;
    let loc = story.file.locale(l);
    b.push(Block::Heading(2, say(l, "Figures").into()));
    b.push(Block::Para(vec![t(say(
        l,
        "Every figure the ledger records from the reports, as printed, with its value exactly as reported, who the report credits it to, in the report's own words where it gives them, and the period it covers. Inferred dates are marked. Numbers in the texts that are not figures are listed under Audit, each with the reason it is left out.",
    ))]));
    let rows = ledger
        .figures
        .iter()
        .map(|f| {
            let credited = if f.attributed_to.is_empty() {
                vec![t(say(l, "not stated"))]
            } else {
                vec![en(l, crate::words::credit_in(&f.attributed_to, &loc))]
            };
            let words = if f.attribution_text.is_empty() {
                vec![]
            } else {
                vec![en(l, format!("\u{201c}{}\u{201d}", f.attribution_text))]
            };
            let period_words = crate::words::period_words_in(f, &loc);
            let quoted = period_words.starts_with('\u{201c}');
            let mut period = vec![en(l, period_words)];
            if !f.period_text.is_empty() && !quoted {
                period.push(en(l, format!(" (\u{201c}{}\u{201d})", f.period_text)));
            }
            let kind = kind_words(l, f.kind);
            let value = match f.value {
                None => String::new(),
                Some(_) => crate::words::with_unit_in(f, &loc),
            };
            vec![
                cell(vec![code(f.id.as_str())]),
                cell(vec![en(
                    l,
                    crate::words::outlet_in(ledger.source_of(f), &loc),
                )]),
                num(loc.number(f.paragraph as f64)),
                cell(vec![t(f.printed.as_str())]),
                Cell {
                    content: vec![en(l, value)],
                    numeric: true,
                },
                cell(vec![en(l, f.counts.as_str()), t(kind)]),
                cell(credited),
                cell(words),
                cell(period),
            ]
        })
        .collect();
    b.push(Block::Table {
        caption: say(l, "Every figure in the ledger").into(),
        header: [
            say(l, "id"),
            say(l, "report"),
            say(l, "¶"),
            say(l, "printed"),
            say(l, "value"),
            say(l, "what it counts"),
            say(l, "credited to"),
            say(l, "in the report's words"),
            say(l, "period"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
}

/// Series reported more than once, and figures that overlap.
fn series(l: Lang, story: &Story, b: &mut Vec<Block>) {
    let ledger = &story.ledger;
    let loc = story.file.locale(l);
    // A series reported once is no comparison.
    let series: Vec<_> = ledger
        .all_series()
        .iter()
        .filter(|s| s.periods.iter().map(|p| p.figures.len()).sum::<usize>() > 1)
        .collect();
    let subsets: Vec<Vec<Inline>> = ledger
        .figures
        .iter()
        .filter_map(|f| {
            f.subset_of.as_ref().map(|p| {
                // The sentence's words around the two ids, in its order.
                let said = fill(
                    l,
                    "{part} is part of {whole}: they count some of the same things and are never added together.",
                    &[("part", "\u{1}"), ("whole", "\u{2}")],
                );
                let mut out = Vec::new();
                for piece in said.split_inclusive(['\u{1}', '\u{2}']) {
                    let (words, id) = match piece.strip_suffix('\u{1}') {
                        Some(w) => (w, Some(f.id.as_str())),
                        None => match piece.strip_suffix('\u{2}') {
                            Some(w) => (w, Some(p.as_str())),
                            None => (piece, None),
                        },
                    };
                    if !words.is_empty() {
                        out.push(t(words));
                    }
                    out.extend(id.map(code));
                }
                out
            })
        })
        .collect();
    if !series.is_empty() || !subsets.is_empty() {
        b.push(Block::Heading(
            2,
            say(l, "Series and overlapping figures").into(),
        ));
        if !series.is_empty() {
            b.push(Block::Para(vec![t(say(l, "Figures the ledger records as reports of the same quantity (a series), in several reports or releases. They may still differ in what they cover: each figure's period is given in its report's words or dates, marked (inferred) where the ledger inferred it."))]));
            let items = series
                .iter()
                .map(|s| {
                    let parts: Vec<String> = s
                        .periods
                        .iter()
                        .map(|p| {
                            let figs: Vec<String> = p
                                .figures
                                .iter()
                                .map(|&i| {
                                    let f = &ledger.figures[i];
                                    fill(
                                        l,
                                        "{value} in {outlet} ({id}, {period})",
                                        &[
                                            ("value", &crate::words::shown_in(f, &loc)),
                                            (
                                                "outlet",
                                                &crate::words::outlet_in(ledger.source_of(f), &loc),
                                            ),
                                            ("id", &f.id),
                                            ("period", &crate::words::period_words_in(f, &loc)),
                                        ],
                                    )
                                })
                                .collect();
                            loc.and_list(&figs)
                        })
                        .collect();
                    vec![code(&s.id), t(" — "), en(l, parts.join(loc.semicolon()))]
                })
                .collect();
            b.push(Block::List(items));
        }
        if !subsets.is_empty() {
            b.push(Block::Para(vec![t(say(l, "Figures that overlap:"))]));
            b.push(Block::List(subsets));
        }
    }
}

/// Every metric, with its formula and inputs.
fn metrics(l: Lang, story: &Story, analysis: &Analysis, b: &mut Vec<Block>) {
    let ledger = &story.ledger;
    let loc = story.file.locale(l);
    b.push(Block::Heading(2, say(l, "Metrics").into()));
    b.push(Block::Para(vec![t(say(
        l,
        "Each metric combines the sum of its numerator's figures with the sum of its denominator's: a ratio, a difference or a relative change. Shares are fractions 0–1, shown as percentages. A count of one thing is never shown as a percentage of a count of another: such a ratio is shown per unit, and its description says that the report does not link the two one to one. A bound says which side of it the true value lies on, and why.",
    ))]));
    if ledger.metrics.iter().any(|m| m.derived) {
        b.push(Block::Para(vec![t(say(
            l,
            "The changes between two reports of one series, for different periods, are derived as metrics too.",
        ))]));
    }
    let rows = analysis
        .metrics
        .iter()
        .zip(&ledger.metrics)
        .map(|(m, def)| {
            let inputs: Vec<String> = def
                .inputs()
                .iter()
                .map(|id| match ledger.figure(id) {
                    Some(f) => format!(
                        "{id} = {} (¶{})",
                        crate::words::shown_in(f, &loc),
                        loc.number(f.paragraph as f64)
                    ),
                    None => id.to_string(),
                })
                .collect();
            let mut what = vec![
                code(&m.id),
                t(" — "),
                en(l, metric_description(m, def, &loc, ledger)),
            ];
            if !m.basis.is_empty() {
                what.push(t(say(l, ". Bound: ")));
                what.push(en(l, &m.basis));
            }
            vec![
                cell(what),
                cell(vec![en(l, &m.formula)]),
                cell(vec![en(l, inputs.join(loc.comma()))]),
                Cell {
                    content: vec![en(l, loc.digits(&m.shown))],
                    numeric: true,
                },
            ]
        })
        .collect();
    b.push(Block::Table {
        caption: say(l, "Every metric, with its formula and inputs").into(),
        header: [
            say(l, "metric"),
            say(l, "formula"),
            say(l, "inputs"),
            say(l, "value"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
}

/// Every finding, grouped by what was checked.
fn findings(l: Lang, analysis: &Analysis, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, say(l, "Findings").into()));
    b.push(Block::Para(vec![t(say(
        l,
        "Everything the figures should satisfy, checked. A check that fails is reported, not corrected; where a total fails, the single slips that would explain it are listed as possibilities, never as corrections.",
    ))]));
    for (check, heading) in [
        (Check::Relation, say(l, "Arithmetic within each report")),
        (
            Check::Replication,
            say(l, "The same arithmetic in other reports"),
        ),
        (
            Check::CrossSource,
            say(l, "The same figures across reports"),
        ),
        (
            Check::PrintedNumber,
            say(l, "Numbers the reports derive and print"),
        ),
        (Check::PartOfWhole, say(l, "Parts larger than their wholes")),
        (Check::Audit, say(l, "The audit of the texts")),
    ] {
        let items: Vec<Vec<Inline>> = analysis
            .findings
            .iter()
            .filter(|f| f.check == check)
            .map(|f| {
                vec![
                    code(f.id.as_str()),
                    t(" "),
                    verdict_words(l, f.verdict),
                    t(": "),
                    en(l, without_lead(l, f.sentence_in(l))),
                ]
            })
            .collect();
        if !items.is_empty() {
            b.push(Block::Heading(3, heading.into()));
            b.push(Block::List(items));
        }
    }
}

/// A finding's sentence without the lead that says its verdict again
/// ("Consistent: …"), as the list gives the verdict just before it.
fn without_lead(l: Lang, sentence: &str) -> &str {
    let leads = [
        say(l, "Consistent within the hedges"),
        say(l, "Consistent"),
        say(l, "Does not add up"),
        say(l, "Does not hold"),
        say(l, "Does not match"),
    ];
    leads
        .iter()
        .find_map(|lead| sentence.strip_prefix(lead)?.strip_prefix(": "))
        .unwrap_or(sentence)
}

/// The charts, shown inline.
fn charts(l: Lang, analysis: &Analysis, b: &mut Vec<Block>) {
    if !analysis.charts.is_empty() {
        b.push(Block::Heading(2, say(l, "Charts").into()));
        b.push(Block::Para(vec![t(say(
            l,
            "Each chart is drawn from a small table of numbers (its data file); each number is a figure or is computed from figures, as the data file's `figure` column says. Each chart comes wide and narrow; the page shows the one that fits. To embed a chart, use its page in an iframe, as given under it.",
        ))]));
        // Each chart in the report's language; links to its editions in
        // the others.
        for c in analysis.charts.iter().filter(|c| c.lang == l) {
            b.push(Block::Chart {
                id: c.stem(),
                title: c.words.title.clone(),
            });
            let editions: Vec<Inline> = analysis
                .charts
                .iter()
                .filter(|e| e.lang != l && e.id == c.id)
                .map(|e| Inline::Link {
                    text: format!("{} ({})", e.words.title, e.lang),
                    href: format!("charts/{}.html", e.stem()),
                })
                .collect();
            if !editions.is_empty() {
                let mut runs = vec![t(say(l, "In other languages: "))];
                for (i, e) in editions.into_iter().enumerate() {
                    if i > 0 {
                        runs.push(t(say(l, "; ")));
                    }
                    runs.push(e);
                }
                runs.push(t(say(l, ".")));
                b.push(Block::Para(runs));
            }
        }
    }
}

/// The audit of each text.
fn audit(l: Lang, story: &Story, analysis: &Analysis, b: &mut Vec<Block>) {
    let ledger = &story.ledger;
    let loc = story.file.locale(l);
    b.push(Block::Heading(2, say(l, "Audit").into()));
    for a in &analysis.audit.sources {
        let s = ledger
            .source(&a.source)
            .expect("audited sources are the ledger's");
        let outlet = loc.outlets.get(&s.id).unwrap_or(&s.outlet);
        b.push(Block::Heading(
            3,
            format!("{outlet}{}{}", loc.comma(), loc.date(&s.date)),
        ));
        b.push(Block::Para(vec![en(l, a.summary_in(ledger, &loc))]));
        let mut items: Vec<Vec<Inline>> = Vec::new();
        for m in &a.mentions {
            if let Claim::Exclusion { reason } = &m.claim {
                items.push(vec![
                    t(format!(
                        "{}{} \u{201c}{}\u{201d}: ",
                        say(l, "Excluded: ¶"),
                        loc.number(m.mention.paragraph as f64),
                        m.mention.printed
                    )),
                    en(l, reason),
                ]);
            }
        }
        for p in &a.problems {
            items.push(vec![Inline::Bad(format!(
                "{}{}",
                say(l, "Problem: "),
                p.said(&loc)
            ))]);
        }
        if matches!(a.status, Status::Checked) {
            let found = a.quotes.iter().filter(|q| q.paragraph.is_some()).count();
            if !a.quotes.is_empty() {
                items.push(vec![t(fill_owned(
                    l,
                    "Quotations: {found} of the {of} phrases we quote and attribute to this report were found in its text.",
                    &found_of(&loc, found, a.quotes.len()),
                ))]);
            }
            if !a.attributions.is_empty() {
                let found = a
                    .attributions
                    .iter()
                    .filter(|x| x.paragraph.is_some())
                    .count();
                items.push(vec![t(fill_owned(
                    l,
                    "Attributions: the words crediting {found} of {of} figures were found in the text.",
                    &found_of(&loc, found, a.attributions.len()),
                ))]);
            }
        }
        if !items.is_empty() {
            b.push(Block::List(items));
        }
    }
    if !analysis.unverifiable_quotes.is_empty() {
        b.push(Block::Heading(3, say(l, "Quotations not checked").into()));
        b.push(Block::Para(vec![t(say(l, "Quotations in our words that could not be checked, because no text of the report they are attributed to is held:"))]));
        b.push(Block::List(
            analysis
                .unverifiable_quotes
                .iter()
                .map(|(at, q)| {
                    vec![
                        t(format!("\u{201c}{q}\u{201d}{}", say(l, ", in "))),
                        en(l, at),
                    ]
                })
                .collect(),
        ));
    }
}

/// `found` of `of`, as `loc` writes numbers, for a sentence's two slots.
fn found_of(loc: &crate::i18n::Locale, found: usize, of: usize) -> [(&'static str, String); 2] {
    [
        ("found", loc.digits(&found.to_string())),
        ("of", loc.digits(&of.to_string())),
    ]
}

/// The caveats.
fn caveats(l: Lang, analysis: &Analysis, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, say(l, "Caveats").into()));
    b.push(Block::List(
        analysis
            .caveats
            .iter()
            .map(|c| vec![en(l, c.text_in(l))])
            .collect(),
    ));
}

/// The corrections log: every sentence the standards review changed, as it
/// stood and why it changed. The review's other entries are the desk's
/// working notes and are not published.
fn review(l: Lang, story: &Story, b: &mut Vec<Block>) {
    let changed: Vec<Vec<Inline>> = story
        .review
        .iter()
        .filter(|r| r.verdict == "changed")
        .map(|r| {
            let place = r.location.trim_end_matches(" (before)");
            let stop = if r.sentence.ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            };
            vec![
                Inline::Strong(crate::util::capitalise(place)),
                t(say(l, ": we had written ")),
                en(l, format!("\u{201c}{}\u{201d}{stop} {}", r.sentence, r.fix)),
            ]
        })
        .collect();
    if changed.is_empty() {
        return;
    }
    b.push(Block::Heading(2, say(l, "Corrections").into()));
    b.push(Block::Para(vec![t(say(
        l,
        "Sentences changed after a standards review, each as it stood and why it changed.",
    ))]));
    b.push(Block::List(changed));
}

/// How to rebuild every output, and the hashes of the inputs.
fn reproducibility(l: Lang, story: &Story, input_hashes: &[(String, String)], b: &mut Vec<Block>) {
    b.push(Block::Heading(2, say(l, "Reproducibility").into()));
    let folder = story.folder_name();
    let rebuild = format!("newsfigures build --data {folder}");
    let mut items = vec![
        vec![
            t(format!(
                "{}{}{}",
                say(l, "Built by newsfigures "),
                env!("CARGO_PKG_VERSION"),
                say(l, " from the story folder ")
            )),
            code(format!("{folder}/")),
            t(say(l, ".")),
        ],
        vec![
            t(say(l, "Rebuild every output with ")),
            code(&rebuild),
            t(say(l, ", run from the folder that holds ")),
            t(format!("{folder}/")),
            t(say(l, " (in a clone of the newsfigures repository, ")),
            code(format!("cargo run -- build --data {folder}")),
            t(say(l, "); check that nothing drifted by adding ")),
            code("--check"),
            t(say(l, ".")),
        ],
        vec![t(say(l, "SHA-256 of the inputs:"))],
    ];
    for (name, hash) in input_hashes {
        // A file by its name; the texts and the whole by words in `l`.
        let mut item = match (name.strip_prefix("text of "), name.as_str()) {
            _ if l == Lang::En => vec![code(name)],
            (Some(id), _) => vec![t(say(l, "text of ")), code(id)],
            (None, "all inputs") => vec![t(say(l, "all inputs"))],
            _ => vec![code(name)],
        };
        item.extend([t(": "), code(hash)]);
        items.push(item);
    }
    b.push(Block::List(items));
}

/// A link target we are willing to write: a web address or a relative path.
pub(crate) fn safe_href(href: &str) -> Option<String> {
    let ok = href.starts_with("https://")
        || href.starts_with("http://")
        || (!href.contains(':') && !href.starts_with('/') && !href.starts_with('\\'));
    ok.then(|| {
        href.replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20")
            .replace('<', "%3C")
            .replace('>', "%3E")
    })
}

/// The embed snippet for a chart's page.
pub fn embed(id: &str, title: &str) -> String {
    format!(
        "<iframe src=\"charts/{id}.html\" title=\"{}\" style=\"width:100%;max-width:640px;border:0\" height=\"600\" loading=\"lazy\"></iframe>",
        crate::util::escape(title)
    )
}
