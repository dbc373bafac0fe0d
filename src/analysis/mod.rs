//! The analysis: a story computed once.
//!
//! From a [`Story`] (ledger and story file) and the texts of its sources,
//! [`Analysis::new`] computes everything the renderers show: the metrics
//! and findings (polars doing the arithmetic), each chart's marks and
//! words, the caveats, the audit of every text, and the review of our own
//! words. Charts, tables, the methodology, the data package and notebook
//! displays only read it.
//!
//! Our own words are held to the standards of the sources': every phrase
//! we put in quotation marks must be in the source it is attributed to,
//! every attribution must rest on the source's words, and the officials'
//! terms may appear only inside quotation marks. A breach is an error.

pub mod audit;
pub mod checks;
pub mod metrics;
pub mod sums;
mod voice;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::charts::{Context, Plan, Words};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::format;
use crate::i18n::{Lang, Locale};
use crate::ledger::{Figure, Kind, Ledger, Source};
use crate::sentences::{fill, fill_owned, say};
use crate::story::Story;
use crate::template::Sentence as Text;
use crate::template::{self, Layered, Lookup, Number, Value};
use crate::util::{and_list, lower_first};
use audit::{Audit, Published, SourceAudit, Status};
pub use checks::{Check, Finding, Verdict};
pub use metrics::Metric;

/// How the analysis finds the texts of its sources.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Texts given directly, by source id, instead of reading `text_path`.
    pub texts: HashMap<String, String>,
    /// Files to read instead of a source's `text_path`, by source id.
    pub paths: HashMap<String, PathBuf>,
    /// The audit of the last build, reused for sources whose text is
    /// missing if nothing it covered has changed.
    pub previous: Option<Audit>,
    /// Analyse a story whose audit finds problems (numbers in a text that
    /// do not match the ledger), instead of refusing it; everything
    /// published from it then says so.
    pub allow_audit_problems: bool,
}

/// What happened to a source's text in this analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextNote {
    /// The text was missing; the last build's audit was kept.
    Kept {
        /// The source.
        source: String,
        /// Where the text was looked for.
        path: PathBuf,
    },
    /// The text was missing and could not be audited.
    Missing {
        /// The source.
        source: String,
        /// Where the text was looked for.
        path: PathBuf,
    },
}

/// A story, computed.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Every metric, in definition order.
    pub metrics: Vec<Metric>,
    /// Every finding.
    pub findings: Vec<Finding>,
    /// Every chart: what to draw and what to say.
    pub charts: Vec<Plan>,
    /// The caveats, the story's and those the figures call for.
    pub caveats: Vec<Caveat>,
    /// The audit of every source.
    pub audit: Audit,
    /// Quotations attributed only to sources we hold no text for, so they
    /// could not be checked: where each stands, and the phrase.
    pub unverifiable_quotes: Vec<(String, String)>,
    /// What happened to missing texts.
    pub text_notes: Vec<TextNote>,
    /// Entries of the standards review that pass as `ok` a sentence we no
    /// longer publish, each as a sentence naming its line; empty for a
    /// hypothetical story, which the review does not cover.
    pub stale_review: Vec<String>,
    /// When the story was analysed although its audit found problems
    /// ([`Options::allow_audit_problems`]): the sentence every output
    /// carries to say so.
    pub unresolved: Option<String>,
}

/// Placeholders that reach the ledger: every figure and metric by id, with
/// word formats for figures (`printed`, `period`, `until`, `outlet`,
/// `date`, `who`, `counts`).
pub struct Scope<'a> {
    /// The ledger.
    pub ledger: &'a Ledger,
    /// Every metric, in ledger order.
    pub metrics: &'a [Metric],
}

impl Lookup for Scope<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        if let Some(i) = self.ledger.metric_index(name) {
            let m = self.metrics.get(i)?;
            let (unit, scale) = self.ledger.metrics[i].unit_and_scale(&self.ledger.figures);
            return Some(Value::Number(Number {
                value: m.value,
                display: m.display,
                unit,
                scale,
                hedge: m.hedge,
            }));
        }
        self.ledger.figure(name).map(Value::figure)
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        if let Some(m) = self
            .ledger
            .metric_index(name)
            .and_then(|i| self.metrics.get(i))
        {
            return match format {
                "formula" => Some(m.formula.clone()),
                "shown" => Some(m.shown.clone()),
                _ => None,
            };
        }
        let f = self.ledger.figure(name)?;
        let s = self.ledger.source_of(f);
        Some(match format {
            "printed" => match f.qualifier {
                Some(q) => format!("{} {}", q.words(), f.printed),
                None => f.printed.to_string(),
            },
            "shown" => f.shown(),
            "period" => crate::words::period_words(f),
            "until" => crate::words::until_words(f),
            "reported" => crate::ledger::series::date_words(&s.date),
            "outlet" => s.outlet.clone(),
            "who" => crate::words::who(f),
            "counts" => lower_first(&f.counts),
            "unit" => f.unit.to_string(),
            _ => return None,
        })
    }
}

/// The story's values and words as a language other than English writes
/// them: a figure's period, end, report date, outlet and who it is credited
/// to in that language (the story's `languages` names outlets and people);
/// everything else as [`Scope`] gives it.
struct Localised<'a> {
    scope: &'a Scope<'a>,
    locale: &'a crate::i18n::Locale,
}

