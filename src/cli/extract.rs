//! `quotelink extract`: articles in, speaker–quote–date rows out.

use std::io;
use std::path::PathBuf;

use anyhow::Context;

use super::Exit;
use crate::attribute::{Engine, Options};
use crate::input::{self, Diagnostics, Format, ReadOptions};
use crate::lexicon::Lexicons;
use crate::output::{OutputFormat, RowWriter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// From the file name (.txt → text, .jsonl/.ndjson → JSON Lines, either
    /// may end in .gz); standard input is JSON Lines when it starts with `{`.
    Auto,
    /// Each file is one article.
    Text,
    /// One JSON document per line: {"id", "text", "date"}.
    Jsonl,
}

/// Extract quotations and their speakers from articles.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  Extract from the bundled sample articles into a CSV file:
    quotelink extract tests/data/articles -o out/quotes.csv
  Read JSON Lines ({\"id\",\"text\",\"date\"} per line), write JSON Lines:
    quotelink extract corpus.jsonl.gz --format jsonl -o rows.jsonl
  Read one article from standard input, giving its date:
    quotelink extract - --date 2026-02-04 < article.txt
  Add your own speakers, cues or abbreviations:
    quotelink extract articles/ --lexicons my-lexicons/

Dates come from a `date YYYY-MM-DD` header line, a dateline such as
`February 04, 2026` near the top, the JSONL `date` field, or --date; a
document with none gets an empty date and a warning.

Exit codes: 0 success; 1 some inputs failed (the rest were processed);
2 usage error or fatal error (bad lexicon, unwritable output).")]
pub struct Args {
    /// Text files, directories (walked recursively for .txt, .jsonl,
    /// .ndjson and their .gz forms), JSON Lines files, or - for standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Write rows to FILE (atomically: a temporary file renamed into place)
    /// instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,

    /// How to read inputs.
    #[arg(long = "input-format", value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Date (YYYY-MM-DD) for documents that carry none of their own.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,

    /// Directory of lexicon files (speakers.tsv, cues.tsv, abbreviations.txt,
    /// pronouns.tsv, titles.txt, function_words.tsv) that extend the built-in ones;
    /// a speaker with a known canonical name replaces the built-in entry.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,

    /// Also write quoted spans that no speaker is linked to (titles, scare
    /// quotes), with an empty speaker and the rule `direct.none`.
    #[arg(long)]
    pub keep_unattributed: bool,

    /// Reject documents that are not valid UTF-8 (reported with the byte
    /// offset, exit code 1) instead of replacing invalid bytes with U+FFFD.
    #[arg(long)]
    pub strict: bool,

    /// Protect spreadsheets from formula injection (OWASP): a text cell that
    /// begins with =, +, -, @, tab or carriage return gets a leading
    /// apostrophe, so Excel, LibreOffice and Google Sheets show it as text.
    /// `quote` may then differ from the text at start..end by that apostrophe.
    #[arg(long)]
    pub escape_formulas: bool,

    /// Print no warnings (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<String, String> {
    input::normalise_date(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let lex = match &args.lexicons {
        Some(dir) => Lexicons::with_dir(dir)?,
        None => Lexicons::builtin()?,
    };
    let engine = Engine::new(lex, Options { keep_unattributed: args.keep_unattributed });
    let read_opts = ReadOptions {
        default_date: args.date.clone(),
        format: match args.input_format {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Jsonl => Some(Format::Jsonl),
        },
        strict: args.strict,
    };
    let mut diag = Diagnostics { quiet: args.quiet, ..Diagnostics::default() };
    let sources = input::expand_paths(&args.paths, &mut diag);
    let mut writer = RowWriter::create(args.output.as_deref(), args.format)?.escape_formulas(args.escape_formulas);
    for src in &sources {
        let mut emit = |doc: input::Document| -> anyhow::Result<()> {
            for row in engine.extract(&doc) {
                writer.write(&row).context("cannot write output")?;
            }
            Ok(())
        };
        if let Err(e) = input::read_source(src, &read_opts, &mut diag, &mut emit) {
            if is_broken_pipe(&e) {
                return Ok(Exit::Ok);
            }
            return Err(e);
        }
    }
    if let Err(e) = writer.finish() {
        if is_broken_pipe(&e) {
            return Ok(Exit::Ok);
        }
        return Err(e);
    }
    Ok(if diag.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
}

/// A closed pipe (`quotelink extract … | head`) is a normal way to stop.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}
