//! Lexicons: the plain-text word lists and gazetteer that drive attribution,
//! one folder per language (`lexicons/en/`).
//!
//! The built-in languages (the folders in `lexicons/`) are compiled into the
//! binary; [`Lang`] picks one, or a language folder on disk. `--lexicons DIR`
//! reads files of the same names from DIR and adds their entries; a speaker
//! whose canonical name is already known replaces the built-in entry. Every
//! malformed line is reported as `file:line: reason`, all of them at once,
//! and loading fails before any document is read. Every column with a closed
//! set of values ([`CueClass`], [`WordClass`], [`WordSet`], genders, …) is
//! parsed into an enum, so a typo is one of those errors.
//!
//! File formats are documented at the top of each file and in
//! `lexicons/README.md`. One parser per file: `speakers`, `cues`,
//! `pronouns`, `names` (given names), `words` (the one-word lists, function words, word sets
//! and the calendar).

mod cues;
mod names;
mod pronouns;
mod speakers;
mod variants;
mod vocab;
mod words;

use std::fmt;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

pub(crate) use variants::{CompareWord, CompareWords};
pub(crate) use vocab::{Calendar, CueClass, WordClass, WordInfo, WordSet, WordSets};

/// The files of the built-in English lexicons, by file name.
const EN: &[(&str, &str)] = &[
    ("speakers.tsv", include_str!("../../lexicons/en/speakers.tsv")),
    ("cues.tsv", include_str!("../../lexicons/en/cues.tsv")),
    ("abbreviations.txt", include_str!("../../lexicons/en/abbreviations.txt")),
    ("pronouns.tsv", include_str!("../../lexicons/en/pronouns.tsv")),
    ("titles.txt", include_str!("../../lexicons/en/titles.txt")),
    ("org_heads.txt", include_str!("../../lexicons/en/org_heads.txt")),
    ("function_words.tsv", include_str!("../../lexicons/en/function_words.tsv")),
    ("words.tsv", include_str!("../../lexicons/en/words.tsv")),
    ("calendar.tsv", include_str!("../../lexicons/en/calendar.tsv")),
    ("given_names.tsv", include_str!("../../lexicons/en/given_names.tsv")),
    ("name_cases.tsv", include_str!("../../lexicons/en/name_cases.tsv")),
    ("variants.tsv", include_str!("../../lexicons/en/variants.tsv")),
    ("roles.tsv", include_str!("../../lexicons/en/roles.tsv")),
];

/// The files of the built-in Russian lexicons, by file name.
const RU: &[(&str, &str)] = &[
    ("speakers.tsv", include_str!("../../lexicons/ru/speakers.tsv")),
    ("cues.tsv", include_str!("../../lexicons/ru/cues.tsv")),
    ("abbreviations.txt", include_str!("../../lexicons/ru/abbreviations.txt")),
    ("pronouns.tsv", include_str!("../../lexicons/ru/pronouns.tsv")),
    ("titles.txt", include_str!("../../lexicons/ru/titles.txt")),
    ("org_heads.txt", include_str!("../../lexicons/ru/org_heads.txt")),
    ("function_words.tsv", include_str!("../../lexicons/ru/function_words.tsv")),
    ("words.tsv", include_str!("../../lexicons/ru/words.tsv")),
    ("calendar.tsv", include_str!("../../lexicons/ru/calendar.tsv")),
    ("given_names.tsv", include_str!("../../lexicons/ru/given_names.tsv")),
    ("name_cases.tsv", include_str!("../../lexicons/ru/name_cases.tsv")),
    ("variants.tsv", include_str!("../../lexicons/ru/variants.tsv")),
    ("roles.tsv", include_str!("../../lexicons/ru/roles.tsv")),
];

/// The files of the built-in Ukrainian lexicons, by file name.
const UK: &[(&str, &str)] = &[
    ("speakers.tsv", include_str!("../../lexicons/uk/speakers.tsv")),
    ("cues.tsv", include_str!("../../lexicons/uk/cues.tsv")),
    ("abbreviations.txt", include_str!("../../lexicons/uk/abbreviations.txt")),
    ("pronouns.tsv", include_str!("../../lexicons/uk/pronouns.tsv")),
    ("titles.txt", include_str!("../../lexicons/uk/titles.txt")),
    ("org_heads.txt", include_str!("../../lexicons/uk/org_heads.txt")),
    ("function_words.tsv", include_str!("../../lexicons/uk/function_words.tsv")),
    ("words.tsv", include_str!("../../lexicons/uk/words.tsv")),
    ("calendar.tsv", include_str!("../../lexicons/uk/calendar.tsv")),
    ("given_names.tsv", include_str!("../../lexicons/uk/given_names.tsv")),
    ("name_cases.tsv", include_str!("../../lexicons/uk/name_cases.tsv")),
    ("variants.tsv", include_str!("../../lexicons/uk/variants.tsv")),
    ("roles.tsv", include_str!("../../lexicons/uk/roles.tsv")),
];

/// The built-in languages: code and files.
const BUILTIN_LANGUAGES: &[(&str, &[(&str, &str)])] = &[("en", EN), ("ru", RU), ("uk", UK)];

/// The names of the lexicon files a language folder may hold.
pub(crate) const FILE_NAMES: &[&str] = &[
    "speakers.tsv",
    "cues.tsv",
    "abbreviations.txt",
    "pronouns.tsv",
    "titles.txt",
    "org_heads.txt",
    "function_words.tsv",
    "words.tsv",
    "calendar.tsv",
    "given_names.tsv",
    "name_cases.tsv",
    "variants.tsv",
    "roles.tsv",
];

