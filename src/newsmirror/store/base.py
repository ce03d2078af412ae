"""The store interface. SQLite implements it by default; PostgreSQL implements the same."""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Self

from newsmirror.model import Article, Source, Story, UpsertOutcome, Version
from newsmirror.store.changes import ArticleEvent, ChangeEntry, CheckState, DueCheck, EventKind


@dataclass(slots=True)
class FeedState:
    """What a fetcher remembers about one source between runs."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    last_checked_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_failures: int = 0
    last_error: str = ""
    next_due_at: datetime | None = None


@dataclass(slots=True)
class StoryMember:
    article_id: str
    story_id: str
    role: str = "member"  # member | duplicate
    duplicate_of: str | None = None
    score: float = 0.0


@dataclass(slots=True)
class ArticleQuery:
    outlet: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = True


@dataclass(slots=True)
class SearchQuery:
    """Full-text search over titles and bodies; matches across Simplified/Traditional."""

    text: str
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0


@dataclass(slots=True)
class SearchHit:
    article: Article
    score: float  # higher is more relevant
    snippet: str = ""


class Store(abc.ABC):
    """Everything later stages may ask of storage. Implementations must be idempotent:
    storing the same article twice leaves one row; a changed article gains a Version."""

    # -- lifecycle -------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abc.abstractmethod
    def schema_version(self) -> int: ...

    # -- articles --------------------------------------------------------------
    @abc.abstractmethod
    def upsert_article(self, article: Article) -> UpsertOutcome:
        """Insert, or record a new version when the content changed.

        Matching order: GUID within the same source, then canonical URL, then content
        hash within the same outlet. On a match the stored id is written back to
        ``article.id``.
        """

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def find_article_id(self, *, url: str | None = None, guid: str | None = None,
                        source_id: str | None = None) -> str | None: ...

    @abc.abstractmethod
    def iter_articles(self, query: ArticleQuery | None = None) -> Iterator[Article]: ...

    @abc.abstractmethod
    def count_articles(self, outlet: str | None = None) -> int: ...

    @abc.abstractmethod
    def versions(self, article_id: str) -> list[Version]: ...

    @abc.abstractmethod
    def stats(self) -> dict[str, object]:
        """Counts for `newsmirror stats`: articles, versions, per outlet, per channel, sources, stories."""

    # -- sources and their fetch state -----------------------------------------
    @abc.abstractmethod
    def upsert_source(self, source: Source) -> None: ...

    @abc.abstractmethod
    def get_source(self, source_id: str) -> Source | None: ...

    @abc.abstractmethod
    def list_sources(self, enabled_only: bool = False) -> list[Source]: ...

    @abc.abstractmethod
    def remove_source(self, source_id: str) -> bool: ...

    @abc.abstractmethod
    def get_feed_state(self, source_id: str) -> FeedState: ...

    @abc.abstractmethod
    def save_feed_state(self, state: FeedState) -> None: ...

    # -- stories ---------------------------------------------------------------
    @abc.abstractmethod
    def save_story(self, story: Story, members: list[StoryMember]) -> None:
        """Create or update a story and set its members (articles move between stories freely)."""

    @abc.abstractmethod
    def get_story(self, story_id: str) -> Story | None: ...

    @abc.abstractmethod
    def story_members(self, story_id: str) -> list[StoryMember]: ...

    @abc.abstractmethod
    def story_of(self, article_id: str) -> str | None: ...

    @abc.abstractmethod
    def list_stories(self, min_outlets: int = 1, limit: int | None = None) -> list[Story]: ...

    # -- search ----------------------------------------------------------------
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked by relevance, then recency. Backends implement it with their own index."""
        raise NotImplementedError(f"{type(self).__name__} has no search index yet")

    # -- stories: grouping -----------------------------------------------------
    def unassigned_article_ids(self, limit: int | None = None) -> list[str]:
        """Ids of articles in no story yet, oldest first (by publication time, else fetch time)."""
        raise NotImplementedError(f"{type(self).__name__} cannot list unassigned articles yet")

    # --- recheck: edit and deletion tracking ----------------------------------
    def due_checks(self, now: datetime, *, limit: int = 100, outlet: str | None = None,
                   first_check_after: timedelta = timedelta(minutes=30)) -> list[DueCheck]:
        """Articles with an http(s) URL whose re-check is due at ``now``, most overdue first.

        Never-checked articles are due ``first_check_after`` after they were first seen.
        """
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def get_check_state(self, article_id: str) -> CheckState:
        """The article's schedule and memory; a fresh CheckState when it was never checked."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def save_check_state(self, state: CheckState) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def record_article_event(self, event: ArticleEvent) -> None:
        """Append an event; DELETED marks the article deleted, RESTORED marks it live again."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def article_events(self, article_id: str) -> list[ArticleEvent]:
        """The article's events, oldest first."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def recent_changes(self, kinds: Sequence[EventKind] = (EventKind.EDITED,), *,
                       outlet: str | None = None, since: datetime | None = None,
                       limit: int = 50) -> list[ChangeEntry]:
        """Latest events of these kinds with their articles, newest first."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def change_counts(self, since: datetime | None = None) -> dict[str, dict[str, int]]:
        """{outlet: {event kind: count}} of events since a time, plus 'deleted_now' (still deleted)."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def changed_article_ids(self) -> list[str]:
        """Ids of articles with a history to show: more than one version, or any event."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")
