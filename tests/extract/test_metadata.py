from __future__ import annotations

from datetime import timedelta

import pytest

from newsmirror.extract.datelines import date_from_url
from newsmirror.extract.urls import canonical_url


@pytest.mark.parametrize("url, expected", [
    ("https://www.ntdtv.com/gb/2023/02/04/a103642134.html", (2023, 2, 4)),
    ("https://www.epochtimes.com/gb/20/10/16/n12479572.htm", (2020, 10, 16)),
    ("https://www.cna.com.tw/news/acn/202302040101.aspx", (2023, 2, 4)),
    ("https://www.zaobao.com/realtime/china/story20230204-1359603", (2023, 2, 4)),
    ("https://www.rfa.org/mandarin/zhuanlan/x/jkdv-10162020145106.html", (2020, 10, 16)),
    ("https://www.soundofhope.org/post/433141", None),
])
def test_dates_in_urls(url: str, expected: tuple[int, int, int] | None) -> None:
    found = date_from_url(url, "Asia/Taipei")
    assert (found.year, found.month, found.day) == expected if found else expected is None  # type: ignore[comparison-overlap]
    if found:
        assert found.utcoffset() == timedelta(hours=8) and (found.hour, found.minute) == (0, 0)


@pytest.mark.parametrize("url, expected", [
    ("https://www.cna.com.tw/news/a.aspx?utm_source=rss&utm_medium=feed", "https://www.cna.com.tw/news/a.aspx"),
    ("HTTPS://WWW.Example.ORG:443/a?id=3&fbclid=xyz#comments", "https://www.example.org/a?id=3"),
    ("https://www.solidot.org/story?sid=66714", "https://www.solidot.org/story?sid=66714"),
    ("", ""),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
