//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record, as
//! crawlers write them, or one member for the whole file): each HTML
//! `response` record is a page (see [`super::html`]), with the record's
//! `WARC-Target-URI` as its URL and its `WARC-Date` as the date of last
//! resort. Records are read one at a time, so memory holds one record's
//! page (at most `--max-doc-bytes`), never the archive; the bodies of other
//! records (requests, metadata, PDFs, images) are skipped unread.
//!
//! The format is simple (a version line, `Name: value` headers, a blank
//! line, `Content-Length` bytes, a blank line), so it is parsed here: the
//! `warc` crate (0.4) reads a whole record into memory, brings a second
//! gzip implementation (libflate) and reports no byte offsets.
//!
//! A record that is truncated or corrupt is reported with its byte offset
//! in the file (for `.warc.gz`, the offset of its gzip member: what CDX
//! indexes give), and reading goes on at the next record (the next gzip
//! member, or the next `WARC/` line).

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

use super::html::{PageContext, charset_of};
use super::{Diagnostics, GZIP_MAGIC, ReadOptions};

/// The longest header block read (the WARC headers, or the HTTP headers of
/// a response): a larger one is a corrupt record.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// A buffered reader that counts the bytes consumed from it.
struct Tally<R> {
    inner: R,
    consumed: u64,
}

impl<R: Read> Read for Tally<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tally<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

impl Tally<Rewind> {
    /// At least `n` bytes ahead (fewer only at the end), not consumed.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        self.inner.peek(n)
    }
}

/// A buffered reader that can show more bytes ahead than one read gave: a
/// gzip header may be split across two reads (a pipe or a slow disk hands
/// out short reads), and both the sniffing and the search for the next
/// member must see it whole.
struct Rewind {
    /// Bytes taken from `inner` to look ahead, not yet consumed (from `pos`).
    ahead: Vec<u8>,
    pos: usize,
    inner: BufReader<Box<dyn Read>>,
}

impl Rewind {
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.pos == self.ahead.len() {
            self.ahead.clear();
            self.pos = 0;
            let avail = self.inner.fill_buf()?.len();
            if avail >= n || avail == 0 {
                return self.inner.fill_buf();
            }
        }
        if self.pos > 0 {
            self.ahead.drain(..self.pos);
            self.pos = 0;
        }
        while self.ahead.len() < n {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let k = chunk.len();
            self.ahead.extend_from_slice(chunk);
            self.inner.consume(k);
        }
        Ok(&self.ahead)
    }
}

