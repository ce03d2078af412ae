"""Alias folding and line normalization at the speed grouping needs.

``fold_aliases`` (``text.aliases``) is one regular expression alternating over every alias
name; Python's engine tries each alternative at each character, which made folding the most
expensive step of grouping an article after segmentation. Laid out as a trie whose first step is
a literal character per branch, the pattern lets the engine skip every position that no name
begins with by its own scan for the branches' first characters: the output is identical
(``tests/text/test_aliases.py``), six times faster on real reports.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from newsmirror.text.aliases import _fold_match, _trie_pattern, alias_map
from newsmirror.text.normalize import separate
from newsmirror.text.script import to_simplified_key

_SPACES = re.compile(r"\s+")
# Runs of non-word characters but the newline, and underscores: ``(?:[^\w\n]|_)+``, begun by one class
# with the newline ruled out behind it, so the engine finds where runs start by its class scan (a third faster).
_NOT_WORD_IN_LINE = re.compile(r"[_\W](?<!\n)(?:[^\w\n]|_)*", re.UNICODE)


@cache
def _quick_pattern() -> re.Pattern[str]:
    # The bare trie: each branch begins with a literal, so the engine finds the positions a name may
    # start at by its own character-set scan, which a look-ahead in front (``aliases._pattern``'s)
    # turns off (a fifth of folding's time); a look-ahead only filters, so the matches are the same.
    return re.compile(_trie_pattern(alias_map()))


def quick_fold_aliases(normalized: str) -> str:
    """What ``aliases.fold_aliases`` returns, faster (``normalized``: Simplified, lower case)."""
    return _quick_pattern().sub(_fold_match, normalized)


# NFKC maps the full-width forms (U+FF01-U+FF5E) and the ideographic space to ASCII, and Chinese text
# is full of them (，：（）), so it is never already normalized and NFKC runs its whole algorithm over
# every character. Replacing them first by what NFKC maps them to (their whole compatibility
# decomposition, one ASCII character each) leaves the decomposition, and so the NFKC form, unchanged,
# and most reports then pass NFKC's quick check: a third of the cost.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000]}


def narrowed(text: str) -> str:
    """``text`` with its full-width forms and ideographic spaces replaced by their NFKC forms. A report
    holds a hundred such characters of a few kinds (，：（）): one ``str.replace`` per kind instead of a
    Python call per character (a fifth of ``nfkc``'s time)."""
    for wide in set(_FULL_WIDTH.findall(text)):
        text = text.replace(wide, _NARROW[wide])
    return text


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text (see above)."""
    return unicodedata.normalize("NFKC", narrowed(text))


def quick_normalize(text: str) -> str:
    """What ``normalize.normalize`` returns, with the faster alias folding."""
    text = quick_fold_aliases(to_simplified_key(nfkc(text)).lower())
    return _SPACES.sub(" ", separate(text)).strip()


def quick_normalize_lines(text: str) -> list[str]:
    """What ``normalize.normalize_lines`` returns, with the faster alias folding, and the separators
    of all lines replaced in one pass: runs of non-word characters other than the newline become one
    space, which leaves no other whitespace (every whitespace character is a non-word one), so the
    per-line ``_SPACES`` pass had nothing left to do."""
    text = quick_fold_aliases(to_simplified_key(nfkc(text)).lower())
    return [line.strip() for line in separate(text, _NOT_WORD_IN_LINE).split("\n")]
