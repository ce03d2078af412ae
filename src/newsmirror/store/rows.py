"""Row <-> dataclass conversion shared by the SQLite and PostgreSQL stores.

Both schemas hold the same columns with the same text encodings (ISO times, JSON lists), so a
row read by either backend converts the same way. Rows are anything indexable by column name
(sqlite3.Row, psycopg's dict rows). SQL stays in each backend: only values cross this module.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Protocol

from newsmirror.model import Article, Image, Source, Story, Version, kept_time, shown_time, utcnow
from newsmirror.store.base import FeedState, StoryMember
from newsmirror.store.changes import ArticleEvent, ChangeEntry, CheckState, DueCheck, EventKind


class Row(Protocol):
    """What both backends' rows offer: values by column name (sqlite3.Row is no Mapping)."""

    def __getitem__(self, key: str, /) -> Any: ...


def to_iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_iso(value: str | None) -> datetime | None:
    """A stored time. A store may come from elsewhere (safety74): a time that is no ISO 8601 is none (on main,
    ``ValueError`` out of every page listing the row), a naive one is UTC (how the store keeps them, as
    ``text.times.local`` reads one), and one no output can show is none (``model.shown_time``: an event at
    9999-12-31T20:00Z made the changes page answer 500)."""
    return shown_time(_parsed(value))


def stored_time(value: object) -> datetime | None:
    """A time an SQL aggregate gives: ISO text from SQLite, a datetime from PostgreSQL's timestamptz column; either
    as :func:`from_iso` gives it (a PostgreSQL store received from elsewhere may hold 9999-12-31T20:00Z too: its
    UTC+8 time, in the year 10000, made /stories answer 500; review60)."""
    return shown_time(value) if isinstance(value, datetime) else from_iso(value if isinstance(value, str) else None)


