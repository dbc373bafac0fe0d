//! The languages the engine publishes in: how each writes numbers and
//! dates, which way it reads, and the engine's own sentences in it.
//!
//! A story is written in one language (`language` in the story file) and
//! may publish its charts in others too (each chart's `editions`). English
//! is the engine's own; Urdu is written right to left in the Arabic script,
//! with its numbers in Eastern Arabic-Indic digits (`۱۲٬۳۴۵٫۶`) or Western
//! ones, as the story file chooses.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::format::{self, Display};
use crate::numbers::Qualifier;

/// A language the engine publishes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Urdu.
    Ur,
}

impl Lang {
    /// Every language, in the order the story file's errors list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ur];

    /// The BCP 47 code: `en`, `ur`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
        }
    }

    /// True for a language written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ur
    }

    /// The HTML `dir` of the language: `ltr` or `rtl`.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// How a language's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    /// Eastern Arabic-Indic digits, with the Arabic separators and percent
    /// sign: `۱۲٬۳۴۵٫۶`, `۴۱٫۷٪`.
    #[default]
    Eastern,
    /// Western digits: `12,345.6`, `41.7%`.
    Western,
}

/// A language as a story writes it: its digits, and the names it gives
/// the outlets and the people the reports credit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locale {
    /// The language.
    pub lang: Lang,
    /// Its digits (Urdu only; English is always written in Western digits).
    pub digits: Digits,
    /// Outlet names in this language, by source id.
    pub outlets: BTreeMap<String, String>,
    /// Names of whom the reports credit, in this language, by the ledger's
    /// `attributed_to`.
    pub credits: BTreeMap<String, String>,
}

/// Urdu scale words, by the ledger's.
fn urdu_scale(word: &str) -> Option<&'static str> {
    Some(match word {
        "thousand" => "ہزار",
        "lakh" => "لاکھ",
        "million" => "ملین",
        "crore" => "کروڑ",
        "billion" => "ارب",
        "trillion" => "ٹریلین",
        _ => return None,
    })
}

/// An Urdu currency name, written after the number, by ISO code.
fn urdu_currency(code: &str) -> String {
    match code {
        "PKR" | "INR" | "LKR" | "NPR" => "روپے".to_string(),
        "USD" => "ڈالر".to_string(),
        "EUR" => "یورو".to_string(),
        "GBP" => "پاؤنڈ".to_string(),
        other => other.to_string(),
    }
}

impl Locale {
    /// English, as the engine writes it.
    pub fn english() -> Locale {
        Locale::default()
    }

    /// True for the engine's own English.
    pub fn is_english(&self) -> bool {
        self.lang == Lang::En
    }

