"""Typed fetch failures, so callers can tell a dead page from a flaky server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsmirror.errors import FetchError

if TYPE_CHECKING:
    from newsmirror.fetch.client import FetchResult


class TransientFetchError(FetchError):
    """Worth trying again later: timeouts, refused connections, 5xx, 429, cut-off bodies."""


class FetchAborted(FetchError):
    """The fetcher was stopped (Ctrl-C, SIGTERM) while this request was under way or waiting its turn: not the
    server's failure, so nothing is recorded against the source; the next run asks again."""


class FetchTimeout(TransientFetchError):
    pass


class DeadlineExceeded(FetchTimeout):
    """The response kept trickling in past the request's overall deadline. Not retried within
    the same request (a server that drips bytes drips again); later polls try again."""


class ConnectionFailed(TransientFetchError):
    pass


class TruncatedResponse(TransientFetchError):
    """The server closed the connection before the whole body arrived."""


class HttpStatusError(FetchError):
    """A final non-success status (after retries for 5xx/429)."""

    def __init__(self, url: str, status: int, message: str = "") -> None:
        super().__init__(message or f"{url}: HTTP {status}")
        self.url = url
        self.status = status
        self.response: FetchResult | None = None  # the final response, when there was one

    @property
    def gone(self) -> bool:
        """404/410: the page is not there (what deletion tracking looks for)."""
        return self.status in (404, 410)


class ServerError(HttpStatusError, TransientFetchError):
    pass


class RateLimited(ServerError):
    def __init__(self, url: str, status: int, retry_after: float | None, message: str = "") -> None:
        super().__init__(url, status, message)
        self.retry_after = retry_after


class TooManyRedirects(FetchError):
    def __init__(self, url: str, chain: list[str], message: str) -> None:
        super().__init__(message)
        self.url = url
        self.chain = chain


class RedirectLoop(TooManyRedirects):
    pass


class ResponseTooLarge(FetchError):
    pass


class ContentDecodingError(FetchError):
    """A body whose Content-Encoding could not be undone (corrupt gzip, unsupported coding)."""


class RobotsDisallowed(FetchError):
    pass


class PrivateAddress(FetchError):
    """An address a feed or a page named (not the operator) that leads into a private network: never asked."""
