"""Outlet names counted in SQL pass the model's cleaning as every Article read does (safety74).

A store received from elsewhere may hold rows written past the model. Every Article read from it passes
``model.clean_line``, but the counts by outlet did not: the no-report line (session 55; the reader's story page,
`stories show`, the JSON's ``no_report``) and the reader's list of outlets on every page showed a stored name's ESC
sequences, bidi override and line break as they were."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app as cli
from newsmirror.model import Story
from newsmirror.store import StoryMember, open_store
from newsmirror.web import create_app
from tests.web.conftest import BEIJING, article

RAW_NAMES = ["\x1b]8;;file:///etc/passwd\x1b\\链接台\x1b]8;;\x1b\\\x1b[2J", "\u202e反向台", "换行台\n# 标题台", "台\u2067隔离"]
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def received(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "received.sqlite"
    day = datetime(2024, 5, 1, 9, tzinfo=BEIJING)
    with open_store(path) as store:
        reports = [article(f"r{n}", outlet=outlet, title=f"会谈{n}", body_text="双方谈了安全合作。\n\n会谈持续两小时。",
                           published_at=day) for n, outlet in enumerate(["甲社", "乙社"])]
        others = [article(f"o{n}", outlet=f"丙{n}", title=f"其他{n}", body_text="无关的事。", published_at=day)
                  for n in range(len(RAW_NAMES))]
        for item in (*reports, *others):
            store.upsert_article(item)
        store.save_story(Story(id="story-raw", title="会谈"), [StoryMember(r.id, "story-raw") for r in reports])
    db = sqlite3.connect(path)
    with db:  # as a sender writes them: past the model
        db.executemany("UPDATE articles SET outlet = ? WHERE id = ?", [(name, o.id) for o, name in zip(others, RAW_NAMES, strict=True)])
    db.close()
    yield path


def test_the_reader_shows_no_control_of_a_name_counted_in_sql(received: Path) -> None:
    with open_store(received, create=False) as store:
        client = TestClient(create_app(store))
        for url in ("/story/story-raw", "/story/story-raw?script=zh-Hant", "/", "/stories"):
            page = client.get(url)
            assert page.status_code == 200
            assert CONTROLS.findall(page.text) == [], url
        assert "反向台" in client.get("/story/story-raw?script=zh-Hans").text  # the name is shown, without its override
        no_report = client.get("/api/stories/story-raw/comparison").json()["no_report"]["outlets"]
        assert sorted(no_report) == sorted(CONTROLS.sub("", name).replace("\n", " ") for name in RAW_NAMES)


def test_stories_show_prints_the_no_report_line_as_one_line(received: Path) -> None:
    shown = CliRunner().invoke(cli, ["stories", "show", "story-raw", "--db", f"sqlite:{received}"],
                               env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    line = next(line for line in shown.output.splitlines() if line.startswith("no report in this archive from"))
    assert "换行台 # 标题台" in line  # the stored line break is a space, as the model makes it; no line of its own
    assert not any(line.startswith("# 标题台") for line in shown.output.splitlines())
    as_json = CliRunner().invoke(cli, ["stories", "show", "story-raw", "--json", "--db", f"sqlite:{received}"])
    assert "\\u001b" not in as_json.output and "\\u202e" not in as_json.output.lower()
