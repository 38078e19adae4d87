//! `quotelink._quotelink`: the native module of the `quotelink` Python
//! package, built from the library (not a wrapper around the binary).
//!
//! What Python sees (the stubs in `python/quotelink/_quotelink.pyi` document
//! it for users):
//! - `extract(text, date, id, *, lexicons, keep_unattributed)`: one
//!   document's rows, as dicts keyed by the CSV's column names (from
//!   [`quotelink::COLUMNS`], so a new column appears with no change here),
//!   plus `char_start`/`char_end`: the offsets of `quote` in the Python
//!   string (code points), where `start`/`end` are UTF-8 byte offsets as in
//!   the CSV.
//! - `extract_many(docs, jobs, …)`: a `RowIterator` over the rows of any
//!   iterable of documents, streamed through the library's [`Pipeline`],
//!   which runs on threads of its own without the GIL. Only the thread that
//!   reads the rows touches Python: while it waits for rows it reads
//!   documents from the Python iterator into a bounded channel to the
//!   pipeline, and the rows come back, in input order, through another. So
//!   memory holds a few batches, never the input; an input that must stay
//!   on one thread (a database cursor) works; and no thread of ours needs
//!   the interpreter after the caller lets go of it (or at exit).
//! - `Lexicons`, `check`, `compare`, `COLUMNS`, and the exceptions
//!   `QuotelinkError` and `LexiconError` (which carries file and line).

use std::ffi::CString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, mpsc};

use pyo3::exceptions::{PyException, PyOSError, PyRuntimeError, PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple};

use quotelink::{
    COLUMNS, CheckOptions, ColumnType, CompareOptions, Date, Document, Encoder, Engine, Error, Event, KindFilter,
    KnownQuotes, Lang, Options, Pipeline, QuoteRow, Record, Sink, StatementRow, Value,
};

// The library allocates many small strings; the binary uses mimalloc for
// that (src/main.rs), and so does the extension (its own allocations only:
// Python's objects keep Python's allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    quotelink,
    QuotelinkError,
    PyException,
    "An error of the quotelink library (a malformed lexicon, an unreadable rows file, an internal error)."
);
pyo3::create_exception!(
    quotelink,
    LexiconError,
    QuotelinkError,
    "Malformed lexicon files. `errors` lists every malformed line as (file, line, reason); \
     `file` and `line` are the first one's (line 0: the file as a whole)."
);

/// Documents read from the Python iterator in one go, at most (between
/// looks at the rows that are ready).
const PULL_DOCS: usize = 1024;
/// Text bytes read in one go, at most.
const PULL_BYTES: usize = 8 << 20;
/// Documents waiting for the pipeline, at most: more than one batch (256),
/// so that a full channel always lets the pipeline write a batch.
const CHANNEL_DOCS: usize = 1024;
/// Documents' rows waiting for the Python consumer, at most.
const CHANNEL_ROWS: usize = 512;

// ---------------------------------------------------------------- errors

/// A library error as the Python exception a user expects: a malformed
/// lexicon is a `LexiconError` with its lines, a file problem an `OSError`
/// (`FileNotFoundError` and so on, from the errno) with the file name, a bad
/// option or input a `ValueError`.
fn py_error(py: Python<'_>, e: Error) -> PyErr {
    match e {
        Error::Lexicon(errs) => {
            let err = LexiconError::new_err(errs.to_string());
            let value = err.value(py);
            let list: Vec<(String, usize, String)> =
                errs.0.iter().map(|l| (l.file.clone(), l.line, l.reason.clone())).collect();
            let first = errs.0.first();
            let _ = value.setattr("errors", list);
            let _ = value.setattr("file", first.map(|l| l.file.clone()));
            let _ = value.setattr("line", first.map(|l| l.line));
            err
        }
        Error::Io { path, source } => {
            let errno = source.raw_os_error();
            // as Python words it: "[Errno 2] No such file or directory: 'x'"
            let msg = source.to_string();
            let msg = match errno {
                Some(n) => msg.trim_end_matches(&format!(" (os error {n})")).to_string(),
                None => msg,
            };
            match (errno, path) {
                (Some(errno), Some(p)) => PyOSError::new_err((errno, msg, p.display().to_string())),
                (Some(errno), None) => PyOSError::new_err((errno, msg)),
                (None, Some(p)) => PyOSError::new_err(format!("{}: {msg}", p.display())),
                (None, None) => PyOSError::new_err(msg),
            }
        }
        e @ (Error::Input { .. } | Error::Config { .. }) => PyValueError::new_err(e.to_string()),
        e => QuotelinkError::new_err(e.to_string()),
    }
}

/// The message of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

// ---------------------------------------------------------------- lexicons

/// Loaded lexicons and the engines built from them (one per value of
/// `keep_unattributed`), built on first use and shared by every call.
struct LexData {
    lexicons: quotelink::Lexicons,
    engines: [OnceLock<Engine>; 2],
    origin: String,
}

impl LexData {
    fn new(lexicons: quotelink::Lexicons, origin: String) -> Arc<LexData> {
        Arc::new(LexData { lexicons, engines: [OnceLock::new(), OnceLock::new()], origin })
    }

