//! Extract speaker–quote rows from a string through the library's public
//! API: build an engine once, give it documents, read the records.
//!
//! Run with `cargo run --example extract`.

use quotelink::{Document, Engine, Kind, Lexicons, Options, Record};

/// A short article; the header line gives its date (and title).
const ARTICLE: &str = " date 2026-02-04 Talks in Abu Dhabi
\"The talks will continue next week,\" Kremlin spokesman Dmitry Peskov told reporters on Wednesday.

Zelenskiy said Ukraine was ready for a meeting at the level of leaders.";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Built once (lexicons, matchers), then shared by every document.
    let engine = Engine::new(Lexicons::builtin()?, Options::default());
    let doc = Document::from_text("example.txt", ARTICLE);
    let rows: Vec<Record> = engine.extract(&doc);
    for row in &rows {
        // `direct`: words inside quote marks; `indirect` / `mixed`: a reported clause.
        let words = match row.kind {
            Kind::Direct => format!("“{}”", row.quote),
            _ => row.quote.clone(),
        };
        println!("{} | {} | {} | {}", row.speaker, row.kind.as_str(), words, row.date);
    }
    Ok(())
}
