"""The HTML pages, through FastAPI's TestClient."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.web import comparison as web_comparison
from tests.web.conftest import EDITED_V1, SIMPLIFIED, STORY, TRADITIONAL, UNRELATED, article


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<li class="hit" data-article-id="([0-9a-f]+)"', html)


def test_home_lists_latest_first_and_the_multi_outlet_story(client: TestClient) -> None:
    page = client.get("/").text
    assert page.index(TRADITIONAL.title) < page.index(SIMPLIFIED.title) < page.index(UNRELATED.title)
    assert f'href="/story/{STORY.id}"' in page


def test_outlet_and_channel_pages_filter(client: TestClient) -> None:
    page = client.get("/outlet/新闻网").text
    assert SIMPLIFIED.title in page and UNRELATED.title in page and TRADITIONAL.title not in page
    page = client.get("/channel/兩岸").text
    assert TRADITIONAL.title in page and SIMPLIFIED.title not in page
    assert client.get("/outlet/没有这家").status_code == 404


@pytest.mark.parametrize("query", ["马朝旭", "馬朝旭"])
def test_search_finds_both_scripts_and_marks_the_match(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query}).text
    assert sorted(hit_ids(page)) == sorted([SIMPLIFIED.id, TRADITIONAL.id])
    assert "<mark>馬朝旭</mark>" in page and "<mark>马朝旭</mark>" in page


def test_search_filters_by_outlet_and_inclusive_dates(client: TestClient) -> None:
    assert hit_ids(client.get("/search", params={"q": "马朝旭", "outlet": "中央社"}).text) == [TRADITIONAL.id]
    # Published 2024-05-02 09:00 +08:00 = 01:00 UTC: the day 2024-05-02 includes it.
    page = client.get("/search", params={"q": "莫斯科", "since": "2024-05-02", "until": "2024-05-02"}).text
    assert hit_ids(page) == [SIMPLIFIED.id]
    bad = client.get("/search", params={"q": "莫斯科", "since": "not-a-date"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text and "<html" in bad.text
    assert len(hit_ids(client.get("/search", params={"q": "莫斯科", "since": "", "until": ""}).text)) == 2


def test_script_toggle_converts_on_display_and_is_remembered(client: TestClient) -> None:
    page = client.get(f"/article/{SIMPLIFIED.id}", params={"script": "zh-Hant"}).text
    assert "中國外交部副部長馬朝旭抵達莫斯科" in page and "北京派馬朝旭赴俄磋商" in page
    assert "中国外交部副部长" not in page
    again = client.get(f"/article/{SIMPLIFIED.id}").text  # cookie set by the previous response
    assert "北京派馬朝旭赴俄磋商" in again
    page = client.get(f"/article/{TRADITIONAL.id}", params={"script": "zh-Hans"}).text
    assert "马朝旭先赴莫斯科磋商" in page and "习近平是否访俄" in page
    page = client.get(f"/article/{TRADITIONAL.id}", params={"script": "orig"}).text
    assert "習近平是否訪俄" in page


def test_article_page_shows_original_link_story_and_versions(client: TestClient) -> None:
    page = client.get(f"/article/{SIMPLIFIED.id}").text
    assert f'href="{SIMPLIFIED.original_url}"' in page and f'href="/story/{STORY.id}"' in page
    assert "版本" not in page  # one version only
    edited = client.get(f"/article/{EDITED_V1.id}").text
    assert "修改后的标题" in edited and "第一版的说法" in edited and "第二版改了说法" in edited
    assert "版本</h2>" not in edited and "版本 (2)" in edited
    assert client.get("/article/nope").status_code == 404


def test_story_page_puts_the_outlets_side_by_side(client: TestClient) -> None:
    page = client.get(f"/story/{STORY.id}").text
    columns = re.findall(r'<article class="cell" data-article-id="([0-9a-f]+)"', page)
    assert columns == [SIMPLIFIED.id, TRADITIONAL.id]  # oldest first
    assert "中國外交部副部長馬朝旭到莫斯科磋商" in page and "双方讨论了领导人互访" in page
    assert client.get("/story/nope").status_code == 404


def test_story_page_renders_the_comparison_when_the_stories_stage_provides_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_compare(articles: list[object], story_id: str = "") -> Comparison:
        hans, hant = SIMPLIFIED, TRADITIONAL
        shared = Fact([SentenceRef(hans.id, hans.outlet, 0, "共同句甲"), SentenceRef(hant.id, hant.outlet, 0, "共同句乙")])
        only = Fact([SentenceRef(hant.id, hant.outlet, 1, "只有中央社说的")])
        return Comparison(story_id=STORY.id, outlets=[hans.outlet, hant.outlet], shared=[shared],
                          unique={hant.outlet: [only]})

    monkeypatch.setattr(web_comparison, "load_comparer", lambda: fake_compare)
    page = client.get(f"/story/{STORY.id}").text
    assert page.index("各家都报道的") < page.index("共同句甲") < page.index("共同句乙")
    assert page.index("只有一家报道的") < page.index("只有中央社说的")


def test_atom_feed_of_a_search(client: TestClient) -> None:
    response = client.get("/search.atom", params={"q": "馬朝旭"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    import feedparser

    feed = feedparser.parse(response.content)
    assert {e.link for e in feed.entries} == {f"http://testserver/article/{SIMPLIFIED.id}",
                                             f"http://testserver/article/{TRADITIONAL.id}"}
    assert "馬朝旭" in feed.feed.title


def visit_story(store: Store) -> str:
    """Three hand-written reports of one visit: two name the deputies, one does not."""
    reports = [
        article("visit-a", outlet="甲报", title="外长访问堪培拉",
                body_text="新西兰外长彼得斯周一在堪培拉会见了澳大利亚副总理马尔斯和贸易部长法瑞尔。\n\n双方讨论了安全合作。"),
        article("visit-b", outlet="乙社", title="外長訪問坎培拉",
                body_text="紐西蘭外長彼得斯週一在坎培拉會見了澳洲兩名部長。\n\n雙方討論了安全合作。"),
        article("visit-c", outlet="丙网", title="外长访澳",
                body_text="新西兰外长彼得斯周一在堪培拉会见了马尔斯和法瑞尔（Don Farrell）。\n\n双方讨论了安全合作。"),
    ]
    story = Story(id="story-visit", title="外长访澳")
    for report in reports:
        store.upsert_article(report)
    store.save_story(story, [StoryMember(r.id, story.id) for r in reports])
    return story.id


def details_lines(html: str) -> list[tuple[str, set[str]]]:
    """(who, terms) of each details line: "只有丙网、甲报提到：法瑞尔、马尔斯" -> ("只有丙网、甲报提到", {...})."""
    lines = [re.sub(r"\s+", "", line) for line in re.findall(r'<p class="details">(.*?)</p>', html, re.S)]
    return [(who, set(terms.split("、"))) for who, terms in (line.split("：", 1) for line in lines)]


def test_story_page_names_what_only_some_outlets_say_and_compares_chosen_outlets(
    client: TestClient, store: Store
) -> None:
    story_id = visit_story(store)
    page = client.get(f"/story/{story_id}").text
    assert ("只有丙网、甲报提到", {"马尔斯", "法瑞尔"}) in details_lines(page)
    # Don Farrell is 法瑞尔, whom 甲报 names too: never "only 丙网" (issue 14).
    assert not any("DonFarrell" in terms for _, terms in details_lines(page))
    assert page.count('type="checkbox" name="outlet"') == 3 and page.count(" checked") == 3
    # 甲报 against 乙社 alone: the names are what 甲报 adds.
    pair = client.get(f"/story/{story_id}", params=[("outlet", "甲报"), ("outlet", "乙社")]).text
    assert details_lines(pair) == [("只有甲报提到", {"马尔斯", "法瑞尔"}),
                                   ("其他媒体也报道的事实中，只有它提到", {"马尔斯", "法瑞尔"})]
    assert pair.count(" checked") == 2
    # One outlet alone is no comparison: the page falls back to all of them.
    assert client.get(f"/story/{story_id}", params={"outlet": "甲报"}).text.count(" checked") == 3
