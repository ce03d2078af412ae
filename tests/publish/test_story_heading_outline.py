"""A story page's headings nest for a screen reader's list of headings (review61's leftover): a big story's closed
outlet bar, an h3, held its reports' titles as h2s, so the outline read h2 报道 > h3 outlet > h2 title. The static
site's reports are h3 under 报道 (h4 under an outlet's bar), the reader's grid parts h3 under its 报道对比 (its outlets
h4) when a summary closes the grid; each looks as the level it had (Chromium: the same computed font and margins).
reader69: without a summary the reader's grid parts were the page's h2 sections under no heading of the grid, where the
site's are h3 under an h2 报道对比: now the site's on both pages, with the site's look."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsmirror.jobs.building import build, default_comparer
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.site import REPORTS_OPEN
from newsmirror.store.sqlite import SQLiteStore
from newsmirror.web import create_app
from tests.publish.conftest import BASE_URL, fill
from tests.publish.test_story_pages_open_short import _big_story
from tests.web.test_pages import visit_story


def _levels(page: html.HtmlElement) -> list[tuple[int, str]]:
    """(level, text) of every heading of the page's main, in document order."""
    return [(int(h.tag[1]), h.text_content().strip()) for h in page.xpath("//main//*[self::h1 or self::h2 or "
                                                                          "self::h3 or self::h4 or self::h5 or self::h6]")]


def _nests(levels: list[tuple[int, str]]) -> bool:
    """No heading is more than one level under the one before it (h2 then h4 skips h3)."""
    return all(level <= before + 1 for (before, _), (level, _) in zip(levels, levels[1:], strict=False))


def _site(store: SQLiteStore, out: Path, *, compared: bool = False) -> Path:
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL, script="original"), images=False,
          comparer=default_comparer(store) if compared else None)
    return out / "site"


def test_the_sites_report_titles_nest_under_their_outlets_bar_and_under_reports(store: SQLiteStore,
                                                                                tmp_path: Path) -> None:
    articles = _big_story(store, REPORTS_OPEN + 1)
    fill(store, 4)  # story-park: two reports, open
    site = _site(store, tmp_path / "out")
    big = html.fromstring((site / "story" / "story-big" / "index.html").read_text(encoding="utf-8"))
    for bar in big.xpath("//details[@class='reports']"):
        assert bar.xpath("summary/h3") and not bar.xpath(".//h2|.//h3[not(parent::summary)]")
        titles = bar.xpath(".//section[@class='member']/*[1]")
        assert titles and {t.tag for t in titles} == {"h4"}, [t.tag for t in titles]
    assert len(big.xpath("//details[@class='reports']//section[@class='member']/h4")) == len(articles)
    levels = _levels(big)
    reports = levels.index(next(item for item in levels if item[1].startswith("各家报道")))
    assert levels[reports][0] == 2 and _nests(levels), levels
    small = html.fromstring((site / "story" / "story-park" / "index.html").read_text(encoding="utf-8"))
    titles = small.xpath("//section[@class='member']/*[1]")
    assert len(titles) == 2 and {t.tag for t in titles} == {"h3"} and _nests(_levels(small)), _levels(small)


def test_the_readers_grid_nests_under_its_heading_with_a_summary_or_without(store: SQLiteStore) -> None:
    story_id = visit_story(store)
    client = TestClient(create_app(store))
    page = html.fromstring(client.get(f"/story/{story_id}").text)  # three outlets: a summary, the grid closed
    grid = page.xpath("//details[@id='compare']")[0]
    assert grid.xpath("string(summary/h2)") == "报道对比"
    assert [h.tag for h in grid.xpath(".//*[@id='shared' or @id='unique']")] == ["h3", "h3"]
    assert {h.tag for h in grid.xpath(".//div[contains(@class, 'unique')]/*[1]")} == {"h4"}
    assert _nests(_levels(page)), _levels(page)
    # Two chosen outlets: no summary, no closed grid: its parts are h3 under an h2 报道对比 (#compare), its outlets h4,
    # as on the static site's page of a small story (reader69: they were h2 and h3, under no heading of the grid).
    pair = html.fromstring(client.get(f"/story/{story_id}", params=[("outlet", "甲报"), ("outlet", "乙社")]).text)
    assert not pair.xpath("//details[@id='compare']")
    [heading] = pair.xpath("//h2[@id='compare']")
    assert heading.xpath("string(text())") == "报道对比"
    assert [h.tag for h in pair.xpath("//*[@id='shared' or @id='unique']")] == ["h3", "h3"]
    assert {h.tag for h in pair.xpath("//div[contains(@class, 'unique')]/*[1]")} == {"h4"}
    levels = _levels(pair)
    compare = levels.index((2, heading.text_content().strip()))
    assert [level for level, _ in levels[compare:compare + 3]] == [2, 3, 3] and _nests(levels), levels


