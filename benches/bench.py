#!/usr/bin/env python3
"""Throughput benchmark for `quotelink extract` (not a test: it measures).

Builds a JSON Lines corpus of at least --mb megabytes from the bundled sample
articles and, when present, ../shared/eval/polnear-train.jsonl (read from
there, written only to a temporary directory), then times, over --runs runs,
in the same session and on the same file:

  * `wc -w FILE`                          (the floor: reading and word-splitting)
  * `quotelink extract FILE -j 1`, pinned to one core with `taskset -c 0`
                                          (one thread of extraction, and reading
                                          and writing share that core too)
  * `quotelink extract FILE -j N`         (all cores)

and reports medians: seconds, MB/s, documents/s, the ratio to `wc -w`, and
peak memory (max RSS from /usr/bin/time -v when available). The machine is
shared and noisy, so read the ratios and medians, not single runs.

With --stored (or --stored-only), the same for news as it is stored: a
folder of HTML pages and a WARC archive made from the same articles (each
page wrapped in navigation, a cookie banner, a related list and a footer),
timed beside `wc -w` on the same bytes; then a WARC of at least --warc-gb
gigabytes (default 1; HTML pages, PDFs and request records) is written and
read once, to show that peak memory stays bounded whatever the archive's
size.

Then the scale figures (`--scale-only`: these alone): `compare` on 1,000,000
rows of one speaker (identical, near-identical, sharing only common words),
`check` with 8,000 / 32,000 / 100,000 known quotes and rows in one document,
and startup with a 200,000-entry `speakers.tsv`: seconds and peak memory.

With --cyrillic (or --cyrillic-only), Russian and Ukrainian news against
English: a corpus of --mb megabytes made from the articles of
tests/data/slavic/ (read with `--lang auto`, as by default) and an English
one of the same size, each timed with `-j 1` on one core beside `wc -w`;
the figure is MB/s, Cyrillic against English (the issue asks for 1.5x at
most).

`--compare-only`: only the three `compare` figures on 1,000,000 rows.
`--compare-week`: how `compare` groups a week of invented coverage
(tests/data/compare: 14 outlets, 34 reports of 13 statements): pairwise
precision and recall against the gold statements, and the share of reports
whose `said_on` is the day the text gives (the figures tests/compare_week.rs
holds to P >= 0.95, R >= 0.80, said_on >= 0.90), and the time it takes.

Usage: python3 benches/bench.py [--mb 100] [--runs 5] [--binary target/dist/quotelink]
                                [--stored | --stored-only] [--warc-gb 1] [--scale-only]
                                [--compare-only] [--compare-week] [--cyrillic | --cyrillic-only]
"""
import argparse, json, os, pathlib, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write_repeated(path, docs, mb):
    """Write `docs` as JSON Lines, over and over (each copy with its own id),
    until the file holds at least `mb` megabytes; (documents, bytes)."""
    target = mb * 1_000_000
    written = n = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            for d in docs:
                line = json.dumps({**d, "id": f"{d['id']}#{n}"}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode())
                n += 1
                if written >= target:
                    break
    return n, written


