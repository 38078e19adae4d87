//! Quoted spans: quote styles, pairing, continuation over paragraphs, nesting.
//!
//! Invariants:
//! - A quote's `start..end` is the text between its marks, whitespace
//!   trimmed, never empty, never including a mark; it lies inside one
//!   paragraph. Quotes are returned in text order and never overlap.
//! - Only top-level quotes are returned: a quote nested inside another
//!   (`"… 'nested' …"`) is part of the outer quote's words.
//! - An unbalanced mark never reaches past its paragraph: a quote still open
//!   at the end of a paragraph is continued when the next paragraph reopens
//!   with a quote mark (the newspaper convention for quotes that run over
//!   several paragraphs), kept to the paragraph's end when the paragraph
//!   itself opens with the mark (a quote paragraph whose closing mark was
//!   lost), and otherwise dropped as a stray mark.
//!
//! Styles: `"…"`, `“…”`, `"…”`/`“…"` (mixed), ``` ``…'' ```, `''…''`, `«…»`,
//! `„…“`/`„…”`, and single `‘…’`/`'…'` at the top level. An apostrophe
//! between letters (`Kyiv's`, `they’re`) or before a year (`’90s`) is never a
//! mark. A straight mark's direction is read from its neighbours: after a
//! space and before a word it opens; after a word and before a space or
//! punctuation it closes.

use crate::scan::ByteScan;
use crate::segment::Segments;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words: `text[start..end]`.
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark (the paragraph end when the
    /// quote is not closed in this paragraph).
    pub close_end: usize,
    /// Index of the paragraph the quote lies in.
    pub para: usize,
    /// Whether a closing mark was found in this paragraph.
    pub closed: bool,
    /// Quotes that form one quotation over several paragraphs share a chain
    /// id (the index of the chain's first quote); otherwise it is the quote's
    /// own index.
    pub chain: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `"` or `''` or ``` `` ```: straight, closes with any double closer.
    Straight,
    Curly,
    Guillemet,
    Low,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    width: Width,
    style: Style,
    can_open: bool,
    can_close: bool,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_open_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '"' | '‘' | '«' | '„' | '*' | '>' | '|'
            )
    })
}

fn is_close_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '—'
                    | '–'
                    | '-'
                    | '”'
                    | '"'
                    | '’'
                    | '\''
                    | '»'
                    | '…'
                    | '*'
                    | '<'
                    | '|'
                    | '/'
            )
    })
}

/// The longest HTML/XML tag skipped as markup, in bytes.
const MAX_TAG: usize = 1024;

fn lex_marks(p: &str, base: usize) -> Vec<Mark> {
    let mut marks = Vec::new();
    let bytes = p.as_bytes();
    let char_at = |i: usize| p.get(i..).and_then(|s| s.chars().next());
    let char_before = |i: usize| p.get(..i).and_then(|s| s.chars().next_back());
    let mut i = 0;
    // Visit only the bytes that can start a mark or a tag: linear, and no
    // per-character allocation however long the paragraph.
    // `"`, `'`, the lead byte of “”‘’„ (E2); rarer: `` ` ``, `<`, and of «» (C2)
    let mut scan = ByteScan::new(bytes, &[b"\"'\xE2", b"`<\xC2"]);
    while let Some(at) = scan.find(i) {
        i = at;
        let Some(c) = char_at(i) else { break };
        let cl = c.len_utf8();
        let prev = char_before(i);
        let next = char_at(i + cl);
        // An HTML/XML tag (`<tweet id="…">`) is markup, not text: its
        // attribute quotes are not quotes.
        if c == '<' && next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!') {
            let window = &bytes[i + 1..bytes.len().min(i + 1 + MAX_TAG)];
            if let Some(j) = window.iter().position(|&b| b == b'>' || b == b'<')
                && window[j] == b'>'
            {
                i += j + 2;
                continue;
            }
        }
        let mut push = |len: usize, width, style, can_open, can_close| {
            marks.push(Mark { pos: base + i, len, width, style, can_open, can_close })
        };
        let mut step = cl;
        match c {
            '“' => push(3, Width::Double, Style::Curly, true, !is_space(prev) && is_close_context(next)),
            '”' => push(3, Width::Double, Style::Curly, is_space(prev) && !is_space(next), true),
            '«' => push(2, Width::Double, Style::Guillemet, true, false),
            '»' => push(2, Width::Double, Style::Guillemet, false, true),
            '„' => push(3, Width::Double, Style::Low, true, false),
            '"' => {
                let o = is_open_context(prev) && !is_space(next);
                let cl = !is_space(prev) && is_close_context(next);
                // A mark with space on both sides (or word on both sides)
                // is read by the pairing state.
                let (o, cl) = if !o && !cl { (true, true) } else { (o, cl) };
                push(1, Width::Double, Style::Straight, o, cl)
            }
            '`' if next == Some('`') => {
                push(2, Width::Double, Style::Straight, true, false);
                step = 2;
            }
            // Three straight apostrophes: a nested single mark and a double
            // one. Closing, the single comes first ('old-school,'''); opening,
            // the double.
            '\'' if next == Some('\'') && char_at(i + 2) == Some('\'') && !is_space(prev) => {
                push(1, Width::Single, Style::Straight, false, true);
            }
            '\'' if next == Some('\'') => {
                let after = char_at(i + 2);
                let o = is_open_context(prev) && !is_space(after);
                let cl = !is_space(prev) && is_close_context(after);
                push(2, Width::Double, Style::Straight, o, cl || !o);
                step = 2;
            }
            '‘' | '’' | '\'' => {
                let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                if letter(prev) && letter(next) {
                    // apostrophe inside a word
                } else if is_open_context(prev) && next.is_some_and(|c| c.is_ascii_digit()) && c != '‘' {
                    // a year or decade: ’90s, '16
                } else {
                    let o = c != '’' && is_open_context(prev) && !is_space(next);
                    let cl = c != '‘' && !is_space(prev) && is_close_context(next);
                    if o || cl {
                        push(c.len_utf8(), Width::Single, Style::Straight, o, cl);
                    }
                }
            }
            _ => {}
        }
        i += step;
    }
    marks
}

