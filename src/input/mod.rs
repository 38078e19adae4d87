//! Document readers: text files, JSON Lines (plain or gzip), directories,
//! standard input; and date detection.
//!
//! Every problem is reported through [`Diagnostics`] with the file (and line
//! for JSONL) and the reader goes on with the next document: one bad
//! document never costs the others.

mod date;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use date::{Date, date_from_text, header_len, header_title, normalise_date};

/// One article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the file path as given, or the JSONL `id`.
    pub source: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The title from a header line, when there is one.
    pub title: Option<String>,
    pub text: String,
}

impl Document {
    /// A document from plain text, with its date read from the text.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let (date, title) = date_from_text(&text);
        Document { source: source.into(), date, title, text }
    }
}

/// Warnings and failures met while reading, printed to stderr as they come.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// A progress bar to keep clear of while printing.
    pub bar: Option<indicatif::ProgressBar>,
    /// Inputs (files or JSONL lines) that could not be processed.
    pub failures: usize,
    pub warnings: usize,
    /// Don't print warnings (errors are still printed).
    pub quiet: bool,
    /// Print nothing (library use, tests, fuzzing, worker threads); the
    /// messages are still kept in `log`.
    pub silent: bool,
    /// Every message, in order, without the `quotelink: …:` prefix.
    pub log: Vec<(Level, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Warning,
    Error,
}

impl Diagnostics {
    /// A silent collector, for messages to be replayed later in order.
    pub fn collector() -> Diagnostics {
        Diagnostics { silent: true, ..Diagnostics::default() }
    }

    fn print(&self, m: &str) {
        if self.silent {
            return;
        }
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{m}")),
            None => eprintln!("{m}"),
        }
    }

    pub fn warn(&mut self, msg: impl Into<String>) {
        let msg = msg.into();
        self.warnings += 1;
        if !self.quiet {
            self.print(&format!("quotelink: warning: {msg}"));
        }
        self.log.push((Level::Warning, msg));
    }

    pub fn fail(&mut self, msg: impl Into<String>) {
        let msg = msg.into();
        self.failures += 1;
        self.print(&format!("quotelink: error: {msg}"));
        self.log.push((Level::Error, msg));
    }

    /// Report, counted and printed as if they happened now, the messages
    /// another collector gathered.
    pub fn replay(&mut self, other: Diagnostics) {
        for (level, msg) in other.log {
            match level {
                Level::Warning => self.warn(msg),
                Level::Error => self.fail(msg),
            }
        }
    }
}

/// What a reader hands on: a document, or a JSON line still to be parsed
/// (parsing is the costly part of reading, so it is left to the worker
/// threads; see [`parse_json_line`]).
#[derive(Debug)]
pub enum Item {
    Doc(Document),
    JsonLine {
        /// `path:line`, for messages and for a document without an `id`.
        at: String,
        bytes: Vec<u8>,
    },
}

impl Item {
    /// The size of the item's input, for progress.
    pub fn len(&self) -> usize {
        match self {
            Item::Doc(d) => d.text.len(),
            Item::JsonLine { bytes, .. } => bytes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document, parsing a JSON line; problems go to `diag`.
    pub fn into_document(self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Document> {
        match self {
            Item::Doc(d) => Some(d),
            Item::JsonLine { at, bytes } => parse_json_line(&at, bytes, opts, diag),
        }
    }
}

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file.
    Text,
    /// One JSON document per line.
    Jsonl,
}

/// Reading options that apply to every input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Date for documents that carry none.
    pub default_date: Option<String>,
    /// Force the format of every input (otherwise from the file name; for
    /// standard input, JSONL when the first non-blank byte is `{`).
    pub format: Option<Format>,
    /// Reject invalid UTF-8 instead of replacing it.
    pub strict: bool,
}

/// A file or standard input, with how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `None` is standard input.
    pub path: Option<PathBuf>,
    pub gzip: bool,
    pub format: Option<Format>,
}

