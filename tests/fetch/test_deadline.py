"""A server that drips its answer one byte at a time must not hold a fetch past its deadline.

Each read arrives well within the per-read timeout, so only an overall deadline per request
stops it; the drip servers here would otherwise keep going for minutes.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.config import FetchSettings
from newsmirror.fetch import DeadlineExceeded, Fetcher, FetchTimeout, TransientFetchError
from tests.httpserver import LoopbackServer

BODY = b"<rss><channel><title>drip</title></channel></rss>" * 40
DRIP_INTERVAL = 0.05  # far below the per-read timeout
HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
           b"Content-Length: " + str(len(BODY)).encode() + b"\r\nConnection: close\r\n\r\n")


def settings(deadline: float) -> FetchSettings:
    return FetchSettings(timeout_seconds=2.0, connect_timeout_seconds=2.0, request_deadline_seconds=deadline,
                         max_retries=3, backoff_base_seconds=0.01, per_host_delay_seconds=0.0,
                         respect_robots=False)


@contextlib.contextmanager
def drip_server(drip_headers: bool) -> Iterator[tuple[str, list[float]]]:
    """A loopback server sending the whole response (about 2,000 bytes: 100 s at this rate) one
    byte per DRIP_INTERVAL; with ``drip_headers`` the status line and headers drip too."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()
    connections: list[float] = []  # when each request arrived

    def answer(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.recv(65536)
            head = b"" if drip_headers else HEADERS
            conn.sendall(head)
            for byte in (HEADERS if drip_headers else b"") + BODY:
                if stop.is_set():
                    return
                conn.sendall(bytes([byte]))
                time.sleep(DRIP_INTERVAL)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            connections.append(time.monotonic())
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml", connections
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


@pytest.mark.parametrize("drip_headers", [False, True], ids=["body drips", "headers drip"])
def test_a_dripping_response_is_cut_off_at_the_deadline(drip_headers: bool) -> None:
    with drip_server(drip_headers) as (url, connections), Fetcher(settings(deadline=1.0)) as fetcher:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as caught:
            fetcher.get(url)
        took = time.monotonic() - started
    assert "request_deadline_seconds" in str(caught.value) and url in str(caught.value)
    # The drip lasts 100 s and a retry would be a second connection (asserted below): 10 s sits far from both, and
    # from the deadline plus one read (3 s), which a loaded machine may pass.
    assert took < 10.0, f"took {took:.1f} s for a 1 s deadline"
    assert len(connections) == 1, "a dripping server is not asked again within the same fetch"


def test_a_deadline_failure_is_a_timeout_callers_may_retry_later() -> None:
    assert issubclass(DeadlineExceeded, FetchTimeout) and issubclass(DeadlineExceeded, TransientFetchError)


def test_a_slow_response_that_ends_in_time_is_read_whole(loopback_server: LoopbackServer) -> None:
    body = "新闻" * 2000  # 12,000 bytes: twelve 1,024-byte chunks, 0.1 s apart
    loopback_server.route("/slow.xml", body=body, chunk_delay=0.1)
    with Fetcher(settings(deadline=5.0)) as fetcher:
        result = fetcher.get(loopback_server.url("/slow.xml"))
    assert result.text == body


def test_the_deadline_is_a_fetch_setting() -> None:
    assert FetchSettings.from_mapping({"request_deadline_seconds": 5}).request_deadline_seconds == 5.0
    assert FetchSettings().request_deadline_seconds <= 120


def test_a_dripping_source_fails_alone_in_a_fetch_run(loopback_server: LoopbackServer, tmp_path: Path) -> None:
    from newsmirror.jobs.fetching import fetch_sources
    from newsmirror.model import Source
    from newsmirror.store import open_store
    from tests.feedfixtures import FixtureItem, long_body, rss
    from tests.jobs.simple_extract import simple_extract

    good = [FixtureItem("g-1", loopback_server.url("/g/1.html"), "正常的新闻标题", long_body(1))]
    loopback_server.route("/ok.xml", body=rss(good), content_type="application/rss+xml")
    with drip_server(drip_headers=False) as (drip_url, _), open_store(tmp_path / "s.sqlite") as store:
        store.upsert_source(Source(id="drip", url=drip_url, outlet="慢台"))
        store.upsert_source(Source(id="ok", url=loopback_server.url("/ok.xml"), outlet="快台"))
        started = time.monotonic()
        report = fetch_sources(store, settings(deadline=1.0), extract=simple_extract, force=True)
        took = time.monotonic() - started
    by_id = {item.source.id: item for item in report.sources}
    assert by_id["drip"].status == "failed" and "request_deadline_seconds" in by_id["drip"].error
    assert by_id["ok"].new == 1
    assert took < 30, f"{took:.1f} s"  # a hang guard: the drip alone lasts 100 s
