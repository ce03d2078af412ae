"""One thing's names under different naming policies (``namings.tsv``): 新冠肺炎, 冠病, 2019冠狀病毒疾病 and
武漢肺炎 are one disease named by the PRC, Singapore's press, Taiwan's CNA and Taiwan's CDC.

Within a story nothing says that 联合早报's 冠病 is the 新冠 another outlet names; the names are a matter of
policy, listed by public sources (each row cites its own). Only the only-X name check reads the table: an
outlet writing any name of a row names every other name of it. The alias table (``aliases.tsv``) is not the
place for them: it folds the texts that grouping, search keys and fact links read, so a name added there moves
links and stories (session 33, gloss37).
"""

from __future__ import annotations

from functools import cache

from newsmirror.text.normalize import normalize
from newsmirror.text.packaged import packaged_rows


@cache
def _rows() -> dict[str, frozenset[str]]:
    """Normalized name -> every normalized name of its row (itself included)."""
    rows: dict[str, frozenset[str]] = {}
    for _kind, names, _source in packaged_rows("namings.tsv"):
        row = frozenset(n for n in (normalize(name) for name in names.split("|")) if n)
        for name in row:
            rows[name] = rows.get(name, frozenset()) | row
    return rows


@cache
def other_names(name: str) -> tuple[str, ...]:
    """The other names (normalized) a table row gives a normalized ``name``; empty when no row holds it.
    A Latin name is looked up in lower case, as texts hold it."""
    key = normalize(name)
    return tuple(sorted(_rows().get(key, frozenset()) - {key}))


def names_otherwise(name: str, text: str) -> bool:
    """Whether a normalized ``text`` writes another name of ``name``'s row. Latin names (covid-19) fold to
    their Han row name in normalized text already (the alias table), so a row's names are found anywhere."""
    return any(other in text for other in other_names(name))
