//! Hostile and odd input (issue 15), through the real binary: the output
//! never destroys or re-reads an input, text in any encoding a newsroom
//! stores is read, and nonsense on the command line or in a lexicon is an
//! error that says what is wrong. Every fixture is written here.

use std::fs;
use std::io::Write;
use std::path::Path;

mod common;

use common::{quotelink, text};
use tempfile::TempDir;

const ARTICLE: &str = " date 2026-02-04 Talks\n\"We are ready to talk,\" Peskov said.\n";

fn setup() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    dir
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = setup();
    for args in [
        vec!["extract", "a.txt", "-o", "a.txt"],
        vec!["extract", "a.txt", "-o", "./a.txt", "--format", "csv"],
        vec!["report", "a.txt", "-o", "a.txt"],
        vec!["compare", "a.txt", "-o", "a.txt"],
    ] {
        let out = quotelink(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("also an input"), "{args:?}: {}", text(&out.stderr));
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), ARTICLE, "{args:?} kept the article");
    }
}

#[test]
fn a_second_run_over_a_folder_does_not_read_the_rows_the_first_wrote_there() {
    let dir = setup();
    let run = || quotelink(dir.path()).args(["extract", ".", "-o", "rows.jsonl"]).output().unwrap();
    assert_eq!(run().status.code(), Some(0));
    let first = fs::read_to_string(dir.path().join("rows.jsonl")).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("rows.jsonl: the output file of this run"), "{}", text(&out.stderr));
    assert_eq!(fs::read_to_string(dir.path().join("rows.jsonl")).unwrap(), first, "same rows, not rows of rows");
}

