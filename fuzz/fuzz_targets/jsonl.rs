//! Fuzz reading: any bytes, read as a JSON Lines stream (with a small and
//! the default size cap, strict and lenient UTF-8) and as a file of each
//! kind the reader knows (`.jsonl`, `.txt`, `.gz` forms, no extension:
//! BOMs, UTF-16, gzip and binary sniffing), must give documents or
//! diagnostics, whose text the engine then extracts from — never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotelink::{
    Diagnostics, Document, Engine, Format, Lexicons, Options, ReadOptions, Reader, Source, read_jsonl,
};

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Lexicons::builtin().expect("built-in lexicons"), Options { keep_unattributed: true }));

/// One scratch file per fuzzing process.
static DIR: LazyLock<tempdir::Dir> = LazyLock::new(tempdir::Dir::new);

mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!("quotelink-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&p).expect("scratch folder");
            Dir(p)
        }
    }
}

fn check(doc: &Document) {
    if let Some(d) = &doc.date {
        assert!(d.len() == 10 && d.is_ascii(), "date not YYYY-MM-DD: {d:?}");
    }
    for r in ENGINE.extract(doc) {
        assert!(r.start <= r.end && r.end <= doc.text.len(), "span out of bounds");
        assert_eq!(r.quote, &doc.text[r.start..r.end]);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, data)) = data.split_first() else { return };
    let opts = ReadOptions {
        default_date: (mode & 1 != 0).then(|| "2026-02-04".to_string()),
        format: None,
        strict: mode & 2 != 0,
        // a small cap exercises skipping an over-long line or file
        max_doc_bytes: (mode & 4 != 0).then_some(64),
    };
    let max = opts.max_doc_bytes();
    let mut diag = Diagnostics::default();
    let _ = read_jsonl(data, "fuzz.jsonl", &opts, &mut diag, &mut |doc| {
        assert!(doc.text.len() <= max, "a document over the cap was read");
        check(&doc);
        Ok(())
    });
    // the same bytes as a file, named by the mode's upper bits
    let name = ["a.jsonl", "a.txt", "a.jsonl.gz", "a.txt.gz", "a", "a.ndjson"][(mode >> 3) as usize % 6];
    let path = DIR.0.join(name);
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let (format, gzip) = match name {
        n if n.contains(".jsonl") || n.ends_with(".ndjson") => (Some(Format::Jsonl), n.ends_with(".gz")),
        n if n.contains(".txt") => (Some(Format::Text), n.ends_with(".gz")),
        _ => (None, false),
    };
    let source = Source { path: Some(path), gzip, format };
    for item in Reader::new(vec![source], &opts) {
        let mut diag = Diagnostics::default();
        if let Some(doc) = item.into_document(&mut diag) {
            check(&doc);
        }
    }
});
