"""`newsmirror worker`: claim due jobs from the store's queue, run them, record the outcome.

Run as many workers as you like, on as many machines, against one PostgreSQL database: each
job is leased to one worker at a time (SELECT ... FOR UPDATE SKIP LOCKED), a heartbeat renews
the leases of running jobs, and a job whose worker died becomes claimable again once its lease
expires. Handlers are registered per job kind; a handler returns when the job should run again
(recurring work such as polling a feed) or None when it is done, and raises to have it retried
with exponential back-off.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import signal
import socket
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from newsmirror.config import FetchSettings, load_config
from newsmirror.errors import NewsmirrorError
from newsmirror.fetch import Fetcher
from newsmirror.jobs.fetching import ExtractFn, FetchJob, SourceReport
from newsmirror.jobs.grouping import GROUP_INTERVAL, GROUP_KEY, GROUP_KIND, group_articles, lease_holder
from newsmirror.model import clean_line, utcnow
from newsmirror.store import Job, Store
from newsmirror.store.base import QueueStatus

log = logging.getLogger(__name__)

Handler = Callable[[Job, Store], datetime | None]

HANDLERS: dict[str, Handler] = {}


def register_handler(kind: str) -> Callable[[Handler], Handler]:
    """Decorator: ``@register_handler("fetch")`` makes workers run the function for that kind."""

    def decorate(handler: Handler) -> Handler:
        HANDLERS[kind] = handler
        return handler

    return decorate


class _FetchContext:
    """The fetch settings of this process (``worker --config``'s [fetch] table, else the config file's) and, for
    tests, the extractor. The fetcher itself is each Worker's (:class:`_WorkerFetcher`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.settings: FetchSettings | None = None
        self.extract: ExtractFn | None = None

    def fetch_settings(self) -> FetchSettings:
        with self.lock:
            if self.settings is None:
                self.settings = load_config().fetch
            return self.settings


_fetch_context = _FetchContext()


