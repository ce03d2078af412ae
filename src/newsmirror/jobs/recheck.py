"""Re-check stored articles: detect edits, takedowns and restorations, and keep every version.

Each due article is fetched again with a conditional GET. A 304, or a page whose article
has the same fingerprint as last time, is unchanged. A changed fingerprint is an edit: the
new text becomes a new Version and an ``edited`` event. 404/410/451, a redirect to a front
or section page, or a "content not found" page is a takedown; a page that comes back after
that is a restoration. Fetching runs in a thread pool; extraction and store writes happen
on the calling thread, one article at a time, so a bad page never stops the run.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

import lxml.html

from newsmirror.errors import NewsmirrorError
from newsmirror.fetch.addresses import source_hosts
from newsmirror.fetch.errors import FetchAborted, PrivateAddress
from newsmirror.jobs.recheck_rules import (
    Classification,
    RecheckPolicy,
    Verdict,
    classify_status,
    is_redirected,
    looks_like_home_or_list,
    lost_article,
    not_found_message,
    page_fingerprint,
    page_title,
    raw_page_parts,
    similarity,
    strip_page_noise,
)
from newsmirror.model import Article, DocumentKind, RawDocument, UpsertOutcome, utcnow
from newsmirror.store import Job, Store
from newsmirror.store.changes import ArticleEvent, CheckOutcome, CheckState, DueCheck, EventKind, event_reason
from newsmirror.text.diff import diff_versions
from newsmirror.text.volatile import drop_volatile_lines, is_volatile_line

if TYPE_CHECKING:
    from newsmirror.config import FetchSettings

# Below this similarity to the last version, a redirected page is another page, not the article moved.
_MOVED_SIMILARITY = 0.5
# How often the main thread of a re-check run wakes to run a pending Ctrl-C (_aborted).
WAKE_SECONDS = 0.2


class PageResult(Protocol):
    """The part of newsmirror.fetch.FetchResult a check reads."""

    status: int
    final_url: str
    text: str
    etag: str | None
    last_modified: str | None
    not_modified: bool


class PageFetcher(Protocol):
    """newsmirror.fetch.Fetcher, or anything with its ``get`` (benchmarks, tests)."""

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None, *,
            raise_for_status: bool = True, public_only: frozenset[str] | None = None) -> PageResult: ...


Extractor = Callable[[RawDocument], Article]


@dataclass(slots=True)
class CheckReport:
    article_id: str
    url: str
    outlet: str
    title: str
    outcome: CheckOutcome
    detail: str = ""  # the operator's record: an event's stored detail, or why the check failed
    http_status: int | None = None
    version: int | None = None
    events: list[ArticleEvent] = field(default_factory=list)  # the edit, takedown or return this check recorded
    # The check failed because the address leads to a private network (fetch.addresses): never asked, so no sign
    # of the network being down; the operator's remedy is an allowance, not a wait.
    private_address: bool = False

    @property
    def reason(self) -> str:
        """What the pages say of this check: each event it recorded as readers are told it (store.changes.event_reason:
        找不到网页（HTTP 404）, 网页已恢复, 标题已改 …); a check that recorded none (a failure, an unchanged page) its
        detail.

        Each fact is said once: a page back at a new address and edited is two events that each keep where it now is
        (the changes lists and feeds show them one by one), and the check's one line names the address once
        (网页已恢复，现位于 URL；标题已改, not …；标题已改；现位于 URL)."""
        if not self.events:
            return self.detail
        said: list[str] = []
        for event in self.events:
            earlier = {part for line in said for part in re.split("[；，]", line)}
            pieces = [piece for piece in event_reason(event).split("；") if piece not in earlier]
            if pieces:
                said.append("；".join(pieces))
        return "；".join(said)


@dataclass(slots=True)
class RecheckSummary:
    reports: list[CheckReport] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    # The fetcher was stopped (a worker stopping): the checks not reported were not recorded and stay due as they were.
    stopped: bool = False

    @property
    def counts(self) -> Counter[CheckOutcome]:
        return Counter(report.outcome for report in self.reports)

    @property
    def checks_per_second(self) -> float:
        return len(self.reports) / self.elapsed_seconds if self.elapsed_seconds > 0 else 0.0


def default_extractor() -> Extractor:
    from newsmirror.extract import extract_article

    return extract_article


def recheck_due(
    store: Store,
    fetcher: PageFetcher,
    *,
    now: datetime | None = None,
    limit: int = 200,
    outlet: str | None = None,
    policy: RecheckPolicy | None = None,
    extract: Extractor | None = None,
    workers: int = 8,
    on_report: Callable[[CheckReport], None] | None = None,
) -> RecheckSummary:
    """Check the articles that are due at ``now`` (at most ``limit``), most overdue first."""
    policy = policy or RecheckPolicy()
    now = now or utcnow()
    due = store.due_checks(now, limit=limit, outlet=outlet, first_check_after=policy.first_check_after)
    return recheck(store, fetcher, due, now=now, policy=policy, extract=extract, workers=workers,
                   on_report=on_report)


def due_now(store: Store, article_ids: Iterable[str]) -> list[DueCheck]:
    """DueChecks for chosen articles, whatever their schedule (``recheck --article``)."""
    due = []
    for article_id in article_ids:
        article = store.get_article(article_id)
        if article is None:
            raise NewsmirrorError(f"no article with id {article_id!r}; `newsmirror stats` shows what is stored")
        url = next((u for u in (article.original_url, article.canonical_url) if u.startswith("http")), "")
        if not url:
            raise NewsmirrorError(f"article {article_id} has no http(s) URL to check")
        status = "deleted" if any(e.kind is EventKind.DELETED for e in _latest_status_events(store, article_id)) \
            else "live"
        due.append(DueCheck(article_id=article_id, url=url, outlet=article.outlet, status=status,
                            published_at=article.published_at, first_seen_at=article.fetched_at,
                            state=store.get_check_state(article_id), title=article.title))
    return due


def recheck(
    store: Store,
    fetcher: PageFetcher,
    due: list[DueCheck],
    *,
    now: datetime | None = None,
    policy: RecheckPolicy | None = None,
    extract: Extractor | None = None,
    workers: int = 8,
    on_report: Callable[[CheckReport], None] | None = None,
) -> RecheckSummary:
    policy = policy or RecheckPolicy()
    now = now or utcnow()
    extract = extract or default_extractor()
    summary = RecheckSummary()
    started = time.perf_counter()
    # A stored article's URL is its feed's word, and a full-text item is stored without fetching it: a link to
    # http://169.254.169.254/ or a service on this machine would first be asked here, its answer recorded as an edit
    # and published. Only public addresses, but the configured sources' hosts (and [fetch] private_hosts, which the
    # Fetcher adds): an RSSHub on 127.0.0.1 links its own pages there.
    allowed = source_hosts(source.url for source in store.list_sources())
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="recheck")
    futures: list[tuple[DueCheck, Future[PageResult]]] = []
    try:
        for item in due:
            # raise_for_status=False: a 404 or 410 is an answer here, not a failure.
            futures.append((item, pool.submit(fetcher.get, item.url, etag=item.state.etag,
                                              last_modified=item.state.last_modified, raise_for_status=False,
                                              public_only=allowed)))
        for item, future in futures:
            if _aborted(future):
                # The fetcher was stopped (Worker.stop): a cut page is no failed check (which would count a miss and
                # push the check back), and the pages after it are cut too. Left due as they were, for the next run.
                summary.stopped = True
                pool.shutdown(wait=False, cancel_futures=True)
                break
            try:
                report = apply_check(store, item, future, now=now, policy=policy, extract=extract)
            except NewsmirrorError as exc:  # one broken article never stops the run
                report = _record_error(store, item, now, policy, str(exc), None)
            summary.reports.append(report)
            if on_report:
                on_report(report)
    except BaseException:
        # Ctrl-C (or SIGTERM, which raises it in the main thread only; a worker's jobs run in threads and are never
        # here), also while the pages are being queued: queued pages are dropped, and the pages in flight are not
        # waited for (a pool's exit waited for each, up to its timeouts and retries). Only this thread writes the
        # store, so nothing is left half-recorded: each unrecorded article stays due as it was. The fetcher is the
        # caller's (the command's, which cuts its requests; a worker's, shared by its jobs), as FetchJob leaves it.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    summary.elapsed_seconds = time.perf_counter() - started
    return summary


def _aborted(future: Future[PageResult]) -> bool:
    """The page's fetch was cut by the fetcher's stop (waits for the page)."""
    while not future.done():
        # Woken every WAKE_SECONDS so that this (the main) thread runs a Ctrl-C's handler: a SIGINT the kernel gives
        # one of the pool's threads is only marked pending, and a wait without a timeout held it until the page ended
        # (a page that never answers: its 60 s request deadline).
        wait([future], timeout=WAKE_SECONDS)
    try:
        future.result()
    except FetchAborted:
        return True
    except Exception:  # noqa: BLE001 - any other failure is apply_check's to record (a Ctrl-C here goes up)
        return False
    return False


def apply_check(store: Store, item: DueCheck, future: Future[PageResult], *, now: datetime,
                policy: RecheckPolicy, extract: Extractor) -> CheckReport:
    """Turn one fetched page into an outcome, events, maybe a Version, and the next check time."""
    try:
        result = future.result()
    except Exception as exc:  # noqa: BLE001 - any network failure is an inconclusive check
        report = _record_error(store, item, now, policy, f"{type(exc).__name__}: {exc}", None)
        report.private_address = isinstance(exc, PrivateAddress)
        return report

    state = item.state
    if result.not_modified and item.status != "deleted":
        return _finish(store, item, now, policy, CheckOutcome.UNCHANGED, "HTTP 304", result, live=True)

    verdict = classify_status(result.status)
    if verdict is not None and verdict.verdict is Verdict.ERROR:
        return _record_error(store, item, now, policy, verdict.reason, result)
    if verdict is not None:
        return _gone(store, item, now, policy, verdict.reason, result)

    stored = store.get_article(item.article_id)
    if stored is None:  # removed from the store while we were fetching
        raise NewsmirrorError(f"article {item.article_id} disappeared from the store during the check")
    previous_text = stored.body_text

    page = _extract(extract, result, item, stored)
    text = page.body_text if page is not None else ""
    redirected = is_redirected(item.url, result.final_url)
    lost = page is None or lost_article(previous_text, text)
    message = not_found_message(page.title if page else "", text, previous_text=previous_text)
    if message is None and lost:
        # Extraction may keep only a menu of an error page: look at the whole page for the notice.
        raw_title, raw_text = raw_page_parts(result.text)
        message = not_found_message(raw_title, raw_text, previous_text=previous_text, whole_page=True)
    if message:
        return _gone(store, item, now, policy, f"page says {message!r}", result)
    if redirected:
        close = similarity(previous_text, text)
        if close < _MOVED_SIMILARITY and looks_like_home_or_list(item.url, result.final_url):
            return _gone(store, item, now, policy, f"redirected to {result.final_url}", result)
        if close < 0.2:
            return _gone(store, item, now, policy, f"redirected to another page: {result.final_url}", result)
    if (lost or page is None) and item.status == "deleted":
        return _gone(store, item, now, policy, "the page still shows no article", result)
    if lost or page is None:
        misses = state.consecutive_misses + 1
        if misses >= policy.empty_pages_for_deletion and item.status != "deleted":
            return _gone(store, item, now, policy, f"the page has not shown the article for {misses} checks", result)
        return _record_error(store, item, now, policy, "the page shows no article text", result)

    return _live(store, item, stored, page, now, policy, result, extract)


# -- outcomes ----------------------------------------------------------------------


def _live(store: Store, item: DueCheck, stored: Article, page: Article, now: datetime,
          policy: RecheckPolicy, result: PageResult, extract: Extractor) -> CheckReport:
    state = item.state
    fingerprint = page_fingerprint(page.title, page.body_text)
    restored = item.status == "deleted"
    notes: list[str] = []
    version: int | None = None
    events: list[ArticleEvent] = []
    if restored:
        events.append(ArticleEvent(
            item.article_id, EventKind.RESTORED, now, detail=_moved_note(item.url, result.final_url) or
            "网页已恢复", http_status=result.status, final_url=result.final_url))
        store.record_article_event(events[-1])
        state.last_change_at = now
        notes.append("back online")

    known = state.page_hash or page_fingerprint(stored.title, stored.body_text)
    if state.last_live_at is None and state.page_hash is not None and fingerprint != known:
        # The first check that reads the page of an article the fetch read from it (``remember_fetched_page``: the
        # fingerprint of the stored text). The re-check reads a page with other hints and without its noise, so a
        # difference may be the reading's: the page read again as the fetch read it tells an edit (an edit made
        # before this first check was taken as the baseline, stored nowhere and never compared again) from a
        # baseline. Not ``last_checked_at``: a first check that failed (a 503, a timeout) read no page, and the next
        # took the reading's difference for an edit (review58).
        again = _extract_as_fetched(extract, result, item, stored)
        if again is None or page_fingerprint(again.title, again.body_text) == known:
            state.page_hash = None  # the same page: this check takes its baseline, as for a feed's text
    edited = fingerprint != known and state.page_hash is not None
    if not edited and state.page_hash is None and fingerprint != known:
        # First look: the stored text came from a feed or an archive, the page is extracted
        # differently. Remember the page's fingerprint; only later changes are edits.
        outcome = CheckOutcome.RESTORED if restored else CheckOutcome.BASELINE
    elif edited:
        updated = _edited_article(stored, page)
        before = store.versions(item.article_id)
        if store.upsert_article(updated) is UpsertOutcome.UPDATED:
            after = store.versions(item.article_id)
            version = after[-1].number if after else None
            diff = diff_versions(before[-1].title, before[-1].body_text, before[-1].published_at,
                                 updated.title, updated.body_text, updated.published_at) if before else None
            detail = diff.summary() if diff else "已修改"
            moved = _moved_note(item.url, result.final_url)
            events.append(ArticleEvent(
                item.article_id, EventKind.EDITED, now, version=version,
                detail=f"{detail}；{moved}" if moved else detail,
                http_status=result.status, final_url=result.final_url))
            store.record_article_event(events[-1])
            state.last_change_at = now
            notes.append(detail)
            outcome = CheckOutcome.RESTORED if restored else CheckOutcome.EDITED
        else:
            outcome = CheckOutcome.RESTORED if restored else CheckOutcome.UNCHANGED
    else:
        outcome = CheckOutcome.RESTORED if restored else CheckOutcome.UNCHANGED
    state.page_hash = fingerprint
    report = _finish(store, item, now, policy, outcome, "; ".join(notes), result, live=True)
    report.version = version
    report.title = page.title or report.title
    report.events = events
    return report


def _gone(store: Store, item: DueCheck, now: datetime, policy: RecheckPolicy, reason: str,
          result: PageResult) -> CheckReport:
    state = item.state
    if item.status == "deleted":
        return _finish(store, item, now, policy, CheckOutcome.STILL_DELETED, reason, result, live=False)
    if state.last_live_at is not None:
        reason = f"{reason}（最后一次在线：{state.last_live_at:%Y-%m-%d %H:%M} UTC）"
    event = ArticleEvent(item.article_id, EventKind.DELETED, now, detail=reason, http_status=result.status,
                         final_url=result.final_url)
    store.record_article_event(event)
    state.last_change_at = now
    # A takedown page may carry its own validators; the restoration check must see a full page.
    state.etag = state.last_modified = None
    report = _finish(store, item, now, policy, CheckOutcome.DELETED, reason, result, live=False, keep_validators=False)
    report.events = [event]
    return report


def _record_error(store: Store, item: DueCheck, now: datetime, policy: RecheckPolicy, reason: str,
                  result: PageResult | None) -> CheckReport:
    state = item.state
    state.consecutive_misses += 1
    state.last_error = reason
    state.last_checked_at = now
    state.last_outcome = CheckOutcome.ERROR.value
    state.check_count += 1
    if result is not None:
        state.last_http_status = result.status
    state.next_check_at = policy.next_check(now, published_at=item.published_at, first_seen_at=item.first_seen_at,
                                            last_change_at=state.last_change_at, misses=state.consecutive_misses)
    store.save_check_state(state)
    return CheckReport(item.article_id, item.url, item.outlet, item.title, CheckOutcome.ERROR, reason,
                       result.status if result is not None else None)


def _finish(store: Store, item: DueCheck, now: datetime, policy: RecheckPolicy, outcome: CheckOutcome,
            detail: str, result: PageResult, *, live: bool, keep_validators: bool = True) -> CheckReport:
    state = item.state
    state.consecutive_misses = 0
    state.last_error = ""
    state.last_checked_at = now
    state.last_outcome = outcome.value
    state.last_http_status = 304 if result.not_modified else result.status
    state.check_count += 1
    if live:
        state.last_live_at = now
    if keep_validators and live and not result.not_modified:
        state.etag, state.last_modified = result.etag, result.last_modified
    state.next_check_at = policy.next_check(now, published_at=item.published_at, first_seen_at=item.first_seen_at,
                                            last_change_at=state.last_change_at)
    store.save_check_state(state)
    return CheckReport(item.article_id, item.url, item.outlet, item.title, outcome, detail, state.last_http_status)


# -- helpers -----------------------------------------------------------------------


def _extract(extract: Extractor, result: PageResult, item: DueCheck, stored: Article) -> Article | None:
    # The page header's title is a container hint like a feed item's: without it an extractor may
    # fall back to the first words of the text, which shift when a counter in them changes.
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=strip_page_noise(result.text),
                      url=result.final_url or item.url, origin=item.url, outlet_hint=item.outlet,
                      title_hint=page_title(result.text), fetched_at=utcnow())
    try:
        return extract(raw)
    except NewsmirrorError:
        return None


def _extract_as_fetched(extract: Extractor, result: PageResult, item: DueCheck, stored: Article) -> Article | None:
    """The page read as the fetch read it (ingest.pages: the page as sent, the stored title as the hint a feed item
    gave), for the first check of an article stored from its page."""
    raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=result.text, url=result.final_url or item.url,
                      origin=item.url, outlet_hint=item.outlet, title_hint=stored.title,
                      published_hint=stored.published_at, channel_hint=stored.channel, fetched_at=utcnow())
    try:
        return extract(raw)
    except NewsmirrorError:
        return None


def remember_fetched_page(store: Store, article: Article, policy: RecheckPolicy | None = None) -> None:
    """A new article just stored from its own page (not a feed's text): say so to its first re-check, by the
    fingerprint of the stored text as its page's (see ``_live``). Nothing when the article has a check state already."""
    if store.get_check_state(article.id).next_check_at is not None:
        return
    policy = policy or RecheckPolicy()
    store.save_check_state(CheckState(article.id, next_check_at=utcnow() + policy.first_check_after,
                                      page_hash=page_fingerprint(article.title, article.body_text)))


def _edited_article(stored: Article, page: Article) -> Article:
    """The stored article with the page's new title, text and date; identity and metadata kept."""
    updated = replace(
        stored,
        title=page.title or stored.title,
        body_html=drop_volatile_html(page.body_html),
        body_markdown=drop_volatile_lines(page.body_markdown),
        body_text=drop_volatile_lines(page.body_text),
        published_at=page.published_at or stored.published_at,
        fetched_at=utcnow(),
        crawled_at=page.crawled_at or utcnow(),  # just downloaded: the newest state, whatever its date says
    )
    updated.refresh_hash()
    return updated


def drop_volatile_html(body_html: str) -> str:
    """body_html without blocks that are only a counter or a render time (see drop_volatile_lines)."""
    if not body_html.strip():
        return body_html
    try:
        root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return body_html
    removed = False
    for element in list(root.iter("p", "div", "span", "li", "small", "time")):
        if element.getparent() is not None and is_volatile_line(element.text_content()):
            element.drop_tree()
            removed = True
    if not removed:
        return body_html
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root) if len(root) else \
        lxml.html.tostring(root, encoding="unicode")


