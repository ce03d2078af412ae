"""One name written two ways read as one term, for grouping's term vectors (``stories.cluster``, ``name_forms``).

Two reports of one event may write one name differently: a Latin name in one (WHO, Carrie Lam, an English report's
Joe Biden), its Han name in the other (世卫组织, 林郑月娥, 拜登); or two transliterations of one person (史达伟 and
史迪威 for David Stilwell, 佛奇 and 福奇 for Anthony Fauci) that the alias table (``text.aliases``) does not list.
Their term vectors then share nothing of the name. The archive's mined glosses (``glosses.tsv``, ``text.glosses``:
Han names and the Latin names outlets write beside them) say which forms are one name, with no list read from
labelled reports:

* a Han name's *class* is the set of Han names glossed with one Latin full name (2+ words: a person's or an
  organisation's name; an acronym such as CDC glosses names of several bodies); each class reads as one
  canonical Han form (an alias table's canonical name if one is in the class, else the form most posts write);
  a Han form folds only when it is one bearer's (``glosses._one_bearer``), a name by jieba's dictionary
  (``tokenize.is_name``: 上市, glossed IPO, is a verb), shares a character with the class's form (two
  transliterations of one name share some sound: 史达伟 and 史迪威; a mined fragment or a title glossed with the
  same name, 小姐 or 顾问, shares none as a rule), and every class it is in reads as the same form;
* a Latin name folds to its class's form, or, for a name of one word, to the Han form of most of its posts
  (at least ``LATIN_SHARE``: WHO -> 世卫组织, 781 of 781; CDC's posts split between bodies, so it stays);
  written as a name: every word capitalised (connectives aside), and a word of up to 4 letters all in capitals
  (WHO, not the English "Who are ...").

Matching keys only (a term of the vector): stored and displayed text is never changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from newsmirror.text.aliases import canonical_names
from newsmirror.text.fold import nfkc
from newsmirror.text.glosses import _one_bearer
from newsmirror.text.packaged import packaged_rows

# The share of a one-word Latin name's posts its Han form must have to stand for it.
LATIN_SHARE = 0.5
# Longest Latin name read, in words (the table's longest names are titles with a name: "president donald trump").
_MOST_WORDS = 5
# Words a Latin name may hold in lower case (Bank of America, Johns Hopkins University and the like).
_CONNECTIVES = frozenset({"of", "and", "the", "for", "de", "du", "la", "le", "von", "van", "der", "da", "al", "bin"})
# A run of Latin words (letters, digits, inner apostrophes, points, ampersands and hyphens) with single spaces.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.&\-]*(?: [A-Za-z0-9][A-Za-z0-9'’.&\-]*)*")
_SEPARATORS = re.compile(r"[\W_]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z]")


def _latin_key(words: list[str]) -> str:
    """The table's form of a Latin name (``glosses.latin_key`` without the alias folding: Latin aliases are not
    in the table's Latin column, which was written after alias folding)."""
    key = _SEPARATORS.sub(" ", " ".join(words).lower()).strip()
    return key[4:] if key.startswith("the ") else key


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(Han form -> its class's form, Latin key -> Han form), as the module's docstring says."""
    from newsmirror.text.tokenize import is_name  # jieba's dictionary, loaded on first use

    posts: dict[str, dict[str, int]] = defaultdict(dict)
    for han, latin, count, _outlets in packaged_rows("glosses.tsv"):
        posts[latin][han] = posts[latin].get(han, 0) + int(count)
    canonical = set(canonical_names())
    forms: dict[str, set[str]] = defaultdict(set)  # Han form -> the forms of its classes
    latin_form: dict[str, str] = {}
    for latin, hans in posts.items():
        if not latin.isascii():
            continue
        if len(latin.split()) >= 2:
            members = {h for h in hans if _one_bearer(h) and is_name(h)}
            if members:
                form = min(members, key=lambda h: (h not in canonical, -hans[h], h))
                for han in members & {h for h in members if set(h) & set(form)}:
                    forms[han].add(form)
                latin_form[latin] = form
                continue
        top = max(hans, key=lambda h: (hans[h], h))
        if hans[top] >= LATIN_SHARE * sum(hans.values()) and is_name(top):
            latin_form[latin] = top
    han_form = {han: next(iter(f)) for han, f in forms.items() if len(f) == 1 and next(iter(f)) != han}
    # A Latin name's form is itself folded where its class reads as another.
    latin_form = {latin: han_form.get(han, han) for latin, han in latin_form.items()}
    return han_form, latin_form


def han_forms() -> dict[str, str]:
    """Han form -> the form its class reads as (only forms that read as another)."""
    return _tables()[0]


def latin_forms() -> dict[str, str]:
    """Latin key (lower case, words one space apart) -> the Han form it reads as."""
    return _tables()[1]


def _written_as_name(words: list[str]) -> bool:
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0].isupper()
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTIVES for w in words) and \
        words[0].lower() not in _CONNECTIVES


def mostly_latin(text: str) -> bool:
    """Whether ``text`` has more Latin letters than Han characters (an English report)."""
    return len(_LETTER.findall(text)) > len(_HAN.findall(text))


def fold_latin_names(text: str) -> str:
    """``text`` (raw: any script, any case) with each Latin name the table reads as a Han form replaced by that
    form, spaced off; the longest name first, left to right."""
    table = latin_forms()
    text = nfkc(text)

    def run(match: re.Match[str]) -> str:
        words = match.group(0).split(" ")
        out: list[str] = []
        at = 0
        while at < len(words):
            for stop in range(min(len(words), at + _MOST_WORDS), at, -1):
                part = words[at:stop]
                form = table.get(_latin_key(part))
                if form is not None and _written_as_name(part):
                    out.append(f" {form} ")
                    at = stop
                    break
            else:
                out.append(words[at])
                at += 1
        return " ".join(out)

    return _LATIN_RUN.sub(run, text)
