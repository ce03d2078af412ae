"""Publication dates from metadata in the forms pages write them, and the day the site's readers saw."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.extract import extract_article
from newsmirror.extract.page_meta import document_published, meta_date
from newsmirror.extract.webpage import parse_document
from newsmirror.extract.zones import in_site_zone
from newsmirror.model import DocumentKind, RawDocument

TEXT = "".join(f"<p>{sentence}</p>" for sentence in (
    "The council voted on Tuesday to keep the small branch library open for another three years.",
    "Residents had collected more than two thousand signatures against the planned closure last spring.",
    "The library will now also open on Saturday mornings, the council's spokesperson said after the vote.",
))


def _page(head: str, body: str = "") -> str:
    return (f'<html><head><title>Library stays open</title><link rel="stylesheet" href="/s.css">{head}</head>'
            f"<body><nav><a href='/'>Home</a></nav><h1>Library stays open</h1>{body}{TEXT}</body></html>")


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-3-9 8:05", "2021-03-09T08:05:00+08:00"),
    ("2021年03月09日 08:05:30", "2021-03-09T08:05:30+08:00"),
    ("2021/03/09", "2021-03-09T00:00:00+08:00"),
    ("20210309T08:05:00Z", "2021-03-09T08:05:00+00:00"),
    ("2021.03.09 08:05 +0100", "2021-03-09T08:05:00+01:00"),
    ("1615248300", "2021-03-09T00:05:00+00:00"),
    ("1615248300000", "2021-03-09T00:05:00+00:00"),
    ("Tue, 09 Mar 2021 08:05:00 GMT", "2021-03-09T08:05:00+00:00"),
])
def test_meta_values_in_loose_formats(value: str, expected: str) -> None:
    parsed = meta_date(value, "Asia/Shanghai")
    assert parsed is not None and parsed.isoformat() == expected


@pytest.mark.parametrize("value", ["", "2021-13-45", "yesterday", "12345", "Tue, 09 Mar"])
def test_meta_values_that_are_no_date(value: str) -> None:
    assert meta_date(value, "UTC") is None


@pytest.mark.parametrize("name", ["pubtime", "firstpublishedtime", "apub:time", "og:time", "publication_date"])
def test_more_publication_meta_names(name: str) -> None:
    document = parse_document(_page(f'<meta name="{name}" content="2021-03-09 08:05:00">'))
    assert document_published(document, "", "Asia/Shanghai") == datetime(2021, 3, 9, 0, 5, tzinfo=UTC)


def test_update_time_meta_is_not_a_publication_time() -> None:
    document = parse_document(_page('<meta itemprop="dateUpdate" content="2021-03-09 08:05:00">'))
    assert document_published(document, "", "UTC") is None


def test_a_value_stating_its_offset_beats_a_naive_guess_of_the_same_time() -> None:
    head = ('<meta name="dc.date.created" content="2021-03-10|00h23">'
            '<script type="application/ld+json">{"datePublished": "2021-03-10T00:23:33Z"}</script>')
    document = parse_document(_page(head))
    assert document_published(document, "", "America/Toronto") == datetime(2021, 3, 10, 0, 23, 33, tzinfo=UTC)
    # a naive value with no stated one near it stays
    document = parse_document(_page('<meta name="pubdate" content="2021-03-10 09:00">'))
    assert document_published(document, "", "UTC") == datetime(2021, 3, 10, 9, 0, tzinfo=UTC)


def test_a_utc_instant_is_shown_on_the_sites_clock() -> None:
    late = datetime(2021, 3, 10, 0, 23, tzinfo=UTC)
    assert in_site_zone(late, "America/Toronto").isoformat() == "2021-03-09T19:23:00-05:00"
    assert in_site_zone(late, "Asia/Shanghai").isoformat() == "2021-03-10T08:23:00+08:00"
    # an offset the page states is its word, and UTC is no site's zone to convert to
    stated = datetime.fromisoformat("2021-03-10T07:00:00-05:00")
    assert in_site_zone(stated, "Asia/Shanghai") == stated and in_site_zone(stated, "Asia/Shanghai").isoformat() \
        == "2021-03-10T07:00:00-05:00"
    assert in_site_zone(late, "UTC") is late


def test_a_page_dated_by_nothing_else_gets_htmldates_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # no publication metadata, no visible date: a date htmldate reads from a tag's attribute
    html = _page("").replace("</body>", '<abbr class="published" title="2021-03-09">a while ago</abbr></body>')
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=html, url="https://news.example.de/a/library.html")
    published = extract_article(raw).published_at
    assert published is not None and published.isoformat() == "2021-03-09T00:00:00+01:00"
    monkeypatch.setattr("newsmirror.extract.htmldate_published", lambda *args: None)
    assert extract_article(raw).published_at is None  # the day came from the fallback


def test_the_day_in_the_address_checks_the_publication_time() -> None:
    from zoneinfo import ZoneInfo

    from newsmirror.extract.datelines import checked_by_url, date_from_url

    url_day = date_from_url("https://paper.example.com/2023/11/08/council-vote/", "UTC")
    assert url_day is not None
    late = datetime(2023, 11, 9, 3, 28, tzinfo=UTC)  # the evening of the 8th west of UTC
    shown = checked_by_url(late, url_day)
    assert shown == late and shown.date().isoformat() == "2023-11-08" and shown.utcoffset() is not None
    assert shown.isoformat() == "2023-11-08T23:28:00-04:00"  # the offset nearest UTC that agrees
    # an update date far after the address's day is not the publication's; a day well before it
    # stays (an address may carry an issue date)
    assert checked_by_url(datetime(2025, 1, 2, 9, 0, tzinfo=UTC), url_day) == url_day
    early = datetime(2023, 11, 6, 9, 0, tzinfo=UTC)
    assert checked_by_url(early, url_day) is early
    # a stated offset a day away stays the page's word; no day in the address changes nothing
    stated = datetime(2023, 11, 9, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert checked_by_url(stated, url_day) is stated and checked_by_url(late, None) is late


def test_a_wayback_address_is_read_for_the_archived_pages_day() -> None:
    from newsmirror.extract.datelines import date_from_url

    wayback = "https://web.archive.org/web/20130307194448/http://blog.example.net/2008/05/26/post/"
    found = date_from_url(wayback, "UTC")
    assert found is not None and found.date().isoformat() == "2008-05-26"
    assert date_from_url("https://web.archive.org/web/20130307194448/blog.example.net/about/", "UTC") is None


def test_a_utc_value_takes_the_offset_another_value_states_for_the_same_instant() -> None:
    head = ('<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
            '<script type="application/ld+json">{"datePublished": "2020-12-25T01:59:50+02:00"}</script>')
    found = document_published(parse_document(_page(head)), "", "UTC")
    assert found is not None and found.isoformat() == "2020-12-25T01:59:50+02:00"
    # another instant in another offset is no restatement: the first value stays
    other = head.replace("01:59:50+02:00", "03:59:50+02:00")
    found = document_published(parse_document(_page(other)), "", "UTC")
    assert found is not None and found.isoformat() == "2020-12-24T23:59:50+00:00"
