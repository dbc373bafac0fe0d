//! What one number is, from the words around it: its kind (a count, money, a
//! period length, a date, a printed share or change…), its unit (the noun it
//! counts), what it counts, or why it is left out (an age, a label, a time of
//! day).

use super::period::{self, Day};
use super::text::{Kind as T, Para};
use super::vocab;
use crate::ledger::Kind;
use crate::numbers::{MentionKind, Qualifier};

/// A derived number the report prints, by what it derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derived {
    /// A share: "21 percent of the applications", "two-thirds of the money".
    Share,
    /// A change between two values: "an increase of Rs 2 crore"; `up` is
    /// false for a fall ("fell by 5").
    Change { up: bool },
    /// A relative change: "rose by 15 percent".
    PercentChange { up: bool },
    /// So many per unit of time: "55 applications a day".
    PerTime(&'static str),
    /// A multiple: "three-fold".
    Fold,
    /// "one in five".
    OneIn,
}

/// What the drafter reads of one number.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    /// The paragraph, and the mention's index and token in it.
    pub para: u32,
    pub mention: usize,
    pub tok: usize,
    /// The last token it spans ("one in five" spans three).
    pub last_tok: usize,
    /// The sentence, counted across the text.
    pub sentence: usize,
    /// The words to print: the number, or the number with its unit
    /// ("three months", "10-member", "one in five").
    pub printed: String,
    pub value: Option<f64>,
    pub kind: Kind,
    pub unit: String,
    /// What it counts, in plain words (officials' words quoted).
    pub counts: String,
    pub qualifier: Option<Qualifier>,
    pub scale: Option<String>,
    /// For a date: the date, and why its year was inferred.
    pub date: Option<(String, Option<String>)>,
    /// Why it is left out, for exclusions.csv.
    pub exclusion: Option<String>,
    /// A derived number the report prints.
    pub derived: Option<Derived>,
    /// Whether the noun it counts stands right after it.
    pub own_noun: bool,
    /// Notes for the reviewer.
    pub notes: Vec<String>,
}

/// Words after "of" that make "N of the X" a part of X: X is what N counts.
const DETERMINERS: [&str; 10] = [
    "the", "his", "her", "their", "its", "these", "those", "all", "our", "my",
];

/// Words before a number that make it a telephone or helpline number.
const PHONES: [&str; 8] = [
    "helpline", "hotline", "phone", "tel", "dial", "uan", "sms", "call",
];

/// Words before a number that make it a label, not a quantity.
const LABELS: [&str; 22] = [
    "section",
    "article",
    "clause",
    "rule",
    "chapter",
    "no",
    "number",
    "room",
    "flight",
    "route",
    "highway",
    "phase",
    "grade",
    "level",
    "stage",
    "version",
    "page",
    "pp",
    "vol",
    "paragraph",
    "schedule",
    "item",
];

/// Words before a change ("an increase of", "fell by"): whether it goes up.
const CHANGES: [(&str, bool); 22] = [
    ("increase", true),
    ("increased", true),
    ("rise", true),
    ("rose", true),
    ("grew", true),
    ("growth", true),
    ("jump", true),
    ("jumped", true),
    ("up", true),
    ("gain", true),
    ("surge", true),
    ("higher", true),
    ("decrease", false),
    ("decreased", false),
    ("fall", false),
    ("fell", false),
    ("drop", false),
    ("dropped", false),
    ("declined", false),
    ("decline", false),
    ("down", false),
    ("reduction", false),
];

impl Reading {
    fn new(p: &Para, i: usize, tok: usize) -> Reading {
        let m = &p.mentions[i];
        Reading {
            para: p.number,
            mention: i,
            tok,
            last_tok: tok,
            sentence: p.toks[tok].sentence,
            printed: m.printed.clone(),
            value: m.value,
            kind: Kind::Count,
            unit: String::new(),
            counts: String::new(),
            qualifier: m.qualifier,
            scale: None,
            date: None,
            exclusion: None,
            derived: None,
            own_noun: false,
            notes: Vec::new(),
        }
    }
}

