//! `quotelink report`: one self-contained HTML page showing each article
//! with its quotations and claims highlighted, one colour per speaker.
//!
//! Everything is inline (CSS and a little JavaScript): the file opens with no
//! network. All article text is HTML-escaped, so nothing in an article can
//! inject markup or script. Hovering or focusing a highlight shows its
//! speaker, kind, cue and rule; clicking a speaker in the summary table shows
//! only the articles where that speaker is quoted (the same filter is
//! reachable as `report.html#speaker=NAME`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use rayon::prelude::*;

use super::Exit;
use super::common::ReadArgs;
use quotelink::{Document, Record};

/// Write an HTML page of the articles with their quotes highlighted.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  quotelink report tests/data/articles -o out/report.html")]
pub struct Args {
    /// Articles (files, directories, JSON Lines), as for `extract`.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The HTML file to write (atomically); `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The colour of the speaker of rank `i` (0: the most quoted): hues a
/// golden angle apart, so that any two speakers near each other in the
/// ranking are far apart on the colour wheel, with the lightness stepping
/// every 8 speakers so that even hues that come round again differ.
fn speaker_colour(i: usize) -> (f64, u32) {
    let hue = (i as f64 * 137.508) % 360.0;
    let light = [84, 74, 90][(i / 8) % 3];
    (hue, light)
}

/// The article text in `range` with every row's span wrapped in `<mark>`
/// elements; overlapping spans are split at each boundary so the markup
/// always nests.
fn highlight(
    text: &str,
    range: std::ops::Range<usize>,
    rows: &[Record],
    speaker_ids: &BTreeMap<String, usize>,
) -> String {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([range.start, range.end]);
    for r in rows {
        for at in [r.start, r.end] {
            if range.contains(&at) && text.is_char_boundary(at) {
                cuts.insert(at);
            }
        }
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut html = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut seg = escape(&text[a..b]);
        // the rows covering this segment, outermost first
        let mut active: Vec<&Record> = rows.iter().filter(|r| r.start <= a && b <= r.end && r.start < r.end).collect();
        active.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        for r in active.iter().rev() {
            let id = speaker_ids.get(&r.speaker).copied().unwrap_or(0);
            let label = format!(
                "{} · {} · cue: {} · rule: {}",
                if r.speaker.is_empty() { "(no speaker)" } else { &r.speaker },
                r.kind.as_str(),
                if r.cue.is_empty() { "—" } else { &r.cue },
                r.rule
            );
            seg = format!(
                "<mark class=\"q {kind} s{id}\" data-speaker=\"{sp}\" tabindex=\"0\" title=\"{lab}\" aria-label=\"{lab}\">{seg}</mark>",
                kind = r.kind.as_str(),
                sp = escape(&r.speaker),
                lab = escape(&label),
            );
        }
        html.push_str(&seg);
    }
    html
}

/// Runs `quotelink report`: exit 1 when some inputs could not be read.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let engine = args.read.engine()?;
    let mut reporter = super::Reporter::new(args.read.quiet);
    super::common::note_terminal_stdin(&args.paths, args.read.quiet);
    let mut docs: Vec<(Document, Vec<Record>)> = Vec::new();
    let jobs = args.read.jobs.unwrap_or(0); // 0: rayon's default, one thread per core
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let out = super::common::destination(Some(&args.output));
    super::read_each(&args.paths, &args.read.read_options(), &mut reporter, out, &mut |doc| {
        docs.push((doc, Vec::new()))
    })?;
    pool.install(|| docs.par_iter_mut().for_each(|(doc, rows)| *rows = engine.extract(doc)));
    super::common::write_whole(out, render_page(&docs).as_bytes())?;
    Ok(if reporter.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
}

/// The whole page: one colour per speaker, the table of speakers, then each
/// article with its rows highlighted. A pure function of the documents and
/// their rows.
fn render_page(docs: &[(Document, Vec<Record>)]) -> String {
    // speakers: id, counts per kind
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for (_, rows) in docs {
        for r in rows {
            counts.entry(r.speaker.clone()).or_default()[r.kind as usize] += 1;
        }
    }
    // ids (and so colours) by rank: the most quoted speakers get the most
    // distinct colours
    let mut ranked: Vec<(&String, usize)> = counts.iter().map(|(s, c)| (s, c.iter().sum())).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let speaker_ids: BTreeMap<String, usize> = ranked.iter().enumerate().map(|(i, (s, _))| ((*s).clone(), i)).collect();
    let css = speaker_css(&speaker_ids);
    let mut body = String::from(LEGEND);
    body.push_str(&speaker_table(&counts, &speaker_ids));
    for (doc, rows) in docs {
        body.push_str(&article(doc, rows, &speaker_ids));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>quotelink report</title><style>{STYLE}{css}</style></head>\n<body><h1>quotelink report</h1>\n{body}<script>{SCRIPT}</script></body></html>\n"
    )
}

/// A colour class per speaker (`.sN` for highlights, `.kN` for buttons).
fn speaker_css(speaker_ids: &BTreeMap<String, usize>) -> String {
    let mut css = String::new();
    for (name, id) in speaker_ids {
        let (h, l) = if name.is_empty() { (0.0, 88) } else { speaker_colour(*id) };
        let sat = if name.is_empty() { 0 } else { 80 };
        // a direct quotation is filled with the speaker's colour; a claim
        // (indirect, mixed) is underlined in it over a pale tint
        let _ = writeln!(
            css,
            ".s{id}{{--c:hsl({h:.1} {sat}% {l}%);--e:hsl({h:.1} {sat}% 32%)}} .k{id}{{background:hsl({h:.1} {sat}% {l}%)}}"
        );
    }
    css
}

/// The table of speakers, most rows first, with their rows per kind, and
/// the button that shows every article.
fn speaker_table(counts: &BTreeMap<String, [usize; 3]>, speaker_ids: &BTreeMap<String, usize>) -> String {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<table id=\"speakers\"><thead><tr><th>speaker</th><th>direct</th><th>indirect</th><th>mixed</th></tr></thead><tbody>"
    );
    let mut by_count: Vec<(&String, &[usize; 3])> = counts.iter().collect();
    by_count.sort_by_key(|(n, c)| (std::cmp::Reverse(c.iter().sum::<usize>()), (*n).clone()));
    for (name, c) in by_count {
        let id = speaker_ids[name];
        let shown = if name.is_empty() { "(no speaker)" } else { name };
        let _ = writeln!(
            body,
            "<tr><td><button class=\"who k{id}\" data-speaker=\"{}\">{}</button></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(name),
            escape(shown),
            c[0],
            c[1],
            c[2]
        );
    }
    let _ = writeln!(
        body,
        "</tbody></table><p><button id=\"all\">show all articles</button> <span id=\"status\"></span></p>"
    );
    body
}

