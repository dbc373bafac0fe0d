//! The words the drafter knows: nouns that name people, units of time, words
//! that are officials' rather than ours, the little words that end a noun
//! phrase, in English and Urdu; and the story-wide vocabulary that gives the
//! same noun the same unit everywhere.

use std::collections::BTreeMap;

/// Words that end the noun phrase after a number (prepositions, conjunctions,
/// determiners, auxiliaries).
const STOP: [&str; 92] = [
    "of",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "by",
    "with",
    "during",
    "since",
    "until",
    "till",
    "across",
    "under",
    "over",
    "against",
    "about",
    "after",
    "before",
    "between",
    "among",
    "into",
    "through",
    "within",
    "without",
    "per",
    "via",
    "including",
    "than",
    "as",
    "like",
    "upon",
    "toward",
    "towards",
    "around",
    "behind",
    "beyond",
    "near",
    "and",
    "or",
    "but",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "while",
    "whereas",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "it",
    "they",
    "he",
    "she",
    "we",
    "each",
    "every",
    "all",
    "so",
    "if",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
];
const MORE_STOP: [&str; 10] = [
    "do", "does", "did", "not", "also", "still", "only", "already", "yet", "out",
];

/// Whether an English word (lower case) ends a noun phrase.
pub(crate) fn is_stop(w: &str) -> bool {
    STOP.contains(&w) || MORE_STOP.contains(&w)
}

/// Urdu words that end the noun phrase after a number: postpositions,
/// conjunctions, the verbs "to be" and "to do", relative pronouns.
const URDU_STOP: [&str; 40] = [
    "کو",
    "کے",
    "کی",
    "کا",
    "میں",
    "سے",
    "پر",
    "نے",
    "تک",
    "اور",
    "یا",
    "جو",
    "جس",
    "جن",
    "ہے",
    "ہیں",
    "تھا",
    "تھے",
    "تھی",
    "تھیں",
    "گیا",
    "گئے",
    "گئی",
    "گئیں",
    "کیا",
    "کیے",
    "کئے",
    "ہوئے",
    "ہوئیں",
    "ہو",
    "ہوا",
    "ہوئی",
    "بھی",
    "سمیت",
    "والے",
    "والی",
    "کہ",
    "لیے",
    "لئے",
    "رہے",
];

/// Whether an Urdu word ends a noun phrase.
pub(crate) fn is_urdu_stop(w: &str) -> bool {
    URDU_STOP.contains(&w)
}

/// Urdu words that come before the noun they describe ("new", "other",
/// "social media"), skipped when looking for the noun a number counts.
const URDU_BEFORE_NOUN: [&str; 20] = [
    "اضافی",
    "امدادی",
    "دیہی",
    "سرکاری",
    "نجی",
    "زخمی",
    "نئے",
    "نئی",
    "نیا",
    "مختلف",
    "دیگر",
    "مزید",
    "کل",
    "تمام",
    "بڑے",
    "چھوٹے",
    "سوشل",
    "میڈیا",
    "مبینہ",
    "مشتبہ",
];

/// Whether an Urdu word describes the noun after it.
pub(crate) fn is_urdu_adjective(w: &str) -> bool {
    URDU_BEFORE_NOUN.contains(&w)
}

/// English nouns that name people; counted in the unit `people`.
const PEOPLE: [&str; 66] = [
    "people",
    "deaths",
    "fatalities",
    "casualties",
    "persons",
    "person",
    "individuals",
    "individual",
    "terrorists",
    "militants",
    "militant",
    "insurgents",
    "rebels",
    "extremists",
    "criminals",
    "suspects",
    "accused",
    "civilians",
    "civilian",
    "soldiers",
    "troops",
    "personnel",
    "officers",
    "officials",
    "policemen",
    "police",
    "children",
    "child",
    "kids",
    "students",
    "pupils",
    "teachers",
    "women",
    "woman",
    "men",
    "man",
    "girls",
    "boys",
    "workers",
    "employees",
    "labourers",
    "patients",
    "victims",
    "residents",
    "citizens",
    "voters",
    "applicants",
    "candidates",
    "prisoners",
    "inmates",
    "detainees",
    "migrants",
    "refugees",
    "staff",
    "doctors",
    "nurses",
    "journalists",
    "pilgrims",
    "passengers",
    "tourists",
    "farmers",
    "traders",
    "miscreants",
    "separatists",
    "outlaws",
    "dacoits",
];

