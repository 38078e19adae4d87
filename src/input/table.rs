//! Article tables: CSV, TSV and spreadsheets (XLSX, and what else
//! `calamine` opens) with one article per row. The header row names the
//! columns; which holds the text, date, id, title, URL and outlet is found
//! by [`FieldNames`]. A table without a text column is an error that lists
//! its columns, never one big article; a table with quotelink's own row
//! columns (`speaker`, `quote`, …: the output of an earlier run) is left
//! out with a warning.
//!
//! A CSV is streamed row by row; a spreadsheet is read whole (its format
//! keeps every cell in one compressed XML part).

use std::borrow::Cow;
use std::io::{Cursor, Read};

use super::fields::{FieldNames, ROLES, Role};
use super::meta::parse_date_cell;
use super::{Diagnostics, Document, ReadOptions};

/// A CSV or TSV table being read row by row.
pub(crate) struct CsvTable {
    reader: csv::Reader<Box<dyn Read>>,
    name: String,
    /// By [`ROLES`] order, the column of each role.
    cols: [Option<usize>; 6],
    width: usize,
    record: csv::ByteRecord,
    /// A read failed: the rest of the table is lost.
    failed: bool,
}

/// Whether a header is the header of quotelink's own rows.
fn is_row_header<'h>(header: impl IntoIterator<Item = &'h str>) -> bool {
    let names: Vec<&str> = header.into_iter().map(str::trim).collect();
    ["speaker", "quote", "kind", "cue"].iter().all(|c| names.contains(c))
}

/// The message for a table without a text column.
fn no_text_column(name: &str, header: &[String], fields: &FieldNames) -> String {
    let listed = header.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>().join(", ");
    format!(
        "{name}: no text column among the columns {listed} (looked for {}; name it with --text-field)",
        fields.looked_for(Role::Text)
    )
}

/// The columns of a table whose header is `header`, or `None` when it is
/// not a table of articles (reported to `diag`).
fn columns_of(
    name: &str,
    header: &[String],
    fields: &FieldNames,
    diag: &mut Diagnostics,
) -> Option<[Option<usize>; 6]> {
    if fields.text.is_none() && is_row_header(header.iter().map(String::as_str)) {
        diag.warn(format!(
            "{name}: a table of quotelink rows (speaker, quote, kind, cue …), not of articles; left out"
        ));
        return None;
    }
    let cols = fields.columns(header.iter().map(String::as_str));
    if cols[Role::Text as usize].is_none() {
        diag.fail(no_text_column(name, header, fields));
        return None;
    }
    for role in ROLES {
        if let Some(chosen) = chosen_missing(fields, role, &cols) {
            diag.warn(format!("{name}: no column {chosen:?} ({}); left empty", role.option()));
        }
    }
    Some(cols)
}

/// The name given for `role` when no column has it.
fn chosen_missing<'f>(fields: &'f FieldNames, role: Role, cols: &[Option<usize>; 6]) -> Option<&'f str> {
    let chosen = match role {
        Role::Text => None,
        Role::Date => fields.date.as_deref(),
        Role::Id => fields.id.as_deref(),
        Role::Title => fields.title.as_deref(),
        Role::Url => fields.url.as_deref(),
        Role::Outlet => fields.outlet.as_deref(),
    };
    chosen.filter(|_| cols[role as usize].is_none())
}

impl CsvTable {
    /// Open a table read from `reader` (`tsv`: tab-separated). Problems go
    /// to `diag` and give `None`.
    pub(crate) fn open(
        reader: Box<dyn Read>,
        name: String,
        tsv: bool,
        opts: &ReadOptions,
        diag: &mut Diagnostics,
    ) -> Option<CsvTable> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if tsv { b'\t' } else { b',' })
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let header: Vec<String> = match reader.byte_headers() {
            Ok(h) => h.iter().map(|c| String::from_utf8_lossy(c).trim_start_matches('\u{feff}').to_string()).collect(),
            Err(e) => {
                diag.fail(format!("{name}: cannot read the header row: {e}"));
                return None;
            }
        };
        if header.iter().all(|h| h.trim().is_empty()) {
            return None; // an empty file: no articles, nothing to warn about
        }
        let cols = columns_of(&name, &header, &opts.fields, diag)?;
        let width = header.len();
        Some(CsvTable { reader, name, cols, width, record: csv::ByteRecord::new(), failed: false })
    }

    /// The next row's document, or `None` at the end of the table; a
    /// row's problems go to `diag` (and give `Some(None)`).
    pub(crate) fn next_document(&mut self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Option<Document>> {
        if self.failed {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                let at = format!("{}:{line}", self.name);
                if self.record.len() != self.width {
                    if self.record.len() == 1 && self.record[0].is_empty() {
                        return Some(None); // a blank line
                    }
                    diag.fail(format!(
                        "{at}: {} fields where the header has {}; row skipped",
                        self.record.len(),
                        self.width
                    ));
                    return Some(None);
                }
                let record = &self.record;
                if self.cols.iter().flatten().any(|&i| std::str::from_utf8(&record[i]).is_err()) {
                    if opts.strict {
                        diag.fail(format!("{at}: invalid UTF-8 (rejected by --strict)"));
                        return Some(None);
                    }
                    diag.warn(format!("{at}: invalid UTF-8 replaced with U+FFFD"));
                }
                let cell = |i: usize| -> Option<Cow<'_, str>> { record.get(i).map(String::from_utf8_lossy) };
                Some(row_document(&at, &self.cols, cell, &|_| None, opts, diag))
            }
            Err(e) => {
                self.failed = true;
                let at = e.position().map_or_else(|| self.name.clone(), |p| format!("{}:{}", self.name, p.line()));
                diag.fail(format!("{at}: cannot read the table: {e}; the rest of the file is skipped"));
                Some(None)
            }
        }
    }
}

