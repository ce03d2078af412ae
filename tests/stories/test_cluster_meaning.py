"""Meaning vectors in grouping (``text.vectors`` in ``stories.cluster``): the nearest-story index,
the ``meaning`` feature, and stories offered by meaning when the term index does not offer them.
Reports written for these tests (not taken from any labelled day)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _MeaningIndex
from newsmirror.stories.pairscore import FEATURES
from newsmirror.text.vectors import WordVectors

START = datetime(2021, 5, 3, 8, tzinfo=UTC)


def test_the_meaning_index_finds_the_nearest_live_stories_and_forgets_removed_ones() -> None:
    index = _MeaningIndex(2)
    index.set("east", np.array([1.0, 0.0]))
    index.set("north", np.array([0.0, 3.0]))
    index.set("north-east", np.array([1.0, 1.0]))
    found = index.nearest(np.array([1.0, 0.0]), 3, 0.0)
    assert [story for story, _ in found] == ["east", "north-east", "north"]
    assert [story for story, _ in index.nearest(np.array([1.0, 0.0]), 3, 0.5)] == ["east", "north-east"]
    index.remove("east")
    assert [story for story, _ in index.nearest(np.array([1.0, 0.0]), 1, 0.0)] == ["north-east"]


def test_the_meaning_index_grows_past_its_first_block_and_reuses_slots() -> None:
    index = _MeaningIndex(3)
    rng = np.random.default_rng(3)
    for i in range(600):
        index.set(f"s{i}", rng.normal(size=3))
    target = np.array([0.0, 0.0, 1.0])
    index.set("s599", target * 5)
    assert index.nearest(target, 1, 0.0)[0][0] == "s599"
    for i in range(300):
        index.remove(f"s{i}")
    index.set("new", target)
    assert len(index.rows) == 1024  # slots of removed stories were reused, no third growth
    assert {story for story, _ in index.nearest(target, 2, 0.0)} == {"s599", "new"}


# Tiny vectors: the quake story's words and the rescue report's words point the same way, the
# budget words elsewhere; only 土耳其 is shared as a word.
QUAKE_WORDS = ["地震", "楼房", "倒塌", "震级", "强烈", "西部", "余震", "土耳其"]
RESCUE_WORDS = ["救援", "废墟", "幸存者", "搜救", "伤亡", "挖掘", "帐篷", "安置"]
BUDGET_WORDS = ["预算", "国会", "法案", "签署", "开支", "赤字", "参议院", "众议院"]


def tiny_vectors() -> WordVectors:
    words = QUAKE_WORDS + RESCUE_WORDS + BUDGET_WORDS
    table = np.zeros((len(words), 3))
    table[: len(QUAKE_WORDS) + len(RESCUE_WORDS), 0] = 1.0
    table[len(QUAKE_WORDS) + len(RESCUE_WORDS):, 1] = 1.0
    return WordVectors(words, table, np.full(len(words), 5), 1000)


QUAKE = Document("q", "路透", START, "土耳其西部发生强烈地震 楼房倒塌",
                 "土耳其西部发生强烈地震，震级六点八，多栋楼房倒塌，余震不断。地震发生在西部，楼房倒塌。")
RESCUE = Document("r", "法广", START + timedelta(hours=3), "土耳其救援人员在废墟中搜救幸存者",
                  "救援人员在废墟中挖掘，搜救幸存者，伤亡人数上升，灾民在帐篷安置。救援持续，废墟下仍有幸存者。")
BUDGET = Document("b", "美国之音", START + timedelta(hours=1), "国会通过预算法案 总统签署",
                  "参议院和众议院通过预算法案，总统签署，开支增加，赤字扩大。国会预算法案签署生效。")


def test_a_report_in_other_words_is_offered_by_meaning_only_when_meaning_candidates_are_on() -> None:
    for on in (False, True):
        clusterer = StoryClusterer(ClusterConfig(meaning_candidates=3 if on else 0, meaning_floor=0.5),
                                   vectors=tiny_vectors())
        clusterer.add(QUAKE)
        clusterer.add(BUDGET)
        vector = clusterer.vector(RESCUE.title, RESCUE.text)
        meaning = clusterer.meaning(RESCUE.title, RESCUE.text)
        offered = [story.title for story in clusterer.candidate_stories(RESCUE, vector, meaning)]
        # It shares one term with the quake story (土耳其): the term index's three-term filter drops it.
        assert offered == ([QUAKE.title] if on else [])


def test_the_meaning_feature_is_the_cosine_of_report_and_story_core() -> None:
    clusterer = StoryClusterer(ClusterConfig(), vectors=tiny_vectors())
    clusterer.add(QUAKE)
    quake = next(iter(clusterer.stories.values()))

    def meaning_feature(doc: Document) -> float:
        values = clusterer.pair_features(clusterer.vector(doc.title, doc.text), [], [], doc.time, {doc.outlet},
                                         quake, clusterer.meaning(doc.title, doc.text))
        return dict(zip(FEATURES, values, strict=True))["meaning"]

    assert meaning_feature(RESCUE) > 0.99
    assert meaning_feature(BUDGET) < 0.01


def test_without_word_vectors_the_feature_is_zero_and_grouping_still_works() -> None:
    clusterer = StoryClusterer(ClusterConfig(word_vectors=False))
    assert clusterer.word_vectors is None
    assert clusterer.meaning(QUAKE.title, QUAKE.text) is None
    assert clusterer.add(QUAKE).new_story


def test_hand_settings_keep_the_earlier_reading_without_vectors() -> None:
    hand = ClusterConfig.hand_settings()
    assert not hand.word_vectors and not hand.strict_genre and not hand.pair_model
    assert ClusterConfig().strict_genre and ClusterConfig().word_vectors


def test_teacher_forcing_never_homes_an_event_in_a_closed_story() -> None:
    from bench.days_pair_fit import SETTINGS, _TeacherForced

    config = ClusterConfig(**SETTINGS)
    config.merge_similarity, config.merge_probability, config.pair_model = 2.0, None, False
    wrap_up = Document("w", "路透", START, QUAKE.title, QUAKE.text, digest=True)  # read as multi-event
    second = Document("q2", "中央社", START + timedelta(hours=1), "土耳其西部强烈地震造成楼房倒塌 余震持续",
                      "当地时间周五，土耳其西部发生强烈地震，多栋楼房倒塌，余震持续数小时，居民露宿街头。")
    third = Document("q3", "法广", START + timedelta(hours=2), "土耳其地震死亡人数上升 楼房倒塌",
                     "土耳其西部强烈地震的死亡人数上升，倒塌楼房下仍有居民被困，余震让救援更困难。")
    forced = _TeacherForced(config, {"w": "quake", "q2": "quake", "q3": "quake"})
    closed = forced.add(wrap_up).story_id
    home = forced.add(second).story_id
    assert home != closed
    assert forced.add(third).story_id == home
    assert forced.labels and forced.labels[-1] == 1  # the home was a candidate, recorded as the same event


def test_fit_settings_parse_to_the_fields_types() -> None:
    from bench.days_pair_fit import parse_setting

    assert parse_setting("strict_genre=False") == {"strict_genre": False}
    assert parse_setting("meaning_candidates=3") == {"meaning_candidates": 3}
    assert parse_setting("topic_near=0.9") == {"topic_near": 0.9}