/// English words after a number that say what happened to people ("206
/// killed"): the number counts people.
const PEOPLE_VERBS: [&str; 14] = [
    "killed",
    "dead",
    "died",
    "injured",
    "wounded",
    "hurt",
    "arrested",
    "detained",
    "martyred",
    "abducted",
    "missing",
    "displaced",
    "rescued",
    "evacuated",
];

/// Urdu nouns with the unit they count in.
const URDU_NOUNS: [(&str, &str); 104] = [
    ("افراد", "people"),
    ("لڑکیاں", "people"),
    ("لڑکیوں", "people"),
    ("لڑکے", "people"),
    ("لڑکوں", "people"),
    ("طالبات", "people"),
    ("طالبعلموں", "people"),
    ("بچیاں", "people"),
    ("بچیوں", "people"),
    ("فرد", "people"),
    ("لوگ", "people"),
    ("لوگوں", "people"),
    ("شہری", "people"),
    ("شہریوں", "people"),
    ("دہشت", "people"),
    ("دہشتگرد", "people"),
    ("دہشتگردوں", "people"),
    ("شدت", "people"),
    ("عسکریت", "people"),
    ("بچے", "people"),
    ("بچوں", "people"),
    ("طلبہ", "people"),
    ("طلباء", "people"),
    ("اساتذہ", "people"),
    ("خواتین", "people"),
    ("مرد", "people"),
    ("ملزمان", "people"),
    ("ملزم", "people"),
    ("مریض", "people"),
    ("مریضوں", "people"),
    ("ہلاک", "people"),
    ("زخمی", "people"),
    ("جاں", "people"),
    ("شہید", "people"),
    ("گرفتار", "people"),
    ("ملازمین", "people"),
    ("اہلکار", "people"),
    ("اہلکاروں", "people"),
    ("مسافر", "people"),
    ("ووٹرز", "people"),
    ("اکاؤنٹس", "accounts"),
    ("اکاؤنٹ", "accounts"),
    ("اکاونٹس", "accounts"),
    ("مقدمات", "cases"),
    ("مقدمے", "cases"),
    ("کیسز", "cases"),
    ("کیس", "cases"),
    ("آپریشنز", "operations"),
    ("آپریشن", "operations"),
    ("کارروائیاں", "operations"),
    ("کارروائیوں", "operations"),
    ("درخواستیں", "applications"),
    ("درخواستوں", "applications"),
    ("اسکول", "schools"),
    ("اسکولوں", "schools"),
    ("سکول", "schools"),
    ("انکوائریاں", "inquiries"),
    ("انکوائریز", "inquiries"),
    ("ایپلیکیشنز", "applications"),
    ("ایپس", "applications"),
    ("واقعات", "incidents"),
    ("گاڑیاں", "vehicles"),
    ("گاڑیوں", "vehicles"),
    ("ووٹ", "votes"),
    ("ہسپتال", "hospitals"),
    ("اسپتال", "hospitals"),
    ("گھر", "houses"),
    ("گھروں", "houses"),
    ("مکانات", "houses"),
    ("تنظیمیں", "organisations"),
    ("گھرانے", "households"),
    ("گھرانوں", "households"),
    ("متاثرین", "people"),
    ("خاندان", "families"),
    ("خاندانوں", "families"),
    ("دیہات", "villages"),
    ("گاؤں", "villages"),
    ("خیمے", "tents"),
    ("خیموں", "tents"),
    ("کیمپ", "camps"),
    ("کیمپوں", "camps"),
    ("مکان", "houses"),
    ("دکانیں", "shops"),
    ("دکانوں", "shops"),
    ("شکایات", "complaints"),
    ("اموات", "people"),
    ("ہلاکتیں", "people"),
    ("مزدور", "people"),
    ("کسان", "people"),
    ("کسانوں", "people"),
    ("ڈاکٹر", "people"),
    ("ڈاکٹرز", "people"),
    ("طالب", "people"),
    ("ایکڑ", "acres"),
    ("کلومیٹر", "km"),
    ("ٹن", "tonnes"),
    ("لیٹر", "litres"),
    ("درخت", "trees"),
    ("مویشی", "cattle"),
    ("بھینسیں", "buffaloes"),
    ("بکریاں", "goats"),
    ("چیک", "cheques"),
    ("کاؤنٹر", "counters"),
    ("ووٹوں", "votes"),
];

