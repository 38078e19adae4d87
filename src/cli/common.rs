//! The flags every subcommand that reads articles shares (`extract`,
//! `check`, `compare`, `report`), and choosing an output format from `-o`.
//! One definition, so `--date`, `--lexicons`, `-j`, `--quiet` and
//! `--keep-unattributed` mean the same thing everywhere.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use quotelink::{
    Date, Engine, Event, Format, MAX_JOBS, Options, Pipeline, ReadOptions, Reader, Record, Source, expand_paths,
};

use super::Reporter;

/// How the articles are read and extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// From the file name (.txt → text, .jsonl/.ndjson → JSON Lines, .csv,
    /// .tsv → tables, .html/.htm → web page, .warc → archive, all may end in
    /// .gz; .xlsx/.xls/.ods → spreadsheet); standard input is JSON Lines
    /// when it starts with `{`, WARC with `WARC/`, HTML with `<html` or
    /// `<!DOCTYPE html`.
    Auto,
    /// Each file is one article.
    Text,
    /// One JSON document per line: {"id", "text", "date"}.
    Jsonl,
    /// A CSV table, one article per row (see --text-field).
    Csv,
    /// A tab-separated table, one article per row.
    Tsv,
    /// A spreadsheet (.xlsx, .xls, .ods), one article per row.
    Xlsx,
    /// A web page (.html, .htm): its main text and metadata.
    Html,
    /// A WARC archive (.warc, .warc.gz): each HTML response is a page.
    Warc,
}

/// Reading and extraction flags, the same in every subcommand that reads
/// articles.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Reading articles")]
pub struct ReadArgs {
    /// Date (YYYY-MM-DD) for documents that carry none of their own.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,

    /// How to read inputs.
    #[arg(long = "input-format", value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Reject documents that are not valid UTF-8 (reported with the byte
    /// offset, exit code 1) instead of replacing invalid bytes with U+FFFD.
    #[arg(long)]
    pub strict: bool,

    /// The largest document read, in bytes after decompression (a text
    /// file, or one JSON line); a larger one is reported and skipped, the
    /// others are read. Suffixes K, M, G (powers of 1024).
    #[arg(long, value_name = "BYTES", default_value = "16M", value_parser = parse_size)]
    pub max_doc_bytes: usize,

    /// Directory of lexicon files (speakers.tsv, cues.tsv, abbreviations.txt,
    /// pronouns.tsv, titles.txt, org_heads.txt, function_words.tsv, words.tsv,
    /// calendar.tsv, given_names.tsv, name_cases.tsv, variants.tsv) that
    /// extend those of --lang (of every language with --lang auto); a speaker
    /// with a known canonical name replaces the built-in entry.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,

    /// Language of the lexicons: `auto` (each document's language detected
    /// from its text: English, Russian or Ukrainian), a built-in code (`en`,
    /// `ru`, `uk`: `lexicons/CODE/`), or a language folder on disk (a value
    /// with a `/`, such as `./lexicons-xx/`); `--lexicons` extends it.
    #[arg(long, value_name = "auto|CODE|DIR", default_value = "auto")]
    pub lang: String,

    /// Also keep quoted spans that no speaker is linked to (titles, scare
    /// quotes), with an empty speaker and the rule `direct.none`.
    #[arg(long)]
    pub keep_unattributed: bool,

    /// Worker threads, 1 to 1024 (default: all cores). The output is the
    /// same, byte for byte, whatever the number.
    #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,

    /// The column (CSV, TSV, XLSX) or JSON field that holds an article's
    /// text [default: the first of text, content, body, article, article_text,
    /// full_text, body_text, maintext, story; any case, ` `/`-`/`_` alike].
    #[arg(long, alias = "text-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub text_field: Option<String>,

    /// The column or field of an article's date [default: date, published,
    /// publish_date, published_date, published_at, publication_date,
    /// date_published, pub_date, pubdate, datetime].
    #[arg(long, alias = "date-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub date_field: Option<String>,

    /// The column or field of an article's id, written as its rows' `source`
    /// [default: id, doc_id, document_id, article_id, guid, uuid; else
    /// FILE:LINE].
    #[arg(long, alias = "id-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub id_field: Option<String>,

    /// The column or field of an article's headline [default: title,
    /// headline, heading].
    #[arg(long, alias = "title-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub title_field: Option<String>,

    /// The column or field of an article's URL [default: url, link,
    /// canonical_url, article_url, source_url, permalink, uri].
    #[arg(long, alias = "url-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub url_field: Option<String>,

    /// The column or field of an article's outlet [default: outlet,
    /// publisher, site_name, source_name, media_name, publication,
    /// newspaper, site, media, source, domain; else the URL's domain].
    #[arg(long, alias = "outlet-column", value_name = "NAME", help_heading = "Article tables and JSON fields")]
    pub outlet_field: Option<String>,

    /// Write each document's text, as the rows' start/end offsets index
    /// it (the main text of a web page, a table row's text), to DIR/NAME.txt:
    /// NAME is the row's `source` with every character but letters, digits,
    /// `.`, `-` and `_` made `_`.
    #[arg(long, value_name = "DIR")]
    pub emit_text: Option<PathBuf>,

    /// Print no warnings, no progress bar and no summary (errors are still
    /// printed).
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        _ => Err(format!("{s:?} is not a number of threads from 1 to {MAX_JOBS}")),
    }
}

/// A share from 0 to 1 (thresholds and bars); NaN and anything outside are
/// refused.
pub fn parse_share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

/// A size in bytes: a number, optionally with K, M or G (powers of 1024).
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("{s:?} is not a size (a number of bytes, or with K, M or G)")),
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(1usize << shift))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{s:?} is not a size (a number of bytes, or with K, M or G)"))
}

