"""Search and matching tokens: jieba words plus CJK character bigrams, over normalized text.

Words give precision (马朝旭, 拉夫罗夫 stay whole: canonical alias names are in the
dictionary); bigrams give recall where jieba segments two spellings differently.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import jieba
import jieba.posseg
from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

from newsmirror.text.aliases import canonical_names, load_aliases
from newsmirror.text.normalize import normalize

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORDLIKE = re.compile(r"\w", re.UNICODE)

jieba.setLogLevel(logging.WARNING)


@cache
def _tokenizer() -> jieba.Tokenizer:
    # Our own instance, so adding the alias names does not change jieba for other callers.
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tags = {alias.canonical: _KIND_TAGS.get(alias.kind, "nz") for alias in load_aliases()}
    for name in canonical_names():
        if not name.isascii():
            tokenizer.add_word(name, freq=2000, tag=tags.get(name, "nz"))
    return tokenizer


@cache
def _pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(_tokenizer())


# jieba's part-of-speech tags for names of people, places, organisations and other proper nouns.
_KIND_TAGS = {"person": "nr", "place": "ns", "org": "nt", "term": "nz"}
_PROPER = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "x"}


def proper_nouns(text: str) -> list[str]:
    """Names and other proper nouns of the normalized text, by jieba's part-of-speech tagger
    (words it does not know, tagged 'x', are mostly names too)."""
    found = []
    for pair in _pos_tokenizer().lcut(normalize(text)):
        word, flag = pair.word, pair.flag
        if flag in _PROPER and len(word) >= 2 and _CJK_RUN.fullmatch(word):
            found.append(word)
    return found


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
