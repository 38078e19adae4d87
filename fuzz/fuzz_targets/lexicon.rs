//! Fuzz lexicon parsing: the built-in English files with one of them
//! replaced by any bytes (`Lexicons::from_texts`) must load or give
//! `file:line` errors — never a panic; lexicons that load must extract
//! from a few fixed sentences without a panic and with spans in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelink::{Document, Engine, Lexicons, Options};

macro_rules! en {
    ($($name:literal),*) => { &[$(($name, include_str!(concat!("../../lexicons/en/", $name)))),*] };
}

const EN: &[(&str, &str)] = en!(
    "abbreviations.txt",
    "calendar.tsv",
    "cues.tsv",
    "function_words.tsv",
    "given_names.tsv",
    "org_heads.txt",
    "pronouns.tsv",
    "speakers.tsv",
    "titles.txt",
    "words.tsv"
);

const TEXT: &str = " date 2026-02-04 Talks\n\"We are ready,\" Peskov said on Monday. The minister said \
    that talks would continue. “It is over,” she told reporters, according to Dr. Smith. \
    He added: 'Not yet.' President Zelenskyy's office said it was “a step”.";

fuzz_target!(|data: &[u8]| {
    let Some((&which, data)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(data) else { return };
    let replaced = which as usize % EN.len();
    // replace one file, or (upper bit) add the bytes after it as well
    let files: Vec<(&str, String)> = EN
        .iter()
        .enumerate()
        .map(|(i, &(name, builtin))| {
            let body = match (i == replaced, which & 0x80 != 0) {
                (false, _) => builtin.to_string(),
                (true, false) => text.to_string(),
                (true, true) => format!("{builtin}\n{text}"),
            };
            (name, body)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    match Lexicons::from_texts(&refs) {
        Ok(lex) => {
            let engine = Engine::new(lex, Options { keep_unattributed: true });
            let doc = Document::from_text("fuzz", TEXT);
            for r in engine.extract(&doc) {
                assert!(r.start <= r.end && r.end <= doc.text.len(), "span out of bounds");
                assert_eq!(r.quote, &doc.text[r.start..r.end]);
            }
        }
        Err(errors) => assert!(!errors.to_string().is_empty(), "an error says nothing"),
    }
});
