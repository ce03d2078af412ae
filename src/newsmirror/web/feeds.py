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
from newsmirror.web.render import (
    DisplayScript,
    ImageURL,
    body_markup,
    convert_text,
    interface_text,
    no_remote_images,
    source_script,
    text_markup,
    with_script,
)


def search_feed(query: str, hits: list[SearchHit], *, site_title: str, self_url: str, base_url: str,
                image_url: ImageURL = no_remote_images, script: DisplayScript = "orig") -> bytes:
    """Every text goes through strip_controls: XML cannot carry control characters, and stored
    rows from older versions or other tools may hold them. Titled as every feed (publish.feeds.FEED_WORDS);
    ``script``: the reader's choice, as :func:`articles_feed` takes it. The query stays as typed, as the page shows it."""
    query = strip_controls(query)
    words = {name: interface_text(FEED_WORDS[name], script) for name in ("search", "search_about")}
    feed = _feed(feed_title(convert_text(site_title, script), words["search"].format(query=query)),
                 words["search_about"].format(query=query), self_url,
                 with_script(base_url.rstrip("/") + "/search?" + self_url.split("?", 1)[-1], script),
                 [h.article for h in hits], script)
    for hit in reversed(hits):  # feedgen prepends entries; keep the ranking order in the document
        _add_entry(feed, hit.article, hit.snippet, base_url, image_url, script)
    return bytes(feed.atom_str(pretty=True))


def articles_feed(title: str, subtitle: str, articles: list[Article], *, self_url: str, page_url: str, base_url: str,
                  image_url: ImageURL = no_remote_images, script: DisplayScript = "orig") -> bytes:
    """``articles`` (newest first) as an Atom feed whose alternate link is ``page_url``; ``title`` and ``subtitle``
    as publish.feeds.FEED_WORDS words them. ``script``: the display script the reader chose (``?script=``, else the
    cookie: ``web.render.display_script``), applied as the pages apply it: the feed's words, then each entry's title,
    summary, byline and body by the script of its article; its links to pages carry the choice, as a feed reader
    has no cookie. A reader who chose 繁 got Simplified feeds (polish68). ``title`` and ``subtitle`` come in ``script``
    already: our words and an outlet's name are converted apart (web.render.interface_text, convert_text)."""
    feed = _feed(strip_controls(title), strip_controls(subtitle), self_url,
                 with_script(page_url, script), articles, script)
    for article in reversed(articles):
        _add_entry(feed, article, article.summary, base_url, image_url, script)
    return bytes(feed.atom_str(pretty=True))


def _feed(title: str, subtitle: str, self_url: str, page_url: str, articles: list[Article],
          script: DisplayScript) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=self_url, rel="self")
    feed.link(href=page_url, rel="alternate")
    feed.language("zh" if script == "orig" else script)  # as the static site's feeds say a converted build's
    updated = [a.published_at or a.fetched_at for a in articles]
    feed.updated(max(updated) if updated else utcnow())
    return feed


def _add_entry(feed: FeedGenerator, article: Article, summary: str, base_url: str, image_url: ImageURL,
               script: DisplayScript) -> None:
    entry = feed.add_entry()
    source = source_script(article)
    # An id some feed readers follow as the entry's address: an http(s) one only, else the reader's page. The same
    # whatever the script: an id names the article, not a way of showing it.
    entry.id(http_url(strip_controls(article.canonical_url)) or f"{base_url}article/{article.id}")
    entry.title(strip_controls(convert_text(article.title, script, source)) or "(untitled)")
    # One link only: feedgen 1.0 drops the rel of entry links, so a second (related)
    # link would read as another alternate. The original URL is in the content and the id.
    entry.link(href=with_script(f"{base_url.rstrip('/')}/article/{article.id}", script))
    entry.author({"name": strip_controls(byline(article, script)) or "?"})
    entry.category(term=strip_controls(convert_text(article.outlet, script)) or "?")
    entry.published(article.published_at or article.fetched_at)
    entry.updated(article.published_at or article.fetched_at)
    if summary:
        entry.summary(strip_controls(convert_text(summary, script, source)))
    # Linked only when http(s) (a feed item's link may be javascript:); a feed reader shows this HTML without our CSP.
    link = http_url(article.original_url)
    said = interface_text("原文", script)
    original = str(Markup('<p>{1}: <a href="{0}">{0}</a></p>').format(link, said) if link
                   else Markup("<p>{1}: {0}</p>").format(article.original_url, said))
    body = (body_markup(article.body_html, script, image_url, source, article.title) if article.body_html
            else text_markup(article.body_text, script, source))
    entry.content(strip_controls(str(body) + original), type="html")


def byline(article: Article, script: DisplayScript = "orig") -> str:
    """The outlet, then the journalists, as the article page gives them ("中央社 · 陳韻聿"), in ``script`` as the page
    shows them. Feed readers list an entry by its title and author only (the outlet's <category> is rarely shown),
    and a search's feed mixes outlets: with the journalists alone an entry read "溫貴香", not which outlet reported
    it. The static site's feeds name the outlet."""
    people = [name.strip() for name in article.authors if name.strip() and name.strip() != article.outlet]
    outlet = convert_text(article.outlet, script)
    return " · ".join([outlet, convert_text("、".join(people), script, source_script(article))] if people else [outlet])