def build_corpus(path, mb):
    docs = []
    for f in sorted((ROOT / "tests/data/articles").glob("*.txt")):
        docs.append({"id": f.name, "text": f.read_text(encoding="utf-8")})
    polnear = ROOT.parent / "shared/eval/polnear-train.jsonl"
    if polnear.exists():
        with open(polnear, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                docs.append({"id": d["id"], "text": d["text"], "date": d.get("date")})
    return write_repeated(path, docs, mb)


def build_cyrillic_corpus(path, mb):
    """A JSON Lines corpus of at least `mb` megabytes from the Russian and
    Ukrainian test articles (tests/data/slavic/articles), each with a date
    so that a wire dateline gets its year."""
    docs = [{"id": f.name, "text": f.read_text(encoding="utf-8"), "date": "2026-02-10"}
            for f in sorted((ROOT / "tests/data/slavic/articles").glob("*.txt"))]
    return write_repeated(path, docs, mb)


def cyrillic_bench(a, tmp):
    """MB/s on Russian and Ukrainian news against English, one core each."""
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    corpora = {}
    corpora["English"] = os.path.join(tmp, "en.jsonl")
    corpora["Cyrillic (ru, uk)"] = os.path.join(tmp, "cyr.jsonl")
    sizes = {"English": build_corpus(corpora["English"], a.mb),
             "Cyrillic (ru, uk)": build_cyrillic_corpus(corpora["Cyrillic (ru, uk)"], a.mb)}
    out = os.path.join(tmp, "rows.csv")
    cases = []
    for name, path in corpora.items():
        cases.append((name, "wc -w", ["wc", "-w", path]))
        cases.append((name, "quotelink -j 1", pin + [a.binary, "extract", path, "-q", "-j", "1", "-o", out]))
    times = {(c, w): [] for c, w, _ in cases}
    for _, _, cmd in cases:
        timed(cmd)  # warm the page cache
    for _ in range(a.runs):
        for c, w, cmd in cases:  # interleaved, so noise hits all alike
            times[(c, w)].append(timed(cmd)[0])
    print(f"\nCyrillic against English, {a.runs} runs each, medians, one core:\n")
    print("| corpus | documents | MB | `wc -w` s | `quotelink -j 1` s | MB/s | × wc -w |")
    print("|---|---|---|---|---|---|---|")
    speed = {}
    for name in corpora:
        ndocs, nbytes = sizes[name]
        wc = statistics.median(times[(name, "wc -w")])
        t = statistics.median(times[(name, "quotelink -j 1")])
        speed[name] = nbytes / 1e6 / t
        print(f"| {name} | {ndocs:,} | {nbytes / 1e6:.1f} | {wc:.2f} | {t:.2f} | {speed[name]:.1f} | {t / wc:.1f} |")
    ratio = speed["English"] / speed["Cyrillic (ru, uk)"]
    print(f"\nEnglish MB/s over Cyrillic MB/s: {ratio:.2f} (at most 1.5 asked)")


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - Bench News</title>
<meta property="og:site_name" content="Bench News"><meta property="article:published_time" content="{date}">
<link rel="canonical" href="https://news.example/{id}"></head><body>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
<main><article><h1>{title}</h1>{paragraphs}</article>
<section class="related"><h2>Related</h2><ul><li><a href="/a">Talks stall again</a></li><li><a href="/b">Envoy visits</a></li></ul></section>
</main><footer>(c) 2026 Bench News</footer></body></html>
"""


def html_page(doc, n):
    """An article as a news site serves it."""
    import html as _html
    paras = "".join(f"<p>{_html.escape(p)}</p>\n" for p in doc["text"].split("\n") if p.strip())
    title = _html.escape(doc["text"].strip().split("\n")[0][:80])
    return PAGE.format(title=title, date=doc.get("date") or "2026-02-04", id=f"{n}", paragraphs=paras).encode()


def stored_docs():
    docs = []
    for f in sorted((ROOT / "tests/data/articles").glob("*.txt")):
        docs.append({"text": f.read_text(encoding="utf-8")})
    polnear = ROOT.parent / "shared/eval/polnear-train.jsonl"
    if polnear.exists():
        with open(polnear, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                docs.append({"text": d["text"], "date": d.get("date")})
    return docs


def warc_record(kind, uri, block, content_type):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-02-07T12:00:00Z\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def warc_response(uri, body, ctype):
    block = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    return warc_record("response", uri, block, "application/http; msgtype=response")


def build_stored(tmp, mb):
    """A folder of pages, a WARC of the same pages (with a request record
    before each), and one file of all pages' bytes for `wc -w`."""
    docs = stored_docs()
    pages = os.path.join(tmp, "pages")
    os.makedirs(pages)
    warc = os.path.join(tmp, "crawl.warc")
    flat = os.path.join(tmp, "pages.html")
    written = n = 0
    with open(warc, "wb") as w, open(flat, "wb") as f:
        while written < mb * 1_000_000:
            for d in docs:
                page = html_page(d, n)
                with open(os.path.join(pages, f"{n:07d}.html"), "wb") as p:
                    p.write(page)
                f.write(page)
                uri = f"https://news.example/{n}"
                w.write(warc_record("request", uri, f"GET /{n} HTTP/1.1\r\n\r\n".encode(), "application/http; msgtype=request"))
                w.write(warc_response(uri, page, "text/html; charset=utf-8"))
                written += len(page)
                n += 1
                if written >= mb * 1_000_000:
                    break
    return n, pages, warc, flat


def build_big_warc(path, gb):
    """A WARC of at least `gb` GB: pages, a PDF after every tenth, requests."""
    docs = stored_docs()[:400]
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 400
    written = n = 0
    with open(path, "wb") as w:
        while written < gb * 1_000_000_000:
            for d in docs:
                uri = f"https://news.example/{n}"
                rec = warc_record("request", uri, f"GET /{n} HTTP/1.1\r\n\r\n".encode(), "application/http; msgtype=request")
                rec += warc_response(uri, html_page(d, n), "text/html")
                if n % 10 == 0:
                    rec += warc_response(uri + ".pdf", pdf, "application/pdf")
                w.write(rec)
                written += len(rec)
                n += 1
    return n, written


def stored_bench(a, tmp, cores):
    """HTML and WARC throughput beside `wc -w`, and peak memory on a big WARC."""
    npages, pages, warc, flat = build_stored(tmp, a.mb)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    out = os.path.join(tmp, "stored-rows.csv")
    cases = [
        ("wc -w (pages' bytes)", ["wc", "-w", flat], os.path.getsize(flat)),
        ("HTML folder, -j 1 (one core)", pin + [a.binary, "extract", pages, "-q", "-j", "1", "-o", out], os.path.getsize(flat)),
        (f"HTML folder, -j {cores}", [a.binary, "extract", pages, "-q", "-o", out], os.path.getsize(flat)),
        ("wc -w (WARC)", ["wc", "-w", warc], os.path.getsize(warc)),
        ("WARC, -j 1 (one core)", pin + [a.binary, "extract", warc, "-q", "-j", "1", "-o", out], os.path.getsize(warc)),
        (f"WARC, -j {cores}", [a.binary, "extract", warc, "-q", "-o", out], os.path.getsize(warc)),
    ]
    times = {c[0]: [] for c in cases}
    rss = {c[0]: [] for c in cases}
    timed(cases[1][1])
    for _ in range(a.runs):
        for name, cmd, _ in cases:
            dt, r = timed(cmd)
            times[name].append(dt)
            if r:
                rss[name].append(r)
    print(f"\nstored news: {npages} pages, {os.path.getsize(flat) / 1e6:.1f} MB of HTML; "
          f"the WARC {os.path.getsize(warc) / 1e6:.1f} MB; {a.runs} runs each, medians\n")
    print("| command | median s | MB/s of input | documents/s | × its wc -w | peak memory |")
    print("|---|---|---|---|---|---|")
    for name, _, size in cases:
        t = statistics.median(times[name])
        wc = statistics.median(times["wc -w (WARC)" if "WARC" in name else "wc -w (pages' bytes)"])
        mem = f"{max(rss[name]) / 1024:.0f} MB" if rss[name] else "n/a"
        print(f"| `{name}` | {t:.2f} | {size / 1e6 / t:.1f} | {npages / t:,.0f} | {t / wc:.1f} | {mem} |")
    if a.warc_gb > 0:
        big = os.path.join(tmp, "big.warc")
        nrec, size = build_big_warc(big, a.warc_gb)
        t, peak = timed([a.binary, "extract", big, "-q", "-o", out])
        print(f"\nWARC of {size / 1e9:.2f} GB ({nrec:,} pages, PDFs and requests): {t:.1f} s, "
              f"{size / 1e6 / t:.1f} MB/s, {nrec / t:,.0f} pages/s, peak memory "
              + (f"{peak / 1024:.0f} MB" if peak else "n/a"))
        os.remove(big)


def timed(cmd, cpu=None):
    """Run cmd, return (seconds, max RSS in KB or None); append the share of
    a CPU it got (percent, from /usr/bin/time) to `cpu` when given."""
    gnu_time = shutil.which("time") if os.path.exists("/usr/bin/time") else None
    if gnu_time:
        full = ["/usr/bin/time", "-v"] + cmd
    else:
        full = cmd
    t0 = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    rss = None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr or "")
    if m:
        rss = int(m.group(1))
    m = re.search(r"Percent of CPU this job got: (\d+)%", p.stderr or "")
    if m and cpu is not None:
        cpu.append(int(m.group(1)))
    # CPU seconds (user + system): what the run cost, whatever else the
    # machine was doing
    times = re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr or "")
    if times:
        global last_cpu
        last_cpu = sum(float(t) for t in times)
    return dt, rss


