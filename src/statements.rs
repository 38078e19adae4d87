//! Statements: rows of one speaker that say the same thing, across days and
//! outlets — the library side of `quotelink compare`.
//!
//! Rows ([`StatementRow`]s, made from extracted [`Record`]s or read from a
//! file `extract` wrote) are grouped, speaker by speaker, into
//! [`Statement`]s: rows that say the same thing, verbatim or as a close
//! paraphrase or translation variant. [`compare`] filters, names speakers
//! canonically, groups and orders, as `quotelink compare` does; [`group_statements`] is
//! the grouping alone.
//!
//! Similarity: each row is reduced to its content words ([`WordReader`]:
//! lower-cased, NFKD-folded, stop words dropped, stemmed, near-synonyms and
//! spelling variants read as one word through `variants.tsv`: "proposed" →
//! "offer", "Kiev" → "kyiv"; number words as digits), each weighted by how
//! rare it is among the speaker's rows (idf = ln(1 + rows / rows with the
//! word), so the topic — "talks", "Abu Dhabi" — weighs less than the words
//! that make a statement its own). Two rows of the same speaker are one
//! statement when they share at least 3 content words and the weight of the
//! shared words is at least the similarity (default 0.6) of the lighter
//! row's — two thirds of that when both were said on the same day — a
//! weighted overlap coefficient; a quoted piece is one statement with the
//! speaker's clause that holds it in the same report; two rows that
//! contradict each other (a shared word negated in one only, opposite
//! words) are never linked directly. A statement is a connected group of
//! such pairs, and [`Statement::joined_by`] says which signal joined each
//! row ([`JoinedBy`]).
//! Candidate pairs come from an inverted index on each row's rarest words,
//! so grouping is not quadratic in the number of rows.
//!
//! ```
//! use quotelink::{StatementRow, group_statements};
//! let row = |quote: &str, source: &str| StatementRow {
//!     speaker: "Dmitry Peskov".into(),
//!     quote: quote.into(),
//!     date: "2026-02-04".into(),
//!     said_on: String::new(),
//!     kind: "direct".into(),
//!     source: source.into(),
//!     outlet: String::new(),
//! };
//! let rows = vec![
//!     row("The trilateral meeting in Abu Dhabi is confirmed for Wednesday", "tass.txt"),
//!     row("The trilateral meeting in Abu Dhabi was confirmed for Wednesday", "afp.txt"),
//!     row("Energy strikes stopped for one week at the president's request", "tass.txt"),
//! ];
//! let statements = group_statements(rows, 0.6);
//! assert_eq!(statements.len(), 2);
//! assert_eq!(statements.iter().map(|s| s.outlets()).max(), Some(2));
//! ```

use std::collections::HashSet;
#[cfg(test)]
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::error::{Error, Result};
use crate::eval::KindFilter;
use crate::input::normalise_date;
use rustc_hash::FxHashMap;

use crate::lexicon::{CompareWord, CompareWords, Lexicons};
use crate::mentions::Gazetteer;
use crate::record::Record;
use crate::rows::{RowFields, fold_words, read_row_file};

/// Rows must share at least this many content words to be one statement.
const MIN_SHARED: usize = 3;
/// How many of a row's rarest words index it for candidate pairs.
const INDEX_WORDS: usize = 4;
/// The most statements one word's list keeps for comparison: a word shared
/// by more statements than this is no longer what sets one apart.
const MAX_REPRESENTATIVES: usize = 64;

/// A row, as grouping into statements needs it (the columns `extract`
/// writes under the same names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    /// The speaker (canonical after [`compare`]); rows with none are not grouped.
    pub speaker: String,
    /// The words.
    pub quote: String,
    /// The date of the report, `YYYY-MM-DD`, or empty.
    pub date: String,
    /// The day the words were said, when the report says so, or empty.
    pub said_on: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The report: a file path or a JSONL `id`.
    pub source: String,
    /// Who published the report, or empty (then its `source` stands for it).
    pub outlet: String,
}

impl StatementRow {
    /// The day the words were said: `said_on`, else the report's date.
    pub fn day(&self) -> &str {
        if self.said_on.is_empty() { &self.date } else { &self.said_on }
    }

    /// The outlet, or the source when the row names none.
    pub fn outlet_or_source(&self) -> &str {
        if self.outlet.is_empty() { &self.source } else { &self.outlet }
    }

    /// The row of an extracted [`Record`].
    pub fn from_record(r: Record) -> StatementRow {
        StatementRow {
            kind: r.kind.as_str().to_string(),
            speaker: r.speaker,
            quote: r.quote,
            date: r.date,
            said_on: r.said_on,
            source: r.source,
            outlet: r.outlet,
        }
    }

    /// The rows of a file `extract` wrote: a `.csv` with at least the
    /// `speaker`, `quote` and `source` columns (outlets are counted by
    /// source), or a `.jsonl` whose lines are rows.
    /// `None` when `path` holds no rows (articles, a directory, JSON Lines of
    /// documents), to be extracted instead. Errors name the file and line.
    pub fn read_file(path: &Path) -> Result<Option<Vec<StatementRow>>> {
        read_row_file(path, &["speaker", "quote", "source"], StatementRow::from_fields)
    }

    fn from_fields(m: &RowFields) -> StatementRow {
        let get = |k: &str| m.get(k);
        StatementRow {
            speaker: get("speaker"),
            quote: get("quote"),
            date: get("date"),
            said_on: get("said_on"),
            kind: get("kind"),
            source: get("source"),
            outlet: get("outlet"),
        }
    }
}

/// A statement: rows of one speaker that say the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The speaker.
    pub speaker: String,
    /// The rows, in the order they were given.
    pub rows: Vec<StatementRow>,
    /// Why each row (in the order of `rows`) is in the statement.
    pub joined_by: Vec<JoinedBy>,
}

impl Statement {
    /// The earliest day the words were said ([`StatementRow::day`]), or empty.
    pub fn first_said_on(&self) -> &str {
        self.rows.iter().map(StatementRow::day).filter(|d| !d.is_empty()).min().unwrap_or("")
    }

    /// The earliest date of a report, or empty.
    pub fn first_reported_on(&self) -> &str {
        self.rows.iter().map(|r| r.date.as_str()).filter(|d| !d.is_empty()).min().unwrap_or("")
    }

    /// The latest date of a report, or empty.
    pub fn last_reported_on(&self) -> &str {
        self.rows.iter().map(|r| r.date.as_str()).max().unwrap_or("")
    }

    /// How many outlets carry the statement: distinct `outlet`s (a row
    /// with none counts by its `source`).
    pub fn outlets(&self) -> usize {
        self.rows.iter().map(StatementRow::outlet_or_source).collect::<HashSet<_>>().len()
    }

    /// The wording to show: the earliest reported, the longest on a tie.
    pub fn representative(&self) -> &str {
        self.rows
            .iter()
            .min_by(|a, b| a.date.cmp(&b.date).then(b.quote.len().cmp(&a.quote.len())))
            .map_or("", |r| r.quote.as_str())
    }
}

