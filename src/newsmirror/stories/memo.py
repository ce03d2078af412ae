"""Per-term tables computed once per process, shared by the clusterer and the event layer.

A term's background IDF is a pure function of the term (``text.tokenize.idf``: a look-up in jieba's table
behind a Python call). Grouping asks for it hundreds of thousands of times per thousand reports: the
clusterer for every distinct word of every report, and the event layer (``stories.eventlink``) for every
title and lede term of every story it weighs, which called ``idf`` itself, a Python call per term where a
dict hit costs none. One table serves both (the same floats: the table holds what ``idf`` returned).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from newsmirror.text.tokenize import idf

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


IDFS: Memo[float] = Memo(idf)  # background IDF (``text.tokenize.idf``)
