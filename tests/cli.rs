//! End-to-end tests of the `quotelink` binary: each test runs the real
//! executable on input files it writes into its own temporary directory
//! (the gold test reads the bundled sample articles).

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde::Deserialize;
use tempfile::TempDir;

/// The documented columns, in order. Columns may be added after these (a
/// compatible change of the wire format), never renamed or reordered.
const HEADER: &str = "speaker,quote,date,kind,cue,speaker_mention,source,start,end,rule";
const HEADER_FIELDS: [&str; 10] =
    ["speaker", "quote", "date", "kind", "cue", "speaker_mention", "source", "start", "end", "rule"];

/// One output row, as read back from the CSV.
#[derive(Debug, Clone, Deserialize)]
struct Row {
    speaker: String,
    quote: String,
    date: String,
    kind: String,
    cue: String,
    speaker_mention: String,
    source: String,
    start: usize,
    end: usize,
    rule: String,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `dir`.
fn quotelink(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quotelink").expect("the quotelink binary is built");
    cmd.current_dir(dir);
    cmd
}

/// Whether `line` is a header row: the documented columns in order, then
/// possibly more columns with plain lower-case names.
fn is_header(line: &str) -> bool {
    line.strip_prefix(HEADER).is_some_and(|rest| {
        rest.is_empty()
            || rest.strip_prefix(',').is_some_and(|extra| {
                extra.split(',').all(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            })
    })
}

/// Parse CSV output, checking the header row.
fn parse_csv(out: &[u8]) -> Vec<Row> {
    let text = std::str::from_utf8(out).expect("output is UTF-8");
    let first = text.lines().next().unwrap_or("");
    assert!(is_header(first), "CSV header row is not `{HEADER}[,more]`: {first:?}\nwhole output:\n{text}");
    let mut rdr = csv::Reader::from_reader(out);
    rdr.deserialize().map(|r| r.unwrap_or_else(|e| panic!("bad CSV row: {e}\nwhole output:\n{text}"))).collect()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, text).unwrap();
    p
}

/// Lowercase word characters, joined by single spaces.
fn normalise(s: &str) -> String {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn file_name(source: &str) -> String {
    Path::new(source).file_name().and_then(|n| n.to_str()).unwrap_or(source).to_string()
}

fn find<'a>(rows: &'a [Row], quote: &str) -> &'a Row {
    rows.iter().find(|r| r.quote == quote).unwrap_or_else(|| panic!("no row with quote {quote:?}; rows: {rows:#?}"))
}

