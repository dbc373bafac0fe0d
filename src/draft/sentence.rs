//! The words that credit each number and the period that bounds it, read
//! sentence by sentence: a sentence's own, or those of the sentence it goes
//! on from, with "he said" and "the minister said" resolved to the earlier
//! credit that named the same one in full.

use super::Row;
use super::credit::{self, Credit};
use super::period::{self, Day, Period};
use super::read::Reading;
use super::text::Para;
use crate::ledger::Kind;

/// How many tokens either side of a number the drafter reads for its
/// credit and period: a sentence of any length costs the same per number.
pub(super) const REACH: usize = 40;

/// A sentence as the crediting reads it: its number and paragraph, the
/// credit it gives its numbers (its own, or carried from the one before),
/// its one period phrase, the period it takes from the one before, and the
/// units of its numbers.
struct Sentence {
    number: usize,
    para: u32,
    credit: Option<Credit>,
    period: Option<Period>,
    inherited: Option<Period>,
    units: Vec<String>,
}

impl Sentence {
    /// The sentence of tokens `s` of `p`, after `last`. It credits its
    /// numbers by its own words, resolved against the `named` credits before
    /// it ("he said", "the minister said", "the report said"); with no words
    /// of its own, by those of the sentence before when it goes on from it
    /// ("The reported accounts include …", "Of those, …") or stands in the
    /// same paragraph after a named credit. It takes the period of the
    /// sentence before when it goes on from it and names no period itself.
    fn new(
        p: &Para,
        s: &std::ops::Range<usize>,
        k: usize,
        phrases: &[Period],
        last: Option<&Sentence>,
        named: &[Credit],
    ) -> Sentence {
        let number = p.toks[k].sentence;
        let own = credit::in_sentence(p, p.around(k, REACH), k).map(|c| resolve(c, named));
        let follows = last.filter(|l| l.number + 1 == number);
        let continues = follows.is_some_and(|l| credit::continues(p, s, &l.units));
        // "That works out to …": the reporter's own arithmetic, credited to no one.
        let reckoned = (s.start..s.end.min(s.start + 6))
            .any(|j| matches!(p.lower(j).as_str(), "works" | "work") && p.lower(j + 1) == "out");
        let credit = own.or_else(|| {
            let l = follows?;
            let c = l.credit.as_ref()?;
            (!reckoned && (continues || (l.para == p.number && !c.who.is_empty())))
                .then(|| carry(c))
        });
        Sentence {
            number,
            para: p.number,
            credit,
            period: (phrases.len() == 1).then(|| phrases[0].clone()),
            // A sentence with a period phrase of its own takes none from the
            // one before, even for numbers its phrase does not reach.
            inherited: follows
                .filter(|_| continues && phrases.is_empty())
                .and_then(|l| l.period.clone().or_else(|| l.inherited.clone())),
            units: Vec::new(),
        }
    }
}

/// Words that credit a figure to a pronoun ("he said"), a short title ("the
/// minister said") or a document ("the report said") stand for the last of
/// the credits before them (`named`) that named the same one in full.
fn resolve(c: Credit, named: &[Credit]) -> Credit {
    if c.who.is_empty() && pronoun_credit(&c) {
        return named.last().map_or(c, carry);
    }
    if c.who.is_empty() {
        let lower = c.text.to_lowercase();
        let document = [
            "report",
            "statement",
            "survey",
            "assessment",
            "data",
            "figures",
            "study",
            "رپورٹ",
        ]
        .into_iter()
        .find(|d| lower.starts_with(&format!("the {d} ")) || lower.starts_with(&format!("{d} ")));
        // "officials said" after "Officials of the relief department said".
        let officials = ["officials", "حکام"]
            .into_iter()
            .find(|o| lower.starts_with(o));
        if let Some(e) = officials.and_then(|o| {
            named
                .iter()
                .rev()
                .find(|e| e.who.to_lowercase().contains(o))
        }) {
            return carry(e);
        }
        return match document.and_then(|d| {
            named
                .iter()
                .rev()
                .find(|e| e.text.to_lowercase().contains(d))
        }) {
            Some(e) => carry(e),
            None => c,
        };
    }
    let words: Vec<String> = c.who.split_whitespace().map(str::to_lowercase).collect();
    let fuller = named.iter().rev().find(|e| {
        let theirs: Vec<String> = e.who.split_whitespace().map(str::to_lowercase).collect();
        theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
    });
    match fuller {
        Some(e) if words.len() <= 2 => carry(e),
        _ => c,
    }
}

