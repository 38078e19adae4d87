//! Document readers: text files, JSON Lines (plain or gzip), article
//! tables (`table`), web pages (`html`), WARC archives (`warc`),
//! directories, standard input; the metadata of each (`meta`: outlets,
//! dates as tables write them; `fields`: which column is what); and date
//! detection.
//!
//! Every problem is reported through [`Diagnostics`] with the file (and line
//! for JSONL) and the reader goes on with the next document: one bad
//! document never costs the others.

mod date;
mod fields;
mod html;
mod meta;
mod table;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::de::DeserializeSeed;

pub use date::Date;
pub(crate) use date::{date_from_text, date_with_default, header_len, header_title, normalise_date};
pub use fields::FieldNames;
use fields::{JsonSeed, Role};
use meta::parse_date_cell;

/// One article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the file path as given, or the JSONL `id`.
    pub source: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The headline: a page's title, a table's or JSON line's `title`, or
    /// the title of a text's header line, when there is one.
    pub title: Option<String>,
    /// The article's address (a page's canonical URL, a WARC record's
    /// target, a `url` field), when known.
    pub url: Option<String>,
    /// Who published it: a site name or `publisher`/`outlet` field, else the
    /// URL's domain, else (for a file holding one article) the file's folder.
    pub outlet: Option<String>,
    /// The article's text; every span in the output is a byte range of it.
    pub text: String,
}

impl Document {
    /// A document from plain text, with its date read from the text.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let (date, title) = date_from_text(&text);
        Document { source: source.into(), date, title, url: None, outlet: None, text }
    }
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The input was read, with a caveat (no date found, invalid UTF-8 replaced).
    Warning,
    /// An input (a file, a JSONL line, a document) could not be processed.
    Error,
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One problem met while reading or extracting, naming where it happened
/// (`path: reason`, `path:line: reason`). Displayed as `LEVEL: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A warning, or an input that failed.
    pub level: Level,
    /// What happened, starting with the file (and line) it is about.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.level, self.message)
    }
}

/// Warnings and failures, collected in order and counted. The library never
/// prints them: a client shows [`Diagnostics::log`] (or what
/// [`Diagnostics::drain`] hands it) as it sees fit.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// Inputs (files or JSONL lines) that could not be processed, counted
    /// since this collector was made (draining the log keeps the count).
    pub failures: usize,
    /// Warnings, counted likewise.
    pub warnings: usize,
    /// The messages not yet drained, in order.
    pub log: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Record a warning.
    pub fn warn(&mut self, msg: impl Into<String>) {
        self.push(Diagnostic { level: Level::Warning, message: msg.into() });
    }

    /// Record an input that failed.
    pub fn fail(&mut self, msg: impl Into<String>) {
        self.push(Diagnostic { level: Level::Error, message: msg.into() });
    }

    /// Record a message, counting it by its level.
    pub fn push(&mut self, d: Diagnostic) {
        match d.level {
            Level::Warning => self.warnings += 1,
            Level::Error => self.failures += 1,
        }
        self.log.push(d);
    }

    /// Take the messages collected so far, in order; the counts stay.
    pub fn drain(&mut self) -> std::vec::Drain<'_, Diagnostic> {
        self.log.drain(..)
    }
}

/// One input as a [`Reader`] hands it on: a document, a JSON line still to
/// be parsed (parsing is the costly part of reading, so it is left to the
/// worker threads of a [`crate::pipeline::Pipeline`]), or a problem met
/// while reading, kept in the stream so that it is reported in input order.
#[derive(Debug)]
pub struct Item<'a>(Pending<'a>);

#[derive(Debug)]
enum Pending<'a> {
    Doc(Document, &'a ReadOptions),
    JsonLine {
        /// `path:line`, for messages and for a document without an `id`.
        at: String,
        bytes: Vec<u8>,
        opts: &'a ReadOptions,
    },
    /// A web page still to be parsed (parsing is left to the worker threads).
    Page {
        /// The file, or `archive@offset`.
        at: String,
        bytes: Vec<u8>,
        ctx: Box<html::PageContext>,
        opts: &'a ReadOptions,
    },
    Problem(Diagnostic),
}

