"""Kinds of visible stamps on Chinese pages that older layouts print: each on a hand-written page."""

from __future__ import annotations

from newsmirror.extract import extract_article
from newsmirror.extract.page_header import read_header
from newsmirror.model import DocumentKind, RawDocument

TEXT = ("市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。"
        "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。")
PARAGRAPHS = "".join(f"<p>{TEXT}{n}</p>" for n in range(3))


def _published(html: str) -> str:
    published = extract_article(RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="")).published_at
    return published.isoformat() if published is not None else "none"


def test_a_page_without_a_title_is_read_as_chinese_by_its_text() -> None:
    # no <title> and no <h1>: the stamp under the bold headline is still the Chinese page's own,
    # in Beijing time (not left to a fallback that reads the day in UTC)
    html = ("<html><head><meta charset='utf-8'><link rel='stylesheet' href='/blog.css'></head><body>"
            "<div><a href='/'>博客首页</a> <a href='/login'>登录</a></div><div><b>图书馆今夏开放三座新馆</b></div>"
            f"<div>{PARAGRAPHS}</div><div>作者:某用户 阅读(16) 评论(5) 发表于:2005-07-31 12:30</div>"
            "</body></html>")
    assert _published(html) == "2005-07-31T12:30:00+08:00"


def test_a_latin_am_pm_after_the_time_is_read() -> None:
    for shown, hour in (("01:57 PM", 13), ("11:57 AM", 11), ("12:05 am", 0), ("12:05 p.m.", 12)):
        header = read_header(["图书馆今夏开放三座新馆", f"发表于2005年09月07日 {shown}"], "图书馆今夏开放三座新馆",
                             "Asia/Shanghai")
        assert header.published is not None and header.published.hour == hour, shown


def test_a_day_by_the_headline_takes_the_time_of_a_publication_line_of_that_day() -> None:
    lines = ["图书馆今夏开放三座新馆", "2015-11-05", "阅读：8169", TEXT, TEXT, TEXT,
             "发布于：2015-11-05 11:34", "相关阅读", "另一条新闻的标题在这里", "2015-11-04 10:26"]
    header = read_header(lines, "图书馆今夏开放三座新馆", "Asia/Shanghai")
    assert header.published is not None and header.published.isoformat() == "2015-11-05T11:34:00+08:00"
    assert header.has_time


def test_a_publication_line_of_another_day_does_not_fill_the_time() -> None:
    lines = ["图书馆今夏开放三座新馆", "2015-11-05", TEXT, TEXT, "发布于：2015-11-06 11:34"]
    header = read_header(lines, "图书馆今夏开放三座新馆", "Asia/Shanghai")
    assert header.published is not None and not header.has_time
    assert header.published.isoformat() == "2015-11-05T00:00:00+08:00"


def test_full_width_digits_are_read() -> None:
    for shown in ("２０２０年１１月８日 １４:２５", "２０２０－１１－０８ １４：２５"):
        header = read_header(["图书馆今夏开放三座新馆", shown], "图书馆今夏开放三座新馆", "Asia/Shanghai")
        assert header.published is not None and header.published.isoformat() == "2020-11-08T14:25:00+08:00"


def test_the_publication_after_an_update_on_one_line_wins() -> None:
    for shown in ("更新时间：2020-11-09 10:00 发布时间：2020-11-08 14:25",
                  "发布时间：2020-11-08 14:25 更新时间：2020-11-09 10:00"):
        header = read_header(["图书馆今夏开放三座新馆", shown], "图书馆今夏开放三座新馆", "Asia/Shanghai")
        assert header.published is not None and header.published.isoformat() == "2020-11-08T14:25:00+08:00"
    # only an update shown: it is the last resort
    header = read_header(["图书馆今夏开放三座新馆", "更新时间：2020-11-09 10:00"], "图书馆今夏开放三座新馆",
                         "Asia/Shanghai")
    assert header.published is not None and header.published.day == 9


def test_a_time_printed_before_the_date_is_read() -> None:
    # "14:36 2018/07/27" under the headline: the time first, then the text (no later stamp)
    for shown, expected in (("14:36 2018/07/27", "2018-07-27T14:36:00+08:00"),
                            ("下午2:36 2018/07/27", "2018-07-27T14:36:00+08:00"),
                            ("10:30-14:36 2018/07/27", "2018-07-27T00:00:00+08:00")):  # a range of hours
        header = read_header(["图书馆今夏开放三座新馆", shown, TEXT, TEXT], "图书馆今夏开放三座新馆", "Asia/Hong_Kong")
        assert header.published is not None and header.published.isoformat() == expected, shown


def test_a_time_printed_before_the_date_on_a_page() -> None:
    html = ("<html><head><meta charset='utf-8'><title>图书馆今夏开放三座新馆 - 某某日报</title>"
            "<link rel='stylesheet' href='/s.css'></head><body>"
            "<div><a href='/'>首页</a></div><h1>图书馆今夏开放三座新馆</h1><div>09:05 2017/09/08</div>"
            f"<div>{PARAGRAPHS}</div></body></html>")
    assert _published(html) == "2017-09-08T09:05:00+08:00"