/// Each reading with the words that credit it and the period that bounds
/// it: its own sentence's, or, when its sentence goes on from the one
/// before ("The reported accounts include …", "he said"), that one's.
pub(super) fn credit_and_period(read: &[Para], readings: Vec<Reading>, report: Day) -> Vec<Row> {
    let mut rows = Vec::with_capacity(readings.len());
    let mut last: Option<Sentence> = None;
    let mut named: Vec<Credit> = Vec::new();
    let mut phrases: Vec<Period> = Vec::new();
    // Sentences with no number credit no figure, but may name the one that
    // a later "he said" stands for.
    let mut quiet = read
        .iter()
        .flat_map(|p| p.sentences().map(move |s| (p, s)))
        .peekable();
    for r in readings {
        let p = &read[r.para as usize - 1];
        let s = p.sentence_of(r.tok);
        while let Some((q, qs)) = quiet.next_if(|(q, qs)| q.toks[qs.start].sentence < r.sentence) {
            if last
                .as_ref()
                .is_some_and(|l| l.number >= q.toks[qs.start].sentence)
            {
                continue; // read already, with its numbers
            }
            let credit = credit::in_sentence(q, q.around(qs.start, REACH), qs.start)
                .map(|c| resolve(c, &named));
            if let Some(c) = credit.filter(|c| !c.who.is_empty() && !c.carried) {
                remember(&mut named, c);
            }
        }
        if last.as_ref().is_none_or(|l| l.number != r.sentence) {
            phrases = period::phrases(p, s.clone(), report);
            let sentence = Sentence::new(p, &s, r.tok, &phrases, last.as_ref(), &named);
            if let Some(c) = sentence
                .credit
                .as_ref()
                .filter(|c| !c.who.is_empty() && !c.carried)
            {
                remember(&mut named, c.clone());
            }
            last = Some(sentence);
        }
        let Some(sentence) = last.as_mut() else {
            continue;
        };
        if !r.unit.is_empty() {
            sentence.units.push(r.unit.clone());
        }
        let plain = r.exclusion.is_none() && r.kind != Kind::Date;
        let near = p.around(r.tok, REACH);
        let own = credit::in_sentence(p, near.clone(), r.tok).map(|c| resolve(c, &named));
        let credit = own.or_else(|| sentence.credit.clone()).filter(|_| plain);
        let numbers: Vec<usize> = near
            .clone()
            .filter(|&t| {
                p.mention_at(t)
                    .is_some_and(|m| m.kind != crate::numbers::MentionKind::Date)
                    && period::year_at(p, t).is_none()
            })
            .collect();
        let own_period = period::nearest(p, &phrases, r.tok, &numbers, near).cloned();
        let period = own_period
            .or_else(|| sentence.inherited.clone())
            .filter(|_| plain);
        rows.push(Row {
            reading: r,
            id: String::new(),
            credit,
            period,
            metric: None,
            column: None,
        });
    }
    rows
}

/// Keeps the credits that named someone, the last few: "he said" and "the
/// minister said" stand for one named not long before.
fn remember(named: &mut Vec<Credit>, c: Credit) {
    if named.len() == 16 {
        named.remove(0);
    }
    named.push(c);
}

/// A credit taken on from an earlier sentence.
fn carry(c: &Credit) -> Credit {
    Credit {
        carried: true,
        ..c.clone()
    }
}

/// Whether a credit names its source by a pronoun ("he said").
pub(super) fn pronoun_credit(c: &Credit) -> bool {
    let first = c
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        first.as_str(),
        "he" | "she" | "they" | "ان" | "انہوں" | "انھوں" | "اس" | "وہ"
    )
}