/// The codes of the built-in languages (`en`, …).
pub(crate) fn languages() -> impl Iterator<Item = &'static str> {
    BUILTIN_LANGUAGES.iter().map(|(code, _)| *code)
}

/// Where a language's lexicons come from.
#[derive(Debug, Clone, Copy)]
pub enum Lang<'a> {
    /// A built-in language by its code (`en`).
    Builtin(&'a str),
    /// A language folder on disk, holding files with the built-in names
    /// (a file it lacks is empty).
    Dir(&'a Path),
}

impl<'a> Lang<'a> {
    /// `--lang VALUE`: a value that looks like a path (it contains a path
    /// separator or starts with `.`) is a language folder, anything else a
    /// built-in language code.
    pub fn from_arg(value: &'a str) -> Lang<'a> {
        if value.contains('/') || value.contains(std::path::MAIN_SEPARATOR) || value.starts_with('.') {
            Lang::Dir(Path::new(value))
        } else {
            Lang::Builtin(value)
        }
    }
}

/// Whether a speaker is a person or an organisation (`speakers.tsv`, column 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeakerType {
    /// A person.
    Person,
    /// An organisation.
    Org,
}

/// A speaker's or a pronoun's gender (`m`, `f`, `n`, `-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// `m`.
    Male,
    /// `f`.
    Female,
    /// `n`: a thing or an organisation.
    Neuter,
    /// `-`: not known, or either.
    Unknown,
}

impl Gender {
    /// Whether a mention of gender `self` may refer to an entity of gender `other`.
    pub(crate) fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }

    /// The gender written `s` in a lexicon (`m`, `f`, `n`, `-` or empty).
    fn parse(s: &str) -> Option<Gender> {
        Some(match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            "n" => Gender::Neuter,
            "-" | "" => Gender::Unknown,
            _ => return None,
        })
    }
}

/// A role ("Kremlin spokesman"), optionally bounded by ISO dates (inclusive).
#[derive(Debug, Clone)]
pub(crate) struct Role {
    /// The words that denote the speaker.
    pub phrase: String,
    /// The first day of the role (`YYYY-MM-DD`), if bounded.
    pub from: Option<String>,
    /// The last day of the role (`YYYY-MM-DD`), if bounded.
    pub to: Option<String>,
}

impl Role {
    /// Whether the role held on `date` (ISO `YYYY-MM-DD`); an unknown date matches.
    pub(crate) fn holds_on(&self, date: Option<&str>) -> bool {
        let Some(d) = date else { return true };
        self.from.as_deref().is_none_or(|f| d >= f) && self.to.as_deref().is_none_or(|t| d <= t)
    }
}

/// A known speaker (`speakers.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct Speaker {
    /// The canonical name, the entry's id.
    pub canonical: String,
    /// Person or organisation.
    pub kind: SpeakerType,
    /// The speaker's gender.
    pub gender: Gender,
    /// Spelling variants and short forms.
    pub aliases: Vec<String>,
    /// Descriptions that denote the speaker.
    pub roles: Vec<Role>,
}

/// A reporting word (`cues.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// The entry's stable id.
    pub lemma: String,
    /// What kind of statement it reports: say, confirm, deny, …
    pub class: CueClass,
}

/// A pronoun's gender and number (`pronouns.tsv`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pronoun {
    /// Its gender.
    pub gender: Gender,
    /// Whether it is plural.
    pub plural: bool,
}

/// Every lexicon, loaded and validated.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// The language's code (`en`, `ru`, `uk`), or a language folder's name;
    /// empty for lexicons parsed from texts. Printed in the `lang` column.
    pub(crate) lang: String,
    /// Known speakers, in file order.
    pub(crate) speakers: Vec<Speaker>,
    /// Cue forms (lower case, words joined by one space) to their cue.
    pub(crate) cue_forms: FxHashMap<String, usize>,
    /// First words of the cue forms of several words ("according", "pointed").
    pub(crate) cue_first_words: FxHashSet<String>,
    /// The cheap filter before any cue lookup.
    cue_shapes: cues::CueShapes,
    /// Cues, indexed by `cue_forms`' values.
    pub(crate) cues: Vec<Cue>,
    /// Abbreviation tokens, each ending in a period ("Mr.", "U.S.").
    pub(crate) abbreviations: FxHashSet<String>,
    /// Pronouns (lower case) to their gender and number.
    pub(crate) pronouns: FxHashMap<String, Pronoun>,
    /// Words that precede a name and are not part of it, as written.
    pub(crate) titles: FxHashSet<String>,
    /// Titles (as written) to the nouns that refer back to whom they titled
    /// (`Sen.` → `senator`), from `titles.txt`'s optional second column.
    pub(crate) title_nouns: FxHashMap<String, Vec<String>>,
    /// `roles.tsv`: a description (lower case, one or two words) to the
    /// families of roles it belongs to (`prelate`, `archbishop`, `church
    /// leader`: one family), by index.
    pub(crate) role_families: FxHashMap<String, Vec<u16>>,
    /// Given names (as written) to the gender they give a person.
    pub(crate) given_names: FxHashMap<String, Gender>,
    /// `name_cases.tsv`: endings of names in the oblique cases, longest first
    /// (empty for a language whose names do not inflect).
    pub(crate) name_cases: Vec<names::NameCase>,
    /// Last words that make a capitalised name an organisation ("Times").
    pub(crate) org_heads: FxHashSet<String>,
    /// Lowercase words to their classes; capitalised `nonname` words as written.
    pub(crate) function_words: FxHashMap<String, WordClass>,
    /// `calendar.tsv`: month names (lower case) and numbers, for prefixes.
    months: Vec<(String, u8)>,
    /// Everything the lexicons say about one word, for one lookup: the
    /// sets of `words.tsv` and the names of `calendar.tsv` as they are
    /// read, the rest added by `finish`.
    words: FxHashMap<String, WordInfo>,
    /// The shapes of the keys of `words`, a cheap filter before a lookup
    /// (of `words`, and of `titles` and `function_words`, whose keys are
    /// all keys of `words`).
    word_shapes: WordShapes,
    /// The shapes of `org_heads` and of `given_names`: most capitalised
    /// words of a name run are neither, known without hashing.
    org_head_shapes: WordShapes,
    given_name_shapes: WordShapes,
    /// The first three bytes of every word that can name a day (sorted), and the
    /// longest such word in bytes (see [`Lexicons::may_name_day`]).
    day_prefixes: Vec<[u8; 3]>,
    /// The first two bytes of those prefixes, as bits of [`day_pair_bit`]:
    /// most words are answered by one bit, before the binary search.
    day_pairs: [u64; 16],
    day_max_len: usize,
    day_non_ascii: bool,
    /// The first three letters of every given name, when there are name
    /// cases: a case form of a given name starts with them
    /// ([`Lexicons::may_be_given_name_form`]).
    given_name_heads: FxHashSet<String>,
    /// Whether any word is an `adjunct_preposition` (not in English).
    pub(crate) has_adjunct_prepositions: bool,
    /// Whether any word is a `report_anaphor` (not in English).
    pub(crate) has_report_anaphors: bool,
    /// `variants.tsv`: the words `compare` reads.
    pub(crate) compare_words: CompareWords,
}

