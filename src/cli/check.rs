//! `quotelink check`: compare quotelink's rows with known quotes.
//!
//! The flags, reading the rows to check (extracting the articles given, or
//! `--predicted FILE`), and printing the report as text or JSON. Reading
//! known quotes, matching and scoring are the library's (`quotelink::eval`,
//! whose docs say how rows and known quotes are matched).

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::bail;

use super::Exit;
use super::common::{ReadArgs, extract_rows, parse_share};
use super::rows::library_error;
use quotelink::{CheckOptions, CheckReport, Engine, KnownQuotes, ListedQuote, QuoteRow, Score};

/// `--kind`: which quotes to compare (see [`quotelink::KindFilter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindFilter {
    /// Quotations: `direct` rows; for an annotated corpus, the quoted
    /// segments of direct and mixed attributions.
    Direct,
    /// Reported claims: `indirect` and `mixed` rows; for an annotated
    /// corpus, the content of indirect and mixed attributions.
    Indirect,
    /// Every row (a CSV gold's `kind` then decides, row by row).
    All,
}

/// `--format`: how the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    // (no doc comments here: clap would print them in --help)
    Text,
    Json,
}

/// Compare extracted rows with known quotes.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  Regression check of the bundled gold (exit 1 if a known quote is lost):
    quotelink check tests/data/gold_direct.csv tests/data/articles --kind direct
  Score on an annotated corpus, with score_quotes.py's thresholds:
    quotelink check ../shared/eval/polnear-train.jsonl --kind direct --min-recall 0
    quotelink check ../shared/eval/polnear-train.jsonl --kind indirect --min-overlap 0.5 --min-recall 0
  Check rows written earlier, as JSON for a CI job:
    quotelink check gold.csv --predicted out/quotes.csv --format json

A GOLD CSV row whose `must_find` column is true, yes or 1 must be found,
with its speaker (and its date when the row gives one), whatever the bars say.

Exit codes: 0 when recall >= --min-recall, precision >= --min-precision,
speaker accuracy >= --min-speaker-accuracy and every must-find quote is found
with its speaker; 1 when not (each failure is listed with the known and the
extracted speaker); 2 on bad input.")]
pub struct Args {
    /// Known quotes: a CSV (speaker,quote,date,source[,kind][,must_find]) or
    /// an annotated-corpus JSONL (documents with `quotes`).
    // the brackets are clap's help text, not links
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,

    /// Articles to extract rows from (files, directories, JSONL). With a
    /// JSONL gold and no PATH, the gold's own documents.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read rows quotelink wrote earlier (CSV or JSONL) instead of extracting.
    #[arg(long, value_name = "FILE")]
    pub predicted: Option<PathBuf>,

    /// Which quotes to compare.
    #[arg(long, value_enum, default_value_t = KindFilter::All)]
    pub kind: KindFilter,

    /// Share of a known quote's words that a row must hold to find it.
    #[arg(long, default_value_t = 0.8, value_name = "X", value_parser = parse_share)]
    pub min_overlap: f64,

    /// Share of a row's words that must be in the known quote it finds.
    #[arg(long, default_value_t = 0.3, value_name = "X", value_parser = parse_share)]
    pub min_row_overlap: f64,

    /// Share of a row's words that must lie in one known quote for the row
    /// to count as correct.
    #[arg(long, default_value_t = 0.5, value_name = "X", value_parser = parse_share)]
    pub precision_overlap: f64,

    /// Fail (exit 1) when recall is below this.
    #[arg(long, default_value_t = 1.0, value_name = "X", value_parser = parse_share)]
    pub min_recall: f64,

    /// Fail (exit 1) when precision is below this.
    #[arg(long, default_value_t = 0.0, value_name = "X", value_parser = parse_share)]
    pub min_precision: f64,

    /// Fail (exit 1) when speaker accuracy is below this: the share of found
    /// known quotes whose row names the known speaker. Default 1.0 for a
    /// known-quotes CSV (every found quote must carry its speaker), 0 for an
    /// annotated corpus (its speakers are mentions as written, pronouns
    /// included).
    #[arg(long, value_name = "X", value_parser = parse_share)]
    pub min_speaker_accuracy: Option<f64>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// How many missed, unexpected and mismatched rows to list (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub show: usize,

    #[command(flatten)]
    pub read: ReadArgs,
}

impl From<KindFilter> for quotelink::KindFilter {
    fn from(k: KindFilter) -> quotelink::KindFilter {
        match k {
            KindFilter::Direct => quotelink::KindFilter::Direct,
            KindFilter::Indirect => quotelink::KindFilter::Indirect,
            KindFilter::All => quotelink::KindFilter::All,
        }
    }
}

impl Args {
    /// The thresholds and bars of the check (`annotated`: the known quotes
    /// are an annotated corpus).
    fn options(&self, annotated: bool) -> CheckOptions {
        CheckOptions {
            min_speaker_accuracy: self.min_speaker_accuracy.unwrap_or(if annotated { 0.0 } else { 1.0 }),
            min_overlap: self.min_overlap,
            min_row_overlap: self.min_row_overlap,
            precision_overlap: self.precision_overlap,
            min_recall: self.min_recall,
            min_precision: self.min_precision,
        }
    }
}