class _WorkerFetcher:
    """One Worker's Fetcher, shared by its job threads (fetch and recheck jobs alike), so that its per-host politeness
    (delays, robots.txt) spans them; made at the first job that fetches, closed when the worker's threads are done.

    Its own, not the process's: :meth:`Worker.stop` cuts this worker's requests and no other's (a process may run
    several Workers: tests, an embedding), and once stopped it stays stopped, so that a job claimed just before the
    stop, which asks for the fetcher after it, is cut at its first request instead of getting a fresh fetcher and
    waiting out its timeouts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fetcher: Fetcher | None = None
        self._stopped = False

    def get(self) -> Fetcher:
        with self._lock:
            if self._fetcher is None:
                self._fetcher = Fetcher(_fetch_context.fetch_settings())
                if self._stopped:
                    self._fetcher.abort()
            return self._fetcher

    def abort(self) -> None:
        with self._lock:
            self._stopped = True
            fetcher = self._fetcher
        if fetcher is not None:
            fetcher.abort()  # not closed here: the jobs in flight still hold it, and end at once

    def close(self) -> None:
        """Once the job threads have ended: nothing holds the fetcher any more."""
        with self._lock:
            fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            fetcher.close()


# The fetcher of the Worker whose job thread this is (set by Worker._loop); a handler called outside a Worker (a test,
# an embedding) gets the process's default one, which nothing stops.
_current_fetcher: contextvars.ContextVar[_WorkerFetcher | None] = contextvars.ContextVar("worker_fetcher",
                                                                                         default=None)
_default_fetcher = _WorkerFetcher()


def configure_fetching(settings: FetchSettings, extract: ExtractFn | None = None) -> None:
    """Fetch settings (the config file's [fetch] table) and, for tests, the extractor to use; a worker's fetcher made
    after this uses them."""
    with _fetch_context.lock:
        _fetch_context.settings, _fetch_context.extract = settings, extract
    _default_fetcher.close()  # made with the settings before


def worker_fetcher() -> Fetcher:
    """The fetcher of the worker running the calling job (for handlers)."""
    return (_current_fetcher.get() or _default_fetcher).get()


@register_handler("fetch")
def fetch_source_job(job: Job, store: Store) -> datetime | None:
    """Poll one source (key = source id) with the fetch stage's FetchJob, and come back when it
    says: the source's interval, or its back-off after failures (recorded in its feed state, so a
    failing feed never turns into a failed job). A removed or disabled source ends its job."""
    source = store.get_source(job.key)
    if source is None or not source.enabled:
        return None
    runner = FetchJob(store, _fetch_context.fetch_settings(), fetcher=worker_fetcher(), extract=_fetch_context.extract)
    report = runner.poll_source(source)  # reads the feed state once: its last check before, and the one it records
    if report.status == "interrupted":
        # The worker is stopping (Worker.stop cut the requests): what was stored stays, nothing is charged to the
        # source, and the job is due again at once, for the next worker to claim: no failed attempt of the job.
        log.info("fetch of %s (%s) stopped with the worker; due again now", source.outlet or source.id, source.id)
        return utcnow()
    _log_failures(report, checked=(report.checked_before, report.checked_at))
    if report.new or report.updated:
        store.enqueue_job(GROUP_KIND, GROUP_KEY)  # group the new articles now, not at the next round
    return report.next_due_at or utcnow() + timedelta(minutes=source.interval_minutes)


SHOWN_ITEM_FAILURES = 5  # one a line, as `fetch` names them on stderr; the rest counted


class _WarningsSaid:
    """The warnings each source's last poll gave, as this process's log said them (source id -> the warnings and
    when that poll checked the feed, as its feed state says; a source whose poll gave none is forgotten, so it holds
    only the sources warned of now).

    A lenient feed ("malformed feed read leniently") or an oversized item's skip gives the same warnings on every
    poll of the feed: said at WARNING each time, they filled an operator's journal every interval (`fetch --quiet`
    hides them for the same reason: cron mailed them each poll). Each change of a source's warnings is said at
    WARNING, one line a warning; the same warnings again, one INFO line counting them.

    Per process, but never stale: where the feed state says the source was checked since this process's last poll
    of it (another worker process polled it: a fleet's polls of one feed land in any process), what that poll saw is
    unknown here, so the warnings are said at WARNING again (review62: a warning's return after a clean poll in
    another process was said at INFO as "the same")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[str, tuple[tuple[str, ...], datetime | None]] = {}

    def changed(self, source_id: str, warnings: list[str] | None, before: datetime | None = None,
                after: datetime | None = None) -> bool:
        """Whether ``warnings`` differ from those of the source's last poll (in any order), remembering them.
        ``before`` and ``after``: the feed state's last check before and after this poll (a caller without a store
        gives neither: every poll is then this process's). ``warnings`` None: the poll read nothing (a failure, a
        304), so the last poll's stand, now as of ``after``."""
        with self._lock:
            said, checked = self._last.pop(source_id, ((), None))
            known = checked == before  # no other process checked the source since this one's last poll
            if warnings is None:
                if said and known:
                    self._last[source_id] = (said, after)
                return False
            now = tuple(sorted(warnings))
            if now:
                self._last[source_id] = (now, after)
        return not known or now != said


_warnings_said = _WarningsSaid()


def _log_failures(report: SourceReport, said: _WarningsSaid | None = None,
                  checked: tuple[datetime | None, datetime | None] = (None, None)) -> None:
    """Say in the worker's log what `fetch` says on stderr: the feed failed, or items of it did (a page 404, an
    unreadable page), and the source's warnings. A failing feed is no failed job (its back-off is in the feed state),
    so the worker said nothing, and an item that failed was in no log at all: `sources list` shows a feed's last
    error, not its items'. The warnings are said at WARNING when they changed since the source's last poll in this
    process (``said``: the process's own unless given) or another process checked the source since (``checked``: the
    feed state's last check before and after this poll), else counted in one INFO line (:class:`_WarningsSaid`)."""
    source = report.source
    # One line each, without the control characters a feed may put in an item's link (ESC sequences: "invalid URL"
    # names it as given), as `fetch` shows them (cli.terminal.shown): a worker's log is read in a terminal too.
    who = clean_line(f"{source.name or source.outlet or source.id} ({source.id})")
    if report.status == "failed":
        log.warning("fetch failed: %s: %s%s", who, clean_line(report.error), " (backing off)" if report.backing_off
                    else "")
    elif report.every_item_failed:
        log.warning("fetch failed: %s: the feed answered, but all %d item(s) it had to read failed; nothing new was "
                    "stored", who, report.failed)
    for problem in report.item_errors[:SHOWN_ITEM_FAILURES]:
        log.warning("item failed: %s: %s", who, clean_line(problem))
    if len(report.item_errors) > SHOWN_ITEM_FAILURES:
        log.warning("item failed: %s: %d more", who, len(report.item_errors) - SHOWN_ITEM_FAILURES)
    said = said if said is not None else _warnings_said
    if report.status in ("failed", "not modified"):
        # A feed not read (no answer, or unchanged: HTTP 304) gives no warnings: its last poll's stand.
        said.changed(source.id, None, *checked)
        return
    if not said.changed(source.id, report.warnings, *checked):
        if report.warnings:
            log.info("warning: %s: the same %d warning(s) as at the last poll that read the feed", who,
                     len(report.warnings))
        return
    for warning in report.warnings[:SHOWN_ITEM_FAILURES]:  # e.g. another outlet's article the feed named, not stored
        log.warning("warning: %s: %s", who, clean_line(warning))
    if len(report.warnings) > SHOWN_ITEM_FAILURES:
        log.warning("warning: %s: %d more", who, len(report.warnings) - SHOWN_ITEM_FAILURES)


@register_handler(GROUP_KIND)
def group_job(job: Job, store: Store) -> datetime | None:
    """Group every unassigned article (jobs.grouping). There is one group job (key ``*``), so its
    lease is the fleet-wide grouping lock: one grouping at a time, whichever worker claims it.
    Due again after GROUP_INTERVAL, or sooner when a fetch stores new articles. When stories
    changed, the build job (if a worker publishes) becomes due. After a run that did not finish (a worker killed or
    stopped while grouping or comparing: the job's ``attempts`` > 1), every story whose comparison is missing or stale
    is compared, not only the stories this run changes."""
    report = group_articles(store, still_ours=lease_holder(store, job), compare_all=job.attempts > 1)
    if report.assigned:
        store.enqueue_job(BUILD_KIND, BUILD_KEY)
    return utcnow() + GROUP_INTERVAL


BUILD_KIND = "build"
BUILD_KEY = "*"


@dataclass(slots=True)
class BuildSettings:
    out_dir: Path
    images: bool = True
    config: str | None = None  # publish settings file


_build_settings: BuildSettings | None = None


def configure_building(settings: BuildSettings | None) -> None:
    """Where this worker publishes (``newsmirror worker --out``); without it, it runs no build jobs."""
    global _build_settings
    _build_settings = settings


def building_configured() -> bool:
    return _build_settings is not None


@register_handler(BUILD_KIND)
def build_job(job: Job, store: Store) -> datetime | None:
    """Render the outputs (page mirror, Jekyll, site) of what changed into this worker's --out."""
    from newsmirror.jobs.building import build, default_comparer, load_publish_settings
    from newsmirror.publish.base import BuildOptions

    settings = _build_settings
    if settings is None:
        raise NewsmirrorError("this worker has no output folder (start it with --out to run build jobs)")
    publish = load_publish_settings(settings.config)
    options = BuildOptions(base_url=publish.base_url, script=publish.script, site_title=publish.site_title)
    # One process: this worker runs jobs in threads beside a heartbeat, and forking a process
    # whose other threads may hold locks is not worth it for the small builds of a fleet.
    report = build(store, settings.out_dir, ["all"], options, images=settings.images, comparer=default_comparer(store),
                   jobs=1, private_hosts=_fetch_context.fetch_settings().private_hosts)  # the worker's [fetch] (--config)
    if report.failures:
        raise NewsmirrorError(f"build: {len(report.failures)} failure(s), first: {report.failures[0]}")
    return None


@dataclass(slots=True)
class WorkerOptions:
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    kinds: list[str] | None = None  # None: every kind that has a handler
    concurrency: int = 1  # jobs run at once in this process (threads, one store connection each)
    lease_seconds: float = 300.0
    per_host_limit: int | None = 2  # politeness: leases per host across the whole fleet
    poll_seconds: float = 2.0  # wait between claims when nothing is due
    max_attempts: int = 8  # a job failing this many times in a row is given up (done, with its error)
    retry_base_seconds: float = 60.0
    retry_max_seconds: float = 6 * 3600.0
    once: bool = False  # exit as soon as nothing is due, instead of waiting for more


@dataclass(slots=True)
class WorkerReport:
    completed: int = 0
    failed: int = 0  # failures that will be retried
    given_up: int = 0
    lost: int = 0  # leases lost before finishing (another worker owns the job now)
    errors: list[str] = field(default_factory=list)  # the last few, for the summary
    idle_reason: str = ""  # why the last claim found nothing, for the summary

    def count(self, outcome: str, error: str = "") -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if error:
            self.errors = [*self.errors[-9:], error]


def retry_delay(attempts: int, options: WorkerOptions) -> timedelta:
    """Exponential back-off: base, 2×base, 4×base, ... capped at retry_max_seconds."""
    seconds = options.retry_base_seconds * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, options.retry_max_seconds))


