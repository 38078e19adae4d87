//! Paragraphs and sentences as byte spans into the document text.
//!
//! Invariants:
//! - A paragraph is one line of text with its surrounding whitespace trimmed;
//!   blank lines produce no paragraph. News text separates paragraphs by line
//!   breaks, and a quote that is still open at a line break either continues
//!   in a paragraph that reopens with a quote mark or is recovered there
//!   (see `quotes`), so nothing ever runs past a line.
//! - Sentences tile their paragraph: the first starts at the paragraph start,
//!   each next one starts where the previous one ended (after its trailing
//!   whitespace), and the last ends at the paragraph end.
//! - Every span starts and ends on a char boundary.
//!
//! A sentence ends at `.`, `?`, `!` or `…` (with any closing quotes and
//! brackets after it) followed by whitespace and then an upper-case letter,
//! a digit or an opening quote/bracket — unless the word before the period is
//! a known abbreviation ("Feb.", "Mr.", "U.S.") or a single-letter initial.
//! Markdown link syntax and URLs contain periods but no whitespace after them,
//! so they never end a sentence.

use crate::lexicon::Lexicons;
use crate::scan::ByteScan;

pub(crate) use crate::span::Span;

#[derive(Debug, Clone, Default)]
pub(crate) struct Segments {
    pub paragraphs: Vec<Span>,
    /// Sentences of all paragraphs, in order.
    pub sentences: Vec<Span>,
    /// For each paragraph, the range of its sentences in `sentences`.
    pub para_sentences: Vec<std::ops::Range<usize>>,
}

/// Split `text` into paragraphs and sentences.
#[cfg(test)]
pub(crate) fn segment(text: &str, lex: &Lexicons) -> Segments {
    segment_from(text, 0, lex)
}

/// Split `text[from..]` into paragraphs and sentences (offsets still into
/// `text`); `from` skips a header such as `date 2026-01-28`.
pub(crate) fn segment_from(text: &str, from: usize, lex: &Lexicons) -> Segments {
    let mut seg = Segments::default();
    let mut line_start = from;
    // lines with their newline, found with memchr (SIMD)
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', &bytes[from..]).map(|i| from + i + 1).chain(Some(text.len()));
    for end in ends {
        if end == line_start {
            break; // the text ended with a newline
        }
        let line = &text[line_start..end];
        let start = line_start;
        line_start = end;
        let trimmed_lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let para = Span { start: start + trimmed_lead, end: start + trimmed_lead + body.len() };
        let first = seg.sentences.len();
        split_sentences(text, para, lex, &mut seg.sentences);
        seg.para_sentences.push(first..seg.sentences.len());
        seg.paragraphs.push(para);
    }
    seg
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '`')
}

fn split_sentences(text: &str, para: Span, lex: &Lexicons, out: &mut Vec<Span>) {
    let p = &text[para.start..para.end];
    let mut sent_start = 0;
    let bytes = p.as_bytes();
    let mut pos = 0;
    // Jump from one possible terminal to the next (`…` starts with 0xE2).
    let mut scan = ByteScan::new(bytes, &[b".?!", b"\xE2"]);
    while let Some(i) = scan.find(pos) {
        let c = p[i..].chars().next().unwrap_or(' ');
        pos = i + c.len_utf8();
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        // Swallow further terminal punctuation and closers: `?!`, `."`, `.)`.
        let mut end = pos;
        while let Some(d) = p[end..].chars().next() {
            if matches!(d, '.' | '?' | '!' | '…') || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        let rest = &p[end..];
        let after_ws = rest.trim_start();
        if after_ws.len() == rest.len() || after_ws.is_empty() {
            continue; // no whitespace after it, or the paragraph ends here
        }
        let next = after_ws.chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || next.is_ascii_digit() || is_opener(next)) {
            continue;
        }
        if c == '.' && !ends_sentence_at_period(&p[sent_start..i + 1], lex) {
            continue;
        }
        let next_start = p.len() - after_ws.len();
        out.push(Span { start: para.start + sent_start, end: para.start + end });
        sent_start = next_start;
    }
    out.push(Span { start: para.start + sent_start, end: para.end });
}

/// `upto` ends with the period in question.
fn ends_sentence_at_period(upto: &str, lex: &Lexicons) -> bool {
    let word_start = upto
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '—'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &upto[word_start..];
    if lex.abbreviations.contains(word) {
        return false;
    }
    // a title joined to a prefix: `then-Sen.`, `ex-Gov.`
    if word.bytes().any(|b| b == b'-' || b == 0xE2)
        && let Some((_, last)) = word.rsplit_once(['-', '‑'])
        && lex.abbreviations.contains(last)
    {
        return false;
    }
    // A single capital letter is an initial ("J. Smith"); "U.S."-like
    // tokens of single letters and periods are abbreviations too.
    let mut letters = word.chars().filter(|c| *c != '.');
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        return false;
    }
    let body = word.trim_end_matches('.');
    if word.len() >= 4
        && body.contains('.')
        && word.chars().all(|c| c == '.' || c.is_alphabetic())
        && body.split('.').all(|s| s.chars().count() == 1)
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let lex = Lexicons::builtin().unwrap();
        let seg = segment(text, &lex);
        seg.sentences.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "Talks on Feb. 1 were postponed. Mr. Peskov said so.",
                &["Talks on Feb. 1 were postponed.", "Mr. Peskov said so."],
            ),
            ("\"It is over.\" He left.", &["\"It is over.\"", "He left."]),
            (
                "The U.S. delegation came. Then Lt. Gen. Smith spoke.",
                &["The U.S. delegation came.", "Then Lt. Gen. Smith spoke."],
            ),
            ("J. K. Rowling wrote it? Yes!", &["J. K. Rowling wrote it?", "Yes!"]),
            ("See commons.wikimedia.org by X. Next", &["See commons.wikimedia.org by X. Next"]),
            ("Где? Здесь — «Москва». Конец", &["Где?", "Здесь — «Москва».", "Конец"]),
            ("Peace 🕊. Now", &["Peace 🕊.", "Now"]),
        ];
        for (text, want) in cases {
            assert_eq!(&sentences(text), want, "text: {text}");
        }
    }

    #[test]
    fn sentences_tile_paragraphs() {
        let text = "  First line. Second one!\n\n\tThird — “quoted.” Fourth\n";
        let lex = Lexicons::builtin().unwrap();
        let seg = segment(text, &lex);
        assert_eq!(seg.paragraphs.len(), 2);
        for (p, r) in seg.paragraphs.iter().zip(&seg.para_sentences) {
            let s = &seg.sentences[r.clone()];
            assert_eq!(s.first().unwrap().start, p.start);
            assert_eq!(s.last().unwrap().end, p.end);
            for w in s.windows(2) {
                assert!(text[w[0].end..w[1].start].trim().is_empty());
            }
        }
    }
}
