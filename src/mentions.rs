//! Speaker mentions: tokens, name runs, the gazetteer, pronouns and roles.
//!
//! This stage turns the text around quotes and cues into tokens (words and
//! punctuation with byte spans) and knows what a word can be: a cue, a
//! pronoun, a title, part of a name. The gazetteer maps aliases and spelling
//! variants to canonical names (exact lookup) and finds role descriptions
//! ("the Kremlin spokesman") with an Aho–Corasick automaton.
//!
//! Invariants: token spans are byte ranges into the document text, on char
//! boundaries, in increasing order; a `Quote` token stands for a whole quoted
//! span including its marks, so nothing inside a quote is ever read as a
//! cue or a speaker.

use rustc_hash::FxHashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use unicode_segmentation::GraphemeCursor;

use crate::lexicon::{Gender, Lexicons, SpeakerType, WordClass, WordInfo, WordSet, WordShapes};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Punct(char),
    /// A quoted span (index into the document's quotes), marks included.
    /// (`u32`: a token stays small, see [`Token`].)
    Quote(u32),
}

/// A token of a unit: a word, a punctuation mark, or a whole quote. A word
/// carries what every stage asks of it, computed once: its capitalisation
/// (by the tokenizer) and the lexicons' entries for it as written and in
/// folded form (function-word class, word sets, title, cue start; by
/// [`Token::look_up`]).
///
/// The entries are references into the lexicons' word table, not copies:
/// a token is 48 bytes rather than 88, and every word of a document is
/// written as one (the size is checked below).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'l> {
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// A word that starts with an upper-case letter.
    pub cap: bool,
    /// The lexicons' entry for the word as written (exact lookup).
    pub raw: &'l WordInfo,
    /// The lexicons' entry for the folded word ([`fold`]); `raw` when the
    /// word is already folded.
    pub folded: &'l WordInfo,
}

// Tokens are written for every word of every document: keep them small.
const _: () = assert!(std::mem::size_of::<Token>() <= 48);

impl<'l> Token<'l> {
    /// A token that is not a word (punctuation, a quote).
    pub(crate) fn other(start: usize, end: usize, kind: TokKind) -> Token<'l> {
        Token { start, end, kind, cap: false, raw: &WordInfo::NONE, folded: &WordInfo::NONE }
    }

    /// A word at `start..end`, capitalised or not ([`is_capitalised`]), not
    /// yet looked up (see [`Token::look_up`]).
    pub(crate) fn word(start: usize, end: usize, cap: bool) -> Token<'l> {
        Token { start, end, kind: TokKind::Word, cap, raw: &WordInfo::NONE, folded: &WordInfo::NONE }
    }

    /// Fill `raw` and `folded` from the lexicons (a word; other tokens
    /// have nothing to look up).
    pub(crate) fn look_up(&mut self, text: &str, lex: &'l Lexicons) {
        let w = &text[self.start..self.end];
        if self.kind != TokKind::Word || !lex.may_have_word_info(w) {
            // most content words: no entry as written nor folded (the
            // filter ignores ASCII case), known without folding or hashing
            return;
        }
        self.raw = lex.word_info_unfiltered(w);
        self.folded = match fold(w) {
            Folded::Borrowed(_) => self.raw,
            // short ASCII lower-cased: the shape the filter just passed
            f @ Folded::Inline { .. } => lex.word_info_unfiltered(&f),
            f => lex.word_info_ref(&f),
        };
    }

    /// The word's function-word class ([`word_class`] of its text): as
    /// written, else (for a word not capitalised) in folded form.
    pub(crate) fn class(&self) -> Option<WordClass> {
        self.raw.class.or(if self.cap { None } else { self.folded.class })
    }

    /// Whether the word as written is in `set`.
    pub(crate) fn is(&self, set: WordSet) -> bool {
        self.raw.sets.contains(set)
    }

    /// Whether the folded word is in `set`.
    pub(crate) fn folds_to(&self, set: WordSet) -> bool {
        self.folded.sets.contains(set)
    }

    /// The token's text: `text[start..end]`.
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub(crate) fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word)
    }
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
    pub(crate) fn quote(&self) -> Option<usize> {
        match self.kind {
            TokKind::Quote(q) => Some(q as usize),
            _ => None,
        }
    }
}

/// ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn word_char(c: char) -> bool {
    // The General Punctuation block (curly quotes, dashes, ellipsis: most
    // non-ASCII chars of news) holds no letter or digit (tested below):
    // answered without std's Unicode tables.
    // Cyrillic letters (all of U+0400–U+04FF but the signs and combining
    // marks U+0482–U+0489) likewise.
    if c.is_ascii() {
        ASCII_WORD[c as usize]
    } else if ('\u{400}'..='\u{4ff}').contains(&c) {
        !('\u{482}'..='\u{489}').contains(&c)
    } else {
        !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
    }
}

/// The General Punctuation block.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Whether the char at byte `i` of `s` continues the grapheme cluster
/// before it (a combining accent, a variation selector, a zero-width
/// joiner): then it belongs to the word, however it is classified alone.
fn extends_grapheme(s: &str, i: usize) -> bool {
    let mut cursor = GraphemeCursor::new(i, s.len(), true);
    matches!(cursor.is_boundary(s, 0), Ok(false))
}

/// Tokenize `text[start..end]`, appending to `out`. Markdown syntax
/// (`[`, `]`, `*`, `_`, `#`, a link target `](…)`) and URLs are skipped, so
/// that `Peskov [told](#) reporters` reads as `Peskov told reporters`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, lex: &Lexicons, out: &mut Vec<Token<'_>>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let first = out.len();
    let mut amp = false;
    let mut i = 0;
    while i < s.len() {
        // ASCII fast paths: spaces and plain words need no char decoding
        let byte = b[i];
        if byte == b' ' || byte == b'\n' || byte == b'\t' || byte == b'\r' {
            i += 1;
            continue;
        }
        // most tokens: a word opening with an ASCII letter or digit (not
        // a URL), read without the checks for markup below
        if ASCII_WORD[byte as usize] && !((byte == b'h' || byte == b'w') && is_url(&s[i..])) {
            let e = word_end(s, i, i + 1, lex);
            out.push(Token::word(start + i, start + e, byte.is_ascii_uppercase()));
            i = e;
            continue;
        }
        let c = if byte.is_ascii() { byte as char } else { s[i..].chars().next().unwrap_or(' ') };
        let cl = c.len_utf8();
        if c == '<' && s[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') {
            // an HTML/XML tag: skip it whole
            if let Some(k) = s[i + 1..].find(['>', '<', '\n'])
                && s.as_bytes()[i + 1 + k] == b'>'
            {
                i += k + 2;
                continue;
            }
        }
        if c.is_whitespace() || matches!(c, '[' | '*' | '_' | '#' | '<' | '>') {
            i += cl;
            continue;
        }
        if c == ']' {
            i += 1;
            if b.get(i) == Some(&b'(') {
                // a link target: skip to the closing parenthesis (same line)
                if let Some(k) = s[i..].find([')', '\n']) {
                    i += k + 1;
                }
            }
            continue;
        }
        if (c == 'h' || c == 'w') && is_url(&s[i..]) {
            let k = s[i..].find(|c: char| c.is_whitespace() || c == '>' || c == ')').unwrap_or(s.len() - i);
            i += k;
            continue;
        }
        if word_char(c) {
            let e = word_end(s, i, i + cl, lex);
            out.push(Token::word(start + i, start + e, c.is_uppercase()));
            i = e;
            continue;
        }
        amp |= c == '&';
        out.push(Token::other(start + i, start + i + cl, TokKind::Punct(c)));
        i += cl;
    }
    // (most sentences hold no `&`: the joining is aside)
    if amp {
        join_firm_names(text, out, first);
    }
}

/// A firm's name joined by `&` is one name, one token: `Procter & Gamble`,
/// `Hollin & Marsh` (capitalised words on both sides, single spaces around
/// the mark), among the tokens of `out` from `first` on.
#[inline(never)]
fn join_firm_names(text: &str, out: &mut Vec<Token<'_>>, first: usize) {
    let b = text.as_bytes();
    let mut k = first;
    while k + 2 < out.len() {
        let (l, m, r) = (out[k], out[k + 1], out[k + 2]);
        if l.is_word()
            && l.cap
            && m.is_punct('&')
            && r.is_word()
            && r.cap
            && m.start == l.end + 1
            && r.start == m.end + 1
            && b[l.end] == b' '
            && b[m.end] == b' '
            && b[l.start].is_ascii_uppercase()
        {
            out[k].end = r.end;
            out.drain(k + 1..k + 3);
        } else {
            k += 1;
        }
    }
}

