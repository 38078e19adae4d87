//! What `check` and `compare` share: reading rows that `extract` wrote
//! (CSV or JSON Lines) and folding text to comparable words.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{Context, bail};
use unicode_normalization::UnicodeNormalization;

/// A row as column name → value (names lower-cased).
pub type RowMap = HashMap<String, String>;

/// Words of `s` for comparison: NFKD-folded to ASCII, lower-cased, runs of
/// letters and digits (quote marks, case, punctuation and spacing ignored).
pub fn fold_words(s: &str) -> impl Iterator<Item = String> {
    let folded: String = s.replace('’', "'").nfkd().filter(char::is_ascii).collect::<String>().to_lowercase();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The rows of a `.csv` file, or of a `.jsonl` file whose lines are rows
/// (they have `speaker` and `quote`). `None` for anything else — articles,
/// directories, JSON Lines of documents. A CSV must have the `need` columns.
/// Whether `path` names a plain JSON Lines file (`.jsonl` or `.ndjson`, any
/// case, not gzipped).
pub fn is_jsonl(path: &Path) -> bool {
    matches!(crate::input::format_of(path), (Some(crate::input::Format::Jsonl), false))
}

/// The lines of a text file that are not blank, with their 1-based numbers;
/// an error names the file (and the line).
pub fn nonblank_lines(path: &Path) -> anyhow::Result<impl Iterator<Item = anyhow::Result<(usize, String)>>> {
    let f = File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let shown = path.display().to_string();
    Ok(BufReader::new(f)
        .lines()
        .enumerate()
        .map(move |(i, line)| line.map(|l| (i + 1, l)).with_context(|| format!("{shown}:{}: read failed", i + 1)))
        .filter(|line| line.as_ref().map_or(true, |(_, l)| !l.trim().is_empty())))
}

pub fn read_row_file(path: &Path, need: &[&str]) -> anyhow::Result<Option<Vec<RowMap>>> {
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".csv") {
        let mut rdr = csv::Reader::from_path(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let header: Vec<String> = rdr
            .headers()
            .with_context(|| format!("{}: no CSV header", path.display()))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        for col in need {
            if !header.iter().any(|h| h == col) {
                bail!("{}: the CSV has no `{col}` column (columns: {})", path.display(), header.join(","));
            }
        }
        let mut out = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.with_context(|| format!("{}:{}: malformed CSV row", path.display(), i + 2))?;
            out.push(header.iter().cloned().zip(rec.iter().map(String::from)).collect());
        }
        return Ok(Some(out));
    }
    if !is_jsonl(path) {
        return Ok(None);
    }
    let mut out = Vec::new();
    for line in nonblank_lines(path)? {
        let (n, line) = line?;
        let m: HashMap<String, serde_json::Value> = match serde_json::from_str(&line) {
            Ok(m) => m,
            Err(_) if out.is_empty() => return Ok(None), // not rows: let the caller read it as documents
            Err(e) => bail!("{}:{n}: malformed JSON row: {e}", path.display()),
        };
        if out.is_empty() && !(m.contains_key("speaker") && m.contains_key("quote")) {
            return Ok(None); // documents, not rows
        }
        out.push(
            m.into_iter().map(|(k, v)| (k, v.as_str().map(String::from).unwrap_or_else(|| v.to_string()))).collect(),
        );
    }
    Ok(Some(out))
}
