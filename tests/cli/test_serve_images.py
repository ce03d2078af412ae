"""`newsmirror serve --images DIR` with a folder that is not there (a typo, a build not run yet)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: calls.append(options))
    return calls


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def test_an_image_folder_that_is_not_there_is_warned_of(cli_env: Path, tmp_path: Path,
                                                         served: list[dict[str, Any]]) -> None:
    """It was taken silently, and every article showed its captions only, with nothing saying why."""
    open_store(cli_env).close()
    missing = tmp_path / "out" / ".cache" / "imgaes"
    result = CliRunner().invoke(app, ["serve", "--port", _free_port(), "--images", str(missing)])
    assert result.exit_code == 0, result.output
    assert served, result.output  # the reader still starts: a later build may write the folder
    said = " ".join(result.stderr.split())
    assert said.startswith("warning: ") and str(missing) in said and "--images" in said, said


def test_a_real_image_folder_says_nothing(cli_env: Path, tmp_path: Path, served: list[dict[str, Any]]) -> None:
    open_store(cli_env).close()
    images = tmp_path / "images"
    images.mkdir()
    result = CliRunner().invoke(app, ["serve", "--port", _free_port(), "--images", str(images)])
    assert result.exit_code == 0 and served, result.output
    assert "warning" not in result.stderr, result.stderr
