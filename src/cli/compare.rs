//! `quotelink compare`: one speaker's statements across days and outlets.
//!
//! The flags, reading rows (extracted from articles, or read from CSV/JSONL
//! that `extract` wrote) and writing the statements as CSV or a markdown
//! timeline. Grouping rows into statements is the library's
//! (`quotelink::statements`, whose docs say when two rows are one statement).
//!
//! The writers stay here: they are the two formats of this subcommand's
//! output, pure functions of the library's public `Statement` API, so any
//! other client can write its own.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;

use super::Exit;
use super::rows::library_error;
use quotelink::{CompareOptions, Engine, Options, ReadOptions, Statement, StatementRow};

/// `--format`: how statements are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// One line per row, with its statement's columns (for spreadsheets).
    Csv,
    /// Per speaker, a timeline by day: statements new that day, and repeated.
    Markdown,
}

/// `--kind`: which rows are grouped (see [`quotelink::KindFilter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareKind {
    Direct,
    Indirect,
    All,
}

/// Group each speaker's rows into statements across days and outlets.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  What did Peskov say, and where was it reported?
    quotelink compare tests/data/articles --speaker Peskov --format markdown
  Statements first made on or after a day, from rows written earlier:
    quotelink compare out/quotes.csv --since 2026-02-02 -o out/new.csv")]
pub struct Args {
    /// Articles (as for `extract`), or rows written by `extract` (.csv, or
    /// .jsonl whose lines are rows).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Rows that share at least this share of the smaller row's content
    /// words (and at least 3 of them) are one statement.
    #[arg(long, default_value_t = 0.6, value_name = "X")]
    pub similarity: f64,

    /// Only this speaker (any alias or spelling variant).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only rows reported on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,

    /// Only rows reported on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,

    /// Only statements first made on or after this day (what is new).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,

    #[arg(long, value_enum, default_value_t = CompareKind::All)]
    pub kind: CompareKind,

    #[arg(long, value_enum, default_value_t = CompareFormat::Csv)]
    pub format: CompareFormat,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Directory of lexicon files that extend the built-in ones, as for
    /// `extract` (used when articles are read).
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Lexicon language or language folder, as for `extract`.
    #[arg(long, value_name = "CODE|DIR", default_value = "en")]
    pub lang: String,
}

impl Args {
    /// Which rows are grouped, and how.
    fn options(&self) -> CompareOptions {
        CompareOptions {
            similarity: self.similarity,
            speaker: self.speaker.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            since: self.since.clone(),
            kind: match self.kind {
                CompareKind::Direct => quotelink::KindFilter::Direct,
                CompareKind::Indirect => quotelink::KindFilter::Indirect,
                CompareKind::All => quotelink::KindFilter::All,
            },
        }
    }
}

/// Runs `quotelink compare`: exit 1 when some articles could not be read.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let opts = args.options();
    opts.validate()?;
    let lex = super::load_lexicons(&args.lang, args.lexicons.as_deref())?;
    let (rows, failures) = read_rows(&args.paths, &lex)?;
    let statements = quotelink::compare(rows, &lex, &opts)?;
    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        CompareFormat::Csv => write_csv(&statements, &mut buf)?,
        CompareFormat::Markdown => write_markdown(&statements, &mut buf)?,
    }
    match &args.output {
        Some(p) => quotelink::write_file_atomically(p, &buf)?,
        None => match io::stdout().lock().write_all(&buf) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        },
    }
    Ok(if failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
}

/// The rows of `paths`: read from row files, extracted from the others
/// (articles); with how many inputs could not be read.
fn read_rows(paths: &[PathBuf], lex: &quotelink::Lexicons) -> anyhow::Result<(Vec<StatementRow>, usize)> {
    let mut rows = Vec::new();
    let mut articles = Vec::new();
    for p in paths {
        match StatementRow::read_file(p).map_err(library_error)? {
            Some(read) => rows.extend(read),
            None => articles.push(p.clone()),
        }
    }
    if articles.is_empty() {
        return Ok((rows, 0));
    }
    let engine = Engine::new(lex.clone(), Options::default());
    let mut diag = super::Reporter::new(false);
    super::extract_each(&articles, &ReadOptions::default(), &engine, &mut diag, &mut |_, extracted| {
        rows.extend(extracted.into_iter().map(StatementRow::from_record));
    })?;
    Ok((rows, diag.failures))
}

fn write_csv(statements: &[Statement], out: &mut Vec<u8>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "statement",
        "speaker",
        "representative",
        "first_said_on",
        "first_reported_on",
        "last_reported_on",
        "outlets",
        "quote",
        "kind",
        "source",
        "date",
        "said_on",
    ])?;
    for (i, s) in statements.iter().enumerate() {
        let id = (i + 1).to_string();
        let outlets = s.outlets().to_string();
        for r in &s.rows {
            w.write_record([
                id.as_str(),
                &s.speaker,
                s.representative(),
                s.first_said_on(),
                s.first_reported_on(),
                s.last_reported_on(),
                &outlets,
                &r.quote,
                &r.kind,
                &r.source,
                &r.date,
                &r.said_on,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_markdown(statements: &[Statement], out: &mut Vec<u8>) -> anyhow::Result<()> {
    let mut speakers: BTreeMap<&str, Vec<&Statement>> = BTreeMap::new();
    for s in statements {
        speakers.entry(&s.speaker).or_default().push(s);
    }
    writeln!(out, "# Statements by speaker\n")?;
    for (speaker, sts) in speakers {
        writeln!(out, "## {speaker}\n")?;
        // day → (statement, new that day?)
        let mut days: BTreeMap<&str, Vec<(&Statement, bool)>> = BTreeMap::new();
        for s in &sts {
            let first = s.first_said_on();
            let mut seen = HashSet::new();
            for r in &s.rows {
                let day = r.day();
                if seen.insert(day) {
                    days.entry(day).or_default().push((s, day == first));
                }
            }
        }
        for (day, items) in days {
            writeln!(out, "### {}\n", if day.is_empty() { "(undated)" } else { day })?;
            for (s, new) in items {
                let sources: BTreeSet<&str> = s.rows.iter().map(|r| r.source.as_str()).collect();
                writeln!(
                    out,
                    "- {} “{}” — {} outlet(s): {}",
                    if new { "**new**" } else { "repeated" },
                    s.representative().replace('\n', " "),
                    s.outlets(),
                    sources.into_iter().collect::<Vec<_>>().join(", ")
                )?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
