"""The API browser at /docs, served entirely from this machine.

FastAPI's default /docs page loads Swagger UI from a CDN: blocked for many readers, and a
request that tells a third party who opens the reader. Swagger UI 5 (which reads FastAPI's
OpenAPI 3.1) ships in the ``fastapi-offline`` package; its files are served under
/docs/assets, started by our own script file (no inline script, so the page's policy can forbid
inline code), with the online validator badge switched off (it would send the schema away). Laid out at the device's width, as
every reader page is: without the viewport line a phone drew it 980 px wide, shrunk (the reader's footer links it).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import escape

from newsmirror.web.root import root_of

DOCS_PATH = "/docs"
ASSETS = "/docs/assets"
INIT_SCRIPT = "/static/docs-init.js"  # newsmirror/web/static/docs-init.js
# Swagger UI sets inline styles on its elements (hence 'unsafe-inline' for styles only) and
# loads the schema with fetch (connect-src 'self'); it needs nothing from another host.
DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def swagger_ui_folder() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def docs_page(title: str, root: str = "") -> str:
    """``root``: the path prefix the reader is served under (web.root); FastAPI puts it in the
    schema's ``servers``, so "Try it out" calls the API there too."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)} - API</title>
<link rel="stylesheet" href="{root}{ASSETS}/swagger-ui.css">
<link rel="icon" href="{root}{ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{root}/openapi.json"></div>
<script src="{root}{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{root}{INIT_SCRIPT}"></script>
</body>
</html>
"""


def add_docs(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_folder())), name="swagger-ui")

    @app.get(DOCS_PATH, response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return HTMLResponse(docs_page(app.title, escape(root_of(request))))
