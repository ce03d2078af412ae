"""A small store of hand-written articles (never corpus text) and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsmirror.model import Article, Story
from newsmirror.store import Store, StoryMember, open_store
from newsmirror.stories.stored import comparison_fingerprint, story_reports
from newsmirror.web import create_app

BEIJING = timezone(timedelta(hours=8))
TAIPEI = BEIJING

HOSTILE_HTML = (
    '<p onclick="steal()">危险正文</p><script>alert("pwned")</script>'
    '<a href="javascript:alert(1)">坏链接</a><img src="https://img.example.org/x.jpg" onerror="alert(2)">'
    '<iframe src="https://evil.example.org/"></iframe><style>body{display:none}</style>'
)


def article(slug: str, **kw: object) -> Article:
    fields: dict[str, object] = {
        "outlet": "示例报", "title": "标题", "original_url": f"https://example.org/{slug}",
        "published_at": datetime(2024, 5, 1, 9, tzinfo=BEIJING), "channel": "要闻",
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


SIMPLIFIED = article(
    "ma-hans", outlet="新闻网", title="北京派马朝旭赴俄磋商", script="zh-Hans", channel="大陆新闻",
    body_text="中国外交部副部长马朝旭抵达莫斯科。\n\n双方讨论了领导人互访。",
    body_html="<p>中国外交部副部长马朝旭抵达莫斯科。</p><p>双方讨论了领导人互访。</p>",
    published_at=datetime(2024, 5, 2, 9, tzinfo=BEIJING),
)
TRADITIONAL = article(
    "ma-hant", outlet="中央社", title="馬朝旭先赴莫斯科磋商", script="zh-Hant", channel="兩岸",
    body_text="中國外交部副部長馬朝旭到莫斯科磋商。\n\n習近平是否訪俄仍沒有消息。",
    body_html="<p>中國外交部副部長馬朝旭到莫斯科磋商。</p><p>習近平是否訪俄仍沒有消息。</p>",
    published_at=datetime(2024, 5, 3, 10, tzinfo=TAIPEI),
)
UNRELATED = article("weather", outlet="新闻网", title="华南暴雨", body_text="广州今天下了大雨。",
                    published_at=datetime(2024, 4, 1, tzinfo=BEIJING))
HOSTILE = article("hostile", outlet="坏人报", title='<script>alert("t")</script>恶意标题',
                  body_text="危险正文", body_html=HOSTILE_HTML)
EDITED_V1 = article("edited", title="初版标题", body_text="第一版的说法。", body_html="<p>第一版的说法。</p>")
EDITED_V2 = article("edited", title="修改后的标题", body_text="第二版改了说法。", body_html="<p>第二版改了说法。</p>")

STORY = Story(id="story-ma", title="马朝旭访俄")


def fill(store: Store) -> Store:
    for item in (SIMPLIFIED, TRADITIONAL, UNRELATED, HOSTILE, EDITED_V1, EDITED_V2):
        store.upsert_article(item)
    store.save_story(STORY, [StoryMember(SIMPLIFIED.id, STORY.id), StoryMember(TRADITIONAL.id, STORY.id)])
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "web.sqlite") as opened:
        yield fill(opened)


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test module (the browser tests share it)."""
    from tests.web.live import chromium

    with chromium() as launched:
        yield launched


def save_two_report_story(path: Path, first: Article, second: Article, blob: bytes) -> None:
    """A store at ``path`` holding one story of ``first`` and ``second`` (id "visit") whose stored comparison, under
    its right fingerprint, is ``blob``: what grouping stores, or what a received store could hold."""
    with open_store(path) as store:
        for item in (first, second):
            store.upsert_article(item)
        store.save_story(Story(id="visit", title="外长访澳"), [StoryMember(a.id, "visit") for a in (first, second)])
        reports, _ = story_reports(store, "visit")
        fingerprint = comparison_fingerprint([(a.id, a.outlet, a.content_hash) for a in reports])
        store.save_story_comparison("visit", fingerprint, blob)