impl Read for Rewind {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.ahead.len() {
            let n = buf.len().min(self.ahead.len() - self.pos);
            buf[..n].copy_from_slice(&self.ahead[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl BufRead for Rewind {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.ahead.len() {
            return Ok(&self.ahead[self.pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.pos < self.ahead.len() {
            self.pos = (self.pos + amt).min(self.ahead.len());
        } else {
            self.inner.consume(amt);
        }
    }
}

type Raw = Tally<Rewind>;

/// Where the reader is.
enum State {
    /// An uncompressed archive.
    Plain(Raw),
    /// Between gzip members.
    Between(Raw),
    /// Inside a gzip member that started at `start`; `records` read so far.
    Member { rd: Box<BufReader<GzDecoder<Raw>>>, start: u64, records: usize },
    /// The end (or a read error that loses the rest).
    Done,
}

/// One page of an archive, still to be parsed.
pub(crate) struct WarcPage {
    /// `PATH@OFFSET`.
    pub(crate) at: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) ctx: PageContext,
}

/// A WARC archive read a record at a time.
pub(crate) struct WarcReader {
    name: String,
    state: State,
}

impl WarcReader {
    /// An archive read from `reader`, gzip-compressed or not (sniffed).
    pub(crate) fn new(reader: Box<dyn Read>, name: String) -> WarcReader {
        let inner = Rewind { ahead: Vec::new(), pos: 0, inner: BufReader::with_capacity(1 << 16, reader) };
        let mut raw = Tally { inner, consumed: 0 };
        let gz = raw.peek(GZIP_MAGIC.len()).is_ok_and(|b| b.starts_with(GZIP_MAGIC));
        WarcReader { name, state: if gz { State::Between(raw) } else { State::Plain(raw) } }
    }

    /// The next HTML response's page; `Some(None)` when the next record
    /// gave none (skipped, or a problem reported to `diag`); `None` at the
    /// end of the archive.
    pub(crate) fn next_page(&mut self, opts: &ReadOptions, diag: &mut Diagnostics) -> Option<Option<WarcPage>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut raw) => {
                    match skip_blank_lines(&mut raw).and_then(|()| raw.fill_buf().map(<[u8]>::is_empty)) {
                        Ok(true) => return None,
                        Ok(false) => {}
                        Err(e) => {
                            diag.fail(format!("{}: read failed at byte {}: {e}", self.name, raw.consumed));
                            return Some(None);
                        }
                    }
                    let start = raw.consumed;
                    let at = format!("{}@{start}", self.name);
                    let got = read_record(&mut raw, &at, opts, diag);
                    match got {
                        Ok(page) => {
                            self.state = State::Plain(raw);
                            return Some(page);
                        }
                        Err(Problem::Corrupt(why)) => {
                            diag.fail(format!("{}: corrupt record at byte {start}: {why}", self.name));
                            // on to the next line that starts a record
                            if resync_plain(&mut raw).is_ok() {
                                self.state = State::Plain(raw);
                            }
                            return Some(None);
                        }
                        Err(Problem::Truncated(why)) => {
                            diag.fail(format!("{}: truncated record at byte {start}: {why}", self.name));
                            return Some(None);
                        }
                    }
                }
                State::Between(mut raw) => {
                    let start = raw.consumed;
                    match raw.peek(GZIP_MAGIC.len()) {
                        Ok([]) => return None,
                        Ok(b) if b.starts_with(GZIP_MAGIC) => {
                            let rd = Box::new(BufReader::with_capacity(1 << 16, GzDecoder::new(raw)));
                            self.state = State::Member { rd, start, records: 0 };
                        }
                        Ok(_) => {
                            diag.fail(format!("{}: corrupt data at byte {start}: not a gzip member", self.name));
                            if next_gzip_member(&mut raw).is_ok() {
                                self.state = State::Between(raw);
                            }
                            return Some(None);
                        }
                        Err(e) => {
                            diag.fail(format!("{}: read failed at byte {start}: {e}", self.name));
                            return Some(None);
                        }
                    }
                }
                State::Member { mut rd, start, records } => {
                    let at_end = skip_blank_lines(&mut rd).and_then(|()| rd.fill_buf().map(|b| b.is_empty()));
                    match at_end {
                        Ok(true) => {
                            // the member is over: the next one starts where it ended
                            self.state = State::Between(rd.into_inner().into_inner());
                            continue;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            self.gzip_error(rd, start, e.into(), diag);
                            return Some(None);
                        }
                    }
                    let at = if records == 0 {
                        format!("{}@{start}", self.name)
                    } else {
                        format!("{}@{start}+{records}", self.name)
                    };
                    match read_record(&mut rd, &at, opts, diag) {
                        Ok(page) => {
                            self.state = State::Member { rd, start, records: records + 1 };
                            return Some(page);
                        }
                        Err(problem) => {
                            self.gzip_error(rd, start, problem, diag);
                            return Some(None);
                        }
                    }
                }
            }
        }
    }

    /// Report a record of the member at `start` that could not be read,
    /// and go on at the next gzip member.
    fn gzip_error(&mut self, rd: Box<BufReader<GzDecoder<Raw>>>, start: u64, problem: Problem, diag: &mut Diagnostics) {
        let (what, why) = match problem {
            Problem::Truncated(why) => ("truncated", why),
            Problem::Corrupt(why) => ("corrupt", why),
        };
        diag.fail(format!("{}: {what} record at byte {start}: {why}", self.name));
        let mut raw = rd.into_inner().into_inner();
        // the member's bytes read so far are lost; find the next member
        if raw.consumed == start {
            raw.consume(1);
        }
        if next_gzip_member(&mut raw).is_ok() {
            self.state = State::Between(raw);
        }
    }
}

/// Why a record could not be read.
enum Problem {
    /// Not a WARC record (bad version line, no Content-Length, headers too long).
    Corrupt(String),
    /// The archive ends inside the record.
    Truncated(String),
}

impl From<io::Error> for Problem {
    fn from(e: io::Error) -> Problem {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            Problem::Truncated("the archive ends inside it".into())
        } else {
            Problem::Corrupt(e.to_string())
        }
    }
}

