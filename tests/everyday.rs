//! Everyday use through the real binary: the output format follows the file
//! name, `-o -` is standard output, `--columns` and TSV, one set of reading
//! flags in every subcommand, `compare --speaker` as a user types a name,
//! and the manual pages.

use std::fs;
use std::path::PathBuf;

mod common;

use common::{quotelink, text};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const ARTICLE: &str = " date 2026-02-04 Talks\n\"Talks are set for Wednesday,\" Peskov said.\n\n\
Zelensky said that the delegation would travel on Tuesday.\n";

fn setup() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    dir
}

#[test]
fn the_output_format_follows_the_file_extension() {
    let dir = setup();
    for (name, check) in [
        ("rows.xlsx", (|b: &[u8]| b.starts_with(b"PK\x03\x04")) as fn(&[u8]) -> bool),
        ("rows.jsonl", |b: &[u8]| b.starts_with(b"{\"speaker\":")),
        ("rows.ndjson", |b: &[u8]| b.starts_with(b"{\"speaker\":")),
        ("rows.tsv", |b: &[u8]| b.starts_with(b"speaker\tquote\tdate\t")),
        ("rows.csv", |b: &[u8]| b.starts_with(b"speaker,quote,date,")),
        ("rows.txt", |b: &[u8]| b.starts_with(b"speaker,quote,date,")), // unknown extension: CSV
    ] {
        let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let bytes = fs::read(dir.path().join(name)).unwrap();
        assert!(check(&bytes), "{name} holds: {}", text(&bytes[..bytes.len().min(80)]));
    }
    // --format wins over an extension that names no format
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "rows.out", "--format", "jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(fs::read(dir.path().join("rows.out")).unwrap().starts_with(b"{"));
}

#[test]
fn a_format_that_contradicts_the_file_name_is_an_error_and_writes_nothing() {
    let dir = setup();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "rows.xlsx", "--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("quotelink: error: ") && err.contains("--format csv") && err.contains("rows.xlsx"),
        "{err}"
    );
    assert!(!dir.path().join("rows.xlsx").exists(), "no CSV bytes in a .xlsx");
}

#[test]
fn dash_is_standard_output_in_every_subcommand() {
    let dir = setup();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("speaker,quote,date,"), "{}", text(&out.stdout));
    assert!(!dir.path().join("-").exists(), "no file named -");
    let out = quotelink(dir.path()).args(["compare", "a.txt", "-o", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("statement,speaker,"), "{}", text(&out.stdout));
    let out = quotelink(dir.path()).args(["report", "a.txt", "-o", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("<!DOCTYPE html>"));
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn columns_pick_and_order_the_columns_in_every_format() {
    let dir = setup();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--columns", "date,speaker,quote"]).output().unwrap();
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("date,speaker,quote"));
    assert_eq!(lines.next(), Some("2026-02-04,Dmitry Peskov,\"Talks are set for Wednesday,\""), "{csv}");
    let out = quotelink(dir.path())
        .args(["extract", "a.txt", "--columns", "speaker,kind", "--format", "jsonl"])
        .output()
        .unwrap();
    let first = text(&out.stdout).lines().next().unwrap().to_string();
    assert_eq!(first, r#"{"speaker":"Dmitry Peskov","kind":"direct"}"#);
    // an unknown column names the known ones
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--columns", "speaker,person"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("\"person\"") && err.contains("speaker,quote,date"), "{err}");
}

#[test]
fn tsv_cells_survive_tabs() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("t.txt"), " date 2026-02-04 T\n\"We are\tready to talk,\" Peskov said.\n").unwrap();
    let out = quotelink(dir.path()).args(["extract", "t.txt", "--format", "tsv"]).output().unwrap();
    let mut rdr = csv::ReaderBuilder::new().delimiter(b'\t').from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1, "{}", text(&out.stdout));
    assert_eq!(&rows[0][1], "We are\tready to talk,");
}

