//! `quotelink compare` on a week of invented coverage
//! (`tests/data/compare/`): pairwise precision and recall of the grouping
//! against a gold file written by reading the articles, and how often
//! `said_on` is the day the text gives. See `tests/data/compare/README.md`.

use std::collections::HashMap;
use std::path::PathBuf;

use assert_cmd::Command;

struct Gold {
    article: String,
    speaker: String,
    needle: String,
    statement: String,
    said_on: String,
}

struct Row {
    statement: String,
    speaker: String,
    quote: String,
    source: String,
    said_on: String,
    joined_by: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gold() -> Vec<Gold> {
    let mut rdr = csv::Reader::from_path(root().join("tests/data/compare/gold.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            Gold {
                article: r[0].into(),
                speaker: r[1].into(),
                needle: r[2].into(),
                statement: r[3].into(),
                said_on: r[4].into(),
            }
        })
        .collect()
}

fn compare_rows() -> Vec<Row> {
    let out = Command::cargo_bin("quotelink")
        .unwrap()
        .current_dir(root())
        .args(["compare", "tests/data/compare/articles", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let get = |name: &str| col(name).map_or(String::new(), |k| r[k].to_string());
            Row {
                statement: get("statement"),
                speaker: get("speaker"),
                quote: get("quote"),
                source: get("source").replace('\\', "/"),
                said_on: get("said_on"),
                joined_by: get("joined_by"),
            }
        })
        .collect()
}

/// The figures, and a line per report for a reader.
struct Score {
    precision: f64,
    recall: f64,
    said_on: f64,
    lines: Vec<String>,
}

fn score() -> Score {
    let gold = gold();
    let rows = compare_rows();
    // each report's rows
    let found: Vec<Vec<&Row>> = gold
        .iter()
        .map(|g| {
            rows.iter()
                .filter(|r| r.source.ends_with(&format!("/{}", g.article)))
                .filter(|r| r.speaker == g.speaker && r.quote.contains(&g.needle))
                .collect()
        })
        .collect();
    let mut lines = Vec::new();
    let (mut tp, mut predicted, mut actual) = (0, 0, 0);
    for a in 0..gold.len() {
        for b in a + 1..gold.len() {
            let same_gold = gold[a].statement == gold[b].statement;
            let together = found[a].iter().any(|x| found[b].iter().any(|y| x.statement == y.statement));
            actual += usize::from(same_gold);
            predicted += usize::from(together);
            tp += usize::from(same_gold && together);
            if same_gold != together {
                lines.push(format!(
                    "{} {} [{}] {:?} / [{}] {:?}",
                    if together { "FALSE PAIR" } else { "MISSED PAIR" },
                    gold[a].statement,
                    gold[a].article,
                    gold[a].needle,
                    gold[b].article,
                    gold[b].needle
                ));
            }
        }
    }
    let (mut dated, mut right) = (0, 0);
    for (g, rows) in gold.iter().zip(&found) {
        let how: Vec<String> =
            rows.iter().map(|r| format!("{}:{:?}:{}", r.statement, r.said_on, r.joined_by)).collect();
        lines.push(format!("report {} [{}] {:?}: {}", g.statement, g.article, g.needle, how.join(" ")));
        if g.said_on.is_empty() {
            continue;
        }
        dated += 1;
        if !rows.is_empty() && rows.iter().all(|r| r.said_on == g.said_on) {
            right += 1;
        } else {
            lines.push(format!("SAID_ON {} [{}] {:?}: want {}", g.statement, g.article, g.needle, g.said_on));
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Score { precision: share(tp, predicted), recall: share(tp, actual), said_on: share(right, dated), lines }
}

#[test]
fn a_week_of_coverage_is_grouped_as_a_reader_groups_it() {
    let s = score();
    let summary = format!(
        "precision {:.3}, recall {:.3}, said_on {:.3}\n{}",
        s.precision,
        s.recall,
        s.said_on,
        s.lines.join("\n")
    );
    println!("{summary}");
    assert!(s.precision >= 0.95, "{summary}");
    assert!(s.recall >= 0.80, "{summary}");
    assert!(s.said_on >= 0.90, "{summary}");
}

#[test]
fn every_gold_report_has_an_article() {
    let articles = root().join("tests/data/compare/articles");
    let mut outlets: HashMap<String, usize> = HashMap::new();
    for g in gold() {
        let text = std::fs::read_to_string(articles.join(&g.article)).unwrap();
        assert!(text.contains(&g.needle), "{} does not hold {:?}", g.article, g.needle);
        *outlets.entry(g.article.split('/').next().unwrap().to_string()).or_default() += 1;
    }
    assert!(outlets.len() >= 12, "at least 12 outlets: {outlets:?}");
}
