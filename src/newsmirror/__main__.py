"""The `newsmirror` command's entry (`python -m newsmirror` and the installed script).

Light on purpose: Python spends ~0.7 s importing the CLI (typer, rich, the stages) before any command runs, and a
Ctrl-C there printed a KeyboardInterrupt traceback from deep in an import. Here it is caught where nothing has
started yet. Closed standard streams (`2>&-`, `>&-`) are made harmless first, before anything opens a file.
"""

from __future__ import annotations

import os
import sys

from newsmirror.errors import INTERRUPTED_BEFORE_START, INTERRUPTED_EXIT  # no import of its own: light


def open_standard_streams() -> None:
    """Point a closed (or read-only) stdin, stdout or stderr at /dev/null, as the shell's `>/dev/null` would.

    With fd 2 closed, the next file the process opens (the store's database) would get fd 2, and anything written to
    "stderr" would land in it; Python itself gives ``sys.stdout = None`` for a closed fd 1, on which the CLI failed at
    import (``None.isatty()``). A command run so does its work; what it would have printed there goes nowhere, and its
    exit status is what it would have been."""
    import fcntl

    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        except OSError:  # closed
            usable = False
        else:
            usable = mode == os.O_RDONLY or flags & os.O_ACCMODE != os.O_RDONLY
        if usable:
            continue
        devnull = os.open(os.devnull, mode)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def interrupted_while_starting() -> None:
    """Ctrl-C before a command ran: one line, not a traceback, and the status friendly_errors gives an interrupt."""
    try:
        sys.stderr.write(INTERRUPTED_BEFORE_START + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr's reader gone too: the status says it
        pass
    sys.exit(INTERRUPTED_EXIT)


def main() -> None:
    open_standard_streams()
    try:
        from newsmirror.cli import app

        app()  # typer builds its click commands here (~0.1 s) before a command's own handler is in place
    except KeyboardInterrupt:
        interrupted_while_starting()


if __name__ == "__main__":
    main()