#[test]
fn every_subcommand_that_reads_articles_takes_the_same_reading_flags() {
    let dir = setup();
    fs::write(dir.path().join("undated.txt"), "\"Talks are set for Wednesday,\" Peskov said.\n").unwrap();
    fs::write(
        dir.path().join("gold.csv"),
        "speaker,quote,date,source\nDmitry Peskov,\"Talks are set for Wednesday,\",2026-03-01,undated.txt\n",
    )
    .unwrap();
    let flags = ["--date", "2026-03-01", "-j", "2", "--quiet", "--keep-unattributed", "--lang", "en"];
    for (sub, extra) in [
        ("extract", vec!["undated.txt"]),
        ("check", vec!["gold.csv", "undated.txt"]),
        ("compare", vec!["undated.txt"]),
        ("report", vec!["undated.txt", "-o", "r.html"]),
    ] {
        let out = quotelink(dir.path()).arg(sub).args(&extra).args(flags).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{sub}: {}{}", text(&out.stdout), text(&out.stderr));
        assert!(out.stderr.is_empty(), "{sub} --quiet prints nothing: {}", text(&out.stderr));
    }
    // --date reached the rows: the check above compared dates, and extract shows it
    let out = quotelink(dir.path()).args(["extract", "undated.txt", "--date", "2026-03-01"]).output().unwrap();
    assert!(text(&out.stdout).contains(",2026-03-01,"), "{}", text(&out.stdout));
}

#[test]
fn compare_speaker_matches_as_a_user_types_and_warns_on_nobody() {
    let run = |speaker: &str| {
        let out = quotelink(&root()).args(["compare", "tests/data/articles", "--speaker", speaker]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let n = text(&out.stdout).lines().count();
        (n, text(&out.stderr))
    };
    let (full, err) = run("Dmitry Peskov");
    assert!(full > 10, "Peskov has many rows");
    assert!(err.is_empty(), "{err}");
    for variant in ["peskov", "PESKOV", "Peskóv", "dmitry peskov"] {
        assert_eq!(run(variant).0, full, "{variant}");
    }
    let (rows, err) = run("Peskow");
    assert_eq!(rows, 1, "only the header");
    assert!(err.contains("warning") && err.contains("\"Peskow\"") && err.contains("Dmitry Peskov"), "{err}");
}

#[test]
fn compare_writes_jsonl_and_xlsx() {
    let dir = TempDir::new().unwrap();
    let out = quotelink(&root())
        .args(["compare", "tests/data/articles", "--speaker", "Peskov", "-o"])
        .arg(dir.path().join("s.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let jsonl = fs::read_to_string(dir.path().join("s.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["speaker"], "Dmitry Peskov");
    assert!(first["statement"].is_u64() && first["outlets"].is_u64(), "{first}");
    let out = quotelink(&root()).args(["compare", "tests/data/articles", "-o"]).arg(dir.path().join("s.xlsx")).output();
    assert_eq!(out.unwrap().status.code(), Some(0));
    assert!(fs::read(dir.path().join("s.xlsx")).unwrap().starts_with(b"PK\x03\x04"));
}

#[test]
fn a_workbook_error_names_the_output_never_a_temporary_file() {
    let dir = setup();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "missing-dir/rows.xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.starts_with("quotelink: error: ") && err.contains("missing-dir/rows.xlsx"), "{err}");
    assert!(!err.contains(".quotelink-") && !err.contains(".tmp"), "{err}");
}

#[test]
fn every_error_message_has_the_same_prefix() {
    let dir = setup();
    for args in [
        vec!["extract", "--bogus"],
        vec!["frob"],
        vec!["extract", "missing.txt"],
        vec!["extract", "a.txt", "--date", "yesterday"],
        vec!["check", "nothing.csv", "a.txt"],
        vec!["compare", "a.txt", "--format", "xlsx"],
        vec!["man", "nope"],
    ] {
        let out = quotelink(dir.path()).args(&args).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("quotelink: error: ") || err.starts_with("quotelink: "), "{args:?}: {err}");
        for line in err.lines().filter(|l| l.contains("error")) {
            assert!(line.starts_with("quotelink: error: "), "{args:?}: {line}");
        }
    }
}

#[test]
fn man_writes_a_page_for_every_subcommand_the_top_page_names() {
    let dir = TempDir::new().unwrap();
    let out = quotelink(dir.path()).args(["man", "--dir", "pages"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let top = fs::read_to_string(dir.path().join("pages/quotelink.1")).unwrap();
    for sub in ["extract", "check", "compare", "report", "completions", "man"] {
        let name = format!("quotelink\\-{sub}");
        assert!(top.contains(&name), "the top page names {sub}");
        let page = fs::read_to_string(dir.path().join(format!("pages/quotelink-{sub}.1"))).unwrap();
        assert!(page.contains(".TH quotelink-") && page.contains(".SH OPTIONS"), "{sub}");
    }
    let one = quotelink(dir.path()).args(["man", "check"]).output().unwrap();
    assert!(text(&one.stdout).contains("min\\-speaker\\-accuracy"), "the check page documents its flags");
}