impl Item<'_> {
    /// The size of the item's input in bytes, for progress.
    pub fn len(&self) -> usize {
        match &self.0 {
            Pending::Doc(d, _) => d.text.len(),
            Pending::JsonLine { bytes, .. } | Pending::Page { bytes, .. } => bytes.len(),
            Pending::Problem(_) => 0,
        }
    }

    /// Whether the item holds no input bytes (a problem, an empty document).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document, parsing a JSON line or a web page; problems go to
    /// `diag` (and give `None`). With [`ReadOptions::emit_text`], its text
    /// is written there.
    pub fn into_document(self, diag: &mut Diagnostics) -> Option<Document> {
        let (doc, opts) = match self.0 {
            Pending::Doc(d, opts) => (Some(d), opts),
            Pending::JsonLine { at, bytes, opts } => (parse_json_line(&at, bytes, opts, diag), opts),
            Pending::Page { at, bytes, ctx, opts } => (html::read_page(&at, &bytes, &ctx, opts, diag), opts),
            Pending::Problem(d) => {
                diag.push(d);
                return None;
            }
        };
        if let (Some(d), Some(dir)) = (&doc, &opts.emit_text) {
            emit_text(dir, d, diag);
        }
        doc
    }
}

/// Write a document's text to `DIR/NAME.txt`, NAME its source with every
/// character but letters, digits, `.`, `-` and `_` made `_`.
fn emit_text(dir: &Path, doc: &Document, diag: &mut Diagnostics) {
    let path = dir.join(text_file_name(&doc.source));
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, &doc.text)) {
        diag.fail(format!("{}: cannot write the text of {}: {e}", path.display(), doc.source));
    }
}

/// The file name `--emit-text` gives the text of a document with `source`.
pub(crate) fn text_file_name(source: &str) -> String {
    let mut name: String = source
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    if name.len() > 200 {
        // long names (URLs as ids) keep their end, and a hash of the whole
        let hash = source.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
        name = format!("{hash:016x}_{}", &name[name.len() - 150..]);
    }
    name.trim_start_matches('.').to_string() + ".txt"
}

impl crate::pipeline::IntoDocument for Item<'_> {
    fn input_len(&self) -> usize {
        self.len()
    }

    fn into_document(self, diag: &mut Diagnostics) -> Option<Document> {
        Item::into_document(self, diag)
    }
}

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One article per file.
    Text,
    /// One JSON document per line.
    Jsonl,
    /// A comma-separated table, one article per row.
    Csv,
    /// A tab-separated table, one article per row.
    Tsv,
    /// A spreadsheet (XLSX, XLSM, XLS, ODS), one article per row of its
    /// first sheet with a text column.
    Spreadsheet,
    /// A web page: its main text, headline, date, URL and outlet.
    Html,
    /// A WARC archive: each HTML response record is a page.
    Warc,
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
    /// The largest document (a text file, or one JSON line) read, in bytes,
    /// after decompression; a larger one is reported and skipped, the others
    /// are read. `None`: [`DEFAULT_MAX_DOC_BYTES`].
    pub max_doc_bytes: Option<usize>,
    /// The columns of an article table and the fields of a JSON line that
    /// hold the text, date, id, title, URL and outlet.
    pub fields: FieldNames,
    /// A folder to write each document's text in, as the rows' offsets
    /// index it (`NAME.txt`, NAME the document's source with every
    /// character but letters, digits, `.`, `-`, `_` made `_`).
    pub emit_text: Option<PathBuf>,
}

/// The default cap on one document's size: 16 MiB, hundreds of times a long
/// news article, so that memory stays bounded by the documents in flight
/// whatever the input holds (a gzip bomb, a gigabyte on one line).
pub const DEFAULT_MAX_DOC_BYTES: usize = 16 << 20;

impl ReadOptions {
    /// The cap on one document's size in effect.
    pub fn max_doc_bytes(&self) -> usize {
        self.max_doc_bytes.unwrap_or(DEFAULT_MAX_DOC_BYTES)
    }
}

/// A file or standard input, with how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `None` is standard input.
    pub path: Option<PathBuf>,
    /// Whether the bytes are gzip-compressed (the name ends in `.gz`).
    pub gzip: bool,
    /// The format its name says, if any.
    pub format: Option<Format>,
    /// The outlet of the articles in a file that names none (see
    /// [`expand_paths`]): the folder that holds the file, unless that is
    /// the folder given to walk.
    pub folder: Option<String>,
}

impl Source {
    /// The name used in messages and as a text document's source: the path
    /// as given, or `-` for standard input.
    pub fn name(&self) -> String {
        self.path.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }
}