class Worker:
    """Claims and runs jobs until stopped (SIGTERM/SIGINT or :meth:`stop`), or until nothing is
    due with ``once``. Stopping lets running jobs finish (fetch and recheck requests are cut, the job due again);
    nothing half-done is recorded."""

    def __init__(self, open_store: Callable[[], Store], options: WorkerOptions | None = None,
                 handlers: dict[str, Handler] | None = None,
                 periodic: list[tuple[float, Callable[[Store], object]]] | None = None) -> None:
        """``periodic``: (every seconds, task) run in the background while the worker runs, e.g.
        giving sources added meanwhile their fetch job."""
        self.open_store = open_store
        self.periodic = list(periodic or [])
        self.options = options or WorkerOptions()
        self.handlers = dict(HANDLERS if handlers is None else handlers)
        wanted = self.options.kinds if self.options.kinds is not None else sorted(self.handlers)
        missing = [kind for kind in wanted if kind not in self.handlers]
        if missing:
            known = ", ".join(sorted(self.handlers)) or "none"
            raise NewsmirrorError(f"no handler for job kind(s) {', '.join(missing)}; known kinds: {known}")
        self.kinds = list(wanted)
        self.report = WorkerReport()
        self._stopping = threading.Event()
        self._finished = threading.Event()  # all job threads are done: the heartbeat may stop
        self._running: dict[int, Job] = {}
        self._lease_lock = threading.Lock()  # a renewal and a completion of one job never interleave
        self._report_lock = threading.Lock()
        self._fetcher = _WorkerFetcher()
        self._idle_said = ""  # the last idle reason logged, without its countdown (_explain_idle)

    def stop(self) -> None:
        """Claim no more jobs; the running ones finish, but for this worker's requests, which are cut (those under
        way and any later one: a job claimed just before the stop): a fetch job waiting on a silent feed held a SIGTERM
        for its timeouts and retries (85 s with the defaults, near systemd's 90 s before SIGKILL), a recheck job for
        each page of its batch. Each article and each check is stored in its own transaction, so a cut job loses
        nothing: it is due again at once, the sources and checks it did not reach as they were."""
        self._stopping.set()
        self._fetcher.abort()

    def install_signal_handlers(self) -> None:
        """SIGTERM/SIGINT: finish the running jobs, claim no more, exit (a second one is not needed:
        the lease of anything unfinished expires and another worker takes it)."""

        def graceful(signum: int, frame: FrameType | None) -> None:
            log.info("worker %s: signal %s, finishing running jobs (fetch and re-check requests under way are cut)",
                     self.options.worker_id, signum)
            self.stop()

        signal.signal(signal.SIGTERM, graceful)
        signal.signal(signal.SIGINT, graceful)

    def run(self) -> WorkerReport:
        threads = [
            threading.Thread(target=self._loop, args=(f"{self.options.worker_id}/{n}",),
                             name=f"worker-{n}", daemon=True)
            for n in range(max(1, self.options.concurrency))
        ]
        heartbeat = threading.Thread(target=self._heartbeat, name="worker-heartbeat", daemon=True)
        heartbeat.start()
        chores = [threading.Thread(target=self._repeat, args=(every, task), name="worker-periodic", daemon=True)
                  for every, task in self.periodic]
        for chore in chores:
            chore.start()
        for thread in threads:
            thread.start()
        # join with a timeout so the main thread keeps receiving signals
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
        self._stopping.set()
        self._finished.set()
        heartbeat.join()
        for chore in chores:
            chore.join()
        self._fetcher.close()  # after the chores too: one running at the stop may still hold it
        return self.report

    # -- internals -------------------------------------------------------------
    def _loop(self, slot_id: str) -> None:
        _current_fetcher.set(self._fetcher)  # this thread's handlers fetch with this worker's fetcher
        options = self.options
        store: Store | None = None
        pause = options.poll_seconds
        try:
            while not self._stopping.is_set():
                try:
                    store = store or self.open_store()
                    jobs = store.claim_jobs(slot_id, self.kinds, limit=1, lease_seconds=options.lease_seconds,
                                            per_host_limit=options.per_host_limit)
                    idle = not jobs and options.once and store.job_counts().get("leased", 0) == 0
                except Exception as exc:  # database restarting, busy or unreachable: wait, reconnect
                    log.warning("worker %s: cannot claim jobs (%s: %s); retrying in %.0f s",
                                slot_id, type(exc).__name__, exc, pause)
                    if store is not None:
                        with contextlib.suppress(Exception):
                            store.close()
                    store = None
                    self._stopping.wait(pause)
                    pause = min(pause * 2 + 1, 60.0)
                    continue
                pause = options.poll_seconds
                if idle:
                    self._explain_idle(store)
                    return
                if not jobs:
                    self._explain_idle(store)
                    self._stopping.wait(options.poll_seconds)
                    continue
                for job in jobs:
                    self._run_one(store, job)
        finally:
            if store is not None:
                store.close()

    def _explain_idle(self, store: Store) -> None:
        """Say once, each time it changes, why nothing could be claimed. Changed means other than the countdown to the
        next job: compared with it, an idle worker logged a line at every poll (every 2 s, a slot each), as the
        countdown ticked ("in 4 min 59 s", "in 4 min 57 s" …): 43,000 to 86,000 lines a day of a worker waiting."""
        try:
            status = store.queue_status(self.kinds)
            reason = idle_reason(status, self.options.per_host_limit)
            said = idle_reason(status, self.options.per_host_limit, countdown=False)
        except Exception as exc:  # diagnostics never stop the worker
            reason = said = f"nothing claimable (the queue cannot be inspected: {type(exc).__name__})"
        with self._report_lock:
            if said == self._idle_said:
                return
            self._idle_said = said
            self.report.idle_reason = reason
        log.info("worker %s idle: %s", self.options.worker_id, reason)

    def _run_one(self, store: Store, job: Job) -> None:
        with self._lease_lock:
            self._running[job.id] = job
        try:
            next_due = self.handlers[job.kind](job, store)
        except Exception as exc:  # one bad job never stops the worker
            error = f"{type(exc).__name__}: {exc}" if isinstance(exc, NewsmirrorError) else traceback.format_exc(limit=3)
            self._record_failure(store, job, error.strip())
        else:
            try:
                with self._lease_lock:
                    self._running.pop(job.id, None)
                    kept = store.complete_job(job, next_due)
            except Exception as exc:  # the work is done but not recorded: the lease expires, it reruns
                log.warning("job %s:%s: cannot record completion (%s); it will run again", job.kind, job.key, exc)
                kept = False
            self._count("completed" if kept else "lost")
        finally:
            with self._lease_lock:
                self._running.pop(job.id, None)

    def _record_failure(self, store: Store, job: Job, error: str) -> None:
        give_up = job.attempts >= self.options.max_attempts
        retry_at = None if give_up else utcnow() + retry_delay(job.attempts, self.options)
        try:
            with self._lease_lock:
                self._running.pop(job.id, None)
                kept = store.fail_job(job, error[-2000:], retry_at)
        except Exception as exc:  # not recorded: the lease expires and the job is retried anyway
            log.warning("job %s:%s: cannot record failure (%s)", job.kind, job.key, exc)
            kept = False
        log.warning("job %s:%s failed (attempt %d): %s", job.kind, job.key, job.attempts, error.splitlines()[-1])
        self._count(("given_up" if give_up else "failed") if kept else "lost", f"{job.kind}:{job.key}: {error.splitlines()[-1]}")

    def _count(self, outcome: str, error: str = "") -> None:
        with self._report_lock:
            self.report.count(outcome, error)

    def _repeat(self, every: float, task: Callable[[Store], object]) -> None:
        # A chore that fetches (none of the shipped ones does; a plugin's may) does so with this worker's fetcher, as a
        # job does: without it, the process's default one, which the worker's stop does not cut.
        _current_fetcher.set(self._fetcher)
        while not self._finished.wait(every):
            try:
                with self.open_store() as store:
                    task(store)
            except Exception as exc:  # housekeeping never stops the worker; next round retries
                log.warning("periodic %s failed (%s: %s)", getattr(task, "__name__", task), type(exc).__name__, exc)

    def _heartbeat(self) -> None:
        """Renew the leases of running jobs at a third of the lease time, so a slow but alive
        job is never taken over; a dead worker stops renewing and its jobs come free."""
        interval = max(self.options.lease_seconds / 3, 0.05)
        store: Store | None = None
        try:
            while not self._finished.wait(interval):
                with self._lease_lock:
                    running = list(self._running.values())
                    try:
                        if running and store is None:
                            store = self.open_store()
                        for job in running:
                            if store is not None and not store.renew_lease(job, self.options.lease_seconds):
                                # Expired before this beat (the worker stalled) or taken over: not ours to renew
                                # again; the job's result is recorded only if nobody claimed it since (fenced).
                                self._running.pop(job.id, None)
                                log.warning("job %s:%s: lease lost (it expired or another worker took it over)",
                                            job.kind, job.key)
                    except Exception as exc:  # try again next beat, on a fresh connection
                        log.warning("lease renewal failed (%s: %s)", type(exc).__name__, exc)
                        if store is not None:
                            with contextlib.suppress(Exception):
                                store.close()
                        store = None
        finally:
            if store is not None:
                store.close()


