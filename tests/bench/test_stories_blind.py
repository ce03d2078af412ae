"""bench/stories_blind.py: the draw leaves test-day stories out, the key is what was shown."""

from __future__ import annotations

from collections import Counter

from bench import stories_blind


def groupings() -> list[list[list[str]]]:
    on = [["a1", "a2", "a3", "a4", "a5", "a6"], ["b1", "b2", "b3", "b4", "b5"], ["t1", "c1", "c2", "c3", "c4"],
          ["d1"], ["d2"]]
    off = [["a1", "a2", "a3"], ["a4", "a5", "a6"], ["b1", "b2", "b3", "b4", "b5"], ["t1"], ["c1", "c2", "c3", "c4"],
           ["d1", "d2"]]
    return [on, off]


def test_draw_takes_big_stories_of_either_grouping_and_never_one_touching_a_test_day() -> None:
    drawn = stories_blind.draw(groupings(), hidden={"t1"}, min_size=5, seed=3, count=10)
    assert not {"t1", "c1", "c2", "c3", "c4"} & set(drawn)  # c's story in "on" holds the test-day t1
    assert not {"d1", "d2"} & set(drawn)  # in no story of >= 5 members
    # one draw per combination of stories: a1..a3 / a4..a6 / b
    assert len(drawn) == 3 and len({d[0] for d in drawn}) == 2
    assert stories_blind.draw(groupings(), {"t1"}, 5, seed=3, count=10) == drawn
    assert len(stories_blind.draw(groupings(), {"t1"}, 5, seed=3, count=2)) == 2


def test_a_differing_draw_skips_articles_whose_story_is_the_same_in_both() -> None:
    drawn = stories_blind.draw(groupings(), hidden={"t1"}, min_size=5, seed=3, count=10, differing=True)
    assert drawn and not {"b1", "b2", "b3", "b4", "b5"} & set(drawn)  # b's story is identical in both
    assert {d[0] for d in drawn} == {"a"}


def test_blind_order_is_fixed_by_the_seed_and_uses_both_orders() -> None:
    order = stories_blind.blind(("on", "off"), 40, seed=5)
    assert order == stories_blind.blind(("on", "off"), 40, seed=5)
    assert set(order) == {("on", "off"), ("off", "on")}


def test_tabulate_maps_sides_to_groupings_through_the_key() -> None:
    key = {"D01": {"A": "on", "B": "off"}, "D02": {"A": "off", "B": "on"}, "D03": {"A": "on", "B": "off"}}
    judged = {"D01": {"A": "mixed:2", "B": "one", "better": "B"},
              "D02": {"A": "strays:1", "B": "one", "better": "equal"},
              "D03": {"same": "one"}}
    verdicts, paired = stories_blind.tabulate(judged, key)
    assert verdicts["on"] == Counter({"mixed": 1, "one": 2})
    assert verdicts["off"] == Counter({"one": 2, "strays": 1})
    assert paired == Counter({"off better": 1, "equal": 1, "equal (same story)": 1})