/// Reads mention `i` of the paragraph.
pub(crate) fn read(p: &Para, i: usize, report: Day) -> Reading {
    let tok = p.token_of(i).unwrap_or(0);
    let mut r = Reading::new(p, i, tok);
    let m = &p.mentions[i];
    if let Some(why) = left_out(p, tok) {
        r.exclusion = Some(why);
        return r;
    }
    match m.kind {
        MentionKind::Date => {
            r.kind = Kind::Date;
            r.unit = "date".into();
            r.value = None;
            r.date = period::date(&m.printed, report);
            r.counts = "A date the report prints".into();
        }
        MentionKind::Percent => {
            r.kind = Kind::Percent;
            r.unit = "percent".into();
            r.derived = Some(
                match change_before(p, tok).or_else(|| change_near(p, tok)) {
                    Some(up) => Derived::PercentChange { up },
                    None => Derived::Share,
                },
            );
            r.counts = "The percentage the report prints".into();
        }
        MentionKind::Amount => {
            r.kind = Kind::Amount;
            r.unit = m.currency.clone().unwrap_or_default();
            r.scale = crate::numbers::SCALES
                .iter()
                .find(|(w, _)| m.printed.to_lowercase().contains(w))
                .map(|(w, _)| w.to_string());
            r.counts = amount_counts(p, tok);
            if let Some(up) = change_before(p, tok) {
                r.kind = Kind::Change;
                r.derived = Some(Derived::Change { up });
                r.counts = "The change the report prints".into();
            }
        }
        MentionKind::Fraction => {
            r.kind = Kind::Fraction;
            r.unit = "share".into();
            r.derived = Some(Derived::Share);
            r.counts = "The share the report prints".into();
        }
        MentionKind::Fold => {
            r.kind = Kind::Ratio;
            r.unit = "times".into();
            r.derived = Some(Derived::Fold);
            r.counts = "The multiple the report prints".into();
        }
        MentionKind::Number => number(p, &mut r),
    }
    fit_kind(&mut r);
    r
}

/// A kind the value cannot have (a count of 1.5, a date with no date) is
/// drafted as `other`, with the reason, so that the story builds at once.
fn fit_kind(r: &mut Reading) {
    let v = r.value.unwrap_or(0.0);
    let whole = v >= 0.0 && v.fract() == 0.0;
    let why = match r.kind {
        Kind::Count | Kind::GroupSize if !whole => Some("not a whole number"),
        Kind::PeriodLength | Kind::Deadline | Kind::OneIn if v <= 0.0 => Some("not above zero"),
        Kind::Fraction if !(0.0..=1.0).contains(&v) => Some("not between 0 and 1"),
        Kind::Date if r.date.is_none() => {
            r.exclusion = Some(format!(
                "A date the drafter could not read (\"{}\"); give it a figure row if it matters",
                r.printed
            ));
            None
        }
        _ => None,
    };
    if let Some(why) = why {
        r.notes.push(format!(
            "Drafted as `other`: as a {}, the value is {why}.",
            r.kind
        ));
        r.kind = Kind::Other;
        r.derived = None;
    }
}

