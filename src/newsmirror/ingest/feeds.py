"""Feeds (RSS, Atom, JSON Feed) -> RawDocument(kind=FEED_ITEM); feed autodiscovery from a page."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from selectolax.lexbor import LexborHTMLParser

from newsmirror.errors import NewsmirrorError
from newsmirror.fetch.charset import detect_and_decode
from newsmirror.ingest.archives import MAX_FIELD_CHARS  # one front-matter value; a feed's one-line field too
from newsmirror.model import DocumentKind, RawDocument, Source, http_url

FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    "application/rdf+xml", "application/xml", "text/xml",
}
DEFAULT_FULL_TEXT_MIN_CHARS = 200


class FeedParseError(NewsmirrorError):
    """Not a feed, or too broken to read any item from."""


@dataclass(slots=True)
class FeedItem:
    document: RawDocument  # content: the item's HTML (full text or just the summary)
    link: str
    has_full_text: bool  # False: fetch `link` and extract the article from the page


@dataclass(slots=True)
class ParsedFeed:
    url: str
    title: str = ""
    link: str = ""
    format: str = ""  # rss20, atom10, json1, ... (feedparser's version names)
    items: list[FeedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # recoverable problems (malformed XML read loosely)


_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)["'][^"']*["']""")


def visible_text_length(html: str) -> int:
    return len(_SPACE.sub("", _TAGS.sub("", html)))


