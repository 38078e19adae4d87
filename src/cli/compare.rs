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
use std::io::Write;
use std::path::PathBuf;

use super::Exit;
use super::common::{ReadArgs, destination, extract_rows, guard_output, output_format, parse_share, write_whole};
use super::rows::library_error;
use quotelink::{CompareOptions, SpeakerQuery, Statement, StatementRow};

/// `--format`: how statements are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// One line per row, with its statement's columns (for spreadsheets).
    Csv,
    /// One JSON object per row, with the CSV's columns as keys.
    Jsonl,
    /// An Excel workbook (needs -o FILE): one sheet with the CSV's columns.
    Xlsx,
    /// Per speaker, a timeline by day: statements new that day, and repeated.
    Markdown,
    /// The timeline as one self-contained HTML page: per speaker, a row per
    /// statement with a mark on each day it was reported (filled the day it
    /// was first made); hovering a mark shows the day, the wording and the
    /// outlets.
    Html,
}

impl CompareFormat {
    /// The format `-o`'s extension names: those of `extract` (the library's
    /// [`quotelink::OutputFormat::from_path`]; TSV is not one of compare's),
    /// and .md/.markdown, .html/.htm.
    fn from_path(p: &std::path::Path) -> Option<CompareFormat> {
        match quotelink::OutputFormat::from_path(p) {
            Some(quotelink::OutputFormat::Csv) => return Some(CompareFormat::Csv),
            Some(quotelink::OutputFormat::Jsonl) => return Some(CompareFormat::Jsonl),
            Some(quotelink::OutputFormat::Xlsx) => return Some(CompareFormat::Xlsx),
            Some(quotelink::OutputFormat::Tsv) => return None,
            None => {}
        }
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(CompareFormat::Markdown),
            "html" | "htm" => Some(CompareFormat::Html),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            CompareFormat::Csv => "csv",
            CompareFormat::Jsonl => "jsonl",
            CompareFormat::Xlsx => "xlsx",
            CompareFormat::Markdown => "markdown",
            CompareFormat::Html => "html",
        }
    }
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
    quotelink compare out/quotes.csv --since 2026-02-02 -o out/new.csv
  As a workbook (the extension picks the format):
    quotelink compare tests/data/articles -o out/statements.xlsx

--speaker matches any speaker of the rows that is the same person (aliases
and spelling variants), or whose name holds the given words, case and
accents ignored: `peskov`, `Dmitry Peskov` and `Peskov` are one speaker. A
name that matches nobody is a warning that lists the closest speakers.")]
pub struct Args {
    /// Articles (as for `extract`), or rows written by `extract` (.csv, or
    /// .jsonl whose lines are rows).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Rows that share at least this share of the smaller row's content
    /// words (and at least 3 of them) are one statement; rows said on the
    /// same day need two thirds of it.
    #[arg(long, default_value_t = 0.6, value_name = "X", value_parser = parse_share)]
    pub similarity: f64,

    /// Only this speaker: any alias or spelling variant, or a part of the
    /// name such as the surname; case and accents do not matter.
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

    /// Which rows are grouped: direct quotations, reported claims
    /// (indirect and mixed), or all.
    #[arg(long, value_enum, default_value_t = CompareKind::All)]
    pub kind: CompareKind,

    /// Output format [default: from -o's extension, else csv].
    #[arg(long, value_enum)]
    pub format: Option<CompareFormat>,

