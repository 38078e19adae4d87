//! `quotelink check`: compare quotelink's rows with known quotes.
//!
//! Known quotes (GOLD) are either a CSV in quotelink's own row format
//! (`speaker,quote,date,source`; `kind` and `must_find` optional) or an
//! annotated-corpus JSON Lines file (documents with their `quotes`, as in
//! `../shared/eval`). The rows to check come from extracting the articles
//! given (or, for a JSONL gold with no PATH, the gold documents themselves),
//! or from `--predicted FILE`, rows quotelink wrote earlier.
//!
//! Matching is on words: quote marks, case, punctuation and whitespace are
//! ignored (text is NFKD-folded to ASCII letters and digits). Within one
//! document:
//! - a known quote is **found** when a row holds at least `--min-overlap`
//!   of its words, and at least `--min-row-overlap` of the row's words are
//!   in it;
//! - a row is **correct** when at least `--precision-overlap` of its words
//!   lie in one known quote.
//!
//! Precision = correct rows / rows; recall = found quotes / known quotes.
//! Rows of documents the gold does not cover are not counted. Speakers
//! match through the gazetteer (aliases and spelling variants map to one
//! canonical name), or when one name's words contain the other's ("Flynn",
//! "Michael Flynn"); for an annotated corpus, whose speakers are mentions as
//! written, a speaker is checked only when the mention holds a capitalised
//! name, and matches when the row's speaker shares a name word with it.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Serialize;

use super::Exit;
use super::rows::{RowMap, fold_words, is_jsonl, nonblank_lines, read_row_file};
use crate::attribute::{Engine, Options};
use crate::input::{Diagnostics, ReadOptions};
use crate::lexicon::Lexicons;
use crate::mentions::Gazetteer;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
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

A GOLD CSV row whose `must_find` column is true, yes or 1 must be found
whatever --min-recall says.

Exit codes: 0 when recall >= --min-recall, precision >= --min-precision and
every must-find quote is found; 1 when not; 2 on bad input.")]
pub struct Args {
    /// Known quotes: a CSV (speaker,quote,date,source[,kind][,must_find]) or
    /// an annotated-corpus JSONL (documents with `quotes`).
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
    #[arg(long, default_value_t = 0.8, value_name = "X")]
    pub min_overlap: f64,

    /// Share of a row's words that must be in the known quote it finds.
    #[arg(long, default_value_t = 0.3, value_name = "X")]
    pub min_row_overlap: f64,

    /// Share of a row's words that must lie in one known quote for the row
    /// to count as correct.
    #[arg(long, default_value_t = 0.5, value_name = "X")]
    pub precision_overlap: f64,

    /// Fail (exit 1) when recall is below this.
    #[arg(long, default_value_t = 1.0, value_name = "X")]
    pub min_recall: f64,

    /// Fail (exit 1) when precision is below this.
    #[arg(long, default_value_t = 0.0, value_name = "X")]
    pub min_precision: f64,

    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Lexicon directory, as for `extract`.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Lexicon language or language folder, as for `extract`.
    #[arg(long, value_name = "CODE|DIR", default_value = "en")]
    pub lang: String,

    /// How many missed, unexpected and mismatched rows to list (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub show: usize,
}

/// A known quote or a row, reduced to what matching needs.
#[derive(Debug, Clone)]
struct Item {
    doc: String,
    speaker: String,
    quote: String,
    date: String,
    kind: String,
    words: Vec<String>,
    must_find: bool,
}

/// Words for matching (see `rows::fold_words`).
fn words(s: &str) -> Vec<String> {
    fold_words(s).collect()
}