def parse_feed(data: bytes | str, *, feed_url: str, source: Source | None = None,
               content_type: str | None = None,
               full_text_min_chars: int = DEFAULT_FULL_TEXT_MIN_CHARS,
               fetched_at: datetime | None = None) -> ParsedFeed:
    """Read every item of an RSS/Atom/JSON feed; raises FeedParseError when none can be read.
    ``fetched_at``: when the feed was downloaded (None for a feed read from a file that does not
    say), the reference of the items' relative stamps."""
    text = data if isinstance(data, str) else detect_and_decode(data, content_type)[0]
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{") or (content_type or "").split(";")[0].strip().endswith("json"):
        parsed = _parse_json_feed(stripped, feed_url)
    else:
        parsed = _parse_xml_feed(stripped, feed_url)
    kept = []
    for item in parsed.items:
        oversized = _oversized_field(item.document)
        if oversized:
            parsed.warnings.append(f"item {(item.document.guid or item.link)[:200]!r} skipped: its {oversized} is "
                                   f"longer than {MAX_FIELD_CHARS:,} characters")
            continue
        if not http_url(item.link):
            # An article's address is a page on the web. A feed that links an item to javascript:, data: or
            # any other scheme gave the store an "original URL" no output may link and an API client would
            # (safety70): refused here, the one door such a link had, as archive imports refuse it already.
            parsed.warnings.append(f"item {(item.document.guid or item.document.title_hint or item.link)[:200]!r} "
                                   f"skipped: its link {item.link[:80]!r} is not an http(s) address")
            continue
        item.document.fetched_at = fetched_at
        _apply_source(item, source, full_text_min_chars)
        kept.append(item)
    parsed.items = kept
    return parsed


def _oversized_field(document: RawDocument) -> str:
    """The name of a one-line field longer than an archive's front matter may hold (MAX_FIELD_CHARS), or "".

    A title, a byline, a link is a line: a feed giving one of a million characters put it on every listing, every
    feed entry and search result showing the article (the archive reader refuses such a file already)."""
    fields = [("title", document.title_hint), ("author", document.author_hint), ("link", document.url),
              ("guid", document.guid or ""), *(("tag", tag) for tag in document.tags_hint)]
    return next((name for name, value in fields if len(value) > MAX_FIELD_CHARS), "")


def _apply_source(item: FeedItem, source: Source | None, min_chars: int) -> None:
    doc = item.document
    # Many full-text feeds (feedx, RSSHub) put the article in <description>, so length decides, not
    # which element carried it; a source configured with full_text = false always gets its pages fetched.
    long_enough = visible_text_length(doc.content) >= min_chars
    item.has_full_text = long_enough and (source is None or source.full_text)
    if source is None:
        return
    doc.source_id = source.id
    doc.outlet_hint = doc.outlet_hint or source.outlet
    doc.channel_hint = source.channel or doc.channel_hint


_WEB_PAGE = re.compile(r"<(?:!doctype\s+html|html|body)[\s>/]", re.IGNORECASE)


def _parse_xml_feed(text: str, feed_url: str) -> ParsedFeed:
    # The text is already decoded; a leftover `encoding="gbk"` would make feedparser decode twice.
    utf8 = _XML_ENCODING.sub(r'\1"utf-8"', text, count=1).encode("utf-8")
    # feedparser's own HTML sanitizing and link resolving are off: extract sanitizes with nh3 and
    # resolves links against the article URL, and doing it twice costs most of the parse time.
    result = feedparser.parse(utf8, response_headers={"content-type": "application/xml; charset=utf-8",
                                                      "content-location": feed_url},
                              sanitize_html=False, resolve_relative_uris=False)
    feed_info = result.get("feed", {})
    if not result.entries:
        if result.get("bozo"):
            reason = result.get("bozo_exception")
            raise FeedParseError(f"{feed_url}: not a readable feed ({reason}); if this is a web page, "
                                 "`newsmirror sources add --discover URL` finds its feed")
        if not result.get("version"):
            if not text.strip():
                raise FeedParseError(f"{feed_url}: the server answered with an empty page, not a feed")
            # A site's front page given for its feed: say what finds the feed, as a malformed page's error does.
            page = ("; it is a web page: `newsmirror sources add --discover URL` finds the feed it advertises"
                    if _WEB_PAGE.search(text[:4096]) else "")
            raise FeedParseError(f"{feed_url}: not an RSS, Atom or JSON feed{page}")
    parsed = ParsedFeed(url=feed_url, title=feed_info.get("title", ""), link=feed_info.get("link", ""),
                        format=result.get("version", "") or "unknown")
    if result.get("bozo"):
        parsed.warnings.append(f"malformed feed read leniently: {result.get('bozo_exception')}")
    for entry in result.entries:
        item = _xml_item(entry, feed_url, parsed.title)
        if item is not None:
            parsed.items.append(item)
    return parsed


def _entry_date(entry: Any, name: str) -> datetime | None:
    raw = entry.get(name)
    if raw:
        try:
            value = parsedate_to_datetime(raw)  # RFC 822 keeps the outlet's own offset
            if value.tzinfo is not None:
                return value
        except (TypeError, ValueError):
            pass
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            if value.tzinfo is not None:
                return value
        except ValueError:
            pass
    parsed = entry.get(f"{name}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _xml_item(entry: Any, feed_url: str, feed_title: str) -> FeedItem | None:
    link = urljoin(feed_url, entry.get("link", "") or "")
    guid = entry.get("id") or entry.get("guid") or link or None
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    content = max(contents, key=len) if contents else ""
    summary = entry.get("summary", "") or ""
    if summary and content.strip() == summary.strip():
        summary = ""
    title = _SPACE.sub(" ", entry.get("title", "") or "").strip()
    if not (link or content or summary or title):
        return None
    return _feed_item(
        feed_url=feed_url, feed_title=feed_title, link=link, content=content, summary=summary, guid=guid,
        title=title, published=_entry_date(entry, "published") or _entry_date(entry, "updated"),
        author=entry.get("author", "") or "",
        tags=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
    )


def _feed_item(*, feed_url: str, feed_title: str, link: str, content: str, summary: str, guid: str | None,
               title: str, published: datetime | None, author: str, tags: list[str],
               summary_hint: str | None = None) -> FeedItem:
    """One feed item, RSS/Atom or JSON Feed alike; the summary stands in for missing content."""
    document = RawDocument(
        kind=DocumentKind.FEED_ITEM,
        content=content or summary,
        url=link,
        origin=feed_url,
        guid=guid,
        title_hint=title,
        published_hint=published,
        author_hint=author,
        tags_hint=tags,
        summary_hint=summary if summary_hint is None else summary_hint,
        extra={"feed_title": feed_title} if feed_title else {},
    )
    return FeedItem(document=document, link=link, has_full_text=bool(content))


# feedparser 6.0 reads RSS and Atom but not JSON Feed (https://jsonfeed.org/version/1.1), which is
# plain JSON with a small fixed schema: read it directly.
def _parse_json_feed(text: str, feed_url: str) -> ParsedFeed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedParseError(f"{feed_url}: broken JSON Feed ({exc})") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/"):
        raise FeedParseError(f"{feed_url}: JSON, but not a JSON Feed (no jsonfeed.org version)")
    parsed = ParsedFeed(url=feed_url, title=str(data.get("title", "")), link=str(data.get("home_page_url", "")),
                        format="json" + str(data["version"]).rsplit("/", 1)[-1].replace(".", ""))
    feed_authors = _json_authors(data)
    for raw in data.get("items", []):
        if not isinstance(raw, dict):
            parsed.warnings.append("skipped an item that is not an object")
            continue
        link = urljoin(feed_url, str(raw.get("url") or raw.get("external_url") or ""))
        content = str(raw.get("content_html") or "")
        if not content and raw.get("content_text"):
            paragraphs = str(raw["content_text"]).split("\n\n")
            content = "".join(f"<p>{_escape(p)}</p>" for p in paragraphs if p.strip())
        summary = str(raw.get("summary") or "")
        published = None
        for key in ("date_published", "date_modified"):
            if raw.get(key):
                try:
                    published = datetime.fromisoformat(str(raw[key]).replace("Z", "+00:00"))
                except ValueError:
                    # Named by its start, as an item is above: a date is any JSON value, and a warning reaches
                    # `fetch`'s stderr and the worker's log whole.
                    parsed.warnings.append(f"unreadable {key} {str(raw[key])[:80]!r}")
                if published is not None and published.tzinfo is None:
                    published = published.replace(tzinfo=UTC)
                if published is not None:
                    break
        parsed.items.append(_feed_item(
            feed_url=feed_url, feed_title=parsed.title, link=link, content=content,
            summary=summary, summary_hint=summary if content else "", guid=str(raw.get("id") or link) or None,
            title=str(raw.get("title") or "").strip(), published=published,
            author=", ".join(_json_authors(raw) or feed_authors), tags=[str(t) for t in raw.get("tags", []) if t],
        ))
    return parsed


def _json_authors(data: dict[str, Any]) -> list[str]:
    authors = data.get("authors") or ([data["author"]] if isinstance(data.get("author"), dict) else [])
    return [str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discover_feeds(html: str, page_url: str) -> list[str]:
    """Feed URLs a page advertises (<link rel="alternate" type="application/rss+xml" ...>), best first.

    Falls back to links whose address looks like a feed (…/feed, …rss…, ….xml) when the page
    declares none.
    """
    tree = LexborHTMLParser(html)
    declared: list[str] = []
    for node in tree.css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        kind = (node.attributes.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES and kind not in ("application/json", "text/xml"):
            declared.append(urljoin(page_url, node.attributes.get("href") or ""))
    if declared:
        return list(dict.fromkeys(declared))
    guessed: list[str] = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        lowered = href.lower()
        if re.search(r"(^|[/._-])(rss|atom|feed)([/._?-]|$)|\.xml$", lowered) and not lowered.startswith("javascript"):
            guessed.append(urljoin(page_url, href))
    return list(dict.fromkeys(guessed))