/// One malformed lexicon line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file as shown to the user (`lexicons/en/cues.tsv`, a path).
    pub file: String,
    /// The 1-based line (0 when the error is about the whole file).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // line 0: the file as a whole
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.reason),
            n => write!(f, "{}:{n}: {}", self.file, self.reason),
        }
    }
}

/// All the malformed lines found while loading, in file order.
#[derive(Debug)]
pub struct LexiconErrors(pub Vec<LexiconError>);

impl fmt::Display for LexiconErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} malformed lexicon line(s):", self.0.len())?;
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconErrors {}

/// Content lines of a lexicon file: (1-based line number, line), with the
/// BOM, comments, blank lines and trailing `\r` removed.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let start = line.trim_start();
        if start.is_empty() || start.starts_with('#') { None } else { Some((i + 1, line)) }
    })
}

/// About how many entries `text` holds (its lines), to size a table once.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// A `|`-separated list field; `-` is the empty list.
/// The entries of a `|`-separated list, or why it is malformed: an empty
/// entry (`a||b`, a trailing `|`) is a mistake, never skipped silently.
fn strict_list(field: &str, what: &str) -> Result<Vec<String>, String> {
    let list = split_list(field);
    if field.trim() != "-" && !field.trim().is_empty() && list.len() != field.split('|').count() {
        return Err(format!("empty {what} in {:?} (entries are separated by single |)", field.trim()));
    }
    Ok(list)
}

fn split_list(field: &str) -> Vec<String> {
    if field.trim() == "-" {
        return Vec::new();
    }
    field.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// The first three chars of a name (all of a shorter one).
fn name_head(name: &str) -> &str {
    name.char_indices().nth(3).map_or(name, |(i, _)| &name[..i])
}

/// Collects the entries and the errors of the files of one load.
struct Loader {
    lex: Lexicons,
    errors: Vec<LexiconError>,
}

impl Loader {
    fn new() -> Loader {
        Loader { lex: Lexicons::default(), errors: Vec::new() }
    }

    fn add_builtin(&mut self, code: &str) -> crate::Result<()> {
        let Some((_, files)) = BUILTIN_LANGUAGES.iter().find(|(c, _)| *c == code) else {
            return Err(crate::Error::Config {
                message: format!(
                    "unknown language {code:?} (built-in languages: {}; or give a language folder, such as ./my-lang/)",
                    languages().collect::<Vec<_>>().join(", ")
                ),
            });
        };
        for (name, text) in *files {
            self.add_file(name, &format!("lexicons/{code}/{name}"), text);
        }
        Ok(())
    }

    /// Add the files in `dir`. Unknown file names in `dir` are an error, so
    /// a typo does not pass silently.
    fn add_dir(&mut self, dir: &Path) -> crate::Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|e| crate::Error::io(dir, e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let shown = path.display().to_string();
            if path.is_dir() && FILE_NAMES.contains(&name) {
                // `speakers.tsv/` is a mistake, not a folder to pass over
                self.errors.push(LexiconError { file: shown, line: 0, reason: "is a directory, not a file".into() });
                continue;
            }
            if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") || path.is_dir() {
                continue;
            }
            if !FILE_NAMES.contains(&name) {
                self.errors.push(LexiconError {
                    file: shown,
                    line: 0,
                    reason: format!("unknown lexicon file (expected one of: {})", FILE_NAMES.join(", ")),
                });
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| crate::Error::io(&path, e))?;
            match String::from_utf8(bytes) {
                Ok(text) => self.add_file(name, &shown, &text),
                Err(e) => {
                    let off = e.utf8_error().valid_up_to();
                    let line = e.as_bytes()[..off].iter().filter(|&&b| b == b'\n').count() + 1;
                    self.errors.push(LexiconError {
                        file: shown,
                        line,
                        reason: format!("invalid UTF-8 at byte offset {off}"),
                    });
                }
            }
        }
        Ok(())
    }

    fn add_file(&mut self, name: &str, shown: &str, text: &str) {
        let errors = &mut self.errors;
        let mut err = |line: usize, reason: String| errors.push(LexiconError { file: shown.to_string(), line, reason });
        let lex = &mut self.lex;
        match name {
            "speakers.tsv" => speakers::add(text, &mut lex.speakers, &mut err),
            "cues.tsv" => cues::add(text, lex, &mut err),
            "pronouns.tsv" => pronouns::add(text, &mut lex.pronouns, &mut err),
            "given_names.tsv" => names::add(text, &mut lex.given_names, &mut err),
            "name_cases.tsv" => names::add_cases(text, &mut lex.name_cases, &mut err),
            "abbreviations.txt" => words::add_abbreviations(text, &mut lex.abbreviations, &mut err),
            "titles.txt" => words::add_titles(text, &mut lex.titles, &mut lex.title_nouns, &mut err),
            "org_heads.txt" => words::add_words(text, "organisation head", &mut lex.org_heads, &mut err),
            "function_words.tsv" => words::add_function_words(text, &mut lex.function_words, &mut err),
            "words.tsv" => words::add_word_sets(text, &mut lex.words, &mut err),
            "calendar.tsv" => words::add_calendar(text, &mut lex.words, &mut lex.months, &mut err),
            "variants.tsv" => variants::add(text, &mut lex.compare_words, &mut err),
            "roles.tsv" => words::add_role_families(text, &mut lex.role_families, &mut err),
            other => err(0, format!("unknown lexicon file {other:?}")),
        }
    }

    fn finish(self) -> Result<Lexicons, LexiconErrors> {
        if !self.errors.is_empty() {
            return Err(LexiconErrors(self.errors));
        }
        let mut lex = self.lex;
        lex.add_capitals();
        lex.index_words();
        Ok(lex)
    }
}

