//! `given_names.tsv`: given name, gender.

use rustc_hash::FxHashMap;

use super::{Gender, content_lines, line_count};

/// Add the given names of `text` to `names` (keys as written). A name
/// must be one capitalised word; its gender `m`, `f` or `-` (a name given
/// to men and women alike). A name twice in one file is an error; a file
/// read later (`--lexicons DIR`) replaces an earlier entry.
pub(super) fn add(text: &str, names: &mut FxHashMap<String, Gender>, err: &mut impl FnMut(usize, String)) {
    // read at every start: tables sized once, fields split without a vector
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    seen.reserve(line_count(text));
    names.reserve(line_count(text));
    for (n, line) in content_lines(text) {
        let mut fields = line.split('\t').map(str::trim);
        let (Some(name), Some(gender), None) = (fields.next(), fields.next(), fields.next()) else {
            let found = line.split('\t').count();
            err(n, format!("expected 2 tab-separated fields (name, gender), found {found}"));
            continue;
        };
        if name.is_empty() || name.contains(char::is_whitespace) || !name.starts_with(char::is_uppercase) {
            err(n, format!("given name {name:?} must be one capitalised word"));
            continue;
        }
        let gender = match Gender::parse(gender) {
            Some(g @ (Gender::Male | Gender::Female | Gender::Unknown)) => g,
            _ => {
                err(n, format!("gender {gender:?} is not one of m, f, -"));
                continue;
            }
        };
        if let Some(prev) = seen.insert(name, n) {
            err(n, format!("duplicate given name {name:?} (first on line {prev})"));
            continue;
        }
        names.insert(name.to_string(), gender);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Gender, Lexicons};

    #[test]
    fn given_names_are_validated() {
        let err = Lexicons::from_texts(&[(
            "given_names.tsv",
            "Anna\tf\nanna\tf\nOmar\tn\nLee Ann\tf\nOmar\tm\nOmar\tm\nSam\n",
        )])
        .unwrap_err();
        let got: Vec<String> = err.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(
            got[0].starts_with("given_names.tsv:2: given name \"anna\" must be one capitalised word"),
            "{}",
            got[0]
        );
        assert!(got[1].starts_with("given_names.tsv:3: gender \"n\" is not one of m, f, -"), "{}", got[1]);
        assert!(got[2].starts_with("given_names.tsv:4: given name \"Lee Ann\""), "{}", got[2]);
        assert!(got[3].starts_with("given_names.tsv:6: duplicate given name \"Omar\" (first on line 5)"), "{}", got[3]);
        assert!(got[4].starts_with("given_names.tsv:7: expected 2 tab-separated fields"), "{}", got[4]);
    }

    #[test]
    fn the_english_list_gives_genders() {
        let lex = Lexicons::builtin().unwrap();
        assert_eq!(lex.given_names.get("Elena"), Some(&Gender::Female));
        assert_eq!(lex.given_names.get("Samuel"), Some(&Gender::Male));
        assert_eq!(lex.given_names.get("Jordan"), Some(&Gender::Unknown));
        assert_eq!(lex.given_names.get("Peskov"), None);
    }
}
