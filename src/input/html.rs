//! Web pages: the article's main text, headline, date, URL and outlet.
//!
//! The main text comes from `dom_smoothie` (a port of Mozilla's
//! Readability, maintained, pure Rust, hardened against hostile pages),
//! asked for formatted text so that paragraphs stay paragraphs; the HTML
//! parser decodes entities. Before it scores the page, the parts of a page
//! that are never the article are removed: navigation, headers and footers,
//! asides and sidebars, figure captions, forms, comment threads, cookie and
//! consent banners, related-story lists, pull quotes and share bars. What
//! is left is the document's text: every row's `start`/`end` index it
//! (`--emit-text DIR` writes it).
//!
//! Metadata: the date from the page's own metadata (JSON-LD
//! `datePublished`, `article:published_time` and the other meta tags
//! Readability knows, `itemprop="datePublished"`, `<time datetime>`), else
//! a dateline in the text; the headline (`og:title`, JSON-LD `headline`,
//! `<title>`); the canonical URL; the site name (`og:site_name`, JSON-LD
//! `publisher`).

use dom_smoothie::{Config, Readability, TextMode};

use super::meta::{self, parse_date_cell};
use super::{Diagnostics, Document, ReadOptions, date_from_text};

/// What is known of a page besides its bytes.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContext {
    /// The URL it was fetched from (a WARC record's target), which wins
    /// over the page's own canonical URL.
    pub(crate) url: Option<String>,
    /// The crawl date (a WARC record's `WARC-Date`), the date of last resort.
    pub(crate) crawl_date: Option<String>,
    /// The folder standing for the outlet when the page names none.
    pub(crate) folder: Option<String>,
    /// The charset its HTTP headers declare.
    pub(crate) charset: Option<String>,
    /// A page of a crawl: a page without article text is expected there (an
    /// index page, a search page) and only warned about.
    pub(crate) in_archive: bool,
}

/// Everything a page is not, whatever the site: removed before the main
/// text is looked for.
const BOILERPLATE: &str = "nav, footer, aside, form, figcaption, noscript, iframe, template, button, \
     [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], [aria-hidden=true], \
     #comments, [id^=comments], [class*=comments], [class*=comment-], [class~=comment], [id*=disqus], [class*=disqus], \
     [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], \
     [class*=related], [id*=related], [class*=pullquote], [class*=pull-quote], [class*=share-], [class*=social], \
     [class*=newsletter], [class*=sidebar], [id*=sidebar], [class*=advert], [id*=advert], [class~=ad], [class~=ads], \
     [class*=promo], [class*=breadcrumb], [class*=byline]";

/// The most elements a page may have (a long article has a few thousand);
/// a larger one is reported and skipped rather than parsed for seconds.
const MAX_ELEMENTS: usize = 250_000;

