"""The commands `newsmirror demo` prints are copied from a terminal: never broken across lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app, console
from tests.fixtures_archives import JEKYLL_POST, write


def test_the_commands_the_demo_prints_stay_whole_on_a_narrow_terminal(cli_env: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """On an 80-column terminal the summary was wrapped by the program: "`newsmirror" ended one line and "history
    5e4e5cfe03b87c2e`" began the next, so a copied command was two lines. The terminal wraps the line instead."""
    monkeypatch.setattr(console, "soft_wrap", False)  # as on a terminal
    monkeypatch.setenv("COLUMNS", "40")
    archive = tmp_path / "archives"
    write(archive, "_posts/2024-03-01-a.md", JEKYLL_POST)
    edited = JEKYLL_POST.replace("title: ", "title: 更新：", 1)
    assert edited != JEKYLL_POST
    write(archive, "_posts/2024-03-02-a.md", edited)  # a later copy of the same item with another title
    result = CliRunner().invoke(app, ["demo", "--corpus", str(archive)])
    assert result.exit_code == 0, result.output
    commands = re.findall(r"`[^`]*`", result.stdout)
    assert any(command.startswith("`newsmirror history ") for command in commands), result.stdout
    assert commands and all("\n" not in command for command in commands), result.stdout