/// Units of time, English (singular and plural) and Urdu, with the unit.
const TIME: [(&str, &str); 33] = [
    ("day", "days"),
    ("days", "days"),
    ("week", "weeks"),
    ("weeks", "weeks"),
    ("month", "months"),
    ("months", "months"),
    ("year", "years"),
    ("years", "years"),
    ("hour", "hours"),
    ("hours", "hours"),
    ("decade", "decades"),
    ("decades", "decades"),
    ("minute", "minutes"),
    ("minutes", "minutes"),
    ("دن", "days"),
    ("دنوں", "days"),
    ("روز", "days"),
    ("ہفتے", "weeks"),
    ("ہفتوں", "weeks"),
    ("ہفتہ", "weeks"),
    ("ماہ", "months"),
    ("مہینے", "months"),
    ("مہینوں", "months"),
    ("مہینہ", "months"),
    ("سال", "years"),
    ("سالوں", "years"),
    ("برس", "years"),
    ("گھنٹے", "hours"),
    ("گھنٹوں", "hours"),
    ("منٹ", "minutes"),
    ("qtr", "quarters"),
    ("quarter", "quarters"),
    ("quarters", "quarters"),
];

/// The unit of time a word names ("months" for "month", "ماہ").
pub(crate) fn time_unit(w: &str) -> Option<&'static str> {
    TIME.iter().find(|(x, _)| *x == w).map(|(_, u)| *u)
}

/// Words the officials or the report use for people or acts that are not
/// neutral: we only ever quote them.
pub(crate) const LOADED: [&str; 15] = [
    "terrorists",
    "militants",
    "insurgents",
    "miscreants",
    "extremists",
    "criminals",
    "rebels",
    "separatists",
    "outlaws",
    "dacoits",
    "infiltrators",
    "martyred",
    "elimination",
    "anti-state",
    "anti-state elements",
];

/// Nouns that name no one when they credit a figure ("briefings revealed",
/// "sources said", "the report said").
const NOBODY: [&str; 20] = [
    "briefings",
    "briefing",
    "sources",
    "source",
    "report",
    "reports",
    "data",
    "figures",
    "statistics",
    "documents",
    "document",
    "records",
    "record",
    "estimates",
    "it",
    "this",
    "ذرائع",
    "رپورٹ",
    "بریفنگ",
    "اعداد",
];

/// Words that name no one in particular on their own ("officials said").
const GENERIC: [&str; 8] = [
    "officials",
    "official",
    "an",
    "a",
    "the",
    "some",
    "unnamed",
    "حکام",
];

/// Whether words that credit a figure name no one: a document or unnamed
/// sources ("briefings", "the weekly report", "sources"), or officials
/// with nothing to say whose ("officials said"; but not "relief department
/// officials").
pub(crate) fn names_nobody(who: &str) -> bool {
    let last = who.split_whitespace().last().unwrap_or("").to_lowercase();
    who.split_whitespace().count() <= 3 && NOBODY.contains(&last.as_str())
        || who.split_whitespace().all(|w| {
            let w = w.to_lowercase();
            NOBODY.contains(&w.as_str()) || GENERIC.contains(&w.as_str())
        })
}

/// The lemma of an English noun: "inquiries" → "inquiry", "accounts" → "account".
pub(crate) fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{s}y");
    }
    for end in ["ches", "shes", "sses", "xes"] {
        if let Some(s) = w.strip_suffix(end) {
            return format!("{s}{}", &end[..end.len() - 2]);
        }
    }
    match w.strip_suffix('s') {
        Some(s) if !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i') && s.len() > 1 => {
            s.to_string()
        }
        _ => w,
    }
}

