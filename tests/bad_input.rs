//! Bad input never crashes quotelink and never loses data: one test per
//! case of the bad-input table in the README, each running the real binary
//! on files it creates in its own temporary directory.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

const ARTICLE: &str = " date 2026-02-04 Test\n\"We are ready,\" Peskov said.\n";

fn quotelink(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quotelink").expect("binary built");
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Rows of a CSV output as (speaker, quote, start, end) records.
fn rows(out: &std::process::Output) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    r.records().map(Result::unwrap).collect()
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_offset() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b" date 2026-02-04 T\n\"Caf".to_vec();
    bytes.push(0xE9); // Latin-1 e-acute: invalid UTF-8 at byte 23
    bytes.extend_from_slice(b" talks are over,\" Peskov said.\n");
    write(dir.path(), "latin1.txt", &bytes);
    let out = quotelink(dir.path()).args(["extract", "latin1.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("latin1.txt: invalid UTF-8 at byte offset 23"), "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "Caf\u{FFFD} talks are over,");
    // offsets refer to the decoded text (U+FFFD is 3 bytes where the bad byte was 1)
    let decoded = String::from_utf8_lossy(&bytes);
    let (s, e): (usize, usize) = (rows[0][7].parse().unwrap(), rows[0][8].parse().unwrap());
    assert_eq!(&decoded[s..e], &rows[0][1]);
}

#[test]
fn strict_rejects_invalid_utf8_and_keeps_the_other_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "bad.txt", b"\"Ok,\" Peskov said. \xff\n");
    write(dir.path(), "good.txt", ARTICLE.as_bytes());
    let out = quotelink(dir.path()).args(["extract", "--strict", "bad.txt", "good.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.txt: invalid UTF-8 at byte offset 19"), "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1, "only the good file's row: {rows:?}");
    assert!(rows[0][6].ends_with("good.txt"));
}

#[test]
fn binary_files_in_a_directory_are_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    write(dir.path(), "in/a.txt", ARTICLE.as_bytes());
    write(dir.path(), "in/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR \"x,\" Peskov said.");
    let out = quotelink(dir.path()).args(["extract", "in"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("image.txt: binary file"), "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1);
    assert!(rows[0][6].ends_with("a.txt"));
}

#[test]
fn an_empty_file_gives_no_rows_and_no_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b"\n  \n");
    let out = quotelink(dir.path()).args(["extract", "empty.txt", "blank.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "no warning for empty files");
    assert_eq!(stdout(&out).lines().count(), 1, "header only");
}

#[test]
fn pathological_text_is_processed_with_spans_in_bounds() {
    let dir = TempDir::new().unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("marks.txt", "\"".repeat(100_000)),
        ("curly.txt", "“".repeat(30_000) + &"”".repeat(30_000)),
        ("nested.txt", "“‘«„".repeat(20_000)),
        ("combining.txt", format!("a{}", "\u{301}".repeat(200_000))),
        ("noline.txt", "\"Talks are set,\" Peskov said, adding that Umerov told reporters that ".repeat(20_000)),
        ("apostrophes.txt", " 'a".repeat(100_000)),
        ("tags.txt", "<a".repeat(100_000)),
        ("periods.txt", "a.".repeat(200_000)),
    ];
    for (name, text) in &cases {
        write(dir.path(), name, text.as_bytes());
    }
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let out = quotelink(dir.path())
        .args(["extract", "--date", "2026-02-04", "--keep-unattributed"])
        .args(&names)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked") && !stderr(&out).contains("internal error"));
    let mut per_file = std::collections::HashMap::<String, usize>::new();
    for r in rows(&out) {
        let name = r[6].to_string();
        let text = &cases.iter().find(|c| c.0 == name).unwrap().1;
        let (s, e): (usize, usize) = (r[7].parse().unwrap(), r[8].parse().unwrap());
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_eq!(&text[s..e], &r[1]);
        *per_file.entry(name).or_default() += 1;
    }
    // the long line without a newline still yields its 20,000 quotations
    assert!(per_file.get("noline.txt").copied().unwrap_or(0) >= 20_000, "{per_file:?}");
}

