"""`Worker.stop` cuts this worker's requests, all of them (a job claimed just before the stop, a re-check batch), and no
other worker's; the fetcher it cut is closed. review58's leftovers of session 56 (jobs/worker.py, jobs/recheck.py).

No time is asserted: the pages that never answer are held on an event until the test ends, and each join's timeout is a
hang guard far from both outcomes (a cut ends at once, an uncut request waits for a 120 s read timeout)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

import newsmirror.jobs.worker as worker_module
from newsmirror.config import FetchSettings
from newsmirror.fetch import Fetcher
from newsmirror.jobs.worker import HANDLERS, Worker, WorkerOptions, configure_fetching, schedule_sources
from newsmirror.model import Source, utcnow
from newsmirror.store import Job, Store, open_store
from tests.feedfixtures import FixtureItem, long_body, rss
from tests.httpserver import LoopbackServer, RecordedRequest, Route
from tests.jobs.simple_extract import simple_extract

GUARD = 30.0  # seconds: a hang guard, not a measure


@pytest.fixture(autouse=True)
def patient_fetching() -> Iterator[None]:
    # A read timeout far longer than any guard: a request the stop does not cut outlives the test's join.
    configure_fetching(FetchSettings(timeout_seconds=120.0, connect_timeout_seconds=5.0, max_retries=0,
                                     per_host_delay_seconds=0.0, respect_robots=False, private_hosts=["127.0.0.1"]),
                       extract=simple_extract)
    yield
    configure_fetching(FetchSettings())


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of the test: every held request is answered then, and the server's threads end."""
    event = threading.Event()
    yield event
    event.set()


def hold(server: LoopbackServer, path: str, release: threading.Event, route: Route) -> None:
    """Serve ``route`` at ``path`` only once ``release`` is set."""

    def answer(request: RecordedRequest) -> Route:
        release.wait(GUARD * 4)
        return route

    server.route(path, handler=answer)


def wait_for_request(server: LoopbackServer, path: str) -> None:
    for _ in range(int(GUARD / 0.02)):
        if server.requests_to(path):
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} was never asked")


def run_in_thread(worker: Worker) -> threading.Thread:
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    return thread


