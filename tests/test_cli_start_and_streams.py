"""How a command starts: Ctrl-C while Python still imports the CLI (about 0.7 s before any command runs) ends with one
line and 130, not a KeyboardInterrupt traceback from deep in an import; a closed stdout or stderr (`>&-`, `2>&-`) or a
stderr whose reader left neither fails the command nor changes its exit status. Each case is a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsmirror.cli.stopping import PipeConsole
from newsmirror.store import open_store

SRC = Path(__file__).resolve().parent.parent / "src"

# The signal is real: the process sends SIGINT to itself while importing typer, inside the CLI's import, as a
# terminal's Ctrl-C would arrive there. `python -m newsmirror` then runs as usual.
CTRL_C_WHILE_IMPORTING = """
import builtins, os, runpy, signal, sys
real_import = builtins.__import__
def importing(name, *args, **kwargs):
    if name == "typer" and "sent" not in globals():
        globals()["sent"] = True
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = importing
sys.argv = ["newsmirror", *sys.argv[1:]]
runpy.run_module("newsmirror", run_name="__main__", alter_sys=True)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}


def test_ctrl_c_while_the_cli_is_imported_says_one_line_and_exits_130(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_IMPORTING, "stats", "--db", str(tmp_path / "x.sqlite")],
                          capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "interrupted before the command started; nothing was changed.\n"
    assert done.stdout == ""


# A real SIGINT while the command line is parsed: when the parameter named in argv[1] ("*": the first, the group's
# own `--help`) is handled, inside make_context, where no command's friendly_errors is in place yet. On typer's
# classes (typer 0.29 parses with its own copy of click).
CTRL_C_WHILE_PARSING = """
import os, runpy, signal, sys
import typer.core
chosen = sys.argv[1]
for kind in (typer.core.TyperOption, typer.core.TyperArgument):
    def handling(self, ctx, opts, args, real=kind.handle_parse_result):
        if chosen in ("*", self.name) and "sent" not in globals():
            globals()["sent"] = True
            os.kill(os.getpid(), signal.SIGINT)
        return real(self, ctx, opts, args)
    kind.handle_parse_result = handling
sys.argv = ["newsmirror", *sys.argv[2:]]
runpy.run_module("newsmirror", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("parameter", ["*", "db"])
def test_ctrl_c_while_the_command_line_is_parsed_says_the_same_line_and_exits_130(
        parameter: str, tmp_path: Path) -> None:
    # click said "Aborted!" and exited 1 (older typer; pyproject allows 0.12); typer 0.29 exits 130 and says nothing.
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_PARSING, parameter, "stats", "--db",
                           str(tmp_path / "x.sqlite")], capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "interrupted before the command started; nothing was changed.\n"
    assert done.stdout == ""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = str(tmp_path_factory.mktemp("streams") / "nm.sqlite")
    open_store(location, create=True).close()
    return location


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    """``command`` under bash (for its `>&-` and `2>&-`), `newsmirror` being this tree's CLI."""
    return subprocess.run(["bash", "-c", f"nm() {{ {sys.executable} -m newsmirror \"$@\"; }}; {command}"],
                          capture_output=True, text=True, env=_env(), timeout=120)


@pytest.mark.parametrize(("args", "code"), [("stats", 0), ("stats --json", 0), ("show nosuch", 1)])
def test_a_closed_stdout_or_stderr_changes_no_exit_status(db: str, args: str, code: int) -> None:
    for closed in (">&-", "2>&-", ">&- 2>&-"):
        done = _shell(f"nm {args} --db {db} {closed}; echo \"status $?\" >&2")
        assert done.stderr.splitlines()[-1] == f"status {code}", (args, closed, done.stderr)
        assert "Traceback" not in done.stderr and "Error" not in done.stderr, (args, closed, done.stderr)


def test_a_closed_stderr_is_dev_null_before_anything_is_opened(tmp_path: Path) -> None:
    # With fd 2 closed, the next file opened (the store's database) would be given fd 2, and what went to "stderr"
    # would land in it.
    probe = ("import os, newsmirror.__main__ as entry; entry.open_standard_streams(); "
             "print(os.readlink('/proc/self/fd/2'))")
    done = _shell(f"{sys.executable} -c \"{probe}\" 2>&-")
    assert done.stdout.strip() == os.devnull, done


def test_a_stderr_whose_reader_left_silences_messages_and_the_command_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # A warning to a stderr nobody reads raised BrokenPipeError, which stopped the command (a run mid-build) with a
    # traceback nobody saw.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", encoding="utf-8") as stream:
        monkeypatch.setattr(sys, "stderr", stream)
        console = PipeConsole(stderr=True)
        console.print("warning: one")
        console.print("warning: two")
        assert console.quiet
        assert os.readlink(f"/proc/self/fd/{write_end}") == os.devnull
