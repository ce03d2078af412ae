"""Issue 13, the whole way: a hostile archive (and the same payloads as a fetched feed) goes through
the normal importer (or fetch), every output format is built, and headless Chromium (Debian's,
JavaScript ON) opens every page: the static site as written, the Jekyll site as ``jekyll build``
makes it, the page mirror as kramdown renders it (GFM, as Jekyll/GitHub Pages). No script may
run (``window.__pwned`` stays unset, no dialog opens, no element keeps an ``on*`` handler, no
``javascript:`` URL is left) and no request may leave 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlparse

import pytest

from newsmirror.config import FetchSettings
from newsmirror.jobs.building import build, default_comparer
from newsmirror.jobs.fetching import fetch_sources
from newsmirror.jobs.importing import import_paths
from newsmirror.model import Source, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.images import ImageFetchError
from newsmirror.store import Store, open_store
from newsmirror.store.base import StoryMember
from newsmirror.store.changes import ArticleEvent, EventKind
from tests import hostile
from tests.httpserver import LoopbackServer
from tests.web.live import chromium

if TYPE_CHECKING:
    from playwright.sync_api import Page

BASE_URL = "https://mirror.test/news"
REMOTE_SRC = re.compile(r"""(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
RENDER_MARKDOWN = """
require 'kramdown'
require 'kramdown-parser-gfm'
Dir.glob(File.join(ARGV[0], '**', '*.md')).each do |path|
  html = Kramdown::Document.new(File.read(path, encoding: 'utf-8'), input: 'GFM').to_html
  File.write(path.sub(/\\.md\\z/, '.html'), "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>#{html}</body></html>")
end
"""


def _refuse_fetch(url: str) -> bytes:
    # Image mirroring at build time must not reach the outlets' hosts in a test either.
    raise ImageFetchError(f"not fetched in the hostile test: {url}")


def _add_story(store: Store) -> None:
    members = [a.id for a in store.iter_articles()][:3]
    story = Story(id="hostile-story", title=hostile.hostile_title(999))
    store.save_story(story, [StoryMember(article_id, story.id) for article_id in members])


def _add_changes(store: Store) -> None:
    """An edit (a second version with payloads) and a takedown with a hostile detail: history pages."""
    first, second = list(store.iter_articles())[:2]
    first.title = hostile.hostile_title(500)
    first.body_html += f"<p>修改后的段落{hostile.ESCAPED_SCRIPT}</p>"
    first.body_text += f"\n\n修改后的段落{hostile.SCRIPT}"
    first.refresh_hash()
    store.upsert_article(first)
    when = datetime(2024, 3, 10, tzinfo=UTC)
    store.record_article_event(ArticleEvent(first.id, EventKind.EDITED, when, version=2,
                                            detail=f"changed {hostile.IMG_ONERROR}"))
    store.record_article_event(ArticleEvent(second.id, EventKind.DELETED, when, detail=f"HTTP 410 {hostile.SCRIPT}"))


def _from_archive(root: Path, store: Store) -> None:
    report = import_paths(store, [hostile.make_hostile_archive(root / "archive")])
    assert report.counts()["failed"] == 0, [(r.path, r.reason) for r in report.failures]
    assert report.counts()["new"] == len(hostile.COLLIDING_OUTLETS) + len(hostile.COLLIDING_CHANNELS) + 1


def _from_feed(root: Path, store: Store) -> None:
    with LoopbackServer() as server:
        count = 0
        for k, outlet in enumerate(hostile.COLLIDING_OUTLETS[:2]):
            items = hostile.hostile_feed_items(server.url(f"/s{k}"))
            count += len(items)
            server.route(f"/hostile-{k}.xml", body=hostile.hostile_rss(items), content_type="application/rss+xml")
            store.upsert_source(Source(id=f"hostile-{k}", url=server.url(f"/hostile-{k}.xml"), outlet=outlet,
                                       channel=f"{outlet}{hostile.SCRIPT}"))
        settings = FetchSettings(timeout_seconds=2.0, connect_timeout_seconds=2.0, max_retries=0,
                                 per_host_delay_seconds=0.0)
        report = fetch_sources(store, settings, force=True)
    stored = list(store.iter_articles())
    assert len(stored) == count, report
    assert any("<script>" in a.title for a in stored)  # the payloads did arrive


@dataclass
class Built:
    out: Path
    jekyll_site: Path
    markdown_html: Path
    titles: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=["archive", "feed"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp(f"hostile-{request.param}")
    with open_store(root / "store.sqlite") as store:
        (_from_archive if request.param == "archive" else _from_feed)(root, store)
        _add_story(store)
        _add_changes(store)
        titles = [a.title for a in store.iter_articles()]
        report = build(store, root / "out", ["all"], BuildOptions(base_url=BASE_URL), fetch=_refuse_fetch,
                       comparer=default_comparer())
    assert not report.failures, report.failures
    jekyll = shutil.which("jekyll")
    ruby = shutil.which("ruby")
    if jekyll is None or ruby is None:
        pytest.fail("jekyll (with ruby and kramdown) is missing: apt-get install --no-install-recommends jekyll")
    served = root / "jekyll-served"
    done = subprocess.run([jekyll, "build", "--safe", "-s", str(root / "out/jekyll"), "-d", str(served / "news")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    markdown_html = root / "pagemirror-html"
    shutil.copytree(root / "out/pagemirror", markdown_html)
    done = subprocess.run([ruby, "-e", RENDER_MARKDOWN, str(markdown_html)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return Built(root / "out", served, markdown_html, titles)


Serve = Callable[[Path], str]  # serve a folder on 127.0.0.1, return its base URL


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def serve() -> Iterator[Serve]:
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


FINDINGS_JS = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + '@' + a.name));
  const urls = all.flatMap(e => ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']
      .map(n => e.getAttribute(n)).filter(u => u && /^\\s*(javascript|data|vbscript):/i.test(u)));
  const active = [...document.querySelectorAll('script, iframe, object, embed, form, base, link[rel=stylesheet][href^=http], meta[http-equiv]:not([http-equiv="Content-Security-Policy"])')]
      .map(e => e.outerHTML.slice(0, 120));
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), handlers, urls, active,
          text: document.body ? document.body.innerText : ''};
}"""


@contextlib.contextmanager
def _guarded_page(outside: list[str], dialogs: list[str]) -> Iterator[Page]:
    """A browser page with JavaScript on whose requests never leave 127.0.0.1 (each one that would is added to
    ``outside`` and aborted) and whose dialogs are added to ``dialogs`` and dismissed."""
    from playwright.sync_api import Route

    def guard(route: Route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with chromium() as browser:
        context = browser.new_context(java_script_enabled=True)
        context.route("**/*", guard)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def _open_all(urls: list[str]) -> dict[str, str]:
    """Open every page with JavaScript on; fail on any sign of a script or an outside request. Page texts."""
    outside: list[str] = []
    dialogs: list[str] = []
    texts: dict[str, str] = {}
    problems: list[str] = []
    with _guarded_page(outside, dialogs) as page:
        for url in urls:
            page.goto(url, wait_until="load")
            # Overlays with onmouseover, links with onclick: move over the page, as a reader would.
            for x, y in ((5, 5), (200, 150), (400, 400)):
                page.mouse.move(x, y)
            found = page.evaluate(FINDINGS_JS)
            for key in ("handlers", "urls", "active"):
                if found[key]:
                    problems.append(f"{url}: {key}: {found[key]}")
            if found["pwned"] is not None:
                problems.append(f"{url}: a script ran")
            texts[url] = found["text"]
    assert not problems, "\n".join(problems[:20])
    assert dialogs == [], dialogs
    assert outside == [], f"requests left 127.0.0.1: {outside[:10]}"
    return texts


def _urls(base: str, folder: Path, prefix: str = "") -> list[str]:
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert pages, f"no pages in {folder}"
    return [f"{base}/{prefix}{quote(p)}" for p in pages]


def _assert_payloads_visible_as_text(texts: dict[str, str], built: Built) -> None:
    everything = "\n".join(texts.values())
    # The payloads were neither executed nor lost: readers see them as the text they are.
    assert hostile.SCRIPT in everything
    assert any(title.split("<")[0] in everything for title in built.titles)


@pytest.mark.browser
def test_static_site_of_a_hostile_archive_runs_no_script(built: Built, serve: Serve) -> None:
    site = built.out / "site"
    assert len(list((site / "history").glob("*.html"))) == 2  # the edit and the takedown have pages
    for page in site.rglob("*.html"):
        assert not REMOTE_SRC.search(page.read_text(encoding="utf-8")), f"{page} loads a remote resource"
    texts = _open_all(_urls(serve(site), site))
    _assert_payloads_visible_as_text(texts, built)
    # Colliding outlet names kept apart: one listing per exact name.
    outlets = {p.parent.name for p in (site / "outlet").glob("*/index.html")}
    assert len(outlets) == len({a for a in _outlets(built)})


def _outlets(built: Built) -> set[str]:
    with open_store(built.out.parent / "store.sqlite") as store:
        return {a.outlet for a in store.iter_articles()}


@pytest.mark.browser
@pytest.mark.jekyll
def test_jekyll_site_of_a_hostile_archive_runs_no_script_and_no_liquid(built: Built, serve: Serve) -> None:
    texts = _open_all(_urls(serve(built.jekyll_site), built.jekyll_site / "news", "news/"))
    _assert_payloads_visible_as_text(texts, built)
    posts = {url: text for url, text in texts.items() if not url.endswith("/news/index.html")}
    everything = "\n".join(posts.values())
    for marker in hostile.LIQUID_MARKERS:
        assert marker in everything, f"Liquid ran on {marker!r}"
    if "LOOPED" in everything:  # the archive's bodies carry the loop (feed items too)
        assert hostile.LIQUID_LOOP in everything
    # Every post was published (an unclosed {% raw %} or {% include %} fails no build, hides no post).
    assert len(posts) == len(built.titles)


@pytest.mark.browser
@pytest.mark.jekyll
def test_page_mirror_of_a_hostile_archive_rendered_by_kramdown_runs_no_script(built: Built, serve: Serve) -> None:
    for page in (built.out / "pagemirror").rglob("*.md"):
        text = page.read_text(encoding="utf-8")  # Liquid-free too: GitHub Pages renders these files
        assert "{{" not in text and "{%" not in text and "{:" not in text, page
    texts = _open_all(_urls(serve(built.markdown_html), built.markdown_html))
    _assert_payloads_visible_as_text(texts, built)
    pages = "\n".join(t for url, t in texts.items() if "/pages/" in url)
    assert "<script>window.__pwned=1</script>" in pages  # the source's escaped text stays text
    assert "{: onclick=" in pages  # the kramdown attribute list stayed text


@pytest.mark.browser
@pytest.mark.parametrize("page", [
    f"<p>x</p>{hostile.SCRIPT}", f"<p>{hostile.IMG_ONERROR}</p>", f'<a href="{hostile.JS_URL}">x</a>',
    f'<img src="http://{hostile.EVIL_HOST}/x.png">', "<script>alert(1)</script>",
])
def test_the_browser_check_catches_a_live_payload(tmp_path: Path, serve: Serve, page: str) -> None:
    (tmp_path / "p.html").write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{page}</body>", encoding="utf-8")
    with pytest.raises(AssertionError):
        _open_all(_urls(serve(tmp_path), tmp_path))


@pytest.mark.browser
def test_a_static_page_stops_what_its_sanitizing_would_have_missed(tmp_path: Path, serve: Serve) -> None:
    """The second line behind the sanitizing: a built page with live markup written into it (as a sanitizer miss
    would leave it) runs no script and asks nothing of another host: its own policy forbids both."""
    from tests.publish.conftest import make_article

    with open_store(tmp_path / "store.sqlite") as store:
        store.upsert_article(make_article(1))
        build(store, tmp_path / "out", ["site"], BuildOptions(base_url=BASE_URL), fetch=_refuse_fetch)
    site = tmp_path / "out" / "site"
    page = next((site / "a").rglob("*.html"))
    missed = (f"{hostile.SCRIPT}{hostile.IMG_ONERROR}<img src=\"http://{hostile.EVIL_HOST}/pixel.png\">"
              f"<link rel=\"stylesheet\" href=\"http://{hostile.EVIL_HOST}/x.css\"><iframe src=\"http://{hostile.EVIL_HOST}/\">"
              "</iframe>")
    page.write_text(page.read_text(encoding="utf-8").replace("<main>", "<main>" + missed, 1), encoding="utf-8")
    outside: list[str] = []
    dialogs: list[str] = []
    with _guarded_page(outside, dialogs) as tab:
        tab.goto(f"{serve(site)}/{quote(page.relative_to(site).as_posix())}", wait_until="load")
        assert tab.evaluate("window.__pwned === undefined") and dialogs == []
        # The page's own stylesheet still applies (the policy lets the site's files in).
        assert tab.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex"
    assert outside == [], outside


@pytest.mark.browser
def test_a_traditional_site_of_a_hostile_archive_and_its_rewritten_change_pages_run_no_script(
        tmp_path: Path, serve: Serve) -> None:
    """Session 53's paths with the same payloads: a zh-Hant build (the interface's words through s2twp, outlets' text
    through s2tw, the change pages' templates converted before they are compiled), then `changes --write-site`
    writing its change pages again as the manifest says the build did. No script, no request off 127.0.0.1, every
    feed well-formed with inert content, the payloads shown as text."""
    from lxml import etree
    from lxml import html as lxml_html
    from typer.testing import CliRunner

    from newsmirror.cli import app
    from newsmirror.text.script import to_hant

    db = tmp_path / "store.sqlite"
    with open_store(db) as store:
        _from_archive(tmp_path, store)
        _add_story(store)
        _add_changes(store)
        titles = [to_hant(a.title) for a in store.iter_articles()]  # as the pages show them
        report = build(store, tmp_path / "out", ["site"], BuildOptions(base_url=BASE_URL, script="zh-Hant"),
                       fetch=_refuse_fetch, comparer=default_comparer())
    assert not report.failures, report.failures
    site = tmp_path / "out" / "site"
    shutil.rmtree(site / "changes")
    shutil.rmtree(site / "history")
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--write-site", str(site)])
    assert result.exit_code == 0 and "records no build" not in result.output, result.output
    assert len(list((site / "history").glob("*.html"))) == 2
    assert "lang=\"zh-Hant\"" in (site / "changes" / "index.html").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        assert not REMOTE_SRC.search(page.read_text(encoding="utf-8")), f"{page} loads a remote resource"
    for feed in site.rglob("*.xml"):
        if feed.name == "sitemap.xml":
            continue
        document = etree.fromstring(feed.read_bytes())  # well-formed whatever the payloads
        # What a feed reader renders as HTML: RSS descriptions and encoded content, Atom text constructs typed html.
        shown_as_html = document.xpath("//item/description | //*[local-name()='encoded']"
                                       " | //*[local-name()='content' or local-name()='summary'][@type!='text']")
        for content in shown_as_html:
            fragment = lxml_html.fragment_fromstring(content.text or "", create_parent="div")
            assert not fragment.xpath("//script|//iframe|//object|//embed|//style|//@*[starts-with(name(), 'on')]"), feed
            assert not any(href.strip().lower().startswith(("javascript:", "data:"))
                           for href in fragment.xpath("//@href|//@src")), feed
        links = document.xpath("//@href") + document.xpath("//*[local-name()='link' or local-name()='id']/text()")
        assert all(not link.strip().lower().startswith(("javascript:", "data:")) for link in links), feed
    texts = _open_all(_urls(serve(site), site))
    _assert_payloads_visible_as_text(texts, Built(tmp_path / "out", tmp_path, tmp_path, titles))
