"""Every multi-outlet story can be reached from /stories and /api/stories, not only the newest
100: the whole real archive has thousands (3,669 of 2+ outlets)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from fastapi.testclient import TestClient

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from tests.web.conftest import article

BEIJING = timezone(timedelta(hours=8))


def _stories(store: Store, count: int) -> list[str]:
    """``count`` two-outlet stories, one a day; their ids newest first."""
    ids = []
    for day in range(count):
        when = datetime(2024, 6, 1, 9, tzinfo=BEIJING) + timedelta(days=day)
        pair = [article(f"s{day}-{outlet}", outlet=outlet, title=f"第{day}天的新闻", published_at=when,
                        body_text=f"第{day}天发生的事。") for outlet in ("甲报", "乙报")]
        for item in pair:
            store.upsert_article(item)
        story = Story(id=f"story-{day:02d}", title=f"第{day}天的新闻")
        store.save_story(story, [StoryMember(item.id, story.id) for item in pair])
        ids.append(story.id)
    return ids[::-1]


def test_the_stories_page_pages_back_through_every_story(store: Store, client: TestClient) -> None:
    newest_first = _stories(store, 101)  # the page showed the newest 100 and had no next page
    seen: list[str] = []
    path = "/stories?min_outlets=2"
    for _ in range(10):  # pages of 50
        html = client.get(path).text
        seen += re.findall(r'<a class="title" href="/story/([^"]+)"', html)
        older = re.search(r'<a href="(\?[^"]*)">较旧', html)
        if older is None:
            break
        path = "/stories" + older.group(1).replace("&amp;", "&")
    every = [story.id for story in store.list_stories(min_outlets=2)]
    assert seen == every and set(newest_first) <= set(every)  # the fixture's own story too


def test_the_api_lists_stories_from_an_offset(store: Store, client: TestClient) -> None:
    newest_first = _stories(store, 4)
    listed = client.get("/api/stories", params={"limit": 2, "offset": 2, "min_outlets": 2}).json()
    assert [s["id"] for s in listed] == newest_first[2:4]
    assert store.list_stories(min_outlets=2, offset=3) == store.list_stories(min_outlets=2)[3:]


def test_a_full_last_page_offers_no_older_page_and_a_page_past_the_end_says_so(store: Store,
                                                                                client: TestClient) -> None:
    # An outlet of exactly 30 articles (a page: 德国之声 over two tuning days) offered 较旧 to a page that said
    # "还没有文章。" (no articles yet); /stories past its end said no story had 2+ outlets yet.
    when = datetime(2024, 6, 1, 9, tzinfo=BEIJING)
    for n in range(30):
        store.upsert_article(article(f"full-{n}", outlet="整页报", title=f"第{n}篇", body_text=f"第{n}篇的正文。",
                                     published_at=when + timedelta(hours=n)))
    first = client.get("/outlet/整页报").text
    assert first.count('class="item"') == 30 and "较旧" not in first
    past = client.get("/outlet/整页报", params={"page": 2}).text
    assert "还没有文章" not in past and "这一页已经没有文章了" in past and 'href="?page=1"' in past
    store.upsert_article(article("full-30", outlet="整页报", title="第30篇", body_text="第30篇的正文。",
                                 published_at=when - timedelta(hours=1)))
    assert "较旧" in client.get("/outlet/整页报").text
    assert client.get("/outlet/整页报", params={"page": 2}).text.count('class="item"') == 1
    stories_past = client.get("/stories", params={"page": 2}).text
    assert "还没有被至少" not in stories_past and "这一页已经没有新闻了" in stories_past


def test_the_stories_page_says_when_each_story_was_reported(store: Store, client: TestClient) -> None:
    """reader79: /stories listed titles and counts only; a reader could not tell this morning's story from last
    month's. Each says its first and last report time, in UTC+8 as every page (the store's times are UTC here)."""
    def story(story_id: str, *times: datetime | None) -> None:
        members = [article(f"{story_id}-{n}", outlet=("甲报", "乙报", "丙报")[n], title=f"{story_id}的新闻",
                           published_at=when, body_text=f"{story_id}第{n}篇。") for n, when in enumerate(times)]
        for item in members:
            store.upsert_article(item)
        store.save_story(Story(id=story_id, title=f"{story_id}的新闻"), [StoryMember(m.id, story_id) for m in members])

    utc = UTC
    story("days", datetime(2024, 6, 1, 17, 30, tzinfo=utc), datetime(2024, 6, 3, 1, 5, tzinfo=utc))
    story("oneday", datetime(2024, 6, 5, 1, 0, tzinfo=utc), datetime(2024, 6, 5, 9, 45, tzinfo=utc),
          datetime(2024, 6, 5, 3, 0, tzinfo=utc))
    story("oneminute", datetime(2024, 6, 6, 2, 0, 10, tzinfo=utc), datetime(2024, 6, 6, 2, 0, 50, tzinfo=utc))
    story("undated", None, None)
    page = client.get("/stories").text

    def said(story_id: str) -> str:
        item = re.search(rf'href="/story/{story_id}"[^>]*>.*?</li>', page, re.S)  # a lang may follow
        assert item, story_id
        return re.sub(r"<[^>]+>", "", item.group(0).split("</a>", 1)[1]).strip()

    assert said("days") == "2 篇 · 2024-06-02 01:30–2024-06-03 09:05"
    assert said("oneday") == "3 篇 · 2024-06-05 09:00–17:45"
    assert said("oneminute") == "2 篇 · 2024-06-06 10:00"
    assert said("undated") == "2 篇"
    assert '<time datetime="2024-06-05T09:00+08:00">' in page
    assert store.story_spans(["oneday", "nosuch"]) == {"oneday": (datetime(2024, 6, 5, 1, 0, tzinfo=utc),
                                                                   datetime(2024, 6, 5, 9, 45, tzinfo=utc))}
