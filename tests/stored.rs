//! News as it is stored (issue 16): article tables (CSV, TSV, XLSX) with
//! differently named columns, JSON Lines with mapped fields, the metadata
//! columns (`title`, `url`, `outlet`) at the end of every row, HTML pages
//! and WARC archives. Every fixture is written here, and the expected rows
//! were written by reading the fixture, before running the tool.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

mod common;

use common::{quotelink, text};
use tempfile::TempDir;

/// The rows of a run as maps from column name to cell.
fn rows(csv_bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(csv_bytes);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// Run `quotelink extract ARGS…` in `dir`: (exit code, rows, stderr).
fn extract(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<HashMap<String, String>>, String) {
    let out = quotelink(dir).arg("extract").args(args).output().unwrap();
    (out.status.code(), rows(&out.stdout), text(&out.stderr))
}

/// The (speaker, quote, date, title, url, outlet) of each row.
fn summary(rows: &[HashMap<String, String>]) -> Vec<[String; 6]> {
    rows.iter()
        .map(|r| ["speaker", "quote", "date", "title", "url", "outlet"].map(|k| r.get(k).cloned().unwrap_or_default()))
        .collect()
}

fn s6(a: [&str; 6]) -> [String; 6] {
    a.map(String::from)
}

#[test]
fn a_csv_of_articles_is_one_document_per_row_with_its_metadata() {
    let dir = TempDir::new().unwrap();
    // a media-database export: none of the columns is called `text`
    fs::write(
        dir.path().join("export.csv"),
        "Headline,Body,Published,Link,Site\n\
         Talks set,\"\"\"We are ready to talk,\"\" Peskov said.\",2026-02-04,https://www.tass.com/politics/1,TASS\n\
         Envoy lands,\"\"\"The date is fixed,\"\" Rustem Umerov said.\",\"February 5, 2026\",https://www.example.org/world/2,\n",
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["export.csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6([
                "Dmitry Peskov",
                "We are ready to talk,",
                "2026-02-04",
                "Talks set",
                "https://www.tass.com/politics/1",
                "TASS"
            ]),
            s6([
                "Rustem Umerov",
                "The date is fixed,",
                "2026-02-05",
                "Envoy lands",
                "https://www.example.org/world/2",
                "example.org"
            ]),
        ]
    );
    // each row is its own document: offsets index the row's text, the source is FILE:LINE
    assert_eq!((rows[1]["source"].as_str(), rows[1]["start"].as_str()), ("export.csv:3", "1"));
}

#[test]
fn a_tsv_and_a_spreadsheet_with_other_column_names() {
    let dir = TempDir::new().unwrap();
    // TSV quoted as spreadsheets, pandas and quotelink itself write it: a
    // cell holding a `"` is quoted, its marks doubled
    fs::write(
        dir.path().join("feed.tsv"),
        "id\tcontent\tpublish_date\turl\n\
         tsv-1\t\"\"\"We are ready to talk,\"\" Peskov said.\"\t2026-02-04T09:00:00Z\thttps://news.example.com/a\n",
    )
    .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["Article ID", "Story", "Date Published", "Publisher", "Title"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 17.0).unwrap();
    sheet.write_string(1, 1, "\u{201c}The date is fixed,\u{201d} Rustem Umerov said.").unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 2, 5).unwrap();
    sheet.write_datetime_with_format(1, 2, &day, &date).unwrap();
    sheet.write_string(1, 3, "Ukrinform").unwrap();
    sheet.write_string(1, 4, "Envoy lands").unwrap();
    book.save(dir.path().join("sheet.xlsx")).unwrap();

    let (code, rows, err) = extract(dir.path(), &["feed.tsv", "sheet.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6([
                "Dmitry Peskov",
                "We are ready to talk,",
                "2026-02-04",
                "",
                "https://news.example.com/a",
                "news.example.com"
            ]),
            s6(["Rustem Umerov", "The date is fixed,", "2026-02-05", "Envoy lands", "", "Ukrinform"]),
        ]
    );
    assert_eq!((rows[0]["source"].as_str(), rows[1]["source"].as_str()), ("tsv-1", "17"));
}