    /// Number text written with this language's digits and separators.
    pub fn digits(&self, s: &str) -> String {
        if self.lang != Lang::Ur || self.digits == Digits::Western {
            return s.to_string();
        }
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '\u{066C}',
                '.' => '\u{066B}',
                '%' => '\u{066A}',
                other => other,
            })
            .collect()
    }

    /// A value exactly as stored, with separators: `7,984`, `۷٬۹۸۴`.
    pub fn number(&self, v: f64) -> String {
        self.digits(&format::number(v))
    }

    /// A share as a percentage: `33.8%`, `۳۳٫۸٪`.
    pub fn percent(&self, v: f64) -> String {
        self.digits(&format::percent(v))
    }

    /// Money: `Rs 12 crore`, `۱۲ کروڑ روپے`.
    pub fn amount(&self, v: f64, currency: &str, scale: Option<&str>) -> String {
        if self.lang == Lang::En {
            return format::amount(v, currency, scale);
        }
        let scaled = format::amount(v, "", scale);
        let mut words: Vec<String> = scaled
            .split(' ')
            .map(|w| urdu_scale(w).map_or_else(|| self.digits(w), str::to_string))
            .collect();
        if !currency.is_empty() {
            words.push(urdu_currency(currency));
        }
        words.join(" ")
    }

    /// A value as `display` says to show it, in this language.
    pub fn show(&self, v: f64, display: Display, unit: &str, scale: Option<&str>) -> String {
        match (self.lang, display) {
            (Lang::En, _) => format::show(v, display, unit, scale),
            (_, Display::Amount) => self.amount(v, unit, scale),
            (_, Display::Per) if !unit.is_empty() => {
                format!("{} فی {unit}", self.digits(&format::ratio(v)))
            }
            _ => self.digits(&format::show(v, display, unit, scale)),
        }
    }

    /// `shown` with hedge `q`: "over 5,000", "۵٬۰۰۰ سے زائد".
    pub fn hedged(&self, q: Option<Qualifier>, shown: &str) -> String {
        let Some(q) = q else {
            return shown.to_string();
        };
        if self.lang == Lang::En {
            return format!("{} {shown}", q.words());
        }
        match q {
            Qualifier::Over => format!("{shown} سے زائد"),
            Qualifier::Under => format!("{shown} سے کم"),
            Qualifier::AtLeast => format!("کم از کم {shown}"),
            Qualifier::AtMost => format!("زیادہ سے زیادہ {shown}"),
            Qualifier::About => format!("تقریباً {shown}"),
            Qualifier::Nearly => format!("{shown} سے کچھ کم"),
        }
    }

    /// A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) in words: `3 December
    /// 2024`, `۳ دسمبر ۲۰۲۴`.
    pub fn date(&self, d: &str) -> String {
        if self.lang == Lang::En {
            return crate::ledger::series::date_words(d);
        }
        let parts: Vec<&str> = d.split('-').collect();
        let month = |m: &str| {
            m.parse::<usize>()
                .ok()
                .and_then(|m| crate::numbers::URDU_MONTHS.get(m.wrapping_sub(1)))
                .copied()
                .unwrap_or("?")
        };
        let text = match parts.as_slice() {
            [y, m] => format!("{} {y}", month(m)),
            [y, m, day] => format!("{} {} {y}", day.trim_start_matches('0'), month(m)),
            _ => d.to_string(),
        };
        self.digits(&text)
    }

    /// Items joined as a list: "a, b and c", "الف، ب اور ج".
    pub fn and_list(&self, items: &[String]) -> String {
        match (self.lang, items) {
            (Lang::En, _) => crate::util::and_list(items),
            (_, []) => String::new(),
            (_, [one]) => one.clone(),
            (_, [init @ .., last]) => format!("{} اور {last}", init.join("، ")),
        }
    }

    /// The separator of a list of marks: `, ` or `، `.
    pub fn comma(&self) -> &'static str {
        if self.lang == Lang::En { ", " } else { "، " }
    }

    /// The separator between the items of a long list: `; ` or `؛ `.
    pub fn semicolon(&self) -> &'static str {
        if self.lang == Lang::En { "; " } else { "؛ " }
    }
}

/// True for the characters of the Arabic script's blocks, in which Urdu is
/// written.
pub fn is_arabic_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// True when `text` holds any character of the Arabic script.
pub fn has_arabic_script(text: &str) -> bool {
    text.chars().any(is_arabic_script)
}

/// A name (an outlet's, or whom a figure is credited to) in `loc`'s
/// language: the story's own for it in `names` (by `key`), or the ledger's
/// `ledger` name when that is already written in the language's script
/// (an Urdu report's credit in an Urdu chart); none when it needs one.
pub fn name_in(
    loc: &Locale,
    names: &BTreeMap<String, String>,
    key: &str,
    ledger: &str,
) -> Option<String> {
    if let Some(n) = names.get(key) {
        return Some(n.clone());
    }
    (loc.lang.is_rtl() == has_arabic_script(ledger)).then(|| ledger.to_string())
}

/// One of the engine's fixed sentences on charts, in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    /// A change chart's note on panels drawn at scales of their own.
    PanelsOwnScale,
    /// A unit chart's key, one unit a square: `{what}`.
    SquareIsOne,
    /// A unit chart's key, `{n}` units a square: `{what}`, `{n}`.
    SquareIsMany,
    /// A source line for one report that names who gave the figures:
    /// `{who}`, `{outlet}`, `{date}`.
    Attributed,
    /// A source line for one report that does not: `{outlet}`, `{date}`.
    Unattributed,
    /// Before a source line of one report.
    Source,
    /// Before a source line of several.
    Sources,
    /// Named beside the people a report credits, for its other figures.
    NotAttributed,
    /// Before the link to a chart's data file.
    Data,
}

