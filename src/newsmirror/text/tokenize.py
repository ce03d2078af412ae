"""Search and matching tokens: jieba words plus CJK character bigrams, over normalized text.

Words give precision (马朝旭, 拉夫罗夫 stay whole: canonical alias names are in the
dictionary); bigrams give recall where jieba segments two spellings differently.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO

import jieba
import jieba.posseg
import rjieba

from newsmirror.text.aliases import alias_map, canonical_names, load_aliases
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
def _segmenter() -> rjieba.Jieba:
    """jieba-rs (Rust) with the same dictionary and the same alias names as ``_tokenizer``: on
    normalized text it cuts exactly as jieba does (checked on 1,730 whole real articles), some
    twenty times faster, which is most of the cost of grouping an article."""
    segmenter = rjieba.Jieba()
    tags = {alias.canonical: _KIND_TAGS.get(alias.kind, "nz") for alias in load_aliases()}
    for name in canonical_names():
        if not name.isascii():
            segmenter.add_word(name, 2000, tags.get(name, "nz"))
    return segmenter


class _Tagger(jieba.posseg.POSTokenizer):
    """jieba's tagger, its tag table copied from the one ``import jieba.posseg`` already read from
    the same default dictionary (``jieba.posseg.dt``), not read again (0.3 s of the ~3 s a process
    spent loading before its first comparison, as in `stories show ID --outlet A --outlet B`).
    Nothing here tags with jieba's global tagger, so its table is the dictionary's as read."""

    def load_word_tag(self, f: IO[bytes]) -> None:
        shared = jieba.posseg.dt
        if self.tokenizer.dictionary == jieba.DEFAULT_DICT == shared.tokenizer.dictionary:
            f.close()
            self.word_tag_tab = dict(shared.word_tag_tab)
        else:
            super().load_word_tag(f)


@cache
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's part-of-speech tagger over the project's word list (the alias table's names added
    with their kind's tag), shared by the tokenizer and the name tests of ``text.names``."""
    tagger = _Tagger(_tokenizer())
    # jieba copies the added words' tags into the tag table only when the tagger first cuts, so
    # ``is_name`` read the table without them until some code tagged a text: a grouping then
    # depended on what the process had done before (a story comparison tags texts).
    tagger.makesure_userdict_loaded()
    return tagger


# jieba's part-of-speech tags for names of people, places, organisations and other proper nouns.
_KIND_TAGS = {"person": "nr", "place": "ns", "org": "nt", "term": "nz"}
_PROPER = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "x"}
# Common words jieba's dictionary tags as names (云云 "and so on" is tagged nr).
_MISTAGGED = frozenset({"云云"})