/// Which rows [`compare`] groups, and how. The defaults are `quotelink
/// compare`'s: every row, similarity 0.6.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// The weighted share of the lighter row's content words that two rows
    /// must share (with at least 3 words) to be one statement.
    pub similarity: f64,
    /// Only this speaker (any alias or spelling variant the gazetteer knows).
    pub speaker: Option<String>,
    /// Only rows reported on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only rows reported on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only statements first made on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only rows of these kinds.
    pub kind: KindFilter,
}

impl Default for CompareOptions {
    fn default() -> CompareOptions {
        CompareOptions { similarity: 0.6, speaker: None, from: None, to: None, since: None, kind: KindFilter::All }
    }
}

impl CompareOptions {
    /// Checks that the similarity is a share from 0 to 1 and the days are
    /// dates: an [`Error::Config`] names the first value that is not.
    pub fn validate(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.similarity) {
            return Err(Error::Config {
                message: format!("similarity {} is not a number from 0 to 1", self.similarity),
            });
        }
        for d in [&self.from, &self.to, &self.since].into_iter().flatten() {
            if normalise_date(d).is_none() {
                return Err(Error::Config { message: format!("{d:?} is not a date in the form YYYY-MM-DD") });
            }
        }
        Ok(())
    }
}

/// The statements in `rows`, as `quotelink compare` lists them: rows of the
/// chosen kind, speaker and days, each speaker named canonically through the
/// gazetteer of `lexicons`, grouped ([`group_statements`]), statements first made
/// before `since` left out; ordered by speaker, first day said and wording.
/// Fails only when `opts` does not [validate](CompareOptions::validate).
pub fn compare(mut rows: Vec<StatementRow>, lexicons: &Lexicons, opts: &CompareOptions) -> Result<Vec<Statement>> {
    opts.validate()?;
    let gaz = Gazetteer::new(lexicons);
    let canon = |name: &str| {
        gaz.lookup(name.trim()).map_or_else(|| name.trim().to_string(), |i| lexicons.speakers[i].canonical.clone())
    };
    let want_speaker = opts.speaker.as_deref().map(|q| SpeakerQuery::through(q, &gaz, lexicons));
    rows.retain(|r| {
        opts.kind.selects_row(&r.kind)
            && want_speaker.as_ref().is_none_or(|q| q.matches(&r.speaker))
            && opts.from.as_ref().is_none_or(|f| r.date.as_str() >= f.as_str())
            && opts.to.as_ref().is_none_or(|t| r.date.as_str() <= t.as_str())
    });
    // one lookup per name, not per row
    let mut canonical: rustc_hash::FxHashMap<String, String> = Default::default();
    for r in &mut rows {
        let name = canonical.entry(std::mem::take(&mut r.speaker)).or_insert_with_key(|name| canon(name));
        r.speaker.clone_from(name);
    }
    drop(canonical);
    name_by_full_name(&mut rows);
    let mut statements = group_statements_with(rows, opts.similarity, lexicons);
    if let Some(since) = &opts.since {
        statements.retain(|s| s.first_said_on() >= since.as_str());
    }
    // by speaker, first day said and wording (each key walks the
    // statement's rows: computed once per statement, borrowed, not copied)
    let keys: Vec<(&str, &str, &str)> =
        statements.iter().map(|s| (s.speaker.as_str(), s.first_said_on(), s.representative())).collect();
    let mut order: Vec<usize> = (0..statements.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b])); // stable: equal keys keep their order
    drop(keys);
    let mut slots: Vec<Option<Statement>> = statements.into_iter().map(Some).collect();
    let statements = order.into_iter().map(|i| slots[i].take().expect("each statement once")).collect();
    Ok(statements)
}