impl Lookup for Localised<'_> {
    fn value(&self, name: &str) -> Option<Value> {
        self.scope.value(name)
    }

    fn words(&self, name: &str, format: &str) -> Option<String> {
        let loc = self.locale;
        let english = || self.scope.words(name, format);
        if loc.is_english() {
            return english();
        }
        let Some(f) = self.scope.ledger.figure(name) else {
            // A metric's words: its digits in the language's.
            return english().map(|w| loc.digits(&w));
        };
        let s = self.scope.ledger.source_of(f);
        let named = |map: &std::collections::BTreeMap<String, String>, key: &str| {
            map.get(key).cloned().unwrap_or_else(|| key.to_string())
        };
        Some(match format {
            "period" => crate::i18n::urdu_period(f, loc),
            "until" => match &f.period_end {
                Some(e) if f.inferred("period_end").is_none() => format!("{} تک", loc.date(e)),
                _ => crate::i18n::urdu_period(f, loc),
            },
            "reported" => loc.date(&s.date),
            "outlet" => named(&loc.outlets, &s.id),
            "who" if f.attributed_to.is_empty() => {
                "ایسا ذریعہ جس کا نام رپورٹ نہیں بتاتی".to_string()
            }
            "who" => named(&loc.credits, &f.attributed_to),
            "printed" => loc.hedged(f.qualifier, &f.printed),
            _ => return english(),
        })
    }

    fn figure_of(&self, name: &str) -> Option<String> {
        self.scope.figure_of(name)
    }
}

/// A caveat: a sentence in our words, and the sources any quotation in it
/// comes from (empty: any of the story's sources).
#[derive(Debug, Clone, PartialEq)]
pub struct Caveat {
    /// The sentence.
    pub text: String,
    /// Where its quotations come from.
    pub sources: Vec<String>,
    /// The sentence in the story's other languages, where the engine wrote
    /// it (a story's own caveats are in the words it gives).
    pub translations: Vec<(Lang, String)>,
}

impl Caveat {
    /// The sentence in `lang`, English where it has no translation.
    pub fn text_in(&self, lang: Lang) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.text, |(_, s)| s)
    }

    /// A caveat of the engine's, written in English and in `others`.
    fn ours(
        others: &[Locale],
        sources: Vec<String>,
        build: impl Fn(&Locale) -> Option<String>,
    ) -> Option<Caveat> {
        let text = build(&Locale::english())?;
        let translations = others
            .iter()
            .filter_map(|loc| Some((loc.lang, build(loc)?)))
            .collect();
        Some(Caveat {
            text,
            sources,
            translations,
        })
    }
}

impl Analysis {
    /// Computes everything, reading each source's text from its
    /// `text_path` unless `options` gives it.
    pub fn new(story: &Story, options: &Options) -> Result<Analysis> {
        let ledger = &story.ledger;
        let mut metrics = metrics::compute(ledger)?;
        // The languages other than English the methodology is written in.
        let others: Vec<Locale> = story
            .file
            .publishes_in()
            .into_iter()
            .filter(|l| *l != Lang::En)
            .map(|l| story.file.locale(l))
            .collect();
        let mut findings = checks::run_in(ledger, &metrics, &story.file.hedges, &others)?;
        label_hypothetical(story, &mut metrics, &mut findings);
        let scope = Scope {
            ledger,
            metrics: &metrics,
        };
        let charts = plan_charts(story, &scope)?;
        let caveats = caveats(story, &findings, &scope, &others)?;
        let published = voice::published(story, &findings, &charts, &caveats);
        voice::officials_terms(story, &published)?;
        let covers = covers(story);
        let (audit_sources, text_notes) = audit_sources(story, options, &published, &covers)?;
        let audit = Audit {
            covers,
            sources: audit_sources,
        };
        let unverifiable = voice::check_quotes_and_attributions(story, &audit, &published)?;
        let problems = unresolved_audit(story, &audit, options)?;
        let unresolved = problems.map(|n| unresolved_note(&Locale::english(), n));
        let mut charts = charts;
        if let Some(n) = problems {
            for c in &mut charts {
                c.words
                    .notes
                    .push(unresolved_note(&story.file.locale(c.lang), n));
            }
            findings.push(audit_finding(n, &audit, &others));
        }
        let stale_review = if story.hypothetical {
            Vec::new()
        } else {
            voice::stale_review(story, &published)
        };
        Ok(Analysis {
            metrics,
            findings,
            charts,
            caveats,
            audit,
            unverifiable_quotes: unverifiable,
            text_notes,
            stale_review,
            unresolved,
        })
    }

    /// The chart with this id.
    pub fn chart(&self, id: &str) -> Option<&Plan> {
        self.charts.iter().find(|c| c.id == id)
    }

    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The finding with this id.
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }
}

/// Checks a text we publish outside the build (a notebook's markdown, a
/// draft) against the story's standards: every quotation must be in one of
/// `texts` (the sources' texts), and the officials' terms may appear only
/// inside quotation marks. Returns one sentence per problem.
pub fn check_our_words(story: &Story, location: &str, text: &str, texts: &[&str]) -> Vec<String> {
    let published = [Published {
        location: location.to_string(),
        text: text.to_string(),
        sources: Vec::new(),
    }];
    let mut problems = voice::terms_outside_quotes(&story.file.officials_terms, &published);
    let folded: Vec<String> = texts.iter().map(|t| audit::fold(t)).collect();
    for phrase in audit::quoted(text) {
        let needle = audit::fold(&phrase);
        if !folded.iter().any(|t| t.contains(&needle)) {
            let hint = texts
                .first()
                .and_then(|t| audit::closest(t, &phrase))
                .map(|c| format!("; the closest phrase is \"{c}\""))
                .unwrap_or_default();
            problems.push(format!(
                "{location}: the quotation \"{phrase}\" is not in the sources given{hint}"
            ));
        }
    }
    problems
}

