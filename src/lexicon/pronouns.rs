//! `pronouns.tsv`: pronoun, gender, number.

use rustc_hash::FxHashMap;

use super::{Gender, Pronoun, content_lines};

/// Add the pronouns of `text` to `pronouns` (keys lower case).
pub(super) fn add(text: &str, pronouns: &mut FxHashMap<String, Pronoun>, err: &mut impl FnMut(usize, String)) {
    for (n, line) in content_lines(text) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 3 {
            err(n, format!("expected 3 tab-separated fields (pronoun, gender, number), found {}", f.len()));
            continue;
        }
        let Some(gender) = Gender::parse(f[1]) else {
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
        pronouns.insert(f[0].to_lowercase(), Pronoun { gender, plural });
    }
}
