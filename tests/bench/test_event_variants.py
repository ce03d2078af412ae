"""The event-layer variant features of ``bench/days_event_variants.py`` (recall13's keys cover)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from bench.days_event_variants import _core_keys, _keys_cover

from newsmirror.stories.cluster import _StoryState

NOW = datetime(2020, 8, 4, tzinfo=UTC)


def _story(terms: dict[str, int], titled: int) -> _StoryState:
    return _StoryState(id="s", title="", first=NOW, last=NOW, title_terms=Counter(terms), titled=titled)


CORE = _story({"tiktok": 5, "特朗普": 4, "美国": 2, "出售": 1}, titled=5)


def test_core_keys_are_the_terms_most_titles_use() -> None:
    # at least max(2, 0.6 x 5) = 3 titles
    assert _core_keys(CORE) == {"tiktok", "特朗普"}


def test_cover_counts_only_the_cores_keys() -> None:
    assert _keys_cover(_story({"tiktok": 1, "特朗普": 1}, 1), CORE, {}, "idf") == pytest.approx(1.0)
    # 美国 and 出售 are in the core's titles but are not its keys
    assert _keys_cover(_story({"美国": 1, "出售": 1}, 1), CORE, {}, "idf") == 0.0
    assert _keys_cover(_story({"tiktok": 1, "网红": 1, "美国": 1, "带货": 1}, 1), CORE, {}, "count") == 0.25
    half = _keys_cover(_story({"tiktok": 1, "网红": 1}, 1), CORE, {}, "idf")
    assert 0.0 < half < 1.0


def test_cover_is_not_diluted_by_a_big_core() -> None:
    side = _story({"tiktok": 1, "网红": 1}, 1)
    bigger = _story({**CORE.title_terms, **{f"词{i}": 1 for i in range(40)}}, titled=5)
    assert _keys_cover(side, bigger, {}, "idf") == _keys_cover(side, CORE, {}, "idf")


def test_names_form_weighs_names_only() -> None:
    side = _story({"tiktok": 1, "网红": 1, "美国": 1}, 1)
    # tiktok is a Latin name; 美国 a name the tagger found but not a key; 网红 not a name
    assert _keys_cover(side, CORE, {"美国": 1}, "names") == pytest.approx(
        _keys_cover(_story({"tiktok": 1, "美国": 1}, 1), CORE, {}, "idf"))
    assert _keys_cover(_story({"网红": 1}, 1), CORE, {}, "names") == 0.0
