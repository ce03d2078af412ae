"""`newsmirror demo` off a terminal (`newsmirror demo 2>&1 | tee demo.log`, a CI job, an IDE's run pane)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app, progress
from tests.fixtures_archives import make_archive


def test_demo_off_a_terminal_says_how_far_it_got(cli_env: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The live bar is drawn only on a terminal: elsewhere the demo, a new user's first command, printed nothing for
    its whole run (90 s on a loaded 2-core machine for one day of the public archive) where `import`, `stories group`
    and `build` print a line every 10 seconds. With lines every 0 s, each phase says how far it got."""
    monkeypatch.setattr(progress, "INTERVAL_SECONDS", 0.0)
    result = CliRunner().invoke(app, ["demo", "--corpus", str(make_archive(tmp_path / "archives"))])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith("demo, importing files: ") and "(100%)" in line for line in lines), result.stderr
    assert any(line.startswith("demo, grouping articles into stories: ") for line in lines), result.stderr
    assert "" not in lines  # no empty line a live bar leaves off a terminal
    # The summary and the next step stay on stdout.
    assert "next: " in result.stdout and "next: " not in result.stderr


def test_demo_at_quick_pace_off_a_terminal_prints_no_progress(cli_env: Path, tmp_path: Path) -> None:
    """A phase over in less than the interval says nothing, as in `build` and `run`."""
    result = CliRunner().invoke(app, ["demo", "--corpus", str(make_archive(tmp_path / "archives"))])
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("demo, ") for line in result.stderr.splitlines()), result.stderr
