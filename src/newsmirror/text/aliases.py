"""Region-dependent names (普京/蒲亭, 特朗普/川普, 悉尼/雪梨 ...) folded to one form.

The table is packaged data (``aliases.tsv``); folding is for matching and search keys only,
never for stored or displayed text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsmirror.errors import NewsmirrorError
from newsmirror.text.script import to_simplified


class AliasTableError(NewsmirrorError):
    """The packaged alias table is malformed."""


@dataclass(frozen=True, slots=True)
class Alias:
    kind: str  # person | place | org | term
    canonical: str
    variants: tuple[str, ...]


def _key(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def parse_aliases(text: str) -> list[Alias]:
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise AliasTableError(f"alias table line {number}: expected kind, canonical, variants; got {line!r}")
        kind, canonical, variants = fields
        entries.append(Alias(kind, canonical.strip(), tuple(v.strip() for v in variants.split("|") if v.strip())))
    return entries


@cache
def load_aliases() -> tuple[Alias, ...]:
    data = resources.files("newsmirror.text").joinpath("aliases.tsv").read_text(encoding="utf-8")
    return tuple(parse_aliases(data))


@cache
def alias_map() -> dict[str, str]:
    """Normalized variant -> normalized canonical form (canonical forms map to themselves)."""
    mapping: dict[str, str] = {}
    for alias in load_aliases():
        canonical = _key(alias.canonical)
        mapping.setdefault(canonical, canonical)
        for variant in alias.variants:
            mapping.setdefault(_key(variant), canonical)
    return mapping


@cache
def _pattern() -> re.Pattern[str]:
    # Longest first, so 小布什 wins over 布什 and a canonical 沙特阿拉伯 is kept whole
    # instead of its prefix 沙特 being folded again. Latin names must stand alone as words.
    names = sorted(alias_map(), key=len, reverse=True)
    parts = [
        rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])" if n.isascii() else re.escape(n) for n in names
    ]
    return re.compile("|".join(parts))


def fold_aliases(normalized: str) -> str:
    """Replace every known variant by its canonical form.

    ``normalized`` must already be Simplified and lower case (see ``text.normalize``).
    """
    mapping = alias_map()
    return _pattern().sub(lambda m: mapping[m.group(0)], normalized)


def canonical_names() -> list[str]:
    """Every canonical name, for tokenizer dictionaries."""
    return sorted(set(alias_map().values()))
