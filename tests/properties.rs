//! Property tests: whatever the text, extraction does not panic and every
//! row's offsets are valid byte offsets whose slice is the quote.

use std::sync::LazyLock;

use proptest::prelude::*;
use quotelink::{Document, Engine, Kind, Lexicons, Options, Record};

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Lexicons::builtin().expect("built-in lexicons load"), Options::default()));

static ENGINE_ALL: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new(Lexicons::builtin().expect("built-in lexicons load"), Options { keep_unattributed: true })
});

fn check_rows(text: &str, rows: &[Record]) -> Result<(), TestCaseError> {
    for r in rows {
        prop_assert!(r.start <= r.end, "start > end: {r:?}");
        prop_assert!(r.end <= text.len(), "end past the text ({}): {r:?}", text.len());
        prop_assert!(text.is_char_boundary(r.start), "start not on a char boundary: {r:?}");
        prop_assert!(text.is_char_boundary(r.end), "end not on a char boundary: {r:?}");
        if r.kind == Kind::Direct {
            prop_assert_eq!(&r.quote, &text[r.start..r.end], "quote is not text[start..end]: {:?}", r);
            prop_assert!(!r.quote.is_empty(), "empty direct quote: {r:?}");
        }
    }
    Ok(())
}

fn run(text: &str) -> Result<(), TestCaseError> {
    let doc = Document::from_text("prop.txt", text);
    let rows = ENGINE.extract(&doc);
    check_rows(text, &rows)?;
    for r in &rows {
        prop_assert_eq!(&r.source, "prop.txt");
    }
    let all = ENGINE_ALL.extract(&doc);
    check_rows(text, &all)?;
    // Keeping unattributed spans only adds rows.
    prop_assert!(all.len() >= rows.len(), "{} rows with --keep-unattributed, {} without", all.len(), rows.len());
    Ok(())
}

/// Pieces of news text, heavy on quote marks, cues, names and odd characters.
fn token() -> impl Strategy<Value = String> {
    let marks = prop::sample::select(vec![
        "\"", "“", "”", "‘", "’", "«", "»", "„", "‚", "`", "``", "''", "'", "\"\"", "“”", "«“", "”»",
    ]);
    let cues = prop::sample::select(vec![
        "said",
        "told",
        "according to",
        "added",
        "says",
        "told reporters",
        "said that",
        "adding",
        "noted",
        "continued",
        "denied",
        "confirmed",
        "wrote",
        "asked",
        "insisted that",
        ":",
        "—",
    ]);
    let names = prop::sample::select(vec![
        "Peskov",
        "Dmitry Peskov",
        "Zelensky",
        "Mr.",
        "Ms.",
        "U.S.",
        "Feb.",
        "He",
        "he",
        "She",
        "they",
        "It",
        "The Kremlin",
        "the Kremlin spokesman",
        "Kremlin spokesman Dmitry Peskov",
        "Trump",
        "Reuters",
        "officials",
        "Putin's spokesman",
        "President",
        "Umerov",
    ]);
    let punct = prop::sample::select(vec![
        " ", " ", " ", "  ", ",", ".", ". ", "?", "!", ";", "(", ")", "[", "]", "\n", "\n\n", "\r\n", "\t", "\u{a0}",
        "\u{2028}", "\u{feff}", "…", "-", "–", "—", "*", "#",
    ]);
    let odd = prop::sample::select(vec![
        "Кремль",
        "Пєсков",
        "😀",
        "🇺🇦",
        "e\u{301}",
        "\u{200d}",
        "日本語",
        "ß",
        "İ",
        "ﬁ",
        "\u{0}",
        "date 2026-02-04 ",
        "February 04, 2026",
        "4 February 2026",
        "2026-13-45",
        "Kyiv's",
        "’90s",
        "rock 'n' roll",
        "it's",
    ]);
    prop_oneof![
        4 => marks.prop_map(String::from),
        3 => cues.prop_map(String::from),
        3 => names.prop_map(String::from),
        5 => punct.prop_map(String::from),
        2 => odd.prop_map(String::from),
        3 => "[A-Z][a-z]{1,8}",
        4 => "[a-z]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn newsy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..120).prop_map(|v| v.concat())
}

/// Tokens joined by single spaces, closer to real sentences.
fn spaced_text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..80).prop_map(|v| v.join(" "))
}

