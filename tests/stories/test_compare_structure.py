"""Statements shaped differently by different outlets: two sentences joined by a semicolon, a
statement an outlet repeats in other words (own small examples, none taken from the fact labels
of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story, is_furniture
from newsmirror.stories.comparison import Fact
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str, title: str = "救援") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)



def texts(fact: Fact, outlet: str) -> list[str]:
    return [s.text for s in fact.sentences if s.outlet == outlet]


def test_two_sentences_joined_by_a_semicolon_match_one_sentence_of_another_outlet() -> None:
    one = article("甲报", "救援船周二晚间驶离南部港口，船上载有两百名志愿者；船队预计周五抵达受灾的岛屿。")
    two = article("乙社", "載有兩百名志願者的救援船週二晚間駛離南部港口，預計週五抵達受災島嶼。")
    comparison = compare_story([one, two])
    fact = fact_with(comparison, "載有兩百名志願者")
    assert texts(fact, "甲报") == ["救援船周二晚间驶离南部港口，船上载有两百名志愿者；", "船队预计周五抵达受灾的岛屿。"]


def test_a_list_of_semicolon_items_stays_item_by_item() -> None:
    # Three or more items joined by semicolons are a list: each item is a statement of its own,
    # so two items another outlet reports apart stay apart.
    one = article("甲报", "新法要求化工企业每月公开排放数据；禁止在居民区五公里内新建化工厂；对违规企业处以高额罚款。")
    two = article("乙社", "新法規定化工企業須每月公開排放數據。\n\n新法也禁止在居民區五公里內新建化工廠。")
    comparison = compare_story([one, two])
    data = fact_with(comparison, "每月公開排放數據")
    plants = fact_with(comparison, "新建化工廠")
    assert data is not plants
    assert texts(data, "甲报") == ["新法要求化工企业每月公开排放数据；"]
    assert texts(plants, "甲报") == ["禁止在居民区五公里内新建化工厂；"]


def test_a_statement_repeated_in_other_words_joins_the_fact_of_its_first_telling() -> None:
    one = article("甲报", "地方法院周一以受贿罪判处前市长王立新十二年有期徒刑。\n\n"
                          "王立新在任期间多次收受开发商的财物。\n\n"
                          "法院公告说，前市长王立新被判处十二年有期徒刑，他当庭表示将会上诉。")
    two = article("乙社", "前市長王立新週一被地方法院以受賄罪判處十二年有期徒刑。")
    comparison = compare_story([one, two])
    fact = fact_with(comparison, "判處十二年有期徒刑")
    assert len(texts(fact, "甲报")) == 2
    assert not any("开发商" in text for text in texts(fact, "甲报"))


def test_two_statements_of_one_outlet_are_not_joined_through_a_sentence_packing_both() -> None:
    # 乙社's sentence tells the blast and the toll; 甲报 tells them apart: both of 甲报's
    # sentences match it strongly, but different parts of it, so they are no repetition.
    one = article("甲报", "港口仓库周二下午发生猛烈爆炸，附近楼房的玻璃全被震碎。\n\n"
                          "卫生部门周三说，港口仓库爆炸已造成至少十二人死亡。", title="爆炸")
    two = article("乙社", "港口倉庫週二下午發生猛烈爆炸，已造成至少十二人死亡。", title="爆炸")
    comparison = compare_story([one, two])
    toll = fact_with(comparison, "卫生部门周三说")
    assert texts(toll, "甲报") == ["卫生部门周三说，港口仓库爆炸已造成至少十二人死亡。"]


def test_a_sentence_packing_two_facts_is_shown_in_both_when_another_outlet_tells_them_apart() -> None:
    one = article("甲报", "据知情人士透露，这笔收购交易的金额可达三十亿元。\n\n"
                          "收购方计划在年底前完成全部审批手续。\n\n"
                          "其他竞购者还包括两家大型国有电信企业。", title="收购")
    two = article("乙社", "收購交易金額可達三十億元，競購者還包括兩家大型國有電信企業。", title="收購")
    comparison = compare_story([one, two])
    price = fact_with(comparison, "金额可达三十亿元")
    bidders = fact_with(comparison, "其他竞购者")
    assert price is not bidders
    packed = "收購交易金額可達三十億元，競購者還包括兩家大型國有電信企業。"
    assert texts(price, "乙社") == texts(bidders, "乙社") == [packed]
    # Neither of 甲报's statements is put with the other.
    assert texts(price, "甲报") == ["据知情人士透露，这笔收购交易的金额可达三十亿元。"]
    assert texts(bidders, "甲报") == ["其他竞购者还包括两家大型国有电信企业。"]


def test_a_quote_cut_off_with_an_ellipsis_is_a_statement_not_a_heading() -> None:
    # Short, no closing mark of its own but "......": still what was said, aligned as a fact.
    assert not is_furniture("公司声明称：“我们对再次被起诉感到失望......")
    assert is_furniture("相关报道：公司再次被起诉")
    one = article("甲报", "公司声明称：“我们对再次被起诉感到失望......")
    two = article("乙社", "“我們對再次被起訴感到失望，”公司在聲明中說。")
    comparison = compare_story([one, two])
    assert fact_with(comparison, "感到失望......").outlets == ["乙社", "甲报"]



def test_a_numbered_list_item_with_a_clause_is_a_statement_not_a_heading() -> None:
    # No closing mark, but a clause inside: an item of a list of rules, which another outlet tells as a sentence.
    assert not is_furniture("3. 入场观众须出示健康码，未戴口罩者一律不得进场")
    assert not is_furniture("（2）入场观众须出示健康码，未戴口罩者一律不得进场")
    # A numbered heading is one phrase, and stays a heading.
    assert is_furniture("二、经济发展前景")
    assert is_furniture("1. 主办单位应准备足够的消毒用品")
    one = article("甲报", "市政府公布了跨年晚会的防疫规定：\n3. 入场观众须出示健康码，未戴口罩者一律不得进场\n")
    two = article("乙社", "市政府说，跨年晚会入场观众须出示健康码，未戴口罩者一律不得进场。")
    assert sorted(fact_with(compare_story([one, two]), "健康码").outlets) == ["乙社", "甲报"]
