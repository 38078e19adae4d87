#!/usr/bin/env python3
"""Test of the Spark path (run by .ci/run when pyspark can be installed).

1. Over a generated corpus of 10,000 documents, the rows Spark collects in
   local[2] mode equal, as a multiset, the rows of a direct
   `quotelink extract corpus.jsonl --format jsonl` run.
2. A failing quotelink (a binary that exits non-zero) makes the Spark job fail.
3. When the Python package is installed (with pandas and pyarrow), the
   mapInPandas version (quotelink_spark_pandas.py, no binary) gives the same
   rows as the direct run too.

Usage: python3 examples/spark/test_spark.py [--binary target/release/quotelink] [--docs 10000]
"""
import argparse
import json
import os
import pathlib
import stat
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

from pyspark.sql import SparkSession  # noqa: E402

import quotelink_spark  # noqa: E402

try:
    import pyarrow  # noqa: F401  (mapInPandas needs it)
    import quotelink  # noqa: F401

    import quotelink_spark_pandas
except ImportError as e:
    quotelink_spark_pandas = None
    NO_PACKAGE = str(e)

FIELDS = [f.name for f in quotelink_spark.SCHEMA.fields]


def make_corpus(path, n):
    """n documents built from the sample articles, each with its own id and
    date and a varied speaker name, so rows differ between documents."""
    arts = sorted((ROOT / "tests/data/articles").glob("*.txt"))
    texts = [a.read_text(encoding="utf-8") for a in arts]
    names = ["Peskov", "Ushakov", "Umerov", "Sybiha", "Witkoff"]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            text = texts[i % len(texts)].replace("Peskov", names[i % len(names)])
            doc = {"id": f"doc-{i:05d}", "text": text, "date": f"2026-02-{1 + i % 28:02d}"}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def key(row):
    return tuple(row[f] for f in FIELDS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=str(ROOT / "target/release/quotelink"))
    ap.add_argument("--docs", type=int, default=10_000)
    a = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        make_corpus(corpus, a.docs)
        direct = subprocess.run(
            [a.binary, "extract", corpus, "--format", "jsonl", "--quiet"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        want = Counter(key(json.loads(line)) for line in direct.splitlines() if line)

        spark = (
            SparkSession.builder.master("local[2]")
            .appName("quotelink-test")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        # the executors' Python workers import the job module too
        spark.sparkContext.addPyFile(quotelink_spark.__file__)
        try:
            rows = quotelink_spark.extract_rows(spark, corpus, a.binary, partitions=4).collect()
            got = Counter(key(r.asDict()) for r in rows)
            if got == want and len(want) > a.docs:
                print(f"ok: Spark rows equal direct rows ({sum(want.values())} rows, {a.docs} documents)")
                passed += 1
            else:
                print(f"FAIL: Spark {sum(got.values())} rows, direct {sum(want.values())} rows")
                print("  only in Spark:", list((got - want).items())[:3])
                print("  only direct:  ", list((want - got).items())[:3])
                failed += 1

            bad = os.path.join(tmp, "failing-quotelink")
            with open(bad, "w") as f:
                f.write("#!/bin/sh\ncat >/dev/null\necho 'simulated failure' >&2\nexit 3\n")
            os.chmod(bad, os.stat(bad).st_mode | stat.S_IEXEC)
            try:
                quotelink_spark.extract_rows(spark, corpus, bad, partitions=2).count()
                print("FAIL: a failing quotelink did not fail the Spark job")
                failed += 1
            except Exception as e:  # Py4JJavaError / PythonException
                if "quotelink exited with 3" in str(e):
                    print("ok: a failing quotelink fails the Spark job")
                    passed += 1
                else:
                    print(f"FAIL: the job failed, but not with quotelink's exit: {str(e)[:300]}")
                    failed += 1

            if quotelink_spark_pandas is None:
                print(f"skipped: the mapInPandas version ({NO_PACKAGE}; see .ci/spark-test)")
            else:
                spark.sparkContext.addPyFile(quotelink_spark_pandas.__file__)
                rows = quotelink_spark_pandas.extract_rows(spark, corpus, partitions=4).collect()
                got = Counter(key(r.asDict()) for r in rows)
                if got == want:
                    print(f"ok: mapInPandas rows (the Python package) equal direct rows ({sum(got.values())} rows)")
                    passed += 1
                else:
                    print(f"FAIL: mapInPandas {sum(got.values())} rows, direct {sum(want.values())} rows")
                    print("  only in Spark:", list((got - want).items())[:3])
                    print("  only direct:  ", list((want - got).items())[:3])
                    failed += 1
        finally:
            spark.stop()
    print(f"spark: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
