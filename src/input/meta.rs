//! Article metadata shared by every reader: where the outlet comes from
//! (a site name, else the URL's domain, else the folder of the file that
//! held the article), and dates written the many ways tables and pages
//! write them.

use std::path::Path;

use super::date::{Date, month_number};

/// The host of an `http(s)://` (or scheme-less `//`) URL, lower-cased, with
/// a leading `www.` and any port or credentials dropped; `None` when `url`
/// names no host.
pub(crate) fn domain_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) if url[..i].bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b)) => &url[i + 3..],
        _ => url.strip_prefix("//")?,
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_end_matches('.');
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_string).unwrap_or(host);
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// The name of the folder that holds `path`, as the path is written
/// (`articles` for `tests/data/articles/a.txt`); `None` for a bare file
/// name or standard input.
pub(crate) fn folder_of(path: &Path) -> Option<String> {
    let parent = path.parent()?.file_name()?;
    let name = parent.to_string_lossy();
    (!name.is_empty() && name != "." && name != "..").then(|| name.into_owned())
}

/// The outlet of an article: its site name, else its URL's domain, else
/// `folder` (the folder of a file holding one article).
pub(crate) fn outlet(site: Option<&str>, url: Option<&str>, folder: Option<String>) -> Option<String> {
    let site = site.map(str::trim).filter(|s| !s.is_empty());
    site.map(str::to_string).or_else(|| url.and_then(domain_of)).or(folder)
}

/// A date as tables, feeds and pages write it: ISO `YYYY-MM-DD` or an
/// RFC 3339 / `YYYY-MM-DD HH:MM` timestamp, `YYYY/MM/DD`, `YYYYMMDD`,
/// `February 4, 2026`, `4 February 2026`, `Wed, 04 Feb 2026 10:30:00 GMT`
/// (RFC 2822); as `YYYY-MM-DD`. Numeric day-month orders that differ
/// between countries (`02/04/2026`) are refused (`None`), never guessed.
pub(crate) fn parse_date_cell(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = Date::parse(s) {
        return Some(d.to_string());
    }
    let b = s.as_bytes();
    // YYYY/MM/DD and YYYY.MM.DD (with anything after a space)
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && (b[4] == b'/' || b[4] == b'.') && b[7] == b[4] {
        let iso = format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10]);
        if b.len() == 10 || b[10] == b' ' || b[10] == b'T' {
            return Date::parse_iso(&iso).map(|d| d.to_string());
        }
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return Date::parse_iso(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])).map(|d| d.to_string());
    }
    // words: an optional weekday, then `Month D, YYYY` or `D Month YYYY`
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(4).collect();
    let day = |w: &str| -> Option<i64> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        (1..=2).contains(&w.len()).then(|| w.parse().ok()).flatten()
    };
    let year = |w: &str| -> Option<i64> { (w.len() == 4).then(|| w.parse().ok()).flatten() };
    let month = |w: &str| -> Option<i64> {
        let letters = w.trim_end_matches('.');
        (letters.len() >= 3 && letters.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| month_number(letters))
            .flatten()
            .map(i64::from)
    };
    for start in 0..words.len().min(2) {
        let w = &words[start..];
        if w.len() < 3 {
            break;
        }
        let found = match (month(w[0]), day(w[0])) {
            (Some(m), _) => day(w[1]).zip(year(w[2])).map(|(d, y)| (y, m, d)),
            (None, Some(d)) => month(w[1]).zip(year(w[2])).map(|(m, y)| (y, m, d)),
            _ => None,
        };
        if let Some((y, m, d)) = found {
            return Date::from_ymd(y, m, d).map(|d| d.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        let cases = [
            ("https://www.Example.com/news/a?x=1", Some("example.com")),
            ("http://user@news.site.org:8080/x", Some("news.site.org")),
            ("//cdn.example.net/a", Some("cdn.example.net")),
            ("example.com/a", None),
            ("https://localhost/a", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(domain_of(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn outlets_in_order_of_preference() {
        let folder = || folder_of(Path::new("saved/tass/a.html"));
        assert_eq!(outlet(Some("TASS"), Some("https://tass.com/x"), folder()).as_deref(), Some("TASS"));
        assert_eq!(outlet(Some(" "), Some("https://tass.com/x"), folder()).as_deref(), Some("tass.com"));
        assert_eq!(outlet(None, None, folder()).as_deref(), Some("tass"));
        assert_eq!(outlet(None, None, folder_of(Path::new("a.html"))), None);
    }

    #[test]
    fn date_cells() {
        let cases = [
            ("2026-02-04", Some("2026-02-04")),
            ("2026-02-04 10:30:00", Some("2026-02-04")),
            ("2026-02-04T10:30:00+03:00", Some("2026-02-04")),
            ("2026/02/04", Some("2026-02-04")),
            ("20260204", Some("2026-02-04")),
            ("February 4, 2026", Some("2026-02-04")),
            ("Feb. 4th, 2026", Some("2026-02-04")),
            ("4 February 2026", Some("2026-02-04")),
            ("Wed, 04 Feb 2026 10:30:00 GMT", Some("2026-02-04")),
            ("02/04/2026", None),
            ("2026-02-30", None),
            ("yesterday", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date_cell(s).as_deref(), want, "{s}");
        }
    }
}
