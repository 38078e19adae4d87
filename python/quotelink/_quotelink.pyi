"""Type stubs of quotelink's native module (python/src/lib.rs). Import
`quotelink`, which re-exports everything here."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, TypedDict, Union

__version__: str

#: The row columns, in the CSV's order, with their types: "text", "int" or "date".
COLUMNS: List[Tuple[str, str]]
#: The most worker threads `extract_many` runs.
MAX_JOBS: int

class Row(TypedDict):
    """One row: the CSV's columns (`COLUMNS`, in order), then the quote's
    offsets as Python string indices. (The keys follow `COLUMNS`: a
    test checks that this list matches it.)"""

    speaker: str
    """Canonical speaker name, an unnamed source as written, or "" when unknown."""
    quote: str
    """The words (quote marks removed for a direct quote)."""
    date: str
    """The article's date, YYYY-MM-DD, or ""."""
    kind: str
    """"direct", "indirect" or "mixed"."""
    cue: str
    """The reporting word(s) as written ("told", "according to"), or ""."""
    speaker_mention: str
    """The speaker as written where it was linked ("he", "the Kremlin spokesman")."""
    source: str
    """The document's id."""
    start: int
    """UTF-8 byte offset of the start of `quote` in the text (as in the CSV)."""
    end: int
    """UTF-8 byte offset of the end of `quote` (exclusive)."""
    rule: str
    """The rule that made the row: KIND.SIEVE/RESOLUTION."""
    cue_class: str
    """The cue's class (say, add, deny, ...), or ""."""
    said_on: str
    """The day the words were said when the text says so (YYYY-MM-DD), or ""."""
    title: str
    """The article's headline, or ""."""
    url: str
    """The article's URL, or ""."""
    outlet: str
    """Who published it (site name, else the URL's domain), or ""."""
    lang: str
    """The language whose lexicons read the document (en, ru, uk, ...)."""
    char_start: int
    """Python string index of the start of `quote`: text[char_start:char_end] == quote."""
    char_end: int
    """Python string index of the end of `quote` (exclusive)."""

class QuotelinkError(Exception):
    """An error of the quotelink library (a malformed lexicon, an unreadable
    rows file, an internal error)."""

class LexiconError(QuotelinkError):
    """Malformed lexicon files."""

    errors: List[Tuple[str, int, str]]
    """Every malformed line: (file, line, reason); line 0 is the file as a whole."""
    file: Optional[str]
    """The first malformed line's file."""
    line: Optional[int]
    """The first malformed line's number."""

class Lexicons:
    """The word lists, speakers, cues and titles extraction uses. Load once
    and pass to every call: matchers are built on first use and kept."""

    @staticmethod
    def builtin(lang: str = "en") -> "Lexicons":
        """The built-in lexicons of a language ("en")."""
    @staticmethod
    def from_dir(path: Union[str, "os.PathLike[str]"], *, base: Optional[str] = "en") -> "Lexicons":
        """Lexicons from the files of a folder (speakers.tsv, cues.tsv, ...).

        base="en": the folder extends the built-in English lexicons (the
        command line's --lexicons); base=None: the folder is a whole language
        (--lang DIR). Raises LexiconError (file, line, errors) for malformed
        files and FileNotFoundError for a missing folder."""

DateLike = Union[str, datetime.date, None]
LexiconsArg = Union[Lexicons, str, "os.PathLike[str]", None]
Document = Union[Mapping[str, Any], Tuple[Union[str, int, None], str], Tuple[Union[str, int, None], str, DateLike], str]

def extract(
    text: str,
    date: DateLike = None,
    id: Union[str, int, None] = None,
    *,
    lexicons: LexiconsArg = None,
    keep_unattributed: bool = False,
) -> List[Row]:
    """The rows of one document.

    `start`/`end` are UTF-8 byte offsets (as in the CSV); `char_start`/
    `char_end` are Python string indices: text[char_start:char_end] == quote.
    `date`: YYYY-MM-DD or RFC 3339 string, datetime.date, or None (read from
    the text: a `date YYYY-MM-DD` header line or a dateline). `id` becomes
    the rows' `source` (None: ""). Raises TypeError (text not a str) or
    ValueError (malformed date). The GIL is released while the text is
    analysed."""

class RowIterator(Iterator[Row]):
    """The rows of `extract_many`, in input order."""

    def __iter__(self) -> "RowIterator": ...
    def __next__(self) -> Row: ...
    def columns(self) -> Dict[str, list]:
        """The remaining rows as columns: row key -> list of values."""

def extract_many(
    docs: Iterable[Document],
    jobs: Optional[int] = None,
    *,
    lexicons: LexiconsArg = None,
    keep_unattributed: bool = False,
) -> RowIterator:
    """The rows of many documents, in input order, extracted in parallel on
    `jobs` threads (default: one per core) without the GIL.

    `docs`: any iterable of dicts with "text" ("id", "date", "title"
    optional), of (id, text) or (id, text, date) tuples, or of strings. A
    document with no id gets its 0-based position. Documents are pulled as
    rows are consumed: memory stays bounded whatever the input's length. A
    bad document raises TypeError/ValueError after the rows before it."""

def check(
    known: Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]]],
    rows: Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]]],
    *,
    kind: str = "all",
    lexicons: LexiconsArg = None,
    min_overlap: float = 0.8,
    min_row_overlap: float = 0.3,
    precision_overlap: float = 0.5,
    min_recall: float = 1.0,
    min_precision: float = 0.0,
    min_speaker_accuracy: float = 1.0,
) -> Dict[str, Any]:
    """Score rows against known quotes (`quotelink check`): its JSON report
    as a dict (overall, by_kind, by_speaker, speaker_accuracy, missed,
    unexpected, wrong_speaker, wrong_date, passed, ...)."""

def compare(
    rows: Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]]],
    *,
    similarity: float = 0.6,
    speaker: Optional[str] = None,
    from_date: DateLike = None,
    to_date: DateLike = None,
    since: DateLike = None,
    kind: str = "all",
    lexicons: LexiconsArg = None,
) -> List[Dict[str, Any]]:
    """Group rows into statements (`quotelink compare`): dicts with speaker,
    first_said_on, first_reported_on, last_reported_on, outlets,
    representative and rows (each row's joined_by says why it is in the
    statement: first, verbatim, same words, contained, paraphrase,
    translation variant or paraphrase same day)."""
