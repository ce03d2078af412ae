"""Comparison of reports that say one thing in different words, sentence shapes and spellings
(own small examples, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="地震", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)



def test_a_long_sentence_holding_two_facts_matches_both_sentences_of_another_outlet() -> None:
    one = article("甲报", "强烈地震周一清晨袭击了沿海的三个城镇，当地官员说，地震已造成至少十二人死亡和三百多人受伤，"
                          "救援人员仍在倒塌的楼房中搜寻幸存者。")
    two = article("乙社", "強烈地震週一清晨襲擊沿海三個城鎮。\n\n"
                          "搜救人員仍在倒塌樓房中搜尋倖存者。\n\n"
                          "官員表示，死亡人數至少十二人，另有三百多人受傷。")
    comparison = compare_story([one, two])
    quake = fact_with(comparison, "襲擊沿海三個城鎮")
    rescue = fact_with(comparison, "搜尋倖存者")
    toll = fact_with(comparison, "死亡人數至少十二人")
    assert quake.outlets == rescue.outlets == toll.outlets == ["乙社", "甲报"]
    assert len({id(quake), id(rescue), id(toll)}) == 3
    # Each of 甲报's parts is shown under its own fact, as written.
    assert [s.text for s in rescue.sentences if s.outlet == "甲报"] == ["救援人员仍在倒塌的楼房中搜寻幸存者。"]


def test_two_transliterations_of_one_name_make_one_fact_and_no_only_x() -> None:
    # Little but the name is shared, and it is spelled two ways (克瑞布斯/克雷布斯).
    one = article("甲报", "克瑞布斯被任命为新的特使。")
    two = article("乙社", "新特使由克雷布斯擔任，他曾任大使。")
    comparison = compare_story([one, two])
    assert fact_with(comparison, "克瑞布斯").outlets == ["乙社", "甲报"]
    assert comparison.unique_details() == {"甲报": [], "乙社": []}


def test_a_latin_surname_joins_two_transliterations_the_sound_key_cannot() -> None:
    # Different lengths and sounds: only the Latin gloss tells that 格伦德伯格 and 葛柏格 are one man.
    one = article("甲报", "联合国特使格伦德伯格（Hans Grundberg）周一抵达亚丁，会见了当地官员和部落首领。")
    two = article("乙社", "聯合國特使葛柏格（Hans Grundberg）週一抵達亞丁，會見了當地官員和部落首領。")
    comparison = compare_story([one, two])
    claims = comparison.unique_details()
    assert not {"格伦德伯格", "葛柏格", "Hans Grundberg"} & {*claims["甲报"], *claims["乙社"]}


def test_an_organisation_named_with_its_country_and_kind_is_the_same_organisation() -> None:
    one = article("甲报", "美国波音公司周二宣布，将在明年裁减一万个工作岗位，以削减开支。")
    two = article("乙社", "波音週二宣布，將在明年裁減一萬個工作崗位，以削減開支，工會表示反對。")
    comparison = compare_story([one, two])
    assert "美国波音公司" not in comparison.unique_details()["甲报"]
    assert fact_with(comparison, "裁减一万个工作岗位").outlets == ["乙社", "甲报"]


def test_reports_in_the_same_order_align_a_loosely_worded_statement() -> None:
    # The middle statements share few characters; their neighbours agree, so they are one fact.
    one = article("甲报", "两国外长周一在首都举行了会谈，讨论地区安全局势。\n\n"
                          "双方同意加快谈判。\n\n"
                          "两国将于明年春天签署新的贸易协定。")
    two = article("乙社", "兩國外長週一在首都舉行會談，討論地區安全局勢。\n\n"
                          "雙方決定盡快推進磋商進程。\n\n"
                          "兩國將在明年春天簽署新的貿易協定。")
    comparison = compare_story([one, two])
    assert fact_with(comparison, "双方同意加快谈判").outlets == ["乙社", "甲报"]


def test_a_figure_written_in_han_numerals_or_digits_is_one_figure() -> None:
    one = article("甲报", "约3万名抗议者周六聚集在市中心，第三次要求总理辞职。")
    two = article("乙社", "約30,000名抗議者週六聚集市中心，第3次要求總理下台。")
    comparison = compare_story([one, two])
    assert fact_with(comparison, "约3万名抗议者").outlets == ["乙社", "甲报"]


def test_an_outlet_repeating_a_statement_keeps_both_in_the_one_fact() -> None:
    # The lead is repeated word for word below (an earlier report appended to a later one).
    one = article("甲报", "港口仓库周二发生大爆炸，至少五十人死亡。\n\n"
                          "目击者说，爆炸声在全城都能听到。\n\n"
                          "港口仓库周二发生大爆炸，至少五十人死亡。")
    two = article("乙社", "港口倉庫週二發生大爆炸，至少五十人死亡。")
    comparison = compare_story([one, two])
    blast = fact_with(comparison, "港口倉庫週二發生大爆炸")
    assert [s.outlet for s in blast.sentences].count("甲报") == 2
    assert fact_with(comparison, "目击者说").outlets == ["甲报"]
