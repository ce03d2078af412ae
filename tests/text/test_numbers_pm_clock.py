"""A clock hour after a part of the day past noon read on the 24-hour clock (own constructed sentences, none taken from
the fact labels or texts of bench/days)."""

from __future__ import annotations

from newsmirror.stories.compare import _figures, _figures_differ, _match_text
from newsmirror.text.normalize import normalize
from newsmirror.text.numbers import fold_numbers


def figures(text: str) -> frozenset[str]:
    return _figures(_match_text(normalize(text)))


def test_an_evening_hour_is_the_hour_another_outlet_writes_on_the_24_hour_clock() -> None:
    assert fold_numbers("商场晚上八点关门") == "商场晚上20时关门"
    assert fold_numbers("航班下午3时起飞") == "航班下午15时起飞"
    assert fold_numbers("会议24日晚7点半开始") == "会议24日晚19时30分开始"
    assert fold_numbers("游行于傍晚六点出发") == "游行于傍晚18时出发"
    assert fold_numbers("他中午一点到达") == "他中午13时到达"
    assert fold_numbers("夜间十点后禁止通行") == "夜间22时后禁止通行"
    # 晚上8点 and 20时 state one hour: no disagreement (on main 8时 and 20时, two hours of one kind, conflicted).
    assert not _figures_differ(figures("商场晚上八点关门。"), figures("商场20时关门。"))
    assert not _figures_differ(figures("航班下午3时起飞。"), figures("航班15:00起飞。"))
    # Two different hours still conflict.
    assert _figures_differ(figures("商场晚上八点关门。"), figures("商场21时关门。"))


def test_midnight_is_zero() -> None:
    assert fold_numbers("列车午夜十二点发车") == "列车午夜0时发车"
    assert fold_numbers("列车凌晨12点发车") == "列车凌晨0时发车"
    assert fold_numbers("商店晚上十二点关门") == "商店晚上0时关门"
    assert not _figures_differ(figures("禁令凌晨十二点生效。"), figures("禁令零时生效。"))


def test_a_range_ends_on_the_clock_it_starts_on() -> None:
    assert fold_numbers("宵禁为晚上8时至10时") == "宵禁为晚上20时至22时"
    assert fold_numbers("晚上11时到1时停电") == "晚上23时到1时停电"  # the end before the start: past midnight
    assert fold_numbers("每晚八点至次日凌晨五点") == "每晚20时至次日凌晨5时"


def test_hours_no_part_past_noon_holds_stay() -> None:
    assert fold_numbers("上午九点开门") == "上午9时开门"
    assert fold_numbers("凌晨三点发生地震") == "凌晨3时发生地震"
    assert fold_numbers("深夜两点仍有车辆") == "深夜2时仍有车辆"  # 2 am
    assert fold_numbers("晚上一点才睡") == "晚上1时才睡"  # mostly said of the small hours
    assert fold_numbers("中午十二点开饭") == "中午12时开饭"  # noon
    assert fold_numbers("下午12时") == "下午12时"
    assert fold_numbers("最晚8点前到校") == "最晚8时前到校"  # at the latest: no part of the day
    assert fold_numbers("早上8时至晚上8时") == "早上8时至晚上20时"


def test_an_evening_range_ending_at_twelve_ends_at_midnight() -> None:
    # review66: 12 as the end of an evening's range is midnight (0时, as 午夜12时 is), not the noon figure 12时.
    assert fold_numbers("商场晚上8时至12时营业") == "商场晚上20时至0时营业"
    assert fold_numbers("夜11时到12时停电") == "夜23时到0时停电"
    assert figures("商场晚上8时至12时营业。") == figures("商场晚上8时至午夜12时营业。") == {"20时", "0时"}
    # An afternoon's range ending at 12 is left as written (no reading of it is sure).
    assert fold_numbers("下午3时至12时") == "下午15时至12时"