impl Source {
    pub fn name(&self) -> String {
        self.path.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }
}

/// The format a file name says (`.jsonl`/`.ndjson`, `.txt`/`.text`, any
/// case), and whether it ends in `.gz`.
pub(crate) fn format_of(path: &Path) -> (Option<Format>, bool) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let (base, gz) = match name.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (name, false),
    };
    let f = if base.ends_with(".jsonl") || base.ends_with(".ndjson") {
        Some(Format::Jsonl)
    } else if base.ends_with(".txt") || base.ends_with(".text") {
        Some(Format::Text)
    } else {
        None
    };
    (f, gz)
}

/// Expand command-line paths into sources: directories are walked
/// recursively (in file-name order) for `.txt`, `.jsonl`, `.ndjson` and
/// their `.gz` forms; a file named directly is read whatever its name.
pub fn expand_paths(paths: &[PathBuf], diag: &mut Diagnostics) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source { path: None, gzip: false, format: None });
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                diag.fail(format!("{}: {}", p.display(), io_reason(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let before = out.len();
            let walker = walkdir::WalkDir::new(p).sort_by_file_name().follow_links(true);
            for entry in walker {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        let at = e.path().map_or_else(|| p.display().to_string(), |x| x.display().to_string());
                        let reason = e.io_error().map_or_else(|| e.to_string(), io_reason);
                        diag.fail(format!("{at}: {reason}"));
                        continue;
                    }
                };
                if !entry.file_type().is_file() || entry.file_name().to_str().is_some_and(|n| n.starts_with('.')) {
                    continue;
                }
                let (format, gzip) = format_of(entry.path());
                if format.is_some() {
                    out.push(Source { path: Some(entry.into_path()), gzip, format });
                }
            }
            if out.len() == before {
                diag.warn(format!("{}: directory holds no .txt or .jsonl files", p.display()));
            }
        } else {
            let (format, gzip) = format_of(p);
            out.push(Source { path: Some(p.clone()), gzip, format });
        }
    }
    out
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[derive(Deserialize)]
struct JsonDoc {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<serde_json::Value>,
}

/// Decode bytes as UTF-8, replacing invalid sequences, with a warning that
/// names the first bad byte offset.
/// Decode bytes as UTF-8. Invalid sequences are replaced with U+FFFD and a
/// warning names the first bad byte offset; with `strict`, the input is
/// rejected instead (`None`, counted as a failure).
fn decode(bytes: Vec<u8>, name: &str, strict: bool, diag: &mut Diagnostics) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let off = e.utf8_error().valid_up_to();
            if strict {
                diag.fail(format!("{name}: invalid UTF-8 at byte offset {off} (rejected by --strict)"));
                return None;
            }
            diag.warn(format!(
                "{name}: invalid UTF-8 at byte offset {off}; invalid bytes replaced with U+FFFD (offsets refer to the decoded text)"
            ));
            Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}

/// A file with a NUL byte in its first 8 KiB is binary (an image, a PDF, a
/// database), not an article.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Read every document of `src`, calling `emit` for each. Problems go to
/// `diag`; an error from `emit` (e.g. the output failed) stops reading and
/// is returned.
pub fn read_source(
    src: &Source,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    emit: &mut dyn FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let name = src.name();
    let raw: Box<dyn Read> = match &src.path {
        None => Box::new(io::stdin().lock()),
        Some(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                diag.fail(format!("{name}: {}", io_reason(&e)));
                return Ok(());
            }
        },
    };
    let reader: Box<dyn Read> = if src.gzip { Box::new(flate2::read::MultiGzDecoder::new(raw)) } else { raw };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let format = match opts.format.or(src.format) {
        Some(f) => f,
        None => {
            // Sniff: JSON Lines when the first non-blank byte is `{`.
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) => {
                    diag.fail(format!("{name}: {e}"));
                    return Ok(());
                }
            };
            if buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') { Format::Jsonl } else { Format::Text }
        }
    };
    match format {
        Format::Text => {
            let mut bytes = Vec::new();
            if let Err(e) = reader.read_to_end(&mut bytes) {
                diag.fail(format!("{name}: read failed: {e}"));
                return Ok(());
            }
            if looks_binary(&bytes) {
                diag.warn(format!("{name}: binary file (NUL byte in the first 8 KiB) skipped"));
                return Ok(());
            }
            let Some(text) = decode(bytes, &name, opts.strict, diag) else { return Ok(()) };
            if text.trim().is_empty() {
                return Ok(()); // an empty article: no rows, nothing to warn about
            }
            let mut doc = Document::from_text(name.clone(), text);
            if doc.date.is_none() {
                doc.date = opts.default_date.clone();
            }
            if doc.date.is_none() {
                diag.warn(format!(
                    "{name}: no date found (add a `date YYYY-MM-DD` header or use --date); date left empty"
                ));
            }
            emit(Item::Doc(doc))
        }
        Format::Jsonl => read_json_lines(reader, &name, diag, emit),
    }
}

