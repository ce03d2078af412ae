"""The reader loaded with the hostile archive (tests/hostile.py), opened in headless Chromium.

On every main page (lists, articles, search, stories, changes, history, the API browser) no
payload may run (each sets ``window.__pwned`` or opens a dialog, also on hover and click) and
the browser may ask nothing of any host but the reader's own 127.0.0.1 address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from newsmirror.store import Store, open_store
from tests.hostile import EVIL_HOST, make_hostile_archive
from tests.web.live import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths

    root = tmp_path_factory.mktemp("hostile")
    make_hostile_archive(root / "archive")
    with open_store(root / "hostile.sqlite") as store:
        report = import_paths(store, [root / "archive"])
        assert report.imported >= 5, [(r.path, r.reason) for r in report.failures]
        group_articles(store)
        with serve(store) as url:
            yield url, store


def main_pages(store: Store) -> list[str]:
    articles = list(store.iter_articles())
    outlets = sorted({a.outlet for a in articles})
    channels = sorted({a.channel for a in articles if a.channel})
    stories = store.list_stories(min_outlets=1, limit=5)
    return [
        "/", "/?page=2", "/stories?min_outlets=1", "/changes", "/docs",
        "/search?q=" + quote("恶意标题"), "/search?q=" + quote('"><script>window.__pwned=1</script>'),
        *(f"/article/{a.id}" for a in articles),
        *(f"/article/{a.id}/history" for a in articles[:3]),
        *(f"/outlet/{quote(name, safe='')}" for name in outlets),
        *(f"/channel/{quote(name, safe='')}" for name in channels),
        *(f"/story/{story.id}" for story in stories),
        "/article/no-such-article",
    ]


def watched_page(browser: Any, own: str, script: str = "") -> tuple[Any, Any, list[str], list[str]]:
    """A page whose requests off ``own`` are recorded (and aborted) and whose dialogs are recorded; ``script``: the
    reader's 简/繁 choice, in its cookie."""
    context = browser.new_context()
    if script:
        context.add_cookies([{"name": "script", "value": script, "url": f"http://{own}/"}])
    foreign: list[str] = []
    dialogs: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or urlsplit(url).netloc == own:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return context, page, foreign, dialogs


OFF_SITE_IMAGES = "() => Array.from(document.images).map(i => i.src).filter(s => s && !s.startsWith(location.origin))"


def test_the_checks_catch_a_live_payload(browser: Any) -> None:
    """Without this, a check that can never fail would pass: a page with live payloads trips all three."""
    context, page, foreign, dialogs = watched_page(browser, "127.0.0.1:1")
    page.goto("data:text/html,<p>x</p>")
    page.set_content(f'<img src="https://{EVIL_HOST}/t.png"><img src=x onerror="window.__pwned=1">'
                     '<script>alert("pwned")</script>')
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned") == 1
    assert dialogs == ["pwned"] and any(EVIL_HOST in url for url in foreign)
    assert page.evaluate(OFF_SITE_IMAGES)
    context.close()


@pytest.mark.parametrize("script", ["", "zh-Hant"])
def test_no_payload_runs_and_nothing_leaves_the_reader(browser: Any, hostile_reader: tuple[str, Store],
                                                       script: str) -> None:
    """Under 繁 too (session 53: the interface's words through s2twp, outlets' text through s2tw, a query typed
    without spaces cut by jieba and marked as a phrase)."""
    site, store = hostile_reader
    context, page, foreign, dialogs = watched_page(browser, urlsplit(site).netloc, script)
    pages = main_pages(store)
    if script:
        pages += ["/search?q=" + quote("恶意标题" + "<script>window.__pwned=1</script>恶意标题"),
                  "/search?q=" + quote("惡意標題" * 30)]
    assert any(p.startswith("/story/") for p in pages), "the hostile archive forms no story"
    for path in pages:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)  # onmouseover payloads
        page.mouse.move(400, 500)
        for link in page.locator("main a").all()[:20]:
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (path, href)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.evaluate(OFF_SITE_IMAGES) == [], path  # rewritten away, not only blocked by the CSP
        assert dialogs == [], (path, dialogs)
    if script:  # the cookie did choose 繁
        page.goto(site + "/")
        assert page.locator("html").get_attribute("lang") == script
    swagger = page.goto(site + "/docs")
    assert swagger is not None and swagger.ok
    page.wait_for_selector("#swagger-ui .opblock", timeout=20_000)  # Swagger UI ran from local files
    assert page.locator("#swagger-ui").inner_text().count("/api/") >= 3
    page.close()
    context.close()
    assert foreign == [], foreign
    assert not any(EVIL_HOST in url for url in foreign)


def test_hostile_text_is_shown_as_text(browser: Any, hostile_reader: tuple[str, Store]) -> None:
    site, store = hostile_reader
    page = browser.new_page()
    article = next(a for a in store.iter_articles() if "<script>" in a.title)
    page.goto(site + f"/article/{article.id}")
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    assert page.locator("main script, main iframe, main object, main svg, main form, main style").count() == 0
    page.close()


def test_the_hostile_archive_was_imported_whole(hostile_reader: tuple[str, Store], tmp_path: Path) -> None:
    _, store = hostile_reader
    assert store.count_articles() >= 5
