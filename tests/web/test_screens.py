"""The main pages as a reader sees them, at desktop (1280 px) and phone (390 px) width.

Both products, the reader (`newsmirror serve`) and the static site (`newsmirror build`), are
opened in Debian's Chromium over the corpus: no horizontal scrolling, no request to any host but
127.0.0.1, and Chinese text drawn with a real CJK font (the platform font Chromium used for the
page heading, asked through the DevTools protocol), not boxes. Screenshots are written to
$NEWSMIRROR_SCREENSHOTS when set (for a person to look at), else to the test's temporary folder.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest

from newsmirror.publish.base import BuildOptions
from newsmirror.store import Store, open_store
from tests.web.live import serve

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

WIDTHS = {"desktop": 1280, "phone": 390}
NTD_SEED = "https://www.ntdtv.com/gb/2023/02/04/a103642134.html"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def corpus_store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths

    with open_store(tmp_path_factory.mktemp("screens") / "corpus.sqlite") as store:
        import_paths(store, [corpus_dir])
        group_articles(store)
        yield store


@pytest.fixture(scope="module")
def reader(corpus_store: Store) -> Iterator[str]:
    with serve(corpus_store) as url:
        yield url


@pytest.fixture(scope="module")
def static_site(corpus_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from newsmirror.jobs.building import build

    out = tmp_path_factory.mktemp("site-out")
    build(corpus_store, out, ["site"], BuildOptions(base_url="http://127.0.0.1/"), images=False)
    handler = functools.partial(_Quiet, directory=str(out / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", out / "site"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSMIRROR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def seed_ids(store: Store) -> tuple[str, str]:
    article_id = store.find_article_id(url=NTD_SEED)
    assert article_id, "the NTD seed article was not imported from the corpus"
    story_id = store.story_of(article_id)
    assert story_id, "the NTD seed article is in no story"
    return article_id, story_id


MARK_CJK_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/[\\u4e00-\\u9fff]/.test(node.textContent) && node.parentElement.offsetParent !== null) {
      node.parentElement.setAttribute('data-cjk-probe', '1');
      return node.parentElement.textContent.trim().slice(0, 40);
    }
  }
  return null;
}"""


def cjk_font(page: Any) -> tuple[str, list[str]]:
    """The first visible Chinese text and the platform fonts Chromium drew it with
    (DevTools CSS.getPlatformFontsForNode)."""
    text = page.evaluate(MARK_CJK_TEXT)
    assert text, f"{page.url} shows no Chinese text"
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "[data-cjk-probe]"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return text, [font["familyName"] for font in fonts]


def look_at(browser: Any, url: str, width: int, shot: Path) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shot), full_page=False)
    text, fonts = cjk_font(page)
    seen = {
        "outside": outside,
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "fonts": fonts,
        "heading": text,
    }
    context.close()
    return seen


def problems(seen: dict[str, Any], width: int, what: str) -> list[str]:
    found = []
    if seen["outside"]:
        found.append(f"{what} requested hosts other than 127.0.0.1: {seen['outside'][:3]}")
    if seen["scroll_width"] > width:
        found.append(f"{what} scrolls sideways: {seen['scroll_width']} px wide at {width}")
    if not any("CJK" in name or "WenQuanYi" in name or "Droid" in name for name in seen["fonts"]):
        found.append(f"{what}: heading {seen['heading']!r} drawn with {seen['fonts']}, no CJK font "
                     "(install fonts-noto-cjk: scripts/test does)")
    return found


@pytest.mark.parametrize("device", WIDTHS)
def test_reader_pages(device: str, browser: Any, reader: str, corpus_store: Store, shots: Path) -> None:
    article_id, story_id = seed_ids(corpus_store)
    width = WIDTHS[device]
    pages = {
        "home": "/", "stories": "/stories", "story": f"/story/{story_id}", "article": f"/article/{article_id}",
        "search": "/search?q=" + quote("马朝旭"), "changes": "/changes", "outlet": "/outlet/" + quote("新唐人"),
    }
    found = [problem for name, path in pages.items()
             for problem in problems(look_at(browser, reader + path, width, shots / f"reader-{name}-{device}.png"),
                                     width, f"reader {path}")]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("device", WIDTHS)
def test_static_site_pages(device: str, browser: Any, static_site: tuple[str, Path], corpus_store: Store,
                           shots: Path) -> None:
    site, folder = static_site
    article_id, story_id = seed_ids(corpus_store)
    width = WIDTHS[device]
    article_page = next(folder.glob(f"**/{article_id}.html"), None)
    assert article_page is not None, f"the site has no page for article {article_id}"
    pages = {"home": "/index.html", "story": f"/story/{story_id}/index.html",
             "article": "/" + article_page.relative_to(folder).as_posix()}
    found = [problem for name, path in pages.items()
             for problem in problems(look_at(browser, site + path, width, shots / f"site-{name}-{device}.png"),
                                     width, f"site {path}")]
    assert not found, "\n".join(found)
