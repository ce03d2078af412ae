"""A comparison that read a report from its start only says so where it is shown (safety76).

A report past ``stories.bounds`` (64,000 characters, 2,000 units, its share of a long story's) is compared from its
start: on main the reader's story page, the site's, `stories show` and its JSON showed the first units as the report's
comparison with no sign that the rest was not read. The comparison now names such reports (``read_in_part``)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app as cli_app
from newsmirror.store import open_store
from newsmirror.stories import codec
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.web.app import create_app
from tests.web.test_stored_comparison_bounds import FIRST, SECOND, TEXT, received

SAID = "这些报道太长，对比只读了它们的开头"


def cut_story(tmp_path: Path, read_in_part: list[str]) -> Path:
    """A store whose story's stored comparison (as grouping stores it) read ``read_in_part`` in part."""
    shared = [Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, TEXT), SentenceRef(SECOND.id, SECOND.outlet, 0, TEXT)])]
    comparison = Comparison(story_id="visit", outlets=[FIRST.outlet, SECOND.outlet], shared=shared,
                            unique={FIRST.outlet: [], SECOND.outlet: []}, read_in_part=read_in_part)
    return received(tmp_path, codec.encode(comparison))


def test_the_reader_and_the_api_say_which_report_was_read_in_part(tmp_path: Path) -> None:
    with open_store(cut_story(tmp_path, [FIRST.id]), create=False) as store:
        client = TestClient(create_app(store))
        page = client.get("/story/visit").text
        api = client.get("/api/stories/visit/comparison").json()
    assert SAID in page
    line = page.split(SAID, 1)[1].split("</p>", 1)[0]
    assert f'href="#report-{FIRST.id}"' in line and FIRST.outlet in line and SECOND.outlet not in line
    assert {r["id"]: r["read_in_part"] for r in api["reports"]} == {FIRST.id: True, SECOND.id: False}


def test_stories_show_and_the_site_say_it_too(tmp_path: Path) -> None:
    path = cut_story(tmp_path, [SECOND.id])
    shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--db", f"sqlite:{path}"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert f"compared from their start only, longer than a comparison reads: {SECOND.outlet} {SECOND.id}" in shown.output
    as_json = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--json", "--db", f"sqlite:{path}"])
    assert '"read_in_part": true' in as_json.output
    built = CliRunner().invoke(cli_app, ["build", "--db", f"sqlite:{path}", "--out", str(tmp_path / "out"),
                                         "-f", "site", "--no-images"])
    assert built.exit_code == 0, built.output
    page = (tmp_path / "out" / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8")
    assert SAID in page and f'href="#report-{SECOND.id}"' in page.split(SAID, 1)[1].split("</p>", 1)[0]


def test_a_comparison_read_whole_says_nothing(tmp_path: Path) -> None:
    path = cut_story(tmp_path, [])
    with open_store(path, create=False) as store:
        page = TestClient(create_app(store)).get("/story/visit").text
    shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--db", f"sqlite:{path}"], env={"COLUMNS": "200"})
    assert SAID not in page and TEXT in page and "start only" not in shown.output