/// A sentence shaped like a quotation: opening mark, words, closing mark,
/// speaker and cue in some order, with noise around it.
fn quotation_text() -> impl Strategy<Value = String> {
    let pairs = prop::sample::select(vec![
        ("\"", "\""),
        ("“", "”"),
        ("\"", "”"),
        ("“", "\""),
        ("«", "»"),
        ("„", "“"),
        ("‘", "’"),
        ("'", "'"),
        ("``", "''"),
    ]);
    (
        newsy_text(),
        pairs,
        prop::collection::vec("[A-Za-z']{1,10}|[,.?!—]", 1..15),
        prop::sample::select(vec!["Peskov said", "said Peskov", "he told reporters", "Zelensky added", "she wrote"]),
        prop::bool::ANY,
        newsy_text(),
    )
        .prop_map(|(before, (open, close), words, attribution, cue_first, after)| {
            let words = words.join(" ");
            if cue_first {
                format!("{before}\n\n{attribution}: {open}{words}{close} {after}")
            } else {
                format!("{before}\n\n{open}{words},{close} {attribution}. {after}")
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        run(&text)?;
    }

    #[test]
    fn strings_of_quote_marks_cues_and_names(text in newsy_text()) {
        run(&text)?;
    }

    #[test]
    fn spaced_tokens(text in spaced_text()) {
        run(&text)?;
    }

    #[test]
    fn quotation_shaped_text(text in quotation_text()) {
        run(&text)?;
    }

    #[test]
    fn text_from_a_small_alphabet(text in "[\"“”‘’«»„‚`' \n.,:a-zA-Z]{0,200}") {
        run(&text)?;
    }
}

/// A plain well-formed quotation is always found, with its exact words and speaker.
mod round_trip {
    use super::*;

    fn words() -> impl Strategy<Value = String> {
        let vocab = prop::sample::select(vec![
            "we",
            "are",
            "ready",
            "the",
            "plan",
            "is",
            "good",
            "work",
            "progress",
            "peace",
            "soon",
            "now",
            "talks",
            "remain",
            "open",
            "very",
            "important",
            "for",
            "all",
            "of",
            "us",
        ]);
        prop::collection::vec(vocab, 1..12).prop_map(|v| {
            let mut s = v.join(" ");
            // Capitalise the first letter, as a quotation would be.
            s[..1].make_ascii_uppercase();
            s
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn simple_quotation_is_extracted(
            words in words(),
            pair in prop::sample::select(vec![("\"", "\""), ("“", "”"), ("«", "»")]),
        ) {
            let (open, close) = pair;
            let text = format!("date 2026-02-04 Talks\n\n{open}{words},{close} Peskov said.\n");
            let rows = ENGINE.extract(&Document::from_text("t.txt", text.as_str()));
            check_rows(&text, &rows)?;
            prop_assert_eq!(rows.len(), 1, "rows: {:?}", rows);
            let r = &rows[0];
            prop_assert_eq!(r.kind, Kind::Direct);
            prop_assert_eq!(&r.quote, &format!("{words},"));
            prop_assert_eq!(&r.speaker, "Dmitry Peskov");
            prop_assert_eq!(&r.date, "2026-02-04");
        }
    }
}

/// Arbitrary bytes through the binary: invalid UTF-8 is replaced, the run
/// succeeds, and offsets refer to the decoded text.
mod binary {
    use super::*;
    use assert_cmd::Command;

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            // Mostly without NUL, so most files are read rather than skipped as binary.
            3 => prop::collection::vec(1u8..=255, 0..400),
            1 => prop::collection::vec(any::<u8>(), 0..400),
            4 => newsy_text()
                .prop_flat_map(|t| {
                    let n = t.len();
                    (Just(t.into_bytes()), prop::collection::vec((0..=n, any::<u8>()), 0..4))
                })
                .prop_map(|(mut b, inserts)| {
                    for (i, byte) in inserts {
                        let i = i.min(b.len());
                        b.insert(i, byte);
                    }
                    b
                }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_in_a_file(data in bytes()) {
            let dir = tempfile::TempDir::new().unwrap();
            std::fs::write(dir.path().join("a.txt"), &data).unwrap();
            let out = Command::cargo_bin("quotelink").unwrap()
                .current_dir(dir.path())
                .args(["extract", "a.txt", "--date", "2026-02-04"])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            prop_assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr);
            prop_assert!(!stderr.contains("panicked"), "{}", stderr);
            // A NUL byte in the first 8 KiB marks a binary file, skipped with a warning.
            let binary = data.iter().take(8192).any(|&b| b == 0);
            prop_assert_eq!(binary, stderr.contains("binary file"), "{}", stderr);
            if binary {
                prop_assert!(out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() <= 1,
                    "rows from a binary file: {}", String::from_utf8_lossy(&out.stdout));
            } else {
                prop_assert_eq!(std::str::from_utf8(&data).is_err(), stderr.contains("invalid UTF-8"), "{}", stderr);
            }
            let text = String::from_utf8_lossy(&data);
            let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
            // The documented columns come first, in order (more may follow).
            let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
            prop_assert_eq!(
                &header[..header.len().min(10)],
                ["speaker", "quote", "date", "kind", "cue", "speaker_mention", "source", "start", "end", "rule"]
            );
            for rec in rdr.records() {
                let rec = rec.unwrap();
                let (quote, kind) = (&rec[1], &rec[3]);
                let start: usize = rec[7].parse().unwrap();
                let end: usize = rec[8].parse().unwrap();
                prop_assert!(start <= end && end <= text.len(), "{:?}", rec);
                prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{:?}", rec);
                if kind == "direct" {
                    prop_assert_eq!(quote, &text[start..end]);
                }
                prop_assert_eq!(&rec[6], "a.txt");
            }
        }
    }
}
