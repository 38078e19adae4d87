"""Tests of the quotelink Python package (run by .ci/python-test in a fresh
virtual environment that builds the wheel from source).

The command line is the reference: QUOTELINK_BIN names its binary (default:
target/release/quotelink, else target/debug/quotelink, of this repository).
"""

import ast
import json
import os
import pathlib
import subprocess
import sys
import threading

import pytest

import quotelink

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTICLE_DIRS = ["tests/data/articles", "tests/data/varied/articles"]


def binary():
    explicit = os.environ.get("QUOTELINK_BIN")
    if explicit:
        return explicit
    for profile in ("release", "debug"):
        exe = ROOT / "target" / profile / "quotelink"
        if exe.exists():
            return str(exe)
    pytest.skip("no quotelink binary: build it (cargo build --release) or set QUOTELINK_BIN")


def cli_rows(*args):
    out = subprocess.run(
        [binary(), "extract", *args, "--format", "jsonl", "--quiet"], cwd=ROOT, capture_output=True, check=True
    )
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line]


def read_text(path):
    # newline="": the text exactly as the command line reads it (no \r\n folding)
    with open(ROOT / path, encoding="utf-8", newline="") as f:
        return f.read()


def articles():
    """(source as the command line names it, text) of every sample article."""
    out = []
    for d in ARTICLE_DIRS:
        for p in sorted((ROOT / d).glob("*.txt")):
            rel = f"{d}/{p.name}"
            out.append((rel, read_text(rel)))
    return out


def by_source(rows):
    grouped = {}
    for r in rows:
        grouped.setdefault(r["source"], []).append(r)
    return grouped


def without_chars(row):
    return {k: v for k, v in row.items() if k not in ("char_start", "char_end")}


# ------------------------------------------------------------ the command line's rows


def test_extract_gives_the_command_lines_rows_field_by_field():
    want = by_source(cli_rows(*ARTICLE_DIRS))
    assert sum(map(len, want.values())) > 50, "too few rows to compare"
    for source, text in articles():
        got = quotelink.extract(text, id=source)
        assert [without_chars(r) for r in got] == want.get(source, []), source
        for r in got:
            assert list(r) == quotelink.ROW_KEYS


def test_extract_many_gives_the_command_lines_rows_in_input_order():
    want = cli_rows(*ARTICLE_DIRS)
    docs = articles()
    for jobs in (1, 3):
        got = [without_chars(r) for r in quotelink.extract_many(iter(docs), jobs=jobs)]
        # the command line reads the folders in path order, as `docs` is
        assert got == want, f"jobs={jobs}"


def test_jsonl_documents_with_dates_match_the_command_line(tmp_path):
    docs = [{"id": f"d{i}", "text": text, "date": f"2026-03-{1 + i:02d}"} for i, (_, text) in enumerate(articles())]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    want = cli_rows(str(corpus))
    got = [without_chars(r) for r in quotelink.extract_many(docs)]
    assert got == want
    assert {r["date"] for r in got} >= {"2026-03-01", "2026-03-02"}


def test_row_keys_follow_the_columns_and_the_stub_lists_them():
    assert quotelink.ROW_KEYS[: len(quotelink.COLUMNS)] == [n for n, _ in quotelink.COLUMNS]
    assert quotelink.ROW_KEYS[:3] == ["speaker", "quote", "date"]
    stub = pathlib.Path(quotelink.__file__).with_name("_quotelink.pyi").read_text(encoding="utf-8")
    tree = ast.parse(stub)
    row = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Row")
    fields = [n.target.id for n in row.body if isinstance(n, ast.AnnAssign)]
    assert fields == quotelink.ROW_KEYS, "update the Row TypedDict in python/quotelink/_quotelink.pyi"


# ------------------------------------------------------------ offsets

NON_ASCII = (
    "date 2026-02-04 Zürich — 🙂 Überblick\n"
    "Die Gespräche in Genf gingen weiter. 中文 ✓\n"
    "“We are ready for the next round — déjà vu, naïve or not,” Peskov said. "
    '"Ça suffit 😀," Zelensky told reporters in Kyiv.\n'
)


