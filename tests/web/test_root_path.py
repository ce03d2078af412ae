"""The reader behind a reverse proxy under a path (https://example.org/news/): every link of every
page, feed and the API docs stays under the prefix and answers; without a prefix, links are as before."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from newsmirror.store import Store
from newsmirror.web import create_app
from newsmirror.web.root import root_path_of
from tests.web.conftest import EDITED_V1, SIMPLIFIED, STORY
from tests.web.test_images_and_docs import LOCAL_NAME, PICTURE, image_cache  # noqa: F401 - a fixture

PREFIX = "/news"
LINK = re.compile(r'\b(?:href|src|action|data-openapi-url)="([^"]*)"')  # /docs loads its schema by the last
# One page of every kind (the error page too): its links must work, whatever its own status.
PAGES = ["/", "/outlet/新闻网", "/channel/大陆新闻", f"/story/{STORY.id}", f"/article/{SIMPLIFIED.id}",
         f"/article/{PICTURE.id}", f"/article/{EDITED_V1.id}/history", "/changes", "/search?q=马朝旭", "/stories",
         "/no/such/page", "/atom.xml", "/outlet/新闻网/atom.xml", f"/story/{STORY.id}/atom.xml", "/changes.atom",
         "/search.atom?q=马朝旭", "/docs"]


def links(body: str) -> list[str]:
    return [unescape(link) for link in LINK.findall(body)]


def crawl(client: TestClient, start: str, prefix: str) -> set[str]:
    """Fetch ``start`` and every link on it on this site; returns the links fetched."""
    page_url = f"http://testserver{start}"
    page = client.get(start)
    status = 404 if "no/such" in start else 200
    assert page.status_code == status, start
    fetched = set()
    for link in links(page.text):
        target = urlsplit(urljoin(page_url, link))
        if target.scheme not in ("http", "https") or target.netloc != "testserver":
            continue  # an outlet's original, never a page of this site
        assert target.path == prefix or target.path.startswith(prefix + "/"), (start, link)
        address = target.path + (f"?{target.query}" if target.query else "")
        if address not in fetched:
            fetched.add(address)
            # The error page's own script toggle (原文/简/繁) is the error page again.
            expected = status if target.path == urlsplit(page_url).path else 200
            assert client.get(address).status_code == expected, (start, link)
    return fetched


@pytest.mark.parametrize("how", ["public-url", "server root_path"])
def test_every_link_of_every_page_stays_under_the_prefix_and_answers(store: Store, image_cache: Path,  # noqa: F811
                                                                     how: str) -> None:
    store.upsert_article(PICTURE)
    if how == "public-url":  # newsmirror serve --public-url https://example.org/news
        client = TestClient(create_app(store, images=image_cache, public_url=f"http://testserver{PREFIX}/"))
    else:  # uvicorn --root-path /news, or any ASGI server that sets it
        client = TestClient(create_app(store, images=image_cache), root_path=PREFIX)
    fetched: set[str] = set()
    for start in PAGES:
        fetched |= crawl(client, PREFIX + start, PREFIX)
    # The crawl reached the stylesheets, the script, a mirrored image, feeds, the docs' assets and schema.
    for needed in ("/static/style.css", "/static/changes.css", "/static/keys.js", f"/images/{LOCAL_NAME}",
                   "/atom.xml", f"/story/{STORY.id}/atom.xml", "/changes.atom", "/docs/assets/swagger-ui.css",
                   "/static/docs-init.js", "/openapi.json", "/search", "/stories", f"/story/{STORY.id}"):
        assert PREFIX + needed in {address.split("?")[0] for address in fetched}, needed
    # The docs run Swagger UI under their own policy; "Try it out" calls the API under the prefix,
    # and the API's page links are under it too.
    assert "unsafe-inline" in client.get(f"{PREFIX}/docs").headers["content-security-policy"]
    assert client.get(f"{PREFIX}/openapi.json").json()["servers"] == [{"url": PREFIX}]
    assert client.get(f"{PREFIX}/api/articles", params={"limit": 1}).json()[0]["url"].startswith(f"{PREFIX}/article/")
    assert f"{PREFIX}/images/{LOCAL_NAME}" in client.get(f"{PREFIX}/api/articles/{PICTURE.id}").json()["body_html"]


def test_a_proxy_that_strips_the_prefix_gets_the_same_pages(store: Store) -> None:
    """nginx's ``location /news/ { proxy_pass http://127.0.0.1:8000/; }`` sends /story/ID."""
    client = TestClient(create_app(store, public_url="https://example.org/news"))
    stripped, whole = client.get(f"/story/{STORY.id}"), client.get(f"{PREFIX}/story/{STORY.id}")
    assert stripped.status_code == whole.status_code == 200 and stripped.text == whole.text
    assert 'href="/news/static/style.css"' in stripped.text
    feed = client.get("/atom.xml").text
    assert 'href="https://example.org/news/atom.xml"' in feed and "/news/news" not in feed
    assert f'href="https://example.org/news/article/{SIMPLIFIED.id}"' in feed


def test_redirects_and_the_script_cookie_stay_under_the_prefix(store: Store) -> None:
    client = TestClient(create_app(store, root_path=PREFIX), follow_redirects=False)
    assert client.get(f"{PREFIX}/stories/").headers["location"] == f"{PREFIX}/stories"
    assert client.get(PREFIX).headers["location"] == f"{PREFIX}/"
    assert client.get(f"{PREFIX}/").status_code == 200
    chosen = client.get(f"{PREFIX}/?script=zh-Hant")
    assert "Path=/news/" in chosen.headers["set-cookie"]
    assert 'href="/news/?script=zh-Hans"' in chosen.text


def test_without_a_prefix_links_are_as_before(client: TestClient) -> None:
    page = client.get(f"/story/{STORY.id}").text
    assert 'href="/static/style.css"' in page and f'href="/story/{STORY.id}/atom.xml"' in page
    assert 'action="/search"' in page
    docs = client.get("/docs").text
    assert 'data-openapi-url="/openapi.json"' in docs and 'src="/docs/assets/swagger-ui-bundle.js"' in docs
    assert "servers" not in client.get("/openapi.json").json()
    assert client.get("/api/articles", params={"limit": 1}).json()[0]["url"].startswith("/article/")
    assert client.get("/stories/", follow_redirects=False).headers["location"] == "/stories"


@pytest.mark.parametrize("public_url, prefix", [
    (None, ""), ("", ""), ("https://example.org", ""), ("https://example.org/", ""),
    ("https://example.org/news", "/news"), ("https://example.org/news/", "/news"),
    ("https://example.org/a/b/", "/a/b"), ("http://127.0.0.1:8080/news?x=1", "/news"),
])
def test_the_prefix_is_the_public_urls_path(public_url: str | None, prefix: str) -> None:
    assert root_path_of(public_url) == prefix
