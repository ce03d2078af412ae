"""`--outlet` of `changes` and `recheck` refuses (`recheck --queue` warns of) a name the store has no article of (a typo),
which said only "no edits" or "nothing is due" before, and names the outlets; the other script is taken as the stored
name, as `search`, the reader and `stories show --outlet` take it (one rule: `cli.stored_outlet`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.model import Article
from newsmirror.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "outlets.sqlite")
    with open_store(path) as store:
        for outlet in ("美国之音", "中央社"):
            store.upsert_article(Article(outlet=outlet, title=f"{outlet}的报道", body_text=f"{outlet}报道的正文。",
                                         original_url=f"https://example.org/{outlet}"))
    return path


@pytest.mark.parametrize("command", [["changes"], ["changes", "--json"], ["recheck"]])
def test_an_unknown_outlet_is_an_error_that_names_the_outlets(db: str, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--db", db, "--outlet", "美国知音"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert said.startswith("error: no articles of outlet '美国知音' in the store;") and "美国之音" in said
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["changes"], ["recheck"], ["search", "报道"]])
def test_the_other_script_is_taken_as_the_stored_name(db: str, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--db", db, "--outlet", "美國之音"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "no articles of outlet" not in result.output


def test_a_typo_is_still_refused_by_search(db: str) -> None:
    result = CliRunner().invoke(app, ["search", "报道", "--db", db, "--outlet", "美国知音"], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "no articles of outlet '美国知音'" in " ".join(result.output.split())


def test_a_known_outlet_still_lists(db: str) -> None:
    result = CliRunner().invoke(app, ["changes", "--db", db, "--outlet", "中央社"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output


def test_queueing_for_an_unknown_outlet_warns_and_queues(db: str) -> None:
    """A fleet may queue the re-check of an outlet whose articles a fetch has yet to bring: a warning, no refusal."""
    result = CliRunner().invoke(app, ["recheck", "--queue", "--db", db, "--outlet", "BBC中文"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "warning: no articles of outlet 'BBC中文' in the store;" in result.stderr
    assert "queued the recheck job for BBC中文" in result.stdout


def test_queueing_in_the_other_script_queues_the_stored_name(db: str) -> None:
    result = CliRunner().invoke(app, ["recheck", "--queue", "--db", db, "--outlet", "美國之音"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr and "queued the recheck job for 美国之音" in result.stdout
