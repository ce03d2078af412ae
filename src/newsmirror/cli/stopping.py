"""How a command stops: SIGTERM as Ctrl-C, and quietly when the reader of its output goes away.

SIGTERM (`systemctl stop`, `kill PID`) stops a command as Ctrl-C does.

Python's default for SIGTERM is to die at once: an import ended with no word (what was stored stayed, but nothing
said so). Here SIGTERM raises :class:`Terminated` where Ctrl-C raises KeyboardInterrupt, so the same unwinding runs
(the open batch is rolled back, the store closed) and ``friendly_errors`` prints the same line. The process then
ends by SIGTERM itself (:func:`die_of_sigterm`): a shell sees 143, and systemd a stopped unit, where an exit code of
143 would mark it failed.

`newsmirror search … --json | head` closes the pipe after ten lines: the next write raises BrokenPipeError (Python
ignores SIGPIPE). That is no error of the command's (it ended with "error: Broken pipe"): :func:`stdout_gone` tells it
from a broken socket (a feed's server, PostgreSQL), and :func:`silence_stdout` lets the command end quietly, with
141 (128 + SIGPIPE), what a shell reports for a writer whose reader left.
"""

from __future__ import annotations

import errno
import os
import select
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: a KeyboardInterrupt, so every ``except KeyboardInterrupt`` treats it as Ctrl-C."""


def _stop(signum: int, frame: FrameType | None) -> NoReturn:
    raise Terminated


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within: SIGTERM raises :class:`Terminated` (in the main thread, where SIGTERM still had its default). A command
    that handles SIGTERM itself (`worker`; uvicorn under `serve`) installs its handler over this one while it runs."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _default_in_child() -> None:
    # A forked worker (an import's or a build's pool) is stopped by its parent, or dies of SIGTERM as before: raised
    # there, Terminated printed a traceback per worker.
    if signal.getsignal(signal.SIGTERM) is _stop:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_in_child)


def die_of_sigterm() -> NoReturn:
    """End this process by SIGTERM, after what it had to say is written."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)
    raise SystemExit(128 + signal.SIGTERM)  # not reached: the signal is delivered before kill returns


UNWRAPPED = 10_000  # columns a table off a terminal may take: its widest row, never wrapped
STDOUT_CLOSED = 128 + signal.SIGPIPE  # 141: what a shell reports for a writer whose reader went away


def stdout_gone() -> bool:
    """Whether stdout's reader went away (a pipe whose read end is closed, a hung-up terminal). A BrokenPipeError
    from anything else (a socket) is an error to report."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's captured output): nothing to leave
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


def silence_stdout() -> None:
    """Point stdout at /dev/null, so what is still buffered goes there at exit rather than raising again
    ("Exception ignored … BrokenPipeError" after the command ended)."""
    silence_stream(sys.stdout)


def silence_stream(stream: object) -> None:
    """Point a standard stream's file descriptor at /dev/null (nothing to do for one that is not a file)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


class PipeConsole(Console):
    """A rich console that leaves a closed pipe to the command's wrapper: rich's own answer (its documented hook,
    :meth:`Console.on_broken_pipe`) is ``SystemExit(1)``, so `… | head` of a table ended with status 1, unlike the
    same command's ``print``.

    Off a terminal (a pipe, `less`, a file) a table is drawn as wide as its rows, one line a row, unless COLUMNS
    asks for a width: rich drew it 80 columns wide (or the width of the terminal a pipe starts from), and
    `stories list | less` wrapped each title over three or four lines, which `grep` and `sort` cannot read."""

    def print(self, *objects: Any, **options: Any) -> None:
        if self.is_terminal or "width" in options or os.environ.get("COLUMNS", "").isdigit() \
                or not any(isinstance(item, Table) for item in objects):
            super().print(*objects, **options)
            return
        for item in objects:
            if not isinstance(item, Table):
                super().print(item, **options)
                continue
            # As wide as its cells need, not as the console: for this print only (the table is the caller's; a
            # second print of it, to a terminal or another console, expands as it asked).
            expand, item.expand = item.expand, False
            saved = self._width
            try:
                wide = self.options.update_width(UNWRAPPED)
                natural = Measurement.get(self, wide, item).maximum
                self.width = max(natural, 1)
                super().print(item, **options)
            finally:
                self._width = saved
                item.expand = expand

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more from this console: its file is gone
        if self.stderr:
            # stderr's reader left (`… 2>&1 >out | head -1`): warnings and errors have nowhere to go, but the work is
            # not stopped for it (a run would have ended mid-build with a traceback nobody saw). The rest goes to
            # /dev/null; the exit status still says how the command went.
            silence_stream(sys.stderr)
            return
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
