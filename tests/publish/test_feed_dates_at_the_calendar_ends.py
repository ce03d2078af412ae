"""RSS dates of the model's earliest years (safety76).

``model.FIRST_TIME`` keeps times from 0002-01-01; feedgen writes RSS's RFC 822 date with strftime, which gives the
year 0002 as "2", and Python's ``email.utils`` (as feed readers) reads it as 2002. On main an archive post dated
0002-01-01 was an RSS item of 2002; its Atom entry said 0002."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from newsmirror.publish.feeds import FeedItem, build_feeds


def feeds(*when: datetime) -> tuple[bytes, bytes]:
    items = [FeedItem(id=f"https://m.example/a/{n}", title=f"题{n}", link=f"https://m.example/a/{n}", published=w,
                      author="甲报") for n, w in enumerate(when)]
    return build_feeds(feed_id="https://m.example/", title="镜像", link="https://m.example/",
                       self_link_atom="https://m.example/atom.xml", self_link_rss="https://m.example/rss.xml",
                       items=items)


def test_an_rss_date_says_its_year_or_nothing() -> None:
    early, late, now = (datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, 23, tzinfo=UTC),
                        datetime(2024, 5, 6, tzinfo=UTC))
    atom, rss = feeds(late, now, early)
    dates = [parsedate_to_datetime(d) for d in etree.fromstring(rss).xpath("//item/pubDate/text()")]
    assert dates == [late, now]  # the item of 0002 goes without a pubDate (main: read as 2002-01-01)
    assert b"0002-01-01T00:00:00+00:00" in atom
    _atom, only_early = feeds(early)
    channel = etree.fromstring(only_early)
    assert not channel.xpath("//pubDate") and channel.xpath("//lastBuildDate/text()") == ["Thu, 01 Jan 1970 00:00:00 +0000"]