/// Whether a word may be a key of the word table, by its shape (first
/// letter, length, last byte; ASCII letters without case). Most content
/// words of news are answered here, without hashing. Exact for a key
/// looked up as written: false means it is not a key.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordShapes {
    /// For each first letter a–z and length 1..=31, a bit per last byte
    /// (a–z, `.`, anything else); empty until a word is added.
    bitmap: Vec<u32>,
}

/// [`WordShapes`]' row of a first byte: its letter a–z (0–25, without
/// case), else `NOT_LETTER`.
const NOT_LETTER: u8 = u8::MAX;
static LETTER_ROW: [u8; 256] = {
    let mut t = [NOT_LETTER; 256];
    let mut b = 0;
    while b < 256 {
        let l = (b as u8).to_ascii_lowercase();
        if l.is_ascii_lowercase() {
            t[b] = l - b'a';
        }
        b += 1;
    }
    t
};

/// [`WordShapes`]' bit of a last byte: a–z without case, `.`, anything else.
static LAST_BIT: [u32; 256] = {
    let mut t = [1 << 27; 256];
    let mut b = 0;
    while b < 256 {
        let l = (b as u8).to_ascii_lowercase();
        if l.is_ascii_lowercase() {
            t[b] = 1 << (l - b'a');
        } else if l == b'.' {
            t[b] = 1 << 26;
        }
        b += 1;
    }
    t
};

impl WordShapes {
    const LONG: usize = 31;

    fn last_bit(b: u8) -> u32 {
        LAST_BIT[b as usize]
    }

    /// The shapes of `keys`.
    pub(crate) fn of<'k>(keys: impl IntoIterator<Item = &'k String>) -> WordShapes {
        let mut shapes = WordShapes::default();
        for k in keys {
            shapes.add(k);
        }
        shapes
    }

    fn add(&mut self, w: &str) {
        let b = w.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return };
        if !f.is_ascii_alphabetic() {
            return; // such words are always looked up
        }
        self.bitmap.resize(26 * (Self::LONG + 1), 0);
        let at = (f.to_ascii_lowercase() - b'a') as usize * (Self::LONG + 1);
        if b.len() >= Self::LONG || !w.is_ascii() {
            // a long or non-ASCII word: its folded length may differ
            self.bitmap[at..at + Self::LONG + 1].fill(u32::MAX);
        } else {
            self.bitmap[at + b.len()] |= Self::last_bit(l);
        }
    }

    pub(crate) fn may_have(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return false };
        // by table, not by branches: asked of most words of a text
        let row = LETTER_ROW[f as usize];
        if row == NOT_LETTER {
            return true;
        }
        let at = row as usize * (Self::LONG + 1) + b.len().min(Self::LONG);
        self.bitmap.get(at).is_some_and(|m| m & Self::last_bit(l) != 0)
    }
}

impl Lexicons {
    /// The built-in English lexicons.
    pub fn builtin() -> Result<Lexicons, LexiconErrors> {
        let mut loader = Loader::new();
        loader.lex.lang = "en".into();
        for (name, text) in EN {
            loader.add_file(name, &format!("lexicons/en/{name}"), text);
        }
        loader.finish()
    }

