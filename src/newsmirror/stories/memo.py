"""Per-term values computed once per process, shared by the clusterer and the event layer.

A hit is a plain dict look-up (no Python call), which matters in loops over every term of every report,
candidate and story pair: the event layer called ``text.tokenize.idf`` (a Python function) for every term of
every story it weighed, in pass after pass (session 56, speed94: 2-3 % of grouping a real archive).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from newsmirror.text.tokenize import idf, is_name, is_term

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


# Pure functions of the term, shared by every clusterer of the process (a grouping run starts a fresh one, and
# rebuilding the open stories reads their terms again): the same values as the functions, so never stale.
NAMES: Memo[int] = Memo(lambda term: int(is_name(term)))  # 1 if a name (jieba's dictionary tags)
IDFS: Memo[float] = Memo(idf)  # background IDF
# Whether a token of jieba's search cut is a term (``text.tokenize.is_term``).
TERMS: Memo[bool] = Memo(is_term)
