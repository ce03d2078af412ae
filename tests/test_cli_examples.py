"""Every command's `--help` ends with examples a new user can copy, and every example is a valid command line.

Before (session 55's walk of the README), no help showed a command line and `newsmirror --help` did not say where to
start. Each example is parsed here by the command it names (options, values, arguments), so an option renamed or
removed breaks this test, not a reader's first try.
"""

from __future__ import annotations

import shlex
from typing import Any

import typer
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.cli.examples import EXAMPLES

WIDE = {"COLUMNS": "250"}


def _leaves(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _leaves(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


def test_newsmirror_help_says_where_to_start() -> None:
    shown = CliRunner().invoke(app, ["--help"], env=WIDE)
    assert shown.exit_code == 0 and "`newsmirror demo`" in shown.output and "`newsmirror serve`" in shown.output


def test_every_command_s_help_ends_with_its_examples() -> None:
    root: Any = typer.main.get_command(app)
    leaves = _leaves(root)
    assert len(leaves) >= 24  # 15 commands, 5 of `sources`, 4 of `stories`
    for path, _ in leaves:
        shown = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
        assert shown.exit_code == 0, shown.output
        after = shown.output.split("Examples:", 1)
        assert len(after) == 2, f"`newsmirror {' '.join(path)} --help` shows no example"
        lines = [line.strip(" │") for line in after[1].splitlines() if line.strip(" │")]
        assert any(f"newsmirror {' '.join(path)}" in line for line in lines), (path, lines)


def test_every_example_is_a_command_line_its_command_accepts() -> None:
    root: Any = typer.main.get_command(app)
    parsed = 0
    for lines in EXAMPLES.values():
        for line in lines:
            for part in line.split("#", 1)[0].split("&&"):
                words = shlex.split(part)
                assert words[0] == "newsmirror", line
                command, rest, name = root, words[1:], "newsmirror"
                while hasattr(command, "commands"):
                    assert rest and rest[0] in command.commands, (line, rest)
                    name, command, rest = rest[0], command.commands[rest[0]], rest[1:]
                # Parsing only (options, their values and types, the arguments), as the command line would be.
                command.make_context(name, list(rest))
                parsed += 1
    assert parsed >= 40
