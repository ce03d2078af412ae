"""``facts_share_census.shared_kinds``: what two units share, most specific first (session 71, facts71). Made-up units."""

from __future__ import annotations

import pytest
from bench.facts_share_census import Shown, first_kind, shared_kinds


def shown(figures: set[str] = set(), names: set[str] = set(), words: set[str] = set()) -> Shown:  # noqa: B006
    return Shown(frozenset(figures), frozenset(names), frozenset(words))


# A story of three outlets: the toll (27人) and 柯文达 in every unit; 3名 and 幸存者 in two.
STORY = [
    shown({"27人", "3名"}, {"柯文达"}, {"幸存者", "矿难"}),
    shown({"27人", "3名"}, {"柯文达"}, {"幸存者", "矿难"}),
    shown({"27人"}, {"柯文达"}, {"矿难", "停产"}),
    shown({"27人"}, {"柯文达"}, {"矿难"}),
]


def test_a_figure_one_statement_gives_is_rare_and_the_toll_is_common() -> None:
    assert first_kind(shared_kinds(STORY[0], STORY[1], STORY, 3)) == "rare-figure"
    tags = shared_kinds(STORY[0], STORY[2], STORY, 3)
    assert {"common-figure", "common-name", "content-word"} <= tags
    assert first_kind(tags) == "common-figure"


def test_a_rare_word_comes_before_a_repeated_name_and_nothing_is_nothing() -> None:
    story = [shown(names={"柯文达"}, words={"停产"}), shown(names={"柯文达"}, words={"停产"}),
             *[shown(names={"柯文达"}) for _ in range(4)]]
    assert first_kind(shared_kinds(story[0], story[1], story, 3)) == "rare-word"
    assert first_kind(shared_kinds(story[2], story[3], story, 3)) == "common-name"
    assert first_kind(shared_kinds(shown(), shown(), story, 3)) == "nothing"


@pytest.mark.parametrize("figure", ["2020Y", "12月3日"])
def test_a_shared_date_is_tagged(figure: str) -> None:
    one, other = shown({figure}), shown({figure})
    assert "date" in shared_kinds(one, other, [one, other], 2)
