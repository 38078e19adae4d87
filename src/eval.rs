//! Checking rows against known quotes: the library side of `quotelink check`.
//!
//! Known quotes ([`KnownQuotes`]) are either a CSV in quotelink's own row
//! format (`speaker,quote,date,source`; `kind` and `must_find` optional) or
//! an annotated-corpus JSON Lines file (documents with their `quotes`, as in
//! `../shared/eval`). The rows to check are [`QuoteRow`]s: made from the
//! [`Record`]s an [`Engine`](crate::Engine) extracted, or read from a file
//! quotelink wrote earlier ([`QuoteRow::read_file`]). [`check`] compares them and
//! returns a [`CheckReport`], plain data that serialises to `check`'s JSON
//! report.
//!
//! Matching is on words: quote marks, case, punctuation and whitespace are
//! ignored (text is NFKD-folded to ASCII letters and digits). Within one
//! document:
//! - a known quote is **found** when a row holds at least
//!   [`min_overlap`](CheckOptions::min_overlap) of its words, and at least
//!   [`min_row_overlap`](CheckOptions::min_row_overlap) of the row's words
//!   are in it;
//! - a row is **correct** when at least
//!   [`precision_overlap`](CheckOptions::precision_overlap) of its words lie
//!   in one known quote.
//!
//! Precision = correct rows / rows; recall = found quotes / known quotes.
//! Rows of documents the known quotes do not cover are not counted. Speakers
//! match through the gazetteer (aliases and spelling variants map to one
//! canonical name), or when one name's words contain the other's ("Flynn",
//! "Michael Flynn"); for an annotated corpus, whose speakers are mentions as
//! written, a speaker is checked only when the mention holds a capitalised
//! name, and matches when the row's speaker shares a name word with it.
//!
//! With the thresholds of `../shared/tools/score_quotes.py` the figures
//! agree with that script's (`.ci/eval-polnear` compares them).
//!
//! Near-linear in the rows and known quotes of a document: a known quote is
//! compared only with the rows that hold one of its rarest words (enough of
//! them that a row holding none cannot reach the overlap), through an
//! inverted index; rows with the same words, speaker and date are one; and
//! the scan stops once it has what the report needs. 100,000 known quotes
//! against 100,000 rows of one document take about a second
//! (`benches/bench.py`).
//!
//! ```
//! use quotelink::{KindFilter, CheckOptions, KnownQuotes, Lexicons, QuoteRow, check};
//! let known = KnownQuotes::new(
//!     vec![QuoteRow::new("a.txt", "Dmitry Peskov", "We are ready", "2026-02-04", "direct")],
//!     KindFilter::Direct,
//! );
//! let rows = [QuoteRow::new("dir/a.txt", "Peskov", "We are ready,", "2026-02-04", "direct")];
//! let report = check(&known, &rows, &Lexicons::builtin().unwrap(), &CheckOptions::default());
//! assert_eq!((report.overall.found, report.speaker_correct), (1, 1));
//! assert!(report.passed);
//! ```

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::lexicon::Lexicons;
use crate::mentions::Gazetteer;
use crate::record::Record;
use crate::rows::{RowFields, fold_words, input_error, is_jsonl, nonblank_lines, read_row_file};

/// Which quotes to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    /// Quotations: `direct` rows; for an annotated corpus, the quoted
    /// segments of direct and mixed attributions.
    Direct,
    /// Reported claims: `indirect` and `mixed` rows; for an annotated
    /// corpus, the content of indirect and mixed attributions.
    Indirect,
    /// Every row (a CSV's `kind` then decides, row by row).
    #[default]
    All,
}

impl KindFilter {
    /// Whether a known quote of `kind` is compared (one with no kind always is).
    fn selects_known(self, kind: &str) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Direct => kind == "direct" || kind.is_empty(),
            KindFilter::Indirect => kind == "indirect" || kind == "mixed" || kind.is_empty(),
        }
    }

    /// Whether a row of `kind` is compared.
    pub(crate) fn selects_row(self, kind: &str) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Direct => kind == "direct",
            KindFilter::Indirect => kind == "indirect" || kind == "mixed",
        }
    }
}

/// The thresholds of matching and the bars a check must pass. The defaults
/// are `quotelink check`'s.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// Share of a known quote's words that a row must hold to find it (0.8).
    pub min_overlap: f64,
    /// Share of a row's words that must be in the known quote it finds (0.3).
    pub min_row_overlap: f64,
    /// Share of a row's words that must lie in one known quote for the row
    /// to count as correct (0.5).
    pub precision_overlap: f64,
    /// The check fails when recall is below this (1.0).
    pub min_recall: f64,
    /// The check fails when precision is below this (0.0).
    pub min_precision: f64,
    /// The check fails when speaker accuracy (of the found known quotes
    /// whose speaker can be checked) is below this (1.0: every found quote
    /// must carry its known speaker). Ignored when no speaker was checked.
    pub min_speaker_accuracy: f64,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            min_overlap: 0.8,
            min_row_overlap: 0.3,
            precision_overlap: 0.5,
            min_recall: 1.0,
            min_precision: 0.0,
            min_speaker_accuracy: 1.0,
        }
    }
}

/// A known quote or a row to check, reduced to what matching needs: its
/// document, speaker, words, date and kind.
#[derive(Debug, Clone)]
pub struct QuoteRow {
    doc: String,
    speaker: String,
    quote: String,
    date: String,
    kind: String,
    words: Vec<String>,
    must_find: bool,
}