fn closes(open: Style, close: &Mark) -> bool {
    match open {
        Style::Guillemet => close.style == Style::Guillemet,
        // „…“ and „…”: the low mark closes with a curly one, straight too.
        Style::Low => matches!(close.style, Style::Curly | Style::Straight),
        Style::Straight | Style::Curly => matches!(close.style, Style::Curly | Style::Straight),
    }
}

/// A paired quote: its opening mark, and where the closing mark starts and ends.
type Paired = (Mark, usize, usize);

/// Pair the double marks of a paragraph, left to right: the spans, and a
/// mark still open at the paragraph's end.
fn pair_doubles(marks: &[Mark]) -> (Vec<Paired>, Option<Mark>) {
    // Inside «…» other double marks are nested quotes (`«этот „план“»`,
    // `«так называемый “план”»`); a « left open at the paragraph's end
    // leaves them to be paired as usual.
    let nested = pair_doubles_nesting(marks, true);
    if nested.1.is_none_or(|o| o.style != Style::Guillemet) {
        return nested;
    }
    pair_doubles_nesting(marks, false)
}

/// [`pair_doubles`], with other marks inside an open « nested or not.
fn pair_doubles_nesting(marks: &[Mark], nest_in_guillemets: bool) -> (Vec<Paired>, Option<Mark>) {
    let mut open: Option<Mark> = None;
    let mut spans: Vec<Paired> = Vec::new();
    for m in marks.iter().filter(|m| m.width == Width::Double) {
        match open {
            None if m.can_open => open = Some(*m),
            None => {} // a stray closing mark
            Some(o) if m.can_close && closes(o.style, m) => {
                spans.push((o, m.pos, m.pos + m.len));
                open = None;
            }
            Some(o) if nest_in_guillemets && o.style == Style::Guillemet && m.style != Style::Guillemet => {}
            // The open mark was never closed; start again here.
            Some(_) if m.can_open => open = Some(*m),
            Some(_) => {}
        }
    }
    (spans, open)
}

/// Pair the single marks of a paragraph that lie outside the double spans
/// (and before a double mark left open), adding them to `spans`.
fn pair_singles(marks: &[Mark], open: Option<Mark>, spans: &mut Vec<Paired>) {
    let singles: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.width == Width::Single)
        .filter(|m| {
            // double spans are sorted and disjoint: binary search
            let after = spans.partition_point(|&(o, _, _)| o.pos < m.pos);
            !(after > 0 && m.pos < spans[after - 1].1)
        })
        .filter(|m| open.is_none_or(|o| m.pos < o.pos))
        .collect();
    // next_close[k]: the first mark after k that can close (one scan from
    // the right, so many openers without closers stay linear).
    let mut next_close = vec![None; singles.len()];
    let mut after = None;
    for k in (0..singles.len()).rev() {
        next_close[k] = after;
        if singles[k].can_close {
            after = Some(k);
        }
    }
    let mut k = 0;
    while k < singles.len() {
        if singles[k].can_open
            && let Some(j) = next_close[k]
        {
            spans.push((*singles[k], singles[j].pos, singles[j].pos + singles[j].len));
            k = j + 1;
            continue;
        }
        k += 1;
    }
}

