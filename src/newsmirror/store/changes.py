"""Edits and takedowns as data: check state, article events, history views and Atom feeds.

This sits in the store stage on purpose. The static site (publish) and the reader (web)
both show an article's history and a "recently edited / taken down" feed, and both come
after store in the stage order, while the re-check job (jobs) comes after them. So the
vocabulary, the history view and the feed builder live here, beside the queries that
produce them; the job that fills the tables lives in ``newsmirror.jobs.recheck``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from newsmirror.model import Article, Version, clean_line
from newsmirror.text import times
from newsmirror.text.diff import VersionDiff, diff_versions

if TYPE_CHECKING:  # base.py imports this module for its types
    from newsmirror.store.base import Store


class EventKind(StrEnum):
    EDITED = "edited"  # the text, title or date changed: a new Version was written
    DELETED = "deleted"  # 404/410/451, a redirect to a home or list page, or a "not found" page
    RESTORED = "restored"  # back after a deletion


class CheckOutcome(StrEnum):
    """What one re-check concluded (EventKind plus the outcomes that leave no event)."""

    UNCHANGED = "unchanged"
    EDITED = "edited"
    DELETED = "deleted"
    RESTORED = "restored"
    BASELINE = "baseline"  # first look at the page: its fingerprint is remembered, nothing compared
    STILL_DELETED = "still_deleted"
    ERROR = "error"  # network trouble, 5xx, 429, an unreadable page: inconclusive, retried sooner


@dataclass(slots=True)
class CheckState:
    """The re-check schedule and memory of one article (a row of ``checks``)."""

    article_id: str
    next_check_at: datetime | None = None
    last_checked_at: datetime | None = None
    last_live_at: datetime | None = None
    last_change_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_outcome: str = ""
    last_http_status: int | None = None
    page_hash: str | None = None
    consecutive_misses: int = 0
    check_count: int = 0
    last_error: str = ""


@dataclass(slots=True)
class DueCheck:
    """An article whose re-check is due, with what the job needs to schedule and compare."""

    article_id: str
    url: str
    outlet: str
    status: str  # live | deleted
    published_at: datetime | None
    first_seen_at: datetime
    state: CheckState
    title: str = ""

    def __post_init__(self) -> None:
        # Read from SQL, not through Article: a received store's row written past the model (safety74).
        self.outlet, self.title = clean_line(self.outlet), clean_line(self.title)


@dataclass(slots=True)
class ArticleEvent:
    article_id: str
    kind: EventKind
    seen_at: datetime
    version: int | None = None
    detail: str = ""
    http_status: int | None = None
    final_url: str = ""
    id: int | None = None


@dataclass(slots=True)
class ChangeEntry:
    """An event with the article it happened to, for lists and feeds."""

    event: ArticleEvent
    title: str
    outlet: str
    url: str
    published_at: datetime | None = None
    status: str = "live"
    script: str = "und"  # the article's, as stored: a page of both scripts marks the entry by it (reader81)

    def __post_init__(self) -> None:
        # Read from SQL, not through Article: a received store's row written past the model (safety74).
        self.title, self.outlet, self.url = clean_line(self.title), clean_line(self.outlet), clean_line(self.url)

    @property
    def reason(self) -> str:
        """What readers are told about the event (:func:`event_reason`)."""
        return event_reason(self.event)


# -- what a reader is told about an event ---------------------------------------------
#
# The re-check job stores an event's ``detail`` as it found it: the operator's record, which `newsmirror changes
# --json` gives as ``detail``; it is never rewritten. Readers (the changes lists, their Atom feeds, the history pages,
# `newsmirror history`, `changes` and `recheck`'s own table) are told the event in Chinese, built from its fields (its kind
# and HTTP status) and the few forms of detail the job has ever written, so that records stored by any release read
# alike: a takedown stored as "HTTP 404 Not Found" reads 找不到网页（HTTP 404）, its last-online time (stored in UTC) in
# the zone of the page's other times. A detail of no known form is shown as stored.

# The status codes a re-check counts as a takedown (recheck_rules.GONE_STATUSES), as a reader is told them.
GONE_STATUS_REASONS = {404: "找不到网页", 410: "网页已永久删除", 451: "因法律原因无法访问"}
_HTTP_LINE = re.compile(r"HTTP (?P<status>\d{3})(?: [A-Za-z ]*)?")
# " (last seen online 2026-11-20 08:00 UTC)" up to session 44, "（最后一次在线：2026-11-20 08:00 UTC）" since.
_LAST_ONLINE = re.compile(r"(?: \(last seen online |（最后一次在线：)(?P<at>[^()（）]*?) UTC[)）]$")
_PAGE_SAYS = re.compile(r"page says (?P<quoted>'.*'|\".*\")", re.DOTALL)
_REDIRECTED_ELSEWHERE = re.compile(r"redirected to another page: (?P<url>\S+)")
_REDIRECTED_HOME = re.compile(r"redirected to (?P<url>\S+)")
_NO_ARTICLE = re.compile(r"the page has not shown the article for (?P<n>\d+) checks"
                         r"|no article on the page (?P<m>\d+) checks in a row")
_NOW_AT = re.compile(r"(?:now at|现位于) (?P<url>\S+)")
# Pieces of an edit's summary as stored before session 45 (text.diff's summary is Chinese since).
_PARAGRAPHS_CHANGED = re.compile(r"(?P<n>\d+) paragraphs? changed \(\+(?P<plus>\d+) −(?P<minus>\d+) chars\)")
_DATE_CHANGED = re.compile(r"(?:date|日期) (?P<old>.+?) → (?P<new>.+)")
_EDIT_WORDS = {"title changed": "标题已改", "no visible change": "无可见改动", "changed": "已修改"}


def event_reason(event: ArticleEvent) -> str:
    """The event's reason in the reader's language (see the comment above): e.g. 找不到网页（HTTP 404）, 网页显示“该内容已被
    删除”, 原网址转到首页或栏目页：URL, 网页已恢复，现位于 URL, 标题已改；2 段已改（+40 −12 字）."""
    if event.kind is EventKind.DELETED:
        return _deletion_reason(event)
    if event.kind is EventKind.RESTORED:
        moved = _NOW_AT.fullmatch(event.detail.strip())
        return f"网页已恢复，现位于 {moved['url']}" if moved else (
            "网页已恢复" if event.detail.strip() in ("", "the page is back", "网页已恢复") else event.detail)
    return _edit_reason(event.detail)


def _deletion_reason(event: ArticleEvent) -> str:
    detail = event.detail.strip()
    last_online = _LAST_ONLINE.search(detail)
    if last_online:
        detail = detail[:last_online.start()].strip()
    status = event.http_status
    line = _HTTP_LINE.fullmatch(detail)
    if line and status not in GONE_STATUS_REASONS:  # a record without its status field: the line still names it
        status = int(line["status"])
    says = _PAGE_SAYS.fullmatch(detail)
    elsewhere = _REDIRECTED_ELSEWHERE.fullmatch(detail)
    home = _REDIRECTED_HOME.fullmatch(detail)
    missing = _NO_ARTICLE.fullmatch(detail)
    if status in GONE_STATUS_REASONS:
        reason = f"{GONE_STATUS_REASONS[status]}（HTTP {status}）"
    elif says:
        reason = f"网页显示“{_unquoted(says['quoted'])}”"
    elif elsewhere:
        reason = f"原网址转到另一网页：{elsewhere['url']}"
    elif home:
        reason = f"原网址转到首页或栏目页：{home['url']}"
    elif missing:
        reason = f"连续 {missing['n'] or missing['m']} 次访问都不见文章"
    elif line:
        reason = f"HTTP {status}"
    else:
        reason = detail or "网页已删除"
    return f"{reason}；最后一次在线：{_in_page_zone(last_online['at'])}" if last_online else reason


def _in_page_zone(at: str) -> str:
    """The stored last-online time (UTC, to the minute) in the zone every page shows its times in."""
    try:
        return times.stamp(datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=UTC))
    except ValueError:
        return f"{at} UTC"


def _unquoted(quoted: str) -> str:
    """The page's own words, stored as Python's repr of them."""
    try:
        value = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        return quoted[1:-1]
    return value if isinstance(value, str) else quoted[1:-1]


def _edit_reason(detail: str) -> str:
    """An edit's summary (text.diff's, with where the page moved), its English pieces of before session 45 in
    Chinese."""
    pieces = []
    for piece in (part.strip() for part in re.split(r"; |；", detail)):
        if not piece:
            continue
        paragraphs = _PARAGRAPHS_CHANGED.fullmatch(piece)
        date = _DATE_CHANGED.fullmatch(piece)
        moved = _NOW_AT.fullmatch(piece)
        if piece in _EDIT_WORDS:
            piece = _EDIT_WORDS[piece]
        elif paragraphs:
            piece = f"{paragraphs['n']} 段已改（+{paragraphs['plus']} −{paragraphs['minus']} 字）"
        elif date:
            piece = f"日期 {_no_date(date['old'])} → {_no_date(date['new'])}"
        elif moved:
            piece = f"现位于 {moved['url']}"
        pieces.append(piece)
    return "；".join(pieces)


def _no_date(text: str) -> str:
    return "（无）" if text == "(none)" else text


@dataclass(slots=True)
class HistoryItem:
    """One step of an article's life for the history page: a version (with the diff from the
    version before) or a deletion/restoration."""

    kind: str  # first_seen | edited | deleted | restored
    at: datetime
    version: Version | None = None
    diff: VersionDiff | None = None
    detail: str = ""  # what readers are told: the event's reason (event_reason), or the diff's summary
    events: list[ArticleEvent] = field(default_factory=list)


def visible_versions(versions: Sequence[Version], events: Sequence[ArticleEvent] = ()) -> list[Version]:
    """The versions a reader can tell apart: a stored version whose title, text and date read the
    same as the one before (it differed in whitespace, markup or the seconds of its time) is no
    edit to anyone, so it is left out, unless a re-check recorded it as an edit (an event in
    ``/changes`` and ``newsmirror changes``, which must agree with the history page)."""
    return [version for version, _ in _visible_steps(versions, events)]


def versions_shown(store: Store, article_id: str) -> list[Version]:
    """The versions of a stored article a reader can tell apart (:func:`visible_versions`, with the edits a re-check
    recorded): what the reader's article page lists and what the API's ``/api/articles/ID`` and ``newsmirror show``
    count, so the three agree with each other and with ``newsmirror history``. ``newsmirror stats`` counts every
    stored version instead (a copy that differs only in whitespace, or hashed by an older release, is stored too)."""
    try:
        events = store.article_events(article_id)
    except NotImplementedError:  # a store that tracks no edits has no recorded edit to keep
        events = []
    return visible_versions(store.versions(article_id), events)


def _visible_steps(versions: Sequence[Version],
                   events: Sequence[ArticleEvent]) -> list[tuple[Version, VersionDiff | None]]:
    """:func:`visible_versions`, each with its diff from the visible version before it, so that :func:`history`
    reuses the diff that decided a version is visible instead of computing it again. The diff is None for the
    first version, and for one a re-check recorded as an edit (visible whatever its diff: not computed here)."""
    edited = {e.version for e in events if e.kind is EventKind.EDITED and e.version is not None}
    steps: list[tuple[Version, VersionDiff | None]] = []
    for version in versions:
        diff = None
        if steps and version.number not in edited:
            previous = steps[-1][0]
            diff = diff_versions(previous.title, previous.body_text, previous.published_at,
                                 version.title, version.body_text, version.published_at)
            if not diff.changed:
                continue
        steps.append((version, diff))
    return steps


def history(versions: Sequence[Version], events: Sequence[ArticleEvent]) -> list[HistoryItem]:
    """Versions and events in time order; each later version carries its diff from the one before.

    Versions written outside re-checks (a feed item that changed) count as edits too: every
    visible Version after the first is a change somebody made (see :func:`visible_versions`).
    A version stands at :attr:`Version.as_of` (its crawl time, else its copy's date), not at the
    time it was stored: two copies of an archive imported in either order read the same.
    Each version is diffed once, against the visible version before it.
    """
    items: list[HistoryItem] = []
    previous: Version | None = None
    edit_events = {e.version: e for e in events if e.kind is EventKind.EDITED and e.version is not None}
    for version, diff in _visible_steps(versions, events):
        if previous is None:
            items.append(HistoryItem("first_seen", version.as_of, version=version))
        else:
            if diff is None:  # recorded as an edit by a re-check: shown whatever the diff, computed only now
                diff = diff_versions(previous.title, previous.body_text, previous.published_at,
                                     version.title, version.body_text, version.published_at)
            event = edit_events.get(version.number)
            items.append(HistoryItem("edited", version.as_of, version=version, diff=diff,
                                     detail=event_reason(event) if event else diff.summary(),
                                     events=[event] if event else []))
        previous = version
    for event in events:
        if event.kind is not EventKind.EDITED:
            items.append(HistoryItem(event.kind.value, event.seen_at, detail=event_reason(event), events=[event]))
    # A restoration that came back edited has the same time as its version: show the return first.
    order = {"first_seen": 0, "deleted": 1, "restored": 1, "edited": 2}
    items.sort(key=lambda item: (_utc(item.at), order[item.kind]))
    return items


def changes_feed(
    entries: Sequence[ChangeEntry],
    *,
    title: str,
    feed_url: str,
    site_url: str,
    article_link: Callable[[ChangeEntry], str] | None = None,
    updated: datetime | None = None,
    subtitle: str = "",
    convert: Callable[[str], str] | None = None,
    language: str = "zh",
    words: Callable[[str], str] | None = None,
) -> bytes:
    """An Atom feed of edits and takedowns (newest first), for publish and web to serve.

    ``convert``: the output script of a static build (``publish.content.script_converter``) for the entries' words,
    titles, outlets and reasons; not the original URLs, which are addresses. ``language``: the script the feed is in,
    as the products' other feeds say theirs (zh-Hant for a 繁 reader or a zh-Hant build; zh when as stored).
    ``words``: the feed's own words in that script (``publish.content.interface_converter``), else ``convert``.

    ``article_link`` maps an entry to the mirror's page for the article (its history);
    by default entries link to the original URL, which may be gone: prefer the mirror.
    """
    # Imported here: feedgen brings lxml, and every command imports this module through the store.
    from feedgen.feed import FeedGenerator

    shown = convert or (lambda text: text)
    ours = words or shown
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    if subtitle:
        feed.subtitle(subtitle)
    feed.link(href=feed_url, rel="self")
    feed.link(href=site_url, rel="alternate")
    feed.language(language)
    newest = max((_utc(e.event.seen_at) for e in entries), default=None)
    feed.updated(updated or newest or datetime.now(UTC))
    # feedgen prepends entries; add oldest first so the feed reads newest first.
    for entry in sorted(entries, key=lambda e: _utc(e.event.seen_at)):
        event = entry.event
        item = feed.add_entry()
        label = ours({"edited": "改动", "deleted": "删除", "restored": "恢复"}[event.kind.value])
        item.id(f"{feed_url}#{event.article_id}-{event.kind.value}-{_utc(event.seen_at).isoformat()}")
        item.title(f"[{label}] {shown(entry.title)}")
        item.link(href=article_link(entry) if article_link else entry.url)
        item.updated(_utc(event.seen_at))
        item.author({"name": shown(entry.outlet) or "unknown"})
        summary = (shown(entry.outlet) if entry.outlet else ours("未知媒体")) + f"：{label} {times.stamp(event.seen_at)}"
        reason = entry.reason
        if reason:
            summary += f" — {shown(reason)}"
        if entry.url:
            summary += ours("（原网址：") + f"{entry.url}）"
        item.summary(summary)
    return bytes(feed.atom_str(pretty=True))


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class HistoryMark:
    """What an article page shows about its history: a link, and a banner when taken down."""

    versions: int
    events: int
    deleted: bool

    @property
    def signature(self) -> str:
        """Changes whenever the article page must be rendered again."""
        return f"history:{self.versions}:{self.events}:{int(self.deleted)}"


CountVisible = Callable[[str, Sequence[Version], Sequence[ArticleEvent]], int]


def history_marks(store: Store, count_visible: CountVisible | None = None) -> dict[str, HistoryMark]:
    """Article id -> HistoryMark for every article with a history; {} when the store tracks none.
    ``count_visible(article_id, versions, events)``: how many versions a reader can tell apart
    (default ``len(visible_versions(...))``; a build passes one that remembers its answers)."""
    try:
        ids = store.changed_article_ids()
    except NotImplementedError:
        return {}
    marks = {}
    for article_id in ids:
        events = store.article_events(article_id)
        stored = store.versions(article_id)
        versions = (count_visible(article_id, stored, events) if count_visible is not None
                    else len(visible_versions(stored, events)))
        if versions < 2 and not events:
            continue  # its versions differ in nothing a reader could see: no history to link
        status = [e for e in events if e.kind in (EventKind.DELETED, EventKind.RESTORED)]
        marks[article_id] = HistoryMark(
            versions=versions, events=len(events),
            deleted=bool(status) and status[-1].kind is EventKind.DELETED,
        )
    return marks


def history_hint(article_ids: Sequence[str], total: int | None = None, shown: int = 3) -> str:
    """Where a user sees what changed: `newsmirror history ID` for the first ``shown`` articles, then how many
    more of ``total`` (default: all of ``article_ids``). Said alike by import, update and `changes`."""
    more = (len(article_ids) if total is None else total) - min(len(article_ids), shown)
    named = ", ".join(f"`newsmirror history {article_id}`" for article_id in article_ids[:shown])
    return named + (f" and {more} more" if more > 0 else "")


KEPT_NAMED = 20  # articles a change page names among the versions an import or a fetch kept (the rest counted)


@dataclass(frozen=True, slots=True)
class ChangeWording:
    """One wording for the reader's /changes and the static site's change indexes. Versions an import or a fetch kept
    are no event: they get a heading of their own, so "re-checks found nothing" is never followed by an "also" that
    reads as if an edit had been found after all. Readers of a public page run no `newsmirror stats`: not named."""

    no_events: str = "重新访问原网页时没有发现修改或删除"
    kept_heading: str = "导入时存下的其他版本"
    kept_note: str = "文章存有不止一个标题或正文：来自导入的存档或抓取的副本，不是重新访问原网页时发现的修改"


WORDING = ChangeWording()


@dataclass(frozen=True, slots=True)
class KeptVersions:
    """Articles with another title or text an import or a fetch kept as a version (2+ versions, no edit a re-check
    recorded): edited articles to ``newsmirror stats``, not events, so change lists name them apart, as
    ``newsmirror changes`` does (``versions_kept`` in its JSON)."""

    count: int
    articles: list[Article] = field(default_factory=list)  # the last updated, at most the limit asked for

    @property
    def more(self) -> int:
        """How many are counted but not named."""
        return self.count - len(self.articles)


def kept_versions(store: Store, *, outlet: str | None = None, limit: int = KEPT_NAMED) -> KeptVersions:
    """What the reader's /changes and the static site's change indexes say beside the recorded events (no time
    window: when each copy was written is not when it was stored); nothing when the store tracks no edits."""
    try:
        count, ids = store.kept_versions(outlet=outlet, limit=limit)
    except NotImplementedError:
        return KeptVersions(0)
    articles = [article for article in map(store.get_article, ids) if article is not None]
    return KeptVersions(count, articles)