/// The rows of the bundled articles, with the article directory's parent as
/// the working directory so `source` is `tests/data/articles/NAME`.
fn gold_run() -> Vec<Row> {
    let out = quotelink(&manifest_dir()).args(["extract", "tests/data/articles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    assert!(!rows.is_empty(), "no rows for the bundled articles");
    rows
}

// ---------------------------------------------------------------- 1. gold

#[derive(Debug, Deserialize)]
struct GoldRow {
    source: String,
    speaker: String,
    kind: String,
    quote: String,
}

#[test]
fn gold_direct_quotes_precision_and_recall() {
    let gold_path = manifest_dir().join("tests/data/gold_direct.csv");
    let mut rdr = csv::Reader::from_path(&gold_path).unwrap();
    let gold: Vec<GoldRow> = rdr.deserialize().map(Result::unwrap).collect();
    assert!(gold.len() >= 30, "gold file has {} rows", gold.len());
    assert!(gold.iter().all(|g| g.kind == "direct"));

    // (file, normalised quote) -> gold speakers not yet matched.
    let mut open: HashMap<(String, String), Vec<String>> = HashMap::new();
    for g in &gold {
        open.entry((g.source.clone(), normalise(&g.quote))).or_default().push(g.speaker.clone());
    }
    let gold_quotes: HashMap<(String, String), String> =
        gold.iter().map(|g| ((g.source.clone(), normalise(&g.quote)), g.quote.clone())).collect();

    let rows: Vec<Row> = gold_run().into_iter().filter(|r| r.kind == "direct").collect();
    let mut correct = 0usize;
    let mut wrong = Vec::new();
    for r in &rows {
        let key = (file_name(&r.source), normalise(&r.quote));
        match open.get_mut(&key) {
            Some(speakers) if speakers.contains(&r.speaker) => {
                let i = speakers.iter().position(|s| *s == r.speaker).unwrap();
                speakers.remove(i);
                correct += 1;
            }
            Some(speakers) => wrong.push(format!(
                "  WRONG SPEAKER {}: got {:?} (cue {:?}, rule {}), gold {:?}: {:?}",
                key.0, r.speaker, r.cue, r.rule, speakers, r.quote
            )),
            None => wrong.push(format!(
                "  UNEXPECTED    {}: {:?} (cue {:?}, rule {}): {:?}",
                key.0, r.speaker, r.cue, r.rule, r.quote
            )),
        }
    }
    let mut missed = Vec::new();
    for (key, speakers) in &open {
        for s in speakers {
            missed.push(format!("  MISSED        {}: {:?}: {:?}", key.0, s, gold_quotes[key]));
        }
    }
    missed.sort();
    wrong.sort();

    let precision = correct as f64 / rows.len().max(1) as f64;
    let recall = correct as f64 / gold.len() as f64;
    let report = format!(
        "direct quotes: {correct} correct of {} rows, {} gold; precision {precision:.3}, recall {recall:.3}\n\
         missed gold rows ({}):\n{}\nunexpected or wrong rows ({}):\n{}",
        rows.len(),
        gold.len(),
        missed.len(),
        missed.join("\n"),
        wrong.len(),
        wrong.join("\n")
    );
    assert!(precision >= 0.95 && recall >= 0.95, "{report}");
}

/// Word tokens of a claim, for overlap matching (clause boundaries are a
/// matter of degree, so a claim is found when most of its words are).
fn tokens(s: &str) -> Vec<String> {
    normalise(&s.replace('’', "'")).split(' ').filter(|w| !w.is_empty()).map(String::from).collect()
}

fn overlap(a: &[String], b: &[String]) -> usize {
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for w in a {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    b.iter()
        .filter(|w| {
            let c = counts.entry(w.as_str()).or_default();
            *c -= 1;
            *c >= 0
        })
        .count()
}

#[test]
fn gold_claims_precision_and_recall() {
    let mut rdr = csv::Reader::from_path(manifest_dir().join("tests/data/gold_claims.csv")).unwrap();
    let gold: Vec<GoldRow> = rdr.deserialize().map(Result::unwrap).collect();
    assert!(gold.len() >= 40, "gold file has {} rows", gold.len());
    assert!(gold.iter().all(|g| g.kind == "indirect" || g.kind == "mixed"));
    let rows: Vec<Row> = gold_run().into_iter().filter(|r| r.kind == "indirect" || r.kind == "mixed").collect();
    // same article, same speaker, and at least half the words of each in the other
    let matches = |r: &Row, g: &GoldRow| {
        let (rt, gt) = (tokens(&r.quote), tokens(&g.quote));
        let o = overlap(&rt, &gt);
        file_name(&r.source) == g.source && r.speaker == g.speaker && 2 * o >= rt.len() && 2 * o >= gt.len()
    };
    let unexpected: Vec<String> = rows
        .iter()
        .filter(|r| !gold.iter().any(|g| matches(r, g)))
        .map(|r| format!("  UNEXPECTED {} {:?} ({}): {:?}", file_name(&r.source), r.speaker, r.rule, r.quote))
        .collect();
    let missed: Vec<String> = gold
        .iter()
        .filter(|g| !rows.iter().any(|r| matches(r, g)))
        .map(|g| format!("  MISSED     {} {:?}: {:?}", g.source, g.speaker, g.quote))
        .collect();
    let precision = (rows.len() - unexpected.len()) as f64 / rows.len().max(1) as f64;
    let recall = (gold.len() - missed.len()) as f64 / gold.len() as f64;
    let report = format!(
        "claims: {} rows, {} gold; precision {precision:.3}, recall {recall:.3}\nmissed:\n{}\nunexpected:\n{}",
        rows.len(),
        gold.len(),
        missed.join("\n"),
        unexpected.join("\n")
    );
    assert!(precision >= 0.85 && recall >= 0.85, "{report}");
    // every claim is a clause of the text, and `mixed` exactly when it holds quoted words
    for r in &rows {
        let has_mark = r.quote.contains(['"', '“', '”', '«', '»']) || r.quote.contains("''");
        assert_eq!(r.kind == "mixed", has_mark, "kind of {:?}", r.quote);
    }
}

#[test]
fn gold_articles_rows_have_dates_and_exact_offsets() {
    let rows = gold_run();
    let files: BTreeSet<String> = rows.iter().map(|r| file_name(&r.source)).collect();
    assert_eq!(files.len(), 5, "every bundled article yields rows: {files:?}");
    for r in &rows {
        assert!(!r.date.is_empty(), "row has an empty date though every article is dated: {r:#?}");
        assert_eq!(r.date.len(), 10, "date is YYYY-MM-DD: {r:#?}");
        let text = fs::read(manifest_dir().join(&r.source)).unwrap();
        assert!(r.start <= r.end && r.end <= text.len(), "offsets out of range: {r:#?}");
        assert_eq!(
            &text[r.start..r.end],
            r.quote.as_bytes(),
            "quote is not the article bytes at start..end: {r:#?}\nbytes there: {:?}",
            String::from_utf8_lossy(&text[r.start..r.end])
        );
    }
}

// ------------------------------------------------- 2. offsets, non-ASCII

#[test]
fn offsets_are_byte_offsets_into_non_ascii_text_as_read() {
    let dir = TempDir::new().unwrap();
    // A BOM, CRLF line ends, flags, emoji, Cyrillic and em dashes before and
    // inside the quotes, so character and byte offsets differ everywhere.
    let text = "\u{feff}date 2026-02-04 Переговоры 🕊️ — talks\r\n\r\n\
                Киев 🇺🇦 — Москва. “Мы готовы к переговорам — 🚀 сейчас,” Peskov said.\r\n\r\n\
                “Ready — yes — ready 😀,” Zelensky told reporters in Kyiv’s centre.\r\n";
    write(dir.path(), "u.txt", text);
    let out = quotelink(dir.path()).args(["extract", "u.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let bytes = fs::read(dir.path().join("u.txt")).unwrap();
    for r in &rows {
        assert_eq!(&bytes[r.start..r.end], r.quote.as_bytes(), "{r:#?}");
    }
    let a = find(&rows, "Мы готовы к переговорам — 🚀 сейчас,");
    assert_eq!(a.speaker, "Dmitry Peskov");
    assert_eq!(a.date, "2026-02-04");
    assert_eq!(a.start, text.find("Мы готовы").unwrap());
    let b = find(&rows, "Ready — yes — ready 😀,");
    assert_eq!(b.speaker, "Volodymyr Zelenskyy");
    assert_eq!(b.end, text.find("😀,").unwrap() + "😀,".len());
}

#[test]
fn jsonl_offsets_refer_to_the_decoded_text_field() {
    let dir = TempDir::new().unwrap();
    let text = "Москва 🇷🇺 — “Мы готовы — да,” Peskov said.\n\n«Всё хорошо 😀,» Zelensky told reporters.";
    let line = serde_json::json!({"id": "ru-1", "text": text, "date": "2026-02-04"}).to_string();
    // Escape non-ASCII as \uXXXX so the JSON bytes differ from the text bytes.
    let escaped: String = line
        .encode_utf16()
        .map(|u| if u < 0x80 { (u as u8 as char).to_string() } else { format!("\\u{u:04x}") })
        .collect();
    assert!(escaped.is_ascii());
    write(dir.path(), "docs.jsonl", &format!("{escaped}\n"));
    let out = quotelink(dir.path()).args(["extract", "docs.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r.source, "ru-1");
        assert_eq!(&text[r.start..r.end], r.quote, "{r:#?}");
    }
    assert_eq!(find(&rows, "Мы готовы — да,").speaker, "Dmitry Peskov");
    assert_eq!(find(&rows, "Всё хорошо 😀,").speaker, "Volodymyr Zelenskyy");
}

// ------------------------------------------------- 3. exit codes, errors

const PESKOV: &str = "date 2026-02-04 Talks\n\n\"We are ready for talks,\" Peskov said.\n";
const ZELENSKY: &str = "date 2026-02-05 Talks\n\n\"We want a just peace,\" Zelensky told reporters.\n";

#[test]
fn missing_file_among_good_ones_exits_1_and_keeps_the_others() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    write(dir.path(), "c.txt", ZELENSKY);
    let out = quotelink(dir.path()).args(["extract", "a.txt", "no-such-article.txt", "c.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr:\n{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("no-such-article.txt"), "stderr does not name the missing file:\n{err}");
    let rows = parse_csv(&out.stdout);
    let a = find(&rows, "We are ready for talks,");
    assert_eq!((a.speaker.as_str(), a.source.as_str(), a.date.as_str()), ("Dmitry Peskov", "a.txt", "2026-02-04"));
    assert_eq!(a.speaker_mention, "Peskov");
    let c = find(&rows, "We want a just peace,");
    assert_eq!((c.speaker.as_str(), c.source.as_str()), ("Volodymyr Zelenskyy", "c.txt"));
}

#[test]
fn bad_jsonl_lines_are_reported_with_line_numbers_and_skipped() {
    let dir = TempDir::new().unwrap();
    let lines = [
        r#"{"id":"first","text":"\"We are ready for talks,\" Peskov said.","date":"2026-02-04"}"#,
        "",
        r#"{"id":"broken","text":"#,
        r#"{"id":"notext","date":"2026-02-04"}"#,
        r#"{"id":"numtext","text":42,"date":"2026-02-04"}"#,
        r#"{"id":"baddate","text":"\"Nothing to add,\" Peskov said.","date":"last Tuesday"}"#,
        r#"{"id":"last","text":"\"We want a just peace,\" Zelensky said.","date":"2026-02-05"}"#,
    ];
    write(dir.path(), "docs.jsonl", &(lines.join("\n") + "\n"));
    let out = quotelink(dir.path()).args(["extract", "docs.jsonl"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    for n in [3, 4, 5, 6] {
        assert!(err.contains(&format!("docs.jsonl:{n}:")), "line {n} not reported as docs.jsonl:{n}: in\n{err}");
    }
    for n in [1, 2, 7] {
        assert!(!err.contains(&format!("docs.jsonl:{n}:")), "good line {n} reported in\n{err}");
    }
    assert!(err.contains("text"), "{err}");
    assert!(err.contains("date"), "{err}");
    let rows = parse_csv(&out.stdout);
    let sources: BTreeSet<&str> = rows.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(sources, BTreeSet::from(["first", "last"]), "{rows:#?}");
    assert_eq!(find(&rows, "We are ready for talks,").date, "2026-02-04");
    assert_eq!(find(&rows, "We want a just peace,").date, "2026-02-05");
    assert!(!rows.iter().any(|r| r.quote.contains("Nothing to add")), "row from the line with a bad date");
}

#[test]
fn bad_date_flag_and_unknown_flag_are_usage_errors() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    let out = quotelink(dir.path()).args(["extract", "--date", "notadate", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("notadate"), "{}", stderr_of(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("We are ready"), "rows written despite a usage error");

    let out = quotelink(dir.path()).args(["extract", "--date", "2026-02-30", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an impossible calendar date is accepted");

    let out = quotelink(dir.path()).args(["extract", "--no-such-flag", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const BAD_SPEAKERS: &str = "# my speakers\n\
                            Jane Roe\tperson\tf\tRoe\t-\n\
                            Half Entry\tperson\n\
                            \n\
                            John Doe\tperson\tm\tDoe\t-\n\
                            Alien Being\talien\tm\t-\t-\n";

#[test]
fn bad_lexicon_lines_are_all_reported_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    write(dir.path(), "lex/speakers.tsv", BAD_SPEAKERS);
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--lexicons", "lex"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.contains("speakers.tsv:3:"), "line 3 (too few fields) not reported:\n{err}");
    assert!(err.contains("speakers.tsv:6:"), "line 6 (bad type) not reported:\n{err}");
    for good in [1, 2, 4, 5] {
        assert!(!err.contains(&format!("speakers.tsv:{good}:")), "line {good} wrongly reported:\n{err}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().all(is_header), "rows written despite a bad lexicon:\n{stdout}");
    assert!(!stdout.contains("We are ready"), "{stdout}");
}

#[test]
fn bad_lexicon_with_output_file_creates_no_file() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    write(dir.path(), "lex/speakers.tsv", BAD_SPEAKERS);
    fs::create_dir(dir.path().join("out")).unwrap();
    let out =
        quotelink(dir.path()).args(["extract", "a.txt", "--lexicons", "lex", "-o", "out/rows.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr_of(&out));
    assert!(!dir.path().join("out/rows.csv").exists(), "output file created despite a bad lexicon");
    let left: Vec<_> = fs::read_dir(dir.path().join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "files left in the output directory: {left:?}");
}

/// `compare` and `report` read articles as `extract` does, so they take the
/// same `--lexicons`: an alias added there names the speaker in both.
#[test]
fn compare_and_report_take_the_lexicons_extract_takes() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "date 2026-02-04 Talks\n\n\"We will not sign this deal,\" Okafor said.\n");
    write(dir.path(), "lex/speakers.tsv", "Jane Okafor\tperson\tf\tOkafor\t\n");
    for (args, what) in [(vec!["compare", "a.txt"], "compare"), (vec!["report", "a.txt", "-o", "r.html"], "report")] {
        let run = |extra: &[&str]| {
            let out = quotelink(dir.path()).args(&args).args(extra).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr_of(&out));
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            if what == "report" { fs::read_to_string(dir.path().join("r.html")).unwrap() } else { text }
        };
        let plain = run(&[]);
        assert!(plain.contains("Okafor") && !plain.contains("Jane Okafor"), "{what} without lexicons:\n{plain}");
        let with = run(&["--lexicons", "lex"]);
        assert!(with.contains("Jane Okafor"), "{what} ignored --lexicons:\n{with}");
    }
}

// ------------------------------------------------------ 4. atomic output

fn tmp_files_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".quotelink-") || n.ends_with(".tmp"))
        .collect()
}

#[test]
fn output_file_is_complete_csv_and_no_temporary_file_is_left() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    write(dir.path(), "c.txt", ZELENSKY);
    fs::create_dir(dir.path().join("out")).unwrap();
    // An existing file is replaced.
    write(dir.path(), "out/out.csv", "stale contents\n");
    let out = quotelink(dir.path()).args(["extract", "a.txt", "c.txt", "-o", "out/out.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert!(out.stdout.is_empty(), "rows also written to stdout: {:?}", String::from_utf8_lossy(&out.stdout));
    let written = fs::read(dir.path().join("out/out.csv")).unwrap();
    assert!(written.ends_with(b"\n"), "output does not end with a newline");
    assert!(!String::from_utf8_lossy(&written).contains("stale"), "old contents kept");
    let rows = parse_csv(&written);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(find(&rows, "We are ready for talks,").speaker, "Dmitry Peskov");
    assert_eq!(find(&rows, "We want a just peace,").speaker, "Volodymyr Zelenskyy");
    assert_eq!(tmp_files_in(&dir.path().join("out")), Vec::<String>::new());
    assert_eq!(tmp_files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn output_in_a_missing_directory_is_a_fatal_error_naming_the_path() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "no-such-dir/out.csv"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.contains("no-such-dir/out.csv"), "message does not name the output path:\n{err}");
    assert!(!dir.path().join("no-such-dir").exists());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("We are ready"));
}

#[cfg(unix)]
#[test]
fn output_file_gets_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    // What any ordinary file created here gets under the current umask.
    let probe = dir.path().join("probe");
    fs::File::create(&probe).unwrap();
    let usual = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "out.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let mode = fs::metadata(dir.path().join("out.csv")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, usual, "out.csv has mode {mode:o}, an ordinary new file {usual:o}");
}

// ------------------------------------------------------------- 5. stdin

#[test]
fn stdin_text_article_gets_the_date_flag() {
    let dir = TempDir::new().unwrap();
    let text = "Talks resume\n\n\"We are ready for talks,\" Peskov said on Tuesday.\n";
    let out = quotelink(dir.path()).args(["extract", "-", "--date", "2026-02-04"]).write_stdin(text).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let r = &rows[0];
    assert_eq!(r.quote, "We are ready for talks,");
    assert_eq!(r.speaker, "Dmitry Peskov");
    assert_eq!(r.date, "2026-02-04");
    assert_eq!(r.source, "-");
    assert_eq!(&text[r.start..r.end], r.quote);
}

#[test]
fn stdin_starting_with_brace_is_read_as_jsonl() {
    let dir = TempDir::new().unwrap();
    let input = concat!(
        r#"{"id":"doc-a","text":"\"We are ready for talks,\" Peskov said.","date":"2026-02-04"}"#,
        "\n",
        r#"{"id":7,"text":"\"We want a just peace,\" Zelensky said.","date":"2026-02-05T10:00:00Z"}"#,
        "\n"
    );
    let out = quotelink(dir.path()).args(["extract", "-"]).write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let a = find(&rows, "We are ready for talks,");
    assert_eq!((a.source.as_str(), a.date.as_str(), a.speaker.as_str()), ("doc-a", "2026-02-04", "Dmitry Peskov"));
    let b = find(&rows, "We want a just peace,");
    assert_eq!((b.source.as_str(), b.date.as_str()), ("7", "2026-02-05"));
    assert!(rows.iter().all(|r| !r.quote.contains('{') && !r.quote.contains("\"id\"")), "read as text: {rows:#?}");
}

// ------------------------------------------------------- 6. missing date

#[test]
fn article_without_date_gets_empty_date_and_a_warning() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "undated.txt", "Talks resume\n\n\"We are ready for talks,\" Peskov said.\n");
    write(dir.path(), "with-date.txt", PESKOV);
    let out = quotelink(dir.path()).args(["extract", "undated.txt", "with-date.txt"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{err}");
    assert!(err.contains("undated.txt"), "no warning naming the undated file:\n{err}");
    assert!(err.to_lowercase().contains("date"), "{err}");
    assert!(!err.contains("with-date.txt"), "warning for a dated article:\n{err}");
    let rows = parse_csv(&out.stdout);
    let undated: Vec<&Row> = rows.iter().filter(|r| r.source == "undated.txt").collect();
    assert_eq!(undated.len(), 1, "{rows:#?}");
    assert_eq!(undated[0].date, "");
    assert_eq!(undated[0].speaker, "Dmitry Peskov");
    assert!(rows.iter().any(|r| r.source == "with-date.txt" && r.date == "2026-02-04"), "{rows:#?}");

    // --quiet silences the warning; --date fills the date and leaves nothing to warn about.
    let out = quotelink(dir.path()).args(["extract", "undated.txt", "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "--quiet still warns: {}", stderr_of(&out));
    let out = quotelink(dir.path()).args(["extract", "undated.txt", "--date", "2026-03-01"]).output().unwrap();
    assert!(out.stderr.is_empty(), "warning despite --date: {}", stderr_of(&out));
    assert_eq!(parse_csv(&out.stdout)[0].date, "2026-03-01");
}

// -------------------------------------------------------- 7. JSONL output

#[test]
fn jsonl_output_has_one_object_per_row_with_the_csv_field_names() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", PESKOV);
    write(dir.path(), "c.txt", ZELENSKY);

    // The CSV output of the same run, as header names and string records.
    let out = quotelink(dir.path()).args(["extract", "a.txt", "c.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    assert!(!parse_csv(&out.stdout).is_empty());
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();

    let out = quotelink(dir.path()).args(["extract", "a.txt", "c.txt", "--format", "jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with('\n'));
    let expected: BTreeSet<&str> = header.iter().map(String::as_str).collect();
    assert!(HEADER_FIELDS.iter().all(|f| expected.contains(f)));
    let mut objects = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line is not JSON ({e}): {line:?}"));
        let obj = v.as_object().unwrap_or_else(|| panic!("line is not a JSON object: {line:?}")).clone();
        let keys: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(keys, expected, "field names differ from the CSV header: {line}");
        assert!(obj["start"].is_u64() && obj["end"].is_u64(), "offsets are not numbers: {line}");
        for k in HEADER_FIELDS.iter().filter(|k| !matches!(**k, "start" | "end")) {
            assert!(obj[*k].is_string(), "{k} is not a string: {line}");
        }
        objects.push(obj);
    }
    assert_eq!(objects.len(), 2, "{text}");
    let a = objects.iter().find(|o| o["source"] == "a.txt").expect("row from a.txt");
    assert_eq!(a["quote"], "We are ready for talks,");
    assert_eq!(a["speaker"], "Dmitry Peskov");
    assert_eq!(a["kind"], "direct");
    assert_eq!(a["date"], "2026-02-04");

    // The same rows as the CSV output, field by field.
    assert_eq!(records.len(), objects.len());
    for (rec, obj) in records.iter().zip(&objects) {
        for (name, csv_value) in header.iter().zip(rec.iter()) {
            let json_value = match &obj[name] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            assert_eq!(json_value, csv_value, "field {name} differs between CSV and JSONL");
        }
    }
}

// --------------------------------------------------------- 8. directories

fn gzip(text: &str) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap()
}

fn jsonl_line(id: &str, quote: &str) -> String {
    let text = format!("\"{quote}\" Peskov said.");
    serde_json::json!({"id": id, "text": text, "date": "2026-02-04"}).to_string() + "\n"
}

#[test]
fn directory_walk_reads_nested_text_and_jsonl_files() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("corpus");
    let art = |q: &str| format!("date 2026-02-04 T\n\n\"{q}\" Peskov said.\n");
    write(&root, "top.txt", &art("Quote from top,"));
    write(&root, "sub/mid.jsonl", &jsonl_line("mid-doc", "Quote from mid,"));
    write(&root, "sub/deeper/deep.txt", &art("Quote from deep,"));
    write(&root, "sub/deeper/more.ndjson", &jsonl_line("nd-doc", "Quote from ndjson,"));
    fs::write(root.join("sub/packed.jsonl.gz"), gzip(&jsonl_line("gz-doc", "Quote from gzip,"))).unwrap();
    fs::write(root.join("sub/deeper/packed.txt.gz"), gzip(&art("Quote from text gzip,"))).unwrap();
    // Not articles: other extensions and hidden files are skipped.
    write(&root, "notes.md", &art("Quote from markdown,"));
    write(&root, "sub/.hidden.txt", &art("Quote from hidden,"));

    let out = quotelink(dir.path()).args(["extract", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr_of(&out));
    let rows = parse_csv(&out.stdout);
    let quotes: BTreeSet<&str> = rows.iter().map(|r| r.quote.as_str()).collect();
    let expected = BTreeSet::from([
        "Quote from top,",
        "Quote from mid,",
        "Quote from deep,",
        "Quote from ndjson,",
        "Quote from gzip,",
        "Quote from text gzip,",
    ]);
    assert_eq!(quotes, expected, "{rows:#?}");
    assert!(rows.iter().all(|r| r.speaker == "Dmitry Peskov"), "{rows:#?}");
    let deep = find(&rows, "Quote from deep,");
    assert_eq!(Path::new(&deep.source), Path::new("corpus/sub/deeper/deep.txt"));
    assert_eq!(find(&rows, "Quote from mid,").source, "mid-doc");
}

#[test]
fn directory_without_articles_gives_a_warning() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty/notes.md", "\"Not an article,\" Peskov said.\n");
    fs::create_dir_all(dir.path().join("empty/sub")).unwrap();
    let out = quotelink(dir.path()).args(["extract", "empty"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "a warning alone is not a failure; stderr:\n{err}");
    assert!(err.contains("warning"), "no warning for a directory without articles:\n{err}");
    assert!(err.contains("empty"), "warning does not name the directory:\n{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().all(is_header), "rows from a directory without articles:\n{stdout}");
}

// --------------------------------------------------------- 9. broken pipe

/// Run on a large article, read one line of stdout, close the pipe, and
/// check the process still ends cleanly.
fn close_stdout_after_one_line(format: &str) {
    let dir = TempDir::new().unwrap();
    let para =
        "\"We are ready to talk about everything,\" Peskov said on Tuesday. \"This is important,\" he added.\n\n";
    let text = format!("date 2026-02-04 Big\n\n{}", para.repeat(3000));
    write(dir.path(), "big.txt", &text);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quotelink"))
        .current_dir(dir.path())
        .args(["extract", "big.txt", "--format", format])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    // The reader, and with it the pipe's read end, was dropped above; the
    // output (6000 rows) is far larger than the pipe and write buffers.
    let out = child.wait_with_output().unwrap();
    let err = stderr_of(&out);
    if format == "csv" {
        assert!(is_header(first.trim_end()), "{first:?}");
    } else {
        assert!(first.starts_with('{') && first.contains("Peskov"), "{first:?}");
    }
    assert!(out.status.success(), "status {:?} after the reader went away; stderr:\n{err}", out.status);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe") && !err.contains("broken pipe"), "{err}");
}

#[test]
fn closing_stdout_early_is_a_clean_exit_csv() {
    close_stdout_after_one_line("csv");
}

#[test]
fn closing_stdout_early_is_a_clean_exit_jsonl() {
    close_stdout_after_one_line("jsonl");
}

// ---------------------------------------------------------------- 10. help

#[test]
fn extract_help_mentions_examples_and_exit_codes() {
    let dir = TempDir::new().unwrap();
    let out = quotelink(dir.path()).args(["extract", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.contains("quotelink extract "), "no example command line:\n{help}");
    assert!(help.contains("Exit codes"), "{help}");
    for code in ["0 success", "1 some inputs failed", "2 usage error"] {
        assert!(help.contains(code), "exit code {code:?} not explained:\n{help}");
    }
    assert!(help.contains("--date") && help.contains("--lexicons") && help.contains("--output"), "{help}");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    quotelink(dir.path())
        .args(["no-such-command"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-command"));
}

#[test]
fn said_on_resolves_the_sample_articles_time_expressions() {
    let rows = gold_run();
    let said_on = |needle: &str| -> String {
        let out = quotelink(&manifest_dir()).args(["extract", "tests/data/articles"]).output().unwrap();
        let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
        let header = rdr.headers().unwrap().clone();
        let col = header.iter().position(|h| h == "said_on").expect("a said_on column");
        let q = header.iter().position(|h| h == "quote").unwrap();
        rdr.records()
            .map(Result::unwrap)
            .find(|r| r[q].contains(needle))
            .map(|r| r[col].to_string())
            .unwrap_or_else(|| panic!("no row with {needle:?}"))
    };
    assert!(!rows.is_empty());
    // 000 was published on Wednesday 2026-01-28
    assert_eq!(said_on("preliminary discussions are underway"), "2026-01-26", "said … on Monday");
    assert_eq!(said_on("Negotiations are scheduled for February 1"), "2026-01-28", "told reporters on Wednesday");
    assert_eq!(said_on("Zelenskyy is ready to meet"), "2026-01-27", "in an interview published on Tuesday");
    // 001 was published on Monday 2026-02-02
    assert_eq!(said_on("rescheduled for Feb. 4-5"), "2026-02-01", "announced on Sunday");
    assert_eq!(said_on("will take place in Abu Dhabi on Wednesday and Thursday"), "2026-02-02", "confirmed on Monday");
    // a date inside the claim is not when it was said
    assert_eq!(said_on("originally scheduled for Feb. 1"), "");
}
