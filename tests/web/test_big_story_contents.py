"""A big story's table of contents is short on both story pages (issue 14 item 6; session 60's note): above
REPORTS_OPEN reports it names the outlets, each with its count and linking its first report, where the reader listed
every report (50 numbered entries before the page's sections), the same on the reader and the static site."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsmirror.model import Article, Story
from newsmirror.publish.site import REPORTS_OPEN
from newsmirror.store import Store, StoryMember
from tests.web.conftest import article
from tests.web.test_one_product import build_site

OUTLETS = ("测试日报", "樣本時報", "第三报")


def _story(store: Store, reports: int, story_id: str = "story-big") -> list[Article]:
    """A story of ``reports`` reports of three outlets, an hour apart (each its own text: no copies)."""
    start = datetime(2024, 4, 1, 8, 0, tzinfo=UTC)
    articles = [article(f"{story_id}-{n}", outlet=OUTLETS[n % 3], title=f"大事件第{n}篇", published_at=start + timedelta(hours=n),
                        body_text=f"第{n}篇报道说，市政府今天宣布第{n}项措施。")
                for n in range(reports)]
    for item in articles:
        store.upsert_article(item)
    store.save_story(Story(id=story_id, title="大事件第0篇"), [StoryMember(a.id, story_id) for a in articles])
    return articles


def _reports_entry(page: html.HtmlElement) -> list[tuple[str, str]]:
    """The contents' entries under the reports' entry: (text without spaces, link)."""
    return [(re.sub(r"\s+", "", li.text_content()), li.xpath("string(a/@href)"))
            for li in page.xpath("//nav[@id='toc']//a[@href='#reports']/../ol/li")]


def test_a_big_storys_contents_name_its_outlets_with_their_counts_on_both_pages(
        client: TestClient, store: Store, tmp_path: Path) -> None:
    articles = _story(store, REPORTS_OPEN + 1)
    first = {outlet: next(a.id for a in articles if a.outlet == outlet) for outlet in OUTLETS}
    expected = [("测试日报(5)", f"#report-{first['测试日报']}"), ("樣本時報(4)", f"#report-{first['樣本時報']}"),
                ("第三报(4)", f"#report-{first['第三报']}")]
    reader = html.fromstring(client.get("/story/story-big").text)
    assert _reports_entry(reader) == expected
    site = build_site(store, tmp_path / "out")
    static = html.fromstring((site / "story" / "story-big" / "index.html").read_text(encoding="utf-8"))
    assert _reports_entry(static) == expected
    for page in (reader, static):  # each link lands on its report
        for _, link in expected:
            assert page.xpath(f"//*[@id='{link[1:]}']"), link


def test_a_story_of_reports_open_reports_lists_each_report_in_the_readers_contents(
        client: TestClient, store: Store) -> None:
    articles = _story(store, REPORTS_OPEN, "story-open")
    reader = html.fromstring(client.get("/story/story-open").text)
    assert _reports_entry(reader) == [(f"{n + 1}.{a.outlet}", f"#report-{a.id}") for n, a in enumerate(articles)]


@pytest.mark.browser
def test_a_big_storys_contents_are_a_few_lines_at_390_px_and_an_outlet_opens_its_report(
        store: Store, browser: object) -> None:
    """In Chromium at 390 px: the reader's contents of a story of 40 reports hold a few lines of outlets (40
    numbered reports were some 14 lines), and an outlet's link shows its first report."""
    from tests.web.live import serve

    articles = _story(store, 40)
    target = next(a for a in articles if a.outlet == "第三报")
    with serve(store) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{url}/story/story-big")
        entries = page.locator("nav.toc a[href='#reports'] + ol > li")
        assert entries.count() == 3
        tops = {round(box["y"]) for box in (entries.nth(n).bounding_box() for n in range(3)) if box}
        assert len(tops) <= 2, tops  # one or two lines
        page.locator("nav.toc a", has_text="第三报").click()
        assert page.locator(f"#report-{target.id}").is_visible()
        context.close()
