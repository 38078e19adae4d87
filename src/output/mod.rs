//! Sinks for the rows: CSV (RFC 4180, UTF-8, header), TSV and JSON Lines
//! ([`RowWriter`]), Excel workbooks ([`Workbook`]), to standard output or to
//! a file written atomically (a temporary file beside the target, renamed
//! over it only when every row is written; a device or FIFO is written in
//! place). Columns follow [`crate::record::COLUMNS`], or a chosen list of them.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::pipeline::{Encoder, PassRecords, Sink};
use crate::record::{COLUMNS, Column, Record, Value};
use crate::{Error, Result};

mod xlsx;

/// The formats rows can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row: CSV with a tab for the
    /// comma (a cell holding a tab, a newline or a `"` is quoted as in CSV,
    /// so every cell survives a round trip through pandas or R).
    Tsv,
    /// One JSON object per row, same field names as the CSV header.
    Jsonl,
    /// An Excel workbook (needs -o FILE): a `quotes` sheet and a `speakers`
    /// summary; every text cell is a string, never a formula.
    Xlsx,
}

impl OutputFormat {
    /// The format a file name asks for by its extension (`.csv`, `.tsv`,
    /// `.tab`, `.jsonl`, `.ndjson`, `.xlsx`; any case), or `None` for another
    /// or no extension.
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(OutputFormat::Csv),
            "tsv" | "tab" => Some(OutputFormat::Tsv),
            "jsonl" | "ndjson" => Some(OutputFormat::Jsonl),
            "xlsx" => Some(OutputFormat::Xlsx),
            _ => None,
        }
    }

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Tsv => "tsv",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Xlsx => "xlsx",
        }
    }
}

/// An output error that names its file and what failed (`p: what: e`).
fn output_error(p: &Path, what: &str, e: impl std::fmt::Display) -> Error {
    Error::Output { message: format!("{}: {what}: {e}", p.display()) }
}

/// A write to the output that failed (a closed pipe, a full disk).
fn write_error(e: io::Error) -> Error {
    Error::Io { path: None, source: e }
}

/// Where encoded bytes go.
enum Dest {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    /// A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe):
    /// written in place, since renaming a file over it would replace it.
    Special(BufWriter<std::fs::File>),
}

impl Write for Dest {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Dest::Stdout(w) => w.write(buf),
            Dest::File { tmp, .. } => tmp.write(buf),
            Dest::Special(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Dest::Stdout(w) => w.flush(),
            Dest::File { tmp, .. } => tmp.flush(),
            Dest::Special(w) => w.flush(),
        }
    }
}

/// Whether `p` exists and is neither a regular file nor a directory (after
/// symbolic links): a device, a FIFO or a socket, which must be written in
/// place, never replaced.
fn is_special(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

fn open_special(p: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(p).map_err(|e| output_error(p, "cannot open for writing", e))
}

/// Writes rows as CSV, TSV or JSON Lines to one destination: a [`Sink`]
/// whose encoder makes the bytes on the worker threads.
pub struct RowWriter {
    dest: Dest,
    encoder: RowEncoder,
    /// The CSV/TSV header is still to be written (it follows the columns,
    /// which may be chosen after `create`).
    header_due: bool,
}

/// Turns rows into the bytes of CSV or TSV records (no header) or JSON
/// lines. Cheap to clone and thread-safe, so rows can be encoded in parallel
/// and only the bytes written in order.
#[derive(Debug, Clone)]
pub struct RowEncoder {
    format: OutputFormat,
    /// Escape cells a spreadsheet would run as formulas.
    escape: bool,
    /// The columns written, in order (all of [`COLUMNS`] unless chosen).
    columns: Arc<[Column]>,
}

impl RowEncoder {
    /// Append the encoding of `rows`, in order, to `out`.
    pub fn encode<'r>(&self, rows: impl IntoIterator<Item = &'r Record>, out: &mut Vec<u8>) -> io::Result<()> {
        let cols = &*self.columns;
        match (self.format, self.escape) {
            (OutputFormat::Jsonl, false) if cols.len() == COLUMNS.len() => {
                rows.into_iter().try_for_each(|r| json_line(r, &mut *out))
            }
            (OutputFormat::Jsonl, false) => {
                rows.into_iter().try_for_each(|r| json_line(&r.serialize_columns(cols, unescaped), &mut *out))
            }
            (OutputFormat::Jsonl, true) => {
                rows.into_iter().try_for_each(|r| json_line(&r.serialize_columns(cols, escape_formula), &mut *out))
            }
            _ => {
                // written straight into `out`, byte for byte as the csv
                // crate writes them (see `push_field`): no second buffer, and
                // a field is searched for the bytes that need quotes with
                // memchr, not a byte at a time
                let delimiter = if self.format == OutputFormat::Tsv { b'\t' } else { b',' };
                for r in rows {
                    delimited_record(out, r, cols, self.escape, delimiter);
                }
                Ok(())
            }
        }
    }
}