def test_one_workers_stop_does_not_cut_another_workers_fetch(
        store_location: str, loopback_server: LoopbackServer, release: threading.Event) -> None:
    """The fetcher was the process's: a Worker's stop cut every Worker's requests (tests, an embedding running two)."""
    items = [FixtureItem(f"w-{n}", loopback_server.url(f"/w/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(2)]
    feed = Route(body=rss(items), content_type="application/rss+xml")
    hold(loopback_server, "/held.xml", release, feed)
    with open_store(store_location) as store:
        store.upsert_source(Source(id="held", url=loopback_server.url("/held.xml"), outlet="测试台"))
        schedule_sources(store)
    running = Worker(lambda: open_store(store_location), WorkerOptions(once=True, poll_seconds=0.02,
                                                                       per_host_limit=None),
                     handlers={"fetch": HANDLERS["fetch"]})
    other = Worker(lambda: open_store(store_location), WorkerOptions(once=True, kinds=["fetch"]),
                   handlers={"fetch": HANDLERS["fetch"]})
    thread = run_in_thread(running)
    wait_for_request(loopback_server, "/held.xml")
    other.stop()  # another worker of the process stops while this one's feed is being read
    release.set()
    thread.join(GUARD)
    assert not thread.is_alive()
    # Read once, not cut and asked again.
    assert loopback_server.hits("/held.xml") == 1 and running.report.completed == 1
    with open_store(store_location) as store:
        assert store.count_articles() == 2
        assert store.get_feed_state("held").last_success_at is not None


def test_a_fetch_job_claimed_just_before_the_stop_is_cut_too(
        store_location: str, loopback_server: LoopbackServer, release: threading.Event) -> None:
    """A job claimed before the stop that asked for the fetcher after it got a fresh one, not cut, and waited out its
    timeouts (the stop dropped the cut fetcher for the next job)."""
    hold(loopback_server, "/silent.xml", release, Route(body="<rss/>"))
    with open_store(store_location) as store:
        store.upsert_source(Source(id="silent", url=loopback_server.url("/silent.xml"), outlet="测试台"))
        schedule_sources(store)
    worker: Worker

    def stopped_then_fetch(job: Job, store: Store) -> object:
        worker.stop()  # SIGTERM arrives between the claim and the handler's first request
        return HANDLERS["fetch"](job, store)

    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.02, per_host_limit=None),
                    handlers={"fetch": stopped_then_fetch})  # type: ignore[dict-item]
    thread = run_in_thread(worker)
    thread.join(GUARD)
    assert not thread.is_alive(), "the job claimed before the stop waited for the silent feed"
    assert loopback_server.hits("/silent.xml") == 0  # cut before its first request
    assert worker.report.completed == 1 and worker.report.failed == 0
    with open_store(store_location) as store:
        state = store.get_feed_state("silent")
        assert state.consecutive_failures == 0 and not state.last_error
        job = store.get_job("fetch", "silent")
        assert job is not None and job.due_at is not None and job.due_at <= utcnow()


def test_the_fetcher_a_stop_cut_is_closed(store_location: str, loopback_server: LoopbackServer,
                                          release: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stop dropped the cut fetcher without closing it (its client and pool), and the next job made another."""
    made: list[Fetcher] = []
    closed: list[Fetcher] = []

    class Counted(Fetcher):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

        def close(self) -> None:
            closed.append(self)
            super().close()

    monkeypatch.setattr(worker_module, "Fetcher", Counted)
    hold(loopback_server, "/silent.xml", release, Route(body="<rss/>"))
    with open_store(store_location) as store:
        store.upsert_source(Source(id="silent", url=loopback_server.url("/silent.xml"), outlet="测试台"))
        schedule_sources(store)
    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.02, per_host_limit=None),
                    handlers={"fetch": HANDLERS["fetch"]})
    thread = run_in_thread(worker)
    wait_for_request(loopback_server, "/silent.xml")
    worker.stop()
    thread.join(GUARD)
    assert not thread.is_alive()
    assert len(made) == 1 and closed == made


def test_stopping_a_worker_cuts_its_recheck_batch_and_leaves_the_checks_due(
        store_location: str, loopback_server: LoopbackServer, release: threading.Event) -> None:
    """A recheck job fetched with a fetcher of its own, which the stop did not cut: SIGTERM waited for a batch of
    pages (each up to its timeouts and retries); and a cut page would have been a failed check (a miss counted, the
    check pushed back), not a check left due."""
    from newsmirror.jobs.recheck import default_extractor, schedule_recheck
    from newsmirror.model import DocumentKind, RawDocument
    from newsmirror.store.changes import CheckState
    from tests.jobs.test_recheck_loopback import ARTICLE_PATH, article_page

    url = loopback_server.url(ARTICLE_PATH)
    hold(loopback_server, ARTICLE_PATH, release, Route(body=article_page()))
    article = default_extractor()(RawDocument(kind=DocumentKind.WEB_PAGE, content=article_page(), url=url))
    due_at = utcnow() - timedelta(minutes=1)
    with open_store(store_location) as store:
        store.upsert_article(article)
        store.save_check_state(CheckState(article.id, next_check_at=due_at, page_hash="an earlier fingerprint"))
        schedule_recheck(store)
    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.02, per_host_limit=None),
                    handlers={"recheck": HANDLERS["recheck"]})
    thread = run_in_thread(worker)
    wait_for_request(loopback_server, ARTICLE_PATH)
    worker.stop()
    thread.join(GUARD)
    assert not thread.is_alive(), "the stop waited for the re-checked page"
    assert worker.report.completed == 1 and worker.report.failed == 0
    with open_store(store_location) as store:
        state = store.get_check_state(article.id)
        assert state.last_checked_at is None and state.check_count == 0 and state.consecutive_misses == 0
        assert state.next_check_at is not None and state.next_check_at <= utcnow()
        assert store.article_events(article.id) == []
        job = store.get_job("recheck", "*")
        assert job is not None and job.due_at is not None and job.due_at <= utcnow()


def test_a_periodic_chore_fetches_with_the_worker_fetcher_the_stop_cuts(store_location: str) -> None:
    """A chore's thread had no worker fetcher: a chore that fetched got the process's default one, which the stop does
    not cut (review59, jobs/worker.py:435)."""
    seen: list[Fetcher] = []
    ran = threading.Event()

    def chore(store: Store) -> None:
        seen.append(worker_module.worker_fetcher())
        ran.set()

    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.02), handlers={},
                    periodic=[(0.01, chore)])
    thread = run_in_thread(worker)
    assert ran.wait(GUARD)
    worker.stop()
    thread.join(GUARD)
    assert not thread.is_alive()
    assert seen and all(fetcher is seen[0] for fetcher in seen)
    assert seen[0] is not worker_module._default_fetcher.get()
    assert seen[0]._aborted.is_set()  # cut by the stop, as a job's fetches are
