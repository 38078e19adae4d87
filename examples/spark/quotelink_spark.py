#!/usr/bin/env python3
"""Run quotelink over a JSON Lines dataset on Apache Spark, unchanged.

Each partition of the input ({"id","text","date"} per line) is piped through
`quotelink extract - --input-format jsonl --format jsonl` on the executors —
what RDD.pipe(checkCode=True) does, written out as mapPartitions so that the
binary shipped with --files is found on each executor (SparkFiles.get runs
there) and a failing quotelink fails the task with its stderr instead of being
silently ignored. The JSON rows come back as a DataFrame with the same columns
as quotelink's CSV, written as Parquet or CSV.

    spark-submit --master local[2] --files target/release/quotelink \\
        examples/spark/quotelink_spark.py corpus.jsonl out/rows --format parquet

Options:
  --binary PATH   quotelink binary (default: ./target/release/quotelink if it
                  exists, else the file shipped with --files as "quotelink")
  --format F      parquet (default) or csv
  --partitions N  repartition the input into N partitions first
  --args "..."    extra arguments for `quotelink extract` (e.g. "--date 2026-02-04")
"""
import argparse
import os
import shlex
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

# The row contract (README, "Rows"): same names and order as the CSV header,
# both from record::COLUMNS in src/record.rs (a test there checks this list).
SCHEMA = StructType(
    [
        StructField("speaker", StringType()),
        StructField("quote", StringType()),
        StructField("date", StringType()),
        StructField("kind", StringType()),
        StructField("cue", StringType()),
        StructField("speaker_mention", StringType()),
        StructField("source", StringType()),
        StructField("start", LongType()),
        StructField("end", LongType()),
        StructField("rule", StringType()),
        StructField("cue_class", StringType()),
        StructField("said_on", StringType()),
        StructField("title", StringType()),
        StructField("url", StringType()),
        StructField("outlet", StringType()),
        StructField("lang", StringType()),
    ]
)


def quotelink_command(binary, extra):
    return [binary, "extract", "-", "--input-format", "jsonl", "--format", "jsonl", "--quiet", "--jobs", "1"] + extra


def pipe_partition(binary, extra):
    """A mapPartitions function: feed the partition's lines to quotelink,
    yield its output lines, fail on a non-zero exit."""

    def run(lines):
        import subprocess
        import threading

        exe = binary
        if not os.path.exists(exe):
            # shipped with --files: resolve on this executor
            exe = SparkFiles.get(os.path.basename(binary))
        proc = subprocess.Popen(
            quotelink_command(exe, extra),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                proc.stdin.close()

        errors = []
        drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()))
        writer = threading.Thread(target=feed)
        drain.start()
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        drain.join()
        code = proc.wait()
        if code != 0:
            raise RuntimeError(f"quotelink exited with {code}: {errors[0].decode('utf-8', 'replace')[-2000:]}")

    return run


def extract_rows(spark, input_path, binary, extra=(), partitions=None):
    """The rows of every document of `input_path`, as a DataFrame."""
    lines = spark.sparkContext.textFile(input_path)
    if partitions:
        lines = lines.repartition(partitions)
    out = lines.mapPartitions(pipe_partition(binary, list(extra)))
    return spark.read.schema(SCHEMA).json(out)


def shipped_binary(explicit):
    if explicit:
        return explicit
    local = os.path.abspath("target/release/quotelink")
    return local if os.path.exists(local) else "quotelink"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--binary")
    ap.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--args", default="")
    a = ap.parse_args(argv)
    spark = SparkSession.builder.appName("quotelink").getOrCreate()
    try:
        df = extract_rows(spark, a.input, shipped_binary(a.binary), shlex.split(a.args), a.partitions)
        writer = df.write.mode("overwrite")
        if a.format == "parquet":
            writer.parquet(a.output)
        else:
            writer.option("header", True).csv(a.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