/// Whether `rest` opens with a URL (`http://`, `https://`, `www.`).
fn is_url(rest: &str) -> bool {
    rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")
}

/// The end of the word of `s` that starts at byte `ws`, read on from byte
/// `i` (past its first char): letters and digits, joiners between them,
/// and a trailing period of an abbreviation or initial.
fn word_end(s: &str, ws: usize, mut i: usize, lex: &Lexicons) -> usize {
    let b = s.as_bytes();
    while i < s.len() {
        // the common case: a run of ASCII letters and digits
        i += b[i..].iter().position(|&c| !ASCII_WORD[c as usize]).unwrap_or(b.len() - i);
        if i == s.len() || b[i] == b' ' {
            break; // (most words end at a space)
        }
        let d = if b[i].is_ascii() { b[i] as char } else { s[i..].chars().next().unwrap_or(' ') };
        if word_char(d) || (!d.is_ascii() && extends_grapheme(s, i)) {
            i += d.len_utf8();
            continue;
        }
        // a thousands separator inside a number: 12,000
        if d == ','
            && i > ws
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // joiners inside a word: Kyiv's, they’re, Putin-Zelenskyy, U.S, AT&T
        if matches!(d, '\'' | '’' | '-' | '.' | '&' | '‑') {
            let after = s[i + d.len_utf8()..].chars().next();
            if after.is_some_and(word_char) {
                i += d.len_utf8();
                continue;
            }
        }
        break;
    }
    // A trailing period belongs to abbreviations and initials.
    if b.get(i) == Some(&b'.') {
        let w = &s[ws..=i];
        let single = w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase();
        let dotted = w[..w.len() - 1].contains('.') && w[..w.len() - 1].split('.').all(|p| p.chars().count() == 1);
        if single || dotted || lex.abbreviations.contains(w) {
            i += 1;
        }
    }
    i
}

/// Whether a word starts with an upper-case letter.
pub(crate) fn is_capitalised(w: &str) -> bool {
    // asked of every word: an ASCII first byte is answered without decoding
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(|c| c.is_uppercase()),
    }
}

/// A word in folded form (see [`fold`]): borrowed when the word is already
/// folded, on the stack when it is short ASCII, on the heap otherwise.
/// Dereferences to `str`.
#[derive(Debug, Clone)]
pub(crate) enum Folded<'a> {
    Borrowed(&'a str),
    Inline { buf: [u8; FOLD_INLINE], len: u8 },
    Owned(String),
}

/// Longest ASCII word folded without allocating (nearly every English word).
const FOLD_INLINE: usize = 30;

impl std::ops::Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Folded::Borrowed(s) => s,
            // SAFETY: `fold` writes only ASCII bytes inline, and ASCII is
            // UTF-8 (checked in debug builds). This runs for most words of
            // every document, where re-validating cost 2% of the run.
            Folded::Inline { buf, len } => {
                let b = &buf[..*len as usize];
                debug_assert!(b.is_ascii());
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Folded::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Folded<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Folded<'_> {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl Folded<'_> {
    pub(crate) fn into_owned(self) -> String {
        match self {
            Folded::Owned(s) => s,
            other => other.to_string(),
        }
    }
}

/// Lower-case a word, folding the curly apostrophe to a straight one.
pub(crate) fn fold(w: &str) -> Folded<'_> {
    // Most words are already lower-case ASCII: borrow them; copy short
    // ASCII words with capitals onto the stack; allocate only for long or
    // non-ASCII words (curly apostrophes included).
    let b = w.as_bytes();
    if is_folded(w) {
        Folded::Borrowed(w)
    } else if b.len() <= FOLD_INLINE && b.is_ascii() {
        // copy, then lower-case in place: no per-byte zip
        let mut buf = [0u8; FOLD_INLINE];
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        Folded::Inline { buf, len: b.len() as u8 }
    } else if let Some(folded) =
        b.iter().find(|c| !c.is_ascii()).filter(|&&c| matches!(c, 0xD0 | 0xD1 | 0xE2)).and_then(|_| fold_cyrillic(w))
    {
        folded
    } else {
        Folded::Owned(w.to_lowercase().replace('’', "'"))
    }
}

