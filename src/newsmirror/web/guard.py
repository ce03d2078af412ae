"""What the reader accepts from a request: bounded numbers, no control characters, and never
the request's own ``Host`` header in a redirect or a feed link.

The numbers are bounds for FastAPI's ``Query(le=...)``; the rest is one ASGI middleware in front
of every route, so no single endpoint has to remember it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.requests import Request

# SQLite and PostgreSQL take 64-bit offsets; far smaller bounds keep a request from asking the
# database to skip millions of rows. 5,000 pages of 30 is 150,000 articles back.
MAX_PAGE = 5000
MAX_OFFSET = 200_000
MAX_QUERY_CHARS = 500  # a search query; more is not a search
MAX_COMPARED_OUTLETS = 50  # outlets chosen on a story page (?outlet=...&outlet=...)

# C0 and C1 controls, DEL, and the two non-characters XML 1.0 forbids. Tab and line breaks are
# blanks to a person who pasted them: they become spaces.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BLANK_CONTROL = re.compile("[\t\n\r]")

_QUERY_SAFE = "%/?=&+;:@!$'()*,-._~"

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def strip_controls(text: str) -> str:
    """Text without control characters (tabs and line breaks become spaces)."""
    return _CONTROL.sub("", _BLANK_CONTROL.sub(" ", text))


def has_controls(text: str) -> bool:
    return bool(_CONTROL.search(text) or _BLANK_CONTROL.search(text))


# Bidirectional embeddings, overrides and isolates: a typed query, outlet or date needs none (stored names and titles
# hold none: model.clean_line), and echoed on a page one reorders our words after it ("没有找到符合“…”的文章。"), so a
# crafted link made the reader's own page say something else (safety73). Dropped from parameters, as controls are;
# not from stored text, whose bodies keep them for right-to-left quotations.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def typed_text(text: str) -> str:
    """A request parameter as the routes see it: no control character (blanks become spaces), no bidi control."""
    return _BIDI_CONTROL.sub("", strip_controls(text))


class InputHygiene:
    """ASGI middleware: control and bidi control characters are removed from query parameters before any route
    sees them, and a path with a trailing slash is redirected to the path without it by a
    *relative* ``Location`` (Starlette's own slash redirect names the host the client claimed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_query: bytes = scope.get("query_string", b"")
        pairs = parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True)
        if any(typed_text(key) != key or typed_text(value) != value for key, value in pairs):
            cleaned = [(typed_text(key), typed_text(value)) for key, value in pairs]
            raw_query = urlencode(cleaned).encode("ascii")
            scope = {**scope, "query_string": raw_query}
        path: str = scope.get("path", "/")
        root = str(scope.get("root_path", "")).rstrip("/")  # under a prefix (web.root): /news/... is the path
        under = path_under(path, root) if path != root else ""
        if (len(under) > 1 and under.endswith("/")) or (root and not under):
            # "//evil.example/" must not become the protocol-relative "//evil.example"; the
            # prefix itself goes to its home page (/news -> /news/).
            location = quote(root + "/" + under.strip("/"), safe="/!$&'()*+,;=:@-._~")
            location += f"?{quote(raw_query.decode('latin-1'), safe=_QUERY_SAFE)}" if raw_query else ""
            await send({"type": "http.response.start", "status": 308,
                        "headers": [(b"location", location.encode("latin-1")),
                                    (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as its GET would be, headers only. FastAPI's GET routes do not
    take HEAD (405 Method Not Allowed), which is what uptime monitors, link checkers and `curl -I` send."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed page's parts: none is sent, only the end below
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class CodedFileValidators:
    """ASGI middleware, just outside the compression (``GZipMiddleware``): one file's gzip'd and identity bodies are
    not one representation to a cache (review59, RFC 9110 8.8.3), and the compression passes a 206 uncoded.

    - A file's ETag is weak (``W/"…"``) on every response but an image's (images are never compressed): a strong one
      promised the same bytes for the gzip'd and the identity body of ``/static/style.css``. A weak ETag still
      answers ``If-None-Match`` (weak comparison, RFC 9110 13.1.2) and is never used by ``If-Range``.
    - Such a file is sent whole to a client that takes gzip, whatever ``Range`` it asks (a server may ignore it, RFC
      9110 14.2): the 200 it would have resumed was gzip'd, the 206 would have been identity bytes spliced onto it.
      The files concerned are the style sheet, the scripts and the API browser's assets; a picture's ranges stay."""

    def __init__(self, app: ASGIApp, images: str = "/images/") -> None:
        self.app = app
        self.images = images

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(name, value) for name, value in scope.get("headers", [])]
        takes_gzip = any(name == b"accept-encoding" and b"gzip" in value.lower() for name, value in headers)
        path = str(scope.get("path", ""))
        under = path[len(str(scope.get("root_path", ""))):] if path.startswith(str(scope.get("root_path", ""))) else path
        if takes_gzip and not under.startswith(self.images) and any(name == b"range" for name, _ in headers):
            scope = {**scope, "headers": [(n, v) for n, v in headers if n not in (b"range", b"if-range")]}

        async def weak_etag(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                kind = next((v for n, v in raw if n.lower() == b"content-type"), b"").lower()
                if not kind.startswith(b"image/"):
                    message["headers"] = [(n, b"W/" + v if n.lower() == b"etag" and not v.startswith(b"W/") else v)
                                          for n, v in raw]
            await send(message)

        await self.app(scope, receive, weak_etag)


def public_base_url(request: Request, configured: str | None) -> str:
    """The reader's own address for absolute links in feeds, without a trailing slash.

    The configured public URL when there is one, else the address the server listens on (and the
    path prefix, ``root_path``), never the request's ``Host`` header (which any client sets to what
    it likes).
    """
    if configured:
        return configured.rstrip("/")
    root = str(request.scope.get("root_path", "")).rstrip("/")
    server = request.scope.get("server")
    if server and server[0]:
        host, port = server[0], server[1]
        if ":" in str(host):
            host = f"[{host}]"
        return f"http://{host}" + (f":{port}" if port and port != 80 else "") + root
    return "http://127.0.0.1" + root


def public_url(request: Request, configured: str | None) -> str:
    """The request's path (under the prefix) and query on :func:`public_base_url`."""
    query = request.url.query
    # The base ends with the prefix already.
    path = path_under(request.url.path, str(request.scope.get("root_path", "")).rstrip("/"))
    return public_base_url(request, configured) + path + (f"?{query}" if query else "")


def path_under(path: str, root: str) -> str:
    """``path`` without the prefix ``root`` (web.root), as the routes see it; ``/`` for the prefix itself."""
    if root and (path == root or path.startswith(root + "/")):
        return path[len(root):] or "/"
    return path