def check_offsets(text, rows):
    assert rows, "no rows to check offsets on"
    data = text.encode("utf-8")
    for r in rows:
        assert text[r["char_start"] : r["char_end"]] == r["quote"], r
        assert data[r["start"] : r["end"]].decode("utf-8") == r["quote"], r


def test_offsets_slice_the_python_string_and_the_bytes():
    rows = quotelink.extract(NON_ASCII)
    check_offsets(NON_ASCII, rows)
    assert any(r["char_start"] != r["start"] for r in rows), "the text is meant to shift byte offsets"
    assert {r["speaker"] for r in rows} >= {"Dmitry Peskov"}
    # the same through the pipeline
    many = list(quotelink.extract_many([("a", NON_ASCII), ("b", "x" + NON_ASCII)]))
    check_offsets(NON_ASCII, [r for r in many if r["source"] == "a"])
    check_offsets("x" + NON_ASCII, [r for r in many if r["source"] == "b"])


def test_offsets_slice_every_sample_article():
    for source, text in articles():
        rows = quotelink.extract(text, id=source)
        if rows:
            check_offsets(text, rows)


# ------------------------------------------------------------ arguments and bad input


def test_dates_ids_and_defaults():
    import datetime

    text = '"We are ready," Peskov said.'
    assert quotelink.extract(text)[0]["date"] == ""
    assert quotelink.extract(text, "2026-02-04")[0]["date"] == "2026-02-04"
    assert quotelink.extract(text, "2026-02-04T10:00:00Z")[0]["date"] == "2026-02-04"
    assert quotelink.extract(text, datetime.date(2026, 2, 4))[0]["date"] == "2026-02-04"
    assert quotelink.extract(text, datetime.datetime(2026, 2, 4, 23, 59))[0]["date"] == "2026-02-04"
    assert quotelink.extract(text, " ")[0]["date"] == ""
    assert quotelink.extract(text, id=7)[0]["source"] == "7"
    assert quotelink.extract(text, id="a.txt")[0]["source"] == "a.txt"
    rows = list(quotelink.extract_many([text, {"text": text, "id": "x"}, ("y", text), ("z", text, "2026-01-02")]))
    assert [r["source"] for r in rows] == ["0", "x", "y", "z"]
    assert rows[-1]["date"] == "2026-01-02"


def test_bad_input_raises_a_clear_exception():
    with pytest.raises(TypeError, match="text must be a str, not int"):
        quotelink.extract(123)
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        quotelink.extract(b'"We are ready," Peskov said.')
    with pytest.raises(ValueError, match='date "2026-13-45" is not YYYY-MM-DD'):
        quotelink.extract("text", date="2026-13-45")
    with pytest.raises(ValueError, match="is not YYYY-MM-DD"):
        quotelink.extract("text", date="yesterday")
    with pytest.raises(TypeError, match="date must be a str"):
        quotelink.extract("text", date=20260204)
    with pytest.raises(TypeError, match="id must be"):
        quotelink.extract("text", id=1.5)
    with pytest.raises(UnicodeEncodeError):
        quotelink.extract("lone surrogate \ud800 here")
    with pytest.raises(TypeError):
        quotelink.extract("text", lexicons=42)
    with pytest.raises(TypeError):
        quotelink.extract_many(42)
    with pytest.raises(TypeError, match="iterable of documents"):
        quotelink.extract_many("one text")
    with pytest.raises(ValueError, match="jobs must be from 1"):
        quotelink.extract_many([], jobs=0)


def test_a_bad_document_raises_after_the_rows_before_it():
    good = '"We are ready," Peskov said.'
    for bad, error, message in [
        ({"text": 5}, TypeError, "document 2: text must be a str, not int"),
        ({"body": good}, ValueError, 'document 2: the dict has no "text" key'),
        (("id", good, "2026-02-30"), ValueError, 'document 2: date "2026-02-30"'),
        (3.5, TypeError, "document 2: expected a dict"),
        (("only one",), ValueError, "document 2: a tuple must be"),
    ]:
        rows = []
        with pytest.raises(error, match=message):
            for r in quotelink.extract_many([good, good, bad, good]):
                rows.append(r)
        assert [r["source"] for r in rows] == ["0", "1"]


