//! `quotelink extract`: articles in, speaker–quote–date rows out.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Exit, Reporter};
use quotelink::{
    Date, Diagnostics, Engine, Event, Format, Options, Pipeline, ReadOptions, Reader, RowWriter, Sink, Source,
    Workbook, expand_paths, in_guarded_extraction,
};

/// How `extract` reads its inputs (`--input-format`).
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

/// `--format`: the formats rows can be written in (the library's
/// [`quotelink::OutputFormat`], as a flag value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per row, same field names as the CSV header.
    Jsonl,
    /// An Excel workbook (needs -o FILE): a `quotes` sheet and a `speakers`
    /// summary; every text cell is a string, never a formula.
    Xlsx,
}

impl From<OutputFormat> for quotelink::OutputFormat {
    fn from(f: OutputFormat) -> quotelink::OutputFormat {
        match f {
            OutputFormat::Csv => quotelink::OutputFormat::Csv,
            OutputFormat::Jsonl => quotelink::OutputFormat::Jsonl,
            OutputFormat::Xlsx => quotelink::OutputFormat::Xlsx,
        }
    }
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
    /// pronouns.tsv, titles.txt, org_heads.txt, function_words.tsv, words.tsv,
    /// calendar.tsv, given_names.tsv) that extend those of --lang; a speaker with a known
    /// canonical name replaces the built-in entry.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Language of the built-in lexicons (`lexicons/CODE/`), or a language
    /// folder on disk (a value with a `/`, such as `./lexicons-ru/`);
    /// `--lexicons` extends it.
    #[arg(long, value_name = "CODE|DIR", default_value = "en")]
    pub lang: String,

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

    /// Worker threads (default: all cores). The output is the same, byte for
    /// byte, whatever the number.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub jobs: Option<usize>,

    /// Print no warnings and no progress bar (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<String, String> {
    Date::parse(s).map(|d| d.to_string()).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Run `quotelink extract`: read the inputs, extract through the
/// [`Pipeline`] into the chosen sink, print messages and progress.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let lex = super::load_lexicons(&args.lang, args.lexicons.as_deref())?;
    let engine = Engine::new(lex, Options { keep_unattributed: args.keep_unattributed });
    let read_opts = read_options(&args);
    let mut diag = Diagnostics::default();
    let sources = expand_paths(&args.paths, &mut diag);
    let mut reporter = Reporter::new(args.quiet).with_bar(progress_bar(&sources, args.quiet));
    reporter.report_all(&mut diag);
    let mut pipeline = Pipeline::new(&engine);
    if let Some(n) = args.jobs {
        pipeline = pipeline.jobs(n);
    }
    let items = Reader::new(sources, &read_opts);
    let outcome = match (args.format, args.output.as_deref()) {
        (OutputFormat::Xlsx, None) => anyhow::bail!("--format xlsx writes a workbook file: give it with -o FILE.xlsx"),
        (OutputFormat::Xlsx, Some(p)) => {
            extract_into(&pipeline, items, Workbook::create(p)?, &mut reporter, Workbook::finish)
        }
        (format, p) => {
            let writer = RowWriter::create(p, format.into())?.escape_formulas(args.escape_formulas);
            extract_into(&pipeline, items, writer, &mut reporter, RowWriter::finish)
        }
    };
    reporter.finish();
    match outcome {
        Err(e) if is_broken_pipe(&e) => Ok(Exit::Ok),
        Err(e) => Err(e),
        Ok(()) => Ok(if reporter.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok }),
    }
}

/// The reading options the flags ask for.
fn read_options(args: &Args) -> ReadOptions {
    ReadOptions {
        default_date: args.date.clone(),
        format: match args.input_format {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Jsonl => Some(Format::Jsonl),
        },
        strict: args.strict,
    }
}

/// Run the pipeline from `items` into `sink`, showing its messages and
/// progress, then `finish` the sink (for a file: rename it into place).
fn extract_into<S: Sink>(
    pipeline: &Pipeline<'_>,
    items: Reader<'_>,
    mut sink: S,
    reporter: &mut Reporter,
    finish: fn(S) -> quotelink::Result<()>,
) -> anyhow::Result<()> {
    let bar = reporter.bar();
    let ran = pipeline.run(items, &mut sink, |event| match event {
        Event::Diagnostic(d) => reporter.report(d),
        Event::Progress(p) => {
            if let Some(b) = &bar {
                b.set_position(p.bytes);
                b.set_message(format!("{} documents", p.docs));
            }
        }
    });
    match ran {
        Err(quotelink::Error::Io { path: None, source }) => {
            Err(anyhow::Error::new(source).context("cannot write output"))
        }
        Err(e) => Err(anyhow::Error::new(e).context("cannot write output")),
        Ok(_) => finish(sink).map_err(super::plain_error),
    }
}

/// Install a panic hook that stays quiet for a document the pipeline
/// guards (its error is reported once, with the document's name) and
/// prints one line otherwise.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if !in_guarded_extraction() {
            eprintln!("quotelink: internal error: {info}");
        }
    }));
}

/// A progress bar on stderr when it is a terminal (and not --quiet): bytes
/// of text read, with a total and ETA when every input is a plain file.
fn progress_bar(sources: &[Source], quiet: bool) -> Option<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let total: Option<u64> = sources
        .iter()
        .map(|s| s.path.as_ref().filter(|_| !s.gzip).and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len()))
        .sum();
    let bar = match total {
        Some(t) => ProgressBar::new(t).with_style(
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    Some(bar)
}

/// A closed pipe (`quotelink extract … | head`) is a normal way to stop.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}
