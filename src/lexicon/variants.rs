//! `variants.tsv`: kind, word, words — the words `compare` reads when it
//! decides whether two reports carry the same statement: near-synonyms and
//! spelling variants (`same`), contradictions (`opposite`), negations,
//! numbers written as words, and stop words.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{content_lines, strict_list};

/// What one word is for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CompareWord {
    /// One word with `canonical` (`propose` → `offer`).
    Same(String),
    /// It negates.
    Negation,
    /// It names the number.
    Number(u64),
    /// It carries no content.
    Stop,
}

/// The entries of `variants.tsv`.
#[derive(Debug, Clone, Default)]
pub(crate) struct CompareWords {
    /// Each word (lower case) and what it is.
    pub(crate) words: FxHashMap<String, CompareWord>,
    /// Each `opposite` entry: a word and the words that contradict it.
    pub(crate) opposites: Vec<(String, Vec<String>)>,
}

/// Add the entries of `text` to `to`. A word stands in one entry of kind
/// `same`, `negation`, `number` or `stop` per file (a later file, such as
/// `--lexicons DIR`, may give it another).
pub(super) fn add(text: &str, to: &mut CompareWords, err: &mut impl FnMut(usize, String)) {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for (n, line) in content_lines(text) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 3 {
            err(n, format!("expected 3 tab-separated fields (kind, word, words), found {}", f.len()));
            continue;
        }
        let words = match strict_list(f[2], "word") {
            Ok(w) => w,
            Err(e) => {
                err(n, e);
                continue;
            }
        };
        let word = f[1].to_lowercase();
        if word.is_empty() || word.contains(' ') || words.iter().any(|w| w.contains(' ')) {
            err(n, "entries are single words".into());
            continue;
        }
        let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let kind = match f[0] {
            "opposite" => {
                if words.is_empty() {
                    err(n, format!("opposite {word:?} names no opposite word"));
                } else {
                    to.opposites.push((word, words));
                }
                continue;
            }
            "same" => CompareWord::Same(word.clone()),
            "negation" => CompareWord::Negation,
            "stop" => CompareWord::Stop,
            "number" => match word.parse::<u64>() {
                Ok(v) => CompareWord::Number(v),
                Err(_) => {
                    err(n, format!("number {word:?} is not written in digits"));
                    continue;
                }
            },
            other => {
                err(n, format!("kind {other:?} is not one of same, opposite, negation, number, stop"));
                continue;
            }
        };
        let mut all = vec![word.clone()];
        all.extend(words);
        for w in all {
            if !seen.insert(w.clone()) {
                err(n, format!("{w:?} already stands in an entry of this file"));
                continue;
            }
            to.words.insert(w, kind.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_their_errors() {
        let mut to = CompareWords::default();
        let mut errors = Vec::new();
        let text = "same\toffer\tpropose|Proposal\nopposite\tagree\topen\nnumber\t300\t\nnumber\tx\ty\n\
                    same\tready\toffer\nweird\ta\tb\nstop\tthe\t-\n";
        add(text, &mut to, &mut |n, e| errors.push(format!("{n}: {e}")));
        assert_eq!(to.words["proposal"], CompareWord::Same("offer".into()));
        assert_eq!(to.words["300"], CompareWord::Number(300));
        assert_eq!(to.words["the"], CompareWord::Stop);
        assert_eq!(to.opposites, [("agree".to_string(), vec!["open".to_string()])]);
        assert_eq!(
            errors,
            [
                "4: number \"x\" is not written in digits",
                "5: \"offer\" already stands in an entry of this file",
                "6: kind \"weird\" is not one of same, opposite, negation, number, stop",
            ]
        );
    }
}
