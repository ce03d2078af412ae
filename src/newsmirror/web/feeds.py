"""Atom feeds of any search, so a reader can follow a name or a topic in a feed reader."""

from __future__ import annotations

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from newsmirror.model import utcnow
from newsmirror.store import SearchHit
from newsmirror.web.guard import strip_controls
from newsmirror.web.render import ImageURL, clean_html, no_remote_images, text_markup


def search_feed(query: str, hits: list[SearchHit], *, self_url: str, base_url: str,
                image_url: ImageURL = no_remote_images) -> bytes:
    """Every text goes through strip_controls: XML cannot carry control characters, and stored
    rows from older versions or other tools may hold them."""
    query = strip_controls(query)
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(f"newsmirror: {query}")
    feed.subtitle(f"Articles matching {query!r}, best matches first")
    feed.link(href=self_url, rel="self")
    feed.link(href=base_url.rstrip("/") + "/search?" + self_url.split("?", 1)[-1], rel="alternate")
    feed.language("zh")
    updated = [h.article.published_at or h.article.fetched_at for h in hits]
    feed.updated(max(updated) if updated else utcnow())
    for hit in reversed(hits):  # feedgen prepends entries; keep the ranking order in the document
        article = hit.article
        entry = feed.add_entry()
        entry.id(strip_controls(article.canonical_url) or f"{base_url}article/{article.id}")
        entry.title(strip_controls(article.title) or "(untitled)")
        # One link only: feedgen 1.0 drops the rel of entry links, so a second (related)
        # link would read as another alternate. The original URL is in the content and the id.
        entry.link(href=f"{base_url.rstrip('/')}/article/{article.id}")
        entry.author({"name": strip_controls(", ".join(article.authors) or article.outlet) or "?"})
        entry.category(term=strip_controls(article.outlet) or "?")
        entry.published(article.published_at or article.fetched_at)
        entry.updated(article.published_at or article.fetched_at)
        entry.summary(strip_controls(hit.snippet))
        original = str(Markup('<p>原文: <a href="{0}">{0}</a></p>').format(article.original_url))
        body = (clean_html(article.body_html, image_url) if article.body_html
                else str(text_markup(article.body_text, "orig")))
        entry.content(strip_controls(body + original), type="html")
    return bytes(feed.atom_str(pretty=True))
