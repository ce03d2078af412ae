"""Ctrl-C during a fetch stops it at once, whatever the server does.

A feed that never answered held `newsmirror fetch` for 83 s after Ctrl-C (its read timeouts and retries, and the
pool waiting for them): ``Fetcher.abort`` cuts the requests in flight, ends the waits, and refuses new requests;
the fetch job and the re-check call it when interrupted, and record nothing against the source or the article.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from newsmirror.config import FetchSettings
from newsmirror.fetch import FetchAborted, Fetcher
from newsmirror.jobs.fetching import fetch_sources
from newsmirror.jobs.recheck import due_now, recheck
from newsmirror.model import DocumentKind, RawDocument, Source, utcnow
from newsmirror.store import Store
from tests.feedfixtures import FixtureItem, long_body, rss
from tests.httpserver import LoopbackServer
from tests.jobs.simple_extract import simple_extract

NEVER = 300.0  # the hanging routes' delay: far past every bound below
# A hang guard, not a speed target: with the abort a case stops in about 0.1 s; without it each waits out its read
# timeout (120 s, and retries). The bound sits far from both, so a loaded machine cannot make it flake.
STOPPED_WITHIN = 30.0


def settings(**overrides: object) -> FetchSettings:
    values: dict[str, object] = dict(timeout_seconds=120.0, connect_timeout_seconds=2.0, max_retries=2,
                                     backoff_base_seconds=0.01, per_host_delay_seconds=0.0, per_host_concurrency=4,
                                     respect_robots=False, private_hosts=["127.0.0.1"])
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


def in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, raised


def test_abort_cuts_a_request_whose_server_never_answers(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/hang.xml", body="<rss/>", delay=NEVER)
    with Fetcher(settings()) as fetcher:
        thread, raised = in_thread(lambda: fetcher.get(loopback_server.url("/hang.xml")))
        time.sleep(0.5)
        assert thread.is_alive()  # waiting on the server
        started = time.monotonic()
        fetcher.abort()
        thread.join(STOPPED_WITHIN)
        assert not thread.is_alive(), "the request was not cut"
        assert time.monotonic() - started < STOPPED_WITHIN
        assert len(raised) == 1 and isinstance(raised[0], FetchAborted), raised
        # Stopped for good: the next request does not connect.
        asked = len(loopback_server.requests_to("/hang.xml"))
        with pytest.raises(FetchAborted):
            fetcher.get(loopback_server.url("/hang.xml"))
        assert len(loopback_server.requests_to("/hang.xml")) == asked


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose connects hang: a listener that never accepts, its backlog filled, so the kernel drops further
    connection requests and a connect waits for its timeout (a host that drops packets, as a firewall does)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    try:
        yield port
    finally:
        for sock in (*fillers, listener):
            sock.close()


def test_abort_cuts_a_connect_to_a_host_that_does_not_answer(silent_port: int) -> None:
    """``abort`` shut the sockets of requests under way, learnt once connected: a connect to a silent host held Ctrl-C
    for connect_timeout_seconds (10 s by default; 120 s here, far past the guard)."""
    with Fetcher(settings(connect_timeout_seconds=120.0, max_retries=0)) as fetcher:
        thread, raised = in_thread(lambda: fetcher.get(f"http://127.0.0.1:{silent_port}/feed.xml"))
        time.sleep(0.5)
        assert thread.is_alive()  # connecting
        fetcher.abort()
        thread.join(STOPPED_WITHIN)
        assert not thread.is_alive(), "the connect was not cut"
        assert len(raised) == 1 and isinstance(raised[0], FetchAborted), raised


def test_abort_ends_the_wait_for_a_name_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name look-up (C's getaddrinfo) cannot be interrupted: it held Ctrl-C for a slow resolver's timeouts. It runs
    aside now, and the request stops waiting for it."""
    real = socket.getaddrinfo
    release = threading.Event()

    def slow_resolver(host: object, *args: object, **kwargs: object) -> object:
        if host == "slow.test":
            release.wait(NEVER)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", slow_resolver)
    try:
        with Fetcher(settings(max_retries=0)) as fetcher:
            thread, raised = in_thread(lambda: fetcher.get("http://slow.test/feed.xml"))
            time.sleep(0.5)
            assert thread.is_alive()  # looking the name up
            fetcher.abort()
            thread.join(STOPPED_WITHIN)
            assert not thread.is_alive(), "the look-up's wait was not ended"
            assert len(raised) == 1 and isinstance(raised[0], FetchAborted), raised
    finally:
        release.set()