/// The format a file name says (`.jsonl`/`.ndjson`, `.txt`/`.text`,
/// `.csv`, `.tsv`/`.tab`, `.xlsx`/`.xlsm`/`.xls`/`.ods`, `.html`/`.htm`,
/// `.warc`, any case), and whether it ends in `.gz`.
pub(crate) fn format_of(path: &Path) -> (Option<Format>, bool) {
    // the name's bytes (a name need not be UTF-8: only its extension matters)
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().to_ascii_lowercase());
    let (base, gz) = match name.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (name, false),
    };
    let f = if base.ends_with(".jsonl") || base.ends_with(".ndjson") {
        Some(Format::Jsonl)
    } else if base.ends_with(".txt") || base.ends_with(".text") {
        Some(Format::Text)
    } else if base.ends_with(".csv") {
        Some(Format::Csv)
    } else if base.ends_with(".tsv") || base.ends_with(".tab") {
        Some(Format::Tsv)
    } else if [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|e| base.ends_with(e)) && !gz {
        Some(Format::Spreadsheet)
    } else if [".html", ".htm", ".xhtml", ".shtml"].iter().any(|e| base.ends_with(e)) {
        Some(Format::Html)
    } else if base.ends_with(".warc") {
        Some(Format::Warc)
    } else {
        None
    };
    (f, gz)
}

/// Expand command-line paths into sources: directories are walked
/// recursively (in file-name order) for the files whose names say a format
/// (text, JSON Lines, tables, spreadsheets, pages, archives, and the `.gz`
/// forms); a file named directly is read whatever its name.
///
/// A file's folder stands for the outlet of an article that names none:
/// the folder of a file named directly (`saved/tass/a.txt`: `tass`), or a
/// folder inside a walked one (`saved/` holding `tass/a.txt`); a file
/// directly in the walked folder gets none (a folder of mixed articles is
/// a collection, not an outlet).
pub fn expand_paths(paths: &[PathBuf], diag: &mut Diagnostics) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source { path: None, gzip: false, format: None, folder: None });
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
                    // a folder inside the one given names an outlet; the
                    // folder given is the collection, not an outlet
                    let folder = if entry.depth() > 1 { meta::folder_of(entry.path()) } else { None };
                    out.push(Source { path: Some(entry.into_path()), gzip, format, folder });
                }
            }
            if out.len() == before {
                diag.warn(format!(
                    "{}: directory holds no articles (.txt, .jsonl, .csv, .tsv, .xlsx, .html, .warc files)",
                    p.display()
                ));
            }
        } else {
            let (format, gzip) = format_of(p);
            out.push(Source { path: Some(p.clone()), gzip, format, folder: meta::folder_of(p) });
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

/// The first two bytes of a gzip stream.
const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// The byte-order mark of UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The code units of UTF-16 text that starts with a byte-order mark (little
/// or big endian, the mark dropped), or `None` for anything else.
fn utf16_with_bom(bytes: &[u8]) -> Option<Vec<u16>> {
    let from = utf16_order(bytes)?;
    Some(bytes[2..].chunks(2).map(|c| from([c[0], *c.get(1).unwrap_or(&0)])).collect())
}

/// How to read the code units of bytes that start with a UTF-16 byte-order
/// mark, or `None` (decided on the first two bytes, decoding nothing).
fn utf16_order(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(u16::from_le_bytes),
        [0xFE, 0xFF, ..] => Some(u16::from_be_bytes),
        _ => None,
    }
}

/// A file with a NUL byte in its first 8 KiB is binary (an image, a PDF, a
/// database), not an article.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Reads the documents of a list of sources, in order, as an iterator of
/// [`Item`]s: a text file is one item, a JSON Lines file one item per
/// non-blank line (parsed later, by [`Item::into_document`]). A source that
/// cannot be read becomes a problem item and reading goes on with the next.
pub struct Reader<'a> {
    sources: std::vec::IntoIter<Source>,
    opts: &'a ReadOptions,
    /// The JSON Lines source being read.
    lines: Option<Lines<BufReader<Box<dyn Read>>>>,
    /// The table (or archive) being read, a document at a time.
    stream: Option<Box<dyn DocStream>>,
    /// Items of a text source waiting their turn (its warnings, then it).
    pending: std::collections::VecDeque<Item<'a>>,
}

