"""A hostile story's repeats cost no pass over every pair of an outlet's units (safety76).

On main ``_Linker._repeats`` summed the shared bigram weights of every pair of one outlet's units in Python, to drop
nearly all of them at the share test: 10.7 s of CPU for a story of two hostile outlets of 2,500 units each (two
reports of 3,200 random sentences cut to the bounds), quadratic in an outlet's units. The pairs that can pass are
found by a sparse product; the test of each is as before."""

from __future__ import annotations

import pytest

from newsmirror.stories import codec
from newsmirror.stories import compare as compare_module
from newsmirror.stories.compare import compare_story
from tests.stories.test_compare_bounds import report
from tests.stories.test_compare_second_repeat import reports as dam_reports


def test_repeats_sum_weights_only_for_pairs_that_can_share_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two outlets of 300 random sentences each pair up into facts of both outlets: main summed the shared weights of
    # nearly every pair of one outlet's units (about 89,700) to drop them at the share test.
    articles = [report(1, 300, "甲报"), report(2, 300, "乙社")]
    counting = {"on": False, "sums": 0}
    repeats, exact = compare_module._Linker._repeats, compare_module._Linker._exact_weight

    def counted_repeats(self: compare_module._Linker) -> list[tuple[float, int, int]]:
        counting["on"] = True
        try:
            return repeats(self)
        finally:
            counting["on"] = False

    def counted_exact(self: compare_module._Linker, grams: object) -> float:
        if counting["on"]:
            counting["sums"] += 1
        return exact(self, grams)  # type: ignore[arg-type]

    monkeypatch.setattr(compare_module._Linker, "_repeats", counted_repeats)
    monkeypatch.setattr(compare_module._Linker, "_exact_weight", counted_exact)
    compare_story(articles)
    assert counting["sums"] < 5_000, counting


@pytest.mark.parametrize("beyond", [True, False])
def test_repeats_offer_what_every_pair_tested_offers(monkeypatch: pytest.MonkeyPatch, beyond: bool) -> None:
    # The guard: the sparse product only leaves out pairs the share test drops; the offers, and so the comparison,
    # are those of the test run on every pair of an outlet's units (main's loop). The dam story repeats a statement
    # (test_compare_second_repeat); the random one pairs up many units of two outlets.
    def every_pair(self: compare_module._Linker, units: list[int], least: float) -> object:
        return ((i, j) for a, i in enumerate(units) for j in units[a + 1:])

    monkeypatch.setattr(compare_module, "SECOND_REPEAT_BEYOND", beyond)
    offered: list[list[tuple[float, int, int]]] = []
    repeats = compare_module._Linker._repeats

    def kept(self: compare_module._Linker) -> list[tuple[float, int, int]]:
        offered.append(repeats(self))
        return offered[-1]

    monkeypatch.setattr(compare_module._Linker, "_repeats", kept)
    found = []
    for articles in (dam_reports(), [report(1, 120, "甲报"), report(2, 120, "乙社")]):
        offered.clear()
        product = codec.encode(compare_story(articles, story_id="s"))
        by_product = list(offered)
        with monkeypatch.context() as brute:
            brute.setattr(compare_module._Linker, "_repeat_pairs", every_pair)
            offered.clear()
            assert codec.encode(compare_story(articles, story_id="s")) == product
            assert offered == by_product
        found.extend(by_product)
    assert any(found)  # offers were made