/// Names a speaker given by one word (`Vasnetsov`, a report that never
/// gives the full name) by the one full name of the rows that ends in it
/// (`Oleg Vasnetsov`), so that both are one speaker; a word that ends
/// several full names (two people called `Smith`) is left as it is.
fn name_by_full_name(rows: &mut [StatementRow]) {
    // last word (folded) → the full name, or None when several end in it
    let mut full: FxHashMap<String, Option<&str>> = FxHashMap::default();
    let mut names: Vec<&str> = rows.iter().map(|r| r.speaker.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for &name in &names {
        if let Some((_, last)) = name.trim().rsplit_once(' ') {
            full.entry(last.to_lowercase()).and_modify(|e| *e = None).or_insert(Some(name));
        }
    }
    let renames: FxHashMap<String, String> = names
        .iter()
        .filter(|n| !n.trim().is_empty() && !n.trim().contains(' '))
        .filter_map(|n| full.get(&n.trim().to_lowercase()).copied().flatten().map(|f| (n.to_string(), f.to_string())))
        .collect();
    if renames.is_empty() {
        return;
    }
    for r in rows {
        if let Some(f) = renames.get(&r.speaker) {
            r.speaker.clone_from(f);
        }
    }
}

/// A speaker asked for by name (`compare --speaker`): it matches a row's
/// speaker that is the same person through the gazetteer (any alias or
/// spelling variant), or whose words, folded (case and accents ignored),
/// hold all the query's words (`peskov` matches `Dmitry Peskov`;
/// `Zelenskyy` matches `Volodymyr Zelenskyy`).
#[derive(Debug, Clone)]
pub struct SpeakerQuery {
    /// The query's words, folded.
    words: Vec<String>,
    /// When the gazetteer knows the query: the person's canonical name and
    /// aliases, each as folded words.
    names: Vec<Vec<String>>,
}

impl SpeakerQuery {
    /// The query `name`, read through the gazetteer of `lexicons`.
    pub fn new(name: &str, lexicons: &Lexicons) -> SpeakerQuery {
        SpeakerQuery::through(name, &Gazetteer::new(lexicons), lexicons)
    }

    /// [`SpeakerQuery::new`] with the gazetteer of `lexicons` already built.
    fn through(name: &str, gaz: &Gazetteer, lexicons: &Lexicons) -> SpeakerQuery {
        // every name the gazetteer knows this person by, so that a row
        // naming them by another alias matches too
        let names = match gaz.lookup(name.trim()) {
            Some(i) => {
                let sp = &lexicons.speakers[i];
                std::iter::once(&sp.canonical).chain(&sp.aliases).map(|n| fold_words(n).collect()).collect()
            }
            None => Vec::new(),
        };
        SpeakerQuery { words: fold_words(name).collect(), names }
    }

    /// Whether a row's `speaker` is the one asked for.
    pub fn matches(&self, speaker: &str) -> bool {
        if self.words.is_empty() || speaker.trim().is_empty() {
            return false;
        }
        let row: Vec<String> = fold_words(speaker).collect();
        self.names.contains(&row) || self.words.iter().all(|w| row.contains(w))
    }

    /// Up to `n` of `speakers` closest to the query in spelling (for a
    /// query that matches nobody), closest first.
    pub fn closest<'s>(&self, speakers: impl IntoIterator<Item = &'s str>, n: usize) -> Vec<String> {
        let query = self.words.join(" ");
        let mut scored: Vec<(f64, &str)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for s in speakers.into_iter().filter(|s| !s.trim().is_empty()) {
            if !seen.insert(s) {
                continue;
            }
            let words: Vec<String> = fold_words(s).collect();
            // the whole name, or any one of its words (a surname alone)
            let best = std::iter::once(words.join(" "))
                .chain(words.iter().cloned())
                .map(|w| strsim::normalized_levenshtein(&query, &w))
                .fold(0.0, f64::max);
            scored.push((best, s));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored.into_iter().filter(|(score, _)| *score >= 0.6).take(n).map(|(_, s)| s.to_string()).collect()
    }
}

/// How quotes are read for comparison (`variants.tsv`): words folded to
/// lower-case ASCII, stop words and words of one letter dropped, the others
/// stemmed (the English Snowball stemmer: "negotiations" → "negoti",
/// "offered" → "offer") and then read through the `same` entries (one
/// canonical word for near-synonyms and spelling variants: "proposed" →
/// "offer", "Kiev" → "kyiv"); a run of number words is one number in digits
/// ("three hundred" → "300"); a negation marks the row as negated, and the
/// `opposite` entries give each word its poles.
pub(crate) struct WordReader {
    stemmer: rust_stemmers::Stemmer,
    /// Folded words (not stemmed) that are stop words, negations or numbers.
    special: FxHashMap<String, CompareWord>,
    /// Stems to the stem of their canonical word (`same` entries).
    same: FxHashMap<String, String>,
    /// Canonical stems to their poles: (`opposite` entry, which side).
    poles: FxHashMap<String, Vec<(u32, bool)>>,
}

/// One word of a quote, as [`WordReader::read`] gives it.
enum Word<'w> {
    /// A content word, canonical, and whether a variant was read into it.
    Content(&'w str, bool),
    /// A negation.
    Negation,
    /// Any other word (a stop word).
    Other,
    /// The end of a sentence or clause (`.`, `,`, `;`, `:`, `!`, `?`).
    Break,
}

impl WordReader {
    /// The reader of `words` (a lexicon's `variants.tsv`).
    pub(crate) fn new(words: &CompareWords) -> WordReader {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let stem = |w: &str| stemmer.stem(w).into_owned();
        let mut special = FxHashMap::default();
        let mut same = FxHashMap::default();
        for (w, kind) in &words.words {
            match kind {
                CompareWord::Same(canonical) => {
                    let (from, to) = (stem(w), stem(canonical));
                    if from != to {
                        same.insert(from, to);
                    }
                }
                other => {
                    special.insert(w.clone(), other.clone());
                }
            }
        }
        let canonical = |w: &str| {
            let s = stem(w);
            same.get(&s).cloned().unwrap_or(s)
        };
        let mut poles: FxHashMap<String, Vec<(u32, bool)>> = FxHashMap::default();
        for (g, (w, opposite)) in words.opposites.iter().enumerate() {
            poles.entry(canonical(w)).or_default().push((g as u32, true));
            for o in opposite {
                poles.entry(canonical(o)).or_default().push((g as u32, false));
            }
        }
        WordReader { stemmer, special, same, poles }
    }

    /// The reader of the built-in English `variants.tsv`.
    pub(crate) fn builtin() -> WordReader {
        WordReader::new(&Lexicons::builtin_compare_words())
    }

    /// Calls `f` with each word of `folded` (a [`fold`]ed quote), in
    /// order, and a [`Word::Break`] where a sentence or clause ends. Stems
    /// and variants are looked up once per distinct word in `cache`.
    fn read(&self, folded: &str, cache: &mut WordCache, mut f: impl FnMut(Word)) {
        let mut number: Option<u64> = None;
        let bytes = folded.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let gap = at;
            // (a byte of a non-ASCII letter is a word's: `fold` leaves
            // nothing else outside ASCII, so Cyrillic words are read too)
            let word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
            while at < bytes.len() && !word_byte(bytes[at]) {
                at += 1;
            }
            let start = at;
            while at < bytes.len() && word_byte(bytes[at]) {
                at += 1;
            }
            let ends_clause = bytes[gap..start].iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b';' | b':' | b','));
            let w = &folded[start..at];
            let special = self.special.get(w);
            if let Some(CompareWord::Number(v)) = special
                && !ends_clause
            {
                // "three hundred": 3, then × 100; "twenty five": 20 + 5
                number = Some(match number {
                    None | Some(0) => *v,
                    Some(n) if *v >= 100 => n.saturating_mul(*v),
                    Some(n) => n.saturating_add(*v),
                });
                continue;
            }
            if let Some(n) = number.take() {
                emit_number(n, &mut f);
            }
            if ends_clause {
                f(Word::Break);
            }
            match special {
                _ if w.is_empty() => {}
                Some(CompareWord::Number(v)) => number = Some(*v),
                Some(CompareWord::Negation) => f(Word::Negation),
                Some(_) => f(Word::Other),
                // a word with a digit (`300`, `g7`) is read as written: no
                // stem, no variant, nothing to remember
                None if w.bytes().any(|b| b.is_ascii_digit()) => {
                    if w.len() > 1 {
                        f(Word::Content(w, false))
                    } else {
                        f(Word::Other)
                    }
                }
                None if w.len() > 1 => {
                    if !cache.contains_key(w) {
                        // (most words are their own stem: no second copy)
                        let stem = self.stemmer.stem(w);
                        let read = match self.same.get(stem.as_ref()) {
                            Some(canonical) => (Some(canonical.as_str().into()), true),
                            None if stem == w => (None, false),
                            None => (Some(stem.as_ref().into()), false),
                        };
                        cache.insert(w.into(), read);
                    }
                    let (canonical, variant) = &cache[w];
                    f(Word::Content(canonical.as_deref().unwrap_or(w), *variant));
                }
                None => f(Word::Other),
            }
        }
        if let Some(n) = number {
            emit_number(n, &mut f);
        }
    }
}

/// A number read from words, as a word in digits; a single digit is not
/// compared (as `3` written in digits is not: words of one letter carry no
/// content).
fn emit_number(n: u64, f: &mut impl FnMut(Word)) {
    if n >= 10 { f(Word::Content(&n.to_string(), false)) } else { f(Word::Other) }
}

/// Words already read: each folded word's canonical stem (`None`: the
/// word itself), and whether a variant was read into it.
type WordCache = FxHashMap<Box<str>, (Option<Box<str>>, bool)>;

/// Content words of a quote, as the built-in English reader reads them
/// ([`WordReader`]).
#[cfg(test)]
pub(crate) fn content_words(s: &str) -> BTreeSet<String> {
    let reader = WordReader::builtin();
    let mut out = BTreeSet::new();
    reader.read(&fold(s), &mut WordCache::default(), |w| {
        if let Word::Content(w, _) = w {
            out.insert(w.to_string());
        }
    });
    out
}

/// Folds `s` as [`fold_words`] does (lower case, accents dropped), without splitting.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase(); // NFKD leaves ASCII as it is
    }
    fold_words(s).collect::<Vec<_>>().join(" ")
}

/// Union-find over row indices; a group's root is its smallest index.
struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect() }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut i = i as u32;
        while self.parent[i as usize] != i {
            let up = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = up;
            i = up;
        }
        i as usize
    }

    fn union(&mut self, i: usize, j: usize) {
        let (a, b) = (self.find(i), self.find(j));
        self.parent[a.max(b)] = a.min(b) as u32;
    }
}

