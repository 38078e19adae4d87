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

use super::Exit;
use quotelink::{Document, Engine, Options, ReadOptions, Record};

/// Write an HTML page of the articles with their quotes highlighted.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  quotelink report tests/data/articles -o out/report.html")]
pub struct Args {
    /// Articles (files, directories, JSON Lines), as for `extract`.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The HTML file to write (atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Directory of lexicon files that extend the built-in ones, as for
    /// `extract` (used when articles are read).
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Lexicon language or language folder, as for `extract`.
    #[arg(long, value_name = "CODE|DIR", default_value = "en")]
    pub lang: String,
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

/// A stable colour per speaker (a hue from the name's hash).
fn hue(name: &str) -> u32 {
    name.bytes().fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619)) % 360
}

/// The article text with every row's span wrapped in `<mark>` elements;
/// overlapping spans are split at each boundary so the markup always nests.
fn highlight(text: &str, rows: &[Record], speaker_ids: &BTreeMap<String, usize>) -> String {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for r in rows {
        cuts.insert(r.start);
        cuts.insert(r.end);
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
    let engine = Engine::new(super::load_lexicons(&args.lang, args.lexicons.as_deref())?, Options::default());
    let mut diag = super::Reporter::new(false);
    let opts = ReadOptions { default_date: args.date.clone(), ..ReadOptions::default() };
    let mut docs: Vec<(Document, Vec<Record>)> = Vec::new();
    super::extract_each(&args.paths, &opts, &engine, &mut diag, &mut |doc, rows| docs.push((doc, rows)))?;
    quotelink::write_file_atomically(&args.output, render_page(&docs).as_bytes())?;
    Ok(if diag.failures > 0 { Exit::SomeInputsFailed } else { Exit::Ok })
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
    let speaker_ids: BTreeMap<String, usize> = counts.keys().enumerate().map(|(i, s)| (s.clone(), i)).collect();
    let css = speaker_css(&speaker_ids);
    let mut body = speaker_table(&counts, &speaker_ids);
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
        let h = hue(name);
        let _ = writeln!(
            css,
            ".s{id}{{background:hsl({h} 85% 85%);box-shadow:inset 0 -2px hsl({h} 60% 45%)}} .k{id}{{background:hsl({h} 85% 85%)}}"
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

/// One article: its title, source, date and row count, and its text with
/// the rows highlighted; it lists its speakers for the speaker filter.
fn article(doc: &Document, rows: &[Record], speaker_ids: &BTreeMap<String, usize>) -> String {
    let speakers: BTreeSet<&str> = rows.iter().map(|r| r.speaker.as_str()).collect();
    let list = speakers.iter().map(|s| escape(s)).collect::<Vec<_>>().join("\u{1f}");
    format!(
        "<article data-speakers=\"{}\"><h2>{}</h2><p class=\"meta\">{} · {} rows</p><div class=\"text\">{}</div></article>\n",
        list,
        escape(doc.title.as_deref().unwrap_or(&doc.source)),
        escape(&format!("{} {}", doc.source, doc.date.as_deref().unwrap_or(""))),
        rows.len(),
        highlight(&doc.text, rows, speaker_ids)
    )
}

const STYLE: &str = "body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-bottom:.2rem}.meta{color:#666;font-size:.85rem;margin-top:0}\
.text{white-space:pre-wrap}article{border-top:1px solid #ddd;padding:1rem 0}article[hidden]{display:none}\
mark.q{color:inherit;border-radius:3px;cursor:help}mark.q:focus{outline:2px solid #333}\
mark.dim{background:none!important;box-shadow:none!important}\
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