    fn engine(&self, keep_unattributed: bool) -> &Engine {
        self.engines[usize::from(keep_unattributed)]
            .get_or_init(|| Engine::new(self.lexicons.clone(), Options { keep_unattributed }))
    }
}

static BUILTIN: OnceLock<Arc<LexData>> = OnceLock::new();

fn builtin(py: Python<'_>) -> PyResult<Arc<LexData>> {
    if let Some(l) = BUILTIN.get() {
        return Ok(l.clone());
    }
    let lex = py.detach(quotelink::Lexicons::builtin).map_err(|e| py_error(py, Error::Lexicon(e)))?;
    Ok(BUILTIN.get_or_init(|| LexData::new(lex, "built-in English".into())).clone())
}

/// Lexicons: the word lists, speakers, cues and titles extraction uses.
///
/// `Lexicons.builtin()` gives the built-in English ones (what every function
/// uses when given none); `Lexicons.from_dir(path)` adds the files of a
/// folder to them, as the command line's `--lexicons` does. Load once and
/// pass the object to every call: the matchers are built on first use and
/// kept.
#[pyclass(name = "Lexicons", module = "quotelink", frozen)]
struct PyLexicons {
    data: Arc<LexData>,
}

#[pymethods]
impl PyLexicons {
    /// The built-in lexicons of a language (`"en"`, the default).
    #[staticmethod]
    #[pyo3(signature = (lang = "en"))]
    fn builtin(py: Python<'_>, lang: &str) -> PyResult<PyLexicons> {
        if lang == "en" {
            return Ok(PyLexicons { data: builtin(py)? });
        }
        let lex = py.detach(|| quotelink::Lexicons::load(Lang::Builtin(lang), None)).map_err(|e| py_error(py, e))?;
        Ok(PyLexicons { data: LexData::new(lex, format!("built-in {lang:?}")) })
    }

    /// Lexicons from the files of a folder (`speakers.tsv`, `cues.tsv`, …;
    /// README, "Lexicons").
    ///
    /// With `base="en"` (the default) the folder extends the built-in English
    /// lexicons, as `quotelink extract --lexicons DIR` does; with `base=None`
    /// the folder is a whole language on its own (`--lang DIR`).
    ///
    /// Raises `LexiconError` (with `file`, `line` and every malformed line in
    /// `errors`) for malformed files, `FileNotFoundError` for a missing folder.
    #[staticmethod]
    #[pyo3(signature = (path, *, base = Some("en")), text_signature = "(path, *, base='en')")]
    fn from_dir(py: Python<'_>, path: PathBuf, base: Option<&str>) -> PyResult<PyLexicons> {
        let lex = py
            .detach(|| match base {
                Some(code) => quotelink::Lexicons::load(Lang::Builtin(code), Some(&path)),
                None => quotelink::Lexicons::load(Lang::Dir(&path), None),
            })
            .map_err(|e| py_error(py, e))?;
        let origin = match base {
            Some(code) => format!("built-in {code:?} + {}", path.display()),
            None => path.display().to_string(),
        };
        Ok(PyLexicons { data: LexData::new(lex, origin) })
    }

    fn __repr__(&self) -> String {
        format!("<quotelink.Lexicons {}>", self.data.origin)
    }
}

/// The `lexicons=` argument: None (built-in English), a `Lexicons`, or a
/// folder path (which extends the built-in lexicons).
fn lexicons_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<LexData>> {
    let Some(obj) = obj else { return builtin(py) };
    if let Ok(l) = obj.cast::<PyLexicons>() {
        return Ok(l.get().data.clone());
    }
    if let Ok(path) = obj.extract::<PathBuf>() {
        return Ok(PyLexicons::from_dir(py, path, Some("en"))?.data);
    }
    Err(PyTypeError::new_err(format!("lexicons must be a quotelink.Lexicons or a folder path, not {}", type_name(obj))))
}

// ---------------------------------------------------------------- arguments

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// `text`: a `str` (a `bytes` or anything else is a `TypeError`).
fn text_arg(obj: &Bound<'_, PyAny>, at: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!("{at}text must be a str, not {}", type_name(obj)))),
    }
}

/// Whether `obj` is a `datetime.date` (a `datetime`, a pandas `Timestamp`).
fn is_date(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    static DATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = obj.py();
    let date = DATE.get_or_try_init(py, || py.import("datetime")?.getattr("date").map(Bound::unbind))?;
    obj.is_instance(date.bind(py))
}

