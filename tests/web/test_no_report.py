"""Which outlets of the archive have no report in a story (polish75): under the outlets that report it, the reader's
story page, the static site's, `stories show`, its --json and /api/stories/ID/comparison name the outlets with articles
on the story's days (UTC+8) and none in the story (a copy counts as in it), worded as what the archive holds, escaped as
every outlet name is."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html as lxml_html
from typer.testing import CliRunner

from newsmirror.cli import app as cli_app
from newsmirror.jobs.building import build
from newsmirror.model import FIRST_TIME, LAST_TIME, Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store import StoryMember, open_store
from newsmirror.web.app import create_app

START = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)  # 09:00 UTC+8
ODD = "<i>坏</i>网"  # an outlet's name is text: escaped like every other


def article(outlet: str, number: int, when: datetime | None, title: str = "其他新闻") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://e.org/{number}", published_at=when,
                   body_text=f"第{number}篇报道的正文。", script="zh-Hans")


FIRST = article("甲报", 1, START, "外长访问堪培拉")
SECOND = article("乙社", 2, START + timedelta(hours=20), "外长访问堪培拉")  # 05:00 UTC+8 on the 7th: two days
COPY = article("戊刊", 3, START + timedelta(hours=2), "外长访问堪培拉")
OTHERS = [article("丙网", 4, START + timedelta(hours=3)), article("丙网", 5, START + timedelta(hours=30)),
          article(ODD, 6, START + timedelta(hours=4)), article("丁台", 7, START + timedelta(hours=5)),
          article("己报", 8, START + timedelta(days=3)), article("庚台", 9, None), article("甲报", 10, START)]
EXPECTED = ["丙网", ODD, "丁台"]  # two articles, then one each by name; 己报 published later, 庚台 undated


def stored(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for item in (FIRST, SECOND, COPY, *OTHERS):
            store.upsert_article(item)
        store.save_story(Story(id="visit", title="外长访澳"), [
            StoryMember(FIRST.id, "visit"), StoryMember(SECOND.id, "visit"),
            StoryMember(COPY.id, "visit", role="duplicate", duplicate_of=FIRST.id)])
    return path


def said(page: lxml_html.HtmlElement) -> str:
    [line] = page.xpath("//p[contains(@class, 'absent')]")
    return line.text_content()


LINE = f"2024-05-06至2024-05-07在本存档中有文章，但没有此事报道的媒体：{'、'.join(EXPECTED)}"


def test_the_readers_story_page_names_the_outlets_with_no_report(tmp_path: Path) -> None:
    with open_store(stored(tmp_path)) as store:
        client = TestClient(create_app(store))
        raw = client.get("/story/visit").text
        api = client.get("/api/stories/visit/comparison").json()
        hant = lxml_html.fromstring(client.get("/story/visit?script=zh-Hant").text)
    assert said(lxml_html.fromstring(raw)) == LINE
    assert "&lt;i&gt;坏&lt;/i&gt;网" in raw and ODD not in raw
    assert said(hant).startswith("2024-05-06至2024-05-07在本存檔中有文章，但沒有此事報道的媒體：")
    assert api["no_report"] == {"first_day": "2024-05-06", "last_day": "2024-05-07", "outlets": EXPECTED}


def test_the_static_story_page_names_them_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(stored(tmp_path)) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False)
    raw = (out / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8")
    assert said(lxml_html.fromstring(raw)) == LINE
    assert "&lt;i&gt;坏&lt;/i&gt;网" in raw and ODD not in raw


def test_stories_show_and_its_json_name_them(tmp_path: Path) -> None:
    db = str(stored(tmp_path))
    shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--db", db], env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert (f"no report in this archive from {'、'.join(EXPECTED)}: outlets with articles on 2024-05-06..2024-05-07 "
            "(UTC+8) and none in this story") in shown.output
    exported = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--db", db, "--json"])
    assert json.loads(exported.output)["no_report"]["outlets"] == EXPECTED


def test_a_page_names_twelve_and_counts_the_rest(tmp_path: Path) -> None:
    path = stored(tmp_path)
    with open_store(path) as store:
        for number in range(20):
            store.upsert_article(article(f"媒体{number:02}", 100 + number, START + timedelta(hours=1)))
        page = lxml_html.fromstring(TestClient(create_app(store)).get("/story/visit").text)
    line = said(page)
    assert line.endswith("等23家") and line.split("：")[1].count("、") == 11


def test_a_story_at_the_ends_of_the_calendar_is_shown_and_built(tmp_path: Path) -> None:
    # safety74: an archive's dates are taken as written (0001-01-01, 9999-12-31 imported as such). The no-report
    # line's last day + 1 overflowed: the story page and the API answered 500, `stories show` ended in a traceback,
    # and the build walked 3.65 million days of a story spanning both ends, then failed as a whole. The model keeps
    # times a year from either end since safety75 (model.FIRST_TIME, LAST_TIME: grouping reckons days around them):
    # its last time is early on 9999-01-01 in UTC+8, its first 0002-01-01.
    late = [article(outlet, n, LAST_TIME - timedelta(hours=2), "远方的会谈") for n, outlet in ((21, "甲报"), (22, "乙社"))]
    early = article("丙网", 23, FIRST_TIME + timedelta(hours=10), "远方的会谈")
    spanning = article("戊刊", 25, LAST_TIME - timedelta(hours=3), "远方的会谈")
    other = article("丁台", 24, LAST_TIME - timedelta(hours=1))
    with open_store(tmp_path / "far.sqlite") as store:
        for item in (*late, early, spanning, other):
            store.upsert_article(item)
        store.save_story(Story(id="story-far", title="远方的会谈"), [StoryMember(a.id, "story-far") for a in late])
        store.save_story(Story(id="story-span", title="远方的会谈"),
                         [StoryMember(spanning.id, "story-span"), StoryMember(early.id, "story-span")])
        client = TestClient(create_app(store))
        page = client.get("/story/story-far")
        assert page.status_code == 200 and "丁台" in page.text
        assert client.get("/api/stories/story-far/comparison").json()["no_report"]["outlets"] == ["丁台", "戊刊"]
        build(store, tmp_path / "out", ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False)
    shown = CliRunner().invoke(cli_app, ["stories", "show", "story-far", "--db", f"sqlite:{tmp_path / 'far.sqlite'}"],
                               env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "丁台" in shown.output, shown.output
