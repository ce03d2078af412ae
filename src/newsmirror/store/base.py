"""The store interface. SQLite implements it by default; PostgreSQL implements the same."""

from __future__ import annotations

import abc
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import TracebackType
from typing import Self

from newsmirror.model import Article, Source, Story, UpsertOutcome, Version, clean_line, http_url
from newsmirror.outlets import normalize_outlet_name
from newsmirror.store.changes import ArticleEvent, ChangeEntry, CheckState, DueCheck, EventKind
from newsmirror.text import times
from newsmirror.text.invisible import drop_invisible
from newsmirror.text.script import written_in


def title_script(title: str, reports: Iterable[tuple[str, str]]) -> str:
    """The script of the first of ``reports`` ((title, stored script), a story's, oldest first) whose title is
    ``title`` (a story's), else of the first report: the script a story's title is written in, as stored; where that
    was not told ("und", none), as the title's own characters tell it (``text.script.written_in``, "und" when they
    do not). One rule for every place that marks a story's title: the reader's lists (``Store.story_title_scripts``)
    and story page, the static site's (review61: the reader's story page guessed "und" from the report's title and
    text, /stories did not, so one title was marked on its page and not in the list)."""
    first = ""
    for report_title, script in reports:
        first = first or script
        if clean_line(report_title) == title:
            first = script
            break
    if first and first != "und":
        return first
    return written_in(title)


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


@dataclass(frozen=True, slots=True)
class StorySize:
    """How big and how new a story is: what a front page ranks its stories by (``publish.content.front_stories``)."""

    id: str
    # What its page shows (polish68): a republished copy, listed apart under 转载, is no report and its outlet no outlet
    # of the story, in the counts as on the page (they were counted until session 68).
    outlets: int  # different outlets among its own reports
    reports: int  # its own reports, copies left out (the "N 篇" the reader shows)
    newest: datetime | None  # its newest report's publication time; None when no member is dated


@dataclass(slots=True)
class StoryJoin:
    """What the complete-story join (``stories.joincomplete``) remembers of a story across grouping runs: that it
    was judged (it is never judged again), and for a core (a story that absorbed a side) the article ids of its
    members before its first side, from which a later run rebuilds the core as the join model judges it."""

    story_id: str
    role: str = "judged"  # judged | core
    unjoined: tuple[str, ...] = ()  # a core's members before its first side


@dataclass(slots=True)
class ArticleQuery:
    outlet: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = True

    def filters(self, mark: str, instant: Callable[[datetime], object]) -> tuple[list[str], list[object]]:
        """The query's outlet, channel and date range as clauses over the ``articles`` table, with their values:
        ``mark`` is the backend's placeholder (``?``, ``%s``), ``instant`` how it takes a time (ISO text, a datetime)."""
        clauses: list[str] = []
        values: list[object] = []
        for clause, value in (("outlet = ", self.outlet), ("channel = ", self.channel),
                              ("published_utc >= ", self.since and instant(self.since)),
                              ("published_utc < ", self.until and instant(self.until))):
            if value:
                clauses.append(clause + mark)
                values.append(value)
        return clauses, values


@dataclass(slots=True)
class SearchQuery:
    """Full-text search over titles and bodies; matches across Simplified/Traditional."""

    text: str
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0


def search_query(text: str, outlet: str | None, since: date | None, until: date | None, *,
                 limit: int, offset: int = 0) -> SearchQuery:
    """The search of a person's days: the reader's form, ``/api/search`` and ``newsmirror search`` build their
    query here, so all three find the same articles. A day is a day in UTC+8 (``times.DISPLAY_ZONE``), the zone
    every time is shown in: an article listed at 2023-02-05 00:00 is found by ``since`` 2023-02-05 (as a UTC day it
    was not). ``until`` is inclusive for people (the whole day), exclusive for the store; the first and the last day
    there are (0001-01-01, 9999-12-31) mean no limit (their UTC+8 midnight has no UTC instant on the calendar)."""
    since_start = _local_day_start(since) if since and since > date.min else None
    until_exclusive = _local_day_start(until + timedelta(days=1)) if until and until < date.max else None
    return SearchQuery(text=text, outlet=outlet or None, since=since_start, until=until_exclusive,
                       limit=limit, offset=offset)


