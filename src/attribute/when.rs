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
    // How far the attribution may run after the cue: six tokens, or up to
    // 16 when what follows is the attribution's own phrase — after a
    // quotation the cue ends the sentence (`"…," he told journalists at his
    // weekly briefing on Monday`), and a preposition right after the cue
    // opens where or how it was said (`said in a televised address on
    // Sunday night`) rather than the reported clause.
    let quoted_before = toks[..speaker_start.min(toks.len())].iter().any(|t| t.quote().is_some());
    // (not one that takes the cue's object: `apologized for the suggestion
    // on Monday that …`); an addressee opens it too (`told reporters on a
    // conference call on Monday`; not `her` as a determiner: `posted her
    // allegiance … before the shootings occurred on Wednesday`)
    let pp_after = toks.get(cue_end).is_some_and(|t| {
        t.is_word()
            && ((t.folds_to(WordSet::Preposition) && !t.folds_to(WordSet::ObjectPreposition))
                || (t.folds_to(WordSet::Addressee) && !t.folds_to(WordSet::IndefiniteDet)))
    });
    let reach = if quoted_before || pp_after { 16 } else { 6 };
    let mut after_end = cue_end;
    while after_end < toks.len().min(cue_end + reach) {
        let t = toks[after_end];
        // a quote, a comma, "that" or a verb: the reported clause has begun
        // (after a quotation, a comma before a participle goes on with
        // the attribution: `"…," he said, speaking to students on Friday`)
        let participle_next =
            quoted_before && toks.get(after_end + 1).is_some_and(|n| n.is_word() && ends_in_ing(&text[n.start..n.end]));
        if t.quote().is_some()
            || (t.is_punct(',') && !participle_next)
            || t.is_punct(':')
            || (t.is_word() && (t.folds_to(WordSet::Complementiser) || t.folds_to(WordSet::ClauseVerb)))
        {
            break;
        }
        after_end += 1;
    }
    // before the speaker only a fronted adverbial: a short one ("On
    // Monday, Peskov said"), or one that opens with a preposition or a
    // participle and ends in a comma before the speaker ("Speaking to
    // students at Kyiv University on Tuesday, Ukraine's deputy foreign
    // minister said"); not a clause of its own ("Talks will start on
    // February 1, the Kremlin said")
    let fronted = (2..=16).contains(&speaker_start)
        && speaker_start <= toks.len()
        && toks[speaker_start - 1].is_punct(',')
        && toks[0].is_word()
        && (toks[0].folds_to(WordSet::Preposition) || ends_in_ing(&text[toks[0].start..toks[0].end]))
        && !toks[..speaker_start - 1]
            .iter()
            .any(|t| t.quote().is_some() || t.is_punct(',') || t.folds_to(WordSet::ClauseVerb));
    let prefix = if speaker_start <= 8 || fronted { speaker_start.min(toks.len()) } else { 0 };
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

/// A word in `-ing` (`speaking`, `Addressing`): a participle, when it
/// opens a phrase.
fn ends_in_ing(word: &str) -> bool {
    word.len() > 5 && word.as_bytes()[word.len() - 3..].eq_ignore_ascii_case(b"ing")
}

/// When the statement of a cue was made, from a time expression between its
/// subject and the cue (`Peskov, speaking at a briefing on Friday, said`,
/// `Peskov on Friday said`): what stands there belongs to the attribution
/// (unless it is a relative clause), so any anchored day counts; resolved
/// as [`said_on`] does.
pub(crate) fn said_on_between(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    subject_end: usize,
    cue: usize,
    date: Option<&str>,
) -> Option<String> {
    let _ = Date::parse_iso(date?)?;
    let gap = subject_end..cue.min(toks.len());
    // a relative clause there is an event of its own (`Clinton, who
    // announced a plan on Monday, plans …`), not the attribution (even one
    // that tells of speaking: `who spoke at a rally on Saturday, said` is
    // left empty rather than guessed)
    if toks[gap.clone()].iter().any(|t| t.folds_to(WordSet::RelativePronoun)) {
        return None;
    }
    gap.into_iter().find_map(|k| {
        // said_on of the tokens up to `k` with the cue ending at `k` (and
        // no speaker before it): `k` alone is read, as a day anchored by
        // the word before it
        let prev = k.checked_sub(1).map(|p| toks[p]);
        let anchored = prev
            .is_some_and(|p| p.is_word() && lex.word_sets(&fold(&text[p.start..p.end])).contains(WordSet::DayAnchor));
        if !anchored || !toks[k].is_word() {
            return None;
        }
        said_on(lex, text, &toks[..k + 1], 0, k, date, None)
    })
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
        // as the engine does before attribution: each word's lexicon entry
        for t in &mut toks {
            t.look_up(text, &lex);
        }
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