/// SHA-256 of everything besides the texts that the audit reads: the
/// ledger's files, the story file and the engine's version.
pub fn covers(story: &Story) -> String {
    let mut parts: Vec<(&str, &[u8])> = vec![("engine", crate::ENGINE.as_bytes())];
    for (name, hash) in story.ledger.hashes.iter().chain(&story.hashes) {
        parts.push((name.as_str(), hash.as_bytes()));
    }
    crate::util::sha256_parts(parts)
}

/// Every chart in the story's language, in the story file's order; then
/// every chart's edition in each of the story's other languages.
fn plan_charts(story: &Story, scope: &Scope) -> Result<Vec<Plan>> {
    let file = &story.file;
    let mut out = Vec::with_capacity(file.charts.len());
    let mut editions = Vec::new();
    for (i, spec) in file.charts.iter().enumerate() {
        let own = ChartWords {
            title: &spec.title,
            subtitle: &spec.subtitle,
            notes: &spec.notes,
            alt: &spec.alt,
        };
        let key = format!("charts[{i}]");
        let locale = file.locale(file.language);
        out.push(plan_chart(story, scope, spec, &key, &locale, None, &own)?);
        for (lang, e) in &spec.editions {
            let words = ChartWords {
                title: &e.title,
                subtitle: &e.subtitle,
                notes: &e.notes,
                alt: &e.alt,
            };
            let key = format!("charts[{i}].editions.{lang}");
            let labels = Some((&e.labels, format!("{key}.labels")));
            let locale = file.locale(*lang);
            editions.push(plan_chart(
                story, scope, spec, &key, &locale, labels, &words,
            )?);
        }
    }
    out.extend(editions);
    Ok(out)
}

/// A chart's words as the story file gives them, in one language.
struct ChartWords<'a> {
    title: &'a Text,
    subtitle: &'a Text,
    notes: &'a [Text],
    alt: &'a Text,
}

/// One chart in one language: its kind prepares it with that language's
/// labels and numbers, and its words are filled in and checked in it.
fn plan_chart(
    story: &Story,
    scope: &Scope,
    spec: &crate::story::ChartSpec,
    key: &str,
    locale: &crate::i18n::Locale,
    edition: Option<(&std::collections::BTreeMap<String, String>, String)>,
    given: &ChartWords,
) -> Result<Plan> {
    let locate = |key: &str| story.locate(key);
    let is_edition = edition.is_some();
    let ctx = Context {
        ledger: &story.ledger,
        key: key.to_string(),
        locate: &locate,
        locale,
        edition,
    };
    let prepared = spec.kind.prepare(&ctx)?;
    let localised = Localised { scope, locale };
    let layered = Layered(&prepared.vars, &localised);
    let lookup = template::Recording::new(&layered);
    let fill = |field: &str, text: &Text| -> Result<String> {
        template::render_in(text.template(), &lookup, text.tied_to(), locale).map_err(|e| {
            Error::data(
                story.locate(&format!("{key}.{field}")),
                format!("chart `{}`: {e}", spec.id),
            )
        })
    };
    let notes = given
        .notes
        .iter()
        .enumerate()
        .map(|(n, t)| fill(&format!("notes[{n}]"), t))
        .collect::<Result<Vec<_>>>()?;
    let mut words = Words {
        title: fill("title", given.title)?,
        subtitle: fill("subtitle", given.subtitle)?,
        notes,
        source: String::new(),
        alt: fill("alt", given.alt)?,
    };
    // The source line names every report the chart draws from and every
    // report its words cite.
    let figures = cited(story, &prepared.figures, &lookup.names());
    words.source = source_line_in(story, &figures, locale)
        .map_err(|e| Error::data(story.locate(key), format!("chart `{}`: {e}", spec.id)))?;
    if story.hypothetical {
        words = hypothetical(story, words);
    }
    // The kind's notes on how it is drawn stand in every case.
    words.notes.extend(prepared.notes.iter().cloned());
    if !locale.lang.is_rtl() {
        latin_only(story, key, &spec.id, &words, &prepared.marks)?;
    }
    Ok(Plan {
        id: spec.id.clone(),
        lang: locale.lang,
        digits: locale.digits,
        key: key.to_string(),
        edition: is_edition,
        kind: spec.kind.name().to_string(),
        prepared,
        words,
    })
}

/// A chart drawn left to right in the Latin face holds no Arabic-script
/// text: words from an Urdu report (a credit, a period in its words, a
/// label) are refused here, naming them and how to give them in English,
/// rather than when the glyphs are missing at drawing time.
fn latin_only(
    story: &Story,
    key: &str,
    id: &str,
    words: &Words,
    marks: &crate::model::Marks,
) -> Result<()> {
    let arabic = crate::i18n::has_arabic_script;
    let texts = [
        ("title", &words.title),
        ("subtitle", &words.subtitle),
        ("alt", &words.alt),
        ("source line", &words.source),
    ]
    .into_iter()
    .chain(words.notes.iter().map(|n| ("a note", n)))
    .chain(marks.groups.iter().map(|g| ("a label", g)))
    .chain(
        marks
            .items
            .iter()
            .flat_map(|m| [("a label", &m.label), ("a caption", &m.caption)]),
    );
    let found: Vec<String> = texts
        .filter(|(_, t)| arabic(t))
        .map(|(what, t)| format!("{what}: \"{t}\""))
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    Err(Error::data(
        story.locate(key),
        format!(
            "chart `{id}` is drawn in English but its words hold Urdu, which its face cannot draw ({}); they come from the ledger's words for an Urdu report: give the English names of its outlets and of the people it credits under `[languages.en]` (`outlets`, `credits`), and a label in English in the chart",
            found.join("; ")
        ),
    ))
}