def _local_day_start(value: date) -> datetime:
    # In UTC, so both backends get the same instant as they bind it (SQLite compares ISO text in UTC).
    return datetime.combine(value, time.min, tzinfo=times.DISPLAY_ZONE).astimezone(UTC)


@dataclass(slots=True)
class Job:
    """One row of the work queue, as claimed by a worker (see Store.claim_jobs)."""

    id: int
    kind: str  # fetch | recheck | ...
    key: str  # what to work on: a source id, an article id, ...
    host: str = ""
    due_at: datetime | None = None
    lease_owner: str | None = None
    lease_expires_at: datetime | None = None
    # Claims of the current run, this one included: 1 when it ran once; more after failures or
    # crashes (an expired lease). Kept when the job completes (a done row shows what it took);
    # the first claim after a completion starts again at 1.
    attempts: int = 0
    last_error: str = ""
    done_at: datetime | None = None


@dataclass(slots=True)
class QueueStatus:
    """Why a worker finds nothing to claim (see Store.queue_status)."""

    due: int = 0  # due now and not leased
    due_by_host: dict[str, int] = field(default_factory=dict)
    live_leases_by_host: dict[str, int] = field(default_factory=dict)  # all kinds: what per-host limits count
    leased: int = 0  # of the asked kinds, running somewhere right now
    next_due_at: datetime | None = None  # earliest pending job not due yet

    def blocked_hosts(self, per_host_limit: int | None) -> dict[str, int]:
        """Hosts with due jobs that wait for the per-host limit: {host: live leases}."""
        if per_host_limit is None:
            return {}
        return {host: self.live_leases_by_host.get(host, 0) for host in self.due_by_host
                if host and self.live_leases_by_host.get(host, 0) >= per_host_limit}


@dataclass(slots=True)
class SearchHit:
    article: Article
    score: float  # higher is more relevant
    snippet: str = ""


def outlet_key(name: str) -> str:
    """One key for every spelling of an outlet's name: its archive aliases (DW, BBC), either script (德國之聲 and
    德国之声: characters only, no phrase conversion), full-width forms, spaces, invisible characters and case folded.
    Two sources of one outlet configured under two spellings refused each other's copies of its articles as
    "another outlet's" (safety70); the reader's outlet page typed in the other script was a 404."""
    from newsmirror.text.script import convert  # OpenCC: not loaded by commands that never fold a name

    name = normalize_outlet_name(unicodedata.normalize("NFKC", name))
    return convert("".join(drop_invisible(name).split()).casefold(), "t2s")


def spelling_shown(outlet: str, counts: Mapping[str, int]) -> str:
    """Which stored spelling stands for ``outlet`` among ``counts`` (stored spelling -> articles stored under it):
    ``outlet`` itself when stored so; else, of the spellings it folds to (``outlet_key``), the one most articles are
    stored under, the first in code-point order on a tie; else ``outlet`` as given. The one rule for every lookup
    of a typed outlet, whatever it looks among: the reader's whole store (``as_stored``), the outlets of one story
    (`stories show --outlet`), the CLI's "did you mean". With 德国之声 and 德國之聲 both stored, the reader took the
    first sorted and `stories show` the last (polish70)."""
    if not outlet or counts.get(outlet):
        return outlet
    key = outlet_key(outlet)
    return min((name for name in counts if outlet_key(name) == key), key=lambda name: (-counts[name], name),
               default=outlet)