/// [`fold`] of a word of ASCII, basic Cyrillic letters (U+0400–U+045F, the
/// letters of Russian and Ukrainian but ґ) and curly apostrophes, without
/// std's Unicode tables: borrowed when it is its own fold, else lower-cased
/// by offset; `None` for any other char (the general path, which the result
/// equals).
#[inline(never)]
fn fold_cyrillic(w: &str) -> Option<Folded<'_>> {
    // by bytes, no char decoding: asked of most words of a Russian text
    let b = w.as_bytes();
    let mut upper = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            upper |= !FOLDED_BYTE[x as usize];
            i += 1;
            continue;
        }
        match (x, b.get(i + 1).copied()?) {
            // U+0400–U+042F: capitals
            (0xD0, 0x80..=0xAF) => upper = true,
            // U+0430–U+045F: small letters
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x9F) => {}
            // ’ (E2 80 99)
            (0xE2, 0x80) if b.get(i + 2) == Some(&0x99) => {
                upper = true;
                i += 3;
                continue;
            }
            _ => return None,
        }
        i += 2;
    }
    if !upper {
        return Some(Folded::Borrowed(w));
    }
    let folded = w
        .chars()
        .map(|c| match c {
            '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
            '\u{410}'..='\u{42f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '’' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Some(Folded::Owned(folded))
}

/// Whether `w` is its own [`fold`] (lower-case ASCII letters, digits,
/// `'`, `-`, `.`): then it is its folded form, with no copy.
pub(crate) fn is_folded(w: &str) -> bool {
    // by table: asked of every word looked up
    w.bytes().all(|b| FOLDED_BYTE[b as usize])
}

/// The bytes of a word that [`fold`] leaves as they are.
static FOLDED_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'\'' | b'-' | b'.');
        b += 1;
    }
    t
};

/// Strip a possessive ending: `Ukraine's` → (`Ukraine`, true).
pub(crate) fn strip_possessive(w: &str) -> (&str, bool) {
    // every possessive ends in `s`, `'` or the last byte of `’`
    if !matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return (w, false);
    }
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(base) = w.strip_suffix(suf)
            && !base.is_empty()
        {
            return (base, true);
        }
    }
    (w, false)
}

/// The gazetteer: aliases and roles of known speakers.
#[derive(Debug, Clone)]
pub(crate) struct Gazetteer {
    /// Alias (as written, and lower-cased) → speaker index.
    aliases: FxHashMap<String, usize>,
    /// The shapes of the aliases: most names of a text are no alias,
    /// known without hashing or folding.
    alias_shapes: WordShapes,
    roles: Option<AhoCorasick>,
    /// Pattern id → (speaker index, role index).
    role_ids: Vec<(usize, usize)>,
    /// The last word of every role, folded: a phrase that ends otherwise
    /// is no role as a whole ([`Gazetteer::may_be_role`]).
    role_last_words: rustc_hash::FxHashSet<String>,
    /// The first four letters (folded) of every word of every non-ASCII
    /// alias: a case form of a name starts with them
    /// ([`Gazetteer::may_be_name_form`]).
    name_heads: rustc_hash::FxHashSet<String>,
}

/// A speaker known to the gazetteer or named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entity {
    /// Shared: an entity is copied into every link and every event.
    pub name: std::rc::Rc<str>,
    pub kind: EntityKind,
    pub gender: Gender,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntityKind {
    Person,
    Org,
    /// A capitalised name nobody has typed: a person, a place or a body.
    Name,
    /// An unnamed source as written ("local officials").
    Group,
}