/// A date argument or cell: `None`, a blank string, NaN or a missing
/// timestamp (pandas `NaT`) mean none; a string must be `YYYY-MM-DD` or
/// RFC 3339; a `datetime.date` gives its day.
fn date_arg(obj: Option<&Bound<'_, PyAny>>, at: &str) -> PyResult<Option<String>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.trim().is_empty() {
            return Ok(None);
        }
        return match Date::parse(&s) {
            Some(d) => Ok(Some(d.to_string())),
            None => Err(PyValueError::new_err(format!("{at}date {s:?} is not YYYY-MM-DD or RFC 3339"))),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>()
        && f.value().is_nan()
    {
        return Ok(None);
    }
    if is_date(obj)? {
        let part = |name: &str| obj.getattr(name).and_then(|v| v.extract::<i64>());
        // pandas' NaT is a datetime whose year is NaN: a missing date
        let (Ok(y), Ok(m), Ok(d)) = (part("year"), part("month"), part("day")) else { return Ok(None) };
        return match Date::from_ymd(y, m, d) {
            Some(d) => Ok(Some(d.to_string())),
            None => Err(PyValueError::new_err(format!("{at}date {y:04}-{m:02}-{d:02} is out of range"))),
        };
    }
    Err(PyTypeError::new_err(format!("{at}date must be a str, a datetime.date or None, not {}", type_name(obj))))
}

/// An `id`: a `str` or an `int` (kept as written).
fn id_arg(obj: Option<&Bound<'_, PyAny>>, at: &str) -> PyResult<Option<String>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    if obj.cast::<PyInt>().is_ok() {
        return Ok(Some(obj.str()?.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!("{at}id must be a str, an int or None, not {}", type_name(obj))))
}

/// A document as the JSON Lines reader makes one: the given date (else the
/// text's own), the given title (else a header line's).
fn document(id: String, text: String, date: Option<String>, title: Option<String>) -> Document {
    let mut doc = Document::from_text(id, text);
    if date.is_some() {
        doc.date = date;
    }
    if title.is_some() {
        doc.title = title;
    }
    doc
}

/// One input of `extract_many`: a dict (`text`; `id`, `date`, `title`
/// optional), an `(id, text[, date])` tuple or list, or a plain `str`.
/// `index` is its 0-based position: the id when it gives none.
fn doc_from_item(obj: &Bound<'_, PyAny>, index: u64) -> PyResult<Document> {
    let at = format!("document {index}: ");
    let default_id = || index.to_string();
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(document(default_id(), s.to_cow()?.into_owned(), None, None));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let Some(text) = d.get_item("text")? else {
            return Err(PyValueError::new_err(format!("{at}the dict has no \"text\" key")));
        };
        let text = text_arg(&text, &at)?;
        let id = id_arg(d.get_item("id")?.as_ref(), &at)?.unwrap_or_else(default_id);
        let date = date_arg(d.get_item("date")?.as_ref(), &at)?;
        let title = match d.get_item("title")? {
            Some(t) if !t.is_none() => Some(text_arg(&t, &at).map_err(|_| {
                PyTypeError::new_err(format!("{at}title must be a str or None, not {}", type_name(&t)))
            })?),
            _ => None,
        };
        return Ok(document(id, text, date, title));
    }
    if obj.cast::<PyTuple>().is_ok() || obj.cast::<PyList>().is_ok() {
        let n = obj.len()?;
        if !(2..=3).contains(&n) {
            return Err(PyValueError::new_err(format!(
                "{at}a tuple must be (id, text) or (id, text, date), not {n} items"
            )));
        }
        let id = id_arg(Some(&obj.get_item(0)?), &at)?.unwrap_or_else(default_id);
        let text = text_arg(&obj.get_item(1)?, &at)?;
        let date = if n == 3 { date_arg(Some(&obj.get_item(2)?), &at)? } else { None };
        return Ok(document(id, text, date, None));
    }
    Err(PyTypeError::new_err(format!(
        "{at}expected a dict with \"text\", an (id, text, date) tuple or a str, not {}",
        type_name(obj)
    )))
}

fn jobs_arg(jobs: Option<i64>) -> PyResult<usize> {
    match jobs {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if n >= 1 && n as u64 <= quotelink::MAX_JOBS as u64 => Ok(n as usize),
        Some(n) => Err(PyValueError::new_err(format!("jobs must be from 1 to {}, not {n}", quotelink::MAX_JOBS))),
    }
}

fn kind_arg(kind: &str) -> PyResult<KindFilter> {
    match kind {
        "all" => Ok(KindFilter::All),
        "direct" => Ok(KindFilter::Direct),
        "indirect" => Ok(KindFilter::Indirect),
        _ => Err(PyValueError::new_err(format!("kind must be \"all\", \"direct\" or \"indirect\", not {kind:?}"))),
    }
}

// ---------------------------------------------------------------- rows

