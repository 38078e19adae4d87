//! The word lists: `abbreviations.txt`, `titles.txt`, `org_heads.txt` (one
//! word a line), `function_words.tsv` (word, class), `words.tsv` (word,
//! sets) and `calendar.tsv` (name, kind, number).

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Calendar, WordClass, WordInfo, WordSet, WordSets, content_lines, line_count};

/// Add the abbreviations of `text` (several on a line allowed) to `set`.
pub(super) fn add_abbreviations(text: &str, set: &mut FxHashSet<String>, err: &mut impl FnMut(usize, String)) {
    set.reserve(line_count(text));
    for (n, line) in content_lines(text) {
        for word in line.split_whitespace() {
            if !word.ends_with('.') {
                err(n, format!("abbreviation {word:?} must end with a period"));
            } else {
                set.insert(word.to_string());
            }
        }
    }
}

/// Add the words of a one-word-per-line file to `set`; a line of several
/// words is an error naming what the word should be.
pub(super) fn add_words(text: &str, what: &str, set: &mut FxHashSet<String>, err: &mut impl FnMut(usize, String)) {
    set.reserve(line_count(text));
    for (n, line) in content_lines(text) {
        let word = line.trim();
        if word.contains(char::is_whitespace) {
            err(n, format!("{what} {word:?} must be a single word"));
        } else {
            set.insert(word.to_string());
        }
    }
}

/// Add the lines of `titles.txt`: a title as written, and optionally (after
/// a tab) the nouns that refer back to the person it titled, separated by
/// `|` (`Sen.` → `senator`: "Sen. Dolores Aguirre … the senator said").
pub(super) fn add_titles(
    text: &str,
    titles: &mut FxHashSet<String>,
    nouns: &mut FxHashMap<String, Vec<String>>,
    err: &mut impl FnMut(usize, String),
) {
    titles.reserve(line_count(text));
    for (n, line) in content_lines(text) {
        let (word, noun) = line.split_once('\t').map_or((line.trim(), None), |(w, r)| (w.trim(), Some(r.trim())));
        if word.is_empty() || word.contains(char::is_whitespace) {
            err(n, format!("title {word:?} must be a single word"));
            continue;
        }
        if let Some(list) = noun {
            let list: Vec<String> = list.split('|').map(|n| n.trim().to_string()).collect();
            if let Some(bad) =
                list.iter().find(|n| n.is_empty() || n.contains(char::is_whitespace) || **n != n.to_lowercase())
            {
                err(n, format!("the nouns for title {word:?} must be lower-case words separated by |, found {bad:?}"));
                continue;
            }
            nouns.insert(word.to_string(), list);
        }
        titles.insert(word.to_string());
    }
}

/// Add the lines of `roles.tsv`: a family's name, then (after a tab) the
/// descriptions that may refer to one person, separated by `|` (lower
/// case, one or two words: `prelate|archbishop|church leader`). A
/// description may stand in several families.
pub(super) fn add_role_families(
    text: &str,
    families: &mut FxHashMap<String, Vec<u16>>,
    err: &mut impl FnMut(usize, String),
) {
    let mut next = families.values().flatten().max().map_or(0, |m| m + 1);
    for (n, line) in content_lines(text) {
        let Some((name, list)) = line.split_once('\t') else {
            err(n, "expected 2 tab-separated fields (family, descriptions)".into());
            continue;
        };
        if name.trim().is_empty() || list.contains('\t') {
            err(n, "expected 2 tab-separated fields (family, descriptions)".into());
            continue;
        }
        let list: Vec<&str> = list.split('|').map(str::trim).collect();
        if let Some(bad) = list.iter().find(|d| {
            d.is_empty() || **d != d.to_lowercase() || d.split(' ').count() > 2 || d.split(' ').any(str::is_empty)
        }) {
            err(n, format!("descriptions must be lower case, of one or two words, separated by |; found {bad:?}"));
            continue;
        }
        if list.len() < 2 {
            err(n, format!("the family {:?} needs two descriptions or more", name.trim()));
            continue;
        }
        for d in list {
            let all = families.entry(d.to_string()).or_default();
            if !all.contains(&next) {
                all.push(next);
            }
        }
        next += 1;
    }
}