/// Why the number at token `k` is not a quantity: a label ("Section 144",
/// "COVID-19"), a time of day ("10am", "10:30"), an age ("aged 30", "30-year-old",
/// "people under 30").
fn left_out(p: &Para, k: usize) -> Option<String> {
    let m = p.mention_at(k)?;
    if m.kind != MentionKind::Number {
        return None;
    }
    let printed = &m.printed;
    let before = k.checked_sub(1).map(|b| p.lower(b)).unwrap_or_default();
    if p.toks[k].glued
        && k > 0
        && (p.is(k - 1, '-') && k > 1 && p.is_word(k - 2) && p.toks[k - 1].glued
            || p.is_word(k - 1))
        && p.word(k - 1).is_ascii()
    {
        let start = if p.is(k - 1, '-') { k - 2 } else { k - 1 };
        return Some(format!(
            "Part of a name (\"{}\"), not a quantity",
            p.span(start, k)
        ));
    }
    // "2023-24": the second year of a fiscal year.
    if p.toks[k].glued
        && k >= 2
        && p.is(k - 1, '-')
        && super::period::year_at(p, k - 2).is_some()
        && m.printed.len() == 2
    {
        return Some(format!(
            "Part of the fiscal year \"{}\", not a quantity",
            p.span(k - 2, k)
        ));
    }
    let label = LABELS.contains(&before.trim_end_matches('.'))
        && p.word(k - 1).starts_with(char::is_uppercase);
    if label || PHONES.contains(&before.as_str()) {
        return Some(format!(
            "A label (\"{}\"), not a quantity",
            p.span(k - 1, k)
        ));
    }
    // "one whose house was damaged": a pronoun, not a number.
    if printed.eq_ignore_ascii_case("one")
        && matches!(
            p.lower(k + 1).as_str(),
            "who" | "whose" | "which" | "that" | "another"
        )
    {
        return Some("\"one\" used as a pronoun, not a number".to_string());
    }
    let after = p.lower(k + 1);
    if matches!(
        after.as_str(),
        "am" | "pm" | "a.m" | "p.m" | "o'clock" | "hrs"
    ) || (p.is(k + 1, ':') && p.toks.get(k + 1).is_some_and(|t| t.glued))
    {
        return Some(format!(
            "A time of day (\"{}\"), not a quantity",
            p.span(k, k + 1)
        ));
    }
    age(p, k, printed)
}

/// An age: "aged 30", "age of 18", "30-year-old", "30 years old", "people under 30".
fn age(p: &Para, k: usize, printed: &str) -> Option<String> {
    let w = |i: usize| p.lower(i);
    let before = k.checked_sub(1).map(w).unwrap_or_default();
    let two_before = k.checked_sub(2).map(w).unwrap_or_default();
    let hyphen_old =
        p.is(k + 1, '-') && w(k + 2) == "year" && p.is(k + 3, '-') && w(k + 4).starts_with("old");
    let years_old = matches!(w(k + 1).as_str(), "years" | "year") && w(k + 2) == "old";
    // "aged 30", "age of 18", "aged between 18 and 30", "younger than 18",
    // "aged 18 or above", Urdu "۵۲ سالہ".
    let clause = (k.saturating_sub(4)..k)
        .rev()
        .take_while(|&j| !p.is_break(j) && p.mention_at(j).is_none())
        .map(w)
        .collect::<Vec<_>>();
    // "aged between 18 and 30", "aged 18 to 30": the second of two ages.
    let second = matches!(before.as_str(), "and" | "to" | "or")
        && k >= 2
        && p.mention_at(k - 2).is_some()
        && {
            let back = (k.saturating_sub(6)..k - 2)
                .rev()
                .take_while(|&j| !p.is_break(j) && p.mention_at(j).is_none());
            back.map(w).any(|x| x == "aged" || x == "ages")
        };
    let aged = second
        || matches!(before.as_str(), "aged" | "ages")
        || (before == "of" && two_before == "age")
        || clause.iter().any(|x| x == "aged" || x == "ages")
        || matches!(
            (two_before.as_str(), before.as_str()),
            ("younger" | "older", "than")
        )
        || p.word(k + 1) == "سالہ";
    // "Ghulam Rasool, 52, a farmer": a number set off by commas after a name.
    let apposed = k >= 2
        && p.is(k - 1, ',')
        && p.is(k + 1, ',')
        && p.word(k - 2).starts_with(char::is_uppercase)
        && matches!(w(k + 2).as_str(), "a" | "an" | "who" | "the")
        && p.mention_at(k)
            .and_then(|m| m.value)
            .is_some_and(|v| (1.0..120.0).contains(&v));
    // "people under 30": a hedge with no noun after it, after words that name people.
    let hedged = matches!(before.as_str(), "under" | "over" | "above" | "below")
        && p.is_break(k + 1)
        && (2..=4).any(|d| {
            k >= d && vocab::unit_of(&w(k - d)).0 == "people" && !vocab::is_people_verb(&w(k - d))
        });
    (hyphen_old || years_old || aged || hedged || apposed)
        .then(|| format!("An age (\"{printed}\"), not a quantity to analyse"))
}

