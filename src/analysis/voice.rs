//! Our own voice: every sentence we publish, gathered with where it stands,
//! and checked: quotations against the sources, attributions against the
//! sources' words, and the officials' terms kept inside quotation marks.

use std::collections::HashSet;

use super::audit::{Audit, Published, Status};
use super::checks::Finding;
use crate::charts::Plan;
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::story::Story;

/// Every text we publish in our own words, with where it stands and the
/// sources its quotations are attributed to (empty: any source). The
/// sources' own words (`printed`, `attribution_text`, `period_text`) are
/// not ours and are not listed; they are audited against the texts.
pub(crate) fn published(
    story: &Story,
    findings: &[Finding],
    charts: &[Plan],
    caveats: &[super::Caveat],
) -> Vec<Published> {
    let mut out = Gathered::default();
    ledger_words(&story.ledger, &mut out);
    story_words(story, caveats, &mut out);
    chart_words(&story.ledger, charts, &mut out);
    for f in findings {
        out.push(
            format!("finding `{}`", f.id),
            &f.sentence,
            f.sources.clone(),
        );
    }
    out.0
}

/// The texts gathered so far; empty texts are left out.
#[derive(Default)]
struct Gathered(Vec<Published>);

impl Gathered {
    fn push(&mut self, location: String, text: &str, sources: Vec<String>) {
        if !text.is_empty() {
            self.0.push(Published {
                location,
                text: text.to_string(),
                sources,
            });
        }
    }
}

/// Our words in the ledger: what figures count, notes, descriptions.
fn ledger_words(ledger: &Ledger, out: &mut Gathered) {
    for f in &ledger.figures {
        for (field, text) in [("counts", &f.counts), ("note", &f.note)] {
            out.push(
                format!("figures.csv line {}, field `{field}`", f.line),
                text,
                vec![f.source.to_string()],
            );
        }
    }
    for r in &ledger.relations {
        let s = ledger.sources_of_terms(r.left.0.iter().chain(&r.right.0));
        for (field, text) in [("description", &r.description), ("gap_label", &r.gap_label)] {
            out.push(
                format!("relations.csv line {}, field `{field}`", r.line),
                text,
                s.clone(),
            );
        }
    }
    for m in ledger.metrics.iter().filter(|m| !m.derived) {
        let s = ledger.sources_of_terms(m.numerator.0.iter().chain(&m.denominator.0));
        for (field, text) in [
            ("description", &m.description),
            ("basis", &m.basis),
            ("formula", &m.formula),
        ] {
            out.push(
                format!("metrics.csv line {}, field `{field}`", m.line),
                text,
                s.clone(),
            );
        }
    }
    for s in &ledger.sources {
        for (field, text) in [("title", &s.title), ("description", &s.description)] {
            out.push(
                format!("sources.csv line {}, field `{field}`", s.line),
                text,
                vec![s.id.clone()],
            );
        }
    }
    for e in &ledger.exclusions {
        out.push(
            format!("exclusions.csv line {}, field `reason`", e.line),
            &e.reason,
            vec![e.source.clone()],
        );
    }
    for p in &ledger.paragraphs {
        out.push(
            format!("paragraphs.csv line {}, field `note`", p.line),
            &p.note,
            vec![p.source.clone()],
        );
    }
}

/// Our words in the story file: its title, question and caveats.
fn story_words(story: &Story, caveats: &[super::Caveat], out: &mut Gathered) {
    out.push(
        "story.toml, field `title`".into(),
        &story.file.title,
        Vec::new(),
    );
    out.push(
        "story.toml, field `question`".into(),
        &story.file.question,
        Vec::new(),
    );
    for (i, c) in caveats.iter().enumerate() {
        let location = if i < story.file.caveats.len() {
            format!("story.toml, field `caveats[{i}].text`")
        } else {
            format!("methodology, caveat {}", i + 1)
        };
        out.push(location, &c.text, c.sources.clone());
    }
}

