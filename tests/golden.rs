//! Golden snapshot: byte-exact output of the bundled sample articles.
//!
//! The files in `tests/golden/` are quotelink's own output at the time they
//! were last written: a regression snapshot, not gold annotation (that is
//! `tests/data/gold_*.csv`, written by reading the articles). A refactor
//! keeps this output identical; a deliberate change of output rewrites the
//! snapshot in its own commit that says why:
//!
//! ```sh
//! QUOTELINK_BLESS=1 cargo test --test golden
//! ```

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `quotelink extract tests/data/articles ARGS…` from the repository
/// root (so `source` holds the same relative paths on every machine).
fn extract(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("quotelink")
        .expect("the quotelink binary is built")
        .current_dir(root())
        .args(["extract", "tests/data/articles", "--quiet"])
        .args(args)
        .output()
        .expect("quotelink runs");
    assert!(out.status.success(), "quotelink failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The first line that differs, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want: {w}\n  got:  {g}", i + 1);
        }
    }
    format!("line counts differ: want {}, got {}", want.lines().count(), got.lines().count())
}

fn check(name: &str, got: Vec<u8>) {
    let path: PathBuf = Path::new("tests/golden").join(name);
    let full = root().join(&path);
    if std::env::var_os("QUOTELINK_BLESS").is_some() {
        std::fs::write(&full, &got).expect("write the snapshot");
        return;
    }
    let want = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if want != got {
        let (w, g) = (String::from_utf8_lossy(&want), String::from_utf8_lossy(&got));
        panic!(
            "{} differs from quotelink's output (a deliberate change: QUOTELINK_BLESS=1 cargo test --test golden)\n{}",
            path.display(),
            first_difference(&w, &g)
        );
    }
}

#[test]
fn sample_articles_csv_is_unchanged() {
    check("samples.csv", extract(&[]));
}

#[test]
fn sample_articles_jsonl_is_unchanged() {
    check("samples.jsonl", extract(&["--format", "jsonl"]));
}

#[test]
fn sample_articles_with_unattributed_spans_are_unchanged() {
    check("samples-unattributed.csv", extract(&["--keep-unattributed"]));
}
