"""The reader under a path prefix: ``https://example.org/news/`` behind a reverse proxy.

ASGI names the prefix ``root_path`` (uvicorn's ``--root-path``, Starlette's routing strips it);
every link the reader writes starts with it, so pages, styles, feeds and the API docs work under
the prefix, and links stay as they were without one.

``newsmirror serve`` takes the prefix from ``--public-url``'s path rather than from a second
option: the public URL already says where readers find the reader (feeds link to it), and one
address cannot disagree with itself. The prefix is applied here, in the app, rather than by
uvicorn's ``root_path``, which always prepends it: then a proxy that strips the prefix
(``proxy_pass http://127.0.0.1:8000/;``) and one that passes the path as it came both work, and
so does the local address (``http://127.0.0.1:8000/`` and ``…/news/``).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from starlette.requests import Request

from newsmirror.model import clean_line
from newsmirror.web.guard import ASGIApp, Receive, Scope, Send, path_under


def root_path_of(public_url: str | None) -> str:
    """``/news`` of ``https://example.org/news/``; ``""`` for a URL without a path (or none)."""
    if not public_url:
        return ""
    path = urlsplit(public_url.strip()).path.rstrip("/")
    return "/" + path.lstrip("/") if path else ""


def root_of(request: Request) -> str:
    """The prefix every link of this request's page starts with (``""`` at the site's root)."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def route_path(request: Request) -> str:
    """The path without the prefix: what the routes see (``/docs``, ``/api/...``)."""
    return path_under(str(request.scope.get("path", "/")), root_of(request))


class PathPrefix:
    """ASGI middleware, outermost: ``root_path`` is the configured prefix (else what the server
    set), and ``path`` is the full path under it, as ASGI expects, whether the proxy stripped the
    prefix or not."""

    def __init__(self, app: ASGIApp, root_path: str = "") -> None:
        self.app = app
        self.root_path = root_path.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        root = self.root_path or str(scope.get("root_path", "")).rstrip("/")
        if scope["type"] in ("http", "websocket") and root:
            path: str = scope.get("path", "/")
            scope = {**scope, "root_path": root}
            if not (path == root or path.startswith(root + "/")):
                scope["path"] = root + path
                if isinstance(scope.get("raw_path"), bytes):
                    scope["raw_path"] = quote(root).encode("ascii") + scope["raw_path"]
        await self.app(scope, receive, send)


# A name's characters a path cannot carry, escaped with "~" (itself escaped): see name_segment.
_ESCAPED = {"~": "~7E", "/": "~2F", "%": "~25"}
_ESCAPE = re.compile("[~/%]")
_UNESCAPE = re.compile("~(7E|2F|25|2E)")
_UNESCAPED = {"7E": "~", "2F": "/", "25": "%", "2E": "."}


def name_segment(name: str) -> str:
    """An outlet's or a channel's name as one path segment (``/outlet/<segment>``), whatever it holds.

    Quoting alone cannot carry a ``/``: servers decode ``%2F`` before routing (Apache refuses it unless told
    otherwise), so "国际/港澳" was two segments and "恶意台/" a trailing slash (redirected to "恶意台"), both pages
    the menus linked to and 404s (safety72). So ``/`` is written ``~2F`` (``~`` itself ``~7E``), a character no
    server, proxy or browser decodes; ``%`` too (``~25``), so that a segment means the same decoded once or twice
    (Starlette's test client decodes twice). A name of dots only is escaped too (``~2E``): a browser drops a
    ``.``/``..`` segment before sending. A name without ``~``, ``/``, ``%`` keeps the address it always had."""
    escaped = _ESCAPE.sub(lambda m: _ESCAPED[m.group()], name)
    if escaped and not escaped.strip("."):
        escaped = escaped.replace(".", "~2E")
    return quote(escaped, safe="~")


def name_of_segment(segment: str) -> str:
    """The name :func:`name_segment` wrote, from the segment as the route sees it (decoded by the server), as a name
    can be stored (``model.clean_line``, which every stored outlet and channel passed): a typed segment's control or
    bidi override characters go. Echoed on the 404 page ("没有来自“…”的文章。") an override reordered our words after
    it, so a crafted link made the reader's own page say something else (safety73)."""
    return clean_line(_UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], segment))