/// Read JSON Lines documents from any reader (`name` is used in messages),
/// parsing each line on this thread.
pub fn read_jsonl(
    reader: impl BufRead,
    name: &str,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    emit: &mut dyn FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // Lines are parsed as they are read; parse messages are gathered apart
    // (the reader holds `diag`) and reported after it, in line order.
    let mut parse = Diagnostics::collector();
    let res = read_json_lines(reader, name, diag, &mut |item| match item.into_document(opts, &mut parse) {
        Some(doc) => emit(doc),
        None => Ok(()),
    });
    diag.replay(parse);
    res
}

/// Split a JSON Lines stream into raw lines (blank lines skipped).
fn read_json_lines(
    mut reader: impl BufRead,
    name: &str,
    diag: &mut Diagnostics,
    emit: &mut dyn FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut lineno = 0;
    loop {
        let mut buf = Vec::new();
        lineno += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                diag.fail(format!("{name}:{lineno}: read failed: {e}"));
                return Ok(());
            }
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        emit(Item::JsonLine { at: format!("{name}:{lineno}"), bytes: buf })?;
    }
}

/// Parse one JSON line (`at` is `path:line`) into a document; every problem
/// is reported to `diag` as `path:line: reason` and gives `None`.
pub fn parse_json_line(at: &str, bytes: Vec<u8>, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Document> {
    let line = decode(bytes, at, opts.strict, diag)?;
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let doc: JsonDoc = match serde_json::from_str(trimmed) {
        Ok(d) => d,
        Err(e) => {
            diag.fail(format!("{at}: malformed JSON: {e}"));
            return None;
        }
    };
    let text = match doc.text {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => {
            diag.fail(format!("{at}: field `text` is not a string"));
            return None;
        }
        None => {
            diag.fail(format!("{at}: missing field `text`"));
            return None;
        }
    };
    let source = match doc.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None | Some(serde_json::Value::Null) => at.to_string(),
        Some(_) => {
            diag.fail(format!("{at}: field `id` is not a string or number"));
            return None;
        }
    };
    let mut date = match doc.date {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => match normalise_date(&s) {
            Some(d) => Some(d),
            None => {
                diag.fail(format!("{at}: field `date` {s:?} is not YYYY-MM-DD or RFC 3339"));
                return None;
            }
        },
        Some(_) => {
            diag.fail(format!("{at}: field `date` is not a string"));
            return None;
        }
    };
    let title = match doc.title {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    // the text's own date only matters when the JSON gives none; its title
    // only when the JSON gives none (a header line is cheap to read)
    let from_text = if date.is_none() { date_from_text(&text) } else { (None, header_title(&text)) };
    if date.is_none() {
        date = from_text.0.or_else(|| opts.default_date.clone());
    }
    if date.is_none() {
        diag.warn(format!("{at}: document {source:?} has no date; date left empty"));
    }
    Some(Document { source, date, title: title.or(from_text.1), text })
}