impl QuoteRow {
    /// A row of the document `source` (a path or an id; only the file name
    /// without `.txt` identifies the document, so `dir/a.txt` and `a` are
    /// one document). `kind` is `direct`, `indirect`, `mixed` or empty.
    pub fn new(source: &str, speaker: &str, quote: &str, date: &str, kind: &str) -> QuoteRow {
        QuoteRow::in_document(doc_key(source), speaker.into(), quote.into(), date.into(), kind.into())
    }

    /// The row of an extracted [`Record`].
    pub fn from_record(r: Record) -> QuoteRow {
        QuoteRow::in_document(doc_key(&r.source), r.speaker, r.quote, r.date, r.kind.as_str().to_string())
    }

    fn in_document(doc: String, speaker: String, quote: String, date: String, kind: String) -> QuoteRow {
        // sorted, so that two rows' shared words are counted by one merge
        let mut words = words(&quote);
        words.sort_unstable();
        QuoteRow { doc, speaker, words, quote, date, kind, must_find: false }
    }

    fn from_fields(m: &RowFields) -> QuoteRow {
        let get = |k: &str| m.get(k);
        let mut row =
            QuoteRow::in_document(doc_key(&get("source")), get("speaker"), get("quote"), get("date"), get("kind"));
        row.must_find = m.has("must_find") && truthy(&get("must_find"));
        row
    }

    /// The rows of a file quotelink wrote earlier (a `.csv` with at least
    /// the `quote` and `source` columns, or `.jsonl` lines with `speaker` and
    /// `quote`), to check instead of extracting again. A CSV's `must_find`
    /// column is read too. Errors name the file and, for a malformed row,
    /// its line.
    pub fn read_file(path: &Path) -> Result<Vec<QuoteRow>> {
        read_rows(path)
    }

    /// Marks a known quote that must be found whatever the recall bar.
    pub fn must_find(mut self) -> QuoteRow {
        self.must_find = true;
        self
    }

    /// The document the row belongs to.
    pub fn document(&self) -> &str {
        &self.doc
    }

    /// The words as given.
    pub fn quote(&self) -> &str {
        &self.quote
    }

    /// The speaker as given.
    pub fn speaker(&self) -> &str {
        &self.speaker
    }
}

/// The known quotes to check rows against, of the kind chosen when they were
/// read, and whether they come from an annotated corpus (speakers there are
/// mentions as written, and dates are not compared).
#[derive(Debug, Clone)]
pub struct KnownQuotes {
    quotes: Vec<QuoteRow>,
    kind: KindFilter,
    annotated: bool,
}

impl KnownQuotes {
    /// Known quotes given in code, of `kind` (the quotes' own kinds are not
    /// filtered; [`check`] compares only rows of `kind`).
    pub fn new(quotes: Vec<QuoteRow>, kind: KindFilter) -> KnownQuotes {
        KnownQuotes { quotes, kind, annotated: false }
    }

    /// Reads the known quotes of `kind` from `path`: an annotated-corpus JSON
    /// Lines file (`.jsonl`, `.ndjson`), else a CSV of rows with at least the
    /// `quote` and `source` columns. Errors name the file and, for a
    /// malformed line or row, its line; a file with no quote of `kind` is an
    /// [`Error::Input`](crate::Error::Input) too.
    pub fn read(path: &Path, kind: KindFilter) -> Result<KnownQuotes> {
        let annotated = is_jsonl(path);
        let quotes: Vec<QuoteRow> = if annotated {
            read_annotated(path, kind)?
        } else {
            read_rows(path)?.into_iter().filter(|g| kind.selects_known(&g.kind)).collect()
        };
        if quotes.is_empty() {
            return Err(input_error(path, None, "no known quotes of the chosen kind"));
        }
        Ok(KnownQuotes { quotes, kind, annotated })
    }

    /// Whether these come from an annotated corpus, whose documents can be
    /// extracted themselves.
    pub fn is_annotated(&self) -> bool {
        self.annotated
    }

    /// The kind of quotes compared.
    pub fn kind(&self) -> KindFilter {
        self.kind
    }

    /// The known quotes.
    pub fn quotes(&self) -> &[QuoteRow] {
        &self.quotes
    }
}

/// Words for matching (see [`fold_words`]).
fn words(s: &str) -> Vec<String> {
    fold_words(s).collect()
}