impl Gazetteer {
    pub(crate) fn new(lex: &Lexicons) -> Gazetteer {
        let mut aliases = FxHashMap::default();
        // sized once: a gazetteer of hundreds of thousands is not rehashed
        aliases.reserve(2 * lex.speakers.iter().map(|sp| 1 + sp.aliases.len()).sum::<usize>());
        let mut patterns = Vec::new();
        let mut role_ids = Vec::new();
        let mut role_last_words = rustc_hash::FxHashSet::default();
        let mut name_heads = rustc_hash::FxHashSet::default();
        for (i, sp) in lex.speakers.iter().enumerate() {
            for a in std::iter::once(&sp.canonical).chain(&sp.aliases) {
                if !a.is_ascii() {
                    name_heads.extend(a.split(' ').map(|w| name_head(&fold(w)).to_string()));
                }
                aliases.entry(a.clone()).or_insert(i);
                aliases.entry(fold(a).into_owned()).or_insert(i);
                // "the Kremlin" is also "Kremlin"
                if let Some(rest) = a.strip_prefix("the ").or_else(|| a.strip_prefix("The ")) {
                    aliases.entry(rest.to_string()).or_insert(i);
                }
            }
            for (r, role) in sp.roles.iter().enumerate() {
                if let Some(last) = role.phrase.split(' ').next_back() {
                    role_last_words.insert(fold(last).into_owned());
                }
                patterns.push(role.phrase.replace('’', "'"));
                role_ids.push((i, r));
            }
        }
        let roles = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                // Roles are searched only in the few speaker phrases that
                // resolve as descriptions: a DFA (the default for a few
                // hundred patterns) costs ~4 M instructions to build at
                // start-up and saves next to nothing per search. The kind
                // does not change what matches.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok()
        };
        let alias_shapes = WordShapes::of(aliases.keys());
        Gazetteer { aliases, alias_shapes, roles, role_ids, role_last_words, name_heads }
    }

    /// Look a name up by alias, exactly as written, then case-folded.
    pub(crate) fn lookup(&self, name: &str) -> Option<usize> {
        // an ASCII name folds to the same shape (the filter ignores case)
        let ascii = name.is_ascii();
        if ascii && !self.alias_shapes.may_have(name) {
            return None;
        }
        if let Some(&i) = self.aliases.get(name) {
            return Some(i);
        }
        // Aliases are stored as written and lower-cased, so a name in plain
        // title case ("Dmitry Peskov") was just looked up as written; only
        // other casings ("PESKOV", "peskov", "McCain") need folding.
        let title_case = name.split(' ').all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
        });
        if title_case && !name.contains('’') {
            return None;
        }
        let folded = fold(name);
        if !ascii && !self.alias_shapes.may_have(&folded) {
            return None;
        }
        self.aliases.get(&*folded).copied()
    }

    /// The speaker whose role ends `phrase` (case-insensitive) and holds on `date`.
    /// Whether `word` (as written, not ASCII) may be a case form of a word
    /// of a known name: it starts as one does.
    pub(crate) fn may_be_name_form(&self, word: &str) -> bool {
        self.name_heads.contains(name_head(&fold(word)))
    }

    /// Whether a phrase whose last word folds to `last` may be a role.
    pub(crate) fn may_be_role(&self, last: &str) -> bool {
        self.role_last_words.contains(last)
    }

    /// The speaker whose role is the whole of `phrase` (case-insensitive)
    /// and holds on `date`.
    pub(crate) fn role_is(&self, phrase: &str, date: Option<&str>, lex: &Lexicons) -> Option<usize> {
        let ac = self.roles.as_ref()?;
        let phrase = straight_apostrophes(phrase);
        let trimmed = phrase.trim();
        ac.find_overlapping_iter_compat(trimmed).into_iter().find_map(|m| {
            let (sp, r) = self.role_ids[m.0];
            (m.1 == 0 && m.2 == trimmed.len() && lex.speakers[sp].roles[r].holds_on(date)).then_some(sp)
        })
    }

    pub(crate) fn role_at_end(&self, phrase: &str, date: Option<&str>, lex: &Lexicons) -> Option<usize> {
        let ac = self.roles.as_ref()?;
        let phrase = straight_apostrophes(phrase);
        let trimmed = phrase.trim_end();
        let mut best: Option<(usize, usize)> = None; // (match start, speaker)
        for m in ac.find_overlapping_iter_compat(trimmed) {
            let (sp, r) = self.role_ids[m.0];
            if m.2 == trimmed.len() && lex.speakers[sp].roles[r].holds_on(date) && best.is_none_or(|b| m.1 < b.0) {
                // the role must start at a word boundary
                let ok = m.1 == 0 || trimmed[..m.1].ends_with([' ', '-']);
                if ok {
                    best = Some((m.1, sp));
                }
            }
        }
        best.map(|b| b.1)
    }

    pub(crate) fn entity(&self, idx: usize, lex: &Lexicons) -> Entity {
        let sp = &lex.speakers[idx];
        Entity {
            name: sp.canonical.as_str().into(),
            kind: match sp.kind {
                SpeakerType::Person => EntityKind::Person,
                SpeakerType::Org => EntityKind::Org,
            },
            gender: sp.gender,
        }
    }
}