impl Say {
    /// The sentence in `lang`.
    pub fn in_lang(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english(),
            Lang::Ur => self.urdu(),
        }
    }

    fn english(self) -> &'static str {
        match self {
            Say::PanelsOwnScale => {
                "Each panel has a scale of its own, from zero: compare bars within a panel, not across panels."
            }
            Say::SquareIsOne => "Each square stands for one of the {what}.",
            Say::SquareIsMany => {
                "Each square stands for {n} of the {what}; a part-filled square, for fewer than {n}."
            }
            Say::Attributed => "{who}, as reported by {outlet}, {date}",
            Say::Unattributed => "{outlet}, {date}, which does not say who gave the figures",
            Say::Source => "Source: ",
            Say::Sources => "Sources: ",
            Say::NotAttributed => "figures it does not attribute",
            Say::Data => "Data: ",
        }
    }

    fn urdu(self) -> &'static str {
        match self {
            Say::PanelsOwnScale => {
                "ہر خانے کا پیمانہ الگ ہے اور صفر سے شروع ہوتا ہے: پٹیوں کا موازنہ ایک ہی خانے کے اندر کریں، مختلف خانوں کے درمیان نہیں۔"
            }
            Say::SquareIsOne => "ہر مربع {what} میں سے ایک کو ظاہر کرتا ہے۔",
            Say::SquareIsMany => {
                "ہر مربع {what} میں سے {n} کو ظاہر کرتا ہے؛ جزوی طور پر بھرا مربع {n} سے کم کو۔"
            }
            Say::Attributed => "{who}، بحوالہ {outlet}، {date}",
            Say::Unattributed => "{outlet}، {date}، جس نے یہ نہیں بتایا کہ اعداد و شمار کس نے دیے",
            Say::Source => "ماخذ: ",
            Say::Sources => "ذرائع: ",
            Say::NotAttributed => "وہ اعداد و شمار جن کا ذریعہ رپورٹ نہیں بتاتی",
            Say::Data => "ڈیٹا: ",
        }
    }
}

/// Urdu proportion words and the fraction each names.
const URDU_FRACTIONS: [(f64, &str); 10] = [
    (0.1, "دسواں حصہ"),
    (0.2, "پانچواں حصہ"),
    (0.25, "ایک چوتھائی"),
    (1.0 / 3.0, "ایک تہائی"),
    (0.5, "نصف"),
    (0.5, "آدھے"),
    (0.5, "آدھا"),
    (0.5, "آدھی"),
    (2.0 / 3.0, "دو تہائی"),
    (0.75, "تین چوتھائی"),
];

/// A share in Urdu words: "تقریباً ایک تہائی", "نصف سے زائد"; the
/// percentage when no phrase fits.
pub fn urdu_fraction_words(x: f64, loc: &Locale) -> String {
    if x == 1.0 {
        return "تمام".to_string();
    }
    let named = |slack: f64| {
        URDU_FRACTIONS
            .iter()
            .filter(|(_, w)| !w.starts_with('آ'))
            .find(|(f, _)| (x - f).abs() <= slack)
            .map(|(_, w)| *w)
    };
    if let Some(w) = named(0.0005) {
        return w.to_string();
    }
    if let Some(w) = named(0.025) {
        return format!("تقریباً {w}");
    }
    if (0.9..1.0).contains(&x) {
        return "تقریباً تمام".to_string();
    }
    if x > 0.5 && x < 1.0 {
        return "نصف سے زائد".to_string();
    }
    loc.percent(x)
}

/// A proportion phrase found in Urdu text: its words, the range of values
/// it allows, and whether it names a multiple.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// The words as found.
    pub words: String,
    /// The lowest value the words allow.
    pub low: f64,
    /// The highest.
    pub high: f64,
    /// True for a multiple ("دوگنا"), false for a fraction.
    pub multiple: bool,
}