/// Why a row is in its statement: the signal that joined it (or the group
/// of rows it was in) to the statement's other rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JoinedBy {
    /// The statement's first row: nothing joined it.
    First,
    /// The same wording as a row of the statement (case, accents and
    /// punctuation aside).
    Verbatim,
    /// The same content words as a row of the statement, worded otherwise
    /// (other stop words, endings or order).
    SameWords,
    /// Every content word of one row is in the other (a partial quote and
    /// the full one), or a quoted piece stands inside the speaker's clause
    /// from the same report.
    Contained,
    /// Enough shared content words ([`CompareOptions::similarity`]).
    Paraphrase,
    /// Enough shared content words only with the near-synonyms and
    /// spelling variants of `variants.tsv` (`offer`/`propose`,
    /// `Kyiv`/`Kiev`).
    TranslationVariant,
    /// Said on the same day (`said_on`), which lowers the share needed to
    /// two thirds of the similarity.
    SameDay,
}

impl JoinedBy {
    /// The name written in the `joined_by` column.
    pub fn as_str(self) -> &'static str {
        match self {
            JoinedBy::First => "first",
            JoinedBy::Verbatim => "verbatim",
            JoinedBy::SameWords => "same words",
            JoinedBy::Contained => "contained",
            JoinedBy::Paraphrase => "paraphrase",
            JoinedBy::TranslationVariant => "translation variant",
            JoinedBy::SameDay => "paraphrase same day",
        }
    }
}

/// Rows said on the same day need this share of the similarity.
const SAME_DAY_SHARE: f64 = 2.0 / 3.0;

/// Groups rows into statements, speaker by speaker (speakers as given, in
/// their order; within a speaker, statements in the order of their first
/// row, and each statement's rows in the order given). Rows without a
/// speaker are left out. Words are read as the built-in English
/// `variants.tsv` says ([`group_statements_with`] takes the lexicons').
pub fn group_statements(rows: Vec<StatementRow>, similarity: f64) -> Vec<Statement> {
    group_rows(rows, similarity, &WordReader::builtin())
}

/// [`group_statements`], reading words as the `variants.tsv` of `lexicons`
/// says.
pub fn group_statements_with(rows: Vec<StatementRow>, similarity: f64, lexicons: &Lexicons) -> Vec<Statement> {
    group_rows(rows, similarity, &WordReader::new(&lexicons.compare_words))
}

fn group_rows(rows: Vec<StatementRow>, similarity: f64, reader: &WordReader) -> Vec<Statement> {
    // each speaker's rows, speakers in name order, rows in the order given
    // (sized before they are moved: a million rows are not copied twice)
    let mut speaker_ids: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut counts: Vec<usize> = Vec::new();
    let of_row: Vec<usize> = rows
        .iter()
        .map(|r| match speaker_ids.get(r.speaker.as_str()) {
            Some(&k) => {
                counts[k] += 1;
                k
            }
            None => {
                speaker_ids.insert(r.speaker.clone(), counts.len());
                counts.push(1);
                counts.len() - 1
            }
        })
        .collect();
    let mut by_speaker: Vec<(String, Vec<StatementRow>)> = vec![(String::new(), Vec::new()); counts.len()];
    if counts.len() == 1 {
        by_speaker[0] = (speaker_ids.into_keys().next().unwrap_or_default(), rows);
    } else {
        for (name, k) in speaker_ids {
            by_speaker[k] = (name, Vec::with_capacity(counts[k]));
        }
        for (r, k) in rows.into_iter().zip(of_row) {
            by_speaker[k].1.push(r);
        }
    }
    by_speaker.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (speaker, rows) in by_speaker.into_iter().filter(|(name, _)| !name.is_empty()) {
        let words = RowWords::of(rows.iter().map(|r| r.quote.as_str()), reader);
        let days = day_ids(&rows);
        let mut links = Links::new(rows.len());
        link_pieces(&rows, &mut links);
        link_similar(&words, &days, similarity, &mut links, &mut Work::default());
        drop(words);
        // a statement's root is its first row: statements come in the order
        // of their first row
        let roots: Vec<u32> = (0..rows.len()).map(|i| links.find(i) as u32).collect();
        let why = links.why;
        let mut sizes = vec![0u32; rows.len()];
        for &root in &roots {
            sizes[root as usize] += 1;
        }
        let first = out.len();
        let mut at = vec![u32::MAX; rows.len()];
        for ((r, root), why) in rows.into_iter().zip(roots).zip(why) {
            let root = root as usize;
            if at[root] == u32::MAX {
                at[root] = (out.len() - first) as u32;
                let n = sizes[root] as usize;
                out.push(Statement {
                    speaker: speaker.clone(),
                    rows: Vec::with_capacity(n),
                    joined_by: Vec::with_capacity(n),
                });
            }
            let st = &mut out[first + at[root] as usize];
            st.rows.push(r);
            st.joined_by.push(why);
        }
    }
    out
}

/// Each row's `said_on` as a number, the same for the same day; 0 when the
/// row gives none.
fn day_ids(rows: &[StatementRow]) -> Vec<u32> {
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    rows.iter()
        .map(|r| {
            if r.said_on.is_empty() {
                return 0;
            }
            let next = ids.len() as u32 + 1;
            *ids.entry(r.said_on.as_str()).or_insert(next)
        })
        .collect()
}

/// Joins each quoted piece (a `direct` row) to the speaker's clause that
/// holds it in the same report (a `mixed` row of the same source whose
/// words contain the piece's): a partial quote of a few words is one
/// statement with the sentence it stands in.
fn link_pieces(rows: &[StatementRow], links: &mut Links) {
    let mut clauses: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, r) in rows.iter().enumerate() {
        if r.kind == "mixed" {
            clauses.entry(r.source.as_str()).or_default().push(i);
        }
    }
    if clauses.is_empty() {
        return;
    }
    for (i, r) in rows.iter().enumerate() {
        if r.kind != "direct" || r.quote.trim().is_empty() {
            continue;
        }
        let piece = r.quote.trim().trim_end_matches([',', '.']);
        if let Some(&j) =
            clauses.get(r.source.as_str()).and_then(|c| c.iter().find(|&&j| rows[j].quote.contains(piece)))
        {
            links.union(j, i, JoinedBy::Contained);
        }
    }
}

/// Union-find over the rows of one speaker, with why each row joined.
struct Links {
    uf: UnionFind,
    /// Per row: the signal that joined it, or the group it was the first
    /// row of, to a statement ([`JoinedBy::First`] until then).
    why: Vec<JoinedBy>,
}

impl Links {
    fn new(n: usize) -> Links {
        Links { uf: UnionFind::new(n), why: vec![JoinedBy::First; n] }
    }

    fn find(&mut self, i: usize) -> usize {
        self.uf.find(i)
    }

    /// Joins the groups of `i` and `j` for `why`: the first row of the
    /// group that is no longer first records it.
    fn union(&mut self, i: usize, j: usize, why: JoinedBy) {
        let (a, b) = (self.uf.find(i), self.uf.find(j));
        if a == b {
            return;
        }
        self.why[a.max(b)] = why;
        self.uf.union(a, b);
    }
}

