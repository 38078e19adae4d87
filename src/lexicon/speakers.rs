//! `speakers.tsv`: canonical, type, gender, aliases, roles.

use rustc_hash::FxHashMap;

use super::{Gender, Role, Speaker, SpeakerType, content_lines, strict_list};
use crate::input::Date;

/// Add the speakers of `text` to `speakers`; an entry whose canonical name
/// is already known replaces it.
///
/// Linear in the entries, one lookup each, and nothing copied but the
/// lower-cased aliases: a gazetteer of 200,000 people loads in well under
/// a second (`benches/bench.py`).
pub(super) fn add(text: &str, speakers: &mut Vec<Speaker>, err: &mut impl FnMut(usize, String)) {
    // where each speaker loaded before this file is, by canonical name
    let earlier: FxHashMap<String, usize> =
        speakers.iter().enumerate().map(|(i, s)| (s.canonical.clone(), i)).collect();
    let entries = super::line_count(text);
    speakers.reserve(entries);
    // this file's entries: canonical name (as in the text) → line
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    seen.reserve(entries);
    // an alias may name one speaker only: lower-cased alias → (the
    // speaker's place in `speakers`, line)
    let mut alias_of: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    alias_of.reserve(entries * 3);
    let mut keys: Vec<String> = Vec::new();
    for (n, line) in content_lines(text) {
        let sp = match parse_speaker(line) {
            Ok(sp) => sp,
            Err(reason) => {
                err(n, reason);
                continue;
            }
        };
        // the canonical name as the text holds it (parse_speaker trims it)
        let canonical = line.split('\t').next().unwrap_or("").trim();
        if let Some(prev) = seen.insert(canonical, n) {
            err(n, format!("duplicate speaker {:?} (first on line {prev})", sp.canonical));
            continue;
        }
        let at = earlier.get(canonical).copied().unwrap_or(speakers.len());
        keys.clear();
        keys.extend(std::iter::once(&sp.canonical).chain(&sp.aliases).map(|a| a.to_lowercase()));
        let clash =
            std::iter::once(&sp.canonical).chain(&sp.aliases).zip(&keys).find_map(|(a, key)| match alias_of.get(key) {
                Some(&(other, line)) if other != at => {
                    Some(format!("alias {a:?} already names {:?} (line {line})", speakers[other].canonical))
                }
                _ => None,
            });
        if let Some(reason) = clash {
            err(n, reason);
            continue;
        }
        for key in keys.drain(..) {
            alias_of.entry(key).or_insert((at, n));
        }
        // An entry from a later file replaces the built-in one.
        if at < speakers.len() {
            speakers[at] = sp;
        } else {
            speakers.push(sp);
        }
    }
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
        Gender::parse(f[2].trim()).ok_or_else(|| format!("gender {:?} is not one of m, f, n, -", f[2].trim()))?;
    let aliases = f.get(3).map(|s| strict_list(s, "alias")).transpose()?.unwrap_or_default();
    let mut roles = Vec::new();
    for r in f.get(4).map(|s| strict_list(s, "role")).transpose()?.unwrap_or_default() {
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
                    if Date::parse_iso(v).is_none() {
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