#[test]
fn columns_named_with_options_and_a_table_without_a_text_column() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("t.csv"), "words,when,paper\n\"\"\"No,\"\" Peskov said.\",2026-02-04,Izvestia\n")
        .unwrap();
    let (code, rows, err) = extract(dir.path(), &["t.csv"]);
    assert_eq!(code, Some(1));
    assert!(rows.is_empty());
    assert!(
        err.contains("t.csv: no text column among the columns \"words\", \"when\", \"paper\"")
            && err.contains("--text-field"),
        "{err}"
    );
    let args = ["t.csv", "--text-column", "words", "--date-field", "when", "--outlet-field", "Paper"];
    let (code, rows, err) = extract(dir.path(), &args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(summary(&rows), vec![s6(["Dmitry Peskov", "No,", "2026-02-04", "", "", "Izvestia"])]);
}

#[test]
fn json_lines_fields_are_mapped_the_same_way() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        concat!(
            r#"{"id":"p1","title":"Talks","publisher":"breitbart","date":"2026-02-04","text":"\"We are ready to talk,\" Peskov said."}"#,
            "\n",
            r#"{"guid":"p2","body":"\"No,\" Peskov said.","published":"2026-02-05","link":"https://www.rt.com/a"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["a.jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&rows),
        vec![
            s6(["Dmitry Peskov", "We are ready to talk,", "2026-02-04", "Talks", "", "breitbart"]),
            s6(["Dmitry Peskov", "No,", "2026-02-05", "", "https://www.rt.com/a", "rt.com"]),
        ]
    );
    assert_eq!(rows[1]["source"], "p2");
    let (code, _, err) = extract(dir.path(), &["a.jsonl", "--text-field", "story"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("a.jsonl:1: no text field (looked for `story`"), "{err}");
}

#[test]
fn bad_table_rows_are_reported_by_line_and_the_others_written() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("bad.csv"),
        "title,text,date\n\
         A,\"\"\"One,\"\" Peskov said.\",2026-02-04\n\
         B,\"\"\"Two,\"\" Peskov said.\",04/02/2026\n\
         C,ragged\n\
         D,\"\"\"Four,\"\" Peskov said.\",2026-02-06\n",
    )
    .unwrap();
    let (code, rows, err) = extract(dir.path(), &["bad.csv"]);
    assert_eq!(code, Some(1));
    let quotes: Vec<&str> = rows.iter().map(|r| r["quote"].as_str()).collect();
    assert_eq!(quotes, ["One,", "Four,"]);
    assert!(err.contains("bad.csv:3: date \"04/02/2026\" is not a date"), "{err}");
    assert!(err.contains("bad.csv:4: 2 fields where the header has 3; row skipped"), "{err}");
}

