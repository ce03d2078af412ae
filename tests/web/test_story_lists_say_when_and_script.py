"""reader80's leftovers on the reader (reader81): the home page's story lists say when each story was reported, as
/stories does; a story's title says its script on a 原文 page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from lxml import html

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from tests.web.conftest import article


def _story(store: Store, story_id: str, title: str, *reports: tuple[str, str, str, datetime]) -> None:
    """A story of ``reports`` (outlet, title, script, time), titled ``title``."""
    members = [article(f"{story_id}-{n}", outlet=outlet, title=report_title, script=script, published_at=when,
                       body_text=f"{report_title}。第{n}篇的正文。")
               for n, (outlet, report_title, script, when) in enumerate(reports)]
    for item in members:
        store.upsert_article(item)
    store.save_story(Story(id=story_id, title=title), [StoryMember(m.id, story_id) for m in members])


def test_the_home_pages_stories_say_when_each_was_reported(store: Store, client: TestClient) -> None:
    """The front page's 多家媒体报道 listed titles and counts only (reader80's leftover): each says its first and last
    report time as /stories does, in the same words (publish.front.reported_span)."""
    utc = UTC
    _story(store, "days", "选举结果", ("甲报", "选举结果", "zh-Hans", datetime(2030, 6, 1, 17, 30, tzinfo=utc)),
           ("乙报", "選舉結果", "zh-Hant", datetime(2030, 6, 3, 1, 5, tzinfo=utc)))
    _story(store, "oneday", "外长访问", ("甲报", "外长访问", "zh-Hans", datetime(2030, 6, 5, 1, 0, tzinfo=utc)),
           ("丙报", "外长访问", "zh-Hans", datetime(2030, 6, 5, 9, 45, tzinfo=utc)))
    page = html.fromstring(client.get("/").text)
    said = {re.sub(r"^/story/", "", item.xpath("a/@href")[0]): item.xpath("string(small)").strip()
            for item in page.xpath("//section[@class='stories']//li")}
    assert said["days"] == "2 篇 · 2030-06-02 01:30–2030-06-03 09:05"
    assert said["oneday"] == "2 篇 · 2030-06-05 09:00–17:45"
    # One wording on both pages: the /stories page's line for the story is the same.
    listed = html.fromstring(client.get("/stories").text)
    item = listed.xpath("//a[@href='/story/oneday']/..")[0]
    assert item.xpath("string(span[@class='meta'])").strip() == said["oneday"]
    assert page.xpath("//section[@class='stories']//li//time/@datetime")[:2] == ["2030-06-05T09:00+08:00",
                                                                                  "2030-06-05T17:45+08:00"]


def test_a_storys_title_says_the_script_of_the_report_it_was_taken_from(store: Store, client: TestClient) -> None:
    """A story's title is one of its reports' (grouping): on a 原文 page it is marked with that report's script, as
    each report is, on the home page, /stories and the story's own page; under 简 or 繁 nothing is marked."""
    when = datetime(2030, 7, 1, 9, tzinfo=UTC)
    _story(store, "visit", "馬朝旭先赴莫斯科磋商", ("新闻网", "马朝旭赴俄", "zh-Hans", when),
           ("中央社", "馬朝旭先赴莫斯科磋商", "zh-Hant", when + timedelta(hours=1)))
    _story(store, "rain", "华南暴雨", ("新闻网", "华南暴雨", "zh-Hans", when - timedelta(days=1)),
           ("中央社", "華南豪雨", "zh-Hant", when - timedelta(hours=20)))
    for path, link in (("/", "//section[@class='stories']//a[@href='/story/{}']"), ("/stories", "//a[@href='/story/{}']")):
        page = html.fromstring(client.get(path).text)
        assert page.xpath(link.format("visit"))[0].get("lang") == "zh-Hant", path
        assert page.xpath(link.format("rain"))[0].get("lang") == "zh-Hans", path
    story = html.fromstring(client.get("/story/visit").text)
    assert story.xpath("//h1")[0].get("lang") == "zh-Hant"
    converted = html.fromstring(client.get("/story/visit", params={"script": "zh-Hans"}).text)
    assert converted.xpath("//h1")[0].get("lang") is None
    assert converted.xpath("string(//h1)") == "马朝旭先赴莫斯科磋商"
    assert html.fromstring(client.get("/stories?script=zh-Hant").text).xpath("//a[@href='/story/visit']")[0].get("lang") is None


def test_a_title_stored_without_a_script_is_marked_alike_on_its_page_and_in_the_lists(store: Store,
                                                                                      client: TestClient) -> None:
    """review61: the story page marked its title by the report's script guessed from its title and text
    (render.source_script) where the report was stored "und", the home page and /stories by the stored script (no
    mark): one title marked on its page and not in the lists. One rule now (store.base.title_script): the stored
    script, else what the title's own characters tell."""
    when = datetime(2030, 8, 1, 9, tzinfo=UTC)
    _story(store, "park", "軟體園區開放", ("甲报", "軟體園區開放", "und", when), ("乙报", "软件园区开放", "zh-Hans", when))
    # Characters both scripts share tell nothing (日本首相), whatever the text under them: the page guessed
    # Traditional from this report's text, the lists said nothing.
    plain = [article(f"plain-{n}", outlet=outlet, title="日本首相", script="und", published_at=when,
                     body_text="這個說法與選舉結果無關，臺灣與這裡的關係。") for n, outlet in enumerate(("甲报", "乙报"))]
    for item in plain:
        store.upsert_article(item)
    store.save_story(Story(id="plain", title="日本首相"), [StoryMember(item.id, "plain") for item in plain])
    for story_id, expected in (("park", "zh-Hant"), ("plain", None)):
        home = html.fromstring(client.get("/").text).xpath(f"//section[@class='stories']//a[@href='/story/{story_id}']")
        listed = html.fromstring(client.get("/stories").text).xpath(f"//a[@href='/story/{story_id}']")
        page = html.fromstring(client.get(f"/story/{story_id}").text).xpath("//h1")
        assert [home[0].get("lang"), listed[0].get("lang"), page[0].get("lang")] == [expected] * 3, story_id