#[cfg(test)]
thread_local! {
    /// Pairs whose words were compared (tests: matching stays near-linear).
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Every entry a candidate, as an all-pairs scan (tests: the index
    /// leaves out no pair that matches).
    static ALL_PAIRS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How many words of `b` are in `a`, each word of `a` used once (both
/// sorted word ids of one document).
fn overlap(a: &[u32], b: &[u32]) -> usize {
    #[cfg(test)]
    COMPARED.with(|c| c.set(c.get() + 1));
    // both sorted: a merge, no allocation (this runs for every pair of a
    // known quote and a row of its document)
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A document key: the file name without directories and `.txt`, or the id.
fn doc_key(source: &str) -> String {
    let name = source.rsplit('/').next().unwrap_or(source);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

fn truthy(s: &str) -> bool {
    matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1" | "y")
}

/// Rows of a known-quote or predicted file (CSV, or JSON Lines of rows).
fn read_rows(path: &Path) -> Result<Vec<QuoteRow>> {
    match read_row_file(path, &["quote", "source"], QuoteRow::from_fields)? {
        Some(rows) => Ok(rows),
        None => Err(input_error(path, None, "not quotelink rows (a .csv, or .jsonl lines with `speaker` and `quote`)")),
    }
}

/// Known quotes of an annotated-corpus JSONL: the quoted segments (direct)
/// or the contents (indirect) of its attributions.
fn read_annotated(path: &Path, filter: KindFilter) -> Result<Vec<QuoteRow>> {
    let mut out = Vec::new();
    for line in nonblank_lines(path)? {
        let (n, line) = line?;
        let d: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| input_error(path, Some(n), format!("malformed JSON: {e}")))?;
        let doc = d["id"].as_str().map(String::from).unwrap_or_else(|| format!("{}:{n}", path.display()));
        let date = d["date"].as_str().unwrap_or("").get(..10).unwrap_or("").to_string();
        let Some(quotes) = d["quotes"].as_array() else {
            return Err(input_error(path, Some(n), "no `quotes` array: not an annotated corpus"));
        };
        for q in quotes {
            annotated_quotes(q, filter, &mut |text, kind| {
                let speaker = q["speaker"].as_str().unwrap_or("").to_string();
                let row = QuoteRow::in_document(doc.clone(), speaker, text.to_string(), date.clone(), kind.to_string());
                if !row.words.is_empty() {
                    out.push(row);
                }
            });
        }
    }
    Ok(out)
}

/// Hands each text of the annotated attribution `q` that `filter` compares
/// to `push`, with its kind: the quoted segments of a direct or mixed
/// attribution as `direct`, the content of an indirect or mixed one as is.
fn annotated_quotes(q: &serde_json::Value, filter: KindFilter, push: &mut dyn FnMut(&str, &str)) {
    let kind = q["kind"].as_str().unwrap_or("");
    if filter != KindFilter::Indirect && matches!(kind, "direct" | "mixed") {
        for seg in q["quoted_segments"].as_array().into_iter().flatten() {
            push(seg["text"].as_str().unwrap_or(""), "direct");
        }
    }
    if filter != KindFilter::Direct && matches!(kind, "indirect" | "mixed") {
        push(q["content"].as_str().unwrap_or(""), kind);
    }
}

const STOP: &[&str] = &["the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "of", "and", "s"];
const PRONOUNS: &[&str] = &["he", "she", "they", "who", "which", "it", "we", "i", "you", "that", "his", "her", "them"];

/// Capitalised name words of a speaker mention ("Flynn, a Trump surrogate,"
/// → flynn, trump), when it names someone (not "he", not "officials").
fn name_words(mention: &str) -> Vec<String> {
    let first = mention.split_whitespace().next().unwrap_or("").to_lowercase();
    if PRONOUNS.contains(&first.as_str()) {
        return Vec::new();
    }
    mention
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .flat_map(words)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether a row's speaker is a known quote's (see the module docs).
struct SpeakerMatcher<'a> {
    gaz: Gazetteer,
    lex: &'a Lexicons,
    annotated: bool,
}

impl SpeakerMatcher<'_> {
    fn canonical(&self, name: &str) -> String {
        match self.gaz.lookup(name.trim()) {
            Some(i) => self.lex.speakers[i].canonical.to_lowercase(),
            None => name.trim().to_lowercase(),
        }
    }

    /// Whether the known speaker can be checked at all.
    fn checkable(&self, known: &str) -> bool {
        if self.annotated { !name_words(known).is_empty() } else { !known.trim().is_empty() }
    }

    fn same(&self, known: &str, row: &str) -> bool {
        if self.annotated {
            let row_words = words(row);
            return name_words(known).iter().any(|w| row_words.contains(w));
        }
        let (g, r) = (self.canonical(known), self.canonical(row));
        if g == r {
            return true;
        }
        let (gw, rw) = (words(&g), words(&r));
        !gw.is_empty() && !rw.is_empty() && (gw.iter().all(|w| rw.contains(w)) || rw.iter().all(|w| gw.contains(w)))
    }
}

/// Precision, recall and F1 of one slice of the comparison (all, a kind, a
/// speaker).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    /// Rows compared.
    pub rows: usize,
    /// Rows with enough of their words in one known quote.
    pub correct_rows: usize,
    /// Known quotes.
    pub known: usize,
    /// Known quotes found by a row.
    pub found: usize,
    /// `correct_rows / rows` (0 when there are no rows).
    pub precision: f64,
    /// `found / known` (0 when there are no known quotes).
    pub recall: f64,
    /// The harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl Score {
    fn finish(&mut self) {
        self.precision = if self.rows > 0 { self.correct_rows as f64 / self.rows as f64 } else { 0.0 };
        self.recall = if self.known > 0 { self.found as f64 / self.known as f64 } else { 0.0 };
        let (p, r) = (self.precision, self.recall);
        self.f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    }
}

/// A known quote or a row listed in a report (missed, unexpected, found
/// with another speaker or date).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedQuote {
    /// The document.
    pub document: String,
    /// The known quote's speaker (empty for an unexpected row).
    pub speaker: String,
    /// The row's speaker (empty for a missed quote).
    pub row_speaker: String,
    /// The known quote's date (empty for an unexpected row).
    pub date: String,
    /// The row's date (empty for a missed quote).
    pub row_date: String,
    /// The words, whitespace collapsed, cut to 90 characters.
    pub excerpt: String,
}

/// The outcome of [`check`]. Serialised (serde), it is `quotelink check
/// --format json`'s report, field for field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// All rows and known quotes.
    pub overall: Score,
    /// By kind: `direct` and `indirect` (mixed counts as indirect); empty
    /// when the known quotes give no kind, and `""` for the known quotes
    /// with no kind when others have one.
    pub by_kind: BTreeMap<String, Score>,
    /// Recall by known speaker (`(none)` when a known quote has none).
    pub by_speaker: BTreeMap<String, Score>,
    /// Found known quotes whose speaker could be checked.
    pub speaker_checked: usize,
    /// Of those, the ones found by a row with the same speaker.
    pub speaker_correct: usize,
    /// `speaker_correct / speaker_checked` (0 when none was checked).
    pub speaker_accuracy: f64,
    /// Known quotes no row found.
    pub missed: Vec<ListedQuote>,
    /// Known quotes marked must-find that no row found with the known
    /// speaker (and the known date, when the quote gives one): listed with
    /// the closest row's speaker and date, empty when no row holds the words.
    pub must_find_missed: Vec<ListedQuote>,
    /// Rows that lie in no known quote.
    pub unexpected: Vec<ListedQuote>,
    /// Found known quotes whose rows all name another speaker.
    pub wrong_speaker: Vec<ListedQuote>,
    /// Found known quotes whose rows all carry another date (not checked for
    /// an annotated corpus).
    pub wrong_date: Vec<ListedQuote>,
    /// Recall, precision and speaker accuracy reach their bars and every
    /// must-find quote is found with its speaker and date.
    pub passed: bool,
}

fn excerpt(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 90 { format!("{}…", s.chars().take(89).collect::<String>()) } else { s }
}

fn listed(g: &QuoteRow, row: Option<&QuoteRow>) -> ListedQuote {
    ListedQuote {
        document: g.doc.clone(),
        speaker: g.speaker.clone(),
        row_speaker: row.map(|r| r.speaker.clone()).unwrap_or_default(),
        date: g.date.clone(),
        row_date: row.map(|r| r.date.clone()).unwrap_or_default(),
        excerpt: excerpt(&g.quote),
    }
}

/// The report key of a kind: mixed rows and quotes count as indirect.
fn kind_key(kind: &str) -> String {
    if kind == "mixed" { "indirect".to_string() } else { kind.to_string() }
}

/// Compares `rows` with the `known` quotes (rows of other kinds, of
/// documents with no known quote, or with no words are left out) and scores
/// them; speakers are matched through the gazetteer of `lexicons`.
pub fn check(known: &KnownQuotes, rows: &[QuoteRow], lexicons: &Lexicons, opts: &CheckOptions) -> CheckReport {
    let mut known_by_doc: HashMap<&str, Vec<&QuoteRow>> = HashMap::new();
    for g in &known.quotes {
        known_by_doc.entry(&g.doc).or_default().push(g);
    }
    let mut rows_by_doc: HashMap<&str, Vec<&QuoteRow>> = HashMap::new();
    let compared = rows.iter().filter(|r| known.kind.selects_row(&r.kind));
    for r in compared.filter(|r| known_by_doc.contains_key(r.doc.as_str()) && !r.words.is_empty()) {
        rows_by_doc.entry(&r.doc).or_default().push(r);
    }
    let matcher = SpeakerMatcher { gaz: Gazetteer::new(lexicons), lex: lexicons, annotated: known.annotated };
    let mut rep = CheckReport::default();
    score_rows(&mut rep, &rows_by_doc, &known_by_doc, opts);
    score_known(&mut rep, &known.quotes, &rows_by_doc, &matcher, opts);
    if known.quotes.iter().all(|g| g.kind.is_empty()) {
        // a gold with no kinds: a per-kind score would compare rows with no known quote
        rep.by_kind.clear();
    }
    rep.overall.finish();
    rep.by_kind.values_mut().for_each(Score::finish);
    rep.by_speaker.values_mut().for_each(Score::finish);
    rep.speaker_accuracy =
        if rep.speaker_checked > 0 { rep.speaker_correct as f64 / rep.speaker_checked as f64 } else { 0.0 };
    rep.passed = rep.overall.recall >= opts.min_recall
        && rep.overall.precision >= opts.min_precision
        && (rep.speaker_checked == 0 || rep.speaker_accuracy >= opts.min_speaker_accuracy)
        && rep.must_find_missed.is_empty();
    rep
}

/// The least count `k` with `k as f64 >= share * len as f64`: how many of
/// `len` words a match needs (the same test as the thresholds' own).
fn least_count(share: f64, len: usize) -> usize {
    let t = share * len as f64;
    (0..=len + 1).find(|&k| k as f64 >= t).unwrap_or(len + 1)
}

/// Word ids of one document: each word of its rows and known quotes
/// numbered once, so that words compare as integers.
#[derive(Default)]
struct Vocab<'w> {
    ids: rustc_hash::FxHashMap<&'w str, u32>,
}