/// `quote`'s offsets in the text in code points (Python string indices),
/// one pair per row. ASCII text: the byte offsets. Otherwise one pass over
/// the text up to the last offset.
fn char_offsets(text: &str, rows: &[Record]) -> Vec<[usize; 2]> {
    if text.is_ascii() {
        return rows.iter().map(|r| [r.start, r.end]).collect();
    }
    let mut offsets: Vec<usize> = rows.iter().flat_map(|r| [r.start, r.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let bytes = text.as_bytes();
    let mut chars = Vec::with_capacity(offsets.len());
    let (mut pos, mut count) = (0, 0);
    for &o in &offsets {
        let o = o.min(bytes.len());
        // a code point starts at every byte that is not a continuation byte
        count += bytes[pos.min(o)..o].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        pos = pos.max(o);
        chars.push(count);
    }
    let at = |b: usize| chars[offsets.binary_search(&b).unwrap_or(0)];
    rows.iter().map(|r| [at(r.start), at(r.end)]).collect()
}

/// A row with its quote's offsets in code points.
type Row = (Record, [usize; 2]);

/// The rows' dict keys, made once: the column names, then the code-point
/// offsets.
struct Keys {
    columns: Vec<Py<PyString>>,
    char_start: Py<PyString>,
    char_end: Py<PyString>,
}

fn keys(py: Python<'_>) -> &Keys {
    static KEYS: PyOnceLock<Keys> = PyOnceLock::new();
    KEYS.get_or_init(py, || Keys {
        columns: COLUMNS.iter().map(|c| PyString::intern(py, c.name).unbind()).collect(),
        char_start: PyString::intern(py, "char_start").unbind(),
        char_end: PyString::intern(py, "char_end").unbind(),
    })
}

/// Turns rows into Python values, column by column. A cell equal to the
/// previous row's (the same source, date, kind, speaker…) reuses its Python
/// object instead of making another string.
#[derive(Default)]
struct Converter {
    prev: Option<Record>,
    cells: Vec<Py<PyAny>>,
}

impl Converter {
    /// The cells of `r`, in `COLUMNS` order.
    fn cells(&mut self, py: Python<'_>, r: Record) -> PyResult<&[Py<PyAny>]> {
        let fresh = self.prev.is_none();
        for (i, c) in COLUMNS.iter().enumerate() {
            let v = r.get(c.field);
            if !fresh && self.prev.as_ref().is_some_and(|p| p.get(c.field) == v) {
                continue;
            }
            let obj = match v {
                Value::Text(s) => PyString::new(py, s).into_any().unbind(),
                Value::Int(n) => n.into_pyobject(py)?.into_any().unbind(),
            };
            if fresh {
                self.cells.push(obj);
            } else {
                self.cells[i] = obj;
            }
        }
        self.prev = Some(r);
        Ok(&self.cells)
    }

    fn dict<'py>(&mut self, py: Python<'py>, keys: &Keys, (r, ch): Row) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (cell, k) in self.cells(py, r)?.iter().zip(&keys.columns) {
            d.set_item(k.bind(py), cell.bind(py))?;
        }
        d.set_item(keys.char_start.bind(py), ch[0])?;
        d.set_item(keys.char_end.bind(py), ch[1])?;
        Ok(d)
    }
}

/// Extract one document, a panic (a bug) becoming a `QuotelinkError`.
fn extract_one(engine: &Engine, doc: &Document) -> Result<Vec<Row>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let rows = engine.extract(doc);
        let chars = char_offsets(&doc.text, &rows);
        rows.into_iter().zip(chars).collect()
    }))
    .map_err(|p| panic_message(&*p))
}

/// The rows of one document: a list of dicts keyed by the CSV's column
/// names (`quotelink.COLUMNS`), plus `char_start` and `char_end`.
///
/// `start`/`end` are UTF-8 byte offsets of `quote` in the text, as in the
/// CSV; `char_start`/`char_end` are Python string indices:
/// `text[row["char_start"]:row["char_end"]] == row["quote"]`.
///
/// `date` (a `YYYY-MM-DD` or RFC 3339 string, a `datetime.date`, or None)
/// is the article's date; None reads it from the text (a `date YYYY-MM-DD`
/// header line or a dateline), as for a text file. `id` (str or int) is the
/// rows' `source`; None gives "". `lexicons`: a `Lexicons` or a folder that
/// extends the built-in ones. `keep_unattributed`: keep quotes with no
/// speaker (empty `speaker`).
///
/// Raises `TypeError` for a text that is not a str, `ValueError` for a
/// malformed date. The GIL is released while the text is analysed.
#[pyfunction]
#[pyo3(signature = (text, date = None, id = None, *, lexicons = None, keep_unattributed = false))]
fn extract<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    date: Option<&Bound<'py, PyAny>>,
    id: Option<&Bound<'py, PyAny>>,
    lexicons: Option<&Bound<'py, PyAny>>,
    keep_unattributed: bool,
) -> PyResult<Bound<'py, PyList>> {
    let text = text_arg(text, "")?;
    let date = date_arg(date, "")?;
    let id = id_arg(id, "")?.unwrap_or_default();
    let lex = lexicons_arg(py, lexicons)?;
    let doc = document(id, text, date, None);
    let rows = py
        .detach(|| extract_one(lex.engine(keep_unattributed), &doc))
        .map_err(|m| QuotelinkError::new_err(format!("internal error: {m}")))?;
    let keys = keys(py);
    let list = PyList::empty(py);
    let mut convert = Converter::default();
    for row in rows {
        list.append(convert.dict(py, keys, row)?)?;
    }
    Ok(list)
}

// ---------------------------------------------------------------- extract_many

/// What the pipeline's thread sends the Python iterator.
enum Msg {
    /// One document's rows (never empty).
    Rows(Vec<Row>),
    /// A document the pipeline could not process (a warning to Python).
    Warning(String),
    /// A batch was written: the pipeline has taken documents, and may take
    /// more.
    Progress,
    /// Every row has been sent.
    Done,
    /// The library failed (after the rows before the failure).
    Failed(Error),
}