/// A story whose audit finds numbers in its texts that do not match the
/// ledger is refused, each problem listed; unless the options allow it,
/// and then the sentence that says so in every output.
fn unresolved_audit(story: &Story, audit: &Audit, options: &Options) -> Result<Option<usize>> {
    let problems: Vec<String> = audit
        .sources
        .iter()
        .flat_map(|a| a.problems.iter().map(move |p| format!("{}: {p}", a.source)))
        .collect();
    // A what-if changes figures away from their texts on purpose; it says
    // it is hypothetical everywhere instead.
    if problems.is_empty() || story.hypothetical {
        return Ok(None);
    }
    if !options.allow_audit_problems {
        let mut listed = problems;
        listed.push(
            "the audit of the texts found these numbers that the ledger does not account for; correct the ledger or the text, or build with --allow-audit-problems, and then every output says so".to_string(),
        );
        return Err(Error::from(listed));
    }
    Ok(Some(problems.len()))
}

/// What every output says of a story published with `n` audit problems.
fn unresolved_note(loc: &Locale, n: usize) -> String {
    fill(
        loc.lang,
        "Published although the audit of the texts found {problems} in the numbers: see the audit in the methodology.",
        &[(
            "problems",
            &crate::words::count_in(loc, n, "{n} problem", "{n} problems"),
        )],
    )
}

/// The finding that says a story was published with `n` audit problems.
fn audit_finding(n: usize, audit: &Audit, others: &[Locale]) -> Finding {
    Finding {
        id: "audit_unresolved".to_string(),
        check: Check::Audit,
        verdict: Verdict::Fails,
        sentence: unresolved_note(&Locale::english(), n),
        translations: others
            .iter()
            .map(|loc| (loc.lang, unresolved_note(loc, n)))
            .collect(),
        description: "Every number in the texts should be accounted for by the ledger".to_string(),
        actual: Some(audit.problems() as f64),
        expected: Some(0.0),
        gap: None,
        unit: "problems".to_string(),
        figures: Vec::new(),
        sources: audit
            .sources
            .iter()
            .filter(|a| !a.problems.is_empty())
            .map(|a| a.source.clone())
            .collect(),
        possible_slips: Vec::new(),
        line: 0,
    }
}

