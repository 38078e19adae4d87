//! A language is data: `tests/data/lang-xx/` is a small language folder
//! written in Cyrillic (cues such as `заявил`, `что` as complementiser,
//! pronouns, speakers with aliases, weekdays), and the real binary, given it
//! with `--lang DIR`, links «…» quotes to their speakers with no code change.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

fn lang_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/lang-xx")
}

/// A short Russian-style article; 2026-02-04 is a Wednesday.
const ARTICLE: &str = " date 2026-02-04 Переговоры
«Мы готовы к переговорам», — заявил Песков.
Он добавил: «Мы ждём ответа».
В понедельник Песков заявил: «Ответа пока нет».
Песков сказал: «Встреча состоится в пятницу».
«Это важный шаг», — сказал Зеленский журналистам.
«Это важный шаг», — сказала она.
";

/// Run `quotelink extract a.txt ARGS…` on `ARTICLE` in a temp dir: (exit
/// code, stdout, stderr).
fn extract(args: &[&str]) -> (i32, String, String) {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(dir.path())
        .args(["extract", "a.txt"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The rows of a CSV output as maps from column to value.
fn rows(csv_text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().clone();
    r.records().map(|rec| header.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect()).collect()
}

#[test]
fn a_language_folder_links_quotes_to_speakers() {
    let lang = lang_dir();
    let (code, out, err) = extract(&["--lang", lang.to_str().unwrap(), "--keep-unattributed"]);
    assert_eq!(code, 0, "{err}");
    let got: Vec<String> = rows(&out)
        .iter()
        .map(|r| {
            ["speaker", "quote", "kind", "cue", "speaker_mention", "rule", "cue_class", "said_on"]
                .map(|c| r[c].as_str())
                .join(" | ")
        })
        .collect();
    let want = [
        "Дмитрий Песков | Мы готовы к переговорам | direct | заявил | Песков | direct.post/alias | say | ",
        "Дмитрий Песков | Мы ждём ответа | direct | добавил | Он | direct.pre/pronoun | add | ",
        // "В понедельник": the weekday from calendar.tsv, resolved against the article's date
        "Дмитрий Песков | Ответа пока нет | direct | заявил | Песков | direct.pre/alias | say | 2026-02-02",
        "Дмитрий Песков | Встреча состоится в пятницу | direct | сказал | Песков | direct.pre/alias | say | ",
        "Владимир Зеленский | Это важный шаг | direct | сказал | Зеленский | direct.post/alias | say | ",
        // no woman has been named: "она" stays unresolved, as "she" would
        " | Это важный шаг | direct | сказала | она | direct.post/pronoun | say | ",
    ];
    assert_eq!(got, want, "\n{out}");
}

#[test]
fn byte_offsets_of_cyrillic_quotes_point_at_the_words() {
    let lang = lang_dir();
    let (_, out, _) = extract(&["--lang", lang.to_str().unwrap()]);
    let rows = rows(&out);
    assert!(!rows.is_empty());
    for r in rows {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(&ARTICLE[s..e], r["quote"], "{r:?}");
    }
}

#[test]
fn english_lexicons_find_no_speaker_in_the_russian_article() {
    // the rows above come from the language folder, not from the code
    let (code, out, _) = extract(&["--lang", "en", "--keep-unattributed"]);
    assert_eq!(code, 0);
    let rows = rows(&out);
    // the quotes are found (quote marks are not language data) …
    assert_eq!(rows.len(), 6, "{out}");
    // … but no cue and no speaker
    assert!(rows.iter().all(|r| r["speaker"].is_empty() && r["cue"].is_empty()), "{out}");
}

#[test]
fn lexicons_extend_a_language_folder() {
    let extra = TempDir::new().unwrap();
    fs::write(extra.path().join("speakers.tsv"), "Юрий Ушаков\tperson\tm\tУшаков|Ушакова\t-\n").unwrap();
    fs::write(extra.path().join("cues.tsv"), "отметить\tadd\tотметил|отметила\n").unwrap();
    let lang = lang_dir();
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), " date 2026-02-04 X\n«Мы готовы», — отметил Ушаков.\n").unwrap();
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(dir.path())
        .args(["extract", "a.txt", "--lang", lang.to_str().unwrap(), "--lexicons", extra.path().to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let rows = rows(&out);
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!((rows[0]["speaker"].as_str(), rows[0]["cue_class"].as_str()), ("Юрий Ушаков", "add"));
}

#[test]
fn an_unknown_language_lists_the_built_in_ones() {
    let (code, out, err) = extract(&["--lang", "xx"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown language \"xx\"") && err.contains("built-in languages: en"), "{err}");
}

#[test]
fn a_typo_in_a_language_folder_names_its_file_and_line() {
    let lang = TempDir::new().unwrap();
    for entry in fs::read_dir(lang_dir()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, lang.path().join(path.file_name().unwrap())).unwrap();
    }
    fs::write(lang.path().join("cues.tsv"), "заявить\tsay\tзаявил\nсказать\tsya\tсказал\n").unwrap();
    fs::write(lang.path().join("words.tsv"), "что\tcomplementizer\n").unwrap();
    let (code, out, err) = extract(&["--lang", lang.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("cues.tsv:2: cue class \"sya\" is not one of say, add,"), "{err}");
    assert!(err.contains("words.tsv:1: word set \"complementizer\" is not one of complementiser,"), "{err}");
}

/// Reported claims after `что` need the attribution code to read its
/// complementiser from `words.tsv` (today `claims.rs` compares with the
/// English literal "that"); with that one change this passes.
#[test]
fn reported_claims_after_the_complementiser() {
    let lang = lang_dir();
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        " date 2026-02-04 X\nДмитрий Песков также заявил, что переговоры продолжатся.\nКремль подтвердил, что встреча состоится.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(dir.path())
        .args(["extract", "a.txt", "--lang", lang.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let got: Vec<(String, String, String)> =
        rows(&out).into_iter().map(|r| (r["speaker"].clone(), r["quote"].clone(), r["rule"].clone())).collect();
    assert_eq!(
        got,
        [
            ("Дмитрий Песков".into(), "переговоры продолжатся".into(), "indirect.that/alias".into()),
            ("Кремль".into(), "встреча состоится".into(), "indirect.that/alias".into()),
        ]
    );
}