/// Whether the words right before token `k` make it a change, and which way.
fn change_before(p: &Para, k: usize) -> Option<bool> {
    let back = |d: usize| k.checked_sub(d).map(|i| p.lower(i)).unwrap_or_default();
    let (b1, b2, b3) = (back(1), back(2), back(3));
    // "made up 56% of": what a part is of a whole, not a change.
    if b1 == "up" && matches!(b2.as_str(), "made" | "make" | "makes" | "making") {
        return None;
    }
    let word = match (b1.as_str(), b2.as_str()) {
        ("of" | "by", "a" | "an") => &b3,
        ("of" | "by", _) => &b2,
        _ => &b1,
    };
    // "rose by over 5%": the hedge stands between the verb and the number.
    let hedged = p.mention_at(k).and_then(|m| m.qualifier).is_some();
    let word = if hedged && !CHANGES.iter().any(|(w, _)| w == word) {
        &b3
    } else {
        word
    };
    CHANGES.iter().find(|(w, _)| w == word).map(|(_, up)| *up)
}

/// Whether a percentage states a change by the words of its clause: "The
/// increase of Rs 400 million is 20 percent", Urdu "۲۰ فیصد اضافہ" (a 20
/// percent increase) or "کمی" (decrease).
fn change_near(p: &Para, k: usize) -> Option<bool> {
    // "a 35 percent increase", "19% higher", "۲۰ فیصد اضافہ".
    match p.lower(k + 1).as_str() {
        "اضافہ" | "increase" | "rise" | "jump" | "growth" | "surge" | "higher" => {
            return Some(true);
        }
        "کمی" | "decrease" | "fall" | "drop" | "decline" | "reduction" | "cut" | "lower" => {
            return Some(false);
        }
        _ => {}
    }
    let s = p.sentence_of(k);
    let from = (s.start..k)
        .rev()
        .take(8)
        .take_while(|&j| !p.is(j, ',') && !p.is(j, ';'))
        .last()?;
    (from..k).find_map(|j| match p.lower(j).as_str() {
        "increase" | "rise" | "growth" | "jump" | "surge" => Some(true),
        "decrease" | "fall" | "drop" | "decline" | "reduction" => Some(false),
        _ => None,
    })
}

/// What an amount pays for: "Money for roads", "A budget", from "a budget of
/// Rs 12 crore" or "Rs 5 crore for roads".
fn amount_counts(p: &Para, k: usize) -> String {
    let s = p.sentence_of(k);
    if k >= 2 && p.lower(k - 1) == "of" && p.is_word(k - 2) && !vocab::is_stop(&p.lower(k - 2)) {
        return crate::util::capitalise(&p.lower(k - 2));
    }
    if p.lower(k + 1) == "for" && k + 2 < s.end && p.is_word(k + 2) {
        let mut last = k + 2;
        while last + 1 < s.end
            && p.is_word(last + 1)
            && !vocab::is_stop(&p.lower(last + 1))
            && last - k < 5
        {
            last += 1;
        }
        return format!("Money for {}", p.span(k + 2, last));
    }
    "An amount of money".into()
}

