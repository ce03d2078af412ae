"""A report stored without a script ("und": too short to detect at import) is marked on both story pages by the
script its title and text are in (text.script.report_script), its section and its sentences (review62's low: the
reader guessed from the text, the static site marked by the stored "und" only, so a Traditional report was marked
zh-Hant on one and not on the other, and on the site under a title marked zh-Hant by its characters)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsmirror.jobs.building import build as build_into
from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store import Store, StoryMember
from newsmirror.text.script import report_script
from tests.web.conftest import article
from tests.web.test_one_product import build_site

WHEN = datetime(2030, 8, 1, 9, tzinfo=UTC)


def _sections(page: html.HtmlElement, ids: list[str]) -> list[str | None]:
    return [page.xpath(f"//*[@id='report-{i}']")[0].get("lang") for i in ids]


def _park_story(store: Store) -> list[Article]:
    """A story of four reports: two stored "und" whose text is Traditional (one titled in characters both scripts
    share), one stored zh-Hans, one stored en that quotes Chinese."""
    reports = [
        article("und-hant", outlet="甲报", title="軟體園區開放", script="und", published_at=WHEN,
                body_text="這個園區今天開放，臺灣廠商進駐。"),
        article("und-shared", outlet="丙报", title="日本首相", script="und", published_at=WHEN,
                body_text="這個說法與選舉結果無關。"),
        article("hans", outlet="乙报", title="软件园区开放", script="zh-Hans", published_at=WHEN,
                body_text="这个园区今天开放。"),
        article("en", outlet="丁社", title="Software park opens", script="en", published_at=WHEN,
                body_text="The park (软件园) opened on Monday, officials said."),
    ]
    for item in reports:
        store.upsert_article(item)
    store.save_story(Story(id="park", title="軟體園區開放"), [StoryMember(a.id, "park") for a in reports])
    return reports


def test_a_report_stored_und_is_marked_by_its_title_and_text_on_both_story_pages(
        store: Store, client: TestClient, tmp_path: Path) -> None:
    ids = [report.id for report in _park_story(store)]
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


def test_a_cached_build_reads_again_only_the_reports_stored_und(store: Store, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # The listing cache's rows hold no text: only a report stored "und" needs its text read again for its mark (the
    # build's fill, jobs.building's report_script). A stored zh-Hans or en report is marked as stored, and a build
    # into one script (zh-TW) marks no report at all.
    import newsmirror.jobs.building as building

    und = [report.title for report in _park_story(store) if report.script == "und"]
    for script, reread in (("original", und), ("zh-TW", [])):
        options = BuildOptions(base_url="http://127.0.0.1/", script=script)
        out = tmp_path / script
        build_into(store, out, ["site"], options, images=False)  # the listing cache's rows written
        read: list[str] = []

        def counted(script: str, title: str, text: str, real: Callable[[str, str, str], str] = report_script,
                    read: list[str] = read) -> str:
            read.append(title)
            return real(script, title, text)

        monkeypatch.setattr(building, "report_script", counted)
        (out / "site" / "story" / "park" / "index.html").unlink()
        build_into(store, out, ["site"], options, images=False)
        monkeypatch.undo()
        assert sorted(read) == sorted(reread), script
