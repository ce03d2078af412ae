"""Session 26's exact savings in ``text.fold`` (speed18): the full-width pre-pass of ``nfkc`` and the bare
alias trie of ``quick_fold_aliases`` give what the reference functions give. Texts are made up here."""

from __future__ import annotations

import random
import unicodedata

from newsmirror.text.aliases import alias_map, fold_aliases
from newsmirror.text.fold import _FULL_WIDTH, _quick_pattern, narrowed, nfkc, quick_fold_aliases


def test_the_pre_pass_narrows_every_full_width_character_of_every_kind() -> None:
    text = "他說：（一）ＡＢ，ＡＢ，１２３　ｘ；「引號」！？" * 3 + "Ａ\u0301ｅ\u0308"
    done = narrowed(text)
    assert not _FULL_WIDTH.search(done)  # every kind, every occurrence
    assert unicodedata.is_normalized("NFKC", done.replace("Ａ\u0301", "").replace("ｅ\u0308", "")
                                     .replace("A\u0301", "").replace("e\u0308", ""))
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    rng = random.Random(26)
    pieces = [*(chr(c) for c in range(0xFF01, 0xFF5F)), "\u3000", "\u0301", "中", "a", " ", "ｶ", "ﾞ"]
    for _ in range(2000):
        mixed = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert nfkc(mixed) == unicodedata.normalize("NFKC", mixed), mixed


def test_the_bare_trie_folds_as_the_reference() -> None:
    # No look-ahead in front: the engine's own scan for the branches' first characters finds where names start.
    assert not _quick_pattern().pattern.startswith("(?=")
    rnd = random.Random(18)
    names = list(alias_map())
    pieces = [*names, *(name[: len(name) // 2] for name in names), *"abg7029 -\n国集团的了"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert quick_fold_aliases(text) == fold_aliases(text), text