/// The document of one table row (`at` is `path:line`). `cell(i)` is the
/// text of column `i`; `date_cell(i)` a date the cell holds as a date (a
/// spreadsheet's date cell). An empty text gives `None` quietly; a bad date
/// is an error.
fn row_document<'r>(
    at: &str,
    cols: &[Option<usize>; 6],
    cell: impl Fn(usize) -> Option<Cow<'r, str>>,
    date_cell: &dyn Fn(usize) -> Option<String>,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Option<Document> {
    let get = |role: Role| -> Option<Cow<'r, str>> {
        let c = cell(cols[role as usize]?)?;
        (!c.trim().is_empty()).then_some(c)
    };
    let text = get(Role::Text)?.into_owned();
    if text.trim().is_empty() {
        return None;
    }
    let date = match cols[Role::Date as usize].and_then(date_cell) {
        Some(d) => Some(d),
        None => match get(Role::Date) {
            None => None,
            Some(s) => match parse_date_cell(&s) {
                Some(d) => Some(d),
                None => {
                    diag.fail(format!(
                        "{at}: date {s:?} is not a date (YYYY-MM-DD, RFC 3339 or `February 4, 2026`); row skipped"
                    ));
                    return None;
                }
            },
        },
    };
    let source = get(Role::Id).map_or_else(|| at.to_string(), |s| s.trim().to_string());
    let title = get(Role::Title).map(|s| s.trim().to_string());
    let url = get(Role::Url).map(|s| s.trim().to_string());
    let site = get(Role::Outlet);
    Some(super::record_document(at, source, date, title, url, site.as_deref(), text, opts, diag))
}

/// Read a spreadsheet (XLSX, XLSM, XLS, ODS) whole from `reader`: the
/// documents of its first sheet with a text column, in row order, with
/// each row's problems in `diag` as they come (`emit` gets both in order).
pub(crate) fn read_workbook(
    mut reader: impl Read,
    name: &str,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Document, super::Diagnostic>),
) {
    use calamine::{Data, Reader as _};
    let mut diag = Diagnostics::default();
    let flush = |diag: &mut Diagnostics, emit: &mut dyn FnMut(Result<Document, super::Diagnostic>)| {
        for d in diag.drain() {
            emit(Err(d));
        }
    };
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        diag.fail(format!("{name}: read failed: {e}"));
        return flush(&mut diag, emit);
    }
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diag.fail(format!("{name}: not a spreadsheet this tool reads (XLSX, XLS, ODS): {e}"));
            return flush(&mut diag, emit);
        }
    };
    let sheets = book.sheet_names();
    let mut first_header: Option<Vec<String>> = None;
    for (n, sheet) in sheets.iter().enumerate() {
        let range = match book.worksheet_range_at(n) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                diag.fail(format!("{name}: sheet {sheet:?}: {e}"));
                continue;
            }
            None => continue,
        };
        let (row0, _) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows().enumerate();
        // the header: the first row with any cell filled
        let Some((_, header)) = rows.by_ref().find(|(_, r)| r.iter().any(|c| !matches!(c, Data::Empty))) else {
            continue;
        };
        let text_of = |c: &Data| -> String {
            match c {
                Data::Empty | Data::Error(_) => String::new(),
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                other => other.to_string(),
            }
        };
        let header: Vec<String> = header.iter().map(text_of).collect();
        let cols = opts.fields.columns(header.iter().map(String::as_str));
        if cols[Role::Text as usize].is_none() && !is_row_header(header.iter().map(String::as_str)) {
            first_header.get_or_insert(header);
            continue;
        }
        let label = if sheets.len() > 1 { format!("{name} (sheet {sheet:?})") } else { name.to_string() };
        let Some(cols) = columns_of(&label, &header, &opts.fields, &mut diag) else {
            return flush(&mut diag, emit);
        };
        flush(&mut diag, emit);
        for (i, row) in rows {
            let at = format!("{label}: row {}", row0 as usize + i + 1);
            let cell = |c: usize| row.get(c).map(|d| Cow::Owned(text_of(d)));
            let date_cell = |c: usize| match row.get(c) {
                Some(Data::DateTime(dt)) if dt.is_datetime() => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    super::Date::from_ymd(y.into(), m.into(), d.into()).map(|d| d.to_string())
                }
                _ => None,
            };
            let doc = row_document(&at, &cols, cell, &date_cell, opts, &mut diag);
            flush(&mut diag, emit);
            if let Some(doc) = doc {
                emit(Ok(doc));
            }
        }
        return;
    }
    let header = first_header.unwrap_or_default();
    diag.fail(no_text_column(name, &header, &opts.fields));
    flush(&mut diag, emit);
}
