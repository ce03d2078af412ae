"""HTTP for live sources: polite, conditional, bounded, retrying; see client.Fetcher."""

from newsmirror.fetch.charset import detect_and_decode
from newsmirror.fetch.client import Fetcher, FetchResult, parse_retry_after
from newsmirror.fetch.errors import (
    ConnectionFailed,
    ContentDecodingError,
    DeadlineExceeded,
    FetchAborted,
    FetchTimeout,
    HttpStatusError,
    PrivateAddress,
    RateLimited,
    RedirectLoop,
    ResponseTooLarge,
    RobotsDisallowed,
    ServerError,
    TooManyRedirects,
    TransientFetchError,
    TruncatedResponse,
)

__all__ = [
    "ConnectionFailed", "ContentDecodingError", "DeadlineExceeded", "FetchAborted", "FetchResult", "FetchTimeout", "Fetcher", "HttpStatusError",
    "PrivateAddress", "RateLimited", "RedirectLoop", "ResponseTooLarge", "RobotsDisallowed", "ServerError", "TooManyRedirects",
    "TransientFetchError", "TruncatedResponse", "detect_and_decode", "parse_retry_after",
]
