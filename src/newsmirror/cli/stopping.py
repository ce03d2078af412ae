"""SIGTERM (`systemctl stop`, `kill PID`) stops a command as Ctrl-C does.

Python's default for SIGTERM is to die at once: an import ended with no word (what was stored stayed, but nothing
said so). Here SIGTERM raises :class:`Terminated` where Ctrl-C raises KeyboardInterrupt, so the same unwinding runs
(the open batch is rolled back, the store closed) and ``friendly_errors`` prints the same line. The process then
ends by SIGTERM itself (:func:`die_of_sigterm`): a shell sees 143, and systemd a stopped unit, where an exit code of
143 would mark it failed.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn


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
