//! Row writers: CSV (RFC 4180, UTF-8, header) and JSON Lines, to standard
//! output or to a file written atomically (a temporary file beside the
//! target, renamed over it only when every row is written).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::record::{HEADER, Record};

mod xlsx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per row, same field names as the CSV header.
    Jsonl,
    /// An Excel workbook (needs -o FILE): a `quotes` sheet and a `speakers`
    /// summary; every text cell is a string, never a formula.
    Xlsx,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    /// A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe):
    /// written in place, since renaming a file over it would replace it.
    Special(BufWriter<std::fs::File>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { tmp, .. } => tmp.write(buf),
            Sink::Special(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
            Sink::Special(w) => w.flush(),
        }
    }
}

/// Whether `p` exists and is neither a regular file nor a directory (after
/// symbolic links): a device, a FIFO or a socket, which must be written in
/// place, never replaced.
fn is_special(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

fn open_special(p: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(p).with_context(|| format!("{}: cannot open for writing", p.display()))
}

/// Writes rows in one format to one destination.
pub struct RowWriter {
    out: Out,
    encoder: RowEncoder,
}

/// Turns rows into the bytes of CSV records (no header) or JSON lines.
/// Copyable and thread-safe, so rows can be encoded in parallel and only
/// the bytes written in order.
#[derive(Debug, Clone, Copy)]
pub struct RowEncoder {
    format: OutputFormat,
    /// Escape cells a spreadsheet would run as formulas.
    escape: bool,
}

impl RowEncoder {
    /// Append the encoding of `rows`, in order, to `out`.
    pub fn encode<'r>(&self, rows: impl IntoIterator<Item = &'r Record>, out: &mut Vec<u8>) -> io::Result<()> {
        let escaped = |r: &'r Record| -> std::borrow::Cow<'r, Record> {
            if !self.escape {
                return std::borrow::Cow::Borrowed(r);
            }
            let mut e = r.clone();
            for f in [&mut e.speaker, &mut e.quote, &mut e.cue, &mut e.speaker_mention, &mut e.source] {
                if let std::borrow::Cow::Owned(x) = escape_formula(f) {
                    *f = x;
                }
            }
            std::borrow::Cow::Owned(e)
        };
        match self.format {
            OutputFormat::Jsonl => {
                for r in rows {
                    serde_json::to_writer(&mut *out, &*escaped(r)).map_err(io::Error::from)?;
                    out.push(b'\n');
                }
                Ok(())
            }
            _ => {
                // one CSV writer for the batch: it carries a buffer of its own
                let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(out);
                for r in rows {
                    let r = escaped(r);
                    let (start, end) = (r.start.to_string(), r.end.to_string());
                    c.write_record([
                        r.speaker.as_str(),
                        &r.quote,
                        &r.date,
                        r.kind.as_str(),
                        &r.cue,
                        &r.speaker_mention,
                        &r.source,
                        &start,
                        &end,
                        &r.rule,
                        &r.cue_class,
                        &r.said_on,
                    ])
                    .map_err(csv_to_io)?;
                }
                c.flush()
            }
        }
    }
}

enum Out {
    /// CSV or JSON Lines: rows arrive encoded (see [`RowEncoder`]).
    Bytes(Sink),
    /// The rows, written as a workbook when the run finishes.
    Xlsx(Vec<Record>, tempfile::NamedTempFile, PathBuf),
}

