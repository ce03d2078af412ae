"""The HTTP client every live stage uses: conditional GET, politeness, retries, limits, charsets.

    with Fetcher(FetchSettings()) as fetcher:
        result = fetcher.get(url, etag=state.etag, last_modified=state.last_modified)
        if result.not_modified: ...

Thread-safe: one Fetcher serves a pool of workers; per-host limits hold across all of them.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import httpx

from newsmirror.config import FetchSettings
from newsmirror.fetch.addresses import allowance, cut_by, only_public, pinned_client, refuse_private
from newsmirror.fetch.charset import detect_and_decode
from newsmirror.fetch.errors import (
    ConnectionFailed,
    ContentDecodingError,
    DeadlineExceeded,
    FetchAborted,
    FetchTimeout,
    HttpStatusError,
    RateLimited,
    RedirectLoop,
    ResponseTooLarge,
    RobotsDisallowed,
    ServerError,
    TooManyRedirects,
    TransientFetchError,
    TruncatedResponse,
)
from newsmirror.fetch.politeness import HostGate
from newsmirror.fetch.robots import RobotsPolicy

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(slots=True)
class FetchResult:
    url: str  # what was asked for
    status: int
    final_url: str  # after redirects
    headers: dict[str, str]  # lower-case names
    content_bytes: bytes  # decompressed body
    text: str  # decoded with charset detection
    encoding: str
    etag: str | None
    last_modified: str | None
    not_modified: bool  # 304 to a conditional request: content_bytes is empty
    redirects: list[str] = field(default_factory=list)  # every URL redirected from, in order
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Decompressor:
    """Undo Content-Encoding chunk by chunk, refusing to produce more than `limit` bytes.

    httpx decompresses too, but without an output bound per chunk: a few kilobytes of gzip can
    inflate to gigabytes before a size check runs. zlib's max_length lets us stop early.
    """

    def __init__(self, coding: str, limit: int, url: str) -> None:
        self.url = url
        self.limit = limit
        self.size = 0
        coding = coding.strip().lower()
        if coding in ("", "identity"):
            self._zlib = None
        elif coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = None
            self._raw_deflate_pending = True  # zlib-wrapped or raw: decided on the first bytes
        else:
            raise ContentDecodingError(f"{url}: unsupported Content-Encoding {coding!r}")
        self._parts: list[bytes] = []

    _raw_deflate_pending = False

    def feed(self, chunk: bytes) -> None:
        if self._raw_deflate_pending and chunk:
            # "deflate" should be zlib-wrapped (RFC 9110) but some servers send a raw stream.
            wrapped = len(chunk) >= 2 and chunk[0] & 0x0F == 8 and int.from_bytes(chunk[:2], "big") % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            self._raw_deflate_pending = False
        if self._zlib is None:
            self._add(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise ContentDecodingError(f"{self.url}: corrupt compressed body ({exc})") from exc
            self._add(out)
            data = self._zlib.unconsumed_tail

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise ResponseTooLarge(
                f"{self.url}: body larger than {self.limit} bytes (after decompression); "
                "raise [fetch] max_response_bytes if this source is legitimate"
            )
        self._parts.append(data)

    def finish(self) -> bytes:
        if self._zlib is not None:
            self._add(self._zlib.flush())
            if not self._zlib.eof:
                raise ContentDecodingError(f"{self.url}: compressed body ends before its end marker (corrupt or cut)")
        return b"".join(self._parts)


class _Deadline:
    """Cuts one request off when its overall time is up, in whatever phase it is.

    httpx's timeouts bound each read, not the request: a server that sends a byte every few
    seconds never trips them. A timer shuts the request's socket down when time is up; the
    blocked read returns at once and the request fails. The socket is learnt from httpcore's
    ``trace`` extension when the connection is made (the fetcher keeps no idle connections,
    so every request makes its own).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.ended = threading.Event()  # set with ``expired``: ends a name look-up's wait (fetch.addresses.cut_by)
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, object]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        get_info = getattr(stream, "get_extra_info", None)
        sock = get_info("socket") if get_info else None
        if isinstance(sock, socket.socket):
            self.watch(sock)

    def watch(self, sock: socket.socket) -> None:
        """Cut ``sock`` with this request (shut at once when already cut): given before its connect by the pinned
        connection (fetch.addresses.cut_by), so that a connect to a silent host ends too, or at ``trace``."""
        with self._lock:
            if sock not in self._sockets:
                self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self.ended.set()
            for sock in self._sockets:
                self._shut(sock)

    def cut(self) -> None:
        """Shut the request's socket now (the fetcher is stopping): the blocked read returns at once."""
        self._timer.cancel()
        self._expire()

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed: the request has ended anyway
            sock.shutdown(socket.SHUT_RDWR)


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        # Set by abort(): requests in flight are cut, waits end, and no request starts. Ctrl-C during a fetch
        # waited for a server that never answers (its read timeouts and back-off, 83 s with the defaults) before
        # the command could stop. Waits on the event are the real sleep; a sleep given (tests) is used as it is.
        self._aborted = threading.Event()
        self._live: set[_Deadline] = set()
        self._sleep = self._wait if sleep is time.sleep else sleep
        # The hosts on a private network the operator allows a link to lead to (a LAN source, its images). Read
        # before the client is made: a wrong entry raises ConfigError, and a client made first was left open.
        self.private_hosts = allowance(self.settings.private_hosts)
        timeout = httpx.Timeout(self.settings.timeout_seconds, connect=self.settings.connect_timeout_seconds)
        # No idle connections kept: the per-request deadline needs each request's own socket
        # (see _Deadline), and polite per-host delays leave little to reuse anyway.
        limits = httpx.Limits(max_keepalive_connections=0)
        client_options: dict[str, Any] = dict(
            timeout=timeout,
            follow_redirects=False,  # followed by hand: each hop is counted, robots-checked and rate-limited
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": "gzip, deflate",  # only what _Decompressor can bound
                "Accept-Language": "zh-CN,zh-TW;q=0.9,zh;q=0.8,en;q=0.5",
            },
            limits=limits,
        )
        # Pinned: a link's connection goes to the address its check found (fetch.addresses). A transport given
        # (tests, benchmarks) is used as it is.
        self._client = (httpx.Client(transport=transport, **client_options) if transport is not None
                        else pinned_client(**client_options))
        self.gate = HostGate(self.settings.per_host_concurrency, self.settings.per_host_delay_seconds,
                             sleep=self._sleep)
        self.robots = RobotsPolicy(self.settings.user_agent, self._load_robots)
        self._robots_delay_applied: set[str] = set()
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def abort(self) -> None:
        """Stop every request of this fetcher, from any thread: those in flight end with FetchAborted at once
        (their sockets shut, as a deadline shuts them), a retry's back-off or a host's delay ends, and every later
        request raises FetchAborted without connecting. For a command stopping (Ctrl-C); the fetcher stays
        stopped."""
        self._aborted.set()
        with self._lock:
            live = list(self._live)
        for deadline in live:
            deadline.cut()

    def _wait(self, seconds: float) -> None:
        self._aborted.wait(seconds)

    def _stop_if_aborted(self, url: str) -> None:
        if self._aborted.is_set():
            raise FetchAborted(f"{url}: stopped before it was fetched")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- public API ---------------------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None, *,
            raise_for_status: bool = True, accept: str | None = None,
            public_only: frozenset[str] | None = None) -> FetchResult:
        """GET with retries on timeouts, connection errors, truncated bodies, 5xx and 429.

        With ``raise_for_status=False`` a final 4xx/5xx comes back as a result (status set,
        body as sent) instead of an HttpStatusError, for callers that track deletions.
        ``public_only``: ``url`` is one a feed or a page named, not the operator: it and every address it redirects to
        must lead to public addresses (else PrivateAddress), but for the hosts (``host:port``, fetch.addresses'
        allowance) in the set and in ``[fetch] private_hosts``, the ones the operator named (a feed served by an
        RSSHub on 127.0.0.1 links its own pages there).
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        allowed = None if public_only is None else public_only | self.private_hosts
        attempt = 0
        started = time.monotonic()
        while True:
            attempt += 1
            self._stop_if_aborted(url)  # also after a back-off an abort ended
            try:
                # The connections are checked too (robots.txt's included), and a name look-up ends on abort(), as
                # the request's own connect and reads do (``_once``): fetch.addresses.
                with only_public(allowed), cut_by(self._aborted):
                    result = self._follow(url, headers, self.settings.max_response_bytes, check_robots=True,
                                          public_only=allowed)
            except TransientFetchError as exc:
                wait = self._retry_wait(exc, attempt)
                if wait is None:
                    if isinstance(exc, HttpStatusError) and not raise_for_status and exc.response is not None:
                        exc.response.attempts = attempt
                        return exc.response
                    if attempt > 1:
                        # "timed out (ReadTimeout)" after 89 s told the operator of one wait, not of the four that
                        # made the whole fetch wait: the attempts and the time they took (max_retries, timeouts).
                        exc.args = (f"{exc} (asked {attempt} times over {time.monotonic() - started:.0f} s)",
                                    *exc.args[1:])
                    raise
                self._sleep(wait)
                continue
            result.attempts = attempt
            if raise_for_status and result.status >= 400:
                raise HttpStatusError(url, result.status, f"{url}: HTTP {result.status}"
                                      + (f" (redirected to {result.final_url})" if result.redirects else ""))
            return result

    # -- internals ----------------------------------------------------------------------------
    def _retry_wait(self, exc: TransientFetchError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to give up."""
        if attempt > self.settings.max_retries or isinstance(exc, DeadlineExceeded):
            return None
        backoff = min(self.settings.backoff_max_seconds, self.settings.backoff_base_seconds * 2 ** (attempt - 1))
        backoff *= 1 + random.uniform(0, 0.1)  # spread retries of parallel workers
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            if exc.retry_after > self.settings.max_retry_after_seconds:
                return None
            return max(exc.retry_after, 0.0)
        return backoff

    def _follow(self, url: str, headers: dict[str, str], limit: int, check_robots: bool,
                public_only: frozenset[str] | None = None) -> FetchResult:
        chain: list[str] = []
        seen = {url}
        current = url
        while True:
            if public_only is not None:  # before robots.txt too: that is a request to the host as well
                refuse_private(current, public_only, asked=url)
            if check_robots and self.settings.respect_robots:
                self._check_robots(current)
            result = self._once(url, current, headers, limit)
            location = result.headers.get("location")
            if result.status not in REDIRECT_STATUSES or not location:
                result.redirects = chain
                if result.status == 429 or result.status >= 500:
                    raise self._status_error(result)
                return result
            chain.append(current)
            target = urljoin(current, location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                raise TooManyRedirects(url, chain, f"{url}: redirected to a non-HTTP location {target!r}")
            if target in seen:
                raise RedirectLoop(url, chain, f"{url}: redirect loop ({' -> '.join([*chain, target])})")
            if len(chain) > self.settings.max_redirects:
                raise TooManyRedirects(url, chain, f"{url}: more than {self.settings.max_redirects} redirects")
            seen.add(target)
            current = target

    @staticmethod
    def _status_error(result: FetchResult) -> ServerError:
        where = result.url if result.final_url == result.url else f"{result.url} (at {result.final_url})"
        error: ServerError
        if result.status == 429 or result.status == 503 and "retry-after" in result.headers:
            retry_after = parse_retry_after(result.headers.get("retry-after"))
            error = RateLimited(result.url, result.status, retry_after,
                                f"{where}: HTTP {result.status}, rate limited"
                                + (f" (Retry-After {retry_after:.0f}s)" if retry_after is not None else ""))
        else:
            error = ServerError(result.url, result.status, f"{where}: HTTP {result.status} (server error)")
        error.response = result
        return error

    def _check_robots(self, url: str) -> None:
        if not self.robots.allowed(url):
            raise RobotsDisallowed(f"{url}: disallowed by the site's robots.txt; newsmirror will not fetch it")
        delay = self.robots.crawl_delay(url)
        if delay:
            self.gate.set_host_delay(url, min(delay, self.settings.max_crawl_delay_seconds))

    def _load_robots(self, robots_url: str) -> tuple[int, str]:
        result = self._follow(robots_url, {}, ROBOTS_MAX_BYTES, check_robots=False)
        return result.status, result.text

    def _once(self, asked: str, url: str, headers: dict[str, str], limit: int) -> FetchResult:
        with self.gate.slot(url), _Deadline(self.settings.request_deadline_seconds) as deadline:
            with self._lock:
                self._live.add(deadline)
            try:
                # After joining the live set: an abort from now on cuts this request; one before it stops it here
                # (it also ends a host's delay).
                self._stop_if_aborted(url)
                # The look-up and the connect are cut with the request (abort() or its deadline), not only its reads:
                # Ctrl-C waited for a connect to a silent host (connect_timeout_seconds, 10 s) or a slow resolver.
                with cut_by(deadline.ended, deadline.watch), \
                        self._client.stream("GET", url, headers=headers,
                                            extensions={"trace": deadline.trace}) as response:
                    return self._read(asked, url, response, limit, deadline)
            except (httpx.TransportError, ContentDecodingError) as exc:
                if self._aborted.is_set():  # cut by abort(): no failure of the server's
                    raise FetchAborted(f"{url}: stopped while it was being fetched") from exc
                # A socket shut by the deadline surfaces as a closed connection or a cut body.
                failure = self._past_deadline(url) if deadline.expired else self._transport_failure(url, exc)
                if failure is exc:
                    raise
                raise failure from exc
            except httpx.InvalidURL as exc:
                raise HttpStatusError(url, 0, f"{url}: invalid URL ({exc})") from exc
            finally:
                with self._lock:
                    self._live.discard(deadline)

    def _past_deadline(self, url: str) -> DeadlineExceeded:
        return DeadlineExceeded(f"{url}: not complete after {self.settings.request_deadline_seconds:g} s "
                                "(the server sends too slowly); raise [fetch] request_deadline_seconds "
                                "if this source is legitimate")

    @staticmethod
    def _transport_failure(url: str, exc: Exception) -> Exception:
        if isinstance(exc, httpx.TimeoutException):
            return FetchTimeout(f"{url}: timed out ({type(exc).__name__})")
        if isinstance(exc, httpx.RemoteProtocolError):
            return TruncatedResponse(f"{url}: connection closed before the whole response arrived ({exc})")
        if isinstance(exc, httpx.TransportError):
            return ConnectionFailed(f"{url}: {type(exc).__name__}: {exc or 'connection failed'}")
        return exc  # ContentDecodingError: already says what went wrong

    def _read(self, asked: str, url: str, response: httpx.Response, limit: int,
              deadline: _Deadline) -> FetchResult:
        headers = {name.lower(): value for name, value in response.headers.items()}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and response.status_code < 300:
            raise ResponseTooLarge(f"{url}: Content-Length {declared} exceeds the {limit}-byte limit; "
                                   "raise [fetch] max_response_bytes if this source is legitimate")
        body = b""
        if response.status_code not in REDIRECT_STATUSES and response.status_code != 304:
            decompressor = _Decompressor(headers.get("content-encoding", ""), limit, url)
            for chunk in response.iter_raw():
                if deadline.expired:  # a transport that is not a socket (tests) stops here
                    self._stop_if_aborted(url)
                    raise self._past_deadline(url)
                decompressor.feed(chunk)
            body = decompressor.finish()
        text, encoding = detect_and_decode(body, headers.get("content-type")) if body else ("", "utf-8")
        return FetchResult(
            url=asked, status=response.status_code, final_url=url, headers=headers,
            content_bytes=body, text=text, encoding=encoding,
            etag=headers.get("etag"), last_modified=headers.get("last-modified"),
            not_modified=response.status_code == 304,
        )
