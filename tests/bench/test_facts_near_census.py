"""bench/facts_near_census.py bins gold pairs by their units' bigram Dice and gives each miss a stage (own small
story, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from bench import facts_near_census
from tests.bench.port_story import article


def test_dice_and_bins() -> None:
    assert facts_near_census.set_dice(frozenset({"ab", "bc"}), frozenset({"bc", "cd"})) == 0.5
    assert facts_near_census.set_dice(frozenset(), frozenset({"ab"})) == 0.0
    assert facts_near_census.key_bigrams("abc") == frozenset({"ab", "bc"})
    assert facts_near_census.bin_of(0.25) == "[0.2,0.3)"
    assert facts_near_census.bin_of(1.0) == "[0.7,1.0)"


def test_a_found_pair_and_a_missed_pair_in_other_words() -> None:
    first = article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。码头耗资约四十亿元兴建。附近居民担心噪音影响生活。")
    second = article("乙报", "住在港口旁边的人害怕吵闹会打扰日常起居。海港管理局周一宣布新码头将于明年三月正式启用。")
    story = {"event": "port", "fact": [
        {"id": "opening", "sentences": [{"file": "a", "text": "海港管理局周一宣布新码头"},
                                        {"file": "b", "text": "海港管理局周一宣布新码头"}]},
        {"id": "noise", "sentences": [{"file": "a", "text": "附近居民担心噪音影响生活"},
                                      {"file": "b", "text": "住在港口旁边的人害怕吵闹"}]}]}
    rows = facts_near_census.story_rows("port", story, {"a": first, "b": second})
    assert [(row["fact"], row["found"]) for row in rows] == [("opening", True), ("noise", False)]
    assert rows[0]["dice"] == 1.0
    assert rows[1]["dice"] < 0.2 and rows[1]["stage"].startswith("below-both/")