/// Whether an English word looks like a plural noun.
pub(crate) fn is_plural(w: &str) -> bool {
    let w = w.to_lowercase();
    if PEOPLE.contains(&w.as_str()) && w != "person" && w != "individual" && w != "child" {
        return !matches!(w.as_str(), "woman" | "man" | "civilian" | "militant");
    }
    w.len() >= 3
        && w.is_ascii()
        && w.ends_with('s')
        && !w.contains(['\'', '’'])
        && ![
            "ss", "us", "is", "ous", "news", "series", "means", "has", "was", "its", "this", "gas",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// Whether an English word looks like a verb form ("involved", "marked",
/// "sharing"), which ends the noun phrase after a number.
pub(crate) fn is_verb_like(w: &str) -> bool {
    let w = w.to_lowercase();
    (w.ends_with("ed") && !w.ends_with("eed") && w.len() > 3) || (w.ends_with("ing") && w.len() > 5)
}

/// What a noun counts: "people" for the nouns that name people, else the
/// noun itself. Gives the unit and, for people, the noun as printed.
pub(crate) fn unit_of(noun: &str) -> (String, Option<String>) {
    let lower = noun.to_lowercase();
    if PEOPLE.contains(&lower.as_str()) || PEOPLE_VERBS.contains(&lower.as_str()) {
        return ("people".into(), Some(noun.to_string()));
    }
    if let Some((_, u)) = URDU_NOUNS.iter().find(|(w, _)| *w == noun) {
        return (u.to_string(), (*u == "people").then(|| noun.to_string()));
    }
    (lower, None)
}

/// Whether an Urdu word is a noun the drafter knows.
pub(crate) fn is_urdu_noun(w: &str) -> bool {
    URDU_NOUNS.iter().any(|(x, _)| *x == w)
}

/// Whether a word (lower case) says what happened to people ("killed").
pub(crate) fn is_people_verb(w: &str) -> bool {
    PEOPLE_VERBS.contains(&w)
}

/// The story-wide vocabulary: each noun's unit, so that "account" and
/// "accounts" (or "Accounts") count in one unit everywhere.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    by_lemma: BTreeMap<String, String>,
}

impl Vocabulary {
    /// Whether a noun (singular or plural) has been given a unit already.
    pub fn knows(&self, noun: &str) -> bool {
        noun.is_ascii() && self.by_lemma.contains_key(&lemma(noun))
    }

    /// The unit for a noun: the first plural form seen of its lemma, or the
    /// noun made plural. Units that are not English words are kept as they are.
    pub fn unit(&mut self, unit: &str) -> String {
        if !unit.is_ascii() || unit.is_empty() {
            return unit.to_string();
        }
        let lemma = lemma(unit);
        let plural = if is_plural(unit) {
            unit.to_lowercase()
        } else {
            plural(&lemma)
        };
        self.by_lemma.entry(lemma).or_insert(plural).clone()
    }
}

/// An English noun made plural: "inquiry" → "inquiries", "account" → "accounts".
pub(crate) fn plural(w: &str) -> String {
    if let Some(s) = w
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        return format!("{s}ies");
    }
    if ["s", "x", "ch", "sh"].iter().any(|e| w.ends_with(e)) {
        return format!("{w}es");
    }
    format!("{w}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_and_units() {
        assert_eq!(lemma("inquiries"), "inquiry");
        assert_eq!(lemma("accounts"), "account");
        assert_eq!(lemma("status"), "status");
        assert_eq!(plural("inquiry"), "inquiries");
        assert_eq!(plural("day"), "days");
        assert!(is_plural("accounts") && is_plural("people") && !is_plural("various"));
        assert!(is_verb_like("involved") && is_verb_like("sharing") && !is_verb_like("meetings"));
        assert_eq!(
            unit_of("terrorists"),
            ("people".into(), Some("terrorists".into()))
        );
        assert_eq!(unit_of("Operations").0, "operations");
        assert_eq!(unit_of("اکاؤنٹس").0, "accounts");
        let mut v = Vocabulary::default();
        assert_eq!(v.unit("account"), "accounts");
        assert_eq!(v.unit("Accounts"), "accounts");
        assert_eq!(v.unit("inquiry"), "inquiries");
        assert!(
            names_nobody("Briefings") && names_nobody("the report") && !names_nobody("the council")
        );
    }
}
