//! Date detection: a header line `date YYYY-MM-DD Title…`, or a dateline
//! such as `February 04, 2026` near the top of the text. A Russian or
//! Ukrainian wire dateline gives a day and month without the year
//! (`МОСКВА, 4 февраля. /ТАСС/.`, `КИЇВ, 2 лютого.`): the year is the
//! default date's (`--date`), the one that puts the day nearest to it.
//!
//! Never guesses: a date is taken only when a whole, valid calendar date is
//! written. A dateline must stand in one of the first ten non-blank lines,
//! on a short line (at most 80 characters), so a date inside the story
//! ("the talks on February 1, 2026 …") is not mistaken for it.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A calendar date (proleptic Gregorian), held as days since 1970-01-01.
/// The one date type of the crate: document dates, role bounds and
/// `said_on` are all read and written through it. `Display` writes
/// `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    /// The date `y-m-d` if it is a whole, valid calendar date with a
    /// four-digit year (1000–9999).
    pub fn from_ymd(y: i64, m: i64, d: i64) -> Option<Date> {
        if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        let yu = y as u64;
        let leap = (yu.is_multiple_of(4) && !yu.is_multiple_of(100)) || yu.is_multiple_of(400);
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        if d < 1 || d > days[m as usize - 1] {
            return None;
        }
        Some(Date::from_ymd_overflowing(y, m, d))
    }

    /// `y-m-d` counted on from the first of the month without checking the
    /// day: February 30 is March 2 (Howard Hinnant's `days_from_civil`).
    pub(crate) fn from_ymd_overflowing(y: i64, m: i64, d: i64) -> Date {
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date { days: era * 146_097 + doe - 719_468 }
    }

    /// A date written `YYYY-MM-DD` exactly (ASCII digits), valid in the calendar.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if !b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
            return None;
        }
        Date::from_ymd(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..].parse().ok()?)
    }

    /// The date of an ISO `YYYY-MM-DD` date or an RFC 3339 timestamp
    /// (`2026-02-04T10:30:00Z`: its date part), surrounding whitespace
    /// ignored; `None` for anything else.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || (b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ')) {
            return None;
        }
        Date::parse_iso(&s[..10])
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i64, i64, i64) {
        let z = self.days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
    }

    /// The year.
    pub fn year(self) -> i64 {
        self.ymd().0
    }

    /// The month, 1–12.
    pub fn month(self) -> i64 {
        self.ymd().1
    }

    /// The day of the week: 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> i64 {
        (self.days + 3).rem_euclid(7) // 1970-01-01 was a Thursday
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i64) -> Date {
        Date { days: self.days + n }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]|$)").unwrap());

/// A `date YYYY-MM-DD` header at the start of `line`: (date, byte offset
/// just past the date). Only a short prefix is searched, so a first line
/// of any length costs nothing.
fn header(line: &str) -> Option<(String, usize)> {
    // a byte-order mark (U+FEFF) before the header is not text
    let bom = if line.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut cut = line.len().min(bom + 48);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    // most texts open with no header: answered without the regex (nor
    // building it); `\s` and `trim_start` agree on what is white space
    let head = &line[bom..cut];
    if !head.trim_start().starts_with("date") {
        return None;
    }
    let c = HEADER.captures(head)?;
    let m = c.get(1)?;
    Some((normalise_date(m.as_str())?, bom + m.end()))
}

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap()
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)\s+(\d{4})\b").unwrap()
});

static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").unwrap());

pub(super) fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    names.iter().position(|n| m.starts_with(n)).map(|i| i as u32 + 1)
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    Date::from_ymd(y.into(), m.into(), d.into()).map(|d| d.to_string())
}

/// Normalise an ISO date or RFC 3339 timestamp to `YYYY-MM-DD`.
pub(crate) fn normalise_date(s: &str) -> Option<String> {
    Date::parse(s).map(|d| d.to_string())
}

/// The length in bytes of a leading `date YYYY-MM-DD` header prefix (the
/// rest of that line is the title, which is text like any other), or 0.
pub(crate) fn header_len(text: &str) -> usize {
    let first_start = text.len() - text.trim_start().len();
    let line_end = text[first_start..].find('\n').map_or(text.len(), |i| first_start + i);
    header(&text[first_start..line_end]).map_or(0, |(_, end)| first_start + end)
}

