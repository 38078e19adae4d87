//! Attribution and claim cases kept as data, in `tests/data/cases/*.toml`:
//! one `[[case]]` per pattern (name, text, expected rows), so that a lexicon
//! author adds a case without writing Rust. Each file's header says how.
//!
//! The runner uses only the library's public API, runs every case of every
//! file, and lists every failing case at once (file:line, name, text,
//! expected and actual rows). A malformed file fails with file:line.

use std::fmt::Write as _;
use std::path::Path;

use quotelink::{Document, Engine, Kind, Lexicons, Options, Record};
use serde::Deserialize;
use toml::Spanned;

/// The case files that must be there, and the fewest cases each must hold:
/// a slip that hides cases from the parser (or an empty file) fails.
const MIN_CASES: &[(&str, usize)] = &[("attribution.toml", 29), ("claims.toml", 20)];

/// One file of cases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// The document date of every case that gives none.
    date: Option<String>,
    /// The kinds of row compared; the others are ignored.
    kinds: Vec<Spanned<String>>,
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: Spanned<String>,
    text: String,
    date: Option<String>,
    /// Every row of the file's kinds, in text order.
    rows: Vec<Row>,
}

/// An expected row; `kind`, `rule` and `said_on` are compared only when
/// given (`said_on = ""`: the row must have none).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    speaker: String,
    quote: String,
    kind: Option<Spanned<String>>,
    rule: Option<String>,
    said_on: Option<String>,
}

/// The 1-based line and column of byte `pos` of `src`.
fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let before = &src[..pos.min(src.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

fn parse_kind(s: &Spanned<String>, path: &str, src: &str) -> Result<Kind, String> {
    match s.get_ref().as_str() {
        "direct" => Ok(Kind::Direct),
        "indirect" => Ok(Kind::Indirect),
        "mixed" => Ok(Kind::Mixed),
        other => {
            let (line, col) = line_col(src, s.span().start);
            Err(format!("{path}:{line}:{col}: unknown kind {other:?} (direct, indirect or mixed)"))
        }
    }
}

/// An expected row with its kind, when given, checked.
type Expected<'a> = (&'a Row, Option<Kind>);

fn show_want((row, kind): &Expected) -> String {
    let mut s = format!("speaker={:?} quote={:?}", row.speaker, row.quote);
    if let Some(k) = kind {
        write!(s, " kind={}", k.as_str()).unwrap();
    }
    if let Some(r) = &row.rule {
        write!(s, " rule={r}").unwrap();
    }
    if let Some(d) = &row.said_on {
        write!(s, " said_on={d:?}").unwrap();
    }
    s
}

fn show_got(r: &Record) -> String {
    format!(
        "speaker={:?} quote={:?} kind={} rule={} said_on={:?}",
        r.speaker,
        r.quote,
        r.kind.as_str(),
        r.rule,
        r.said_on
    )
}

fn matches((row, kind): &Expected, got: &Record) -> bool {
    row.speaker == got.speaker
        && row.quote == got.quote
        && kind.is_none_or(|k| k == got.kind)
        && row.rule.as_ref().is_none_or(|r| *r == got.rule)
        && row.said_on.as_ref().is_none_or(|d| *d == got.said_on)
}

/// Run the cases of one file; returns (cases read, or `None` when the file
/// does not parse, and the problems).
fn run_file(engine: &Engine, path: &str, src: &str) -> (Option<usize>, Vec<String>) {
    let file: CaseFile = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(src, s.start));
            return (None, vec![format!("{path}:{line}:{col}: {}", e.message().trim_end())]);
        }
    };
    let mut problems = Vec::new();
    let kinds: Vec<Kind> =
        file.kinds.iter().filter_map(|k| parse_kind(k, path, src).map_err(|e| problems.push(e)).ok()).collect();
    if file.kinds.is_empty() {
        problems.push(format!("{path}: `kinds` is empty: no row would be compared"));
    }
    let mut names = std::collections::HashMap::new();
    for case in &file.case {
        let (line, _) = line_col(src, case.name.span().start);
        let name = case.name.get_ref();
        if let Some(first) = names.insert(name.as_str(), line) {
            problems.push(format!("{path}:{line}: case name {name:?} is already used on line {first}"));
        }
        let want: Result<Vec<Expected>, String> =
            case.rows.iter().map(|r| Ok((r, r.kind.as_ref().map(|k| parse_kind(k, path, src)).transpose()?))).collect();
        let want = match want {
            Ok(w) => w,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let mut doc = Document::from_text(format!("{path}:{line}"), case.text.as_str());
        if let Some(date) = case.date.as_ref().or(file.date.as_ref()) {
            doc.date = Some(date.clone());
        }
        let got: Vec<Record> = engine.extract(&doc).into_iter().filter(|r| kinds.contains(&r.kind)).collect();
        if got.len() == want.len() && want.iter().zip(&got).all(|(w, g)| matches(w, g)) {
            continue;
        }
        let mut msg = format!("{path}:{line}: case {name:?}\n  text: {:?}\n  want:", case.text);
        for w in &want {
            write!(msg, "\n    {}", show_want(w)).unwrap();
        }
        if want.is_empty() {
            msg.push_str(" no row");
        }
        msg.push_str("\n  got:");
        for (i, g) in got.iter().enumerate() {
            let differs = want.get(i).is_none_or(|w| !matches(w, g));
            write!(msg, "\n  {} {}", if differs { '✗' } else { ' ' }, show_got(g)).unwrap();
        }
        if got.is_empty() {
            msg.push_str(" no row");
        }
        problems.push(msg);
    }
    (Some(file.case.len()), problems)
}