def tagged_words(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` (as given: normalize first where keys matter) with their
    part-of-speech tags, in order."""
    return [(pair.word, pair.flag) for pair in pos_tokenizer().cut(text)]


def proper_nouns(text: str, *, normalized: bool = False) -> list[str]:
    """Names and other proper nouns of the normalized text, by jieba's part-of-speech tagger
    (words it does not know, tagged 'x', are mostly names too)."""
    if not normalized:
        text = normalize(text)
    found = []
    for word, flag in tagged_words(text):
        if flag in _PROPER and len(word) >= 2 and _CJK_RUN.fullmatch(word) and word not in _MISTAGGED:
            found.append(word)
    return found


def _placed(text: str, pieces: Iterable[str], position: int) -> Iterator[tuple[int, str]]:
    """Each piece of a cut of ``text`` from ``position`` on, with where it stands in ``text``; a piece not
    found where the cut puts it comes with position -1 and ends the walk."""
    for piece in pieces:
        position = text.find(piece, position)
        yield position, piece
        if position < 0:
            return
        position += len(piece)


def placed_words(text: str, start: int, stop: int) -> Iterator[tuple[int, str]]:
    """jieba's words of the normalized ``text[start:stop]``, each with its position in ``text``; a word not
    found where the cut puts it comes with position -1 and ends the walk."""
    return _placed(text, words(text[start:stop], normalized=True), start)


def placed_tagged_words(text: str) -> Iterator[tuple[int, str, str]]:
    """``tagged_words`` of ``text`` (cut whole), each with its position in it; a word not found where the cut
    puts it comes with position -1 and ends the walk."""
    tagged = tagged_words(text)
    placed = _placed(text, (word for word, _tag in tagged), 0)
    for (position, word), (_word, tag) in zip(placed, tagged, strict=False):  # the walk may end before the cut
        yield position, word, tag


def _cut_near(text: str, at: int, size: int, context: int) -> Iterator[tuple[int, str]]:
    """jieba's words of the normalized ``text`` around ``at`` (``context`` characters either side of the
    ``size`` characters there), each with its position in ``text``, up to the first one past ``at``."""
    for position, piece in placed_words(text, max(at - context, 0), at + size + context):
        if position < 0 or position > at:
            return
        yield position, piece


def word_at(text: str, at: int, word: str, context: int = 6) -> bool:
    """Whether jieba's cut of the normalized ``text`` around ``at`` (``context`` characters either side)
    has ``word`` as a word of its own there."""
    return any(position == at and piece == word for position, piece in _cut_near(text, at, len(word), context))


def begins_word(text: str, at: int, size: int = 2, context: int = 6) -> bool:
    """Whether jieba's cut of the normalized ``text`` around ``at`` (``context`` characters either side of the
    ``size`` characters there) begins a word at ``at``, whatever the word."""
    return any(position == at for position, _piece in _cut_near(text, at, size, context))


def crosses_no_word(text: str, at: int, size: int, context: int = 6) -> bool:
    """Whether the ``size`` characters at ``at`` of the normalized ``text`` begin a word of jieba's cut or lie
    inside one word (卑诗 of 卑|诗省, 布什 of 小布什: yes), rather than straddle two words they do not begin
    (国大 of 中国|大陆, 海西 of 青海|西宁: no)."""
    return any(position == at or position + len(piece) >= at + size
               for position, piece in _cut_near(text, at, size, context))


def dictionary_names(text: str, *, normalized: bool = False, loose: bool = False) -> list[str]:
    """Names by dictionary lookup (``is_name``) over jieba's words: the fast stand-in for
    ``proper_nouns`` where every sentence of a big story is read (no tagger run). An unknown
    two-character word is more often a segmentation scrap (习将, 令中) than a name, so it counts
    only when ``loose`` (to find who might name someone, never to claim a name)."""
    if not normalized:
        text = normalize(text)
    return [w for w in words(text, normalized=True)
            if len(w) >= 2 and _CJK_RUN.fullmatch(w) and w not in _MISTAGGED and is_name(w)
            and (loose or len(w) >= 3 or w in pos_tokenizer().word_tag_tab)]


def words(text: str, *, normalized: bool = False) -> list[str]:
    """jieba words of the normalized text, without spaces and punctuation."""
    if not normalized:
        text = normalize(text)
    return [w for w in _segmenter().cut(text) if _WORDLIKE.search(w)]


@cache
def _name_segmenter() -> rjieba.Jieba:
    """jieba-rs knowing every alias name as ``_segmenter`` knows the canonical ones: variants too."""
    segmenter = rjieba.Jieba()
    for name in alias_map():
        if not name.isascii():
            segmenter.add_word(name, 2000, None)
    return segmenter


def name_cut(text: str) -> list[str]:
    """jieba's pieces of unfolded ``text`` from dictionary words alone, every alias name (variants
    too) a word as strong as a canonical name, for deciding where words begin (``aliases``): no
    HMM, so an unknown run stays in single characters."""
    return list(_name_segmenter().cut(text, False))


def segment(normalized: str) -> list[str]:
    """jieba's pieces of normalized text, spaces included: joined they give the text back."""
    return list(_segmenter().cut(normalized))


def search_words(text: str, *, normalized: bool = False) -> list[str]:
    """jieba's search-engine mode: long words plus the shorter words inside them
    (美国国会大厦 -> 美国, 国会, 大厦, 美国国会大厦), so outlets that compound differently still meet."""
    if not normalized:
        text = normalize(text)
    return [w for w in search_tokens(text) if _WORDLIKE.search(w)]


def search_tokens(normalized: str) -> list[str]:
    """``search_words`` of normalized text before its filter (spaces and punctuation still in), for
    callers that filter each token anyway and keep their verdicts (``stories.cluster``)."""
    return list(_segmenter().cut_for_search(normalized))


def is_wordlike(token: str) -> bool:
    """Whether ``search_words`` / ``words`` keep a token (it has a letter, digit or Han character)."""
    return _WORDLIKE.search(token) is not None


def is_term(token: str) -> bool:
    """Whether a token says which event a text is about: a ``is_wordlike`` token of 2+ characters that is
    not a bare number (single characters and bare numbers say little). The one filter grouping's term
    vectors (``stories.cluster``) and the bulletin check (``stories.genre``) both read words through."""
    return len(token) >= 2 and not token.isdigit() and is_wordlike(token)


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


IDF_TABLE = Path(jieba.__file__).parent / "analyse" / "idf.txt"  # jieba.analyse.tfidf.DEFAULT_IDF


@cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table, read as jieba.analyse's IDFLoader reads it; read here because importing
    jieba.analyse builds its own TF-IDF and TextRank extractors (0.35 s), which nothing here uses."""
    table = {}
    for line in IDF_TABLE.read_bytes().decode("utf-8").splitlines():
        word, freq = line.strip().split(" ")
        table[word] = float(freq)
    return table, sorted(table.values())[len(table) // 2]


# English function words: jieba's IDF table is Chinese, so it would rate them as rare.
ENGLISH_STOPWORDS = frozenset(["a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "could", "did", "do", "does", "don", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may", "more", "most", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "s", "said", "says", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your"])


def idf(word: str) -> float:
    """Background inverse document frequency from jieba's packaged table (median for unknown
    words, so new names count as fairly distinctive). Latin words are not in the table: English
    function words get 0 and other Latin words half the median, so an English quotation
    inside a Chinese report does not outweigh the report's Chinese terms."""
    table, median = _idf()
    if word.isascii():
        return 0.0 if word in ENGLISH_STOPWORDS else table.get(word, median / 2)
    return table.get(word, median)


# jieba dictionary tags of people (nr, nrt, nrfg), places (ns), organisations (nt), other proper nouns (nz).
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def is_name(word: str) -> bool:
    """Whether a normalized word is a name, by jieba's dictionary tag (no tagger run: a lookup).
    A Han word of 2+ characters jieba does not know is mostly a name (transliterations,
    new organisations), so it counts as one."""
    tag = pos_tokenizer().word_tag_tab.get(word)
    if tag is not None:
        return tag in _NAME_TAGS
    return len(word) >= 2 and bool(_CJK_RUN.fullmatch(word))


def dictionary_tag(word: str) -> str | None:
    """The tag jieba's dictionary (with the alias names) gives the normalized word, None when it does not know it."""
    return pos_tokenizer().word_tag_tab.get(word)


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary (with the alias names) knows the normalized word."""
    return dictionary_tag(word) is not None


def preload() -> None:
    """Load now what the first cut, tag or IDF lookup would load (jieba's dictionary and its
    tags with the alias names, both jieba-rs segmenters, the IDF table: about a second), so a
    command can say it is loading instead of pausing inside its first comparison. Results do
    not depend on it: each table is the one its first use builds."""
    pos_tokenizer()
    _segmenter()
    _name_segmenter()
    _idf()