/// Find the top-level quotes of a document.
pub(crate) fn find_quote_spans(text: &str, seg: &Segments) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    // The previous paragraph ended inside a quote: its chain id, and the
    // quote itself when it opened mid-paragraph (kept only if this paragraph
    // reopens, since a stray mark must not become a quote).
    let mut left_open: Option<(usize, Option<Quote>)> = None;
    for (pi, para) in seg.paragraphs.iter().enumerate() {
        let p = &text[para.start..para.end];
        let marks = lex_marks(p, para.start);
        if marks.is_empty() && !p.starts_with(is_dash) {
            left_open = None;
            continue;
        }
        let reopens = marks.first().is_some_and(|m| m.pos == para.start && m.width == Width::Double && m.can_open);
        let mut chain_in = None;
        if let Some((chain, pending)) = left_open.take()
            && reopens
        {
            if let Some(q) = pending {
                quotes.push(q);
            }
            chain_in = Some(chain);
        }
        let (mut spans, mut open) = pair_doubles(&marks);
        pair_singles(&marks, open, &mut spans);
        spans.sort_unstable_by_key(|s| s.0.pos);
        let dialogue = dash_dialogue(p, para.start);
        // (opening mark, words start, words end, past the closing mark)
        let mut push = |(o, s, e, ce): (usize, usize, usize, usize)| {
            let idx = quotes.len();
            let chain = match chain_in {
                Some(ch) if o == para.start => ch,
                _ => idx,
            };
            if let Some(q) = make_quote(text, o, s, e, ce, pi, true, chain) {
                quotes.push(q);
            }
        };
        // most paragraphs: no dash dialogue, no dash inside a quotation
        if dialogue.is_none() && !spans.iter().any(|&(o, c, _)| has_dash(&text[o.pos + o.len..c])) {
            for &(o, c, ce) in &spans {
                push((o.pos, o.pos + o.len, c, ce));
            }
        } else {
            let mut pieces: Vec<(usize, usize, usize, usize)> =
                spans.iter().map(|&(o, c, ce)| (o.pos, o.pos + o.len, c, ce)).collect();
            if let Some(dialogue) = dialogue {
                // the line's own words are the quotation: marks inside it are nested
                let inside = |at: usize| dialogue.iter().any(|&(_, s, e, _)| at >= s && at < e);
                pieces.retain(|&(o, ..)| !inside(o));
                open = open.filter(|o| !inside(o.pos));
                pieces.extend(dialogue);
                pieces.sort_unstable_by_key(|q| q.0);
            }
            split_at_narrator(text, pieces).for_each(&mut push);
        }
        if let Some(o) = open {
            let idx = quotes.len();
            let at_start = o.pos == para.start;
            let chain = match chain_in {
                Some(ch) if at_start => ch,
                _ => idx,
            };
            match make_quote(text, o.pos, o.pos + o.len, para.end, para.end, pi, false, chain) {
                // A quote paragraph: kept whether or not the quote goes on.
                Some(q) if at_start => {
                    quotes.push(q);
                    left_open = Some((chain, None));
                }
                Some(q) => left_open = Some((chain, Some(q))),
                None => left_open = Some((chain, None)),
            }
        }
    }
    quotes
}

/// Whether `s` holds a dash that may set off a narrator's words (`—`
/// U+2014, `–` U+2013: E2 80 94 and E2 80 93 in UTF-8), found with `memchr`.
fn has_dash(s: &str) -> bool {
    find_dash(s, 0).is_some()
}

/// The offset of the first dash (`—`, `–`) in `s` at or after `from`.
fn find_dash(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(0xE2, b.get(from..)?)
        .map(|i| from + i)
        .find(|&i| b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)))
}

