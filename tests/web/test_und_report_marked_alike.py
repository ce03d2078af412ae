"""A report stored without a script ("und": too short to detect at import) is marked on both story pages by the
script its title and text are in (text.script.report_script), its section and its sentences (review62's low: the
reader guessed from the text, the static site marked by the stored "und" only, so a Traditional report was marked
zh-Hant on one and not on the other, and on the site under a title marked zh-Hant by its characters)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from tests.web.conftest import article
from tests.web.test_one_product import build_site

WHEN = datetime(2030, 8, 1, 9, tzinfo=UTC)


def _sections(page: html.HtmlElement, ids: list[str]) -> list[str | None]:
    return [page.xpath(f"//*[@id='report-{i}']")[0].get("lang") for i in ids]


def test_a_report_stored_und_is_marked_by_its_title_and_text_on_both_story_pages(
        store: Store, client: TestClient, tmp_path: Path) -> None:
    hant = article("und-hant", outlet="甲报", title="軟體園區開放", script="und", published_at=WHEN,
                   body_text="這個園區今天開放，臺灣廠商進駐。")
    shared = article("und-shared", outlet="丙报", title="日本首相", script="und", published_at=WHEN,
                     body_text="這個說法與選舉結果無關。")
    hans = article("hans", outlet="乙报", title="软件园区开放", script="zh-Hans", published_at=WHEN,
                   body_text="这个园区今天开放。")
    english = article("en", outlet="丁社", title="Software park opens", script="en", published_at=WHEN,
                      body_text="The park (软件园) opened on Monday, officials said.")
    for item in (hant, shared, hans, english):
        store.upsert_article(item)
    store.save_story(Story(id="park", title="軟體園區開放"),
                     [StoryMember(a.id, "park") for a in (hant, shared, hans, english)])
    ids = [hant.id, shared.id, hans.id, english.id]
    expected = ["zh-Hant", "zh-Hant", "zh-Hans", None]  # English stays unmarked, whatever Chinese it quotes
    reader = html.fromstring(client.get("/story/park").text)
    assert _sections(reader, ids) == expected
    for build in ("first", "again"):  # the second build's entries come from the listing cache's rows
        site = build_site(store, tmp_path / "out")
        if build == "again":
            (site / "story" / "park" / "index.html").unlink()
            site = build_site(store, tmp_path / "out")
        static = html.fromstring((site / "story" / "park" / "index.html").read_text(encoding="utf-8"))
        assert _sections(static, ids) == expected, build
        # The title stays marked as the lists mark it (store.base.title_script): its characters are Traditional.
        assert static.xpath("//h1")[0].get("lang") == "zh-Hant"
    assert reader.xpath("//h1")[0].get("lang") == "zh-Hant"
