#!/usr/bin/env python3
"""Open `quotelink report`'s HTML in a real headless browser (Debian's
chromium) and check that the highlighted quotes are rendered and that the
speaker filter works; save a screenshot to out/report.png (run by .ci/run).

Usage: python3 tests/report_check.py [target/release/quotelink]
"""
import html
import html.parser
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/quotelink")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    passed += ok
    failed += not ok
    print(("ok: " if ok else "FAIL: ") + name + ("" if ok else f" {detail}"))


class Dom(html.parser.HTMLParser):
    """Articles (hidden or not) and the marks inside them, from a DOM dump."""

    def __init__(self):
        super().__init__()
        self.articles, self.marks, self.dim = [], 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.articles.append("hidden" in a)
        if tag == "mark" and "q" in a.get("class", "").split():
            self.marks += 1
            self.dim += "dim" in a.get("class", "").split()


def dump(url, profile):
    out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120)
    d = Dom()
    d.feed(out.stdout)
    return d, out


if not CHROMIUM:
    sys.exit("report_check: chromium is not installed (apt-get install chromium)")

with tempfile.TemporaryDirectory() as tmp:
    page = os.path.join(tmp, "report.html")
    subprocess.run([BIN, "report", os.path.join(ROOT, "tests/data/articles"), "-o", page], check=True)
    url = "file://" + page
    d, out = dump(url, os.path.join(tmp, "p1"))
    check("five articles rendered", len(d.articles) == 5, (d.articles, out.stderr[-500:]))
    check("all shown at first", d.articles and not any(d.articles), d.articles)
    check("quotes highlighted", d.marks >= 60 and d.dim == 0, (d.marks, d.dim))

    # the filter, as a click on a speaker sets it: only Umerov's article(s) stay
    d2, _ = dump(url + "#speaker=" + urllib.parse.quote("Rustem Umerov"), os.path.join(tmp, "p2"))
    shown = [not h for h in d2.articles]
    check("speaker filter hides other articles", sum(shown) == 1 and len(shown) == 5, d2.articles)
    check("speaker filter dims other speakers' marks", 0 < d2.dim < d2.marks, (d2.dim, d2.marks))

    # computed styles, read by a probe script added to a copy of the page
    probe = os.path.join(tmp, "probe.html")
    page_html = open(page, encoding="utf-8").read()
    script = """<script>
    var out = {buttons: [], direct: [], indirect: [], text: '', legend: !!document.querySelector('.legend')};
    document.querySelectorAll('button.who').forEach(function (b) {
      out.buttons.push([b.dataset.speaker, getComputedStyle(b).backgroundColor]); });
    document.querySelectorAll('mark.q.direct').forEach(function (m) {
      var s = getComputedStyle(m); out.direct.push([m.dataset.speaker, s.backgroundColor, s.textDecorationLine]); });
    document.querySelectorAll('mark.q.indirect').forEach(function (m) {
      var s = getComputedStyle(m); out.indirect.push([m.dataset.speaker, s.backgroundColor, s.textDecorationLine]); });
    document.querySelectorAll('article').forEach(function (a) { out.text += a.innerText + '\\n'; });
    var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
    </script>"""
    with open(probe, "w", encoding="utf-8") as f:
        f.write(page_html.replace("</body>", script + "</body>"))
    raw_dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={os.path.join(tmp, 'p4')}", "--virtual-time-budget=2000",
                              "--dump-dom", "file://" + probe], capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="probe">(.*?)</pre>', raw_dom, re.S)
    info = json.loads(html.unescape(m.group(1))) if m else None
    check("probe ran", info is not None, raw_dom[-300:])
    if info:
        named = [c for s, c in info["buttons"] if s]
        top = named[:8]
        check("the eight most quoted speakers have eight different colours", len(set(top)) == len(top) >= 5, top)
        check("every speaker has a colour of their own", len(set(named)) == len(named), named)
        check("a legend says what the highlights mean", info["legend"])
        direct_bg = {bg for _, bg, _ in info["direct"]}
        check("direct quotations are filled", info["direct"] and "rgba(0, 0, 0, 0)" not in direct_bg, direct_bg)
        check("claims are underlined, not filled",
              info["indirect"] and all(bg == "rgba(0, 0, 0, 0)" and "underline" in deco for _, bg, deco in info["indirect"]),
              info["indirect"][:3])
        check("the date header line is not shown as body text", "date 2026-" not in info["text"], info["text"][:200])
        check("the headline is shown", "Next Russia–Ukraine–US Negotiations Set for Early February" in info["text"])

    # compare's timeline: marks per day, hover text with wording and outlets
    timeline = os.path.join(tmp, "timeline.html")
    subprocess.run([BIN, "compare", os.path.join(ROOT, "tests/data/articles"), "--speaker", "Peskov", "-o", timeline],
                   check=True)
    tdom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={os.path.join(tmp, 'p5')}", "--virtual-time-budget=2000",
                           "--dump-dom", "file://" + timeline], capture_output=True, text=True, timeout=120).stdout

    class Marks(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.marks = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "span" and "mark" in a.get("class", "").split() and a.get("title"):
                self.marks.append((a["class"], a["title"]))

    tm = Marks()
    tm.feed(tdom)
    check("timeline: one section, Peskov's", tdom.count("<section>") == 1 and "Dmitry Peskov" in tdom)
    check("timeline: marks rendered", len(tm.marks) >= 10, len(tm.marks))
    check("timeline: every statement is new on one day", sum("new" in c for c, _ in tm.marks) >= 5, tm.marks[:3])
    check("timeline: hover text gives day, wording and outlets",
          all(re.match(r"20\d\d-\d\d-\d\d · (new|repeated) · \d outlet\(s\): .+ · “.+”", t) for _, t in tm.marks),
          [t for _, t in tm.marks][:2])
    check("timeline: a statement two outlets reported shows both",
          any("Zelensky offers contacts" in t or "Zelensky proposes contacts" in t for _, t in tm.marks)
          and any("2 outlet(s)" in t for _, t in tm.marks), [t[:80] for _, t in tm.marks if "contacts" in t])

    # script in an article stays text
    evil = os.path.join(tmp, "evil")
    os.mkdir(evil)
    with open(os.path.join(evil, "x.txt"), "w") as f:
        f.write(' date 2026-02-04 T\n"<script>document.title=\'pwned\'</script> <b>bold</b>," Peskov said.\n')
    subprocess.run([BIN, "report", evil, "-o", os.path.join(tmp, "evil.html")], check=True)
    raw = open(os.path.join(tmp, "evil.html"), encoding="utf-8").read()
    check("article text is escaped", "<script>document.title" not in raw and "&lt;script&gt;" in raw)

    os.makedirs(os.path.join(ROOT, "out"), exist_ok=True)
    shot = os.path.join(ROOT, "out", "report.png")
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={os.path.join(tmp, 'p3')}", "--window-size=1280,900",
                    f"--screenshot={shot}", url], capture_output=True, timeout=120)
    check("screenshot saved", os.path.exists(shot) and os.path.getsize(shot) > 10_000)

print(f"report: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
