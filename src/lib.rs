//! quotelink: who said what, and when, in news articles.
//!
//! One row ([`Record`]) per quotation or reported claim: the speaker, the
//! words, the article's date, and the cue, rule and byte offsets that
//! explain it. The work runs as a pipeline of stages, each an internal
//! module with one entry point and written invariants:
//!
//! ```text
//! input ──► Document ──► segment ──► quotes ──► mentions ──► attribute ──► Record ──► sink
//! ```
//!
//! - **input**: text files, JSON Lines, article tables (CSV, TSV,
//!   spreadsheets), web pages, WARC archives, directories and standard input
//!   become [`Document`]s with dates, titles, URLs and outlets
//!   ([`expand_paths`], [`Reader`], [`read_jsonl`], [`read_html`],
//!   [`read_warc`]; columns and fields by [`FieldNames`]; problems go to
//!   [`Diagnostics`], never to the terminal).
//! - **segment**: paragraphs and sentences as byte spans.
//! - **quotes**: quoted spans (quote styles, pairing, continuation, nesting).
//! - **mentions**: tokens that know their word class, names, the gazetteer,
//!   pronouns and roles.
//! - **attribute**: cues and an ordered list of sieves that link each quote
//!   or reported claim to a speaker; the [`Engine`] runs segment to
//!   attribute on one document and returns its [`Record`]s. What it knows
//!   of a language comes from [`Lexicons`] (built in per [`Lang`], or loaded
//!   from a folder).
//! - **Record**: the row; [`COLUMNS`] defines its columns once for every
//!   format.
//! - **sink**: a [`Pipeline`] extracts from any iterator of documents, in
//!   parallel and in input order, into a [`Sink`]; [`RowWriter`] (CSV, TSV,
//!   JSON Lines) and [`Workbook`] (XLSX) are sinks, and so can be a test or
//!   a language binding.
//!
//! Two analyses work on the rows: [`check`] scores them against known
//! quotes (`quotelink check`), and [`compare`] groups them into statements
//! (`quotelink compare`). Library errors are [`Error`]s that carry the file
//! and line.
//!
//! Build an [`Engine`] once (it compiles the lexicons' matchers), then give
//! it documents:
//!
//! ```
//! use quotelink::{Document, Engine};
//! let engine = Engine::builtin()?; // English lexicons, default options
//! let doc = Document::from_text("a.txt", " date 2026-02-04 X\n\"We are ready,\" Peskov said.");
//! let rows = engine.extract(&doc);
//! assert_eq!(rows[0].speaker, "Dmitry Peskov");
//! assert_eq!(rows[0].quote, "We are ready,");
//! assert_eq!(rows[0].date, "2026-02-04");
//! # Ok::<(), quotelink::Error>(())
//! ```
//!
//! Other lexicons or options: `Engine::new(Lexicons::load(Lang::Dir(path),
//! None)?, Options { keep_unattributed: true })`. Many documents in
//! parallel, in order, into a file: see [`Pipeline`].

#![deny(missing_docs)]
// Every module is private: what is public is re-exported below, and an item
// that no re-export reaches must be `pub(crate)`.
#![warn(unreachable_pub)]

mod attribute;
mod detect;
mod error;
mod eval;
mod input;
mod lexicon;
mod mentions;
mod output;
mod pipeline;
mod quotes;
mod record;
mod rows;
mod rule;
mod scan;
mod segment;
mod span;
mod statements;

// The engine: lexicons and options in; documents in, records out.
pub use attribute::{Engine, Options};
pub use lexicon::{Lang, LexiconError, LexiconErrors, Lexicons};
pub use record::{COLUMNS, Column, ColumnType, Field, HEADER, Kind, Record, Value};
// Reading documents, and what reading reports.
pub use input::{
    DEFAULT_MAX_DOC_BYTES, Date, Diagnostic, Diagnostics, Document, FieldNames, Format, Item, Level, ReadOptions,
    Reader, Source, expand_paths, read_html, read_jsonl, read_warc,
};
// Many documents, in parallel and in order, into a sink.
pub use output::{
    OutputFormat, RowEncoder, RowWriter, Workbook, remove_unfinished_outputs, write_file_atomically,
    write_file_atomically_with,
};
pub use pipeline::{
    Encoder, Event, IntoDocument, MAX_JOBS, PassRecords, Pipeline, Progress, Sink, Summary, in_guarded_extraction,
};
// Analyses of rows: checking against known quotes, grouping into statements.
pub use eval::{CheckOptions, CheckReport, KindFilter, KnownQuotes, ListedQuote, QuoteRow, Score, check};
pub use statements::{
    CompareOptions, JoinedBy, SpeakerQuery, Statement, StatementRow, compare, group_statements, group_statements_with,
};
// Errors.
pub use error::{Error, Result};