/// The encoder of [`ChannelSink`]: each row with its code-point offsets,
/// computed on the worker threads.
struct RowEncoder;

impl Encoder for RowEncoder {
    type Output = Vec<Row>;

    fn encode(&self, rows: Vec<Record>) -> quotelink::Result<Vec<Row>> {
        // without the text, code points cannot be counted: byte offsets
        // (the pipeline calls encode_document)
        Ok(rows
            .into_iter()
            .map(|r| {
                let at = [r.start, r.end];
                (r, at)
            })
            .collect())
    }

    fn encode_document(&self, doc: &Document, rows: Vec<Record>) -> quotelink::Result<Vec<Row>> {
        let chars = char_offsets(&doc.text, &rows);
        Ok(rows.into_iter().zip(chars).collect())
    }
}

/// Sends each document's rows to the Python iterator; a closed channel (the
/// iterator was dropped) stops the run.
struct ChannelSink {
    tx: mpsc::SyncSender<Msg>,
}

impl Sink for ChannelSink {
    type Encoder = RowEncoder;

    fn encoder(&self) -> RowEncoder {
        RowEncoder
    }

    fn write(&mut self, rows: Vec<Row>) -> quotelink::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.tx.send(Msg::Rows(rows)).map_err(|_| Error::Output { message: "the row iterator was dropped".into() })
    }
}

/// Start the pipeline on a thread of its own, reading documents from
/// `docs`. The thread never touches Python: documents come from the Python
/// iterator on the caller's thread (RowIterator::feed).
fn spawn(
    lex: Arc<LexData>,
    keep_unattributed: bool,
    jobs: usize,
    docs: mpsc::Receiver<Document>,
) -> PyResult<(mpsc::Receiver<Msg>, std::thread::JoinHandle<()>)> {
    let (tx, rx) = mpsc::sync_channel::<Msg>(CHANNEL_ROWS);
    let thread = std::thread::Builder::new()
        .name("quotelink-extract-many".into())
        .spawn(move || {
            let engine = lex.engine(keep_unattributed);
            let mut sink = ChannelSink { tx: tx.clone() };
            let events = tx.clone();
            let run = Pipeline::new(engine).jobs(jobs).run(docs, &mut sink, move |e| {
                let _ = events.send(match e {
                    Event::Diagnostic(d) => Msg::Warning(d.message.clone()),
                    Event::Progress(_) => Msg::Progress,
                });
            });
            // a send fails only when the iterator was dropped
            let _ = tx.send(match run {
                Ok(_) => Msg::Done,
                Err(e) => Msg::Failed(e),
            });
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the extraction thread: {e}")))?;
    Ok((rx, thread))
}

/// The settings of a run, kept until the first `next()` starts it.
struct Start {
    lex: Arc<LexData>,
    keep_unattributed: bool,
    jobs: usize,
}

struct IterState {
    start: Option<Start>,
    /// The input, until it ends or fails.
    docs: Option<Py<PyIterator>>,
    /// To the pipeline; dropped when the input ends (the pipeline then
    /// finishes).
    to_pipeline: Option<mpsc::SyncSender<Document>>,
    /// A document the full channel did not take yet.
    pending: Option<Document>,
    /// Documents read so far (the next one's default id).
    index: u64,
    /// Raised after the rows of the documents before the failure.
    input_error: Option<PyErr>,
    rx: Option<mpsc::Receiver<Msg>>,
    thread: Option<std::thread::JoinHandle<()>>,
    current: std::vec::IntoIter<Row>,
    done: bool,
    convert: Converter,
}

impl IterState {
    /// Stop reading the input; the pipeline finishes what it has.
    fn close_input(&mut self) {
        self.docs = None;
        self.to_pipeline = None;
        self.pending = None;
    }

    /// Hand the pipeline documents from the Python iterator, on this thread
    /// (with the GIL), until its channel is full, the input ends, or a chunk
    /// has been read.
    fn feed(&mut self, py: Python<'_>) {
        let Some(tx) = self.to_pipeline.clone() else { return };
        let send = |state: &mut IterState, doc: Document| match tx.try_send(doc) {
            Ok(()) => true,
            Err(mpsc::TrySendError::Full(doc)) => {
                state.pending = Some(doc);
                false
            }
            Err(mpsc::TrySendError::Disconnected(_)) => {
                state.close_input();
                false
            }
        };
        if let Some(doc) = self.pending.take()
            && !send(self, doc)
        {
            return;
        }
        let Some(docs) = self.docs.as_ref() else { return self.close_input() };
        let mut it = docs.bind(py).clone();
        let mut bytes = 0;
        for _ in 0..PULL_DOCS {
            let doc = match it.next() {
                None => return self.close_input(),
                Some(Err(e)) => Err(e),
                Some(Ok(obj)) => doc_from_item(&obj, self.index),
            };
            match doc {
                Ok(doc) => {
                    self.index += 1;
                    bytes += doc.text.len();
                    if !send(self, doc) || bytes >= PULL_BYTES {
                        return;
                    }
                }
                Err(e) => {
                    self.input_error = Some(e);
                    return self.close_input();
                }
            }
        }
    }
}

/// The rows of `extract_many`, in input order: an iterator of dicts (see
/// `extract`). Documents are read from the input, on the thread that reads
/// the rows, as the rows are consumed; the extraction runs on other threads
/// without the GIL.
#[pyclass(name = "RowIterator", module = "quotelink", frozen)]
struct RowIterator {
    state: Mutex<IterState>,
}

impl RowIterator {
    /// The state, unless another thread is reading the rows.
    fn lock(&self) -> PyResult<std::sync::MutexGuard<'_, IterState>> {
        match self.state.try_lock() {
            Ok(g) => Ok(g),
            Err(std::sync::TryLockError::Poisoned(p)) => Ok(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                Err(PyRuntimeError::new_err("this row iterator is being read by another thread"))
            }
        }
    }

    /// The next row, or None at the end; feeds the pipeline documents, and
    /// waits for it without the GIL.
    fn next_row(py: Python<'_>, state: &mut IterState) -> PyResult<Option<Row>> {
        if let Some(Start { lex, keep_unattributed, jobs }) = state.start.take() {
            let (tx, docs) = mpsc::sync_channel::<Document>(CHANNEL_DOCS);
            let (rx, thread) = spawn(lex, keep_unattributed, jobs, docs)?;
            state.to_pipeline = Some(tx);
            state.rx = Some(rx);
            state.thread = Some(thread);
        }
        loop {
            if let Some(row) = state.current.next() {
                return Ok(Some(row));
            }
            if state.done {
                return match state.input_error.take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                };
            }
            state.feed(py);
            let Some(rx) = state.rx.take() else { return Ok(None) };
            let (rx, msg) = match rx.try_recv() {
                Ok(m) => (rx, Ok(m)),
                Err(mpsc::TryRecvError::Empty) => {
                    // wait only when the pipeline can go on without more
                    // input: the input has ended, or its channel is full
                    // (then a batch will be written, and a message sent)
                    if state.to_pipeline.is_some() && state.pending.is_none() {
                        state.rx = Some(rx);
                        continue;
                    }
                    py.detach(move || {
                        let m = rx.recv();
                        (rx, m)
                    })
                }
                Err(mpsc::TryRecvError::Disconnected) => (rx, Err(mpsc::RecvError)),
            };
            state.rx = Some(rx);
            match msg {
                Ok(Msg::Rows(rows)) => state.current = rows.into_iter(),
                Ok(Msg::Progress) => {}
                Ok(Msg::Warning(m)) => {
                    let msg = CString::new(m.replace('\0', " ")).unwrap_or_default();
                    PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &msg, 1)?;
                }
                Ok(Msg::Done) => {
                    state.done = true;
                    Self::join(py, state);
                }
                Ok(Msg::Failed(e)) => {
                    state.done = true;
                    state.input_error = None;
                    Self::join(py, state);
                    return Err(py_error(py, e));
                }
                Err(_) => {
                    state.done = true;
                    Self::join(py, state);
                    return Err(QuotelinkError::new_err("internal error: the extraction thread stopped"));
                }
            }
        }
    }

    /// Wait for the pipeline's thread to end (it has sent its last message).
    fn join(py: Python<'_>, state: &mut IterState) {
        state.close_input();
        state.rx = None;
        if let Some(t) = state.thread.take() {
            let _ = py.detach(move || t.join());
        }
    }
}

