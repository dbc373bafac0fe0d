//! Who a figure is credited to: the report's own words that credit it
//! ("according to the ministry", "the treasurer said", "sources told",
//! "X کے مطابق", "X نے بتایا"), and who those words name, if anyone.

use super::text::{Kind, Para};
use super::vocab::names_nobody;

/// The words that credit a figure, and who they name (empty when no one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credit {
    /// The report's words, verbatim.
    pub text: String,
    /// Who they name, in words taken from `text`; empty when they name no one.
    pub who: String,
    /// The paragraph the words stand in.
    pub paragraph: u32,
    /// True when the words stand in an earlier sentence.
    pub carried: bool,
}

/// Verbs that credit a figure to their subject.
const VERBS: [&str; 22] = [
    "said",
    "says",
    "told",
    "stated",
    "announced",
    "reported",
    "revealed",
    "disclosed",
    "claimed",
    "added",
    "noted",
    "confirmed",
    "informed",
    "shared",
    "showed",
    "show",
    "shows",
    "estimated",
    "estimates",
    "identified",
    "recorded",
    "revealing",
];

/// Words before a credit verb that the subject may stand behind ("has
/// identified", "further said").
const BETWEEN: [&str; 7] = [
    "has", "have", "had", "further", "also", "earlier", "recently",
];

/// Words that start a new clause: the subject of a credit verb starts after them.
const CLAUSE: [&str; 12] = [
    "that",
    "and",
    "while",
    "which",
    "whereas",
    "but",
    "as",
    "meanwhile",
    "besides",
    "additionally",
    "moreover",
    "however",
];

/// Pronouns that stand for someone named earlier.
const PRONOUNS: [&str; 9] = [
    "he",
    "she",
    "they",
    "it",
    "ان",
    "انہوں",
    "انھوں",
    "اس",
    "وہ",
];

/// The credit in the sentence of tokens `range` nearest the token `k`.
pub(crate) fn in_sentence(p: &Para, range: std::ops::Range<usize>, k: usize) -> Option<Credit> {
    let mut found: Vec<(usize, Credit)> = Vec::new();
    for at in range.clone() {
        let credit = according_to(p, at, &range)
            .or_else(|| by_verb(p, at, &range))
            .or_else(|| urdu(p, at, &range));
        if let Some(c) = credit.filter(|c| c.text.len() <= 200 && !c.text.starts_with(['=', '@'])) {
            found.push((at.abs_diff(k), c));
        }
    }
    let nearest = found.into_iter().min_by_key(|(d, _)| *d).map(|(_, c)| c);
    nearest.or_else(|| by_actor(p, &range, k))
}

/// Words that name an authority: the subject of the act that gives a
/// figure ("the government has constituted a 10-member task force").
const AUTHORITIES: [&str; 30] = [
    "government",
    "minister",
    "ministry",
    "council",
    "commission",
    "police",
    "court",
    "department",
    "authority",
    "agency",
    "committee",
    "board",
    "office",
    "officials",
    "spokesperson",
    "spokesman",
    "chief",
    "secretary",
    "president",
    "governor",
    "mayor",
    "army",
    "military",
    "forces",
    "wing",
    "bureau",
    "administration",
    "assembly",
    "cabinet",
    "corporation",
];

/// With no words that report a figure, the authority whose act gives it,
/// as the subject of the clause that holds it: "The interior minister
/// further tasked …", "the government has constituted …". Only an
/// authority (or an acronym) is credited so, never a thing ("Roads will
/// receive …").
fn by_actor(p: &Para, range: &std::ops::Range<usize>, k: usize) -> Option<Credit> {
    // "The report blames …": a document, which names no one itself.
    if matches!(p.lower(range.start).as_str(), "the")
        && names_nobody(p.word(range.start + 1))
        && p.is_word(range.start + 2)
    {
        let verb = range.start + 2;
        if verb < k && p.lower(verb).ends_with('s') {
            return Some(credit(p, range.start, verb, ""));
        }
    }
    // The clause holding the number starts at the sentence or after "that".
    let start = (range.start..k)
        .rev()
        .find(|&j| p.lower(j) == "that")
        .map_or(range.start, |j| j + 1);
    let mut verb = start;
    while verb < k
        && verb - start < 6
        && p.is_word(verb)
        && !super::vocab::is_verb_like(&p.lower(verb))
    {
        if BETWEEN.contains(&p.lower(verb).as_str())
            || matches!(p.lower(verb).as_str(), "will" | "would")
        {
            break;
        }
        verb += 1;
    }
    if verb == start || verb >= k || !p.is_word(verb) {
        return None;
    }
    let subject_end = verb - 1;
    while verb < k && (BETWEEN.contains(&p.lower(verb).as_str())) {
        verb += 1;
    }
    if !super::vocab::is_verb_like(&p.lower(verb)) || verb >= k {
        return None;
    }
    let subject = p.span(start, subject_end);
    let authority = subject.split_whitespace().any(|w| {
        let lower = w.to_lowercase();
        AUTHORITIES.contains(&lower.as_str())
            || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
    });
    authority.then(|| credit(p, start, verb, subject))
}