/// Our words on the charts.
fn chart_words(ledger: &Ledger, charts: &[Plan], out: &mut Gathered) {
    for c in charts {
        let s = ledger.sources_of(c.prepared.figures.iter().map(String::as_str));
        let w = &c.words;
        let (key, id) = (&c.key, c.stem());
        out.push(
            format!("story.toml, field `{key}.title` (chart `{id}`)"),
            &w.title,
            s.clone(),
        );
        out.push(
            format!("story.toml, field `{key}.subtitle` (chart `{id}`)"),
            &w.subtitle,
            s.clone(),
        );
        for (n, note) in w.notes.iter().enumerate() {
            out.push(
                format!("story.toml, field `{key}.notes[{n}]` (chart `{id}`)"),
                note,
                s.clone(),
            );
        }
        out.push(
            format!("story.toml, field `{key}.alt` (chart `{id}`)"),
            &w.alt,
            s.clone(),
        );
        out.push(format!("chart `{id}`, source line"), &w.source, s.clone());
    }
}

/// Where `term` stands in `text` as a whole word or phrase, case-insensitive.
fn occurrences(text: &str, term: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let term = term.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed byte lengths; fall back to exact-case search.
        return whole(text, &term);
    }
    whole(&lower, &term)
}

fn whole(hay: &str, term: &str) -> Vec<usize> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    hay.match_indices(term)
        .filter(|(i, m)| {
            !is_word(hay[..*i].chars().next_back()) && !is_word(hay[i + m.len()..].chars().next())
        })
        .map(|(i, _)| i)
        .collect()
}

/// The officials' terms may appear in our text only inside quotation marks.
pub(crate) fn officials_terms(story: &Story, published: &[Published]) -> Result<()> {
    let problems = terms_outside_quotes(&story.file.officials_terms, published);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::from(problems))
    }
}

/// The entries of the standards review that pass as `ok` a sentence that
/// no longer stands, word for word, in what we publish (our words, or the
/// report's words we print beside the figures): a review that vouches for
/// words we no longer publish, to be done again. Notebook sentences are
/// checked when the notebooks run, not here.
pub(crate) fn stale_review(story: &Story, published: &[Published]) -> Vec<String> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut ours: Vec<String> = published.iter().map(|p| squeeze(&p.text)).collect();
    for f in &story.ledger.figures {
        ours.extend(
            [&f.printed, &f.attribution_text, &f.period_text]
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(|t| squeeze(t)),
        );
    }
    story
        .review
        .iter()
        .filter(|r| r.verdict == "ok" && !r.location.starts_with("notebook"))
        .filter(|r| {
            // "…" stands for words left out: the parts around it stand in
            // order in one text.
            let sentence = squeeze(&r.sentence);
            let parts: Vec<&str> = sentence.split('\u{2026}').map(str::trim).collect();
            !ours.iter().any(|t| in_order(t, &parts))
        })
        .map(|r| {
            format!(
                "review.csv line {}: the sentence passed as `ok` ({:?}) is not among our words as they stand; review the sentence as it stands now and quote it, or record the change with the verdict `changed`",
                r.line, r.sentence
            )
        })
        .collect()
}

/// True when every one of `parts` stands in `text`, each after the last.
fn in_order(text: &str, parts: &[&str]) -> bool {
    let mut at = 0;
    parts.iter().all(|p| match text[at..].find(p) {
        Some(i) => {
            at += i + p.len();
            true
        }
        None => false,
    })
}

/// Each use of an officials' term outside quotation marks, as a sentence
/// naming where it stands.
pub(crate) fn terms_outside_quotes(terms: &[String], published: &[Published]) -> Vec<String> {
    let mut problems = Vec::new();
    for p in published {
        let spans = super::audit::quoted_spans(&p.text);
        for term in terms {
            for at in occurrences(&p.text, term) {
                // Web addresses are not our words.
                let token_start = p.text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
                let token_end = p.text[at..]
                    .find(char::is_whitespace)
                    .map_or(p.text.len(), |i| at + i);
                if p.text[token_start..token_end].contains("://") {
                    continue;
                }
                if !spans.iter().any(|(a, b)| *a < at && at < *b) {
                    let from = p.text[..at]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |(i, _)| i);
                    let to = p.text[at..]
                        .char_indices()
                        .nth(term.chars().count() + 30)
                        .map_or(p.text.len(), |(i, _)| at + i);
                    problems.push(format!(
                        "{}: the officials' term \"{term}\" is used outside quotation marks (…{}…); quote it and say who used it, or use neutral words",
                        p.location,
                        p.text[from..to].trim()
                    ));
                    break;
                }
            }
        }
    }
    problems
}