#[pymethods]
impl RowIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let mut guard = self.lock()?;
        let state = &mut *guard;
        match Self::next_row(py, state)? {
            Some(row) => Ok(Some(state.convert.dict(py, keys(py), row)?)),
            None => Ok(None),
        }
    }

    /// The remaining rows as columns: a dict from each row key (the column
    /// names, then `char_start` and `char_end`) to a list of values. Cheaper
    /// than a dict per row when the rows go into a DataFrame.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let keys = keys(py);
        let n = COLUMNS.len() + 2;
        let lists: Vec<Bound<'py, PyList>> = (0..n).map(|_| PyList::empty(py)).collect();
        let mut guard = self.lock()?;
        let state = &mut *guard;
        while let Some((r, ch)) = Self::next_row(py, state)? {
            for (cell, list) in state.convert.cells(py, r)?.iter().zip(&lists) {
                list.append(cell.bind(py))?;
            }
            lists[n - 2].append(ch[0])?;
            lists[n - 1].append(ch[1])?;
        }
        let out = PyDict::new(py);
        let names = keys.columns.iter().chain([&keys.char_start, &keys.char_end]);
        for (k, list) in names.zip(lists) {
            out.set_item(k.bind(py), list)?;
        }
        Ok(out)
    }
}

/// The rows of many documents, in input order: an iterator of dicts (see
/// `extract`), each with its document's id in `source`.
///
/// `docs` is any iterable (a list, a generator, a file's lines parsed on
/// the fly) of dicts with a `text` key (`id`, `date`, `title` optional), of
/// `(id, text)` or `(id, text, date)` tuples, or of plain strings. A
/// document with no id gets its 0-based position in the input.
///
/// The documents go through the library's parallel pipeline on `jobs`
/// threads (default: one per core) without the GIL; they are pulled from
/// `docs` as the rows are consumed, so memory holds a few batches, never
/// the input. A bad document (text not a str, a malformed date) raises
/// `TypeError`/`ValueError` after the rows of the documents before it; an
/// exception raised by `docs` itself is passed on the same way.
#[pyfunction]
#[pyo3(signature = (docs, jobs = None, *, lexicons = None, keep_unattributed = false))]
fn extract_many(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    jobs: Option<i64>,
    lexicons: Option<&Bound<'_, PyAny>>,
    keep_unattributed: bool,
) -> PyResult<RowIterator> {
    let jobs = jobs_arg(jobs)?;
    let lex = lexicons_arg(py, lexicons)?;
    if docs.cast::<PyString>().is_ok() || docs.cast::<PyDict>().is_ok() {
        return Err(PyTypeError::new_err(
            "docs must be an iterable of documents (for one document, use extract() or pass [doc])",
        ));
    }
    let docs = docs.try_iter()?.unbind();
    Ok(RowIterator {
        state: Mutex::new(IterState {
            start: Some(Start { lex, keep_unattributed, jobs }),
            docs: Some(docs),
            to_pipeline: None,
            pending: None,
            index: 0,
            input_error: None,
            rx: None,
            thread: None,
            current: Vec::new().into_iter(),
            done: false,
            convert: Converter::default(),
        }),
    })
}

