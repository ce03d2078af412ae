"""A quote over two units counted on every unit it covers (session 58, recall83): the covered-units scorer
beside the first-unit one, and the pair model's training labels (own small story, none taken from the fact
labels of bench/days)."""

from __future__ import annotations

from bench.days_fact_model import _quoted_units

from bench import days_facts_eval
from newsmirror.stories import compare
from tests.bench.port_story import article

# A long sentence the comparison cuts into two clauses; the other outlet tells only the second.
FIRST = article("甲台", "海港管理局昨天召开记者会宣布扩建计划已经完成审批，新码头将于明年三月正式启用并开放给国际货轮停靠。"
                       "当局另外宣布港口的夜间作业时间将延长两个小时。")
SECOND = article("乙日报", "新碼頭將於明年三月正式啟用並開放給國際貨輪停靠。市民對此表示歡迎。")
SPANNING = "海港管理局昨天召开记者会宣布扩建计划已经完成审批，新码头将于明年三月正式启用并开放给国际货轮停靠"
TOLD = "新碼頭將於明年三月正式啟用並開放給國際貨輪停靠"
FILES = {"a": FIRST, "b": SECOND}


def test_a_link_on_the_quotes_second_unit_is_found_only_by_the_covered_scorer() -> None:
    story = {"event": "port", "fact": [{"id": "opening", "sentences": [
        {"file": "a", "text": SPANNING}, {"file": "b", "text": TOLD}]}]}
    totals = days_facts_eval.score([(story, FILES)])
    assert totals["spanning_quotes"] == 1 and totals["gold_pairs"] == 1
    assert totals["found_pairs"] == 0 and totals["judged_links"] == 0  # first unit: a miss, unjudged
    assert totals["found_any_unit"] == 1
    assert (totals["covered_judged_links"], totals["covered_right_links"]) == (1, 1)
    assert "link R 1.0000 (1/1) P 1.0000 (1/1)" in days_facts_eval.every_unit_figures(totals)


def test_a_covered_unit_linked_with_another_facts_quote_is_judged_wrong() -> None:
    story = {"event": "port", "fact": [{"id": "approval", "sentences": [{"file": "a", "text": SPANNING}]},
                                       {"id": "opening", "sentences": [{"file": "b", "text": TOLD}]}]}
    totals = days_facts_eval.score([(story, FILES)])
    assert totals["judged_links"] == 0
    assert (totals["covered_judged_links"], totals["covered_right_links"]) == (1, 0)


def test_training_labels_mark_every_covered_unit_only_when_asked() -> None:
    story = {"event": "port", "fact": [{"id": "opening", "sentences": [
        {"file": "a", "text": SPANNING}, {"file": "b", "text": TOLD}]}]}
    _outlets, sentences, _weight = compare._story_units([FIRST, SECOND], dateline_matched=True)
    refs = [s.ref for s in sentences]
    texts = [r.text for r in refs]
    first_clause, second_clause = texts.index("海港管理局昨天召开记者会宣布扩建计划已经完成审批，"), texts.index(
        "新码头将于明年三月正式启用并开放给国际货轮停靠。")
    told = texts.index("新碼頭將於明年三月正式啟用並開放給國際貨輪停靠。")
    assert dict(_quoted_units(story, FILES, refs)) == {first_clause: {"opening"}, told: {"opening"}}
    assert dict(_quoted_units(story, FILES, refs, covered=True)) == {
        first_clause: {"opening"}, second_clause: {"opening"}, told: {"opening"}}
