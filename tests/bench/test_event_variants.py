"""The event-layer variant features of ``bench/days_event_variants.py`` (recall13's keys cover, recall14's side lede)."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, datetime

import pytest
from bench.days_event_variants import _core_keys, _keys_cover, core_lede_cover, side_lede_core_cosine

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


def _told(ledes: dict[str, int], count: int, centroid: dict[str, float] | None = None) -> _StoryState:
    """A story whose ``count`` members' titles-and-ledes use ``ledes``' terms that many times."""
    centroid = centroid or {}
    return _StoryState(id="s", title="", first=NOW, last=NOW, lede_terms=Counter(ledes), ledes=count,
                       centroid=centroid, norm=math.sqrt(sum(w * w for w in centroid.values())))


# Four core reports: the two legislators' remand; 台湾 only in one lede, so not a common term.
LEGISLATORS = _told({"立委": 4, "羁押": 3, "国民党": 2, "台湾": 1}, 4)


def test_cover_is_the_share_of_the_cores_common_lede_terms_the_side_uses() -> None:
    assert core_lede_cover(_told({"立委": 1, "羁押": 1, "国民党": 1}, 1), LEGISLATORS) == pytest.approx(1.0)
    reaction = core_lede_cover(_told({"立委": 1, "羁押": 1, "停权": 1}, 1), LEGISLATORS)
    assert 0.5 < reaction < 1.0
    # a term only one core lede uses is not the core's
    assert core_lede_cover(_told({"台湾": 1, "停权": 1}, 1), LEGISLATORS) == 0.0
    assert core_lede_cover(_told({"立委": 1}, 1), _told({}, 0)) == 0.0


def test_cover_is_not_diluted_by_the_sides_own_angle() -> None:
    side = _told({"立委": 1, "羁押": 1}, 1)
    angled = _told({"立委": 1, "羁押": 1, **{f"词{i}": 1 for i in range(30)}}, 1)
    assert core_lede_cover(angled, LEGISLATORS) == core_lede_cover(side, LEGISLATORS)


def test_cover_is_asymmetric() -> None:
    side = _told({"立委": 1}, 1)
    assert core_lede_cover(side, LEGISLATORS) > 0.0
    assert core_lede_cover(LEGISLATORS, side) == 1.0  # the side's one term is in the core's ledes


def test_day_specific_weights_lower_the_topics_words() -> None:
    # 国民党 is in the ledes of nine of the day's stories, 羁押 of one: a side naming only the party covers less
    day_df = {"国民党": 9, "羁押": 1, "立委": 2}
    party = _told({"国民党": 1}, 1)
    assert core_lede_cover(party, LEGISLATORS, day_df) < core_lede_cover(party, LEGISLATORS)
    remand = _told({"羁押": 1}, 1)
    assert core_lede_cover(remand, LEGISLATORS, day_df) > core_lede_cover(remand, LEGISLATORS)


def test_lede_cosine_reads_the_sides_lede_against_the_cores_bodies() -> None:
    core = _told({}, 3, centroid={"立委": 0.6, "羁押": 0.8})
    assert side_lede_core_cosine(_told({"立委": 1}, 1), core) > 0.5
    assert side_lede_core_cosine(_told({"停权": 1, "声明": 1}, 1), core) == 0.0
    assert side_lede_core_cosine(_told({}, 0), core) == 0.0
    assert side_lede_core_cosine(_told({"立委": 1}, 1), _told({}, 3)) == 0.0
    # a term two of the side's two ledes use weighs as much as one that one of one uses
    assert side_lede_core_cosine(_told({"立委": 2}, 2), core) == pytest.approx(
        side_lede_core_cosine(_told({"立委": 1}, 1), core))


def test_production_cover_equals_the_bench_variants_on_a_constructed_pair() -> None:
    """Without names ``eventlink.event_features(..., cover=True)``'s last column is recall14's ``core_lede_cover``,
    the core being the larger story whichever order the pair comes in."""
    from newsmirror.stories.cluster import _dice
    from newsmirror.stories.eventlink import EVENT_FEATURES, EVENT_FEATURES_COVER, event_features

    side = _told({"立委": 1, "羁押": 1, "停权": 1}, 1)
    side.members = [object()]  # type: ignore[list-item]
    core = _told({"立委": 4, "羁押": 3, "国民党": 2, "台湾": 1}, 4)
    core.members = [object()] * 4  # type: ignore[list-item]
    expected = core_lede_cover(side, core)
    assert 0.0 < expected < 1.0
    for a, b in ((side, core), (core, side)):
        values = event_features(a, b, lambda _: 0, _dice, cover=True)
        assert len(values) == len(EVENT_FEATURES_COVER)
        assert values[-1] == pytest.approx(expected)
        assert values[:-1] == event_features(a, b, lambda _: 0, _dice)
    assert len(event_features(side, core, lambda _: 0, _dice)) == len(EVENT_FEATURES)


def test_production_cover_equals_guard16s_variant_with_names() -> None:
    """With names, production's cover is the variant "cover without shared names" (column 3 of ``_guard_row``):
    the core's names the side also uses count neither way."""
    from bench.days_event_variants import _guard_row

    from newsmirror.stories.cluster import _dice
    from newsmirror.stories.eventlink import event_features

    side = _told({"立委": 1, "羁押": 1, "停权": 1}, 1)
    side.members = [object()]  # type: ignore[list-item]
    core = _told({"立委": 4, "羁押": 3, "国民党": 2, "台湾": 1}, 4)
    core.members = [object()] * 4  # type: ignore[list-item]
    names = {"立委": 1, "国民党": 1}
    expected = _guard_row(side, core, names)[3]
    assert 0.0 < expected < core_lede_cover(side, core)  # 立委, shared, leaves the share; 国民党 stays missed
    for a, b in ((side, core), (core, side)):
        assert event_features(a, b, lambda t: names.get(t, 0), _dice, cover=True)[-1] == pytest.approx(expected)