fn credit(p: &Para, first: usize, last: usize, who: &str) -> Credit {
    let who = who.trim_matches(|c: char| !c.is_alphanumeric());
    let who = ["the ", "The ", "a ", "A ", "an ", "An "]
        .iter()
        .find_map(|d| who.strip_prefix(d))
        .unwrap_or(who);
    // "the police department's figures": the police department.
    let who = match who.rsplit_once(['\'', '’']) {
        Some((owner, rest)) if names_nobody(rest.trim_start_matches('s').trim()) => owner,
        _ => who,
    };
    let who = if names_nobody(who) || PRONOUNS.contains(&who.to_lowercase().as_str()) {
        ""
    } else {
        who
    };
    let text = p.span(first, last);
    // Who is credited is named in the words that credit: the ledger's rule.
    let who = if crate::ledger::contains_words(text, who) {
        who
    } else {
        ""
    };
    Credit {
        text: text.to_string(),
        who: who.to_string(),
        paragraph: p.number,
        carried: false,
    }
}

/// The noun phrase ending at token `last`, back to a clause break: the
/// subject of a verb, or what "according to" names. `None` when it holds a
/// number or is longer than eight words.
fn phrase_before(p: &Para, last: usize, range: &std::ops::Range<usize>) -> Option<usize> {
    let mut first = last + 1;
    while first > range.start {
        let k = first - 1;
        if p.mention_at(k).is_some() {
            return None;
        }
        let lower = p.lower(k);
        // A subject is a noun phrase: "the Ministry of Interior", not "It should be".
        let inner = matches!(lower.as_str(), "of" | "the" | "a" | "an" | "for" | "and");
        if PRONOUNS.contains(&lower.as_str()) && first == last + 1 {
            first = k; // "he said"
            break;
        }
        if super::vocab::is_stop(&lower) && !inner {
            break;
        }
        let apposition = p.is(k, ',')
            && k > range.start
            && first <= last
            && p.word(first).starts_with(char::is_uppercase)
            && p.word(k - 1).starts_with(char::is_uppercase)
            && first == last;
        if (p.is_break(k) && !apposition) || CLAUSE.contains(&lower.as_str()) {
            break;
        }
        first = k;
    }
    (first <= last && last + 1 - first <= 8).then_some(first)
}

/// "according to the Ministry of Interior", "according to figures released by …".
fn according_to(p: &Para, at: usize, range: &std::ops::Range<usize>) -> Option<Credit> {
    if p.lower(at) != "according" || p.lower(at + 1) != "to" {
        return None;
    }
    let mut last = at + 1;
    while last + 1 < range.end
        && !p.is_break(last + 1)
        && p.mention_at(last + 1).is_none()
        && last - at < 10
    {
        last += 1;
    }
    if last == at + 1 {
        return None;
    }
    // "according to figures released by the ministry", "a report of the City
    // Traffic Police", "a damage assessment by the PDMA": the ministry, the
    // police, the PDMA.
    let named = (at + 2..=last)
        .find(|&k| p.lower(k) == "by" || (p.lower(k) == "of" && names_nobody(p.word(k - 1))))
        .map_or(at + 2, |k| k + 1);
    if named > last {
        return None;
    }
    // "… of the City Traffic Police released on Tuesday": the name ends
    // before the verb.
    if let Some(v) = (named + 1..=last).find(|&k| super::vocab::is_verb_like(&p.lower(k))) {
        last = v - 1;
    }
    Some(credit(p, at, last, p.span(named, last)))
}