last_cpu = None


def cpu_note():
    """`, N.NN s CPU` for the last timed run, when /usr/bin/time gave it."""
    return f" ({last_cpu:.2f} s CPU)" if last_cpu is not None else ""


def compare_scale(a, tmp):
    """`compare` on the worst cases for grouping: 1,000,000 rows of one speaker."""
    for label, quote in [
        ("identical", lambda i: "We will not accept any ceasefire that freezes the front line"),
        ("near-identical", lambda i: f"We will not accept any ceasefire that freezes the front line {i}"),
        ("sharing only common words", lambda i: f"ceasefire talks front line statement number {i} word{i % 997} item{i}"),
    ]:
        one_speaker = os.path.join(tmp, "one_speaker.csv")
        with open(one_speaker, "w", encoding="utf-8") as f:
            f.write("speaker,quote,date,kind,source\n")
            for i in range(1_000_000):
                f.write(f"Dmitry Peskov,{quote(i)},2026-02-{1 + i % 28:02d},direct,doc{i % 5000}.txt\n")
        t, peak = timed([a.binary, "compare", one_speaker, "-o", os.path.join(tmp, "st1m.csv")])
        print(f"`quotelink compare` on 1,000,000 rows of one speaker, {label}: {t:.2f} s{cpu_note()}"
              + (f", {peak / 1024:.0f} MB peak" if peak else ""))


