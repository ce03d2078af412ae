"""A command whose reader goes away (`newsmirror search … --json | head`) ends quietly: no "error: Broken pipe", exit
0 or 141 (128 + SIGPIPE, what a shell reports for such a writer). Real processes, their stdout a pipe that the reader
closes early; and a broken socket is still reported as an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

import newsmirror.cli as cli
from newsmirror.model import Article
from newsmirror.store import open_store
from tests.web.conftest import SIMPLIFIED, fill

SRC = Path(__file__).resolve().parent.parent / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "100"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pipe") / "s.sqlite"
    with open_store(path) as store:
        fill(store)
        for n in range(300):  # more than a pipe holds (64 KiB), so `| head` leaves while it is still written
            store.upsert_article(Article(outlet="示例报", title=f"选举消息第{n}号：" + "候选人发表讲话，" * 20,
                                         original_url=f"https://example.org/e{n}", body_text="选举结果公布。" * 40))
    return str(path)


COMMANDS = [["stats", "--json"], ["search", "马朝旭", "--json"], ["search", "选举", "--limit", "300"],
            ["show", SIMPLIFIED.id], ["stories", "list"]]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_closes_at_once_ends_the_command_quietly(db: str, args: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "newsmirror", *args, "--db", db], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes a byte: its first write finds no reader
    errors = process.stderr.read()
    assert process.wait(timeout=60) in (0, 141) and errors == ""


def test_head_after_a_few_lines_ends_the_command_quietly(db: str) -> None:
    script = (f'{sys.executable} -m newsmirror search 选举 --json --limit 300 --db "$1" | head -n 3;'
              ' echo "exit ${PIPESTATUS[0]}"')
    result = subprocess.run(["bash", "-c", script, "-", db], env=ENV, capture_output=True, text=True, timeout=60)
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and lines[-1] in ("exit 0", "exit 141") and result.stderr == ""


def _raises_broken_pipe() -> None:
    raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_socket_is_still_an_error(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    command = cli.friendly_errors(_raises_broken_pipe)
    with pytest.raises(typer.Exit) as ended:  # stdout is fine (here pytest's capture): the pipe was another's
        command()
    assert ended.value.exit_code == 1 and "Broken pipe" in capsys.readouterr().err
    monkeypatch.setattr(cli, "stdout_gone", lambda: True)
    monkeypatch.setattr(cli, "silence_stdout", lambda: None)
    with pytest.raises(typer.Exit) as ended:
        command()
    assert ended.value.exit_code == 141 and capsys.readouterr().err == ""


def test_every_command_runs_in_friendly_errors() -> None:
    # Where a closed stdout, Ctrl-C, SIGTERM and errors are handled: a command outside it would end with a traceback.
    wrapper_code = cli.friendly_errors(_raises_broken_pipe).__code__

    def commands(app: typer.Typer, prefix: str = "") -> list[tuple[str, Any]]:
        found = [(prefix + (info.name or getattr(info.callback, "__name__", "?")), info.callback)
                 for info in app.registered_commands]
        for group in app.registered_groups:
            if group.typer_instance is not None:
                found += commands(group.typer_instance, f"{prefix}{group.name} ")
        return found

    listed = commands(cli.app)
    assert len(listed) > 20
    assert [name for name, callback in listed if getattr(callback, "__code__", None) is not wrapper_code] == []