    /// The language's code (`en`, `ru`, `uk`), or the language folder's
    /// name; empty for lexicons made with [`Lexicons::from_texts`].
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The built-in English `variants.tsv` alone (for grouping rows into
    /// statements without lexicons at hand).
    pub(crate) fn builtin_compare_words() -> CompareWords {
        let mut words = CompareWords::default();
        let text = EN.iter().find(|(name, _)| *name == "variants.tsv").map_or("", |(_, t)| t);
        variants::add(text, &mut words, &mut |_, _| {});
        words
    }

    /// The lexicons of `lang`, extended by the files in `extra` when given
    /// (`--lang`, `--lexicons`). An unknown built-in language is a
    /// [`crate::Error::Config`] that lists the languages there are.
    pub fn load(lang: Lang<'_>, extra: Option<&Path>) -> crate::Result<Lexicons> {
        let mut loader = Loader::new();
        match lang {
            Lang::Builtin(code) => {
                loader.add_builtin(code)?;
                loader.lex.lang = code.to_string();
            }
            Lang::Dir(dir) => {
                loader.add_dir(dir)?;
                let name = |d: &Path| d.file_name().map(|n| n.to_string_lossy().into_owned());
                loader.lex.lang = name(dir).or_else(|| name(&dir.canonicalize().ok()?)).unwrap_or_default();
            }
        }
        if let Some(dir) = extra {
            loader.add_dir(dir)?;
        }
        Ok(loader.finish()?)
    }

    /// The built-in English lexicons extended by the files in `dir`.
    pub fn with_dir(dir: &Path) -> crate::Result<Lexicons> {
        Lexicons::load(Lang::Builtin("en"), Some(dir))
    }

    /// Parse lexicon text as if it were the file `name` (for tests and tools).
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Lexicons, LexiconErrors> {
        let mut loader = Loader::new();
        for (name, text) in files {
            loader.add_file(name, name, text);
        }
        loader.finish()
    }

    /// Abbreviations with a period written in capitals, as transcripts and
    /// headlines in capitals write them (`MS. ABARA:`, `MR. KOVAC:`): each
    /// dotted abbreviation, title and word-set entry with a capital and a
    /// lower-case letter (`Ms.`, `Sen.`) holds for its capitals too, with
    /// the same sets, unless the capitals are an entry of their own.
    fn add_capitals(&mut self) {
        let caps = |w: &String| {
            (w.ends_with('.') && w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase))
                .then(|| w.to_uppercase())
        };
        let abbreviations: Vec<String> = self.abbreviations.iter().filter_map(caps).collect();
        self.abbreviations.extend(abbreviations);
        let titles: Vec<String> = self.titles.iter().filter_map(caps).collect();
        self.titles.extend(titles);
        let title_nouns: Vec<(String, Vec<String>)> =
            self.title_nouns.iter().filter_map(|(w, n)| Some((caps(w)?, n.clone()))).collect();
        for (w, n) in title_nouns {
            self.title_nouns.entry(w).or_insert(n);
        }
        let words: Vec<(String, WordInfo)> = self.words.iter().filter_map(|(w, i)| Some((caps(w)?, *i))).collect();
        for (w, i) in words {
            self.words.entry(w).or_insert(i);
        }
    }

    /// Complete the one-lookup word table and build the day filter.
    fn index_words(&mut self) {
        let words = &mut self.words;
        words.reserve(self.function_words.len() + self.titles.len() + self.cue_forms.len());
        // get_mut first: a key is copied only for a word not yet there
        let mut add = |w: &String, set: &dyn Fn(&mut WordInfo)| match words.get_mut(w.as_str()) {
            Some(info) => set(info),
            None => {
                let mut info = WordInfo::default();
                set(&mut info);
                words.insert(w.clone(), info);
            }
        };
        for (w, &class) in &self.function_words {
            add(w, &|i| i.class = Some(class));
        }
        for w in &self.titles {
            add(w, &|i| i.title = true);
        }
        for form in self.cue_forms.keys().filter(|f| !f.contains(' ')).chain(&self.cue_first_words) {
            add(form, &|i| i.may_start_cue = true);
        }
        self.has_adjunct_prepositions = words.values().any(|i| i.sets.contains(WordSet::AdjunctPreposition));
        self.has_report_anaphors = words.values().any(|i| i.sets.contains(WordSet::ReportAnaphor));
        self.word_shapes = WordShapes::of(words.keys());
        self.org_head_shapes = WordShapes::of(&self.org_heads);
        self.given_name_shapes = WordShapes::of(self.given_names.keys());
        if !self.name_cases.is_empty() {
            self.given_name_heads = self.given_names.keys().map(|n| name_head(n).to_string()).collect();
        }

        // every word `when` can read as a day: weekdays, months (from three
        // letters on), and the words of the day sets
        let day_sets = [WordSet::Yesterday, WordSet::Today, WordSet::DayPart];
        let day_words = words
            .iter()
            .filter(|(_, i)| i.calendar.is_some() || day_sets.iter().any(|&d| i.sets.contains(d)))
            .map(|(w, _)| w.as_str());
        let (mut prefixes, mut max_len, mut non_ascii) = (Vec::new(), 0, false);
        for w in day_words {
            let b = w.as_bytes();
            if !w.is_ascii() {
                non_ascii = true;
            } else if b.len() >= 3 {
                prefixes.push([b[0], b[1], b[2]]);
            }
            // one more for a trailing period ("Sept.")
            max_len = max_len.max(b.len() + 1);
        }
        // sorted for a binary search: asked of most words near a cue
        prefixes.sort_unstable();
        prefixes.dedup();
        let mut pairs = [0u64; 16];
        for p in &prefixes {
            let bit = day_pair_bit(p[0], p[1]);
            pairs[bit >> 6] |= 1 << (bit & 63);
        }
        self.day_pairs = pairs;
        self.day_prefixes = prefixes;
        self.day_max_len = max_len;
        self.day_non_ascii = non_ascii;
    }

    /// Everything the lexicons say about `word` in one lookup: its
    /// function-word class, its word sets, whether it is a title, whether
    /// it may start a cue, the day or month it names. The lookup is exact:
    /// pass the folded word for the lower-case entries (most of them), the
    /// word as written for capitalised ones (titles such as `Mr.`,
    /// capitalised `nonname` words).
    pub(crate) fn word_info(&self, word: &str) -> WordInfo {
        if !self.word_shapes.may_have(word) {
            return WordInfo::default(); // most content words: no lookup
        }
        self.words.get(word).copied().unwrap_or_default()
    }