/// The figures a chart draws, then those its words cite: by id, through a
/// chart value that stands for a figure, or as a metric's inputs.
fn cited(story: &Story, drawn: &[String], names: &[String]) -> Vec<String> {
    let ledger = &story.ledger;
    let mut out: Vec<String> = drawn.to_vec();
    for name in names {
        let ids: Vec<String> = match (ledger.figure(name), ledger.metric(name)) {
            (Some(f), _) => vec![f.id.to_string()],
            (None, Some(m)) => m.inputs().into_iter().map(str::to_string).collect(),
            _ => Vec::new(),
        };
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// Marks the metrics and findings a what-if's changed figures reach.
fn label_hypothetical(story: &Story, metrics: &mut [Metric], findings: &mut [Finding]) {
    let changed = |id: &str| story.changes.iter().any(|(c, _, _)| c == id);
    for (m, def) in metrics.iter_mut().zip(&story.ledger.metrics) {
        if def.inputs().into_iter().any(changed) {
            m.description = format!("Hypothetical: {}", m.description);
        }
    }
    for f in findings.iter_mut() {
        if f.figures.iter().any(|id| changed(id)) {
            f.sentence = fill(
                Lang::En,
                "Hypothetical: {sentence}",
                &[("sentence", &f.sentence)],
            );
            for (l, s) in &mut f.translations {
                *s = fill(*l, "Hypothetical: {sentence}", &[("sentence", s)]);
            }
        }
    }
}

/// A chart's words for a what-if: every part says it is hypothetical, and
/// one note names the changed figures in place of the notes on the
/// reported ones, which no longer describe what is drawn.
fn hypothetical(story: &Story, words: Words) -> Words {
    let changed: Vec<String> = story
        .changes
        .iter()
        .filter_map(|(id, reported, value)| {
            let f = story.ledger.figure(id)?;
            Some(format!(
                "{} (reported as {}, here {})",
                crate::words::what(f),
                format::number(*reported),
                format::number(*value)
            ))
        })
        .collect();
    Words {
        title: format!("Hypothetical: {}", words.title),
        subtitle: format!("Hypothetical figures: {}", words.subtitle),
        notes: vec![format!(
            "Hypothetical: {} changed for illustration; no report gave {}.",
            crate::util::capitalise(&and_list(&changed)),
            if changed.len() == 1 {
                "this figure"
            } else {
                "these figures"
            }
        )],
        source: "Hypothetical figures, changed for illustration; no source reported them."
            .to_string(),
        alt: format!("Hypothetical: {}", words.alt),
    }
}

/// "Source: Roads Board, as reported by The Herald, 3 December 2024":
/// every report the chart draws from, with who each credits, in the
/// story's wording.
pub fn source_line(story: &Story, figures: &[String]) -> String {
    source_line_in(story, figures, &crate::i18n::Locale::english()).unwrap_or_default()
}

/// [`source_line`] in a language: in English, the story's wording; in
/// another, the engine's wording in that language, with the outlets, the
/// people credited and the dates as the story's `languages` names them.
/// An error names an outlet or a person the language has no name for.
pub fn source_line_in(
    story: &Story,
    figures: &[String],
    loc: &crate::i18n::Locale,
) -> std::result::Result<String, String> {
    if loc.is_english() {
        return Ok(english_source_line(story, figures));
    }
    use crate::i18n::Say;
    let ledger = &story.ledger;
    let lang = loc.lang;
    let mut order: Vec<&Source> = Vec::new();
    for id in figures {
        let Some(f) = ledger.figure(id) else { continue };
        let s = ledger.source_of(f);
        if !order.iter().any(|o| o.id == s.id) {
            order.push(s);
        }
    }
    let mut parts = Vec::new();
    // Every name the language lacks, in one message.
    let mut missing: Vec<String> = Vec::new();
    for s in &order {
        let outlet = match crate::i18n::name_in(loc, &loc.outlets, &s.id, &s.outlet) {
            Some(o) => o,
            None => {
                missing.push(format!(
                    "the outlet of source `{}` (\"{}\") under `languages.{lang}.outlets`",
                    s.id, s.outlet
                ));
                continue;
            }
        };
        let mut names: Vec<String> = Vec::new();
        let mut silent = false;
        let theirs = figures
            .iter()
            .filter_map(|id| ledger.figure(id))
            .filter(|f| f.source == s.id);
        for f in theirs {
            if f.attributed_to.is_empty() {
                silent = true;
                continue;
            }
            let Some(name) =
                crate::i18n::name_in(loc, &loc.credits, &f.attributed_to, &f.attributed_to)
            else {
                let want = format!(
                    "\"{}\" (who `{}` is credited to) under `languages.{lang}.credits`",
                    f.attributed_to, f.id
                );
                if !missing.contains(&want) {
                    missing.push(want);
                }
                continue;
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let date = loc.date(&s.date);
        parts.push(if names.is_empty() {
            Say::Unattributed
                .in_lang(lang)
                .replace("{outlet}", &outlet)
                .replace("{date}", &date)
        } else {
            if silent {
                names.push(Say::NotAttributed.in_lang(lang).to_string());
            }
            Say::Attributed
                .in_lang(lang)
                .replace("{who}", &loc.and_list(&names))
                .replace("{outlet}", &outlet)
                .replace("{date}", &date)
        });
    }
    if !missing.is_empty() {
        return Err(format!(
            "expected a name in `{lang}` for {}",
            crate::util::and_list(&missing)
        ));
    }
    if parts.is_empty() {
        return Ok(String::new());
    }
    let prefix = if parts.len() > 1 {
        Say::Sources
    } else {
        Say::Source
    };
    Ok(format!(
        "{}{}",
        prefix.in_lang(lang),
        parts.join(loc.semicolon())
    ))
}

/// [`source_line`] in English, in the story's wording.
fn english_source_line(story: &Story, figures: &[String]) -> String {
    let ledger = &story.ledger;
    // English names the story gives for an Urdu report's outlet and credits.
    let names = story.file.locale(Lang::En);
    let mut order: Vec<&Source> = Vec::new();
    let mut who: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut unattributed: HashMap<&str, bool> = HashMap::new();
    for id in figures {
        let Some(f) = ledger.figure(id) else { continue };
        let s = ledger.source_of(f);
        if !order.iter().any(|o| o.id == s.id) {
            order.push(s);
        }
        if f.attributed_to.is_empty() {
            unattributed.insert(&s.id, true);
        } else {
            let name = names
                .credits
                .get(f.attributed_to.as_str())
                .map_or(f.attributed_to.as_str(), String::as_str);
            let w = who.entry(&s.id).or_default();
            if !w.contains(&name) {
                w.push(name);
            }
        }
    }
    let wording = &story.file.wording;
    let parts: Vec<String> = order
        .iter()
        .map(|s| {
            let date = crate::ledger::series::date_words(&s.date);
            let outlet = crate::words::outlet_in(s, &names);
            match who.get(s.id.as_str()) {
                Some(names) => {
                    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                    if unattributed.contains_key(s.id.as_str()) {
                        names.push("figures it does not attribute".to_string());
                    }
                    wording
                        .attributed
                        .replace("{who}", &and_list(&names))
                        .replace("{outlet}", &outlet)
                        .replace("{date}", &date)
                }
                None => wording
                    .unattributed
                    .replace("{outlet}", &outlet)
                    .replace("{date}", &date),
            }
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let prefix = if parts.len() > 1 {
        &wording.prefix_many
    } else {
        &wording.prefix
    };
    format!("{prefix}{}", parts.join("; "))
}

/// The caveats: the story's own, then those the figures call for, each
/// kind by a function of its own, in English and in `others`.
fn caveats(
    story: &Story,
    findings: &[Finding],
    scope: &Scope,
    others: &[Locale],
) -> Result<Vec<Caveat>> {
    let ledger = &story.ledger;
    let mut out = story_caveats(story, scope)?;
    out.extend(Caveat::ours(others, Vec::new(), |loc| {
        Some(
            say(
                loc.lang,
                "Nothing here is independently verified: every figure is as its report gives it.",
            )
            .to_string(),
        )
    }));
    out.extend(Caveat::ours(others, Vec::new(), |loc| credits(ledger, loc)));
    out.extend(open_ended(ledger, others));
    out.extend(undated(ledger, others));
    out.extend(inferred(ledger, others));
    out.extend(Caveat::ours(others, Vec::new(), |loc| hedged(story, loc)));
    out.extend(Caveat::ours(others, Vec::new(), |loc| {
        drafts_in(ledger, loc)
    }));
    out.extend(Caveat::ours(others, Vec::new(), |loc| {
        officials_terms(story, loc)
    }));
    for s in ledger.sources.iter().filter(|s| !s.has_text()) {
        out.extend(Caveat::ours(others, vec![s.id.clone()], |loc| {
            Some(fill(
                loc.lang,
                "{outlet} ({date}) is cited by its address, {url}; its text is not held here, so its figures are not audited against it.",
                &[
                    ("outlet", &crate::words::outlet_in(s, loc)),
                    ("date", &if loc.is_english() { s.date.clone() } else { loc.date(&s.date) }),
                    ("url", &s.url),
                ],
            ))
        }));
    }
    for f in findings.iter().filter(|f| f.verdict.is_problem()) {
        out.push(Caveat {
            text: f.sentence.clone(),
            sources: f.sources.clone(),
            translations: f.translations.clone(),
        });
    }
    Ok(out)
}

/// The story file's own caveats, filled in.
fn story_caveats(story: &Story, scope: &Scope) -> Result<Vec<Caveat>> {
    story
        .file
        .caveats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text =
                template::render(c.text.template(), scope, c.text.tied_to()).map_err(|e| {
                    Error::data(
                        story.locate(&format!("caveats[{i}].text")),
                        format!("caveat: {e}"),
                    )
                })?;
            Ok(Caveat {
                text,
                sources: c.source.clone().into_iter().collect(),
                translations: Vec::new(),
            })
        })
        .collect()
}

/// The figures the analysis reads: quantities and printed derived numbers.
fn analysed(ledger: &Ledger) -> impl Iterator<Item = &Figure> {
    ledger
        .figures
        .iter()
        .filter(|f| f.kind.is_quantity() || f.kind.is_printed_derivation())
}

/// Who the figures are credited to, from the reports' own words, with the
/// reports that credit them. Names are compared without case or
/// punctuation, so "Roads Board, North" and "Roads Board North" are one
/// name.
fn credits(ledger: &Ledger, loc: &Locale) -> Option<String> {
    let l = loc.lang;
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // Each name, how many figures it is credited with, and by which outlets.
    let mut credited: Vec<(String, usize, Vec<String>)> = Vec::new();
    let (mut silent, mut analysed_count) = (0, 0);
    for f in analysed(ledger) {
        analysed_count += 1;
        if f.attributed_to.is_empty() {
            silent += 1;
            continue;
        }
        let outlet = crate::words::outlet_in(ledger.source_of(f), loc);
        match credited
            .iter_mut()
            .find(|(w, _, _)| key(w) == key(&f.attributed_to))
        {
            Some(c) => {
                c.1 += 1;
                if !c.2.contains(&outlet) {
                    c.2.push(outlet);
                }
            }
            None => credited.push((f.attributed_to.to_string(), 1, vec![outlet])),
        }
    }
    if analysed_count == 0 {
        return None;
    }
    let count = |n: usize| crate::words::count_in(loc, n, "{n} figure", "{n} figures");
    let listed: Vec<String> = credited
        .iter()
        .map(|(w, n, by)| {
            fill(
                l,
                "{figures} to {who} ({outlets})",
                &[
                    ("figures", &count(*n)),
                    ("who", &crate::words::credit_in(w, loc)),
                    ("outlets", &loc.and_list(by)),
                ],
            )
        })
        .collect();
    let mut s = String::new();
    if !credited.is_empty() {
        let n = analysed_count - silent;
        let which = match (n == analysed_count, n) {
            (true, 1) => say(l, "the one figure analysed").to_string(),
            (true, 2) => say(l, "both figures analysed").to_string(),
            (true, n) => fill(
                l,
                "all {n} figures analysed",
                &[("n", &loc.digits(&n.to_string()))],
            ),
            (false, n) => fill(
                l,
                "{n} of the {all} figures analysed",
                &[
                    ("n", &loc.digits(&n.to_string())),
                    ("all", &loc.digits(&analysed_count.to_string())),
                ],
            ),
        };
        s = fill(
            l,
            "The reports credit {which} (quantities and the derived numbers they print): {list}.",
            &[("which", &which), ("list", &loc.and_list(&listed))],
        );
    }
    if silent > 0 {
        if !s.is_empty() {
            s.push(' ');
        }
        let args = [("figures", count(silent))];
        s.push_str(&if silent == 1 {
            fill_owned(
                l,
                "For {figures} the report does not say who gave it.",
                &args,
            )
        } else {
            fill_owned(
                l,
                "For {figures} the report does not say who gave them.",
                &args,
            )
        });
    }
    Some(s)
}

/// Figures whose period has no stated start, grouped by the words the
/// report uses.
fn open_ended(ledger: &Ledger, others: &[Locale]) -> Vec<Caveat> {
    let mut groups: Vec<((&str, &str), Vec<&Figure>)> = Vec::new();
    for f in analysed(ledger)
        .filter(|f| f.period_end.is_some() && f.period_start.is_none() && !f.period_text.is_empty())
    {
        let key = (f.source.as_str(), f.period_text.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    groups
        .into_iter()
        .filter_map(|((source, words), figs)| {
            Caveat::ours(others, vec![source.to_string()], |loc| {
                Some(fill(
                    loc.lang,
                    "{outlet} states no start for the period of {figures}: \"{words}\".",
                    &[
                        ("outlet", &outlet(ledger, source, loc)),
                        ("figures", &named_list(&figs, loc)),
                        ("words", words),
                    ],
                ))
            })
        })
        .collect()
}

/// Figures named in a list, in a language.
fn named_list(figs: &[&Figure], loc: &Locale) -> String {
    let named: Vec<String> = figs
        .iter()
        .map(|f| crate::words::named_in(f, loc))
        .collect();
    loc.and_list(&named)
}

/// Figures the reports give no date or period for.
fn undated(ledger: &Ledger, others: &[Locale]) -> Vec<Caveat> {
    // Figures whose period the ledger inferred are named with the inferred
    // values, not here.
    let mut groups: Vec<(&str, Vec<&Figure>)> = Vec::new();
    for f in analysed(ledger)
        .filter(|f| f.kind != Kind::PeriodLength && f.period_text.is_empty())
        .filter(|f| f.inferred("period_start").is_none() && f.inferred("period_end").is_none())
    {
        match groups.iter_mut().find(|(s, _)| *s == f.source.as_str()) {
            Some((_, v)) => v.push(f),
            None => groups.push((f.source.as_str(), vec![f])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(source, figs)| {
            Caveat::ours(others, vec![source.to_string()], |loc| {
                Some(fill(
                    loc.lang,
                    "{outlet} gives no date or period for {figures}: they may not be as of the report's date.",
                    &[
                        ("outlet", &outlet(ledger, source, loc)),
                        ("figures", &named_list(&figs, loc)),
                    ],
                ))
            })
        })
        .collect()
}

/// The outlet of the source `id`, as readers of `loc`'s language know the
/// report.
fn outlet(ledger: &Ledger, id: &str, loc: &Locale) -> String {
    ledger
        .source(id)
        .map_or_else(|| id.to_string(), |s| crate::words::outlet_in(s, loc))
}

/// Inferred values, grouped by what was inferred and why.
fn inferred(ledger: &Ledger, others: &[Locale]) -> Vec<Caveat> {
    let mut groups: Vec<((&str, String), Vec<&Figure>)> = Vec::new();
    for f in ledger.figures.iter().filter(|f| !f.inferred.is_empty()) {
        let fields: Vec<String> = f
            .inferred
            .iter()
            .map(|(field, why)| format!("{} ({why})", field.replace('_', " ")))
            .collect();
        let key = (f.source.as_str(), and_list(&fields));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    groups
        .into_iter()
        .filter_map(|((source, _), figs)| {
            Caveat::ours(others, vec![source.to_string()], |loc| {
                let fields: Vec<String> = figs[0]
                    .inferred
                    .iter()
                    .map(|(field, why)| format!("{} ({why})", field_words(loc.lang, field)))
                    .collect();
                Some(fill(
                    loc.lang,
                    "Inferred, not printed, for {figures} in {outlet}: the {fields}.",
                    &[
                        ("figures", &named_list(&figs, loc)),
                        ("outlet", &outlet(ledger, source, loc)),
                        ("fields", &loc.and_list(&fields)),
                    ],
                ))
            })
        })
        .collect()
}

/// A ledger column in words: "period start", "مدت کا آغاز".
fn field_words(l: Lang, field: &str) -> String {
    let said = match field {
        _ if l == Lang::En => None,
        "period_start" => Some(say(l, "period start")),
        "period_end" => Some(say(l, "period end")),
        "period_text" => Some(say(l, "period in the report's words")),
        "attributed_to" => Some(say(l, "credited to")),
        "attribution_text" => Some(say(l, "crediting words")),
        "unit" => Some(say(l, "unit")),
        "kind" => Some(say(l, "kind")),
        "value" => Some(say(l, "value")),
        "scale" => Some(say(l, "scale")),
        _ => None,
    };
    said.map_or_else(|| field.replace('_', " "), str::to_string)
}

/// How hedged figures are checked, naming them.
fn hedged(story: &Story, loc: &Locale) -> Option<String> {
    let hedged: Vec<&Figure> = story
        .ledger
        .figures
        .iter()
        .filter(|f| f.qualifier.is_some())
        .collect();
    (!hedged.is_empty()).then(|| {
        fill(
            loc.lang,
            "Hedged figures are checked as the ranges they allow (a figure given as about a number is taken to be within {about} of it either side, one given as nearly a number up to {nearly} below it): {figures}.",
            &[
                ("about", &loc.percent(story.file.hedges.about)),
                ("nearly", &loc.percent(story.file.hedges.nearly)),
                ("figures", &named_by_report(story, &hedged, loc)),
            ],
        )
    })
}

/// Figures named in a list, each with its report's outlet where the list
/// would otherwise name two figures alike (the same figure as two reports
/// give it).
fn named_by_report(story: &Story, figs: &[&Figure], loc: &Locale) -> String {
    let named: Vec<String> = figs
        .iter()
        .map(|f| crate::words::named_in(f, loc))
        .collect();
    let items: Vec<String> = named
        .iter()
        .zip(figs)
        .map(|(n, f)| {
            if named.iter().filter(|m| *m == n).count() > 1 {
                let outlet = crate::words::outlet_in(story.ledger.source_of(f), loc);
                fill(
                    loc.lang,
                    "{figure} in {outlet}",
                    &[("figure", n), ("outlet", &outlet)],
                )
            } else {
                n.clone()
            }
        })
        .collect();
    loc.and_list(&items)
}

/// How many figures, relations and metrics are still drafts.
pub(crate) fn drafts(ledger: &Ledger) -> Option<String> {
    drafts_in(ledger, &Locale::english())
}

/// [`drafts`] in a language.
fn drafts_in(ledger: &Ledger, loc: &Locale) -> Option<String> {
    use crate::ledger::Status::Draft;
    let l = loc.lang;
    let figures = ledger.figures.iter().filter(|f| f.status == Draft).count();
    let relations = ledger
        .relations
        .iter()
        .filter(|r| r.status == Draft)
        .count();
    let metrics = ledger.metrics.iter().filter(|m| m.status == Draft).count();
    let mut parts = Vec::new();
    if figures > 0 {
        parts.push(crate::words::count_in(
            loc,
            figures,
            "{n} figure",
            "{n} figures",
        ));
    }
    if relations > 0 {
        parts.push(crate::words::count_in(
            loc,
            relations,
            "{n} relation",
            "{n} relations",
        ));
    }
    if metrics > 0 {
        parts.push(crate::words::count_in(
            loc,
            metrics,
            "{n} metric",
            "{n} metrics",
        ));
    }
    match (figures + relations + metrics, parts.as_slice()) {
        (0, _) => None,
        (1, _) if figures == 1 => {
            Some(say(l, "One figure is a draft that nobody has checked yet.").to_string())
        }
        (1, _) if relations == 1 => {
            Some(say(l, "One relation is a draft that nobody has checked yet.").to_string())
        }
        (1, _) => Some(say(l, "One metric is a draft that nobody has checked yet.").to_string()),
        _ => Some(fill(
            l,
            "{drafts} are drafts that nobody has checked yet.",
            &[("drafts", &crate::util::capitalise(&loc.and_list(&parts)))],
        )),
    }
}

/// The officials' terms, quoted, as not our description.
fn officials_terms(story: &Story, loc: &Locale) -> Option<String> {
    let terms: Vec<String> = story
        .file
        .officials_terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect();
    let l = loc.lang;
    (!terms.is_empty()).then(|| {
        let args = [("terms", loc.and_list(&terms))];
        if terms.len() == 1 {
            fill_owned(l, "{terms} is the reports' words, quoted; they are not this analysis's description of anyone or anything.", &args)
        } else {
            fill_owned(l, "{terms} are the reports' words, quoted; they are not this analysis's description of anyone or anything.", &args)
        }
    })
}

/// The audit of each source: against its text when present; else the last
/// build's, if nothing it covered changed; else marked as not re-checked.
fn audit_sources(
    story: &Story,
    options: &Options,
    published: &[Published],
    covers: &str,
) -> Result<(Vec<SourceAudit>, Vec<TextNote>)> {
    let ledger = &story.ledger;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for s in &ledger.sources {
        if !s.has_text() && !options.texts.contains_key(&s.id) {
            out.push(SourceAudit {
                source: s.id.clone(),
                status: Status::NoText,
                note: audit::no_text_note(Lang::En, s),
                text_sha256: String::new(),
                paragraphs: 0,
                mentions: Vec::new(),
                problems: Vec::new(),
                quotes: Vec::new(),
                attributions: Vec::new(),
            });
            continue;
        }
        let path = options
            .paths
            .get(&s.id)
            .cloned()
            .unwrap_or_else(|| ledger.text_path(s));
        let text = match options.texts.get(&s.id) {
            Some(t) => Some(t.clone()),
            None => match std::fs::read(&path) {
                Ok(bytes) => Some(crate::util::utf8(&path, bytes)?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(Error::data(
                        Location::field(ledger.dir.join("sources.csv"), s.line, "text_path"),
                        format!(
                            "cannot read the text of `{}` at {}: {e}",
                            s.id,
                            path.display()
                        ),
                    ));
                }
            },
        };
        match text {
            Some(text) => {
                let audited = audit::source(ledger, s, &text, published);
                let hash = &audited.text_sha256;
                if !s.sha256.is_empty()
                    && *hash != s.sha256
                    && !options.paths.contains_key(&s.id)
                    && !options.texts.contains_key(&s.id)
                {
                    return Err(Error::data(
                        Location::field(ledger.dir.join("sources.csv"), s.line, "sha256"),
                        format!(
                            "the text of `{}` has changed: {} has SHA-256 {hash}, but sources.csv records {}; check the new text against the ledger, then record its hash",
                            s.id,
                            path.display(),
                            s.sha256
                        ),
                    ));
                }
                out.push(audited);
            }
            None => {
                let kept = options
                    .previous
                    .as_ref()
                    .filter(|p| p.covers == covers)
                    .and_then(|p| {
                        p.source(&s.id)
                            .filter(|a| a.text_sha256 == s.sha256 && a.status == Status::Checked)
                            .cloned()
                    });
                match kept {
                    Some(a) => {
                        notes.push(TextNote::Kept {
                            source: s.id.clone(),
                            path: path.clone(),
                        });
                        out.push(a);
                    }
                    None => {
                        notes.push(TextNote::Missing {
                            source: s.id.clone(),
                            path: path.clone(),
                        });
                        out.push(SourceAudit {
                            source: s.id.clone(),
                            status: Status::NotRechecked,
                            note: audit::not_rechecked_note(Lang::En, s),
                            text_sha256: s.sha256.clone(),
                            paragraphs: 0,
                            mentions: Vec::new(),
                            problems: Vec::new(),
                            quotes: Vec::new(),
                            attributions: Vec::new(),
                        });
                    }
                }
            }
        }
    }
    Ok((out, notes))
}

impl From<Vec<String>> for Error {
    fn from(problems: Vec<String>) -> Self {
        ErrorKind::Standards { problems }.into()
    }
}