/// A CSV writer (no header) for `format`: commas, or tabs for TSV.
fn delimited<W: Write>(format: OutputFormat, out: W) -> csv::Writer<W> {
    let delimiter = if format == OutputFormat::Tsv { b'\t' } else { b',' };
    csv::WriterBuilder::new().has_headers(false).delimiter(delimiter).from_writer(out)
}

fn unescaped(s: &str) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(s)
}

impl Encoder for RowEncoder {
    type Output = Vec<u8>;

    fn encode(&self, rows: Vec<Record>) -> Result<Vec<u8>> {
        // (the header, if due, is written by the sink before these bytes)
        let mut bytes = Vec::with_capacity(rows.len() * 256);
        RowEncoder::encode(self, &rows, &mut bytes).map_err(write_error)?;
        Ok(bytes)
    }
}

fn json_line(r: &impl serde::Serialize, out: &mut Vec<u8>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r).map_err(io::Error::from)?;
    out.push(b'\n');
    Ok(())
}

/// Append one row as a CSV (or TSV) record, its cells in the order of
/// `columns`, as the csv crate writes it by default: fields quoted only when
/// they hold the delimiter, a quote, `\r` or `\n`; a quote inside doubled; a
/// record of one empty field written `""`; `\n` after it.
fn delimited_record(out: &mut Vec<u8>, r: &Record, columns: &[Column], escape: bool, delimiter: u8) {
    let start = out.len();
    for (i, col) in columns.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        match r.get(col.field) {
            Value::Text(s) if escape => push_field(out, escape_formula(s).as_bytes(), delimiter),
            Value::Text(s) => push_field(out, s.as_bytes(), delimiter),
            Value::Int(n) => {
                let mut buf = [0u8; 20];
                out.extend_from_slice(format_int(n, &mut buf));
            }
        }
    }
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.push(b'\n');
}

