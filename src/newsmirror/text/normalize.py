"""Matching and search keys: one form for the same words in any script or region.

``normalize`` = NFKC (full-width digits and letters) + Simplified (OpenCC t2s; Traditional text
also gets Taiwan phrases mapped, tw2sp: ``script.to_simplified_key``) + lower case + alias folding
(蒲亭 -> 普京), punctuation as spaces but for the point of a decimal figure. ``match_key``
additionally drops the spaces, for shingles and sentence similarity.
"""

from __future__ import annotations

import re
import unicodedata

from newsmirror.text.aliases import fold_aliases
from newsmirror.text.script import to_simplified_key

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
# A decimal figure keeps its point (19.5亿 is not 195亿; 1.5万 is 15000 for ``text.numbers``). Only
# digits.digits standing alone: in a version, address, date or time stamp (v1.2.3, 2020.11.18,
# 16.220z) the points separate as before, and jieba and jieba-rs cut a figure alone alike.
_DIGITS = frozenset("0123456789")


def _joins(char: str) -> bool:
    """Whether ``char`` next to digits makes them part of a code rather than a figure."""
    return char in _DIGITS or char == "." or "a" <= char <= "z" or "\u00c0" <= char <= "\u024f"


def _is_decimal_point(text: str, at: int) -> bool:
    end = at + 1
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    if end == at + 1 or (end < len(text) and _joins(text[end])):
        return False
    start = at
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
    return start < at and not (start > 0 and _joins(text[start - 1]))


def separate(text: str, separators: re.Pattern[str] = _NOT_WORD) -> str:
    """``text`` (lower case) with each run of ``separators`` a space, decimal points kept. Points
    are few (a scan for them costs a tenth of a regular expression testing every position)."""
    points = []
    at = text.find(".")
    while at != -1:
        if _is_decimal_point(text, at):
            points.append(at)
        at = text.find(".", at + 1)
    if not points:
        return separators.sub(" ", text)
    pieces = []
    last = 0
    for at in points:
        pieces.append(separators.sub(" ", text[last:at]))
        last = at + 1
    pieces.append(separators.sub(" ", text[last:]))
    return ".".join(pieces)


def normalize(text: str) -> str:
    """The search form of ``text``: same script, same names, punctuation kept (as spaces)."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified_key(text).lower()
    text = fold_aliases(text)
    return _SPACES.sub(" ", separate(text)).strip()


def without_accents(text: str) -> str:
    """``text`` with the accents of its letters left out (Zdeněk is Zdenek; ø stays: it has none), so one Latin
    name written with its diacritics and without them reads the same."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def match_key(text: str, *, normalized: bool = False) -> str:
    """``normalize`` without any separators: compare characters only."""
    return (text if normalized else normalize(text)).replace(" ", "")


def normalize_lines(text: str) -> list[str]:
    """``normalize`` of each line of ``text``, converting the text in one pass (OpenCC and the
    alias table cost per call, not per character)."""
    text = unicodedata.normalize("NFKC", text)
    text = fold_aliases(to_simplified_key(text).lower())
    return [_SPACES.sub(" ", separate(line)).strip() for line in text.split("\n")]