/// A number in digits or words: a count, a period length, a deadline, a
/// group's size, a rate, a year or "one in N".
fn number(p: &Para, r: &mut Reading) {
    let k = r.tok;
    let year = period::year_at(p, k).is_some()
        && noun_after(p, k).is_none_or(|(h, _)| vocab::time_unit(&p.lower(h)).is_some());
    if let Some(n) = one_in(p, k) {
        r.kind = Kind::OneIn;
        r.value = p.mentions[n].value;
        r.last_tok = k + 2;
        r.printed = p.span(k, k + 2).to_string();
        r.derived = Some(Derived::OneIn);
        r.counts = "One in so many, as the report prints it".into();
        if let Some((h, _)) = noun_after(p, k + 2) {
            r.unit = vocab::unit_of(p.word(h)).0;
        }
    } else if year {
        r.kind = Kind::Date;
        r.unit = "date".into();
        r.date = r.value.map(|v| (format!("{:04}", v as i32), None));
        r.value = None;
        r.counts = "A year the report prints".into();
    } else if p.is(k + 1, '-') && p.toks.get(k + 1).is_some_and(|t| t.glued) && p.is_word(k + 2) {
        compound(p, r);
    } else if let Some(unit) = vocab::time_unit(&p.word(k + 1).to_lowercase()) {
        time(p, r, unit);
    } else if let Some(per) = per_time(p, k) {
        counted(p, r);
        r.kind = Kind::Ratio;
        r.derived = Some(Derived::PerTime(per));
        r.counts = format!(
            "{} a {}, as the report prints it",
            crate::util::capitalise(&r.unit),
            per.trim_end_matches('s')
        );
    } else if let Some(up) = change_before(p, k) {
        counted(p, r);
        r.kind = Kind::Change;
        r.derived = Some(Derived::Change { up });
        r.counts = "The change the report prints".into();
    } else if matches!(k.checked_sub(1).map(|b| p.lower(b)).as_deref(), Some("of"))
        && k >= 2
        && matches!(
            p.lower(k - 2).as_str(),
            "team" | "panel" | "committee" | "delegation" | "force" | "body" | "board"
        )
    {
        r.kind = Kind::GroupSize;
        r.unit = "members".into();
        r.counts = format!("Members of the {}", p.lower(k - 2));
    } else {
        counted(p, r);
    }
}

/// "10-member", "90-day", "30-year-old", "10-point".
fn compound(p: &Para, r: &mut Reading) {
    let k = r.tok;
    let word = p.lower(k + 2);
    r.printed = p.span(k, k + 2).to_string();
    r.last_tok = k + 2;
    if matches!(
        word.as_str(),
        "member" | "strong" | "person" | "man" | "men" | "women"
    ) {
        r.kind = Kind::GroupSize;
        r.unit = "members".into();
        r.counts = noun_after(p, k + 2).map_or("Members".into(), |(head, first)| {
            format!("Members of the {}", p.span(first, head))
        });
    } else if let Some(unit) = vocab::time_unit(&word) {
        r.kind = Kind::PeriodLength;
        r.unit = unit.to_string();
        r.counts = noun_after(p, k + 2).map_or("Length of a period".into(), |(head, first)| {
            format!("Length of the {}", p.span(first, head))
        });
    } else {
        r.kind = Kind::Other;
        r.unit = word.clone();
        r.counts = format!("A number in the compound word \"{}\"", r.printed);
        r.notes
            .push("A number in a compound word; check whether it is a quantity to analyse.".into());
    }
}

/// A number of units of time: a period length, a deadline ("within seven
/// days"), or how long ago ("three months ago").
fn time(p: &Para, r: &mut Reading, unit: &str) {
    let k = r.tok;
    r.unit = unit.to_string();
    r.printed = p.span(k, k + 1).to_string();
    r.last_tok = k + 1;
    let before = k.checked_sub(1).map(|b| p.lower(b)).unwrap_or_default();
    if before == "within" || p.lower(k + 2) == "deadline" {
        r.kind = Kind::Deadline;
        r.counts = "A time limit the report gives".into();
    } else if matches!(p.lower(k + 2).as_str(), "ago" | "back" | "earlier")
        || p.word(k + 2) == "قبل"
        || p.word(k + 2) == "پہلے"
    {
        r.kind = Kind::Other;
        r.counts = "How long ago something happened".into();
    } else {
        r.kind = Kind::PeriodLength;
        r.counts = "Length of the period".into();
    }
}