/// A temporary file beside `p`, to be renamed over it when complete. Like
/// `> FILE`: an existing file keeps its mode; a new one gets 0666 less the
/// umask (tempfile's own default is 0600).
fn temp_beside(p: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    if p.is_dir() {
        anyhow::bail!("{}: is a directory, not an output file", p.display());
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
    builder.tempfile_in(&dir).with_context(|| format!("{}: cannot create output file", p.display()))
}

/// Make a complete temporary file the output: sync it, rename it over
/// `target` (or, for a device or FIFO, copy it there).
fn commit(tmp: tempfile::NamedTempFile, target: &Path) -> anyhow::Result<()> {
    if is_special(target) {
        let mut from = tmp.reopen().with_context(|| format!("{}: cannot write output", target.display()))?;
        io::copy(&mut from, &mut open_special(target)?)
            .with_context(|| format!("{}: cannot write output", target.display()))?;
        return Ok(());
    }
    tmp.as_file().sync_all().with_context(|| format!("{}: cannot write output", target.display()))?;
    tmp.persist(target).map_err(|e| e.error).with_context(|| format!("{}: cannot write output", target.display()))?;
    Ok(())
}

/// Write `bytes` to `p` atomically: a temporary file beside it, renamed
/// over it only when complete.
pub fn write_file_atomically(p: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut tmp = temp_beside(p)?;
    tmp.write_all(bytes).with_context(|| format!("{}: cannot write output", p.display()))?;
    commit(tmp, p)
}

/// OWASP's defence against CSV injection: a cell that a spreadsheet would
/// read as a formula gets a leading apostrophe.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

impl RowWriter {
    /// Open a writer to `path` (atomically) or to standard output.
    pub fn create(path: Option<&Path>, format: OutputFormat) -> anyhow::Result<RowWriter> {
        let sink = match path {
            None if format == OutputFormat::Xlsx => {
                anyhow::bail!("--format xlsx writes a workbook file: give it with -o FILE.xlsx")
            }
            None => Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            Some(p) if format == OutputFormat::Xlsx => {
                let out = Out::Xlsx(Vec::new(), temp_beside(p)?, p.to_path_buf());
                return Ok(RowWriter { out, encoder: RowEncoder { format, escape: false } });
            }
            Some(p) if is_special(p) => Sink::Special(BufWriter::with_capacity(1 << 16, open_special(p)?)),
            Some(p) => Sink::File { tmp: BufWriter::with_capacity(1 << 16, temp_beside(p)?), target: p.to_path_buf() },
        };
        let mut sink = sink;
        if format == OutputFormat::Csv {
            let mut header = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            header.write_record(HEADER)?;
            sink.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
        }
        Ok(RowWriter { out: Out::Bytes(sink), encoder: RowEncoder { format, escape: false } })
    }

    /// Escape cells that a spreadsheet would run as formulas.
    pub fn escape_formulas(mut self, on: bool) -> RowWriter {
        self.encoder.escape = on;
        self
    }

    /// The encoder of this writer's rows, to run where the rows are made
    /// (on the worker threads); `None` for a workbook, which takes rows.
    pub fn encoder(&self) -> Option<RowEncoder> {
        match self.out {
            Out::Bytes(_) => Some(self.encoder),
            Out::Xlsx(..) => None,
        }
    }

    /// Write rows made by [`RowWriter::encoder`].
    pub fn write_encoded(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.out {
            Out::Bytes(sink) => sink.write_all(bytes),
            Out::Xlsx(..) => Err(io::Error::other("a workbook takes rows, not encoded bytes")),
        }
    }

    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        match &mut self.out {
            Out::Bytes(sink) => {
                let mut buf = Vec::new();
                self.encoder.encode([r], &mut buf)?;
                sink.write_all(&buf)
            }
            Out::Xlsx(rows, ..) => {
                // workbook cells are strings: nothing to escape
                rows.push(r.clone());
                Ok(())
            }
        }
    }

    /// Flush everything; for a file, rename the temporary file over the target.
    pub fn finish(self) -> anyhow::Result<()> {
        let sink = match self.out {
            Out::Xlsx(rows, tmp, target) => {
                xlsx::write_workbook(&rows, tmp.path())
                    .with_context(|| format!("{}: cannot write", target.display()))?;
                return commit(tmp, &target);
            }
            Out::Bytes(s) => s,
        };
        match sink {
            Sink::Stdout(mut w) => w.flush()?,
            Sink::Special(mut w) => w.flush()?,
            Sink::File { tmp, target } => commit(tmp.into_inner().map_err(|e| e.into_error())?, &target)?,
        }
        Ok(())
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
