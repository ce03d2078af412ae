"""A format builder's pages rendered in forked processes and written by the parent, in order.

Workers are forked when the work starts, so they see the builder as it is then (its page
paths, templates, converter); they get plain data, render, and send back the writes a
one-process build would make. The parent makes them, in the order of the items, so the output
and the manifest are the same whatever the number of processes. A forked worker never uses a
database connection of its parent (SQLite must not be used across a fork): whatever needs the
store is read by the parent and handed over.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from newsmirror.errors import NewsmirrorError
from newsmirror.publish.manifest import OutputWriter

Item = TypeVar("Item")
Result = TypeVar("Result")
Write = tuple[str, bytes, str | None]  # (path, bytes, month) as ``OutputWriter.write`` takes them
QUEUED_PER_WORKER = 3  # tasks waiting per worker: keeps workers busy while the parent writes


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class WorkerDied(NewsmirrorError):
    pass


def forked_executor(jobs: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """``jobs`` worker processes, all forked at the first ``submit`` (so they see this process
    as it is then). A worker that dies (killed for memory) breaks the pool: ``result`` raises
    instead of waiting forever, as ``multiprocessing.Pool`` would."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=initializer)


_DIED = ("a build worker process died (out of memory?); try fewer processes with --jobs, "
         "or --jobs 1 to render in one process")


def submit(executor: ProcessPoolExecutor, func: Callable[[Item], Result], argument: Item) -> Future[Result]:
    try:
        return executor.submit(func, argument)
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


def result_of(future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


class RecordingWriter(OutputWriter):
    """A worker's stand-in for a format's writer: it keeps the writes for the parent to make."""

    def __init__(self) -> None:  # no manifest to load: the parent has it
        self.writes: list[Write] = []

    def write(self, relative: str, content: str | bytes, month: str | None = None) -> bool:
        self.writes.append((relative, content.encode("utf-8") if isinstance(content, str) else content, month))
        return True


_CALL: Callable[[Any], Any] | None = None  # set just before forking; the workers inherit it
_KEPT: list[object] = []  # what a worker replaced, kept referenced (never closed from a fork)


def keep(value: object) -> None:
    """Keep ``value`` alive in this worker: a writer holding a database connection must not be
    closed (and its file touched) from a forked copy of the parent."""
    _KEPT.append(value)


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(items: list[Any]) -> list[Any]:
    assert _CALL is not None
    return [_CALL(item) for item in items]


def fork_map(func: Callable[[Item], Result], items: Iterable[Item], jobs: int, chunk: int = 20) -> Iterator[Result]:
    """``func(item)`` for every item, in ``jobs`` processes forked now; results in item order.
    Items are taken (in this thread) only as the workers need them."""
    global _CALL
    _CALL = func
    executor = forked_executor(jobs, _start_worker)
    waiting: deque[Future[list[Result]]] = deque()
    try:
        iterator = iter(items)
        while batch := list(islice(iterator, chunk)):
            waiting.append(submit(executor, _run, batch))
            _CALL = None  # every worker was forked at the first submit
            while len(waiting) > jobs * QUEUED_PER_WORKER or (len(waiting) > 1 and waiting[0].done()):
                yield from result_of(waiting.popleft())
        while waiting:
            yield from result_of(waiting.popleft())
    finally:
        _CALL = None
        executor.shutdown(wait=True, cancel_futures=True)
