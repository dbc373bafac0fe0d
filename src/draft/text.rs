//! A paragraph as the drafter reads it: words, punctuation and numbers (each
//! number found by [`crate::numbers::find`] one token), cut into sentences.

use crate::analysis::audit::Paragraph;
use crate::numbers::Mention;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters, digits and marks that is not a number found.
    Word,
    /// One character that is neither a letter nor a digit.
    Punct(char),
    /// A number found, by its index in the paragraph's mentions.
    Num(usize),
}

/// A token: bytes `start..end` of the paragraph's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// No space before it.
    pub glued: bool,
    /// The sentence it belongs to, counted across the whole text.
    pub sentence: usize,
}

/// A paragraph cut into tokens and sentences, with the numbers in it.
pub(crate) struct Para<'a> {
    /// Its number, from 1.
    pub number: u32,
    /// Its text.
    pub text: &'a str,
    /// Every number in it, in order.
    pub mentions: Vec<Mention>,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// The token of each mention.
    mention_tok: Vec<usize>,
    /// The number of its first sentence, and the first token of each of its
    /// sentences, then the number of tokens.
    first_sentence: usize,
    bounds: Vec<usize>,
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "rs", "mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "etc", "govt", "gen", "lt", "col",
    "maj", "capt", "prof", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct",
];
const MORE_ABBREVIATIONS: [&str; 4] = ["nov", "dec", "approx", "est"];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\'' | '’' | '\u{200C}' | '\u{200D}')
        || ('\u{300}'..='\u{36F}').contains(&c)
        || ('\u{610}'..='\u{61A}').contains(&c)
        || ('\u{64B}'..='\u{65F}').contains(&c)
        || c == '\u{670}'
}

impl<'a> Para<'a> {
    /// Reads a paragraph; sentences are numbered from `first_sentence`.
    pub fn new(p: &'a Paragraph, first_sentence: usize) -> Para<'a> {
        let text = p.text.as_str();
        let mentions = crate::numbers::find(text);
        let mut toks: Vec<Tok> = Vec::new();
        let mut next_mention = 0;
        let mut pos = 0;
        while let Some(c) = text[pos..].chars().next() {
            let glued = pos > 0
                && text[..pos]
                    .chars()
                    .next_back()
                    .is_some_and(|b| !b.is_whitespace());
            if let Some(m) = mentions.get(next_mention).filter(|m| m.start == pos) {
                toks.push(Tok {
                    start: m.start,
                    end: m.end,
                    kind: Kind::Num(next_mention),
                    glued,
                    sentence: 0,
                });
                pos = m.end;
                next_mention += 1;
                continue;
            }
            let after = pos + c.len_utf8();
            if c.is_whitespace() {
                pos = after;
                continue;
            }
            let end = if is_word_char(c) {
                let limit = mentions.get(next_mention).map_or(text.len(), |m| m.start);
                text[after..limit]
                    .char_indices()
                    .find(|&(_, ch)| !is_word_char(ch))
                    .map_or(limit, |(k, _)| after + k)
            } else {
                after
            };
            let kind = if is_word_char(c) {
                Kind::Word
            } else {
                Kind::Punct(c)
            };
            toks.push(Tok {
                start: pos,
                end,
                kind,
                glued,
                sentence: 0,
            });
            pos = end;
        }
        let mention_tok = (0..toks.len())
            .filter(|&k| matches!(toks[k].kind, Kind::Num(_)))
            .collect();
        let mut para = Para {
            number: p.number,
            text,
            mentions,
            toks,
            mention_tok,
            first_sentence,
            bounds: vec![0],
        };
        para.cut_sentences();
        para
    }

    /// Numbers the sentences of the tokens, from the first sentence's number.
    fn cut_sentences(&mut self) {
        let mut sentence = self.first_sentence;
        for k in 0..self.toks.len() {
            self.toks[k].sentence = sentence;
            if self.ends_sentence(k) {
                sentence += 1;
                self.bounds.push(k + 1);
            }
        }
        self.bounds.push(self.toks.len());
    }

    /// Whether token `k` ends its sentence.
    fn ends_sentence(&self, k: usize) -> bool {
        let Some(next) = self.toks.get(k + 1) else {
            return false;
        };
        if self.text[self.toks[k].end..next.start].contains('\n') {
            return true;
        }
        let Kind::Punct(c) = self.toks[k].kind else {
            return false;
        };
        if !matches!(c, '.' | '!' | '?' | '۔' | '؟') || next.glued {
            return false;
        }
        if c != '.' {
            return true;
        }
        // A full stop after an abbreviation or an initial does not end a sentence.
        let before = k.checked_sub(1).map(|b| self.word(b)).unwrap_or("");
        let lower = before.to_lowercase();
        let initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
        let starts_upper = self.text[next.start..].chars().next().is_some_and(|n| {
            n.is_uppercase() || !n.is_ascii() || n.is_numeric() || n == '"' || n == '“'
        });
        starts_upper
            && !initial
            && !ABBREVIATIONS.contains(&lower.as_str())
            && !MORE_ABBREVIATIONS.contains(&lower.as_str())
    }

    /// The next free sentence number after this paragraph.
    pub fn next_sentence(&self, first: usize) -> usize {
        self.toks.last().map_or(first, |t| t.sentence + 1)
    }

    /// The text of token `k`.
    pub fn word(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The text of token `k`, lower-cased.
    pub fn lower(&self, k: usize) -> String {
        self.word(k).to_lowercase()
    }

    /// Whether token `k` is a word.
    pub fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Word)
    }