/// One article: its headline (highlighted too: headlines quote people),
/// source, date and row count, and its text with the rows highlighted; it
/// lists its speakers for the speaker filter. A `date YYYY-MM-DD Headline`
/// header line is shown as the headline, not as body text.
fn article(doc: &Document, rows: &[Record], speaker_ids: &BTreeMap<String, usize>) -> String {
    let speakers: BTreeSet<&str> = rows.iter().map(|r| r.speaker.as_str()).collect();
    let list = speakers.iter().map(|s| escape(s)).collect::<Vec<_>>().join("\u{1f}");
    let text = doc.text.as_str();
    // the header line and where the title lies in it
    let header = doc.title.as_deref().and_then(|title| {
        let line_end = text.find('\n').unwrap_or(text.len());
        let at = text[..line_end].rfind(title)?;
        Some((at..at + title.len(), line_end))
    });
    let (title, body_from) = match header {
        Some((title, line_end)) => (highlight(text, title, rows, speaker_ids), line_end),
        None => (escape(doc.title.as_deref().unwrap_or(&doc.source)), 0),
    };
    // the body starts at the first non-blank line after the header
    let body_from = body_from + text[body_from..].len() - text[body_from..].trim_start_matches(['\n', '\r']).len();
    // the outlet, and the URL as a link (only http(s): no `javascript:`)
    let mut meta = String::new();
    if let Some(outlet) = doc.outlet.as_deref() {
        meta.push_str(&escape(outlet));
        meta.push_str(" · ");
    }
    if let Some(url) = doc.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        let _ = write!(meta, "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a> · ", escape(url), escape(url));
    }
    format!(
        "<article data-speakers=\"{}\"><h2>{}</h2><p class=\"meta\">{}{} · {} rows</p><div class=\"text\">{}</div></article>\n",
        list,
        title,
        meta,
        escape(&format!("{} {}", doc.source, doc.date.as_deref().unwrap_or(""))),
        rows.len(),
        highlight(text, body_from..text.len(), rows, speaker_ids)
    )
}