#[cfg(unix)]
#[test]
fn an_output_through_a_symlink_writes_the_file_it_points_at() {
    let dir = setup();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::write(dir.path().join("real/rows.csv"), "old").unwrap();
    std::os::unix::fs::symlink("real/rows.csv", dir.path().join("link.csv")).unwrap();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "link.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(fs::symlink_metadata(dir.path().join("link.csv")).unwrap().file_type().is_symlink(), "the link stays");
    assert!(fs::read_to_string(dir.path().join("real/rows.csv")).unwrap().starts_with("speaker,"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_error_names_the_output() {
    let dir = setup();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "-o", "/dev/full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/dev/full: cannot write output"), "{}", text(&out.stderr));
}

/// The rows of one article in `bytes`, written as `name`.
fn rows_of(name: &str, bytes: &[u8]) -> String {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let out = quotelink(dir.path()).args(["extract", name]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn utf16_articles_with_a_byte_order_mark_are_read() {
    for (bom, encode) in
        [([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]), ([0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2])]
    {
        let mut bytes = bom.to_vec();
        bytes.extend(ARTICLE.encode_utf16().flat_map(encode));
        let rows = rows_of("u16.txt", &bytes);
        assert!(rows.contains("Dmitry Peskov,\"We are ready to talk,\",2026-02-04"), "{rows}");
    }
}

#[test]
fn a_utf8_byte_order_mark_hides_neither_the_date_nor_the_first_document() {
    let long_header =
        format!("\u{feff} date 2026-02-04 {}\n\"We are ready to talk,\" Peskov said.\n", "Long ".repeat(30));
    assert!(rows_of("bom.txt", long_header.as_bytes()).contains(",2026-02-04,"));
    let jsonl =
        "\u{feff}{\"id\":\"first\",\"text\":\"\\\"We are ready to talk,\\\" Peskov said.\",\"date\":\"2026-02-04\"}\n";
    let rows = rows_of("bom.jsonl", jsonl.as_bytes());
    assert!(rows.contains(",first,"), "{rows}");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_found_in_a_directory_walk() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join("in").join(name), ARTICLE).unwrap();
    let out = quotelink(dir.path()).args(["extract", "in"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Dmitry Peskov"), "{}", text(&out.stdout));
}

#[test]
fn gzip_on_standard_input_is_read() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(ARTICLE.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let out = quotelink(Path::new(".")).args(["extract", "-"]).write_stdin(bytes).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Dmitry Peskov"), "{}", text(&out.stdout));
}

#[test]
fn numeric_ids_are_kept_exactly_or_refused() {
    let line = |id: &str| {
        format!("{{\"id\":{id},\"text\":\"\\\"We are ready to talk,\\\" Peskov said.\",\"date\":\"2026-02-04\"}}\n")
    };
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("d.jsonl"), line("12345678901234567890") + &line("123456789012345678901234567890"))
        .unwrap();
    let out = quotelink(dir.path()).args(["extract", "d.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "one line failed, the other was written");
    assert!(text(&out.stdout).contains(",12345678901234567890,"), "{}", text(&out.stdout));
    assert!(!text(&out.stdout).contains("e+29") && !text(&out.stdout).contains("e29"));
    assert!(text(&out.stderr).contains("d.jsonl:2: field `id` is a number that cannot be kept exactly"));
}

#[test]
fn malformed_lexicons_are_errors_not_silence() {
    let dir = setup();
    fs::create_dir(dir.path().join("lex")).unwrap();
    fs::write(dir.path().join("lex/speakers.tsv"), "Jane Roe\tperson\tf\tRoe||J. Roe\n").unwrap();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--lexicons", "lex"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("speakers.tsv:1: empty alias"), "{}", text(&out.stderr));
    fs::remove_file(dir.path().join("lex/speakers.tsv")).unwrap();
    fs::create_dir(dir.path().join("lex/speakers.tsv")).unwrap();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--lexicons", "lex"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("speakers.tsv: is a directory"), "{}", text(&out.stderr));
}

#[test]
fn nonsense_numbers_on_the_command_line_are_refused() {
    let dir = setup();
    fs::write(dir.path().join("gold.csv"), "speaker,quote,source\nPeskov,We are ready to talk,a.txt\n").unwrap();
    for args in [
        vec!["check", "gold.csv", "a.txt", "--min-recall", "NaN"],
        vec!["check", "gold.csv", "a.txt", "--min-overlap", "1.5"],
        vec!["compare", "a.txt", "--similarity", "nan"],
        vec!["extract", "a.txt", "-j", "100000"],
        vec!["extract", "a.txt", "-j", "0"],
    ] {
        let out = quotelink(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).starts_with("quotelink: error: invalid value"), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn compare_needs_the_source_column_to_count_outlets() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("rows.csv"), "speaker,quote\nDmitry Peskov,We are ready to talk\n").unwrap();
    let out = quotelink(dir.path()).args(["compare", "rows.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no `source` column"), "{}", text(&out.stderr));
}

#[test]
fn a_document_over_the_size_cap_is_reported_and_skipped_and_the_others_kept() {
    let dir = TempDir::new().unwrap();
    let ok = |id: &str| {
        format!("{{\"id\":\"{id}\",\"text\":\"\\\"We are ready to talk,\\\" Peskov said.\",\"date\":\"2026-02-04\"}}\n")
    };
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n", "a".repeat(5000));
    fs::write(dir.path().join("d.jsonl"), ok("one") + &long + &ok("two")).unwrap();
    // the same as a gzip bomb in miniature: 2 MB of one line from a few KB
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(ok("three").as_bytes()).unwrap();
    gz.write_all(b"{\"id\":\"bomb\",\"text\":\"").unwrap();
    gz.write_all(&vec![b'a'; 2 << 20]).unwrap();
    gz.write_all(b"\"}\n").unwrap();
    gz.write_all(ok("four").as_bytes()).unwrap();
    fs::write(dir.path().join("bomb.jsonl.gz"), gz.finish().unwrap()).unwrap();
    fs::write(dir.path().join("big.txt"), format!(" date 2026-02-04 T\n{}", "word ".repeat(2000))).unwrap();
    let out = quotelink(dir.path())
        .args(["extract", "d.jsonl", "bomb.jsonl.gz", "big.txt", "--max-doc-bytes", "4K"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs failed, the rest were written");
    let (rows, err) = (text(&out.stdout), text(&out.stderr));
    for id in ["one", "two", "three", "four"] {
        assert!(rows.contains(&format!(",{id},")), "{id} kept: {rows}");
    }
    assert!(err.contains("d.jsonl:2: line longer than 4096 bytes skipped"), "{err}");
    assert!(err.contains("bomb.jsonl.gz:2: line longer than 4096 bytes skipped"), "{err}");
    assert!(err.contains("big.txt: document larger than 4096 bytes skipped"), "{err}");
    // the cap can be raised
    let out = quotelink(dir.path()).args(["extract", "d.jsonl", "--max-doc-bytes", "1M"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = quotelink(dir.path()).args(["extract", "d.jsonl", "--max-doc-bytes", "lots"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_signal_leaves_neither_debris_nor_a_half_written_output() {
    for signal in ["INT", "TERM", "HUP"] {
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join("rows.csv"), "the previous rows\n").unwrap();
        // reading a standard input that never ends keeps the run going
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("quotelink"))
            .args(["extract", "-", "-o", "rows.csv"])
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let debris = || {
            fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count()
        };
        let start = std::time::Instant::now();
        while debris() == 0 && start.elapsed().as_secs() < 20 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(debris(), 1, "the run writes into a temporary file");
        let pid = child.id().to_string();
        assert!(std::process::Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap().success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{signal}: {status:?}");
        assert_eq!(debris(), 0, "SIG{signal}: no .quotelink-*.tmp left");
        assert_eq!(fs::read_to_string(dir.path().join("rows.csv")).unwrap(), "the previous rows\n", "SIG{signal}");
        drop(child.stdin.take());
    }
}

#[test]
fn one_long_quote_does_not_sink_a_workbook() {
    let dir = TempDir::new().unwrap();
    let long = format!(
        " date 2026-02-04 T\n\"{}end,\" Peskov said.\n\"We are ready to talk,\" Peskov said.\n",
        "word ".repeat(8000)
    );
    fs::write(dir.path().join("long.txt"), long).unwrap();
    let out = quotelink(dir.path()).args(["extract", "long.txt", "-o", "rows.xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("long.txt: a `quote` cell of 40004 characters is cut to Excel's limit of 32767"), "{err}");
    assert!(fs::read(dir.path().join("rows.xlsx")).unwrap().starts_with(b"PK\x03\x04"));
}

/// Rows of one speaker, written as `extract` writes them (the columns
/// `compare` reads).
fn one_speaker_rows(dir: &Path, name: &str, n: usize, quote: impl Fn(usize) -> String) {
    let mut f = std::io::BufWriter::new(fs::File::create(dir.join(name)).unwrap());
    writeln!(f, "speaker,quote,date,kind,source").unwrap();
    for i in 0..n {
        writeln!(f, "Dmitry Peskov,{},2026-02-{:02},direct,doc{}.txt", quote(i), 1 + i % 28, i % 500).unwrap();
    }
}

/// Tens of thousands of rows of one speaker are grouped (the library's unit
/// tests count the comparisons; `benches/bench.py` times a million): the
/// same words make one statement, rows that share only the topic's common
/// words stay apart.
#[test]
fn compare_groups_tens_of_thousands_of_rows_of_one_speaker() {
    let dir = TempDir::new().unwrap();
    let n = 20_000;
    one_speaker_rows(dir.path(), "same.csv", n, |_| {
        "We will not accept any ceasefire that freezes the front line".into()
    });
    one_speaker_rows(dir.path(), "common.csv", n, |i| {
        format!("ceasefire talks front line statement number {i} word{} item{i}", i % 997)
    });
    for (file, statements) in [("same.csv", 1), ("common.csv", n)] {
        let out = quotelink(dir.path()).args(["compare", file, "--format", "jsonl"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        let last = text(&out.stdout)
            .lines()
            .map(String::from)
            .max_by_key(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["statement"].as_u64().unwrap());
        let last: serde_json::Value = serde_json::from_str(&last.unwrap()).unwrap();
        assert_eq!(last["statement"], statements, "{file}");
        assert_eq!(text(&out.stdout).lines().count(), n, "{file}: every row listed once");
    }
}

/// Thousands of known quotes against thousands of rows of one document:
/// matched through a word index (the library's unit tests count the pairs
/// compared), with the figures an all-pairs scan gives.
#[test]
fn check_matches_thousands_of_known_quotes_in_one_document() {
    let dir = TempDir::new().unwrap();
    let n = 5_000;
    let (mut gold, mut rows) =
        (String::from("speaker,quote,source\n"), String::from("speaker,quote,source,date,kind\n"));
    for i in 0..n {
        gold.push_str(&format!("Dmitry Peskov,\"We are ready to talk about item {i},\",many.txt\n"));
        // every other row names another speaker: the scan must go on to a row with the known speaker
        let speaker = if i % 2 == 0 { "Volodymyr Zelenskyy" } else { "Peskov" };
        rows.push_str(&format!("{speaker},\"We are ready to talk about item {i}\",many.txt,2026-02-04,direct\n"));
    }
    fs::write(dir.path().join("gold.csv"), gold).unwrap();
    fs::write(dir.path().join("rows.csv"), rows).unwrap();
    let out = quotelink(dir.path())
        .args(["check", "gold.csv", "--predicted", "rows.csv", "--kind", "direct", "--format", "json"])
        .output()
        .unwrap();
    let rep: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // each known quote is held (7 of its 8 words) by every row of the document
    assert_eq!(rep["overall"]["found"], n, "{}", text(&out.stderr));
    assert_eq!(rep["overall"]["correct_rows"], n);
    assert_eq!(rep["speaker_correct"], n, "a row with the known speaker is found for each");
    assert_eq!(out.status.code(), Some(0));
}

/// A gazetteer of tens of thousands of people loads (linear: `bench.py`
/// times 200,000 entries) and its aliases name speakers; an entry for a
/// built-in speaker replaces it (its new alias names it).
#[test]
fn a_large_gazetteer_loads_and_names_speakers() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("lex")).unwrap();
    let mut tsv = String::from("Dmitry Peskov\tperson\tm\tPeskov|Peskoff\n");
    for i in 0..20_000 {
        tsv.push_str(&format!("Person{i} Surname{i}\tperson\tm\tSurname{i}|P. Surname{i}\n"));
    }
    fs::write(dir.path().join("lex/speakers.tsv"), tsv).unwrap();
    fs::write(
        dir.path().join("a.txt"),
        " date 2026-02-04 T\n\"We are ready,\" Surname19999 said. \"Talks go on,\" Peskoff said.\n",
    )
    .unwrap();
    let out = quotelink(dir.path()).args(["extract", "a.txt", "--lexicons", "lex", "-q"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = text(&out.stdout);
    assert!(rows.contains("Person19999 Surname19999,\"We are ready,\""), "{rows}");
    assert!(rows.contains("Dmitry Peskov,\"Talks go on,\""), "{rows}");
}

/// Output written piece by piece (`compare -o`, so that a million rows'
/// output is not held in memory) is still atomic: a failure half-way
/// leaves the old file as it was and no temporary file behind.
#[test]
fn a_streamed_output_is_replaced_only_when_complete() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("statements.csv");
    fs::write(&target, "old\n").unwrap();
    let failed = quotelink::write_file_atomically_with(&target, |out: &mut dyn Write| {
        out.write_all(b"new, half")?;
        Err(std::io::Error::other("disk full"))
    });
    let message = failed.unwrap_err().to_string();
    assert!(message.contains("statements.csv") && message.contains("disk full"), "{message}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("statements.csv")], "no temporary file left");
    quotelink::write_file_atomically_with(&target, |out: &mut dyn Write| out.write_all(b"new\n")).unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
}
