"""Relative publication stamps ("3小时前", "昨天 10:20", "2 hours ago"): resolved against a known
crawl time only; a page whose crawl time is unknown stays undated rather than dated against now."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.relative import relative_by_headline, relative_in_line, saved_at
from newsmirror.fetch.client import FetchResult
from newsmirror.ingest.pages import page_document
from newsmirror.model import DocumentKind, RawDocument

# 2024-05-06 14:25 in Beijing
CRAWL = datetime(2024, 5, 6, 6, 25, 30, tzinfo=UTC)

ZH_TEXT = "".join(f"<p>{text}</p>" for text in (
    "市政府周一宣布，将在今年夏天开放三座新的社区图书馆，方便居民借阅图书和参加活动。",
    "负责这个项目的官员表示，新图书馆将延长开放时间，并为学生提供免费的自习座位和网络。",
    "有居民说，过去要坐四十分钟公交车才能到最近的图书馆，这次的新馆离家只有十分钟路程。",
))
EN_TEXT = "".join(f"<p>{text}</p>" for text in (
    "The city council said on Monday that three new neighbourhood libraries will open this summer for residents.",
    "Officials in charge of the project said the libraries would stay open late and offer free desks to students.",
    "One resident said the nearest library used to be a forty-minute bus ride away, the new one only ten minutes.",
))


def _zh_page(stamp: str, head: str = "", comment: str = "") -> str:
    return (f"{comment}<html><head><meta charset='utf-8'><title>新图书馆今夏开放_示例新闻网</title>"
            f"<link rel='stylesheet' href='/site.css'>{head}</head><body><nav><a href='/'>首页</a></nav>"
            f"<h1>新图书馆今夏开放</h1><div class='info'>{stamp} 来源：示例新闻网</div>{ZH_TEXT}"
            "<footer><p>版权所有 示例新闻网</p></footer></body></html>")


def _en_page(stamp: str) -> str:
    return ("<html><head><title>New libraries to open this summer | Example News</title>"
            "<link rel='stylesheet' href='/site.css'></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>New libraries to open this summer</h1><div class='byline'>By Jane Doe | {stamp}</div>"
            f"{EN_TEXT}</article></body></html>")


def _published(html: str, url: str, fetched_at: datetime | None) -> str:
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url=url, fetched_at=fetched_at)
    published = extract_article(raw).published_at
    return published.isoformat() if published is not None else "none"


@pytest.mark.parametrize(("stamp", "expected"), [
    ("3小时前", "2024-05-06T10:55:00+08:00"),
    ("30分钟前", "2024-05-06T13:55:00+08:00"),
    ("半小时前", "2024-05-06T13:55:00+08:00"),
    ("两小时前", "2024-05-06T11:55:00+08:00"),
    ("3小時前", "2024-05-06T10:55:00+08:00"),
    ("昨天 10:20", "2024-05-05T10:20:00+08:00"),
    ("前天 下午3:05", "2024-05-04T15:05:00+08:00"),
    ("今天 09:15", "2024-05-06T09:15:00+08:00"),
    ("2天前", "2024-05-04T00:00:00+08:00"),
])
def test_chinese_relative_stamp_is_resolved_against_the_crawl_time(stamp: str, expected: str) -> None:
    # "N hours ago" is rendered floored: the middle of that hour is taken
    assert _published(_zh_page(stamp), "https://news.example.com/a/1.html", CRAWL) == expected


@pytest.mark.parametrize(("stamp", "expected"), [
    ("2 hours ago", "2024-05-06T04:55:00+01:00"),
    ("an hour ago", "2024-05-06T05:55:00+01:00"),
    ("45 mins ago", "2024-05-06T06:40:00+01:00"),
    ("Yesterday at 10:20 PM", "2024-05-05T22:20:00+01:00"),
])
def test_english_relative_stamp_is_resolved_in_the_sites_zone(stamp: str, expected: str) -> None:
    # a .co.uk page: London's clock, summer time in May
    assert _published(_en_page(stamp), "https://www.example.co.uk/news/1", CRAWL) == expected


@pytest.mark.parametrize(("line", "zone", "expected"), [
    ("vor 3 Stunden", "Europe/Berlin", "2024-05-06T04:55:00+02:00"),
    ("Von Jane Doe, vor einer Stunde", "Europe/Berlin", "2024-05-06T06:55:00+02:00"),
    ("il y a 2 heures", "Europe/Paris", "2024-05-06T05:55:00+02:00"),
    ("hace 45 minutos", "Europe/Madrid", "2024-05-06T07:40:00+02:00"),
    ("2 часа назад", "Europe/Moscow", "2024-05-06T06:55:00+03:00"),
    ("3h ago", "UTC", "2024-05-06T02:55:00+00:00"),
    ("heute, 10:20 Uhr", "Europe/Berlin", "2024-05-06T10:20:00+02:00"),
    ("сегодня в 20:12", "Europe/Moscow", "2024-05-06T20:12:00+03:00"),
    ("11:00, сьогодні", "Europe/Kyiv", "2024-05-06T11:00:00+03:00"),
    ("gestern um 18:05", "Europe/Berlin", "2024-05-05T18:05:00+02:00"),
])
def test_relative_stamps_of_other_languages(line: str, zone: str, expected: str) -> None:
    stamp = relative_in_line(line, CRAWL, zone)
    assert stamp is not None and stamp.value.isoformat() == expected


@pytest.mark.parametrize("line", [
    "Hier klicken",  # German "here", not French "yesterday": a day word needs its clock outside English
    "hace 2 meses",  # months: not a unit a publication instant is read from
    "Updated 2 hours ago",  # the last change, not the publication
    "vor 3 Wochen",
])
def test_lines_that_state_no_relative_publication(line: str) -> None:
    assert relative_in_line(line, CRAWL, "Europe/Berlin") is None


def test_day_is_the_sites_calendar_day_not_the_crawlers() -> None:
    # 01:30 in Beijing is still the day before in UTC: "昨天" is the day before the Beijing day
    late = datetime(2024, 5, 5, 17, 30, tzinfo=UTC)
    assert _published(_zh_page("昨天 23:10"), "https://news.example.com/a/1.html", late) == \
        "2024-05-05T23:10:00+08:00"


def test_without_a_known_crawl_time_a_relative_stamp_leaves_the_page_undated() -> None:
    assert _published(_zh_page("3小时前"), "https://news.example.com/a/1.html", None) == "none"
    assert _published(_en_page("2 hours ago"), "https://www.example.co.uk/news/1", None) == "none"


def test_an_absolute_stamp_or_metadata_wins_over_a_relative_one() -> None:
    meta = '<meta property="article:published_time" content="2024-05-06T02:00:00+00:00">'
    assert _published(_zh_page("3小时前", meta), "https://news.example.com/a/1.html", CRAWL) == \
        "2024-05-06T10:00:00+08:00"
    assert _published(_zh_page("2024-05-06 09:10 3小时前"), "https://news.example.com/a/1.html", CRAWL) == \
        "2024-05-06T09:10:00+08:00"


def test_a_saved_page_that_records_its_save_time_resolves_relative_stamps() -> None:
    singlefile = ("<!--\n Page saved with SingleFile \n url: https://news.example.com/a/1.html \n"
                  " saved date: Mon May 06 2024 14:25:30 GMT+0800 (China Standard Time)\n-->")
    assert _published(_zh_page("昨天 10:20", comment=singlefile), "", None) == "2024-05-05T10:20:00+08:00"


def test_save_time_records_of_saving_tools() -> None:
    wayback = "<html><body><p>x</p></body></html>\n<!--\n     FILE ARCHIVED ON 06:25:30 May 06, 2024 AND RETRIEVED"
    assert saved_at(wayback) == CRAWL
    httrack = ("<!-- Mirrored from news.example.com/a/1.html by HTTrack Website Copier/3.x [XR&CO'2014], "
               "Mon, 06 May 2024 06:25:30 GMT -->")
    assert saved_at(httrack) == CRAWL
    assert saved_at("<!-- saved from url=(0034)https://news.example.com/a/1.html --><html></html>") is None


def test_relative_words_inside_a_sentence_or_far_from_the_headline_are_not_stamps() -> None:
    assert relative_in_line("据悉，该项目负责人昨天表示，三座新馆将在七月初同时对外开放并举办系列活动，欢迎市民参加。",
                            CRAWL, "Asia/Shanghai") is None
    assert relative_in_line("几小时前", CRAWL, "Asia/Shanghai") is None  # no number: no instant
    assert relative_in_line("100天前", CRAWL, "Asia/Shanghai") is None  # beyond a month: not how sites show it
    lines = ["热门文章", "另一篇文章 2小时前", "新图书馆今夏开放", "来源：示例新闻网"]
    # a relative stamp in a list above the headline, beyond the lines a stamp stands in, is not read
    assert relative_by_headline(["x 2小时前", *["导航"] * 5, *lines[2:]], ("新图书馆今夏开放",), CRAWL,
                                "Asia/Shanghai") is None
    assert relative_by_headline(lines, ("其他标题",), CRAWL, "Asia/Shanghai") is None
    assert relative_by_headline(lines, ("新图书馆今夏开放",), None, "Asia/Shanghai") is None


def test_fetchers_record_the_crawl_time_and_other_documents_do_not() -> None:
    assert RawDocument(kind=DocumentKind.WEB_PAGE, content="<p>x</p>").fetched_at is None
    result = FetchResult(url="https://news.example.com/a/1.html", status=200, final_url="https://news.example.com/a/1.html",
                         headers={}, content_bytes=b"<p>x</p>", text="<p>x</p>", encoding="utf-8", etag=None,
                         last_modified=None, not_modified=False)
    for hints in (None, RawDocument(kind=DocumentKind.FEED_ITEM, content="")):
        fetched_at = page_document(result, hints=hints).fetched_at
        assert fetched_at is not None and fetched_at.tzinfo is not None
    with pytest.raises(ValueError, match="aware"):
        RawDocument(kind=DocumentKind.WEB_PAGE, content="<p>x</p>", fetched_at=datetime(2024, 5, 6))
