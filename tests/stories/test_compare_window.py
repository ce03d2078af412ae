"""One fact told in two neighbouring sentences by one outlet and in one by another: the window
round (own small examples, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison, Fact

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="诉讼", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)


def facts_with(comparison: Comparison, text: str) -> list[Fact]:
    facts = [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]
    return [f for f in facts if any(text in s.text for s in f.sentences)]


ONE_SENTENCE = "中国人工智能公司小艾周一起诉苹果侵犯语音助手专利并要求赔偿一百亿元人民币。"


def test_a_lead_in_and_its_continuation_both_join_the_other_outlets_statement() -> None:
    two = article("甲报", "一家中国人工智能企业周一在上海起诉美国苹果公司侵犯其语音助手专利。\n\n"
                          "小艾要求赔偿一百亿元人民币，这是该公司第二次起诉苹果。\n\n"
                          "苹果公司尚未回应置评请求。")
    one = article("乙社", ONE_SENTENCE + "\n\n法院将于下月开庭审理此案，双方律师均未置评。")
    comparison = compare_story([one, two])
    lead, continuation = facts_with(comparison, "侵犯其语音助手专利"), facts_with(comparison, "要求赔偿一百亿元")
    assert len(lead) == len(continuation) == 1
    assert lead[0] is continuation[0]
    assert lead[0].outlets == ["乙社", "甲报"]


def test_a_neighbour_repeating_the_matched_part_or_other_figures_stays_out() -> None:
    two = article("甲报", "一家中国人工智能企业周一在上海起诉美国苹果公司侵犯其语音助手专利。\n\n"
                          "该公司去年也曾起诉苹果侵犯专利并要求赔偿五十亿元人民币。\n\n"
                          "苹果公司尚未回应置评请求。")
    one = article("乙社", ONE_SENTENCE)
    comparison = compare_story([one, two])
    earlier = facts_with(comparison, "去年也曾起诉苹果")
    assert len(earlier) == 1
    assert earlier[0].outlets == ["甲报"]