#[test]
fn a_folder_walk_reads_tables_but_not_the_rows_of_an_earlier_run() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("in/tass")).unwrap();
    fs::write(dir.path().join("in/tass/a.txt"), " date 2026-02-04 Talks\n\"We are ready to talk,\" Peskov said.\n")
        .unwrap();
    fs::write(dir.path().join("in/b.txt"), " date 2026-02-05 More\n\"No,\" Peskov said.\n").unwrap();
    let (code, _, err) = extract(dir.path(), &["in", "-o", "in/old-rows.csv"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, rows, err) = extract(dir.path(), &["in"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("old-rows.csv: a table of quotelink rows"), "{err}");
    // a folder inside the walked one names the outlet; the walked folder does not
    assert_eq!(
        summary(&rows),
        vec![
            s6(["Dmitry Peskov", "No,", "2026-02-05", "More", "", ""]),
            s6(["Dmitry Peskov", "We are ready to talk,", "2026-02-04", "Talks", "", "tass"]),
        ]
    );
}

/// An article page as news sites serve it: a cookie banner, navigation, a
/// byline, a figure caption and a pull quote inside the article, a
/// related-stories list, a comment thread, a sidebar and a footer, all
/// holding quotes that are not the article's.
const ARTICLE_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Second round of talks set for Abu Dhabi &ndash; World News Today</title>
<meta property="og:title" content="Second round of talks set for Abu Dhabi">
<meta property="og:site_name" content="World News Today">
<meta property="article:published_time" content="2026-02-04T08:15:00+03:00">
<link rel="canonical" href="https://www.worldnews.example/world/2026/02/04/talks-abu-dhabi">
</head>
<body>
<div class="cookie-banner">We use cookies. "Accept all," the banner says. <button>OK</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">"Politics," the menu says</a></li></ul></nav></header>
<main>
<article>
<h1>Second round of talks set for Abu Dhabi</h1>
<p class="byline">By Jane Doe, February 4, 2026</p>
<p>The second round of trilateral talks between Russia, Ukraine and the United States will take place in Abu Dhabi on Wednesday and Thursday, officials said.</p>
<p>&ldquo;We are ready to talk, and we hope for progress,&rdquo; Kremlin spokesman Dmitry Peskov told reporters in Moscow on Tuesday.</p>
<figure><img src="a.jpg" alt=""><figcaption>&ldquo;A new chapter,&rdquo; said a delegate at the airport.</figcaption></figure>
<aside class="pullquote">&ldquo;We are ready to talk&rdquo;</aside>
<p>Ukraine&rsquo;s chief negotiator Rustem Umerov said the delegation had arrived. &ldquo;The date is fixed and we will be there,&rdquo; Umerov said.</p>
<p>The talks follow a first round held in January that ended without an agreement on the main questions, though both sides described the meeting as constructive and businesslike.</p>
</article>
<section class="related-stories"><h2>Related</h2><ul>
<li><a href="/a">&ldquo;No deal yet,&rdquo; says envoy as talks stall</a></li>
<li><a href="/b">Peskov: &ldquo;Nothing to add&rdquo; on prisoner swap</a></li></ul></section>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p>&ldquo;This will never work,&rdquo; wrote John Smith.</p></div>
<div class="comment"><p>&ldquo;Peace now,&rdquo; said Maria.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Most read</h3><p>&ldquo;We will respond,&rdquo; Lavrov said.</p></aside>
<footer><p>&copy; 2026 World News Today. &ldquo;All rights reserved,&rdquo; the footer says.</p></footer>
</body></html>
"#;

/// A page whose only date is in its JSON-LD, with its publisher there too.
const JSON_LD_PAGE: &str = r#"<html><head><title>Envoy lands in Abu Dhabi | Kyiv Daily</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Envoy lands in Abu Dhabi","datePublished":"2026-02-05T10:00:00Z","url":"https://kyivdaily.example/news/envoy","publisher":{"@type":"Organization","name":"Kyiv Daily"}}</script>
</head><body><div id="content"><div class="story-body">
<p>Ukraine&#8217;s delegation arrived in the Emirati capital on Thursday morning for the second day of negotiations with Russian and American officials.</p>
<p>&quot;The date is fixed,&quot; Rustem Umerov said after landing, and the delegation went straight to the venue.</p>
<p>Talks were expected to focus on territorial questions and on the monitoring of any future ceasefire along the front line.</p>
</div></div></body></html>
"#;

/// A page that names no date, no site and no canonical URL.
const UNDATED_PAGE: &str = r#"<html><head><title>Delegations meet</title></head><body><article>
<p>The delegations met behind closed doors for several hours in a hotel outside the city centre, according to people at the venue.</p>
<p>&ldquo;The atmosphere was businesslike,&rdquo; Dmitry Peskov said later in a statement to journalists.</p>
<p>No joint statement was issued after the meeting, and both sides said they would report back to their capitals before the next session.</p>
</article></body></html>
"#;

const PEOPLE: [&str; 2] = ["Dmitry Peskov", "Rustem Umerov"];

#[test]
fn an_article_page_gives_the_article_quotes_and_no_boilerplate() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("saved/wnt")).unwrap();
    fs::write(dir.path().join("saved/wnt/talks.html"), ARTICLE_PAGE).unwrap();
    let (code, rows, err) = extract(dir.path(), &["saved", "--emit-text", "text"]);
    assert_eq!(code, Some(0), "{err}");
    let url = "https://www.worldnews.example/world/2026/02/04/talks-abu-dhabi";
    let meta = |speaker: &str, quote: &str| {
        s6([speaker, quote, "2026-02-04", "Second round of talks set for Abu Dhabi", url, "World News Today"])
    };
    let direct: Vec<[String; 6]> =
        summary(&rows).into_iter().zip(&rows).filter(|(_, r)| r["kind"] == "direct").map(|(s, _)| s).collect();
    assert_eq!(
        direct,
        vec![
            meta("Dmitry Peskov", "We are ready to talk, and we hope for progress,"),
            meta("Rustem Umerov", "The date is fixed and we will be there,"),
        ]
    );
    // no row from the banner, menu, caption, pull quote, related list, comments, sidebar or footer
    for r in &rows {
        for junk in ["Accept all", "Politics", "new chapter", "No deal", "Nothing to add", "never work", "Peace now"] {
            assert!(!r["quote"].contains(junk), "boilerplate row: {r:?}");
        }
        assert!(
            !["Lavrov", "John Smith", "Maria", "the footer", "the banner"].contains(&r["speaker"].as_str()),
            "{r:?}"
        );
    }
    // the pull quote repeats the article's words: still one row for them
    assert_eq!(rows.iter().filter(|r| r["quote"].starts_with("We are ready to talk")).count(), 1);
    // the emitted text is what the offsets index, paragraphs kept, entities decoded
    let text = fs::read_to_string(dir.path().join("text/saved_wnt_talks.html.txt")).unwrap();
    for r in &rows {
        let (start, end) = (r["start"].parse::<usize>().unwrap(), r["end"].parse::<usize>().unwrap());
        assert_eq!(&text[start..end], r["quote"], "{r:?}");
    }
    assert!(text.contains("officials said.\n\n“We are ready"), "{text}");
    assert!(text.contains("Ukraine’s chief negotiator"), "{text}");
}

