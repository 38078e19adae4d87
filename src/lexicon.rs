//! Lexicons: the plain-text word lists and gazetteer that drive attribution.
//!
//! The built-in lexicons (the files in `lexicons/`) are compiled into the
//! binary. `--lexicons DIR` reads files of the same names from DIR and adds
//! their entries; a speaker whose canonical name is already known replaces the
//! built-in entry. Every malformed line is reported as `file:line: reason`,
//! all of them at once, and loading fails before any document is read.
//!
//! File formats are documented at the top of each file and in
//! `lexicons/README.md`.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::path::Path;

/// The embedded lexicon files, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("speakers.tsv", include_str!("../lexicons/speakers.tsv")),
    ("cues.tsv", include_str!("../lexicons/cues.tsv")),
    ("abbreviations.txt", include_str!("../lexicons/abbreviations.txt")),
    ("pronouns.tsv", include_str!("../lexicons/pronouns.tsv")),
    ("titles.txt", include_str!("../lexicons/titles.txt")),
    ("org_heads.txt", include_str!("../lexicons/org_heads.txt")),
    ("function_words.tsv", include_str!("../lexicons/function_words.tsv")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerType {
    Person,
    Org,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Neuter,
    Unknown,
}

impl Gender {
    /// Whether a mention of gender `self` may refer to an entity of gender `other`.
    pub fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// A role ("Kremlin spokesman"), optionally bounded by ISO dates (inclusive).
#[derive(Debug, Clone)]
pub struct Role {
    pub phrase: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Role {
    /// Whether the role held on `date` (ISO `YYYY-MM-DD`); an unknown date matches.
    pub fn holds_on(&self, date: Option<&str>) -> bool {
        let Some(d) = date else { return true };
        self.from.as_deref().is_none_or(|f| d >= f) && self.to.as_deref().is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub canonical: String,
    pub kind: SpeakerType,
    pub gender: Gender,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone)]
pub struct Cue {
    /// The entry's stable id.
    pub lemma: String,
    /// What kind of statement it reports: say, confirm, deny, …
    pub class: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    Aux,
    Stop,
    Det,
    NonName,
    /// A noun that denotes a speaker ("official", "spokesman", "statement").
    Source,
}

#[derive(Debug, Clone, Copy)]
pub struct Pronoun {
    pub gender: Gender,
    pub plural: bool,
}

/// Every lexicon, loaded and validated.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub speakers: Vec<Speaker>,
    /// Cue forms (lower case, words joined by one space) to their cue.
    pub cue_forms: FxHashMap<String, usize>,
    /// First words of the cue forms of several words ("according", "pointed").
    pub cue_first_words: FxHashSet<String>,
    /// The shapes of cue first words, a cheap filter before any lookup: for
    /// each first letter a–z and length 1..=63, a bit per last letter a–z
    /// (bit 26: any other last byte). Empty until a cue is loaded.
    cue_shapes: Vec<u32>,
    /// A cue that is not plain ASCII was loaded: the filter lets every word
    /// through.
    cue_shapes_off: bool,
    pub cues: Vec<Cue>,
    /// Abbreviation tokens, each ending in a period ("Mr.", "U.S.").
    pub abbreviations: FxHashSet<String>,
    pub pronouns: FxHashMap<String, Pronoun>,
    pub titles: FxHashSet<String>,
    /// Last words that make a capitalised name an organisation ("Times").
    pub org_heads: FxHashSet<String>,
    /// Lowercase words to their classes; capitalised `nonname` words as written.
    pub function_words: FxHashMap<String, WordClass>,
}

/// One malformed lexicon line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
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
        if line.trim().is_empty() || line.trim_start().starts_with('#') { None } else { Some((i + 1, line)) }
    })
}