impl<'w> Vocab<'w> {
    /// The sorted ids of `words` (repeats kept: overlap counts each once).
    fn ids(&mut self, words: &'w [String]) -> Vec<u32> {
        let mut out: Vec<u32> = words
            .iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w.as_str()).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// Entries (rows or known quotes) of one document with an inverted index
/// from word ids to entries: a query is compared only with entries that
/// share one of its rarest words, enough of them that an entry holding none
/// cannot reach the overlap asked for (pigeonhole: to share `k` of `n`
/// words, an entry holds one of any `n - k + 1` of them). Candidates come
/// in entry order, so the first match is the one an all-pairs scan finds,
/// and a scan that has what it needs stops.
struct WordIndex<'r> {
    entries: Vec<&'r QuoteRow>,
    /// Per entry, its sorted word ids.
    ids: Vec<Vec<u32>>,
    /// Per word id, the entries holding it, ascending.
    postings: Vec<Vec<u32>>,
}

impl<'r> WordIndex<'r> {
    /// The index of `entries` (already deduplicated by the caller).
    fn new(entries: Vec<&'r QuoteRow>, ids: Vec<Vec<u32>>) -> WordIndex<'r> {
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (e, ws) in ids.iter().enumerate() {
            for (k, &w) in ws.iter().enumerate() {
                if k > 0 && ws[k - 1] == w {
                    continue;
                }
                if postings.len() <= w as usize {
                    postings.resize(w as usize + 1, Vec::new());
                }
                postings[w as usize].push(e as u32);
            }
        }
        WordIndex { entries, ids, postings }
    }

    fn postings(&self, w: u32) -> &[u32] {
        self.postings.get(w as usize).map_or(&[], Vec::as_slice)
    }

    /// The entries that may share at least `need` of the words `query`
    /// (sorted ids), in entry order, each once.
    fn candidates(&self, query: &[u32], need: usize) -> Candidates<'_> {
        #[cfg(test)]
        let need = if ALL_PAIRS.with(std::cell::Cell::get) { 0 } else { need };
        if need == 0 {
            return Candidates::All(0..self.entries.len() as u32);
        }
        if need > query.len() {
            return Candidates::Lists { lists: Vec::new(), heap: Default::default(), last: None };
        }
        // distinct words, rarest first, until they hold query.len() - need + 1
        // of the query's words
        let mut distinct: Vec<(usize, u32, usize)> = Vec::new(); // (entries holding it, id, repeats)
        for &w in query {
            match distinct.last_mut() {
                Some(d) if d.1 == w => d.2 += 1,
                _ => distinct.push((self.postings(w).len(), w, 1)),
            }
        }
        distinct.sort_unstable();
        let mut lists = Vec::new();
        let mut held = 0;
        for (_, w, repeats) in distinct {
            if held > query.len() - need {
                break;
            }
            held += repeats;
            lists.push(self.postings(w));
        }
        let heap =
            lists.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, l)| Reverse((l[0], i, 0))).collect();
        Candidates::Lists { lists, heap, last: None }
    }
}

