//! `cues.tsv`: lemma, class, forms. Also the cheap shape filter that rejects
//! most words before any cue lookup.

use super::{Cue, CueClass, Lexicons, content_lines, split_list};

/// Add the cues of `text` to `lex`.
pub(super) fn add(text: &str, lex: &mut Lexicons, err: &mut impl FnMut(usize, String)) {
    // the line of each cue of this file, for duplicates (a later file may
    // replace an earlier one's forms)
    let first = lex.cues.len();
    let mut lines: Vec<usize> = Vec::new();
    lex.cue_forms.reserve(text.bytes().filter(|&b| b == b'|' || b == b'\n').count());
    for (n, line) in content_lines(text) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 3 {
            err(n, format!("expected 3 tab-separated fields (lemma, class, forms), found {}", f.len()));
            continue;
        }
        let (lemma, class) = (f[0].trim(), f[1].trim());
        if lemma.is_empty() || class.is_empty() {
            err(n, "empty lemma or class".into());
            continue;
        }
        let Some(class) = CueClass::parse(class) else {
            err(n, format!("cue class {class:?} is not one of {}", CueClass::names()));
            continue;
        };
        let forms = split_list(f[2]);
        if forms.is_empty() {
            err(n, "no forms given".into());
            continue;
        }
        if let Some(bad) = forms.iter().find(|f| f.chars().any(|c| c.is_uppercase())) {
            err(n, format!("cue form {bad:?} must be lower case"));
            continue;
        }
        let idx = lex.cues.len();
        lex.cues.push(Cue { lemma: lemma.to_string(), class });
        lines.push(n);
        for form in forms {
            // one space between words; most forms are written so already
            let key = if form.split(' ').all(|w| !w.is_empty() && !w.contains(char::is_whitespace)) {
                form
            } else {
                form.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            let first_word = key.split(' ').next().unwrap_or("");
            if key.contains(' ') {
                lex.cue_first_words.insert(first_word.to_string());
            }
            lex.cue_shapes.add(first_word);
            if let Some(&prev) = lex.cue_forms.get(&key).filter(|&&p| p >= first) {
                err(n, format!("duplicate cue form {key:?} (first on line {})", lines[prev - first]));
            }
            lex.cue_forms.insert(key, idx);
        }
    }
}

/// The shapes of cue first words, a cheap filter before any lookup.
///
/// A word whose first byte is an ASCII letter is looked up in a bitmap: for
/// each first letter a–z and length 1..=63 bytes, a bit per last letter a–z
/// (bit 26: any other last byte). A word that starts with anything else (a
/// Cyrillic letter, a digit) is let through only when a cue starts with the
/// same character (lower-cased), so loading a cue in another script costs
/// English text nothing.
#[derive(Debug, Clone, Default)]
pub(super) struct CueShapes {
    /// `26 * 64` entries once a cue is loaded.
    bitmap: Vec<u32>,
    /// First characters (lower case) of cue words that do not start with
    /// an ASCII letter.
    other_firsts: Vec<char>,
    /// First letters (bit per a–z) of cue words that start with an ASCII
    /// letter but are not plain ASCII or are 64 bytes or longer: their
    /// length in bytes may differ once capitalised, so every word with
    /// that first letter passes.
    loose_firsts: u32,
}

impl CueShapes {
    fn add(&mut self, first: &str) {
        let b = first.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return };
        match f {
            b'a'..=b'z' if b.len() < 64 && first.is_ascii() => {
                self.bitmap.resize(26 * 64, 0);
                self.bitmap[(f - b'a') as usize * 64 + b.len()] |= shape_bit(l);
            }
            b'a'..=b'z' => {
                // every length and last byte passes for this first letter
                self.bitmap.resize(26 * 64, 0);
                let at = (f - b'a') as usize * 64;
                self.bitmap[at..at + 64].fill((1 << 27) - 1);
                self.loose_firsts |= 1 << (f - b'a');
            }
            _ => {
                let c = first.chars().next().and_then(|c| c.to_lowercase().next());
                if let Some(c) = c.filter(|c| !self.other_firsts.contains(c)) {
                    self.other_firsts.push(c);
                }
            }
        }
    }

    /// Whether every cue word seen starts with an ASCII letter, is ASCII
    /// and shorter than 64 bytes: the bitmap alone answers.
    #[cfg(test)]
    pub(super) fn is_ascii_only(&self) -> bool {
        self.other_firsts.is_empty() && self.loose_firsts == 0
    }

    /// Whether `word` (as written) could be the first word of a cue form.
    #[inline]
    pub(super) fn may_be_cue(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return false };
        match f.to_ascii_lowercase() {
            f @ b'a'..=b'z' if b.len() < 64 => {
                self.bitmap.get((f - b'a') as usize * 64 + b.len()).is_some_and(|s| s & shape_bit(l) != 0)
            }
            _ => self.may_be_cue_rare(word),
        }
    }

    /// `may_be_cue` for a word of 64 bytes or more, or one that does not
    /// start with an ASCII letter.
    #[inline(never)]
    fn may_be_cue_rare(&self, word: &str) -> bool {
        let f = word.as_bytes()[0].to_ascii_lowercase();
        if f.is_ascii_lowercase() {
            return self.loose_firsts & (1 << (f - b'a')) != 0;
        }
        !self.other_firsts.is_empty()
            && word.chars().next().and_then(|c| c.to_lowercase().next()).is_some_and(|c| self.other_firsts.contains(&c))
    }
}

/// The bit of a cue word's last byte in a bitmap entry.
fn shape_bit(last: u8) -> u32 {
    match last.to_ascii_lowercase() {
        l @ b'a'..=b'z' => 1 << (l - b'a'),
        _ => 1 << 26,
    }
}
