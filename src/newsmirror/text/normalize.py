"""Matching and search keys: one form for the same words in any script or region.

``normalize`` = NFKC (full-width digits and letters) + Simplified (OpenCC tw2sp, which also
maps Taiwan phrases) + lower case + alias folding (蒲亭 -> 普京). ``match_key`` additionally
drops punctuation and spaces, for shingles and sentence similarity.
"""

from __future__ import annotations

import re
import unicodedata

from newsmirror.text.aliases import fold_aliases
from newsmirror.text.script import to_simplified

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The search form of ``text``: same script, same names, punctuation kept (as spaces)."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).lower()
    text = fold_aliases(text)
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def match_key(text: str, *, normalized: bool = False) -> str:
    """``normalize`` without any separators: compare characters only."""
    return (text if normalized else normalize(text)).replace(" ", "")


def normalize_lines(text: str) -> list[str]:
    """``normalize`` of each line of ``text``, converting the text in one pass (OpenCC and the
    alias table cost per call, not per character)."""
    text = unicodedata.normalize("NFKC", text)
    text = fold_aliases(to_simplified(text).lower())
    return [_SPACES.sub(" ", _NOT_WORD.sub(" ", line)).strip() for line in text.split("\n")]
