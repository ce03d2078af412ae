"""``bench/split_census``: titles compared across scripts, and the end stage of two final stories in the order of the
passes' own rules (on ``test_cluster_meaning``'s constructed reports, not a labelled day)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

from bench.split_census import end_stage, kind, overlap, title_grams

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from tests.stories.test_cluster_meaning import BUDGET, QUAKE, RESCUE, tiny_vectors


def test_titles_are_compared_in_one_script() -> None:
    a, b = title_grams("香港再添82確診"), title_grams("香港新增82宗冠病确诊病例")
    assert "确诊" in a & b and "香港" in a & b
    assert overlap(a, b) == len(a & b) / len(a)
    assert overlap(frozenset(), b) == 0.0


def stage(*docs: object, terms: int = 40) -> str:
    clusterer = StoryClusterer(ClusterConfig(event_candidates=terms), vectors=tiny_vectors())
    for doc in docs:
        clusterer.add(doc)  # type: ignore[arg-type]
    first, last = (next(s for s in clusterer.stories.values() if s.title == d.title)  # type: ignore[attr-defined]
                   for d in (docs[0], docs[-1]))
    return end_stage(clusterer, first, last)[0]


def test_the_end_stage_follows_the_passes_rules() -> None:
    assert stage(QUAKE, BUDGET, RESCUE, terms=0) == "small: not an event candidate"
    late = replace(RESCUE, id="late", time=QUAKE.time + timedelta(days=5))
    assert stage(QUAKE, BUDGET, late) == "outside the window/span (report times)"
    own = replace(RESCUE, id="own", outlet=QUAKE.outlet)
    assert stage(QUAKE, BUDGET, own) == "small: an outlet in both (one and the same outlets)"
    assert stage(QUAKE, BUDGET, RESCUE).startswith("small: ")


def test_an_english_story_is_kept_apart_by_the_passes_language_rule() -> None:
    english = replace(RESCUE, id="e", outlet="经济学人", title="Rescuers search the rubble in Turkey",
                      text="Rescuers dug through the rubble for survivors after the earthquake in western Turkey.")
    assert stage(QUAKE, BUDGET, english) == "not Chinese (the passes judge Chinese stories only)"


def _story(*ids: str, outlets: tuple[str, ...] = ("路透",)) -> SimpleNamespace:
    return SimpleNamespace(members=[SimpleNamespace(article_id=i) for i in ids], outlets=set(outlets))


def test_the_kind_of_a_split_reads_sizes_outlets_and_the_other_events_in_a_story() -> None:
    event_of = {"a1": "e", "a2": "e", "a3": "e", "b1": "e", "x1": "x", "x2": "x"}
    core, single = _story("a1", "a2", "a3"), _story("b1", outlets=("法广",))
    assert kind(core, single, ["a1", "a2", "a3"], ["b1"], event_of, 3) == "core and side"
    assert kind(_story("a1"), single, ["a1"], ["b1"], event_of, 3) == "two singles"
    assert kind(_story("a1"), _story("b1"), ["a1"], ["b1"], event_of, 3) == "other: an outlet in both"
    assert kind(_story("a1", "a2", outlets=("中央社",)), single, ["a1", "a2"], ["b1"], event_of, 3) == \
        "other: a story of two"
    pulled = _story("b1", "x1", "x2", outlets=("法广", "中央社"))
    assert kind(core, pulled, ["a1", "a2", "a3"], ["b1"], event_of, 3) == "pulled into another event's story"