/// The content words of each row as sorted, distinct word ids, numbered in
/// alphabetical order (interned once: comparing two rows merges two short
/// lists of integers), with how many rows hold each word; and per row
/// whether it negates, the poles of its words, and which of its words were
/// read through a variant.
struct RowWords {
    /// Row `i`'s ids are `ids[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    ids: Vec<u32>,
    /// Per word id: the number of rows that hold it.
    df: Vec<u32>,
    /// Row `i`'s negated words (ids, sorted): the content words of the
    /// three words after a negation and the word right before it (`did
    /// not change`, `changes nothing`) are
    /// `negated[negated_starts[i]..negated_starts[i + 1]]`.
    negated_starts: Vec<u32>,
    negated: Vec<u32>,
    /// Row `i`'s poles are `poles[pole_starts[i]..pole_starts[i + 1]]`.
    pole_starts: Vec<u32>,
    poles: Vec<(u32, bool)>,
    /// Row `i`'s words read through a variant (ids, sorted) are
    /// `variant_ids[variant_starts[i]..variant_starts[i + 1]]`.
    variant_starts: Vec<u32>,
    variant_ids: Vec<u32>,
    /// Per row: a hash of its folded words, all of them, in order (the
    /// same for the same wording).
    wording: Vec<u64>,
}

impl RowWords {
    fn of<'q>(quotes: impl Iterator<Item = &'q str>, reader: &WordReader) -> RowWords {
        let mut vocab: rustc_hash::FxHashMap<Box<str>, u32> = Default::default();
        let (mut starts, mut ids, mut df) = (vec![0], Vec::new(), Vec::new());
        let (mut negated_starts, mut negated) = (vec![0u32], Vec::new());
        let (mut variant_starts, mut variant_ids) = (vec![0u32], Vec::new());
        let mut row: Vec<u32> = Vec::new();
        let mut variants: Vec<u32> = Vec::new();
        let mut negs: Vec<u32> = Vec::new();
        let mut cache = WordCache::default();
        let mut wording = Vec::new();
        for q in quotes {
            row.clear();
            variants.clear();
            negs.clear();
            // how many more words a negation reaches (its first content
            // word within three words), and the word before (a content
            // word's id): `did not change`, `changes nothing`
            let mut reach = 0usize;
            let mut previous: Option<u32> = None;
            let folded = fold(q);
            wording.push({
                use std::hash::{BuildHasher, Hasher};
                let mut h = rustc_hash::FxBuildHasher.build_hasher();
                for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    h.write(w.as_bytes());
                    h.write_u8(0);
                }
                h.finish()
            });
            reader.read(&folded, &mut cache, |w| {
                let (w, variant) = match w {
                    Word::Negation => {
                        // after its word (`changes nothing`) it reaches no further
                        match previous.take() {
                            Some(p) => negs.push(p),
                            None => reach = 3,
                        }
                        return;
                    }
                    Word::Other => {
                        reach = reach.saturating_sub(1);
                        previous = None;
                        return;
                    }
                    Word::Break => {
                        reach = 0;
                        previous = None;
                        return;
                    }
                    Word::Content(w, variant) => (w, variant),
                };
                let id = match vocab.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.insert(w.into(), id);
                        df.push(0u32);
                        id
                    }
                };
                row.push(id);
                if variant {
                    variants.push(id);
                }
                if reach > 0 {
                    negs.push(id);
                    reach = 0;
                }
                previous = Some(id);
            });
            row.sort_unstable();
            row.dedup();
            for &id in &row {
                df[id as usize] += 1;
            }
            ids.extend_from_slice(&row);
            starts.push(ids.len());
            negated.extend_from_slice(&negs);
            negated_starts.push(negated.len() as u32);
            variant_ids.extend_from_slice(&variants);
            variant_starts.push(variant_ids.len() as u32);
        }
        // ids renumbered in alphabetical order: ties between words as
        // common break the same way on every run, and the weights of
        // shared words add up in one order
        let mut by_name: Vec<(Box<str>, u32)> = vocab.into_iter().collect();
        by_name.sort_unstable();
        let mut rank = vec![0u32; by_name.len()];
        for (r, (_, id)) in by_name.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        // the poles of each word (few words have any)
        let mut word_poles: Vec<&[(u32, bool)]> = vec![&[]; by_name.len()];
        if !reader.poles.is_empty() {
            for (r, (name, _)) in by_name.iter().enumerate() {
                if let Some(p) = reader.poles.get(name.as_ref()) {
                    word_poles[r] = p;
                }
            }
        }
        let mut ranked_df = vec![0; df.len()];
        for (id, d) in df.into_iter().enumerate() {
            ranked_df[rank[id] as usize] = d;
        }
        let (mut pole_starts, mut poles) = (vec![0u32], Vec::new());
        for k in 0..starts.len() - 1 {
            let row = &mut ids[starts[k]..starts[k + 1]];
            for id in row.iter_mut() {
                *id = rank[*id as usize];
                poles.extend_from_slice(word_poles[*id as usize]);
            }
            row.sort_unstable();
            pole_starts.push(poles.len() as u32);
            for list in [
                &mut variant_ids[variant_starts[k] as usize..variant_starts[k + 1] as usize],
                &mut negated[negated_starts[k] as usize..negated_starts[k + 1] as usize],
            ] {
                for id in list.iter_mut() {
                    *id = rank[*id as usize];
                }
                list.sort_unstable();
            }
        }
        drop(by_name);
        RowWords {
            starts,
            ids,
            df: ranked_df,
            negated_starts,
            negated,
            pole_starts,
            poles,
            variant_starts,
            variant_ids,
            wording,
        }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn row(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i]..self.starts[i + 1]]
    }

    fn poles(&self, i: usize) -> &[(u32, bool)] {
        &self.poles[self.pole_starts[i] as usize..self.pole_starts[i + 1] as usize]
    }

    fn variants(&self, i: usize) -> &[u32] {
        &self.variant_ids[self.variant_starts[i] as usize..self.variant_starts[i + 1] as usize]
    }

    fn negated(&self, i: usize) -> &[u32] {
        &self.negated[self.negated_starts[i] as usize..self.negated_starts[i + 1] as usize]
    }

    /// Whether rows `i` and `j` contradict each other: a word of both is
    /// negated in one and not in the other (`has not been agreed` /
    /// `have agreed`), or they hold opposite words (`agreed` / `open`).
    fn contradict(&self, i: usize, j: usize) -> bool {
        let (ni, nj) = (self.negated(i), self.negated(j));
        if ni != nj {
            let (wi, wj) = (self.row(i), self.row(j));
            let one_sided = |n: &[u32], n_other: &[u32], w_other: &[u32]| {
                n.iter().any(|w| w_other.binary_search(w).is_ok() && n_other.binary_search(w).is_err())
            };
            if one_sided(ni, nj, wj) || one_sided(nj, ni, wi) {
                return true;
            }
        }
        let (a, b) = (self.poles(i), self.poles(j));
        a.iter().any(|&(g, side)| b.contains(&(g, !side)) && !b.contains(&(g, side)) && !a.contains(&(g, !side)))
    }
}

/// Work done by [`link_similar`], for tests that grouping stays near-linear.
#[derive(Debug, Default)]
struct Work {
    /// Pairs of rows whose words were compared.
    comparisons: usize,
}

