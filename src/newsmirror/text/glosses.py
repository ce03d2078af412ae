"""Which Han names and Latin names are one, by the glosses outlets write either way round (中文名（English Name）,
English Name（中文名）: ``glosses.tsv``).

Within one story nothing says that 联邦院 is the Federation Council another outlet writes, nor that 帛琉 and
帕劳 are both Palau; across an archive of news, outlets gloss them: ``bench/mine_glosses.py`` counts every Han
name written right before a bracketed Latin name or in brackets right after one, and keeps the pairs written
often enough. Two Han names
glossed with one Latin name are one name too. The only-X name check reads the table (an outlet writing
either form names the other), and grouping reads it through ``text.name_forms`` (one name written two ways is one
term of a report's term vector); fact links do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from newsmirror.text.fold import quick_normalize
from newsmirror.text.packaged import packaged_rows


@cache
def _table() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    latins: dict[str, set[str]] = defaultdict(set)
    hans: dict[str, set[str]] = defaultdict(set)
    for han, latin, _posts, _outlets, _written in packaged_rows("glosses.tsv"):
        latins[han].add(latin)
        hans[latin].add(han)
    return ({h: frozenset(v) for h, v in latins.items()}, {la: frozenset(v) for la, v in hans.items()})


def latin_key(name: str) -> str:
    """A Latin name as the table holds it: normalized as texts are (lower case, separators one space), a
    leading "the" dropped."""
    key = quick_normalize(name)
    return key[4:] if key.startswith("the ") else key


@cache
def other_forms(name: str) -> tuple[str, ...]:
    """The other forms the table gives a (normalized) name: for a Latin name, the Han names glossed with it;
    for a Han name, its Latin glosses and the other Han names glossed with one of them. Sorted; empty
    when the table does not hold the name.

    A Han name glossed with Latin names that are not one name written longer or shorter (Alex Azar,
    Alex Azar II) is a surname or given name several bearers share (特朗普: Donald, Ivanka, Fred Trump;
    罗伯特): it stands for none of them alone, so it is never another name's Han form, and its Latin
    glosses lead to no other Han name (特朗普 is not 伊万卡 through Ivanka Trump)."""
    latins, hans = _table()
    if name.isascii():
        return tuple(sorted(h for h in hans.get(latin_key(name), ()) if _one_bearer(h)))
    glosses = latins.get(name, frozenset())
    if not _one_bearer(name):
        return tuple(sorted(glosses))
    others = {h for g in glosses for h in hans[g] if _one_bearer(h)}
    return tuple(sorted((glosses | others) - {name}))


@cache
def _one_bearer(han: str) -> bool:
    """Whether every two Latin glosses of a Han name are one name, the words of one among the other's."""
    words = [frozenset(g.split()) for g in _table()[0].get(han, ())]
    return all(a <= b or b <= a for k, a in enumerate(words) for b in words[k + 1:])


def writes_form(form: str, text: str) -> bool:
    """Whether a normalized ``text`` writes a form of ``other_forms``: a Latin name as whole words, a Han
    name anywhere."""
    if form.isascii():
        return re.search(rf"(?<![a-z]){re.escape(form)}(?![a-z])", text) is not None
    return form in text
