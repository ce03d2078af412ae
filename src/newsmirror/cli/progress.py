"""Progress of a long command: a live bar on a terminal, periodic plain lines otherwise.

Run from cron, CI or into a log file, a 64k-article import or build showed nothing for 15-20
minutes (rich's live display is off when stderr is no terminal). There, a line every
``interval`` seconds says how far it got, how fast, and how long is left::

    importing: 12,288/64,644 files (19%), 152/s, about 5m 44s left

A job of several phases (a build: reading, rendering, then story pages and listings) reports
each phase with its own done/total (``phase``): a phase that lasts ``interval`` seconds gets a line
then, one every ``interval`` while it runs and one when it ends, so the last phase is a wait of at
most ``interval`` after "100 %"::

    building, rendering articles: 64,639/64,639 (100%), 152/s, done in 7m 05s
    building, story pages and listings (site): 1,520/2,410 (63%), 152/s, about 6s left

A phase over in less says nothing: a run with nothing to do (`run` from cron every few minutes)
printed two lines for each of its six phases, each "done in 0s", which cron mails (polish65).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Any, Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column

from newsmirror.cli.terminal import shown

INTERVAL_SECONDS = 10.0


def clock_time(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def progress_line(label: str, done: int, total: int | None, elapsed: float, unit: str = "",
                  pace: float | None = None) -> str:
    """``label: done/total unit (percent), rate/s, about ETA left``. The time left is counted at ``pace``
    (items a second; 0: not known yet, no estimate), else at the mean rate since the start."""
    unit = f" {unit}" if unit else ""
    if total == 0 and not done:  # a phase with nothing in it: a build's Jekyll output has no story pages
        return f"{label}: nothing to do"  # (it said "building, story pages and listings (jekyll): 0, 0/s")
    rate = done / elapsed if elapsed > 0 else 0.0
    pace = rate if pace is None else pace
    if total:
        text = f"{label}: {done:,}/{total:,}{unit} ({100 * done / total:.0f}%), {rate:,.0f}/s"
        if 0 < done < total and pace > 0:
            text += f", about {clock_time((total - done) / pace)} left"
        elif done >= total:
            text += f", done in {clock_time(elapsed)}"
        return text
    return f"{label}: {done:,}{unit}, {rate:,.0f}/s"


class StageProgress:
    """``update(done, total)`` from any loop; shows a bar on a terminal, else a line on the
    stream every ``interval`` seconds (and one at the end)."""

    def __init__(self, label: str, console: Console, *, unit: str = "", interval: float = INTERVAL_SECONDS,
                 stream: IO[str] | None = None, clock: Callable[[], float] = time.monotonic,
                 terminal: bool | None = None, quiet: bool = False) -> None:
        self.label = label
        self.quiet = quiet  # `--quiet`: no bar and no lines, the job runs as without a display
        self.unit = unit
        self.interval = interval
        self.stream = stream
        self.clock = clock
        self.terminal = not quiet and (console.is_terminal if terminal is None else terminal)
        self.console = console
        self.done = 0
        self.total: int | None = None
        self._bar: Progress | None = None
        self._task: Any = None
        self._started = 0.0
        self._last_line = 0.0
        self._phase: str | None = None
        self._said: int | None = None  # the count the current phase's last line gave (None: no line yet)
        self._last_text = ""
        # When the first item was done, and how many were: the time left is counted at the pace since then. The
        # start-up before it (an import's worker processes loading their libraries: 10 s of a 12 s import of 196
        # files on a loaded machine) is no measure of the pace, and counted in it said "about 37m 47s left".
        self._first: tuple[float, int] | None = None

    def __enter__(self) -> Self:
        self._started = self._last_line = self.clock()
        if self.terminal:
            # The detail (a file name, often Chinese: two cells a character) takes only the room left and is cut
            # with an ellipsis: at 80 columns it squeezed out the count, the bar and the time left, so an import
            # showed "import… <file name>" and nothing of how far it got.
            detail = Column(ratio=1, no_wrap=True, overflow="ellipsis")
            self._bar = Progress(TextColumn(f"[bold]{self.label}"), BarColumn(bar_width=24), MofNCompleteColumn(),
                                 TimeRemainingColumn(), TextColumn("[dim]{task.description}", table_column=detail),
                                 console=self.console, transient=True, expand=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=None)
        return self

    def update(self, done: int, total: int | None = None, detail: str = "") -> None:
        self.done, self.total = done, total if total is not None else self.total
        if self._first is None and done > 0:
            self._first = (self.clock(), done)
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total, description=shown(detail[-60:]))
            return
        now = self.clock()
        if now - self._last_line >= self.interval:
            self._last_line = now
            self._write(now)

    def say(self, detail: str) -> None:
        """Show ``detail`` beside the bar now: a pause is about to start, and the bar would draw a
        new detail only at its next refresh, after the pause."""
        if self._bar is not None:
            self._bar.update(self._task, description=shown(detail[-60:]))
            self._bar.refresh()

    def phase(self, done: int, total: int, phase: str) -> None:
        """``update`` for one phase of a job of several: each phase has its own total, rate and
        ETA; off a terminal a phase that lasts ``interval`` gets a line then, one every ``interval`` and one
        when it ends; a shorter one none."""
        if phase != self._phase:
            now = self.clock()
            if self._phase is not None and self._bar is None and self._said not in (None, self.done):
                self._write(now)  # how the phase that ends got on, unless its last line said it
            self._phase, self._started, self._last_line, self._first = phase, now, now, None
            self._said = None
            self.done, self.total = done, total
            if self._bar is not None:
                self._bar.reset(self._task, total=total, completed=done, description=shown(phase))
        self.update(done, total, phase)

    def _write(self, now: float) -> None:
        if self.quiet:
            return
        stream = self.stream or sys.stderr
        label, unit = (f"{self.label}, {self._phase}", "") if self._phase is not None else (self.label, self.unit)
        line = progress_line(label, self.done, self.total, now - self._started, unit, pace=self._pace(now))
        if line != self._last_text:  # a phase's end is often written by the periodic line already
            print(line, file=stream, flush=True)
            self._last_text = line
        self._said = self.done

    def _pace(self, now: float) -> float:
        """Items a second since the first was done; 0 while that is not known (one count seen so far)."""
        if self._first is None:
            return 0.0
        first_at, first_done = self._first
        return (self.done - first_done) / (now - first_at) if now > first_at and self.done > first_done else 0.0

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)
        elif self.done and exc_type is None and (self._phase is None or self._said not in (None, self.done)):
            self._write(self.clock())