/// Links the rows (given by their content words) that are similar enough,
/// trying only pairs that share one of a row's rarest words. Rows said on
/// the same day (`days`, 0 for none) need [`SAME_DAY_SHARE`] of the
/// similarity; rows that contradict each other ([`RowWords::contradict`])
/// are never linked directly.
///
/// Near-linear whatever the rows: rows with the same words are one node
/// from the start; a row is compared, through each of its
/// [`INDEX_WORDS`] rarest words, only with one row of each statement
/// already seen with that word (a row that joins a statement through a
/// word does not lengthen that word's list), and a word's list holds at
/// most [`MAX_REPRESENTATIVES`] statements: at most
/// `INDEX_WORDS × MAX_REPRESENTATIVES` candidates per row. A candidate is
/// first bounded from the two rows' index words alone (what they can share
/// at most), and only one that may reach the share has its words looked
/// at: rows that share only common words cost next to nothing. 1,000,000 identical rows,
/// near-identical ones, or ones sharing only common words are grouped in
/// seconds (`benches/bench.py`).
fn link_similar(words: &RowWords, days: &[u32], similarity: f64, links: &mut Links, work: &mut Work) {
    let n = words.len();
    // the same words (enough of them, negated alike): the same statement,
    // without comparing
    let mut first_with: rustc_hash::FxHashMap<&[u32], usize> = Default::default();
    let mut unique: Vec<usize> = Vec::new();
    for i in 0..n {
        let ws = words.row(i);
        if ws.len() < MIN_SHARED {
            continue; // too few words to be linked to any row
        }
        match first_with.get(ws) {
            Some(&j) if !words.contradict(i, j) => {
                let why = if words.wording[i] == words.wording[j] {
                    JoinedBy::Verbatim
                } else if words.variants(i) != words.variants(j) {
                    JoinedBy::TranslationVariant
                } else {
                    JoinedBy::SameWords
                };
                links.union(j, i, why);
            }
            // the same words, one negated: compared as any other row
            Some(_) => unique.push(i),
            None => {
                first_with.insert(ws, i);
                unique.push(i);
            }
        }
    }
    drop(first_with);
    // words this speaker uses often (the topic: "talks", "Abu Dhabi")
    // weigh less than the words that make a statement its own
    let weight: Vec<f64> = words.df.iter().map(|&d| (1.0 + n as f64 / d as f64).ln()).collect();
    let own_weight: Vec<f64> = (0..n).map(|i| words.row(i).iter().map(|&w| weight[w as usize]).sum()).collect();
    // per word, rows standing for the statements seen with it so far
    let mut reps: Vec<Vec<u32>> = vec![Vec::new(); words.df.len()];
    // when each root was last tried (a row through one word)
    let mut tried: Vec<u32> = vec![0; n];
    let mut round: u32 = 0;
    let mut rare: Vec<u32> = Vec::new();
    // each row's rarest words (its index words), rarest first
    let mut rare_of: Vec<[u32; INDEX_WORDS]> = vec![[0; INDEX_WORDS]; n];
    // the words of the row being linked, marked with its number (+1): a
    // word of another row is shared when it is marked
    let mut mark: Vec<u32> = vec![0; words.df.len()];
    for &i in &unique {
        let ws = words.row(i);
        let stamp = i as u32 + 1;
        for &w in ws {
            mark[w as usize] = stamp;
        }
        rare.clear();
        rare.extend_from_slice(ws);
        // ids are in alphabetical order: ties go to the first word
        rare.sort_unstable_by_key(|&w| (words.df[w as usize], w));
        rare.truncate(INDEX_WORDS);
        rare_of[i][..rare.len()].copy_from_slice(&rare);
        // the weight of the index words before each one
        let mut rare_w = [0.0; INDEX_WORDS + 1];
        for (k, &w) in rare.iter().enumerate() {
            rare_w[k + 1] = rare_w[k] + weight[w as usize];
        }
        for (p, &w) in rare.iter().enumerate() {
            round += 1;
            let list = &mut reps[w as usize];
            let mut joined = false;
            for &j in list.iter() {
                let (root, mine) = (links.find(j as usize), links.find(i));
                if root == mine || tried[root] == round {
                    joined |= root == mine;
                    continue;
                }
                tried[root] = round;
                let j = j as usize;
                let same_day = days[i] != 0 && days[i] == days[j];
                let share = if same_day { similarity * SAME_DAY_SHARE } else { similarity };
                let smaller = own_weight[i].min(own_weight[j]).max(f64::EPSILON);
                // A bound first, from the index words alone: both rows hold
                // `w`; shared words rarer than `w` are among both rows'
                // index words before it, and the other shared words weigh
                // at most what `w` does each and what this row's words from
                // `w` on weigh together. A pair that cannot reach the share
                // is not compared word by word (most pairs through a word
                // many rows share).
                let other = words.row(j);
                let theirs = &rare_of[j];
                let q = theirs.iter().position(|&x| x == w).unwrap_or(0);
                let (mut rarer, mut rarer_w) = (0, 0.0);
                for &x in &rare[..p] {
                    if theirs[..q].contains(&x) {
                        rarer += 1;
                        rarer_w += weight[x as usize];
                    }
                }
                let rest = (ws.len() - p).min(other.len() - q);
                let rest_w = (weight[w as usize] * rest as f64).min(own_weight[i] - rare_w[p]);
                // (with a margin for rounding: a pair on the edge is compared)
                let bound = rarer_w + rest_w + 1e-9 * (own_weight[i] + 1.0);
                if rarer + rest < MIN_SHARED || bound < share * smaller || words.contradict(i, j) {
                    continue;
                }
                work.comparisons += 1;
                // the shared words' weights add up in id order, as a row's own do
                let (mut shared, mut shared_w) = (0, 0.0);
                for &w in other {
                    if mark[w as usize] == stamp {
                        shared += 1;
                        shared_w += weight[w as usize];
                    }
                }
                if shared < MIN_SHARED || shared_w < share * smaller {
                    continue;
                }
                let why = if shared == ws.len().min(other.len()) {
                    JoinedBy::Contained
                } else if shared_w < similarity * smaller {
                    JoinedBy::SameDay
                } else {
                    // without the words that only one row reached through a
                    // variant, is the share still there?
                    let (vi, vj) = (words.variants(i), words.variants(j));
                    let through_variant: f64 = other
                        .iter()
                        .filter(|&&w| {
                            mark[w as usize] == stamp && vi.binary_search(&w).is_ok() != vj.binary_search(&w).is_ok()
                        })
                        .map(|&w| weight[w as usize])
                        .sum();
                    if through_variant > 0.0 && shared_w - through_variant < similarity * smaller {
                        JoinedBy::TranslationVariant
                    } else {
                        JoinedBy::Paraphrase
                    }
                };
                links.union(j, i, why);
                joined = true;
            }
            if !joined && list.len() < MAX_REPRESENTATIVES {
                list.push(i as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(speaker: &str, quote: &str, source: &str, date: &str) -> StatementRow {
        StatementRow {
            speaker: speaker.into(),
            quote: quote.into(),
            date: date.into(),
            said_on: String::new(),
            kind: "direct".into(),
            source: source.into(),
            outlet: String::new(),
        }
    }

    #[test]
    fn translations_merge_and_topics_do_not() {
        let rows = vec![
            row(
                "P",
                "Zelensky offers contacts. Putin said that they are possible in Moscow. This position remains ours. It is sufficiently consistent,",
                "a",
                "2026-02-02",
            ),
            row(
                "P",
                "Zelensky proposes contacts. Putin has said that they are possible in Moscow. This position remains our position. It is quite consistent,",
                "b",
                "2026-02-02",
            ),
            row(
                "P",
                "Russia continues its efforts, continues contacts with all interested parties, and maintains its readiness to contribute to reducing tension around Iran,",
                "a",
                "2026-02-02",
            ),
            row("Q", "Zelensky offers contacts. Putin said that they are possible in Moscow.", "a", "2026-02-02"),
        ];
        let st = group_statements(rows, 0.6);
        let sizes: Vec<(String, usize)> = st.iter().map(|s| (s.speaker.clone(), s.rows.len())).collect();
        assert!(sizes.contains(&("P".into(), 2)), "{sizes:?}");
        assert_eq!(st.len(), 3, "another speaker's words are never merged: {sizes:?}");
    }

    #[test]
    fn content_words_drop_stop_words_and_strip_endings() {
        let got: Vec<String> =
            content_words("The negotiations offered talks it uses, Zelenskyy’s").into_iter().collect();
        // "negotiations" is read as "talk" (variants.tsv); "’s" is a lone "s"
        assert_eq!(got, ["offer", "talk", "use", "zelenskyy"]);
    }

    #[test]
    fn a_paraphrase_is_one_statement_and_a_new_claim_on_the_topic_another() {
        let rows = vec![
            row("P", "Energy strikes are halted for one week at the president's request", "tass", "2026-01-30"),
            row("P", "Strikes on energy were halted for a week at the request of the president", "afp", "2026-01-31"),
            row("P", "The energy talks continue next week in Abu Dhabi", "afp", "2026-01-31"),
        ];
        let st = group_statements(rows, 0.6);
        assert_eq!(st.len(), 2, "{st:#?}");
        assert_eq!(st[0].rows.len(), 2, "statements come in the order of their first row");
        assert_eq!(st[0].outlets(), 2);
        assert_eq!((st[0].first_reported_on(), st[0].last_reported_on()), ("2026-01-30", "2026-01-31"));
        assert_eq!(st[0].representative(), "Energy strikes are halted for one week at the president's request");
    }

    /// The statement of each row (the index of its statement).
    fn statement_of_rows(st: &[Statement], n: usize) -> Vec<usize> {
        let mut of = vec![usize::MAX; n];
        for (k, s) in st.iter().enumerate() {
            for r in &s.rows {
                of[r.source.parse::<usize>().unwrap()] = k;
            }
        }
        of
    }

    #[test]
    fn contradictions_stay_apart() {
        let quotes = [
            "The venue for the next round in Istanbul has been agreed with both delegations",
            "The venue for the next round in Istanbul is still open for both delegations",
            "The exchange of prisoners before Easter has been agreed by both sides",
            "The exchange of prisoners before Easter has not been agreed by both sides",
            "Ukraine will not accept a ceasefire that freezes the front line",
            "Ukraine is ready to accept a ceasefire that freezes the front line",
            "Kyiv's offer changes nothing in our conditions for talks",
            "Kyiv's offer does not change anything in our conditions for talks",
        ];
        let rows: Vec<StatementRow> =
            quotes.iter().enumerate().map(|(i, q)| row("P", q, &i.to_string(), "2026-03-11")).collect();
        let of = statement_of_rows(&group_statements(rows, 0.6), quotes.len());
        assert_ne!(of[0], of[1], "agreed / still open");
        assert_ne!(of[2], of[3], "agreed / not agreed");
        assert_ne!(of[4], of[5], "will not accept / ready to accept");
        assert_eq!(of[6], of[7], "changes nothing / does not change anything: negated alike");
    }

    #[test]
    fn the_same_day_lowers_the_bar_and_the_column_says_why() {
        let mut rows = vec![
            row(
                "P",
                "Kyiv has offered contacts at the level of experts, and we are ready to study them",
                "0",
                "2026-03-09",
            ),
            row("P", "Moscow is prepared to examine what Kiev proposed later", "1", "2026-03-09"),
            row(
                "P",
                "Kyiv has offered contacts at the level of experts, and we are ready to study them.",
                "2",
                "2026-03-10",
            ),
            row("P", "Three hundred prisoners for 300 will be exchanged before Easter", "3", "2026-03-11"),
            row("P", "Both sides will exchange 300 prisoners for three hundred before Easter", "4", "2026-03-11"),
        ];
        let apart = statement_of_rows(&group_statements(rows.clone(), 0.6), rows.len());
        assert_ne!(apart[0], apart[1], "not enough words in common on their own");
        for r in &mut rows[..2] {
            r.said_on = "2026-03-09".into();
        }
        let st = group_statements(rows.clone(), 0.6);
        let of = statement_of_rows(&st, rows.len());
        assert_eq!(of[0], of[1], "said on the same day");
        assert_eq!((of[0], of[3]), (of[2], of[4]), "{st:#?}");
        let why: Vec<&str> = st.iter().flat_map(|s| s.joined_by.iter().map(|w| w.as_str())).collect();
        assert_eq!(why, ["first", "paraphrase same day", "verbatim", "first", "contained"], "numbers read as digits");
    }

    #[test]
    fn a_quoted_piece_joins_its_clause_and_a_surname_its_full_name() {
        let lex = Lexicons::builtin().unwrap();
        let mut clause = row("Oleg Vasnetsov", "the venue \"has been agreed\"", "a", "2026-03-11");
        clause.kind = "mixed".into();
        let rows = vec![
            clause,
            row("Oleg Vasnetsov", "has been agreed", "a", "2026-03-11"),
            row(
                "Vasnetsov",
                "The next round will take place in Istanbul, the venue has been agreed",
                "b",
                "2026-03-11",
            ),
        ];
        let st = compare(rows, &lex, &CompareOptions::default()).unwrap();
        assert_eq!(st.len(), 2, "{st:#?}");
        assert!(st.iter().all(|s| s.speaker == "Oleg Vasnetsov"));
        let piece = st.iter().find(|s| s.rows.len() == 2).unwrap();
        assert_eq!(piece.joined_by, [JoinedBy::First, JoinedBy::Contained]);
    }

    #[test]
    fn rows_without_a_speaker_are_left_out() {
        let rows = vec![row("", "Energy strikes are halted for one week", "a", "2026-01-30")];
        assert!(group_statements(rows, 0.6).is_empty());
    }

    #[test]
    fn compare_names_speakers_canonically_and_filters() {
        let lex = Lexicons::builtin().unwrap();
        let mut said_earlier = row("Peskov", "Energy strikes are halted for one week", "tass", "2026-02-03");
        said_earlier.said_on = "2026-02-01".into();
        let rows = vec![
            said_earlier,
            row("Dmitry Peskov", "Energy strikes were halted for one week", "afp", "2026-02-04"),
            row("Zelensky", "We are ready for a meeting at the leaders' level", "afp", "2026-02-04"),
            row("Kremlin", "The doors remain open for talks with Kyiv", "tass", "2026-02-04"),
        ];
        let all = compare(rows.clone(), &lex, &CompareOptions::default()).unwrap();
        let speakers: Vec<&str> = all.iter().map(|s| s.speaker.as_str()).collect();
        assert_eq!(speakers, ["Dmitry Peskov", "Kremlin", "Volodymyr Zelenskyy"], "aliases merge, sorted by name");
        assert_eq!(all[0].first_said_on(), "2026-02-01");

        let peskov = CompareOptions { speaker: Some("peskov".into()), ..CompareOptions::default() };
        assert_eq!(compare(rows.clone(), &lex, &peskov).unwrap().len(), 1);
        let since = CompareOptions { since: Some("2026-02-02".into()), ..CompareOptions::default() };
        let new: Vec<String> = compare(rows.clone(), &lex, &since).unwrap().into_iter().map(|s| s.speaker).collect();
        assert_eq!(new, ["Kremlin", "Volodymyr Zelenskyy"], "Peskov's statement was first made on the 1st");
        let from = CompareOptions { from: Some("2026-02-04".into()), ..CompareOptions::default() };
        let peskov_rows = compare(rows.clone(), &lex, &from).unwrap().remove(0).rows;
        assert_eq!(peskov_rows.len(), 1, "`from` filters by the report's date");
        let indirect = CompareOptions { kind: KindFilter::Indirect, ..CompareOptions::default() };
        assert!(compare(rows.clone(), &lex, &indirect).unwrap().is_empty());
    }

    #[test]
    fn a_malformed_day_is_a_config_error() {
        let opts = CompareOptions { to: Some("2026-13-01".into()), ..CompareOptions::default() };
        let e = compare(Vec::new(), &Lexicons::builtin().unwrap(), &opts).unwrap_err();
        assert!(matches!(e, Error::Config { .. }));
        assert_eq!(e.to_string(), "\"2026-13-01\" is not a date in the form YYYY-MM-DD");
    }

    /// Rows of one speaker: `n` quotes made by `quote`.
    fn words_of(n: usize, quote: impl Fn(usize) -> String) -> RowWords {
        let quotes: Vec<String> = (0..n).map(quote).collect();
        RowWords::of(quotes.iter().map(String::as_str), &WordReader::builtin())
    }

    /// Links the rows of `words` (none said on a known day).
    fn link(words: &RowWords, similarity: f64, work: &mut Work) -> Links {
        let mut links = Links::new(words.len());
        link_similar(words, &vec![0; words.len()], similarity, &mut links, work);
        links
    }

    #[test]
    fn grouping_compares_each_row_with_a_bounded_number_of_rows() {
        let n = 20_000;
        // identical rows: one node, no comparison at all
        let words = words_of(n, |_| "We will not accept any ceasefire that freezes the front line".into());
        let mut work = Work::default();
        let mut links = link(&words, 0.6, &mut work);
        assert_eq!(work.comparisons, 0);
        assert!((0..n).all(|i| links.find(i) == 0));
        // rows sharing only common words: none alike, and the bound from
        // the index words rules every candidate pair out without comparing
        // their words (1,468,595 comparisons before it)
        let words = words_of(n, |i| format!("ceasefire talks front line statement number {i} word{} item{i}", i % 997));
        let mut work = Work::default();
        let mut links = link(&words, 0.6, &mut work);
        assert_eq!(work.comparisons, 0);
        assert!((0..n).all(|i| links.find(i) == i), "no two rows say the same thing");
        // near-identical rows that are one statement: at most the index
        // words' lists, bounded per row
        let words = words_of(n, |i| format!("ceasefire talks front line statement number {}", ["one", "two"][i % 2]));
        let mut work = Work::default();
        let mut links = link(&words, 0.6, &mut work);
        assert!(work.comparisons <= n * INDEX_WORDS * MAX_REPRESENTATIVES, "{} comparisons", work.comparisons);
        assert!((0..n).all(|i| links.find(i) == 0), "one statement");
    }

    /// The grouping as it was written before word ids: content words as
    /// strings, candidate pairs through each row's 4 rarest words (ties in
    /// alphabetical order), one row per statement and at most 64 in a
    /// word's list. The id-based grouping must link the same rows.
    fn link_by_strings(quotes: &[String], similarity: f64) -> Vec<usize> {
        let words: Vec<BTreeSet<String>> = quotes.iter().map(|q| content_words(q)).collect();
        let mut links = UnionFind::new(words.len());
        let mut first_with: HashMap<&BTreeSet<String>, usize> = HashMap::new();
        let mut unique = Vec::new();
        for (i, ws) in words.iter().enumerate() {
            if ws.len() < MIN_SHARED {
                continue;
            }
            match first_with.get(ws) {
                Some(&j) => links.union(i, j),
                None => {
                    first_with.insert(ws, i);
                    unique.push(i);
                }
            }
        }
        let mut df: HashMap<&str, usize> = HashMap::new();
        for w in words.iter().flatten() {
            *df.entry(w).or_default() += 1;
        }
        let n = words.len() as f64;
        let weight = |set: &mut dyn Iterator<Item = &String>| -> f64 {
            set.map(|w| (1.0 + n / df[w.as_str()] as f64).ln()).sum()
        };
        let own: Vec<f64> = words.iter().map(|ws| weight(&mut ws.iter())).collect();
        let mut reps: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &unique {
            let mut rare: Vec<&str> = words[i].iter().map(String::as_str).collect();
            rare.sort_by_key(|w| (df[w], *w));
            rare.truncate(INDEX_WORDS);
            for w in rare {
                let list = reps.entry(w).or_default();
                let (mut joined, mut tried) = (false, HashSet::new());
                for &j in list.iter() {
                    let root = links.find(j);
                    if root == links.find(i) || !tried.insert(root) {
                        joined |= root == links.find(i);
                        continue;
                    }
                    let shared: Vec<&String> = words[i].intersection(&words[j]).collect();
                    let smaller = own[i].min(own[j]).max(f64::EPSILON);
                    if shared.len() >= MIN_SHARED && weight(&mut shared.iter().copied()) >= similarity * smaller {
                        links.union(i, j);
                        joined = true;
                    }
                }
                if !joined && list.len() < MAX_REPRESENTATIVES {
                    list.push(i);
                }
            }
        }
        (0..words.len()).map(|i| links.find(i)).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        #[test]
        fn word_ids_link_the_rows_that_words_link(
            quotes in proptest::collection::vec(proptest::collection::vec(0..12usize, 0..9), 0..120),
            similarity in proptest::sample::select(vec![0.0, 0.3, 0.6, 0.9]),
        ) {
            // few words, with endings and case: ties in rarity and shared words are common
            let vocab = ["Talks", "talk", "ceasefire", "front", "line", "Kyiv", "meeting", "ready", "week", "offered",
                "offer", "zeal"];
            let quotes: Vec<String> =
                quotes.iter().map(|q| q.iter().map(|&w| vocab[w]).collect::<Vec<_>>().join(" ")).collect();
            let words = RowWords::of(quotes.iter().map(String::as_str), &WordReader::builtin());
            let mut links = link(&words, similarity, &mut Work::default());
            let by_ids: Vec<usize> = (0..quotes.len()).map(|i| links.find(i)).collect();
            proptest::prop_assert_eq!(by_ids, link_by_strings(&quotes, similarity));
        }
    }
}
