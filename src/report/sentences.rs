//! The methodology's fixed sentences in each language the engine writes:
//! one small table per language, keyed by the English sentence.
//!
//! The report asks for every fixed sentence by its English words
//! ([`say`]); a language other than English gives its own from its table.
//! A test holds the tables to the report: every sentence the report asks
//! for is in every table.

use crate::i18n::Lang;

/// `english` in `lang`: itself in English, the table's entry in another
/// language (English where the table has none, which the tests forbid).
pub(crate) fn say(lang: Lang, english: &'static str) -> &'static str {
    let table = match lang {
        Lang::En => return english,
        Lang::Ur => URDU,
    };
    table
        .iter()
        .find(|(en, _)| *en == english)
        .map_or(english, |(_, theirs)| theirs)
}

/// The Urdu table.
const URDU: &[(&str, &str)] = &[
    ("Methodology: ", "طریقۂ کار: "),
    ("Contents", "فہرست"),
    ("The question", "سوال"),
    ("Sources", "ذرائع"),
    (
        "The reports the figures come from. Their texts are not part of this repository; paragraphs are numbered from 1 as the blocks of a text separated by blank lines.",
        "وہ رپورٹیں جن سے اعداد و شمار لیے گئے۔ ان کے متن اس ذخیرے کا حصہ نہیں؛ پیراگراف ۱ سے گنے جاتے ہیں: متن کا ہر وہ حصہ جو خالی سطروں سے الگ ہو۔",
    ),
    ("Address: ", "پتا: "),
    ("Id: ", "شناخت: "),
    ("; language: ", "؛ زبان: "),
    (
        "Text: kept outside the repository at ",
        "متن: ذخیرے سے باہر، یہاں: ",
    ),
    (
        " (relative to the story folder), SHA-256 ",
        " (کہانی کے فولڈر کے لحاظ سے)، SHA-256 ",
    ),
    (".", "۔"),
    ("; ", "؛ "),
    ("Audit: ", "جانچ: "),
    ("Paragraph ", "پیراگراف "),
    (" is ", ": "),
    ("body text", "متن"),
    ("a caption", "کیپشن"),
    ("a heading", "سرخی"),
    ("a dateline", "ڈیٹ لائن"),
    ("a byline", "بائی لائن"),
    ("other text", "دیگر متن"),
    ("Figures", "اعداد و شمار"),
    (
        "Every figure the ledger records from the reports, as printed, with its value exactly as reported, who the report credits it to, in the report's own words where it gives them, and the period it covers. Inferred dates are marked. Numbers in the texts that are not figures are listed under Audit, each with the reason it is left out.",
        "رپورٹوں سے لیجر میں درج ہر عدد: جیسا شائع ہوا، اس کی قدر بالکل ویسی جیسی بتائی گئی، رپورٹ نے اسے کس سے منسوب کیا (جہاں رپورٹ کے اپنے الفاظ ہوں، انہی الفاظ میں)، اور وہ مدت جس کا وہ احاطہ کرتا ہے۔ اخذ شدہ تاریخیں نشان زد ہیں۔ متن کے وہ اعداد جو اس فہرست میں نہیں، جانچ کے حصے میں درج ہیں، ہر ایک کے ساتھ اسے چھوڑنے کی وجہ۔",
    ),
    ("not stated", "نہیں بتایا گیا"),
    ("Every figure in the ledger", "لیجر کا ہر عدد"),
    ("id", "شناخت"),
    ("report", "رپورٹ"),
    ("¶", "¶"),
    ("printed", "شائع شدہ"),
    ("value", "قدر"),
    ("what it counts", "کیا گنتا ہے"),
    ("credited to", "کس سے منسوب"),
    ("in the report's words", "رپورٹ کے الفاظ میں"),
    ("period", "مدت"),
    (
        "Series and overlapping figures",
        "سلسلے اور ایک دوسرے میں شامل اعداد",
    ),
    (
        "Figures the ledger records as reports of the same quantity (a series), in several reports or releases. They may still differ in what they cover: each figure's period is given in its report's words or dates, marked (inferred) where the ledger inferred it.",
        "وہ اعداد جنہیں لیجر ایک ہی مقدار (ایک سلسلہ) کی خبروں کے طور پر درج کرتا ہے، کئی رپورٹوں یا اجراؤں میں۔ ان کا احاطہ پھر بھی مختلف ہو سکتا ہے: ہر عدد کی مدت اس کی رپورٹ کے الفاظ یا تاریخوں میں دی گئی ہے، اور جہاں لیجر نے اسے اخذ کیا وہاں (inferred) لکھا ہے۔",
    ),
    (" is part of ", " اس کا حصہ ہے: "),
    (
        ": they count some of the same things and are never added together.",
        "؛ دونوں کچھ ایک ہی چیزیں گنتے ہیں، اس لیے انہیں کبھی جمع نہیں کیا جاتا۔",
    ),
    ("Figures that overlap:", "ایک دوسرے میں شامل اعداد:"),
    ("Metrics", "حسابی پیمانے"),
    (
        "Each metric combines the sum of its numerator's figures with the sum of its denominator's: a ratio, a difference or a relative change. Shares are fractions 0–1, shown as percentages. A count of one thing is never shown as a percentage of a count of another: such a ratio is shown per unit, and its description says that the report does not link the two one to one. A bound says which side of it the true value lies on, and why.",
        "ہر پیمانہ اپنے شمار کنندہ کے اعداد کے مجموعے کو اپنے نسب نما کے اعداد کے مجموعے سے ملاتا ہے: ایک تناسب، ایک فرق یا ایک نسبتی تبدیلی۔ حصے ۰ سے ۱ تک کی کسریں ہیں، جو فیصد میں دکھائی جاتی ہیں۔ ایک چیز کی گنتی کو کبھی دوسری چیز کی گنتی کا فیصد نہیں دکھایا جاتا: ایسا تناسب فی اکائی دکھایا جاتا ہے، اور اس کی وضاحت بتاتی ہے کہ رپورٹ دونوں کو ایک ایک کر کے نہیں جوڑتی۔ حد بتاتی ہے کہ اصل قدر اس کی کس طرف ہے، اور کیوں۔",
    ),
    (
        "The changes between two reports of one series, for different periods, are derived as metrics too.",
        "ایک سلسلے کی دو رپورٹوں کے درمیان، مختلف مدتوں کے لیے، تبدیلیاں بھی پیمانوں کے طور پر اخذ کی جاتی ہیں۔",
    ),
    (". Bound: ", "۔ حد: "),
    (
        "Every metric, with its formula and inputs",
        "ہر پیمانہ، اپنے فارمولے اور اعداد کے ساتھ",
    ),
    ("metric", "پیمانہ"),
    ("formula", "فارمولا"),
    ("inputs", "اعداد"),
    ("Findings", "نتائج"),
    (
        "Everything the figures should satisfy, checked. A check that fails is reported, not corrected; where a total fails, the single slips that would explain it are listed as possibilities, never as corrections.",
        "ہر وہ شرط جو اعداد کو پوری کرنی چاہیے، جانچی گئی۔ ناکام جانچ رپورٹ کی جاتی ہے، درست نہیں کی جاتی؛ جہاں کوئی میزان پورا نہ اترے، وہاں وہ اکیلی غلطیاں جو اس کی وجہ ہو سکتی ہیں امکانات کے طور پر درج ہیں، تصحیح کے طور پر کبھی نہیں۔",
    ),
    ("Arithmetic within each report", "ہر رپورٹ کے اندر حساب"),
    (
        "The same arithmetic in other reports",
        "دوسری رپورٹوں میں وہی حساب",
    ),
    (
        "The same figures across reports",
        "مختلف رپورٹوں میں وہی اعداد",
    ),
    (
        "Numbers the reports derive and print",
        "وہ اعداد جو رپورٹیں خود اخذ کر کے شائع کرتی ہیں",
    ),
    ("Parts larger than their wholes", "اپنے کل سے بڑے حصے"),
    ("The audit of the texts", "متن کی جانچ"),
    ("holds", "درست ہے"),
    ("consistent within the hedges", "اندازوں کی حد میں درست"),
    ("same in each report", "ہر رپورٹ میں یکساں"),
    ("does not hold", "درست نہیں"),
    ("sources differ", "ذرائع میں فرق ہے"),
    ("Charts", "چارٹ"),
    (
        "Each chart is drawn from a small table of numbers (its data file); each number is a figure or is computed from figures, as the data file's `figure` column says. Each chart comes wide and narrow; the page shows the one that fits. To embed a chart, use its page in an iframe, as given under it.",
        "ہر چارٹ اعداد کے ایک چھوٹے جدول (اپنی ڈیٹا فائل) سے بنتا ہے؛ ہر عدد لیجر کا ایک عدد ہے یا اعداد سے حساب کیا گیا ہے، جیسا کہ ڈیٹا فائل کا `figure` کالم بتاتا ہے۔ ہر چارٹ چوڑا اور تنگ دونوں صورتوں میں ہے؛ صفحہ وہ دکھاتا ہے جو سما جائے۔ چارٹ کسی صفحے میں لگانے کے لیے اس کا صفحہ iframe میں استعمال کریں، جیسا کہ اس کے نیچے دیا گیا ہے۔",
    ),
    ("In other languages: ", "دوسری زبانوں میں: "),
    ("To embed this chart:", "یہ چارٹ لگانے کے لیے:"),
    ("Audit", "جانچ"),
    ("Excluded: ¶", "خارج: ¶"),
    ("Problem: ", "مسئلہ: "),
    ("Quotations: ", "اقتباسات: "),
    (
        " of the phrases we quote and attribute to this report were found in its text: ",
        " جملے جو ہم اس رپورٹ سے نقل اور منسوب کرتے ہیں، اس کے متن میں ملے، کل: ",
    ),
    ("Attributions: ", "انتساب: "),
    (
        " figures had the words crediting them found in the text, of ",
        " اعداد کے انتساب کے الفاظ متن میں ملے، کل: ",
    ),
    ("Quotations not checked", "اقتباسات جن کی جانچ نہیں ہو سکی"),
    (
        "Quotations in our words that could not be checked, because no text of the report they are attributed to is held:",
        "ہماری تحریر کے وہ اقتباسات جن کی جانچ نہیں ہو سکی، کیونکہ جس رپورٹ سے وہ منسوب ہیں اس کا متن ہمارے پاس نہیں:",
    ),
    (", in ", "، "),
    ("Caveats", "احتیاطی نکات"),
    ("Corrections", "تصحیحات"),
    (
        "Sentences changed after a standards review, each as it stood and why it changed.",
        "معیارات کے جائزے کے بعد بدلے گئے جملے، ہر ایک جیسا تھا اور کیوں بدلا گیا۔",
    ),
    (": we had written ", ": ہم نے لکھا تھا "),
    ("Reproducibility", "دوبارہ تیاری"),
    ("Built by newsfigures ", "newsfigures "),
    (" from the story folder ", " نے کہانی کے فولڈر سے بنایا: "),
    (
        "Rebuild every output with ",
        "ہر نتیجہ دوبارہ بنانے کے لیے: ",
    ),
    (
        ", run from the folder that holds ",
        "، اس فولڈر سے چلائیں جس میں یہ ہو: ",
    ),
    (
        " (in a clone of the newsfigures repository, ",
        " (newsfigures کے ذخیرے کی نقل میں: ",
    ),
    (
        "); check that nothing drifted by adding ",
        ")؛ یہ جانچنے کے لیے کہ کچھ نہیں بدلا، شامل کریں: ",
    ),
    ("SHA-256 of the inputs:", "ماخذ فائلوں کے SHA-256:"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence the report asks for by `say(l, "…")`, from its
    /// source (as rustfmt lays the call out, on one line or several).
    fn asked() -> Vec<String> {
        let mut out = Vec::new();
        for src in [include_str!("mod.rs"), include_str!("html.rs")] {
            let mut rest = src;
            while let Some(i) = rest.find("say(") {
                rest = &rest[i + 4..];
                let args = rest.trim_start();
                let Some(args) = args.strip_prefix('l') else {
                    continue;
                };
                let Some(lit) = args.trim_start().strip_prefix(',') else {
                    continue;
                };
                let Some(lit) = lit.trim_start().strip_prefix('"') else {
                    continue;
                };
                let mut text = String::new();
                let mut chars = lit.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => text.push(chars.next().expect("an escape")),
                        '"' => break,
                        c => text.push(c),
                    }
                }
                out.push(text);
            }
        }
        out
    }

    #[test]
    fn every_sentence_the_report_asks_for_is_in_every_table() {
        let asked = asked();
        assert!(asked.len() > 60, "{}", asked.len());
        for s in &asked {
            assert!(URDU.iter().any(|(en, _)| en == s), "no Urdu for {s:?}");
        }
        // And the table holds nothing the report no longer asks for.
        for (en, ur) in URDU {
            assert!(asked.iter().any(|s| s == en), "unused: {en:?}");
            assert!(!ur.is_empty());
        }
        assert_eq!(say(Lang::En, "Sources"), "Sources");
        assert_eq!(say(Lang::Ur, "Sources"), "ذرائع");
    }
}