/// The noun right after token `k` that a number there counts: its token (the
/// head) and the first token of its phrase. English: the first plural word of
/// the phrase before a stop word or a verb form ("924 social media accounts
/// involved"); Urdu: the first word that is not an adjective.
pub(crate) fn noun_after(p: &Para, k: usize) -> Option<(usize, usize)> {
    let s = p.sentence_of(k);
    let value_one = p.mention_at(k).and_then(|m| m.value) == Some(1.0);
    let mut words = Vec::new();
    let mut j = k + 1;
    // An Urdu hedge after the number ("ڈیڑھ سو سے زائد مریض") stands before its noun.
    if matches!(
        (p.word(j), p.word(j + 1)),
        ("سے", "زائد" | "زیادہ" | "کم" | "اوپر") | ("کے", "قریب")
    ) {
        j += 2;
    }
    // "31 of the deaths", "four of his buffaloes", "18,930 of the 61,200 sites".
    if p.lower(j) == "of" && DETERMINERS.contains(&p.lower(j + 1).as_str()) && j + 2 < s.end {
        let mut at = j + 2;
        if p.word(at).ends_with("'s") || p.word(at).ends_with("’s") {
            at += 1;
        }
        if p.mention_at(at).is_some() {
            return noun_after(p, at);
        }
        j = at;
    }
    let mut place = false;
    // A compound adjective joined by hyphens ("out-of-school children",
    // "door-to-door visits") is passed over to the noun it describes; it
    // is still part of what the number counts.
    let mut opened: Option<usize> = None;
    let glued = |i: usize| p.toks.get(i).is_some_and(|t| t.glued);
    while j < s.end && p.is_word(j) && p.is(j + 1, '-') && glued(j + 1) && glued(j + 2) {
        let mut end = j + 2;
        while p.is(end + 1, '-') && glued(end + 1) && glued(end + 2) {
            end += 2;
        }
        if !p.is_word(end) || !p.is_word(end + 1) {
            break;
        }
        opened.get_or_insert(j);
        j = end + 1;
    }
    while j < s.end && words.len() < 5 && p.toks[j].kind == T::Word {
        let w = p.word(j);
        let lower = w.to_lowercase();
        let urdu = !w.is_ascii();
        if (urdu && vocab::is_urdu_stop(w)) || (!urdu && vocab::is_stop(&lower)) {
            // "۳۰۵ دیہی علاقوں میں": a place the number is in, not what it counts.
            place = urdu && matches!(w, "میں" | "سے" | "پر" | "تک");
            break;
        }
        if !urdu && vocab::is_verb_like(&lower) && !vocab::is_people_verb(&lower) {
            // A verb form is an adjective only before another word of the phrase.
            if !p.is_word(j + 1)
                || vocab::is_stop(&p.lower(j + 1))
                || vocab::is_verb_like(&p.lower(j + 1))
            {
                break;
            }
        }
        words.push(j);
        j += 1;
    }
    let first = opened.unwrap_or(*words.first()?);
    // In a list ("۸۱۲ کیس شہر میں، ۳۰۵ دیہی علاقوں میں") the noun is given once;
    // what follows a later number before "میں" is a place.
    let listed = (s.start..k).any(|j| p.mention_at(j).is_some());
    if place && listed && !words.iter().any(|&h| vocab::is_urdu_noun(p.word(h))) {
        return None;
    }
    let head = words.iter().copied().find(|&h| {
        let w = p.word(h);
        if w.is_ascii() {
            vocab::is_plural(w)
                || vocab::is_people_verb(&w.to_lowercase())
                || (value_one && h == first)
        } else {
            vocab::is_urdu_noun(w) || !vocab::is_urdu_adjective(w)
        }
    })?;
    let head = if !p.word(head).is_ascii() {
        words
            .iter()
            .copied()
            .find(|&h| vocab::is_urdu_noun(p.word(h)))
            .unwrap_or(head)
    } else {
        head
    };
    Some((head, first))
}

/// A count: its unit from the noun after it, or, failing that, from the
/// sentence (the unit of the number before it, or a plural noun before it).
fn counted(p: &Para, r: &mut Reading) {
    let k = r.tok;
    if let Some((head, first)) = noun_after(p, k) {
        let word = p.word(head);
        let (unit, people) = vocab::unit_of(word);
        r.own_noun = true;
        r.unit = if r.value == Some(1.0) && word.is_ascii() && unit != "people" {
            vocab::plural(&unit)
        } else {
            unit
        };
        r.counts = counts_for(p, first, head, people.as_deref(), word);
        // "600 surveillance teams of four workers each": the size of each.
        if (head + 1..head + 3).any(|j| p.lower(j) == "each") {
            r.kind = Kind::GroupSize;
        }
        return;
    }
    r.counts = place_after(p, k);
    // "The number of people killed … went up from 1,085 to 1,240".
    if let Some(head) = number_of(p, k) {
        let (unit, people) = vocab::unit_of(p.word(head));
        r.unit = unit;
        r.counts = counts_for(p, head, head, people.as_deref(), p.word(head));
    }
}

