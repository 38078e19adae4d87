//! `quotelink compare`: one speaker's statements across days and outlets.
//!
//! Rows (extracted from articles, or read from CSV/JSONL that `extract`
//! wrote) are grouped, speaker by speaker, into *statements*: rows that say
//! the same thing, verbatim or as a close paraphrase or translation variant.
//!
//! Similarity: each row is reduced to its content words (lower-cased,
//! NFKD-folded, stop words dropped, a plural or verb ending stripped:
//! "negotiations" → "negotiation", "offered" → "offer"), each weighted by
//! how rare it is among the speaker's rows (idf = ln(1 + rows / rows with the
//! word), so the topic — "talks", "Abu Dhabi" — weighs less than the words
//! that make a statement its own). Two rows of the same speaker are one
//! statement when they share at least 3 content words and the weight of the
//! shared words is at least `--similarity` (default 0.6) of the lighter
//! row's: a weighted overlap coefficient, which tolerates a translation's
//! different wording ("offers"/"proposes", "sufficiently"/"quite"). A
//! statement is a connected group of such pairs.
//! Candidate pairs come from an inverted index on each row's rarest words,
//! so grouping is not quadratic in the number of rows.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::bail;

use super::Exit;
use super::rows::{RowMap, fold_words, read_row_file};
use crate::attribute::{Engine, Options};
use crate::input::{Diagnostics, ReadOptions, normalise_date};
use crate::mentions::Gazetteer;

/// Rows must share at least this many content words to be one statement.
const MIN_SHARED: usize = 3;
/// How many of a row's rarest words index it for candidate pairs.
const INDEX_WORDS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// One line per row, with its statement's columns (for spreadsheets).
    Csv,
    /// Per speaker, a timeline by day: statements new that day, and repeated.
    Markdown,
}

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

/// A row, as compare needs it.
#[derive(Debug, Clone)]
pub struct Row {
    pub speaker: String,
    pub quote: String,
    pub date: String,
    pub said_on: String,
    pub kind: String,
    pub source: String,
}

impl Row {
    /// The day the words were said: `said_on`, else the report's date.
    fn day(&self) -> &str {
        if self.said_on.is_empty() { &self.date } else { &self.said_on }
    }
}

/// A statement: rows that say the same thing.
#[derive(Debug)]
pub struct Statement {
    pub speaker: String,
    pub rows: Vec<Row>,
}

impl Statement {
    pub fn first_said_on(&self) -> &str {
        self.rows.iter().map(Row::day).filter(|d| !d.is_empty()).min().unwrap_or("")
    }
    pub fn first_reported_on(&self) -> &str {
        self.rows.iter().map(|r| r.date.as_str()).filter(|d| !d.is_empty()).min().unwrap_or("")
    }
    pub fn last_reported_on(&self) -> &str {
        self.rows.iter().map(|r| r.date.as_str()).max().unwrap_or("")
    }
    pub fn outlets(&self) -> usize {
        self.rows.iter().map(|r| r.source.as_str()).collect::<HashSet<_>>().len()
    }
    /// The wording to show: the earliest reported, the longest on a tie.
    pub fn representative(&self) -> &str {
        self.rows
            .iter()
            .min_by(|a, b| a.date.cmp(&b.date).then(b.quote.len().cmp(&a.quote.len())))
            .map_or("", |r| r.quote.as_str())
    }
}

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "we",
    "our",
    "ours",
    "us",
    "i",
    "me",
    "my",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "no",
    "so",
    "too",
    "very",
    "also",
    "all",
    "any",
    "some",
    "such",
    "than",
    "then",
    "if",
    "when",
    "which",
    "who",
    "what",
    "said",
    "says",
    "say",
    "now",
    "well",
    "just",
    "only",
    "even",
    "still",
    "about",
    "into",
    "over",
    "under",
    "again",
    "quite",
    "sufficiently",
    "indeed",
    "of",
    "s",
];

/// Content words of a quote: folded, stop words dropped, endings stripped.
pub fn content_words(s: &str) -> BTreeSet<String> {
    fold_words(s).filter(|w| w.len() > 1 && !STOP.contains(&w.as_str())).map(|w| stem(&w)).collect()
}

fn stem(w: &str) -> String {
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suf)
            && base.len() >= 4
        {
            return base.to_string();
        }
    }
    w.to_string()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Group rows into statements (speaker by speaker). Rows without a speaker