/// Quotations must be in the sources they are attributed to, and
/// attributions in the figures' sources. Returns the quotations that could
/// not be checked because no attributed source's text is held.
pub(crate) fn check_quotes_and_attributions(
    story: &Story,
    audit: &Audit,
    published: &[Published],
) -> Result<Vec<(String, String)>> {
    let ledger = &story.ledger;
    let audited: HashSet<&str> = audit
        .sources
        .iter()
        .filter(|s| s.status == Status::Checked)
        .map(|s| s.source.as_str())
        .collect();
    let mut found: HashSet<(&str, &str)> = HashSet::new();
    let mut closest: std::collections::HashMap<(&str, &str), (&str, &str)> =
        std::collections::HashMap::new();
    for s in audit.sources.iter().filter(|s| s.status == Status::Checked) {
        for q in &s.quotes {
            if q.paragraph.is_some() {
                found.insert((q.location.as_str(), q.phrase.as_str()));
            } else if let Some(c) = &q.closest {
                closest
                    .entry((q.location.as_str(), q.phrase.as_str()))
                    .or_insert((c.as_str(), s.source.as_str()));
            }
        }
    }
    let mut problems = Vec::new();
    let mut unverifiable = Vec::new();
    for p in published {
        let allowed: Vec<&str> = if p.sources.is_empty() {
            ledger.sources.iter().map(|s| s.id.as_str()).collect()
        } else {
            p.sources.iter().map(String::as_str).collect()
        };
        // A quotation is wrong only when every report it may come from has
        // been read and none has it; if some could not be read, it is
        // unverifiable.
        let all_read = allowed.iter().all(|s| audited.contains(s));
        for phrase in super::audit::quoted(&p.text) {
            if found.contains(&(p.location.as_str(), phrase.as_str())) {
                continue;
            }
            if !all_read {
                unverifiable.push((p.location.clone(), phrase));
                continue;
            }
            let hint = match closest.get(&(p.location.as_str(), phrase.as_str())) {
                Some((c, s)) => format!("; the closest phrase `{s}` contains is \"{c}\""),
                None => String::new(),
            };
            problems.push(format!(
                "{}: the quotation \"{phrase}\" is not in the report it is attributed to ({}){hint}",
                p.location,
                allowed.join(", ")
            ));
        }
    }
    for s in audit.sources.iter().filter(|s| s.status == Status::Checked) {
        for a in s.attributions.iter().filter(|a| a.paragraph.is_none()) {
            let line = ledger.figure(&a.figure).map_or(0, |f| f.line);
            problems.push(format!(
                "figures.csv line {line}, field `attribution_text` (`{}`): \"{}\" is not in the text of `{}`; copy the report's own words that credit the figure",
                a.figure, a.text, s.source
            ));
        }
    }
    if problems.is_empty() {
        Ok(unverifiable)
    } else {
        Err(Error::from(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_inside_and_outside_quotes() {
        let text = "The \"anti-state\" content and anti-state posts; counter-state is fine";
        let spans = crate::analysis::audit::quoted_spans(text);
        let at = occurrences(text, "anti-state");
        assert_eq!(at.len(), 2);
        assert!(spans.iter().any(|(a, b)| *a < at[0] && at[0] < *b));
        assert!(!spans.iter().any(|(a, b)| *a < at[1] && at[1] < *b));
        // A term inside a hyphenated compound is not the term.
        assert!(occurrences(text, "state").is_empty());
        assert_eq!(occurrences("Rebels said", "rebels").len(), 1);
    }
}