def test_the_readers_report_titles_nest_under_reports_as_the_sites_do(store: SQLiteStore) -> None:
    """polish70: the reader's report titles were h2s beside 各家报道, the site's h3s under it; a report's own
    subheadings (h2 in its body) nest under its title too, their order kept."""
    from newsmirror.model import Story
    from newsmirror.store import StoryMember
    from tests.web.conftest import article

    story_id = visit_story(store)
    subheaded = article("visit-e", outlet="戊报", title="外长访问澳洲", body_text="彼得斯周一抵达堪培拉。\n\n背景\n\n双方谈了合作。",
                        body_html="<p>彼得斯周一抵达堪培拉。</p><h2>背景</h2><p>双方谈了合作。</p><h3>此前</h3><p>去年也曾会谈。</p>")
    store.upsert_article(subheaded)
    store.save_story(Story(id=story_id, title="外长访澳"),
                     [*store.story_members(story_id), StoryMember(subheaded.id, story_id)])
    page = html.fromstring(TestClient(create_app(store)).get(f"/story/{story_id}").text)
    titles = page.xpath("//section[contains(@class, 'side-by-side')]/article/*[self::h2 or self::h3 or self::h4]")
    assert len(titles) == 4 and {t.tag for t in titles} == {"h3"}, [t.tag for t in titles]
    assert {t.get("class") for t in titles} == {"like-h2"}  # with an h2's look, as the site's
    levels = _levels(page)
    reports = levels.index(next(item for item in levels if item[1].startswith("各家报道")))
    assert levels[reports][0] == 2 and {level for level, _ in levels[reports + 1:]} == {3, 4, 5}, levels
    assert [item for item in levels if item[1] in {"背景", "此前"}] == [(4, "背景"), (5, "此前")]
    assert _nests(levels), levels


def test_a_bodys_headings_nest_under_a_title_at_its_level() -> None:
    from markupsafe import Markup

    from newsmirror.web.render import nested_headings

    body = Markup('<p>甲</p><h3 class="x">乙</h3><p>丙</p><h5>丁</h5><h6>戊</h6>')
    assert nested_headings(body, 3) == '<p>甲</p><h4 class="x">乙</h4><p>丙</p><h6>丁</h6><h6>戊</h6>'
    assert nested_headings(Markup("<p>甲</p><header>乙</header>"), 3) == "<p>甲</p><header>乙</header>"


LOOK = ("() => [...document.querySelectorAll(arguments_selector)].map(e => { const s = getComputedStyle(e);"
        " return [s.fontSize, s.fontWeight, s.marginTop, s.marginBottom, s.lineHeight].join(' '); })")


def _looks(page: object, selector: str) -> set[str]:
    return set(page.evaluate(LOOK.replace("arguments_selector", repr(selector))))  # type: ignore[attr-defined]


def _size(looks: set[str]) -> float:
    (look,) = looks
    return float(look.split()[0].removesuffix("px"))


@pytest.mark.browser
def test_a_nested_heading_looks_as_the_level_it_had(store: SQLiteStore, tmp_path: Path) -> None:
    """In Chromium: a report's title (h3 or h4 now) has an h2's computed font and margins; the reader's grid parts
    (h3, with a summary or without) and their outlets (h4) look as the static site's do (reader69)."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tests.web.live import chromium, serve

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    _big_story(store, REPORTS_OPEN + 1)
    fill(store, 4)
    story_id = visit_story(store)
    site = _site(store, tmp_path / "out", compared=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with chromium() as browser, serve(store) as reader:
            for width in (1280, 390):
                context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
                page = context.new_page()
                base = f"http://127.0.0.1:{server.server_address[1]}/story"
                page.goto(f"{base}/story-big/index.html")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                h2 = _looks(page, "main h2#reports")
                assert len(h2) == 1 and _looks(page, "section.member h4") == h2
                page.goto(f"{base}/story-park/index.html")
                assert _looks(page, "section.member h3") == h2
                site_parts, site_outlets = _looks(page, "section.facts > h3"), _looks(page, "#unique h4")
                assert len(site_parts) == 1 and len(site_outlets) == 1, (site_parts, site_outlets)
                page.goto(f"{base}/{story_id}/index.html")  # three outlets: a summary, the grid closed
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                assert _looks(page, "section.facts > h3") == site_parts and _looks(page, "#unique h4") == site_outlets
                # a part is drawn no bigger than the 报道对比 heading above it, an outlet no bigger than its part
                assert _size(_looks(page, "#compare h2, h2#compare")) >= _size(site_parts) >= _size(site_outlets)
                page.goto(f"{reader}/story/{story_id}")
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                nested_parts, nested_outlets = _looks(page, "#shared, #unique"), _looks(page, ".cell.unique h4")
                assert nested_parts == site_parts and nested_outlets == site_outlets
                assert _looks(page, "section.side-by-side article h3") == h2  # polish70: h3 now, an h2's look
                page.goto(f"{reader}/story/{story_id}?outlet=甲报&outlet=乙社")
                assert _looks(page, "#shared, #unique") == site_parts
                assert _looks(page, ".cell.unique h4") == site_outlets
                context.close()
    finally:
        server.shutdown()
        server.server_close()
