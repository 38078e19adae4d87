//! `quotelink extract`: articles in, speaker–quote–date rows out.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::common::{ReadArgs, destination, guard_output, note_terminal_stdin, output_format};
use super::{Exit, Reporter};
use quotelink::{
    Column, Diagnostics, Encoder, Event, Pipeline, Reader, Record, RowWriter, Sink, Source, Summary, Workbook,
    expand_paths, in_guarded_extraction,
};

/// `--format`: the formats rows can be written in (the library's
/// [`quotelink::OutputFormat`], as a flag value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row (a cell holding a tab, a
    /// newline or a `"` is quoted as in CSV).
    Tsv,
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
            OutputFormat::Tsv => quotelink::OutputFormat::Tsv,
            OutputFormat::Jsonl => quotelink::OutputFormat::Jsonl,
            OutputFormat::Xlsx => quotelink::OutputFormat::Xlsx,
        }
    }
}

impl OutputFormat {
    /// The format `-o`'s extension names.
    fn from_path(p: &Path) -> Option<OutputFormat> {
        Some(match quotelink::OutputFormat::from_path(p)? {
            quotelink::OutputFormat::Csv => OutputFormat::Csv,
            quotelink::OutputFormat::Tsv => OutputFormat::Tsv,
            quotelink::OutputFormat::Jsonl => OutputFormat::Jsonl,
            quotelink::OutputFormat::Xlsx => OutputFormat::Xlsx,
        })
    }

    fn name(self) -> &'static str {
        quotelink::OutputFormat::from(self).name()
    }
}

/// Extract quotations and their speakers from articles.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  Extract from the bundled sample articles into a CSV file:
    quotelink extract tests/data/articles -o out/quotes.csv
  The same as a workbook, or as JSON Lines (the extension picks the format):
    quotelink extract tests/data/articles -o out/quotes.xlsx
    quotelink extract corpus.jsonl.gz -o rows.jsonl
  Only some columns, as TSV on standard output:
    quotelink extract tests/data/articles --format tsv --columns speaker,date,quote
  Read one article from standard input, giving its date:
    quotelink extract - --date 2026-02-04 < article.txt
  Add your own speakers, cues or abbreviations:
    quotelink extract articles/ --lexicons my-lexicons/

Dates come from a `date YYYY-MM-DD` header line, a dateline such as
`February 04, 2026` near the top, the JSONL `date` field, or --date; a
document with none gets an empty date and a warning.

On a terminal, a summary line ends the run (rows per kind, documents,
warnings, time, output); --quiet leaves it out.

Exit codes: 0 success; 1 some inputs failed (the rest were processed);
2 usage error or fatal error (bad lexicon, unwritable output).")]
pub struct Args {
    /// Text files, directories (walked recursively for .txt, .jsonl,
    /// .ndjson and their .gz forms), JSON Lines files, or - for standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Write rows to FILE (atomically: a temporary file renamed into place);
    /// `-` or no -o is standard output. The extension picks the format
    /// (.csv, .tsv, .jsonl, .xlsx) unless --format says otherwise.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format [default: from -o's extension, else csv].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,

    /// Write only these columns, in this order (comma-separated names from
    /// the header: speaker,quote,date,kind,cue,speaker_mention,source,
    /// start,end,rule,cue_class,said_on).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub columns: Vec<String>,

    /// Protect spreadsheets from formula injection (OWASP): a text cell that
    /// begins with =, +, -, @, tab or carriage return gets a leading
    /// apostrophe, so Excel, LibreOffice and Google Sheets show it as text.
    /// `quote` may then differ from the text at start..end by that apostrophe.
    #[arg(long)]
    pub escape_formulas: bool,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// The columns `--columns` names, in its order; none (every column) when
/// it is not given.
pub fn parse_columns(names: &[String]) -> anyhow::Result<Vec<Column>> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            Column::named(n).ok_or_else(|| {
                let known: Vec<&str> = quotelink::COLUMNS.iter().map(|c| c.name).collect();
                anyhow::anyhow!("--columns: there is no column {n:?}; the columns are {}", known.join(","))
            })
        })
        .collect()
}

/// Run `quotelink extract`: read the inputs, extract through the
/// [`Pipeline`] into the chosen sink, print messages, progress and a
/// summary.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let out_path = destination(args.output.as_deref());
    let format = output_format(args.format, out_path, OutputFormat::from_path, OutputFormat::name, OutputFormat::Csv)?;
    let columns = parse_columns(&args.columns)?;
    let engine = args.read.engine()?;
    let read_opts = args.read.read_options();
    let mut diag = Diagnostics::default();
    note_terminal_stdin(&args.paths, args.read.quiet);
    let mut sources = expand_paths(&args.paths, &mut diag);
    let mut reporter = Reporter::new(args.read.quiet).with_bar(progress_bar(&sources, args.read.quiet));
    reporter.report_all(&mut diag);
    guard_output(&args.paths, &mut sources, out_path, &mut reporter)?;
    let pipeline = args.read.pipeline(&engine);
    let items = Reader::new(sources, &read_opts);
    let mut counts = [0u64; 3];
    let outcome = match (format, out_path) {
        (OutputFormat::Xlsx, None) => anyhow::bail!("--format xlsx writes a workbook file: give it with -o FILE.xlsx"),
        (OutputFormat::Xlsx, Some(p)) => {
            let sink = Counting { inner: Workbook::create(p)?.columns(&columns), counts: &mut counts };
            extract_into(&pipeline, items, sink, &mut reporter, out_path, |mut s| {
                let cut = s.inner.warnings();
                Workbook::finish(s.inner).map(|()| cut)
            })
        }
        (format, p) => {
            let writer = RowWriter::create(p, format.into())?.escape_formulas(args.escape_formulas).columns(&columns);
            let sink = Counting { inner: writer, counts: &mut counts };
            extract_into(&pipeline, items, sink, &mut reporter, out_path, |s| {
                RowWriter::finish(s.inner).map(|()| vec![])
            })
        }
    };
    reporter.finish();
    match outcome {
        Err(e) if is_broken_pipe(&e) => Ok(Exit::Ok),
        Err(e) => Err(e),
        Ok(summary) => {
            if !args.read.quiet && io::stderr().is_terminal() {
                eprintln!("{}", summary_line(&summary, counts, &reporter, out_path, started.elapsed()));
            }
            Ok(if reporter.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
        }
    }
}

