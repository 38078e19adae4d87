//! Reading rows that `extract` wrote (CSV, or JSON Lines whose lines are
//! rows), and folding text to comparable words: what [`crate::eval`]
//! (`check`) and [`crate::statements`] (`compare`) share.
//!
//! Errors name the file, and the line when there is one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// A row being read: its value in a column, by lower-case name. A CSV
/// record is read in place (no map per row: a million rows stay small); a
/// JSON value that is not a string is its JSON text.
pub(crate) enum RowFields<'a> {
    Csv { header: &'a [String], record: &'a csv::StringRecord },
    Json(&'a HashMap<String, serde_json::Value>),
}

impl RowFields<'_> {
    /// The value in column `name` (the last of that name), or empty.
    pub(crate) fn get(&self, name: &str) -> String {
        match self {
            RowFields::Csv { header, record } => {
                header.iter().rposition(|h| h == name).and_then(|i| record.get(i)).unwrap_or("").to_string()
            }
            RowFields::Json(m) => {
                m.get(name).map(|v| v.as_str().map(String::from).unwrap_or_else(|| v.to_string())).unwrap_or_default()
            }
        }
    }

    /// Whether the row has column `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        match self {
            RowFields::Csv { header, .. } => header.iter().any(|h| h == name),
            RowFields::Json(m) => m.contains_key(name),
        }
    }
}

/// Words of `s` for comparison: NFKD-folded (accents dropped: `é` → `e`,
/// `ё` → `е`), lower-cased, runs of letters and digits (quote marks, case,
/// punctuation and spacing ignored). Latin text folds to ASCII; letters of
/// other scripts (Cyrillic, Greek, …: U+0370 on) are kept, so that Russian
/// and Ukrainian quotes are compared by their words too.
pub(crate) fn fold_words(s: &str) -> impl Iterator<Item = String> {
    let kept = |c: &char| c.is_ascii() || (*c >= '\u{370}' && c.is_alphanumeric());
    let folded: String = s.replace('’', "'").nfkd().filter(kept).collect::<String>().to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect::<Vec<_>>()
        .into_iter()
}

/// Whether `path` names a plain JSON Lines file (`.jsonl` or `.ndjson`, any
/// case, not gzipped).
pub(crate) fn is_jsonl(path: &Path) -> bool {
    matches!(crate::input::format_of(path), (Some(crate::input::Format::Jsonl), false))
}

/// An error about `path` (and its 1-based `line`, when given).
pub(crate) fn input_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Input { path: path.display().to_string(), line: line.map(|n| n as u64), byte: None, message: message.into() }
}

/// The lines of a text file that are not blank, with their 1-based numbers.
/// Opening fails with [`Error::Io`]; a line that cannot be read (not UTF-8)
/// with [`Error::Input`] naming the line.
pub(crate) fn nonblank_lines(path: &Path) -> Result<impl Iterator<Item = Result<(usize, String)>>> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    let path = path.to_path_buf();
    Ok(BufReader::new(f)
        .lines()
        .enumerate()
        .map(move |(i, line)| {
            line.map(|l| (i + 1, l)).map_err(|e| input_error(&path, Some(i + 1), format!("read failed: {e}")))
        })
        .filter(|line| line.as_ref().map_or(true, |(_, l)| !l.trim().is_empty())))
}

/// The rows of a `.csv` file, or of a `.jsonl` file whose lines are rows
/// (they have `speaker` and `quote`), each made by `make` as it is read.
/// `None` for anything else — articles, directories, JSON Lines of
/// documents. A CSV must have the `need` columns.
pub(crate) fn read_row_file<T>(
    path: &Path,
    need: &[&str],
    make: impl FnMut(&RowFields) -> T,
) -> Result<Option<Vec<T>>> {
    if path.to_string_lossy().to_lowercase().ends_with(".csv") {
        return read_csv_rows(path, need, make).map(Some);
    }
    if !is_jsonl(path) {
        return Ok(None);
    }
    read_jsonl_rows(path, make)
}