impl<'a> Reader<'a> {
    /// A reader of `sources` (see [`expand_paths`]) with `opts`.
    pub fn new(sources: Vec<Source>, opts: &'a ReadOptions) -> Reader<'a> {
        Reader { sources: sources.into_iter(), opts, lines: None, stream: None, pending: Default::default() }
    }

    /// Open `src`: a JSON Lines source becomes `self.lines`; a text source,
    /// with its problems, goes to `self.pending`.
    fn open(&mut self, src: Source) {
        let mut diag = Diagnostics::default();
        let opened = open_source(&src, self.opts, &mut diag);
        match opened {
            Some(Opened::Lines(lines)) => self.lines = Some(lines),
            Some(Opened::Stream(stream)) => self.stream = Some(stream),
            Some(Opened::Workbook(reader)) => {
                self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
                let (pending, opts) = (&mut self.pending, self.opts);
                table::read_workbook(reader, &src.name(), self.opts, &mut |r| {
                    pending.push_back(Item(match r {
                        Ok(doc) => Pending::Doc(doc, opts),
                        Err(d) => Pending::Problem(d),
                    }))
                });
                return;
            }
            Some(Opened::Text(reader)) => {
                let mut doc = read_text(reader, &src.name(), self.opts, &mut diag);
                if let Some(d) = &mut doc {
                    d.outlet.clone_from(&src.folder);
                }
                self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
                self.pending.extend(doc.map(|d| Item(Pending::Doc(d, self.opts))));
                return;
            }
            Some(Opened::Page(reader)) => {
                let name = src.name();
                let bytes = read_capped(reader, &name, self.opts.max_doc_bytes(), &mut diag);
                self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
                if let Some(bytes) = bytes.filter(|b| !b.iter().all(u8::is_ascii_whitespace)) {
                    let ctx = Box::new(html::PageContext { folder: src.folder.clone(), ..Default::default() });
                    self.pending.push_back(Item(Pending::Page { at: name, bytes, ctx, opts: self.opts }));
                }
                return;
            }
            None => {}
        }
        self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(lines) = &mut self.lines {
                match lines.next_item(self.opts) {
                    Some(item) => return Some(item),
                    None => self.lines = None,
                }
            }
            if let Some(stream) = &mut self.stream {
                let mut diag = Diagnostics::default();
                match stream.next_input(self.opts, &mut diag) {
                    Some(next) => {
                        self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
                        self.pending.extend(next.map(|n| match n {
                            Next::Doc(d) => Item(Pending::Doc(d, self.opts)),
                            Next::Page(p) => {
                                let (at, bytes, ctx) = (p.at, p.bytes, Box::new(p.ctx));
                                Item(Pending::Page { at, bytes, ctx, opts: self.opts })
                            }
                        }));
                    }
                    None => {
                        self.pending.extend(diag.drain().map(|d| Item(Pending::Problem(d))));
                        self.stream = None;
                    }
                }
                continue;
            }
            let src = self.sources.next()?;
            self.open(src);
        }
    }
}

/// A source opened for reading.
enum Opened {
    Lines(Lines<BufReader<Box<dyn Read>>>),
    Text(BufReader<Box<dyn Read>>),
    Stream(Box<dyn DocStream>),
    Workbook(BufReader<Box<dyn Read>>),
    Page(BufReader<Box<dyn Read>>),
}

/// What a [`DocStream`] gives: a document, or a page still to be parsed.
pub(crate) enum Next {
    Doc(Document),
    Page(warc::WarcPage),
}

