//! Ordered, parallel, bounded-memory extraction: documents in, rows out to
//! a [`Sink`].
//!
//! Three stages overlap. The calling thread pulls documents from the input
//! iterator (file I/O, splitting lines) and groups them into batches; a
//! pool of worker threads turns each document into a document (parsing a
//! JSON line is left to this stage, see [`IntoDocument`]), extracts its rows
//! and encodes them with the sink's [`Encoder`] (CSV and JSONL rows become
//! bytes there, in parallel); a writer thread hands the results to the sink
//! in input order. Up to [`MAX_IN_FLIGHT`] batches are on the pool at once,
//! so that the last documents of one batch overlap the first of the next
//! instead of leaving a thread idle; the writer hands a slot back for each
//! batch it writes. Bounded channels and slots keep a few batches in
//! memory, never the input.
//!
//! Invariants: the sink receives every document's rows in input order,
//! and the same rows and messages whatever the number of threads. Warnings
//! and failures (from reading, parsing, or a document whose extraction
//! panicked) reach the [`Event`] callback in input order too; so does
//! progress, after each batch. The pipeline never prints.

use std::sync::mpsc;

use rayon::prelude::*;

use crate::attribute::Engine;
use crate::input::{Diagnostic, Diagnostics, Document, Level};
use crate::record::Record;
use crate::{Error, Result};

/// Documents handed to the worker threads at once: enough to keep every
/// core busy, few enough that memory holds a handful of batches, not the
/// input.
const BATCH_DOCS: usize = 256;
/// Input bytes in one batch, at most (a batch of long documents is cut short).
const BATCH_BYTES: usize = 8 << 20;
/// Batches on the worker pool at once, at most: one per thread and one
/// more, so that a batch's last documents overlap the next batch's first.
pub(crate) const MAX_IN_FLIGHT: usize = 3;

/// An input the pipeline can take: a [`Document`], or something that
/// becomes one on a worker thread (a JSON line still to be parsed, see
/// [`crate::input::Item`]).
pub trait IntoDocument: Send {
    /// The input's size in bytes, for progress.
    fn input_len(&self) -> usize;
    /// The document; `None` when there is none (problems go to `diag`).
    fn into_document(self, diag: &mut Diagnostics) -> Option<Document>;
}

impl IntoDocument for Document {
    fn input_len(&self) -> usize {
        self.text.len()
    }

    fn into_document(self, _: &mut Diagnostics) -> Option<Document> {
        Some(self)
    }
}

/// Turns one document's rows into what its [`Sink`] writes. It runs on the
/// worker threads, in parallel, so that the costly part of writing (CSV
/// quoting, JSON escaping) is not left to the one writer thread.
pub trait Encoder: Sync {
    /// One document's rows, encoded.
    type Output: Send;
    /// Encode one document's rows (in order).
    fn encode(&self, rows: Vec<Record>) -> Result<Self::Output>;

    /// Encode one document's rows with the document at hand: what the
    /// pipeline calls. An encoder that needs the text (a language binding
    /// that gives offsets in its own string units) overrides this; the
    /// default is [`Encoder::encode`].
    fn encode_document(&self, doc: &Document, rows: Vec<Record>) -> Result<Self::Output> {
        let _ = doc;
        self.encode(rows)
    }
}

/// The encoder of a sink that takes the rows themselves.
#[derive(Debug, Clone, Copy, Default)]
pub struct PassRecords;

impl Encoder for PassRecords {
    type Output = Vec<Record>;

    fn encode(&self, rows: Vec<Record>) -> Result<Vec<Record>> {
        Ok(rows)
    }
}

/// Where a [`Pipeline`] puts the rows: the pipeline drives, the sink
/// consumes. A sink gives an [`Encoder`] that runs on the worker threads
/// and receives each document's encoded rows, in input order, on one
/// thread. CSV and JSONL writers encode to bytes; a workbook or a
/// collector takes the records ([`PassRecords`]); `Vec<Record>` is a sink
/// that collects every row.
pub trait Sink: Send {
    /// Runs on the worker threads; see [`Encoder`].
    type Encoder: Encoder;
    /// The encoder of this sink's rows, made once per run.
    fn encoder(&self) -> Self::Encoder;
    /// Take one document's rows (possibly none), in input order. An error
    /// stops the run, and [`Pipeline::run`] returns it.
    fn write(&mut self, rows: <Self::Encoder as Encoder>::Output) -> Result<()>;
}

impl Sink for Vec<Record> {
    type Encoder = PassRecords;

    fn encoder(&self) -> PassRecords {
        PassRecords
    }

    fn write(&mut self, rows: Vec<Record>) -> Result<()> {
        self.extend(rows);
        Ok(())
    }
}