#[test]
fn escape_formulas_defuses_spreadsheet_formulas() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "f.txt",
        b" date 2026-02-04 T\n\"=HYPERLINK(1),\" said Peskov. \"@SUM(A1),\" he added. \"Fine,\" he said.\n",
    );
    let plain = quotelink(dir.path()).args(["extract", "f.txt"]).output().unwrap();
    let quotes: Vec<String> = rows(&plain).iter().map(|r| r[1].to_string()).collect();
    assert_eq!(quotes, vec!["=HYPERLINK(1),", "@SUM(A1),", "Fine,"]);
    let safe = quotelink(dir.path()).args(["extract", "--escape-formulas", "f.txt"]).output().unwrap();
    let quotes: Vec<String> = rows(&safe).iter().map(|r| r[1].to_string()).collect();
    assert_eq!(quotes, vec!["'=HYPERLINK(1),", "'@SUM(A1),", "Fine,"]);
    for r in rows(&safe) {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "cell {cell:?} could run as a formula");
        }
    }
}

#[test]
fn lexicon_with_bom_loads_and_duplicates_are_errors() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("lex")).unwrap();
    write(dir.path(), "lex/speakers.tsv", "\u{feff}Jane Okafor\tperson\tf\tOkafor\t-\n".as_bytes());
    write(dir.path(), "a.txt", b" date 2026-02-04 T\n\"We wait,\" Okafor said.\n");
    let out = quotelink(dir.path()).args(["extract", "--lexicons", "lex", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(&rows(&out)[0][0], "Jane Okafor");

    write(dir.path(), "lex/cues.tsv", b"murmur\tsay\tmurmured\nwhisper2\tsay\tmurmured\n");
    let out = quotelink(dir.path()).args(["extract", "--lexicons", "lex", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cues.tsv:2: duplicate cue form \"murmured\""), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "no output before lexicons are valid");
}

#[test]
fn output_is_byte_identical_on_every_run_and_thread_count() {
    let dir = TempDir::new().unwrap();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles");
    let run = |jobs: &str| quotelink(dir.path()).args(["extract", "-j", jobs]).arg(&articles).output().unwrap().stdout;
    let first = run("1");
    assert!(first.len() > 1000);
    assert_eq!(first, run("1"));
    assert_eq!(first, run("2"));
    assert_eq!(first, run("8"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_fatal_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", ARTICLE.as_bytes());
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("quotelink"))
        .current_dir(dir.path())
        .args(["extract", "a.txt"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("No space left on device"), "{}", stderr(&out));
}

/// `-o` naming a FIFO or a device (`/dev/null`, `/dev/stdout`) writes
/// into it: renaming a temporary file over it, as for a regular file, would
/// replace the device with a file.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_fifo_writes_into_it_and_keeps_it() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", ARTICLE.as_bytes());
    let fifo = dir.path().join("rows.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo not available: skipped");
        return;
    }
    // the reader blocks until a writer opens the FIFO: wait for it with a
    // timeout, so that a FIFO replaced by a file fails instead of hanging
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = fs::File::open(&fifo).and_then(|mut f| f.read_to_string(&mut s));
            let _ = tx.send(s);
        });
    }
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "rows.fifo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("nothing was written into the FIFO");
    assert!(got.starts_with("speaker,quote,date,"), "{got}");
    assert!(got.lines().count() > 1, "no rows came through the FIFO: {got}");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced by a file");
}

#[test]
fn xlsx_needs_an_output_file_and_writes_a_workbook() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", ARTICLE.as_bytes());
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--format", "xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o FILE.xlsx"), "{}", stderr(&out));
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--format", "xlsx", "-o", "q.xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = fs::read(dir.path().join("q.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX file is a zip archive");
}

#[test]
fn completions_and_man_page_are_generated() {
    let dir = TempDir::new().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = quotelink(dir.path()).args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(text.contains("extract") && text.contains("compare"), "{shell}: {text}");
    }
    let man = stdout(&quotelink(dir.path()).arg("man").output().unwrap());
    assert!(man.contains(".TH quotelink 1") && man.contains("extract"), "{man}");
    for sub in ["extract", "check", "compare", "completions", "man"] {
        let help = stdout(&quotelink(dir.path()).args([sub, "--help"]).output().unwrap());
        assert!(help.contains("Example"), "`{sub} --help` has examples: {help}");
    }
}
