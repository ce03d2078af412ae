from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsmirror.extract.bylines import parse_bylines
from newsmirror.extract.dates import date_from_dateline, date_from_url, parse_date, resolve_published
from newsmirror.extract.urls import canonical_url

BEIJING = timezone(timedelta(hours=8))


@pytest.mark.parametrize("text, expected", [
    ("【新唐人北京时间2023年02月05日讯】某事", datetime(2023, 2, 5, tzinfo=BEIJING)),
    ("【大纪元2020年10月16日讯】（大纪元记者某某报导）", datetime(2020, 10, 16, tzinfo=BEIJING)),
    ("【希望之声2020年10月17日】（本台记者）", datetime(2020, 10, 17, tzinfo=BEIJING)),
    ("【看中国2021年1月3日讯】", datetime(2021, 1, 3, tzinfo=BEIJING)),
    ("没有日期的导语", None),
    ("【某台2023年02月30日讯】", None),  # not a date
])
def test_datelines(text: str, expected: datetime | None) -> None:
    assert date_from_dateline(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.ntdtv.com/gb/2023/02/04/a103642134.html", (2023, 2, 4)),
    ("https://www.epochtimes.com/gb/20/10/16/n12479572.htm", (2020, 10, 16)),
    ("https://www.cna.com.tw/news/acn/202302040101.aspx", (2023, 2, 4)),
    ("https://www.zaobao.com/realtime/china/story20230204-1359603", (2023, 2, 4)),
    ("https://www.rfa.org/mandarin/zhuanlan/x/jkdv-10162020145106.html", (2020, 10, 16)),
    ("https://www.soundofhope.org/post/433141", None),
])
def test_dates_in_urls(url: str, expected: tuple[int, int, int] | None) -> None:
    found = date_from_url(url)
    assert (found.year, found.month, found.day) == expected if found else expected is None  # type: ignore[comparison-overlap]
    if found:
        assert found.tzinfo is not None


def test_resolution_order() -> None:
    precise = datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)
    url = "https://www.ntdtv.com/gb/2023/02/04/a1.html"
    assert resolve_published(container=precise, body_text="【新唐人北京时间2023年02月05日讯】", url=url) == precise
    assert resolve_published(container=None, body_text="【新唐人北京时间2023年02月05日讯】", url=url) == \
        datetime(2023, 2, 5, tzinfo=BEIJING)
    assert resolve_published(container=None, body_text="", url=url) == datetime(2023, 2, 4, tzinfo=BEIJING)
    assert resolve_published(container=None, body_text="", url="https://x.example.org/a",
                             feed_date="Sat, 04 Feb 2023 03:26:18 GMT") == datetime(2023, 2, 4, 3, 26, 18,
                                                                                      tzinfo=UTC)
    assert parse_date("") is None


@pytest.mark.parametrize("paragraphs, authors, editors", [
    (["（记者历澄宇综合报导/责任编辑：林清）"], ["历澄宇"], ["林清"]),
    (["【大纪元2020年10月16日讯】（大纪元记者林宜君报导）正文"], ["林宜君"], []),
    (["责任编辑：元明清"], [], ["元明清"]),
    (["正文结束。（編輯：曹宇帆/唐佩君）1120204"], [], ["曹宇帆", "唐佩君"]),
    (["（中央社記者徐薇婷華盛頓3日專電）正文"], ["徐薇婷"], []),
    (["记者 乔龙 责编 胡力汉 许书婷"], ["乔龙"], ["胡力汉", "许书婷"]),
    (["本文章或节目经本台编辑制作，转载请注明出处。"], [], []),
])
def test_bylines(paragraphs: list[str], authors: list[str], editors: list[str]) -> None:
    byline = parse_bylines(paragraphs)
    assert byline.authors == authors and byline.editors == editors


@pytest.mark.parametrize("url, expected", [
    ("https://www.cna.com.tw/news/a.aspx?utm_source=rss&utm_medium=feed", "https://www.cna.com.tw/news/a.aspx"),
    ("HTTPS://WWW.Example.ORG:443/a?id=3&fbclid=xyz#comments", "https://www.example.org/a?id=3"),
    ("https://www.solidot.org/story?sid=66714", "https://www.solidot.org/story?sid=66714"),
    ("", ""),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
