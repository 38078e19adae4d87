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

Then the scale figures (`--scale-only`: these alone): `compare` on 1,000,000
rows of one speaker (identical, near-identical, sharing only common words),
`check` with 8,000 / 32,000 / 100,000 known quotes and rows in one document,
and startup with a 200,000-entry `speakers.tsv`: seconds and peak memory.

Usage: python3 benches/bench.py [--mb 100] [--runs 5] [--binary target/dist/quotelink] [--scale-only]
"""
import argparse, json, os, pathlib, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary", default=str(ROOT / "target/dist/quotelink"))
    ap.add_argument("--scale-only", action="store_true",
                    help="only the scale figures (compare, check, gazetteer), not extraction speed")
    a = ap.parse_args()
    if a.binary == str(ROOT / "target/dist/quotelink"):
        # the benchmarked binary is the installed one: fat LTO (`--profile dist`),
        # rebuilt if the sources changed
        subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=ROOT, check=True)
    cores = os.cpu_count() or 1
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


if __name__ == "__main__":
    main()