fn overlap(a: &[String], b: &[String]) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    b.iter()
        .filter(|w| match counts.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// A document key: the file name without directories and `.txt`, or the id.
fn doc_key(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

fn kind_selected(filter: KindFilter, kind: &str) -> bool {
    match filter {
        KindFilter::All => true,
        KindFilter::Direct => kind == "direct" || kind.is_empty(),
        KindFilter::Indirect => kind == "indirect" || kind == "mixed" || kind.is_empty(),
    }
}

fn truthy(s: &str) -> bool {
    matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1" | "y")
}

/// Rows of a gold or predicted file (CSV, or JSON Lines of rows).
fn read_rows(path: &Path) -> anyhow::Result<Vec<RowMap>> {
    match read_row_file(path, &["quote", "source"])? {
        Some(rows) => Ok(rows),
        None => bail!("{}: not quotelink rows (a .csv, or .jsonl lines with `speaker` and `quote`)", path.display()),
    }
}

fn item_from_map(m: &RowMap) -> Item {
    let get = |k: &str| m.get(k).cloned().unwrap_or_default();
    let quote = get("quote");
    Item {
        doc: doc_key(&get("source")),
        speaker: get("speaker"),
        words: words(&quote),
        quote,
        date: get("date"),
        kind: get("kind"),
        must_find: m.get("must_find").is_some_and(|v| truthy(v)),
    }
}

/// Known quotes of an annotated-corpus JSONL: the quoted segments (direct)
/// or the contents (indirect) of its attributions.
fn read_annotated(path: &Path, filter: KindFilter) -> anyhow::Result<Vec<Item>> {
    let mut out = Vec::new();
    for line in nonblank_lines(path)? {
        let (n, line) = line?;
        let d: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}:{n}: malformed JSON", path.display()))?;
        let doc = d["id"].as_str().map(String::from).unwrap_or_else(|| format!("{}:{n}", path.display()));
        let date = d["date"].as_str().unwrap_or("").get(..10).unwrap_or("").to_string();
        let Some(quotes) = d["quotes"].as_array() else {
            bail!("{}:{n}: no `quotes` array: not an annotated corpus", path.display());
        };
        for q in quotes {
            let kind = q["kind"].as_str().unwrap_or("");
            let speaker = q["speaker"].as_str().unwrap_or("").to_string();
            let mut push = |text: &str, kind: &str| {
                let w = words(text);
                if !w.is_empty() {
                    out.push(Item {
                        doc: doc.clone(),
                        speaker: speaker.clone(),
                        quote: text.to_string(),
                        date: date.clone(),
                        kind: kind.to_string(),
                        words: w,
                        must_find: false,
                    });
                }
            };
            if filter != KindFilter::Indirect && matches!(kind, "direct" | "mixed") {
                for seg in q["quoted_segments"].as_array().into_iter().flatten() {
                    push(seg["text"].as_str().unwrap_or(""), "direct");
                }
            }
            if filter != KindFilter::Direct && matches!(kind, "indirect" | "mixed") {
                push(q["content"].as_str().unwrap_or(""), kind);
            }
        }
    }
    Ok(out)
}

const STOP: &[&str] = &["the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "of", "and", "s"];
const PRONOUNS: &[&str] = &["he", "she", "they", "who", "which", "it", "we", "i", "you", "that", "his", "her", "them"];

/// Capitalised name words of a speaker mention ("Flynn, a Trump surrogate,"
/// → flynn, trump), when it names someone (not "he", not "officials").
fn name_words(mention: &str) -> Vec<String> {
    let first = mention.split_whitespace().next().unwrap_or("").to_lowercase();
    if PRONOUNS.contains(&first.as_str()) {
        return Vec::new();
    }
    mention
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .flat_map(words)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

struct SpeakerMatcher {
    gaz: Gazetteer,
    lex: Lexicons,
    annotated: bool,
}

impl SpeakerMatcher {
    fn canonical(&self, name: &str) -> String {
        match self.gaz.lookup(name.trim()) {
            Some(i) => self.lex.speakers[i].canonical.to_lowercase(),
            None => name.trim().to_lowercase(),
        }
    }

    /// Whether the gold speaker can be checked at all.
    fn checkable(&self, gold: &str) -> bool {
        if self.annotated { !name_words(gold).is_empty() } else { !gold.trim().is_empty() }
    }

    fn same(&self, gold: &str, row: &str) -> bool {
        if self.annotated {
            let row_words = words(row);
            return name_words(gold).iter().any(|w| row_words.contains(w));
        }
        let (g, r) = (self.canonical(gold), self.canonical(row));
        if g == r {
            return true;
        }
        let (gw, rw) = (words(&g), words(&r));
        !gw.is_empty() && !rw.is_empty() && (gw.iter().all(|w| rw.contains(w)) || rw.iter().all(|w| gw.contains(w)))
    }
}

#[derive(Debug, Default, Serialize)]
struct Score {
    rows: usize,
    correct_rows: usize,
    known: usize,
    found: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl Score {
    fn finish(&mut self) {
        self.precision = if self.rows > 0 { self.correct_rows as f64 / self.rows as f64 } else { 0.0 };
        self.recall = if self.known > 0 { self.found as f64 / self.known as f64 } else { 0.0 };
        let (p, r) = (self.precision, self.recall);
        self.f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    }
}

#[derive(Debug, Serialize)]
struct Listed {
    document: String,
    speaker: String,
    row_speaker: String,
    date: String,
    row_date: String,
    excerpt: String,
}

#[derive(Debug, Default, Serialize)]
struct Report {
    overall: Score,
    by_kind: BTreeMap<String, Score>,
    by_speaker: BTreeMap<String, Score>,
    speaker_checked: usize,
    speaker_correct: usize,
    speaker_accuracy: f64,
    missed: Vec<Listed>,
    must_find_missed: Vec<Listed>,
    unexpected: Vec<Listed>,
    wrong_speaker: Vec<Listed>,
    wrong_date: Vec<Listed>,
    passed: bool,
}

fn excerpt(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 90 { format!("{}…", s.chars().take(89).collect::<String>()) } else { s }
}

fn listed(g: &Item, row: Option<&Item>) -> Listed {
    Listed {
        document: g.doc.clone(),
        speaker: g.speaker.clone(),
        row_speaker: row.map(|r| r.speaker.clone()).unwrap_or_default(),
        date: g.date.clone(),
        row_date: row.map(|r| r.date.clone()).unwrap_or_default(),
        excerpt: excerpt(&g.quote),
    }
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let lex = super::load_lexicons(&args.lang, args.lexicons.as_deref())?;
    let annotated = is_jsonl(&args.gold);
    let gold: Vec<Item> = if annotated {
        read_annotated(&args.gold, args.kind)?
    } else {
        read_rows(&args.gold)?.iter().map(item_from_map).filter(|g| kind_selected(args.kind, &g.kind)).collect()
    };
    if gold.is_empty() {
        bail!("{}: no known quotes of the chosen kind", args.gold.display());
    }
    let rows = predicted_rows(&args, &lex, annotated)?;
    let matcher = SpeakerMatcher { gaz: Gazetteer::new(&lex), lex, annotated };
    let report = compare(&args, &gold, &rows, &matcher);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
        ReportFormat::Text => print_report(&report, args.show, &mut out),
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {} // a closed pipe (`check … | head`) is a normal way to stop reading
    }
    Ok(if report.passed { Exit::Ok } else { Exit::SomeInputsFailed })
}

fn predicted_rows(args: &Args, lex: &Lexicons, annotated: bool) -> anyhow::Result<Vec<Item>> {
    let keep = |kind: &str| match args.kind {
        KindFilter::All => true,
        KindFilter::Direct => kind == "direct",
        KindFilter::Indirect => kind == "indirect" || kind == "mixed",
    };
    if let Some(p) = &args.predicted {
        let maps = read_rows(p)?;
        return Ok(maps.iter().map(item_from_map).filter(|r| keep(&r.kind)).collect());
    }
    let paths = if args.paths.is_empty() {
        if !annotated {
            bail!("give the articles to extract from (PATH), or rows written earlier (--predicted FILE)");
        }
        vec![args.gold.clone()]
    } else {
        args.paths.clone()
    };
    let engine = Engine::new(lex.clone(), Options::default());
    let mut diag = Diagnostics { quiet: true, ..Diagnostics::default() };
    let mut out = Vec::new();
    super::extract_each(&paths, &ReadOptions::default(), &engine, &mut diag, &mut |_, rows| {
        for r in rows.into_iter().filter(|r| keep(r.kind.as_str())) {
            out.push(Item {
                doc: doc_key(&r.source),
                words: words(&r.quote),
                speaker: r.speaker,
                quote: r.quote,
                date: r.date,
                kind: r.kind.as_str().to_string(),
                must_find: false,
            });
        }
    })?;
    if diag.failures > 0 {
        bail!("{} input(s) could not be read", diag.failures);
    }
    Ok(out)
}

fn compare(args: &Args, gold: &[Item], rows: &[Item], matcher: &SpeakerMatcher) -> Report {
    let mut by_doc: HashMap<&str, Vec<&Item>> = HashMap::new();
    for g in gold {
        by_doc.entry(&g.doc).or_default().push(g);
    }
    let mut rows_by_doc: HashMap<&str, Vec<&Item>> = HashMap::new();
    for r in rows.iter().filter(|r| by_doc.contains_key(r.doc.as_str()) && !r.words.is_empty()) {
        rows_by_doc.entry(&r.doc).or_default().push(r);
    }
    let mut rep = Report::default();
    let kind_of = |k: &str| if k == "mixed" { "indirect".to_string() } else { k.to_string() };
    // precision: each row
    for (doc, rs) in &rows_by_doc {
        let gs = &by_doc[doc];
        for r in rs {
            let ok =
                gs.iter().any(|g| overlap(&g.words, &r.words) as f64 >= args.precision_overlap * r.words.len() as f64);
            for s in [&mut rep.overall, rep.by_kind.entry(kind_of(&r.kind)).or_default()] {
                s.rows += 1;
                s.correct_rows += ok as usize;
            }
            if !ok {
                rep.unexpected.push(Listed {
                    document: r.doc.clone(),
                    speaker: String::new(),
                    row_speaker: r.speaker.clone(),
                    date: String::new(),
                    row_date: r.date.clone(),
                    excerpt: excerpt(&r.quote),
                });
            }
        }
    }
    // recall, speakers and dates: each known quote
    let empty = Vec::new();
    for g in gold {
        let rs = rows_by_doc.get(g.doc.as_str()).unwrap_or(&empty);
        let hits: Vec<&&Item> = rs
            .iter()
            .filter(|r| {
                let o = overlap(&g.words, &r.words) as f64;
                o >= args.min_overlap * g.words.len() as f64 && o >= args.min_row_overlap * r.words.len() as f64
            })
            .collect();
        let found = !hits.is_empty();
        let speaker_key = if g.speaker.trim().is_empty() { "(none)".to_string() } else { g.speaker.clone() };
        for s in [&mut rep.overall, rep.by_kind.entry(kind_of(&g.kind)).or_default()] {
            s.known += 1;
            s.found += found as usize;
        }
        let sp = rep.by_speaker.entry(speaker_key).or_default();
        sp.known += 1;
        sp.found += found as usize;
        if !found {
            rep.missed.push(listed(g, None));
            if g.must_find {
                rep.must_find_missed.push(listed(g, None));
            }
            continue;
        }
        if matcher.checkable(&g.speaker) {
            rep.speaker_checked += 1;
            if hits.iter().any(|r| matcher.same(&g.speaker, &r.speaker)) {
                rep.speaker_correct += 1;
            } else {
                rep.wrong_speaker.push(listed(g, Some(hits[0])));
            }
        }
        if !matcher.annotated && !g.date.is_empty() && !hits.iter().any(|r| r.date == g.date) {
            rep.wrong_date.push(listed(g, Some(hits[0])));
        }
    }
    rep.overall.finish();
    rep.by_kind.values_mut().for_each(Score::finish);
    rep.by_speaker.values_mut().for_each(Score::finish);
    rep.speaker_accuracy =
        if rep.speaker_checked > 0 { rep.speaker_correct as f64 / rep.speaker_checked as f64 } else { 0.0 };
    rep.passed = rep.overall.recall >= args.min_recall
        && rep.overall.precision >= args.min_precision
        && rep.must_find_missed.is_empty();
    rep
}

fn print_report(rep: &Report, show: usize, out: &mut impl Write) -> io::Result<()> {
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
    writeln!(out, "\nrecall by speaker:")?;
    let mut speakers: Vec<_> = rep.by_speaker.iter().collect();
    speakers.sort_by(|a, b| b.1.known.cmp(&a.1.known).then(a.0.cmp(b.0)));
    for (name, s) in speakers.iter().take(if show == 0 { usize::MAX } else { show }) {
        writeln!(out, "  {name:<30} {}/{}", s.found, s.known)?;
    }
    let list = |out: &mut dyn Write, title: &str, items: &[Listed], with_row: bool| -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{title} ({}):", items.len())?;
        for l in items.iter().take(if show == 0 { usize::MAX } else { show }) {
            if with_row {
                writeln!(
                    out,
                    "  {} | known {:?} {} | row {:?} {} | {}",
                    l.document, l.speaker, l.date, l.row_speaker, l.row_date, l.excerpt
                )?;
            } else if l.speaker.is_empty() {
                writeln!(out, "  {} | row {:?} | {}", l.document, l.row_speaker, l.excerpt)?;
            } else {
                writeln!(out, "  {} | {:?} | {}", l.document, l.speaker, l.excerpt)?;
            }
        }
        Ok(())
    };
    list(out, "MUST-FIND quotes missed", &rep.must_find_missed, false)?;
    list(out, "missed known quotes", &rep.missed, false)?;
    list(out, "unexpected rows", &rep.unexpected, false)?;
    list(out, "found with a different speaker", &rep.wrong_speaker, true)?;
    list(out, "found with a different date", &rep.wrong_date, true)?;
    writeln!(out, "\n{}", if rep.passed { "check: passed" } else { "check: FAILED" })
}
