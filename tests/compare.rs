//! `quotelink compare` on the sample articles: translations of one
//! statement are grouped, statements that only share a topic are not.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use assert_cmd::Command;

fn run(args: &[&str]) -> Vec<HashMap<String, String>> {
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .args(["compare", "tests/data/articles"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// The statement id of the row whose quote contains `needle`.
fn statement_of(rows: &[HashMap<String, String>], needle: &str) -> String {
    rows.iter().find(|r| r["quote"].contains(needle)).unwrap_or_else(|| panic!("no row with {needle:?}"))["statement"]
        .clone()
}

fn sources_of(rows: &[HashMap<String, String>], statement: &str) -> BTreeSet<String> {
    rows.iter()
        .filter(|r| r["statement"] == statement)
        .map(|r| r["source"].rsplit('/').next().unwrap()[..3].to_string())
        .collect()
}

#[test]
fn translations_of_one_statement_are_one_statement_with_two_outlets() {
    let rows = run(&["--speaker", "Peskov"]);
    let contacts = statement_of(&rows, "Zelensky offers contacts");
    assert_eq!(statement_of(&rows, "Zelensky proposes contacts"), contacts);
    assert_eq!(sources_of(&rows, &contacts), BTreeSet::from(["001".to_string(), "002".to_string()]));
    let row = rows.iter().find(|r| r["statement"] == contacts).unwrap();
    assert_eq!(row["outlets"], "2");
    assert_eq!(row["first_reported_on"], "2026-02-02");

    let round = statement_of(&rows, "Indeed, Wednesday-Thursday, this second round will take place");
    assert_eq!(statement_of(&rows, "Now it will be Wednesday or Thursday"), round);
    assert_eq!(sources_of(&rows, &round), BTreeSet::from(["001".to_string(), "002".to_string()]));
}

#[test]
fn statements_that_share_a_topic_are_not_merged() {
    let rows = run(&["--speaker", "Dmitry Peskov"]);
    let round = statement_of(&rows, "this second round will take place");
    // said on Monday 26 January about next week, not the same statement
    assert_ne!(statement_of(&rows, "planned for next week, again in Abu Dhabi"), round);
    assert_ne!(statement_of(&rows, "Russia continues its efforts"), statement_of(&rows, "Zelensky offers contacts"));
    assert_ne!(
        statement_of(&rows, "Our position is crystal clear"),
        statement_of(&rows, "Our position is extremely clear")
    );
}

#[test]
fn filters_and_the_markdown_timeline() {
    let rows = run(&["--speaker", "Zelenskiy"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["speaker"] == "Volodymyr Zelenskyy"), "an alias selects the canonical speaker");
    let rows = run(&["--since", "2026-02-04"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["first_said_on"].as_str() >= "2026-02-04"));
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .args(["compare", "tests/data/articles", "--speaker", "Peskov", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Dmitry Peskov"), "{md}");
    // the 001 quote said on Monday 2 February is repeated by 002 the same day
    assert!(md.contains("repeated") || md.matches("**new**").count() > 1, "{md}");
    assert!(md.contains("### 2026-02-02") && md.contains("**new**") && md.contains("2 outlet(s)"), "{md}");
}

#[test]
fn rows_written_by_extract_group_as_the_articles_do() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::TempDir::new().unwrap();
    let rows = dir.path().join("rows.csv");
    let extract = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(&root)
        .args(["extract", "tests/data/articles", "-o"])
        .arg(&rows)
        .output()
        .unwrap();
    assert_eq!(extract.status.code(), Some(0));
    let compare = |input: &std::path::Path| {
        let out = Command::cargo_bin("quotelink")
            .unwrap()
            .current_dir(&root)
            .arg("compare")
            .arg(input)
            .args(["--format", "markdown"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let from_articles = compare(std::path::Path::new("tests/data/articles")); // the `source` column, as extract wrote it
    assert!(from_articles.contains("## Dmitry Peskov"), "{from_articles}");
    let from_rows = compare(&rows);
    assert!(from_rows == from_articles, "compare differs on rows read back:\n{from_rows}");
}

#[test]
fn a_day_that_is_no_date_is_a_usage_error() {
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .args(["compare", "no-such-dir", "--since", "2026-02-30x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"2026-02-30x\" is not a date in the form YYYY-MM-DD"), "the date is checked first: {err}");
}
