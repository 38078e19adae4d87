#!/usr/bin/env python3
"""Open `quotelink report`'s HTML in a real headless browser (Debian's
chromium) and check that the highlighted quotes are rendered and that the
speaker filter works; save a screenshot to out/report.png (run by .ci/run).

Usage: python3 tests/report_check.py [target/release/quotelink]
"""
import html.parser
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
