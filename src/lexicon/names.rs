//! `given_names.tsv`: given name, gender; `name_cases.tsv`: the endings of
//! names in the oblique cases.

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

/// One line of `name_cases.tsv`: a word ending in `oblique` may be a case
/// form of the name that ends in `nominative` instead (`Пескова` →
/// `Песков`), a name of `gender` (`-`: either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameCase {
    /// The ending in the oblique case (`ова`), lower case.
    pub oblique: String,
    /// The ending in the nominative (`ов`; may be empty).
    pub nominative: String,
    /// The gender of the names the rule is for.
    pub gender: Gender,
}

/// Add the rules of `text` (oblique ending, nominative ending or `-` for
/// none, gender) to `cases`, longest oblique ending first (file order among
/// equals). A rule twice is an error.
pub(super) fn add_cases(text: &str, cases: &mut Vec<NameCase>, err: &mut impl FnMut(usize, String)) {
    for (n, line) in content_lines(text) {
        let mut fields = line.split('\t').map(str::trim);
        let (Some(oblique), Some(nominative), Some(gender), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            let found = line.split('\t').count();
            err(
                n,
                format!("expected 3 tab-separated fields (oblique ending, nominative ending, gender), found {found}"),
            );
            continue;
        };
        let nominative = if nominative == "-" { "" } else { nominative };
        let lower = |s: &str| s.chars().all(|c| !c.is_uppercase() && !c.is_whitespace());
        if oblique.is_empty() || !lower(oblique) || !lower(nominative) || oblique == nominative {
            err(n, format!("ending {oblique:?} → {nominative:?}: endings are lower-case words' ends, and differ"));
            continue;
        }
        let Some(gender) = Gender::parse(gender).filter(|g| *g != Gender::Neuter) else {
            err(n, format!("gender {gender:?} is not one of m, f, -"));
            continue;
        };
        let case = NameCase { oblique: oblique.to_string(), nominative: nominative.to_string(), gender };
        if cases.contains(&case) {
            err(n, format!("duplicate rule {oblique:?} → {nominative:?}"));
            continue;
        }
        cases.push(case);
    }
    // stable: among endings of one length, the file's order
    cases.sort_by_key(|c| std::cmp::Reverse(c.oblique.chars().count()));
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

    #[test]
    fn name_cases_are_validated_and_sorted() {
        let lex = Lexicons::from_texts(&[("name_cases.tsv", "а\t-\tm\nова\tов\tm\nовой\tова\tf\n")]).unwrap();
        let endings: Vec<&str> = lex.name_cases.iter().map(|c| c.oblique.as_str()).collect();
        assert_eq!(endings, ["овой", "ова", "а"]);
        assert_eq!(lex.name_cases[2].nominative, "");
        let err = Lexicons::from_texts(&[("name_cases.tsv", "ова\tов\nОВА\tов\tm\nова\tов\tn\nа\t-\tm\nа\t-\tm\n")])
            .unwrap_err();
        let got: Vec<String> = err.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].starts_with("name_cases.tsv:1: expected 3 tab-separated fields"), "{}", got[0]);
        assert!(got[1].contains(":2: ending"), "{}", got[1]);
        assert!(got[2].contains(":3: gender \"n\""), "{}", got[2]);
        assert!(got[3].contains(":5: duplicate rule"), "{}", got[3]);
    }
}