/// Add the entries of `function_words.tsv`; the first class given for a word wins.
pub(super) fn add_function_words(
    text: &str,
    words: &mut FxHashMap<String, WordClass>,
    err: &mut impl FnMut(usize, String),
) {
    words.reserve(line_count(text));
    for (n, line) in content_lines(text) {
        let fields = line.split('\t').count();
        let (word, class) = line.split_once('\t').map_or((line.trim(), ""), |(w, c)| (w.trim(), c.trim()));
        if fields != 2 || word.is_empty() {
            err(n, format!("expected 2 tab-separated fields (word, class), found {fields}"));
            continue;
        }
        let Some(class) = WordClass::parse(class) else {
            err(n, format!("class {class:?} is not one of {}", WordClass::names()));
            continue;
        };
        // Multi-word entries are documentation of intent; the sieves look
        // words up one at a time.
        for w in word.split_whitespace() {
            if !words.contains_key(w) {
                words.insert(w.to_string(), class);
            }
        }
    }
}

/// Add the entries of `words.tsv`: a word and its `|`-separated sets.
pub(super) fn add_word_sets(text: &str, words: &mut FxHashMap<String, WordInfo>, err: &mut impl FnMut(usize, String)) {
    words.reserve(line_count(text));
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (n, line) in content_lines(text) {
        let fields = line.split('\t').count();
        let (word, names) = line.split_once('\t').map_or((line.trim(), ""), |(w, c)| (w.trim(), c.trim()));
        if fields != 2 || word.is_empty() || word.contains(char::is_whitespace) {
            err(n, format!("expected 2 tab-separated fields (one word, sets), found {fields}"));
            continue;
        }
        if let Some(prev) = seen.insert(word, n) {
            err(n, format!("duplicate word {word:?} (first on line {prev}): give all its sets on one line"));
            continue;
        }
        let mut sets = WordSets::EMPTY;
        let mut bad = Vec::new();
        for name in names.split('|').map(str::trim) {
            match WordSet::parse(name) {
                Some(s) => sets = sets.with(s),
                None => bad.push(name),
            }
        }
        if !bad.is_empty() {
            err(n, format!("word set {:?} is not one of {}", bad.join("|"), WordSet::names()));
            continue;
        }
        match words.get_mut(word) {
            Some(info) => info.sets = info.sets.union(sets),
            None => {
                words.insert(word.to_string(), WordInfo { sets, ..WordInfo::default() });
            }
        }
    }
}

/// Add the entries of `calendar.tsv`: `name  weekday|month  number`, with
/// weekdays numbered 1 (Monday) to 7, months 1 to 12, into `words`
/// (weekdays 0-based: 0 = Monday) and the months, in order, into `months`.
pub(super) fn add_calendar(
    text: &str,
    words: &mut FxHashMap<String, WordInfo>,
    months: &mut Vec<(String, u8)>,
    err: &mut impl FnMut(usize, String),
) {
    for (n, line) in content_lines(text) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 3 || f[0].is_empty() {
            err(n, format!("expected 3 tab-separated fields (name, kind, number), found {}", f.len()));
            continue;
        }
        if f[0].chars().any(char::is_uppercase) || f[0].contains(char::is_whitespace) {
            err(n, format!("calendar name {:?} must be one lower-case word", f[0]));
            continue;
        }
        let number: Option<u8> = f[2].parse().ok();
        match (f[1], number) {
            ("weekday", Some(d @ 1..=7)) => {
                words.entry(f[0].to_string()).or_default().calendar = Some(Calendar::Weekday(d - 1));
            }
            ("month", Some(m @ 1..=12)) => {
                months.push((f[0].to_string(), m));
                words.entry(f[0].to_string()).or_default().calendar = Some(Calendar::Month(m));
            }
            ("weekday", _) => err(n, format!("weekday number {:?} is not 1 (Monday) to 7 (Sunday)", f[2])),
            ("month", _) => err(n, format!("month number {:?} is not 1 to 12", f[2])),
            (other, _) => err(n, format!("calendar kind {other:?} is not weekday or month")),
        }
    }
}
