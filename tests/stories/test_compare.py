from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)

HANS = Article(
    outlet="甲报", title="外长会谈", original_url="https://a.example/x", published_at=WHEN,
    body_text=(
        "新西兰外长周一在悉尼会见澳大利亚外长，双方讨论了太平洋岛国的安全合作。\n\n"
        "两国同意明年举行联合海上演习。"
        "会谈持续了三个小时。"
    ),
)
HANT = Article(
    outlet="乙社", title="外長會談", original_url="https://b.example/x", published_at=WHEN,
    body_text=(
        "紐西蘭外長週一在雪梨會見澳洲外長，雙方討論太平洋島國的安全合作。\n\n"
        "兩國同意明年舉行聯合海上演習，並邀請斐濟派員觀摩。"
        "消息人士說，澳方私下批評了索羅門群島的對華協議。"
    ),
)
THIRD = Article(
    outlet="丙网", title="外长会谈", original_url="https://c.example/x", published_at=WHEN,
    body_text="新西兰外长在悉尼会见澳大利亚外长，讨论太平洋岛国安全合作。双方未透露更多细节。",
)


def sentences(facts: list) -> list[list[tuple[str, str]]]:
    return [[(s.outlet, s.text) for s in f.sentences] for f in facts]


def test_two_scripts_align_sentence_by_sentence() -> None:
    comparison = compare_story([HANS, HANT], story_id="s1")
    assert comparison.story_id == "s1"
    assert comparison.outlets == ["甲报", "乙社"]
    shared = sentences(comparison.shared)
    assert [
        ("甲报", "新西兰外长周一在悉尼会见澳大利亚外长，双方讨论了太平洋岛国的安全合作。"),
        ("乙社", "紐西蘭外長週一在雪梨會見澳洲外長，雙方討論太平洋島國的安全合作。"),
    ] in shared
    assert any(("甲报", "两国同意明年举行联合海上演习。") in fact for fact in shared)
    assert [[s.text for s in f.sentences] for f in comparison.unique["甲报"]] == [["会谈持续了三个小时。"]]
    assert [[s.text for s in f.sentences] for f in comparison.unique["乙社"]] == [
        ["消息人士說，澳方私下批評了索羅門群島的對華協議。"]
    ]


def test_details_name_what_one_outlet_adds_to_a_shared_fact() -> None:
    comparison = compare_story([HANS, HANT])
    drill = next(f for f in comparison.shared if any("演习" in s.text for s in f.sentences))
    assert drill.details.get("斐济") == ["乙社"]


def test_three_outlets_shared_partial_unique() -> None:
    comparison = compare_story([HANS, HANT, THIRD])
    assert {frozenset(f.outlets) for f in comparison.shared} == {frozenset({"甲报", "乙社", "丙网"})}
    assert any(set(f.outlets) == {"甲报", "乙社"} for f in comparison.partial)
    assert [s.text for f in comparison.unique["丙网"] for s in f.sentences] == ["双方未透露更多细节。"]


def test_sentence_refs_point_back_to_their_article_and_position() -> None:
    comparison = compare_story([HANS, HANT])
    for fact in comparison.facts():
        for ref in fact.sentences:
            article = HANS if ref.article_id == HANS.id else HANT
            assert ref.outlet == article.outlet
            assert ref.text in article.body_text


def test_facts_are_every_fact_shared_then_partial_then_each_outlets_own() -> None:
    comparison = compare_story([HANS, HANT, THIRD])
    assert comparison.facts() == [*comparison.shared, *comparison.partial, *comparison.unique["甲报"],
                                  *comparison.unique["乙社"], *comparison.unique["丙网"]]
    assert len(comparison.facts()) == len(comparison.shared) + len(comparison.partial) + sum(
        len(own) for own in comparison.unique.values())


def test_one_outlet_or_none() -> None:
    alone = compare_story([HANS])
    assert alone.shared == [] and alone.partial == []
    assert len(alone.unique["甲报"]) == 3
    empty = compare_story([])
    assert empty.outlets == [] and empty.shared == []


