"""Figures that do and do not conflict, and a statement packing two facts when the other outlet's
statement is the longer one (own small examples, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison, Fact

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str, title: str = "案件") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)


def fact_with(comparison: Comparison, text: str) -> Fact:
    facts = [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]
    return next(f for f in facts if any(text in s.text for s in f.sentences))


def test_a_date_and_a_duration_do_not_conflict() -> None:
    # 2018年12月 dates the arrest, 近两年 measures the detention since: no different counts.
    one = article("甲报", "前外交官李明和商人张华于2018年12月在该国被捕，他们被控从事间谍活动。")
    two = article("乙社", "前外交官李明和商人张华在该国被拘押近两年，他们被控从事间谍活动。")
    assert sorted(fact_with(compare_story([one, two]), "被控从事间谍活动").outlets) == ["乙社", "甲报"]


def test_digits_of_a_model_name_are_no_figure() -> None:
    # SM-3 names the missile; it does not conflict with the day 11月16日.
    one = article("甲报", "美军驱逐舰11月16日在太平洋试射拦截导弹，成功击落了洲际弹道导弹靶弹。")
    two = article("乙社", "美军驱逐舰在太平洋使用SM-3拦截导弹，成功击落了洲际弹道导弹靶弹。")
    assert sorted(fact_with(compare_story([one, two]), "击落了洲际").outlets) == ["乙社", "甲报"]


def test_counts_of_one_kind_that_differ_are_two_facts() -> None:
    one = article("甲报", "卫生部长说，港口爆炸已造成至少50人死亡。")
    two = article("乙社", "卫生部长说，港口爆炸已造成至少27人死亡。")
    assert fact_with(compare_story([one, two]), "50人").outlets == ["甲报"]


def test_a_short_statement_packing_two_facts_is_shown_in_both() -> None:
    # 乙社's one sentence tells what 甲报 says in two. It matches 甲报's first statement best;
    # 甲报's second, longer one matches it less well, but on another part of it.
    one = article("甲报", "发言人质问，对方为什么在案件信息披露问题上一直遮遮掩掩，想方设法阻止公开更多文件？\n\n"
                          "发言人还说，对方至今不敢向民众说明事实真相，这是虚伪和软弱的表现。")
    packed = "发言人批评对方在案件信息披露问题上一直遮遮掩掩，是虚伪而软弱的表现。"
    comparison = compare_story([one, article("乙社", packed)])
    assert packed in [s.text for s in fact_with(comparison, "想方设法阻止").sentences]
    assert packed in [s.text for s in fact_with(comparison, "这是虚伪和软弱").sentences]
