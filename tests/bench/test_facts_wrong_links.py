"""bench/days_facts_eval.score hands its judged-wrong links to bench/facts_wrong_links.py (own small story,
none taken from the fact labels of bench/days)."""

from __future__ import annotations

from bench import days_facts_eval
from tests.bench.port_story import article


def test_score_lists_a_link_between_quotes_of_two_gold_facts() -> None:
    first = article("甲台", "海港管理局周一宣布新码头将于明年三月正式启用。")
    second = article("乙日报", "海港管理局週一宣佈，新碼頭將於明年三月正式啟用。")
    # Labels that (wrongly, for the test) put the two tellings of one statement under two facts.
    story = {"event": "port", "fact": [
        {"id": "opening", "sentences": [{"file": "a", "text": "新码头将于明年三月正式启用"}]},
        {"id": "other", "sentences": [{"file": "b", "text": "新碼頭將於明年三月正式啟用"}]}]}
    wrong: list = []
    totals = days_facts_eval.score([(story, {"a": first, "b": second})], wrong=wrong)
    assert totals["judged_links"] == 1 and totals["right_links"] == 0
    assert len(wrong) == 1
    event, a, b, gold_a, gold_b = wrong[0]
    assert event == "port"
    assert sorted([(a[1], gold_a), (b[1], gold_b)]) == [("乙日报", ["other"]), ("甲台", ["opening"])]
