"""Volatile bits of a page: nothing a reader would call an edit."""

from __future__ import annotations

import pytest

from newsmirror.text.volatile import (
    drop_volatile_lines,
    is_volatile_line,
    strip_tracking_params,
    strip_volatile,
)


@pytest.mark.parametrize("line", [
    "页面生成时间：2026-11-23 09:12:33 耗时0.023秒",
    "本頁生成於 2026/11/23 09:12",
    "Page generated at 2026-11-23T09:00:00Z in 12ms",
    "阅读 1.2万",
    "閱讀數：345",
    "12,345 views",
    "今天是2026年11月23日 星期一",
    "3 小时前",
])
def test_noise_lines_are_volatile(line: str) -> None:
    assert is_volatile_line(line)
    assert strip_volatile(line).strip(" ,，") == ""


@pytest.mark.parametrize("line", [
    "警方称有三人死亡。",
    "记者张三于2026年11月23日报道。",
    "他的微博阅读量超过一百万，引发讨论。",
])
def test_article_sentences_are_not_volatile(line: str) -> None:
    assert not is_volatile_line(line)


def test_counter_inside_a_byline_is_stripped_from_the_fingerprint_but_the_line_is_kept() -> None:
    assert "1234" not in strip_volatile("记者张三 | 阅读 1234")
    assert drop_volatile_lines("记者张三 | 阅读 1234") == "记者张三 | 阅读 1234"


def test_drop_volatile_lines_keeps_paragraph_breaks() -> None:
    text = "第一段。\n\n阅读 1234\n\n第二段。\n\n页面生成时间：2026-11-23 09:12:33"
    assert drop_volatile_lines(text) == "第一段。\n\n第二段。"


def test_tracking_parameters_go_and_meaningful_ones_stay_in_order() -> None:
    url = "https://news.example/a/1.html?utm_source=tw&id=3&spm=a.b.c&page=2&from=timeline&fbclid=x"
    assert strip_tracking_params(url) == "https://news.example/a/1.html?id=3&page=2"
    assert strip_tracking_params("https://mp.weixin.qq.com/s?__biz=AB&mid=1&idx=1&sn=ff&scene=21") == (
        "https://mp.weixin.qq.com/s?__biz=AB&mid=1&idx=1&sn=ff"
    )


def test_urls_in_text_lose_tracking_parameters_in_the_fingerprint() -> None:
    a = strip_volatile("原文链接 https://x.example/n/1?utm_campaign=a 。")
    b = strip_volatile("原文链接 https://x.example/n/1?utm_campaign=b 。")
    assert a == b
