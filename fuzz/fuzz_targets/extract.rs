//! Fuzz the whole pipeline: any bytes, read as one article (decoded as the
//! CLI decodes them) and as a JSON Lines stream, must give rows whose spans
//! lie inside the text on char boundaries — and never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotelink::{Diagnostics, Document, Engine, Lexicons, Options, ReadOptions, read_jsonl};

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Lexicons::builtin().expect("built-in lexicons"), Options { keep_unattributed: true }));

fn check(doc: &Document) {
    for r in ENGINE.extract(doc) {
        assert!(r.start <= r.end && r.end <= doc.text.len(), "span out of bounds");
        assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end), "span off a char boundary");
        assert_eq!(r.quote, &doc.text[r.start..r.end]);
    }
}

fuzz_target!(|data: &[u8]| {
    check(&Document::from_text("fuzz", String::from_utf8_lossy(data).into_owned()));
    let mut diag = Diagnostics::default();
    let _ = read_jsonl(data, "fuzz.jsonl", &ReadOptions::default(), &mut diag, &mut |doc| {
        check(&doc);
        Ok(())
    });
});
