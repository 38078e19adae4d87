//! Which language a document is written in, for `--lang auto`: English,
//! Russian or Ukrainian, from a sample of its first few kilobytes.
//!
//! A text with few Cyrillic letters is English (the default language: any
//! Latin-script text is read with the English lexicons). A Cyrillic text is
//! Ukrainian or Russian by the letters only one of them has (`і ї є ґ` against
//! `ы э ъ ё`) and, when the letters do not decide, by a few function words
//! (`що`, `та`, `це`, `як` against `что`, `это`, `как`, `он`). The common
//! case, an English text, is answered by one `memchr3` over the sample for
//! the lead bytes of Cyrillic letters in UTF-8.

/// The bytes of a document read to tell its language.
pub(crate) const SAMPLE_BYTES: usize = 4096;

/// Letters only one of Russian and Ukrainian has, seen three times as often
/// as the other's: reading stops there.
const DECIDING_LETTERS: usize = 12;

/// A language [`detect`] tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    /// Latin script (or too little Cyrillic to tell): English.
    English,
    /// Cyrillic, Russian letters or words.
    Russian,
    /// Cyrillic, Ukrainian letters or words.
    Ukrainian,
}

impl Detected {
    /// The built-in language code.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Detected::English => "en",
            Detected::Russian => "ru",
            Detected::Ukrainian => "uk",
        }
    }
}

/// The language of `text`, from its first [`SAMPLE_BYTES`] bytes.
pub(crate) fn detect(text: &str) -> Detected {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    // the letters of Russian and Ukrainian (U+0400–U+04BF) lead with
    // 0xD0–0xD2 in UTF-8
    if memchr::memchr3(0xD0, 0xD1, 0xD2, sample.as_bytes()).is_none() {
        return Detected::English;
    }
    // counted by bytes, no char decoding: a Cyrillic letter is a lead
    // byte D0–D2 and a continuation byte; the letters only Ukrainian has
    // (і ї є ґ, І Ї Є Ґ) and only Russian has (ы э ъ ё, Ы Э Ъ Ё) by both
    let b = sample.as_bytes();
    let (mut cyrillic, mut latin, mut uk, mut ru) = (0usize, 0usize, 0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'a'..=b'z' | b'A'..=b'Z' => latin += 1,
            lead @ 0xD0..=0xD2 if i + 1 < b.len() => {
                cyrillic += 1;
                match (lead, b[i + 1]) {
                    (0xD1, 0x94 | 0x96 | 0x97) | (0xD0, 0x84 | 0x86 | 0x87) | (0xD2, 0x90 | 0x91) => uk += 1,
                    (0xD1, 0x8A | 0x8B | 0x8D | 0x91) | (0xD0, 0x81 | 0xAA | 0xAB | 0xAD) => ru += 1,
                    _ => {}
                }
                i += 1;
                // enough letters of one language to tell: stop reading
                if uk + ru >= DECIDING_LETTERS && cyrillic > latin && (uk >= 3 * ru || ru >= 3 * uk) {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if cyrillic <= latin {
        return Detected::English;
    }
    if uk != ru {
        return if uk > ru { Detected::Ukrainian } else { Detected::Russian };
    }
    // the letters do not decide (a short text): function words
    let (mut uk_words, mut ru_words) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        match w {
            "що" | "та" | "це" | "як" | "він" | "вона" | "від" | "але" | "щодо" | "й" => {
                uk_words += 1
            }
            "что" | "это" | "как" | "он" | "она" | "от" | "но" | "его" | "был" | "бы" => {
                ru_words += 1
            }
            _ => {}
        }
    }
    if uk_words > ru_words { Detected::Ukrainian } else { Detected::Russian }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_russian_and_ukrainian_are_told_apart() {
        let cases = [
            ("\"We are ready,\" Peskov said on Wednesday.", Detected::English),
            ("", Detected::English),
            ("«Мы готовы к переговорам», — заявил Песков.", Detected::Russian),
            ("«Ми готові до переговорів», – заявив Пєсков.", Detected::Ukrainian),
            // no letter of either alone decides: the function words do
            ("Он сказал, что готов.", Detected::Russian),
            ("Він сказав, що готовий.", Detected::Ukrainian),
            // an English article quoting a Russian word is English
            ("The word «мир» means peace and world, the professor said at length.", Detected::English),
            // a Russian article naming Western outlets is Russian
            ("Об этом сообщило агентство Reuters со ссылкой на Bloomberg и The New York Times.", Detected::Russian),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn only_the_sample_is_read_and_a_char_is_never_cut() {
        // English for the first 4 KB, Cyrillic after: English
        let text = format!("{}{}", "a ".repeat(SAMPLE_BYTES / 2), "й".repeat(10_000));
        assert_eq!(detect(&text), Detected::English);
        // a two-byte letter across the sample's end
        let text = format!("x{}", "ы".repeat(SAMPLE_BYTES));
        assert_eq!(detect(&text), Detected::Russian);
    }
}
