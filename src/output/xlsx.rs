//! XLSX output: a real workbook, not a renamed CSV.
//!
//! Sheet `quotes`: the rows, header frozen, autofilter, column widths,
//! wrapped quote text, `date` and `said_on` as date cells, `start`/`end` as
//! numbers, and every text cell written as a string — so no quote can ever
//! become a formula, whatever it begins with. Sheet `speakers`: per speaker,
//! rows per kind, first and last date, and outlets (distinct sources).
//! A sheet holds at most 1,048,575 rows; more is an error, not a truncation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::record::{Column, ColumnType, Record, Value};

const MAX_ROWS: usize = 1_048_575;

/// Excel's limit on the characters of one cell.
pub(super) const MAX_CELL_CHARS: usize = 32_767;

/// A cell's text cut to [`MAX_CELL_CHARS`] with a note saying so (the CSV
/// and JSONL keep it whole); the text itself when it fits.
fn fit_cell(v: &str) -> std::borrow::Cow<'_, str> {
    if v.len() <= MAX_CELL_CHARS || v.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(v);
    }
    let total = v.chars().count();
    let note = format!(" […cut: {total} characters in all]");
    let keep = MAX_CELL_CHARS - note.chars().count();
    std::borrow::Cow::Owned(v.chars().take(keep).chain(note.chars()).collect())
}

/// Whether a cell's text is longer than a worksheet cell holds.
pub(super) fn too_long_for_a_cell(v: &str) -> bool {
    v.len() > MAX_CELL_CHARS && v.chars().count() > MAX_CELL_CHARS
}

fn date_cell(s: &str) -> Option<ExcelDateTime> {
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Write `rows` as a workbook to `path` (the caller makes it atomic).
pub(super) fn write_workbook(rows: &[Record], columns: &[Column], path: &Path) -> std::result::Result<(), String> {
    if rows.len() > MAX_ROWS {
        return Err(format!("{} rows do not fit in one sheet (at most {MAX_ROWS}); use --format csv", rows.len()));
    }
    // (the caller names the output file: `path` is a temporary file)
    build(rows, columns, path).map_err(|e| e.to_string())
}

/// Cell formats shared by the sheets.
struct Formats {
    bold: Format,
    wrap: Format,
    top: Format,
    date: Format,
}

/// The workbook's two sheets.
fn build(rows: &[Record], columns: &[Column], path: &Path) -> std::result::Result<(), XlsxError> {
    let fmt = Formats {
        bold: Format::new().set_bold(),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        top: Format::new().set_align(FormatAlign::Top),
        date: Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Top),
    };
    let mut wb = Workbook::new();
    quotes_sheet(wb.add_worksheet(), rows, columns, &fmt)?;
    speakers_sheet(wb.add_worksheet(), rows, &fmt)?;
    wb.save(path)
}

/// Sheet `quotes`: one row per record, cells typed by their [`Column`].
fn quotes_sheet(
    sheet: &mut Worksheet,
    rows: &[Record],
    columns: &[Column],
    fmt: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name("quotes")?;
    for (c, col) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.name, &fmt.bold)?;
        sheet.set_column_width(c as u16, col.width)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16;
            match (col.ty, r.get(col.field)) {
                (_, Value::Int(n)) => sheet.write_number_with_format(row, c, n as f64, &fmt.top)?,
                (ColumnType::Date, Value::Text(v)) => match date_cell(v) {
                    Some(d) => sheet.write_datetime_with_format(row, c, &d, &fmt.date)?,
                    None => sheet.write_string_with_format(row, c, &*fit_cell(v), &fmt.top)?,
                },
                (_, Value::Text(v)) => sheet.write_string_with_format(
                    row,
                    c,
                    &*fit_cell(v),
                    if col.wrap { &fmt.wrap } else { &fmt.top },
                )?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// Sheet `speakers`: per speaker, rows per kind, first and last date, outlets.
fn speakers_sheet(sp: &mut Worksheet, rows: &[Record], fmt: &Formats) -> std::result::Result<(), XlsxError> {
    // speakers: rows per kind, first and last date, outlets
    #[derive(Default)]
    struct Sum<'a> {
        kinds: [usize; 3],
        first: Option<&'a str>,
        last: Option<&'a str>,
        sources: BTreeSet<&'a str>,
    }
    let mut by: BTreeMap<&str, Sum> = BTreeMap::new();
    for r in rows.iter().filter(|r| !r.speaker.is_empty()) {
        let s = by.entry(&r.speaker).or_default();
        s.kinds[r.kind as usize] += 1;
        if !r.date.is_empty() {
            s.first = Some(s.first.map_or(r.date.as_str(), |f| f.min(r.date.as_str())));
            s.last = Some(s.last.map_or(r.date.as_str(), |l| l.max(r.date.as_str())));
        }
        s.sources.insert(&r.source);
    }
    sp.set_name("speakers")?;
    // (header, width): every column wide enough for its header and a date
    let header = [
        ("speaker", 30.0),
        ("direct", 8.0),
        ("indirect", 9.0),
        ("mixed", 8.0),
        ("rows", 8.0),
        ("first_date", 12.0),
        ("last_date", 12.0),
        ("outlets", 9.0),
    ];
    for (c, (h, width)) in header.iter().enumerate() {
        sp.write_string_with_format(0, c as u16, *h, &fmt.bold)?;
        sp.set_column_width(c as u16, *width)?;
    }
    // the most quoted first (ties by name)
    let mut by: Vec<(&str, Sum)> = by.into_iter().collect();
    by.sort_by(|a, b| b.1.kinds.iter().sum::<usize>().cmp(&a.1.kinds.iter().sum::<usize>()).then(a.0.cmp(b.0)));
    for (i, (name, s)) in by.iter().enumerate() {
        let row = (i + 1) as u32;
        sp.write_string(row, 0, *name)?;
        for k in 0..3 {
            sp.write_number(row, 1 + k as u16, s.kinds[k] as f64)?;
        }
        sp.write_number(row, 4, s.kinds.iter().sum::<usize>() as f64)?;
        for (c, v) in [(5u16, s.first), (6u16, s.last)] {
            if let Some(d) = v.and_then(date_cell) {
                sp.write_datetime_with_format(row, c, &d, &fmt.date)?;
            }
        }
        sp.write_number(row, 7, s.sources.len() as f64)?;
    }
    sp.set_freeze_panes(1, 0)?;
    sp.autofilter(0, 0, by.len() as u32, 7)?;
    Ok(())
}