/// The title of a `date YYYY-MM-DD Title…` header line, if the text has one.
pub(crate) fn header_title(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let (_, end) = header(first)?;
    let title = first[end..].trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// A wire dateline that opens a line: a place in capitals or title case,
/// a comma or a period, then the day and a Russian or Ukrainian month
/// name (`МОСКВА, 4 февраля.`, `Москва. 3 февраля.`, `МОСКВА, 5 фев —`,
/// `КИЇВ, 2 лютого.`).
static CYRILLIC_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{L}’'-]*(?:[ -]\p{Lu}[\p{L}’'-]*){0,3}[,.]\s+(\d{1,2})\s+(?i:(янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд)\p{L}*)(?:[.,\s]|$)",
    )
    .unwrap()
});

/// The month (1–12) of a Cyrillic month stem matched by `CYRILLIC_DATELINE`.
fn cyrillic_month(stem: &str) -> Option<u32> {
    const STEMS: [&[&str]; 12] = [
        &["янв", "січ"],
        &["фев", "лют"],
        &["мар", "берез"],
        &["апр", "квіт"],
        &["май", "мая", "трав"],
        &["июн", "черв"],
        &["июл", "лип"],
        &["авг", "серп"],
        &["сен", "верес"],
        &["окт", "жовт"],
        &["ноя", "листоп"],
        &["дек", "груд"],
    ];
    let stem = stem.to_lowercase();
    STEMS.iter().position(|names| names.contains(&stem.as_str())).map(|i| i as u32 + 1)
}

/// The day and month of a year-less wire dateline in the first three
/// non-blank lines (see `CYRILLIC_DATELINE`).
fn dateline_day_month(text: &str) -> Option<(u32, u32)> {
    // most texts: no Cyrillic capital opens a line (answered without the regex)
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(3) {
        let line = line.trim_start();
        if !line.chars().next().is_some_and(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
            continue;
        }
        let head = &line[..line.char_indices().nth(80).map_or(line.len(), |(i, _)| i)];
        if let Some(c) = CYRILLIC_DATELINE.captures(head) {
            return Some((c[1].parse().ok()?, cyrillic_month(&c[2])?));
        }
    }
    None
}

/// The date of a document whose text gives none of its own (see
/// [`date_from_text`]): a year-less wire dateline's day and month in the
/// year that puts it nearest to `default` (`30 декабря` with a default of
/// 2026-01-02 is 2025-12-30), else `default` itself.
pub(crate) fn date_with_default(text: &str, default: Option<&str>) -> Option<String> {
    let fallback = default?;
    let Some(base) = Date::parse_iso(fallback) else { return Some(fallback.to_string()) };
    let Some((d, m)) = dateline_day_month(text) else { return Some(fallback.to_string()) };
    let y = base.year();
    let near = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| Date::from_ymd(y, m.into(), d.into()))
        .min_by_key(|date| (date.days - base.days).abs());
    Some(near.map_or_else(|| fallback.to_string(), |d| d.to_string()))
}

