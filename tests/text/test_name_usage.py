"""text/name_usage.py: the mined table of name-tagged words news text uses like common words."""

from __future__ import annotations

from importlib import resources

import pytest

from newsmirror.text import name_usage
from newsmirror.text.names import NAME_TAGS
from newsmirror.text.tokenize import pos_tokenizer


def test_the_table_says_where_it_comes_from_and_holds_only_name_tagged_words() -> None:
    text = resources.files("newsmirror.text").joinpath("name_usage.tsv").read_text(encoding="utf-8")
    assert "bench/mine_name_usage.py" in text and "samples K, L, M, N, O, P, Q" in text  # provenance header
    table = name_usage._probabilities()
    tags = pos_tokenizer().word_tag_tab
    assert len(table) > 100
    assert all(tags.get(word) in NAME_TAGS and 0 <= p < 1 for word, p in table.items())


def test_a_word_reads_as_common_only_below_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_usage, "_probabilities", lambda: {"甲地": 0.01, "乙地": name_usage.COMMON_BELOW})
    assert name_usage.used_as_common_word("甲地")
    assert not name_usage.used_as_common_word("乙地")  # at the threshold: the tag stands
    assert not name_usage.used_as_common_word("丙地")  # no reading: the tag stands
