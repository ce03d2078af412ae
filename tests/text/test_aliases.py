"""Alias folding: the trie-shaped pattern folds exactly as an alternation sorted longest first."""

from __future__ import annotations

import random
import re

from newsmirror.text.aliases import alias_map, fold_aliases


def _reference_fold(text: str) -> str:
    """The plain definition: every name, longest first; Latin names stand alone as words."""
    mapping = alias_map()
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile("|".join(
        rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])" if n.isascii() else re.escape(n) for n in names))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def test_longest_name_wins_and_latin_names_are_words() -> None:
    mapping = alias_map()
    assert fold_aliases("蒲亭会见川普") == f"{mapping['蒲亭']}会见{mapping['川普']}"
    # 沙特 alone folds to 沙特阿拉伯; inside 沙特阿拉伯 the whole name wins (not 沙特阿拉伯阿拉伯)
    assert fold_aliases("沙特阿拉伯") == mapping["沙特阿拉伯"] == mapping["沙特"]
    assert fold_aliases("林郑月娥与林郑") == f"{mapping['林郑月娥']}与{mapping['林郑']}"
    assert fold_aliases("g20峰会 xg20 g20x g20") == f"{mapping['g20']}峰会 xg20 g20x {mapping['g20']}"


def test_same_result_as_the_sorted_alternation_on_random_texts() -> None:
    rnd = random.Random(17)
    names = list(alias_map())
    # names, their pieces and Latin letters/digits around them (word edges of Latin names)
    pieces = [*names, *(name[: len(name) // 2] for name in names), *"abg7029 -\n国集团"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert fold_aliases(text) == _reference_fold(text), text
