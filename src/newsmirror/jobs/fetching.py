"""Fetch due sources: feed -> items -> (page) -> extract -> store, one source never stopping another.

Resumable by construction: every article is stored in its own transaction as soon as it is
extracted, and a feed's validators (ETag/Last-Modified) are saved only after all of its items
were stored, so a run killed at any moment re-reads the same feed next time and the store's
GUID/URL/content-hash matching turns what was already stored into "unchanged".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from newsmirror.config import FetchSettings
from newsmirror.errors import ConfigError, NewsmirrorError
from newsmirror.extract.urls import canonical_url
from newsmirror.fetch import (
    ConnectionFailed,
    DeadlineExceeded,
    FetchAborted,
    Fetcher,
    FetchTimeout,
    PrivateAddress,
    RateLimited,
    TransientFetchError,
)
from newsmirror.fetch.addresses import source_hosts
from newsmirror.ingest.feeds import FeedItem, FeedParseError, discover_feeds, parse_feed
from newsmirror.ingest.pages import fetch_page
from newsmirror.jobs.recheck import remember_fetched_page
from newsmirror.model import Article, DocumentKind, RawDocument, Source, UpsertOutcome, utcnow
from newsmirror.store.base import FeedState, Store, outlet_key
from newsmirror.store.packed import BodyTooLarge

if TYPE_CHECKING:
    from newsmirror.jobs.update import UpdateReport

ExtractFn = Callable[[RawDocument], Article]
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"
# How often the main thread of a fetch run wakes to run a pending Ctrl-C (FetchJob.run).
WAKE_SECONDS = 0.2


@dataclass(slots=True)
class SourceReport:
    source: Source
    status: str = "ok"  # ok | not modified | failed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0  # items that could not be fetched or extracted
    read: int = 0  # items read this poll (new, updated or found unchanged after reading; not those skipped as stored)
    retryable: int = 0  # of those, the ones worth retrying (timeouts, 5xx): the feed is re-read next time
    error: str = ""
    consecutive_failures: int = 0
    backing_off: bool = False  # failed failure_threshold times in a row: polled less often, still kept
    unreachable: bool = False  # failed with no answer from its server (no connection, timed out): the network's?
    next_due_at: datetime | None = None
    item_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The feed state's last check as the poll read it before checking, and the check it recorded (None: the poll was
    # interrupted and recorded none): what a worker needs to tell whether another process polled the source since
    # its own last poll (``jobs.worker._WarningsSaid``), without reading the feed state again before and after.
    checked_before: datetime | None = None
    checked_at: datetime | None = None

    @property
    def every_item_failed(self) -> bool:
        """The feed answered, but every item it had to read this poll failed (its pages blocked, moved or down):
        nothing new came from the source, as when the feed itself fails (`fetch`'s exit status counts it so)."""
        return self.status != "failed" and self.failed > 0 and self.read == 0


@dataclass(slots=True)
class FetchReport:
    sources: list[SourceReport] = field(default_factory=list)
    not_due: int = 0  # enabled sources skipped because their next poll is later

    def total(self, name: str) -> int:
        return sum(int(getattr(report, name)) for report in self.sources)

    @property
    def failed_sources(self) -> list[SourceReport]:
        """Sources that gave nothing: the feed failed, or every item it listed that had to be read failed."""
        return [r for r in self.sources if r.status == "failed" or r.every_item_failed]


class Interrupted(NewsmirrorError):
    """The run was stopped (Ctrl-C) while this source was being read."""


def default_extractor() -> ExtractFn:
    try:
        from newsmirror.extract import extract_article
    except ImportError as exc:  # the extract stage is developed on its own branch
        raise ConfigError(f"the extract stage is not available ({exc}); install newsmirror completely") from exc
    return extract_article


def due_sources(store: Store, now: datetime | None = None, *, source_ids: list[str] | None = None,
                force: bool = False) -> tuple[list[Source], int]:
    """(sources to poll now, how many enabled ones are not due yet)."""
    now = now or utcnow()
    if source_ids:
        chosen = []
        for source_id in source_ids:
            source = store.get_source(source_id)
            if source is None:
                raise ConfigError(f"no source with id {source_id!r}; `newsmirror sources list` shows them")
            chosen.append(source)
        return chosen, 0
    due, waiting = [], 0
    for source in store.list_sources(enabled_only=True):
        state = store.get_feed_state(source.id)
        if force or state.next_due_at is None or state.next_due_at <= now:
            due.append(source)
        else:
            waiting += 1
    return due, waiting


class FetchJob:
    """One run over a set of sources. Thread-safe store access; per-host politeness in the Fetcher."""

    def __init__(self, store: Store, settings: FetchSettings, *, fetcher: Fetcher | None = None,
                 extract: ExtractFn | None = None) -> None:
        self.store = store
        self.settings = settings
        self.extract = extract or default_extractor()
        self._own_fetcher = fetcher is None
        self.fetcher = fetcher or Fetcher(settings)
        self._store_lock = threading.Lock()
        self._seen_lock = threading.Lock()
        self._seen_urls: set[str] = set()  # canonical URLs handled in this run (one article, many feeds)
        self._stop = threading.Event()

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    def run(self, sources: list[Source], progress: Callable[[SourceReport], None] | None = None) -> FetchReport:
        report = FetchReport()
        if not sources:
            return report
        workers = max(1, min(self.settings.total_concurrency, len(sources)))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch")
        try:
            pending = {pool.submit(self.poll_source, source) for source in sources}
            while pending:
                # Woken every WAKE_SECONDS so that this (the main) thread runs a Ctrl-C's handler: a SIGINT the
                # kernel gives one of the pool's threads is only marked pending, and a wait without a timeout held
                # it until some source ended (a feed that never answers: its 60 s request deadline).
                done, pending = wait(pending, timeout=WAKE_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    source_report = future.result()
                    report.sources.append(source_report)
                    if progress is not None:
                        progress(source_report)
        except BaseException:
            # Ctrl-C: workers finish the article in hand (each is its own transaction) and stop. A request under
            # way is cut (FetchAborted): waiting for a server that never answers held Ctrl-C for its timeouts and
            # retries. A fetcher given by the caller (a worker's, shared by its jobs) is the caller's to stop.
            self._stop.set()
            if self._own_fetcher:
                self.fetcher.abort()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        order = {source.id: n for n, source in enumerate(sources)}
        report.sources.sort(key=lambda r: order[r.source.id])
        return report

    # -- one source -------------------------------------------------------------------------------
    def poll_source(self, source: Source) -> SourceReport:
        report = SourceReport(source=source)
        with self._store_lock:
            state = self.store.get_feed_state(source.id)
        report.checked_before = state.last_checked_at
        started = utcnow()
        try:
            if source.kind == "page":
                self._poll_page(source, report)
                complete = True
                validators: tuple[str | None, str | None] = (None, None)
            else:
                complete, validators = self._poll_feed(source, state, report)
        except (Interrupted, FetchAborted) as exc:
            report.status, report.error = "interrupted", str(exc)
            return report  # validators untouched: the next run re-reads the feed
        except NewsmirrorError as exc:
            self._record_failure(state, report, exc, started)
            return report
        except Exception as exc:  # noqa: BLE001 - a bug on one feed must not stop the others
            self._record_failure(state, report, exc, started, unexpected=True)
            return report
        state.last_checked_at = started
        state.last_success_at = started
        state.consecutive_failures = 0
        state.last_error = ""
        if complete:
            state.etag, state.last_modified = validators
        else:
            # Some items failed: forget the validators so the next poll re-reads the whole feed
            # and retries them, instead of a 304 hiding them for good.
            state.etag = state.last_modified = None
        state.next_due_at = started + timedelta(minutes=source.interval_minutes)
        report.next_due_at = state.next_due_at
        with self._store_lock:
            self.store.save_feed_state(state)
        report.checked_at = started
        return report

    def _record_failure(self, state: FeedState, report: SourceReport, exc: Exception, started: datetime,
                        unexpected: bool = False) -> None:
        state.consecutive_failures += 1
        state.last_checked_at = started
        state.last_error = (f"unexpected {type(exc).__name__}: {exc}" if unexpected else str(exc))[:500]
        interval = timedelta(minutes=report.source.interval_minutes)
        backoff = min(interval * 2 ** min(state.consecutive_failures - 1, 16),
                      timedelta(minutes=self.settings.failure_backoff_max_minutes))
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            backoff = max(backoff, timedelta(seconds=exc.retry_after))
        state.next_due_at = started + max(backoff, interval)
        report.status = "failed"
        # No answer at all (no connection, no byte in time): perhaps the network's. A server that answered but
        # sent too slowly for the request's deadline (DeadlineExceeded) is the server's: "check the network" sent
        # the operator looking at a network that worked.
        report.unreachable = isinstance(exc, ConnectionFailed | FetchTimeout) and not isinstance(exc, DeadlineExceeded)
        report.error = state.last_error
        report.consecutive_failures = state.consecutive_failures
        report.backing_off = state.consecutive_failures >= self.settings.failure_threshold
        report.next_due_at = state.next_due_at
        with self._store_lock:
            self.store.save_feed_state(state)
        report.checked_at = started

    def _poll_feed(self, source: Source, state: FeedState,
                   report: SourceReport) -> tuple[bool, tuple[str | None, str | None]]:
        result = self.fetcher.get(source.url, etag=state.etag, last_modified=state.last_modified,
                                  accept=FEED_ACCEPT)
        if result.not_modified:
            report.status = "not modified"
            return True, (state.etag, state.last_modified)
        parsed = parse_feed(result.content_bytes, feed_url=result.final_url, source=source,
                            content_type=result.content_type,
                            full_text_min_chars=self.settings.full_text_min_chars, fetched_at=utcnow())
        report.warnings.extend(parsed.warnings)
        for item in parsed.items:
            if self._stop.is_set():
                raise Interrupted(f"{source.url}: interrupted; the next run resumes this feed")
            self._handle_item(source, item, report)
        # A 404 or an unreadable page fails the same way next time; only transient failures
        # are worth giving up the 304 for. A page missing for a while (published after its feed item) is asked again
        # when the feed next changes, as the item is then read again: a delay, no loss. Giving the validators up for
        # it would re-read the whole feed and ask every missing page at every poll, for good (polish77, left).
        return report.retryable == 0, (result.etag, result.last_modified)

    def _poll_page(self, source: Source, report: SourceReport) -> None:
        try:
            document = fetch_page(self.fetcher, source.url, source=source)
            self._store(source, document, report)
        except (TransientFetchError, FetchAborted):
            raise
        except NewsmirrorError as exc:
            report.failed += 1
            report.item_errors.append(str(exc))

    def _handle_item(self, source: Source, item: FeedItem, report: SourceReport) -> None:
        document = item.document
        key = canonical_url(item.link) if item.link else ""
        if not item.has_full_text:
            if not item.link:
                report.failed += 1
                report.item_errors.append(f"item {document.guid or document.title_hint!r} has no text and no link")
                return
            if self._already_stored(source, document, key):
                report.unchanged += 1  # pages are re-checked for edits by the recheck job, not on every poll
                return
            try:
                # The item link is the feed's word: a feed linking http://169.254.169.254/ or a service on the
                # fetching machine would have its answer stored and published as an article.
                document = fetch_page(self.fetcher, item.link, hints=document, source=source,
                                      public_only=source_hosts([source.url]))
            except FetchAborted:
                raise  # stopping: not a failed item
            except NewsmirrorError as exc:
                report.failed += 1
                report.retryable += isinstance(exc, TransientFetchError)
                report.item_errors.append(str(exc))
                return
        elif key:
            with self._seen_lock:
                if key in self._seen_urls:
                    report.unchanged += 1
                    return
        self._store(source, document, report, key)

    def _other_outlets_copy(self, source: Source, article: Article) -> Article | None:
        """The stored article ``article`` would replace (same id or address) when another outlet's and not read from
        ``source``; else None. The same outlet's other feeds and this source's own earlier copies update it; one
        outlet spelled two ways by two sources (德国之声, 德國之聲: ``outlet_key``) is one outlet, and its copy keeps
        the spelling the article was stored under (its listings and stories do not move between two names)."""
        for found in dict.fromkeys(i for i in (article.id, self.store.find_article_id(url=article.canonical_url)) if i):
            stored = self.store.get_article(found)
            if stored is None or stored.outlet == article.outlet:
                continue
            if outlet_key(stored.outlet) == outlet_key(article.outlet):
                article.outlet = stored.outlet
            elif stored.source_id != source.id:
                return stored
        return None

    def _already_stored(self, source: Source, document: RawDocument, key: str) -> bool:
        with self._seen_lock:
            if key and key in self._seen_urls:
                return True
        with self._store_lock:
            if document.guid and self.store.find_article_id(guid=document.guid, source_id=source.id):
                return True
            return bool(key and self.store.find_article_id(url=key))

    def _store(self, source: Source, document: RawDocument, report: SourceReport, key: str = "") -> None:
        try:
            article = self.extract(document)
        except NewsmirrorError as exc:
            report.failed += 1
            report.item_errors.append(f"{document.url or document.guid}: {exc}")
            return
        except Exception as exc:  # noqa: BLE001 - one unreadable page never stops the feed
            report.failed += 1
            report.item_errors.append(f"{document.url or document.guid}: extraction crashed: {type(exc).__name__}: {exc}")
            return
        article.source_id = source.id
        article.guid = article.guid or document.guid
        with self._store_lock:
            owner = self._other_outlets_copy(source, article)
            if owner is not None:
                # A feed's item link is whatever the feed says: one source's feed naming another outlet's article
                # would replace that article (its outlet, title and text, recorded as an edit of it). The stored
                # copy stays; this source's is not stored.
                report.unchanged += 1
                warning = (f"{article.original_url}: stored already as {owner.outlet}'s article {owner.id}; "
                           f"{source.outlet}'s copy ({source.id}) is not stored over it")
                # Said once, by whoever reads the report: `fetch` and `run` on stderr, the worker in its log
                # (jobs.worker._log_failures). Logged here as well, it reached a CLI's stderr a second time, raw.
                report.warnings.append(warning)
                return
            try:
                outcome = self.store.upsert_article(article)
            except BodyTooLarge as exc:  # this article's size, not the store's state: an item failure
                report.failed += 1
                report.item_errors.append(str(exc))
                return
            if outcome is UpsertOutcome.NEW and document.kind is DocumentKind.WEB_PAGE:
                # Read from its page: its first re-check tells an edit made meanwhile from a baseline (jobs.recheck).
                remember_fetched_page(self.store, article)
        with self._seen_lock:
            self._seen_urls.update(u for u in (key, article.canonical_url) if u)
        report.read += 1
        if outcome is UpsertOutcome.NEW:
            report.new += 1
        elif outcome is UpsertOutcome.UPDATED:
            report.updated += 1
        else:
            report.unchanged += 1


def fetch_sources(store: Store, settings: FetchSettings | None = None, *, source_ids: list[str] | None = None,
                  force: bool = False, fetcher: Fetcher | None = None, extract: ExtractFn | None = None,
                  progress: Callable[[SourceReport], None] | None = None,
                  on_start: Callable[[int], None] | None = None) -> FetchReport:
    """Poll every due source (or the given ones) once; see FetchJob."""
    settings = settings or FetchSettings()
    sources, not_due = due_sources(store, source_ids=source_ids, force=force)
    if on_start is not None:
        on_start(len(sources))
    job = FetchJob(store, settings, fetcher=fetcher, extract=extract)
    try:
        report = job.run(sources, progress)
    finally:
        job.close()
    report.not_due = not_due
    return report


def build_outputs(store: Store, out_dir: Path, *, config: str | Path | None = None,
                  progress: Callable[[int, int, str], None] | None = None) -> UpdateReport:
    """The last step of `newsmirror run`: group new articles into stories and build every output with the
    ``[publish]`` table of ``config`` (the file `run --config` names, as its fetch reads its ``[fetch]`` table;
    None: $NEWSMIRROR_CONFIG, else ./newsmirror.toml) (``progress``: done, total, phase). The report, not only its
    summary: `run` exits as `build` does when a page failed to render."""
    from newsmirror.jobs.update import group_and_build  # after fetching in the job order

    return group_and_build(store, out_dir, config=config, progress=progress)


def resolve_feed_url(url: str, settings: FetchSettings | None = None, *, fetcher: Fetcher | None = None) -> str:
    """The feed behind a URL: the URL itself when it is a feed, else the first feed its page advertises."""
    own = fetcher is None
    client = fetcher or Fetcher(settings or FetchSettings())
    refused: list[str] = []  # advertised feeds on a private address, named in the error
    try:
        result = client.get(url, accept=FEED_ACCEPT)
        try:
            parse_feed(result.content_bytes, feed_url=result.final_url, content_type=result.content_type)
            return result.final_url
        except FeedParseError:
            pass
        for candidate in discover_feeds(result.text, result.final_url):
            try:
                # A feed the page advertises is the page's word (the page's own host aside), and once found it is
                # added as a source, whose host is then trusted as the operator's: only public addresses.
                found = client.get(candidate, accept=FEED_ACCEPT,
                                   public_only=source_hosts([url, result.final_url]))
                parse_feed(found.content_bytes, feed_url=found.final_url, content_type=found.content_type)
            except PrivateAddress as exc:
                refused.append(str(exc))
                continue
            except NewsmirrorError:
                continue
            return found.final_url
    finally:
        if own:
            client.close()
    # A refused feed was never asked: "no working feed" alone sent the operator looking at the page, not the policy.
    why = "" if not refused else f". Not asked: {refused[0]}" + (f" (and {len(refused) - 1} more)" if len(refused) > 1 else "")
    raise ConfigError(f"{url} is not a feed and its page advertises no working feed; give the feed URL directly{why}")
