"""bench/facts_miss_kinds.py gives each missed gold pair a kind (own small story, none taken from the fact labels of
bench/days)."""

from __future__ import annotations

from bench import facts_miss_kinds
from tests.bench.port_story import article


def test_a_free_pair_told_in_other_words_is_counted_as_such() -> None:
    first = article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。码头耗资约四十亿元兴建。附近居民担心噪音影响生活。")
    second = article("乙报", "住在港口旁边的人害怕吵闹会打扰日常起居。海港管理局周一宣布新码头将于明年三月正式启用。")
    story = {"event": "port", "fact": [
        {"id": "opening", "sentences": [{"file": "a", "text": "海港管理局周一宣布新码头"},
                                        {"file": "b", "text": "海港管理局周一宣布新码头"}]},
        {"id": "noise", "sentences": [{"file": "a", "text": "附近居民担心噪音影响生活"},
                                      {"file": "b", "text": "住在港口旁边的人害怕吵闹"}]}]}
    rows = list(facts_miss_kinds.story_rows(story, {"a": first, "b": second}))
    # The opening is found; the residents' fear, told in words the two do not share, is missed as a free pair.
    assert [(row["fact"], row["kind"], row["held"]) for row in rows] == [("noise", "no-shared-word", False)]
    assert rows[0]["layer"] in ("never-candidate", "model-under", "model-under-near")
