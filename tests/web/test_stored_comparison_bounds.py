"""A received store's stored comparison is read only when it is one ``compare_story`` could have given (safety75).

``codec.decode`` checked the layout's names, not what they hold, and ``inflate_json`` bounds the JSON values, not what
a page makes of them. On main a comparison naming 400 outlets with 300 one-sentence facts (a few KB stored) made the
reader's story page about 8 MB and the site's alike (a cell per fact and outlet: 1,000 x 1,000 made 65 MB in 12 s);
a unit's text that is a number, an outlet that is a list or a fact with no unit made the story page and the API
answer 500, `stories show` end in a traceback and the whole build fail. Such a comparison is now unreadable, so stale:
computed again from the story's reports (the reader on request, within its own bounds)."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app as cli_app
from newsmirror.model import Article
from newsmirror.store import open_store
from newsmirror.stories import codec
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.web.app import create_app
from tests.web.conftest import save_two_report_story

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
TEXT = "双方讨论了贸易。"
FIRST = Article(outlet="甲报", title="外长访问", original_url="https://e.org/a/1", published_at=START,
                body_text=TEXT, script="zh-Hans")
SECOND = Article(outlet="乙社", title="外长访问", original_url="https://e.org/b/1",
                 published_at=START + timedelta(hours=1), body_text=TEXT, script="zh-Hans")


def received(tmp_path: Path, blob: bytes) -> Path:
    """A store of one two-report story whose stored comparison (its fingerprint right) is ``blob``."""
    path = tmp_path / "store.sqlite"
    save_two_report_story(path, FIRST, SECOND, blob)
    return path


def ref(article: Article, index: int = 0, **changed: Any) -> dict[str, Any]:
    return {"article_id": article.id, "outlet": article.outlet, "index": index, "text": TEXT, **changed}


def fact(sentences: list[dict[str, Any]], **changed: Any) -> dict[str, Any]:
    return {"sentences": sentences, "details": {}, "spellings": {}, **changed}


def blob_of(shared: list[dict[str, Any]]) -> bytes:
    value = {"story_id": "visit", "outlets": [FIRST.outlet, SECOND.outlet], "shared": shared, "partial": [],
             "unique": {}}
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))


TYPED = {
    "a unit's text a number": [fact([ref(FIRST, text=5), ref(SECOND)])],
    "a unit's outlet a list": [fact([ref(FIRST, outlet=[FIRST.outlet]), ref(SECOND)])],
    "a unit's index a text": [fact([ref(FIRST, index="x"), ref(SECOND)])],
    "details a list": [fact([ref(FIRST), ref(SECOND)], details=["北京"])],
    "spellings a text": [fact([ref(FIRST), ref(SECOND)], details={"北京": [FIRST.outlet]}, spellings={"北京": "x"})],
    "a fact of no unit": [fact([])],
    "a unit of an outlet not compared": [fact([ref(FIRST, outlet="丙台"), ref(SECOND)])],
}


@pytest.mark.parametrize("case", list(TYPED))
def test_a_stored_comparison_of_other_types_is_computed_again(tmp_path: Path, case: str) -> None:
    blob = blob_of(TYPED[case])
    with pytest.raises(codec.UnreadableComparison):
        codec.decode(blob)
    path = received(tmp_path, blob)
    with open_store(path, create=False) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        page = client.get("/story/visit")
        assert page.status_code == 200 and TEXT in page.text
        assert client.get("/api/stories/visit/comparison").status_code == 200
    for extra in ([], ["--full"], ["--json"]):
        shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", *extra, "--db", f"sqlite:{path}"],
                                   env={"COLUMNS": "200"})
        assert shown.exit_code == 0, shown.output
    built = CliRunner().invoke(cli_app, ["build", "--db", f"sqlite:{path}", "--out", str(tmp_path / "out"),
                                         "-f", "site", "--no-images"])
    assert built.exit_code == 0, built.output
    assert TEXT in (tmp_path / "out" / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8")


def test_a_stored_comparison_of_more_cells_than_a_comparison_gives_is_not_rendered(tmp_path: Path) -> None:
    outlets = [FIRST.outlet, SECOND.outlet, *(f"台{n}" for n in range(398))]
    shared = [Fact([SentenceRef(FIRST.id, FIRST.outlet, k, TEXT), SentenceRef(SECOND.id, SECOND.outlet, k, TEXT)])
              for k in range(300)]
    blob = codec.encode(Comparison(story_id="visit", outlets=outlets, shared=shared, unique={}))
    assert len(blob) < 10_000  # a few KB, far within inflate_json's MAX_VALUES
    path = received(tmp_path, blob)
    with open_store(path, create=False) as store:
        page = TestClient(create_app(store)).get("/story/visit")
    assert page.status_code == 200 and len(page.content) < 200_000  # main: about 8 MB
    assert "台397" not in page.text
    built = CliRunner().invoke(cli_app, ["build", "--db", f"sqlite:{path}", "--out", str(tmp_path / "out"),
                                         "-f", "site", "--no-images"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "site" / "story" / "visit" / "index.html").stat().st_size < 200_000


def test_what_a_comparison_gives_is_read_back() -> None:
    # The guard: a comparison as compare_story makes them, details and spellings included, decodes to itself.
    said = Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, TEXT), SentenceRef(SECOND.id, SECOND.outlet, 0, TEXT)],
                details={"北京": [FIRST.outlet]}, spellings={"北京": {FIRST.outlet: "北京"}})
    own = Fact([SentenceRef(FIRST.id, FIRST.outlet, 1, "他随后前往悉尼。")])
    comparison = Comparison(story_id="visit", outlets=[FIRST.outlet, SECOND.outlet], shared=[said],
                            unique={FIRST.outlet: [own], SECOND.outlet: []})
    assert codec.decode(codec.encode(comparison)) == comparison


EVIL = "\x1b]8;;file:///etc/passwd\x1b\\点\x1b]8;;\x1b\\\x1b[2J\u202e倒\n# 标题台"


def test_a_stored_comparison_s_texts_are_cleaned_as_the_model_cleans_their_sources(tmp_path: Path) -> None:
    # On main a received comparison's outlet names, details and units reached the story pages, the API and
    # `stories show` as stored: ESC/OSC 8 sequences, a bidi override in a name, a line break that began a line of
    # its own in `stories show` ("# 标题台"). Names are cleaned as Article's (clean_line), units as a body's line.
    third = "丙" + EVIL
    value = {"story_id": "visit", "outlets": [FIRST.outlet, SECOND.outlet, third],
             "shared": [fact([ref(FIRST, text="双方" + EVIL), ref(SECOND), ref(FIRST, outlet=third, text="第三" + EVIL)],
                             details={"北京" + EVIL: [FIRST.outlet]},
                             spellings={"北京" + EVIL: {FIRST.outlet: "京" + EVIL}})],
             "partial": [], "unique": {third: [fact([ref(FIRST, 1, outlet=third, text="独" + EVIL)])]}}
    path = received(tmp_path, zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8")))
    with open_store(path, create=False) as store:
        stored = store.story_comparison("visit")
        assert stored is not None
        decoded = codec.decode(stored[1])
        assert "\u202e" not in "".join(decoded.outlets) and "\n" not in "".join(decoded.outlets)
        assert not any("\x1b" in ref.text or "\n" in ref.text for f in decoded.facts() for ref in f.sentences)
        client = TestClient(create_app(store))
        page = client.get("/story/visit").text
        api = client.get("/api/stories/visit/comparison").text
    assert "\x1b" not in page and "\\u001b" not in api and "丙\\u001b" not in api
    assert "丙" in page and "\u202e" not in page.split("丙", 1)[1][:40]  # the outlet's name: no override
    for extra in ([], ["--full"]):
        shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", *extra, "--db", f"sqlite:{path}"],
                                   env={"COLUMNS": "300"})
        assert shown.exit_code == 0, shown.output
        assert not [line for line in shown.output.splitlines() if line.lstrip().startswith("# 标题")], shown.output


@pytest.mark.parametrize("case", ["ids", "long id"])
def test_a_stored_comparisons_caption_report_ids_are_bounded(case: str) -> None:
    """review61: ``captions`` was bounded in its indexes, not its keys: any number of report ids with empty lists (up
    to inflate_json's MAX_VALUES), or one id of any length, was read back and kept. A comparison names at most as many
    reports as it reads units (MAX_STORY_UNITS), and their ids count among its characters (MAX_STORY_CHARS)."""
    from newsmirror.stories.bounds import MAX_STORY_CHARS, MAX_STORY_UNITS

    said = Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, TEXT), SentenceRef(SECOND.id, SECOND.outlet, 0, TEXT)])
    captions: dict[str, list[int]] = ({f"r{n}": [] for n in range(MAX_STORY_UNITS + 1)} if case == "ids"
                                      else {"r" * (2 * MAX_STORY_CHARS + 1): []})
    comparison = Comparison(story_id="visit", outlets=[FIRST.outlet, SECOND.outlet], shared=[said], unique={},
                            captions=captions)
    with pytest.raises(codec.UnreadableComparison):
        codec.decode(codec.encode(comparison))
    fair = Comparison(story_id="visit", outlets=[FIRST.outlet, SECOND.outlet], shared=[said], unique={},
                      captions={FIRST.id: [3], SECOND.id: []})
    assert codec.decode(codec.encode(fair)) == fair