/// The noun after "the number of" earlier in the sentence of token `k`.
fn number_of(p: &Para, k: usize) -> Option<usize> {
    let s = p.around(k, 40);
    let at = (s.start..k).find(|&j| p.lower(j) == "number" && p.lower(j + 1) == "of")?;
    (at + 2..(at + 5).min(k)).find(|&j| p.is_word(j) && vocab::is_plural(p.word(j)))
}

/// What a count counts, in plain words: the phrase after the number, or
/// "People the report calls "terrorists"" for the officials' words.
fn counts_for(p: &Para, first: usize, head: usize, people: Option<&str>, word: &str) -> String {
    let phrase = p.span(first, head);
    if !word.is_ascii() {
        let unit = vocab::unit_of(word).0;
        return format!(
            "{} (the report: \"{phrase}\")",
            crate::util::capitalise(&unit)
        );
    }
    match people {
        Some(w) if vocab::LOADED.contains(&w.to_lowercase().as_str()) => {
            format!("People the report calls \"{w}\"")
        }
        Some(w) if vocab::is_people_verb(&w.to_lowercase()) => {
            format!("People {}", w.to_lowercase())
        }
        _ => crate::util::capitalise(phrase),
    }
}

/// The words after a number with no noun of its own ("3,200 from the old
/// town"): " from the old town", to be put after the unit.
pub(crate) fn place_after(p: &Para, k: usize) -> String {
    let s = p.sentence_of(k);
    if !matches!(
        p.lower(k + 1).as_str(),
        "on" | "from" | "in" | "at" | "for" | "by" | "under" | "with"
    ) {
        return String::new();
    }
    let mut last = k + 1;
    while last + 1 < s.end
        && p.is_word(last + 1)
        && !matches!(
            p.lower(last + 1).as_str(),
            "and" | "or" | "while" | "whereas"
        )
        && last - k < 6
    {
        last += 1;
    }
    if last == k + 1 {
        return String::new();
    }
    format!(" {}", p.span(k + 1, last))
}

/// "one in five": the mention index of the five.
fn one_in(p: &Para, k: usize) -> Option<usize> {
    let one = p.mention_at(k)?;
    if one.value != Some(1.0) || p.lower(k + 1) != "in" {
        return None;
    }
    match p.toks.get(k + 2)?.kind {
        T::Num(n) if p.mentions[n].kind == MentionKind::Number => Some(n),
        _ => None,
    }
}