    /// The mention at token `k`, if it is a number.
    pub fn mention_at(&self, k: usize) -> Option<&Mention> {
        match self.toks.get(k)?.kind {
            Kind::Num(i) => self.mentions.get(i),
            _ => None,
        }
    }

    /// The token of mention `i`.
    pub fn token_of(&self, i: usize) -> Option<usize> {
        self.mention_tok.get(i).copied()
    }

    /// The range of tokens of the sentence that token `k` belongs to.
    pub fn sentence_of(&self, k: usize) -> std::ops::Range<usize> {
        let local = self.toks[k].sentence - self.first_sentence;
        self.bounds[local]..self.bounds[local + 1]
    }

    /// The token ranges of its sentences, in order.
    pub fn sentences(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.bounds
            .windows(2)
            .map(|w| w[0]..w[1])
            .filter(|r| !r.is_empty())
    }

    /// The tokens of the sentence of token `k` within `reach` tokens of it:
    /// what the drafter reads around a number, so that a sentence of any
    /// length costs the same per number.
    pub fn around(&self, k: usize, reach: usize) -> std::ops::Range<usize> {
        let s = self.sentence_of(k);
        s.start.max(k.saturating_sub(reach))..s.end.min(k + reach + 1)
    }

    /// The words that belong to the number from token `first` to `last`:
    /// those around it within `reach` in its sentence, stopping short of
    /// the numbers on either side.
    pub fn own_words(&self, first: usize, last: usize, reach: usize) -> std::ops::Range<usize> {
        let s = self.around(first, reach);
        let from = (s.start..first)
            .rev()
            .find(|&k| self.mention_at(k).is_some())
            .map_or(s.start, |k| k + 1);
        let to = (last + 1..s.end)
            .find(|&k| self.mention_at(k).is_some())
            .unwrap_or(s.end);
        from..to
    }

    /// The text from token `a` to token `b`, both included.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b].end]
    }

    /// Whether token `k` is the punctuation `c`.
    pub fn is(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// Whether token `k` is punctuation that closes a phrase (`,` `;` `:` `(` `)`
    /// a dash or a sentence end), or there is no token `k`.
    pub fn is_break(&self, k: usize) -> bool {
        match self.toks.get(k).map(|t| t.kind) {
            None => true,
            Some(Kind::Punct(c)) => matches!(
                c,
                ',' | ';'
                    | ':'
                    | '('
                    | ')'
                    | '.'
                    | '!'
                    | '?'
                    | '۔'
                    | '،'
                    | '؛'
                    | '؟'
                    | '—'
                    | '–'
                    | '"'
                    | '“'
                    | '”'
            ),
            _ => false,
        }
    }

    /// The lower-cased words of tokens `range`, numbers as `#`.
    pub fn words_of(&self, range: std::ops::Range<usize>) -> Vec<String> {
        range
            .map(|k| match self.toks[k].kind {
                Kind::Num(_) => "#".to_string(),
                _ => self.lower(k),
            })
            .collect()
    }
}

/// Every paragraph of a text, read.
pub(crate) fn read(paras: &[Paragraph]) -> Vec<Para<'_>> {
    let mut out = Vec::with_capacity(paras.len());
    let mut sentence = 0;
    for p in paras {
        let para = Para::new(p, sentence);
        sentence = para.next_sentence(sentence);
        out.push(para);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Paragraph {
        Paragraph {
            number: 1,
            line: 1,
            text: text.to_string(),
        }
    }

    #[test]
    fn numbers_are_tokens_and_sentences_are_cut() {
        let p = para("Out of 924 accounts, Rs. 581 million went. Mr. Khan said so. Then 12 more.");
        let r = Para::new(&p, 0);
        let nums: Vec<&str> = r.mentions.iter().map(|m| m.printed.as_str()).collect();
        assert_eq!(nums, ["924", "Rs. 581 million", "12"]);
        let k = r.token_of(1).unwrap();
        assert_eq!(r.word(k), "Rs. 581 million");
        let sentences: Vec<usize> = r.toks.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences.iter().max(), Some(&2), "{sentences:?}");
        let s = r.sentence_of(r.token_of(2).unwrap());
        assert_eq!(r.span(s.start, s.end - 1), "Then 12 more.");
    }

    #[test]
    fn urdu_sentences_end_at_the_urdu_full_stop() {
        let p = para("گزشتہ تین ماہ میں ۹۲۴ اکاؤنٹس بند کیے گئے۔ ان میں سے ۳۱۲ فیس بک پر تھے۔");
        let r = Para::new(&p, 5);
        assert_eq!(r.toks.first().unwrap().sentence, 5);
        assert_eq!(r.toks.last().unwrap().sentence, 6);
        assert_eq!(r.mentions.len(), 3);
    }
}