def test_abort_ends_a_retry_s_back_off(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/down.xml", body="down", status=503)
    with Fetcher(settings(backoff_base_seconds=60.0, backoff_max_seconds=60.0)) as fetcher:
        thread, raised = in_thread(lambda: fetcher.get(loopback_server.url("/down.xml")))
        for _ in range(100):  # until the first answer came and the back-off began
            if loopback_server.requests_to("/down.xml"):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        fetcher.abort()
        thread.join(STOPPED_WITHIN)
        assert not thread.is_alive(), "the back-off was not ended"
        assert len(raised) == 1 and isinstance(raised[0], FetchAborted), raised
        assert len(loopback_server.requests_to("/down.xml")) == 1  # no retry after the abort


@contextlib.contextmanager
def interrupt_when(ready: Callable[[], bool]) -> Iterator[list[float]]:
    """Ctrl-C as a terminal sends it: SIGINT to this process, raised in the main thread (where the test runs) as
    KeyboardInterrupt, Python's own handler set for the while (a run started in the background of a shell that has
    no job control inherits SIGINT ignored). Sent once ``ready()`` holds (STOPPED_WITHIN at most, a hang guard): a
    fixed 1.5 s was sometimes too early for a loaded machine to have stored the other feed's article. Yields a list
    that gets the monotonic time of the signal."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    done = threading.Event()
    sent: list[float] = []

    def holds() -> bool:
        try:
            return ready()
        except sqlite3.Error:  # the store busy with a write: ask again
            return False

    def watch() -> None:
        deadline = time.monotonic() + STOPPED_WITHIN
        while not done.is_set() and not holds() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not done.is_set():
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield sent
    finally:
        done.set()
        watcher.join()
        signal.signal(signal.SIGINT, before)


def stored_articles(db: Path) -> int:
    """The articles of the SQLite store at ``db``, read on a connection of the caller's (a watcher thread's)."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_ctrl_c_stops_a_fetch_waiting_on_a_hanging_feed_and_records_no_failure(
        loopback_server: LoopbackServer, store: Store, tmp_path: Path) -> None:
    fixtures = [FixtureItem("a-0", loopback_server.url("/a/0.html"), "第0条新闻标题", long_body(0))]
    loopback_server.route("/ok.xml", body=rss(fixtures), content_type="application/rss+xml")
    loopback_server.route("/hang.xml", body="<rss/>", delay=NEVER)
    for path in ("/ok.xml", "/hang.xml"):
        store.upsert_source(Source(id=path.strip("/"), url=loopback_server.url(path), outlet="测试台"))

    def hanging_and_the_other_stored() -> bool:
        return bool(loopback_server.requests_to("/hang.xml")) and stored_articles(tmp_path / "store.sqlite") == 1

    with interrupt_when(hanging_and_the_other_stored) as sent, pytest.raises(KeyboardInterrupt):
        fetch_sources(store, settings(), extract=simple_extract, force=True)
    assert sent and time.monotonic() - sent[0] < STOPPED_WITHIN
    hung = store.get_feed_state("hang.xml")
    assert hung.consecutive_failures == 0 and not hung.last_error  # the operator's Ctrl-C is no failure of the feed
    assert store.count_articles() == 1  # the other feed's article, stored before the stop, is kept


