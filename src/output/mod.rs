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
    File { tmp: BufWriter<tempfile::NamedTempFile>, target: PathBuf },
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { tmp, .. } => tmp.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
}

/// Writes rows in one format to one destination.
pub struct RowWriter {
    out: Out,
    /// Escape cells a spreadsheet would run as formulas (CSV and JSONL).
    escape: bool,
}

enum Out {
    Csv(Box<csv::Writer<Sink>>),
    Jsonl(Sink),
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

/// Make a complete temporary file the output: sync it, rename it over `target`.
fn commit(tmp: tempfile::NamedTempFile, target: &Path) -> anyhow::Result<()> {
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
                return Ok(RowWriter { out: Out::Xlsx(Vec::new(), temp_beside(p)?, p.to_path_buf()), escape: false });
            }
            Some(p) => Sink::File { tmp: BufWriter::with_capacity(1 << 16, temp_beside(p)?), target: p.to_path_buf() },
        };
        let out = match format {
            OutputFormat::Jsonl => Out::Jsonl(sink),
            _ => {
                let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(sink);
                c.write_record(HEADER)?;
                Out::Csv(Box::new(c))
            }
        };
        Ok(RowWriter { out, escape: false })
    }

    /// Escape cells that a spreadsheet would run as formulas.
    pub fn escape_formulas(mut self, on: bool) -> RowWriter {
        self.escape = on;
        self
    }

    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        let escaped;
        let r = match &self.out {
            // workbook cells are strings: nothing to escape
            Out::Xlsx(..) => r,
            _ if self.escape => {
                let mut e = r.clone();
                for f in [&mut e.speaker, &mut e.quote, &mut e.cue, &mut e.speaker_mention, &mut e.source] {
                    if let std::borrow::Cow::Owned(x) = escape_formula(f) {
                        *f = x;
                    }
                }
                escaped = e;
                &escaped
            }
            _ => r,
        };
        match &mut self.out {
            Out::Csv(c) => {
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
                .map_err(csv_to_io)
            }
            Out::Jsonl(w) => {
                // io::Error::from keeps the kind of an I/O failure (a closed pipe)
                serde_json::to_writer(&mut *w, r).map_err(io::Error::from)?;
                w.write_all(b"\n")
            }
            Out::Xlsx(rows, ..) => {
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
            Out::Csv(c) => c.into_inner().map_err(|e| e.into_error())?,
            Out::Jsonl(s) => s,
        };
        match sink {
            Sink::Stdout(mut w) => w.flush()?,
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