/// The date (and title) a text carries: from a `date` header line, else a
/// dateline near the top.
pub(crate) fn date_from_text(text: &str) -> (Option<String>, Option<String>) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(10);
    if let Some(first) = text.lines().find(|l| !l.trim().is_empty())
        && let Some((d, end)) = header(first)
    {
        let title = first[end..].trim();
        return (Some(d), (!title.is_empty()).then(|| title.to_string()));
    }
    for line in lines.by_ref() {
        let line = line.trim();
        if line.len() > 320 || line.chars().count() > 80 {
            continue;
        }
        if let Some(c) = MONTH_DAY_YEAR.captures(line)
            && let Some(d) = month_number(&c[1]).and_then(|m| valid(c[3].parse().ok()?, m, c[2].parse().ok()?))
        {
            return (Some(d), None);
        }
        if let Some(c) = DAY_MONTH_YEAR.captures(line)
            && let Some(d) = month_number(&c[2]).and_then(|m| valid(c[3].parse().ok()?, m, c[1].parse().ok()?))
        {
            return (Some(d), None);
        }
        if let Some(c) = ISO.captures(line)
            && let Some(d) = valid(c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0))
        {
            return (Some(d), None);
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_headers_and_datelines() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (" date 2026-01-28 WORLD\nTitle", Some("2026-01-28"), Some("WORLD")),
            ("\n\nA Title\n\nFebruary 04, 2026\n\nBody.", Some("2026-02-04"), None),
            ("Title\n4 February 2026\nBody", Some("2026-02-04"), None),
            ("Title\nPublished Feb. 4th, 2026 10:00\n", Some("2026-02-04"), None),
            ("No date here.\nNone at all.", None, None),
            ("Title\nFebruary 30, 2026\n", None, None),
            (" date 2026-13-01 X\n", None, None),
            (
                "Title\nThe talks, held on February 1, 2026 in Abu Dhabi after weeks of preparation by all three delegations, failed.",
                None,
                None,
            ),
        ];
        for (text, date, title) in cases {
            let (d, t) = date_from_text(text);
            assert_eq!(d.as_deref(), *date, "{text:?}");
            assert_eq!(t.as_deref(), *title, "{text:?}");
        }
    }

    #[test]
    fn year_less_wire_datelines_take_the_default_year() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("МОСКВА, 4 февраля. /ТАСС/. Россия готова.", Some("2026-02-10"), Some("2026-02-04")),
            ("МОСКВА, 5 фев — РИА Новости. Текст.", Some("2026-02-10"), Some("2026-02-05")),
            ("Москва. 3 февраля. ИНТЕРФАКС - Текст.", Some("2026-02-10"), Some("2026-02-03")),
            ("КИЇВ, 2 лютого. Україна готова.", Some("2026-02-10"), Some("2026-02-02")),
            ("Київ. 3 листопада. ІНТЕРФАКС-УКРАЇНА – Текст.", Some("2026-01-02"), Some("2025-11-03")),
            ("Заголовок\nНЬЮ-ЙОРК, 30 декабря. /ТАСС/.", Some("2026-01-02"), Some("2025-12-30")),
            // no year to give it: left to the caller's warning
            ("МОСКВА, 4 февраля. /ТАСС/.", None, None),
            // not a dateline: the default as it is
            ("В Москве 4 февраля прошли переговоры.", Some("2026-02-10"), Some("2026-02-10")),
            ("МОСКВА, 31 февраля. /ТАСС/.", Some("2026-02-10"), Some("2026-02-10")),
            ("Plain English text.", Some("2026-02-10"), Some("2026-02-10")),
        ];
        for (text, default, want) in cases {
            assert_eq!(date_with_default(text, *default).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn header_prefix_length() {
        assert_eq!(header_len(" date 2026-01-28 WORLD\nx"), " date 2026-01-28".len());
        assert_eq!(header_len("\n\ndate 2026-01-28\n"), "\n\ndate 2026-01-28".len());
        assert_eq!(header_len("no header"), 0);
        assert_eq!(header_len(" date 2026-99-28 X"), 0);
    }

    #[test]
    fn normalises_iso_and_rfc3339() {
        assert_eq!(normalise_date("2016-01-02").as_deref(), Some("2016-01-02"));
        assert_eq!(normalise_date("2016-01-02T10:00:00Z").as_deref(), Some("2016-01-02"));
        assert_eq!(normalise_date("2016-02-30"), None);
        assert_eq!(normalise_date("Jan 2 2016"), None);
        assert_eq!(normalise_date("2016-01-023"), None);
    }

    #[test]
    fn one_date_type() {
        let d = Date::parse_iso("2026-01-28").unwrap();
        assert_eq!(d.to_string(), "2026-01-28");
        assert_eq!(d.weekday(), 2); // a Wednesday
        assert_eq!(d.ymd(), (2026, 1, 28));
        assert_eq!(d.add_days(4).to_string(), "2026-02-01");
        assert_eq!(d.add_days(-28).to_string(), "2025-12-31");
        assert_eq!(Date::parse_iso("2024-02-29").unwrap().add_days(365).to_string(), "2025-02-28");
        assert_eq!(Date::parse_iso("1970-01-01").unwrap().weekday(), 3);
        assert!(Date::parse_iso("2025-02-29").is_none());
        assert!(Date::parse_iso("2026-1-28").is_none());
        assert!(Date::parse_iso("2026-01-28T10:00").is_none());
        assert!(Date::parse_iso("0999-01-01").is_none());
        assert!(Date::parse_iso("２０２６-01-28").is_none());
        assert_eq!(Date::from_ymd_overflowing(2026, 2, 30).to_string(), "2026-03-02");
        assert!(Date::from_ymd(2026, 1, 28) < Date::from_ymd(2026, 2, 1));
    }
}
