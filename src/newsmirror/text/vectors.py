"""Small Chinese word vectors shipped with the package: similarity a bag of words cannot see.

Two reports of one event often share few words (下市 / 摘牌, 疫苗 / 接种, a commentary and the
report it comments on); words used in the same contexts across a news archive get close vectors,
so their IDF-weighted mean vectors are close too. The vectors (``vectors.npz`` beside this module;
how they were made, from which public text, in ``VECTORS.md``) were trained offline by
``bench/train_vectors.py``: PPMI of jieba words in a +-5 window over a public Chinese news feed
archive, truncated SVD to 64 dimensions, 25,000 words, float16. Nothing is downloaded at run time.

Public surface: ``default_vectors()`` and ``WordVectors.text_vector`` / ``weighted_vector`` /
``similarity`` / ``cosine``. Words are looked up as ``text.tokenize.words`` cuts normalized text
(Simplified, aliases folded, lower case); unknown words are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Mapping, Sequence
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np

from newsmirror.errors import ConfigError
from newsmirror.text.fold import quick_normalize
from newsmirror.text.tokenize import words

VECTORS_FILE = Path(__file__).with_name("vectors.npz")


class VectorsError(ConfigError):
    pass


class WordVectors:
    """Unit word vectors with document frequencies (for IDF weights) of the training archive."""

    def __init__(self, vocabulary: Iterable[str], vectors: np.ndarray, document_frequency: np.ndarray,
                 documents: int) -> None:
        self.words = list(vocabulary)
        self.index = {word: i for i, word in enumerate(self.words)}
        # Row-major: a report's known words are gathered as rows, twice as fast as from the packaged
        # column-major array (the gathered rows, and so every product, are the same).
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if self.vectors.shape[0] != len(self.words) or len(document_frequency) != len(self.words):
            raise VectorsError("word vectors: words, vectors and frequencies differ in length; retrain them "
                               "with bench/train_vectors.py")
        self.idf = np.log((documents + 1) / (np.asarray(document_frequency, dtype=np.float32) + 1)).astype(np.float32)

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def weighted_vector(self, weights: Mapping[str, float]) -> np.ndarray | None:
        """Unit vector of the weighted sum of the known words' vectors; None when no word is known."""
        # Array passes instead of a Python loop over the words (this runs for every report).
        count = len(weights)
        ids = np.fromiter(map(self.index.get, weights, repeat(-1)), dtype=np.intp, count=count)
        return self._weighted(ids, np.fromiter(weights.values(), dtype=np.float64, count=count))

    def weighted_vectors(self, weights: Mapping[str, float], part: Container[str],
                         rows: Sequence[int] | None = None) -> tuple[np.ndarray | None, np.ndarray | None]:
        """``weighted_vector(weights)`` and ``weighted_vector`` of the words of ``weights`` in ``part``
        (a report's and its lede's meaning), from one look-up of the words: the part's rows and
        weights are those of the whole, in the same order, so both vectors are the same as apart.
        ``rows``: each word's row (``index``, -1 if unknown) in the order of ``weights``, when the caller
        has them."""
        count = len(weights)
        ids = np.fromiter(map(self.index.get, weights, repeat(-1)) if rows is None else rows, dtype=np.intp,
                          count=count)
        scale = np.fromiter(weights.values(), dtype=np.float64, count=count)
        inside = np.fromiter(map(part.__contains__, weights), dtype=bool, count=count)
        return self._weighted(ids, scale), self._weighted(ids[inside], scale[inside])

    def _weighted(self, ids: np.ndarray, scale: np.ndarray) -> np.ndarray | None:
        known = (ids >= 0) & (scale != 0)
        if not known.any():
            return None
        total = scale[known].astype(np.float32) @ self.vectors[ids[known]]
        norm = _length(total)
        return total / norm if norm > 0 else None

    def text_vector(self, text: str, *, normalized: bool = False) -> np.ndarray | None:
        """IDF-weighted mean vector of the text's words (each occurrence counts); None when no word is known."""
        if not normalized:
            text = quick_normalize(text)
        counts: dict[str, float] = {}
        for word in words(text, normalized=True):
            i = self.index.get(word)
            if i is not None:
                counts[word] = counts.get(word, 0.0) + float(self.idf[i])
        return self.weighted_vector(counts)

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two texts' vectors (0.0 when either has no known word)."""
        return cosine(self.text_vector(a), self.text_vector(b))

    def nearest(self, word: str, count: int = 10) -> list[tuple[str, float]]:
        """The words closest to ``word`` (for inspecting the vectors), best first."""
        i = self.index.get(word)
        if i is None:
            return []
        scores = self.vectors @ self.vectors[i]
        order = np.argsort(-scores)[: count + 1]
        return [(self.words[j], float(scores[j])) for j in order if j != i][:count]


def cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """Cosine of two vectors; 0.0 when either is missing or zero."""
    if a is None or b is None:
        return 0.0
    norm = _length(a) * _length(b)
    value = float(a @ b) / norm if norm > 0 else 0.0
    return value if math.isfinite(value) else 0.0


def _length(vector: np.ndarray) -> float:
    """``np.linalg.norm`` of a vector: for a contiguous 1-D float array that is ``sqrt(x.dot(x))``
    in its own dtype, computed here without the general function's argument handling (grouping
    asks for it at every story pair it scores)."""
    if vector.ndim == 1 and vector.dtype.kind == "f" and vector.flags.c_contiguous:
        return float(np.sqrt(vector.dot(vector)))
    return float(np.linalg.norm(vector))


def load_vectors(path: Path = VECTORS_FILE) -> WordVectors:
    try:
        with np.load(path, allow_pickle=False) as data:
            return WordVectors([str(w) for w in data["words"]], data["vectors"], data["df"], int(data["docs"][0]))
    except (OSError, KeyError, ValueError) as exc:
        raise VectorsError(f"cannot read the word vectors {path}: {exc}; reinstall newsmirror or retrain them "
                           "with bench/train_vectors.py") from exc


@cache
def default_vectors() -> WordVectors:
    """The packaged vectors, read once per process."""
    return load_vectors()
