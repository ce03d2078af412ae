"""A clock hour without its minutes read as one figure whatever its numerals (own constructed sentences, none taken from
the fact labels or texts of bench/days)."""

from __future__ import annotations

from newsmirror.stories.compare import _figures, _figures_differ, _match_text
from newsmirror.text.normalize import normalize
from newsmirror.text.numbers import fold_numbers


def figures(text: str) -> frozenset[str]:
    return _figures(_match_text(normalize(text)))


def test_a_han_hour_is_the_figure_its_arabic_form_is() -> None:
    # 晚上九点 and 晚上9時 (or 9点) state one hour: the same figure 9时, as 九时三十分 and 9:30 are one already.
    assert fold_numbers("商店每晚九点关门") == "商店每晚9时关门"
    assert fold_numbers("商店晚上9点关门") == "商店晚上9时关门"
    assert figures("商店每晚九点关门，次日清晨六点才开。") == figures("商店晚上9時关门，次日清晨6時才开。") == {"9时", "6时"}
    assert fold_numbers("会议于下午两点举行") == "会议于下午2时举行"
    assert fold_numbers("列车于凌晨十二点发车") == "列车于凌晨12时发车"
    assert fold_numbers("禁令自15日零时起生效") == "禁令自15日0时起生效"
    assert fold_numbers("投票站将于当地时间七点开放") == "投票站将于当地时间7时开放"
    assert fold_numbers("他约八点钟到达") == "他约8时钟到达"  # 钟 after: a clock
    assert fold_numbers("大楼在十时许起火") == "大楼在10时许起火"
    assert fold_numbers("晚上八点四十出发") == "晚上8时40分出发"  # minutes without 分


def test_two_hours_of_one_kind_conflict_and_one_hour_agrees() -> None:
    assert _figures_differ(figures("市场晚上十点关门。"), figures("市场晚上11時关门。"))
    assert not _figures_differ(figures("市场晚上十点关门。"), figures("市场晚上10點关门。"))


def test_no_clock_where_the_text_does_not_say_a_time_of_day() -> None:
    for text in ("我们必须认清这一点", "价格再低一点就好了", "请你稍晚一点再来", "他今晚一点都不累", "凌晨一点点光亮也没有",
                 "双方达成五点共识", "提出4点要求", "第一时间赶到现场", "同一时间发生", "轰动一时的案件", "指数上涨88点",
                 "病例增加了七点五倍"):
        assert "时" not in fold_numbers(text).replace("时间", "").replace("一时", ""), text
    assert fold_numbers("双方达成五点共识") == "双方达成五点共识"
    assert fold_numbers("提出4点要求") == "提出4点要求"
    assert fold_numbers("病例增加了七点五倍") == "病例增加了7.5倍"


def test_a_clock_with_minutes_reads_as_before() -> None:
    assert fold_numbers("下午三点十分") == "下午3时10分"
    assert fold_numbers("三点半开会") == "3时30分开会"
    assert "时" not in fold_numbers("他说这一点十分关键")


def test_one_curfew_in_two_numerals_is_one_fact() -> None:
    from datetime import UTC, datetime

    from newsmirror.model import Article
    from newsmirror.stories.compare import compare_story
    from tests.stories.fixtures import fact_with

    def article(outlet: str, body: str) -> Article:
        return Article(outlet=outlet, title="宵禁", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                       published_at=datetime(2024, 6, 1, tzinfo=UTC), body_text=body)

    lead = "市政府宣布全市宵禁两周。"
    one = article("甲报", lead + "宵禁期间每晚八点至次日凌晨五点居民不得外出。违者将被罚款。")
    two = article("乙社", lead + "居民晚上8時到清晨5時不准离开住所。违者将被罚款。")
    assert sorted(fact_with(compare_story([one, two]), "不得外出").outlets) == ["乙社", "甲报"]


def test_whole_beginning_a_word_is_no_clock() -> None:
    # 整 after an hour is "on the hour" (八点整出发); where it begins a word (整改, 整体) the figure before counts points.
    assert fold_numbers("监管部门提出5点整改要求") == "监管部门提出5点整改要求"
    assert fold_numbers("会议作出三点整体部署") == "会议作出三点整体部署"
    assert fold_numbers("车队八点整出发") == "车队8时整出发"
    assert fold_numbers("零点整，钟声响起") == "0时整，钟声响起"


def test_every_part_of_the_day_begins_a_clock() -> None:
    # The scan's lookahead (_BARE_CLOCK_START) must let every part of the day begin a match: were 深 or 半 left out,
    # 深夜一点 would be read from 夜 on, as 夜一点 ("a bit later at night"), and give no clock.
    from newsmirror.text.numbers import _DAY_PART_WORDS

    for word in _DAY_PART_WORDS:
        if word not in ("早", "晚", "夜"):
            assert fold_numbers(f"他{word}一点到达") == f"他{word}1时到达", word
        assert fold_numbers(f"他{word}八点到达") == f"他{word}8时到达", word
