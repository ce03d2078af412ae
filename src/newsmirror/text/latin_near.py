"""One Latin name written two ways: near forms of a name in Latin letters (session 74, latin74).

Two outlets copying one name from their sources write it alike but for small slips of form: an inflection (Webster
Grove and Webster Groves), diacritics (Zdeněk Hřib, Zdenek Hrib), spacing and punctuation (Karen C.Hermann, Karen C.
Hermann; Saint-Étienne, Saint Etienne), a space dropped or added (McDonald, Mc Donald) or one letter typed otherwise
(Montpellier, Montepellier). ``writes_near`` reads a normalized text as writing a Latin name if some run of its Latin
words is the name's words but for such slips, with a bound that keeps two different names apart:

* diacritics, case and the punctuation or spacing between words are never a difference (the words are compared as
  letters only, with their accents left out);
* the words are compared in order and one for one, or the run's letters are the name's letters with the spaces
  elsewhere (one word more or fewer: a space joined or split);
* at most **one** word of the name differs, and by one slip only: an inflection (one of the two is the other with
  ``-s``/``-es`` added, the bare word of 4 letters or more: a plural or a genitive's s), or one edit (a letter added,
  dropped, replaced or two neighbours swapped: the Damerau-Levenshtein distance 1) in a word of 5 letters or more
  whose first letter is kept. A slip in a shorter word changes too large a share of it (Hu, Xu; Kerr, Karr), and two
  slips in one name are two names more often than one (Jon Smith, Jan Smyth).

The bound is the one a spelling corrector uses for a single typing slip (Damerau 1964: one insertion, deletion,
substitution or transposition is the bulk of real misspellings); no word list, no rule from a judged claim. No
packaged library is used: the one test needed (distance at most 1) is a linear scan, and the project takes no new
dependency for it (rapidfuzz and jellyfish are not installed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsmirror.text.normalize import without_accents

_WORD = re.compile(r"[a-z]+")
# A run of Latin words: words with spaces (normalized punctuation) and nothing else between them.
_RUN = re.compile(r"[a-z]+(?:\s+[a-z]+)*")
_INFLECTED_BASE = 4  # the bare word of an inflection (-s, -es): Grove/Groves; not Ma/Mas
_EDITED_WORD = 5  # the shortest word that may differ by one edit


def _letters(text: str) -> str:
    return without_accents(text.lower())


def _inflected(a: str, b: str) -> bool:
    """Whether one of two words is the other with -s or -es added (a plural, a genitive's s)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= _INFLECTED_BASE and long in (short + "s", short + "es")


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one insertion, deletion, substitution or swap of neighbours apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    at = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[at:] == long[at + 1:]


def _slip(a: str, b: str) -> bool:
    """Whether two different words are one word written with one slip (the bound in the module's doc)."""
    if _inflected(a, b):
        return True
    return min(len(a), len(b)) >= _EDITED_WORD and a[0] == b[0] and _one_edit(a, b)


@lru_cache(maxsize=64)
def _runs(text: str) -> tuple[tuple[str, ...], ...]:
    """The runs of Latin words of a normalized text, accents left out."""
    return tuple(tuple(run.split()) for run in _RUN.findall(_letters(text)))


def near_words(name: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether ``words`` (letters only) write ``name`` but for the slips the module's doc bounds."""
    if len(words) == len(name):
        slips = 0
        for a, b in zip(name, words, strict=True):
            if a != b:
                if not _slip(a, b):
                    return False
                slips += 1
        if slips <= 1:
            return True
    return len(words) != len(name) and "".join(words) == "".join(name)


def writes_near(name: str, text: str) -> bool:
    """Whether a normalized ``text`` writes the Latin ``name`` in a near form: some run of its Latin words, whole
    words, is the name's words but for diacritics, punctuation, spacing and one slip of one word."""
    wanted = tuple(_WORD.findall(_letters(name)))
    if not wanted or not any(len(word) >= _INFLECTED_BASE for word in wanted):
        return False  # initials or short words alone (AP, Hu): too little to read a slip in
    size = len(wanted)
    for run in _runs(text):
        for width in (size - 1, size, size + 1):
            if width < 1 or width > len(run):
                continue
            for start in range(len(run) - width + 1):
                window = run[start:start + width]
                if window[0][0] != wanted[0][0]:
                    continue
                if near_words(wanted, window):
                    return True
    return False
