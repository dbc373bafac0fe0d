//! The engine's fixed sentences in each language it writes: one small
//! table per language, keyed by the English sentence.
//!
//! The methodology and the checks ask for every fixed sentence by its
//! English words ([`say`]), or for a sentence with slots (`{name}`) filled
//! in ([`fill`]); a language other than English gives its own from its
//! table, with the same slots in its own order. A test holds the tables to
//! the code: every sentence asked for is in every table, with the same
//! slots, and the tables hold nothing else.
//!
//! Only the engine's words are translated: what the ledger and the story
//! file say (labels, descriptions, units, names) is shown as its authors
//! wrote it, marked with its language where that differs from the page's.

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

/// [`fill`] with values the caller owns.
pub(crate) fn fill_owned(lang: Lang, english: &'static str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(lang, english, &args)
}

/// `english` in `lang` with each `{name}` slot replaced by its value in
/// `args`, in one pass (a value is never read for slots). A slot `args`
/// does not name is left as it is, which the tests forbid.
pub(crate) fn fill(lang: Lang, english: &'static str, args: &[(&str, &str)]) -> String {
    let template = say(lang, english);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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
        "سلسلے اور جزوی طور پر مشترک اعداد",
    ),
    (
        "Figures the ledger records as reports of the same quantity (a series), in several reports or releases. They may still differ in what they cover: each figure's period is given in its report's words or dates, marked (inferred) where the ledger inferred it.",
        "وہ اعداد جنہیں لیجر ایک ہی مقدار (ایک سلسلہ) کی خبروں کے طور پر درج کرتا ہے، کئی رپورٹوں یا اعلامیوں میں۔ ان کا احاطہ پھر بھی مختلف ہو سکتا ہے: ہر عدد کی مدت اس کی رپورٹ کے الفاظ یا تاریخوں میں دی گئی ہے، اور جہاں لیجر نے اسے اخذ کیا وہاں (اخذ شدہ) لکھا ہے۔",
    ),
    (
        "{part} is part of {whole}: they count some of the same things and are never added together.",
        "{part}، {whole} کا حصہ ہے؛ دونوں کچھ ایک ہی چیزیں گنتے ہیں، اس لیے انہیں کبھی جمع نہیں کیا جاتا۔",
    ),
    ("Figures that overlap:", "جزوی طور پر مشترک اعداد:"),
    ("Metrics", "حسابی پیمانے"),
    (
        "Each metric combines the sum of its numerator's figures with the sum of its denominator's: a ratio, a difference or a relative change. Shares are fractions 0–1, shown as percentages. A count of one thing is never shown as a percentage of a count of another: such a ratio is shown per unit, and its description says that the report does not link the two one to one. A bound says which side of it the true value lies on, and why.",
        "ہر پیمانہ اپنے شمار کنندہ کے اعداد کے مجموعے کو اپنے نسب نما کے اعداد کے مجموعے سے ملاتا ہے: ایک تناسب، ایک فرق یا ایک نسبتی تبدیلی۔ حصے ۰ سے ۱ تک کی کسریں ہیں، جو فیصد میں دکھائی جاتی ہیں۔ ایک چیز کی گنتی کو کبھی دوسری چیز کی گنتی کے فیصد کے طور پر نہیں دکھایا جاتا: ایسا تناسب فی اکائی دکھایا جاتا ہے، اور اس کی وضاحت بتاتی ہے کہ رپورٹ دونوں کے درمیان ایک کے مقابل ایک کا تعلق قائم نہیں کرتی۔ حد بتاتی ہے کہ اصل قدر اس کی کس طرف ہے، اور کیوں۔",
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
        "ہر وہ شرط جو اعداد کو پوری کرنی چاہیے، جانچی گئی۔ ناکام جانچ رپورٹ کی جاتی ہے، درست نہیں کی جاتی؛ جہاں کوئی میزان پورا نہ اترے، وہاں وہ ایسی واحد غلطیاں جو اس کی وجہ ہو سکتی ہیں امکانات کے طور پر درج ہیں، تصحیح کے طور پر کبھی نہیں۔",
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
    ("holds", "پوری اترتی ہے"),
    ("consistent within the hedges", "اندازوں کی حد میں ہم آہنگ"),
    ("same in each report", "ہر رپورٹ میں یکساں"),
    ("does not hold", "پوری نہیں اترتی"),
    ("sources differ", "رپورٹوں کے اعداد مختلف ہیں"),
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
        "معیارات کے جائزے کے بعد بدلے گئے جملے: ہر جملہ اپنی پہلی صورت میں، اور اسے بدلنے کی وجہ کے ساتھ۔",
    ),
    (": we had written ", ": ہم نے لکھا تھا "),
    ("Reproducibility", "دوبارہ تیاری"),
    ("Built by newsfigures ", "یہ سب newsfigures "),
    (
        " from the story folder ",
        " نے کہانی کے اس فولڈر سے بنایا: ",
    ),
    (
        "Rebuild every output with ",
        "ہر آؤٹ پٹ فائل دوبارہ بنانے کے لیے: ",
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
    // The figures' kinds, after what a figure counts.
    (" (percent)", " (فیصد)"),
    (" (ratio)", " (تناسب)"),
    (" (fraction)", " (کسر)"),
    (" (change)", " (تبدیلی)"),
    (" (one in)", " (اتنوں میں سے ایک)"),
    (" (date)", " (تاریخ)"),
    (" (period length)", " (مدت کی طوالت)"),
    (" (deadline)", " (آخری تاریخ)"),
    (" (group size)", " (گروہ کا حجم)"),
    (" (other)", " (دیگر)"),
    (
        "{value} in {outlet} ({id}, {period})",
        "{outlet} میں {value} ({id}، {period})",
    ),
    // Counts of things.
    ("{n} problem", "{n} مسئلہ"),
    ("{n} problems", "{n} مسائل"),
    ("{n} figure", "{n} عدد"),
    ("{n} figures", "{n} اعداد"),
    ("{n} relation", "{n} تعلق"),
    ("{n} relations", "{n} تعلقات"),
    ("{n} metric", "{n} پیمانہ"),
    ("{n} metrics", "{n} پیمانے"),
    ("{n} number", "{n} عدد"),
    ("{n} numbers", "{n} اعداد"),
    ("{n} paragraph", "{n} پیراگراف"),
    ("{n} paragraphs", "{n} پیراگراف"),
    // Periods and values in words.
    (" (inferred)", " (اخذ شدہ)"),
    (
        "\u{201c}{words}\u{201d} (the report's words)",
        "\u{201c}{words}\u{201d} (رپورٹ کے الفاظ)",
    ),
    ("{start} to {end}", "{start} سے {end} تک"),
    (
        "until {end}, start not stated",
        "{end} تک، آغاز نہیں بتایا گیا",
    ),
    ("from {start}", "{start} سے"),
    ("period not stated", "مدت نہیں بتائی گئی"),
    ("one in {n}", "ہر {n} میں سے ایک"),
    // The audit's summaries.
    (
        " ({n} of them a draft to check)",
        " (ان میں سے {n} مسودہ ہے جسے جانچنا باقی ہے)",
    ),
    (
        " ({n} of them drafts to check)",
        " (ان میں سے {n} مسودے ہیں جنہیں جانچنا باقی ہے)",
    ),
    (
        "{numbers} in a text of {paragraphs}: {matched} matched to figures{drafts}, {excluded} excluded with a reason, {problems}.",
        "{paragraphs} کے متن میں {numbers}: {matched} لیجر کے اعداد سے ملائے گئے{drafts}، {excluded} وجہ کے ساتھ خارج، {problems}۔",
    ),
    (
        "Not audited: the text of this report is not held here; it is cited by its address, {url}.",
        "جانچ نہیں ہوئی: اس رپورٹ کا متن یہاں موجود نہیں؛ اس کا حوالہ اس کے پتے {url} سے دیا گیا ہے۔",
    ),
    (
        "Not re-checked: the text was not found at {path}.",
        "دوبارہ جانچ نہیں ہوئی: متن {path} پر نہیں ملا۔",
    ),
    (
        "Not re-checked: the text was not found at {path}; the report is at {url}.",
        "دوبارہ جانچ نہیں ہوئی: متن {path} پر نہیں ملا؛ رپورٹ {url} پر ہے۔",
    ),
    (
        "Published although the audit of the texts found {problems} in the numbers: see the audit in the methodology.",
        "متن کی جانچ میں اعداد کے {problems} ملنے کے باوجود شائع کیا گیا: طریقۂ کار میں جانچ کا حصہ دیکھیں۔",
    ),
    // The caveats.
    (
        "Nothing here is independently verified: every figure is as its report gives it.",
        "یہاں کسی بات کی آزادانہ تصدیق نہیں کی گئی: ہر عدد ویسا ہی ہے جیسا اس کی رپورٹ دیتی ہے۔",
    ),
    (
        "{outlet} ({date}) is cited by its address, {url}; its text is not held here, so its figures are not audited against it.",
        "{outlet} ({date}) کا حوالہ اس کے پتے {url} سے دیا گیا ہے؛ اس کا متن یہاں موجود نہیں، اس لیے اس کے اعداد کی جانچ اس کے متن سے نہیں کی گئی۔",
    ),
    (
        "{figures} to {who} ({outlets})",
        "{figures} {who} سے ({outlets})",
    ),
    ("the one figure analysed", "تجزیے میں شامل واحد عدد"),
    ("both figures analysed", "تجزیے میں شامل دونوں اعداد"),
    ("all {n} figures analysed", "تجزیے میں شامل تمام {n} اعداد"),
    (
        "{n} of the {all} figures analysed",
        "تجزیے میں شامل {all} اعداد میں سے {n}",
    ),
    (
        "The reports credit {which} (quantities and the derived numbers they print): {list}.",
        "رپورٹیں {which} (مقداریں اور وہ اخذ شدہ اعداد جو وہ شائع کرتی ہیں) کو یوں منسوب کرتی ہیں: {list}۔",
    ),
    (
        "For {figures} the report does not say who gave it.",
        "{figures} کے بارے میں رپورٹ نہیں بتاتی کہ یہ کس نے دیا۔",
    ),
    (
        "For {figures} the report does not say who gave them.",
        "{figures} کے بارے میں رپورٹ نہیں بتاتی کہ یہ کس نے دیے۔",
    ),
    (
        "{outlet} states no start for the period of {figures}: \"{words}\".",
        "{outlet} نے {figures} کی مدت کا آغاز نہیں بتایا: \u{201c}{words}\u{201d}۔",
    ),
    (
        "{outlet} gives no date or period for {figures}: they may not be as of the report's date.",
        "{outlet} نے {figures} کی کوئی تاریخ یا مدت نہیں دی: ممکن ہے یہ اعداد رپورٹ کی تاریخ کے وقت کے نہ ہوں۔",
    ),
    (
        "Inferred, not printed, for {figures} in {outlet}: the {fields}.",
        "{outlet} میں {figures} کے لیے یہ شائع نہیں ہوئے بلکہ اخذ کیے گئے ہیں: {fields}۔",
    ),
    (
        "Hedged figures are checked as the ranges they allow (a figure given as about a number is taken to be within {about} of it either side, one given as nearly a number up to {nearly} below it): {figures}.",
        "اندازاً دیے گئے اعداد ان حدود کے طور پر جانچے جاتے ہیں جن کی وہ گنجائش دیتے ہیں (جو عدد تقریباً کسی عدد کے برابر بتایا گیا ہو، اسے اس کے دونوں طرف {about} کے اندر مانا جاتا ہے؛ جو کسی عدد سے کچھ کم بتایا گیا ہو، اسے اس سے زیادہ سے زیادہ {nearly} کم مانا جاتا ہے): {figures}۔",
    ),
    (
        "One figure is a draft that nobody has checked yet.",
        "ایک عدد مسودہ ہے جسے ابھی کسی نے نہیں جانچا۔",
    ),
    (
        "One relation is a draft that nobody has checked yet.",
        "ایک تعلق مسودہ ہے جسے ابھی کسی نے نہیں جانچا۔",
    ),
    (
        "One metric is a draft that nobody has checked yet.",
        "ایک پیمانہ مسودہ ہے جسے ابھی کسی نے نہیں جانچا۔",
    ),
    (
        "{drafts} are drafts that nobody has checked yet.",
        "{drafts} مسودے ہیں جنہیں ابھی کسی نے نہیں جانچا۔",
    ),
    (
        "{terms} is the reports' words, quoted; they are not this analysis's description of anyone or anything.",
        "{terms} رپورٹوں کے الفاظ ہیں، جو نقل کیے گئے ہیں؛ یہ اس تجزیے کی طرف سے کسی شخص یا چیز کا بیان نہیں۔",
    ),
    (
        "{terms} are the reports' words, quoted; they are not this analysis's description of anyone or anything.",
        "{terms} رپورٹوں کے الفاظ ہیں، جو نقل کیے گئے ہیں؛ یہ اس تجزیے کی طرف سے کسی شخص یا چیز کا بیان نہیں۔",
    ),
    // The findings: arithmetic within a report.
    ("Consistent", "ہم آہنگ"),
    ("Consistent within the hedges", "اندازوں کی حد میں ہم آہنگ"),
    ("Does not add up", "میزان پورا نہیں"),
    ("Does not hold", "شرط پوری نہیں"),
    (
        "{lead}: {description}; {body}",
        "{lead}: {description}؛ {body}",
    ),
    (
        "{left} and {right} can agree, because some figures are hedged, but the report does not show that they do.",
        "{left} اور {right} میں مطابقت ممکن ہے، کیونکہ کچھ اعداد اندازاً دیے گئے ہیں، لیکن رپورٹ یہ نہیں دکھاتی کہ وہ مطابق ہیں۔",
    ),
    (
        "{left}, matching {right}.",
        "{left}، جو {right} کے مطابق ہے۔",
    ),
    ("{left}, not {right}.", "{left}، جو {right} کے برابر نہیں۔"),
    (
        "{left}, at most {right}.",
        "{left}، یعنی {right} سے زیادہ نہیں۔",
    ),
    (
        "{left}, more than {right}.",
        "{left}، یعنی {right} سے زیادہ۔",
    ),
    (
        "{left}, at least {right}.",
        "{left}، یعنی {right} سے کم نہیں۔",
    ),
    ("{left}, less than {right}.", "{left}، یعنی {right} سے کم۔"),
    (" Gap: {gap} of difference.", " فرق: {gap}۔"),
    (" Gap: {gap} of the {label}.", " فرق: {gap} ({label})۔"),
    (" Gap: {gap} {label}.", " فرق: {gap} {label}۔"),
    (
        " No single slip of the kinds checked (swapped digits, one digit changed, a digit dropped or added, a wrong power of ten, a part counted twice, a subset added as a part) explains it.",
        " جانچی گئی اقسام کی کوئی ایک غلطی (ہندسوں کا آپس میں بدل جانا، ایک ہندسے کا بدلنا، ایک ہندسے کا چھوٹ جانا یا بڑھ جانا، دس کی غلط طاقت، کسی حصے کا دو بار گنا جانا، کسی ذیلی حصے کا الگ حصے کے طور پر جمع ہونا) اس کی وضاحت نہیں کرتی۔",
    ),
    (
        " Possible explanations, none confirmed: {slips}.",
        " ممکنہ وضاحتیں، جن میں سے کسی کی تصدیق نہیں ہوئی: {slips}۔",
    ),
    (
        "two adjacent digits swapped",
        "ساتھ والے دو ہندسوں کی جگہ بدل جانا",
    ),
    ("one digit changed", "ایک ہندسے کا بدل جانا"),
    ("a digit added", "ایک ہندسے کا اضافہ"),
    ("a digit dropped", "ایک ہندسے کا چھوٹ جانا"),
    (
        "the figure for {what} may be {meant} misprinted as {printed} ({how})",
        "ممکن ہے {what} کا اصل عدد {meant} ہو اور غلطی سے {printed} چھپ گیا ہو ({how})",
    ),
    (
        "the figure for {what} may be {meant} printed as {printed} (a wrong power of ten)",
        "ممکن ہے {what} کا اصل عدد {meant} ہو اور {printed} چھپ گیا ہو (دس کی غلط طاقت)",
    ),
    (
        "the total may count {what} ({n}) twice",
        "ممکن ہے میزان میں {what} ({n}) دو بار گنا گیا ہو",
    ),
    (
        "{what} ({n}) may be counted twice among the parts",
        "ممکن ہے حصوں میں {what} ({n}) دو بار گنا گیا ہو",
    ),
    (
        "the total may add {what} ({n}), which is part of {whole}, as if it were a separate part",
        "ممکن ہے میزان میں {what} ({n}) کو، جو {whole} کا حصہ ہے، الگ حصے کے طور پر جمع کیا گیا ہو",
    ),
    // The same arithmetic in other reports.
    (
        ", which credits them to {who}",
        "، جو انہیں {who} سے منسوب کرتا ہے",
    ),
    ("add up", "جمع ہو کر پورے اترتے ہیں"),
    ("leave a gap of {gap}", "{gap} کا فرق چھوڑتے ہیں"),
    (
        "The same figures {how} in {all}: {later} did not introduce the gap; it is already in the earlier reports, {first}. Reports that match may repeat one release.",
        "{all} میں وہی اعداد {how}: یہ فرق {later} نے پیدا نہیں کیا؛ یہ پہلے کی رپورٹوں میں، {first} میں، موجود ہے۔ جو رپورٹیں مطابق ہوں، ممکن ہے وہ ایک ہی اعلامیہ دہرا رہی ہوں۔",
    ),
    (
        "The same figures {how} in {all}: {later} did not introduce the gap; it is already in the earlier report, {first}. Reports that match may repeat one release.",
        "{all} میں وہی اعداد {how}: یہ فرق {later} نے پیدا نہیں کیا؛ یہ پہلے کی رپورٹ، {first}، میں موجود ہے۔ جو رپورٹیں مطابق ہوں، ممکن ہے وہ ایک ہی اعلامیہ دہرا رہی ہوں۔",
    ),
    ("in {who} they {how}", "{who} میں یہ {how}"),
    (
        "The reports disagree on whether these figures add up ({parts}): one of them may have been changed or misprinted.",
        "رپورٹوں میں اس پر اختلاف ہے کہ آیا یہ اعداد جمع ہو کر پورے اترتے ہیں ({parts}): ممکن ہے ان میں سے کوئی بدلا گیا ہو یا غلط چھپا ہو۔",
    ),
    // The same figures across reports.
    (
        ", which does not say who gave it",
        "، جو نہیں بتاتا کہ یہ کس نے دیا",
    ),
    (", credited to {who}", "، {who} سے منسوب"),
    (" for the period {period}", " مدت {period} کے لیے"),
    (" for {period}", " {period} کے لیے"),
    (
        "{outlet} ({date}{by}) gives {value}{period}",
        "{outlet} ({date}{by}){period} {value} دیتا ہے",
    ),
    (
        "what {outlet} describes as {counts}",
        "{counts} (جیسا کہ {outlet} انہیں بیان کرتا ہے)",
    ),
    ("the {counts}", "{counts}"),
    (
        "by an amount their hedges leave open",
        "اس کی مقدار اندازاً دیے گئے اعداد کی وجہ سے طے نہیں",
    ),
    ("by {n} {unit}", "{n} {unit}"),
    (
        " Not every report states when its period starts, so they may not cover the same period; if they do, they differ {by}.",
        " ہر رپورٹ یہ نہیں بتاتی کہ اس کی مدت کب شروع ہوتی ہے، اس لیے ممکن ہے وہ ایک ہی مدت کا احاطہ نہ کریں؛ اگر کریں تو ان میں فرق ہے: {by}۔",
    ),
    (" They differ {by}.", " ان میں فرق ہے: {by}۔"),
    (
        "The reports match: {listed} for {what}{period}. Reports that match may repeat one release, so a match is not independent confirmation.",
        "رپورٹیں مطابق ہیں: {what}{period} کے لیے {listed}۔ ممکن ہے مطابقت رکھنے والی رپورٹیں ایک ہی اعلامیہ دہرا رہی ہوں، اس لیے مطابقت آزادانہ تصدیق نہیں۔",
    ),
    (
        "Different values for {what}{period}: {listed}.{caution}",
        "{what}{period} کی مختلف قدریں: {listed}۔{caution}",
    ),
    // Parts larger than their wholes.
    (
        "A question for the reader: {outlet} ({date}) gives {part} as {value} and {whole}, which includes them, as {total}. A part cannot be larger than the whole it belongs to, so both cannot hold unless they cover different periods, places or things; the report does not say which.",
        "قاری کے لیے ایک سوال: {outlet} ({date}) {part} کو {value} اور {whole} کو، جس میں یہ شامل ہیں، {total} بتاتا ہے۔ کوئی حصہ اپنے کل سے بڑا نہیں ہو سکتا، اس لیے دونوں درست نہیں ہو سکتے جب تک وہ مختلف مدتوں، جگہوں یا چیزوں کا احاطہ نہ کریں؛ رپورٹ نہیں بتاتی کہ ان میں سے کیا مختلف ہے۔",
    ),
    // Numbers the reports derive and print.
    (
        "Consistent: {outlet} ({date}) prints {printed} for {what}; recomputed from the figures ({formula}), it is {computed}, within the printed precision.",
        "ہم آہنگ: {outlet} ({date}) {what} کے لیے {printed} شائع کرتا ہے؛ اعداد سے دوبارہ حساب ({formula}) پر یہ {computed} ہے، جو شائع شدہ عدد کی گولائی کی حد میں ہے۔",
    ),
    (
        "Does not match: {outlet} ({date}) prints {printed} for {what}, but the figures give {computed} ({formula}).",
        "مطابق نہیں: {outlet} ({date}) {what} کے لیے {printed} شائع کرتا ہے، لیکن اعداد سے {computed} ({formula}) نکلتا ہے۔",
    ),
    ("Hypothetical: {sentence}", "فرضی: {sentence}"),
    ("{figure} in {outlet}", "{outlet} میں {figure}"),
    ("Does not match", "مطابق نہیں"),
    (
        "Quotations: {found} of the {of} phrases we quote and attribute to this report were found in its text.",
        "اقتباسات: جو فقرے ہم اس رپورٹ سے نقل اور منسوب کرتے ہیں، ان میں سے {found} اس کے متن میں ملے؛ کل فقرے: {of}۔",
    ),
    (
        "Attributions: the words crediting {found} of {of} figures were found in the text.",
        "انتساب: {found} اعداد کے انتساب کے الفاظ متن میں ملے؛ کل اعداد: {of}۔",
    ),
    ("text of ", "متن: "),
    ("period start", "مدت کا آغاز"),
    ("period end", "مدت کا اختتام"),
    ("period in the report's words", "رپورٹ کے الفاظ میں مدت"),
    ("crediting words", "انتساب کے الفاظ"),
    ("unit", "اکائی"),
    ("kind", "قسم"),
    ("scale", "پیمانۂ عدد"),
    ("all inputs", "تمام ماخذ فائلیں"),
    // The audit's problems, and how to fix them.
    (
        "paragraph {paragraph}: the number {printed} is not in the ledger; add it to figures.csv or, with a reason, to exclusions.csv",
        "پیراگراف {paragraph}: عدد {printed} لیجر میں نہیں؛ اسے figures.csv میں، یا وجہ کے ساتھ exclusions.csv میں، درج کریں",
    ),
    (
        "{file} line {line}{who}: printed text {printed} is not found in paragraph {paragraph}",
        "{file} سطر {line}{who}: شائع شدہ متن {printed} پیراگراف {paragraph} میں نہیں ملا",
    ),
    (
        "figures.csv line {line} (`{id}`): printed text {printed} holds no number",
        "figures.csv سطر {line} (`{id}`): شائع شدہ متن {printed} میں کوئی عدد نہیں",
    ),
    (
        "figures.csv line {line} (`{id}`): value {value} but the text prints {printed} ({text})",
        "figures.csv سطر {line} (`{id}`): قدر {value} ہے لیکن متن میں {printed} ({text}) چھپا ہے",
    ),
    (
        "figures.csv line {line} (`{id}`): the text hedges the number as {text} but the ledger's qualifier is {ledger}",
        "figures.csv سطر {line} (`{id}`): متن میں اس عدد کا اندازہ: {text}؛ لیکن لیجر کا `qualifier`: {ledger}",
    ),
    ("exact", "کوئی نہیں (قطعی عدد)"),
    ("empty", "خالی"),
    (
        "{start} to {end} (start not stated in every report)",
        "{start} سے {end} تک (ہر رپورٹ میں آغاز نہیں بتایا گیا)",
    ),
    ("until {end}", "{end} تک"),
    (
        "Change in {what} from {from} to {to}",
        "{what} میں {from} سے {to} تک تبدیلی",
    ),
    (
        "Change in {what} from {from} to {to}, relative to the earlier value",
        "{what} میں {from} سے {to} تک تبدیلی، پہلی قدر کے لحاظ سے",
    ),
    (
        "Data: {data}. Narrow layout: {narrow}. Embed:",
        "ڈیٹا: {data}۔ تنگ صورت: {narrow}۔ کسی صفحے میں لگانے کے لیے:",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literal at the start of `s` (after spaces), unescaped,
    /// and the rest after it.
    fn literal(s: &str) -> Option<(String, &str)> {
        let lit = s.trim_start().strip_prefix('"')?;
        let mut text = String::new();
        let mut chars = lit.char_indices();
        while let Some((_, c)) = chars.next() {
            match c {
                '\\' => match chars.next().expect("an escape").1 {
                    'u' => {
                        let hex: String = chars
                            .by_ref()
                            .map(|(_, c)| c)
                            .skip(1)
                            .take_while(|c| *c != '}')
                            .collect();
                        let code = u32::from_str_radix(&hex, 16).expect("hex");
                        text.push(char::from_u32(code).expect("a char"));
                    }
                    c => text.push(c),
                },
                '"' => {
                    let end = chars.next().map_or(lit.len(), |(i, _)| i);
                    return Some((text, &lit[end..]));
                }
                c => text.push(c),
            }
        }
        None
    }

    /// Every sentence the code asks for by `say(…, "…")`,
    /// `fill(…, "…", …)`, `fill_owned(…, "…", …)` or
    /// `count_in(…, …, "…", "…")`, from its source (as
    /// rustfmt lays the call out, on one line or several).
    fn asked() -> Vec<String> {
        let mut out = Vec::new();
        let sources = [
            include_str!("report/mod.rs"),
            include_str!("report/html.rs"),
            include_str!("report/markdown.rs"),
            include_str!("analysis/mod.rs"),
            include_str!("analysis/checks.rs"),
            include_str!("analysis/audit.rs"),
            include_str!("words.rs"),
            include_str!("ledger/series.rs"),
            include_str!("ledger/load.rs"),
        ];
        for src in sources {
            for (i, _) in src.match_indices('(') {
                let name_start = src[..i]
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |j| j + 1);
                let args = &src[i + 1..];
                match &src[name_start..i] {
                    "say" | "fill" | "fill_owned" => {
                        // The language: a name or a field, up to a comma.
                        let Some(comma) = args.find(',') else {
                            continue;
                        };
                        let lang = args[..comma].trim();
                        if lang.is_empty()
                            || !lang
                                .chars()
                                .all(|c| c.is_alphanumeric() || ".&_:*".contains(c))
                        {
                            continue;
                        }
                        if let Some((text, _)) = literal(&args[comma + 1..]) {
                            out.push(text);
                        }
                    }
                    "count_in" => {
                        // A call, not the definition (whose parameters have types).
                        let Some(q) = args.find('"').filter(|q| !args[..*q].contains(':')) else {
                            continue;
                        };
                        if let Some((one, rest)) = literal(&args[q..]) {
                            let rest = rest.trim_start().trim_start_matches(',');
                            let (many, _) = literal(rest).expect("two sentences");
                            out.extend([one, many]);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The `{slot}` names of a sentence, sorted.
    fn slots(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_sentence_the_code_asks_for_is_in_every_table() {
        let asked = asked();
        assert!(asked.len() > 100, "{}", asked.len());
        let missing: Vec<&String> = asked
            .iter()
            .filter(|s| !URDU.iter().any(|(en, _)| en == *s))
            .collect();
        assert!(missing.is_empty(), "no Urdu for:\n{missing:#?}");
        for (en, ur) in URDU {
            assert_eq!(slots(en), slots(ur), "the slots of {en:?}");
        }
        // And the table holds nothing the code no longer asks for.
        for (en, ur) in URDU {
            assert!(asked.iter().any(|s| s == en), "unused: {en:?}");
            assert!(!ur.is_empty());
        }
        assert_eq!(say(Lang::En, "Sources"), "Sources");
        assert_eq!(say(Lang::Ur, "Sources"), "ذرائع");
    }

    /// The Urdu methodology of the bilingual fixture (kept as built by the
    /// tests that compare it byte for byte) holds none of the engine's
    /// English: no run of three words or more of any sentence in the table.
    #[test]
    fn the_urdu_methodology_says_none_of_the_engines_english() {
        let md = include_str!("../tests/fixtures/fictional-relief/output/methodology.ur.md");
        let html = include_str!("../tests/fixtures/fictional-relief/output/methodology.ur.html")
            .replace("&#39;", "'")
            .replace("&quot;", "\"");
        let mut checked = 0;
        for (en, _) in URDU {
            let fragments = en
                .split(['{', '}'])
                .step_by(2)
                .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|f| f.split_whitespace().count() >= 3);
            for fragment in fragments {
                checked += 1;
                for (name, page) in [("md", md), ("html", html.as_str())] {
                    assert!(!page.contains(fragment), "{name} says {fragment:?}");
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn slots_are_filled_in_one_pass() {
        let s = fill(
            Lang::En,
            "Consistent: {what}; {sum}.",
            &[("what", "{sum}"), ("sum", "1 + 2")],
        );
        assert_eq!(s, "Consistent: {sum}; 1 + 2.");
    }
}
