"""Feed parsing (RSS, Atom, JSON Feed, broken and mis-encoded feeds) and autodiscovery."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsmirror.ingest.feeds import FeedParseError, discover_feeds, parse_feed
from newsmirror.model import DocumentKind, Source
from tests.feedfixtures import FixtureItem, long_body, rss

FEED_URL = "http://news.example.invalid/feed.xml"
ITEMS = [
    FixtureItem("guid-1", "http://news.example.invalid/a/1.html", "外交部副部长访问莫斯科", long_body(1)),
    FixtureItem("guid-2", "http://news.example.invalid/a/2.html", "气球飞越拉丁美洲", long_body(2),
                published="Sat, 04 Feb 2023 09:34:06 GMT"),
]
SOURCE = Source(id="src1", url=FEED_URL, outlet="测试台", channel="中国")


def test_rss_with_full_text() -> None:
    parsed = parse_feed(rss(ITEMS).encode(), feed_url=FEED_URL, source=SOURCE)
    assert parsed.title == "测试新闻"
    assert [i.link for i in parsed.items] == [ITEMS[0].link, ITEMS[1].link]
    first = parsed.items[0]
    assert first.has_full_text
    doc = first.document
    assert doc.kind is DocumentKind.FEED_ITEM
    assert doc.guid == "guid-1" and doc.source_id == "src1"
    assert doc.title_hint == "外交部副部长访问莫斯科"
    assert "当地居民" in doc.content and doc.content.count("<p>") == 4
    assert doc.outlet_hint == "测试台" and doc.channel_hint == "中国"
    assert doc.published_hint == datetime(2026, 11, 23, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    assert parsed.items[1].document.published_hint == datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)


def test_summary_only_items_need_the_page() -> None:
    parsed = parse_feed(rss(ITEMS, full_text=False).encode(), feed_url=FEED_URL, source=SOURCE)
    assert [i.has_full_text for i in parsed.items] == [False, False]


def test_source_configured_as_summary_only_always_fetches_pages() -> None:
    source = Source(id="s", url=FEED_URL, outlet="测试台", full_text=False)
    parsed = parse_feed(rss(ITEMS).encode(), feed_url=FEED_URL, source=source)
    assert not any(i.has_full_text for i in parsed.items)


def test_atom() -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>原子</title>'
        '<entry><id>tag:example,2026:1</id><title>標題一</title><link href="/b5/1.html"/>'
        "<updated>2026-11-23T08:00:00+08:00</updated><author><name>記者甲</name></author>"
        f'<content type="html">{"&lt;p&gt;" + "內容" * 150 + "&lt;/p&gt;"}</content></entry></feed>'
    )
    parsed = parse_feed(atom, feed_url="http://tw.example.invalid/atom.xml")
    (item,) = parsed.items
    assert item.link == "http://tw.example.invalid/b5/1.html"
    assert item.document.guid == "tag:example,2026:1"
    assert item.document.author_hint == "記者甲"
    assert item.has_full_text
    assert parsed.format.startswith("atom")


def test_json_feed() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON 新闻",
        "items": [
            {"id": "j1", "url": "https://j.example.invalid/1", "title": "一", "content_html": "<p>" + "字" * 300 + "</p>",
             "date_published": "2026-11-23T08:00:00+08:00", "authors": [{"name": "作者乙"}], "tags": ["政治"]},
            {"id": "j2", "url": "https://j.example.invalid/2", "title": "二", "summary": "只有摘要"},
        ],
    }
    parsed = parse_feed(json.dumps(feed, ensure_ascii=False).encode(), feed_url="https://j.example.invalid/feed.json",
                        content_type="application/feed+json")
    first, second = parsed.items
    assert first.has_full_text and not second.has_full_text
    assert first.document.author_hint == "作者乙" and first.document.tags_hint == ["政治"]
    assert first.document.published_hint == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert second.document.content == "只有摘要"


def test_gbk_feed_served_with_a_wrong_charset_header() -> None:
    body = rss(ITEMS, encoding="gbk").encode("gbk")
    parsed = parse_feed(body, feed_url=FEED_URL, content_type="application/rss+xml; charset=utf-8")
    assert parsed.items[0].document.title_hint == "外交部副部长访问莫斯科"
    assert "当地居民" in parsed.items[0].document.content


def test_malformed_xml_is_read_leniently() -> None:
    broken = rss(ITEMS).replace("<title>测试新闻</title>", "<title>测试 & 新闻</title>")  # bare ampersand
    parsed = parse_feed(broken.encode(), feed_url=FEED_URL)
    assert len(parsed.items) == 2
    assert parsed.warnings


def test_cut_off_feed_keeps_the_complete_items() -> None:
    text = rss(ITEMS)
    cut = text[: text.index("<item>", text.index("<item>") + 1) + 20]
    parsed = parse_feed(cut.encode(), feed_url=FEED_URL)
    assert parsed.items[0].document.guid == "guid-1"
    assert parsed.warnings


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(FeedParseError):
        parse_feed(b"\x00\x01 <<< not xml >>>", feed_url=FEED_URL)
    with pytest.raises(FeedParseError):
        parse_feed("<html><body><p>普通网页</p></body></html>".encode(), feed_url=FEED_URL)
    with pytest.raises(FeedParseError):
        parse_feed(b'{"not": "a feed"}', feed_url=FEED_URL)


def test_autodiscovery_prefers_declared_feeds() -> None:
    page = ('<html><head><link rel="alternate" type="application/rss+xml" href="/gb/feed">'
            '<link rel="alternate" type="application/atom+xml" href="https://x.example.invalid/atom.xml">'
            '<link rel="stylesheet" href="/s.css"></head><body><a href="/rss.xml">RSS</a></body></html>')
    assert discover_feeds(page, "https://x.example.invalid/gb/") == [
        "https://x.example.invalid/gb/feed", "https://x.example.invalid/atom.xml"]


def test_autodiscovery_falls_back_to_feed_like_links() -> None:
    page = '<html><body><a href="/about">关于</a><a href="/rss/china.xml">订阅</a><a href="/feed">feed</a></body></html>'
    assert discover_feeds(page, "https://y.example.invalid/") == [
        "https://y.example.invalid/rss/china.xml", "https://y.example.invalid/feed"]


def test_items_carry_the_crawl_time_only_when_the_feed_was_fetched() -> None:
    # a relative stamp is resolved against it; a feed read from a file has none, not "now"
    fetched = datetime(2024, 5, 6, 6, 25, tzinfo=UTC)
    polled = parse_feed(rss(ITEMS).encode(), feed_url=FEED_URL, source=SOURCE, fetched_at=fetched)
    assert {item.document.fetched_at for item in polled.items} == {fetched}
    read = parse_feed(rss(ITEMS).encode(), feed_url=FEED_URL, source=SOURCE)
    assert {item.document.fetched_at for item in read.items} == {None}


@pytest.mark.parametrize(("stamp", "kept"), [("Mon, 01 Jan 2099 08:00:00 +0000", False),
                                             ("Sat, 02 Mar 2024 20:00:00 +0000", True),  # 12 h ahead: a zone slip
                                             ("Fri, 01 Mar 2024 08:00:00 +0000", True)])
def test_a_fetched_item_dated_after_its_download_does_not_head_the_lists(stamp: str, kept: bool) -> None:
    """A feed dating its items 2099 would head every newest-first list (home page, feeds, built indexes) for good:
    a fetched item's publication time is at most a day after its download, else the download time. A feed read
    from a file (no download time) keeps what it says."""
    from newsmirror.extract import extract_article

    data = ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<channel><title>t</title><link>https://a.test/</link><description>d</description>"
            f"<item><title>置顶</title><link>https://a.test/1.html</link><guid>g1</guid><pubDate>{stamp}</pubDate>"
            f"<content:encoded><![CDATA[<p>{long_body(9)}</p>]]></content:encoded></item></channel></rss>")
    downloaded = datetime(2024, 3, 2, 8, 0, tzinfo=UTC)
    claimed = parse_feed(data, feed_url="https://a.test/feed").items[0].document.published_hint
    source = Source(id="s", url="https://a.test/feed", outlet="台")
    [item] = parse_feed(data, feed_url="https://a.test/feed", source=source, fetched_at=downloaded).items
    assert extract_article(item.document).published_at == (claimed if kept else downloaded)
    [from_file] = parse_feed(data, feed_url="https://a.test/feed", source=source).items
    assert extract_article(from_file.document).published_at == claimed


@pytest.mark.parametrize("field", ["title", "author", "link", "category"])
def test_an_item_with_a_field_longer_than_a_line_is_skipped_with_a_warning(field: str) -> None:
    """A feed giving a title (byline, link, tag) of a million characters put it on every listing and feed entry
    showing the article; the archive reader refuses such a value (MAX_FIELD_CHARS), the feed reader skips its item."""
    from newsmirror.ingest.archives import MAX_FIELD_CHARS

    huge = "长" * (MAX_FIELD_CHARS + 1)
    values = {"title": "标题", "author": "记者", "link": "https://a.test/2.html", "category": "国际"}
    values[field] = "https://a.test/" + huge if field == "link" else huge
    bad = (f"<item><title>{values['title']}</title><link>{values['link']}</link><guid>g2</guid>"
           f"<author>{values['author']}</author><category>{values['category']}</category>"
           f"<description>{long_body(2)}</description></item>")
    good = f"<item><title>好的</title><link>https://a.test/1.html</link><guid>g1</guid><description>{long_body(1)}</description></item>"
    data = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.test/</link>'
            f"<description>d</description>{good}{bad}</channel></rss>")
    parsed = parse_feed(data, feed_url="https://a.test/feed")
    assert [item.document.title_hint for item in parsed.items] == ["好的"]
    assert any("skipped" in warning and f"{MAX_FIELD_CHARS:,}" in warning for warning in parsed.warnings)


@pytest.mark.parametrize("link", ["javascript:window.__pwned=1//https://a.test/", "data:text/html,<b>x</b>",
                                  " JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "ftp://a.test/2.html", "mailto:x@a.test"])
def test_an_item_whose_link_is_no_web_address_is_skipped_with_a_warning(link: str) -> None:
    """An item's link becomes the article's original URL: a javascript: or data: one was stored as it was and handed on
    by the JSON API (safety70). Archives refuse such a post; the feed reader skips the item, RSS and JSON Feed alike."""
    from xml.sax.saxutils import escape

    good = f"<item><title>好的</title><link>https://a.test/1.html</link><guid>g1</guid><description>{long_body(1)}</description></item>"
    bad = (f"<item><title>坏的</title><link>{escape(link)}</link><guid>g2</guid>"
           f"<description>{long_body(2)}</description></item>")
    data = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.test/</link>'
            f"<description>d</description>{good}{bad}</channel></rss>")
    parsed = parse_feed(data, feed_url="https://a.test/feed")
    assert [item.document.title_hint for item in parsed.items] == ["好的"]
    assert any("g2' skipped" in warning and "http(s)" in warning for warning in parsed.warnings), parsed.warnings
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
        {"id": "j1", "url": "https://a.test/3.html", "title": "好", "content_html": long_body(3)},
        {"id": "j2", "url": link, "title": "坏", "content_html": long_body(4)},
        {"id": "j3", "url": "/4.html", "title": "相对", "content_html": long_body(5)}]})
    assert [item.link for item in parse_feed(json_feed, feed_url="https://a.test/feed.json").items] == [
        "https://a.test/3.html", "https://a.test/4.html"]


def test_an_unreadable_date_is_named_in_a_warning_of_one_short_line() -> None:
    """A JSON Feed's date is any JSON value: one of a megabyte was repeated whole in the warning, and so in `fetch`'s
    stderr and, since the worker logs a report's warnings (session 59), in the worker's log. It is named by its start,
    as the other warnings name an item (review61)."""
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
        {"id": "j1", "url": "https://a.test/1.html", "title": "好", "content_html": long_body(1),
         "date_published": "2020-13-45" + "长" * 1_000_000}]})
    parsed = parse_feed(feed, feed_url="https://a.test/feed.json")
    [warning] = parsed.warnings
    assert warning.startswith("unreadable date_published '2020-13-45长") and len(warning) < 200, warning[:300]
    assert [item.link for item in parsed.items] == ["https://a.test/1.html"]  # the item is kept, undated
