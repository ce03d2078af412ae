"""The one vocabulary every stage speaks.

Data flows one way: ingest produces :class:`RawDocument`, extract turns it into an
:class:`Article`, store keeps articles and their :class:`Version` history, stories
groups articles into :class:`Story`, publish and web read all of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Literal
from urllib.parse import urlsplit

Script = Literal["zh-Hans", "zh-Hant", "en", "und"]


class DocumentKind(StrEnum):
    """Where a raw document came from; extract picks its cleaning rules by this."""

    PAGE_MIRROR = "page_mirror"  # pages/<channel>/<id>.md of the goodnews/banned-news family
    JEKYLL_POST = "jekyll_post"  # _posts/ or archived/<date>/ post of the waimei family
    FEED_ITEM = "feed_item"  # an RSS/Atom/JSON Feed entry with its HTML content
    WEB_PAGE = "web_page"  # a full article page fetched over HTTP


class UpsertOutcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"  # content changed: a new Version row was written
    UNCHANGED = "unchanged"


def utcnow() -> datetime:
    return datetime.now(UTC)


# The instants every output can show and every store keep. A datetime holds the years 1 to 9999; a store keeps a time
# in UTC, a page shows it in UTC+8 (text.times.DISPLAY_ZONE; tests/web/test_calendar_ends.py checks the two agree). An
# archive's date is taken as written, and 9999-12-31T20:05Z falls in the year 10000 in UTC+8: every page listing such
# an article (the reader's home page, where it is the newest), its own page, an outlet's and a search answered 500,
# and `search` ended in a traceback (safety74).
# And a year from either end: grouping, the clusterer and the build reckon days before and after a report's time
# (a story's window, the Jekyll format's recent days, the front page's recent stories), and an archive post dated
# 0001-01-01, or a received row fetched then, made every `stories group` (so `run`) and `build` end in an
# OverflowError for good (safety75). No report of news is dated in the years 1 or 9999.
DISPLAY_OFFSET = timedelta(hours=8)
FIRST_TIME = datetime(2, 1, 1, tzinfo=UTC)
LAST_TIME = datetime(9998, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)  # UTC+8: early on 9999-01-01


def shown_time(value: datetime | None) -> datetime | None:
    """``value`` when it is between FIRST_TIME and LAST_TIME (its UTC time exists, and its UTC+8 time, and a year
    either side), else None: no real article's date is near the ends of the calendar, and a date no output can show
    or no stage can reckon from is no date."""
    if value is None:
        return None
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        return None
    return value if FIRST_TIME <= utc <= LAST_TIME else None


def kept_time(value: datetime) -> datetime:
    """``value`` within FIRST_TIME and LAST_TIME: a time an article or a version must have (when it was fetched,
    stored), from a store received from elsewhere."""
    if shown_time(value) is not None:
        return value
    return LAST_TIME if value.year > datetime.max.year // 2 else FIRST_TIME


def stable_id(key: str, length: int = 16) -> str:
    """A short, deterministic identifier derived from a canonical key (usually a URL)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:length]


_WHITESPACE = re.compile(r"\s+")
# C0 and C1 control characters, DEL, lone surrogates and the two non-characters XML forbids:
# they break feed generation (lxml refuses them), terminals (escape sequences) and file names.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")
# Bidirectional embeddings, overrides and isolates: in a one-line field they reorder what follows them on the line
# (a page's outlet name and date after a title, a file name's extension in a listing of Jekyll posts, a terminal
# line). A name or title needs none of them; a body keeps them (right-to-left quotations).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """``text`` without control characters; tabs and line breaks (body text) are kept."""
    return _CONTROL.sub("", text) if text else text


def clean_line(text: str) -> str:
    """A one-line field (title, name, URL): control characters and bidirectional controls removed, line breaks
    made spaces."""
    return _LINE_BREAKS.sub(" ", _BIDI_CONTROLS.sub("", _CONTROL.sub("", text))) if text else text


WEB_SCHEMES = ("http", "https")


def http_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host, else "" (never ``javascript:``).

    The one test of an address any output may link or an API may hand on: feeds refuse an item whose link fails it
    (ingest.feeds), archives a file whose original URL does (ingest.archives), and every output and the JSON API give
    "" for a stored one that fails it (an article stored before feeds refused them)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return ""
    return url


def content_hash(title: str, text: str) -> str:
    """Hash of what a reader sees, insensitive to markup and whitespace changes."""
    normalized = unicodedata.normalize("NFKC", f"{title}\n{text}")
    normalized = _WHITESPACE.sub("", normalized)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Image:
    url: str
    caption: str = ""
    local_path: str | None = None  # set by publish once the image is mirrored


@dataclass(slots=True)
class RawDocument:
    """Something ingest found, before extraction.

    ``content`` is the HTML (or the Markdown file's text for the archive formats);
    the ``*_hint`` fields are what the container (feed, front matter, page header)
    said about the article. Extract trusts the article's own metadata first and
    falls back to the hints.
    """

    kind: DocumentKind
    content: str
    url: str = ""  # the article's original URL, when known
    origin: str = ""  # where it was read: a file path or a feed URL
    source_id: str | None = None
    guid: str | None = None
    title_hint: str = ""
    published_hint: datetime | None = None
    outlet_hint: str = ""
    channel_hint: str = ""
    author_hint: str = ""
    tags_hint: list[str] = field(default_factory=list)
    summary_hint: str = ""
    # When the content was read from the web, if known: a fetcher sets it, an archive or saved page
    # only when it records it. Relative stamps ("3小时前", "yesterday 10:20") are resolved against it
    # and never against "now", so an unknown crawl time must stay None, not default to the present.
    fetched_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The model boundary: whatever ingest read, no later stage ever sees a control character.
        self.content = clean_text(self.content)
        self.url, self.origin = clean_line(self.url), clean_line(self.origin)
        self.title_hint, self.outlet_hint = clean_line(self.title_hint), clean_line(self.outlet_hint)
        self.channel_hint, self.author_hint = clean_line(self.channel_hint), clean_line(self.author_hint)
        self.summary_hint = clean_text(self.summary_hint)
        self.tags_hint = [clean_line(tag) for tag in self.tags_hint]
        if self.fetched_at is not None and self.fetched_at.tzinfo is None:
            raise ValueError(f"fetched_at must be time-zone aware: {self.fetched_at!r}")