/// The proportion phrases in Urdu `text`: a fraction ("ایک تہائی", "نصف"),
/// with the hedge before or after it ("تقریباً", "سے زائد", "سے کم"),
/// "زیادہ تر" and "اکثریت" (most), "تقریباً تمام" (nearly all), and
/// multiples ("دوگنا", "تین گنا"), each as whole words.
pub fn urdu_phrases(text: &str) -> Vec<Phrase> {
    let mut candidates: Vec<(String, f64, f64, bool)> = Vec::new();
    let e = 1e-9;
    for (f, w) in URDU_FRACTIONS {
        let slack = 0.025;
        for more in ["سے زائد", "سے زیادہ"] {
            candidates.push((format!("{w} {more}"), f + e, 1.0, false));
        }
        candidates.push((format!("{w} سے کم"), 0.0, f - e, false));
        for about in ["تقریباً", "لگ بھگ"] {
            candidates.push((format!("{about} {w}"), f - slack, f + slack, false));
        }
        candidates.push((w.to_string(), f - slack, f + slack, false));
    }
    for most in ["زیادہ تر", "اکثریت"] {
        candidates.push((most.to_string(), 0.5 + e, 1.0, false));
    }
    candidates.push(("تقریباً تمام".to_string(), 0.9, 1.0 - e, false));
    for (w, m) in [
        ("دوگنا", 2.0),
        ("دگنا", 2.0),
        ("تین گنا", 3.0),
        ("چار گنا", 4.0),
    ] {
        candidates.push((w.to_string(), m * 0.95, m * 1.05, true));
    }
    // Longest first, so that "نصف سے زائد" is one phrase, not "نصف".
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0.chars().count()));
    let mut taken = vec![false; text.len()];
    let mut found: Vec<(usize, Phrase)> = Vec::new();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for (words, low, high, multiple) in candidates {
        for (at, m) in text.match_indices(&words) {
            let end = at + m.len();
            if letter(text[..at].chars().next_back())
                || letter(text[end..].chars().next())
                || taken[at..end].iter().any(|t| *t)
            {
                continue;
            }
            taken[at..end].iter_mut().for_each(|t| *t = true);
            found.push((
                at,
                Phrase {
                    words: words.clone(),
                    low,
                    high,
                    multiple,
                },
            ));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, p)| p).collect()
}

/// Hedge words typed into Urdu text, right before a placeholder (`before`)
/// or right after it (`after`), that the placeholder writes itself.
pub fn urdu_typed_hedge<'a>(before: &'a str, after: &'a str) -> Option<&'a str> {
    const BEFORE: [&str; 5] = ["کم از کم", "زیادہ سے زیادہ", "تقریباً", "لگ بھگ", "قریباً"];
    const AFTER: [&str; 4] = ["سے زائد", "سے زیادہ", "سے کم", "سے کچھ کم"];
    let b = before.trim_end();
    let a = after.trim_start();
    BEFORE
        .iter()
        .find(|h| b.ends_with(*h))
        .map(|h| &b[b.len() - h.len()..])
        .or_else(|| {
            AFTER
                .iter()
                .find(|h| a.starts_with(*h))
                .map(|h| &a[..h.len()])
        })
}

/// The period a figure covers, in Urdu: its dates, marked where the
/// ledger inferred them; the report's own words, quoted, where its dates
/// are inferred from them.
pub fn urdu_period(f: &crate::ledger::Figure, loc: &Locale) -> String {
    let mark = |field: &str| {
        if f.inferred(field).is_some() {
            " (اخذ شدہ)"
        } else {
            ""
        }
    };
    let inferred = f.inferred("period_start").is_some() || f.inferred("period_end").is_some();
    if inferred && !f.period_text.is_empty() {
        return format!("\u{201c}{}\u{201d} (رپورٹ کے الفاظ)", f.period_text);
    }
    let d = |x: &str| loc.date(x);
    match (&f.period_start, &f.period_end) {
        (Some(s), Some(e)) if s == e => format!("{}{}", d(s), mark("period_end")),
        (Some(s), Some(e)) => format!(
            "{}{} تا {}{}",
            d(s),
            mark("period_start"),
            d(e),
            mark("period_end")
        ),
        (None, Some(e)) => format!("{}{} تک، آغاز نہیں بتایا گیا", d(e), mark("period_end")),
        (Some(s), None) => format!("{}{} سے", d(s), mark("period_start")),
        (None, None) => "مدت نہیں بتائی گئی".to_string(),
    }
}
