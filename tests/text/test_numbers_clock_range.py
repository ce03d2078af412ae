"""The end of a clock range whose start is read is a clock hour too (own constructed sentences, none taken from the
fact labels or texts of bench/days; review66's finding 2)."""

from __future__ import annotations

from newsmirror.stories.compare import _figures, _figures_differ, _match_text
from newsmirror.text.normalize import normalize
from newsmirror.text.numbers import fold_numbers


def figures(text: str) -> frozenset[str]:
    return _figures(_match_text(normalize(text)))


def test_a_ranges_end_written_with_dian_is_read_as_its_start() -> None:
    # On main the end stayed 5点 (no clock figure) while 下午3时至5时 gave 15时至17时.
    assert fold_numbers("展览下午3点至5点开放") == "展览下午15时至17时开放"
    assert fold_numbers("展览下午3點至5點開放") == "展览下午15时至17时開放"
    assert fold_numbers("上午9点到11点办理") == "上午9时到11时办理"
    assert fold_numbers("凌晨2点至5点停电") == "凌晨2时至5时停电"
    assert fold_numbers("晚9点到12点营业") == "晚21时到0时营业"  # an evening's range ends at midnight
    assert fold_numbers("下午两点至四点开会") == "下午14时至16时开会"
    assert fold_numbers("上午九时到十一时开放") == "上午9时到11时开放"  # 时 alike: a Han end was left as words
    assert fold_numbers("下午3点至五点半") == "下午15时至17时30分"
    # Both outlets' ranges are one figure pair; another range still conflicts.
    assert not _figures_differ(figures("展览下午3点至5点开放。"), figures("展览15时至17时开放。"))
    assert _figures_differ(figures("展览下午3点至5点开放。"), figures("展览16时至18时开放。"))


def test_no_range_end_without_a_read_start() -> None:
    assert fold_numbers("五点至七点") == "五点至七点"  # points of a list: neither read
    assert fold_numbers("会议3点至5点钟") == "会议3点至5时钟"  # the end read on its own (钟), as before
    assert fold_numbers("有一点至两点") == "有一点至两点"
    assert fold_numbers("晚上11点至1点") == "晚上23时至1时"  # past midnight: the end is not shifted
    assert fold_numbers("下午3点至5点5") == "下午15时至5点5"  # a decimal's digit after the end: left


def test_a_range_from_noon_ends_past_noon() -> None:
    # review66's finding 3: on main the start (noon) was not shifted, so neither was the end (2时, not 14时).
    assert fold_numbers("午休中午12时至2时") == "午休中午12时至14时"
    assert fold_numbers("午休中午12点至2点") == "午休中午12时至14时"
    assert fold_numbers("中午十二点") == "中午12时"  # noon alone, as before
    assert fold_numbers("午夜12时至2时") == "午夜0时至2时"  # a range from midnight is not shifted
    assert fold_numbers("下午12时至12时") == "下午12时至12时"