def as_stored(store: Store, outlet: str) -> str:
    """The store's spelling of an outlet typed another way (美國之音, "VOA" for 美国之音: ``spelling_shown``), else
    ``outlet`` as given. The reader's menus use the stored names, but a typed or shared address in the other script
    was a 404 and a search limited to it found nothing, while the CLI suggested the stored name (safety70). One
    function for the reader's pages, its JSON API and `sources add`'s warning, so they cannot fold differently."""
    if not outlet or store.count_articles(outlet):
        return outlet
    return spelling_shown(outlet, outlet_counts(store))


def spelt_as_among(store: Store, typed: Iterable[str], names: Iterable[str]) -> list[str]:
    """Each ``typed`` outlet as spelt among ``names`` (a story's outlets: `stories show --outlet`, the JSON API's
    comparison), by the rule ``as_stored`` follows for the whole store (``spelling_shown``); a name none of them
    folds to stays as typed. Counted one outlet at a time (an index lookup each): the whole store's counts took
    0.15 s on 62,920 articles."""
    reporting = {name: store.count_articles(name) for name in names}
    return [spelling_shown(name, reporting) for name in typed]


def outlet_counts(store: Store) -> dict[str, int]:
    """Each outlet of the stored articles -> how many articles are stored under it."""
    return store.count_by_outlet()


def outlet_names(store: Store) -> list[str]:
    """The outlets of the stored articles, sorted."""
    return sorted(outlet_counts(store))