/// Read one record: the page of an HTML response, `None` for any other
/// record (its body skipped).
fn read_record(
    rd: &mut impl BufRead,
    at: &str,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Option<WarcPage>, Problem> {
    let mut version = Vec::new();
    read_line_capped(rd, &mut version)?;
    if !version.starts_with(b"WARC/") {
        let shown = String::from_utf8_lossy(&version[..version.len().min(40)]).trim().to_string();
        return Err(Problem::Corrupt(format!("{shown:?} is not a WARC version line")));
    }
    let headers = read_headers(rd)?;
    let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let length: u64 = header("Content-Length")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| Problem::Corrupt("no Content-Length".into()))?;
    let mut body = rd.take(length);
    let page = if header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"))
        && header("Content-Type").is_some_and(|t| t.to_ascii_lowercase().contains("application/http"))
    {
        let ctx = PageContext {
            url: header("WARC-Target-URI").map(|u| u.trim().trim_matches(['<', '>']).to_string()),
            crawl_date: header("WARC-Date").and_then(super::meta::parse_date_cell),
            folder: None,
            charset: None,
            in_archive: true,
        };
        http_page(&mut body, at, ctx, opts, diag)?
    } else {
        None
    };
    // the rest of the body, unread
    io::copy(&mut body, &mut io::sink())?;
    if body.limit() > 0 {
        return Err(Problem::Truncated(format!("{} of its {length} bytes missing", body.limit())));
    }
    Ok(page)
}

/// The page of an HTTP response held in a record's body: `None` for a
/// status other than 2xx or content that is not HTML, or a page larger than
/// the cap (reported; its bytes are left for the caller to skip).
fn http_page(
    body: &mut impl BufRead,
    at: &str,
    mut ctx: PageContext,
    opts: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Option<WarcPage>, Problem> {
    let mut status = Vec::new();
    read_line_capped(body, &mut status)?;
    let code = String::from_utf8_lossy(&status).split_whitespace().nth(1).and_then(|c| c.parse::<u16>().ok());
    let headers = read_headers(body)?;
    let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let content_type = header("Content-Type").unwrap_or("").to_ascii_lowercase();
    if !code.is_some_and(|c| (200..300).contains(&c))
        || !(content_type.contains("text/html") || content_type.contains("application/xhtml"))
    {
        return Ok(None);
    }
    ctx.charset = charset_of(&content_type);
    let limit = opts.max_doc_bytes();
    let mut bytes = Vec::new();
    body.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    let too_large = || format!("{at}: page larger than {limit} bytes skipped (raise the cap with --max-doc-bytes)");
    if bytes.len() > limit {
        diag.fail(too_large());
        return Ok(None);
    }
    if header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        bytes = dechunk(&bytes).unwrap_or(bytes);
    }
    // a compressed body (gzip or deflate), inflated up to the cap
    let encoding = header("Content-Encoding").map(|e| e.trim().to_ascii_lowercase());
    let name = match encoding.as_deref() {
        Some("gzip" | "x-gzip") => Some("gzip"),
        Some("deflate") => Some("deflate"),
        _ => None,
    };
    if let Some(name) = name {
        let decoder: Box<dyn Read + '_> = if name == "gzip" {
            Box::new(flate2::read::MultiGzDecoder::new(bytes.as_slice()))
        } else {
            Box::new(flate2::read::ZlibDecoder::new(bytes.as_slice()))
        };
        let mut out = Vec::new();
        let read = decoder.take(limit as u64 + 1).read_to_end(&mut out);
        if out.len() > limit {
            diag.fail(too_large());
            return Ok(None);
        }
        if let Err(e) = read {
            diag.fail(format!("{at}: the page's {name} content encoding cannot be read: {e}"));
            return Ok(None);
        }
        bytes = out;
    }
    Ok(Some(WarcPage { at: at.to_string(), bytes, ctx }))
}