/// are left out.
pub fn group(rows: Vec<Row>, similarity: f64) -> Vec<Statement> {
    let mut by_speaker: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for r in rows.into_iter().filter(|r| !r.speaker.is_empty()) {
        by_speaker.entry(r.speaker.clone()).or_default().push(r);
    }
    let mut out = Vec::new();
    for (speaker, rows) in by_speaker {
        let words: Vec<BTreeSet<String>> = rows.iter().map(|r| content_words(&r.quote)).collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for ws in &words {
            for w in ws {
                *df.entry(w).or_default() += 1;
            }
        }
        // index each row by its rarest words
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, ws) in words.iter().enumerate() {
            let mut rare: Vec<&str> = ws.iter().map(String::as_str).collect();
            rare.sort_by_key(|w| (df[w], *w));
            for w in rare.into_iter().take(INDEX_WORDS) {
                index.entry(w).or_default().push(i);
            }
        }
        // words this speaker uses often (the topic: "talks", "Abu Dhabi")
        // weigh less than the words that make a statement its own
        let n = rows.len() as f64;
        let idf = |w: &str| (1.0 + n / df[w] as f64).ln();
        let mut parent: Vec<usize> = (0..rows.len()).collect();
        for (i, ws) in words.iter().enumerate() {
            let mut seen = HashSet::new();
            let mut rare: Vec<&str> = ws.iter().map(String::as_str).collect();
            rare.sort_by_key(|w| (df[w], *w));
            for w in rare.into_iter().take(INDEX_WORDS) {
                for &j in &index[w] {
                    if j <= i || !seen.insert(j) {
                        continue;
                    }
                    let shared: Vec<&String> = ws.intersection(&words[j]).collect();
                    let weight = |set: &mut dyn Iterator<Item = &String>| -> f64 { set.map(|w| idf(w)).sum() };
                    let shared_w = weight(&mut shared.iter().copied());
                    let smaller = weight(&mut ws.iter()).min(weight(&mut words[j].iter())).max(f64::EPSILON);
                    if shared.len() >= MIN_SHARED && shared_w >= similarity * smaller {
                        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<Row>> = BTreeMap::new();
        for (i, r) in rows.into_iter().enumerate() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(r);
        }
        for (_, rows) in groups {
            out.push(Statement { speaker: speaker.clone(), rows });
        }
    }
    out
}

fn to_row(m: &RowMap) -> Row {
    let get = |k: &str| m.get(k).cloned().unwrap_or_default();
    Row {
        speaker: get("speaker"),
        quote: get("quote"),
        date: get("date"),
        said_on: get("said_on"),
        kind: get("kind"),
        source: get("source"),
    }
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    for d in [&args.from, &args.to, &args.since].into_iter().flatten() {
        if normalise_date(d).is_none() {
            bail!("{d:?} is not a date in the form YYYY-MM-DD");
        }
    }
    let lex = super::load_lexicons(&args.lang, args.lexicons.as_deref())?;
    let mut rows = Vec::new();
    let mut articles = Vec::new();
    for p in &args.paths {
        match read_row_file(p, &["speaker", "quote"])? {
            Some(maps) => rows.extend(maps.iter().map(to_row)),
            None => articles.push(p.clone()),
        }
    }
    let mut failures = 0;
    if !articles.is_empty() {
        let engine = Engine::new(lex.clone(), Options::default());
        let mut diag = Diagnostics::default();
        super::extract_each(&articles, &ReadOptions::default(), &engine, &mut diag, &mut |_, extracted| {
            rows.extend(extracted.into_iter().map(|r| Row {
                kind: r.kind.as_str().to_string(),
                speaker: r.speaker,
                quote: r.quote,
                date: r.date,
                said_on: r.said_on,
                source: r.source,
            }));
        })?;
        failures = diag.failures;
    }
    // filters
    let gaz = Gazetteer::new(&lex);
    let canon = |name: &str| {
        gaz.lookup(name.trim()).map_or_else(|| name.trim().to_string(), |i| lex.speakers[i].canonical.clone())
    };
    let want_speaker = args.speaker.as_deref().map(canon);
    rows.retain(|r| {
        let kind_ok = match args.kind {
            CompareKind::All => true,
            CompareKind::Direct => r.kind == "direct",
            CompareKind::Indirect => r.kind == "indirect" || r.kind == "mixed",
        };
        kind_ok
            && want_speaker.as_ref().is_none_or(|s| canon(&r.speaker) == *s)
            && args.from.as_ref().is_none_or(|f| r.date.as_str() >= f.as_str())
            && args.to.as_ref().is_none_or(|t| r.date.as_str() <= t.as_str())
    });
    for r in &mut rows {
        r.speaker = canon(&r.speaker);
    }
    let mut statements = group(rows, args.similarity);
    if let Some(since) = &args.since {
        statements.retain(|s| s.first_said_on() >= since.as_str());
    }
    statements.sort_by(|a, b| {
        (a.speaker.as_str(), a.first_said_on(), a.representative()).cmp(&(
            b.speaker.as_str(),
            b.first_said_on(),
            b.representative(),
        ))
    });

    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        CompareFormat::Csv => write_csv(&statements, &mut buf)?,
        CompareFormat::Markdown => write_markdown(&statements, &mut buf)?,
    }
    match &args.output {
        Some(p) => crate::output::write_file_atomically(p, &buf)?,
        None => match io::stdout().lock().write_all(&buf) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        },
    }
    Ok(if failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(speaker: &str, quote: &str, source: &str, date: &str) -> Row {
        Row {
            speaker: speaker.into(),
            quote: quote.into(),
            date: date.into(),
            said_on: String::new(),
            kind: "direct".into(),
            source: source.into(),
        }
    }

    #[test]
    fn translations_merge_and_topics_do_not() {
        let rows = vec![
            row(
                "P",
                "Zelensky offers contacts. Putin said that they are possible in Moscow. This position remains ours. It is sufficiently consistent,",
                "a",
                "2026-02-02",
            ),
            row(
                "P",
                "Zelensky proposes contacts. Putin has said that they are possible in Moscow. This position remains our position. It is quite consistent,",
                "b",
                "2026-02-02",
            ),
            row(
                "P",
                "Russia continues its efforts, continues contacts with all interested parties, and maintains its readiness to contribute to reducing tension around Iran,",
                "a",
                "2026-02-02",
            ),
            row("Q", "Zelensky offers contacts. Putin said that they are possible in Moscow.", "a", "2026-02-02"),
        ];
        let st = group(rows, 0.6);
        let sizes: Vec<(String, usize)> = st.iter().map(|s| (s.speaker.clone(), s.rows.len())).collect();
        assert!(sizes.contains(&("P".into(), 2)), "{sizes:?}");
        assert_eq!(st.len(), 3, "another speaker's words are never merged: {sizes:?}");
    }
}