/// [`WordIndex::candidates`]: every entry, or a merge of posting lists.
enum Candidates<'i> {
    All(std::ops::Range<u32>),
    Lists {
        lists: Vec<&'i [u32]>,
        /// (entry, list, position) of each list's next entry
        heap: std::collections::BinaryHeap<Reverse<(u32, usize, usize)>>,
        last: Option<u32>,
    },
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Candidates::All(range) => range.next().map(|e| e as usize),
            Candidates::Lists { lists, heap, last } => loop {
                let Reverse((e, l, at)) = heap.pop()?;
                if let Some(&next) = lists[l].get(at + 1) {
                    heap.push(Reverse((next, l, at + 1)));
                }
                if *last != Some(e) {
                    *last = Some(e);
                    return Some(e as usize);
                }
            },
        }
    }
}

/// Precision: whether each row lies in one known quote of its document.
fn score_rows(
    rep: &mut CheckReport,
    rows_by_doc: &HashMap<&str, Vec<&QuoteRow>>,
    known_by_doc: &HashMap<&str, Vec<&QuoteRow>>,
    opts: &CheckOptions,
) {
    // in document order, so that the report is the same on every run
    let mut docs: Vec<&&str> = rows_by_doc.keys().collect();
    docs.sort_unstable();
    for doc in docs {
        let (rs, gs) = (&rows_by_doc[*doc], &known_by_doc[*doc]);
        let mut vocab = Vocab::default();
        // known quotes with the same words are one entry
        let mut seen: rustc_hash::FxHashSet<Vec<u32>> = Default::default();
        let (mut entries, mut ids) = (Vec::new(), Vec::new());
        for g in gs {
            let ws = vocab.ids(&g.words);
            if seen.insert(ws.clone()) {
                entries.push(*g);
                ids.push(ws);
            }
        }
        let known = WordIndex::new(entries, ids);
        // rows with the same words have the same answer
        let mut answered: rustc_hash::FxHashMap<Vec<u32>, bool> = Default::default();
        for r in rs {
            let ws = vocab.ids(&r.words);
            let ok = match answered.get(&ws) {
                Some(&ok) => ok,
                None => {
                    let need = least_count(opts.precision_overlap, r.words.len());
                    let ok = known
                        .candidates(&ws, need)
                        .any(|g| overlap(&known.ids[g], &ws) as f64 >= opts.precision_overlap * r.words.len() as f64);
                    answered.insert(ws, ok);
                    ok
                }
            };
            for s in [&mut rep.overall, rep.by_kind.entry(kind_key(&r.kind)).or_default()] {
                s.rows += 1;
                s.correct_rows += ok as usize;
            }
            if !ok {
                rep.unexpected.push(ListedQuote {
                    document: r.doc.clone(),
                    speaker: String::new(),
                    row_speaker: r.speaker.clone(),
                    date: String::new(),
                    row_date: r.date.clone(),
                    excerpt: excerpt(&r.quote),
                });
            }
        }
    }
}