    /// Whether `word` may have an entry in the word table, as written or
    /// folded: false for most content words, answered without hashing.
    pub(crate) fn may_have_word_info(&self, word: &str) -> bool {
        self.word_shapes.may_have(word)
    }

    /// [`Lexicons::word_info`] of a word that [`Lexicons::may_have_word_info`]
    /// let through, or of the lower-case ASCII form of such a word (same
    /// shape): the filter is not asked again.
    pub(crate) fn word_info_unfiltered(&self, word: &str) -> &WordInfo {
        self.words.get(word).unwrap_or(&WordInfo::NONE)
    }

    /// [`Lexicons::word_info`] by reference (into the word table, or
    /// [`WordInfo::NONE`]): what a token keeps.
    pub(crate) fn word_info_ref(&self, word: &str) -> &WordInfo {
        if !self.word_shapes.may_have(word) {
            return &WordInfo::NONE;
        }
        self.words.get(word).unwrap_or(&WordInfo::NONE)
    }

    /// The sets of `words.tsv` that `word` (exact, see [`Lexicons::word_info`]) is in.
    /// The first word (in sorted order) of a set of `words.tsv`.
    pub(crate) fn first_in_set(&self, set: WordSet) -> Option<&str> {
        self.words.iter().filter(|(_, i)| i.sets.contains(set)).map(|(w, _)| w.as_str()).min()
    }

    pub(crate) fn word_sets(&self, word: &str) -> WordSets {
        if !self.word_shapes.may_have(word) {
            return WordSets::EMPTY; // most names and content words: no hashing
        }
        self.words.get(word).map_or(WordSets::EMPTY, |i| i.sets)
    }

    /// Whether `word` (as written) is in `titles.txt`.
    pub(crate) fn is_title(&self, word: &str) -> bool {
        // every title is a key of `words`
        self.word_shapes.may_have(word) && self.titles.contains(word)
    }

    /// Whether `word` (as written) is in `org_heads.txt`.
    pub(crate) fn is_org_head(&self, word: &str) -> bool {
        self.org_head_shapes.may_have(word) && self.org_heads.contains(word)
    }

    /// The gender the given name `word` (as written) gives, if it is one.
    pub(crate) fn given_name(&self, word: &str) -> Option<Gender> {
        if !self.given_name_shapes.may_have(word) {
            return None; // most capitalised words: no hashing
        }
        self.given_names.get(word).copied()
    }

    /// The nominative forms `word` (as written) may stand for by
    /// `name_cases.tsv`, most specific ending first, each with the gender
    /// of its rule (`Пескову` → `Песков` m, `Пескова` f); the word itself
    /// is not listed. Empty for a language whose names do not inflect.
    pub(crate) fn nominatives(&self, word: &str) -> Vec<(String, Gender)> {
        let mut out = Vec::new();
        if self.name_cases.is_empty() || word.is_ascii() {
            return out;
        }
        let folded = crate::mentions::fold(word);
        if folded.len() != word.len() {
            return out; // (a case change that changes the length: no stem to keep)
        }
        for c in &self.name_cases {
            // a stem of two letters at least: `Ива` is no case of `Ив`
            if let Some(stem_len) = folded.strip_suffix(c.oblique.as_str()).map(str::len)
                && folded[..stem_len].chars().count() >= 2
            {
                let form = format!("{}{}", &word[..stem_len], c.nominative);
                if form != word && !out.iter().any(|(f, _)| *f == form) {
                    out.push((form, c.gender));
                }
            }
        }
        out
    }

    /// Whether `word` (as written) may be a case form of a given name: it
    /// starts as one does (a cheap filter before [`Lexicons::nominatives`]).
    pub(crate) fn may_be_given_name_form(&self, word: &str) -> bool {
        self.given_name_heads.contains(name_head(word))
    }

    /// The weekday `folded` names (0 = Monday … 6 = Sunday).
    pub(crate) fn weekday(&self, folded: &str) -> Option<u8> {
        match self.words.get(folded)?.calendar? {
            Calendar::Weekday(n) => Some(n),
            Calendar::Month(_) => None,
        }
    }

    /// The month (1–12) `folded` names: a month's name or a prefix of it of
    /// at least three letters, a trailing period ignored ("jan.", "sept").
    pub(crate) fn month(&self, folded: &str) -> Option<u8> {
        let w = folded.trim_end_matches('.');
        if w.chars().count() < 3 {
            return None;
        }
        self.months.iter().find(|(name, _)| name.starts_with(w)).map(|&(_, n)| n)
    }

    /// Whether a word as written names a day of the week (`Tuesday`,
    /// `Tues.`), the shape filter first.
    pub(crate) fn is_weekday_word(&self, word: &str) -> bool {
        self.may_name_day(word.as_bytes()) && self.weekday(&crate::mentions::fold(word)).is_some()
    }

    /// A cheap filter before [`Lexicons::weekday`], [`Lexicons::month`] and
    /// the day words: false when the word (as written) cannot name a day.
    pub(crate) fn may_name_day(&self, word: &[u8]) -> bool {
        if word.len() < 3 || word.len() > self.day_max_len {
            return false;
        }
        if !word[0].is_ascii() {
            return self.day_non_ascii;
        }
        let p = [word[0].to_ascii_lowercase(), word[1].to_ascii_lowercase(), word[2].to_ascii_lowercase()];
        let bit = day_pair_bit(p[0], p[1]);
        self.day_pairs[bit >> 6] & (1 << (bit & 63)) != 0 && self.day_prefixes.binary_search(&p).is_ok()
    }