def compare_week(a):
    """Pairwise precision and recall of `compare` on tests/data/compare
    against its gold statements, and said_on accuracy (as
    tests/compare_week.rs scores them)."""
    import csv as _csv
    import io
    data = ROOT / "tests/data/compare"
    t0 = time.perf_counter()
    out = subprocess.run([a.binary, "compare", str(data / "articles"), "--quiet"], check=True,
                         capture_output=True, text=True).stdout
    took = time.perf_counter() - t0
    rows = list(_csv.DictReader(io.StringIO(out)))
    gold = list(_csv.DictReader(open(data / "gold.csv", encoding="utf-8")))
    found = [[r for r in rows if r["source"].replace("\\", "/").endswith("/" + g["article"])
              and r["speaker"] == g["speaker"] and g["needle"] in r["quote"]] for g in gold]
    tp = predicted = actual = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same = gold[i]["statement"] == gold[j]["statement"]
            together = any(x["statement"] == y["statement"] for x in found[i] for y in found[j])
            actual += same
            predicted += together
            tp += same and together
    dated = [(g, f) for g, f in zip(gold, found) if g["said_on"]]
    right = sum(1 for g, f in dated if f and all(r["said_on"] == g["said_on"] for r in f))
    why = {}
    for r in rows:
        why[r.get("joined_by", "")] = why.get(r.get("joined_by", ""), 0) + 1
    print(f"`quotelink compare` on a week of coverage ({len(gold)} reports, "
          f"{len({g['article'].split('/')[0] for g in gold})} outlets): pairwise precision "
          f"{tp / max(predicted, 1):.3f}, recall {tp / max(actual, 1):.3f} ({tp} of {actual} pairs), "
          f"said_on right for {right} of {len(dated)} ({right / max(len(dated), 1):.3f}); {took:.2f} s; "
          f"rows by joined_by: {dict(sorted(why.items()))}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary", default=str(ROOT / "target/dist/quotelink"))
    ap.add_argument("--stored", action="store_true", help="also time HTML pages and WARC archives")
    ap.add_argument("--stored-only", action="store_true", help="only time HTML pages and WARC archives")
    ap.add_argument("--warc-gb", type=float, default=1, help="size of the WARC read for peak memory (0: none)")
    ap.add_argument("--scale-only", action="store_true",
                    help="only the scale figures (compare, check, gazetteer), not extraction speed")
    ap.add_argument("--cyrillic", action="store_true", help="also time Russian and Ukrainian news against English")
    ap.add_argument("--cyrillic-only", action="store_true", help="only time Russian and Ukrainian news against English")
    ap.add_argument("--compare-only", action="store_true", help="only compare on 1,000,000 rows")
    ap.add_argument("--compare-week", action="store_true",
                    help="only compare's precision, recall and said_on on tests/data/compare")
    a = ap.parse_args()
    if a.binary == str(ROOT / "target/dist/quotelink"):
        # the benchmarked binary is the installed one: fat LTO (`--profile dist`),
        # rebuilt if the sources changed
        subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=ROOT, check=True)
    cores = os.cpu_count() or 1
    if a.cyrillic_only:
        with tempfile.TemporaryDirectory() as tmp:
            cyrillic_bench(a, tmp)
        return
    if a.compare_week:
        compare_week(a)
        return
    if a.compare_only:
        with tempfile.TemporaryDirectory() as tmp:
            compare_scale(a, tmp)
        return
    if a.stored_only:
        with tempfile.TemporaryDirectory() as tmp:
            stored_bench(a, tmp, cores)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if not a.scale_only:
            corpus = os.path.join(tmp, "corpus.jsonl")
            ndocs, nbytes = build_corpus(corpus, a.mb)
            out = os.path.join(tmp, "rows.csv")
            pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
            one = "quotelink -j 1 (one core)" if pin else "quotelink -j 1"
            cases = [
                ("wc -w", ["wc", "-w", corpus]),
                (one, pin + [a.binary, "extract", corpus, "-q", "-j", "1", "-o", out]),
                (f"quotelink -j {cores}", [a.binary, "extract", corpus, "-q", "-j", str(cores), "-o", out]),
            ]
            results = {name: [] for name, _ in cases}
            rss = {name: [] for name, _ in cases}
            cpu = {name: [] for name, _ in cases}
            timed(cases[1][1])  # warm the page cache and the binary
            for _ in range(a.runs):
                for name, cmd in cases:  # interleaved, so noise hits all alike
                    dt, r = timed(cmd, cpu[name])
                    results[name].append(dt)
                    if r:
                        rss[name].append(r)
            mb = nbytes / 1e6
            wc = statistics.median(results["wc -w"])
            print(f"corpus: {ndocs} documents, {mb:.1f} MB; {a.runs} runs each, medians; {cores} cores\n")
            # CPU: the median share of a core the run got (200% = two cores busy
            # throughout); below what was asked means waiting, or other tenants
            print("| command | median s | MB/s | documents/s | × wc -w | peak memory | CPU |")
            print("|---|---|---|---|---|---|---|")
            for name, _ in cases:
                t = statistics.median(results[name])
                mem = f"{max(rss[name]) / 1024:.0f} MB" if rss[name] else "n/a"
                share = f"{statistics.median(cpu[name]):.0f}%" if cpu[name] else "n/a"
                print(f"| `{name}` | {t:.2f} | {mb / t:.1f} | {ndocs / t:,.0f} | {t / wc:.1f} | {mem} | {share} |")
            # compare: group 100,000 rows into statements (not quadratic)
            rows_all = os.path.join(tmp, "rows_all.csv")
            subprocess.run([a.binary, "extract", corpus, "-q", "-o", rows_all], check=True)
            rows100k = os.path.join(tmp, "rows100k.csv")
            with open(rows_all, encoding="utf-8") as src, open(rows100k, "w", encoding="utf-8") as dst:
                import csv as _csv
                _csv.field_size_limit(1 << 30)
                w = _csv.writer(dst)
                for i, row in enumerate(_csv.reader(src)):
                    if i > 100_000:
                        break
                    w.writerow(row)
            cmp_times = [timed([a.binary, "compare", rows100k, "-o", os.path.join(tmp, "st.csv")])[0] for _ in range(3)]
            print(f"\n`quotelink compare` on 100,000 rows: median {statistics.median(cmp_times):.2f} s (3 runs)")
        # the worst cases for grouping: 1,000,000 rows of one speaker
        compare_scale(a, tmp)
        # check: thousands of known quotes in one document (every row shares
        # all but one word with every known quote)
        for n in (8_000, 32_000, 100_000):
            doc = os.path.join(tmp, "many.txt")
            with open(doc, "w", encoding="utf-8") as f:
                f.write(" date 2026-02-04 T\n")
                for i in range(n):
                    f.write(f'"We are ready to talk about item {i}," Peskov said.\n')
            gold = os.path.join(tmp, "many_gold.csv")
            with open(gold, "w", encoding="utf-8") as f:
                f.write("speaker,quote,source\n")
                for i in range(n):
                    f.write(f"Dmitry Peskov,\"We are ready to talk about item {i},\",many.txt\n")
            t, peak = timed([a.binary, "check", gold, doc, "--kind", "direct"])
            print(f"`quotelink check`, {n:,} known quotes and {n:,} rows in one document: {t:.2f} s{cpu_note()}"
                  + (f", {peak / 1024:.0f} MB peak" if peak else ""))
        # startup with a gazetteer of 200,000 people (`--lexicons DIR/speakers.tsv`)
        lex = os.path.join(tmp, "lex")
        os.mkdir(lex)
        with open(os.path.join(lex, "speakers.tsv"), "w", encoding="utf-8") as f:
            for i in range(200_000):
                f.write(f"Person{i} Surname{i}\tperson\tm\tSurname{i}|P. Surname{i}\n")
        tiny = os.path.join(tmp, "tiny.txt")
        with open(tiny, "w", encoding="utf-8") as f:
            f.write(' date 2026-02-04 T\n"We are ready," Surname7 said.\n')
        base = statistics.median(timed([a.binary, "extract", tiny, "-q", "-o", os.devnull])[0] for _ in range(3))
        runs, cpus = [], []
        for _ in range(3):
            runs.append(timed([a.binary, "extract", tiny, "-q", "-o", os.devnull, "--lexicons", lex]))
            cpus.append(last_cpu or 0.0)
        t = statistics.median(r[0] for r in runs)
        peak = max((r[1] or 0) for r in runs)
        print(f"`quotelink extract` of one short article with a 200,000-entry speakers.tsv: {t:.2f} s, median of 3 "
              f"({statistics.median(cpus):.2f} s CPU; {base:.2f} s with the built-in lexicons), "
              f"{peak / 1024:.0f} MB peak")
        if not a.scale_only:
            t1 = statistics.median(results[one])
            tn = statistics.median(results[f"quotelink -j {cores}"])
            print(f"\nspeed-up with {cores} threads: {t1 / tn:.2f}×")
        if a.stored:
            stored_bench(a, tmp, cores)
        if a.cyrillic:
            cyrillic_bench(a, tmp)


if __name__ == "__main__":
    main()
