//! News as it is stored (issue 16): article tables (CSV, TSV, XLSX) with
//! differently named columns, JSON Lines with mapped fields, the metadata
//! columns (`title`, `url`, `outlet`) at the end of every row, HTML pages
//! and WARC archives. Every fixture is written here, and the expected rows
//! were written by reading the fixture, before running the tool.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

mod common;

use common::{quotelink, text};
use tempfile::TempDir;

/// The rows of a run as maps from column name to cell.
fn rows(csv_bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(csv_bytes);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// Run `quotelink extract ARGS…` in `dir`: (exit code, rows, stderr).
fn extract(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<HashMap<String, String>>, String) {
    let out = quotelink(dir).arg("extract").args(args).output().unwrap();
    (out.status.code(), rows(&out.stdout), text(&out.stderr))
}

/// The (speaker, quote, date, title, url, outlet) of each row.
fn summary(rows: &[HashMap<String, String>]) -> Vec<[String; 6]> {
    rows.iter()
        .map(|r| ["speaker", "quote", "date", "title", "url", "outlet"].map(|k| r.get(k).cloned().unwrap_or_default()))
        .collect()
}

fn s6(a: [&str; 6]) -> [String; 6] {
    a.map(String::from)
}

#[test]
fn a_csv_of_articles_is_one_document_per_row_with_its_metadata() {
    let dir = TempDir::new().unwrap();
    // a media-database export: none of the columns is called `text`
    fs::write(
        dir.path().join("export.csv"),
        "Headline,Body,Published,Link,Site\n\
         Talks set,\"\"\"We are ready to talk,\"\" Peskov said.\",2026-02-04,https://www.tass.com/politics/1,TASS\n\
         Envoy lands,\"\"\"The date is fixed,\"\" Rustem Umerov said.\",\"February 5, 2026\",https://www.example.org/world/2,\n",
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["export.csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6([
                "Dmitry Peskov",
                "We are ready to talk,",
                "2026-02-04",
                "Talks set",
                "https://www.tass.com/politics/1",
                "TASS"
            ]),
            s6([
                "Rustem Umerov",
                "The date is fixed,",
                "2026-02-05",
                "Envoy lands",
                "https://www.example.org/world/2",
                "example.org"
            ]),
        ]
    );
    // each row is its own document: offsets index the row's text, the source is FILE:LINE
    assert_eq!((rows[1]["source"].as_str(), rows[1]["start"].as_str()), ("export.csv:3", "1"));
}

#[test]
fn a_tsv_and_a_spreadsheet_with_other_column_names() {
    let dir = TempDir::new().unwrap();
    // TSV quoted as spreadsheets, pandas and quotelink itself write it: a
    // cell holding a `"` is quoted, its marks doubled
    fs::write(
        dir.path().join("feed.tsv"),
        "id\tcontent\tpublish_date\turl\n\
         tsv-1\t\"\"\"We are ready to talk,\"\" Peskov said.\"\t2026-02-04T09:00:00Z\thttps://news.example.com/a\n",
    )
    .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["Article ID", "Story", "Date Published", "Publisher", "Title"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 17.0).unwrap();
    sheet.write_string(1, 1, "\u{201c}The date is fixed,\u{201d} Rustem Umerov said.").unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 2, 5).unwrap();
    sheet.write_datetime_with_format(1, 2, &day, &date).unwrap();
    sheet.write_string(1, 3, "Ukrinform").unwrap();
    sheet.write_string(1, 4, "Envoy lands").unwrap();
    book.save(dir.path().join("sheet.xlsx")).unwrap();

    let (code, rows, err) = extract(dir.path(), &["feed.tsv", "sheet.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6([
                "Dmitry Peskov",
                "We are ready to talk,",
                "2026-02-04",
                "",
                "https://news.example.com/a",
                "news.example.com"
            ]),
            s6(["Rustem Umerov", "The date is fixed,", "2026-02-05", "Envoy lands", "", "Ukrinform"]),
        ]
    );
    assert_eq!((rows[0]["source"].as_str(), rows[1]["source"].as_str()), ("tsv-1", "17"));
}

#[test]
fn columns_named_with_options_and_a_table_without_a_text_column() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("t.csv"), "words,when,paper\n\"\"\"No,\"\" Peskov said.\",2026-02-04,Izvestia\n")
        .unwrap();
    let (code, rows, err) = extract(dir.path(), &["t.csv"]);
    assert_eq!(code, Some(1));
    assert!(rows.is_empty());
    assert!(
        err.contains("t.csv: no text column among the columns \"words\", \"when\", \"paper\"")
            && err.contains("--text-field"),
        "{err}"
    );
    let args = ["t.csv", "--text-column", "words", "--date-field", "when", "--outlet-field", "Paper"];
    let (code, rows, err) = extract(dir.path(), &args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(summary(&rows), vec![s6(["Dmitry Peskov", "No,", "2026-02-04", "", "", "Izvestia"])]);
}

#[test]
fn json_lines_fields_are_mapped_the_same_way() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        concat!(
            r#"{"id":"p1","title":"Talks","publisher":"breitbart","date":"2026-02-04","text":"\"We are ready to talk,\" Peskov said."}"#,
            "\n",
            r#"{"guid":"p2","body":"\"No,\" Peskov said.","published":"2026-02-05","link":"https://www.rt.com/a"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["a.jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6(["Dmitry Peskov", "We are ready to talk,", "2026-02-04", "Talks", "", "breitbart"]),
            s6(["Dmitry Peskov", "No,", "2026-02-05", "", "https://www.rt.com/a", "rt.com"]),
        ]
    );
    assert_eq!(rows[1]["source"], "p2");
    let (code, _, err) = extract(dir.path(), &["a.jsonl", "--text-field", "story"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("a.jsonl:1: no text field (looked for `story`"), "{err}");
}

#[test]
fn bad_table_rows_are_reported_by_line_and_the_others_written() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("bad.csv"),
        "title,text,date\n\
         A,\"\"\"One,\"\" Peskov said.\",2026-02-04\n\
         B,\"\"\"Two,\"\" Peskov said.\",04/02/2026\n\
         C,ragged\n\
         D,\"\"\"Four,\"\" Peskov said.\",2026-02-06\n",
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["bad.csv"]);
    assert_eq!(code, Some(1));
    let quotes: Vec<&str> = rows.iter().map(|r| r["quote"].as_str()).collect();
    assert_eq!(quotes, ["One,", "Four,"]);
    assert!(err.contains("bad.csv:3: date \"04/02/2026\" is not a date"), "{err}");
    assert!(err.contains("bad.csv:4: 2 fields where the header has 3; row skipped"), "{err}");
}

#[test]
fn a_folder_walk_reads_tables_but_not_the_rows_of_an_earlier_run() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("in/tass")).unwrap();
    fs::write(dir.path().join("in/tass/a.txt"), " date 2026-02-04 Talks\n\"We are ready to talk,\" Peskov said.\n")
        .unwrap();
    fs::write(dir.path().join("in/b.txt"), " date 2026-02-05 More\n\"No,\" Peskov said.\n").unwrap();
    let (code, _, err) = extract(dir.path(), &["in", "-o", "in/old-rows.csv"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, rows, err) = extract(dir.path(), &["in"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("old-rows.csv: a table of quotelink rows"), "{err}");
    // a folder inside the walked one names the outlet; the walked folder does not
    assert_eq!(
        summary(&rows),
        vec![
            s6(["Dmitry Peskov", "No,", "2026-02-05", "More", "", ""]),
            s6(["Dmitry Peskov", "We are ready to talk,", "2026-02-04", "Talks", "", "tass"]),
        ]
    );
}