/// "the treasurer said", "the Harbour Cyber Unit … has identified", "said the minister",
/// "council treasurer Amina Qureshi told reporters", "Briefings revealed that".
fn by_verb(p: &Para, at: usize, range: &std::ops::Range<usize>) -> Option<Credit> {
    let verb = p.lower(at);
    if !VERBS.contains(&verb.as_str()) || !p.is_word(at) {
        return None;
    }
    let mut subject_end = at;
    while subject_end > range.start && BETWEEN.contains(&p.lower(subject_end - 1).as_str()) {
        subject_end -= 1;
    }
    // What follows: "told reporters", "revealed that".
    let mut last = at;
    if verb == "told" {
        while last + 1 < range.end
            && p.is_word(last + 1)
            && last - at < 3
            && !super::vocab::is_stop(&p.lower(last + 1))
        {
            last += 1;
        }
    }
    if p.lower(last + 1) == "that" && last + 1 < range.end {
        last += 1;
    }
    if subject_end > range.start && !p.is_break(subject_end - 1) {
        // "the reported accounts": a verb form after a determiner is an adjective.
        if matches!(
            p.lower(subject_end - 1).as_str(),
            "the" | "a" | "an" | "these" | "those"
        ) {
            return None;
        }
        let first = phrase_before(p, subject_end - 1, range)?;
        let who = p.span(first, subject_end - 1);
        let named = who.split_whitespace().any(|w| {
            let lower = w.to_lowercase();
            w.chars().any(char::is_alphabetic)
                && (!super::vocab::is_stop(&lower) || PRONOUNS.contains(&lower.as_str()))
        });
        return named.then(|| credit(p, first, last, who));
    }
    // "the city's police chief, Mira Dole, told reporters": a name set off by
    // commas is the subject, and the words before it describe it.
    if subject_end >= range.start + 3 && p.is(subject_end - 1, ',') {
        if let Some(first) = phrase_before(p, subject_end - 2, range) {
            let name = p.span(first, subject_end - 2);
            let capitalised = name
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase));
            if capitalised && first > range.start && p.is(first - 1, ',') {
                let lead = phrase_before(p, first - 2, range).filter(|_| first >= range.start + 2);
                return Some(credit(p, lead.unwrap_or(first), last, name));
            }
            if capitalised && first == range.start {
                return Some(credit(p, first, last, name));
            }
        }
    }
    // "Ghulam Rasool, 52, a farmer from Kachho, said": the name that opens
    // the sentence, described between commas.
    let name_end = (range.start..subject_end)
        .take_while(|&j| p.is_word(j) && p.word(j).starts_with(char::is_uppercase))
        .last();
    if let Some(e) = name_end.filter(|&e| {
        e > range.start && p.is(e + 1, ',') && p.is(subject_end.saturating_sub(1), ',')
    }) {
        return Some(credit(p, range.start, last, p.span(range.start, e)));
    }
    // ", said the minister": the subject after the verb.
    let mut end = at;
    while end + 1 < range.end && p.is_word(end + 1) && end - at < 6 {
        end += 1;
    }
    (end > at).then(|| credit(p, at, end, p.span(at + 1, end)))
}

/// Urdu: "X کے مطابق" (according to X), "X نے بتایا" / "نے کہا" (X said),
/// "X کا کہنا ہے" (X says).
fn urdu(p: &Para, at: usize, range: &std::ops::Range<usize>) -> Option<Credit> {
    const SAY: [&str; 7] = ["بتایا", "کہا", "انکشاف", "اعلان", "دعویٰ", "بتائی", "کہنا"];
    let (w0, w1) = (p.word(at), p.word(at + 1));
    let mut last = match (w0, w1) {
        ("کے", "مطابق") => at + 1,
        // "X نے منگل کے روز کہا", "X نے بتایا": the verb within a few words.
        ("نے", _) => (at + 1..(at + 6).min(range.end)).find(|&v| SAY.contains(&p.word(v)))?,
        ("کا" | "کی", "کہنا") => at + 1,
        _ => return None,
    };
    if matches!(p.word(last + 1), "کیا" | "کیے" | "کہ" | "ہے" | "تھا") && last + 1 < range.end
    {
        last += 1;
    }
    if at == range.start || last >= range.end {
        return None;
    }
    // The subject back to a break, a postposition or a verb; a genitive
    // ("محکمہ ریلیف کے حکام") stays inside it.
    let mut first = at;
    while first > range.start
        && !p.is_break(first - 1)
        && p.toks[first - 1].kind == Kind::Word
        && at - first < 8
        && (!super::vocab::is_urdu_stop(p.word(first - 1))
            || matches!(p.word(first - 1), "کے" | "کی" | "کا"))
    {
        first -= 1;
    }
    while first < at && matches!(p.word(first), "کے" | "کی" | "کا") {
        first += 1;
    }
    if first == at {
        return None;
    }
    let subject = p.span(first, at - 1);
    // "X کے نقصانات کے جائزے کے مطابق": according to X's assessment, X.
    let document = ["رپورٹ", "جائزے", "جائزہ", "بیان", "اعداد", "ڈیٹا"];
    let who = match subject.split_once([' ']).map(|_| subject) {
        Some(s) if document.iter().any(|d| s.contains(d)) => s
            .split(" کے ")
            .next()
            .unwrap_or(s)
            .split(" کی ")
            .next()
            .unwrap_or(s),
        _ => subject,
    };
    Some(credit(p, first, last, who))
}

