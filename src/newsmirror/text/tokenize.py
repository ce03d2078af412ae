"""Search and matching tokens: jieba words plus CJK character bigrams, over normalized text.

Words give precision (马朝旭, 拉夫罗夫 stay whole: canonical alias names are in the
dictionary); bigrams give recall where jieba segments two spellings differently.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import jieba
from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

from newsmirror.text.aliases import canonical_names
from newsmirror.text.normalize import normalize

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORDLIKE = re.compile(r"\w", re.UNICODE)

jieba.setLogLevel(logging.WARNING)


@cache
def _tokenizer() -> jieba.Tokenizer:
    # Our own instance, so adding the alias names does not change jieba for other callers.
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for name in canonical_names():
        if not name.isascii():
            tokenizer.add_word(name, freq=2000)
    return tokenizer


def words(text: str, *, normalized: bool = False) -> list[str]:
    """jieba words of the normalized text, without spaces and punctuation."""
    if not normalized:
        text = normalize(text)
    return [w for w in _tokenizer().lcut(text) if _WORDLIKE.search(w)]


def cjk_bigrams(text: str, *, normalized: bool = False) -> list[str]:
    """Overlapping character bigrams of every run of Han characters (a lone character stays)."""
    if not normalized:
        text = normalize(text)
    grams: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def tokenize(text: str) -> list[str]:
    """Words then bigrams, for an index or a query (duplicates kept: term frequency counts)."""
    text = normalize(text)
    return words(text, normalized=True) + cjk_bigrams(text, normalized=True)


@cache
def _idf() -> tuple[dict[str, float], float]:
    loader = IDFLoader(DEFAULT_IDF)
    return loader.idf_freq, loader.median_idf


def idf(word: str) -> float:
    """Background inverse document frequency from jieba's packaged table (median for unknown
    words, so new names count as fairly distinctive)."""
    table, median = _idf()
    return table.get(word, median)