// ---------------------------------------------------------------- check, compare

/// A path argument: a `str` or an `os.PathLike`.
fn path_arg(obj: &Bound<'_, PyAny>) -> Option<PathBuf> {
    if obj.cast::<PyString>().is_ok() || obj.hasattr("__fspath__").unwrap_or(false) {
        obj.extract::<PathBuf>().ok()
    } else {
        None
    }
}

/// A cell as text: a str as it is; None, NaN and NaT as ""; a date as
/// `YYYY-MM-DD`; anything else as `str()` gives it.
fn cell(obj: Option<Bound<'_, PyAny>>) -> PyResult<String> {
    let Some(obj) = obj else { return Ok(String::new()) };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if obj.is_none() {
        return Ok(String::new());
    }
    if let Ok(f) = obj.cast::<PyFloat>()
        && f.value().is_nan()
    {
        return Ok(String::new());
    }
    if is_date(&obj)? {
        return Ok(date_arg(Some(&obj), "")?.unwrap_or_default());
    }
    Ok(obj.str()?.to_cow()?.into_owned())
}

/// Get `key` from a row (a dict, a pandas Series, any mapping); None when
/// it has no such key.
fn field<'py>(row: &Bound<'py, PyAny>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    match row.get_item(key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(row.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Rows given to `check` (as dicts with the CSV's keys).
fn quote_rows(rows: &Bound<'_, PyAny>, known: bool) -> PyResult<Vec<QuoteRow>> {
    let mut out = Vec::new();
    for row in rows.try_iter()? {
        let row = row?;
        let get = |k: &str| field(&row, k).and_then(cell);
        let mut q = QuoteRow::new(&get("source")?, &get("speaker")?, &get("quote")?, &get("date")?, &get("kind")?);
        if known && field(&row, "must_find")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false) {
            q = q.must_find();
        }
        out.push(q);
    }
    Ok(out)
}

/// Score rows against known quotes, as `quotelink check` does; returns its
/// JSON report as plain data (a dict: `overall`, `by_kind`, `by_speaker`,
/// `speaker_accuracy`, `missed`, `unexpected`, `wrong_speaker`, `passed`,
/// …).
///
/// `known`: a path (a CSV with speaker,quote,date,source[,kind,must_find],
/// or an annotated JSON Lines corpus) or an iterable of dicts with those
/// keys. `rows`: rows from `extract`/`extract_many` (dicts, or a DataFrame's
/// records), or the path of a CSV/JSONL file `quotelink extract` wrote.
#[pyfunction]
#[pyo3(signature = (known, rows, *, kind = "all", lexicons = None, min_overlap = 0.8, min_row_overlap = 0.3,
    precision_overlap = 0.5, min_recall = 1.0, min_precision = 0.0, min_speaker_accuracy = 1.0))]