/// How far a run has got: totals since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Input bytes of the items written (see [`IntoDocument::input_len`]).
    pub bytes: u64,
    /// Documents whose rows were written.
    pub docs: u64,
}

/// What a run reports while it goes, in input order, from the writer thread.
#[derive(Debug)]
pub enum Event<'a> {
    /// A warning or a failed input.
    Diagnostic(&'a Diagnostic),
    /// A batch was written; the totals so far.
    Progress(Progress),
}

/// What a finished run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Totals of input bytes and documents written.
    pub progress: Progress,
    /// Warnings reported.
    pub warnings: usize,
    /// Inputs that failed (unreadable, unparsable, or a document whose
    /// extraction failed).
    pub failures: usize,
}

/// The most worker threads a [`Pipeline`] runs: more only costs memory
/// (each holds a batch of documents), and tens of thousands of threads
/// cannot be started at all.
pub const MAX_JOBS: usize = 1024;

/// Ordered parallel extraction with one [`Engine`]; see the module docs.
///
/// ```
/// use quotelink::{Document, Engine, Lexicons, Options, Pipeline, Record};
/// let engine = Engine::new(Lexicons::builtin().unwrap(), Options::default());
/// let docs = vec![Document::from_text("a.txt", " date 2026-02-04 X\n\"We are ready,\" Peskov said.")];
/// let mut rows: Vec<Record> = Vec::new();
/// let summary = Pipeline::new(&engine).jobs(2).run(docs, &mut rows, |_| {}).unwrap();
/// assert_eq!(summary.progress.docs, 1);
/// assert_eq!(rows[0].speaker, "Dmitry Peskov");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Pipeline<'e> {
    engine: &'e Engine,
    jobs: usize,
}

/// One input's outcome on its way to the writer: its messages, and the
/// document's name with its encoded rows (or why it has none).
type Done<T> = (Diagnostics, Option<(String, std::result::Result<T, String>)>);
/// A batch's index, its input bytes, and its outcomes in input order.
type BatchDone<T> = (usize, u64, Vec<Done<T>>);

impl<'e> Pipeline<'e> {
    /// A pipeline over `engine`, with one worker thread per core.
    pub fn new(engine: &'e Engine) -> Pipeline<'e> {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        Pipeline { engine, jobs }
    }

    /// Use `n` worker threads, at least one and at most [`MAX_JOBS`].
    /// The output is the same whatever the number.
    pub fn jobs(mut self, n: usize) -> Pipeline<'e> {
        self.jobs = n.clamp(1, MAX_JOBS);
        self
    }

    /// Extract the rows of every input of `docs` into `sink`, in input
    /// order, calling `on_event` (on another thread) with each warning and
    /// failure and with progress. Returns the totals, or the sink's first
    /// error (reading then stops).
    pub fn run<I, S, F>(&self, docs: I, sink: &mut S, on_event: F) -> Result<Summary>
    where
        I: IntoIterator,
        I::Item: IntoDocument,
        S: Sink,
        F: FnMut(Event<'_>) + Send,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs)
            .build()
            .map_err(|e| Error::Io { path: None, source: std::io::Error::other(e) })?;
        let encoder = sink.encoder();
        let (tx, rx) = mpsc::sync_channel::<Vec<I::Item>>(2);
        let (tx_done, rx_done) = mpsc::channel::<BatchDone<<S::Encoder as Encoder>::Output>>();
        let in_flight = (self.jobs + 1).min(MAX_IN_FLIGHT);
        let (tx_slot, rx_slot) = mpsc::sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = tx_slot.send(()); // cannot block: the channel holds in_flight
        }
        let (engine, encoder) = (self.engine, &encoder);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                pool.in_place_scope(|s| {
                    for (index, batch) in rx.into_iter().enumerate() {
                        if rx_slot.recv().is_err() {
                            return; // the writer stopped
                        }
                        let tx_done = tx_done.clone();
                        s.spawn(move |_| {
                            let done = process_batch(engine, encoder, batch);
                            // a closed channel means the writer stopped
                            let _ = tx_done.send((index, done.0, done.1));
                        });
                    }
                });
            });
            let writer = scope.spawn(move || write_in_order(rx_done, tx_slot, sink, on_event));
            read_batches(docs, &tx);
            drop(tx);
            writer.join().unwrap_or_else(|_| Err(Error::Output { message: "the writer thread failed".into() }))
        })
    }
}

