"""Byline forms of older and regional Chinese layouts: each on a hand-written line or page."""

from __future__ import annotations

import pytest

from newsmirror.extract.bylines import closing_credit, names_in, page_bylines

TEXT = "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。"


@pytest.mark.parametrize(("line", "names"), [
    # each name in a run may carry its own role ("实习记者 甲 乙 记者丙")
    ("本报讯 （实习记者 高明远 钱小云 记者孙立）" + TEXT, ["高明远", "钱小云", "孙立"]),
    ("（记者 高明远 通讯员钱小云）", ["高明远", "钱小云"]),
    # an outlet and its desk joined by a middle dot before 记者
    ("整合 示例日报·晨视频记者 高明远", ["高明远"]),
    # the writer in brackets before the source, with or without a separator
    ("[ 高明远 ] 来源：[ 示例财经报 ]", ["高明远"]),
    ("【高明远 钱小云】｜来源：示例财经报", ["高明远", "钱小云"]),
    ("[ 高明远 ]\ue5c2 来源：示例财经报", ["高明远"]),
    ("【新闻】 来源：示例网", []),
    ("[ 图片 ] 来源：示例网", []),
])
def test_byline_forms(line: str, names: list[str]) -> None:
    assert names_in(line) == names


def test_a_compilers_credit_line_is_a_page_byline() -> None:
    lines = [TEXT, TEXT, "整合 示例日报·晨视频记者 高明远", "素材来源 各地党报及官方发布"]
    assert page_bylines(lines) == ["高明远"]


def test_a_bracketed_name_after_a_sentence_closes_the_text() -> None:
    assert closing_credit(TEXT + "（高明远）") == ["高明远"]


def test_a_bracketed_section_name_closing_a_list_of_links_is_not_a_credit() -> None:
    # a related-links box at the end of the text: "(房产)" names the link's section
    links = "·汽车三包新规出台 不带出租(汽车) ·精彩专题：关注首例个人集资盖房事件(房产)"
    assert closing_credit(links) == []