#[allow(clippy::too_many_arguments)]
fn check<'py>(
    py: Python<'py>,
    known: &Bound<'py, PyAny>,
    rows: &Bound<'py, PyAny>,
    kind: &str,
    lexicons: Option<&Bound<'py, PyAny>>,
    min_overlap: f64,
    min_row_overlap: f64,
    precision_overlap: f64,
    min_recall: f64,
    min_precision: f64,
    min_speaker_accuracy: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = kind_arg(kind)?;
    let known = match path_arg(known) {
        Some(p) => py.detach(|| KnownQuotes::read(&p, kind)).map_err(|e| py_error(py, e))?,
        None => KnownQuotes::new(quote_rows(known, true)?, kind),
    };
    let rows = match path_arg(rows) {
        Some(p) => py.detach(|| QuoteRow::read_file(&p)).map_err(|e| py_error(py, e))?,
        None => quote_rows(rows, false)?,
    };
    let lex = lexicons_arg(py, lexicons)?;
    let opts = CheckOptions {
        min_overlap,
        min_row_overlap,
        precision_overlap,
        min_recall,
        min_precision,
        min_speaker_accuracy,
    };
    let report = py.detach(|| {
        let report = quotelink::check(&known, &rows, &lex.lexicons, &opts);
        serde_json::to_string(&report)
    });
    let json = report.map_err(|e| QuotelinkError::new_err(format!("internal error: {e}")))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// Group rows into statements (rows of one speaker that say the same
/// thing, across days and outlets), as `quotelink compare` does. Returns a
/// list of dicts, ordered by speaker and first day: `speaker`,
/// `first_said_on`, `first_reported_on`, `last_reported_on`, `outlets`,
/// `representative` (the wording) and `rows` (dicts with speaker, quote,
/// date, said_on, kind, source, outlet; `outlets` counts distinct
/// outlets, a row without one by its source).
///
/// `rows`: rows from `extract`/`extract_many` (dicts, or a DataFrame's
/// records), or the path of a CSV/JSONL file `quotelink extract` wrote.
/// `speaker` keeps one speaker (any alias or part of the name); `from_date`
/// and `to_date` bound the report dates, `since` keeps statements first made
/// on or after a day (`YYYY-MM-DD` strings or `datetime.date`s).
#[pyfunction]
#[pyo3(signature = (rows, *, similarity = 0.6, speaker = None, from_date = None, to_date = None, since = None,
    kind = "all", lexicons = None))]
#[allow(clippy::too_many_arguments)]
fn compare<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    similarity: f64,
    speaker: Option<String>,
    from_date: Option<&Bound<'py, PyAny>>,
    to_date: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    kind: &str,
    lexicons: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let kind = kind_arg(kind)?;
    let rows = match path_arg(rows) {
        Some(p) => match py.detach(|| StatementRow::read_file(&p)).map_err(|e| py_error(py, e))? {
            Some(rows) => rows,
            None => {
                return Err(PyValueError::new_err(format!(
                    "{}: holds no rows (give a CSV or JSONL file that `quotelink extract` wrote)",
                    p.display()
                )));
            }
        },
        None => {
            let mut out = Vec::new();
            for row in rows.try_iter()? {
                let row = row?;
                let get = |k: &str| field(&row, k).and_then(cell);
                out.push(StatementRow {
                    speaker: get("speaker")?,
                    quote: get("quote")?,
                    date: get("date")?,
                    said_on: get("said_on")?,
                    kind: get("kind")?,
                    source: get("source")?,
                    outlet: get("outlet")?,
                });
            }
            out
        }
    };
    let opts = CompareOptions {
        similarity,
        speaker,
        from: date_arg(from_date, "from_date: ")?,
        to: date_arg(to_date, "to_date: ")?,
        since: date_arg(since, "since: ")?,
        kind,
    };
    let lex = lexicons_arg(py, lexicons)?;
    let statements = py.detach(|| quotelink::compare(rows, &lex.lexicons, &opts)).map_err(|e| py_error(py, e))?;
    let out = PyList::empty(py);
    for s in &statements {
        let d = PyDict::new(py);
        d.set_item("speaker", &s.speaker)?;
        d.set_item("first_said_on", s.first_said_on())?;
        d.set_item("first_reported_on", s.first_reported_on())?;
        d.set_item("last_reported_on", s.last_reported_on())?;
        d.set_item("outlets", s.outlets())?;
        d.set_item("representative", s.representative())?;
        let rows = PyList::empty(py);
        for (r, why) in s.rows.iter().zip(&s.joined_by) {
            let row = PyDict::new(py);
            row.set_item("speaker", &r.speaker)?;
            row.set_item("quote", &r.quote)?;
            row.set_item("date", &r.date)?;
            row.set_item("said_on", &r.said_on)?;
            row.set_item("kind", &r.kind)?;
            row.set_item("source", &r.source)?;
            row.set_item("outlet", &r.outlet)?;
            row.set_item("joined_by", why.as_str())?;
            rows.append(row)?;
        }
        d.set_item("rows", rows)?;
        out.append(d)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------- module

/// The native part of the `quotelink` package; import `quotelink` instead.
#[pymodule]
fn _quotelink(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_class::<PyLexicons>()?;
    m.add_class::<RowIterator>()?;
    m.add("QuotelinkError", py.get_type::<QuotelinkError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    // the columns, in order, with their types: "text", "int" or "date"
    let columns: Vec<(&str, &str)> = COLUMNS
        .iter()
        .map(|c| {
            let ty = match c.ty {
                ColumnType::Text => "text",
                ColumnType::Int => "int",
                ColumnType::Date => "date",
            };
            (c.name, ty)
        })
        .collect();
    m.add("COLUMNS", columns)?;
    m.add("MAX_JOBS", quotelink::MAX_JOBS)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