def idle_reason(status: QueueStatus, per_host_limit: int | None, *, countdown: bool = True) -> str:
    """Why a claim found nothing, in words: the per-host limit, leases held elsewhere, or
    nothing due (and when the next job is; with ``countdown``, how long that is from now)."""
    parts = []
    blocked = status.blocked_hosts(per_host_limit)
    if blocked:
        waiting = sum(status.due_by_host[host] for host in blocked)
        hosts = ", ".join(f"{host} ({live} running)" for host, live in sorted(blocked.items())[:3])
        more = f" and {len(blocked) - 3} more" if len(blocked) > 3 else ""
        parts.append(f"per-host limit reached: {waiting} due job(s) wait for {hosts}{more}, limit "
                     f"{per_host_limit} per host across all workers (--per-host)")
    elif status.due:
        parts.append(f"{status.due} due job(s) being claimed by other workers")
    if status.leased:
        parts.append(f"{status.leased} job(s) running under another worker's lease")
    if not parts:
        parts.append("nothing due")
    if status.next_due_at is not None and not blocked:
        wait = max(0, int((status.next_due_at - utcnow()).total_seconds()))
        parts.append(f"next job due at {status.next_due_at:%Y-%m-%d %H:%M:%S} UTC"
                     + (f" (in {wait // 60} min {wait % 60} s)" if countdown else ""))
    return "; ".join(parts)


def schedule_sources(store: Store) -> int:
    """Give every enabled source without one a recurring fetch job (due when its feed state says,
    else now); existing jobs keep their schedule. Returns how many were added."""
    added = 0
    for source in store.list_sources(enabled_only=True):
        if store.get_job("fetch", source.id) is not None:
            continue
        due = store.get_feed_state(source.id).next_due_at
        store.enqueue_job("fetch", source.id, urlsplit(source.url).hostname or "", due)
        added += 1
    return added


# --- recheck: recurring re-checks of stored articles (edit and takedown tracking) ---
from newsmirror.jobs.recheck import recheck_job  # noqa: E402


@register_handler("recheck")
def recheck_outlet_job(job: Job, store: Store) -> datetime | None:
    """``jobs.recheck.recheck_job`` fetching with this worker's [fetch] settings, as its fetch jobs do: read without
    them, a worker started with --config re-checked with ./newsmirror.toml's table (or failed on a bad one)."""
    return recheck_job(job, store, fetcher=worker_fetcher())