def _parsed(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def required_time(value: str | None) -> datetime:
    """A time the row must have (when an article was fetched, a version or an event seen, a story made). Past what an
    output shows, the calendar's end it is nearer (``model.kept_time``, as Article and Version keep theirs): read as
    none, then "now", an event of a received store at 9999-12-31 was dated anew on every read, the newest of every
    listing for good. Missing or no time at all, now (a row from before the column)."""
    parsed = _parsed(value)
    return utcnow() if parsed is None else kept_time(parsed)


def to_utc_iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def row_to_article(row: Row) -> Article:
    return Article(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        original_url=row["original_url"],
        canonical_url=row["canonical_url"],
        published_at=from_iso(row["published_at"]),
        fetched_at=required_time(row["fetched_at"]),
        authors=json.loads(row["authors"]),
        editors=json.loads(row["editors"]),
        body_html=row["body_html"],
        body_markdown=row["body_markdown"],
        body_text=row["body_text"],
        images=[Image(**image) for image in json.loads(row["images"])],
        tags=json.loads(row["tags"]),
        channel=row["channel"],
        script=row["script"],
        summary=row["summary"],
        guid=row["guid"],
        source_id=row["source_id"],
        origin=row["origin"],
        content_hash=row["content_hash"],
    )


def article_columns(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "original_url": article.original_url,
        "canonical_url": article.canonical_url,
        "published_at": to_iso(article.published_at),
        "published_utc": to_utc_iso(article.published_at),
        "fetched_at": to_iso(article.fetched_at),
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "editors": json.dumps(article.editors, ensure_ascii=False),
        "images": json.dumps(
            [{"url": i.url, "caption": i.caption, "local_path": i.local_path} for i in article.images],
            ensure_ascii=False,
        ),
        "tags": json.dumps(article.tags, ensure_ascii=False),
        "body_html": article.body_html,
        "body_markdown": article.body_markdown,
        "body_text": article.body_text,
        "channel": article.channel,
        "script": article.script,
        "summary": article.summary,
        "guid": article.guid,
        "source_id": article.source_id,
        "origin": article.origin,
        "content_hash": article.content_hash,
    }


# What extraction reads of an article besides its identity and its text, rewritten in place when the same text is
# read again by a newer extractor (Store.refresh_article). Not the id, URLs, outlet, GUID, source or origin (how the
# article is matched and where it was read), the title and text (its content hash), nor when it was fetched.
REFRESHED_COLUMNS = ("published_at", "published_utc", "authors", "editors", "images", "tags", "body_html",
                     "body_markdown", "body_text", "channel", "script", "summary")


def refreshed_columns(stored: Article, article: Article) -> dict[str, Any] | None:
    """:data:`REFRESHED_COLUMNS` of ``article``, to write over ``stored`` (the same text); None when none differs."""
    new, old = article_columns(article), article_columns(stored)
    if all(new[name] == old[name] for name in REFRESHED_COLUMNS):
        return None
    return {name: new[name] for name in REFRESHED_COLUMNS}


def compared_reading_changed(stored: Article, article: Article) -> bool:
    """Whether ``article`` (a refresh of ``stored``: the same text) differs in what ``compare_story`` reads of a report
    besides its text: its pictures' captions and its date (a caption's units are listed, a file photo's caption is no
    unit: stories.compare). A stored comparison is keyed by its reports' content hashes, which a refresh keeps, so the
    refreshing store drops the comparisons of the article's stories: they are computed again (review61)."""
    return (to_iso(stored.published_at) != to_iso(article.published_at)
            or [image.caption for image in stored.images] != [image.caption for image in article.images])


def version_params(article: Article, number: int, seen_at: str | None, observed_at: str | None) -> tuple[Any, ...]:
    """Values for versions (article_id, number, content_hash, title, body_html, body_text,
    published_at, seen_at, observed_at)."""
    return (article.id, number, article.content_hash, article.title, article.body_html,
            article.body_text, to_iso(article.published_at), seen_at, observed_at)


def observed_at(article: Article, stored_at: datetime) -> datetime:
    """When this copy's text is known to have been the article's (``Version.observed_at``): the time it was
    crawled when its source records it (a fetch, a re-check); else its own date, which is all an archive records
    (a Jekyll post's ``date`` is its feed item's date, and a feed that re-dates an item it changed, as RFA's did
    37 s after a headline edit, dates each state); else when it is stored. Never later than when it is stored: a
    copy dated in the future is no newer than the moment it reached the store."""
    when = article.crawled_at or article.published_at or stored_at
    return min(when.astimezone(UTC), stored_at)


def version_time(row: Row) -> datetime:
    """A versions row's place in time (``Version.as_of``): observed_at, else (a row stored before it was
    recorded) seen_at, so an upgraded store's versions keep the order they were stored in."""
    return from_iso(row["observed_at"]) or required_time(row["seen_at"])


def row_to_version(row: Row) -> Version:
    return Version(
        article_id=row["article_id"], number=row["number"], content_hash=row["content_hash"],
        title=row["title"], body_html=row["body_html"], body_text=row["body_text"],
        published_at=from_iso(row["published_at"]), seen_at=required_time(row["seen_at"]),
        status=row["status"], observed_at=from_iso(row["observed_at"]),
    )


def source_params(source: Source) -> tuple[Any, ...]:
    """Values for sources (id, url, outlet, name, kind, channel, script, enabled, full_text,
    interval_minutes)."""
    return (source.id, source.url, source.outlet, source.name, source.kind, source.channel,
            source.script, int(source.enabled), int(source.full_text), source.interval_minutes)


def row_to_source(row: Row) -> Source:
    return Source(
        id=row["id"], url=row["url"], outlet=row["outlet"], name=row["name"], kind=row["kind"],
        channel=row["channel"], script=row["script"], enabled=bool(row["enabled"]),
        full_text=bool(row["full_text"]), interval_minutes=row["interval_minutes"],
    )


def feed_state_params(state: FeedState) -> tuple[Any, ...]:
    """Values for feed_state in its column order."""
    return (state.source_id, state.etag, state.last_modified, to_iso(state.last_checked_at),
            to_iso(state.last_success_at), state.consecutive_failures, state.last_error,
            to_iso(state.next_due_at))


def row_to_feed_state(source_id: str, row: Row) -> FeedState:
    return FeedState(
        source_id=source_id, etag=row["etag"], last_modified=row["last_modified"],
        last_checked_at=from_iso(row["last_checked_at"]), last_success_at=from_iso(row["last_success_at"]),
        consecutive_failures=row["consecutive_failures"], last_error=row["last_error"],
        next_due_at=from_iso(row["next_due_at"]),
    )


def row_to_story(row: Row, article_ids: list[str]) -> Story:
    return Story(id=row["id"], title=row["title"], article_ids=article_ids,
                 created_at=required_time(row["created_at"]),
                 updated_at=required_time(row["updated_at"]))


def row_to_story_member(row: Row) -> StoryMember:
    return StoryMember(article_id=row["article_id"], story_id=row["story_id"], role=row["role"],
                       duplicate_of=row["duplicate_of"], score=row["score"])


def check_state_params(state: CheckState) -> tuple[Any, ...]:
    """Values for checks (article_id, next_check_at, last_checked_at, last_live_at, last_change_at,
    etag, last_modified, last_outcome, last_http_status, page_hash, consecutive_misses,
    check_count, last_error)."""
    return (state.article_id, to_utc_iso(state.next_check_at), to_utc_iso(state.last_checked_at),
            to_utc_iso(state.last_live_at), to_utc_iso(state.last_change_at), state.etag,
            state.last_modified, state.last_outcome, state.last_http_status, state.page_hash,
            state.consecutive_misses, state.check_count, state.last_error)


def row_to_check_state(row: Row) -> CheckState:
    return CheckState(
        article_id=row["article_id"], next_check_at=from_iso(row["next_check_at"]),
        last_checked_at=from_iso(row["last_checked_at"]), last_live_at=from_iso(row["last_live_at"]),
        last_change_at=from_iso(row["last_change_at"]), etag=row["etag"],
        last_modified=row["last_modified"], last_outcome=row["last_outcome"],
        last_http_status=row["last_http_status"], page_hash=row["page_hash"],
        consecutive_misses=row["consecutive_misses"], check_count=row["check_count"],
        last_error=row["last_error"],
    )


def event_params(event: ArticleEvent) -> tuple[Any, ...]:
    """Values for article_events (article_id, kind, seen_at, version, detail, http_status, final_url)."""
    return (event.article_id, event.kind.value, to_utc_iso(event.seen_at), event.version,
            event.detail, event.http_status, event.final_url)


def row_to_event(row: Row) -> ArticleEvent:
    return ArticleEvent(
        id=row["id"], article_id=row["article_id"], kind=EventKind(row["kind"]),
        seen_at=required_time(row["seen_at"]), version=row["version"], detail=row["detail"],
        http_status=row["http_status"], final_url=row["final_url"],
    )



def row_to_change_entry(row: Row) -> ChangeEntry:
    """An article_events row joined with its article's title, outlet, original_url,
    published_at AS article_published_at, status AS article_status and script AS article_script."""
    return ChangeEntry(event=row_to_event(row), title=row["title"], outlet=row["outlet"],
                       url=row["original_url"], published_at=from_iso(row["article_published_at"]),
                       status=row["article_status"], script=row["article_script"])


def row_to_due_check(row: Row) -> DueCheck:
    """An article row (id AS aid, published_at AS article_published_at) left-joined with checks."""
    url = row["original_url"] if str(row["original_url"]).startswith("http") else row["canonical_url"]
    state = (row_to_check_state(row) if row["next_check_at"] is not None
             else CheckState(article_id=row["aid"]))
    return DueCheck(
        article_id=row["aid"], url=url, outlet=row["outlet"], status=row["status"],
        published_at=from_iso(row["article_published_at"]),
        first_seen_at=required_time(row["first_seen_at"]), state=state, title=row["title"],
    )