/// What the highlights mean, above the table of speakers.
const LEGEND: &str = "<p class=\"legend\"><mark class=\"q direct s-legend\">filled</mark>: a direct quotation \
(the speaker's own words) · <mark class=\"q indirect s-legend\">underlined</mark>: a reported claim (indirect) · \
<mark class=\"q mixed s-legend\">underlined, tinted</mark>: a claim that quotes some words · one colour per \
speaker; hover or focus a highlight for its speaker, cue and rule.</p>\n";

const STYLE: &str = "body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-bottom:.2rem}.meta{color:#666;font-size:.85rem;margin-top:0}\
.text{white-space:pre-wrap}article{border-top:1px solid #ddd;padding:1rem 0}article[hidden]{display:none}\
mark.q{color:inherit;border-radius:3px;cursor:help;background:transparent}mark.q:focus{outline:2px solid #333}\
mark.q.direct{background:var(--c);box-shadow:inset 0 -2px var(--e)}\
mark.q.indirect{text-decoration:underline 3px var(--e);text-underline-offset:3px}\
mark.q.mixed{background:color-mix(in srgb,var(--c) 40%,transparent);text-decoration:underline 3px var(--e);text-underline-offset:3px}\
mark.dim{background:none!important;box-shadow:none!important;text-decoration:none!important}\
.s-legend{--c:hsl(210 20% 82%);--e:hsl(210 20% 35%)}.legend{font-size:.9rem;color:#444}\
table{border-collapse:collapse;margin:1rem 0}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}\
button.who{border:0;border-radius:3px;padding:.15rem .5rem;cursor:pointer;font:inherit}\
button.who[aria-pressed=true]{outline:2px solid #333}";

const SCRIPT: &str = r#"
function show(speaker){
  var shown=0;
  document.querySelectorAll('article').forEach(function(a){
    var has=speaker===null||a.dataset.speakers.split('\u001f').indexOf(speaker)>=0;
    a.hidden=!has; if(has){shown++;}
  });
  document.querySelectorAll('mark.q').forEach(function(m){
    m.classList.toggle('dim',speaker!==null&&m.dataset.speaker!==speaker);
  });
  document.querySelectorAll('button.who').forEach(function(b){
    b.setAttribute('aria-pressed',String(b.dataset.speaker===speaker));
  });
  document.getElementById('status').textContent=speaker===null?'':shown+' article(s) quote '+(speaker||'(no speaker)');
}
document.querySelectorAll('button.who').forEach(function(b){
  b.addEventListener('click',function(){show(b.dataset.speaker);history.replaceState(null,'','#speaker='+encodeURIComponent(b.dataset.speaker));});
});
document.getElementById('all').addEventListener('click',function(){show(null);history.replaceState(null,'','#');});
var m=location.hash.match(/^#speaker=(.*)$/); if(m){show(decodeURIComponent(m[1]));}
"#;
