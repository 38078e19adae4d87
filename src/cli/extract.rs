//! `quotelink extract`: articles in, speaker–quote–date rows out.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Exit;
use crate::attribute::{Engine, Options};
use crate::input::{self, Diagnostics, Document, Format, Item, ReadOptions};
use crate::output::{OutputFormat, RowEncoder, RowWriter};
use crate::record::Record;

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
    /// pronouns.tsv, titles.txt, org_heads.txt, function_words.tsv, words.tsv,
    /// calendar.tsv) that extend those of --lang; a speaker with a known
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
    input::normalise_date(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Documents handed to the worker threads at once: enough to keep every
/// core busy, few enough that memory holds a handful of batches, not the
/// input. Rows are written in input order whatever the thread count.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 8 << 20;
/// Batches on the worker pool at once, at most: one per thread and one
/// more, so that a batch's last documents overlap the next batch's first.
const MAX_IN_FLIGHT: usize = 3;

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let lex = super::load_lexicons(&args.lang, args.lexicons.as_deref())?;
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
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build()?;
    let mut diag = Diagnostics { quiet: args.quiet, ..Diagnostics::default() };
    let sources = input::expand_paths(&args.paths, &mut diag);
    let bar = progress_bar(&sources, args.quiet);
    diag.bar = bar.clone();
    let writer = RowWriter::create(args.output.as_deref(), args.format)?.escape_formulas(args.escape_formulas);

    // Three stages overlap: this thread reads (file I/O, splitting lines);
    // the pool parses, extracts and encodes each batch (CSV and JSONL rows
    // are encoded there, in parallel); the writer thread writes the results
    // in input order. Up to `in_flight` batches are on the pool at once, so
    // the last documents of one batch overlap the first of the next instead
    // of leaving a thread idle; the writer hands a slot back for each batch
    // it writes. Bounded channels and slots keep a few batches in memory.
    type Done = (Diagnostics, Option<(String, Result<Rows, String>)>);
    let encoder = writer.encoder();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    let (tx_rows, rx_rows) = std::sync::mpsc::channel::<(usize, u64, Vec<Done>)>();
    let in_flight = (jobs.max(1) + 1).min(MAX_IN_FLIGHT);
    let (tx_slot, rx_slot) = std::sync::mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = tx_slot.send(()); // cannot block: the channel holds in_flight
    }
    let read_opts_ref = &read_opts;
    let engine_ref = &engine;
    let (outcome, crashed, worker_diag) = std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.in_place_scope(|s| {
                for (index, batch) in rx.into_iter().enumerate() {
                    if rx_slot.recv().is_err() {
                        return; // the writer stopped
                    }
                    let tx_rows = tx_rows.clone();
                    s.spawn(move |_| {
                        let bytes: u64 = batch.iter().map(|i| i.len() as u64).sum();
                        let results: Vec<Done> = batch
                            .into_par_iter()
                            .map(|item| {
                                let mut msgs = Diagnostics::collector();
                                let done = item.into_document(read_opts_ref, &mut msgs).map(|doc| {
                                    let rows = extract_rows(engine_ref, &doc, encoder);
                                    (doc.source, rows)
                                });
                                (msgs, done)
                            })
                            .collect();
                        // a closed channel means the writer stopped
                        let _ = tx_rows.send((index, bytes, results));
                    });
                }
            });
        });
        let worker = scope.spawn(|| -> (anyhow::Result<RowWriter>, Vec<String>, Diagnostics) {
            let mut writer = writer;
            // owned here, so that a writer that stops frees the extractor
            // waiting for a slot
            let tx_slot = tx_slot;
            let mut crashed = Vec::new();
            // messages from parsing, replayed in input order
            let mut diag = Diagnostics { quiet: args.quiet, bar: bar.clone(), ..Diagnostics::default() };
            let mut docs_done = 0u64;
            // batches finish out of order: keep them until their turn
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0;
            for (index, bytes, results) in rx_rows {
                waiting.insert(index, (bytes, results));
                while let Some((bytes, results)) = waiting.remove(&next) {
                    next += 1;
                    let _ = tx_slot.send(()); // the pool may start another batch
                    for (msgs, done) in results {
                        diag.replay(msgs);
                        let Some((source, res)) = done else { continue };
                        docs_done += 1;
                        match res {
                            Ok(rows) => {
                                let written = match &rows {
                                    Rows::Encoded(bytes) => writer.write_encoded(bytes),
                                    Rows::Records(rows) => rows.iter().try_for_each(|row| writer.write(row)),
                                };
                                if let Err(e) = written {
                                    return (Err(anyhow::Error::new(e).context("cannot write output")), crashed, diag);
                                }
                            }
                            Err(msg) => crashed.push(format!("{source}: internal error, document skipped: {msg}")),
                        }
                    }
                    if let Some(b) = &bar {
                        b.inc(bytes);
                        b.set_message(format!("{docs_done} documents"));
                    }
                }
            }
            (Ok(writer), crashed, diag)
        });
        let mut batch: Vec<Item> = Vec::new();
        let mut batch_bytes = 0;
        let mut read_outcome = Ok(());
        for src in &sources {
            let mut emit = |item: Item| -> anyhow::Result<()> {
                batch_bytes += item.len();
                batch.push(item);
                if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    // a closed channel means the writer stopped: its error is reported below
                    tx.send(std::mem::take(&mut batch)).map_err(|_| anyhow::anyhow!("output stopped"))?;
                }
                Ok(())
            };
            read_outcome = input::read_source(src, &read_opts, &mut diag, &mut emit);
            if read_outcome.is_err() {
                break;
            }
        }
        if read_outcome.is_ok() && !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let (written, crashed, worker_diag) = worker
            .join()
            .unwrap_or_else(|_| (Err(anyhow::anyhow!("the writer thread failed")), Vec::new(), Diagnostics::default()));
        // the writer's error, if any, explains a stopped reader
        let outcome = match (written, read_outcome) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e),
            (Ok(w), Ok(())) => w.finish(),
        };
        (outcome, crashed, worker_diag)
    });
    // the writer thread printed its messages; count them here
    diag.failures += worker_diag.failures;
    diag.warnings += worker_diag.warnings;
    for msg in crashed {
        diag.fail(msg);
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Err(e) = outcome {
        if is_broken_pipe(&e) {
            return Ok(Exit::Ok);
        }
        return Err(e);
    }
    Ok(if diag.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
}

/// One document's rows on their way to the writer.
enum Rows {
    /// Encoded by the output's [`crate::output::RowEncoder`].
    Encoded(Vec<u8>),
    /// For a workbook, which takes the rows themselves.
    Records(Vec<Record>),
}

thread_local! {
    /// Set while a document is extracted under `catch_unwind`.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Install a panic hook that stays quiet for a guarded document (its error
/// is reported once, with the document's name) and prints one line otherwise.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if !GUARDED.with(|g| g.get()) {
            eprintln!("quotelink: internal error: {info}");
        }
    }));
}

/// Extract one document's rows and, for CSV and JSONL, encode them.
fn extract_rows(engine: &Engine, doc: &Document, encoder: Option<RowEncoder>) -> Result<Rows, String> {
    let rows = extract_guarded(engine, doc)?;
    match encoder {
        Some(enc) => {
            let mut bytes = Vec::with_capacity(rows.len() * 256);
            enc.encode(&rows, &mut bytes).map_err(|e| format!("cannot encode rows: {e}"))?;
            Ok(Rows::Encoded(bytes))
        }
        None => Ok(Rows::Records(rows)),
    }
}

/// Extract one document; a panic (a bug) costs that document only and is
/// reported with its name instead of ending the run.
fn extract_guarded(engine: &Engine, doc: &Document) -> Result<Vec<Record>, String> {
    GUARDED.with(|g| g.set(true));
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.extract(doc)));
    GUARDED.with(|g| g.set(false));
    res.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

/// A progress bar on stderr when it is a terminal (and not --quiet): bytes
/// of text read, with a total and ETA when every input is a plain file.
fn progress_bar(sources: &[input::Source], quiet: bool) -> Option<ProgressBar> {
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
