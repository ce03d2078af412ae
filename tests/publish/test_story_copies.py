"""A republished copy on the static story page: listed apart under 转载, as the reader's page and `stories show` list
it, never as its outlet's own report (reader68: on 2020-09-25 the site's page of 科技股抬头领涨 named 中央社 among its
outlets and numbered its copy "2. 中央社" among the reports, where the reader said 1 家媒体 and listed it under 转载)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html as lxml_html

from newsmirror.jobs.building import build
from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store import StoryMember, open_store
from newsmirror.web.app import create_app

START = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)


def article(outlet: str, number: int, hours: int, title: str) -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://e.org/{number}",
                   published_at=START + timedelta(hours=hours), body_text=f"第{number}篇报道的正文。", script="zh-Hans")


FIRST = article("甲报", 1, 0, "外长访问堪培拉")
SECOND = article("乙社", 2, 5, "外长抵达堪培拉")
COPY = article("戊刊", 3, 2, "转载：外长访问堪培拉")


def stored(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for item in (FIRST, SECOND, COPY):
            store.upsert_article(item)
        store.save_story(Story(id="visit", title="外长访澳"), [
            StoryMember(FIRST.id, "visit"), StoryMember(SECOND.id, "visit"),
            StoryMember(COPY.id, "visit", role="duplicate", duplicate_of=FIRST.id)])
    return path


def test_the_static_story_page_lists_a_copy_apart(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(stored(tmp_path)) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False)
    page = lxml_html.fromstring((out / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8"))
    [outlets] = page.xpath("//p[@class='feeds']")
    # The copy's outlet reported nothing of its own.
    assert sorted(outlets.text_content().split(" · ")[0].split("、")) == sorted(["甲报", "乙社"])
    reports = [s.get("id") for s in page.xpath("//section[contains(@class, 'member')]")]
    assert reports == [f"report-{FIRST.id}", f"report-{SECOND.id}"]
    [copies] = page.xpath("//section[@id='duplicates']")
    assert copies.xpath(".//h2")[0].text_content().startswith("转载")
    assert [a.text_content() for a in copies.xpath(".//li/a")] == [COPY.title]
    assert "戊刊" in copies.text_content()
    toc = page.xpath("//nav[@id='toc']")[0].text_content()
    assert "各家报道 (2)" in toc and "转载 (1)" in toc and "戊刊" not in toc


def test_the_readers_page_lists_it_apart_alike(tmp_path: Path) -> None:
    # What the static page now matches: the reader's page (unchanged).
    with open_store(stored(tmp_path)) as store:
        page = lxml_html.fromstring(TestClient(create_app(store)).get("/story/visit").text)
    [copies] = page.xpath("//section[contains(@class, 'duplicates')]")
    assert [a.text_content() for a in copies.xpath(".//li/a")] == [COPY.title]
    line = page.xpath("//p[contains(@class, 'meta')]")[0].text_content()
    assert line.startswith("2 家媒体: ") and "戊刊" not in line


# A story list counts what the story's page shows (polish68): on 2020-09-25 the site's front named "中央社、法广" for a
# story whose page lists 中央社's copy under 转载, and the reader's lists said "3 篇" of a page showing two reports.
ALONE = article("己报", 4, 30, "央行维持利率不变")
ALONE_COPY = article("戊刊", 5, 31, "转载：央行维持利率不变")


def stored_with_a_lone_report(tmp_path: Path) -> Path:
    path = stored(tmp_path)
    with open_store(path) as store:
        for item in (ALONE, ALONE_COPY):
            store.upsert_article(item)
        store.save_story(Story(id="rates", title="央行利率"), [
            StoryMember(ALONE.id, "rates"), StoryMember(ALONE_COPY.id, "rates", role="duplicate",
                                                         duplicate_of=ALONE.id)])
    return path


def test_the_store_counts_a_storys_own_reports(tmp_path: Path) -> None:
    with open_store(stored_with_a_lone_report(tmp_path)) as store:
        sizes = {s.id: (s.outlets, s.reports) for s in store.story_sizes(min_outlets=1)}
        assert sizes == {"visit": (2, 2), "rates": (1, 1)}
        # One outlet's report and another's copy of it: no story of several outlets.
        assert [s.id for s in store.story_sizes(min_outlets=2)] == ["visit"]
        assert [s.id for s in store.list_stories(min_outlets=2)] == ["visit"]
        assert {s.id for s in store.list_stories(min_outlets=1)} == {"visit", "rates"}


def test_the_sites_front_page_names_the_outlets_its_story_page_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(stored_with_a_lone_report(tmp_path)) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False)
    front = lxml_html.fromstring((out / "site" / "index.html").read_text(encoding="utf-8"))
    [stories] = front.xpath("//section[@id='stories']")
    [item] = stories.xpath(".//li")  # 央行利率 is one outlet's: not among the stories of several outlets
    assert item.xpath(".//a")[0].text_content() == "外长访澳"
    assert sorted(item.xpath(".//small")[0].text_content().split(" · ")[0].split("、")) == sorted(["甲报", "乙社"])


def test_the_readers_lists_count_the_reports_its_story_page_shows(tmp_path: Path) -> None:
    with open_store(stored_with_a_lone_report(tmp_path)) as store:
        client = TestClient(create_app(store))
        for address in ("/", "/stories"):
            page = lxml_html.fromstring(client.get(address).text)
            items = [li for li in page.xpath("//li") if li.xpath(".//a[contains(@href, '/story/')]")]
            assert [li.xpath(".//a")[0].text_content() for li in items] == ["外长访澳"], address
            assert " 2 篇" in " " + items[0].text_content(), (address, items[0].text_content())
        # Every story, one outlet's too: still counted by its own reports.
        page = client.get("/stories", params={"min_outlets": 1}).text
        assert "央行利率" in page
        [rates] = [li for li in lxml_html.fromstring(page).xpath("//li") if "央行利率" in li.text_content()]
        assert "1 篇" in rates.text_content()