# An event's detail is the operator's record (`changes --json` gives it); readers (the changes lists, their Atom
# feeds, the history pages) and `recheck`'s table (CheckReport.reason) are told store.changes.event_reason of the
# event, which knows the forms written here ("HTTP 404 Not Found", "page says '…'", "redirected to …", "the page has
# not shown the article for N checks", the last-online note): a new form needs its Chinese there too
# (tests/jobs/test_recheck_loopback.py).
def _moved_note(original: str, final: str) -> str:
    return f"现位于 {final}" if is_redirected(original, final) else ""


def _latest_status_events(store: Store, article_id: str) -> list[ArticleEvent]:
    events = [e for e in store.article_events(article_id) if e.kind in (EventKind.DELETED, EventKind.RESTORED)]
    return events[-1:]


__all__ = [
    "CheckReport", "Classification", "PageFetcher", "PageResult", "RecheckPolicy", "RecheckSummary",
    "apply_check", "drop_volatile_html", "due_now", "recheck", "recheck_due", "recheck_job", "schedule_recheck",
]


# -- worker queue ------------------------------------------------------------------

WORKER_BATCH = 100
WORKER_IDLE = timedelta(minutes=10)


def recheck_job(job: Job, store: Store, settings: FetchSettings | None = None, *,
                fetcher: PageFetcher | None = None) -> datetime | None:
    """Worker handler for recurring ``recheck`` jobs (key: an outlet, or ``*`` for all outlets), fetching with
    ``fetcher`` (the worker's, which its stop cuts), else a fetcher of ``settings``, else of the config file's [fetch]
    table.

    Runs one batch of due checks and asks to run again at once while more are due, else in
    ten minutes: the schedule itself lives in the checks table, not in the queue. A batch cut by the fetcher's stop is
    due again at once too (for the next worker), its unrecorded checks still due.
    """
    outlet = None if job.key == "*" else job.key
    if fetcher is not None:
        summary = recheck_due(store, fetcher, limit=WORKER_BATCH, outlet=outlet)
    else:
        from newsmirror.config import load_config
        from newsmirror.fetch import Fetcher

        with Fetcher(settings if settings is not None else load_config().fetch) as own:
            summary = recheck_due(store, own, limit=WORKER_BATCH, outlet=outlet)
    return utcnow() if summary.stopped or len(summary.reports) >= WORKER_BATCH else utcnow() + WORKER_IDLE


def schedule_recheck(store: Store, outlet: str = "*") -> bool:
    """Queue the recurring re-check job (one per outlet, or ``*``) unless it is queued already."""
    if store.get_job("recheck", outlet) is not None:
        return False
    store.enqueue_job("recheck", outlet)
    return True