    /// Whether `word` (as written) could be the first word of a cue form:
    /// a cheap filter by first letter, length and last letter before any
    /// lookup (in any script).
    #[inline]
    pub(crate) fn may_be_cue(&self, word: &str) -> bool {
        self.cue_shapes.may_be_cue(word)
    }

    /// The class of `word` in `function_words.tsv` (exact lookup).
    pub(crate) fn word_class(&self, word: &str) -> Option<WordClass> {
        // every function word is a key of `words`
        if !self.word_shapes.may_have(word) {
            return None;
        }
        self.function_words.get(word).copied()
    }
}

/// The bit of a day prefix's first two bytes in [`Lexicons`]'s 1,024-bit
/// filter (distinct for any two lower-case ASCII letters).
fn day_pair_bit(a: u8, b: u8) -> usize {
    (usize::from(a) * 32 + usize::from(b)) & 1023
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_load() {
        let lex = Lexicons::builtin().expect("built-in lexicons are valid");
        assert!(lex.speakers.iter().any(|s| s.canonical == "Dmitry Peskov"));
        assert_eq!(lex.cues[lex.cue_forms["told"]].lemma, "tell");
        assert!(lex.abbreviations.contains("Feb."));
        assert!(lex.abbreviations.contains("Gen."));
        assert_eq!(lex.pronouns["she"].gender, Gender::Female);
    }

    #[test]
    fn every_malformed_line_is_reported_with_its_line() {
        let text = "\u{feff}# comment\nGood Name\tperson\tm\tGood\t-\nBad\tperson\nX\talien\tm\nY\tperson\tq\nZ\tperson\tm\t-\trole@2020..soon\n";
        let err = Lexicons::from_texts(&[("speakers.tsv", text)]).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6]);
        assert!(err.to_string().contains("speakers.tsv:4: type \"alien\""));
    }

    #[test]
    fn an_alias_names_one_speaker() {
        let text = "Dmitry Peskov\tperson\tm\tPeskov\nOther Peskov\tperson\tm\tpeskov\n";
        let err = Lexicons::from_texts(&[("speakers.tsv", text)]).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].line, 2);
        assert!(err.0[0].reason.contains("already names \"Dmitry Peskov\""), "{}", err.0[0].reason);
    }

    #[test]
    fn duplicates_are_detected() {
        let text = "say\tsay\tsaid\nutter\tsay\tsaid\n";
        let err = Lexicons::from_texts(&[("cues.tsv", text)]).unwrap_err();
        assert_eq!(err.0[0].line, 2);
        assert!(err.0[0].reason.contains("duplicate cue form"));
    }

    #[test]
    fn roles_are_bounded_by_dates() {
        let lex =
            Lexicons::from_texts(&[("speakers.tsv", "A B\tperson\tm\t-\tboss@2020-01-01..2021-12-31\n")]).unwrap();
        let role = &lex.speakers[0].roles[0];
        assert!(role.holds_on(Some("2020-06-01")));
        assert!(!role.holds_on(Some("2022-01-01")));
        assert!(role.holds_on(None));
    }

    #[test]
    fn a_typo_in_a_closed_vocabulary_names_the_line_and_the_valid_values() {
        let err = Lexicons::from_texts(&[
            ("cues.tsv", "say\tsay\tsaid\nask\task\tasked\nsuppose\tbeleive\tsupposed\n"),
            ("function_words.tsv", "also\taux\nthe\tdet\nsaid\tverb\n"),
            ("words.tsv", "that\tcomplementiser\nand\tand|coordinater\n"),
            ("calendar.tsv", "monday\tweekday\t1\nsunday\tweekday\t0\nmay\tmonht\t5\n"),
        ])
        .unwrap_err();
        let got: Vec<String> = err.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(got[0].starts_with("cues.tsv:3: cue class \"beleive\" is not one of say, add, confirm,"), "{}", got[0]);
        assert!(got[0].ends_with("according, continue, ask"), "{}", got[0]);
        assert!(got[1].starts_with("function_words.tsv:3: class \"verb\" is not one of aux, stop, det"), "{}", got[1]);
        assert!(
            got[2].starts_with("words.tsv:2: word set \"coordinater\" is not one of complementiser,"),
            "{}",
            got[2]
        );
        assert!(got[3].starts_with("calendar.tsv:2: weekday number \"0\""), "{}", got[3]);
        assert!(got[4].starts_with("calendar.tsv:3: calendar kind \"monht\""), "{}", got[4]);
    }

    #[test]
    fn cue_classes_print_as_they_are_written() {
        for &c in CueClass::ALL {
            assert_eq!(CueClass::parse(c.as_str()), Some(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        let lex = Lexicons::builtin().unwrap();
        assert_eq!(lex.cues[lex.cue_forms["according to"]].class, CueClass::According);
        assert!(lex.cues[lex.cue_forms["asked"]].class == CueClass::Ask);
        // every class is used by the built-in cues
        for &c in CueClass::ALL {
            assert!(lex.cues.iter().any(|cue| cue.class == c), "no built-in cue of class {c}");
        }
    }

    #[test]
    fn every_word_set_has_english_words() {
        let lex = Lexicons::builtin().unwrap();
        // sets for constructions English does not have
        let not_english = [WordSet::AdjunctPreposition, WordSet::ReportAnaphor];
        for &set in WordSet::ALL.iter().filter(|s| !not_english.contains(s)) {
            assert!(lex.words.values().any(|i| i.sets.contains(set)), "no word in words.tsv is in {}", set.as_str());
        }
    }

    #[test]
    fn one_lookup_answers_everything_about_a_word() {
        let lex = Lexicons::builtin().unwrap();
        let that = lex.word_info("that");
        assert!(that.sets.contains(WordSet::Complementiser) && that.sets.contains(WordSet::DefiniteDet));
        assert!(!that.sets.contains(WordSet::Preposition));
        let the = lex.word_info("the");
        assert_eq!(the.class, Some(WordClass::Det));
        assert!(the.sets.contains(WordSet::DefiniteArticle));
        assert!(lex.word_info("Mr.").sets.contains(WordSet::TitleMale));
        assert!(lex.word_info("Ms.").sets.contains(WordSet::TitleFemale));
        assert!(lex.word_info("President").title);
        assert!(lex.word_info("said").may_start_cue && lex.word_info("according").may_start_cue);
        assert!(!lex.word_info("table").may_start_cue);
        assert_eq!(lex.word_info("wednesday").calendar, Some(Calendar::Weekday(2)));
        assert_eq!(lex.word_info("table"), WordInfo::default());
    }

    #[test]
    fn months_are_read_from_prefixes_of_their_names() {
        let lex = Lexicons::builtin().unwrap();
        let cases = [
            ("jan.", Some(1)),
            ("sept", Some(9)),
            ("sept.", Some(9)),
            ("may", Some(5)),
            ("mar", Some(3)),
            ("ma", None),
        ];
        for (w, want) in cases {
            assert_eq!(lex.month(w), want, "{w}");
        }
        assert_eq!(lex.month("junes"), None);
        assert_eq!(lex.weekday("sunday"), Some(6));
        assert_eq!(lex.weekday("sun"), None);
        assert!(lex.may_name_day(b"Wednesday") && lex.may_name_day(b"Sept.") && lex.may_name_day(b"tonight"));
        assert!(!lex.may_name_day(b"said") && !lex.may_name_day(b"Peskov"));
    }

    #[test]
    fn a_non_ascii_cue_leaves_the_pre_check_on_for_english_words() {
        let mut files: Vec<(&str, &str)> = EN.to_vec();
        files.push(("cues.tsv", "заявить\tsay\tзаявил|заявила\n"));
        let lex = Lexicons::from_texts(&files).unwrap();
        assert!(lex.may_be_cue("Заявил") && lex.may_be_cue("заявила"));
        assert!(lex.may_be_cue("said") && lex.may_be_cue("Said"));
        // an English word that is no cue is still rejected before any lookup
        assert!(!lex.may_be_cue("table") && !lex.may_be_cue("Kremlin"));
        // as is a Cyrillic word that starts differently from every cue
        assert!(!lex.may_be_cue("Песков"));
        // a cue with an ASCII first letter and non-ASCII letters after it
        let fr = Lexicons::from_texts(&[("cues.tsv", "déclarer\tsay\tdéclaré\ndire\tsay\tdit\n")]).unwrap();
        assert!(fr.may_be_cue("Déclaré") && fr.may_be_cue("dit") && fr.may_be_cue("DÉCLARÉ"));
        assert!(!fr.may_be_cue("table") && !fr.may_be_cue("Заявил"));
        // the English cues alone need nothing but the bitmap
        let en = Lexicons::builtin().unwrap();
        assert!(en.cue_shapes.is_ascii_only());
        assert!(!lex.cue_shapes.is_ascii_only());
    }

    #[test]
    fn languages_are_folders() {
        assert_eq!(languages().collect::<Vec<_>>(), ["en", "ru", "uk"]);
        for code in ["ru", "uk"] {
            let lex = Lexicons::load(Lang::Builtin(code), None).unwrap();
            assert_eq!(lex.lang(), code);
            assert!(lex.speakers.iter().any(|s| s.canonical == "Dmitry Peskov"), "{code}");
            assert!(!lex.name_cases.is_empty(), "{code}");
        }
        assert_eq!(Lexicons::builtin().unwrap().lang(), "en");
        let xx = Lexicons::load(Lang::Dir(Path::new("tests/data/lang-xx/")), None).unwrap();
        assert_eq!(xx.lang(), "lang-xx");
        let err = Lexicons::load(Lang::Builtin("fr"), None).unwrap_err();
        assert!(err.to_string().contains("unknown language \"fr\" (built-in languages: en"), "{err}");
        let en = Lexicons::load(Lang::Builtin("en"), None).unwrap();
        assert_eq!(en.speakers.len(), Lexicons::builtin().unwrap().speakers.len());
        assert!(matches!(Lang::from_arg("en"), Lang::Builtin("en")));
        assert!(matches!(Lang::from_arg("./ru"), Lang::Dir(_)));
        assert!(matches!(Lang::from_arg("tests/data/lang-xx"), Lang::Dir(_)));
        // every built-in file is a known name
        for (name, _) in EN {
            assert!(FILE_NAMES.contains(name), "{name}");
        }
        assert_eq!(EN.len(), FILE_NAMES.len());
        assert_eq!(RU.len(), FILE_NAMES.len());
        assert_eq!(UK.len(), FILE_NAMES.len());
    }

    #[test]
    fn a_word_stands_on_one_line_of_words_tsv() {
        let err =
            Lexicons::from_texts(&[("words.tsv", "that\tcomplementiser\nthe\tdefinite_det\nthat\tdefinite_det\n")])
                .unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].line, 3);
        assert!(err.0[0].reason.contains("duplicate word \"that\" (first on line 1)"), "{}", err.0[0].reason);
        // a later file (--lexicons) adds sets to a word
        let lex =
            Lexicons::from_texts(&[("words.tsv", "that\tcomplementiser\n"), ("words.tsv", "that\tdefinite_det\n")])
                .unwrap();
        let sets = lex.word_sets("that");
        assert!(sets.contains(WordSet::Complementiser) && sets.contains(WordSet::DefiniteDet));
    }
}
