"""Atom and RSS feeds (feedgen) of the mirror's own pages.

Every timestamp is taken from the articles, never from the clock, so an unchanged
listing yields byte-identical feeds and the incremental build leaves them alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from newsmirror.model import clean_line, clean_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
    rss = _generator(feed_id, title, link, self_link_rss, items, language, description).rss_str(pretty=True)
    return atom, rss


def _generator(feed_id: str, title: str, link: str, self_link: str, items: list[FeedItem],
               language: str, description: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(feed_id)
    generator.title(title or feed_id)
    generator.link(href=link, rel="alternate")
    generator.link(href=self_link, rel="self")
    generator.description(description or title or feed_id)
    generator.language(language)
    generator.generator("newsmirror")
    newest = max((i.published for i in items if i.published), default=EPOCH)
    generator.updated(newest)
    generator.lastBuildDate(newest)
    # feedgen prepends entries; add oldest first so the output lists newest first.
    for item in reversed(items):
        entry = generator.add_entry()
        entry.id(item.id)
        entry.guid(item.id, permalink=item.link == item.id)
        entry.title(item.title or item.id)
        entry.link(href=item.link)
        when = item.published or EPOCH
        entry.published(when)
        entry.updated(when)
        if item.author:
            entry.author(name=item.author)
        if item.summary:
            entry.summary(item.summary)
        if item.content_html:
            entry.content(item.content_html, type="CDATA")
    return generator
