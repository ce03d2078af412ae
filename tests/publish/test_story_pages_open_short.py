"""reader80's leftovers on the static site (reader81): the home page's stories say when they were reported, a big
story's page opens short (its reports closed outlet by outlet), a story's title says its script."""

from __future__ import annotations

import functools
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import html

from newsmirror.jobs.building import build
from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.site import REPORTS_OPEN
from newsmirror.store import StoryMember
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, fill, make_article

OUTLETS = ("测试日报", "樣本時報", "第三报")


def _build(store: SQLiteStore, out: Path, script: str = "original") -> Path:
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL, script=script), images=False)
    return out / "site"


def _big_story(store: SQLiteStore, reports: int) -> list[Article]:
    """A story ("story-big") of ``reports`` reports of three outlets, an hour apart, from 2024-04-01 08:00 UTC."""
    start = datetime(2024, 4, 1, 8, 0, tzinfo=UTC)
    articles = [make_article(100 + n, OUTLETS[n % 3], when=start + timedelta(hours=n), title=f"大事件第{n}篇")
                for n in range(reports)]
    for item in articles:
        store.upsert_article(item)
    store.save_story(Story(id="story-big", title="大事件第0篇"), [StoryMember(a.id, "story-big") for a in articles])
    return articles


def test_the_home_pages_stories_say_when_each_was_reported(store: SQLiteStore, tmp_path: Path) -> None:
    """The site's home page listed a story's title and outlets only (reader80's leftover): each says its first and
    last report time, in the reader's words (publish.front.reported_span)."""
    fill(store, 4)  # story-park: 2024-03-01 08:00 and 09:00 UTC
    site = _build(store, tmp_path / "out")
    page = html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    item = page.xpath("//section[@id='stories']//a[@href='story/story-park/index.html']/..")[0]
    assert item.xpath("string(small)").strip() == "樣本時報、测试日报 · 2024-03-01 16:00–17:00"
    assert item.xpath("small//time/@datetime") == ["2024-03-01T16:00+08:00", "2024-03-01T17:00+08:00"]


def test_a_big_storys_reports_are_closed_outlet_by_outlet(store: SQLiteStore, tmp_path: Path) -> None:
    """117 reports' summaries made the site's story page 38,352 px tall at 390 px (reader80): above REPORTS_OPEN each
    outlet's reports wait behind a closed details naming it, how many and when; every report keeps its anchor, and
    the contents name the outlets. A story of REPORTS_OPEN reports lists them open, as before."""
    articles = _big_story(store, REPORTS_OPEN + 1)
    fill(store, 4)
    site = _build(store, tmp_path / "out")
    page = html.fromstring((site / "story" / "story-big" / "index.html").read_text(encoding="utf-8"))
    closed = page.xpath("//details[@class='reports']")
    assert [d.xpath("string(summary/h3)") for d in closed] == list(OUTLETS)
    assert not [d for d in closed if d.get("open") is not None]
    first = closed[0].xpath("string(summary/span)")
    assert first == "5篇 · 2024-04-01 16:00–2024-04-02 04:00 · 点击展开"  # reports 0, 3, 6, 9, 12: 12 hours
    for outlet, d in zip(OUTLETS, closed, strict=True):
        inside = d.xpath(".//section[@class='member']/@id")
        assert inside == [f"report-{a.id}" for a in articles if a.outlet == outlet]
    toc = page.xpath("//nav[@id='toc']//a[@href='#reports']/../ol/li")
    assert [re.sub(r"\s+", "", li.text_content()) for li in toc] == ["测试日报(5)", "樣本時報(4)", "第三报(4)"]
    assert toc[0].xpath("a/@href") == [f"#report-{articles[0].id}"]

    small = html.fromstring((site / "story" / "story-park" / "index.html").read_text(encoding="utf-8"))
    assert not small.xpath("//details[@class='reports']") and len(small.xpath("//section[@class='member']")) == 2


def test_a_storys_title_says_the_script_of_the_report_it_was_taken_from(store: SQLiteStore, tmp_path: Path) -> None:
    """A story's title is one of its reports' (grouping): an original-script site marks it, on the story's page and
    the home page, with that report's script, as it marks each report; a converted site marks nothing."""
    articles = fill(store, 4)
    hant = Article(**{**{f: getattr(articles[1], f) for f in ("outlet", "channel", "original_url", "published_at")},
                      "title": "軟體園區開放", "script": "zh-Hant", "body_text": "本市新建軟體園區今天開放。"})
    store.upsert_article(hant)
    store.save_story(Story(id="story-park", title="軟體園區開放"),
                     [StoryMember(articles[0].id, "story-park"), StoryMember(hant.id, "story-park")])
    for script in ("original", "zh-Hans"):
        site = _build(store, tmp_path / script, script)
        story = html.fromstring((site / "story" / "story-park" / "index.html").read_text(encoding="utf-8"))
        home = html.fromstring((site / "index.html").read_text(encoding="utf-8"))
        item = home.xpath("//section[@id='stories']//a[@href='story/story-park/index.html']/..")[0]
        expected = "zh-Hant" if script == "original" else None
        assert (story.xpath("//h1")[0].get("lang"), item.xpath("a")[0].get("lang")) == (expected, expected), script
        # The title only, as the reader's lists mark it: the line's outlets are of both scripts (测试日报, 樣本時報),
        # and marking the item drew a Simplified outlet's name in Traditional glyphs (review61).
        assert item.get("lang") is None and not item.xpath("small[@lang]"), script


@pytest.mark.browser
def test_a_big_storys_page_opens_short_and_a_contents_link_opens_its_outlet(store: SQLiteStore, tmp_path: Path) -> None:
    """In Chromium at 390 px, without JavaScript: the reports of a story of 40 (summaries ~330 px each, reader80)
    take a few bars, not 40 screens; the contents' link to an outlet opens its reports."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tests.web.live import chromium

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    _big_story(store, 40)
    site = _build(store, tmp_path / "out")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with chromium() as browser:
            context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844},
                                          is_mobile=True)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/story/story-big/index.html")
            reports = page.locator("#reports ~ details.reports")
            assert reports.count() == 3
            bars = page.evaluate("() => { const d = [...document.querySelectorAll('details.reports')];"
                                 " return d[d.length - 1].getBoundingClientRect().bottom"
                                 " - document.getElementById('reports').getBoundingClientRect().top; }")
            assert bars < 600, bars  # three bars and a line; open, 40 reports were some 13,000 px
            page.locator("nav.toc a", has_text="樣本時報").click()
            assert page.evaluate("() => [...document.querySelectorAll('details.reports')].map(d => d.open)") == [
                False, True, False]
            context.close()
    finally:
        server.shutdown()
        server.server_close()