/// Whether `c` is a dash that sets off a narrator's words (`—`, `–`).
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// The narrator's words inside a quotation, the way Russian and Ukrainian
/// (and other languages with dash dialogue) write them: `A, — сказал X. —
/// B`, `A! — воскликнул он. — B`, `A, — сказал X.` at the end. In `s`:
/// (where the first piece ends, where the second piece starts or `s.len()`
/// when the narrator's words run to the end). The first piece keeps a `!`,
/// `?` or `…` before the dash, not a comma; the narrator's words start with
/// a lower-case letter.
fn narrator_insert(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(d) = find_dash(s, from) {
        let dash_end = d + s[d..].chars().next().map_or(1, char::len_utf8);
        from = dash_end;
        let before = s[..d].trim_end_matches([' ', '\u{a0}']);
        if before.len() == d {
            continue; // no space before the dash: a hyphen-like use
        }
        let Some(p) = before.chars().next_back() else { continue };
        if !matches!(p, ',' | '!' | '?' | '…') {
            continue;
        }
        let after = s[dash_end..].trim_start_matches([' ', '\u{a0}']);
        if after.len() == s.len() - dash_end || !after.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let first_end = if p == ',' { before.len() - 1 } else { before.len() };
        let words = s.len() - after.len();
        // the narrator's words, a short clause (`сказал X`, `отметил
        // представитель Кремля`), end at `. —`, `, —` or `: —`, or with a
        // period at the end (not a parenthetical: `right? – and they're
        // used to …,`)
        let short = |narration: &str| narration.split_whitespace().count() <= MAX_NARRATOR_WORDS;
        let mut k = words;
        while let Some(d2) = find_dash(s, k) {
            let d2_end = d2 + s[d2..].chars().next().map_or(1, char::len_utf8);
            k = d2_end;
            let b = s[..d2].trim_end_matches([' ', '\u{a0}']);
            let a = s[d2_end..].trim_start_matches([' ', '\u{a0}']);
            if b.len() < d2 && b.ends_with(['.', ',', ':']) && a.len() < s.len() - d2_end && !a.is_empty() {
                if !short(&s[words..d2]) {
                    break;
                }
                return Some((first_end, s.len() - a.len()));
            }
        }
        if s.trim_end().ends_with('.') && short(&s[words..]) {
            return Some((first_end, s.len()));
        }
    }
    None
}

/// The most words a narrator's insert in a quotation holds (`сказал
/// пресс-секретарь президента Дмитрий Песков журналистам`).
const MAX_NARRATOR_WORDS: usize = 10;

/// A paragraph of dash dialogue (`— Никто не обещал, — сказал Песков. — Но
/// мы настроены работать.`): the pieces of its speech, (dash, words start,
/// words end, words end). Only a line that names its speaker between dashes
/// counts (a list item or an interview question opening with a dash does
/// not); the speech pieces are split at the narrator's words by
/// [`split_at_narrator`].
fn dash_dialogue(p: &str, base: usize) -> Option<Vec<(usize, usize, usize, usize)>> {
    let first = p.chars().next()?;
    if !is_dash(first) {
        return None;
    }
    let rest = &p[first.len_utf8()..];
    let words = rest.trim_start_matches([' ', '\u{a0}']);
    if words.len() == rest.len() || words.is_empty() {
        return None;
    }
    narrator_insert(words)?;
    let start = base + p.len() - words.len();
    let end = base + p.trim_end().len();
    Some(vec![(base, start, end, end)])
}

/// Split each quotation at the narrator's words inside it (see
/// [`narrator_insert`]), repeatedly: `«A, — сказал X. — B»` is two pieces.
fn split_at_narrator(
    text: &str,
    pieces: Vec<(usize, usize, usize, usize)>,
) -> impl Iterator<Item = (usize, usize, usize, usize)> + '_ {
    pieces.into_iter().flat_map(move |(mut o, mut s, e, ce)| {
        let mut out = Vec::new();
        while has_dash(&text[s..e])
            && let Some((first_end, second)) = narrator_insert(&text[s..e])
        {
            out.push((o, s, s + first_end, s + first_end));
            if second >= e - s {
                s = e;
                break;
            }
            o = s + second;
            s += second;
        }
        if s < e {
            out.push((o, s, e, ce));
        }
        out
    })
}