    /// Write to FILE (atomically) instead of standard output (`-` is
    /// standard output). The extension picks the format (.csv, .jsonl,
    /// .xlsx, .md) unless --format says otherwise.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,
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
    let out_path = destination(args.output.as_deref());
    let format =
        output_format(args.format, out_path, CompareFormat::from_path, CompareFormat::name, CompareFormat::Csv)?;
    if format == CompareFormat::Xlsx && out_path.is_none() {
        anyhow::bail!("--format xlsx writes a workbook file: give it with -o FILE.xlsx");
    }
    let engine = args.read.engine()?;
    let mut reporter = super::Reporter::new(args.read.quiet);
    let rows = read_rows(&args.paths, &args.read, &engine, &mut reporter, out_path)?;
    if let Some(name) = &opts.speaker {
        warn_unknown_speaker(name, &rows, engine.lexicons(), &mut reporter);
    }
    let statements = quotelink::compare(rows, engine.lexicons(), &opts)?;
    if format == CompareFormat::Xlsx {
        let p = out_path.expect("checked above");
        write_xlsx(&statements, p)?;
    } else {
        let write = |out: &mut dyn Write| -> anyhow::Result<()> {
            match format {
                CompareFormat::Csv => write_csv(&statements, out),
                CompareFormat::Jsonl => write_jsonl(&statements, out),
                CompareFormat::Html => Ok(out.write_all(timeline_html(&statements).as_bytes())?),
                CompareFormat::Markdown | CompareFormat::Xlsx => write_markdown(&statements, out),
            }
        };
        match out_path {
            // streamed: a million rows' output is not held in memory
            Some(p) => quotelink::write_file_atomically_with(p, |out| write(out).map_err(std::io::Error::other))?,
            None => {
                let mut buf: Vec<u8> = Vec::new();
                write(&mut buf)?;
                write_whole(None, &buf)?;
            }
        }
    }
    Ok(if reporter.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
}

/// A `--speaker` that matches no row's speaker: a warning naming the
/// closest speakers there are.
fn warn_unknown_speaker(
    name: &str,
    rows: &[StatementRow],
    lexicons: &quotelink::Lexicons,
    reporter: &mut super::Reporter,
) {
    let query = SpeakerQuery::new(name, lexicons);
    if rows.iter().any(|r| query.matches(&r.speaker)) {
        return;
    }
    let closest = query.closest(rows.iter().map(|r| r.speaker.as_str()), 5);
    let hint = if closest.is_empty() {
        "no speaker of the rows is close".to_string()
    } else {
        format!("the closest speakers are {}", closest.join(", "))
    };
    let message = format!("--speaker {name:?} matches no speaker of the rows; {hint}");
    reporter.report(&quotelink::Diagnostic { level: quotelink::Level::Warning, message });
}

/// The rows of `paths`: read from row files, extracted from the others
/// (articles).
fn read_rows(
    paths: &[PathBuf],
    read: &ReadArgs,
    engine: &quotelink::Engine,
    reporter: &mut super::Reporter,
    out: Option<&std::path::Path>,
) -> anyhow::Result<Vec<StatementRow>> {
    // the output is never an input (the rows files too)
    guard_output(paths, &mut Vec::new(), out, reporter)?;
    let mut rows = Vec::new();
    let mut articles = Vec::new();
    for p in paths {
        if is_article_table(p) {
            articles.push(p.clone());
            continue;
        }
        match StatementRow::read_file(p).map_err(library_error)? {
            Some(read) if rows.is_empty() => rows = read, // moved, not copied
            Some(read) => rows.extend(read),
            None => articles.push(p.clone()),
        }
    }
    if !articles.is_empty() {
        let extracted = extract_rows(&articles, read, engine, reporter, out)?;
        rows.extend(extracted.into_iter().map(StatementRow::from_record));
    }
    Ok(rows)
}

/// Whether `p` is a CSV of articles, not of rows: its header has no
/// `quote` column (rows always do), so it is extracted, not grouped.
fn is_article_table(p: &std::path::Path) -> bool {
    if !p.to_string_lossy().to_lowercase().ends_with(".csv") {
        return false;
    }
    let Ok(mut rdr) = csv::Reader::from_path(p) else { return false };
    rdr.headers()
        .is_ok_and(|h| !h.iter().any(|c| c.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case("quote")))
}

/// The columns of the CSV, JSONL and XLSX outputs.
const COLUMNS: [&str; 14] = [
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
    "outlet",
    "joined_by",
];

/// Every row of every statement as its cells, in [`COLUMNS`] order.
fn cells(statements: &[Statement]) -> impl Iterator<Item = [String; 14]> + '_ {
    statements.iter().enumerate().flat_map(|(i, s)| {
        // the statement's own columns, computed once (each walks its rows)
        let shared = [
            (i + 1).to_string(),
            s.speaker.clone(),
            s.representative().to_string(),
            s.first_said_on().to_string(),
            s.first_reported_on().to_string(),
            s.last_reported_on().to_string(),
            s.outlets().to_string(),
        ];
        s.rows.iter().zip(&s.joined_by).map(move |(r, why)| {
            let [id, speaker, representative, first_said, first_reported, last_reported, outlets] = shared.clone();
            [
                id,
                speaker,
                representative,
                first_said,
                first_reported,
                last_reported,
                outlets,
                r.quote.clone(),
                r.kind.clone(),
                r.source.clone(),
                r.date.clone(),
                r.said_on.clone(),
                r.outlet.clone(),
                why.as_str().to_string(),
            ]
        })
    })
}