/// Recall, speakers and dates: whether each known quote is found, and by a
/// row with its speaker and date.
fn score_known(
    rep: &mut CheckReport,
    known: &[QuoteRow],
    rows_by_doc: &HashMap<&str, Vec<&QuoteRow>>,
    matcher: &SpeakerMatcher,
    opts: &CheckOptions,
) {
    // per document: its vocabulary and its rows, indexed (rows with the same
    // words, speaker and date are one entry: they find the same quotes)
    let mut indexes: HashMap<&str, (Vocab, WordIndex)> = HashMap::new();
    for (doc, rs) in rows_by_doc {
        let mut vocab = Vocab::default();
        let mut seen: rustc_hash::FxHashSet<(Vec<u32>, &str, &str)> = Default::default();
        let (mut entries, mut ids) = (Vec::new(), Vec::new());
        for r in rs {
            let ws = vocab.ids(&r.words);
            if seen.insert((ws.clone(), r.speaker.as_str(), r.date.as_str())) {
                entries.push(*r);
                ids.push(ws);
            }
        }
        indexes.insert(doc, (vocab, WordIndex::new(entries, ids)));
    }
    for g in known {
        let checkable = matcher.checkable(&g.speaker);
        let dates = !matcher.annotated && !g.date.is_empty();
        let speaker_ok = |r: &QuoteRow| !checkable || matcher.same(&g.speaker, &r.speaker);
        let date_ok = |r: &QuoteRow| !dates || r.date == g.date;
        // the first row that finds the quote, the first with its speaker,
        // whether one has its date, whether one has both
        let (mut first, mut with_speaker, mut with_date, mut with_both) = (None, None, false, false);
        if let Some((vocab, rows)) = indexes.get_mut(g.doc.as_str()) {
            let ws = vocab.ids(&g.words);
            let need = least_count(opts.min_overlap, g.words.len());
            for e in rows.candidates(&ws, need) {
                let r = rows.entries[e];
                let o = overlap(&ws, &rows.ids[e]) as f64;
                if !(o >= opts.min_overlap * g.words.len() as f64 && o >= opts.min_row_overlap * r.words.len() as f64) {
                    continue;
                }
                first.get_or_insert(r);
                let sp = if with_speaker.is_none() || (g.must_find && !with_both) { speaker_ok(r) } else { true };
                if sp && with_speaker.is_none() {
                    with_speaker = Some(r);
                }
                with_date |= date_ok(r);
                with_both |= sp && date_ok(r);
                if with_speaker.is_some() && with_date && (with_both || !g.must_find) {
                    break; // nothing more to learn from further rows
                }
            }
        }
        let found = first.is_some();
        let speaker_key = if g.speaker.trim().is_empty() { "(none)".to_string() } else { g.speaker.clone() };
        for s in [&mut rep.overall, rep.by_kind.entry(kind_key(&g.kind)).or_default()] {
            s.known += 1;
            s.found += found as usize;
        }
        let sp = rep.by_speaker.entry(speaker_key).or_default();
        sp.known += 1;
        sp.found += found as usize;
        let Some(first) = first else {
            rep.missed.push(listed(g, None));
            if g.must_find {
                rep.must_find_missed.push(listed(g, None));
            }
            continue;
        };
        if checkable {
            rep.speaker_checked += 1;
            if with_speaker.is_some() {
                rep.speaker_correct += 1;
            } else {
                rep.wrong_speaker.push(listed(g, Some(first)));
            }
        }
        if dates && !with_date {
            rep.wrong_date.push(listed(g, Some(first)));
        }
        // a must-find quote counts only with its speaker and date on one row
        if g.must_find && !with_both {
            rep.must_find_missed.push(listed(g, Some(with_speaker.unwrap_or(first))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicons {
        Lexicons::builtin().unwrap()
    }

    fn row(doc: &str, speaker: &str, quote: &str) -> QuoteRow {
        QuoteRow::new(doc, speaker, quote, "2026-02-04", "direct")
    }

    fn known(quotes: Vec<QuoteRow>) -> KnownQuotes {
        KnownQuotes::new(quotes, KindFilter::Direct)
    }

    #[test]
    fn one_found_one_missed_one_unexpected_is_half_precision_and_recall() {
        let gold = known(vec![
            row("a.txt", "Dmitry Peskov", "Talks are set for Wednesday"),
            row("a.txt", "Dmitry Peskov", "The doors remain open"),
        ]);
        let rows = [
            row("articles/a.txt", "Peskov", "“Talks are set for Wednesday,”"),
            row("a", "Volodymyr Zelenskyy", "We are ready"), // shares only "are"
            row("b.txt", "Dmitry Peskov", "The doors remain open"), // another document: not counted
        ];
        let rep = check(&gold, &rows, &lex(), &CheckOptions::default());
        let o = &rep.overall;
        assert_eq!((o.rows, o.correct_rows, o.known, o.found), (2, 1, 2, 1));
        assert_eq!((o.precision, o.recall, o.f1), (0.5, 0.5, 0.5));
        assert_eq!((rep.speaker_checked, rep.speaker_correct), (1, 1), "Peskov is Dmitry Peskov");
        assert_eq!(rep.missed.len(), 1);
        assert_eq!(rep.missed[0].excerpt, "The doors remain open");
        assert_eq!(rep.unexpected[0].row_speaker, "Volodymyr Zelenskyy");
        assert!(!rep.passed, "recall 0.5 is below the default bar of 1");
        let lenient = CheckOptions { min_recall: 0.5, ..CheckOptions::default() };
        assert!(check(&gold, &rows, &lex(), &lenient).passed);
    }

    #[test]
    fn a_row_must_hold_most_of_a_quote_and_not_much_else() {
        let gold = known(vec![
            row("four", "", "one two three four five"),
            row("three", "", "one two three four five"),
            row("long", "", "we are ready"),
        ]);
        let rows = [
            row("four", "", "one two three four"), // 4/5 of the quote: found, and correct
            row("three", "", "one two three"),     // 3/5: not found, but all its words are in it
            row("long", "", "we are ready to talk about many other things at some length today"),
        ];
        let rep = check(&gold, &rows, &lex(), &CheckOptions::default());
        let missed: Vec<&str> = rep.missed.iter().map(|l| l.document.as_str()).collect();
        assert_eq!(missed, ["three", "long"]);
        assert_eq!(rep.overall.correct_rows, 2, "the long row has 3 of its 13 words in the quote");
        let loose = CheckOptions { min_overlap: 0.6, min_row_overlap: 0.2, ..CheckOptions::default() };
        assert_eq!(check(&gold, &rows, &lex(), &loose).overall.found, 3);
    }

    #[test]
    fn a_missed_must_find_quote_fails_whatever_the_bars() {
        let gold = known(vec![row("a", "", "the doors remain open").must_find(), row("a", "", "we are ready")]);
        let rows = [row("a", "", "we are ready")];
        let opts = CheckOptions { min_recall: 0.0, ..CheckOptions::default() };
        let rep = check(&gold, &rows, &lex(), &opts);
        assert_eq!(rep.must_find_missed.len(), 1);
        assert!(!rep.passed);
    }

    #[test]
    fn rows_of_another_kind_and_other_speakers_and_dates_are_reported() {
        let gold = known(vec![QuoteRow::new("a", "Yuri Ushakov", "talks are set", "2026-02-05", "direct")]);
        let rows = [
            QuoteRow::new("a", "Dmitry Peskov", "talks are set", "2026-02-04", "direct"),
            QuoteRow::new("a", "Yuri Ushakov", "something else entirely", "2026-02-05", "indirect"),
        ];
        let rep = check(&gold, &rows, &lex(), &CheckOptions::default());
        assert_eq!(rep.overall.rows, 1, "the indirect row is not compared with direct quotes");
        assert_eq!(rep.wrong_speaker[0].row_speaker, "Dmitry Peskov");
        assert_eq!(
            (rep.wrong_date[0].date.as_str(), rep.wrong_date[0].row_date.as_str()),
            ("2026-02-05", "2026-02-04")
        );
    }

    fn annotated_file(dir: &tempfile::TempDir, lines: &[serde_json::Value]) -> std::path::PathBuf {
        let p = dir.path().join("gold.jsonl");
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn an_annotated_mixed_quote_gives_its_segments_and_its_content() {
        let dir = tempfile::TempDir::new().unwrap();
        let doc = serde_json::json!({"id": "d1", "date": "2026-02-04T10:00:00Z", "quotes": [
            {"kind": "mixed", "speaker": "Flynn, a Trump surrogate,",
             "content": "the deal was \"a disaster\" for everyone",
             "quoted_segments": [{"text": "a disaster"}]},
            {"kind": "direct", "speaker": "he", "quoted_segments": [{"text": "We will see"}, {"text": "—"}]}
        ]});
        let p = annotated_file(&dir, &[doc]);
        let direct = KnownQuotes::read(&p, KindFilter::Direct).unwrap();
        let texts: Vec<&str> = direct.quotes().iter().map(QuoteRow::quote).collect();
        assert_eq!(texts, ["a disaster", "We will see"], "a segment with no words is no known quote");
        assert!(direct.is_annotated());
        let indirect = KnownQuotes::read(&p, KindFilter::Indirect).unwrap();
        assert_eq!(indirect.quotes().len(), 1);
        assert_eq!(KnownQuotes::read(&p, KindFilter::All).unwrap().quotes().len(), 3);

        let rows = [
            QuoteRow::new("d1", "Michael Flynn", "the deal was a disaster for everyone", "", "mixed"),
            QuoteRow::new("d1", "Donald Trump", "We will see", "", "direct"),
        ];
        let all = KnownQuotes::read(&p, KindFilter::All).unwrap();
        let rep = check(&all, &rows, &lex(), &CheckOptions::default());
        assert_eq!(rep.by_kind["indirect"].found, 1, "a mixed quote counts as indirect");
        // the 2 words of "a disaster" are under 0.3 of the 7-word row's
        assert_eq!(rep.missed.iter().map(|l| l.excerpt.as_str()).collect::<Vec<_>>(), ["a disaster"]);
        // "he" names nobody, so "We will see" is not checked; the Flynn
        // mention shares "flynn" with the row's speaker
        assert_eq!((rep.speaker_checked, rep.speaker_correct), (1, 1), "{rep:#?}");
        assert!(rep.wrong_date.is_empty(), "an annotated corpus's dates are not compared");
    }

    #[test]
    fn a_malformed_gold_line_names_file_and_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("gold.jsonl");
        std::fs::write(&p, "{\"id\": \"d1\", \"quotes\": []}\n\n{\"id\": \"d2\", \"quotes\": [}\n").unwrap();
        let e = KnownQuotes::read(&p, KindFilter::All).unwrap_err();
        assert!(matches!(&e, crate::Error::Input { line: Some(3), .. }), "{e:?}");
        assert!(e.to_string().starts_with(&format!("{}:3: malformed JSON", p.display())), "{e}");

        std::fs::write(&p, "{\"id\": \"d1\", \"text\": \"no quotes here\"}\n").unwrap();
        let e = KnownQuotes::read(&p, KindFilter::All).unwrap_err();
        assert!(e.to_string().ends_with(":1: no `quotes` array: not an annotated corpus"), "{e}");

        let csv = dir.path().join("gold.csv");
        std::fs::write(&csv, "speaker,quote,source,kind\nA,we are ready,a.txt,indirect\n").unwrap();
        let e = KnownQuotes::read(&csv, KindFilter::Direct).unwrap_err();
        assert_eq!(e.to_string(), format!("{}: no known quotes of the chosen kind", csv.display()));
        let missing = KnownQuotes::read(&dir.path().join("none.csv"), KindFilter::All).unwrap_err();
        assert!(matches!(missing, crate::Error::Io { .. }), "{missing:?}");
    }

    #[test]
    fn the_report_serialises_to_the_json_fields_of_check() {
        let gold = known(vec![row("a", "X", "we are ready")]);
        let rep = check(&gold, &[row("a", "X", "we are ready")], &lex(), &CheckOptions::default());
        let v = serde_json::to_value(&rep).unwrap();
        let fields: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for f in ["overall", "by_kind", "by_speaker", "speaker_accuracy", "missed", "unexpected", "passed"] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        assert_eq!(v["overall"]["f1"], 1.0);
        assert_eq!(v["by_speaker"]["X"]["found"], 1);
    }

    /// The bench's shape: every row of one document shares all but one word
    /// with every known quote.
    fn one_document(n: usize) -> (KnownQuotes, Vec<QuoteRow>) {
        let quote = |i: usize| format!("We are ready to talk about item {i},");
        let known = (0..n).map(|i| row("many.txt", "Dmitry Peskov", &quote(i))).collect();
        let rows = (0..n).map(|i| row("many", "Peskov", &quote(i))).collect();
        (KnownQuotes::new(known, KindFilter::Direct), rows)
    }

    #[test]
    fn thousands_of_quotes_in_one_document_are_not_compared_pair_by_pair() {
        let (known, rows) = one_document(4_000);
        let lex = lex();
        COMPARED.with(|c| c.set(0));
        let rep = check(&known, &rows, &lex, &CheckOptions::default());
        let compared = COMPARED.with(std::cell::Cell::get);
        assert_eq!((rep.overall.found, rep.overall.correct_rows, rep.speaker_correct), (4_000, 4_000, 4_000));
        // an all-pairs scan compares 2 × 4,000² = 32,000,000 pairs
        assert!(compared <= 2 * 4_000, "{compared} pairs compared");
        // identical rows are one entry: 4,000 copies of one row cost one comparison per quote
        let copies = vec![rows[0].clone(); 4_000];
        COMPARED.with(|c| c.set(0));
        check(&known, &copies, &lex, &CheckOptions::default());
        let compared = COMPARED.with(std::cell::Cell::get);
        assert!(compared <= 4_000 + 1, "{compared} pairs compared");
    }

    /// What `check` reports when every row is a candidate for every known
    /// quote (the all-pairs scan that the index replaces).
    fn check_all_pairs(known: &KnownQuotes, rows: &[QuoteRow], lex: &Lexicons, opts: &CheckOptions) -> CheckReport {
        ALL_PAIRS.with(|a| a.set(true));
        let rep = check(known, rows, lex, opts);
        ALL_PAIRS.with(|a| a.set(false));
        rep
    }

    static LEX: std::sync::LazyLock<Lexicons> = std::sync::LazyLock::new(lex);

    fn arb_quote() -> impl proptest::strategy::Strategy<Value = (usize, usize, usize, String)> {
        use proptest::prelude::*;
        // (document, speaker, date, words): few words, so that overlaps of
        // every size and repeated words occur
        (0..2usize, 0..3usize, 0..2usize, proptest::collection::vec(0..7usize, 0..9)).prop_map(|(d, s, t, ws)| {
            let words = ["war", "talks", "ready", "we", "are", "talks", "item"];
            (d, s, t, ws.iter().map(|&w| words[w]).collect::<Vec<_>>().join(" "))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn the_index_finds_what_every_pair_finds(
            known in proptest::collection::vec((arb_quote(), proptest::bool::ANY), 0..12),
            rows in proptest::collection::vec(arb_quote(), 0..16),
            shares in proptest::collection::vec(proptest::sample::select(vec![0.0, 0.3, 0.5, 0.6, 0.8, 1.0]), 3),
        ) {
            let speakers = ["Dmitry Peskov", "Peskov", ""];
            let dates = ["2026-02-04", "2026-02-05"];
            let make = |&(d, s, t, ref q): &(usize, usize, usize, String)| {
                QuoteRow::new(&format!("doc{d}"), speakers[s], q, dates[t], "direct")
            };
            let known = KnownQuotes::new(
                known.iter().map(|(q, must)| if *must { make(q).must_find() } else { make(q) }).collect(),
                KindFilter::Direct,
            );
            let rows: Vec<QuoteRow> = rows.iter().map(make).collect();
            let opts = CheckOptions {
                min_overlap: shares[0],
                min_row_overlap: shares[1],
                precision_overlap: shares[2],
                ..CheckOptions::default()
            };
            let indexed = check(&known, &rows, &LEX, &opts);
            proptest::prop_assert_eq!(indexed, check_all_pairs(&known, &rows, &LEX, &opts));
        }
    }
}
