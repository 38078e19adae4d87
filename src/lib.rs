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
//! - [`record`]: the output row; [`output`]: CSV and JSONL writers.
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
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod output;
pub mod quotes;
pub mod record;
pub mod scan;
pub mod segment;

pub use attribute::{Engine, Options};
pub use error::{Error, Result};
pub use input::{Date, Document};
pub use lexicon::{CueClass, Lang, Lexicons, WordClass, WordInfo, WordSet, WordSets};
pub use record::{Kind, Record};