# A visit reported twice: 乙社 wraps the meeting in a wire attribution, so little beyond the two
# officials' names is worded alike; only 乙社 glosses the minister's name in Latin script.
VISIT_HANS = Article(
    outlet="甲报", title="外长访澳", original_url="https://a.example/v", published_at=WHEN,
    body_text=(
        "新西兰外长彼得斯周一抵达堪培拉，开始为期两天的访问。\n\n"
        "访问期间，彼得斯会见了澳大利亚副总理马尔斯和贸易部长法瑞尔。\n\n"
        "双方讨论了太平洋岛国的安全合作。"
    ),
)
VISIT_HANT = Article(
    outlet="乙社", title="外長訪澳", original_url="https://b.example/v", published_at=WHEN,
    body_text=(
        "紐西蘭外長彼得斯（Winston Peters）今天抵達坎培拉訪問兩天。\n\n"
        "路透社今天引述紐西蘭外交部聲明說，在6月1日至2日的行程中，彼得斯還與馬爾斯及法瑞爾晤談。\n\n"
        "雙方討論太平洋島國的安全合作，習近平的名字沒有出現。"
    ),
)



def test_sentences_naming_the_same_two_people_report_one_fact() -> None:
    comparison = compare_story([VISIT_HANS, VISIT_HANT])
    meeting = fact_with(comparison, "马尔斯和贸易部长法瑞尔")
    assert meeting.outlets == ["乙社", "甲报"]
    assert meeting in comparison.shared


def test_a_full_name_written_with_a_dot_is_one_name_not_two() -> None:
    # 南希·佩洛西 is one person; a sentence that only shares her with another is not the same fact.
    said = Article(outlet="甲报", title="议长", original_url="https://a.example/p", published_at=WHEN,
                   body_text="众议院议长南希·佩洛西称这是对民主的可耻攻击。")
    office = Article(outlet="乙社", title="議長", original_url="https://b.example/p", published_at=WHEN,
                     body_text="示威者闯入议长南希·佩洛西的办公室，有人坐在她的办公桌前翻看文件。")
    comparison = compare_story([said, office])
    assert comparison.shared == []


def test_a_latin_gloss_of_a_name_the_other_outlet_gives_is_not_a_detail() -> None:
    comparison = compare_story([VISIT_HANS, VISIT_HANT])
    arrival = fact_with(comparison, "彼得斯周一抵达堪培拉")
    # 堪培拉 and 坎培拉 are one city (alias table); Winston Peters is 彼得斯, whom 甲报 names too,
    # so "only 乙社 names Winston Peters" would be false.
    assert arrival.details == {}
    # Across the story, 乙社 alone names the ministry and Xi (the wire credit is no detail), in
    # its own spelling; 甲报 adds nothing.
    assert comparison.unique_details()["甲报"] == []
    assert set(comparison.unique_details()["乙社"]) == {"外交部", "習近平"}


def test_a_latin_gloss_is_a_detail_when_the_others_do_not_name_the_person() -> None:
    hans = Article(outlet="甲报", title="外长访澳", original_url="https://a.example/g", published_at=WHEN,
                   body_text="新西兰外长周一抵达堪培拉，开始为期两天的访问。")
    hant = Article(outlet="乙社", title="外長訪澳", original_url="https://b.example/g", published_at=WHEN,
                   body_text="紐西蘭外長彼得斯（Winston Peters）週一抵達坎培拉，開始為期兩天的訪問。")
    arrival = fact_with(compare_story([hans, hant]), "抵达堪培拉")
    assert arrival.details.get("Winston Peters") == ["乙社"]


def test_only_x_is_never_said_of_a_transliteration_variant_another_outlet_gives() -> None:
    # 梅努钦 and 姆努钦 are one US Treasury Secretary written with different characters.
    hans = Article(outlet="甲报", title="财长", original_url="https://a.example/m", published_at=WHEN,
                   body_text="美国财长梅努钦周二表示，两国将在下周举行新一轮贸易磋商。")
    hant = Article(outlet="乙社", title="財長", original_url="https://b.example/m", published_at=WHEN,
                   body_text="美國財長姆努欽週二表示，兩國將在下週舉行新一輪貿易磋商。")
    comparison = compare_story([hans, hant])
    assert comparison.unique_details() == {"甲报": [], "乙社": []}