def test_an_exception_in_the_input_is_passed_on():
    class Boom(Exception):
        pass

    def docs():
        yield '"We are ready," Peskov said.'
        raise Boom("the input failed")

    rows = []
    with pytest.raises(Boom, match="the input failed"):
        for r in quotelink.extract_many(docs()):
            rows.append(r)
    assert len(rows) == 1


def write_lexicon(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_lexicons_from_a_folder(tmp_path):
    text = '"The harvest is late," the harvest minister said.'
    assert quotelink.extract(text)[0]["speaker"] == "harvest minister"
    line = "Olwen Brackabury\tperson\tf\tBrackabury\tharvest minister\n"
    folder = write_lexicon(tmp_path / "lex", "speakers.tsv", line)
    lex = quotelink.Lexicons.from_dir(folder)
    assert "lex" in repr(lex)
    rows = quotelink.extract(text, lexicons=lex)
    assert rows[0]["speaker"] == "Olwen Brackabury"
    # a folder path works too, and extract_many takes the same lexicons
    assert quotelink.extract(text, lexicons=str(folder)) == rows
    assert list(quotelink.extract_many([("", text)], lexicons=lex)) == rows
    # base=None: the folder is a whole language (here: one with no cues)
    alone = quotelink.Lexicons.from_dir(folder, base=None)
    assert quotelink.extract(text, lexicons=alone) == []


def test_a_malformed_lexicon_raises_with_file_and_line(tmp_path):
    folder = write_lexicon(tmp_path / "bad", "cues.tsv", "# cues\nsay\tsay\nthis line is malformed\n")
    with pytest.raises(quotelink.LexiconError) as e:
        quotelink.Lexicons.from_dir(folder)
    err = e.value
    assert err.file.endswith("cues.tsv") and err.line >= 2, (err.file, err.line)
    assert f"cues.tsv:{err.line}" in str(err)
    assert all(len(x) == 3 for x in err.errors)
    assert isinstance(err, quotelink.QuotelinkError)
    # an unknown file name is an error about the whole file (line 0)
    write_lexicon(tmp_path / "odd", "speakerz.tsv", "x\n")
    with pytest.raises(quotelink.LexiconError, match="unknown lexicon file") as e:
        quotelink.Lexicons.from_dir(tmp_path / "odd")
    assert e.value.line == 0
    with pytest.raises(FileNotFoundError):
        quotelink.Lexicons.from_dir(tmp_path / "missing")
    with pytest.raises(ValueError, match="unknown language"):
        quotelink.Lexicons.builtin("zz")


def test_bad_input_never_crashes_the_interpreter():
    """A separate interpreter feeds garbage everywhere, abandons iterators
    half-way and exits with one still running: it must exit normally."""
    script = r"""
import gc, quotelink
bad = [None, 1, 1.5, b"x", object(), [], {}, ("a",), ("a", None), {"text": None}, "\ud800", "\x00" * 10, "“" * 5000]
for b in bad:
    for call in (lambda: quotelink.extract(b), lambda: list(quotelink.extract_many([b, b]))):
        try:
            call()
        except Exception:
            pass
it = quotelink.extract_many(('"We are ready," Peskov said. ' * 50 for _ in range(100000)), jobs=2)
next(it)
del it
gc.collect()
left = [quotelink.extract_many(('"We are ready," Peskov said.' for _ in range(1000000)), jobs=2) for _ in range(3)]
for it in left:
    next(it)
print("ok")
"""
    for _ in range(3):  # exiting while a thread reads the input was a race: try it more than once
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
        assert out.returncode == 0, (out.returncode, out.stderr.decode()[-2000:])
        assert out.stdout.decode().strip() == "ok"


# ------------------------------------------------------------ streaming and threads


def test_extract_many_pulls_documents_as_rows_are_consumed():
    pulled = [0]

    def docs(n):
        for i in range(n):
            pulled[0] += 1
            yield (i, f'"We are ready for round {i}," Peskov said.')

    n = 200_000
    it = quotelink.extract_many(docs(n), jobs=2)
    first = next(it)
    assert first["source"] == "0"
    ahead = pulled[0]
    assert ahead < 20_000, f"{ahead} documents read for the first row: the input is not streamed"
    count = 1 + sum(1 for _ in it)
    assert count == n and pulled[0] == n


def test_the_input_is_read_on_the_calling_thread():
    """A database cursor must be used on the thread that made it: the
    documents are read where the rows are."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("create table articles (id text, body text, published text)")
    db.executemany(
        "insert into articles values (?, ?, ?)",
        [(id, text, "2026-02-04") for id, text in articles()],
    )
    threads = set()

    def docs():
        for row in db.execute("select id, body, published from articles order by rowid"):
            threads.add(threading.get_ident())
            yield row

    rows = list(quotelink.extract_many(docs(), jobs=2))
    assert threads == {threading.get_ident()}
    assert [without_chars(r) for r in rows] == [
        without_chars(r) for id, text in articles() for r in quotelink.extract(text, "2026-02-04", id=id)
    ]


def test_extract_many_from_several_threads_at_once():
    docs = articles() * 20
    want = [without_chars(r) for r in quotelink.extract_many(docs, jobs=1)]
    results, errors = {}, []

    def work(k):
        try:
            results[k] = [without_chars(r) for r in quotelink.extract_many(iter(docs), jobs=2)]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[k] == want for k in range(6))


def test_one_iterator_read_from_two_threads_is_safe():
    it = quotelink.extract_many(articles() * 50, jobs=2)
    seen, errors = [], []

    def work():
        while True:
            try:
                seen.append(next(it))
            except StopIteration:
                return
            except RuntimeError as e:  # another thread is reading it: allowed, never a crash
                errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    want = list(quotelink.extract_many(articles() * 50, jobs=2))
    assert sorted(map(repr, seen)) == sorted(map(repr, want))


def test_extract_releases_the_gil():
    """While one thread extracts a long text, another makes progress."""
    text = ('"We are ready," Peskov said. The talks went on. ' * 20000)
    ticks = [0]
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks[0] += 1

    t = threading.Thread(target=tick)
    t.start()
    before = ticks[0]
    quotelink.extract(text)
    during = ticks[0] - before
    done.set()
    t.join()
    assert during > 1000


# ------------------------------------------------------------ pandas

pd = pytest.importorskip("pandas")


def test_to_pandas_types_the_columns():
    rows = quotelink.extract(NON_ASCII) + quotelink.extract('"We are ready," Peskov said.')
    df = quotelink.to_pandas(rows)
    assert list(df.columns) == quotelink.ROW_KEYS
    assert len(df) == len(rows)
    types = dict(quotelink.COLUMNS)
    for name in df.columns:
        kind = types.get(name, "int")
        if kind == "int":
            assert df[name].dtype == "int64", name
        elif kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(df[name]), name
    assert df["date"].iloc[0] == pd.Timestamp("2026-02-04")
    assert pd.isna(df["date"].iloc[-1])  # no date: NaT
    assert quotelink.to_pandas(rows, parse_dates=False)["date"].iloc[-1] == ""
    # a RowIterator goes in column by column, with the same result
    many = quotelink.to_pandas(quotelink.extract_many([NON_ASCII, '"We are ready," Peskov said.']))
    assert many.drop(columns="source").equals(df.drop(columns="source"))
    empty = quotelink.to_pandas([])
    assert list(empty.columns) == quotelink.ROW_KEYS and len(empty) == 0


def test_extract_frame_keeps_the_other_columns():
    texts = [text for _, text in articles()]
    df = pd.DataFrame(
        {
            "content": texts + ["no quotes here", NON_ASCII],
            "published": [pd.Timestamp("2026-02-01")] * len(texts) + [pd.NaT, "2026-02-04"],
            "outlet": [f"outlet{i}" for i in range(len(texts) + 2)],
            "date": ["clash"] * (len(texts) + 2),
        },
        index=[f"art{i}" for i in range(len(texts) + 2)],
    )
    out = quotelink.extract_frame(df)
    assert "content" not in out.columns
    # `outlet` and `date` are row keys too: the input's get the suffix
    assert list(out.columns[:3]) == ["published", "outlet_input", "date_input"]
    assert list(out.columns[3:]) == quotelink.ROW_KEYS
    assert out["start"].dtype == "int64" and pd.api.types.is_datetime64_any_dtype(out["date"])
    # each row carries its article's columns, and its index label
    for label, row in out.iterrows():
        assert row["outlet_input"] == df.loc[label, "outlet"]
        assert row["source"] == label
        text = df.loc[label, "content"]
        assert text[row["char_start"] : row["char_end"]] == row["quote"]
    assert set(out.loc[out.index != f"art{len(texts) + 1}", "date"]) == {pd.Timestamp("2026-02-01")}
    assert set(out.loc[f"art{len(texts) + 1}", "date"]) == {pd.Timestamp("2026-02-04")}
    # the same rows as extract, article by article
    first = quotelink.extract(texts[0], "2026-02-01", id="art0")
    assert out.loc["art0", "quote"].tolist() == [r["quote"] for r in first]
    # an id column names the rows' source
    by_id = quotelink.extract_frame(df, id="outlet", keep_text=True)
    assert "content" in by_id.columns and set(by_id["source"]) <= set(df["outlet"])
    with pytest.raises(KeyError, match="no column 'body'"):
        quotelink.extract_frame(df, text="body")


# ------------------------------------------------------------ check and compare


def test_check_scores_rows_like_the_command_line():
    rows = [r for source, text in articles()[:5] for r in quotelink.extract(text, id=source)]
    report = quotelink.check(ROOT / "tests/data/gold_direct.csv", rows, kind="direct")
    assert isinstance(report, dict) and report["passed"], report["missed"]
    assert report["overall"]["recall"] == 1.0
    out = subprocess.run(
        [binary(), "check", "tests/data/gold_direct.csv", "tests/data/articles", "--kind", "direct", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
    )
    if out.returncode == 0 and out.stdout.strip().startswith(b"{"):
        assert json.loads(out.stdout) == report
    # known quotes as dicts; a row missing
    known = [{"source": "a", "speaker": "Dmitry Peskov", "quote": "We are ready", "kind": "direct"}]
    assert quotelink.check(known, [], kind="direct")["passed"] is False
    with pytest.raises(ValueError, match="kind must be"):
        quotelink.check(known, [], kind="quotes")


def test_compare_groups_statements():
    rows = [r for source, text in articles()[:5] for r in quotelink.extract(text, id=source)]
    statements = quotelink.compare(rows, speaker="Peskov")
    assert statements and all(s["speaker"] == "Dmitry Peskov" for s in statements)
    assert all(isinstance(s["rows"], list) and s["outlets"] >= 1 for s in statements)
    assert max(s["outlets"] for s in statements) >= 2
    json.dumps(statements)  # plain data
    df_rows = quotelink.to_pandas(rows).to_dict("records")  # dates as Timestamps work too
    assert quotelink.compare(df_rows, speaker="Peskov") == statements
    with pytest.raises(ValueError, match='since: date "soon" is not YYYY-MM-DD'):
        quotelink.compare(rows, since="soon")


# ------------------------------------------------------------ the README


def test_the_readme_python_session_runs_as_shown():
    import doctest

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```pycon\n")[1:]]
    assert blocks, "the README's Python section has a pycon session"
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "README.md#python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, "the README's Python session prints something else (see above)"


def test_the_module_docstring_example_runs():
    import doctest

    failures, tried = doctest.testmod(quotelink, optionflags=doctest.ELLIPSIS)
    assert tried >= 4 and failures == 0


def test_pandas_is_optional():
    """`import quotelink` and every function but the two DataFrame ones work
    without pandas (here: with pandas made unimportable)."""
    script = r"""
import sys
sys.modules["pandas"] = None  # import pandas now raises ImportError
import quotelink
assert quotelink.extract('"We are ready," Peskov said.')[0]["speaker"] == "Dmitry Peskov"
try:
    quotelink.to_pandas([])
except ImportError as e:
    assert "pip install pandas" in str(e), e
else:
    raise SystemExit("to_pandas worked without pandas")
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert out.returncode == 0 and out.stdout.decode().strip() == "ok", out.stderr.decode()[-2000:]