#[allow(clippy::too_many_arguments)]
fn make_quote(
    text: &str,
    open: usize,
    inner_start: usize,
    inner_end: usize,
    close_end: usize,
    para: usize,
    closed: bool,
    chain: usize,
) -> Option<Quote> {
    let inner = &text[inner_start..inner_end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.is_empty() || !trimmed.chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let start = inner_start + lead;
    Some(Quote {
        open,
        start,
        end: start + trimmed.len(),
        close_end,
        para,
        closed: closed && inner_end < close_end,
        chain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::segment::segment;

    fn quoted(text: &str) -> Vec<&str> {
        let lex = Lexicons::builtin().unwrap();
        let seg = segment(text, &lex);
        find_quote_spans(text, &seg).iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn quote_styles() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("straight", r#"He said "yes, we will." Then left."#, &["yes, we will."]),
            ("curly", "He said “yes, we will.” Then left.", &["yes, we will."]),
            ("straight open, curly close", "\"They were planned,” he said.", &["They were planned,"]),
            ("ptb", "He said ``yes, we will.'' Then left.", &["yes, we will."]),
            ("double apostrophes", "He said ''yes, we will.'' Then left.", &["yes, we will."]),
            ("guillemets", "Песков сказал: «Переговоры состоятся». Конец.", &["Переговоры состоятся"]),
            ("low-high", "Er sagte: „Wir kommen“ und ging.", &["Wir kommen"]),
            (
                "low-high nested in guillemets",
                "«Мы изучили этот „план“, и у нас есть вопросы», — сказал он.",
                &["Мы изучили этот „план“, и у нас есть вопросы"],
            ),
            ("curly nested in guillemets", "«Это “план” Киева», — сказал он.", &["Это “план” Киева"]),
            ("a guillemet left open", "Он сказал: «нет. Она сказала “да” и ушла.", &["да"]),
            ("single curly", "Peskov: ‘Talks are off’ for now", &["Talks are off"]),
            ("single straight", "Peskov: 'Talks are off' for now", &["Talks are off"]),
            ("apostrophes", "Kyiv's plan and they’re sure of the ’90s", &[]),
            ("nested", "“He told me ‘no way’ twice,” she said.", &["He told me ‘no way’ twice,"]),
            ("emoji and cyrillic", "🙂 “Мир — это 🕊,” he said.", &["Мир — это 🕊,"]),
            ("split", "\"A,\" he said. \"B.\"", &["A,", "B."]),
            ("inch mark", "a 5'11\" man said \"hi\"", &["hi"]),
            ("triple", "''I'd use the word 'old-school,''' said Mr. Slayton.", &["I'd use the word 'old-school,'"]),
            ("empty", "he said \"\" and “ ”", &[]),
            (
                "narrator inside guillemets",
                "«Ответа нет, — отметил Песков. — Как только он будет, сообщим».",
                &["Ответа нет", "Как только он будет, сообщим"],
            ),
            ("narrator at the end", "«Мы готовы! — сказал он.»", &["Мы готовы!"]),
            (
                "dash dialogue",
                "— Никто не обещал, что будет легко, — сказал Песков. — Но мы „настроены“ работать.",
                &["Никто не обещал, что будет легко", "Но мы „настроены“ работать."],
            ),
            ("dash dialogue, speaker last", "– Ми готові, – сказав він.", &["Ми готові"]),
            ("a dash list item is no dialogue", "— Переговоры в Абу-Даби, четверг.", &[]),
            ("a dash inside a quote", "«Мир — это труд», — сказал он.", &["Мир — это труд"]),
            ("an English dash", "\"We will go — all of us,\" she said.", &["We will go — all of us,"]),
            (
                "an English parenthetical",
                "“It is a power, right? – and they're used to young women being in awe of them,” Palmer added.",
                &["It is a power, right? – and they're used to young women being in awe of them,"],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&quoted(text), want, "case {name}: {text}");
        }
    }

    #[test]
    fn unbalanced_marks_recover_at_paragraph_end() {
        let text = "He said \"this never closes.\nNext paragraph \"has a quote\" here.";
        assert_eq!(quoted(text), vec!["has a quote"]);
        let text = "“A quote paragraph that lost its mark.\nPlain text.";
        assert_eq!(quoted(text), vec!["A quote paragraph that lost its mark."]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_chain() {
        let text = "“First part.\n\n“Second part.\n\n“Last part,” he said.\nAfter “x” y.";
        let lex = Lexicons::builtin().unwrap();
        let seg = segment(text, &lex);
        let qs = find_quote_spans(text, &seg);
        let words: Vec<&str> = qs.iter().map(|q| &text[q.start..q.end]).collect();
        assert_eq!(words, vec!["First part.", "Second part.", "Last part,", "x"]);
        assert_eq!(qs[0].chain, qs[1].chain);
        assert_eq!(qs[1].chain, qs[2].chain);
        assert_ne!(qs[2].chain, qs[3].chain);
    }
}