def test_ctrl_c_stops_a_recheck_waiting_on_hanging_pages_and_leaves_them_due(
        loopback_server: LoopbackServer, store: Store) -> None:
    ids = []
    for n in range(6):
        loopback_server.route(f"/news/{n}.html", body="<html></html>", delay=NEVER)
        article = simple_extract(RawDocument(kind=DocumentKind.WEB_PAGE, url=loopback_server.url(f"/news/{n}.html"),
                                             content=f"<html><body><p>{long_body(n)}</p></body></html>",
                                             title_hint=f"第{n}条新闻标题", outlet_hint="测试台"))
        store.upsert_article(article)
        ids.append(article.id)
    due = due_now(store, ids)

    def two_pages_in_flight() -> bool:
        return sum(loopback_server.hits(f"/news/{n}.html") for n in range(6)) >= 2

    with Fetcher(settings(max_retries=0)) as fetcher:
        with interrupt_when(two_pages_in_flight) as sent, pytest.raises(KeyboardInterrupt):
            recheck(store, fetcher, due, extract=simple_extract, workers=2)
        assert sent and time.monotonic() - sent[0] < STOPPED_WITHIN  # the pages in flight were not waited for
        # The fetcher is the caller's (`recheck` the command cuts its requests; a worker's is shared by its jobs):
        # left as it was, it still fetches.
        loopback_server.route("/fine.html", body="<html></html>")
        assert fetcher.get(loopback_server.url("/fine.html")).status == 200
        fetcher.abort()  # as the command does: the two pages in flight end now
    # Nothing recorded: every article is due as it was, none marked as a failed check.
    later = utcnow() + timedelta(days=400)
    assert sorted(item.article_id for item in store.due_checks(later, limit=20)) == sorted(ids)
    assert all(store.get_check_state(article_id).check_count == 0 for article_id in ids)


def _interrupter(server: LoopbackServer, path: str, sent: list[float]) -> threading.Thread:
    """A thread (not started) that, once the server saw a request to ``path``, notes the time in ``sent`` and sends
    SIGINT to itself: the signal reaches a thread other than the main one, as the kernel may deliver a Ctrl-C."""
    def interrupt_from_here() -> None:
        deadline = time.monotonic() + STOPPED_WITHIN
        while not server.requests_to(path) and time.monotonic() < deadline:
            time.sleep(0.02)
        sent.append(time.monotonic())
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # delivered to this thread, not the main one

    return threading.Thread(target=interrupt_from_here, daemon=True)


def test_ctrl_c_taken_by_another_thread_still_stops_a_fetch(loopback_server: LoopbackServer, store: Store) -> None:
    """The kernel may hand a process's SIGINT to any of its threads; Python then only marks it pending for the main
    thread, which ran the handler when it next woke. The fetch run's main thread waited for the next source to end
    without a timeout: on a loaded machine (the whole suite) a Ctrl-C during a feed that never answers waited for
    that feed's 60 s request deadline (40 s here, past the 30 s bound). Here the signal goes to a thread of the
    test's own, every time."""
    loopback_server.route("/hang.xml", body="<rss/>", delay=NEVER)
    store.upsert_source(Source(id="hang", url=loopback_server.url("/hang.xml"), outlet="测试台"))
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    sent: list[float] = []
    other = _interrupter(loopback_server, "/hang.xml", sent)
    try:
        other.start()
        with pytest.raises(KeyboardInterrupt):
            fetch_sources(store, settings(request_deadline_seconds=STOPPED_WITHIN + 10), extract=simple_extract, force=True)
        stopped = time.monotonic()
    finally:
        other.join()
        signal.signal(signal.SIGINT, before)
    assert sent and stopped - sent[0] < STOPPED_WITHIN
    assert store.get_feed_state("hang").consecutive_failures == 0


def test_ctrl_c_taken_by_another_thread_still_stops_a_recheck(loopback_server: LoopbackServer, store: Store) -> None:
    """As above, for the re-check: its main thread waited for each page without a timeout."""
    loopback_server.route("/news/0.html", body="<html></html>", delay=NEVER)
    article = simple_extract(RawDocument(kind=DocumentKind.WEB_PAGE, url=loopback_server.url("/news/0.html"),
                                         content=f"<html><body><p>{long_body(0)}</p></body></html>",
                                         title_hint="第0条新闻标题", outlet_hint="测试台"))
    store.upsert_article(article)
    due = due_now(store, [article.id])
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    sent: list[float] = []
    other = _interrupter(loopback_server, "/news/0.html", sent)
    try:
        with Fetcher(settings(max_retries=0, request_deadline_seconds=STOPPED_WITHIN + 10)) as fetcher:
            other.start()
            with pytest.raises(KeyboardInterrupt):
                recheck(store, fetcher, due, extract=simple_extract, workers=2)
            stopped = time.monotonic()
            fetcher.abort()
    finally:
        other.join()
        signal.signal(signal.SIGINT, before)
    assert sent and stopped - sent[0] < STOPPED_WITHIN
    assert store.get_check_state(article.id).check_count == 0