def article_summary(article: Article) -> dict[str, str | datetime | None]:
    """The fields that list an article: the reader's API (``web.api.summary_of``, which adds the reader's page) and
    `newsmirror search --json` (no reader running) take them from here, so the two cannot drift apart. The original URL
    only when http(s), else "", as every built output gives it (a client linking it cannot be handed javascript:)."""
    return {"id": article.id, "outlet": article.outlet, "title": article.title, "channel": article.channel,
            "published_at": article.published_at, "original_url": http_url(article.original_url),
            "script": article.script}


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
    def refresh_article(self, article: Article) -> bool:
        """Rewrite in place what extraction reads of a text the store holds as the matched article's current version
        (the same content hash): its date, authors, editors, images, tags, markup, channel, script and summary, as a
        newer extractor read them from the same document (``import --reread``). No version, no event; the id, URLs,
        outlet, source, first sighting, version number and ``updated_at`` are kept, and the current version's date
        follows the article's. Matched as :meth:`upsert_article` matches; the stored id is written back to
        ``article.id``. True when a field changed (the article's content mark then changes: :meth:`article_hashes`);
        False when nothing did, no article matched, or its current text is another (an older copy's file). A changed
        caption or date drops the stored comparisons of the article's stories (``rows.compared_reading_changed``)."""

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def find_article_id(self, *, url: str | None = None, guid: str | None = None,
                        source_id: str | None = None) -> str | None: ...

    @abc.abstractmethod
    def iter_articles(self, query: ArticleQuery | None = None) -> Iterator[Article]: ...

    @abc.abstractmethod
    def count_articles(self, outlet: str | None = None) -> int: ...

    def article_hashes(self) -> list[tuple[str, str]]:
        """(id, content mark) of every article, newest first (as ``iter_articles``): what a
        build needs to tell which articles changed without reading them. The mark is the content
        hash, followed by when the article's fields were last refreshed in place
        (:meth:`refresh_article`) if ever: a refresh changes what a page shows, not the hash."""
        return [(a.id, a.content_hash) for a in self.iter_articles()]

    @abc.abstractmethod
    def versions(self, article_id: str) -> list[Version]: ...

    def version_hashes(self, article_id: str) -> list[str]:
        """The content hash of each stored version of an article, oldest first (empty for an unknown id): whether a
        file's text is one of them, without reading (and inflating) every version's bodies. SQL answers from one
        column (``SqlStore``)."""
        return [version.content_hash for version in self.versions(article_id)]

    def article_origin(self, article_id: str) -> str | None:
        """The file or address an article was read from (``Article.origin``), None for an unknown id: what
        `import --reread` compares, without reading (and inflating) the article's text. SQL answers from one column
        (``SqlStore``)."""
        article = self.get_article(article_id)
        return None if article is None else article.origin

    @abc.abstractmethod
    def stats(self) -> dict[str, object]:
        """Counts for `newsmirror stats`: articles, versions, per outlet, per channel, sources, stories."""

    @abc.abstractmethod
    def count_by_outlet(self) -> dict[str, int]:
        """Each outlet of the stored articles -> how many are stored under it, most first (``stats``' "by_outlet"
        alone: every reader page lists the outlets, and the whole of ``stats`` took 0.14 s on 62,920 articles)."""

    @abc.abstractmethod
    def count_by_outlet_between(self, since: datetime, until: datetime) -> dict[str, int]:
        """Each outlet with articles published from ``since`` up to (not including) ``until`` -> how many: which
        outlets published while a story was reported (publish.absent; one indexed range, not a scan)."""

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
    def list_stories(self, min_outlets: int = 1, limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stories of at least ``min_outlets`` outlets (of their own reports: a republished copy's outlet is not
        counted, as the story's page does not name it), newest report first; ``offset`` skips that many (a reader's
        later pages)."""

    @abc.abstractmethod
    def story_sizes(self, min_outlets: int = 2, limit: int | None = 500) -> list[StorySize]:
        """The sizes of the ``limit`` newest stories (None: every one) of at least ``min_outlets`` outlets, in
        ``list_stories``' order (newest report first): without reading a story or an article."""

    def story_spans(self, story_ids: Sequence[str]) -> dict[str, tuple[datetime | None, datetime | None]]:
        """Each story's first and last report time (publication, copies included as ``list_stories`` orders by
        them): the reader's story list says when a story was reported (reader79). A story with no dated member
        maps to (None, None); an unknown id is left out. A backend answers in one statement (``SqlStore``)."""
        spans: dict[str, tuple[datetime | None, datetime | None]] = {}
        for story_id in story_ids:
            story = self.get_story(story_id)
            if story is None:
                continue
            times = [a.published_at for a in map(self.get_article, story.article_ids) if a and a.published_at]
            spans[story_id] = (min(times), max(times)) if times else (None, None)
        return spans

    def story_title_scripts(self, story_ids: Sequence[str]) -> dict[str, str]:
        """Each story's title's script: the stored script of the report whose title the story carries (grouping
        gives a story one of its reports' titles), else of its first report; where not stored, as the title's own
        characters tell (``title_script``; "und" when they do not). A list of stories marks each
        title by it on a page of both scripts (reader80 left titles unmarked). An unknown id, or a story without a
        report, is left out. A backend answers in one statement (``SqlStore``)."""
        scripts: dict[str, str] = {}
        for story_id in story_ids:
            story = self.get_story(story_id)
            reports = [(a.title, a.script) for a in map(self.get_article, story.article_ids) if a] if story else []
            if story is not None and reports:
                scripts[story_id] = title_script(story.title, reports)
        return scripts

    def stories_and_reports(self, min_outlets: int = 1) -> tuple[list[Story], dict[str, list[tuple[str, str, str]]] | None]:
        """``list_stories(min_outlets)`` and ``story_report_hashes()`` together (a build needs both,
        for every story); None for the second when the backend stores no comparisons."""
        stories = self.list_stories(min_outlets)
        try:
            return stories, self.story_report_hashes()
        except NotImplementedError:
            return stories, None

    # -- stories: comparisons computed when grouping -------------------------
    def story_report_hashes(self, story_ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, str, str]]]:
        """story id -> (article id, outlet, content hash) of each of its own reports (copies
        left out), oldest first as ``story_members``; every story when ``story_ids`` is None.
        What a stored comparison's fingerprint is made of, without reading any article."""
        raise NotImplementedError(f"{type(self).__name__} stores no story comparisons")

    def story_comparison(self, story_id: str) -> tuple[str, bytes] | None:
        """(fingerprint, serialised comparison) stored for the story, or None."""
        raise NotImplementedError(f"{type(self).__name__} stores no story comparisons")

    def story_comparison_fingerprints(self) -> dict[str, str]:
        """story id -> fingerprint of every stored comparison (to find the stale ones at once)."""
        raise NotImplementedError(f"{type(self).__name__} stores no story comparisons")

    def story_comparison_marks(self, story_ids: Sequence[str] | None = None) -> dict[str, str]:
        """story id -> what tells its stored comparison from another stored under the same fingerprint (the fingerprint,
        when it was computed, its size): a story page made from it is made again when it changes (the site build), as
        when its reports do. A received store may replace a comparison under the same reports (safety76). Of every
        stored comparison, or of ``story_ids``' only."""
        raise NotImplementedError(f"{type(self).__name__} stores no story comparisons")

    def save_story_comparison(self, story_id: str, fingerprint: str, data: bytes) -> None:
        """Store (or replace) a story's comparison; nothing happens when the story is gone."""
        raise NotImplementedError(f"{type(self).__name__} stores no story comparisons")

    # -- stories: the complete-story join's state ----------------------------
    @abc.abstractmethod
    def story_joins(self, story_ids: Sequence[str]) -> dict[str, StoryJoin]:
        """story id -> its stored join state, for those of ``story_ids`` the join has judged."""

    @abc.abstractmethod
    def save_story_joins(self, joins: Sequence[StoryJoin]) -> None:
        """Store (or replace) join states; a story not stored (merged away meanwhile) gets none. A story's state
        goes with it (a story emptied by a merge loses its row and its state)."""

    # -- search ----------------------------------------------------------------
    @abc.abstractmethod
    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Articles whose title matches the query first, then newest ``published_at`` first
        (undated last), then article id: the same order on every backend. A query typed without
        spaces (``ParsedQuery.phrases``) first has the articles holding it as typed (title, then
        elsewhere), then the others in that order. ``SearchHit.score`` says which rank (4 to 1; 2 and 1
        without such a query). Backends implement it with their own index of ``text.search_key.search_key``."""

    @abc.abstractmethod
    def count_search(self, query: SearchQuery) -> int:
        """How many articles match ``query`` (ignores limit and offset)."""

    # -- archive imports ---------------------------------------------------------
    def batch(self) -> AbstractContextManager[None]:
        """Group many writes into one transaction where the backend can (imports write in batches)."""
        return nullcontext()

    def known_files(self, hashes: Sequence[str]) -> dict[str, tuple[str | None, str, str]]:
        """Of these archive-file hashes, those imported before: hash -> (article id or None,
        reason it was skipped, file kind). A backend without the table knows none."""
        return {}

    def remember_files(self, entries: Sequence[tuple[str, str | None, str, str]]) -> None:
        """Record imported files as (hash, article id or None, skip reason, file kind)."""
        return None  # a backend without the table remembers nothing: every file is read again

    # -- stories: grouping -----------------------------------------------------
    @abc.abstractmethod
    def unassigned_article_ids(self, limit: int | None = None) -> list[str]:
        """Ids of articles in no story yet, oldest first (by publication time, else fetch time)."""

    # --- recheck: edit and deletion tracking ----------------------------------
    def due_checks(self, now: datetime, *, limit: int = 100, outlet: str | None = None,
                   first_check_after: timedelta = timedelta(minutes=30)) -> list[DueCheck]:
        """Articles with an http(s) URL whose re-check is due at ``now``, most overdue first (by the time each is due;
        ties by article id).

        Never-checked articles are due ``first_check_after`` after they were first seen.
        """
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    def next_check_due(self, *, outlet: str | None = None,
                       first_check_after: timedelta = timedelta(minutes=30)) -> datetime | None:
        """When :meth:`due_checks` next finds an article due (its condition solved for the time: the earliest
        schedule, or the earliest first sighting of a never-checked article plus ``first_check_after``), already
        past when one is due now; None when no article can be re-checked."""
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

    def kept_versions(self, *, outlet: str | None = None, limit: int = 3) -> tuple[int, list[str]]:
        """Articles with 2+ versions no re-check recorded as an edit (an import or a fetch kept another title or
        text of the article: `stats` counts them as edited, `changes` lists only recorded events): how many, and
        the ids of the ``limit`` last updated."""
        raise NotImplementedError(f"{type(self).__name__} does not track edits yet")

    # --- postgres helper: job queue and bulk copy -------------------------------
    # A lease is (lease_owner, lease_expires_at): complete/fail/renew only act while the caller
    # still holds it, so a worker that lost its lease (it stalled, another worker took over)
    # cannot overwrite the new owner's result. A renewal also needs the lease live: once expired
    # the job is free (claimable, off its host's count), and a renewal would revive it beside a
    # lease another worker took meanwhile on the same host. Completing or failing a lease that
    # expired but that nobody claimed since is still recorded: its result is the only one.

    def enqueue_job(self, kind: str, key: str, host: str = "", due_at: datetime | None = None) -> Job:
        """Add a job, or re-arm an existing (kind, key): a finished job becomes due again at
        ``due_at``; a pending one becomes due at the earlier of the two times; a running one
        (leased) runs again at ``due_at`` after it completes. Default: now."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def claim_jobs(self, worker_id: str, kinds: list[str] | None = None, limit: int = 1,
                   lease_seconds: float = 300, per_host_limit: int | None = None) -> list[Job]:
        """Lease up to ``limit`` due jobs (all kinds when ``kinds`` is None), earliest due first.
        Jobs whose lease expired are due again. With ``per_host_limit``, no host ever has more
        live leases than that, across all workers."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def complete_job(self, job: Job, next_due_at: datetime | None = None) -> bool:
        """Release the lease: done, or (recurring jobs) due again at ``next_due_at``.
        False when the lease was lost and someone else owns the job now."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def fail_job(self, job: Job, error: str, retry_at: datetime | None) -> bool:
        """Release the lease recording ``error``; retried at ``retry_at``, or given up (done) if None."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def renew_lease(self, job: Job, lease_seconds: float) -> bool:
        """Extend a held lease (a long job's heartbeat); updates ``job.lease_expires_at``. False when the lease
        expired or another claim took it over: the caller no longer holds it."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def get_job(self, kind: str, key: str) -> Job | None:
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def queue_status(self, kinds: list[str] | None = None) -> QueueStatus:
        """What the queue holds for these kinds right now: due jobs per host, live leases per
        host, running jobs, the next due time. For telling why a worker is idle."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def job_counts(self) -> dict[str, int]:
        """pending (due or not), due, leased, done: for `newsmirror stats` and monitoring."""
        raise NotImplementedError(f"{type(self).__name__} has no job queue")

    def copy_tables(self) -> list[str]:
        """Tables holding primary data, parents before children (what `newsmirror migrate` copies;
        derived indexes and bookkeeping are left out and rebuilt by :meth:`finish_bulk_load`)."""
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")

    def table_columns(self, table: str) -> list[str]:
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")

    def count_rows(self, table: str) -> int:
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")

    def iter_rows(self, table: str, columns: list[str], batch_size: int = 1000) -> Iterator[list[tuple[object, ...]]]:
        """All rows of a table in batches, in primary-key order."""
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")

    def insert_rows(self, table: str, columns: list[str], rows: list[tuple[object, ...]],
                    skip_existing: bool = False) -> None:
        """Insert rows as they are (ids included), in one transaction. ``skip_existing``: rows
        whose key is already there are left alone (continuing an interrupted copy)."""
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")

    def finish_bulk_load(self, progress: Callable[[str, int, int], None] | None = None) -> None:
        """After :meth:`insert_rows`: rebuild derived data (search index, id sequences) and
        refresh the planner's statistics, reporting ``progress(step, done, total)``. Builds only
        what is missing, so a repeated call continues an interrupted one."""
        raise NotImplementedError(f"{type(self).__name__} cannot be migrated")