fn read_csv_rows<T>(path: &Path, need: &[&str], mut make: impl FnMut(&RowFields) -> T) -> Result<Vec<T>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut rdr = csv::Reader::from_reader(file);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| input_error(path, None, format!("no CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    for col in need {
        if !header.iter().any(|h| h == col) {
            let message = format!("the CSV has no `{col}` column (columns: {})", header.join(","));
            return Err(input_error(path, None, message));
        }
    }
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut i = 0;
    loop {
        // the line of a one-line record (the header is line 1)
        match rdr.read_record(&mut record) {
            Ok(true) => out.push(make(&RowFields::Csv { header: &header, record: &record })),
            Ok(false) => break,
            Err(e) => return Err(input_error(path, Some(i + 2), format!("malformed CSV row: {e}"))),
        }
        i += 1;
        if i == 1000 {
            // room for the rest at once, by the size of the first rows (a
            // million rows are not copied at every doubling)
            let per_row = rdr.position().byte().max(1) / 1000;
            out.reserve((size / per_row) as usize / 10 * 11);
        }
    }
    Ok(out)
}

/// Rows of a JSON Lines file, or `None` when its first line is not a row
/// (documents, to be read as articles).
fn read_jsonl_rows<T>(path: &Path, mut make: impl FnMut(&RowFields) -> T) -> Result<Option<Vec<T>>> {
    let mut out: Vec<T> = Vec::new();
    for line in nonblank_lines(path)? {
        let (n, line) = line?;
        let m: HashMap<String, serde_json::Value> = match serde_json::from_str(&line) {
            Ok(m) => m,
            Err(_) if out.is_empty() => return Ok(None), // not rows: let the caller read it as documents
            Err(e) => return Err(input_error(path, Some(n), format!("malformed JSON row: {e}"))),
        };
        if out.is_empty() && !(m.contains_key("speaker") && m.contains_key("quote")) {
            return Ok(None); // documents, not rows
        }
        out.push(make(&RowFields::Json(&m)));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_marks_case_and_accents() {
        let w: Vec<String> = fold_words("“Zelenskyy’s plan,” — Café 2026!").collect();
        assert_eq!(w, ["zelenskyy", "s", "plan", "cafe", "2026"]);
        // Cyrillic words are words too (ё folds to е), for check and compare
        // on Russian and Ukrainian quotes
        let w: Vec<String> = fold_words("«Заявил»: мы ждём — Пєсков").collect();
        assert_eq!(w, ["заявил", "мы", "ждем", "пєсков"]);
        // Latin letters with no ASCII base are dropped, as before
        assert_eq!(fold_words("Straße").collect::<Vec<_>>(), ["strae"]);
    }

    #[test]
    fn a_malformed_csv_row_names_file_and_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("g.csv");
        std::fs::write(&p, "speaker,quote,source\nA,b,c\nA,b\n").unwrap();
        let e = read_row_file(&p, &["quote"], |r| r.get("quote")).unwrap_err();
        assert!(matches!(&e, Error::Input { line: Some(3), .. }), "{e:?}");
        assert!(e.to_string().starts_with(&format!("{}:3: malformed CSV row", p.display())), "{e}");
    }

    #[test]
    fn jsonl_documents_are_not_rows() {
        let dir = tempfile::TempDir::new().unwrap();
        let docs = dir.path().join("d.jsonl");
        std::fs::write(&docs, "{\"id\": \"a\", \"text\": \"x\"}\n").unwrap();
        assert!(read_row_file(&docs, &[], |r| r.get("text")).unwrap().is_none());
        let rows = dir.path().join("r.jsonl");
        std::fs::write(&rows, "{\"speaker\": \"A\", \"quote\": \"q\", \"start\": 3}\n\n").unwrap();
        let got = read_row_file(&rows, &[], |r| (r.get("start"), r.has("quote"), r.has("end"))).unwrap().unwrap();
        assert_eq!(got.len(), 1, "blank lines are skipped");
        assert_eq!(got[0], ("3".to_string(), true, false), "non-string values keep their JSON text");
    }
}