fn parse_date(s: &str) -> Result<String, String> {
    Date::parse(s).map(|d| d.to_string()).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

impl ReadArgs {
    /// The engine these flags ask for: the lexicons of `--lang` extended by
    /// `--lexicons`, and `--keep-unattributed`.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        let opts = Options { keep_unattributed: self.keep_unattributed };
        if self.lang == "auto" {
            return Engine::auto(self.lexicons.as_deref(), opts).map_err(|e| anyhow::anyhow!("{e}"));
        }
        let lex = super::load_lexicons(&self.lang, self.lexicons.as_deref())?;
        Ok(Engine::new(lex, opts))
    }

    /// The reading options these flags ask for.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            default_date: self.date.clone(),
            format: match self.input_format {
                InputFormat::Auto => None,
                InputFormat::Text => Some(Format::Text),
                InputFormat::Jsonl => Some(Format::Jsonl),
                InputFormat::Csv => Some(Format::Csv),
                InputFormat::Tsv => Some(Format::Tsv),
                InputFormat::Xlsx => Some(Format::Spreadsheet),
                InputFormat::Html => Some(Format::Html),
                InputFormat::Warc => Some(Format::Warc),
            },
            strict: self.strict,
            max_doc_bytes: Some(self.max_doc_bytes),
            fields: quotelink::FieldNames {
                text: self.text_field.clone(),
                date: self.date_field.clone(),
                id: self.id_field.clone(),
                title: self.title_field.clone(),
                url: self.url_field.clone(),
                outlet: self.outlet_field.clone(),
            },
            emit_text: self.emit_text.clone(),
        }
    }

    /// The extraction pipeline with `-j`.
    pub fn pipeline<'e>(&self, engine: &'e Engine) -> Pipeline<'e> {
        match self.jobs {
            Some(n) => Pipeline::new(engine).jobs(n),
            None => Pipeline::new(engine),
        }
    }
}

/// Say so on standard error when the articles are to come from a terminal
/// (a bare `quotelink extract`), instead of waiting in silence.
pub fn note_terminal_stdin(paths: &[PathBuf], quiet: bool) {
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && !quiet && io::stdin().is_terminal() {
        eprintln!(
            "quotelink: reading an article from standard input (end it with Ctrl-D; \
             give files or directories as PATH, or see --help)"
        );
    }
}

/// Never read the output as input, nor overwrite an input with it: an
/// output file named as an input is an error; one found in a directory walk
/// (the rows of an earlier run written into the folder) is left out, with a
/// warning.
pub fn guard_output(
    paths: &[PathBuf],
    sources: &mut Vec<Source>,
    out: Option<&Path>,
    reporter: &mut Reporter,
) -> anyhow::Result<()> {
    let Some(out_real) = out.and_then(|o| std::fs::canonicalize(o).ok()) else {
        return Ok(()); // no output file yet: it cannot be an input
    };
    let out = out.unwrap_or(&out_real);
    let is_out = |p: &Path| std::fs::canonicalize(p).is_ok_and(|r| r == out_real);
    if paths.iter().any(|p| p.as_os_str() != "-" && is_out(p)) {
        anyhow::bail!("{}: the output file is also an input; write the rows to another file", out.display());
    }
    sources.retain(|s| match &s.path {
        Some(p) if is_out(p) => {
            let message = format!("{}: the output file of this run, not read as an input", p.display());
            reporter.report(&quotelink::Diagnostic { level: quotelink::Level::Warning, message });
            false
        }
        _ => true,
    });
    Ok(())
}

/// Every row of the articles at `paths`, extracted in parallel (`-j`) in
/// input order; warnings and failures go to `reporter`. `out` is the file
/// the caller writes, never read (see [`guard_output`]).
pub fn extract_rows(
    paths: &[PathBuf],
    read: &ReadArgs,
    engine: &Engine,
    reporter: &mut Reporter,
    out: Option<&Path>,
) -> anyhow::Result<Vec<Record>> {
    note_terminal_stdin(paths, read.quiet);
    let mut diag = quotelink::Diagnostics::default();
    let mut sources = expand_paths(paths, &mut diag);
    reporter.report_all(&mut diag);
    guard_output(paths, &mut sources, out, reporter)?;
    let opts = read.read_options();
    let mut rows: Vec<Record> = Vec::new();
    read.pipeline(engine).run(Reader::new(sources, &opts), &mut rows, |event| {
        if let Event::Diagnostic(d) = event {
            reporter.report(d)
        }
    })?;
    Ok(rows)
}

/// `-o` as a destination: `None` (standard output) for no `-o` or `-o -`.
pub fn destination(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Write a whole output: atomically to the file, or to standard output
/// (`None`), where a closed pipe (`… | head`) is a normal way to stop.
pub fn write_whole(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(p) => quotelink::write_file_atomically(p, bytes)?,
        None => match io::Write::write_all(&mut io::stdout().lock(), bytes) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        },
    }
    Ok(())
}

/// The output format: `--format` when given, else the one `-o`'s extension
/// names, else `default`. A `--format` that contradicts the extension is an
/// error (never CSV bytes in a `.xlsx`).
pub fn output_format<F: Copy + PartialEq>(
    explicit: Option<F>,
    output: Option<&Path>,
    from_path: impl Fn(&Path) -> Option<F>,
    name: impl Fn(F) -> &'static str,
    default: F,
) -> anyhow::Result<F> {
    let by_name = output.and_then(&from_path);
    match (explicit, by_name) {
        (Some(f), Some(g)) if f != g => anyhow::bail!(
            "--format {} does not match the output file {} (a .{} file): change one of them",
            name(f),
            output.map(|p| p.display().to_string()).unwrap_or_default(),
            name(g)
        ),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(default),
    }
}
