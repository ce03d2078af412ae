"""Matching and search keys: one form for the same words in any script or region.

``normalize`` = NFKC (full-width digits and letters) + Simplified (OpenCC tw2sp, which also
maps Taiwan phrases) + lower case + alias folding (蒲亭 -> 普京), punctuation as spaces but for
the point of a decimal figure. ``match_key`` additionally drops the spaces, for shingles and
sentence similarity.
"""

from __future__ import annotations

import re
import unicodedata

from newsmirror.text.aliases import fold_aliases
from newsmirror.text.script import to_simplified

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
# A decimal figure keeps its point (19.5亿 is not 195亿; 1.5万 is 15000 for ``text.numbers``). Only
# digits.digits standing alone: in a version, address, date or time stamp (v1.2.3, 2020.11.18,
# 16.220z) the points separate as before, and jieba and jieba-rs cut a figure alone alike.
_DECIMAL = re.compile(r"(?<![0-9a-z\u00c0-\u024f.])[0-9]+\.[0-9]+(?![0-9a-z\u00c0-\u024f.])")


def separate(text: str, separators: re.Pattern[str] = _NOT_WORD) -> str:
    """``text`` (lower case) with each run of ``separators`` a space, decimal figures whole."""
    if "." not in text:
        return separators.sub(" ", text)
    parts: list[str] = []
    last = 0
    for match in _DECIMAL.finditer(text):
        parts += (separators.sub(" ", text[last : match.start()]), match.group())
        last = match.end()
    parts.append(separators.sub(" ", text[last:]))
    return "".join(parts)


def normalize(text: str) -> str:
    """The search form of ``text``: same script, same names, punctuation kept (as spaces)."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).lower()
    text = fold_aliases(text)
    return _SPACES.sub(" ", separate(text)).strip()


def match_key(text: str, *, normalized: bool = False) -> str:
    """``normalize`` without any separators: compare characters only."""
    return (text if normalized else normalize(text)).replace(" ", "")


def normalize_lines(text: str) -> list[str]:
    """``normalize`` of each line of ``text``, converting the text in one pass (OpenCC and the
    alias table cost per call, not per character)."""
    text = unicodedata.normalize("NFKC", text)
    text = fold_aliases(to_simplified(text).lower())
    return [_SPACES.sub(" ", separate(line)).strip() for line in text.split("\n")]