/// Append one field, in quotes when it needs them (the csv crate's
/// `QuoteStyle::Necessary` with its default quote and terminator).
fn push_field(out: &mut Vec<u8>, field: &[u8], delimiter: u8) {
    // one pass with no early exit (the compiler vectorises it): most
    // fields are short, where memchr's set-up costs more than the scan
    let special = |c: u8| (c == delimiter) | (c == b'"') | (c == b'\n') | (c == b'\r');
    if !field.iter().fold(false, |any, &c| any | special(c)) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    let mut rest = field;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// The decimal digits of `n`, written at the end of `buf`.
fn format_int(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// The temporary files of outputs not yet complete, so that an interrupted
/// run (Ctrl-C, SIGTERM, SIGHUP) can remove them: see
/// [`remove_unfinished_outputs`].
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Remove the temporary files of every output not yet complete. For a
/// signal handler: the targets themselves are untouched (an interrupted
/// run leaves the previous file, or none), and no `.quotelink-*.tmp` stays
/// beside them.
pub fn remove_unfinished_outputs() {
    let paths = match UNFINISHED.lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

fn note_unfinished(p: &Path, pending: bool) {
    let mut list = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    if pending {
        list.push(p.to_path_buf());
    } else {
        list.retain(|q| q != p);
    }
}

/// The file a symbolic link points at (the output goes there, as with
/// `> LINK`; renaming over the link would replace the link itself), or `p`.
fn through_symlink(p: &Path) -> PathBuf {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()),
        _ => p.to_path_buf(),
    }
}

/// A temporary file beside `p`, to be renamed over it when complete. Like
/// `> FILE`: an existing file keeps its mode; a new one gets 0666 less the
/// umask (tempfile's own default is 0600).
fn temp_beside(p: &Path) -> Result<tempfile::NamedTempFile> {
    if p.is_dir() {
        return Err(Error::Output { message: format!("{}: is a directory, not an output file", p.display()) });
    }
    let dir = match p.parent() {
        // a device or FIFO gets the finished file copied in: build it aside
        _ if is_special(p) => std::env::temp_dir(),
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".quotelink-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // (tempfile's error names the temporary file: the user never chose that
    // name, so the message keeps only the OS's reason)
    let tmp = builder.tempfile_in(&dir).map_err(|e| {
        let reason = match e.kind() {
            io::ErrorKind::NotFound => "no such directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            kind => e.raw_os_error().map_or_else(|| kind.to_string(), |n| io::Error::from_raw_os_error(n).to_string()),
        };
        output_error(p, "cannot create output file", reason)
    })?;
    note_unfinished(tmp.path(), true);
    Ok(tmp)
}

/// Make a complete temporary file the output: sync it, rename it over
/// `target` (or, for a device or FIFO, copy it there).
fn commit(tmp: tempfile::NamedTempFile, target: &Path) -> Result<()> {
    let tmp_path = tmp.path().to_path_buf();
    let done = commit_inner(tmp, target);
    // renamed into place, or (on an error) deleted when dropped
    note_unfinished(&tmp_path, false);
    done
}

fn commit_inner(tmp: tempfile::NamedTempFile, target: &Path) -> Result<()> {
    let failed = |e: io::Error| output_error(target, "cannot write output", e);
    if is_special(target) {
        let mut from = tmp.reopen().map_err(failed)?;
        io::copy(&mut from, &mut open_special(target)?).map_err(failed)?;
        return Ok(());
    }
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Write `bytes` to `p` atomically: a temporary file beside it, renamed
/// over it only when complete.
pub fn write_file_atomically(p: &Path, bytes: &[u8]) -> Result<()> {
    let p = &through_symlink(p);
    let mut tmp = temp_beside(p)?;
    tmp.write_all(bytes).map_err(|e| output_error(p, "cannot write output", e))?;
    commit(tmp, p)
}

/// [`write_file_atomically`] for output written piece by piece: `write` gets
/// a buffered writer on the temporary file, so an output as large as its
/// input is never held in memory whole. An error from `write` leaves `p`
/// untouched and is reported as a write error naming `p`.
pub fn write_file_atomically_with(p: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let p = &through_symlink(p);
    let mut tmp = temp_beside(p)?;
    let failed = |e: io::Error| output_error(p, "cannot write output", e);
    let mut out = io::BufWriter::with_capacity(1 << 16, &mut tmp);
    write(&mut out).and_then(|()| out.flush()).map_err(failed)?;
    drop(out);
    commit(tmp, p)
}

/// OWASP's defence against CSV injection: a cell that a spreadsheet would
/// read as a formula gets a leading apostrophe.
pub(crate) fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

impl RowWriter {
    /// Open a CSV, TSV or JSONL writer to `path` (atomically) or to standard
    /// output; a CSV or TSV starts with its header. A workbook is a
    /// [`Workbook`].
    pub fn create(path: Option<&Path>, format: OutputFormat) -> Result<RowWriter> {
        if format == OutputFormat::Xlsx {
            return Err(Error::Output { message: "a workbook is written by output::Workbook".into() });
        }
        let dest = match path {
            None => Dest::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            Some(p) if is_special(p) => Dest::Special(BufWriter::with_capacity(1 << 16, open_special(p)?)),
            Some(p) => {
                let p = through_symlink(p);
                Dest::File { tmp: BufWriter::with_capacity(1 << 16, temp_beside(&p)?), target: p }
            }
        };
        let encoder = RowEncoder { format, escape: false, columns: COLUMNS.into() };
        Ok(RowWriter { dest, encoder, header_due: format != OutputFormat::Jsonl })
    }

    /// Escape cells that a spreadsheet would run as formulas.
    pub fn escape_formulas(mut self, on: bool) -> RowWriter {
        self.encoder.escape = on;
        self
    }

    /// Write only `columns`, in this order (the header too). An empty list
    /// keeps every column.
    pub fn columns(mut self, columns: &[Column]) -> RowWriter {
        if !columns.is_empty() {
            self.encoder.columns = columns.into();
        }
        self
    }

    /// Write the header if it is still due.
    fn header(&mut self) -> Result<()> {
        if std::mem::take(&mut self.header_due) {
            let mut header = delimited(self.encoder.format, Vec::new());
            header.write_record(self.encoder.columns.iter().map(|c| c.name)).map_err(|e| write_error(csv_to_io(e)))?;
            let header = header.into_inner().map_err(|e| write_error(e.into_error()))?;
            self.dest.write_all(&header).map_err(write_error)?;
        }
        Ok(())
    }

    /// Flush everything; for a file, rename the temporary file over the target.
    pub fn finish(mut self) -> Result<()> {
        self.header()?;
        match self.dest {
            Dest::Stdout(mut w) => w.flush().map_err(write_error),
            Dest::Special(mut w) => w.flush().map_err(write_error),
            Dest::File { tmp, target } => {
                let tmp = tmp.into_inner().map_err(|e| output_error(&target, "cannot write output", e.into_error()))?;
                commit(tmp, &target)
            }
        }
    }
}

impl Sink for RowWriter {
    type Encoder = RowEncoder;

    fn encoder(&self) -> RowEncoder {
        self.encoder.clone()
    }

    fn write(&mut self, bytes: Vec<u8>) -> Result<()> {
        self.header()?;
        self.dest.write_all(&bytes).map_err(write_error)
    }
}

/// Writes rows as an Excel workbook file (see the `xlsx` module docs): a
/// [`Sink`] that keeps the rows and writes the workbook when finished.
pub struct Workbook {
    rows: Vec<Record>,
    columns: Vec<Column>,
    /// Cells cut to fit, one message each.
    warnings: Vec<String>,
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Workbook {
    /// A workbook to be written to `path`, atomically.
    pub fn create(path: &Path) -> Result<Workbook> {
        let path = &through_symlink(path);
        Ok(Workbook {
            rows: Vec::new(),
            columns: COLUMNS.to_vec(),
            warnings: Vec::new(),
            tmp: temp_beside(path)?,
            target: path.to_path_buf(),
        })
    }

    /// Show only `columns` on the `quotes` sheet, in this order (an empty
    /// list keeps every column).
    pub fn columns(mut self, columns: &[Column]) -> Workbook {
        if !columns.is_empty() {
            self.columns = columns.to_vec();
        }
        self
    }

    /// What the rows written so far lose in a workbook: one message per cell
    /// longer than a worksheet cell holds (it is cut, with a note saying so),
    /// naming the document.
    pub fn warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Write the workbook and rename it over the target. An error names the
    /// target, never the temporary file.
    pub fn finish(self) -> Result<()> {
        xlsx::write_workbook(&self.rows, &self.columns, self.tmp.path())
            .map_err(|e| output_error(&self.target, "cannot write workbook", e))?;
        commit(self.tmp, &self.target)
    }
}

impl Sink for Workbook {
    type Encoder = PassRecords;

    fn encoder(&self) -> PassRecords {
        PassRecords
    }

    fn write(&mut self, rows: Vec<Record>) -> Result<()> {
        // workbook cells are strings: nothing to escape
        for r in &rows {
            for col in &self.columns {
                if let Value::Text(v) = r.get(col.field)
                    && xlsx::too_long_for_a_cell(v)
                {
                    self.warnings.push(format!(
                        "{}: a `{}` cell of {} characters is cut to Excel's limit of {} in the workbook \
                         (CSV and JSONL keep it whole)",
                        r.source,
                        col.name,
                        v.chars().count(),
                        xlsx::MAX_CELL_CHARS
                    ));
                }
            }
        }
        self.rows.extend(rows);
        Ok(())
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Kind;

    fn row(quote: &str) -> Record {
        Record {
            speaker: "Dmitry Peskov".into(),
            quote: quote.into(),
            date: "2026-02-04".into(),
            kind: Kind::Direct,
            cue: "said".into(),
            speaker_mention: "Peskov".into(),
            source: "a, b.txt".into(),
            start: 1234567,
            end: 0,
            rule: "direct.cue/name".into(),
            cue_class: "say".into(),
            said_on: String::new(),
            title: "Talks =resumed".into(),
            url: "https://example.com/a".into(),
            outlet: "example.com".into(),
            lang: "en".into(),
        }
    }

    /// Write one row as a CSV record, its cells in the order of `columns`.
    fn csv_record<W: Write>(c: &mut csv::Writer<W>, r: &Record, columns: &[Column], escape: bool) -> csv::Result<()> {
        for col in columns {
            match r.get(col.field) {
                Value::Text(s) if escape => c.write_field(escape_formula(s).as_bytes())?,
                Value::Text(s) => c.write_field(s)?,
                Value::Int(n) => {
                    let mut buf = [0u8; 20];
                    c.write_field(format_int(n, &mut buf))?;
                }
            }
        }
        c.write_record(None::<&[u8]>)
    }

    proptest::proptest! {
        /// The hand-written record writer writes every record byte for
        /// byte as the csv crate does: quotes, delimiters, both line
        /// breaks, tabs, empty fields, other scripts, one column or all.
        #[test]
        fn records_are_written_as_the_csv_crate_writes_them(
            quote in "[a-z \",\r\n\t'=é—]{0,12}",
            speaker in "[A-Za-z\",\t]{0,6}",
            one_column in proptest::bool::ANY,
            escape in proptest::bool::ANY,
            tsv in proptest::bool::ANY,
        ) {
            let mut r = row(&quote);
            r.speaker = speaker;
            let columns: Vec<Column> = if one_column { vec![COLUMNS[0]] } else { COLUMNS.to_vec() };
            let format = if tsv { OutputFormat::Tsv } else { OutputFormat::Csv };
            let mut ours = Vec::new();
            delimited_record(&mut ours, &r, &columns, escape, if tsv { b'\t' } else { b',' });
            let mut c = delimited(format, Vec::new());
            csv_record(&mut c, &r, &columns, escape).unwrap();
            let theirs = c.into_inner().unwrap();
            proptest::prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        }
    }

    #[test]
    fn the_csv_header_is_the_column_table() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rows.csv");
        let mut w = RowWriter::create(Some(&p), OutputFormat::Csv).unwrap();
        let bytes = Encoder::encode(&w.encoder(), vec![row("=SUM(A1)"), row("two")]).unwrap();
        w.write(bytes).unwrap();
        w.finish().unwrap();
        let mut r = csv::Reader::from_path(&p).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(header, names);
        let records: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(records.len(), 2);
        for (c, col) in COLUMNS.iter().enumerate() {
            let want = match row("=SUM(A1)").get(col.field) {
                Value::Text(s) => s.to_string(),
                Value::Int(n) => n.to_string(),
            };
            assert_eq!(&records[0][c], want, "column {}", col.name);
        }
    }

    #[test]
    fn escaping_applies_to_csv_and_json_alike() {
        for format in [OutputFormat::Csv, OutputFormat::Jsonl] {
            let enc = RowEncoder { format, escape: true, columns: COLUMNS.into() };
            let mut out = Vec::new();
            enc.encode(&[row("=SUM(A1)"), row("-1 point")], &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("'=SUM(A1)") && text.contains("'-1 point"), "{format:?}: {text}");
        }
    }

    #[test]
    fn integers_are_written_in_decimal() {
        for n in [0, 7, 10, 1234567, usize::MAX] {
            let mut buf = [0u8; 20];
            assert_eq!(format_int(n, &mut buf), n.to_string().as_bytes());
        }
    }
}
