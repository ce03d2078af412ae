"""Chromium (Debian's, headless) reads the built site: home, an article, a story page, without JavaScript."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from newsmirror.jobs.building import build
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.images import httpx_fetcher
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, LOOPBACK, ImageServer, fill
from tests.web.live import chromium


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def served_site(store: SQLiteStore, tmp_path: Path, image_server: ImageServer) -> Iterator[tuple[str, list]]:
    articles = fill(store, 6, image_url=image_server.url + "/photo0.png")
    build(store, tmp_path / "out", ["site"], BuildOptions(base_url=BASE_URL), fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5))
    image_server.requests.clear()
    handler = functools.partial(_Quiet, directory=str(tmp_path / "out" / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", articles
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_chromium_reads_home_article_and_story_without_javascript(
        served_site: tuple[str, list], image_server: ImageServer) -> None:
    base, articles = served_site
    requested: list[str] = []
    failed: list[str] = []
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(base + "/index.html")
        assert page.locator("h1").first.inner_text() == "新闻镜像"
        page.get_by_role("link", name=articles[0].title).first.click()
        page.wait_for_load_state()
        assert page.locator("article h1").inner_text() == articles[0].title
        assert "第0篇报道的第一段" in page.locator("div.body").inner_text()
        image = page.locator("div.body img").first
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        page.get_by_role("link", name="同一事件的其他报道").click()
        page.wait_for_load_state()
        assert page.locator("section.member").count() == 2
        # Mobile first: nothing wider than the phone screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    hosts = {urlparse(url).netloc for url in requested}
    assert hosts == {urlparse(base).netloc}, f"the site contacted other hosts: {hosts}"
    assert failed == [], f"requests that failed: {failed}"
    # (Headless Chromium asks for no icon: test_build checks every page links the shipped one.)
    assert image_server.requests == []