/// Pull inputs and send them on in batches, until the inputs end or the
/// writer stops (a closed channel; its error is what the run returns).
fn read_batches<I>(docs: I, tx: &mpsc::SyncSender<Vec<I::Item>>)
where
    I: IntoIterator,
    I::Item: IntoDocument,
{
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    for item in docs {
        batch_bytes += item.input_len();
        batch.push(item);
        if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            if tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// On the pool: parse, extract and encode every input of a batch, in
/// parallel; the outcomes keep the batch's order.
fn process_batch<T, E>(engine: &Engine, encoder: &E, batch: Vec<T>) -> (u64, Vec<Done<E::Output>>)
where
    T: IntoDocument,
    E: Encoder,
{
    let bytes: u64 = batch.iter().map(|i| i.input_len() as u64).sum();
    let results = batch
        .into_par_iter()
        .map(|item| {
            let mut msgs = Diagnostics::default();
            let done = item.into_document(&mut msgs).map(|doc| {
                let rows = extract_guarded(engine, &doc).and_then(|rows| {
                    encoder.encode_document(&doc, rows).map_err(|e| format!("cannot encode rows: {e}"))
                });
                (doc.source, rows)
            });
            (msgs, done)
        })
        .collect();
    (bytes, results)
}

/// The writer thread: take batches as they finish, hand them to the sink in
/// input order, report their messages and progress.
fn write_in_order<S, F>(
    rx_done: mpsc::Receiver<BatchDone<<S::Encoder as Encoder>::Output>>,
    tx_slot: mpsc::SyncSender<()>,
    sink: &mut S,
    mut on_event: F,
) -> Result<Summary>
where
    S: Sink,
    F: FnMut(Event<'_>),
{
    let mut summary = Summary::default();
    // batches finish out of order: keep them until their turn
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    for (index, bytes, results) in rx_done {
        waiting.insert(index, (bytes, results));
        while let Some((bytes, results)) = waiting.remove(&next) {
            next += 1;
            let _ = tx_slot.send(()); // the pool may start another batch
            for (mut msgs, done) in results {
                for d in msgs.drain() {
                    report(d, &mut summary, &mut on_event);
                }
                let Some((source, rows)) = done else { continue };
                summary.progress.docs += 1;
                match rows {
                    Ok(rows) => sink.write(rows)?,
                    Err(msg) => {
                        let message = format!("{source}: internal error, document skipped: {msg}");
                        report(Diagnostic { level: Level::Error, message }, &mut summary, &mut on_event);
                    }
                }
            }
            summary.progress.bytes += bytes;
            on_event(Event::Progress(summary.progress));
        }
    }
    Ok(summary)
}

/// Count a message in `summary` and pass it on.
fn report(d: Diagnostic, summary: &mut Summary, on_event: &mut impl FnMut(Event<'_>)) {
    match d.level {
        Level::Warning => summary.warnings += 1,
        Level::Error => summary.failures += 1,
    }
    on_event(Event::Diagnostic(&d));
}

thread_local! {
    /// Set while a document is extracted under `catch_unwind`.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is extracting a document under the pipeline's panic
/// guard: a panic there costs that document only and is reported as a
/// failure with the document's name, so a panic hook may stay quiet.
pub fn in_guarded_extraction() -> bool {
    GUARDED.with(|g| g.get())
}

/// Extract one document; a panic (a bug) costs that document only and is
/// reported with its name instead of ending the run.
fn extract_guarded(engine: &Engine, doc: &Document) -> std::result::Result<Vec<Record>, String> {
    GUARDED.with(|g| g.set(true));
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.extract(doc)));
    GUARDED.with(|g| g.set(false));
    res.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{ReadOptions, Reader, Source};
    use crate::{Lexicons, Options};

    fn engine() -> Engine {
        Engine::new(Lexicons::builtin().unwrap(), Options::default())
    }

    /// More documents than one batch holds, each with its own rows (the
    /// sample articles, renamed so that every document's rows differ).
    fn documents() -> Vec<Document> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/articles");
        let mut texts: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
        texts.sort();
        texts.push(" date 2026-02-04 X\n\"We are ready,\" Peskov said.".into());
        texts.push(" date 2026-02-04 X\nNo quotation here.".into());
        (0..3 * BATCH_DOCS + 7)
            .map(|i| Document::from_text(format!("doc{i}"), texts[i % texts.len()].clone()))
            .collect()
    }

    #[test]
    fn a_collector_gets_the_engines_rows_in_input_order_whatever_the_jobs() {
        let engine = engine();
        let docs = documents();
        let want: Vec<Record> = docs.iter().flat_map(|d| engine.extract(d)).collect();
        assert!(want.len() > docs.len(), "too few rows to show an order: {}", want.len());
        for jobs in [1, 3] {
            let mut got: Vec<Record> = Vec::new();
            let summary = Pipeline::new(&engine).jobs(jobs).run(docs.clone(), &mut got, |_| {}).unwrap();
            assert_eq!(got, want, "jobs {jobs}");
            assert_eq!(summary.progress.docs, docs.len() as u64);
            assert_eq!((summary.warnings, summary.failures), (0, 0));
        }
    }

    #[test]
    fn progress_is_reported_per_batch_and_adds_up() {
        let engine = engine();
        let docs = documents();
        let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
        let mut seen = Vec::new();
        let mut rows: Vec<Record> = Vec::new();
        let summary = Pipeline::new(&engine)
            .jobs(2)
            .run(docs.clone(), &mut rows, |e| {
                if let Event::Progress(p) = e {
                    seen.push(p);
                }
            })
            .unwrap();
        assert_eq!(seen.len(), docs.len().div_ceil(BATCH_DOCS), "one report per batch: {seen:?}");
        assert!(seen.windows(2).all(|w| w[0].bytes < w[1].bytes && w[0].docs < w[1].docs), "{seen:?}");
        let last = *seen.last().unwrap();
        assert_eq!(last, Progress { bytes, docs: docs.len() as u64 });
        assert_eq!(summary.progress, last);
    }

    #[test]
    fn messages_arrive_in_input_order_and_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("a.jsonl");
        let lines = [
            r#"{"id":"one","text":"\"We are ready,\" Peskov said.","date":"2026-02-04"}"#,
            r#"{"id":"two","text":"#,
            r#"{"id":"three","text":"\"Nothing to add,\" Peskov said."}"#,
        ];
        std::fs::write(&jsonl, lines.join("\n")).unwrap();
        let undated = dir.path().join("b.txt");
        std::fs::write(&undated, "\"We want peace,\" Zelensky said.").unwrap();
        let sources = vec![
            Source { path: Some(jsonl), gzip: false, format: None, folder: None },
            Source { path: Some(dir.path().join("missing.txt")), gzip: false, format: None, folder: None },
            Source { path: Some(undated), gzip: false, format: None, folder: None },
        ];
        let opts = ReadOptions::default();
        let engine = engine();
        for jobs in [1, 3] {
            let mut messages = Vec::new();
            let mut rows: Vec<Record> = Vec::new();
            let summary = Pipeline::new(&engine)
                .jobs(jobs)
                .run(Reader::new(sources.clone(), &opts), &mut rows, |e| {
                    if let Event::Diagnostic(d) = e {
                        let file = d.message.split(':').next().unwrap();
                        let file = std::path::Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
                        messages.push((d.level, file));
                    }
                })
                .unwrap();
            let want = [
                (Level::Error, "a.jsonl".to_string()),
                (Level::Warning, "a.jsonl".to_string()),
                (Level::Error, "missing.txt".to_string()),
                (Level::Warning, "b.txt".to_string()),
            ];
            assert_eq!(messages, want, "jobs {jobs}");
            assert_eq!((summary.warnings, summary.failures, summary.progress.docs), (2, 2, 3));
            let sources: Vec<&str> = rows.iter().map(|r| r.source.as_str()).collect();
            assert_eq!(sources.first(), Some(&"one"));
            assert!(sources.last().unwrap().ends_with("b.txt"), "{sources:?}");
        }
    }

    /// A sink whose encoder reads each document's text: (text length, rows).
    struct TextLengths(Vec<(usize, usize)>);

    struct TextEncoder;

    impl Encoder for TextEncoder {
        type Output = (usize, usize);
        fn encode(&self, rows: Vec<Record>) -> Result<(usize, usize)> {
            Ok((0, rows.len()))
        }
        fn encode_document(&self, doc: &Document, rows: Vec<Record>) -> Result<(usize, usize)> {
            Ok((doc.text.len(), rows.len()))
        }
    }

    impl Sink for TextLengths {
        type Encoder = TextEncoder;
        fn encoder(&self) -> TextEncoder {
            TextEncoder
        }
        fn write(&mut self, out: (usize, usize)) -> Result<()> {
            self.0.push(out);
            Ok(())
        }
    }

    #[test]
    fn an_encoder_sees_each_document_with_its_rows() {
        let engine = engine();
        let docs = documents();
        let want: Vec<(usize, usize)> = docs.iter().map(|d| (d.text.len(), engine.extract(d).len())).collect();
        let mut sink = TextLengths(Vec::new());
        Pipeline::new(&engine).jobs(2).run(docs, &mut sink, |_| {}).unwrap();
        assert_eq!(sink.0, want);
    }

    /// A sink that fails on its second document.
    struct FailingSink(usize);

    impl Sink for FailingSink {
        type Encoder = PassRecords;
        fn encoder(&self) -> PassRecords {
            PassRecords
        }
        fn write(&mut self, _: Vec<Record>) -> Result<()> {
            self.0 += 1;
            if self.0 == 2 {
                return Err(Error::Output { message: "disk full".into() });
            }
            Ok(())
        }
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        let engine = engine();
        let mut sink = FailingSink(0);
        let err = Pipeline::new(&engine).jobs(2).run(documents(), &mut sink, |_| {}).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(sink.0, 2, "the sink was written to after its error");
    }
}
