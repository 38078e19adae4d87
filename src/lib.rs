//! quotelink: who said what, and when, in news articles.
//!
//! The pipeline, one module per stage (each documents its invariants):
//!
//! ```text
//! input ──► Document ──► segment ──► quotes ──► mentions ──► attribute ──► Record ──► output
//! ```
//!
//! - [`input`]: files, directories, JSON Lines, stdin → [`Document`]s with dates.
//! - [`segment`]: paragraphs and sentences as byte spans.
//! - [`quotes`]: quoted spans (styles, pairing, continuation, nesting).
//! - [`mentions`]: tokens, names, the gazetteer, pronouns and roles.
//! - [`attribute`]: cues and sieves that link each quote to a speaker.
//! - [`record`]: the output row and its columns ([`COLUMNS`]).
//! - [`pipeline`]: ordered parallel extraction over any iterator of
//!   documents into a [`Sink`]; [`output`]: the CSV, JSONL and XLSX sinks.
//! - [`eval`]: rows checked against known quotes (`quotelink check`);
//!   [`statements`]: rows grouped into statements (`quotelink compare`).
//!
//! ```
//! use quotelink::{Document, Engine, Lexicons, Options};
//! let engine = Engine::new(Lexicons::builtin().unwrap(), Options::default());
//! let doc = Document::from_text("a.txt", " date 2026-02-04 X\n\"We are ready,\" Peskov said.");
//! let rows = engine.extract(&doc);
//! assert_eq!(rows[0].speaker, "Dmitry Peskov");
//! assert_eq!(rows[0].quote, "We are ready,");
//! ```

pub mod attribute;
pub mod cli;
pub mod error;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod record;
mod rows;
pub mod rule;
pub mod scan;
pub mod segment;
pub mod span;
pub mod statements;

pub use attribute::{Engine, Options};
pub use error::{Error, Result};
pub use eval::{CheckOptions, CheckReport, KindFilter, KnownQuotes, ListedQuote, QuoteRow, Score, check};
pub use input::{
    Date, Diagnostic, Diagnostics, Document, Format, Item, Level, ReadOptions, Reader, Source, expand_paths,
};
pub use lexicon::{CueClass, Lang, Lexicons, WordClass, WordInfo, WordSet, WordSets};
pub use output::{OutputFormat, RowEncoder, RowWriter, Workbook, write_file_atomically};
pub use pipeline::{
    Encoder, Event, IntoDocument, PassRecords, Pipeline, Progress, Sink, Summary, in_guarded_extraction,
};
pub use record::{COLUMNS, Column, ColumnType, Field, HEADER, Kind, Record, Value};
pub use statements::{CompareOptions, Statement, StatementRow, compare, content_words, group_statements};
