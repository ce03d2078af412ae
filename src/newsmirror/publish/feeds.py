"""Atom and RSS feeds (feedgen) of the mirror's own pages.

Every timestamp is taken from the articles, never from the clock, so an unchanged
listing yields byte-identical feeds and the incremental build leaves them alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from newsmirror.model import clean_line, clean_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Every feed's title and subtitle, the reader's and the static site's alike, in one form and in the site's language
# (Simplified Chinese, converted where a build converts its labels): the title names what the feed lists, then the
# site, as the pages' titles do ("中央社 · 新闻镜像"); the subtitle says in a phrase what is in it and in what order.
# Feed readers list a subscription by its title: session 51 found "newsmirror: 衛生部長" with an English subtitle beside
# "新闻镜像 · 最新", "X · 新闻镜像" and a site-wide feed titled "新闻镜像" alone.
FEED_WORDS = {
    "latest": "最新",
    "latest_about": "各家媒体的最新文章，新的在前",
    "listing_about": "{name}的最新文章，新的在前",  # an outlet, or a channel ("中央社 · 國際")
    "story_about": "同一事件各家媒体的报道，新的在前",
    "search": "搜索：{query}",
    "search_about": "标题或正文含“{query}”的文章，最相关的在前",
    "changes_about": "{what}，新的在前",
}
# The change feeds by kind of change, named as the reader's and the static site's change feeds both name them.
CHANGE_FEEDS = {"all": "被修改和删除的文章", "edited": "被修改的文章", "deleted": "被删除的文章", "restored": "恢复的文章"}


def feed_title(site_title: str, *what: str) -> str:
    """A feed's title: what it lists (in parts: an outlet, then a kind of change), then the site."""
    return " · ".join([*(part for part in what if part), site_title])


@dataclass(slots=True)
class FeedItem:
    id: str  # a stable identifier, e.g. the page's absolute URL or tag: URI
    title: str
    link: str
    published: datetime | None
    author: str
    summary: str = ""
    content_html: str = ""


def build_feeds(*, feed_id: str, title: str, link: str, self_link_atom: str, self_link_rss: str,
                items: list[FeedItem], language: str = "zh", description: str = "") -> tuple[bytes, bytes]:
    """(atom, rss) bytes for ``items`` (newest first)."""
    # lxml refuses control characters: one such title must never abort a build. The model strips
    # them already; this keeps feeds safe for anything built without it (a store written earlier).
    title, description = clean_line(title), clean_line(description)
    items = [FeedItem(id=clean_line(i.id), title=clean_line(i.title), link=clean_line(i.link),
                      published=i.published, author=clean_line(i.author), summary=clean_text(i.summary),
                      content_html=clean_text(i.content_html)) for i in items]
    atom = _generator(feed_id, title, link, self_link_atom, items, language, description).atom_str(pretty=True)
    rss = _generator(feed_id, title, link, self_link_rss, items, language, description, rss=True).rss_str(pretty=True)
    return atom, rss


def _rfc822_year(when: datetime) -> bool:
    """Whether RSS's date (RFC 822, feedgen's strftime) can say ``when``'s year: one before 1000 is written with fewer
    than four digits (0002 as "2"), which Python's ``email.utils`` and feed readers read as a two-digit year (2002).
    Such an item (``model.FIRST_TIME`` keeps years from 0002) goes without a pubDate; its Atom entry has the date
    (safety76)."""
    return when.year >= 1000


def _generator(feed_id: str, title: str, link: str, self_link: str, items: list[FeedItem],
               language: str, description: str, rss: bool = False) -> FeedGenerator:
    """``rss``: for the RSS feed, whose descriptions are HTML (RSS 2.0: "entity-encoded HTML"), so text goes in
    escaped as HTML; Atom's summary and subtitle are text (no type). A summary saying "<script>…" (what a source
    showed as text, having escaped it) was written once escaped, a live script to a feed reader showing RSS
    descriptions as their HTML (safety71)."""
    as_description: Callable[[str], str] = html.escape if rss else str
    generator = FeedGenerator()
    generator.id(feed_id)
    generator.title(title or feed_id)
    generator.link(href=link, rel="alternate")
    generator.link(href=self_link, rel="self")
    generator.description(as_description(description or title or feed_id))
    generator.language(language)
    generator.generator("newsmirror")
    newest = max((i.published for i in items if i.published), default=EPOCH)
    generator.updated(newest)
    # (Never left unset: feedgen would write the time of the build, a feed changed at every build.)
    generator.lastBuildDate(newest if _rfc822_year(newest) else EPOCH)
    # feedgen prepends entries; add oldest first so the output lists newest first.
    for item in reversed(items):
        entry = generator.add_entry()
        entry.id(item.id)
        entry.guid(item.id, permalink=item.link == item.id)
        entry.title(item.title or item.id)
        entry.link(href=item.link)
        when = item.published or EPOCH
        if not rss or _rfc822_year(when):
            entry.published(when)
        entry.updated(when)
        if item.author:
            entry.author(name=item.author)
        if item.summary:
            entry.summary(as_description(item.summary))
        if item.content_html:
            entry.content(item.content_html, type="CDATA")
    return generator
