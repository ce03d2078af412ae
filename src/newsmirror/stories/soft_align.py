"""Soft word alignment of two units: how much of each unit's wording the other says, in the same or
in close words (the shipped word vectors, ``text.vectors``: 国防/军事, 放款/贷款).

Each unit's jieba words of two or more characters (and figures) are weighted by their rarity in the
story (log(1 + units / units holding the word)); a word counts as said by the other unit when the
other holds it, a word inside it or around it, or a word whose vector's cosine with it is at least
``CLOSE`` (counting that cosine). The share of a unit's weight said by the other is its coverage.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from newsmirror.text.tokenize import is_wordlike, segment
from newsmirror.text.vectors import default_vectors

CLOSE = 0.6  # cosine from which two different words count as saying one thing


def unit_words(key: str) -> list[str]:
    """The words of a match key that carry content: two or more characters, or a figure."""
    return [w for w in segment(key) if is_wordlike(w) and (len(w) >= 2 or w.isdigit())]


class SoftAligner:
    """Coverages of unit pairs of one story (words and their weights computed once)."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.words = [unit_words(k) for k in keys]
        frequency: Counter[str] = Counter(w for ws in self.words for w in set(ws))
        total = max(len(keys), 1)
        self.weight = {w: math.log(1 + total / df) for w, df in frequency.items()}
        vocabulary = sorted(frequency)
        self.column = {w: k for k, w in enumerate(vocabulary)}
        vectors = default_vectors()
        matrix = np.zeros((len(vocabulary), vectors.dims), dtype=np.float32)
        for w, k in self.column.items():
            row = vectors.index.get(w)
            if row is not None:
                matrix[k] = vectors.vectors[row]
        self.similar = matrix @ matrix.T

    def coverage(self, unit: int, other: int) -> float:
        """The share of ``unit``'s word weight that ``other`` says in the same or close words."""
        theirs = set(self.words[other])
        said = total = 0.0
        for word in set(self.words[unit]):
            weight = self.weight[word]
            total += weight
            said += weight * self._said(word, theirs)
        return said / total if total else 0.0

    def _said(self, word: str, theirs: set[str]) -> float:
        if word in theirs or any(len(o) >= 2 and (word in o or o in word) for o in theirs):
            return 1.0
        row = self.similar[self.column[word]]
        best = max((float(row[self.column[o]]) for o in theirs), default=0.0)
        return best if best >= CLOSE else 0.0

    def score(self, first: int, second: int) -> float:
        """The smaller coverage of the two units (each must say most of what the other says)."""
        return min(self.coverage(first, second), self.coverage(second, first))
