"""A compressed body's validator is not its identity body's (safety76; review59's note at web/app.py).

``FileResponse`` and ``StaticFiles`` give a file one strong ETag, and the reader's GZip compresses a 200 but passes a
206 as it is. On main a client that had part of the gzip'd /static/style.css and resumed it with ``If-Range`` and
that ETag got a 206 of identity bytes to splice onto gzip bytes: a broken style sheet."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

GZIP = {"Accept-Encoding": "gzip"}


@pytest.mark.parametrize("path", ["/static/style.css", "/favicon.ico", "/static/changes.css"])
def test_a_resumed_compressed_download_gets_the_whole_body(client: TestClient, path: str) -> None:
    whole = client.get(path, headers=GZIP)
    assert whole.status_code == 200 and whole.headers["content-encoding"] == "gzip"
    etag = whole.headers["etag"]
    resumed = client.get(path, headers={**GZIP, "Range": "bytes=100-", "If-Range": etag})
    assert resumed.status_code == 200 and resumed.content == whole.content  # never a 206 of identity bytes
    assert etag.startswith('W/"')  # weak: another representation than the identity body's
    # A range asked for without a validator is still the identity body's, under its own strong ETag.
    part = client.get(path, headers={**GZIP, "Range": "bytes=0-9"})
    assert part.status_code == 206 and "content-encoding" not in part.headers
    assert not part.headers["etag"].startswith("W/")


def test_revalidating_a_compressed_static_file_still_answers_304(client: TestClient) -> None:
    etag = client.get("/static/changes.css", headers=GZIP).headers["etag"]
    again = client.get("/static/changes.css", headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"].startswith("W/")
