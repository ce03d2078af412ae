"""A loopback HTTP server for tests: serves routes you set and misbehaves on demand.

    server.route("/feed.xml", body=rss, content_type="application/rss+xml", etag='"v1"')
    server.route("/flaky", body="ok", fail_times=2, fail_status=503, retry_after="0")
    server.route("/moved", redirect_to="/feed.xml")
    server.gone("/deleted")               # 410 from now on
    server.hits("/feed.xml")              # how many GETs it received

Routes can be replaced between requests (edit, delete, restore, redirect a page), and every
request is recorded. Bound to 127.0.0.1 on a free port; used through the `loopback_server`
fixture or as a context manager.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops bursts of parallel connects, which then wait a 1 s SYN retry.
    request_queue_size = 128


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    encoding: str = "utf-8"  # how a str body is turned into bytes (the header may say otherwise)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between 1 KB body chunks (a slow body)
    fail_times: int = 0  # the first N requests get fail_status instead
    fail_status: int = 500
    retry_after: str | None = None  # sent with the failures
    truncate_at: int | None = None  # send only this many body bytes, then close (Content-Length says all)
    redirect_to: str | None = None  # path or absolute URL; status 302 unless `status` is a 3xx
    gzip: bool = False  # Content-Encoding: gzip
    etag: str | None = None  # answer If-None-Match with 304
    last_modified: str | None = None  # answer If-Modified-Since (exact match) with 304
    repeat: int = 1  # body sent this many times (huge bodies without holding them in the route)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    handler: Callable[[RecordedRequest], Route] | None = None  # compute the route per request

    def body_bytes(self) -> bytes:
        return self.body if isinstance(self.body, bytes) else self.body.encode(self.encoding)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float


class LoopbackServer:
    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._failures_sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # -- control ----------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, **options: Any) -> Route:
        route = Route(**options)
        with self._lock:
            self._routes[path] = route
            self._failures_sent.pop(path, None)
        return route

    def gone(self, path: str, status: int = 410) -> None:
        self.route(path, status=status, body="gone")

    def remove(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def wait_for_hits(self, path: str, count: int, timeout: float = 30.0) -> int:
        """Until ``path`` got ``count`` GETs (or ``timeout`` passed): the hits then. A client that gave up (a
        timeout test) returns before the server thread, which a loaded machine may run late, notes its request."""
        deadline = time.monotonic() + timeout
        while (hits := self.hits(path)) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return hits

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving ----------------------------------------------------------------------------------
    def _lookup(self, request: RecordedRequest) -> tuple[Route | None, bool]:
        """(route, serve a failure instead). A path with a query falls back to its route without."""
        with self._lock:
            self.requests.append(request)
            key = request.path if request.path in self._routes else request.path.split("?", 1)[0]
            route = self._routes.get(key)
            if route is None:
                return None, False
            sent = self._failures_sent.get(key, 0)
            if sent < route.fail_times:
                self._failures_sent[key] = sent + 1
                return route, True
        if route.handler is not None:
            return route.handler(request), False
        return route, False

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: truncation is observable

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                # The client may give up first (timeout tests): nothing to do then.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._serve()

            def _serve(self) -> None:
                request = RecordedRequest("GET", self.path, {k.lower(): v for k, v in self.headers.items()},
                                          time.monotonic())
                route, failing = server._lookup(request)
                if route is None:
                    self._send(404, b"not found", "text/plain", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if failing:
                    extra = {"Retry-After": route.retry_after} if route.retry_after is not None else {}
                    self._send(route.fail_status, b"failure on demand", "text/plain", extra)
                    return
                if route.redirect_to is not None:
                    target = route.redirect_to
                    if target.startswith("/"):
                        target = server.base_url + target
                    status = route.status if 300 <= route.status < 400 else 302
                    self._send(status, b"", "text/plain", {"Location": target})
                    return
                validators = {}
                if route.etag:
                    validators["ETag"] = route.etag
                if route.last_modified:
                    validators["Last-Modified"] = route.last_modified
                if (route.etag and request.headers.get("if-none-match") == route.etag) or (
                        route.last_modified and request.headers.get("if-modified-since") == route.last_modified):
                    self._send(304, b"", None, validators)
                    return
                body = route.body_bytes()
                headers = {**validators, **route.headers}
                if route.gzip:
                    body = gzip.compress(body * route.repeat)
                    headers["Content-Encoding"] = "gzip"
                    self._send(route.status, body, route.content_type, headers, chunk_delay=route.chunk_delay,
                               truncate_at=route.truncate_at, send_length=route.send_length)
                    return
                self._send(route.status, body, route.content_type, headers, repeat=route.repeat,
                           chunk_delay=route.chunk_delay, truncate_at=route.truncate_at,
                           send_length=route.send_length)

            def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str], *,
                      repeat: int = 1, chunk_delay: float = 0.0, truncate_at: int | None = None,
                      send_length: bool = True) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                if send_length:
                    self.send_header("Content-Length", str(len(body) * repeat))
                self.send_header("Connection", "close")
                self.end_headers()
                if status == 304:
                    return
                limit = truncate_at if truncate_at is not None else len(body) * repeat
                sent = 0
                for _ in range(repeat):
                    for start in range(0, len(body), 1024):
                        piece = body[start:start + 1024][: max(0, limit - sent)]
                        if not piece:
                            self.wfile.flush()
                            return
                        self.wfile.write(piece)
                        sent += len(piece)
                        if chunk_delay:
                            self.wfile.flush()
                            time.sleep(chunk_delay)
                self.wfile.flush()

        return Handler


@pytest.fixture
def loopback_server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        yield server