#[test]
fn cases_from_data_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases");
    // as `quotelink extract` runs: each case in the language detected from it
    let engine = Engine::auto(None, Options::default()).expect("built-in lexicons");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/cases")
        .map(|e| e.expect("tests/data/cases").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    let mut counts = Vec::new();
    for p in &files {
        let file_name = p.file_name().unwrap().to_string_lossy().into_owned();
        let path = format!("tests/data/cases/{file_name}");
        let src = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (n, mut found) = run_file(&engine, &path, &src);
        problems.append(&mut found);
        counts.push((file_name, n));
    }
    for (name, min) in MIN_CASES {
        match counts.iter().find(|(f, _)| f == name) {
            None => problems.push(format!("tests/data/cases/{name}: missing")),
            Some((_, Some(n))) if n < min => {
                problems.push(format!("tests/data/cases/{name}: {n} case(s) read, expected at least {min}"))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{} problem(s) in the case files:\n\n{}\n", problems.len(), problems.join("\n\n"));
}

/// Organisation heads come from `org_heads.txt`: a name that ends in one is
/// a body, and a personal pronoun does not refer back to it.
#[test]
fn org_heads_come_from_the_lexicon() {
    let text = "\"We stand by the story,\" the Daily Gazette said.\n\n\"It is false,\" he added.";
    let speakers = |lex: Lexicons| -> Vec<String> {
        let engine = Engine::new(lex, Options { keep_unattributed: true });
        let doc = Document::from_text("case", text);
        engine.extract(&doc).into_iter().filter(|r| r.kind == Kind::Direct).map(|r| r.speaker).collect()
    };
    // "Gazette" is not a built-in head: the paper reads as a person
    assert_eq!(speakers(Lexicons::builtin().unwrap()), ["Daily Gazette", "Daily Gazette"]);
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("org_heads.txt"), "Gazette\n").unwrap();
    let got = speakers(Lexicons::with_dir(dir.path()).unwrap());
    assert_eq!(got[0], "Daily Gazette");
    assert_ne!(got[1], "Daily Gazette", "a pronoun referred to an organisation: {got:?}");
}

/// A cue of several words is found whatever its length (the two words are
/// joined on the stack when they fit, on the heap when they do not).
#[test]
fn long_multi_word_cues_from_a_lexicon_are_found() {
    let first = "a".repeat(40);
    let second = "b".repeat(40);
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("cues.tsv"), format!("longcue\tsay\t{first} {second}\n")).unwrap();
    let engine = Engine::new(Lexicons::with_dir(dir.path()).unwrap(), Options::default());
    let doc = Document::from_text("case", format!("\"We are ready,\" Peskov {first} {second}."));
    let rows: Vec<(String, String)> = engine.extract(&doc).into_iter().map(|r| (r.speaker, r.cue)).collect();
    assert_eq!(rows, [("Dmitry Peskov".to_string(), format!("{first} {second}"))]);
}