/// The first four chars of a word (all of a shorter one).
fn name_head(w: &str) -> &str {
    w.char_indices().nth(4).map_or(w, |(i, _)| &w[..i])
}

/// `s` with its curly apostrophes straightened, copied only when it has one.
fn straight_apostrophes(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('’') { std::borrow::Cow::Owned(s.replace('’', "'")) } else { std::borrow::Cow::Borrowed(s) }
}

/// Overlapping search that works with a leftmost-longest automaton: every
/// start position is tried, so a role can be found however the phrase
/// begins ("Russia's Kremlin spokesman" still ends in "Kremlin spokesman").
trait OverlapCompat {
    fn find_overlapping_iter_compat(&self, hay: &str) -> Vec<(usize, usize, usize)>;
}

impl OverlapCompat for AhoCorasick {
    fn find_overlapping_iter_compat(&self, hay: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while from < hay.len() {
            let input = aho_corasick::Input::new(hay).span(from..hay.len());
            match self.find(input) {
                Some(m) => {
                    out.push((m.pattern().as_usize(), m.start(), m.end()));
                    // restart at the next word after this match's start
                    from = hay[m.start()..].find(' ').map_or(hay.len(), |k| m.start() + k + 1);
                }
                None => break,
            }
        }
        out
    }
}

/// Classify a word by the lexicons.
pub(crate) fn word_class(w: &str, lex: &Lexicons) -> Option<WordClass> {
    lex.word_class(w).or_else(|| {
        if is_capitalised(w) {
            return None;
        }
        // a word already in folded form was just looked up
        match fold(w) {
            Folded::Borrowed(_) => None,
            f => lex.word_class(&f),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let lex = Lexicons::builtin().unwrap();
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &lex, &mut toks);
        toks.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokenizes_words_and_debris() {
        assert_eq!(
            words("Peskov [told](#) the U.S. envoy, Mr. Witkoff’s aide — https://x.org/a.b ok."),
            vec!["Peskov", "told", "the", "U.S.", "envoy", ",", "Mr.", "Witkoff’s", "aide", "—", "ok", "."]
        );
        assert_eq!(
            words("**Photo / TASS** Путин-Зеленский сказал"),
            vec!["Photo", "/", "TASS", "Путин-Зеленский", "сказал"]
        );
        // combining accents stay inside their word: "Zelens\u{301}kyi" is one word
        assert_eq!(words("Zelens\u{301}kyi said"), vec!["Zelens\u{301}kyi", "said"]);
        assert_eq!(words("<tweet id=\"1\" author=\"@x\">Hi</tweet> a < b"), vec!["Hi", "a", "b"]);
    }

    #[test]
    fn cyrillic_words_fold_as_the_general_path_does() {
        for w in ["Песков", "ПЕСКОВ", "пресс-секретарь", "Їжак", "Єгор", "ЁЛКА", "Ґанок", "ґанок", "Мир’я", "Kremlin"]
        {
            let general = w.to_lowercase().replace('’', "'");
            assert_eq!(&*fold(w), general.as_str(), "{w}");
        }
        assert!(matches!(fold("песков"), Folded::Borrowed(_)));
    }

    #[test]
    fn word_char_is_alphanumeric() {
        let cyrillic = '\u{400}'..='\u{4ff}';
        for c in GENERAL_PUNCTUATION.chain(cyrillic).chain(['a', 'Z', '0', ' ', '-', 'é', 'Ж', '٣', '\u{300}']) {
            assert_eq!(word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn gazetteer_unifies_variants_and_roles() {
        let lex = Lexicons::builtin().unwrap();
        let g = Gazetteer::new(&lex);
        let z = g.lookup("Zelensky").unwrap();
        assert_eq!(g.lookup("Zelenskiy"), Some(z));
        assert_eq!(lex.speakers[z].canonical, "Volodymyr Zelenskyy");
        let p = g.role_at_end("the Kremlin spokesman", Some("2026-02-02"), &lex).unwrap();
        assert_eq!(lex.speakers[p].canonical, "Dmitry Peskov");
        assert_eq!(g.role_at_end("the Kremlin spokesman", Some("2001-01-01"), &lex), None);
        assert_eq!(g.role_at_end("a spokesman", None, &lex), None);
    }
}