@dataclass(slots=True)
class Article:
    outlet: str
    title: str
    original_url: str
    canonical_url: str = ""
    id: str = ""  # derived from canonical_url (or original_url) when empty
    published_at: datetime | None = None  # always time-zone aware when set
    fetched_at: datetime = field(default_factory=utcnow)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    body_html: str = ""  # sanitized
    body_markdown: str = ""
    body_text: str = ""  # plain text, paragraphs separated by blank lines
    images: list[Image] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    channel: str = ""
    script: Script = "und"
    summary: str = ""
    guid: str | None = None
    source_id: str | None = None
    origin: str = ""
    content_hash: str = ""
    # When this copy was read from the web, when its source records it: a fetcher's or a re-check's download time.
    # None for an archive file: neither archive format records when its copy was crawled (a Jekyll post's `date`
    # is its feed item's date, a page mirror has none). The store orders an article's versions by it (see
    # Version.observed_at), so it must never be guessed as "now".
    crawled_at: datetime | None = None

    def __post_init__(self) -> None:
        self._clean()
        if self.published_at is not None and self.published_at.tzinfo is None:
            raise ValueError(f"published_at must be time-zone aware: {self.published_at!r}")
        if self.crawled_at is not None and self.crawled_at.tzinfo is None:
            raise ValueError(f"crawled_at must be time-zone aware: {self.crawled_at!r}")
        self.published_at, self.crawled_at = shown_time(self.published_at), shown_time(self.crawled_at)
        self.fetched_at = kept_time(self.fetched_at)
        if not self.canonical_url:
            self.canonical_url = self.original_url
        if not self.id:
            key = self.canonical_url or self.original_url or f"{self.outlet}\n{self.title}"
            self.id = stable_id(key)
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.body_text or self.body_markdown)

    def _clean(self) -> None:
        """The model boundary: control characters never reach store, search, feeds or outputs."""
        self.outlet, self.title, self.channel = clean_line(self.outlet), clean_line(self.title), clean_line(self.channel)
        self.original_url, self.canonical_url = clean_line(self.original_url), clean_line(self.canonical_url)
        self.authors = [clean_line(a) for a in self.authors]
        self.editors = [clean_line(e) for e in self.editors]
        self.tags = [clean_line(t) for t in self.tags]
        self.body_html, self.body_markdown = clean_text(self.body_html), clean_text(self.body_markdown)
        self.body_text, self.summary = clean_text(self.body_text), clean_text(self.summary)
        for image in self.images:
            image.url, image.caption = clean_line(image.url), clean_line(image.caption)

    def refresh_hash(self) -> None:
        self.content_hash = content_hash(self.title, self.body_text or self.body_markdown)


@dataclass(slots=True)
class Version:
    """One stored state of an article; every change of content adds one, none is dropped.

    Versions are numbered in time order (:attr:`as_of`, then ``seen_at``), not in the order they were stored: an
    archive imported in any order gives the same history, and the last version is the article's current text.
    """

    article_id: str
    number: int  # 1 for the oldest state known
    content_hash: str
    title: str
    body_html: str
    body_text: str
    published_at: datetime | None
    seen_at: datetime  # when the store wrote it
    status: str = "live"  # live | deleted | restored
    # When this text is known to have been the article's: its copy's crawl time when recorded (a fetch, a
    # re-check), else the copy's own date (an archive's published_at), else seen_at; never later than seen_at.
    # None for versions stored before it was recorded (their place is the order they were stored in).
    observed_at: datetime | None = None

    def __post_init__(self) -> None:
        self.title = clean_line(self.title)
        self.body_html, self.body_text = clean_text(self.body_html), clean_text(self.body_text)
        self.published_at, self.observed_at = shown_time(self.published_at), shown_time(self.observed_at)
        self.seen_at = kept_time(self.seen_at)

    @property
    def as_of(self) -> datetime:
        """The time this version stands for in the article's history (observed_at, else seen_at)."""
        return self.observed_at or self.seen_at


@dataclass(slots=True)
class Source:
    """A place newsmirror polls: a feed (RSS/Atom/JSON) or a single page."""

    id: str
    url: str
    outlet: str
    name: str = ""
    kind: Literal["feed", "page"] = "feed"
    channel: str = ""
    script: Script = "und"
    enabled: bool = True
    full_text: bool = True  # False: items carry only a summary, fetch the page
    interval_minutes: int = 30

    def __post_init__(self) -> None:
        # An OPML or TOML file names sources too: its names reach every output.
        self.url, self.outlet = clean_line(self.url), clean_line(self.outlet)
        self.name, self.channel = clean_line(self.name), clean_line(self.channel)


@dataclass(slots=True)
class Story:
    """The same event reported by one or more outlets."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        self.title = clean_line(self.title)