/// Whether the sentence of tokens `range` goes on from the one before, so
/// that the credit of the one before is its credit too: it opens with
/// "these", "of them", "of which", "among them", "he said"…, or with "The"
/// and a noun the sentence before counted ("The reported accounts include").
pub(crate) fn continues(
    p: &Para,
    range: &std::ops::Range<usize>,
    earlier_units: &[String],
) -> bool {
    let w: Vec<String> = p.words_of(range.start..range.end.min(range.start + 4));
    let first = w.first().map_or("", String::as_str);
    let two = w.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
    if matches!(
        first,
        "these" | "those" | "they" | "he" | "she" | "ان" | "جن"
    ) || matches!(
        two.as_str(),
        "of these"
            | "of them"
            | "of which"
            | "of whom"
            | "among them"
            | "the same"
            | "of those"
            | "of the"
    ) {
        return true;
    }
    first == "the"
        && w.iter().skip(1).take(2).any(|x| {
            let lemma = super::vocab::lemma(x);
            earlier_units
                .iter()
                .any(|u| super::vocab::lemma(u) == lemma)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::audit::Paragraph;

    fn credit_of(text: &str, number: &str) -> Option<(String, String)> {
        let para = Paragraph {
            number: 1,
            line: 1,
            text: text.to_string(),
        };
        let p = Para::new(&para, 0);
        let i = p.mentions.iter().position(|m| m.printed == number).unwrap();
        let k = p.token_of(i).unwrap();
        in_sentence(&p, p.sentence_of(k), k).map(|c| (c.text, c.who))
    }

    fn is(text: &str, number: &str, words: &str, who: &str) {
        assert_eq!(
            credit_of(text, number),
            Some((words.to_string(), who.to_string())),
            "{text}"
        );
    }

    #[test]
    fn english_credits() {
        is(
            "Briefings revealed that operations resulted in 206 deaths.",
            "206",
            "Briefings revealed that",
            "",
        );
        is(
            "Over the past three months, the HPA Cyber Unit Northshore has identified 924 accounts.",
            "924",
            "the HPA Cyber Unit Northshore has identified",
            "HPA Cyber Unit Northshore",
        );
        is(
            "Besides, the HPA Cyber Unit, Northshore has reported a total of 28 apps.",
            "28",
            "the HPA Cyber Unit, Northshore has reported",
            "HPA Cyber Unit, Northshore",
        );
        is(
            "It rose by Rs 2 crore, council treasurer Amina Qureshi told reporters.",
            "Rs 2 crore",
            "council treasurer Amina Qureshi told reporters",
            "council treasurer Amina Qureshi",
        );
        is(
            "The treasurer said spending would rise by 15 percent.",
            "15 percent",
            "The treasurer said",
            "treasurer",
        );
        is(
            "According to the Ministry of Interior, 800 people were arrested.",
            "800",
            "According to the Ministry of Interior",
            "Ministry of Interior",
        );
        is(
            "Some 40 people died, sources told Dawn.",
            "40",
            "sources told Dawn",
            "",
        );
        is(
            "The toll was 40, said the health minister.",
            "40",
            "said the health minister",
            "health minister",
        );
        assert_eq!(
            credit_of("Roads will receive Rs 5 crore in 2025.", "Rs 5 crore"),
            None
        );
        assert_eq!(
            credit_of("It should be noted that 10 members met.", "10"),
            None
        );
        assert_eq!(
            credit_of("The reported accounts include 487 on Chatterbox.", "487"),
            None
        );
        is("The toll was 40, he said.", "40", "he said", "");
    }

    #[test]
    fn urdu_credits() {
        is(
            "وزارت داخلہ کے مطابق ۸۰۰ افراد گرفتار ہوئے۔",
            "۸۰۰",
            "وزارت داخلہ کے مطابق",
            "وزارت داخلہ",
        );
        is(
            "ذرائع کے مطابق ۸۰۰ افراد گرفتار ہوئے۔",
            "۸۰۰",
            "ذرائع کے مطابق",
            "",
        );
        is(
            "پولیس نے بتایا کہ ۱۲ افراد زخمی ہوئے۔",
            "۱۲",
            "پولیس نے بتایا کہ",
            "پولیس",
        );
    }
}
