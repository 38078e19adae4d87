//! `quotelink check`: regression checks against known quotes, run through
//! the real binary on the bundled gold and on small gold files written here.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn quotelink(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quotelink").expect("binary built");
    cmd.current_dir(dir);
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ARTICLE: &str =
    " date 2026-02-04 T\n\"Talks are set for Wednesday,\" Peskov said. \"We are ready,\" Zelensky said.\n";

fn setup() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    dir
}

#[test]
fn the_bundled_gold_passes_its_own_check() {
    let out = quotelink(&root())
        .args(["check", "tests/data/gold_direct.csv", "tests/data/articles", "--kind", "direct"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("check: passed"));
    let out = quotelink(&root())
        .args(["check", "tests/data/gold_claims.csv", "tests/data/articles", "--kind", "indirect"])
        .args(["--min-overlap", "0.5", "--min-row-overlap", "0.5", "--min-recall", "0.85", "--min-precision", "0.85"])
        .args(["--min-speaker-accuracy", "0.95"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_lost_quote_fails_the_check_and_is_listed() {
    let dir = setup();
    fs::write(
        dir.path().join("gold.csv"),
        "speaker,quote,date,source\n\
         Dmitry Peskov,\"Talks are set for Wednesday,\",2026-02-04,a.txt\n\
         Dmitry Peskov,The doors remain open,2026-02-04,a.txt\n",
    )
    .unwrap();
    let out = quotelink(dir.path()).args(["check", "gold.csv", "a.txt", "--kind", "direct"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("R 0.500 (1/2)"), "{text}");
    assert!(text.contains("missed known quotes (1)") && text.contains("The doors remain open"), "{text}");
    assert!(text.contains("unexpected rows (1)") && text.contains("We are ready"), "{text}");
    // with a lower bar the same comparison passes
    let out = quotelink(dir.path())
        .args(["check", "gold.csv", "a.txt", "--kind", "direct", "--min-recall", "0.5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_must_find_quote_fails_whatever_the_recall_bar() {
    let dir = setup();
    fs::write(
        dir.path().join("gold.csv"),
        "speaker,quote,date,source,must_find\n\
         Dmitry Peskov,\"Talks are set for Wednesday,\",2026-02-04,a.txt,no\n\
         Dmitry Peskov,The doors remain open,2026-02-04,a.txt,yes\n",
    )
    .unwrap();
    let out = quotelink(dir.path())
        .args(["check", "gold.csv", "a.txt", "--min-recall", "0", "--kind", "direct"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("MUST-FIND quotes missed or found with another speaker or date (1)"));
}

/// The regression check the tool exists for: every quote found, each
/// credited to the wrong person, must fail — and name the rows.
#[test]
fn quotes_found_with_the_wrong_speaker_fail_the_check() {
    let dir = setup();
    fs::write(
        dir.path().join("gold.csv"),
        "speaker,quote,date,source\n\
         Volodymyr Zelenskyy,\"Talks are set for Wednesday,\",2026-02-04,a.txt\n\
         Dmitry Peskov,\"We are ready,\",2026-02-04,a.txt\n",
    )
    .unwrap();
    let out = quotelink(dir.path()).args(["check", "gold.csv", "a.txt", "--kind", "direct"]).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("R 1.000 (2/2)"), "every quote is found: {text}");
    assert!(text.contains("speaker accuracy         0.000 (0/2"), "{text}");
    assert!(text.contains("FAILED: speaker accuracy 0.000 is below the bar of 1"), "{text}");
    assert!(
        text.contains(r#"known "Volodymyr Zelenskyy" 2026-02-04 | row "Dmitry Peskov" 2026-02-04 | Talks are set"#),
        "the failure names the known and the extracted speaker: {text}"
    );
    assert!(text.contains("check: FAILED"), "{text}");
    // a lower bar is the user's explicit choice
    let out = quotelink(dir.path())
        .args(["check", "gold.csv", "a.txt", "--kind", "direct", "--min-speaker-accuracy", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_must_find_quote_needs_its_speaker_and_its_date() {
    let dir = setup();
    for (row, fails) in [
        ("Dmitry Peskov,2026-02-04", false),
        ("Yuri Ushakov,2026-02-04", true),
        ("Dmitry Peskov,2026-02-05", true),
        ("Peskov,", false), // no date given: any date
    ] {
        fs::write(
            dir.path().join("gold.csv"),
            format!("speaker,date,quote,source,must_find\n{row},\"Talks are set for Wednesday,\",a.txt,yes\n"),
        )
        .unwrap();
        let out = quotelink(dir.path())
            .args(["check", "gold.csv", "a.txt", "--kind", "direct", "--min-speaker-accuracy", "0"])
            .args(["--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(if fails { 1 } else { 0 }), "{row}: {v:#}");
        assert_eq!(v["must_find_missed"].as_array().unwrap().len(), fails as usize, "{row}: {v:#}");
        if fails {
            assert_eq!(v["must_find_missed"][0]["row_speaker"], "Dmitry Peskov", "{row}: {v:#}");
            assert_eq!(v["must_find_missed"][0]["row_date"], "2026-02-04", "{row}: {v:#}");
        }
    }
}

#[test]
fn a_gold_without_kind_or_date_prints_no_empty_names() {
    let dir = setup();
    fs::write(dir.path().join("gold.csv"), "speaker,quote,source\nPeskov,\"Talks are set for Wednesday,\",a.txt\n")
        .unwrap();
    let out = quotelink(dir.path()).args(["check", "gold.csv", "a.txt"]).output().unwrap();
    let text = stdout(&out);
    assert!(!text.contains("kind "), "no per-kind line for a gold with no kinds: {text}");
    assert!(!text.contains("known \"\""), "{text}");
    assert!(!text.contains("\"\" |") && !text.contains("  |"), "no empty name or date cell: {text}");
}

#[test]
fn unexpected_rows_are_listed_in_the_same_order_on_every_run() {
    let gold = root().join("tests/data/gold_direct.csv");
    let run = || {
        let out = quotelink(&root())
            .arg("check")
            .arg(&gold)
            .args(["tests/data/articles", "--kind", "all", "--min-recall", "0", "--show", "0"])
            .output()
            .unwrap();
        stdout(&out)
    };
    let first = run();
    assert!(first.contains("unexpected rows"), "{first}");
    for _ in 0..3 {
        assert_eq!(run(), first);
    }
}

#[test]
fn speakers_match_through_aliases_and_mismatches_are_listed() {
    let dir = setup();
    fs::write(
        dir.path().join("gold.csv"),
        "speaker,quote,date,source\n\
         Yuri Ushakov,\"Talks are set for Wednesday,\",2026-02-04,tests/a.txt\n\
         Zelensky,\"We are ready,\",2026-02-05,a.txt\n",
    )
    .unwrap();
    let out = quotelink(dir.path())
        .args(["check", "gold.csv", "a.txt", "--format", "json", "--kind", "direct"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one of two found quotes has another speaker");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["speaker_checked"], 2);
    assert_eq!(v["speaker_correct"], 1, "Zelensky is Volodymyr Zelenskyy: {v:#}");
    assert_eq!(v["wrong_speaker"][0]["speaker"], "Yuri Ushakov");
    assert_eq!(v["wrong_speaker"][0]["row_speaker"], "Dmitry Peskov");
    assert_eq!(v["wrong_date"][0]["date"], "2026-02-05");
}

#[test]
fn predicted_rows_give_the_same_figures_as_extracting() {
    let out = quotelink(&root()).args(["extract", "tests/data/articles", "--format", "jsonl"]).output().unwrap();
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("rows.jsonl"), &out.stdout).unwrap();
    let gold = root().join("tests/data/gold_direct.csv");
    let via_file = quotelink(dir.path())
        .arg("check")
        .arg(&gold)
        .args(["--predicted", "rows.jsonl", "--kind", "direct", "--format", "json"])
        .output()
        .unwrap();
    let direct = quotelink(&root())
        .args(["check", "tests/data/gold_direct.csv", "tests/data/articles", "--kind", "direct", "--format", "json"])
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_slice(&via_file.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&direct.stdout).unwrap();
    assert_eq!(a["overall"], b["overall"]);
    assert_eq!(a["overall"]["found"], 36);
}

#[test]
fn an_annotated_corpus_is_scored_like_score_quotes() {
    let dir = TempDir::new().unwrap();
    let text = "\"Talks are set,\" Peskov said. Officials called it \"a plan.\"";
    let doc = serde_json::json!({
        "id": "d1", "date": "2026-02-04", "text": text,
        "quotes": [
            {"kind": "direct", "speaker": "Peskov", "content": "\"Talks are set,\"",
             "quoted_segments": [{"text": "Talks are set,"}]},
            {"kind": "direct", "speaker": "the minister", "content": "\"Nothing else\"",
             "quoted_segments": [{"text": "Nothing else was agreed"}]}
        ]
    });
    fs::write(dir.path().join("gold.jsonl"), format!("{doc}\n")).unwrap();
    let out = quotelink(dir.path())
        .args(["check", "gold.jsonl", "--kind", "direct", "--min-recall", "0", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overall"]["known"], 2);
    assert_eq!(v["overall"]["found"], 1);
    assert_eq!(v["speaker_checked"], 1, "only the named mention is checked");
    assert_eq!(v["speaker_correct"], 1);
}

#[test]
fn bad_gold_is_an_input_error() {
    let dir = setup();
    fs::write(dir.path().join("gold.csv"), "speaker,text\nX,y\n").unwrap();
    let out = quotelink(dir.path()).args(["check", "gold.csv", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gold.csv: the CSV has no `quote` column"));
    let out = quotelink(dir.path()).args(["check", "missing.csv", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_malformed_gold_line_is_named_by_file_and_line() {
    let dir = setup();
    let good = serde_json::json!({"id": "a", "quotes": [{"kind": "direct", "speaker": "Peskov",
        "quoted_segments": [{"text": "Talks are set for Wednesday,"}]}]});
    fs::write(dir.path().join("gold.jsonl"), format!("{good}\n\n{{\"id\": \"b\", \"quotes\": [}}\n")).unwrap();
    let out = quotelink(dir.path()).args(["check", "gold.jsonl", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("quotelink: error: gold.jsonl:3: malformed JSON: "), "{err}");
    // a gold file that is not there says so once, with its name
    let out = quotelink(dir.path()).args(["check", "missing.csv", "a.txt"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("quotelink: error: missing.csv: cannot read: "), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}
