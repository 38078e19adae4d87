//! When a statement was made (`said_on`), from the time expression next to
//! its cue, resolved against the article's date.
//!
//! Resolved: a weekday (`on Wednesday`, `said Monday`, `earlier Wednesday`,
//! `late Sunday`) → the latest such day on or before the article's date
//! (`last Sunday`: strictly before); a month and day (`on Jan. 31`,
//! `February 4`) → that day in the article's year (the year before when it
//! would fall after the article); `yesterday` → the day before; `today`,
//! `this morning`, `tonight` → the article's date; `on the same day` → the
//! day of the statement before it in the article. Not resolved (left empty):
//! vague spans (`last week`, `recently`, `earlier this month`), and any
//! expression when the article has no date.

use crate::mentions::{Token, fold};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn parse_iso(s: &str) -> Option<i64> {
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    Some(days_from_civil(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

fn iso(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 0 = Monday … 6 = Sunday.
fn weekday_of(days: i64) -> i64 {
    (days + 3).rem_euclid(7) // 1970-01-01 was a Thursday
}

fn weekday(w: &str) -> Option<i64> {
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    names.iter().position(|n| *n == w).map(|i| i as i64)
}

fn month(w: &str) -> Option<i64> {
    let w = w.trim_end_matches('.');
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if w.len() < 3 {
        return None;
    }
    let i = names.iter().position(|n| w.starts_with(n))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (w.len() == 3 || full[i].starts_with(w) || w == "sept").then_some(i as i64 + 1)
}

/// Auxiliaries and forms of "be": past one, the words are the reported
/// clause, whose dates are not when it was said.
const CLAUSE_VERBS: &[&str] = &[
    "will", "would", "could", "can", "may", "might", "must", "should", "shall", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "did", "does", "do",
];

/// The first three letters of every word `day_at` can read as a day:
/// weekdays, months, yesterday, today, tonight, morning, afternoon, evening.
const DAY_PREFIXES: [[u8; 3]; 25] = [
    *b"mon", *b"tue", *b"wed", *b"thu", *b"fri", *b"sat", *b"sun", *b"jan", *b"feb", *b"mar", *b"apr", *b"may",
    *b"jun", *b"jul", *b"aug", *b"sep", *b"oct", *b"nov", *b"dec", *b"yes", *b"tod", *b"ton", *b"mor", *b"aft",
    *b"eve",
];

fn prefix3(b: &[u8]) -> [u8; 3] {
    [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase(), b[2].to_ascii_lowercase()]
}

/// When the statement of a cue was made: a time expression right after the
/// cue (`told reporters on Wednesday`, `said Monday`, within six tokens and
/// before `that` or a comma), else one before its speaker (`On Monday,
/// Peskov said`), resolved against the article date `date` (ISO). Dates
/// inside the reported clause (`scheduled for Feb. 1`) are not when it was
/// said: only `on DAY`, `earlier DAY`, `late DAY`, `last DAY` or a weekday
/// straight after the cue count.
pub(crate) fn said_on(
    text: &str,
    toks: &[Token],
    speaker_start: usize,
    cue_end: usize,
    date: Option<&str>,
    previous: Option<&str>,
) -> Option<String> {
    let base = parse_iso(date?)?;
    let w = |k: usize| fold(toks[k].text(text));
    let day_at = |k: usize| -> Option<i64> {
        if !toks[k].is_word() {
            return None;
        }
        // only a weekday, a month, "yesterday", "today", "tonight" or a part
        // of the day can name a day: skip every other word cheaply
        let bytes = &text.as_bytes()[toks[k].start..toks[k].end];
        if bytes.len() < 3 || bytes.len() > 10 || !DAY_PREFIXES.contains(&prefix3(bytes)) {
            return None;
        }
        let x = w(k);
        let prev = if k > 0 && toks[k - 1].is_word() { w(k - 1) } else { crate::mentions::Folded::Borrowed("") };
        // "on Monday", "earlier Wednesday", "said Monday", "during a
        // Wednesday briefing"
        let anchored =
            matches!(prev.as_ref(), "on" | "earlier" | "late" | "last" | "early" | "a" | "his" | "her" | "their")
                || k == cue_end;
        if let Some(wd) = weekday(&x) {
            if !anchored {
                return None;
            }
            let back = (weekday_of(base) - wd).rem_euclid(7);
            let back = if prev == "last" && back == 0 { 7 } else { back };
            return Some(base - back);
        }
        if let Some(m) = month(&x) {
            // "on Jan. 31", "on February 4"
            if prev.as_ref() != "on" {
                return None;
            }
            let d = toks.get(k + 1).filter(|t| t.is_word()).and_then(|_| w(k + 1).parse::<i64>().ok())?;
            if !(1..=31).contains(&d) {
                return None;
            }
            let (y, _, _) = civil_from_days(base);
            let mut day = days_from_civil(y, m, d);
            if day > base {
                day = days_from_civil(y - 1, m, d);
            }
            return (civil_from_days(day).1 == m).then_some(day);
        }
        match x.as_ref() {
            "yesterday" => Some(base - 1),
            "today" | "tonight" => Some(base),
            "morning" | "afternoon" | "evening" if prev.as_ref() == "this" => Some(base),
            _ => None,
        }
    };
    let mut after_end = cue_end;
    while after_end < toks.len().min(cue_end + 6) {
        let t = toks[after_end];
        // a quote, a comma, "that" or a verb: the reported clause has begun
        if t.quote().is_some()
            || t.is_punct(',')
            || t.is_punct(':')
            || (t.is_word() && {
                let x = w(after_end);
                x == "that" || CLAUSE_VERBS.contains(&x.as_ref())
            })
        {
            break;
        }
        after_end += 1;
    }
    // before the speaker only a short fronted adverbial ("On Monday,
    // Peskov said"), not a clause of its own ("Talks will start on
    // February 1, the Kremlin said")
    let prefix = if speaker_start <= 8 { speaker_start.min(toks.len()) } else { 0 };
    // "On the same day, Peskov said": the day of the statement before
    let raw = |k: usize| toks[k].text(text);
    let same_day = (1..prefix).any(|k| {
        toks[k].is_word()
            && toks[k - 1].is_word()
            && raw(k - 1).eq_ignore_ascii_case("same")
            && raw(k).eq_ignore_ascii_case("day")
    });
    if same_day && let Some(p) = previous {
        return Some(p.to_string());
    }
    let found = (cue_end..after_end).find_map(day_at).or_else(|| (0..prefix).rev().find_map(day_at));
    found.map(iso)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::mentions::tokenize;

    /// said_on for "SPEAKER CUE REST": the cue is the word `cue`.
    fn on(text: &str, date: &str) -> Option<String> {
        let lex = Lexicons::builtin().unwrap();
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &lex, &mut toks);
        let cue = toks.iter().position(|t| matches!(t.text(text), "said" | "told" | "announced")).unwrap();
        said_on(text, &toks, cue.saturating_sub(1), cue + 1, Some(date), Some("2026-01-26"))
    }

    #[test]
    fn time_expressions_resolve_against_the_article_date() {
        // 2026-01-28 is a Wednesday
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Peskov told reporters on Wednesday", "2026-01-28", Some("2026-01-28")),
            ("Peskov told reporters during a Wednesday briefing", "2026-02-04", Some("2026-02-04")),
            ("On the same day, Peskov said", "2026-01-28", Some("2026-01-26")),
            ("Zelenskyy said during an evening address on Monday that", "2026-01-28", Some("2026-01-26")),
            ("Sybiha said in an interview published on Tuesday", "2026-01-28", Some("2026-01-27")),
            ("Zelenskyy announced on Sunday that the round", "2026-02-02", Some("2026-02-01")),
            ("Putin said last Sunday", "2026-02-01", Some("2026-01-25")),
            ("Peskov said Monday", "2026-02-04", Some("2026-02-02")),
            ("On Jan. 31, Witkoff said", "2026-02-02", Some("2026-01-31")),
            ("Peskov said on December 30", "2026-01-05", Some("2025-12-30")),
            ("He said yesterday", "2026-03-01", Some("2026-02-28")),
            ("Peskov said the talks scheduled for Feb. 1 were postponed", "2026-02-02", None),
            ("Peskov said last week", "2026-02-02", None),
            ("Peskov said talks will take place on Wednesday", "2026-02-02", None),
            ("Talks will start in Abu Dhabi on February 1, the Kremlin said", "2026-01-28", None),
        ];
        for (text, date, want) in cases {
            assert_eq!(on(text, date).as_deref(), *want, "{text} ({date})");
        }
        assert_eq!(weekday_of(parse_iso("2026-01-28").unwrap()), 2);
        assert_eq!(iso(parse_iso("2024-02-29").unwrap()), "2024-02-29");
    }
}