fn write_jsonl(statements: &[Statement], out: &mut dyn Write) -> anyhow::Result<()> {
    use serde::ser::{SerializeMap, Serializer};
    for row in cells(statements) {
        // keys in the CSV's column order; the two counts as numbers
        let mut ser = serde_json::Serializer::new(&mut *out);
        let mut map = ser.serialize_map(Some(COLUMNS.len()))?;
        for (k, v) in COLUMNS.iter().zip(&row) {
            match *k {
                "statement" | "outlets" => map.serialize_entry(k, &v.parse::<u64>().unwrap_or(0))?,
                _ => map.serialize_entry(k, v)?,
            }
        }
        map.end()?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One sheet, `statements`, with the CSV's columns: every text cell a
/// string (never a formula), the numbers as numbers, header frozen.
fn write_xlsx(statements: &[Statement], path: &std::path::Path) -> anyhow::Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("statements")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
        let width = match *name {
            "representative" | "quote" => 60.0,
            "speaker" | "source" => 26.0,
            _ => 14.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    let mut n = 0u32;
    for row in cells(statements) {
        n += 1;
        for (c, (name, v)) in COLUMNS.iter().zip(row).enumerate() {
            let c = c as u16;
            match *name {
                "statement" | "outlets" => {
                    sheet.write_number(n, c, v.parse::<f64>().unwrap_or(0.0))?;
                }
                "representative" | "quote" => {
                    sheet.write_string_with_format(n, c, &v, &wrap)?;
                }
                _ => {
                    sheet.write_string(n, c, &v)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, n, (COLUMNS.len() - 1) as u16)?;
    let bytes = wb.save_to_buffer()?;
    quotelink::write_file_atomically(path, &bytes)?;
    Ok(())
}

fn write_csv(statements: &[Statement], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for row in cells(statements) {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn write_markdown(statements: &[Statement], out: &mut dyn Write) -> anyhow::Result<()> {
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
                let sources: BTreeSet<&str> = s.rows.iter().map(StatementRow::outlet_or_source).collect();
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

/// The timeline page: per speaker, a table whose columns are the days on
/// which any of their statements was reported (or said) and whose rows are
/// the statements; each day a statement was reported holds a mark, filled
/// (`new`) on the day it was first made. A mark's `title` is its hover text.
/// All text is HTML-escaped.
fn timeline_html(statements: &[Statement]) -> String {
    use super::report::escape;
    use std::fmt::Write as _;
    let mut speakers: BTreeMap<&str, Vec<&Statement>> = BTreeMap::new();
    for s in statements {
        speakers.entry(&s.speaker).or_default().push(s);
    }
    let mut body = String::new();
    for (speaker, sts) in speakers {
        let days: BTreeSet<&str> = sts.iter().flat_map(|s| s.rows.iter().map(|r| r.day())).collect();
        let _ = write!(
            body,
            "<section><h2>{}</h2><table class=\"timeline\"><thead><tr><th>statement</th>",
            escape(speaker)
        );
        for d in &days {
            let _ = write!(body, "<th>{}</th>", escape(if d.is_empty() { "undated" } else { d }));
        }
        body.push_str("</tr></thead><tbody>\n");
        for s in sts {
            let words = s.representative().replace('\n', " ");
            let short: String = if words.chars().count() > 90 {
                words.chars().take(89).chain(['…']).collect()
            } else {
                words.clone()
            };
            let _ = write!(body, "<tr><td class=\"st\" title=\"{}\">{}</td>", escape(&words), escape(&short));
            for d in &days {
                let on_day: BTreeSet<&str> =
                    s.rows.iter().filter(|r| r.day() == *d).map(StatementRow::outlet_or_source).collect();
                if on_day.is_empty() {
                    body.push_str("<td></td>");
                    continue;
                }
                let new = *d == s.first_said_on();
                let hover = format!(
                    "{} · {} · {} outlet(s): {} · “{}”",
                    if d.is_empty() { "undated" } else { d },
                    if new { "new" } else { "repeated" },
                    on_day.len(),
                    on_day.iter().copied().collect::<Vec<_>>().join(", "),
                    words
                );
                let _ = write!(
                    body,
                    "<td><span class=\"mark {}\" tabindex=\"0\" title=\"{h}\" aria-label=\"{h}\"></span></td>",
                    if new { "new" } else { "repeated" },
                    h = escape(&hover)
                );
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</tbody></table></section>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>quotelink statements</title>\
<style>{TIMELINE_STYLE}</style></head>\n<body><h1>Statements by speaker</h1>\
<p class=\"legend\"><span class=\"mark new\"></span> first made that day · \
<span class=\"mark repeated\"></span> reported again · hover a mark for the wording and the outlets</p>\n{body}</body></html>\n"
    )
}

const TIMELINE_STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#222}\
table.timeline{border-collapse:collapse;margin-bottom:2rem}th,td{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:center}\
th{font-weight:600;font-size:.85rem;white-space:nowrap}td.st{text-align:left;max-width:40rem}\
.mark{display:inline-block;width:.9rem;height:.9rem;border-radius:50%;border:2px solid #1f5fa8;vertical-align:middle;cursor:help}\
.mark.new{background:#1f5fa8}.mark.repeated{background:#fff}.mark:focus{outline:2px solid #333}.legend{color:#555}";
