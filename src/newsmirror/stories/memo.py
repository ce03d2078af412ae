"""Per-term look-ups kept for the process: each is a pure function of the term (or of the term and a
word-vector table), asked for every distinct word of every report and of every story pair grouping scores.

A hit is a plain dict look-up (no Python call); a miss computes and keeps the value. The tables are
bounded (each starts afresh past ``Memo.limit`` terms), so they never grow with the archive. They are
shared by every clusterer of the process and by the event layer (``stories.eventlink``): a grouping run,
a rebuild of the open stories, and ``bench/days_eval.py``'s day after day each start a fresh clusterer,
which read the same words again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from newsmirror.text.tokenize import idf, is_name, is_term

if TYPE_CHECKING:
    from newsmirror.text.vectors import WordVectors

_V = TypeVar("_V")


class Memo(dict[str, _V]):
    """A term's value computed once: a miss computes and keeps it, a hit is a plain dict look-up
    (no Python call), which matters in loops over every term of every report and candidate.
    Bounded, as the rest of the state: it starts afresh past ``limit`` terms."""

    def __init__(self, compute: Callable[[str], _V], limit: int = 500_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, term: str) -> _V:
        if len(self) > self.limit:
            self.clear()
        value = self[term] = self.compute(term)
        return value


NAMES: Memo[int] = Memo(lambda term: int(is_name(term)))  # 1 if a name (jieba's dictionary tags)
IDFS: Memo[float] = Memo(idf)  # background IDF (``text.tokenize.idf``)
# Whether a token of jieba's search cut is a term (``text.tokenize.is_term``).
TERMS: Memo[bool] = Memo(is_term)

WordRecord = tuple[float, int, int]  # background IDF, name verdict, row in a word-vector table (-1: none)

# One record table per word-vector table (a clusterer without vectors: rows -1), dropped with its table.
_RECORDS: weakref.WeakKeyDictionary[WordVectors, Memo[WordRecord]] = weakref.WeakKeyDictionary()
_RECORDS_WITHOUT_VECTORS: Memo[WordRecord] = Memo(lambda term: (IDFS[term], NAMES[term], -1))


def word_records(vectors: WordVectors | None) -> Memo[WordRecord]:
    """A word's (background IDF, name verdict, row in ``vectors`` or -1), from one look-up: the table of
    ``vectors`` (its rows are its own: a clusterer with other vectors gets another table), made on first use
    and shared by every clusterer reading the same vectors."""
    if vectors is None:
        return _RECORDS_WITHOUT_VECTORS
    records = _RECORDS.get(vectors)
    if records is None:
        index = vectors.index
        records = _RECORDS[vectors] = Memo(lambda term: (IDFS[term], NAMES[term], index.get(term, -1)))
    return records