#[test]
fn a_page_dated_only_in_json_ld_and_an_undated_page() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("pages")).unwrap();
    fs::write(dir.path().join("pages/envoy.htm"), JSON_LD_PAGE).unwrap();
    fs::write(dir.path().join("pages/undated.html"), UNDATED_PAGE).unwrap();
    let (code, rows, err) = extract(dir.path(), &["pages/envoy.htm", "pages/undated.html"]);
    assert_eq!(code, Some(0), "{err}");
    let direct: Vec<[String; 6]> =
        summary(&rows).into_iter().zip(&rows).filter(|(_, r)| r["kind"] == "direct").map(|(s, _)| s).collect();
    assert_eq!(
        direct,
        vec![
            s6([
                "Rustem Umerov",
                "The date is fixed,",
                "2026-02-05",
                "Envoy lands in Abu Dhabi",
                "https://kyivdaily.example/news/envoy",
                "Kyiv Daily"
            ]),
            // no date, site or URL: the folder of the file named stands for the outlet
            s6(["Dmitry Peskov", "The atmosphere was businesslike,", "", "Delegations meet", "", "pages"]),
        ]
    );
    assert!(err.contains("pages/undated.html: no date found in the page"), "{err}");
}

/// A WARC record: version line, headers, block, and the two CRLFs after it.
fn warc_record(kind: &str, uri: &str, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len() * 31 + kind.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response record holding `body` as `content_type`.
fn response(uri: &str, date: &str, status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    block.extend_from_slice(body);
    warc_record("response", uri, date, "application/http; msgtype=response", &block)
}

/// The records of a small crawl: warcinfo, a request, two article pages
/// (one dated by its page, one only by its crawl), a PDF, a 404 page, and
/// last an article page whose record is cut short.
fn crawl() -> Vec<Vec<u8>> {
    let when = "2026-02-07T12:00:00Z";
    let pdf = b"%PDF-1.7\n\x00\x01\x02 \"We are ready,\" Peskov said. binary\x00\xff".to_vec();
    let truncated = response("https://cut.example/a", when, "200 OK", "text/html", UNDATED_PAGE.as_bytes());
    vec![
        warc_record("warcinfo", "", when, "application/warc-fields", b"software: test\r\n"),
        warc_record(
            "request",
            "https://www.worldnews.example/t",
            when,
            "application/http; msgtype=request",
            b"GET /t HTTP/1.1\r\n\r\n",
        ),
        response(
            "https://www.worldnews.example/t",
            when,
            "200 OK",
            "text/html; charset=utf-8",
            ARTICLE_PAGE.as_bytes(),
        ),
        response("https://pdf.example/report.pdf", when, "200 OK", "application/pdf", &pdf),
        response("https://www.undated.example/meet", when, "200 OK", "text/html", UNDATED_PAGE.as_bytes()),
        response(
            "https://www.worldnews.example/gone",
            when,
            "404 Not Found",
            "text/html",
            b"<html><body><p>\"Not here,\" Peskov said.</p></body></html>",
        ),
        truncated[..truncated.len() / 2].to_vec(),
    ]
}

/// Check the rows of the crawl: both articles' quotes with the right
/// metadata, nothing from the PDF, the 404 page or the request.
fn check_crawl_rows(rows: &[HashMap<String, String>], name: &str, offsets: &[u64]) {
    let direct: Vec<[String; 6]> = summary(rows)
        .into_iter()
        .zip(rows)
        .filter(|(_, r)| r["kind"] == "direct" && PEOPLE.contains(&r["speaker"].as_str()))
        .map(|(s, _)| s)
        .collect();
    let t = "Second round of talks set for Abu Dhabi";
    let u = "https://www.worldnews.example/t";
    assert_eq!(
        direct,
        vec![
            s6([
                "Dmitry Peskov",
                "We are ready to talk, and we hope for progress,",
                "2026-02-04",
                t,
                u,
                "World News Today"
            ]),
            s6(["Rustem Umerov", "The date is fixed and we will be there,", "2026-02-04", t, u, "World News Today"]),
            // undated page: the crawl date, the target URI, its domain
            s6([
                "Dmitry Peskov",
                "The atmosphere was businesslike,",
                "2026-02-07",
                "Delegations meet",
                "https://www.undated.example/meet",
                "undated.example"
            ]),
        ]
    );
    assert!(rows.iter().all(|r| !r["quote"].contains("Not here") && !r["quote"].starts_with("We are ready,")));
    // the source is FILE@OFFSET of the record
    assert_eq!(rows[0]["source"], format!("{name}@{}", offsets[2]));
}

#[test]
fn a_warc_archive_gives_its_html_responses_and_reports_a_truncated_record() {
    let dir = TempDir::new().unwrap();
    let records = crawl();
    let offsets: Vec<u64> =
        records.iter().scan(0u64, |at, r| Some(std::mem::replace(at, *at + r.len() as u64))).collect();
    fs::write(dir.path().join("crawl.warc"), records.concat()).unwrap();
    let (code, rows, err) = extract(dir.path(), &["crawl.warc"]);
    assert_eq!(code, Some(1), "{err}");
    check_crawl_rows(&rows, "crawl.warc", &offsets);
    assert!(err.contains(&format!("crawl.warc: truncated record at byte {}", offsets[6])), "{err}");
    assert!(
        err.contains(&format!(
            "crawl.warc@{}: the page gives no publication date; its crawl date (WARC-Date) 2026-02-07 used",
            offsets[4]
        )),
        "{err}"
    );
}

#[test]
fn a_warc_gz_of_one_member_per_record_with_a_corrupt_member_and_a_truncated_end() {
    use std::io::Write;
    let dir = TempDir::new().unwrap();
    let mut members: Vec<Vec<u8>> = crawl()
        .into_iter()
        .map(|r| {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&r).unwrap();
            gz.finish().unwrap()
        })
        .collect();
    // the last member cut short, as a crawl killed mid-write leaves it
    let last = members.len() - 1;
    let keep = members[last].len() / 2;
    members[last].truncate(keep);
    // garbage where a member should start, between the request and the first page
    members.insert(2, b"this is not gzip".to_vec());
    let offsets: Vec<u64> =
        members.iter().scan(0u64, |at, r| Some(std::mem::replace(at, *at + r.len() as u64))).collect();
    fs::write(dir.path().join("crawl.warc.gz"), members.concat()).unwrap();
    let (code, rows, err) = extract(dir.path(), &["crawl.warc.gz"]);
    assert_eq!(code, Some(1), "{err}");
    // offsets of the records after the garbage member are one further on
    let record_offsets: Vec<u64> = [0, 1, 3, 4, 5, 6, 7].iter().map(|&i| offsets[i]).collect();
    check_crawl_rows(&rows, "crawl.warc.gz", &record_offsets);
    assert!(err.contains(&format!("crawl.warc.gz: corrupt data at byte {}: not a gzip member", offsets[2])), "{err}");
    assert!(err.contains(&format!("crawl.warc.gz: truncated record at byte {}", offsets[7])), "{err}");
}

