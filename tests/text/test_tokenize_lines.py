"""``search_tokens_of_lines`` (speed18: one cut for a report's paragraphs) gives each line's own search
cut. Texts are made up here, or the sample corpus beside the checkout when it is there."""

from __future__ import annotations

import random

import pytest

from newsmirror.text import tokenize
from newsmirror.text.fold import quick_normalize_lines
from newsmirror.text.tokenize import search_tokens, search_tokens_of_lines
from tests.text.test_fast_text import _corpus_texts


def test_one_cut_gives_every_lines_own_tokens() -> None:
    for text in _corpus_texts():
        lines = [line for line in quick_normalize_lines(text) if line]
        assert search_tokens_of_lines(lines) == [search_tokens(line) for line in lines]
    rng = random.Random(26)
    pieces = ["美国总统", "特朗普", "周三", "在", "白宫", "说", " ", "19.5", "亿", "covid-19", "abc", "的", "了", "4", "."]
    for _ in range(2000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))).strip() or "说"
                 for _ in range(rng.randint(0, 6))]
        assert search_tokens_of_lines(lines) == [search_tokens(line) for line in lines], lines
        # an empty first line (a report whose title normalizes to nothing)
        assert search_tokens_of_lines(["", *lines]) == [[], *(search_tokens(line) for line in lines)], lines


def test_lines_are_cut_one_by_one_when_the_newlines_do_not_match(monkeypatch: pytest.MonkeyPatch) -> None:
    # A line holding a newline breaks the count of newline tokens: each line is then cut alone.
    lines = ["美国总统\n特朗普", "周三在白宫说"]
    assert search_tokens_of_lines(lines) == [search_tokens(line) for line in lines]
    calls: list[str] = []
    original = tokenize.search_tokens

    def counting(text: str) -> list[str]:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(tokenize, "search_tokens", counting)
    search_tokens_of_lines(["美国总统特朗普", "周三在白宫说", "会议"])
    assert calls == ["美国总统特朗普\n周三在白宫说\n会议"]  # one cut for all the lines