/// A sink that counts the rows per kind (direct, indirect, mixed) on their
/// way to `inner`, for the summary at the end.
struct Counting<'c, S> {
    inner: S,
    counts: &'c mut [u64; 3],
}

/// The encoder of a [`Counting`] sink: the inner encoding, with the rows
/// per kind.
struct CountingEncoder<E>(E);

impl<E: Encoder> Encoder for CountingEncoder<E> {
    type Output = ([u64; 3], E::Output);

    fn encode(&self, rows: Vec<Record>) -> quotelink::Result<Self::Output> {
        let mut kinds = [0u64; 3];
        for r in &rows {
            kinds[r.kind as usize] += 1;
        }
        Ok((kinds, self.0.encode(rows)?))
    }
}

impl<S: Sink> Sink for Counting<'_, S> {
    type Encoder = CountingEncoder<S::Encoder>;

    fn encoder(&self) -> Self::Encoder {
        CountingEncoder(self.inner.encoder())
    }

    fn write(&mut self, (kinds, out): ([u64; 3], <S::Encoder as Encoder>::Output)) -> quotelink::Result<()> {
        for (total, n) in self.counts.iter_mut().zip(kinds) {
            *total += n;
        }
        self.inner.write(out)
    }
}

/// The summary printed on a terminal: rows per kind, documents, warnings,
/// failed inputs, time and where the rows went.
fn summary_line(
    summary: &Summary,
    [direct, indirect, mixed]: [u64; 3],
    reporter: &Reporter,
    out: Option<&Path>,
    took: std::time::Duration,
) -> String {
    let mut line = format!(
        "quotelink: {} rows ({direct} direct, {indirect} indirect, {mixed} mixed) from {} documents in {:.1} s",
        direct + indirect + mixed,
        summary.progress.docs,
        took.as_secs_f64()
    );
    if reporter.warnings > 0 {
        line.push_str(&format!(", {} warnings", reporter.warnings));
    }
    if reporter.failures > 0 {
        line.push_str(&format!(", {} inputs failed", reporter.failures));
    }
    match out {
        Some(p) => line.push_str(&format!(" → {}", p.display())),
        None => line.push_str(" → standard output"),
    }
    line
}

/// Run the pipeline from `items` into `sink`, showing its messages and
/// progress, then `finish` the sink (for a file: rename it into place).
fn extract_into<S: Sink>(
    pipeline: &Pipeline<'_>,
    items: Reader<'_>,
    mut sink: S,
    reporter: &mut Reporter,
    out: Option<&Path>,
    finish: impl FnOnce(S) -> quotelink::Result<Vec<String>>,
) -> anyhow::Result<Summary> {
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
    // a write error names the file (or standard output)
    let what = match out {
        Some(p) => format!("{}: cannot write output", p.display()),
        None => "cannot write to standard output".to_string(),
    };
    match ran {
        Err(quotelink::Error::Io { path: None, source }) => Err(anyhow::Error::new(source).context(what)),
        Err(e) => Err(anyhow::Error::new(e).context(what)),
        Ok(summary) => {
            let warnings = finish(sink).map_err(|e| match e {
                quotelink::Error::Io { path: None, source } => anyhow::Error::new(source).context(what),
                e => super::plain_error(e),
            })?;
            for message in warnings {
                reporter.report(&quotelink::Diagnostic { level: quotelink::Level::Warning, message });
            }
            Ok(summary)
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_rows_per_kind_documents_warnings_failures_time_and_output() {
        let summary = Summary { progress: quotelink::Progress { bytes: 10, docs: 5 }, warnings: 2, failures: 1 };
        let mut reporter = Reporter::new(true);
        reporter.warnings = 2;
        reporter.failures = 1;
        let took = std::time::Duration::from_millis(1500);
        let line = summary_line(&summary, [3, 4, 1], &reporter, Some(Path::new("out/q.csv")), took);
        assert_eq!(
            line,
            "quotelink: 8 rows (3 direct, 4 indirect, 1 mixed) from 5 documents in 1.5 s, 2 warnings, \
             1 inputs failed → out/q.csv"
        );
        let clean = Reporter::new(true);
        let line = summary_line(&summary, [1, 0, 0], &clean, None, took);
        assert!(line.ends_with("in 1.5 s → standard output"), "{line}");
    }
}