#[test]
fn malformed_pages_and_pages_without_article_text_are_reported_and_the_others_written() {
    let dir = TempDir::new().unwrap();
    // unclosed tags, a stray `</p>`, a bare `&`: read as a browser would
    fs::write(
        dir.path().join("broken.html"),
        "<html><body><div><p>The talks resumed on Wednesday after a pause of a week &amp a half.\
         <p><b>\u{201c}We are ready to talk,\u{201d} Peskov said in a statement that was read out to journalists.</div></p>\
         <p>More text follows here & there, without a closing tag",
    )
    .unwrap();
    // navigation only: no article
    fs::write(
        dir.path().join("menu.html"),
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><footer>(c) 2026</footer></body></html>",
    )
    .unwrap();
    fs::write(dir.path().join("binary.html"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let (code, rows, err) = extract(dir.path(), &["menu.html", "binary.html", "broken.html", "--date", "2026-02-04"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("menu.html: no article text found in the page"), "{err}");
    assert!(err.contains("binary.html: binary content"), "{err}");
    assert_eq!(
        summary(&rows).into_iter().filter(|r| r[1] == "We are ready to talk,").collect::<Vec<_>>(),
        vec![s6(["Dmitry Peskov", "We are ready to talk,", "2026-02-04", "", "", ""])]
    );
}

#[test]
fn compare_counts_outlets_not_files() {
    let dir = TempDir::new().unwrap();
    // three reports of one statement: two articles of one outlet, one of another
    fs::write(
        dir.path().join("wire.csv"),
        "id,outlet,date,text\n\
         a1,TASS,2026-02-04,\"\"\"We are ready to talk about a ceasefire,\"\" Peskov said.\"\n\
         a2,TASS,2026-02-04,\"\"\"We are ready to talk about a ceasefire,\"\" Peskov told reporters.\"\n\
         a3,RIA Novosti,2026-02-05,\"\"\"We are ready to talk about a ceasefire,\"\" Peskov said.\"\n",
    )
    .unwrap();
    let out = quotelink(dir.path()).args(["compare", "wire.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = rows(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["outlets"] == "2"), "{rows:?}");
    let outlets: Vec<&str> = rows.iter().map(|r| r["outlet"].as_str()).collect();
    assert_eq!(outlets, ["TASS", "TASS", "RIA Novosti"]);
}

#[test]
fn the_report_shows_a_page_headline_outlet_and_link() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("talks.html"), ARTICLE_PAGE).unwrap();
    let out = quotelink(dir.path()).args(["report", "talks.html", "-o", "r.html"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(page.contains("<h2>Second round of talks set for Abu Dhabi</h2>"), "{page}");
    assert!(
        page.contains("World News Today · <a href=\"https://www.worldnews.example/world/2026/02/04/talks-abu-dhabi\""),
        "{page}"
    );
}

/// A response whose HTTP body is compressed (`Content-Encoding: gzip` or
/// `deflate`) is inflated before the page is read; a body that is not what
/// its encoding says is reported, and the other records are read.
#[test]
fn a_warc_response_with_a_compressed_body_is_inflated() {
    use std::io::Write;
    let when = "2026-02-07T12:00:00Z";
    let encoded = |encoding: &str, body: &[u8]| {
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        block.extend_from_slice(body);
        warc_record("response", "https://zip.example/a", when, "application/http; msgtype=response", &block)
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(UNDATED_PAGE.as_bytes()).unwrap();
    let mut zl = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zl.write_all(UNDATED_PAGE.as_bytes()).unwrap();
    let records = [
        encoded("gzip", &gz.finish().unwrap()),
        encoded("deflate", &zl.finish().unwrap()),
        encoded("gzip", b"not gzip at all"),
    ];
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("zip.warc"), records.concat()).unwrap();
    let (code, rows, err) = extract(dir.path(), &["zip.warc"]);
    assert_eq!(code, Some(1), "{err}");
    let plain = TempDir::new().unwrap();
    fs::write(plain.path().join("page.html"), UNDATED_PAGE).unwrap();
    let (_, page_rows, _) = extract(plain.path(), &["page.html"]);
    assert!(!page_rows.is_empty(), "the page gives rows");
    // both compressed records give the page's rows, the bad one none
    assert_eq!(rows.len(), 2 * page_rows.len(), "{err}");
    assert!(err.contains("the page's gzip content encoding cannot be read"), "{err}");
}