/// "55 applications a day", "per month", "daily", "each year": the unit of time.
fn per_time(p: &Para, k: usize) -> Option<&'static str> {
    let s = p.sentence_of(k);
    // "every week" or Urdu "ہر ہفتے" before it in its clause ("ہر ہفتے تقریباً ایک ہزار").
    let lead = (s.start..k)
        .rev()
        .take(4)
        .take_while(|&j| !p.is_break(j))
        .collect::<Vec<_>>();
    for &j in &lead {
        if matches!(p.lower(j).as_str(), "every" | "each" | "ہر") {
            if let Some(u) = vocab::time_unit(&p.lower(j + 1)) {
                return Some(u);
            }
        }
    }
    // After it: "55 applications a day" (in its noun phrase), "arriving every
    // week", "daily" (anywhere in its clause).
    let mut in_phrase = true;
    for j in (k + 1..s.end.min(k + 12)).take_while(|&j| p.is_word(j)) {
        let w = p.lower(j);
        let next = p.lower(j + 1);
        let glued_on = p.is(j + 2, '-') && p.toks.get(j + 2).is_some_and(|t| t.glued);
        let per = matches!(w.as_str(), "per" | "each" | "every") || (w == "a" && in_phrase);
        if per && !glued_on {
            if let Some(u) = vocab::time_unit(&next).filter(|_| !next.ends_with('s')) {
                return Some(u);
            }
        }
        if let Some(u) = match w.as_str() {
            "daily" => Some("days"),
            "weekly" => Some("weeks"),
            "monthly" => Some("months"),
            "annually" | "yearly" => Some("years"),
            _ => None,
        } {
            return Some(u);
        }
        in_phrase &= !vocab::is_stop(&w) || w == "a";
    }
    None
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

    /// (printed, kind, unit, counts) of each number, or the exclusion's reason.
    fn readings(text: &str) -> Vec<(String, String, String, String)> {
        let para = Paragraph {
            number: 1,
            line: 1,
            text: text.to_string(),
        };
        let p = Para::new(&para, 0);
        (0..p.mentions.len())
            .map(|i| read(&p, i, REPORT))
            .map(|r| match r.exclusion {
                Some(why) => (r.printed, "excluded".into(), String::new(), why),
                None => (r.printed, r.kind.as_str().into(), r.unit, r.counts),
            })
            .collect()
    }

    fn first(text: &str) -> (String, String, String, String) {
        readings(text).remove(0)
    }

    #[test]
    fn units_from_the_noun_counted() {
        assert_eq!(
            first("identified 924 social media accounts involved in sharing"),
            (
                "924".into(),
                "count".into(),
                "accounts".into(),
                "Social media accounts".into()
            )
        );
        assert_eq!(
            first("the elimination of 206 terrorists during"),
            (
                "206".into(),
                "count".into(),
                "people".into(),
                "People the report calls \"terrorists\"".into()
            )
        );
        assert_eq!(
            first("there were 82 banned organisations in"),
            (
                "82".into(),
                "count".into(),
                "organisations".into(),
                "Banned organisations".into()
            )
        );
        assert_eq!(
            first("and 14 inquiries have been registered").2,
            "inquiries"
        );
        assert_eq!(first("some 206 killed in the attack").2, "people");
        assert_eq!(first("recovered Rs. 581 million from").2, "PKR");
        assert_eq!(first("۹۲۴ سوشل میڈیا اکاؤنٹس بند").2, "accounts");
        assert_eq!(first("۴۵۰ نئے اسکول کھولے گئے").2, "schools");
    }

    #[test]
    fn kinds_from_the_words_around() {
        let kind = |t: &str| first(t).1;
        assert_eq!(
            kind("Over the past three months, the unit"),
            "period_length"
        );
        assert_eq!(
            first("Over the past three months, the unit").0,
            "three months"
        );
        assert_eq!(kind("reports within seven days"), "deadline");
        assert_eq!(kind("a 10-member joint task force"), "group_size");
        assert_eq!(kind("across the 90-day window"), "period_length");
        assert_eq!(kind("appointed three months ago"), "other");
        assert_eq!(kind("in 2025 the council"), "date");
        assert_eq!(kind("Dec 2: the council"), "date");
        assert_eq!(kind("so one in five applicants was"), "one_in");
        assert_eq!(first("so one in five applicants was").0, "one in five");
        assert_eq!(kind("about 55 applications a day"), "ratio");
        assert_eq!(kind("an increase of Rs 2 crore"), "change");
        assert_eq!(kind("rise by 15 percent"), "percent");
        assert_eq!(kind("گزشتہ تین ماہ میں"), "period_length");
    }

    #[test]
    fn ages_labels_and_times_are_left_out() {
        assert!(first("from people under 30, so").3.starts_with("An age"));
        assert!(first("a 30-year-old man").3.starts_with("An age"));
        assert!(first("Section 144 was imposed").3.starts_with("A label"));
        assert!(first("COVID-19 cases").3.starts_with("Part of a name"));
        assert!(first("at 10am on Monday").3.starts_with("A time of day"));
        assert_eq!(first("12ماہ میں").1, "period_length");
    }
}
