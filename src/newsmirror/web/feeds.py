"""Atom feeds of the reader: any search, the latest articles, each outlet and each story, so a
reader can follow a name, a topic, an outlet or an event in Miniflux, FreshRSS or any feed reader
(the static site has the same per-outlet and per-story feeds)."""

from __future__ import annotations

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from newsmirror.model import Article, utcnow
from newsmirror.publish.feeds import FEED_WORDS, feed_title
from newsmirror.publish.safe import http_url
from newsmirror.store import SearchHit
from newsmirror.web.guard import strip_controls
from newsmirror.web.render import ImageURL, clean_html, no_remote_images, text_markup


def search_feed(query: str, hits: list[SearchHit], *, site_title: str, self_url: str, base_url: str,
                image_url: ImageURL = no_remote_images) -> bytes:
    """Every text goes through strip_controls: XML cannot carry control characters, and stored
    rows from older versions or other tools may hold them. Titled as every feed (publish.feeds.FEED_WORDS)."""
    query = strip_controls(query)
    feed = _feed(feed_title(site_title, FEED_WORDS["search"].format(query=query)),
                 FEED_WORDS["search_about"].format(query=query), self_url,
                 base_url.rstrip("/") + "/search?" + self_url.split("?", 1)[-1],
                 [h.article for h in hits])
    for hit in reversed(hits):  # feedgen prepends entries; keep the ranking order in the document
        _add_entry(feed, hit.article, hit.snippet, base_url, image_url)
    return bytes(feed.atom_str(pretty=True))


def articles_feed(title: str, subtitle: str, articles: list[Article], *, self_url: str, page_url: str, base_url: str,
                  image_url: ImageURL = no_remote_images) -> bytes:
    """``articles`` (newest first) as an Atom feed whose alternate link is ``page_url``; ``title`` and ``subtitle``
    as publish.feeds.FEED_WORDS words them."""
    feed = _feed(strip_controls(title), strip_controls(subtitle), self_url, page_url, articles)
    for article in reversed(articles):
        _add_entry(feed, article, article.summary, base_url, image_url)
    return bytes(feed.atom_str(pretty=True))


def _feed(title: str, subtitle: str, self_url: str, page_url: str, articles: list[Article]) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=self_url, rel="self")
    feed.link(href=page_url, rel="alternate")
    feed.language("zh")
    updated = [a.published_at or a.fetched_at for a in articles]
    feed.updated(max(updated) if updated else utcnow())
    return feed


def _add_entry(feed: FeedGenerator, article: Article, summary: str, base_url: str, image_url: ImageURL) -> None:
    entry = feed.add_entry()
    # An id some feed readers follow as the entry's address: an http(s) one only, else the reader's page.
    entry.id(http_url(strip_controls(article.canonical_url)) or f"{base_url}article/{article.id}")
    entry.title(strip_controls(article.title) or "(untitled)")
    # One link only: feedgen 1.0 drops the rel of entry links, so a second (related)
    # link would read as another alternate. The original URL is in the content and the id.
    entry.link(href=f"{base_url.rstrip('/')}/article/{article.id}")
    entry.author({"name": strip_controls(byline(article)) or "?"})
    entry.category(term=strip_controls(article.outlet) or "?")
    entry.published(article.published_at or article.fetched_at)
    entry.updated(article.published_at or article.fetched_at)
    if summary:
        entry.summary(strip_controls(summary))
    # Linked only when http(s) (a feed item's link may be javascript:); a feed reader shows this HTML without our CSP.
    link = http_url(article.original_url)
    original = str(Markup('<p>原文: <a href="{0}">{0}</a></p>').format(link) if link
                   else Markup("<p>原文: {0}</p>").format(article.original_url))
    body = (clean_html(article.body_html, image_url, article.title) if article.body_html
            else str(text_markup(article.body_text, "orig")))
    entry.content(strip_controls(body + original), type="html")


def byline(article: Article) -> str:
    """The outlet, then the journalists, as the article page gives them ("中央社 · 陳韻聿"). Feed readers list an entry by
    its title and author only (the outlet's <category> is rarely shown), and a search's feed mixes outlets: with the
    journalists alone an entry read "溫貴香", not which outlet reported it. The static site's feeds name the outlet."""
    people = [name.strip() for name in article.authors if name.strip() and name.strip() != article.outlet]
    return " · ".join([article.outlet, "、".join(people)] if people else [article.outlet])