/// The payload of a chunked HTTP body, or `None` when it is not chunked
/// after all.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let line_end = memchr::memchr(b'\n', b)?;
        let size_hex = std::str::from_utf8(&b[..line_end]).ok()?.trim();
        let size = usize::from_str_radix(size_hex.split(';').next()?.trim(), 16).ok()?;
        b = &b[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

/// Read a line (through `\n`) of at most [`MAX_HEADER_BYTES`].
fn read_line_capped(rd: &mut impl BufRead, line: &mut Vec<u8>) -> Result<(), Problem> {
    line.clear();
    let n = rd.take(MAX_HEADER_BYTES as u64).read_until(b'\n', line)?;
    if n == 0 {
        return Err(Problem::Truncated("the archive ends inside it".into()));
    }
    if !line.ends_with(b"\n") {
        if n >= MAX_HEADER_BYTES {
            return Err(Problem::Corrupt(format!("a header line longer than {MAX_HEADER_BYTES} bytes")));
        }
        return Err(Problem::Truncated("the archive ends inside its headers".into()));
    }
    Ok(())
}

/// `Name: value` lines up to a blank line.
fn read_headers(rd: &mut impl BufRead) -> Result<Vec<(String, String)>, Problem> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    let mut total = 0;
    loop {
        read_line_capped(rd, &mut line)?;
        total += line.len();
        if total > MAX_HEADER_BYTES {
            return Err(Problem::Corrupt(format!("headers longer than {MAX_HEADER_BYTES} bytes")));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(headers);
        }
        if text.starts_with([' ', '\t']) {
            // a continuation line
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => return Err(Problem::Corrupt(format!("{:?} is not a header line", &text[..text.len().min(40)]))),
        }
    }
}

/// Skip the blank lines between records.
fn skip_blank_lines(rd: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = rd.fill_buf()?;
        let n = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        if n == 0 {
            return Ok(());
        }
        rd.consume(n);
    }
}

/// Skip to the next line that starts with `WARC/` (a record), or the end.
fn resync_plain(rd: &mut Raw) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        let buf = rd.fill_buf()?;
        if buf.is_empty() || buf.starts_with(b"WARC/") {
            return Ok(());
        }
        line.clear();
        rd.by_ref().take(1 << 20).read_until(b'\n', &mut line)?;
    }
}

/// Skip to the next gzip member header (`1f 8b 08`), or the end. The last
/// two bytes of each look are kept for the next, so that a header split
/// across two reads is found.
fn next_gzip_member(rd: &mut Raw) -> io::Result<()> {
    const HEADER: &[u8] = b"\x1f\x8b\x08";
    loop {
        let buf = rd.peek(HEADER.len())?;
        let n = buf.len();
        if n < HEADER.len() {
            rd.consume(n);
            return Ok(());
        }
        match memchr::memmem::find(buf, HEADER) {
            Some(i) => {
                rd.consume(i);
                return Ok(());
            }
            None => rd.consume(n - (HEADER.len() - 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per read, as a slow pipe may.
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    fn member(page: &str) -> Vec<u8> {
        let body = format!("<html><head><title>T</title></head><body><p>{page}</p></body></html>");
        let block =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/{page}\r\n\
             WARC-Date: 2026-02-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        io::Write::write_all(&mut gz, record.as_bytes()).unwrap();
        gz.finish().unwrap()
    }

    /// Every gzip header is split across reads when the reader hands out a
    /// byte at a time: the archive is still sniffed as gzip, and after a
    /// corrupt member the next member is found (it was lost before).
    #[test]
    fn short_reads_split_no_gzip_header() {
        let mut bytes = member("one");
        bytes.extend_from_slice(b"garbage that is no gzip member\x1f");
        bytes.extend(member("two"));
        let mut rd = WarcReader::new(Box::new(Trickle(std::io::Cursor::new(bytes))), "a.warc.gz".into());
        let (opts, mut diag) = (ReadOptions::default(), Diagnostics::default());
        let mut urls = Vec::new();
        while let Some(page) = rd.next_page(&opts, &mut diag) {
            if let Some(p) = page {
                urls.push(p.ctx.url.clone().unwrap_or_default());
            }
        }
        assert_eq!(urls, ["http://example.org/one", "http://example.org/two"], "{:?}", diag.log);
        assert_eq!(diag.failures, 1, "{:?}", diag.log);
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(), b"hello world");
        assert!(dechunk(b"<html>").is_none());
    }
}
