#!/usr/bin/env python3
"""Run quotelink over a JSON Lines dataset on Apache Spark with the Python
package: no binary shipped to the executors.

The input ({"id","text","date"} per line) is read as a DataFrame; each
partition reaches `mapInPandas` as pandas DataFrames, whose articles the
`quotelink` package extracts in the Python worker (the native library, in
process, `jobs` threads per task: 1 by default, as Spark already gives each
task a core). The rows come back with the same columns as quotelink's CSV
(the schema is built from `quotelink.COLUMNS`, so a new column flows
through), written as Parquet or CSV. The rows equal the pipe version's
(quotelink_spark.py), as a multiset; a document without an `id` gets an
empty `source` here (the pipe version names it `-:LINE`).

    spark-submit --master local[2] examples/spark/quotelink_spark_pandas.py \\
        corpus.jsonl out/rows --format parquet

The executors' Python needs `quotelink`, pandas and pyarrow: `pip install .`
(or the wheel, `pip wheel . -w dist`) on every node, or ship a packed
virtual environment with `spark.archives` (Spark's "Python Package
Management" page).

Options:
  --format F      parquet (default) or csv
  --partitions N  repartition the input into N partitions first
  --jobs N        threads per task (default 1)
  --date D        the date of documents that give none (YYYY-MM-DD)
"""
import argparse
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

# what the input's lines hold (other keys are ignored)
INPUT_SCHEMA = "id string, text string, date string"


def row_schema():
    """The rows' Spark schema, from the package's columns: integers as
    `long`, text and dates (`YYYY-MM-DD`, or empty) as strings, like the
    pipe version's SCHEMA."""
    import quotelink

    return StructType(
        [StructField(name, LongType() if ty == "int" else StringType()) for name, ty in quotelink.COLUMNS]
    )


def extract_partition(jobs=1, default_date=None):
    """A mapInPandas function: the rows of each pandas batch of documents."""

    def run(batches):
        import pandas as pd
        import quotelink

        names = [name for name, _ in quotelink.COLUMNS]
        for pdf in batches:
            if default_date is not None:
                pdf = pdf.assign(date=pdf["date"].fillna(default_date))
            rows = quotelink.extract_frame(pdf, text="text", date="date", id="id", jobs=jobs, parse_dates=False)
            yield pd.DataFrame({name: rows[name].to_numpy() for name in names})

    return run


def extract_rows(spark, input_path, jobs=1, partitions=None, default_date=None):
    """The rows of every document of `input_path`, as a DataFrame."""
    docs = spark.read.schema(INPUT_SCHEMA).json(input_path)
    if partitions:
        docs = docs.repartition(partitions)
    return docs.mapInPandas(extract_partition(jobs, default_date), schema=row_schema())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--date")
    a = ap.parse_args(argv)
    spark = SparkSession.builder.appName("quotelink-pandas").getOrCreate()
    try:
        df = extract_rows(spark, a.input, a.jobs, a.partitions, a.date)
        writer = df.write.mode("overwrite")
        if a.format == "parquet":
            writer.parquet(a.output)
        else:
            writer.option("header", True).csv(a.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
