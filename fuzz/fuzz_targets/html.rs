//! Fuzz the page readers: any bytes, read as a web page and as a WARC
//! archive, must give documents whose rows' spans lie inside the text on
//! char boundaries — and never a panic nor a hang.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotelink::{Diagnostics, Document, Engine, Lexicons, Options, ReadOptions, read_html, read_warc};

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
    let opts = ReadOptions::default();
    let mut diag = Diagnostics::default();
    if let Some(doc) = read_html(data, "fuzz.html", &opts, &mut diag) {
        check(&doc);
    }
    let _ = read_warc(std::io::Cursor::new(data.to_vec()), "fuzz.warc", &opts, &mut diag, &mut |doc| {
        check(&doc);
        Ok(())
    });
});