fn split_list(field: &str) -> Vec<String> {
    if field.trim() == "-" {
        return Vec::new();
    }
    field.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl Lexicons {
    /// The built-in lexicons.
    pub fn builtin() -> Result<Lexicons, LexiconErrors> {
        let mut lex = Lexicons::default();
        let mut errors = Vec::new();
        for (name, text) in BUILTIN {
            lex.add_file(name, &format!("lexicons/{name}"), text, &mut errors);
        }
        lex.finish(errors)
    }

    /// The built-in lexicons extended by the files in `dir`. Unknown file
    /// names in `dir` are an error, so a typo does not pass silently.
    pub fn with_dir(dir: &Path) -> anyhow::Result<Lexicons> {
        let mut lex = Lexicons::default();
        let mut errors = Vec::new();
        for (name, text) in BUILTIN {
            lex.add_file(name, &format!("lexicons/{name}"), text, &mut errors);
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("{}: cannot read lexicon directory: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") || path.is_dir() {
                continue;
            }
            let shown = path.display().to_string();
            if !BUILTIN.iter().any(|(n, _)| *n == name) {
                errors.push(LexiconError {
                    file: shown,
                    line: 0,
                    reason: format!(
                        "unknown lexicon file (expected one of: {})",
                        BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| anyhow::anyhow!("{shown}: cannot read lexicon file: {e}"))?;
            match String::from_utf8(bytes) {
                Ok(text) => lex.add_file(name, &shown, &text, &mut errors),
                Err(e) => {
                    let off = e.utf8_error().valid_up_to();
                    let line = e.as_bytes()[..off].iter().filter(|&&b| b == b'\n').count() + 1;
                    errors.push(LexiconError {
                        file: shown,
                        line,
                        reason: format!("invalid UTF-8 at byte offset {off}"),
                    });
                }
            }
        }
        Ok(lex.finish(errors)?)
    }

    /// Parse lexicon text as if it were the file `name` (for tests and tools).
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Lexicons, LexiconErrors> {
        let mut lex = Lexicons::default();
        let mut errors = Vec::new();
        for (name, text) in files {
            lex.add_file(name, name, text, &mut errors);
        }
        lex.finish(errors)
    }

    fn finish(self, errors: Vec<LexiconError>) -> Result<Lexicons, LexiconErrors> {
        if errors.is_empty() { Ok(self) } else { Err(LexiconErrors(errors)) }
    }

    fn add_file(&mut self, name: &str, shown: &str, text: &str, errors: &mut Vec<LexiconError>) {
        let mut err = |line: usize, reason: String| errors.push(LexiconError { file: shown.to_string(), line, reason });
        match name {
            "speakers.tsv" => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                // an alias may name one speaker only: (canonical, line)
                let mut alias_of: HashMap<String, (String, usize)> = HashMap::new();
                for (n, line) in content_lines(text) {
                    match parse_speaker(line) {
                        Ok(sp) => {
                            if let Some(prev) = seen.insert(sp.canonical.clone(), n) {
                                err(n, format!("duplicate speaker {:?} (first on line {prev})", sp.canonical));
                                continue;
                            }
                            let mut clash = None;
                            for a in std::iter::once(&sp.canonical).chain(&sp.aliases) {
                                let key = a.to_lowercase();
                                match alias_of.get(&key) {
                                    Some((other, line)) if *other != sp.canonical => {
                                        clash = Some(format!("alias {a:?} already names {other:?} (line {line})"));
                                    }
                                    _ => {
                                        alias_of.insert(key, (sp.canonical.clone(), n));
                                    }
                                }
                            }
                            if let Some(reason) = clash {
                                err(n, reason);
                                continue;
                            }
                            // An entry from a later file replaces the built-in one.
                            if let Some(i) = self.speakers.iter().position(|s| s.canonical == sp.canonical) {
                                self.speakers[i] = sp;
                            } else {
                                self.speakers.push(sp);
                            }
                        }
                        Err(reason) => err(n, reason),
                    }
                }
            }
            "cues.tsv" => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                for (n, line) in content_lines(text) {
                    let f: Vec<&str> = line.split('\t').collect();
                    if f.len() != 3 {
                        err(n, format!("expected 3 tab-separated fields (lemma, class, forms), found {}", f.len()));
                        continue;
                    }
                    let (lemma, class) = (f[0].trim(), f[1].trim());
                    if lemma.is_empty() || class.is_empty() {
                        err(n, "empty lemma or class".into());
                        continue;
                    }
                    let forms = split_list(f[2]);
                    if forms.is_empty() {
                        err(n, "no forms given".into());
                        continue;
                    }
                    if let Some(bad) = forms.iter().find(|f| f.chars().any(|c| c.is_uppercase())) {
                        err(n, format!("cue form {bad:?} must be lower case"));
                        continue;
                    }
                    let idx = self.cues.len();
                    self.cues.push(Cue { lemma: lemma.to_string(), class: class.to_string() });
                    for form in forms {
                        let key = form.split_whitespace().collect::<Vec<_>>().join(" ");
                        let first = key.split(' ').next().unwrap_or("");
                        if key.contains(' ') {
                            self.cue_first_words.insert(first.to_string());
                        }
                        match (first.as_bytes().first(), first.as_bytes().last()) {
                            (Some(&b @ b'a'..=b'z'), Some(&l)) if first.len() < 64 && first.is_ascii() => {
                                self.cue_shapes.resize(26 * 64, 0);
                                self.cue_shapes[(b - b'a') as usize * 64 + first.len()] |= shape_bit(l);
                            }
                            // a cue that is not plain ASCII: let every word through
                            _ => self.cue_shapes_off = true,
                        }
                        if let Some(prev) = seen.insert(key.clone(), n) {
                            err(n, format!("duplicate cue form {key:?} (first on line {prev})"));
                        }
                        self.cue_forms.insert(key, idx);
                    }
                }
            }
            "abbreviations.txt" => {
                for (n, line) in content_lines(text) {
                    for word in line.split_whitespace() {
                        if !word.ends_with('.') {
                            err(n, format!("abbreviation {word:?} must end with a period"));
                        } else {
                            self.abbreviations.insert(word.to_string());
                        }
                    }
                }
            }
            "pronouns.tsv" => {
                for (n, line) in content_lines(text) {
                    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
                    if f.len() != 3 {
                        err(n, format!("expected 3 tab-separated fields (pronoun, gender, number), found {}", f.len()));
                        continue;
                    }
                    let Some(gender) = parse_gender(f[1]) else {
                        err(n, format!("gender {:?} is not one of m, f, n, -", f[1]));
                        continue;
                    };
                    let plural = match f[2] {
                        "sg" => false,
                        "pl" => true,
                        other => {
                            err(n, format!("number {other:?} is not sg or pl"));
                            continue;
                        }
                    };
                    self.pronouns.insert(f[0].to_lowercase(), Pronoun { gender, plural });
                }
            }
            "titles.txt" => add_words(text, "title", &mut self.titles, &mut err),
            "org_heads.txt" => add_words(text, "organisation head", &mut self.org_heads, &mut err),
            "function_words.tsv" => {
                for (n, line) in content_lines(text) {
                    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
                    if f.len() != 2 || f[0].is_empty() {
                        err(n, format!("expected 2 tab-separated fields (word, class), found {}", f.len()));
                        continue;
                    }
                    let class = match f[1] {
                        "aux" => WordClass::Aux,
                        "stop" => WordClass::Stop,
                        "det" => WordClass::Det,
                        "nonname" => WordClass::NonName,
                        "source" => WordClass::Source,
                        other => {
                            err(n, format!("class {other:?} is not one of aux, stop, det, nonname, source"));
                            continue;
                        }
                    };
                    // Multi-word entries are documentation of intent; the
                    // sieves look words up one at a time.
                    for w in f[0].split_whitespace() {
                        self.function_words.entry(w.to_string()).or_insert(class);
                    }
                }
            }
            other => err(0, format!("unknown lexicon file {other:?}")),
        }
    }

    /// Whether `word` (as written) could be the first word of a cue form.
    pub fn may_be_cue(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let (Some(&f), Some(&l), n) = (b.first(), b.last(), b.len()) else { return false };
        if self.cue_shapes_off {
            return true;
        }
        match f.to_ascii_lowercase() {
            f @ b'a'..=b'z' => {
                n < 64 && self.cue_shapes.get((f - b'a') as usize * 64 + n).is_some_and(|s| s & shape_bit(l) != 0)
            }
            _ => false,
        }
    }

    pub fn word_class(&self, word: &str) -> Option<WordClass> {
        self.function_words.get(word).copied()
    }
}

/// Add the words of a one-word-per-line file to `set`; a line of several
/// words is an error naming what the word should be.
fn add_words(text: &str, what: &str, set: &mut FxHashSet<String>, err: &mut impl FnMut(usize, String)) {
    for (n, line) in content_lines(text) {
        let word = line.trim();
        if word.contains(char::is_whitespace) {
            err(n, format!("{what} {word:?} must be a single word"));
        } else {
            set.insert(word.to_string());
        }
    }
}

/// The bit of a cue word's last byte in a `cue_shapes` entry.
fn shape_bit(last: u8) -> u32 {
    match last.to_ascii_lowercase() {
        l @ b'a'..=b'z' => 1 << (l - b'a'),
        _ => 1 << 26,
    }
}

fn parse_gender(s: &str) -> Option<Gender> {
    Some(match s {
        "m" => Gender::Male,
        "f" => Gender::Female,
        "n" => Gender::Neuter,
        "-" | "" => Gender::Unknown,
        _ => return None,
    })
}

fn parse_speaker(line: &str) -> Result<Speaker, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if !(3..=5).contains(&f.len()) {
        return Err(format!(
            "expected 3 to 5 tab-separated fields (canonical, type, gender, aliases, roles), found {}",
            f.len()
        ));
    }
    let canonical = f[0].trim();
    if canonical.is_empty() {
        return Err("empty canonical name".into());
    }
    let kind = match f[1].trim() {
        "person" => SpeakerType::Person,
        "org" => SpeakerType::Org,
        other => return Err(format!("type {other:?} is not person or org")),
    };
    let gender =
        parse_gender(f[2].trim()).ok_or_else(|| format!("gender {:?} is not one of m, f, n, -", f[2].trim()))?;
    let aliases = f.get(3).map(|s| split_list(s)).unwrap_or_default();
    let mut roles = Vec::new();
    for r in f.get(4).map(|s| split_list(s)).unwrap_or_default() {
        let (phrase, bounds) = match r.split_once('@') {
            Some((p, b)) => (p.trim().to_string(), Some(b.trim().to_string())),
            None => (r.clone(), None),
        };
        let (mut from, mut to) = (None, None);
        if let Some(b) = bounds {
            let Some((a, z)) = b.split_once("..") else {
                return Err(format!("role {r:?}: date bounds must be FROM..TO"));
            };
            for (v, slot) in [(a.trim(), &mut from), (z.trim(), &mut to)] {
                if !v.is_empty() {
                    if !is_iso_date(v) {
                        return Err(format!("role {r:?}: {v:?} is not a YYYY-MM-DD date"));
                    }
                    *slot = Some(v.to_string());
                }
            }
        }
        if phrase.is_empty() {
            return Err(format!("role {r:?} has no phrase"));
        }
        roles.push(Role { phrase, from, to });
    }
    Ok(Speaker { canonical: canonical.to_string(), kind, gender, aliases, roles })
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
}
