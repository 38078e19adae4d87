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

use anyhow::{Context, bail};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use crate::record::{HEADER, Record};

const MAX_ROWS: usize = 1_048_575;

fn date_cell(s: &str) -> Option<ExcelDateTime> {
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Write `rows` as a workbook to `path` (the caller makes it atomic).
pub fn write_workbook(rows: &[Record], path: &Path) -> anyhow::Result<()> {
    if rows.len() > MAX_ROWS {
        bail!("{} rows do not fit in one sheet (at most {MAX_ROWS}); use --format csv", rows.len());
    }
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Top);

    let sheet = wb.add_worksheet();
    sheet.set_name("quotes")?;
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let widths = [22.0, 70.0, 11.0, 9.0, 12.0, 24.0, 30.0, 8.0, 8.0, 22.0, 11.0, 11.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        let text = |c: u16, v: &str| (c, v.to_string());
        for (c, v) in [
            text(0, &r.speaker),
            text(3, r.kind.as_str()),
            text(4, &r.cue),
            text(5, &r.speaker_mention),
            text(6, &r.source),
            text(9, &r.rule),
            text(10, &r.cue_class),
        ] {
            sheet.write_string_with_format(row, c, v, &top)?;
        }
        sheet.write_string_with_format(row, 1, &r.quote, &wrap)?;
        for (c, v) in [(2u16, &r.date), (11u16, &r.said_on)] {
            match date_cell(v) {
                Some(d) => sheet.write_datetime_with_format(row, c, &d, &date_fmt)?,
                None => sheet.write_string_with_format(row, c, v, &top)?,
            };
        }
        sheet.write_number_with_format(row, 7, r.start as f64, &top)?;
        sheet.write_number_with_format(row, 8, r.end as f64, &top)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, (HEADER.len() - 1) as u16)?;

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
    let sp = wb.add_worksheet();
    sp.set_name("speakers")?;
    for (c, h) in
        ["speaker", "direct", "indirect", "mixed", "rows", "first_date", "last_date", "outlets"].iter().enumerate()
    {
        sp.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    sp.set_column_width(0, 30)?;
    for (i, (name, s)) in by.iter().enumerate() {
        let row = (i + 1) as u32;
        sp.write_string(row, 0, *name)?;
        for k in 0..3 {
            sp.write_number(row, 1 + k as u16, s.kinds[k] as f64)?;
        }
        sp.write_number(row, 4, s.kinds.iter().sum::<usize>() as f64)?;
        for (c, v) in [(5u16, s.first), (6u16, s.last)] {
            if let Some(d) = v.and_then(date_cell) {
                sp.write_datetime_with_format(row, c, &d, &date_fmt)?;
            }
        }
        sp.write_number(row, 7, s.sources.len() as f64)?;
    }
    sp.set_freeze_panes(1, 0)?;
    sp.autofilter(0, 0, by.len() as u32, 7)?;
    wb.save(path).with_context(|| format!("{}: cannot write workbook", path.display()))?;
    Ok(())
}
