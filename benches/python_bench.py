#!/usr/bin/env python3
"""Throughput of the Python package against the command line (not a test: it
measures). Run it with the Python that has `quotelink` installed (README,
"Python").

1. Speed. Builds a JSON Lines corpus of --mb megabytes as benches/bench.py
   does (the sample articles and, when present, ../shared/eval/polnear-train.jsonl,
   written only to a temporary directory), then times, in the same session,
   medians of --runs runs:

   * `quotelink extract FILE -j N -o /dev/null`   (the command line: reads,
                                                   parses, extracts, writes CSV)
   * `quotelink.extract_many(docs, jobs=N)`, every row consumed as a dict,
     over the same documents already in a list (the extraction path alone)
   * the same, reading and parsing the file in Python as it goes (a
     generator: end to end, as the command line does)
   * `to_pandas(extract_many(...))`: the rows as a DataFrame

   and reports documents/s and each Python figure's ratio to the command
   line's (the bar: 1.3).

2. Memory (--memory N, default 1,000,000): `extract_many` over a generator
   of N short documents (never a list), in a child process; reports its max
   RSS against a run of N/100 documents: bounded memory means the two are
   close.

3. textacy (when `textacy` and a spaCy English model, --spacy-model, import):
   `textacy.extract.triples.direct_quotations` over --textacy-docs documents,
   documents/s beside quotelink's. Without them it says what is missing.

Usage: python benches/python_bench.py [--mb 30] [--runs 3] [--jobs N]
       [--binary target/release/quotelink] [--memory 1000000] [--skip-speed]
"""
import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))

import quotelink  # noqa: E402
from bench import build_corpus  # noqa: E402


def cpu_seconds():
    """CPU time (user + system) of this process and of its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def median_time(fn, runs):
    """Median wall-clock and CPU seconds of `fn` over `runs` runs, and its
    result. CPU time (every thread, children included) is the steadier
    figure on a shared machine."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        c0, t0 = cpu_seconds(), time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(cpu_seconds() - c0)
    return statistics.median(times), statistics.median(cpus), result


def read_docs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def speed(a, tmp):
    corpus = os.path.join(tmp, "corpus.jsonl")
    n_docs, n_bytes = build_corpus(corpus, a.mb)
    docs = list(read_docs(corpus))
    print(f"corpus: {n_docs} documents, {n_bytes / 1e6:.1f} MB; jobs {a.jobs}; median of {a.runs} runs")

    def cli():
        subprocess.run([a.binary, "extract", corpus, "-j", str(a.jobs), "--quiet", "-o", "/dev/null"], check=True)

    def count_rows():
        return sum(1 for _ in quotelink.extract_many(docs, jobs=a.jobs))

    def count_rows_from_file():
        return sum(1 for _ in quotelink.extract_many(read_docs(corpus), jobs=a.jobs))

    def frame():
        return len(quotelink.to_pandas(quotelink.extract_many(docs, jobs=a.jobs)))

    cli_rows = int(
        subprocess.run(
            [a.binary, "extract", corpus, "--quiet", "--format", "jsonl"], check=True, capture_output=True
        ).stdout.count(b"\n")
    )
    t_cli, c_cli, _ = median_time(cli, a.runs)
    results = [("command line: quotelink extract -o /dev/null", t_cli, c_cli, cli_rows)]
    for name, fn in [
        ("extract_many(list of dicts), rows as dicts", count_rows),
        ("extract_many(generator reading the file)", count_rows_from_file),
        ("to_pandas(extract_many(list of dicts))", frame),
    ]:
        t, c, rows = median_time(fn, a.runs)
        results.append((name, t, c, rows))
    print(f"  {'':<46} {'wall':>7}   {'docs/s':>7}  {'x cli':>5}  {'CPU':>6}  {'x cli':>5}  rows")
    for name, t, c, rows in results:
        print(f"  {name:<46} {t:6.2f} s  {n_docs / t:7.0f}  {t / t_cli:5.2f}  {c:5.2f} s  {c / c_cli:5.2f}  {rows}")
        if rows != cli_rows:
            print(f"  !! {rows} rows, the command line wrote {cli_rows}")
    return docs, n_docs / results[1][1]


# peak RSS from /proc (VmHWM): getrusage's ru_maxrss of a child started by
# fork+exec also counts the parent's pages at the fork
MEMORY_CHILD = r"""
import sys, quotelink
n = int(sys.argv[1])
def docs():
    for i in range(n):
        yield (i, f'"We are ready for round {i}," Peskov said on Monday. The talks went on in Abu Dhabi.', "2026-02-04")
rows = sum(1 for _ in quotelink.extract_many(docs()))
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(rows, hwm)
"""


def memory(a):
    print(f"memory: extract_many over a generator of short documents (max RSS of a child process)")
    for n in (a.memory // 100, a.memory):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(n)], capture_output=True, text=True, check=True)
        rows, rss = map(int, out.stdout.split())
        dt = time.perf_counter() - t0
        print(f"  {n:>9} documents: {rows} rows, max RSS {rss / 1024:6.1f} MiB, {dt:.1f} s ({n / dt:.0f} docs/s)")


def textacy_bench(a, docs, quotelink_rate):
    try:
        import spacy
        import textacy.extract
    except ImportError as e:
        print(f"textacy: not measured ({e}; pip install textacy)")
        return
    try:
        nlp = spacy.load(a.spacy_model)
    except OSError as e:
        print(f"textacy: not measured (spaCy model {a.spacy_model!r} not installed: {str(e)[:120]})")
        return
    sample = [d["text"] for d in docs[: a.textacy_docs]]
    t0 = time.perf_counter()
    quotes = 0
    for doc in nlp.pipe(sample):
        quotes += sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
    dt = time.perf_counter() - t0
    rate = len(sample) / dt
    print(f"textacy direct_quotations ({a.spacy_model}): {len(sample)} documents in {dt:.1f} s, {rate:.1f} docs/s, "
          f"{quotes} quotations; quotelink extract_many: {quotelink_rate:.0f} docs/s ({quotelink_rate / rate:.0f}x)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--binary", default=str(ROOT / "target/release/quotelink"))
    ap.add_argument("--memory", type=int, default=1_000_000, help="documents of the memory run (0: skip)")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--spacy-model", default="en_core_web_sm")
    ap.add_argument("--textacy-docs", type=int, default=200)
    a = ap.parse_args()
    print(f"quotelink {quotelink.__version__} ({quotelink.__file__}), Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        docs, rate = ([], 0.0) if a.skip_speed else speed(a, tmp)
        if a.memory:
            memory(a)
        if docs:
            textacy_bench(a, docs, rate)


if __name__ == "__main__":
    main()