/// Read one page (`at` names it in messages). Problems go to `diag` and
/// give `None`.
pub(crate) fn read_page(
    at: &str,
    bytes: &[u8],
    ctx: &PageContext,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Option<Document> {
    let html = decode_page(at, bytes, ctx.charset.as_deref(), opts.strict, diag)?;
    let cfg = Config { text_mode: TextMode::Formatted, max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let mut page = match Readability::new(html.as_str(), None, Some(cfg)) {
        Ok(r) => r,
        Err(e) => {
            diag.fail(format!("{at}: {e}"));
            return None;
        }
    };
    let doc = &page.doc;
    let first_attr = |selector: &str, attr: &str| -> Option<String> {
        let sel = doc.try_select(selector)?;
        sel.nodes().iter().find_map(|n| n.attr(attr).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
    };
    let canonical =
        first_attr("link[rel~=canonical]", "href").or_else(|| first_attr("meta[property='og:url']", "content"));
    let own_date = [
        ("meta[itemprop=datePublished]", "content"),
        ("[itemprop=datePublished][datetime]", "datetime"),
        ("meta[name=date], meta[name=pubdate], meta[name=publish-date], meta[name='dc.date']", "content"),
        ("article time[datetime], time[pubdate]", "datetime"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(s, a)| first_attr(s, a).and_then(|d| parse_date_cell(&d)));
    if let Some(junk) = doc.try_select(BOILERPLATE) {
        junk.remove();
    }
    let article = match page.parse() {
        Ok(a) => a,
        Err(dom_smoothie::ReadabilityError::GrabFailed) => {
            no_text(at, ctx, diag);
            return None;
        }
        Err(e) => {
            diag.fail(format!("{at}: {e}"));
            return None;
        }
    };
    let text = tidy(&article.text_content);
    if text.trim().is_empty() {
        no_text(at, ctx, diag);
        return None;
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let url = nonempty(ctx.url.clone()).or(canonical).or_else(|| nonempty(article.url.clone()));
    let site = nonempty(article.site_name.clone());
    let outlet = meta::outlet(site.as_deref(), url.as_deref(), ctx.folder.clone());
    let title = nonempty(Some(article.title.clone()));
    let mut date = article.published_time.as_deref().and_then(parse_date_cell).or(own_date);
    if date.is_none() {
        date = date_from_text(&text).0;
    }
    if date.is_none() {
        if let Some(crawl) = &ctx.crawl_date {
            diag.warn(format!("{at}: the page gives no publication date; its crawl date (WARC-Date) {crawl} used"));
            date = Some(crawl.clone());
        } else {
            date = super::date_with_default(&text, opts.default_date.as_deref());
        }
    }
    if date.is_none() {
        diag.warn(format!("{at}: no date found in the page (use --date); date left empty"));
    }
    Some(Document { source: at.to_string(), date, title, url, outlet, text })
}

/// A page with no article text: an error for a page read on its own, a
/// warning for one page of a crawl.
fn no_text(at: &str, ctx: &PageContext, diag: &mut Diagnostics) {
    let msg = format!("{at}: no article text found in the page");
    if ctx.in_archive { diag.warn(msg) } else { diag.fail(msg) }
}

/// The formatted text with spaces at line ends dropped, runs of blank
/// lines made one, and no blank lines at the ends: paragraphs are
/// separated by one blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line.trim_start_matches([' ', '\t']));
    }
    out
}

/// The page's text: UTF-8 (with or without a byte-order mark) as it is,
/// else the charset its headers or `<meta charset>` declare, else
/// windows-1252 (what browsers assume). Binary content is refused.
fn decode_page(at: &str, bytes: &[u8], charset: Option<&str>, strict: bool, diag: &mut Diagnostics) -> Option<String> {
    if super::looks_binary(bytes) && super::utf16_order(bytes).is_none() {
        diag.fail(format!("{at}: binary content (a NUL byte in the first 8 KiB), not a page"));
        return None;
    }
    let bytes = bytes.strip_prefix(super::UTF8_BOM).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let declared = charset.map(str::to_string).or_else(|| meta_charset(bytes));
    let encoding = declared
        .as_deref()
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8);
    match encoding {
        Some(enc) => {
            let (text, _, bad) = enc.decode(bytes);
            if bad {
                diag.warn(format!("{at}: bytes invalid in {} replaced with U+FFFD", enc.name()));
            }
            Some(text.into_owned())
        }
        None if strict => {
            diag.fail(format!("{at}: invalid UTF-8 and no other charset declared (rejected by --strict)"));
            None
        }
        None => {
            let enc = if declared.is_some() { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 };
            if declared.is_some() {
                diag.warn(format!("{at}: invalid UTF-8; bad bytes replaced with U+FFFD"));
            }
            Some(enc.decode(bytes).0.into_owned())
        }
    }
}

/// The charset a page declares in its first 2 KiB (`<meta charset="…">`
/// or `<meta http-equiv="Content-Type" content="…; charset=…">`).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// The charset of an HTTP `Content-Type` value, if it names one.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let value = lower[at..].trim_start_matches(['"', '\'']);
    let value: String = value.chars().take_while(|c| !matches!(c, ';' | '"' | '\'' | ' ')).collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(tidy("\n\n  One.  \n\n\n\nTwo\nthree \n\n"), "One.\n\nTwo\nthree");
    }

    #[test]
    fn charsets() {
        assert_eq!(charset_of("text/html; charset=\"Windows-1251\"").as_deref(), Some("windows-1251"));
        assert_eq!(meta_charset(b"<html><head><meta charset='koi8-r'>").as_deref(), Some("koi8-r"));
        let mut d = Diagnostics::default();
        let cp1251 = b"<p>\xcf\xe5\xf1\xea\xee\xe2</p>"; // Песков
        assert_eq!(decode_page("x", cp1251, Some("windows-1251"), false, &mut d).unwrap(), "<p>Песков</p>");
    }
}