/// A source of many documents read one at a time (a table's rows, an
/// archive's records).
pub(crate) trait DocStream {
    /// The next input; `Some(None)` when the next row or record gave none
    /// (its problems are in `diag`), `None` at the end.
    fn next_input(&mut self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Option<Next>>;
}

impl DocStream for table::CsvTable {
    fn next_input(&mut self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Option<Next>> {
        self.next_document(opts, diag).map(|d| d.map(Next::Doc))
    }
}

impl DocStream for warc::WarcReader {
    fn next_input(&mut self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Option<Next>> {
        self.next_page(opts, diag).map(|p| p.map(Next::Page))
    }
}

/// Open `src` and find its format (sniffing standard input and unnamed
/// files: JSON Lines when the first non-blank byte is `{`). Problems go to
/// `diag` and give `None`.
fn open_source(src: &Source, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Opened> {
    let name = src.name();
    let raw: Box<dyn Read> = match &src.path {
        None => Box::new(io::stdin().lock()),
        Some(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                diag.fail(format!("{name}: {}", io_reason(&e)));
                return None;
            }
        },
    };
    if opts.format.or(src.format) == Some(Format::Warc) {
        // an archive reads its gzip members itself, to know their offsets
        // and to go on after a corrupt one
        return Some(Opened::Stream(Box::new(warc::WarcReader::new(raw, name))));
    }
    let reader: Box<dyn Read> = if src.gzip { Box::new(flate2::read::MultiGzDecoder::new(raw)) } else { raw };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    if !src.gzip && reader.fill_buf().is_ok_and(|b| b.starts_with(GZIP_MAGIC)) {
        // gzip whatever the name says (`zcat`-free pipelines: `… | quotelink extract -`)
        let inner: Box<dyn Read> = Box::new(flate2::read::MultiGzDecoder::new(reader));
        reader = BufReader::with_capacity(1 << 16, inner);
    }
    let format = match opts.format.or(src.format) {
        Some(f) => f,
        None => {
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) => {
                    diag.fail(format!("{name}: {e}"));
                    return None;
                }
            };
            let buf = buf.strip_prefix(UTF8_BOM).unwrap_or(buf);
            sniff(buf)
        }
    };
    Some(match format {
        Format::Text => Opened::Text(reader),
        Format::Jsonl => Opened::Lines(Lines::new(reader, name)),
        Format::Csv | Format::Tsv => {
            let tsv = format == Format::Tsv;
            Opened::Stream(Box::new(table::CsvTable::open(Box::new(reader), name, tsv, opts, diag)?))
        }
        Format::Spreadsheet => Opened::Workbook(reader),
        Format::Html => Opened::Page(reader),
        Format::Warc => Opened::Stream(Box::new(warc::WarcReader::new(Box::new(reader), name))),
    })
}

/// The format of an input without a telling name, from its first bytes:
/// JSON Lines when the first non-blank byte is `{`, a WARC archive when it
/// starts with `WARC/`, a web page when it opens with `<!DOCTYPE html` or
/// `<html`, else text.
fn sniff(buf: &[u8]) -> Format {
    let start = buf.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(buf.len());
    let head = &buf[start..buf.len().min(start + 64)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    if head.first() == Some(&b'{') {
        Format::Jsonl
    } else if head.starts_with(b"WARC/") {
        Format::Warc
    } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Read at most `limit` bytes of a source (more is an error), skipping a
/// binary one (a NUL byte in its first 8 KiB). Problems go to `diag`.
fn read_capped(mut reader: impl Read, name: &str, limit: usize, diag: &mut Diagnostics) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.by_ref().take(limit as u64 + 1).read_to_end(&mut bytes) {
        diag.fail(format!("{name}: read failed: {e}"));
        return None;
    }
    if bytes.len() > limit {
        diag.fail(format!("{name}: document larger than {limit} bytes skipped (raise the cap with --max-doc-bytes)"));
        return None;
    }
    Some(bytes)
}

/// Read a whole text source as one document. Problems go to `diag`; an
/// empty or unreadable source gives `None`.
fn read_text(mut reader: impl Read, name: &str, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Document> {
    let limit = opts.max_doc_bytes();
    let mut bytes = Vec::new();
    // the first 8 KiB first: a binary file is skipped without reading it all
    if let Err(e) = reader.by_ref().take(8192).read_to_end(&mut bytes) {
        diag.fail(format!("{name}: read failed: {e}"));
        return None;
    }
    if utf16_order(&bytes).is_none() && looks_binary(&bytes) {
        diag.warn(format!("{name}: binary file (NUL byte in the first 8 KiB) skipped"));
        return None;
    }
    // then at most one byte past the cap
    let rest = (limit + 1).saturating_sub(bytes.len()) as u64;
    if let Err(e) = reader.by_ref().take(rest).read_to_end(&mut bytes) {
        diag.fail(format!("{name}: read failed: {e}"));
        return None;
    }
    if bytes.len() > limit {
        diag.fail(format!("{name}: document larger than {limit} bytes skipped (raise the cap with --max-doc-bytes)"));
        return None;
    }
    let text = match utf16_with_bom(&bytes) {
        // UTF-16 is full of NUL bytes, but it is text: decode it
        Some(units) => {
            let text = String::from_utf16_lossy(&units);
            if text.contains('\u{fffd}') {
                if opts.strict {
                    diag.fail(format!("{name}: invalid UTF-16 (rejected by --strict)"));
                    return None;
                }
                diag.warn(format!("{name}: invalid UTF-16; bad code units replaced with U+FFFD"));
            }
            text
        }
        None => decode(bytes, name, opts.strict, diag)?,
    };

    if text.trim().is_empty() {
        return None; // an empty article: no rows, nothing to warn about
    }
    let mut doc = Document::from_text(name, text);
    if doc.date.is_none() {
        doc.date = date_with_default(&doc.text, opts.default_date.as_deref());
    }
    if doc.date.is_none() {
        diag.warn(format!("{name}: no date found (add a `date YYYY-MM-DD` header or use --date); date left empty"));
    }
    Some(doc)
}

/// Read JSON Lines documents from any reader (`name` is used in messages),
/// parsing each line on this thread. Problems go to `diag`, in line order;
/// an error from `emit` stops reading and is returned.
pub fn read_jsonl(
    reader: impl BufRead,
    name: &str,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    emit: &mut dyn FnMut(Document) -> crate::Result<()>,
) -> crate::Result<()> {
    let mut lines = Lines::new(reader, name.to_string());
    while let Some(item) = lines.next_item(opts) {
        if let Some(doc) = item.into_document(diag) {
            emit(doc)?;
        }
    }
    Ok(())
}

/// Read one web page from its bytes (`name` is its source and is used in
/// messages): its main text and metadata, as for an `.html` file. Problems
/// go to `diag` and give `None`.
pub fn read_html(bytes: &[u8], name: &str, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Document> {
    html::read_page(name, bytes, &html::PageContext::default(), opts, diag)
}

/// Read the pages of a WARC archive (plain or gzip, `name` used in
/// messages and sources), record by record, parsing each on this thread.
/// Problems go to `diag`, in order; an error from `emit` stops reading and
/// is returned.
pub fn read_warc(
    reader: impl Read + 'static,
    name: &str,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
    emit: &mut dyn FnMut(Document) -> crate::Result<()>,
) -> crate::Result<()> {
    let mut archive = warc::WarcReader::new(Box::new(reader), name.to_string());
    while let Some(page) = archive.next_page(opts, diag) {
        if let Some(p) = page
            && let Some(doc) = html::read_page(&p.at, &p.bytes, &p.ctx, opts, diag)
        {
            emit(doc)?;
        }
    }
    Ok(())
}

/// A JSON Lines stream split into raw lines (blank lines skipped).
struct Lines<R> {
    reader: R,
    name: String,
    lineno: u64,
    /// A read failed: the rest of the stream is lost.
    failed: bool,
    /// The length of the last line read: the next is sized for it.
    last_len: usize,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R, name: String) -> Lines<R> {
        Lines { reader, name, lineno: 0, failed: false, last_len: 0 }
    }

    /// The next non-blank line, a read failure, or `None` at the end.
    fn next_item<'a>(&mut self, opts: &'a ReadOptions) -> Option<Item<'a>> {
        if self.failed {
            return None;
        }
        let limit = opts.max_doc_bytes();
        loop {
            let mut buf = Vec::with_capacity(self.last_len);
            self.lineno += 1;
            // at most one byte past the cap: a longer line is skipped unread
            let read = read_line(&mut self.reader, &mut buf, limit.saturating_add(1)).and_then(|n| {
                let too_long = buf.len() > limit && !buf.ends_with(b"\n");
                if too_long { skip_line(&mut self.reader).map(|()| None) } else { Ok(Some(n)) }
            });
            match read {
                Ok(Some(0)) => return None,
                Ok(Some(n)) => self.last_len = n,
                Ok(None) => {
                    let message = format!(
                        "{}:{}: line longer than {limit} bytes skipped (raise the cap with --max-doc-bytes)",
                        self.name, self.lineno
                    );
                    return Some(Item(Pending::Problem(Diagnostic { level: Level::Error, message })));
                }
                Err(e) => {
                    self.failed = true;
                    let message = format!("{}:{}: read failed: {e}", self.name, self.lineno);
                    return Some(Item(Pending::Problem(Diagnostic { level: Level::Error, message })));
                }
            }
            if self.lineno == 1 && buf.starts_with(UTF8_BOM) {
                // a byte-order mark before the first document is not part of it
                buf.drain(..UTF8_BOM.len());
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let at = format!("{}:{}", self.name, self.lineno);
            return Some(Item(Pending::JsonLine { at, bytes: buf, opts }));
        }
    }
}

/// Read and drop the rest of a line (through its newline), without keeping it.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// `reader.take(limit).read_until(b'\n', buf)`, searching with the memchr
/// crate (SIMD): std's search costs about one instruction per byte of a
/// JSON line. Reads through a newline, to the end, or `limit` bytes.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let available = &available[..available.len().min(limit - read)];
        let (done, used) = match memchr::memchr(b'\n', available) {
            Some(i) => (true, i + 1),
            None => (available.is_empty(), available.len()),
        };
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// Parse one JSON line (`at` is `path:line`) into a document; every problem
/// is reported to `diag` as `path:line: reason` and gives `None`.
pub(crate) fn parse_json_line(
    at: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Option<Document> {
    let line = decode(bytes, at, opts.strict, diag)?;
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let mut doc = match JsonSeed(&opts.fields).deserialize(&mut serde_json::Deserializer::from_str(trimmed)) {
        Ok(d) => d,
        Err(e) => {
            diag.fail(format!("{at}: malformed JSON: {e}"));
            return None;
        }
    };
    let text = match doc.take(Role::Text) {
        Some((_, serde_json::Value::String(s))) => s,
        Some((key, _)) => {
            diag.fail(format!("{at}: field `{key}` is not a string"));
            return None;
        }
        None => {
            diag.fail(format!(
                "{at}: no text field (looked for {}; name it with --text-field)",
                opts.fields.looked_for(Role::Text)
            ));
            return None;
        }
    };
    let source = match doc.take(Role::Id) {
        Some((_, serde_json::Value::String(s))) => s,
        // an integer id is kept exactly; any other number would be rewritten
        // (1e29 → 1.0000000000000001e29), so it is refused
        Some((_, serde_json::Value::Number(n))) if n.is_i64() || n.is_u64() => n.to_string(),
        Some((key, serde_json::Value::Number(_))) => {
            diag.fail(format!("{at}: field `{key}` is a number that cannot be kept exactly; give it as a string"));
            return None;
        }
        None | Some((_, serde_json::Value::Null)) => at.to_string(),
        Some((key, _)) => {
            diag.fail(format!("{at}: field `{key}` is not a string or an integer"));
            return None;
        }
    };
    let date = match doc.take(Role::Date) {
        None | Some((_, serde_json::Value::Null)) => None,
        Some((_, serde_json::Value::String(s))) if s.trim().is_empty() => None,
        Some((key, serde_json::Value::String(s))) => match normalise_date(&s).or_else(|| parse_date_cell(&s)) {
            Some(d) => Some(d),
            None => {
                diag.fail(format!(
                    "{at}: field `{key}` {s:?} is not a date (YYYY-MM-DD, RFC 3339 or `February 4, 2026`)"
                ));
                return None;
            }
        },
        Some((key, _)) => {
            diag.fail(format!("{at}: field `{key}` is not a string"));
            return None;
        }
    };
    let mut string = |role| match doc.take(role) {
        Some((_, serde_json::Value::String(s))) if !s.trim().is_empty() => Some(s),
        _ => None,
    };
    let (title, url, site) = (string(Role::Title), string(Role::Url), string(Role::Outlet));
    Some(record_document(at, source, date, title, url, site.as_deref(), text, opts, diag))
}

/// A document from a record's fields (a JSON line, a table row): the
/// outlet from the site name or the URL; the text's own date only when the
/// record gives none, else the default date (a warning when there is none
/// at all); the text's header title when the record gives no title (a
/// header line is cheap to read).
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_document(
    at: &str,
    source: String,
    mut date: Option<String>,
    title: Option<String>,
    url: Option<String>,
    site: Option<&str>,
    text: String,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Document {
    let outlet = meta::outlet(site, url.as_deref(), None);
    let from_text = if date.is_none() { date_from_text(&text) } else { (None, header_title(&text)) };
    if date.is_none() {
        date = from_text.0.or_else(|| date_with_default(&text, opts.default_date.as_deref()));
    }
    if date.is_none() {
        diag.warn(format!("{at}: document {source:?} has no date; date left empty"));
    }
    Document { source, date, title: title.or(from_text.1), url, outlet, text }
}
