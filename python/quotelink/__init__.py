"""quotelink: who said what, and when, in news articles.

One row per quotation or reported claim: the speaker, the words, the
article's date, and the cue, rule and offsets that explain it. The rows are
the command line's (`quotelink extract`), made by the same Rust library,
in this process.

    >>> import quotelink
    >>> text = "date 2026-02-04\\n\\"We are ready,\\" Peskov said."
    >>> row = quotelink.extract(text)[0]
    >>> row["speaker"], row["quote"], row["date"]
    ('Dmitry Peskov', 'We are ready,', '2026-02-04')
    >>> text[row["char_start"]:row["char_end"]] == row["quote"]
    True

Functions: `extract` (one text), `extract_many` (an iterable of documents,
in parallel, streamed), `to_pandas` and `extract_frame` (pandas
DataFrames), `check` and `compare` (the command line's analyses, as plain
data). `Lexicons.from_dir(path)` loads your own lexicons. A row is a dict
keyed by the CSV's column names (`COLUMNS`), plus `char_start`/`char_end`:
`start`/`end` are UTF-8 byte offsets (as in the CSV), `char_start`/
`char_end` Python string indices.
"""

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

from ._quotelink import (
    COLUMNS,
    MAX_JOBS,
    LexiconError,
    Lexicons,
    QuotelinkError,
    RowIterator,
    __version__,
    check,
    compare,
    extract,
    extract_many,
)

if TYPE_CHECKING:  # pragma: no cover
    import os

    import pandas

__all__ = [
    "COLUMNS",
    "MAX_JOBS",
    "ROW_KEYS",
    "LexiconError",
    "Lexicons",
    "QuotelinkError",
    "RowIterator",
    "__version__",
    "check",
    "compare",
    "extract",
    "extract_frame",
    "extract_many",
    "to_pandas",
]

#: The keys of a row dict, in order: the CSV's columns, then the quote's
#: offsets in Python string indices.
ROW_KEYS = [name for name, _ in COLUMNS] + ["char_start", "char_end"]


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pandas is an optional dependency
        raise ImportError("quotelink's DataFrame functions need pandas: pip install pandas") from e
    return pandas


def _typed_frame(pd, columns, parse_dates, index=None):
    """A DataFrame from row columns (a dict of lists), with each column's
    dtype from its type in COLUMNS: int64 integers, datetime64 dates (NaT
    when empty) or text; the row keys' order."""
    types = dict(COLUMNS)
    types.update(char_start="int", char_end="int")
    frame = {}
    for name in ROW_KEYS:
        values = columns[name]
        ty = types.get(name, "text")
        if ty == "int":
            frame[name] = pd.Series(values, dtype="int64", index=index)
        elif ty == "date" and parse_dates:
            frame[name] = pd.to_datetime(pd.Series(values, dtype=object, index=index).replace("", None), format="%Y-%m-%d")
        else:
            # pandas' string dtype (object before pandas 3)
            frame[name] = pd.Series(values, dtype=str, index=index)
    return pd.DataFrame(frame, index=index)


def to_pandas(rows: Iterable[Mapping[str, Any]], *, parse_dates: bool = True) -> "pandas.DataFrame":
    """Rows (from `extract`, `extract_many`, or any iterable of row dicts) as a
    pandas DataFrame with one column per row key (`ROW_KEYS`).

    Integer columns (`start`, `end`, `char_start`, `char_end`) are int64;
    date columns (`date`, `said_on`) are datetime64 with NaT for an empty
    date (`parse_dates=False` keeps them as `YYYY-MM-DD` strings); text
    columns have pandas' string dtype (`str`; object before pandas 3).
    """
    pd = _pandas()
    if isinstance(rows, RowIterator):
        columns = rows.columns()
    else:
        columns = {k: [] for k in ROW_KEYS}
        for row in rows:
            for k in ROW_KEYS:
                columns[k].append(row[k])
    return _typed_frame(pd, columns, parse_dates)


def extract_frame(
    df: "pandas.DataFrame",
    text: str = "content",
    date: Optional[str] = "published",
    id: Optional[str] = None,
    *,
    jobs: Optional[int] = None,
    lexicons: Union[Lexicons, str, "os.PathLike[str]", None] = None,
    keep_unattributed: bool = False,
    parse_dates: bool = True,
    keep_text: bool = False,
) -> "pandas.DataFrame":
    """The rows of the articles of a pandas DataFrame, as a DataFrame.

    `text` names the column that holds each article's text; `date` the
    column of its date (strings, datetimes or NaT; `date=None`: dates are
    read from the texts); `id` the column whose value becomes each row's
    `source` (None: the input's index label, as a string).

    Each row of the result carries the other columns of its article's input
    row alongside (the text column too with `keep_text=True`), first, and the
    input's index label as its index. An input column whose name is also a row
    key gets the suffix `_input`. Dtypes as in `to_pandas`. The articles go
    through `extract_many` (parallel, on `jobs` threads).
    """
    pd = _pandas()
    for name in (text, date, id):
        if name is not None and name not in df.columns:
            raise KeyError(f"extract_frame: the DataFrame has no column {name!r} (it has {list(df.columns)})")
    texts = df[text].tolist()
    dates = df[date].tolist() if date is not None else [None] * len(texts)

    def docs():
        yield from zip(range(len(texts)), texts, dates)

    rows = extract_many(docs(), jobs, lexicons=lexicons, keep_unattributed=keep_unattributed).columns()
    positions = [int(s) for s in rows["source"]]
    if id is not None:
        ids = df[id]
        rows["source"] = ["" if pd.isna(v) else str(v) for v in ids.iloc[positions]]
    else:
        rows["source"] = [str(v) for v in df.index[positions]]
    others = df if keep_text else df.drop(columns=[text])
    others = others.iloc[positions]
    clashes = {c: f"{c}_input" for c in others.columns if c in ROW_KEYS}
    others = others.rename(columns=clashes)
    found = _typed_frame(pd, rows, parse_dates, index=others.index)
    return pd.concat([others, found], axis=1)