def test_a_word_the_other_outlet_uses_elsewhere_is_not_a_detail() -> None:
    # 甲报 names 斐济 in its closing sentence, so 乙社 naming 斐济 in the drill fact tells its
    # readers nothing new; 乙社's 索羅門群島 is still news to 甲报's readers.
    hans = Article(outlet="甲报", title="外长会谈", original_url="https://a.example/f", published_at=WHEN,
                   body_text="两国同意明年举行联合海上演习。\n\n斐济总理表示欢迎。")
    hant = Article(outlet="乙社", title="外長會談", original_url="https://b.example/f", published_at=WHEN,
                   body_text="兩國同意明年舉行聯合海上演習，並邀請斐濟與索羅門群島派員觀摩。")
    drill = fact_with(compare_story([hans, hant]), "联合海上演习")
    assert "斐济" not in drill.details
    assert drill.details.get("所罗门群岛") == ["乙社"]


def test_a_dateline_place_is_no_detail_of_the_fact() -> None:
    # 台北 in CNA's dateline says where the writer sat; the fact is the sanctions.
    cna = Article(outlet="中央社", title="制裁", original_url="https://a.example/d", published_at=WHEN,
                  body_text="（中央社記者張三台北17日電）美國國務院今天宣布對三名香港官員實施制裁，凍結其在美資產。")
    other = Article(outlet="乙社", title="制裁", original_url="https://b.example/d", published_at=WHEN,
                    body_text="美国国务院周二宣布对三名香港官员实施制裁，冻结他们在美国的资产。")
    comparison = compare_story([cna, other])
    sanctions = fact_with(comparison, "三名香港官员")
    assert sanctions.outlets == ["中央社", "乙社"]
    assert "台北" not in sanctions.details
    assert "台北" not in comparison.unique_details()["中央社"]


def test_the_day_of_a_dateline_is_no_figure_of_the_fact() -> None:
    # 5 in CNA's dateline is the day it was filed; the other outlet's 300 is the grant: the two
    # sentences give no different figures and tell one fact.
    cna = Article(outlet="中央社", title="撥款", original_url="https://a.example/g", published_at=WHEN,
                  body_text="（中央社記者王五東京5日電）日本政府宣布將向災區追加撥款，用於重建道路和學校。")
    other = Article(outlet="乙社", title="拨款", original_url="https://b.example/g", published_at=WHEN,
                    body_text="日本政府宣布向灾区追加拨款300亿日元，用于重建道路和学校。")
    grant = fact_with(compare_story([cna, other]), "追加")
    assert grant.outlets == ["中央社", "乙社"]


def test_same_fact_is_rules_or_model() -> None:
    with pytest.raises(ValueError, match="rules"):
        compare_story([HANS, HANT], same_fact="fitted")  # type: ignore[arg-type]


def test_a_pinyin_gloss_is_no_detail_when_another_outlet_writes_a_homophone() -> None:
    # 付强 and 傅强 are one defendant (Fu Qiang): outlets pick homophone characters for a Chinese
    # name; jieba cuts 付强 apart, so only the pinyin of the text tells.
    glossed = Article(outlet="乙社", title="起诉", original_url="https://b.example/q", published_at=WHEN,
                      body_text="美国司法部周三起诉了五名中国黑客，其中包括傅强（Fu Qiang）。")
    homophone = Article(outlet="甲报", title="起诉", original_url="https://a.example/q", published_at=WHEN,
                        body_text="美国司法部周三起诉了五名中国黑客，其中包括付强。")
    other_man = Article(outlet="甲报", title="起诉", original_url="https://a.example/q", published_at=WHEN,
                        body_text="美国司法部周三起诉了五名中国黑客，其中包括王强。")
    charged = fact_with(compare_story([homophone, glossed]), "起诉了五名中国黑客")
    assert charged.details.get("Fu Qiang") != ["乙社"]
    charged = fact_with(compare_story([other_man, glossed]), "起诉了五名中国黑客")
    assert charged.details.get("Fu Qiang") == ["乙社"]


def test_an_abbreviation_is_no_detail_when_another_outlet_gives_the_full_name() -> None:
    # 新州 is short for 新南威尔士州, which the other outlet writes out.
    short = Article(outlet="乙社", title="搜查", original_url="https://b.example/n", published_at=WHEN,
                    body_text="警方六月搜查了新州议会一名顾问的住所。")
    full = Article(outlet="甲报", title="搜查", original_url="https://a.example/n", published_at=WHEN,
                   body_text="警方六月搜查了议会一名顾问的住所。\n\n该顾问曾在新南威尔士州议会工作。")
    comparison = compare_story([full, short])
    assert "新州" not in comparison.unique_details()["乙社"]
    assert all(fact.details.get("新州") != ["乙社"] for fact in [*comparison.shared, *comparison.partial])