/// Runs `quotelink check`: exit 0 when the check passed, 1 when not.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let engine = args.read.engine()?;
    let lex = engine.lexicons();
    let known = KnownQuotes::read(&args.gold, args.kind.into()).map_err(library_error)?;
    let rows = rows_to_check(&args, &engine, known.is_annotated())?;
    let opts = args.options(known.is_annotated());
    let report = quotelink::check(&known, &rows, lex, &opts);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
        ReportFormat::Text => print_report(&report, &opts, args.show, &mut out),
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {} // a closed pipe (`check … | head`) is a normal way to stop reading
    }
    Ok(if report.passed { Exit::Ok } else { Exit::SomeInputsFailed })
}

/// The rows to check: read from `--predicted`, or extracted from the PATHs
/// (for an annotated corpus with no PATH, from its own documents).
fn rows_to_check(args: &Args, engine: &Engine, annotated: bool) -> anyhow::Result<Vec<QuoteRow>> {
    if let Some(p) = &args.predicted {
        return QuoteRow::read_file(p).map_err(library_error);
    }
    let paths = if args.paths.is_empty() {
        if !annotated {
            bail!("give the articles to extract from (PATH), or rows written earlier (--predicted FILE)");
        }
        vec![args.gold.clone()]
    } else {
        args.paths.clone()
    };
    let mut reporter = super::Reporter::new(args.read.quiet);
    let rows = extract_rows(&paths, &args.read, engine, &mut reporter, None)?;
    if reporter.failures > 0 {
        bail!("{} input(s) could not be read", reporter.failures);
    }
    Ok(rows.into_iter().map(QuoteRow::from_record).collect())
}

fn print_report(rep: &CheckReport, opts: &CheckOptions, show: usize, out: &mut impl Write) -> io::Result<()> {
    let line = |out: &mut dyn Write, name: &str, s: &Score| {
        writeln!(
            out,
            "{name:<24} P {:.3} ({}/{})  R {:.3} ({}/{})  F1 {:.3}",
            s.precision, s.correct_rows, s.rows, s.recall, s.found, s.known, s.f1
        )
    };
    line(out, "overall", &rep.overall)?;
    for (k, s) in &rep.by_kind {
        line(out, &format!("kind {k}"), s)?;
    }
    writeln!(
        out,
        "speaker accuracy         {:.3} ({}/{} found quotes with a checkable speaker)",
        rep.speaker_accuracy, rep.speaker_correct, rep.speaker_checked
    )?;
    for (what, value, bar) in [
        ("recall", rep.overall.recall, opts.min_recall),
        ("precision", rep.overall.precision, opts.min_precision),
        ("speaker accuracy", rep.speaker_accuracy, opts.min_speaker_accuracy),
    ] {
        let unchecked = what == "speaker accuracy" && rep.speaker_checked == 0;
        if value < bar && !unchecked {
            writeln!(out, "FAILED: {what} {value:.3} is below the bar of {bar}")?;
        }
    }
    writeln!(out, "\nrecall by speaker:")?;
    let mut speakers: Vec<_> = rep.by_speaker.iter().collect();
    speakers.sort_by(|a, b| b.1.known.cmp(&a.1.known).then(a.0.cmp(b.0)));
    for (name, s) in speakers.iter().take(if show == 0 { usize::MAX } else { show }) {
        writeln!(out, "  {name:<30} {}/{}", s.found, s.known)?;
    }
    let list = |out: &mut dyn Write, title: &str, items: &[ListedQuote], with_row: bool| -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{title} ({}):", items.len())?;
        for l in items.iter().take(if show == 0 { usize::MAX } else { show }) {
            if l.speaker.is_empty() && !l.row_speaker.is_empty() {
                // an unexpected row: it has no known quote
                let row = [format!("{:?}", l.row_speaker), l.row_date.clone()].join(" ");
                writeln!(out, "  {} | row {} | {}", l.document, row.trim(), l.excerpt)?;
            } else if with_row || !l.row_speaker.is_empty() || !l.row_date.is_empty() {
                // `known SPEAKER DATE | row SPEAKER DATE`, leaving out an empty date
                let known = [format!("{:?}", l.speaker), l.date.clone()].join(" ");
                let row = [format!("{:?}", l.row_speaker), l.row_date.clone()].join(" ");
                writeln!(out, "  {} | known {} | row {} | {}", l.document, known.trim(), row.trim(), l.excerpt)?;
            } else if l.speaker.is_empty() {
                writeln!(out, "  {} | row {:?} | {}", l.document, l.row_speaker, l.excerpt)?;
            } else {
                writeln!(out, "  {} | {:?} | {}", l.document, l.speaker, l.excerpt)?;
            }
        }
        Ok(())
    };
    list(out, "MUST-FIND quotes missed or found with another speaker or date", &rep.must_find_missed, false)?;
    list(out, "missed known quotes", &rep.missed, false)?;
    list(out, "unexpected rows", &rep.unexpected, false)?;
    list(out, "found with a different speaker", &rep.wrong_speaker, true)?;
    list(out, "found with a different date", &rep.wrong_date, true)?;
    writeln!(out, "\n{}", if rep.passed { "check: passed" } else { "check: FAILED" })
}
