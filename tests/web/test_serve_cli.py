"""`newsmirror serve`: defaults to this machine only, read-only unless a token is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(asgi: Any, **options: Any) -> None:
        seen.update(options, app=asgi)
        seen["status"] = TestClient(asgi).post("/api/admin/reindex",
                                              headers={"Authorization": "Bearer tok"}).status_code

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_listens_on_loopback_and_is_read_only_by_default(captured: dict[str, Any], tmp_path: Path) -> None:
    open_store(tmp_path / "s.sqlite").close()  # serve reads: it refuses a store that does not exist
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert captured["host"] == "127.0.0.1" and captured["port"] == 8123
    assert captured["status"] == 403


def test_serve_with_a_token_enables_admin_actions(captured: dict[str, Any], tmp_path: Path) -> None:
    open_store(tmp_path / "s.sqlite").close()
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite")],
                                env={"NEWSMIRROR_ADMIN_TOKEN": "tok"})
    assert result.exit_code == 0, result.output
    assert captured["status"] == 200


def test_serve_passes_the_public_url_and_the_image_cache(captured: dict[str, Any], tmp_path: Path) -> None:
    cache = tmp_path / "out/.cache/images"
    cache.mkdir(parents=True)
    open_store(tmp_path / "s.sqlite").close()  # serve reads: it refuses a store that does not exist
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--images", str(cache),
                                      "--public-url", "https://news.example.org/"])
    assert result.exit_code == 0, result.output
    reader = captured["app"]
    assert reader.state.public_url == "https://news.example.org/"
    assert reader.state.images.folder == cache  # feeds and images themselves: test_hostile_requests, test_images_and_docs


def test_serve_on_a_port_in_use_says_so_without_a_traceback(captured: dict[str, Any], tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port", str(port)])
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output
    assert "reader on" not in result.output  # no banner promising a server that never started
    assert "host" not in captured  # uvicorn was never started


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_serve_on_a_port_that_cannot_be_says_so_without_a_traceback(captured: dict[str, Any], tmp_path: Path,
                                                                     port: str) -> None:
    # --port 99999 got past the port check (getaddrinfo took it) and ended in uvicorn's OverflowError traceback.
    with open_store(tmp_path / "s.sqlite"):
        pass
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port", port],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 2 and "Invalid value for '--port'" in result.output, result.output
    assert "Traceback" not in result.output
    assert "host" not in captured  # uvicorn was never started


def test_ctrl_c_while_the_reader_starts_says_reader_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Not the import's "everything stored so far is kept" (a reader stores nothing); and the Ctrl-C handler the
    reader installs is gone after it."""
    import signal

    import uvicorn

    def interrupted_run(asgi: Any, **options: Any) -> None:
        signal.raise_signal(signal.SIGINT)  # the signal itself, through whatever handler is installed

    monkeypatch.setattr(uvicorn, "run", interrupted_run)
    open_store(tmp_path / "s.sqlite").close()
    before = signal.getsignal(signal.SIGINT)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 130 and result.output.strip().splitlines()[-1] == "reader stopped.", result.output
    assert "stored" not in result.output and signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("given", ["notaurl", "news.example.org", "javascript:alert(1)"])
def test_a_public_url_that_is_no_address_is_refused(captured: dict[str, Any], tmp_path: Path, given: str) -> None:
    # `serve --public-url notaurl` started a reader at /notaurl/ whose feeds linked notaurl/...
    open_store(tmp_path / "s.sqlite").close()
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--public-url", given])
    assert result.exit_code == 1 and "app" not in captured
    assert result.output.startswith("error: --public-url must be an absolute http(s) address")


@pytest.mark.parametrize("host", ["999.1.1.1", "192.0.2.1"])
def test_a_host_that_cannot_be_listened_on_is_one_line_of_error_and_no_warning(captured: dict[str, Any],
                                                                                 tmp_path: Path, host: str) -> None:
    # `serve --host 999.1.1.1` warned that anyone could reach the store, then failed to resolve the host; an address
    # of another machine (192.0.2.1, a documentation address) was blamed on "another program" using the port.
    open_store(tmp_path / "s.sqlite").close()
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.sqlite"), "--host", host, "--port", "8123"],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 1 and "host" not in captured, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"error: cannot listen on {host}") or line.startswith(f"error: cannot listen on '{host}'")
    assert "check --host" in line and "another program" not in line
