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

use crate::input::Date;
use crate::lexicon::{Lexicons, WordSet};
use crate::mentions::{Token, fold};

/// When the statement of a cue was made: a time expression right after the
/// cue (`told reporters on Wednesday`, `said Monday`, within six tokens and
/// before `that` or a comma), else one before its speaker (`On Monday,
/// Peskov said`), resolved against the article date `date` (ISO). Dates
/// inside the reported clause (`scheduled for Feb. 1`) are not when it was
/// said: only `on DAY`, `earlier DAY`, `late DAY`, `last DAY` or a weekday
/// straight after the cue count.
pub(crate) fn said_on(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    speaker_start: usize,
    cue_end: usize,
    date: Option<&str>,
    previous: Option<&str>,
) -> Option<String> {
    let base = Date::parse_iso(date?)?;
    let w = |k: usize| fold(&text[toks[k].start..toks[k].end]);
    let sets = |x: &str| lex.word_sets(x);
    let day_at = |k: usize| -> Option<Date> {
        if !toks[k].is_word() {
            return None;
        }
        // only a weekday, a month, "yesterday", "today", "tonight" or a part
        // of the day can name a day: skip every other word cheaply
        let bytes = &text.as_bytes()[toks[k].start..toks[k].end];
        if !lex.may_name_day(bytes) {
            return None;
        }
        let x = w(k);
        let prev = if k > 0 && toks[k - 1].is_word() { w(k - 1) } else { crate::mentions::Folded::Borrowed("") };
        // "on Monday", "earlier Wednesday", "said Monday", "during a
        // Wednesday briefing"
        let before = sets(&prev);
        let anchored = before.contains(WordSet::DayAnchor) || k == cue_end;
        if let Some(wd) = lex.weekday(&x) {
            if !anchored {
                return None;
            }
            let back = (base.weekday() - i64::from(wd)).rem_euclid(7);
            let back = if before.contains(WordSet::LastDay) && back == 0 { 7 } else { back };
            return Some(base.add_days(-back));
        }
        if let Some(m) = lex.month(&x) {
            let m = i64::from(m);
            // "on Jan. 31", "on February 4"
            if !before.contains(WordSet::DateOn) {
                return None;
            }
            let d = toks.get(k + 1).filter(|t| t.is_word()).and_then(|_| w(k + 1).parse::<i64>().ok())?;
            if !(1..=31).contains(&d) {
                return None;
            }
            let y = base.year();
            let mut day = Date::from_ymd_overflowing(y, m, d);
            if day > base {
                day = Date::from_ymd_overflowing(y - 1, m, d);
            }
            return (day.month() == m).then_some(day);
        }
        let this = sets(&x);
        if this.contains(WordSet::Yesterday) {
            Some(base.add_days(-1))
        } else if this.contains(WordSet::Today) || (this.contains(WordSet::DayPart) && before.contains(WordSet::This)) {
            Some(base)
        } else {
            None
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
                let x = sets(&w(after_end));
                x.contains(WordSet::Complementiser) || x.contains(WordSet::ClauseVerb)
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
    let same_day = (1..prefix).any(|k| {
        toks[k].is_word()
            && toks[k - 1].is_word()
            && sets(&w(k - 1)).contains(WordSet::Same)
            && sets(&w(k)).contains(WordSet::Day)
    });
    if same_day && let Some(p) = previous {
        return Some(p.to_string());
    }
    let found = (cue_end..after_end).find_map(day_at).or_else(|| (0..prefix).rev().find_map(day_at));
    found.map(|d| d.to_string())
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
        let cue = toks.iter().position(|t| matches!(&text[t.start..t.end], "said" | "told" | "announced")).unwrap();
        said_on(&lex, text, &toks, cue.saturating_sub(1), cue + 1, Some(date), Some("2026-01-26"))
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
        assert_eq!(Date::parse_iso("2026-01-28").unwrap().weekday(), 2);
        assert_eq!(Date::parse_iso("2024-02-29").unwrap().to_string(), "2024-02-29");
    }
}
