"""The reader computes a comparison on request (a chosen set of outlets, or a story whose stored comparison is missing
or stale) only for a bounded number of reports (safety73): it keeps nothing, so every request paid again, and the time
grows about with the square of the reports (60 reports: 14-29 s a request; 240 had not answered in 12 minutes)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison
from tests.web.conftest import BEIJING, article

BOUND = 40  # web.comparison.MAX_REPORTS_ON_REQUEST


def _story(store: Store, reports: int, outlets: int) -> str:
    members = []
    for n in range(reports):
        report = article(f"big-{n}", outlet=f"媒体{n % outlets}", title=f"大事第{n}篇", body_text=f"第{n}篇的正文。",
                         published_at=datetime(2024, 5, 1, 9, tzinfo=BEIJING) + timedelta(minutes=n))
        store.upsert_article(report)
        members.append(StoryMember(report.id, "story-big"))
    store.save_story(Story(id="story-big", title="大事"), members)
    return "story-big"


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many reports each comparison computed was of (a stand-in: the real one takes seconds)."""
    calls: list[int] = []

    def fake(articles: list[object], story_id: str = "") -> Comparison:
        calls.append(len(articles))
        return Comparison(story_id=story_id, outlets=sorted({a.outlet for a in articles}))  # type: ignore[attr-defined]

    monkeypatch.setattr(stored_stories, "compare_story", fake)
    return calls


def test_a_story_of_more_reports_than_the_bound_is_not_compared_on_request(
        client: TestClient, store: Store, compared: list[int]) -> None:
    story_id = _story(store, 90, 3)  # 30 reports an outlet
    page = client.get(f"/story/{story_id}")
    assert page.status_code == 200 and "大事第89篇" in page.text  # the reports are shown
    assert "这90篇报道的对比还没有生成" in page.text and "newsmirror stories compare" in page.text
    api = client.get(f"/api/stories/{story_id}/comparison")
    assert api.status_code == 409 and "newsmirror stories compare" in api.json()["detail"]
    # A chosen set of outlets over the bound (60 reports): the page asks for fewer, the API too.
    chosen = "?outlet=媒体0&outlet=媒体1"
    assert "请少选几家媒体" in client.get(f"/story/{story_id}{chosen}").text
    refused = client.get(f"/api/stories/{story_id}/comparison{chosen}")
    assert refused.status_code == 422 and "choose fewer outlets" in refused.json()["detail"]
    assert compared == []  # nothing was computed
    assert "對比還沒有生成" in client.get(f"/story/{story_id}?script=zh-Hant").text


def test_a_chosen_set_within_the_bound_and_a_stored_comparison_of_any_size_are_shown(
        client: TestClient, store: Store, compared: list[int]) -> None:
    story_id = _story(store, BOUND + 20, 6)
    # 媒体0 and 媒体1: 20 reports, within the bound: computed on request as before.
    assert client.get(f"/api/stories/{story_id}/comparison?outlet=媒体0&outlet=媒体1").status_code == 200
    assert compared == [20]
    # Stored (as grouping or `stories compare` does): shown whatever its size, nothing computed.
    reports, _copies = stored_stories.story_reports(store, story_id)
    stored_stories.comparison_of(store, story_id, reports)
    assert compared == [20, BOUND + 20]
    assert client.get(f"/api/stories/{story_id}/comparison").status_code == 200
    assert "还没有生成" not in client.get(f"/story/{story_id}").text
    assert compared == [20, BOUND + 20]


def _long_story(store: Store, chars: int) -> str:
    """Two reports of ``chars`` characters each (many short sentences, as a hostile page may be)."""
    sentence = "双方在北京谈了安全合作。"
    members = []
    for n, outlet in enumerate(["甲社", "乙社"]):
        report = article(f"long-{n}", outlet=outlet, title=f"长文{n}", body_text=(sentence * (chars // len(sentence) + 1))[:chars],
                         published_at=datetime(2024, 5, 1, 9, tzinfo=BEIJING))
        store.upsert_article(report)
        members.append(StoryMember(report.id, "story-long"))
    store.save_story(Story(id="story-long", title="长文"), members)
    return "story-long"


def test_two_reports_longer_than_the_bound_are_not_compared_on_request(
        client: TestClient, store: Store, compared: list[int]) -> None:
    # safety74: the bound counted reports, not their text; two reports of 1,600 synthetic sentences took 30 s a
    # request, and a fetched page may be 10 MB. 2 x 31,000 characters is over MAX_CHARS_ON_REQUEST (60,000).
    story_id = _long_story(store, 31_000)
    page = client.get(f"/story/{story_id}?script=zh-Hans")
    assert page.status_code == 200 and "长文1" in page.text
    assert "这2篇报道共62000字" in page.text and "newsmirror stories compare" in page.text
    api = client.get(f"/api/stories/{story_id}/comparison")
    assert api.status_code == 409 and "62,000 characters" in api.json()["detail"]
    assert compared == []  # nothing was computed


def test_two_reports_within_the_text_bound_are_compared_on_request(
        client: TestClient, store: Store, compared: list[int]) -> None:
    story_id = _long_story(store, 20_000)  # 40,000 characters together
    assert client.get(f"/api/stories/{story_id}/comparison").status_code == 200
    assert compared == [2]



def test_the_api_refuses_a_long_comparison_as_the_page_does_when_every_outlet_is_chosen(
        client: TestClient, store: Store, compared: list[int]) -> None:
    # review58, after the merge of polish77's 409/422 and safety74's characters: the API told 422 "choose fewer
    # outlets" by the outlets asked for, where choosing every outlet is the whole story (``StoryView.chosen`` is None:
    # a stored comparison answers it) and the page said "run stories compare": the store's state, 409, as unasked.
    story_id = _long_story(store, 31_000)
    every = "?outlet=甲社&outlet=乙社"
    refused = client.get(f"/api/stories/{story_id}/comparison{every}")
    detail = refused.json()["detail"]
    assert refused.status_code == 409 and "62,000 characters" in detail and "stories compare" in detail
    assert "这2篇报道共62000字" in client.get(f"/story/{story_id}{every}&script=zh-Hans").text
    # A subset over the bound: the request's to change (422), as on the page.
    third = article("long-2", outlet="丙社", title="短文", body_text="双方谈了安全合作。",
                    published_at=datetime(2024, 5, 1, 9, tzinfo=BEIJING))
    store.upsert_article(third)
    store.save_story(Story(id=story_id, title="长文"),
                     [StoryMember(a.id, story_id) for a in store.iter_articles()
                      if a.original_url.startswith("https://example.org/long-")])
    subset = client.get(f"/api/stories/{story_id}/comparison{every}")
    assert subset.status_code == 422 and "choose fewer outlets" in subset.json()["detail"]
    assert "所选媒体的2篇报道共62000字" in client.get(f"/story/{story_id}{every}&script=zh-Hans").text
    assert compared == []
