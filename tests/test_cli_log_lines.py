"""When output is not a terminal (cron mail, a log file, a pipe), a message is one line: rich had
broken `stories group`'s summary at 80 columns, mid-sentence, so `grep grouped` got half of it."""

from __future__ import annotations

import copy
from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store
from tests.stories.fixtures import ALL


def test_a_summary_line_is_not_broken_in_a_log(tmp_path: Path) -> None:
    db = str(tmp_path / "log.sqlite")
    with open_store(db) as store:
        for article in ALL:
            store.upsert_article(copy.deepcopy(article))
    result = CliRunner().invoke(app, ["stories", "group", "--db", db], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    summary = next(line for line in result.output.splitlines() if line.startswith("grouped "))
    assert len(summary) > 80 and summary.endswith("republished copies"), result.output
